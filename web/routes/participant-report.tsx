// "Ataskaita. Dalyvių informacija" (manual §3.11; REP-5..REP-8): one GET route serves the page and,
// for htmx, the report region. The criteria come from the URL (REP-7), validated against the acting
// institution's own programmes and groups (another institution's id is an unknown value: 422 with the
// form kept, never an empty report presented as a result); every query is scoped to the institution
// (REP-8). The application's access (Administrator, Employee) is checked in app.tsx.
import { Hono } from 'hono';
import { participantCounts, participantPage, registrationsOverTime, reportChoices } from '../../db/queries/participant-report.ts';
import { Application } from '../../workflows/domain/access.ts';
import { criteriaQuery, parseCriteria, rawCriteria } from '../../workflows/domain/participant-report.ts';
import type { AppEnv } from '../context.ts';
import { fetchPage } from '../paging.ts';
import { respond } from '../render.tsx';
import {
  PARTICIPANT_REPORT_PATH,
  ParticipantReportPage,
  ParticipantReportRegion,
  type ParticipantReportView,
} from '../views/participant-report.tsx';

const APP = Application.ParticipantReport;
const TITLE = 'Ataskaita. Dalyvių informacija';

/** The breakdown a first opening (no criteria at all) shows: by registration status. */
const FIRST_OPENING_QUERY = 'pjuvis=registracijos_busena';

export const participantReportRoutes = new Hono<AppEnv>();

participantReportRoutes.get(PARTICIPANT_REPORT_PATH, async (c) => {
  const db = c.get('deps').db;
  const institutionId = c.get('acting').institution.id;
  const params = new URL(c.req.url).searchParams;
  const criteriaParams = new URLSearchParams([...params].filter(([k]) => k !== 'puslapis'));
  const query = criteriaParams.size === 0 ? new URLSearchParams(FIRST_OPENING_QUERY) : criteriaParams;
  const choices = await reportChoices(db, institutionId);
  const parsed = parseCriteria(query, {
    programmeIds: new Set(choices.programmes.map((p) => p.id)),
    groupIds: new Set(choices.groups.map((g) => g.id)),
  });
  let view: ParticipantReportView;
  if (!parsed.ok) {
    view = { choices, raw: parsed.raw, errors: parsed.errors, query: null, counts: null, overTime: null, page: null };
  } else {
    const { criteria } = parsed;
    // The counts give the total, so the page reads only its own rows.
    const countsAndPage = participantCounts(db, institutionId, criteria).then(async (counts) => ({
      counts,
      page: await fetchPage(params.get('puslapis') ?? undefined, (slice) =>
        participantPage(db, institutionId, criteria, slice, counts.total),
      ),
    }));
    const [{ counts, page }, overTime] = await Promise.all([countsAndPage, registrationsOverTime(db, institutionId, criteria)]);
    const canonical = criteriaQuery(criteria);
    view = { choices, raw: rawCriteria(canonical), errors: {}, query: canonical, counts, overTime, page };
  }
  return respond(c, {
    title: TITLE,
    app: APP,
    status: parsed.ok ? 200 : 422,
    page: () => <ParticipantReportPage {...view} />,
    fragment: () => <ParticipantReportRegion {...view} />,
  });
});
