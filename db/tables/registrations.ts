// Kysely table types of one area (merged into Database by db/schema.ts): registrations of
// participants in training groups (L2); migration 20261128T1720_group_registrations.
import type { ColumnType, Selectable } from 'kysely';
import type { FundingSource } from '../../workflows/domain/group-info.ts';
import type { RegistrationStatus } from '../../workflows/domain/registration.ts';

export interface GroupRegistrationsTable {
  id: string;
  group_id: string;
  institution_id: string;
  person_key: string;
  first_name: string;
  last_name: string;
  email: string;
  phone: string | null;
  funding: FundingSource;
  /** L2 states (workflows/domain/registration.ts). */
  status: RegistrationStatus;
  status_reason: string | null;
  registered_at: ColumnType<Date, Date | undefined, never>;
  /** The participant's KURSUOK account (issue 6); null for registrations recorded before it. */
  participant_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** Who approved, rejected or removed it, and when (PART-9). */
  decided_by: ColumnType<string | null, string | null | undefined, string | null>;
  decided_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export type GroupRegistrationRow = Selectable<GroupRegistrationsTable>;

export interface RegistrationTables {
  group_registrations: GroupRegistrationsTable;
}
