// Where the test services are: scripts/test.sh starts Postgres (database kursuok_test) and a
// separate Temporal dev server on :7243, and exports these variables.
import { fileURLToPath } from 'node:url';
import { loadConfig, type Config } from '../../worker/config.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Several test runs may share the machine's services: each names its own database and bundle. */
const TEST_RUN_ID = process.env.KURSUOK_TEST_ID ?? 'default';
export const WORKFLOW_BUNDLE_PATH = `${ROOT}.data/test/workflow-bundle-${TEST_RUN_ID}.js`;

export const TEST_DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://kursuok:kursuok@localhost:5432/kursuok_test';
export const TEST_TEMPORAL_ADDRESS = process.env.TEMPORAL_ADDRESS ?? 'localhost:7243';

/** A configuration for one test file: its own task queue, so files never take each other's tasks. */
export function testConfig(taskQueue: string, extra: Record<string, string> = {}): Config {
  return loadConfig({
    // The test Mailpit (scripts/test.sh) and, when a test starts them, the simulators.
    SMTP_HOST: process.env.SMTP_HOST ?? 'localhost',
    SMTP_PORT: process.env.SMTP_PORT ?? '1125',
    KURSUOK_MODE: 'test',
    DATABASE_URL: TEST_DATABASE_URL,
    TEMPORAL_ADDRESS: TEST_TEMPORAL_ADDRESS,
    TEMPORAL_TASK_QUEUE: taskQueue,
    ...extra,
  });
}

export function uniqueTaskQueue(name: string): string {
  return `test-${name}-${crypto.randomUUID().slice(0, 8)}`;
}
