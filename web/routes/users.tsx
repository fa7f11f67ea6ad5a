// Application "Institucijos naudotojai" (§2, §3.1; USERS-1..USERS-32, L9): the list, the user
// window (new user: the UserInvitation workflow; edits: plain master data with its audit row),
// removal, resending the invitation, and the audit trail page (./audit.tsx). Mounted behind
// requireApplication(Application.Users): administrators and the head only (§6).
import { ApplicationFailure } from '@temporalio/common';
import { Hono, type Context } from 'hono';
import { findInvitation, findLatestInvitationOfUser, cancelInvitation as cancelInvitationRow } from '../../db/queries/invitations.ts';
import {
  findUser,
  findUserEvenRemoved,
  listUsers,
  personIsUser,
  removeUser,
  selectableEmployers,
  updateUser,
  type UserSort,
} from '../../db/queries/users.ts';
import type { InstitutionUser } from '../../db/schema.ts';
import { Application, allows, isRight, type Role } from '../../workflows/domain/access.ts';
import { vilniusDate } from '../../workflows/domain/calendar.ts';
import { formatDeadline } from '../../workflows/domain/date-format.ts';
import {
  LAST_ADMINISTRATOR_MESSAGE,
  validateNewUser,
  validateUserEdit,
  type UserFieldErrors,
  type UserFormInput,
} from '../../workflows/domain/user-form.ts';
import { ErrorCode } from '../../workflows/errors.ts';
import { keepsFormKey } from '../errors.ts';
import type { InvitationActor } from '../../workflows/user-invitation/messages.ts';
import { hashPersonalCode } from '../../worker/crypto.ts';
import type { AppEnv } from '../context.ts';
import { isHtmx, isUuid, newKey } from '../forms.ts';
import { cancelInvitation, inviteUser, resendInvitation } from '../invitation-commands.ts';
import { respond } from '../render.tsx';
import { Notice } from '../views/layout.tsx';
import {
  UserFormPage,
  UserForm,
  UserListSection,
  UsersPage,
  USERS_APP,
  userFormValues,
  type UserFormProps,
  type UserListState,
} from '../views/users.tsx';
import { auditRoutes } from './audit.tsx';
import { redirectAfterChange } from '../change-helpers.ts';

export const userRoutes = new Hono<AppEnv>();

/** Other panels listening for user changes (HX-Trigger). */
const CHANGED = 'naudotojai-pakeista';
const USERS_PAGE_SIZE = 50;

type C = Context<AppEnv>;
type Status = 200 | 202 | 400 | 404 | 409 | 422 | 503;

const MESSAGES = {
  invalidRequest: 'Užklausa neteisinga: atnaujinkite puslapį ir bandykite dar kartą.',
  duplicate: 'Asmuo su šiuo asmens kodu jau yra šios institucijos naudotojas.',
  fixFields: 'Patikrinkite pažymėtus laukus.',
  notInvited: 'Kvietimą iš naujo galima siųsti tik dar nepatvirtintam (pakviestam) naudotojui.',
  noInvitation: 'Šio naudotojo kvietimas nerastas: pašalinkite naudotoją ir įtraukite jį iš naujo.',
};

function actor(c: C): InvitationActor {
  const acting = c.get('acting');
  return {
    userId: acting.user?.id ?? null,
    personalCodeHash: acting.session.personal_code_hash,
    institutionId: acting.institution.id,
    requestId: c.get('requestId'),
  };
}

function invitationTarget(c: C) {
  const { temporal, config } = c.get('deps');
  return { temporal, config };
}

/** The type code of the ApplicationFailure somewhere in an error's cause chain. */
function failureType(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof ApplicationFailure && e.type) return e.type;
  }
  return undefined;
}

function fullName(u: Pick<InstitutionUser, 'first_name' | 'last_name'>): string {
  return `${u.first_name} ${u.last_name}`;
}

/** The form as strings and string lists (the user groups are check boxes). */
async function readForm(c: C): Promise<UserFormInput> {
  const body = await c.req.parseBody({ all: true });
  const values: UserFormInput = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === '_csrf') continue;
    if (Array.isArray(value)) values[key] = value.filter((v): v is string => typeof v === 'string');
    else if (typeof value === 'string') values[key] = value;
  }
  const rights = values.rights;
  values.rights = rights === undefined ? [] : Array.isArray(rights) ? rights : [rights];
  return values;
}

/** The user in the URL, only if they belong to the acting institution and are not removed (GEN-5). */
async function loadUser(c: C): Promise<InstitutionUser | undefined> {
  const id = c.req.param('userId');
  if (!isUuid(id)) return undefined;
  return findUser(c.get('deps').db, c.get('acting').institution.id, id);
}

