// "Institucijos mokymosi programos" and a programme's tab "Grupės" over HTTP (§3.7; PROG-1,
// PROG-3..PROG-7, PROG-9, PROG-21..PROG-23 columns, PROG-30, GEN-5, GEN-16): the list with its
// columns, group statuses and remarks; the groups filtered by status and by a text, paged; the
// refusal of a new group for a suspended or deregistered programme; another institution's → 404.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInstitution, groupForm, type InstitutionFixture } from '../support/fixtures.ts';
import { insertGroupRows } from '../support/group-rows.ts';
import { appCaller } from '../support/http.ts';
import { adminSession, type TestSession } from '../support/session.ts';
import { startStack, type TestStack } from '../support/stack.ts';

let stack: TestStack;
let call: ReturnType<typeof appCaller>;
let a: InstitutionFixture;
let b: InstitutionFixture;
let adminA: TestSession;
let deregisteredId: string;
let licensedId: string;

/** Rows of the groups table on a page (tr id="grupe-<uuid>"), in order. */
const groupRows = (html: string) => [...html.matchAll(/<tr id="grupe-([0-9a-f-]{36})">/g)].map((m) => m[1]);
const names = (html: string) => [...html.matchAll(/<a href="\/grupes\/[0-9a-f-]{36}">([^<]+)<\/a>/g)].map((m) => m[1]);

