import { sql, type Kysely } from 'kysely';

// Audit rows written before this fix held `changes` as a jsonb string (double-encoded JSON);
// turn them into the jsonb objects that later rows are and SQL can look into.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`update audit_log set changes = (changes #>> '{}')::jsonb where jsonb_typeof(changes) = 'string'`.execute(db);
  await sql`alter table audit_log add constraint audit_log_changes_object check (jsonb_typeof(changes) = 'object')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table audit_log drop constraint audit_log_changes_object`.execute(db);
}
