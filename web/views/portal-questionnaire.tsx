// "Vertinimo anketa" in the KURSUOK portal (PORTAL-8, DONE-8): the evaluation questionnaire of one of
// her contracts — each question a group of 1–5 radio buttons with its legend, the optional comment —
// with every field's error tied to it (aria-describedby), the thanks once it is submitted, or why it
// cannot be filled (not yet active, already filled, the contract terminated).
import type { OwnContract } from '../../db/queries/portal-contracts.ts';
import type { PersonSession } from '../../db/tables/participants.ts';
import {
  newCompletionRecord,
  questionnaireRefusal,
  QUESTIONNAIRE_STATUS_LABELS,
  questionnaireStatus,
  QuestionnaireStatus,
  type CompletionRecord,
} from '../../workflows/domain/completion.ts';
import { formatDate } from '../../workflows/domain/date-format.ts';
import type { ContractPhase } from '../../workflows/domain/learning-contract.ts';
import {
  COMMENT_FIELD,
  COMMENT_LABEL,
  COMMENT_MAX_LENGTH,
  QUESTIONNAIRE_INTRO,
  QUESTIONNAIRE_QUESTIONS,
  QUESTIONNAIRE_TITLE,
  SCALE_LABELS,
  SCALE_MAX,
  SCALE_MIN,
  type QuestionnaireFieldErrors,
} from '../../workflows/domain/questionnaire.ts';
import { CommandNotice, CsrfField, Notice } from './layout.tsx';
import { PortalLayout } from './portal-layout.tsx';

/** Her contract's questionnaire (beside "Mano sutartys": /kursuok/sutartys/<id>). */
export const questionnairePath = (contractId: string) => `/kursuok/sutartys/${contractId}/anketa`;

/** What the portal names the questionnaire in her account and on the button. */
export const QUESTIONNAIRE_LINK = 'Vertinimo anketa';
export const SUBMIT_LABEL = 'Pateikti anketą';
export const QUESTIONNAIRE_THANKS =
  'Ačiū, vertinimo anketa pateikta. Jūsų atsakymai saugomi atskirai nuo jūsų asmens duomenų; mokymo teikėjas matys tik apibendrintus rezultatus.';

type CompletionColumns = Pick<OwnContract, 'phase' | 'assessment_confirmed_at' | 'questionnaire_filled_at' | 'questionnaire_closes_at'>;

/** DONE-8: the questionnaire takes answers until the instant "Patvirtinti" set (none in older rows: open). */
const windowOf = (c: CompletionColumns) => ({
  closesAt: c.questionnaire_closes_at === null ? null : new Date(c.questionnaire_closes_at).toISOString(),
  now: Date.now(),
});

/** The completion facts of her contract's row that the questionnaire depends on (DONE-8). */
function recordOf(c: CompletionColumns): CompletionRecord {
  const iso = (d: Date | null) => (d === null ? null : new Date(d).toISOString());
  return {
    ...newCompletionRecord(c.phase as ContractPhase),
    assessmentConfirmedAt: iso(c.assessment_confirmed_at),
    questionnaireFilledAt: iso(c.questionnaire_filled_at),
  };
}

/** DONE-8, PORTAL-8: not active, active (she may fill it) or filled, as her contract's row says. */
export function contractQuestionnaireStatus(c: CompletionColumns): QuestionnaireStatus {
  return questionnaireStatus(recordOf(c), windowOf(c));
}

/** Why she cannot submit it now (not active, filled, terminated), or null. */
export function contractQuestionnaireRefusal(c: CompletionColumns): string | null {
  return questionnaireRefusal(recordOf(c), windowOf(c));
}

/** What she typed, kept when the form comes back with errors. */
export type QuestionnaireValues = Partial<Record<string, string>>;

const SCALE = Array.from({ length: SCALE_MAX - SCALE_MIN + 1 }, (_, i) => SCALE_MIN + i);
const errorId = (field: string) => `e-${field}`;

