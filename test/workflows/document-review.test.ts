// DocumentReview workflow (L3) against the real Temporal dev server, with recording activities:
// the deadline and the reminder are real timers, given in the input seconds ahead (in production
// they come from the upload time and the Lithuanian working-day calendar).
import type { Client, WorkflowUpdateFailedError } from '@temporalio/client';
import type { ApplicationFailure } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideDocumentUpdate, documentReviewStateQuery, type DocumentReviewInput } from '../../workflows/document-review/messages.ts';
import { reviewInstants, type documentReviewWorkflow } from '../../workflows/document-review/workflow.ts';
import { ErrorCode } from '../../workflows/errors.ts';
import { documentReviewWorkflowId } from '../../workflows/ids.ts';
import { uniqueTaskQueue } from '../support/env.ts';
import { recordHistoryIfAsked } from '../support/histories.ts';
import { startWorkflowTestWorker, updateRefusal as refusal, type WorkflowTestWorker } from '../support/workflow-worker.ts';

const taskQueue = uniqueTaskQueue('wf-document-review');

/** What the activities were asked to do, per document. */
const calls: { name: string; documentId: string; args: Record<string, unknown> }[] = [];
let client: Client;
let worker: WorkflowTestWorker;

function record(name: string, result: (a: Record<string, unknown>) => unknown) {
  return async (a: Record<string, unknown>) => {
    calls.push({ name, documentId: String(a.documentId ?? ''), args: a });
    return result(a);
  };
}

const namesOf = (documentId: string) => calls.filter((c) => c.documentId === documentId).map((c) => c.name);
const argsOf = (documentId: string, name: string) => calls.filter((c) => c.documentId === documentId && c.name === name).map((c) => c.args);

async function start(a: { kind?: DocumentReviewInput['kind']; dueInMs?: number; remindInMs?: number }) {
  const documentId = crypto.randomUUID();
  const now = Date.now();
  const input: DocumentReviewInput = {
    documentId,
    participantId: crypto.randomUUID(),
    kind: a.kind ?? 'ISSILAVINIMAS',
    uploadedAt: new Date(now).toISOString(),
    dueAt: new Date(now + (a.dueInMs ?? 3_600_000)).toISOString(),
    ...(a.remindInMs !== undefined ? { remindAt: new Date(now + a.remindInMs).toISOString() } : {}),
  };
  const handle = await client.workflow.start<typeof documentReviewWorkflow>('documentReviewWorkflow', {
    workflowId: documentReviewWorkflowId(documentId),
    taskQueue,
    args: [input],
  });
  return { handle, documentId, input };
}

beforeAll(async () => {
  worker = await startWorkflowTestWorker(taskQueue, {
    projectDocumentPending: record('projectDocumentPending', () => undefined),
    queueDocumentReviewReminder: record('queueDocumentReviewReminder', (a) => [`${a.documentId}/reminder-1`, `${a.documentId}/reminder-2`]),
    escalateDocumentReview: record('escalateDocumentReview', (a) => [`${a.documentId}/overdue-1`]),
    recordDocumentDecision: record('recordDocumentDecision', (a) => ({ outboxId: `${a.documentId}/decided` })),
    deliverEmail: async (outboxId: string) => {
      calls.push({ name: 'deliverEmail', documentId: outboxId.split('/')[0]!, args: { outboxId } });
      return { sent: true, messageId: outboxId };
    },
  });
  client = worker.client;
});

afterAll(async () => {
  await worker?.stop();
});

