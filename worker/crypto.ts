// The small cryptographic helpers every Node-side room shares (node:crypto; jose for the signed
// links): the keyed hash personal codes are looked up by, the sealed personal code, session tokens,
// per-purpose keys, and the invitation link's token. Beside config.ts for the same reason: both processes (web and worker)
// and the activities use it, and the lint rules name these two files as the shared modules of worker/.
import { errors, jwtVerify, SignJWT } from 'jose';
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The form a personal code is looked up and compared by (person_key): HMAC-SHA256 with the server's pepper. */
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

// ---- The sealed personal code (NUM-9) -------------------------------------------------------------
// Mokinių registras is asked by personal code, and the ask happens without the person present (the
// learning contract waits for its number), so the code is kept sealed: AES-256-GCM under a key derived
// from the personal-code secret, a random 96-bit IV per seal, and the record it belongs to (the
// participant's id) as associated data, so a sealed value copied to another row does not open.

const SEAL_VERSION = 'v1';
const SEAL_PURPOSE = 'personal-code-seal';

/** "v1.<iv>.<ciphertext>.<tag>" (base64url); a new IV each time, so sealing the same code twice differs. */
export function sealPersonalCode(secret: string, personalCode: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', deriveKey(secret, SEAL_PURPOSE), iv);
  cipher.setAAD(Buffer.from(`kursuok:${SEAL_PURPOSE}:${context}`));
  const ciphertext = Buffer.concat([cipher.update(personalCode.trim(), 'utf8'), cipher.final()]);
  return [SEAL_VERSION, iv, ciphertext, cipher.getAuthTag()]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

/**
 * The sealed personal code, or null when there is none or it does not open: another key (the secret was
 * replaced), another context, or a changed value (GCM's tag refuses any tampering).
 */
export function unsealPersonalCode(secret: string, sealed: string | null | undefined, context: string): string | null {
  const parts = sealed?.split('.');
  if (!parts || parts.length !== 4 || parts[0] !== SEAL_VERSION) return null;
  const [iv, ciphertext, tag] = parts.slice(1).map((part) => Buffer.from(part, 'base64url')) as [Buffer, Buffer, Buffer];
  if (iv.length !== 12 || tag.length !== 16) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', deriveKey(secret, SEAL_PURPOSE), iv, { authTagLength: 16 });
    decipher.setAAD(Buffer.from(`kursuok:${SEAL_PURPOSE}:${context}`));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
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
