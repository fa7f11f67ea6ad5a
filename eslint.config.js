// Lint rules that keep the architecture honest. The important one: workflow code is deterministic
// and runs in Temporal's sandbox, so it may not import Node built-ins or anything from db/,
// activities/, web/ or worker/ (activities are referenced by type only, through proxyActivities).
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default tseslint.config(
  { ignores: ['node_modules/**', '.data/**', 'dist/**', 'test/fixtures/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'Workflow code must be deterministic: no Node built-ins.' })),
          patterns: [
            {
              group: ['**/db/**', '**/web/**', '**/worker/**', 'postgres', 'kysely', 'kysely-postgres-js', 'hono', 'hono/*'],
              message: 'Workflow code does no I/O: call an activity instead.',
            },
            {
              group: ['**/activities/**'],
              allowTypeImports: true,
              message: 'Workflows reference activities by type only (proxyActivities).',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'Workflow code must be deterministic.' },
        { name: 'setTimeout', message: 'Use sleep() from @temporalio/workflow.' },
        { name: 'setInterval', message: 'Use sleep() from @temporalio/workflow.' },
      ],
    },
  },
);
