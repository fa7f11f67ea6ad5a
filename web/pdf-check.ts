// Uploaded PDFs (GEN-12; issue 11, item 5): the magic bytes only say that a file starts with
// "%PDF-" (an HTML page or any garbage can), so a file detected as a PDF is kept only if a
// maintained parser — Mozilla's PDF.js (pdfjs-dist, its legacy build for Node) — opens it: the
// document loads, has at least one page and its first page can be read. The parser runs in worker
// threads (web/pdf-check-worker.ts) with a memory limit, and a thread is terminated after a time
// limit, so a hostile file cannot hold up or exhaust the server.
//
// The threads are a small pool of long-lived ones (issue 16): loading PDF.js in a new thread for every
// upload cost ~180 ms of CPU per check (at most ~9 checks/s on this machine). At most
// PDF_CHECKS_AT_ONCE threads exist at any time (busy, idle or still exiting), each opening one file at
// a time; the rest wait their turn. A thread that runs out of time, out of memory or crashes is
// terminated and the next check starts a fresh one; a thread is also retired after
// PDF_CHECKS_PER_THREAD checks and after PDF_CHECK_IDLE_MS without work.
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';

/** 'ok': a PDF that opens; 'password': it needs a password to open; 'invalid': not a PDF that opens (in time). */
export type PdfCheck = 'ok' | 'password' | 'invalid';

/** How long opening an uploaded PDF may take before the file is refused. */
export const PDF_CHECK_TIMEOUT_MS = 15_000;

const WORKER_URL = new URL('./pdf-check-worker.ts', import.meta.url);

/** How many PDFs are opened at once per process (each in a thread of up to ~300 MB); the rest wait their turn. */
export const PDF_CHECKS_AT_ONCE = 2;

/** A thread is replaced after this many checks, bounding whatever the parser might keep between documents. */
export const PDF_CHECKS_PER_THREAD = 500;

/** A thread without work for this long is ended (its memory given back); the next upload starts a fresh one. */
export const PDF_CHECK_IDLE_MS = 5 * 60_000;

const RESOURCE_LIMITS = { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32 };

/** How a check on a thread ended: a verdict, out of time, or the thread died under it (crash, out of memory). */
type Outcome = PdfCheck | 'timeout' | 'crashed';

interface Thread {
  worker: Worker;
  /** Checks given to this thread so far. */
  checks: number;
  /** The check it is running now, if any: ending it settles that check once. */
  current: { id: number; end: (outcome: Outcome) => void } | null;
  idleTimer: NodeJS.Timeout | null;
  /** Resolves once the thread has stopped. */
  exited: Promise<void>;
}

let running = 0;
const queue: (() => void)[] = [];
const idle: Thread[] = [];
let alive = 0;
let started = 0;
let nextId = 1;

/** How many PDFs are being opened right now, counting a terminated thread until it has stopped (for tests and diagnostics). */
export function pdfChecksRunning(): number {
  return running;
}

/** The pool's threads: how many exist now (busy, idle or exiting) and how many were ever started (for tests and diagnostics). */
export function pdfCheckThreads(): { alive: number; started: number } {
  return { alive, started };
}

/** Whether `bytes` (a file whose first bytes say PDF) opens as a PDF document. The bytes are copied, not taken. */
export async function checkPdf(bytes: Uint8Array, timeoutMs = PDF_CHECK_TIMEOUT_MS): Promise<PdfCheck> {
  if (running >= PDF_CHECKS_AT_ONCE) await new Promise<void>((resolve) => queue.push(resolve));
  running++;
  let stopping: Promise<void> | null = null;
  try {
    const deadline = performance.now() + timeoutMs;
    let thread = takeIdle() ?? startThread();
    const reused = thread.checks > 0;
    let outcome = await checkOn(thread, bytes, deadline);
    // A thread that had opened other files before may have been brought down (memory, a crash) by
    // what they left: the file gets one fresh thread (within the same time limit), so its verdict is
    // the one a thread of its own gives.
    if (outcome === 'crashed' && reused && performance.now() < deadline) {
      await thread.exited;
      thread = startThread();
      outcome = await checkOn(thread, bytes, deadline);
    }
    if (outcome === 'ok' || outcome === 'password' || outcome === 'invalid') stopping = release(thread);
    else stopping = stop(thread);
    // Out of time, out of memory, a crash: not a PDF this server can open.
    return outcome === 'timeout' || outcome === 'crashed' ? 'invalid' : outcome;
  } finally {
    // The turn is given on only when the thread is free again, or has stopped: never more threads than turns.
    const next = () => {
      running--;
      queue.shift()?.();
    };
    if (stopping) void stopping.then(next);
    else next();
  }
}

