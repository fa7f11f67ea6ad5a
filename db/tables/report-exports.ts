// Kysely table types of the background report exports (issue 15); migration 20261203T0910_report_exports.
// Merged into Database by db/schema.ts.
import type { ColumnType, Selectable } from 'kysely';
import type { ReportExportFormat, ReportExportStatus, ReportKind } from '../../workflows/domain/report-export.ts';

type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

export interface ReportExportsTable {
  id: string;
  institution_id: string;
  user_id: Nullable<string>;
  kind: ReportKind;
  format: ReportExportFormat;
  /** The report page's URL query (its criteria). */
  query: string;
  status: ColumnType<ReportExportStatus, ReportExportStatus | undefined, ReportExportStatus>;
  progress: ColumnType<number, number | undefined, number>;
  row_count: Nullable<number>;
  file_name: Nullable<string>;
  file: Nullable<Buffer>;
  size: Nullable<number>;
  error: Nullable<string>;
  created_at: ColumnType<Date, Date | undefined, never>;
  ready_at: Nullable<Date>;
  expires_at: Nullable<Date>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

/** A row without the file's bytes (what the status page reads). */
export type ReportExportRow = Omit<Selectable<ReportExportsTable>, 'file'>;

export interface ReportExportTables {
  report_exports: ReportExportsTable;
}
