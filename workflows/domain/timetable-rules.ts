// "Ataskaita. Tvarkaraščių informacija" (manual §3.10; REP-1..REP-4, OQ-45): the timetable rules as
// pure functions over one group's facts. The quality assurance procedure the manual refers to does
// not list its rules (OQ-45), so the platform operator configures them (REP-3): each rule has a code,
// a Lithuanian name, a parameter schema (zod) and defaults; the table `timetable_rules` says which are
// on and with which parameters (scripts/timetable-rules.ts). Each rule returns the violations it finds
// with the group's affected sessions. Deterministic, no I/O: db/queries/timetable-report.ts reads the
// facts, web shows the result.
import { z } from 'zod';
import { GroupStatus, isGroupStatus } from './group-status.ts';
import { contactHoursCounter, formatAcademicHours, programmeContactMinutes, SessionMode, timeRange } from './schedule.ts';
import { lithuanianHolidays } from './working-days.ts';

// ---- Which groups (REP-1) ------------------------------------------------------------------------

/**
 * The groups whose timetables the report checks: those whose timetable can still be changed
 * (SCHED-27) — "Kuriama" (REP-1's "kuriamų mokymo grupių"), "Skelbiama" and "Vykdoma". A group
 * that is "Užbaigta", "Nevykdoma" or "Sustabdyta" has a read-only timetable: a row about it could
 * never be fixed, so it is not listed.
 */
export const REPORTED_GROUP_STATUSES: readonly GroupStatus[] = [GroupStatus.Draft, GroupStatus.Published, GroupStatus.InDelivery];

export function isReportedGroupStatus(value: unknown): value is GroupStatus {
  return isGroupStatus(value) && REPORTED_GROUP_STATUSES.includes(value);
}

// ---- The facts a rule reads ----------------------------------------------------------------------

export interface RuleLecturer {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  /** "Aktyvus lektorius" (LECT-4). */
  active: boolean;
}

export interface RuleSession {
  id: string;
  /** 'YYYY-MM-DD'. */
  date: string;
  /** 'HH:MM' (or Postgres's 'HH:MM:SS'). */
  startTime: string;
  durationMinutes: number;
  mode: SessionMode;
  venueId: string;
  venueName: string;
  /** null: no lecturer assigned. */
  lecturer: RuleLecturer | null;
}

/** A session of any of the institution's groups that hold their lecturers (not "Nevykdoma"), for rules across groups. */
export interface InstitutionSession extends RuleSession {
  groupId: string;
  groupName: string;
}

export interface GroupTimetableFacts {
  groupId: string;
  groupName: string;
  /** "Mokymosi programos vykdymo pradžia / pabaiga". */
  programmeStart: string;
  programmeEnd: string;
  /** The programme's "Kontaktinio darbo trukmė valandomis" (numeric text). */
  programmeContactHours: string;
  /** The programme's "Mokymo būdas" (KONTAKTINIS | NUOTOLINIS_SINCHRONINIS | MISRUS), null when unknown. */
  programmeMode: string | null;
  sessions: readonly RuleSession[];
}

/** The institution's sessions by day, built once for every group checked (rules across groups). */
export type SessionsByDate = ReadonlyMap<string, readonly InstitutionSession[]>;

export function sessionsByDate(sessions: readonly InstitutionSession[]): SessionsByDate {
  const map = new Map<string, InstitutionSession[]>();
  for (const s of sessions) {
    const day = map.get(s.date);
    if (day) day.push(s);
    else map.set(s.date, [s]);
  }
  return map;
}

// ---- Results -------------------------------------------------------------------------------------

/** A session as a report row shows it. */
export interface AffectedSession {
  id: string;
  date: string;
  startTime: string;
  durationMinutes: number;
}

export interface TimetableViolation {
  rule: TimetableRuleCode;
  /** What is wrong, in Lithuanian. */
  message: string;
  /** The group's sessions concerned, in time order; empty when the rule is about the whole timetable. */
  sessions: AffectedSession[];
}

interface Finding {
  message: string;
  sessions: readonly RuleSession[];
}

// ---- The rules (REP-3, OQ-45) ---------------------------------------------------------------------

