// Tab "Tvarkaraštis" of a training group (manual §3.7.2, SCHED-1..SCHED-28). Plain data of the
// group, written by web through db/queries/schedule.ts (one transaction with the group's row
// locked, the audit rows and the participants' e-mails); the group workflow reads it when the
// group is published (GRP-40). Every route: the group of the acting institution or 404 (GEN-5).
import { Hono, type Context } from 'hono';
import { listGroupCompletion, type CompletionTabItem } from '../../db/queries/completion-tab.ts';
import { activeLecturers } from '../../db/queries/lecturers.ts';
import { findProgramme } from '../../db/queries/programmes.ts';
import {
  copySession,
  createSessions,
  deleteSession,
  lastChosenSessionMode,
  listGroupSessions,
  updateSession,
  type ScheduleChangeResult,
  type ScheduleCommand,
  type ScheduleSession,
} from '../../db/queries/schedule.ts';
import { findGroup } from '../../db/queries/training-groups.ts';
import { listVenues } from '../../db/queries/venues.ts';
import type { Programme, TrainingGroupRow, Venue } from '../../db/schema.ts';
import {
  chosenDays,
  contactHoursCounter,
  defaultSessionMode,
  firstAndLast,
  isScheduleEditable,
  plannedMinutes,
  programmeContactMinutes,
  scheduleChangeNotifiesParticipants,
  scheduleReadOnlyMessage,
  validateSessionForm,
  type SessionFieldErrors,
  type SessionFormContext,
  type SessionFormInput,
} from '../../workflows/domain/schedule.ts';
import { scheduleMarkLists } from '../../workflows/domain/completion-tab.ts';
import { scheduleChangedEmail } from '../../workflows/domain/emails.ts';
import { isRemoteVenueName } from '../../workflows/domain/venue.ts';
import { emailDeliveryWorkflowId } from '../../workflows/ids.ts';
import type { emailDeliveryWorkflow } from '../../workflows/email-delivery/workflow.ts';
import { changeActor } from '../change-helpers.ts';
import type { AppEnv } from '../context.ts';
import { formValues, isHtmx, isUuid, newKey } from '../forms.ts';
import { badRequest, respond } from '../render.tsx';
import { GroupHeader } from '../views/group-page.tsx';
import {
  SCHEDULE_CHANGED_EVENT,
  ScheduleCounter,
  SchedulePanel,
  schedulePath,
  type ScheduleDialog,
  type SchedulePanelProps,
} from '../views/group-schedule.tsx';

const APP = 'Institucijos mokymosi programos';
type C = Context<AppEnv>;

export const groupScheduleRoutes = new Hono<AppEnv>();

interface ScheduleContext {
  group: TrainingGroupRow;
  programme: Programme;
  venues: Venue[];
  remoteVenueId: string | null;
  lecturers: { id: string; name: string }[];
  sessions: ScheduleSession[];
  lastMode: string | null;
  /** The group's contracts with their completion marks (SCHED-22, SCHED-28). */
  completion: CompletionTabItem[];
}

/** The group in the URL with what the tab needs, only if it belongs to the acting institution (GEN-5). */
async function load(c: C): Promise<ScheduleContext | undefined> {
  const { db } = c.get('deps');
  const institutionId = c.get('acting').institution.id;
  const id = c.req.param('groupId');
  const group = isUuid(id) ? await findGroup(db, institutionId, id) : undefined;
  if (!group) return undefined;
  const [programme, venues, lecturers, sessions, lastMode, completion] = await Promise.all([
    findProgramme(db, institutionId, group.programme_id),
    listVenues(db, institutionId),
    activeLecturers(db, institutionId),
    listGroupSessions(db, institutionId, group.id),
    lastChosenSessionMode(db, institutionId, group.id),
    listGroupCompletion(db, institutionId, group.id),
  ]);
  if (!programme) return undefined;
  return {
    group,
    programme,
    venues,
    remoteVenueId: venues.find((v) => isRemoteVenueName(v.name))?.id ?? null,
    lecturers: lecturers.map((l) => ({ id: l.id, name: `${l.first_name} ${l.last_name}` })),
    sessions,
    lastMode,
    completion,
  };
}

/** The session in the URL, of this group only. */
function sessionOf(c: C, ctx: ScheduleContext): ScheduleSession | undefined {
  const id = c.req.param('sessionId');
  return isUuid(id) ? ctx.sessions.find((s) => s.id === id) : undefined;
}

