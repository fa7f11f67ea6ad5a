// Contract numbering (§3.2.3.1; NUM-1..NUM-7): the formatter contracts reuse, the stage valid on a
// date, the stage form's rules and the rules between stages.
import { describe, expect, it } from 'vitest';
import {
  formatContractNumber,
  numberingStageOn,
  previewContractNumbers,
  stageContractNumber,
  stageProblems,
  stageState,
  validateNumberingStage,
  type ExistingStage,
  type NumberingStage,
} from '../../workflows/domain/contract-number.ts';

/** The Lithuanian messages expected (contract-number.ts), written out so a wrong text fails. */
const M = {
  required: 'Privalomas laukas.',
  date: 'Nurodykite datą (metai-mėnuo-diena), pvz., 2026-01-01.',
  startNumber: 'Nurodykite sveikąjį skaičių nuo 1 iki 999 999 999.',
  affix: 'Gali būti tik raidės, skaitmenys ir ženklai - / . _ (be tarpų).',
  affixLength: 'Ne daugiau kaip 20 simbolių.',
  numberFormat: 'Formatą sudaro nuo 1 iki 10 nulių, pvz., 00000.',
  startTooLong: 'Pradžios skaičius turi daugiau skaitmenų nei sutarties numerio formatas: pailginkite formatą.',
};

const MS = { prefix: 'MS-', suffix: '/2026', numberFormat: '00000' };

describe('formatContractNumber', () => {
  it('puts the zero-padded running number between prefix and suffix', () => {
    expect(formatContractNumber(MS, 1)).toBe('MS-00001/2026');
    expect(formatContractNumber(MS, 42)).toBe('MS-00042/2026');
    expect(formatContractNumber(MS, 99999)).toBe('MS-99999/2026');
  });

  it('writes a running number longer than the format in full, never cut', () => {
    expect(formatContractNumber(MS, 123456)).toBe('MS-123456/2026');
    expect(formatContractNumber({ prefix: '', suffix: '', numberFormat: '0' }, 1234)).toBe('1234');
  });

  it('works without prefix or suffix, and with Lithuanian letters', () => {
    expect(formatContractNumber({ prefix: '', suffix: '', numberFormat: '000' }, 7)).toBe('007');
    expect(formatContractNumber({ prefix: 'Nr.', suffix: '-Š', numberFormat: '0000' }, 15)).toBe('Nr.0015-Š');
  });

  it('refuses a running number or a format that cannot be', () => {
    expect(() => formatContractNumber(MS, -1)).toThrow(RangeError);
    expect(() => formatContractNumber(MS, 1.5)).toThrow(RangeError);
    expect(() => formatContractNumber({ ...MS, numberFormat: '0#0' }, 1)).toThrow(RangeError);
    expect(() => formatContractNumber({ ...MS, numberFormat: '' }, 1)).toThrow(RangeError);
  });

  it('numbers a stage from its start number', () => {
    const stage = { ...MS, startNumber: 120 };
    expect([0, 1, 2].map((i) => stageContractNumber(stage, i))).toEqual(['MS-00120/2026', 'MS-00121/2026', 'MS-00122/2026']);
  });
});

describe('numberingStageOn (NUM-7)', () => {
  const stages = [{ effectiveFrom: '2027-01-01' }, { effectiveFrom: '2026-01-01' }, { effectiveFrom: '2026-07-01' }];
  it('takes the stage with the latest effective date not after the date', () => {
    expect(numberingStageOn(stages, '2025-12-31')).toBeUndefined();
    expect(numberingStageOn(stages, '2026-01-01')?.effectiveFrom).toBe('2026-01-01');
    expect(numberingStageOn(stages, '2026-06-30')?.effectiveFrom).toBe('2026-01-01');
    expect(numberingStageOn(stages, '2026-07-01')?.effectiveFrom).toBe('2026-07-01');
    expect(numberingStageOn(stages, '2030-01-01')?.effectiveFrom).toBe('2027-01-01');
  });

  it('says whether a stage is past, current or future', () => {
    expect(stageState(stages, { effectiveFrom: '2026-01-01' }, '2026-08-01')).toBe('PAST');
    expect(stageState(stages, { effectiveFrom: '2026-07-01' }, '2026-08-01')).toBe('CURRENT');
    expect(stageState(stages, { effectiveFrom: '2027-01-01' }, '2026-08-01')).toBe('FUTURE');
  });
});