export const TimetableRuleCode = {
  ContactHours: 'CONTACT_HOURS',
  OutsideDeliveryDates: 'OUTSIDE_DELIVERY_DATES',
  PublicHoliday: 'PUBLIC_HOLIDAY',
  DailyAcademicHours: 'DAILY_ACADEMIC_HOURS',
  LecturerMissingOrInactive: 'LECTURER_MISSING_OR_INACTIVE',
  LecturerTwoPlaces: 'LECTURER_TWO_PLACES',
  RemoteInContactGroup: 'REMOTE_IN_CONTACT_GROUP',
} as const;
export type TimetableRuleCode = (typeof TimetableRuleCode)[keyof typeof TimetableRuleCode];

const noParams = z.object({}).strict();
type NoParams = z.infer<typeof noParams>;

const dailyParams = z
  .object({
    maxAcademicHours: z
      .number({ error: 'maxAcademicHours – sveikasis akademinių valandų skaičius nuo 1 iki 16.' })
      .int({ error: 'maxAcademicHours – sveikasis akademinių valandų skaičius nuo 1 iki 16.' })
      .min(1, { error: 'maxAcademicHours – sveikasis akademinių valandų skaičius nuo 1 iki 16.' })
      .max(16, { error: 'maxAcademicHours – sveikasis akademinių valandų skaičius nuo 1 iki 16.' }),
  })
  .strict();

const GAP_MESSAGE = 'minGapMinutes – sveikasis minučių skaičius nuo 0 iki 240.';
const twoPlacesParams = z
  .object({
    /** The least time between a lecturer's sessions at two different (physical) venues on one day. */
    minGapMinutes: z
      .number({ error: GAP_MESSAGE })
      .int({ error: GAP_MESSAGE })
      .min(0, { error: GAP_MESSAGE })
      .max(240, { error: GAP_MESSAGE }),
    /** Also take two lecturer rows with the same first and last name for one person (not only the same e-mail). */
    matchByName: z.boolean({ error: 'matchByName – true arba false.' }),
  })
  .strict();

export type DailyAcademicHoursParams = z.infer<typeof dailyParams>;
export type LecturerTwoPlacesParams = z.infer<typeof twoPlacesParams>;

interface RuleDefinition<P> {
  code: TimetableRuleCode;
  /** The rule as the report names it (Lithuanian). */
  name: string;
  /** The requirement it comes from. */
  requirement: string;
  paramsSchema: z.ZodType<P>;
  defaults: P;
  /** The rule as a sentence with its parameters, for the report's list of checked requirements. */
  describe(params: P): string;
  check(group: GroupTimetableFacts, params: P, institution: SessionsByDate): Finding[];
}

const ACADEMIC_HOUR = 45;

/** Sessions in time order. */
function chronological<T extends { date: string; startTime: string; id: string }>(sessions: readonly T[]): T[] {
  return [...sessions].sort((a, b) => a.date.localeCompare(b.date) || a.startTime.localeCompare(b.startTime) || a.id.localeCompare(b.id));
}

