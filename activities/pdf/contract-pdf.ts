// The learning contract as a PDF (CON-16): the text of workflows/domain/contract-document.ts laid out
// on A4 pages with pdf-lib, in DejaVu Sans embedded from the dejavu-fonts-ttf package (a Unicode font:
// ą č ę ė į š ų ū ž and „ “ – survive text extraction), a header with the contract number on every
// page, "Puslapis 1 iš 3" at the foot, and a block per party where it signs (the signatures are
// qualified electronic PAdES signatures, added later by the signing gateway as incremental updates).
//
// Deterministic, and saved with a classic cross-reference table for the incremental signing: the
// document's set-up and saving are shared with the certificate (pdf-document.ts).
import { rgb, type PDFDocument, type PDFFont, type PDFPage } from 'pdf-lib';
import {
  contractDateLabel,
  contractDocumentProblems,
  contractDocumentTitle,
  contractNumberLabel,
  contractSections,
  contractSignatureBlocks,
  contractTitle,
  signatureBlockLines,
  type ContractDocumentData,
  type ContractSignatureBlock,
} from '../../workflows/domain/contract-document.ts';
import { createPdfDocument, documentDataHash, PAGE_HEIGHT, PAGE_WIDTH, PDF_PRODUCER, savePdfDocument } from './pdf-document.ts';

/** Fixed, so that regenerating a document does not change its bytes. */
export const CONTRACT_PDF_PRODUCER = PDF_PRODUCER;
export const CONTRACT_PDF_CREATOR = 'KURSUOK IMP IS – mokymosi sutartys';

// ---- Page geometry (points; A4 = 210 × 297 mm) ------------------------------------------------------

const MARGIN_LEFT = 62;
const MARGIN_RIGHT = 56;
const MARGIN_TOP = 72;
const MARGIN_BOTTOM = 64;
const CONTENT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT;
const BODY_SIZE = 10;
const BODY_LEADING = 13.6;
const HEADING_SIZE = 10.5;
const SMALL_SIZE = 8;
const NUMBER_INDENT = 32;
const PARAGRAPH_GAP = 4;
const TEXT = rgb(0, 0, 0);
const GREY = rgb(0.35, 0.35, 0.35);

/**
 * Spaces that must not break a line: inside amounts and numbers ('1 234,50 Eur', an IBAN's groups),
 * before 'Eur', and after 'Nr.', 'tel.', 'akad.'. They are drawn as ordinary spaces.
 */
function bindNonBreaking(text: string): string {
  return text
    .replace(/(?<=\d) (?=\d)/g, '\u00a0')
    .replace(/ (?=Eur\b)/g, '\u00a0')
    .replace(/(?<=\b(?:Nr|tel|akad|val)\.) /g, '\u00a0');
}

/** Characters a PDF line cannot hold (tabs, control characters) as spaces or nothing; letters composed (NFC). */
function printable(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\t/g, ' ')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
}

/**
 * Widths of words, measured once per font and size: laying text out with the font's tables is the
 * costly part of rendering, and a line's width is the sum of its words' and spaces' widths.
 */
class Measure {
  private readonly cache = new Map<string, number>();
  private readonly font: PDFFont;
  private readonly size: number;
  readonly space: number;

  constructor(font: PDFFont, size: number) {
    this.font = font;
    this.size = size;
    this.space = font.widthOfTextAtSize(' ', size);
  }

  word(word: string): number {
    let w = this.cache.get(word);
    if (w === undefined) {
      w = this.font.widthOfTextAtSize(word.replace(/\u00a0/g, ' '), this.size);
      this.cache.set(word, w);
    }
    return w;
  }
}

const measures = new WeakMap<PDFFont, Map<number, Measure>>();

function measureOf(font: PDFFont, size: number): Measure {
  let bySize = measures.get(font);
  if (!bySize) measures.set(font, (bySize = new Map()));
  let m = bySize.get(size);
  if (!m) bySize.set(size, (m = new Measure(font, size)));
  return m;
}

