import { Hono } from 'hono';
import { findProgramme, listProgrammes } from '../../db/queries/programmes.ts';
import { listProgrammeGroups } from '../../db/queries/training-groups.ts';
import { isGroupStatus } from '../../workflows/domain/group-status.ts';
import type { AppEnv } from '../context.ts';
import { isUuid } from '../forms.ts';
import { respond } from '../render.tsx';
import { ProgrammeGeneralInfo, ProgrammeGroupsTab, ProgrammeHeader, ProgrammeList } from '../views/programmes.tsx';

const APP = 'Institucijos mokymosi programos';

export const programmeRoutes = new Hono<AppEnv>();

programmeRoutes.get('/programos', async (c) => {
  const programmes = await listProgrammes(c.get('deps').db, c.get('acting').institution.id);
  return respond(c, { title: APP, app: APP, page: () => <ProgrammeList programmes={programmes} /> });
});

programmeRoutes.get('/programos/:programmeId', async (c) => {
  const { db } = c.get('deps');
  const institutionId = c.get('acting').institution.id;
  const programmeId = c.req.param('programmeId');
  const programme = isUuid(programmeId) ? await findProgramme(db, institutionId, programmeId) : undefined;
  if (!programme) return c.notFound();
  const tab = c.req.query('kortele') === 'bendroji' ? 'bendroji' : 'grupes';
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
  const statuses = (c.req.queries('busena') ?? []).filter(isGroupStatus);
  const groups = await listProgrammeGroups(db, institutionId, programme.id, statuses);
  return respond(c, {
    title: programme.name,
    app: APP,
    page: () => (
      <>
        <ProgrammeHeader programme={programme} tab={tab} />
        <ProgrammeGroupsTab programme={programme} groups={groups} statuses={statuses} />
      </>
    ),
  });
});
