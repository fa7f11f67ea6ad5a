// UztCoupon workflow (L4) against the real Temporal dev server, with recording activities: C1 Section I,
// C2 Section II on the provider's approval, C3/C4 UŽT's decision signalled to the group, C5 the
// provider's rejection, and UŽT's own timeout (seconds here, days in production).
import type { Client, WorkflowHandle } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, vilniusDate } from '../../workflows/domain/calendar.ts';
import { validateGroupInfo } from '../../workflows/domain/group-info.ts';
import { GroupStatus } from '../../workflows/domain/group-status.ts';
import { ErrorCode } from '../../workflows/errors.ts';
import { trainingGroupWorkflowId, uztCouponWorkflowId } from '../../workflows/ids.ts';
import {
  changeGroupStatusUpdate,
  createGroupUpdate,
  decideRegistrationUpdate,
  registerParticipantUpdate,
} from '../../workflows/training-group/messages.ts';
import type { trainingGroupWorkflow } from '../../workflows/training-group/workflow.ts';
import {
  providerApprovedUpdate,
  providerRejectedSignal,
  uztCouponStateQuery,
  uztDecisionUpdate,
  type CouponSectionII,
  type UztCouponInput,
} from '../../workflows/uzt-coupon/messages.ts';
import type { uztCouponWorkflow } from '../../workflows/uzt-coupon/workflow.ts';
import { uniqueTaskQueue } from '../support/env.ts';
import { signalsOf, startListeningGroup } from '../support/group-signals.ts';
import { recordHistoryIfAsked } from '../support/histories.ts';
import { startWorkflowTestWorker, updateRefusal as refusal, type WorkflowTestWorker } from '../support/workflow-worker.ts';

const taskQueue = uniqueTaskQueue('wf-uzt-coupon');
const institutionId = crypto.randomUUID();

const calls: { name: string; registrationId: string; args: Record<string, unknown> }[] = [];
/** Coupon numbers the mocked UŽT does not know, or no longer takes Section II for. */
const UNKNOWN = 'MK-UNKNOWN';
const CLOSED = 'MK-CLOSED';

let client: Client;
let worker: WorkflowTestWorker;

function record<R>(name: string, result: (a: Record<string, unknown>) => R) {
  return async (a: Record<string, unknown>) => {
    calls.push({ name, registrationId: String(a.registrationId ?? ''), args: a });
    return result(a);
  };
}
const namesOf = (registrationId: string) => calls.filter((c) => c.registrationId === registrationId).map((c) => c.name);

const sectionII: CouponSectionII = {
  institutionCode: '111111111',
  programmeCode: 'P43041101',
  programmeName: 'Apskaitos pagrindai',
  groupId: 'g',
  startDate: '2027-01-10',
  endDate: '2027-03-10',
  price: '1200.00',
  contactHours: 120,
  settlement: 'MONTHLY',
  bankAccount: 'LT121000011101001000',
};

/** A coupon workflow and a group workflow (waiting for its create command) to receive its signals. */
async function start(extra: Partial<UztCouponInput> = {}) {
  const registrationId = crypto.randomUUID();
  const groupId = crypto.randomUUID();
  const group = await startListeningGroup(client, taskQueue, groupId, institutionId);
  const handle = await client.workflow.start<typeof uztCouponWorkflow>('uztCouponWorkflow', {
    workflowId: uztCouponWorkflowId(registrationId),
    taskQueue,
    args: [{ registrationId, groupId, institutionId, participantId: crypto.randomUUID(), couponNumber: 'MK-2026-000001', ...extra }],
  });
  return { registrationId, groupId, handle, group };
}

const approve = (handle: WorkflowHandle, updateId = crypto.randomUUID()) =>
  handle.executeUpdate(providerApprovedUpdate, { args: [{ userId: 'user-1', institutionId, sectionII }], updateId });

