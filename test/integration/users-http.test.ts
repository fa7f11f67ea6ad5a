// "Institucijos naudotojai" through the real path: HTTP → Hono → UserInvitation workflow / db →
// Postgres → HTML, with the real worker and Mailpit (USERS-*, L9, GEN-5, GEN-9, §6).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditTrail } from '../../db/queries/audit.ts';
import { hashPersonalCode } from '../../worker/crypto.ts';
import { addDays, vilniusDate } from '../../workflows/domain/calendar.ts';
import { personalCodeCheckDigit } from '../../workflows/domain/personal-code.ts';
import { createInstitution, type InstitutionFixture } from '../support/fixtures.ts';
import { mailpit, mailpitQuery } from '../support/mailpit.ts';
import { adminSession, sessionFor, type TestSession } from '../support/session.ts';
import { startStack, type TestStack } from '../support/stack.ts';

const ORIGIN = 'http://localhost';
let stack: TestStack;
let a: InstitutionFixture;
let b: InstitutionFixture;
let adminA: TestSession;
let adminB: TestSession;

type Body = Record<string, string | string[]>;

function encode(values: Body): URLSearchParams {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
  return body;
}

function call(path: string, opts: { as?: TestSession; body?: Body; htmx?: boolean; csrf?: boolean; currentUrl?: string } = {}) {
  const headers: Record<string, string> = {};
  if (opts.as) headers.Cookie = opts.as.cookie;
  if (opts.htmx) headers['HX-Request'] = 'true';
  if (opts.currentUrl) headers['HX-Current-URL'] = `${ORIGIN}${opts.currentUrl}`;
  if (opts.body) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    headers.Origin = ORIGIN;
    if (opts.as && opts.csrf !== false) headers['X-CSRF-Token'] = opts.as.csrf;
  }
  return stack.app.request(`${ORIGIN}${path}`, {
    method: opts.body ? 'POST' : 'GET',
    headers,
    ...(opts.body ? { body: encode(opts.body) } : {}),
  });
}

/** A valid personal code of someone born on a random day in 1950–1999 (digits 1–7), with its check digit. */
function personalCode(female = false): string {
  const year = 50 + Math.floor(Math.random() * 50);
  const month = 1 + Math.floor(Math.random() * 12);
  const day = 1 + Math.floor(Math.random() * 28);
  const serial = String(Math.floor(Math.random() * 1000)).padStart(3, '0');
  const ten = `${female ? 4 : 3}${String(year).padStart(2, '0')}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${serial}`;
  return `${ten}${personalCodeCheckDigit(ten)}`;
}

function unique(): string {
  return crypto.randomUUID().slice(0, 8);
}

function newUserForm(overrides: Body = {}): Body {
  return {
    firstName: 'Jonas',
    lastName: 'Jonaitis',
    personalCode: personalCode(),
    email: `jonas.${unique()}@example.lt`,
    phone: '+370 600 12345',
    position: 'Mokymų koordinatorius',
    rights: ['DARBUOTOJAS'],
    employerId: '',
    signingDocument: '',
    idempotencyKey: crypto.randomUUID(),
    ...overrides,
  };
}

/** Adds a user through the page; returns the new user's id. */
async function invite(as: TestSession, overrides: Body = {}) {
  const body = newUserForm(overrides);
  const res = await call('/naudotojai', { as, body });
  expect(res.status, await res.clone().text()).toBe(303);
  const location = res.headers.get('location') ?? '';
  const userId = new URL(location, ORIGIN).searchParams.get('naudotojas') ?? '';
  return { res, body, userId, location };
}

