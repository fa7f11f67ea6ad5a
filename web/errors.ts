// Maps workflow failure codes to HTTP statuses and Lithuanian messages, and tells the outages
// (Temporal, Postgres) apart from everything else, so a page answers 503 in Lithuanian instead of
// a generic error and never says an action failed when a workflow has taken it.
import { AsyncLocalStorage } from 'node:async_hooks';
import {
  isGrpcDeadlineError,
  isGrpcServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  type WorkflowUpdateHandle,
} from '@temporalio/client';
import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import type { FieldErrors } from '../workflows/domain/group-info.ts';
import { ErrorCode } from '../workflows/errors.ts';

export type CommandFailure = {
  ok: false;
  status: 404 | 409 | 422 | 503;
  message: string;
  fieldErrors: FieldErrors;
};
/**
 * The workflow accepted the command, but the page stopped waiting before it was done (Temporal slow,
 * Postgres down under its activity): it will be completed; the page says so and keeps the form's key.
 */
export type CommandAccepted = {
  ok: false;
  accepted: true;
  status: 202;
  message: string;
  fieldErrors: FieldErrors;
};
export type CommandResult<T> = { ok: true; value: T } | CommandFailure | CommandAccepted;

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

/** Temporal did not take the command (in time): nothing is done yet; the same form key makes a retry harmless. */
export const UNAVAILABLE =
  'IMP IS šiuo metu neatsako, todėl veiksmas dar neatliktas. Atnaujinkite puslapį po kelių minučių ir, jei pakeitimo nematote, pakartokite.';
/** The workflow took the command; it is completed once the system works again. */
export const ACCEPTED = 'Veiksmas priimtas ir bus atliktas, kai sistema vėl veiks. Atnaujinkite puslapį po kelių minučių.';
/** A page (GET) while Temporal does not answer. */
export const UNAVAILABLE_PAGE = 'IMP IS šiuo metu neatsako. Atnaujinkite puslapį po kelių minučių.';
/** A page (GET) while Postgres is down. */
export const DATABASE_UNAVAILABLE_PAGE =
  'IMP IS duomenų bazė šiuo metu nepasiekiama, todėl puslapio parodyti negalima. Atnaujinkite puslapį po kelių minučių.';
/** An action while Postgres is down, no workflow having taken it. */
export const DATABASE_UNAVAILABLE =
  'IMP IS duomenų bazė šiuo metu nepasiekiama, todėl veiksmas dar neatliktas. Atnaujinkite puslapį po kelių minučių ir, jei pakeitimo nematote, pakartokite.';
/** An action a workflow completed, whose page Postgres could not give. */
export const DONE_DATABASE_UNAVAILABLE =
  'Veiksmas atliktas, tačiau IMP IS duomenų bazė šiuo metu nepasiekiama, todėl puslapio parodyti negalima. Atnaujinkite puslapį po kelių minučių.';

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && value in STATUS;
}

// ---- Did a workflow take the command? ------------------------------------------------------------

/** Per command: set once the workflow accepted its Update (see `completionOf`). */
const commandScope = new AsyncLocalStorage<{ accepted: boolean }>();

/**
 * Waits for the result of an Update started with `waitForStage: 'ACCEPTED'`, noting for runCommand
 * that the workflow accepted it: should the wait then end (deadline, Temporal gone), the page says
 * the action is being completed instead of "not done".
 */
export async function completionOf<Ret>(started: Promise<WorkflowUpdateHandle<Ret>>): Promise<Ret> {
  const update = await started;
  const scope = commandScope.getStore();
  if (scope) scope.accepted = true;
  return update.result();
}

type CommandOutcome = 'done' | 'accepted' | 'not-done';
/** Per request (app.tsx): what the commands sent while handling it came to. */
const requestScope = new AsyncLocalStorage<CommandOutcome[]>();

/** Runs a request's handling so that an error page can tell whether a workflow took its action. */
export function trackCommands<T>(handle: () => Promise<T>): Promise<T> {
  return requestScope.run([], handle);
}

