// Report exports (issue 15; REP-4, REP-8): the contract between a report's rows and the CSV/XLSX
// writers. A report (the timetable report, the participants report) supplies a ReportExportSource;
// web's quick path and the ReportExport activity both stream its rows through db/exports/csv.ts or
// db/exports/xlsx.ts.
import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';

export type ExportColumnType = 'text' | 'integer' | 'number' | 'money' | 'date' | 'datetime';
export interface ExportColumn {
  key: string;
  header: string;
  type: ExportColumnType;
  width?: number;
}
export type ExportValue = string | number | Date | null;
export interface ReportExportSource {
  kind: 'dalyviai' | 'tvarkarasciai';
  /** Lithuanian, ASCII-safe file base name, e.g. 'dalyviu-ataskaita'. */
  fileBaseName: string;
  columns: readonly ExportColumn[];
  /** `query` is the report page's URL query string (criteria), already validated by web. Throws on invalid. */
  count(db: Kysely<Database>, institutionId: string, query: string): Promise<number>;
  rows(db: Kysely<Database>, institutionId: string, query: string): AsyncIterable<Record<string, ExportValue>>;
}

/**
 * What a source's count()/rows() throw for criteria that do not hold (an unknown value, a range that
 * ends before it starts): web answers 422 with this message (Lithuanian), never an empty file. Any
 * other error is the server's (500/503).
 */
export class ReportCriteriaError extends Error {
  override readonly name = 'ReportCriteriaError';
}
