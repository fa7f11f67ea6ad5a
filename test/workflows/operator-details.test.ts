// What an operator reads in the Temporal UI (issue 10), against the real dev server: the static
// summary and details the start sites give (web/document-review-commands.ts,
// web/invitation-commands.ts), the current details the workflow keeps ("what it waits for and until
// when", read through the __temporal_workflow_metadata query as the UI does), the summaries on its
// timers and activities, and the document review's search attributes (status, deadline).
import type { Client, WorkflowHandle } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';
import { workflowMetadataQuery } from '@temporalio/workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideDocument, startDocumentReview, type DocumentReviewTarget } from '../../web/document-review-commands.ts';
import { cancelInvitation, inviteUser, type InvitationCommandTarget } from '../../web/invitation-commands.ts';
import { documentReviewStateQuery, type DocumentReviewInput } from '../../workflows/document-review/messages.ts';
import type { documentReviewWorkflow } from '../../workflows/document-review/workflow.ts';
import { deadlineDateTime, formatDateTime } from '../../workflows/domain/date-format.ts';
import { reviewDeadline } from '../../workflows/domain/working-days.ts';
import { documentReviewWorkflowId, userInvitationWorkflowId } from '../../workflows/ids.ts';
import { DocumentStatusKey, InstitutionIdKey, ReviewDeadlineKey } from '../../workflows/search-attributes.ts';
import { invitationStateQuery } from '../../workflows/user-invitation/messages.ts';
import { testConfig, uniqueTaskQueue } from '../support/env.ts';
import { recordHistoryIfAsked } from '../support/histories.ts';
import { headActor, INVITEE } from '../support/invitations.ts';
import { startWorkflowTestWorker, type WorkflowTestWorker } from '../support/workflow-worker.ts';

const taskQueue = uniqueTaskQueue('wf-operator-details');
const calls: { name: string; id: string }[] = [];
let client: Client;
let worker: WorkflowTestWorker;

function record(name: string, result: (a: Record<string, unknown>) => unknown) {
  return async (a: Record<string, unknown>) => {
    calls.push({ name, id: String(a.documentId ?? a.invitationId ?? '') });
    return result(a);
  };
}

async function currentDetails(handle: WorkflowHandle): Promise<string> {
  return (await handle.query(workflowMetadataQuery)).currentDetails ?? '';
}

/** Polls the current details until they contain the text (the workflow moves on its own timers). */
async function detailsOnceContaining(handle: WorkflowHandle, text: string, timeoutMs = 15_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const details = await currentDetails(handle);
    if (details.includes(text) || Date.now() > until) return details;
    await new Promise((r) => setTimeout(r, 200));
  }
}

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

/** The summaries the history records on timers or on scheduled activities, in order. */
async function summaries(handle: WorkflowHandle, of: 'timer' | 'activity'): Promise<string[]> {
  const { events } = await handle.fetchHistory();
  const pick = (e: HistoryEvent) => (of === 'timer' ? e.timerStartedEventAttributes : e.activityTaskScheduledEventAttributes);
  return (events ?? [])
    .filter((e) => pick(e))
    .map((e) => (e.userMetadata?.summary ? defaultPayloadConverter.fromPayload<string>(e.userMetadata.summary) : '(no summary)'));
}

