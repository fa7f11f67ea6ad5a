// The funder's invoice evaluator over HTTP (issue 14; INV-17..INV-20, L8 I3/I4/I7/I8/I9, N17) with the
// real worker, Postgres, Mailpit, the VIISP simulator and the payment simulator: the evaluator logs in
// at /saskaitu-vertinimas/prisijungti (a person who is not one is refused), sees the queue earliest
// deadline first with the clock, opens an invoice — its PDF inline, the participants' evidence and
// signed contracts —, takes it ("Vertinti"), returns it with a comment, which the provider is e-mailed;
// the provider resubmits; the evaluator passes it for payment, the payment order reaches the payment
// simulator and, paid there, the invoice becomes "Apmokėta". Another invoice is rejected with a reason
// and frees its participants. Refusals — a decision without its comment or reason, a second decision,
// a decision out of turn — are Lithuanian messages with 422/409 and change nothing.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPersonalCode } from '../../worker/crypto.ts';
import { addDays, vilniusDate } from '../../workflows/domain/calendar.ts';
import { InvoiceStatus } from '../../workflows/domain/invoice.ts';
import { resubmitInvoice, submitInvoice } from '../../web/invoice-commands.ts';
import type { ProviderActor } from '../../workflows/invoice/messages.ts';
import { driveViispLogin } from '../sim/viisp/drive.ts';
import { TEST_PEOPLE } from '../sim/viisp/people.ts';
import { createInstitution, type InstitutionFixture } from '../support/fixtures.ts';
import { insertGroupRows } from '../support/group-rows.ts';
import { browse, Jar, ORIGIN } from '../support/login.ts';
import { mailpit, mailpitQuery } from '../support/mailpit.ts';
import { pdfBytes } from '../support/pdf.ts';
import { startStack, type TestStack } from '../support/stack.ts';

let stack: TestStack;
let fx: InstitutionFixture;
let groupId: string;
let jar: Jar;
let csrf: string;
const RUN = crypto.randomUUID().slice(0, 8);
const TODAY = vilniusDate(new Date());
const ADMIN_EMAIL = `sf-admin+${RUN}@example.lt`;
/** Contracts with complete evidence (INV-4), by participant. */
const contracts: Record<string, string> = {};
const certificateNumbers: Record<string, string> = {};
const contractNumbers: Record<string, string> = {};

const target = () => ({ temporal: stack.client, taskQueue: stack.config.temporal.taskQueue, timeoutMs: 20_000 });
const provider = (): ProviderActor => ({
  userId: fx.userId,
  institutionId: fx.institutionId,
  personalCodeHash: fx.personalCodeHash,
  name: 'Testas Testaitis',
  requestId: `test-${RUN}`,
});

