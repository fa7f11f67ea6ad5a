// "Dalyvių atsiliepimai" and "Programos vertinimas" of a programme's groups (tab "Grupės", PROG-21,
// PROG-22): for a group "Užbaigta", only anonymised aggregates of its evaluation questionnaires — the
// number of answers and the average per question — and only once at least MIN_ANSWERS_FOR_AGGREGATE
// exist (PROG-31, OQ-20); the group's page adds its comments, alphabetically, without scores or dates.
import type { Programme } from '../../db/schema.ts';
import { GroupStatus } from '../../workflows/domain/group-status.ts';
import {
  aggregateUnavailableText,
  formatAverage,
  MIN_ANSWERS_FOR_AGGREGATE,
  QUESTIONNAIRE_QUESTIONS,
  QUESTIONNAIRE_TITLE,
  SCALE_MAX,
  type QuestionnaireAggregate,
} from '../../workflows/domain/questionnaire.ts';
import { Notice } from './layout.tsx';

/** A group's feedback as the provider may see it: how many answers, and the aggregate once there are enough. */
export interface GroupFeedback {
  count: number;
  aggregate: QuestionnaireAggregate | null;
}

export const FEEDBACK_COLUMN = 'Dalyvių atsiliepimai';
export const EVALUATION_COLUMN = 'Programos vertinimas';
/** PROG-21: the feedback is the provider's to see once the group is "Užbaigta". */
export const FEEDBACK_AFTER_COMPLETION = 'Dalyvių atsiliepimai ir programos vertinimas rodomi, kai grupės būsena „Užbaigta“.';

export const feedbackPath = (programmeId: string, groupId: string) => `/programos/${programmeId}/grupes/${groupId}/atsiliepimai`;

/** Whether a group's feedback is shown at all (PROG-21, PROG-22: a group "Užbaigta"). */
export const feedbackShown = (status: string) => status === GroupStatus.Completed;

/** The two cells of a group's row in tab "Grupės". */
export function FeedbackCells(props: { programmeId: string; group: { id: string; status: string }; feedback: GroupFeedback | undefined }) {
  const { group } = props;
  if (!feedbackShown(group.status))
    return (
      <>
        <td title={FEEDBACK_AFTER_COMPLETION}>–</td>
        <td title={FEEDBACK_AFTER_COMPLETION}>–</td>
      </>
    );
  const f = props.feedback ?? { count: 0, aggregate: null };
  if (!f.aggregate)
    return (
      <>
        <td data-feedback="nerodoma">{aggregateUnavailableText(f.count)}</td>
        <td>–</td>
      </>
    );
  const overall = QUESTIONNAIRE_QUESTIONS.at(-1)!;
  return (
    <>
      <td data-feedback={f.aggregate.count}>
        <a href={feedbackPath(props.programmeId, group.id)}>Atsakymų: {f.aggregate.count}</a>
      </td>
      <td>
        {overall.label}: <strong>{formatAverage(f.aggregate.averages[overall.key])}</strong> iš {SCALE_MAX}
        <br />
        <a href={feedbackPath(props.programmeId, group.id)}>Pagal klausimus</a>
      </td>
    </>
  );
}

/** The per-question table of an aggregate (PROG-22). */
function AggregateTable(props: { aggregate: QuestionnaireAggregate }) {
  const a = props.aggregate;
  return (
    <table id="programos-vertinimas">
      <caption>
        {EVALUATION_COLUMN} pagal vertinimo anketos klausimus (vidurkis nuo 1 iki {SCALE_MAX}; atsakymų: {a.count})
      </caption>
      <thead>
        <tr>
          <th scope="col">Klausimas</th>
          <th scope="col">Vidutinis įvertinimas</th>
          <th scope="col">Atsakymų</th>
        </tr>
      </thead>
      <tbody>
        {QUESTIONNAIRE_QUESTIONS.map((q) => (
          <tr data-question={q.key}>
            <th scope="row">{q.label}</th>
            <td>{formatAverage(a.averages[q.key])}</td>
            <td>{a.count}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** PROG-21, PROG-22: one group's feedback, reached from tab "Grupės" (below the programme's header). */
export function GroupFeedbackPage(props: {
  programme: Programme;
  group: { id: string; name: string; status: string };
  feedback: GroupFeedback;
  comments: readonly string[];
}) {
  const { programme, group, feedback } = props;
  return (
    <>
      <section id="grupes-atsiliepimai">
        <h2>
          {FEEDBACK_COLUMN}: <a href={`/grupes/${group.id}`}>{group.name}</a>
        </h2>
        <p class="muted">
          {QUESTIONNAIRE_TITLE}. Rodomi tik apibendrinti rezultatai: atskiro dalyvio atsakymų matyti negalima, o rezultatai rodomi, kai
          gaunama ne mažiau kaip {MIN_ANSWERS_FOR_AGGREGATE} atsakymų.
        </p>
        {!feedbackShown(group.status) ? (
          <Notice kind="info">{FEEDBACK_AFTER_COMPLETION}</Notice>
        ) : !feedback.aggregate ? (
          <Notice kind="info">{aggregateUnavailableText(feedback.count)}</Notice>
        ) : (
          <>
            <AggregateTable aggregate={feedback.aggregate} />
            <h3>Dalyvių pastabos ir pasiūlymai</h3>
            {props.comments.length === 0 ? (
              <p>Pastabų nepateikta.</p>
            ) : (
              <>
                <p class="muted">
                  <small>Pateikiamos abėcėlės tvarka, be datų ir įvertinimų, kad jų nebūtų galima susieti su dalyviais.</small>
                </p>
                <ul id="dalyviu-pastabos">
                  {props.comments.map((text) => (
                    <li>{text}</li>
                  ))}
                </ul>
              </>
            )}
          </>
        )}
        <p>
          <a href={`/programos/${programme.id}`}>← Grupės</a>
        </p>
      </section>
    </>
  );
}
