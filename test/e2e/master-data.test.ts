// Issue 4 end to end, in a real browser: an administrator fills the four master-data applications in
// the order the manual recommends (§3, APP-15: "Institucijos informacija" → "Lektorių sąrašas" →
// "Mokymo vietos" → "Darbdavio atstovai"), and then finds what was entered offered in the drop-downs
// that need it (APP-16): both venues in the group form's "Mokymo vieta" (VENUE-3), the active
// employer, and only it, in the user window's "Pasirinkite darbdavio įstaigą" (USERS-23, USERS-24,
// EMPL-5). Along the way: INST-2..INST-5, INST-10, INST-11, NUM-1, NUM-2, NUM-4, LECT-1, LECT-3..LECT-8,
// LECT-10, GEN-12 (the uploaded document downloads as an attachment), VENUE-1, VENUE-2, VENUE-4,
// VENUE-6, EMPL-1, EMPL-3, EMPL-4, and an audit row for every change.
import { mkdirSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, vilniusDate } from '../../workflows/domain/calendar.ts';
import { hashPersonalCode } from '../../worker/crypto.ts';
import { TEST_PEOPLE } from '../sim/viisp/people.ts';
import type { AccessibilityWatch } from '../support/axe.ts';
import { freePort, launchBrowser, serveApp, watchContext, type ServedApp } from '../support/browser.ts';
import { ROOT } from '../support/env.ts';
import { createInstitution, type InstitutionFixture } from '../support/fixtures.ts';
import { startStack, type TestStack } from '../support/stack.ts';
import { ADMINISTRATOR_MENU } from '../support/menus.ts';

const SCREENSHOTS = `${ROOT}.data/test/screenshots`;
const DIPLOMA = `${ROOT}test/fixtures/files/diplomas.pdf`;
// This file's administrator, who logs in "Fiziniam asmeniui". Every VIISP test person is used by
// some test; Vytautas Kairys is the one no other test logs in to the app as: he appears only in the
// simulator's own tests (viisp-sim) and as the stranger whom invitation-http refuses on someone
// else's invitation link, which depends on neither his memberships nor his consent. (Olena, a free
// teacher in auth-http, would not do: consent is per person, and auth-http expects her first login
// to ask for it.) So in a shared test database this file's institution is his only membership and
// the login lands on the application list.
const ADMIN = TEST_PEOPLE.demoHead;
const ADMIN_NAME = `${ADMIN.givenName} ${ADMIN.familyName}`;

// What the administrator enters.
const INFO = {
  description: 'Profesinio tobulinimo kursai suaugusiesiems:\nsuvirinimas, apskaita ir skaitmeniniai įgūdžiai.',
  firstName: 'Gintarė',
  lastName: 'Paulauskienė',
  position: 'Mokymo skyriaus vedėja',
  phone: '+370 612 34567',
  email: 'gintare.paulauskiene@example.lt',
  iban: 'LT12 1000 0111 0100 1000',
  bankName: 'AB „Testo bankas“',
};
const LECTURER = { firstName: 'Rimantas', lastName: 'Žukauskas', email: 'rimantas.zukauskas@example.lt', phone: '+370 698 76543' };
const LECTURER_NAME = `${LECTURER.firstName} ${LECTURER.lastName}`;
const VENUE = {
  name: 'Mokymo centras, 101 auditorija',
  municipality: 'Kauno miesto savivaldybė',
  city: 'Kaunas',
  street: 'Laisvės al.',
  building: '53',
  postalCode: '44309',
};
const VENUE_ADDRESS = 'Laisvės al. 53, LT-44309 Kaunas, Kauno miesto savivaldybė';
/** The registered office address in the institution's ŠMIR record, as ŠMIR gives it (one line). */
const SEAT_LINE = 'Vilniaus g. 5, LT-01402 Vilnius';
const SEAT_ADDRESS = 'Vilniaus g. 5, LT-01402 Vilnius, Vilniaus miesto savivaldybė';
const REMOTE = 'Nuotolinis mokymas';
const EMPLOYER = {
  name: 'UAB „Statybų meistrai“',
  code: '304567891',
  firstName: 'Jonas',
  lastName: 'Statkus',
  phone: '+370 600 12345',
  email: 'jonas.statkus@example.lt',
  practiceAddress: 'Pramonės g. 5, LT-11110 Vilnius',
};
/** A second employer left without "Aktyvi darbdavio paskyra": it must not be offered (EMPL-5). */
const INACTIVE_EMPLOYER = {
  ...EMPLOYER,
  name: 'UAB „Neaktyvi įmonė“',
  code: '305111222',
  firstName: 'Ona',
  lastName: 'Neaktyvi',
  email: 'ona.neaktyvi@example.lt',
};

