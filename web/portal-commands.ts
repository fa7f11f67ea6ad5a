// Web → TrainingGroup workflow, from the participants' portal: a registration (P1, PORTAL-3) and its
// withdrawal (P10, PORTAL-9) are Updates of TrainingGroup:<groupId>, so the group's count and
// maximum stay exact under concurrency (GRP-41, OQ-23). The registration's updateId is the form's
// idempotency key, which is also the new registration's id: a double submit registers once. A UŽT
// registration carries its coupon number, and the group starts the coupon's workflow (UZT-10).
import type { FundingSource } from '../workflows/domain/group-info.ts';
import { trainingGroupWorkflowId } from '../workflows/ids.ts';
import {
  registerParticipantUpdate,
  withdrawRegistrationUpdate,
  type RegisterParticipantCommand,
  type RegisteringPerson,
  type RegistrationResult,
} from '../workflows/training-group/messages.ts';
import { completionOf, type CommandResult } from './errors.ts';
import { withinDeadline, type GroupCommandTarget } from './group-commands.ts';

export function registerParticipant(
  t: GroupCommandTarget,
  a: {
    groupId: string;
    registrationId: string;
    person: RegisteringPerson;
    funding: FundingSource;
    coupon?: RegisterParticipantCommand['coupon'];
  },
): Promise<CommandResult<RegistrationResult>> {
  const handle = t.temporal.workflow.getHandle(trainingGroupWorkflowId(a.groupId));
  const command = { registrationId: a.registrationId, person: a.person, funding: a.funding, ...(a.coupon ? { coupon: a.coupon } : {}) };
  return withinDeadline(t, () =>
    completionOf(handle.startUpdate(registerParticipantUpdate, { args: [command], updateId: a.registrationId, waitForStage: 'ACCEPTED' })),
  );
}

export function withdrawRegistration(
  t: GroupCommandTarget,
  a: { groupId: string; registrationId: string; personKey: string; idempotencyKey: string },
): Promise<CommandResult<RegistrationResult>> {
  const handle = t.temporal.workflow.getHandle(trainingGroupWorkflowId(a.groupId));
  const command = { registrationId: a.registrationId, personKey: a.personKey };
  return withinDeadline(t, () =>
    completionOf(handle.startUpdate(withdrawRegistrationUpdate, { args: [command], updateId: a.idempotencyKey, waitForStage: 'ACCEPTED' })),
  );
}
