// The group's side of the UŽT coupon lifecycle (L4): the group is the one place a UŽT registration
// and the provider's decision on it arrive (one command each), so the group starts the coupon's
// workflow and tells it the provider's decision. Both are recorded in the group's history: a
// worker that dies in between does them after its restart, exactly once.
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { getExternalWorkflowHandle, log, ParentClosePolicy, startChild } from '@temporalio/workflow';
import { uztCouponWorkflowId } from '../ids.ts';
import { InstitutionIdKey } from '../search-attributes.ts';
import { providerApprovedSignal, providerRejectedSignal, type ProviderApprovedCommand } from '../uzt-coupon/messages.ts';
import type { uztCouponWorkflow } from '../uzt-coupon/workflow.ts';
import type { RegisterParticipantCommand, TrainingGroupInput } from './messages.ts';

/** C1: UztCoupon:<registrationId> starts for a UŽT registration the group accepted (UZT-10). */
export async function startCoupon(group: TrainingGroupInput, groupName: string, cmd: RegisterParticipantCommand): Promise<void> {
  if (!cmd.coupon || !cmd.person.participantId) return;
  try {
    await startChild<typeof uztCouponWorkflow>('uztCouponWorkflow', {
      workflowId: uztCouponWorkflowId(cmd.registrationId),
      args: [
        {
          registrationId: cmd.registrationId,
          groupId: group.groupId,
          institutionId: group.institutionId,
          participantId: cmd.person.participantId,
          couponNumber: cmd.coupon.number,
          ...(cmd.coupon.uztDecisionTimeoutMs ? { uztDecisionTimeoutMs: cmd.coupon.uztDecisionTimeoutMs } : {}),
        },
      ],
      // The coupon outlives a group that continues as new or ends; it signals the group by its ID.
      parentClosePolicy: ParentClosePolicy.ABANDON,
      typedSearchAttributes: [{ key: InstitutionIdKey, value: group.institutionId }],
      memo: { groupId: group.groupId, couponNumber: cmd.coupon.number },
      staticSummary: `UŽT kuponas ${cmd.coupon.number}: ${cmd.person.firstName} ${cmd.person.lastName}, grupė „${groupName}“`,
      staticDetails: `Programa ${group.programmeCode} ${group.programmeName}; grupė TrainingGroup:${group.groupId}`,
    });
  } catch (err) {
    // Started before (by a web of an earlier version): the coupon runs already.
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}

/** C2: the provider approved: Section II goes to UŽT (the coupon submits it). */
export async function couponApproved(registrationId: string, cmd: ProviderApprovedCommand): Promise<void> {
  await signalCoupon(registrationId, () =>
    getExternalWorkflowHandle(uztCouponWorkflowId(registrationId)).signal(providerApprovedSignal, cmd),
  );
}

/** C5: the provider rejected or removed the registration: the coupon ends without Section II. */
export async function couponRefused(registrationId: string, reason: string | null): Promise<void> {
  await signalCoupon(registrationId, () =>
    getExternalWorkflowHandle(uztCouponWorkflowId(registrationId)).signal(providerRejectedSignal, { reason }),
  );
}

async function signalCoupon(registrationId: string, send: () => Promise<void>): Promise<void> {
  try {
    await send();
  } catch (err) {
    // The coupon's lifecycle has ended (not found at UŽT, decided): it has nothing left to do.
    log.warn('coupon not signalled', { registrationId, error: String(err) });
  }
}
