// How an export cell's value is read for its column type (issue 15; REP-4, REP-8): shared by the CSV
// and XLSX writers, so both files say the same thing. Sources may hand over what Postgres returns —
// numeric and bigint as strings, dates as 'YYYY-MM-DD' strings (db/client.ts), instants as Date —
// and the writers type them here.
import { isIsoDate, vilniusWallClock } from '../../workflows/domain/calendar.ts';
import type { ExportColumn, ExportValue } from './types.ts';

/** A number cell's value: a finite number, or null for an empty / non-numeric value. */
export function numberOf(value: ExportValue): number | null {
  if (value === null || value === '') return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string') {
    const n = Number(value.trim().replace(',', '.'));
    return value.trim() !== '' && Number.isFinite(n) ? n : null;
  }
  return null;
}

/** A calendar date 'YYYY-MM-DD' (a Date is the Vilnius date at that instant), or null. */
export function dateOf(value: ExportValue): string | null {
  if (value === null || value === '') return null;
  if (value instanceof Date) return Number.isFinite(value.getTime()) ? vilniusWallClock(value).date : null;
  if (typeof value === 'string') {
    const day = value.slice(0, 10);
    return isIsoDate(day) ? day : null;
  }
  return null;
}

/** The Vilnius wall clock of an instant: date and 'HH:mm:ss', or null (a bare date is its midnight). */
export function dateTimeOf(value: ExportValue): { date: string; hour: number; minute: number; second: number } | null {
  if (value === null || value === '') return null;
  if (typeof value === 'string' && isIsoDate(value)) return { date: value, hour: 0, minute: 0, second: 0 };
  const instant = value instanceof Date ? value : new Date(value);
  if (!Number.isFinite(instant.getTime())) return null;
  const w = vilniusWallClock(instant);
  return { date: w.date, hour: Number(w.hour), minute: Number(w.minute), second: Number(w.second) };
}

/** Text of a value for a text column (a Date as its Vilnius date and time). */
export function textOf(value: ExportValue): string {
  if (value === null) return '';
  if (value instanceof Date) {
    const w = dateTimeOf(value);
    return w ? `${w.date} ${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}` : '';
  }
  return String(value);
}

/** Column width in characters: the source's, else from the header and the type. */
export function widthOf(column: ExportColumn): number {
  if (column.width !== undefined) return column.width;
  const byType: Record<ExportColumn['type'], number> = { text: 24, integer: 10, number: 12, money: 14, date: 12, datetime: 17 };
  return Math.min(60, Math.max(byType[column.type], column.header.length + 2));
}
