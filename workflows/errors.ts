// ApplicationFailure type codes: the contract between workflows and web. Web maps each to a
// Lithuanian message (web/errors.ts). Never rename a code: it is recorded in workflow histories.
export const ErrorCode = {
  /** The form's values fail validation; details carry FieldErrors. */
  InvalidInput: 'InvalidInput',
  /** The requested status change is not allowed now; the message says why, in Lithuanian. */
  TransitionNotAllowed: 'TransitionNotAllowed',
  /** "Grupės informacija" is read-only in the group's status. */
  GroupNotEditable: 'GroupNotEditable',
  /** The group was already created (a second create with another key). */
  AlreadyCreated: 'AlreadyCreated',
  /** The command was sent before the group was created. */
  NotCreated: 'NotCreated',
  /** The actor acts for another institution than the one that owns the entity. */
  WrongInstitution: 'WrongInstitution',
  /** The programme is suspended or deregistered: no new groups (PROG-30). */
  ProgrammeClosed: 'ProgrammeClosed',
  /** A referenced row (venue, programme) does not belong to the institution. */
  InvalidReference: 'InvalidReference',
  /** The person is already a user of the institution (USERS-*). */
  DuplicateUser: 'DuplicateUser',
  /** The invitation is no longer waiting for confirmation (confirmed, expired, cancelled, or its link replaced). */
  InvitationNotPending: 'InvitationNotPending',
  /** The person who logged in is not the one the invitation is for. */
  WrongPerson: 'WrongPerson',
  /** A state registry answered for nothing asked of it (a whole refresh run failed). */
  RegistryUnavailable: 'RegistryUnavailable',
  /** A registration is refused (GRP-41: not open, full, already registered, funding not offered). */
  RegistrationRefused: 'RegistrationRefused',
  /** The entity named in the command does not exist in this workflow (e.g. another person's registration). */
  NotFound: 'NotFound',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
