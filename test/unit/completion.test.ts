// Completion of one participant (tab "Mokymų baigimas", §3.7.4; L6; DONE-1..DONE-20, SCHED-22,
// SCHED-28, OQ-35..OQ-39): statuses, the mark windows in Vilnius time, assessment formats,
// "Patvirtinti", the questionnaire and the certificate, and ticking several at once.
import { describe, expect, it } from 'vitest';
import {
  actionRefusal,
  assessmentFormatHint,
  assessmentFormatSchema,
  assessmentLabel,
  assessmentRefusal,
  bulkRefusals,
  certificateDue,
  certificateEligible,
  certificateGenerationDay,
  certificateStatus,
  certificateStatusText,
  COMPLETION_MESSAGES,
  completeMarkRefusal,
  completionConfigSchema,
  completionRow,
  completionStatus,
  confirmRefusal,
  listedInCompletionTab,
  lockDue,
  newCompletionRecord,
  normaliseAssessment,
  questionnaireRefusal,
  questionnaireStatus,
  startMarkLockInstant,
  startMarkRefusal,
  startMarkWindow,
  type AssessmentFormat,
  type CompletionRecord,
} from '../../workflows/domain/completion.ts';
import { ContractPhase } from '../../workflows/domain/learning-contract.ts';

/**
 * The Lithuanian messages the refusals give: the domain's table, whose wording is pinned word for word
 * in 'the refusals' Lithuanian texts' below (a changed text fails), and the format hints expected.
 */
const M = {
  ...COMPLETION_MESSAGES,
  passFail: 'Pasirinkite „Įskaityta“ arba „Neįskaityta“.',
  grade: 'Įveskite sveikąjį skaičių nuo 1 iki 10.',
};

const T0 = '2026-01-15T09:00:00.000Z';

function record(overrides: Partial<CompletionRecord> = {}): CompletionRecord {
  return { ...newCompletionRecord(), ...overrides };
}
const started = (o: Partial<CompletionRecord> = {}) => record({ startedAt: T0, ...o });
const completed = (o: Partial<CompletionRecord> = {}) => started({ completedAt: '2026-01-30T10:00:00.000Z', ...o });
const entered = (o: Partial<CompletionRecord> = {}) => completed({ assessment: 'ISKAITYTA', ...o });
const confirmed = (o: Partial<CompletionRecord> = {}) => entered({ assessmentConfirmedAt: '2026-01-30T11:00:00.000Z', ...o });
const filled = (o: Partial<CompletionRecord> = {}) => confirmed({ questionnaireFilledAt: '2026-02-02T08:00:00.000Z', ...o });
const terminated = (r: CompletionRecord) => ({ ...r, contractPhase: ContractPhase.Terminated });

const at = (iso: string) => new Date(iso);

describe("the refusals' Lithuanian texts", () => {
  it('are written out in full, so a changed text fails', () => {
    expect(M.terminated).toBe('Mokymosi sutartis nutraukta: su šiuo dalyviu mokymų baigimo veiksmai negalimi.');
    expect(M.notInForce).toBe('Žymėti galima tik dalyvius, kurių mokymosi sutartis pasirašyta abiejų šalių ir galioja.');
    expect(M.locked).toBe('Prie pirmojo užsiėmimo nepažymėta, kad dalyvis pradėjo mokymus: tolimesni veiksmai su šiuo dalyviu negalimi.');
    expect(M.alreadyStarted).toBe('Jau pažymėta, kad dalyvis mokymus pradėjo.');
    expect(M.noSessions).toBe('Grupės tvarkaraštyje nėra užsiėmimų.');
    expect(M.notStarted).toBe('Pažymėti, kad dalyvis baigė mokymus, galima tik tuo atveju, jei jis užfiksuotas kaip pradėjęs mokymus.');
    expect(M.alreadyCompleted).toBe('Jau pažymėta, kad dalyvis mokymus baigė.');
    expect(M.notCompleted).toBe('Galutinį įvertinimą galima įvesti tik pažymėjus, kad dalyvis mokymus baigė.');
    expect(M.assessmentConfirmed).toBe(
      'Galutinis įvertinimas jau patvirtintas: mokymo teikėjas jo pakeisti negali (dėl klaidos kreipkitės į IMP IS administratorių).',
    );
    expect(M.assessmentMissing).toBe('Įveskite galutinį įvertinimą.');
    expect(M.nothingToConfirm).toBe('Pirmiausia įveskite galutinį įvertinimą, tada spauskite „Patvirtinti“.');
  });
});

