// Field rules shared by the forms (users, lecturers, employers, venues, institution information),
// with Lithuanian messages: one place for what a name, an e-mail or a phone number must look like.
import { z } from 'zod';

export const tooLong = (max: number) => `Ne daugiau kaip ${max} simbolių.`;

/** The messages every form shares; a module spreads them into its own messages. */
export const COMMON_FIELD_MESSAGES = {
  required: 'Privalomas laukas.',
  email: 'Neteisingas el. pašto adresas (pvz., vardenis.pavardenis@imone.lt).',
  phone: 'Neteisingas telefono numeris: nurodykite skaitmenis, pvz., +370 600 12345.',
  name: 'Vardą ir pavardę gali sudaryti tik raidės, tarpai, brūkšneliai ir apostrofai.',
} as const;

/** At least six digits, optionally a leading +, spaces, brackets and hyphens. */
export function isPhoneNumber(s: string): boolean {
  return /^\+?[\d\s()-]+$/.test(s) && (s.match(/\d/g) ?? []).length >= 6;
}

/** A first or last name: letters (Lithuanian ones included), spaces, hyphens, apostrophes. */
export function personName(m: { required: string; name: string }) {
  return z
    .string({ error: m.required })
    .trim()
    .min(1, { error: m.required })
    .max(100, { error: tooLong(100) })
    .regex(/^[\p{L}][\p{L}\p{M} .'’-]*$/u, { error: m.name });
}

/** Optional free text: an empty answer is stored as null. */
export function optionalText(max: number) {
  return z
    .string()
    .trim()
    .max(max, { error: tooLong(max) })
    .transform((s) => (s === '' ? null : s));
}

export function emailAddress(m: { required: string; email: string }) {
  return z
    .string({ error: m.required })
    .trim()
    .min(1, { error: m.required })
    .max(254, { error: tooLong(254) })
    .pipe(z.email({ error: m.email }));
}

/** An optional phone number (null when empty). */
export function optionalPhone(m: { phone: string }) {
  return optionalText(30).refine((s) => s === null || isPhoneNumber(s), { error: m.phone });
}
