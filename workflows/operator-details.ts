// What the Temporal UI tells an operator about a workflow (issue 10: "what each workflow waits for"):
// the static summary given at start, the current details a workflow sets with setCurrentDetails(),
// and the summaries of its timers and activities. Texts are Lithuanian business words, instants in
// Vilnius time; the UI renders them as markdown. Pure and deterministic: used by workflows and by
// the start sites in web/ and worker/.
import { VILNIUS_TIME_ZONE, vilniusDate } from './domain/calendar.ts';

/** An instant as a Date, epoch milliseconds or an ISO 8601 string. */
export type Instant = Date | number | string;

/** Temporal's limit for a static summary and a timer's or activity's summary (UTF-8 bytes). */
export const SUMMARY_MAX_BYTES = 200;

const TIME_NOTE = '(Vilniaus laiku)';

const vilniusTimeFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: VILNIUS_TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function toDate(at: Instant): Date {
  const date = at instanceof Date ? at : new Date(at);
  if (!Number.isFinite(date.getTime())) throw new RangeError(`not an instant: ${String(at)}`);
  return date;
}

/** 'YYYY-MM-DD HH:mm' in Vilnius, e.g. 2026-12-07 08:00. */
export function vilniusDateTime(at: Instant): string {
  const date = toDate(at);
  return `${vilniusDate(date)} ${vilniusTimeFormat.format(date)}`;
}

/**
 * A deadline in Vilnius time. A deadline is the end of a day (the Vilnius midnight that begins the
 * next one), which is written as that day's 24:00 — "iki 2026-12-07 24:00", not "iki 2026-12-08 00:00".
 */
export function vilniusDeadline(at: Instant): string {
  const date = toDate(at);
  const text = vilniusDateTime(date);
  const atMidnight = text.endsWith(' 00:00') && date.getTime() % 60_000 === 0;
  return atMidnight ? `${vilniusDate(new Date(date.getTime() - 1))} 24:00` : text;
}

/**
 * "Laukia <what> iki <deadline> (Vilniaus laiku)"; `what` in the genitive, e.g.
 * waitingFor('vertintojo sprendimo', dueAt) → 'Laukia vertintojo sprendimo iki 2026-12-07 24:00 (Vilniaus laiku)'.
 * Without `until` the wait has no deadline: 'Laukia vertintojo sprendimo'.
 */
export function waitingFor(what: string, until?: Instant | null): string {
  return until === undefined || until === null ? `Laukia ${what}` : `Laukia ${what} iki ${vilniusDeadline(until)} ${TIME_NOTE}`;
}

/** "<what> <date time> (Vilniaus laiku)", e.g. at('Priminimas vertintojams', remindAt) → 'Priminimas vertintojams 2026-12-07 08:00 (Vilniaus laiku)'. */
export function at(what: string, instant: Instant): string {
  return `${what} ${vilniusDateTime(instant)} ${TIME_NOTE}`;
}

/**
 * Current details as markdown: the business status in bold, then one list item per line (empty
 * ones left out), e.g. operatorDetails('Laukia vertinimo', [waitingFor(…), at(…)]) →
 * '**Laukia vertinimo**\n\n- Laukia vertintojo sprendimo iki …\n- Priminimas vertintojams …'.
 */
export function operatorDetails(status: string, lines: readonly (string | null | undefined | false)[] = []): string {
  const items = lines.filter((line): line is string => typeof line === 'string' && line.trim() !== '');
  const head = `**${escapeMarkdown(status)}**`;
  return items.length === 0 ? head : `${head}\n\n${items.map((line) => `- ${line.replace(/\s*\n\s*/g, ' ')}`).join('\n')}`;
}

/**
 * A one-line summary (static summary, timer, activity): the non-empty parts joined with ' · ',
 * whitespace collapsed, cut with '…' to SUMMARY_MAX_BYTES of UTF-8 (Lithuanian letters take two).
 */
export function summary(...parts: readonly (string | null | undefined | false)[]): string {
  const text = parts
    .filter((p): p is string => typeof p === 'string' && p.trim() !== '')
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .join(' · ');
  if (utf8Length(text) <= SUMMARY_MAX_BYTES) return text;
  const budget = SUMMARY_MAX_BYTES - utf8Length('…');
  let out = '';
  let used = 0;
  for (const ch of text) {
    const size = utf8Length(ch);
    if (used + size > budget) break;
    out += ch;
    used += size;
  }
  return `${out.trimEnd()}…`;
}

/** Business words (a group's name, a person's name) shown literally, not as markdown emphasis, links or HTML. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`);
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return bytes;
}
