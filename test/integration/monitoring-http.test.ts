// KPMPC monitoring over HTTP (L7; MON-1..MON-11, LECT-12, PROG-23) with the real worker, Postgres,
// Mailpit and the VIISP simulator: the observer logs in at /stebesena/prisijungti, finds a group,
// sees its timetable and lecturers' evidence, creates and releases a protocol; the institution's
// administrator is e-mailed (N16), lists and filters "Institucijos KPMPC protokolai", signs once;
// another institution gets 404; the critical path asks for no signature. Refusals change nothing.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPersonalCode } from '../../worker/crypto.ts';
import { addDays, vilniusDate } from '../../workflows/domain/calendar.ts';
import { driveViispLogin } from '../sim/viisp/drive.ts';
import { TEST_PEOPLE } from '../sim/viisp/people.ts';
import type { InstitutionFixture } from '../support/fixtures.ts';
import { insertGroupRows } from '../support/group-rows.ts';
import { appCaller } from '../support/http.ts';
import { browse, Jar, ORIGIN } from '../support/login.ts';
import { mailpit, mailpitQuery } from '../support/mailpit.ts';
import { pdfBytes } from '../support/pdf.ts';
import { providerPair } from '../support/providers.ts';
import type { TestSession } from '../support/session.ts';
import { startStack, type TestStack } from '../support/stack.ts';

let stack: TestStack;
let call: ReturnType<typeof appCaller>;
let a: InstitutionFixture;
let asA: TestSession;
let asB: TestSession;
let asEmployee: TestSession;
let groupId: string;
let fileId: string;
let observerJar: Jar;
let observerCsrf: string;
const RUN = crypto.randomUUID().slice(0, 8);
const GROUP_NAME = `Stebima grupė ${RUN}`;
const TODAY = vilniusDate(new Date());

beforeAll(async () => {
  await mailpit.ensureUp();
  stack = await startStack('monitoring-http', { simulators: true });
  call = appCaller(stack.app);
  const kristina = TEST_PEOPLE.kristina;
  const personKey = hashPersonalCode(stack.config.secrets.personalCodePepper, kristina.personalCode);
  await stack.db
    .insertInto('staff_members')
    .values({
      person_key: personKey,
      role: 'STEBETOJAS',
      first_name: kristina.givenName,
      last_name: kristina.familyName,
      email: `kpmpc+${RUN}@example.lt`,
    })
    .onConflict((oc) => oc.columns(['person_key', 'role']).doUpdateSet({ active: true }))
    .execute();
  ({ a, asA, asB, asEmployee } = await providerPair(stack.db, {
    names: [`Stebimas teikėjas ${RUN}`, `Kitas teikėjas ${RUN}`],
    admin: { email: `admin-a+${RUN}@example.lt`, names: ['Testas', 'Administratorius'] },
    employee: { email: `employee+${RUN}@example.lt`, personalCodeHash: `emp-${RUN}` },
  }));
  [groupId] = (await insertGroupRows(stack.db, {
    institutionId: a.institutionId,
    programmeId: a.programmeId,
    venueId: a.venueId,
    count: 1,
    name: () => GROUP_NAME,
    status: () => 'Vykdoma',
    firstStart: addDays(TODAY, -10),
  })) as [string];
  // A lecturer of the group's timetable with an evidence document (LECT-12).
  const lecturer = await stack.db
    .insertInto('lecturers')
    .values({
      institution_id: a.institutionId,
      first_name: 'Lina',
      last_name: `Lektorė${RUN}`,
      email: `lina+${RUN}@example.lt`,
      active: true,
      requirements: ['KVALIFIKACIJA'],
      publish_consent: true,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const bytes = pdfBytes(`evidence-${RUN}`);
  const file = await stack.db
    .insertInto('stored_files')
    .values({
      institution_id: a.institutionId,
      purpose: 'LECTURER_EVIDENCE',
      sha256: createHash('sha256').update(bytes).digest('hex'),
      size: bytes.length,
      content_type: 'application/pdf',
      original_name: 'kvalifikacija.pdf',
      download_name: 'kvalifikacija.pdf',
      uploaded_by: a.userId,
      uploaded_by_personal_code_hash: a.personalCodeHash,
      content: bytes,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  fileId = file.id;
  await stack.db
    .insertInto('lecturer_documents')
    .values({ lecturer_id: lecturer.id, institution_id: a.institutionId, requirement: 'KVALIFIKACIJA', file_id: file.id })
    .execute();
  await stack.db
    .insertInto('group_sessions')
    .values({
      institution_id: a.institutionId,
      group_id: groupId,
      session_date: addDays(TODAY, -5),
      start_time: '18:00',
      duration_minutes: 90,
      mode: 'KONTAKTINIS',
      venue_id: a.venueId,
      lecturer_id: lecturer.id,
    })
    .execute();
});

afterAll(async () => {
  await stack?.stop();
});

const observe = (path: string, form?: Record<string, string>) =>
  browse(stack.app, observerJar, path, form ? { form, csrf: observerCsrf } : {});
const protocolRow = (id: string) => stack.db.selectFrom('monitoring_protocols').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

/** Fills the new-protocol form as the page gives it (its key and protocol id) and posts it. */
async function createProtocol(values: Record<string, string>) {
  const page = await (await observe(`/stebesena/grupes/${groupId}/protokolai/naujas`)).text();
  const idempotencyKey = /name="idempotencyKey" value="([^"]+)"/.exec(page)![1]!;
  const protocolId = /name="protocolId" value="([^"]+)"/.exec(page)![1]!;
  const res = await observe(`/stebesena/grupes/${groupId}/protokolai`, { idempotencyKey, protocolId, ...values });
  return { res, protocolId };
}

