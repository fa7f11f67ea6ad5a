// Background report exports (issue 15): the rows ReportExport:<id> owns — made when the export is
// asked for, its progress while the file is made, the file when ready, its deletion after the
// retention — and the reads of the status page and the download (the acting institution's own only,
// REP-8). Reads and row writes only.
import { sql } from 'kysely';
import { ReportExportStatus, type ReportExportFormat, type ReportKind } from '../../workflows/domain/report-export.ts';
import type { DbOrTx } from '../client.ts';
import { writeAudit, type ChangeActor } from './audit.ts';
import type { ReportExportRow } from '../tables/report-exports.ts';

export type { ReportExportRow };

export interface NewReportExport {
  id: string;
  institutionId: string;
  userId: string | null;
  kind: ReportKind;
  format: ReportExportFormat;
  query: string;
}

const ROW_COLUMNS = [
  'id',
  'institution_id',
  'user_id',
  'kind',
  'format',
  'query',
  'status',
  'progress',
  'row_count',
  'file_name',
  'size',
  'error',
  'created_at',
  'ready_at',
  'expires_at',
  'updated_at',
] as const;

/** The export's row, made once (a retried activity or a replayed request finds it there). */
export async function recordReportExport(db: DbOrTx, e: NewReportExport): Promise<void> {
  await db
    .insertInto('report_exports')
    .values({ id: e.id, institution_id: e.institutionId, user_id: e.userId, kind: e.kind, format: e.format, query: e.query })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

/** Any institution's export by id (the activity's read). */
export async function loadReportExport(db: DbOrTx, id: string): Promise<ReportExportRow | undefined> {
  return db.selectFrom('report_exports').select(ROW_COLUMNS).where('id', '=', id).executeTakeFirst();
}

/** The acting institution's export, without the file; another institution's is undefined (404). */
export async function findReportExport(db: DbOrTx, institutionId: string, id: string): Promise<ReportExportRow | undefined> {
  return db
    .selectFrom('report_exports')
    .select(ROW_COLUMNS)
    .where('id', '=', id)
    .where('institution_id', '=', institutionId)
    .executeTakeFirst();
}

/** Progress of an export still being made (never moves back, never past 99 before the file is stored). */
export async function setReportExportProgress(db: DbOrTx, id: string, progress: number): Promise<void> {
  await db
    .updateTable('report_exports')
    .set({ progress: sql<number>`greatest(progress, least(${Math.floor(progress)}::int, 99))`, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('status', '=', ReportExportStatus.Preparing)
    .execute();
}

/** Stores the made file; false when the export is no longer being made (stored before, or failed). */
export async function storeReportExportFile(
  db: DbOrTx,
  id: string,
  f: { file: Buffer; fileName: string; rowCount: number; retentionMs: number },
): Promise<{ readyAt: Date; expiresAt: Date } | null> {
  const row = await db
    .updateTable('report_exports')
    .set({
      status: ReportExportStatus.Ready,
      progress: 100,
      file: f.file,
      size: f.file.byteLength,
      file_name: f.fileName,
      row_count: f.rowCount,
      ready_at: sql<Date>`now()`,
      expires_at: sql<Date>`now() + ${`${Math.max(0, Math.floor(f.retentionMs))} milliseconds`}::interval`,
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .where('status', '=', ReportExportStatus.Preparing)
    .returning(['ready_at', 'expires_at'])
    .executeTakeFirst();
  return row ? { readyAt: row.ready_at!, expiresAt: row.expires_at! } : null;
}

/** The export could not be made: its reason (Lithuanian) for the page. */
export async function failReportExport(db: DbOrTx, id: string, error: string): Promise<void> {
  await db
    .updateTable('report_exports')
    .set({ status: ReportExportStatus.Failed, error, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('status', '=', ReportExportStatus.Preparing)
    .execute();
}

/** The retention is over: the file is deleted, the row stays and says so. */
export async function expireReportExport(db: DbOrTx, id: string): Promise<boolean> {
  const r = await db
    .updateTable('report_exports')
    .set({ status: ReportExportStatus.Expired, file: null, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('status', '=', ReportExportStatus.Ready)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** The ready file of the acting institution's export, while it is kept; otherwise undefined. */
export async function reportExportFile(
  db: DbOrTx,
  institutionId: string,
  id: string,
): Promise<{ file: Buffer; file_name: string; format: ReportExportFormat; kind: ReportKind } | undefined> {
  const row = await db
    .selectFrom('report_exports')
    .select(['file', 'file_name', 'format', 'kind'])
    .where('id', '=', id)
    .where('institution_id', '=', institutionId)
    .where('status', '=', ReportExportStatus.Ready)
    .where('expires_at', '>', sql<Date>`now()`)
    .executeTakeFirst();
  return row && row.file && row.file_name ? { file: row.file, file_name: row.file_name, format: row.format, kind: row.kind } : undefined;
}

/**
 * A report's rows handed out as a file (GEN-9; the participants report holds personal data): who,
 * for which institution, which report with which criteria, in which format and how many rows. Written
 * when the file leaves — the quick path's response, or a background export's download.
 */
export async function auditReportDownload(
  db: DbOrTx,
  e: {
    actor: ChangeActor;
    institutionId: string;
    kind: ReportKind;
    format: ReportExportFormat;
    query: string;
    rowCount: number;
    exportId: string | null;
  },
): Promise<void> {
  await writeAudit(db, {
    actor: e.actor.userId
      ? { kind: 'user', userId: e.actor.userId, personalCodeHash: e.actor.personalCodeHash }
      : { kind: 'person', personalCodeHash: e.actor.personalCodeHash },
    institutionId: e.institutionId,
    entityType: 'report_export',
    entityId: e.exportId ?? e.kind,
    action: 'download',
    changes: {
      kind: { before: null, after: e.kind },
      format: { before: null, after: e.format },
      query: { before: null, after: e.query },
      rowCount: { before: null, after: e.rowCount },
    },
    requestId: e.actor.requestId,
  });
}
