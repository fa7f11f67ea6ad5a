// Kysely table types of learning contracts (issue 12; manual §3.12, L5, CON-*); migration
// 20261203T0400_learning_contracts. Merged into Database by db/schema.ts.
import type { ColumnType, Selectable } from 'kysely';
import type { ContractPhase, ContractSideStatus } from '../../workflows/domain/learning-contract.ts';

type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

export interface LearningContractsTable {
  /** The registration's id (one contract per registration). */
  id: string;
  institution_id: string;
  group_id: string;
  programme_id: string;
  participant_id: string | null;
  version: number;
  phase: ContractPhase;
  participant_status: ContractSideStatus;
  provider_status: ContractSideStatus;
  employer_status: Nullable<ContractSideStatus>;
  employer_id: Nullable<string>;
  waiting_reason: Nullable<string>;
  signing_deadline: Date;
  number: Nullable<string>;
  /** 'YYYY-MM-DD'. */
  dated_on: Nullable<string>;
  number_stage_id: Nullable<string>;
  number_source: Nullable<'NUMERACIJA' | 'MOKINIU_REGISTRAS'>;
  snapshot: Nullable<Record<string, unknown>>;
  document_file_id: Nullable<string>;
  document_sha256: Nullable<string>;
  participant_signed_at: Nullable<Date>;
  provider_signed_at: Nullable<Date>;
  provider_signer_user_id: Nullable<string>;
  provider_signer_name: Nullable<string>;
  provider_signer_authority: Nullable<string>;
  employer_signed_at: Nullable<Date>;
  employer_signer_user_id: Nullable<string>;
  termination_requested_at: Nullable<Date>;
  termination_request_reason: Nullable<string>;
  terminated_at: Nullable<Date>;
  termination_initiator: Nullable<'DALYVIS' | 'TEIKEJAS'>;
  termination_ground: Nullable<string>;
  termination_reason: Nullable<string>;
  terminated_by_user_id: Nullable<string>;
  voided_at: Nullable<Date>;
  /** Completion (L6, migration 20261203T0700): "Mokymus pradėjo", or locked without it (DONE-5, DONE-13). */
  started_at: Nullable<Date>;
  locked_at: Nullable<Date>;
  /** "Mokymus baigė" (DONE-4, DONE-14). */
  completed_at: Nullable<Date>;
  /** "Galutinis įvertinimas" as stored (DONE-6, DONE-20) and its confirmation, "Patvirtinti" (DONE-7, DONE-15). */
  assessment: Nullable<string>;
  assessment_confirmed_at: Nullable<Date>;
  /** The evaluation questionnaire submitted (PORTAL-8); its answers are kept apart from identities. */
  questionnaire_filled_at: Nullable<Date>;
  /** Until when the questionnaire takes answers (migration 20261203T0715; set by "Patvirtinti", DONE-8). */
  questionnaire_closes_at: Nullable<Date>;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface LearningContractTables {
  learning_contracts: LearningContractsTable;
}

export type LearningContractRow = Selectable<LearningContractsTable>;
