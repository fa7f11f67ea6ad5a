// Document review over HTTP (DOC-7..DOC-18, L3) with the real worker, Postgres, Mailpit and the
// VIISP simulator: the portal's startDocumentReview starts DocumentReview:<id>, the reviewer logs
// in at /vertinimas/prisijungti, sees the queue with deadlines, views the file and decides; the
// row changes, the participant is e-mailed, their eligibility follows. Every refusal changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPersonalCode } from '../../worker/crypto.ts';
import { startDocumentReview } from '../../web/document-review-commands.ts';
import { addDays } from '../../workflows/domain/calendar.ts';
import { eligibility, type DocumentKind } from '../../workflows/domain/eligibility.ts';
import { reviewDeadline } from '../../workflows/domain/working-days.ts';
import { documentReviewWorkflowId } from '../../workflows/ids.ts';
import { driveViispLogin } from '../sim/viisp/drive.ts';
import { TEST_PEOPLE } from '../sim/viisp/people.ts';
import { appCaller } from '../support/http.ts';
import { Jar, ORIGIN } from '../support/login.ts';
import { mailpit, mailpitQuery } from '../support/mailpit.ts';
import { createInstitution } from '../support/fixtures.ts';
import { personSessionFor, sessionFor, type TestSession } from '../support/session.ts';
import { startStack, type TestStack } from '../support/stack.ts';

let stack: TestStack;
let call: ReturnType<typeof appCaller>;
let reviewerId: string;
let reviewer: TestSession;
const RUN = crypto.randomUUID().slice(0, 8);
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);

beforeAll(async () => {
  await mailpit.ensureUp();
  stack = await startStack('document-review-http', { simulators: true });
  call = appCaller(stack.app);
  const hash = (code: string) => hashPersonalCode(stack.config.secrets.personalCodePepper, code);
  const vaida = TEST_PEOPLE.vaida;
  await stack.db
    .insertInto('staff_members')
    .values({
      person_key: hash(vaida.personalCode),
      role: 'VERTINTOJAS',
      first_name: vaida.givenName,
      last_name: vaida.familyName,
      email: `vertintojas+${RUN}@example.lt`,
    })
    .onConflict((oc) => oc.columns(['person_key', 'role']).doUpdateSet({ active: true }))
    .execute();
  const staff = await stack.db
    .selectFrom('staff_members')
    .select('id')
    .where('person_key', '=', hash(vaida.personalCode))
    .where('role', '=', 'VERTINTOJAS')
    .executeTakeFirstOrThrow();
  reviewerId = staff.id;
  reviewer = await personSessionFor(stack.db, {
    audience: 'VERTINTOJAS',
    personKey: hash(vaida.personalCode),
    staffMemberId: reviewerId,
    names: [vaida.givenName, vaida.familyName],
  });
});
afterAll(async () => {
  await stack?.stop();
});

/** A participant (SoDra "Taip", a citizen, no registry education) with one uploaded document under review. */
async function uploaded(kind: DocumentKind = 'ISSILAVINIMAS') {
  const label = crypto.randomUUID().slice(0, 8);
  const participant = await stack.db
    .insertInto('participants')
    .values({
      person_key: `dalyvis-${label}`,
      first_name: 'Gintarė',
      last_name: `Bandomoji-${label}`,
      email: `dalyvis+${RUN}-${label}@example.lt`,
      citizen: true,
      sodra_employed: true,
    })
    .returning(['id', 'email'])
    .executeTakeFirstOrThrow();
  const documentId = crypto.randomUUID();
  const uploadedAt = new Date();
  await stack.db
    .insertInto('participant_documents')
    .values({
      id: documentId,
      participant_id: participant.id,
      kind,
      content_type: 'image/png',
      original_name: 'diplomas <kopija>.png',
      size: PNG.byteLength,
      sha256: 'x',
      content: PNG,
      uploaded_at: uploadedAt,
      review_due_at: reviewDeadline(uploadedAt).dueAt,
    })
    .execute();
  const started = await startDocumentReview(
    { temporal: stack.client, taskQueue: stack.config.temporal.taskQueue, timeoutMs: 10_000 },
    { documentId, participantId: participant.id, kind, uploadedAt: uploadedAt.toISOString() },
  );
  expect(started.ok).toBe(true);
  return { documentId, participantId: participant.id, email: participant.email!, uploadedAt };
}

async function row(documentId: string) {
  return stack.db.selectFrom('participant_documents').selectAll().where('id', '=', documentId).executeTakeFirstOrThrow();
}

async function eligibilityOf(participantId: string) {
  const p = await stack.db.selectFrom('participants').selectAll().where('id', '=', participantId).executeTakeFirstOrThrow();
  const documents = await stack.db
    .selectFrom('participant_documents')
    .select(['kind', 'status'])
    .where('participant_id', '=', participantId)
    .execute();
  return eligibility({ registryEducationLevels: [], sodraEmployed: p.sodra_employed, citizen: p.citizen, documents });
}

