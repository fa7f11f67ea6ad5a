// Web → TrainingGroup workflow. Every command is an Update whose updateId is the form's
// idempotency key, so a double submit is done once; refusals come back as CommandFailure.
import { WithStartWorkflowOperation, type Client } from '@temporalio/client';
import type { Programme } from '../db/schema.ts';
import type { GroupInfo } from '../workflows/domain/group-info.ts';
import { GroupStatus } from '../workflows/domain/group-status.ts';
import { trainingGroupWorkflowId } from '../workflows/ids.ts';
import { GroupStatusKey, InstitutionIdKey, ProgrammeCodeKey } from '../workflows/search-attributes.ts';
import {
  changeGroupStatusUpdate,
  createGroupUpdate,
  saveGroupInfoUpdate,
  type Actor,
  type GroupCommandResult,
} from '../workflows/training-group/messages.ts';
import type { trainingGroupWorkflow } from '../workflows/training-group/workflow.ts';
import { runCommand, type CommandResult } from './errors.ts';

export interface GroupCommandTarget {
  temporal: Client;
  taskQueue: string;
}

/** "Sukurti naują mokymo grupę": starts TrainingGroup:<groupId> and creates the group in one call. */
export function createGroup(
  t: GroupCommandTarget,
  args: { groupId: string; programme: Programme; info: GroupInfo; actor: Actor },
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
  });
  return runCommand(() =>
    t.temporal.workflow.executeUpdateWithStart(createGroupUpdate, {
      args: [{ actor: args.actor, info: args.info }],
      updateId: args.groupId,
      startWorkflowOperation: start,
    }),
  );
}

export function saveGroupInfo(
  t: GroupCommandTarget,
  args: { groupId: string; info: GroupInfo; actor: Actor; idempotencyKey: string },
): Promise<CommandResult<GroupCommandResult>> {
  const handle = t.temporal.workflow.getHandle(trainingGroupWorkflowId(args.groupId));
  return runCommand(() =>
    handle.executeUpdate(saveGroupInfoUpdate, { args: [{ actor: args.actor, info: args.info }], updateId: args.idempotencyKey }),
  );
}

export function changeGroupStatus(
  t: GroupCommandTarget,
  args: { groupId: string; to: GroupStatus; actor: Actor; idempotencyKey: string },
): Promise<CommandResult<GroupCommandResult>> {
  const handle = t.temporal.workflow.getHandle(trainingGroupWorkflowId(args.groupId));
  return runCommand(() =>
    handle.executeUpdate(changeGroupStatusUpdate, { args: [{ actor: args.actor, to: args.to }], updateId: args.idempotencyKey }),
  );
}
