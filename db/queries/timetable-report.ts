// "Ataskaita. Tvarkaraščių informacija" (manual §3.10; REP-1..REP-4, REP-8): the institution's groups
// whose timetables break an active rule, computed from Postgres each time it is read (nothing is
// stored, so a fixed timetable leaves the report at once). Two set-based queries per report — the
// groups in the statuses checked with their programmes, and the sessions of every group of the
// institution that holds its lecturers (for rules across groups) — plus the operator's rules table;
// the rules themselves are pure (workflows/domain/timetable-rules.ts). Scoped to one institution (REP-8).
// Also the report's CSV/XLSX export source (db/exports/types.ts) and the operator's rule settings.
import { sql } from 'kysely';
import { GroupStatus } from '../../workflows/domain/group-status.ts';
import type { SessionMode } from '../../workflows/domain/schedule.ts';
import {
  activeTimetableRules,
  affectedSessionLabel,
  checkGroupTimetable,
  parseTimetableReportCriteria,
  REPORTED_GROUP_STATUSES,
  sessionsByDate,
  TIMETABLE_RULE_CODES,
  TIMETABLE_RULE_NAMES,
  TimetableRuleCode,
  type ActiveTimetableRule,
  type AffectedSession,
  type GroupTimetableFacts,
  type InstitutionSession,
  type TimetableReportCriteria,
  type TimetableRuleCode as RuleCode,
} from '../../workflows/domain/timetable-rules.ts';
import type { DbOrTx } from '../client.ts';
import { ReportCriteriaError, type ExportColumn, type ExportValue, type ReportExportSource } from '../exports/types.ts';

// ---- The operator's rules (REP-3) ----------------------------------------------------------------

export interface TimetableRuleSetting {
  code: string;
  enabled: boolean;
  params: Record<string, unknown>;
  updatedAt: Date;
  updatedBy: string;
}

export async function listTimetableRuleSettings(db: DbOrTx): Promise<TimetableRuleSetting[]> {
  const rows = await db.selectFrom('timetable_rules').selectAll().orderBy('code').execute();
  const order = (code: string) => {
    const i = (TIMETABLE_RULE_CODES as readonly string[]).indexOf(code);
    return i < 0 ? TIMETABLE_RULE_CODES.length : i;
  };
  return rows
    .map((r) => ({ code: r.code, enabled: r.enabled, params: r.params, updatedAt: r.updated_at, updatedBy: r.updated_by }))
    .sort((a, b) => order(a.code) - order(b.code) || a.code.localeCompare(b.code));
}

/**
 * Writes one rule's setting (the operator's script; the params already validated with the rule's
 * schema). A rule without a row gets one. Returns the setting as stored.
 */
