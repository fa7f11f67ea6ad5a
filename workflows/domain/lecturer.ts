// The lecturer window of "Lektorių sąrašas" (§3.3; LECT-1..LECT-11): its fields, Lithuanian
// labels, the two lecturer requirements and validation. Pure: which documents are at hand (already
// stored files) and which uploads were refused are passed in.
import { z } from 'zod';
import { COMMON_FIELD_MESSAGES, emailAddress, optionalPhone, optionalText, personName } from './field-rules.ts';

/**
 * The two requirements a lecturer is marked against (LECT-6). The manual shows them only in a
 * screenshot (OQ-14): this is the configurable reference list — keys are what Postgres stores,
 * labels what the form shows. Change a label here; add or retire a key only with a migration of
 * the stored rows.
 */
export const LECTURER_REQUIREMENTS = [
  { key: 'KVALIFIKACIJA', label: 'Lektorius turi mokymo programai vykdyti reikalingą išsilavinimą ar kvalifikaciją' },
  { key: 'PATIRTIS', label: 'Lektorius turi mokymo programos srities praktinio ar pedagoginio darbo patirties' },
] as const;

export type LecturerRequirement = (typeof LECTURER_REQUIREMENTS)[number]['key'];
export const REQUIREMENT_KEYS: readonly LecturerRequirement[] = LECTURER_REQUIREMENTS.map((r) => r.key);
export const REQUIREMENT_LABELS = Object.fromEntries(LECTURER_REQUIREMENTS.map((r) => [r.key, r.label])) as Record<
  LecturerRequirement,
  string
>;

export function isLecturerRequirement(value: unknown): value is LecturerRequirement {
  return typeof value === 'string' && (REQUIREMENT_KEYS as readonly string[]).includes(value);
}

/** The file input (and the hidden field carrying an already stored file) of each requirement's document. */
export type DocumentField = `document_${LecturerRequirement}`;
export function documentField(r: LecturerRequirement): DocumentField {
  return `document_${r}`;
}
/** The hidden field with the id of a document already stored for the requirement. */
export function documentIdField(r: LecturerRequirement): string {
  return `documentId_${r}`;
}

export interface LecturerFormValue {
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  /** What the website shows with the programme when publishing is allowed (LECT-9). */
  description: string | null;
  /** "Aktyvus lektorius" (LECT-4, LECT-5). */
  active: boolean;
  /** In the reference list's order, without repeats; at least one (LECT-6). */
  requirements: LecturerRequirement[];
  /** The stored file proving each ticked requirement (LECT-7); only ticked ones. */
  documents: Partial<Record<LecturerRequirement, string>>;
  /** Consent to publish personal data: "Taip" true, "Ne" false (LECT-8..LECT-10). */
  publishConsent: boolean;
}

export type LecturerFormField =
  'firstName' | 'lastName' | 'email' | 'phone' | 'description' | 'active' | 'requirements' | DocumentField | 'publishConsent';

/** Field labels: the manual's exact strings where it has them ("Aktyvus lektorius", "Taip" / "Ne"). */
export const LECTURER_FORM_LABELS: Record<LecturerFormField, string> = {
  firstName: 'Vardas',
  lastName: 'Pavardė',
  email: 'El. paštas',
  phone: 'Telefonas',
  description: 'Kita aktuali informacija (kvalifikacija, patirtis)',
  active: 'Aktyvus lektorius',
  requirements: 'Lektoriaus atitiktis keliamiems reikalavimams',
  document_KVALIFIKACIJA: 'Dokumento, liudijančio atitiktį reikalavimui, kopija',
  document_PATIRTIS: 'Dokumento, liudijančio atitiktį reikalavimui, kopija',
  publishConsent: 'Ar institucija turi lektoriaus sutikimą dėl asmens duomenų viešinimo KURSUOK interneto svetainėje?',
};

/** The remarks column of the list for a lecturer whose data may not be published (LECT-10). */
export const NOT_PUBLISHED_REMARK = 'Neskelbti svetainėje';

export const CONSENT_LABELS = { TAIP: 'Taip', NE: 'Ne' } as const;

export type LecturerFieldErrors = Partial<Record<LecturerFormField, string>>;
/** What a submitted form carries: every value a string, check boxes as lists (files are handled apart). */
export type LecturerFormInput = Record<string, string | string[] | undefined>;

