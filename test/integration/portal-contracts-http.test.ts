// "Mano sutartys" in the KURSUOK portal over HTTP (PORTAL-6, PORTAL-7, CON-17; L5), with the real
// group and contract workflows, Postgres and the signing gateway simulator (its test control signs
// in place of the browser): the list and the contract's page, the download, the signing round trip
// (her side becomes „Pasirašyta“ in Postgres), a replayed form or return doing nothing twice, a
// cancelled or refused signing and a signature by the wrong person changing nothing, another
// participant's contract 404, and "Prašymas nutraukti sutartį" only for a contract in force.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDeadline } from '../../workflows/domain/date-format.ts';
import { hashPersonalCode } from '../../worker/crypto.ts';
import { createInstitution, type InstitutionFixture } from '../support/fixtures.ts';
import { appCaller } from '../support/http.ts';
import { insertParticipant, type TestParticipant, uniquePersonalCode } from '../support/participants.ts';
import { personSessionFor, type TestSession } from '../support/session.ts';
import { startStack, type TestStack } from '../support/stack.ts';
import { eventually } from '../support/wait.ts';
import { contractParticipant, gatewaySessionId, groupWithContracts, providerSigner, signThroughWorkflow } from '../support/contracts.ts';

// The participant and the provider's signer (also "the wrong person"): people of their own (tests share the database).
const PARTICIPANT_CODE = uniquePersonalCode();
const SIGNER_CODE = uniquePersonalCode();

let stack: TestStack;
let fx: InstitutionFixture;
let call: ReturnType<typeof appCaller>;
let ona: TestParticipant;
let asOna: TestSession;
let asOther: TestSession;

