// Tab "Tvarkaraštis" as pure rules (§3.7.2): academic hours, the counter, modes, the session form,
// overlaps, statuses, first / last session (SCHED-*).
import { describe, expect, it } from 'vitest';
import {
  allowedSessionModes,
  chosenDays,
  contactHoursCounter,
  defaultSessionMode,
  firstAndLast,
  formatAcademicHours,
  isModeChoosable,
  isScheduleEditable,
  overlapping,
  plannedMinutes,
  programmeContactMinutes,
  programmeDays,
  scheduleChangeNotifiesParticipants,
  schedulePublishProblem,
  sessionsOverlap,
  timeRange,
  validateSessionForm,
  type SessionFormContext,
} from '../../workflows/domain/schedule.ts';

/** The Lithuanian messages expected (schedule.ts), written out so a wrong text fails. */
const SESSION_MESSAGES = {
  required: 'Privalomas laukas.',
  noDates: 'Pasirinkite bent vieną užsiėmimo dieną.',
  badDate: 'Neteisinga data.',
  time: 'Nurodykite užsiėmimo pradžios laiką formatu VV:MM (pvz., 18:00).',
  duration: 'Trukmė nurodoma sveikuoju minučių skaičiumi nuo 1 iki 720.',
  pastMidnight: 'Užsiėmimas turi baigtis tą pačią dieną (iki 24:00); kitą dieną kurkite atskirą užsiėmimą.',
  linkRequired: 'Nuotoliniam sinchroniniam užsiėmimui būtina nurodyti prisijungimo nuorodą.',
  link: 'Nuoroda turi būti saugi interneto nuoroda, prasidedanti https:// (pvz., https://meet.example.lt/kambarys).',
  venueRequired: 'Kontaktiniam užsiėmimui pasirinkite mokymo vietą iš aplikacijos „Mokymo vietos“.',
  venueNotRemote: 'Kontaktinio užsiėmimo vieta negali būti „Nuotolinis mokymas“.',
  venueUnknown: 'Pasirinkite mokymo vietą iš aplikacijos „Mokymo vietos“.',
  remoteVenueMissing: 'Nuotoliniams užsiėmimams aplikacijoje „Mokymo vietos“ turi būti mokymo vieta „Nuotolinis mokymas“.',
  remoteVenueOnly: 'Nuotolinio sinchroninio užsiėmimo vieta – „Nuotolinis mokymas“.',
  lecturer: 'Pasirinkite lektorių, pažymėtą „Aktyvus lektorius“ aplikacijoje „Lektorių sąrašas“.',
};

const VENUE = '11111111-1111-4111-8111-111111111111';
const REMOTE = '22222222-2222-4222-8222-222222222222';
const LECTURER = '33333333-3333-4333-8333-333333333333';

const ctx: SessionFormContext = {
  programmeStart: '2027-01-10',
  programmeEnd: '2027-02-10',
  programmeMode: 'MISRUS',
  venues: [
    { id: VENUE, name: 'Auditorija 101' },
    { id: REMOTE, name: 'Nuotolinis mokymas' },
  ],
  remoteVenueId: REMOTE,
  lecturerIds: [LECTURER],
};

const contact = {
  dates: ['2027-01-12'],
  startTime: '18:00',
  durationMinutes: '180',
  mode: 'KONTAKTINIS',
  venueId: VENUE,
  lecturerId: LECTURER,
};

describe('academic hours (SCHED-6, SCHED-24, OQ-28)', () => {
  it('counts 45 minutes as one academic hour and shows two decimals', () => {
    expect(formatAcademicHours(45)).toBe('1,00');
    expect(formatAcademicHours(60)).toBe('1,33');
    expect(formatAcademicHours(180)).toBe('4,00');
    expect(formatAcademicHours(0)).toBe('0,00');
  });

  it('turns the programme’s contact hours into minutes exactly', () => {
    expect(programmeContactMinutes('40.00')).toBe(1800);
    expect(programmeContactMinutes('12.5')).toBe(563); // 562,5 min → nearest whole minute
    expect(programmeContactMinutes('0.10')).toBe(5); // 4,5 → 5
    expect(programmeContactMinutes(60)).toBe(2700);
  });

  it('compares in minutes, not in rounded hours (SCHED-24)', () => {
    expect(contactHoursCounter(60, programmeContactMinutes('1.33')).state).toBe('exact'); // 59,85 → 60 min
    expect(contactHoursCounter(1799, 1800).state).toBe('short'); // both show "39,98 / 40,00"-like figures, the minutes decide
    expect(contactHoursCounter(1800, 1800).state).toBe('exact');
  });
});

