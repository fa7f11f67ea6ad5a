// The programme window of "Licencijuotų mokymo programų sąrašas" (§3.6; LIC-1..LIC-19, OQ-18):
// its labels, the training modes, the languages of instruction, the contact hours (theoretical +
// practical; self-study is never counted), validation of everything the provider enters, and which
// of the institution's licensed programmes ("Licencijų registras") may be delivered at a venue of
// "Mokymo vietos" (LIC-16). Pure: the registry data comes in as arguments.
import { z } from 'zod';
import { parseAddress } from './venue.ts';

// ---- Labels (the manual's terms) ---------------------------------------------------------------

export const LICENSED_APP = 'Licencijuotų mokymo programų sąrašas';
/** LIC-2. */
export const NEW_PROGRAMME_BUTTON = 'Įtraukti naują programą';
/** LIC-12. */
export const ADD_WHOLE_BUTTON = 'Įtraukti visą programą';
/** LIC-13. */
export const ADD_MODULE_BUTTON = 'Įtraukti atskirą modulį';
/** LIC-15. */
export const MENU_LABEL = 'Meniu';
export const SUSPEND_ACTION = 'Stabdyti mokymo programą';

export const LICENSED_FORM_LABELS = {
  venueId: 'Mokymo vieta',
  programmeCode: 'Programų sąrašas',
  moduleCode: 'Modulių sąrašas',
  trainingMode: 'Mokymo būdas',
  languages: 'Mokymo kalbos',
  theoryHours: 'Teorinio kontaktinio darbo trukmė',
  practiceHours: 'Praktinio kontaktinio darbo trukmė',
  contactHours: 'Kontaktinio darbo trukmė valandomis',
  selfStudyHours: 'Savarankiško darbo trukmė',
} as const;

export type LicensedFormField = keyof typeof LICENSED_FORM_LABELS;
export type LicensedFieldErrors = Partial<Record<LicensedFormField, string>>;
export type LicensedFormInput = Record<string, string | string[] | undefined>;

/**
 * LIC-7, OQ-18: "mokymo būdas". The manual names only "Mišrus"; the other two labels are the
 * suggested ones of OQ-18 (contact, remote synchronous) until the funder confirms them.
 */
export const TRAINING_MODES = {
  KONTAKTINIS: 'Kontaktinis',
  NUOTOLINIS_SINCHRONINIS: 'Nuotolinis sinchroninis',
  MISRUS: 'Mišrus',
} as const;
export type TrainingMode = keyof typeof TRAINING_MODES;
export const TRAINING_MODE_KEYS = Object.keys(TRAINING_MODES) as TrainingMode[];

export function isTrainingMode(value: unknown): value is TrainingMode {
  return typeof value === 'string' && (TRAINING_MODE_KEYS as string[]).includes(value);
}

/**
 * LIC-8: the languages of instruction the provider ticks, stored as the group window offers them
 * (GRP-7: a group's "Mokymo kalba" is one of its programme's languages).
 */
export const TEACHING_LANGUAGES = ['lietuvių', 'anglų', 'rusų', 'lenkų', 'ukrainiečių', 'vokiečių', 'prancūzų'] as const;

/** LIC-1: the four kinds of item, by what is added (whole programme or module) and the SMPKR programme's kind. */
export type SmpkrProgrammeKind = 'FORMAL_VET' | 'NONFORMAL_VET';

/** programmes.kind of an added item: the SMPKR programme's kind, or VET_MODULE for a module. */
export type LicensedKind = SmpkrProgrammeKind | 'VET_MODULE';
export const LICENSED_KINDS: readonly LicensedKind[] = ['FORMAL_VET', 'NONFORMAL_VET', 'VET_MODULE'];

/** LIC-1's names of the four kinds. */
export function licensedKindLabel(kind: string, programmeKind: string | null | undefined): string {
  if (kind === 'VET_MODULE')
    return programmeKind === 'NONFORMAL_VET' ? 'Neformaliojo profesinio mokymo programos modulis' : 'Profesinio mokymo programos modulis';
  if (kind === 'NONFORMAL_VET') return 'Neformaliojo profesinio mokymo programa';
  return 'Formaliojo pirminio / tęstinio profesinio mokymo programa';
}