function badRequest(c: C) {
  return respond(c, {
    title: 'Neteisinga užklausa',
    app: USERS_APP,
    status: 400,
    page: () => <Notice kind="error">{MESSAGES.invalidRequest}</Notice>,
    fragment: () => <Notice kind="error">{MESSAGES.invalidRequest}</Notice>,
  });
}

// ---- The list -----------------------------------------------------------------------------------

const SORTS: Record<string, UserSort> = { vardas: 'name', 'el-pastas': 'email', busena: 'status' };

function listState(query: URLSearchParams): UserListState {
  const page = Number(query.get('puslapis') ?? '1');
  return {
    sort: SORTS[query.get('rikiuoti') ?? 'vardas'] ?? 'name',
    descending: query.get('tvarka') === 'mazejanciai',
    page: Number.isSafeInteger(page) && page >= 1 ? page : 1,
  };
}

/** For htmx row actions: the sorting and page the user is looking at. */
function currentListState(c: C): UserListState {
  const current = c.req.header('HX-Current-URL');
  if (isHtmx(c) && current) {
    try {
      const url = new URL(current);
      if (url.pathname === '/naudotojai') return listState(url.searchParams);
    } catch {
      // not a URL: the default view
    }
  }
  return listState(new URL(c.req.url).searchParams);
}

type ListNotice = { kind: 'success' | 'error' | 'info'; text: string };

async function renderList(c: C, opts: { state: UserListState; notice?: ListNotice | undefined; status?: Status; trigger?: boolean }) {
  const { db } = c.get('deps');
  const acting = c.get('acting');
  const state = { ...opts.state };
  let list = await listUsers(db, acting.institution.id, { ...state, limit: USERS_PAGE_SIZE, offset: (state.page - 1) * USERS_PAGE_SIZE });
  const pageCount = Math.max(1, Math.ceil(list.total / USERS_PAGE_SIZE));
  if (state.page > pageCount) {
    state.page = pageCount;
    list = await listUsers(db, acting.institution.id, { ...state, limit: USERS_PAGE_SIZE, offset: (state.page - 1) * USERS_PAGE_SIZE });
  }
  const props = {
    rows: list.rows,
    total: list.total,
    pageCount,
    state,
    now: new Date(),
    resendKey: newKey,
    notice: opts.notice,
    actingUserId: acting.user?.id ?? null,
  };
  return respond(c, {
    title: USERS_APP,
    app: USERS_APP,
    status: opts.status ?? 200,
    ...(opts.trigger ? { trigger: CHANGED } : {}),
    page: () => <UsersPage {...props} />,
    fragment: () => <UserListSection {...props} />,
  });
}

/** The notice after a redirect: a code and the user it is about, read back from Postgres (no text travels in the URL). */
async function noticeFromQuery(c: C): Promise<ListNotice | undefined> {
  const code = c.req.query('pranesimas');
  const id = c.req.query('naudotojas');
  if (!code || !isUuid(id)) return undefined;
  const user = await findUserEvenRemoved(c.get('deps').db, c.get('acting').institution.id, id);
  if (!user) return undefined;
  switch (code) {
    case 'itrauktas':
      return { kind: 'success', text: `Naudotojas ${fullName(user)} įtrauktas, kvietimas siunčiamas el. paštu ${user.email}.` };
    case 'issaugotas':
      return user.rights.length === 0
        ? {
            kind: 'success',
            text: `Naudotojo ${fullName(user)} duomenys išsaugoti. Naudotojui nesuteikta jokių teisių: jis nebegali dirbti IMP IS, jo sesijos nutrauktos.`,
          }
        : { kind: 'success', text: `Naudotojo ${fullName(user)} duomenys išsaugoti.` };
    case 'pasalintas':
      return { kind: 'success', text: `Naudotojas ${fullName(user)} pašalintas.` };
    case 'kvietimas':
      return {
        kind: 'success',
        text: `Kvietimas naudotojui ${fullName(user)} siunčiamas iš naujo el. paštu ${user.email}. Ankstesnė nuoroda nebegalioja.`,
      };
    default:
      return undefined;
  }
}

userRoutes.get('/naudotojai', async (c) => {
  return renderList(c, { state: listState(new URL(c.req.url).searchParams), notice: await noticeFromQuery(c) });
});

// The audit trail of the institution lives under this application (administrators and the head).
userRoutes.route('/', auditRoutes);

// ---- New user (U1) ------------------------------------------------------------------------------

function formResponse(c: C, props: UserFormProps, status: Status) {
  return respond(c, {
    title: props.mode === 'create' ? 'Naujas naudotojas' : props.user ? fullName(props.user) : USERS_APP,
    app: USERS_APP,
    status,
    page: () => <UserFormPage {...props} />,
    fragment: () => <UserForm {...props} />,
  });
}

