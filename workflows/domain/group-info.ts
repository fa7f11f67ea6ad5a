// Tab "Grupės informacija" (§3.7.1, GRP-2..GRP-19, GRP-36..GRP-40): the fields, their
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

/**
 * GRP-4 "Mokymo programa taikoma": the target group. The manual gives no values and neither does
 * the spec (§2.15 only names UŽT's training measures): these are SUGGESTED labels for the
 * Employment Service's usual target groups, to be replaced by UŽT's classifier. The codes are
 * stored; the list may change without a migration (no check constraint on them).
 */
export const TARGET_GROUP_LABELS = {
  BEDARBIAI: 'Bedarbiai',
  ISPETI_APIE_ATLEIDIMA: 'Įspėti apie atleidimą iš darbo asmenys',
  UZIMTIEJI: 'Užimtieji asmenys',
} as const;
export type TargetGroup = keyof typeof TARGET_GROUP_LABELS;

/**
 * GRP-5 "Profesinio mokymo organizavimo forma". "Pameistrystės forma" is the manual's term
 * (§3.1, UZT-19 depends on it); "Mokyklinė forma" is a SUGGESTED label for the other form.
 */
export const VET_FORM_LABELS = {
  MOKYKLINE: 'Mokyklinė forma',
  PAMEISTRYSTE: 'Pameistrystės forma',
} as const;
export type VetForm = keyof typeof VET_FORM_LABELS;

/** The UŽT-only fields (GRP-4, GRP-5, GRP-16..GRP-19): enabled and mandatory only with UŽT funding (GRP-39, OQ-56). */
export const UZT_FIELDS = [
  'targetGroup',
  'vetForm',
  'durationWeeks',
  'durationDays',
  'theoryAssessmentDate',
  'practiceAssessmentDate',
] as const;

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
  // UŽT-only fields: present exactly when fundingSources includes UZT (GRP-39). Optional, so that
  // GroupInfo payloads recorded before they existed still validate and replay unchanged.
  targetGroup?: TargetGroup;
  vetForm?: VetForm;
  durationWeeks?: number;
  durationDays?: number;
  theoryAssessmentDate?: string;
  practiceAssessmentDate?: string;
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
  targetGroup: 'Mokymo programa taikoma',
  vetForm: 'Profesinio mokymo organizavimo forma',
  durationWeeks: 'Mokymosi programos trukmė savaitėmis',
  durationDays: 'Mokymosi programos trukmė dienomis',
  theoryAssessmentDate: 'Įgytų kompetencijų teorinės dalies (žinių) vertinimo data',
  practiceAssessmentDate: 'Įgytų kompetencijų praktinės dalies (gebėjimų) vertinimo data',
};

export type FieldErrors = Partial<Record<GroupInfoField, string>>;

const REQUIRED = 'Privalomas laukas.';
const PRICE = /^\d{1,7}(?:[.,]\d{1,2})?$/;
const MAX_PARTICIPANTS = 1000;

const requiredText = (max: number) =>
  z
    .string({ error: REQUIRED })
    .trim()
    .min(1, { error: REQUIRED })
    .max(max, { error: `Ne daugiau kaip ${max} simbolių.` });

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

const MAX_DURATION = 9999;

const wholeNumber = z
  .string({ error: REQUIRED })
  .trim()
  .min(1, { error: REQUIRED })
  .regex(/^\d+$/, { error: 'Nurodykite sveikąjį skaičių.' })
  .transform(Number)
  .refine((n) => n >= 1, { error: 'Skaičius turi būti ne mažesnis kaip 1.' })
  .refine((n) => n <= MAX_DURATION, { error: `Skaičius turi būti ne didesnis kaip ${MAX_DURATION}.` });

const choice = <K extends string>(labels: Record<K, string>) =>
  z
    .string({ error: REQUIRED })
    .trim()
    .min(1, { error: REQUIRED })
    .refine((s): s is K => Object.hasOwn(labels, s), { error: 'Pasirinkite reikšmę iš sąrašo.' })
    .transform((s) => s as K);

/** The UŽT-only fields, checked only when UŽT is among the funding sources (GRP-39). */
const uztSchema = z.object({
  targetGroup: choice(TARGET_GROUP_LABELS),
  vetForm: choice(VET_FORM_LABELS),
  durationWeeks: wholeNumber,
  durationDays: wholeNumber,
  theoryAssessmentDate: date,
  practiceAssessmentDate: date,
});

