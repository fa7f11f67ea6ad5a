// Tab "Programos vykdymo ir sutarties informacija" of the programme window (manual §3.7; PROG-12..PROG-19):
// its fields, Lithuanian labels, validation, and what "complete" means for publishing a group (GRP-40)
// and for initiating contract signing (PROG-18). Pure.
import { z } from 'zod';
import { INSTITUTION_INFO_MESSAGES } from './institution-info.ts';
import { phoneNumber } from './field-rules.ts';

/** The tab as saved. Optional texts are null when empty. */
export interface ProgrammeInfoValue {
  /** "Vykdymo ypatumai" (PROG-12); shown on KURSUOK. Required. */
  executionSpecifics: string;
  /** "Papildomi reikalavimai" (PROG-12); optional (a programme may have none). */
  additionalRequirements: string | null;
  /** "Įgytų kompetencijų pripažinimo galimybės" (PROG-13: "jei taikoma"); optional. */
  competenceRecognition: string | null;
  /** Contact person shown with the programme on KURSUOK (PROG-12). Required. */
  contactName: string;
  contactPhone: string;
  contactEmail: string;
  /** "Kiti asmens įsipareigojimai" – contract clause 2.10 (PROG-15); optional ("kiti"). */
  personObligations: string | null;
  /** "Kiti teikėjo įsipareigojimai" – contract clause 3.9 (PROG-16); optional ("kiti"). */
  providerObligations: string | null;
  /** "Mokėjimo terminai, mokėjimo būdas, kitos mokėjimo sąlygos" – contract clause 7 (PROG-17). Required. */
  paymentTerms: string;
}

export type ProgrammeInfoField = keyof ProgrammeInfoValue;

export const PROGRAMME_INFO_TAB = 'Programos vykdymo ir sutarties informacija';
/** The manual's label, as printed [sic] (OQ-7). */
export const CONTRACT_SECTION = 'Mokymo sutarties sutartinai įsipareigojimai';
export const CONTACT_SECTION = 'Kontaktinio asmens informacija';

export const PROGRAMME_INFO_LABELS: Record<ProgrammeInfoField, string> = {
  executionSpecifics: 'Vykdymo ypatumai',
  additionalRequirements: 'Papildomi reikalavimai',
  competenceRecognition: 'Įgytų kompetencijų pripažinimo galimybės',
  contactName: 'Kontaktinio asmens vardas ir pavardė',
  contactPhone: 'Kontaktinio asmens telefonas',
  contactEmail: 'Kontaktinio asmens el. paštas',
  personObligations: 'Kiti asmens įsipareigojimai',
  providerObligations: 'Kiti teikėjo įsipareigojimai',
  paymentTerms: 'Mokėjimo terminai, mokėjimo būdas, kitos mokėjimo sąlygos',
};

/**
 * The fields that make the tab complete (PROG-18, PROG-19): what the website needs to present the
 * programme and what clause 7 of every learning contract needs. The others are "jei taikoma" / "kiti"
 * additions and may stay empty.
 */
export const REQUIRED_PROGRAMME_INFO_FIELDS: readonly ProgrammeInfoField[] = [
  'executionSpecifics',
  'contactName',
  'contactPhone',
  'contactEmail',
  'paymentTerms',
];

export const LONG_TEXT_MAX = 4000;

export type ProgrammeInfoErrors = Partial<Record<ProgrammeInfoField, string>>;
export type ProgrammeInfoInput = Record<string, string | string[] | undefined>;

const M = INSTITUTION_INFO_MESSAGES;
const tooLong = (max: number) => `Ne daugiau kaip ${max} simbolių.`;
const required = (max: number) =>
  z
    .string()
    .min(1, { error: M.required })
    .max(max, { error: tooLong(max) });
const optional = (max: number) =>
  z
    .string()
    .max(max, { error: tooLong(max) })
    .transform((s) => (s === '' ? null : s));

const fields: Record<ProgrammeInfoField, z.ZodType<unknown, string>> = {
  executionSpecifics: required(LONG_TEXT_MAX),
  additionalRequirements: optional(LONG_TEXT_MAX),
  competenceRecognition: optional(LONG_TEXT_MAX),
  contactName: required(200).regex(/^[\p{L}][\p{L}\p{M} .'’-]*$/u, { error: M.name }),
  contactPhone: phoneNumber(M),
  contactEmail: required(254).pipe(z.email({ error: M.email })),
  personObligations: optional(LONG_TEXT_MAX),
  providerObligations: optional(LONG_TEXT_MAX),
  paymentTerms: required(LONG_TEXT_MAX),
};

const ONE_LINE: ReadonlySet<string> = new Set(['contactName', 'contactPhone', 'contactEmail']);

function text(input: ProgrammeInfoInput, key: string): string {
  const v = input[key];
  const s = Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
  // Long texts keep their line breaks (normalised to \n); contact fields are one line.
  return ONE_LINE.has(key) ? s.trim() : s.replace(/\r\n?/g, '\n').trim();
}

type ProgrammeInfoResult = { ok: true; value: ProgrammeInfoValue } | { ok: false; errors: ProgrammeInfoErrors };

/** The tab's form: every field checked, every error at once, in the form's order. */
export function validateProgrammeInfo(input: ProgrammeInfoInput): ProgrammeInfoResult {
  const errors: ProgrammeInfoErrors = {};
  const values: Record<string, unknown> = {};
  for (const [field, schema] of Object.entries(fields)) {
    const parsed = schema.safeParse(text(input, field));
    if (parsed.success) values[field] = parsed.data;
    else errors[field as ProgrammeInfoField] = parsed.error.issues[0]?.message ?? M.required;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: values as unknown as ProgrammeInfoValue };
}

/** The required fields still empty (all of them when the tab was never saved). */
export function missingProgrammeInfo(value: ProgrammeInfoValue | undefined): ProgrammeInfoField[] {
  return REQUIRED_PROGRAMME_INFO_FIELDS.filter((f) => {
    const v = value?.[f];
    return typeof v !== 'string' || v.trim() === '';
  });
}

/**
 * What blocks publishing a group (GRP-40, PROG-19) in this tab, in Lithuanian, naming the missing
 * items; empty when the tab is complete.
 */
export function programmeInfoProblems(value: ProgrammeInfoValue | undefined): string[] {
  if (!value) return [`Neužpildyta mokymosi programos kortelė „${PROGRAMME_INFO_TAB}“.`];
  const missing = missingProgrammeInfo(value);
  if (missing.length === 0) return [];
  const names = missing.map((f) => `„${PROGRAMME_INFO_LABELS[f]}“`).join(', ');
  return [`Mokymosi programos kortelėje „${PROGRAMME_INFO_TAB}“ neužpildyta: ${names}.`];
}
