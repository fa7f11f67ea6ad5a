// Phone numbers (issue 11, item 7): Lithuanian and international numbers checked with libphonenumber-js,
// stored in E.164, shown in the international format; dates, letters and wrong lengths refused.
import { describe, expect, it } from 'vitest';
import { validateEmployer } from '../../workflows/domain/employer.ts';
import { COMMON_FIELD_MESSAGES, optionalPhone, phoneNumber } from '../../workflows/domain/field-rules.ts';
import { validateInstitutionInfo } from '../../workflows/domain/institution-info.ts';
import { formatPhone, phoneToE164 } from '../../workflows/domain/phone.ts';
import { validateProgrammeInfo } from '../../workflows/domain/programme-info.ts';
import { validateUztData } from '../../workflows/domain/uzt-coupon.ts';

const MESSAGE = 'Neteisingas telefono numeris: įveskite, pvz., +370 612 34567 arba 8 612 34567; užsienio numerį – su šalies kodu.';

describe('phoneToE164', () => {
  it.each([
    ['+370 612 34567', '+37061234567'],
    ['8 612 34567', '+37061234567'],
    ['861234567', '+37061234567'],
    ['+37061234567', '+37061234567'],
    ['  +370-612-34567 ', '+37061234567'],
    ['(8 612) 34567', '+37061234567'],
    ['00370 612 34567', '+37061234567'],
    ['8 5 210 0001', '+37052100001'],
    ['+370 37 200 002', '+37037200002'],
  ])('stores the Lithuanian number %j as %j', (input, e164) => {
    expect(phoneToE164(input)).toBe(e164);
  });

  it.each([
    ['+48 512 345 678', '+48512345678'],
    ['+44 20 7946 0958', '+442079460958'],
    ['+44 7911 123456', '+447911123456'],
    ['+1 213 373 4253', '+12133734253'],
  ])('stores the foreign number %j as %j', (input, e164) => {
    expect(phoneToE164(input)).toBe(e164);
  });

  it.each([
    ['a date', '2026-02-30'],
    ['a date without hyphens', '20260230'],
    ['23 digits', '12345678901234567890123'],
    ['letters', 'skambinti'],
    ['letters around a valid number', 'tel. 861234567'],
    ['a digit too few', '+370 612 3456'],
    ['a digit too many', '+370 612 345678'],
    ['a Vilnius number a digit short', '+370 5 200 004'],
    ['the country code alone', '+370'],
    ['a number no plan uses', '+370 000 00000'],
    ['an unknown country code', '+999 1234 5678'],
    ['an extension (E.164 has none)', '8 612 34567 ext. 1'],
    ['empty', ''],
  ])('refuses %s (%j)', (_what, input) => {
    expect(phoneToE164(input)).toBeNull();
  });
});

describe('formatPhone', () => {
  it('shows a stored E.164 number in the international format', () => {
    expect(formatPhone('+37061234567')).toBe('+370 612 34567');
    expect(formatPhone('+37052100001')).toBe('+370 5 210 0001');
    expect(formatPhone('+48512345678')).toBe('+48 512 345 678');
  });

  it('shows a value stored before numbers were checked as it is', () => {
    expect(formatPhone('2026-02-30')).toBe('2026-02-30');
    expect(formatPhone('skambinti')).toBe('skambinti');
  });
});

describe('the phone field rules', () => {
  const required = phoneNumber(COMMON_FIELD_MESSAGES);
  const optional = optionalPhone(COMMON_FIELD_MESSAGES);
  const errorOf = (r: { success: boolean; error?: { issues: { message: string }[] } }) => r.error?.issues[0]?.message;

  it('returns E.164, or the Lithuanian message', () => {
    expect(required.safeParse(' 8 612 34567 ')).toEqual({ success: true, data: '+37061234567' });
    expect(errorOf(required.safeParse('2026-02-30'))).toBe(MESSAGE);
    expect(errorOf(required.safeParse('12345678901234567890123'))).toBe(MESSAGE);
    expect(errorOf(required.safeParse('  '))).toBe('Privalomas laukas.');
  });

  it('leaves an optional phone optional', () => {
    expect(optional.safeParse('  ')).toEqual({ success: true, data: null });
    expect(optional.safeParse('+370 612 34567')).toEqual({ success: true, data: '+37061234567' });
    expect(errorOf(optional.safeParse('2026-02-30'))).toBe(MESSAGE);
  });
});

describe('every form with a phone uses the rule', () => {
  it('"Darbdavio atstovai": the representative’s phone', () => {
    const form = {
      name: 'UAB „Statybų meistrai“',
      code: '123456789',
      firstName: 'Rūta',
      lastName: 'Žemaitė',
      email: 'ruta@statybos.lt',
      practiceAddress: 'Pramonės g. 5, Vilnius',
    };
    expect(validateEmployer({ ...form, phone: '2026-02-30' })).toEqual({ ok: false, errors: { phone: MESSAGE } });
    const ok = validateEmployer({ ...form, phone: '8 612 34567' });
    expect(ok.ok && ok.value.phone).toBe('+37061234567');
  });

  it('"Institucijos informacija" and the programme’s contact person', () => {
    const institution = validateInstitutionInfo({ contactPhone: '12345678901234567890123' });
    expect(!institution.ok && institution.errors.contactPhone).toBe(MESSAGE);
    const programme = validateProgrammeInfo({ contactPhone: '2026-02-30' });
    expect(!programme.ok && programme.errors.contactPhone).toBe(MESSAGE);
  });

  it('the UŽT apprenticeship data: the employer’s phone', () => {
    const input = {
      bankAccount: 'LT12 1000 0111 0100 1000',
      settlement: 'KAS_MENESI',
      employerId: 'e1',
      employerEmail: 'a@b.lt',
      practiceAddress: 'Vilnius',
    };
    const ctx = { apprenticeship: true, activeEmployerIds: ['e1'] };
    const bad = validateUztData({ ...input, employerPhone: '2026-02-30' }, ctx);
    expect(!bad.ok && bad.errors.employerPhone).toBe(MESSAGE);
    const good = validateUztData({ ...input, employerPhone: '+48 512 345 678' }, ctx);
    expect(good.ok && good.value.employerPhone).toBe('+48512345678');
  });
});
