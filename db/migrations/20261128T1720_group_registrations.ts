import { sql, type Kysely } from 'kysely';

// Issue 5: registrations reach a group through its workflow (GRP-41, GRP-46, L2); the group's
// deadlines and its pending decision (G4, G7) are projected with the group.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('group_registrations')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('group_id', 'uuid', (c) => c.notNull().references('training_groups.id'))
    .addColumn('institution_id', 'uuid', (c) => c.notNull().references('institutions.id'))
    /** A keyed hash of the participant's personal code: one active registration per person and group. */
    .addColumn('person_key', 'text', (c) => c.notNull())
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('funding', 'text', (c) => c.notNull().check(sql`funding in ('IMP_KREPSELIS', 'ASMENINES_LESOS', 'UZT')`))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`status in ('REGISTERED', 'APPROVED', 'CONTRACTED', 'REJECTED', 'REMOVED', 'CANCELLED', 'DEREGISTERED_NOT_FORMED', 'DEREGISTERED_NO_CONTRACT', 'WITHDRAWN')`,
        ),
    )
    .addColumn('status_reason', 'text')
    .addColumn('registered_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index group_registrations_one_active on group_registrations (group_id, person_key)
    where status in ('REGISTERED', 'APPROVED', 'CONTRACTED')`.execute(db);
  await db.schema.createIndex('group_registrations_group').on('group_registrations').columns(['group_id', 'status']).execute();

  await db.schema
    .alterTable('training_groups')
    .addColumn('active_registrations', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('signed_contracts', 'integer', (c) => c.notNull().defaultTo(0))
    /** When registration closes and when delivery starts (the workflow's timers, G4 and G7). */
    .addColumn('registration_closes_at', 'timestamptz')
    .addColumn('programme_starts_at', 'timestamptz')
    /** Registration ended below the minimum: the provider decides "Vykdoma" or "Nevykdoma" by this instant (GRP-32). */
    .addColumn('decision_due_at', 'timestamptz')
    /** Contract signing was initiated (GRP-34; the contract issue builds the contracts). */
    .addColumn('contract_signing_started_at', 'timestamptz')
    /** The completion lists are recorded (the guard of "Užbaigta", G9). */
    .addColumn('completion_recorded_at', 'timestamptz')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('training_groups')
    .dropColumn('active_registrations')
    .dropColumn('signed_contracts')
    .dropColumn('registration_closes_at')
    .dropColumn('programme_starts_at')
    .dropColumn('decision_due_at')
    .dropColumn('contract_signing_started_at')
    .dropColumn('completion_recorded_at')
    .execute();
  await db.schema.dropTable('group_registrations').execute();
}
