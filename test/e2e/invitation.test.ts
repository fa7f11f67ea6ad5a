// Issue 3 end to end, in real browsers: the head of a legal entity that ŠMIR knows but IMP IS does
// not logs in for the first time ("Juridiniam asmeniui", pledge, consent), invites an administrator in
// "Institucijos naudotojai"; the invitee opens the e-mailed link, is refused without consent, then
// confirms their identity through VIISP "Fiziniam asmeniui", gets the confirmation e-mail and the
// administrator's applications; the used link is refused afterwards and changes nothing
// (AUTH-2..AUTH-10, AUTH-13, USERS-1..USERS-3, USERS-6..USERS-8, USERS-10, USERS-13, USERS-14, L9 U1, U3).
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEAD, Right, visibleApplications } from '../../workflows/domain/access.ts';
import { hashPersonalCode } from '../../worker/crypto.ts';
import { TEST_LEGAL_ENTITIES, TEST_PEOPLE } from '../sim/viisp/people.ts';
import type { AccessibilityWatch } from '../support/axe.ts';
import { freePort, launchBrowser, serveApp, watchContext, type ServedApp } from '../support/browser.ts';
import { ROOT } from '../support/env.ts';
import { mailpit, mailpitQuery } from '../support/mailpit.ts';
import { startStack, type TestStack } from '../support/stack.ts';
import { ADMINISTRATOR_MENU } from '../support/menus.ts';

const SCREENSHOTS = `${ROOT}.data/test/screenshots`;
// This file's own head, entity and invitee (no other test logs in as them): the test database is shared.
const HEAD_PERSON = TEST_PEOPLE.algirdas;
const ENTITY = TEST_LEGAL_ENTITIES.futureInSmir;
const INVITEE = TEST_PEOPLE.ieva;
const INVITEE_EMAIL = `ieva.stankeviciene.${crypto.randomUUID().slice(0, 8)}@example.lt`;
const PLEDGE = 'naudotojo pasižadėjimas saugoti asmens duomenų paslaptį';
const CONSENT = 'Sutinku su privatumo politika';
const INVITATION_SUBJECT = 'Kvietimas prisijungti prie IMP IS';
const CONFIRMED_SUBJECT = 'Tapatybė patvirtinta: prisijungimas prie IMP IS';

let stack: TestStack;
let served: ServedApp;
let browser: Browser;
const contexts: BrowserContext[] = [];
/** axe-core over every page of each context (test/support/axe.ts). */
const watches: AccessibilityWatch[] = [];

/** Everything any browser context reports as going wrong: console errors, uncaught errors, CSP violations, failed requests. */
const problems: string[] = [];
/**
 * Error responses this test causes on purpose (the refusal without consent, 422; the used link,
 * 410): Chromium may log each as "Failed to load resource"; each may be logged at most once.
 */
const expected: { url: RegExp; status: number; seen: number }[] = [];

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await mailpit.ensureUp();
  const port = await freePort();
  stack = await startStack('e2e-invitation', { simulators: true, publicUrl: `http://127.0.0.1:${port}` });
  served = await serveApp(stack.app, port);
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await served?.close();
  await stack?.stop();
});

/** A fresh browser (own cookies) whose pages, the simulator's included, report every problem. */
async function newPerson(who: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'lt-LT', timezoneId: 'Europe/Vilnius', viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  // CSP violations made unmistakable, and axe-core over every page and swap (test/support/axe.ts).
  watches.push(await watchContext(context, problems));
  context.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    const url = msg.location().url;
    const status = /status of (\d{3})/.exec(text);
    const known = status ? expected.find((e) => e.status === Number(status[1]) && e.url.test(url) && e.seen === 0) : undefined;
    if (known) known.seen++;
    else problems.push(`[${who}] console.error: ${text} @ ${url}`);
  });
  context.on('weberror', (err) => problems.push(`[${who}] pageerror: ${err.error().message}`));
  context.on('requestfailed', (req) =>
    problems.push(`[${who}] request failed: ${req.method()} ${req.url()} ${req.failure()?.errorText ?? ''}`),
  );
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  return page;
}

