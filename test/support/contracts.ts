// Learning contracts for tests (issue 12): participants a contract can be generated for, a group made
// "Vykdoma" whose approved participants' contracts are prepared and await signatures (K1), the users of
// "Institucijos sutartys", and signing: through the workflow's Updates (as the portal and the provider's
// pages do it) or through the provider's pages, the signing gateway simulator's test control confirming.
import type { WorkflowHandle } from '@temporalio/client';
import { expect } from 'vitest';
import type { Db } from '../../db/client.ts';
import type { GroupDeadlines } from '../../workflows/domain/group-deadlines.ts';
import { GroupStatus } from '../../workflows/domain/group-status.ts';
import { learningContractWorkflowId } from '../../workflows/ids.ts';
import {
  completeContractSigningUpdate,
  contractStateQuery,
  startContractSigningUpdate,
  type ContractSigner,
  type LearningContractState,
} from '../../workflows/learning-contract/messages.ts';
import { changeGroupStatusUpdate, decideRegistrationUpdate } from '../../workflows/training-group/messages.ts';
import type { InstitutionFixture } from './fixtures.ts';
import { appCaller } from './http.ts';
import {
  deadlinesIn,
  fixtureActor,
  groupInfo,
  insertParticipant,
  publishedGroup,
  registerThroughWorkflow,
  type TestParticipant,
} from './participants.ts';
import { sessionFor, type TestSession } from './session.ts';
import type { TestStack } from './stack.ts';
import { eventually } from './wait.ts';

/** The document the provider's signers of these tests act under (USERS-28); the contract prints it. */
export const SIGNER_AUTHORITY = 'Direktoriaus 2024-01-15 įsakymas Nr. V-12';

/** A KURSUOK account with a birth date (the contract prints it; it is stored at the VIISP login). */
export async function contractParticipant(db: Db, firstName: string, personKey?: string): Promise<TestParticipant> {
  const p = await insertParticipant(db, { firstName, ...(personKey ? { personKey } : {}) });
  await db.updateTable('participants').set({ birth_date: '1965-02-08' }).where('id', '=', p.participantId).execute();
  return p;
}

/**
 * A published group; each participant registers and is approved; the group becomes "Vykdoma"; their contracts
 * are prepared. With `employerId`, each contract is a trilateral apprenticeship contract of that employer;
 * `deadlines` default to registration ending in 10 minutes and the programme (the signing deadline) in 20.
 */
export async function groupWithContracts(
  stack: TestStack,
  fx: InstitutionFixture,
  participants: readonly TestParticipant[],
  options: {
    employerId?: string;
    deadlines?: GroupDeadlines;
    /** The phase each contract is awaited in (default "PASIRASOMA"; an SMPKR contract waits in "RENGIAMA", NUM-11). */
    awaitPhase?: string;
  } = {},
): Promise<{ groupId: string; group: WorkflowHandle; registrationIds: string[] }> {
  const s = { client: stack.client, db: stack.db, taskQueue: stack.config.temporal.taskQueue };
  const { groupId, handle: group } = await publishedGroup(
    s,
    fx,
    options.deadlines ?? deadlinesIn(600, 1200),
    groupInfo(fx, { minParticipants: '1' }),
  );
  const actor = fixtureActor(fx);
  const registrationIds: string[] = [];
  for (const p of participants) {
    const registrationId = await registerThroughWorkflow(stack.db, group, p);
    await group.executeUpdate(decideRegistrationUpdate, {
      args: [{ actor, registrationId, decision: 'APPROVE' }],
      updateId: crypto.randomUUID(),
    });
    registrationIds.push(registrationId);
    // An apprenticeship with an employer (CON-22): the coupon UŽT approved names it. The UŽT path that
    // leads there is tested in uzt-coupon-http; here only its outcome matters to the contract.
    if (options.employerId)
      await stack.db
        .insertInto('uzt_coupons')
        .values({
          registration_id: registrationId,
          institution_id: fx.institutionId,
          section1: {},
          status: 'PATVIRTINTAS',
          employer_id: options.employerId,
        })
        .execute();
  }
  await group.executeUpdate(changeGroupStatusUpdate, { args: [{ actor, to: GroupStatus.InDelivery }], updateId: crypto.randomUUID() });
  for (const id of registrationIds) {
    await eventually(
      () => stack.db.selectFrom('learning_contracts').select('phase').where('id', '=', id).executeTakeFirst(),
      (row) => row?.phase === (options.awaitPhase ?? 'PASIRASOMA'),
    );
    // The row is written a moment before the workflow takes the phase: a signature asked for in between
    // would be refused ("Sutartis dar rengiama…"), so wait for the workflow too.
    await eventually(
      () => stack.client.workflow.getHandle(learningContractWorkflowId(id)).query(contractStateQuery),
      (state) => state.phase === (options.awaitPhase ?? 'PASIRASOMA'),
    );
  }
  return { groupId, group, registrationIds };
}

