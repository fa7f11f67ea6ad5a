// One way to write dates, times and deadlines (GEN-6, issue 11 item 13): Vilnius time, a deadline
// as "iki <day> 23:59" whatever the season, and the time left with Lithuanian plural forms.
import { describe, expect, it } from 'vitest';
import {
  countOf,
  deadlineDateTime,
  deadlineInstant,
  formatDate,
  formatDateTime,
  formatDeadline,
  formatDeadlineWithTimeLeft,
  formatTimeLeft,
} from '../../workflows/domain/date-format.ts';
import { reviewDeadline } from '../../workflows/domain/working-days.ts';

describe('formatDate and formatDateTime', () => {
  it('write an instant as Vilnius wall-clock time, in winter (UTC+2) and summer (UTC+3)', () => {
    expect(formatDateTime('2026-12-07T06:00:00Z')).toBe('2026-12-07 08:00');
    expect(formatDateTime(new Date('2026-07-01T05:30:59Z'))).toBe('2026-07-01 08:30');
    expect(formatDateTime(Date.parse('2026-12-31T22:15:00Z'))).toBe('2027-01-01 00:15');
    expect(formatDate('2026-12-31T22:15:00Z')).toBe('2027-01-01');
    expect(formatDate(new Date('2026-07-01T20:59:59Z'))).toBe('2026-07-01');
    expect(formatDate(new Date('2026-07-01T21:00:00Z'))).toBe('2026-07-02');
  });

  it('keep a calendar date as it is and write nothing for a missing value', () => {
    expect(formatDate('2026-12-01')).toBe('2026-12-01');
    expect(formatDateTime('2026-12-01')).toBe('2026-12-01 00:00');
    expect(formatDate(null)).toBe('');
    expect(formatDateTime(undefined)).toBe('');
  });

  it('refuse what is not an instant', () => {
    expect(() => formatDateTime('rytoj')).toThrow(RangeError);
    expect(() => formatDeadline('2026-13-01')).toThrow(RangeError);
  });
});

describe('formatDeadline', () => {
  it('writes the Vilnius midnight that ends a day as that day’s 23:59, winter and summer', () => {
    expect(formatDeadline(new Date('2026-12-07T22:00:00Z'))).toBe('iki 2026-12-07 23:59');
    expect(formatDeadline('2026-07-01T21:00:00Z')).toBe('iki 2026-07-01 23:59');
    expect(formatDeadline(Date.parse('2026-12-31T22:00:00Z'))).toBe('iki 2026-12-31 23:59');
  });

  it('keeps the day across the clock changes (last Sundays of March and October 2026)', () => {
    // 2026-03-29 begins at UTC+2 and ends at UTC+3; 2026-10-25 begins at UTC+3 and ends at UTC+2.
    expect(formatDeadline('2026-03-28T22:00:00Z')).toBe('iki 2026-03-28 23:59');
    expect(formatDeadline('2026-03-29T21:00:00Z')).toBe('iki 2026-03-29 23:59');
    expect(formatDeadline('2026-10-24T21:00:00Z')).toBe('iki 2026-10-24 23:59');
    expect(formatDeadline('2026-10-25T22:00:00Z')).toBe('iki 2026-10-25 23:59');
    // One hour off the midnight is an ordinary instant on the other side of it.
    expect(formatDeadline('2026-03-29T22:00:00Z')).toBe('iki 2026-03-30 01:00');
    expect(formatDeadline('2026-10-25T21:00:00Z')).toBe('iki 2026-10-25 23:00');
  });

  it('a calendar date is a deadline through the whole of that day', () => {
    expect(formatDeadline('2026-12-07')).toBe('iki 2026-12-07 23:59');
    expect(formatDeadline('2026-03-29')).toBe('iki 2026-03-29 23:59');
    expect(deadlineInstant('2026-12-07').toISOString()).toBe('2026-12-07T22:00:00.000Z');
    expect(deadlineInstant('2026-07-01').toISOString()).toBe('2026-07-01T21:00:00.000Z');
  });

  it('any other instant is written as its own minute, even just after midnight', () => {
    expect(formatDeadline('2026-12-07T14:45:00Z')).toBe('iki 2026-12-07 16:45');
    expect(formatDeadline('2026-12-07T22:00:30Z')).toBe('iki 2026-12-08 00:00');
    expect(formatDeadline('2026-12-07T22:00:00.001Z')).toBe('iki 2026-12-08 00:00');
    expect(deadlineDateTime('2026-12-07T21:59:59Z')).toBe('2026-12-07 23:59');
  });

  it('a document review deadline reads as the end of its last working day (DOC-7)', () => {
    // Uploaded Wednesday 2026-12-02: Thursday, Friday, Monday → due by Monday 2026-12-07.
    const deadline = reviewDeadline(new Date('2026-12-02T10:00:00Z'));
    expect(formatDeadline(deadline.dueAt)).toBe('iki 2026-12-07 23:59');
    expect(formatDateTime(deadline.remindAt)).toBe('2026-12-07 08:00');
  });
});

