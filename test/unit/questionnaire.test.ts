// The evaluation questionnaire (PORTAL-8, DONE-8) and its anonymised aggregate (PROG-22, PROG-31, OQ-20).
import { describe, expect, it } from 'vitest';
import {
  aggregateUnavailableText,
  COMMENT_MAX_LENGTH,
  formatAverage,
  MIN_ANSWERS_FOR_AGGREGATE,
  QUESTION_KEYS,
  QUESTION_LABELS,
  questionnaireAggregate,
  SCALE_LABELS,
  validateQuestionnaire,
  type QuestionKey,
  type QuestionnaireFormInput,
} from '../../workflows/domain/questionnaire.ts';

const SCORE_REQUIRED = 'Pasirinkite įvertinimą nuo 1 iki 5.';

function form(overrides: QuestionnaireFormInput = {}): QuestionnaireFormInput {
  return { usefulness: '5', lecturers: '4', organisation: '3', materials: '2', overall: '1', comment: '', ...overrides };
}

function scores(values: [number, number, number, number, number]): { scores: Record<QuestionKey, number> } {
  return { scores: Object.fromEntries(QUESTION_KEYS.map((k, i) => [k, values[i]])) as Record<QuestionKey, number> };
}

describe('the questions (PORTAL-8)', () => {
  it('five questions on a 1–5 scale, each worded in Lithuanian', () => {
    expect(QUESTION_KEYS).toEqual(['usefulness', 'lecturers', 'organisation', 'materials', 'overall']);
    for (const k of QUESTION_KEYS) expect(QUESTION_LABELS[k]).toMatch(/\p{L}/u);
    expect(Object.keys(SCALE_LABELS)).toEqual(['1', '2', '3', '4', '5']);
    expect(SCALE_LABELS[1]).toBe('Labai blogai');
    expect(SCALE_LABELS[5]).toBe('Labai gerai');
  });
});

describe('validateQuestionnaire (PORTAL-8)', () => {
  it('accepts every question answered; an empty comment is stored as null', () => {
    expect(validateQuestionnaire(form())).toEqual({
      ok: true,
      value: { scores: { usefulness: 5, lecturers: 4, organisation: 3, materials: 2, overall: 1 }, comment: null },
    });
  });

  it('keeps a trimmed comment up to the maximum length', () => {
    const r = validateQuestionnaire(form({ comment: '  Labai patiko.  ' }));
    expect(r.ok && r.value.comment).toBe('Labai patiko.');
    const longest = validateQuestionnaire(form({ comment: 'ą'.repeat(COMMENT_MAX_LENGTH) }));
    expect(longest.ok).toBe(true);
  });

  it('refuses a comment over the maximum length', () => {
    expect(validateQuestionnaire(form({ comment: 'ą'.repeat(COMMENT_MAX_LENGTH + 1) }))).toEqual({
      ok: false,
      errors: { comment: `Ne daugiau kaip ${COMMENT_MAX_LENGTH} simbolių.` },
    });
  });

  it('every question is required and must be a whole number 1–5; all problems at once', () => {
    const r = validateQuestionnaire(form({ usefulness: '', lecturers: '0', organisation: '6', materials: '3.5', overall: 'gerai' }));
    expect(r).toEqual({
      ok: false,
      errors: {
        usefulness: SCORE_REQUIRED,
        lecturers: SCORE_REQUIRED,
        organisation: SCORE_REQUIRED,
        materials: SCORE_REQUIRED,
        overall: SCORE_REQUIRED,
      },
    });
  });

  it('a missing field and a blank one are both unanswered; the scale ends are accepted', () => {
    const { overall: _omit, ...rest } = form();
    expect(validateQuestionnaire({ ...rest, materials: '   ' })).toEqual({
      ok: false,
      errors: { materials: SCORE_REQUIRED, overall: SCORE_REQUIRED },
    });
    const ends = validateQuestionnaire(form({ usefulness: '1', overall: '5' }));
    expect(ends.ok && [ends.value.scores.usefulness, ends.value.scores.overall]).toEqual([1, 5]);
  });

  it('a repeated field takes its first value', () => {
    const r = validateQuestionnaire(form({ overall: ['4', '1'] }));
    expect(r.ok && r.value.scores.overall).toBe(4);
  });
});

describe('questionnaireAggregate (PROG-22, PROG-31)', () => {
  it(`nothing is shown below ${MIN_ANSWERS_FOR_AGGREGATE} answers`, () => {
    expect(MIN_ANSWERS_FOR_AGGREGATE).toBe(5);
    expect(questionnaireAggregate([])).toBeNull();
    expect(questionnaireAggregate(Array.from({ length: 4 }, () => scores([5, 5, 5, 5, 5])))).toBeNull();
  });

  it('from 5 answers: the count and each question’s mean', () => {
    const answers = [
      scores([5, 4, 3, 2, 1]),
      scores([5, 4, 3, 2, 1]),
      scores([4, 4, 3, 2, 2]),
      scores([4, 5, 3, 1, 1]),
      scores([3, 5, 4, 1, 1]),
    ];
    expect(questionnaireAggregate(answers)).toEqual({
      count: 5,
      averages: { usefulness: 4.2, lecturers: 4.4, organisation: 3.2, materials: 1.6, overall: 1.2 },
    });
  });

  it('carries no comment nor any single answer', () => {
    const answers = Array.from({ length: 6 }, (_, i) => ({ ...scores([1, 2, 3, 4, 5]), comment: `pastaba ${i}` }));
    const agg = questionnaireAggregate(answers);
    expect(Object.keys(agg ?? {})).toEqual(['count', 'averages']);
    expect(agg?.count).toBe(6);
  });

  it('averages are written with one decimal and a comma', () => {
    expect(formatAverage(4.25)).toBe('4,3');
    expect(formatAverage(4)).toBe('4,0');
    expect(formatAverage(3.333333)).toBe('3,3');
  });

  it('says why nothing is shown', () => {
    expect(aggregateUnavailableText(0)).toBe('Atsiliepimų dar nėra.');
    expect(aggregateUnavailableText(3)).toBe('Rezultatai rodomi, kai gaunama ne mažiau kaip 5 atsakymų (dabar: 3).');
  });
});
