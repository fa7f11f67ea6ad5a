// The evaluation questionnaire's answers (PORTAL-8, PROG-21, PROG-22, PROG-31, OQ-20): the one
// insert (from the contract's projection, in its transaction) and the reads behind the provider's
// aggregates. Nothing here joins an answer to a participant, contract or registration; every read is
// scoped to the institution (GEN-5) and returns sums and counts, never single rows' scores.
import { vilniusDate } from '../../workflows/domain/calendar.ts';
import {
  MIN_ANSWERS_FOR_AGGREGATE,
  QUESTION_KEYS,
  type AnswerTotals,
  type QuestionKey,
  type QuestionnaireAnswers,
} from '../../workflows/domain/questionnaire.ts';
import type { DbOrTx } from '../client.ts';

/** Where an answer belongs: nothing that names her. */
export interface AnswerScope {
  institutionId: string;
  programmeId: string;
  groupId: string;
}

/**
 * Stores one submitted questionnaire with only the Vilnius day of `submittedAt` (PROG-31): called by
 * the contract's projection in the transaction that sets questionnaire_filled_at, and only when that
 * transaction found it still empty, so a retried or replayed projection never stores it twice.
 */
export async function insertQuestionnaireAnswers(
  trx: DbOrTx,
  scope: AnswerScope,
  answers: QuestionnaireAnswers,
  /** A Date, or its ISO string as an activity's JSON input carries it. */
  submittedAt: Date | string,
): Promise<void> {
  await trx
    .insertInto('questionnaire_answers')
    .values({
      institution_id: scope.institutionId,
      programme_id: scope.programmeId,
      group_id: scope.groupId,
      ...answers.scores,
      comment: answers.comment,
      submitted_on: vilniusDate(new Date(submittedAt)),
    })
    .execute();
}

/** How many answers a group has and, per question, the sum of its scores. */
export interface GroupAnswerTotals extends AnswerTotals {
  groupId: string;
}

/** PROG-22: the answers' count and per-question sums of these groups of the institution (a group without answers is absent). */
export async function groupAnswerTotals(db: DbOrTx, institutionId: string, groupIds: readonly string[]): Promise<GroupAnswerTotals[]> {
  if (groupIds.length === 0) return [];
  const rows = await db
    .selectFrom('questionnaire_answers')
    .select((eb) => ['group_id', eb.fn.countAll<string>().as('n'), ...QUESTION_KEYS.map((k) => eb.fn.sum<string>(k).as(k))])
    .where('institution_id', '=', institutionId)
    .where('group_id', 'in', [...groupIds])
    .groupBy('group_id')
    .execute();
  return rows.map((r) => {
    const row = r as unknown as Record<string, string>;
    return {
      groupId: r.group_id,
      count: Number(r.n),
      sums: Object.fromEntries(QUESTION_KEYS.map((k) => [k, Number(row[k])])) as Record<QuestionKey, number>,
    };
  });
}

/**
 * PROG-21: a group's comments, only once it has at least MIN_ANSWERS_FOR_AGGREGATE answers (else
 * none), in alphabetical order — without their scores, dates or any order of arrival, so that no
 * comment can be told apart by when it came (PROG-31).
 */
export async function groupComments(db: DbOrTx, institutionId: string, groupId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('questionnaire_answers')
    .select('comment')
    .where('institution_id', '=', institutionId)
    .where('group_id', '=', groupId)
    .execute();
  if (rows.length < MIN_ANSWERS_FOR_AGGREGATE) return [];
  return rows
    .map((r) => r.comment)
    .filter((c): c is string => c !== null)
    .sort((a, b) => a.localeCompare(b, 'lt'));
}
