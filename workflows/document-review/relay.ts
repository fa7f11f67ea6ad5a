// The review relay (DOC-7, issue 10 "nothing lost"): web stores an uploaded document and then starts
// its DocumentReview; when that start did not happen (Temporal unreachable, web gone in between), the
// document waits without review_started_at. The Temporal Schedule DocumentReviewRelay (every 5
// minutes, overlap SKIP) runs this workflow, which starts each such review — with the deadline from
// the upload time, as web would have — and records that it runs.
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { log, ParentClosePolicy, proxyActivities, setCurrentDetails, startChild } from '@temporalio/workflow';
import type { DocumentReviewActivities } from '../../activities/document-review.ts';
import { operatorDetails } from '../operator-details.ts';
import { documentReviewStartOptions } from './start.ts';
import type { documentReviewWorkflow } from './workflow.ts';

export interface ReviewRelayInput {
  /** Only documents uploaded at least this long ago (web starts the review first); default 2 minutes. */
  olderThanMs?: number;
  /** At most this many per run; default 200. */
  limit?: number;
  /** Only one participant's documents (an operator's run, or a test sharing the database). */
  participantId?: string;
}

const { listDocumentsAwaitingReviewStart, markDocumentReviewStarted } = proxyActivities<DocumentReviewActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumAttempts: 5 },
  summary: 'Dokumentai, kurių vertinimas nepradėtas',
});

export async function documentReviewRelayWorkflow(input: ReviewRelayInput = {}): Promise<{ found: number; started: number }> {
  const documents = await listDocumentsAwaitingReviewStart({
    olderThanMs: input.olderThanMs ?? 2 * 60_000,
    limit: input.limit ?? 200,
    ...(input.participantId ? { participantId: input.participantId } : {}),
  });
  setCurrentDetails(operatorDetails('Dokumentų vertinimo pradžia', [`Rasta dokumentų be pradėto vertinimo: ${documents.length}`]));
  let started = 0;
  for (const d of documents) {
    try {
      await startChild<typeof documentReviewWorkflow>('documentReviewWorkflow', {
        ...documentReviewStartOptions({
          documentId: d.id,
          participantId: d.participantId,
          kind: d.kind,
          uploadedAt: d.uploadedAt,
          participantName: d.participantName,
        }),
        parentClosePolicy: ParentClosePolicy.ABANDON,
      });
      started++;
    } catch (err) {
      // Web started it after all (the mark was what failed): it runs, so it is recorded below.
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      log.info('review already running', { documentId: d.id });
    }
    await markDocumentReviewStarted(d.id);
  }
  return { found: documents.length, started };
}
