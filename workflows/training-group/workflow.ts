// TrainingGroup:<id> owns lifecycle L1 of one training group. Every provider action is an Update:
// the validator refuses what the rules forbid (nothing is recorded), the handler re-checks under
// the workflow's lock, projects the new state into Postgres through an activity (versioned, so a
// retried write is harmless) and only then changes its own state.
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  patched,
  proxyActivities,
  setHandler,
  upsertMemo,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { TrainingGroupActivities, TrainingGroupProjection } from '../../activities/training-group.ts';
import { vilniusDate } from '../domain/calendar.ts';
import { publishProblems, validateGroupInfo, type GroupInfo } from '../domain/group-info.ts';
import { checkProviderTransition, checkStatusReason, GroupStatus, isGroupInfoEditable } from '../domain/group-status.ts';
import { ErrorCode } from '../errors.ts';
import { GroupStatusKey } from '../search-attributes.ts';
import {
  changeGroupStatusUpdate,
  createGroupUpdate,
  groupStateQuery,
  saveGroupInfoUpdate,
  type Actor,
  type ChangeGroupStatusCommand,
  type CreateGroupCommand,
  type GroupCommandResult,
  type SaveGroupInfoCommand,
  type TrainingGroupInput,
  type TrainingGroupState,
} from './messages.ts';

const { projectTrainingGroup, groupPublishReadiness } = proxyActivities<TrainingGroupActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '10 seconds', nonRetryableErrorTypes: [ErrorCode.InvalidReference] },
});

/** How long a started workflow waits for its create command before it ends (a refused create). */
const CREATE_WINDOW = '5 minutes';

function fail(type: ErrorCode, message: string, details?: unknown): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true, details: details === undefined ? [] : [details] });
}

export async function trainingGroupWorkflow(input: TrainingGroupInput): Promise<GroupStatus> {
  const state: TrainingGroupState = {
    created: false,
    status: GroupStatus.Draft,
    version: 0,
    info: null,
    activeRegistrations: 0,
  };

  // Handlers run one at a time, so a check and the write it guards see the same state.
  let tail: Promise<unknown> = Promise.resolve();
  function exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = tail.then(fn);
    tail = run.catch(() => undefined);
    return run;
  }

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

  function checkCreate(cmd: CreateGroupCommand) {
    checkActor(cmd.actor);
    if (state.created) fail(ErrorCode.AlreadyCreated, 'Ši mokymo grupė jau sukurta.');
    checkInfo(cmd.info);
  }

  function checkSave(cmd: SaveGroupInfoCommand) {
    checkActor(cmd.actor);
    if (!state.created) fail(ErrorCode.NotCreated, 'Mokymo grupė dar nesukurta.');
    if (!isGroupInfoEditable(state.status)) {
      fail(ErrorCode.GroupNotEditable, `Grupės informacijos keisti negalima, kai grupės būsena yra „${state.status}“.`);
    }
    checkInfo(cmd.info);
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
    });
    if (!verdict.allowed) fail(ErrorCode.TransitionNotAllowed, verdict.reason);
    const reason = checkStatusReason(cmd.to, cmd.reason);
    if (!reason.ok) fail(ErrorCode.InvalidInput, reason.message, { reason: reason.message });
  }

  async function project(
    status: GroupStatus,
    info: GroupInfo,
    action: TrainingGroupProjection['action'],
    actor: Actor,
    /** Why the status changed, where the change needs a reason (a suspension). */
    statusReason: string | null = null,
  ): Promise<GroupCommandResult> {
    const version = state.version + 1;
    await projectTrainingGroup({
      groupId: input.groupId,
      institutionId: input.institutionId,
      programmeId: input.programmeId,
      version,
      status,
      info,
      action,
      actor,
      ...(statusReason ? { statusReason } : {}),
    });
    const statusChanged = status !== state.status || !state.created;
    Object.assign(state, { created: true, status, info, version });
    if (statusChanged) upsertSearchAttributes([{ key: GroupStatusKey, value: status }]);
    upsertMemo({ groupName: info.name });
    return { status, version };
  }

  setHandler(groupStateQuery, () => state);

  setHandler(
    createGroupUpdate,
    (cmd) =>
      exclusive(async () => {
        checkCreate(cmd);
        return project(GroupStatus.Draft, checkInfo(cmd.info), 'create', cmd.actor);
      }),
    { validator: checkCreate },
  );

  setHandler(
    saveGroupInfoUpdate,
    (cmd) =>
      exclusive(async () => {
        checkSave(cmd);
        return project(state.status, checkInfo(cmd.info), 'update', cmd.actor);
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
          // "Programos vykdymo ir sutarties informacija") is read from Postgres under the lock.
          const problems = await groupPublishReadiness({ groupId: input.groupId, institutionId: input.institutionId, programmeId: input.programmeId });
          if (problems.length > 0) fail(ErrorCode.TransitionNotAllowed, problems.join(' '));
        }
        const reason = checkStatusReason(cmd.to, cmd.reason);
        return project(cmd.to, state.info!, 'status', cmd.actor, reason.ok ? reason.reason : null);
      }),
    { validator: checkStatusChange },
  );

  // A start whose create command was refused leaves nothing behind.
  if (!(await condition(() => state.created, CREATE_WINDOW))) return state.status;

  // The lifecycle ends in "Užbaigta" or "Nevykdoma". ("Sustabdyta" can be lifted, so it waits.)
  await condition(
    () => (state.status === GroupStatus.Completed || state.status === GroupStatus.NotDelivered) && allHandlersFinished(),
  );
  return state.status;
}
