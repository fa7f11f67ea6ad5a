// Sessions of people who are not institution users (migration 20261128T1800_participants):
// participants in the KURSUOK portal, document reviewers and the Employment Service. Only the
// token's hash is stored; the same rules as institution sessions (web/auth/session.tsx).
import type { DbOrTx } from '../client.ts';
import type { PersonAudience, PersonSession } from '../tables/participants.ts';

export interface NewPersonSession {
  tokenHash: string;
  csrfToken: string;
  audience: PersonAudience;
  personKey: string;
  givenName: string;
  familyName: string;
  participantId: string | null;
  staffMemberId: string | null;
  expiresAt: Date;
}

export async function insertPersonSession(db: DbOrTx, s: NewPersonSession): Promise<PersonSession> {
  return db
    .insertInto('person_sessions')
    .values({
      token_hash: s.tokenHash,
      csrf_token: s.csrfToken,
      audience: s.audience,
      person_key: s.personKey,
      given_name: s.givenName,
      family_name: s.familyName,
      participant_id: s.participantId,
      staff_member_id: s.staffMemberId,
      expires_at: s.expiresAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A session that is neither revoked nor past its absolute expiry. */
export async function findLivePersonSession(db: DbOrTx, tokenHash: string, now: Date): Promise<PersonSession | undefined> {
  return db
    .selectFrom('person_sessions')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

export async function touchPersonSession(db: DbOrTx, id: string, now: Date): Promise<void> {
  await db.updateTable('person_sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
}

export async function revokePersonSession(db: DbOrTx, id: string, reason: string): Promise<void> {
  await db
    .updateTable('person_sessions')
    .set({ revoked_at: new Date(), revoked_reason: reason })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}
