// Dates of the domain are calendar dates in Europe/Vilnius (GEN-6), written 'YYYY-MM-DD'.
// The clock is always passed in, so the same code runs in workflows (workflow time) and in web.

export const VILNIUS_TIME_ZONE = 'Europe/Vilnius';

const vilniusDateFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: VILNIUS_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date in Vilnius at the given instant, as 'YYYY-MM-DD'. */
export function vilniusDate(instant: Date): string {
  return vilniusDateFormat.format(instant);
}

const vilniusWallClockFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: VILNIUS_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** The Vilnius wall clock at an instant: the date 'YYYY-MM-DD' and two-digit hour, minute and second. */
export interface WallClock {
  date: string;
  hour: string;
  minute: string;
  second: string;
}

/** What a clock in Vilnius shows at the given instant. */
export function vilniusWallClock(instant: Date): WallClock {
  const p = Object.fromEntries(vilniusWallClockFormat.formatToParts(instant).map((part) => [part.type, part.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, hour: p.hour!, minute: p.minute!, second: p.second! };
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written 'YYYY-MM-DD' (rejects 2026-02-30). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Adds whole days to an ISO date. */
export function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
