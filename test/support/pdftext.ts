// The text of a PDF as Debian's poppler-utils extracts it (pdftotext), for tests that check what a
// generated document says: Lithuanian letters in an embedded font survive only if the font is right.
// Also a scratch directory for the files poppler's other tools (pdfinfo, pdftoppm) read.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'vitest';

/** Runs a poppler-utils tool (pdftotext, pdfinfo, pdftoppm) and resolves with its output. */
export const poppler = promisify(execFile);

/** Text as one line: the layout's line and page breaks and runs of spaces collapsed, so a wrapped sentence reads as written. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/** A temporary directory for a test file's PDFs, made on the first save; call remove() in afterAll. */
export interface PdfScratch {
  /** Writes the PDF to a new file in the directory and returns its path. */
  save(pdf: Uint8Array): Promise<string>;
  remove(): Promise<void>;
}

export function pdfScratch(prefix: string): PdfScratch {
  let dir: Promise<string> | undefined;
  let fileNo = 0;
  return {
    async save(pdf) {
      dir ??= mkdtemp(join(tmpdir(), `${prefix}-`));
      const path = join(await dir, `${prefix}-${++fileNo}.pdf`);
      await writeFile(path, pdf);
      return path;
    },
    async remove() {
      if (dir) await rm(await dir, { recursive: true, force: true });
      dir = undefined;
    },
  };
}

/** Asserts that every Lithuanian letter, small and capital, survived extraction into `text`. */
export function expectLithuanianLetters(text: string): void {
  for (const letter of 'ąčęėįšųūžĄČĘĖĮŠŲŪŽ') expect(text, letter).toContain(letter);
}

/** pdftotext's text with its file's PDF saved in `scratch`. */
async function pdftotext(scratch: PdfScratch, pdf: Uint8Array, layout: boolean): Promise<string> {
  const args = [...(layout ? ['-layout'] : []), '-enc', 'UTF-8', await scratch.save(pdf), '-'];
  return (await poppler('pdftotext', args)).stdout;
}

/**
 * pdftotext -layout (UTF-8): as it comes (`layout`, pages split by form feeds), with the runs of
 * spaces the layout puts between words collapsed to one (`words`), and as one line (`line`).
 */
export async function pdfLayoutText(scratch: PdfScratch, pdf: Uint8Array): Promise<{ layout: string; words: string; line: string }> {
  const layout = await pdftotext(scratch, pdf, true);
  return { layout, words: layout.replace(/[ \t]+/g, ' ').replace(/ ?\n ?/g, '\n'), line: oneLine(layout) };
}

/** pdftotext's text as one line (the layout's line breaks and runs of spaces collapsed). */
export async function pdfTextLine(pdf: Uint8Array): Promise<string> {
  const scratch = pdfScratch('pdftext');
  try {
    return oneLine(await pdftotext(scratch, pdf, false));
  } finally {
    await scratch.remove();
  }
}
