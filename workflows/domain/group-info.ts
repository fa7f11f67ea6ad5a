// Tab "Grupės informacija" (§3.7.1, GRP-2..GRP-19, GRP-36..GRP-38, GRP-40): the fields, their
// validation with Lithuanian messages, and the publishing checks. Used by web (field errors, 422)
// and by the group workflow (authoritative re-validation of every command).
import { z } from 'zod';
import { isIsoDate } from './calendar.ts';

export const FundingSource = {
  ImpBasket: 'IMP_KREPSELIS',
  PersonalFunds: 'ASMENINES_LESOS',
  EmploymentService: 'UZT',
} as const;
export type FundingSource = (typeof FundingSource)[keyof typeof FundingSource];

/** GRP-3: the manual's funding sources, in its words (nominative). */
export const FUNDING_SOURCE_LABELS: Record<FundingSource, string> = {
  IMP_KREPSELIS: 'IMP krepšelis',
  ASMENINES_LESOS: 'Asmeninės lėšos',
  UZT: 'Valstybės kompensuojama suma (UŽT lėšomis)',
};

export interface GroupInfo {
  name: string;
  fundingSources: FundingSource[];
  /** Euros with two decimals, '120.00' (GEN-11). */
  price: string;
  language: string;
  minParticipants: number;
  maxParticipants: number;
  specialNeeds: boolean;
  venueId: string;
  registrationStart: string;
  registrationEnd: string;
  programmeStart: string;
  programmeEnd: string;
}

export type GroupInfoField = keyof GroupInfo;

/** Field labels: the manual's exact strings; the two unlabelled fields carry suggested labels (GRP-3, GRP-10). */
export const GROUP_INFO_LABELS: Record<GroupInfoField, string> = {
  name: 'Grupės pavadinimas',
  fundingSources: 'Registracijos galimybė pagal finansavimo šaltinį',
  price: 'Mokymosi programos kaina, eurais',
  language: 'Mokymo kalba',
  minParticipants: 'Min. grupės dalyvių skaičius',
  maxParticipants: 'Max. grupės dalyvių skaičius',
  specialNeeds: 'Mokymai pritaikyti asmenims, turintiems specialių ugdymosi poreikių',
  venueId: 'Mokymo vieta',
  registrationStart: 'Registracijos pradžia',
  registrationEnd: 'Registracijos pabaiga',
  programmeStart: 'Mokymosi programos vykdymo pradžia',
  programmeEnd: 'Mokymosi programos vykdymo pabaiga',
};

export type FieldErrors = Partial<Record<GroupInfoField, string>>;

const REQUIRED = 'Privalomas laukas.';
const PRICE = /^\d{1,7}(?:[.,]\d{1,2})?$/;
const MAX_PARTICIPANTS = 1000;

const requiredText = (max: number) =>
  z.string({ error: REQUIRED }).trim().min(1, { error: REQUIRED }).max(max, { error: `Ne daugiau kaip ${max} simbolių.` });

const date = z
  .string({ error: REQUIRED })
  .trim()
  .min(1, { error: REQUIRED })
  .refine(isIsoDate, { error: 'Neteisinga data: nurodykite datą formatu MMMM-MM-DD.' });

const participants = z
  .string({ error: REQUIRED })
  .trim()
  .min(1, { error: REQUIRED })
  .regex(/^\d+$/, { error: 'Nurodykite sveikąjį skaičių.' })
  .transform(Number)
  .refine((n) => n >= 1, { error: 'Skaičius turi būti ne mažesnis kaip 1.' })
  .refine((n) => n <= MAX_PARTICIPANTS, { error: `Skaičius turi būti ne didesnis kaip ${MAX_PARTICIPANTS}.` });

const schema = z.object({
  name: requiredText(200),
  fundingSources: z
    .array(z.enum([FundingSource.ImpBasket, FundingSource.PersonalFunds, FundingSource.EmploymentService], { error: 'Neteisingas finansavimo šaltinis.' }))
    .min(1, { error: 'Pasirinkite bent vieną finansavimo šaltinį.' }),
  price: z
    .string({ error: REQUIRED })
    .trim()
    .min(1, { error: REQUIRED })
    .regex(PRICE, { error: 'Kaina nurodoma eurais, ne mažesnė kaip 0, ne daugiau kaip dviem skaitmenimis po kablelio (pvz., 120,50).' })
    .transform((s) => Number(s.replace(',', '.')).toFixed(2)),
  language: requiredText(100),
  minParticipants: participants,
  maxParticipants: participants,
  specialNeeds: z.boolean(),
  venueId: z.string({ error: REQUIRED }).trim().min(1, { error: REQUIRED }),
  registrationStart: date,
  registrationEnd: date,
  programmeStart: date,
  programmeEnd: date,
});

