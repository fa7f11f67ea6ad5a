import { sql, type Kysely } from 'kysely';

// Issue 16: the TrainingGroup projection runs as a local activity. A local activity is not guarded
// by the workflow's history: when the worker dies (or the workflow task fails) after the
// projection committed but before the task completed, the retried task projects the SAME version
// again, possibly with other content (a registration batch with more or fewer Updates, a signal
// handled first). What the last projection of each group wrote is kept here, in the same
// transaction as the write, so that a re-apply of that version can replace it exactly
// (db/queries/training-groups.ts, applyGroupProjection):
// - content_hash: the same content again (a retried regular activity) changes nothing;
// - written_at: now() of the writing transaction, which is also the occurred_at of its audit rows;
// - writes: the group's columns before it, the registrations it inserted, the registrations whose
//   status it changed with their values before, the coupon provider data it replaced;
// - result: the e-mails it queued and the participants it invited, as the workflow was told.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('group_projection_writes')
    .addColumn('group_id', 'uuid', (c) => c.primaryKey().references('training_groups.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('written_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('writes', 'jsonb', (c) => c.notNull())
    .addColumn('result', 'jsonb', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('group_projection_writes').execute();
}
