// Phone numbers (issue 11, item 7): every phone field accepts Lithuanian numbers in their usual forms
// (+370 612 34567, 8 612 34567, 861234567) and international numbers with a country code
// (+48 …, +44 …), checked by libphonenumber-js, and stores them in E.164 (+37061234567). Pure and
// deterministic (no Node APIs), so workflows and web share it.
//
// The 'max' metadata is chosen deliberately: the default 'min' metadata only checks a number's
// length, so a date such as 2026-02-30 (eight digits, as many as a Lithuanian number has) would pass
// as +370 2026 0230; 'max' checks the digits against each country's numbering plan.
import { ParseError, parsePhoneNumberWithError } from 'libphonenumber-js/max';

/** Numbers written without a country code are Lithuanian. */
export const PHONE_DEFAULT_COUNTRY = 'LT';

/** Longer input is not a phone number (the forms' maxlength; the library itself stops at 250). */
export const PHONE_INPUT_MAX = 30;

/**
 * The number in E.164 (e.g. '+37061234567'), or null when the text is not one valid phone number:
 * empty, letters or other text around it, a date, too few or too many digits, digits no numbering
 * plan uses, or an extension (E.164 has no place for one).
 */
export function phoneToE164(input: string): string | null {
  const s = input.trim();
  if (s === '' || s.length > PHONE_INPUT_MAX) return null;
  try {
    // extract: false — the whole text must be the number ("skambinti 861234567" is refused).
    const n = parsePhoneNumberWithError(s, { defaultCountry: PHONE_DEFAULT_COUNTRY, extract: false });
    return n.isValid() && n.ext === undefined ? n.number : null;
  } catch (e) {
    if (e instanceof ParseError) return null;
    throw e;
  }
}

/**
 * A stored number as pages show it, in the international format ('+370 612 34567'). A value that
 * is not a valid number (a row saved before numbers were checked) is shown as it was stored.
 */
export function formatPhone(stored: string): string {
  const e164 = phoneToE164(stored);
  if (e164 === null) return stored;
  return parsePhoneNumberWithError(e164).formatInternational();
}
