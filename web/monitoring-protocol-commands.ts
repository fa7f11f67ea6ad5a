// Web → MonitoringProtocol:<protocolId> (L7). One user action is one Update with the form's key as
// its updateId (a double submit does it once): the observer's first save starts the workflow
// (update-with-start), later saves and the release are Updates of it, and so is the provider's signature.
import { WithStartWorkflowOperation } from '@temporalio/client';
import {
  releaseProtocolUpdate,
  saveProtocolUpdate,
  signProtocolUpdate,
  type MonitoringProtocolInput,
  type ReleaseProtocolCommand,
  type SaveProtocolCommand,
  type SignProtocolCommand,
} from '../workflows/monitoring-protocol/messages.ts';
import type { monitoringProtocolWorkflow } from '../workflows/monitoring-protocol/workflow.ts';
import { monitoringProtocolWorkflowId } from '../workflows/ids.ts';
import { summary } from '../workflows/operator-details.ts';
import { InstitutionIdKey } from '../workflows/search-attributes.ts';
import { completionOf } from './errors.ts';
import { withinDeadline, type GroupCommandTarget } from './group-commands.ts';

/** M1: creates the protocol (update-with-start) or saves its draft again. */
export function saveProtocol(
  t: GroupCommandTarget,
  a: {
    input: MonitoringProtocolInput;
    command: SaveProtocolCommand;
    idempotencyKey: string;
    describe: { institution: string; group: string };
  },
) {
  const start = new WithStartWorkflowOperation<typeof monitoringProtocolWorkflow>('monitoringProtocolWorkflow', {
    workflowId: monitoringProtocolWorkflowId(a.input.protocolId),
    taskQueue: t.taskQueue,
    workflowIdConflictPolicy: 'USE_EXISTING',
    args: [a.input],
    typedSearchAttributes: [{ key: InstitutionIdKey, value: a.input.institutionId }],
    staticSummary: summary('KPMPC stebėsenos protokolas', `grupė „${a.describe.group}“`, a.describe.institution),
    staticDetails: `Institucija ${a.describe.institution}; grupė ${a.describe.group} (${a.input.groupId}); protokolo ID ${a.input.protocolId}`,
  });
  return withinDeadline(t, () =>
    completionOf(
      t.temporal.workflow.startUpdateWithStart(saveProtocolUpdate, {
        args: [a.command],
        updateId: a.idempotencyKey,
        startWorkflowOperation: start,
        waitForStage: 'ACCEPTED',
      }),
    ),
  );
}

/** M2: the observer releases the protocol to the provider. */
export function releaseProtocol(t: GroupCommandTarget, a: { protocolId: string; command: ReleaseProtocolCommand; idempotencyKey: string }) {
  const handle = t.temporal.workflow.getHandle(monitoringProtocolWorkflowId(a.protocolId));
  return withinDeadline(t, () =>
    completionOf(handle.startUpdate(releaseProtocolUpdate, { args: [a.command], updateId: a.idempotencyKey, waitForStage: 'ACCEPTED' })),
  );
}

/** M4: the provider signs (MON-3..MON-5, MON-9). */
export function signProtocol(t: GroupCommandTarget, a: { protocolId: string; command: SignProtocolCommand; idempotencyKey: string }) {
  const handle = t.temporal.workflow.getHandle(monitoringProtocolWorkflowId(a.protocolId));
  return withinDeadline(t, () =>
    completionOf(handle.startUpdate(signProtocolUpdate, { args: [a.command], updateId: a.idempotencyKey, waitForStage: 'ACCEPTED' })),
  );
}
