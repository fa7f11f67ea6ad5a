// The timetable report's rules (REP-1..REP-4, OQ-45; SCHED-8, SCHED-13, SCHED-16, SCHED-23, SCHED-24,
// SCHED-26): each rule on a timetable that breaks it and on one that does not, the operator's settings
// (REP-3) and the report's criteria in the URL.
import { describe, expect, it } from 'vitest';
import { SessionMode } from '../../workflows/domain/schedule.ts';
import {
  activeTimetableRules,
  checkGroupTimetable,
  isReportedGroupStatus,
  parseTimetableReportCriteria,
  parseTimetableRuleParams,
  sameLecturerPerson,
  sessionsByDate,
  TIMETABLE_RULE_CODES,
  timetableReportQuery,
  TimetableRuleCode as Code,
  type ActiveTimetableRule,
  type GroupTimetableFacts,
  type InstitutionSession,
  type RuleLecturer,
  type RuleSession,
} from '../../workflows/domain/timetable-rules.ts';

const lina: RuleLecturer = { id: 'l-1', firstName: 'Lina', lastName: 'Petrauskienė', email: 'lina@example.lt', active: true };
const marius: RuleLecturer = { id: 'l-2', firstName: 'Marius', lastName: 'Kazlauskas', email: 'marius@example.lt', active: true };

let seq = 0;
function session(date: string, startTime: string, durationMinutes: number, over: Partial<RuleSession> = {}): RuleSession {
  seq += 1;
  return {
    id: `s-${seq}`,
    date,
    startTime,
    durationMinutes,
    mode: SessionMode.Contact,
    venueId: 'v-1',
    venueName: 'Auditorija 101',
    lecturer: lina,
    ...over,
  };
}

/** A 4-hour programme (240 min) delivered 2027-03-01..2027-03-31; by default exactly planned on two Mondays. */
function group(sessions: RuleSession[], over: Partial<GroupTimetableFacts> = {}): GroupTimetableFacts {
  return {
    groupId: 'g-1',
    groupName: 'Grupė A',
    programmeStart: '2027-03-01',
    programmeEnd: '2027-03-31',
    programmeContactHours: '4.00',
    programmeMode: 'MISRUS',
    sessions,
    ...over,
  };
}

const fine = () => [session('2027-03-01', '18:00', 135), session('2027-03-08', '18:00', 45)];

/** Only `code`, with its defaults overridden by `params`. */
function only(code: Code, params: Record<string, unknown> = {}): ActiveTimetableRule[] {
  const rules = activeTimetableRules(TIMETABLE_RULE_CODES.map((c) => ({ code: c, enabled: c === code, params })));
  expect(rules.map((r) => r.code)).toEqual([code]);
  return rules;
}

function other(s: RuleSession, groupId = 'g-2', groupName = 'Grupė B'): InstitutionSession {
  return { ...s, groupId, groupName };
}

describe("planned contact hours = the programme's (CONTACT_HOURS; SCHED-16, SCHED-24)", () => {
  const rules = only(Code.ContactHours);
  it('passes an exactly planned timetable', () => {
    expect(checkGroupTimetable(group(fine()), rules)).toEqual([]);
  });
  it('reports a short timetable, naming what is missing, without singling out sessions', () => {
    const [v, ...rest] = checkGroupTimetable(group([session('2027-03-01', '18:00', 135)]), rules);
    expect(rest).toEqual([]);
    expect(v!.rule).toBe(Code.ContactHours);
    expect(v!.message).toContain('suplanuota 3,00 iš 4,00');
    expect(v!.message).toContain('trūksta 1,00 akad. val. (45 min.)');
    expect(v!.sessions).toEqual([]);
  });
  it('reports an over-planned timetable by a single minute (exact in minutes, SCHED-24)', () => {
    const v = checkGroupTimetable(group([...fine(), session('2027-03-09', '18:00', 1)]), rules);
    expect(v).toHaveLength(1);
    expect(v[0]!.message).toContain('per daug');
  });
  it('reports an empty timetable', () => {
    expect(checkGroupTimetable(group([]), rules)).toHaveLength(1);
  });
});

