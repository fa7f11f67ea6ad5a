// Learning contracts for tests (issue 12): participants a contract can be generated for, and a group
// made "Vykdoma" whose approved participants' contracts are prepared and await signatures (K1).
import type { WorkflowHandle } from '@temporalio/client';
import type { Db } from '../../db/client.ts';
import type { GroupDeadlines } from '../../workflows/domain/group-deadlines.ts';
import { GroupStatus } from '../../workflows/domain/group-status.ts';
import { changeGroupStatusUpdate, decideRegistrationUpdate } from '../../workflows/training-group/messages.ts';
import type { InstitutionFixture } from './fixtures.ts';
import {
  deadlinesIn,
  fixtureActor,
  groupInfo,
  insertParticipant,
  publishedGroup,
  registerThroughWorkflow,
  type TestParticipant,
} from './participants.ts';
import type { TestStack } from './stack.ts';
import { eventually } from './wait.ts';

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
  for (const id of registrationIds)
    await eventually(
      () => stack.db.selectFrom('learning_contracts').select('phase').where('id', '=', id).executeTakeFirst(),
      (row) => row?.phase === (options.awaitPhase ?? 'PASIRASOMA'),
    );
  return { groupId, group, registrationIds };
}
