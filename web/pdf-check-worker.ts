// Runs in a worker thread started by web/pdf-check.ts: opens the uploaded bytes (workerData) with
// Mozilla's PDF.js and posts the verdict back ('ok' | 'password' | 'invalid'). A worker of its own,
// so a file that makes the parser slow or hungry is stopped (terminated) without holding up the server.
import { parentPort, workerData } from 'node:worker_threads';
import { getDocument, PasswordException, VerbosityLevel } from 'pdfjs-dist/legacy/build/pdf.mjs';

async function open(data: Uint8Array): Promise<'ok' | 'password' | 'invalid'> {
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

parentPort?.postMessage(await open(workerData as Uint8Array));