export async function saveTimetableRuleSetting(
  db: DbOrTx,
  code: RuleCode,
  change: { enabled?: boolean; params?: Record<string, unknown> },
  by: string,
): Promise<TimetableRuleSetting> {
  const now = new Date();
  const row = await db
    .insertInto('timetable_rules')
    .values({ code, enabled: change.enabled ?? true, params: change.params ?? {}, updated_at: now, updated_by: by })
    .onConflict((oc) =>
      oc.column('code').doUpdateSet({
        ...(change.enabled !== undefined ? { enabled: change.enabled } : {}),
        ...(change.params !== undefined ? { params: change.params } : {}),
        updated_at: now,
        updated_by: by,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  return { code: row.code, enabled: row.enabled, params: row.params, updatedAt: row.updated_at, updatedBy: row.updated_by };
}

/** The rules the report checks now (enabled, with their parameters). */
export async function loadActiveTimetableRules(db: DbOrTx): Promise<ActiveTimetableRule[]> {
  const rows = await db.selectFrom('timetable_rules').select(['code', 'enabled', 'params']).execute();
  return activeTimetableRules(rows);
}

// ---- The report (REP-2, REP-4) -------------------------------------------------------------------

export interface TimetableReportRow {
  programmeId: string;
  programmeCode: string;
  programmeName: string;
  groupId: string;
  groupName: string;
  groupStatus: GroupStatus;
  rule: RuleCode;
  ruleName: string;
  message: string;
  sessions: AffectedSession[];
}

export interface TimetableReport {
  rules: ActiveTimetableRule[];
  rows: TimetableReportRow[];
}

interface GroupRow {
  group_id: string;
  group_name: string;
  status: GroupStatus;
  programme_start: string;
  programme_end: string;
  programme_id: string;
  programme_code: string;
  programme_name: string;
  contact_hours: string;
  training_mode: string | null;
}

/** The institution's groups in the statuses the report checks, with their programmes, in the report's order. */
async function reportedGroups(db: DbOrTx, institutionId: string): Promise<GroupRow[]> {
  return db
    .selectFrom('training_groups as g')
    .innerJoin('programmes as p', (j) => j.onRef('p.id', '=', 'g.programme_id').onRef('p.institution_id', '=', 'g.institution_id'))
    .where('g.institution_id', '=', institutionId)
    .where('g.status', 'in', REPORTED_GROUP_STATUSES)
    .select([
      'g.id as group_id',
      'g.name as group_name',
      'g.status',
      'g.programme_start',
      'g.programme_end',
      'p.id as programme_id',
      'p.code as programme_code',
      'p.name as programme_name',
      'p.contact_hours',
      'p.training_mode',
    ])
    .orderBy('p.name')
    .orderBy('p.code')
    .orderBy('g.name')
    .orderBy('g.id')
    .execute();
}

/**
 * The sessions the rules read: every session of the checked groups and, for the rule across groups
 * (`acrossGroups`), the sessions of the institution's other groups that hold their lecturers (any
 * status but "Nevykdoma", as the exclusion constraint sees them) from the checked groups' first
 * session day on. One query, driven by the institution's groups (training_groups_programme_list)
 * and each group's sessions (group_sessions_group_date).
 */
async function institutionSessions(db: DbOrTx, institutionId: string, acrossGroups: boolean): Promise<InstitutionSession[]> {
  const reported = sql.join(REPORTED_GROUP_STATUSES.map((s) => sql`${s}`));
  const rows = await sql<{
    id: string;
    group_id: string;
    group_name: string;
    session_date: string;
    start_time: string;
    duration_minutes: number;
    mode: SessionMode;
    venue_id: string;
    venue_name: string;
    lecturer_id: string | null;
    first_name: string | null;
    last_name: string | null;
    email: string | null;
    active: boolean | null;
  }>`
    with first_day as (
      select min(s.session_date) as d
        from training_groups g join group_sessions s on s.group_id = g.id
       where g.institution_id = ${institutionId} and g.status in (${reported})
    )
    select s.id, s.group_id, g.name as group_name, s.session_date, s.start_time, s.duration_minutes, s.mode,
           s.venue_id, v.name as venue_name, l.id as lecturer_id, l.first_name, l.last_name, l.email, l.active
      from training_groups g
      join group_sessions s on s.group_id = g.id and s.institution_id = g.institution_id
      join venues v on v.id = s.venue_id and v.institution_id = s.institution_id
      left join lecturers l on l.id = s.lecturer_id and l.institution_id = s.institution_id
     where g.institution_id = ${institutionId}
       and (g.status in (${reported})
            or (${acrossGroups} and g.status <> ${GroupStatus.NotDelivered} and s.session_date >= (select d from first_day)))
  `.execute(db);
  return rows.rows.map((r) => ({
    id: r.id,
    groupId: r.group_id,
    groupName: r.group_name,
    date: r.session_date,
    startTime: r.start_time.slice(0, 5),
    durationMinutes: r.duration_minutes,
    mode: r.mode,
    venueId: r.venue_id,
    venueName: r.venue_name,
    lecturer:
      r.lecturer_id === null
        ? null
        : {
            id: r.lecturer_id,
            firstName: r.first_name ?? '',
            lastName: r.last_name ?? '',
            email: r.email ?? '',
            active: r.active ?? false,
          },
  }));
}

/**
 * REP-2, REP-4, REP-8: one row per violation of an active rule in a timetable of the institution's
 * groups being created, published or delivered; `criteria` narrows to one rule and/or one status.
 */
export async function timetableReport(
  db: DbOrTx,
  institutionId: string,
  criteria: TimetableReportCriteria = { rule: null, status: null },
): Promise<TimetableReport> {
  const allRules = await loadActiveTimetableRules(db);
  const rules = criteria.rule ? allRules.filter((r) => r.code === criteria.rule) : allRules;
  const acrossGroups = rules.some((r) => r.code === TimetableRuleCode.LecturerTwoPlaces);
  const [groups, sessions] = await Promise.all([reportedGroups(db, institutionId), institutionSessions(db, institutionId, acrossGroups)]);
  const byDate = sessionsByDate(sessions);
  const byGroup = new Map<string, InstitutionSession[]>();
  for (const s of sessions) {
    const list = byGroup.get(s.groupId);
    if (list) list.push(s);
    else byGroup.set(s.groupId, [s]);
  }
  const rows: TimetableReportRow[] = [];
  for (const g of groups) {
    if (criteria.status && g.status !== criteria.status) continue;
    const facts: GroupTimetableFacts = {
      groupId: g.group_id,
      groupName: g.group_name,
      programmeStart: g.programme_start,
      programmeEnd: g.programme_end,
      programmeContactHours: g.contact_hours,
      programmeMode: g.training_mode,
      sessions: byGroup.get(g.group_id) ?? [],
    };
    for (const v of checkGroupTimetable(facts, rules, byDate)) {
      rows.push({
        programmeId: g.programme_id,
        programmeCode: g.programme_code,
        programmeName: g.programme_name,
        groupId: g.group_id,
        groupName: g.group_name,
        groupStatus: g.status,
        rule: v.rule,
        ruleName: TIMETABLE_RULE_NAMES[v.rule],
        message: v.message,
        sessions: v.sessions,
      });
    }
  }
  return { rules: allRules, rows };
}

// ---- Export (CSV / XLSX; db/exports) --------------------------------------------------------------

const EXPORT_COLUMNS: readonly ExportColumn[] = [
  { key: 'programmeCode', header: 'Programos kodas', type: 'text', width: 18 },
  { key: 'programmeName', header: 'Mokymosi programa', type: 'text', width: 40 },
  { key: 'groupName', header: 'Mokymo grupė', type: 'text', width: 30 },
  { key: 'groupStatus', header: 'Grupės būsena', type: 'text', width: 14 },
  { key: 'ruleName', header: 'Taisyklė', type: 'text', width: 45 },
  { key: 'message', header: 'Neatitikimas', type: 'text', width: 70 },
  { key: 'sessionCount', header: 'Užsiėmimų skaičius', type: 'integer', width: 12 },
  { key: 'firstSessionDate', header: 'Pirmojo užsiėmimo data', type: 'date', width: 14 },
  { key: 'sessions', header: 'Užsiėmimai', type: 'text', width: 60 },
];

function criteriaOf(query: string): TimetableReportCriteria {
  const parsed = parseTimetableReportCriteria(new URLSearchParams(query));
  if (!parsed.ok) throw new ReportCriteriaError(parsed.error);
  return parsed.criteria;
}

function exportRow(r: TimetableReportRow): Record<string, ExportValue> {
  const first = r.sessions[0];
  return {
    programmeCode: r.programmeCode,
    programmeName: r.programmeName,
    groupName: r.groupName,
    groupStatus: r.groupStatus,
    ruleName: r.ruleName,
    message: r.message,
    sessionCount: r.sessions.length,
    // 'YYYY-MM-DD': the writers type it as a calendar date.
    firstSessionDate: first ? first.date : null,
    sessions: r.sessions.map(affectedSessionLabel).join('; '),
  };
}

/** The report's rows for "Eksportuoti CSV" / "Eksportuoti XLSX" (a violation report is small: computed at once). */
export const timetableReportExport: ReportExportSource = {
  kind: 'tvarkarasciai',
  fileBaseName: 'tvarkarasciu-ataskaita',
  columns: EXPORT_COLUMNS,
  async count(db, institutionId, query) {
    return (await timetableReport(db, institutionId, criteriaOf(query))).rows.length;
  },
  async *rows(db, institutionId, query) {
    const report = await timetableReport(db, institutionId, criteriaOf(query));
    for (const r of report.rows) yield exportRow(r);
  },
};
