// Kysely's view of the tables. Calendar dates travel as 'YYYY-MM-DD' strings and numeric as
// strings (db/client.ts sets the parsers), so nothing shifts by a time zone or loses a cent.
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { FundingSource } from '../workflows/domain/group-info.ts';
import type { GroupStatus } from '../workflows/domain/group-status.ts';
import type { SmpkrProgrammeKind } from '../workflows/domain/licensed-programme.ts';
import type { NsprProgramme } from '../workflows/domain/nspr-programme.ts';
import type { InstitutionInfoTables } from './tables/institution-info.ts';
import type { CertificateTables } from './tables/certificates.ts';
import type { ContractSigningBatchTables } from './tables/contract-signing-batches.ts';
import type { LearningContractTables } from './tables/learning-contracts.ts';
import type { LecturerTables } from './tables/lecturers.ts';
import type { MonitoringProtocolTables } from './tables/monitoring-protocols.ts';
import type { InvoiceTables } from './tables/invoices.ts';
import type { ProgrammeInfoTables } from './tables/programme-info.ts';
import type { QuestionnaireAnswerTables } from './tables/questionnaire-answers.ts';
import type { ParticipantTables } from './tables/participants.ts';
import type { RegistrationTables } from './tables/registrations.ts';
import type { RegistryTables } from './tables/registries.ts';
import type { ScheduleTables } from './tables/schedule.ts';
import type { ReportExportTables } from './tables/report-exports.ts';
import type { TimetableReportTables } from './tables/timetable-report.ts';
import type { UztSettlementTables } from './tables/uzt-settlement.ts';

export type FieldChanges = Record<string, { before: unknown; after: unknown }>;

type CreatedAt = ColumnType<Date, never, never>;
type UpdatedAt = ColumnType<Date, Date | undefined, Date>;

export interface InstitutionsTable {
  id: Generated<string>;
  /** Legal entity code; for a free teacher, a code derived from the personal-code hash. */
  code: string;
  name: string;
  kind: Generated<'JURIDINIS' | 'LAISVASIS_MOKYTOJAS'>;
  head_personal_code_hash: string | null;
  /** ŠMIR's record as received (GEN-3: shown read-only). */
  smir_data: ColumnType<Record<string, unknown> | null, Record<string, unknown> | null | undefined, Record<string, unknown> | null>;
  /** "Paskutinio atnaujinimo iš registro data": the last successful refresh from ŠMIR. */
  smir_refreshed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** Why the last refresh failed (the last good data stays); null when it succeeded. */
  smir_refresh_error: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
}

