// Issue 12 across roles, in a real browser: a group is "Vykdoma" and its four contracts await
// signatures. Giedrė signs hers in the KURSUOK portal ("Mano sutartys" → the signing gateway → a
// fresh VIISP login); two others have signed theirs; the provider's signer ticks the three and signs
// them at once (one gateway session, CON-5); the fourth stays unsigned and, at the programme start,
// is void and deregistered with an e-mail (CON-6, CON-25, N11). After the start Giedrė asks to
// terminate (PORTAL-7) and the provider grants it (CON-8, CON-12); the downloaded PDFs pass pdftotext
// (Lithuanian text, number, clauses) and pdfsig (two valid signatures).
import type { Browser, Download } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPersonalCode } from '../../worker/crypto.ts';
import { TEST_PEOPLE } from '../sim/viisp/people.ts';
import { freePort, launchBrowser, rolePages, serveApp, type RolePages, type ServedApp } from '../support/browser.ts';
import { contractParticipant, groupWithContracts, participantSigner, signThroughWorkflow } from '../support/contracts.ts';
import { createInstitution, type InstitutionFixture } from '../support/fixtures.ts';
import { mailpit, mailpitQuery } from '../support/mailpit.ts';
import { deadlinesIn, uniquePersonalCode, type TestParticipant } from '../support/participants.ts';
import { pdfsig } from '../support/pdfsig.ts';
import { pdfTextLine } from '../support/pdftext.ts';
import { startStack, type TestStack } from '../support/stack.ts';
import { eventually } from '../support/wait.ts';

/** People of this test only (the other e2e files run at the same time against one database). */
const SIGNER = TEST_PEOPLE.audrius;
const GIEDRE = TEST_PEOPLE.giedre;
/** The signing deadline (the programme start) after the group is ready: the browser part fits well before it. */
const PROGRAMME_START_S = 150;

let stack: TestStack;
let served: ServedApp;
let browser: Browser;
let roles: RolePages;
let fx: InstitutionFixture;
let groupId: string;
let programmeStartsAt: number;
/** Giedrė, two who signed before (as the portal does), and one who never signs. */
let contracts: { giedre: string; signedA: string; signedB: string; unsigned: string };
let unsignedParticipant: TestParticipant;

const hash = (code: string) => hashPersonalCode(stack.config.secrets.personalCodePepper, code);

async function downloaded(download: Download): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