describe('status (L6)', () => {
  it('walks the states in order: not started → started → completed → entered → confirmed → filled → certificate', () => {
    expect(completionStatus(record())).toBe('NEPRADEJO');
    expect(completionStatus(started())).toBe('PRADEJO');
    expect(completionStatus(completed())).toBe('BAIGE');
    expect(completionStatus(entered())).toBe('IVERTINIMAS_IVESTAS');
    expect(completionStatus(confirmed())).toBe('IVERTINIMAS_PATVIRTINTAS');
    expect(completionStatus(filled())).toBe('ANKETA_UZPILDYTA');
    expect(completionStatus(filled({ certificateGeneratedAt: '2026-02-03T01:00:00.000Z' }))).toBe('PAZYMEJIMAS_SUFORMUOTAS');
  });

  it('S2: an unmarked participant whose window closed is locked (DONE-5)', () => {
    expect(completionStatus(record({ lockedAt: '2026-01-15T22:00:00.000Z' }))).toBe('UZRAKINTA');
  });

  it('S10, DONE-18: a termination before the certificate takes her out, whatever she reached; after it, the certificate stands', () => {
    for (const r of [record(), started(), completed(), confirmed(), filled()]) expect(completionStatus(terminated(r))).toBe('NUTRAUKTA');
    expect(completionStatus(terminated(filled({ certificateGeneratedAt: '2026-02-03T01:00:00.000Z' })))).toBe('PAZYMEJIMAS_SUFORMUOTAS');
  });

  it('DONE-1, DONE-18: the tab lists contracts in force, not terminated ones', () => {
    expect(listedInCompletionTab(record())).toBe(true);
    expect(listedInCompletionTab(terminated(started()))).toBe(false);
    expect(listedInCompletionTab(terminated(filled({ certificateGeneratedAt: '2026-02-03T01:00:00.000Z' })))).toBe(true);
  });
});

