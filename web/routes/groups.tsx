// Training groups (§3.7, §3.7.1): the new-group form, the group window, and its commands.
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { groupContractOutcomes } from '../../db/queries/group-completion.ts';
import { groupPublishReadinessProblems } from '../../db/queries/schedule.ts';
import { findProgramme } from '../../db/queries/programmes.ts';
import { findGroup, groupInfoFromRow, groupInstitutionId } from '../../db/queries/training-groups.ts';
import { listVenues } from '../../db/queries/venues.ts';
import type { Programme, TrainingGroupRow, Venue } from '../../db/schema.ts';
import { vilniusDate } from '../../workflows/domain/calendar.ts';
import { publishProblems, validateGroupInfo, type FieldErrors, type GroupInfoInput } from '../../workflows/domain/group-info.ts';
import { autoCompletionDeadlines, completionRefusal, summariseOutcomes } from '../../workflows/domain/group-completion.ts';
import {
  checkStatusReason,
  GroupStatus,
  isGroupInfoEditable,
  isGroupStatus,
  providerTransitions,
} from '../../workflows/domain/group-status.ts';
import { programmeAcceptsNewGroups, programmeClosedMessage } from '../../workflows/domain/programme-state.ts';
import type { Actor } from '../../workflows/training-group/messages.ts';
import type { AppEnv } from '../context.ts';
import { formValues, isHtmx, isUuid, newKey } from '../forms.ts';
import { changeGroupStatus, createGroup, saveGroupInfo } from '../group-commands.ts';
import { keepsFormKey } from '../errors.ts';
import { badRequest, respond } from '../render.tsx';
import { GroupInfoForm, groupFormValues } from '../views/group-info.tsx';
import type { GroupCompletionView } from '../views/group-lifecycle.tsx';
import { GroupHeader, GroupInfoPanel, GroupTitle, type GroupInfoPanelProps } from '../views/group-page.tsx';
import { Notice } from '../views/layout.tsx';
import { ProgrammeGeneralInfo } from '../views/programmes.tsx';

const APP = 'Institucijos mokymosi programos';
const CHANGED = 'grupe-pakeista';

export const groupRoutes = new Hono<AppEnv>();

type C = Context<AppEnv>;

function actor(c: C): Actor {
  const { user, institution, session } = c.get('acting');
  // Only institution users hold the rights of this application (§6); a head's session has none.
  if (!user) throw new HTTPException(403, { message: 'no institution user' });
  return { userId: user.id, institutionId: institution.id, requestId: c.get('requestId'), personalCodeHash: session.personal_code_hash };
}

function target(c: C) {
  const { temporal, config } = c.get('deps');
  return { temporal, taskQueue: config.temporal.taskQueue, timeoutMs: config.temporal.commandTimeoutMs };
}

async function loadProgramme(c: C): Promise<{ programme: Programme; venues: Venue[] } | undefined> {
  const { db } = c.get('deps');
  const institutionId = c.get('acting').institution.id;
  const id = c.req.param('programmeId');
  const programme = isUuid(id) ? await findProgramme(db, institutionId, id) : undefined;
  if (!programme) return undefined;
  return { programme, venues: await listVenues(db, institutionId) };
}

interface GroupContext {
  group: TrainingGroupRow;
  programme: Programme;
  venues: Venue[];
  /** Problems outside "Grupės informacija" that block publishing (PROG-19), from Postgres. */
  publishReadiness: string[];
  /** While "Vykdoma": the participants' outcomes (G9) and the automatic completion (GRP-45). */
  completion?: GroupCompletionView;
}

