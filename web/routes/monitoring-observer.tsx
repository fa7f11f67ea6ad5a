// The KPMPC observers' pages (MON-2, MON-7, MON-9, MON-10, LECT-12; L7), behind a STEBETOJAS person
// session (VIISP login like the document reviewers'): the group search, a group's timetable and
// lecturers with their evidence documents, a protocol's draft and its release. Observers are KPMPC
// staff: they see every provider's groups that have been published. Saving the first draft starts
// the protocol's workflow (update-with-start); each later action is one Update with the form's key.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { findActiveStaffMember } from '../../db/queries/document-review.ts';
import {
  findObservedGroup,
  findProtocol,
  groupLecturerFile,
  groupLecturers,
  groupProtocols,
  observerProtocols,
  searchGroups,
  type ProtocolItem,
} from '../../db/queries/monitoring-protocols.ts';
import { listGroupSessions } from '../../db/queries/schedule.ts';
import { vilniusDate } from '../../workflows/domain/calendar.ts';
import { attachmentDisposition } from '../../workflows/domain/file-type.ts';
import { checkProtocolForm, editRefusal, releaseRefusal, type ProtocolForm } from '../../workflows/domain/monitoring-protocol.ts';
import { endPersonSession, PERSON_LOGIN_PATHS, requirePerson } from '../auth/person-session.tsx';
import { redirectToGateway } from '../auth/login-flow.tsx';
import type { AppEnv } from '../context.ts';
import { keepsFormKey } from '../errors.ts';
import { isUuid, newKey } from '../forms.ts';
import { releaseProtocol, saveProtocol } from '../monitoring-protocol-commands.ts';
import { Notice } from '../views/layout.tsx';
import {
  NewProtocolPage,
  OBSERVER_HOME,
  ObservedGroupPage,
  ObserverHomePage,
  ObserverLayout,
  ObserverMessage,
  ObserverProtocolPage,
  observerHtml,
  protocolPath,
  type ProtocolFormState,
} from '../views/monitoring-observer.tsx';

type C = Context<AppEnv>;

export const monitoringObserverRoutes = new Hono<AppEnv>();

monitoringObserverRoutes.get('/stebesena/prisijungti', (c) => {
  const session = c.get('personSession');
  if (session?.audience === 'STEBETOJAS') return c.redirect(OBSERVER_HOME, 303);
  const loggedOut = c.req.query('priezastis') === 'atsijungta';
  return observerHtml(
    c,
    <ObserverLayout title="Prisijungti" person={undefined}>
      <h1>KPMPC stebėsena</h1>
      {loggedOut ? <Notice kind="info">Atsijungėte nuo IMP IS.</Notice> : null}
      <p>
        Mokymosi programų įgyvendinimo stebėseną atlieka KPMPC direktoriaus įsakymu patvirtinti atsakingi asmenys (Stebėtojai). Asmens
        tapatybė nustatoma per Valstybės informacinių išteklių sąveikumo platformą (VIISP).
      </p>
      <a role="button" href="/stebesena/prisijungti/viisp">
        Fiziniam asmeniui
      </a>
    </ObserverLayout>,
  );
});

monitoringObserverRoutes.get('/stebesena/prisijungti/viisp', (c) => redirectToGateway(c, 'fizinis', 'STEBETOJAS'));

const OBSERVER_PATHS = ['/stebesena', '/stebesena/grupes/*', '/stebesena/protokolai/*', '/stebesena/atsijungti'];
for (const path of OBSERVER_PATHS) {
  monitoringObserverRoutes.use(
    path,
    bodyLimit({
      maxSize: 64 * 1024,
      onError: (c) =>
        observerHtml(
          c,
          <ObserverMessage title="Per didelė užklausa" message="Siunčiami duomenys per dideli." person={c.get('personSession')} />,
          413,
        ),
    }),
  );
  monitoringObserverRoutes.use(path, requirePerson('STEBETOJAS'));
}

function message(c: C, title: string, text: string, status: 400 | 403 | 404 | 409 | 503) {
  const requestId = status >= 500 ? c.get('requestId') : undefined;
  return observerHtml(c, <ObserverMessage title={title} message={text} person={c.get('personSession')} requestId={requestId} />, status);
}

