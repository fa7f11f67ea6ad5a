// The venue window of "Mokymo vietos" (§3.4; VENUE-1..VENUE-6, OQ-16): its fields, Lithuanian
// labels, validation, and the structured address (municipality, town, street, building, postcode).
// Also reading an address written on one line (a venue entered before the address had parts, the
// provider's registered office from ŠMIR) into those parts, as far as it can be read. Pure.
import { z } from 'zod';
import { COMMON_FIELD_MESSAGES, tooLong } from './field-rules.ts';

/** VENUE-4: the venue of remote synchronous training is named exactly so. */
export const REMOTE_VENUE_NAME = 'Nuotolinis mokymas';

/** The 60 municipalities of Lithuania, by their official names. */
export const MUNICIPALITIES: readonly string[] = [
  'Akmenės rajono savivaldybė',
  'Alytaus miesto savivaldybė',
  'Alytaus rajono savivaldybė',
  'Anykščių rajono savivaldybė',
  'Birštono savivaldybė',
  'Biržų rajono savivaldybė',
  'Druskininkų savivaldybė',
  'Elektrėnų savivaldybė',
  'Ignalinos rajono savivaldybė',
  'Jonavos rajono savivaldybė',
  'Joniškio rajono savivaldybė',
  'Jurbarko rajono savivaldybė',
  'Kaišiadorių rajono savivaldybė',
  'Kalvarijos savivaldybė',
  'Kauno miesto savivaldybė',
  'Kauno rajono savivaldybė',
  'Kazlų Rūdos savivaldybė',
  'Kėdainių rajono savivaldybė',
  'Kelmės rajono savivaldybė',
  'Klaipėdos miesto savivaldybė',
  'Klaipėdos rajono savivaldybė',
  'Kretingos rajono savivaldybė',
  'Kupiškio rajono savivaldybė',
  'Lazdijų rajono savivaldybė',
  'Marijampolės savivaldybė',
  'Mažeikių rajono savivaldybė',
  'Molėtų rajono savivaldybė',
  'Neringos savivaldybė',
  'Pagėgių savivaldybė',
  'Pakruojo rajono savivaldybė',
  'Palangos miesto savivaldybė',
  'Panevėžio miesto savivaldybė',
  'Panevėžio rajono savivaldybė',
  'Pasvalio rajono savivaldybė',
  'Plungės rajono savivaldybė',
  'Prienų rajono savivaldybė',
  'Radviliškio rajono savivaldybė',
  'Raseinių rajono savivaldybė',
  'Rietavo savivaldybė',
  'Rokiškio rajono savivaldybė',
  'Skuodo rajono savivaldybė',
  'Šakių rajono savivaldybė',
  'Šalčininkų rajono savivaldybė',
  'Šiaulių miesto savivaldybė',
  'Šiaulių rajono savivaldybė',
  'Šilalės rajono savivaldybė',
  'Šilutės rajono savivaldybė',
  'Širvintų rajono savivaldybė',
  'Švenčionių rajono savivaldybė',
  'Tauragės rajono savivaldybė',
  'Telšių rajono savivaldybė',
  'Trakų rajono savivaldybė',
  'Ukmergės rajono savivaldybė',
  'Utenos rajono savivaldybė',
  'Varėnos rajono savivaldybė',
  'Vilkaviškio rajono savivaldybė',
  'Vilniaus miesto savivaldybė',
  'Vilniaus rajono savivaldybė',
  'Visagino savivaldybė',
  'Zarasų rajono savivaldybė',
];

/**
 * Towns whose municipality follows from the name alone: the cities and the centres of the
 * municipalities (a town elsewhere needs its municipality chosen).
 */