/** "Darbdavio atstovai" (§3.5, EMPL-6): an employer organisation and its representative. */
export interface EmployersTable {
  id: Generated<string>;
  institution_id: string;
  /** The employer organisation's name and legal entity code. */
  name: string;
  code: string;
  /** "Aktyvi darbdavio paskyra" (EMPL-4): only active employers can be chosen (EMPL-5). */
  active: Generated<boolean>;
  /** The representative and the practical-training place (null only in rows from before the window had them). */
  representative_first_name: ColumnType<string | null, string | null | undefined, string | null>;
  representative_last_name: ColumnType<string | null, string | null | undefined, string | null>;
  phone: ColumnType<string | null, string | null | undefined, string | null>;
  email: ColumnType<string | null, string | null | undefined, string | null>;
  practice_address: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface InstitutionUsersTable {
  id: Generated<string>;
  institution_id: string;
  first_name: string;
  last_name: string;
  email: string;
  /** User groups of §3.1 (USERS-3, USERS-19). */
  rights: string[];
  status: Generated<'INVITED' | 'ACTIVE' | 'REMOVED'>;
  personal_code_hash: string | null;
  phone: string | null;
  position: string | null;
  employer_id: string | null;
  signing_document: string | null;
  confirmed_at: Date | null;
  removed_at: Date | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface UserInvitationsTable {
  id: Generated<string>;
  institution_user_id: string;
  institution_id: string;
  expected_personal_code_hash: string;
  current_token_id: string;
  status: Generated<'PENDING' | 'CONFIRMED' | 'EXPIRED' | 'CANCELLED'>;
  expires_at: Date;
  confirmed_at: Date | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface ConsentsTable {
  id: Generated<string>;
  personal_code_hash: string;
  policy_version: string;
  context: string;
  institution_id: string | null;
  accepted_at: CreatedAt;
}

export type LoginMode = 'juridinis' | 'pilietis' | 'fizinis';
export type SessionStage = 'CONSENT' | 'CHOOSE_INSTITUTION' | 'ACTIVE';

export interface SessionsTable {
  id: Generated<string>;
  token_hash: string;
  csrf_token: string;
  personal_code_hash: string;
  given_name: string;
  family_name: string;
  login_mode: LoginMode;
  stage: SessionStage;
  institution_id: string | null;
  institution_user_id: string | null;
  is_head: Generated<boolean>;
  created_at: CreatedAt;
  last_seen_at: Generated<Date>;
  expires_at: Date;
  revoked_at: Date | null;
  revoked_reason: string | null;
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
  // ---- An item of "Licencijuotų mokymo programų sąrašas" (§3.6, LIC-*; migration
  // 20261128T1640_licensed_programmes): all null for an NŠPR programme, all set (but module_code)
  // for a licensed programme or module (a check constraint keeps them so, and contact_hours =
  // theory_hours + practice_hours).
  /** The venue ("Mokymo vietos") whose licence covers it (LIC-3). */
  venue_id: Nullable<string>;
  /** The SMPKR programme (for a module: the programme it was chosen from). */
  smpkr_code: Nullable<string>;
  /** The module added on its own (LIC-13); null for a whole programme. `code` is then the module's. */
  module_code: Nullable<string>;
  /** "Mokymo būdas" (LIC-7): KONTAKTINIS | NUOTOLINIS_SINCHRONINIS | MISRUS. */
  training_mode: Nullable<string>;
  /** "Teorinio / Praktinio kontaktinio darbo trukmė" (LIC-9), academic hours, numeric text. */
  theory_hours: Nullable<string>;
  practice_hours: Nullable<string>;
  /** "Savarankiško darbo trukmė" from SMPKR: shown, never counted in contact_hours (LIC-11). */
  self_study_hours: Nullable<string>;
  /** The licence (Licencijų registras) that covers the programme at the venue. */
  licence_number: Nullable<string>;
  /** SMPKR's and the licence's data as read when added (read-only, PROG-20). */
  registry_data: ColumnType<LicensedRegistryData | null, LicensedRegistryData | null | undefined, LicensedRegistryData | null>;
  /** The institution user who added it. */
  added_by: Nullable<string>;
  /** "Stabdyti mokymo programą" (LIC-15): when and by whom. */
  suspended_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  suspended_by: Nullable<string>;
  // ---- An NŠPR programme (PROG-2; migration 20261128T1740_nspr_programmes): copied by the registry
  // refresh; null for licensed items and for rows that never came from NŠPR.
  /** NŠPR's record as last read (PROG-20: shown read-only). */
  nspr_data: ColumnType<NsprRegistryData | null, NsprRegistryData | null | undefined, NsprRegistryData | null>;
  /** When NŠPR was last read for it. */
  nspr_refreshed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** An NŠPR programme record as stored: the client's answer, as read. */
export type NsprRegistryData = NsprProgramme;

type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

/** Registry data of a licensed item, kept as read when it was added (PROG-20: shown read-only). */
export interface LicensedRegistryData {
  programme: {
    code: string;
    name: string;
    kind: SmpkrProgrammeKind;
    formalStage: 'INITIAL' | 'CONTINUING' | null;
    ltksLevel: number;
    qualification: string;
    educationField: string;
    credits: number;
    hours: { theory: number; practice: number; independent: number };
    entryRequirements: string;
    registeredOn: string;
  };
  module: {
    code: string;
    name: string;
    credits: number;
    type: 'GENERAL' | 'MANDATORY' | 'ELECTIVE';
    hours: { theory: number; practice: number; independent: number };
  } | null;
  licence: { number: string; venueAddress: string; validFrom: string };
}

/** "Mokymo vietos" (§3.4, VENUE-6): a venue with a structured address. */
export interface VenuesTable {
  id: Generated<string>;
  institution_id: string;
  name: string;
  /**
   * The whole address on one line, as lists and documents show it: composed from the parts below
   * when saved in the venue window. A venue entered before the address had parts keeps the text it
   * was entered with here until it is saved in the venue window.
   */
  address: string;
  municipality: ColumnType<string | null, string | null | undefined, string | null>;
  /** Miestas / gyvenvietė. */
  city: ColumnType<string | null, string | null | undefined, string | null>;
  street: ColumnType<string | null, string | null | undefined, string | null>;
  building: ColumnType<string | null, string | null | undefined, string | null>;
  /** LT-01103. */
  postal_code: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface TrainingGroupsTable {
  id: string;
  institution_id: string;
  programme_id: string;
  name: string;
  funding_sources: FundingSource[];
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
  /** The UŽT-only fields (GRP-4, GRP-5, GRP-16..GRP-19): null unless funding_sources holds 'UZT' (GRP-39). */
  target_group: string | null;
  vet_form: string | null;
  duration_weeks: number | null;
  duration_days: number | null;
  theory_assessment_date: string | null;
  practice_assessment_date: string | null;
  status: GroupStatus;
  /** Why the group has its status, where that needs a reason ("Sustabdyta"). */
  status_reason: ColumnType<string | null, string | null | undefined, string | null>;
  /** Active registrations (GRP-46) and signed contracts, as the group workflow counts them. */
  active_registrations: Generated<number>;
  signed_contracts: Generated<number>;
  /** The workflow's deadlines (G4 registration end, G7 delivery start). */
  registration_closes_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  programme_starts_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** Registration ended below the minimum: the provider's decision is due by this instant (GRP-32). */
  decision_due_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  contract_signing_started_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  completion_recorded_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** OQ-12: what the automatic G4 found unmet, so contract signing did not start (migration 20261203T0115). */
  delivery_blocked_reason: ColumnType<string | null, string | null | undefined, string | null>;
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
  actor_personal_code_hash: string | null;
  institution_id: string | null;
  entity_type: string;
  entity_id: string;
  action: string;
  /** Changed fields with their values before and after (a jsonb object). */
  changes: ColumnType<FieldChanges, FieldChanges, FieldChanges>;
  request_id: string | null;
}

export interface EmailOutboxTable {
  id: Generated<string>;
  created_at: CreatedAt;
  to_address: string;
  to_name: string | null;
  subject: string;
  text_body: string;
  html_body: string | null;
  /** What the message is, e.g. 'USER_INVITATION'. */
  kind: string;
  /** The entity whose change caused the message (traceability). */
  entity_type: string;
  entity_id: string;
  institution_id: string | null;
  /** Set once the SMTP server accepted the message; null while queued or failing. */
  sent_at: Date | null;
  /** Delivery attempts so far, successful or not. */
  attempts: Generated<number>;
  last_error: string | null;
  /** The Message-ID header the message was sent with. */
  message_id: string | null;
  /** A delivery holds the row until then (the queuing workflow and the relay never send it together). */
  claimed_until: Date | null;
  /** The SMTP server refused the message for good (5xx): the relay no longer tries it. */
  rejected_at: Date | null;
}

/** Every table; each area keeps its own table types in db/tables/. */
export interface Database
  extends
    RegistryTables,
    RegistrationTables,
    ParticipantTables,
    InstitutionInfoTables,
    LecturerTables,
    ProgrammeInfoTables,
    ScheduleTables,
    LearningContractTables,
    ContractSigningBatchTables,
    QuestionnaireAnswerTables,
    CertificateTables,
    MonitoringProtocolTables,
    InvoiceTables,
    UztSettlementTables,
    TimetableReportTables,
    ReportExportTables {
  institutions: InstitutionsTable;
  institution_users: InstitutionUsersTable;
  employers: EmployersTable;
  user_invitations: UserInvitationsTable;
  consents: ConsentsTable;
  sessions: SessionsTable;
  programmes: ProgrammesTable;
  venues: VenuesTable;
  training_groups: TrainingGroupsTable;
  audit_log: AuditLogTable;
  email_outbox: EmailOutboxTable;
}

export type Institution = Selectable<InstitutionsTable>;
export type Session = Selectable<SessionsTable>;
export type UserInvitation = Selectable<UserInvitationsTable>;
export type Employer = Selectable<EmployersTable>;
export type InstitutionUser = Selectable<InstitutionUsersTable>;
export type Programme = Selectable<ProgrammesTable>;
export type Venue = Selectable<VenuesTable>;
export type TrainingGroupRow = Selectable<TrainingGroupsTable>;
export type NewTrainingGroup = Insertable<TrainingGroupsTable>;
export type AuditRow = Selectable<AuditLogTable>;
export type EmailOutboxRow = Selectable<EmailOutboxTable>;
