// The learning contract's e-mails through the real path (issue 12; §5 N12, N13; CON-7, CON-15, CON-23,
// PORTAL-7): the participant submits "Prašymas nutraukti sutartį" in the portal → the LearningContract
// workflow projects it and, in the same transaction, queues N12 to every active user of the institution
// with "Sutarčių pasirašymas" (nobody else) → the workflow delivers them over SMTP (Mailpit). The
// provider's signer terminates on "Institucijos sutartys" → N13 reaches the participant with the date,
// the ground, the reason and the link to her contract. A repeated projection of the same version queues
// nothing twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLearningContractActivities } from '../../activities/learning-contract.ts';
import { ContractNotice } from '../../db/queries/learning-contracts.ts';
import { formatDate } from '../../workflows/domain/date-format.ts';
import { learningContractWorkflowId } from '../../workflows/ids.ts';
import { hashPersonalCode } from '../../worker/crypto.ts';
import { contractParticipant, groupWithContracts, participantSigner, providerSigner, signThroughWorkflow } from '../support/contracts.ts';
import { createInstitution, type InstitutionFixture } from '../support/fixtures.ts';
import { appCaller } from '../support/http.ts';
import { mailpit, mailpitQuery } from '../support/mailpit.ts';
import { uniquePersonalCode } from '../support/participants.ts';
import { personSessionFor, sessionFor } from '../support/session.ts';
import { startStack, type TestStack } from '../support/stack.ts';
import { eventually } from '../support/wait.ts';

const PARTICIPANT_CODE = uniquePersonalCode();
const SIGNER_CODE = uniquePersonalCode();

let stack: TestStack;
let fx: InstitutionFixture;
let call: ReturnType<typeof appCaller>;
const tag = crypto.randomUUID().slice(0, 8);

const hash = (code: string) => hashPersonalCode(stack.config.secrets.personalCodePepper, code);

/** An institution user with these rights and status, with an address of this test's own. */
async function user(f: InstitutionFixture, who: string, rights: string[], status: 'ACTIVE' | 'INVITED' | 'REMOVED' = 'ACTIVE') {
  const email = `${who}-${tag}@teikejas.example.lt`;
  const row = await stack.db
    .insertInto('institution_users')
    .values({
      institution_id: f.institutionId,
      first_name: who[0]!.toUpperCase() + who.slice(1),
      last_name: 'Teikėjaitė',
      email,
      rights,
      status,
      personal_code_hash: `test-${crypto.randomUUID()}`,
      signing_document: rights.includes('SUTARCIU_PASIRASYMAS') ? 'Direktoriaus 2024-01-15 įsakymas Nr. V-12' : null,
      confirmed_at: status === 'ACTIVE' ? new Date() : null,
      removed_at: status === 'REMOVED' ? new Date() : null,
    })
    .returning(['id', 'personal_code_hash'])
    .executeTakeFirstOrThrow();
  return { id: row.id, email, personalCodeHash: row.personal_code_hash! };
}

