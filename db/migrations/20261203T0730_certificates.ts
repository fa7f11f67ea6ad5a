import { sql, type Kysely } from 'kysely';

// Issue 13 (DONE-9, DONE-10, DONE-16, DONE-17, DONE-19, INST-9): the participants' certificates
// ("Skaitmeninis pažymėjimas"). One row per learning contract, written by the daily certificate
// batch (workflow CertificateIssuance): the CertificateData snapshot it was rendered from (INST-9:
// the institution and its contact person as they stood), its unique number and public verification
// code (both kept when the certificate is regenerated), and the sealed PDF in stored_files.
// certificate_number_counters hands out the per-year sequence of the numbers (KURSUOK-<year>-<seq>):
// a row per year, incremented with INSERT … ON CONFLICT DO UPDATE … RETURNING, which locks the row
// for the rest of the transaction, so two issuers never take the same number.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('certificates')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('contract_id', 'uuid', (c) => c.notNull().unique().references('learning_contracts.id'))
    .addColumn('institution_id', 'uuid', (c) => c.notNull().references('institutions.id'))
    .addColumn('group_id', 'uuid', (c) => c.notNull())
    .addColumn('programme_id', 'uuid', (c) => c.notNull().references('programmes.id'))
    .addColumn('participant_id', 'uuid', (c) => c.notNull().references('participants.id'))
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('verification_code', 'text', (c) => c.notNull().unique())
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('file_id', 'uuid', (c) => c.notNull().references('stored_files.id'))
    .addColumn('file_sha256', 'text', (c) => c.notNull())
    .addColumn('issued_on', 'date', (c) => c.notNull())
    .addColumn('generated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('regenerated_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('certificates_participant').on('certificates').column('participant_id').execute();
  await db.schema.createIndex('certificates_group').on('certificates').columns(['institution_id', 'group_id']).execute();
  await db.schema
    .createTable('certificate_number_counters')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('last', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('certificate_number_counters').execute();
  await db.schema.dropTable('certificates').execute();
}