/** The group in the URL, only if it belongs to the acting institution (GEN-5). */
async function loadGroup(c: C): Promise<GroupContext | undefined> {
  const { db } = c.get('deps');
  const institutionId = c.get('acting').institution.id;
  const id = c.req.param('groupId');
  const group = isUuid(id) ? await findGroup(db, institutionId, id) : undefined;
  if (!group) return undefined;
  const { config } = c.get('deps');
  const [programme, venues, publishReadiness, outcomes] = await Promise.all([
    findProgramme(db, institutionId, group.programme_id),
    listVenues(db, institutionId),
    groupPublishReadinessProblems(db, {
      institutionId,
      programmeId: group.programme_id,
      groupId: group.id,
      // What publishing requires (GRP-40): contracts are generated when registration ends (G4).
      contractsOn: group.registration_end,
    }),
    // G9: the outcomes as the group workflow counts them, from the same rows.
    group.status === GroupStatus.InDelivery ? groupContractOutcomes(db, institutionId, group.id).then(summariseOutcomes) : null,
  ]);
  if (!programme) return undefined;
  const graceDays = config.groupAutoCompleteDays;
  const completion = outcomes
    ? { outcomes, graceDays, autoCompletesAt: autoCompletionDeadlines(group.programme_end, graceDays).autoCompletesAt }
    : undefined;
  return { group, programme, venues, publishReadiness, ...(completion ? { completion } : {}) };
}

/** `readiness`: what outside the group's information blocks publishing (GRP-40), as the workflow's groupPublishReadiness finds it. */
function transitionOptions(group: TrainingGroupRow, readiness: readonly string[], completion?: GroupCompletionView) {
  const today = vilniusDate(new Date());
  return providerTransitions(group.status, {
    today,
    programmeStart: group.programme_start,
    programmeEnd: group.programme_end,
    // As the group workflow counted them at its last projection (the workflow re-checks).
    activeRegistrations: group.active_registrations,
    publishProblems: [...publishProblems(groupInfoFromRow(group), today), ...readiness],
    ...(completion ? { outcomes: { missing: completion.outcomes.missing, refusal: completionRefusal(completion.outcomes) } } : {}),
  });
}

/** Whether a submitted copy of the information form differs from what is stored. */
function hasUnsavedEdits(group: TrainingGroupRow, values: GroupInfoInput): boolean {
  if (values.name === undefined) return false; // no information form came along (no JavaScript)
  const stored = groupFormValues(group);
  const norm = (field: string, v: string | string[] | undefined): string => {
    if (Array.isArray(v)) return [...v].sort().join('|');
    const text = (v ?? '').trim();
    if (field !== 'price') return text;
    const amount = Number(text.replace(',', '.'));
    return Number.isFinite(amount) && text !== '' ? amount.toFixed(2) : text;
  };
  return Object.keys(stored).some((f) => norm(f, values[f]) !== norm(f, stored[f]));
}

function references(ctx: { programme: Programme; venues: Venue[] }) {
  return { venueIds: ctx.venues.map((v) => v.id), languages: ctx.programme.languages };
}

// ---- New group ----------------------------------------------------------------------------

function NewGroupPage(props: {
  programme: Programme;
  venues: Venue[];
  values: GroupInfoInput;
  errors: FieldErrors;
  message?: string;
  idempotencyKey: string;
}) {
  const p = props.programme;
  return (
    <>
      <p>
        <a href="/programos">Institucijos mokymosi programos</a> /{' '}
        <a href={`/programos/${p.id}`}>
          {p.code} {p.name}
        </a>{' '}
        /
      </p>
      <h1>Nauja mokymo grupė</h1>
      <h2>Grupės informacija</h2>
      <NewGroupForm {...props} />
    </>
  );
}

function NewGroupForm(props: {
  programme: Programme;
  venues: Venue[];
  values: GroupInfoInput;
  errors: FieldErrors;
  message?: string;
  idempotencyKey: string;
}) {
  return (
    <GroupInfoForm
      action={`/programos/${props.programme.id}/grupes`}
      submitLabel="Sukurti naują mokymo grupę"
      values={props.values}
      errors={props.errors}
      message={props.message}
      idempotencyKey={props.idempotencyKey}
      venues={props.venues}
      programme={props.programme}
      hxTarget="this"
    />
  );
}

