// Tab "Tvarkaraštis" of a training group (manual §3.7.2; SCHED-1..SCHED-28) as pure rules: academic
// hours, a session's fields and their validation, the contact-hours counter, overlaps, which
// statuses allow changes, and the first / last session. Deterministic, no I/O: web shows with it
// what is allowed, db/queries/schedule.ts decides with it under the group's lock.
import { z } from 'zod';
import { addDays, isIsoDate } from './calendar.ts';
import { COMMON_FIELD_MESSAGES, optionalText, tooLong } from './field-rules.ts';
import { GroupStatus } from './group-status.ts';
import { TRAINING_MODES, type TrainingMode } from './licensed-programme.ts';

// ---- Academic hours (SCHED-6, SCHED-24, OQ-28) ---------------------------------------------------

/** SCHED-6: one academic hour is 45 minutes. */
const ACADEMIC_HOUR_MINUTES = 45;

/** Academic hours shown with two decimals, Lithuanian style: 60 min → "1,33" (OQ-28). */
export function formatAcademicHours(minutes: number): string {
  return (minutes / ACADEMIC_HOUR_MINUTES).toFixed(2).replace('.', ',');
}

/**
 * The programme's "Kontaktinio darbo trukmė valandomis" (numeric text, e.g. '40.00') in minutes,
 * the unit every comparison uses (SCHED-24). Computed in hundredths of an hour so no binary
 * fraction creeps in; a programme whose hours are not a whole number of minutes (e.g. 0,01 h) is
 * rounded to the nearest minute, as no timetable could plan a fraction of one.
 */
export function programmeContactMinutes(contactHours: string | number): number {
  const hundredths = Math.round(Number(contactHours) * 100);
  if (!Number.isFinite(hundredths) || hundredths < 0) return 0;
  return Math.round((hundredths * ACADEMIC_HOUR_MINUTES) / 100);
}

// ---- The counter (SCHED-16..SCHED-18) ------------------------------------------------------------

export const COUNTER_LABEL = 'Suplanuota kontaktinio darbo valandų / Programoje numatyta kontaktinio darbo valandų';

export interface ContactHoursCounter {
  planned: string;
  required: string;
  /** 'short': not every contact hour is planned (SCHED-18); 'over': more than the programme's. */
  state: 'short' | 'exact' | 'over';
  /** The warning the screen shows, naming the difference; null when exact. */
  warning: string | null;
}

export function contactHoursCounter(plannedMinutes: number, requiredMinutes: number): ContactHoursCounter {
  const planned = formatAcademicHours(plannedMinutes);
  const required = formatAcademicHours(requiredMinutes);
  if (plannedMinutes < requiredMinutes) {
    const missing = formatAcademicHours(requiredMinutes - plannedMinutes);
    return {
      planned,
      required,
      state: 'short',
      warning: `Tvarkaraštyje būtina suplanuoti visas mokymosi programoje numatytas kontaktinio darbo valandas: suplanuota ${planned} iš ${required}, trūksta ${missing} akad. val. (${requiredMinutes - plannedMinutes} min.).`,
    };
  }
  if (plannedMinutes > requiredMinutes) {
    const extra = formatAcademicHours(plannedMinutes - requiredMinutes);
    return {
      planned,
      required,
      state: 'over',
      warning: `Tvarkaraštyje suplanuota daugiau kontaktinio darbo valandų, nei numatyta mokymosi programoje: suplanuota ${planned} iš ${required}, ${extra} akad. val. (${plannedMinutes - requiredMinutes} min.) per daug.`,
    };
  }
  return { planned, required, state: 'exact', warning: null };
}

/**
 * GRP-40, SCHED-16, SCHED-24: what in the timetable blocks publishing ("Skelbiama"). The planned
 * minutes must equal the programme's contact hours × 45 exactly; short and over are both refused.
 */
export function schedulePublishProblem(plannedMinutes: number, requiredMinutes: number): string | null {
  const counter = contactHoursCounter(plannedMinutes, requiredMinutes);
  return counter.warning ? `Kortelė „Tvarkaraštis“. ${counter.warning}` : null;
}

// ---- Modes (SCHED-8, SCHED-9, OQ-27) -------------------------------------------------------------

