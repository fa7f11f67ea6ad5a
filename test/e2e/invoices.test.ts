// Issue 14 across roles, in a real browser: the money path and the UŽT settlement document. A group
// "Užbaigta" has two certified IMP-basket participants ("Skirta", INV-4). The provider finds it with
// "Nepateikta" in "Sąskaitos faktūros" (INV-1, INV-2, INV-15), ticks both, reads the reconciliation,
// uploads the PDF and submits — "Pateikta" (I1; INV-3..INV-12). The evaluator logs in through VIISP,
// takes it from the queue ("Vertinti", I3) and returns it with a comment (I4, INV-18), which the
// provider is e-mailed (N17) and reads; she uploads a corrected PDF and resubmits (I5). The evaluator
// takes it again and passes it for payment (I8); the payment system simulator pays the order and the
// provider's window shows "Apmokėta" (I9, INV-20, N17). Last, an approved UŽT client of the same
// institution gets a month's ADOC settlement document, delivered to the UŽT simulator (UZTDOC-1..UZTDOC-7).
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Coupon } from '../../activities/registries/uzt.ts';
import { hashPersonalCode } from '../../worker/crypto.ts';
import { addDays, vilniusDate } from '../../workflows/domain/calendar.ts';
import { formatAmount } from '../../workflows/domain/invoice.ts';
import { expectedPeriod, type SettlementTerms } from '../../workflows/domain/uzt-settlement.ts';
import { registryFixtures } from '../sim/registries/fixtures.ts';
import { TEST_PEOPLE } from '../sim/viisp/people.ts';
import { freePort, launchBrowser, rolePages, serveApp, type RolePages, type ServedApp } from '../support/browser.ts';
import type { InstitutionFixture } from '../support/fixtures.ts';
import { insertGroupRows } from '../support/group-rows.ts';
import { appCaller } from '../support/http.ts';
import { certifiedParticipant, type CertifiedParticipant } from '../support/invoices.ts';
import { mailpit, mailpitQuery } from '../support/mailpit.ts';
import { deadlinesIn, groupInfo, insertParticipant, publishedGroup, registerThroughWorkflow } from '../support/participants.ts';
import { pdfBytes } from '../support/pdf.ts';
import { adminSession, personSessionFor } from '../support/session.ts';
import { startStack, type TestStack } from '../support/stack.ts';
import { approveBody, uztInstitution, UZT_GROUP } from '../support/uzt.ts';
import { eventually } from '../support/wait.ts';
import { sampleAdoc } from '../support/zip.ts';

/** People of this test only (the other e2e files run at the same time against one database). */
const ADMIN = TEST_PEOPLE.laima;
const EVALUATOR = TEST_PEOPLE.saulius;
const OFFICER = TEST_PEOPLE.renata;
const RUN = crypto.randomUUID().slice(0, 8);
const GROUP_NAME = `Sąskaitų grupė ${RUN}`;
const INVOICE_NUMBER = `SF-${RUN}`;
const INVOICE_PDF = fileURLToPath(new URL('../fixtures/files/diplomas.pdf', import.meta.url));
const YESTERDAY = addDays(vilniusDate(new Date()), -1);

let stack: TestStack;
let served: ServedApp;
let browser: Browser;
let roles: RolePages;
let fx: InstitutionFixture;
let groupId: string;
let adminEmail: string;
let certified: [CertifiedParticipant, CertifiedParticipant];
/** The UŽT client: her registration, her name as the pages show it, her coupon's settlement terms. */
let client: { registrationId: string; name: string; terms: SettlementTerms };

const hash = (code: string) => hashPersonalCode(stack.config.secrets.personalCodePepper, code);
const invoiceRow = () =>
  stack.db
    .selectFrom('invoices')
    .selectAll()
    .where('group_id', '=', groupId)
    .where('number', '=', INVOICE_NUMBER)
    .executeTakeFirstOrThrow();
const couponRow = (id: string) => stack.db.selectFrom('uzt_coupons').selectAll().where('registration_id', '=', id).executeTakeFirst();

/** A VIISP login through the simulator's page: the person's button. */
async function viispAs(page: Page, personalCode: string) {
  await page.locator(`button[data-person="${personalCode}"]`).click();
}

