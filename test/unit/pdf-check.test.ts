// Uploaded PDFs must open as PDFs (GEN-12; issue 11, item 5): the magic bytes "%PDF-" are not
// enough — an HTML page, a cut-off file or garbage behind that header is refused, a password-
// protected one is refused with its own message, a real PDF is accepted unchanged.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkPdf, pdfChecksRunning } from '../../web/pdf-check.ts';
import { checkUpload } from '../../web/uploads.ts';
import { pdfBytes } from '../support/pdf.ts';

const DIPLOMA = new Uint8Array(readFileSync(new URL('../fixtures/files/diplomas.pdf', import.meta.url)));
const HTML = new TextEncoder().encode('%PDF-1.7\n<!doctype html><html><body><script>alert(document.cookie)</script></body></html>\n');
const NOT_PDF = 'Failas nėra tinkamas PDF dokumentas: įkelkite tikrą PDF, JPEG arba PNG failą.';

/** "%PDF-1.4" followed by pseudo-random bytes. */
function garbage(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  bytes.set(new TextEncoder().encode('%PDF-1.4\n'));
  for (let i = 9; i < length; i++) bytes[i] = (i * 7919 + 13) % 256;
  return bytes;
}

describe('checkPdf (PDF.js in a worker thread)', () => {
  it('opens real PDFs: a browser-printed one and the tests’ own fixture', async () => {
    expect(await checkPdf(DIPLOMA)).toBe('ok');
    expect(await checkPdf(pdfBytes('Pažyma iš darbo (2026)'))).toBe('ok');
  });

  it('refuses an HTML page, a cut-off PDF and garbage behind a PDF header', async () => {
    expect(await checkPdf(HTML)).toBe('invalid');
    expect(await checkPdf(DIPLOMA.subarray(0, Math.floor(DIPLOMA.length / 2)))).toBe('invalid');
    expect(await checkPdf(pdfBytes().subarray(0, 300))).toBe('invalid');
    expect(await checkPdf(garbage(4096))).toBe('invalid');
    expect(await checkPdf(new TextEncoder().encode('%PDF-1.4\n% KURSUOK bandymas\n%%EOF\n'))).toBe('invalid');
  });

  it('tells a password-protected PDF apart', async () => {
    expect(await checkPdf(pdfBytes('Diplomas', { passwordProtected: true }))).toBe('password');
  });

  // The time limit is tested with a file that is really slow to open (pdf-check-pool.test.ts): a warm
  // worker now opens this diploma in about a millisecond, so a 1 ms limit no longer proves anything.
});

describe('checkUpload runs the PDF check for every file detected as PDF', () => {
  it('refuses an HTML file named and typed as a PDF, with a Lithuanian message', async () => {
    const file = new File([HTML], 'pazyma.pdf', { type: 'application/pdf' });
    expect(await checkUpload(file)).toEqual({ ok: false, error: NOT_PDF });
  });

  it('refuses a password-protected PDF with its own message', async () => {
    const file = new File([pdfBytes('Diplomas', { passwordProtected: true })], 'diplomas.pdf');
    expect(await checkUpload(file)).toEqual({ ok: false, error: 'PDF failas apsaugotas slaptažodžiu: įkelkite failą be slaptažodžio.' });
  });

  it('accepts a real PDF and keeps its bytes intact', async () => {
    const checked = await checkUpload(new File([DIPLOMA], 'Diplomas.pdf', { type: 'application/octet-stream' }));
    expect(checked).toMatchObject({ ok: true, type: 'application/pdf', originalName: 'Diplomas.pdf', downloadName: 'Diplomas.pdf' });
    expect(checked.ok && checked.bytes).toEqual(DIPLOMA);
  });

  it('does not run the PDF check on images', async () => {
    const png = new Uint8Array(readFileSync(new URL('../fixtures/files/patirtis.png', import.meta.url)));
    expect(await checkUpload(new File([png], 'patirtis.pdf'))).toMatchObject({ ok: true, type: 'image/png' });
  });
});

describe('checkPdf under a burst of uploads', () => {
  it('opens at most 2 files at a time and still answers every one, in order', async () => {
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, pdfChecksRunning())), 1);
    const verdicts = await Promise.all(Array.from({ length: 6 }, (_, i) => checkPdf(i % 2 === 0 ? pdfBytes(`Nr. ${i}`) : HTML)));
    clearInterval(sampler);
    expect(verdicts).toEqual(['ok', 'invalid', 'ok', 'invalid', 'ok', 'invalid']);
    expect(peak).toBe(2);
    expect(pdfChecksRunning()).toBe(0);
  });
});
