// Kysely table types of one area (merged into Database by db/schema.ts): the participants' side —
// KURSUOK accounts, sessions of people who are not institution users, documents under review (L3),
// UŽT coupons (L4); migration 20261128T1800_participants.
import type { ColumnType, Generated, Selectable } from 'kysely';
import type { DocumentKind } from '../../workflows/domain/eligibility.ts';
import type { SettlementFrequency, UztCouponStatus } from '../../workflows/domain/uzt-coupon.ts';

type CreatedAt = ColumnType<Date, never, never>;
type UpdatedAt = ColumnType<Date, Date | undefined, Date>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

export interface ParticipantsTable {
  id: Generated<string>;
  person_key: string;
  first_name: string;
  last_name: string;
  email: Nullable<string>;
  phone: Nullable<string>;
  citizen: boolean;
  /** 'YYYY-MM-DD' from the personal code, set at every portal login (migration 20261203T0500). */
  birth_date: Nullable<string>;
  /**
   * The personal code sealed (AES-256-GCM, worker/crypto.ts), to ask Mokinių registras for an SMPKR
   * contract's number without the person (NUM-9); set at the portal login (migration 20261203T0610).
   * Never logged, shown, or put into a workflow.
   */
  personal_code_sealed: Nullable<string>;
  registry_education: Nullable<Record<string, unknown>>;
  sodra_employed: Nullable<boolean>;
  registry_checked_at: Nullable<Date>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/**
 * STEBETOJAS: a KPMPC observer (MON-2; migration 20261203T0750_monitoring_protocols). SF_VERTINTOJAS:
 * the funder's invoice evaluator, "Sąskaitų faktūrų vertintojas" (INV-17; migration 20261203T0800_invoices).
 */
export type StaffRole = 'VERTINTOJAS' | 'UZT' | 'STEBETOJAS' | 'SF_VERTINTOJAS';

export interface StaffMembersTable {
  id: Generated<string>;
  person_key: string;
  role: StaffRole;
  first_name: string;
  last_name: string;
  email: string;
  active: Generated<boolean>;
  created_at: CreatedAt;
}

export type PersonAudience = 'DALYVIS' | StaffRole;

export interface PersonSessionsTable {
  id: Generated<string>;
  token_hash: string;
  csrf_token: string;
  audience: PersonAudience;
  person_key: string;
  given_name: string;
  family_name: string;
  participant_id: Nullable<string>;
  staff_member_id: Nullable<string>;
  created_at: CreatedAt;
  last_seen_at: Generated<Date>;
  expires_at: Date;
  revoked_at: Nullable<Date>;
  revoked_reason: Nullable<string>;
}

export interface ParticipantDocumentsTable {
  id: string;
  participant_id: string;
  kind: DocumentKind;
  content_type: 'application/pdf' | 'image/jpeg' | 'image/png';
  original_name: string;
  size: number;
  sha256: string;
  content: Uint8Array;
  uploaded_at: ColumnType<Date, Date | undefined, never>;
  review_due_at: Date;
  /** 'LAUKIA' or a review status code (workflows/domain/document-review.ts). */
  status: Generated<string>;
  decided_at: Nullable<Date>;
  reviewer_id: Nullable<string>;
  reviewer_note: Nullable<string>;
  escalated_at: Nullable<Date>;
  /** Set once its DocumentReview workflow is known to run (web after starting it, or the review relay). */
  review_started_at: Nullable<Date>;
}

export interface UztCouponsTable {
  registration_id: string;
  institution_id: string;
  section1: Record<string, unknown>;
  section2: Nullable<Record<string, unknown>>;
  status: UztCouponStatus;
  decided_at: Nullable<Date>;
  decided_by: Nullable<string>;
  reason: Nullable<string>;
  /** When UŽT's decision is due: Section II's arrival plus the workflow's decision timeout (C2). */
  uzt_decision_due_at: Nullable<Date>;
  bank_account: Nullable<string>;
  settlement_frequency: Nullable<SettlementFrequency>;
  employer_id: Nullable<string>;
  employer_phone: Nullable<string>;
  employer_email: Nullable<string>;
  practice_address: Nullable<string>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export type Participant = Selectable<ParticipantsTable>;
export type StaffMember = Selectable<StaffMembersTable>;
export type PersonSession = Selectable<PersonSessionsTable>;
export type ParticipantDocument = Selectable<ParticipantDocumentsTable>;
export type UztCoupon = Selectable<UztCouponsTable>;

export interface ParticipantTables {
  participants: ParticipantsTable;
  staff_members: StaffMembersTable;
  person_sessions: PersonSessionsTable;
  participant_documents: ParticipantDocumentsTable;
  uzt_coupons: UztCouponsTable;
}