async function release(protocolId: string) {
  const page = await (await observe(`/stebesena/protokolai/${protocolId}`)).text();
  const key = /action="\/stebesena\/protokolai\/[^"]+\/pateikti"[\s\S]*?name="idempotencyKey" value="([^"]+)"/.exec(page)![1]!;
  return observe(`/stebesena/protokolai/${protocolId}/pateikti`, { idempotencyKey: key });
}

const sign = (protocolId: string, body: Record<string, string>, as: TestSession = asA) =>
  call(`/kpmpc-protokolai/${protocolId}/pasirasyti`, { as, body: { idempotencyKey: crypto.randomUUID(), ...body } });

describe('the observer (MON-2, MON-7, LECT-12)', () => {
  it('logs in through VIISP to the observer’s pages; a person who is not an observer is refused (403)', async () => {
    observerJar = new Jar();
    const start = observerJar.take(await stack.app.request(`${ORIGIN}/stebesena/prisijungti/viisp`));
    expect(start.status).toBe(303);
    const back = await driveViispLogin(start.headers.get('location')!, { personalCode: TEST_PEOPLE.kristina.personalCode });
    const callback = observerJar.take(await stack.app.request(back, { headers: { Cookie: observerJar.header() } }));
    expect(callback.headers.get('location')).toBe('/stebesena');
    const home = await (await observe('/stebesena')).text();
    expect(home).toContain('KPMPC stebėsena');
    observerCsrf = /name="_csrf" value="([^"]+)"/.exec(home)![1]!;

    const jar = new Jar();
    const other = jar.take(await stack.app.request(`${ORIGIN}/stebesena/prisijungti/viisp`));
    const otherBack = await driveViispLogin(other.headers.get('location')!, { personalCode: TEST_PEOPLE.petras.personalCode });
    const refused = jar.take(await stack.app.request(otherBack, { headers: { Cookie: jar.header() } }));
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('nesate IMP IS KPMPC stebėtojas');
  });

  it('finds the group by institution, sees its timetable and lecturers, and downloads the evidence', async () => {
    const found = await (await observe(`/stebesena?paieska=${encodeURIComponent(`Stebimas teikėjas ${RUN}`)}`)).text();
    expect(found).toContain(GROUP_NAME);
    expect(found).not.toContain(`Kitas teikėjas ${RUN}`);
    const page = await observe(`/stebesena/grupes/${groupId}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`Lektorė${RUN}`);
    expect(html).toContain(`/stebesena/grupes/${groupId}/failai/${fileId}`);
    expect(html).toContain('18:00');
    const file = await observe(`/stebesena/grupes/${groupId}/failai/${fileId}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await file.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    // Another group's path with this file: not found.
    expect((await observe(`/stebesena/grupes/${crypto.randomUUID()}/failai/${fileId}`)).status).toBe(404);
  });
});

