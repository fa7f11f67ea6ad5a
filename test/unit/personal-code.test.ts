// The Lithuanian personal code: 11 digits, a real birth date in digits 1–7, and the check digit
// (weights 1..9,1 mod 11; when 10, weights 3..9,1,2,3 mod 11; when 10 again, 0).
import { describe, expect, it } from 'vitest';
import {
  checkPersonalCode,
  isValidPersonalCode,
  personalCodeBirthDate,
  personalCodeCheckDigit,
} from '../../workflows/domain/personal-code.ts';

/** The Lithuanian messages expected (personal-code.ts), written out so a wrong text fails. */
const M = {
  required: 'Privalomas laukas.',
  format: 'Asmens kodą sudaro 11 skaitmenų.',
  birthDate: 'Neteisingas asmens kodas: pirmasis skaitmuo ir gimimo data (2–7 skaitmenys) neatitinka tikros datos.',
  future: 'Neteisingas asmens kodas: gimimo data negali būti ateityje.',
  checkDigit: 'Neteisingas asmens kodas: nesutampa kontrolinis (paskutinis) skaitmuo.',
};

describe('personal code', () => {
  it('accepts valid codes and gives the birth date of each century', () => {
    expect(checkPersonalCode('33309240064')).toEqual({ ok: true, code: '33309240064', birthDate: '1933-09-24' });
    expect(checkPersonalCode('38703181745')).toMatchObject({ ok: true, birthDate: '1987-03-18' });
    expect(personalCodeBirthDate('19001010000')).toBe('1890-01-01');
    expect(personalCodeBirthDate('60512310000')).toBe('2005-12-31');
  });

  it('uses the second weights when the first sum gives 10, and 0 when that gives 10 too', () => {
    // 3850101008: first sum mod 11 = 10, second = 7.
    expect(personalCodeCheckDigit('3850101008')).toBe(7);
    expect(isValidPersonalCode('38501010087')).toBe(true);
    expect(isValidPersonalCode('38501010080')).toBe(false);
    // 3850101161: both sums give 10, so the check digit is 0.
    expect(personalCodeCheckDigit('3850101161')).toBe(0);
    expect(isValidPersonalCode('38501011610')).toBe(true);
  });

  it('removes spaces people type, and refuses anything but 11 digits', () => {
    expect(checkPersonalCode(' 333 0924 0064 ')).toMatchObject({ ok: true, code: '33309240064' });
    expect(checkPersonalCode('')).toEqual({ ok: false, error: M.required });
    expect(checkPersonalCode(undefined)).toEqual({ ok: false, error: M.required });
    expect(checkPersonalCode('3330924006')).toEqual({ ok: false, error: M.format });
    expect(checkPersonalCode('333092400641')).toEqual({ ok: false, error: M.format });
    expect(checkPersonalCode('3330924006a')).toEqual({ ok: false, error: M.format });
  });

  it('refuses a wrong check digit', () => {
    expect(checkPersonalCode('33309240065')).toEqual({ ok: false, error: M.checkDigit });
  });

  it('refuses codes whose digits 1–7 are no real date or century', () => {
    expect(checkPersonalCode('38702301234')).toEqual({ ok: false, error: M.birthDate }); // 30 February
    expect(checkPersonalCode('38713011234')).toEqual({ ok: false, error: M.birthDate }); // month 13
    expect(checkPersonalCode('38700001234')).toEqual({ ok: false, error: M.birthDate }); // month 0
    expect(checkPersonalCode('98703181745')).toEqual({ ok: false, error: M.birthDate }); // first digit 9
    expect(checkPersonalCode('08703181745')).toEqual({ ok: false, error: M.birthDate });
    expect(personalCodeBirthDate('50002290000')).toBe('2000-02-29'); // a leap day
    expect(personalCodeBirthDate('30002290000')).toBeNull(); // 1900 was no leap year
  });

  it('refuses a birth date after today when today is given', () => {
    // 2030-01-01 with a correct check digit.
    const code = `5300101000${personalCodeCheckDigit('5300101000')}`;
    expect(checkPersonalCode(code).ok).toBe(true);
    expect(checkPersonalCode(code, '2026-11-28')).toEqual({ ok: false, error: M.future });
    expect(checkPersonalCode(code, '2030-01-01').ok).toBe(true);
  });
});
