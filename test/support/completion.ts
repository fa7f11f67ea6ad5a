// Groups whose learning contracts are in force, for the completion tests (issue 13): each contract
// signed through the workflow by its participant and then by the provider's signer; and the timetable
// cut to one session today, the day the marks "Mokymus pradėjo" and "Mokymus baigė" are for
// (DONE-13, DONE-14).
import type { WorkflowHandle } from '@temporalio/client';
import { expect } from 'vitest';
import { hashPersonalCode } from '../../worker/crypto.ts';
import { vilniusDate } from '../../workflows/domain/calendar.ts';
import type { GroupDeadlines } from '../../workflows/domain/group-deadlines.ts';
import { contractParticipant, groupWithContracts, participantSigner, providerSigner, signThroughWorkflow } from './contracts.ts';
import type { InstitutionFixture } from './fixtures.ts';
import { uniquePersonalCode, type TestParticipant } from './participants.ts';
import type { TestStack } from './stack.ts';

/**
 * The contract `registrationId` signed by `participant` (as `name`, the person of `personalCode`) and
 * then for the provider by the person of `signerCode`: it is in force ("GALIOJA").
 */
export async function signIntoForce(
  stack: TestStack,
  fx: InstitutionFixture,
  registrationId: string,
  participant: { person: TestParticipant; name: string; personalCode: string },
  signerCode: string,
): Promise<void> {
  await signThroughWorkflow(stack, registrationId, participantSigner(participant.person, participant.name), participant.personalCode);
  const signerHash = hashPersonalCode(stack.config.secrets.personalCodePepper, signerCode);
  expect((await signThroughWorkflow(stack, registrationId, providerSigner(fx, signerHash), signerCode)).phase).toBe('GALIOJA');
}

/**
 * A group "Vykdoma" of participants with these first names (each a person of her own code), whose
 * contracts the participants and the provider's signer (the person of `signerCode`) have signed.
 */
export async function groupInForce(
  stack: TestStack,
  fx: InstitutionFixture,
  firstNames: readonly string[],
  signerCode: string,
  options: { deadlines?: GroupDeadlines } = {},
): Promise<{ groupId: string; group: WorkflowHandle; ids: string[]; people: TestParticipant[] }> {
  const hash = (code: string) => hashPersonalCode(stack.config.secrets.personalCodePepper, code);
  const codes = firstNames.map(() => uniquePersonalCode());
  const people = await Promise.all(firstNames.map((n, i) => contractParticipant(stack.db, n, hash(codes[i]!))));
  const { groupId, group, registrationIds: ids } = await groupWithContracts(stack, fx, people, options);
  for (const [i, id] of ids.entries())
    await signIntoForce(stack, fx, id, { person: people[i]!, name: people[i]!.firstName, personalCode: codes[i]! }, signerCode);
  return { groupId, group, ids, people };
}

/** The group's timetable as it stands: its first session only, today. */
export async function onlySessionToday(stack: TestStack, groupId: string): Promise<void> {
  const sessions = await stack.db
    .selectFrom('group_sessions')
    .select('id')
    .where('group_id', '=', groupId)
    .orderBy('session_date')
    .execute();
  await stack.db
    .deleteFrom('group_sessions')
    .where(
      'id',
      'in',
      sessions.slice(1).map((s) => s.id),
    )
    .execute();
  await stack.db
    .updateTable('group_sessions')
    .set({ session_date: vilniusDate(new Date()) })
    .where('id', '=', sessions[0]!.id)
    .execute();
}