userRoutes.get('/naudotojai/naujas', async (c) => {
  const employers = await selectableEmployers(c.get('deps').db, c.get('acting').institution.id);
  return formResponse(
    c,
    { mode: 'create', action: '/naudotojai', values: { rights: [] }, errors: {}, idempotencyKey: newKey(), employers },
    200,
  );
});

userRoutes.post('/naudotojai', async (c) => {
  const { db, config } = c.get('deps');
  const institutionId = c.get('acting').institution.id;
  const values = await readForm(c);
  const key = values.idempotencyKey;
  if (!isUuid(key)) return badRequest(c);
  const done = (userId: string) => redirectAfterChange(c, `/naudotojai?pranesimas=itrauktas&naudotojas=${userId}`);

  // The same form sent again after it was done (a double submit): it was done once; say so again.
  const earlier = await findInvitation(db, key);
  if (earlier) return earlier.institution_id === institutionId ? done(earlier.institution_user_id) : badRequest(c);

  const employers = await selectableEmployers(db, institutionId);
  const refuse = (status: Status, errors: UserFieldErrors, message: string | undefined, nextKey: string) =>
    formResponse(c, { mode: 'create', action: '/naudotojai', values, errors, message, idempotencyKey: nextKey, employers }, status);

  const checked = validateNewUser(values, { employerIds: employers.map((e) => e.id), today: vilniusDate(new Date()) });
  if (!checked.ok) return refuse(422, checked.errors, MESSAGES.fixFields, key);
  const { personalCode, ...fields } = checked.value;
  const personalCodeHash = hashPersonalCode(config.secrets.personalCodePepper, personalCode);
  if (await personIsUser(db, institutionId, personalCodeHash))
    return refuse(422, { personalCode: MESSAGES.duplicate }, MESSAGES.fixFields, key);

  let result: Awaited<ReturnType<typeof inviteUser>>;
  try {
    const institutionName = c.get('acting').institution.name;
    result = await inviteUser(invitationTarget(c), {
      invitationId: key,
      actor: actor(c),
      user: { ...fields, personalCodeHash },
      institutionName,
    });
  } catch (err) {
    // A refusal from the workflow's activity arrives wrapped in an ActivityFailure, which
    // runCommand does not map (yet): the two this form can cause are shown on their fields.
    const type = failureType(err);
    if (type === ErrorCode.DuplicateUser) return refuse(422, { personalCode: MESSAGES.duplicate }, MESSAGES.fixFields, newKey());
    if (type === ErrorCode.InvalidReference)
      return refuse(422, { employerId: 'Pasirinkite darbdavio įstaigą iš sąrašo.' }, MESSAGES.fixFields, newKey());
    throw err;
  }
  if (result.ok) return done(result.value.userId);
  // After a time-out the command may still be done: the same key makes a resubmit harmless.
  if (keepsFormKey(result)) return refuse(result.status, {}, result.message, key);
  // The workflow refused: someone added the same person meanwhile (DuplicateUser), or the employer is no longer theirs.
  if (await personIsUser(db, institutionId, personalCodeHash))
    return refuse(422, { personalCode: MESSAGES.duplicate }, MESSAGES.fixFields, newKey());
  if (result.status === 422) return refuse(422, { employerId: 'Pasirinkite darbdavio įstaigą iš sąrašo.' }, MESSAGES.fixFields, newKey());
  return refuse(result.status, {}, result.message, newKey());
});

// ---- Edit (U4) ----------------------------------------------------------------------------------

userRoutes.get('/naudotojai/:userId/redaguoti', async (c) => {
  const user = await loadUser(c);
  if (!user) return c.notFound();
  const employers = await selectableEmployers(c.get('deps').db, user.institution_id, user.employer_id);
  return formResponse(
    c,
    { mode: 'edit', action: `/naudotojai/${user.id}`, values: userFormValues(user), errors: {}, idempotencyKey: newKey(), employers, user },
    200,
  );
});

