// What the group workflow's clock means for the provider now (L1 G4, G7; GRP-31, GRP-32, GRP-46):
// registrations against the minimum and maximum, when registration closes, and a pending decision
// with its deadline. Read from the projection in Postgres.
import type { TrainingGroupRow } from '../../db/schema.ts';
import { formatDateTime, formatDeadline, formatDeadlineWithTimeLeft } from '../../workflows/domain/date-format.ts';
import { GroupStatus } from '../../workflows/domain/group-status.ts';
import { Notice } from './layout.tsx';

/** `now`: the request's time, for the time left until a pending deadline. */
export function GroupLifecycleSummary(props: { group: TrainingGroupRow; now: Date }) {
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
