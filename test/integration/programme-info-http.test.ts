// Tab "Programos vykdymo ir sutarties informacija" through the real path: HTTP → Hono → db → Postgres
// → HTML (§3.7; PROG-8, PROG-12..PROG-19, GEN-5, GEN-9, §6), and the publication check it feeds
// (GRP-40, OQ-12): HTTP → workflow Update → activity → Postgres.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditTrail } from '../../db/queries/audit.ts';
import { PROGRAMME_INFO_ENTITY } from '../../db/queries/programme-info.ts';
import { findGroup } from '../../db/queries/training-groups.ts';
import { createInstitution, fullSchedule, groupForm, type InstitutionFixture } from '../support/fixtures.ts';
import { adminSession, sessionFor, type TestSession } from '../support/session.ts';
import { startStack, type TestStack } from '../support/stack.ts';

const ORIGIN = 'http://localhost';
let stack: TestStack;
let a: InstitutionFixture;
let b: InstitutionFixture;
let adminA: TestSession;
let adminB: TestSession;
let signerA: TestSession;

type Body = Record<string, string | string[]>;

function call(path: string, opts: { as?: TestSession; body?: Body; htmx?: boolean } = {}) {
  const headers: Record<string, string> = {};
  if (opts.as) headers.Cookie = opts.as.cookie;
  if (opts.htmx) headers['HX-Request'] = 'true';
  let body: URLSearchParams | undefined;
  if (opts.body) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    headers.Origin = ORIGIN;
    if (opts.as) headers['X-CSRF-Token'] = opts.as.csrf;
    body = new URLSearchParams();
    for (const [k, v] of Object.entries(opts.body)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
  }
  return stack.app.request(`${ORIGIN}${path}`, { method: opts.body ? 'POST' : 'GET', headers, ...(body ? { body } : {}) });
}

function infoForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    executionSpecifics: 'Užsiėmimai vyksta antradieniais ir ketvirtadieniais\nnuo 18 iki 21 val.',
    additionalRequirements: '',
    competenceRecognition: 'Įgytos kompetencijos gali būti įskaitytos tęsiant mokymąsi kolegijoje.',
    contactName: 'Jonas Jonaitis',
    contactPhone: '+370 611 22334',
    contactEmail: 'jonas@example.lt',
    personObligations: 'Lankyti ne mažiau kaip 80 proc. užsiėmimų.',
    providerObligations: '',
    paymentTerms: 'Asmens dalis mokama pavedimu per 5 darbo dienas.',
    ...overrides,
  };
}

const infoOf = (programmeId: string) =>
  stack.db.selectFrom('programme_execution_info').selectAll().where('programme_id', '=', programmeId).executeTakeFirst();

