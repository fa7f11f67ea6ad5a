// ReportExport:<exportId> (issue 15; REP-7 export, OQ-46): one report export made in the background.
// Names are recorded in histories: never rename one.
import { defineUpdate } from '@temporalio/workflow';
import type { ReportExportFormat, ReportKind } from '../domain/report-export.ts';

export interface ReportExportInput {
  /** The export's id: the export button's per-render key, so a replayed request reaches the same export. */
  exportId: string;
  institutionId: string;
  /** The institution user who asked; null for the head's own session. */
  userId: string | null;
  kind: ReportKind;
  format: ReportExportFormat;
  /** The report page's URL query (its criteria), validated by web before the start. */
  query: string;
  /** How long the ready file is kept before it is deleted (KURSUOK_EXPORT_RETENTION_MS, 24 h). */
  retentionMs: number;
}

/** Who asks: only the same user of the same institution reaches the export. */
export interface ReportExportRequest {
  institutionId: string;
  userId: string | null;
}

/** Answered once the export's row exists (the page web redirects to then reads it). */
export const requestReportExportUpdate = defineUpdate<{ exportId: string }, [ReportExportRequest]>('requestReportExport');

export interface ReportExportOutcome {
  status: 'PARUOSTA' | 'NEPAVYKO';
  rowCount: number | null;
}
