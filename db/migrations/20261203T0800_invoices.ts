import { sql, type Kysely } from 'kysely';

// Issue 14 (L8; INV-1..INV-21, OQ-41..OQ-44, OQ-59): the providers' invoices, each owned by its
// Invoice:<id> workflow and projected here with an increasing version, and the participants each
// one holds. INV-13 ("at most one active invoice per participant", also under concurrent submits) is
// the unique partial index invoice_participants_active: "Atmesta" and "Ištrinta" set active = false
// and free the participants (INV-16, INV-19). The funder's invoice evaluators ("Sąskaitų faktūrų
// vertintojas") are staff members with role SF_VERTINTOJAS, logging in as person-session audience
// SF_VERTINTOJAS.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table staff_members drop constraint staff_members_role_check`.execute(db);
  await sql`alter table staff_members add constraint staff_members_role_check
    check (role in ('VERTINTOJAS', 'UZT', 'STEBETOJAS', 'SF_VERTINTOJAS'))`.execute(db);
  await sql`alter table person_sessions drop constraint person_sessions_audience_check`.execute(db);
  await sql`alter table person_sessions add constraint person_sessions_audience_check
    check (audience in ('DALYVIS', 'VERTINTOJAS', 'UZT', 'STEBETOJAS', 'SF_VERTINTOJAS'))`.execute(db);

  await db.schema
    .createTable('invoices')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('institution_id', 'uuid', (c) => c.notNull().references('institutions.id'))
    .addColumn('programme_id', 'uuid', (c) => c.notNull())
    .addColumn('group_id', 'uuid', (c) => c.notNull())
    /** workflows/domain/invoice.ts InvoiceStatus: the manual's words ("Nepateikta" is derived, never stored). */
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .check(sql`status in ('Pateikta', 'Vertinama', 'Perduota apmokėti', 'Apmokėta', 'Grąžinta papildymui', 'Atmesta', 'Ištrinta')`),
    )
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('invoice_date', 'date', (c) => c.notNull())
    .addColumn('amount', 'numeric(12, 2)', (c) => c.notNull().check(sql`amount > 0`))
    /** The latest PDF (INV-11); earlier ones stay in stored_files and the audit trail (INV-16). */
    .addColumn('file_id', 'uuid', (c) => c.notNull().references('stored_files.id'))
    /** INV-12: the uploader of the latest (re)submission and when. */
    .addColumn('submitted_by_user_id', 'uuid', (c) => c.notNull().references('institution_users.id'))
    .addColumn('submitted_by_name', 'text', (c) => c.notNull())
    .addColumn('first_submitted_at', 'timestamptz', (c) => c.notNull())
    .addColumn('submitted_at', 'timestamptz', (c) => c.notNull())
    /** The evaluation deadline of the latest (re)submission (10 working days); null once decided. */
    .addColumn('evaluation_due_at', 'timestamptz')
    .addColumn('reminder_due_at', 'timestamptz')
    .addColumn('reminded_at', 'timestamptz')
    .addColumn('escalated_at', 'timestamptz')
    .addColumn('evaluator_id', 'uuid', (c) => c.references('staff_members.id'))
    .addColumn('evaluator_name', 'text')
    .addColumn('taken_at', 'timestamptz')
    .addColumn('decided_at', 'timestamptz')
    /** I4: the evaluator's comment of the latest return (INV-18 shows it to the provider). */
    .addColumn('evaluator_comment', 'text')
    /** I7: the rejection reason. */
    .addColumn('rejection_reason', 'text')
    .addColumn('deleted_at', 'timestamptz')
    .addColumn('deleted_by_user_id', 'uuid', (c) => c.references('institution_users.id'))
    /** I8 → I9: the payment system's order and its confirmation. */
    .addColumn('transferred_at', 'timestamptz')
    .addColumn('payment_order_id', 'text')
    .addColumn('paid_at', 'timestamptz')
    /** The workflow's projection version: an older (retried, replayed) write never overwrites a newer one. */
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // The group and programme belong to the invoice's institution (GEN-5).
    .addForeignKeyConstraint('invoices_group', ['group_id', 'institution_id'], 'training_groups', ['id', 'institution_id'])
    .addForeignKeyConstraint('invoices_programme', ['programme_id', 'institution_id'], 'programmes', ['id', 'institution_id'])
    .addCheckConstraint('invoices_returned_comment', sql`status <> 'Grąžinta papildymui' or evaluator_comment is not null`)
    .addCheckConstraint('invoices_rejected_reason', sql`status <> 'Atmesta' or rejection_reason is not null`)
    .addCheckConstraint('invoices_deleted', sql`(status = 'Ištrinta') = (deleted_at is not null)`)
    .addCheckConstraint('invoices_paid', sql`status <> 'Apmokėta' or paid_at is not null`)
    .execute();
  await db.schema.createIndex('invoices_group').on('invoices').columns(['institution_id', 'group_id']).execute();
  await db.schema.createIndex('invoices_status').on('invoices').columns(['status', 'evaluation_due_at']).execute();

  await db.schema
    .createTable('invoice_participants')
    .addColumn('invoice_id', 'uuid', (c) => c.notNull().references('invoices.id'))
    /** The learning contract (= the registration's id) of the participant (INV-8). */
    .addColumn('contract_id', 'uuid', (c) => c.notNull().references('learning_contracts.id'))
    /** False once the invoice is "Atmesta" or "Ištrinta" (INV-16, INV-19). */
    .addColumn('active', 'boolean', (c) => c.notNull())
    .addColumn('added_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('invoice_participants_pk', ['invoice_id', 'contract_id'])
    .execute();
  // INV-13: a participant is on at most one active invoice, whoever submits and however concurrently.
  await db.schema
    .createIndex('invoice_participants_active')
    .on('invoice_participants')
    .column('contract_id')
    .unique()
    .where(sql.ref('active'), '=', true)
    .execute();
  await db.schema.createIndex('invoice_participants_contract').on('invoice_participants').column('contract_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('invoice_participants').execute();
  await db.schema.dropTable('invoices').execute();
  await sql`delete from person_sessions where audience = 'SF_VERTINTOJAS'`.execute(db);
  await sql`delete from staff_members where role = 'SF_VERTINTOJAS'`.execute(db);
  await sql`alter table person_sessions drop constraint person_sessions_audience_check`.execute(db);
  await sql`alter table person_sessions add constraint person_sessions_audience_check
    check (audience in ('DALYVIS', 'VERTINTOJAS', 'UZT', 'STEBETOJAS'))`.execute(db);
  await sql`alter table staff_members drop constraint staff_members_role_check`.execute(db);
  await sql`alter table staff_members add constraint staff_members_role_check
    check (role in ('VERTINTOJAS', 'UZT', 'STEBETOJAS'))`.execute(db);
}
