// UztSettlement workflow (§3.13; UZTDOC-5..UZTDOC-9, UZT-6) against the real Temporal dev server with
// recording activities: a submission is recorded and delivered to UŽT, retried while UŽT fails;
// periods against the settlement frequency and the measure are refused in the validator (nothing
// recorded); the monthly reminders are real timers (given in the input seconds ahead — in production
// 08:00 on each next month's first day, monthlyReminders()) and skip a month that has its document.
import { WithStartWorkflowOperation, type Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../workflows/errors.ts';
import { uztSettlementWorkflowId } from '../../workflows/ids.ts';
import {
  submitSettlementDocumentUpdate,
  uztSettlementStateQuery,
  type SubmitSettlementDocumentCommand,
  type UztSettlementInput,
} from '../../workflows/uzt-settlement/messages.ts';
import type { uztSettlementWorkflow } from '../../workflows/uzt-settlement/workflow.ts';
import { uniqueTaskQueue } from '../support/env.ts';
import { recordHistoryIfAsked } from '../support/histories.ts';
import { eventually } from '../support/wait.ts';
import { startWorkflowTestWorker, updateRefusal as refusal, type WorkflowTestWorker } from '../support/workflow-worker.ts';

const taskQueue = uniqueTaskQueue('wf-uzt-settlement');
const calls: { name: string; key: string; args: Record<string, unknown> }[] = [];
/** How many times UŽT refuses each submission before taking it. */
const failuresBefore = new Map<string, number>();
let client: Client;
let worker: WorkflowTestWorker;

const namesOf = (key: string) => calls.filter((c) => c.key === key).map((c) => c.name);

function input(registrationId: string, extra: Partial<UztSettlementInput> = {}): UztSettlementInput {
  return {
    registrationId,
    institutionId: 'inst-1',
    groupId: 'group-1',
    couponNumber: 'MK-2026-000001',
    frequency: 'KAS_MENESI',
    measureStart: '2026-10-05',
    measureEnd: '2026-12-18',
    deliveryRetry: { initialIntervalMs: 200, maximumIntervalMs: 400 },
    ...extra,
  };
}

function command(extra: Partial<SubmitSettlementDocumentCommand> = {}): SubmitSettlementDocumentCommand {
  return {
    submissionId: crypto.randomUUID(),
    institutionId: 'inst-1',
    documentType: 'LANKOMUMO_ZINIARASTIS',
    periodFrom: '2026-11-01',
    periodTo: '2026-11-30',
    fileId: 'file-1',
    userId: 'user-1',
    userName: 'Rasa Atsakinga',
    personalCodeHash: 'pch',
    requestId: 'req',
    ...extra,
  };
}

async function submit(wfInput: UztSettlementInput, cmd: SubmitSettlementDocumentCommand) {
  const start = new WithStartWorkflowOperation<typeof uztSettlementWorkflow>('uztSettlementWorkflow', {
    workflowId: uztSettlementWorkflowId(wfInput.registrationId),
    taskQueue,
    workflowIdConflictPolicy: 'USE_EXISTING',
    args: [wfInput],
  });
  return client.workflow.executeUpdateWithStart(submitSettlementDocumentUpdate, {
    args: [cmd],
    updateId: cmd.submissionId,
    startWorkflowOperation: start,
  });
}

beforeAll(async () => {
  worker = await startWorkflowTestWorker(taskQueue, {
    recordSettlementSubmission: async (a: SubmitSettlementDocumentCommand & { registrationId: string }) => {
      calls.push({ name: 'recordSettlementSubmission', key: a.registrationId, args: { ...a } });
      return { ok: a.documentType !== 'NEAKTYVUS' };
    },
    deliverSettlementDocument: async (a: { submissionId: string }) => {
      calls.push({ name: 'deliverSettlementDocument', key: a.submissionId, args: a });
      const left = failuresBefore.get(a.submissionId) ?? 0;
      if (left > 0) {
        failuresBefore.set(a.submissionId, left - 1);
        throw new Error('UŽT atsakė HTTP 503');
      }
      return { receipt: `UZT-${a.submissionId.slice(0, 6)}` };
    },
    queueSettlementReminder: async (a: { registrationId: string; month: string }) => {
      calls.push({ name: 'queueSettlementReminder', key: a.registrationId, args: a });
      return [`${a.registrationId}/${a.month}`];
    },
    deliverEmail: async (outboxId: string) => {
      calls.push({ name: 'deliverEmail', key: outboxId.split('/')[0]!, args: { outboxId } });
    },
  });
  client = worker.client;
});

afterAll(async () => {
  await worker?.stop();
});

describe('UztSettlement: submissions and their delivery (UZTDOC-7)', () => {
  it('records the submission, then retries the delivery while UŽT fails until it takes the document; a double submit is one', async () => {
    const registrationId = crypto.randomUUID();
    const cmd = command();
    failuresBefore.set(cmd.submissionId, 3);
    const answered = await submit(input(registrationId, { closesAtMs: Date.now() + 60_000 }), cmd);
    expect(answered).toEqual({ id: cmd.submissionId, periodFrom: '2026-11-01', periodTo: '2026-11-30', status: 'SIUNCIAMA' });
    expect(namesOf(registrationId)).toEqual(['recordSettlementSubmission']);
    const handle = client.workflow.getHandle(uztSettlementWorkflowId(registrationId));
    const state = await eventually(
      () => handle.query(uztSettlementStateQuery),
      (s) => s.submissions[0]?.status === 'PRISTATYTA',
      15_000,
    );
    expect(state.submissions).toHaveLength(1);
    // Three refusals, then the fourth attempt is taken.
    expect(namesOf(cmd.submissionId)).toEqual(Array(4).fill('deliverSettlementDocument'));
    // The same form again (the same key, the Update's id): answered as the first time, nothing recorded twice.
    expect(await submit(input(registrationId), cmd)).toEqual(answered);
    expect(namesOf(registrationId)).toEqual(['recordSettlementSubmission']);
    await handle.terminate('test done');
  });

  it('refuses periods against the frequency and the measure, another institution and an unknown type — nothing recorded', async () => {
    const registrationId = crypto.randomUUID();
    const wf = input(registrationId, { closesAtMs: Date.now() + 60_000 });
    const cases: [Partial<SubmitSettlementDocumentCommand>, string, string][] = [
      [{ periodFrom: '2026-11-30', periodTo: '2026-11-01' }, ErrorCode.InvalidInput, '„nuo“ turi būti ne vėliau nei „iki“'],
      [
        { periodFrom: '2026-09-01', periodTo: '2026-09-30' },
        ErrorCode.InvalidInput,
        'priemonės (mokymų) laikotarpio ribose: 2026-10-05 – 2026-12-18',
      ],
      [{ periodFrom: '2026-11-01', periodTo: '2026-12-18' }, ErrorCode.InvalidInput, 'vienas kalendorinis mėnuo'],
      [{ periodFrom: '2026-10-01', periodTo: '2026-10-31' }, ErrorCode.InvalidInput, 'priemonės (mokymų) laikotarpio ribose'],
      [{ periodFrom: '2026-13-01', periodTo: '2026-11-30' }, ErrorCode.InvalidInput, 'MMMM-MM-DD'],
      [{ institutionId: 'inst-2' }, ErrorCode.WrongInstitution, 'Nerasta.'],
    ];
    for (const [change, type, message] of cases) {
      const failure = await refusal(submit(wf, command(change)));
      expect(failure.type, JSON.stringify(change)).toBe(type);
      expect(failure.message).toContain(message);
    }
    const invalid = await refusal(submit(wf, command({ periodFrom: '2026-11-30', periodTo: '2026-11-01' })));
    expect(invalid.details?.[0]).toMatchObject({ periodTo: expect.stringContaining('„nuo“') });
    expect(namesOf(registrationId)).toEqual([]);
    // The first (partial) month of the measure is its own period; an inactive type is refused by the row's write.
    expect(await submit(wf, command({ periodFrom: '2026-10-05', periodTo: '2026-10-31' }))).toMatchObject({ status: 'SIUNCIAMA' });
    const inactive = await refusal(submit(wf, command({ documentType: 'NEAKTYVUS' })));
    expect(inactive.type).toBe(ErrorCode.InvalidInput);
    // Settlement on completion: only the whole measure.
    const whole = input(crypto.randomUUID(), { frequency: 'UZBAIGUS', closesAtMs: Date.now() + 60_000 });
    expect((await refusal(submit(whole, command()))).message).toContain('visa priemonė (2026-10-05 – 2026-12-18)');
    expect(await submit(whole, command({ periodFrom: '2026-10-05', periodTo: '2026-12-18' }))).toMatchObject({ status: 'SIUNCIAMA' });
    await client.workflow.getHandle(uztSettlementWorkflowId(registrationId)).terminate('test done');
    await client.workflow.getHandle(uztSettlementWorkflowId(whole.registrationId)).terminate('test done');
  });
});

describe('UztSettlement: the monthly reminder (UZT-6)', () => {
  it('at each month’s reminder, e-mails the provider only for a month without a document; ends after the closing time', async () => {
    const registrationId = crypto.randomUUID();
    const now = Date.now();
    const wf = input(registrationId, {
      reminders: [
        { month: '2026-10', atMs: now + 2_000 },
        { month: '2026-11', atMs: now + 4_000 },
        { month: '2026-12', atMs: now + 6_000 },
      ],
      closesAtMs: now + 7_000,
    });
    // October's document is in before its reminder; November's is never; December's comes late.
    const october = command({ periodFrom: '2026-10-05', periodTo: '2026-10-31' });
    failuresBefore.set(october.submissionId, 1);
    await submit(wf, october);
    const handle = client.workflow.getHandle(uztSettlementWorkflowId(registrationId));
    await eventually(
      () => handle.query(uztSettlementStateQuery),
      (s) => s.remindedMonths.includes('2026-11'),
      10_000,
    );
    expect(namesOf(registrationId).filter((n) => n === 'queueSettlementReminder')).toHaveLength(1);
    await submit(wf, command({ periodFrom: '2026-12-01', periodTo: '2026-12-18' }));
    expect(await handle.result()).toBe('BAIGTA');
    const state = await handle.query(uztSettlementStateQuery);
    expect(state.remindedMonths).toEqual(['2026-11']);
    expect(state.submissions.map((s) => s.status)).toEqual(['PRISTATYTA', 'PRISTATYTA']);
    expect(calls.filter((c) => c.name === 'queueSettlementReminder' && c.key === registrationId).map((c) => c.args.month)).toEqual([
      '2026-11',
    ]);
    expect(namesOf(registrationId)).toContain('deliverEmail');
    recordHistoryIfAsked(uztSettlementWorkflowId(registrationId), 'uzt-settlement-delivery-reminder.json');
  });

  it('refuses documents once the closing time has passed', async () => {
    const registrationId = crypto.randomUUID();
    const wf = input(registrationId, { closesAtMs: Date.now() + 2_000 });
    const first = command();
    await submit(wf, first);
    const handle = client.workflow.getHandle(uztSettlementWorkflowId(registrationId));
    await new Promise((r) => setTimeout(r, 2_200));
    // While it is still finishing (or after it ended and a new run began with the same past closing time): refused.
    const late = await refusal(submit(wf, command({ periodFrom: '2026-12-01', periodTo: '2026-12-18' })));
    expect(late.type).toBe(ErrorCode.TransitionNotAllowed);
    expect(late.message).toContain('priėmimo laikas baigėsi');
    await handle.terminate('test done').catch(() => undefined);
  });
});