function minutesOfDay(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

function lecturerName(l: RuleLecturer): string {
  return `${l.firstName} ${l.lastName}`.trim();
}

const holidayYears = new Map<number, ReadonlySet<string>>();
function isHoliday(date: string): boolean {
  const year = Number(date.slice(0, 4));
  let set = holidayYears.get(year);
  if (!set) {
    set = new Set(lithuanianHolidays(year));
    holidayYears.set(year, set);
  }
  return set.has(date);
}

const normalise = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('lt');

/**
 * One person behind two lecturer rows: the same row, the same e-mail address (case and spaces
 * aside), or — when the operator asks for it — the same first and last name. "Lektorių sąrašas"
 * keeps no personal code, so e-mail is the strongest identity it has.
 */
export function sameLecturerPerson(a: RuleLecturer, b: RuleLecturer, matchByName: boolean): boolean {
  if (a.id === b.id) return true;
  const ea = normalise(a.email);
  if (ea !== '' && ea === normalise(b.email)) return true;
  return matchByName && normalise(lecturerName(a)) !== '' && normalise(lecturerName(a)) === normalise(lecturerName(b));
}

const contactHours: RuleDefinition<NoParams> = {
  code: TimetableRuleCode.ContactHours,
  name: 'Suplanuotos kontaktinio darbo valandos nesutampa su programoje numatytomis',
  requirement: 'SCHED-16, SCHED-24',
  paramsSchema: noParams,
  defaults: {},
  describe: () => 'Tvarkaraštyje suplanuotos kontaktinio darbo valandos turi sutapti su mokymosi programoje numatytomis.',
  check(group) {
    const planned = group.sessions.reduce((sum, s) => sum + s.durationMinutes, 0);
    const counter = contactHoursCounter(planned, programmeContactMinutes(group.programmeContactHours));
    return counter.warning ? [{ message: counter.warning, sessions: [] }] : [];
  },
};

const outsideDeliveryDates: RuleDefinition<NoParams> = {
  code: TimetableRuleCode.OutsideDeliveryDates,
  name: 'Užsiėmimas ne mokymosi programos vykdymo laikotarpiu',
  requirement: 'SCHED-23',
  paramsSchema: noParams,
  defaults: {},
  describe: () => 'Užsiėmimai vyksta tarp „Mokymosi programos vykdymo pradžia“ ir „Mokymosi programos vykdymo pabaiga“.',
  check(group) {
    const outside = group.sessions.filter((s) => s.date < group.programmeStart || s.date > group.programmeEnd);
    return outside.length === 0
      ? []
      : [
          {
            message: `Užsiėmimai turi vykti mokymosi programos vykdymo laikotarpiu (nuo ${group.programmeStart} iki ${group.programmeEnd}); už jo ribų suplanuotų užsiėmimų: ${outside.length}.`,
            sessions: outside,
          },
        ];
  },
};

const publicHoliday: RuleDefinition<NoParams> = {
  code: TimetableRuleCode.PublicHoliday,
  name: 'Užsiėmimas valstybinės šventės dieną',
  requirement: 'REP-3 (Darbo kodekso 123 str. šventės dienos)',
  paramsSchema: noParams,
  defaults: {},
  describe: () => 'Užsiėmimai neplanuojami Lietuvos valstybinių švenčių dienomis.',
  check(group) {
    const onHolidays = group.sessions.filter((s) => isHoliday(s.date));
    if (onHolidays.length === 0) return [];
    const days = [...new Set(chronological(onHolidays).map((s) => s.date))];
    return [{ message: `Užsiėmimai suplanuoti valstybinių švenčių dienomis: ${days.join(', ')}.`, sessions: onHolidays }];
  },
};

const dailyAcademicHours: RuleDefinition<DailyAcademicHoursParams> = {
  code: TimetableRuleCode.DailyAcademicHours,
  name: 'Per dieną suplanuota per daug akademinių valandų',
  requirement: 'REP-3, SCHED-6',
  paramsSchema: dailyParams,
  defaults: { maxAcademicHours: 8 },
  describe: (p) => `Per vieną dieną grupei suplanuota ne daugiau kaip ${p.maxAcademicHours} akad. val. (po 45 min.).`,
  check(group, params) {
    const byDay = new Map<string, RuleSession[]>();
    for (const s of group.sessions) {
      const day = byDay.get(s.date);
      if (day) day.push(s);
      else byDay.set(s.date, [s]);
    }
    const limit = params.maxAcademicHours * ACADEMIC_HOUR;
    const findings: Finding[] = [];
    for (const [day, sessions] of [...byDay].sort(([a], [b]) => a.localeCompare(b))) {
      const minutes = sessions.reduce((sum, s) => sum + s.durationMinutes, 0);
      if (minutes > limit)
        findings.push({
          message: `${day} suplanuota ${formatAcademicHours(minutes)} akad. val. (${minutes} min.), o per dieną leidžiama ne daugiau kaip ${params.maxAcademicHours} akad. val.`,
          sessions,
        });
    }
    return findings;
  },
};

const lecturerMissingOrInactive: RuleDefinition<NoParams> = {
  code: TimetableRuleCode.LecturerMissingOrInactive,
  name: 'Užsiėmimui nepriskirtas lektorius arba lektorius neaktyvus',
  requirement: 'SCHED-13, LECT-5',
  paramsSchema: noParams,
  defaults: {},
  describe: () => 'Kiekvienam užsiėmimui priskirtas lektorius, pažymėtas „Aktyvus lektorius“.',
  check(group) {
    const findings: Finding[] = [];
    const missing = group.sessions.filter((s) => s.lecturer === null);
    if (missing.length > 0) findings.push({ message: `Užsiėmimams nepriskirtas lektorius (${missing.length}).`, sessions: missing });
    const inactive = new Map<string, { lecturer: RuleLecturer; sessions: RuleSession[] }>();
    for (const s of group.sessions) {
      if (!s.lecturer || s.lecturer.active) continue;
      const entry = inactive.get(s.lecturer.id) ?? { lecturer: s.lecturer, sessions: [] };
      entry.sessions.push(s);
      inactive.set(s.lecturer.id, entry);
    }
    for (const { lecturer, sessions } of [...inactive.values()].sort((a, b) =>
      lecturerName(a.lecturer).localeCompare(lecturerName(b.lecturer), 'lt'),
    )) {
      findings.push({
        message: `Lektorius ${lecturerName(lecturer)} aplikacijoje „Lektorių sąrašas“ nepažymėtas „Aktyvus lektorius“, tačiau jam priskirti užsiėmimai (${sessions.length}).`,
        sessions,
      });
    }
    return findings;
  },
};

const lecturerTwoPlaces: RuleDefinition<LecturerTwoPlacesParams> = {
  code: TimetableRuleCode.LecturerTwoPlaces,
  name: 'Lektorius tuo pačiu metu dviejose vietose',
  requirement: 'SCHED-26',
  paramsSchema: twoPlacesParams,
  defaults: { minGapMinutes: 30, matchByName: false },
  describe: (p) =>
    `Tas pats lektorius (taip pat įtrauktas į aplikaciją „Lektorių sąrašas“ kelis kartus tuo pačiu el. pašto adresu${p.matchByName ? ' arba vardu ir pavarde' : ''}) neveda persidengiančių užsiėmimų jokiose institucijos grupėse${p.minGapMinutes > 0 ? `, o tarp jo užsiėmimų skirtingose mokymo vietose yra ne trumpesnė kaip ${p.minGapMinutes} min. pertrauka` : ''}.`,
  check(group, params, institution) {
    const findings: Finding[] = [];
    const seen = new Set<string>();
    const own = new Set(group.sessions.map((s) => s.id));
    for (const s of chronological(group.sessions)) {
      if (!s.lecturer) continue;
      const sameDay = new Map<string, InstitutionSession>();
      for (const o of institution.get(s.date) ?? []) sameDay.set(o.id, o);
      for (const o of group.sessions)
        if (o.date === s.date && !sameDay.has(o.id)) sameDay.set(o.id, { ...o, groupId: group.groupId, groupName: group.groupName });
      for (const o of sameDay.values()) {
        if (o.id === s.id || !o.lecturer || !sameLecturerPerson(s.lecturer, o.lecturer, params.matchByName)) continue;
        const pair = [s.id, o.id].sort().join('/');
        if (seen.has(pair)) continue;
        const [first, second] = chronological([s, o]);
        const firstEnd = minutesOfDay(first!.startTime) + first!.durationMinutes;
        const secondStart = minutesOfDay(second!.startTime);
        const overlap = secondStart < firstEnd;
        const gap = secondStart - firstEnd;
        const bothOnSite = s.mode === SessionMode.Contact && o.mode === SessionMode.Contact;
        const tooClose = !overlap && bothOnSite && s.venueId !== o.venueId && gap < params.minGapMinutes;
        if (!overlap && !tooClose) continue;
        seen.add(pair);
        const where = o.groupId === group.groupId ? 'šioje grupėje' : `grupėje „${o.groupName}“`;
        const who =
          s.lecturer.id === o.lecturer.id
            ? lecturerName(s.lecturer)
            : `${lecturerName(s.lecturer)} (įtrauktas kelis kartus: ${lecturerName(o.lecturer)})`;
        const other = `${timeRange(o.startTime, o.durationMinutes)} ${where} (${o.venueName})`;
        findings.push({
          message: overlap
            ? `Lektorius ${who} ${s.date} tuo pačiu metu veda du užsiėmimus: ${timeRange(s.startTime, s.durationMinutes)} (${s.venueName}) ir ${other}.`
            : `Lektorius ${who} ${s.date} turi per mažai laiko persikelti iš vienos mokymo vietos į kitą (${gap} min., reikia bent ${params.minGapMinutes} min.): ${timeRange(s.startTime, s.durationMinutes)} (${s.venueName}) ir ${other}.`,
          sessions: own.has(o.id) ? [s, o] : [s],
        });
      }
    }
    return findings;
  },
};

const remoteInContactGroup: RuleDefinition<NoParams> = {
  code: TimetableRuleCode.RemoteInContactGroup,
  name: 'Nuotolinis užsiėmimas kontaktiniu būdu vykdomoje grupėje',
  requirement: 'SCHED-8',
  paramsSchema: noParams,
  defaults: {},
  describe: () => 'Kai programos mokymo būdas „Kontaktinis“, visi užsiėmimai vyksta kontaktiniu būdu.',
  check(group) {
    if (group.programmeMode !== SessionMode.Contact) return [];
    const remote = group.sessions.filter((s) => s.mode === SessionMode.RemoteSynchronous);
    return remote.length === 0
      ? []
      : [
          {
            message: `Programos mokymo būdas – „Kontaktinis“, tačiau nuotoliniu sinchroniniu būdu suplanuotų užsiėmimų: ${remote.length}.`,
            sessions: remote,
          },
        ];
  },
};

// The definitions are heterogeneous in their parameter types; each is only ever called with params its own schema parsed.
type AnyRule = RuleDefinition<Record<string, unknown>>;
const asAny = <P>(r: RuleDefinition<P>) => r as unknown as AnyRule;

/** Every rule, in the order the report lists them. */
const RULES: readonly AnyRule[] = [
  asAny(contactHours),
  asAny(outsideDeliveryDates),
  asAny(publicHoliday),
  asAny(dailyAcademicHours),
  asAny(lecturerMissingOrInactive),
  asAny(lecturerTwoPlaces),
  asAny(remoteInContactGroup),
];

export const TIMETABLE_RULE_CODES: readonly TimetableRuleCode[] = RULES.map((r) => r.code);

export function isTimetableRuleCode(value: unknown): value is TimetableRuleCode {
  return typeof value === 'string' && (TIMETABLE_RULE_CODES as readonly string[]).includes(value);
}

function definition(code: TimetableRuleCode): AnyRule {
  return RULES.find((r) => r.code === code)!;
}

export const TIMETABLE_RULE_NAMES: Readonly<Record<TimetableRuleCode, string>> = Object.fromEntries(
  RULES.map((r) => [r.code, r.name]),
) as Record<TimetableRuleCode, string>;

export function timetableRuleDefaults(code: TimetableRuleCode): Record<string, unknown> {
  return { ...definition(code).defaults };
}

export function timetableRuleRequirement(code: TimetableRuleCode): string {
  return definition(code).requirement;
}

/**
 * The operator's parameters for a rule (scripts/timetable-rules.ts): parsed with the rule's schema
 * over its defaults, so a partial change keeps the other parameters. Unknown keys are refused.
 */
export function parseTimetableRuleParams(
  code: TimetableRuleCode,
  input: unknown,
): { ok: true; params: Record<string, unknown> } | { ok: false; error: string } {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return { ok: false, error: 'Parametrai turi būti JSON objektas.' };
  const rule = definition(code);
  const result = rule.paramsSchema.safeParse({ ...rule.defaults, ...input });
  if (result.success) return { ok: true, params: result.data };
  const issue = result.error.issues[0];
  const message =
    issue?.code === 'unrecognized_keys' ? `Nežinomas parametras: ${issue.keys.join(', ')}.` : (issue?.message ?? 'Neteisingi parametrai.');
  return { ok: false, error: `Taisyklė ${code}: ${message}` };
}

/** A rule as stored in `timetable_rules` (null: no row). */
export interface StoredTimetableRule {
  code: string;
  enabled: boolean;
  params: unknown;
}

/** A rule the report checks now, with its parameters. */
export interface ActiveTimetableRule {
  code: TimetableRuleCode;
  name: string;
  description: string;
  params: Record<string, unknown>;
}

/**
 * The rules to check, from the operator's table: each known rule that is enabled, with its stored
 * parameters. A rule without a row (added to the code before its migration ran) is checked with its
 * defaults, so no rule is ever off by omission; stored parameters the schema no longer accepts fall
 * back to the defaults, likewise. Rows of unknown codes are ignored.
 */
export function activeTimetableRules(stored: readonly StoredTimetableRule[]): ActiveTimetableRule[] {
  const rows = new Map(stored.map((r) => [r.code, r]));
  const active: ActiveTimetableRule[] = [];
  for (const rule of RULES) {
    const row = rows.get(rule.code);
    if (row && !row.enabled) continue;
    const parsed = row ? parseTimetableRuleParams(rule.code, row.params ?? {}) : null;
    const params = parsed?.ok ? parsed.params : { ...rule.defaults };
    active.push({ code: rule.code, name: rule.name, description: rule.describe(params), params });
  }
  return active;
}

/** REP-2, REP-4: every violation of the active rules in one group's timetable, in rule order. */
export function checkGroupTimetable(
  group: GroupTimetableFacts,
  rules: readonly ActiveTimetableRule[],
  institution: SessionsByDate = new Map(),
): TimetableViolation[] {
  const violations: TimetableViolation[] = [];
  for (const active of rules) {
    for (const f of definition(active.code).check(group, active.params, institution)) {
      violations.push({
        rule: active.code,
        message: f.message,
        sessions: chronological(f.sessions).map((s) => ({
          id: s.id,
          date: s.date,
          startTime: s.startTime.slice(0, 5),
          durationMinutes: s.durationMinutes,
        })),
      });
    }
  }
  return violations;
}

/** "2026-12-24 09:00–12:00" for a report row's session. */
export function affectedSessionLabel(s: AffectedSession): string {
  return `${s.date} ${timeRange(s.startTime, s.durationMinutes)}`;
}

// ---- The report's criteria (URL query string) ----------------------------------------------------

export interface TimetableReportCriteria {
  /** "Taisyklė": only this rule's rows. */
  rule: TimetableRuleCode | null;
  /** "Grupės būsena": only groups in this status (one of REPORTED_GROUP_STATUSES). */
  status: GroupStatus | null;
}

export const TIMETABLE_REPORT_PARAMS = { rule: 'taisykle', status: 'busena' } as const;

/**
 * The criteria in the page's query string (`taisykle`, `busena`; empty = all). Anything else the
 * query carries (the page number, an export's format) is left to its reader.
 */
export function parseTimetableReportCriteria(
  query: URLSearchParams,
): { ok: true; criteria: TimetableReportCriteria } | { ok: false; error: string } {
  const rule = (query.get(TIMETABLE_REPORT_PARAMS.rule) ?? '').trim();
  const status = (query.get(TIMETABLE_REPORT_PARAMS.status) ?? '').trim();
  if (rule !== '' && !isTimetableRuleCode(rule)) return { ok: false, error: 'Neteisingi paieškos kriterijai: nežinoma taisyklė.' };
  if (status !== '' && !isReportedGroupStatus(status))
    return {
      ok: false,
      error: `Neteisingi paieškos kriterijai: grupės būsena turi būti viena iš: ${REPORTED_GROUP_STATUSES.map((s) => `„${s}“`).join(', ')}.`,
    };
  return {
    ok: true,
    criteria: { rule: rule === '' ? null : (rule as TimetableRuleCode), status: status === '' ? null : (status as GroupStatus) },
  };
}

/** The criteria as a query string ('' when none), for links and the export buttons. */
export function timetableReportQuery(criteria: TimetableReportCriteria): string {
  const q = new URLSearchParams();
  if (criteria.rule) q.set(TIMETABLE_REPORT_PARAMS.rule, criteria.rule);
  if (criteria.status) q.set(TIMETABLE_REPORT_PARAMS.status, criteria.status);
  return q.toString();
}
