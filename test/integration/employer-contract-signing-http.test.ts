// The employer's representative signs a trilateral apprenticeship contract through the pages (issue 12;
// CON-22, USERS-32): the contract of a UŽT apprenticeship with an employer waits for three signatures;
// the representative linked to that employer signs it through "Institucijos sutartys" and the signing
// gateway simulator, a representative of another employer cannot, and the contract is in force only
// once the participant, the provider's signer and the employer have all signed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { learningContractWorkflowId } from '../../workflows/ids.ts';
import {
  completeContractSigningUpdate,
  startContractSigningUpdate,
  type ContractSigner,
} from '../../workflows/learning-contract/messages.ts';
import { hashPersonalCode } from '../../worker/crypto.ts';
import { createInstitution, type InstitutionFixture } from '../support/fixtures.ts';
import { uniquePersonalCode } from '../support/participants.ts';
import { pdfsig } from '../support/pdfsig.ts';
import { sessionFor, type TestSession } from '../support/session.ts';
import { startStack, type TestStack } from '../support/stack.ts';
import { eventually } from '../support/wait.ts';
import { contractParticipant, groupWithContracts } from '../support/contracts.ts';

const ORIGIN = 'http://localhost';
const PARTICIPANT_CODE = uniquePersonalCode();
const SIGNER_CODE = uniquePersonalCode();
const REPRESENTATIVE_CODE = uniquePersonalCode();

let stack: TestStack;
let fx: InstitutionFixture;
let employerId: string;
let registrationId: string;
let groupId: string;
let participantId: string;
let personKey: string;

const hash = (code: string) => hashPersonalCode(stack.config.secrets.personalCodePepper, code);

async function userWith(
  rights: string[],
  personalCodeHash: string,
  names: [string, string],
  employer: string | null,
): Promise<TestSession> {
  const row = await stack.db
    .insertInto('institution_users')
    .values({
      institution_id: fx.institutionId,
      first_name: names[0],
      last_name: names[1],
      email: `${crypto.randomUUID().slice(0, 8)}@example.lt`,
      rights,
      status: 'ACTIVE',
      personal_code_hash: personalCodeHash,
      signing_document: rights.includes('SUTARCIU_PASIRASYMAS') ? 'Direktoriaus 2024-01-15 įsakymas Nr. V-12' : null,
      confirmed_at: new Date(),
      employer_id: employer,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return sessionFor(stack.db, { personalCodeHash, institutionId: fx.institutionId, userId: row.id, names });
}

function get(path: string, as: TestSession) {
  return stack.app.request(`${ORIGIN}${path}`, { headers: { Cookie: as.cookie } });
}

function post(path: string, as: TestSession, form: Record<string, string>) {
  return stack.app.request(`${ORIGIN}${path}`, {
    method: 'POST',
    headers: { Cookie: as.cookie, Origin: ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: as.csrf, ...form }).toString(),
  });
}

const contractRow = () => stack.db.selectFrom('learning_contracts').selectAll().where('id', '=', registrationId).executeTakeFirstOrThrow();

/** Signs through the page: "Pasirašyti" → the gateway (the person confirms) → back to the app. */
async function signThroughPage(as: TestSession, party: 'provider' | 'employer', personalCode: string) {
  const start = await post(`/sutartys/${registrationId}/pasirasyti`, as, { idempotencyKey: crypto.randomUUID(), party });
  expect(start.status).toBe(303);
  const sessionId = new URL(start.headers.get('Location')!).pathname.split('/').at(-1)!;
  expect((await stack.signing!.signAs(sessionId, personalCode)).status).toBe('signed');
  const query = `${party === 'employer' ? 'salis=darbdavys&' : ''}session=${sessionId}&status=signed`;
  return get(`/sutartys/${registrationId}/pasirasymas?${query}`, as);
}

beforeAll(async () => {
  stack = await startStack('employer-contract-signing-http', { simulators: true });
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
  const p = await contractParticipant(stack.db, 'Gintarė', hash(PARTICIPANT_CODE));
  participantId = p.participantId;
  personKey = p.personKey;
  const created = await groupWithContracts(stack, fx, [p], { employerId });
  registrationId = created.registrationIds[0]!;
  groupId = created.groupId;
}, 120_000);

afterAll(async () => {
  if (registrationId)
    await stack.client.workflow
      .getHandle(learningContractWorkflowId(registrationId))
      .terminate('test done')
      .catch(() => undefined);
  await stack?.stop();
});

describe('a trilateral contract signed by the employer’s representative through the pages (CON-22, USERS-32)', () => {
  it('three sides; another employer’s representative is refused; in force after the third signature, which pdfsig verifies', async () => {
    expect(await contractRow()).toMatchObject({ employer_id: employerId, employer_status: 'LAUKIA_PARASO', phase: 'PASIRASOMA' });
    const representative = await userWith(['DARBDAVIO_ATSTOVAS'], hash(REPRESENTATIVE_CODE), ['Darius', 'Atstovas'], employerId);
    const otherEmployer = await stack.db
      .insertInto('employers')
      .values({ institution_id: fx.institutionId, name: 'UAB Kiti', code: '302000112' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const stranger = await userWith(['DARBDAVIO_ATSTOVAS'], `test-${crypto.randomUUID()}`, ['Nijolė', 'Kitodarbdavio'], otherEmployer.id);
    const signer = await userWith(['SUTARCIU_PASIRASYMAS'], hash(SIGNER_CODE), ['Jonas', 'Pasirašantis'], null);

    // The group page: the employer's column, and the representative's own button.
    const page = await (await get(`/sutartys/grupes/${groupId}`, representative)).text();
    expect(page).toContain('<th scope="col">Darbdavio sutartis</th>');
    expect(page).toContain('Pasirašyti darbdavio vardu');
    // Another employer's representative: not theirs (404), nothing changes.
    const refused = await post(`/sutartys/${registrationId}/pasirasyti`, stranger, {
      idempotencyKey: crypto.randomUUID(),
      party: 'employer',
    });
    expect(refused.status).toBe(404);

    // The participant signs (as the portal does, through the workflow's Update), then the provider's signer.
    const contract = stack.client.workflow.getHandle(learningContractWorkflowId(registrationId));
    const participant: ContractSigner = { party: 'participant', participantId, personKey, name: 'Gintarė Dalyvaitė' };
    const { signUrl } = await contract.executeUpdate(startContractSigningUpdate, {
      args: [{ signer: participant, returnUrl: `${ORIGIN}/kursuok/atgal` }],
      updateId: crypto.randomUUID(),
    });
    const participantSession = new URL(signUrl).pathname.split('/').at(-1)!;
    expect((await stack.signing!.signAs(participantSession, PARTICIPANT_CODE)).status).toBe('signed');
    await contract.executeUpdate(completeContractSigningUpdate, {
      args: [{ signer: participant, sessionId: participantSession }],
      updateId: crypto.randomUUID(),
    });
    expect((await signThroughPage(signer, 'provider', SIGNER_CODE)).status).toBe(303);
    const twoOfThree = await eventually(contractRow, (r) => r.provider_status === 'PASIRASYTA');
    expect(twoOfThree).toMatchObject({ phase: 'PASIRASOMA', employer_status: 'LAUKIA_PARASO' });

    // The representative signs for the employer: in force.
    const back = await signThroughPage(representative, 'employer', REPRESENTATIVE_CODE);
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
    const again = await post(`/sutartys/${registrationId}/pasirasyti`, representative, {
      idempotencyKey: crypto.randomUUID(),
      party: 'employer',
    });
    expect(again.status).toBe(409);
  });
});