describe('"Mokymus pradėjo" window in Vilnius time (SCHED-22, DONE-13, OQ-35)', () => {
  it('winter (UTC+2): from 22:00 UTC the day before to 22:00 UTC on the first session day', () => {
    const w = startMarkWindow('2026-01-15');
    expect(w.opensAt.toISOString()).toBe('2026-01-14T22:00:00.000Z');
    expect(w.closesAt.toISOString()).toBe('2026-01-15T22:00:00.000Z');
  });

  it('summer (UTC+3): from 21:00 UTC the day before to 21:00 UTC on the first session day', () => {
    const w = startMarkWindow('2026-07-15');
    expect(w.opensAt.toISOString()).toBe('2026-07-14T21:00:00.000Z');
    expect(w.closesAt.toISOString()).toBe('2026-07-15T21:00:00.000Z');
  });

  it('a grace of N days moves the close N Vilnius midnights later, also across the change to summer time', () => {
    expect(startMarkLockInstant('2026-01-15', 2).toISOString()).toBe('2026-01-17T22:00:00.000Z');
    // Clocks go forward on 2026-03-29: the midnight that begins 03-30 is 21:00 UTC.
    expect(startMarkLockInstant('2026-03-28', 1).toISOString()).toBe('2026-03-29T21:00:00.000Z');
    expect(startMarkLockInstant('2026-03-28').toISOString()).toBe('2026-03-28T22:00:00.000Z');
  });

  const ctx = (now: string, graceDays?: number) => ({ firstSessionDate: '2026-01-15', now: at(now), graceDays });

  it('refused before the first session day, with that day', () => {
    expect(startMarkRefusal(record(), ctx('2026-01-14T21:59:59.999Z'))).toBe(
      'Žymą „Mokymus pradėjo“ galima pažymėti nuo pirmojo užsiėmimo dienos (2026-01-15).',
    );
  });

  it('allowed from the first instant of the day to its last', () => {
    expect(startMarkRefusal(record(), ctx('2026-01-14T22:00:00.000Z'))).toBeNull();
    expect(startMarkRefusal(record(), ctx('2026-01-15T21:59:59.999Z'))).toBeNull();
  });

  it('refused from the Vilnius midnight that ends the day (the lock has not run yet), with the deadline', () => {
    expect(startMarkRefusal(record(), ctx('2026-01-15T22:00:00.000Z'))).toBe(
      'Žymėjimo „Mokymus pradėjo“ laikas baigėsi (iki 2026-01-15 23:59): tolimesni veiksmai su šiuo dalyviu negalimi.',
    );
  });

  it('summer: 23:59 Vilnius is allowed, 00:00 is not', () => {
    const c = (now: string) => ({ firstSessionDate: '2026-07-15', now: Date.parse(now) });
    expect(startMarkRefusal(record(), c('2026-07-15T20:59:00.000Z'))).toBeNull();
    expect(startMarkRefusal(record(), c('2026-07-15T21:00:00.000Z'))).toMatch(
      /^Žymėjimo „Mokymus pradėjo“ laikas baigėsi \(iki 2026-07-15 23:59\)/,
    );
  });

  it('a configured grace keeps the window open for those days', () => {
    expect(startMarkRefusal(record(), ctx('2026-01-17T21:59:59.000Z', 2))).toBeNull();
    expect(startMarkRefusal(record(), ctx('2026-01-17T22:00:00.000Z', 2))).toMatch(/\(iki 2026-01-17 23:59\)/);
  });

  it('refused when terminated, locked, already started, not in force, or without sessions', () => {
    const now = '2026-01-15T09:00:00.000Z';
    expect(startMarkRefusal(terminated(record()), ctx(now))).toBe(M.terminated);
    expect(startMarkRefusal(record({ lockedAt: '2026-01-15T22:00:00.000Z' }), ctx(now))).toBe(M.locked);
    expect(startMarkRefusal(started(), ctx(now))).toBe(M.alreadyStarted);
    expect(startMarkRefusal(completed(), ctx(now))).toBe(M.alreadyStarted);
    expect(startMarkRefusal(record({ contractPhase: ContractPhase.Signing }), ctx(now))).toBe(M.notInForce);
    expect(startMarkRefusal(record(), { firstSessionDate: null, now: at(now) })).toBe(M.noSessions);
  });

  it('lockDue: only an unmarked participant, from the closing instant on', () => {
    expect(lockDue(record(), '2026-01-15', at('2026-01-15T21:59:59.999Z'))).toBe(false);
    expect(lockDue(record(), '2026-01-15', at('2026-01-15T22:00:00.000Z'))).toBe(true);
    expect(lockDue(record(), '2026-01-15', at('2026-01-16T22:00:00.000Z'), 1)).toBe(true);
    expect(lockDue(record(), '2026-01-15', at('2026-01-16T21:00:00.000Z'), 1)).toBe(false);
    expect(lockDue(started(), '2026-01-15', at('2026-02-01T00:00:00.000Z'))).toBe(false);
    expect(lockDue(record({ lockedAt: '2026-01-15T22:00:00.000Z' }), '2026-01-15', at('2026-02-01T00:00:00.000Z'))).toBe(false);
    expect(lockDue(terminated(record()), '2026-01-15', at('2026-02-01T00:00:00.000Z'))).toBe(false);
  });
});

