// Sessions (ASVS V3): a random token in a __Host- cookie, only its hash in Postgres; a new session
// at every login; idle timeout 30 min and absolute 12 h; revocation at logout, removal of the user
// or of their last right. CSRF: a per-session token every state-changing request must carry.
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { activeMemberships, findInstitution } from '../../db/queries/identity.ts';
import { findLiveSession, insertSession, revokeSession, touchSession, type NewSession } from '../../db/queries/sessions.ts';
import type { Session } from '../../db/schema.ts';
import { allows, HEAD, isRight, type Application, type Role } from '../../workflows/domain/access.ts';
import type { AppEnv } from '../context.ts';
import { isHtmx } from '../forms.ts';
import { MessagePage } from '../views/messages.tsx';
import { clearCookie, readCookie, SESSION_COOKIE, writeCookie } from './cookies.ts';
import { randomToken, safeEqual, sha256 } from '../../worker/crypto.ts';

export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
/** last_seen_at is written at most this often (not on every request). */
const TOUCH_INTERVAL_MS = 60 * 1000;

type C = Context<AppEnv>;

/** Starts a new session (a new ID: any session the browser had is revoked) and sets its cookie. */
export async function startSession(c: C, s: Omit<NewSession, 'tokenHash' | 'csrfToken' | 'expiresAt'>): Promise<Session> {
  const { db } = c.get('deps');
  const previous = c.get('session');
  if (previous) await revokeSession(db, previous.id, 'naujas prisijungimas');
  const token = randomToken();
  const session = await insertSession(db, {
    ...s,
    tokenHash: sha256(token),
    csrfToken: randomToken(),
    expiresAt: new Date(Date.now() + ABSOLUTE_TIMEOUT_MS),
  });
  writeCookie(c, SESSION_COOKIE, token, ABSOLUTE_TIMEOUT_MS / 1000);
  c.set('session', session);
  return session;
}

export async function endSession(c: C, reason: string): Promise<void> {
  const session = c.get('session');
  if (session) await revokeSession(c.get('deps').db, session.id, reason);
  clearCookie(c, SESSION_COOKIE);
  c.set('session', undefined);
}

/** Reads the session cookie on every request; an idle session is revoked here. */
export const loadSession = createMiddleware<AppEnv>(async (c, next) => {
  c.set('session', undefined);
  c.set('sessionEnded', false);
  const token = readCookie(c, SESSION_COOKIE);
  if (token) {
    const { db } = c.get('deps');
    const now = new Date();
    const session = await findLiveSession(db, sha256(token), now);
    if (!session) {
      c.set('sessionEnded', true);
    } else if (now.getTime() - session.last_seen_at.getTime() > IDLE_TIMEOUT_MS) {
      await revokeSession(db, session.id, 'neveiklumas');
      c.set('sessionEnded', true);
    } else {
      if (now.getTime() - session.last_seen_at.getTime() > TOUCH_INTERVAL_MS) await touchSession(db, session.id, now);
      c.set('session', session);
    }
  }
  await next();
});

function toLogin(c: C, reason?: string) {
  if (c.req.method === 'GET' && !isHtmx(c)) return c.redirect(reason ? `/prisijungti?priezastis=${reason}` : '/prisijungti', 303);
  if (isHtmx(c)) c.header('HX-Redirect', reason ? `/prisijungti?priezastis=${reason}` : '/prisijungti');
  return c.html(<MessagePage title="Reikia prisijungti" message="Jūsų sesija baigėsi arba neprisijungėte. Prisijunkite iš naujo." />, 401);
}

/** Application routes: a session past consent and institution choice, with the acting user's roles. */
export const requireActiveSession = createMiddleware<AppEnv>(async (c, next) => {
  const session = c.get('session');
  if (!session) return toLogin(c, c.get('sessionEnded') ? 'baigesi' : undefined);
  if (session.stage === 'CONSENT') return c.redirect('/sutikimas', 303);
  if (session.stage === 'CHOOSE_INSTITUTION') return c.redirect('/pasirinkti-institucija', 303);
  const { db } = c.get('deps');
  const institution = session.institution_id ? await findInstitution(db, session.institution_id) : undefined;
  const memberships = await activeMemberships(db, session.personal_code_hash);
  const membership = memberships.find((m) => m.user.id === session.institution_user_id);
  const roles: Role[] = session.is_head ? [HEAD] : (membership?.user.rights.filter(isRight) ?? []);
  const headOfIt = session.is_head && institution?.head_personal_code_hash === session.personal_code_hash;
  if (!institution || (session.is_head ? !headOfIt : !membership) || roles.length === 0) {
    // Removed, no rights left, or no longer the head: the session ends (USERS-31).
    await endSession(c, 'teisės panaikintos');
    return toLogin(c, 'teises');
  }
  c.set('acting', { session, institution, user: membership?.user ?? null, roles, membershipCount: memberships.length });
  await next();
});

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Every state-changing request of a session carries its CSRF token (header for htmx, field for forms). */
export const requireCsrfToken = createMiddleware<AppEnv>(async (c, next) => {
  if (SAFE_METHODS.has(c.req.method)) return next();
  const session = c.get('session');
  let sent = c.req.header('X-CSRF-Token');
  if (!sent && (c.req.header('Content-Type') ?? '').match(/form/)) {
    const body = await c.req.parseBody();
    sent = typeof body._csrf === 'string' ? body._csrf : undefined;
  }
  if (!session || !sent || !safeEqual(sent, session.csrf_token)) {
    const message = 'Užklausa atmesta: saugos žetonas neteisingas arba pasenęs. Atnaujinkite puslapį ir bandykite dar kartą.';
    return c.html(<MessagePage title="Užklausa atmesta" message={message} requestId={c.get('requestId')} />, 403);
  }
  await next();
});

/** An application's routes: reading needs 'view', changing needs 'full' (§6 access matrix). */
export function requireApplication(app: Application) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const needed = SAFE_METHODS.has(c.req.method) ? 'view' : 'full';
    if (!allows(app, c.get('acting').roles, needed)) {
      const message = `Neturite teisių ${needed === 'view' ? 'matyti' : 'keisti'} aplikacijos „${app}“ duomenų.`;
      return c.html(<MessagePage title="Neturite teisių" message={message} />, 403);
    }
    await next();
  });
}