export function QuestionnairePage(props: {
  person: PersonSession | undefined;
  contract: OwnContract;
  formKey: string;
  /** Shown instead of the form: she submitted it (thanks) or cannot (why). */
  thanks?: boolean;
  refusal?: string | null;
  values?: QuestionnaireValues;
  errors?: QuestionnaireFieldErrors;
  /** A refusal or outage of the command (CommandNotice). */
  error?: string | undefined;
}) {
  const c = props.contract;
  const values = props.values ?? {};
  const errors = props.errors ?? {};
  const invalid = Object.keys(errors).length > 0;
  const commentError = errors[COMMENT_FIELD];
  return (
    <PortalLayout title={QUESTIONNAIRE_LINK} person={props.person} section="sutartys">
      <p>
        <a href={`/kursuok/sutartys/${c.id}`}>← Mokymosi sutartis</a>
      </p>
      <h1>{QUESTIONNAIRE_TITLE}</h1>
      <p>
        {c.programme_name} – {c.group_name}
        <br />
        <small>{c.institution_name}</small>
      </p>
      {props.thanks ? <Notice kind="success">{QUESTIONNAIRE_THANKS}</Notice> : null}
      {props.error ? <CommandNotice text={props.error} /> : null}
      {invalid ? <Notice kind="error">Patikrinkite pažymėtus laukus.</Notice> : null}
      {props.thanks || props.refusal ? (
        <>
          {props.refusal && !props.thanks && props.refusal !== props.error ? <Notice kind="info">{props.refusal}</Notice> : null}
          <p>
            <a href="/kursuok/sutartys">Grįžti į „Mano sutartys“</a>
          </p>
        </>
      ) : (
        <form method="post" action={questionnairePath(c.id)} id="vertinimo-anketa" novalidate>
          <CsrfField />
          <input type="hidden" name="idempotencyKey" value={props.formKey} />
          <p>{QUESTIONNAIRE_INTRO}</p>
          {QUESTIONNAIRE_QUESTIONS.map((q, i) => {
            const error = errors[q.key];
            return (
              <fieldset id={`q-${q.key}`} aria-invalid={error ? 'true' : undefined} aria-describedby={error ? errorId(q.key) : undefined}>
                <legend>
                  {i + 1}. {q.label}
                </legend>
                {SCALE.map((n) => (
                  <label>
                    <input type="radio" name={q.key} value={String(n)} checked={values[q.key] === String(n)} required />
                    {n} – {SCALE_LABELS[n]}
                  </label>
                ))}
                {error ? (
                  <small id={errorId(q.key)} class="field-error">
                    {error}
                  </small>
                ) : null}
              </fieldset>
            );
          })}
          <div class="field">
            <label for={`f-${COMMENT_FIELD}`}>{COMMENT_LABEL}</label>
            <textarea
              id={`f-${COMMENT_FIELD}`}
              name={COMMENT_FIELD}
              rows={5}
              maxlength={COMMENT_MAX_LENGTH}
              aria-invalid={commentError ? 'true' : undefined}
              aria-describedby={commentError ? errorId(COMMENT_FIELD) : `h-${COMMENT_FIELD}`}
            >
              {values[COMMENT_FIELD] ?? ''}
            </textarea>
            {commentError ? (
              <small id={errorId(COMMENT_FIELD)} class="field-error">
                {commentError}
              </small>
            ) : (
              <small id={`h-${COMMENT_FIELD}`}>
                Ne daugiau kaip {COMMENT_MAX_LENGTH} simbolių. Nerašykite savo vardo ar kitų duomenų, iš kurių būtumėte atpažinti.
              </small>
            )}
          </div>
          <button type="submit">{SUBMIT_LABEL}</button>
        </form>
      )}
    </PortalLayout>
  );
}

/** "Mano sutartys": a "Vertinimo anketa" link for each contract whose questionnaire awaits her (PORTAL-8). */
export function QuestionnaireLinks(props: { contracts: readonly OwnContract[] }) {
  const open = props.contracts.filter((c) => contractQuestionnaireStatus(c) === QuestionnaireStatus.Active);
  if (open.length === 0) return null;
  return (
    <section id="vertinimo-anketos" aria-labelledby="vertinimo-anketos-antraste" class="notice notice-info">
      <h2 id="vertinimo-anketos-antraste">{QUESTIONNAIRE_LINK}</h2>
      <p>
        Mokymo teikėjas patvirtino jūsų galutinį įvertinimą: įvertinkite mokymus. Pažymėjimas suformuojamas kitą dieną po anketos užpildymo.
      </p>
      <ul>
        {open.map((c) => (
          <li data-questionnaire={c.id}>
            <a href={questionnairePath(c.id)}>
              Užpildyti vertinimo anketą: {c.programme_name} – {c.group_name}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A contract's page: the questionnaire's status, with the link while it awaits her (DONE-8, PORTAL-8). */
export function QuestionnaireStatusItem(props: { contract: OwnContract }) {
  const c = props.contract;
  const status = contractQuestionnaireStatus(c);
  if (status === QuestionnaireStatus.NotActive) return null;
  return (
    <>
      <dt>{QUESTIONNAIRE_LINK}</dt>
      <dd data-questionnaire-status={status}>
        {status === QuestionnaireStatus.Filled ? (
          `${QUESTIONNAIRE_STATUS_LABELS[status]} (${formatDate(c.questionnaire_filled_at!)})`
        ) : (
          <a href={questionnairePath(c.id)}>Užpildyti vertinimo anketą</a>
        )}
      </dd>
    </>
  );
}
