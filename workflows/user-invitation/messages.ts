// Messages of the UserInvitation workflow (lifecycle L9). Names are recorded in histories: never rename one.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Right } from '../domain/access.ts';

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

/** The user window's data (USERS-16, USERS-18, USERS-23, USERS-27). */
export interface NewUserFields {
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  position: string | null;
  /** Keyed hash of the personal code the administrator entered; the VIISP login must match it. */
  personalCodeHash: string;
  rights: Right[];
  employerId: string | null;
  signingDocument: string | null;
}

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
