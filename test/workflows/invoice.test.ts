// Invoice workflow (L8; INV-12..INV-21) against the real Temporal dev server, with recording
// activities: the submission (update-with-start), the evaluator's steps with their refusals (a second
// decision, a return without a comment), the corrected resubmission, the payment order and its poll
// woken by the payment system's report (I8 → I9), the database's INV-13 refusal (no invoice; the
// workflow ends), deletion, and the evaluation deadline's reminder and escalation as real timers
// (given in the input seconds ahead; in production 10 working days, workflows/domain/invoice.ts).
import { WithStartWorkflowOperation, type Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InvoiceSnapshot, ParticipantChange } from '../../activities/invoice.ts';
import { addDays, vilniusDate } from '../../workflows/domain/calendar.ts';
import { ErrorCode } from '../../workflows/errors.ts';
import { invoiceWorkflowId } from '../../workflows/ids.ts';
import {
  deleteInvoiceUpdate,
  invoiceStateQuery,
  paymentReportedSignal,
  rejectInvoiceUpdate,
  resubmitInvoiceUpdate,
  returnInvoiceUpdate,
  submitInvoiceUpdate,
  takeForEvaluationUpdate,
  transferForPaymentUpdate,
  type InvoiceInput,
} from '../../workflows/invoice/messages.ts';
import type { invoiceWorkflow } from '../../workflows/invoice/workflow.ts';
import { uniqueTaskQueue } from '../support/env.ts';
import { recordHistoryIfAsked } from '../support/histories.ts';
import { startWorkflowTestWorker, updateRefusal as refusal, type WorkflowTestWorker } from '../support/workflow-worker.ts';

const taskQueue = uniqueTaskQueue('wf-invoice');
type Call = { name: string; invoiceId: string; args: Record<string, unknown> };
const calls: Call[] = [];
let client: Client;
let worker: WorkflowTestWorker;
/** Per invoice: how many status questions until the payment system says "paid". */
const paidAfter = new Map<string, number>();
/** Contract ids the "database" refuses as already on another active invoice (INV-13). */
const TAKEN = 'contract-taken';

const namesOf = (id: string) => calls.filter((c) => c.invoiceId === id).map((c) => c.name);
const projectionsOf = (id: string) =>
  calls
    .filter((c) => c.invoiceId === id && c.name === 'projectInvoice')
    .map((c) => c.args as { snapshot: InvoiceSnapshot; participants: ParticipantChange; action: string; notify: boolean });

const provider = { userId: 'user-1', institutionId: 'inst-1', personalCodeHash: 'pch', name: 'Rūta Jonaitienė', requestId: 'req' };
const evaluator = { evaluatorId: 'staff-1', personKey: 'pk-eval', name: 'Vida Vertintoja', requestId: 'req' };
const yesterday = addDays(vilniusDate(new Date()), -1);
const submission = (contractIds = ['contract-1', 'contract-2'], amountCents = 300_000) => ({
  number: 'SF 0001',
  date: yesterday,
  amountCents,
  fileId: 'file-1',
  contractIds,
});

async function submit(a: { contractIds?: string[]; input?: Partial<InvoiceInput> } = {}) {
  const invoiceId = crypto.randomUUID();
  const input: InvoiceInput = { invoiceId, institutionId: 'inst-1', groupId: 'group-1', programmeId: 'prog-1', ...a.input };
  const start = new WithStartWorkflowOperation<typeof invoiceWorkflow>('invoiceWorkflow', {
    workflowId: invoiceWorkflowId(invoiceId),
    taskQueue,
    workflowIdConflictPolicy: 'USE_EXISTING',
    args: [input],
  });
  const result = client.workflow.executeUpdateWithStart(submitInvoiceUpdate, {
    args: [{ actor: provider, invoice: submission(a.contractIds) }],
    updateId: `submit-${invoiceId}`,
    startWorkflowOperation: start,
  });
  return { invoiceId, result, handle: () => start.workflowHandle() };
}

