// The signing gateway simulator, the app's client for it and the check of a returned signed PDF
// (issue 12, "Signatures that anyone can verify"; CON-4, CON-5, CON-17): signatures are added
// incrementally, so a contract signed by the participant and then by the provider carries two
// signatures that poppler's pdfsig verifies; verifySignedPdf accepts each step and refuses a
// tampered file, another person's signature, another document, and another CA's certificate.
// The browser path confirms with a fresh VIISP login: only the expected person signs — or, when the
// app names no personal code (it keeps only keyed hashes), whoever logs in signs and verifySignedPdf
// compares the certificate's code with the stored hash. The signature's /Reason carries the text the
// app gives (USERS-28: the provider's signer's authority), with Lithuanian letters.
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSigningGatewayClient, SigningGatewayError, type SigningGatewayClient } from '../../activities/signing/client.ts';
import { verifySignedPdf } from '../../activities/signing/verify.ts';
import { hashPersonalCode } from '../../worker/crypto.ts';
import { createTestCa } from '../sim/signing/ca.ts';
import { startSigningGatewaySimulator, type SigningGatewaySimulator } from '../sim/signing/server.ts';
import { signPdfIncrementally } from '../sim/signing/sign.ts';
import { driveViispLogin } from '../sim/viisp/drive.ts';
import { TEST_PEOPLE, type ViispPerson } from '../sim/viisp/people.ts';
import { startViispSimulator, type ViispSimulator } from '../sim/viisp/server.ts';
import { pdfsig } from '../support/pdfsig.ts';

const APP_CLIENT = { clientId: 'kursuok-signing-test', clientSecret: 'signing-test-secret' };
const GATEWAY_AS_VIISP_CLIENT = { clientId: 'pasirasymas-signing-test', clientSecret: 'pasirasymas-signing-test-secret' };
const RETURN_URL = 'http://kursuok.test/sutartys/pasirasymas/atgal';

const participant: ViispPerson = TEST_PEOPLE.egle; // Eglė Paulauskienė
const providerSigner: ViispPerson = TEST_PEOPLE.mindaugas; // Mindaugas Jankauskas
const fullName = (p: { givenName: string; familyName: string }) => `${p.givenName} ${p.familyName}`;

/** A contract-like PDF as the app makes it (pdf-lib, classic cross-reference table). */
async function contractPdf(title: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage().drawText(title, { x: 50, y: 780, size: 14, font });
  doc.addPage().drawText('Saliu parasai', { x: 50, y: 780, size: 12, font });
  return doc.save({ useObjectStreams: false });
}

let viisp: ViispSimulator;
let gateway: SigningGatewaySimulator;
let client: SigningGatewayClient;

beforeAll(async () => {
  let issuer = '';
  gateway = await startSigningGatewaySimulator({
    port: 0,
    clients: [APP_CLIENT],
    viisp: { issuer: () => issuer, ...GATEWAY_AS_VIISP_CLIENT },
    testControl: true,
  });
  viisp = await startViispSimulator({ port: 0, clients: [{ ...GATEWAY_AS_VIISP_CLIENT, redirectUris: [gateway.viispRedirectUri] }] });
  issuer = viisp.issuer;
  client = createSigningGatewayClient({ gatewayUrl: gateway.url, ...APP_CLIENT, timeoutMs: 10_000 });
});

afterAll(async () => {
  await Promise.allSettled([gateway?.close(), viisp?.close()]);
});

async function controlSign(sessionId: string, personalCode: string): Promise<{ status: string; reason?: string }> {
  const response = await fetch(`${gateway.url}/_control/sessions/${sessionId}/sign`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ personalCode }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { status: string; reason?: string };
}

