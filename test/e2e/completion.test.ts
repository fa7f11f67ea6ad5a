// Issue 13 across roles, in a real browser: a group "Vykdoma" whose two contracts are in force and
// whose timetable's first and last session is today. The provider marks both "Mokymus pradėjo" at once,
// Monika "Mokymus baigė", enters "Įskaityta" and confirms it (DONE-4..DONE-7, DONE-11, DONE-13..DONE-15);
// Aistė stays started but not finished. Monika fills "Vertinimo anketa" in the portal (PORTAL-8, N14);
// the daily certificate Schedule runs (DONE-9, DONE-10, DONE-17, N15); she downloads the PDF, which
// passes pdftotext and pdfsig and whose QR code opens the public verification page (DONE-16, DONE-19);
// the provider sees its number in the tab and sets "Užbaigta" (G9). Then a KPMPC observer creates and
// releases a protocol, which the provider reads, agrees with and signs (L7; MON-3..MON-9, N16).
import { readFile } from 'node:fs/promises';
import jsQRBundle from 'jsqr';
import type { Browser, Download, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificateIssuanceSchedule, CERTIFICATE_ISSUANCE_SCHEDULE_ID, ensureSchedule } from '../../worker/schedules.ts';
import { hashPersonalCode } from '../../worker/crypto.ts';
import type { CertificateIssuanceResult } from '../../workflows/certificate-issuance/messages.ts';
import { addDays, vilniusDate } from '../../workflows/domain/calendar.ts';
import { TEST_PEOPLE } from '../sim/viisp/people.ts';
import { freePort, launchBrowser, rolePages, serveApp, type RolePages, type ServedApp } from '../support/browser.ts';
import { onlySessionToday, signIntoForce } from '../support/completion.ts';
import { contractParticipant, groupWithContracts, terminateContracts } from '../support/contracts.ts';
import { createInstitution, type InstitutionFixture } from '../support/fixtures.ts';
import { mailpit, mailpitQuery } from '../support/mailpit.ts';
import { deadlinesIn, uniquePersonalCode, type TestParticipant } from '../support/participants.ts';
import { pdfScratch, pdfTextLine, poppler } from '../support/pdftext.ts';
import { pdfsig } from '../support/pdfsig.ts';
import { startStack, type TestStack } from '../support/stack.ts';
import { eventually } from '../support/wait.ts';

/** People of this test only (the other e2e files run at the same time against one database). */
const ADMIN = TEST_PEOPLE.vytautas;
const MONIKA = TEST_PEOPLE.monika;
const OBSERVER = TEST_PEOPLE.sigita;
const SIGNER_CODE = uniquePersonalCode();
const RUN = crypto.randomUUID().slice(0, 8);
const DAY_MS = 24 * 3600 * 1000;

const scratch = pdfScratch('e2e-completion');
const scheduleId = `${CERTIFICATE_ISSUANCE_SCHEDULE_ID}-e2e-${RUN}`;
let stack: TestStack;
let served: ServedApp;
let browser: Browser;
let roles: RolePages;
let fx: InstitutionFixture;
let groupId: string;
let groupName: string;
let adminEmail: string;
let monika: TestParticipant;
/** Monika's and Aistė's contracts, in force. */
let ids: { monika: string; aiste: string };

const hash = (code: string) => hashPersonalCode(stack.config.secrets.personalCodePepper, code);
const contractRow = (id: string) => stack.db.selectFrom('learning_contracts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

async function downloaded(download: Download): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

/** The QR code of the PDF's first page, rasterised by pdftoppm and read by jsQR. */
async function decodeQr(pdf: Uint8Array): Promise<string | null> {
  const path = await scratch.save(pdf);
  await poppler('pdftoppm', ['-png', '-r', '150', '-f', '1', '-l', '1', '-singlefile', path, path]);
  const png = PNG.sync.read(await readFile(`${path}.png`));
  const pixels = new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength);
  return jsQRBundle.default(pixels, png.width, png.height)?.data ?? null;
}

