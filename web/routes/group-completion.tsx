// Tab "Mokymų baigimas" of a training group (manual §3.7.4; DONE-1..DONE-20, L6; issue 13). The page
// reads Postgres (the contracts' completion columns and certificates); each mark is one Update
// recordCompletionMark to the participant's LearningContract workflow, the owner of her completion,
// with the form's key as updateId; ticked rows marked at once are one Update to a CompletionBatch
// workflow (update-with-start), which sends each contract its own. Refusals come from the contract's
// rules (workflows/domain/completion.ts) in Lithuanian, nothing changed. Every route: the group and
// contract of the acting institution, or 404 (GEN-5); marking needs the application's edit right
// (requireApplication in app.tsx: "Institucijos mokymosi programos", POST needs 'full').
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { listGroupCompletion } from '../../db/queries/completion-tab.ts';
import type { TrainingGroupRow } from '../../db/schema.ts';
import { Application, allows } from '../../workflows/domain/access.ts';
import {
  bulkRowMessage,
  COMPLETION_ACTION_DONE,
  COMPLETION_TAB_LABEL,
  completionTabParticipants,
  parseBulkCompletionAction,
  parseCompletionAction,
} from '../../workflows/domain/completion-tab.ts';
import { COMPLETION_MESSAGES } from '../../workflows/domain/completion.ts';
import { GroupStatus } from '../../workflows/domain/group-status.ts';
import { MAX_COMPLETION_BATCH } from '../../workflows/completion-batch/messages.ts';
import { markCompletionBatch, recordCompletionMark } from '../completion-commands.ts';
import type { AppEnv } from '../context.ts';
import { keepsFormKey } from '../errors.ts';
import { formList, formValues, isUuid, newKey } from '../forms.ts';
import { badRequest, respond } from '../render.tsx';
import { commandTarget, loadActingGroup, type ActingGroup as Ctx } from '../route-context.ts';
import { CompletionPanel, completionPath, participantName, type CompletionPanelProps } from '../views/group-completion.tsx';
import { GroupHeader } from '../views/group-page.tsx';

const APP = 'Institucijos mokymosi programos';
type C = Context<AppEnv>;

export const groupCompletionRoutes = new Hono<AppEnv>();

function userId(c: C): string {
  const { user } = c.get('acting');
  // Only institution users hold the rights of this application (§6); a head's session has none.
  if (!user) throw new HTTPException(403, { message: 'no institution user' });
  return user.id;
}

const groupEnded = (g: TrainingGroupRow) => g.status === GroupStatus.Completed;

async function listed(c: C, ctx: Ctx) {
  return completionTabParticipants(await listGroupCompletion(c.get('deps').db, ctx.group.institution_id, ctx.group.id));
}

async function render(c: C, ctx: Ctx, status: 200 | 202 | 404 | 409 | 422 | 503, extra: Partial<CompletionPanelProps> = {}) {
  const ended = groupEnded(ctx.group);
  const props: CompletionPanelProps = {
    groupId: ctx.group.id,
    participants: await listed(c, ctx),
    format: c.get('deps').config.completion.assessmentFormat,
    canMark: !ended && allows(Application.Programmes, c.get('acting').roles, 'full') && c.get('acting').user !== null,
    groupEnded: ended,
    newKey,
    ...extra,
  };
  return respond(c, {
    title: `${ctx.group.name}: ${COMPLETION_TAB_LABEL}`,
    app: APP,
    status,
    page: () => (
      <>
        <GroupHeader programme={ctx.programme} group={ctx.group} tab="baigimas" />
        <CompletionPanel {...props} />
      </>
    ),
    fragment: () => <CompletionPanel {...props} />,
  });
}

const DONE_NOTICE: Record<string, string> = { ...COMPLETION_ACTION_DONE };

groupCompletionRoutes.get('/grupes/:groupId/baigimas', async (c) => {
  const ctx = await loadActingGroup(c);
  if (!ctx) return c.notFound();
  const done = DONE_NOTICE[c.req.query('pranesimas') ?? ''];
  return render(c, ctx, 200, done ? { success: done } : {});
});

