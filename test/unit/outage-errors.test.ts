// web/errors.ts, issue 10: outages are told apart from other errors (Postgres: postgres.js and
// socket codes, SQLSTATE 08xxx/57P0x/53300; Temporal: deadline, UNAVAILABLE), and a command the
// workflow accepted before the page stopped waiting is "accepted" (202), not "not done" (503).
import {
  ServiceError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  type WorkflowUpdateHandle,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { createDb } from '../../db/client.ts';
import {
  commandTaken,
  completionOf,
  isDatabaseUnavailable,
  isTemporalUnavailable,
  keepsFormKey,
  outageMessage,
  runCommand,
  trackCommands,
} from '../../web/errors.ts';
import { ErrorCode } from '../../workflows/errors.ts';

// The Lithuanian outage texts (web/errors.ts), written out so a wrong text fails.
const UNAVAILABLE =
  'IMP IS šiuo metu neatsako, todėl veiksmas dar neatliktas. Atnaujinkite puslapį po kelių minučių ir, jei pakeitimo nematote, pakartokite.';
const ACCEPTED = 'Veiksmas priimtas ir bus atliktas, kai sistema vėl veiks. Atnaujinkite puslapį po kelių minučių.';
const UNAVAILABLE_PAGE = 'IMP IS šiuo metu neatsako. Atnaujinkite puslapį po kelių minučių.';
const DATABASE_UNAVAILABLE_PAGE =
  'IMP IS duomenų bazė šiuo metu nepasiekiama, todėl puslapio parodyti negalima. Atnaujinkite puslapį po kelių minučių.';
const DATABASE_UNAVAILABLE =
  'IMP IS duomenų bazė šiuo metu nepasiekiama, todėl veiksmas dar neatliktas. Atnaujinkite puslapį po kelių minučių ir, jei pakeitimo nematote, pakartokite.';
const DONE_DATABASE_UNAVAILABLE =
  'Veiksmas atliktas, tačiau IMP IS duomenų bazė šiuo metu nepasiekiama, todėl puslapio parodyti negalima. Atnaujinkite puslapį po kelių minučių.';

const grpc = (code: number, details: string) => Object.assign(new Error(`${code} ${details}`), { code, details, metadata: {} });
const timeout = () => new WorkflowUpdateRPCTimeoutOrCancelledError('Timed out waiting for update');

/** An Update the workflow accepted, whose result then comes as `outcome` says. */
function accepted<T>(outcome: () => Promise<T>): Promise<WorkflowUpdateHandle<T>> {
  return Promise.resolve({ updateId: 'u', workflowId: 'w', workflowRunId: 'r', result: outcome });
}

describe('isDatabaseUnavailable', () => {
  it('is true for a real refused connection (postgres.js, nothing listening)', async () => {
    const db = createDb('postgres://kursuok:kursuok@127.0.0.1:1/none', { max: 1 });
    const err = await db
      .selectNoFrom((eb) => eb.val(1).as('x'))
      .execute()
      .then(
        () => null,
        (e: unknown) => e,
      );
    await db.destroy();
    expect(err).not.toBeNull();
    expect(isDatabaseUnavailable(err)).toBe(true);
  });

  it.each([
    ['ECONNREFUSED', { code: 'ECONNREFUSED' }],
    ['ECONNRESET', { code: 'ECONNRESET' }],
    ['postgres.js CONNECT_TIMEOUT', { code: 'CONNECT_TIMEOUT' }],
    ['postgres.js CONNECTION_CLOSED', { code: 'CONNECTION_CLOSED' }],
    ['postgres.js CONNECTION_ENDED', { code: 'CONNECTION_ENDED' }],
    ['postgres.js CONNECTION_DESTROYED', { code: 'CONNECTION_DESTROYED' }],
    ['57P01 admin_shutdown', { code: '57P01' }],
    ['57P02 crash_shutdown', { code: '57P02' }],
    ['57P03 cannot_connect_now', { code: '57P03' }],
    ['53300 too_many_connections', { code: '53300' }],
    ['08006 connection_failure', { code: '08006' }],
    ['08P01 protocol_violation', { code: '08P01' }],
  ])('is true for %s', (_label, fields) => {
    expect(isDatabaseUnavailable(Object.assign(new Error('x'), fields))).toBe(true);
  });

  it('looks into causes and AggregateErrors (a dual-stack connect)', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED ::1:5432'), { code: 'ECONNREFUSED' });
    expect(isDatabaseUnavailable(new AggregateError([refused], ''))).toBe(true);
    expect(isDatabaseUnavailable(new Error('wrapped', { cause: refused }))).toBe(true);
  });

  it.each([
    ['a unique violation', Object.assign(new Error('duplicate key'), { code: '23505' })],
    ['an undefined table', Object.assign(new Error('relation does not exist'), { code: '42P01' })],
    ['a missing database', Object.assign(new Error('database "x" does not exist'), { code: '3D000' })],
    ['a plain Error', new Error('boom')],
    ['a gRPC UNAVAILABLE (Temporal, numeric code)', grpc(14, 'unavailable')],
    ['a string', 'ECONNREFUSED'],
  ])('is false for %s', (_label, err) => {
    expect(isDatabaseUnavailable(err)).toBe(false);
  });
});

