// What the questionnaireSubmitted Update may carry (PORTAL-8: answers as validateQuestionnaire gives
// them, checked again by the workflow) and the aggregate of answers given by Postgres' totals (PROG-22,
// nothing below MIN_ANSWERS_FOR_AGGREGATE: PROG-31, OQ-20).
import { describe, expect, it } from 'vitest';
import {
  aggregateOfTotals,
  COMMENT_MAX_LENGTH,
  isQuestionnaireAnswers,
  MIN_ANSWERS_FOR_AGGREGATE,
  questionnaireAggregate,
  QUESTION_KEYS,
  validateQuestionnaire,
  type QuestionKey,
} from '../../workflows/domain/questionnaire.ts';

const scores = (values: number[]) => Object.fromEntries(QUESTION_KEYS.map((k, i) => [k, values[i]])) as Record<QuestionKey, number>;

describe('isQuestionnaireAnswers (PORTAL-8)', () => {
  it('accepts exactly what validateQuestionnaire gives', () => {
    const checked = validateQuestionnaire({
      usefulness: '5',
      lecturers: '4',
      organisation: '3',
      materials: '2',
      overall: '1',
      comment: '  Gerai  ',
    });
    expect(checked.ok).toBe(true);
    if (checked.ok) expect(isQuestionnaireAnswers(checked.value)).toBe(true);
    expect(isQuestionnaireAnswers({ scores: scores([1, 2, 3, 4, 5]), comment: null })).toBe(true);
    expect(isQuestionnaireAnswers({ scores: scores([5, 5, 5, 5, 5]), comment: 'x'.repeat(COMMENT_MAX_LENGTH) })).toBe(true);
  });

  it.each([
    ['nothing', undefined],
    ['null', null],
    ['no scores', { comment: null }],
    ['a score out of range', { scores: scores([0, 2, 3, 4, 5]), comment: null }],
    ['a score above the scale', { scores: scores([6, 2, 3, 4, 5]), comment: null }],
    ['a fraction', { scores: scores([4.5, 2, 3, 4, 5]), comment: null }],
    ['a score as text', { scores: { ...scores([1, 2, 3, 4, 5]), overall: '5' }, comment: null }],
    ['a question missing', { scores: Object.fromEntries(QUESTION_KEYS.slice(1).map((k) => [k, 3])), comment: null }],
    ['a question not asked', { scores: { ...scores([1, 2, 3, 4, 5]), age: 40 }, comment: null }],
    ['an identity beside the answers', { scores: scores([1, 2, 3, 4, 5]), comment: null, participantId: 'p-1' }],
    ['an empty comment (null stands for none)', { scores: scores([1, 2, 3, 4, 5]), comment: '' }],
    ['an untrimmed comment', { scores: scores([1, 2, 3, 4, 5]), comment: ' a ' }],
    ['a comment too long', { scores: scores([1, 2, 3, 4, 5]), comment: 'x'.repeat(COMMENT_MAX_LENGTH + 1) }],
    ['the comment missing', { scores: scores([1, 2, 3, 4, 5]) }],
  ])('refuses %s', (_what, value) => {
    expect(isQuestionnaireAnswers(value)).toBe(false);
  });
});

describe('aggregateOfTotals (PROG-22, PROG-31)', () => {
  it('nothing for no totals or fewer than the minimum', () => {
    expect(aggregateOfTotals(undefined)).toBeNull();
    expect(aggregateOfTotals({ count: MIN_ANSWERS_FOR_AGGREGATE - 1, sums: scores([20, 20, 20, 20, 20]) })).toBeNull();
  });

  it('averages per question from the sums, equal to the aggregate of the answers themselves', () => {
    const answers = [
      [5, 4, 3, 2, 1],
      [5, 5, 3, 2, 2],
      [4, 4, 3, 1, 1],
      [5, 3, 3, 2, 5],
      [4, 4, 2, 2, 4],
    ].map((v) => ({ scores: scores(v) }));
    const sums = scores([23, 20, 14, 9, 13]);
    const fromTotals = aggregateOfTotals({ count: 5, sums });
    expect(fromTotals).toEqual({ count: 5, averages: scores([4.6, 4, 2.8, 1.8, 2.6]) });
    expect(questionnaireAggregate(answers)).toEqual(fromTotals);
  });
});
