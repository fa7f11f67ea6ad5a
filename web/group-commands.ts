// Web → TrainingGroup workflow. Every command is an Update whose updateId is the form's
// idempotency key, so a double submit is done once; refusals come back as CommandFailure.
import { WithStartWorkflowOperation, type Client } from '@temporalio/client';
import type { Programme } from '../db/schema.ts';
import type { GroupInfo } from '../workflows/domain/group-info.ts';
import { GroupStatus } from '../workflows/domain/group-status.ts';
import { trainingGroupWorkflowId } from '../workflows/ids.ts';
import { summary } from '../workflows/operator-details.ts';
import { GroupStatusKey, InstitutionIdKey, ProgrammeCodeKey } from '../workflows/search-attributes.ts';
import {
  changeGroupStatusUpdate,
  createGroupUpdate,
  saveGroupInfoUpdate,
  type Actor,
  type GroupCommandResult,
} from '../workflows/training-group/messages.ts';
import type { trainingGroupWorkflow } from '../workflows/training-group/workflow.ts';
import { completionOf, runCommand, type CommandResult } from './errors.ts';

export interface GroupCommandTarget {
  temporal: Client;
  taskQueue: string;
  /** How long a page waits for a command before it answers 503 (a worker outage must not hang it). */
  timeoutMs: number;
}

/**
 * Runs a command within the target's timeout: 503 when Temporal did not take it (a worker outage
 * must not hang the page), 202 when the workflow accepted an Update sent through `completionOf` but
 * has not finished it (Postgres down under its activity): it is then completed, not lost.
 */
export function withinDeadline<T>(t: GroupCommandTarget, send: () => Promise<T>): Promise<CommandResult<T>> {
  return runCommand(() => t.temporal.connection.withDeadline(Date.now() + t.timeoutMs, send));
}

/** "Sukurti naują mokymo grupę": starts TrainingGroup:<groupId> and creates the group in one call. */
export function createGroup(
  t: GroupCommandTarget,
  args: { groupId: string; programme: Programme; info: GroupInfo; actor: Actor; institutionName?: string },
): Promise<CommandResult<GroupCommandResult>> {
  const start = new WithStartWorkflowOperation<typeof trainingGroupWorkflow>('trainingGroupWorkflow', {
    workflowId: trainingGroupWorkflowId(args.groupId),
    taskQueue: t.taskQueue,
    workflowIdConflictPolicy: 'USE_EXISTING',
    args: [
      {
        groupId: args.groupId,
        institutionId: args.actor.institutionId,
        programmeId: args.programme.id,
        programmeCode: args.programme.code,
        programmeName: args.programme.name,
      },
    ],
    typedSearchAttributes: [
      { key: InstitutionIdKey, value: args.actor.institutionId },
      { key: GroupStatusKey, value: GroupStatus.Draft },
      { key: ProgrammeCodeKey, value: args.programme.code },
    ],
    memo: { groupName: args.info.name, programme: `${args.programme.code} ${args.programme.name}` },
    // What an operator reads in the Temporal UI's list; the current details say what the group waits for.
    staticSummary: summary(`Mokymo grupė „${args.info.name}“`, `${args.programme.code} ${args.programme.name}`, args.institutionName),
    staticDetails: `Programa ${args.programme.code} ${args.programme.name}; institucija ${args.institutionName ?? args.actor.institutionId}; grupės ID ${args.groupId}`,
  });
  return withinDeadline(t, () =>
    completionOf(
      t.temporal.workflow.startUpdateWithStart(createGroupUpdate, {
        args: [{ actor: args.actor, info: args.info }],
        // The institution is part of the key: another institution's create with the same id is a new
        // command, which the workflow refuses (WrongInstitution), never the earlier one's answer.
        updateId: `${args.actor.institutionId}:${args.groupId}`,
        startWorkflowOperation: start,
        waitForStage: 'ACCEPTED',
      }),
    ),
  );
}

export function saveGroupInfo(
  t: GroupCommandTarget,
  args: { groupId: string; info: GroupInfo; actor: Actor; idempotencyKey: string },
): Promise<CommandResult<GroupCommandResult>> {
  const handle = t.temporal.workflow.getHandle(trainingGroupWorkflowId(args.groupId));
  return withinDeadline(t, () =>
    completionOf(
      handle.startUpdate(saveGroupInfoUpdate, {
        args: [{ actor: args.actor, info: args.info }],
        updateId: args.idempotencyKey,
        waitForStage: 'ACCEPTED',
      }),
    ),
  );
}

export function changeGroupStatus(
  t: GroupCommandTarget,
  args: { groupId: string; to: GroupStatus; actor: Actor; idempotencyKey: string; reason?: string },
): Promise<CommandResult<GroupCommandResult>> {
  const handle = t.temporal.workflow.getHandle(trainingGroupWorkflowId(args.groupId));
  const command = { actor: args.actor, to: args.to, ...(args.reason ? { reason: args.reason } : {}) };
  return withinDeadline(t, () =>
    // The panel's buttons share one form key: the target status makes each button its own command.
    completionOf(
      handle.startUpdate(changeGroupStatusUpdate, {
        args: [command],
        updateId: `${args.idempotencyKey}:${args.to}`,
        waitForStage: 'ACCEPTED',
      }),
    ),
  );
}