/** G1 refused (PROG-30): the programme is suspended or deregistered from NŠPR. */
function programmeClosed(c: C, programme: Programme) {
  const notice = () => <Notice kind="error">{programmeClosedMessage(programme)}</Notice>;
  return respond(c, { title: programme.name, app: APP, status: 409, page: notice, fragment: notice });
}

groupRoutes.get('/programos/:programmeId/grupes/nauja', async (c) => {
  const ctx = await loadProgramme(c);
  if (!ctx) return c.notFound();
  if (!programmeAcceptsNewGroups(ctx.programme)) return programmeClosed(c, ctx.programme);
  const values: GroupInfoInput = { fundingSources: [] };
  return respond(c, {
    title: 'Nauja mokymo grupė',
    app: APP,
    page: () => <NewGroupPage {...ctx} values={values} errors={{}} idempotencyKey={newKey()} />,
  });
});

groupRoutes.post('/programos/:programmeId/grupes', async (c) => {
  const ctx = await loadProgramme(c);
  if (!ctx) return c.notFound();
  if (!programmeAcceptsNewGroups(ctx.programme)) return programmeClosed(c, ctx.programme);
  const values = await formValues(c);
  const groupId = values.idempotencyKey;
  if (!isUuid(groupId)) return badRequest(c);
  // The form key is the new group's id: another institution's group id is refused like a broken key,
  // revealing nothing (GEN-5). The workflow refuses it as well (the actor's institution is checked).
  const owner = await groupInstitutionId(c.get('deps').db, groupId);
  if (owner !== undefined && owner !== c.get('acting').institution.id) return badRequest(c);
  const refuse = (status: 202 | 404 | 409 | 422 | 503, errors: FieldErrors, message: string | undefined, key: string) =>
    respond(c, {
      title: 'Nauja mokymo grupė',
      app: APP,
      status,
      page: () => <NewGroupPage {...ctx} values={values} errors={errors} message={message} idempotencyKey={key} />,
      fragment: () => <NewGroupForm {...ctx} values={values} errors={errors} message={message} idempotencyKey={key} />,
    });
  const checked = validateGroupInfo(values, references(ctx));
  if (!checked.ok) return refuse(422, checked.errors, 'Patikrinkite pažymėtus laukus.', groupId);
  const result = await createGroup(target(c), {
    groupId,
    programme: ctx.programme,
    info: checked.info,
    actor: actor(c),
    institutionName: c.get('acting').institution.name,
  });
  // After a time-out the command may still be done: the same key makes a resubmit harmless.
  if (!result.ok) return refuse(result.status, result.fieldErrors, result.message, keepsFormKey(result) ? groupId : newKey());
  const location = `/grupes/${groupId}?kortele=informacija`;
  if (isHtmx(c)) {
    c.header('HX-Redirect', location);
    return c.body(null, 200);
  }
  return c.redirect(location, 303);
});

// ---- The group window -----------------------------------------------------------------------

function panelProps(ctx: GroupContext, extra: Partial<GroupInfoPanelProps> = {}): GroupInfoPanelProps {
  return {
    ...ctx,
    options: transitionOptions(ctx.group, ctx.publishReadiness, ctx.completion),
    completion: ctx.completion,
    infoKey: newKey(),
    statusKey: newKey(),
    now: new Date(),
    ...extra,
  };
}

function groupPanel(
  c: C,
  ctx: GroupContext,
  status: 200 | 202 | 404 | 409 | 422 | 503,
  extra: Partial<GroupInfoPanelProps> = {},
  trigger?: string,
) {
  const props = panelProps(ctx, extra);
  return respond(c, {
    title: ctx.group.name,
    app: APP,
    status,
    ...(trigger ? { trigger } : {}),
    page: () => (
      <>
        <GroupHeader programme={ctx.programme} group={ctx.group} tab="informacija" />
        <GroupInfoPanel {...props} />
      </>
    ),
    fragment: () => (
      <>
        <GroupInfoPanel {...props} />
        <GroupTitle name={ctx.group.name} outOfBand />
      </>
    ),
  });
}

