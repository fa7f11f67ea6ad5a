// Web → DocumentReview workflow (L3). The portal starts one review per uploaded document; the
// reviewer's decision is an Update whose updateId is the form's idempotency key.
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { decideDocumentUpdate, type DecideDocumentCommand, type DocumentDecision } from '../workflows/document-review/messages.ts';
import type { documentReviewWorkflow } from '../workflows/document-review/workflow.ts';
import { documentReviewStartOptions, type DocumentReviewStart } from '../workflows/document-review/start.ts';
import { documentReviewWorkflowId } from '../workflows/ids.ts';
import { completionOf, runCommand, type CommandResult } from './errors.ts';

export interface DocumentReviewTarget {
  temporal: Client;
  taskQueue: string;
  /** How long a page waits for a command before it answers 503. */
  timeoutMs: number;
}

function withinDeadline<T>(t: DocumentReviewTarget, send: () => Promise<T>): Promise<CommandResult<T>> {
  return runCommand(() => t.temporal.connection.withDeadline(Date.now() + t.timeoutMs, send));
}

/**
 * D1: starts DocumentReview:<documentId> once the document row exists (status LAUKIA). Starting it
 * again for the same document does nothing (a retried upload request is harmless). Should this not
 * happen (Temporal unreachable, web gone), the review relay starts it (workflows/document-review/relay.ts).
 */
export function startDocumentReview(t: DocumentReviewTarget, input: DocumentReviewStart): Promise<CommandResult<void>> {
  return withinDeadline(t, async () => {
    try {
      await t.temporal.workflow.start<typeof documentReviewWorkflow>('documentReviewWorkflow', {
        taskQueue: t.taskQueue,
        ...documentReviewStartOptions(input),
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
  });
}

/** D2..D5: the reviewer decides; a second submit of the same form does it once. */
export function decideDocument(
  t: DocumentReviewTarget,
  a: { documentId: string; command: DecideDocumentCommand; idempotencyKey: string },
): Promise<CommandResult<DocumentDecision>> {
  const handle = t.temporal.workflow.getHandle(documentReviewWorkflowId(a.documentId));
  return withinDeadline(t, () =>
    completionOf(handle.startUpdate(decideDocumentUpdate, { args: [a.command], updateId: a.idempotencyKey, waitForStage: 'ACCEPTED' })),
  );
}
