// What the invitation workflow tests share: the head who invites, and the person invited.
import type { InvitationActor, NewUserFields } from '../../workflows/user-invitation/messages.ts';

export const headActor = (institutionId: string): InvitationActor => ({
  userId: null,
  personalCodeHash: 'head-hash',
  institutionId,
  requestId: 'req',
});

export const INVITEE: NewUserFields = {
  firstName: 'Jurgita',
  lastName: 'Naujoji',
  email: 'jurgita@example.lt',
  phone: null,
  position: null,
  personalCodeHash: 'invitee-hash',
  rights: ['ADMINISTRATORIUS'],
  employerId: null,
  signingDocument: null,
};
