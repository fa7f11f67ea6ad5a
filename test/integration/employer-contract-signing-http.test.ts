// The employer's representative signs a trilateral apprenticeship contract through the pages (issue 12;
// CON-22, USERS-32): the contract of a UŽT apprenticeship with an employer waits for three signatures;
// the representative linked to that employer signs it through "Institucijos sutartys" and the signing
// gateway simulator, a representative of another employer cannot, and the contract is in force only
// once the participant, the provider's signer and the employer have all signed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPersonalCode } from '../../worker/crypto.ts';
import { createInstitution, type InstitutionFixture } from '../support/fixtures.ts';
import { appCaller } from '../support/http.ts';
import { type TestParticipant, uniquePersonalCode } from '../support/participants.ts';
import { pdfsig } from '../support/pdfsig.ts';
import { startStack, type TestStack } from '../support/stack.ts';
import { eventually } from '../support/wait.ts';
import {
  contractParticipant,
  contractUser,
  groupWithContracts,
  participantSigner,
  signThroughPages,
  signThroughWorkflow,
  terminateContracts,
} from '../support/contracts.ts';

const PARTICIPANT_CODE = uniquePersonalCode();
const SIGNER_CODE = uniquePersonalCode();
const REPRESENTATIVE_CODE = uniquePersonalCode();

let stack: TestStack;
let call: ReturnType<typeof appCaller>;
let fx: InstitutionFixture;
let employerId: string;
let registrationId: string;
let groupId: string;
let participant: TestParticipant;

const hash = (code: string) => hashPersonalCode(stack.config.secrets.personalCodePepper, code);

const contractRow = () => stack.db.selectFrom('learning_contracts').selectAll().where('id', '=', registrationId).executeTakeFirstOrThrow();

beforeAll(async () => {
  stack = await startStack('employer-contract-signing-http', { simulators: true });
  call = appCaller(stack.app);
  fx = await createInstitution(stack.db, 'Pameistrystės institucija');
  const employer = await stack.db
    .insertInto('employers')
    .values({
      institution_id: fx.institutionId,
      name: 'UAB Staliai',
      code: '302000111',
      active: true,
      representative_first_name: 'Darius',
      representative_last_name: 'Atstovas',
      email: 'darius@staliai.example.lt',
      practice_address: 'Medžio g. 3, Vilnius',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  employerId = employer.id;
  participant = await contractParticipant(stack.db, 'Gintarė', hash(PARTICIPANT_CODE));
  const created = await groupWithContracts(stack, fx, [participant], { employerId });
  registrationId = created.registrationIds[0]!;
  groupId = created.groupId;
}, 120_000);

afterAll(async () => {
  await terminateContracts(stack, [registrationId]);
  await stack?.stop();
});

describe('a trilateral contract signed by the employer’s representative through the pages (CON-22, USERS-32)', () => {
  it('three sides; another employer’s representative is refused; in force after the third signature, which pdfsig verifies', async () => {
    expect(await contractRow()).toMatchObject({ employer_id: employerId, employer_status: 'LAUKIA_PARASO', phase: 'PASIRASOMA' });
    const representative = await contractUser(stack.db, fx, ['DARBDAVIO_ATSTOVAS'], ['Darius', 'Atstovas'], {
      personalCodeHash: hash(REPRESENTATIVE_CODE),
      employerId,
    });
    const otherEmployer = await stack.db
      .insertInto('employers')
      .values({ institution_id: fx.institutionId, name: 'UAB Kiti', code: '302000112' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const stranger = await contractUser(stack.db, fx, ['DARBDAVIO_ATSTOVAS'], ['Nijolė', 'Kitodarbdavio'], {
      employerId: otherEmployer.id,
    });
    const signer = await contractUser(stack.db, fx, ['SUTARCIU_PASIRASYMAS'], ['Jonas', 'Pasirašantis'], {
      personalCodeHash: hash(SIGNER_CODE),
    });

    // The group page: the employer's column, and the representative's own button.
    const page = await (await call(`/sutartys/grupes/${groupId}`, { as: representative })).text();
    expect(page).toContain('<th scope="col">Darbdavio sutartis</th>');
    expect(page).toContain('Pasirašyti darbdavio vardu');
    // Another employer's representative: not theirs (404), nothing changes.
    const refused = await call(`/sutartys/${registrationId}/pasirasyti`, {
      as: stranger,
      body: { idempotencyKey: crypto.randomUUID(), party: 'employer' },
    });
    expect(refused.status).toBe(404);

    // The participant signs (as the portal does, through the workflow's Update), then the provider's signer.
    await signThroughWorkflow(stack, registrationId, participantSigner(participant, 'Gintarė Dalyvaitė'), PARTICIPANT_CODE);
    expect((await signThroughPages(stack, registrationId, signer, 'provider', SIGNER_CODE)).status).toBe(303);
    const twoOfThree = await eventually(contractRow, (r) => r.provider_status === 'PASIRASYTA');
    expect(twoOfThree).toMatchObject({ phase: 'PASIRASOMA', employer_status: 'LAUKIA_PARASO' });

    // The representative signs for the employer: in force.
    const back = await signThroughPages(stack, registrationId, representative, 'employer', REPRESENTATIVE_CODE);
    expect(back.status).toBe(303);
    expect(back.headers.get('Location')).toContain(`/sutartys/grupes/${groupId}?pranesimas=pasirasyta`);
    const row = await eventually(contractRow, (r) => r.phase === 'GALIOJA');
    expect(row).toMatchObject({ participant_status: 'PASIRASYTA', provider_status: 'PASIRASYTA', employer_status: 'PASIRASYTA' });
    expect(row.employer_signed_at).not.toBeNull();
    const file = await stack.db
      .selectFrom('stored_files')
      .select('content')
      .where('id', '=', row.document_file_id!)
      .executeTakeFirstOrThrow();
    const signatures = await pdfsig(file.content, [stack.signing!.caCertificatePem]);
    expect(signatures.map((s) => s.signatureValidation)).toEqual(['Signature is Valid.', 'Signature is Valid.', 'Signature is Valid.']);
    // Signing again: the side is signed, so no button, and a POST is refused with a message.
    const again = await call(`/sutartys/${registrationId}/pasirasyti`, {
      as: representative,
      body: { idempotencyKey: crypto.randomUUID(), party: 'employer' },
    });
    expect(again.status).toBe(409);
  });
});