function startThread(): Thread {
  const worker = new Worker(WORKER_URL, {
    // Not the parent's flags: under `npm start` these load the tsx loader again in every thread
    // (1.5–2.8 s each); the worker is plain TypeScript that Node runs by stripping its types.
    execArgv: [],
    resourceLimits: RESOURCE_LIMITS,
    // The parser's own output is not the server's (the thread silences its console; the streams are
    // never read: a stream being read would keep the process alive for as long as the thread lives).
    stdout: true,
    stderr: true,
  });
  alive++;
  started++;
  const thread: Thread = { worker, checks: 0, current: null, idleTimer: null, exited: Promise.resolve() };
  thread.exited = new Promise<void>((resolve) => {
    worker.once('exit', () => {
      alive--;
      if (thread.idleTimer) clearTimeout(thread.idleTimer);
      const at = idle.indexOf(thread);
      if (at >= 0) idle.splice(at, 1);
      thread.current?.end('crashed');
      resolve();
    });
  });
  worker.on('message', (message: unknown) => {
    const answer = message as { id?: unknown; verdict?: unknown } | null;
    if (!thread.current || answer?.id !== thread.current.id) return;
    thread.current.end(answer.verdict === 'ok' || answer.verdict === 'password' ? answer.verdict : 'invalid');
  });
  worker.on('error', () => thread.current?.end('crashed'));
  return thread;
}

/** The thread that worked last (the others may then reach their idle limit), if one is idle. */
function takeIdle(): Thread | undefined {
  const thread = idle.pop();
  if (thread?.idleTimer) clearTimeout(thread.idleTimer);
  if (thread) {
    thread.idleTimer = null;
    thread.worker.ref();
  }
  return thread;
}

/** Opens `bytes` on `thread`: one copy of exactly these bytes is handed over (transferred) to it, the caller's stay whole. */
function checkOn(thread: Thread, bytes: Uint8Array, deadline: number): Promise<Outcome> {
  return new Promise<Outcome>((resolve) => {
    const id = nextId++;
    thread.checks++;
    const timer = setTimeout(() => end('timeout'), Math.max(0, deadline - performance.now()));
    function end(outcome: Outcome) {
      if (thread.current?.id !== id) return;
      thread.current = null;
      clearTimeout(timer);
      resolve(outcome);
    }
    thread.current = { id, end };
    const copy = bytes.slice();
    thread.worker.postMessage({ id, bytes: copy }, [copy.buffer]);
  });
}

/** A thread that answered goes back to the idle ones (or is retired after its share of checks); null when it is free now. */
function release(thread: Thread): Promise<void> | null {
  if (thread.checks >= PDF_CHECKS_PER_THREAD) return stop(thread);
  thread.idleTimer = setTimeout(() => {
    const at = idle.indexOf(thread);
    if (at < 0) return;
    idle.splice(at, 1);
    void stop(thread);
  }, PDF_CHECK_IDLE_MS);
  thread.idleTimer.unref();
  // An idle thread does not keep the process alive (a busy or exiting one does).
  thread.worker.unref();
  idle.push(thread);
  return null;
}

/** Terminates a thread; resolves once it has stopped. */
function stop(thread: Thread): Promise<void> {
  void thread.worker.terminate().catch(() => undefined);
  return thread.exited;
}