beforeAll(async () => {
  stack = await startStack('programme-info');
  a = await createInstitution(stack.db, 'Institucija A');
  b = await createInstitution(stack.db, 'Institucija B');
  adminA = await adminSession(stack.db, a);
  adminB = await adminSession(stack.db, b);
  const signerHash = `test-${crypto.randomUUID()}`;
  const signer = await stack.db
    .insertInto('institution_users')
    .values({
      institution_id: a.institutionId,
      first_name: 'Sigita',
      last_name: 'Pasirašanti',
      email: `s-${crypto.randomUUID().slice(0, 8)}@example.lt`,
      rights: ['SUTARCIU_PASIRASYMAS'],
      signing_document: 'Direktoriaus įsakymas Nr. V-1',
      status: 'ACTIVE',
      personal_code_hash: signerHash,
      confirmed_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  signerA = await sessionFor(stack.db, { personalCodeHash: signerHash, institutionId: a.institutionId, userId: signer.id });
  // Institution A's programme starts without the tab (the fixture fills it in).
  await stack.db.deleteFrom('programme_execution_info').where('programme_id', '=', a.programmeId).execute();
});

afterAll(async () => {
  await stack?.stop();
});

describe('tab "Programos vykdymo ir sutarties informacija" (PROG-8, PROG-12..PROG-17)', () => {
  it('is a real tab of the programme window, a form for full users with the required fields stated', async () => {
    const res = await call(`/programos/${a.programmeId}?kortele=vykdymas`, { as: adminA });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`href="/programos/${a.programmeId}?kortele=vykdymas" aria-current="page"`);
    expect(html).not.toContain('Ši kortelė dar neįdiegta');
    for (const label of [
      'Vykdymo ypatumai',
      'Papildomi reikalavimai',
      'Įgytų kompetencijų pripažinimo galimybės',
      'Kontaktinio asmens informacija',
      'Mokymo sutarties sutartinai įsipareigojimai',
      'Kiti asmens įsipareigojimai',
      'Kiti teikėjo įsipareigojimai',
      'Mokėjimo terminai, mokėjimo būdas, kitos mokėjimo sąlygos',
      'mokymosi sutarties 2.10 punkte',
      'mokymosi sutarties 3.9 punkte',
      'mokymosi sutarties 7 punkte',
    ]) {
      expect(html).toContain(label);
    }
    expect(html).toContain(`action="/programos/${a.programmeId}/vykdymas"`);
    expect(html).toContain('name="_csrf"');
    expect(html).toContain('Kortelė neužpildyta');
    expect(html).toMatch(/šios programos mokymo grupių paskelbti \(būsena „Skelbiama“\) negalima/);
    // The other tabs link here too.
    expect(await (await call(`/programos/${a.programmeId}`, { as: adminA })).text()).toContain(
      `href="/programos/${a.programmeId}?kortele=vykdymas"`,
    );
  });

  it('refuses invalid values with 422, keeping what was typed, and saves nothing', async () => {
    const typed = infoForm({ executionSpecifics: '', paymentTerms: '   ', contactEmail: 'ne-adresas', contactName: 'Jonas Tipinis' });
    const res = await call(`/programos/${a.programmeId}/vykdymas`, { as: adminA, htmx: true, body: typed });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Patikrinkite pažymėtus laukus.');
    expect(html).toContain('Privalomas laukas.');
    expect(html).toContain('Neteisingas el. pašto adresas');
    expect(html).toContain('value="ne-adresas"');
    expect(html).toContain('value="Jonas Tipinis"');
    expect(html).toContain('Lankyti ne mažiau kaip 80 proc. užsiėmimų.');
    expect(html).toContain('aria-invalid="true"');
    expect(await infoOf(a.programmeId)).toBeUndefined();
  });

  it('saves with its audit row in the same transaction, and an unchanged save writes no audit row (GEN-9)', async () => {
    const res = await call(`/programos/${a.programmeId}/vykdymas`, { as: adminA, htmx: true, body: infoForm() });
    expect(res.status).toBe(200);
    expect(res.headers.get('HX-Trigger')).toBe('programa-pakeista');
    expect(await res.text()).toContain('„Programos vykdymo ir sutarties informacija“ išsaugota.');
    const row = await infoOf(a.programmeId);
    expect(row).toMatchObject({
      institution_id: a.institutionId,
      execution_specifics: 'Užsiėmimai vyksta antradieniais ir ketvirtadieniais\nnuo 18 iki 21 val.',
      additional_requirements: null,
      provider_obligations: null,
      contact_email: 'jonas@example.lt',
    });
    const trail = await auditTrail(stack.db, PROGRAMME_INFO_ENTITY, a.programmeId);
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({ action: 'create', institution_id: a.institutionId, actor_user_id: a.userId });
    expect(trail[0]?.changes).toMatchObject({ paymentTerms: { before: null, after: 'Asmens dalis mokama pavedimu per 5 darbo dienas.' } });

    const again = await call(`/programos/${a.programmeId}/vykdymas`, { as: adminA, htmx: true, body: infoForm() });
    expect(await again.text()).toContain('nepasikeitė');
    expect(await auditTrail(stack.db, PROGRAMME_INFO_ENTITY, a.programmeId)).toHaveLength(1);

    // Without htmx: redirect back to the tab (POST/redirect/GET).
    const plain = await call(`/programos/${a.programmeId}/vykdymas`, {
      as: adminA,
      body: infoForm({ providerObligations: 'Suteikti mokymo priemones.' }),
    });
    expect(plain.status).toBe(303);
    expect(plain.headers.get('location')).toBe(`/programos/${a.programmeId}?kortele=vykdymas&pranesimas=issaugota`);
    const updated = await auditTrail(stack.db, PROGRAMME_INFO_ENTITY, a.programmeId);
    expect(updated).toHaveLength(2);
    expect(updated[1]).toMatchObject({ action: 'update' });
    expect(Object.keys(updated[1]?.changes ?? {})).toEqual(['providerObligations']);
  });

  it('is read-only for a view-only (contract-signing) user, who gets 403 on POST (§6)', async () => {
    const res = await call(`/programos/${a.programmeId}?kortele=vykdymas`, { as: signerA });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Mokymo sutarties sutartinai įsipareigojimai');
    expect(html).toContain('Jonas Jonaitis');
    expect(html).not.toContain(`action="/programos/${a.programmeId}/vykdymas"`);
    const post = await call(`/programos/${a.programmeId}/vykdymas`, { as: signerA, body: infoForm({ contactName: 'Įsilaužėlis' }) });
    expect(post.status).toBe(403);
    expect((await infoOf(a.programmeId))?.contact_name).toBe('Jonas Jonaitis');
  });

  it('answers 404 for another institution’s programme, reading or writing (GEN-5)', async () => {
    expect((await call(`/programos/${a.programmeId}?kortele=vykdymas`, { as: adminB })).status).toBe(404);
    const post = await call(`/programos/${a.programmeId}/vykdymas`, { as: adminB, body: infoForm({ contactName: 'Svetimas Asmuo' }) });
    expect(post.status).toBe(404);
    expect((await infoOf(a.programmeId))?.contact_name).toBe('Jonas Jonaitis');
    expect((await call(`/programos/not-a-uuid/vykdymas`, { as: adminB, body: infoForm() })).status).toBe(404);
  });
});

describe('publishing a group requires the tab to be complete (GRP-40, PROG-19, OQ-12)', () => {
  it('shows the reason beforehand, refuses with 409 naming the missing item, and publishes once filled', async () => {
    // Institution B's programme: its tab removed, then a group created.
    await stack.db.deleteFrom('programme_execution_info').where('programme_id', '=', b.programmeId).execute();
    const groupId = crypto.randomUUID();
    const created = await call(`/programos/${b.programmeId}/grupes`, {
      as: adminB,
      body: { ...groupForm(b.venueId), idempotencyKey: groupId },
    });
    expect(created.status).toBe(303);
    // The timetable is complete (SCHED-16): only this tab is missing.
    await fullSchedule(stack.db, { institutionId: b.institutionId, groupId, venueId: b.venueId });

    const page = await (await call(`/grupes/${groupId}`, { as: adminB })).text();
    expect(page).toContain('Neužpildyta mokymosi programos kortelė „Programos vykdymo ir sutarties informacija“.');

    const refused = await call(`/grupes/${groupId}/busena`, {
      as: adminB,
      htmx: true,
      body: { to: 'Skelbiama', statusKey: crypto.randomUUID() },
    });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('Neužpildyta mokymosi programos kortelė „Programos vykdymo ir sutarties informacija“.');
    expect((await findGroup(stack.db, b.institutionId, groupId))?.status).toBe('Kuriama');

    // Filled in, but a required field emptied afterwards in the database: the message names it.
    await call(`/programos/${b.programmeId}/vykdymas`, { as: adminB, body: infoForm() });
    await stack.db.updateTable('programme_execution_info').set({ payment_terms: ' ' }).where('programme_id', '=', b.programmeId).execute();
    const named = await call(`/grupes/${groupId}/busena`, {
      as: adminB,
      htmx: true,
      body: { to: 'Skelbiama', statusKey: crypto.randomUUID() },
    });
    expect(named.status).toBe(409);
    expect(await named.text()).toContain('neužpildyta: „Mokėjimo terminai, mokėjimo būdas, kitos mokėjimo sąlygos“.');

    await call(`/programos/${b.programmeId}/vykdymas`, {
      as: adminB,
      body: infoForm({ paymentTerms: 'Mokama iš Individualios mokymosi sąskaitos.' }),
    });
    const published = await call(`/grupes/${groupId}/busena`, {
      as: adminB,
      htmx: true,
      body: { to: 'Skelbiama', statusKey: crypto.randomUUID() },
    });
    expect(published.status).toBe(200);
    expect(await published.text()).toContain('Grupės būsena pakeista į „Skelbiama“.');
    expect((await findGroup(stack.db, b.institutionId, groupId))?.status).toBe('Skelbiama');
  });
});