const contractRow = (id: string) => stack.db.selectFrom('learning_contracts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

beforeAll(async () => {
  const port = await freePort();
  stack = await startStack('e2e-contracts', { simulators: true, publicUrl: `http://127.0.0.1:${port}` });
  fx = await createInstitution(stack.db, 'Sutarčių kelio institucija');
  // The provider's signer: "Sutarčių pasirašymas" with the document they act under (USERS-27, USERS-28).
  const signerKey = hash(SIGNER.personalCode);
  await stack.db
    .updateTable('institution_users')
    .set({
      personal_code_hash: signerKey,
      rights: ['ADMINISTRATORIUS', 'SUTARCIU_PASIRASYMAS'],
      signing_document: 'Direktoriaus 2026-01-05 įsakymas Nr. V-3',
      first_name: SIGNER.givenName,
      last_name: SIGNER.familyName,
    })
    .where('id', '=', fx.userId)
    .execute();
  await stack.db
    .insertInto('consents')
    .values({ personal_code_hash: signerKey, policy_version: stack.config.privacyPolicyVersion, context: 'TESTAS' })
    .execute();

  const codes = { a: uniquePersonalCode(), b: uniquePersonalCode() };
  const giedre = await contractParticipant(stack.db, 'Giedrė', hash(GIEDRE.personalCode));
  const a = await contractParticipant(stack.db, 'Aistė', hash(codes.a));
  const b = await contractParticipant(stack.db, 'Birutė', hash(codes.b));
  unsignedParticipant = await contractParticipant(stack.db, 'Dalia');
  const created = await groupWithContracts(stack, fx, [giedre, a, b, unsignedParticipant], {
    deadlines: deadlinesIn(60, PROGRAMME_START_S),
  });
  programmeStartsAt = Date.now() + PROGRAMME_START_S * 1000 - 1000;
  groupId = created.groupId;
  const [g, sa, sb, u] = created.registrationIds as [string, string, string, string];
  contracts = { giedre: g, signedA: sa, signedB: sb, unsigned: u };
  served = await serveApp(stack.app, port);
  // Two participants sign through the workflow and the gateway's test control, as the portal would.
  await signThroughWorkflow(stack, sa, participantSigner(a, 'Dalyvė'), codes.a);
  await signThroughWorkflow(stack, sb, participantSigner(b, 'Dalyvė'), codes.b);
  browser = await launchBrowser();
  roles = rolePages(browser);
}, 180_000);

afterAll(async () => {
  await roles?.close();
  await browser?.close();
  await served?.close();
  await stack?.stop();
});

describe('learning contracts across roles (issue 12)', () => {
  it('portal signature, bulk signature, void at the start, termination, verified downloads', async () => {
    const base = served.baseUrl;

    // ---- Giedrė signs in the portal (PORTAL-6, CON-17) ----
    const participant = await roles.open();
    await participant.goto(`${base}/kursuok/prisijungti`);
    await participant.getByRole('button', { name: 'Prisijungti per VIISP' }).click();
    await participant.locator(`button[data-person="${GIEDRE.personalCode}"]`).click();
    await participant.waitForURL((u) => u.pathname.startsWith('/kursuok/'));
    await participant.getByRole('link', { name: 'Mano sutartys' }).click();
    const own = participant.locator(`tr[data-contract="${contracts.giedre}"]`);
    await own.getByRole('cell', { name: 'Laukia parašo' }).first().waitFor();
    await own.getByRole('link').click();
    await participant.getByRole('heading', { level: 1, name: /^Mokymosi sutartis Nr\./ }).waitFor();
    await participant.getByRole('button', { name: 'Pasirašyti sutartį' }).click();
    // The gateway shows what is signed, then asks for a fresh VIISP login.
    await participant.getByRole('heading', { name: 'Dokumento pasirašymas' }).waitFor();
    await participant.getByRole('button', { name: 'Pasirašyti' }).click();
    await participant.locator(`button[data-person="${GIEDRE.personalCode}"]`).click();
    await participant.waitForURL((u) => u.origin === base && u.pathname === `/kursuok/sutartys/${contracts.giedre}`);
    await participant.locator('dd[data-participant-status="PASIRASYTA"]').waitFor();
    expect((await contractRow(contracts.giedre)).participant_status).toBe('PASIRASYTA');

    // ---- The provider's signer: "Institucijos sutartys", ticks three, signs them at once (CON-4, CON-5, CON-20) ----
    const provider = await roles.open();
    await provider.goto(`${base}/sutartys`);
    await provider.waitForURL(`${base}/prisijungti`);
    await provider.getByRole('button', { name: 'Fiziniam asmeniui' }).click();
    await provider.locator(`button[data-person="${SIGNER.personalCode}"]`).click();
    await provider.waitForURL((u) => u.origin === base && !u.pathname.startsWith('/prisijungti'));
    await provider.goto(`${base}/sutartys`);
    await provider.getByRole('heading', { level: 1, name: 'Institucijos sutartys' }).waitFor();
    await provider.locator(`a[href="/sutartys/grupes/${groupId}"]`).click();
    for (const id of [contracts.giedre, contracts.signedA, contracts.signedB])
      await provider.locator(`tr#sutartis-${id}`).getByRole('checkbox').check();
    await provider.getByRole('button', { name: 'Pasirašyti pažymėtas', exact: true }).click();
    // One gateway session with the three documents: one confirmation.
    await provider.getByRole('heading', { name: 'Dokumentų pasirašymas (3)' }).waitFor();
    await provider.getByRole('button', { name: 'Pasirašyti' }).click();
    await provider.locator(`button[data-person="${SIGNER.personalCode}"]`).click();
    await provider.waitForURL((u) => u.origin === base);
    // The result page: a row per ticked contract, polled until each has its outcome (CON-20).
    await provider.getByRole('heading', { level: 1, name: 'Pažymėtų sutarčių pasirašymas' }).waitFor();
    await provider.getByText('Pasirašyta sutarčių: 3 iš 3.').waitFor({ timeout: 30_000 });
    for (const id of [contracts.giedre, contracts.signedA, contracts.signedB])
      await eventually(
        () => contractRow(id),
        (r) => r.phase === 'GALIOJA',
        30_000,
      );
    await provider.goto(`${base}/sutartys/grupes/${groupId}`);
    for (const id of [contracts.giedre, contracts.signedA, contracts.signedB])
      await provider.locator(`tr#sutartis-${id}`).getByRole('cell', { name: 'Galioja', exact: true }).waitFor();
    // The fourth awaits its participant: it was not tickable into a signature of hers.
    expect((await contractRow(contracts.unsigned)).provider_status).toBe('LAUKIA_PARASO');
    expect(Date.now()).toBeLessThan(programmeStartsAt);

    // ---- The programme starts: the unsigned contract is void, she is deregistered and e-mailed (CON-6, CON-25, N11) ----
    await new Promise((r) => setTimeout(r, Math.max(0, programmeStartsAt - Date.now())));
    const voided = await eventually(
      () => contractRow(contracts.unsigned),
      (r) => r.phase === 'NEGALIOJA',
      60_000,
    );
    expect(voided.participant_status).toBe('NEGALIOJA');
    await eventually(
      () => stack.db.selectFrom('group_registrations').select('status').where('id', '=', contracts.unsigned).executeTakeFirstOrThrow(),
      (r) => r.status !== 'APPROVED',
      30_000,
    );
    const participantEmail = (
      await stack.db
        .selectFrom('participants')
        .select('email')
        .where('id', '=', unsignedParticipant.participantId)
        .executeTakeFirstOrThrow()
    ).email!;
    await mailpit.waitForMessage(
      (m) => m.Subject === 'Registracija į mokymus panaikinta: mokymosi sutartis nepasirašyta',
      30_000,
      mailpitQuery({ to: participantEmail }),
    );
    await provider.reload();
    await provider.locator(`tr#sutartis-${contracts.unsigned}`).getByRole('cell', { name: 'Negalioja', exact: true }).first().waitFor();

    // ---- Giedrė asks to terminate (PORTAL-7); the provider grants it on her request (CON-8, CON-12) ----
    await participant.goto(`${base}/kursuok/sutartys/${contracts.giedre}`);
    await participant.getByLabel('Priežastis').fill('Persikeliu gyventi į kitą miestą.');
    await participant.getByRole('button', { name: 'Pateikti prašymą nutraukti sutartį' }).click();
    await participant.getByText('Persikeliu gyventi į kitą miestą.').first().waitFor();
    await provider.reload();
    const giedreRow = provider.locator(`tr#sutartis-${contracts.giedre}`);
    await giedreRow.getByText('Meniu').click();
    await giedreRow.getByRole('link', { name: 'Nutraukti sutartį' }).click();
    await provider.getByRole('heading', { level: 1, name: 'Nutraukti sutartį' }).waitFor();
    await provider.getByText('Persikeliu gyventi į kitą miestą.').waitFor();
    await provider.getByLabel('Sutarties nutraukimo pagrindas').selectOption({ label: 'Mokymo dalyvio prašymas nutraukti sutartį' });
    await provider.getByRole('button', { name: 'Nutraukti sutartį' }).click();
    await provider.waitForURL((u) => u.pathname === `/sutartys/grupes/${groupId}`);
    await provider.locator(`tr#sutartis-${contracts.giedre}`).getByRole('cell', { name: 'Nutraukta', exact: true }).first().waitFor();
    expect(await contractRow(contracts.giedre)).toMatchObject({
      phase: 'NUTRAUKTA',
      termination_initiator: 'DALYVIS',
      termination_ground: 'DALYVIO_PRASYMAS',
    });

    // ---- The downloads: Lithuanian text, number and clauses (pdftotext); two valid signatures (pdfsig) (CON-13, CON-16) ----
    // Opening the next row's "Meniu" closes the one before (web/static/app.js: one open at a time).
    for (const id of [contracts.signedA, contracts.giedre]) {
      const row = provider.locator(`tr#sutartis-${id}`);
      await row.getByText('Meniu').click();
      const [download] = await Promise.all([
        provider.waitForEvent('download'),
        row.getByRole('link', { name: 'Atsisiųsti sutartį' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^Mokymosi sutartis .+\.pdf$/);
      const pdf = await downloaded(download);
      const text = await pdfTextLine(pdf);
      const number = (await contractRow(id)).number!;
      expect(text).toContain(number);
      expect(text).toContain('MOKYMOSI SUTARTIS');
      expect(text).toContain('Sutarčių kelio institucija');
      expect(text).toContain('Dalyvaitė');
      expect(text).toContain('7. KAINA IR MOKĖJIMO TVARKA');
      expect(text).toContain('10. ŠALIŲ REKVIZITAI IR PARAŠAI');
      const signatures = await pdfsig(pdf, [stack.signing!.caCertificatePem]);
      expect(signatures.map((s) => s.signatureValidation)).toEqual(['Signature is Valid.', 'Signature is Valid.']);
      expect(signatures.map((s) => s.certificateValidation)).toEqual(['Certificate is Trusted.', 'Certificate is Trusted.']);
      expect(signatures[1]?.signerCommonName).toBe(`${SIGNER.givenName} ${SIGNER.familyName}`);
    }

    for (const w of roles.watches) await w.flush();
    for (const list of roles.problems) expect(list).toEqual([]);
  }, 360_000);
});