async function storedPdf(purpose: 'INVOICE' | 'LEARNING_CONTRACT', label: string): Promise<string> {
  const bytes = pdfBytes(label);
  const file = await stack.db
    .insertInto('stored_files')
    .values({
      institution_id: fx.institutionId,
      purpose,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      size: bytes.length,
      content_type: 'application/pdf',
      original_name: `${label}.pdf`,
      download_name: `${label}.pdf`,
      uploaded_by: fx.userId,
      uploaded_by_personal_code_hash: fx.personalCodeHash,
      content: bytes,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return file.id;
}

/** A participant who completed the group with every piece of evidence and a certificate (INV-4). */
async function certifiedParticipant(firstName: string, lastName: string): Promise<void> {
  const personKey = `sf-${RUN}-${firstName}`;
  const participant = await stack.db
    .insertInto('participants')
    .values({ person_key: personKey, first_name: firstName, last_name: lastName, citizen: true })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = crypto.randomUUID();
  await stack.db
    .insertInto('group_registrations')
    .values({
      id,
      group_id: groupId,
      institution_id: fx.institutionId,
      person_key: personKey,
      first_name: firstName,
      last_name: lastName,
      email: `${firstName.toLowerCase()}+${RUN}@example.lt`,
      phone: null,
      funding: 'IMP_KREPSELIS',
      status: 'REGISTERED',
      participant_id: participant.id,
    })
    .execute();
  const number = `SF${RUN}-${firstName}`;
  const signed = new Date(Date.now() - 20 * 86_400_000);
  await stack.db
    .insertInto('learning_contracts')
    .values({
      id,
      institution_id: fx.institutionId,
      group_id: groupId,
      programme_id: fx.programmeId,
      participant_id: participant.id,
      version: 9,
      phase: 'GALIOJA',
      participant_status: 'PASIRASYTA',
      provider_status: 'PASIRASYTA',
      signing_deadline: signed,
      number,
      document_file_id: await storedPdf('LEARNING_CONTRACT', `sutartis-${firstName}`),
      participant_signed_at: signed,
      provider_signed_at: signed,
      started_at: new Date(Date.now() - 15 * 86_400_000),
      completed_at: new Date(Date.now() - 3 * 86_400_000),
      assessment: 'ISKAITYTA',
      assessment_confirmed_at: new Date(Date.now() - 3 * 86_400_000),
      questionnaire_filled_at: new Date(Date.now() - 2 * 86_400_000),
    })
    .execute();
  const certificate = `KURSUOK-2026-${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`;
  await stack.db
    .insertInto('certificates')
    .values({
      contract_id: id,
      institution_id: fx.institutionId,
      group_id: groupId,
      programme_id: fx.programmeId,
      participant_id: participant.id,
      number: certificate,
      verification_code: `sf${RUN}${firstName}`.padEnd(22, 'x').slice(0, 22),
      data: {} as never,
      file_id: await storedPdf('LEARNING_CONTRACT', `pazymejimas-${firstName}`),
      file_sha256: 'x',
      issued_on: addDays(TODAY, -1),
      generated_at: new Date(),
    })
    .execute();
  contracts[firstName] = id;
  certificateNumbers[firstName] = certificate;
  contractNumbers[firstName] = number;
}

/** I1 as the provider's page sends it: the stored PDF, the ticked participants, one Update. */
async function submit(number: string, names: string[], amountCents: number, extra: { evaluationDueAfterMs?: number } = {}) {
  const invoiceId = crypto.randomUUID();
  const result = await submitInvoice(target(), {
    input: { invoiceId, institutionId: fx.institutionId, groupId, programmeId: fx.programmeId, ...extra },
    command: {
      actor: provider(),
      invoice: {
        number,
        date: TODAY,
        amountCents,
        fileId: await storedPdf('INVOICE', `saskaita-${number}`),
        contractIds: names.map((n) => contracts[n]!),
      },
    },
    idempotencyKey: crypto.randomUUID(),
    describe: { institution: 'SF institucija', group: 'SF grupė' },
  });
  if (!result.ok) throw new Error(`submit ${number}: ${result.message}`);
  return invoiceId;
}

const row = (id: string) => stack.db.selectFrom('invoices').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const evaluate = (path: string, form?: Record<string, string>) => browse(stack.app, jar, path, form ? { form, csrf } : {});

/** Presses a decision button as the page gives it: that form's own key (a button the page lacks: a key of its own). */
async function decide(
  invoiceId: string,
  action: 'TAKE' | 'RETURN' | 'REJECT' | 'TRANSFER',
  fields: Record<string, string> = {},
  offered = true,
) {
  const page = await (await evaluate(`/saskaitu-vertinimas/saskaitos/${invoiceId}`)).text();
  const form = new RegExp(`name="idempotencyKey" value="([^"]+)"/?><input type="hidden" name="action" value="${action}"`).exec(page);
  expect(form !== null, `the page offers ${action}`).toBe(offered);
  const key = form?.[1] ?? crypto.randomUUID();
  return evaluate(`/saskaitu-vertinimas/saskaitos/${invoiceId}`, { idempotencyKey: key, action, ...fields });
}

let first: string;
let second: string;

beforeAll(async () => {
  await mailpit.ensureUp();
  stack = await startStack('invoice-evaluator-http', { simulators: true, env: { KURSUOK_PAYMENT_POLL_MS: '200' } });
  const evaluator = TEST_PEOPLE.gintare;
  await stack.db
    .insertInto('staff_members')
    .values({
      person_key: hashPersonalCode(stack.config.secrets.personalCodePepper, evaluator.personalCode),
      role: 'SF_VERTINTOJAS',
      first_name: evaluator.givenName,
      last_name: evaluator.familyName,
      email: `esfa+${RUN}@example.lt`,
    })
    .onConflict((oc) => oc.columns(['person_key', 'role']).doUpdateSet({ active: true }))
    .execute();
  fx = await createInstitution(stack.db, `SF teikėjas ${RUN}`);
  await stack.db.updateTable('institution_users').set({ email: ADMIN_EMAIL }).where('id', '=', fx.userId).execute();
  [groupId] = (await insertGroupRows(stack.db, {
    institutionId: fx.institutionId,
    programmeId: fx.programmeId,
    venueId: fx.venueId,
    count: 1,
    name: () => `SF grupė ${RUN}`,
    status: () => 'Užbaigta',
    firstStart: addDays(TODAY, -40),
  })) as [string];
  await certifiedParticipant('Ona', 'Onaitytė');
  await certifiedParticipant('Rima', 'Rimaitė');
  await certifiedParticipant('Tadas', 'Tadauskas');
  // The first is due in 10 working days; the second in an hour: the second heads the queue.
  first = await submit(`SF-${RUN}-1`, ['Ona', 'Rima'], 20_000);
  second = await submit(`SF-${RUN}-2`, ['Tadas'], 10_000, { evaluationDueAfterMs: 3_600_000 });
});

afterAll(async () => {
  await stack?.stop();
});

describe('the evaluator’s login and queue (INV-17)', () => {
  it('logs in through VIISP to /saskaitu-vertinimas; a person who is not an evaluator is refused (403)', async () => {
    jar = new Jar();
    const start = jar.take(await stack.app.request(`${ORIGIN}/saskaitu-vertinimas/prisijungti/viisp`));
    expect(start.status).toBe(303);
    const back = await driveViispLogin(start.headers.get('location')!, { personalCode: TEST_PEOPLE.gintare.personalCode });
    const callback = jar.take(await stack.app.request(back, { headers: { Cookie: jar.header() } }));
    expect(callback.headers.get('location')).toBe('/saskaitu-vertinimas');
    const home = await (await evaluate('/saskaitu-vertinimas')).text();
    expect(home).toContain('Vertinamos sąskaitos faktūros');
    expect(home).toContain('Sąskaitų faktūrų vertintojas');
    csrf = /name="_csrf" value="([^"]+)"/.exec(home)![1]!;

    const other = new Jar();
    const otherStart = other.take(await stack.app.request(`${ORIGIN}/saskaitu-vertinimas/prisijungti/viisp`));
    const otherBack = await driveViispLogin(otherStart.headers.get('location')!, { personalCode: TEST_PEOPLE.petras.personalCode });
    const refused = other.take(await stack.app.request(otherBack, { headers: { Cookie: other.header() } }));
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('nesate IMP IS sąskaitų faktūrų vertintojas');
    // The evaluator's session opens no institution's application, nor the document reviewers' pages.
    expect((await evaluate('/vertinimas')).status).toBe(303);
  });

  it('lists the invoices awaiting a decision, the earliest deadline first, with the time left', async () => {
    const html = await (await evaluate('/saskaitu-vertinimas')).text();
    const a = html.indexOf(`SF-${RUN}-1`);
    const b = html.indexOf(`SF-${RUN}-2`);
    expect(a).toBeGreaterThan(-1);
    expect(b).toBeGreaterThan(-1);
    expect(b).toBeLessThan(a);
    expect(html).toMatch(/iki \d{4}-\d{2}-\d{2} \d{2}:\d{2} \(liko (59 minutės|\d+ minutės?|mažiau)/);
    expect(html).toMatch(/liko \d+ dien/);
    expect(html).toContain('200,00 Eur');
    expect(html).toContain(`SF grupė ${RUN}`);
  });
});

describe('one invoice: the PDF, the evidence, the decisions (L8 I3, I4, I5, I8, I9)', () => {
  it('shows the PDF inline, each participant’s evidence and signed contract, and only "Vertinti" while "Pateikta"', async () => {
    const res = await evaluate(`/saskaitu-vertinimas/saskaitos/${first}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`<iframe src="/saskaitu-vertinimas/saskaitos/${first}/failas"`);
    for (const name of ['Ona', 'Rima']) {
      expect(html).toContain(certificateNumbers[name]);
      expect(html).toContain(`/saskaitu-vertinimas/saskaitos/${first}/sutartys/${contracts[name]}`);
      expect(html).toContain(contractNumbers[name]);
    }
    expect(html).not.toContain(certificateNumbers.Tadas);
    expect(html).toContain('Įskaityta');
    expect(html).toContain('Neatitikimų nerasta.');
    expect(html).toContain('>Vertinti</button>');
    expect(html).not.toContain('Perduoti apmokėti</button>');

    const pdf = await evaluate(`/saskaitu-vertinimas/saskaitos/${first}/failas`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toMatch(/^inline/);
    // Framed by the evaluator's own page only; every other page is never framed.
    expect(pdf.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    expect((await evaluate(`/saskaitu-vertinimas/saskaitos/${first}`)).headers.get('content-security-policy')).toContain(
      "frame-ancestors 'none'",
    );
    const contract = await evaluate(`/saskaitu-vertinimas/saskaitos/${first}/sutartys/${contracts.Ona}`);
    expect(contract.status).toBe(200);
    expect(contract.headers.get('content-type')).toBe('application/pdf');
    // A contract not on this invoice: not found.
    expect((await evaluate(`/saskaitu-vertinimas/saskaitos/${first}/sutartys/${contracts.Tadas}`)).status).toBe(404);
    expect((await evaluate(`/saskaitu-vertinimas/saskaitos/${crypto.randomUUID()}`)).status).toBe(404);
  });

  it('refuses a decision before "Vertinti" (409), then takes it: "Vertinama", with the evaluator’s name (I3)', async () => {
    const early = await decide(first, 'RETURN', { comment: 'Per anksti' }, false);
    expect(early.status).toBe(409);
    expect(await early.text()).toContain('Sprendimą priimti galima tik vertinamai sąskaitai faktūrai („Vertinama“); dabar – „Pateikta“.');
    expect((await row(first)).status).toBe(InvoiceStatus.Submitted);

    const taken = await decide(first, 'TAKE');
    expect(taken.status).toBe(303);
    expect(taken.headers.get('location')).toBe(`/saskaitu-vertinimas/saskaitos/${first}?pranesimas=vertinama`);
    const r = await row(first);
    expect(r).toMatchObject({ status: InvoiceStatus.UnderEvaluation, evaluator_name: 'Gintarė Vaičiulienė' });
    const html = await (await evaluate(taken.headers.get('location')!)).text();
    expect(html).toContain('Sąskaita faktūra vertinama');
    for (const button of ['Perduoti apmokėti</button>', 'Grąžinti papildymui', 'Atmesti']) expect(html).toContain(button);
    // "Vertinti" again: the clear message, nothing changed.
    const again = await evaluate(`/saskaitu-vertinimas/saskaitos/${first}`, { idempotencyKey: crypto.randomUUID(), action: 'TAKE' });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('Sąskaita faktūra jau vertinama.');
    expect((await row(first)).version).toBe(r.version);
  });

  it('refuses a return without a comment and a rejection without a reason (422), keeping what was typed', async () => {
    const before = await row(first);
    const noComment = await decide(first, 'RETURN', { comment: '   ' });
    expect(noComment.status).toBe(422);
    expect(await noComment.text()).toContain('Grąžinant sąskaitą faktūrą papildymui, komentaras privalomas.');
    const noReason = await decide(first, 'REJECT', { reason: '', comment: 'Lieka' });
    expect(noReason.status).toBe(422);
    const html = await noReason.text();
    expect(html).toContain('Atmetant sąskaitą faktūrą, nurodykite priežastį.');
    expect(html).toContain('Lieka');
    expect(await row(first)).toMatchObject({ status: InvoiceStatus.UnderEvaluation, version: before.version });
  });

  it('returns it with a comment: the provider is e-mailed the comment (I4, INV-20, N17); a second decision is refused', async () => {
    const comment = `Trūksta dalyvių parašų ${RUN}`;
    const returned = await decide(first, 'RETURN', { comment });
    expect(returned.status).toBe(303);
    expect(await row(first)).toMatchObject({ status: InvoiceStatus.Returned, evaluator_comment: comment });
    const mail = await mailpit.waitForMessage(
      (m) => m.Subject.includes('Grąžinta papildymui'),
      15_000,
      mailpitQuery({ to: ADMIN_EMAIL, subject: `SF-${RUN}-1` }),
    );
    expect((await mailpit.message(mail.ID)).Text).toContain(comment);

    const another = await evaluate(`/saskaitu-vertinimas/saskaitos/${first}`, { idempotencyKey: crypto.randomUUID(), action: 'TRANSFER' });
    expect(another.status).toBe(409);
    expect(await another.text()).toContain('Sprendimas dėl sąskaitos faktūros jau priimtas: „Grąžinta papildymui“.');
    expect((await row(first)).status).toBe(InvoiceStatus.Returned);
  });

  it('after the provider’s resubmission, passes it for payment: the order reaches the payment system, then "Apmokėta" (I5, I8, I9)', async () => {
    const resubmitted = await resubmitInvoice(target(), {
      invoiceId: first,
      idempotencyKey: crypto.randomUUID(),
      command: {
        actor: provider(),
        invoice: {
          number: `SF-${RUN}-1`,
          date: TODAY,
          amountCents: 20_000,
          fileId: await storedPdf('INVOICE', `pataisyta-${RUN}`),
          contractIds: [contracts.Ona!, contracts.Rima!],
        },
      },
    });
    expect(resubmitted.ok).toBe(true);
    expect((await row(first)).status).toBe(InvoiceStatus.Submitted);
    expect((await decide(first, 'TAKE')).status).toBe(303);
    const transferred = await decide(first, 'TRANSFER');
    expect(transferred.status).toBe(303);
    expect((await row(first)).status).toBe(InvoiceStatus.ForwardedForPayment);

    const sim = stack.registries!;
    const order = await waitFor('the payment order', async () => sim.paymentOrder(first));
    expect(order).toMatchObject({ invoiceNumber: `SF-${RUN}-1`, amount: '200.00', status: 'REGISTERED' });
    const institution = await stack.db
      .selectFrom('institutions')
      .select('code')
      .where('id', '=', fx.institutionId)
      .executeTakeFirstOrThrow();
    expect(order.institutionCode).toBe(institution.code);
    const stored = await waitFor('the order on the invoice', async () => (await row(first)).payment_order_id);
    expect(stored).toBe(order.id);
    const home = await (await evaluate('/saskaitu-vertinimas')).text();
    expect(home.slice(home.indexOf('Perduotos apmokėti'))).toContain(order.id);

    // The payment system pays it: the workflow's poll (every 200 ms here) finds it paid.
    sim.payOrder(first);
    const paid = await waitFor('"Apmokėta"', async () => {
      const r = await row(first);
      return r.status === InvoiceStatus.Paid ? r : null;
    });
    expect(paid.paid_at).not.toBeNull();
    expect(sim.paymentOrders().filter((o) => o.invoiceId === first)).toHaveLength(1);
    for (const status of ['Perduota apmokėti', 'Apmokėta'])
      await mailpit.waitForMessage((m) => m.Subject.endsWith(status), 15_000, mailpitQuery({ to: ADMIN_EMAIL, subject: `SF-${RUN}-1` }));
    const page = await (await evaluate(`/saskaitu-vertinimas/saskaitos/${first}`)).text();
    expect(page).toContain(order.id);
    expect(page).not.toContain('Perduoti apmokėti</button>');
  });
});

describe('rejection (I7, INV-19)', () => {
  it('rejects with a reason: final, the participants freed, the provider e-mailed the reason', async () => {
    expect((await decide(second, 'TAKE')).status).toBe(303);
    const reason = `Programa neatitinka ${RUN}`;
    const rejected = await decide(second, 'REJECT', { reason });
    expect(rejected.status).toBe(303);
    expect(await row(second)).toMatchObject({ status: InvoiceStatus.Rejected, rejection_reason: reason });
    const held = await stack.db.selectFrom('invoice_participants').select('active').where('invoice_id', '=', second).execute();
    expect(held.map((h) => h.active)).toEqual([false]);
    const mail = await mailpit.waitForMessage(
      (m) => m.Subject.endsWith('Atmesta'),
      15_000,
      mailpitQuery({ to: ADMIN_EMAIL, subject: `SF-${RUN}-2` }),
    );
    expect((await mailpit.message(mail.ID)).Text).toContain(reason);
    const again = await evaluate(`/saskaitu-vertinimas/saskaitos/${second}`, { idempotencyKey: crypto.randomUUID(), action: 'TRANSFER' });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('Sąskaita faktūra atmesta: šis sprendimas galutinis.');
    // No longer in the queue.
    expect(await (await evaluate('/saskaitu-vertinimas')).text()).not.toContain(`SF-${RUN}-2`);
  });
});