describe('"Mokymus baigė" (SCHED-22, DONE-4, DONE-14, DONE-18)', () => {
  const ctx = (now: string) => ({ lastSessionDate: '2026-01-30', now: at(now) });

  it('refused before the last session day (Vilnius midnight, winter)', () => {
    expect(completeMarkRefusal(started(), ctx('2026-01-29T21:59:59.999Z'))).toBe(
      'Žymą „Mokymus baigė“ galima pažymėti nuo paskutinio užsiėmimo dienos (2026-01-30).',
    );
    expect(completeMarkRefusal(started(), ctx('2026-01-29T22:00:00.000Z'))).toBeNull();
  });

  it('summer: opens at 21:00 UTC the day before', () => {
    const c = (now: string) => ({ lastSessionDate: '2026-06-30', now: at(now) });
    expect(completeMarkRefusal(started(), c('2026-06-29T20:59:59.000Z'))).toMatch(/^Žymą „Mokymus baigė“/);
    expect(completeMarkRefusal(started(), c('2026-06-29T21:00:00.000Z'))).toBeNull();
  });

  it('stays available after the last session day', () => {
    expect(completeMarkRefusal(started(), ctx('2026-03-01T12:00:00.000Z'))).toBeNull();
  });

  it('DONE-4: only for one marked as started; DONE-5: never for a locked one', () => {
    const now = '2026-01-30T10:00:00.000Z';
    expect(completeMarkRefusal(record(), ctx(now))).toBe(M.notStarted);
    expect(completeMarkRefusal(record({ lockedAt: '2026-01-15T22:00:00.000Z' }), ctx(now))).toBe(M.locked);
  });

  it('refused when terminated (DONE-18), already completed, or without sessions', () => {
    const now = '2026-01-30T10:00:00.000Z';
    expect(completeMarkRefusal(terminated(started()), ctx(now))).toBe(M.terminated);
    expect(completeMarkRefusal(completed(), ctx(now))).toBe(M.alreadyCompleted);
    expect(completeMarkRefusal(confirmed(), ctx(now))).toBe(M.alreadyCompleted);
    expect(completeMarkRefusal(started(), { lastSessionDate: null, now: at(now) })).toBe(M.noSessions);
  });
});

describe('"galutinis įvertinimas" (DONE-6, DONE-15, DONE-20, OQ-39)', () => {
  const grade: AssessmentFormat = { kind: 'grade', min: 1, max: 10 };
  const text: AssessmentFormat = { kind: 'text', maxLength: 20 };

  it('grade: whole numbers within the scale, stored without leading zeros', () => {
    expect(normaliseAssessment(grade, ' 08 ')).toEqual({ ok: true, value: '8' });
    expect(normaliseAssessment(grade, '1')).toEqual({ ok: true, value: '1' });
    expect(normaliseAssessment(grade, '10')).toEqual({ ok: true, value: '10' });
    for (const bad of ['0', '11', '7.5', '7,5', '-1', 'dešimt', '1e1']) {
      expect(normaliseAssessment(grade, bad)).toEqual({ ok: false, message: M.grade });
    }
  });

  it('pass/fail: the two codes only, written "Įskaityta" / "Neįskaityta"', () => {
    const f: AssessmentFormat = { kind: 'passFail' };
    expect(normaliseAssessment(f, 'ISKAITYTA')).toEqual({ ok: true, value: 'ISKAITYTA' });
    expect(normaliseAssessment(f, 'NEISKAITYTA')).toEqual({ ok: true, value: 'NEISKAITYTA' });
    expect(normaliseAssessment(f, 'TAIP')).toEqual({ ok: false, message: M.passFail });
    expect(assessmentLabel(f, 'ISKAITYTA')).toBe('Įskaityta');
    expect(assessmentLabel(f, 'NEISKAITYTA')).toBe('Neįskaityta');
    expect(assessmentLabel(f, null)).toBe('');
  });

  it('text: trimmed, at most maxLength characters', () => {
    expect(normaliseAssessment(text, '  Puikiai  ')).toEqual({ ok: true, value: 'Puikiai' });
    expect(normaliseAssessment(text, 'x'.repeat(20))).toEqual({ ok: true, value: 'x'.repeat(20) });
    expect(normaliseAssessment(text, 'x'.repeat(21))).toEqual({ ok: false, message: 'Ne daugiau kaip 20 simbolių.' });
  });

  it('an empty value is missing in every format', () => {
    for (const f of [grade, text, { kind: 'passFail' } as const])
      expect(normaliseAssessment(f, '  ')).toEqual({ ok: false, message: M.assessmentMissing });
  });

  it('hints say what fits', () => {
    expect(assessmentFormatHint(grade)).toBe(M.grade);
    expect(assessmentFormatHint({ kind: 'passFail' })).toBe(M.passFail);
    expect(assessmentFormatHint(text)).toBe('Įveskite įvertinimą (ne daugiau kaip 20 simbolių).');
  });

  it('S4: enabled only after "Mokymus baigė"; the default format is pass/fail', () => {
    expect(assessmentRefusal(record(), 'ISKAITYTA')).toBe(M.notCompleted);
    expect(assessmentRefusal(started(), 'ISKAITYTA')).toBe(M.notCompleted);
    expect(assessmentRefusal(completed(), 'ISKAITYTA')).toBeNull();
    expect(assessmentRefusal(completed(), '9')).toBe(M.passFail);
    expect(assessmentRefusal(completed(), '9', grade)).toBeNull();
  });

  it('may be re-entered before "Patvirtinti", never after (DONE-15)', () => {
    expect(assessmentRefusal(entered(), 'NEISKAITYTA')).toBeNull();
    expect(assessmentRefusal(confirmed(), 'NEISKAITYTA')).toBe(M.assessmentConfirmed);
    expect(assessmentRefusal(filled(), 'NEISKAITYTA')).toBe(M.assessmentConfirmed);
  });

  it('refused when locked or terminated', () => {
    expect(assessmentRefusal(record({ lockedAt: T0 }), 'ISKAITYTA')).toBe(M.locked);
    expect(assessmentRefusal(terminated(completed()), 'ISKAITYTA')).toBe(M.terminated);
  });

  it('configuration: a grade scale needs min < max; the defaults are pass/fail and no grace', () => {
    expect(assessmentFormatSchema.safeParse({ kind: 'grade', min: 1, max: 10 }).success).toBe(true);
    expect(assessmentFormatSchema.safeParse({ kind: 'grade', min: 10, max: 1 }).success).toBe(false);
    expect(assessmentFormatSchema.safeParse({ kind: 'text', maxLength: 0 }).success).toBe(false);
    expect(assessmentFormatSchema.safeParse({ kind: 'stars' }).success).toBe(false);
    expect(completionConfigSchema.parse({})).toEqual({
      startMarkGraceDays: 0,
      assessmentFormat: { kind: 'passFail' },
      questionnaireOpenDays: 90,
    });
    expect(completionConfigSchema.safeParse({ startMarkGraceDays: -1 }).success).toBe(false);
    expect(completionConfigSchema.safeParse({ startMarkGraceDays: 1.5 }).success).toBe(false);
  });
});

