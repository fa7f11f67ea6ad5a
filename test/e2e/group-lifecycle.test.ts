// Manual §3.7 / §3.7.1 in a real browser, as a provider employee: choose who acts, open the
// programme, create a training group, correct its information (with a refused save first),
// publish it, take it back to "Kuriama", and filter the programme's group list by status
// (PROG-3, PROG-7, PROG-9..PROG-11, GRP-1..GRP-15, GRP-27..GRP-30, L1 G1..G3).
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, vilniusDate } from '../../workflows/domain/calendar.ts';
import { hashPersonalCode } from '../../worker/crypto.ts';
import { TEST_PEOPLE } from '../sim/viisp/people.ts';
import type { AccessibilityWatch } from '../support/axe.ts';
import { freePort, launchBrowser, serveApp, watchedPage, type ServedApp } from '../support/browser.ts';
import { ROOT } from '../support/env.ts';
import { createInstitution, fullSchedule, type InstitutionFixture } from '../support/fixtures.ts';
import { startStack, type TestStack } from '../support/stack.ts';

const SCREENSHOTS = `${ROOT}.data/test/screenshots`;
const READ_ONLY_NOTE = 'Grupės informaciją galima koreguoti tik kol grupės būsena yra „Kuriama“.';

let stack: TestStack;
let served: ServedApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let fixture: InstitutionFixture;

/** Everything the browser reports as going wrong: console errors, uncaught errors, CSP violations. */
let problems: string[];
/** The one failed load we cause on purpose: the refused save answers 422 and Chromium logs it. */
let expectedFailedLoads: string[];
/** axe-core over every page and htmx swap (test/support/axe.ts); its violations land in `problems`. */
let accessibility: AccessibilityWatch;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const port = await freePort();
  stack = await startStack('e2e', { simulators: true, publicUrl: `http://127.0.0.1:${port}` });
  fixture = await createInstitution(stack.db, 'E2E institucija');
  // The fixture's administrator is Rūta of the VIISP simulator, who has agreed to the policy before.
  const pch = hashPersonalCode(stack.config.secrets.personalCodePepper, TEST_PEOPLE.ruta.personalCode);
  await stack.db.updateTable('institution_users').set({ personal_code_hash: pch }).where('id', '=', fixture.userId).execute();
  await stack.db
    .insertInto('consents')
    .values({ personal_code_hash: pch, policy_version: stack.config.privacyPolicyVersion, context: 'TESTAS' })
    .execute();
  served = await serveApp(stack.app, port);
  browser = await launchBrowser();
  const watched = await watchedPage(browser, (text, url) => /status of 422/.test(text) && url.endsWith('/informacija'));
  ({ context, page, problems, expectedFailedLoads, accessibility } = watched);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await served?.close();
  await stack?.stop();
});

async function shot(name: string) {
  // caret: 'initial': hiding the caret leaves style="" on inputs, which htmx's settle then copies
  // onto the swapped-in inputs, a (test-made) CSP style-src-attr violation.
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true, caret: 'initial' });
}

const status = () => page.locator('#grupes-busena .status-badge');
const infoPanel = () => page.locator('#grupes-informacija');
const field = (label: string | RegExp, options: { exact?: boolean } = {}) => infoPanel().getByLabel(label, options);
const minField = () => field('Min. grupės dalyvių skaičius', { exact: true });
const maxField = () => field('Max. grupės dalyvių skaičius', { exact: true });

