// An SMPKR (VET) programme's learning contract through the real path (issue 12; NUM-9, NUM-10, NUM-11,
// OQ-13): the participant logs in to the portal through VIISP (her personal code is kept sealed) → the
// group becomes "Vykdoma" → the contract waits, pending, with the reason (also while Mokinių registras
// is down, and, for a participant who has not logged in since, saying so) → the provider registers the
// learner in Mokinių registras (the simulator's test control) → the contract gets the register's number
// and registration date, no numbering stage used, its PDF shows them (pdftotext) → both sides sign it.
// The personal code appears in no workflow history, page or audit row.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT_MESSAGES } from '../../activities/learning-contract.ts';
import { readStoredFile } from '../../db/queries/files.ts';
import { MOKINIU_REGISTRAS_REMINDER, PENDING_NUMBER_TEXT } from '../../workflows/domain/contract-document.ts';
import { learningContractWorkflowId } from '../../workflows/ids.ts';
import { hashPersonalCode, unsealPersonalCode } from '../../worker/crypto.ts';
import { driveViispLogin } from '../sim/viisp/drive.ts';
import { TEST_PEOPLE } from '../sim/viisp/people.ts';
import { contractParticipant, groupWithContracts, participantSigner, providerSigner, signThroughWorkflow } from '../support/contracts.ts';
import { createInstitution, type InstitutionFixture } from '../support/fixtures.ts';
import { Jar, ORIGIN } from '../support/login.ts';
import { uniquePersonalCode, type TestParticipant } from '../support/participants.ts';
import { pdfTextLine } from '../support/pdftext.ts';
import { adminSession } from '../support/session.ts';
import { startStack, type TestStack } from '../support/stack.ts';
import { eventually } from '../support/wait.ts';