const NOT_OBSERVER = 'Jūs nesate aktyvus KPMPC stebėtojas.';
const notFound = (c: C, what = 'Puslapis nerastas.') => message(c, 'Nerasta', what, 404);

/** The session's staff member, still an active observer (a deactivated one is refused at once). */
async function observer(c: C) {
  const id = c.get('personSession')?.staff_member_id;
  return id ? findActiveStaffMember(c.get('deps').db, { id, role: 'STEBETOJAS' }) : undefined;
}

function target(c: C) {
  const { temporal, config } = c.get('deps');
  return { temporal, taskQueue: config.temporal.taskQueue, timeoutMs: config.temporal.commandTimeoutMs };
}

const today = () => vilniusDate(new Date());

const NOTICES: Record<string, string> = {
  issaugota: 'Protokolas išsaugotas. Mokymo teikėjas jį matys, kai jį pateiksite.',
  pateikta: 'Protokolas pateiktas mokymo teikėjui.',
};

monitoringObserverRoutes.get(OBSERVER_HOME, async (c) => {
  const staff = await observer(c);
  if (!staff) return message(c, 'Prieiga nesuteikta', NOT_OBSERVER, 403);
  const { db } = c.get('deps');
  const query = (c.req.query('paieska') ?? '').trim();
  const tooShort = query !== '' && query.length < 2;
  const groups = query === '' || tooShort ? null : await searchGroups(db, query.slice(0, 200));
  const own = await observerProtocols(db, staff.id);
  return observerHtml(
    c,
    <ObserverHomePage
      person={c.get('personSession')!}
      query={query}
      groups={groups}
      own={own}
      notice={NOTICES[c.req.query('pranesimas') ?? '']}
      error={tooShort ? 'Įveskite bent 2 simbolius.' : undefined}
    />,
    tooShort ? 400 : 200,
  );
});

async function loadGroup(c: C) {
  const id = c.req.param('groupId');
  return isUuid(id) ? findObservedGroup(c.get('deps').db, id) : undefined;
}

monitoringObserverRoutes.get('/stebesena/grupes/:groupId', async (c) => {
  if (!(await observer(c))) return message(c, 'Prieiga nesuteikta', NOT_OBSERVER, 403);
  const group = await loadGroup(c);
  if (!group) return notFound(c, 'Mokymo grupė nerasta.');
  const { db } = c.get('deps');
  const [sessions, lecturers, protocols] = await Promise.all([
    listGroupSessions(db, group.institutionId, group.id),
    groupLecturers(db, group.institutionId, group.id),
    groupProtocols(db, group.id),
  ]);
  return observerHtml(
    c,
    <ObservedGroupPage person={c.get('personSession')!} group={group} sessions={sessions} lecturers={lecturers} protocols={protocols} />,
  );
});

/** LECT-12: a lecturer's evidence document of the group's timetable, as a download. */
monitoringObserverRoutes.get('/stebesena/grupes/:groupId/failai/:fileId', async (c) => {
  if (!(await observer(c))) return message(c, 'Prieiga nesuteikta', NOT_OBSERVER, 403);
  const groupId = c.req.param('groupId');
  const fileId = c.req.param('fileId');
  const file = isUuid(groupId) && isUuid(fileId) ? await groupLecturerFile(c.get('deps').db, groupId, fileId) : undefined;
  if (!file) return notFound(c, 'Dokumentas nerastas.');
  const body = new Uint8Array(file.content);
  return c.body(body, 200, {
    'Content-Type': file.content_type,
    'Content-Length': String(body.byteLength),
    'Content-Disposition': attachmentDisposition(file.download_name),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'private, no-store',
  });
});

monitoringObserverRoutes.get('/stebesena/grupes/:groupId/protokolai/naujas', async (c) => {
  if (!(await observer(c))) return message(c, 'Prieiga nesuteikta', NOT_OBSERVER, 403);
  const group = await loadGroup(c);
  if (!group) return notFound(c, 'Mokymo grupė nerasta.');
  return observerHtml(
    c,
    <NewProtocolPage person={c.get('personSession')!} group={group} form={{ formKey: newKey(), protocolId: newKey() }} today={today()} />,
  );
});

