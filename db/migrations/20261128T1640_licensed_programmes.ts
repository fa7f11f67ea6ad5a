import { sql, type Kysely } from 'kysely';

// "Licencijuotų mokymo programų sąrašas" (§3.6; LIC-1..LIC-19, OQ-18, OQ-19).
//
// A licensed programme or module is a row of `programmes`, like an NŠPR programme: that is what
// "Institucijos mokymosi programos" lists (LIC-14), what training groups refer to, and whose state
// decides whether new groups may be created (LIC-18, PROG-30). The row gets what only a licensed
// item has: its venue, the SMPKR programme (and module), the training mode, the hours, the licence
// and the registry data as read, who added it, and when it was suspended.
//
// - A check keeps an NŠPR row free of them and a licensed row complete, with
//   contact_hours = theory_hours + practice_hours (LIC-10) and no negative hours (LIC-19).
// - The code stays unique among an institution's NŠPR programmes; a licensed item may repeat its
//   code at other venues and after a suspension, but not twice at one venue while active (LIC-17).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('programmes')
    .addColumn('venue_id', 'uuid')
    .addColumn('smpkr_code', 'text')
    .addColumn('module_code', 'text')
    .addColumn('training_mode', 'text')
    .addColumn('theory_hours', 'numeric(8, 2)')
    .addColumn('practice_hours', 'numeric(8, 2)')
    .addColumn('self_study_hours', 'numeric(8, 2)')
    .addColumn('licence_number', 'text')
    .addColumn('registry_data', 'jsonb')
    .addColumn('added_by', 'uuid', (c) => c.references('institution_users.id'))
    .addColumn('suspended_at', 'timestamptz')
    .addColumn('suspended_by', 'uuid', (c) => c.references('institution_users.id'))
    .execute();
  await sql`alter table programmes
    add constraint programmes_venue foreign key (venue_id, institution_id) references venues (id, institution_id),
    add constraint programmes_training_mode check (training_mode in ('KONTAKTINIS', 'NUOTOLINIS_SINCHRONINIS', 'MISRUS')),
    add constraint programmes_licensed check (
      (venue_id is null and smpkr_code is null and module_code is null and training_mode is null and theory_hours is null
        and practice_hours is null and self_study_hours is null and licence_number is null)
      or (venue_id is not null and smpkr_code is not null and training_mode is not null and licence_number is not null
        and theory_hours >= 0 and practice_hours >= 0 and self_study_hours >= 0
        and contact_hours = theory_hours + practice_hours and cardinality(languages) > 0
        and (module_code is null or module_code = code) and (module_code is not null or smpkr_code = code))
    ),
    add constraint programmes_suspended check (suspended_at is null or state = 'SUSPENDED'),
    drop constraint programmes_institution_code`.execute(db);
  await sql`create unique index programmes_institution_code on programmes (institution_id, code) where venue_id is null`.execute(db);
  await sql`create unique index programmes_licensed_active on programmes (institution_id, venue_id, code) where venue_id is not null and state = 'ACTIVE'`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // A licensed item repeated at several venues (or re-added after a suspension) shares its code:
  // the old constraint cannot come back while such rows exist, and this says so rather than
  // deleting programmes that groups may refer to.
  await sql`drop index programmes_licensed_active`.execute(db);
  await sql`drop index programmes_institution_code`.execute(db);
  await sql`alter table programmes
    drop constraint programmes_suspended,
    drop constraint programmes_licensed,
    drop constraint programmes_training_mode,
    drop constraint programmes_venue,
    add constraint programmes_institution_code unique (institution_id, code)`.execute(db);
  await db.schema
    .alterTable('programmes')
    .dropColumn('venue_id')
    .dropColumn('smpkr_code')
    .dropColumn('module_code')
    .dropColumn('training_mode')
    .dropColumn('theory_hours')
    .dropColumn('practice_hours')
    .dropColumn('self_study_hours')
    .dropColumn('licence_number')
    .dropColumn('registry_data')
    .dropColumn('added_by')
    .dropColumn('suspended_at')
    .dropColumn('suspended_by')
    .execute();
}
