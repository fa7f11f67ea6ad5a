import { sql, type Kysely } from 'kysely';

// Issue 5: the provider suspends a group ("Sustabdyta") with a reason; it stays with that status.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('training_groups').addColumn('status_reason', 'text').execute();
  await sql`alter table training_groups add constraint training_groups_suspension_reason
    check (status <> 'Sustabdyta' or coalesce(status_reason, '') <> '')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table training_groups drop constraint training_groups_suspension_reason`.execute(db);
  await db.schema.alterTable('training_groups').dropColumn('status_reason').execute();
}
