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

/** A registration's values before a projection changed its status (kept to replace that projection). */
export interface RegistrationBefore {
  id: string;
  status: RegistrationStatus;
  status_reason: string | null;
  decided_by: string | null;
  /** ISO instants (jsonb). */
  decided_at: string | null;
  updated_at: string;
}

/** What one projection of a group wrote besides the group row (issue 16; see the migration). */
export interface GroupProjectionWrites {
  /** The group's written columns before it, as audited (ISO instants); null when it created the group. */
  groupBefore: Record<string, unknown> | null;
  /** Registrations it inserted. */
  inserted: string[];
  /** Registrations whose status it changed, with their values before. */
  changed: RegistrationBefore[];
  /** The UŽT coupon provider data it replaced (its columns before). */
  couponBefore: { registrationId: string; data: Record<string, unknown> } | null;
}

/**
 * The last projection of each group (migration 20261203T1600_group_projection_writes): a re-apply of
 * the same version with other content replaces exactly what it wrote.
 */
export interface GroupProjectionWritesTable {
  group_id: string;
  version: number;
  content_hash: string;
  /** now() of the writing transaction: the occurred_at of the audit rows it wrote. */
  written_at: ColumnType<Date, Date | undefined, Date>;
  writes: ColumnType<GroupProjectionWrites, GroupProjectionWrites, GroupProjectionWrites>;
  result: ColumnType<
    { emailIds: string[]; invitedIds: string[] },
    { emailIds: string[]; invitedIds: string[] },
    { emailIds: string[]; invitedIds: string[] }
  >;
}

export interface RegistrationTables {
  group_registrations: GroupRegistrationsTable;
  group_projection_writes: GroupProjectionWritesTable;
}