/** Polls the history until it holds at least `count` of them (the workflow task may still be running). */
async function summariesOnce(handle: WorkflowHandle, of: 'timer' | 'activity', count: number): Promise<string[]> {
  for (let i = 0; ; i++) {
    const found = await summaries(handle, of);
    if (found.length >= count || i >= 50) return found;
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  worker = await startWorkflowTestWorker(taskQueue, {
    // DocumentReview
    projectDocumentPending: record('projectDocumentPending', () => undefined),
    queueDocumentReviewReminder: record('queueDocumentReviewReminder', (a) => [`${a.documentId}/reminder`]),
    escalateDocumentReview: record('escalateDocumentReview', (a) => [`${a.documentId}/overdue`]),
    recordDocumentDecision: record('recordDocumentDecision', (a) => ({ outboxId: `${a.documentId}/decided` })),
    // UserInvitation
    createInvitation: record('createInvitation', (a) => ({ userId: `user-of-${a.invitationId}`, outboxId: `${a.invitationId}/invite` })),
    renewInvitationLink: record('renewInvitationLink', (a) => `${a.invitationId}/renew`),
    queueInvitationReminder: record('queueInvitationReminder', (a) => `${a.invitationId}/reminder`),
    confirmInvitation: record('confirmInvitation', (a) => ({
      userId: `user-of-${a.invitationId}`,
      outboxId: `${a.invitationId}/confirmed`,
    })),
    expireInvitation: record('expireInvitation', () => true),
    cancelInvitation: record('cancelInvitation', () => undefined),
    deliverEmail: async (outboxId: string) => {
      calls.push({ name: 'deliverEmail', id: outboxId.split('/')[0]! });
      return { sent: true, messageId: outboxId };
    },
  });
  client = worker.client;
});

afterAll(async () => {
  await worker?.stop();
});