/** N17 to the provider's administrator: the invoice's status in the subject. */
function n17(status: string) {
  return mailpit.waitForMessage(
    (m) => m.Subject.endsWith(status),
    30_000,
    mailpitQuery({ to: adminEmail, subject: `Sąskaitos faktūros ${INVOICE_NUMBER} būsena` }),
  );
}

/** The evaluator's queue is everybody's: its pages ("Kitas") are walked until the invoice's link shows. */
async function openFromQueue(evaluator: Page, base: string) {
  await evaluator.goto(`${base}/saskaitu-vertinimas`);
  await evaluator.getByRole('heading', { level: 1, name: 'Vertinamos sąskaitos faktūros' }).waitFor();
  for (;;) {
    const link = evaluator.getByRole('link', { name: INVOICE_NUMBER, exact: true });
    if ((await link.count()) > 0) {
      await link.first().click();
      break;
    }
    await evaluator.getByRole('navigation', { name: 'Puslapiai' }).getByRole('link', { name: 'Kitas' }).click();
  }
  await evaluator.getByRole('heading', { level: 1, name: `Sąskaita faktūra ${INVOICE_NUMBER}` }).waitFor();
}

/** An evaluator's decision button, pressed once the page has loaded, the invoice PDF in its frame included (as the evaluator reads it first). */
async function press(evaluator: Page, button: string) {
  await evaluator.waitForLoadState('load');
  await evaluator.getByRole('button', { name: button, exact: true }).click();
}

/** An approved UŽT client of the institution, as uzt-documents-http.test.ts makes one (set-up, not the pages under test). */
async function approvedUztClient(employerId: string) {
  const admin = await adminSession(stack.db, fx);
  const call = appCaller(stack.app);
  const officerKey = hash(OFFICER.personalCode);
  await stack.db
    .insertInto('staff_members')
    .values({
      person_key: officerKey,
      role: 'UZT',
      first_name: OFFICER.givenName,
      last_name: OFFICER.familyName,
      email: 'renata@uzt.example.lt',
    })
    .onConflict((oc) => oc.columns(['person_key', 'role']).doNothing())
    .execute();
  const officerId = (
    await stack.db
      .selectFrom('staff_members')
      .select('id')
      .where('person_key', '=', officerKey)
      .where('role', '=', 'UZT')
      .executeTakeFirstOrThrow()
  ).id;
  const officer = await personSessionFor(stack.db, {
    audience: 'UZT',
    personKey: officerKey,
    staffMemberId: officerId,
    names: [OFFICER.givenName, OFFICER.familyName],
  });
  const coupon: Coupon = [...registryFixtures().coupons.values()].filter(
    (c) => c.status === 'ISSUED' && c.personalCode !== TEST_PEOPLE.ieva.personalCode,
  )[9]!;
  const s = { client: stack.client, db: stack.db, taskQueue: stack.config.temporal.taskQueue };
  const { groupId: uztGroupId, handle } = await publishedGroup(s, fx, deadlinesIn(3, 600), groupInfo(fx, UZT_GROUP));
  const p = await insertParticipant(stack.db, { firstName: coupon.givenName, personKey: hash(coupon.personalCode) });
  const registrationId = await registerThroughWorkflow(stack.db, handle, p, 'UZT', { number: coupon.number });
  await eventually(
    () => couponRow(registrationId),
    (r) => r?.status === 'I_SKYRIUS',
  );
  const approved = await call(`/grupes/${uztGroupId}/dalyviai/${registrationId}/sprendimas`, {
    as: admin,
    htmx: true,
    body: approveBody(employerId),
  });
  expect(approved.status).toBe(200);
  await eventually(
    () => couponRow(registrationId),
    (r) => r?.status === 'LAUKIA_UZT',
  );
  const decided = await call(`/uzt/kuponai/${registrationId}`, {
    as: officer,
    body: { idempotencyKey: crypto.randomUUID(), decision: 'APPROVED' },
  });
  expect(decided.status).toBe(303);
  const row = await eventually(
    () => couponRow(registrationId),
    (r) => r?.status === 'PATVIRTINTAS',
  );
  const section2 = row!.section2 as { startDate: string; endDate: string };
  return {
    registrationId,
    name: `${p.firstName} Dalyvaitė`,
    terms: { frequency: 'KAS_MENESI', measureStart: section2.startDate, measureEnd: section2.endDate } satisfies SettlementTerms,
  };
}

