// Uploads (GEN-12), for every form that takes files: multipart parsing, checking each file by its
// magic bytes (never the extension or the browser's Content-Type) and size, storing accepted ones
// (db/queries/files.ts), and serving a stored file back — only to users of the institution that
// owns it whose rights cover what the file is for, always as an attachment under a safe name.
import type { Context, MiddlewareHandler } from 'hono';
import { jsx } from 'hono/jsx';
import { readStoredFile, storeFile, FilePurpose, type FilePurpose as FilePurposeType } from '../db/queries/files.ts';
import type { StoredFileRow } from '../db/tables/lecturers.ts';
import { Application, allows } from '../workflows/domain/access.ts';
import {
  attachmentDisposition,
  checkUploadedFile,
  FILE_MESSAGES,
  fileSizeError,
  MAX_FILE_SIZE,
  MAX_FILE_SIZE_TEXT,
  safeDownloadName,
  type AcceptedFileType,
} from '../workflows/domain/file-type.ts';
import type { AppEnv } from './context.ts';
import { isHtmx, isUuid } from './forms.ts';
import { checkPdf } from './pdf-check.ts';
import { html } from './render.tsx';
import { Notice } from './views/layout.tsx';
import { MessagePage } from './views/messages.tsx';

type C = Context<AppEnv>;

/** A submitted multipart (or urlencoded) form: its text values and its files, by field name. */
export interface MultipartForm {
  values: Record<string, string | string[]>;
  files: Record<string, File>;
}

/** A file input left empty arrives as a nameless, empty part: that is "no file chosen". */
function chosen(value: unknown): value is File {
  return value instanceof File && !(value.size === 0 && value.name === '');
}

/** Parses the form (Hono's parseBody: the body is read once and cached for the CSRF check too). */
export async function readMultipartForm(c: C): Promise<MultipartForm> {
  const body = await c.req.parseBody({ all: true });
  const values: Record<string, string | string[]> = {};
  const files: Record<string, File> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === '_csrf') continue;
    const items = Array.isArray(value) ? value : [value];
    const texts = items.filter((v): v is string => typeof v === 'string');
    if (texts.length > 0) values[key] = texts.length === 1 ? texts[0]! : texts;
    // One file per input: the first chosen one.
    const file = items.find(chosen);
    if (file) files[key] = file;
  }
  return { values, files };
}

type CheckedUpload =
  { ok: true; bytes: Uint8Array; type: AcceptedFileType; originalName: string; downloadName: string } | { ok: false; error: string };

/** Size first (without reading an oversize file), then the type by the bytes themselves (a PDF must open as one). */
export async function checkUpload(file: File): Promise<CheckedUpload> {
  const sizeError = fileSizeError(file.size);
  if (sizeError) return { ok: false, error: sizeError };
  const bytes = new Uint8Array(await file.arrayBuffer());
  const checked = checkUploadedFile(bytes.byteLength, bytes.subarray(0, 16));
  if (!checked.ok) return checked;
  // Starting with "%PDF-" is not enough: the file must open as a PDF (issue 11 item 5).
  if (checked.type === 'application/pdf') {
    const pdf = await checkPdf(bytes);
    if (pdf !== 'ok') return { ok: false, error: pdf === 'password' ? FILE_MESSAGES.pdfPassword : FILE_MESSAGES.notPdf };
  }
  // Stored without any path a browser or a crafted request put in it, and without control characters.
  const originalName =
    (file.name.split(/[/\\]/).pop() ?? '')
      .replace(/[\u0000-\u001f\u007f]/g, '')
      .trim()
      .slice(0, 255) || 'dokumentas';
  return { ok: true, bytes, type: checked.type, originalName, downloadName: safeDownloadName(originalName, checked.type) };
}

type StoredUpload = { ok: true; file: StoredFileRow } | { ok: false; error: string };

/** Checks one uploaded file and, if it is acceptable, stores it for the acting institution (with its audit row). */
export async function storeUpload(c: C, file: File, purpose: FilePurposeType): Promise<StoredUpload> {
  const checked = await checkUpload(file);
  if (!checked.ok) return checked;
  const acting = c.get('acting');
  const stored = await storeFile(c.get('deps').db, {
    institutionId: acting.institution.id,
    purpose,
    bytes: checked.bytes,
    contentType: checked.type,
    originalName: checked.originalName,
    downloadName: checked.downloadName,
    uploader: { userId: acting.user?.id ?? null, personalCodeHash: acting.session.personal_code_hash, requestId: c.get('requestId') },
  });
  return { ok: true, file: stored };
}

/** The largest request a form with `files` file inputs may send (the files plus room for the text fields). */
export function uploadRequestLimit(files: number): number {
  return files * MAX_FILE_SIZE + 1024 * 1024;
}

/**
 * Refuses a request whose declared length is over `maxBytes` before the body is read further
 * (413). Note: the session's CSRF check reads a form body before route middleware runs, so the
 * app should also limit bodies before it (see the issue-4 report).
 */
export function declaredBodyLimit(maxBytes: number): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const length = Number(c.req.header('Content-Length') ?? '0');
    if (Number.isFinite(length) && length > maxBytes) {
      const message = `Užklausa per didelė: kiekvienas įkeliamas failas turi būti ne didesnis kaip ${MAX_FILE_SIZE_TEXT}.`;
      if (isHtmx(c)) {
        // To the page's message area, not into the form (which keeps what the user typed).
        c.header('HX-Retarget', '#pranesimai');
        c.header('HX-Reswap', 'innerHTML');
        return html(c, jsx(Notice, { kind: 'error' }, message), 413);
      }
      return html(c, jsx(MessagePage, { title: 'Užklausa per didelė', message, requestId: c.get('requestId') }), 413);
    }
    await next();
  };
}

/**
 * Which application's 'view' right lets a user of the owning institution download a file of each purpose
 * here. Learning contracts are not served by this route: each is downloaded from its contract, which
 * also checks whose contract it is (an employer representative sees only their own, USERS-32).
 */
const PURPOSE_APPLICATION: Partial<Record<FilePurposeType, Application>> = {
  [FilePurpose.LecturerEvidence]: Application.Lecturers,
  [FilePurpose.UztSettlementDocument]: Application.EmploymentServiceDocuments,
};

/** The download path of a stored file. */
export function fileHref(fileId: string): string {
  return `/failai/${fileId}`;
}

/**
 * GET /failai/:fileId — the file as an attachment with its safe name, to users of the owning
 * institution whose rights cover the file's purpose; 404 for everyone else (whether the file
 * exists is not revealed).
 */
export async function serveStoredFile(c: C) {
  const id = c.req.param('fileId');
  if (!isUuid(id)) return c.notFound();
  const acting = c.get('acting');
  const file = await readStoredFile(c.get('deps').db, acting.institution.id, id);
  if (!file) return c.notFound();
  const application = PURPOSE_APPLICATION[file.purpose as FilePurposeType];
  if (!application || !allows(application, acting.roles, 'view')) return c.notFound();
  const body = new Uint8Array(file.content);
  return c.body(body, 200, {
    'Content-Type': file.content_type,
    'Content-Length': String(body.byteLength),
    'Content-Disposition': attachmentDisposition(file.download_name),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'private, no-store',
  });
}