/** One document signed by `person` through the test-control path; returns the signed bytes. */
async function signThroughGateway(pdf: Uint8Array, person: ViispPerson, reference: string): Promise<Uint8Array> {
  const created = await client.createSession({
    documents: [{ pdf, title: 'Mokymosi sutartis Nr. KURS-2026-0001', fileName: 'sutartis.pdf', reference }],
    signer: { personalCode: person.personalCode, name: fullName(person) },
    returnUrl: RETURN_URL,
    reference,
  });
  expect(await controlSign(created.sessionId, person.personalCode)).toEqual({ status: 'signed' });
  const state = await client.fetchSession(created.sessionId);
  expect(state).toMatchObject({ status: 'signed', reference, reason: null });
  expect(state.signedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  const signed = state.documents[0]?.signedPdf;
  if (!signed) throw new Error('no signed PDF');
  return signed;
}

/** `pdf` with one more revision that rewrites its first object of `type` (a page by default). */
function withPageRevision(pdf: Uint8Array, change: (page: string) => string, type = /\/Type \/Page\b/): Buffer {
  const text = Buffer.from(pdf).toString('latin1');
  const page = [...text.matchAll(/(\d+) 0 obj\s*([^]*?)\nendobj/g)].find((m) => type.test(m[2] ?? ''));
  const root = [...text.matchAll(/\/Root (\d+ \d+ R)/g)].at(-1)?.[1];
  if (!page?.[1] || !page[2] || !root) throw new Error('no page object or catalog');
  const changed = change(page[2]);
  expect(changed).not.toBe(page[2]);
  const object = `${page[1]} 0 obj\n${changed}\nendobj\n`;
  const prev = [...text.matchAll(/startxref\s+(\d+)/g)].at(-1)?.[1];
  const size = [...text.matchAll(/\/Size (\d+)/g)].at(-1)?.[1];
  const objectAt = pdf.length + 1;
  const revision =
    `\n${object}xref\n${page[1]} 1\n${String(objectAt).padStart(10, '0')} 00000 n \n` +
    `trailer\n<< /Size ${size} /Root ${root} /Prev ${prev} >>\nstartxref\n${objectAt + object.length}\n%%EOF\n`;
  return Buffer.concat([Buffer.from(pdf), Buffer.from(revision, 'latin1')]);
}

describe('two signatures added incrementally (participant, then provider)', () => {
  let original: Uint8Array;
  let signedByParticipant: Uint8Array;
  let signedByBoth: Uint8Array;

  beforeAll(async () => {
    original = await contractPdf('Mokymosi sutartis KURS-2026-0001');
    signedByParticipant = await signThroughGateway(original, participant, 'registration-1:participant');
    signedByBoth = await signThroughGateway(signedByParticipant, providerSigner, 'registration-1:provider');
  });

  it('keeps every earlier revision byte for byte', () => {
    expect(Buffer.from(signedByParticipant.subarray(0, original.length)).equals(Buffer.from(original))).toBe(true);
    expect(Buffer.from(signedByBoth.subarray(0, signedByParticipant.length)).equals(Buffer.from(signedByParticipant))).toBe(true);
  });

  it('pdfsig lists two valid signatures by the two people, from the trusted test CA', async () => {
    const signatures = await pdfsig(signedByBoth, [gateway.caCertificatePem]);
    expect(signatures).toHaveLength(2);
    expect(signatures.map((s) => s.signerCommonName)).toEqual([fullName(participant), fullName(providerSigner)]);
    for (const signature of signatures) {
      expect(signature.signatureValidation).toBe('Signature is Valid.');
      expect(signature.certificateValidation).toBe('Certificate is Trusted.');
      expect(signature.signatureType).toBe('adbe.pkcs7.detached');
    }
    expect(signatures[0]?.signerDistinguishedName).toContain(`serialNumber=PNOLT-${participant.personalCode}`);
    expect(signatures[1]?.signerDistinguishedName).toContain(`serialNumber=PNOLT-${providerSigner.personalCode}`);
    // The provider's signature covers the whole final file; the participant's, her revision.
    expect(signatures.map((s) => s.totalDocumentSigned)).toEqual([false, true]);
    // Without the CA in the trust store the signatures still verify, the issuer is just not trusted.
    const untrusted = await pdfsig(signedByBoth);
    expect(untrusted.map((s) => s.signatureValidation)).toEqual(['Signature is Valid.', 'Signature is Valid.']);
    expect(untrusted.map((s) => s.certificateValidation)).not.toContain('Certificate is Trusted.');
  });

  it('verifySignedPdf accepts each step with the signer, time and certificate', () => {
    const first = verifySignedPdf({
      original,
      signed: signedByParticipant,
      expectedSigner: { personalCode: participant.personalCode },
      trustedCaPem: gateway.caCertificatePem,
    });
    expect(first).toMatchObject({ ok: true, signerName: fullName(participant), reason: 'Dokumento pasirašymas' });
    const second = verifySignedPdf({
      original: signedByParticipant,
      signed: signedByBoth,
      expectedSigner: { personalCode: providerSigner.personalCode },
      trustedCaPem: gateway.caCertificatePem,
    });
    expect(second).toMatchObject({ ok: true, signerName: fullName(providerSigner) });
    if (!first.ok || !second.ok) throw new Error('unreachable');
    expect(first.certificateSerial).toMatch(/^[0-9A-F]+$/);
    expect(second.certificateSerial).not.toBe(first.certificateSerial);
    expect(Math.abs(Date.parse(second.signingTime) - Date.now())).toBeLessThan(60_000);
  });

  it('refuses a byte changed after signing', async () => {
    const tampered = Buffer.from(signedByBoth);
    // The reason is written as a UTF-16BE hex string: one of its digits changed.
    const at = tampered.indexOf('/Reason <FEFF', signedByParticipant.length);
    expect(at).toBeGreaterThan(0);
    const digit = at + '/Reason <FEFF'.length;
    tampered[digit] = tampered[digit] === 0x30 ? 0x31 : 0x30;
    expect(
      verifySignedPdf({
        original: signedByParticipant,
        signed: tampered,
        expectedSigner: { personalCode: providerSigner.personalCode },
        trustedCaPem: gateway.caCertificatePem,
      }),
    ).toEqual({ ok: false, reason: 'Dokumentas pakeistas po pasirašymo: parašas jo nebeatitinka.' });
    // pdfsig sees it too.
    const signatures = await pdfsig(tampered, [gateway.caCertificatePem]);
    expect(signatures.map((s) => s.signatureValidation)).toEqual(['Signature is Valid.', 'Digest Mismatch.']);
  });

  it("refuses another person's signature", () => {
    expect(
      verifySignedPdf({
        original,
        signed: signedByParticipant,
        expectedSigner: { personalCode: providerSigner.personalCode },
        trustedCaPem: gateway.caCertificatePem,
      }),
    ).toEqual({ ok: false, reason: 'Dokumentą pasirašė ne tas asmuo, kuris turėjo jį pasirašyti.' });
  });

  it('refuses a signed file that is not an incremental update of the document sent', async () => {
    const anotherDocument = await contractPdf('Mokymosi sutartis KURS-2026-0002');
    expect(
      verifySignedPdf({
        original: anotherDocument,
        signed: signedByParticipant,
        expectedSigner: { personalCode: participant.personalCode },
        trustedCaPem: gateway.caCertificatePem,
      }),
    ).toEqual({
      ok: false,
      reason: 'Grąžintas failas nėra pateikto dokumento papildymas parašu: jo turinys nesutampa su pasirašyti pateiktu dokumentu.',
    });
    // Both signatures at once, checked against the unsigned original: not one new signature.
    expect(
      verifySignedPdf({
        original,
        signed: signedByBoth,
        expectedSigner: { personalCode: providerSigner.personalCode },
        trustedCaPem: gateway.caCertificatePem,
      }),
    ).toEqual({ ok: false, reason: 'Grąžintame dokumente pridėtas daugiau nei vienas parašas.' });
  });

  it("refuses a signature by a certificate of another CA (even for the right person's code)", async () => {
    const otherCa = createTestCa();
    const forged = await signPdfIncrementally(original, otherCa.identityFor(participant), {
      name: fullName(participant),
      reason: 'Dokumento pasirasymas',
      signingTime: new Date(),
    });
    expect(
      verifySignedPdf({
        original,
        signed: forged,
        expectedSigner: { personalCode: participant.personalCode },
        trustedCaPem: gateway.caCertificatePem,
      }),
    ).toEqual({ ok: false, reason: 'Pasirašiusiojo asmens sertifikatą išdavė nepatikimas sertifikavimo centras.' });
    // The same file is fine for whoever trusts that CA: the refusal is about trust, not the bytes.
    expect(
      verifySignedPdf({
        original,
        signed: forged,
        expectedSigner: { personalCode: participant.personalCode },
        trustedCaPem: otherCa.certificatePem,
      }),
    ).toMatchObject({ ok: true });
    const [signature] = await pdfsig(forged, [gateway.caCertificatePem]);
    expect(signature?.signatureValidation).toBe('Signature is Valid.');
    expect(signature?.certificateValidation).not.toBe('Certificate is Trusted.');
  });

  /**
   * `pdf` with an incremental update (its own cross-reference section) that overrides the first
   * page with `change(page dictionary)`: what a dishonest gateway could slip in beside its signature.
   */
  it('refuses a signed revision that also changes what a page shows', async () => {
    // The page pointed at other content, or given an annotation that is not a signature.
    const otherContent = withPageRevision(original, (page) => page.replace(/\/Contents\s*(\[[^\]]*\]|\d+ 0 R)/, '/Contents [ 1 0 R ]'));
    const extraAnnotation = withPageRevision(original, (page) => page.replace(/\/Annots\s*\[[^\]]*\]/, '/Annots [ 3 0 R ]'));
    for (const [i, altered] of [otherContent, extraAnnotation].entries()) {
      const signed = await signThroughGateway(altered, participant, `altered-page-${i}`);
      expect(
        verifySignedPdf({
          original,
          signed,
          expectedSigner: { personalCode: participant.personalCode },
          trustedCaPem: gateway.caCertificatePem,
        }),
      ).toEqual({ ok: false, reason: 'Pasirašant pakeistas dokumento turinys.' });
      // Against what was really sent to the gateway, the same signature is fine.
      expect(
        verifySignedPdf({
          original: altered,
          signed,
          expectedSigner: { personalCode: participant.personalCode },
          trustedCaPem: gateway.caCertificatePem,
        }),
      ).toMatchObject({ ok: true });
    }
  });
});

