// Messages of the UserInvitation workflow (lifecycle L9). Names are recorded in histories: never rename one.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { NewUserFields } from '../domain/user-form.ts';

export interface InvitationActor {
  /** The administrator's institution user id; null for a head (legal-entity session). */
  userId: string | null;
  personalCodeHash: string;
  institutionId: string;
  requestId: string;
}

export interface UserInvitationInput {
  invitationId: string;
  institutionId: string;
  validSeconds: number;
  reminderBeforeSeconds: number;
}

export type { NewUserFields };

export interface InviteCommand {
  actor: InvitationActor;
  user: NewUserFields;
}

export interface ConfirmCommand {
  tokenId: string;
  personalCodeHash: string;
  requestId: string;
}

export type InvitationStatus = 'NEW' | 'PENDING' | 'EXPIRED' | 'CONFIRMED' | 'CANCELLED';

/** The invitation's status in the words the users list and the audit log use (USERS-14). */
export const INVITATION_STATUS_LABELS: Record<InvitationStatus, string> = {
  NEW: 'Kuriamas',
  PENDING: 'Laukiama patvirtinimo',
  EXPIRED: 'Nebegalioja',
  CONFIRMED: 'Patvirtintas',
  CANCELLED: 'Atšauktas',
};

export interface UserInvitationState {
  status: InvitationStatus;
  userId: string | null;
  tokenId: string | null;
  /** Epoch milliseconds. */
  expiresAt: number | null;
  reminded: boolean;
}

/** U1: "Įtraukti naują naudotoją" saved: the user exists as invited and the e-mail is queued. */
export const inviteUpdate = defineUpdate<{ userId: string }, [InviteCommand]>('invite');
/** U2: a new link; the old one stops working. */
export const resendUpdate = defineUpdate<{ expiresAt: number }, [{ actor: InvitationActor }]>('resend');
/** U3: identity confirmed through VIISP by the right person. */
export const confirmUpdate = defineUpdate<{ userId: string }, [ConfirmCommand]>('confirm');
/** U5 while invited: the user is removed before confirming. */
export const cancelUpdate = defineUpdate<void, [{ actor: InvitationActor }]>('cancel');
export const invitationStateQuery = defineQuery<UserInvitationState>('invitationState');
