// Kysely's view of the tables. Calendar dates travel as 'YYYY-MM-DD' strings and numeric as
// strings (db/client.ts sets the parsers), so nothing shifts by a time zone or loses a cent.
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

export type FieldChanges = Record<string, { before: unknown; after: unknown }>;

type CreatedAt = ColumnType<Date, never, never>;
type UpdatedAt = ColumnType<Date, Date | undefined, Date>;

export interface InstitutionsTable {
  id: Generated<string>;
  code: string;
  name: string;
  created_at: CreatedAt;
}

export interface InstitutionUsersTable {
  id: Generated<string>;
  institution_id: string;
  first_name: string;
  last_name: string;
  email: string;
  /** User groups of §3.1 (USERS-3); modelled fully by the identity issue. */
  rights: string[];
  created_at: CreatedAt;
}

export interface ProgrammesTable {
  id: Generated<string>;
  institution_id: string;
  code: string;
  name: string;
  /** 'NSPR' (non-formal adult education, PROG-1a) or a licensed VET kind (PROG-1b). */
  kind: string;
  languages: string[];
  contact_hours: string;
  /** 'ACTIVE', 'SUSPENDED' ("Stabdyti mokymo programą") or 'DEREGISTERED' (from NŠPR). */
  state: Generated<string>;
  remarks: string | null;
  created_at: CreatedAt;
}

export interface VenuesTable {
  id: Generated<string>;
  institution_id: string;
  name: string;
  address: string;
  created_at: CreatedAt;
}

export interface TrainingGroupsTable {
  id: string;
  institution_id: string;
  programme_id: string;
  name: string;
  funding_sources: string[];
  price: string;
  language: string;
  min_participants: number;
  max_participants: number;
  special_needs: boolean;
  venue_id: string;
  registration_start: string;
  registration_end: string;
  programme_start: string;
  programme_end: string;
  status: string;
  /** The workflow's projection version: a write with a version not above this one is ignored. */
  version: number;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface AuditLogTable {
  id: Generated<string>;
  occurred_at: ColumnType<Date, never, never>;
  actor_kind: 'user' | 'system';
  actor_user_id: string | null;
  institution_id: string | null;
  entity_type: string;
  entity_id: string;
  action: string;
  /** Changed fields with their values before and after (a jsonb object). */
  changes: ColumnType<FieldChanges, FieldChanges, FieldChanges>;
  request_id: string | null;
}

export interface Database {
  institutions: InstitutionsTable;
  institution_users: InstitutionUsersTable;
  programmes: ProgrammesTable;
  venues: VenuesTable;
  training_groups: TrainingGroupsTable;
  audit_log: AuditLogTable;
}

export type Institution = Selectable<InstitutionsTable>;
export type InstitutionUser = Selectable<InstitutionUsersTable>;
export type Programme = Selectable<ProgrammesTable>;
export type Venue = Selectable<VenuesTable>;
export type TrainingGroupRow = Selectable<TrainingGroupsTable>;
export type NewTrainingGroup = Insertable<TrainingGroupsTable>;
export type AuditRow = Selectable<AuditLogTable>;
