import type { Kysely } from 'kysely';

// Issue 12: the learning contract names the participant by birth date (the personal code is never
// stored, only its keyed hash). Set from the personal code at every VIISP login to the portal;
// accounts made before this migration get it at their next login.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('participants').addColumn('birth_date', 'date').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('participants').dropColumn('birth_date').execute();
}
