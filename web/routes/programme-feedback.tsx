// "Dalyvių atsiliepimai" of a programme's groups (tab "Grupės", PROG-21, PROG-22): the aggregates of
// the evaluation questionnaires, for groups "Užbaigta" only, with nothing shown below
// MIN_ANSWERS_FOR_AGGREGATE answers (PROG-31, OQ-20). Read from questionnaire_answers, which holds no
// identities; every read is scoped to the acting institution (GEN-5): another's group is not found.
import { Hono } from 'hono';
import { findProgramme } from '../../db/queries/programmes.ts';
import { groupAnswerTotals, groupComments } from '../../db/queries/questionnaire-answers.ts';
import { findGroup } from '../../db/queries/training-groups.ts';
import type { DbOrTx } from '../../db/client.ts';
import { aggregateOfTotals } from '../../workflows/domain/questionnaire.ts';
import type { AppEnv } from '../context.ts';
import { isUuid } from '../forms.ts';
import { respond } from '../render.tsx';
import { feedbackShown, GroupFeedbackPage, type GroupFeedback } from '../views/programme-feedback.tsx';
import { ProgrammeHeader } from '../views/programmes.tsx';

/** PROG-21, PROG-22: the feedback of those of these groups that are "Užbaigta" (the others have none to show). */
export async function feedbackOfGroups(
  db: DbOrTx,
  institutionId: string,
  groups: readonly { id: string; status: string }[],
): Promise<Map<string, GroupFeedback>> {
  const completed = groups.filter((g) => feedbackShown(g.status)).map((g) => g.id);
  const totals = await groupAnswerTotals(db, institutionId, completed);
  const feedback = new Map<string, GroupFeedback>();
  for (const t of totals) feedback.set(t.groupId, { count: t.count, aggregate: aggregateOfTotals(t) });
  return feedback;
}

export const programmeFeedbackRoutes = new Hono<AppEnv>();

programmeFeedbackRoutes.get('/programos/:programmeId/grupes/:groupId/atsiliepimai', async (c) => {
  const { db } = c.get('deps');
  const institutionId = c.get('acting').institution.id;
  const programmeId = c.req.param('programmeId');
  const groupId = c.req.param('groupId');
  if (!isUuid(programmeId) || !isUuid(groupId)) return c.notFound();
  const [programme, group] = await Promise.all([findProgramme(db, institutionId, programmeId), findGroup(db, institutionId, groupId)]);
  if (!programme || !group || group.programme_id !== programme.id) return c.notFound();
  const feedback = (await feedbackOfGroups(db, institutionId, [group])).get(group.id) ?? { count: 0, aggregate: null };
  // Comments only with the aggregate: none below the threshold, none for a group not "Užbaigta" (PROG-31).
  const comments = feedback.aggregate ? await groupComments(db, institutionId, group.id) : [];
  return respond(c, {
    title: `Dalyvių atsiliepimai – ${group.name}`,
    app: 'Institucijos mokymosi programos',
    page: () => (
      <>
        <ProgrammeHeader programme={programme} tab="grupes" />
        <GroupFeedbackPage programme={programme} group={group} feedback={feedback} comments={comments} />
      </>
    ),
  });
});