describe('countOf: Lithuanian plural forms', () => {
  const DAY = ['diena', 'dienos', 'dienų'] as const;
  it.each([
    [1, '1 diena'],
    [2, '2 dienos'],
    [9, '9 dienos'],
    [10, '10 dienų'],
    [11, '11 dienų'],
    [15, '15 dienų'],
    [20, '20 dienų'],
    [21, '21 diena'],
    [22, '22 dienos'],
    [30, '30 dienų'],
    [101, '101 diena'],
    [111, '111 dienų'],
    [112, '112 dienų'],
    [122, '122 dienos'],
    [0, '0 dienų'],
  ])('%i → %s', (n, text) => {
    expect(countOf(n, DAY)).toBe(text);
  });
});

describe('formatTimeLeft', () => {
  const due = new Date('2026-12-07T22:00:00Z'); // iki 2026-12-07 23:59
  const before = (ms: number) => new Date(due.getTime() - ms);
  const MIN = 60_000;
  const HOUR = 60 * MIN;
  const DAY = 24 * HOUR;

  it('gives days and hours, hours and minutes, or minutes, with the right plural forms', () => {
    expect(formatTimeLeft(due, before(2 * DAY + 5 * HOUR))).toBe('liko 2 dienos 5 valandos');
    expect(formatTimeLeft(due, before(1 * DAY + 1 * HOUR))).toBe('liko 1 diena 1 valanda');
    expect(formatTimeLeft(due, before(11 * DAY + 12 * HOUR))).toBe('liko 11 dienų 12 valandų');
    expect(formatTimeLeft(due, before(21 * DAY + 21 * HOUR))).toBe('liko 21 diena 21 valanda');
    expect(formatTimeLeft(due, before(3 * DAY))).toBe('liko 3 dienos');
    expect(formatTimeLeft(due, before(10 * HOUR + 30 * MIN))).toBe('liko 10 valandų 30 minučių');
    expect(formatTimeLeft(due, before(3 * HOUR + 1 * MIN))).toBe('liko 3 valandos 1 minutė');
    expect(formatTimeLeft(due, before(1 * HOUR))).toBe('liko 1 valanda');
    expect(formatTimeLeft(due, before(45 * MIN))).toBe('liko 45 minutės');
    expect(formatTimeLeft(due, before(12 * MIN))).toBe('liko 12 minučių');
    expect(formatTimeLeft(due, before(1 * MIN))).toBe('liko 1 minutė');
  });

  it('rounds down, so it never promises more time than there is', () => {
    expect(formatTimeLeft(due, before(2 * DAY + 5 * HOUR - 1))).toBe('liko 2 dienos 4 valandos');
    expect(formatTimeLeft(due, before(59_999))).toBe('liko mažiau nei minutė');
  });

  it('says the deadline has passed from the deadline on', () => {
    expect(formatTimeLeft(due, due)).toBe('terminas praėjo');
    expect(formatTimeLeft(due, new Date(due.getTime() + DAY))).toBe('terminas praėjo');
  });

  it('counts a calendar-date deadline to the end of that day, in real time across a clock change', () => {
    // 2026-03-29 has 23 hours: from its start to its end is 23 hours left.
    expect(formatTimeLeft('2026-03-29', '2026-03-28T22:00:00Z')).toBe('liko 23 valandos');
    expect(formatTimeLeft('2026-12-07', '2026-12-07T10:00:00Z')).toBe('liko 12 valandų');
  });

  it('a pending item shows the deadline with the time left', () => {
    expect(formatDeadlineWithTimeLeft(due, '2026-12-05T17:00:00Z')).toBe('iki 2026-12-07 23:59 (liko 2 dienos 5 valandos)');
    expect(formatDeadlineWithTimeLeft('2026-12-07', '2026-12-08T08:00:00Z')).toBe('iki 2026-12-07 23:59 (terminas praėjo)');
  });
});
