// Messages of the Invoice workflow (lifecycle L8, one per invoice: Invoice:<invoiceId>). Names are
// recorded in histories: never rename one. The provider's Updates (submitInvoice — the first one,
// update-with-start —, deleteInvoice, resubmitInvoice) and the evaluator's (takeForEvaluation,
// returnInvoice, rejectInvoice, transferForPayment); the payment system's confirmation arrives by the
// workflow's own poll, which the signal paymentReported wakes at once.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { InvoiceSnapshot } from '../../activities/invoice.ts';
import type { InvoiceStatus, InvoiceSubmission } from '../domain/invoice.ts';

export interface InvoiceInput {
  invoiceId: string;
  institutionId: string;
  groupId: string;
  programmeId: string;
  /**
   * For operators and tests only: the evaluation deadline this long after each (re)submission
   * instead of 10 working days (evaluationDeadline), and the reminder this long after it.
   */
  evaluationDueAfterMs?: number;
  reminderAfterMs?: number;
  /** The payment status poll interval after "Perduota apmokėti" (default: what the payment activities say). */
  paymentPollMs?: number;
  /** Set by the workflow itself when it continues as new while waiting for the payment (never by a caller). */
  resume?: InvoiceResume;
}

/** What a run hands to the next one when it continues as new (its history grew long while polling). */
export interface InvoiceResume {
  snapshot: InvoiceSnapshot;
  state: InvoiceState;
}

/** The provider's user who acts (INV-21: full access to "Sąskaitos faktūros"). */
export interface ProviderActor {
  userId: string;
  institutionId: string;
  personalCodeHash: string;
  name: string;
  requestId: string;
}

/** The funder's invoice evaluator who acts (a staff person session, issue 14's evaluator role). */
export interface EvaluatorActor {
  /** staff_members.id */
  evaluatorId: string;
  personKey: string;
  name: string;
  requestId: string;
}

/** I1: the provider submits the ticked participants with the stored PDF (INV-8..INV-12); starts the workflow. */
export interface SubmitInvoiceCommand {
  actor: ProviderActor;
  invoice: InvoiceSubmission;
}

/** I2, I6: the provider deletes (INV-16). */
export interface DeleteInvoiceCommand {
  actor: ProviderActor;
}

/** I5: the corrected PDF, possibly another selection (INV-18). */
export interface ResubmitInvoiceCommand {
  actor: ProviderActor;
  invoice: InvoiceSubmission;
}

/** I3 */
export interface TakeForEvaluationCommand {
  actor: EvaluatorActor;
}

/** I4: comment mandatory. */
export interface ReturnInvoiceCommand {
  actor: EvaluatorActor;
  comment: string;
}

/** I7: reason mandatory; final; frees the participants. */
export interface RejectInvoiceCommand {
  actor: EvaluatorActor;
  reason: string;
}

/** I8: then the workflow registers the payment order and polls until paid (I9). */
export interface TransferForPaymentCommand {
  actor: EvaluatorActor;
}

export interface InvoiceCommandResult {
  status: InvoiceStatus;
  version: number;
}

export interface InvoiceState {
  /** null until the first submission is recorded (or when it was refused: no invoice, INV-13). */
  status: InvoiceStatus | null;
  version: number;
  number: string | null;
  contractIds: string[];
  /** The latest (re)submission. */
  submittedAt: string | null;
  /** The evaluation deadline of the latest (re)submission; null when no decision is owed. */
  dueAt: string | null;
  remindAt: string | null;
  reminded: boolean;
  escalated: boolean;
  /** The evaluator's comment of the latest return (I4) and the rejection reason (I7). */
  comment: string | null;
  reason: string | null;
  /** The payment system's order id after I8. */
  paymentOrderId: string | null;
  paidAt: string | null;
  /** Why the first submission was refused when the database refused it (INV-13), else null. */
  refusal: string | null;
}

export const submitInvoiceUpdate = defineUpdate<InvoiceCommandResult, [SubmitInvoiceCommand]>('submitInvoice');
export const deleteInvoiceUpdate = defineUpdate<InvoiceCommandResult, [DeleteInvoiceCommand]>('deleteInvoice');
export const resubmitInvoiceUpdate = defineUpdate<InvoiceCommandResult, [ResubmitInvoiceCommand]>('resubmitInvoice');
export const takeForEvaluationUpdate = defineUpdate<InvoiceCommandResult, [TakeForEvaluationCommand]>('takeForEvaluation');
export const returnInvoiceUpdate = defineUpdate<InvoiceCommandResult, [ReturnInvoiceCommand]>('returnInvoice');
export const rejectInvoiceUpdate = defineUpdate<InvoiceCommandResult, [RejectInvoiceCommand]>('rejectInvoice');
export const transferForPaymentUpdate = defineUpdate<InvoiceCommandResult, [TransferForPaymentCommand]>('transferForPayment');
/** The payment system reports a change (a callback): the workflow asks for the status at once. */
export const paymentReportedSignal = defineSignal<[]>('paymentReported');
export const invoiceStateQuery = defineQuery<InvoiceState>('invoiceState');