async function formOf(c: C): Promise<{ key: unknown; protocolId: unknown; values: ProtocolForm }> {
  const body = await c.req.parseBody();
  const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
  return {
    key: body.idempotencyKey,
    protocolId: body.protocolId,
    values: { monitoredOn: text('monitoredOn'), findings: text('findings'), result: text('result'), critical: text('critical') },
  };
}

/** M1: a new protocol (its workflow starts with this save). 422 for bad fields, the form kept. */
monitoringObserverRoutes.post('/stebesena/grupes/:groupId/protokolai', async (c) => {
  const staff = await observer(c);
  if (!staff) return message(c, 'Prieiga nesuteikta', NOT_OBSERVER, 403);
  const group = await loadGroup(c);
  if (!group) return notFound(c, 'Mokymo grupė nerasta.');
  const { key, protocolId, values } = await formOf(c);
  if (!isUuid(key) || !isUuid(protocolId))
    return message(c, 'Neteisinga užklausa', 'Užklausa neteisinga: atnaujinkite puslapį ir bandykite dar kartą.', 400);
  const existing = await findProtocol(c.get('deps').db, protocolId);
  if (existing && existing.protocol.group_id !== group.id)
    return message(c, 'Neteisinga užklausa', 'Užklausa neteisinga: atnaujinkite puslapį ir bandykite dar kartą.', 400);
  const page = (form: ProtocolFormState, status: 200 | 202 | 409 | 422 | 503) =>
    observerHtml(c, <NewProtocolPage person={c.get('personSession')!} group={group} form={form} today={today()} />, status);
  const checked = checkProtocolForm(values, today());
  if (!checked.ok) return page({ formKey: key, protocolId, values, errors: checked.errors }, 422);
  const result = await saveProtocol(target(c), {
    input: { protocolId, groupId: group.id, institutionId: group.institutionId, programmeId: group.programmeId, observerId: staff.id },
    command: { actor: { observerId: staff.id, personKey: staff.person_key, requestId: c.get('requestId') }, content: checked.content },
    idempotencyKey: key,
    describe: { institution: group.institutionName, group: group.name },
  });
  if (!result.ok) {
    if (result.status === 404) return notFound(c, 'Mokymo grupė nerasta.');
    const errors = Object.keys(result.fieldErrors).length > 0 ? (result.fieldErrors as Record<string, string>) : undefined;
    return page(
      { formKey: keepsFormKey(result) ? key : newKey(), protocolId, values, ...(errors ? { errors } : {}), error: result.message },
      result.status,
    );
  }
  return c.redirect(`${protocolPath(protocolId)}?pranesimas=issaugota`, 303);
});

async function loadProtocol(c: C): Promise<ProtocolItem | undefined> {
  const id = c.req.param('protocolId');
  return isUuid(id) ? findProtocol(c.get('deps').db, id) : undefined;
}

function draftValues(item: ProtocolItem): ProtocolFormState['values'] {
  const p = item.protocol;
  return { monitoredOn: p.monitored_on, findings: p.findings, result: p.result, critical: p.critical_deficiencies ? 'taip' : 'ne' };
}

function protocolPage(
  c: C,
  item: ProtocolItem,
  form: Partial<ProtocolFormState>,
  status: 200 | 202 | 404 | 409 | 422 | 503 = 200,
  extra: { notice?: string | undefined; releaseKey?: string } = {},
) {
  return observerHtml(
    c,
    <ObserverProtocolPage
      person={c.get('personSession')!}
      item={item}
      form={{
        formKey: form.formKey ?? newKey(),
        protocolId: item.protocol.id,
        values: form.values ?? draftValues(item),
        ...(form.errors ? { errors: form.errors } : {}),
        error: form.error,
      }}
      releaseKey={extra.releaseKey ?? newKey()}
      today={today()}
      notice={extra.notice}
    />,
    status,
  );
}