describe('a session outside the delivery dates (OUTSIDE_DELIVERY_DATES; SCHED-23)', () => {
  const rules = only(Code.OutsideDeliveryDates);
  it('passes sessions on the first and the last delivery day', () => {
    expect(checkGroupTimetable(group([session('2027-03-01', '09:00', 60), session('2027-03-31', '09:00', 60)]), rules)).toEqual([]);
  });
  it('reports the sessions before the start and after the end, only those', () => {
    const before = session('2027-02-28', '09:00', 60);
    const after = session('2027-04-01', '09:00', 60);
    const v = checkGroupTimetable(group([after, session('2027-03-10', '09:00', 60), before]), rules);
    expect(v).toHaveLength(1);
    expect(v[0]!.sessions.map((s) => s.id)).toEqual([before.id, after.id]);
    expect(v[0]!.message).toContain('nuo 2027-03-01 iki 2027-03-31');
  });
});

describe('a session on a public holiday (PUBLIC_HOLIDAY; Darbo kodekso 123 str.)', () => {
  const rules = only(Code.PublicHoliday);
  it('reports the fixed holidays and Easter Monday', () => {
    const march11 = session('2027-03-11', '09:00', 90);
    const easterMonday = session('2027-03-29', '09:00', 90); // Easter 2027 is 28 March
    const v = checkGroupTimetable(group([march11, session('2027-03-12', '09:00', 90), easterMonday]), rules);
    expect(v).toHaveLength(1);
    expect(v[0]!.sessions.map((s) => s.id)).toEqual([march11.id, easterMonday.id]);
    expect(v[0]!.message).toContain('2027-03-11, 2027-03-29');
  });
  it('passes working days and ordinary weekends', () => {
    expect(checkGroupTimetable(group([session('2027-03-13', '09:00', 90), session('2027-03-30', '09:00', 90)]), rules)).toEqual([]);
  });
});

describe('more academic hours in one day than the maximum (DAILY_ACADEMIC_HOURS)', () => {
  it('passes exactly the maximum (8 × 45 = 360 min by default) and reports one minute more, per day', () => {
    const rules = only(Code.DailyAcademicHours);
    const atMax = [session('2027-03-02', '09:00', 180), session('2027-03-02', '13:00', 180)];
    expect(checkGroupTimetable(group(atMax), rules)).toEqual([]);
    const over = [session('2027-03-03', '09:00', 180), session('2027-03-03', '13:00', 181), session('2027-03-04', '09:00', 361)];
    const v = checkGroupTimetable(group([...atMax, ...over]), rules);
    expect(v.map((x) => x.sessions.map((s) => s.id))).toEqual([[over[0]!.id, over[1]!.id], [over[2]!.id]]);
    expect(v[0]!.message).toContain('2027-03-03 suplanuota 8,02 akad. val. (361 min.)');
  });
  it("takes the operator's maximum", () => {
    const rules = only(Code.DailyAcademicHours, { maxAcademicHours: 4 });
    expect(checkGroupTimetable(group([session('2027-03-02', '09:00', 180)]), rules)).toEqual([]);
    expect(checkGroupTimetable(group([session('2027-03-02', '09:00', 181)]), rules)).toHaveLength(1);
  });
});

describe('a session without a lecturer or with one not active (LECTURER_MISSING_OR_INACTIVE; SCHED-13)', () => {
  const rules = only(Code.LecturerMissingOrInactive);
  it('passes active lecturers', () => {
    expect(checkGroupTimetable(group(fine()), rules)).toEqual([]);
  });
  it('reports sessions without a lecturer, and each inactive lecturer with their sessions', () => {
    const inactive = { ...marius, active: false };
    const none = session('2027-03-01', '09:00', 60, { lecturer: null });
    const m1 = session('2027-03-02', '09:00', 60, { lecturer: inactive });
    const m2 = session('2027-03-03', '09:00', 60, { lecturer: inactive });
    const v = checkGroupTimetable(group([m2, session('2027-03-04', '09:00', 60), none, m1]), rules);
    expect(v.map((x) => x.sessions.map((s) => s.id))).toEqual([[none.id], [m1.id, m2.id]]);
    expect(v[1]!.message).toContain('Marius Kazlauskas');
    expect(v[1]!.message).toContain('„Aktyvus lektorius“');
  });
});

