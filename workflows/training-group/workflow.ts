// TrainingGroup:<id> owns lifecycle L1 of one training group, from "Kuriama" to "Užbaigta" or
// "Nevykdoma". This file is the wiring: handlers, the lock, the main loop with its timers and
// continue-as-new. The rules live beside it: changes.ts (each change by name and what it writes),
// registrations.ts (registration checks and the group commit), coupons.ts (the UŽT coupon the group
// starts and tells), mail.ts (the e-mails its changes queue), details.ts (what operators see).
//
// Every provider action is an Update: the validator refuses what the rules forbid (nothing is
// recorded), the handler re-checks under the workflow's lock, projects the new state into Postgres
// through an activity (a local one since issue 16; versioned and idempotent by content, so a
// retried write is harmless) and only then changes its own state. The automatic transitions are
// timers derived from the group's dates (G4 at registration end, G7 at delivery start, and GRP-45's
// reminder and automatic "Užbaigta" after the end date's grace period); a change of dates moves
// them. A long-lived group continues as new, carrying its state, once all handlers have finished.
import {
  allHandlersFinished,
  condition,
  makeContinueAsNewFunc,
  log,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setCurrentDetails,
  setHandler,
  upsertMemo,
  upsertSearchAttributes,
  workflowInfo,
  type RetryPolicy,
} from '@temporalio/workflow';
import type { GroupCompletionActivities } from '../../activities/group-completion.ts';
import type { TrainingGroupActivities } from '../../activities/training-group.ts';
import { vilniusDate } from '../domain/calendar.ts';
import {
  atProgrammeStart,
  atRegistrationEnd,
  checkDeadlines,
  groupDeadlines,
  nextDeadline,
  type DeadlineKind,
  type GroupDeadlines,
} from '../domain/group-deadlines.ts';
import {
  autoCompletionDeadlines,
  completionRefusal,
  DEFAULT_AUTO_COMPLETE_DAYS,
  type AutoCompletionDeadlines,
} from '../domain/group-completion.ts';
import { publishProblems, validateGroupInfo, type GroupInfo } from '../domain/group-info.ts';
import { checkProviderTransition, checkStatusReason, GroupStatus, isGroupInfoEditable } from '../domain/group-status.ts';
import { isActiveRegistration, RegistrationStatus } from '../domain/registration.ts';
import { ErrorCode } from '../errors.ts';
import { GroupStatusKey } from '../search-attributes.ts';
import { projectionOf, type GroupChange } from './changes.ts';
import { GroupContracts } from './contracts.ts';
import { couponApproved, couponRefused, startCoupon } from './coupons.ts';
import { groupDetails, timerSummary } from './details.ts';
import { fail } from './failure.ts';
import { GroupMail } from './mail.ts';
import {
  changeGroupStatusUpdate,
  completionRecordedSignal,
  contractSignedSignal,
  contractVoidedSignal,
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
  type ChangeGroupStatusCommand,
  type CreateGroupCommand,
  type DecideRegistrationCommand,
  type GroupCommandResult,
  type LiftSuspensionCommand,
  type OperatorSuspensionCommand,
  type RegistrationResult,
  type SaveGroupInfoCommand,
  type TrainingGroupInput,
  type TrainingGroupState,
} from './messages.ts';
import { checkDecision, checkRegistration, checkWithdrawal, newRegistration, sortBatch, type Waiting } from './registrations.ts';
import { inOrder } from '../one-at-a-time.ts';

const PROJECTION_RETRY: RetryPolicy = {
  initialInterval: '1 second',
  maximumInterval: '10 seconds',
  nonRetryableErrorTypes: [ErrorCode.InvalidReference],
};

const { projectTrainingGroup, groupPublishReadiness } = proxyActivities<TrainingGroupActivities>({
  startToCloseTimeout: '10 seconds',
  retry: PROJECTION_RETRY,
  summary: 'Grupės būsena įrašoma į duomenų bazę',
});

