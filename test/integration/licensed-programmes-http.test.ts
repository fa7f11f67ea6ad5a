// "Licencijuotų mokymo programų sąrašas" through the real path: HTTP → Hono → registry simulator
// (Licencijų registras, SMPKR) → db → Postgres → HTML (LIC-1..LIC-19, PROG-5, PROG-30, OQ-18,
// OQ-19, GEN-5, GEN-9, §6).
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditTrail } from '../../db/queries/audit.ts';
import { formatAddress } from '../../workflows/domain/venue.ts';
import { registryFixtures } from '../sim/registries/fixtures.ts';
import type { RegistrySimulator } from '../sim/registries/server.ts';
import { TEST_LEGAL_ENTITIES as E } from '../sim/viisp/people.ts';
import { createInstitution, type InstitutionFixture } from '../support/fixtures.ts';
import { adminSession, sessionFor, type TestSession } from '../support/session.ts';
import { startStack, type TestStack } from '../support/stack.ts';

const ORIGIN = 'http://localhost';
const LIST = '/licencijuotos-programos';
const WINDOW = '/licencijuotos-programos/nauja';

let stack: TestStack;
let sim: RegistrySimulator;
let a: InstitutionFixture;
let b: InstitutionFixture;
let adminA: TestSession;
let adminB: TestSession;
/** A's venues at the licence's two addresses, saved in parts as the venue window saves them. */
let gedimino: string;
let ukmerges: string;

type Body = Record<string, string | string[]>;

/** The demo institution's licence in the simulator: its venues' programmes, by address. */
const licence = [...registryFixtures().licences.values()].find((l) => l.institutionCode === E.demo.code && l.status === 'VALID')!;
const codesAt = (address: string) =>
  licence.venues
    .find((v) => v.address === address)!
    .programmes.map((p) => p.code)
    .sort();
const GEDIMINO = 'Gedimino pr. 1, LT-01103 Vilnius';
const UKMERGES = 'Ukmergės g. 220, LT-07100 Vilnius';
const smpkr = (code: string) => registryFixtures().smpkr.programmes.get(code)!;

function form(entries: Body): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(entries)) for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
  return params;
}

function call(path: string, opts: { as?: TestSession; body?: Body; query?: Body; htmx?: boolean } = {}) {
  const headers: Record<string, string> = {};
  if (opts.as) headers.Cookie = opts.as.cookie;
  if (opts.htmx) headers['HX-Request'] = 'true';
  if (opts.body) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    headers.Origin = ORIGIN;
    if (opts.as) headers['X-CSRF-Token'] = opts.as.csrf;
  }
  const query = opts.query ? `?${form(opts.query).toString()}` : '';
  return stack.app.request(`${ORIGIN}${path}${query}`, {
    method: opts.body ? 'POST' : 'GET',
    headers,
    ...(opts.body ? { body: form(opts.body) } : {}),
  });
}

/** The option values of a select (by its field name). */
function options(html: string, name: string): string[] {
  const start = html.indexOf(`id="f-${name}"`);
  if (start === -1) return [];
  const select = html.slice(start, html.indexOf('</select>', start));
  return [...select.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]!).filter((v) => v !== '');
}

function selected(html: string, name: string): string | undefined {
  const start = html.indexOf(`id="f-${name}"`);
  const select = html.slice(start, html.indexOf('</select>', start));
  return /<option value="([^"]*)" selected=""/.exec(select)?.[1];
}

/** A complete window for a whole programme at a venue. */
function addForm(venueId: string, programmeCode: string, overrides: Body = {}): Body {
  return {
    idempotencyKey: crypto.randomUUID(),
    venueId,
    programmeCode,
    trainingMode: 'KONTAKTINIS',
    languages: ['lietuvių', 'anglų'],
    theoryHours: '40',
    practiceHours: '80,5',
    itraukti: 'programa',
    ...overrides,
  };
}

async function add(as: TestSession, body: Body) {
  const res = await call(LIST, { as, body });
  expect(res.status, await res.clone().text()).toBe(303);
  const id = new URL(res.headers.get('location') ?? '', ORIGIN).searchParams.get('programa') ?? '';
  return { id, res };
}