groupRoutes.get('/grupes/:groupId', async (c) => {
  const ctx = await loadGroup(c);
  if (!ctx) return c.notFound();
  if (c.req.query('kortele') === 'bendroji') {
    return respond(c, {
      title: ctx.group.name,
      app: APP,
      page: () => (
        <>
          <GroupHeader programme={ctx.programme} group={ctx.group} tab="bendroji" />
          <ProgrammeGeneralInfo programme={ctx.programme} />
        </>
      ),
    });
  }
  return groupPanel(c, ctx, 200);
});

groupRoutes.post('/grupes/:groupId/informacija', async (c) => {
  const ctx = await loadGroup(c);
  if (!ctx) return c.notFound();
  const values = await formValues(c);
  const key = values.idempotencyKey;
  if (!isUuid(key)) return badRequest(c);
  const checked = validateGroupInfo(values, references(ctx));
  if (!checked.ok) {
    return groupPanel(c, ctx, 422, { values, errors: checked.errors, infoMessage: 'Patikrinkite pažymėtus laukus.', infoKey: key });
  }
  const result = await saveGroupInfo(target(c), { groupId: ctx.group.id, info: checked.info, actor: actor(c), idempotencyKey: key });
  const fresh = (await loadGroup(c)) ?? ctx;
  if (!result.ok) {
    return groupPanel(c, fresh, result.status, {
      values,
      errors: result.fieldErrors,
      infoMessage: result.message,
      ...(keepsFormKey(result) ? { infoKey: key } : {}),
    });
  }
  if (!isHtmx(c)) return c.redirect(`/grupes/${ctx.group.id}?kortele=informacija`, 303);
  return groupPanel(c, fresh, 200, { success: 'Grupės informacija išsaugota.' }, CHANGED);
});

groupRoutes.post('/grupes/:groupId/busena', async (c) => {
  const ctx = await loadGroup(c);
  if (!ctx) return c.notFound();
  const values = await formValues(c);
  const key = values.statusKey;
  const to = values.to;
  if (!isUuid(key) || !isGroupStatus(to)) return badRequest(c);
  if (isGroupInfoEditable(ctx.group.status) && hasUnsavedEdits(ctx.group, values)) {
    // The status form carries the information form along (hx-include): typed changes are not thrown away.
    return groupPanel(c, ctx, 409, {
      values,
      statusMessage: 'Grupės informacijoje yra neišsaugotų pakeitimų: pirmiausia juos išsaugokite („Išsaugoti“), tada keiskite būseną.',
    });
  }
  // A suspension needs its reason (checked again by the workflow); the typed reason is kept on refusal.
  const typedReason = typeof values.priezastis === 'string' ? values.priezastis : undefined;
  const reason = checkStatusReason(to, typedReason);
  if (!reason.ok) return groupPanel(c, ctx, 422, { statusMessage: reason.message, typedReason, statusKey: key });
  const result = await changeGroupStatus(target(c), {
    groupId: ctx.group.id,
    to,
    actor: actor(c),
    idempotencyKey: key,
    ...(reason.reason ? { reason: reason.reason } : {}),
  });
  const fresh = (await loadGroup(c)) ?? ctx;
  if (!result.ok) {
    return groupPanel(c, fresh, result.status, {
      statusMessage: result.message,
      typedReason,
      ...(keepsFormKey(result) ? { statusKey: key } : {}),
    });
  }
  if (!isHtmx(c)) return c.redirect(`/grupes/${ctx.group.id}?kortele=informacija`, 303);
  return groupPanel(c, fresh, 200, { success: `Grupės būsena pakeista į „${result.value.status}“.` }, CHANGED);
});
