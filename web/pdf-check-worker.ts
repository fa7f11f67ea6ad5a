// Runs in a worker thread of the pool in web/pdf-check.ts, for many checks in turn (PDF.js is loaded
// once per thread, not once per upload): each message { id, bytes } is opened with Mozilla's PDF.js and
// answered with { id, verdict } ('ok' | 'password' | 'invalid'), one at a time. A thread of its own, so
// a file that makes the parser slow or hungry is stopped (the thread terminated by its time limit or its
// memory limit) without holding up the server; the pool then starts a fresh thread.
import { parentPort } from 'node:worker_threads';
import { getDocument, PasswordException, VerbosityLevel } from 'pdfjs-dist/legacy/build/pdf.mjs';

type Verdict = 'ok' | 'password' | 'invalid';

async function open(data: Uint8Array): Promise<Verdict> {
  // Only the structure is read: nothing is rendered, no fonts, scripts (XFA), WebAssembly or network.
  const task = getDocument({
    data,
    verbosity: VerbosityLevel.ERRORS,
    stopAtErrors: true,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    useWasm: false,
    enableXfa: false,
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    disableAutoFetch: true,
    disableStream: true,
  });
  try {
    const document = await task.promise;
    if (document.numPages < 1) return 'invalid';
    await document.getPage(1);
    return 'ok';
  } catch (error) {
    return error instanceof PasswordException ? 'password' : 'invalid';
  } finally {
    await task.destroy().catch(() => undefined);
  }
}

// Nothing is written: the pool never reads this thread's output, which would pile up for its whole life.
for (const level of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) console[level] = () => undefined;

// A promise the parser leaves behind for an earlier file must not end the thread in the middle of the
// next file's check: the verdicts are only what open() answers.
process.on('unhandledRejection', () => undefined);

parentPort?.on('message', (message: { id: number; bytes: Uint8Array }) => {
  void open(message.bytes).then(
    (verdict) => parentPort?.postMessage({ id: message.id, verdict }),
    () => parentPort?.postMessage({ id: message.id, verdict: 'invalid' satisfies Verdict }),
  );
});
