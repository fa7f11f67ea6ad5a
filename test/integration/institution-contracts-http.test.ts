// "Institucijos sutartys" through HTTP (manual §3.12; CON-2..CON-4, CON-8..CON-15, CON-19, CON-22,
// CON-27, USERS-32) with the real LearningContract workflow, Postgres and the signing gateway
// simulator: the group list and a group's contracts, a signer's round trip through the gateway, the
// employee without the signing right, termination (422 without the required reason), the termination
// information, the PDF download and another institution's contract (404).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPersonalCode } from '../../worker/crypto.ts';
import { createInstitution, type InstitutionFixture } from '../support/fixtures.ts';
import { appCaller } from '../support/http.ts';
import { type TestParticipant, uniquePersonalCode } from '../support/participants.ts';
import type { TestSession } from '../support/session.ts';
import { startStack, type TestStack } from '../support/stack.ts';
import { eventually } from '../support/wait.ts';
import {
  contractParticipant,
  contractUser,
  gatewaySessionId,
  groupWithContracts,
  participantSigner,
  signThroughWorkflow,
  terminateContracts,
} from '../support/contracts.ts';

// The participant and the provider's signer: people of their own (tests share the database; the gateway certifies any valid code).
const PARTICIPANT_CODE = uniquePersonalCode();
const SIGNER_CODE = uniquePersonalCode();

let stack: TestStack;
let call: ReturnType<typeof appCaller>;
let fx: InstitutionFixture;
let other: InstitutionFixture;
let signerSession: TestSession;
let employeeSession: TestSession;
let otherSession: TestSession;
let groupId: string;
let signed: { registrationId: string; participant: TestParticipant };
let unsigned: { registrationId: string };

const hash = (code: string) => hashPersonalCode(stack.config.secrets.personalCodePepper, code);