/**
 * Issue 16: the projection (and the readiness read before a publication) as local activities, run
 * inside the workflow task: a command costs one workflow task instead of three (activity task
 * poll/run/complete and another workflow task). A local activity is not guarded by the history: a
 * task retried after it committed projects the same version again, perhaps with another batch, so
 * the projection is idempotent by content (db/queries/training-groups.ts). Start-to-close as the
 * regular one: a write takes milliseconds; one stuck longer is tried again, and the retry waits for
 * the row lock and replaces or repeats what the first wrote. Backoffs up to 2 s (transient errors:
 * a dropped connection, a deadlock) are slept in the worker; longer ones (Postgres down) become a
 * durable timer, so the task is not held open and a worker restart loses nothing.
 */
const localProjection = proxyLocalActivities<TrainingGroupActivities>({
  startToCloseTimeout: '10 seconds',
  localRetryThreshold: '2 seconds',
  retry: PROJECTION_RETRY,
  summary: 'Grupės būsena įrašoma į duomenų bazę',
});

const { groupOutcomes, queueGroupAutoCompletionReminder } = proxyActivities<GroupCompletionActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
  summary: 'Dalyvių mokymų rezultatai skaitomi iš duomenų bazės',
});
/** Configuration only: a worker without it (an older deployment) falls back to the default after a few tries. */
const { groupAutoCompletionSettings } = proxyActivities<GroupCompletionActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', maximumAttempts: 3 },
  summary: 'Automatinio grupės užbaigimo nustatymai',
});

/** How long a started workflow waits for its create command before it ends (a refused create). */
const CREATE_WINDOW = '5 minutes';
/** The patch that added the lifecycle timers, registrations and continue-as-new. */
const LIFECYCLE_PATCH = 'lifecycle-timers';
/** The group starts the UŽT coupon and tells it the provider's decision (before: web did, in several calls). */
const COUPON_PATCH = 'coupon-orchestration';
/** Registrations arriving together are written by one projection. */
const BATCH_PATCH = 'registration-batches';
const MAX_BATCH = 200;
/** A person the provider rejected or removed cannot register to the same group again. */
const DECISION_STANDS_PATCH = 'provider-decision-stands';
/** The automatic G4 checks again what publishing required (OQ-12) before contract signing starts. */
const DELIVERY_RECHECK_PATCH = 'automatic-delivery-recheck';
/** Whoever the group invites to sign gets a LearningContract workflow, which owns the "unsigned at the start" rule. */
const CONTRACTS_PATCH = 'learning-contracts';
/**
 * Issue 13, G9: "Užbaigta" needs every participant in force to have a confirmed outcome, read from
 * Postgres under the lock (before: a `completionRecorded` signal nobody sent); at "Užbaigta" the
 * group tells its contracts (groupEnded).
 */
const COMPLETION_OUTCOMES_PATCH = 'completion-outcomes';
/** GRP-45: after the end date's grace period the group completes by itself, reminding the administrators a week before. */
const AUTO_COMPLETION_PATCH = 'auto-completion';
/** Issue 16: the projection and the publication-readiness read run as local activities (histories before: regular ones). */
const LOCAL_PROJECTION_PATCH = 'projection-local-activity';

const isFinal = (s: GroupStatus) => s === GroupStatus.Completed || s === GroupStatus.NotDelivered;

/** The state as the first run starts it, or as continue-as-new carried it (fields added later filled in). */
function initialState(input: TrainingGroupInput): TrainingGroupState {
  const state: TrainingGroupState = input.resume ?? {
    created: false,
    status: GroupStatus.Draft,
    version: 0,
    info: null,
    activeRegistrations: 0,
  };
  state.deadlines ??= state.info ? groupDeadlines(state.info) : null;
  state.progress ??= { registrationClosed: false, programmeStarted: false };
  state.decisionDueAt ??= null;
  state.contractSigningStartedAt ??= null;
  state.completionRecordedAt ??= null;
  state.registrations ??= {};
  state.signedContracts ??= 0;
  state.pendingEmails ??= [];
  state.deliveryBlockedReason ??= null;
  state.pendingContracts ??= [];
  state.contracts ??= [];
  state.autoCompletion ??= null;
  return state;
}