export const SessionMode = { Contact: 'KONTAKTINIS', RemoteSynchronous: 'NUOTOLINIS_SINCHRONINIS' } as const;
export type SessionMode = (typeof SessionMode)[keyof typeof SessionMode];
export const SESSION_MODES: readonly SessionMode[] = [SessionMode.Contact, SessionMode.RemoteSynchronous];
export const SESSION_MODE_LABELS: Record<SessionMode, string> = {
  KONTAKTINIS: TRAINING_MODES.KONTAKTINIS,
  NUOTOLINIS_SINCHRONINIS: TRAINING_MODES.NUOTOLINIS_SINCHRONINIS,
};

function isSessionMode(value: unknown): value is SessionMode {
  return typeof value === 'string' && (SESSION_MODES as readonly string[]).includes(value);
}

/**
 * SCHED-8: the session modes a programme's "Mokymo būdas" allows. "Mišrus": either. A programme
 * whose mode is not known (null: NŠPR programmes do not carry it yet) is treated like "Mišrus",
 * both modes offered, so that no timetable is blocked by missing registry data; once the mode is
 * filled, the rule narrows by itself.
 */
export function allowedSessionModes(programmeMode: string | null): SessionMode[] {
  if (programmeMode === SessionMode.Contact || programmeMode === SessionMode.RemoteSynchronous) return [programmeMode];
  return [...SESSION_MODES];
}

/** The field "Užsiėmimo būdas" is a choice only when more than one mode is allowed ("Mišrus"). */
export function isModeChoosable(programmeMode: string | null): boolean {
  return allowedSessionModes(programmeMode).length > 1;
}

/**
 * SCHED-9 / OQ-27: the last chosen value becomes the default for new sessions — the mode of the
 * group's most recently created or changed session, when the programme still allows it.
 */
export function defaultSessionMode(programmeMode: string | null, lastChosen: string | null): SessionMode {
  const allowed = allowedSessionModes(programmeMode);
  return isSessionMode(lastChosen) && allowed.includes(lastChosen) ? lastChosen : allowed[0]!;
}

export function programmeModeLabel(programmeMode: string | null): string | null {
  return programmeMode && programmeMode in TRAINING_MODES ? TRAINING_MODES[programmeMode as TrainingMode] : null;
}

// ---- Statuses (SCHED-27, OQ-29) ------------------------------------------------------------------

/** SCHED-27: the timetable is changed in "Kuriama", "Skelbiama" and "Vykdoma"; read-only otherwise. */
export function isScheduleEditable(status: string): boolean {
  return status === GroupStatus.Draft || status === GroupStatus.Published || status === GroupStatus.InDelivery;
}

/** SCHED-27, N18: after publication every change is e-mailed to the registered participants. */
export function scheduleChangeNotifiesParticipants(status: string): boolean {
  return status === GroupStatus.Published || status === GroupStatus.InDelivery;
}

export function scheduleReadOnlyMessage(status: string): string {
  return `Tvarkaraščio keisti negalima, kai grupės būsena yra „${status}“.`;
}

// ---- A session and its form (SCHED-3..SCHED-15, SCHED-23, SCHED-25) ------------------------------

export const SESSION_FIELD_LABELS = {
  dates: 'Pradžia',
  startTime: 'Užsiėmimų laikas',
  durationMinutes: 'Trukmė',
  mode: 'Užsiėmimo būdas',
  link: 'Užsiėmimo nuoroda',
  venueId: 'Užsiėmimo vieta',
  auditorium: 'Auditorija',
  lecturerId: 'Lektorius',
  additionalInfo: 'Papildoma informacija',
} as const;
export type SessionField = keyof typeof SESSION_FIELD_LABELS;
export type SessionFieldErrors = Partial<Record<SessionField, string>>;

/** A session is at most 12 hours (16 academic hours) long and ends by midnight (breaks are separate sessions, SCHED-7). */
const MAX_SESSION_MINUTES = 720;
/** How many days one "Įtraukti naują užsiėmimą" may create at once. */
const MAX_DAYS_AT_ONCE = 100;

/** The fields of one session, as stored (start time 'HH:MM'). */
export interface SessionValue {
  startTime: string;
  durationMinutes: number;
  mode: SessionMode;
  link: string | null;
  venueId: string;
  auditorium: string | null;
  lecturerId: string;
  additionalInfo: string | null;
}