/** Whether a command of the current request was done or accepted by its workflow (null: none was). */
export function commandTaken(): 'done' | 'accepted' | null {
  const outcomes = requestScope.getStore() ?? [];
  if (outcomes.includes('accepted')) return 'accepted';
  return outcomes.includes('done') ? 'done' : null;
}

// ---- Outages -------------------------------------------------------------------------------------

/** The error and what it wraps (cause chains, AggregateError from dual-stack connects). */
function* chain(err: unknown, depth = 0): Generator<unknown> {
  if (err === null || err === undefined || depth > 5) return;
  yield err;
  if (typeof err !== 'object') return;
  const { cause, errors } = err as { cause?: unknown; errors?: unknown };
  yield* chain(cause, depth + 1);
  if (Array.isArray(errors)) for (const inner of errors) yield* chain(inner, depth + 1);
}

/** Socket errors and the postgres.js client's own connection error codes. */
const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
]);
/** SQLSTATEs of a server going away or refusing connections (class 08 is matched by prefix). */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);

/**
 * Postgres cannot be reached: refused or timed-out connections, connections closed under a query,
 * the server shutting down (57P01/57P02), starting up (57P03), full (53300), class 08 errors.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (const e of chain(err)) {
    const code = typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined;
    if (typeof code !== 'string') continue;
    if (CONNECTION_ERROR_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
  }
  return false;
}

const GRPC_UNAVAILABLE = 14;

/** Temporal does not answer: the call's deadline passed, or the server cannot be reached. */
export function isTemporalUnavailable(err: unknown): boolean {
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError || isGrpcDeadlineError(err)) return true;
  for (const e of chain(err)) if (isGrpcServiceError(e) && e.code === GRPC_UNAVAILABLE) return true;
  return false;
}

/**
 * The Lithuanian text for a request that met an outage: a page that cannot be shown, an action not
 * taken, or an action a workflow has taken (done or accepted) whose page cannot be shown.
 */
export function outageMessage(what: 'database' | 'temporal', request: { method: string; taken: 'done' | 'accepted' | null }): string {
  if (request.taken === 'accepted') return ACCEPTED;
  if (request.taken === 'done') return what === 'database' ? DONE_DATABASE_UNAVAILABLE : ACCEPTED;
  const reading = request.method === 'GET' || request.method === 'HEAD';
  if (what === 'database') return reading ? DATABASE_UNAVAILABLE_PAGE : DATABASE_UNAVAILABLE;
  return reading ? UNAVAILABLE_PAGE : UNAVAILABLE;
}

// ---- Commands ------------------------------------------------------------------------------------

/**
 * Runs a workflow command; business refusals become a CommandFailure, an outage 503 (not taken) or
 * CommandAccepted 202 (taken, not finished), anything else is thrown. Updates sent through
 * `completionOf` let it tell the two outage cases apart.
 */
export async function runCommand<T>(send: () => Promise<T>): Promise<CommandResult<T>> {
  const scope = { accepted: false };
  const outcomes = requestScope.getStore();
  try {
    const value = await commandScope.run(scope, send);
    outcomes?.push('done');
    return { ok: true, value };
  } catch (err) {
    const result = failureOf(err, scope.accepted);
    outcomes?.push(result?.status === 202 ? 'accepted' : 'not-done');
    if (result === null) throw err;
    return result;
  }
}

/** The command's failure as the page shows it; null when it is not one we know (rethrown). */
function failureOf(err: unknown, accepted: boolean): CommandFailure | CommandAccepted | null {
  // The command keeps its idempotency key: if it is still done later, a retry will not do it twice.
  if (isTemporalUnavailable(err)) {
    return accepted
      ? { ok: false, accepted: true, status: 202, message: ACCEPTED, fieldErrors: {} }
      : { ok: false, status: 503, message: UNAVAILABLE, fieldErrors: {} };
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
  return null;
}

/** Whether the page should keep the form's idempotency key: the command may still be (or is being) done. */
export function keepsFormKey(result: CommandFailure | CommandAccepted): boolean {
  return result.status === 503 || result.status === 202;
}
