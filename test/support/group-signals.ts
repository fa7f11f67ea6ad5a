// For workflow tests of lifecycles that tell their group (coupons, contracts): a group workflow that
// only waits for its create command, and the signals it has received, read from its history.
import type { Client, WorkflowHandle } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { trainingGroupWorkflowId } from '../../workflows/ids.ts';
import type { trainingGroupWorkflow } from '../../workflows/training-group/workflow.ts';

/** A TrainingGroup workflow waiting for its create command: it receives signals, does nothing else. */
export function startListeningGroup(client: Client, taskQueue: string, groupId: string, institutionId: string) {
  return client.workflow.start<typeof trainingGroupWorkflow>('trainingGroupWorkflow', {
    workflowId: trainingGroupWorkflowId(groupId),
    taskQueue,
    args: [{ groupId, institutionId, programmeId: crypto.randomUUID(), programmeCode: 'P1', programmeName: 'Programa' }],
  });
}

/** The signals a workflow has received, in order, with their decoded input. */
export async function signalsOf(handle: WorkflowHandle): Promise<{ name: string; input: unknown }[]> {
  const history = await handle.fetchHistory();
  return (history.events ?? [])
    .filter((e) => e.workflowExecutionSignaledEventAttributes)
    .map((e) => ({
      name: e.workflowExecutionSignaledEventAttributes!.signalName!,
      input: defaultPayloadConverter.fromPayload(e.workflowExecutionSignaledEventAttributes!.input!.payloads![0]!),
    }));
}
