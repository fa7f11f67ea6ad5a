// Issue 6 across all the roles, in a real browser, each role in its own browser context: a
// participant registers for a published group in the KURSUOK portal and uploads an employment
// document (SoDra does not list her as employed); the funder's reviewer decides "Užimtas asmuo";
// the provider sees her eligible in "Mokymo dalyviai" and approves ("tvirtina"); at the end of
// registration the group, having its minimum, becomes "Vykdoma" by itself and she is invited to
// sign the learning contract — PORTAL-2..PORTAL-5, DOC-6..DOC-19, PART-1..PART-9, GRP-31, GRP-34.
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPersonalCode } from '../../worker/crypto.ts';
import { vilniusDate } from '../../workflows/domain/calendar.ts';
import type { GroupDeadlines } from '../../workflows/domain/group-deadlines.ts';
import { validateGroupInfo } from '../../workflows/domain/group-info.ts';
import { GroupStatus } from '../../workflows/domain/group-status.ts';
import { trainingGroupWorkflowId } from '../../workflows/ids.ts';
import { changeGroupStatusUpdate, createGroupUpdate, type Actor } from '../../workflows/training-group/messages.ts';
import type { trainingGroupWorkflow } from '../../workflows/training-group/workflow.ts';
import { TEST_PEOPLE } from '../sim/viisp/people.ts';
import { freePort, launchBrowser, rolePages, serveApp, type RolePages, type ServedApp } from '../support/browser.ts';
import { ROOT } from '../support/env.ts';
import { createInstitution, fullSchedule, groupForm, type InstitutionFixture } from '../support/fixtures.ts';
import { mailpit, mailpitQuery } from '../support/mailpit.ts';
import { startStack, type TestStack } from '../support/stack.ts';

const SCREENSHOTS = `${ROOT}.data/test/screenshots/dalyvis`;
/** People of this test only (the other e2e files run at the same time against one database). */
const PROVIDER = TEST_PEOPLE.kestutis;
const PARTICIPANT = TEST_PEOPLE.rasa;
const REVIEWER = TEST_PEOPLE.jurgita;
/** Long enough for the browser part before it, short enough to wait for after it. */
const REGISTRATION_OPEN_MS = 75_000;

let stack: TestStack;
let served: ServedApp;
let browser: Browser;
let roles: RolePages;
let fixture: InstitutionFixture;
let groupId: string;
let registrationEndsAt: number;
const email = `rasa.${crypto.randomUUID().slice(0, 8)}@dalyviai.example.lt`;

/** From the app's VIISP button to the simulator's person list and back. */
async function viispLogin(page: Page, personalCode: string) {
  await page.locator(`button[data-person="${personalCode}"]`).click();
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const port = await freePort();
  stack = await startStack('e2e-participant', { simulators: true, publicUrl: `http://127.0.0.1:${port}` });
  const pepper = stack.config.secrets.personalCodePepper;
  fixture = await createInstitution(stack.db, 'Dalyvių kelio institucija');
  const providerKey = hashPersonalCode(pepper, PROVIDER.personalCode);
  await stack.db.updateTable('institution_users').set({ personal_code_hash: providerKey }).where('id', '=', fixture.userId).execute();
  await stack.db
    .insertInto('consents')
    .values({ personal_code_hash: providerKey, policy_version: stack.config.privacyPolicyVersion, context: 'TESTAS' })
    .execute();
  await stack.db
    .insertInto('staff_members')
    .values({
      person_key: hashPersonalCode(pepper, REVIEWER.personalCode),
      role: 'VERTINTOJAS',
      first_name: REVIEWER.givenName,
      last_name: REVIEWER.familyName,
      email: 'jurgita@vertinimas.example.lt',
    })
    .execute();

  // A published group whose registration ends REGISTRATION_OPEN_MS from now (an explicit deadline,
  // as an operator may give it; the web derives it from the dates).
  groupId = crypto.randomUUID();
  const actor: Actor = { userId: fixture.userId, institutionId: fixture.institutionId, requestId: 'e2e', personalCodeHash: providerKey };
  const info = validateGroupInfo(
    groupForm(fixture.venueId, {
      name: 'Vakarinė grupė Dalyviams',
      registrationStart: vilniusDate(new Date()),
      minParticipants: '1',
      maxParticipants: '8',
    }),
  );
  if (!info.ok) throw new Error(JSON.stringify(info.errors));
  registrationEndsAt = Date.now() + REGISTRATION_OPEN_MS;
  const deadlines: GroupDeadlines = {
    registrationClosesAt: new Date(registrationEndsAt).toISOString(),
    programmeStartsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
  };
  const handle = await stack.client.workflow.start<typeof trainingGroupWorkflow>('trainingGroupWorkflow', {
    workflowId: trainingGroupWorkflowId(groupId),
    taskQueue: stack.config.temporal.taskQueue,
    args: [
      {
        groupId,
        institutionId: fixture.institutionId,
        programmeId: fixture.programmeId,
        programmeCode: fixture.programmeCode,
        programmeName: 'Testinė programa',
      },
    ],
  });
  await handle.executeUpdate(createGroupUpdate, { args: [{ actor, info: info.info, deadlines }], updateId: groupId });
  await fullSchedule(stack.db, { institutionId: fixture.institutionId, groupId, venueId: fixture.venueId });
  await handle.executeUpdate(changeGroupStatusUpdate, { args: [{ actor, to: GroupStatus.Published }] });

  served = await serveApp(stack.app, port);
  browser = await launchBrowser();
  roles = rolePages(browser);
});