describe('a protocol from the observer to the provider’s signature (M1–M4)', () => {
  let protocolId: string;

  it('refuses empty fields and a future date with Lithuanian messages (422), keeping what was typed; nothing is saved', async () => {
    const empty = await createProtocol({ monitoredOn: '', findings: '', result: '', critical: '' });
    expect(empty.res.status).toBe(422);
    const html = await empty.res.text();
    for (const text of ['Nurodykite stebėsenos datą.', 'Pasirinkite stebėsenos rezultatą.', 'Nurodykite, ar nustatyta kritinių trūkumų.'])
      expect(html).toContain(text);
    const future = await createProtocol({ monitoredOn: addDays(TODAY, 1), findings: 'Faktai X', result: 'ATITINKA', critical: 'ne' });
    expect(future.res.status).toBe(422);
    const futureHtml = await future.res.text();
    expect(futureHtml).toContain('Stebėsenos data negali būti vėlesnė nei šiandien.');
    expect(futureHtml).toContain('Faktai X');
    const saved = await stack.db
      .selectFrom('monitoring_protocols')
      .select('id')
      .where('id', 'in', [empty.protocolId, future.protocolId])
      .execute();
    expect(saved).toEqual([]);
  });

  it('creates a draft the provider does not see, then releases it: N16 reaches the administrator (MON-7, MON-8)', async () => {
    const created = await createProtocol({
      monitoredOn: addDays(TODAY, -1),
      findings: 'Užsiėmimas vyko pagal tvarkaraštį.',
      result: 'IS_DALIES_ATITINKA',
      critical: 'ne',
    });
    expect(created.res.status).toBe(303);
    protocolId = created.protocolId;
    expect((await protocolRow(protocolId)).status).toBe('JUODRASTIS');
    expect((await call(`/kpmpc-protokolai/${protocolId}`, { as: asA })).status).toBe(404);
    const released = await release(protocolId);
    expect(released.status).toBe(303);
    const row = await protocolRow(protocolId);
    expect(row).toMatchObject({ status: 'LAUKIA_PARASO', observer_id: expect.any(String) });
    expect(row.reminder_due_at!.getTime()).toBeGreaterThan(row.released_at!.getTime());
    const mail = await mailpit.waitForMessage(
      () => true,
      15_000,
      mailpitQuery({ to: `admin-a+${RUN}@example.lt`, subject: 'KPMPC stebėsenos protokolas laukia jūsų parašo' }),
    );
    const text = (await mailpit.message(mail.ID)).Text;
    expect(text).toContain(GROUP_NAME);
    expect(text).toContain(`/kpmpc-protokolai/${protocolId}`);
    // Released twice: refused, nothing changed.
    const again = await release(protocolId).catch(() => null);
    expect(again).toBeNull(); // the released page offers no release form any more
    const forced = await observe(`/stebesena/protokolai/${protocolId}/pateikti`, { idempotencyKey: crypto.randomUUID() });
    expect(forced.status).toBe(409);
    expect(await forced.text()).toContain('Protokolas jau pateiktas mokymo teikėjui.');
    expect((await protocolRow(protocolId)).version).toBe(row.version);
  });

  it('the provider lists and filters its protocols (MON-1, MON-11); another institution sees none (404)', async () => {
    const row = `href="/kpmpc-protokolai/${protocolId}"`;
    const list = await (await call('/kpmpc-protokolai', { as: asA })).text();
    expect(list).toContain(row);
    expect(list).toContain(GROUP_NAME);
    expect(list).toContain('Iš dalies atitinka reikalavimus');
    expect(list).toContain('Laukia parašo');
    expect(await (await call('/kpmpc-protokolai?parasas=LAUKIA&rezultatas=IS_DALIES_ATITINKA', { as: asA })).text()).toContain(row);
    expect(await (await call('/kpmpc-protokolai?parasas=PASIRASYTA', { as: asA })).text()).not.toContain(row);
    expect(await (await call('/kpmpc-protokolai?rezultatas=ATITINKA', { as: asA })).text()).not.toContain(row);
    expect(await (await call(`/kpmpc-protokolai?grupe=${groupId}&nuo=${addDays(TODAY, -1)}&iki=${TODAY}`, { as: asA })).text()).toContain(
      GROUP_NAME,
    );
    expect(await (await call(`/kpmpc-protokolai?nuo=${TODAY}`, { as: asA })).text()).not.toContain(row);
    const bad = await call('/kpmpc-protokolai?nuo=2027-02-30', { as: asA });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Neteisingi paieškos kriterijai: data nuo.');
    // Institution B: not in its list, its page and signature 404, nothing changed.
    expect(await (await call('/kpmpc-protokolai', { as: asB })).text()).not.toContain(row);
    expect((await call(`/kpmpc-protokolai/${protocolId}`, { as: asB })).status).toBe(404);
    const before = await protocolRow(protocolId);
    expect((await sign(protocolId, { choice: 'SUTINKU' }, asB)).status).toBe(404);
    expect(await protocolRow(protocolId)).toEqual(before);
  });

  it('an employee may read but not sign; the administrator signs once with observations and "Nesutinku" (MON-3..MON-5, MON-9)', async () => {
    const page = await (await call(`/kpmpc-protokolai/${protocolId}`, { as: asEmployee })).text();
    expect(page).toContain('Užsiėmimas vyko pagal tvarkaraštį.');
    expect(page).not.toContain('/pasirasyti');
    expect((await sign(protocolId, { choice: 'SUTINKU' }, asEmployee)).status).toBe(403);
    const noChoice = await sign(protocolId, { choice: '', observations: 'Pastaba' });
    expect(noChoice.status).toBe(422);
    expect(await noChoice.text()).toContain('Pasirinkite „Sutinku“ arba „Nesutinku“');
    expect((await protocolRow(protocolId)).status).toBe('LAUKIA_PARASO');
    const signed = await sign(protocolId, { choice: 'NESUTINKU', observations: 'Nesutinkame dėl lankomumo.' });
    expect(signed.status).toBe(303);
    const row = await protocolRow(protocolId);
    expect(row).toMatchObject({
      status: 'PASIRASYTAS',
      provider_choice: 'NESUTINKU',
      provider_observations: 'Nesutinkame dėl lankomumo.',
      signed_by_user_id: a.userId,
      signed_by_name: 'Testas Testaitis',
    });
    expect(row.signed_at).toBeInstanceOf(Date);
    const audit = await stack.db.selectFrom('audit_log').select('action').where('entity_id', '=', protocolId).orderBy('id').execute();
    expect(audit.map((r) => r.action)).toEqual(['MONITORING_PROTOCOL_SAVED', 'MONITORING_PROTOCOL_RELEASED', 'MONITORING_PROTOCOL_SIGNED']);
    // Read-only afterwards; a second signature is refused and changes nothing.
    const readOnly = await (await call(`/kpmpc-protokolai/${protocolId}`, { as: asA })).text();
    expect(readOnly).not.toContain('name="choice"');
    expect(readOnly).toContain('Nesutinku');
    const twice = await sign(protocolId, { choice: 'SUTINKU' });
    expect(twice.status).toBe(409);
    expect(await twice.text()).toContain('Protokolas jau pasirašytas: jo keisti nebegalima.');
    expect(await protocolRow(protocolId)).toEqual(row);
    // The observer sees the signature (MON-9).
    const observed = await (await observe(`/stebesena/protokolai/${protocolId}`)).text();
    expect(observed).toContain('Nesutinkame dėl lankomumo.');
    expect(observed).toContain('Pasirašė');
  });

  it('the programme’s group list shows the result and date in "Stebėsena" (MON-6, PROG-23)', async () => {
    const html = await (await call(`/programos/${a.programmeId}`, { as: asA })).text();
    expect(html).toContain(`Iš dalies atitinka reikalavimus, ${addDays(TODAY, -1)}`);
  });
});