export async function trainingGroupWorkflow(input: TrainingGroupInput): Promise<GroupStatus> {
  const state = initialState(input);
  const registrations = state.registrations!;
  const progress = state.progress!;
  const mail = new GroupMail(state.pendingEmails!);
  const contracts = new GroupContracts(input, state, state.pendingContracts!, state.contracts!);

  // Handlers and deadlines run one at a time, so a check and the write it guards see the same state.
  const exclusive = inOrder();

  const now = () => Date.now();
  const today = () => vilniusDate(new Date());
  // Issue 11, item 6: evaluated once per run (validators may not call patched()); runs recorded before it keep the old rule.
  const decisionStands = patched(DECISION_STANDS_PATCH);
  const facts = () => ({ state, today: today(), now: now(), decisionStands });

  /** GRP-40 and OQ-12: what outside the workflow's state blocks publication or contract signing, read from Postgres. */
  function readiness(contractsOn: string): Promise<string[]> {
    // Read-only: run again by a retried task, it changes nothing.
    const read = patched(LOCAL_PROJECTION_PATCH) ? localProjection.groupPublishReadiness : groupPublishReadiness;
    return read({
      groupId: input.groupId,
      institutionId: input.institutionId,
      programmeId: input.programmeId,
      contractsOn,
    });
  }

  function checkActor(actor: Actor) {
    if (actor.institutionId !== input.institutionId) fail(ErrorCode.WrongInstitution, 'Grupė priklauso kitai institucijai.');
  }

  function checkInfo(info: GroupInfo): GroupInfo {
    const result = validateGroupInfo(info);
    if (!result.ok) fail(ErrorCode.InvalidInput, 'Neteisingai užpildyta grupės informacija.', result.errors);
    return result.info;
  }

  function deadlinesFor(info: GroupInfo, given: GroupDeadlines | undefined): GroupDeadlines {
    if (!given) return groupDeadlines(info);
    const problem = checkDeadlines(given);
    if (problem) fail(ErrorCode.InvalidInput, problem, { deadlines: problem });
    return given;
  }

  function checkCreate(cmd: CreateGroupCommand) {
    checkActor(cmd.actor);
    if (state.created) fail(ErrorCode.AlreadyCreated, 'Ši mokymo grupė jau sukurta.');
    deadlinesFor(checkInfo(cmd.info), cmd.deadlines);
  }

  function checkSave(cmd: SaveGroupInfoCommand) {
    checkActor(cmd.actor);
    if (!state.created) fail(ErrorCode.NotCreated, 'Mokymo grupė dar nesukurta.');
    if (!isGroupInfoEditable(state.status)) {
      fail(ErrorCode.GroupNotEditable, `Grupės informacijos keisti negalima, kai grupės būsena yra „${state.status}“.`);
    }
    deadlinesFor(checkInfo(cmd.info), cmd.deadlines);
  }

  /** G9: "Mokymosi programos vykdymo pabaiga" as the workflow counts it (an explicit instant moves it; see GroupDeadlines). */
  function programmeEndDate(): string {
    const explicit = state.deadlines?.programmeEndsAt;
    return explicit ? vilniusDate(new Date(explicit)) : state.info!.programmeEnd;
  }

  function checkStatusChange(cmd: ChangeGroupStatusCommand) {
    checkActor(cmd.actor);
    if (!state.created || !state.info) fail(ErrorCode.NotCreated, 'Mokymo grupė dar nesukurta.');
    const d = today();
    const verdict = checkProviderTransition(state.status, cmd.to, {
      today: d,
      programmeStart: state.info.programmeStart,
      programmeEnd: programmeEndDate(),
      activeRegistrations: state.activeRegistrations,
      publishProblems: publishProblems(state.info, d),
      // G9's outcomes are read from Postgres by the handler, under the lock (not known to a validator).
    });
    if (!verdict.allowed) fail(ErrorCode.TransitionNotAllowed, verdict.reason);
    const reason = checkStatusReason(cmd.to, cmd.reason);
    if (!reason.ok) fail(ErrorCode.InvalidInput, reason.message, { reason: reason.message });
  }

  /** G10 by the operator (MON-10): any group not yet over, with who and why. */
  function checkOperatorSuspension(cmd: OperatorSuspensionCommand): void {
    if (state.status === GroupStatus.Suspended) fail(ErrorCode.TransitionNotAllowed, 'Grupė jau sustabdyta.');
    if (isFinal(state.status)) fail(ErrorCode.TransitionNotAllowed, `Grupės, kurios būsena „${state.status}“, sustabdyti negalima.`);
    if (!cmd.operator?.trim() || !cmd.reason?.trim()) fail(ErrorCode.InvalidInput, 'Nurodykite operatorių ir sustabdymo priežastį.');
  }

  function checkLift(cmd: LiftSuspensionCommand): GroupStatus {
    if (state.status !== GroupStatus.Suspended) fail(ErrorCode.TransitionNotAllowed, 'Grupė nėra sustabdyta.');
    if (!state.statusBeforeSuspension) fail(ErrorCode.TransitionNotAllowed, 'Nežinoma, kokia buvo grupės būsena prieš sustabdymą.');
    if (!cmd.operator?.trim() || !cmd.reason?.trim())
      fail(ErrorCode.InvalidInput, 'Nurodykite operatorių ir sustabdymo atšaukimo priežastį.');
    return state.statusBeforeSuspension;
  }

  /** Writes a change into Postgres as the next version, then takes it as the workflow's state. */
  async function apply(change: GroupChange): Promise<GroupCommandResult> {
    const lifecycleOn = patched(LIFECYCLE_PATCH);
    const p = projectionOf(change, { state, registrations, now: now(), lifecycle: lifecycleOn });
    const version = state.version + 1;
    const next = { ...registrations, ...p.registrationStatuses };
    const all = Object.values(next);
    const active = all.filter((r) => isActiveRegistration(r.status)).length;
    const signed = all.filter((r) => r.status === RegistrationStatus.Contracted).length;
    const lifecycleFacts = {
      decisionDueAt: state.decisionDueAt ?? null,
      contractSigningStartedAt: state.contractSigningStartedAt ?? null,
      completionRecordedAt: state.completionRecordedAt ?? null,
      statusBeforeSuspension: state.statusBeforeSuspension ?? null,
      deliveryBlockedReason: state.deliveryBlockedReason ?? null,
      ...p.set,
    };
    const project = patched(LOCAL_PROJECTION_PATCH) ? localProjection.projectTrainingGroup : projectTrainingGroup;
    const result = await project({
      groupId: input.groupId,
      institutionId: input.institutionId,
      programmeId: input.programmeId,
      version,
      status: p.status,
      info: p.info,
      action: p.action,
      actor: p.actor,
      ...(p.statusReason ? { statusReason: p.statusReason } : {}),
      ...(lifecycleOn
        ? {
            lifecycle: {
              activeRegistrations: active,
              signedContracts: signed,
              registrationClosesAt: p.deadlines.registrationClosesAt,
              programmeStartsAt: p.deadlines.programmeStartsAt,
              ...lifecycleFacts,
            },
          }
        : {}),
      ...(p.newRegistration ? { newRegistration: p.newRegistration } : {}),
      ...(p.newRegistrations?.length ? { newRegistrations: p.newRegistrations } : {}),
      ...(p.registrationChange ? { registrationChange: p.registrationChange } : {}),
      ...(p.couponProviderData ? { couponProviderData: p.couponProviderData } : {}),
      ...(p.inviteApproved ? { inviteApproved: true } : {}),
      ...(p.inviteIds?.length ? { inviteIds: p.inviteIds } : {}),
    });
    const statusChanged = p.status !== state.status || !state.created;
    Object.assign(state, {
      created: true,
      status: p.status,
      info: p.info,
      version,
      deadlines: p.deadlines,
      ...lifecycleFacts,
      activeRegistrations: active,
      signedContracts: signed,
    });
    Object.assign(registrations, p.registrationStatuses);
    Object.assign(progress, p.progress);
    // Projections recorded before e-mails existed return no list.
    if (result && Array.isArray(result.emailIds)) mail.queue(result.emailIds);
    // CON-1, PART-12, UZT-17: those invited to sign get their contracts (projections before contracts return none).
    if (result?.invitedIds?.length && patched(CONTRACTS_PATCH)) contracts.queue(result.invitedIds);
    // "Nevykdoma": contracts not yet signed are void at once (the group has told the participants).
    if (statusChanged && p.status === GroupStatus.NotDelivered && contracts.owned.length > 0) await contracts.endAll();
    // "Užbaigta" (G9, by the provider or GRP-45): the contracts take no more completion marks.
    if (statusChanged && p.status === GroupStatus.Completed && contracts.owned.length > 0 && patched(COMPLETION_OUTCOMES_PATCH))
      await contracts.endAll();
    if (statusChanged) upsertSearchAttributes([{ key: GroupStatusKey, value: p.status }]);
    upsertMemo({ groupName: p.info.name });
    return { status: p.status, version };
  }

  setHandler(groupStateQuery, () => state);

  setHandler(
    createGroupUpdate,
    (cmd) =>
      exclusive(async () => {
        checkCreate(cmd);
        const info = checkInfo(cmd.info);
        return apply({ kind: 'created', info, deadlines: deadlinesFor(info, cmd.deadlines), actor: cmd.actor });
      }),
    { validator: checkCreate },
  );

  setHandler(
    saveGroupInfoUpdate,
    (cmd) =>
      exclusive(async () => {
        checkSave(cmd);
        const info = checkInfo(cmd.info);
        return apply({ kind: 'infoSaved', info, deadlines: deadlinesFor(info, cmd.deadlines), actor: cmd.actor });
      }),
    { validator: checkSave },
  );

  setHandler(
    changeGroupStatusUpdate,
    (cmd) =>
      exclusive(async () => {
        checkStatusChange(cmd);
        if (cmd.to === GroupStatus.Published && patched('publish-programme-info-check')) {
          // GRP-40 / PROG-19 / OQ-12: what lies outside the workflow's state (the programme's
          // "Programos vykdymo ir sutarties informacija", the timetable) is read from Postgres under the lock.
          // GRP-40, NUM-8: the contracts are generated when registration ends (G4), so numbering must be valid then.
          const problems = await readiness(state.info!.registrationEnd);
          if (problems.length > 0) fail(ErrorCode.TransitionNotAllowed, problems.join(' '));
        }
        if (cmd.to === GroupStatus.Completed && patched(COMPLETION_OUTCOMES_PATCH)) {
          // G9 (issue 13): every participant with a contract in force has a confirmed outcome; Postgres is the truth.
          const refusal = completionRefusal(await groupOutcomes({ groupId: input.groupId, institutionId: input.institutionId }));
          if (refusal) fail(ErrorCode.TransitionNotAllowed, refusal);
        }
        if (cmd.to === GroupStatus.InDelivery && patched('delivery-readiness-check')) {
          // OQ-12, PROG-18: contract signing starts with "Vykdoma", so what publishing required is checked again.
          const problems = await readiness(today());
          if (problems.length > 0)
            fail(ErrorCode.TransitionNotAllowed, `Grupės būsenos pakeisti į „Vykdoma“ negalima: ${problems.join(' ')}`);
        }
        const reason = checkStatusReason(cmd.to, cmd.reason);
        return apply({ kind: 'statusChanged', to: cmd.to, actor: cmd.actor, reason: reason.ok ? reason.reason : null });
      }),
    { validator: checkStatusChange },
  );

  setHandler(
    suspendGroupUpdate,
    (cmd) =>
      exclusive(async () => {
        checkOperatorSuspension(cmd);
        const operator = cmd.operator.trim();
        const reason = cmd.reason.trim();
        return apply({ kind: 'statusChanged', to: GroupStatus.Suspended, actor: { system: `G10: ${operator}` }, reason });
      }),
    { validator: checkOperatorSuspension },
  );

  setHandler(
    liftSuspensionUpdate,
    (cmd) =>
      exclusive(async () => {
        const to = checkLift(cmd);
        return apply({ kind: 'suspensionLifted', to, operator: cmd.operator.trim(), reason: cmd.reason.trim() });
      }),
    { validator: (cmd) => void checkLift(cmd) },
  );

  const registrationResult = (registrationId: string): RegistrationResult => ({
    registrationId,
    status: registrations[registrationId]!.status,
    activeRegistrations: state.activeRegistrations,
  });

  // Group commit: registrations that arrive together are checked one by one against the running
  // count and written by one projection, so a burst costs one activity per batch, not per person.
  const waiting: Waiting<RegistrationResult>[] = [];
  let flushQueued = false;

  async function flushRegistrations(): Promise<void> {
    flushQueued = false;
    const taken = waiting.splice(0, MAX_BATCH);
    if (waiting.length > 0) queueFlush();
    const { accepted, repeated } = sortBatch(facts(), taken);
    if (accepted.length > 0) {
      try {
        await apply({ kind: 'registered', registrations: accepted.map((w) => newRegistration(w.cmd)) });
        // UZT-10, C1: each UŽT registration gets its coupon workflow, in the same command.
        const uzt = accepted.filter((w) => w.cmd.coupon);
        if (uzt.length > 0 && patched(COUPON_PATCH)) await Promise.all(uzt.map((w) => startCoupon(input, state.info!.name, w.cmd)));
      } catch (err) {
        for (const w of [...accepted, ...repeated]) w.reject(err);
        return;
      }
    }
    for (const w of [...accepted, ...repeated]) w.resolve(registrationResult(w.cmd.registrationId));
  }

  function queueFlush() {
    if (flushQueued) return;
    flushQueued = true;
    void exclusive(flushRegistrations);
  }

  setHandler(
    registerParticipantUpdate,
    (cmd): Promise<RegistrationResult> => {
      if (patched(BATCH_PATCH)) {
        return new Promise<RegistrationResult>((resolve, reject) => {
          waiting.push({ cmd, resolve, reject });
          queueFlush();
        });
      }
      return exclusive(async () => {
        checkRegistration(facts(), cmd);
        if (!registrations[cmd.registrationId]) await apply({ kind: 'registeredOne', registration: newRegistration(cmd) });
        return registrationResult(cmd.registrationId);
      });
    },
    { validator: (cmd) => checkRegistration(facts(), cmd) },
  );

  setHandler(
    withdrawRegistrationUpdate,
    (cmd): Promise<RegistrationResult> =>
      exclusive(async () => {
        checkWithdrawal(state, cmd);
        if (registrations[cmd.registrationId]!.status !== RegistrationStatus.Withdrawn)
          await apply({ kind: 'withdrawn', registrationId: cmd.registrationId });
        return { registrationId: cmd.registrationId, status: RegistrationStatus.Withdrawn, activeRegistrations: state.activeRegistrations };
      }),
    { validator: (cmd) => checkWithdrawal(state, cmd) },
  );

  function checkProviderDecision(cmd: DecideRegistrationCommand) {
    checkActor(cmd.actor);
    return checkDecision(state, cmd);
  }

  setHandler(
    decideRegistrationUpdate,
    (cmd): Promise<RegistrationResult> =>
      exclusive(async () => {
        const to = checkProviderDecision(cmd);
        const r = registrations[cmd.registrationId]!;
        if (to) {
          const uzt = r.funding === 'UZT';
          const orchestrated = uzt && patched(COUPON_PATCH);
          await apply({
            kind: 'decided',
            registrationId: cmd.registrationId,
            to,
            actor: cmd.actor,
            reason: to === RegistrationStatus.Removed ? (cmd.reason ?? '').trim() : null,
            // PART-12: approved while "Vykdoma", the contract invitation goes out now (a UŽT one once its coupon is approved).
            invite: to === RegistrationStatus.Approved && state.status === GroupStatus.InDelivery && !uzt,
            ...(orchestrated && cmd.uzt && to === RegistrationStatus.Approved ? { uztData: cmd.uzt.providerData } : {}),
          });
          if (orchestrated && to === RegistrationStatus.Approved && cmd.uzt) {
            await couponApproved(cmd.registrationId, {
              userId: cmd.actor.userId,
              institutionId: input.institutionId,
              sectionII: cmd.uzt.sectionII,
            });
          } else if (orchestrated && to !== RegistrationStatus.Approved) {
            await couponRefused(cmd.registrationId, to === RegistrationStatus.Removed ? (cmd.reason ?? '').trim() : null);
          }
        }
        return registrationResult(cmd.registrationId);
      }),
    { validator: (cmd) => void checkProviderDecision(cmd) },
  );

  // Events from the coupon, contract and completion lifecycles. A signal cannot be refused: one that
  // does not fit the group's state is logged and ignored, never allowed to fail the workflow.
  function onEvent(what: string, handle: () => Promise<unknown>): Promise<void> {
    return exclusive(handle).then(
      () => undefined,
      (err: unknown) => log.error(`${what} not projected`, { error: String(err) }),
    );
  }

  setHandler(registrationCancelledSignal, (event) =>
    onEvent('cancellation', async () => {
      const r = registrations[event.registrationId];
      if (!r || !isActiveRegistration(r.status)) return;
      await apply({ kind: 'couponRejected', registrationId: event.registrationId, reason: event.reason });
    }),
  );

  setHandler(couponApprovedSignal, (event) =>
    onEvent('coupon approval', async () => {
      const r = registrations[event.registrationId];
      if (!r || r.status !== RegistrationStatus.Approved || state.status !== GroupStatus.InDelivery || progress.programmeStarted) return;
      await apply({ kind: 'couponApproved', registrationId: event.registrationId });
    }),
  );

  setHandler(contractSignedSignal, (event) =>
    onEvent('contract signature', async () => {
      const r = registrations[event.registrationId];
      if (!r || r.status === RegistrationStatus.Contracted) return;
      if (state.status !== GroupStatus.InDelivery || !isActiveRegistration(r.status) || progress.programmeStarted) {
        log.warn('contract signature ignored', { registrationId: event.registrationId, status: state.status });
        return;
      }
      await apply({ kind: 'contractSigned', registrationId: event.registrationId });
    }),
  );

  setHandler(contractVoidedSignal, (event) =>
    onEvent('contract voided', async () => {
      const r = registrations[event.registrationId];
      // CON-25: deregistered and e-mailed; one already out of the group (or a group already over) stays as it is.
      if (!r || r.status !== RegistrationStatus.Approved || isFinal(state.status)) return;
      await apply({ kind: 'contractVoided', registrationId: event.registrationId });
    }),
  );

  setHandler(completionRecordedSignal, (event) =>
    onEvent('completion', async () => {
      if (state.status !== GroupStatus.InDelivery || state.completionRecordedAt) return;
      await apply({ kind: 'completionRecorded', at: event.recordedAt });
    }),
  );

  /** GRP-45 is on once delivery has started (patched here, so groups recorded before it keep waiting as they did). */
  const autoCompletionOn = () => state.status === GroupStatus.InDelivery && progress.programmeStarted && patched(AUTO_COMPLETION_PATCH);

  /** The deadlines with GRP-45's instants: given explicitly (an operator, a test), or derived from the end date and the grace period. */
  function effectiveDeadlines(): GroupDeadlines {
    const d = state.deadlines!;
    return d.autoCompletesAt || !state.autoCompletion ? d : { ...d, ...state.autoCompletion };
  }

  const due = () => nextDeadline(state.status, effectiveDeadlines(), progress, { autoCompletion: autoCompletionOn() });

  /** GRP-45: the configured grace period after the end date (the default when the worker cannot say). */
  async function autoCompletionFor(programmeEnd: string): Promise<AutoCompletionDeadlines> {
    const graceDays = await groupAutoCompletionSettings().then(
      (s) => s.graceDays,
      (err: unknown) => {
        log.warn('auto-completion settings unavailable; default used', { error: String(err) });
        return DEFAULT_AUTO_COMPLETE_DAYS;
      },
    );
    return autoCompletionDeadlines(programmeEnd, graceDays);
  }

  /** The group's automatic transitions (G4, G7, GRP-45), under the lock; a deadline no longer due does nothing. */
  async function onDeadline(kind: DeadlineKind): Promise<void> {
    const next = due();
    if (!next || next.kind !== kind || next.at > now()) return;
    if (kind === 'completionReminder') {
      // GRP-45: a week before, the administrators learn when and what is missing (not when it is due already).
      const autoCompletesAt = effectiveDeadlines().autoCompletesAt!;
      if (Date.parse(autoCompletesAt) > now()) {
        const ids = await queueGroupAutoCompletionReminder({
          groupId: input.groupId,
          institutionId: input.institutionId,
          programmeId: input.programmeId,
          autoCompletesAt,
        });
        mail.queue(ids);
      }
      progress.completionReminded = true;
      return;
    }
    if (kind === 'autoComplete') {
      // GRP-45, G9 by the system: whoever still lacks an outcome keeps what she has (no certificate without a
      // confirmed assessment); the contracts are told the group ended (apply).
      await apply({ kind: 'statusChanged', to: GroupStatus.Completed, actor: { system: 'G9' }, reason: null });
      return;
    }
    if (kind === 'registrationEnd') {
      if (atRegistrationEnd(state.activeRegistrations, state.info!.minParticipants) === 'deliver') {
        // OQ-12, NUM-8, PROG-19, INST-8: what publishing required may have changed since; checked again
        // before contract signing starts. Unmet, the provider fixes it and sets "Vykdoma" (G5) by delivery start.
        const problems = patched(DELIVERY_RECHECK_PATCH) ? await readiness(today()) : [];
        if (problems.length > 0) {
          await apply({ kind: 'deliveryBlocked', problems: problems.join(' ') });
          return;
        }
        // G4, GRP-31: the minimum is reached: "Vykdoma", contract signing starts.
        await apply({ kind: 'statusChanged', to: GroupStatus.InDelivery, actor: { system: 'G4' }, reason: null });
      } else {
        // GRP-32: the provider decides "Vykdoma" or "Nevykdoma" before delivery starts.
        await apply({ kind: 'awaitingDecision' });
      }
      return;
    }
    if (atProgrammeStart(state.status, state.signedContracts ?? 0) === 'not-delivered') {
      // G7, GRP-42: no contract signed by both parties: "Nevykdoma", everyone deregistered and told.
      const started = { registrationClosed: true, programmeStarted: true };
      await apply({ kind: 'statusChanged', to: GroupStatus.NotDelivered, actor: { system: 'G7' }, reason: null, progress: started });
    } else {
      // CON-6: participants without a signed contract are deregistered; the group goes ahead.
      await apply({ kind: 'deliveryStarted', contractOwned: contracts.owned });
    }
  }

  // A start whose create command was refused leaves nothing behind.
  if (!state.created && !(await condition(() => state.created, CREATE_WINDOW))) return state.status;

  if (!patched(LIFECYCLE_PATCH)) {
    // Groups started before the lifecycle timers: the lifecycle ends in "Užbaigta" or "Nevykdoma".
    await condition(() => isFinal(state.status) && allHandlersFinished());
    return state.status;
  }

  void mail.run();
  void contracts.run();
  const historyLimit = input.historyEventLimit;
  const shouldContinueAsNew = () =>
    workflowInfo().continueAsNewSuggested || (historyLimit !== undefined && workflowInfo().historyLength >= historyLimit);
  const settled = () => allHandlersFinished() && mail.settled && contracts.settled;

  for (;;) {
    if (isFinal(state.status) && settled()) return state.status;
    if (shouldContinueAsNew() && settled()) {
      // The memo (group name, programme) goes along, so the operator's list never shows a run without it.
      await makeContinueAsNewFunc<typeof trainingGroupWorkflow>({ memo: workflowInfo().memo ?? {} })({ ...input, resume: state });
    }
    if (autoCompletionOn() && !state.deadlines!.autoCompletesAt && !state.autoCompletion) {
      // GRP-45: derived once from the end date (fixed once "Vykdoma") and kept in the state (continue-as-new carries it).
      state.autoCompletion = await autoCompletionFor(programmeEndDate());
      continue;
    }
    const next = due();
    setCurrentDetails(groupDetails(state, next, [mail.description, contracts.description].filter(Boolean).join('; ') || null));
    const seenVersion = state.version;
    const seenProgress = progress.completionReminded;
    const wake = () =>
      state.version !== seenVersion ||
      progress.completionReminded !== seenProgress ||
      (isFinal(state.status) && settled()) ||
      (shouldContinueAsNew() && settled());
    const waitMs = next ? next.at - now() : undefined;
    if (waitMs !== undefined && waitMs <= 0) {
      await exclusive(() => onDeadline(next!.kind));
      continue;
    }
    const woken = waitMs === undefined ? (await condition(wake), true) : await condition(wake, waitMs, { summary: timerSummary(next!) });
    if (!woken && next) await exclusive(() => onDeadline(next.kind));
  }
}