describe('a third signature (the employer of a trilateral contract, CON-22)', () => {
  const employer: ViispPerson = TEST_PEOPLE.kestutis;

  it('verifies on top of two, and pdfsig lists three valid signatures', async () => {
    const original = await contractPdf('Mokymosi sutartis KURS-2026-0003');
    const one = await signThroughGateway(original, participant, 'trilateral:participant');
    const two = await signThroughGateway(one, providerSigner, 'trilateral:provider');
    // The library's second revision declares one object more than it writes; the third uses that number.
    const three = await signThroughGateway(two, employer, 'trilateral:employer');
    expect(
      verifySignedPdf({
        original: two,
        signed: three,
        expectedSigner: { personalCode: employer.personalCode },
        trustedCaPem: gateway.caCertificatePem,
      }),
    ).toMatchObject({ ok: true, signerName: fullName(employer) });
    const signatures = await pdfsig(three, [gateway.caCertificatePem]);
    expect(signatures.map((x) => x.signatureValidation)).toEqual(['Signature is Valid.', 'Signature is Valid.', 'Signature is Valid.']);

    // A revision that rewrites an earlier signature's dictionary is still refused (its second /ByteRange is found first).
    const rewritten = withPageRevision(two, (sig) => sig.replace(/\/M \(D:\d+Z\)/, '/M (D:20200101000000Z)'), /\/Type \/Sig\b/);
    const signedOverRewrite = await signThroughGateway(rewritten, employer, 'trilateral:rewritten');
    expect(
      verifySignedPdf({
        original: two,
        signed: signedOverRewrite,
        expectedSigner: { personalCode: employer.personalCode },
        trustedCaPem: gateway.caCertificatePem,
      }),
    ).toEqual({ ok: false, reason: 'Grąžintame dokumente pridėtas daugiau nei vienas parašas.' });
  });
});

