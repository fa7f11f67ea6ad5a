// XLSX of a report (issue 15; REP-7, OQ-46) written with exceljs's streaming WorkbookWriter: each row
// is committed (serialised into the zip) as soon as it is added, and the rows wait for the zip when
// it falls behind, so 100,000 rows never sit in memory at once. Typed cells: integers and numbers as numbers, money as a number with two decimals
// (#,##0.00), dates as Excel dates (yyyy-mm-dd), instants as the Vilnius wall clock
// (yyyy-mm-dd hh:mm, Excel dates carry no time zone); a text value stays text (exceljs never writes
// a string as a formula). The header row has the Lithuanian column names in bold, is frozen and
// carries an auto filter; column widths come from the source or the type.
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ExportColumn, ExportColumnType, ExportValue } from './types.ts';
import { dateOf, dateTimeOf, numberOf, textOf, widthOf } from './values.ts';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const NUMBER_FORMATS: Record<ExportColumnType, string | undefined> = {
  text: '@',
  integer: '0',
  number: undefined,
  money: '#,##0.00',
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm',
};

/** An Excel date-time holds no zone: the UTC fields of this Date are what the cell shows. */
function excelDate(date: string, hour = 0, minute = 0, second = 0): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d, hour, minute, second));
}

/** One cell's typed value (a value of the wrong kind is written as text rather than lost). */
export function xlsxCell(column: ExportColumn, value: ExportValue): string | number | Date | null {
  if (value === null || value === '') return null;
  switch (column.type) {
    case 'integer':
    case 'number':
    case 'money': {
      const n = numberOf(value);
      if (n === null) return textOf(value);
      return column.type === 'integer' ? Math.round(n) : column.type === 'money' ? Math.round(n * 100) / 100 : n;
    }
    case 'date': {
      const day = dateOf(value);
      return day ? excelDate(day) : textOf(value);
    }
    case 'datetime': {
      const w = dateTimeOf(value);
      return w ? excelDate(w.date, w.hour, w.minute, w.second) : textOf(value);
    }
    case 'text':
      return textOf(value);
  }
}

/** Uncompressed sheet XML let wait for the zip before the next rows are written. */
const MAX_BUFFERED_BYTES = 1024 * 1024;
/** How often (rows) the zip's backlog is looked at. */
const BACKPRESSURE_EVERY = 100;

interface PipeTarget {
  _writableState?: { length?: unknown; needDrain?: unknown };
  once(event: string, listener: () => void): unknown;
  removeListener(event: string, listener: () => void): unknown;
}

/**
 * exceljs's streaming writer hands each 64 KB of sheet XML to the zip without waiting (it ignores the
 * stream's backpressure), so rows read faster than they are deflated pile up as uncompressed XML —
 * tens of MB for 100,000 rows. Waits for the zip to take the backlog when it exceeds MAX_BUFFERED_BYTES
 * (the sheet's stream and its pipe are exceljs internals: if they are not there, nothing waits).
 */
async function zipCaughtUp(sheet: unknown): Promise<void> {
  const target = (sheet as { stream?: { pipes?: PipeTarget[] } }).stream?.pipes?.[0];
  const state = target?._writableState;
  if (!target || !state || typeof state.length !== 'number' || state.length <= MAX_BUFFERED_BYTES || state.needDrain !== true) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      for (const event of ['drain', 'close', 'error']) target.removeListener(event, done);
      resolve();
    };
    for (const event of ['drain', 'close', 'error']) target.once(event, done);
  });
}

/** Excel's limit is 31 characters and none of : \ / ? * [ ]. */
function sheetName(name: string): string {
  return name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31) || 'Ataskaita';
}

/**
 * Writes the workbook to `out` (ended when done) and resolves with the number of data rows.
 * `onRow(n)` is called after each row with the count so far (progress).
 */
export async function writeXlsx(
  out: Writable,
  columns: readonly ExportColumn[],
  rows: AsyncIterable<Record<string, ExportValue>>,
  options: { sheetName: string; onRow?: (written: number) => void | Promise<void> },
): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'IMP IS';
  const sheet = workbook.addWorksheet(sheetName(options.sheetName), {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }],
  });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: Math.max(1, columns.length) } };
  sheet.columns = columns.map((c) => {
    const numFmt = NUMBER_FORMATS[c.type];
    return { key: c.key, width: widthOf(c), ...(numFmt ? { style: { numFmt } } : {}) };
  });
  const header = sheet.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.commit();
  let written = 0;
  for await (const row of rows) {
    sheet.addRow(columns.map((c) => xlsxCell(c, row[c.key] ?? null))).commit();
    written++;
    if (written % BACKPRESSURE_EVERY === 0) await zipCaughtUp(sheet);
    if (options.onRow) await options.onRow(written);
  }
  sheet.commit();
  await workbook.commit();
  return written;
}
