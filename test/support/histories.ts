// The committed workflow histories the replay test reads (test/workflows/replay.test.ts). A test
// writes its workflow's history only when asked: every history its run records, or only the named
// ones (so a new history leaves the older ones, which replay older code paths, as they are):
//   KURSUOK_RECORD_HISTORIES=1 TEMPORAL_BIN=… npm test -- <the workflow test>
//   KURSUOK_RECORD_HISTORIES=training-group-local-projection.json npm test -- test/workflows/training-group-lifecycle.test.ts
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { ROOT, TEST_TEMPORAL_ADDRESS } from './env.ts';

export function recordHistoryIfAsked(workflowId: string, fileName: string): void {
  const asked = process.env.KURSUOK_RECORD_HISTORIES ?? '';
  if (asked !== '1' && !asked.split(',').includes(fileName)) return;
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