describe('DocumentReview in the Temporal UI (L3, issue 10)', () => {
  const target = (): DocumentReviewTarget => ({ temporal: client, taskQueue, timeoutMs: 10_000 });

  it('started by the portal: summary in business words, status and deadline as search attributes, details say it waits for the reviewer until the deadline', async () => {
    const documentId = crypto.randomUUID();
    const uploadedAt = new Date();
    const { dueAt, remindAt } = reviewDeadline(uploadedAt);
    const started = await startDocumentReview(target(), {
      documentId,
      participantId: crypto.randomUUID(),
      kind: 'ISSILAVINIMAS',
      uploadedAt: uploadedAt.toISOString(),
      participantName: 'Jonas Jonaitis',
    });
    expect(started.ok).toBe(true);
    const handle = client.workflow.getHandle(documentReviewWorkflowId(documentId));

    const described = await handle.describe();
    expect(await described.staticSummary()).toBe('Dokumento vertinimas · Išsilavinimą patvirtinantis dokumentas · Jonas Jonaitis');
    const staticDetails = await described.staticDetails();
    expect(staticDetails).toContain(`Vertinama per 3 darbo dienas: iki ${deadlineDateTime(dueAt)} (Vilniaus laiku)`);
    expect(staticDetails).toContain(`Įkelta ${formatDateTime(uploadedAt)}`);
    expect(described.typedSearchAttributes.get(DocumentStatusKey)).toBe('LAUKIA');
    expect(described.typedSearchAttributes.get(ReviewDeadlineKey)?.toISOString()).toBe(dueAt.toISOString());

    const waiting = await detailsOnceContaining(handle, 'Laukia vertintojo sprendimo');
    expect(waiting).toContain('**Laukia vertinimo**');
    expect(waiting).toContain(`Laukia vertintojo sprendimo iki ${deadlineDateTime(dueAt)} (Vilniaus laiku)`);
    expect(waiting).toContain(`Priminimas vertintojams ${formatDateTime(remindAt)} (Vilniaus laiku)`);
    // The deadline of a real upload is the end of a day (DOC-7): shown as that day's 23:59.
    expect(deadlineDateTime(dueAt)).toMatch(/ 23:59$/);
    expect(await summariesOnce(handle, 'timer', 1)).toEqual([`Priminimas vertintojams ${formatDateTime(remindAt)} (Vilniaus laiku)`]);

    const decided = await decideDocument(target(), {
      documentId,
      command: { reviewerId: 'reviewer-1', status: 'AUKSTASIS_UNIVERSITETINIS' },
      idempotencyKey: crypto.randomUUID(),
    });
    expect(decided.ok).toBe(true);
    expect(await handle.result()).toBe('AUKSTASIS_UNIVERSITETINIS');
    const after = await handle.describe();
    expect(after.typedSearchAttributes.get(DocumentStatusKey)).toBe('AUKSTASIS_UNIVERSITETINIS');
    expect(after.typedSearchAttributes.get(ReviewDeadlineKey)?.toISOString()).toBe(dueAt.toISOString());
    const done = await currentDetails(handle);
    expect(done).toContain('**Įvertinta: Aukštasis universitetinis išsilavinimas**');
    expect(done).toContain('Vertinimas baigtas');
    expect(await summaries(handle, 'activity')).toEqual([
      `Dokumentas į vertinimo eilę · terminas ${deadlineDateTime(dueAt)}`,
      'Įrašomas sprendimas · Aukštasis universitetinis išsilavinimas',
      `Siunčiamas laiškas · ${documentId}/decided`,
    ]);
  });

  it('past its deadline the details say so, the status stays LAUKIA, and "overdue, not decided" is one visibility query (DOC-14)', async () => {
    const documentId = crypto.randomUUID();
    const now = Date.now();
    const input: DocumentReviewInput = {
      documentId,
      participantId: crypto.randomUUID(),
      kind: 'UZIMTUMAS',
      uploadedAt: new Date(now).toISOString(),
      remindAt: new Date(now + 1_000).toISOString(),
      dueAt: new Date(now + 2_500).toISOString(),
    };
    // Started without search attributes: the workflow sets them itself.
    const handle = await client.workflow.start<typeof documentReviewWorkflow>('documentReviewWorkflow', {
      workflowId: documentReviewWorkflowId(documentId),
      taskQueue,
      args: [input],
    });
    const overdue = await detailsOnceContaining(handle, 'terminas praėjo');
    expect(overdue).toContain('**Laukia vertinimo: terminas praėjo**');
    expect(overdue).toContain(`Vertinimo terminas (${deadlineDateTime(input.dueAt!)}, Vilniaus laiku) praėjo; vertintojams pranešta`);
    expect(overdue).toContain('Laukia vertintojo sprendimo');
    expect((await handle.query(documentReviewStateQuery)).escalated).toBe(true);

    const described = await handle.describe();
    expect(described.typedSearchAttributes.get(DocumentStatusKey)).toBe('LAUKIA');
    expect(described.typedSearchAttributes.get(ReviewDeadlineKey)?.toISOString()).toBe(new Date(input.dueAt!).toISOString());
    expect(await summaries(handle, 'timer')).toEqual([
      `Priminimas vertintojams ${formatDateTime(input.remindAt!)} (Vilniaus laiku)`,
      `Laukia vertintojo sprendimo iki ${deadlineDateTime(input.dueAt!)} (Vilniaus laiku)`,
    ]);
    expect(await summaries(handle, 'activity')).toEqual(
      expect.arrayContaining(['Priminimas vertintojams', 'Terminas praėjo: pranešama vertintojams']),
    );

    // The operator's query in the UI's list: still awaiting review and past the deadline.
    const query = `WorkflowId = '${handle.workflowId}' AND KursuokDocumentStatus = 'LAUKIA' AND KursuokReviewDeadline < '${new Date().toISOString()}'`;
    let found: string[] = [];
    for (let i = 0; i < 50 && found.length === 0; i++) {
      found = [];
      for await (const wf of client.workflow.list({ query })) found.push(wf.workflowId);
      if (found.length === 0) await new Promise((r) => setTimeout(r, 200));
    }
    expect(found).toEqual([handle.workflowId]);

    const late = await decideDocument(target(), {
      documentId,
      command: { reviewerId: 'reviewer-2', status: 'UZIMTAS_ASMUO' },
      idempotencyKey: crypto.randomUUID(),
    });
    expect(late.ok).toBe(true);
    expect(await handle.result()).toBe('UZIMTAS_ASMUO');
    expect((await handle.describe()).typedSearchAttributes.get(DocumentStatusKey)).toBe('UZIMTAS_ASMUO');
    expect(await currentDetails(handle)).toContain('**Įvertinta: Užimtas asmuo**');
    recordHistoryIfAsked(handle.workflowId, 'document-review-operator-details.json');
  });
});

