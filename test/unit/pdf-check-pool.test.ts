// The PDF check's pool of long-lived threads (issue 16; GEN-12, issue 11 item 5): PDF.js is loaded
// once per thread instead of once per upload, while a hostile file still cannot hold up or exhaust the
// server — a file that parses too slowly is cut at its time limit, one that eats memory is stopped by
// the thread's memory limit, the thread is replaced, and never more than PDF_CHECKS_AT_ONCE threads exist.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { checkPdf, PDF_CHECKS_AT_ONCE, PDF_CHECKS_PER_THREAD, pdfChecksRunning, pdfCheckThreads } from '../../web/pdf-check.ts';
import { pdfBytes } from '../support/pdf.ts';

const DIPLOMA = new Uint8Array(readFileSync(new URL('../fixtures/files/diplomas.pdf', import.meta.url)));
const HTML = new TextEncoder().encode('%PDF-1.7\n<!doctype html><html><body>Ne PDF</body></html>\n');

/**
 * A well-formed one-page PDF whose page dictionary holds an array of `filler` repeated to about `bytes`
 * bytes: PDF.js builds one object per item when it reads the page. With "[]" (an empty array) a few MB
 * take the parser a good part of a second and still open; with "<<>>" (an empty dictionary) 4 MB need
 * more than the thread's 256 MB heap.
 */
