// web/errors.ts runCommand: business refusals from workflow Updates become a CommandFailure with an
// HTTP status and a Lithuanian message; anything unexpected is rethrown (ARCHITECTURE "Conventions").
import {
  ServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { ActivityFailure, ApplicationFailure, RetryState } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { runCommand, type CommandResult } from '../../web/errors.ts';
import type { FieldErrors } from '../../workflows/domain/group-info.ts';
import { ErrorCode } from '../../workflows/errors.ts';

/** What the page says while Temporal does not answer (web/errors.ts), written out so a wrong text fails. */
const UNAVAILABLE =
  'IMP IS šiuo metu neatsako, todėl veiksmas dar neatliktas. Atnaujinkite puslapį po kelių minučių ir, jei pakeitimo nematote, pakartokite.';

function updateFailed(type: string, message?: string, details?: unknown[]): WorkflowUpdateFailedError {
  return new WorkflowUpdateFailedError('Workflow Update failed', ApplicationFailure.create({ type, message, details }));
}

function failWith(err: unknown): Promise<CommandResult<never>> {
  return runCommand<never>(() => Promise.reject(err));
}

const EXPECTED_STATUS: Record<ErrorCode, 404 | 409 | 422 | 503> = {
  InvalidInput: 422, // form errors re-render the form (ARCHITECTURE: HTTP 422)
  InvalidReference: 422,
  TransitionNotAllowed: 409,
  GroupNotEditable: 409, // GRP-29
  AlreadyCreated: 409,
  NotCreated: 409,
  ProgrammeClosed: 409, // PROG-30
  WrongInstitution: 404, // GEN-5: another provider's data is "not found", never "forbidden"
  DuplicateUser: 409, // the person is already a user of the institution
  InvitationNotPending: 409, // L9: confirmed, expired, cancelled or replaced
  WrongPerson: 409, // USERS-12: the VIISP login is not the invited person
  RegistryUnavailable: 503, // a state registry is down: try later
  RegistrationRefused: 409, // GRP-41: closed, full, already registered, funding not offered
  NotFound: 404, // another person's registration is "not found"
};

describe('runCommand', () => {
  it('passes the value of a successful command through', async () => {
    await expect(runCommand(() => Promise.resolve({ status: 'Kuriama', version: 2 }))).resolves.toEqual({
      ok: true,
      value: { status: 'Kuriama', version: 2 },
    });
  });

  it('covers every error code', () => {
    expect(Object.keys(EXPECTED_STATUS).sort()).toEqual(Object.values(ErrorCode).sort());
  });

  it.each(Object.values(ErrorCode))("maps %s to its HTTP status, keeping the workflow's Lithuanian message", async (code) => {
    const message = `Pranešimas apie klaidą „${code}“: ąčęėįšųūž.`;
    await expect(failWith(updateFailed(code, message))).resolves.toEqual({
      ok: false,
      status: EXPECTED_STATUS[code],
      message,
      fieldErrors: {},
    });
  });

  it('GRP-43: a refused status change shows the reason the workflow gave (409)', async () => {
    const reason = 'Grupėje yra užsiregistravusių asmenų, todėl jos grąžinti į būseną „Kuriama“ negalima.';
    const result = await failWith(updateFailed(ErrorCode.TransitionNotAllowed, reason));
    expect(result).toMatchObject({ ok: false, status: 409, message: reason });
  });

  it.each<[ErrorCode, string]>([
    [ErrorCode.InvalidInput, 'Patikrinkite pažymėtus laukus.'],
    [ErrorCode.GroupNotEditable, 'Grupės informacijos keisti negalima.'],
    [ErrorCode.WrongInstitution, 'Nerasta.'],
    [ErrorCode.TransitionNotAllowed, 'Šio būsenos pakeitimo atlikti negalima.'],
  ])('a %s failure without a message gets the Lithuanian default', async (code, fallback) => {
    const result = await failWith(updateFailed(code));
    expect(result).toMatchObject({ ok: false, status: EXPECTED_STATUS[code], message: fallback });
  });

  it('GRP-36: InvalidInput carries the field errors from the failure details (422)', async () => {
    const fieldErrors: FieldErrors = {
      programmeStart: '„Mokymosi programos vykdymo pradžia“ turi būti vėlesnė už „Registracijos pabaiga“.',
      price: 'Privalomas laukas.',
    };
    await expect(failWith(updateFailed(ErrorCode.InvalidInput, 'Patikrinkite pažymėtus laukus.', [fieldErrors]))).resolves.toEqual({
      ok: false,
      status: 422,
      message: 'Patikrinkite pažymėtus laukus.',
      fieldErrors,
    });
  });

  it('InvalidInput without object details has no field errors', async () => {
    for (const details of [undefined, [], ['tekstas'], [null]]) {
      const result = await failWith(updateFailed(ErrorCode.InvalidInput, 'Klaida.', details));
      expect(result).toMatchObject({ ok: false, status: 422 });
      if (!result.ok) expect(result.fieldErrors, JSON.stringify(details)).toEqual({});
    }
  });

  it.each(Object.values(ErrorCode).filter((c) => c !== ErrorCode.InvalidInput))(
    'field errors are passed only for InvalidInput, not for %s',
    async (code) => {
      const result = await failWith(updateFailed(code, 'Klaida.', [{ venueId: 'Pasirinkite mokymo vietą iš sąrašo.' }]));
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.fieldErrors).toEqual({});
    },
  );

  it('GEN-5: a workflow that does not exist is 404 "Nerasta."', async () => {
    await expect(failWith(new WorkflowNotFoundError('workflow not found', 'TrainingGroup:x', undefined))).resolves.toEqual({
      ok: false,
      status: 404,
      message: 'Nerasta.',
      fieldErrors: {},
    });
  });

  it('an Update that timed out or was cancelled on the way is 503 with the Lithuanian "try again" message', async () => {
    await expect(failWith(new WorkflowUpdateRPCTimeoutOrCancelledError('Timed out waiting for update'))).resolves.toEqual({
      ok: false,
      status: 503,
      message: UNAVAILABLE,
      fieldErrors: {},
    });
  });

  it('a gRPC DEADLINE_EXCEEDED, also wrapped in a ServiceError, is 503', async () => {
    const deadline = Object.assign(new Error('4 DEADLINE_EXCEEDED: Deadline exceeded'), {
      code: 4, // grpc status DEADLINE_EXCEEDED
      details: 'Deadline exceeded',
      metadata: {},
    });
    for (const err of [deadline, new ServiceError('Failed to update Workflow', { cause: deadline })]) {
      await expect(failWith(err)).resolves.toMatchObject({ ok: false, status: 503, message: UNAVAILABLE });
    }
  });

  it.each<[string, () => unknown]>([
    ['a plain Error', () => new Error('connection refused')],
    ['a non-Error value', () => 'boom'],
    ['an update failure with an unknown failure type', () => updateFailed('SomethingElse', 'Netikėta klaida.')],
    [
      'an update failure with an untyped failure',
      () => new WorkflowUpdateFailedError('Workflow Update failed', ApplicationFailure.create({ message: 'x' })),
    ],
    ['an update failure without a cause', () => new WorkflowUpdateFailedError('Workflow Update failed', undefined)],
    ['an update failure caused by a plain Error', () => new WorkflowUpdateFailedError('Workflow Update failed', new Error('x'))],
    [
      'a known ApplicationFailure not wrapped in an update failure',
      () => ApplicationFailure.create({ type: ErrorCode.InvalidInput, message: 'x' }),
    ],
  ])('rethrows %s unchanged', async (_label, make) => {
    const err = make();
    await expect(failWith(err)).rejects.toBe(err);
  });

  it('rethrows an error thrown synchronously by the command', async () => {
    const err = new Error('sync');
    await expect(
      runCommand(() => {
        throw err;
      }),
    ).rejects.toBe(err);
  });
});

describe('refusals raised inside an activity', () => {
  it('unwraps update failure → ActivityFailure → ApplicationFailure (DuplicateUser from the invitation activity)', async () => {
    const inner = ApplicationFailure.create({
      type: ErrorCode.DuplicateUser,
      message: 'Šis asmuo jau yra institucijos naudotojas.',
      nonRetryable: true,
    });
    const activity = new ActivityFailure('activity failed', 'createInvitation', '1', RetryState.NON_RETRYABLE_FAILURE, 'worker', inner);
    const result = await failWith(new WorkflowUpdateFailedError('Workflow Update failed', activity));
    expect(result).toEqual({ ok: false, status: 409, message: 'Šis asmuo jau yra institucijos naudotojas.', fieldErrors: {} });
  });

  it('still rethrows an activity failure without a known business code', async () => {
    const activity = new ActivityFailure(
      'activity failed',
      'x',
      '1',
      RetryState.MAXIMUM_ATTEMPTS_REACHED,
      'worker',
      new Error('disk full'),
    );
    await expect(failWith(new WorkflowUpdateFailedError('Workflow Update failed', activity))).rejects.toBeInstanceOf(
      WorkflowUpdateFailedError,
    );
  });
});
