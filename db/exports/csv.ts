// CSV of a report (issue 15; REP-7 "exportable (e.g. XLSX/CSV)", OQ-46), as Lithuanian Excel opens it
// with a double click: UTF-8 with a BOM (else Excel reads it as Windows-1257 and breaks "ąčęėįšųūž"),
// ';' between fields (the list separator of the lt-LT locale: with ',' Excel puts every row in one
// column), CRLF line ends, RFC 4180 quoting. Numbers as Lithuanian Excel parses them: a decimal comma
// and no thousands separator ("1234,5"; with a point lt-LT Excel reads "12.50" as text or a date), money
// with two decimals ("100,00"); dates ISO "2026-12-03" and times "2026-12-03 08:00" in Vilnius time
// (the lt-LT short date format is yyyy-MM-dd, so Excel takes them as dates). A text that Excel would
// run as a formula (=, +, -, @ followed by more than a number or phone) gets a leading apostrophe
// (OWASP "CSV injection"). Streamed: rows are read one chunk at a time, never all at once.
import type { ExportColumn, ExportValue } from './types.ts';
import { dateOf, dateTimeOf, numberOf, textOf } from './values.ts';

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';
export const CSV_SEPARATOR = ';';
const BOM = '\uFEFF';
const EOL = '\r\n';
/** Rows per chunk handed to the stream. */
const ROWS_PER_CHUNK = 500;

const FORMULA_START = /^[=+\-@\t\r]/;
/** A number or a phone number ("+370 600 12345", "-5"): safe, kept as it is. */
const PLAIN_NUMBER = /^[+-]?[\d\s().,]+$/;

/** A text value Excel could take for a formula is written with a leading apostrophe. */
export function neutralizeFormula(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** A field quoted when it holds the separator, a quote or a line break (quotes doubled). */
export function quoteCsv(field: string): string {
  return /[;"\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

/** A number with a decimal comma and no grouping; `decimals` fixes the fraction's length. */
function lithuanianNumber(n: number, decimals?: number): string {
  const text = decimals === undefined ? String(n) : n.toFixed(decimals);
  // String(1e21) is exponential; such values do not occur in these reports, but stay readable.
  return text.replace('.', ',');
}

/** One cell's CSV text for its column type (unquoted). */
export function csvField(column: ExportColumn, value: ExportValue): string {
  switch (column.type) {
    case 'integer': {
      const n = numberOf(value);
      return n === null ? neutralizeFormula(textOf(value)) : String(Math.round(n));
    }
    case 'number': {
      const n = numberOf(value);
      return n === null ? neutralizeFormula(textOf(value)) : lithuanianNumber(n);
    }
    case 'money': {
      const n = numberOf(value);
      return n === null ? neutralizeFormula(textOf(value)) : lithuanianNumber(n, 2);
    }
    case 'date':
      return dateOf(value) ?? neutralizeFormula(textOf(value));
    case 'datetime': {
      const w = dateTimeOf(value);
      if (!w) return neutralizeFormula(textOf(value));
      return `${w.date} ${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`;
    }
    case 'text':
      return neutralizeFormula(textOf(value));
  }
}

export function csvHeaderLine(columns: readonly ExportColumn[]): string {
  return columns.map((c) => quoteCsv(c.header)).join(CSV_SEPARATOR) + EOL;
}

export function csvLine(columns: readonly ExportColumn[], row: Readonly<Record<string, ExportValue>>): string {
  return columns.map((c) => quoteCsv(csvField(c, row[c.key] ?? null))).join(CSV_SEPARATOR) + EOL;
}

/**
 * The file as UTF-8 chunks: the BOM and the header first, then ROWS_PER_CHUNK rows at a time.
 * `onRow(n)` is called after each row with the count so far (progress).
 */
export async function* csvChunks(
  columns: readonly ExportColumn[],
  rows: AsyncIterable<Record<string, ExportValue>>,
  onRow?: (written: number) => void | Promise<void>,
): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  yield encoder.encode(BOM + csvHeaderLine(columns));
  let pending = '';
  let inChunk = 0;
  let written = 0;
  for await (const row of rows) {
    pending += csvLine(columns, row);
    written++;
    if (onRow) await onRow(written);
    if (++inChunk === ROWS_PER_CHUNK) {
      yield encoder.encode(pending);
      pending = '';
      inChunk = 0;
    }
  }
  if (pending) yield encoder.encode(pending);
}
