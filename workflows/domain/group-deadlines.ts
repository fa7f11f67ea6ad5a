// The instants at which a training group's lifecycle moves by itself (L1 G4, G7, and G9 after the
// grace period of GRP-45 with its reminder), derived from its dates. Dates are Vilnius calendar dates (GEN-6): registration is open through the whole of
// "Registracijos pabaiga" and closes at the following Vilnius midnight; delivery starts at the
// Vilnius midnight that begins "Mokymosi programos vykdymo pradžia".
import { addDays, vilniusWallClock } from './calendar.ts';
import type { GroupInfo } from './group-info.ts';
import { GroupStatus } from './group-status.ts';

/** ISO instants (UTC), as they travel in workflow payloads. */
export interface GroupDeadlines {
  /** G4: "Registracijos pabaiga" has passed. */
  registrationClosesAt: string;
  /** G7: "Mokymosi programos vykdymo pradžia" has come. */
  programmeStartsAt: string;
  /**
   * GRP-45: the group still "Vykdoma" becomes "Užbaigta" by itself, and the administrators' reminder
   * a week before (group-completion.ts autoCompletionDeadlines). Set by the workflow once delivery has
   * started (from the end date and the configured grace period) unless given explicitly; absent before.
   */
  autoCompletesAt?: string;
  completionReminderAt?: string;
  /**
   * G9: from this instant "Mokymosi programos vykdymo pabaiga" counts as reached (the provider may set
   * "Užbaigta"). Only given explicitly (an operator, a test); otherwise the end date itself is used.
   */
  programmeEndsAt?: string;
}

/** Vilnius wall-clock time minus UTC at an instant, in milliseconds (+2 h in winter, +3 h in summer). */
function vilniusOffsetMs(epochMs: number): number {
  const w = vilniusWallClock(new Date(epochMs));
  const [y, m, d] = w.date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, Number(w.hour), Number(w.minute), Number(w.second));
  return wall - Math.floor(epochMs / 1000) * 1000;
}

/** The instant at which the Vilnius calendar day `isoDate` begins. */
export function vilniusStartOfDay(isoDate: string): Date {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const wallMidnight = Date.UTC(y, m - 1, d);
  // The offset at midnight is the one a few hours either side of it (Lithuania changes clocks at 03:00/04:00).
  const guess = wallMidnight - vilniusOffsetMs(wallMidnight);
  return new Date(wallMidnight - vilniusOffsetMs(guess));
}

/** The group's deadlines as its dates give them. */
export function groupDeadlines(info: Pick<GroupInfo, 'registrationEnd' | 'programmeStart'>): GroupDeadlines {
  return {
    registrationClosesAt: vilniusStartOfDay(addDays(info.registrationEnd, 1)).toISOString(),
    programmeStartsAt: vilniusStartOfDay(info.programmeStart).toISOString(),
  };
}

/** Deadlines given explicitly (an operator or a test moving them): ISO instants, registration closing first. */
export function checkDeadlines(d: GroupDeadlines): string | null {
  const close = Date.parse(d.registrationClosesAt);
  const start = Date.parse(d.programmeStartsAt);
  if (!Number.isFinite(close) || !Number.isFinite(start)) return 'Terminai turi būti laiko momentai (ISO 8601).';
  if (close > start) return 'Registracija turi baigtis ne vėliau nei prasideda mokymosi programos vykdymas.';
  if (d.programmeEndsAt !== undefined) {
    const ends = Date.parse(d.programmeEndsAt);
    if (!Number.isFinite(ends)) return 'Terminai turi būti laiko momentai (ISO 8601).';
    if (ends < start) return 'Mokymosi programos vykdymas negali baigtis anksčiau nei prasideda.';
  }
  if ((d.autoCompletesAt === undefined) !== (d.completionReminderAt === undefined))
    return 'Automatinio užbaigimo ir priminimo terminai nurodomi kartu.';
  if (d.autoCompletesAt !== undefined && d.completionReminderAt !== undefined) {
    const completes = Date.parse(d.autoCompletesAt);
    const reminder = Date.parse(d.completionReminderAt);
    if (!Number.isFinite(completes) || !Number.isFinite(reminder)) return 'Terminai turi būti laiko momentai (ISO 8601).';
    if (reminder > completes || start > reminder) return 'Priminimas turi būti tarp mokymų pradžios ir automatinio užbaigimo.';
  }
  return null;
}

/** What the group workflow has already done at its deadlines (reset when the group goes back to "Kuriama"). */
export interface DeadlineProgress {
  registrationClosed: boolean;
  programmeStarted: boolean;
  /** GRP-45: the administrators were reminded of the automatic completion (absent before it existed). */
  completionReminded?: boolean;
}

export type DeadlineKind = 'registrationEnd' | 'programmeStart' | 'completionReminder' | 'autoComplete';

/**
 * The next deadline the group waits for in `status`, if any: registration end while "Skelbiama"
 * (G4), delivery start while "Skelbiama" or "Vykdoma" (G7); then, while "Vykdoma" after delivery
 * started and with `autoCompletion` on (the workflow's patch), the administrators' reminder and the
 * automatic "Užbaigta" (GRP-45) once their instants are known. A deadline already handled is not
 * offered again; of two due, the earlier comes first.
 */
export function nextDeadline(
  status: GroupStatus,
  deadlines: GroupDeadlines,
  progress: DeadlineProgress,
  opts: { autoCompletion?: boolean } = {},
): { kind: DeadlineKind; at: number } | null {
  if (status === GroupStatus.Published && !progress.registrationClosed) {
    return { kind: 'registrationEnd', at: Date.parse(deadlines.registrationClosesAt) };
  }
  if ((status === GroupStatus.Published || status === GroupStatus.InDelivery) && !progress.programmeStarted) {
    return { kind: 'programmeStart', at: Date.parse(deadlines.programmeStartsAt) };
  }
  if (status === GroupStatus.InDelivery && opts.autoCompletion && deadlines.autoCompletesAt && deadlines.completionReminderAt) {
    if (!progress.completionReminded) return { kind: 'completionReminder', at: Date.parse(deadlines.completionReminderAt) };
    return { kind: 'autoComplete', at: Date.parse(deadlines.autoCompletesAt) };
  }
  return null;
}

/** What happens when registration ends in "Skelbiama" (G4, GRP-31, GRP-32). */
export function atRegistrationEnd(activeRegistrations: number, minParticipants: number): 'deliver' | 'await-decision' {
  return activeRegistrations >= minParticipants ? 'deliver' : 'await-decision';
}

/** What happens at delivery start (G7, GRP-42): no contract signed by both parties → "Nevykdoma". */
export function atProgrammeStart(status: GroupStatus, signedContracts: number): 'not-delivered' | 'deregister-unsigned' {
  if (status === GroupStatus.Published || signedContracts === 0) return 'not-delivered';
  return 'deregister-unsigned';
}