/** The daily certificate Schedule's definition on this test's task queue, triggered; the result of the run it starts. */
async function runCertificateSchedule(): Promise<CertificateIssuanceResult> {
  await ensureSchedule(
    stack.client,
    certificateIssuanceSchedule(
      stack.config.temporal.taskQueue,
      // This institution's participants only: other test files share the database (and their own seal).
      { institutionIds: [fx.institutionId] },
      scheduleId,
    ),
  );
  const handle = stack.client.schedule.getHandle(scheduleId);
  const before = (await handle.describe()).info.recentActions.length;
  await handle.trigger();
  const described = await eventually(
    () => handle.describe(),
    (d) => d.info.recentActions.length > before,
    30_000,
  );
  const { workflow } = described.info.recentActions.at(-1)!.action;
  return (await stack.client.workflow.getHandle(workflow.workflowId, workflow.firstExecutionRunId).result()) as CertificateIssuanceResult;
}

/** A VIISP login through the simulator's page: the person's button. */
async function viispAs(page: Page, personalCode: string) {
  await page.locator(`button[data-person="${personalCode}"]`).click();
}

beforeAll(async () => {
  await mailpit.ensureUp();
  const port = await freePort();
  stack = await startStack('e2e-completion', { simulators: true, publicUrl: `http://127.0.0.1:${port}` });
  fx = await createInstitution(stack.db, 'Mokymų baigimo kelio institucija');
  // The provider's administrator: Vytautas, who has agreed to the privacy policy before.
  adminEmail = `vytautas+${RUN}@example.lt`;
  await stack.db
    .updateTable('institution_users')
    .set({ personal_code_hash: hash(ADMIN.personalCode), first_name: ADMIN.givenName, last_name: ADMIN.familyName, email: adminEmail })
    .where('id', '=', fx.userId)
    .execute();
  await stack.db
    .insertInto('consents')
    .values({ personal_code_hash: hash(ADMIN.personalCode), policy_version: stack.config.privacyPolicyVersion, context: 'TESTAS' })
    .execute();
  // The KPMPC observer (MON-2): a staff member with the STEBETOJAS role.
  await stack.db
    .insertInto('staff_members')
    .values({
      person_key: hash(OBSERVER.personalCode),
      role: 'STEBETOJAS',
      first_name: OBSERVER.givenName,
      last_name: OBSERVER.familyName,
      email: `kpmpc+${RUN}@example.lt`,
    })
    .onConflict((oc) => oc.columns(['person_key', 'role']).doUpdateSet({ active: true }))
    .execute();

  const aisteCode = uniquePersonalCode();
  monika = await contractParticipant(stack.db, 'Monika', hash(MONIKA.personalCode));
  const aiste = await contractParticipant(stack.db, 'Aistė', hash(aisteCode));
  // The end date counts as reached for the group workflow (GroupDeadlines.programmeEndsAt), today.
  const d = deadlinesIn(600, 1200);
  const created = await groupWithContracts(stack, fx, [monika, aiste], { deadlines: { ...d, programmeEndsAt: d.programmeStartsAt } });
  groupId = created.groupId;
  ids = { monika: created.registrationIds[0]!, aiste: created.registrationIds[1]! };
  // Both sides sign both contracts (as the portal and "Institucijos sutartys" do): in force (K1 → GALIOJA).
  await signIntoForce(stack, fx, ids.monika, { person: monika, name: monika.firstName, personalCode: MONIKA.personalCode }, SIGNER_CODE);
  await signIntoForce(stack, fx, ids.aiste, { person: aiste, name: aiste.firstName, personalCode: aisteCode }, SIGNER_CODE);
  // The group has projected both signatures (its row is rewritten then): only now are its dates moved below.
  await eventually(
    () => stack.db.selectFrom('training_groups').select('signed_contracts').where('id', '=', groupId).executeTakeFirstOrThrow(),
    (g) => g.signed_contracts === 2,
  );
  // The timetable's first and last session is today: "Mokymus pradėjo" and "Mokymus baigė" are allowed now (DONE-13, DONE-14).
  await onlySessionToday(stack, groupId);
  const today = vilniusDate(new Date());
  // The group's dates as that timetable gives them: delivered today (the certificate's dates, G9's end date on the page).
  const yesterday = addDays(today, -1);
  await stack.db
    .updateTable('training_groups')
    .set({ registration_start: yesterday, registration_end: yesterday, programme_start: today, programme_end: today })
    .where('id', '=', groupId)
    .execute();
  groupName = (await stack.db.selectFrom('training_groups').select('name').where('id', '=', groupId).executeTakeFirstOrThrow()).name;
  served = await serveApp(stack.app, port);
  browser = await launchBrowser();
  roles = rolePages(browser);
}, 180_000);

