// The background report export (issue 15; REP-7 export, OQ-46): its kinds, formats and statuses with
// the Lithuanian words the page shows, and the progress line ("Ruošiama… 40 %"). Pure: imported by
// the ReportExport workflow, by db/ (the table's vocabulary) and by web.
import { Application } from './access.ts';

/** Which report an export is of: the path segment of /ataskaitos/<kind>/eksportas. */
export const REPORT_EXPORT_KINDS = ['dalyviai', 'tvarkarasciai'] as const;
export type ReportKind = (typeof REPORT_EXPORT_KINDS)[number];

export const REPORT_EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ReportExportFormat = (typeof REPORT_EXPORT_FORMATS)[number];

/** The application whose rights an export of the kind needs (§6: the report's own row, REP-8). */
export const REPORT_KIND_APPLICATIONS: Record<ReportKind, Application> = {
  dalyviai: Application.ParticipantReport,
  tvarkarasciai: Application.TimetableReport,
};

/** The report's short name (operator details, the XLSX sheet). */
export const REPORT_KIND_TITLES: Record<ReportKind, string> = {
  dalyviai: 'Dalyvių informacija',
  tvarkarasciai: 'Tvarkaraščių informacija',
};

/** The report's page an export came from (the criteria are its URL query). */
export const REPORT_KIND_PATHS: Record<ReportKind, string> = {
  dalyviai: '/ataskaitos/dalyviai',
  tvarkarasciai: '/ataskaitos/tvarkarasciai',
};

export const ReportExportStatus = {
  Preparing: 'RUOSIAMA',
  Ready: 'PARUOSTA',
  Failed: 'NEPAVYKO',
  Expired: 'ISTRINTA',
} as const;
export type ReportExportStatus = (typeof ReportExportStatus)[keyof typeof ReportExportStatus];
export const REPORT_EXPORT_STATUSES: readonly ReportExportStatus[] = Object.values(ReportExportStatus);

export const REPORT_EXPORT_STATUS_LABELS: Record<ReportExportStatus, string> = {
  RUOSIAMA: 'Ruošiama',
  PARUOSTA: 'Paruošta',
  NEPAVYKO: 'Nepavyko',
  ISTRINTA: 'Failas ištrintas',
};

/** How long a ready file is kept by default (KURSUOK_EXPORT_RETENTION_MS). */
export const DEFAULT_EXPORT_RETENTION_MS = 24 * 60 * 60 * 1000;

export function isReportKind(value: unknown): value is ReportKind {
  return typeof value === 'string' && (REPORT_EXPORT_KINDS as readonly string[]).includes(value);
}

export function isReportExportFormat(value: unknown): value is ReportExportFormat {
  return typeof value === 'string' && (REPORT_EXPORT_FORMATS as readonly string[]).includes(value);
}

/** "Ruošiama… 40 %" (a non-breaking space before the per cent sign, as Lithuanian typesetting has it). */
export function progressLine(progress: number): string {
  const p = Math.max(0, Math.min(100, Math.floor(progress)));
  return `Ruošiama… ${p}\u00a0%`;
}

/** The whole per cent of `written` rows out of `total`; 99 at most until the file is stored. */
export function progressOf(written: number, total: number): number {
  if (total <= 0) return 0;
  return Math.min(99, Math.floor((written * 100) / total));
}
