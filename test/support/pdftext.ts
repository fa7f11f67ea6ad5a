// The text of a PDF as Debian's poppler-utils extracts it (pdftotext), for tests that check what a
// generated document says: Lithuanian letters in an embedded font survive only if the font is right.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** pdftotext's text as one line (the layout's line breaks and runs of spaces collapsed). */
export async function pdfTextLine(pdf: Uint8Array): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pdftext-'));
  try {
    const path = join(dir, 'document.pdf');
    await writeFile(path, pdf);
    const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', path, '-']);
    return stdout.replace(/\f/g, '\n').replace(/\s+/g, ' ');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
