// Tab "Mokymo dalyviai" through the real path (§3.7.3.1; PART-1..PART-14, DOC-19..DOC-22): registrations
// reach the group workflow as the portal sends them, the tab reads Postgres, the provider's decisions
// are the group's Update decideRegistration, the participants' e-mails arrive in Mailpit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractSignedSignal } from '../../workflows/training-group/messages.ts';
import { createInstitution, type InstitutionFixture } from '../support/fixtures.ts';
import { appCaller } from '../support/http.ts';
import { pdfBytes } from '../support/pdf.ts';
import { mailpit, mailpitQuery } from '../support/mailpit.ts';
import {
  deadlinesIn,
  groupInfo,
  insertDocument,
  insertParticipant,
  publishedGroup,
  registerThroughWorkflow,
} from '../support/participants.ts';
import { eventually } from '../support/wait.ts';
import { adminSession, type TestSession } from '../support/session.ts';
import { startStack, type TestStack } from '../support/stack.ts';

let stack: TestStack;
let fx: InstitutionFixture;
let other: InstitutionFixture;
let admin: TestSession;
let otherAdmin: TestSession;
let call: ReturnType<typeof appCaller>;

const s = () => ({ client: stack.client, db: stack.db, taskQueue: stack.config.temporal.taskQueue });
const registration = (id: string) => stack.db.selectFrom('group_registrations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const decide = (groupId: string, registrationId: string, body: Record<string, string>, as = admin) =>
  call(`/grupes/${groupId}/dalyviai/${registrationId}/sprendimas`, {
    as,
    htmx: true,
    body: { idempotencyKey: crypto.randomUUID(), ...body },
  });

beforeAll(async () => {
  stack = await startStack('group-participants');
  fx = await createInstitution(stack.db, 'Dalyvių institucija');
  other = await createInstitution(stack.db, 'Kita institucija');
  admin = await adminSession(stack.db, fx);
  otherAdmin = await adminSession(stack.db, other);
  call = appCaller(stack.app);
});

afterAll(async () => {
  await stack?.stop();
});

describe('tab "Mokymo dalyviai" (§3.7.3.1)', () => {
  it('shows each participant with registry data, documents, funding, SoDra status, eligibility and status; the provider downloads a document (PART-2..PART-6, PART-14, DOC-19, DOC-21, DOC-22)', async () => {
    const { groupId, handle } = await publishedGroup(
      s(),
      fx,
      deadlinesIn(300, 600),
      groupInfo(fx, { minParticipants: '1', fundingSources: ['IMP_KREPSELIS', 'ASMENINES_LESOS'] }),
    );
    const ona = await insertParticipant(stack.db, {
      firstName: 'Ona',
      sodraEmployed: false,
      education: [{ level: 'SECONDARY', qualification: '' }],
    });
    const jonas = await insertParticipant(stack.db, {
      firstName: 'Jonas',
      sodraEmployed: true,
      education: [{ level: 'HIGHER_UNIVERSITY', qualification: 'Ekonomikos bakalauras' }],
    });
    const onaId = await registerThroughWorkflow(stack.db, handle, ona);
    const jonasId = await registerThroughWorkflow(stack.db, handle, jonas, 'ASMENINES_LESOS');
    const docId = await insertDocument(stack.db, ona.participantId, 'UZIMTUMAS', 'pazyma-is-darbo.pdf');

    // The tab is a table, a row per participant; each row opens the full card (issue 11, item 12).
    const res = await call(`/grupes/${groupId}/dalyviai`, { as: admin });
    expect(res.status).toBe(200);
    const tab = await res.text();
    for (const text of ['Ona Dalyvaitė', 'Jonas Dalyvaitė', 'IMP krepšelis', 'Asmeninės lėšos', 'Užsiregistravo', 'Atidaryti kortelę']) {
      expect(tab).toContain(text);
    }
    expect(tab).toContain(`href="/grupes/${groupId}/dalyviai?dalyvis=${onaId}#registracija-${onaId}"`);
    expect(tab).not.toContain('Duomenys iš Diplomų, atestatų ir kvalifikacijos pažymėjimų registro');
    expect(tab).toContain('aria-current="page">Mokymo dalyviai');

    const page = await (await call(`/grupes/${groupId}/dalyviai?dalyvis=${onaId}`, { as: admin })).text();
    for (const text of [
      'Ona Dalyvaitė',
      'Registracijos į grupę data',
      ona.email,
      'Duomenys iš Diplomų, atestatų ir kvalifikacijos pažymėjimų registro',
      'Vidurinis išsilavinimas',
      'Dalyvio pateikti dokumentai',
      'pazyma-is-darbo.pdf',
      'Užimtumą patvirtinantis dokumentas',
      'Laukia vertinimo',
      'Vertinimo terminas',
      'IMP krepšelis',
      'Asmens užimtumo statusas (SoDros duomenys)',
      'Atitiktis IMP krepšelio finansavimo kriterijams',
      'išsilavinimas – Neatitinka; užimtumas – Laukiama dokumento vertinimo',
      'Užsiregistravo',
      'Tvirtinti',
      'Atmesti',
      'Mokymo dalyvį pašalinti iš mokymo grupės',
    ]) {
      expect(page).toContain(text);
    }
    expect(page).toMatch(/<dd>Ne<\/dd>/);
    const jonasCard = await (await call(`/grupes/${groupId}/dalyviai?dalyvis=${jonasId}`, { as: admin })).text();
    expect(jonasCard).toContain('Aukštasis universitetinis išsilavinimas – Ekonomikos bakalauras');
    expect(jonasCard).toContain('Asmeninės lėšos');
    expect(jonasCard).toMatch(/<dd>Taip<\/dd>/);
    // DOC-21: the eligibility indicator is in the IMP-basket participant's card only (beside the table's column heading).
    expect(page.match(/Atitiktis IMP krepšelio finansavimo kriterijams/g)).toHaveLength(2);
    expect(jonasCard.match(/Atitiktis IMP krepšelio finansavimo kriterijams/g)).toHaveLength(1);
    // The place where the provider approves or rejects carries the manual's heading (§3.7.3.2; issue 11, item 10).
    expect(page).toContain('<h4>Reikalavimų atitiktis</h4>');

    const file = await call(`/grupes/${groupId}/dalyviai/dokumentai/${docId}`, { as: admin });
    expect(file.status).toBe(200);
    expect(file.headers.get('Content-Type')).toBe('application/pdf');
    expect(file.headers.get('Content-Disposition')).toContain('attachment');
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(pdfBytes('pazyma-is-darbo.pdf'));

    // DOC-22: another institution, or a document of someone not registered in this group → 404.
    expect((await call(`/grupes/${groupId}/dalyviai`, { as: otherAdmin })).status).toBe(404);
    expect((await call(`/grupes/${groupId}/dalyviai/dokumentai/${docId}`, { as: otherAdmin })).status).toBe(404);
    const stranger = await insertParticipant(stack.db, { firstName: 'Svetimas' });
    const strangerDoc = await insertDocument(stack.db, stranger.participantId, 'ISSILAVINIMAS', 'diplomas.pdf');
    expect((await call(`/grupes/${groupId}/dalyviai/dokumentai/${strangerDoc}`, { as: admin })).status).toBe(404);
    await handle.terminate('test done');
  });

  it("DOC-22: a removed participant's documents, also one uploaded later, are no longer downloadable; downloads carry a safe name (issue 11, items 1 and 2)", async () => {
    const { groupId, handle } = await publishedGroup(s(), fx, deadlinesIn(300, 600), groupInfo(fx, { minParticipants: '1' }));
    const rasa = await insertParticipant(stack.db, { firstName: 'Rasa' });
    const registrationId = await registerThroughWorkflow(stack.db, handle, rasa);
    const traversal = await insertDocument(stack.db, rasa.participantId, 'UZIMTUMAS', '../../etc/passwd');
    const file = await call(`/grupes/${groupId}/dalyviai/dokumentai/${traversal}`, { as: admin });
    expect(file.status).toBe(200);
    expect(file.headers.get('Content-Disposition')).toBe(`attachment; filename="passwd.pdf"; filename*=UTF-8''passwd.pdf`);
    const page = await (await call(`/grupes/${groupId}/dalyviai?dalyvis=${registrationId}`, { as: admin })).text();
    expect(page).toContain('>passwd.pdf</a>');
    expect(page).not.toContain('../../etc/passwd');

    expect((await decide(groupId, registrationId, { decision: 'REMOVE', reason: 'Pažeidė mokymų tvarką.' })).status).toBe(200);
    expect(await registration(registrationId)).toMatchObject({ status: 'REMOVED' });
    const later = await insertDocument(stack.db, rasa.participantId, 'ISSILAVINIMAS', 'diplomas.pdf');
    expect((await call(`/grupes/${groupId}/dalyviai/dokumentai/${traversal}`, { as: admin })).status).toBe(404);
    expect((await call(`/grupes/${groupId}/dalyviai/dokumentai/${later}`, { as: admin })).status).toBe(404);
    const history = await (await call(`/grupes/${groupId}/dalyviai`, { as: admin })).text();
    expect(history).not.toContain(`/dalyviai/dokumentai/${traversal}`);
    expect(history).not.toContain(`/dalyviai/dokumentai/${later}`);
    await handle.terminate('test done');
  });

  it('approves with the DOC-20 warning, rejects, removes only with a reason; participants are e-mailed; history rows stay (PART-7..PART-9, PART-13)', async () => {
    const { groupId, handle } = await publishedGroup(s(), fx, deadlinesIn(300, 600), groupInfo(fx, { minParticipants: '1' }));
    const [a, b, c] = await Promise.all(['Asta', 'Birute', 'Cezaris'].map((n) => insertParticipant(stack.db, { firstName: n })));
    const ra = await registerThroughWorkflow(stack.db, handle, a!);
    const rb = await registerThroughWorkflow(stack.db, handle, b!);
    const rc = await registerThroughWorkflow(stack.db, handle, c!);

    const approved = await decide(groupId, ra, { decision: 'APPROVE' });
    expect(approved.status).toBe(200);
    const approvedPage = await approved.text();
    expect(approvedPage).toContain('Registracija patvirtinta.');
    expect(approvedPage).toContain('Dėmesio: dalyvis (dar) neatitinka IMP krepšelio finansavimo kriterijų');
    expect(await registration(ra)).toMatchObject({ status: 'APPROVED', decided_by: fx.userId });

    expect((await decide(groupId, rb, { decision: 'REJECT' })).status).toBe(200);
    expect((await registration(rb)).status).toBe('REJECTED');

    const noReason = await decide(groupId, rc, { decision: 'REMOVE', reason: '  ' });
    expect(noReason.status).toBe(422);
    expect(await noReason.text()).toContain('Nurodykite mokymo dalyvio pašalinimo iš mokymo grupės priežastį.');
    expect((await registration(rc)).status).toBe('REGISTERED');
    const removed = await decide(groupId, rc, { decision: 'REMOVE', reason: 'Nepateikė reikalingų dokumentų.' });
    expect(removed.status).toBe(200);
    const removedPage = await removed.text();
    expect(await registration(rc)).toMatchObject({ status: 'REMOVED', status_reason: 'Nepateikė reikalingų dokumentų.' });
    expect(removedPage).toContain('Atmestos, pašalintos ir išregistruotos registracijos');
    expect(removedPage).toContain('Nepateikė reikalingų dokumentų.');

    // A second decision on a decided registration: 409 with the workflow's message.
    const again = await decide(groupId, rb, { decision: 'APPROVE' });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('Sprendimas dėl šios registracijos jau priimtas („Atmesta“).');

    for (const [p, subject] of [
      [a!, 'Registracija į mokymus patvirtinta'],
      [b!, 'Registracija į mokymus atmesta'],
      [c!, 'Jūs pašalinti iš mokymo grupės'],
    ] as const) {
      const mail = await mailpit.waitForMessage(() => true, 15_000, mailpitQuery({ to: p.email }));
      expect(mail.Subject).toBe(subject);
    }
    await handle.terminate('test done');
  });

  it("a double submit is done once; without the CSRF token 403; another institution's registration 404", async () => {
    const { groupId, handle } = await publishedGroup(s(), fx, deadlinesIn(300, 600), groupInfo(fx, { minParticipants: '1' }));
    const p = await insertParticipant(stack.db, { firstName: 'Dovydas' });
    const r = await registerThroughWorkflow(stack.db, handle, p);
    const key = crypto.randomUUID();
    const noCsrf = await stack.app.request(`http://localhost/grupes/${groupId}/dalyviai/${r}/sprendimas`, {
      method: 'POST',
      headers: { Cookie: admin.cookie, Origin: 'http://localhost', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ idempotencyKey: key, decision: 'APPROVE' }),
    });
    expect(noCsrf.status).toBe(403);
    expect((await registration(r)).status).toBe('REGISTERED');
    expect((await decide(groupId, r, { decision: 'APPROVE' }, otherAdmin)).status).toBe(404);
    const foreign = await publishedGroup(s(), other, deadlinesIn(300, 600), groupInfo(other, { minParticipants: '1' }));
    expect((await decide(foreign.groupId, r, { decision: 'APPROVE' })).status).toBe(404);
    expect((await decide(groupId, r, { decision: 'APPROVE', idempotencyKey: key })).status).toBe(200);
    expect((await decide(groupId, r, { decision: 'APPROVE', idempotencyKey: key })).status).toBe(200);
    const audit = await stack.db
      .selectFrom('audit_log')
      .select('id')
      .where('entity_type', '=', 'group_registration')
      .where('entity_id', '=', r)
      .where('action', '=', 'status')
      .execute();
    expect(audit).toHaveLength(1);
    await Promise.all([handle.terminate('test done'), foreign.handle.terminate('test done')]);
  });

  it('approval after "Mokymosi programos vykdymo pradžia" is refused (PART-10)', async () => {
    const { groupId, handle } = await publishedGroup(s(), fx, deadlinesIn(3, 6), groupInfo(fx, { minParticipants: '1' }));
    const signed = await insertParticipant(stack.db, { firstName: 'Eglė' });
    const late = await insertParticipant(stack.db, { firstName: 'Feliksas' });
    const rs = await registerThroughWorkflow(stack.db, handle, signed);
    const rl = await registerThroughWorkflow(stack.db, handle, late);
    expect((await decide(groupId, rs, { decision: 'APPROVE' })).status).toBe(200);
    await eventually(
      () => stack.db.selectFrom('training_groups').select('status').where('id', '=', groupId).executeTakeFirstOrThrow(),
      (g) => g.status === 'Vykdoma',
    );
    await handle.signal(contractSignedSignal, { registrationId: rs });
    await eventually(
      () => stack.db.selectFrom('training_groups').select('programme_starts_at').where('id', '=', groupId).executeTakeFirstOrThrow(),
      (g) => g.programme_starts_at !== null && g.programme_starts_at.getTime() < Date.now() - 1500,
    );
    const refused = await decide(groupId, rl, { decision: 'APPROVE' });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('Mokymai jau prasidėjo: registracijų tvirtinti ar atmesti nebegalima.');
    await handle.terminate('test done');
  });
});

