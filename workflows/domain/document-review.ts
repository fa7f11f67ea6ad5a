// The reviewer's decision on one document (L3 D2..D5; DOC-9..DOC-11, DOC-15, DOC-16, DOC-18), pure:
// which statuses a document of a kind may get, why a decision is refused, and whether an outcome
// satisfies the criterion or asks the participant for a new document.
import {
  AWAITING_REVIEW,
  DOCUMENT_KIND_LABELS,
  EDUCATION_STATUSES,
  isReviewOption,
  REVIEW_STATUS_LABELS,
  type DocumentKind,
} from './eligibility.ts';

export const NOTE_MAX_LENGTH = 1000;

interface DecisionInput {
  status: string;
  note?: string | undefined;
}

/** The Lithuanian reason a decision is refused, per field; null when it may be recorded. */
export function decisionFieldErrors(kind: DocumentKind, d: DecisionInput): Record<string, string> | null {
  const errors: Record<string, string> = {};
  if (!d.status) errors.status = 'Pasirinkite vertinimo būseną.';
  else if (!isReviewOption(kind, d.status)) errors.status = `Ši būsena netinka dokumentui „${DOCUMENT_KIND_LABELS[kind]}“.`;
  if (d.note && d.note.length > NOTE_MAX_LENGTH) errors.note = `Pastaba negali būti ilgesnė nei ${NOTE_MAX_LENGTH} simbolių.`;
  return Object.keys(errors).length > 0 ? errors : null;
}

/** The outcome satisfies the document's criterion (DOC-9, DOC-10, DOC-16 accepted). */
function meetsCriterion(status: string): boolean {
  return status in EDUCATION_STATUSES || status === 'UZIMTAS_ASMUO' || status === 'GYVENIMAS_PRIPAZINTAS';
}

/** DOC-18: after a negative outcome the participant may (and must, to qualify) upload a new document. */
export function asksForNewDocument(status: string): boolean {
  return status !== AWAITING_REVIEW && !meetsCriterion(status);
}

export function reviewStatusLabel(status: string): string {
  return REVIEW_STATUS_LABELS[status] ?? status;
}
