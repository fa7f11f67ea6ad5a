// The participant's certificate as a PDF ("Skaitmeninis pažymėjimas", manual §3.7.4; DONE-19): one
// A4 page with pdf-lib, Lithuanian text in DejaVu Sans embedded from the dejavu-fonts-ttf package
// (ą č ę ė į š ų ū ž and „ “ – survive text extraction), the content of workflows/domain/certificate.ts,
// the contact person's name and position as they stood (DONE-12, INST-9), and a QR code to the
// public verification page, drawn as vector squares from the matrix of the `qrcode` package (its
// create() API), with the same address printed beside it and a link annotation on it.
//
// One page whatever the data: a long programme or group name is set in a smaller type until the
// page holds it. Deterministic, as the learning contract, and saved with a classic cross-reference
// table and trailer, so the system's seal can be added as an incremental signature (pdf-document.ts).
import { PDFString, rgb, type PDFDocument, type PDFFont, type PDFPage } from 'pdf-lib';
import { create as createQrCode } from 'qrcode';
import {
  CERTIFICATE_SUBTITLE,
  CERTIFICATE_TITLE,
  certificateDateLabel,
  certificateDocumentTitle,
  certificateFields,
  certificateHolderName,
  certificateNumberLabel,
  certificateProblems,
  CONTACT_PERSON_CAPTION,
  contactPersonName,
  VERIFICATION_CAPTION,
  type CertificateData,
} from '../../workflows/domain/certificate.ts';
import { createPdfDocument, documentDataHash, PAGE_HEIGHT, PAGE_WIDTH, PDF_PRODUCER, savePdfDocument, type Fonts } from './pdf-document.ts';

/** Fixed, so that regenerating a certificate does not change its bytes. */
export const CERTIFICATE_PDF_PRODUCER = PDF_PRODUCER;
export const CERTIFICATE_PDF_CREATOR = 'KURSUOK IMP IS – skaitmeniniai pažymėjimai';
/** Above the title: the system that issues the certificate (manual §1). */
export const CERTIFICATE_ISSUER_LINE = 'Individualių mokymosi paskyrų informacinė sistema (IMP IS) · KURSUOK';

// ---- Page geometry (points; A4 = 210 × 297 mm) ------------------------------------------------------

const MARGIN_X = 64;
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X;
const FRAME_INSET = 28;
const CONTENT_TOP = PAGE_HEIGHT - 64;
/** The QR code's side; its quiet zone (4 modules) is kept free by the gap around it. */
const QR_SIDE = 96;
const QR_BOTTOM = 64;
const QR_TEXT_GAP = 18;
/** The lowest point the content above the QR code may reach. */
const CONTENT_BOTTOM = QR_BOTTOM + QR_SIDE + 26;
const LABEL_WIDTH = 168;
const MIN_SCALE = 0.5;
const TEXT = rgb(0, 0, 0);
const GREY = rgb(0.35, 0.35, 0.35);
const ACCENT = rgb(0.05, 0.22, 0.45);

/** Characters a PDF line cannot hold as spaces or nothing; letters composed (NFC). */
function printable(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\t\r\n]/g, ' ')
    .replace(/[\u0000-\u001f\u007f]/g, '');
}

/** Spaces that must not break a line: inside '40 akad. val.', after 'Nr.', inside dates' ranges. */
function bindNonBreaking(text: string): string {
  return text
    .replace(/(?<=\d) (?=akad\.)/g, '\u00a0')
    .replace(/(?<=akad\.) (?=val\.)/g, '\u00a0')
    .replace(/(?<=\bNr\.) /g, '\u00a0')
    .replace(/(?<=\d{4}-\d{2}-\d{2}) (?=– \d{4})/g, '\u00a0');
}

function width(text: string, font: PDFFont, size: number): number {
  return font.widthOfTextAtSize(text.replace(/\u00a0/g, ' '), size);
}

