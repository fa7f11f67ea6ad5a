// Web → ContractBatchSigning:<batchId> (CON-5, CON-20): "Pasirašyti pažymėtas" is one Update that
// starts the batch's workflow (update-with-start, the form's key as the batch id and in the updateId,
// so a replayed POST gets the same session), and the gateway's return is one Update of the same
// workflow. The batch signals the contracts itself.
import { WithStartWorkflowOperation } from '@temporalio/client';
import {
  openContractBatchUpdate,
  returnContractBatchUpdate,
  type BatchSigner,
  type ContractBatchInput,
} from '../workflows/contract-batch-signing/messages.ts';
import type { contractBatchSigningWorkflow } from '../workflows/contract-batch-signing/workflow.ts';
import { contractBatchSigningWorkflowId } from '../workflows/ids.ts';
import { summary } from '../workflows/operator-details.ts';
import { InstitutionIdKey } from '../workflows/search-attributes.ts';
import { completionOf } from './errors.ts';
import { withinDeadline, type GroupCommandTarget } from './group-commands.ts';

export function openContractBatch(
  t: GroupCommandTarget,
  a: { input: ContractBatchInput; signer: BatchSigner; contractIds: string[]; returnUrl: string; groupName: string },
) {
  const start = new WithStartWorkflowOperation<typeof contractBatchSigningWorkflow>('contractBatchSigningWorkflow', {
    workflowId: contractBatchSigningWorkflowId(a.input.batchId),
    taskQueue: t.taskQueue,
    workflowIdConflictPolicy: 'USE_EXISTING',
    // A batch that has ended is never started again under its key: a replayed POST opens no new session.
    workflowIdReusePolicy: 'REJECT_DUPLICATE',
    args: [a.input],
    typedSearchAttributes: [{ key: InstitutionIdKey, value: a.input.institutionId }],
    staticSummary: summary('Paketinis sutarčių pasirašymas', `grupė „${a.groupName}“`, `${a.contractIds.length} sut.`, a.signer.name),
    staticDetails: `Grupė ${a.groupName} (${a.input.groupId}); pasirašo ${a.signer.name}; pažymėta sutarčių: ${a.contractIds.length}`,
  });
  return withinDeadline(t, () =>
    completionOf(
      t.temporal.workflow.startUpdateWithStart(openContractBatchUpdate, {
        args: [{ signer: a.signer, contractIds: a.contractIds, returnUrl: a.returnUrl }],
        updateId: `open:${a.input.batchId}`,
        startWorkflowOperation: start,
        waitForStage: 'ACCEPTED',
      }),
    ),
  );
}

export function returnToContractBatch(
  t: GroupCommandTarget,
  a: { batchId: string; institutionId: string; userId: string; sessionId: string; status: string },
) {
  const handle = t.temporal.workflow.getHandle(contractBatchSigningWorkflowId(a.batchId));
  return withinDeadline(t, () =>
    completionOf(
      handle.startUpdate(returnContractBatchUpdate, {
        args: [{ institutionId: a.institutionId, userId: a.userId, sessionId: a.sessionId, status: a.status }],
        // The same return opened twice is one command.
        updateId: `return:${a.batchId}:${a.sessionId}:${a.status}`,
        waitForStage: 'ACCEPTED',
      }),
    ),
  );
}
