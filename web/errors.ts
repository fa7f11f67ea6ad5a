// Maps workflow failure codes to HTTP statuses and Lithuanian messages.
import { isGrpcDeadlineError, WorkflowNotFoundError, WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import type { FieldErrors } from '../workflows/domain/group-info.ts';
import { ErrorCode } from '../workflows/errors.ts';

export type CommandFailure = {
  ok: false;
  status: 404 | 409 | 422 | 503;
  message: string;
  fieldErrors: FieldErrors;
};
export type CommandResult<T> = { ok: true; value: T } | CommandFailure;

const STATUS: Record<ErrorCode, 404 | 409 | 422 | 503> = {
  InvalidInput: 422,
  TransitionNotAllowed: 409,
  GroupNotEditable: 409,
  AlreadyCreated: 409,
  NotCreated: 409,
  WrongInstitution: 404,
  ProgrammeClosed: 409,
  InvalidReference: 422,
  DuplicateUser: 409,
  InvitationNotPending: 409,
  WrongPerson: 409,
  RegistryUnavailable: 503,
  RegistrationRefused: 409,
  NotFound: 404,
};

const DEFAULT_MESSAGE: Record<ErrorCode, string> = {
  InvalidInput: 'Patikrinkite pažymėtus laukus.',
  TransitionNotAllowed: 'Šio būsenos pakeitimo atlikti negalima.',
  GroupNotEditable: 'Grupės informacijos keisti negalima.',
  AlreadyCreated: 'Ši mokymo grupė jau sukurta.',
  NotCreated: 'Mokymo grupė dar nesukurta.',
  WrongInstitution: 'Nerasta.',
  ProgrammeClosed: 'Sustabdytai arba išregistruotai programai naujų grupių kurti negalima.',
  InvalidReference: 'Pasirinkta reikšmė nepriklauso jūsų institucijai.',
  DuplicateUser: 'Šis asmuo jau yra institucijos naudotojas.',
  InvitationNotPending: 'Kvietimas nebegalioja.',
  WrongPerson: 'Prisijungęs asmuo nėra tas, kuriam skirtas kvietimas.',
  RegistryUnavailable: 'Valstybės registras šiuo metu nepasiekiamas. Bandykite vėliau.',
  RegistrationRefused: 'Į šią mokymo grupę registruotis negalima.',
  NotFound: 'Nerasta.',
};

export const UNAVAILABLE =
  'IMP IS šiuo metu neatsako, todėl veiksmas dar neatliktas. Atnaujinkite puslapį po kelių minučių ir, jei pakeitimo nematote, pakartokite.';

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && value in STATUS;
}

/** Runs a workflow command; business refusals become a CommandFailure, anything else is thrown. */
export async function runCommand<T>(send: () => Promise<T>): Promise<CommandResult<T>> {
  try {
    return { ok: true, value: await send() };
  } catch (err) {
    if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError || isGrpcDeadlineError(err)) {
      // The command keeps its idempotency key: if it is still done later, a retry will not do it twice.
      return { ok: false, status: 503, message: UNAVAILABLE, fieldErrors: {} };
    }
    if (err instanceof WorkflowNotFoundError) {
      return { ok: false, status: 404, message: 'Nerasta.', fieldErrors: {} };
    }
    const outer = err instanceof WorkflowUpdateFailedError ? err.cause : undefined;
    // A refusal raised by an activity arrives wrapped: update failure → ActivityFailure → ApplicationFailure.
    const cause = outer instanceof ActivityFailure ? outer.cause : outer;
    if (cause instanceof ApplicationFailure && isErrorCode(cause.type)) {
      const details = cause.details?.[0];
      return {
        ok: false,
        status: STATUS[cause.type],
        message: cause.message || DEFAULT_MESSAGE[cause.type],
        fieldErrors: cause.type === ErrorCode.InvalidInput && details && typeof details === 'object' ? (details as FieldErrors) : {},
      };
    }
    throw err;
  }
}
