// Web → Invoice:<invoiceId> (L8). One user action is one Update with the form's key as its updateId
// (a double submit does it once): the provider's submission starts the workflow (update-with-start,
// I1), the deletion (I2, I6) and the corrected resubmission (I5, INV-18) are Updates of it. The PDF is
// stored (checked, web/uploads.ts) before the Update, which carries the stored file's id.
import { WithStartWorkflowOperation } from '@temporalio/client';
import {
  deleteInvoiceUpdate,
  resubmitInvoiceUpdate,
  submitInvoiceUpdate,
  type DeleteInvoiceCommand,
  type InvoiceInput,
  type ResubmitInvoiceCommand,
  type SubmitInvoiceCommand,
} from '../workflows/invoice/messages.ts';
import type { invoiceWorkflow } from '../workflows/invoice/workflow.ts';
import { invoiceWorkflowId } from '../workflows/ids.ts';
import { summary } from '../workflows/operator-details.ts';
import { InstitutionIdKey } from '../workflows/search-attributes.ts';
import { completionOf } from './errors.ts';
import { withinDeadline, type GroupCommandTarget } from './group-commands.ts';

/** I1: creates the invoice (update-with-start) with the ticked participants and the stored PDF (INV-8..INV-12). */
export function submitInvoice(
  t: GroupCommandTarget,
  a: { input: InvoiceInput; command: SubmitInvoiceCommand; idempotencyKey: string; describe: { institution: string; group: string } },
) {
  const start = new WithStartWorkflowOperation<typeof invoiceWorkflow>('invoiceWorkflow', {
    workflowId: invoiceWorkflowId(a.input.invoiceId),
    taskQueue: t.taskQueue,
    workflowIdConflictPolicy: 'USE_EXISTING',
    args: [a.input],
    typedSearchAttributes: [{ key: InstitutionIdKey, value: a.input.institutionId }],
    staticSummary: summary('Sąskaita faktūra', a.command.invoice.number, `grupė „${a.describe.group}“`, a.describe.institution),
    staticDetails: `Institucija ${a.describe.institution}; grupė ${a.describe.group} (${a.input.groupId}); sąskaitos faktūros ID ${a.input.invoiceId}`,
  });
  return withinDeadline(t, () =>
    completionOf(
      t.temporal.workflow.startUpdateWithStart(submitInvoiceUpdate, {
        args: [a.command],
        updateId: a.idempotencyKey,
        startWorkflowOperation: start,
        waitForStage: 'ACCEPTED',
      }),
    ),
  );
}

/** I2, I6: deletes the invoice ("Ištrinta" keeps the record, frees the participants; INV-16). */
export function deleteInvoice(t: GroupCommandTarget, a: { invoiceId: string; command: DeleteInvoiceCommand; idempotencyKey: string }) {
  const handle = t.temporal.workflow.getHandle(invoiceWorkflowId(a.invoiceId));
  return withinDeadline(t, () =>
    completionOf(handle.startUpdate(deleteInvoiceUpdate, { args: [a.command], updateId: a.idempotencyKey, waitForStage: 'ACCEPTED' })),
  );
}

/** I5: the corrected PDF, possibly another selection (INV-18). */
export function resubmitInvoice(t: GroupCommandTarget, a: { invoiceId: string; command: ResubmitInvoiceCommand; idempotencyKey: string }) {
  const handle = t.temporal.workflow.getHandle(invoiceWorkflowId(a.invoiceId));
  return withinDeadline(t, () =>
    completionOf(handle.startUpdate(resubmitInvoiceUpdate, { args: [a.command], updateId: a.idempotencyKey, waitForStage: 'ACCEPTED' })),
  );
}
