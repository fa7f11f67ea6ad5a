// A logged-in session without going through VIISP, for tests that are not about login: a session
// row straight in Postgres and its cookie. Tests of login itself drive the VIISP simulator.
import type { Db } from '../../db/client.ts';
import { insertPersonSession } from '../../db/queries/person-sessions.ts';
import { insertSession } from '../../db/queries/sessions.ts';
import type { PersonAudience } from '../../db/tables/participants.ts';
import { PERSON_SESSION_COOKIE } from '../../web/auth/person-session.tsx';
import type { SessionStage } from '../../db/schema.ts';
import { SESSION_COOKIE } from '../../web/auth/cookies.ts';
import { randomToken, sha256 } from '../../worker/crypto.ts';
import { ABSOLUTE_TIMEOUT_MS } from '../../web/auth/session.tsx';

export interface TestSession {
  sessionId: string;
  /** The Cookie header value. */
  cookie: string;
  csrf: string;
}

export async function sessionFor(
  db: Db,
  who: {
    personalCodeHash: string;
    institutionId: string;
    userId?: string | null;
    isHead?: boolean;
    stage?: SessionStage;
    names?: [string, string];
  },
): Promise<TestSession> {
  const token = randomToken();
  const csrf = randomToken();
  const session = await insertSession(db, {
    tokenHash: sha256(token),
    csrfToken: csrf,
    personalCodeHash: who.personalCodeHash,
    givenName: who.names?.[0] ?? 'Testas',
    familyName: who.names?.[1] ?? 'Testaitis',
    loginMode: who.isHead ? 'juridinis' : 'fizinis',
    stage: who.stage ?? 'ACTIVE',
    institutionId: who.institutionId,
    institutionUserId: who.isHead ? null : (who.userId ?? null),
    isHead: who.isHead ?? false,
    expiresAt: new Date(Date.now() + ABSOLUTE_TIMEOUT_MS),
  });
  return { sessionId: session.id, cookie: `${SESSION_COOKIE}=${token}`, csrf };
}

/** A session of the fixture institution's administrator. */
export function adminSession(db: Db, f: { personalCodeHash: string; institutionId: string; userId: string }): Promise<TestSession> {
  return sessionFor(db, { personalCodeHash: f.personalCodeHash, institutionId: f.institutionId, userId: f.userId });
}

/** A person session (participant, reviewer, UŽT) straight in Postgres, with its cookie and CSRF token. */
export async function personSessionFor(
  db: Db,
  who: {
    audience: PersonAudience;
    personKey: string;
    participantId?: string | null;
    staffMemberId?: string | null;
    names?: [string, string];
  },
): Promise<TestSession> {
  const token = randomToken();
  const csrf = randomToken();
  const session = await insertPersonSession(db, {
    tokenHash: sha256(token),
    csrfToken: csrf,
    audience: who.audience,
    personKey: who.personKey,
    givenName: who.names?.[0] ?? 'Testas',
    familyName: who.names?.[1] ?? 'Testaitis',
    participantId: who.participantId ?? null,
    staffMemberId: who.staffMemberId ?? null,
    expiresAt: new Date(Date.now() + ABSOLUTE_TIMEOUT_MS),
  });
  return { sessionId: session.id, cookie: `${PERSON_SESSION_COOKIE}=${token}`, csrf };
}