beforeAll(async () => {
  worker = await startWorkflowTestWorker(taskQueue, {
    projectInvoice: async (a: { snapshot: InvoiceSnapshot; participants: ParticipantChange; notify: boolean }) => {
      calls.push({ name: 'projectInvoice', invoiceId: a.snapshot.id, args: a });
      if (Array.isArray(a.participants) && a.participants.includes(TAKEN))
        return {
          ok: false,
          refusal: 'Ona Onaitė: dalyvis jau įtrauktas į kitą aktyvią sąskaitą faktūrą (SF 9). Sąskaita faktūra nepateikta.',
        };
      return { ok: true, outboxIds: a.notify ? [`${a.snapshot.id}/n17-v${a.snapshot.version}`] : [] };
    },
    queueInvoiceEvaluationReminder: async (a: { invoiceId: string }) => {
      calls.push({ name: 'queueInvoiceEvaluationReminder', invoiceId: a.invoiceId, args: a });
      return [`${a.invoiceId}/reminder`];
    },
    escalateInvoiceEvaluation: async (a: { invoiceId: string }) => {
      calls.push({ name: 'escalateInvoiceEvaluation', invoiceId: a.invoiceId, args: a });
      return [`${a.invoiceId}/overdue`];
    },
    registerPayment: async (a: { invoiceId: string }) => {
      calls.push({ name: 'registerPayment', invoiceId: a.invoiceId, args: a });
      return { orderId: `MN-${a.invoiceId.slice(0, 8)}`, paid: false, paidAt: null, pollMs: 600_000 };
    },
    paymentStatus: async (a: { orderId: string }) => {
      const invoiceId = [...paidAfter.keys()].find((id) => a.orderId === `MN-${id.slice(0, 8)}`) ?? 'unknown';
      calls.push({ name: 'paymentStatus', invoiceId, args: a });
      const left = (paidAfter.get(invoiceId) ?? 1) - 1;
      paidAfter.set(invoiceId, left);
      return { orderId: a.orderId, paid: left <= 0, paidAt: left <= 0 ? '2026-12-03T10:00:00.000Z' : null, pollMs: 600_000 };
    },
    deliverEmail: async (outboxId: string) => {
      calls.push({ name: 'deliverEmail', invoiceId: outboxId.split('/')[0]!, args: { outboxId } });
      return { sent: true, messageId: outboxId };
    },
  });
  client = worker.client;
});

afterAll(async () => {
  await worker?.stop();
});