describe('the gateway', () => {
  it('signs several documents with one confirmation (bulk signing, CON-5)', async () => {
    const pdfs = await Promise.all([1, 2, 3].map((n) => contractPdf(`Mokymosi sutartis KURS-2026-01${n}`)));
    const created = await client.createSession({
      documents: pdfs.map((pdf, i) => ({ pdf, title: `Mokymosi sutartis Nr. KURS-2026-01${i + 1}`, reference: `registration-${i + 1}` })),
      signer: { personalCode: providerSigner.personalCode, name: fullName(providerSigner) },
      returnUrl: RETURN_URL,
      reference: 'bulk-1',
    });
    expect(created.documentSha256).toHaveLength(3);
    expect(await controlSign(created.sessionId, providerSigner.personalCode)).toEqual({ status: 'signed' });
    const state = await client.fetchSession(created.sessionId, { content: false });
    expect(state.status).toBe('signed');
    expect(state.documents.map((d) => [d.reference, d.signedPdf])).toEqual([
      ['registration-1', null],
      ['registration-2', null],
      ['registration-3', null],
    ]);
    for (const [index, pdf] of pdfs.entries()) {
      const signed = await client.fetchSignedDocument(created.sessionId, index);
      expect(
        verifySignedPdf({
          original: pdf,
          signed,
          expectedSigner: { personalCode: providerSigner.personalCode },
          trustedCaPem: gateway.caCertificatePem,
        }),
      ).toMatchObject({ ok: true, signerName: fullName(providerSigner) });
    }
  });

  it('refuses another person at the test-control path and signs nothing', async () => {
    const pdf = await contractPdf('Mokymosi sutartis KURS-2026-0200');
    const created = await client.createSession({
      documents: [{ pdf, title: 'Mokymosi sutartis' }],
      signer: { personalCode: participant.personalCode, name: fullName(participant) },
      returnUrl: RETURN_URL,
      reference: 'wrong-person-control',
    });
    expect(await controlSign(created.sessionId, providerSigner.personalCode)).toEqual({
      status: 'refused',
      reason: 'Prisijungęs asmuo nėra šio dokumento pasirašytojas. Dokumentas nepasirašytas.',
    });
    // Final: the right person cannot sign the refused session either.
    expect((await controlSign(created.sessionId, participant.personalCode)).status).toBe('refused');
    const state = await client.fetchSession(created.sessionId);
    expect(state).toMatchObject({
      status: 'refused',
      reason: 'Prisijungęs asmuo nėra šio dokumento pasirašytojas. Dokumentas nepasirašytas.',
    });
    expect(state.documents[0]?.signedPdf).toBeNull();
    await expect(client.fetchSignedDocument(created.sessionId, 0)).rejects.toMatchObject({ kind: 'rejected', status: 409 });
  });

  it('authenticates the app, keeps sessions per app, and makes retries with an idempotency key harmless', async () => {
    const pdf = await contractPdf('Mokymosi sutartis KURS-2026-0300');
    const input = {
      documents: [{ pdf, title: 'Mokymosi sutartis' }],
      signer: { personalCode: participant.personalCode, name: fullName(participant) },
      returnUrl: RETURN_URL,
      reference: 'idempotent',
      idempotencyKey: 'contract-300-participant-1',
    };
    const first = await client.createSession(input);
    const again = await client.createSession(input);
    expect(again.sessionId).toBe(first.sessionId);
    expect(gateway.sessionCount()).toBeGreaterThan(0);

    const intruder = createSigningGatewayClient({
      gatewayUrl: gateway.url,
      clientId: APP_CLIENT.clientId,
      clientSecret: 'wrong',
      timeoutMs: 5_000,
    });
    const refused = await intruder.createSession(input).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(SigningGatewayError);
    expect(refused).toMatchObject({ kind: 'rejected', status: 401 });
    await expect(intruder.fetchSession(first.sessionId)).rejects.toMatchObject({ kind: 'rejected', status: 401 });
    await expect(client.fetchSession('no-such-session')).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('maps an unreachable gateway to a Lithuanian error', async () => {
    const closed = await startSigningGatewaySimulator({
      port: 0,
      clients: [APP_CLIENT],
      viisp: { issuer: 'http://127.0.0.1:1', ...GATEWAY_AS_VIISP_CLIENT },
    });
    await closed.close();
    const offline = createSigningGatewayClient({ gatewayUrl: closed.url, ...APP_CLIENT, timeoutMs: 2_000 }, { backoffMs: 1 });
    const error = await offline.fetchSession('x').catch((err: unknown) => err);
    expect(error).toMatchObject({ kind: 'unreachable' });
    expect((error as Error).message).toMatch(/^Elektroninio parašo paslauga nepasiekiama: nepavyko prisijungti/);
  });

  it('has no test control unless started with testControl', async () => {
    const plain = await startSigningGatewaySimulator({
      port: 0,
      clients: [APP_CLIENT],
      viisp: { issuer: viisp.issuer, ...GATEWAY_AS_VIISP_CLIENT },
    });
    try {
      const response = await fetch(`${plain.url}/_control/sessions/x/sign`, { method: 'POST', body: '{}' });
      expect(response.status).toBe(404);
    } finally {
      await plain.close();
    }
  });
});

describe('the signer in the browser, confirming with a fresh VIISP login', () => {
  /** The gateway's signing page as the signer sees it, and its „Pasirašyti“ pressed: where it sends the browser. */
  async function pressSign(signUrl: string): Promise<{ html: string; authorizationUrl: URL; cookie: string }> {
    const pageResponse = await fetch(signUrl);
    expect(pageResponse.status).toBe(200);
    const html = await pageResponse.text();
    const action = /<form method="post" action="([^"]+)"><button[^>]*data-sign>Pasirašyti<\/button>/.exec(html)?.[1];
    expect(action).toBeDefined();
    const pressed = await fetch(new URL(action ?? '', signUrl), { method: 'POST', redirect: 'manual' });
    expect(pressed.status).toBe(303);
    const cookie = (pressed.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
    return { html, authorizationUrl: new URL(pressed.headers.get('location') ?? ''), cookie };
  }

  async function newSession(reference: string) {
    const pdf = await contractPdf(`Mokymosi sutartis ${reference}`);
    const created = await client.createSession({
      documents: [{ pdf, title: `Mokymosi sutartis Nr. ${reference}`, fileName: 'sutartis.pdf' }],
      signer: { personalCode: participant.personalCode, name: fullName(participant) },
      returnUrl: RETURN_URL,
      reference,
    });
    return { pdf, created };
  }

  it('shows what is signed, and signs after the right person logs in again', async () => {
    const { pdf, created } = await newSession('KURS-2026-0400');
    const { html, authorizationUrl, cookie } = await pressSign(created.signUrl);
    expect(html).toContain('Mokymosi sutartis Nr. KURS-2026-0400');
    expect(html).toContain(created.documentSha256[0]);
    expect(html).toContain('Atsisakyti');
    // A fresh authentication at VIISP, as the gateway's own client.
    expect(authorizationUrl.origin).toBe(viisp.issuer);
    expect(authorizationUrl.searchParams.get('prompt')).toBe('login');
    expect(authorizationUrl.searchParams.get('max_age')).toBe('0');
    expect(authorizationUrl.searchParams.get('client_id')).toBe(GATEWAY_AS_VIISP_CLIENT.clientId);

    const callback = await driveViispLogin(authorizationUrl.href, { personalCode: participant.personalCode });
    expect(callback.startsWith(gateway.viispRedirectUri)).toBe(true);
    // The callback without the browser's transaction cookie is refused (and spends nothing).
    expect((await fetch(callback, { redirect: 'manual' })).status).toBe(400);
    const back = await fetch(callback, { headers: { cookie }, redirect: 'manual' });
    expect(back.status).toBe(303);
    const returned = new URL(back.headers.get('location') ?? '');
    expect(`${returned.origin}${returned.pathname}`).toBe(RETURN_URL);
    expect(Object.fromEntries(returned.searchParams)).toEqual({ session: created.sessionId, status: 'signed' });

    const state = await client.fetchSession(created.sessionId);
    expect(state.status).toBe('signed');
    const signed = state.documents[0]?.signedPdf;
    expect(signed).toBeTruthy();
    expect(
      verifySignedPdf({
        original: pdf,
        signed: signed ?? new Uint8Array(),
        expectedSigner: { personalCode: participant.personalCode },
        trustedCaPem: gateway.caCertificatePem,
      }),
    ).toMatchObject({ ok: true, signerName: fullName(participant) });
  });

  it('refuses another person who logs in, and signs nothing', async () => {
    const { created } = await newSession('KURS-2026-0401');
    const { authorizationUrl, cookie } = await pressSign(created.signUrl);
    const callback = await driveViispLogin(authorizationUrl.href, { personalCode: providerSigner.personalCode });
    const refused = await fetch(callback, { headers: { cookie }, redirect: 'manual' });
    expect(refused.status).toBe(403);
    const html = await refused.text();
    expect(html).toContain('Prisijungęs asmuo nėra šio dokumento pasirašytojas. Dokumentas nepasirašytas.');
    expect(html).toContain(`status=refused`);
    const state = await client.fetchSession(created.sessionId);
    expect(state).toMatchObject({
      status: 'refused',
      reason: 'Prisijungęs asmuo nėra šio dokumento pasirašytojas. Dokumentas nepasirašytas.',
    });
    expect(state.documents[0]?.signedPdf).toBeNull();
    // The page no longer offers to sign.
    const after = await fetch(created.signUrl);
    expect(await after.text()).not.toContain('data-sign');
  });

  it('„Atsisakyti“ sends the signer back with status=cancelled', async () => {
    const { created } = await newSession('KURS-2026-0402');
    const html = await (await fetch(created.signUrl)).text();
    const action = /<form method="post" action="([^"]+)"><button[^>]*data-refuse>Atsisakyti<\/button>/.exec(html)?.[1];
    const response = await fetch(new URL(action ?? '', created.signUrl), { method: 'POST', redirect: 'manual' });
    expect(response.status).toBe(303);
    expect(new URL(response.headers.get('location') ?? '').searchParams.get('status')).toBe('cancelled');
    expect((await client.fetchSession(created.sessionId)).status).toBe('cancelled');
  });

  it('without a personal code in the session, whoever logs in signs; verifySignedPdf checks the stored hash (issue 12)', async () => {
    const pepper = 'signing-test-pepper';
    const hash = (code: string) => hashPersonalCode(pepper, code);
    const pdf = await contractPdf('Mokymosi sutartis KURS-2026-0403');
    // The app expects the participant (A) but knows only her keyed hash: it names no code.
    const created = await client.createSession({
      documents: [{ pdf, title: 'Mokymosi sutartis Nr. KURS-2026-0403' }],
      signer: { name: fullName(participant) },
      returnUrl: RETURN_URL,
      reference: 'KURS-2026-0403',
    });
    const { html, authorizationUrl, cookie } = await pressSign(created.signUrl);
    expect(html).toContain(`<dd data-signer>${fullName(participant)}</dd>`);
    expect(html).toContain('dokumentą pasirašys prisijungęs asmuo');
    // Another person (B) logs in at VIISP: the gateway cannot tell, and signs with B's certificate.
    const callback = await driveViispLogin(authorizationUrl.href, { personalCode: providerSigner.personalCode });
    const back = await fetch(callback, { headers: { cookie }, redirect: 'manual' });
    expect(back.status).toBe(303);
    expect(new URL(back.headers.get('location') ?? '').searchParams.get('status')).toBe('signed');
    const signed = (await client.fetchSession(created.sessionId)).documents[0]?.signedPdf;
    if (!signed) throw new Error('no signed PDF');

    const expecting = (code: string) => ({
      original: pdf,
      signed,
      expectedSigner: { personalCodeHash: hash(code), hash },
      trustedCaPem: gateway.caCertificatePem,
    });
    // A's hash expected: refused with the reason the user reads.
    expect(verifySignedPdf(expecting(participant.personalCode))).toEqual({
      ok: false,
      reason: 'Dokumentą pasirašė ne tas asmuo, kuris turėjo jį pasirašyti.',
    });
    // B's hash expected: accepted, with B's name from the certificate.
    expect(verifySignedPdf(expecting(providerSigner.personalCode))).toMatchObject({ ok: true, signerName: fullName(providerSigner) });
    // Another pepper is another hash: refused as well.
    expect(
      verifySignedPdf({
        ...expecting(providerSigner.personalCode),
        expectedSigner: { personalCodeHash: hash(providerSigner.personalCode), hash: (code) => hashPersonalCode('other', code) },
      }),
    ).toMatchObject({ ok: false, reason: 'Dokumentą pasirašė ne tas asmuo, kuris turėjo jį pasirašyti.' });
    // The caller's own failure is its error, never taken for a bad signature.
    expect(() =>
      verifySignedPdf({
        ...expecting(providerSigner.personalCode),
        expectedSigner: {
          personalCodeHash: 'x',
          hash: () => {
            throw new Error('no pepper configured');
          },
        },
      }),
    ).toThrow('no pepper configured');
  });
});