function heavyPdf(filler: string, bytes: number): Uint8Array {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Filler [${filler.repeat(Math.floor(bytes / filler.length))}] >>`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}

const MB = 1024 * 1024;

/** Runs `work` while sampling the pool every millisecond; returns its result and the most threads seen at once. */
async function sampled<T>(work: () => Promise<T>): Promise<{ result: T; peakThreads: number; peakRunning: number }> {
  let peakThreads = 0;
  let peakRunning = 0;
  const sample = () => {
    peakThreads = Math.max(peakThreads, pdfCheckThreads().alive);
    peakRunning = Math.max(peakRunning, pdfChecksRunning());
  };
  const sampler = setInterval(sample, 1);
  try {
    const result = await work();
    sample();
    return { result, peakThreads, peakRunning };
  } finally {
    clearInterval(sampler);
  }
}

describe('checkPdf keeps its threads between checks', () => {
  it('answers checks in sequence on one thread, with the same verdicts', async () => {
    const before = pdfCheckThreads().started;
    const files = [
      DIPLOMA,
      HTML,
      pdfBytes('Nr. 1'),
      pdfBytes('Diplomas', { passwordProtected: true }),
      DIPLOMA.subarray(0, 500),
      pdfBytes('Nr. 2'),
    ];
    const verdicts: string[] = [];
    for (const file of files) verdicts.push(await checkPdf(file));
    expect(verdicts).toEqual(['ok', 'invalid', 'ok', 'password', 'invalid', 'ok']);
    // A thread per upload would have started six.
    expect(pdfCheckThreads().started - before).toBeLessThanOrEqual(1);
    expect(pdfCheckThreads().alive).toBeGreaterThanOrEqual(1);
  });

  it(`answers a burst of 20 in order with at most ${PDF_CHECKS_AT_ONCE} threads`, async () => {
    const before = pdfCheckThreads().started;
    const { result, peakThreads, peakRunning } = await sampled(() =>
      Promise.all(Array.from({ length: 20 }, (_, i) => checkPdf(i % 4 === 3 ? HTML : pdfBytes(`Sąskaita Nr. ${i}`)))),
    );
    expect(result).toEqual(Array.from({ length: 20 }, (_, i) => (i % 4 === 3 ? 'invalid' : 'ok')));
    expect(peakRunning).toBe(PDF_CHECKS_AT_ONCE);
    expect(peakThreads).toBeLessThanOrEqual(PDF_CHECKS_AT_ONCE);
    expect(pdfCheckThreads().started - before).toBeLessThanOrEqual(PDF_CHECKS_AT_ONCE);
    expect(pdfChecksRunning()).toBe(0);
  });

  it(`retires a thread after ${PDF_CHECKS_PER_THREAD} checks and goes on with a fresh one`, async () => {
    const file = pdfBytes('Nr. 7');
    const before = pdfCheckThreads().started;
    // Every thread alive now reaches its limit within this many checks, so at least one new one starts.
    for (let i = 0; i <= PDF_CHECKS_AT_ONCE * PDF_CHECKS_PER_THREAD; i++) expect(await checkPdf(file)).toBe('ok');
    expect(pdfCheckThreads().started - before).toBeGreaterThanOrEqual(1);
    expect(pdfCheckThreads().alive).toBeLessThanOrEqual(PDF_CHECKS_AT_ONCE);
    await vi.waitFor(() => expect(pdfChecksRunning()).toBe(0));
  });

  it('does not keep a process alive once its checks are answered (the idle threads)', async () => {
    // A plain Node process (no tsx: the module is type-stripped TypeScript) that checks a file and ends.
    const script = `const { checkPdf, pdfCheckThreads } = await import(${JSON.stringify(new URL('../../web/pdf-check.ts', import.meta.url).href)});
      console.log(await checkPdf(new TextEncoder().encode(${JSON.stringify(new TextDecoder().decode(pdfBytes('Nr. 9')))})), pdfCheckThreads().alive);`;
    const t0 = performance.now();
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { timeout: 20_000 });
    expect(stdout.trim()).toBe('ok 1');
    // It ended on its own, long before its idle thread's 5 minutes.
    expect(performance.now() - t0).toBeLessThan(20_000);
  });

  it('copies the bytes: the caller’s buffer (or the view into it) stays whole and usable', async () => {
    const whole = new Uint8Array(DIPLOMA.byteLength + 64);
    whole.set(DIPLOMA, 32);
    const view = whole.subarray(32, 32 + DIPLOMA.byteLength);
    expect(await checkPdf(view)).toBe('ok');
    expect(whole.buffer.byteLength).toBe(DIPLOMA.byteLength + 64);
    expect(view.byteLength).toBe(DIPLOMA.byteLength);
    expect(view).toEqual(DIPLOMA);
  });
});

describe('a hostile PDF cannot hold the pool', () => {
  it('a file too slow to open is refused at its time limit, its thread replaced, while the other files are answered', async () => {
    const slow = heavyPdf('[]', 3 * MB);
    // The slow file on its own opens (given time): only the time limit refuses it.
    expect(await checkPdf(slow)).toBe('ok');
    const before = pdfCheckThreads().started;
    const t0 = performance.now();
    const { result, peakThreads, peakRunning } = await sampled(() =>
      Promise.all([checkPdf(slow, 100), checkPdf(slow, 100), checkPdf(pdfBytes('Nr. 1')), checkPdf(HTML), checkPdf(pdfBytes('Nr. 2'))]),
    );
    const ms = performance.now() - t0;
    expect(result).toEqual(['invalid', 'invalid', 'ok', 'invalid', 'ok']);
    // Both threads were taken by slow files and terminated at 100 ms, not when parsing would have ended.
    expect(pdfCheckThreads().started - before).toBeGreaterThanOrEqual(2);
    expect(peakThreads).toBeLessThanOrEqual(PDF_CHECKS_AT_ONCE);
    expect(peakRunning).toBeLessThanOrEqual(PDF_CHECKS_AT_ONCE);
    expect(ms).toBeLessThan(10_000);
    await vi.waitFor(() => expect(pdfChecksRunning()).toBe(0));
    expect(await checkPdf(DIPLOMA)).toBe('ok');
  });

  it('a file that exhausts the thread’s memory is refused on a fresh thread of its own, the thread replaced, the next files answered', async () => {
    // A thread that has opened a file before is idle: the bomb is given to it.
    expect(await checkPdf(pdfBytes('Prieš'))).toBe('ok');
    const before = pdfCheckThreads().started;
    const t0 = performance.now();
    const { result, peakThreads } = await sampled(() => checkPdf(heavyPdf('<<>>', 4 * MB)));
    expect(result).toBe('invalid');
    // Stopped by the memory limit, well before the 15 s time limit …
    expect(performance.now() - t0).toBeLessThan(14_000);
    // … twice: the used thread died under it, so the verdict is the one a fresh thread gave.
    expect(pdfCheckThreads().started - before).toBe(1);
    expect(peakThreads).toBeLessThanOrEqual(PDF_CHECKS_AT_ONCE);
    await vi.waitFor(() => expect(pdfChecksRunning()).toBe(0));
    expect(await Promise.all([checkPdf(pdfBytes('Po')), checkPdf(HTML), checkPdf(DIPLOMA)])).toEqual(['ok', 'invalid', 'ok']);
    expect(pdfCheckThreads().alive).toBeGreaterThanOrEqual(1);
    expect(pdfCheckThreads().alive).toBeLessThanOrEqual(PDF_CHECKS_AT_ONCE);
  });
});