/**
 * An active user of the institution with these rights, signed in (a session straight in Postgres): one with
 * "Sutarčių pasirašymas" acts under SIGNER_AUTHORITY; an employer's representative names the employer (USERS-32).
 * Without `personalCodeHash`, a person of their own whom no test signs as.
 */
export async function contractUser(
  db: Db,
  institution: { institutionId: string },
  rights: string[],
  names: [string, string],
  { personalCodeHash = `test-${crypto.randomUUID()}`, employerId = null }: { personalCodeHash?: string; employerId?: string | null } = {},
): Promise<TestSession> {
  const row = await db
    .insertInto('institution_users')
    .values({
      institution_id: institution.institutionId,
      first_name: names[0],
      last_name: names[1],
      email: `${crypto.randomUUID().slice(0, 8)}@example.lt`,
      rights,
      status: 'ACTIVE',
      personal_code_hash: personalCodeHash,
      signing_document: rights.includes('SUTARCIU_PASIRASYMAS') ? SIGNER_AUTHORITY : null,
      confirmed_at: new Date(),
      employer_id: employerId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return sessionFor(db, { personalCodeHash, institutionId: institution.institutionId, userId: row.id, names });
}

/** Ends the LearningContract workflows of these contracts (a test's afterAll); those already ended or never started are skipped. */
export async function terminateContracts(stack: TestStack, ids: readonly (string | undefined)[]): Promise<void> {
  for (const id of ids)
    if (id)
      await stack.client.workflow
        .getHandle(learningContractWorkflowId(id))
        .terminate('test done')
        .catch(() => undefined);
}

/** The participant as the contract's signer (what the portal passes to the workflow). */
export const participantSigner = (p: Pick<TestParticipant, 'participantId' | 'personKey'>, name: string): ContractSigner => ({
  party: 'participant',
  participantId: p.participantId,
  personKey: p.personKey,
  name,
});

/** The fixture institution's administrator signing for the provider (as "Jonas Naujokas", under SIGNER_AUTHORITY), as the person of `personalCodeHash`. */
export const providerSigner = (fx: InstitutionFixture, personalCodeHash: string): ContractSigner => ({
  party: 'provider',
  userId: fx.userId,
  institutionId: fx.institutionId,
  personalCodeHash,
  name: 'Jonas Naujokas',
  authority: SIGNER_AUTHORITY,
});

/** The gateway's session id: the last segment of its sign URL. */
export const gatewaySessionId = (signUrl: string): string => new URL(signUrl).pathname.split('/').at(-1)!;

/**
 * One side signs through the workflow, as the portal and the provider's pages do: startContractSigning opens
 * the gateway session, the person of `personalCode` confirms it (the simulator's test control in place of the
 * browser) and completeContractSigning checks and records the signature. Resolves to the contract's state after it.
 */
export async function signThroughWorkflow(
  stack: TestStack,
  registrationId: string,
  signer: ContractSigner,
  personalCode: string,
): Promise<LearningContractState> {
  const contract = stack.client.workflow.getHandle(learningContractWorkflowId(registrationId));
  // Where the app sends each party back (never followed here).
  const path = `/sutartys/${registrationId}/pasirasymas`;
  const back = { participant: `/kursuok${path}`, provider: path, employer: `${path}?salis=darbdavys` }[signer.party];
  const returnUrl = `${stack.config.web.publicUrl}${back}`;
  const { signUrl } = await contract.executeUpdate(startContractSigningUpdate, {
    args: [{ signer, returnUrl }],
    updateId: crypto.randomUUID(),
  });
  const sessionId = gatewaySessionId(signUrl);
  expect((await stack.signing!.signAs(sessionId, personalCode)).status).toBe('signed');
  return contract.executeUpdate(completeContractSigningUpdate, { args: [{ signer, sessionId }], updateId: crypto.randomUUID() });
}

/**
 * A user of "Institucijos sutartys" signs one contract through the pages: „Pasirašyti“ (303 to the gateway)
 * → the person of `personalCode` confirms at the gateway → the gateway's return to the app, whose response
 * this resolves to.
 */
export async function signThroughPages(
  stack: TestStack,
  registrationId: string,
  as: TestSession,
  party: 'provider' | 'employer',
  personalCode: string,
): Promise<Response> {
  const call = appCaller(stack.app);
  const start = await call(`/sutartys/${registrationId}/pasirasyti`, { as, body: { idempotencyKey: crypto.randomUUID(), party } });
  expect(start.status).toBe(303);
  const sessionId = gatewaySessionId(start.headers.get('Location')!);
  expect((await stack.signing!.signAs(sessionId, personalCode)).status).toBe('signed');
  const query = `${party === 'employer' ? 'salis=darbdavys&' : ''}session=${sessionId}&status=signed`;
  return call(`/sutartys/${registrationId}/pasirasymas?${query}`, { as });
}