/** The /Reason and /Name of each signature dictionary, in the order the signatures were added (pdf-lib's parser). */
async function signatureDictionaries(pdf: Uint8Array): Promise<{ reason?: string; name?: string }[]> {
  const doc = await PDFDocument.load(pdf);
  const text = (dict: PDFDict, key: string) => {
    const value = dict.lookup(PDFName.of(key));
    return value instanceof PDFHexString || value instanceof PDFString ? value.decodeText() : undefined;
  };
  return doc.context
    .enumerateIndirectObjects()
    .filter(([, object]) => object instanceof PDFDict && object.lookup(PDFName.of('Type')) === PDFName.of('Sig'))
    .sort(([a], [b]) => a.objectNumber - b.objectNumber)
    .map(([, dict]) => ({ reason: text(dict as PDFDict, 'Reason'), name: text(dict as PDFDict, 'Name') }));
}

describe('the signature reason (USERS-28: the provider signer’s name and authority on each contract)', () => {
  const authority = 'Mokymo teikėjo vardu, pagal Direktoriaus 2024-01-15 įsakymą Nr. V-12';
  const kestutis: ViispPerson = TEST_PEOPLE.kestutis; // Kęstutis Žilinskas

  it('writes the session’s reason, or a document’s own, into /Reason with the certificate’s name in /Name; pdfsig verifies', async () => {
    const pdfs = await Promise.all([1, 2].map((n) => contractPdf(`Mokymosi sutartis KURS-2026-050${n}`)));
    const ownReason = 'Trišalė sutartis: darbdavio atstovo įgaliojimas Nr. Į-7 (ąčęėįšųūž)';
    const created = await client.createSession({
      documents: [
        { pdf: pdfs[0]!, title: 'Mokymosi sutartis Nr. KURS-2026-0501' },
        { pdf: pdfs[1]!, title: 'Mokymosi sutartis Nr. KURS-2026-0502', reason: ownReason },
      ],
      signer: { personalCode: kestutis.personalCode, name: fullName(kestutis) },
      reason: authority,
      returnUrl: RETURN_URL,
      reference: 'reason-1',
    });
    // The signer sees the reason before signing.
    const page = await (await fetch(created.signUrl)).text();
    expect(page).toContain(`<dd data-reason>${authority}</dd>`);
    expect(page).toContain(`<dd data-reason>${ownReason}</dd>`);
    expect(await controlSign(created.sessionId, kestutis.personalCode)).toEqual({ status: 'signed' });
    const state = await client.fetchSession(created.sessionId);
    const expected = [authority, ownReason];
    for (const [index, pdf] of pdfs.entries()) {
      const signed = state.documents[index]?.signedPdf;
      if (!signed) throw new Error('no signed PDF');
      expect(
        verifySignedPdf({
          original: pdf,
          signed,
          expectedSigner: { personalCode: kestutis.personalCode },
          trustedCaPem: gateway.caCertificatePem,
        }),
      ).toMatchObject({ ok: true, signerName: 'Kęstutis Žilinskas', reason: expected[index] });
      // Read back by another parser: UTF-16 text strings, the Lithuanian letters intact.
      expect(await signatureDictionaries(signed)).toEqual([{ reason: expected[index], name: 'Kęstutis Žilinskas' }]);
      const [signature] = await pdfsig(signed, [gateway.caCertificatePem]);
      expect(signature).toMatchObject({
        signatureValidation: 'Signature is Valid.',
        certificateValidation: 'Certificate is Trusted.',
        totalDocumentSigned: true,
      });
    }
  });

  it('keeps each signature’s reason when the participant and then the provider sign', async () => {
    const original = await contractPdf('Mokymosi sutartis KURS-2026-0510');
    const byParticipant = await signThroughGateway(original, participant, 'reason-2:participant');
    const created = await client.createSession({
      documents: [{ pdf: byParticipant, title: 'Mokymosi sutartis Nr. KURS-2026-0510' }],
      signer: { personalCode: kestutis.personalCode, name: fullName(kestutis) },
      reason: authority,
      returnUrl: RETURN_URL,
      reference: 'reason-2:provider',
    });
    await controlSign(created.sessionId, kestutis.personalCode);
    const byBoth = (await client.fetchSession(created.sessionId)).documents[0]?.signedPdf;
    if (!byBoth) throw new Error('no signed PDF');
    expect(
      verifySignedPdf({
        original: byParticipant,
        signed: byBoth,
        expectedSigner: { personalCode: kestutis.personalCode },
        trustedCaPem: gateway.caCertificatePem,
      }),
    ).toMatchObject({ ok: true, reason: authority });
    expect(await signatureDictionaries(byBoth)).toEqual([
      { reason: 'Dokumento pasirašymas', name: 'Eglė Paulauskienė' },
      { reason: authority, name: 'Kęstutis Žilinskas' },
    ]);
    const signatures = await pdfsig(byBoth, [gateway.caCertificatePem]);
    expect(signatures.map((s) => s.signatureValidation)).toEqual(['Signature is Valid.', 'Signature is Valid.']);
  });

  it('refuses a reason longer than 500 characters', async () => {
    const error = await client
      .createSession({
        documents: [{ pdf: await contractPdf('x'), title: 'Mokymosi sutartis' }],
        signer: { name: 'Kęstutis Žilinskas' },
        reason: 'ą'.repeat(501),
        returnUrl: RETURN_URL,
        reference: 'reason-too-long',
      })
      .catch((err: unknown) => err);
    expect(error).toMatchObject({ kind: 'rejected', status: 422 });
  });
});
