// The certificate's PDF ("Skaitmeninis pažymėjimas", DONE-19): Lithuanian text survives extraction
// by Debian's poppler-utils (pdftotext) with the name, programme, hours, dates, institution, the
// contact person and position (DONE-12) and the number; it is one A4 page; its QR code, rendered by
// pdftoppm and read by jsQR, decodes to the verification address; the same data give the same bytes;
// the file takes an incremental signature that pdfsig verifies, like the learning contract's.
import { readFile } from 'node:fs/promises';
import jsQRBundle from 'jsqr';
import { PDFDocument } from 'pdf-lib';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { certificateDataHash, renderCertificatePdf } from '../../activities/pdf/certificate-pdf.ts';
import { certificateVerificationUrl } from '../../workflows/domain/certificate.ts';
import { createTestCa } from '../sim/signing/ca.ts';
import { signPdfIncrementally } from '../sim/signing/sign.ts';
import { sampleCertificateData } from '../support/certificate.ts';
import { expectDeterministic, expectIncrementalPlaceholder } from '../support/generated-pdf.ts';
import { expectLithuanianLetters, pdfLayoutText, pdfScratch, poppler } from '../support/pdftext.ts';
import { pdfsig } from '../support/pdfsig.ts';

const scratch = pdfScratch('certificate-pdf');
afterAll(() => scratch.remove());

/** pdftotext -layout (UTF-8) as it comes, and as one line with runs of white space collapsed. */
const pdfText = (pdf: Uint8Array) => pdfLayoutText(scratch, pdf);

/** The first page rendered by poppler at 150 dpi, and the QR code jsQR finds in it (null when none). */
async function decodeQr(pdf: Uint8Array): Promise<string | null> {
  const path = await scratch.save(pdf);
  await poppler('pdftoppm', ['-png', '-r', '150', '-f', '1', '-l', '1', '-singlefile', path, path]);
  const png = PNG.sync.read(await readFile(`${path}.png`));
  // jsqr's CommonJS bundle (module.exports) carries the decoder as `default`, as its typings say.
  const found = jsQRBundle.default(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength), png.width, png.height);
  return found?.data ?? null;
}

