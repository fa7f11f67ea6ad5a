// TrainingGroup:<id> owns lifecycle L1 of one training group, from "Kuriama" to "Užbaigta" or
// "Nevykdoma". Every provider action is an Update: the validator refuses what the rules forbid
// (nothing is recorded), the handler re-checks under the workflow's lock, projects the new state
// into Postgres through an activity (versioned, so a retried write is harmless) and only then
// changes its own state. The automatic transitions are timers derived from the group's dates
// (G4 at registration end, G7 at delivery start); a change of dates moves them. Registrations
// reach the group as Updates too, so the group never exceeds its maximum. A long-lived group
// continues as new, carrying its state, once all handlers have finished.
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  log,
  patched,
  proxyActivities,
  setHandler,
  upsertMemo,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { MailActivities } from '../../activities/mail.ts';
import type { TrainingGroupActivities, TrainingGroupProjection } from '../../activities/training-group.ts';
import { vilniusDate } from '../domain/calendar.ts';
import { atProgrammeStart, atRegistrationEnd, checkDeadlines, groupDeadlines, nextDeadline, type DeadlineKind, type DeadlineProgress, type GroupDeadlines } from '../domain/group-deadlines.ts';
import { publishProblems, validateGroupInfo, type GroupInfo } from '../domain/group-info.ts';
import { checkProviderTransition, checkStatusReason, GroupStatus, isGroupInfoEditable } from '../domain/group-status.ts';
import { isActiveRegistration, registrationDecisionRefusal, registrationRefusal, RegistrationStatus } from '../domain/registration.ts';
import { ErrorCode } from '../errors.ts';
import { GroupStatusKey } from '../search-attributes.ts';
import {
  changeGroupStatusUpdate,
  completionRecordedSignal,
  contractSignedSignal,
  couponApprovedSignal,
  createGroupUpdate,
  decideRegistrationUpdate,
  liftSuspensionUpdate,
  groupStateQuery,
  registerParticipantUpdate,
  registrationCancelledSignal,
  saveGroupInfoUpdate,
  withdrawRegistrationUpdate,
  type Actor,
  type ChangeGroupStatusCommand,
  type CreateGroupCommand,
  type DecideRegistrationCommand,
  type LiftSuspensionCommand,
  type GroupCommandResult,
  type RegisterParticipantCommand,
  type RegistrationResult,
  type SaveGroupInfoCommand,
  type TrainingGroupInput,
  type TrainingGroupState,
  type WithdrawRegistrationCommand,
} from './messages.ts';

const { projectTrainingGroup, groupPublishReadiness } = proxyActivities<TrainingGroupActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '10 seconds', nonRetryableErrorTypes: [ErrorCode.InvalidReference] },
});
/** SMTP may be down for a while: delivery keeps trying, with growing pauses, for up to a day. */
const mail = proxyActivities<MailActivities>({
  startToCloseTimeout: '1 minute',
  scheduleToCloseTimeout: '24 hours',
  retry: { initialInterval: '5 seconds', maximumInterval: '10 minutes' },
});

/** How long a started workflow waits for its create command before it ends (a refused create). */
const CREATE_WINDOW = '5 minutes';
/** E-mails delivered at once: bounded, well below the 2,000 pending activities a task allows. */
const MAIL_WAVE = 50;
/** The patch that added the lifecycle timers, registrations and continue-as-new. */
const LIFECYCLE_PATCH = 'lifecycle-timers';

function fail(type: ErrorCode, message: string, details?: unknown): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true, details: details === undefined ? [] : [details] });
}

const isFinal = (s: GroupStatus) => s === GroupStatus.Completed || s === GroupStatus.NotDelivered;