describe('the stage form', () => {
  const form = { effectiveFrom: '2026-01-01', startNumber: '1', prefix: 'MS-', suffix: '/2026', numberFormat: '00000' };

  it('accepts a stage and trims the values', () => {
    expect(validateNumberingStage({ ...form, prefix: ' MS- ' })).toEqual({
      ok: true,
      value: { effectiveFrom: '2026-01-01', startNumber: 1, prefix: 'MS-', suffix: '/2026', numberFormat: '00000' },
    });
    expect(validateNumberingStage({ ...form, prefix: '', suffix: '' }).ok).toBe(true);
  });

  it('shows every problem at once', () => {
    const r = validateNumberingStage({
      effectiveFrom: '2026-02-30',
      startNumber: '0',
      prefix: 'MS 1',
      suffix: 'x'.repeat(21),
      numberFormat: '0000#',
    });
    expect(r).toEqual({
      ok: false,
      errors: { effectiveFrom: M.date, startNumber: M.startNumber, prefix: M.affix, suffix: M.affixLength, numberFormat: M.numberFormat },
    });
    expect(validateNumberingStage({})).toEqual({
      ok: false,
      errors: { effectiveFrom: M.required, startNumber: M.required, numberFormat: M.required },
    });
  });

  it('refuses a start number longer than the format, fractions and signs', () => {
    expect(validateNumberingStage({ ...form, startNumber: '123456' })).toEqual({ ok: false, errors: { startNumber: M.startTooLong } });
    for (const startNumber of ['1.5', '-1', '1e3', '+1', '1000000000']) {
      expect(validateNumberingStage({ ...form, startNumber, numberFormat: '0000000000' })).toEqual({
        ok: false,
        errors: { startNumber: M.startNumber },
      });
    }
  });

  it('previews "Pilnas sutarties numeris" from what is typed, or says what is missing', () => {
    expect(previewContractNumbers(form)).toEqual({ ok: true, first: 'MS-00001/2026', next: ['MS-00002/2026', 'MS-00003/2026'] });
    expect(previewContractNumbers({ startNumber: '7', prefix: '', suffix: '', numberFormat: '000' })).toEqual({
      ok: true,
      first: '007',
      next: ['008', '009'],
    });
    const missing = previewContractNumbers({ ...form, numberFormat: 'abc' });
    expect(missing.ok).toBe(false);
    expect(!missing.ok && missing.reason).toContain('Sutarties numerio formatas');
  });
});

describe('rules between stages (NUM-4, NUM-6, NUM-7)', () => {
  const today = '2026-06-15';
  const stage = (id: string, effectiveFrom: string, used: boolean, suffix = `/${effectiveFrom.slice(0, 4)}-${id}`): ExistingStage => ({
    id,
    effectiveFrom,
    used,
    prefix: 'MS-',
    suffix,
    numberFormat: '00000',
  });
  const value = (effectiveFrom: string, suffix = '/nauja'): NumberingStage => ({
    effectiveFrom,
    startNumber: 1,
    prefix: 'MS-',
    suffix,
    numberFormat: '00000',
  });

  it('lets the first stage start on any date, also in the past', () => {
    expect(stageProblems({ stageId: null, value: value('2026-01-01'), stages: [], today })).toEqual({});
  });

  it('wants a new stage later than every existing one', () => {
    const stages = [stage('a', '2026-01-01', false), stage('b', '2026-09-01', false)];
    expect(stageProblems({ stageId: null, value: value('2026-09-01'), stages, today }).effectiveFrom).toContain(
      'vėlesnė už ankstesnių etapų',
    );
    expect(stageProblems({ stageId: null, value: value('2026-08-31'), stages, today }).effectiveFrom).toContain('2026-09-01');
    expect(stageProblems({ stageId: null, value: value('2026-09-02'), stages, today })).toEqual({});
  });

  it('after a used stage, a new one starts tomorrow at the earliest', () => {
    const stages = [stage('a', '2026-01-01', true)];
    expect(stageProblems({ stageId: null, value: value(today), stages, today }).effectiveFrom).toContain('nuo rytojaus');
    expect(stageProblems({ stageId: null, value: value('2026-06-16'), stages, today })).toEqual({});
  });

  it('keeps an edited stage between its neighbours', () => {
    const stages = [stage('a', '2026-01-01', false), stage('b', '2026-05-01', false), stage('c', '2026-09-01', false)];
    expect(stageProblems({ stageId: 'b', value: value('2026-01-01'), stages, today }).effectiveFrom).toContain(
      'vėlesnė už ankstesnio etapo',
    );
    expect(stageProblems({ stageId: 'b', value: value('2026-09-01'), stages, today }).effectiveFrom).toContain(
      'ankstesnė už vėlesnio etapo',
    );
    expect(stageProblems({ stageId: 'b', value: value('2026-03-01'), stages, today })).toEqual({});
    // The first stage may move anywhere before the second.
    expect(stageProblems({ stageId: 'a', value: value('2025-01-01'), stages, today })).toEqual({});
  });

  it('after a used stage, an edited one keeps a date that has come, may move later, never earlier', () => {
    const stages = [stage('a', '2026-01-01', true), stage('b', '2026-05-01', false)];
    expect(stageProblems({ stageId: 'b', value: value('2026-05-01'), stages, today })).toEqual({});
    expect(stageProblems({ stageId: 'b', value: value('2026-06-01'), stages, today })).toEqual({});
    expect(stageProblems({ stageId: 'b', value: value('2026-04-30'), stages, today }).effectiveFrom).toContain('paankstinti');
    // A future stage after a used one cannot move to today.
    const future = [stage('a', '2026-01-01', true), stage('b', '2026-08-01', false)];
    expect(stageProblems({ stageId: 'b', value: value(today), stages: future, today }).effectiveFrom).toContain('nuo rytojaus');
  });

  it('refuses the same prefix and suffix as another stage (numbers would repeat)', () => {
    const stages = [stage('a', '2026-01-01', false, '/2026')];
    expect(stageProblems({ stageId: null, value: value('2027-01-01', '/2026'), stages, today }).prefix).toContain('2026-01-01');
    expect(stageProblems({ stageId: null, value: value('2027-01-01', '/2027'), stages, today })).toEqual({});
    // The stage itself may keep its own.
    expect(stageProblems({ stageId: 'a', value: value('2026-01-01', '/2026'), stages, today })).toEqual({});
  });
});