describe('isTemporalUnavailable', () => {
  it('is true for an Update timeout, a gRPC deadline and UNAVAILABLE, also wrapped in a ServiceError', () => {
    expect(isTemporalUnavailable(timeout())).toBe(true);
    expect(isTemporalUnavailable(grpc(4, 'Deadline exceeded'))).toBe(true);
    expect(isTemporalUnavailable(new ServiceError('Failed to update Workflow', { cause: grpc(14, 'Connection refused') }))).toBe(true);
  });

  it('is false for other gRPC codes and Postgres errors', () => {
    expect(isTemporalUnavailable(new ServiceError('x', { cause: grpc(13, 'internal') }))).toBe(false);
    expect(isTemporalUnavailable(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBe(false);
  });
});

describe('runCommand with completionOf: accepted or not', () => {
  it('the page stopped waiting before the workflow accepted the Update: 503, nothing done', async () => {
    const result = await runCommand(() => completionOf(Promise.reject(timeout())));
    expect(result).toEqual({ ok: false, status: 503, message: UNAVAILABLE, fieldErrors: {} });
  });

  it('accepted, then the wait for its result ended: 202 "priimtas", the form key kept', async () => {
    const result = await runCommand(() => completionOf(accepted(() => Promise.reject(timeout()))));
    expect(result).toEqual({ ok: false, accepted: true, status: 202, message: ACCEPTED, fieldErrors: {} });
    if (!result.ok) expect(keepsFormKey(result)).toBe(true);
  });

  it('accepted, then Temporal became unreachable: 202 as well', async () => {
    const result = await runCommand(() =>
      completionOf(accepted(() => Promise.reject(new ServiceError('poll failed', { cause: grpc(14, 'unavailable') })))),
    );
    expect(result).toMatchObject({ ok: false, status: 202 });
  });

  it('accepted, then refused by the handler: the refusal as usual (409), not 202', async () => {
    const refusal = new WorkflowUpdateFailedError(
      'Workflow Update failed',
      ApplicationFailure.create({ type: ErrorCode.TransitionNotAllowed, message: 'Negalima.' }),
    );
    const result = await runCommand(() => completionOf(accepted(() => Promise.reject(refusal))));
    expect(result).toEqual({ ok: false, status: 409, message: 'Negalima.', fieldErrors: {} });
    if (!result.ok) expect(keepsFormKey(result)).toBe(false);
  });

  it('accepted and done: the value', async () => {
    await expect(runCommand(() => completionOf(accepted(() => Promise.resolve(7))))).resolves.toEqual({ ok: true, value: 7 });
  });

  it('a timeout outside completionOf (a Signal, a start) stays 503', async () => {
    await expect(runCommand(() => Promise.reject(timeout()))).resolves.toMatchObject({ status: 503 });
  });

  it('one command accepted does not make the next one of the same request accepted', async () => {
    await trackCommands(async () => {
      await runCommand(() => completionOf(accepted(() => Promise.reject(timeout()))));
      await expect(runCommand(() => completionOf(Promise.reject(timeout())))).resolves.toMatchObject({ status: 503 });
    });
  });
});

describe('commandTaken (what the error page may say about the request’s action)', () => {
  it('is null without commands, "done" after a completed one, "accepted" after an accepted one', async () => {
    expect(await trackCommands(async () => commandTaken())).toBeNull();
    expect(
      await trackCommands(async () => {
        await runCommand(() => completionOf(Promise.reject(timeout())));
        return commandTaken();
      }),
    ).toBeNull();
    expect(
      await trackCommands(async () => {
        await runCommand(() => completionOf(accepted(() => Promise.resolve(1))));
        return commandTaken();
      }),
    ).toBe('done');
    expect(
      await trackCommands(async () => {
        await runCommand(() => completionOf(accepted(() => Promise.resolve(1))));
        await runCommand(() => completionOf(accepted(() => Promise.reject(timeout()))));
        return commandTaken();
      }),
    ).toBe('accepted');
  });

  it('requests do not see each other’s commands', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const first = trackCommands(async () => {
      await runCommand(() => completionOf(accepted(() => Promise.reject(timeout()))));
      await gate;
      return commandTaken();
    });
    const second = trackCommands(async () => {
      await new Promise((r) => setTimeout(r, 10));
      const taken = commandTaken();
      release();
      return taken;
    });
    expect(await Promise.all([first, second])).toEqual(['accepted', null]);
    expect(commandTaken()).toBeNull();
  });
});

describe('outageMessage', () => {
  it.each<[string, 'database' | 'temporal', string, 'done' | 'accepted' | null, string]>([
    ['a page, Postgres down', 'database', 'GET', null, DATABASE_UNAVAILABLE_PAGE],
    ['an action, Postgres down, nothing taken', 'database', 'POST', null, DATABASE_UNAVAILABLE],
    ['an action done, its page not shown', 'database', 'POST', 'done', DONE_DATABASE_UNAVAILABLE],
    ['an action accepted, Postgres down', 'database', 'POST', 'accepted', ACCEPTED],
    ['a page, Temporal down', 'temporal', 'GET', null, UNAVAILABLE_PAGE],
    ['an action, Temporal down, nothing taken', 'temporal', 'POST', null, UNAVAILABLE],
    ['an action accepted, Temporal down', 'temporal', 'POST', 'accepted', ACCEPTED],
  ])('%s', (_label, what, method, taken, expected) => {
    expect(outageMessage(what, { method, taken })).toBe(expected);
  });

  it('never says "not done" once a workflow took the action', () => {
    for (const what of ['database', 'temporal'] as const) {
      for (const taken of ['done', 'accepted'] as const) expect(outageMessage(what, { method: 'POST', taken })).not.toMatch(/neatliktas/);
    }
  });
});
