// Web → the participant's completion (issue 13, L6): a mark of "Mokymų baigimas" is one Update
// recordCompletionMark to her LearningContract:<id> workflow (the form's key as updateId: a double
// submit marks once); ticked rows marked at once are one Update that starts CompletionBatch:<key>
// (update-with-start), which sends each contract its own Update.
import { WithStartWorkflowOperation } from '@temporalio/client';
import type { CompletionAction } from '../workflows/domain/completion.ts';
import { COMPLETION_ACTION_LABELS } from '../workflows/domain/completion-tab.ts';
import { markCompletionBatchUpdate, type CompletionBatchInput } from '../workflows/completion-batch/messages.ts';
import type { completionBatchWorkflow } from '../workflows/completion-batch/workflow.ts';
import { completionBatchWorkflowId, learningContractWorkflowId } from '../workflows/ids.ts';
import { recordCompletionMarkUpdate, type CompletionMarkCommand } from '../workflows/learning-contract/messages.ts';
import { summary } from '../workflows/operator-details.ts';
import { InstitutionIdKey } from '../workflows/search-attributes.ts';
import { completionOf } from './errors.ts';
import { withinDeadline, type GroupCommandTarget } from './group-commands.ts';

/** "Mokymus pradėjo", "Mokymus baigė", the assessment or "Patvirtinti" for one participant. */
export function recordCompletionMark(t: GroupCommandTarget, a: { contractId: string; command: CompletionMarkCommand; key: string }) {
  const handle = t.temporal.workflow.getHandle(learningContractWorkflowId(a.contractId));
  return withinDeadline(t, () =>
    completionOf(handle.startUpdate(recordCompletionMarkUpdate, { args: [a.command], updateId: a.key, waitForStage: 'ACCEPTED' })),
  );
}

/** The ticked participants marked at once: one command to CompletionBatch:<form key>, answered with a row each. */
export function markCompletionBatch(
  t: GroupCommandTarget,
  a: { input: CompletionBatchInput; action: CompletionAction; contractIds: string[]; groupName: string },
) {
  const start = new WithStartWorkflowOperation<typeof completionBatchWorkflow>('completionBatchWorkflow', {
    workflowId: completionBatchWorkflowId(a.input.batchId),
    taskQueue: t.taskQueue,
    workflowIdConflictPolicy: 'USE_EXISTING',
    args: [a.input],
    typedSearchAttributes: [{ key: InstitutionIdKey, value: a.input.institutionId }],
    staticSummary: summary(
      'Mokymų baigimo žymos',
      `grupė „${a.groupName}“`,
      `„${COMPLETION_ACTION_LABELS[a.action]}“`,
      `${a.contractIds.length} dal.`,
    ),
    staticDetails: `Grupė ${a.groupName} (${a.input.groupId}); „${COMPLETION_ACTION_LABELS[a.action]}“ pažymėtiems: ${a.contractIds.length}`,
  });
  return withinDeadline(t, () =>
    completionOf(
      t.temporal.workflow.startUpdateWithStart(markCompletionBatchUpdate, {
        args: [{ userId: a.input.userId, institutionId: a.input.institutionId, action: a.action, contractIds: a.contractIds }],
        updateId: `mark:${a.input.batchId}`,
        startWorkflowOperation: start,
        waitForStage: 'ACCEPTED',
      }),
    ),
  );
}
