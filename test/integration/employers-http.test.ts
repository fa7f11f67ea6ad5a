// "Darbdavio atstovai" through the real path: HTTP → Hono → db → Postgres → HTML (EMPL-1..EMPL-6,
// USERS-23, USERS-24, GEN-5, GEN-9, GEN-15, §6).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditTrail } from '../../db/queries/audit.ts';
import { createInstitution, type InstitutionFixture } from '../support/fixtures.ts';
import { adminSession, sessionFor, type TestSession } from '../support/session.ts';
import { startStack, type TestStack } from '../support/stack.ts';

const ORIGIN = 'http://localhost';
let stack: TestStack;
let a: InstitutionFixture;
let b: InstitutionFixture;
let adminA: TestSession;
let adminB: TestSession;

type Body = Record<string, string>;
/** A window's values: the name and key are always there. */
type Form = Body & { name: string; email?: string; idempotencyKey: string };

function call(path: string, opts: { as?: TestSession; body?: Body; htmx?: boolean; csrf?: boolean } = {}) {
  const headers: Record<string, string> = {};
  if (opts.as) headers.Cookie = opts.as.cookie;
  if (opts.htmx) headers['HX-Request'] = 'true';
  if (opts.body) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    headers.Origin = ORIGIN;
    if (opts.as && opts.csrf !== false) headers['X-CSRF-Token'] = opts.as.csrf;
  }
  return stack.app.request(`${ORIGIN}${path}`, {
    method: opts.body ? 'POST' : 'GET',
    headers,
    ...(opts.body ? { body: new URLSearchParams(opts.body) } : {}),
  });
}

function unique(): string {
  return crypto.randomUUID().slice(0, 8);
}

function employerForm(overrides: Body = {}, opts: { active?: boolean } = {}): Form {
  return {
    name: `UAB Meistrai ${unique()}`,
    code: '304050607',
    firstName: 'Rūta',
    lastName: 'Kairienė',
    phone: '+370 600 12345',
    email: `ruta.${unique()}@meistrai.lt`,
    practiceAddress: 'Pramonės g. 5, LT-11110 Vilnius',
    idempotencyKey: crypto.randomUUID(),
    ...(opts.active === false ? {} : { active: '1' }),
    ...overrides,
  };
}

