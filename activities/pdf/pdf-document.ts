// What the system's generated PDFs (the learning contract, CON-16; the certificate, DONE-19) share:
// an A4 document with DejaVu Sans and DejaVu Sans Bold embedded from the dejavu-fonts-ttf package (a
// Unicode font: ą č ę ė į š ų ū ž and „ “ – survive text extraction), deterministic metadata, and
// saving with a classic cross-reference table.
//
// Deterministic: the same data give the same bytes (the same SHA-256). The dates in the metadata come
// from the data, the producer and creator are fixed, the trailer's document ID is derived from a hash
// of the data, and pdf-lib's own "random" names come from a generator with a fixed seed.
//
// The file is saved with a classic cross-reference table and trailer (no object streams, no xref
// streams), because the incremental signing (@signpdf/placeholder-plain) reads only that form.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, PDFHexString, type PDFFont } from 'pdf-lib';

/** Fixed, so that regenerating a document does not change its bytes. */
export const PDF_PRODUCER = 'KURSUOK IMP IS (pdf-lib 1.17.1)';

/** A4 = 210 × 297 mm, in points. */
export const PAGE_WIDTH = 595.28;
export const PAGE_HEIGHT = 841.89;

/**
 * OpenType features left off: Lithuanian letters are single precomposed characters (text is NFC), so
 * no ligature, kerning or mark shaping is needed; without it every glyph is one character (clean
 * text extraction) and laying text out is several times faster.
 */
const PLAIN_TEXT = { kern: false, liga: false, clig: false, calt: false, rlig: false, ccmp: false, locl: false, mark: false, mkmk: false };

const require = createRequire(import.meta.url);

let fontBytes: Promise<{ regular: Uint8Array; bold: Uint8Array }> | undefined;

/** DejaVu Sans and DejaVu Sans Bold from node_modules (read once per process). */
function loadFonts(): Promise<{ regular: Uint8Array; bold: Uint8Array }> {
  fontBytes ??= Promise.all([
    readFile(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
    readFile(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
  ]).then(([regular, bold]) => ({ regular, bold }));
  fontBytes.catch(() => (fontBytes = undefined));
  return fontBytes;
}

/**
 * fontkit, with each font file parsed once per process: parsing DejaVu (some 700 KiB) was most of a
 * document's time (a certificate batch renders thousands). Each document still makes its own subset.
 */
const parsedFonts = new WeakMap<Uint8Array, ReturnType<typeof fontkit.create>>();
const cachingFontkit: typeof fontkit = {
  ...fontkit,
  create(bytes: Uint8Array, postscriptName?: string) {
    if (postscriptName !== undefined) return fontkit.create(bytes, postscriptName);
    let font = parsedFonts.get(bytes);
    if (!font) {
      font = fontkit.create(bytes);
      parsedFonts.set(bytes, font);
    }
    return font;
  },
};

export interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
}

/** Recursively key-sorted JSON: the same data give the same text whatever the key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The SHA-256 (hex) of the data a document is generated from, whatever its keys' order: the trailer's document ID is taken from it. */
export function documentDataHash(data: unknown): string {
  return createHash('sha256').update(canonicalJson(data)).digest('hex');
}

/** A generated document's metadata; everything comes from its data, so the same data give the same bytes. */
export interface DocumentInfo {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  creator: string;
  /** ISO 8601 instant: the creation and modification date. */
  generatedAt: string;
  /** documentDataHash() of the data: its first 32 hex digits are the trailer's document ID. */
  dataHash: string;
}

/** A new empty document (Lithuanian) with the DejaVu fonts embedded (subset) and the metadata and ID set. */
export async function createPdfDocument(info: DocumentInfo): Promise<{ doc: PDFDocument; fonts: Fonts }> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(cachingFontkit);
  const bytes = await loadFonts();
  const fonts: Fonts = {
    regular: await doc.embedFont(bytes.regular, { subset: true, features: PLAIN_TEXT }),
    bold: await doc.embedFont(bytes.bold, { subset: true, features: PLAIN_TEXT }),
  };

  const generatedAt = new Date(info.generatedAt);
  doc.setTitle(info.title, { showInWindowTitleBar: true });
  doc.setAuthor(info.author);
  doc.setSubject(info.subject);
  doc.setKeywords(info.keywords);
  doc.setProducer(PDF_PRODUCER);
  doc.setCreator(info.creator);
  doc.setCreationDate(generatedAt);
  doc.setModificationDate(generatedAt);
  doc.setLanguage('lt-LT');
  const id = PDFHexString.of(info.dataHash.slice(0, 32));
  doc.context.trailerInfo.ID = doc.context.obj([id, id]);
  return { doc, fonts };
}

/** The document's bytes, with a classic cross-reference table and trailer (no object or xref streams). */
export function savePdfDocument(doc: PDFDocument): Promise<Uint8Array> {
  return doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false });
}