describe('the counter (SCHED-17, SCHED-18) and publishing (SCHED-16, GRP-40)', () => {
  it('warns while hours are missing, naming them', () => {
    const k = contactHoursCounter(900, 1800);
    expect(k).toMatchObject({ planned: '20,00', required: '40,00', state: 'short' });
    expect(k.warning).toContain('Tvarkaraštyje būtina suplanuoti visas mokymosi programoje numatytas kontaktinio darbo valandas');
    expect(k.warning).toContain('trūksta 20,00 akad. val. (900 min.)');
  });

  it('warns when more is planned than the programme has', () => {
    const k = contactHoursCounter(1845, 1800);
    expect(k.state).toBe('over');
    expect(k.warning).toContain('1,00 akad. val. (45 min.) per daug');
  });

  it('has no warning when exact, and publishing is then not blocked', () => {
    expect(contactHoursCounter(1800, 1800)).toEqual({ planned: '40,00', required: '40,00', state: 'exact', warning: null });
    expect(schedulePublishProblem(1800, 1800)).toBeNull();
    expect(schedulePublishProblem(0, 1800)).toBe(
      'Kortelė „Tvarkaraštis“. Tvarkaraštyje būtina suplanuoti visas mokymosi programoje numatytas kontaktinio darbo valandas: suplanuota 0,00 iš 40,00, trūksta 40,00 akad. val. (1800 min.).',
    );
  });

  it('sums the sessions’ minutes', () => {
    expect(plannedMinutes([{ durationMinutes: 90 }, { durationMinutes: 45 }])).toBe(135);
  });
});

describe('modes (SCHED-8, SCHED-9, OQ-27)', () => {
  it('follows the programme’s mode; "Mišrus" and unknown (null) offer both', () => {
    expect(allowedSessionModes('KONTAKTINIS')).toEqual(['KONTAKTINIS']);
    expect(allowedSessionModes('NUOTOLINIS_SINCHRONINIS')).toEqual(['NUOTOLINIS_SINCHRONINIS']);
    expect(allowedSessionModes('MISRUS')).toEqual(['KONTAKTINIS', 'NUOTOLINIS_SINCHRONINIS']);
    expect(allowedSessionModes(null)).toEqual(['KONTAKTINIS', 'NUOTOLINIS_SINCHRONINIS']);
    expect(isModeChoosable('KONTAKTINIS')).toBe(false);
    expect(isModeChoosable('MISRUS')).toBe(true);
  });

  it('makes the last chosen mode the default for new sessions, when still allowed', () => {
    expect(defaultSessionMode('MISRUS', null)).toBe('KONTAKTINIS');
    expect(defaultSessionMode('MISRUS', 'NUOTOLINIS_SINCHRONINIS')).toBe('NUOTOLINIS_SINCHRONINIS');
    expect(defaultSessionMode('KONTAKTINIS', 'NUOTOLINIS_SINCHRONINIS')).toBe('KONTAKTINIS');
  });

  it('uses the programme’s only mode whatever the form sent', () => {
    const r = validateSessionForm({ ...contact, mode: 'NUOTOLINIS_SINCHRONINIS' }, { ...ctx, programmeMode: 'KONTAKTINIS' });
    expect(r.ok && r.form.value.mode).toBe('KONTAKTINIS');
  });
});

