// IBAN of the institution's bank details (INST-5): normalising, country length, MOD 97-10 check digits.
import { describe, expect, it } from 'vitest';
import { checkIban, formatIban, ibanRemainder, isValidIban, normalizeIban } from '../../workflows/domain/iban.ts';

// Published examples (the ECBS / SWIFT registry's sample IBANs).
const VALID = [
  'LT121000011101001000',
  'DE89370400440532013000',
  'GB82WEST12345698765432',
  'NL91ABNA0417164300',
  'FR1420041010050500013M02606',
  'NO9386011117947',
];

describe('IBAN', () => {
  it.each(VALID)('accepts %s', (iban) => {
    expect(checkIban(iban)).toEqual({ ok: true, iban });
    expect(ibanRemainder(iban)).toBe(1);
  });

  it('normalises what people type: groups of four, lower case, non-breaking spaces', () => {
    expect(normalizeIban(' lt12 1000 0111 0100\u00a01000 ')).toBe('LT121000011101001000');
    expect(checkIban('lt12 1000 0111 0100 1000')).toEqual({ ok: true, iban: 'LT121000011101001000' });
  });

  it('refuses a wrong check digit, a changed digit and swapped digits', () => {
    expect(checkIban('LT131000011101001000')).toEqual({ ok: false, reason: 'checksum' });
    expect(checkIban('LT121000011101001001')).toEqual({ ok: false, reason: 'checksum' });
    expect(checkIban('LT121000011101000100')).toEqual({ ok: false, reason: 'checksum' });
    expect(isValidIban('DE89370400440532013001')).toBe(false);
  });

  it('refuses the wrong length for the country, with the length it should have', () => {
    expect(checkIban('LT12100001110100100')).toEqual({ ok: false, reason: 'length', country: 'LT', expectedLength: 20 });
    expect(checkIban('LT1210000111010010000')).toEqual({ ok: false, reason: 'length', country: 'LT', expectedLength: 20 });
  });

  it('accepts another country by the standard lengths (15–34) and its check digits', () => {
    // Brazil is not in the SEPA table: the check digits decide.
    expect(checkIban('BR1800360305000010009795493C1')).toEqual({ ok: true, iban: 'BR1800360305000010009795493C1' });
    expect(checkIban('BR1900360305000010009795493C1')).toEqual({ ok: false, reason: 'checksum' });
    expect(checkIban('XX12345')).toEqual({ ok: false, reason: 'length', country: 'XX', expectedLength: null });
  });

  it('refuses what is not an IBAN at all', () => {
    expect(checkIban('')).toEqual({ ok: false, reason: 'empty' });
    expect(checkIban('   ')).toEqual({ ok: false, reason: 'empty' });
    expect(checkIban('1234567890')).toEqual({ ok: false, reason: 'format' });
    expect(checkIban('LTAB1000011101001000')).toEqual({ ok: false, reason: 'format' });
    expect(checkIban('LT12-1000-0111-0100-1000')).toEqual({ ok: false, reason: 'format' });
  });

  it('prints in groups of four', () => {
    expect(formatIban('LT121000011101001000')).toBe('LT12 1000 0111 0100 1000');
    expect(formatIban('NO9386011117947')).toBe('NO93 8601 1117 947');
  });
});
