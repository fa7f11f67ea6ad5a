// Messages of the UztSettlement workflow (§3.13; UZTDOC-1..UZTDOC-10, UZT-6). Names are recorded in
// histories: never rename one.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { DeliveryStatus, SettlementFrequency } from '../domain/uzt-settlement.ts';

export interface UztSettlementInput {
  registrationId: string;
  institutionId: string;
  groupId: string;
  couponNumber: string;
  /** UZT-6: how the provider settles with UŽT for this client. */
  frequency: SettlementFrequency;
  /** The measure as Section II gave it to UŽT ('YYYY-MM-DD'). */
  measureStart: string;
  measureEnd: string;
  /** Tests and operators: the reminders' months and instants instead of each next month's start. */
  reminders?: { month: string; atMs: number }[];
  /** Tests and operators: when documents stop being taken (default: the measure's end + 90 days). */
  closesAtMs?: number;
  /** Tests: the pauses between delivery attempts (default 10 s growing to 30 min, without end). */
  deliveryRetry?: { initialIntervalMs: number; maximumIntervalMs: number };
}

/** UZTDOC-2..UZTDOC-7: the provider submits a document (the ADOC already stored by web: its id only). */
export interface SubmitSettlementDocumentCommand {
  /** The form's idempotency key: the submission's id. */
  submissionId: string;
  institutionId: string;
  /** uzt_settlement_document_types.code (UZTDOC-4, UZTDOC-8). */
  documentType: string;
  periodFrom: string;
  periodTo: string;
  fileId: string;
  userId: string | null;
  userName: string;
  personalCodeHash: string | null;
  requestId: string | null;
}

export interface SettlementSubmissionState {
  id: string;
  periodFrom: string;
  periodTo: string;
  status: DeliveryStatus;
}

export interface UztSettlementState {
  submissions: SettlementSubmissionState[];
  /** Months the provider was reminded about. */
  remindedMonths: string[];
  closesAtMs: number;
}

export const submitSettlementDocumentUpdate = defineUpdate<SettlementSubmissionState, [SubmitSettlementDocumentCommand]>(
  'submitSettlementDocument',
);
export const uztSettlementStateQuery = defineQuery<UztSettlementState>('uztSettlementState');
