// The employer-representative window of "Darbdavio atstovai" (§3.5; EMPL-1..EMPL-6, OQ-17): its
// fields, Lithuanian labels and validation. EMPL-3: every information field is required; the check
// box "Aktyvi darbdavio paskyra" activates the employer (EMPL-4), and only active employers can be
// chosen elsewhere (EMPL-5: "Pasirinkite darbdavio įstaigą", "Pameistrystės duomenys"). Pure.
import { z } from 'zod';
import { COMMON_FIELD_MESSAGES, phoneNumber, tooLong } from './field-rules.ts';

export interface EmployerFormValue {
  /** The employer organisation. */
  name: string;
  /** Juridinio asmens kodas: 9 digits. */
  code: string;
  firstName: string;
  lastName: string;
  phone: string;
  email: string;
  /** Where the practical training takes place (§3.7.3.2 "praktinio mokymo vietos adresas"). */
  practiceAddress: string;
  /** "Aktyvi darbdavio paskyra" (EMPL-4). */
  active: boolean;
}

export type EmployerFormField = keyof EmployerFormValue;

/** Labels in the window's order; "Aktyvi darbdavio paskyra" is the manual's. */
export const EMPLOYER_FORM_LABELS: Record<EmployerFormField, string> = {
  name: 'Darbdavio įstaigos pavadinimas',
  code: 'Juridinio asmens kodas',
  firstName: 'Atstovo vardas',
  lastName: 'Atstovo pavardė',
  phone: 'Telefono numeris',
  email: 'El. paštas',
  practiceAddress: 'Praktinio mokymo vietos adresas',
  active: 'Aktyvi darbdavio paskyra',
};

export type EmployerFieldErrors = Partial<Record<EmployerFormField, string>>;
export type EmployerFormInput = Record<string, string | string[] | undefined>;

const EMPLOYER_FORM_MESSAGES = {
  ...COMMON_FIELD_MESSAGES,
  code: 'Juridinio asmens kodą sudaro 9 skaitmenys.',
} as const;

const M = EMPLOYER_FORM_MESSAGES;

const required = (max: number) =>
  z
    .string({ error: M.required })
    .transform((s) => s.trim().replace(/\s+/g, ' '))
    .pipe(
      z
        .string()
        .min(1, { error: M.required })
        .max(max, { error: tooLong(max) }),
    );

const personName = required(100).refine((s) => /^\p{L}[\p{L}\p{M} .'’-]*$/u.test(s), { error: M.name });

const fields: Record<Exclude<EmployerFormField, 'active'>, z.ZodType<string, string>> = {
  name: required(300),
  code: required(20)
    .transform((s) => s.replace(/\s/g, ''))
    .refine((s) => /^\d{9}$/.test(s), { error: M.code }),
  firstName: personName,
  lastName: personName,
  phone: phoneNumber(M),
  email: required(254).pipe(z.email({ error: M.email })),
  practiceAddress: required(300),
};

function text(input: EmployerFormInput, key: string): string {
  const v = input[key];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}

/** A ticked check box sends a value; an unticked one sends nothing. */
function isTicked(input: EmployerFormInput, key: string): boolean {
  const v = text(input, key);
  return v !== '' && v !== '0' && v !== 'false';
}

type EmployerFormResult = { ok: true; value: EmployerFormValue } | { ok: false; errors: EmployerFieldErrors };

/** EMPL-3: every field at once, so that every problem is shown together. */
export function validateEmployer(input: EmployerFormInput): EmployerFormResult {
  const errors: EmployerFieldErrors = {};
  const value: Partial<EmployerFormValue> = { active: isTicked(input, 'active') };
  for (const field of Object.keys(fields) as Exclude<EmployerFormField, 'active'>[]) {
    const parsed = fields[field].safeParse(text(input, field));
    if (parsed.success) value[field] = parsed.data;
    else errors[field] = parsed.error.issues[0]?.message ?? M.required;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: value as EmployerFormValue };
}
