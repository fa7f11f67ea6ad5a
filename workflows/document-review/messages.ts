// Messages of the DocumentReview workflow (lifecycle L3, one per uploaded document). Names are
// recorded in histories: never rename one.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { DocumentKind } from '../domain/eligibility.ts';

export interface DocumentReviewInput {
  documentId: string;
  participantId: string;
  kind: DocumentKind;
  /** When the participant uploaded the document, ISO 8601 (the 3 working days count from it, DOC-7). */
  uploadedAt: string;
  /**
   * The review deadline, ISO 8601, for operators and tests only; normally absent and computed from
   * uploadedAt with the Lithuanian working-day calendar (workflows/domain/working-days.ts).
   */
  dueAt?: string;
  /** The reminder instant, ISO 8601, for operators and tests only; normally the start of the last working day. */
  remindAt?: string;
}

/** D2..D5: the reviewer's decision on the document. */
export interface DecideDocumentCommand {
  /** staff_members.id of the reviewer (role VERTINTOJAS). */
  reviewerId: string;
  /** A code of REVIEW_OPTIONS[kind] (workflows/domain/eligibility.ts). */
  status: string;
  note?: string;
  requestId?: string;
}

export interface DocumentDecision {
  status: string;
  reviewerId: string;
  /** ISO 8601. */
  decidedAt: string;
}

export interface DocumentReviewState {
  /** 'LAUKIA' until decided, then the decided status. */
  status: string;
  dueAt: string;
  remindAt: string;
  reminded: boolean;
  escalated: boolean;
  decision: DocumentDecision | null;
}

/** D2..D5: refused with a Lithuanian reason when the status is not one of the kind's, or already decided. */
export const decideDocumentUpdate = defineUpdate<DocumentDecision, [DecideDocumentCommand]>('decideDocument');
export const documentReviewStateQuery = defineQuery<DocumentReviewState>('documentReviewState');
