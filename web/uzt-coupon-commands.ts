// Web → UztCoupon workflow (L4). The participant portal starts it when a UŽT-funded registration
// is accepted; the provider's "tvirtina / atmeta" and the Employment Service's decision reach it as
// an Update (updateId = the form's idempotency key) or a Signal.
import type { Client } from '@temporalio/client';
import { uztCouponWorkflowId } from '../workflows/ids.ts';
import { InstitutionIdKey } from '../workflows/search-attributes.ts';
import {
  providerApprovedUpdate,
  providerRejectedSignal,
  uztDecisionUpdate,
  type CouponSectionII,
  type UztCouponState,
  type UztDecisionCommand,
} from '../workflows/uzt-coupon/messages.ts';
import { runCommand, type CommandResult } from './errors.ts';

export interface UztCouponTarget {
  temporal: Client;
  taskQueue: string;
  /** How long a page waits for a command before it answers 503. */
  timeoutMs: number;
  /** UŽT's time to decide after Section II (default in the workflow: 30 days). */
  uztDecisionTimeoutMs?: number;
}

function withinDeadline<T>(t: UztCouponTarget, send: () => Promise<T>): Promise<CommandResult<T>> {
  return runCommand(() => t.temporal.connection.withDeadline(Date.now() + t.timeoutMs, send));
}

/**
 * C1: starts UztCoupon:<registrationId>, which fetches the coupon's Section I from UŽT and stores it.
 * Idempotent: a second call for the same registration finds the running (or finished) workflow.
 * `couponNumber` is the number the participant gave; the coupon must be theirs.
 */
export function startUztCoupon(
  target: UztCouponTarget,
  input: { registrationId: string; groupId: string; institutionId: string; participantId: string; couponNumber: string },
): Promise<CommandResult<void>> {
  return withinDeadline(target, async () => {
    await target.temporal.workflow.start('uztCouponWorkflow', {
      workflowId: uztCouponWorkflowId(input.registrationId),
      taskQueue: target.taskQueue,
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      args: [{ ...input, ...(target.uztDecisionTimeoutMs ? { uztDecisionTimeoutMs: target.uztDecisionTimeoutMs } : {}) }],
      typedSearchAttributes: [{ key: InstitutionIdKey, value: input.institutionId }],
      memo: { groupId: input.groupId, couponNumber: input.couponNumber },
    });
  });
}

/** C2: the provider approved a UŽT registration; Section II goes to UŽT. */
export function approveCouponByProvider(
  t: UztCouponTarget,
  a: { registrationId: string; userId: string; institutionId: string; sectionII: CouponSectionII; idempotencyKey: string },
): Promise<CommandResult<UztCouponState>> {
  const handle = t.temporal.workflow.getHandle(uztCouponWorkflowId(a.registrationId));
  const command = { userId: a.userId, institutionId: a.institutionId, sectionII: a.sectionII };
  return withinDeadline(t, () => handle.executeUpdate(providerApprovedUpdate, { args: [command], updateId: a.idempotencyKey }));
}

/** C5: the provider rejected or removed the registration: the coupon ends without Section II. */
export function rejectCouponByProvider(t: UztCouponTarget, a: { registrationId: string; reason: string | null }): Promise<CommandResult<void>> {
  const handle = t.temporal.workflow.getHandle(uztCouponWorkflowId(a.registrationId));
  return withinDeadline(t, () => handle.signal(providerRejectedSignal, { reason: a.reason }));
}

/** C3/C4: the Employment Service's officer decides. */
export function decideCouponByUzt(
  t: UztCouponTarget,
  a: { registrationId: string; decision: UztDecisionCommand; idempotencyKey: string },
): Promise<CommandResult<UztCouponState>> {
  const handle = t.temporal.workflow.getHandle(uztCouponWorkflowId(a.registrationId));
  return withinDeadline(t, () => handle.executeUpdate(uztDecisionUpdate, { args: [a.decision], updateId: a.idempotencyKey }));
}