describe('the session form (SCHED-3..SCHED-15, SCHED-23, SCHED-25)', () => {
  it('accepts a contact session on several days at once, one per day, sorted and without repeats (SCHED-4)', () => {
    const r = validateSessionForm(
      { ...contact, dates: ['2027-01-14', '2027-01-12', '2027-01-14'], auditorium: ' 101 ', additionalInfo: '' },
      ctx,
    );
    expect(r).toEqual({
      ok: true,
      form: {
        dates: ['2027-01-12', '2027-01-14'],
        value: {
          startTime: '18:00',
          durationMinutes: 180,
          mode: 'KONTAKTINIS',
          link: null,
          venueId: VENUE,
          auditorium: '101',
          lecturerId: LECTURER,
          additionalInfo: null,
        },
      },
    });
  });

  it('refuses days outside the programme’s delivery period (SCHED-23)', () => {
    const r = validateSessionForm({ ...contact, dates: ['2027-01-09'] }, ctx);
    expect(r.ok ? null : r.errors.dates).toBe(
      'Užsiėmimo diena turi būti mokymosi programos vykdymo laikotarpiu: nuo 2027-01-10 iki 2027-02-10.',
    );
    expect(chosenDays({ dates: ['2027-02-11'] }, ctx).ok).toBe(false);
    expect(chosenDays({ dates: ['2027-02-30'] }, ctx)).toEqual({ ok: false, error: SESSION_MESSAGES.badDate });
    expect(chosenDays({}, ctx)).toEqual({ ok: false, error: SESSION_MESSAGES.noDates });
    expect(chosenDays({ date: '2027-02-10' }, ctx)).toEqual({ ok: true, dates: ['2027-02-10'] });
  });

  it('needs a start time HH:MM and whole minutes within one day (SCHED-5, SCHED-6, SCHED-7)', () => {
    const bad = (over: Record<string, string>) => {
      const r = validateSessionForm({ ...contact, ...over }, ctx);
      return r.ok ? null : r.errors;
    };
    expect(bad({ startTime: '25:00' })?.startTime).toBe(SESSION_MESSAGES.time);
    expect(bad({ startTime: '' })?.startTime).toBe(SESSION_MESSAGES.required);
    expect(bad({ durationMinutes: '0' })?.durationMinutes).toBe(SESSION_MESSAGES.duration);
    expect(bad({ durationMinutes: '1,5' })?.durationMinutes).toBe(SESSION_MESSAGES.duration);
    expect(bad({ durationMinutes: '721' })?.durationMinutes).toBe(SESSION_MESSAGES.duration);
    expect(bad({ startTime: '22:00', durationMinutes: '180' })?.durationMinutes).toBe(SESSION_MESSAGES.pastMidnight);
    expect(bad({ startTime: '21:00', durationMinutes: '180' })).toBeNull(); // ends at 24:00
  });

  it('needs an https link for a remote synchronous session and gives it "Nuotolinis mokymas" (SCHED-25, VENUE-4)', () => {
    const remote = { ...contact, mode: 'NUOTOLINIS_SINCHRONINIS', venueId: '' };
    const missing = validateSessionForm(remote, ctx);
    expect(missing.ok ? null : missing.errors.link).toBe(SESSION_MESSAGES.linkRequired);
    const http = validateSessionForm({ ...remote, link: 'http://meet.example.lt/a' }, ctx);
    expect(http.ok ? null : http.errors.link).toBe(SESSION_MESSAGES.link);
    const ok = validateSessionForm({ ...remote, link: 'https://meet.example.lt/a' }, ctx);
    expect(ok.ok && ok.form.value).toMatchObject({ mode: 'NUOTOLINIS_SINCHRONINIS', venueId: REMOTE, link: 'https://meet.example.lt/a' });
    const physical = validateSessionForm({ ...remote, link: 'https://meet.example.lt/a', venueId: VENUE }, ctx);
    expect(physical.ok ? null : physical.errors.venueId).toBe(SESSION_MESSAGES.remoteVenueOnly);
    const none = validateSessionForm(
      { ...remote, link: 'https://meet.example.lt/a' },
      { ...ctx, remoteVenueId: null, venues: [ctx.venues[0]!] },
    );
    expect(none.ok ? null : none.errors.venueId).toBe(SESSION_MESSAGES.remoteVenueMissing);
  });

  it('needs a venue of "Mokymo vietos" (not the remote one) for a contact session (SCHED-11, SCHED-25)', () => {
    const none = validateSessionForm({ ...contact, venueId: '' }, ctx);
    expect(none.ok ? null : none.errors.venueId).toBe(SESSION_MESSAGES.venueRequired);
    const remote = validateSessionForm({ ...contact, venueId: REMOTE }, ctx);
    expect(remote.ok ? null : remote.errors.venueId).toBe(SESSION_MESSAGES.venueNotRemote);
    const foreign = validateSessionForm({ ...contact, venueId: '44444444-4444-4444-8444-444444444444' }, ctx);
    expect(foreign.ok ? null : foreign.errors.venueId).toBe(SESSION_MESSAGES.venueUnknown);
  });

  it('offers only active lecturers (SCHED-13)', () => {
    const r = validateSessionForm({ ...contact, lecturerId: '55555555-5555-4555-8555-555555555555' }, ctx);
    expect(r.ok ? null : r.errors.lecturerId).toBe(SESSION_MESSAGES.lecturer);
  });

  it('lists the programme’s days for the calendar', () => {
    expect(programmeDays('2027-01-30', '2027-02-02')).toEqual(['2027-01-30', '2027-01-31', '2027-02-01', '2027-02-02']);
  });
});