function counterOf(ctx: ScheduleContext) {
  return contactHoursCounter(plannedMinutes(ctx.sessions), programmeContactMinutes(ctx.programme.contact_hours));
}

/** Lecturers the form offers: the active ones (SCHED-13), and an edited session's own even if no longer active (LECT-11). */
function lecturerOptions(ctx: ScheduleContext, session?: ScheduleSession) {
  if (!session || ctx.lecturers.some((l) => l.id === session.lecturerId)) return ctx.lecturers;
  return [...ctx.lecturers, { id: session.lecturerId, name: `${session.lecturerName} (neaktyvus)` }];
}

function formContext(ctx: ScheduleContext, session?: ScheduleSession): SessionFormContext {
  return {
    programmeStart: ctx.group.programme_start,
    programmeEnd: ctx.group.programme_end,
    programmeMode: ctx.programme.training_mode,
    venues: ctx.venues,
    remoteVenueId: ctx.remoteVenueId,
    lecturerIds: lecturerOptions(ctx, session).map((l) => l.id),
  };
}

function panelProps(
  ctx: ScheduleContext,
  dialog: ScheduleDialog,
  extra: { success?: string; error?: string; session?: ScheduleSession } = {},
): SchedulePanelProps {
  const { firstId, lastId } = firstAndLast(ctx.sessions);
  return {
    groupId: ctx.group.id,
    status: ctx.group.status,
    editable: isScheduleEditable(ctx.group.status),
    notifies: scheduleChangeNotifiesParticipants(ctx.group.status),
    programmeStart: ctx.group.programme_start,
    programmeEnd: ctx.group.programme_end,
    programmeMode: ctx.programme.training_mode,
    sessions: ctx.sessions,
    firstId,
    lastId,
    markLists: scheduleMarkLists(ctx.completion),
    venues: ctx.venues,
    remoteVenueId: ctx.remoteVenueId,
    lecturers: lecturerOptions(ctx, extra.session),
    dialog,
    success: extra.success,
    error: extra.error,
  };
}

function render(c: C, ctx: ScheduleContext, status: 200 | 404 | 409 | 422 | 503, props: SchedulePanelProps, changed = false) {
  return respond(c, {
    title: ctx.group.name,
    app: APP,
    status,
    ...(changed ? { trigger: SCHEDULE_CHANGED_EVENT } : {}),
    page: () => (
      <>
        <GroupHeader programme={ctx.programme} group={ctx.group} tab="tvarkarastis" />
        <ScheduleCounter groupId={ctx.group.id} counter={counterOf(ctx)} />
        <SchedulePanel {...props} />
      </>
    ),
    fragment: () => <SchedulePanel {...props} />,
  });
}

function readOnly(c: C, ctx: ScheduleContext) {
  return render(c, ctx, 409, panelProps(ctx, { kind: 'none' }, { error: scheduleReadOnlyMessage(ctx.group.status) }));
}

/** A session's fields as the edit form shows them. */
function sessionValues(s: ScheduleSession): SessionFormInput {
  return {
    date: s.date,
    startTime: s.startTime,
    durationMinutes: String(s.durationMinutes),
    mode: s.mode,
    link: s.link ?? '',
    venueId: s.venueId,
    auditorium: s.auditorium ?? '',
    lecturerId: s.lecturerId,
    additionalInfo: s.additionalInfo ?? '',
  };
}

const NOTICES: Record<string, string> = {
  itraukta: 'Užsiėmimai įtraukti į tvarkaraštį.',
  pakeista: 'Užsiėmimas pakeistas.',
  nukopijuota: 'Užsiėmimas nukopijuotas.',
  istrinta: 'Užsiėmimas ištrintas.',
};

// ---- Reading ---------------------------------------------------------------------------------------

groupScheduleRoutes.get('/grupes/:groupId/tvarkarastis', async (c) => {
  const ctx = await load(c);
  if (!ctx) return c.notFound();
  const notice = NOTICES[c.req.query('pranesimas') ?? ''];
  return render(c, ctx, 200, panelProps(ctx, { kind: 'none' }, notice ? { success: notice } : {}));
});

/** The counter alone: htmx reloads it after every change (HX-Trigger). */
groupScheduleRoutes.get('/grupes/:groupId/tvarkarastis/skaitiklis', async (c) => {
  const ctx = await load(c);
  if (!ctx) return c.notFound();
  if (!isHtmx(c)) return c.redirect(schedulePath(ctx.group.id), 303);
  return respond(c, {
    title: ctx.group.name,
    page: () => null,
    fragment: () => <ScheduleCounter groupId={ctx.group.id} counter={counterOf(ctx)} />,
  });
});

