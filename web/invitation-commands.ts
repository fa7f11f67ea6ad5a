// Web → UserInvitation workflow (L9). The form's idempotency key is the invitation id, so a double
// submit of "Įtraukti naują naudotoją" invites once.
import { WithStartWorkflowOperation, type Client } from '@temporalio/client';
import { InstitutionIdKey } from '../workflows/search-attributes.ts';
import { userInvitationWorkflowId } from '../workflows/ids.ts';
import { escapeMarkdown, summary } from '../workflows/operator-details.ts';
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
import { completionOf, runCommand, type CommandResult } from './errors.ts';

export interface InvitationCommandTarget {
  temporal: Client;
  config: Config;
}

function withinDeadline<T>(t: InvitationCommandTarget, send: () => Promise<T>): Promise<CommandResult<T>> {
  return runCommand(() => t.temporal.connection.withDeadline(Date.now() + t.config.temporal.commandTimeoutMs, send));
}

export interface InviteUserCommand {
  invitationId: string;
  actor: InvitationActor;
  user: NewUserFields;
  /** The institution's name, for the operator's summary in the Temporal UI. */
  institutionName?: string;
}

function duration(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} val.`;
  return seconds % 60 === 0 ? `${seconds / 60} min.` : `${seconds} s`;
}

/** What an operator reads in the Temporal UI's list and header (issue 10): who is invited, to which institution. */
function invitationDescription(t: InvitationCommandTarget, a: InviteUserCommand): { staticSummary: string; staticDetails: string } {
  const name = escapeMarkdown(`${a.user.firstName} ${a.user.lastName}`);
  const { validSeconds, reminderBeforeSeconds } = t.config.invitation;
  return {
    staticSummary: summary('Naudotojo kvietimas', name, a.institutionName && escapeMarkdown(a.institutionName)),
    staticDetails: [
      `**${name}**`,
      '',
      ...(a.institutionName ? [`- Institucija: ${escapeMarkdown(a.institutionName)}`] : []),
      `- Kvietimo nuoroda galioja ${duration(validSeconds)}; priminimas likus ${duration(reminderBeforeSeconds)}`,
      `- Kvietimo ID: ${a.invitationId}; institucijos ID: ${a.actor.institutionId}`,
    ].join('\n'),
  };
}

/** U1: creates the invited user and queues the invitation e-mail. */
export function inviteUser(t: InvitationCommandTarget, a: InviteUserCommand): Promise<CommandResult<{ userId: string }>> {
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
    ...invitationDescription(t, a),
  });
  return withinDeadline(t, () =>
    completionOf(
      t.temporal.workflow.startUpdateWithStart(inviteUpdate, {
        args: [{ actor: a.actor, user: a.user }],
        updateId: a.invitationId,
        startWorkflowOperation: start,
        waitForStage: 'ACCEPTED',
      }),
    ),
  );
}

/** U2: a new link; the old one stops working. */
export function resendInvitation(t: InvitationCommandTarget, a: { invitationId: string; actor: InvitationActor; idempotencyKey: string }) {
  const handle = t.temporal.workflow.getHandle(userInvitationWorkflowId(a.invitationId));
  return withinDeadline(t, () =>
    completionOf(handle.startUpdate(resendUpdate, { args: [{ actor: a.actor }], updateId: a.idempotencyKey, waitForStage: 'ACCEPTED' })),
  );
}

/** U3: the invitee, logged in through VIISP, confirms. */
export function confirmInvitation(t: InvitationCommandTarget, a: { invitationId: string } & ConfirmCommand) {
  const handle = t.temporal.workflow.getHandle(userInvitationWorkflowId(a.invitationId));
  const { invitationId: _id, ...cmd } = a;
  return withinDeadline(t, () =>
    completionOf(handle.startUpdate(confirmUpdate, { args: [cmd], updateId: `confirm:${a.tokenId}`, waitForStage: 'ACCEPTED' })),
  );
}

/** U5 while invited: the removed user's invitation stops working. */
export function cancelInvitation(t: InvitationCommandTarget, a: { invitationId: string; actor: InvitationActor }) {
  const handle = t.temporal.workflow.getHandle(userInvitationWorkflowId(a.invitationId));
  return withinDeadline(t, () =>
    completionOf(
      handle.startUpdate(cancelUpdate, { args: [{ actor: a.actor }], updateId: `cancel:${a.invitationId}`, waitForStage: 'ACCEPTED' }),
    ),
  );
}
