// Manual §3.7.2 in a real browser: from an empty new group, fill the programme's "Programos vykdymo
// ir sutarties informacija" and the group's information, build the whole timetable in
// "Tvarkaraštis" (several days at once, a remote session, a copy, an edit, a delete, a refused
// overlap), watch the counter reach the programme's contact hours and the warning go, then publish
// ("Skelbiama") — SCHED-1..SCHED-22, GRP-40, PROG-19.
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, vilniusDate } from '../../workflows/domain/calendar.ts';
import { hashPersonalCode } from '../../worker/crypto.ts';
import { TEST_PEOPLE } from '../sim/viisp/people.ts';
import type { AccessibilityWatch } from '../support/axe.ts';
import { freePort, launchBrowser, serveApp, watchedPage, type ServedApp } from '../support/browser.ts';
import { ROOT } from '../support/env.ts';
import { createInstitution, type InstitutionFixture } from '../support/fixtures.ts';
import { startStack, type TestStack } from '../support/stack.ts';

const SCREENSHOTS = `${ROOT}.data/test/screenshots/tvarkarastis`;
/** Not the person of the other e2e files (they run at the same time against one database). */
const PERSON = TEST_PEOPLE.darius;

let stack: TestStack;
let served: ServedApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let fixture: InstitutionFixture;

/** What went wrong in the browser (console errors, CSP violations, failed requests). */
let problems: string[];
/** The refused overlap answers 422 on purpose, and Chromium logs that once. */
let expectedFailedLoads: string[];
/** axe-core over every page and htmx swap (test/support/axe.ts); its violations land in `problems`. */
let accessibility: AccessibilityWatch;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const port = await freePort();
  stack = await startStack('e2e-schedule', { simulators: true, publicUrl: `http://127.0.0.1:${port}` });
  fixture = await createInstitution(stack.db, 'Tvarkaraščio institucija');
  // The programme tab starts empty: the test fills it through the browser.
  await stack.db.deleteFrom('programme_execution_info').where('programme_id', '=', fixture.programmeId).execute();
  const pch = hashPersonalCode(stack.config.secrets.personalCodePepper, PERSON.personalCode);
  await stack.db.updateTable('institution_users').set({ personal_code_hash: pch }).where('id', '=', fixture.userId).execute();
  await stack.db
    .insertInto('consents')
    .values({ personal_code_hash: pch, policy_version: stack.config.privacyPolicyVersion, context: 'TESTAS' })
    .execute();
  const lecturer = (first: string, last: string, active: boolean) => ({
    institution_id: fixture.institutionId,
    first_name: first,
    last_name: last,
    email: `${last.toLowerCase()}@example.lt`,
    active,
    requirements: ['KVALIFIKACIJA'],
    publish_consent: true,
  });
  await stack.db
    .insertInto('lecturers')
    .values([lecturer('Lina', 'Lektorė', true), lecturer('Petras', 'Neaktyvus', false)])
    .execute();
  served = await serveApp(stack.app, port);
  browser = await launchBrowser();
  const watched = await watchedPage(browser, (text, url) => /status of 422/.test(text) && url.endsWith('/tvarkarastis'));
  ({ context, page, problems, expectedFailedLoads, accessibility } = watched);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await served?.close();
  await stack?.stop();
});

async function shot(name: string) {
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true, caret: 'initial' });
}

