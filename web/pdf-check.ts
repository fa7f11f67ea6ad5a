// Uploaded PDFs (GEN-12; issue 11, item 5): the magic bytes only say that a file starts with
// "%PDF-" (an HTML page or any garbage can), so a file detected as a PDF is kept only if a
// maintained parser — Mozilla's PDF.js (pdfjs-dist, its legacy build for Node) — opens it: the
// document loads, has at least one page and its first page can be read. The parser runs in a
// worker thread of its own (web/pdf-check-worker.ts) with a memory limit, and is terminated after
// a time limit, so a hostile file cannot hold up or exhaust the server.
import { Worker } from 'node:worker_threads';

/** 'ok': a PDF that opens; 'password': it needs a password to open; 'invalid': not a PDF that opens (in time). */
export type PdfCheck = 'ok' | 'password' | 'invalid';

/** How long opening an uploaded PDF may take before the file is refused. */
export const PDF_CHECK_TIMEOUT_MS = 15_000;

const WORKER_URL = new URL('./pdf-check-worker.ts', import.meta.url);

/** How many PDFs are opened at once per process (each in a worker of up to ~300 MB); the rest wait their turn. */
export const PDF_CHECKS_AT_ONCE = 2;

let running = 0;
const queue: (() => void)[] = [];

/** How many PDFs are being opened right now (for tests and diagnostics). */
export function pdfChecksRunning(): number {
  return running;
}

/** Whether `bytes` (a file whose first bytes say PDF) opens as a PDF document. The bytes are copied, not taken. */
export async function checkPdf(bytes: Uint8Array, timeoutMs = PDF_CHECK_TIMEOUT_MS): Promise<PdfCheck> {
  if (running >= PDF_CHECKS_AT_ONCE) await new Promise<void>((resolve) => queue.push(resolve));
  running++;
  try {
    return await openInWorker(bytes, timeoutMs);
  } finally {
    running--;
    queue.shift()?.();
  }
}

function openInWorker(bytes: Uint8Array, timeoutMs: number): Promise<PdfCheck> {
  return new Promise((resolve) => {
    const worker = new Worker(WORKER_URL, {
      workerData: bytes,
      // Not the parent's flags: under `npm start` these load the tsx loader again in every worker
      // (1.5–2.8 s per upload); the worker is plain TypeScript that Node runs by stripping its types.
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32 },
      stdout: true,
      stderr: true,
    });
    let settled = false;
    const finish = (verdict: PdfCheck) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(verdict);
      void worker.terminate();
    };
    const timer = setTimeout(() => finish('invalid'), timeoutMs);
    worker.on('message', (verdict: unknown) => finish(verdict === 'ok' || verdict === 'password' ? verdict : 'invalid'));
    // Out of memory, a crash, or an exit without a verdict: not a PDF this server can open.
    worker.on('error', () => finish('invalid'));
    worker.on('exit', () => finish('invalid'));
  });
}