async function employerRow(id: string) {
  return stack.db.selectFrom('employers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** Adds an employer representative through the page; returns its id. */
async function addEmployer(as: TestSession, overrides: Body = {}, opts: { active?: boolean } = {}) {
  const body = employerForm(overrides, opts);
  const res = await call('/darbdaviai', { as, body });
  expect(res.status, await res.clone().text()).toBe(303);
  const id = new URL(res.headers.get('location') ?? '', ORIGIN).searchParams.get('darbdavys') ?? '';
  return { id, body, res };
}

/** The same window with "Aktyvi darbdavio paskyra" ticked or not. */
function withActive(body: Body, active: boolean): Body {
  const { active: _active, ...rest } = body;
  return active ? { ...rest, active: '1' } : rest;
}

async function userWith(institutionId: string, rights: string[]) {
  const personalCodeHash = `test-${crypto.randomUUID()}`;
  const user = await stack.db
    .insertInto('institution_users')
    .values({
      institution_id: institutionId,
      first_name: 'Sigita',
      last_name: 'Sigitaitė',
      email: `${unique()}@example.lt`,
      rights,
      status: 'ACTIVE',
      personal_code_hash: personalCodeHash,
      confirmed_at: new Date(),
      signing_document: rights.includes('SUTARCIU_PASIRASYMAS') ? 'Įgaliojimas Nr. 7' : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return sessionFor(stack.db, { personalCodeHash, institutionId, userId: user.id });
}

/** What "Pasirinkite darbdavio įstaigą" of the user window offers. */
async function userWindow(as: TestSession) {
  const res = await call('/naudotojai/naujas', { as });
  expect(res.status).toBe(200);
  return res.text();
}

beforeAll(async () => {
  stack = await startStack('employers');
  a = await createInstitution(stack.db, 'Institucija A');
  b = await createInstitution(stack.db, 'Institucija B');
  adminA = await adminSession(stack.db, a);
  adminB = await adminSession(stack.db, b);
});

afterAll(async () => {
  await stack?.stop();
});

describe('Darbdavio atstovai over HTTP', () => {
  it('pages a long list by 50, counting the active ones over all pages (GEN-16)', async () => {
    const fx = await createInstitution(stack.db, 'Daug darbdavių');
    const admin = await adminSession(stack.db, fx);
    await stack.db
      .insertInto('employers')
      .values(
        Array.from({ length: 55 }, (_, i) => ({
          institution_id: fx.institutionId,
          name: `UAB Darbdavys ${String(i).padStart(3, '0')}`,
          code: '123456789',
          active: i % 5 !== 0,
        })),
      )
      .execute();
    const first = await (await call('/darbdaviai', { as: admin })).text();
    expect(first).toContain('Iš viso: 55, iš jų aktyvių: 44.');
    expect(first).toContain('Puslapis 1 iš 2.');
    const second = await (await call('/darbdaviai?puslapis=2', { as: admin })).text();
    expect(second).toContain('Puslapis 2 iš 2.');
    expect(second).toContain('UAB Darbdavys 054');
    expect(second).not.toContain('UAB Darbdavys 000<');
  });

  it('lists the employer representatives, only the institution’s, with the add button (EMPL-1, GEN-5)', async () => {
    const fresh = await createInstitution(stack.db, 'Be darbdavių');
    const empty = await (await call('/darbdaviai', { as: await adminSession(stack.db, fresh) })).text();
    expect(empty).toContain('Institucija dar neturi darbdavio atstovų.');

    const { body } = await addEmployer(adminA, { firstName: 'Jurgis', lastName: 'Jurgaitis' });
    const { body: bBody } = await addEmployer(adminB, { name: `UAB B slapta ${unique()}` });
    const res = await call('/darbdaviai', { as: adminA });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h1>Darbdavio atstovai</h1>');
    expect(html).toContain('Įtraukti naują darbdavio atstovą');
    expect(html).toContain('href="/darbdaviai/naujas"');
    expect(html).toContain('Funkcionalumas taikomas tik Užimtumo tarnybos mokymo programoms.');
    expect(html).toContain(body.name);
    expect(html).toContain('Jurgis Jurgaitis');
    expect(html).toContain(body.email);
    expect(html).toContain('Pramonės g. 5, LT-11110 Vilnius');
    expect(html).toContain('Aktyvi darbdavio paskyra');
    expect(html).not.toContain(bBody.name);
  });

  it('shows the window with every field, "Aktyvi darbdavio paskyra" and the CSRF token (EMPL-3, EMPL-4)', async () => {
    const html = await (await call('/darbdaviai/naujas', { as: adminA })).text();
    for (const label of [
      'Darbdavio įstaigos pavadinimas',
      'Juridinio asmens kodas',
      'Atstovo vardas',
      'Atstovo pavardė',
      'Telefono numeris',
      'El. paštas',
      'Praktinio mokymo vietos adresas',
      'Aktyvi darbdavio paskyra',
    ]) {
      expect(html).toContain(label);
    }
    expect(html).toContain('name="_csrf"');
    expect(html).toContain('name="idempotencyKey"');
    expect(html).toMatch(/<input type="checkbox" name="active" value="1" id="f-active" aria-describedby="h-active"\/?>/);
  });

  it('answers an invalid window with 422, every message at once and the typed values (EMPL-3, GEN-15)', async () => {
    const name = `UAB Neišsaugota ${unique()}`;
    const res = await call('/darbdaviai', {
      as: adminA,
      body: employerForm({
        name,
        code: '12345',
        firstName: '',
        lastName: 'K4irienė',
        phone: 'skambinti',
        email: 'ruta@',
        practiceAddress: '',
      }),
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Patikrinkite pažymėtus laukus.');
    expect(html.match(/Privalomas laukas\./g)).toHaveLength(2);
    expect(html).toContain('Juridinio asmens kodą sudaro 9 skaitmenys.');
    expect(html).toContain('Vardą ir pavardę gali sudaryti tik raidės');
    expect(html).toContain('Neteisingas telefono numeris');
    expect(html).toContain('Neteisingas el. pašto adresas');
    expect(html).toContain(`value="${name}"`);
    expect(html).toContain('value="12345"');
    expect(html).toContain('value="K4irienė"');
    expect(html).toContain('value="skambinti"');
    expect(html).toContain('value="ruta@"');
    expect(html).toMatch(/name="active" value="1" id="f-active" checked=""/);
    expect(html).toContain('aria-invalid="true"');
    expect(await stack.db.selectFrom('employers').select('id').where('name', '=', name).execute()).toHaveLength(0);

    const empty = await call('/darbdaviai', { as: adminA, body: { idempotencyKey: crypto.randomUUID() } });
    expect(empty.status).toBe(422);
    const emptyHtml = await empty.text();
    expect(emptyHtml.match(/Privalomas laukas\./g)).toHaveLength(7);
    expect(emptyHtml).not.toMatch(/id="f-active" checked/);

    const fragment = await call('/darbdaviai', { as: adminA, htmx: true, body: employerForm({ code: '' }) });
    expect(fragment.status).toBe(422);
    const fragmentHtml = await fragment.text();
    expect(fragmentHtml).not.toContain('<html');
    expect(fragmentHtml).toContain('id="darbdavio-atstovo-langas"');
  });

  it('adds an employer representative with an audit row; the same form twice adds one (EMPL-1, EMPL-6, GEN-9)', async () => {
    const { id, body, res } = await addEmployer(adminA, { code: '304 050 607' });
    expect(id).toBe(body.idempotencyKey);
    expect(res.headers.get('location')).toBe(`/darbdaviai?pranesimas=itrauktas&darbdavys=${id}`);
    expect(await employerRow(id)).toMatchObject({
      institution_id: a.institutionId,
      name: body.name,
      code: '304050607',
      representative_first_name: 'Rūta',
      representative_last_name: 'Kairienė',
      phone: '+37060012345', // stored in E.164
      email: body.email,
      practice_address: 'Pramonės g. 5, LT-11110 Vilnius',
      active: true,
    });
    const trail = await auditTrail(stack.db, 'employer', id);
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({ action: 'create', institution_id: a.institutionId, actor_user_id: a.userId });
    expect(trail[0]!.changes).toMatchObject({ name: { before: null, after: body.name }, active: { before: null, after: true } });
    const list = await (await call(res.headers.get('location')!, { as: adminA })).text();
    expect(list).toContain(`Darbdavio atstovas ${body.name} (Rūta Kairienė) įtrauktas.`);

    expect((await call('/darbdaviai', { as: adminA, body })).status).toBe(303);
    expect(await stack.db.selectFrom('employers').select('id').where('name', '=', body.name).execute()).toHaveLength(1);
    expect(await auditTrail(stack.db, 'employer', id)).toHaveLength(1);
  });

  it('"Aktyvi darbdavio paskyra" decides whether the user window offers the employer (EMPL-4, EMPL-5, USERS-24)', async () => {
    const { id: activeId, body: active } = await addEmployer(adminA, { name: `UAB Aktyvi ${unique()}` });
    const { id: inactiveId, body: inactive } = await addEmployer(adminA, { name: `UAB Neaktyvi ${unique()}` }, { active: false });
    expect(await employerRow(inactiveId)).toMatchObject({ active: false });
    const list = await (await call(`/darbdaviai?pranesimas=itrauktas&darbdavys=${inactiveId}`, { as: adminA })).text();
    expect(list).toContain('Darbdavio paskyra neaktyvi');

    let window = await userWindow(adminA);
    expect(window).toContain(`<option value="${activeId}">`);
    expect(window).toContain(active.name);
    expect(window).not.toContain(inactiveId);
    expect(window).not.toContain(inactive.name);

    // Activated: offered; the other deactivated: no longer offered.
    expect((await call(`/darbdaviai/${inactiveId}/redaguoti`, { as: adminA, body: withActive(inactive, true) })).status).toBe(303);
    expect((await call(`/darbdaviai/${activeId}/redaguoti`, { as: adminA, body: withActive(active, false) })).status).toBe(303);
    window = await userWindow(adminA);
    expect(window).toContain(inactive.name);
    expect(window).not.toContain(active.name);
    expect((await auditTrail(stack.db, 'employer', inactiveId)).at(-1)).toMatchObject({
      action: 'update',
      changes: { active: { before: false, after: true } },
    });
    expect((await auditTrail(stack.db, 'employer', activeId)).at(-1)).toMatchObject({
      action: 'update',
      changes: { active: { before: true, after: false } },
    });
  });

  it('edits: 422 with every error and the typed values, then saves the changes with an audit row (EMPL-1)', async () => {
    const { id, body } = await addEmployer(adminA);
    const form = await (await call(`/darbdaviai/${id}/redaguoti`, { as: adminA })).text();
    expect(form).toContain(`value="${body.name}"`);
    expect(form).toContain(`value="${body.email}"`);
    expect(form).toMatch(/name="active" value="1" id="f-active" checked=""/);

    const bad = await call(`/darbdaviai/${id}/redaguoti`, {
      as: adminA,
      body: { ...body, phone: '', email: 'ne-adresas', lastName: 'Petraitytė' },
    });
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml).toContain('Privalomas laukas.');
    expect(badHtml).toContain('Neteisingas el. pašto adresas');
    expect(badHtml).toContain('value="ne-adresas"');
    expect(badHtml).toContain('value="Petraitytė"');
    expect(await employerRow(id)).toMatchObject({ representative_last_name: 'Kairienė', email: body.email });

    const res = await call(`/darbdaviai/${id}/redaguoti`, {
      as: adminA,
      body: { ...body, lastName: 'Petraitytė', phone: '+370 611 22222' },
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/darbdaviai?pranesimas=issaugotas&darbdavys=${id}`);
    expect(await employerRow(id)).toMatchObject({ representative_last_name: 'Petraitytė', phone: '+37061122222' });
    const trail = await auditTrail(stack.db, 'employer', id);
    expect(trail.map((r) => r.action)).toEqual(['create', 'update']);
    expect(trail[1]!.changes).toEqual({
      lastName: { before: 'Kairienė', after: 'Petraitytė' },
      phone: { before: '+37060012345', after: '+37061122222' },
    });
  });

  it('keeps an employer entered before the window had every field: listed, marked, completed on edit', async () => {
    const old = await stack.db
      .insertInto('employers')
      .values({ institution_id: a.institutionId, name: `UAB Senoji ${unique()}`, code: '300000001' })
      .returning(['id', 'name'])
      .executeTakeFirstOrThrow();
    const list = await (await call('/darbdaviai', { as: adminA })).text();
    expect(list).toContain(old.name);
    expect(list).toContain('Informacija neužpildyta');
    const form = await (await call(`/darbdaviai/${old.id}/redaguoti`, { as: adminA })).text();
    expect(form).toContain(`value="${old.name}"`);
    const res = await call(`/darbdaviai/${old.id}/redaguoti`, { as: adminA, body: employerForm({ name: old.name, code: '300000001' }) });
    expect(res.status).toBe(303);
    expect(await employerRow(old.id)).toMatchObject({ representative_first_name: 'Rūta', active: true });
  });

  it('tells, when editing, how many users have the employer (they keep it when it is deactivated)', async () => {
    const { id, body } = await addEmployer(adminA);
    await stack.db
      .insertInto('institution_users')
      .values({
        institution_id: a.institutionId,
        first_name: 'Petras',
        last_name: 'Atstovas',
        email: `${unique()}@example.lt`,
        rights: ['DARBDAVIO_ATSTOVAS'],
        status: 'ACTIVE',
        personal_code_hash: `test-${crypto.randomUUID()}`,
        employer_id: id,
      })
      .execute();
    const form = await (await call(`/darbdaviai/${id}/redaguoti`, { as: adminA })).text();
    expect(form).toContain('Šis darbdavys jau priskirtas naudotojams (1)');
    expect((await call(`/darbdaviai/${id}/redaguoti`, { as: adminA, body: withActive(body, false) })).status).toBe(303);
    expect(await stack.db.selectFrom('institution_users').select('employer_id').where('employer_id', '=', id).execute()).toHaveLength(1);
  });

  it("answers 404 for another institution's employer and changes nothing (GEN-5)", async () => {
    const { id, body } = await addEmployer(adminB, { name: `UAB B ${unique()}` });
    expect((await call(`/darbdaviai/${id}/redaguoti`, { as: adminA })).status).toBe(404);
    expect((await call(`/darbdaviai/${id}/redaguoti`, { as: adminA, body: { ...body, name: 'Perimta' } })).status).toBe(404);
    expect((await call('/darbdaviai/ne-id/redaguoti', { as: adminA })).status).toBe(404);
    const stolen = await call('/darbdaviai', { as: adminA, body: employerForm({ idempotencyKey: id }) });
    expect(stolen.status).toBe(400);
    expect(await employerRow(id)).toMatchObject({ name: body.name, institution_id: b.institutionId });
    const list = await (await call(`/darbdaviai?pranesimas=issaugotas&darbdavys=${id}`, { as: adminA })).text();
    expect(list).not.toContain(body.name);
  });

  it('is for administrators and employees only: a contract-signing user gets 403 (§6)', async () => {
    const { id } = await addEmployer(adminA);
    const signer = await userWith(a.institutionId, ['SUTARCIU_PASIRASYMAS']);
    for (const path of ['/darbdaviai', '/darbdaviai/naujas', `/darbdaviai/${id}/redaguoti`]) {
      expect((await call(path, { as: signer })).status, path).toBe(403);
    }
    const name = `UAB Neturi atsirasti ${unique()}`;
    expect((await call('/darbdaviai', { as: signer, body: employerForm({ name }) })).status).toBe(403);
    expect((await call(`/darbdaviai/${id}/redaguoti`, { as: signer, body: employerForm({ name }) })).status).toBe(403);
    expect(await stack.db.selectFrom('employers').select('id').where('name', '=', name).execute()).toHaveLength(0);

    const employee = await userWith(a.institutionId, ['DARBUOTOJAS']);
    expect((await call('/darbdaviai', { as: employee })).status).toBe(200);
    await addEmployer(employee);
  });

  it('refuses a change without the CSRF token', async () => {
    const name = `UAB Be žetono ${unique()}`;
    expect((await call('/darbdaviai', { as: adminA, body: employerForm({ name }), csrf: false })).status).toBe(403);
    expect(await stack.db.selectFrom('employers').select('id').where('name', '=', name).execute()).toHaveLength(0);
  });
});