describe('renderCertificatePdf', () => {
  it('keeps every Lithuanian letter, the name, programme, hours, dates, institution, contact person and number (pdftotext)', async () => {
    const data = sampleCertificateData();
    const { layout, line } = await pdfText(await renderCertificatePdf(data));

    expectLithuanianLetters(layout);
    expect(line).toContain('SKAITMENINIS PAŽYMĖJIMAS');
    expect(line).toContain('Mokymosi programos baigimo pažymėjimas');
    expect(line).toContain('Nr. KURSUOK-2026-000123');
    expect(line).toContain('Išdavimo data 2026-06-02');
    expect(line).toContain('Pažymima, kad Ūla Ėglė Įžymiūtė-Šęšuolė gimimo data 1992-05-17 baigė mokymosi programą');
    expect(line).toContain('„Skaitmeninių įgūdžių pagrindai: ąčęėįšųūž“');
    expect(line).toContain('Programos kodas: NSP-2026-0101');
    expect(layout).toContain('40 akad. val. kontaktinio darbo');
    expect(layout).toContain('60 akad. val.');
    expect(layout).toContain('2026-03-16 – 2026-05-29');
    expect(line).toContain('Mokymo grupė: ĄČĘĖĮŠŲŪŽ-2026 pavasario grupė');
    expect(line).toContain('Galutinis įvertinimas: 9');
    expect(line).toContain('Vertinimo forma: 10 balų vertinimo skalė');
    expect(layout).toContain('UAB „Šviesos žiedas“');
    expect(line).toContain('304567891');
    // INST-6, DONE-12: the contact person's first name, last name and position.
    expect(line).toContain('Už mokymosi programų įgyvendinimą atsakingas asmuo Mokymo skyriaus vadovas Ąžuolas Čepulis');
    // The verification address in print, whole on one line.
    expect(layout).toMatch(/^\s*https:\/\/kursuok\.example\.lt\/kursuok\/pazymejimai\/q3Zy0-Lk_8mWcR2tVx9aBw\s*$/m);
    // DONE-19: a certificate never carries the personal code (the sample has none to leak; no such label either).
    expect(line).not.toMatch(/(?<!juridinio )asmens kodas/i);
  });

  it('is one A4 page with the title, author and creation date from the data (pdfinfo)', async () => {
    const pdf = await renderCertificatePdf(sampleCertificateData());
    const { stdout: info } = await poppler('pdfinfo', [await scratch.save(pdf)]);
    expect(info).toMatch(/^Pages:\s+1$/m);
    expect(info).toMatch(/^Page size:\s+595\.28 x 841\.89 pts \(A4\)$/m);
    expect(info).toMatch(/^Title:\s+Skaitmeninis pažymėjimas Nr\. KURSUOK-2026-000123$/m);
    expect(info).toMatch(/^Author:\s+UAB „Šviesos žiedas“$/m);
    expect(info).toMatch(/^CreationDate:\s+Tue Jun {2}2 03:05:00 2026 UTC$/m);
  });

  it('draws a QR code that decodes to the verification address (pdftoppm at 150 dpi, jsQR)', async () => {
    const data = sampleCertificateData();
    expect(await decodeQr(await renderCertificatePdf(data))).toBe(data.verificationUrl);

    // Another code and a longer public address: another QR code, still readable, the address still on one line.
    const code = 'Zm9vYmFyYmF6cXV4cXV1eA';
    const url = certificateVerificationUrl('https://imp-is.kursuok.example.lt/bandomoji-aplinka/', code);
    const other = await renderCertificatePdf(sampleCertificateData({ verificationCode: code, verificationUrl: url }));
    expect(await decodeQr(other)).toBe(`https://imp-is.kursuok.example.lt/bandomoji-aplinka/kursuok/pazymejimai/${code}`);
    expect((await pdfText(other)).line).toContain(url);

    // An address too long for one line is wrapped in print; the QR code (a larger version) still holds it whole.
    const longCode = 'Zm9vYmFyYmF6cXV4cXV1eHh5enp5eHh5enp5eHh5eg';
    const longUrl = certificateVerificationUrl('https://imp-is.kursuok.example.lt/bandomoji-aplinka/', longCode);
    const long = await renderCertificatePdf(sampleCertificateData({ verificationCode: longCode, verificationUrl: longUrl }));
    expect(await decodeQr(long)).toBe(longUrl);
    expect((await pdfText(long)).line.replace(/(?<=pazymejimai\/\S+) (?=\S+ Nr\.)/, '')).toContain(longUrl);
  });

  it('holds long names on the one page without losing a word', async () => {
    const long = Array.from({ length: 30 }, (_, i) => `ilgas žodis ${i + 1}`).join(' ');
    const base = sampleCertificateData();
    const pdf = await renderCertificatePdf(
      sampleCertificateData({
        programme: { ...base.programme, name: `Programa ${long} pabaiga` },
        group: { ...base.group, name: `Grupė ${long} pabaiga` },
      }),
    );
    expect((await PDFDocument.load(pdf)).getPageCount()).toBe(1);
    const { line } = await pdfText(pdf);
    expect(line).toContain('ilgas žodis 30 pabaiga“');
    expect(line).toContain('ilgas žodis 1 ilgas žodis 2');
    expect(line).toContain('Ąžuolas Čepulis');
    expect(await decodeQr(pdf)).toBe(base.verificationUrl);
  });

  it("gives the same bytes for the same data, and other bytes for other data; the trailer's document ID comes from the data", async () => {
    const other = sampleCertificateData({ number: 'KURSUOK-2026-000124' });
    await expectDeterministic(renderCertificatePdf, certificateDataHash, sampleCertificateData(), other);
  });

  it('has a classic xref table and takes an incremental signature that pdfsig verifies', async () => {
    const pdf = Buffer.from(await renderCertificatePdf(sampleCertificateData()));
    expectIncrementalPlaceholder(pdf, { reason: 'KURSUOK skaitmeninis pazymejimas', contactInfo: '', name: 'KURSUOK' });

    // Sealed the way the signing gateway simulator signs: pdfsig finds one valid, trusted signature
    // over the whole file, and the page (with its link annotations) is untouched.
    const ca = createTestCa();
    const seal = ca.identityFor({ personalCode: '00000000000', givenName: 'KURSUOK', familyName: 'sistemos spaudas' });
    const signed = await signPdfIncrementally(pdf, seal, {
      name: 'KURSUOK sistemos spaudas',
      reason: 'Skaitmeninis pažymėjimas Nr. KURSUOK-2026-000123',
      signingTime: new Date('2026-06-02T03:05:01Z'),
    });
    const [signature, ...more] = await pdfsig(signed, [ca.certificatePem]);
    expect(more).toEqual([]);
    expect(signature?.signatureValidation).toBe('Signature is Valid.');
    expect(signature?.certificateValidation).toBe('Certificate is Trusted.');
    expect(signature?.totalDocumentSigned).toBe(true);
    expect(await decodeQr(signed)).toBe(sampleCertificateData().verificationUrl);
  });

  it('refuses data that cannot make a certificate', async () => {
    const base = sampleCertificateData();
    await expect(
      renderCertificatePdf(
        sampleCertificateData({ institution: { ...base.institution, contactPerson: { ...base.institution.contactPerson, position: '' } } }),
      ),
    ).rejects.toThrow(/institution\.contactPerson\.position is empty/);
  });
});
