// Small, valid PDF files for tests (uploads are opened with a PDF parser, issue 11 item 5, so a
// file that only starts with "%PDF-" is refused): one A4 page showing `text`, with a correct
// cross-reference table. Different texts give different bytes (and checksums).

export interface PdfOptions {
  /**
   * Adds a standard security handler whose user password is not empty (random O and U entries):
   * a password-protected PDF, which cannot be opened without its password.
   */
  passwordProtected?: boolean;
}

/** Escapes text for a PDF literal string; characters outside printable ASCII become '?'. */
function literal(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?').replace(/[\\()]/g, (ch) => `\\${ch}`);
}

/** The bytes of a one-page PDF 1.4 document showing `text` (Helvetica, 12 pt). */
export function pdfBytes(text = 'KURSUOK bandymas', options: PdfOptions = {}): Uint8Array {
  const content = `BT /F1 12 Tf 72 770 Td (${literal(text)}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
  ];
  if (options.passwordProtected) {
    const hex = (seed: number) => Array.from({ length: 32 }, (_, i) => ((seed + i * 37) % 256).toString(16).padStart(2, '0')).join('');
    objects.push(`<< /Filter /Standard /V 1 /R 2 /O <${hex(11)}> /U <${hex(97)}> /P -44 >>`);
  }
  // ASCII only, so string offsets are byte offsets.
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  const encrypt = options.passwordProtected
    ? ` /Encrypt ${objects.length} 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>]`
    : '';
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R${encrypt} >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}