async function text(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

const panel = () => page.locator('#tvarkarastis');
const sessionForm = () => page.locator('#uzsiemimo-forma');
const counter = () => text(page.locator('#tvarkarascio-skaitiklis strong'));
const warning = () => page.locator('#tvarkarascio-skaitiklis .notice-error');
const rows = () => panel().locator('table.schedule tbody tr');

/** The parts of a row the table shows (the duration under the time, the room under the venue). */
const ROW_FIELDS = ['date', 'time', 'duration', 'mode', 'venue', 'auditorium', 'lecturer'] as const;

/** Rows as "date | time | duration | mode | venue | auditorium | lecturer" ('' for a part a row does not have). */
async function table(): Promise<string[]> {
  const result: string[] = [];
  for (const row of await rows().all()) {
    const parts: string[] = [];
    for (const field of ROW_FIELDS) {
      const part = row.locator(`[data-field="${field}"]`);
      parts.push((await part.count()) === 0 ? '' : await text(part));
    }
    result.push(parts.join(' | '));
  }
  return result;
}

async function submit(button: string, expectStatus = 200) {
  const answer = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/tvarkarastis'));
  await sessionForm().getByRole('button', { name: button, exact: true }).click();
  expect((await answer).status()).toBe(expectStatus);
}

async function openAddForm() {
  await panel().getByRole('button', { name: 'Pridėti' }).click();
  await sessionForm().waitFor();
}

describe('"Tvarkaraštis" through the browser (§3.7.2)', () => {
  it('builds the full timetable of a new group and publishes it', async () => {
    const started = Date.now();
    const today = vilniusDate(new Date());
    const start = addDays(today, 20);
    const day = (n: number) => addDays(start, n);

    // ---- Login through VIISP (the simulator) ----
    await page.goto(`${served.baseUrl}/programos`);
    await page.waitForURL(`${served.baseUrl}/prisijungti`);
    await page.getByRole('button', { name: 'Fiziniam asmeniui' }).click();
    await page.locator(`button[data-person="${PERSON.personalCode}"]`).click();
    // A person of several institutions chooses the one represented (other test files may have given her more).
    await page.waitForURL((url) => url.pathname === '/' || url.pathname === '/pasirinkti-institucija');
    if (new URL(page.url()).pathname === '/pasirinkti-institucija') {
      const { name } = await stack.db
        .selectFrom('institutions')
        .select('name')
        .where('id', '=', fixture.institutionId)
        .executeTakeFirstOrThrow();
      await page.getByRole('radio', { name }).check();
      await page.getByRole('button', { name: 'Tęsti' }).click();
      await page.waitForURL(`${served.baseUrl}/`);
    }

    // ---- The programme's tab "Programos vykdymo ir sutarties informacija" (PROG-19) ----
    await page.goto(`${served.baseUrl}/programos/${fixture.programmeId}?kortele=vykdymas`);
    const info = page.locator('#programos-vykdymo-informacija');
    await info.getByLabel('Vykdymo ypatumai').fill('Užsiėmimai vyksta darbo dienų vakarais, dalis – nuotoliniu būdu.');
    await info.getByLabel('Kontaktinio asmens vardas ir pavardė').fill('Rūta Jonaitienė');
    await info.getByLabel('Kontaktinio asmens telefonas').fill('+370 600 12345');
    await info.getByLabel('Kontaktinio asmens el. paštas').fill('ruta@example.lt');
    await info.getByLabel('Mokėjimo terminai, mokėjimo būdas, kitos mokėjimo sąlygos').fill('Mokama iš Individualios mokymosi sąskaitos.');
    await info.getByRole('button', { name: 'Išsaugoti' }).click();
    await page.getByText('„Programos vykdymo ir sutarties informacija“ išsaugota.').waitFor();

    // ---- A new, empty group: "Grupės informacija" ----
    await page.goto(`${served.baseUrl}/programos/${fixture.programmeId}`);
    await page.getByRole('button', { name: 'Sukurti naują mokymo grupę' }).click();
    await page.waitForURL(/\/grupes\/nauja$/);
    const group = page.locator('#grupes-informacija');
    await group.getByLabel('Grupės pavadinimas').fill('Vakarinė grupė su tvarkaraščiu');
    await group.getByRole('checkbox', { name: 'IMP krepšelis' }).check();
    await group.getByLabel('Mokymosi programos kaina, eurais').fill('200,00');
    await group.getByLabel('Mokymo kalba').selectOption({ label: 'lietuvių' });
    await group.getByLabel('Min. grupės dalyvių skaičius', { exact: true }).fill('5');
    await group.getByLabel('Max. grupės dalyvių skaičius', { exact: true }).fill('12');
    await group.getByLabel('Mokymo vieta').selectOption({ label: 'Auditorija 101' });
    await group.getByLabel('Registracijos pradžia').fill(addDays(today, 1));
    await group.getByLabel('Registracijos pabaiga').fill(addDays(today, 10));
    await group.getByLabel('Mokymosi programos vykdymo pradžia').fill(start);
    await group.getByLabel('Mokymosi programos vykdymo pabaiga').fill(addDays(today, 40));
    await group.getByRole('button', { name: 'Sukurti naują mokymo grupę' }).click();
    await page.waitForURL(/\/grupes\/[0-9a-f-]+\?kortele=informacija$/);
    const groupInfoUrl = page.url();
    // Not publishable yet: the timetable is empty (GRP-40, SCHED-16).
    expect(await page.locator('#grupes-busena').textContent()).toContain('Kortelė „Tvarkaraštis“.');

    // ---- Tab "Tvarkaraštis": empty, the counter and its warning (SCHED-1, SCHED-17, SCHED-18) ----
    await page.locator('.tabs').getByRole('link', { name: 'Tvarkaraštis' }).click();
    await page.waitForURL(/\/tvarkarastis$/);
    expect(await counter()).toBe('0,00 / 40,00');
    expect(await text(warning())).toContain('trūksta 40,00 akad. val.');
    await shot('01-tuscias');

    // ---- "Pridėti": three days at once (SCHED-2..SCHED-15) ----
    await openAddForm();
    expect(await sessionForm().getByRole('radio', { name: 'Kontaktinis' }).isChecked()).toBe(true);
    expect(await sessionForm().getByLabel('Lektorius').locator('option').allTextContents()).toEqual(['— pasirinkite —', 'Lina Lektorė']);
    for (const d of [day(0), day(1), day(2)]) await sessionForm().getByRole('checkbox', { name: d }).check();
    await sessionForm().getByLabel('Užsiėmimų laikas').fill('18:00');
    await sessionForm().getByLabel('Trukmė').fill('180');
    await sessionForm().getByLabel('Užsiėmimo vieta').selectOption({ label: 'Auditorija 101' });
    await sessionForm().getByLabel('Auditorija').fill('101');
    await sessionForm().getByLabel('Lektorius').selectOption({ label: 'Lina Lektorė' });
    await shot('02-forma');
    await submit('Įtraukti naują užsiėmimą');
    await panel().getByText('Užsiėmimai įtraukti į tvarkaraštį.').waitFor();
    expect(await rows().count()).toBe(3);
    await expect.poll(counter).toBe('12,00 / 40,00');
    expect(await table()).toEqual(
      [0, 1, 2].map((n) => `${day(n)} | 18:00–21:00 | 180 min. (4,00 akad. val.) | Kontaktinis | Auditorija 101 | 101 | Lina Lektorė`),
    );

    // ---- A remote synchronous session: link required, venue "Nuotolinis mokymas" (SCHED-8, SCHED-25) ----
    await openAddForm();
    await sessionForm()
      .getByRole('checkbox', { name: day(3) })
      .check();
    await sessionForm().getByLabel('Užsiėmimų laikas').fill('18:00');
    await sessionForm().getByLabel('Trukmė').fill('180');
    await sessionForm().getByRole('radio', { name: 'Nuotolinis sinchroninis' }).check();
    await sessionForm().getByLabel('Užsiėmimo nuoroda').fill('https://meet.example.lt/vakarine');
    await sessionForm().getByLabel('Lektorius').selectOption({ label: 'Lina Lektorė' });
    await submit('Įtraukti naują užsiėmimą');
    await expect.poll(counter).toBe('16,00 / 40,00');
    expect((await table())[3]).toBe(
      `${day(3)} | 18:00–21:00 | 180 min. (4,00 akad. val.) | Nuotolinis sinchroninis | Nuotolinis mokymas |  | Lina Lektorė`,
    );
    expect(await rows().nth(3).getByRole('link', { name: 'Užsiėmimo nuoroda' }).getAttribute('href')).toBe(
      'https://meet.example.lt/vakarine',
    );
    // SCHED-9: the last chosen mode is the default of the next new session.
    await openAddForm();
    expect(await sessionForm().getByRole('radio', { name: 'Nuotolinis sinchroninis' }).isChecked()).toBe(true);
    await sessionForm().getByRole('link', { name: 'Atšaukti' }).click();
    await sessionForm().waitFor({ state: 'detached' });

    // ---- "Kopijuoti" the first session to three more days (SCHED-20) ----
    await panel()
      .getByRole('link', { name: `Kopijuoti: ${day(0)} 18:00–21:00` })
      .click();
    for (const d of [day(4), day(5), day(6)]) await sessionForm().getByRole('checkbox', { name: d }).check();
    await submit('Kopijuoti');
    await panel().getByText('Užsiėmimas nukopijuotas.').waitFor();
    await expect.poll(counter).toBe('28,00 / 40,00');
    expect(await rows().count()).toBe(7);

    // ---- "Redaguoti": one session becomes 270 minutes (SCHED-19) ----
    await panel()
      .getByRole('link', { name: `Redaguoti: ${day(5)} 18:00–21:00` })
      .click();
    expect(await sessionForm().getByLabel('Trukmė').inputValue()).toBe('180');
    await sessionForm().getByLabel('Užsiėmimų laikas').fill('17:00');
    await sessionForm().getByLabel('Trukmė').fill('270');
    await submit('Išsaugoti');
    await panel().getByText('Užsiėmimas pakeistas.').waitFor();
    await expect.poll(counter).toBe('30,00 / 40,00');
    expect((await table())[5]).toBe(
      `${day(5)} | 17:00–21:30 | 270 min. (6,00 akad. val.) | Kontaktinis | Auditorija 101 | 101 | Lina Lektorė`,
    );

    // ---- "Trinti", confirmed (SCHED-21) ----
    await panel()
      .getByRole('link', { name: `Trinti: ${day(6)} 18:00–21:00` })
      .click();
    await panel()
      .getByText(`Ar tikrai norite ištrinti užsiėmimą ${day(6)} 18:00–21:00`)
      .waitFor();
    await shot('03-trinti');
    const deleted = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/trynimas'));
    await panel().getByRole('button', { name: 'Trinti' }).click();
    expect((await deleted).status()).toBe(200);
    await panel().getByText('Užsiėmimas ištrintas.').waitFor();
    await expect.poll(counter).toBe('26,00 / 40,00');
    expect(await rows().count()).toBe(6);

    // ---- The rest: an overlap refused first (SCHED-26), then three 210-minute sessions ----
    await openAddForm();
    await sessionForm().getByRole('radio', { name: 'Kontaktinis' }).check();
    for (const d of [day(1), day(7), day(8)]) await sessionForm().getByRole('checkbox', { name: d }).check();
    await sessionForm().getByLabel('Užsiėmimų laikas').fill('18:30');
    await sessionForm().getByLabel('Trukmė').fill('210');
    await sessionForm().getByLabel('Užsiėmimo vieta').selectOption({ label: 'Auditorija 101' });
    await sessionForm().getByLabel('Lektorius').selectOption({ label: 'Lina Lektorė' });
    await sessionForm().getByLabel('Papildoma informacija').fill('Baigiamasis darbas');
    await submit('Įtraukti naują užsiėmimą', 422);
    await page.locator('#e-startTime').waitFor();
    expect(await text(page.locator('#e-startTime'))).toBe(
      `Šios grupės užsiėmimai negali persidengti: ${day(1)} 18:00–21:00 jau suplanuotas kitas užsiėmimas.`,
    );
    // What was typed stays.
    expect(await sessionForm().getByLabel('Trukmė').inputValue()).toBe('210');
    expect(
      await sessionForm()
        .getByRole('checkbox', { name: day(8) })
        .isChecked(),
    ).toBe(true);
    await shot('04-persidengia');
    await sessionForm()
      .getByRole('checkbox', { name: day(1) })
      .uncheck();
    await sessionForm()
      .getByRole('checkbox', { name: day(9) })
      .check();
    await submit('Įtraukti naują užsiėmimą');
    await panel().getByText('Užsiėmimai įtraukti į tvarkaraštį.').waitFor();

    // ---- Every contact hour planned: the counter shows it and the warning is gone (SCHED-16..SCHED-18) ----
    await expect.poll(counter).toBe('40,00 / 40,00');
    expect(await warning().count()).toBe(0);
    expect(await rows().count()).toBe(9);
    // SCHED-22: the first and last sessions carry the markers.
    expect(await text(rows().first().locator('[data-field="markers"]'))).toBe('Mokymus pradėjo');
    expect(await text(rows().last().locator('[data-field="markers"]'))).toBe('Mokymus baigė');
    await shot('05-pilnas');
    await page.reload();
    expect(await counter()).toBe('40,00 / 40,00');
    expect(await warning().count()).toBe(0);

    // ---- Publish: "Grupės informacija" → "Skelbiama" (GRP-40, manual's PASTABA) ----
    await page.goto(groupInfoUrl);
    const answer = page.waitForResponse((r) => r.url().endsWith('/busena') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Keisti būseną į „Skelbiama“' }).click();
    expect((await answer).status()).toBe(200);
    await page.getByText('Grupės būsena pakeista į „Skelbiama“.').waitFor();
    expect(await text(page.locator('#grupes-busena .status-badge'))).toBe('Skelbiama');

    // The timetable stays editable, and says that changes are e-mailed (SCHED-27).
    await page.locator('.tabs').getByRole('link', { name: 'Tvarkaraštis' }).click();
    await page.getByText('apie kiekvieną tvarkaraščio pakeitimą užsiregistravusiems asmenims pranešama el. paštu').waitFor();
    expect(await panel().getByRole('button', { name: 'Pridėti' }).isVisible()).toBe(true);
    await shot('06-skelbiama');

    await accessibility.flush();
    expect(problems).toEqual([]);
    expect(expectedFailedLoads.length).toBeLessThanOrEqual(1);
    console.log(`e2e schedule flow: ${Date.now() - started} ms in the browser`);
  });
});