export async function trainingGroupWorkflow(input: TrainingGroupInput): Promise<GroupStatus> {
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
  const registrations = state.registrations;
  const progress = state.progress;
  const pendingEmails = state.pendingEmails;

  // Handlers and deadlines run one at a time, so a check and the write it guards see the same state.
  let tail: Promise<unknown> = Promise.resolve();
  function exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = tail.then(fn);
    tail = run.catch(() => undefined);
    return run;
  }

  const now = () => Date.now();
  const today = () => vilniusDate(new Date());

  function checkActor(actor: Actor) {
    if (actor.institutionId !== input.institutionId) {
      fail(ErrorCode.WrongInstitution, 'Grupė priklauso kitai institucijai.');
    }
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

  function checkStatusChange(cmd: ChangeGroupStatusCommand) {
    checkActor(cmd.actor);
    if (!state.created || !state.info) fail(ErrorCode.NotCreated, 'Mokymo grupė dar nesukurta.');
    const d = today();
    const verdict = checkProviderTransition(state.status, cmd.to, {
      today: d,
      programmeStart: state.info.programmeStart,
      programmeEnd: state.info.programmeEnd,
      activeRegistrations: state.activeRegistrations,
      publishProblems: publishProblems(state.info, d),
      completionRecorded: state.completionRecordedAt !== null,
    });
    if (!verdict.allowed) fail(ErrorCode.TransitionNotAllowed, verdict.reason);
    const reason = checkStatusReason(cmd.to, cmd.reason);
    if (!reason.ok) fail(ErrorCode.InvalidInput, reason.message, { reason: reason.message });
  }

  /** Registrations accepted into the batch being written, not yet in the state (see flushRegistrations). */
  interface Batch {
    active: number;
    persons: Set<string>;
    ids: Set<string>;
  }

  function checkRegistration(cmd: RegisterParticipantCommand, batch?: Batch) {
    if (!state.created || !state.info) fail(ErrorCode.NotCreated, 'Mokymo grupė dar nesukurta.');
    const existing = registrations[cmd.registrationId];
    if (existing || batch?.ids.has(cmd.registrationId)) {
      // The same registration sent again (after a continue-as-new the server no longer deduplicates it).
      if (existing && existing.personKey !== cmd.person.personKey) fail(ErrorCode.InvalidInput, 'Registracijos identifikatorius jau naudojamas.');
      return;
    }
    const refusal = registrationRefusal({
      status: state.status,
      info: state.info,
      today: today(),
      now: now(),
      registrationClosesAt: Date.parse(state.deadlines!.registrationClosesAt),
      registrationClosed: progress.registrationClosed,
      activeRegistrations: state.activeRegistrations + (batch?.active ?? 0),
      alreadyRegistered:
        Boolean(batch?.persons.has(cmd.person.personKey)) ||
        Object.values(registrations).some((r) => r.personKey === cmd.person.personKey && isActiveRegistration(r.status)),
      funding: cmd.funding,
    });
    if (refusal) fail(ErrorCode.RegistrationRefused, refusal);
  }

  function checkWithdrawal(cmd: WithdrawRegistrationCommand) {
    const r = registrations[cmd.registrationId];
    if (!r || r.personKey !== cmd.personKey) fail(ErrorCode.NotFound, 'Tokios registracijos šioje grupėje nėra.');
    if (r.status === RegistrationStatus.Withdrawn) return; // sent again
    if (!isActiveRegistration(r.status)) fail(ErrorCode.RegistrationRefused, 'Ši registracija jau nebegalioja.');
    if (progress.programmeStarted) fail(ErrorCode.RegistrationRefused, 'Mokymai jau prasidėjo: registracijos atsisakyti nebegalima.');
  }

  interface ProjectOptions {
    status?: GroupStatus;
    info?: GroupInfo;
    deadlines?: GroupDeadlines;
    action: TrainingGroupProjection['action'];
    actor: Actor | { system: string };
    /** Why the status changed, where the change needs a reason (a suspension). */
    statusReason?: string | null;
    newRegistration?: TrainingGroupProjection['newRegistration'];
    newRegistrations?: TrainingGroupProjection['newRegistrations'];
    registrationChange?: TrainingGroupProjection['registrationChange'];
    inviteApproved?: boolean;
    inviteIds?: string[];
    /** Lifecycle facts this change sets (applied to the state only once projected). */
    set?: Partial<Pick<TrainingGroupState, 'decisionDueAt' | 'contractSigningStartedAt' | 'completionRecordedAt' | 'statusBeforeSuspension'>>;
    /** Registration statuses this change sets. */
    registrationStatuses?: TrainingGroupState['registrations'];
    /** What this change does to the deadlines' progress. */
    progress?: Partial<DeadlineProgress>;
  }

  /** Writes the next version into Postgres, then takes it as the workflow's state. */
  async function project(o: ProjectOptions): Promise<GroupCommandResult> {
    const status = o.status ?? state.status;
    const info = o.info ?? state.info!;
    const deadlines = o.deadlines ?? state.deadlines ?? groupDeadlines(info);
    const version = state.version + 1;
    const lifecycleOn = patched(LIFECYCLE_PATCH);
    const next = { ...registrations, ...o.registrationStatuses };
    const all = Object.values(next);
    const active = all.filter((r) => isActiveRegistration(r.status)).length;
    const signed = all.filter((r) => r.status === RegistrationStatus.Contracted).length;
    const facts = {
      decisionDueAt: state.decisionDueAt ?? null,
      contractSigningStartedAt: state.contractSigningStartedAt ?? null,
      completionRecordedAt: state.completionRecordedAt ?? null,
      statusBeforeSuspension: state.statusBeforeSuspension ?? null,
      ...o.set,
    };
    const result = await projectTrainingGroup({
      groupId: input.groupId,
      institutionId: input.institutionId,
      programmeId: input.programmeId,
      version,
      status,
      info,
      action: o.action,
      actor: o.actor,
      ...(o.statusReason ? { statusReason: o.statusReason } : {}),
      ...(lifecycleOn
        ? {
            lifecycle: {
              activeRegistrations: active,
              signedContracts: signed,
              registrationClosesAt: deadlines.registrationClosesAt,
              programmeStartsAt: deadlines.programmeStartsAt,
              ...facts,
            },
          }
        : {}),
      ...(o.newRegistration ? { newRegistration: o.newRegistration } : {}),
      ...(o.newRegistrations?.length ? { newRegistrations: o.newRegistrations } : {}),
      ...(o.registrationChange ? { registrationChange: o.registrationChange } : {}),
      ...(o.inviteApproved ? { inviteApproved: true } : {}),
      ...(o.inviteIds?.length ? { inviteIds: o.inviteIds } : {}),
    });
    const statusChanged = status !== state.status || !state.created;
    Object.assign(state, { created: true, status, info, version, deadlines, ...facts, activeRegistrations: active, signedContracts: signed });
    Object.assign(registrations, o.registrationStatuses);
    Object.assign(progress, o.progress);
    // Projections recorded before e-mails existed return no list.
    if (result && Array.isArray(result.emailIds)) pendingEmails.push(...result.emailIds);
    if (statusChanged) upsertSearchAttributes([{ key: GroupStatusKey, value: status }]);
    upsertMemo({ groupName: info.name });
    return { status, version };
  }

  /** The registrations that are still active, given a new status and the notice each participant gets. */
  function deregister(to: RegistrationStatus, keep: (s: RegistrationStatus) => boolean, notice: 'GROUP_NOT_FORMED' | 'NO_CONTRACT') {
    const ids = Object.entries(registrations)
      .filter(([, r]) => isActiveRegistration(r.status) && !keep(r.status))
      .map(([id]) => id);
    return {
      registrationChange: { ids, to, reason: null, notice },
      registrationStatuses: Object.fromEntries(ids.map((id) => [id, { ...registrations[id]!, status: to }])),
    };
  }

  /** The side effects of entering a status (GRP-33, GRP-34): on top of the status change itself. */
  function entering(to: GroupStatus): Partial<ProjectOptions> {
    if (!patched(LIFECYCLE_PATCH)) return {};
    const at = new Date(now()).toISOString();
    switch (to) {
      case GroupStatus.InDelivery:
        // Contract signing starts (the contract lifecycle builds the contracts); registration closes (OQ-53).
        return { set: { contractSigningStartedAt: at, decisionDueAt: null }, inviteApproved: true, progress: { registrationClosed: true } };
      case GroupStatus.NotDelivered:
        return { set: { decisionDueAt: null }, ...deregister(RegistrationStatus.DeregisteredNotFormed, () => false, 'GROUP_NOT_FORMED') };
      case GroupStatus.Suspended:
        return { set: { statusBeforeSuspension: state.status } };
      case GroupStatus.Draft:
        // Back to "Kuriama" (G3): the deadlines start over with the next publication.
        return { set: { decisionDueAt: null }, progress: { registrationClosed: false, programmeStarted: false } };
      default:
        return {};
    }
  }

  setHandler(groupStateQuery, () => state);

  setHandler(
    createGroupUpdate,
    (cmd) =>
      exclusive(async () => {
        checkCreate(cmd);
        const info = checkInfo(cmd.info);
        return project({ status: GroupStatus.Draft, info, deadlines: deadlinesFor(info, cmd.deadlines), action: 'create', actor: cmd.actor });
      }),
    { validator: checkCreate },
  );

  setHandler(
    saveGroupInfoUpdate,
    (cmd) =>
      exclusive(async () => {
        checkSave(cmd);
        const info = checkInfo(cmd.info);
        // New dates move the deadlines (the timers follow them in the main loop).
        return project({ info, deadlines: deadlinesFor(info, cmd.deadlines), action: 'update', actor: cmd.actor });
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
          const problems = await groupPublishReadiness({ groupId: input.groupId, institutionId: input.institutionId, programmeId: input.programmeId });
          if (problems.length > 0) fail(ErrorCode.TransitionNotAllowed, problems.join(' '));
        }
        if (cmd.to === GroupStatus.InDelivery && patched('delivery-readiness-check')) {
          // OQ-12, PROG-18: contract signing starts with "Vykdoma", so what publishing required is checked again.
          const problems = await groupPublishReadiness({ groupId: input.groupId, institutionId: input.institutionId, programmeId: input.programmeId });
          if (problems.length > 0) fail(ErrorCode.TransitionNotAllowed, `Grupės būsenos pakeisti į „Vykdoma“ negalima: ${problems.join(' ')}`);
        }
        const reason = checkStatusReason(cmd.to, cmd.reason);
        return project({
          status: cmd.to,
          action: 'status',
          actor: cmd.actor,
          statusReason: reason.ok ? reason.reason : null,
          ...entering(cmd.to),
        });
      }),
    { validator: checkStatusChange },
  );

  const newRegistration = (cmd: RegisterParticipantCommand) => ({
    id: cmd.registrationId,
    personKey: cmd.person.personKey,
    firstName: cmd.person.firstName,
    lastName: cmd.person.lastName,
    email: cmd.person.email,
    phone: cmd.person.phone ?? null,
    funding: cmd.funding,
    participantId: cmd.person.participantId ?? null,
  });
  const registered = (cmd: RegisterParticipantCommand) => ({ personKey: cmd.person.personKey, status: RegistrationStatus.Registered, funding: cmd.funding });
  const registrationResult = (registrationId: string): RegistrationResult => ({
    registrationId,
    status: registrations[registrationId]!.status,
    activeRegistrations: state.activeRegistrations,
  });

  // Group commit: registrations that arrive together are checked one by one against the running
  // count and written by one projection, so a burst costs one activity per batch, not per person.
  const waiting: { cmd: RegisterParticipantCommand; resolve: (r: RegistrationResult) => void; reject: (e: unknown) => void }[] = [];
  let flushQueued = false;
  const MAX_BATCH = 200;

  async function flushRegistrations(): Promise<void> {
    flushQueued = false;
    const taken = waiting.splice(0, MAX_BATCH);
    if (waiting.length > 0) queueFlush();
    const batch: Batch = { active: 0, persons: new Set(), ids: new Set() };
    const accepted: typeof taken = [];
    const repeated: typeof taken = [];
    for (const w of taken) {
      try {
        checkRegistration(w.cmd, batch);
      } catch (err) {
        w.reject(err);
        continue;
      }
      if (registrations[w.cmd.registrationId] || batch.ids.has(w.cmd.registrationId)) {
        repeated.push(w);
        continue;
      }
      batch.active++;
      batch.persons.add(w.cmd.person.personKey);
      batch.ids.add(w.cmd.registrationId);
      accepted.push(w);
    }
    if (accepted.length > 0) {
      try {
        await project({
          action: 'registration',
          actor: { system: 'P1' },
          newRegistrations: accepted.map((w) => newRegistration(w.cmd)),
          registrationStatuses: Object.fromEntries(accepted.map((w) => [w.cmd.registrationId, registered(w.cmd)])),
        });
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


  function checkLift(cmd: LiftSuspensionCommand): GroupStatus {
    if (state.status !== GroupStatus.Suspended) fail(ErrorCode.TransitionNotAllowed, 'Grupė nėra sustabdyta.');
    if (!state.statusBeforeSuspension) fail(ErrorCode.TransitionNotAllowed, 'Nežinoma, kokia buvo grupės būsena prieš sustabdymą.');
    if (!cmd.operator?.trim() || !cmd.reason?.trim()) fail(ErrorCode.InvalidInput, 'Nurodykite operatorių ir sustabdymo atšaukimo priežastį.');
    return state.statusBeforeSuspension;
  }

  setHandler(
    liftSuspensionUpdate,
    (cmd) =>
      exclusive(async () => {
        const to = checkLift(cmd);
        // The deadlines that passed while suspended are handled at once by the main loop.
        return project({ status: to, action: 'status', actor: { system: `G11: ${cmd.operator.trim()} – ${cmd.reason.trim()}` }, statusReason: null, set: { statusBeforeSuspension: null } });
      }),
    { validator: (cmd) => void checkLift(cmd) },
  );

  setHandler(
    registerParticipantUpdate,
    (cmd): Promise<RegistrationResult> => {
      if (patched('registration-batches')) {
        return new Promise<RegistrationResult>((resolve, reject) => {
          waiting.push({ cmd, resolve, reject });
          queueFlush();
        });
      }
      return exclusive(async () => {
        checkRegistration(cmd);
        if (!registrations[cmd.registrationId]) {
          await project({
            action: 'registration',
            actor: { system: 'P1' },
            newRegistration: newRegistration(cmd),
            registrationStatuses: { [cmd.registrationId]: registered(cmd) },
          });
        }
        return registrationResult(cmd.registrationId);
      });
    },
    { validator: (cmd) => checkRegistration(cmd) },
  );

  setHandler(
    withdrawRegistrationUpdate,
    (cmd): Promise<RegistrationResult> =>
      exclusive(async () => {
        checkWithdrawal(cmd);
        const r = registrations[cmd.registrationId]!;
        if (r.status !== RegistrationStatus.Withdrawn) {
          await project({
            action: 'registration',
            actor: { system: 'withdrawal' },
            registrationChange: { ids: [cmd.registrationId], to: RegistrationStatus.Withdrawn, reason: null, notice: null },
            registrationStatuses: { [cmd.registrationId]: { ...r, status: RegistrationStatus.Withdrawn } },
          });
        }
        return { registrationId: cmd.registrationId, status: RegistrationStatus.Withdrawn, activeRegistrations: state.activeRegistrations };
      }),
    { validator: checkWithdrawal },
  );

  /** The state a decision leads to, or null when the registration is already there (a repeated command). */
  function checkDecision(cmd: DecideRegistrationCommand): RegistrationStatus | null {
    checkActor(cmd.actor);
    const r = registrations[cmd.registrationId];
    if (!r) fail(ErrorCode.NotFound, 'Tokios registracijos šioje grupėje nėra.');
    const target = { APPROVE: RegistrationStatus.Approved, REJECT: RegistrationStatus.Rejected, REMOVE: RegistrationStatus.Removed }[cmd.decision];
    if (r.status === target) return null;
    const decision = registrationDecisionRefusal({
      decision: cmd.decision,
      registrationStatus: r.status,
      groupStatus: state.status,
      programmeStarted: progress.programmeStarted,
      reason: cmd.reason,
    });
    if (decision) fail(decision.code === 'input' ? ErrorCode.InvalidInput : ErrorCode.RegistrationRefused, decision.message, decision.code === 'input' ? { reason: decision.message } : undefined);
    return target;
  }

  setHandler(
    decideRegistrationUpdate,
    (cmd): Promise<RegistrationResult> =>
      exclusive(async () => {
        const to = checkDecision(cmd);
        const r = registrations[cmd.registrationId]!;
        if (to) {
          const notice = to === RegistrationStatus.Approved ? 'APPROVED' : to === RegistrationStatus.Rejected ? 'REJECTED' : 'REMOVED';
          // PART-12: approved while "Vykdoma", the contract invitation goes out now (a UŽT one once its coupon is approved).
          const invite = to === RegistrationStatus.Approved && state.status === GroupStatus.InDelivery && r.funding !== 'UZT';
          await project({
            action: 'registration',
            actor: cmd.actor,
            registrationChange: {
              ids: [cmd.registrationId],
              to,
              reason: to === RegistrationStatus.Removed ? (cmd.reason ?? '').trim() : null,
              notice,
              decidedBy: cmd.actor.userId,
            },
            registrationStatuses: { [cmd.registrationId]: { ...r, status: to } },
            ...(invite ? { inviteIds: [cmd.registrationId] } : {}),
          });
        }
        return { registrationId: cmd.registrationId, status: registrations[cmd.registrationId]!.status, activeRegistrations: state.activeRegistrations };
      }),
    { validator: (cmd) => void checkDecision(cmd) },
  );

  setHandler(registrationCancelledSignal, (event) =>
    exclusive(async () => {
      const r = registrations[event.registrationId];
      if (!r || !isActiveRegistration(r.status)) return;
      await project({
        action: 'registration',
        actor: { system: 'C4' },
        registrationChange: { ids: [event.registrationId], to: RegistrationStatus.Cancelled, reason: event.reason, notice: 'COUPON_REJECTED' },
        registrationStatuses: { [event.registrationId]: { ...r, status: RegistrationStatus.Cancelled } },
      });
    }).catch((err: unknown) => log.error('cancellation not projected', { error: String(err) })),
  );

  setHandler(couponApprovedSignal, (event) =>
    exclusive(async () => {
      const r = registrations[event.registrationId];
      if (!r || r.status !== RegistrationStatus.Approved || state.status !== GroupStatus.InDelivery || progress.programmeStarted) return;
      await project({ action: 'registration', actor: { system: 'C3' }, inviteIds: [event.registrationId] });
    }).catch((err: unknown) => log.error('coupon approval not projected', { error: String(err) })),
  );

  // Events from the contract and completion lifecycles. A signal cannot be refused: one that does
  // not fit the group's state is logged and ignored, never allowed to fail the workflow.
  setHandler(contractSignedSignal, (event) =>
    exclusive(async () => {
      const r = registrations[event.registrationId];
      if (!r || r.status === RegistrationStatus.Contracted) return;
      if (state.status !== GroupStatus.InDelivery || !isActiveRegistration(r.status) || progress.programmeStarted) {
        log.warn('contract signature ignored', { registrationId: event.registrationId, status: state.status });
        return;
      }
      await project({
        action: 'contract',
        actor: { system: 'S0' },
        registrationChange: { ids: [event.registrationId], to: RegistrationStatus.Contracted, reason: null, notice: null },
        registrationStatuses: { [event.registrationId]: { ...r, status: RegistrationStatus.Contracted } },
      });
    }).catch((err: unknown) => log.error('contract signature not projected', { error: String(err) })),
  );

  setHandler(completionRecordedSignal, (event) =>
    exclusive(async () => {
      if (state.status !== GroupStatus.InDelivery || state.completionRecordedAt) return;
      await project({ action: 'completion', actor: { system: 'DONE' }, set: { completionRecordedAt: event.recordedAt } });
    }).catch((err: unknown) => log.error('completion not projected', { error: String(err) })),
  );

  /** The group's automatic transitions (G4, G7), under the lock; a deadline no longer due does nothing. */
  async function onDeadline(kind: DeadlineKind): Promise<void> {
    const due = nextDeadline(state.status, state.deadlines!, progress);
    if (!due || due.kind !== kind || due.at > now()) return;
    const info = state.info!;
    if (kind === 'registrationEnd') {
      if (atRegistrationEnd(state.activeRegistrations, info.minParticipants) === 'deliver') {
        // G4, GRP-31: the minimum is reached: "Vykdoma", contract signing starts.
        await project({ status: GroupStatus.InDelivery, action: 'status', actor: { system: 'G4' }, ...entering(GroupStatus.InDelivery) });
      } else {
        // GRP-32: the provider decides "Vykdoma" or "Nevykdoma" before delivery starts.
        await project({
          action: 'deadline',
          actor: { system: 'G4' },
          set: { decisionDueAt: state.deadlines!.programmeStartsAt },
          progress: { registrationClosed: true },
        });
      }
      return;
    }
    const started = { registrationClosed: true, programmeStarted: true };
    if (atProgrammeStart(state.status, state.signedContracts ?? 0) === 'not-delivered') {
      // G7, GRP-42: no contract signed by both parties: "Nevykdoma", everyone deregistered and told.
      await project({ status: GroupStatus.NotDelivered, action: 'status', actor: { system: 'G7' }, ...entering(GroupStatus.NotDelivered), progress: started });
    } else {
      // CON-6: participants without a signed contract are deregistered; the group goes ahead.
      await project({
        action: 'deadline',
        actor: { system: 'G7' },
        ...deregister(RegistrationStatus.DeregisteredNoContract, (s) => s === RegistrationStatus.Contracted, 'NO_CONTRACT'),
        progress: started,
      });
    }
  }

  /** Delivers queued e-mails in bounded waves, outside the lock, so a slow SMTP server blocks no command. */
  let mailing = false;
  async function deliverPendingEmails(): Promise<void> {
    for (;;) {
      await condition(() => pendingEmails.length > 0);
      mailing = true;
      const wave = pendingEmails.slice(0, MAIL_WAVE);
      await Promise.all(
        wave.map((id) => mail.deliverEmail(id).catch((err: unknown) => log.error('e-mail not delivered', { outboxId: id, error: String(err) }))),
      );
      pendingEmails.splice(0, wave.length);
      mailing = false;
    }
  }

  // A start whose create command was refused leaves nothing behind.
  if (!state.created && !(await condition(() => state.created, CREATE_WINDOW))) return state.status;

  if (!patched(LIFECYCLE_PATCH)) {
    // Groups started before the lifecycle timers: the lifecycle ends in "Užbaigta" or "Nevykdoma".
    await condition(() => isFinal(state.status) && allHandlersFinished());
    return state.status;
  }

  void deliverPendingEmails();
  const historyLimit = input.historyEventLimit;
  const shouldContinueAsNew = () => workflowInfo().continueAsNewSuggested || (historyLimit !== undefined && workflowInfo().historyLength >= historyLimit);
  const settled = () => allHandlersFinished() && pendingEmails.length === 0 && !mailing;

  for (;;) {
    if (isFinal(state.status) && settled()) return state.status;
    if (shouldContinueAsNew() && settled()) {
      await continueAsNew<typeof trainingGroupWorkflow>({ ...input, resume: state });
    }
    const due = nextDeadline(state.status, state.deadlines!, progress);
    const seenVersion = state.version;
    const wake = () =>
      state.version !== seenVersion || (isFinal(state.status) && settled()) || (shouldContinueAsNew() && settled());
    const waitMs = due ? due.at - now() : undefined;
    if (waitMs !== undefined && waitMs <= 0) {
      await exclusive(() => onDeadline(due!.kind));
      continue;
    }
    const woken = await condition(wake, waitMs);
    if (!woken && due) await exclusive(() => onDeadline(due.kind));
  }
}
