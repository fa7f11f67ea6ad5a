// Web → UztSettlement:<registrationId> (§3.13). One user action is one Update with the form's key as
// its updateId and as the submission's id: update-with-start, so a client whose coupon was approved
// before the coupon workflow started this one (or whose workflow has ended) still gets one — the
// workflow's input comes from the coupon's row, as the coupon workflow would give it.
import { WithStartWorkflowOperation } from '@temporalio/client';
import { uztSettlementWorkflowId } from '../workflows/ids.ts';
import { summary } from '../workflows/operator-details.ts';
import { InstitutionIdKey } from '../workflows/search-attributes.ts';
import {
  submitSettlementDocumentUpdate,
  type SubmitSettlementDocumentCommand,
  type UztSettlementInput,
} from '../workflows/uzt-settlement/messages.ts';
import type { uztSettlementWorkflow } from '../workflows/uzt-settlement/workflow.ts';
import { completionOf } from './errors.ts';
import { withinDeadline, type GroupCommandTarget } from './group-commands.ts';

/** S1: submits a settlement document (UZTDOC-2..UZTDOC-7); answers once its row is written. */
export function submitSettlementDocument(
  t: GroupCommandTarget,
  a: { input: UztSettlementInput; command: SubmitSettlementDocumentCommand },
) {
  const start = new WithStartWorkflowOperation<typeof uztSettlementWorkflow>('uztSettlementWorkflow', {
    workflowId: uztSettlementWorkflowId(a.input.registrationId),
    taskQueue: t.taskQueue,
    workflowIdConflictPolicy: 'USE_EXISTING',
    args: [a.input],
    typedSearchAttributes: [{ key: InstitutionIdKey, value: a.input.institutionId }],
    staticSummary: summary('UŽT atsiskaitomieji dokumentai', `kuponas ${a.input.couponNumber}`),
    staticDetails: `Registracija ${a.input.registrationId}; grupė TrainingGroup:${a.input.groupId}; priemonė ${a.input.measureStart} – ${a.input.measureEnd}`,
  });
  return withinDeadline(t, () =>
    completionOf(
      t.temporal.workflow.startUpdateWithStart(submitSettlementDocumentUpdate, {
        args: [a.command],
        updateId: a.command.submissionId,
        startWorkflowOperation: start,
        waitForStage: 'ACCEPTED',
      }),
    ),
  );
}