userRoutes.post('/naudotojai/:userId', async (c) => {
  const user = await loadUser(c);
  if (!user) return c.notFound();
  const { db } = c.get('deps');
  const acting = c.get('acting');
  const values = await readForm(c);
  const key = values.idempotencyKey;
  if (!isUuid(key)) return badRequest(c);
  const employers = await selectableEmployers(db, user.institution_id, user.employer_id);
  const refuse = (status: Status, errors: UserFieldErrors, message: string) =>
    formResponse(
      c,
      { mode: 'edit', action: `/naudotojai/${user.id}`, values, errors, message, idempotencyKey: key, employers, user },
      status,
    );

  const checked = validateUserEdit(values, { employerIds: employers.map((e) => e.id) });
  if (!checked.ok) return refuse(422, checked.errors, MESSAGES.fixFields);
  const a = actor(c);
  const result = await updateUser(db, { institutionId: acting.institution.id, userId: user.id, value: checked.value, actor: a });
  if (!result.ok) {
    if (result.reason === 'not_found') return c.notFound();
    return refuse(
      409,
      { rights: 'Negalima atimti „Mokymo institucijos administratorius“ teisių iš paskutinio patvirtinto administratoriaus.' },
      LAST_ADMINISTRATOR_MESSAGE,
    );
  }
  if (acting.user?.id === user.id) {
    // Their own rights changed: without any, the session has ended; without this application, the list is closed to them.
    if (checked.value.rights.length === 0) return redirectAfterChange(c, '/prisijungti');
    const roles: Role[] = checked.value.rights.filter(isRight);
    if (!allows(Application.Users, roles, 'view')) return redirectAfterChange(c, '/');
  }
  return redirectAfterChange(c, `/naudotojai?pranesimas=issaugotas&naudotojas=${user.id}`);
});

// ---- Removal (U5) -------------------------------------------------------------------------------

userRoutes.post('/naudotojai/:userId/salinti', async (c) => {
  const id = c.req.param('userId');
  if (!isUuid(id)) return c.notFound();
  const { db } = c.get('deps');
  const acting = c.get('acting');
  const state = currentListState(c);
  const user = await findUserEvenRemoved(db, acting.institution.id, id);
  if (!user) return c.notFound();
  const removed = (trigger: boolean) =>
    isHtmx(c)
      ? renderList(c, { state, notice: { kind: 'success', text: `Naudotojas ${fullName(user)} pašalintas.` }, trigger })
      : redirectAfterChange(c, `/naudotojai?pranesimas=pasalintas&naudotojas=${user.id}`);
  // Pressed twice: it is removed already.
  if (user.status === 'REMOVED') return removed(false);

  const a = actor(c);
  if (user.status === 'INVITED') {
    // The invitation first, so no link or reminder reaches a removed person (the workflow owns it).
    const invitation = await findLatestInvitationOfUser(db, user.id);
    if (invitation && (invitation.status === 'PENDING' || invitation.status === 'EXPIRED')) {
      const cancelled = await cancelInvitation(invitationTarget(c), { invitationId: invitation.id, actor: a });
      if (!cancelled.ok) {
        // No workflow owns it (it ended long ago): nothing else will change the row.
        if (cancelled.status === 404) await cancelInvitationRow(db, invitation.id);
        // Accepted (202): the workflow is cancelling it, so the removal goes on.
        else if (cancelled.status !== 202)
          return renderList(c, { state, notice: { kind: 'error', text: cancelled.message }, status: cancelled.status });
      }
    }
  }
  const result = await removeUser(db, { institutionId: acting.institution.id, userId: user.id, actor: a });
  if (!result.ok) {
    if (result.reason === 'not_found') return removed(false);
    return renderList(c, { state, notice: { kind: 'error', text: LAST_ADMINISTRATOR_MESSAGE }, status: 409 });
  }
  // Removing oneself ends one's own session.
  if (acting.user?.id === user.id) return redirectAfterChange(c, '/prisijungti');
  return removed(true);
});

// ---- Resending the invitation (U2) ---------------------------------------------------------------

userRoutes.post('/naudotojai/:userId/kvietimas', async (c) => {
  const user = await loadUser(c);
  if (!user) return c.notFound();
  const { db } = c.get('deps');
  const state = currentListState(c);
  const values = await readForm(c);
  const key = values.idempotencyKey;
  if (!isUuid(key)) return badRequest(c);
  if (user.status !== 'INVITED') return renderList(c, { state, notice: { kind: 'error', text: MESSAGES.notInvited }, status: 409 });
  const invitation = await findLatestInvitationOfUser(db, user.id);
  if (!invitation) return renderList(c, { state, notice: { kind: 'error', text: MESSAGES.noInvitation }, status: 409 });
  const result = await resendInvitation(invitationTarget(c), { invitationId: invitation.id, actor: actor(c), idempotencyKey: key });
  if (!result.ok)
    return renderList(c, {
      state,
      notice: { kind: result.status === 202 ? 'info' : 'error', text: result.message },
      status: result.status,
    });
  if (!isHtmx(c)) return redirectAfterChange(c, `/naudotojai?pranesimas=kvietimas&naudotojas=${user.id}`);
  return renderList(c, {
    state,
    trigger: true,
    notice: {
      kind: 'success',
      text: `Kvietimas naudotojui ${fullName(user)} siunčiamas iš naujo el. paštu ${user.email}. Nauja nuoroda galioja ${formatDeadline(result.value.expiresAt)}; ankstesnė nuoroda nebegalioja.`,
    },
  });
});
