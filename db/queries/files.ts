// Uploaded files (GEN-12): stored with their SHA-256, size, the type their magic bytes showed, the
// uploader and the time, each with its audit row in the same transaction. Every read is scoped to
// one institution (GEN-5). Lists never select the bytes; only serving a file does.
import { createHash } from 'node:crypto';
import type { ADOC_MEDIA_TYPE } from '../../workflows/domain/adoc.ts';
import type { AcceptedFileType } from '../../workflows/domain/file-type.ts';
import type { Db, DbOrTx } from '../client.ts';
import type { StoredFileRow } from '../tables/lecturers.ts';
import { writeAudit, type AuditEntry } from './audit.ts';

/** What a file is for: decides who may download it (web/uploads.ts). */
export const FilePurpose = {
  LecturerEvidence: 'LECTURER_EVIDENCE',
  /** A learning contract's document, one row per signed version (issue 12). */
  LearningContract: 'LEARNING_CONTRACT',
  /** A participant's certificate, sealed by the system (issue 13; the certificates table points at it). */
  Certificate: 'CERTIFICATE',
  /** A settlement document for UŽT in ADOC (issue 14, §3.13; uzt_settlement_documents points at it). */
  UztSettlementDocument: 'UZT_SETTLEMENT_DOCUMENT',
  /** A provider's invoice PDF (issue 14, INV-11); the invoices table points at it. */
  Invoice: 'INVOICE',
} as const;
export type FilePurpose = (typeof FilePurpose)[keyof typeof FilePurpose];

const METADATA = [
  'id',
  'institution_id',
  'purpose',
  'sha256',
  'size',
  'content_type',
  'original_name',
  'download_name',
  'uploaded_by',
  'uploaded_by_personal_code_hash',
  'created_at',
] as const;

interface FileUploader {
  /** The acting institution user; null when the uploader is not one (a head, later a participant). */
  userId: string | null;
  personalCodeHash: string | null;
  requestId: string | null;
}

interface NewStoredFile {
  institutionId: string;
  purpose: FilePurpose;
  bytes: Uint8Array;
  /** Detected from the magic bytes (workflows/domain/file-type.ts), never the browser's claim. */
  contentType: AcceptedFileType | typeof ADOC_MEDIA_TYPE;
  originalName: string;
  downloadName: string;
  uploader: FileUploader;
}

function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function auditActor(u: FileUploader): AuditEntry['actor'] {
  if (u.userId) return { kind: 'user', userId: u.userId, personalCodeHash: u.personalCodeHash };
  if (u.personalCodeHash) return { kind: 'person', personalCodeHash: u.personalCodeHash };
  return { kind: 'system' };
}

/**
 * Stores one file with its 'upload' audit row. Pass a transaction to make it part of a larger
 * change; with the database, it is its own transaction.
 */
export async function storeFile(db: DbOrTx, f: NewStoredFile): Promise<StoredFileRow> {
  const work = async (trx: DbOrTx) => {
    const row = await trx
      .insertInto('stored_files')
      .values({
        institution_id: f.institutionId,
        purpose: f.purpose,
        sha256: sha256Hex(f.bytes),
        size: f.bytes.byteLength,
        content_type: f.contentType,
        original_name: f.originalName,
        download_name: f.downloadName,
        uploaded_by: f.uploader.userId,
        uploaded_by_personal_code_hash: f.uploader.personalCodeHash,
        content: f.bytes,
      })
      .returning(METADATA)
      .executeTakeFirstOrThrow();
    await writeAudit(trx, {
      actor: auditActor(f.uploader),
      institutionId: f.institutionId,
      entityType: 'stored_file',
      entityId: row.id,
      action: 'upload',
      changes: {
        purpose: { before: null, after: row.purpose },
        originalName: { before: null, after: row.original_name },
        contentType: { before: null, after: row.content_type },
        size: { before: null, after: row.size },
        sha256: { before: null, after: row.sha256 },
      },
      requestId: f.uploader.requestId,
    });
    return row;
  };
  return db.isTransaction ? work(db) : (db as Db).transaction().execute(work);
}

/** A file with its bytes, to serve it; only if it belongs to the institution (GEN-5). */
export async function readStoredFile(
  db: DbOrTx,
  institutionId: string,
  fileId: string,
): Promise<(StoredFileRow & { content: Uint8Array }) | undefined> {
  return db
    .selectFrom('stored_files')
    .select([...METADATA, 'content'])
    .where('institution_id', '=', institutionId)
    .where('id', '=', fileId)
    .executeTakeFirst();
}
