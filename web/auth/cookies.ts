// Cookie names and attributes (ASVS V3): __Host- prefix (Secure, Path=/, no Domain), HttpOnly,
// SameSite=Lax (the identity gateway's redirect back is a top-level cross-site navigation).
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

export const SESSION_COOKIE = '__Host-kursuok_sid';
export const LOGIN_COOKIE = '__Host-kursuok_login';

export function readCookie(c: Context, name: string): string | undefined {
  return getCookie(c, name);
}

export function writeCookie(c: Context, name: string, value: string, maxAgeSeconds?: number): void {
  setCookie(c, name, value, {
    path: '/',
    secure: true,
    httpOnly: true,
    sameSite: 'Lax',
    ...(maxAgeSeconds ? { maxAge: maxAgeSeconds } : {}),
  });
}

export function clearCookie(c: Context, name: string): void {
  deleteCookie(c, name, { path: '/', secure: true });
}
