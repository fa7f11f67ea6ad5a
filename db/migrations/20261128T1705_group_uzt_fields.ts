import { sql, type Kysely } from 'kysely';

// The UŽT-only fields of "Grupės informacija" (§3.7.1; GRP-4, GRP-5, GRP-16..GRP-19, GRP-39, OQ-56).
//
// - All nullable: a group without UŽT among its funding sources has none of them, and groups saved
//   before these fields existed have none either (so "mandatory with UŽT" is the workflow's rule,
//   not a constraint here).
// - A check keeps them null unless 'UZT' is among funding_sources (GRP-39: disabled → empty).
// - The organisation form is one of the known codes (UZT-19 depends on 'PAMEISTRYSTE'); the target
//   group's list is a suggested one, so it is not fixed here.
// - Durations are whole numbers ≥ 1; assessment dates lie within the programme dates.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('training_groups')
    .addColumn('target_group', 'text')
    .addColumn('vet_form', 'text')
    .addColumn('duration_weeks', 'integer')
    .addColumn('duration_days', 'integer')
    .addColumn('theory_assessment_date', 'date')
    .addColumn('practice_assessment_date', 'date')
    .execute();
  await sql`alter table training_groups
    add constraint training_groups_uzt_only check (
      'UZT' = any (funding_sources)
      or (target_group is null and vet_form is null and duration_weeks is null and duration_days is null
        and theory_assessment_date is null and practice_assessment_date is null)
    ),
    add constraint training_groups_vet_form check (vet_form in ('MOKYKLINE', 'PAMEISTRYSTE')),
    add constraint training_groups_durations check (duration_weeks >= 1 and duration_days >= 1),
    add constraint training_groups_assessment_dates check (
      theory_assessment_date between programme_start and programme_end
      and practice_assessment_date between programme_start and programme_end
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table training_groups
    drop constraint training_groups_assessment_dates,
    drop constraint training_groups_durations,
    drop constraint training_groups_vet_form,
    drop constraint training_groups_uzt_only`.execute(db);
  await db.schema
    .alterTable('training_groups')
    .dropColumn('target_group')
    .dropColumn('vet_form')
    .dropColumn('duration_weeks')
    .dropColumn('duration_days')
    .dropColumn('theory_assessment_date')
    .dropColumn('practice_assessment_date')
    .execute();
}
