// Web → Invoice:<invoiceId> (L8) for the funder's invoice evaluator (INV-17): each decision button is
// one Update with the form's key as its updateId, so a double submit decides once — "Vertinti" (I3),
// "Grąžinti papildymui" (I4, comment), "Atmesti" (I7, reason), "Perduoti apmokėti" (I8).
import {
  rejectInvoiceUpdate,
  returnInvoiceUpdate,
  takeForEvaluationUpdate,
  transferForPaymentUpdate,
  type EvaluatorActor,
  type InvoiceCommandResult,
} from '../workflows/invoice/messages.ts';
import { invoiceWorkflowId } from '../workflows/ids.ts';
import type { CommandResult } from './errors.ts';
import { completionOf } from './errors.ts';
import { withinDeadline, type GroupCommandTarget } from './group-commands.ts';

/** The evaluator's decisions, as the page's buttons name them (the form field `action`). */
export type EvaluatorDecision =
  { action: 'TAKE' } | { action: 'RETURN'; comment: string } | { action: 'REJECT'; reason: string } | { action: 'TRANSFER' };

export function decideInvoice(
  t: GroupCommandTarget,
  a: { invoiceId: string; actor: EvaluatorActor; decision: EvaluatorDecision; idempotencyKey: string },
): Promise<CommandResult<InvoiceCommandResult>> {
  const handle = t.temporal.workflow.getHandle(invoiceWorkflowId(a.invoiceId));
  const options = { updateId: a.idempotencyKey, waitForStage: 'ACCEPTED' as const };
  const d = a.decision;
  return withinDeadline(t, () => {
    switch (d.action) {
      case 'TAKE':
        return completionOf(handle.startUpdate(takeForEvaluationUpdate, { ...options, args: [{ actor: a.actor }] }));
      case 'RETURN':
        return completionOf(handle.startUpdate(returnInvoiceUpdate, { ...options, args: [{ actor: a.actor, comment: d.comment }] }));
      case 'REJECT':
        return completionOf(handle.startUpdate(rejectInvoiceUpdate, { ...options, args: [{ actor: a.actor, reason: d.reason }] }));
      case 'TRANSFER':
        return completionOf(handle.startUpdate(transferForPaymentUpdate, { ...options, args: [{ actor: a.actor }] }));
    }
  });
}
