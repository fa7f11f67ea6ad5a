// How dates, times and deadlines are written for people (GEN-6, issue 11 item 13): one formatter for
// every page, e-mail and the operator's texts in the Temporal UI, always in Vilnius time.
//
//   formatDate                 2026-12-07
//   formatDateTime             2026-12-07 08:00
//   formatDeadline             iki 2026-12-07 23:59
//   formatTimeLeft             liko 2 dienos 5 valandos · liko 45 minutės · terminas praėjo
//   formatDeadlineWithTimeLeft iki 2026-12-07 23:59 (liko 2 dienos 5 valandos)
//
// A deadline is an end-exclusive instant: the document review deadline (DOC-7), the close of
// registration (G4) and the like are stored as the Vilnius midnight that begins the next day. Such
// a midnight is written as the last minute of the day it ends ("iki 2026-12-07 23:59"), never as
// "2026-12-08 00:00" or "24:00". A deadline given as a calendar date 'YYYY-MM-DD' (e.g.
// "Registracijos pabaiga") means the whole of that day and is written the same way.
//
// Pure and deterministic: no clock inside — "now" is passed in (the request's time in web, workflow
// time in workflows).
import { addDays, isIsoDate, vilniusWallClock } from './calendar.ts';
import { vilniusStartOfDay } from './group-deadlines.ts';

/** An instant as a Date, epoch milliseconds or an ISO 8601 string; a bare 'YYYY-MM-DD' is that Vilnius day. */
export type Instant = Date | number | string;

const MINUTE_MS = 60_000;
const HOUR_MINUTES = 60;
const DAY_MINUTES = 24 * HOUR_MINUTES;

/** The instant meant: a calendar date 'YYYY-MM-DD' is the Vilnius midnight that begins it. */
export function toInstant(at: Instant): Date {
  if (typeof at === 'string' && isIsoDate(at)) return vilniusStartOfDay(at);
  const date = at instanceof Date ? at : new Date(at);
  if (!Number.isFinite(date.getTime())) throw new RangeError(`not an instant: ${String(at)}`);
  return date;
}

/** The Vilnius calendar date, 'YYYY-MM-DD' (e.g. 2026-12-07); '' for a missing value. */
export function formatDate(at: Instant | null | undefined): string {
  if (at === null || at === undefined) return '';
  if (typeof at === 'string' && isIsoDate(at)) return at;
  return vilniusWallClock(toInstant(at)).date;
}

/** Vilnius wall-clock date and time, 'YYYY-MM-DD HH:mm' (e.g. 2026-12-07 08:00); '' for a missing value. */
export function formatDateTime(at: Instant | null | undefined): string {
  if (at === null || at === undefined) return '';
  const w = vilniusWallClock(toInstant(at));
  return `${w.date} ${w.hour}:${w.minute}`;
}

/**
 * The end-exclusive instant of a deadline: an instant as it is; a calendar date 'YYYY-MM-DD'
 * (a deadline "through that day") is the Vilnius midnight that begins the next day.
 */
export function deadlineInstant(deadline: Instant): Date {
  if (typeof deadline === 'string' && isIsoDate(deadline)) return vilniusStartOfDay(addDays(deadline, 1));
  return toInstant(deadline);
}

/**
 * A deadline's date and time without "iki", e.g. '2026-12-07 23:59'. A Vilnius midnight ends the
 * day before it, so it is written as that day's 23:59; any other instant as its own minute.
 */
export function deadlineDateTime(deadline: Instant): string {
  const instant = deadlineInstant(deadline);
  const w = vilniusWallClock(instant);
  const atMidnight = w.hour === '00' && w.minute === '00' && w.second === '00' && instant.getTime() % 1000 === 0;
  return atMidnight ? `${addDays(w.date, -1)} 23:59` : `${w.date} ${w.hour}:${w.minute}`;
}

/** "iki 2026-12-07 23:59": the one way a deadline is written. */
export function formatDeadline(deadline: Instant): string {
  return `iki ${deadlineDateTime(deadline)}`;
}

type NounForms = readonly [one: string, few: string, many: string];

const DAY: NounForms = ['diena', 'dienos', 'dienų'];
const HOUR: NounForms = ['valanda', 'valandos', 'valandų'];
const MINUTE: NounForms = ['minutė', 'minutės', 'minučių'];

/**
 * A count with its noun in the Lithuanian form the number asks for: 1, 21, 101 → singular
 * (1 diena); 2–9, 22–29 → plural nominative (2 dienos); 0, 10–20, 30 … → plural genitive (11 dienų).
 */
export function countOf(n: number, forms: NounForms): string {
  const lastTwo = Math.abs(n) % 100;
  const last = lastTwo % 10;
  const teen = lastTwo >= 11 && lastTwo <= 19;
  const form = last === 1 && !teen ? forms[0] : last >= 2 && !teen ? forms[1] : forms[2];
  return `${n} ${form}`;
}

/**
 * How much time is left until a deadline at `now`, in the two largest units, rounded down:
 * 'liko 2 dienos 5 valandos', 'liko 3 valandos 1 minutė', 'liko 45 minutės', 'liko mažiau nei
 * minutė'; 'terminas praėjo' from the deadline on.
 */
export function formatTimeLeft(deadline: Instant, now: Instant): string {
  const leftMs = deadlineInstant(deadline).getTime() - toInstant(now).getTime();
  if (leftMs <= 0) return 'terminas praėjo';
  const minutes = Math.floor(leftMs / MINUTE_MS);
  if (minutes === 0) return 'liko mažiau nei minutė';
  const days = Math.floor(minutes / DAY_MINUTES);
  const hours = Math.floor((minutes % DAY_MINUTES) / HOUR_MINUTES);
  const mins = minutes % HOUR_MINUTES;
  const parts =
    days > 0
      ? [countOf(days, DAY), hours > 0 ? countOf(hours, HOUR) : null]
      : hours > 0
        ? [countOf(hours, HOUR), mins > 0 ? countOf(mins, MINUTE) : null]
        : [countOf(mins, MINUTE)];
  return `liko ${parts.filter((p) => p !== null).join(' ')}`;
}

/** A pending item's deadline with the time left: 'iki 2026-12-07 23:59 (liko 2 dienos 5 valandos)'. */
export function formatDeadlineWithTimeLeft(deadline: Instant, now: Instant): string {
  return `${formatDeadline(deadline)} (${formatTimeLeft(deadline, now)})`;
}