const PERSON = TEST_PEOPLE.egle;
const SIGNER_CODE = uniquePersonalCode();
const REGISTER_NUMBER = `MS-2026-${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
const REGISTERED_ON = '2026-11-25';

let stack: TestStack;
let fx: InstitutionFixture;
let smpkr: InstitutionFixture;
let institutionCode: string;
let programmeCode: string;

const hash = (code: string) => hashPersonalCode(stack.config.secrets.personalCodePepper, code);

beforeAll(async () => {
  // A pepper of this run's own: the VIISP test person's account is new on every run. The register is
  // asked again every second while it has no number (production: 10 minutes).
  stack = await startStack('smpkr-contract', {
    simulators: true,
    env: { KURSUOK_PERSONAL_CODE_PEPPER: `smpkr-${crypto.randomUUID()}`, KURSUOK_CONTRACT_NUMBER_RETRY_MS: '1000' },
  });
  fx = await createInstitution(stack.db, 'Profesinio mokymo centras');
  // Mokinių registras knows institutions by their 9-digit legal entity code.
  institutionCode = `3${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  await stack.db.updateTable('institutions').set({ code: institutionCode }).where('id', '=', fx.institutionId).execute();
  // A licensed VET programme of SMPKR at the institution's venue ("Licencijuotų mokymo programų sąrašas").
  programmeCode = `P4${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
  const programme = await stack.db
    .insertInto('programmes')
    .values({
      institution_id: fx.institutionId,
      code: programmeCode,
      name: 'Apskaitininko modulinė profesinio mokymo programa',
      kind: 'NONFORMAL_VET',
      languages: ['lietuvių'],
      contact_hours: '40.00',
      venue_id: fx.venueId,
      smpkr_code: programmeCode,
      training_mode: 'KONTAKTINIS',
      theory_hours: '15.00',
      practice_hours: '25.00',
      self_study_hours: '5.00',
      licence_number: 'PM-001234',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await stack.db
    .insertInto('programme_execution_info')
    .values({
      programme_id: programme.id,
      institution_id: fx.institutionId,
      execution_specifics: 'Praktika vyksta mokymo centro dirbtuvėse.',
      contact_name: 'Rasa Kontaktinė',
      contact_phone: '+370 600 12345',
      contact_email: 'kontaktai@example.lt',
      payment_terms: 'Mokama iš Individualios mokymosi sąskaitos.',
    })
    .execute();
  smpkr = { ...fx, programmeId: programme.id, programmeCode };
});

afterAll(async () => {
  await stack?.stop();
});

/** The participant's VIISP login to the portal (/kursuok/prisijungti/viisp), as a browser does it. */
async function loginToPortal(personalCode: string): Promise<Jar> {
  const jar = new Jar();
  const start = jar.take(await stack.app.request(`${ORIGIN}/kursuok/prisijungti/viisp`, { headers: { Cookie: jar.header() } }));
  expect(start.status).toBe(303);
  const back = await driveViispLogin(start.headers.get('location')!, { personalCode });
  const callback = jar.take(await stack.app.request(back, { headers: { Cookie: jar.header() } }));
  expect(callback.status).toBe(303);
  return jar;
}

/** A workflow history as text, its payloads (base64 of JSON, or bytes) decoded. */
function historyText(history: unknown): string {
  return JSON.stringify(history, (key, value: unknown) => {
    if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
    return key === 'data' && typeof value === 'string' ? Buffer.from(value, 'base64').toString('utf8') : value;
  });
}

const contractRow = (id: string) => stack.db.selectFrom('learning_contracts').selectAll().where('id', '=', id).executeTakeFirst();

describe('an SMPKR contract gets its number and date from "Mokinių registras" (NUM-9..NUM-11, OQ-13)', () => {
  it("waits pending with the reason, then takes the register's number and date, renders them and is signed", async () => {
    // The portal login seals the personal code beside the birth date; the code itself is nowhere in the row or the audit.
    const jar = await loginToPortal(PERSON.personalCode);
    const account = await stack.db
      .selectFrom('participants')
      .selectAll()
      .where('person_key', '=', hash(PERSON.personalCode))
      .executeTakeFirstOrThrow();
    expect(account.personal_code_sealed).toMatch(/^v1\./);
    expect(JSON.stringify(account)).not.toContain(PERSON.personalCode);
    expect(unsealPersonalCode(stack.config.secrets.personalCodePepper, account.personal_code_sealed, account.id)).toBe(PERSON.personalCode);
    const audit = await stack.db.selectFrom('audit_log').select('changes').where('entity_id', '=', account.id).execute();
    expect(JSON.stringify(audit)).toContain('personal_code_sealed');
    expect(JSON.stringify(audit)).not.toContain(PERSON.personalCode);
    expect(JSON.stringify(audit)).not.toContain(account.personal_code_sealed);
    // A second login keeps the seal (it still opens): nothing is written again.
    await loginToPortal(PERSON.personalCode);
    const again = await stack.db
      .selectFrom('participants')
      .select('personal_code_sealed')
      .where('id', '=', account.id)
      .executeTakeFirstOrThrow();
    expect(again.personal_code_sealed).toBe(account.personal_code_sealed);

    const email = `egle-${crypto.randomUUID().slice(0, 8)}@dalyviai.example.lt`;
    await stack.db.updateTable('participants').set({ email, phone: '+37060011111' }).where('id', '=', account.id).execute();
    const loggedIn: TestParticipant = { participantId: account.id, personKey: account.person_key, firstName: PERSON.givenName, email };
    // One who has not logged in since the personal code is kept: no seal.
    const notSealed = await contractParticipant(stack.db, 'Rūta', hash(uniquePersonalCode()));

    // Mokinių registras is down when the group becomes "Vykdoma": the contract waits, it does not fail.
    stack.registries!.fail('students', { mode: 'status', status: 503 });
    const { groupId, group, registrationIds } = await groupWithContracts(stack, smpkr, [loggedIn, notSealed], { awaitPhase: 'RENGIAMA' });
    const [contractId, notSealedId] = registrationIds as [string, string];
    const outage = await eventually(
      () => contractRow(contractId),
      (r) => r?.waiting_reason === CONTRACT_MESSAGES.smpkrUnavailable,
    );
    expect(outage).toMatchObject({ phase: 'RENGIAMA', number: null, waiting_reason: CONTRACT_MESSAGES.smpkrUnavailable });
    expect(
      await eventually(
        () => contractRow(notSealedId),
        (r) => r?.waiting_reason === CONTRACT_MESSAGES.smpkrNoPersonalCode,
      ),
    ).toMatchObject({ phase: 'RENGIAMA', number: null, waiting_reason: CONTRACT_MESSAGES.smpkrNoPersonalCode });

    // The register answers again but has no contract yet (another programme's does not count): pending (NUM-11).
    stack.registries!.recover('students');
    stack.registries!.addStudentContract({
      contractNumber: `${REGISTER_NUMBER}-K`,
      registeredOn: '2026-10-01',
      personalCode: PERSON.personalCode,
      institutionCode,
      programmeCode: 'P49999999',
      status: 'ACTIVE',
    });
    const pending = await eventually(
      () => contractRow(contractId),
      (r) => r?.waiting_reason === CONTRACT_MESSAGES.smpkrPending,
    );
    expect(pending).toMatchObject({ phase: 'RENGIAMA', number: null, dated_on: null, document_file_id: null });
    expect(CONTRACT_MESSAGES.smpkrPending).toContain(MOKINIU_REGISTRAS_REMINDER);
    // Asked again every second, still pending: one audit row per change of what it waits for, not per ask.
    await new Promise((r) => setTimeout(r, 2500));
    const waits = await stack.db
      .selectFrom('audit_log')
      .select('changes')
      .where('entity_type', '=', 'learning_contract')
      .where('entity_id', '=', contractId)
      .orderBy('occurred_at')
      .execute();
    expect(waits.map((w) => w.changes.waiting_reason?.after)).toEqual([CONTRACT_MESSAGES.smpkrUnavailable, CONTRACT_MESSAGES.smpkrPending]);

    // The provider's page: the number pending and the NUM-10 reminder.
    const admin = await adminSession(stack.db, fx);
    const page = async () =>
      (await stack.app.request(`${ORIGIN}/sutartys/grupes/${groupId}`, { headers: { Cookie: admin.cookie } })).text();
    const pendingHtml = await page();
    expect(pendingHtml).toContain(PENDING_NUMBER_TEXT);
    expect(pendingHtml).toContain(MOKINIU_REGISTRAS_REMINDER);
    // The portal: her contract "rengiama", with what it waits for.
    const portal = await (
      await stack.app.request(`${ORIGIN}/kursuok/sutartys/${contractId}`, { headers: { Cookie: jar.header() } })
    ).text();
    expect(portal).toContain('rengiama');
    expect(portal).toContain('Laukiama sutarties numerio ir registracijos datos iš Mokinių registro');
    for (const html of [pendingHtml, portal]) expect(html).not.toContain(PERSON.personalCode);

    // The provider registers the learner in Mokinių registras: the contract takes its number and date (NUM-9).
    stack.registries!.addStudentContract({
      contractNumber: REGISTER_NUMBER,
      registeredOn: REGISTERED_ON,
      personalCode: PERSON.personalCode,
      institutionCode,
      programmeCode,
      status: 'ACTIVE',
    });
    const ready = await eventually(
      () => contractRow(contractId),
      (r) => r?.phase === 'PASIRASOMA',
    );
    expect(ready).toMatchObject({
      number: REGISTER_NUMBER,
      dated_on: REGISTERED_ON,
      number_source: 'MOKINIU_REGISTRAS',
      number_stage_id: null,
      waiting_reason: null,
    });
    // NUM-11: the institution's numbering stage gave no number.
    const stage = await stack.db
      .selectFrom('contract_numbering_stages')
      .select('issued_count')
      .where('institution_id', '=', fx.institutionId)
      .executeTakeFirstOrThrow();
    expect(stage.issued_count).toBe(0);
    // The document shows the register's number and registration date.
    const document = (await readStoredFile(stack.db, fx.institutionId, ready!.document_file_id!))!;
    const text = await pdfTextLine(document.content);
    expect(text).toContain(`Nr. ${REGISTER_NUMBER}`);
    expect(text).toContain(`Registracijos Mokinių registre data ${REGISTERED_ON}`);
    expect(text).not.toContain(PENDING_NUMBER_TEXT);
    expect(await page()).toContain(REGISTER_NUMBER);

    // Signed by both through the gateway: in force.
    const contract = stack.client.workflow.getHandle(learningContractWorkflowId(contractId));
    await signThroughWorkflow(stack, contractId, participantSigner(loggedIn, 'Eglė Paulauskienė'), PERSON.personalCode);
    const inForce = await signThroughWorkflow(stack, contractId, providerSigner(fx, hash(SIGNER_CODE)), SIGNER_CODE);
    expect(inForce).toMatchObject({ phase: 'GALIOJA', number: REGISTER_NUMBER });

    // The one without a seal still waits, saying why; the personal code is in no workflow's history.
    expect(await contractRow(notSealedId)).toMatchObject({ number: null, waiting_reason: CONTRACT_MESSAGES.smpkrNoPersonalCode });
    const history = historyText(await contract.fetchHistory());
    expect(history).toContain(REGISTER_NUMBER);
    expect(history).not.toContain(PERSON.personalCode);
    expect(history).not.toContain(account.personal_code_sealed);
    await stack.client.workflow.getHandle(learningContractWorkflowId(notSealedId)).terminate('test done');
    await contract.terminate('test done').catch(() => undefined);
    await group.terminate('test done');
  });
});