beforeAll(async () => {
  worker = await startWorkflowTestWorker(taskQueue, {
    storeCouponSectionI: record('storeCouponSectionI', (a) =>
      a.couponNumber === UNKNOWN ? { stored: false, reason: 'coupon unknown to UŽT' } : { stored: true },
    ),
    submitCouponSectionII: record('submitCouponSectionII', (a) =>
      a.couponNumber === CLOSED ? { ok: false, reason: 'Kuponas nebegalioja.' } : { ok: true },
    ),
    recordUztDecision: record('recordUztDecision', (a) => ({ outboxIds: [`${a.registrationId}/decision`] })),
    recordUztDecisionOverdue: record('recordUztDecisionOverdue', (a) => [`${a.registrationId}/overdue`]),
    // The group's own activities, for the orchestration test (the group starts and tells the coupon).
    projectTrainingGroup: async () => ({ applied: true, emailIds: [] }),
    groupPublishReadiness: async () => [],
    deliverEmail: async (outboxId: string) => {
      calls.push({ name: 'deliverEmail', registrationId: outboxId.split('/')[0]!, args: { outboxId } });
      return { sent: true, messageId: outboxId };
    },
  });
  client = worker.client;
});

afterAll(async () => {
  await worker?.stop();
});

describe('the group orchestrates the coupon (issue 10: one command each; UZT-10, UZT-11, UZT-14)', () => {
  it("a UŽT registration starts UztCoupon:<id> as the group's child; the approval with Section II reaches it; a repeated command does nothing twice", async () => {
    const groupId = crypto.randomUUID();
    const today = vilniusDate(new Date());
    const checked = validateGroupInfo({
      name: 'UŽT grupė',
      fundingSources: ['UZT'],
      price: '100,00',
      language: 'lietuvių',
      minParticipants: '1',
      maxParticipants: '5',
      venueId: crypto.randomUUID(),
      registrationStart: today,
      registrationEnd: addDays(today, 20),
      programmeStart: addDays(today, 30),
      programmeEnd: addDays(today, 60),
      targetGroup: 'BEDARBIAI',
      vetForm: 'PAMEISTRYSTE',
      durationWeeks: '3',
      durationDays: '15',
      theoryAssessmentDate: addDays(today, 35),
      practiceAssessmentDate: addDays(today, 38),
    });
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
    const actor = { userId: 'user-1', institutionId, requestId: 'req-orchestration' };
    const group = await client.workflow.start<typeof trainingGroupWorkflow>('trainingGroupWorkflow', {
      workflowId: trainingGroupWorkflowId(groupId),
      taskQueue,
      args: [{ groupId, institutionId, programmeId: crypto.randomUUID(), programmeCode: 'P1', programmeName: 'Programa' }],
    });
    await group.executeUpdate(createGroupUpdate, { args: [{ actor, info: checked.info }], updateId: groupId });
    await group.executeUpdate(changeGroupStatusUpdate, { args: [{ actor, to: GroupStatus.Published }], updateId: `${groupId}:publish` });
    const registrationId = crypto.randomUUID();
    const register = () =>
      group.executeUpdate(registerParticipantUpdate, {
        args: [
          {
            registrationId,
            funding: 'UZT',
            person: { personKey: 'pk-1', participantId: 'participant-1', firstName: 'Ona', lastName: 'Kuponaitė', email: 'ona@example.lt' },
            coupon: { number: 'MK-2026-000777' },
          },
        ],
        updateId: registrationId,
      });
    expect(await register()).toMatchObject({ registrationId, status: 'REGISTERED' });
    const coupon = client.workflow.getHandle(uztCouponWorkflowId(registrationId));
    await expect
      .poll(async () => (await coupon.query(uztCouponStateQuery).catch(() => null))?.status, { timeout: 10_000, interval: 100 })
      .toBe('I_SKYRIUS');
    const described = await coupon.describe();
    expect(described.raw.workflowExecutionInfo?.parentExecution?.workflowId).toBe(trainingGroupWorkflowId(groupId));
    expect(await described.staticSummary()).toContain('MK-2026-000777');
    expect(await register()).toMatchObject({ registrationId, status: 'REGISTERED' });
    expect(calls.filter((c) => c.name === 'storeCouponSectionI' && c.registrationId === registrationId)).toHaveLength(1);

    const providerData = {
      bankAccount: 'LT121000011101001000',
      settlement: 'KAS_MENESI' as const,
      employerId: null,
      employerPhone: null,
      employerEmail: null,
      practiceAddress: null,
    };
    const decide = () =>
      group.executeUpdate(decideRegistrationUpdate, {
        args: [{ actor, registrationId, decision: 'APPROVE', uzt: { providerData, sectionII } }],
        updateId: `${registrationId}:approve`,
      });
    expect(await decide()).toMatchObject({ status: 'APPROVED' });
    await expect.poll(async () => (await coupon.query(uztCouponStateQuery)).status, { timeout: 10_000, interval: 100 }).toBe('LAUKIA_UZT');
    expect(await decide()).toMatchObject({ status: 'APPROVED' });
    const submitted = calls.filter((c) => c.name === 'submitCouponSectionII' && c.registrationId === registrationId);
    expect(submitted).toHaveLength(1);
    expect(submitted[0]!.args).toMatchObject({ sectionII, userId: 'user-1', institutionId });
    recordHistoryIfAsked(group.workflowId, 'training-group-coupon-orchestration.json');
    await group.terminate('test done');
    await coupon.terminate('test done');
  });
});