/** Breaks a paragraph into lines of at most `max` points; a word longer than a line is split by characters. */
function wrap(text: string, font: PDFFont, size: number, max: number): string[] {
  const words = bindNonBreaking(printable(text))
    .split(/ +/)
    .filter((w) => w !== '');
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (width(candidate, font, size) <= max) {
      line = candidate;
      continue;
    }
    if (line !== '') lines.push(line);
    let rest = word;
    while (width(rest, font, size) > max && rest.length > 1) {
      let cut = rest.length - 1;
      while (cut > 1 && width(rest.slice(0, cut), font, size) > max) cut--;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    line = rest;
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines.map((l) => l.replace(/\u00a0/g, ' '));
}

/** Something drawn below the previous block: its height, and how to draw it with its top at `top`. */
interface Block {
  height: number;
  draw(page: PDFPage, top: number): void;
}

function gap(height: number): Block {
  return { height, draw: () => undefined };
}

/** A paragraph, centred or from the left margin. */
function paragraph(
  text: string,
  font: PDFFont,
  size: number,
  o: { align?: 'centre' | 'left'; leading?: number; colour?: typeof TEXT; x?: number; width?: number } = {},
): Block {
  const leading = o.leading ?? size * 1.35;
  const x0 = o.x ?? MARGIN_X;
  const lines = wrap(text, font, size, o.width ?? CONTENT_WIDTH);
  return {
    height: lines.length * leading,
    draw(page, top) {
      lines.forEach((l, i) => {
        const x = o.align === 'left' ? x0 : (PAGE_WIDTH - width(l, font, size)) / 2;
        page.drawText(l, { x, y: top - (i + 1) * leading + leading * 0.25, size, font, color: o.colour ?? TEXT });
      });
    },
  };
}

/** A labelled row: the label in its column, the value wrapping in the rest. */
function fieldRow(label: string, value: string, fonts: Fonts, size: number): Block {
  const leading = size * 1.4;
  const valueX = MARGIN_X + LABEL_WIDTH;
  const labels = wrap(`${label}:`, fonts.regular, size, LABEL_WIDTH - 10);
  const values = wrap(value, fonts.bold, size, CONTENT_WIDTH - LABEL_WIDTH);
  return {
    height: Math.max(labels.length, values.length) * leading + size * 0.35,
    draw(page, top) {
      const baseline = (i: number) => top - (i + 1) * leading + leading * 0.25;
      labels.forEach((l, i) => page.drawText(l, { x: MARGIN_X, y: baseline(i), size, font: fonts.regular, color: GREY }));
      values.forEach((l, i) => page.drawText(l, { x: valueX, y: baseline(i), size, font: fonts.bold, color: TEXT }));
    },
  };
}

/** The blocks of the certificate's body at a type scale (1 = the design's sizes). */
function bodyBlocks(data: CertificateData, fonts: Fonts, scale: number): Block[] {
  const s = (size: number) => size * scale;
  const p = data.institution.contactPerson;
  return [
    paragraph(CERTIFICATE_ISSUER_LINE, fonts.regular, s(8.5), { colour: GREY }),
    gap(s(6)),
    paragraph(data.institution.name, fonts.bold, s(11)),
    gap(s(14)),
    paragraph(CERTIFICATE_TITLE, fonts.bold, s(22), { colour: ACCENT }),
    paragraph(CERTIFICATE_SUBTITLE, fonts.regular, s(12)),
    gap(s(8)),
    paragraph(certificateNumberLabel(data), fonts.bold, s(11)),
    paragraph(certificateDateLabel(data), fonts.regular, s(10)),
    gap(s(22)),
    paragraph('Pažymima, kad', fonts.regular, s(11)),
    gap(s(4)),
    paragraph(certificateHolderName(data), fonts.bold, s(20)),
    ...(data.participant.birthDate !== null ? [paragraph(`gimimo data ${data.participant.birthDate}`, fonts.regular, s(10))] : []),
    gap(s(8)),
    paragraph('baigė mokymosi programą', fonts.regular, s(11)),
    gap(s(4)),
    paragraph(`„${data.programme.name}“`, fonts.bold, s(15)),
    gap(s(20)),
    ...certificateFields(data).map((f) => fieldRow(f.label, f.value, fonts, s(10))),
    gap(s(22)),
    // INST-6, DONE-12: the contact person's first name, last name and position.
    paragraph(CONTACT_PERSON_CAPTION, fonts.regular, s(8.5), { align: 'left', colour: GREY }),
    gap(s(2)),
    paragraph(`${p.position}`, fonts.regular, s(10), { align: 'left' }),
    paragraph(contactPersonName(data), fonts.bold, s(11), { align: 'left' }),
  ];
}

/** The body at the largest scale that fits above the QR code. */
function fittedBody(data: CertificateData, fonts: Fonts): Block[] {
  const room = CONTENT_TOP - CONTENT_BOTTOM;
  for (let scale = 1; scale >= MIN_SCALE - 1e-9; scale -= 0.05) {
    const blocks = bodyBlocks(data, fonts, scale);
    if (blocks.reduce((h, b) => h + b.height, 0) <= room) return blocks;
  }
  throw new RangeError('the certificate does not fit on one page');
}

/** The QR code's dark modules as one SVG path of unit squares (rows' runs merged), and the matrix's side. */
function qrPath(text: string): { path: string; modules: number } {
  const qr = createQrCode(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const parts: string[] = [];
  for (let row = 0; row < n; row++) {
    let col = 0;
    while (col < n) {
      if (!qr.modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && qr.modules.get(row, col)) col++;
      parts.push(`M${start} ${row}h${col - start}v1h${start - col}z`);
    }
  }
  return { path: parts.join(''), modules: n };
}

/** The QR code at the foot, the caption and the address beside it, and a link on both. */
function drawVerification(page: PDFPage, doc: PDFDocument, data: CertificateData, fonts: Fonts): void {
  const { path, modules } = qrPath(data.verificationUrl);
  page.drawSvgPath(path, { x: MARGIN_X, y: QR_BOTTOM + QR_SIDE, scale: QR_SIDE / modules, color: TEXT });

  const textX = MARGIN_X + QR_SIDE + QR_TEXT_GAP;
  const textWidth = PAGE_WIDTH - MARGIN_X - textX;
  const caption = wrap(VERIFICATION_CAPTION, fonts.regular, 8.5, textWidth);
  // The address on one line where a type of 6–9 pt holds it (so it can be read and copied whole).
  const urlSize = Math.max(6, Math.min(9, (textWidth / width(data.verificationUrl, fonts.regular, 1)) * 0.999));
  const url = wrap(data.verificationUrl, fonts.regular, urlSize, textWidth);
  let y = QR_BOTTOM + QR_SIDE - 12;
  for (const l of caption) {
    page.drawText(l, { x: textX, y, size: 8.5, font: fonts.regular, color: GREY });
    y -= 11.5;
  }
  y -= 3;
  const urlTop = y + urlSize;
  for (const l of url) {
    page.drawText(l, { x: textX, y, size: urlSize, font: fonts.regular, color: ACCENT });
    y -= urlSize * 1.3;
  }
  const urlBottom = y + urlSize * 1.3 - urlSize * 0.3;
  y -= 6;
  page.drawText(certificateNumberLabel(data), { x: textX, y, size: 8.5, font: fonts.regular, color: GREY });

  const uri = (rect: number[]) =>
    doc.context.register(
      doc.context.obj({
        Type: 'Annot',
        Subtype: 'Link',
        Rect: rect,
        Border: [0, 0, 0],
        A: { Type: 'Action', S: 'URI', URI: PDFString.of(data.verificationUrl) },
      }),
    );
  page.node.addAnnot(uri([MARGIN_X, QR_BOTTOM, MARGIN_X + QR_SIDE, QR_BOTTOM + QR_SIDE]));
  page.node.addAnnot(uri([textX, urlBottom, textX + textWidth, urlTop]));
}

/** The SHA-256 (hex) of the data a certificate is generated from: the trailer's document ID is taken from it. */
export function certificateDataHash(data: CertificateData): string {
  return documentDataHash(data);
}

/**
 * The certificate's PDF: one A4 page, Lithuanian text in an embedded Unicode font, a QR code of the
 * verification address. Throws RangeError for a snapshot that cannot make a certificate
 * (certificateProblems).
 */
export async function renderCertificatePdf(data: CertificateData): Promise<Uint8Array> {
  const problems = certificateProblems(data);
  if (problems.length > 0) throw new RangeError(`certificate data: ${problems.join('; ')}`);

  const { doc, fonts } = await createPdfDocument({
    title: certificateDocumentTitle(data),
    author: data.institution.name,
    subject: `${certificateHolderName(data)} – mokymosi programa „${data.programme.name}“ (${data.programme.code})`,
    keywords: ['skaitmeninis pažymėjimas', data.number, data.programme.code],
    creator: CERTIFICATE_PDF_CREATOR,
    generatedAt: data.generatedAt,
    dataHash: certificateDataHash(data),
  });

  const page = doc.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
  page.drawRectangle({
    x: FRAME_INSET,
    y: FRAME_INSET,
    width: PAGE_WIDTH - 2 * FRAME_INSET,
    height: PAGE_HEIGHT - 2 * FRAME_INSET,
    borderColor: ACCENT,
    borderWidth: 1.2,
  });
  page.drawRectangle({
    x: FRAME_INSET + 4,
    y: FRAME_INSET + 4,
    width: PAGE_WIDTH - 2 * FRAME_INSET - 8,
    height: PAGE_HEIGHT - 2 * FRAME_INSET - 8,
    borderColor: ACCENT,
    borderWidth: 0.4,
  });

  let top = CONTENT_TOP;
  for (const block of fittedBody(data, fonts)) {
    block.draw(page, top);
    top -= block.height;
  }
  drawVerification(page, doc, data, fonts);

  return savePdfDocument(doc);
}
