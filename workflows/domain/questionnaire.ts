// The evaluation questionnaire ("Neformaliojo suaugusiųjų švietimo ir tęstinio mokymosi programos
// vertinimo anketa", manual §3.7; PORTAL-8, DONE-8): its questions on a 1–5 scale and an optional
// comment, the validation of a submitted form with Lithuanian messages, and the anonymised aggregate
// the provider sees — per-question averages and the number of answers, only once at least
// MIN_ANSWERS_FOR_AGGREGATE answers exist (PROG-22, PROG-31, OQ-20). Pure.
import { z } from 'zod';
import { tooLong } from './field-rules.ts';

export const QUESTIONNAIRE_TITLE = 'Neformaliojo suaugusiųjų švietimo ir tęstinio mokymosi programos vertinimo anketa';

export const QUESTIONNAIRE_INTRO =
  'Įvertinkite mokymus nuo 1 (labai blogai) iki 5 (labai gerai). Atsakymai saugomi atskirai nuo jūsų asmens duomenų: mokymo teikėjas mato tik apibendrintus rezultatus.';

/** The questions, in the order asked; each is answered on the 1–5 scale. */
export const QUESTIONNAIRE_QUESTIONS = [
  { key: 'usefulness', label: 'Ar mokymosi programa buvo naudinga jūsų darbui ar tolesniam mokymuisi?' },
  { key: 'lecturers', label: 'Kaip vertinate lektorių darbą (žinias, gebėjimą perteikti, atsakymus į klausimus)?' },
  { key: 'organisation', label: 'Kaip vertinate mokymų organizavimą (tvarkaraštį, vietą, informavimą)?' },
  { key: 'materials', label: 'Kaip vertinate mokymo medžiagą ir priemones?' },
  { key: 'overall', label: 'Bendras mokymų įvertinimas' },
] as const;
export type QuestionKey = (typeof QUESTIONNAIRE_QUESTIONS)[number]['key'];
export const QUESTION_KEYS: readonly QuestionKey[] = QUESTIONNAIRE_QUESTIONS.map((q) => q.key);
export const QUESTION_LABELS = Object.fromEntries(QUESTIONNAIRE_QUESTIONS.map((q) => [q.key, q.label])) as Record<QuestionKey, string>;

export const SCALE_MIN = 1;
export const SCALE_MAX = 5;
/** The words of each point of the scale (for the radio buttons' labels). */
export const SCALE_LABELS: Readonly<Record<number, string>> = {
  1: 'Labai blogai',
  2: 'Blogai',
  3: 'Vidutiniškai',
  4: 'Gerai',
  5: 'Labai gerai',
};

export const COMMENT_FIELD = 'comment';
export const COMMENT_LABEL = 'Jūsų pastabos ir pasiūlymai (neprivaloma)';
export const COMMENT_MAX_LENGTH = 2000;

export type QuestionnaireField = QuestionKey | typeof COMMENT_FIELD;
export type QuestionnaireFieldErrors = Partial<Record<QuestionnaireField, string>>;
/** What a submitted form carries: every value a string (a repeated field as a list). */
export type QuestionnaireFormInput = Record<string, string | string[] | undefined>;

/** What is stored, apart from the participant's identity (PROG-31). */
export interface QuestionnaireAnswers {
  scores: Record<QuestionKey, number>;
  comment: string | null;
}

export const QUESTIONNAIRE_MESSAGES = {
  scoreRequired: `Pasirinkite įvertinimą nuo ${SCALE_MIN} iki ${SCALE_MAX}.`,
  /** The Update's answers are not what validateQuestionnaire gives (a form tampered with, or an old page). */
  answersInvalid: 'Vertinimo anketos atsakymai neteisingi: atnaujinkite puslapį ir užpildykite anketą dar kartą.',
} as const;
const M = QUESTIONNAIRE_MESSAGES;

const score = z.coerce
  .number({ error: M.scoreRequired })
  .int({ error: M.scoreRequired })
  .min(SCALE_MIN, { error: M.scoreRequired })
  .max(SCALE_MAX, { error: M.scoreRequired });

const comment = z
  .string()
  .trim()
  .max(COMMENT_MAX_LENGTH, { error: tooLong(COMMENT_MAX_LENGTH) })
  .transform((s) => (s === '' ? null : s));

function text(input: QuestionnaireFormInput, key: string): string {
  const v = input[key];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}

