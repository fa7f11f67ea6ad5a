// The user window of "Institucijos naudotojai" (§2, §3.1; USERS-3, USERS-16, USERS-18, USERS-19,
// USERS-23, USERS-24, USERS-27): its fields, Lithuanian labels and validation. Pure: the clock
// ("today") and the institution's employers are passed in.
import { Right, RIGHTS, isRight } from './access.ts';
import { checkPersonalCode } from './personal-code.ts';
import { COMMON_FIELD_MESSAGES, emailAddress, optionalPhone, optionalText, personName, tooLong } from './field-rules.ts';

export interface UserFormValue {
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  position: string | null;
  /** In the manual's order, without repeats. */
  rights: Right[];
  /** Only with "Darbdavio atstovas ir trišalių sutarčių pasirašymas" (USERS-23). */
  employerId: string | null;
  /** Only with "Sutarčių pasirašymas" (USERS-27). */
  signingDocument: string | null;
}

/** A new user also has a personal code (normalised: 11 digits); only its hash is ever stored. */
export interface NewUserFormValue extends UserFormValue {
  personalCode: string;
}

/** The user window's data as the invitation carries and stores it (USERS-16, USERS-18, USERS-23, USERS-27). */
export interface NewUserFields extends UserFormValue {
  /** Keyed hash of the personal code the administrator entered; the VIISP login must match it. */
  personalCodeHash: string;
}

export type UserFormField = keyof NewUserFormValue;

/** Field labels: the manual's exact strings where it has them (USERS-18, USERS-23, USERS-27). */
export const USER_FORM_LABELS: Record<UserFormField, string> = {
  firstName: 'Vardas',
  lastName: 'Pavardė',
  personalCode: 'Asmens kodas',
  email: 'El. paštas',
  phone: 'Telefonas',
  position: 'Pareigos',
  rights: 'Naudotojo grupės',
  employerId: 'Pasirinkite darbdavio įstaigą',
  signingDocument: 'Dokumento pavadinimas ir numeris, pagal kurį atstovas veikia pasirašydamas sutartį',
};

export type UserFieldErrors = Partial<Record<UserFormField, string>>;

/** What a submitted form carries: every value a string, check boxes as lists. */
export type UserFormInput = Record<string, string | string[] | undefined>;

export const USER_FORM_MESSAGES = {
  ...COMMON_FIELD_MESSAGES,
  noRights: 'Pažymėkite bent vieną naudotojo grupę.',
  unknownRight: 'Neteisinga naudotojo grupė.',
  employerRequired: 'Pažymėjus „Darbdavio atstovas ir trišalių sutarčių pasirašymas“, būtina pasirinkti darbdavio įstaigą.',
  noEmployers:
    'Institucija dar neturi aktyvių darbdavių: pirmiausia įveskite darbdavio informaciją aplikacijoje „Darbdavio atstovai“ (pažymėję „Aktyvi darbdavio paskyra“).',
  employerUnknown: 'Pasirinkite darbdavio įstaigą iš sąrašo.',
  signingDocumentRequired: 'Pažymėjus „Sutarčių pasirašymas“, būtina nurodyti dokumento pavadinimą ir numerį.',
} as const;

const M = USER_FORM_MESSAGES;
const name = personName(M);

const fields = {
  firstName: name,
  lastName: name,
  email: emailAddress(M),
  phone: optionalPhone(M),
  position: optionalText(200),
};

/** The choices the form may refer to. */
interface UserFormReferences {
  /** The institution's employers that may be chosen ("Aktyvi darbdavio paskyra", EMPL-5, USERS-24). */
  employerIds: readonly string[];
  /** Today in Vilnius ('YYYY-MM-DD'): a personal code cannot be of someone not born yet. */
  today?: string;
}

function text(input: UserFormInput, key: string): string {
  const v = input[key];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}

function list(input: UserFormInput, key: string): string[] {
  const v = input[key];
  return Array.isArray(v) ? v : v === undefined || v === '' ? [] : [v];
}

type UserFormResult<T> = { ok: true; value: T } | { ok: false; errors: UserFieldErrors };

