// UZT-16: a Section II UŽT's interface would refuse is caught before the provider's approval.
import { describe, expect, it } from 'vitest';
import { sectionIIProblem, type CouponSectionII } from '../../workflows/domain/uzt-coupon.ts';

const valid: CouponSectionII = {
  institutionCode: '123456789',
  programmeCode: 'NSP-1',
  programmeName: 'Programa',
  groupId: 'grupe-1',
  startDate: '2027-01-10',
  endDate: '2027-02-10',
  price: '1500.00',
  contactHours: 40,
  settlement: 'MONTHLY',
  bankAccount: 'LT601010012345678901',
};

describe('sectionIIProblem (UZT-16)', () => {
  it('takes a complete section', () => {
    expect(sectionIIProblem(valid)).toBeNull();
  });

  it('names the institution code UŽT cannot take (e.g. a free teacher’s)', () => {
    expect(sectionIIProblem({ ...valid, institutionCode: 'LM-4f2a9c' })).toBe(
      'Užimtumo tarnyba kupono II skyriuje priima tik 9 skaitmenų juridinio asmens kodą; šios institucijos kodas jam netinka.',
    );
  });

  it('names other fields UŽT would refuse', () => {
    expect(sectionIIProblem({ ...valid, price: '15', startDate: '10.01.2027' })).toBe(
      'Kupono II skyriaus duomenys netinkami Užimtumo tarnybai (startDate, price).',
    );
  });
});