monitoringObserverRoutes.get('/stebesena/protokolai/:protocolId', async (c) => {
  if (!(await observer(c))) return message(c, 'Prieiga nesuteikta', NOT_OBSERVER, 403);
  const item = await loadProtocol(c);
  if (!item) return notFound(c, 'Protokolas nerastas.');
  return protocolPage(c, item, {}, 200, { notice: NOTICES[c.req.query('pranesimas') ?? ''] });
});

/** M1 again: the draft's changes; 409 once released (read-only, MON-9). */
monitoringObserverRoutes.post('/stebesena/protokolai/:protocolId', async (c) => {
  const staff = await observer(c);
  if (!staff) return message(c, 'Prieiga nesuteikta', NOT_OBSERVER, 403);
  const item = await loadProtocol(c);
  if (!item) return notFound(c, 'Protokolas nerastas.');
  const { key, values } = await formOf(c);
  if (!isUuid(key)) return message(c, 'Neteisinga užklausa', 'Užklausa neteisinga: atnaujinkite puslapį ir bandykite dar kartą.', 400);
  const refusal = editRefusal(item.protocol.status);
  if (refusal) return protocolPage(c, item, { error: refusal }, 409);
  const checked = checkProtocolForm(values, today());
  if (!checked.ok) return protocolPage(c, item, { formKey: key, values, errors: checked.errors }, 422);
  const p = item.protocol;
  const result = await saveProtocol(target(c), {
    input: {
      protocolId: p.id,
      groupId: p.group_id,
      institutionId: p.institution_id,
      programmeId: p.programme_id,
      observerId: p.observer_id,
    },
    command: { actor: { observerId: staff.id, personKey: staff.person_key, requestId: c.get('requestId') }, content: checked.content },
    idempotencyKey: key,
    describe: { institution: item.institutionName, group: item.groupName },
  });
  if (!result.ok) {
    const now = (await loadProtocol(c)) ?? item;
    const errors = Object.keys(result.fieldErrors).length > 0 ? (result.fieldErrors as Record<string, string>) : undefined;
    return protocolPage(
      c,
      now,
      { formKey: keepsFormKey(result) ? key : newKey(), values, ...(errors ? { errors } : {}), error: result.message },
      result.status === 404 ? 409 : result.status,
    );
  }
  return c.redirect(`${protocolPath(p.id)}?pranesimas=issaugota`, 303);
});

/** M2 (MON-7): the release; 409 when already released. */
monitoringObserverRoutes.post('/stebesena/protokolai/:protocolId/pateikti', async (c) => {
  const staff = await observer(c);
  if (!staff) return message(c, 'Prieiga nesuteikta', NOT_OBSERVER, 403);
  const item = await loadProtocol(c);
  if (!item) return notFound(c, 'Protokolas nerastas.');
  const body = await c.req.parseBody();
  const key = body.idempotencyKey;
  if (!isUuid(key)) return message(c, 'Neteisinga užklausa', 'Užklausa neteisinga: atnaujinkite puslapį ir bandykite dar kartą.', 400);
  const refusal = releaseRefusal(item.protocol.status);
  if (refusal) return protocolPage(c, item, { error: refusal }, 409);
  const result = await releaseProtocol(target(c), {
    protocolId: item.protocol.id,
    idempotencyKey: key,
    command: { actor: { observerId: staff.id, personKey: staff.person_key, requestId: c.get('requestId') } },
  });
  if (!result.ok) {
    const now = (await loadProtocol(c)) ?? item;
    const status = result.status === 404 ? 409 : result.status;
    return protocolPage(c, now, { error: result.message }, status, keepsFormKey(result) ? { releaseKey: key } : {});
  }
  return c.redirect(`${protocolPath(item.protocol.id)}?pranesimas=pateikta`, 303);
});

monitoringObserverRoutes.post('/stebesena/atsijungti', async (c) => {
  await endPersonSession(c, 'atsijungta');
  return c.redirect(`${PERSON_LOGIN_PATHS.STEBETOJAS}?priezastis=atsijungta`, 303);
});