beforeAll(async () => {
  await mailpit.ensureUp();
  const port = await freePort();
  stack = await startStack('e2e-invoices', {
    simulators: true,
    publicUrl: `http://127.0.0.1:${port}`,
    // The invoice workflow asks the payment system every 200 ms (a minute in production).
    env: { KURSUOK_PAYMENT_POLL_MS: '200' },
  });
  const uzt = await uztInstitution(stack.db, 'Sąskaitų kelio institucija');
  fx = uzt.fx;
  client = await approvedUztClient(uzt.employerId);

  // The provider's administrator: Laima, who has agreed to the privacy policy before.
  adminEmail = `laima+${RUN}@example.lt`;
  await stack.db
    .updateTable('institution_users')
    .set({ personal_code_hash: hash(ADMIN.personalCode), first_name: ADMIN.givenName, last_name: ADMIN.familyName, email: adminEmail })
    .where('id', '=', fx.userId)
    .execute();
  await stack.db
    .insertInto('consents')
    .values({ personal_code_hash: hash(ADMIN.personalCode), policy_version: stack.config.privacyPolicyVersion, context: 'TESTAS' })
    .execute();
  // The funder's invoice evaluator (INV-17).
  await stack.db
    .insertInto('staff_members')
    .values({
      person_key: hash(EVALUATOR.personalCode),
      role: 'SF_VERTINTOJAS',
      first_name: EVALUATOR.givenName,
      last_name: EVALUATOR.familyName,
      email: `esfa+${RUN}@example.lt`,
    })
    .onConflict((oc) => oc.columns(['person_key', 'role']).doUpdateSet({ active: true }))
    .execute();

  // A finished group with two certified IMP-basket participants (INV-4).
  [groupId] = (await insertGroupRows(stack.db, {
    institutionId: fx.institutionId,
    programmeId: fx.programmeId,
    venueId: fx.venueId,
    count: 1,
    name: () => GROUP_NAME,
    status: () => 'Užbaigta',
    firstStart: addDays(vilniusDate(new Date()), -60),
  })) as [string];
  const where = { institutionId: fx.institutionId, programmeId: fx.programmeId, groupId };
  certified = [
    await certifiedParticipant(stack.db, where, { firstName: 'Vilija', lastName: `Baigusi${RUN}` }),
    await certifiedParticipant(stack.db, where, { firstName: 'Tomas', lastName: `Baigęs${RUN}` }),
  ];
  served = await serveApp(stack.app, port);
  browser = await launchBrowser();
  roles = rolePages(browser);
}, 180_000);

afterAll(async () => {
  await roles?.close();
  await browser?.close();
  await served?.close();
  await stack?.stop();
});

