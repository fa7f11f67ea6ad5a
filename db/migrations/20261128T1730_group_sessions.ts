import { sql, type Kysely } from 'kysely';

// Issue 5, tab "Tvarkaraštis" (§3.7.2, SCHED-*): a group's sessions.
//
// Overlaps are refused by Postgres itself, so that two concurrent requests cannot both pass a
// check: `slot` is the session's time as a range of Vilnius wall-clock time (date + start time +
// duration; a session ends by midnight), and two exclusion constraints (btree_gist) forbid
// - two overlapping sessions of one group (SCHED-26), and
// - one lecturer in two overlapping sessions anywhere in the institution (SCHED-26), except
//   sessions of groups that are "Nevykdoma" (`lecturer_busy`, kept by a trigger on the group's status).
// Wall-clock time (tsrange, not tstzrange) keeps the generated column immutable; every session is
// in Vilnius, so comparing wall-clock times is comparing instants (bar the repeated 03:00 hour of
// the autumn clock change).
export async function up(db: Kysely<unknown>): Promise<void> {
  // A trusted extension: the database owner may create it (Postgres ≥ 13).
  await sql`create extension if not exists btree_gist`.execute(db);
  // The composite key the sessions refer to, so that a session's group is of its institution.
  await sql`alter table training_groups add constraint training_groups_id_institution unique (id, institution_id)`.execute(db);

  await db.schema
    .createTable('group_sessions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('institution_id', 'uuid', (c) => c.notNull().references('institutions.id'))
    .addColumn('group_id', 'uuid', (c) => c.notNull())
    /** "Pradžia": the session's day (SCHED-4). */
    .addColumn('session_date', 'date', (c) => c.notNull())
    /** "Užsiėmimų laikas" (SCHED-5). */
    .addColumn('start_time', sql`time(0)`, (c) => c.notNull())
    /** "Trukmė" in minutes (SCHED-6), breaks excluded (SCHED-7). */
    .addColumn('duration_minutes', 'integer', (c) => c.notNull().check(sql`duration_minutes between 1 and 720`))
    /** "Užsiėmimo būdas" (SCHED-8). */
    .addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('KONTAKTINIS', 'NUOTOLINIS_SINCHRONINIS')`))
    /** "Užsiėmimo nuoroda" (SCHED-10): https, required for remote synchronous sessions (SCHED-25). */
    .addColumn('link', 'text', (c) => c.check(sql`link is null or link like 'https://%'`))
    /** "Užsiėmimo vieta" (SCHED-11); "Nuotolinis mokymas" for remote sessions (VENUE-4). */
    .addColumn('venue_id', 'uuid', (c) => c.notNull())
    /** "Auditorija" (SCHED-12). */
    .addColumn('auditorium', 'text')
    /** "Lektorius" (SCHED-13). */
    .addColumn('lecturer_id', 'uuid', (c) => c.notNull())
    /** "Papildoma informacija" (SCHED-14). */
    .addColumn('additional_info', 'text')
    /** false once the group is "Nevykdoma": its sessions no longer hold the lecturer. */
    .addColumn('lecturer_busy', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('slot', sql`tsrange`, (c) =>
      c
        .notNull()
        .generatedAlwaysAs(
          sql`tsrange(session_date + start_time, session_date + start_time + make_interval(mins => duration_minutes), '[)')`,
        )
        .stored(),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addForeignKeyConstraint('group_sessions_group', ['group_id', 'institution_id'], 'training_groups', ['id', 'institution_id'])
    .addForeignKeyConstraint('group_sessions_venue', ['venue_id', 'institution_id'], 'venues', ['id', 'institution_id'])
    .addForeignKeyConstraint('group_sessions_lecturer', ['lecturer_id', 'institution_id'], 'lecturers', ['id', 'institution_id'])
    .addCheckConstraint('group_sessions_remote_link', sql`mode <> 'NUOTOLINIS_SINCHRONINIS' or link is not null`)
    .addCheckConstraint('group_sessions_same_day', sql`extract(epoch from start_time) / 60 + duration_minutes <= 1440`)
    .execute();
  await sql`alter table group_sessions add constraint group_sessions_group_no_overlap exclude using gist (group_id with =, slot with &&)`.execute(
    db,
  );
  await sql`alter table group_sessions add constraint group_sessions_lecturer_no_overlap
    exclude using gist (lecturer_id with =, slot with &&) where (lecturer_busy)`.execute(db);
  await db.schema
    .createIndex('group_sessions_group_date')
    .on('group_sessions')
    .columns(['group_id', 'session_date', 'start_time'])
    .execute();
  await db.schema.createIndex('group_sessions_lecturer').on('group_sessions').columns(['lecturer_id', 'session_date']).execute();
  await db.schema.createIndex('group_sessions_venue').on('group_sessions').columns(['venue_id']).execute();

  // A group that is "Nevykdoma" releases its lecturers (its sessions stay, for the record).
  await sql`create function group_sessions_follow_group_status() returns trigger language plpgsql as $$
    begin
      update group_sessions set lecturer_busy = (new.status <> 'Nevykdoma')
       where group_id = new.id and lecturer_busy is distinct from (new.status <> 'Nevykdoma');
      return null;
    end $$`.execute(db);
  await sql`create trigger training_groups_session_lecturers after update of status on training_groups
    for each row when (old.status is distinct from new.status) execute function group_sessions_follow_group_status()`.execute(db);

  // One row per schedule form submitted: the same form sent again (a double click, a retry) changes nothing.
  await db.schema
    .createTable('group_schedule_commands')
    .addColumn('idempotency_key', 'uuid', (c) => c.primaryKey())
    .addColumn('institution_id', 'uuid', (c) => c.notNull())
    .addColumn('group_id', 'uuid', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addForeignKeyConstraint('group_schedule_commands_group', ['group_id', 'institution_id'], 'training_groups', ['id', 'institution_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger if exists training_groups_session_lecturers on training_groups`.execute(db);
  await sql`drop function if exists group_sessions_follow_group_status()`.execute(db);
  await db.schema.dropTable('group_schedule_commands').execute();
  await db.schema.dropTable('group_sessions').execute();
  await sql`alter table training_groups drop constraint training_groups_id_institution`.execute(db);
}
