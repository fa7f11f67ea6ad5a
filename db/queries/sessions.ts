import type { DbOrTx } from '../client.ts';
import type { LoginMode, Session, SessionStage } from '../schema.ts';

export interface NewSession {
  tokenHash: string;
  csrfToken: string;
  personalCodeHash: string;
  givenName: string;
  familyName: string;
  loginMode: LoginMode;
  stage: SessionStage;
  institutionId: string | null;
  institutionUserId: string | null;
  isHead: boolean;
  expiresAt: Date;
}

export async function insertSession(db: DbOrTx, s: NewSession): Promise<Session> {
  return db
    .insertInto('sessions')
    .values({
      token_hash: s.tokenHash,
      csrf_token: s.csrfToken,
      personal_code_hash: s.personalCodeHash,
      given_name: s.givenName,
      family_name: s.familyName,
      login_mode: s.loginMode,
      stage: s.stage,
      institution_id: s.institutionId,
      institution_user_id: s.institutionUserId,
      is_head: s.isHead,
      expires_at: s.expiresAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A session that is neither revoked nor past its absolute expiry. */
export async function findLiveSession(db: DbOrTx, tokenHash: string, now: Date): Promise<Session | undefined> {
  return db
    .selectFrom('sessions')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

export async function touchSession(db: DbOrTx, id: string, now: Date): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
}

export async function updateSessionStage(
  db: DbOrTx,
  id: string,
  change: { stage: SessionStage; institutionId?: string | null; institutionUserId?: string | null },
): Promise<void> {
  await db
    .updateTable('sessions')
    .set({
      stage: change.stage,
      ...(change.institutionId !== undefined ? { institution_id: change.institutionId } : {}),
      ...(change.institutionUserId !== undefined ? { institution_user_id: change.institutionUserId } : {}),
    })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function revokeSession(db: DbOrTx, id: string, reason: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: new Date(), revoked_reason: reason })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Ends every session acting as this institution user (removal, last right taken away: USERS-31). */
export async function revokeUserSessions(db: DbOrTx, institutionUserId: string, reason: string): Promise<number> {
  const rows = await db
    .updateTable('sessions')
    .set({ revoked_at: new Date(), revoked_reason: reason })
    .where('institution_user_id', '=', institutionUserId)
    .where('revoked_at', 'is', null)
    .returning('id')
    .execute();
  return rows.length;
}