/** One participant's mark: "Mokymus pradėjo", "Mokymus baigė", the assessment (saved) or "Patvirtinti". */
groupCompletionRoutes.post('/grupes/:groupId/baigimas/:contractId/zyma', async (c) => {
  const ctx = await loadActingGroup(c);
  if (!ctx) return c.notFound();
  const contractId = c.req.param('contractId');
  // Only a contract of this group that the tab lists (in force: DONE-1, DONE-18).
  const row = isUuid(contractId)
    ? (await listGroupCompletion(c.get('deps').db, ctx.group.institution_id, ctx.group.id)).find((p) => p.contractId === contractId)
    : undefined;
  if (!row) return c.notFound();
  const values = await formValues(c);
  const key = values.idempotencyKey;
  const action = parseCompletionAction(values.action);
  if (!isUuid(key) || !action) return badRequest(c);
  const typedAssessment = typeof values.assessment === 'string' ? values.assessment : '';
  const result = await recordCompletionMark(commandTarget(c), {
    contractId,
    key,
    command: {
      userId: userId(c),
      institutionId: ctx.group.institution_id,
      action,
      ...(action === 'assess' ? { assessment: typedAssessment } : {}),
    },
  });
  if (!result.ok) {
    const fieldError = (result.fieldErrors as Record<string, string | undefined>).assessment;
    return render(c, ctx, result.status, {
      error: result.message,
      noticeFor: contractId,
      // The assessment typed is shown again with its error; after an outage its form keeps the key.
      ...(action === 'assess'
        ? {
            typed: {
              contractId,
              value: typedAssessment,
              error: fieldError ?? result.message,
              idempotencyKey: keepsFormKey(result) ? key : newKey(),
            },
          }
        : {}),
    });
  }
  if (!c.req.header('HX-Request')) return c.redirect(`${completionPath(ctx.group.id)}?pranesimas=${action}#baigimas-${contractId}`, 303);
  return render(c, ctx, 200, { success: `${participantName(row)}: ${COMPLETION_ACTION_DONE[action]}`, noticeFor: contractId });
});

/** "Mokymus pradėjo" / "Mokymus baigė" / "Patvirtinti" for the ticked rows: one command, a result per row. */
groupCompletionRoutes.post('/grupes/:groupId/baigimas/pazymetiems', async (c) => {
  const ctx = await loadActingGroup(c);
  if (!ctx) return c.notFound();
  const values = await formValues(c);
  const key = values.idempotencyKey;
  const action = parseBulkCompletionAction(values.action);
  if (!isUuid(key) || !action) return badRequest(c);
  const ticked = formList(values.contractId);
  if (ticked.length === 0) return render(c, ctx, 422, { error: COMPLETION_MESSAGES.noneTicked });
  if (ticked.length > MAX_COMPLETION_BATCH) return render(c, ctx, 422, { error: 'Pažymėta per daug dalyvių.' });
  // Another group's or institution's contract: 404, nothing sent.
  const all = new Map((await listGroupCompletion(c.get('deps').db, ctx.group.institution_id, ctx.group.id)).map((p) => [p.contractId, p]));
  if (!ticked.every((id) => isUuid(id) && all.has(id))) return c.notFound();
  const result = await markCompletionBatch(commandTarget(c), {
    input: { batchId: key, institutionId: ctx.group.institution_id, groupId: ctx.group.id, userId: userId(c) },
    action,
    contractIds: ticked,
    groupName: ctx.group.name,
  });
  if (!result.ok) {
    return render(c, ctx, result.status, {
      error: result.message,
      ...(keepsFormKey(result) ? { bulkKey: key, ticked } : { ticked }),
    });
  }
  const rows = result.value.map((r) => ({
    contractId: r.contractId,
    name: all.has(r.contractId) ? participantName(all.get(r.contractId)!) : '—',
    ok: r.ok,
    message: bulkRowMessage(action, r.ok, r.message),
  }));
  return render(c, ctx, 200, { bulkResults: { action, rows } });
});