describe('invoices from certificate to "Apmokėta", and a UŽT settlement document, across roles (issue 14)', () => {
  it('submitted, returned with a comment, resubmitted, passed for payment and paid; an ADOC delivered to UŽT', async () => {
    const base = served.baseUrl;
    const [vilija, tomas] = certified;
    const price = (await stack.db.selectFrom('training_groups').select('price').where('id', '=', groupId).executeTakeFirstOrThrow()).price;
    const expectedTotal = `${formatAmount(Math.round(Number(price) * 100) * 2)} Eur`;

    // ---- The provider: "Sąskaitos faktūros" → "Nepateikta" → the group (INV-1, INV-2, INV-15) ----
    const provider = await roles.open();
    await provider.goto(`${base}/`);
    await provider.waitForURL(`${base}/prisijungti`);
    await provider.getByRole('button', { name: 'Fiziniam asmeniui' }).click();
    await viispAs(provider, ADMIN.personalCode);
    await provider.waitForURL((u) => u.origin === base && !u.pathname.startsWith('/prisijungti'));
    await provider.getByRole('navigation', { name: 'Aplikacijų sąrašas' }).getByRole('link', { name: 'Sąskaitos faktūros' }).click();
    await provider.getByRole('heading', { level: 1, name: 'Sąskaitos faktūros' }).waitFor();
    await provider.getByLabel('Sąskaitos faktūros būsena').selectOption({ label: 'Nepateikta' });
    await provider.getByRole('button', { name: 'Filtruoti' }).click();
    await provider.waitForURL((u) => u.searchParams.get('busena') === 'Nepateikta');
    const listed = provider.getByRole('row').filter({ has: provider.getByRole('link', { name: GROUP_NAME, exact: true }) });
    await listed.getByText('Nepateikta').waitFor();
    await listed.getByRole('link', { name: GROUP_NAME, exact: true }).click();
    await provider.getByRole('heading', { level: 1, name: `Sąskaitos faktūros pateikimas – ${GROUP_NAME}` }).waitFor();

    // "Mokymo dalyviai": both "Skirta"; ticking both shows "Nauja sąskaita faktūra" with them (INV-3..INV-6).
    const participants = provider.getByRole('region', { name: 'Mokymo dalyviai', exact: true });
    for (const p of certified) {
      const row = participants.getByRole('row').filter({ has: provider.getByRole('rowheader', { name: p.name }) });
      await row.getByRole('cell', { name: 'Skirta' }).waitFor();
      await row.getByRole('cell', { name: p.certificateNumber }).waitFor();
    }
    const newInvoice = provider.getByRole('region', { name: 'Nauja sąskaita faktūra', exact: true });
    await newInvoice.getByText('Pažymėkite mokymo dalyvius', { exact: false }).waitFor();
    await participants.getByRole('checkbox', { name: `Pažymėti: ${vilija.name}` }).check();
    await newInvoice.getByRole('listitem').filter({ hasText: vilija.name }).waitFor();
    await participants.getByRole('checkbox', { name: `Pažymėti: ${tomas.name}` }).check();
    await newInvoice.getByRole('listitem').filter({ hasText: tomas.name }).waitFor();
    expect(await newInvoice.getByRole('list').first().getByRole('listitem').allTextContents()).toEqual([vilija.name, tomas.name]);

    // The reconciliation: each certificate, the price, the expected total (issue 14).
    const reconciliation = newInvoice.getByRole('region', { name: 'Ką tikrins vertintojas' });
    await reconciliation.getByRole('row').filter({ hasText: 'Tikėtina suma' }).getByText(expectedTotal, { exact: true }).waitFor();
    for (const p of certified)
      await reconciliation.getByRole('row').filter({ hasText: p.name }).getByRole('cell', { name: p.certificateNumber }).waitFor();

    // The PDF, number, date and amount; "Pateikti sąskaitą faktūrą" → "Pateikta" (I1, INV-7..INV-12).
    await newInvoice.getByLabel('Sąskaitos faktūros numeris').fill(INVOICE_NUMBER);
    await newInvoice.getByLabel('Sąskaitos faktūros data').fill(YESTERDAY);
    await newInvoice.getByLabel('Suma, Eur').fill(expectedTotal.replace(' Eur', ''));
    await reconciliation.getByText(`(įvesta: ${expectedTotal})`).waitFor();
    await reconciliation.getByText('Neatitikimų nerasta.').waitFor();
    await newInvoice.getByLabel('Pasirinkite dokumentą').setInputFiles(INVOICE_PDF);
    await newInvoice.getByRole('button', { name: 'Pateikti sąskaitą faktūrą' }).click();
    await provider.getByText('Sąskaita faktūra pateikta.').waitFor({ timeout: 30_000 });
    const invoices = provider.getByRole('region', { name: 'Sąskaitos faktūros', exact: true });
    const invoiceLine = invoices.getByRole('row').filter({ has: provider.getByRole('link', { name: INVOICE_NUMBER, exact: true }) });
    await invoiceLine.getByText('Pateikta', { exact: true }).waitFor();
    await invoiceLine.getByText('Vertinimo terminas', { exact: false }).waitFor();
    // Both are on it now: no longer tickable.
    expect(await participants.getByRole('checkbox').count()).toBe(0);
    const submitted = await invoiceRow();
    expect(submitted).toMatchObject({ status: 'Pateikta', amount: (Number(price) * 2).toFixed(2), invoice_date: YESTERDAY });
    const invoiceId = submitted.id;

    // ---- The evaluator: VIISP → the queue → the invoice → "Vertinti" → "Grąžinti papildymui" (I3, I4) ----
    const evaluator = await roles.open();
    await evaluator.goto(`${base}/saskaitu-vertinimas/prisijungti`);
    await evaluator.getByRole('button', { name: 'Fiziniam asmeniui' }).click();
    await viispAs(evaluator, EVALUATOR.personalCode);
    await evaluator.waitForURL((u) => u.origin === base && u.pathname === '/saskaitu-vertinimas');
    await openFromQueue(evaluator, base);
    // The invoice's PDF inline, and the participants' evidence as the funder checks it (INV-17).
    await evaluator.getByTitle(`Sąskaitos faktūros ${INVOICE_NUMBER} dokumentas (PDF)`).waitFor();
    const evidence = evaluator.getByRole('region', { name: 'Mokymo dalyviai', exact: true });
    for (const p of certified)
      await evidence.getByRole('row').filter({ hasText: p.name }).getByRole('cell', { name: p.certificateNumber }).waitFor();
    await press(evaluator, 'Vertinti');
    await evaluator.getByText('Sąskaita faktūra vertinama', { exact: false }).first().waitFor();
    const comment = `Sąskaitoje faktūroje nenurodytas sutarties numeris ${RUN}.`;
    await evaluator.getByLabel('Komentaras teikėjui (privalomas)').fill(comment);
    await press(evaluator, 'Grąžinti papildymui');
    await evaluator.getByRole('definition').filter({ hasText: 'Grąžinta papildymui' }).waitFor();
    expect((await invoiceRow()).status).toBe('Grąžinta papildymui');
    // N17 (INV-20): the provider is e-mailed the comment.
    const returnedMail = await n17('Grąžinta papildymui');
    expect((await mailpit.message(returnedMail.ID)).Text).toContain(comment);

    // ---- The provider reads the comment and resubmits a corrected PDF (I5, INV-18) ----
    await provider.reload();
    await invoiceLine.getByText('Grąžinta papildymui', { exact: true }).waitFor();
    await invoiceLine.getByRole('link', { name: INVOICE_NUMBER, exact: true }).click();
    await provider.getByRole('heading', { level: 1, name: `Sąskaita faktūra ${INVOICE_NUMBER}` }).waitFor();
    await provider.getByRole('definition').filter({ hasText: comment }).waitFor();
    const corrected = provider.getByRole('region', { name: 'Pataisyta sąskaita faktūra' });
    const kept = corrected.getByRole('group', { name: 'Mokymo dalyviai' });
    for (const p of certified) expect(await kept.getByRole('checkbox', { name: p.name }).isChecked()).toBe(true);
    await corrected.getByLabel('Sąskaitos faktūros numeris').fill(INVOICE_NUMBER);
    await corrected.getByLabel('Sąskaitos faktūros data').fill(YESTERDAY);
    await corrected.getByLabel('Suma, Eur').fill(expectedTotal.replace(' Eur', ''));
    await corrected.getByLabel('Pasirinkite dokumentą').setInputFiles({
      name: 'saskaita-pataisyta.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(pdfBytes(`Pataisyta saskaita faktura ${INVOICE_NUMBER}, sutartys ${RUN}`)),
    });
    await corrected.getByRole('button', { name: 'Pateikti pataisytą sąskaitą faktūrą' }).click();
    await provider.getByText('Pataisyta sąskaita faktūra pateikta.').waitFor({ timeout: 30_000 });
    await provider
      .getByRole('definition')
      .filter({ hasText: /^Pateikta$/ })
      .waitFor();
    const resubmitted = await invoiceRow();
    expect(resubmitted.status).toBe('Pateikta');
    expect(resubmitted.file_id).not.toBe(submitted.file_id);

    // ---- The evaluator takes it again and passes it for payment (I3, I8) ----
    await openFromQueue(evaluator, base);
    await press(evaluator, 'Vertinti');
    await press(evaluator, 'Perduoti apmokėti');
    await evaluator
      .getByRole('definition')
      .filter({ hasText: /^Perduota apmokėti$/ })
      .waitFor();
    expect(await evaluator.getByRole('button', { name: 'Perduoti apmokėti' }).count()).toBe(0);

    // The payment order reaches the payment system simulator, which pays it (its test control) (I9).
    const sim = stack.registries!;
    const order = await eventually(
      async () => sim.paymentOrder(invoiceId),
      (o) => o !== null,
      30_000,
    );
    expect(order).toMatchObject({ invoiceNumber: INVOICE_NUMBER, amount: (Number(price) * 2).toFixed(2), status: 'REGISTERED' });
    sim.payOrder(invoiceId);

    // The provider's window shows "Apmokėta".
    await expect
      .poll(
        async () => {
          await provider.reload();
          return provider
            .getByRole('definition')
            .filter({ hasText: /^Apmokėta$/ })
            .count();
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBe(1);
    await provider
      .getByRole('term')
      .filter({ hasText: /^Apmokėta$/ })
      .waitFor();
    expect(sim.paymentOrders().filter((o) => o.invoiceId === invoiceId)).toHaveLength(1);
    // N17: "Perduota apmokėti" and "Apmokėta" e-mailed.
    await n17('Perduota apmokėti');
    await n17('Apmokėta');
    // The evaluator sees the order and the payment on the invoice.
    await evaluator.reload();
    await evaluator.getByRole('definition').filter({ hasText: order!.id }).waitFor();
    await evaluator
      .getByRole('term')
      .filter({ hasText: /^Apmokėta$/ })
      .waitFor();

    // ---- UŽT: "Dokumentų pateikimas užimtumo tarnybai" → the client → a month's ADOC (UZTDOC-1..UZTDOC-7) ----
    const month = expectedPeriod(client.terms, client.terms.measureStart);
    await provider
      .getByRole('navigation', { name: 'Aplikacijų sąrašas' })
      .getByRole('link', { name: 'Dokumentų pateikimas užimtumo tarnybai' })
      .click();
    await provider.getByRole('heading', { level: 1, name: 'Dokumentų pateikimas užimtumo tarnybai' }).waitFor();
    await provider.getByRole('link', { name: client.name, exact: true }).click();
    await provider.getByRole('heading', { level: 1, name: 'Užimtumo tarnybos mokymo dalyvio dokumentų pateikimo langas' }).waitFor();
    await provider.getByText('Dokumentų dar nepateikta.').waitFor();
    await provider.getByLabel('Dokumento tipas').selectOption({ label: 'Lankomumo žiniaraštis' });
    await provider.getByLabel('Atsiskaitymo laikotarpis nuo').fill(month.from);
    await provider.getByLabel('Atsiskaitymo laikotarpis iki').fill(month.to);
    const adoc = sampleAdoc();
    await provider
      .getByLabel('Dokumentas (adoc formatu)')
      .setInputFiles({ name: 'lankomumas.adoc', mimeType: 'application/vnd.lt.archyvai.adoc-2008', buffer: Buffer.from(adoc) });
    await provider.getByRole('button', { name: 'Pateikti', exact: true }).click();
    await provider.getByText('Dokumentas pateiktas ir siunčiamas Užimtumo tarnybai.').waitFor({ timeout: 30_000 });
    // The submissions list: date, type, period, the file, who, and — once the workflow delivered it — "Pristatyta".
    await expect
      .poll(
        async () => {
          await provider.reload();
          return provider.locator('#pateikti-dokumentai tbody tr').first().locator('.status-badge').textContent();
        },
        { timeout: 60_000, interval: 500 },
      )
      .toBe('Pristatyta Užimtumo tarnybai');
    const submission = provider.locator('#pateikti-dokumentai tbody tr').first();
    await submission.getByRole('cell', { name: 'Lankomumo žiniaraštis' }).waitFor();
    await submission.getByRole('link', { name: 'lankomumas.adoc' }).waitFor();
    await submission.getByRole('cell', { name: `${ADMIN.givenName} ${ADMIN.familyName}` }).waitFor();
    const received = sim.settlementDocuments().filter((d) => d.fileName === 'lankomumas.adoc' && d.periodFrom === month.from);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ documentType: 'LANKOMUMO_ZINIARASTIS', periodTo: month.to, size: adoc.byteLength });
    const stored = await stack.db
      .selectFrom('uzt_settlement_documents')
      .select(['delivery_status', 'uzt_receipt'])
      .where('registration_id', '=', client.registrationId)
      .execute();
    expect(stored).toEqual([{ delivery_status: 'PRISTATYTA', uzt_receipt: received[0]!.receipt }]);

    for (const w of roles.watches) await w.flush();
    for (const list of roles.problems) expect(list).toEqual([]);
  }, 240_000);
});
