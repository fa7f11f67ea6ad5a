// DocumentReview:<documentId> owns lifecycle L3 of one uploaded document (DOC-7..DOC-18).
// (First cut: the interface the portal starts; the deadline, reminder and escalation follow.)
import { ApplicationFailure, condition, setHandler } from '@temporalio/workflow';
import { isReviewOption } from '../domain/eligibility.ts';
import { ErrorCode } from '../errors.ts';
import { decideDocumentUpdate, type DocumentDecision, type DocumentReviewInput } from './messages.ts';

export async function documentReviewWorkflow(input: DocumentReviewInput): Promise<string> {
  let decision: DocumentDecision | null = null;
  setHandler(
    decideDocumentUpdate,
    (cmd) => {
      decision = { status: cmd.status, reviewerId: cmd.reviewerId, decidedAt: new Date().toISOString() };
      return decision;
    },
    {
      validator: (cmd) => {
        if (!isReviewOption(input.kind, cmd.status)) {
          throw ApplicationFailure.create({ type: ErrorCode.InvalidInput, message: 'Pasirinkite vieną iš šio dokumento vertinimo būsenų.', nonRetryable: true });
        }
      },
    },
  );
  await condition(() => decision !== null);
  return decision!.status;
}
