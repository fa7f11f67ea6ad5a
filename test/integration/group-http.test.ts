// The real path: HTTP request → Hono → workflow Update → activity → Postgres → HTML (GRP-*, GEN-5).
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerClientErrors } from '../../web/client-errors.ts';
import { auditTrail } from '../../db/queries/audit.ts';
import { findGroup } from '../../db/queries/training-groups.ts';
import { createDb } from '../../db/client.ts';
import { createApp } from '../../web/app.tsx';
import { createInstitution, fullSchedule, groupForm, type InstitutionFixture } from '../support/fixtures.ts';
import { adminSession, type TestSession } from '../support/session.ts';
import { startStack, type TestStack } from '../support/stack.ts';

const ORIGIN = 'http://localhost';
let stack: TestStack;
let a: InstitutionFixture;
let b: InstitutionFixture;
/** Each institution's administrator, logged in. */
const sessions = new Map<InstitutionFixture, TestSession>();

function form(values: Record<string, string | string[]>): URLSearchParams {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
  return body;
}

function request(
  path: string,
  opts: { as?: InstitutionFixture; body?: Record<string, string | string[]>; htmx?: boolean; origin?: string } = {},
) {
  const headers: Record<string, string> = {};
  const session = opts.as ? sessions.get(opts.as) : undefined;
  if (session) headers.Cookie = session.cookie;
  if (opts.htmx) headers['HX-Request'] = 'true';
  if (opts.body) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    headers.Origin = opts.origin ?? ORIGIN;
    if (session) headers['X-CSRF-Token'] = session.csrf;
  }
  return stack.app.request(`${ORIGIN}${path}`, {
    method: opts.body ? 'POST' : 'GET',
    headers,
    ...(opts.body ? { body: form(opts.body) } : {}),
  });
}

async function createGroupOver(fixture: InstitutionFixture, overrides: Record<string, string | string[]> = {}) {
  const key = crypto.randomUUID();
  const res = await request(`/programos/${fixture.programmeId}/grupes`, {
    as: fixture,
    body: { ...groupForm(fixture.venueId, overrides), idempotencyKey: key },
  });
  // Every contact hour planned, so that the group can be published (GRP-40, SCHED-16).
  if (res.status === 303) await fullSchedule(stack.db, { institutionId: fixture.institutionId, groupId: key, venueId: fixture.venueId });
  return { res, groupId: key };
}

beforeAll(async () => {
  stack = await startStack('http');
  a = await createInstitution(stack.db, 'Institucija A');
  b = await createInstitution(stack.db, 'Institucija B');
  sessions.set(a, await adminSession(stack.db, a));
  sessions.set(b, await adminSession(stack.db, b));
});

afterAll(async () => {
  await stack?.stop();
});

