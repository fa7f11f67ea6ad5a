// Kysely table types of one area (merged into Database by db/schema.ts): the operator's timetable
// rules of "Ataskaita. Tvarkaraščių informacija" (§3.10, REP-3; migration 20261203T0900_timetable_rules).
import type { ColumnType } from 'kysely';

export interface TimetableRulesTable {
  /** A code of workflows/domain/timetable-rules.ts (TimetableRuleCode). */
  code: string;
  enabled: ColumnType<boolean, boolean | undefined, boolean>;
  /** The rule's parameters, valid for its schema (a jsonb object). */
  params: ColumnType<Record<string, unknown>, Record<string, unknown> | undefined, Record<string, unknown>>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
  updated_by: ColumnType<string, string | undefined, string>;
}

export interface TimetableReportTables {
  timetable_rules: TimetableRulesTable;
}
