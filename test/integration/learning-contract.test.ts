// A learning contract through the real path (issue 12; L5, CON-1, CON-16, CON-18, NUM-7): the group
// becomes "Vykdoma" → it starts LearningContract:<registrationId> → the contract is numbered and its
// PDF generated and stored (Postgres) → the participant and the provider's signer sign at the signing
// gateway simulator → each signature is checked and recorded → in force, and the group counts it.
// The final file carries two signatures that Debian's pdfsig verifies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStoredFile } from '../../db/queries/files.ts';
import { learningContractWorkflowId } from '../../workflows/ids.ts';
import {
  completeContractSigningUpdate,
  contractStateQuery,
  recordCompletionMarkUpdate,
  startContractSigningUpdate,
  type ContractSigner,
} from '../../workflows/learning-contract/messages.ts';
import { groupStateQuery } from '../../workflows/training-group/messages.ts';
import { hashPersonalCode } from '../../worker/crypto.ts';
import { createInstitution, type InstitutionFixture } from '../support/fixtures.ts';
import { uniquePersonalCode } from '../support/participants.ts';
import { pdfsig } from '../support/pdfsig.ts';
import { startStack, type TestStack } from '../support/stack.ts';
import { eventually } from '../support/wait.ts';
import {
  contractParticipant,
  gatewaySessionId,
  groupWithContracts,
  participantSigner,
  providerSigner,
  signThroughWorkflow,
} from '../support/contracts.ts';

// The participant and the provider's signer: people of their own (tests share the database; the gateway certifies any valid code).
const PARTICIPANT_CODE = uniquePersonalCode();
const SIGNER_CODE = uniquePersonalCode();

let stack: TestStack;
let fx: InstitutionFixture;

beforeAll(async () => {
  stack = await startStack('learning-contract', { simulators: true });
  fx = await createInstitution(stack.db, 'Sutarčių institucija');
});

afterAll(async () => {
  await stack?.stop();
});

const hash = (code: string) => hashPersonalCode(stack.config.secrets.personalCodePepper, code);

