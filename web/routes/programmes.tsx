import { Hono, type Context } from 'hono';
import { latestMonitoringByGroup } from '../../db/queries/monitoring-protocols.ts';
import { findProgrammeInfo, saveProgrammeInfo } from '../../db/queries/programme-info.ts';
import { findProgramme, listProgrammeGroupsPage, listProgrammes, type ProgrammeGroupFilter } from '../../db/queries/programmes.ts';
import type { Programme } from '../../db/schema.ts';
import { Application, allows } from '../../workflows/domain/access.ts';
import { isGroupStatus } from '../../workflows/domain/group-status.ts';
import { PROGRAMME_INFO_TAB, validateProgrammeInfo, type ProgrammeInfoInput } from '../../workflows/domain/programme-info.ts';
import type { AppEnv } from '../context.ts';
import { isHtmx, isUuid } from '../forms.ts';
import { fetchPage } from '../paging.ts';
import { respond } from '../render.tsx';
import { ProgrammeInfoTab, type ProgrammeInfoTabProps } from '../views/programme-info.tsx';
import { ProgrammeGeneralInfo, ProgrammeGroupsTab, ProgrammeHeader, ProgrammeList } from '../views/programmes.tsx';
import { feedbackOfGroups } from './programme-feedback.tsx';

const APP = 'Institucijos mokymosi programos';
/** Other panels listening for programme-information changes (HX-Trigger). */
const CHANGED = 'programa-pakeista';

const MESSAGES = {
  fixFields: 'Patikrinkite pažymėtus laukus.',
  saved: `„${PROGRAMME_INFO_TAB}“ išsaugota.`,
  unchanged: `„${PROGRAMME_INFO_TAB}“ nepasikeitė.`,
};

export const programmeRoutes = new Hono<AppEnv>();

type C = Context<AppEnv>;

/** The programme in the URL, only if it belongs to the acting institution (GEN-5). */
async function loadProgramme(c: C): Promise<Programme | undefined> {
  const programmeId = c.req.param('programmeId');
  if (!isUuid(programmeId)) return undefined;
  return findProgramme(c.get('deps').db, c.get('acting').institution.id, programmeId);
}

/** Changing the tab needs 'full' on "Institucijos mokymosi programos"; contract signers and employer representatives only read it. */
function canEdit(c: C): boolean {
  return allows(Application.Programmes, c.get('acting').roles, 'full');
}

programmeRoutes.get('/programos', async (c) => {
  const { db } = c.get('deps');
  const institutionId = c.get('acting').institution.id;
  const programmes = await fetchPage(c.req.query('puslapis'), (slice) => listProgrammes(db, institutionId, slice));
  return respond(c, { title: APP, app: APP, page: () => <ProgrammeList programmes={programmes} /> });
});

/** At most this many characters of a search are used (a longer one is cut, not refused). */
const SEARCH_MAX = 200;

/** Tab "Grupės"'s query: ticked statuses (unknown values ignored) and the search text (PROG-7). */
function groupFilter(c: C): ProgrammeGroupFilter {
  const statuses = [...new Set((c.req.queries('busena') ?? []).filter(isGroupStatus))];
  const search = (c.req.query('paieska') ?? '').trim().replace(/\s+/g, ' ').slice(0, SEARCH_MAX);
  return { statuses, search };
}

async function renderInfoTab(
  c: C,
  programme: Programme,
  props: Omit<ProgrammeInfoTabProps, 'programmeId' | 'canEdit' | 'row'>,
  opts: { status?: 200 | 422; trigger?: boolean } = {},
) {
  const row = await findProgrammeInfo(c.get('deps').db, c.get('acting').institution.id, programme.id);
  const panel = () => <ProgrammeInfoTab programmeId={programme.id} canEdit={canEdit(c)} row={row} {...props} />;
  return respond(c, {
    title: `${PROGRAMME_INFO_TAB} – ${programme.name}`,
    app: APP,
    status: opts.status ?? 200,
    ...(opts.trigger ? { trigger: CHANGED } : {}),
    page: () => (
      <>
        <ProgrammeHeader programme={programme} tab="vykdymas" />
        {panel()}
      </>
    ),
    fragment: panel,
  });
}

programmeRoutes.get('/programos/:programmeId', async (c) => {
  const { db } = c.get('deps');
  const institutionId = c.get('acting').institution.id;
  const programme = await loadProgramme(c);
  if (!programme) return c.notFound();
  const kortele = c.req.query('kortele');
  if (kortele === 'vykdymas') {
    return renderInfoTab(c, programme, { success: c.req.query('pranesimas') === 'issaugota' ? MESSAGES.saved : undefined });
  }
  const tab = kortele === 'bendroji' ? 'bendroji' : 'grupes';
  if (tab === 'bendroji') {
    return respond(c, {
      title: programme.name,
      app: APP,
      page: () => (
        <>
          <ProgrammeHeader programme={programme} tab={tab} />
          <ProgrammeGeneralInfo programme={programme} />
        </>
      ),
    });
  }
  const filter = groupFilter(c);
  const groups = await fetchPage(c.req.query('puslapis'), (slice) =>
    listProgrammeGroupsPage(db, institutionId, programme.id, filter, slice),
  );
  // PROG-21, PROG-22: the questionnaires' aggregates of the groups "Užbaigta" on this page.
  const feedback = await feedbackOfGroups(db, institutionId, groups.items);
  // PROG-23, MON-6: the latest released KPMPC monitoring of the groups on this page.
  const monitoring = await latestMonitoringByGroup(
    db,
    institutionId,
    groups.items.map((g) => g.id),
  );
  const panel = () => (
    <ProgrammeGroupsTab programme={programme} groups={groups} filter={filter} feedback={feedback} monitoring={monitoring} />
  );
  return respond(c, {
    title: programme.name,
    app: APP,
    page: () => (
      <>
        <ProgrammeHeader programme={programme} tab={tab} />
        {panel()}
      </>
    ),
    fragment: panel,
  });
});

/** Tab "Programos vykdymo ir sutarties informacija" (PROG-12..PROG-17): saved with its audit row. */
programmeRoutes.post('/programos/:programmeId/vykdymas', async (c) => {
  const programme = await loadProgramme(c);
  if (!programme) return c.notFound();
  if (!canEdit(c)) return c.text('Neturite teisės keisti šios informacijos.', 403);
  const body = await c.req.parseBody();
  const values: ProgrammeInfoInput = {};
  for (const [key, value] of Object.entries(body)) if (key !== '_csrf' && typeof value === 'string') values[key] = value;
  const checked = validateProgrammeInfo(values);
  if (!checked.ok) return renderInfoTab(c, programme, { values, errors: checked.errors, message: MESSAGES.fixFields }, { status: 422 });
  const acting = c.get('acting');
  const saved = await saveProgrammeInfo(c.get('deps').db, {
    institutionId: acting.institution.id,
    programmeId: programme.id,
    value: checked.value,
    actor: { userId: acting.user?.id ?? null, personalCodeHash: acting.session.personal_code_hash, requestId: c.get('requestId') },
  });
  if (!saved.ok) return c.notFound();
  const changed = saved.created || Object.keys(saved.changes).length > 0;
  const location = `/programos/${programme.id}?kortele=vykdymas&pranesimas=issaugota`;
  if (!isHtmx(c)) return c.redirect(location, 303);
  return renderInfoTab(c, programme, { success: changed ? MESSAGES.saved : MESSAGES.unchanged }, { trigger: changed });
});