describe('"Patvirtinti" (DONE-7, DONE-15)', () => {
  it('confirms an entered assessment once; a second press is refused', () => {
    expect(confirmRefusal(entered())).toBeNull();
    expect(confirmRefusal(confirmed())).toBe(M.assessmentConfirmed);
    expect(confirmRefusal(filled({ certificateGeneratedAt: '2026-02-03T01:00:00.000Z' }))).toBe(M.assessmentConfirmed);
  });

  it('refused with nothing entered, before completion, when locked or terminated', () => {
    expect(confirmRefusal(completed())).toBe(M.nothingToConfirm);
    expect(confirmRefusal(started())).toBe(M.notCompleted);
    expect(confirmRefusal(record({ lockedAt: T0 }))).toBe(M.locked);
    expect(confirmRefusal(terminated(entered()))).toBe(M.terminated);
  });
});

describe('questionnaire status and refusal (DONE-8, DONE-11, PORTAL-8)', () => {
  it('not active until confirmed, active after, filled after submission', () => {
    expect(questionnaireStatus(entered())).toBe('NEAKTYVUOTA');
    expect(questionnaireStatus(confirmed())).toBe('AKTYVUOTA');
    expect(questionnaireStatus(filled())).toBe('UZPILDYTA');
    expect(questionnaireStatus(terminated(confirmed()))).toBe('NEAKTYVUOTA');
  });

  it('refuses a submission before activation, a second one, and one after termination', () => {
    expect(questionnaireRefusal(confirmed())).toBeNull();
    expect(questionnaireRefusal(entered())).toBe(
      'Vertinimo anketa dar neaktyvuota: ją galėsite pildyti, kai mokymo teikėjas patvirtins jūsų galutinį įvertinimą.',
    );
    expect(questionnaireRefusal(filled())).toBe('Vertinimo anketą jau užpildėte.');
    expect(questionnaireRefusal(terminated(confirmed()))).toBe('Mokymosi sutartis nutraukta: vertinimo anketos pildyti nebereikia.');
  });

  it('takes answers until its closing instant, then says so (DONE-8: the contract stops waiting then)', () => {
    const closesAt = '2026-09-01T00:00:00.000Z';
    const before = { closesAt, now: Date.parse(closesAt) - 1 };
    const at = { closesAt, now: Date.parse(closesAt) };
    expect(questionnaireStatus(confirmed(), before)).toBe('AKTYVUOTA');
    expect(questionnaireRefusal(confirmed(), before)).toBeNull();
    expect(questionnaireStatus(confirmed(), at)).toBe('NEBEPILDOMA');
    expect(questionnaireRefusal(confirmed(), at)).toBe('Vertinimo anketos pildymo laikas baigėsi.');
    // Filled in time stays filled; no closing instant known (older contracts): open.
    expect(questionnaireStatus(filled(), at)).toBe('UZPILDYTA');
    expect(questionnaireRefusal(confirmed(), { closesAt: null, now: Date.parse(closesAt) + 1 })).toBeNull();
  });
});