/** A validated form: the chosen days and the fields every session of them gets (SCHED-4). */
interface SessionForm {
  dates: string[];
  value: SessionValue;
}

export interface SessionFormContext {
  programmeStart: string;
  programmeEnd: string;
  programmeMode: string | null;
  /** The institution's "Mokymo vietos" (SCHED-11). */
  venues: readonly { id: string; name: string }[];
  /** The id of "Nuotolinis mokymas" among them (VENUE-4), if the institution has it. */
  remoteVenueId: string | null;
  /** Lecturers that may be chosen: the active ones (SCHED-13), plus the session's own when editing (LECT-11). */
  lecturerIds: readonly string[];
}

export type SessionFormInput = Record<string, string | string[] | undefined>;

export const SESSION_MESSAGES = {
  ...COMMON_FIELD_MESSAGES,
  noDates: 'Pasirinkite bent vieną užsiėmimo dieną.',
  tooManyDays: `Vienu kartu galima pasirinkti ne daugiau kaip ${MAX_DAYS_AT_ONCE} dienų.`,
  badDate: 'Neteisinga data.',
  time: 'Nurodykite užsiėmimo pradžios laiką formatu VV:MM (pvz., 18:00).',
  duration: `Trukmė nurodoma sveikuoju minučių skaičiumi nuo 1 iki ${MAX_SESSION_MINUTES}.`,
  pastMidnight: 'Užsiėmimas turi baigtis tą pačią dieną (iki 24:00); kitą dieną kurkite atskirą užsiėmimą.',
  mode: 'Pasirinkite užsiėmimo būdą.',
  linkRequired: 'Nuotoliniam sinchroniniam užsiėmimui būtina nurodyti prisijungimo nuorodą.',
  link: 'Nuoroda turi būti saugi interneto nuoroda, prasidedanti https:// (pvz., https://meet.example.lt/kambarys).',
  venueRequired: 'Kontaktiniam užsiėmimui pasirinkite mokymo vietą iš aplikacijos „Mokymo vietos“.',
  venueNotRemote: 'Kontaktinio užsiėmimo vieta negali būti „Nuotolinis mokymas“.',
  venueUnknown: 'Pasirinkite mokymo vietą iš aplikacijos „Mokymo vietos“.',
  remoteVenueMissing: 'Nuotoliniams užsiėmimams aplikacijoje „Mokymo vietos“ turi būti mokymo vieta „Nuotolinis mokymas“.',
  remoteVenueOnly: 'Nuotolinio sinchroninio užsiėmimo vieta – „Nuotolinis mokymas“.',
  lecturer: 'Pasirinkite lektorių, pažymėtą „Aktyvus lektorius“ aplikacijoje „Lektorių sąrašas“.',
} as const;