afterAll(async () => {
  await roles?.close();
  await browser?.close();
  await served?.close();
  await stack?.client.schedule
    .getHandle(scheduleId)
    .delete()
    .catch(() => undefined);
  if (ids) await terminateContracts(stack, [ids.monika, ids.aiste]);
  await stack?.stop();
  await scratch.remove();
});

describe('completion, certificate, "Užbaigta" and a KPMPC protocol across roles (issue 13)', () => {
  it('from "Vykdoma" to "Užbaigta" with a verified certificate, and a protocol from the observer to signed', async () => {
    const base = served.baseUrl;
    const monikaName = 'Monika Dalyvaitė';
    const aisteName = 'Aistė Dalyvaitė';

    // ---- The provider: the group → "Mokymų baigimas" ----
    const provider = await roles.open();
    await provider.goto(`${base}/programos`);
    await provider.waitForURL(`${base}/prisijungti`);
    await provider.getByRole('button', { name: 'Fiziniam asmeniui' }).click();
    await viispAs(provider, ADMIN.personalCode);
    await provider.waitForURL((u) => u.origin === base && !u.pathname.startsWith('/prisijungti'));
    await provider
      .getByRole('navigation', { name: 'Aplikacijų sąrašas' })
      .getByRole('link', { name: 'Institucijos mokymosi programos' })
      .click();
    await provider.getByRole('link', { name: fx.programmeCode, exact: true }).click();
    await provider.getByRole('link', { name: groupName, exact: true }).click();
    await provider.getByRole('link', { name: 'Mokymų baigimas' }).click();
    await provider.getByRole('heading', { level: 2, name: 'Mokymų baigimas' }).waitFor();
    const monikaRow = provider.locator(`#baigimas-${ids.monika}`);
    const aisteRow = provider.locator(`#baigimas-${ids.aiste}`);

    // Both ticked, "Mokymus pradėjo" at once (DONE-4, DONE-13): a result per row.
    await provider.getByRole('checkbox', { name: `Pažymėti: ${monikaName}` }).check();
    await provider.getByRole('checkbox', { name: `Pažymėti: ${aisteName}` }).check();
    await provider.getByRole('group', { name: 'Pažymėtiems dalyviams' }).getByRole('button', { name: 'Mokymus pradėjo' }).click();
    await provider.getByText('Pažymėta dalyvių: 2 iš 2.').waitFor();
    await expect.poll(() => monikaRow.locator('[data-field="started"]').textContent()).toBe('Taip');
    expect(await aisteRow.locator('[data-field="started"]').textContent()).toBe('Taip');

    // Monika: "Mokymus baigė", "Įskaityta", "Patvirtinti" (DONE-6, DONE-7, DONE-14, DONE-15).
    await provider.getByRole('button', { name: `Mokymus baigė: ${monikaName}` }).click();
    await expect.poll(() => monikaRow.locator('[data-field="completed"]').textContent()).toBe('Taip');
    await provider.getByLabel(`Galutinis įvertinimas: ${monikaName}`).selectOption({ label: 'Įskaityta' });
    await provider.getByRole('button', { name: `Išsaugoti įvertinimą: ${monikaName}` }).click();
    await expect.poll(() => monikaRow.locator('[data-field="assessment"]').textContent()).toBe('Įskaityta (nepatvirtintas)');
    await provider.getByRole('button', { name: `Patvirtinti: ${monikaName}` }).click();
    await expect.poll(() => monikaRow.locator('[data-field="assessment"]').textContent()).toBe('Įskaityta');
    // DONE-11: what each row records now; the confirmed assessment offers nothing more to change.
    expect(await monikaRow.locator('[data-field="questionnaire"]').textContent()).toBe('Aktyvuota, laukiama užpildymo');
    expect(await monikaRow.locator('[data-field="certificate"]').textContent()).toBe('Nesuformuotas');
    expect(await provider.getByRole('button', { name: `Patvirtinti: ${monikaName}` }).count()).toBe(0);
    expect(await aisteRow.locator('[data-field="completed"]').textContent()).toBe('Ne');
    expect(await aisteRow.locator('[data-field="assessment"]').textContent()).toBe('—');
    expect(await aisteRow.locator('[data-field="questionnaire"]').textContent()).toBe('Neaktyvuota');
    expect(await contractRow(ids.monika)).toMatchObject({ assessment: 'ISKAITYTA', completed_at: expect.any(Date) });

    // N14: Monika is asked to fill the questionnaire (DONE-8, DONE-16).
    await mailpit.waitForMessage(
      () => true,
      30_000,
      mailpitQuery({ to: monika.email, subject: 'Užpildykite mokymosi programos vertinimo anketą' }),
    );

    // ---- Monika in the portal: "Mano sutartys" → "Vertinimo anketa" (PORTAL-8) ----
    const participant = await roles.open();
    await participant.goto(`${base}/kursuok/prisijungti`);
    await participant.getByRole('button', { name: 'Prisijungti per VIISP' }).click();
    await viispAs(participant, MONIKA.personalCode);
    await participant.waitForURL((u) => u.origin === base && u.pathname.startsWith('/kursuok/'));
    await participant.getByRole('link', { name: 'Mano sutartys' }).click();
    await participant.getByRole('heading', { level: 2, name: 'Vertinimo anketa' }).waitFor();
    await participant.getByRole('link', { name: /^Užpildyti vertinimo anketą: Testinė programa/ }).click();
    await participant.getByRole('heading', { level: 1, name: /vertinimo anketa$/ }).waitFor();
    const answers: [string, string][] = [
      ['Ar mokymosi programa buvo naudinga jūsų darbui ar tolesniam mokymuisi?', '5 – Labai gerai'],
      ['Kaip vertinate lektorių darbą (žinias, gebėjimą perteikti, atsakymus į klausimus)?', '4 – Gerai'],
      ['Kaip vertinate mokymų organizavimą (tvarkaraštį, vietą, informavimą)?', '5 – Labai gerai'],
      ['Kaip vertinate mokymo medžiagą ir priemones?', '3 – Vidutiniškai'],
      ['Bendras mokymų įvertinimas', '5 – Labai gerai'],
    ];
    for (const [question, answer] of answers)
      await participant.getByRole('group', { name: question }).getByRole('radio', { name: answer }).check();
    await participant.getByLabel('Jūsų pastabos ir pasiūlymai (neprivaloma)').fill('Daugiau praktinių užduočių.');
    await participant.getByRole('button', { name: 'Pateikti anketą' }).click();
    await participant.getByText('Ačiū, vertinimo anketa pateikta.', { exact: false }).waitFor();
    const filled = await contractRow(ids.monika);
    expect(filled.questionnaire_filled_at).toBeInstanceOf(Date);
    // PROG-31: the answers are stored apart from her identity, with the day only.
    const stored = await stack.db.selectFrom('questionnaire_answers').selectAll().where('group_id', '=', groupId).execute();
    expect(stored).toHaveLength(1);
    expect(Object.values(stored[0]!)).not.toContain(monika.participantId);

    // ---- The daily certificate batch (DONE-10, DONE-17): her questionnaire counts as filled yesterday ----
    await stack.db
      .updateTable('learning_contracts')
      .set({ questionnaire_filled_at: new Date(Date.now() - DAY_MS) })
      .where('id', '=', ids.monika)
      .execute();
    expect(
      (await stack.db.selectFrom('training_groups').select('programme_end').where('id', '=', groupId).executeTakeFirstOrThrow())
        .programme_end,
    ).toBe(vilniusDate(new Date()));
    const result = await runCertificateSchedule();
    expect(result).toMatchObject({ day: vilniusDate(new Date()), failed: 0 });
    const certificate = await eventually(
      () => stack.db.selectFrom('certificates').selectAll().where('contract_id', '=', ids.monika).executeTakeFirst(),
      (c) => c !== undefined,
      30_000,
    );
    // Aistė did not finish: no certificate (DONE-9).
    expect(await stack.db.selectFrom('certificates').select('id').where('contract_id', '=', ids.aiste).executeTakeFirst()).toBeUndefined();

    // She downloads it beside her contract (DONE-16): her name and the programme (pdftotext), the seal (pdfsig), the QR code.
    await participant.getByRole('link', { name: 'Grįžti į „Mano sutartys“' }).click();
    await participant.locator(`tr[data-contract="${ids.monika}"]`).getByRole('link').first().click();
    await participant.getByRole('heading', { level: 2, name: 'Skaitmeninis pažymėjimas' }).waitFor();
    await participant.getByText(`Pažymėjimas Nr. ${certificate!.number}`).waitFor();
    const [download] = await Promise.all([
      participant.waitForEvent('download'),
      participant.getByRole('link', { name: 'Atsisiųsti pažymėjimą (PDF)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const pdf = await downloaded(download);
    const text = await pdfTextLine(pdf);
    expect(text).toContain(monikaName);
    expect(text).toContain('Testinė programa');
    expect(text).toContain(certificate!.number);
    const [seal, ...more] = await pdfsig(pdf, [stack.signing!.caCertificatePem]);
    expect(more).toEqual([]);
    expect(seal).toMatchObject({ signatureValidation: 'Signature is Valid.', certificateValidation: 'Certificate is Trusted.' });
    const verificationUrl = await decodeQr(pdf);
    expect(verificationUrl).toBe(`${base}/kursuok/pazymejimai/${certificate!.verification_code}`);

    // The QR code's address, opened by anybody: her name and the programme, confirmed.
    const verifier = await roles.open();
    await verifier.goto(verificationUrl!);
    await verifier.getByRole('heading', { level: 1, name: 'Pažymėjimo tikrinimas' }).waitFor();
    await verifier.getByText('Pažymėjimas galioja: jį išdavė KURSUOK sistema.', { exact: false }).waitFor();
    const confirmed = verifier.locator('dl[data-verification="confirmed"]');
    await confirmed.getByText(monikaName).waitFor();
    await confirmed.getByText('Testinė programa', { exact: false }).first().waitFor();

    // N15 (DONE-16): to her, with the number.
    const n15 = await mailpit.waitForMessage(
      () => true,
      30_000,
      mailpitQuery({ to: monika.email, subject: 'Jūsų skaitmeninis pažymėjimas parengtas' }),
    );
    expect((await mailpit.message(n15.ID)).Text).toContain(certificate!.number);

    // The provider sees the number in the tab (DONE-11, DONE-16).
    await provider.reload();
    await monikaRow.getByText(`Nr. ${certificate!.number}`).waitFor();
    expect(await monikaRow.locator('[data-field="questionnaire"]').textContent()).toBe('Užpildyta');

    // ---- "Užbaigta" (G9): the end date today, every participant with a confirmed outcome ----
    const today = vilniusDate(new Date());
    await provider.getByRole('link', { name: 'Grupės informacija' }).click();
    await provider.getByText('Visų dalyvių mokymų rezultatai patvirtinti', { exact: false }).waitFor();
    provider.once('dialog', (dialog) => void dialog.accept());
    await provider.getByRole('button', { name: 'Keisti būseną į „Užbaigta“' }).click();
    await provider.getByText('Grupės būsena pakeista į „Užbaigta“.').waitFor({ timeout: 30_000 });
    await provider.reload();
    await provider.getByRole('heading', { level: 2, name: 'Grupės būsena: Užbaigta' }).waitFor();
    expect((await stack.db.selectFrom('training_groups').select('status').where('id', '=', groupId).executeTakeFirstOrThrow()).status).toBe(
      'Užbaigta',
    );
    // The tab keeps what was recorded and offers no more marks.
    await provider.getByRole('link', { name: 'Mokymų baigimas' }).click();
    await provider.getByText('Grupė užbaigta: mokymų baigimo žymų keisti nebegalima.').waitFor();
    expect(await provider.getByRole('button', { name: `Mokymus baigė: ${aisteName}` }).count()).toBe(0);
    expect(await provider.getByRole('checkbox').count()).toBe(0);
    await monikaRow.getByText(`Nr. ${certificate!.number}`).waitFor();

    // ---- KPMPC: the observer logs in, finds the group, creates and releases a protocol (MON-2, MON-7) ----
    const observer = await roles.open();
    await observer.goto(`${base}/stebesena/prisijungti`);
    await observer.getByRole('button', { name: 'Fiziniam asmeniui' }).click();
    await viispAs(observer, OBSERVER.personalCode);
    await observer.waitForURL((u) => u.origin === base && u.pathname === '/stebesena');
    await observer.getByLabel('Mokymo institucija, mokymosi programa arba mokymo grupė').fill(fx.programmeCode);
    await observer.getByRole('button', { name: 'Ieškoti' }).click();
    await observer.getByRole('link', { name: groupName, exact: true }).click();
    await observer.getByRole('heading', { level: 1, name: groupName }).waitFor();
    await observer.getByRole('button', { name: 'Naujas protokolas' }).click();
    await observer.getByRole('heading', { level: 1, name: 'Naujas stebėsenos protokolas' }).waitFor();
    await observer.getByLabel('Stebėsenos data').fill(today);
    await observer.getByLabel('Nustatyta').fill('Užsiėmimas vyko pagal tvarkaraštį; dalyvių lankomumas žymimas.');
    await observer.getByLabel('Rezultatas').selectOption({ label: 'Atitinka reikalavimus' });
    await observer.getByRole('group', { name: 'Ar nustatyta kritinių trūkumų?' }).getByRole('radio', { name: 'Ne', exact: true }).check();
    await observer.getByRole('button', { name: 'Išsaugoti' }).click();
    await observer.getByText('Protokolas išsaugotas.', { exact: false }).waitFor();
    await observer.getByRole('button', { name: 'Pateikti mokymo teikėjui' }).click();
    await observer.getByText('Protokolas pateiktas mokymo teikėjui.').waitFor();
    const protocolUrl = observer.url();

    // N16 (MON-8): the institution's administrator is asked to sign.
    await mailpit.waitForMessage(
      () => true,
      30_000,
      mailpitQuery({ to: adminEmail, subject: 'KPMPC stebėsenos protokolas laukia jūsų parašo' }),
    );

    // ---- The provider: "Institucijos KPMPC protokolai" → the protocol → observations, "Sutinku", signed (MON-3..MON-5, MON-9) ----
    await provider
      .getByRole('navigation', { name: 'Aplikacijų sąrašas' })
      .getByRole('link', { name: 'Institucijos KPMPC protokolai' })
      .click();
    await provider.getByRole('heading', { level: 1, name: 'Institucijos KPMPC protokolai' }).waitFor();
    await provider.getByRole('cell', { name: 'Laukia parašo' }).waitFor();
    await provider.getByRole('link', { name: groupName, exact: true }).click();
    await provider.getByRole('heading', { level: 1, name: 'KPMPC stebėsenos protokolas' }).waitFor();
    await provider.getByText('Užsiėmimas vyko pagal tvarkaraštį; dalyvių lankomumas žymimas.').waitFor();
    await provider.getByLabel('Mokymo teikėjo pastebėjimai (neprivaloma)').fill('Susipažinome, pastabų neturime.');
    await provider
      .getByRole('group', { name: 'Su protokole užfiksuota informacija' })
      .getByRole('radio', { name: 'Sutinku', exact: true })
      .check();
    await provider.getByRole('button', { name: 'Pasirašyti' }).click();
    await provider.getByText('Protokolas pasirašytas.').waitFor({ timeout: 30_000 });

    // The observer sees it signed, with the provider's choice and observations.
    await observer.goto(protocolUrl.split('?')[0]!);
    await observer.getByRole('heading', { level: 2, name: 'Mokymo teikėjo parašas' }).waitFor();
    await observer.getByText('Susipažinome, pastabų neturime.').waitFor();
    await observer.getByText(`${ADMIN.givenName} ${ADMIN.familyName}`, { exact: false }).first().waitFor();
    expect(await observer.locator('.status-badge').first().textContent()).toBe('Pasirašytas');

    for (const w of roles.watches) await w.flush();
    for (const list of roles.problems) expect(list).toEqual([]);
  }, 240_000);
});
