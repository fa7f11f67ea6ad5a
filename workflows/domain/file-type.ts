// Uploaded files (GEN-12): which types are accepted, recognised by their first bytes ("magic
// bytes") — never by the file name's extension or the type the browser claims — the size limit,
// and a safe name to offer the file for download under. Pure: bytes in, a verdict out.

/** The types copies of documents may be uploaded as (lecturer evidence, participants' documents). */
export const ACCEPTED_FILE_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type AcceptedFileType = (typeof ACCEPTED_FILE_TYPES)[number];

/** The largest file accepted, in bytes (stated on every upload form: MAX_FILE_SIZE_TEXT). */
export const MAX_FILE_SIZE = 10 * 1024 * 1024;
export const MAX_FILE_SIZE_TEXT = '10 MB';

/** What the upload field tells the user (the limit stated on the form). */
export const FILE_UPLOAD_HINT = `PDF, JPEG arba PNG failas, ne didesnis kaip ${MAX_FILE_SIZE_TEXT}.`;

/** For the file input's `accept` (a convenience for the browser's picker; the server decides). */
export const FILE_INPUT_ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';

const FILE_EXTENSIONS: Record<AcceptedFileType, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
};

export const FILE_TYPE_LABELS: Record<AcceptedFileType, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
};

export const FILE_MESSAGES = {
  empty: 'Failas tuščias: pasirinkite kitą failą.',
  tooLarge: `Failas per didelis: leidžiama ne daugiau kaip ${MAX_FILE_SIZE_TEXT}.`,
  wrongType: 'Netinkamas failo formatas: galima įkelti tik PDF, JPEG arba PNG failą.',
  // A file that starts like a PDF but does not open as one (web/pdf-check.ts).
  notPdf: 'Failas nėra tinkamas PDF dokumentas: įkelkite tikrą PDF, JPEG arba PNG failą.',
  pdfPassword: 'PDF failas apsaugotas slaptažodžiu: įkelkite failą be slaptažodžio.',
} as const;

const SIGNATURES: readonly { type: AcceptedFileType; bytes: readonly number[] }[] = [
  // "%PDF-" (ISO 32000: the header on the first line).
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  // SOI marker followed by the start of the next marker.
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  // The eight-byte PNG signature.
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

/** The accepted type the bytes start with, or null (anything else: executables, archives, Office files…). */
export function detectFileType(head: Uint8Array): AcceptedFileType | null {
  for (const s of SIGNATURES) {
    if (head.length >= s.bytes.length && s.bytes.every((b, i) => head[i] === b)) return s.type;
  }
  return null;
}

type FileCheck = { ok: true; type: AcceptedFileType } | { ok: false; error: string };

/** Why a file of this size is refused (before its bytes are read), or null. */
export function fileSizeError(size: number): string | null {
  if (size === 0) return FILE_MESSAGES.empty;
  if (size > MAX_FILE_SIZE) return FILE_MESSAGES.tooLarge;
  return null;
}

/** Size first (an oversize file is refused whatever it is), then the type by its magic bytes. */
export function checkUploadedFile(size: number, head: Uint8Array): FileCheck {
  const sizeError = fileSizeError(size);
  if (sizeError) return { ok: false, error: sizeError };
  const type = detectFileType(head);
  return type ? { ok: true, type } : { ok: false, error: FILE_MESSAGES.wrongType };
}

/**
 * The name a stored file is downloaded under: the uploaded name without any path, control or
 * reserved characters (letters of any alphabet stay, so "Pažymėjimas.pdf" stays readable), at most
 * 100 characters, and always the extension of the type the bytes showed.
 */
export function safeDownloadName(originalName: string, type: AcceptedFileType): string {
  const base = originalName.split(/[/\\]/).pop() ?? '';
  const withoutExtension = base.replace(/\.[^.]*$/, '');
  const cleaned = withoutExtension
    .normalize('NFC')
    .replace(/[^\p{L}\p{N} ._()-]+/gu, '_')
    .replace(/\s+/g, ' ')
    .replace(/_+/g, '_')
    .replace(/^[\s._-]+|[\s._-]+$/g, '');
  const stem = [...cleaned].slice(0, 100).join('').trim() || 'dokumentas';
  return `${stem}.${FILE_EXTENSIONS[type]}`;
}

/** An ASCII-only version of a download name (for the plain `filename=` of old clients). */
function asciiFileName(name: string): string {
  const ascii = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9 ._()-]/g, '_');
  return ascii.replace(/_+/g, '_');
}

/**
 * `Content-Disposition` for a download: always an attachment (never shown inline, so a file
 * cannot run as a page of the site), the UTF-8 name per RFC 6266 / RFC 8187 and an ASCII fallback.
 */
export function attachmentDisposition(name: string): string {
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${asciiFileName(name)}"; filename*=UTF-8''${encoded}`;
}