const MUNICIPALITY_OF_TOWN: Readonly<Record<string, string>> = {
  Vilnius: 'Vilniaus miesto savivaldybė',
  Kaunas: 'Kauno miesto savivaldybė',
  Klaipėda: 'Klaipėdos miesto savivaldybė',
  Šiauliai: 'Šiaulių miesto savivaldybė',
  Panevėžys: 'Panevėžio miesto savivaldybė',
  Alytus: 'Alytaus miesto savivaldybė',
  Palanga: 'Palangos miesto savivaldybė',
  Neringa: 'Neringos savivaldybė',
  Birštonas: 'Birštono savivaldybė',
  Druskininkai: 'Druskininkų savivaldybė',
  Elektrėnai: 'Elektrėnų savivaldybė',
  Visaginas: 'Visagino savivaldybė',
  Marijampolė: 'Marijampolės savivaldybė',
  Kalvarija: 'Kalvarijos savivaldybė',
  'Kazlų Rūda': 'Kazlų Rūdos savivaldybė',
  Rietavas: 'Rietavo savivaldybė',
  Pagėgiai: 'Pagėgių savivaldybė',
  'Naujoji Akmenė': 'Akmenės rajono savivaldybė',
  Anykščiai: 'Anykščių rajono savivaldybė',
  Biržai: 'Biržų rajono savivaldybė',
  Ignalina: 'Ignalinos rajono savivaldybė',
  Jonava: 'Jonavos rajono savivaldybė',
  Joniškis: 'Joniškio rajono savivaldybė',
  Jurbarkas: 'Jurbarko rajono savivaldybė',
  Kaišiadorys: 'Kaišiadorių rajono savivaldybė',
  Kėdainiai: 'Kėdainių rajono savivaldybė',
  Kelmė: 'Kelmės rajono savivaldybė',
  Kretinga: 'Kretingos rajono savivaldybė',
  Kupiškis: 'Kupiškio rajono savivaldybė',
  Lazdijai: 'Lazdijų rajono savivaldybė',
  Mažeikiai: 'Mažeikių rajono savivaldybė',
  Molėtai: 'Molėtų rajono savivaldybė',
  Pakruojis: 'Pakruojo rajono savivaldybė',
  Pasvalys: 'Pasvalio rajono savivaldybė',
  Plungė: 'Plungės rajono savivaldybė',
  Prienai: 'Prienų rajono savivaldybė',
  Radviliškis: 'Radviliškio rajono savivaldybė',
  Raseiniai: 'Raseinių rajono savivaldybė',
  Rokiškis: 'Rokiškio rajono savivaldybė',
  Skuodas: 'Skuodo rajono savivaldybė',
  Šakiai: 'Šakių rajono savivaldybė',
  Šalčininkai: 'Šalčininkų rajono savivaldybė',
  Šilalė: 'Šilalės rajono savivaldybė',
  Šilutė: 'Šilutės rajono savivaldybė',
  Širvintos: 'Širvintų rajono savivaldybė',
  Švenčionys: 'Švenčionių rajono savivaldybė',
  Tauragė: 'Tauragės rajono savivaldybė',
  Telšiai: 'Telšių rajono savivaldybė',
  Trakai: 'Trakų rajono savivaldybė',
  Ukmergė: 'Ukmergės rajono savivaldybė',
  Utena: 'Utenos rajono savivaldybė',
  Varėna: 'Varėnos rajono savivaldybė',
  Vilkaviškis: 'Vilkaviškio rajono savivaldybė',
  Zarasai: 'Zarasų rajono savivaldybė',
};

export interface VenueAddress {
  municipality: string;
  /** Miestas or gyvenvietė (town, village). */
  city: string;
  street: string;
  /** Namo numeris, e.g. 1, 12A, 5-3. */
  building: string;
  /** Normalised: LT-01103. */
  postalCode: string;
}

export interface VenueFormValue extends VenueAddress {
  name: string;
}

export type VenueFormField = keyof VenueFormValue;

/** Labels in the window's order (VENUE-6: the address from the municipality down to the postcode). */
export const VENUE_FORM_LABELS: Record<VenueFormField, string> = {
  name: 'Mokymo vietos pavadinimas',
  municipality: 'Savivaldybė',
  city: 'Miestas / gyvenvietė',
  street: 'Gatvė',
  building: 'Namo numeris',
  postalCode: 'Pašto kodas',
};

export const VENUE_ADDRESS_FIELDS: readonly (keyof VenueAddress)[] = ['municipality', 'city', 'street', 'building', 'postalCode'];

export type VenueFieldErrors = Partial<Record<VenueFormField, string>>;
export type VenueFormInput = Record<string, string | string[] | undefined>;

export const VENUE_FORM_MESSAGES = {
  ...COMMON_FIELD_MESSAGES,
  municipality: 'Pasirinkite savivaldybę iš sąrašo.',
  city: 'Miesto ar gyvenvietės pavadinimą gali sudaryti tik raidės, tarpai, taškai ir brūkšneliai (pvz., Vilnius, Dusmenų k.).',
  building: 'Nurodykite namo numerį, pvz., 1, 12A arba 5-3.',
  postalCode: 'Pašto kodą sudaro 5 skaitmenys, pvz., LT-01103.',
  nameTaken: 'Mokymo vieta tokiu pavadinimu jau yra institucijos sąraše: pavadinimas turi skirtis (pvz., nurodykite ir miestą).',
} as const;

const M = VENUE_FORM_MESSAGES;

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

const BUILDING = /^\d+\p{L}?(?:\s*[-/]\s*\d+\p{L}?)?$/u;
const POSTAL_CODE = /^(?:LT)?\s*-?\s*(\d{5})$/i;

