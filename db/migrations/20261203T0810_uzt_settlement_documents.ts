import { sql, type Kysely } from 'kysely';

// Issue 14 (§3.13; UZTDOC-1..UZTDOC-10, UZT-6, OQ-50): settlement documents to the Employment Service.
//
// - uzt_settlement_document_types: the document types, reference data the platform operator
//   maintains (UZTDOC-8, OQ-50: "to be supplied by UŽT"; these two until it does). A type is never
//   deleted once used, only deactivated (active = false), so old submissions keep their name.
// - uzt_settlement_documents: each submission (UZTDOC-7) — whose coupon (the registration), the
//   type, the period (from ≤ to), the stored ADOC file, who submitted and when, and its delivery to
//   UŽT as its UztSettlement:<registrationId> workflow projects it (being sent with the attempts
//   and the last error, or delivered with UŽT's receipt).
// - uzt_settlement_reminders: one row per reminded month (UZT-6 monthly settlement), so a retried
//   reminder e-mails the provider once.
// - stored_files may now hold ADOC containers (their media type, workflows/domain/adoc.ts).
const ADOC = 'application/vnd.lt.archyvai.adoc-2008';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table stored_files drop constraint stored_files_content_type_check`.execute(db);
  await sql`alter table stored_files add constraint stored_files_content_type_check
    check (content_type in ('application/pdf', 'image/jpeg', 'image/png', ${sql.lit(ADOC)}))`.execute(db);

  await db.schema
    .createTable('uzt_settlement_document_types')
    .addColumn('code', 'text', (c) => c.primaryKey().check(sql`code ~ '^[A-Z][A-Z0-9_]*$'`))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`insert into uzt_settlement_document_types (code, name, position) values
    ('LANKOMUMO_ZINIARASTIS', 'Lankomumo žiniaraštis', 1),
    ('SUTEIKTU_PASLAUGU_AKTAS', 'Suteiktų paslaugų aktas', 2)`.execute(db);

  await db.schema
    .createTable('uzt_settlement_documents')
    /** The submission's id: the form's idempotency key (a double submit is one submission). */
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('registration_id', 'uuid', (c) => c.notNull().references('uzt_coupons.registration_id'))
    .addColumn('institution_id', 'uuid', (c) => c.notNull().references('institutions.id'))
    .addColumn('document_type', 'text', (c) => c.notNull().references('uzt_settlement_document_types.code'))
    .addColumn('period_from', 'date', (c) => c.notNull())
    .addColumn('period_to', 'date', (c) => c.notNull())
    .addColumn('file_id', 'uuid', (c) => c.notNull())
    .addColumn('submitted_by', 'uuid', (c) => c.references('institution_users.id'))
    .addColumn('submitted_by_name', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('delivery_status', 'text', (c) => c.notNull().check(sql`delivery_status in ('SIUNCIAMA', 'PRISTATYTA')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('delivered_at', 'timestamptz')
    /** UŽT's identifier of the received document. */
    .addColumn('uzt_receipt', 'text')
    .addForeignKeyConstraint('uzt_settlement_documents_file', ['file_id', 'institution_id'], 'stored_files', ['id', 'institution_id'])
    .addCheckConstraint('uzt_settlement_documents_period', sql`period_from <= period_to`)
    .addCheckConstraint('uzt_settlement_documents_delivered', sql`(delivery_status = 'PRISTATYTA') = (delivered_at is not null)`)
    .execute();
  await db.schema
    .createIndex('uzt_settlement_documents_registration')
    .on('uzt_settlement_documents')
    .columns(['registration_id', 'submitted_at'])
    .execute();
  await db.schema
    .createIndex('uzt_settlement_documents_institution')
    .on('uzt_settlement_documents')
    .columns(['institution_id', 'submitted_at'])
    .execute();

  await db.schema
    .createTable('uzt_settlement_reminders')
    .addColumn('registration_id', 'uuid', (c) => c.notNull().references('uzt_coupons.registration_id'))
    .addColumn('month', 'text', (c) => c.notNull().check(sql`month ~ '^[0-9]{4}-[0-9]{2}$'`))
    .addColumn('institution_id', 'uuid', (c) => c.notNull().references('institutions.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('uzt_settlement_reminders_pk', ['registration_id', 'month'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('uzt_settlement_reminders').execute();
  await db.schema.dropTable('uzt_settlement_documents').execute();
  await db.schema.dropTable('uzt_settlement_document_types').execute();
  await sql`delete from stored_files where content_type = ${sql.lit(ADOC)}`.execute(db);
  await sql`alter table stored_files drop constraint stored_files_content_type_check`.execute(db);
  await sql`alter table stored_files add constraint stored_files_content_type_check
    check (content_type in ('application/pdf', 'image/jpeg', 'image/png'))`.execute(db);
}