/** PORTAL-8: every question answered with a whole number 1–5, the comment optional; every problem at once, in question order. */
export function validateQuestionnaire(
  input: QuestionnaireFormInput,
): { ok: true; value: QuestionnaireAnswers } | { ok: false; errors: QuestionnaireFieldErrors } {
  const errors: QuestionnaireFieldErrors = {};
  const scores: Partial<Record<QuestionKey, number>> = {};
  for (const key of QUESTION_KEYS) {
    const raw = text(input, key).trim();
    const parsed = raw === '' ? null : score.safeParse(raw);
    if (parsed?.success) scores[key] = parsed.data;
    else errors[key] = M.scoreRequired;
  }
  const parsedComment = comment.safeParse(text(input, COMMENT_FIELD));
  if (!parsedComment.success) errors[COMMENT_FIELD] = parsedComment.error.issues[0]?.message ?? tooLong(COMMENT_MAX_LENGTH);
  if (Object.keys(errors).length > 0 || !parsedComment.success) return { ok: false, errors };
  return { ok: true, value: { scores: scores as Record<QuestionKey, number>, comment: parsedComment.data } };
}

/** The shape validateQuestionnaire gives: every question a whole number 1–5, the comment trimmed text or null. */
const answersSchema = z.strictObject({
  scores: z.strictObject(
    Object.fromEntries(QUESTION_KEYS.map((k) => [k, z.number().int().min(SCALE_MIN).max(SCALE_MAX)])) as Record<QuestionKey, z.ZodNumber>,
  ),
  comment: z
    .string()
    .min(1)
    .max(COMMENT_MAX_LENGTH)
    .refine((s) => s === s.trim())
    .nullable(),
});

/**
 * PORTAL-8: whether a value carried by the questionnaireSubmitted Update is answers as
 * validateQuestionnaire gives them (the workflow checks them again before they are stored).
 */
export function isQuestionnaireAnswers(value: unknown): value is QuestionnaireAnswers {
  return answersSchema.safeParse(value).success;
}

// ---- The anonymised aggregate (PROG-22, PROG-31) ------------------------------------------------

/** Fewer answers than this could be traced to a participant: nothing is shown (PROG-31, OQ-20). */
export const MIN_ANSWERS_FOR_AGGREGATE = 5;

export interface QuestionnaireAggregate {
  /** How many questionnaires the averages are over. */
  count: number;
  /** The mean score per question, unrounded (formatAverage writes it). */
  averages: Record<QuestionKey, number>;
}

/**
 * PROG-22: the evaluation by question over the given answers (a group's or a programme's); null
 * while fewer than MIN_ANSWERS_FOR_AGGREGATE exist, so that no answer can be told apart (PROG-31).
 */
export function questionnaireAggregate(answers: readonly Pick<QuestionnaireAnswers, 'scores'>[]): QuestionnaireAggregate | null {
  const sums = Object.fromEntries(QUESTION_KEYS.map((k) => [k, 0])) as Record<QuestionKey, number>;
  for (const a of answers) for (const k of QUESTION_KEYS) sums[k] += a.scores[k];
  return aggregateOfTotals({ count: answers.length, sums });
}

/** How many answers there are and, per question, the sum of their scores (as Postgres sums them). */
export interface AnswerTotals {
  count: number;
  sums: Record<QuestionKey, number>;
}

/** The aggregate of answers given by their totals; null while fewer than MIN_ANSWERS_FOR_AGGREGATE (PROG-31). */
export function aggregateOfTotals(totals: AnswerTotals | undefined): QuestionnaireAggregate | null {
  if (!totals || totals.count < MIN_ANSWERS_FOR_AGGREGATE) return null;
  const averages = Object.fromEntries(QUESTION_KEYS.map((k) => [k, totals.sums[k] / totals.count])) as Record<QuestionKey, number>;
  return { count: totals.count, averages };
}

/** An average as Lithuanians write it, one decimal with a comma: 4.25 → '4,3', 4 → '4,0'. */
export function formatAverage(value: number): string {
  return (Math.round(value * 10) / 10).toFixed(1).replace('.', ',');
}

/** What the "Dalyvių atsiliepimai" column says while too few answers exist. */
export function aggregateUnavailableText(count: number): string {
  return count === 0
    ? 'Atsiliepimų dar nėra.'
    : `Rezultatai rodomi, kai gaunama ne mažiau kaip ${MIN_ANSWERS_FOR_AGGREGATE} atsakymų (dabar: ${count}).`;
}
