// Replays committed histories against today's workflow code: a change that would break running
// workflows (non-determinism) fails here. Record a new history with
//   KURSUOK_RECORD_HISTORIES=1 npm test -- test/workflows/training-group.test.ts
import { readdirSync, readFileSync } from 'node:fs';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils.js';
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { ROOT, WORKFLOW_BUNDLE_PATH } from '../support/env.ts';

const DIR = `${ROOT}test/fixtures/histories`;
const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));

describe('replay of committed workflow histories', () => {
  it('has at least one committed history', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('%s replays without non-determinism', async (file) => {
    const history = historyFromJSON(JSON.parse(readFileSync(`${DIR}/${file}`, 'utf8')));
    await expect(Worker.runReplayHistory({ workflowBundle: { codePath: WORKFLOW_BUNDLE_PATH } }, history)).resolves.toBeUndefined();
  });
});
