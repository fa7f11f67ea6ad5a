// The small cryptographic helpers every Node-side room shares (node:crypto; jose for the signed
// links): the keyed hash personal codes are kept as, session tokens, per-purpose keys, and the
// invitation link's token. Beside config.ts for the same reason: both processes (web and worker)
// and the activities use it, and the lint rules name these two files as the shared modules of worker/.
import { errors, jwtVerify, SignJWT } from 'jose';
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The only form in which a personal code is kept: HMAC-SHA256 with the server's pepper. */
export function hashPersonalCode(pepper: string, personalCode: string): string {
  return createHmac('sha256', pepper).update(personalCode.trim()).digest('hex');
}

/** A random, URL-safe token (256 bits). */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A 256-bit key derived from a configured secret for one purpose. */
export function deriveKey(secret: string, purpose: string): Uint8Array {
  return new Uint8Array(createHmac('sha256', secret).update(`kursuok:${purpose}`).digest());
}

// ---- The invitation link's token (USERS-13) -------------------------------------------------------
// A JWT (HS256) naming the invitation and the link's own id. It is single-use and replaceable
// because the database keeps the one link id that is valid now.

export async function signInvitationToken(
  secret: string,
  t: { invitationId: string; tokenId: string; expiresAt: number },
): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(t.invitationId)
    .setJti(t.tokenId)
    .setIssuedAt()
    .setExpirationTime(Math.floor(t.expiresAt / 1000))
    .sign(deriveKey(secret, 'invitation-link'));
}

type InvitationTokenCheck = { ok: true; invitationId: string; tokenId: string } | { ok: false; reason: 'forged' | 'expired' };

/** Signature and expiry; the invitation's state is checked against the database by the caller. */
export async function verifyInvitationToken(secret: string, token: string): Promise<InvitationTokenCheck> {
  try {
    const { payload } = await jwtVerify(token, deriveKey(secret, 'invitation-link'), { algorithms: ['HS256'] });
    if (!payload.sub || !payload.jti) return { ok: false, reason: 'forged' };
    return { ok: true, invitationId: payload.sub, tokenId: payload.jti };
  } catch (err) {
    return { ok: false, reason: err instanceof errors.JWTExpired ? 'expired' : 'forged' };
  }
}