const decide = (documentId: string, body: Record<string, string>, as: TestSession = reviewer) =>
  call(`/vertinimas/dokumentai/${documentId}`, { as, body: { idempotencyKey: crypto.randomUUID(), ...body } });

describe('the reviewer logs in through VIISP (DOC-13)', () => {
  it('an active VERTINTOJAS gets a reviewer session and lands on the queue', async () => {
    const jar = new Jar();
    const page = await stack.app.request(`${ORIGIN}/vertinimas/prisijungti`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('href="/vertinimas/prisijungti/viisp"');
    const start = jar.take(await stack.app.request(`${ORIGIN}/vertinimas/prisijungti/viisp`));
    expect(start.status).toBe(303);
    const back = await driveViispLogin(start.headers.get('location')!, { personalCode: TEST_PEOPLE.vaida.personalCode });
    const callback = jar.take(await stack.app.request(back, { headers: { Cookie: jar.header() } }));
    expect(callback.status).toBe(303);
    expect(callback.headers.get('location')).toBe('/vertinimas');
    const queue = await stack.app.request(`${ORIGIN}/vertinimas`, { headers: { Cookie: jar.header() } });
    expect(queue.status).toBe(200);
    expect(await queue.text()).toContain('Vertinami dokumentai');
  });

  it('a person who is not a reviewer is refused with a Lithuanian reason (403)', async () => {
    const jar = new Jar();
    const start = jar.take(await stack.app.request(`${ORIGIN}/vertinimas/prisijungti/viisp`));
    const back = await driveViispLogin(start.headers.get('location')!, { personalCode: TEST_PEOPLE.petras.personalCode });
    const callback = jar.take(await stack.app.request(back, { headers: { Cookie: jar.header() } }));
    expect(callback.status).toBe(403);
    expect(await callback.text()).toContain('nesate IMP IS dokumentų vertintojas');
    expect([...jar.cookies.keys()].some((k) => k.includes('asmuo'))).toBe(false);
  });
});

describe('the queue and one document (DOC-14)', () => {
  it('lists pending documents, the earliest deadline first, overdue ones flagged', async () => {
    const late = await uploaded('UZIMTUMAS');
    // An operator-moved (or long-missed) deadline: the queue flags it and lists it first.
    await stack.db
      .updateTable('participant_documents')
      .set({ review_due_at: new Date('2026-01-05T22:00:00Z') })
      .where('id', '=', late.documentId)
      .execute();
    const fresh = await uploaded();
    const html = await (await call('/vertinimas', { as: reviewer })).text();
    const lateAt = html.indexOf(late.documentId);
    const freshAt = html.indexOf(fresh.documentId);
    expect(lateAt).toBeGreaterThan(-1);
    expect(freshAt).toBeGreaterThan(lateAt);
    expect(html.slice(lateAt, freshAt)).toContain('Vėluojama');
    expect(html).toContain('Užimtumą patvirtinantis dokumentas');
  });

  it('shows the document with its kind’s statuses in the manual’s words, and serves the file inline and safely', async () => {
    const { documentId } = await uploaded();
    const page = await call(`/vertinimas/dokumentai/${documentId}`, { as: reviewer });
    expect(page.status).toBe(200);
    const html = await page.text();
    for (const word of ['Aukštasis universitetinis išsilavinimas', 'Aukšta profesinė kvalifikacija', 'Papildomi dokumentai'])
      expect(html).toContain(word);
    expect(html).not.toContain('Užimtas asmuo');
    const file = await call(`/vertinimas/dokumentai/${documentId}/failas`, { as: reviewer });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(file.headers.get('content-disposition')).toMatch(/^inline; filename="[^"<>]+\.png"/);
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect(file.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(PNG);
  });
});

/** What a reader sees: the text without the markup. */
const textOf = (html: string) => html.replace(/<[^>]*>/g, '');

/** The text of the table row that carries `id`. */
function rowOf(html: string, id: string): string {
  const at = html.indexOf(id);
  expect(at).toBeGreaterThan(-1);
  return textOf(html.slice(html.lastIndexOf('<tr', at), html.indexOf('</tr>', at)));
}

describe('one deadline, written the same way for the reviewer and the participant (issue 11 item 13, DOC-7)', () => {
  it('the queue, the document page and "Mano dokumentai" write the end of the last working day as 23:59 with the time left', async () => {
    const doc = await uploaded();
    const { lastDay } = reviewDeadline(doc.uploadedAt);
    const deadline = `iki ${lastDay} 23:59 (liko `;
    const participant = await personSessionFor(stack.db, {
      audience: 'DALYVIS',
      personKey: `dalyvis-${RUN}`,
      participantId: doc.participantId,
    });
    const queue = rowOf(await (await call('/vertinimas', { as: reviewer })).text(), doc.documentId);
    const page = textOf(await (await call(`/vertinimas/dokumentai/${doc.documentId}`, { as: reviewer })).text());
    const portal = rowOf(await (await call('/kursuok/dokumentai', { as: participant })).text(), doc.documentId);
    for (const html of [queue, page, portal]) {
      expect(html).toContain(deadline);
      // Three working days and some hours are left: whole days and hours, in Lithuanian.
      expect(html).toMatch(/\(liko \d+ dien(a|os|ų)( \d+ valand(a|os|ų))?\)/);
      // Never the instant's own midnight, as the reviewer's page used to write it.
      expect(html).not.toContain(`${addDays(lastDay, 1)} 00:00`);
    }
  });

  it('a deadline that has passed reads the same on both sides: "terminas praėjo"', async () => {
    const doc = await uploaded('UZIMTUMAS');
    // The Vilnius midnight that ends Monday 2026-01-05 (winter, UTC+2).
    await stack.db
      .updateTable('participant_documents')
      .set({ review_due_at: new Date('2026-01-05T22:00:00Z') })
      .where('id', '=', doc.documentId)
      .execute();
    const participant = await personSessionFor(stack.db, {
      audience: 'DALYVIS',
      personKey: `dalyvis-${RUN}`,
      participantId: doc.participantId,
    });
    const queue = rowOf(await (await call('/vertinimas', { as: reviewer })).text(), doc.documentId);
    const page = textOf(await (await call(`/vertinimas/dokumentai/${doc.documentId}`, { as: reviewer })).text());
    const portal = rowOf(await (await call('/kursuok/dokumentai', { as: participant })).text(), doc.documentId);
    for (const html of [queue, page, portal]) {
      expect(html).toContain('iki 2026-01-05 23:59 (terminas praėjo)');
      expect(html).not.toContain('2026-01-06 00:00');
    }
  });
});

describe('the decision (D2..D5, DOC-18)', () => {
  it('records the status, e-mails the participant and changes their eligibility; a second decision is 409', async () => {
    const doc = await uploaded();
    expect((await eligibilityOf(doc.participantId)).education).toBe('laukia');
    const res = await decide(doc.documentId, { status: 'AUKSTASIS_KOLEGINIS', note: 'Diplomo kopija aiški.' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/vertinimas?pranesimas=ivertinta');
    const after = await row(doc.documentId);
    expect(after).toMatchObject({ status: 'AUKSTASIS_KOLEGINIS', reviewer_id: reviewerId, reviewer_note: 'Diplomo kopija aiški.' });
    expect(after.decided_at).toBeInstanceOf(Date);
    expect(await eligibilityOf(doc.participantId)).toMatchObject({ education: 'atitinka', eligible: true });
    const mail = await mailpit.waitForMessage(() => true, 15_000, mailpitQuery({ to: doc.email }));
    expect(mail.Subject).toBe('Dokumentas įvertintas');
    const text = (await mailpit.message(mail.ID)).Text;
    expect(text).toContain('„Aukštasis koleginis išsilavinimas“');
    const audit = await stack.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', doc.documentId)
      .where('action', '=', 'DOCUMENT_REVIEWED')
      .execute();
    expect(audit).toHaveLength(1);
    const handle = stack.client.workflow.getHandle(documentReviewWorkflowId(doc.documentId));
    expect(await handle.result()).toBe('AUKSTASIS_KOLEGINIS');

    const again = await decide(doc.documentId, { status: 'PAPILDOMI_DOKUMENTAI' });
    expect(again.status).toBe(409);
    const html = await again.text();
    expect(html).toContain('Dokumentas jau įvertintas: „Aukštasis koleginis išsilavinimas“');
    expect(html).toContain(`Įvertino ${TEST_PEOPLE.vaida.givenName} ${TEST_PEOPLE.vaida.familyName}`);
    expect((await row(doc.documentId)).status).toBe('AUKSTASIS_KOLEGINIS');
  });

  it('a double submit of the same form decides once', async () => {
    const doc = await uploaded('UZIMTUMAS');
    const body = { idempotencyKey: crypto.randomUUID(), status: 'UZIMTAS_ASMUO' };
    const [a, b] = await Promise.all([
      call(`/vertinimas/dokumentai/${doc.documentId}`, { as: reviewer, body }),
      call(`/vertinimas/dokumentai/${doc.documentId}`, { as: reviewer, body }),
    ]);
    expect([a.status, b.status].sort()).toEqual(expect.arrayContaining([303]));
    expect([a.status, b.status].every((s) => s === 303 || s === 409)).toBe(true);
    const audit = await stack.db
      .selectFrom('audit_log')
      .select('id')
      .where('entity_id', '=', doc.documentId)
      .where('action', '=', 'DOCUMENT_REVIEWED')
      .execute();
    expect(audit).toHaveLength(1);
    const sent = await stack.db
      .selectFrom('email_outbox')
      .select('id')
      .where('entity_id', '=', doc.documentId)
      .where('kind', '=', 'DOCUMENT_REVIEWED')
      .execute();
    expect(sent).toHaveLength(1);
  });

  it('a negative outcome tells the participant to upload a new document', async () => {
    const doc = await uploaded();
    expect((await decide(doc.documentId, { status: 'PAPILDOMI_DOKUMENTAI' })).status).toBe(303);
    const mail = await mailpit.waitForMessage(() => true, 15_000, mailpitQuery({ to: doc.email }));
    expect(mail.Subject).toBe('Dokumentas įvertintas: įkelkite naują dokumentą');
    expect((await mailpit.message(mail.ID)).Text).toContain('įkelkite kitą dokumentą');
    expect(await eligibilityOf(doc.participantId)).toMatchObject({ education: 'neatitinka', eligible: false });
  });
});

describe('refusals change nothing', () => {
  it('a participant’s or an institution’s session does not open the reviewer’s pages', async () => {
    const doc = await uploaded();
    const participant = await personSessionFor(stack.db, {
      audience: 'DALYVIS',
      personKey: `dalyvis-${RUN}`,
      participantId: doc.participantId,
    });
    const inst = await createInstitution(stack.db, 'Vertinimo neturinti įstaiga');
    const institution = await sessionFor(stack.db, {
      personalCodeHash: inst.personalCodeHash,
      institutionId: inst.institutionId,
      userId: inst.userId,
    });
    for (const as of [participant, institution]) {
      const queue = await call('/vertinimas', { as });
      expect(queue.status).toBe(303);
      expect(queue.headers.get('location')).toBe('/vertinimas/prisijungti');
      expect((await call(`/vertinimas/dokumentai/${doc.documentId}/failas`, { as })).status).toBe(303);
      expect((await decide(doc.documentId, { status: 'AUKSTASIS' }, as)).status).toBe(401);
    }
    expect((await call('/vertinimas')).status).toBe(303);
    expect((await row(doc.documentId)).status).toBe('LAUKIA');
  });

  it('a decision without the CSRF token is 403', async () => {
    const doc = await uploaded();
    const res = await stack.app.request(`${ORIGIN}/vertinimas/dokumentai/${doc.documentId}`, {
      method: 'POST',
      headers: { Cookie: reviewer.cookie, Origin: ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ idempotencyKey: crypto.randomUUID(), status: 'AUKSTASIS' }),
    });
    expect(res.status).toBe(403);
    expect((await row(doc.documentId)).status).toBe('LAUKIA');
  });

  it('a status not of the document’s kind is 422 with the form kept', async () => {
    const doc = await uploaded('GYVENIMAS');
    const res = await decide(doc.documentId, { status: 'UZIMTAS_ASMUO', note: 'Mano pastaba' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Ši būsena netinka dokumentui');
    expect(html).toContain('Mano pastaba');
    expect((await decide(doc.documentId, { status: '' })).status).toBe(422);
    expect((await row(doc.documentId)).status).toBe('LAUKIA');
  });

  it('an unknown or malformed document id is 404', async () => {
    expect((await call(`/vertinimas/dokumentai/${crypto.randomUUID()}`, { as: reviewer })).status).toBe(404);
    expect((await call('/vertinimas/dokumentai/ne-id', { as: reviewer })).status).toBe(404);
    expect((await call(`/vertinimas/dokumentai/${crypto.randomUUID()}/failas`, { as: reviewer })).status).toBe(404);
    expect((await decide(crypto.randomUUID(), { status: 'AUKSTASIS' })).status).toBe(404);
  });

  it('a reviewer made inactive is refused at once (403)', async () => {
    const other = await stack.db
      .insertInto('staff_members')
      .values({
        person_key: `buves-${RUN}`,
        role: 'VERTINTOJAS',
        first_name: 'Buvęs',
        last_name: 'Vertintojas',
        email: `buves+${RUN}@example.lt`,
        active: false,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const session = await personSessionFor(stack.db, { audience: 'VERTINTOJAS', personKey: `buves-${RUN}`, staffMemberId: other.id });
    expect((await call('/vertinimas', { as: session })).status).toBe(403);
    const doc = await uploaded();
    expect((await decide(doc.documentId, { status: 'AUKSTASIS' }, session)).status).toBe(403);
    expect((await row(doc.documentId)).status).toBe('LAUKIA');
  });
});
