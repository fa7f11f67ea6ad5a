// Application "Institucijos informacija" (manual §3.2; INST-1..INST-12): the tab "Institucijos
// informacija" (its fields, Lithuanian labels and validation) and what the read-only tab "ŠMIR
// informacija" shows of the registry's record. Pure.
import { z } from 'zod';
import { checkIban, type IbanCheck } from './iban.ts';
import { COMMON_FIELD_MESSAGES, phoneNumber, tooLong } from './field-rules.ts';

/** The tab "Institucijos informacija" as saved (INST-3..INST-6). */
export interface InstitutionInfoValue {
  /** Short description for publicity on KURSUOK (INST-3, INST-7); optional. */
  description: string | null;
  /** The person responsible for implementing learning programmes (INST-4; printed on certificates, INST-6). */
  contactFirstName: string;
  contactLastName: string;
  contactPosition: string;
  contactPhone: string;
  contactEmail: string;
  /** Bank details printed in learning contracts (INST-5): the IBAN normalised (no spaces, capitals). */
  iban: string;
  bankName: string;
}

export type InstitutionInfoField = keyof InstitutionInfoValue;

export const INSTITUTION_INFO_LABELS: Record<InstitutionInfoField, string> = {
  description: 'Trumpas institucijos aprašymas',
  contactFirstName: 'Vardas',
  contactLastName: 'Pavardė',
  contactPosition: 'Pareigos',
  contactPhone: 'Telefonas',
  contactEmail: 'El. paštas',
  iban: 'Sąskaitos numeris (IBAN)',
  bankName: 'Banko pavadinimas',
};

export type InstitutionInfoErrors = Partial<Record<InstitutionInfoField, string>>;
export type InstitutionInfoInput = Record<string, string | string[] | undefined>;

export const DESCRIPTION_MAX = 2000;

export const INSTITUTION_INFO_MESSAGES = {
  ...COMMON_FIELD_MESSAGES,
  ibanFormat: 'IBAN prasideda šalies kodu ir dviem kontroliniais skaitmenimis, pvz., LT12 1000 0111 0100 1000.',
  ibanChecksum: 'Neteisingas sąskaitos numeris (IBAN): nesutampa kontroliniai skaitmenys. Patikrinkite, ar nesupainioti skaitmenys.',
} as const;

const M = INSTITUTION_INFO_MESSAGES;

/** The Lithuanian message for an IBAN that failed its check. */
function ibanMessage(check: Exclude<IbanCheck, { ok: true }>): string {
  switch (check.reason) {
    case 'empty':
      return M.required;
    case 'format':
      return M.ibanFormat;
    case 'length':
      return check.expectedLength === null
        ? `Neteisingas IBAN ilgis: jį sudaro nuo 15 iki 34 simbolių.`
        : `Neteisingas IBAN ilgis: ${check.country} sąskaitos numerį sudaro ${check.expectedLength} simbolių.`;
    case 'checksum':
      return M.ibanChecksum;
  }
}

const required = (max: number) =>
  z
    .string()
    .min(1, { error: M.required })
    .max(max, { error: tooLong(max) });