function validateCommon(input: UserFormInput, refs: UserFormReferences, opts: { requireRight: boolean }): UserFormResult<UserFormValue> {
  const errors: UserFieldErrors = {};
  const values: Record<string, unknown> = {};
  // Field by field, so that every problem is shown at once.
  for (const [field, schema] of Object.entries(fields)) {
    const parsed = schema.safeParse(text(input, field));
    if (parsed.success) values[field] = parsed.data;
    else errors[field as UserFormField] = parsed.error.issues[0]?.message ?? M.required;
  }

  const ticked = list(input, 'rights');
  const rights = RIGHTS.filter((r) => ticked.includes(r));
  if (ticked.some((r) => !isRight(r))) errors.rights = M.unknownRight;
  else if (opts.requireRight && rights.length === 0) errors.rights = M.noRights;

  let employerId: string | null = null;
  if (rights.includes(Right.EmployerRepresentative)) {
    const chosen = text(input, 'employerId').trim();
    if (refs.employerIds.length === 0) errors.employerId = M.noEmployers;
    else if (chosen === '') errors.employerId = M.employerRequired;
    else if (!refs.employerIds.includes(chosen)) errors.employerId = M.employerUnknown;
    else employerId = chosen;
  }

  let signingDocument: string | null = null;
  if (rights.includes(Right.ContractSigning)) {
    const doc = text(input, 'signingDocument').trim();
    if (doc === '') errors.signingDocument = M.signingDocumentRequired;
    else if (doc.length > 500) errors.signingDocument = tooLong(500);
    else signingDocument = doc;
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      firstName: values.firstName as string,
      lastName: values.lastName as string,
      email: values.email as string,
      phone: values.phone as string | null,
      position: values.position as string | null,
      rights,
      employerId,
      signingDocument,
    },
  };
}

/** "Įtraukti naują naudotoją": every field, the personal code, and at least one user group. */
export function validateNewUser(input: UserFormInput, refs: UserFormReferences): UserFormResult<NewUserFormValue> {
  const common = validateCommon(input, refs, { requireRight: true });
  const code = checkPersonalCode(text(input, 'personalCode'), refs.today);
  if (!common.ok || !code.ok) {
    const errors: UserFieldErrors = common.ok ? {} : { ...common.errors };
    if (!code.ok) errors.personalCode = code.error;
    // In the form's order.
    return { ok: false, errors: orderErrors(errors) };
  }
  return { ok: true, value: { ...common.value, personalCode: code.code } };
}

/**
 * Editing a user: the same fields except the personal code. No user group at all is allowed here:
 * the person keeps their record and history but loses access to IMP IS (their sessions end).
 */
export function validateUserEdit(input: UserFormInput, refs: UserFormReferences): UserFormResult<UserFormValue> {
  return validateCommon(input, refs, { requireRight: false });
}

const ORDER: readonly UserFormField[] = Object.keys(USER_FORM_LABELS) as UserFormField[];

function orderErrors(errors: UserFieldErrors): UserFieldErrors {
  const ordered: UserFieldErrors = {};
  for (const f of ORDER) if (errors[f] !== undefined) ordered[f] = errors[f];
  return ordered;
}

export const LAST_ADMINISTRATOR_MESSAGE =
  'Institucija visada turi turėti bent vieną patvirtintą naudotoją su „Mokymo institucijos administratorius“ teisėmis. ' +
  'Šis naudotojas yra paskutinis patvirtintas administratorius: pirmiausia suteikite administratoriaus teises kitam patvirtintam naudotojui.';

/**
 * USERS-30: an institution keeps at least one confirmed (active) administrator. True when the change
 * (new rights, or null for removal) would take the last one away.
 */
export function leavesNoConfirmedAdministrator(a: {
  status: 'INVITED' | 'ACTIVE' | 'REMOVED';
  rightsBefore: readonly string[];
  /** null: the user is removed. */
  rightsAfter: readonly string[] | null;
  /** Active administrators of the institution other than this user. */
  otherActiveAdministrators: number;
}): boolean {
  if (a.status !== 'ACTIVE' || !a.rightsBefore.includes(Right.Administrator)) return false;
  const staysAdministrator = a.rightsAfter !== null && a.rightsAfter.includes(Right.Administrator);
  return !staysAdministrator && a.otherActiveAdministrators === 0;
}
