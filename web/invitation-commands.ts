// Web → UserInvitation workflow (L9). The form's idempotency key is the invitation id, so a double
// submit of "Įtraukti naują naudotoją" invites once.
import { WithStartWorkflowOperation, type Client } from '@temporalio/client';
import { InstitutionIdKey } from '../workflows/search-attributes.ts';
import { userInvitationWorkflowId } from '../workflows/ids.ts';
import {
  cancelUpdate,
  confirmUpdate,
  inviteUpdate,
  resendUpdate,
  type ConfirmCommand,
  type InvitationActor,
  type NewUserFields,
} from '../workflows/user-invitation/messages.ts';
import type { userInvitationWorkflow } from '../workflows/user-invitation/workflow.ts';
import type { Config } from '../worker/config.ts';
import { runCommand, type CommandResult } from './errors.ts';

export interface InvitationCommandTarget {
  temporal: Client;
  config: Config;
}

function withinDeadline<T>(t: InvitationCommandTarget, send: () => Promise<T>): Promise<CommandResult<T>> {
  return runCommand(() => t.temporal.connection.withDeadline(Date.now() + t.config.temporal.commandTimeoutMs, send));
}

/** U1: creates the invited user and queues the invitation e-mail. */
export function inviteUser(
  t: InvitationCommandTarget,
  a: { invitationId: string; actor: InvitationActor; user: NewUserFields },
): Promise<CommandResult<{ userId: string }>> {
  const start = new WithStartWorkflowOperation<typeof userInvitationWorkflow>('userInvitationWorkflow', {
    workflowId: userInvitationWorkflowId(a.invitationId),
    taskQueue: t.config.temporal.taskQueue,
    workflowIdConflictPolicy: 'USE_EXISTING',
    args: [
      {
        invitationId: a.invitationId,
        institutionId: a.actor.institutionId,
        validSeconds: t.config.invitation.validSeconds,
        reminderBeforeSeconds: t.config.invitation.reminderBeforeSeconds,
      },
    ],
    typedSearchAttributes: [{ key: InstitutionIdKey, value: a.actor.institutionId }],
    memo: { user: `${a.user.firstName} ${a.user.lastName}` },
  });
  return withinDeadline(t, () =>
    t.temporal.workflow.executeUpdateWithStart(inviteUpdate, { args: [{ actor: a.actor, user: a.user }], updateId: a.invitationId, startWorkflowOperation: start }),
  );
}

/** U2: a new link; the old one stops working. */
export function resendInvitation(t: InvitationCommandTarget, a: { invitationId: string; actor: InvitationActor; idempotencyKey: string }) {
  const handle = t.temporal.workflow.getHandle(userInvitationWorkflowId(a.invitationId));
  return withinDeadline(t, () => handle.executeUpdate(resendUpdate, { args: [{ actor: a.actor }], updateId: a.idempotencyKey }));
}

/** U3: the invitee, logged in through VIISP, confirms. */
export function confirmInvitation(t: InvitationCommandTarget, a: { invitationId: string } & ConfirmCommand) {
  const handle = t.temporal.workflow.getHandle(userInvitationWorkflowId(a.invitationId));
  const { invitationId: _id, ...cmd } = a;
  return withinDeadline(t, () => handle.executeUpdate(confirmUpdate, { args: [cmd], updateId: `confirm:${a.tokenId}` }));
}

/** U5 while invited: the removed user's invitation stops working. */
export function cancelInvitation(t: InvitationCommandTarget, a: { invitationId: string; actor: InvitationActor }) {
  const handle = t.temporal.workflow.getHandle(userInvitationWorkflowId(a.invitationId));
  return withinDeadline(t, () => handle.executeUpdate(cancelUpdate, { args: [{ actor: a.actor }], updateId: `cancel:${a.invitationId}` }));
}