export const LICENSED_FORM_MESSAGES = {
  venue: 'Pasirinkite mokymo vietą.',
  programme: 'Pasirinkite programą iš sąrašo.',
  notLicensed: 'Pagal Licencijų registrą šios programos pasirinktoje mokymo vietoje vykdyti negalima.',
  unknownProgramme: 'Programa SMPKR registre nerasta: jos įtraukti negalima.',
  cancelled: 'Programa SMPKR registre nebegalioja: jos įtraukti negalima.',
  module: 'Pasirinkite modulį iš sąrašo.',
  notAModule: 'Pasirinktas modulis nėra šios programos modulis.',
  trainingMode: 'Pasirinkite mokymo būdą.',
  languages: 'Pažymėkite bent vieną mokymo kalbą.',
  unknownLanguage: 'Pažymėkite mokymo kalbas iš sąrašo.',
  hoursRequired: 'Privalomas laukas: nurodykite valandų skaičių (0, jei tokio darbo nėra).',
  hours: 'Nurodykite neneigiamą akademinių valandų skaičių, pvz., 40 arba 12,5 (ne daugiau kaip 2 skaitmenys po kablelio).',
  hoursTooMany: `Ne daugiau kaip ${formatHoursNumber(9999)} valandų.`,
  contactZero: 'Kontaktinio darbo trukmė turi būti didesnė už 0: nurodykite teorinio ar praktinio kontaktinio darbo valandas.',
  duplicateProgramme: 'Ši programa šioje mokymo vietoje jau įtraukta ir nesustabdyta.',
  duplicateModule: 'Šis modulis šioje mokymo vietoje jau įtrauktas ir nesustabdytas.',
} as const;

const M = LICENSED_FORM_MESSAGES;

// ---- Hours (LIC-9..LIC-11, LIC-19) ---------------------------------------------------------------

const MAX_HOURS = 9999;

/** Hours are kept in hundredths so that sums are exact (numeric(8, 2) in Postgres). */
const HOURS = /^(\d{1,4})(?:[.,](\d{1,2}))?$/;

/** A typed number of academic hours: non-negative, at most two decimals, "12,5" or "12.5". */
type HoursParse = { ok: true; hundredths: number } | { ok: false; reason: 'empty' | 'invalid' | 'too_many' };

export function parseHours(raw: string): HoursParse {
  const t = raw.trim().replace(/\s+/g, '');
  if (t === '') return { ok: false, reason: 'empty' };
  const m = HOURS.exec(t);
  if (!m) return /^\d+(?:[.,]\d{1,2})?$/.test(t) ? { ok: false, reason: 'too_many' } : { ok: false, reason: 'invalid' };
  const hundredths = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  if (hundredths > MAX_HOURS * 100) return { ok: false, reason: 'too_many' };
  return { ok: true, hundredths };
}

/** LIC-10, LIC-11: contact hours = theoretical + practical; self-study hours are not counted. */
export function contactHours(h: { theory: number; practice: number }): number {
  return (Math.round(h.theory * 100) + Math.round(h.practice * 100)) / 100;
}

/** Hours as people read them: "120", "12,5", "0,25". */
export function formatHoursNumber(hours: number): string {
  const hundredths = Math.round(hours * 100);
  const whole = Math.trunc(hundredths / 100);
  const frac = hundredths % 100;
  if (frac === 0) return String(whole);
  return `${whole},${String(frac).padStart(2, '0').replace(/0$/, '')}`;
}

/** Postgres numeric text ("120.00") as people read it. */
export function formatHoursText(value: string | null | undefined): string {
  if (value === null || value === undefined || value.trim() === '') return '—';
  const n = Number(value);
  return Number.isFinite(n) ? formatHoursNumber(n) : value;
}