/** A confirmed user straight in Postgres (what a confirmed invitation leaves). */
async function insertActiveUser(institutionId: string, rights: string[], names: [string, string] = ['Rasa', 'Rasaitė']) {
  const personalCodeHash = `test-${crypto.randomUUID()}`;
  const row = await stack.db
    .insertInto('institution_users')
    .values({
      institution_id: institutionId,
      first_name: names[0],
      last_name: names[1],
      email: `${unique()}@example.lt`,
      rights,
      status: 'ACTIVE',
      personal_code_hash: personalCodeHash,
      confirmed_at: new Date(),
      signing_document: rights.includes('SUTARCIU_PASIRASYMAS') ? 'Įgaliojimas Nr. 1' : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { userId: row.id, personalCodeHash, institutionId };
}

function editForm(overrides: Body = {}): Body {
  return {
    firstName: 'Testas',
    lastName: 'Testaitis',
    email: 'redaguotas@example.lt',
    phone: '',
    position: '',
    rights: ['ADMINISTRATORIUS'],
    employerId: '',
    signingDocument: '',
    idempotencyKey: crypto.randomUUID(),
    ...overrides,
  };
}

async function userRow(id: string) {
  return stack.db.selectFrom('institution_users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

beforeAll(async () => {
  await mailpit.ensureUp();
  stack = await startStack('users');
  a = await createInstitution(stack.db, 'Institucija A');
  b = await createInstitution(stack.db, 'Institucija B');
  adminA = await adminSession(stack.db, a);
  adminB = await adminSession(stack.db, b);
});

afterAll(async () => {
  await stack?.stop();
});

describe('Institucijos naudotojai over HTTP', () => {
  it('lists the institution users with their groups and status, and only theirs (USERS-14, USERS-17, GEN-5)', async () => {
    const res = await call('/naudotojai', { as: adminA });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h1>Institucijos naudotojai</h1>');
    expect(html).toContain('Įtraukti naują naudotoją');
    expect(html).toContain('href="/naudotojai/naujas"');
    expect(html).toContain('href="/naudotojai/auditas"');
    expect(html).toContain('Testas Testaitis');
    expect(html).toContain('Mokymo institucijos administratorius');
    expect(html).toContain('Patvirtintas');
    expect(html).toContain(`href="/naudotojai/${a.userId}/redaguoti"`);
    expect(html).not.toContain(b.userId);
    // The page works as htmx too (a fragment, not the whole layout).
    const fragment = await (await call('/naudotojai', { as: adminA, htmx: true })).text();
    expect(fragment).not.toContain('<html');
  });

  it('answers an invalid user window with 422, every Lithuanian message at once and the typed values (GEN-15)', async () => {
    const email = `blogas-${unique()}`;
    const res = await call('/naudotojai', {
      as: adminA,
      body: newUserForm({ firstName: '', lastName: 'Petraitis', personalCode: '33309240065', email, phone: 'skambinti', rights: [] }),
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Patikrinkite pažymėtus laukus.');
    expect(html).toContain('Privalomas laukas.');
    expect(html).toContain('Neteisingas asmens kodas: nesutampa kontrolinis (paskutinis) skaitmuo.');
    expect(html).toContain('Neteisingas el. pašto adresas');
    expect(html).toContain('Neteisingas telefono numeris');
    expect(html).toContain('Pažymėkite bent vieną naudotojo grupę.');
    expect(html).toContain('value="Petraitis"');
    expect(html).toContain('value="33309240065"');
    expect(html).toContain(`value="${email}"`);
    expect(html).toContain('aria-invalid="true"');
    expect(await stack.db.selectFrom('institution_users').select('id').where('email', '=', email).execute()).toHaveLength(0);

    const short = await call('/naudotojai', { as: adminA, body: newUserForm({ personalCode: '3870318174' }) });
    expect(short.status).toBe(422);
    expect(await short.text()).toContain('Asmens kodą sudaro 11 skaitmenų.');
    const badDate = await call('/naudotojai', { as: adminA, body: newUserForm({ personalCode: '38702301234' }) });
    expect(await badDate.text()).toContain('gimimo data (2–7 skaitmenys) neatitinka tikros datos');
  });

  it('asks for the employer and the signing document only with their user groups (USERS-23, USERS-24, USERS-27)', async () => {
    const fresh = await createInstitution(stack.db, 'Be darbdavių');
    const admin = await adminSession(stack.db, fresh);
    const form = await (await call('/naudotojai/naujas', { as: admin })).text();
    for (const label of [
      'Vardas',
      'Pavardė',
      'Asmens kodas',
      'El. paštas',
      'Telefonas',
      'Pareigos',
      'Mokymo institucijos administratorius',
      'Mokymo institucijos darbuotojas',
      'Darbdavio atstovas ir trišalių sutarčių pasirašymas',
      'Sutarčių pasirašymas',
      'Pasirinkite darbdavio įstaigą',
      'Dokumento pavadinimas ir numeris, pagal kurį atstovas veikia pasirašydamas sutartį',
    ]) {
      expect(form).toContain(label);
    }
    expect(form).toContain('name="_csrf"');
    expect(form).toContain('Institucija dar neturi aktyvių darbdavių');
    expect(form).toContain('„Darbdavio atstovai“');

    const noEmployer = await call('/naudotojai', { as: admin, body: newUserForm({ rights: ['DARBDAVIO_ATSTOVAS'] }) });
    expect(noEmployer.status).toBe(422);
    expect(await noEmployer.text()).toContain(
      'Institucija dar neturi aktyvių darbdavių: pirmiausia įveskite darbdavio informaciją aplikacijoje „Darbdavio atstovai“',
    );

    const active = await stack.db
      .insertInto('employers')
      .values({ institution_id: fresh.institutionId, name: 'UAB Meistrai', code: '300000001' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const inactive = await stack.db
      .insertInto('employers')
      .values({ institution_id: fresh.institutionId, name: 'UAB Uždaryta', code: '300000002', active: false })
      .returning('id')
      .executeTakeFirstOrThrow();
    const foreign = await stack.db
      .insertInto('employers')
      .values({ institution_id: b.institutionId, name: 'UAB Svetima', code: '300000003' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const withEmployers = await (await call('/naudotojai/naujas', { as: admin })).text();
    expect(withEmployers).toContain('UAB Meistrai');
    expect(withEmployers).not.toContain('UAB Uždaryta');
    expect(withEmployers).not.toContain('UAB Svetima');

    const missing = await call('/naudotojai', { as: admin, body: newUserForm({ rights: ['DARBDAVIO_ATSTOVAS', 'SUTARCIU_PASIRASYMAS'] }) });
    expect(missing.status).toBe(422);
    const missingHtml = await missing.text();
    expect(missingHtml).toContain('Pažymėjus „Darbdavio atstovas ir trišalių sutarčių pasirašymas“, būtina pasirinkti darbdavio įstaigą.');
    expect(missingHtml).toContain('Pažymėjus „Sutarčių pasirašymas“, būtina nurodyti dokumento pavadinimą ir numerį.');
    for (const employerId of [foreign.id, inactive.id]) {
      const wrong = await call('/naudotojai', { as: admin, body: newUserForm({ rights: ['DARBDAVIO_ATSTOVAS'], employerId }) });
      expect(wrong.status).toBe(422);
      expect(await wrong.text()).toContain('Pasirinkite darbdavio įstaigą iš sąrašo.');
    }

    // Unticked groups' fields are not kept.
    const { userId } = await invite(admin, { rights: ['DARBDAVIO_ATSTOVAS'], employerId: active.id, signingDocument: 'nebus išsaugota' });
    expect(await userRow(userId)).toMatchObject({ rights: ['DARBDAVIO_ATSTOVAS'], employer_id: active.id, signing_document: null });
    const list = await (await call('/naudotojai', { as: admin })).text();
    expect(list).toContain('UAB Meistrai');
  });

  it('adds a user: invited row, pending invitation, audit row and the e-mail with its link (USERS-2, USERS-6, L9 U1)', async () => {
    const code = personalCode(true);
    const { body, userId, location } = await invite(adminA, {
      firstName: 'Ona',
      lastName: 'Onaitienė',
      personalCode: code,
      rights: ['DARBUOTOJAS', 'SUTARCIU_PASIRASYMAS'],
      signingDocument: 'Įgaliojimas Nr. 2024/15',
    });
    expect(location).toBe(`/naudotojai?pranesimas=itrauktas&naudotojas=${userId}`);
    const row = await userRow(userId);
    expect(row).toMatchObject({
      institution_id: a.institutionId,
      first_name: 'Ona',
      last_name: 'Onaitienė',
      email: body.email,
      phone: '+37060012345', // stored in E.164
      position: 'Mokymų koordinatorius',
      status: 'INVITED',
      rights: ['DARBUOTOJAS', 'SUTARCIU_PASIRASYMAS'],
      signing_document: 'Įgaliojimas Nr. 2024/15',
      personal_code_hash: hashPersonalCode(stack.config.secrets.personalCodePepper, code),
    });
    // Only the hash is kept.
    expect(JSON.stringify(row)).not.toContain(code);
    const invitation = await stack.db
      .selectFrom('user_invitations')
      .selectAll()
      .where('institution_user_id', '=', userId)
      .executeTakeFirstOrThrow();
    expect(invitation).toMatchObject({ id: body.idempotencyKey, status: 'PENDING', institution_id: a.institutionId });
    const audit = await auditTrail(stack.db, 'institution_user', userId);
    expect(audit.map((r) => [r.action, r.actor_user_id, r.institution_id])).toEqual([['invite', a.userId, a.institutionId]]);
    expect(JSON.stringify(audit[0]!.changes)).not.toContain(code);

    const summary = await mailpit.waitForMessage(() => true, 15_000, mailpitQuery({ to: body.email as string }));
    expect(summary.Subject).toBe('Kvietimas prisijungti prie IMP IS');
    const message = await mailpit.message(summary.ID);
    expect(message.Text).toMatch(/\/kvietimas\/[\w.-]+/);
    expect(message.Text).toContain('Sveiki, Ona');

    const page = await (await call(location, { as: adminA })).text();
    expect(page).toContain(`Naudotojas Ona Onaitienė įtrauktas, kvietimas siunčiamas el. paštu ${body.email}.`);
    expect(page).toContain('Pakviestas');
    expect(page).toMatch(/Kvietimas galioja iki \d{4}-\d{2}-\d{2} \d{2}:\d{2} \(liko 6 dienos 23 valandos\)/);
    expect(page).toContain('Siųsti kvietimą iš naujo');
    expect(page).toContain('Mokymo institucijos darbuotojas');
    expect(page).toContain('hx-confirm="Ar tikrai pašalinti naudotoją Ona Onaitienė?');
  });

  it('invites once when the same form is sent twice', async () => {
    const body = newUserForm({ lastName: 'Dvigubaitis' });
    const [first, second] = await Promise.all([call('/naudotojai', { as: adminA, body }), call('/naudotojai', { as: adminA, body })]);
    expect([first.status, second.status]).toEqual([303, 303]);
    expect(first.headers.get('location')).toBe(second.headers.get('location'));
    const third = await call('/naudotojai', { as: adminA, body, htmx: true });
    expect(third.status).toBe(200);
    expect(third.headers.get('HX-Redirect')).toBe(first.headers.get('location'));
    const rows = await stack.db
      .selectFrom('institution_users')
      .select('id')
      .where('email', '=', body.email as string)
      .execute();
    expect(rows).toHaveLength(1);
    expect((await auditTrail(stack.db, 'institution_user', rows[0]!.id)).map((r) => r.action)).toEqual(['invite']);
  });

  it('refuses a personal code that is already a user of the institution, on its field', async () => {
    const code = personalCode();
    await invite(adminA, { personalCode: code });
    const again = await call('/naudotojai', { as: adminA, body: newUserForm({ personalCode: code, lastName: 'Antrasis' }) });
    expect(again.status).toBe(422);
    const html = await again.text();
    expect(html).toContain('Asmuo su šiuo asmens kodu jau yra šios institucijos naudotojas.');
    expect(html).toContain('id="e-personalCode"');
    expect(html).toContain('value="Antrasis"');
    // Sent at the same moment with different keys: one is invited, the other refused on the field.
    const racing = personalCode();
    const results = await Promise.all([1, 2].map(() => call('/naudotojai', { as: adminA, body: newUserForm({ personalCode: racing }) })));
    expect(results.map((r) => r.status).sort()).toEqual([303, 422]);
    expect(await results.find((r) => r.status === 422)!.text()).toContain(
      'Asmuo su šiuo asmens kodu jau yra šios institucijos naudotojas.',
    );
    const hash = hashPersonalCode(stack.config.secrets.personalCodePepper, racing);
    expect(await stack.db.selectFrom('institution_users').select('id').where('personal_code_hash', '=', hash).execute()).toHaveLength(1);
    // The same person may be a user of another institution.
    await invite(adminB, { personalCode: code });
  });

  it('edits a user: the same fields without the personal code, with the audit row before → after (U4)', async () => {
    const { userId } = await invite(adminA, { rights: ['DARBUOTOJAS', 'SUTARCIU_PASIRASYMAS'], signingDocument: 'Įsakymas Nr. V-1' });
    const page = await call(`/naudotojai/${userId}/redaguoti`, { as: adminA });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('value="Jonas"');
    expect(html).toContain('value="Įsakymas Nr. V-1"');
    expect(html).toContain('Asmens kodas nerodomas');
    expect(html).not.toContain('name="personalCode"');

    const invalid = await call(`/naudotojai/${userId}`, {
      as: adminA,
      htmx: true,
      body: editForm({ firstName: 'Jonas', email: 'ne@', rights: ['SUTARCIU_PASIRASYMAS'] }),
    });
    expect(invalid.status).toBe(422);
    const invalidHtml = await invalid.text();
    expect(invalidHtml).not.toContain('<html');
    expect(invalidHtml).toContain('Neteisingas el. pašto adresas');
    expect(invalidHtml).toContain('Pažymėjus „Sutarčių pasirašymas“, būtina nurodyti dokumento pavadinimą ir numerį.');
    expect(invalidHtml).toContain('value="ne@"');

    const saved = await call(`/naudotojai/${userId}`, {
      as: adminA,
      body: editForm({
        firstName: 'Jonas',
        lastName: 'Jonaitis',
        email: 'jonas.naujas@example.lt',
        position: 'Vadybininkas',
        rights: ['ADMINISTRATORIUS', 'DARBUOTOJAS'],
      }),
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`/naudotojai?pranesimas=issaugotas&naudotojas=${userId}`);
    expect(await userRow(userId)).toMatchObject({
      email: 'jonas.naujas@example.lt',
      position: 'Vadybininkas',
      phone: null,
      rights: ['ADMINISTRATORIUS', 'DARBUOTOJAS'],
      signing_document: null,
      status: 'INVITED',
    });
    const audit = await auditTrail(stack.db, 'institution_user', userId);
    expect(audit.map((r) => r.action)).toEqual(['invite', 'update']);
    expect(audit[1]).toMatchObject({
      actor_user_id: a.userId,
      actor_personal_code_hash: a.personalCodeHash,
      institution_id: a.institutionId,
    });
    expect(audit[1]!.changes).toEqual({
      email: { before: expect.stringMatching(/^jonas\..+@example\.lt$/), after: 'jonas.naujas@example.lt' },
      phone: { before: '+37060012345', after: null },
      position: { before: 'Mokymų koordinatorius', after: 'Vadybininkas' },
      rights: { before: ['DARBUOTOJAS', 'SUTARCIU_PASIRASYMAS'], after: ['ADMINISTRATORIUS', 'DARBUOTOJAS'] },
      signingDocument: { before: 'Įsakymas Nr. V-1', after: null },
    });
    const list = await (await call(saved.headers.get('location')!, { as: adminA })).text();
    expect(list).toContain('Naudotojo Jonas Jonaitis duomenys išsaugoti.');

    // Saving unchanged values writes no audit row.
    const same = await call(`/naudotojai/${userId}`, {
      as: adminA,
      body: editForm({
        firstName: 'Jonas',
        lastName: 'Jonaitis',
        email: 'jonas.naujas@example.lt',
        position: 'Vadybininkas',
        rights: ['ADMINISTRATORIUS', 'DARBUOTOJAS'],
      }),
    });
    expect(same.status).toBe(303);
    expect(await auditTrail(stack.db, 'institution_user', userId)).toHaveLength(2);
  });

  it('keeps the last confirmed administrator: no demotion, no removal (409, nothing changes; USERS-30)', async () => {
    const lone = await createInstitution(stack.db, 'Vienas administratorius');
    const admin = await adminSession(stack.db, lone);
    // An invited administrator does not count: only confirmed ones do.
    await invite(admin, { rights: ['ADMINISTRATORIUS'] });
    const before = await userRow(lone.userId);

    const demoted = await call(`/naudotojai/${lone.userId}`, { as: admin, body: editForm({ rights: ['DARBUOTOJAS'] }) });
    expect(demoted.status).toBe(409);
    const demotedHtml = await demoted.text();
    expect(demotedHtml).toContain('Šis naudotojas yra paskutinis patvirtintas administratorius');
    expect(demotedHtml).toContain('value="redaguotas@example.lt"');
    const noRights = await call(`/naudotojai/${lone.userId}`, { as: admin, htmx: true, body: editForm({ rights: [] }) });
    expect(noRights.status).toBe(409);

    const removed = await call(`/naudotojai/${lone.userId}/salinti`, { as: admin, body: {} });
    expect(removed.status).toBe(409);
    expect(await removed.text()).toContain('paskutinis patvirtintas administratorius');
    const removedHtmx = await call(`/naudotojai/${lone.userId}/salinti`, { as: admin, htmx: true, body: {} });
    expect(removedHtmx.status).toBe(409);
    expect(await removedHtmx.text()).toContain('id="naudotoju-sarasas"');

    expect(await userRow(lone.userId)).toEqual(before);
    expect(await auditTrail(stack.db, 'institution_user', lone.userId)).toHaveLength(0);
    const sessions = await stack.db.selectFrom('sessions').select('revoked_at').where('id', '=', admin.sessionId).executeTakeFirstOrThrow();
    expect(sessions.revoked_at).toBeNull();

    // With a second confirmed administrator, the first may step down.
    await insertActiveUser(lone.institutionId, ['ADMINISTRATORIUS']);
    const stepDown = await call(`/naudotojai/${lone.userId}`, {
      as: admin,
      body: editForm({ rights: ['ADMINISTRATORIUS', 'DARBUOTOJAS'] }),
    });
    expect(stepDown.status).toBe(303);
    const nowEmployee = await call(`/naudotojai/${lone.userId}`, { as: admin, body: editForm({ rights: ['DARBUOTOJAS'] }) });
    expect(nowEmployee.status).toBe(303);
    // They no longer see this application.
    expect(nowEmployee.headers.get('location')).toBe('/');
    expect((await call('/naudotojai', { as: admin })).status).toBe(403);
  });

  it('removes an invited user: the invitation is cancelled, the row kept as removed and hidden from the list (U5, USERS-31)', async () => {
    const code = personalCode();
    const { userId, body } = await invite(adminA, { lastName: 'Šalinamas', personalCode: code });
    const res = await call(`/naudotojai/${userId}/salinti`, {
      as: adminA,
      htmx: true,
      body: {},
      currentUrl: '/naudotojai?rikiuoti=el-pastas',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('HX-Trigger')).toBe('naudotojai-pakeista');
    const fragment = await res.text();
    expect(fragment).toContain('Naudotojas Jonas Šalinamas pašalintas.');
    expect(fragment).toContain('aria-sort="ascending"');
    expect(fragment).not.toContain(body.email as string);
    const row = await userRow(userId);
    expect(row.status).toBe('REMOVED');
    expect(row.removed_at).not.toBeNull();
    const invitation = await stack.db
      .selectFrom('user_invitations')
      .select('status')
      .where('id', '=', body.idempotencyKey as string)
      .executeTakeFirstOrThrow();
    expect(invitation.status).toBe('CANCELLED');
    expect((await auditTrail(stack.db, 'institution_user', userId)).map((r) => [r.action, r.changes])).toEqual([
      ['invite', expect.anything()],
      ['remove', { status: { before: 'INVITED', after: 'REMOVED' } }],
    ]);
    expect(await (await call('/naudotojai', { as: adminA })).text()).not.toContain(body.email as string);
    // Pressed twice: still removed, nothing more happens.
    const twice = await call(`/naudotojai/${userId}/salinti`, { as: adminA, body: {} });
    expect(twice.status).toBe(303);
    expect(await auditTrail(stack.db, 'institution_user', userId)).toHaveLength(2);
    // A removed user's window is gone; the same person may be added again.
    expect((await call(`/naudotojai/${userId}/redaguoti`, { as: adminA })).status).toBe(404);
    await invite(adminA, { personalCode: code });
  });

  it('resends the invitation of an invited user only (USERS-13, L9 U2)', async () => {
    const { userId, body } = await invite(adminA, { lastName: 'Laukiantis' });
    const res = await call(`/naudotojai/${userId}/kvietimas`, { as: adminA, htmx: true, body: { idempotencyKey: crypto.randomUUID() } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(`Kvietimas naudotojui Jonas Laukiantis siunčiamas iš naujo el. paštu ${body.email}.`);
    expect((await auditTrail(stack.db, 'institution_user', userId)).map((r) => r.action)).toEqual(['invite', 'resend_invitation']);
    const query = mailpitQuery({ to: body.email as string });
    await mailpit.waitForMessage(() => true, 15_000, query);
    const deadline = Date.now() + 15_000;
    while ((await mailpit.search(query)).length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(await mailpit.search(query)).toHaveLength(2);

    expect((await call(`/naudotojai/${userId}/kvietimas`, { as: adminA, body: { idempotencyKey: 'ne-raktas' } })).status).toBe(400);
    const active = await call(`/naudotojai/${a.userId}/kvietimas`, { as: adminA, body: { idempotencyKey: crypto.randomUUID() } });
    expect(active.status).toBe(409);
    expect(await active.text()).toContain('Kvietimą iš naujo galima siųsti tik dar nepatvirtintam (pakviestam) naudotojui.');
  });

  it('ends the sessions of a user left without rights, and of a removed user (USERS-31)', async () => {
    const employee = await insertActiveUser(a.institutionId, ['DARBUOTOJAS'], ['Darius', 'Darbuotojas']);
    const session = await sessionFor(stack.db, employee);
    expect((await call('/programos', { as: session })).status).toBe(200);
    const res = await call(`/naudotojai/${employee.userId}`, {
      as: adminA,
      body: editForm({ firstName: 'Darius', lastName: 'Darbuotojas', rights: [] }),
    });
    expect(res.status).toBe(303);
    const revoked = await stack.db
      .selectFrom('sessions')
      .select(['revoked_at', 'revoked_reason'])
      .where('id', '=', session.sessionId)
      .executeTakeFirstOrThrow();
    expect(revoked.revoked_at).not.toBeNull();
    const after = await call('/programos', { as: session });
    expect(after.status).toBe(303);
    expect(after.headers.get('location')).toMatch(/^\/prisijungti/);
    const list = await (await call('/naudotojai', { as: adminA })).text();
    expect(list).toContain('Teisių nesuteikta');
    const notice = await (await call(res.headers.get('location')!, { as: adminA })).text();
    expect(notice).toContain('jo sesijos nutrauktos');

    const signer = await insertActiveUser(a.institutionId, ['SUTARCIU_PASIRASYMAS'], ['Sigita', 'Pasirašanti']);
    const signerSession = await sessionFor(stack.db, signer);
    expect((await call('/programos', { as: signerSession })).status).toBe(200);
    expect((await call(`/naudotojai/${signer.userId}/salinti`, { as: adminA, body: {} })).status).toBe(303);
    expect((await userRow(signer.userId)).status).toBe('REMOVED');
    const gone = await call('/programos', { as: signerSession });
    expect(gone.status).toBe(303);
    expect(gone.headers.get('location')).toMatch(/^\/prisijungti/);
  });

  it('closes the application to an employee (403) and refuses changes without the CSRF token (§6)', async () => {
    const employee = await insertActiveUser(a.institutionId, ['DARBUOTOJAS']);
    const session = await sessionFor(stack.db, employee);
    for (const path of ['/naudotojai', '/naudotojai/naujas', '/naudotojai/auditas', `/naudotojai/${a.userId}/redaguoti`]) {
      const res = await call(path, { as: session });
      expect(res.status, path).toBe(403);
      expect(await res.text()).toContain('Neturite teisių matyti aplikacijos „Institucijos naudotojai“ duomenų.');
    }
    const post = await call('/naudotojai', { as: session, body: newUserForm() });
    expect(post.status).toBe(403);
    const noToken = await call('/naudotojai', { as: adminA, body: newUserForm(), csrf: false });
    expect(noToken.status).toBe(403);
    expect((await call(`/naudotojai/${employee.userId}/salinti`, { as: session, body: {} })).status).toBe(403);
    expect((await userRow(employee.userId)).status).toBe('ACTIVE');
  });

  it('lets the head manage users, themself included (AUTH-13, USERS-1, USERS-5)', async () => {
    const h = await createInstitution(stack.db, 'Vadovo institucija');
    const headCode = personalCode();
    const headHash = hashPersonalCode(stack.config.secrets.personalCodePepper, headCode);
    await stack.db.updateTable('institutions').set({ head_personal_code_hash: headHash }).where('id', '=', h.institutionId).execute();
    const head = await sessionFor(stack.db, {
      personalCodeHash: headHash,
      institutionId: h.institutionId,
      isHead: true,
      names: ['Vida', 'Vadovė'],
    });
    const list = await call('/naudotojai', { as: head });
    expect(list.status).toBe(200);
    const { userId } = await invite(head, {
      firstName: 'Vida',
      lastName: 'Vadovė',
      personalCode: headCode,
      rights: ['ADMINISTRATORIUS', 'SUTARCIU_PASIRASYMAS'],
      signingDocument: 'Įstaigos įstatai',
    });
    expect(await userRow(userId)).toMatchObject({
      status: 'INVITED',
      personal_code_hash: headHash,
      rights: ['ADMINISTRATORIUS', 'SUTARCIU_PASIRASYMAS'],
    });
    const [audit] = await auditTrail(stack.db, 'institution_user', userId);
    expect(audit).toMatchObject({ action: 'invite', actor_user_id: null, actor_personal_code_hash: headHash, actor_kind: 'user' });
    const edit = await call(`/naudotojai/${h.userId}`, { as: head, body: editForm({ position: 'Administratorius' }) });
    expect(edit.status).toBe(303);
    const trail = await (await call('/naudotojai/auditas?kas=vadovas', { as: head })).text();
    expect(trail).toContain('<td>Vadovas</td>');
    expect(trail).toContain('<td>Naudotojo įtraukimas (kvietimas siunčiamas el. paštu)</td>');
    expect(trail).toContain('<td>Pakeitimas</td>');
  });

  it("answers 404 for another institution's users on every route, and changes nothing (GEN-5)", async () => {
    const { userId: invitedB, body: bodyB } = await invite(adminB, { lastName: 'Svetimas' });
    const before = await Promise.all([userRow(b.userId), userRow(invitedB)]);
    for (const id of [b.userId, invitedB]) {
      expect((await call(`/naudotojai/${id}/redaguoti`, { as: adminA })).status).toBe(404);
      expect((await call(`/naudotojai/${id}`, { as: adminA, body: editForm({ rights: ['DARBUOTOJAS'] }) })).status).toBe(404);
      expect((await call(`/naudotojai/${id}`, { as: adminA, htmx: true, body: editForm({ rights: ['DARBUOTOJAS'] }) })).status).toBe(404);
      expect((await call(`/naudotojai/${id}/salinti`, { as: adminA, body: {} })).status).toBe(404);
      expect((await call(`/naudotojai/${id}/salinti`, { as: adminA, htmx: true, body: {} })).status).toBe(404);
      expect((await call(`/naudotojai/${id}/kvietimas`, { as: adminA, body: { idempotencyKey: crypto.randomUUID() } })).status).toBe(404);
    }
    for (const id of ['abc', '12345', `${b.userId}x`]) {
      expect((await call(`/naudotojai/${id}/redaguoti`, { as: adminA })).status).toBe(404);
      expect((await call(`/naudotojai/${id}/salinti`, { as: adminA, body: {} })).status).toBe(404);
    }
    expect(await Promise.all([userRow(b.userId), userRow(invitedB)])).toEqual(before);
    const invitation = await stack.db
      .selectFrom('user_invitations')
      .select('status')
      .where('id', '=', bodyB.idempotencyKey as string)
      .executeTakeFirstOrThrow();
    expect(invitation.status).toBe('PENDING');
    expect((await auditTrail(stack.db, 'institution_user', invitedB)).map((r) => r.action)).toEqual(['invite']);
    // A notice in the URL about another institution's user says nothing.
    const page = await (await call(`/naudotojai?pranesimas=itrauktas&naudotojas=${invitedB}`, { as: adminA })).text();
    expect(page).not.toContain('Svetimas');
    // Bad idempotency keys.
    expect((await call('/naudotojai', { as: adminA, body: newUserForm({ idempotencyKey: 'x' }) })).status).toBe(400);
    const badKey = await call(`/naudotojai/${a.userId}`, { as: adminA, body: editForm({ idempotencyKey: '' }) });
    expect(badKey.status).toBe(400);
    expect(await badKey.text()).toContain('Užklausa neteisinga');
  });

  it("shows the institution's audit trail with its filters (GEN-9)", async () => {
    const inst = await createInstitution(stack.db, 'Auditas');
    const admin = await adminSession(stack.db, inst);
    const { userId } = await invite(admin, { firstName: 'Aušra', lastName: 'Auditė', rights: ['DARBUOTOJAS'] });
    await call(`/naudotojai/${userId}`, {
      as: admin,
      body: editForm({ firstName: 'Aušra', lastName: 'Auditė', rights: ['DARBUOTOJAS', 'ADMINISTRATORIUS'] }),
    });
    // Another institution's rows never show.
    await invite(adminB, { firstName: 'Kitas', lastName: 'Svetimasis' });

    const res = await call('/naudotojai/auditas', { as: admin });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h1>Audito žurnalas</h1>');
    expect(html).toContain('<td>Testas Testaitis</td>');
    expect(html).toContain('<td>Naudotojo įtraukimas (kvietimas siunčiamas el. paštu)</td>');
    expect(html).toContain('<td>Pakeitimas</td>');
    expect(html).toContain('Institucijos naudotojas');
    expect(html).toContain('<small>Aušra Auditė</small>');
    // Before → after of the rights, by their names.
    expect(html).toContain(
      '<strong>Naudotojo grupės:</strong> <del>Mokymo institucijos darbuotojas</del> → <ins>Mokymo institucijos administratorius; Mokymo institucijos darbuotojas</ins>',
    );
    expect(html).not.toContain('Svetimasis');
    // Newest first.
    expect(html.indexOf('<td>Pakeitimas</td>')).toBeLessThan(
      html.indexOf('<td>Naudotojo įtraukimas (kvietimas siunčiamas el. paštu)</td>'),
    );

    const updates = await (await call('/naudotojai/auditas?veiksmas=update', { as: admin })).text();
    expect(updates).toContain('<td>Pakeitimas</td>');
    expect(updates).not.toContain('<td>Naudotojo įtraukimas (kvietimas siunčiamas el. paštu)</td>');
    const groups = await (await call('/naudotojai/auditas?objektas=training_group', { as: admin })).text();
    expect(groups).toContain('Įrašų nerasta.');
    const byUser = await (await call(`/naudotojai/auditas?kas=${inst.userId}`, { as: admin })).text();
    expect(byUser).toContain('<td>Pakeitimas</td>');
    const bySystem = await (await call('/naudotojai/auditas?kas=sistema', { as: admin })).text();
    expect(bySystem).toContain('Įrašų nerasta.');
    const today = vilniusDate(new Date());
    const todays = await (await call(`/naudotojai/auditas?nuo=${today}&iki=${today}`, { as: admin })).text();
    expect(todays).toContain('<td>Pakeitimas</td>');
    const tomorrow = await (await call(`/naudotojai/auditas?nuo=${addDays(today, 1)}`, { as: admin })).text();
    expect(tomorrow).toContain('Įrašų nerasta.');
    const yesterday = await (await call(`/naudotojai/auditas?iki=${addDays(today, -1)}`, { as: admin })).text();
    expect(yesterday).toContain('Įrašų nerasta.');
    const bad = await call('/naudotojai/auditas?nuo=2026-02-30&kas=neaiskus', { as: admin });
    expect(bad.status).toBe(200);
    const badHtml = await bad.text();
    expect(badHtml).toContain('Neteisinga data „Nuo“');
    expect(badHtml).toContain('<td>Pakeitimas</td>');
  });

  it('pages the list by 50 (GEN-16)', async () => {
    const many = await createInstitution(stack.db, 'Daug naudotojų');
    const admin = await adminSession(stack.db, many);
    await stack.db
      .insertInto('institution_users')
      .values(
        Array.from({ length: 55 }, (_, i) => ({
          institution_id: many.institutionId,
          first_name: 'Vardas',
          last_name: `Pavardė${String(i).padStart(2, '0')}`,
          email: `p${i}.${unique()}@example.lt`,
          rights: ['DARBUOTOJAS'],
          status: 'ACTIVE' as const,
          personal_code_hash: `test-${crypto.randomUUID()}`,
        })),
      )
      .execute();
    const first = await (await call('/naudotojai', { as: admin })).text();
    expect(first).toContain('Iš viso: 56. Puslapis 1 iš 2.');
    expect(first).toContain('Pavardė00');
    expect(first).not.toContain('Pavardė54');
    const second = await (await call('/naudotojai?puslapis=2', { as: admin })).text();
    expect(second).toContain('Pavardė54');
    expect(second).not.toContain('Pavardė00');
    const descending = await (await call('/naudotojai?tvarka=mazejanciai', { as: admin })).text();
    expect(descending).toContain('Pavardė54');
  });
});