describe('Invoice workflow (L8)', () => {
  it('I1, I3, I4, I5, I3, I8, I9: returned with a comment, resubmitted, passed for payment, paid once the payment system reports it (N17 each time)', async () => {
    const { invoiceId, result, handle: h } = await submit({ input: { paymentPollMs: 600_000 } });
    paidAfter.set(invoiceId, 1);
    expect(await result).toEqual({ status: 'Pateikta', version: 1 });
    const handle = await h();
    const first = projectionsOf(invoiceId)[0]!;
    expect(first.participants).toEqual(['contract-1', 'contract-2']);
    expect(first.notify).toBe(false);
    expect(first.snapshot).toMatchObject({ status: 'Pateikta', number: 'SF 0001', amountCents: 300_000, submittedByUserId: 'user-1' });
    // The deadline is 10 working days ahead (at least 14 calendar days), the reminder 2 working days earlier.
    const due = Date.parse(first.snapshot.evaluationDueAt!);
    expect(due - Date.now()).toBeGreaterThan(13 * 86_400_000);
    expect(Date.parse(first.snapshot.reminderDueAt!)).toBeLessThan(due);

    // Not yet under evaluation: no decision; a return needs a comment.
    const early = await refusal(
      handle.executeUpdate(returnInvoiceUpdate, { args: [{ actor: evaluator, comment: 'x' }], updateId: 'ret-0' }),
    );
    expect(early.type).toBe(ErrorCode.TransitionNotAllowed);
    expect(await handle.executeUpdate(takeForEvaluationUpdate, { args: [{ actor: evaluator }], updateId: 'take-1' })).toEqual({
      status: 'Vertinama',
      version: 2,
    });
    // INV-16: no deletion under evaluation.
    const del = await refusal(handle.executeUpdate(deleteInvoiceUpdate, { args: [{ actor: provider }], updateId: 'del-1' }));
    expect(del.type).toBe(ErrorCode.TransitionNotAllowed);
    expect(del.message).toContain('„Pateikta“ arba „Grąžinta papildymui“');
    const noComment = await refusal(
      handle.executeUpdate(returnInvoiceUpdate, { args: [{ actor: evaluator, comment: '  ' }], updateId: 'ret-1' }),
    );
    expect(noComment.type).toBe(ErrorCode.InvalidInput);
    expect(noComment.message).toBe('Grąžinant sąskaitą faktūrą papildymui, komentaras privalomas.');
    expect(
      await handle.executeUpdate(returnInvoiceUpdate, {
        args: [{ actor: evaluator, comment: ' Trūksta dalyvio pažymėjimo numerio. ' }],
        updateId: 'ret-2',
      }),
    ).toEqual({ status: 'Grąžinta papildymui', version: 3 });
    // A second decision is refused.
    const second = await refusal(handle.executeUpdate(transferForPaymentUpdate, { args: [{ actor: evaluator }], updateId: 'tr-0' }));
    expect(second.message).toBe('Sprendimas dėl sąskaitos faktūros jau priimtas: „Grąžinta papildymui“.');
    expect(await handle.query(invoiceStateQuery)).toMatchObject({
      status: 'Grąžinta papildymui',
      comment: 'Trūksta dalyvio pažymėjimo numerio.',
      dueAt: null,
    });

    // I5: another institution's user is not found; the provider resubmits with one participant fewer.
    const foreign = await refusal(
      handle.executeUpdate(resubmitInvoiceUpdate, {
        args: [{ actor: { ...provider, institutionId: 'inst-2' }, invoice: submission(['contract-1'], 150_000) }],
        updateId: 'resub-x',
      }),
    );
    expect(foreign.type).toBe(ErrorCode.WrongInstitution);
    expect(
      await handle.executeUpdate(resubmitInvoiceUpdate, {
        args: [{ actor: provider, invoice: submission(['contract-1'], 150_000) }],
        updateId: 'resub-1',
      }),
    ).toEqual({ status: 'Pateikta', version: 4 });
    await handle.executeUpdate(takeForEvaluationUpdate, { args: [{ actor: evaluator }], updateId: 'take-2' });
    expect(await handle.executeUpdate(transferForPaymentUpdate, { args: [{ actor: evaluator }], updateId: 'tr-1' })).toEqual({
      status: 'Perduota apmokėti',
      version: 6,
    });
    // The payment order is registered, then the next question waits for the poll (10 minutes) — or the report.
    await expect.poll(() => namesOf(invoiceId).includes('registerPayment'), { timeout: 15_000, interval: 200 }).toBe(true);
    await expect
      .poll(async () => (await handle.query(invoiceStateQuery)).paymentOrderId, { timeout: 15_000, interval: 200 })
      .toBe(`MN-${invoiceId.slice(0, 8)}`);
    await handle.signal(paymentReportedSignal);
    expect(await handle.result()).toBe('Apmokėta');

    const projections = projectionsOf(invoiceId);
    expect(projections.map((p) => [p.snapshot.status, p.action, p.notify])).toEqual([
      ['Pateikta', 'INVOICE_SUBMITTED', false],
      ['Vertinama', 'INVOICE_TAKEN_FOR_EVALUATION', true],
      ['Grąžinta papildymui', 'INVOICE_RETURNED', true],
      ['Pateikta', 'INVOICE_RESUBMITTED', false],
      ['Vertinama', 'INVOICE_TAKEN_FOR_EVALUATION', true],
      ['Perduota apmokėti', 'INVOICE_TRANSFERRED_FOR_PAYMENT', true],
      ['Perduota apmokėti', 'INVOICE_PAYMENT_REGISTERED', false],
      ['Apmokėta', 'INVOICE_PAID', true],
    ]);
    expect(projections[3]!.participants).toEqual(['contract-1']);
    expect(projections[3]!.snapshot).toMatchObject({ amountCents: 150_000, evaluatorComment: 'Trūksta dalyvio pažymėjimo numerio.' });
    expect(projections.at(-1)!.snapshot).toMatchObject({
      paidAt: '2026-12-03T10:00:00.000Z',
      paymentOrderId: `MN-${invoiceId.slice(0, 8)}`,
    });
    // INV-20: every evaluator-driven change (and the payment) was e-mailed.
    const mailed = calls.filter((c) => c.invoiceId === invoiceId && c.name === 'deliverEmail').map((c) => c.args.outboxId);
    expect(mailed).toEqual([2, 3, 5, 6, 8].map((v) => `${invoiceId}/n17-v${v}`));
    recordHistoryIfAsked(handle.workflowId, 'invoice-paid.json');
  });

  it('INV-13: a participant already on an active invoice — the refusal names her, no invoice, the workflow ends', async () => {
    const { invoiceId, result, handle } = await submit({ contractIds: ['contract-9', TAKEN] });
    const refused = await refusal(result);
    expect(refused.type).toBe(ErrorCode.TransitionNotAllowed);
    expect(refused.message).toContain('Ona Onaitė: dalyvis jau įtrauktas į kitą aktyvią sąskaitą faktūrą');
    expect(await (await handle()).result()).toBe('Nepateikta');
    expect(namesOf(invoiceId)).toEqual(['projectInvoice']);
  });

  it('I2: the provider deletes a submitted invoice, freeing the participants; nothing more may happen to it', async () => {
    const { invoiceId, result, handle: h } = await submit();
    await result;
    const handle = await h();
    expect(await handle.executeUpdate(deleteInvoiceUpdate, { args: [{ actor: provider }], updateId: 'del' })).toEqual({
      status: 'Ištrinta',
      version: 2,
    });
    expect(await handle.result()).toBe('Ištrinta');
    const last = projectionsOf(invoiceId).at(-1)!;
    expect(last.participants).toBe('release');
    expect(last.snapshot).toMatchObject({ status: 'Ištrinta', deletedByUserId: 'user-1', evaluationDueAt: null });
  });

  it('the evaluation deadline: the evaluators are reminded, then told when it passes; a rejection (reason required) frees the participants', async () => {
    const { invoiceId, result, handle: h } = await submit({ input: { evaluationDueAfterMs: 3_000, reminderAfterMs: 1_000 } });
    await result;
    const handle = await h();
    await handle.executeUpdate(takeForEvaluationUpdate, { args: [{ actor: evaluator }], updateId: 'take' });
    await expect
      .poll(() => namesOf(invoiceId).filter((n) => n !== 'projectInvoice' && n !== 'deliverEmail'), { timeout: 15_000, interval: 200 })
      .toEqual(['queueInvoiceEvaluationReminder', 'escalateInvoiceEvaluation']);
    expect(await handle.query(invoiceStateQuery)).toMatchObject({ status: 'Vertinama', reminded: true, escalated: true });
    const noReason = await refusal(
      handle.executeUpdate(rejectInvoiceUpdate, { args: [{ actor: evaluator, reason: '' }], updateId: 'rej-0' }),
    );
    expect(noReason.message).toBe('Atmetant sąskaitą faktūrą, nurodykite priežastį.');
    expect(
      await handle.executeUpdate(rejectInvoiceUpdate, {
        args: [{ actor: evaluator, reason: 'Dalyviai nefinansuojami.' }],
        updateId: 'rej-1',
      }),
    ).toEqual({
      status: 'Atmesta',
      version: 3,
    });
    expect(await handle.result()).toBe('Atmesta');
    const last = projectionsOf(invoiceId).at(-1)!;
    expect(last.participants).toBe('release');
    // The reminder and escalation instants survive into the next projection.
    expect(last.snapshot.remindedAt).not.toBeNull();
    expect(last.snapshot.escalatedAt).not.toBeNull();
    expect(last.snapshot.rejectionReason).toBe('Dalyviai nefinansuojami.');
    const mailed = calls.filter((c) => c.invoiceId === invoiceId && c.name === 'deliverEmail').map((c) => c.args.outboxId);
    expect(mailed).toEqual([`${invoiceId}/n17-v2`, `${invoiceId}/reminder`, `${invoiceId}/overdue`, `${invoiceId}/n17-v3`]);
    recordHistoryIfAsked(handle.workflowId, 'invoice-deadline-rejected.json');
  });
});
