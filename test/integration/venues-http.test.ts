// "Mokymo vietos" through the real path: HTTP → Hono → db → Postgres → HTML (VENUE-1..VENUE-7,
// OQ-16, GEN-5, GEN-9, GEN-15, §6).
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitVenueAddresses } from '../../db/migrations/20261128T1630_venues_employers.ts';
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

function venueForm(overrides: Body = {}): Form {
  return {
    name: `Mokymo centras ${unique()}`,
    municipality: 'Kauno miesto savivaldybė',
    city: 'Kaunas',
    street: 'Laisvės al.',
    building: '10',
    postalCode: 'LT-44240',
    idempotencyKey: crypto.randomUUID(),
    ...overrides,
  };
}

async function venueRow(id: string) {
  return stack.db.selectFrom('venues').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

function venueIdFrom(res: Response): string {
  return new URL(res.headers.get('location') ?? '', ORIGIN).searchParams.get('vieta') ?? '';
}

/** Adds a venue through the page; returns its id. */
async function addVenue(as: TestSession, overrides: Body = {}) {
  const body = venueForm(overrides);
  const res = await call('/mokymo-vietos', { as, body });
  expect(res.status, await res.clone().text()).toBe(303);
  return { id: venueIdFrom(res), body, res };
}

/** A confirmed user of the institution with these user groups, and their session. */
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

/** An institution without its "Nuotolinis mokymas" venue, with this ŠMIR record. */
async function institutionWithSeat(smirData: Record<string, unknown> | null) {
  const fx = await createInstitution(stack.db, 'Be nuotolinės vietos');
  await stack.db.deleteFrom('venues').where('id', '=', fx.remoteVenueId).execute();
  await stack.db.updateTable('institutions').set({ smir_data: smirData }).where('id', '=', fx.institutionId).execute();
  return { fx, admin: await adminSession(stack.db, fx) };
}

async function remoteVenues(institutionId: string) {
  return stack.db
    .selectFrom('venues')
    .selectAll()
    .where('institution_id', '=', institutionId)
    .where('name', '=', 'Nuotolinis mokymas')
    .execute();
}

beforeAll(async () => {
  stack = await startStack('venues');
  a = await createInstitution(stack.db, 'Institucija A');
  b = await createInstitution(stack.db, 'Institucija B');
  adminA = await adminSession(stack.db, a);
  adminB = await adminSession(stack.db, b);
});

afterAll(async () => {
  await stack?.stop();
});

describe('Mokymo vietos over HTTP', () => {
  it('pages a long list by 50 (GEN-16)', async () => {
    const fx = await createInstitution(stack.db, 'Daug vietų');
    const admin = await adminSession(stack.db, fx);
    await stack.db
      .insertInto('venues')
      .values(
        Array.from({ length: 58 }, (_, i) => ({
          institution_id: fx.institutionId,
          name: `Klasė ${String(i).padStart(3, '0')}`,
          address: 'Gedimino pr. 1, LT-01103 Vilnius',
        })),
      )
      .execute();
    const first = await (await call('/mokymo-vietos', { as: admin })).text();
    expect(first).toContain('Iš viso: 60. Puslapis 1 iš 2.');
    expect(first).toContain('href="/mokymo-vietos?puslapis=2"');
    const second = await (await call('/mokymo-vietos?puslapis=2', { as: admin })).text();
    expect(second).toContain('Puslapis 2 iš 2.');
    expect((second.match(/\/redaguoti"/g) ?? []).length).toBe(10);
    expect((await call('/mokymo-vietos?puslapis=99', { as: admin })).status).toBe(200);
  });

  it('lists the institution venues, only theirs, with the add button (VENUE-1, GEN-5)', async () => {
    const { body: bVenue } = await addVenue(adminB, { name: `B slapta vieta ${unique()}` });
    const res = await call('/mokymo-vietos', { as: adminA });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h1>Mokymo vietos</h1>');
    expect(html).toContain('Įtraukti naują mokymo vietą');
    expect(html).toContain('href="/mokymo-vietos/nauja"');
    expect(html).toContain('Auditorija 101');
    expect(html).toContain('Gedimino pr. 1, Vilnius');
    expect(html).toContain(`href="/mokymo-vietos/${a.venueId}/redaguoti"`);
    expect(html).not.toContain(bVenue.name);
    expect(html).not.toContain(b.venueId);
    // The fixture's venues were entered before the address had parts: marked to be completed.
    expect(html).toContain('Adresas neišsamus');
    // The fixture's "Nuotolinis mokymas" has no address at all.
    expect(html).toContain('Adresas nenurodytas');
    // The institution has its "Nuotolinis mokymas": nothing is offered.
    expect(html).not.toContain('Mokymo vieta nuotoliniam mokymui');
  });

  it('shows the venue window with every field and the CSRF token', async () => {
    const html = await (await call('/mokymo-vietos/nauja', { as: adminA })).text();
    for (const label of ['Mokymo vietos pavadinimas', 'Savivaldybė', 'Miestas / gyvenvietė', 'Gatvė', 'Namo numeris', 'Pašto kodas']) {
      expect(html).toContain(label);
    }
    expect(html).toContain('name="_csrf"');
    expect(html).toContain('name="idempotencyKey"');
    expect(html).toContain('<option value="Zarasų rajono savivaldybė">');
  });

  it('answers an invalid window with 422, every message at once and the typed values (VENUE-2, GEN-15)', async () => {
    const name = `Neišsaugota ${unique()}`;
    const res = await call('/mokymo-vietos', {
      as: adminA,
      body: venueForm({ name, municipality: '', city: '', street: 'Ateities g.', building: 'be numerio', postalCode: '123' }),
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Patikrinkite pažymėtus laukus.');
    expect(html.match(/Privalomas laukas\./g)).toHaveLength(2);
    expect(html).toContain('Nurodykite namo numerį, pvz., 1, 12A arba 5-3.');
    expect(html).toContain('Pašto kodą sudaro 5 skaitmenys, pvz., LT-01103.');
    expect(html).toContain(`value="${name}"`);
    expect(html).toContain('value="Ateities g."');
    expect(html).toContain('value="be numerio"');
    expect(html).toContain('value="123"');
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('name="_csrf"');
    expect(await stack.db.selectFrom('venues').select('id').where('name', '=', name).execute()).toHaveLength(0);

    const empty = await call('/mokymo-vietos', { as: adminA, body: { idempotencyKey: crypto.randomUUID() } });
    expect(empty.status).toBe(422);
    expect((await empty.text()).match(/Privalomas laukas\./g)).toHaveLength(6);

    // For htmx: only the window, for its place in the page.
    const fragment = await call('/mokymo-vietos', { as: adminA, htmx: true, body: venueForm({ city: '' }) });
    expect(fragment.status).toBe(422);
    const fragmentHtml = await fragment.text();
    expect(fragmentHtml).not.toContain('<html');
    expect(fragmentHtml).toContain('id="mokymo-vietos-langas"');
  });

  it('adds a venue with its structured address and an audit row; the same form twice adds one (VENUE-1, VENUE-6, GEN-9)', async () => {
    const { id, body, res } = await addVenue(adminA, { postalCode: '44240', building: '10a' });
    expect(res.headers.get('location')).toBe(`/mokymo-vietos?pranesimas=itraukta&vieta=${id}`);
    expect(id).toBe(body.idempotencyKey);
    expect(await venueRow(id)).toMatchObject({
      institution_id: a.institutionId,
      name: body.name,
      municipality: 'Kauno miesto savivaldybė',
      city: 'Kaunas',
      street: 'Laisvės al.',
      building: '10A',
      postal_code: 'LT-44240',
      address: 'Laisvės al. 10A, LT-44240 Kaunas, Kauno miesto savivaldybė',
    });
    const trail = await auditTrail(stack.db, 'venue', id);
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({ action: 'create', institution_id: a.institutionId, actor_user_id: a.userId });
    expect(trail[0]!.changes).toMatchObject({ name: { before: null, after: body.name }, postalCode: { before: null, after: 'LT-44240' } });

    const list = await (await call(res.headers.get('location')!, { as: adminA })).text();
    expect(list).toContain(`Mokymo vieta „${body.name}“ įtraukta į institucijos mokymo vietų sąrašą.`);

    const again = await call('/mokymo-vietos', { as: adminA, body });
    expect(again.status).toBe(303);
    expect(await stack.db.selectFrom('venues').select('id').where('name', '=', body.name).execute()).toHaveLength(1);
    expect(await auditTrail(stack.db, 'venue', id)).toHaveLength(1);
  });

  it('refuses a second venue of the same name, in any letter case', async () => {
    const { body } = await addVenue(adminA);
    const res = await call('/mokymo-vietos', { as: adminA, body: venueForm({ name: `  ${body.name.toUpperCase()} ` }) });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Mokymo vieta tokiu pavadinimu jau yra institucijos sąraše');
    // Another institution may have a venue of that name.
    await addVenue(adminB, { name: body.name });
  });

  it('edits a venue: 422 with every error and the typed values, then saves with an audit row of the changes (VENUE-5)', async () => {
    const { id, body } = await addVenue(adminA);
    const form = await (await call(`/mokymo-vietos/${id}/redaguoti`, { as: adminA })).text();
    expect(form).toContain(`value="${body.name}"`);
    expect(form).toContain('<option value="Kauno miesto savivaldybė" selected="">');
    expect(form).toContain('value="LT-44240"');

    const bad = await call(`/mokymo-vietos/${id}/redaguoti`, {
      as: adminA,
      body: { ...body, name: '', street: 'Savanorių pr.', building: '', postalCode: 'LT-1' },
    });
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml.match(/Privalomas laukas\./g)).toHaveLength(2);
    expect(badHtml).toContain('Pašto kodą sudaro 5 skaitmenys');
    expect(badHtml).toContain('value="Savanorių pr."');
    expect(badHtml).toContain('value="LT-1"');
    expect(await venueRow(id)).toMatchObject({ name: body.name, street: 'Laisvės al.' });

    const res = await call(`/mokymo-vietos/${id}/redaguoti`, {
      as: adminA,
      body: { ...body, street: 'Savanorių pr.', building: '5', postalCode: 'LT-44255' },
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/mokymo-vietos?pranesimas=issaugota&vieta=${id}`);
    expect(await venueRow(id)).toMatchObject({
      street: 'Savanorių pr.',
      building: '5',
      postal_code: 'LT-44255',
      address: 'Savanorių pr. 5, LT-44255 Kaunas, Kauno miesto savivaldybė',
    });
    const trail = await auditTrail(stack.db, 'venue', id);
    expect(trail.map((r) => r.action)).toEqual(['create', 'update']);
    expect(trail[1]!.changes).toEqual({
      street: { before: 'Laisvės al.', after: 'Savanorių pr.' },
      building: { before: '10', after: '5' },
      postalCode: { before: 'LT-44240', after: 'LT-44255' },
      address: {
        before: 'Laisvės al. 10, LT-44240 Kaunas, Kauno miesto savivaldybė',
        after: 'Savanorių pr. 5, LT-44255 Kaunas, Kauno miesto savivaldybė',
      },
    });
    // Saving unchanged values writes no audit row.
    await call(`/mokymo-vietos/${id}/redaguoti`, {
      as: adminA,
      body: { ...body, street: 'Savanorių pr.', building: '5', postalCode: 'LT-44255' },
    });
    expect(await auditTrail(stack.db, 'venue', id)).toHaveLength(2);
    // Another venue's name is refused; its own is not.
    const { body: other } = await addVenue(adminA);
    const clash = await call(`/mokymo-vietos/${id}/redaguoti`, { as: adminA, body: { ...body, name: other.name } });
    expect(clash.status).toBe(422);
  });

  it('keeps a venue entered with a one-line address: listed as it was, its parts read into the window, completed on save', async () => {
    // A venue without parts (as the fixture's): what its one-line address tells is read into the window.
    const fixtureForm = await (await call(`/mokymo-vietos/${a.venueId}/redaguoti`, { as: adminA })).text();
    expect(await venueRow(a.venueId)).toMatchObject({ street: null, municipality: null });
    expect(fixtureForm).toContain('buvo įvestas viena eilute: „Gedimino pr. 1, Vilnius“');
    expect(fixtureForm).toContain('value="Gedimino pr."');
    expect(fixtureForm).toContain('<option value="Vilniaus miesto savivaldybė" selected="">');

    const legacy = await stack.db
      .insertInto('venues')
      .values({ institution_id: a.institutionId, name: `Sena vieta ${unique()}`, address: 'Vilniaus g. 12-3, Panevėžys' })
      .returning('id')
      .executeTakeFirstOrThrow();
    // What the migration does with such a venue: the parts it can read; the text stays.
    expect(await splitVenueAddresses(stack.db as unknown as Kysely<unknown>, a.institutionId)).toBeGreaterThanOrEqual(1);
    expect(await venueRow(legacy.id)).toMatchObject({
      address: 'Vilniaus g. 12-3, Panevėžys',
      street: 'Vilniaus g.',
      building: '12-3',
      city: 'Panevėžys',
      municipality: 'Panevėžio miesto savivaldybė',
      postal_code: null,
    });
    const list = await (await call('/mokymo-vietos', { as: adminA })).text();
    expect(list).toContain('Vilniaus g. 12-3, Panevėžys');
    const form = await (await call(`/mokymo-vietos/${legacy.id}/redaguoti`, { as: adminA })).text();
    expect(form).toContain('buvo įvestas viena eilute: „Vilniaus g. 12-3, Panevėžys“');
    expect(form).toContain('value="Vilniaus g."');
    expect(form).toContain('<option value="Panevėžio miesto savivaldybė" selected="">');
  });

  it('offers "Nuotolinis mokymas" with the registered office address from ŠMIR and creates it once (VENUE-4)', async () => {
    const { fx, admin } = await institutionWithSeat({ code: '300000009', name: 'X', address: 'Tilžės g. 5, LT-76284 Šiauliai' });
    const list = await (await call('/mokymo-vietos', { as: admin })).text();
    expect(list).toContain('Mokymo vieta nuotoliniam mokymui');
    expect(list).toContain('Buveinės adresas pagal ŠMIR: <strong>Tilžės g. 5, LT-76284 Šiauliai, Šiaulių miesto savivaldybė</strong>');
    expect(list).toContain('action="/mokymo-vietos/nuotolinis-mokymas"');
    const key = /name="idempotencyKey" value="([^"]+)"/.exec(list)?.[1] ?? '';

    const res = await call('/mokymo-vietos/nuotolinis-mokymas', { as: admin, body: { idempotencyKey: key } });
    expect(res.status).toBe(303);
    const [venue, ...more] = await remoteVenues(fx.institutionId);
    expect(more).toHaveLength(0);
    expect(venue).toMatchObject({
      id: key,
      name: 'Nuotolinis mokymas',
      street: 'Tilžės g.',
      building: '5',
      city: 'Šiauliai',
      municipality: 'Šiaulių miesto savivaldybė',
      postal_code: 'LT-76284',
      address: 'Tilžės g. 5, LT-76284 Šiauliai, Šiaulių miesto savivaldybė',
    });
    expect(await auditTrail(stack.db, 'venue', key)).toMatchObject([{ action: 'create', actor_user_id: fx.userId }]);

    // Only once: the same button again, a fresh one, the window, and the general form.
    expect((await call('/mokymo-vietos/nuotolinis-mokymas', { as: admin, body: { idempotencyKey: key } })).status).toBe(303);
    const again = await call('/mokymo-vietos/nuotolinis-mokymas', { as: admin, body: { idempotencyKey: crypto.randomUUID() } });
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe(`/mokymo-vietos?pranesimas=jau-yra&vieta=${key}`);
    expect((await call('/mokymo-vietos/nuotolinis-mokymas', { as: admin })).status).toBe(303);
    const typed = await call('/mokymo-vietos', { as: admin, body: venueForm({ name: 'nuotolinis mokymas' }) });
    expect(typed.status).toBe(422);
    expect(await remoteVenues(fx.institutionId)).toHaveLength(1);
    const after = await (await call(again.headers.get('location')!, { as: admin })).text();
    expect(after).toContain('Mokymo vieta „Nuotolinis mokymas“ jau yra institucijos mokymo vietų sąraše');
    expect(after).not.toContain('Mokymo vieta nuotoliniam mokymui');
  });

  it('asks for the registered office address when ŠMIR has none or an incomplete one (VENUE-4)', async () => {
    const { fx, admin } = await institutionWithSeat({ code: '300000010', name: 'Y' });
    const list = await (await call('/mokymo-vietos', { as: admin })).text();
    expect(list).toContain('ŠMIR duomenyse buveinės adreso nėra: įveskite jį.');
    expect(list).toContain('href="/mokymo-vietos/nuotolinis-mokymas"');
    // The list's button without an address goes to the window.
    const button = await call('/mokymo-vietos/nuotolinis-mokymas', { as: admin, body: { idempotencyKey: crypto.randomUUID() } });
    expect(button.status).toBe(303);
    expect(button.headers.get('location')).toBe('/mokymo-vietos/nuotolinis-mokymas');
    expect(await remoteVenues(fx.institutionId)).toHaveLength(0);

    const window = await (await call('/mokymo-vietos/nuotolinis-mokymas', { as: admin })).text();
    expect(window).toContain('ŠMIR duomenyse mokymo teikėjo buveinės adreso nėra: įveskite buveinės adresą.');
    expect(window).toContain('value="Nuotolinis mokymas" readonly=""');
    const key = /name="idempotencyKey" value="([^"]+)"/.exec(window)?.[1] ?? '';

    const bad = await call('/mokymo-vietos/nuotolinis-mokymas', {
      as: admin,
      body: { idempotencyKey: key, name: 'Kita', municipality: '', city: 'Alytus', street: '', building: '', postalCode: '' },
    });
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml.match(/Privalomas laukas\./g)).toHaveLength(4);
    expect(badHtml).toContain('value="Alytus"');
    expect(badHtml).toContain('value="Nuotolinis mokymas" readonly=""');

    const ok = await call('/mokymo-vietos/nuotolinis-mokymas', {
      as: admin,
      body: {
        idempotencyKey: key,
        name: 'Kita',
        municipality: 'Alytaus miesto savivaldybė',
        city: 'Alytus',
        street: 'Pulko g.',
        building: '1',
        postalCode: 'LT-62133',
      },
    });
    expect(ok.status).toBe(303);
    expect(await remoteVenues(fx.institutionId)).toMatchObject([
      { name: 'Nuotolinis mokymas', address: 'Pulko g. 1, LT-62133 Alytus, Alytaus miesto savivaldybė' },
    ]);

    // An incomplete ŠMIR address: shown, and its known parts fill the window.
    const partial = await institutionWithSeat({ code: '300000011', name: 'Z', address: 'Gedimino pr. 1, Vilnius' });
    const partialList = await (await call('/mokymo-vietos', { as: partial.admin })).text();
    expect(partialList).toContain('ŠMIR pateiktas buveinės adresas „Gedimino pr. 1, Vilnius“ neišsamus: patikslinkite jį.');
    const partialWindow = await (await call('/mokymo-vietos/nuotolinis-mokymas', { as: partial.admin })).text();
    expect(partialWindow).toContain('value="Gedimino pr."');
    expect(partialWindow).toContain('<option value="Vilniaus miesto savivaldybė" selected="">');
  });

  it('the group form\'s "Mokymo vieta" lists the institution\'s venues by name (VENUE-3)', async () => {
    const { id, body } = await addVenue(adminA, { name: `Grupių vieta ${unique()}` });
    const res = await call(`/programos/${a.programmeId}/grupes/nauja`, { as: adminA });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`<option value="${id}">${body.name}</option>`);
    expect(html).toContain(`<option value="${a.venueId}">Auditorija 101</option>`);
    expect(html).not.toContain(b.venueId);
  });

  it("answers 404 for another institution's venue and changes nothing (GEN-5)", async () => {
    const { id, body } = await addVenue(adminB, { name: `B vieta ${unique()}` });
    expect((await call(`/mokymo-vietos/${id}/redaguoti`, { as: adminA })).status).toBe(404);
    const post = await call(`/mokymo-vietos/${id}/redaguoti`, { as: adminA, body: { ...body, name: 'Perimta' } });
    expect(post.status).toBe(404);
    expect((await call('/mokymo-vietos/ne-id/redaguoti', { as: adminA })).status).toBe(404);
    expect(await venueRow(id)).toMatchObject({ name: body.name, institution_id: b.institutionId });
    // B's venue id as A's new venue's key is refused, not taken over.
    const stolen = await call('/mokymo-vietos', { as: adminA, body: venueForm({ idempotencyKey: id }) });
    expect(stolen.status).toBe(400);
    expect(await venueRow(id)).toMatchObject({ name: body.name, institution_id: b.institutionId });
    const list = await (await call(`/mokymo-vietos?pranesimas=issaugota&vieta=${id}`, { as: adminA })).text();
    expect(list).not.toContain(body.name);
  });

  it('is for administrators and employees only: a contract-signing user gets 403 (§6)', async () => {
    const signer = await userWith(a.institutionId, ['SUTARCIU_PASIRASYMAS']);
    for (const path of [
      '/mokymo-vietos',
      '/mokymo-vietos/nauja',
      `/mokymo-vietos/${a.venueId}/redaguoti`,
      '/mokymo-vietos/nuotolinis-mokymas',
    ]) {
      expect((await call(path, { as: signer })).status, path).toBe(403);
    }
    const name = `Neturi atsirasti ${unique()}`;
    expect((await call('/mokymo-vietos', { as: signer, body: venueForm({ name }) })).status).toBe(403);
    expect((await call(`/mokymo-vietos/${a.venueId}/redaguoti`, { as: signer, body: venueForm({ name }) })).status).toBe(403);
    expect(await stack.db.selectFrom('venues').select('id').where('name', '=', name).execute()).toHaveLength(0);

    const employee = await userWith(a.institutionId, ['DARBUOTOJAS']);
    expect((await call('/mokymo-vietos', { as: employee })).status).toBe(200);
    await addVenue(employee);
  });

  it('refuses a change without the CSRF token or from another origin', async () => {
    const name = `Be žetono ${unique()}`;
    expect((await call('/mokymo-vietos', { as: adminA, body: venueForm({ name }), csrf: false })).status).toBe(403);
    const foreign = await stack.app.request(`${ORIGIN}/mokymo-vietos`, {
      method: 'POST',
      headers: {
        Cookie: adminA.cookie,
        'Content-Type': 'application/x-www-form-urlencoded',
        Origin: 'https://kitas.example',
        'X-CSRF-Token': adminA.csrf,
      },
      body: new URLSearchParams(venueForm({ name })),
    });
    expect(foreign.status).toBe(403);
    expect(await stack.db.selectFrom('venues').select('id').where('name', '=', name).execute()).toHaveLength(0);
  });
});