describe('training group over HTTP', () => {
  it('sends a visitor without a session to the login page', async () => {
    const res = await request('/programos');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/prisijungti');
  });

  it('shows the manual’s recommended first steps (APP-15) until they are done, marking those done', async () => {
    const home = await (await request('/', { as: a })).text();
    expect(home).toContain('Rekomenduojama pradėti nuo šių aplikacijų');
    expect(home).toContain('Pateikiama aktuali institucijos informacija');
    // The fixture institution has venues, nothing else yet.
    expect(home).toMatch(/Sukuriamos mokymo vietos<span class="status-badge"> atlikta<\/span>/);
    expect(home).not.toMatch(/Suvedamas lektorių sąrašas<span class="status-badge"> atlikta/);
  });

  it('lists the institution programmes with a link per code and the suspension remark (PROG-3, PROG-5)', async () => {
    const res = await request('/programos', { as: a });
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain(`href="/programos/${a.programmeId}"`);
    expect(html).toContain('Mokymo programa sustabdyta.');
    expect(html).not.toContain(b.programmeCode);
  });

  it('creates a group in "Kuriama" and shows it (GRP-1, GRP-27)', async () => {
    const { res, groupId } = await createGroupOver(a, { name: 'Vakarinė grupė', price: '99,5' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/grupes/${groupId}?kortele=informacija`);
    const row = await findGroup(stack.db, a.institutionId, groupId);
    expect(row).toMatchObject({ name: 'Vakarinė grupė', status: 'Kuriama', price: '99.50', version: 1 });
    const page = await (await request(`/grupes/${groupId}`, { as: a })).text();
    expect(page).toContain('Grupės būsena: <span class="status-badge" data-status="Kuriama">Kuriama</span>');
    expect(page).toContain('value="Vakarinė grupė"');
    expect(page).toContain('value="99,50"');
    const list = await (await request(`/programos/${a.programmeId}?busena=Kuriama`, { as: a })).text();
    expect(list).toContain('Vakarinė grupė');
    const filtered = await (await request(`/programos/${a.programmeId}?busena=Skelbiama`, { as: a })).text();
    expect(filtered).not.toContain('Vakarinė grupė');
  });

  it('creates one group when the same form is submitted twice', async () => {
    const key = crypto.randomUUID();
    const body = { ...groupForm(a.venueId, { name: 'Dvigubas paspaudimas' }), idempotencyKey: key };
    const [first, second] = await Promise.all([
      request(`/programos/${a.programmeId}/grupes`, { as: a, body }),
      request(`/programos/${a.programmeId}/grupes`, { as: a, body }),
    ]);
    expect([first.status, second.status]).toEqual([303, 303]);
    const rows = await stack.db.selectFrom('training_groups').select('id').where('name', '=', 'Dvigubas paspaudimas').execute();
    expect(rows).toHaveLength(1);
    expect((await auditTrail(stack.db, 'training_group', key)).map((r) => r.action)).toEqual(['create']);
  });

  it('changes the status once when the same button is pressed twice, and reports the status the workflow set', async () => {
    const { groupId } = await createGroupOver(a);
    const body = { to: 'Skelbiama', statusKey: crypto.randomUUID() };
    const [first, second] = await Promise.all([
      request(`/grupes/${groupId}/busena`, { as: a, htmx: true, body }),
      request(`/grupes/${groupId}/busena`, { as: a, htmx: true, body }),
    ]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(await first.text()).toContain('Grupės būsena pakeista į „Skelbiama“.');
    expect((await auditTrail(stack.db, 'training_group', groupId)).map((r) => r.action)).toEqual(['create', 'status']);
  });

  it('answers invalid input with 422, Lithuanian field errors and the typed values, saving nothing (GRP-36, GRP-37)', async () => {
    const { res, groupId } = await createGroupOver(a, { name: 'Bloga grupė', minParticipants: '9', maxParticipants: '3', price: '12,345' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('„Max. grupės dalyvių skaičius“ negali būti mažesnis už „Min. grupės dalyvių skaičius“.');
    expect(html).toContain('Kaina nurodoma eurais');
    expect(html).toContain('value="Bloga grupė"');
    expect(html).toContain('value="12,345"');
    expect(html).toContain('aria-invalid="true"');
    expect(await findGroup(stack.db, a.institutionId, groupId)).toBeUndefined();
  });

  it('edits while "Kuriama", publishes, then refuses edits with 409 and keeps the saved data (GRP-28..GRP-30)', async () => {
    const { groupId } = await createGroupOver(a, { name: 'Redaguojama' });
    const saved = await request(`/grupes/${groupId}/informacija`, {
      as: a,
      htmx: true,
      body: { ...groupForm(a.venueId, { name: 'Redaguota', maxParticipants: '20' }), idempotencyKey: crypto.randomUUID() },
    });
    expect(saved.status).toBe(200);
    expect(saved.headers.get('HX-Trigger')).toBe('grupe-pakeista');
    expect(await saved.text()).toContain('Grupės informacija išsaugota.');
    expect(await findGroup(stack.db, a.institutionId, groupId)).toMatchObject({ name: 'Redaguota', max_participants: 20, version: 2 });

    const published = await request(`/grupes/${groupId}/busena`, {
      as: a,
      htmx: true,
      body: { to: 'Skelbiama', statusKey: crypto.randomUUID() },
    });
    expect(published.status).toBe(200);
    const fragment = await published.text();
    expect(fragment).toContain('Grupės būsena pakeista į „Skelbiama“.');
    expect(fragment).toContain('Grupės informaciją galima koreguoti tik kol grupės būsena yra „Kuriama“.');
    expect(fragment).not.toContain('name="minParticipants"');

    const refused = await request(`/grupes/${groupId}/informacija`, {
      as: a,
      htmx: true,
      body: { ...groupForm(a.venueId, { name: 'Neturi pavykti' }), idempotencyKey: crypto.randomUUID() },
    });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('Grupės informacijos keisti negalima, kai grupės būsena yra „Skelbiama“.');
    expect(await findGroup(stack.db, a.institutionId, groupId)).toMatchObject({ name: 'Redaguota', status: 'Skelbiama', version: 3 });

    const back = await request(`/grupes/${groupId}/busena`, { as: a, body: { to: 'Kuriama', statusKey: crypto.randomUUID() } });
    expect(back.status).toBe(303);
    expect((await findGroup(stack.db, a.institutionId, groupId))?.status).toBe('Kuriama');
    expect((await auditTrail(stack.db, 'training_group', groupId)).map((r) => [r.action, r.actor_user_id, r.institution_id])).toEqual([
      ['create', a.userId, a.institutionId],
      ['update', a.userId, a.institutionId],
      ['status', a.userId, a.institutionId],
      ['status', a.userId, a.institutionId],
    ]);
  });

  it('refuses a status change that would drop unsaved edits of "Grupės informacija", keeping what was typed', async () => {
    const { groupId } = await createGroupOver(a, { name: 'Neišsaugota' });
    const typed = { ...groupForm(a.venueId, { name: 'Neišsaugota (pakeista)' }), to: 'Skelbiama', statusKey: crypto.randomUUID() };
    const refused = await request(`/grupes/${groupId}/busena`, { as: a, htmx: true, body: typed });
    expect(refused.status).toBe(409);
    const html = await refused.text();
    expect(html).toContain('neišsaugotų pakeitimų');
    expect(html).toContain('value="Neišsaugota (pakeista)"');
    expect((await findGroup(stack.db, a.institutionId, groupId))?.status).toBe('Kuriama');
    // The same form unchanged (price typed without decimals) goes through.
    const same = { ...groupForm(a.venueId, { name: 'Neišsaugota', price: '120,5' }), to: 'Skelbiama', statusKey: crypto.randomUUID() };
    expect((await request(`/grupes/${groupId}/busena`, { as: a, htmx: true, body: same })).status).toBe(200);
    expect((await findGroup(stack.db, a.institutionId, groupId))?.status).toBe('Skelbiama');
  });

  it('suspends a group only with a reason, keeps and shows the reason, and audits it (issue 5: "Sustabdyta" with a reason)', async () => {
    const { groupId } = await createGroupOver(a, { name: 'Stabdoma' });
    const refused = await request(`/grupes/${groupId}/busena`, {
      as: a,
      htmx: true,
      body: { to: 'Sustabdyta', statusKey: crypto.randomUUID(), priezastis: '   ' },
    });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('Nurodykite sustabdymo priežastį');
    expect((await findGroup(stack.db, a.institutionId, groupId))?.status).toBe('Kuriama');

    const res = await request(`/grupes/${groupId}/busena`, {
      as: a,
      htmx: true,
      body: { to: 'Sustabdyta', statusKey: crypto.randomUUID(), priezastis: 'Lektorius ilgam susirgo.' },
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Grupės būsena pakeista į „Sustabdyta“.');
    expect(html).toContain('<strong>Sustabdymo priežastis:</strong> Lektorius ilgam susirgo.');
    expect(await findGroup(stack.db, a.institutionId, groupId)).toMatchObject({
      status: 'Sustabdyta',
      status_reason: 'Lektorius ilgam susirgo.',
    });
    const audit = await auditTrail(stack.db, 'training_group', groupId);
    expect(audit.at(-1)?.changes).toMatchObject({
      status: { before: 'Kuriama', after: 'Sustabdyta' },
      status_reason: { before: null, after: 'Lektorius ilgam susirgo.' },
    });
  });

  it('refuses a transition L1 does not allow with 409 and the reason (GRP-43)', async () => {
    const { groupId } = await createGroupOver(a);
    const res = await request(`/grupes/${groupId}/busena`, { as: a, htmx: true, body: { to: 'Užbaigta', statusKey: crypto.randomUUID() } });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('Grupės būsenos pakeisti iš „Kuriama“ į „Užbaigta“ negalima.');
  });

  it('never shows or changes another institution’s group, whatever ID is in the URL (GEN-5)', async () => {
    const { groupId } = await createGroupOver(a, { name: 'Tik A grupė' });
    for (const path of [
      `/grupes/${groupId}`,
      `/grupes/${groupId}?kortele=bendroji`,
      `/programos/${a.programmeId}`,
      `/programos/${a.programmeId}/grupes/nauja`,
    ]) {
      const res = await request(path, { as: b });
      expect(res.status, path).toBe(404);
      expect(await res.text()).not.toContain('Tik A grupė');
    }
    const posts: [string, Record<string, string | string[]>][] = [
      [`/grupes/${groupId}/busena`, { to: 'Skelbiama', statusKey: crypto.randomUUID() }],
      [`/grupes/${groupId}/informacija`, { ...groupForm(b.venueId, { name: 'B perėmė' }), idempotencyKey: crypto.randomUUID() }],
      [`/programos/${a.programmeId}/grupes`, { ...groupForm(b.venueId), idempotencyKey: crypto.randomUUID() }],
    ];
    for (const [path, body] of posts) {
      expect((await request(path, { as: b, body })).status, path).toBe(404);
    }
    // A's group id as the form key of B's own "Sukurti naują mokymo grupę": refused like a broken key (issue 11, item 3).
    const reused = await request(`/programos/${b.programmeId}/grupes`, {
      as: b,
      body: { ...groupForm(b.venueId, { name: 'B su A raktu' }), idempotencyKey: groupId },
    });
    expect(reused.status).toBe(400);
    expect(reused.headers.get('location')).toBeNull();
    const answer = await reused.text();
    expect(answer).toContain('Užklausa neteisinga: atnaujinkite puslapį ir bandykite dar kartą.');
    expect(answer).not.toContain(groupId);
    expect(answer).not.toContain('Tik A grupė');
    expect(await findGroup(stack.db, b.institutionId, groupId)).toBeUndefined();
    expect(await findGroup(stack.db, a.institutionId, groupId)).toMatchObject({ name: 'Tik A grupė', status: 'Kuriama', version: 1 });
  });

  it('refuses a venue of another institution as a field error (GRP-11)', async () => {
    const { res } = await createGroupOver(a, { venueId: b.venueId });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Pasirinkite mokymo vietą iš sąrašo.');
  });

  it('offers no new groups for a suspended programme (PROG-30)', async () => {
    expect((await request(`/programos/${a.suspendedProgrammeId}/grupes/nauja`, { as: a })).status).toBe(409);
    const res = await request(`/programos/${a.suspendedProgrammeId}/grupes`, {
      as: a,
      body: { ...groupForm(a.venueId), idempotencyKey: crypto.randomUUID() },
    });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('Mokymosi programa sustabdyta: naujų mokymo grupių jai kurti negalima.');
  });

  it('answers malformed IDs and keys with 404 / 400 in Lithuanian', async () => {
    const notFound = await request('/grupes/not-a-uuid', { as: a });
    expect(notFound.status).toBe(404);
    expect(await notFound.text()).toContain('Puslapis nerastas');
    const bad = await request(`/programos/${a.programmeId}/grupes`, { as: a, body: { ...groupForm(a.venueId), idempotencyKey: 'x' } });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Užklausa neteisinga');
  });

  it('refuses a cross-origin form post and changes nothing', async () => {
    const { groupId } = await createGroupOver(a);
    const res = await request(`/grupes/${groupId}/busena`, {
      as: a,
      origin: 'https://evil.example',
      body: { to: 'Skelbiama', statusKey: crypto.randomUUID() },
    });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Užklausa atmesta');
    expect((await findGroup(stack.db, a.institutionId, groupId))?.status).toBe('Kuriama');
  });

  it('sends security headers with a CSP that allows only own scripts and styles', async () => {
    const res = await request('/programos', { as: a });
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    // Issue 11, item 4: no header contradicts frame-ancestors 'none'; a signed-in page is never cached.
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect((await request('/grupes/' + crypto.randomUUID(), { as: a })).headers.get('cache-control')).toBe('no-store');
    // A public page may be cached as the browser likes.
    expect((await request('/kursuok')).headers.get('cache-control')).toBeNull();
  });

  it('answers an over-long URL with 431 and a Lithuanian page, not an empty body (issue 11, item 4)', async () => {
    const server = serve({ fetch: stack.app.fetch, port: 0, hostname: '127.0.0.1' });
    answerClientErrors(server);
    try {
      await new Promise<void>((resolve) => server.once('listening', () => resolve()));
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/programos?x=${'a'.repeat(20_000)}`);
      expect(res.status).toBe(431);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const body = await res.text();
      expect(body).toContain('<html lang="lt">');
      expect(body).toContain('Užklausos adresas arba antraštės per ilgos.');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('reports Postgres and Temporal reachability on /healthz', async () => {
    const res = await request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', postgres: 'ok', temporal: 'ok' });
  });

  it('answers 503 in Lithuanian, without hanging, when no worker takes the command', async () => {
    const config = {
      ...stack.config,
      temporal: { ...stack.config.temporal, taskQueue: `no-worker-${crypto.randomUUID()}`, commandTimeoutMs: 1500 },
    };
    const app = createApp({ ...stack.deps, config });
    const key = crypto.randomUUID();
    const started = Date.now();
    const res = await app.request(`${ORIGIN}/programos/${a.programmeId}/grupes`, {
      method: 'POST',
      headers: {
        Cookie: sessions.get(a)!.cookie,
        'X-CSRF-Token': sessions.get(a)!.csrf,
        Origin: ORIGIN,
        'Content-Type': 'application/x-www-form-urlencoded',
        'HX-Request': 'true',
      },
      body: form({ ...groupForm(a.venueId, { name: 'Be darbininko' }), idempotencyKey: key }),
    });
    expect(res.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(10_000);
    const html = await res.text();
    expect(html).toContain('IMP IS šiuo metu neatsako');
    expect(html).toContain('value="Be darbininko"');
    expect(html).toContain(`name="idempotencyKey" value="${key}"`);
    expect(await findGroup(stack.db, a.institutionId, key)).toBeUndefined();
  });

  it('shows a Lithuanian error page with a request ID and no stack trace when something breaks', async () => {
    // A database that does not exist: every query fails, and it is no outage (that would be 503, outages-http.test.ts).
    const missing = new URL(stack.config.databaseUrl);
    missing.pathname = '/kursuok_no_such_database';
    const broken = createDb(missing.toString(), { max: 1 });
    const app = createApp({ ...stack.deps, db: broken });
    const res = await app.request(`${ORIGIN}/programos`, { headers: { Cookie: sessions.get(a)!.cookie } });
    expect(res.status).toBe(500);
    const html = await res.text();
    expect(html).toContain('Įvyko netikėta klaida.');
    expect(html).toMatch(/Užklausos numeris: [\w-]+/);
    expect(html).not.toMatch(/at .*\.ts:\d+/);
    const health = await app.request(`${ORIGIN}/healthz`);
    expect(health.status).toBe(503);
    await broken.destroy();
  });
});