/** Breaks a paragraph (no line breaks in it) into lines of at most `width` points. */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const words = bindNonBreaking(printable(text))
    .split(/ +/)
    .filter((w) => w !== '');
  const m = measureOf(font, size);
  const lines: string[] = [];
  let line = '';
  let lineWidth = 0;
  for (const word of words) {
    const w = m.word(word);
    if (line !== '' && lineWidth + m.space + w <= width) {
      line = `${line} ${word}`;
      lineWidth += m.space + w;
      continue;
    }
    if (line !== '') lines.push(line);
    // A word longer than the line (a URL, a long code): split it by characters.
    let rest = word;
    while (m.word(rest) > width) {
      let cut = rest.length - 1;
      while (cut > 1 && m.word(rest.slice(0, cut)) > width) cut--;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    line = rest;
    lineWidth = m.word(rest);
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines.map((l) => l.replace(/\u00a0/g, ' '));
}

/** A line to draw: its text, font, size, x offset from the left margin, and the space it takes. */
interface Line {
  text: string;
  bold: boolean;
  size: number;
  x: number;
  leading: number;
  /** Centred on the page (x ignored). */
  centre?: boolean;
  colour?: 'grey';
  /** A clause number ("2.10.") drawn at the left margin on this line's baseline. */
  label?: string;
}

/** Lines that stay on one page together (a heading with its first clause, a signature block). */
type Block = Line[];

class Layout {
  readonly pages: PDFPage[] = [];
  private page!: PDFPage;
  private y = 0;

  private readonly doc: PDFDocument;
  private readonly fonts: { regular: PDFFont; bold: PDFFont };

  constructor(doc: PDFDocument, fonts: { regular: PDFFont; bold: PDFFont }) {
    this.doc = doc;
    this.fonts = fonts;
    this.newPage();
  }

  private newPage(): void {
    this.page = this.doc.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
    this.pages.push(this.page);
    this.y = PAGE_HEIGHT - MARGIN_TOP;
  }

  private height(block: Block): number {
    return block.reduce((h, l) => h + l.leading, 0);
  }

  /** Places a block, starting a new page first when it does not fit (a block taller than a page is split). */
  place(block: Block, gapAfter = 0): void {
    if (this.y - this.height(block) < MARGIN_BOTTOM && this.height(block) <= PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM) this.newPage();
    for (const line of block) {
      if (this.y - line.leading < MARGIN_BOTTOM) this.newPage();
      this.y -= line.leading;
      const font = line.bold ? this.fonts.bold : this.fonts.regular;
      const x = line.centre ? (PAGE_WIDTH - font.widthOfTextAtSize(line.text, line.size)) / 2 : MARGIN_LEFT + line.x;
      const baseline = this.y + line.leading * 0.25;
      const color = line.colour ? GREY : TEXT;
      if (line.text !== '') this.page.drawText(line.text, { x, y: baseline, size: line.size, font, color });
      if (line.label) this.page.drawText(line.label, { x: MARGIN_LEFT, y: baseline, size: line.size, font: this.fonts.regular, color });
    }
    this.y -= gapAfter;
  }

  /** The header (the contract's title and number) and "Puslapis N iš M" on every page. */
  finish(header: string): void {
    const { regular } = this.fonts;
    const total = this.pages.length;
    this.pages.forEach((page, i) => {
      const headerText = wrap(header, regular, SMALL_SIZE, CONTENT_WIDTH)[0] ?? '';
      page.drawText(headerText, { x: MARGIN_LEFT, y: PAGE_HEIGHT - 40, size: SMALL_SIZE, font: regular, color: GREY });
      page.drawLine({
        start: { x: MARGIN_LEFT, y: PAGE_HEIGHT - 45 },
        end: { x: PAGE_WIDTH - MARGIN_RIGHT, y: PAGE_HEIGHT - 45 },
        thickness: 0.5,
        color: GREY,
      });
      const footer = `Puslapis ${i + 1} iš ${total}`;
      page.drawText(footer, {
        x: (PAGE_WIDTH - regular.widthOfTextAtSize(footer, SMALL_SIZE)) / 2,
        y: 32,
        size: SMALL_SIZE,
        font: regular,
        color: GREY,
      });
    });
  }
}

function line(text: string, o: { bold?: boolean; size?: number; leading?: number; x?: number; colour?: 'grey' } = {}): Line {
  const l: Line = { text, bold: o.bold ?? false, size: o.size ?? BODY_SIZE, x: o.x ?? 0, leading: o.leading ?? BODY_LEADING };
  if (o.colour) l.colour = o.colour;
  return l;
}

/** Where a party signs: who signs for it and on what authority, space, the signature line and its note. */
function signatureBlock(block: ContractSignatureBlock, fonts: { regular: PDFFont }): Line[] {
  const [note, ...rest] = signatureBlockLines(block).reverse();
  const [signatureLine, ...above] = rest;
  return [
    ...above.reverse().flatMap((text) => wrap(text, fonts.regular, BODY_SIZE, CONTENT_WIDTH).map((t) => line(t))),
    line('', { leading: BODY_LEADING * 1.6 }),
    line(signatureLine ?? ''),
    line(note ?? '', { size: SMALL_SIZE, leading: 11, x: 52, colour: 'grey' }),
  ];
}

/** A paragraph's lines: a numbered clause hangs its text after the number ("2.10."); line breaks in the text start new lines. */
function paragraphLines(text: string, number: string | null, fonts: { regular: PDFFont }, bold = false): Line[] {
  const indent = number === null ? 0 : NUMBER_INDENT;
  const lines: Line[] = [];
  for (const para of text.split('\n')) {
    for (const l of wrap(para, fonts.regular, BODY_SIZE, CONTENT_WIDTH - indent)) {
      lines.push({ text: l, bold, size: BODY_SIZE, x: indent, leading: BODY_LEADING });
    }
  }
  if (number !== null && lines[0]) lines[0].label = `${number}.`;
  return lines;
}

/** The SHA-256 (hex) of the data a document is generated from: the trailer's document ID is taken from it. */
export function contractDataHash(data: ContractDocumentData): string {
  return documentDataHash(data);
}

/**
 * The contract's PDF: A4, Lithuanian text in an embedded Unicode font, the number in every page's
 * header, page numbers, and the parties' signature blocks. Throws RangeError for a snapshot that
 * cannot make a contract (contractDocumentProblems).
 */
export async function renderContractPdf(data: ContractDocumentData): Promise<Uint8Array> {
  const problems = contractDocumentProblems(data);
  if (problems.length > 0) throw new RangeError(`contract document data: ${problems.join('; ')}`);

  const title = contractDocumentTitle(data);
  const { doc, fonts } = await createPdfDocument({
    title,
    author: data.institution.name,
    subject: `Mokymosi programa „${data.programme.name}“, mokymo grupė „${data.group.name}“`,
    keywords: ['mokymosi sutartis', data.number ?? 'numeris laukiamas', data.programme.code],
    creator: CONTRACT_PDF_CREATOR,
    generatedAt: data.generatedAt,
    dataHash: contractDataHash(data),
  });

  const layout = new Layout(doc, fonts);
  layout.place(
    [
      { text: contractTitle(data), bold: true, size: 14, x: 0, leading: 20, centre: true },
      { text: contractNumberLabel(data), bold: false, size: 11, x: 0, leading: 16, centre: true },
      { text: contractDateLabel(data), bold: false, size: BODY_SIZE, x: 0, leading: 15, centre: true },
    ],
    10,
  );

  const sections = contractSections(data);
  const blocks = contractSignatureBlocks(data);
  sections.forEach((section, index) => {
    const heading =
      section.number === null ? section.title.toLocaleUpperCase('lt') : `${section.number}. ${section.title.toLocaleUpperCase('lt')}`;
    const headingLines = wrap(heading, fonts.bold, HEADING_SIZE, CONTENT_WIDTH).map((text) =>
      line(text, { bold: true, size: HEADING_SIZE, leading: 16 }),
    );
    if (index === sections.length - 1) {
      // The parties' details, each with its signature block (USERS-28), kept together on one page.
      layout.place(headingLines, 2);
      section.clauses.forEach((clause, i) => {
        const details = clause.text
          .split('\n')
          .flatMap((text, j) =>
            wrap(text, j === 0 ? fonts.bold : fonts.regular, BODY_SIZE, CONTENT_WIDTH).map((t) => line(t, { bold: j === 0 })),
          );
        const block = blocks[i];
        const signature = block ? signatureBlock(block, fonts) : [];
        layout.place([...details, ...signature], 14);
      });
      return;
    }
    section.clauses.forEach((clause, i) => {
      const lines = paragraphLines(clause.text, clause.number, fonts);
      if (i === 0) {
        // A heading stays with the start of its first clause.
        const keep = clause.number === null ? 2 : 3;
        layout.place([...headingLines, ...lines.slice(0, keep)]);
        if (lines.length > keep) layout.place(lines.slice(keep));
        layout.place([], PARAGRAPH_GAP);
      } else {
        layout.place(lines, PARAGRAPH_GAP);
      }
    });
    layout.place([], 6);
  });

  layout.finish(`${title} · ${data.institution.name}`);
  return savePdfDocument(doc);
}