async function row(id: string) {
  return stack.db.selectFrom('programmes').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

async function activeRows(institutionId: string, venueId: string, code: string) {
  return stack.db
    .selectFrom('programmes')
    .select(['id', 'state'])
    .where('institution_id', '=', institutionId)
    .where('venue_id', '=', venueId)
    .where('code', '=', code)
    .execute();
}

async function venue(
  institutionId: string,
  name: string,
  parts: { municipality: string; city: string; street: string; building: string; postalCode: string },
) {
  const inserted = await stack.db
    .insertInto('venues')
    .values({
      institution_id: institutionId,
      name,
      municipality: parts.municipality,
      city: parts.city,
      street: parts.street,
      building: parts.building,
      postal_code: parts.postalCode,
      address: formatAddress(parts),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

async function userWith(institutionId: string, rights: string[]) {
  const personalCodeHash = `test-${crypto.randomUUID()}`;
  const user = await stack.db
    .insertInto('institution_users')
    .values({
      institution_id: institutionId,
      first_name: 'Sigita',
      last_name: 'Sigitaitė',
      email: `${crypto.randomUUID().slice(0, 8)}@example.lt`,
      rights,
      status: 'ACTIVE',
      personal_code_hash: personalCodeHash,
      confirmed_at: new Date(),
      signing_document: rights.includes('SUTARCIU_PASIRASYMAS') ? 'Įgaliojimas Nr. 7' : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { userId: user.id, session: await sessionFor(stack.db, { personalCodeHash, institutionId, userId: user.id }) };
}

beforeAll(async () => {
  stack = await startStack('licensed', { simulators: true, env: { REGISTRY_TIMEOUT_MS: '3000' } });
  sim = stack.registries as RegistrySimulator;
  a = await createInstitution(stack.db, 'Licencijuota A');
  b = await createInstitution(stack.db, 'Kita B');
  // A is the ŠMIR institution whose licence Licencijų registras holds (the code is unique: a row
  // left with it by an earlier run of this file gives it up).
  await stack.db
    .updateTable('institutions')
    .set({ code: sql<string>`'x-' || id::text` })
    .where('code', '=', E.demo.code)
    .execute();
  await stack.db.updateTable('institutions').set({ code: E.demo.code }).where('id', '=', a.institutionId).execute();
  gedimino = await venue(a.institutionId, 'Vilniaus mokymo centras', {
    municipality: 'Vilniaus miesto savivaldybė',
    city: 'Vilnius',
    street: 'Gedimino pr.',
    building: '1',
    postalCode: 'LT-01103',
  });
  ukmerges = await venue(a.institutionId, 'Ukmergės skyrius', {
    municipality: 'Vilniaus miesto savivaldybė',
    city: 'Vilnius',
    street: 'Ukmergės g.',
    building: '220',
    postalCode: 'LT-07100',
  });
  adminA = await adminSession(stack.db, a);
  adminB = await adminSession(stack.db, b);
});

afterAll(async () => {
  sim?.recover();
  await stack?.stop();
});

describe('Licencijuotų mokymo programų sąrašas over HTTP', () => {
  it('is an application of the menu; the list starts empty with "Įtraukti naują programą" (LIC-2)', async () => {
    const home = await (await call('/', { as: adminA })).text();
    expect(home).toContain('href="/licencijuotos-programos"');
    const res = await call(LIST, { as: adminA });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h1>Licencijuotų mokymo programų sąrašas</h1>');
    expect(html).toContain('Įtraukti naują programą');
    expect(html).toContain(`href="${WINDOW}"`);
    expect(html).toContain('Institucija dar neturi licencijuotų mokymo programų.');
  });

  it('steps: the venue, then only the programmes licensed at its address, then SMPKR’s data read-only (LIC-3, LIC-4, LIC-6, LIC-16)', async () => {
    const first = await (await call(WINDOW, { as: adminA })).text();
    const venues = options(first, 'venueId');
    expect(venues).toEqual(expect.arrayContaining([gedimino, ukmerges, a.venueId, a.remoteVenueId]));
    expect(venues).not.toContain(b.venueId);
    expect(options(first, 'programmeCode')).toEqual([]);
    expect(first).toContain('hx-get="/licencijuotos-programos/nauja"');
    expect(first).toContain('hx-params="not _csrf"');

    const atGedimino = await call(WINDOW, { as: adminA, htmx: true, query: { venueId: gedimino } });
    expect(atGedimino.status).toBe(200);
    const step2 = await atGedimino.text();
    expect(step2).not.toContain('<html');
    expect(step2).toContain('id="licencijuotos-programos-langas"');
    expect(step2).toContain('Programų sąrašas');
    expect(options(step2, 'programmeCode')).toEqual(codesAt(GEDIMINO));
    expect(options(step2, 'programmeCode')).toContain('P43041101');

    const atUkmerges = await (await call(WINDOW, { as: adminA, htmx: true, query: { venueId: ukmerges } })).text();
    expect(options(atUkmerges, 'programmeCode')).toEqual(codesAt(UKMERGES));
    expect(options(atUkmerges, 'programmeCode')).not.toContain('P43041101');

    // The remote venue has no licensed address; the legacy one-line "Gedimino pr. 1, Vilnius" is the same place.
    const remote = await (await call(WINDOW, { as: adminA, htmx: true, query: { venueId: a.remoteVenueId } })).text();
    expect(remote).toContain('Pagal Licencijų registrą institucija šioje mokymo vietoje licencijuotų mokymo programų neturi.');
    expect(options(await (await call(WINDOW, { as: adminA, htmx: true, query: { venueId: a.venueId } })).text(), 'programmeCode')).toEqual(
      codesAt(GEDIMINO),
    );

    const step3 = await (
      await call(WINDOW, {
        as: adminA,
        htmx: true,
        query: { venueId: gedimino, programmeCode: 'P43041101', theoryHours: '40', trainingMode: 'MISRUS' },
      })
    ).text();
    expect(selected(step3, 'programmeCode')).toBe('P43041101');
    for (const text of [
      'Programos informacija',
      'Apskaitos pagrindai',
      'Neformaliojo profesinio mokymo programa',
      `Licencijos Nr.</dt><dd>${licence.number}</dd>`,
      `Vykdymo vieta pagal licenciją</dt><dd>${GEDIMINO}</dd>`,
      'teorinio 40, praktinio 80, savarankiško 15 val.',
      'Mokymo būdas',
      'Kontaktinis',
      'Nuotolinis sinchroninis',
      'Mišrus',
      'Mokymo kalbos',
      'Teorinio kontaktinio darbo trukmė',
      'Praktinio kontaktinio darbo trukmė',
      'Kontaktinio darbo trukmė valandomis',
      'Savarankiško darbo trukmė',
      'Įtraukti visą programą',
      'Modulių sąrašas',
      'Įtraukti atskirą modulį',
    ]) {
      expect(step3).toContain(text);
    }
    // What was typed stays; the sum is computed, read-only; self-study is SMPKR's, read-only, not counted.
    expect(step3).toMatch(/id="f-theoryHours"[^>]*value="40"/);
    expect(step3).toMatch(/value="MISRUS" id="f-trainingMode-MISRUS" checked=""/);
    expect(step3).toMatch(/id="f-contactHours" readonly="" value="40"/);
    expect(step3).toMatch(/id="f-selfStudyHours" readonly="" value="15"/);
    expect(options(step3, 'moduleCode')).toEqual(smpkr('P43041101').modules.map((m) => m.code));
    expect(step3).not.toMatch(/<script|\son[a-z]+="/);
  });

  it('adds the whole programme: stored with its hours and audit row, listed, and in "Institucijos mokymosi programos" (LIC-9..LIC-12, LIC-14, GEN-9)', async () => {
    const body = addForm(gedimino, 'P43041101');
    const { id, res } = await add(adminA, body);
    expect(id).toBe(body.idempotencyKey);
    expect(res.headers.get('location')).toBe(`${LIST}?pranesimas=itraukta&programa=${id}`);
    expect(await row(id)).toMatchObject({
      institution_id: a.institutionId,
      code: 'P43041101',
      name: 'Apskaitos pagrindai',
      kind: 'NONFORMAL_VET',
      state: 'ACTIVE',
      remarks: null,
      venue_id: gedimino,
      smpkr_code: 'P43041101',
      module_code: null,
      training_mode: 'KONTAKTINIS',
      languages: ['lietuvių', 'anglų'],
      theory_hours: '40.00',
      practice_hours: '80.50',
      contact_hours: '120.50',
      self_study_hours: '15.00',
      licence_number: licence.number,
      added_by: a.userId,
      suspended_at: null,
      registry_data: {
        programme: { code: 'P43041101', kind: 'NONFORMAL_VET', hours: { theory: 40, practice: 80, independent: 15 } },
        module: null,
        licence: { number: licence.number, venueAddress: GEDIMINO },
      },
    });
    const audit = await auditTrail(stack.db, 'programme', id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'create',
      actor_kind: 'user',
      actor_user_id: a.userId,
      institution_id: a.institutionId,
      changes: {
        code: { before: null, after: 'P43041101' },
        venueId: { before: null, after: gedimino },
        trainingMode: { before: null, after: 'KONTAKTINIS' },
        theoryHours: { before: null, after: '40.00' },
        practiceHours: { before: null, after: '80.50' },
        contactHours: { before: null, after: '120.50' },
        selfStudyHours: { before: null, after: '15.00' },
        licenceNumber: { before: null, after: licence.number },
      },
    });

    const list = await (await call(`${LIST}?pranesimas=itraukta&programa=${id}`, { as: adminA })).text();
    expect(list).toContain('Mokymo programa „P43041101 Apskaitos pagrindai (Vilniaus mokymo centras)“ įtraukta.');
    expect(list).toContain('Vilniaus mokymo centras');
    expect(list).toContain('120,5');
    expect(list).toContain('teorinio 40, praktinio 80,5');
    expect(list).toContain('savarankiško 15 (neįskaičiuojama)');
    expect(list).toContain('Kontaktinis');
    expect(list).toContain('lietuvių, anglų');
    expect(list).toContain('<summary aria-label="Meniu: P43041101 Apskaitos pagrindai (Vilniaus mokymo centras)">Meniu</summary>');
    expect(list).toContain(`hx-post="${LIST}/${id}/stabdyti"`);
    expect(list).toContain('hx-confirm="Ar tikrai stabdyti mokymo programą');
    expect(list).toContain('Stabdyti mokymo programą');

    const programmes = await (await call('/programos', { as: adminA })).text();
    expect(programmes).toContain(`<a href="/programos/${id}">P43041101</a>`);
    const general = await (await call(`/programos/${id}?kortele=bendroji`, { as: adminA })).text();
    expect(general).toContain('lietuvių, anglų');
    expect(general).toContain('120.50');

    // The same form sent twice adds it once.
    await add(adminA, body);
    expect(await activeRows(a.institutionId, gedimino, 'P43041101')).toHaveLength(1);
    expect(await auditTrail(stack.db, 'programme', id)).toHaveLength(1);
  });

  it('adds one module of a programme with "Įtraukti atskirą modulį"; the module must be chosen (LIC-5, LIC-13)', async () => {
    const programme = smpkr('P40710101');
    const chosen = programme.modules.find((m) => m.type === 'MANDATORY')!;
    const step = await (
      await call(WINDOW, { as: adminA, htmx: true, query: { venueId: gedimino, programmeCode: programme.code, moduleCode: chosen.code } })
    ).text();
    expect(options(step, 'moduleCode')).toEqual(programme.modules.map((m) => m.code));
    expect(selected(step, 'moduleCode')).toBe(chosen.code);
    expect(step).toContain(`Savarankiško darbo trukmė (modulio)</dt><dd>${chosen.hours.independent} val.`);

    const missing = await call(LIST, { as: adminA, htmx: true, body: addForm(gedimino, programme.code, { itraukti: 'modulis' }) });
    expect(missing.status).toBe(422);
    expect(await missing.text()).toContain('Pasirinkite modulį iš sąrašo.');

    const { id } = await add(
      adminA,
      addForm(gedimino, programme.code, {
        itraukti: 'modulis',
        moduleCode: chosen.code,
        theoryHours: '20',
        practiceHours: '60',
        trainingMode: 'MISRUS',
        languages: 'lietuvių',
      }),
    );
    expect(await row(id)).toMatchObject({
      code: chosen.code,
      name: chosen.name,
      kind: 'VET_MODULE',
      smpkr_code: programme.code,
      module_code: chosen.code,
      training_mode: 'MISRUS',
      languages: ['lietuvių'],
      contact_hours: '80.00',
      self_study_hours: `${chosen.hours.independent}.00`,
      registry_data: { module: { code: chosen.code }, programme: { code: programme.code, kind: 'FORMAL_VET' } },
    });
    const list = await (await call(LIST, { as: adminA })).text();
    expect(list).toContain('Profesinio mokymo programos modulis');
    expect(list).toContain(`Programos ${programme.code} modulis`);
    expect(list).toContain('Mišrus');
    const programmes = await (await call('/programos', { as: adminA })).text();
    expect(programmes).toContain(`<a href="/programos/${id}">${chosen.code}</a>`);

    // The module is marked as added in the list; the whole programme may still be added.
    const again = await (
      await call(WINDOW, { as: adminA, htmx: true, query: { venueId: gedimino, programmeCode: programme.code } })
    ).text();
    expect(again).toContain(`${chosen.code} ${chosen.name}`);
    expect(again).toMatch(new RegExp(`${chosen.code} [^<]*\\(jau įtrauktas\\)`));
    await add(adminA, addForm(gedimino, programme.code));
  });

  it('computes "Kontaktinio darbo trukmė valandomis" live, without inline script; self-study is never counted (LIC-10, LIC-11)', async () => {
    const res = await call(`${WINDOW}/trukme`, {
      as: adminA,
      htmx: true,
      query: { theoryHours: '12,5', practiceHours: '30', selfStudyHours: '100' },
    });
    expect(res.status).toBe(200);
    const fragment = await res.text();
    expect(fragment).not.toContain('<html');
    expect(fragment).toContain('id="kontaktinio-darbo-trukme"');
    expect(fragment).toMatch(/id="f-contactHours" readonly="" value="42,5"/);
    const wrong = await (
      await call(`${WINDOW}/trukme`, { as: adminA, htmx: true, query: { theoryHours: '-1', practiceHours: '30' } })
    ).text();
    expect(wrong).toMatch(/id="f-contactHours" readonly="" value="—"/);
    const window = await (await call(WINDOW, { as: adminA, query: { venueId: gedimino, programmeCode: 'P43041101' } })).text();
    expect(window).toContain('hx-get="/licencijuotos-programos/nauja/trukme"');
    expect(window).toContain('hx-target="#kontaktinio-darbo-trukme"');
    expect(window).not.toMatch(/<script(?! src=")/);
    // The contact hours are not a field that is sent.
    expect(window).not.toContain('name="contactHours"');
  });

  it('refuses an invalid window with 422, every message at once, keeping what was typed (LIC-7..LIC-9, LIC-19)', async () => {
    const res = await call(LIST, {
      as: adminA,
      htmx: true,
      body: {
        idempotencyKey: crypto.randomUUID(),
        venueId: gedimino,
        programmeCode: 'N41010403',
        theoryHours: '-3',
        practiceHours: 'abc',
        itraukti: 'programa',
      },
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).not.toContain('<html');
    expect(html).toContain('Patikrinkite pažymėtus laukus.');
    expect(html).toContain('Pasirinkite mokymo būdą.');
    expect(html).toContain('Pažymėkite bent vieną mokymo kalbą.');
    expect(
      html.split('Nurodykite neneigiamą akademinių valandų skaičių, pvz., 40 arba 12,5 (ne daugiau kaip 2 skaitmenys po kablelio).'),
    ).toHaveLength(3);
    expect(html).toMatch(/id="f-theoryHours"[^>]*value="-3"/);
    expect(html).toMatch(/id="f-practiceHours"[^>]*value="abc"/);
    expect(selected(html, 'venueId')).toBe(gedimino);
    expect(selected(html, 'programmeCode')).toBe('N41010403');
    expect(await activeRows(a.institutionId, gedimino, 'N41010403')).toHaveLength(0);

    const zero = await call(LIST, {
      as: adminA,
      body: addForm(gedimino, 'N41010403', { theoryHours: '0', practiceHours: '0', languages: ['rusų'], trainingMode: 'MISRUS' }),
    });
    expect(zero.status).toBe(422);
    const zeroHtml = await zero.text();
    expect(zeroHtml).toContain(
      'Kontaktinio darbo trukmė turi būti didesnė už 0: nurodykite teorinio ar praktinio kontaktinio darbo valandas.',
    );
    expect(zeroHtml).toMatch(/value="rusų" id="f-languages-rusų" checked=""/);
    expect(zeroHtml).toMatch(/value="MISRUS" id="f-trainingMode-MISRUS" checked=""/);

    // LIC-16: a programme licensed only at another venue.
    const elsewhere = codesAt(UKMERGES).find((c) => !codesAt(GEDIMINO).includes(c))!;
    const notHere = await call(LIST, { as: adminA, body: addForm(gedimino, elsewhere) });
    expect(notHere.status).toBe(422);
    expect(await notHere.text()).toContain('Pagal Licencijų registrą šios programos pasirinktoje mokymo vietoje vykdyti negalima.');
    expect(await activeRows(a.institutionId, gedimino, elsewhere)).toHaveLength(0);

    const noKey = await call(LIST, { as: adminA, body: addForm(gedimino, 'N41010403', { idempotencyKey: 'x' }) });
    expect(noKey.status).toBe(400);
  });

  it('refuses the same programme at the same venue while it is active, but not at another venue (LIC-17)', async () => {
    const res = await call(LIST, { as: adminA, htmx: true, body: addForm(gedimino, 'P43041101') });
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain('Ši programa šioje mokymo vietoje jau įtraukta ir nesustabdyta.');
    expect(html).toMatch(/value="40"/);
    expect(html).toContain('P43041101 Apskaitos pagrindai (visa programa jau įtraukta)');
    expect(await activeRows(a.institutionId, gedimino, 'P43041101')).toHaveLength(1);

    // Licensed at both of A's venues: once at each.
    const both = codesAt(GEDIMINO).find((c) => codesAt(UKMERGES).includes(c))!;
    await add(adminA, addForm(gedimino, both));
    await add(adminA, addForm(ukmerges, both));
    expect(await activeRows(a.institutionId, gedimino, both)).toHaveLength(1);
    expect(await activeRows(a.institutionId, ukmerges, both)).toHaveLength(1);
  });

  it('"Meniu" → "Stabdyti mokymo programą": the remark in "Institucijos mokymosi programos", no new group, existing ones kept (LIC-15, LIC-18, PROG-5, PROG-30, OQ-19)', async () => {
    const { id } = await add(adminA, addForm(gedimino, 'N41010403'));
    const confirm = await call(`${LIST}/${id}/stabdyti`, { as: adminA });
    expect(confirm.status).toBe(200);
    const confirmHtml = await confirm.text();
    expect(confirmHtml).toContain('Ar tikrai stabdyti mokymo programą „N41010403 Makiažas (Vilniaus mokymo centras)“?');
    expect(confirmHtml).toContain(`action="${LIST}/${id}/stabdyti"`);
    expect((await row(id)).state).toBe('ACTIVE');

    const before = new Date();
    const res = await call(`${LIST}/${id}/stabdyti`, { as: adminA, htmx: true, body: {} });
    expect(res.status).toBe(200);
    expect(res.headers.get('HX-Trigger')).toBe('licencijuotos-programos-pakeistos');
    const fragment = await res.text();
    expect(fragment.startsWith(`<tr id="licencijuota-${id}">`)).toBe(true);
    expect(fragment).toContain('Sustabdyta');
    expect(fragment).toContain('<div id="pranesimai" role="status" aria-live="polite" hx-swap-oob="true">');
    expect(fragment).toMatch(
      /<p class="muted" id="licencijuotu-programu-skaicius" hx-swap-oob="true">Iš viso: \d+, iš jų aktyvių: \d+\.<\/p>/,
    );
    expect(fragment).toContain('sustabdyta: naujų mokymo grupių jai kurti negalima');
    expect(fragment).not.toContain('hx-post');
    const stored = await row(id);
    expect(stored).toMatchObject({
      state: 'SUSPENDED',
      suspended_by: a.userId,
      remarks: expect.stringMatching(/^Mokymo programa sustabdyta \d{4}-\d{2}-\d{2}\.$/),
    });
    expect(stored.suspended_at!.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);

    const programmes = await (await call('/programos', { as: adminA })).text();
    expect(programmes).toContain(stored.remarks!);
    expect((await call(`/programos/${id}/grupes/nauja`, { as: adminA })).status).toBe(409);

    const audit = await auditTrail(stack.db, 'programme', id);
    expect(audit.map((r) => r.action)).toEqual(['create', 'status']);
    expect(audit[1]).toMatchObject({
      actor_user_id: a.userId,
      changes: { state: { before: 'ACTIVE', after: 'SUSPENDED' }, remarks: { before: null, after: stored.remarks } },
    });

    // Again: nothing changes. Without htmx: back to the list with the notice.
    const again = await call(`${LIST}/${id}/stabdyti`, { as: adminA, body: {} });
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe(`${LIST}?pranesimas=sustabdyta&programa=${id}`);
    expect(await auditTrail(stack.db, 'programme', id)).toHaveLength(2);
    const list = await (await call(again.headers.get('location')!, { as: adminA })).text();
    expect(list).toContain(stored.remarks!);
    expect(await (await call(`${LIST}/${id}/stabdyti`, { as: adminA })).text()).toContain('jau sustabdyta');

    // LIC-17 holds "while an active entry exists": after the suspension it may be added anew.
    const { id: anew } = await add(adminA, addForm(gedimino, 'N41010403'));
    expect(anew).not.toBe(id);
    expect((await activeRows(a.institutionId, gedimino, 'N41010403')).map((r) => r.state).sort()).toEqual(['ACTIVE', 'SUSPENDED']);
  });

  it('a registry that is down: 503 with a Lithuanian message, everything typed kept, nothing added', async () => {
    const body = addForm(gedimino, 'N40210101', {
      theoryHours: '12',
      practiceHours: '24',
      trainingMode: 'NUOTOLINIS_SINCHRONINIS',
      languages: ['lietuvių', 'lenkų'],
    });
    try {
      sim.fail('licenses', { mode: 'status', status: 503 });
      const step = await call(WINDOW, { as: adminA, htmx: true, query: { venueId: gedimino } });
      expect(step.status).toBe(503);
      expect(await step.text()).toContain('Licencijų registras nepasiekiamas: programų duomenų gauti nepavyko.');

      const res = await call(LIST, { as: adminA, htmx: true, body });
      expect(res.status).toBe(503);
      const html = await res.text();
      expect(html).toContain('Licencijų registras nepasiekiamas');
      expect(html).toContain('Jūsų pasirinkimai ir įvesti duomenys išlieka formoje');
      expect(selected(html, 'venueId')).toBe(gedimino);
      expect(html).toMatch(/<input type="hidden" name="programmeCode" value="N40210101"\/?>/);
      expect(html).toMatch(/id="f-theoryHours"[^>]*value="12"/);
      expect(html).toMatch(/id="f-practiceHours"[^>]*value="24"/);
      expect(html).toMatch(/value="NUOTOLINIS_SINCHRONINIS" id="f-trainingMode-NUOTOLINIS_SINCHRONINIS" checked=""/);
      expect(html).toMatch(/value="lenkų" id="f-languages-lenkų" checked=""/);
      expect(html).toContain(`name="idempotencyKey" value="${String(body.idempotencyKey)}"`);
      sim.recover('licenses');

      sim.fail('smpkr', { mode: 'status', status: 503 });
      const smpkrDown = await call(LIST, { as: adminA, htmx: true, body });
      expect(smpkrDown.status).toBe(503);
      const smpkrHtml = await smpkrDown.text();
      expect(smpkrHtml).toContain('SMPKR registras nepasiekiamas');
      expect(selected(smpkrHtml, 'programmeCode')).toBe('N40210101');
      expect(smpkrHtml).toMatch(/id="f-theoryHours"[^>]*value="12"/);
      expect(await activeRows(a.institutionId, gedimino, 'N40210101')).toHaveLength(0);
    } finally {
      sim.recover();
    }
    // Back up: the same window is added as it was.
    const { id } = await add(adminA, body);
    expect(await row(id)).toMatchObject({
      code: 'N40210101',
      training_mode: 'NUOTOLINIS_SINCHRONINIS',
      languages: ['lietuvių', 'lenkų'],
      contact_hours: '36.00',
    });
  });

  it('another institution’s ids answer 404 and change nothing (GEN-5)', async () => {
    const { id } = await add(
      adminA,
      addForm(
        gedimino,
        codesAt(GEDIMINO).find((c) => c.startsWith('T'))!,
      ),
    );
    expect((await call(`${LIST}/${id}/stabdyti`, { as: adminB })).status).toBe(404);
    expect((await call(`${LIST}/${id}/stabdyti`, { as: adminB, body: {} })).status).toBe(404);
    expect((await call(`${LIST}/${id}/stabdyti`, { as: adminB, htmx: true, body: {} })).status).toBe(404);
    expect((await row(id)).state).toBe('ACTIVE');
    // A's venue in B's window or form.
    expect((await call(WINDOW, { as: adminB, query: { venueId: gedimino } })).status).toBe(404);
    expect((await call(LIST, { as: adminB, body: addForm(gedimino, 'P43041101') })).status).toBe(404);
    // An NŠPR programme is not an item of this application.
    expect((await call(`${LIST}/${a.programmeId}/stabdyti`, { as: adminA, body: {} })).status).toBe(404);
    const bList = await (await call(LIST, { as: adminB })).text();
    expect(bList).toContain('Institucija dar neturi licencijuotų mokymo programų.');
    expect(bList).not.toContain('Vilniaus mokymo centras');
  });

  it('an employee may add and suspend; a contract-signing-only user gets 403 (§6)', async () => {
    const employee = await userWith(a.institutionId, ['DARBUOTOJAS']);
    expect((await call(LIST, { as: employee.session })).status).toBe(200);
    const { id } = await add(employee.session, addForm(gedimino, 'N33040390'));
    expect(await row(id)).toMatchObject({ added_by: employee.userId });
    expect((await auditTrail(stack.db, 'programme', id))[0]).toMatchObject({ actor_user_id: employee.userId });
    expect((await call(`${LIST}/${id}/stabdyti`, { as: employee.session, htmx: true, body: {} })).status).toBe(200);

    const signer = await userWith(a.institutionId, ['SUTARCIU_PASIRASYMAS']);
    for (const path of [LIST, WINDOW, `${WINDOW}/trukme`, `${LIST}/${id}/stabdyti`])
      expect((await call(path, { as: signer.session })).status, path).toBe(403);
    const refused = await call(LIST, { as: signer.session, body: addForm(gedimino, 'N30730302') });
    expect(refused.status).toBe(403);
    expect(await activeRows(a.institutionId, gedimino, 'N30730302')).toHaveLength(0);
    const home = await (await call('/', { as: signer.session })).text();
    expect(home).not.toContain('href="/licencijuotos-programos"');
  });
});