beforeAll(async () => {
  stack = await startStack('programmes');
  call = appCaller(stack.app);
  a = await createInstitution(stack.db, 'Institucija A');
  b = await createInstitution(stack.db, 'Institucija B');
  adminA = await adminSession(stack.db, a);
  const dereg = await stack.db
    .insertInto('programmes')
    .values({
      institution_id: a.institutionId,
      code: `NSP-D-${crypto.randomUUID().slice(0, 8)}`,
      name: 'Išregistruota programa',
      kind: 'NSPR',
      languages: ['lietuvių'],
      contact_hours: '16',
      state: 'DEREGISTERED',
      remarks: 'Programa išregistruota iš NŠPR 2026-11-02. Programa išregistruota teikėjo prašymu.',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  deregisteredId = dereg.id;
  const licensed = await stack.db
    .insertInto('programmes')
    .values({
      institution_id: a.institutionId,
      code: 'P43041101',
      name: 'Apskaitos pagrindai',
      kind: 'NONFORMAL_VET',
      languages: ['lietuvių'],
      contact_hours: '120.00',
      venue_id: a.venueId,
      smpkr_code: 'P43041101',
      training_mode: 'KONTAKTINIS',
      theory_hours: '40.00',
      practice_hours: '80.00',
      self_study_hours: '0.00',
      licence_number: 'PM-000001',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  licensedId = licensed.id;
  // 130 groups of A's programme: the six statuses in turn; the names make the search tellable.
  await insertGroupRows(stack.db, {
    institutionId: a.institutionId,
    programmeId: a.programmeId,
    venueId: a.venueId,
    count: 130,
    name: (i) => (i % 10 === 0 ? `Vakarinė grupė ${i}` : i === 7 ? 'Grupė 100%_tikra' : `Rytinė grupė ${i}`),
  });
  await insertGroupRows(stack.db, {
    institutionId: a.institutionId,
    programmeId: deregisteredId,
    venueId: a.venueId,
    count: 2,
    status: () => 'Užbaigta',
  });
  await insertGroupRows(stack.db, {
    institutionId: b.institutionId,
    programmeId: b.programmeId,
    venueId: b.venueId,
    count: 3,
    name: () => 'B slapta grupė',
  });
});

afterAll(async () => {
  await stack?.stop();
});

describe('"Institucijos mokymosi programos" (PROG-1, PROG-3..PROG-5)', () => {
  it('lists the institution’s NŠPR and licensed programmes with the manual’s columns, the groups’ statuses and the remarks', async () => {
    const res = await call('/programos', { as: adminA });
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const th of ['Programos kodas', 'Programos pavadinimas', 'Programos rūšis', 'Mokymo vieta', 'Grupių būsenos', 'Pastabos'])
      expect(html).toContain(`<th scope="col">${th}</th>`);
    expect(html).toContain(`<a href="/programos/${a.programmeId}">${a.programmeCode}</a>`);
    expect(html).toContain(`<a href="/programos/${licensedId}">P43041101</a>`);
    expect(html).toContain('Neformaliojo suaugusiųjų švietimo ir tęstinio mokymosi programa');
    expect(html).toContain('Neformaliojo profesinio mokymo programa');
    // PROG-4: counts per status, each leading to the groups of that status.
    // 130 groups, the six statuses in turn: 22 of the first four, 21 of the last two.
    for (const [i, status] of ['Kuriama', 'Skelbiama', 'Vykdoma', 'Užbaigta', 'Nevykdoma', 'Sustabdyta'].entries()) {
      const n = i < 4 ? 22 : 21;
      expect(html).toContain(`href="/programos/${a.programmeId}?busena=${encodeURIComponent(status)}">${status}: ${n}</a>`);
    }
    // PROG-5: suspension and NŠPR deregistration in the remarks column.
    expect(html).toContain('Mokymo programa sustabdyta.');
    expect(html).toContain('Programa išregistruota iš NŠPR 2026-11-02. Programa išregistruota teikėjo prašymu.');
    expect(html).not.toContain(b.programmeCode);
  });
});

describe('tab "Grupės" (PROG-6, PROG-7, PROG-9, GEN-16)', () => {
  it('lists the programme’s groups by 50, newest start first, with the columns later functions fill', async () => {
    const html = await (await call(`/programos/${a.programmeId}`, { as: adminA })).text();
    expect(groupRows(html)).toHaveLength(50);
    expect(html).toContain('Iš viso: 130. Puslapis 1 iš 3.');
    expect(names(html)[0]).toBe('Rytinė grupė 129');
    for (const th of ['Dalyvių atsiliepimai', 'Programos vertinimas', 'Stebėsena']) expect(html).toContain(`<th scope="col">${th}</th>`);
    // No monitoring released for these groups: "Stebėsena" says so with a dash (monitoring-http fills it).
    expect(html).toMatch(/<td>–<\/td>/);
    expect(html).not.toContain('B slapta grupė');
    // Every status is a checkbox, none ticked.
    for (const s of ['Kuriama', 'Skelbiama', 'Vykdoma', 'Užbaigta', 'Nevykdoma', 'Sustabdyta'])
      expect(html).toContain(`<input type="checkbox" name="busena" value="${s}"/>`);
  });

  it('pages: the last page has the rest, a page past the end shows the last, nonsense shows the first', async () => {
    const last = await (await call(`/programos/${a.programmeId}?puslapis=3`, { as: adminA })).text();
    expect(groupRows(last)).toHaveLength(30);
    expect(last).toContain('Puslapis 3 iš 3.');
    expect(names(last).at(-1)).toBe('Vakarinė grupė 0');
    expect(groupRows(await (await call(`/programos/${a.programmeId}?puslapis=99`, { as: adminA })).text())).toEqual(groupRows(last));
    expect(await (await call(`/programos/${a.programmeId}?puslapis=-1`, { as: adminA })).text()).toContain('Puslapis 1 iš 3.');
    // The pages together hold every group once.
    const all = new Set<string>();
    for (const p of [1, 2, 3])
      for (const id of groupRows(await (await call(`/programos/${a.programmeId}?puslapis=${p}`, { as: adminA })).text())) all.add(id!);
    expect(all.size).toBe(130);
  });

  it('filters by the ticked statuses, keeping them ticked and in the pager’s links', async () => {
    const one = await (await call(`/programos/${a.programmeId}?busena=Vykdoma`, { as: adminA })).text();
    expect(one).toContain('Iš viso: 22.');
    expect(one).toContain('<input type="checkbox" name="busena" value="Vykdoma" checked=""/>');
    expect([...one.matchAll(/<span class="status-badge" data-status="([^"]+)">/g)].every((m) => m[1] === 'Vykdoma')).toBe(true);
    const two = await (await call(`/programos/${a.programmeId}?busena=Kuriama&busena=Sustabdyta`, { as: adminA })).text();
    expect(two).toContain('Iš viso: 43.');
    const paged = await (await call(`/programos/${a.programmeId}?busena=Kuriama&busena=Skelbiama&busena=Vykdoma`, { as: adminA })).text();
    expect(paged).toContain('Iš viso: 66. Puslapis 1 iš 2.');
    expect(paged).toContain(`href="/programos/${a.programmeId}?busena=Kuriama&amp;busena=Skelbiama&amp;busena=Vykdoma&amp;puslapis=2"`);
    // Unknown statuses are ignored: the whole list.
    expect(await (await call(`/programos/${a.programmeId}?busena=Ištrinta`, { as: adminA })).text()).toContain('Iš viso: 130.');
  });

  it('searches the group name, case-insensitively, wildcards taken literally, with the status filter', async () => {
    const evening = await (await call(`/programos/${a.programmeId}?paieska=${encodeURIComponent('  VAKARINĖ ')}`, { as: adminA })).text();
    expect(evening).toContain('Iš viso: 13.');
    expect(names(evening).every((n) => n!.startsWith('Vakarinė grupė'))).toBe(true);
    expect(evening).toContain('name="paieska" value="VAKARINĖ"');
    const both = await (await call(`/programos/${a.programmeId}?paieska=vakarin&busena=Kuriama`, { as: adminA })).text();
    // Vakarinė grupė 0, 30, 60, 90, 120 are "Kuriama" (i % 6 === 0 and i % 10 === 0).
    expect(names(both)).toEqual(['Vakarinė grupė 120', 'Vakarinė grupė 90', 'Vakarinė grupė 60', 'Vakarinė grupė 30', 'Vakarinė grupė 0']);
    const literal = await (await call(`/programos/${a.programmeId}?paieska=${encodeURIComponent('100%_')}`, { as: adminA })).text();
    expect(names(literal)).toEqual(['Grupė 100%_tikra']);
    const none = await (await call(`/programos/${a.programmeId}?paieska=nerasite`, { as: adminA })).text();
    expect(none).toContain('Pagal pasirinktas sąlygas mokymo grupių nerasta.');
    expect(await (await call(`/programos/${a.programmeId}?paieska=slapta`, { as: adminA })).text()).toContain(
      'Pagal pasirinktas sąlygas mokymo grupių nerasta.',
    );
  });

  it('answers htmx with the tab alone (the search form swaps it)', async () => {
    const res = await call(`/programos/${a.programmeId}?busena=Užbaigta`, { as: adminA, htmx: true });
    const html = await res.text();
    expect(html.startsWith('<section id="programos-grupes">')).toBe(true);
    expect(html).not.toContain('<html');
    expect(html).toContain('Iš viso: 22.');
  });

  it('shows the groups of a deregistered programme, with its remark, and no "Sukurti naują mokymo grupę"', async () => {
    const html = await (await call(`/programos/${deregisteredId}`, { as: adminA })).text();
    expect(groupRows(html)).toHaveLength(2);
    expect(html).toContain('Programa išregistruota iš NŠPR 2026-11-02.');
    expect(html).toContain('Mokymosi programa išregistruota iš NŠPR: naujų mokymo grupių jai kurti negalima.');
    expect(html).not.toContain(`/programos/${deregisteredId}/grupes/nauja`);
  });
});

describe('no new group for a suspended or deregistered programme (G1, PROG-30)', () => {
  it('refuses the form and the command with 409 and the reason; no group, no workflow', async () => {
    for (const [id, reason] of [
      [a.suspendedProgrammeId, 'Mokymosi programa sustabdyta: naujų mokymo grupių jai kurti negalima.'],
      [deregisteredId, 'Mokymosi programa išregistruota iš NŠPR: naujų mokymo grupių jai kurti negalima.'],
    ] as const) {
      const form = await call(`/programos/${id}/grupes/nauja`, { as: adminA });
      expect(form.status).toBe(409);
      expect(await form.text()).toContain(reason);
      const groupId = crypto.randomUUID();
      const res = await call(`/programos/${id}/grupes`, { as: adminA, body: { ...groupForm(a.venueId), idempotencyKey: groupId } });
      expect(res.status).toBe(409);
      expect(await res.text()).toContain(reason);
      expect(await stack.db.selectFrom('training_groups').select('id').where('id', '=', groupId).executeTakeFirst()).toBeUndefined();
      const handle = stack.client.workflow.getHandle(`TrainingGroup:${groupId}`);
      await expect(handle.describe()).rejects.toThrow();
    }
  });
});

describe('another institution’s programme (GEN-5)', () => {
  it('is not found, in every tab and with any filter', async () => {
    for (const path of [
      `/programos/${b.programmeId}`,
      `/programos/${b.programmeId}?busena=Kuriama&paieska=B`,
      `/programos/${b.programmeId}?kortele=bendroji`,
      `/programos/${b.programmeId}?puslapis=2`,
    ]) {
      const res = await call(path, { as: adminA });
      expect(res.status, path).toBe(404);
      expect(await res.text()).not.toContain('B slapta grupė');
    }
  });
});