const fields: Record<VenueFormField, z.ZodType<string, string>> = {
  name: required(200),
  municipality: required(100).refine((s) => MUNICIPALITIES.includes(s), { error: M.municipality }),
  city: required(100).refine((s) => /^\p{L}[\p{L}\p{M} .'’()-]*$/u.test(s), { error: M.city }),
  street: required(150),
  building: required(20)
    .refine((s) => BUILDING.test(s), { error: M.building })
    .transform((s) => s.replace(/\s*([-/])\s*/g, '$1').toLocaleUpperCase('lt')),
  postalCode: required(20)
    .refine((s) => POSTAL_CODE.test(s), { error: M.postalCode })
    .transform((s) => `LT-${POSTAL_CODE.exec(s)![1]!}`),
};

/** How names compare: without surrounding or repeated spaces, regardless of letter case. */
export function venueNameKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('lt');
}

export function isRemoteVenueName(name: string): boolean {
  return venueNameKey(name) === venueNameKey(REMOTE_VENUE_NAME);
}

function text(input: VenueFormInput, key: string): string {
  const v = input[key];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}

type VenueFormResult = { ok: true; value: VenueFormValue } | { ok: false; errors: VenueFieldErrors };

/**
 * VENUE-2: every field is required. `takenNames` are the institution's other venues' names: two
 * venues of one name could not be told apart in the selectors that list them (VENUE-3).
 */
export function validateVenue(input: VenueFormInput, refs: { takenNames: readonly string[] }): VenueFormResult {
  const errors: VenueFieldErrors = {};
  const value: Partial<VenueFormValue> = {};
  for (const field of Object.keys(VENUE_FORM_LABELS) as VenueFormField[]) {
    const parsed = fields[field].safeParse(text(input, field));
    if (parsed.success) value[field] = parsed.data;
    else errors[field] = parsed.error.issues[0]?.message ?? M.required;
  }
  if (value.name !== undefined) {
    const key = venueNameKey(value.name);
    if (refs.takenNames.some((n) => venueNameKey(n) === key)) errors.name = M.nameTaken;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: value as VenueFormValue };
}

/** The address on one line, as lists and documents show it. */
export function formatAddress(a: VenueAddress): string {
  return `${a.street} ${a.building}, ${a.postalCode} ${a.city}, ${a.municipality}`;
}

// ---- Reading an address written on one line ----------------------------------------------------

/** A municipality as addresses abbreviate it ("Trakų r. sav.", "Kauno m. sav.") by its official name. */
export function municipalityFromText(textValue: string): string | undefined {
  const t = textValue.trim().replace(/\s+/g, ' ');
  const exact = MUNICIPALITIES.find((m) => m.toLocaleLowerCase('lt') === t.toLocaleLowerCase('lt'));
  if (exact) return exact;
  const forms: [RegExp, string][] = [
    [/^(.+?) (?:r\.|raj\.|rajono)(?: (?:sav\.|savivaldybė))?$/iu, 'rajono savivaldybė'],
    [/^(.+?) (?:m\.|miesto) (?:sav\.|savivaldybė)$/iu, 'miesto savivaldybė'],
    [/^(.+?) (?:sav\.|savivaldybė)$/iu, 'savivaldybė'],
  ];
  for (const [form, kind] of forms) {
    const match = form.exec(t);
    if (!match) continue;
    const candidate = `${match[1]!} ${kind}`.toLocaleLowerCase('lt');
    const found = MUNICIPALITIES.find((m) => m.toLocaleLowerCase('lt') === candidate);
    if (found) return found;
  }
  return undefined;
}

/** The municipality of a city or municipality centre; undefined for other towns. */
function municipalityOfTown(town: string): string | undefined {
  const key = town.trim().toLocaleLowerCase('lt');
  const entry = Object.entries(MUNICIPALITY_OF_TOWN).find(([t]) => t.toLocaleLowerCase('lt') === key);
  return entry?.[1];
}

const STREET_AND_BUILDING = /^(.+?)\s+(\d+\p{L}?(?:\s*[-/]\s*\d+\p{L}?)?)$/u;
const POSTAL_IN_TEXT = /(?:^|\s)(?:LT\s*-?\s*)(\d{5})(?=\s|$)|^(\d{5})(?=\s|$)/iu;
const STREET_WORD =
  /(?:^|\s)(?:g\.|gatvė|pr\.|prospektas|al\.|alėja|a\.|aikštė|skg\.|skersgatvis|pl\.|plentas|kel\.|kelias|tak\.|takas|krant\.|krantinė)$/iu;

/**
 * The parts of an address written on one line ("Gedimino pr. 1, LT-01103 Vilnius"), as far as
 * they can be told; a part that cannot be told is left out (the person completes it).
 */
export function parseAddress(line: string): Partial<VenueAddress> {
  const result: Partial<VenueAddress> = {};
  const towns: string[] = [];
  for (const raw of line.split(/[,;\n]/)) {
    let part = raw.trim().replace(/\s+/g, ' ');
    if (part === '') continue;
    const postal = POSTAL_IN_TEXT.exec(part);
    if (postal) {
      result.postalCode ??= `LT-${postal[1] ?? postal[2]!}`;
      part = part.replace(postal[0], ' ').trim();
      if (part === '') continue;
    }
    const municipality = municipalityFromText(part);
    if (municipality) {
      result.municipality ??= municipality;
      continue;
    }
    const street = STREET_AND_BUILDING.exec(part);
    if (street && result.street === undefined) {
      result.street = street[1]!;
      result.building = street[2]!.replace(/\s*([-/])\s*/g, '$1').toLocaleUpperCase('lt');
      continue;
    }
    if (result.street === undefined && STREET_WORD.test(part)) {
      result.street = part;
      continue;
    }
    if (/^\p{L}[\p{L}\p{M} .'’()-]*$/u.test(part)) towns.push(part);
  }
  if (towns.length > 0) result.city = towns[0]!;
  if (result.municipality === undefined && result.city !== undefined) {
    const municipality = municipalityOfTown(result.city);
    if (municipality) result.municipality = municipality;
  }
  return result;
}

export function isAddressComplete(a: Partial<Record<keyof VenueAddress, string | null | undefined>>): a is VenueAddress {
  return VENUE_ADDRESS_FIELDS.every((f) => typeof a[f] === 'string' && a[f] !== '');
}

// ---- The provider's registered office (VENUE-4) -------------------------------------------------

export interface SeatAddress {
  /** As the registry gives it, for the person to compare with. */
  text: string;
  parts: Partial<VenueAddress>;
}

const OBJECT_KEYS: Record<keyof VenueAddress, readonly string[]> = {
  municipality: ['municipality', 'savivaldybe', 'savivaldybė'],
  city: ['city', 'town', 'settlement', 'locality', 'miestas', 'gyvenviete', 'gyvenvietė'],
  street: ['street', 'gatve', 'gatvė'],
  building: ['building', 'house', 'houseNumber', 'house_number', 'buildingNumber', 'building_number', 'namas', 'namoNumeris'],
  postalCode: ['postalCode', 'postal_code', 'postcode', 'zip', 'pastoKodas', 'pasto_kodas'],
};
const OBJECT_TEXT_KEYS = ['text', 'full', 'fullAddress', 'line', 'value', 'address'];

/**
 * The registered office address from the institution's ŠMIR record (`address`: a line of text, or
 * an object with parts); null when the record has none.
 */
export function seatAddressFromSmir(smirData: Record<string, unknown> | null | undefined): SeatAddress | null {
  const raw = smirData?.address;
  if (typeof raw === 'string') {
    const line = raw.trim();
    return line === '' ? null : { text: line, parts: parseAddress(line) };
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const record = raw as Record<string, unknown>;
  const stringAt = (keys: readonly string[]) => {
    for (const k of keys) {
      const v = record[k];
      if (typeof v === 'string' && v.trim() !== '') return v.trim().replace(/\s+/g, ' ');
      if (typeof v === 'number') return String(v);
    }
    return undefined;
  };
  const line = stringAt(OBJECT_TEXT_KEYS);
  const parts: Partial<VenueAddress> = line ? parseAddress(line) : {};
  for (const field of VENUE_ADDRESS_FIELDS) {
    const v = stringAt(OBJECT_KEYS[field]);
    if (v !== undefined) parts[field] = v;
  }
  if (parts.municipality !== undefined) parts.municipality = municipalityFromText(parts.municipality) ?? parts.municipality;
  if (parts.postalCode !== undefined && POSTAL_CODE.test(parts.postalCode))
    parts.postalCode = `LT-${POSTAL_CODE.exec(parts.postalCode)![1]!}`;
  if (parts.municipality === undefined && parts.city !== undefined) {
    const municipality = municipalityOfTown(parts.city);
    if (municipality) parts.municipality = municipality;
  }
  const textValue = line ?? (isAddressComplete(parts) ? formatAddress(parts) : Object.values(parts).join(', '));
  return textValue === '' ? null : { text: textValue, parts };
}

/** The seat address as the remote venue's address, if every part of it is known and valid. */
export function remoteVenueFromSeat(seat: SeatAddress | null): VenueFormValue | null {
  if (!seat) return null;
  const checked = validateVenue({ ...seat.parts, name: REMOTE_VENUE_NAME }, { takenNames: [] });
  return checked.ok ? checked.value : null;
}
