// Kysely table types of one area (merged into Database by db/schema.ts): tab "Tvarkaraštis" of a
// training group (§3.7.2, SCHED-*); migration 20261128T1730_group_sessions.
import type { ColumnType, Generated } from 'kysely';
import type { SessionMode } from '../../workflows/domain/schedule.ts';

export interface GroupSessionsTable {
  id: Generated<string>;
  institution_id: string;
  group_id: string;
  /** "Pradžia": the day, 'YYYY-MM-DD'. */
  session_date: string;
  /** "Užsiėmimų laikas": 'HH:MM:SS' as Postgres returns a time; written 'HH:MM'. */
  start_time: string;
  /** "Trukmė", minutes. */
  duration_minutes: number;
  /** "Užsiėmimo būdas". */
  mode: SessionMode;
  link: string | null;
  venue_id: string;
  auditorium: string | null;
  lecturer_id: string;
  additional_info: string | null;
  /** false while the group is "Nevykdoma" (a trigger keeps it). */
  lecturer_busy: Generated<boolean>;
  /** Generated wall-clock range (exclusion constraints); never written. */
  slot: ColumnType<string, never, never>;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

/** The schedule forms already done (idempotency keys). */
export interface GroupScheduleCommandsTable {
  idempotency_key: string;
  institution_id: string;
  group_id: string;
  action: string;
  created_at: ColumnType<Date, never, never>;
}

export interface ScheduleTables {
  group_sessions: GroupSessionsTable;
  group_schedule_commands: GroupScheduleCommandsTable;
}
