// What the group workflow's clock means for the provider now (L1 G4, G7; GRP-31, GRP-32, GRP-46):
// registrations against the minimum and maximum, when registration closes, and a pending decision
// with its deadline; while "Vykdoma", when the group completes by itself (GRP-45) and why "Užbaigta"
// is not possible yet (G9). Read from the projection and the contracts in Postgres.
import type { TrainingGroupRow } from '../../db/schema.ts';
import { vilniusDate } from '../../workflows/domain/calendar.ts';
import { formatDateTime, formatDeadline, formatDeadlineWithTimeLeft, formatTimeLeft } from '../../workflows/domain/date-format.ts';
import { autoCompletionDay, completionRefusal, type OutcomeSummary } from '../../workflows/domain/group-completion.ts';
import { GroupStatus } from '../../workflows/domain/group-status.ts';
import { Notice } from './layout.tsx';

/** A group "Vykdoma": its participants' outcomes (G9) and when it completes by itself (GRP-45). */
export interface GroupCompletionView {
  outcomes: OutcomeSummary;
  /** ISO instant of the automatic "Užbaigta". */
  autoCompletesAt: string;
  graceDays: number;
}

/** `now`: the request's time, for the time left until a pending deadline. */
export function GroupLifecycleSummary(props: { group: TrainingGroupRow; now: Date; completion?: GroupCompletionView | undefined }) {
  const g = props.group;
  const status = g.status;
  if (status === GroupStatus.Draft) return null;
  const decisionPending = status === GroupStatus.Published && g.decision_due_at !== null;
  return (
    <section id="grupes-eiga" aria-label="Registracija ir terminai">
      <dl class="readonly">
        <dt>Užsiregistravusių asmenų</dt>
        <dd>
          {g.active_registrations} (min. {g.min_participants}, max. {g.max_participants})
        </dd>
        {g.registration_closes_at ? (
          <>
            <dt>Registracijos terminas</dt>
            <dd>
              {status === GroupStatus.Published
                ? formatDeadlineWithTimeLeft(g.registration_closes_at, props.now)
                : formatDeadline(g.registration_closes_at)}
            </dd>
          </>
        ) : null}
        {g.contract_signing_started_at ? (
          <>
            <dt>Mokymosi sutarčių pasirašymas pradėtas</dt>
            <dd>
              {formatDateTime(g.contract_signing_started_at)}; pasirašytų sutarčių: {g.signed_contracts}
            </dd>
          </>
        ) : null}
      </dl>
      {status === GroupStatus.InDelivery && props.completion ? (
        <GroupCompletionNotice group={g} now={props.now} completion={props.completion} />
      ) : null}
      {decisionPending && g.delivery_blocked_reason ? (
        <Notice kind="error">
          Registracija baigėsi ir užsiregistravo pakankamai asmenų, tačiau grupės būsena automatiškai nepakeista į „Vykdoma“, nes mokymosi
          sutarčių pasirašymo pradėti negalima. {g.delivery_blocked_reason} Ištaisykite trūkumus ir pakeiskite grupės būseną į „Vykdoma“{' '}
          {formatDeadlineWithTimeLeft(g.decision_due_at!, props.now)}. Jei iki mokymosi programos vykdymo pradžios nebus pasirašyta nė viena
          mokymosi sutartis, grupės būsena automatiškai taps „Nevykdoma“.
        </Notice>
      ) : decisionPending ? (
        <Notice kind="info">
          Registracija baigėsi, tačiau užsiregistravo mažiau asmenų nei „Min. grupės dalyvių skaičius“ ({g.active_registrations} iš{' '}
          {g.min_participants}). Nuspręskite, ar mokymus vykdyti: pakeiskite grupės būseną į „Vykdoma“ arba „Nevykdoma“{' '}
          {formatDeadlineWithTimeLeft(g.decision_due_at!, props.now)}. Jei iki mokymosi programos vykdymo pradžios nebus pasirašyta nė viena
          mokymosi sutartis, grupės būsena automatiškai taps „Nevykdoma“.
        </Notice>
      ) : null}
    </section>
  );
}

/**
 * G9, GRP-45: when the group becomes "Užbaigta" by itself, and why the provider cannot set it yet
 * (before the end date; participants without a confirmed outcome, counted as the workflow counts them).
 */
function GroupCompletionNotice(props: { group: TrainingGroupRow; now: Date; completion: GroupCompletionView }) {
  const { group: g, completion: c } = props;
  const endReached = vilniusDate(props.now) >= g.programme_end;
  const refusal = completionRefusal(c.outcomes);
  return (
    <>
      <dl class="readonly">
        <dt>Automatinis grupės užbaigimas</dt>
        <dd>
          {autoCompletionDay(c.autoCompletesAt)} ({formatTimeLeft(c.autoCompletesAt, props.now)}): praėjus {c.graceDays} d. po mokymosi
          programos vykdymo pabaigos ({g.programme_end}) grupės būsena bus automatiškai pakeista į „Užbaigta“. Institucijos administratoriai
          apie tai informuojami el. paštu prieš 7 dienas.
        </dd>
      </dl>
      {!endReached ? (
        <Notice kind="info">Būseną „Užbaigta“ galėsite nustatyti nuo mokymosi programos vykdymo pabaigos ({g.programme_end}).</Notice>
      ) : refusal ? (
        <Notice kind="info">
          {refusal} Jei iki automatinio užbaigimo duomenys nebus patvirtinti, šiems dalyviams pažymėjimai nebus išduoti.
        </Notice>
      ) : (
        <Notice kind="info">Visų dalyvių mokymų rezultatai patvirtinti: galite pakeisti grupės būseną į „Užbaigta“.</Notice>
      )}
    </>
  );
}