/** "Pridėti" (SCHED-2): the form, its mode preset to the last chosen one (SCHED-9). */
groupScheduleRoutes.get('/grupes/:groupId/tvarkarastis/naujas', async (c) => {
  const ctx = await load(c);
  if (!ctx) return c.notFound();
  if (!isScheduleEditable(ctx.group.status)) return readOnly(c, ctx);
  const values: SessionFormInput = { mode: defaultSessionMode(ctx.programme.training_mode, ctx.lastMode) };
  return render(c, ctx, 200, panelProps(ctx, { kind: 'create', values, errors: {}, idempotencyKey: newKey() }));
});

for (const [path, kind] of [
  ['redaguoti', 'edit'],
  ['kopijuoti', 'copy'],
  ['trinti', 'delete'],
] as const) {
  groupScheduleRoutes.get(`/grupes/:groupId/tvarkarastis/:sessionId/${path}`, async (c) => {
    const ctx = await load(c);
    if (!ctx) return c.notFound();
    const session = sessionOf(c, ctx);
    if (!session) return c.notFound();
    if (!isScheduleEditable(ctx.group.status)) return readOnly(c, ctx);
    const idempotencyKey = newKey();
    const dialog: ScheduleDialog =
      kind === 'delete'
        ? { kind, session, idempotencyKey }
        : { kind, session, values: kind === 'edit' ? sessionValues(session) : {}, errors: {}, idempotencyKey };
    return render(c, ctx, 200, panelProps(ctx, dialog, { session }));
  });
}

// ---- Changes ---------------------------------------------------------------------------------------

/** Starts delivery of the e-mails a change queued (N18); the rows stay in the outbox should Temporal be unreachable. */
async function deliver(c: C, key: string, outboxIds: string[]): Promise<void> {
  if (outboxIds.length === 0) return;
  const { temporal, config } = c.get('deps');
  try {
    await temporal.workflow.start<typeof emailDeliveryWorkflow>('emailDeliveryWorkflow', {
      taskQueue: config.temporal.taskQueue,
      workflowId: emailDeliveryWorkflowId(`schedule-${key}`),
      args: [{ outboxIds }],
    });
  } catch (err) {
    console.error(`[${c.get('requestId')}] schedule change e-mails stay queued: ${(err as Error).message}`);
  }
}

function command(c: C, ctx: ScheduleContext, idempotencyKey: string): ScheduleCommand {
  return {
    institutionId: ctx.group.institution_id,
    groupId: ctx.group.id,
    idempotencyKey,
    actor: changeActor(c),
    composeEmail: scheduleChangedEmail,
  };
}

/**
 * The answer to a change: 404 / 409 / 422 (typed values and the key kept) on refusal; after a
 * change, the panel with the notice and HX-Trigger for the counter, or 303 without JavaScript.
 */
async function answer(
  c: C,
  ctx: ScheduleContext,
  result: ScheduleChangeResult,
  key: string,
  notice: keyof typeof NOTICES,
  refused: (errors: SessionFieldErrors) => ScheduleDialog,
) {
  if (!result.ok) {
    if (result.reason === 'not_found') return c.notFound();
    const fresh = (await load(c)) ?? ctx;
    if (result.reason === 'read_only') return readOnly(c, fresh);
    return render(c, fresh, 422, panelProps(fresh, refused(result.errors)));
  }
  await deliver(c, key, result.outboxIds);
  if (!isHtmx(c)) return c.redirect(`${schedulePath(ctx.group.id)}?pranesimas=${notice}`, 303);
  const fresh = (await load(c)) ?? ctx;
  const mailed = result.outboxIds.length > 0 ? ' Užsiregistravusiems asmenims bus išsiųstas pranešimas apie tvarkaraščio pakeitimą.' : '';
  return render(c, fresh, 200, panelProps(fresh, { kind: 'none' }, { success: `${NOTICES[notice]}${mailed}` }), true);
}

const CHECK_FIELDS = 'Patikrinkite pažymėtus laukus.';

/** A change's request: the group (and session) of the URL and the form with its key, or the refusal. */
interface ChangeRequest {
  ctx: ScheduleContext;
  values: SessionFormInput;
  key: string;
}

async function changeRequest(c: C): Promise<ChangeRequest | Response> {
  const ctx = await load(c);
  if (!ctx) return c.notFound();
  const values = await formValues(c);
  const key = values.idempotencyKey;
  if (!isUuid(key)) return badRequest(c);
  return { ctx, values, key };
}