describe('a lecturer in two places at once across groups (LECTURER_TWO_PLACES; SCHED-26)', () => {
  const rules = only(Code.LecturerTwoPlaces);
  const linaAgain: RuleLecturer = { id: 'l-9', firstName: 'Lina', lastName: 'Petrauskienė', email: ' LINA@example.lt ', active: true };
  const namesake: RuleLecturer = { id: 'l-8', firstName: 'Lina', lastName: 'Petrauskienė', email: 'kita@example.lt', active: true };

  it('knows one person by the same row, the same e-mail, and — if asked — the same name', () => {
    expect(sameLecturerPerson(lina, lina, false)).toBe(true);
    expect(sameLecturerPerson(lina, linaAgain, false)).toBe(true);
    expect(sameLecturerPerson(lina, namesake, false)).toBe(false);
    expect(sameLecturerPerson(lina, namesake, true)).toBe(true);
    expect(sameLecturerPerson(lina, marius, true)).toBe(false);
  });

  it('reports the same person entered twice teaching overlapping sessions in two groups', () => {
    const mine = session('2027-03-02', '10:00', 120);
    const theirs = other(session('2027-03-02', '11:00', 60, { lecturer: linaAgain, venueId: 'v-2', venueName: 'Kaunas' }));
    const v = checkGroupTimetable(group([mine]), rules, sessionsByDate([other(mine, 'g-1', 'Grupė A'), theirs]));
    expect(v).toHaveLength(1);
    expect(v[0]!.sessions.map((s) => s.id)).toEqual([mine.id]);
    expect(v[0]!.message).toContain('tuo pačiu metu');
    expect(v[0]!.message).toContain('grupėje „Grupė B“');
  });

  it('passes a different person at the same time, and back-to-back sessions at one venue', () => {
    const mine = session('2027-03-02', '10:00', 120);
    const stranger = other(session('2027-03-02', '10:00', 120, { lecturer: marius }));
    const sameVenueNext = other(session('2027-03-02', '12:00', 60));
    expect(checkGroupTimetable(group([mine]), rules, sessionsByDate([stranger, sameVenueNext]))).toEqual([]);
  });

  it('reports two venues with less than the gap between them, but not with the gap, nor when a session is remote', () => {
    const mine = session('2027-03-02', '10:00', 120);
    const close = other(session('2027-03-02', '12:20', 60, { venueId: 'v-2', venueName: 'Kaunas' }));
    const v = checkGroupTimetable(group([mine]), rules, sessionsByDate([close]));
    expect(v).toHaveLength(1);
    expect(v[0]!.message).toContain('(20 min., reikia bent 30 min.)');
    const farEnough = other(session('2027-03-02', '12:30', 60, { venueId: 'v-2', venueName: 'Kaunas' }));
    expect(checkGroupTimetable(group([mine]), rules, sessionsByDate([farEnough]))).toEqual([]);
    const remote = other(
      session('2027-03-02', '12:00', 60, { venueId: 'v-r', venueName: 'Nuotolinis mokymas', mode: SessionMode.RemoteSynchronous }),
    );
    expect(checkGroupTimetable(group([mine]), rules, sessionsByDate([remote]))).toEqual([]);
    expect(checkGroupTimetable(group([mine]), only(Code.LecturerTwoPlaces, { minGapMinutes: 10 }), sessionsByDate([close]))).toEqual([]);
  });

  it('finds a short gap inside the group itself once, with both sessions affected', () => {
    const a = session('2027-03-02', '09:00', 60);
    const b = session('2027-03-02', '10:05', 60, { lecturer: linaAgain, venueId: 'v-2', venueName: 'Kaunas' });
    const v = checkGroupTimetable(group([a, b]), rules);
    expect(v).toHaveLength(1);
    expect(v[0]!.sessions.map((s) => s.id)).toEqual([a.id, b.id]);
    expect(v[0]!.message).toContain('šioje grupėje');
  });

  it('matches namesakes only when the operator asks', () => {
    const mine = session('2027-03-02', '10:00', 120);
    const namesakes = sessionsByDate([other(session('2027-03-02', '10:30', 30, { lecturer: namesake }))]);
    expect(checkGroupTimetable(group([mine]), rules, namesakes)).toEqual([]);
    expect(checkGroupTimetable(group([mine]), only(Code.LecturerTwoPlaces, { matchByName: true }), namesakes)).toHaveLength(1);
  });
});

