// How a DocumentReview:<documentId> workflow is started — by web right after the upload, or by the
// review relay for a document whose start did not happen — so that both start the same workflow with
// the same operator texts (issue 10) and search attributes. Pure.
import { formatDeadline } from '../domain/date-format.ts';
import { AWAITING_REVIEW, DOCUMENT_KIND_LABELS, type DocumentKind } from '../domain/eligibility.ts';
import { REVIEW_WORKING_DAYS, reviewDeadline } from '../domain/working-days.ts';
import { documentReviewWorkflowId } from '../ids.ts';
import { at, escapeMarkdown, summary } from '../operator-details.ts';
import { DocumentStatusKey, ReviewDeadlineKey } from '../search-attributes.ts';
import type { DocumentReviewInput } from './messages.ts';

export interface DocumentReviewStart {
  documentId: string;
  participantId: string;
  kind: DocumentKind;
  uploadedAt: string;
  /** The participant's name, for the operator's summary in the Temporal UI. */
  participantName?: string;
}

/** What an operator reads in the Temporal UI's list and header (issue 10): business words, Vilnius time. */
function documentReviewDescription(input: DocumentReviewStart): { staticSummary: string; staticDetails: string; dueAt: Date } {
  const { dueAt } = reviewDeadline(new Date(input.uploadedAt));
  const kind = DOCUMENT_KIND_LABELS[input.kind];
  return {
    dueAt,
    staticSummary: summary('Dokumento vertinimas', kind, input.participantName && escapeMarkdown(input.participantName)),
    staticDetails: [
      `**${kind}**`,
      '',
      ...(input.participantName ? [`- Dalyvis: ${escapeMarkdown(input.participantName)}`] : []),
      `- ${at('Įkelta', input.uploadedAt)}`,
      `- Vertinama per ${REVIEW_WORKING_DAYS} darbo dienas: ${formatDeadline(dueAt)} (Vilniaus laiku)`,
      `- Dokumento ID: ${input.documentId}; dalyvio ID: ${input.participantId}`,
    ].join('\n'),
  };
}

/** The start options both starters share (the task queue is the starter's). */
export function documentReviewStartOptions(input: DocumentReviewStart) {
  const { staticSummary, staticDetails, dueAt } = documentReviewDescription(input);
  const args: [DocumentReviewInput] = [
    { documentId: input.documentId, participantId: input.participantId, kind: input.kind, uploadedAt: input.uploadedAt },
  ];
  return {
    workflowId: documentReviewWorkflowId(input.documentId),
    args,
    memo: { kind: input.kind, participantId: input.participantId },
    typedSearchAttributes: [
      { key: DocumentStatusKey, value: AWAITING_REVIEW },
      { key: ReviewDeadlineKey, value: dueAt },
    ],
    staticSummary,
    staticDetails,
  };
}