afterAll(async () => {
  await roles?.close();
  await browser?.close();
  await served?.close();
  await stack?.stop();
});

describe('a participant, a reviewer and the provider (issue 6)', () => {
  it('registration → document → review → approval → "Vykdoma" at registration end → contract invitation', async () => {
    const base = served.baseUrl;

    // ---- The participant: catalogue, VIISP login, e-mail, registration (PORTAL-1..PORTAL-3) ----
    const participant = await roles.open();
    await participant.goto(`${base}/kursuok`);
    await participant.getByLabel('Programa arba grupė').fill('Vakarinė grupė Dalyviams');
    await participant.getByRole('button', { name: 'Ieškoti' }).click();
    await participant.locator(`article[data-group="${groupId}"] h2 a`).click();
    await participant.getByRole('button', { name: 'Prisijunkite, kad galėtumėte registruotis' }).click();
    await participant.getByRole('button', { name: 'Prisijungti per VIISP' }).click();
    await viispLogin(participant, PARTICIPANT.personalCode);
    await participant.waitForURL(`${base}/kursuok/profilis`);
    await participant.getByLabel('El. pašto adresas').fill(email);
    await participant.getByRole('button', { name: 'Išsaugoti' }).click();
    // The first save leads to the catalogue; let it load before going on (a goto would abort it).
    await participant.waitForURL(`${base}/kursuok`, { waitUntil: 'load' });
    await participant.goto(`${base}/kursuok/grupes/${groupId}`);
    await participant.getByRole('button', { name: 'Registruotis' }).click();
    await participant.waitForURL((u) => u.pathname === '/kursuok/registracijos');
    await participant.getByText('Vakarinė grupė Dalyviams').first().waitFor();
    await participant.getByText('Užsiregistravo').first().waitFor();
    expect(Date.now()).toBeLessThan(registrationEndsAt);

    // ---- Her employment document: SoDra says "Ne" (DOC-6) ----
    await participant.goto(`${base}/kursuok/dokumentai`);
    await participant.getByLabel('Dokumento rūšis').selectOption('UZIMTUMAS');
    await participant.getByLabel('Dokumento kopija').setInputFiles(`${ROOT}test/fixtures/files/patirtis.png`);
    await participant.getByRole('button', { name: 'Įkelti' }).click();
    await participant.getByText('Laukia vertinimo').first().waitFor();
    await participant.screenshot({ path: `${SCREENSHOTS}/1-dokumentai.png`, fullPage: true });

    // ---- The reviewer's queue and decision (DOC-10, DOC-14, DOC-15) ----
    const reviewer = await roles.open();
    await reviewer.goto(`${base}/vertinimas`);
    await reviewer.waitForURL(`${base}/vertinimas/prisijungti`);
    await reviewer.getByRole('button', { name: 'Fiziniam asmeniui' }).click();
    await viispLogin(reviewer, REVIEWER.personalCode);
    await reviewer.waitForURL(`${base}/vertinimas`);
    const row = reviewer.locator('tr', { hasText: `${PARTICIPANT.givenName} ${PARTICIPANT.familyName}` });
    await row.getByRole('link', { name: 'Užimtumą patvirtinantis dokumentas' }).click();
    await reviewer.getByRole('radio', { name: 'Užimtas asmuo' }).check();
    await reviewer.getByRole('button', { name: 'Išsaugoti vertinimą' }).click();
    await reviewer.getByText('Vertinimas išsaugotas, dalyviui bus išsiųstas pranešimas.').waitFor();
    await reviewer.screenshot({ path: `${SCREENSHOTS}/2-vertinimas.png`, fullPage: true });

    // ---- The provider: "Mokymo dalyviai", eligible, "Tvirtinti pažymėtus" (PART-1..PART-9, DOC-19) ----
    const provider = await roles.open();
    await provider.goto(`${base}/grupes/${groupId}/dalyviai`);
    await provider.waitForURL(`${base}/prisijungti`);
    await provider.getByRole('button', { name: 'Fiziniam asmeniui' }).click();
    await viispLogin(provider, PROVIDER.personalCode);
    await provider.waitForURL((u) => u.pathname === '/' || u.pathname === '/pasirinkti-institucija' || u.pathname.startsWith('/grupes/'));
    await provider.goto(`${base}/grupes/${groupId}/dalyviai`);
    // A row per participant; the row opens her full card in place and is ticked to approve (issue 11, item 12).
    const fullName = `${PARTICIPANT.givenName} ${PARTICIPANT.familyName}`;
    const participantRow = provider.locator('table.participants tr[id^="registracija-"]', { hasText: fullName });
    await participantRow.getByRole('checkbox', { name: `Pažymėti: ${fullName}` }).check();
    await participantRow.getByRole('link', { name: `Atidaryti kortelę: ${fullName}` }).click();
    const card = provider.locator('tr.participant-card article', { hasText: fullName });
    await card.getByText('Užimtas asmuo').first().waitFor();
    await card.getByRole('heading', { name: 'Reikalavimų atitiktis' }).waitFor();
    // Opening the card kept her tick; "Tvirtinti pažymėtus" approves her, eligible, through the group workflow.
    expect(await participantRow.getByRole('checkbox', { name: `Pažymėti: ${fullName}` }).isChecked()).toBe(true);
    await provider.getByRole('button', { name: 'Tvirtinti pažymėtus' }).click();
    await provider.getByText('Patvirtinta registracijų: 1 iš 1.').waitFor();
    await participantRow.getByRole('cell', { name: 'Patvirtinta', exact: true }).waitFor();
    await provider.screenshot({ path: `${SCREENSHOTS}/3-dalyviai.png`, fullPage: true });

    // ---- Registration ends: the minimum (1) is there, so "Vykdoma" by itself (G4, GRP-31) ----
    expect(Date.now()).toBeLessThan(registrationEndsAt);
    await new Promise((r) => setTimeout(r, Math.max(0, registrationEndsAt - Date.now())));
    for (let i = 0; i < 60; i++) {
      const g = await stack.db.selectFrom('training_groups').select('status').where('id', '=', groupId).executeTakeFirstOrThrow();
      if (g.status === 'Vykdoma') break;
      await new Promise((r) => setTimeout(r, 500));
    }
    await provider.goto(`${base}/grupes/${groupId}?kortele=informacija`);
    await provider.locator('#grupes-busena .status-badge', { hasText: 'Vykdoma' }).waitFor();

    // ---- Her e-mails: the review outcome, the approval and the contract invitation (DOC-18, PART-9, GRP-34) ----
    const subjects = async () => (await mailpit.search(mailpitQuery({ to: email }))).map((m) => m.Subject);
    await mailpit.waitForMessage((m) => m.Subject === 'Kvietimas pasirašyti mokymosi sutartį', 20_000, mailpitQuery({ to: email }));
    expect(await subjects()).toEqual(
      expect.arrayContaining(['Registracija į mokymus patvirtinta', 'Kvietimas pasirašyti mokymosi sutartį']),
    );
    expect((await subjects()).length).toBeGreaterThanOrEqual(3);

    for (const watch of roles.watches) await watch.flush();
    for (const p of roles.problems) expect(p).toEqual([]);
  });
});
