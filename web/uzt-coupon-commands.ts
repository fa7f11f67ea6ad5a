// Web → UztCoupon workflow (L4): the Employment Service's decision (C3/C4) is an Update whose updateId
// is the form's idempotency key. The coupon is started (C1) and told the provider's decision (C2/C5)
// by the group workflow, inside the participant's registration and the provider's decideRegistration.
import { uztCouponWorkflowId } from '../workflows/ids.ts';
import { uztDecisionUpdate, type UztCouponState, type UztDecisionCommand } from '../workflows/uzt-coupon/messages.ts';
import { completionOf, type CommandResult } from './errors.ts';
import { withinDeadline, type GroupCommandTarget } from './group-commands.ts';

/** C3/C4: the Employment Service's officer decides. */
export function decideCouponByUzt(
  t: GroupCommandTarget,
  a: { registrationId: string; decision: UztDecisionCommand; idempotencyKey: string },
): Promise<CommandResult<UztCouponState>> {
  const handle = t.temporal.workflow.getHandle(uztCouponWorkflowId(a.registrationId));
  return withinDeadline(t, () =>
    completionOf(handle.startUpdate(uztDecisionUpdate, { args: [a.decision], updateId: a.idempotencyKey, waitForStage: 'ACCEPTED' })),
  );
}
