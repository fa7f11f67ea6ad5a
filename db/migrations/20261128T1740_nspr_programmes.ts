import { sql, type Kysely } from 'kysely';

// PROG-2, PROG-5, EXT-6: NŠPR programmes are copied into `programmes` by the registry refresh.
//
// - An NŠPR programme may now carry "Mokymo būdas" (training_mode) when NŠPR gives one: the check of
//   20261128T1640 kept it null for every row without a venue. The licensed-row half is unchanged.
// - nspr_data keeps NŠPR's record as last read (shown read-only in "Bendroji programos
//   informacija", PROG-20) and nspr_refreshed_at when it was read; both null for licensed rows and
//   for programmes that never came from NŠPR.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('programmes').addColumn('nspr_data', 'jsonb').addColumn('nspr_refreshed_at', 'timestamptz').execute();
  await sql`alter table programmes
    drop constraint programmes_licensed,
    add constraint programmes_licensed check (
      (venue_id is null and smpkr_code is null and module_code is null and theory_hours is null
        and practice_hours is null and self_study_hours is null and licence_number is null)
      or (venue_id is not null and smpkr_code is not null and training_mode is not null and licence_number is not null
        and theory_hours >= 0 and practice_hours >= 0 and self_study_hours >= 0
        and contact_hours = theory_hours + practice_hours and cardinality(languages) > 0
        and (module_code is null or module_code = code) and (module_code is not null or smpkr_code = code))
    ),
    add constraint programmes_nspr_data check (nspr_data is null or venue_id is null)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // The old check needs training_mode null on rows without a venue: the refresh sets it again.
  await sql`update programmes set training_mode = null where venue_id is null`.execute(db);
  await sql`alter table programmes
    drop constraint programmes_nspr_data,
    drop constraint programmes_licensed,
    add constraint programmes_licensed check (
      (venue_id is null and smpkr_code is null and module_code is null and training_mode is null and theory_hours is null
        and practice_hours is null and self_study_hours is null and licence_number is null)
      or (venue_id is not null and smpkr_code is not null and training_mode is not null and licence_number is not null
        and theory_hours >= 0 and practice_hours >= 0 and self_study_hours >= 0
        and contact_hours = theory_hours + practice_hours and cardinality(languages) > 0
        and (module_code is null or module_code = code) and (module_code is not null or smpkr_code = code))
    )`.execute(db);
  await db.schema.alterTable('programmes').dropColumn('nspr_data').dropColumn('nspr_refreshed_at').execute();
}
