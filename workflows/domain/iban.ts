// IBAN (ISO 13616): the institution's bank account printed in learning contracts (INST-5). Pure:
// normalising what a person typed, the country's length, and the ISO 7064 MOD 97-10 check digits.

/**
 * IBAN lengths of the SEPA countries (SWIFT IBAN registry). An IBAN of another country is
 * accepted with any length the standard allows (15–34) when its check digits are right.
 */
const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24,
  AT: 20,
  BE: 16,
  BG: 22,
  CH: 21,
  CY: 28,
  CZ: 24,
  DE: 22,
  DK: 18,
  EE: 20,
  ES: 24,
  FI: 18,
  FR: 27,
  GB: 22,
  GI: 23,
  GR: 27,
  HR: 21,
  HU: 28,
  IE: 22,
  IS: 26,
  IT: 27,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  MC: 27,
  MT: 31,
  NL: 18,
  NO: 15,
  PL: 28,
  PT: 25,
  RO: 24,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  VA: 22,
};

const MIN_LENGTH = 15;
const MAX_LENGTH = 34;

export type IbanCheck =
  | { ok: true; iban: string }
  | { ok: false; reason: 'empty' | 'format' }
  | { ok: false; reason: 'length'; country: string; expectedLength: number | null }
  | { ok: false; reason: 'checksum' };

/** Without spaces (people copy IBANs in groups of four) and in capitals. */
export function normalizeIban(input: string): string {
  return input.replace(/[\s\u00a0]+/g, '').toUpperCase();
}

/** The remainder of the IBAN, rearranged and with letters as numbers, divided by 97 (1 when valid). */
export function ibanRemainder(iban: string): number {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const code = ch.charCodeAt(0);
    // '0'..'9' stay digits; 'A'..'Z' become 10..35.
    const value = code >= 48 && code <= 57 ? code - 48 : code - 55;
    remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
  }
  return remainder;
}

/** Checks an IBAN as typed; on success returns it normalised ('LT121000011101001000'). */
export function checkIban(input: string): IbanCheck {
  const iban = normalizeIban(input);
  if (iban === '') return { ok: false, reason: 'empty' };
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(iban)) return { ok: false, reason: 'format' };
  const country = iban.slice(0, 2);
  const expected = IBAN_LENGTHS[country] ?? null;
  if (expected !== null ? iban.length !== expected : iban.length < MIN_LENGTH || iban.length > MAX_LENGTH) {
    return { ok: false, reason: 'length', country, expectedLength: expected };
  }
  if (ibanRemainder(iban) !== 1) return { ok: false, reason: 'checksum' };
  return { ok: true, iban };
}

export function isValidIban(input: string): boolean {
  return checkIban(input).ok;
}

/** The printed form: groups of four ('LT12 1000 0111 0100 1000'). */
export function formatIban(iban: string): string {
  return normalizeIban(iban).replace(/(.{4})(?=.)/g, '$1 ');
}
