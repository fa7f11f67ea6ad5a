import { sql, type Kysely } from 'kysely';

// Issue 15, "Ataskaita. Tvarkaraščių informacija" (§3.10; REP-1..REP-4, OQ-45): the timetable rules the
// platform operator configures (REP-3) — one row per rule of workflows/domain/timetable-rules.ts, on
// or off, with its parameters (validated by the rule's schema in scripts/timetable-rules.ts, the only
// writer). Seeded with every rule, enabled, with its defaults. The report itself stores nothing: it is
// computed from the timetables each time it is read, so a fixed timetable leaves it at once.
// The seed is literal (a migration is frozen in time); a rule added later comes with its own migration.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('timetable_rules')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('enabled', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('params', 'jsonb', (c) =>
      c
        .notNull()
        .defaultTo(sql`'{}'::jsonb`)
        .check(sql`jsonb_typeof(params) = 'object'`),
    )
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    /** Who changed it last (the operator's name as given to the script; 'migration' for the seed). */
    .addColumn('updated_by', 'text', (c) => c.notNull().defaultTo('migration'))
    .execute();
  await sql`insert into timetable_rules (code, enabled, params) values
    ('CONTACT_HOURS', true, '{}'),
    ('OUTSIDE_DELIVERY_DATES', true, '{}'),
    ('PUBLIC_HOLIDAY', true, '{}'),
    ('DAILY_ACADEMIC_HOURS', true, '{"maxAcademicHours": 8}'),
    ('LECTURER_MISSING_OR_INACTIVE', true, '{}'),
    ('LECTURER_TWO_PLACES', true, '{"minGapMinutes": 30, "matchByName": false}'),
    ('REMOTE_IN_CONTACT_GROUP', true, '{}')
    on conflict (code) do nothing`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('timetable_rules').execute();
}