describe('a remote session in a group delivered on site only (REMOTE_IN_CONTACT_GROUP; SCHED-8)', () => {
  const rules = only(Code.RemoteInContactGroup);
  const remote = () => session('2027-03-02', '10:00', 60, { mode: SessionMode.RemoteSynchronous, venueId: 'v-r' });
  it('reports remote sessions when the programme is "Kontaktinis"', () => {
    const r = remote();
    const v = checkGroupTimetable(group([session('2027-03-01', '10:00', 60), r], { programmeMode: 'KONTAKTINIS' }), rules);
    expect(v).toHaveLength(1);
    expect(v[0]!.sessions.map((s) => s.id)).toEqual([r.id]);
  });
  it('passes them in a blended, a remote or an unknown-mode programme', () => {
    for (const programmeMode of ['MISRUS', 'NUOTOLINIS_SINCHRONINIS', null])
      expect(checkGroupTimetable(group([remote()], { programmeMode }), rules)).toEqual([]);
  });
});

describe("the operator's settings (REP-3)", () => {
  it('checks every rule with its defaults when the table is empty, and leaves out a disabled one', () => {
    expect(activeTimetableRules([]).map((r) => r.code)).toEqual(TIMETABLE_RULE_CODES);
    const rules = activeTimetableRules([{ code: Code.PublicHoliday, enabled: false, params: {} }]);
    expect(rules.map((r) => r.code)).not.toContain(Code.PublicHoliday);
    expect(rules).toHaveLength(TIMETABLE_RULE_CODES.length - 1);
  });
  it('describes a rule with its parameters, falling back to the defaults for stored nonsense', () => {
    const [daily] = activeTimetableRules([{ code: Code.DailyAcademicHours, enabled: true, params: { maxAcademicHours: 6 } }]).filter(
      (r) => r.code === Code.DailyAcademicHours,
    );
    expect(daily!.description).toContain('ne daugiau kaip 6 akad. val.');
    const [broken] = activeTimetableRules([{ code: Code.DailyAcademicHours, enabled: true, params: { maxAcademicHours: 'daug' } }]).filter(
      (r) => r.code === Code.DailyAcademicHours,
    );
    expect(broken!.params).toEqual({ maxAcademicHours: 8 });
  });
  it("validates parameters with the rule's schema, keeping the others", () => {
    expect(parseTimetableRuleParams(Code.LecturerTwoPlaces, { minGapMinutes: 15 })).toEqual({
      ok: true,
      params: { minGapMinutes: 15, matchByName: false },
    });
    const bad = parseTimetableRuleParams(Code.DailyAcademicHours, { maxAcademicHours: 0 });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toContain('nuo 1 iki 16');
    const unknown = parseTimetableRuleParams(Code.PublicHoliday, { alsoSundays: true });
    expect(!unknown.ok && unknown.error).toContain('Nežinomas parametras: alsoSundays');
    expect(parseTimetableRuleParams(Code.ContactHours, [1]).ok).toBe(false);
  });
});

describe("the report's criteria in the URL", () => {
  it('reads and writes a rule and a status, empty meaning all', () => {
    const parsed = parseTimetableReportCriteria(new URLSearchParams('taisykle=PUBLIC_HOLIDAY&busena=Skelbiama&puslapis=2'));
    expect(parsed).toEqual({ ok: true, criteria: { rule: 'PUBLIC_HOLIDAY', status: 'Skelbiama' } });
    expect(parsed.ok && timetableReportQuery(parsed.criteria)).toBe('taisykle=PUBLIC_HOLIDAY&busena=Skelbiama');
    expect(parseTimetableReportCriteria(new URLSearchParams(''))).toEqual({ ok: true, criteria: { rule: null, status: null } });
  });
  it('refuses an unknown rule and a status the report does not check, in Lithuanian', () => {
    const rule = parseTimetableReportCriteria(new URLSearchParams('taisykle=NOPE'));
    expect(!rule.ok && rule.error).toContain('nežinoma taisyklė');
    const status = parseTimetableReportCriteria(new URLSearchParams('busena=Užbaigta'));
    expect(!status.ok && status.error).toContain('„Kuriama“');
    expect(isReportedGroupStatus('Vykdoma')).toBe(true);
    expect(isReportedGroupStatus('Nevykdoma')).toBe(false);
  });
});