describe('DocumentReview workflow (L3)', () => {
  it('computes the deadline from the upload with the working-day calendar when none is given (DOC-7)', () => {
    const instants = reviewInstants({ documentId: 'd', participantId: 'p', kind: 'UZIMTUMAS', uploadedAt: '2027-03-25T08:00:00Z' });
    expect(new Date(instants.dueAt).toISOString()).toBe('2027-03-31T21:00:00.000Z');
    expect(new Date(instants.remindAt).toISOString()).toBe('2027-03-31T05:00:00.000Z');
  });

  it('a decision before the deadline is recorded once, e-mailed to the participant, and ends the review (D2, DOC-18)', async () => {
    const { handle, documentId, input } = await start({ dueInMs: 60_000 });
    const command = { reviewerId: 'reviewer-1', status: 'AUKSTASIS_UNIVERSITETINIS', note: '  Diplomas aiškus. ' };
    const decision = await handle.executeUpdate(decideDocumentUpdate, { args: [command], updateId: 'form-1' });
    expect(decision).toMatchObject({ status: 'AUKSTASIS_UNIVERSITETINIS', reviewerId: 'reviewer-1' });
    // The same form again (a double submit) is done once and answers the same.
    expect(await handle.executeUpdate(decideDocumentUpdate, { args: [command], updateId: 'form-1' })).toEqual(decision);
    expect(await handle.result()).toBe('AUKSTASIS_UNIVERSITETINIS');
    // An Update that arrives at once may be handled in the workflow's first task, so the pending projection and
    // the decision can be scheduled together (seen on the real Temporal server): only the e-mail's place is fixed.
    const names = namesOf(documentId);
    expect([...names].sort()).toEqual(['deliverEmail', 'projectDocumentPending', 'recordDocumentDecision']);
    expect(names.indexOf('deliverEmail')).toBeGreaterThan(names.indexOf('recordDocumentDecision'));
    expect(argsOf(documentId, 'recordDocumentDecision')[0]).toMatchObject({
      status: 'AUKSTASIS_UNIVERSITETINIS',
      reviewerId: 'reviewer-1',
      note: 'Diplomas aiškus.',
    });
    expect(argsOf(documentId, 'projectDocumentPending')[0]).toEqual({ documentId, dueAt: input.dueAt });
  });

  it('reminds the reviewers before the deadline, escalates when it passes, and still takes the decision after (DOC-14)', async () => {
    const { handle, documentId } = await start({ kind: 'UZIMTUMAS', remindInMs: 1_500, dueInMs: 3_500 });
    await expect
      .poll(() => namesOf(documentId), { timeout: 15_000, interval: 200 })
      .toEqual([
        'projectDocumentPending',
        'queueDocumentReviewReminder',
        'deliverEmail',
        'deliverEmail',
        'escalateDocumentReview',
        'deliverEmail',
      ]);
    const state = await handle.query(documentReviewStateQuery);
    expect(state).toMatchObject({ status: 'LAUKIA', reminded: true, escalated: true, decision: null });
    await handle.executeUpdate(decideDocumentUpdate, {
      args: [{ reviewerId: 'reviewer-2', status: 'UZIMTAS_ASMUO' }],
      updateId: 'late-form',
    });
    expect(await handle.result()).toBe('UZIMTAS_ASMUO');
    expect(namesOf(documentId).slice(-2)).toEqual(['recordDocumentDecision', 'deliverEmail']);
    recordHistoryIfAsked(handle.workflowId, 'document-review-reminder-escalation.json');
  });

  it('refuses a status that is not one of the document kind’s, with a Lithuanian reason (DOC-15, DOC-16)', async () => {
    const { handle, documentId } = await start({ kind: 'GYVENIMAS' });
    const failure = await refusal(
      handle.executeUpdate(decideDocumentUpdate, { args: [{ reviewerId: 'r', status: 'UZIMTAS_ASMUO' }], updateId: 'bad' }),
    );
    expect(failure.type).toBe(ErrorCode.InvalidInput);
    expect(failure.message).toContain('netinka dokumentui');
    const unknown = await refusal(
      handle.executeUpdate(decideDocumentUpdate, { args: [{ reviewerId: 'r', status: 'LAUKIA' }], updateId: 'bad-2' }),
    );
    expect(unknown.type).toBe(ErrorCode.InvalidInput);
    expect(namesOf(documentId)).toEqual(['projectDocumentPending']);
    // A valid decision still goes through afterwards.
    await handle.executeUpdate(decideDocumentUpdate, { args: [{ reviewerId: 'r', status: 'GYVENIMAS_NEPRIPAZINTAS' }], updateId: 'good' });
    expect(await handle.result()).toBe('GYVENIMAS_NEPRIPAZINTAS');
  });

  it('refuses a second decision (another form) while the first is being recorded or after it', async () => {
    const { handle, documentId } = await start({});
    const first = handle.executeUpdate(decideDocumentUpdate, {
      args: [{ reviewerId: 'a', status: 'PAPILDOMI_DOKUMENTAI' }],
      updateId: 'form-a',
    });
    const second = handle.executeUpdate(decideDocumentUpdate, {
      args: [{ reviewerId: 'b', status: 'IGYTA_KVALIFIKACIJA' }],
      updateId: 'form-b',
    });
    const outcomes = await Promise.allSettled([first, second]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(((refused.reason as WorkflowUpdateFailedError).cause as ApplicationFailure).type).toBe(ErrorCode.TransitionNotAllowed);
    await handle.result();
    expect(argsOf(documentId, 'recordDocumentDecision')).toHaveLength(1);
    // After the workflow ended, a new form key finds no running review.
    await expect(
      handle.executeUpdate(decideDocumentUpdate, { args: [{ reviewerId: 'c', status: 'PAKARTOTI' }], updateId: 'form-c' }),
    ).rejects.toThrow();
  });
});
