// The invitation link's token: a JWT (jose, HS256) naming the invitation and the link's own id.
// It is single-use and replaceable because the database keeps the one link id that is valid now.
import { errors, jwtVerify, SignJWT } from 'jose';
import { createHmac } from 'node:crypto';

function key(secret: string): Uint8Array {
  return new Uint8Array(createHmac('sha256', secret).update('kursuok:invitation-link').digest());
}

export async function signInvitationToken(secret: string, t: { invitationId: string; tokenId: string; expiresAt: number }): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(t.invitationId)
    .setJti(t.tokenId)
    .setIssuedAt()
    .setExpirationTime(Math.floor(t.expiresAt / 1000))
    .sign(key(secret));
}

export type InvitationTokenCheck =
  | { ok: true; invitationId: string; tokenId: string }
  | { ok: false; reason: 'forged' | 'expired' };

/** Signature and expiry; the invitation's state is checked against the database by the caller. */
export async function verifyInvitationToken(secret: string, token: string): Promise<InvitationTokenCheck> {
  try {
    const { payload } = await jwtVerify(token, key(secret), { algorithms: ['HS256'] });
    if (!payload.sub || !payload.jti) return { ok: false, reason: 'forged' };
    return { ok: true, invitationId: payload.sub, tokenId: payload.jti };
  } catch (err) {
    return { ok: false, reason: err instanceof errors.JWTExpired ? 'expired' : 'forged' };
  }
}