export const LECTURER_FORM_MESSAGES = {
  ...COMMON_FIELD_MESSAGES,
  noRequirement: 'Pažymėkite bent vieną reikalavimą, kurį lektorius atitinka.',
  unknownRequirement: 'Neteisingas reikalavimas.',
  documentRequired: 'Įkelkite dokumento kopiją, liudijančią lektoriaus atitiktį šiam reikalavimui.',
  consentRequired: 'Pasirinkite „Taip“ arba „Ne“.',
} as const;

const M = LECTURER_FORM_MESSAGES;
const name = personName(M);

const fields = {
  firstName: name,
  lastName: name,
  email: emailAddress(M),
  phone: optionalPhone(M),
  description: optionalText(2000),
  publishConsent: z.enum(['TAIP', 'NE'], { error: M.consentRequired }).transform((v) => v === 'TAIP'),
};

function text(input: LecturerFormInput, key: string): string {
  const v = input[key];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}

function list(input: LecturerFormInput, key: string): string[] {
  const v = input[key];
  return Array.isArray(v) ? v : v === undefined || v === '' ? [] : [v];
}

/** The documents at hand for the form: already stored files by requirement, and refused uploads. */
interface LecturerDocuments {
  /** A stored file for the requirement: uploaded with this form, carried from a refused one, or saved before. */
  stored: Partial<Record<LecturerRequirement, string>>;
  /** The Lithuanian reason an upload for the requirement was refused (type, size). */
  refused: Partial<Record<LecturerRequirement, string>>;
}

type LecturerFormResult = { ok: true; value: LecturerFormValue } | { ok: false; errors: LecturerFieldErrors };

const ORDER: readonly LecturerFormField[] = Object.keys(LECTURER_FORM_LABELS) as LecturerFormField[];

/**
 * The lecturer window, every problem at once (GEN-15): names and contacts, at least one requirement
 * ticked (LECT-6), a document for each ticked one (LECT-7), and the consent answered (LECT-8).
 * A refused upload is reported only for a ticked requirement (an unticked one's document is not kept).
 */
export function validateLecturer(input: LecturerFormInput, documents: LecturerDocuments): LecturerFormResult {
  const errors: LecturerFieldErrors = {};
  const values: Record<string, unknown> = {};
  for (const [field, schema] of Object.entries(fields)) {
    const parsed = schema.safeParse(text(input, field));
    if (parsed.success) values[field] = parsed.data;
    else errors[field as LecturerFormField] = parsed.error.issues[0]?.message ?? M.required;
  }

  const ticked = list(input, 'requirements');
  const requirements = REQUIREMENT_KEYS.filter((r) => ticked.includes(r));
  if (ticked.some((r) => !isLecturerRequirement(r))) errors.requirements = M.unknownRequirement;
  else if (requirements.length === 0) errors.requirements = M.noRequirement;

  const chosen: Partial<Record<LecturerRequirement, string>> = {};
  for (const r of requirements) {
    const refused = documents.refused[r];
    const stored = documents.stored[r];
    if (refused !== undefined) errors[documentField(r)] = refused;
    else if (stored === undefined) errors[documentField(r)] = M.documentRequired;
    else chosen[r] = stored;
  }

  if (Object.keys(errors).length > 0) {
    const ordered: LecturerFieldErrors = {};
    for (const f of ORDER) if (errors[f] !== undefined) ordered[f] = errors[f];
    return { ok: false, errors: ordered };
  }
  return {
    ok: true,
    value: {
      firstName: values.firstName as string,
      lastName: values.lastName as string,
      email: values.email as string,
      phone: values.phone as string | null,
      description: values.description as string | null,
      active: list(input, 'active').length > 0,
      requirements,
      documents: chosen,
      publishConsent: values.publishConsent as boolean,
    },
  };
}

/** LECT-5: only an active lecturer can be chosen in a timetable's "Lektorius" field. */
export function canBeScheduled(lecturer: { active: boolean }): boolean {
  return lecturer.active;
}

/** LECT-9, LECT-10: the lecturer is shown with the programme on the website only with consent "Taip". */
export function isShownOnWebsite(lecturer: { publishConsent: boolean }): boolean {
  return lecturer.publishConsent;
}

/** The remarks column of "Lektorių sąrašas" (LECT-10). */
export function lecturerRemarks(lecturer: { publishConsent: boolean }): string[] {
  return isShownOnWebsite(lecturer) ? [] : [NOT_PUBLISHED_REMARK];
}
