// The committed workflow histories the replay test reads (test/workflows/replay.test.ts). A test
// writes its workflow's history only when asked:
//   KURSUOK_RECORD_HISTORIES=1 TEMPORAL_BIN=… npm test -- <the workflow test>
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { ROOT, TEST_TEMPORAL_ADDRESS } from './env.ts';

export function recordHistoryIfAsked(workflowId: string, fileName: string): void {
  if (process.env.KURSUOK_RECORD_HISTORIES !== '1') return;
  // The CLI writes the history as proto3 JSON, the form historyFromJSON reads back.
  const json = execFileSync(process.env.TEMPORAL_BIN ?? 'temporal', [
    'workflow',
    'show',
    '--address',
    TEST_TEMPORAL_ADDRESS,
    '--workflow-id',
    workflowId,
    '--output',
    'json',
  ]);
  writeFileSync(`${ROOT}test/fixtures/histories/${fileName}`, json);
}
