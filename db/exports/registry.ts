// Which report each export kind reads (issue 15): the sources the reports supply (db/exports/types.ts).
// Web's quick path and the ReportExport activity both look the kind up here.
import { participantReportExport } from '../queries/participant-report.ts';
import { timetableReportExport } from '../queries/timetable-report.ts';
import type { ReportExportSource } from './types.ts';

export type ReportExportKind = ReportExportSource['kind'];
export type ReportExportSources = Partial<Record<ReportExportKind, ReportExportSource>>;

/** Every export source by kind (a kind missing here answers 400: not exportable yet). */
export const REPORT_EXPORT_SOURCES: ReportExportSources = {
  dalyviai: participantReportExport,
  tvarkarasciai: timetableReportExport,
};
