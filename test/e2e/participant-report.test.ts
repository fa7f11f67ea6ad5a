// "Ataskaita. Dalyvių informacija" in Chromium (§3.11; REP-5..REP-8, issue 15): the administrator opens
// the report from the menu, changes the criteria in the form (htmx swaps the report and the address bar
// follows, so the URL is the report), sees the counts table and both SVG charts, pages the participants,
// and reloads the pushed URL to the same report. Under the app's strict CSP (no violation), axe-clean
// at every state (test/support/axe.ts), and at 1280 px nothing scrolls sideways (test/support/layout.ts).
import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GroupStatus } from '../../workflows/domain/group-status.ts';
import { launchBrowser, serveApp, watchedPage, type ServedApp } from '../support/browser.ts';
import { ROOT } from '../support/env.ts';
import { createInstitution, type InstitutionFixture } from '../support/fixtures.ts';
import { insertGroupRows } from '../support/group-rows.ts';
import { layoutProblems } from '../support/layout.ts';
import { insertRegistrationRows } from '../support/report-rows.ts';
import { adminSession, type TestSession } from '../support/session.ts';
import { startStack, type TestStack } from '../support/stack.ts';

let stack: TestStack;
let served: ServedApp;
let browser: Browser;
let fx: InstitutionFixture;
let admin: TestSession;
const RUN = crypto.randomUUID().slice(0, 8);
const SCREENSHOTS = `${ROOT}.data/test/screenshots`;

beforeAll(async () => {
  stack = await startStack('e2e-participant-report', { worker: false });
  served = await serveApp(stack.app);
  browser = await launchBrowser();
  fx = await createInstitution(stack.db, 'Dalyvių ataskaitos institucija');
  admin = await adminSession(stack.db, fx);
  const groupIds = await insertGroupRows(stack.db, {
    institutionId: fx.institutionId,
    programmeId: fx.programmeId,
    venueId: fx.venueId,
    count: 3,
    name: (i) => `Vakarinė suvirintojų grupė ${i + 1} (pažengusiems, su praktika įmonėje) ${RUN}`,
    status: (i) => [GroupStatus.InDelivery, GroupStatus.Published, GroupStatus.Completed][i]!,
  });
  await insertRegistrationRows(stack.db, {
    institutionId: fx.institutionId,
    groupIds,
    count: 120,
    lastNamePrefix: `Vaitkevičiūtė-Januškevičienė${RUN}`,
    from: new Date('2026-09-01T08:00:00Z'),
    stepSeconds: 6 * 3600,
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await served?.close();
  await stack?.stop();
});

describe('Ataskaita. Dalyvių informacija in the browser', () => {
  it('opens from the menu, changes criteria with htmx (the URL follows), draws the charts, pages, and reloads to the same report', async () => {
    const watched = await watchedPage(browser);
    const { page, context } = watched;
    try {
      const host = new URL(served.baseUrl).hostname;
      const eq = admin.cookie.indexOf('=');
      await context.addCookies([
        {
          name: admin.cookie.slice(0, eq),
          value: admin.cookie.slice(eq + 1),
          domain: host,
          path: '/',
          secure: true,
          httpOnly: true,
          sameSite: 'Lax',
        },
      ]);
      await page.goto(`${served.baseUrl}/`);
      await page
        .getByRole('navigation', { name: 'Aplikacijų sąrašas' })
        .getByRole('link', { name: 'Ataskaita. Dalyvių informacija' })
        .click();
      await page.waitForURL(/\/ataskaitos\/dalyviai$/);
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Ataskaita. Dalyvių informacija');
      expect(await page.locator('main').textContent()).toContain('Kriterijus atitinka dalyvių registracijų: 120');
      expect(await page.getByRole('img', { name: 'Dalyvių skaičius pagal „Registracijos būsena“' }).count()).toBe(1);
      expect(await page.getByRole('img', { name: /^Registracijų skaičius (dienomis|savaitėmis|mėnesiais)$/ }).count()).toBe(1);
      expect(await layoutProblems(page)).toEqual([]);

      // Criteria: only "Vykdoma" groups, by funding and contract status (two dimensions).
      await page.locator('select[name="grupes_busena"]').selectOption(['Vykdoma']);
      await page.locator('select[name="pjuvis"]').selectOption('finansavimas');
      await page.locator('select[name="pjuvis2"]').selectOption('registracijos_busena');
      await page.getByRole('button', { name: 'Formuoti ataskaitą' }).click();
      await page.waitForURL(/grupes_busena=Vykdoma/);
      const url = page.url();
      expect(url).toContain('pjuvis=finansavimas');
      expect(url).toContain('pjuvis2=registracijos_busena');
      const expected = await stack.db
        .selectFrom('group_registrations as r')
        .innerJoin('training_groups as g', 'g.id', 'r.group_id')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('r.institution_id', '=', fx.institutionId)
        .where('g.status', '=', 'Vykdoma')
        .executeTakeFirstOrThrow();
      await expect
        .poll(() => page.locator('main').textContent())
        .toContain(`Kriterijus atitinka dalyvių registracijų: ${Number(expected.n)}`);
      const chart = page.getByRole('img', { name: 'Dalyvių skaičius pagal „Finansavimo šaltinis“ ir „Registracijos būsena“' });
      expect(await chart.count()).toBe(1);
      expect(await page.locator('table.report-counts caption').textContent()).toContain('„Finansavimo šaltinis“ (eilutės)');
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: `${SCREENSHOTS}/dalyviu-ataskaita.png`, fullPage: true });
      await page.locator('form.report-criteria').screenshot({ path: `${SCREENSHOTS}/dalyviu-ataskaita-kriterijai.png` });
      await page.locator('section[aria-labelledby="skaiciai"]').screenshot({ path: `${SCREENSHOTS}/dalyviu-ataskaita-skaiciai.png` });
      await page.locator('section[aria-labelledby="laikas"]').screenshot({ path: `${SCREENSHOTS}/dalyviu-ataskaita-laikas.png` });
      expect(await layoutProblems(page)).toEqual([]);

      // The pushed URL is the report: reloading it gives the same page, the form as chosen.
      await page.goto(url);
      expect(await page.locator('main').textContent()).toContain(`Kriterijus atitinka dalyvių registracijų: ${Number(expected.n)}`);
      expect(await page.locator('select[name="pjuvis"]').inputValue()).toBe('finansavimas');

      // Paging keeps the criteria.
      await page.goto(`${served.baseUrl}/ataskaitos/dalyviai`);
      await page.getByRole('navigation', { name: 'Dalyvių sąrašo puslapiai' }).getByRole('link', { name: '2', exact: true }).click();
      await page.waitForURL(/puslapis=2/);
      expect(await page.locator('table.report-participants tbody tr').count()).toBe(50);

      // A range ending before it starts: the message at the field, the form kept.
      await page.getByLabel('Registracijos data nuo').fill('2026-10-10');
      await page.getByLabel('Registracijos data iki').fill('2026-10-01');
      await page.getByRole('button', { name: 'Formuoti ataskaitą' }).click();
      await expect
        .poll(() => page.locator('main').textContent())
        .toContain('Registracijos laikotarpio pabaiga negali būti ankstesnė už jo pradžią.');
      expect(await page.getByLabel('Registracijos data nuo').inputValue()).toBe('2026-10-10');

      await watched.accessibility.flush();
      expect(watched.accessibility.checked.length).toBeGreaterThanOrEqual(5);
      expect(watched.problems.filter((p) => !/422/.test(p))).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
