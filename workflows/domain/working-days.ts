// Lithuanian working days (Darbo kodeksas, art. 123: public holidays; Saturdays and Sundays are
// rest days) and the document review deadline "per 3 darbo dienas" (DOC-7, L3 D1), pure.
//
// What "reviewed within 3 working days of upload" means here, precisely:
//   the upload day itself does not count, whatever the hour; counting from the next Vilnius
//   calendar day, the 3rd working day is the last day of the review, and the deadline is the end
//   of that day — the Vilnius midnight that begins the following calendar day.
// So a document uploaded on Monday at 23:59 or at 00:01 is due by Thursday 24:00 (Vilnius), and one
// uploaded on Saturday is due by Wednesday 24:00. The reviewers' reminder is at 08:00 Vilnius on the
// last working day. Clock changes fall on Sundays (never working days), so both instants keep their
// wall-clock meaning all year.
import { addDays, vilniusDate } from './calendar.ts';
import { vilniusStartOfDay } from './group-deadlines.ts';

/** The working days the reviewer has (DOC-7). */
export const REVIEW_WORKING_DAYS = 3;
/** The reviewers' reminder, in hours after the Vilnius midnight that begins the last working day. */
const REMINDER_HOUR = 8;

/** Easter Sunday of a Gregorian year, 'YYYY-MM-DD' (the anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The first Sunday of a month, 'YYYY-MM-DD' (Motinos diena in May, Tėvo diena in June). */
function firstSunday(year: number, month: number): string {
  const weekday = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  return `${year}-${String(month).padStart(2, '0')}-${String(1 + ((7 - weekday) % 7)).padStart(2, '0')}`;
}

const FIXED_HOLIDAYS = [
  '01-01', // Naujųjų metų diena
  '02-16', // Lietuvos valstybės atkūrimo diena
  '03-11', // Lietuvos nepriklausomybės atkūrimo diena
  '05-01', // Tarptautinė darbo diena
  '06-24', // Rasos ir Joninių diena
  '07-06', // Valstybės (Lietuvos karaliaus Mindaugo karūnavimo) diena
  '08-15', // Žolinė
  '11-01', // Visų šventųjų diena
  '11-02', // Mirusiųjų atminimo (Vėlinių) diena
  '12-24', // Kūčios
  '12-25', // Šv. Kalėdos
  '12-26', // Šv. Kalėdos (antra diena)
];

/** The public holidays of a year, 'YYYY-MM-DD', sorted (Easter Sunday and Monday are movable). */
export function lithuanianHolidays(year: number): string[] {
  const easter = easterSunday(year);
  return [
    ...FIXED_HOLIDAYS.map((md) => `${year}-${md}`),
    easter,
    addDays(easter, 1), // Velykų antroji diena
    firstSunday(year, 5), // Motinos diena (a Sunday anyway)
    firstSunday(year, 6), // Tėvo diena (a Sunday anyway)
  ].sort();
}

const holidayCache = new Map<number, ReadonlySet<string>>();

function isPublicHoliday(isoDate: string): boolean {
  const year = Number(isoDate.slice(0, 4));
  let set = holidayCache.get(year);
  if (!set) {
    set = new Set(lithuanianHolidays(year));
    holidayCache.set(year, set);
  }
  return set.has(isoDate);
}

/** A Vilnius calendar date that is neither a Saturday, a Sunday nor a public holiday. */
export function isWorkingDay(isoDate: string): boolean {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !isPublicHoliday(isoDate);
}

/** The n-th working day after the calendar date (n ≥ 1; the date itself never counts). */
export function nthWorkingDayAfter(isoDate: string, n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a positive integer, got ${n}`);
  let date = isoDate;
  for (let found = 0; found < n;) {
    date = addDays(date, 1);
    if (isWorkingDay(date)) found += 1;
  }
  return date;
}

/**
 * The end (Vilnius) of the n-th working day after the Vilnius calendar day of `instant`: the
 * instant of the midnight that begins the next calendar day.
 */
export function addWorkingDays(instant: Date, n: number): Date {
  return vilniusStartOfDay(addDays(nthWorkingDayAfter(vilniusDate(instant), n), 1));
}

interface ReviewDeadline {
  /** The last working day of the review, 'YYYY-MM-DD' (Vilnius). */
  lastDay: string;
  /** The end of the last working day (DOC-7): the document is overdue from this instant on (DOC-14). */
  dueAt: Date;
  /** 08:00 Vilnius on the last working day: the reviewers are reminded. */
  remindAt: Date;
}

/** DOC-7, L3 D1: the review deadline of a document uploaded at `uploadedAt`. */
export function reviewDeadline(uploadedAt: Date): ReviewDeadline {
  const lastDay = nthWorkingDayAfter(vilniusDate(uploadedAt), REVIEW_WORKING_DAYS);
  return {
    lastDay,
    dueAt: vilniusStartOfDay(addDays(lastDay, 1)),
    remindAt: new Date(vilniusStartOfDay(lastDay).getTime() + REMINDER_HOUR * 3_600_000),
  };
}

/** DOC-14: the document is overdue at `now`. */
export function isOverdue(dueAt: Date, now: Date): boolean {
  return now.getTime() >= dueAt.getTime();
}