describe('UztCoupon workflow (L4)', () => {
  it('C1 → C2 → C3: Section I stored, Section II sent once on approval, UŽT approves: provider e-mailed, group signalled couponApproved (UZT-17, UZT-18)', async () => {
    const { registrationId, handle, group } = await start();
    await expect.poll(async () => (await handle.query(uztCouponStateQuery)).status, { timeout: 10_000, interval: 100 }).toBe('I_SKYRIUS');
    const key = crypto.randomUUID();
    expect(await approve(handle, key)).toMatchObject({ status: 'LAUKIA_UZT' });
    expect(await approve(handle, key)).toMatchObject({ status: 'LAUKIA_UZT' });
    const decided = await handle.executeUpdate(uztDecisionUpdate, {
      args: [{ staffMemberId: 'staff-1', result: 'APPROVED' }],
      updateId: crypto.randomUUID(),
    });
    expect(decided).toMatchObject({ status: 'PATVIRTINTAS', outcome: 'PATVIRTINTAS' });
    expect(await handle.result()).toBe('PATVIRTINTAS');
    expect(namesOf(registrationId)).toEqual(['storeCouponSectionI', 'submitCouponSectionII', 'recordUztDecision', 'deliverEmail']);
    expect(calls.find((c) => c.name === 'submitCouponSectionII' && c.registrationId === registrationId)?.args).toMatchObject({
      sectionII,
      userId: 'user-1',
      // UŽT's decision deadline for the projection (issue 11 item 13): 30 days by default.
      decisionTimeoutMs: 30 * 24 * 60 * 60 * 1000,
    });
    expect(await signalsOf(group)).toEqual([{ name: 'couponApproved', input: { registrationId } }]);
    await group.terminate('test done');
  });

  it('C4: a rejection needs a reason; UŽT rejects: reason stored, group signalled registrationCancelled (UZT-13, UZT-21)', async () => {
    const { registrationId, handle, group } = await start();
    await approve(handle);
    const noReason = await refusal(
      handle.executeUpdate(uztDecisionUpdate, {
        args: [{ staffMemberId: 's', result: 'REJECTED', reason: '  ' }],
        updateId: crypto.randomUUID(),
      }),
    );
    expect(noReason.type).toBe(ErrorCode.InvalidInput);
    expect(noReason.message).toBe('Nurodykite kupono atmetimo priežastį.');
    await handle.executeUpdate(uztDecisionUpdate, {
      args: [{ staffMemberId: 's', result: 'REJECTED', reason: 'Programa neatitinka kupono reikalavimų.' }],
      updateId: crypto.randomUUID(),
    });
    expect(await handle.result()).toBe('ATMESTAS');
    expect(calls.find((c) => c.name === 'recordUztDecision' && c.registrationId === registrationId)?.args).toMatchObject({
      result: 'REJECTED',
      reason: 'Programa neatitinka kupono reikalavimų.',
      staffMemberId: 's',
    });
    expect(await signalsOf(group)).toEqual([
      { name: 'registrationCancelled', input: { registrationId, reason: 'Programa neatitinka kupono reikalavimų.' } },
    ]);
    await group.terminate('test done');
  });

  it('UŽT cannot decide before Section II; C5: the provider rejects: the coupon ends without Section II', async () => {
    const { registrationId, handle, group } = await start();
    await expect.poll(async () => (await handle.query(uztCouponStateQuery)).status, { timeout: 10_000, interval: 100 }).toBe('I_SKYRIUS');
    const early = await refusal(
      handle.executeUpdate(uztDecisionUpdate, { args: [{ staffMemberId: 's', result: 'APPROVED' }], updateId: crypto.randomUUID() }),
    );
    expect(early.type).toBe(ErrorCode.TransitionNotAllowed);
    await handle.signal(providerRejectedSignal, { reason: null });
    expect(await handle.result()).toBe('ATMESTA_TEIKEJO');
    expect(namesOf(registrationId)).toEqual(['storeCouponSectionI']);
    expect(await signalsOf(group)).toEqual([]);
    await group.terminate('test done');
  });

  it("UŽT's timeout: recorded once and the provider e-mailed; the coupon keeps waiting and a late decision still counts", async () => {
    const { registrationId, handle, group } = await start({ uztDecisionTimeoutMs: 1500 });
    await approve(handle);
    await expect
      .poll(() => namesOf(registrationId), { timeout: 10_000, interval: 200 })
      .toEqual(['storeCouponSectionI', 'submitCouponSectionII', 'recordUztDecisionOverdue', 'deliverEmail']);
    expect((await handle.query(uztCouponStateQuery)).status).toBe('LAUKIA_UZT');
    await handle.executeUpdate(uztDecisionUpdate, { args: [{ staffMemberId: 's', result: 'APPROVED' }], updateId: crypto.randomUUID() });
    expect(await handle.result()).toBe('PATVIRTINTAS');
    await group.terminate('test done');
  });

  it('the provider removes the participant while UŽT decides: the coupon ends, nothing is signalled', async () => {
    const { handle, group } = await start();
    await approve(handle);
    await handle.signal(providerRejectedSignal, { reason: 'Dalyvis nebedalyvauja.' });
    expect(await handle.result()).toBe('ATMESTA_TEIKEJO');
    expect(await signalsOf(group)).toEqual([]);
    await group.terminate('test done');
  });

  it('a coupon UŽT does not know is not stored (C1) and cannot be approved; one UŽT no longer takes Section II for is rejected (C4)', async () => {
    const unknown = await start({ couponNumber: UNKNOWN });
    expect(await unknown.handle.result()).toBe('NERASTAS');
    await unknown.group.terminate('test done');

    const closed = await start({ couponNumber: CLOSED });
    await approve(closed.handle);
    expect(await closed.handle.result()).toBe('ATMESTAS');
    expect(calls.find((c) => c.name === 'recordUztDecision' && c.registrationId === closed.registrationId)?.args).toMatchObject({
      result: 'REJECTED',
      reason: 'Kuponas nebegalioja.',
      staffMemberId: null,
    });
    expect(await signalsOf(closed.group)).toEqual([
      { name: 'registrationCancelled', input: { registrationId: closed.registrationId, reason: 'Kuponas nebegalioja.' } },
    ]);
    await closed.group.terminate('test done');
  });
});