const hash = (code: string) => hashPersonalCode(stack.config.secrets.personalCodePepper, code);
const contractRow = (id: string) => stack.db.selectFrom('learning_contracts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

beforeAll(async () => {
  stack = await startStack('portal-contracts', { simulators: true });
  fx = await createInstitution(stack.db, 'Portalo sutarčių institucija');
  call = appCaller(stack.app);
  ona = await contractParticipant(stack.db, 'Ona', hash(PARTICIPANT_CODE));
  asOna = await personSessionFor(stack.db, {
    audience: 'DALYVIS',
    personKey: ona.personKey,
    participantId: ona.participantId,
    names: ['Ona', 'Dalyvaitė'],
  });
  const other = await insertParticipant(stack.db, { firstName: 'Rasa' });
  asOther = await personSessionFor(stack.db, {
    audience: 'DALYVIS',
    personKey: other.personKey,
    participantId: other.participantId,
    names: ['Rasa', 'Dalyvaitė'],
  });
});

afterAll(async () => {
  await stack?.stop();
});

/** Ona's approved registration in a group made "Vykdoma": its contract, numbered and awaiting signatures (K1). */
async function contractAwaitingSignatures(): Promise<{ id: string; groupName: string; number: string }> {
  const { groupId, registrationIds } = await groupWithContracts(stack, fx, [ona]);
  const registrationId = registrationIds[0]!;
  const row = await stack.db.selectFrom('learning_contracts').select('number').where('id', '=', registrationId).executeTakeFirstOrThrow();
  const g = await stack.db.selectFrom('training_groups').select('name').where('id', '=', groupId).executeTakeFirstOrThrow();
  return { id: registrationId, groupName: g.name, number: row.number! };
}

/** „Pasirašyti sutartį“: the form's POST answers 303 to the gateway; the session id is the sign URL's last segment. */
async function openSigning(contractId: string, key = crypto.randomUUID()): Promise<{ location: string; sessionId: string }> {
  const res = await call(`/kursuok/sutartys/${contractId}/pasirasyti`, { as: asOna, body: { idempotencyKey: key } });
  expect(res.status).toBe(303);
  const location = res.headers.get('location')!;
  expect(location.startsWith(stack.config.signing.gatewayUrl)).toBe(true);
  return { location, sessionId: gatewaySessionId(location) };
}

const back = (contractId: string, sessionId: string, status: string) =>
  call(`/kursuok/sutartys/${contractId}/pasirasymas?session=${encodeURIComponent(sessionId)}&status=${status}`, { as: asOna });

/** The participant signs through the pages and the gateway. */
async function signAsOna(contractId: string) {
  const { sessionId } = await openSigning(contractId);
  expect((await stack.signing!.signAs(sessionId, PARTICIPANT_CODE)).status).toBe('signed');
  const res = await back(contractId, sessionId, 'signed');
  expect(res.status).toBe(303);
  return res;
}

describe('"Mano sutartys" (PORTAL-6, CON-17)', () => {
  it('lists her contract and shows its page and the PDF to download', async () => {
    const c = await contractAwaitingSignatures();
    const programme = await stack.db.selectFrom('programmes').select('name').where('id', '=', fx.programmeId).executeTakeFirstOrThrow();
    const row = await contractRow(c.id);

    const list = await call('/kursuok/sutartys', { as: asOna });
    expect(list.status).toBe(200);
    const listHtml = await list.text();
    expect(listHtml).toContain('Mano sutartys');
    expect(listHtml).toContain(programme.name);
    expect(listHtml).toContain(c.groupName);
    expect(listHtml).toContain(`href="/kursuok/sutartys/${c.id}">${c.number}</a>`);
    expect(listHtml).toContain('Laukia parašo');
    expect(listHtml).toContain('Pasirašoma');
    expect(listHtml).toContain(formatDeadline(row.signing_deadline));
    // The nav item of the portal.
    expect(listHtml).toContain('href="/kursuok/sutartys"');

    const page = await call(`/kursuok/sutartys/${c.id}`, { as: asOna });
    expect(page.status).toBe(200);
    const pageHtml = await page.text();
    expect(pageHtml).toContain(`Mokymosi sutartis Nr. ${c.number}`);
    expect(pageHtml).toContain('Atsisiųsti sutartį');
    expect(pageHtml).toContain('Pasirašyti sutartį');
    // Not in force: no termination request yet (PORTAL-7).
    expect(pageHtml).not.toContain('Pateikti prašymą nutraukti sutartį');

    const pdf = await call(`/kursuok/sutartys/${c.id}/dokumentas`, { as: asOna });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toMatch(/^attachment; filename="Mokymosi sutartis [A-Za-z0-9 _-]+\.pdf"/);
    const bytes = new Uint8Array(await pdf.arrayBuffer());
    expect(new TextDecoder('latin1').decode(bytes.subarray(0, 5))).toBe('%PDF-');
  });

  it('signing round trip: her side becomes „Pasirašyta“ in Postgres; a replayed form or return does nothing twice', async () => {
    const c = await contractAwaitingSignatures();
    const key = crypto.randomUUID();
    const first = await openSigning(c.id, key);
    // The same form sent again: the same session, none opened anew.
    const again = await openSigning(c.id, key);
    expect(again.location).toBe(first.location);
    expect((await stack.signing!.signAs(first.sessionId, PARTICIPANT_CODE)).status).toBe('signed');

    const returned = await back(c.id, first.sessionId, 'signed');
    expect(returned.status).toBe(303);
    expect(returned.headers.get('location')).toBe(`/kursuok/sutartys/${c.id}?pranesimas=pasirasyta`);
    const signed = await contractRow(c.id);
    expect(signed.participant_status).toBe('PASIRASYTA');
    expect(signed.provider_status).toBe('LAUKIA_PARASO');
    expect(signed.participant_signed_at).not.toBeNull();

    const page = await call(returned.headers.get('location')!, { as: asOna });
    const html = await page.text();
    expect(html).toContain('Sutartis pasirašyta.');
    expect(html).not.toContain('>Pasirašyti sutartį</button>');

    // The gateway's return replayed (reload): the same answer, nothing recorded again.
    expect((await back(c.id, first.sessionId, 'signed')).status).toBe(303);
    const after = await contractRow(c.id);
    expect(after.version).toBe(signed.version);
    expect(after.participant_signed_at).toEqual(signed.participant_signed_at);

    // A new form after signing: refused with the workflow's message.
    const twice = await call(`/kursuok/sutartys/${c.id}/pasirasyti`, { as: asOna, body: { idempotencyKey: crypto.randomUUID() } });
    expect(twice.status).toBe(409);
    expect(await twice.text()).toContain('Sutartį jau pasirašėte.');
  });

  it('a cancelled or refused signing and a signature by another person change nothing', async () => {
    const c = await contractAwaitingSignatures();
    const before = await contractRow(c.id);
    const { sessionId } = await openSigning(c.id);

    const cancelled = await back(c.id, sessionId, 'cancelled');
    expect(cancelled.status).toBe(200);
    expect(await cancelled.text()).toContain('Pasirašymas atšauktas, todėl sutartis nepasirašyta.');
    const refused = await back(c.id, sessionId, 'refused');
    expect(refused.status).toBe(200);
    expect(await refused.text()).toContain('Sutarties pasirašymo atsisakėte, todėl sutartis nepasirašyta.');
    expect(await contractRow(c.id)).toMatchObject({ participant_status: 'LAUKIA_PARASO', version: before.version });

    // Somebody else confirms at the gateway: the check refuses the signature, 409, nothing recorded.
    await stack.signing!.signAs(sessionId, SIGNER_CODE);
    const wrong = await back(c.id, sessionId, 'signed');
    expect(wrong.status).toBe(409);
    expect(await wrong.text()).toContain('notice-error');
    expect(await contractRow(c.id)).toMatchObject({
      participant_status: 'LAUKIA_PARASO',
      version: before.version,
      participant_signed_at: null,
    });
  });

  it('another participant’s contract is not found on every route, and not listed', async () => {
    const c = await contractAwaitingSignatures();
    const before = await contractRow(c.id);
    const attempts = [
      call(`/kursuok/sutartys/${c.id}`, { as: asOther }),
      call(`/kursuok/sutartys/${c.id}/dokumentas`, { as: asOther }),
      call(`/kursuok/sutartys/${c.id}/pasirasyti`, { as: asOther, body: { idempotencyKey: crypto.randomUUID() } }),
      call(`/kursuok/sutartys/${c.id}/pasirasymas?session=x&status=signed`, { as: asOther }),
      call(`/kursuok/sutartys/${c.id}/nutraukti`, { as: asOther, body: { idempotencyKey: crypto.randomUUID(), reason: 'Noriu' } }),
      call(`/kursuok/sutartys/${crypto.randomUUID()}`, { as: asOna }),
      call('/kursuok/sutartys/ne-uuid', { as: asOna }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain(c.number);
    }
    const list = await (await call('/kursuok/sutartys', { as: asOther })).text();
    expect(list).not.toContain(c.id);
    expect(list).toContain('Mokymosi sutarčių dar neturite.');
    expect(await contractRow(c.id)).toMatchObject({ version: before.version });
    // Without a participant's session: to the portal's login.
    const anonymous = await call(`/kursuok/sutartys/${c.id}`);
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe('/kursuok/prisijungti');
  });

  it('"Prašymas nutraukti sutartį" only for a contract in force, with a reason, once (PORTAL-7)', async () => {
    const c = await contractAwaitingSignatures();
    const ask = (reason: string, key = crypto.randomUUID()) =>
      call(`/kursuok/sutartys/${c.id}/nutraukti`, { as: asOna, body: { idempotencyKey: key, reason } });

    const early = await ask('Pakeičiau planus.');
    expect(early.status).toBe(409);
    expect(await early.text()).toContain('Prašymą nutraukti galima pateikti tik dėl galiojančios (abiejų šalių pasirašytos) sutarties.');
    expect((await contractRow(c.id)).termination_requested_at).toBeNull();

    await signAsOna(c.id);
    // The provider's signer signs through the workflow (the provider's pages are not what this file tests).
    expect((await signThroughWorkflow(stack, c.id, providerSigner(fx, hash(SIGNER_CODE)), SIGNER_CODE)).phase).toBe('GALIOJA');
    await eventually(
      () => contractRow(c.id),
      (r) => r.phase === 'GALIOJA',
    );
    const page = await (await call(`/kursuok/sutartys/${c.id}`, { as: asOna })).text();
    expect(page).toContain('Galioja');
    expect(page).toContain('Pateikti prašymą nutraukti sutartį');

    const empty = await ask('   ');
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain('Nurodykite sutarties nutraukimo priežastį.');

    const key = crypto.randomUUID();
    const asked = await ask('Pakeičiau darbą ir negaliu lankyti mokymų.', key);
    expect(asked.status).toBe(303);
    const row = await contractRow(c.id);
    expect(row).toMatchObject({
      phase: 'GALIOJA',
      participant_status: 'PRASOMA_NUTRAUKTI',
      termination_request_reason: 'Pakeičiau darbą ir negaliu lankyti mokymų.',
    });
    // The same form again: nothing twice.
    const replayed = await ask('Pakeičiau darbą ir negaliu lankyti mokymų.', key);
    expect(replayed.status).toBe(409);
    expect(await replayed.text()).toContain('Prašymą nutraukti sutartį jau pateikėte.');
    expect(await contractRow(c.id)).toMatchObject({ version: row.version, termination_requested_at: row.termination_requested_at });

    const shown = await (await call(asked.headers.get('location')!, { as: asOna })).text();
    expect(shown).toContain('Prašymas nutraukti sutartį pateiktas.');
    expect(shown).toContain('Prašymas nutraukti sutartį');
    expect(shown).not.toContain('Pateikti prašymą nutraukti sutartį');
    // A second request with a new form: refused, the first reason kept.
    const second = await ask('Dar kartą.');
    expect(second.status).toBe(409);
    expect(await second.text()).toContain('Prašymą nutraukti sutartį jau pateikėte.');
    expect((await contractRow(c.id)).termination_request_reason).toBe('Pakeičiau darbą ir negaliu lankyti mokymų.');
  });
});