describe('critical deficiencies (M5, MON-10)', () => {
  it('the provider sees the protocol as such, no signature is asked or possible, no e-mail is sent', async () => {
    const created = await createProtocol({ monitoredOn: TODAY, findings: 'Užsiėmimas nevyko.', result: 'NEATITINKA', critical: 'taip' });
    expect(created.res.status).toBe(303);
    expect((await release(created.protocolId)).status).toBe(303);
    expect((await protocolRow(created.protocolId)).status).toBe('KRITINIAI_TRUKUMAI');
    const page = await (await call(`/kpmpc-protokolai/${created.protocolId}`, { as: asA })).text();
    expect(page).toContain('Stebėsenos metu nustatyta kritinių trūkumų. Protokolo pasirašyti nereikia.');
    expect(page).not.toContain('name="choice"');
    const refused = await sign(created.protocolId, { choice: 'SUTINKU' });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('Nustačius kritinių trūkumų protokolo pasirašyti nereikia.');
    const observerPage = await (await observe(`/stebesena/protokolai/${created.protocolId}`)).text();
    expect(observerPage).toContain(`TrainingGroup:${groupId}`);
    const outbox = await stack.db.selectFrom('email_outbox').select('id').where('entity_id', '=', created.protocolId).execute();
    expect(outbox).toEqual([]);
    expect(await (await call('/kpmpc-protokolai?parasas=NEREIKIA', { as: asA })).text()).toContain('Neatitinka reikalavimų');
  });
});