/** The same for a change of one session, which must be of this group and the group's timetable editable. */
async function sessionChangeRequest(c: C): Promise<(ChangeRequest & { session: ScheduleSession }) | Response> {
  const r = await changeRequest(c);
  if (r instanceof Response) return r;
  const session = sessionOf(c, r.ctx);
  if (!session) return c.notFound();
  if (!isScheduleEditable(r.ctx.group.status)) return readOnly(c, r.ctx);
  return { ...r, session };
}

/** "Įtraukti naują užsiėmimą" (SCHED-4, SCHED-15): one session per chosen day. */
groupScheduleRoutes.post('/grupes/:groupId/tvarkarastis', async (c) => {
  const r = await changeRequest(c);
  if (r instanceof Response) return r;
  const { ctx, values, key } = r;
  if (!isScheduleEditable(ctx.group.status)) return readOnly(c, ctx);
  const dialog = (errors: SessionFieldErrors): ScheduleDialog => ({
    kind: 'create',
    values,
    errors,
    idempotencyKey: key,
    message: CHECK_FIELDS,
  });
  const checked = validateSessionForm(values, formContext(ctx));
  if (!checked.ok) return render(c, ctx, 422, panelProps(ctx, dialog(checked.errors)));
  const result = await createSessions(c.get('deps').db, command(c, ctx, key), checked.form.dates, checked.form.value);
  return answer(c, ctx, result, key, 'itraukta', dialog);
});

/** "Redaguoti" (SCHED-19). */
groupScheduleRoutes.post('/grupes/:groupId/tvarkarastis/:sessionId', async (c) => {
  const r = await sessionChangeRequest(c);
  if (r instanceof Response) return r;
  const { ctx, session, values, key } = r;
  const dialog = (errors: SessionFieldErrors): ScheduleDialog => ({
    kind: 'edit',
    session,
    values,
    errors,
    idempotencyKey: key,
    message: CHECK_FIELDS,
  });
  const checked = validateSessionForm({ ...values, dates: undefined }, formContext(ctx, session));
  if (checked.ok && checked.form.dates.length !== 1)
    return render(c, ctx, 422, panelProps(ctx, dialog({ dates: 'Nurodykite vieną užsiėmimo dieną.' }), { session }));
  if (!checked.ok) return render(c, ctx, 422, panelProps(ctx, dialog(checked.errors), { session }));
  const result = await updateSession(c.get('deps').db, command(c, ctx, key), session.id, checked.form.dates[0]!, checked.form.value);
  return answer(c, ctx, result, key, 'pakeista', dialog);
});

/** "Kopijuoti" (SCHED-20): the session on the chosen day(s). */
groupScheduleRoutes.post('/grupes/:groupId/tvarkarastis/:sessionId/kopija', async (c) => {
  const r = await sessionChangeRequest(c);
  if (r instanceof Response) return r;
  const { ctx, session, values, key } = r;
  const dialog = (errors: SessionFieldErrors): ScheduleDialog => ({
    kind: 'copy',
    session,
    values,
    errors,
    idempotencyKey: key,
    message: CHECK_FIELDS,
  });
  const days = chosenDays({ dates: values.dates }, { programmeStart: ctx.group.programme_start, programmeEnd: ctx.group.programme_end });
  if (!days.ok) return render(c, ctx, 422, panelProps(ctx, dialog({ dates: days.error })));
  const result = await copySession(c.get('deps').db, command(c, ctx, key), session.id, days.dates);
  // A copy's conflicts concern its time and lecturer, which the copy form does not show: say so at the days.
  return answer(c, ctx, result, key, 'nukopijuota', (errors) => dialog({ dates: Object.values(errors).join(' ') }));
});

/** "Trinti" (SCHED-21), after the confirmation. */
groupScheduleRoutes.post('/grupes/:groupId/tvarkarastis/:sessionId/trynimas', async (c) => {
  const r = await changeRequest(c);
  if (r instanceof Response) return r;
  const { ctx, key } = r;
  const sessionId = c.req.param('sessionId');
  if (!isUuid(sessionId)) return c.notFound();
  // A session no longer listed may have been deleted by this very form sent before (a replay, answered
  // as done); anything else is not found. The query decides, under the group's lock.
  if (sessionOf(c, ctx) && !isScheduleEditable(ctx.group.status)) return readOnly(c, ctx);
  const result = await deleteSession(c.get('deps').db, command(c, ctx, key), sessionId);
  return answer(c, ctx, result, key, 'istrinta', () => ({ kind: 'none' }));
});