describe('UserInvitation in the Temporal UI (L9, issue 10)', () => {
  const institutionId = crypto.randomUUID();
  const actor = headActor(institutionId);
  const user = INVITEE;

  it('says who is invited to which institution, waits for the confirmation until the link expires, then for the administrator', async () => {
    const t: InvitationCommandTarget = {
      temporal: client,
      config: testConfig(taskQueue, { KURSUOK_INVITATION_VALID_SECONDS: '4', KURSUOK_INVITATION_REMINDER_BEFORE_SECONDS: '2' }),
    };
    const invitationId = crypto.randomUUID();
    const invited = await inviteUser(t, { invitationId, actor, user, institutionName: 'UAB „Mokykla“' });
    expect(invited.ok).toBe(true);
    const handle = client.workflow.getHandle(userInvitationWorkflowId(invitationId));

    const described = await handle.describe();
    expect(await described.staticSummary()).toBe('Naudotojo kvietimas · Jurgita Naujoji · UAB „Mokykla“');
    const staticDetails = await described.staticDetails();
    expect(staticDetails).toContain('Institucija: UAB „Mokykla“');
    expect(staticDetails).toContain('Kvietimo nuoroda galioja 4 s; priminimas likus 2 s');
    expect(described.typedSearchAttributes.get(InstitutionIdKey)).toBe(institutionId);

    const { expiresAt } = await handle.query(invitationStateQuery);
    const pending = await detailsOnceContaining(handle, 'Laukia naudotojo patvirtinimo');
    expect(pending).toContain('**Laukiama patvirtinimo**');
    expect(pending).toContain(`Laukia naudotojo patvirtinimo per nuorodą el. laiške iki ${deadlineDateTime(expiresAt!)} (Vilniaus laiku)`);

    const expired = await detailsOnceContaining(handle, 'Nebegalioja');
    expect(expired).toContain('**Nebegalioja**');
    expect(expired).toContain('Laukia administratoriaus: „Siųsti kvietimą iš naujo“ arba naudotojo pašalinimo');
    expect(expired).toContain(`Nuoroda nebegalioja nuo ${formatDateTime(expiresAt!)} (Vilniaus laiku)`);
    const timers = await summaries(handle, 'timer');
    expect(timers[0]).toMatch(/^Laukia kvietimo sukūrimo iki \d{4}-\d{2}-\d{2} \d{2}:\d{2} \(Vilniaus laiku\)$/);
    expect(timers.slice(1)).toEqual([
      `Priminimas naudotojui ${formatDateTime(expiresAt! - 2_000)} (Vilniaus laiku)`,
      `Laukia naudotojo patvirtinimo iki ${deadlineDateTime(expiresAt!)} (Vilniaus laiku)`,
    ]);

    const cancelled = await cancelInvitation(t, { invitationId, actor });
    expect(cancelled.ok).toBe(true);
    expect(await handle.result()).toBe('CANCELLED');
    recordHistoryIfAsked(handle.workflowId, 'user-invitation-operator-details.json');
    expect(await currentDetails(handle)).toContain('**Atšauktas**');
    expect(await summaries(handle, 'activity')).toEqual([
      'Kuriamas pakviestas naudotojas ir kvietimo laiškas',
      `Siunčiamas laiškas · ${invitationId}/invite`,
      'Priminimas naudotojui',
      `Siunčiamas laiškas · ${invitationId}/reminder`,
      'Kvietimo nuoroda nebegalioja',
      'Kvietimas atšaukiamas (naudotojas pašalintas)',
    ]);
  });
});
