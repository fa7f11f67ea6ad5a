// "Ataskaita. Tvarkaraščių informacija" (manual §3.10; REP-1..REP-4, REP-8): GET only — the report is
// computed from Postgres on each request for the acting institution alone (nothing stored, so a
// fixed timetable leaves it at once). Access (Application.TimetableReport) is checked in app.tsx;
// the criteria in the URL are validated here (an unknown rule or status: 400 with the reason, never
// an empty report presented as a result).
import { Hono } from 'hono';
import { loadActiveTimetableRules, timetableReport } from '../../db/queries/timetable-report.ts';
import { Application } from '../../workflows/domain/access.ts';
import { parseTimetableReportCriteria, type TimetableReportCriteria } from '../../workflows/domain/timetable-rules.ts';
import type { AppEnv } from '../context.ts';
import { pageOf } from '../paging.ts';
import { respond } from '../render.tsx';
import { TIMETABLE_REPORT_PATH, TIMETABLE_REPORT_TITLE, TimetableReportPage } from '../views/timetable-report.tsx';

export const timetableReportRoutes = new Hono<AppEnv>();

timetableReportRoutes.get(TIMETABLE_REPORT_PATH, async (c) => {
  const db = c.get('deps').db;
  const institutionId = c.get('acting').institution.id;
  const parsed = parseTimetableReportCriteria(new URL(c.req.url).searchParams);
  const criteria: TimetableReportCriteria = parsed.ok ? parsed.criteria : { rule: null, status: null };
  const report = parsed.ok ? await timetableReport(db, institutionId, criteria) : { rules: await loadActiveTimetableRules(db), rows: [] };
  const page = pageOf(report.rows, c.req.query('puslapis'));
  const view = () => (
    <TimetableReportPage rules={report.rules} criteria={criteria} page={page} criteriaError={parsed.ok ? undefined : parsed.error} />
  );
  return respond(c, { title: TIMETABLE_REPORT_TITLE, app: Application.TimetableReport, status: parsed.ok ? 200 : 400, page: view });
});