// Issue 11, item 12: staff work here all day, so the tab is a compact table whose row opens the full
// card, and ticked rows are approved at once — only the eligible ones (DOC-19, DOC-21), each through
// the group workflow's decideRegistration, with a result per row.
describe('"Mokymo dalyviai" as a table; "Tvirtinti pažymėtus" (issue 11, item 12)', () => {
  const text = (html: string) =>
    html
      .replace(/<[^>]+>/g, '')
      .replace(/\s+/g, ' ')
      .trim();
  /** The participants table of the tab (no card open: it holds no nested table). */
  const participantsTable = (page: string) => {
    const start = page.indexOf('<table class="participants">');
    expect(start).toBeGreaterThan(-1);
    return page.slice(start, page.indexOf('</table>', start));
  };
  const cells = (row: string) => [...row.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((m) => text(m[1]!));
  const rowOf = (page: string, registrationId: string) => {
    const m = participantsTable(page).match(new RegExp(`<tr id="registracija-${registrationId}"[^>]*>([\\s\\S]*?)</tr>`));
    return m ? m[1]! : null;
  };
  const results = (page: string) =>
    Object.fromEntries(
      [
        ...page.matchAll(/<tr data-registration="([^"]+)" data-outcome="([^"]+)"><th scope="row">([^<]*)<\/th><td>([^<]*)<\/td><\/tr>/g),
      ].map((m) => [m[1]!, { outcome: m[2], name: m[3], message: m[4] }]),
    );
  const statuses = async (ids: string[]) =>
    Object.fromEntries(
      (await stack.db.selectFrom('group_registrations').select(['id', 'status']).where('id', 'in', ids).execute()).map((r) => [
        r.id,
        r.status,
      ]),
    );
  const countWhere = async (table: 'audit_log' | 'email_outbox', ids: string[]) =>
    (await stack.db.selectFrom(table).select('id').where('entity_id', 'in', ids).execute()).length;
  const bulk = (groupId: string, idempotencyKey: string, registrationId: string[]) =>
    call(`/grupes/${groupId}/dalyviai/tvirtinimas`, { as: admin, htmx: true, body: { idempotencyKey, registrationId } });

  it('a row per participant with the named columns; ticked rows: exactly the eligible ones approved, each with its result; a replay changes nothing', async () => {
    const { groupId, handle } = await publishedGroup(
      s(),
      fx,
      deadlinesIn(300, 600),
      groupInfo(fx, { minParticipants: '1', fundingSources: ['IMP_KREPSELIS', 'ASMENINES_LESOS'] }),
    );
    const higher = [{ level: 'HIGHER_UNIVERSITY', qualification: 'Teisės magistras' }];
    const eligible = await insertParticipant(stack.db, { firstName: 'Aldona', sodraEmployed: true, education: higher });
    const notEligible = await insertParticipant(stack.db, {
      firstName: 'Benas',
      sodraEmployed: false,
      education: [{ level: 'SECONDARY', qualification: '' }],
    });
    const personalFunds = await insertParticipant(stack.db, { firstName: 'Cecilija', sodraEmployed: false, education: [] });
    // DOC-12, DOC-19: not a citizen and no accepted residence-right document.
    const noResidence = await insertParticipant(stack.db, { firstName: 'Darius', sodraEmployed: true, citizen: false, education: higher });
    // DOC-5, DOC-6: SoDra "Ne"; the employment document waits for its review.
    const pending = await insertParticipant(stack.db, { firstName: 'Elena', sodraEmployed: false, education: higher });
    const decided = await insertParticipant(stack.db, { firstName: 'Fausta', sodraEmployed: true, education: higher });
    const unticked = await insertParticipant(stack.db, { firstName: 'Gediminas', sodraEmployed: true, education: higher });
    const a = await registerThroughWorkflow(stack.db, handle, eligible);
    const b = await registerThroughWorkflow(stack.db, handle, notEligible);
    const c = await registerThroughWorkflow(stack.db, handle, personalFunds, 'ASMENINES_LESOS');
    const d = await registerThroughWorkflow(stack.db, handle, noResidence);
    const e = await registerThroughWorkflow(stack.db, handle, pending);
    const f = await registerThroughWorkflow(stack.db, handle, decided);
    const g = await registerThroughWorkflow(stack.db, handle, unticked);
    await insertDocument(stack.db, pending.participantId, 'UZIMTUMAS', 'darbo-sutartis.pdf');
    const all = [a, b, c, d, e, f, g];

    // The form the provider ticks is rendered while Fausta still waits for a decision.
    const tab = await (await call(`/grupes/${groupId}/dalyviai`, { as: admin })).text();
    const key = tab.match(/<form id="dalyviu-tvirtinimas"[\s\S]*?name="idempotencyKey" value="([^"]+)"/)?.[1];
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    expect(tab).toContain('>Tvirtinti pažymėtus</button>');
    const table = participantsTable(tab);
    const thead = table.slice(0, table.indexOf('</thead>'));
    expect([...thead.matchAll(/<th[^>]*>([\s\S]*?)<\/th>/g)].map((m) => text(m[1]!))).toEqual([
      'Pažymėti',
      'Vardas, pavardė',
      'Registracijos į grupę data',
      'Finansavimo šaltinis',
      'Atitiktis IMP krepšelio finansavimo kriterijams',
      'Dokumentai, laukiantys vertinimo',
      'Registracijos būsena',
      'Veiksmai',
      'Išsilavinimas',
      'Užimtumas',
      'Teisė gyventi Lietuvoje',
    ]);
    expect(table.match(/<tr id="registracija-/g)).toHaveLength(7);
    const date = expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/);
    const row = (id: string) => cells(rowOf(tab, id)!);
    expect(row(a)).toEqual([
      '',
      'Aldona Dalyvaitė',
      date,
      'IMP krepšelis',
      'Atitinka',
      'Atitinka',
      'Atitinka (LR pilietis)',
      '—',
      'Užsiregistravo',
      'Atidaryti kortelę',
    ]);
    expect(row(b)).toEqual([
      '',
      'Benas Dalyvaitė',
      date,
      'IMP krepšelis',
      'Neatitinka',
      'Neatitinka',
      'Atitinka (LR pilietis)',
      '—',
      'Užsiregistravo',
      'Atidaryti kortelę',
    ]);
    expect(row(c)).toEqual(['', 'Cecilija Dalyvaitė', date, 'Asmeninės lėšos', 'Netaikoma', '—', 'Užsiregistravo', 'Atidaryti kortelę']);
    expect(row(d)).toEqual([
      '',
      'Darius Dalyvaitė',
      date,
      'IMP krepšelis',
      'Atitinka',
      'Atitinka',
      'Neatitinka',
      '—',
      'Užsiregistravo',
      'Atidaryti kortelę',
    ]);
    expect(row(e)).toEqual([
      '',
      'Elena Dalyvaitė',
      date,
      'IMP krepšelis',
      'Atitinka',
      'Laukiama dokumento vertinimo',
      'Atitinka (LR pilietis)',
      '1',
      'Užsiregistravo',
      'Atidaryti kortelę',
    ]);
    for (const id of all) expect(rowOf(tab, id)).toContain(`name="registrationId" value="${id}" form="dalyviu-tvirtinimas"`);
    // The full cards are not on the tab until a row opens one.
    expect(tab).not.toContain('Reikalavimų atitiktis');

    // Fausta is rejected meanwhile (in her card, by another user); the stale form still has her ticked.
    expect((await decide(groupId, f, { decision: 'REJECT' })).status).toBe(200);

    const ticked = [a, b, c, d, e, f];
    const res = await bulk(groupId, key!, ticked);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('Patvirtinta registracijų: 2 iš 6.');
    const approvedNotice = 'Patvirtinta. Dalyviui bus išsiųstas pranešimas el. paštu.';
    const inCard = 'Registraciją galima patvirtinti dalyvio kortelėje.';
    expect(results(page)).toEqual({
      [a]: { outcome: 'approved', name: 'Aldona Dalyvaitė', message: approvedNotice },
      [b]: {
        outcome: 'refused',
        name: 'Benas Dalyvaitė',
        message: `Nepatvirtinta. Dalyvis neatitinka IMP krepšelio finansavimo kriterijų (išsilavinimas – Neatitinka; užimtumas – Neatitinka). ${inCard}`,
      },
      [c]: { outcome: 'approved', name: 'Cecilija Dalyvaitė', message: approvedNotice },
      [d]: {
        outcome: 'refused',
        name: 'Darius Dalyvaitė',
        message: `Nepatvirtinta. Dalyvis neatitinka IMP krepšelio finansavimo kriterijų (išsilavinimas – Atitinka; užimtumas – Atitinka; teisė gyventi Lietuvoje – Neatitinka). ${inCard}`,
      },
      [e]: {
        outcome: 'refused',
        name: 'Elena Dalyvaitė',
        message: `Nepatvirtinta. Dalyvis neatitinka IMP krepšelio finansavimo kriterijų (išsilavinimas – Atitinka; užimtumas – Laukiama dokumento vertinimo). ${inCard}`,
      },
      [f]: {
        outcome: 'refused',
        name: 'Fausta Dalyvaitė',
        message: 'Nepatvirtinta. Sprendimas dėl šios registracijos jau priimtas („Atmesta“).',
      },
    });
    const expected = {
      [a]: 'APPROVED',
      [b]: 'REGISTERED',
      [c]: 'APPROVED',
      [d]: 'REGISTERED',
      [e]: 'REGISTERED',
      [f]: 'REJECTED',
      [g]: 'REGISTERED',
    };
    expect(await statuses(all)).toEqual(expected);
    expect(await registration(a)).toMatchObject({ decided_by: fx.userId });
    // The table after it: approved rows say so and can no longer be ticked; the refused ones still can.
    expect(cells(rowOf(page, a)!)[8]).toBe('Patvirtinta');
    expect(rowOf(page, a)).not.toContain('name="registrationId"');
    expect(rowOf(page, b)).toContain('name="registrationId"');
    expect(rowOf(page, f)).toBeNull();
    // PART-9: each approval is its own decision, with its e-mail.
    expect((await mailpit.waitForMessage(() => true, 15_000, mailpitQuery({ to: eligible.email }))).Subject).toBe(
      'Registracija į mokymus patvirtinta',
    );

    // The same form again (a double submit, a reload): nothing more is done.
    const audits = await countWhere('audit_log', all);
    const mails = await countWhere('email_outbox', all);
    const replay = await bulk(groupId, key!, ticked);
    expect(replay.status).toBe(200);
    const replayed = results(await replay.text());
    expect(replayed[a]).toEqual({ outcome: 'unchanged', name: 'Aldona Dalyvaitė', message: 'Registracija jau patvirtinta.' });
    expect(replayed[c]).toEqual({ outcome: 'unchanged', name: 'Cecilija Dalyvaitė', message: 'Registracija jau patvirtinta.' });
    expect(replayed[b]?.outcome).toBe('refused');
    expect(await statuses(all)).toEqual(expected);
    expect(await countWhere('audit_log', all)).toBe(audits);
    expect(await countWhere('email_outbox', all)).toBe(mails);
    const statusAudits = await stack.db
      .selectFrom('audit_log')
      .select('entity_id')
      .where('entity_type', '=', 'group_registration')
      .where('action', '=', 'status')
      .where('entity_id', 'in', [a, c])
      .execute();
    expect(statusAudits.map((r) => r.entity_id).sort()).toEqual([a, c].sort());

    // A double click: the same form twice at once. Both reach the workflow with the same Update ids; it approves once.
    const again = (await (await call(`/grupes/${groupId}/dalyviai`, { as: admin })).text()).match(
      /<form id="dalyviu-tvirtinimas"[\s\S]*?name="idempotencyKey" value="([^"]+)"/,
    )?.[1];
    const twice = await Promise.all([bulk(groupId, again!, [g]), bulk(groupId, again!, [g])]);
    expect(twice.map((r) => r.status)).toEqual([200, 200]);
    expect((await registration(g)).status).toBe('APPROVED');
    const gAudits = await stack.db.selectFrom('audit_log').select('id').where('entity_id', '=', g).where('action', '=', 'status').execute();
    expect(gAudits).toHaveLength(1);
    expect(
      await stack.db.selectFrom('email_outbox').select('id').where('entity_id', '=', g).where('kind', '=', 'APPROVED').execute(),
    ).toHaveLength(1);
    await handle.terminate('test done');
  });

  it('a row opens the full card (with „Reikalavimų atitiktis“ and the OQ-33 warning) in place or as the tab; nothing ticked, no CSRF token, another institution: refused', async () => {
    const { groupId, handle } = await publishedGroup(s(), fx, deadlinesIn(300, 600), groupInfo(fx, { minParticipants: '1' }));
    const p = await insertParticipant(stack.db, { firstName: 'Kotryna', sodraEmployed: false });
    const r = await registerThroughWorkflow(stack.db, handle, p);

    const opened = await (await call(`/grupes/${groupId}/dalyviai?dalyvis=${r}`, { as: admin })).text();
    expect(opened.match(/class="participant-card"/g)).toHaveLength(1);
    expect(opened).toContain(`<tr id="kortele-${r}" class="participant-card">`);
    expect(opened).toContain('<h4>Reikalavimų atitiktis</h4>');
    expect(opened).toContain(
      'Dėmesio: dalyvis (dar) neatitinka IMP krepšelio finansavimo kriterijų. Registraciją patvirtinti galima, tačiau finansavimas skiriamas atskirai.',
    );
    expect(opened).toContain('>Uždaryti kortelę</a>');

    // htmx: the row and its card replace the row's <tbody>, its tick kept; closing gives the row back alone.
    const inPlace = await call(`/grupes/${groupId}/dalyviai/${r}/kortele?registrationId=${r}`, { as: admin, htmx: true });
    expect(inPlace.status).toBe(200);
    const fragment = await inPlace.text();
    expect(fragment.startsWith(`<tbody id="dalyvis-${r}">`)).toBe(true);
    expect(fragment).toContain('Duomenys iš Diplomų, atestatų ir kvalifikacijos pažymėjimų registro');
    expect(fragment).toMatch(new RegExp(`name="registrationId" value="${r}" form="dalyviu-tvirtinimas" checked=""`));
    expect(fragment).toContain('Mokymo dalyvį pašalinti iš mokymo grupės');
    const closed = await (await call(`/grupes/${groupId}/dalyviai/${r}/kortele?uzdaryti=1`, { as: admin, htmx: true })).text();
    expect(closed).not.toContain('participant-card');
    expect(closed).toContain('>Atidaryti kortelę</a>');
    const noJs = await call(`/grupes/${groupId}/dalyviai/${r}/kortele`, { as: admin });
    expect(noJs.status).toBe(303);
    expect(noJs.headers.get('location')).toBe(`/grupes/${groupId}/dalyviai?dalyvis=${r}#registracija-${r}`);
    expect((await call(`/grupes/${groupId}/dalyviai/${r}/kortele`, { as: otherAdmin, htmx: true })).status).toBe(404);

    const none = await bulk(groupId, crypto.randomUUID(), []);
    expect(none.status).toBe(422);
    expect(await none.text()).toContain('Pažymėkite bent vieną registraciją, kurią norite patvirtinti.');
    const noCsrf = await stack.app.request(`http://localhost/grupes/${groupId}/dalyviai/tvirtinimas`, {
      method: 'POST',
      headers: { Cookie: admin.cookie, Origin: 'http://localhost', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ idempotencyKey: crypto.randomUUID(), registrationId: r }),
    });
    expect(noCsrf.status).toBe(403);
    const foreign = await call(`/grupes/${groupId}/dalyviai/tvirtinimas`, {
      as: otherAdmin,
      body: { idempotencyKey: crypto.randomUUID(), registrationId: r },
    });
    expect(foreign.status).toBe(404);
    expect((await registration(r)).status).toBe('REGISTERED');
    await handle.terminate('test done');
  });
});