const schema = z.object({
  name: requiredText(200),
  fundingSources: z
    .array(
      z.enum([FundingSource.ImpBasket, FundingSource.PersonalFunds, FundingSource.EmploymentService], {
        error: 'Neteisingas finansavimo šaltinis.',
      }),
    )
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
function groupInfoInput(source: GroupInfoInput | GroupInfo): Record<string, unknown> {
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
    targetGroup: text('targetGroup'),
    vetForm: text('vetForm'),
    durationWeeks: text('durationWeeks'),
    durationDays: text('durationDays'),
    theoryAssessmentDate: text('theoryAssessmentDate'),
    practiceAssessmentDate: text('practiceAssessmentDate'),
  };
}

/** GRP-39 / OQ-56: the UŽT-only fields are enabled when the funding-source selection includes UŽT. */
export function uztFieldsEnabled(source: GroupInfoInput | GroupInfo): boolean {
  const list = groupInfoInput(source).fundingSources as string[];
  return list.includes(FundingSource.EmploymentService);
}

/** Calendar days from one ISO date to another, both included. */
function daysIncluded(from: string, to: string): number {
  const utc = (d: string) => {
    const [y, m, day] = d.split('-').map(Number) as [number, number, number];
    return Date.UTC(y, m - 1, day);
  };
  return Math.round((utc(to) - utc(from)) / 86_400_000) + 1;
}

/** The choices a group may refer to (its institution's venues, its programme's languages: GRP-7, GRP-11). */
export interface GroupInfoReferences {
  venueIds: readonly string[];
  languages: readonly string[];
}

type GroupInfoResult = { ok: true; info: GroupInfo } | { ok: false; errors: FieldErrors };

/** Validates "Grupės informacija" for saving (GRP-15, GRP-36..GRP-38); references are checked when given. */
export function validateGroupInfo(source: GroupInfoInput | GroupInfo, refs?: GroupInfoReferences): GroupInfoResult {
  const input = groupInfoInput(source);
  const errors: FieldErrors = {};
  const values: Partial<GroupInfo> = {};
  // Field by field, so that every field's problem is shown at once, cross-field ones included.
  for (const field of Object.keys(schema.shape) as (keyof typeof schema.shape)[]) {
    const parsed = schema.shape[field].safeParse(input[field]);
    if (parsed.success) (values as Record<string, unknown>)[field] = parsed.data;
    else errors[field] = parsed.error.issues[0]?.message ?? REQUIRED;
  }
  // GRP-39: without UŽT the UŽT-only fields are ignored (left out, stored as null), whatever was sent.
  const uzt = uztFieldsEnabled(source);
  if (uzt) {
    for (const field of UZT_FIELDS) {
      const parsed = uztSchema.shape[field].safeParse(input[field]);
      if (parsed.success) (values as Record<string, unknown>)[field] = parsed.data;
      else errors[field] = parsed.error.issues[0]?.message ?? REQUIRED;
    }
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
  if (uzt && v.programmeStart && v.programmeEnd && v.programmeStart <= v.programmeEnd) {
    const period = `nuo ${v.programmeStart} iki ${v.programmeEnd}`;
    const days = daysIncluded(v.programmeStart, v.programmeEnd);
    const weeks = Math.ceil(days / 7);
    if (v.durationDays !== undefined && v.durationDays > days) {
      errors.durationDays ??= `„${GROUP_INFO_LABELS.durationDays}“ negali būti didesnė už mokymosi programos vykdymo laikotarpį (${period}: ${days} d.).`;
    }
    if (v.durationWeeks !== undefined && v.durationWeeks > weeks) {
      errors.durationWeeks ??= `„${GROUP_INFO_LABELS.durationWeeks}“ negali būti didesnė už mokymosi programos vykdymo laikotarpį (${period}: ${weeks} sav.).`;
    }
    for (const field of ['theoryAssessmentDate', 'practiceAssessmentDate'] as const) {
      const d = v[field];
      if (d !== undefined && (d < v.programmeStart || d > v.programmeEnd)) {
        errors[field] ??= `„${GROUP_INFO_LABELS[field]}“ turi būti mokymosi programos vykdymo laikotarpyje (${period}).`;
      }
    }
  }
  if (refs) {
    if (v.venueId !== undefined && !refs.venueIds.includes(v.venueId)) errors.venueId ??= 'Pasirinkite mokymo vietą iš sąrašo.';
    if (v.language !== undefined && !refs.languages.includes(v.language))
      errors.language ??= 'Pasirinkite mokymo kalbą iš programos kalbų sąrašo.';
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
