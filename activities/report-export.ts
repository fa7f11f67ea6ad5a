// The ReportExport workflow's I/O (issue 15; REP-7 export, OQ-46): the export's row, the file made by
// streaming the report's rows (db/exports: the source by kind, the CSV or XLSX writer) with progress
// written to the row and a heartbeat as it goes, the failure's reason, and the file's deletion after
// the retention. Criteria that do not hold fail for good (InvalidInput, the source's Lithuanian words);
// anything else is retried by the workflow's policy from the start (the file is remade whole).
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Db } from '../db/client.ts';
import { REPORT_EXPORT_SOURCES, type ReportExportSources } from '../db/exports/registry.ts';
import { exportFileName, exportToBuffer } from '../db/exports/stream.ts';
import { ReportCriteriaError, type ExportValue } from '../db/exports/types.ts';
import {
  expireReportExport,
  failReportExport,
  loadReportExport,
  recordReportExport,
  setReportExportProgress,
  storeReportExportFile,
} from '../db/queries/report-exports.ts';
import { progressOf, REPORT_KIND_TITLES, ReportExportStatus } from '../workflows/domain/report-export.ts';
import { ErrorCode } from '../workflows/errors.ts';
import type { ReportExportInput } from '../workflows/report-export/messages.ts';

/** The progress is written at most this often (and on every 5 % step). */
const PROGRESS_EVERY_MS = 1000;

export interface ReportExportActivityDeps {
  db: Db;
  /** The sources by kind (tests give their own); db/exports/registry.ts by default. */
  sources?: ReportExportSources;
}

/** The source's own refusal of the criteria, as a failure the workflow does not retry. */
function criteriaFailure(err: unknown): never {
  if (err instanceof ReportCriteriaError) throw ApplicationFailure.nonRetryable(err.message, ErrorCode.InvalidInput);
  throw err;
}

async function* guarded(rows: AsyncIterable<Record<string, ExportValue>>): AsyncGenerator<Record<string, ExportValue>> {
  try {
    yield* rows;
  } catch (err) {
    criteriaFailure(err);
  }
}

export function createReportExportActivities(deps: ReportExportActivityDeps) {
  const { db } = deps;
  const sources = deps.sources ?? REPORT_EXPORT_SOURCES;
  return {
    async recordReportExport(input: ReportExportInput): Promise<void> {
      await recordReportExport(db, {
        id: input.exportId,
        institutionId: input.institutionId,
        userId: input.userId,
        kind: input.kind,
        format: input.format,
        query: input.query,
      });
    },

    /** Streams the rows through the writer into the file and stores it in the row. */
    async buildReportExport(p: { exportId: string; retentionMs: number }): Promise<{ rowCount: number; size: number }> {
      const row = await loadReportExport(db, p.exportId);
      if (!row) throw ApplicationFailure.nonRetryable('Eksportas nerastas.', ErrorCode.NotFound);
      // A retry after the file was stored (the worker died before reporting): the stored one stands.
      if (row.status === ReportExportStatus.Ready || row.status === ReportExportStatus.Expired)
        return { rowCount: row.row_count ?? 0, size: row.size ?? 0 };
      if (row.status === ReportExportStatus.Failed) throw ApplicationFailure.nonRetryable(row.error ?? 'Nepavyko.', ErrorCode.InvalidInput);
      const source = sources[row.kind];
      if (!source) throw ApplicationFailure.nonRetryable('Šios ataskaitos eksportuoti kol kas negalima.', ErrorCode.InvalidInput);

      const total = await source.count(db, row.institution_id, row.query).catch(criteriaFailure);
      const ctx = Context.current();
      // Every 1 % of the rows (at least every row of a small export, at most every 500).
      const step = Math.min(500, Math.max(1, Math.ceil(total / 100)));
      let shown = 0;
      let shownAt = Date.now();
      const onRow = async (written: number) => {
        if (written % step !== 0) return;
        ctx.heartbeat(written);
        const progress = progressOf(written, total);
        if (progress > shown && (progress - shown >= 5 || Date.now() - shownAt >= PROGRESS_EVERY_MS)) {
          shown = progress;
          shownAt = Date.now();
          await setReportExportProgress(db, p.exportId, progress);
        }
      };
      let rowCount = 0;
      const counted = async (written: number) => {
        rowCount = written;
        await onRow(written);
      };
      let rows: AsyncIterable<Record<string, ExportValue>>;
      try {
        rows = source.rows(db, row.institution_id, row.query);
      } catch (err) {
        criteriaFailure(err);
      }
      const file = await exportToBuffer(row.format, source.columns, guarded(rows), {
        sheetName: REPORT_KIND_TITLES[row.kind],
        onRow: counted,
      });
      ctx.heartbeat(rowCount);
      await storeReportExportFile(db, p.exportId, {
        file,
        fileName: exportFileName(source.fileBaseName, row.format, new Date()),
        rowCount,
        retentionMs: p.retentionMs,
      });
      return { rowCount, size: file.byteLength };
    },

    async failReportExport(p: { exportId: string; error: string }): Promise<void> {
      await failReportExport(db, p.exportId, p.error);
    },

    async expireReportExport(exportId: string): Promise<boolean> {
      return expireReportExport(db, exportId);
    },
  };
}

export type ReportExportActivities = ReturnType<typeof createReportExportActivities>;
