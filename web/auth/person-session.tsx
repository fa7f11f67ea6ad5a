// Sessions of the people who are not institution users (issue 6): participants in the KURSUOK
// portal ("DALYVIS"), document reviewers ("VERTINTOJAS") and the Employment Service ("UZT"). Their
// own __Host- cookie and table (person_sessions), the same idle/absolute timeouts and CSRF rule as
// institution sessions (web/auth/session.tsx); a session serves only its audience's pages.
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import {
  findLivePersonSession,
  insertPersonSession,
  revokePersonSession,
  touchPersonSession,
  type NewPersonSession,
} from '../../db/queries/person-sessions.ts';
import type { PersonAudience, PersonSession } from '../../db/tables/participants.ts';
import type { AppEnv } from '../context.ts';
import { isHtmx } from '../forms.ts';
import { MessagePage } from '../views/messages.tsx';
import { clearCookie, readCookie, writeCookie } from './cookies.ts';
import { randomToken, safeEqual, sha256 } from '../../worker/crypto.ts';
import { ABSOLUTE_TIMEOUT_MS, IDLE_TIMEOUT_MS } from './session.tsx';

export const PERSON_SESSION_COOKIE = '__Host-kursuok_asmuo';
const TOUCH_INTERVAL_MS = 60 * 1000;

/** Where each audience logs in. */
export const PERSON_LOGIN_PATHS: Record<PersonAudience, string> = {
  DALYVIS: '/kursuok/prisijungti',
  VERTINTOJAS: '/vertinimas/prisijungti',
  UZT: '/uzt/prisijungti',
  STEBETOJAS: '/stebesena/prisijungti',
  SF_VERTINTOJAS: '/saskaitu-vertinimas/prisijungti',
};

type C = Context<AppEnv>;

declare module 'hono' {
  interface ContextVariableMap {
    /** The live person session of the request, if any (any audience). */
    personSession: PersonSession | undefined;
  }
}

/** Starts a new person session (any previous one of the browser is revoked) and sets its cookie. */
export async function startPersonSession(c: C, s: Omit<NewPersonSession, 'tokenHash' | 'csrfToken' | 'expiresAt'>): Promise<PersonSession> {
  const { db } = c.get('deps');
  const previous = c.get('personSession');
  if (previous) await revokePersonSession(db, previous.id, 'naujas prisijungimas');
  const token = randomToken();
  const session = await insertPersonSession(db, {
    ...s,
    tokenHash: sha256(token),
    csrfToken: randomToken(),
    expiresAt: new Date(Date.now() + ABSOLUTE_TIMEOUT_MS),
  });
  writeCookie(c, PERSON_SESSION_COOKIE, token, ABSOLUTE_TIMEOUT_MS / 1000);
  c.set('personSession', session);
  return session;
}

export async function endPersonSession(c: C, reason: string): Promise<void> {
  const session = c.get('personSession');
  if (session) await revokePersonSession(c.get('deps').db, session.id, reason);
  clearCookie(c, PERSON_SESSION_COOKIE);
  c.set('personSession', undefined);
}

/** Reads the person-session cookie; an idle session is revoked here. */
export const loadPersonSession = createMiddleware<AppEnv>(async (c, next) => {
  c.set('personSession', undefined);
  const token = readCookie(c, PERSON_SESSION_COOKIE);
  if (token) {
    const { db } = c.get('deps');
    const now = new Date();
    const session = await findLivePersonSession(db, sha256(token), now);
    if (session && now.getTime() - session.last_seen_at.getTime() > IDLE_TIMEOUT_MS) {
      await revokePersonSession(db, session.id, 'neveiklumas');
    } else if (session) {
      if (now.getTime() - session.last_seen_at.getTime() > TOUCH_INTERVAL_MS) await touchPersonSession(db, session.id, now);
      c.set('personSession', session);
    }
  }
  await next();
});

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The pages of one audience: a live session of that audience (else to its login page), and its
 * CSRF token on every state-changing request (X-CSRF-Token header, or the _csrf form field).
 */
export function requirePerson(audience: PersonAudience) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const session = c.get('personSession');
    if (!session || session.audience !== audience) {
      const login = PERSON_LOGIN_PATHS[audience];
      if (c.req.method === 'GET' && !isHtmx(c)) return c.redirect(login, 303);
      if (isHtmx(c)) c.header('HX-Redirect', login);
      return c.html(
        <MessagePage title="Reikia prisijungti" message="Jūsų sesija baigėsi arba neprisijungėte. Prisijunkite iš naujo." />,
        401,
      );
    }
    if (!SAFE_METHODS.has(c.req.method)) {
      let sent = c.req.header('X-CSRF-Token');
      if (!sent && (c.req.header('Content-Type') ?? '').match(/form/)) {
        const body = await c.req.parseBody();
        sent = typeof body._csrf === 'string' ? body._csrf : undefined;
      }
      if (!sent || !safeEqual(sent, session.csrf_token)) {
        const message = 'Užklausa atmesta: saugos žetonas neteisingas arba pasenęs. Atnaujinkite puslapį ir bandykite dar kartą.';
        return c.html(<MessagePage title="Užklausa atmesta" message={message} requestId={c.get('requestId')} />, 403);
      }
    }
    await next();
  });
}
