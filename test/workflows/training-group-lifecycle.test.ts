// The TrainingGroup workflow's own clock (L1 G4, G7, G9; GRP-31..GRP-34, GRP-41, GRP-42, GRP-45, GRP-46):
// registrations, the timers at registration end and at delivery start, a date change moving a timer,
// continue-as-new, and "Užbaigta" (issue 13) by the provider or after the grace period. Deadlines are real instants a few seconds ahead, given to the workflow the way
// an operator may give them (the web derives them from the dates); the server's timers fire for real.
// Activities are recorders: these tests are about orchestration.
import type { Client, WorkflowHandle, WorkflowUpdateFailedError } from '@temporalio/client';
import type { ApplicationFailure } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrainingGroupProjection } from '../../activities/training-group.ts';
import { addDays, vilniusDate } from '../../workflows/domain/calendar.ts';
import {
  autoCompletionDeadlines,
  completionRefusal,
  summariseOutcomes,
  type ContractOutcomeFacts,
  type OutcomeSummary,
} from '../../workflows/domain/group-completion.ts';
import type { GroupDeadlines } from '../../workflows/domain/group-deadlines.ts';
import { validateGroupInfo, type GroupInfo } from '../../workflows/domain/group-info.ts';
import { GroupStatus } from '../../workflows/domain/group-status.ts';
import { ErrorCode } from '../../workflows/errors.ts';
import { learningContractWorkflowId, trainingGroupWorkflowId } from '../../workflows/ids.ts';
import { GroupStatusKey } from '../../workflows/search-attributes.ts';
import {
  changeGroupStatusUpdate,
  contractSignedSignal,
  couponApprovedSignal,
  createGroupUpdate,
  decideRegistrationUpdate,
  groupStateQuery,
  liftSuspensionUpdate,
  suspendGroupUpdate,
  registerParticipantUpdate,
  registrationCancelledSignal,
  saveGroupInfoUpdate,
  withdrawRegistrationUpdate,
  type Actor,
  type RegisterParticipantCommand,
} from '../../workflows/training-group/messages.ts';
import type { trainingGroupWorkflow } from '../../workflows/training-group/workflow.ts';
import { uniqueTaskQueue } from '../support/env.ts';
import { recordHistoryIfAsked } from '../support/histories.ts';
import { eventually } from '../support/wait.ts';
import { startWorkflowTestWorker, updateRefusal as refusal, type WorkflowTestWorker } from '../support/workflow-worker.ts';

const taskQueue = uniqueTaskQueue('wf-group-life');
const projections: TrainingGroupProjection[] = [];
const delivered: string[] = [];
/** What Postgres would say about each group's contracts (G9), who its "Vykdoma" invites, and the reminders queued (GRP-45). */
const outcomesOf = new Map<string, OutcomeSummary>();
const invitesFor = new Map<string, string[]>();
const reminders: { groupId: string; autoCompletesAt: string; at: number }[] = [];
let tw: WorkflowTestWorker;
let client: Client;

const institutionId = crypto.randomUUID();
const actor: Actor = { userId: crypto.randomUUID(), institutionId, requestId: 'req-life' };
const today = () => vilniusDate(new Date());