describe('certificate (DONE-9, DONE-10, DONE-17, DONE-18)', () => {
  it('DONE-9: eligible only with every step of the chain, and not terminated', () => {
    expect(certificateEligible(filled())).toBe(true);
    expect(certificateEligible(confirmed())).toBe(false);
    expect(certificateEligible(filled({ assessmentConfirmedAt: null }))).toBe(false);
    expect(certificateEligible(filled({ completedAt: null }))).toBe(false);
    expect(certificateEligible(filled({ startedAt: null }))).toBe(false);
    expect(certificateEligible(terminated(filled()))).toBe(false);
  });

  it('DONE-10: the Vilnius day after the questionnaire, at the day boundary in winter and summer', () => {
    // 23:59:59 Vilnius on 01-12 (winter) → the 13th; 00:30 Vilnius on 05-13 (summer; 21:30 UTC on the 12th) → the 14th.
    expect(certificateGenerationDay('2026-01-12T21:59:59.000Z')).toBe('2026-01-13');
    expect(certificateGenerationDay('2026-01-12T22:00:00.000Z')).toBe('2026-01-14');
    expect(certificateGenerationDay('2026-05-12T20:59:59.000Z')).toBe('2026-05-13');
    expect(certificateGenerationDay('2026-05-12T21:30:00.000Z')).toBe('2026-05-14');
    expect(certificateGenerationDay('2026-12-31T12:00:00.000Z')).toBe('2027-01-01');
  });

  it('DONE-17: the batch takes her from the next Vilnius day on, once', () => {
    const r = filled({ questionnaireFilledAt: '2026-05-12T21:30:00.000Z' }); // 2026-05-13 00:30 Vilnius
    expect(certificateDue(r, at('2026-05-13T20:59:59.000Z'))).toBe(false); // still the 13th in Vilnius
    expect(certificateDue(r, at('2026-05-13T21:00:00.000Z'))).toBe(true); // 00:00 on the 14th
    expect(certificateDue(r, at('2026-05-20T08:00:00.000Z'))).toBe(true); // a missed day is caught up
    expect(certificateDue({ ...r, certificateGeneratedAt: '2026-05-13T21:05:00.000Z' }, at('2026-05-20T08:00:00.000Z'))).toBe(false);
    expect(certificateDue(terminated(r), at('2026-05-20T08:00:00.000Z'))).toBe(false);
    expect(certificateDue(confirmed(), at('2026-05-20T08:00:00.000Z'))).toBe(false);
  });

  it('DONE-11: not generated, awaiting the batch with its day, generated with its day', () => {
    expect(certificateStatus(confirmed())).toBe('NESUFORMUOTAS');
    expect(certificateStatusText(confirmed())).toBe('Nesuformuotas');
    const r = filled({ questionnaireFilledAt: '2026-05-12T21:30:00.000Z' });
    expect(certificateStatus(r)).toBe('LAUKIAMA');
    expect(certificateStatusText(r)).toBe('Bus suformuotas 2026-05-14');
    const g = { ...r, certificateGeneratedAt: '2026-05-13T21:05:00.000Z' };
    expect(certificateStatus(g)).toBe('SUFORMUOTAS');
    expect(certificateStatusText(g)).toBe('Suformuotas 2026-05-14');
    expect(certificateStatusText(terminated(r))).toBe('Nesuformuotas');
  });
});

