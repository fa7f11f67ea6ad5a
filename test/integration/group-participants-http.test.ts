// Tab "Mokymo dalyviai" through the real path (§3.7.3.1; PART-1..PART-14, DOC-19..DOC-22): registrations
// reach the group workflow as the portal sends them, the tab reads Postgres, the provider's decisions
// are the group's Update decideRegistration, the participants' e-mails arrive in Mailpit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractSignedSignal } from '../../workflows/training-group/messages.ts';
import { createInstitution, type InstitutionFixture } from '../support/fixtures.ts';
import { appCaller } from '../support/http.ts';
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
    await registerThroughWorkflow(stack.db, handle, ona);
    await registerThroughWorkflow(stack.db, handle, jonas, 'ASMENINES_LESOS');
    const docId = await insertDocument(stack.db, ona.participantId, 'UZIMTUMAS', 'pazyma-is-darbo.pdf');

    const res = await call(`/grupes/${groupId}/dalyviai`, { as: admin });
    expect(res.status).toBe(200);
    const page = await res.text();
    for (const text of [
      'Ona Dalyvaitė',
      'Jonas Dalyvaitė',
      'Registracijos į grupę data',
      ona.email,
      'Duomenys iš Diplomų, atestatų ir kvalifikacijos pažymėjimų registro',
      'Vidurinis išsilavinimas',
      'Aukštasis universitetinis išsilavinimas – Ekonomikos bakalauras',
      'Dalyvio pateikti dokumentai',
      'pazyma-is-darbo.pdf',
      'Užimtumą patvirtinantis dokumentas',
      'Laukia vertinimo',
      'Vertinimo terminas',
      'IMP krepšelis',
      'Asmeninės lėšos',
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
    expect(page).toMatch(/<dd>Taip<\/dd>/);
    // DOC-21: one eligibility indicator, for the IMP-basket participant only.
    expect(page.match(/Atitiktis IMP krepšelio finansavimo kriterijams/g)).toHaveLength(1);
    expect(page).toContain('aria-current="page">Mokymo dalyviai');
    // The place where the provider approves or rejects carries the manual's heading (§3.7.3.2; issue 11, item 10).
    expect(page).toContain('<h4>Reikalavimų atitiktis</h4>');

    const file = await call(`/grupes/${groupId}/dalyviai/dokumentai/${docId}`, { as: admin });
    expect(file.status).toBe(200);
    expect(file.headers.get('Content-Type')).toBe('application/pdf');
    expect(file.headers.get('Content-Disposition')).toContain('attachment');
    expect(await file.text()).toBe('%PDF-1.4 pazyma-is-darbo.pdf');

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
    const page = await (await call(`/grupes/${groupId}/dalyviai`, { as: admin })).text();
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