function info(overrides: Partial<Record<string, string | string[]>> = {}): GroupInfo {
  const result = validateGroupInfo({
    name: 'Grupė L',
    fundingSources: ['IMP_KREPSELIS', 'ASMENINES_LESOS'],
    price: '120',
    language: 'lietuvių',
    minParticipants: '2',
    maxParticipants: '5',
    venueId: crypto.randomUUID(),
    registrationStart: today(),
    registrationEnd: addDays(today(), 5),
    programmeStart: addDays(today(), 10),
    programmeEnd: addDays(today(), 20),
    ...overrides,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.info;
}

/** Deadlines `closeIn` and `startIn` seconds from now. */
function deadlines(closeIn: number, startIn: number): GroupDeadlines {
  const now = Date.now();
  return {
    registrationClosesAt: new Date(now + closeIn * 1000).toISOString(),
    programmeStartsAt: new Date(now + startIn * 1000).toISOString(),
  };
}

async function published(d: GroupDeadlines, groupInfo = info(), extra: { historyEventLimit?: number } = {}) {
  const groupId = crypto.randomUUID();
  const handle = await client.workflow.start<typeof trainingGroupWorkflow>('trainingGroupWorkflow', {
    workflowId: trainingGroupWorkflowId(groupId),
    taskQueue,
    args: [{ groupId, institutionId, programmeId: crypto.randomUUID(), programmeCode: 'NSP-L', programmeName: 'Programa L', ...extra }],
  });
  await handle.executeUpdate(createGroupUpdate, { args: [{ actor, info: groupInfo, deadlines: d }], updateId: groupId });
  await status(handle, GroupStatus.Published);
  return { handle, groupId };
}

function status(handle: WorkflowHandle, to: GroupStatus, key = crypto.randomUUID()) {
  return handle.executeUpdate(changeGroupStatusUpdate, { args: [{ actor, to }], updateId: key });
}

function person(n: number | string): RegisterParticipantCommand['person'] {
  return { personKey: `person-${n}`, firstName: `Dalyvis${n}`, lastName: 'Testinis', email: `dalyvis${n}@example.lt` };
}

function register(handle: WorkflowHandle, n: number | string, registrationId: string = crypto.randomUUID()) {
  return handle.executeUpdate(registerParticipantUpdate, {
    args: [{ registrationId, person: person(n), funding: 'IMP_KREPSELIS' }],
    updateId: registrationId,
  });
}

const projectionsOf = (groupId: string) => projections.filter((p) => p.groupId === groupId);
/**
 * Issue 16: the projection is a local activity; a workflow task that ran it and then could not be
 * completed (a speculative task for Updates that the server no longer knows, a worker gone) runs it
 * again at the same version, perhaps with another batch. The workflow keeps the last one.
 */
const keptProjectionsOf = (groupId: string) => [...new Map(projectionsOf(groupId).map((p) => [p.version, p])).values()];
const state = (handle: WorkflowHandle) => handle.query(groupStateQuery);

beforeAll(async () => {
  tw = await startWorkflowTestWorker(taskQueue, {
    async projectTrainingGroup(p: TrainingGroupProjection) {
      projections.push(p);
      // Like the real activity: one e-mail per participant the change notifies.
      const emailIds = p.registrationChange?.notice ? p.registrationChange.ids.map((id) => `${p.registrationChange!.notice}:${id}`) : [];
      // Those the "Vykdoma" invites get their LearningContract workflows (only where a test says whom).
      return { applied: true, emailIds, invitedIds: p.inviteApproved ? (invitesFor.get(p.groupId) ?? []) : [] };
    },
    async groupOutcomes(p: { groupId: string }) {
      return outcomesOf.get(p.groupId) ?? summariseOutcomes([]);
    },
    async groupAutoCompletionSettings() {
      return { graceDays: 30 };
    },
    async queueGroupAutoCompletionReminder(p: { groupId: string; autoCompletesAt: string }) {
      reminders.push({ groupId: p.groupId, autoCompletesAt: p.autoCompletesAt, at: Date.now() });
      return [`REMINDER:${p.groupId}`];
    },
    // The contracts the group starts stay in preparation here (K1): they only need to hear the group end.
    async prepareLearningContract() {
      await new Promise((r) => setTimeout(r, 5000));
      throw new Error('contract preparation is not part of this test');
    },
    async groupPublishReadiness() {
      return [];
    },
    async deliverEmail(outboxId: string) {
      delivered.push(outboxId);
      return { messageId: outboxId };
    },
  });
  client = tw.client;
});

afterAll(async () => {
  await tw?.stop();
});

describe('registrations reach the group through its workflow (GRP-41, GRP-46, OQ-23)', () => {
  it('never exceeds the maximum when more people register at once than it has places', async () => {
    const { handle, groupId } = await published(deadlines(120, 240), info({ maxParticipants: '5', minParticipants: '1' }));
    const results = await Promise.allSettled(Array.from({ length: 14 }, (_, i) => register(handle, i)));
    const accepted = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(accepted).toHaveLength(5);
    expect(refused).toHaveLength(9);
    for (const r of refused)
      expect(((r.reason as WorkflowUpdateFailedError).cause as ApplicationFailure).message).toBe('Grupėje nebėra laisvų vietų.');
    expect((await state(handle)).activeRegistrations).toBe(5);
    const writes = keptProjectionsOf(groupId).filter((p) => p.newRegistrations);
    expect(writes.flatMap((p) => p.newRegistrations!)).toHaveLength(5);
    // Arriving together, they are written together (group commit), never more than the places.
    expect(writes.length).toBeLessThan(5);
    expect(writes.at(-1)!.lifecycle!.activeRegistrations).toBe(5);
    await status(handle, GroupStatus.NotDelivered);
  });

  it('takes a repeated registration once, refuses the same person twice, and frees a place on withdrawal', async () => {
    const { handle, groupId } = await published(deadlines(120, 240), info({ maxParticipants: '2', minParticipants: '1' }));
    const id = crypto.randomUUID();
    await register(handle, 'a', id);
    await register(handle, 'a', id);
    expect(keptProjectionsOf(groupId).flatMap((p) => p.newRegistrations ?? [])).toHaveLength(1);
    const twice = await refusal(register(handle, 'a'));
    expect(twice.type).toBe(ErrorCode.RegistrationRefused);
    expect(twice.message).toBe('Jūs jau esate užsiregistravę į šią mokymo grupę.');
    await register(handle, 'b');
    expect((await refusal(register(handle, 'c'))).message).toBe('Grupėje nebėra laisvų vietų.');
    // Someone else cannot withdraw it.
    const foreign = await refusal(
      handle.executeUpdate(withdrawRegistrationUpdate, { args: [{ registrationId: id, personKey: 'person-b' }] }),
    );
    expect(foreign.type).toBe(ErrorCode.NotFound);
    const withdrawn = await handle.executeUpdate(withdrawRegistrationUpdate, { args: [{ registrationId: id, personKey: 'person-a' }] });
    expect(withdrawn).toMatchObject({ status: 'WITHDRAWN', activeRegistrations: 1 });
    await register(handle, 'c');
    // G3 is refused while anyone is registered (GRP-30).
    expect((await refusal(status(handle, GroupStatus.Draft))).type).toBe(ErrorCode.TransitionNotAllowed);
    await status(handle, GroupStatus.NotDelivered);
  });

  it('refuses registrations before "Registracijos pradžia", in "Kuriama", and for funding the group does not offer', async () => {
    const { handle } = await published(deadlines(120, 240), info({ registrationStart: addDays(today(), 1) }));
    expect((await refusal(register(handle, 'early'))).message).toBe(`Registracija į grupę prasidės ${addDays(today(), 1)}.`);
    await status(handle, GroupStatus.Draft);
    expect((await refusal(register(handle, 'draft'))).message).toBe('Į šią mokymo grupę šiuo metu registruotis negalima.');
    const uzt = await refusal(
      handle.executeUpdate(registerParticipantUpdate, {
        args: [{ registrationId: crypto.randomUUID(), person: person('u'), funding: 'UZT' }],
      }),
    );
    expect(uzt.type).toBe(ErrorCode.RegistrationRefused);
    await handle.terminate('test done');
  });
});

describe('the provider decides on registrations (PART-7..PART-12, UZT-13, UZT-17)', () => {
  const decide = (handle: WorkflowHandle, registrationId: string, decision: 'APPROVE' | 'REJECT' | 'REMOVE', reason?: string) =>
    handle.executeUpdate(decideRegistrationUpdate, { args: [{ actor, registrationId, decision, ...(reason ? { reason } : {}) }] });

  it('approves, rejects and removes with a reason, each once, e-mailing the participant; a removal without a reason is refused', async () => {
    const { handle, groupId } = await published(deadlines(120, 240), info({ minParticipants: '1', maxParticipants: '3' }));
    const [a, b, c] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    await register(handle, 'dec-a', a);
    await register(handle, 'dec-b', b);
    await register(handle, 'dec-c', c);
    expect(await decide(handle, a, 'APPROVE')).toMatchObject({ status: 'APPROVED', activeRegistrations: 3 });
    expect(await decide(handle, a, 'APPROVE')).toMatchObject({ status: 'APPROVED' }); // repeated: done once
    expect(await decide(handle, b, 'REJECT')).toMatchObject({ status: 'REJECTED', activeRegistrations: 2 });
    const noReason = await refusal(decide(handle, c, 'REMOVE'));
    expect(noReason).toMatchObject({
      type: ErrorCode.InvalidInput,
      message: 'Nurodykite mokymo dalyvio pašalinimo iš mokymo grupės priežastį.',
    });
    expect(await decide(handle, c, 'REMOVE', 'Nepateikė dokumentų.')).toMatchObject({ status: 'REMOVED', activeRegistrations: 1 });
    expect((await refusal(decide(handle, b, 'APPROVE'))).message).toBe('Sprendimas dėl šios registracijos jau priimtas („Atmesta“).');
    // The provider's rejection and removal stand: the same person cannot register to the group again (issue 11, item 6).
    const barred =
      'Mokymo teikėjas atmetė jūsų registraciją į šią mokymo grupę arba pašalino jus iš jos, todėl užsiregistruoti į ją iš naujo negalima.';
    expect(await refusal(register(handle, 'dec-c', crypto.randomUUID()))).toMatchObject({
      type: ErrorCode.RegistrationRefused,
      message: barred,
    });
    expect(await refusal(register(handle, 'dec-b', crypto.randomUUID()))).toMatchObject({
      type: ErrorCode.RegistrationRefused,
      message: barred,
    });
    const changes = keptProjectionsOf(groupId).filter((p) => p.registrationChange?.decidedBy === actor.userId);
    expect(changes.map((p) => [p.registrationChange!.to, p.registrationChange!.notice, p.registrationChange!.reason])).toEqual([
      ['APPROVED', 'APPROVED', null],
      ['REJECTED', 'REJECTED', null],
      ['REMOVED', 'REMOVED', 'Nepateikė dokumentų.'],
    ]);
    // Registered but undecided when the group becomes "Vykdoma": "Vykdoma" invites only the approved
    // participant (GRP-34); this one is invited when approved (PART-12).
    const d = crypto.randomUUID();
    await register(handle, 'dec-d', d);
    await status(handle, GroupStatus.InDelivery);
    expect(projectionsOf(groupId).find((p) => p.status === GroupStatus.InDelivery)).toMatchObject({ inviteApproved: true });
    expect(projectionsOf(groupId).some((p) => p.inviteIds?.includes(d))).toBe(false);
    // Registration is over with "Vykdoma" (OQ-53).
    expect(await refusal(register(handle, 'dec-e'))).toMatchObject({
      type: ErrorCode.RegistrationRefused,
      message: 'Registracija į šią mokymo grupę baigėsi.',
    });
    expect(await decide(handle, d, 'APPROVE')).toMatchObject({ status: 'APPROVED' });
    const approvedLate = projectionsOf(groupId).find(
      (p) => p.registrationChange?.ids.includes(d) && p.registrationChange.to === 'APPROVED',
    );
    expect(approvedLate).toMatchObject({ inviteIds: [d], registrationChange: { ids: [d], to: 'APPROVED', notice: 'APPROVED' } });
    await handle.terminate('test done');
    recordHistoryIfAsked(handle.workflowId, 'training-group-decisions.json');
    // Issue 16: the same lifecycle with the projection and the readiness read as local activities (the file above keeps the regular ones).
    recordHistoryIfAsked(handle.workflowId, 'training-group-local-projection.json');
  });

  it('UŽT: a rejected coupon cancels the registration and frees the place; an approved one sends the contract invitation while "Vykdoma"', async () => {
    const { handle, groupId } = await published(
      deadlines(120, 240),
      info({
        minParticipants: '1',
        fundingSources: ['IMP_KREPSELIS', 'UZT'],
        targetGroup: 'BEDARBIAI',
        vetForm: 'MOKYKLINE',
        durationWeeks: '1',
        durationDays: '5',
        theoryAssessmentDate: addDays(today(), 18),
        practiceAssessmentDate: addDays(today(), 19),
      }),
    );
    const [x, y] = [crypto.randomUUID(), crypto.randomUUID()];
    for (const [id, who] of [
      [x, 'uzt-x'],
      [y, 'uzt-y'],
    ] as const) {
      await handle.executeUpdate(registerParticipantUpdate, {
        args: [{ registrationId: id, person: person(who), funding: 'UZT' }],
        updateId: id,
      });
      await decide(handle, id, 'APPROVE');
    }
    await handle.signal(registrationCancelledSignal, { registrationId: x, reason: 'Asmuo neatitinka priemonės sąlygų.' });
    const s = await eventually(
      () => state(handle),
      (v) => v.registrations![x]!.status === 'CANCELLED',
    );
    expect(s.activeRegistrations).toBe(1);
    expect(projectionsOf(groupId).at(-1)!.registrationChange).toMatchObject({
      ids: [x],
      to: 'CANCELLED',
      notice: 'COUPON_REJECTED',
      reason: 'Asmuo neatitinka priemonės sąlygų.',
    });
    await status(handle, GroupStatus.InDelivery);
    await handle.signal(couponApprovedSignal, { registrationId: y });
    const invited = await eventually(
      async () => projectionsOf(groupId).at(-1)!,
      (p) => p.inviteIds !== undefined,
    );
    expect(invited).toMatchObject({ inviteIds: [y], actor: { system: 'C3' } });
    await handle.terminate('test done');
  });
});

describe.concurrent('the group’s timers (L1 G4, G7)', () => {
  it('G4: registration ends with the minimum reached → "Vykdoma" by the system; contract signing starts (GRP-31, GRP-34)', async () => {
    const { handle, groupId } = await published(deadlines(8, 60), info({ minParticipants: '2' }));
    await register(handle, 'g4-1');
    await register(handle, 'g4-2');
    const s = await eventually(
      () => state(handle),
      (v) => v.status === GroupStatus.InDelivery,
    );
    expect(s.status).toBe(GroupStatus.InDelivery);
    expect(s.contractSigningStartedAt).toBeTruthy();
    const change = projectionsOf(groupId).find((p) => p.status === GroupStatus.InDelivery)!;
    expect(change.actor).toEqual({ system: 'G4' });
    expect(change.inviteApproved).toBe(true);
    expect(change.lifecycle?.contractSigningStartedAt).toBeTruthy();
    expect((await handle.describe()).typedSearchAttributes.get(GroupStatusKey)).toBe(GroupStatus.InDelivery);
    // Registration is over (OQ-53).
    expect((await refusal(register(handle, 'g4-late'))).message).toBe('Registracija į šią mokymo grupę baigėsi.');
    await handle.terminate('test done');
  });

  it('G4 below the minimum: the decision waits with its deadline; "Nevykdoma" deregisters and e-mails everyone (GRP-32, GRP-33)', async () => {
    const { handle, groupId } = await published(deadlines(8, 90), info({ minParticipants: '3' }));
    const ids = [crypto.randomUUID(), crypto.randomUUID()];
    await register(handle, 'd-1', ids[0]);
    await register(handle, 'd-2', ids[1]);
    const s = await eventually(
      () => state(handle),
      (v) => Boolean(v.decisionDueAt),
    );
    expect(s.status).toBe(GroupStatus.Published);
    expect(s.decisionDueAt).toBe(s.deadlines!.programmeStartsAt);
    const pending = projectionsOf(groupId).find((p) => p.action === 'deadline')!;
    expect(pending.actor).toEqual({ system: 'G4' });
    expect(pending.lifecycle?.decisionDueAt).toBe(s.deadlines!.programmeStartsAt);
    expect((await refusal(register(handle, 'd-late'))).message).toBe('Registracija į šią mokymo grupę baigėsi.');

    await status(handle, GroupStatus.NotDelivered);
    expect(await handle.result()).toBe(GroupStatus.NotDelivered);
    const last = projectionsOf(groupId).at(-1)!;
    expect(last.registrationChange).toEqual({
      ids: expect.arrayContaining(ids),
      to: 'DEREGISTERED_NOT_FORMED',
      reason: null,
      notice: 'GROUP_NOT_FORMED',
    });
    expect(last.lifecycle).toMatchObject({ activeRegistrations: 0, decisionDueAt: null });
    // The workflow ends only after the e-mails are delivered.
    expect(delivered).toEqual(expect.arrayContaining(ids.map((id) => `GROUP_NOT_FORMED:${id}`)));
    recordHistoryIfAsked(handle.workflowId, 'training-group-timers.json');
  });

  it('G7: delivery starts with the decision still pending → "Nevykdoma" by the system, everyone deregistered (GRP-42)', async () => {
    const { handle, groupId } = await published(deadlines(6, 12), info({ minParticipants: '3' }));
    const id = crypto.randomUUID();
    await register(handle, 'g7-1', id);
    expect(await handle.result()).toBe(GroupStatus.NotDelivered);
    const change = projectionsOf(groupId).find((p) => p.status === GroupStatus.NotDelivered)!;
    expect(change.actor).toEqual({ system: 'G7' });
    expect(change.registrationChange).toMatchObject({ ids: [id], to: 'DEREGISTERED_NOT_FORMED', notice: 'GROUP_NOT_FORMED' });
    expect(delivered).toContain(`GROUP_NOT_FORMED:${id}`);
  });

  it('G7 with a signed contract: the group goes ahead; participants without one are deregistered (CON-6); the automatic completion is set (GRP-45)', async () => {
    const { handle, groupId } = await published(deadlines(8, 14), info({ minParticipants: '1' }));
    const [signed, unsigned] = [crypto.randomUUID(), crypto.randomUUID()];
    await register(handle, 's-1', signed);
    await register(handle, 's-2', unsigned);
    await status(handle, GroupStatus.InDelivery); // G5, before registration ends (OQ-53)
    await handle.signal(contractSignedSignal, { registrationId: signed });
    const s = await eventually(
      () => state(handle),
      (v) => v.progress?.programmeStarted === true,
    );
    expect(s.status).toBe(GroupStatus.InDelivery);
    expect(s.registrations![signed]!.status).toBe('CONTRACTED');
    expect(s.registrations![unsigned]!.status).toBe('DEREGISTERED_NO_CONTRACT');
    const change = projectionsOf(groupId).find((p) => p.action === 'deadline')!;
    expect(change).toMatchObject({
      actor: { system: 'G7' },
      registrationChange: { ids: [unsigned], to: 'DEREGISTERED_NO_CONTRACT', notice: 'NO_CONTRACT' },
    });
    expect(change.lifecycle).toMatchObject({ activeRegistrations: 1, signedContracts: 1 });
    expect(
      await eventually(
        async () => delivered,
        (d) => d.includes(`NO_CONTRACT:${unsigned}`),
      ),
    ).toContain(`NO_CONTRACT:${unsigned}`);

    // GRP-45: once delivery started, the automatic completion is derived from the end date and the configured grace period.
    const armed = await eventually(
      () => state(handle),
      (v) => Boolean(v.autoCompletion),
    );
    expect(armed.autoCompletion).toEqual(autoCompletionDeadlines(armed.info!.programmeEnd, 30));
    await handle.terminate('test done');
  });

  it('a date change moves the timer: back to "Kuriama", new dates, published again (GRP-30)', async () => {
    const first = deadlines(6, 60);
    const { handle, groupId } = await published(first, info({ minParticipants: '1' }));
    await status(handle, GroupStatus.Draft);
    const moved = deadlines(14, 60);
    await handle.executeUpdate(saveGroupInfoUpdate, {
      args: [{ actor, info: info({ minParticipants: '1', name: 'Grupė L2' }), deadlines: moved }],
    });
    await status(handle, GroupStatus.Published);
    await register(handle, 'm-1');
    await new Promise((r) => setTimeout(r, Date.parse(first.registrationClosesAt) - Date.now() + 2000));
    expect((await state(handle)).status).toBe(GroupStatus.Published);
    const s = await eventually(
      () => state(handle),
      (v) => v.status === GroupStatus.InDelivery,
    );
    expect(s.status).toBe(GroupStatus.InDelivery);
    const change = projectionsOf(groupId).find((p) => p.status === GroupStatus.InDelivery)!;
    expect(change.lifecycle?.registrationClosesAt).toBe(moved.registrationClosesAt);
    await handle.terminate('test done');
  });

  it('G11: the operator lifts a suspension; the group returns to its status and a deadline that passed meanwhile is handled at once (OQ-24)', async () => {
    const { handle, groupId } = await published(deadlines(8, 120), info({ minParticipants: '1' }));
    await register(handle, 'g11-1');
    await handle.executeUpdate(changeGroupStatusUpdate, {
      args: [{ actor, to: GroupStatus.Suspended, reason: 'KPMPC stebėsenos išvada.' }],
    });
    const early = await refusal(handle.executeUpdate(liftSuspensionUpdate, { args: [{ operator: ' ', reason: 'x' }] }));
    expect(early.type).toBe(ErrorCode.InvalidInput);
    await new Promise((r) => setTimeout(r, 9000)); // registration ends while suspended: nothing happens
    expect((await state(handle)).status).toBe(GroupStatus.Suspended);
    await handle.executeUpdate(liftSuspensionUpdate, { args: [{ operator: 'IMP IS operatorius', reason: 'Pažeidimai pašalinti.' }] });
    const s = await eventually(
      () => state(handle),
      (v) => v.status === GroupStatus.InDelivery,
    );
    expect(s.status).toBe(GroupStatus.InDelivery);
    const statuses = projectionsOf(groupId).map((p) => [p.status, 'system' in p.actor ? p.actor.system : 'user']);
    expect(statuses.slice(-3)).toEqual([
      ['Sustabdyta', 'user'],
      ['Skelbiama', 'G11: IMP IS operatorius – Pažeidimai pašalinti.'],
      ['Vykdoma', 'G4'],
    ]);
    expect((await refusal(handle.executeUpdate(liftSuspensionUpdate, { args: [{ operator: 'x', reason: 'y' }] }))).message).toBe(
      'Grupė nėra sustabdyta.',
    );
    await handle.terminate('test done');
  });

  it('G10 by the operator after a protocol with critical deficiencies (MON-10): suspended with who and why, lifted as any suspension', async () => {
    const { handle, groupId } = await published(deadlines(60, 120), info({ minParticipants: '1' }));
    const missing = await refusal(handle.executeUpdate(suspendGroupUpdate, { args: [{ operator: 'IMP IS operatorius', reason: ' ' }] }));
    expect(missing.type).toBe(ErrorCode.InvalidInput);
    expect((await state(handle)).status).toBe(GroupStatus.Published);
    await handle.executeUpdate(suspendGroupUpdate, {
      args: [{ operator: 'IMP IS operatorius', reason: 'KPMPC protokolas: kritiniai trūkumai.' }],
    });
    expect((await state(handle)).status).toBe(GroupStatus.Suspended);
    const suspended = projectionsOf(groupId).at(-1)!;
    expect(suspended.status).toBe(GroupStatus.Suspended);
    expect(suspended.actor).toEqual({ system: 'G10: IMP IS operatorius' });
    expect(suspended.statusReason).toBe('KPMPC protokolas: kritiniai trūkumai.');
    // Suspended is final for the provider; a second suspension is refused.
    const again = await refusal(handle.executeUpdate(suspendGroupUpdate, { args: [{ operator: 'x', reason: 'y' }] }));
    expect(again.type).toBe(ErrorCode.TransitionNotAllowed);
    await handle.executeUpdate(liftSuspensionUpdate, { args: [{ operator: 'IMP IS operatorius', reason: 'Trūkumai pašalinti.' }] });
    expect((await state(handle)).status).toBe(GroupStatus.Published);
    await handle.terminate('test done');
  });

  it('continues as new with its state once the history grows, and its timers still fire', async () => {
    const { handle, groupId } = await published(deadlines(20, 120), info({ minParticipants: '3', maxParticipants: '20' }), {
      historyEventLimit: 40,
    });
    const firstRun = (await handle.describe()).runId;
    for (let i = 0; i < 8; i++) await register(handle, `can-${i}`);
    const later = client.workflow.getHandle(handle.workflowId);
    const runs = await eventually(
      () => later.describe(),
      (d) => d.runId !== firstRun,
    );
    expect(runs.runId).not.toBe(firstRun);
    const s = await state(later);
    expect(s.activeRegistrations).toBe(8);
    expect(Object.keys(s.registrations!)).toHaveLength(8);
    // The same person is still known after the new run began.
    expect((await refusal(register(later, 'can-0'))).message).toBe('Jūs jau esate užsiregistravę į šią mokymo grupę.');
    const after = await eventually(
      () => state(later),
      (v) => v.status === GroupStatus.InDelivery,
    );
    expect(after.status).toBe(GroupStatus.InDelivery);
    expect(projectionsOf(groupId).at(-1)!.version).toBeGreaterThan(9);
    expect((await later.describe()).typedSearchAttributes.get(GroupStatusKey)).toBe(GroupStatus.InDelivery);
    expect(await (await later.describe()).memo).toMatchObject({ groupName: 'Grupė L' });
    await later.terminate('test done');
  });
});

describe.concurrent('"Užbaigta" (L1 G9, GRP-45; issue 13)', () => {
  const T = new Date().toISOString();
  const row = (over: Partial<ContractOutcomeFacts> = {}): ContractOutcomeFacts => ({
    phase: 'GALIOJA',
    startedAt: T,
    completedAt: T,
    lockedAt: null,
    assessment: 'ISKAITYTA',
    assessmentConfirmedAt: T,
    ...over,
  });

  /** A group "Vykdoma" past its delivery start whose `n` participants' contracts are in force (started by the group). */
  async function deliveringWithContracts(d: GroupDeadlines, n: number, extra: { historyEventLimit?: number } = {}) {
    const { handle, groupId } = await published(d, info({ minParticipants: '1' }), extra);
    const ids = Array.from({ length: n }, () => crypto.randomUUID());
    invitesFor.set(groupId, ids);
    for (const [i, id] of ids.entries()) await register(handle, `u-${groupId.slice(0, 6)}-${i}`, id);
    await status(handle, GroupStatus.InDelivery); // G5: contract signing starts, the contracts are started
    for (const id of ids) await handle.signal(contractSignedSignal, { registrationId: id });
    await eventually(
      () => state(client.workflow.getHandle(handle.workflowId)),
      (v) => v.progress?.programmeStarted === true && v.contracts?.length === n,
      30_000,
    );
    return { handle, groupId, ids };
  }

  /** Whether the contract's workflow received `groupEnded` from its group. */
  async function toldGroupEnded(registrationId: string): Promise<boolean> {
    const history = await client.workflow.getHandle(learningContractWorkflowId(registrationId)).fetchHistory();
    return (history.events ?? []).some((e) => e.workflowExecutionSignaledEventAttributes?.signalName === 'groupEnded');
  }

  async function endContracts(ids: readonly string[]) {
    await Promise.all(
      ids.map((id) =>
        client.workflow
          .getHandle(learningContractWorkflowId(id))
          .terminate('test done')
          .catch(() => undefined),
      ),
    );
  }

  it('G9: the provider’s "Užbaigta" is refused while participants lack a confirmed outcome, accepted once all have one; the contracts are told', async () => {
    // The end date reached (explicitly, a few seconds ahead) and the automatic completion far away.
    const d: GroupDeadlines = { ...deadlines(5, 10), programmeEndsAt: new Date(Date.now() + 11_000).toISOString() };
    const { handle, groupId, ids } = await deliveringWithContracts(d, 2);
    await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(d.programmeEndsAt!) - Date.now())));

    const lacking = summariseOutcomes([
      row({ assessmentConfirmedAt: null }),
      row({ startedAt: null, completedAt: null, assessment: null, assessmentConfirmedAt: null }),
    ]);
    outcomesOf.set(groupId, lacking);
    const refused = await refusal(status(handle, GroupStatus.Completed));
    expect(refused.type).toBe(ErrorCode.TransitionNotAllowed);
    expect(refused.message).toBe(completionRefusal(lacking));
    expect(refused.message).toContain('2 dalyvių galutinis įvertinimas nepatvirtintas');
    expect((await state(handle)).status).toBe(GroupStatus.InDelivery);
    expect(projectionsOf(groupId).some((p) => p.status === GroupStatus.Completed)).toBe(false);

    // Locked, did not finish, confirmed: every participant has an outcome.
    outcomesOf.set(
      groupId,
      summariseOutcomes([
        row({ startedAt: null, completedAt: null, assessment: null, assessmentConfirmedAt: null, lockedAt: T }),
        row({ completedAt: null, assessment: null, assessmentConfirmedAt: null }),
      ]),
    );
    expect(await status(handle, GroupStatus.Completed)).toMatchObject({ status: GroupStatus.Completed });
    expect(await handle.result()).toBe(GroupStatus.Completed);
    expect(projectionsOf(groupId).at(-1)).toMatchObject({
      status: GroupStatus.Completed,
      action: 'status',
      actor: { userId: actor.userId },
    });
    for (const id of ids) expect(await toldGroupEnded(id)).toBe(true);
    recordHistoryIfAsked(handle.workflowId, 'training-group-completion.json');
    await endContracts(ids);
  });

  it('GRP-45: past the grace period the group completes by itself, the administrators reminded once before; survives continue-as-new', async () => {
    const now = Date.now();
    const d: GroupDeadlines = {
      ...deadlines(5, 10),
      completionReminderAt: new Date(now + 18_000).toISOString(),
      autoCompletesAt: new Date(now + 28_000).toISOString(),
    };
    // A command costs fewer history events since the projection is a local activity (issue 16).
    const { handle, groupId, ids } = await deliveringWithContracts(d, 2, { historyEventLimit: 25 });
    const firstRun = (await handle.describe()).runId;
    // One participant's assessment is entered but not confirmed: the group still completes by itself.
    outcomesOf.set(groupId, summariseOutcomes([row(), row({ assessmentConfirmedAt: null })]));
    const latest = client.workflow.getHandle(handle.workflowId);

    const reminded = await eventually(
      async () => reminders.filter((r) => r.groupId === groupId),
      (r) => r.length > 0,
      30_000,
    );
    expect(reminded[0]!.autoCompletesAt).toBe(d.autoCompletesAt);
    expect(reminded[0]!.at).toBeGreaterThanOrEqual(Date.parse(d.completionReminderAt!));
    expect(reminded[0]!.at).toBeLessThan(Date.parse(d.autoCompletesAt!));
    expect((await state(latest)).status).toBe(GroupStatus.InDelivery);
    await eventually(
      async () => delivered,
      (x) => x.includes(`REMINDER:${groupId}`),
    );

    expect(await latest.result()).toBe(GroupStatus.Completed);
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(d.autoCompletesAt!));
    expect(projectionsOf(groupId).at(-1)).toMatchObject({ status: GroupStatus.Completed, actor: { system: 'G9' } });
    expect(reminders.filter((r) => r.groupId === groupId)).toHaveLength(1);
    expect((await latest.describe()).runId).not.toBe(firstRun);
    for (const id of ids) expect(await toldGroupEnded(id)).toBe(true);
    recordHistoryIfAsked(handle.workflowId, 'training-group-auto-completion.json');
    await endContracts(ids);
  });
});