async function shot(page: Page, name: string) {
  // caret: 'initial': hiding the caret leaves style="" on inputs (a test-made CSP violation after htmx swaps).
  await page.screenshot({ path: `${SCREENSHOTS}/inv-${name}.png`, fullPage: true, caret: 'initial' });
}

async function text(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

/** Who is logged in and for which institution, as the top bar shows it (two lines, read as one). */
async function acting(page: Page): Promise<string> {
  return (await page.locator('.topbar .acting').innerText()).replace(/\s+/g, ' ').trim();
}

/** The application names in the left navigation. */
async function navApplications(page: Page): Promise<string[]> {
  return (await page.getByRole('navigation', { name: 'Aplikacijų sąrašas' }).locator('li').allTextContents()).map((t) =>
    t.replace(/\s+/g, ' ').trim(),
  );
}

/** The application names on the home page (a link, or a name marked "(dar neįdiegta)"). */
async function homeApplications(page: Page): Promise<string[]> {
  const names = await page.locator('ul.app-list > li > :is(a, span)').allTextContents();
  return names.map((t) =>
    t
      .replace(/\s+/g, ' ')
      .replace(/ \(dar neįdiegta\)$/, '')
      .trim(),
  );
}

/** Rows of "Institucijos naudotojai": name → { e-mail, groups, status }. */
async function userRows(page: Page): Promise<Record<string, { email: string; rights: string; status: string }>> {
  const result: Record<string, { email: string; rights: string; status: string }> = {};
  for (const row of await page.locator('#naudotoju-sarasas table tbody tr').all()) {
    const cells = row.locator('td');
    result[await text(cells.nth(0))] = {
      email: await text(cells.nth(1)),
      rights: await text(cells.nth(2)),
      status: await text(cells.nth(3).locator('.user-status')),
    };
  }
  return result;
}

async function openUsers(page: Page) {
  await page.getByRole('navigation', { name: 'Aplikacijų sąrašas' }).getByRole('link', { name: 'Institucijos naudotojai' }).click();
  await page.waitForURL(`${served.baseUrl}/naudotojai`);
  await page.getByRole('heading', { level: 1, name: 'Institucijos naudotojai' }).waitFor();
}

/** What step 7 must leave untouched. */
async function snapshot(institutionId: string, inviteeHash: string) {
  const db = stack.db;
  return {
    users: await db
      .selectFrom('institution_users')
      .select(['id', 'status', 'confirmed_at', 'updated_at', 'personal_code_hash'])
      .where('institution_id', '=', institutionId)
      .orderBy('id')
      .execute(),
    invitations: await db.selectFrom('user_invitations').selectAll().where('institution_id', '=', institutionId).orderBy('id').execute(),
    consents: (
      await db
        .selectFrom('consents')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('personal_code_hash', '=', inviteeHash)
        .executeTakeFirstOrThrow()
    ).n,
    audit: (
      await db
        .selectFrom('audit_log')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('institution_id', '=', institutionId)
        .executeTakeFirstOrThrow()
    ).n,
    outbox: (
      await db
        .selectFrom('email_outbox')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('institution_id', '=', institutionId)
        .executeTakeFirstOrThrow()
    ).n,
    sessions: (
      await db
        .selectFrom('sessions')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('personal_code_hash', '=', inviteeHash)
        .executeTakeFirstOrThrow()
    ).n,
  };
}

describe('inviting an institution user through the browser (issue 3)', () => {
  it('head logs in first time, invites an administrator, who confirms through VIISP; the link works once', async () => {
    const started = Date.now();
    const inviteeHash = hashPersonalCode(stack.config.secrets.personalCodePepper, INVITEE.personalCode);
    expect(await stack.db.selectFrom('institutions').select('id').where('code', '=', ENTITY.code).executeTakeFirst()).toBeUndefined();

    // ---- 1. The head's first login: "Juridiniam asmeniui" → VIISP → pledge and consent → two applications ----
    const head = await newPerson('vadovas');
    await head.goto(`${served.baseUrl}/`);
    await head.waitForURL(`${served.baseUrl}/prisijungti`);
    await head.getByRole('heading', { level: 1, name: 'Prisijungti' }).waitFor();
    await shot(head, '01-prisijungti');
    await head.getByRole('button', { name: 'Juridiniam asmeniui' }).click();
    await head.locator('section[data-mode="juridinis"]').waitFor();
    expect(await text(head.locator('nav[aria-label="Prisijungimo būdas"] a[aria-current="page"]'))).toBe('Juridiniam asmeniui');
    await shot(head, '02-viisp-juridinis');
    await head.locator(`button[data-person="${HEAD_PERSON.personalCode}"][data-entity="${ENTITY.code}"]`).click();
    await head.waitForURL(`${served.baseUrl}/sutikimas`);
    expect(await text(head.locator('article.pledge h2'))).toContain(PLEDGE);
    expect(await head.getByRole('checkbox', { name: CONSENT }).isChecked()).toBe(false);
    await shot(head, '03-vadovo-sutikimas');
    await head.getByRole('checkbox', { name: CONSENT }).check();
    await head.getByRole('button', { name: 'Tęsti' }).click();
    await head.waitForURL(`${served.baseUrl}/`);
    await head.getByRole('heading', { level: 1, name: 'Aplikacijų sąrašas' }).waitFor();
    expect(await acting(head)).toBe(
      `${HEAD_PERSON.givenName} ${HEAD_PERSON.familyName} (vadovas) Atstovaujama institucija: ${ENTITY.name}`,
    );
    const headApps = ['Institucijos naudotojai', 'Institucijos informacija'];
    expect(visibleApplications([HEAD])).toEqual(headApps);
    expect(await navApplications(head)).toEqual(headApps);
    expect(await homeApplications(head)).toEqual(headApps);
    await shot(head, '04-vadovo-aplikacijos');
    const institution = await stack.db.selectFrom('institutions').selectAll().where('code', '=', ENTITY.code).executeTakeFirstOrThrow();
    expect(institution).toMatchObject({ name: ENTITY.name, kind: 'JURIDINIS' });

    // ---- 2. "Įtraukti naują naudotoją": the user window, an administrator, saved → "Pakviestas" ----
    await openUsers(head);
    expect(await userRows(head)).toEqual({});
    await shot(head, '05-naudotojai-tuscia');
    await head.getByRole('button', { name: 'Įtraukti naują naudotoją' }).click();
    await head.waitForURL(`${served.baseUrl}/naudotojai/naujas`);
    await head.getByRole('heading', { level: 1, name: 'Naujas naudotojas' }).waitFor();
    const form = head.locator('form#naudotojo-langas');
    await form.getByLabel('Vardas', { exact: true }).fill(INVITEE.givenName);
    await form.getByLabel('Pavardė', { exact: true }).fill(INVITEE.familyName);
    await form.getByLabel('Asmens kodas', { exact: true }).fill(INVITEE.personalCode);
    await form.getByLabel('El. paštas', { exact: true }).fill(INVITEE_EMAIL);
    await form.getByRole('checkbox', { name: 'Mokymo institucijos administratorius' }).check();
    await shot(head, '06-naujas-naudotojas');
    await form.getByRole('button', { name: 'Išsaugoti ir išsiųsti kvietimą' }).click();
    await head.waitForURL(/\/naudotojai\?pranesimas=itrauktas&naudotojas=[0-9a-f-]+$/);
    const inviteeName = `${INVITEE.givenName} ${INVITEE.familyName}`;
    expect(await text(head.getByRole('status').filter({ hasText: 'įtrauktas' }))).toBe(
      `Naudotojas ${inviteeName} įtrauktas, kvietimas siunčiamas el. paštu ${INVITEE_EMAIL}.`,
    );
    // Shown once: the notice's parameter leaves the address bar, so a reload does not repeat it.
    await expect.poll(() => new URL(head.url()).searchParams.has('pranesimas')).toBe(false);
    expect(await userRows(head)).toEqual({
      [inviteeName]: { email: INVITEE_EMAIL, rights: 'Mokymo institucijos administratorius', status: 'Pakviestas' },
    });
    expect(await text(head.locator('#naudotoju-sarasas tbody tr td').nth(3).locator('small'))).toMatch(
      // Seven days from now, the time left rounded down (issue 11 item 13).
      /^Kvietimas galioja iki \d{4}-\d{2}-\d{2} \d{2}:\d{2} \(liko 6 dienos 23 valandos\)$/,
    );
    await shot(head, '07-pakviestas');

    // ---- 3. The invitation e-mail in Mailpit, with its single-use /kvietimas/… link ----
    const invitationMail = await mailpit.waitForMessage(
      (m) => m.Subject === INVITATION_SUBJECT,
      20_000,
      mailpitQuery({ to: INVITEE_EMAIL }),
    );
    const invitation = await mailpit.message(invitationMail.ID);
    expect(invitation.To.map((t) => t.Address)).toEqual([INVITEE_EMAIL]);
    expect(invitation.Text).toContain(`„${ENTITY.name}“`);
    expect(invitation.Text).toContain('Mokymo institucijos administratorius');
    const linkMatch = new RegExp(`${served.baseUrl.replace(/[.]/g, '\\.')}/kvietimas/[A-Za-z0-9._~-]+`).exec(invitation.Text);
    expect(linkMatch, `no invitation link in:\n${invitation.Text}`).not.toBeNull();
    const link = linkMatch![0];

    // ---- 4. The invitee, in her own browser: the link, a refusal without consent, then VIISP "Fiziniam asmeniui" ----
    const invitee = await newPerson('pakviestoji');
    await invitee.goto(link);
    await invitee.getByRole('heading', { level: 1, name: 'Kvietimas prisijungti prie IMP IS' }).waitFor();
    expect(await text(invitee.locator('main'))).toContain(`Mokymo institucija „${ENTITY.name}“ pakvietė jus tapti IMP IS naudotoju.`);
    expect(await text(invitee.locator('article.pledge h2'))).toContain(PLEDGE);
    await shot(invitee, '08-kvietimo-puslapis');
    expected.push({ url: /\/kvietimas\//, status: 422, seen: 0 });
    const refused = invitee.waitForResponse((r) => r.url() === link && r.request().method() === 'POST');
    await invitee.getByRole('button', { name: 'Patvirtinti tapatybę per VIISP' }).click();
    expect((await refused).status()).toBe(422);
    await invitee.getByRole('alert').waitFor();
    expect(await text(invitee.getByRole('alert'))).toBe(`Norėdami tęsti, pažymėkite „${CONSENT}“.`);
    expect(invitee.url()).toBe(link);
    expect(await invitee.getByRole('checkbox', { name: CONSENT }).getAttribute('aria-invalid')).toBe('true');
    await shot(invitee, '09-be-sutikimo');
    await invitee.getByRole('checkbox', { name: CONSENT }).check();
    await invitee.getByRole('button', { name: 'Patvirtinti tapatybę per VIISP' }).click();
    await invitee.locator('section[data-mode="fizinis"]').waitFor();
    expect(await text(invitee.locator('nav[aria-label="Prisijungimo būdas"] a[aria-current="page"]'))).toBe('Fiziniam asmeniui');
    await shot(invitee, '10-viisp-fizinis');
    await invitee.locator(`button[data-person="${INVITEE.personalCode}"]`).click();
    await invitee.waitForURL((url) => url.origin === served.baseUrl && url.pathname === '/');
    await invitee.getByRole('heading', { level: 1, name: 'Aplikacijų sąrašas' }).waitFor();
    expect(await acting(invitee)).toBe(`${inviteeName} Atstovaujama institucija: ${ENTITY.name}`);
    expect(await text(invitee.locator('main .notice-success'))).toBe('Jūsų tapatybė patvirtinta. Sveiki prisijungę prie IMP IS.');
    await shot(invitee, '11-pakviestosios-aplikacijos');

    // ---- 5. The confirmation e-mail, with the login link ----
    const confirmedMail = await mailpit.waitForMessage((m) => m.Subject === CONFIRMED_SUBJECT, 20_000, mailpitQuery({ to: INVITEE_EMAIL }));
    const confirmed = await mailpit.message(confirmedMail.ID);
    expect(confirmed.Text).toContain(`„${ENTITY.name}“`);
    expect(confirmed.Text).toContain('Fiziniam asmeniui');
    expect(confirmed.Text.match(/https?:\/\/\S+/g)).toEqual([`${served.baseUrl}/prisijungti`]);

    // ---- 6. An administrator's applications; "Patvirtintas" for her and for the head ----
    // An administrator sees all 13 applications, in the manual's order (REQUIREMENTS.md §6, APP-17).
    const adminApps = ADMINISTRATOR_MENU;
    expect(visibleApplications([Right.Administrator])).toEqual(adminApps);
    expect(await navApplications(invitee)).toEqual(adminApps);
    expect(await homeApplications(invitee)).toEqual(adminApps);
    await openUsers(invitee);
    expect(await userRows(invitee)).toEqual({
      [inviteeName]: { email: INVITEE_EMAIL, rights: 'Mokymo institucijos administratorius', status: 'Patvirtintas' },
    });
    await shot(invitee, '12-pakviestoji-naudotojai');
    await head.reload();
    expect(await userRows(head)).toEqual({
      [inviteeName]: { email: INVITEE_EMAIL, rights: 'Mokymo institucijos administratorius', status: 'Patvirtintas' },
    });
    await shot(head, '13-vadovas-patvirtintas');

    // ---- 7. The same link again, in a third browser: 410, nothing changes ----
    const before = await snapshot(institution.id, inviteeHash);
    expect(before.users).toHaveLength(1);
    expect(before.users[0]).toMatchObject({ status: 'ACTIVE', personal_code_hash: inviteeHash });
    expect(before.invitations.map((i) => i.status)).toEqual(['CONFIRMED']);
    const stranger = await newPerson('trečiasis');
    expected.push({ url: /\/kvietimas\//, status: 410, seen: 0 });
    const again = await stranger.goto(link);
    expect(again?.status()).toBe(410);
    expect(await text(stranger.getByRole('alert'))).toBe(
      'Ši kvietimo nuoroda jau panaudota. Prie IMP IS junkitės per „Prisijungti“, pasirinkę „Fiziniam asmeniui“.',
    );
    expect(await stranger.getByRole('button', { name: 'Patvirtinti tapatybę per VIISP' }).count()).toBe(0);
    expect(await stranger.locator('.topbar .acting').count()).toBe(0);
    await shot(stranger, '14-nuoroda-panaudota');
    expect(await snapshot(institution.id, inviteeHash)).toEqual(before);
    expect((await mailpit.search(mailpitQuery({ to: INVITEE_EMAIL }))).map((m) => m.Subject).sort()).toEqual(
      [CONFIRMED_SUBJECT, INVITATION_SUBJECT].sort(),
    );
    // The invitee's own session was not touched by it.
    await invitee.reload();
    expect(await userRows(invitee)).toEqual({
      [inviteeName]: { email: INVITEE_EMAIL, rights: 'Mokymo institucijos administratorius', status: 'Patvirtintas' },
    });

    // ---- 8. Nothing went wrong in any browser, the simulator's pages included ----
    for (const watch of watches) await watch.flush();
    expect(problems).toEqual([]);
    console.log(
      `e2e invitation flow: ${Date.now() - started} ms in the browsers; expected error responses logged: ${expected.map((e) => `${e.status}×${e.seen}`).join(', ')}`,
    );
  });
});