let stack: TestStack;
let served: ServedApp;
let browser: Browser;
let context: BrowserContext;
let accessibility: AccessibilityWatch;
let page: Page;
let fixture: InstitutionFixture;
let institutionCode: string;

/** Everything the browser reports as going wrong: console errors, uncaught errors, CSP violations, failed requests. */
const problems: string[] = [];

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const port = await freePort();
  stack = await startStack('e2e-master-data', { simulators: true, publicUrl: `http://127.0.0.1:${port}` });
  fixture = await createInstitution(stack.db, 'Pradžios mokymo centras', { publishable: false });
  // The manual's starting point: an institution with nothing entered yet. The fixture's two venues go.
  await stack.db.deleteFrom('venues').where('institution_id', '=', fixture.institutionId).execute();
  const institution = await stack.db
    .selectFrom('institutions')
    .select(['code', 'name'])
    .where('id', '=', fixture.institutionId)
    .executeTakeFirstOrThrow();
  institutionCode = institution.code;
  // What ŠMIR sent when the account was created (the shape of the registry simulator's records).
  await stack.db
    .updateTable('institutions')
    .set({
      smir_data: {
        code: institution.code,
        name: institution.name,
        nameEn: 'Beginning Training Centre',
        abbreviation: 'PMC',
        legalForm: 'Viešoji įstaiga',
        address: SEAT_LINE,
        headName: 'Vidmantas Pradžius',
        email: 'info@pradzios-centras.lt',
        phone: '+370 5 200 0099',
        website: 'https://www.pradzios-centras.lt',
        headEmail: 'vidmantas.pradzius@pradzios-centras.lt',
        headPhone: '+370 612 00099',
        lastEditedOn: '2026-03-14',
      },
      smir_refreshed_at: new Date(),
    })
    .where('id', '=', fixture.institutionId)
    .execute();
  const pch = hashPersonalCode(stack.config.secrets.personalCodePepper, ADMIN.personalCode);
  const others = await stack.db
    .selectFrom('institution_users')
    .select('id')
    .where('personal_code_hash', '=', pch)
    .where('status', '=', 'ACTIVE')
    .execute();
  expect(others, `${ADMIN_NAME} must have no other membership in the test database`).toEqual([]);
  await stack.db
    .updateTable('institution_users')
    .set({ personal_code_hash: pch, first_name: ADMIN.givenName, last_name: ADMIN.familyName })
    .where('id', '=', fixture.userId)
    .execute();
  await stack.db
    .insertInto('consents')
    .values({ personal_code_hash: pch, policy_version: stack.config.privacyPolicyVersion, context: 'TESTAS' })
    .execute();

  served = await serveApp(stack.app, port);
  browser = await launchBrowser();
  context = await browser.newContext({
    locale: 'lt-LT',
    timezoneId: 'Europe/Vilnius',
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  // CSP violations made unmistakable, and axe-core over every page and swap (test/support/axe.ts).
  accessibility = await watchContext(context, problems);
  context.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console.error: ${msg.text()} @ ${msg.location().url}`);
  });
  context.on('weberror', (err) => problems.push(`pageerror: ${err.error().message}`));
  context.on('requestfailed', (req) => problems.push(`request failed: ${req.method()} ${req.url()} ${req.failure()?.errorText ?? ''}`));
  page = await context.newPage();
  page.setDefaultTimeout(10_000);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await served?.close();
  await stack?.stop();
});

async function shot(name: string) {
  // caret: 'initial': hiding the caret leaves style="" on inputs (a test-made CSP violation after htmx swaps).
  await page.screenshot({ path: `${SCREENSHOTS}/md-${name}.png`, fullPage: true, caret: 'initial' });
}

async function text(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

async function optionTexts(select: Locator): Promise<string[]> {
  return (await select.locator('option').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
}

const nav = () => page.getByRole('navigation', { name: 'Aplikacijų sąrašas' });

/** Opens an application from the left navigation, as the user does. */
async function openApplication(name: string, path: string) {
  await nav().getByRole('link', { name, exact: true }).click();
  await page.waitForURL(`${served.baseUrl}${path}`);
  await page.getByRole('heading', { level: 1, name }).waitFor();
  expect(await text(nav().locator('a[aria-current="page"]'))).toBe(name);
}

/** Clicks a form's submit button and waits for the htmx answer (an HX-Redirect or a swapped fragment). */
async function submit(button: Locator, path: string | RegExp): Promise<number> {
  const answer = page.waitForResponse(
    (r) =>
      r.request().method() === 'POST' &&
      (typeof path === 'string' ? new URL(r.url()).pathname === path : path.test(new URL(r.url()).pathname)),
  );
  await button.click();
  return (await answer).status();
}

/** The visible notice that says `expected`. */
async function notice(expected: string) {
  const n = page.locator('.notice').filter({ hasText: expected });
  await n.waitFor();
  expect(await text(n)).toBe(expected);
}

const preview = () => page.locator('#pilnas-sutarties-numeris');
const fullNumber = () => preview().locator('.full-number');

/** A stored file as the browser fetches it (same origin, the session's cookie): status, headers, bytes' SHA-256. */
async function fetchInPage(href: string) {
  return page.evaluate(async (url) => {
    const res = await fetch(url, { credentials: 'same-origin' });
    const bytes = new Uint8Array(await res.arrayBuffer());
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
    const headers: Record<string, string> = {};
    res.headers.forEach((v, k) => (headers[k] = v));
    return {
      status: res.status,
      headers,
      size: bytes.byteLength,
      sha256: Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join(''),
    };
  }, href);
}

describe('master data in the recommended order, then offered in the drop-downs (issue 4; §3, §3.2–§3.5, APP-15, APP-16)', () => {
  it('fills "Institucijos informacija", "Lektorių sąrašas", "Mokymo vietos", "Darbdavio atstovai" and finds the venues and the employer offered', async () => {
    const started = Date.now();
    const today = vilniusDate(new Date());

    // ---- Login: VIISP (the simulator), "Fiziniam asmeniui" → the application list ----
    await page.goto(`${served.baseUrl}/`);
    await page.waitForURL(`${served.baseUrl}/prisijungti`);
    await page.getByRole('button', { name: 'Fiziniam asmeniui' }).click();
    await page.locator('section[data-mode="fizinis"]').waitFor();
    await shot('01-viisp-fizinis');
    await page.locator(`button[data-person="${ADMIN.personalCode}"]`).click();
    await page.waitForURL(`${served.baseUrl}/`);
    await page.getByRole('heading', { level: 1, name: 'Aplikacijų sąrašas' }).waitFor();
    const institutionName = (
      await stack.db.selectFrom('institutions').select('name').where('id', '=', fixture.institutionId).executeTakeFirstOrThrow()
    ).name;
    expect((await page.locator('.topbar .acting').innerText()).replace(/\s+/g, ' ').trim()).toBe(
      `${ADMIN_NAME} Atstovaujama institucija: ${institutionName}`,
    );
    // The four applications are listed, for an administrator, in the manual's recommended order (APP-15).
    const navNames = (await nav().locator('li').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
    // An administrator sees all 13 applications of the access matrix (REQUIREMENTS.md §6, APP-17).
    expect(navNames).toEqual(ADMINISTRATOR_MENU);
    const order = ['Institucijos informacija', 'Lektorių sąrašas', 'Mokymo vietos', 'Darbdavio atstovai'].map((a) => navNames.indexOf(a));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    await shot('02-aplikaciju-sarasas');

    // ==== (1) "Institucijos informacija" (§3.2) =================================================
    await openApplication('Institucijos informacija', '/institucija');
    expect(await page.locator('ul.tabs a').allTextContents()).toEqual([
      'Institucijos informacija',
      'ŠMIR informacija',
      'Mokymo sutarties numeracija',
    ]);
    expect(await text(page.locator('ul.tabs a[aria-current="page"]'))).toBe('Institucijos informacija');
    expect(await text(page.locator('#institucijos-informacijos-kortele .notice-info'))).toContain(
      'Institucijos informacija dar nepateikta.',
    );
    await shot('03-institucija-tuscia');
    const infoForm = page.locator('form#institucijos-informacija');
    await infoForm.getByLabel('Trumpas institucijos aprašymas').fill(INFO.description);
    await infoForm.getByLabel('Vardas', { exact: true }).fill(INFO.firstName);
    await infoForm.getByLabel('Pavardė', { exact: true }).fill(INFO.lastName);
    await infoForm.getByLabel('Pareigos', { exact: true }).fill(INFO.position);
    await infoForm.getByLabel('Telefonas', { exact: true }).fill(INFO.phone);
    await infoForm.getByLabel('El. paštas', { exact: true }).fill(INFO.email);
    await infoForm.getByLabel('Sąskaitos numeris (IBAN)').fill(INFO.iban);
    await infoForm.getByLabel('Banko pavadinimas').fill(INFO.bankName);
    await shot('04-institucija-uzpildyta');
    expect(await submit(infoForm.getByRole('button', { name: 'Išsaugoti' }), '/institucija')).toBe(200);
    await notice('Institucijos informacija išsaugota.');
    expect(page.url()).toBe(`${served.baseUrl}/institucija`); // swapped in place
    expect(await page.locator('.field-error').count()).toBe(0);
    expect(await page.locator('#institucijos-informacijos-kortele .notice-info').count()).toBe(0);
    await shot('05-institucija-issaugota');
    // What was saved is what the tab shows after a reload, the IBAN in groups of four.
    await page.reload();
    const saved = page.locator('form#institucijos-informacija');
    expect(await saved.getByLabel('Trumpas institucijos aprašymas').inputValue()).toBe(INFO.description);
    expect(await saved.getByLabel('Vardas', { exact: true }).inputValue()).toBe(INFO.firstName);
    expect(await saved.getByLabel('Pareigos', { exact: true }).inputValue()).toBe(INFO.position);
    expect(await saved.getByLabel('Sąskaitos numeris (IBAN)').inputValue()).toBe(INFO.iban);
    expect(await saved.getByLabel('Banko pavadinimas').inputValue()).toBe(INFO.bankName);
    expect(
      await stack.db
        .selectFrom('institution_info')
        .selectAll()
        .where('institution_id', '=', fixture.institutionId)
        .executeTakeFirstOrThrow(),
    ).toMatchObject({
      description: INFO.description,
      contact_first_name: INFO.firstName,
      contact_last_name: INFO.lastName,
      contact_position: INFO.position,
      contact_phone: '+37061234567', // INFO.phone stored in E.164
      contact_email: INFO.email,
      iban: 'LT121000011101001000',
      bank_name: INFO.bankName,
    });

    // ---- Tab "ŠMIR informacija": the registry's record, nothing editable (INST-10, INST-11) ----
    await page.getByRole('link', { name: 'ŠMIR informacija' }).click();
    await page.waitForURL(`${served.baseUrl}/institucija/smir`);
    expect(await text(page.locator('ul.tabs a[aria-current="page"]'))).toBe('ŠMIR informacija');
    const smir = page.locator('#smir-informacijos-kortele');
    const smirValue = (field: string) => text(smir.locator(`dd[data-field="${field}"]`));
    expect(await smirValue('code')).toBe(institutionCode);
    expect(await smirValue('nameLt')).toBe(institutionName);
    expect(await smirValue('nameEn')).toBe('Beginning Training Centre');
    expect(await smirValue('abbreviation')).toBe('PMC');
    expect(await smirValue('address')).toBe(SEAT_LINE);
    expect(await smirValue('email')).toBe('info@pradzios-centras.lt');
    expect(await smirValue('website')).toBe('https://www.pradzios-centras.lt');
    expect(await smirValue('headEmail')).toBe('vidmantas.pradzius@pradzios-centras.lt');
    expect(await smirValue('headPhone')).toBe('+370 612 00099');
    expect(await smirValue('lastEditDate')).toBe('2026-03-14');
    expect(await smirValue('refreshedAt')).toMatch(new RegExp(`^${today} \\d{2}:\\d{2}$`));
    expect(await page.locator('main').locator('input:not([type="hidden"]), select, textarea, button').count()).toBe(0);
    expect(await page.locator('main form').count()).toBe(0);
    await shot('06-smir-informacija');

    // ---- Tab "Mokymo sutarties numeracija": a stage, "Pilnas sutarties numeris" live (NUM-1, NUM-2, NUM-4) ----
    await page.getByRole('link', { name: 'Mokymo sutarties numeracija' }).click();
    await page.waitForURL(`${served.baseUrl}/institucija/numeracija`);
    expect(await text(page.locator('ul.tabs a[aria-current="page"]'))).toBe('Mokymo sutarties numeracija');
    expect(await text(page.locator('#numeracijos-kortele'))).toContain('Numeracija dar nesukurta.');
    const stageForm = page.locator('form#numeracijos-etapas');
    expect(await stageForm.getByLabel('Numeracija galioja nuo').inputValue()).toBe(today);
    expect(await text(fullNumber())).toBe('00001'); // the defaults: start 1, format 00000, no affixes
    await shot('07-numeracija-tuscia');
    // Typed character by character, as a person types: the example follows each field.
    await stageForm.getByLabel('Numeravimo priešdėlis').pressSequentially('MS-', { delay: 40 });
    await expect.poll(() => text(fullNumber())).toBe('MS-00001');
    await stageForm.getByLabel('Priesaga').pressSequentially('/2026', { delay: 40 });
    await expect.poll(() => text(fullNumber())).toBe('MS-00001/2026');
    await stageForm.getByLabel('Sutarties numeracijos pradžios skaičius').fill('25');
    await expect.poll(() => text(fullNumber())).toBe('MS-00025/2026');
    await stageForm.getByLabel('Sutarties numerio formatas').fill('0000');
    await expect.poll(() => text(fullNumber())).toBe('MS-0025/2026');
    expect(await text(preview())).toBe('MS-0025/2026 (toliau: MS-0026/2026, MS-0027/2026, …)');
    // A format that is not all zeros: no number, the reason instead.
    await stageForm.getByLabel('Sutarties numerio formatas').fill('00x');
    await expect.poll(() => fullNumber().count()).toBe(0);
    expect(await text(preview())).toMatch(/^— Sutarties numerio formatas: /);
    await stageForm.getByLabel('Sutarties numerio formatas').fill('00000');
    await expect.poll(() => text(fullNumber())).toBe('MS-00025/2026');
    await shot('08-numeracija-perziura');
    expect(await submit(stageForm.getByRole('button', { name: 'Išsaugoti numeraciją' }), '/institucija/numeracija')).toBe(200);
    await notice('Sutarties etapas sukurtas.');
    const stageRows = page.locator('#numeracijos-kortele table.stages tbody tr');
    expect(await stageRows.count()).toBe(1);
    expect((await stageRows.first().locator('td').allTextContents()).slice(0, 7).map((t) => t.replace(/\s+/g, ' ').trim())).toEqual([
      today,
      '25',
      'MS-',
      '/2026',
      '00000',
      'MS-00025/2026',
      'Galioja',
    ]);
    // The next stage: a later date is proposed; a new prefix shows at once in its example.
    const nextForm = page.locator('form#numeracijos-etapas');
    expect(await text(page.locator('#numeracijos-kortele h3.form-subsection').last())).toBe('Naujas sutarties etapas');
    expect(await nextForm.getByLabel('Numeracija galioja nuo').inputValue()).toBe(addDays(today, 1));
    await nextForm.getByLabel('Numeravimo priešdėlis').pressSequentially('MS2-', { delay: 40 });
    await expect.poll(() => text(fullNumber())).toBe('MS2-00001');
    await shot('09-numeracija-etapas');
    expect(await submit(nextForm.getByRole('button', { name: 'Sukurti sutarties etapą' }), '/institucija/numeracija')).toBe(200);
    await notice('Sutarties etapas sukurtas.');
    expect(await stageRows.count()).toBe(2);
    expect(await text(stageRows.nth(1).locator('td').nth(6))).toBe('Galios ateityje');
    await shot('10-numeracija-du-etapai');

    // ==== (2) "Lektorių sąrašas" (§3.3) =========================================================
    await openApplication('Lektorių sąrašas', '/lektoriai');
    expect(await text(page.locator('#lektoriu-sarasas'))).toContain('Institucija dar neturi lektorių.');
    await page.getByRole('button', { name: 'Įtraukti naują lektorių' }).click();
    await page.waitForURL(`${served.baseUrl}/lektoriai/naujas`);
    await page.getByRole('heading', { level: 1, name: 'Naujas lektorius' }).waitFor();
    const lecturerForm = page.locator('form#lektoriaus-langas');
    await lecturerForm.getByLabel('Vardas', { exact: true }).fill(LECTURER.firstName);
    await lecturerForm.getByLabel('Pavardė', { exact: true }).fill(LECTURER.lastName);
    await lecturerForm.getByLabel('El. paštas', { exact: true }).fill(LECTURER.email);
    await lecturerForm.getByLabel('Telefonas').fill(LECTURER.phone);
    expect(await lecturerForm.getByRole('checkbox', { name: 'Aktyvus lektorius' }).isChecked()).toBe(true);
    await lecturerForm
      .getByRole('checkbox', { name: 'Lektorius turi mokymo programai vykdyti reikalingą išsilavinimą ar kvalifikaciją' })
      .check();
    await lecturerForm.locator('#f-document_KVALIFIKACIJA').setInputFiles(DIPLOMA);
    await lecturerForm.getByRole('radio', { name: 'Ne', exact: true }).check();
    await shot('11-naujas-lektorius');
    expect(await submit(lecturerForm.getByRole('button', { name: 'Išsaugoti' }), '/lektoriai')).toBe(200);
    await page.waitForURL((url) => url.pathname === '/lektoriai');
    await notice(`Lektorius ${LECTURER_NAME} įtrauktas į lektorių sąrašą.`);
    const lecturerRows = page.locator('#lektoriu-sarasas table tbody tr');
    expect(await lecturerRows.count()).toBe(1);
    const cells = (await lecturerRows.first().locator('td').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
    expect(cells).toEqual([
      LECTURER_NAME,
      `${LECTURER.email}${LECTURER.phone}`,
      'Išsilavinimas / kvalifikacija',
      'Taip',
      'Neskelbti svetainėje',
      'Redaguoti',
    ]);
    await shot('12-lektoriu-sarasas');
    const lecturer = await stack.db
      .selectFrom('lecturers')
      .selectAll()
      .where('institution_id', '=', fixture.institutionId)
      .executeTakeFirstOrThrow();
    expect(lecturer).toMatchObject({
      ...{ first_name: LECTURER.firstName, last_name: LECTURER.lastName, email: LECTURER.email },
      active: true,
      requirements: ['KVALIFIKACIJA'],
      publish_consent: false,
    });

    // The uploaded document: shown in the lecturer's window, downloads as the same bytes, as an attachment.
    await lecturerRows
      .first()
      .getByRole('link', { name: `Redaguoti: ${LECTURER_NAME}` })
      .click();
    await page.waitForURL(`${served.baseUrl}/lektoriai/${lecturer.id}/redaguoti`);
    await page.getByRole('heading', { level: 1, name: LECTURER_NAME }).waitFor();
    expect(await text(page.locator('main > p').filter({ hasText: 'Aktyvus lektorius.' }))).toBe('Aktyvus lektorius. Neskelbti svetainėje.');
    const editForm = page.locator('form#lektoriaus-langas');
    expect(await editForm.getByRole('radio', { name: 'Ne', exact: true }).isChecked()).toBe(true);
    const documentLink = editForm.locator('.stored-document a');
    expect(await text(documentLink)).toBe('diplomas.pdf');
    expect(await text(editForm.locator('.stored-document small'))).toMatch(/^\(PDF, 14 KB, įkelta \d{4}-\d{2}-\d{2} \d{2}:\d{2}\)$/);
    await shot('13-lektoriaus-langas');
    const fixtureBytes = readFileSync(DIPLOMA);
    const fixtureSha = createHash('sha256').update(fixtureBytes).digest('hex');
    const [download] = await Promise.all([page.waitForEvent('download'), documentLink.click()]);
    expect(download.suggestedFilename()).toBe('diplomas.pdf');
    expect(await download.failure()).toBeNull();
    const downloadedPath = await download.path();
    expect(createHash('sha256').update(readFileSync(downloadedPath)).digest('hex')).toBe(fixtureSha);
    const href = (await documentLink.getAttribute('href'))!;
    expect(href).toMatch(/^\/failai\/[0-9a-f-]{36}$/);
    const fetched = await fetchInPage(href);
    expect(fetched).toMatchObject({ status: 200, size: fixtureBytes.byteLength, sha256: fixtureSha });
    expect(fetched.headers['content-type']).toBe('application/pdf');
    expect(fetched.headers['content-disposition']).toMatch(/^attachment; filename="diplomas\.pdf"/);
    expect(fetched.headers['x-content-type-options']).toBe('nosniff');
    expect(fetched.headers['cache-control']).toBe('private, no-store');
    expect(page.url()).toBe(`${served.baseUrl}/lektoriai/${lecturer.id}/redaguoti`); // a download, not a navigation

    // ==== (3) "Mokymo vietos" (§3.4) ============================================================
    await openApplication('Mokymo vietos', '/mokymo-vietos');
    expect(await text(page.locator('#mokymo-vietu-sarasas'))).toContain('Institucija dar neturi mokymo vietų.');
    // VENUE-4 offered: the registered office address from ŠMIR, complete, ready to use.
    const offer = page.locator('article.remote-offer');
    expect(await text(offer)).toContain(`Buveinės adresas pagal ŠMIR: ${SEAT_ADDRESS}`);
    await shot('14-mokymo-vietos-tuscia');
    await page.getByRole('button', { name: 'Įtraukti naują mokymo vietą' }).click();
    await page.waitForURL(`${served.baseUrl}/mokymo-vietos/nauja`);
    await page.getByRole('heading', { level: 1, name: 'Nauja mokymo vieta' }).waitFor();
    const venueForm = page.locator('form#mokymo-vietos-langas');
    await venueForm.getByLabel('Mokymo vietos pavadinimas').fill(VENUE.name);
    await venueForm.getByLabel('Savivaldybė').selectOption({ label: VENUE.municipality });
    await venueForm.getByLabel('Miestas / gyvenvietė').fill(VENUE.city);
    await venueForm.getByLabel('Gatvė').fill(VENUE.street);
    await venueForm.getByLabel('Namo numeris').fill(VENUE.building);
    await venueForm.getByLabel('Pašto kodas').fill(VENUE.postalCode);
    await shot('15-nauja-mokymo-vieta');
    expect(await submit(venueForm.getByRole('button', { name: 'Išsaugoti' }), '/mokymo-vietos')).toBe(200);
    await page.waitForURL((url) => url.pathname === '/mokymo-vietos');
    await notice(`Mokymo vieta „${VENUE.name}“ įtraukta į institucijos mokymo vietų sąrašą.`);
    // "Nuotolinis mokymas" through the offer, from the ŠMIR address as it stands.
    expect(
      await submit(
        page.locator('article.remote-offer').getByRole('button', { name: `Sukurti mokymo vietą „${REMOTE}“` }),
        '/mokymo-vietos/nuotolinis-mokymas',
      ),
    ).toBe(303);
    await page.waitForURL((url) => url.pathname === '/mokymo-vietos' && url.search === '');
    await notice(`Mokymo vieta „${REMOTE}“ įtraukta į institucijos mokymo vietų sąrašą.`);
    expect(await page.locator('article.remote-offer').count()).toBe(0);
    const venueRows = async () => {
      const rows: string[][] = [];
      for (const row of await page.locator('#mokymo-vietu-sarasas table tbody tr').all()) {
        rows.push((await row.locator('td').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim()));
      }
      return rows;
    };
    expect(await venueRows()).toEqual([
      [VENUE.name, VENUE_ADDRESS, 'Redaguoti'],
      [REMOTE, SEAT_ADDRESS, 'Redaguoti'],
    ]);
    expect(await text(page.locator('#mokymo-vietu-sarasas p.muted'))).toBe('Iš viso: 2.');
    await shot('16-mokymo-vietu-sarasas');
    const venues = await stack.db
      .selectFrom('venues')
      .select(['name', 'municipality', 'city', 'street', 'building', 'postal_code', 'address'])
      .where('institution_id', '=', fixture.institutionId)
      .orderBy('name')
      .execute();
    expect(venues).toEqual([
      {
        name: VENUE.name,
        municipality: VENUE.municipality,
        city: VENUE.city,
        street: VENUE.street,
        building: VENUE.building,
        postal_code: 'LT-44309',
        address: VENUE_ADDRESS,
      },
      {
        name: REMOTE,
        municipality: 'Vilniaus miesto savivaldybė',
        city: 'Vilnius',
        street: 'Vilniaus g.',
        building: '5',
        postal_code: 'LT-01402',
        address: SEAT_ADDRESS,
      },
    ]);

    // ==== (4) "Darbdavio atstovai" (§3.5) =======================================================
    await openApplication('Darbdavio atstovai', '/darbdaviai');
    expect(await text(page.locator('#darbdavio-atstovu-sarasas'))).toContain('Institucija dar neturi darbdavio atstovų.');
    const addEmployer = async (e: typeof EMPLOYER, active: boolean, screenshot?: string) => {
      await page.getByRole('button', { name: 'Įtraukti naują darbdavio atstovą' }).click();
      await page.waitForURL(`${served.baseUrl}/darbdaviai/naujas`);
      await page.getByRole('heading', { level: 1, name: 'Naujas darbdavio atstovas' }).waitFor();
      const f = page.locator('form#darbdavio-atstovo-langas');
      await f.getByLabel('Darbdavio įstaigos pavadinimas').fill(e.name);
      await f.getByLabel('Juridinio asmens kodas').fill(e.code);
      await f.getByLabel('Atstovo vardas').fill(e.firstName);
      await f.getByLabel('Atstovo pavardė').fill(e.lastName);
      await f.getByLabel('Telefono numeris').fill(e.phone);
      await f.getByLabel('El. paštas', { exact: true }).fill(e.email);
      await f.getByLabel('Praktinio mokymo vietos adresas').fill(e.practiceAddress);
      expect(await f.getByRole('checkbox', { name: 'Aktyvi darbdavio paskyra' }).isChecked()).toBe(false);
      if (active) await f.getByRole('checkbox', { name: 'Aktyvi darbdavio paskyra' }).check();
      if (screenshot) await shot(screenshot);
      expect(await submit(f.getByRole('button', { name: 'Išsaugoti' }), '/darbdaviai')).toBe(200);
      await page.waitForURL((url) => url.pathname === '/darbdaviai');
    };
    await addEmployer(EMPLOYER, true, '17-naujas-darbdavio-atstovas');
    await notice(
      `Darbdavio atstovas ${EMPLOYER.name} (${EMPLOYER.firstName} ${EMPLOYER.lastName}) įtrauktas. Darbdavio paskyra aktyvi: jį galima pasirinkti naudotojo lange ir dalyvio pameistrystės duomenyse.`,
    );
    await addEmployer(INACTIVE_EMPLOYER, false);
    await notice(
      `Darbdavio atstovas ${INACTIVE_EMPLOYER.name} (${INACTIVE_EMPLOYER.firstName} ${INACTIVE_EMPLOYER.lastName}) įtrauktas. Darbdavio paskyra neaktyvi: kol nepažymėta „Aktyvi darbdavio paskyra“, šio darbdavio pasirinkti negalima.`,
    );
    const employerRows: Record<string, string> = {};
    for (const row of await page.locator('#darbdavio-atstovu-sarasas table tbody tr').all()) {
      employerRows[await text(row.locator('td').nth(1))] = await text(row.locator('td .employer-status'));
    }
    expect(employerRows).toEqual({
      [`${EMPLOYER.firstName} ${EMPLOYER.lastName}`]: 'Aktyvi',
      [`${INACTIVE_EMPLOYER.firstName} ${INACTIVE_EMPLOYER.lastName}`]: 'Neaktyvi',
    });
    expect(await text(page.locator('#darbdavio-atstovu-sarasas p.muted'))).toBe('Iš viso: 2, iš jų aktyvių: 1.');
    await shot('18-darbdavio-atstovu-sarasas');
    const employer = await stack.db
      .selectFrom('employers')
      .selectAll()
      .where('institution_id', '=', fixture.institutionId)
      .where('code', '=', EMPLOYER.code)
      .executeTakeFirstOrThrow();
    expect(employer).toMatchObject({
      name: EMPLOYER.name,
      representative_first_name: EMPLOYER.firstName,
      representative_last_name: EMPLOYER.lastName,
      phone: '+37060012345', // EMPLOYER.phone stored in E.164
      email: EMPLOYER.email,
      practice_address: EMPLOYER.practiceAddress,
      active: true,
    });

    // ==== APP-16: what was entered is offered where it is chosen ================================
    // The group form's "Mokymo vieta" offers both venues (VENUE-3).
    await openApplication('Institucijos mokymosi programos', '/programos');
    await page.getByRole('link', { name: fixture.programmeCode, exact: true }).click();
    await page.waitForURL(`${served.baseUrl}/programos/${fixture.programmeId}`);
    await page.getByRole('button', { name: 'Sukurti naują mokymo grupę' }).click();
    await page.waitForURL(/\/grupes\/nauja$/);
    await page.getByRole('heading', { name: 'Nauja mokymo grupė' }).waitFor();
    const venueSelect = page.locator('#grupes-informacija').getByLabel('Mokymo vieta', { exact: true });
    expect(await optionTexts(venueSelect)).toEqual(['– Pasirinkite –', VENUE.name, REMOTE]);
    await venueSelect.selectOption({ label: REMOTE });
    expect(await venueSelect.inputValue()).toBe(
      (
        await stack.db
          .selectFrom('venues')
          .select('id')
          .where('institution_id', '=', fixture.institutionId)
          .where('name', '=', REMOTE)
          .executeTakeFirstOrThrow()
      ).id,
    );
    await shot('19-grupes-mokymo-vieta');

    // The user window's "Pasirinkite darbdavio įstaigą" offers the active employer only (USERS-23, USERS-24, EMPL-5).
    await openApplication('Institucijos naudotojai', '/naudotojai');
    await page.getByRole('button', { name: 'Įtraukti naują naudotoją' }).click();
    await page.waitForURL(`${served.baseUrl}/naudotojai/naujas`);
    await page.getByRole('heading', { level: 1, name: 'Naujas naudotojas' }).waitFor();
    const userForm = page.locator('form#naudotojo-langas');
    const employerSelect = userForm.getByLabel('Pasirinkite darbdavio įstaigą');
    expect(await employerSelect.isVisible()).toBe(false); // shown only with the group that needs it
    await userForm.getByRole('checkbox', { name: 'Darbdavio atstovas ir trišalių sutarčių pasirašymas' }).check();
    await employerSelect.waitFor({ state: 'visible' });
    expect(await employerSelect.isEnabled()).toBe(true);
    expect(await optionTexts(employerSelect)).toEqual([
      '– Pasirinkite –',
      `${EMPLOYER.name} (${EMPLOYER.code}), atstovas ${EMPLOYER.firstName} ${EMPLOYER.lastName}`,
    ]);
    await employerSelect.selectOption({
      label: `${EMPLOYER.name} (${EMPLOYER.code}), atstovas ${EMPLOYER.firstName} ${EMPLOYER.lastName}`,
    });
    expect(await employerSelect.inputValue()).toBe(employer.id);
    await shot('20-naudotojo-darbdavys');

    // ---- Every change has its audit row, by this administrator, for this institution ----
    const audit = await stack.db
      .selectFrom('audit_log')
      .select(['entity_type', 'action', sql<number>`count(*)::int`.as('n')])
      .where('institution_id', '=', fixture.institutionId)
      .where('actor_user_id', '=', fixture.userId)
      .groupBy(['entity_type', 'action'])
      .orderBy('entity_type')
      .orderBy('action')
      .execute();
    const auditCounts = Object.fromEntries(audit.map((a) => [`${a.entity_type} ${a.action}`, a.n]));
    expect(auditCounts, JSON.stringify(auditCounts)).toMatchObject({ 'venue create': 2, 'employer create': 2 });
    const actions = Object.keys(auditCounts);
    for (const [what, pattern] of [
      ['institution information', /^institution_info /],
      ['numbering stages', /^contract_numbering_stage create$/],
      ['the lecturer', /^lecturer create$/],
      ['the upload', / upload$/],
    ] as const) {
      expect(
        actions.some((a) => pattern.test(a)),
        `no audit row for ${what}: ${JSON.stringify(auditCounts)}`,
      ).toBe(true);
    }
    expect(auditCounts['contract_numbering_stage create']).toBe(2);

    // ---- Nothing went wrong in the browser (console errors, CSP violations, failed requests) ----
    await accessibility.flush();
    expect(problems).toEqual([]);
    console.log(`e2e master data: ${Date.now() - started} ms in the browser; audit rows: ${JSON.stringify(auditCounts)}`);
  });
});
