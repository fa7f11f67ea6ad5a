import type { Kysely } from 'kysely';

// Issue 13 (DONE-8, PORTAL-8): until when the participant's questionnaire takes answers — set with
// "Patvirtinti" (KURSUOK_QUESTIONNAIRE_OPEN_DAYS later), so the portal stops offering a questionnaire
// whose contract workflow no longer waits for it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('learning_contracts').addColumn('questionnaire_closes_at', 'timestamptz').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('learning_contracts').dropColumn('questionnaire_closes_at').execute();
}
