// The lint rule that keeps workflow code deterministic (ARCHITECTURE.md): a workflow file may not
// import Node built-ins, db/, postgres or activity values, nor touch `process`.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/env.ts';

const eslint = new ESLint({ cwd: ROOT });

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${ROOT}${filePath}` });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('workflow determinism lint rule', () => {
  it('refuses Node built-ins, I/O libraries, db/ and activity values in workflows/', async () => {
    const ids = await ruleIds(
      [
        "import { readFileSync } from 'node:fs';",
        "import postgres from 'postgres';",
        "import { createDb } from '../db/client.ts';",
        "import { createActivities } from '../activities/index.ts';",
        'export const x = [readFileSync, postgres, createDb, createActivities, process.env];',
      ].join('\n'),
      'workflows/probe.ts',
    );
    expect(ids.filter((id) => id === 'no-restricted-imports')).toHaveLength(4);
    expect(ids).toContain('no-restricted-globals');
  });

  it('allows type-only activity imports in workflows/ and I/O elsewhere', async () => {
    expect(
      await ruleIds("import type { ActivityDeps } from '../activities/index.ts';\nexport type Y = ActivityDeps;\n", 'workflows/probe.ts'),
    ).toEqual([]);
    expect(await ruleIds("import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n", 'activities/probe.ts')).toEqual([]);
  });
});