describe('overlaps (SCHED-26)', () => {
  const s = (id: string, date: string, startTime: string, durationMinutes: number) => ({ id, date, startTime, durationMinutes });

  it('overlap on the same day only; back-to-back sessions (a break) do not', () => {
    expect(sessionsOverlap(s('a', '2027-01-12', '09:00', 90), s('b', '2027-01-12', '10:00', 60))).toBe(true);
    expect(sessionsOverlap(s('a', '2027-01-12', '09:00', 90), s('b', '2027-01-12', '10:30', 60))).toBe(false);
    expect(sessionsOverlap(s('a', '2027-01-12', '09:00', 90), s('b', '2027-01-13', '09:00', 90))).toBe(false);
    expect(sessionsOverlap(s('a', '2027-01-12', '09:00:00', 600), s('b', '2027-01-12', '12:00', 30))).toBe(true);
  });

  it('leaves out the session being changed', () => {
    const existing = [s('a', '2027-01-12', '09:00', 90), s('b', '2027-01-12', '13:00', 90)];
    expect(overlapping([s('x', '2027-01-12', '09:30', 30)], existing).map((o) => o.id)).toEqual(['a']);
    expect(overlapping([s('x', '2027-01-12', '09:30', 30)], existing, 'a')).toEqual([]);
  });

  it('writes times as a range', () => {
    expect(timeRange('18:00', 180)).toBe('18:00–21:00');
    expect(timeRange('09:15:00', 45)).toBe('09:15–10:00');
  });
});

describe('statuses (SCHED-27, OQ-29)', () => {
  it('is editable in "Kuriama", "Skelbiama", "Vykdoma" and read-only otherwise', () => {
    expect(['Kuriama', 'Skelbiama', 'Vykdoma'].map(isScheduleEditable)).toEqual([true, true, true]);
    expect(['Užbaigta', 'Nevykdoma', 'Sustabdyta'].map(isScheduleEditable)).toEqual([false, false, false]);
  });

  it('e-mails participants of changes only once the group is published (N18)', () => {
    expect(['Kuriama', 'Skelbiama', 'Vykdoma'].map(scheduleChangeNotifiesParticipants)).toEqual([false, true, true]);
  });
});

describe('first and last session (SCHED-22, OQ-57)', () => {
  it('marks the chronologically first and last sessions; one session is both', () => {
    const sessions = [
      { id: 'late', date: '2027-01-20', startTime: '18:00', durationMinutes: 90 },
      { id: 'morning', date: '2027-01-12', startTime: '09:00', durationMinutes: 90 },
      { id: 'evening', date: '2027-01-12', startTime: '18:00', durationMinutes: 90 },
    ];
    expect(firstAndLast(sessions)).toEqual({ firstId: 'morning', lastId: 'late' });
    expect(firstAndLast([sessions[0]!])).toEqual({ firstId: 'late', lastId: 'late' });
    expect(firstAndLast([])).toEqual({ firstId: null, lastId: null });
  });
});