async function text(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

/** Fills "Grupės informacija" as the employee would; dates are counted from today in Vilnius. */
async function fillNewGroup(name: string, offset: number) {
  const today = vilniusDate(new Date());
  await field('Grupės pavadinimas').fill(name);
  await infoPanel().getByRole('checkbox', { name: 'IMP krepšelis' }).check();
  await infoPanel().getByRole('checkbox', { name: 'Asmeninės lėšos' }).check();
  // GRP-39: the UŽT-only fields appear while UŽT funding is ticked, and go away when it is not.
  const uzt = infoPanel().getByRole('checkbox', { name: 'Valstybės kompensuojama suma (UŽT lėšomis)' });
  await uzt.check();
  await infoPanel().getByLabel('Mokymo programa taikoma').waitFor();
  await uzt.uncheck();
  await infoPanel().getByLabel('Mokymo programa taikoma').waitFor({ state: 'detached' });
  await field('Mokymosi programos kaina, eurais').fill('150,00');
  await field('Mokymo kalba').selectOption({ label: 'lietuvių' });
  await minField().fill('5');
  await maxField().fill('12');
  await field('Mokymo vieta').selectOption({ label: 'Auditorija 101' });
  await field('Registracijos pradžia').fill(addDays(today, 1 + offset));
  await field('Registracijos pabaiga').fill(addDays(today, 10 + offset));
  await field('Mokymosi programos vykdymo pradžia').fill(addDays(today, 20 + offset));
  await field('Mokymosi programos vykdymo pabaiga').fill(addDays(today, 40 + offset));
}

async function openProgramme(screenshot?: string) {
  await page.getByRole('navigation', { name: 'Aplikacijų sąrašas' }).getByRole('link', { name: 'Institucijos mokymosi programos' }).click();
  await page.waitForURL(/\/programos$/);
  if (screenshot) await shot(screenshot);
  await page.getByRole('link', { name: fixture.programmeCode, exact: true }).click();
  await page.waitForURL(/\/programos\/[0-9a-f-]+$/);
  expect(await text(page.locator('.tabs a[aria-current="page"]'))).toBe('Grupės');
}

/** Rows of the "Grupės" table: group name → status shown. */
async function groupRows(): Promise<Record<string, string>> {
  const rows = await page.locator('table tbody tr').all();
  const result: Record<string, string> = {};
  for (const row of rows) result[await text(row.locator('td').nth(0))] = await text(row.locator('td').nth(1));
  return result;
}

async function filterByStatus(...statuses: string[]) {
  const filters = page.locator('form.filters');
  for (const s of ['Kuriama', 'Skelbiama', 'Vykdoma', 'Užbaigta', 'Nevykdoma', 'Sustabdyta']) {
    await filters.getByRole('checkbox', { name: s, exact: true }).setChecked(statuses.includes(s));
  }
  await filters.getByRole('button', { name: 'Ieškoti' }).click();
  await page.waitForURL((url) => url.searchParams.getAll('busena').join(',') === statuses.join(','));
}

async function changeStatus(to: string) {
  const answer = page.waitForResponse((r) => r.url().endsWith('/busena') && r.request().method() === 'POST');
  await page.getByRole('button', { name: `Keisti būseną į „${to}“` }).click();
  expect((await answer).status()).toBe(200);
  await expect.poll(() => text(status())).toBe(to);
  await page.getByText(`Grupės būsena pakeista į „${to}“.`).waitFor();
}

describe('training group through the browser (§3.7, §3.7.1)', () => {
  it('creates, corrects, publishes, reopens and lists a group', async () => {
    const started = Date.now();

    // ---- Login through VIISP (the simulator), "Fiziniam asmeniui" ----
    await page.goto(`${served.baseUrl}/programos`);
    await page.waitForURL(`${served.baseUrl}/prisijungti`);
    await shot('01-prisijungti');
    await page.getByRole('button', { name: 'Fiziniam asmeniui' }).click();
    await page.locator(`button[data-person="${TEST_PEOPLE.ruta.personalCode}"]`).click();
    await page.waitForURL(`${served.baseUrl}/`);
    await page.getByText('Atstovaujama institucija: E2E institucija').waitFor();
    await shot('02-aplikaciju-sarasas');

    // ---- Programme → tab "Grupės" → new group ----
    await openProgramme('03a-programu-sarasas');
    expect(await page.getByText('Mokymo grupių nerasta.').isVisible()).toBe(true);
    await shot('03-programa-grupes-tuscia');
    await page.getByRole('button', { name: 'Sukurti naują mokymo grupę' }).click();
    await page.waitForURL(/\/grupes\/nauja$/);
    await page.getByRole('heading', { name: 'Nauja mokymo grupė' }).waitFor();
    await fillNewGroup('Grupė A', 0);
    await shot('04-nauja-grupe-uzpildyta');
    await infoPanel().getByRole('button', { name: 'Sukurti naują mokymo grupę' }).click();

    // G1: the group exists, "Kuriama", on its own page with tab "Grupės informacija".
    await page.waitForURL(/\/grupes\/[0-9a-f-]+\?kortele=informacija$/);
    const groupUrl = page.url();
    // Every contact hour planned, so that the group can be published (GRP-40, SCHED-16; the timetable's own e2e test builds one in the browser).
    await fullSchedule(stack.db, {
      institutionId: fixture.institutionId,
      groupId: /\/grupes\/([0-9a-f-]+)/.exec(groupUrl)![1]!,
      venueId: fixture.venueId,
    });
    expect(await text(page.getByRole('heading', { level: 1 }))).toBe('Grupė A');
    expect(await text(page.locator('.tabs a[aria-current="page"]'))).toBe('Grupės informacija');
    expect(await text(status())).toBe('Kuriama');
    expect(await field('Grupės pavadinimas').inputValue()).toBe('Grupė A');
    expect(await field('Mokymosi programos kaina, eurais').inputValue()).toBe('150,00');
    expect(await maxField().inputValue()).toBe('12');
    await shot('05-grupe-kuriama');

    // ---- A refused save: max below min → 422, field error next to the field, typed values kept ----
    await field('Grupės pavadinimas').fill('Grupė A (vakarinė)');
    await minField().fill('8');
    await maxField().fill('3');
    const refused = page.waitForResponse((r) => r.url().endsWith('/informacija') && r.request().method() === 'POST');
    await infoPanel().getByRole('button', { name: 'Išsaugoti' }).click();
    expect((await refused).status()).toBe(422);
    const maxError = page.locator('#e-maxParticipants');
    await maxError.waitFor();
    expect(await text(maxError)).toBe('„Max. grupės dalyvių skaičius“ negali būti mažesnis už „Min. grupės dalyvių skaičius“.');
    // Next to its field (same .field block, outside the label so it is read once), and the input points at it.
    expect(await page.locator('.field:has(#f-maxParticipants) #e-maxParticipants').count()).toBe(1);
    expect(await page.locator('label[for="f-maxParticipants"] #e-maxParticipants').count()).toBe(0);
    expect(await text(page.locator('label[for="f-maxParticipants"]'))).toBe('Max. grupės dalyvių skaičius');
    expect(await maxField().getAttribute('aria-invalid')).toBe('true');
    expect(await maxField().getAttribute('aria-describedby')).toBe('e-maxParticipants');
    expect(await text(page.getByRole('alert').first())).toBe('Patikrinkite pažymėtus laukus.');
    expect(await field('Grupės pavadinimas').inputValue()).toBe('Grupė A (vakarinė)');
    expect(await minField().inputValue()).toBe('8');
    expect(await maxField().inputValue()).toBe('3');
    expect(await field('Mokymosi programos kaina, eurais').inputValue()).toBe('150,00');
    expect(page.url()).toBe(groupUrl); // swapped in place, not a navigation
    expect(await text(status())).toBe('Kuriama');
    await shot('06-klaida-max-mazesnis');

    // ---- Fixed and saved ----
    await maxField().fill('20');
    const saved = page.waitForResponse((r) => r.url().endsWith('/informacija') && r.request().method() === 'POST');
    await infoPanel().getByRole('button', { name: 'Išsaugoti' }).click();
    expect((await saved).status()).toBe(200);
    await page.getByText('Grupės informacija išsaugota.').waitFor();
    // The heading follows the new name without a reload (out-of-band swap), and the message is in view.
    expect(await text(page.locator('#grupes-pavadinimas'))).toBe('Grupė A (vakarinė)');
    expect(await page.getByText('Grupės informacija išsaugota.').isVisible()).toBe(true);
    await expect
      .poll(() => page.getByText('Grupės informacija išsaugota.').evaluate((el) => el.getBoundingClientRect().top >= 0))
      .toBe(true);
    expect(await page.locator('.field-error').count()).toBe(0);
    await shot('07-issaugota');
    await page.reload();
    expect(await maxField().inputValue()).toBe('20');
    expect(await minField().inputValue()).toBe('8');
    expect(await field('Grupės pavadinimas').inputValue()).toBe('Grupė A (vakarinė)');
    expect(await text(page.getByRole('heading', { level: 1 }))).toBe('Grupė A (vakarinė)');

    // ---- G2: "Kuriama" → "Skelbiama": the information becomes read-only ----
    await changeStatus('Skelbiama');
    expect(await infoPanel().locator('input, select, textarea, button').count()).toBe(0);
    expect(await page.getByText(READ_ONLY_NOTE).isVisible()).toBe(true);
    const readOnly = await text(infoPanel());
    expect(readOnly).toContain('Grupė A (vakarinė)');
    expect(readOnly).toContain('150,00 €');
    expect(readOnly).toContain('IMP krepšelis; Asmeninės lėšos');
    expect(readOnly).toContain('Auditorija 101');
    expect(await page.getByRole('button', { name: 'Išsaugoti' }).count()).toBe(0);
    await shot('08-skelbiama');
    await page.reload();
    expect(await text(status())).toBe('Skelbiama');
    expect(await infoPanel().locator('input, select, textarea').count()).toBe(0);

    // ---- A second group, left in "Kuriama", so the status filter has something to tell apart ----
    await openProgramme();
    await page.getByRole('button', { name: 'Sukurti naują mokymo grupę' }).click();
    await page.waitForURL(/\/grupes\/nauja$/);
    await fillNewGroup('Grupė B', 30);
    await infoPanel().getByRole('button', { name: 'Sukurti naują mokymo grupę' }).click();
    await page.waitForURL(/\/grupes\/[0-9a-f-]+\?kortele=informacija$/);
    expect(await text(status())).toBe('Kuriama');

    // ---- The "Grupės" list with statuses, and the status filter (PROG-7, PROG-9) ----
    await openProgramme();
    expect(await groupRows()).toEqual({ 'Grupė A (vakarinė)': 'Skelbiama', 'Grupė B': 'Kuriama' });
    await shot('09-grupiu-sarasas');
    await filterByStatus('Skelbiama');
    expect(await groupRows()).toEqual({ 'Grupė A (vakarinė)': 'Skelbiama' });
    expect(await page.locator('form.filters').getByRole('checkbox', { name: 'Skelbiama', exact: true }).isChecked()).toBe(true);
    await shot('10-filtras-skelbiama');
    await filterByStatus('Kuriama');
    expect(await groupRows()).toEqual({ 'Grupė B': 'Kuriama' });

    // ---- G3: back to "Kuriama" (no registrations): editable again ----
    await page.goto(groupUrl);
    await changeStatus('Kuriama');
    expect(await page.locator('form#grupes-informacija').count()).toBe(1);
    expect(await page.getByText(READ_ONLY_NOTE).count()).toBe(0);
    expect(await maxField().isEditable()).toBe(true);
    expect(await maxField().inputValue()).toBe('20');
    expect(await infoPanel().getByRole('button', { name: 'Išsaugoti' }).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Keisti būseną į „Skelbiama“' }).waitFor();
    await shot('11-vel-kuriama');

    // The filter now finds no published group, both under "Kuriama".
    await openProgramme();
    await filterByStatus('Skelbiama');
    expect(await groupRows()).toEqual({});
    expect(await page.getByText('Mokymo grupių nerasta.').isVisible()).toBe(true);
    await filterByStatus('Kuriama');
    expect(await groupRows()).toEqual({ 'Grupė A (vakarinė)': 'Kuriama', 'Grupė B': 'Kuriama' });
    await shot('12-filtras-kuriama');

    // The programme list counts its groups by status (PROG-4).
    await page
      .getByRole('navigation', { name: 'Aplikacijų sąrašas' })
      .getByRole('link', { name: 'Institucijos mokymosi programos' })
      .click();
    await page.waitForURL(/\/programos$/);
    const programmeRow = page
      .locator('table tbody tr')
      .filter({ has: page.getByRole('link', { name: fixture.programmeCode, exact: true }) });
    // Columns: Programos kodas, Programos pavadinimas, Programos rūšis, Mokymo vieta, Grupių būsenos, Pastabos.
    expect(await text(programmeRow.locator('td').nth(4))).toBe('Kuriama: 2');
    await shot('13-programu-sarasas-busenos');

    // ---- Nothing went wrong in the browser along the way ----
    await accessibility.flush();
    expect(problems).toEqual([]);
    expect(expectedFailedLoads.length).toBeLessThanOrEqual(1);
    console.log(`e2e flow: ${Date.now() - started} ms in the browser`);
  });
});