/** What a submitted form carries: every value a string, check boxes as lists. */
export type GroupInfoInput = Record<string, string | string[] | undefined>;

/** Turns form values (or a stored GroupInfo) into the schema's input shape. */
export function groupInfoInput(source: GroupInfoInput | GroupInfo): Record<string, unknown> {
  const s = source as Record<string, unknown>;
  const text = (k: string) => (s[k] === undefined || s[k] === null ? undefined : String(s[k]));
  const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : v === undefined || v === '' ? [] : [String(v)]);
  return {
    name: text('name'),
    fundingSources: list(s.fundingSources),
    price: text('price'),
    language: text('language'),
    minParticipants: text('minParticipants'),
    maxParticipants: text('maxParticipants'),
    specialNeeds: s.specialNeeds === true || s.specialNeeds === 'on' || s.specialNeeds === 'true',
    venueId: text('venueId'),
    registrationStart: text('registrationStart'),
    registrationEnd: text('registrationEnd'),
    programmeStart: text('programmeStart'),
    programmeEnd: text('programmeEnd'),
  };
}

/** The choices a group may refer to (its institution's venues, its programme's languages: GRP-7, GRP-11). */
export interface GroupInfoReferences {
  venueIds: readonly string[];
  languages: readonly string[];
}

export type GroupInfoResult = { ok: true; info: GroupInfo } | { ok: false; errors: FieldErrors };

/** Validates "Grupės informacija" for saving (GRP-15, GRP-36..GRP-38); references are checked when given. */
export function validateGroupInfo(source: GroupInfoInput | GroupInfo, refs?: GroupInfoReferences): GroupInfoResult {
  const input = groupInfoInput(source);
  const errors: FieldErrors = {};
  const values: Partial<GroupInfo> = {};
  // Field by field, so that every field's problem is shown at once, cross-field ones included.
  for (const field of Object.keys(schema.shape) as GroupInfoField[]) {
    const parsed = schema.shape[field].safeParse(input[field]);
    if (parsed.success) (values as Record<string, unknown>)[field] = parsed.data;
    else errors[field] = parsed.error.issues[0]?.message ?? REQUIRED;
  }
  const v = values;
  if (v.minParticipants !== undefined && v.maxParticipants !== undefined && v.minParticipants > v.maxParticipants) {
    errors.maxParticipants ??= '„Max. grupės dalyvių skaičius“ negali būti mažesnis už „Min. grupės dalyvių skaičius“.';
  }
  if (v.registrationStart && v.registrationEnd && v.registrationStart > v.registrationEnd) {
    errors.registrationEnd ??= '„Registracijos pabaiga“ negali būti ankstesnė už „Registracijos pradžia“.';
  }
  if (v.registrationEnd && v.programmeStart && v.registrationEnd >= v.programmeStart) {
    errors.programmeStart ??= '„Mokymosi programos vykdymo pradžia“ turi būti vėlesnė už „Registracijos pabaiga“.';
  }
  if (v.programmeStart && v.programmeEnd && v.programmeStart > v.programmeEnd) {
    errors.programmeEnd ??= '„Mokymosi programos vykdymo pabaiga“ negali būti ankstesnė už „Mokymosi programos vykdymo pradžia“.';
  }
  if (refs) {
    if (v.venueId !== undefined && !refs.venueIds.includes(v.venueId)) errors.venueId ??= 'Pasirinkite mokymo vietą iš sąrašo.';
    if (v.language !== undefined && !refs.languages.includes(v.language)) errors.language ??= 'Pasirinkite mokymo kalbą iš programos kalbų sąrašo.';
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const info = values as GroupInfo;
  return { ok: true, info: { ...info, fundingSources: [...new Set(info.fundingSources)] } };
}

/**
 * GRP-40 checks that this system can make so far, in Lithuanian; empty when the group may be
 * published. Dates may not lie in the past on the day of publishing.
 */
export function publishProblems(info: GroupInfo, today: string): string[] {
  const problems: string[] = [];
  const result = validateGroupInfo(info);
  if (!result.ok) {
    const fields = Object.keys(result.errors).map((f) => `„${GROUP_INFO_LABELS[f as GroupInfoField]}“`);
    problems.push(`Neteisingai užpildyti laukai: ${fields.join(', ')}.`);
  }
  if (info.registrationStart < today) {
    problems.push(`„Registracijos pradžia“ (${info.registrationStart}) jau praėjo: nurodykite šiandienos arba vėlesnę datą.`);
  }
  return problems;
}
