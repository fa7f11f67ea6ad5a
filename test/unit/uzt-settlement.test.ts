// Settlement periods (UZTDOC-5, UZTDOC-9) against the settlement frequency (UZT-6) and the measure,
// and the monthly reminders' months and instants.
import { describe, expect, it } from 'vitest';
import {
  checkSettlementPeriod,
  coversMonth,
  deliveryLabel,
  expectedPeriod,
  monthBounds,
  monthlyReminders,
  settlementReminderEmail,
  submissionsCloseAt,
  type SettlementTerms,
} from '../../workflows/domain/uzt-settlement.ts';

const monthly: SettlementTerms = { frequency: 'KAS_MENESI', measureStart: '2026-01-12', measureEnd: '2026-03-20' };
const onCompletion: SettlementTerms = { ...monthly, frequency: 'UZBAIGUS' };

describe('the settlement period (UZTDOC-5, UZTDOC-9)', () => {
  it('monthly: a calendar month, the first and last cut to the measure', () => {
    expect(checkSettlementPeriod(monthly, '2026-02-01', '2026-02-28')).toBeNull();
    expect(checkSettlementPeriod(monthly, '2026-01-12', '2026-01-31')).toBeNull();
    expect(checkSettlementPeriod(monthly, '2026-03-01', '2026-03-20')).toBeNull();
    expect(checkSettlementPeriod(monthly, '2026-02-01', '2026-02-27')?.periodTo).toContain(
      'vienas kalendorinis mėnuo (šiam mėnesiui 2026-02-01 – 2026-02-28)',
    );
    expect(checkSettlementPeriod(monthly, '2026-02-01', '2026-03-31')?.periodTo).toContain('ribose: 2026-01-12 – 2026-03-20');
    expect(checkSettlementPeriod(monthly, '2026-01-01', '2026-01-31')?.periodFrom).toContain('ribose');
    expect(checkSettlementPeriod(monthly, '2026-01-20', '2026-02-10')?.periodTo).toContain('kalendorinis mėnuo');
  });

  it('on completion: the whole measure only', () => {
    expect(checkSettlementPeriod(onCompletion, '2026-01-12', '2026-03-20')).toBeNull();
    expect(checkSettlementPeriod(onCompletion, '2026-02-01', '2026-02-28')?.periodFrom).toContain(
      'visa priemonė (2026-01-12 – 2026-03-20)',
    );
  });

  it('"from" after "to", empty and malformed dates', () => {
    expect(checkSettlementPeriod(monthly, '2026-02-28', '2026-02-01')).toEqual({
      periodTo: 'Laikotarpio pabaiga negali būti ankstesnė už pradžią („nuo“ turi būti ne vėliau nei „iki“).',
    });
    expect(checkSettlementPeriod(monthly, '', '')).toEqual({
      periodFrom: 'Nurodykite atsiskaitymo laikotarpio pradžią.',
      periodTo: 'Nurodykite atsiskaitymo laikotarpio pabaigą.',
    });
    expect(checkSettlementPeriod(monthly, '2026-02-30', '2026-02-28')?.periodFrom).toContain('MMMM-MM-DD');
  });

  it('months: bounds, leap years, the expected period, coverage', () => {
    expect(monthBounds('2028-02-10')).toEqual({ first: '2028-02-01', last: '2028-02-29' });
    expect(monthBounds('2026-12-31')).toEqual({ first: '2026-12-01', last: '2026-12-31' });
    expect(expectedPeriod(monthly, '2026-01-15')).toEqual({ from: '2026-01-12', to: '2026-01-31' });
    expect(expectedPeriod(onCompletion, '2026-02-15')).toEqual({ from: '2026-01-12', to: '2026-03-20' });
    expect(coversMonth({ from: '2026-01-12', to: '2026-03-20' }, '2026-02')).toBe(true);
    expect(coversMonth({ from: '2026-01-12', to: '2026-01-31' }, '2026-02')).toBe(false);
  });
});

describe('the monthly reminders (UZT-6)', () => {
  it('one per month of the measure, at 08:00 Vilnius time on the next month’s first day (winter and summer time)', () => {
    expect(monthlyReminders(monthly)).toEqual([
      { month: '2026-01', atMs: Date.parse('2026-02-01T06:00:00Z') },
      { month: '2026-02', atMs: Date.parse('2026-03-01T06:00:00Z') },
      { month: '2026-03', atMs: Date.parse('2026-04-01T05:00:00Z') },
    ]);
    expect(monthlyReminders({ frequency: 'KAS_MENESI', measureStart: '2026-12-10', measureEnd: '2027-01-05' }).map((r) => r.month)).toEqual(
      ['2026-12', '2027-01'],
    );
    expect(monthlyReminders(onCompletion)).toEqual([]);
  });

  it('documents are taken until 90 days after the measure; the e-mail names the month and the application', () => {
    expect(new Date(submissionsCloseAt(monthly)).toISOString()).toBe('2026-06-18T21:00:00.000Z');
    const mail = settlementReminderEmail({ participant: 'Ona Onaitė', groupName: 'G-1', programmeName: 'Suvirinimas', month: '2026-02' });
    expect(mail.subject).toBe('Nepateiktas atsiskaitomasis dokumentas Užimtumo tarnybai už 2026-02: Ona Onaitė');
    expect(mail.text).toContain('„Dokumentų pateikimas užimtumo tarnybai“');
    expect(deliveryLabel('SIUNCIAMA', 1)).toBe('Siunčiama Užimtumo tarnybai');
    expect(deliveryLabel('SIUNCIAMA', 3)).toContain('3 bandymai');
    expect(deliveryLabel('PRISTATYTA', 3)).toBe('Pristatyta Užimtumo tarnybai');
  });
});
