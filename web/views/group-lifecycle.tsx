// What the group workflow's clock means for the provider now (L1 G4, G7; GRP-31, GRP-32, GRP-46):
// registrations against the minimum and maximum, when registration closes, and a pending decision
// with its deadline. Read from the projection in Postgres.
import type { TrainingGroupRow } from '../../db/schema.ts';
import { GroupStatus } from '../../workflows/domain/group-status.ts';
import { Notice } from './layout.tsx';

const DATE_TIME = new Intl.DateTimeFormat('lt-LT', { timeZone: 'Europe/Vilnius', dateStyle: 'short', timeStyle: 'short' });
const at = (d: Date | null) => (d ? DATE_TIME.format(d) : '');

export function GroupLifecycleSummary(props: { group: TrainingGroupRow }) {
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
            <dt>Registracija baigiasi</dt>
            <dd>{at(g.registration_closes_at)}</dd>
          </>
        ) : null}
        {g.contract_signing_started_at ? (
          <>
            <dt>Mokymosi sutarčių pasirašymas pradėtas</dt>
            <dd>
              {at(g.contract_signing_started_at)}; pasirašytų sutarčių: {g.signed_contracts}
            </dd>
          </>
        ) : null}
      </dl>
      {decisionPending ? (
        <Notice kind="info">
          Registracija baigėsi, tačiau užsiregistravo mažiau asmenų nei „Min. grupės dalyvių skaičius“ ({g.active_registrations} iš{' '}
          {g.min_participants}). Nuspręskite, ar mokymus vykdyti: pakeiskite grupės būseną į „Vykdoma“ arba „Nevykdoma“ iki{' '}
          {at(g.decision_due_at)}. Jei iki mokymosi programos vykdymo pradžios nebus pasirašyta nė viena mokymosi sutartis, grupės būsena
          automatiškai taps „Nevykdoma“.
        </Notice>
      ) : null}
    </section>
  );
}