/** SCHED-23: every session day lies within the programme's delivery period. */
function dateOutsideProgrammeMessage(start: string, end: string): string {
  return `Užsiėmimo diena turi būti mokymosi programos vykdymo laikotarpiu: nuo ${start} iki ${end}.`;
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** 'HH:MM' (or Postgres's 'HH:MM:SS') as minutes after midnight; null when not a time. */
function minutesOfDay(time: string): number | null {
  const m = TIME.exec(time.slice(0, 5));
  return m && (time.length === 5 || /^:\d{2}$/.test(time.slice(5))) ? Number(m[1]) * 60 + Number(m[2]) : null;
}

function formatTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** "18:00–21:00" for a start time and a duration. */
export function timeRange(startTime: string, durationMinutes: number): string {
  const start = minutesOfDay(startTime) ?? 0;
  return `${formatTime(start)}–${formatTime(start + durationMinutes)}`;
}

function first(input: SessionFormInput, key: string): string {
  const v = input[key];
  return (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();
}

function list(input: SessionFormInput, key: string): string[] {
  const v = input[key];
  return (v === undefined ? [] : Array.isArray(v) ? v : [v]).map((s) => s.trim()).filter((s) => s !== '');
}

const linkSchema = z
  .string()
  .trim()
  .max(500, { error: tooLong(500) })
  .refine(
    (s) => {
      if (s === '') return true;
      try {
        const url = new URL(s);
        return url.protocol === 'https:' && url.hostname.includes('.') && !/\s/.test(s);
      } catch {
        return false;
      }
    },
    { error: SESSION_MESSAGES.link },
  )
  .transform((s) => (s === '' ? null : s));

function check<T>(schema: z.ZodType<T>, value: unknown, errors: SessionFieldErrors, field: SessionField): T | undefined {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  errors[field] = result.error.issues[0]?.message ?? SESSION_MESSAGES.required;
  return undefined;
}

/**
 * The days chosen in "Pradžia" (several check boxes, `dates`, SCHED-4) or the one day of an edited
 * session (`date`), sorted and without repeats; each a real date within the programme's delivery
 * period (SCHED-23). Also what "Kopijuoti" checks.
 */
export function chosenDays(
  input: SessionFormInput,
  period: { programmeStart: string; programmeEnd: string },
): { ok: true; dates: string[] } | { ok: false; error: string } {
  const dates = [...new Set([...list(input, 'dates'), ...list(input, 'date')])].sort();
  if (dates.length === 0) return { ok: false, error: SESSION_MESSAGES.noDates };
  if (dates.length > MAX_DAYS_AT_ONCE) return { ok: false, error: SESSION_MESSAGES.tooManyDays };
  if (dates.some((d) => !isIsoDate(d))) return { ok: false, error: SESSION_MESSAGES.badDate };
  if (dates.some((d) => d < period.programmeStart || d > period.programmeEnd)) {
    return { ok: false, error: dateOutsideProgrammeMessage(period.programmeStart, period.programmeEnd) };
  }
  return { ok: true, dates };
}

/**
 * Validates the session form: several days at once (field `dates`, SCHED-4) or one (`date`, when
 * editing), and the fields each session gets. Remote synchronous needs an https link and takes the
 * venue "Nuotolinis mokymas"; a contact session needs a venue of "Mokymo vietos" (SCHED-25).
 */
export function validateSessionForm(
  input: SessionFormInput,
  ctx: SessionFormContext,
): { ok: true; form: SessionForm } | { ok: false; errors: SessionFieldErrors } {
  const errors: SessionFieldErrors = {};

  const days = chosenDays(input, ctx);
  const raw = days.ok ? days.dates : [];
  if (!days.ok) errors.dates = days.error;

  const timeText = first(input, 'startTime');
  const start = minutesOfDay(timeText);
  if (timeText === '') errors.startTime = SESSION_MESSAGES.required;
  else if (start === null) errors.startTime = SESSION_MESSAGES.time;

  const durationText = first(input, 'durationMinutes');
  const duration = /^\d{1,4}$/.test(durationText) ? Number(durationText) : NaN;
  if (durationText === '') errors.durationMinutes = SESSION_MESSAGES.required;
  else if (!Number.isInteger(duration) || duration < 1 || duration > MAX_SESSION_MINUTES)
    errors.durationMinutes = SESSION_MESSAGES.duration;
  else if (start !== null && start + duration > 24 * 60) errors.durationMinutes = SESSION_MESSAGES.pastMidnight;

  const allowed = allowedSessionModes(ctx.programmeMode);
  const modeText = first(input, 'mode');
  // A single allowed mode is the session's mode whatever was sent (the field is not offered).
  const mode: SessionMode | undefined =
    allowed.length === 1 ? allowed[0] : isSessionMode(modeText) && allowed.includes(modeText) ? modeText : undefined;
  if (!mode) errors.mode = SESSION_MESSAGES.mode;

  const link = check(linkSchema, first(input, 'link'), errors, 'link');
  if (mode === SessionMode.RemoteSynchronous && link === null && !errors.link) errors.link = SESSION_MESSAGES.linkRequired;

  const venueText = first(input, 'venueId');
  const venue = ctx.venues.find((v) => v.id === venueText);
  let venueId: string | undefined;
  if (venueText !== '' && !venue) errors.venueId = SESSION_MESSAGES.venueUnknown;
  else if (mode === SessionMode.RemoteSynchronous) {
    // VENUE-4: a remote session takes "Nuotolinis mokymas"; another physical venue is a mistake to point out.
    if (!ctx.remoteVenueId) errors.venueId = SESSION_MESSAGES.remoteVenueMissing;
    else if (venue && venue.id !== ctx.remoteVenueId) errors.venueId = SESSION_MESSAGES.remoteVenueOnly;
    else venueId = ctx.remoteVenueId;
  } else if (mode === SessionMode.Contact) {
    if (!venue) errors.venueId = SESSION_MESSAGES.venueRequired;
    else if (venue.id === ctx.remoteVenueId) errors.venueId = SESSION_MESSAGES.venueNotRemote;
    else venueId = venue.id;
  }

  const auditorium = check(optionalText(100), first(input, 'auditorium'), errors, 'auditorium');
  const additionalInfo = check(optionalText(2000), first(input, 'additionalInfo'), errors, 'additionalInfo');

  const lecturerId = first(input, 'lecturerId');
  if (lecturerId === '') errors.lecturerId = SESSION_MESSAGES.required;
  else if (!ctx.lecturerIds.includes(lecturerId)) errors.lecturerId = SESSION_MESSAGES.lecturer;

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    form: {
      dates: raw,
      value: {
        startTime: formatTime(start!),
        durationMinutes: duration,
        mode: mode!,
        link: link ?? null,
        venueId: venueId!,
        auditorium: auditorium ?? null,
        lecturerId,
        additionalInfo: additionalInfo ?? null,
      },
    },
  };
}

/** The days a checkbox calendar offers: every day of the delivery period (SCHED-3, SCHED-23). */
export function programmeDays(programmeStart: string, programmeEnd: string, max = 800): string[] {
  const days: string[] = [];
  for (let d = programmeStart; d <= programmeEnd && days.length < max; d = addDays(d, 1)) days.push(d);
  return days;
}

// ---- Overlaps (SCHED-26) -------------------------------------------------------------------------

export interface TimedSession {
  id: string;
  date: string;
  startTime: string;
  durationMinutes: number;
}

/** Half-open intervals on the same day: a session ending at 10:30 and one starting at 10:30 do not overlap. */
export function sessionsOverlap(a: Omit<TimedSession, 'id'>, b: Omit<TimedSession, 'id'>): boolean {
  if (a.date !== b.date) return false;
  const as = minutesOfDay(a.startTime) ?? 0;
  const bs = minutesOfDay(b.startTime) ?? 0;
  return as < bs + b.durationMinutes && bs < as + a.durationMinutes;
}

/** Of `others`, those overlapping any candidate (a session being changed is left out by its id). */
export function overlapping<T extends TimedSession>(
  candidates: readonly Omit<TimedSession, 'id'>[],
  others: readonly T[],
  exceptId: string | null = null,
): T[] {
  return others.filter((o) => o.id !== exceptId && candidates.some((c) => sessionsOverlap(c, o)));
}

export function groupOverlapMessage(o: TimedSession): string {
  return `Šios grupės užsiėmimai negali persidengti: ${o.date} ${timeRange(o.startTime, o.durationMinutes)} jau suplanuotas kitas užsiėmimas.`;
}

export function lecturerBusyMessage(o: TimedSession & { groupName: string }): string {
  return `Lektorius tuo metu jau veda užsiėmimą grupėje „${o.groupName}“ (${o.date} ${timeRange(o.startTime, o.durationMinutes)}).`;
}

// ---- First and last session (SCHED-22, OQ-57) ----------------------------------------------------

/** The sessions in time order. */
function chronological<T extends Omit<TimedSession, 'id'>>(sessions: readonly T[]): T[] {
  return [...sessions].sort((a, b) => a.date.localeCompare(b.date) || (minutesOfDay(a.startTime) ?? 0) - (minutesOfDay(b.startTime) ?? 0));
}

/**
 * SCHED-22: "Mokymus pradėjo" is recorded at the first session, "Mokymus baigė" at the last (the
 * first / last delivery day, OQ-57). One session is both.
 */
export function firstAndLast(sessions: readonly TimedSession[]): { firstId: string | null; lastId: string | null } {
  const ordered = chronological(sessions);
  return { firstId: ordered[0]?.id ?? null, lastId: ordered.at(-1)?.id ?? null };
}

/** The sum of the sessions' durations (every session is contact work: SCHED-16, SCHED-24). */
export function plannedMinutes(sessions: readonly { durationMinutes: number }[]): number {
  return sessions.reduce((sum, s) => sum + s.durationMinutes, 0);
}
