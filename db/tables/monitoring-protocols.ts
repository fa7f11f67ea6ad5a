// Kysely table types of KPMPC monitoring protocols (L7; MON-1..MON-11); migration
// 20261203T0750_monitoring_protocols. Merged into Database by db/schema.ts.
import type { ColumnType, Selectable } from 'kysely';
import type { MonitoringResult, ProtocolStatus, ProviderChoice } from '../../workflows/domain/monitoring-protocol.ts';

type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

export interface MonitoringProtocolsTable {
  /** The protocol's id (its workflow: MonitoringProtocol:<id>). */
  id: string;
  institution_id: string;
  programme_id: string;
  group_id: string;
  /** staff_members.id of the observer (STEBETOJAS) who created it. */
  observer_id: string;
  status: ProtocolStatus;
  /** 'YYYY-MM-DD' (a date column read as text, see db/client.ts). */
  monitored_on: string;
  findings: string;
  result: MonitoringResult;
  critical_deficiencies: boolean;
  released_at: Nullable<Date>;
  reminder_due_at: Nullable<Date>;
  reminded_at: Nullable<Date>;
  provider_choice: Nullable<ProviderChoice>;
  provider_observations: Nullable<string>;
  signed_by_user_id: Nullable<string>;
  signed_by_name: Nullable<string>;
  signed_at: Nullable<Date>;
  version: number;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface MonitoringProtocolTables {
  monitoring_protocols: MonitoringProtocolsTable;
}

export type MonitoringProtocolRow = Selectable<MonitoringProtocolsTable>;
