// Small cryptographic helpers of the identity layer (node:crypto; jose for JWTs elsewhere).
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
