// Checks shared by the tests of the system's generated PDFs (the learning contract, CON-16; the
// certificate, DONE-19): the same data give the same bytes and the trailer's ID comes from the data,
// and the file has the classic cross-reference table an incremental signature needs.
import { createHash } from 'node:crypto';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { expect } from 'vitest';

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The same data with its keys in another order (as read back from a jsonb column). */
function withKeysReversed<T extends object>(data: T): T {
  return JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(data).reverse()))) as T;
}

/** The trailer's document ID (both halves the same), or undefined when there is none such. */
function trailerId(pdf: Uint8Array): string | undefined {
  return /\/ID \[ <([0-9a-f]{32})> <\1> \]/.exec(Buffer.from(pdf).toString('latin1'))?.[1];
}

/**
 * Asserts that the same data, even with its keys in another order, give the same bytes and the same
 * data hash, that other data give other bytes, and that the trailer's document ID is the data hash's
 * first 32 hex digits.
 */
export async function expectDeterministic<T extends object>(
  render: (data: T) => Promise<Uint8Array>,
  dataHash: (data: T) => string,
  data: T,
  otherData: T,
): Promise<void> {
  const a = await render(data);
  const reordered = withKeysReversed(data);
  expect(sha256(await render(reordered))).toBe(sha256(a));
  expect(dataHash(reordered)).toBe(dataHash(data));

  const other = await render(otherData);
  expect(sha256(other)).not.toBe(sha256(a));
  expect(trailerId(a)).toBe(dataHash(data).slice(0, 32));
  expect(trailerId(other)).not.toBe(trailerId(a));
}

/**
 * Asserts a classic xref table and trailer, no object or xref streams, and that a PAdES placeholder
 * is added incrementally (the original bytes kept unchanged at the start); returns the file with it.
 */
export function expectIncrementalPlaceholder(pdf: Buffer, signer: { reason: string; contactInfo: string; name: string }): Buffer {
  const raw = pdf.toString('latin1');
  // (test() rather than toMatch(): a failure would print the whole binary file.)
  expect(/\nxref\n0 \d+\n0000000000 65535 f \n/.test(raw)).toBe(true);
  expect(/\ntrailer\n<<\n[^]*\/Root \d+ 0 R\n[^]*>>\s*startxref\n\d+\n%%EOF\s*$/.test(raw)).toBe(true);
  expect(raw.includes('/Type /ObjStm')).toBe(false);
  expect(raw.includes('/Type /XRef')).toBe(false);

  const withPlaceholder = plainAddPlaceholder({ pdfBuffer: pdf, ...signer, location: 'Lietuva' });
  expect(withPlaceholder.subarray(0, pdf.length).equals(pdf)).toBe(true);
  expect(withPlaceholder.toString('latin1')).toContain('/ByteRange');
  return withPlaceholder;
}
