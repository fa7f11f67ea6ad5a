// One report export as a byte stream (issue 15): the CSV or XLSX writer over a source's rows. Web's
// quick path sends it straight as the response; the ReportExport activity collects it into the file
// it stores. Formats, their content types and the download's file name live here too.
import { PassThrough, Readable } from 'node:stream';
import { vilniusDate } from '../../workflows/domain/calendar.ts';
import { CSV_CONTENT_TYPE, csvChunks } from './csv.ts';
import type { ExportColumn, ExportValue } from './types.ts';
import { writeXlsx, XLSX_CONTENT_TYPE } from './xlsx.ts';

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === 'string' && (EXPORT_FORMATS as readonly string[]).includes(value);
}

export const CONTENT_TYPES: Record<ExportFormat, string> = { csv: CSV_CONTENT_TYPE, xlsx: XLSX_CONTENT_TYPE };

/** e.g. 'dalyviu-ataskaita-2026-12-03.xlsx' (the Vilnius date it was made). */
export function exportFileName(fileBaseName: string, format: ExportFormat, at: Date): string {
  return `${fileBaseName}-${vilniusDate(at)}.${format}`;
}

export interface ExportStreamOptions {
  /** The XLSX sheet's name. */
  sheetName: string;
  /** Called after each row with the number written so far. */
  onRow?: (written: number) => void | Promise<void>;
}

/**
 * The file's bytes as a Node stream; a failure of the rows (or the writer) destroys the stream with
 * that error, so a half-written file is never taken for a whole one.
 */
export function exportStream(
  format: ExportFormat,
  columns: readonly ExportColumn[],
  rows: AsyncIterable<Record<string, ExportValue>>,
  options: ExportStreamOptions,
): Readable {
  if (format === 'csv') return Readable.from(csvChunks(columns, rows, options.onRow), { objectMode: false });
  const out = new PassThrough();
  // A reader that went away (the browser closed the download) stops the rows too.
  async function* whileRead(): AsyncGenerator<Record<string, ExportValue>> {
    for await (const row of rows) {
      if (out.destroyed) throw new Error('export stream closed by its reader');
      yield row;
    }
  }
  writeXlsx(out, columns, whileRead(), options).catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  return out;
}

/** Reads a whole export into memory (the background export stores it; at most a few MB compressed). */
export async function exportToBuffer(
  format: ExportFormat,
  columns: readonly ExportColumn[],
  rows: AsyncIterable<Record<string, ExportValue>>,
  options: ExportStreamOptions,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of exportStream(format, columns, rows, options)) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}
