// Field rules shared by the forms (users, lecturers, employers, venues, institution information),
// with Lithuanian messages: one place for what a name, an e-mail or a phone number must look like.
import { z } from 'zod';
import { phoneToE164 } from './phone.ts';

export const tooLong = (max: number) => `Ne daugiau kaip ${max} simbolių.`;

/** The messages every form shares; a module spreads them into its own messages. */
export const COMMON_FIELD_MESSAGES = {
  required: 'Privalomas laukas.',
  email: 'Neteisingas el. pašto adresas (pvz., vardenis.pavardenis@imone.lt).',
  phone: 'Neteisingas telefono numeris: įveskite, pvz., +370 612 34567 arba 8 612 34567; užsienio numerį – su šalies kodu.',
  name: 'Vardą ir pavardę gali sudaryti tik raidės, tarpai, brūkšneliai ir apostrofai.',
} as const;

/** A valid Lithuanian or international phone number (see phone.ts), converted to E.164 for storing. */
function e164(m: { phone: string }) {
  return (s: string, ctx: z.RefinementCtx<string>): string => {
    const number = phoneToE164(s);
    if (number !== null) return number;
    ctx.addIssue({ code: 'custom', message: m.phone });
    return z.NEVER;
  };
}

/** A required phone number, stored in E.164 ('+37061234567'). */
export function phoneNumber(m: { required: string; phone: string }) {
  return z.string({ error: m.required }).trim().min(1, { error: m.required }).transform(e164(m));
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

/** An optional phone number: null when empty, otherwise stored in E.164 like phoneNumber(). */
export function optionalPhone(m: { phone: string }) {
  const check = e164(m);
  return z
    .string()
    .trim()
    .transform((s, ctx) => (s === '' ? null : check(s, ctx)));
}
