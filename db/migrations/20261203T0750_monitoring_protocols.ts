import { sql, type Kysely } from 'kysely';

// Issue 13 (L7; MON-1..MON-11, OQ-40, OQ-55): KPMPC observers ("Stebėtojai", MON-2) as staff members
// and person-session audience STEBETOJAS, and the monitoring protocols, each owned by its
// MonitoringProtocol:<id> workflow and projected here with an increasing version.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table staff_members drop constraint staff_members_role_check`.execute(db);
  await sql`alter table staff_members add constraint staff_members_role_check check (role in ('VERTINTOJAS', 'UZT', 'STEBETOJAS'))`.execute(
    db,
  );
  await sql`alter table person_sessions drop constraint person_sessions_audience_check`.execute(db);
  await sql`alter table person_sessions add constraint person_sessions_audience_check
    check (audience in ('DALYVIS', 'VERTINTOJAS', 'UZT', 'STEBETOJAS'))`.execute(db);

  await db.schema
    .createTable('monitoring_protocols')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('institution_id', 'uuid', (c) => c.notNull().references('institutions.id'))
    .addColumn('programme_id', 'uuid', (c) => c.notNull())
    .addColumn('group_id', 'uuid', (c) => c.notNull())
    .addColumn('observer_id', 'uuid', (c) => c.notNull().references('staff_members.id'))
    /** workflows/domain/monitoring-protocol.ts ProtocolStatus. */
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('JUODRASTIS', 'LAUKIA_PARASO', 'PASIRASYTAS', 'KRITINIAI_TRUKUMAI')`),
    )
    .addColumn('monitored_on', 'date', (c) => c.notNull())
    .addColumn('findings', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull().check(sql`result in ('ATITINKA', 'IS_DALIES_ATITINKA', 'NEATITINKA')`))
    .addColumn('critical_deficiencies', 'boolean', (c) => c.notNull())
    .addColumn('released_at', 'timestamptz')
    .addColumn('reminder_due_at', 'timestamptz')
    .addColumn('reminded_at', 'timestamptz')
    /** MON-9: the signature — who, when, the choice, the observations. */
    .addColumn('provider_choice', 'text', (c) => c.check(sql`provider_choice in ('SUTINKU', 'NESUTINKU')`))
    .addColumn('provider_observations', 'text')
    .addColumn('signed_by_user_id', 'uuid', (c) => c.references('institution_users.id'))
    .addColumn('signed_by_name', 'text')
    .addColumn('signed_at', 'timestamptz')
    /** The workflow's projection version: an older (retried, replayed) write never overwrites a newer one. */
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // The group and programme belong to the protocol's institution (GEN-5).
    .addForeignKeyConstraint('monitoring_protocols_group', ['group_id', 'institution_id'], 'training_groups', ['id', 'institution_id'])
    .addForeignKeyConstraint('monitoring_protocols_programme', ['programme_id', 'institution_id'], 'programmes', ['id', 'institution_id'])
    .addCheckConstraint('monitoring_protocols_released', sql`status = 'JUODRASTIS' or released_at is not null`)
    .addCheckConstraint(
      'monitoring_protocols_signed',
      sql`(status = 'PASIRASYTAS') = (signed_at is not null and provider_choice is not null and signed_by_user_id is not null)`,
    )
    .execute();
  await db.schema
    .createIndex('monitoring_protocols_institution')
    .on('monitoring_protocols')
    .columns(['institution_id', 'monitored_on'])
    .execute();
  await db.schema.createIndex('monitoring_protocols_group').on('monitoring_protocols').columns(['group_id', 'monitored_on']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('monitoring_protocols').execute();
  await sql`delete from person_sessions where audience = 'STEBETOJAS'`.execute(db);
  await sql`delete from staff_members where role = 'STEBETOJAS'`.execute(db);
  await sql`alter table person_sessions drop constraint person_sessions_audience_check`.execute(db);
  await sql`alter table person_sessions add constraint person_sessions_audience_check check (audience in ('DALYVIS', 'VERTINTOJAS', 'UZT'))`.execute(
    db,
  );
  await sql`alter table staff_members drop constraint staff_members_role_check`.execute(db);
  await sql`alter table staff_members add constraint staff_members_role_check check (role in ('VERTINTOJAS', 'UZT'))`.execute(db);
}
