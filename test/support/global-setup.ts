// Once per test run: a fresh schema in the test database, and the workflow bundle built once
// (every test worker loads it instead of running webpack again).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { sql } from 'kysely';
import { createDb } from '../../db/client.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { WORKFLOWS_PATH } from '../../worker/worker.ts';
import { TEST_DATABASE_URL, WORKFLOW_BUNDLE_PATH } from './env.ts';

export default async function setup() {
  const db = createDb(TEST_DATABASE_URL, { max: 1 });
  try {
    await sql`drop schema if exists public cascade`.execute(db);
    await sql`create schema public`.execute(db);
    await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
  const { code } = await bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    logger: { info() {}, warn() {}, error: console.error, debug() {}, trace() {}, log() {} },
  });
  mkdirSync(dirname(WORKFLOW_BUNDLE_PATH), { recursive: true });
  writeFileSync(WORKFLOW_BUNDLE_PATH, code);
}