/** Hundredths as numeric text for Postgres ("120.00"). */
export function hoursToNumeric(hundredths: number): string {
  return `${Math.trunc(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
}

/**
 * The live "Kontaktinio darbo trukmė valandomis" of what is typed so far: an empty field counts as
 * 0, a wrong one makes the sum unknown (null) until it is corrected.
 */
export function contactHoursPreview(input: LicensedFormInput): number | null {
  let sum = 0;
  for (const key of ['theoryHours', 'practiceHours'] as const) {
    const raw = text(input, key);
    if (raw.trim() === '') continue;
    const parsed = parseHours(raw);
    if (!parsed.ok) return null;
    sum += parsed.hundredths;
  }
  return sum / 100;
}

// ---- The window's validation -----------------------------------------------------------------------

/** Which button was pressed: "Įtraukti visą programą" or "Įtraukti atskirą modulį". */
type AddTarget = 'programme' | 'module';

export interface LicensedProgrammeValue {
  venueId: string;
  /** The SMPKR programme. */
  programmeCode: string;
  /** The module added on its own (LIC-13); null for the whole programme. */
  moduleCode: string | null;
  trainingMode: TrainingMode;
  languages: string[];
  /** In hundredths of an academic hour. */
  theoryHundredths: number;
  practiceHundredths: number;
}

/** What the registries and the institution's data allow at validation time (the route reads them). */
export interface LicensedProgrammeRefs {
  /** The institution's venues ("Mokymo vietos"). */
  venueIds: readonly string[];
  /** LIC-16: the programmes licensed at the chosen venue (empty when no venue is chosen). */
  licensedCodes: readonly string[];
  /** The chosen programme's status in SMPKR (null when none is chosen or it is unknown). */
  programmeStatus: 'ACTIVE' | 'CANCELLED' | null;
  /** The chosen programme's modules in SMPKR. */
  moduleCodes: readonly string[];
}

function text(input: LicensedFormInput, key: string): string {
  const v = input[key];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}

/** A check-box list: nothing, one value, or several. */
export function list(input: LicensedFormInput, key: string): string[] {
  const v = input[key];
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).filter((s) => s !== '');
}

export function addTargetOf(input: LicensedFormInput): AddTarget {
  return text(input, 'itraukti') === 'modulis' ? 'module' : 'programme';
}

const hoursField = z.string().transform((s, ctx) => {
  const parsed = parseHours(s);
  if (parsed.ok) return parsed.hundredths;
  ctx.addIssue({
    code: 'custom',
    message: parsed.reason === 'empty' ? M.hoursRequired : parsed.reason === 'too_many' ? M.hoursTooMany : M.hours,
  });
  return z.NEVER;
});

type LicensedFormResult = { ok: true; value: LicensedProgrammeValue } | { ok: false; errors: LicensedFieldErrors };

/**
 * Every field at once (so that every problem is shown together): the venue, the programme licensed
 * there (LIC-16), the module when one is added on its own (LIC-13), the training mode (LIC-7), at
 * least one language (LIC-8) and the non-negative hours (LIC-9, LIC-19) whose sum is not 0.
 */
export function validateLicensedProgramme(input: LicensedFormInput, target: AddTarget, refs: LicensedProgrammeRefs): LicensedFormResult {
  const errors: LicensedFieldErrors = {};
  const venueId = text(input, 'venueId').trim();
  if (!refs.venueIds.includes(venueId)) errors.venueId = M.venue;

  const programmeCode = text(input, 'programmeCode').trim();
  if (programmeCode === '') errors.programmeCode = M.programme;
  else if (!errors.venueId) {
    if (!refs.licensedCodes.includes(programmeCode)) errors.programmeCode = M.notLicensed;
    else if (refs.programmeStatus === null) errors.programmeCode = M.unknownProgramme;
    else if (refs.programmeStatus === 'CANCELLED') errors.programmeCode = M.cancelled;
  }

  let moduleCode: string | null = null;
  if (target === 'module') {
    moduleCode = text(input, 'moduleCode').trim();
    if (moduleCode === '') errors.moduleCode = M.module;
    else if (!errors.programmeCode && !refs.moduleCodes.includes(moduleCode)) errors.moduleCode = M.notAModule;
  }

  const mode = text(input, 'trainingMode');
  if (!isTrainingMode(mode)) errors.trainingMode = M.trainingMode;

  const languages = list(input, 'languages');
  if (languages.length === 0) errors.languages = M.languages;
  else if (languages.some((l) => !(TEACHING_LANGUAGES as readonly string[]).includes(l))) errors.languages = M.unknownLanguage;

  const theory = hoursField.safeParse(text(input, 'theoryHours'));
  const practice = hoursField.safeParse(text(input, 'practiceHours'));
  if (!theory.success) errors.theoryHours = theory.error.issues[0]?.message ?? M.hours;
  if (!practice.success) errors.practiceHours = practice.error.issues[0]?.message ?? M.hours;
  if (theory.success && practice.success && theory.data + practice.data === 0) errors.contactHours = M.contactZero;

  if (Object.keys(errors).length > 0 || !theory.success || !practice.success) return { ok: false, errors };
  return {
    ok: true,
    value: {
      venueId,
      programmeCode,
      moduleCode,
      trainingMode: mode as TrainingMode,
      // In the list's order, each once.
      languages: TEACHING_LANGUAGES.filter((l) => languages.includes(l)),
      theoryHundredths: theory.data,
      practiceHundredths: practice.data,
    },
  };
}

// ---- LIC-16: the programmes licensed at a venue ------------------------------------------------------

/** The parts of a licence this rule reads (activities/registries/licenses.ts Licence). */
export interface LicenceLike {
  number: string;
  status: string;
  venues: readonly { id: string; address: string; programmes: readonly { code: string; name: string; validFrom: string }[] }[];
}

/** A venue of "Mokymo vietos": its one-line address and, when saved in the venue window, its parts. */
interface VenueAddressLike {
  address: string;
  street?: string | null;
  building?: string | null;
  postal_code?: string | null;
  city?: string | null;
}

export interface LicensedOffer {
  code: string;
  name: string;
  validFrom: string;
  licenceNumber: string;
  /** The venue's address as the licence gives it. */
  licenceAddress: string;
}

const norm = (s: string | null | undefined) => (s ?? '').toLocaleLowerCase('lt').replace(/\s+/g, ' ').trim();
const normPostal = (s: string | null | undefined) => (s ?? '').replace(/\D/g, '');

/**
 * Whether a venue of "Mokymo vietos" is the place a licence names. The registry writes the address
 * on one line ("Gedimino pr. 1, LT-01103 Vilnius"); a venue saved in the venue window has it in
 * parts, with the municipality added. The same line matches; otherwise street and building must be
 * the same, and the postcode and the town wherever both sides have them (at least one of the two).
 */
export function venueIsAt(venue: VenueAddressLike, licenceAddress: string): boolean {
  if (norm(venue.address) !== '' && norm(venue.address) === norm(licenceAddress)) return true;
  const l = parseAddress(licenceAddress);
  const parsed = parseAddress(venue.address);
  const v = {
    street: venue.street || parsed.street,
    building: venue.building || parsed.building,
    postalCode: venue.postal_code || parsed.postalCode,
    city: venue.city || parsed.city,
  };
  if (!l.street || !l.building || !v.street || !v.building) return false;
  if (norm(l.street) !== norm(v.street) || norm(l.building) !== norm(v.building)) return false;
  let compared = 0;
  if (l.postalCode && v.postalCode) {
    if (normPostal(l.postalCode) !== normPostal(v.postalCode)) return false;
    compared++;
  }
  if (l.city && v.city) {
    if (norm(l.city) !== norm(v.city)) return false;
    compared++;
  }
  return compared > 0;
}

/**
 * LIC-16: the programmes the institution may deliver at the venue, from its valid licences whose
 * venue is this one, by code (each once: the first licence naming it).
 */
export function programmesLicensedAt(licences: readonly LicenceLike[], venue: VenueAddressLike): LicensedOffer[] {
  const found = new Map<string, LicensedOffer>();
  for (const licence of licences) {
    if (licence.status !== 'VALID') continue;
    for (const place of licence.venues) {
      if (!venueIsAt(venue, place.address)) continue;
      for (const p of place.programmes) {
        if (!found.has(p.code))
          found.set(p.code, {
            code: p.code,
            name: p.name,
            validFrom: p.validFrom,
            licenceNumber: licence.number,
            licenceAddress: place.address,
          });
      }
    }
  }
  return [...found.values()].sort((a, b) => a.code.localeCompare(b.code));
}

/** The remark "Institucijos mokymosi programos" shows for a suspended item (PROG-5, LIC-18). */
export function suspensionRemark(vilniusDate: string): string {
  return `Mokymo programa sustabdyta ${vilniusDate}.`;
}