beforeAll(async () => {
  await mailpit.ensureUp();
  stack = await startStack('contract-emails', { simulators: true });
  fx = await createInstitution(stack.db, 'Sutarčių laiškų institucija');
  call = appCaller(stack.app);
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

const outboxOf = (contractId: string, kind: string) =>
  stack.db
    .selectFrom('email_outbox')
    .selectAll()
    .where('entity_type', '=', 'learning_contract')
    .where('entity_id', '=', contractId)
    .where('kind', '=', kind)
    .orderBy('to_address')
    .execute();

describe('contract e-mails of §5 (N12, N13)', () => {
  it('N12 reaches every active signing user and nobody else; N13 reaches the participant with the date, ground, reason and link', async () => {
    const signerA = await user(fx, 'asta', ['SUTARCIU_PASIRASYMAS']);
    const signerB = await user(fx, 'benas', ['ADMINISTRATORIUS', 'SUTARCIU_PASIRASYMAS']);
    const employee = await user(fx, 'darius', ['DARBUOTOJAS']);
    const removed = await user(fx, 'rimas', ['SUTARCIU_PASIRASYMAS'], 'REMOVED');
    const invited = await user(fx, 'ieva', ['SUTARCIU_PASIRASYMAS'], 'INVITED');
    // Another institution's signer hears nothing of this contract.
    const other = await createInstitution(stack.db, 'Kita institucija');
    const otherSigner = await user(other, 'kitas', ['SUTARCIU_PASIRASYMAS']);

    const ona = await contractParticipant(stack.db, `ona${tag}`, hash(PARTICIPANT_CODE));
    const { groupId, group, registrationIds } = await groupWithContracts(stack, fx, [ona]);
    const contractId = registrationIds[0]!;
    // N5 (GRP-34, CON-17): "Vykdoma" invited her, with the link to "Mano sutartys".
    const invitation = await mailpit.waitForMessage(() => true, 15_000, mailpitQuery({ to: ona.email, subject: 'Kvietimas pasirašyti' }));
    expect((await mailpit.message(invitation.ID)).Text.replace(/\r\n/g, '\n')).toContain(
      `„Mano sutartys“:\n${stack.config.web.publicUrl}/kursuok/sutartys\n`,
    );
    const contract = stack.client.workflow.getHandle(learningContractWorkflowId(contractId));
    // Both parties sign through the gateway simulator: the contract is in force (K4).
    await signThroughWorkflow(stack, contractId, participantSigner(ona, 'Ona Dalyvaitė'), PARTICIPANT_CODE);
    await signThroughWorkflow(stack, contractId, providerSigner(fx, hash(SIGNER_CODE)), SIGNER_CODE);
    await eventually(
      () => stack.db.selectFrom('learning_contracts').select('phase').where('id', '=', contractId).executeTakeFirstOrThrow(),
      (r) => r.phase === 'GALIOJA',
    );
    const names = await stack.db
      .selectFrom('learning_contracts as c')
      .innerJoin('training_groups as g', 'g.id', 'c.group_id')
      .innerJoin('programmes as p', 'p.id', 'c.programme_id')
      .select(['c.number', 'g.name as group_name', 'p.name as programme_name'])
      .where('c.id', '=', contractId)
      .executeTakeFirstOrThrow();
    const participantName = `${ona.firstName} Dalyvaitė`;

    // PORTAL-7: she asks in "Mano sutartys".
    const asOna = await personSessionFor(stack.db, {
      audience: 'DALYVIS',
      personKey: ona.personKey,
      participantId: ona.participantId,
      names: [ona.firstName, 'Dalyvaitė'],
    });
    const reason = 'Pakeičiau darbą ir negaliu lankyti mokymų.';
    const asked = await call(`/kursuok/sutartys/${contractId}/nutraukti`, {
      as: asOna,
      body: { idempotencyKey: crypto.randomUUID(), reason },
    });
    expect(asked.status).toBe(303);

    // N12: queued for exactly the two active signers, and delivered by the workflow.
    const n12 = await eventually(
      () => outboxOf(contractId, ContractNotice.TerminationRequested),
      (rows) => rows.length === 2 && rows.every((r) => r.sent_at !== null),
    );
    expect(n12.map((r) => r.to_address)).toEqual([signerA.email, signerB.email]);
    const subject = `Prašymas nutraukti mokymosi sutartį: ${participantName}`;
    for (const signer of [signerA, signerB]) {
      const found = await mailpit.waitForMessage(() => true, 15_000, mailpitQuery({ to: signer.email, subject: 'Prašymas nutraukti' }));
      expect(found.Subject).toBe(subject);
      const text = (await mailpit.message(found.ID)).Text;
      expect(text).toMatch(new RegExp(`^Sveiki, ${signer === signerA ? 'Asta' : 'Benas'},`));
      expect(text).toContain(`mokymo dalyvio ${participantName} prašymas nutraukti mokymosi sutartį Nr. ${names.number}`);
      expect(text).toContain(`mokymosi programa „${names.programme_name}“, grupė „${names.group_name}“`);
      expect(text).toContain(`Prašymo priežastis: ${reason}`);
      expect(text).toContain(`${stack.config.web.publicUrl}/sutartys/grupes/${groupId}`);
    }
    for (const nobody of [employee, removed, invited, otherSigner])
      expect(await mailpit.search(mailpitQuery({ to: nobody.email }))).toEqual([]);
    expect(await mailpit.search(mailpitQuery({ to: (await fxAdminEmail()) ?? '', subject: 'Prašymas nutraukti' }))).toEqual([]);

    // The same projection again (a retried activity, a replayed workflow): nothing queued twice, the same e-mails reported.
    const row = await stack.db.selectFrom('learning_contracts').selectAll().where('id', '=', contractId).executeTakeFirstOrThrow();
    const activities = createLearningContractActivities({ db: stack.db, config: stack.config });
    const again = await activities.projectLearningContract({
      contractId,
      institutionId: fx.institutionId,
      version: row.version,
      phase: row.phase,
      participantStatus: row.participant_status,
      providerStatus: row.provider_status,
      employerStatus: row.employer_status,
      waitingReason: row.waiting_reason,
      set: { termination_requested_at: row.termination_requested_at, termination_request_reason: row.termination_request_reason },
      actor: { participantId: ona.participantId },
    });
    expect(again.applied).toBe(false);
    expect([...again.outboxIds].sort()).toEqual(n12.map((r) => r.id).sort());
    expect(await outboxOf(contractId, ContractNotice.TerminationRequested)).toHaveLength(2);

    // K7 (CON-9): the signer grants her request on "Institucijos sutartys".
    const asSigner = await sessionFor(stack.db, {
      personalCodeHash: signerA.personalCodeHash,
      institutionId: fx.institutionId,
      userId: signerA.id,
      names: ['Asta', 'Teikėjaitė'],
    });
    const done = await call(`/sutartys/${contractId}/nutraukti`, {
      as: asSigner,
      body: { idempotencyKey: crypto.randomUUID(), ground: 'DALYVIO_PRASYMAS', reason: 'Prašymas patenkintas.' },
    });
    expect(done.status).toBe(303);

    // N13: to her registration's address only, delivered.
    const n13 = await eventually(
      () => outboxOf(contractId, ContractNotice.Terminated),
      (rows) => rows.length === 1 && rows[0]!.sent_at !== null,
    );
    expect(n13.map((r) => r.to_address)).toEqual([ona.email]);
    const terminated = await stack.db.selectFrom('learning_contracts').selectAll().where('id', '=', contractId).executeTakeFirstOrThrow();
    const found = await mailpit.waitForMessage(() => true, 15_000, mailpitQuery({ to: ona.email, subject: 'Mokymosi sutartis nutraukta' }));
    const text = (await mailpit.message(found.ID)).Text;
    expect(text).toMatch(new RegExp(`^Sveiki, ${ona.firstName},`));
    expect(text).toContain(`${formatDate(terminated.terminated_at)} nutraukė jūsų mokymosi sutartį Nr. ${names.number}`);
    expect(text).toContain('Nutraukimo pagrindas: Mokymo dalyvio prašymas nutraukti sutartį.');
    expect(text).toContain('Nutraukimo priežastis: Prašymas patenkintas.');
    expect(text).toContain(`${stack.config.web.publicUrl}/kursuok/sutartys/${contractId}`);
    // The signers were not told of the termination by e-mail.
    for (const signer of [signerA, signerB])
      expect(await mailpit.search(mailpitQuery({ to: signer.email, subject: 'Mokymosi sutartis nutraukta' }))).toEqual([]);

    await contract.terminate('test done').catch(() => undefined);
    await group.terminate('test done').catch(() => undefined);
  });
});

async function fxAdminEmail(): Promise<string | undefined> {
  const row = await stack.db.selectFrom('institution_users').select('email').where('id', '=', fx.userId).executeTakeFirst();
  return row?.email;
}
