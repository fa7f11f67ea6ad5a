import { sql, type Kysely } from 'kysely';

// "Ataskaita. Dalyvių informacija" (issue 15; REP-5..REP-8, db/queries/participant-report.ts) reads
// every registration of ONE institution, often within a registration date range, and the export walks
// them in (registered_at, id) order in keyset batches. group_registrations had no index leading with
// the institution: at the national scale (300,000 registrations) each report statement scanned the
// whole table. With this index a report of an institution with 5,000 participants reads only its rows,
// and an export batch starts where the last one ended.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index if not exists group_registrations_institution_registered
    on group_registrations (institution_id, registered_at, id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists group_registrations_institution_registered`.execute(db);
}
