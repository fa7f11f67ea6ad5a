import { sql, type Kysely } from 'kysely';

// Issue 13 (PORTAL-8, PROG-21, PROG-22, PROG-31, OQ-20): the answers of the evaluation questionnaire
// ("vertinimo anketa"), kept apart from identities. A row has its own id and names only the
// institution, programme and group it is about, the five 1–5 scores, the optional comment and the
// DATE it was submitted — no participant, contract or registration, and no instant that could be
// matched to learning_contracts.questionnaire_filled_at. Written by the contract's projection in the
// transaction that sets questionnaire_filled_at; the provider sees only aggregates of it.
export async function up(db: Kysely<unknown>): Promise<void> {
  const score = (name: string) => sql.raw(`${name} between 1 and 5`);
  await db.schema
    .createTable('questionnaire_answers')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('institution_id', 'uuid', (c) => c.notNull().references('institutions.id'))
    .addColumn('programme_id', 'uuid', (c) => c.notNull().references('programmes.id'))
    .addColumn('group_id', 'uuid', (c) => c.notNull())
    .addColumn('usefulness', 'smallint', (c) => c.notNull().check(score('usefulness')))
    .addColumn('lecturers', 'smallint', (c) => c.notNull().check(score('lecturers')))
    .addColumn('organisation', 'smallint', (c) => c.notNull().check(score('organisation')))
    .addColumn('materials', 'smallint', (c) => c.notNull().check(score('materials')))
    .addColumn('overall', 'smallint', (c) => c.notNull().check(score('overall')))
    .addColumn('comment', 'text', (c) => c.check(sql`char_length(comment) between 1 and 2000`))
    .addColumn('submitted_on', 'date', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('questionnaire_answers_group')
    .on('questionnaire_answers')
    .columns(['institution_id', 'programme_id', 'group_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('questionnaire_answers').execute();
}
