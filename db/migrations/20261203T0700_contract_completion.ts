import type { Kysely } from 'kysely';

// Issue 13 (L6; DONE-2..DONE-8, DONE-13..DONE-15, DONE-18): each participant's completion, owned by
// her LearningContract workflow and projected into her contract's row: "Mokymus pradėjo" (or locked
// when the first session's day passed without it), "Mokymus baigė", the final assessment and its
// confirmation ("Patvirtinti"), and the questionnaire's submission.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('learning_contracts')
    .addColumn('started_at', 'timestamptz')
    .addColumn('locked_at', 'timestamptz')
    .addColumn('completed_at', 'timestamptz')
    .addColumn('assessment', 'text')
    .addColumn('assessment_confirmed_at', 'timestamptz')
    .addColumn('questionnaire_filled_at', 'timestamptz')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('learning_contracts')
    .dropColumn('started_at')
    .dropColumn('locked_at')
    .dropColumn('completed_at')
    .dropColumn('assessment')
    .dropColumn('assessment_confirmed_at')
    .dropColumn('questionnaire_filled_at')
    .execute();
}