describe('the row of "Mokymų baigimas" (DONE-11, PROG-28)', () => {
  it('a new participant', () => {
    expect(completionRow(record())).toEqual({
      status: 'NEPRADEJO',
      statusLabel: 'Laukiama žymos „Mokymus pradėjo“',
      started: 'Ne',
      completed: 'Ne',
      assessment: '',
      questionnaire: 'Neaktyvuota',
      certificate: 'Nesuformuotas',
    });
  });

  it('a locked participant is shown as such (DONE-13)', () => {
    const row = completionRow(record({ lockedAt: T0 }));
    expect(row.started).toBe('Nepažymėta laiku');
    expect(row.statusLabel).toBe('Nepažymėta, kad pradėjo mokymus: tolimesni veiksmai negalimi');
  });

  it('an unconfirmed assessment says so; a confirmed one is written plainly', () => {
    const grade: AssessmentFormat = { kind: 'grade', min: 1, max: 10 };
    expect(completionRow(entered({ assessment: '9' }), grade).assessment).toBe('9 (nepatvirtintas)');
    const row = completionRow(filled({ questionnaireFilledAt: '2026-05-12T21:30:00.000Z' }));
    expect(row).toMatchObject({
      status: 'ANKETA_UZPILDYTA',
      started: 'Taip',
      completed: 'Taip',
      assessment: 'Įskaityta',
      questionnaire: 'Užpildyta',
      certificate: 'Bus suformuotas 2026-05-14',
    });
  });
});

describe('ticking several at once (DONE-11)', () => {
  const schedule = { firstSessionDate: '2026-01-15', lastSessionDate: '2026-01-30' };

  it('gives each ticked participant the refusal the single action would give, in order, once each', () => {
    const now = at('2026-01-15T10:00:00.000Z');
    const results = bulkRefusals(
      'start',
      [
        { participantId: 'a', record: record() },
        { participantId: 'b', record: started() },
        { participantId: 'c', record: terminated(record()) },
        { participantId: 'a', record: record() },
        { participantId: 'd', record: record() },
      ],
      schedule,
      now,
    );
    expect(results).toEqual([
      { participantId: 'a', refusal: null },
      { participantId: 'b', refusal: M.alreadyStarted },
      { participantId: 'c', refusal: M.terminated },
      { participantId: 'd', refusal: null },
    ]);
  });

  it('"Mokymus baigė" for several: started ones pass, unstarted and locked ones say why', () => {
    const now = at('2026-01-30T10:00:00.000Z');
    const results = bulkRefusals(
      'complete',
      [
        { participantId: 'a', record: started() },
        { participantId: 'b', record: record() },
        { participantId: 'c', record: record({ lockedAt: T0 }) },
      ],
      schedule,
      now,
    );
    expect(results.map((r) => r.refusal)).toEqual([null, M.notStarted, M.locked]);
  });

  it('the grace days in the schedule reach the start mark; "confirm" needs no dates', () => {
    const late = at('2026-01-16T10:00:00.000Z');
    expect(actionRefusal('start', record(), schedule, late)).toMatch(/^Žymėjimo „Mokymus pradėjo“ laikas baigėsi/);
    expect(actionRefusal('start', record(), { ...schedule, graceDays: 1 }, late)).toBeNull();
    expect(actionRefusal('confirm', entered(), { firstSessionDate: null, lastSessionDate: null }, late)).toBeNull();
  });

  it('nothing ticked gives no results', () => {
    expect(bulkRefusals('start', [], schedule, at(T0))).toEqual([]);
  });
});