const name = required(100).regex(/^[\p{L}][\p{L}\p{M} .'’-]*$/u, { error: M.name });

const fields = {
  description: z
    .string()
    .max(DESCRIPTION_MAX, { error: tooLong(DESCRIPTION_MAX) })
    .transform((s) => (s === '' ? null : s)),
  contactFirstName: name,
  contactLastName: name,
  contactPosition: required(200),
  contactPhone: phoneNumber(M),
  contactEmail: required(254).pipe(z.email({ error: M.email })),
  iban: z.string().transform((s, ctx) => {
    const check = checkIban(s);
    if (check.ok) return check.iban;
    ctx.addIssue({ code: 'custom', message: ibanMessage(check) });
    return z.NEVER;
  }),
  bankName: required(200),
};

function text(input: InstitutionInfoInput, key: string): string {
  const v = input[key];
  const s = Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
  // The description keeps its line breaks (normalised to \n); other fields are one line.
  return key === 'description' ? s.replace(/\r\n?/g, '\n').trim() : s.trim();
}

type InstitutionInfoResult = { ok: true; value: InstitutionInfoValue } | { ok: false; errors: InstitutionInfoErrors };

/** The tab's form: every field checked, every error at once, in the form's order. */
export function validateInstitutionInfo(input: InstitutionInfoInput): InstitutionInfoResult {
  const errors: InstitutionInfoErrors = {};
  const values: Record<string, unknown> = {};
  for (const [field, schema] of Object.entries(fields)) {
    const parsed = schema.safeParse(text(input, field));
    if (parsed.success) values[field] = parsed.data;
    else errors[field as InstitutionInfoField] = parsed.error.issues[0]?.message ?? M.required;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: values as unknown as InstitutionInfoValue };
}

// ---- "ŠMIR informacija" (INST-10, INST-11) --------------------------------------------------------

type SmirField =
  'code' | 'nameLt' | 'nameEn' | 'abbreviation' | 'address' | 'email' | 'website' | 'headEmail' | 'headPhone' | 'lastEditDate';

/** §3.2.2's fields in its order, with the keys a ŠMIR record may carry each under (the first one present wins). */
export const SMIR_FIELDS: readonly { field: SmirField; label: string; keys: readonly string[] }[] = [
  { field: 'code', label: 'Juridinio asmens kodas', keys: ['legalEntityCode', 'code', 'juridinioAsmensKodas'] },
  { field: 'nameLt', label: 'Institucijos pavadinimas lietuvių kalba', keys: ['nameLt', 'name', 'pavadinimas'] },
  { field: 'nameEn', label: 'Institucijos pavadinimas anglų kalba', keys: ['nameEn', 'englishName', 'nameEnglish', 'pavadinimasEn'] },
  { field: 'abbreviation', label: 'Trumpinys', keys: ['abbreviation', 'shortName', 'trumpinys'] },
  { field: 'address', label: 'Adresas', keys: ['address', 'adresas'] },
  { field: 'email', label: 'El. paštas', keys: ['email', 'elPastas'] },
  { field: 'website', label: 'Internetinės svetainės adresas', keys: ['website', 'websiteUrl', 'web', 'url', 'svetaine'] },
  { field: 'headEmail', label: 'Vadovo el. paštas', keys: ['headEmail', 'managerEmail', 'vadovoElPastas'] },
  { field: 'headPhone', label: 'Vadovo telefono numeris', keys: ['headPhone', 'headTelephone', 'managerPhone', 'vadovoTelefonas'] },
  {
    field: 'lastEditDate',
    label: 'Paskutinė redagavimo data',
    keys: [
      'lastEditedOn',
      'lastEditDate',
      'lastEditedAt',
      'lastEdited',
      'lastModified',
      'lastModifiedAt',
      'modifiedAt',
      'updatedAt',
      'paskutineRedagavimoData',
    ],
  },
];

export const SMIR_REFRESHED_LABEL = 'Paskutinio atnaujinimo iš registro data';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function display(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    const parts = value.map(display).filter((v): v is string => v !== null);
    return parts.length ? parts.join(', ') : null;
  }
  if (typeof value === 'object') {
    // e.g. an address as { street, city, postCode }: its parts in the order given.
    return display(Object.values(value as Record<string, unknown>));
  }
  return null;
}

/**
 * The §3.2.2 values of a ŠMIR record (null where the record has none). A date-time is shown as its
 * calendar date in Vilnius: `toDate` turns an instant into 'YYYY-MM-DD' (calendar.vilniusDate).
 */
export function smirValues(record: Record<string, unknown> | null, toDate: (instant: Date) => string): Record<SmirField, string | null> {
  const out = {} as Record<SmirField, string | null>;
  for (const { field, keys } of SMIR_FIELDS) {
    let value: string | null = null;
    for (const key of keys) {
      value = record ? display(record[key]) : null;
      if (value !== null) break;
    }
    if (
      field === 'lastEditDate' &&
      value !== null &&
      !ISO_DATE.test(value) &&
      ISO_INSTANT.test(value) &&
      !Number.isNaN(Date.parse(value))
    ) {
      value = toDate(new Date(value));
    }
    out[field] = value;
  }
  return out;
}