describe('a learning contract from "Vykdoma" to in force (L5)', () => {
  it('is numbered, generated, signed by both through the gateway with checked signatures, and counted by the group', async () => {
    const p = await contractParticipant(stack.db, 'Ona', hash(PARTICIPANT_CODE));
    const { groupId, group, registrationIds } = await groupWithContracts(stack, fx, [p]);
    const registrationId = registrationIds[0]!;

    // K1: numbered from the institution's stage (NUM-7) and generated (CON-16), in Postgres.
    const prepared = await eventually(
      () => stack.db.selectFrom('learning_contracts').selectAll().where('id', '=', registrationId).executeTakeFirst(),
      (row) => row?.phase === 'PASIRASOMA',
    );
    expect(prepared).toMatchObject({
      number: 'MS-00001',
      participant_status: 'LAUKIA_PARASO',
      provider_status: 'LAUKIA_PARASO',
      group_id: groupId,
    });
    const original = (await readStoredFile(stack.db, fx.institutionId, prepared!.document_file_id!))!;
    expect(original.purpose).toBe('LEARNING_CONTRACT');
    expect(new TextDecoder('latin1').decode(original.content.subarray(0, 5))).toBe('%PDF-');

    const contract = stack.client.workflow.getHandle(learningContractWorkflowId(registrationId));
    const participant = participantSigner(p, 'Ona Dalyvaitė');
    const signer = providerSigner(fx, hash(SIGNER_CODE));

    // The wrong person at the gateway: checked and refused, nothing recorded.
    const { signUrl } = await contract.executeUpdate(startContractSigningUpdate, {
      args: [{ signer: participant, returnUrl: 'http://localhost/atgal' }],
      updateId: crypto.randomUUID(),
    });
    const wrongSession = gatewaySessionId(signUrl);
    await stack.signing!.signAs(wrongSession, SIGNER_CODE);
    await expect(
      contract.executeUpdate(completeContractSigningUpdate, {
        args: [{ signer: participant, sessionId: wrongSession }],
        updateId: crypto.randomUUID(),
      }),
    ).rejects.toThrow();
    expect((await contract.query(contractStateQuery)).sides.participant).toBe('LAUKIA_PARASO');

    // Each signer confirms at the gateway (a fresh VIISP login there; the test control path here).
    const afterParticipant = await signThroughWorkflow(stack, registrationId, participant, PARTICIPANT_CODE);
    expect(afterParticipant.sides.participant).toBe('PASIRASYTA');
    const inForce = await signThroughWorkflow(stack, registrationId, signer, SIGNER_CODE);
    expect(inForce.phase).toBe('GALIOJA');

    const row = await eventually(
      () => stack.db.selectFrom('learning_contracts').selectAll().where('id', '=', registrationId).executeTakeFirstOrThrow(),
      (r) => r.phase === 'GALIOJA',
    );
    expect(row).toMatchObject({
      participant_status: 'PASIRASYTA',
      provider_status: 'PASIRASYTA',
      provider_signer_user_id: fx.userId,
      provider_signer_authority: 'Direktoriaus 2024-01-15 įsakymas Nr. V-12',
    });
    expect(row.participant_signed_at).not.toBeNull();
    // The signed file: the original with two incremental signatures, both valid and trusted (pdfsig).
    const signed = (await readStoredFile(stack.db, fx.institutionId, row.document_file_id!))!;
    expect(Buffer.from(signed.content.subarray(0, original.content.length)).equals(Buffer.from(original.content))).toBe(true);
    const reports = await pdfsig(signed.content, [stack.signing!.caCertificatePem]);
    expect(reports).toHaveLength(2);
    for (const r of reports) expect(JSON.stringify(r)).toContain('Signature is Valid');

    // K4: the group counts the contract in force (the registration is "Sutartis pasirašyta").
    await eventually(
      () => group.query(groupStateQuery),
      (st) => st.registrations?.[registrationId]?.status === 'CONTRACTED',
    );
    const audit = await stack.db
      .selectFrom('audit_log')
      .select(['action', 'changes'])
      .where('entity_type', '=', 'learning_contract')
      .where('entity_id', '=', registrationId)
      .execute();
    expect(audit.map((a) => a.action)).toContain('create');

    // In force, completion (issue 13, L6): the marks' windows come from the group's timetable in Postgres.
    const days = await stack.db
      .selectFrom('group_sessions')
      .select((eb) => eb.fn.min('session_date').as('first'))
      .where('group_id', '=', groupId)
      .executeTakeFirstOrThrow();
    await expect(
      contract.executeUpdate(recordCompletionMarkUpdate, {
        args: [{ userId: fx.userId, institutionId: fx.institutionId, action: 'start' }],
        updateId: crypto.randomUUID(),
      }),
    ).rejects.toMatchObject({ cause: { message: `Žymą „Mokymus pradėjo“ galima pažymėti nuo pirmojo užsiėmimo dienos (${days.first}).` } });
    expect(
      (await stack.db.selectFrom('learning_contracts').select('started_at').where('id', '=', registrationId).executeTakeFirstOrThrow())
        .started_at,
    ).toBeNull();
    await contract.terminate('test done');
    await group.terminate('test done');
  });

  it('a trilateral apprenticeship contract waits for the employer too: three checked signatures, in force only then (CON-22, USERS-32)', async () => {
    const employer = await stack.db
      .insertInto('employers')
      .values({
        institution_id: fx.institutionId,
        name: 'UAB Meistrų dirbtuvės',
        code: '304050607',
        active: true,
        representative_first_name: 'Petras',
        representative_last_name: 'Meistras',
        email: 'petras@meistrai.example.lt',
        practice_address: 'Pramonės g. 5, Kaunas',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const participantCode = uniquePersonalCode();
    const employerCode = uniquePersonalCode();
    const p = await contractParticipant(stack.db, 'Rūta', hash(participantCode));
    const { group, registrationIds } = await groupWithContracts(stack, fx, [p], { employerId: employer.id });
    const registrationId = registrationIds[0]!;
    expect(
      await stack.db
        .selectFrom('learning_contracts')
        .select(['employer_id', 'employer_status'])
        .where('id', '=', registrationId)
        .executeTakeFirst(),
    ).toEqual({ employer_id: employer.id, employer_status: 'LAUKIA_PARASO' });

    const contract = stack.client.workflow.getHandle(learningContractWorkflowId(registrationId));
    const employerSigner = (employerId: string): ContractSigner => ({
      party: 'employer',
      userId: fx.userId,
      institutionId: fx.institutionId,
      personalCodeHash: hash(employerCode),
      name: 'Petras Meistras',
      employerId,
    });

    await signThroughWorkflow(stack, registrationId, participantSigner(p, 'Rūta Dalyvė'), participantCode);
    const afterProvider = await signThroughWorkflow(stack, registrationId, providerSigner(fx, hash(SIGNER_CODE)), SIGNER_CODE);
    // Two of three: still being signed, the employer's side awaited.
    expect(afterProvider).toMatchObject({
      phase: 'PASIRASOMA',
      sides: { participant: 'PASIRASYTA', provider: 'PASIRASYTA', employer: 'LAUKIA_PARASO' },
    });
    // Another employer's representative cannot sign it.
    await expect(
      contract.executeUpdate(startContractSigningUpdate, {
        args: [{ signer: employerSigner(crypto.randomUUID()), returnUrl: 'http://localhost/atgal' }],
        updateId: crypto.randomUUID(),
      }),
    ).rejects.toThrow();
    const inForce = await signThroughWorkflow(stack, registrationId, employerSigner(employer.id), employerCode);
    expect(inForce).toMatchObject({ phase: 'GALIOJA', sides: { employer: 'PASIRASYTA' } });

    const row = await eventually(
      () => stack.db.selectFrom('learning_contracts').selectAll().where('id', '=', registrationId).executeTakeFirstOrThrow(),
      (r) => r.phase === 'GALIOJA',
    );
    expect(row.employer_status).toBe('PASIRASYTA');
    expect(row.employer_signed_at).not.toBeNull();
    const signed = (await readStoredFile(stack.db, fx.institutionId, row.document_file_id!))!;
    const reports = await pdfsig(signed.content, [stack.signing!.caCertificatePem]);
    expect(reports).toHaveLength(3);
    for (const r of reports) expect(JSON.stringify(r)).toContain('Signature is Valid');
    await eventually(
      () => group.query(groupStateQuery),
      (st) => st.registrations?.[registrationId]?.status === 'CONTRACTED',
    );
    await contract.terminate('test done');
    await group.terminate('test done');
  });
});
