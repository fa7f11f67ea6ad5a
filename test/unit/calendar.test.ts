// Calendar dates in Europe/Vilnius (GEN-6): the date at an instant, day arithmetic, ISO date checks.
import { describe, expect, it } from 'vitest';
import { addDays, isIsoDate, vilniusDate } from '../../workflows/domain/calendar.ts';

describe('vilniusDate (GEN-6)', () => {
  it.each([
    // Winter time, UTC+2: midnight in Vilnius is 22:00 UTC of the previous day.
    ['2026-11-27T21:59:59.999Z', '2026-11-27'],
    ['2026-11-27T22:00:00.000Z', '2026-11-28'],
    ['2026-11-27T22:30:00.000Z', '2026-11-28'],
    ['2026-11-28T21:59:59.000Z', '2026-11-28'],
    // Summer time, UTC+3: midnight in Vilnius is 21:00 UTC of the previous day.
    ['2026-07-14T20:59:59.999Z', '2026-07-14'],
    ['2026-07-14T21:00:00.000Z', '2026-07-15'],
    ['2026-07-14T21:30:00.000Z', '2026-07-15'],
    // 21:30 UTC is still the same day in winter, but the next day in summer.
    ['2026-01-14T21:30:00.000Z', '2026-01-14'],
    // Year end.
    ['2026-12-31T21:59:59.000Z', '2026-12-31'],
    ['2026-12-31T22:00:00.000Z', '2027-01-01'],
  ])('GEN-6: %s is %s in Vilnius', (instant, date) => {
    expect(vilniusDate(new Date(instant))).toBe(date);
  });

  it.each([
    // Summer time starts on 2026-03-29 at 01:00 UTC (03:00 → 04:00 local).
    ['2026-03-28T21:59:59Z', '2026-03-28'], // midnight of the 29th is still UTC+2
    ['2026-03-28T22:00:00Z', '2026-03-29'],
    ['2026-03-29T20:59:59Z', '2026-03-29'], // midnight of the 30th is already UTC+3
    ['2026-03-29T21:00:00Z', '2026-03-30'],
    // Summer time ends on 2026-10-25 at 01:00 UTC (04:00 → 03:00 local).
    ['2026-10-24T20:59:59Z', '2026-10-24'], // midnight of the 25th is still UTC+3
    ['2026-10-24T21:00:00Z', '2026-10-25'],
    ['2026-10-25T21:30:00Z', '2026-10-25'], // midnight of the 26th is already UTC+2
    ['2026-10-25T22:00:00Z', '2026-10-26'],
  ])('GEN-6: around the daylight-saving switches, %s is %s in Vilnius', (instant, date) => {
    expect(vilniusDate(new Date(instant))).toBe(date);
  });

  it('GEN-6: gives the same date as Intl for Europe/Vilnius at every hour of a year', () => {
    const check = new Intl.DateTimeFormat('lt-LT', { timeZone: 'Europe/Vilnius', year: 'numeric', month: '2-digit', day: '2-digit' });
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 3_600_000) {
      const parts = Object.fromEntries(check.formatToParts(new Date(t)).map((p) => [p.type, p.value]));
      const expected = `${parts.year}-${parts.month}-${parts.day}`;
      if (vilniusDate(new Date(t)) !== expected) expect(vilniusDate(new Date(t)), new Date(t).toISOString()).toBe(expected);
    }
  });

  it('GEN-6: always writes YYYY-MM-DD', () => {
    expect(vilniusDate(new Date('2026-01-05T10:00:00Z'))).toMatch(/^2026-01-05$/);
  });
});

describe('addDays', () => {
  it.each([
    ['2026-09-01', 0, '2026-09-01'],
    ['2026-09-01', 1, '2026-09-02'],
    ['2026-01-31', 1, '2026-02-01'],
    ['2026-04-30', 1, '2026-05-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2027-01-01', -1, '2026-12-31'],
    ['2026-02-28', 1, '2026-03-01'], // not a leap year
    ['2028-02-28', 1, '2028-02-29'], // leap year
    ['2028-02-29', 1, '2028-03-01'],
    ['2028-03-01', -1, '2028-02-29'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-03-28', 1, '2026-03-29'], // daylight saving days are ordinary calendar days
    ['2026-10-25', 1, '2026-10-26'],
    ['2026-01-01', 365, '2027-01-01'],
    ['2028-01-01', 365, '2028-12-31'],
    ['2026-09-01', -31, '2026-08-01'],
  ])('%s %+d days is %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });
});

describe('isIsoDate (GRP-12..GRP-15)', () => {
  it.each(['2026-01-01', '2026-12-31', '2028-02-29', '2000-02-29', '2026-04-30'])('"%s" is a real date', (value) => {
    expect(isIsoDate(value)).toBe(true);
  });

  it.each([
    '2026-02-30',
    '2026-02-29', // 2026 is not a leap year
    '2100-02-29', // centuries are leap years only when divisible by 400
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-01-00',
    '2026-01-32',
    '2026-1-01',
    '26-01-01',
    ' 2026-01-01',
    '2026-01-01 ',
    '2026-01-01T00:00:00Z',
    '2026/01/01',
    '',
  ])('"%s" is not', (value) => {
    expect(isIsoDate(value)).toBe(false);
  });
});