async function contractRow(id: string) {
  return stack.db.selectFrom('learning_contracts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** The cells of the table row of one contract (text only). */
async function rowOf(path: string, as: TestSession, contractId: string): Promise<string> {
  const body = await (await call(path, { as })).text();
  const match = new RegExp(`<tr id="sutartis-${contractId}">([\\s\\S]*?)</tr>`).exec(body);
  if (!match) throw new Error(`no row of ${contractId} in ${path}`);
  return match[1]!;
}

beforeAll(async () => {
  stack = await startStack('institution-contracts-http', { simulators: true });
  call = appCaller(stack.app);
  fx = await createInstitution(stack.db, 'Sutarčių aplikacijos institucija');
  other = await createInstitution(stack.db, 'Kita institucija');
  signerSession = await contractUser(stack.db, fx, ['SUTARCIU_PASIRASYMAS'], ['Jonas', 'Pasirašantis'], {
    personalCodeHash: hash(SIGNER_CODE),
  });
  employeeSession = await contractUser(stack.db, fx, ['DARBUOTOJAS'], ['Eglė', 'Darbuotoja']);
  otherSession = await contractUser(stack.db, other, ['SUTARCIU_PASIRASYMAS', 'ADMINISTRATORIUS'], ['Kitas', 'Kitaitis']);

  // A group with two approved participants becomes "Vykdoma": two contracts are prepared (K1).
  const ona = await contractParticipant(stack.db, 'Ona', hash(PARTICIPANT_CODE));
  const rita = await contractParticipant(stack.db, 'Rita');
  const created = await groupWithContracts(stack, fx, [ona, rita]);
  groupId = created.groupId;
  const [onaRegistration, ritaRegistration] = created.registrationIds as [string, string];
  signed = { registrationId: onaRegistration, participant: ona };
  unsigned = { registrationId: ritaRegistration };
}, 120_000);

afterAll(async () => {
  await terminateContracts(stack, [signed?.registrationId, unsigned?.registrationId]);
  await stack?.stop();
});

describe('"Institucijos sutartys" (§3.12)', () => {
  it('lists the groups in "Vykdoma" with contracts (CON-27) and a group’s contracts with the columns (CON-3)', async () => {
    const list = await call('/sutartys', { as: signerSession });
    expect(list.status).toBe(200);
    const listBody = await list.text();
    expect(listBody).toContain('<h1>Institucijos sutartys</h1>');
    expect(listBody).toContain(`href="/sutartys/grupes/${groupId}"`);
    expect(listBody).toContain('Vykdoma');
    // Two contracts, none in force, both awaiting.
    const groupRow = new RegExp(`href="/sutartys/grupes/${groupId}"[\\s\\S]*?</tr>`).exec(listBody)![0];
    expect(groupRow.match(/<td>(\d+)<\/td>/g)).toEqual(['<td>0</td>', '<td>2</td>']);
    // Another institution does not see this group.
    expect(await (await call('/sutartys', { as: otherSession })).text()).not.toContain(groupId);

    const page = await call(`/sutartys/grupes/${groupId}`, { as: signerSession });
    expect(page.status).toBe(200);
    const body = await page.text();
    for (const heading of ['Mokymo dalyvis', 'Sutarties numeris', 'Dalyvio sutartis', 'Mokymo teikėjo sutartis'])
      expect(body).toContain(`<th scope="col">${heading}</th>`);
    // Not trilateral: no employer column (CON-22).
    expect(body).not.toContain('Darbdavio sutartis');
    expect(body).toContain('Ona Dalyvaitė');
    expect(body).toContain('Rita Dalyvaitė');
    const row = await rowOf(`/sutartys/grupes/${groupId}`, signerSession, signed.registrationId);
    expect(row).toContain('Laukia parašo');
    expect(row).toContain('Pasirašyti');
    // The navigation now serves the application instead of "dar neįdiegta".
    const home = await (await call('/', { as: signerSession })).text();
    expect(home).toContain('<a href="/sutartys">Institucijos sutartys</a>');
  });

  it('an employee (no "Sutarčių pasirašymas") sees the contracts but gets no „Pasirašyti“, and a POST is refused (CON-15)', async () => {
    const page = await call(`/sutartys/grupes/${groupId}`, { as: employeeSession });
    expect(page.status).toBe(200);
    const body = await page.text();
    expect(body).toContain('Ona Dalyvaitė');
    expect(body).not.toContain('>Pasirašyti</button>');
    const res = await call(`/sutartys/${signed.registrationId}/pasirasyti`, {
      as: employeeSession,
      body: { idempotencyKey: crypto.randomUUID(), party: 'provider' },
    });
    expect([403, 404]).toContain(res.status);
    expect((await contractRow(signed.registrationId)).provider_status).toBe('LAUKIA_PARASO');
    const terminate = await call(`/sutartys/${signed.registrationId}/nutraukti`, {
      as: employeeSession,
      body: { idempotencyKey: crypto.randomUUID(), ground: 'TEIKEJO_ISIPAREIGOJIMAI', reason: 'x' },
    });
    expect([403, 404]).toContain(terminate.status);
  });

  it('a signer signs through the gateway: the provider side „Pasirašyta“; with the participant signed, „Galioja“ (CON-4, CON-18)', async () => {
    const start = await call(`/sutartys/${signed.registrationId}/pasirasyti`, {
      as: signerSession,
      body: { idempotencyKey: crypto.randomUUID(), party: 'provider' },
    });
    expect(start.status).toBe(303);
    const sessionId = gatewaySessionId(start.headers.get('Location')!);
    // A cancelled return changes nothing and says so.
    const cancelled = await call(`/sutartys/${signed.registrationId}/pasirasymas?session=${sessionId}&status=cancelled`, {
      as: signerSession,
    });
    expect(cancelled.status).toBe(303);
    const cancelledPage = await (await call(cancelled.headers.get('Location')!, { as: signerSession })).text();
    expect(cancelledPage).toContain('Pasirašymas atšauktas');
    expect((await contractRow(signed.registrationId)).provider_status).toBe('LAUKIA_PARASO');

    expect((await stack.signing!.signAs(sessionId, SIGNER_CODE)).status).toBe('signed');
    const back = await call(`/sutartys/${signed.registrationId}/pasirasymas?session=${sessionId}&status=signed`, { as: signerSession });
    expect(back.status).toBe(303);
    expect(back.headers.get('Location')).toContain(`/sutartys/grupes/${groupId}?pranesimas=pasirasyta`);
    const afterProvider = await eventually(
      () => contractRow(signed.registrationId),
      (r) => r.provider_status === 'PASIRASYTA',
    );
    expect(afterProvider.provider_signer_name).toBeTruthy();
    expect(afterProvider.provider_signer_authority).toBe('Direktoriaus 2024-01-15 įsakymas Nr. V-12');
    const row = await rowOf(`/sutartys/grupes/${groupId}`, signerSession, signed.registrationId);
    expect(row).toMatch(/<td>Laukia parašo<\/td><td>Pasirašyta<\/td>/);
    expect(row).not.toContain('>Pasirašyti</button>');

    // The participant signs (as the portal would, through the workflow's Update).
    await signThroughWorkflow(stack, signed.registrationId, participantSigner(signed.participant, 'Ona Dalyvaitė'), PARTICIPANT_CODE);
    await eventually(
      () => contractRow(signed.registrationId),
      (r) => r.phase === 'GALIOJA',
    );
    const inForce = await rowOf(`/sutartys/grupes/${groupId}`, signerSession, signed.registrationId);
    expect(inForce).toContain('Galioja');
    expect(inForce).toMatch(/<td>Pasirašyta<\/td><td>Pasirašyta<\/td>/);
    expect(inForce).toContain('Nutraukti sutartį');
    expect(inForce).toContain('Atsisiųsti sutartį');
  });

  it('downloads the current PDF as an attachment with a safe name (CON-13, CON-19); unsigned contracts have none', async () => {
    const res = await call(`/sutartys/${signed.registrationId}/dokumentas`, { as: employeeSession });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('application/pdf');
    const disposition = res.headers.get('Content-Disposition')!;
    expect(disposition).toMatch(/^attachment; filename="Mokymosi sutartis [A-Za-z0-9 ._()-]+\.pdf"/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(new TextDecoder('latin1').decode(bytes.subarray(0, 5))).toBe('%PDF-');
    // The signed file: larger than the original (two signatures appended).
    const row = await contractRow(signed.registrationId);
    const stored = await stack.db.selectFrom('stored_files').select('size').where('id', '=', row.document_file_id!).executeTakeFirst();
    if (stored) expect(bytes.length).toBe(Number(stored.size));
    expect((await call(`/sutartys/${unsigned.registrationId}/dokumentas`, { as: signerSession })).status).toBe(404);
  });

  it('terminates: no reason on the participant’s non-fulfilment → 422; with a reason → „Nutraukta“ and the information page (CON-8..CON-14)', async () => {
    const form = await call(`/sutartys/${signed.registrationId}/nutraukti`, { as: signerSession });
    expect(form.status).toBe(200);
    const formBody = await form.text();
    expect(formBody).toContain('Mokymo teikėjo įsipareigojimų nevykdymas');
    expect(formBody).toContain('Mokymo dalyvio įsipareigojimų nevykdymas');
    // She did not ask: her request is no ground here.
    expect(formBody).not.toContain('Mokymo dalyvio prašymas nutraukti sutartį');

    const key = crypto.randomUUID();
    const missing = await call(`/sutartys/${signed.registrationId}/nutraukti`, {
      as: signerSession,
      body: { idempotencyKey: key, ground: 'DALYVIO_ISIPAREIGOJIMAI', reason: '  ' },
    });
    expect(missing.status).toBe(422);
    expect(await missing.text()).toContain('Nurodykite mokymosi sutarties nutraukimo priežastį.');
    expect((await contractRow(signed.registrationId)).phase).toBe('GALIOJA');

    const done = await call(`/sutartys/${signed.registrationId}/nutraukti`, {
      as: signerSession,
      body: { idempotencyKey: key, ground: 'DALYVIO_ISIPAREIGOJIMAI', reason: 'Nelanko užsiėmimų.' },
    });
    expect(done.status).toBe(303);
    const row = await eventually(
      () => contractRow(signed.registrationId),
      (r) => r.phase === 'NUTRAUKTA',
    );
    expect(row).toMatchObject({ participant_status: 'NUTRAUKTA', provider_status: 'NUTRAUKTA', termination_initiator: 'TEIKEJAS' });
    const cells = await rowOf(`/sutartys/grupes/${groupId}`, signerSession, signed.registrationId);
    expect(cells).toMatch(/<td>Nutraukta<\/td><td>Nutraukta<\/td>/);
    expect(cells).toContain('Sutarties nutraukimo informacija');

    const info = await call(`/sutartys/${signed.registrationId}/nutraukimas`, { as: employeeSession });
    expect(info.status).toBe(200);
    const infoBody = await info.text();
    expect(infoBody).toContain('Mokymo dalyvio įsipareigojimų nevykdymas');
    expect(infoBody).toContain('Nelanko užsiėmimų.');
    expect(infoBody).toContain('Mokymo teikėjas');
    expect(infoBody).toContain('Jonas Pasirašantis');
    // A second termination: refused, nothing changes.
    const again = await call(`/sutartys/${signed.registrationId}/nutraukti`, {
      as: signerSession,
      body: { idempotencyKey: crypto.randomUUID(), ground: 'TEIKEJO_ISIPAREIGOJIMAI', reason: '' },
    });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('Sutartis jau nutraukta.');
    // The terminated contract can still be downloaded.
    expect((await call(`/sutartys/${signed.registrationId}/dokumentas`, { as: signerSession })).status).toBe(200);
  });

  it('another institution’s contract and group: 404 everywhere (GEN-5)', async () => {
    for (const path of [
      `/sutartys/grupes/${groupId}`,
      `/sutartys/${signed.registrationId}/dokumentas`,
      `/sutartys/${signed.registrationId}/nutraukimas`,
      `/sutartys/${unsigned.registrationId}/nutraukti`,
      `/sutartys/${unsigned.registrationId}/pasirasymas?session=x&status=signed`,
    ]) {
      const res = await call(path, { as: otherSession });
      expect(res.status, path).toBe(404);
      expect(await res.text(), path).not.toContain('Dalyvaitė');
    }
    const res = await call(`/sutartys/${unsigned.registrationId}/pasirasyti`, {
      as: otherSession,
      body: { idempotencyKey: crypto.randomUUID(), party: 'provider' },
    });
    expect(res.status).toBe(404);
    expect((await contractRow(unsigned.registrationId)).provider_status).toBe('LAUKIA_PARASO');
  });

  it('an employer representative sees only the trilateral contracts of their employer, and another employer’s none (USERS-32, CON-22)', async () => {
    const employer = await stack.db
      .insertInto('employers')
      .values({ institution_id: fx.institutionId, name: 'UAB Meistrai', code: '300000123' })
      .returning('id')
      .executeTakeFirstOrThrow();
    // Rita's contract as a trilateral one (the projection's columns; this test only reads).
    await stack.db
      .updateTable('learning_contracts')
      .set({ employer_id: employer.id, employer_status: 'LAUKIA_PARASO' })
      .where('id', '=', unsigned.registrationId)
      .execute();
    const representative = await contractUser(stack.db, fx, ['DARBDAVIO_ATSTOVAS'], ['Darius', 'Atstovas'], { employerId: employer.id });
    // Every representative is linked to an employer (check constraint institution_users_employer_right): another employer's sees nothing.
    const otherEmployer = await stack.db
      .insertInto('employers')
      .values({ institution_id: fx.institutionId, name: 'UAB Kiti', code: '300000124' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const unlinked = await contractUser(stack.db, fx, ['DARBDAVIO_ATSTOVAS'], ['Nijolė', 'Kitodarbdavio'], {
      employerId: otherEmployer.id,
    });

    const page = await (await call(`/sutartys/grupes/${groupId}`, { as: representative })).text();
    expect(page).toContain('<th scope="col">Darbdavio sutartis</th>');
    expect(page).toContain('Rita Dalyvaitė');
    expect(page).toContain('UAB Meistrai');
    expect(page).not.toContain('Ona Dalyvaitė');
    expect(page).toContain('Pasirašyti darbdavio vardu');
    expect(page).not.toContain('>Pasirašyti</button>');
    expect((await call(`/sutartys/${signed.registrationId}/nutraukimas`, { as: representative })).status).toBe(404);
    const list = await (await call('/sutartys', { as: representative })).text();
    expect(list).toContain(`href="/sutartys/grupes/${groupId}"`);

    // The signer sees both, with the employer's column.
    const all = await (await call(`/sutartys/grupes/${groupId}`, { as: signerSession })).text();
    expect(all).toContain('Ona Dalyvaitė');
    expect(all).toContain('<th scope="col">Darbdavio sutartis</th>');

    expect(await (await call('/sutartys', { as: unlinked })).text()).not.toContain(groupId);
    const nothing = await (await call(`/sutartys/grupes/${groupId}`, { as: unlinked })).text();
    expect(nothing).not.toContain('Dalyvaitė');
    expect(nothing).toContain('Sutarčių nėra.');
  });
});
