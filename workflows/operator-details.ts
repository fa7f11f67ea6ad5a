// What the Temporal UI tells an operator about a workflow (issue 10: "what each workflow waits for"):
// the static summary given at start, the current details a workflow sets with setCurrentDetails(),
// and the summaries of its timers and activities. Texts are Lithuanian business words, instants in
// Vilnius time; the UI renders them as markdown. Pure and deterministic: used by workflows and by
// the start sites in web/ and worker/.
import { formatDateTime, formatDeadline, type Instant } from './domain/date-format.ts';

export type { Instant };

/** Temporal's limit for a static summary and a timer's or activity's summary (UTF-8 bytes). */
export const SUMMARY_MAX_BYTES = 200;

const TIME_NOTE = '(Vilniaus laiku)';

/**
 * "Laukia <what> iki <deadline> (Vilniaus laiku)"; `what` in the genitive, the deadline written as
 * everywhere else (domain/date-format.ts), e.g.
 * waitingFor('vertintojo sprendimo', dueAt) → 'Laukia vertintojo sprendimo iki 2026-12-07 23:59 (Vilniaus laiku)'.
 * Without `until` the wait has no deadline: 'Laukia vertintojo sprendimo'.
 */
export function waitingFor(what: string, until?: Instant | null): string {
  return until === undefined || until === null ? `Laukia ${what}` : `Laukia ${what} ${formatDeadline(until)} ${TIME_NOTE}`;
}

/** "<what> <date time> (Vilniaus laiku)", e.g. at('Priminimas vertintojams', remindAt) → 'Priminimas vertintojams 2026-12-07 08:00 (Vilniaus laiku)'. */
export function at(what: string, instant: Instant): string {
  return `${what} ${formatDateTime(instant)} ${TIME_NOTE}`;
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
