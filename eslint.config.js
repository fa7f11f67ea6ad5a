// Lint rules that keep the architecture honest (ARCHITECTURE.md, "Which folder may import which"):
//
//   web ──▶ workflows/<x>/messages.ts, workflows/domain, db, (types only) activities
//   worker ──▶ workflows, activities, db, config
//   activities ──▶ workflows/domain, db, config            (never web)
//   db ──▶ workflows/domain (vocabulary), config            (never activities, web, worker, test)
//   workflows ──▶ workflows only; type-only imports of activities
//   test ──▶ anything
//
// Where the shared pieces live (the top-level folders are fixed, so no new folder for them):
// - vocabularies (statuses, funding sources, registry names and labels, e-mail texts) and pure rules:
//   workflows/domain/, which every room may import (it imports nothing but itself and zod);
// - config and Node-side crypto: worker/config.ts and worker/crypto.ts. They are the two modules
//   of worker/ that both processes (web and worker), the activities and db may import; nothing else
//   of worker/ is. They stay in worker/ because that is where the process configuration already
//   lives and every importer already reaches it there; moving them into db/ or web/ would make one
//   room own what all of them share.
// - the workflows' public contract besides messages.ts and start.ts (how a lifecycle is started, where
//   web and a relay start it alike): ids.ts (workflow IDs), errors.ts (failure
//   codes web maps to Lithuanian), search-attributes.ts and operator-details.ts (search attributes and
//   the static summary given when web starts a workflow). web and activities may import these; a
//   workflow.ts only by type (client.workflow.start<typeof wf>).
// Workflow code is deterministic and runs in Temporal's sandbox, so it may not import Node
// built-ins or anything from db/, activities/ (except types, through proxyActivities), web/ or worker/.
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

/** worker/'s modules that every Node-side room may import. */
const SHARED_WORKER_MODULES = ['!**/worker/config.ts', '!**/worker/crypto.ts'];
/**
 * Every module of workflows/ but its public contract, which web and activities may import as values.
 * (gitignore semantics: a file can be let through only when no folder above it is matched, hence
 * file patterns rather than folder ones.)
 */
const WORKFLOWS_BEYOND_CONTRACT = [
  '**/workflows/**/*.ts',
  '!**/workflows/domain/*.ts',
  '!**/workflows/*/messages.ts',
  '!**/workflows/*/start.ts',
  '!**/workflows/ids.ts',
  '!**/workflows/errors.ts',
  '!**/workflows/search-attributes.ts',
  '!**/workflows/operator-details.ts',
];

const noTests = { group: ['**/test/**', '**/scripts/**'], message: 'Application code never imports tests or scripts.' };
const workerOnlyShared = {
  group: ['**/worker/**', ...SHARED_WORKER_MODULES],
  message: 'Only worker/config.ts and worker/crypto.ts are shared; the rest of worker/ is the worker process.',
};

function restrictImports(patterns, paths = []) {
  return ['error', { paths, patterns }];
}

const webPatterns = [
  noTests,
  workerOnlyShared,
  {
    group: ['**/activities/**'],
    allowTypeImports: true,
    message: 'Web uses activities by type only: a lifecycle change is a workflow Update.',
  },
  {
    group: WORKFLOWS_BEYOND_CONTRACT,
    allowTypeImports: true,
    message:
      'Web imports workflows/domain, workflows/<x>/messages.ts, ids, errors, search attributes, operator details (a workflow.ts by type only).',
  },
];

const workflowRestriction = restrictImports(
  [
    {
      group: [
        '**/db/**',
        '**/web/**',
        '**/worker/**',
        '**/test/**',
        '**/scripts/**',
        'postgres',
        'kysely',
        'kysely-postgres-js',
        'hono',
        'hono/*',
      ],
      message: 'Workflow code does no I/O: call an activity instead.',
    },
    {
      group: ['**/activities/**'],
      allowTypeImports: true,
      message: 'Workflows reference activities by type only (proxyActivities).',
    },
  ],
  nodeBuiltins.map((name) => ({ name, message: 'Workflow code must be deterministic: no Node built-ins.' })),
);

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
      'no-restricted-imports': workflowRestriction,
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'Workflow code must be deterministic.' },
        { name: 'setTimeout', message: 'Use sleep() from @temporalio/workflow.' },
        { name: 'setInterval', message: 'Use sleep() from @temporalio/workflow.' },
      ],
    },
  },
  {
    // The pure rules and vocabularies everyone imports: nothing outside workflows/domain, no Temporal.
    files: ['workflows/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: workflowRestriction[1].paths,
          patterns: [
            ...workflowRestriction[1].patterns,
            {
              regex: '^\\.\\./',
              message: 'workflows/domain is self-contained: web, db and activities import it, so it imports only itself.',
            },
            { group: ['@temporalio/*'], message: 'workflows/domain is pure: no Temporal APIs (web and db import it).' },
          ],
        },
      ],
    },
  },
  {
    files: ['db/**/*.ts'],
    rules: {
      'no-restricted-imports': restrictImports([
        noTests,
        workerOnlyShared,
        {
          group: ['**/activities/**', '**/web/**'],
          message: 'db/ is below activities and web: it stores what it is given (no e-mail text, no rules).',
        },
        { group: ['**/workflows/**/*.ts', '!**/workflows/domain/*.ts'], message: 'db/ imports only the vocabulary of workflows/domain.' },
        { group: ['@temporalio/*', 'hono', 'hono/*'], message: 'db/ talks to Postgres only.' },
      ]),
    },
  },
  {
    files: ['activities/**/*.ts'],
    rules: {
      'no-restricted-imports': restrictImports([
        noTests,
        workerOnlyShared,
        { group: ['**/web/**'], message: 'Activities never import web: move what both need to workflows/domain or worker/crypto.ts.' },
        {
          group: WORKFLOWS_BEYOND_CONTRACT,
          allowTypeImports: true,
          message:
            'Activities import workflows/domain, messages, ids, errors, search attributes, operator details (a workflow.ts by type only).',
        },
      ]),
    },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': restrictImports(webPatterns) },
  },
  {
    // The web process's entry point builds what the routes are given, like worker/main.ts does:
    // the registry clients for the look-ups pages make (licensed programmes, first login's ŠMIR).
    files: ['web/server.ts'],
    rules: {
      'no-restricted-imports': restrictImports([
        ...webPatterns.filter((p) => !p.group.includes('**/activities/**')),
        {
          group: ['**/activities/**/*.ts', '!**/activities/registries/index.ts'],
          allowTypeImports: true,
          message: 'web/server.ts builds only the registry clients.',
        },
      ]),
    },
  },
  {
    files: ['worker/**/*.ts'],
    rules: {
      'no-restricted-imports': restrictImports([noTests, { group: ['**/web/**'], message: 'The worker never imports web.' }]),
    },
  },
);
