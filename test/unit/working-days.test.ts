// The Lithuanian working-day calendar and the document review deadline (DOC-7, DOC-14, L3 D1):
// the deadline is the end (Vilnius) of the 3rd working day after the upload day.
import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  easterSunday,
  isOverdue,
  isWorkingDay,
  lithuanianHolidays,
  nthWorkingDayAfter,
  reviewDeadline,
} from '../../workflows/domain/working-days.ts';

describe('easterSunday', () => {
  it.each([
    [1818, '1818-03-22'], // the earliest possible
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
    [2038, '2038-04-25'], // the latest possible
    [2285, '2285-03-22'],
  ])('%i: %s', (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });
});

describe('lithuanianHolidays', () => {
  it('2027: the fixed days, Easter Sunday and Monday, Mother’s and Father’s days', () => {
    expect(lithuanianHolidays(2027)).toEqual([
      '2027-01-01',
      '2027-02-16',
      '2027-03-11',
      '2027-03-28',
      '2027-03-29',
      '2027-05-01',
      '2027-05-02',
      '2027-06-06',
      '2027-06-24',
      '2027-07-06',
      '2027-08-15',
      '2027-11-01',
      '2027-11-02',
      '2027-12-24',
      '2027-12-25',
      '2027-12-26',
    ]);
  });

  it('Mother’s day and Father’s day are the first Sundays of May and June', () => {
    expect(lithuanianHolidays(2026)).toEqual(expect.arrayContaining(['2026-05-03', '2026-06-07']));
  });
});

describe('isWorkingDay', () => {
  it.each([
    ['2027-03-26', true], // Good Friday is a working day in Lithuania
    ['2027-03-29', false], // Easter Monday
    ['2026-04-06', false], // Easter Monday
    ['2026-02-16', false], // a Monday holiday
    ['2026-06-24', false], // Wednesday, Joninės
    ['2026-07-06', false], // Monday, Valstybės diena
    ['2026-12-24', false],
    ['2026-12-31', true],
    ['2026-11-28', false], // Saturday
    ['2026-11-29', false], // Sunday
    ['2026-11-30', true],
  ])('%s: %s', (date, working) => {
    expect(isWorkingDay(date)).toBe(working);
  });
});

describe('nthWorkingDayAfter', () => {
  it('never counts the day itself', () => {
    expect(nthWorkingDayAfter('2026-11-30', 1)).toBe('2026-12-01');
  });

  it('refuses a count that is not positive', () => {
    expect(() => nthWorkingDayAfter('2026-11-30', 0)).toThrow(RangeError);
  });
});

describe('reviewDeadline (DOC-7): the end of the 3rd working day after the upload day, Vilnius', () => {
  it('the three working days after a Thursday before Easter: Good Friday counts, Easter Monday does not', () => {
    // Thursday 2027-03-25 10:00 Vilnius (UTC+2): Fri 26 (1), Mon 29 Easter Monday, Tue 30 (2), Wed 31 (3).
    const d = reviewDeadline(new Date('2027-03-25T08:00:00Z'));
    expect(d.lastDay).toBe('2027-03-31');
    // Clocks went forward on Sunday 28 March: Thursday 1 April 00:00 is UTC+3.
    expect(d.dueAt.toISOString()).toBe('2027-03-31T21:00:00.000Z');
    expect(d.remindAt.toISOString()).toBe('2027-03-31T05:00:00.000Z');
  });

  it('over Christmas: 24, 25, 26 December and the weekend', () => {
    const d = reviewDeadline(new Date('2026-12-23T12:00:00Z'));
    expect(d.lastDay).toBe('2026-12-30');
    expect(d.dueAt.toISOString()).toBe('2026-12-30T22:00:00.000Z');
  });

  it('over the year end: 31 December counts, New Year’s day does not', () => {
    const d = reviewDeadline(new Date('2026-12-30T09:00:00Z'));
    expect(d.lastDay).toBe('2027-01-05');
    expect(d.dueAt.toISOString()).toBe('2027-01-05T22:00:00.000Z');
  });

  it('across the spring clock change: uploaded at UTC+2, due at UTC+3', () => {
    const d = reviewDeadline(new Date('2026-03-27T10:00:00Z')); // Friday
    expect(d.lastDay).toBe('2026-04-01');
    expect(d.dueAt.toISOString()).toBe('2026-04-01T21:00:00.000Z');
    expect(d.remindAt.toISOString()).toBe('2026-04-01T05:00:00.000Z');
  });

  it('across the autumn clock change: uploaded at UTC+3, due at UTC+2', () => {
    const d = reviewDeadline(new Date('2026-10-23T10:00:00Z')); // Friday
    expect(d.lastDay).toBe('2026-10-28');
    expect(d.dueAt.toISOString()).toBe('2026-10-28T22:00:00.000Z');
    expect(d.remindAt.toISOString()).toBe('2026-10-28T06:00:00.000Z');
  });

  it('Vilnius midnight decides the upload day, not UTC', () => {
    // Monday 23:30 Vilnius: Tue, Wed, Thu.
    expect(reviewDeadline(new Date('2026-11-30T21:30:00Z')).dueAt.toISOString()).toBe('2026-12-03T22:00:00.000Z');
    // Tuesday 00:30 Vilnius (still Monday in UTC): Wed, Thu, Fri.
    expect(reviewDeadline(new Date('2026-11-30T22:30:00Z')).dueAt.toISOString()).toBe('2026-12-04T22:00:00.000Z');
  });

  it('an upload on a Saturday is due at the end of Wednesday', () => {
    expect(reviewDeadline(new Date('2026-11-28T12:00:00Z')).lastDay).toBe('2026-12-02');
  });

  it('Vėlinės: 1 and 2 November on Monday and Tuesday', () => {
    expect(reviewDeadline(new Date('2027-10-29T10:00:00Z')).lastDay).toBe('2027-11-05');
  });

  it('addWorkingDays gives the same instant as the deadline', () => {
    const at = new Date('2027-03-25T08:00:00Z');
    expect(addWorkingDays(at, 3)).toEqual(reviewDeadline(at).dueAt);
  });
});

describe('isOverdue (DOC-14)', () => {
  it('is overdue from the deadline on', () => {
    const due = new Date('2026-12-03T22:00:00Z');
    expect(isOverdue(due, new Date('2026-12-03T21:59:59Z'))).toBe(false);
    expect(isOverdue(due, due)).toBe(true);
  });
});
