// The public KURSUOK catalogue (PORTAL-1, GRP-47) and a group's page with its timetable and the
// registration form (PORTAL-3). Everything here is readable without JavaScript.
import type { CatalogueFilters, CatalogueGroup, PublicGroupDetails, PublicSession } from '../../db/queries/catalogue.ts';
import type { PersonSession } from '../../db/tables/participants.ts';
import { formatDeadlineWithTimeLeft } from '../../workflows/domain/date-format.ts';
import { FUNDING_SOURCE_LABELS, FundingSource, GROUP_INFO_LABELS } from '../../workflows/domain/group-info.ts';
import { formatAcademicHours, SESSION_MODE_LABELS, timeRange } from '../../workflows/domain/schedule.ts';
import { formatPhone } from '../../workflows/domain/phone.ts';
import { REMOTE_VENUE_NAME } from '../../workflows/domain/venue.ts';
import type { ListPage } from '../paging.ts';
import { CommandNotice, CsrfField, Notice } from './layout.tsx';
import { PortalLayout } from './portal-layout.tsx';
import { Pager } from './users.tsx';

const euros = (price: string) => `${price.replace('.', ',')} €`;

/** The query string of the catalogue's filters (for the pager's links). */
function catalogueHref(f: CatalogueFilters, page: number): string {
  const q = new URLSearchParams();
  const set = (k: string, v: string | undefined) => {
    if (v) q.set(k, v);
  };
  set('tekstas', f.text);
  set('finansavimas', f.funding);
  set('kalba', f.language);
  set('vieta', f.place);
  set('nuo', f.from);
  set('iki', f.to);
  if (page > 1) q.set('puslapis', String(page));
  const s = q.toString();
  return s ? `/kursuok?${s}` : '/kursuok';
}

function Place(props: { group: Pick<CatalogueGroup, 'remote' | 'venueName' | 'venueAddress'> }) {
  return props.group.remote ? <>{REMOTE_VENUE_NAME}</> : <>{props.group.venueAddress || props.group.venueName}</>;
}

function GroupFacts(props: { group: CatalogueGroup; lecturers: string[] }) {
  const g = props.group;
  return (
    <dl class="readonly">
      <dt>Mokymo teikėjas</dt>
      <dd>{g.institutionName}</dd>
      <dt>Mokymų laikotarpis</dt>
      <dd>
        {g.programmeStart} – {g.programmeEnd}
      </dd>
      <dt>Registracija</dt>
      <dd>
        {g.registrationStart} – {g.registrationEnd}
      </dd>
      <dt>{GROUP_INFO_LABELS.price}</dt>
      <dd>{euros(g.price)}</dd>
      <dt>Finansavimo šaltiniai</dt>
      <dd>{g.fundingSources.map((f) => FUNDING_SOURCE_LABELS[f]).join(', ')}</dd>
      <dt>{GROUP_INFO_LABELS.language}</dt>
      <dd>{g.language}</dd>
      <dt>{GROUP_INFO_LABELS.venueId}</dt>
      <dd>
        <Place group={g} />
      </dd>
      <dt>{GROUP_INFO_LABELS.specialNeeds}</dt>
      <dd>{g.specialNeeds ? 'Taip' : 'Ne'}</dd>
      <dt>Laisvų vietų</dt>
      <dd data-free-places={g.freePlaces}>
        {g.freePlaces} iš {g.maxParticipants}
      </dd>
      <dt>Lektoriai</dt>
      <dd>{props.lecturers.length > 0 ? props.lecturers.join(', ') : <span class="muted">nenurodyti</span>}</dd>
      {g.contact ? (
        <>
          <dt>Kontaktinis asmuo</dt>
          <dd>
            {g.contact.name}, {formatPhone(g.contact.phone)}, <a href={`mailto:${g.contact.email}`}>{g.contact.email}</a>
          </dd>
        </>
      ) : null}
    </dl>
  );
}

export function CataloguePage(props: {
  person: PersonSession | undefined;
  filters: CatalogueFilters;
  languages: string[];
  list: ListPage<CatalogueGroup>;
  lecturers: Map<string, string[]>;
  error?: string | undefined;
}) {
  const f = props.filters;
  return (
    <PortalLayout title="Mokymų katalogas" person={props.person} section="katalogas">
      <h1>Mokymų katalogas</h1>
      <form method="get" action="/kursuok" class="filters" role="search">
        <fieldset class="grid">
          <label>
            Programa arba grupė
            <input type="search" name="tekstas" value={f.text ?? ''} />
          </label>
          <label>
            Finansavimo šaltinis
            <select name="finansavimas">
              <option value="">Visi</option>
              {Object.values(FundingSource).map((s) => (
                <option value={s} selected={f.funding === s}>
                  {FUNDING_SOURCE_LABELS[s]}
                </option>
              ))}
            </select>
          </label>
          <label>
            Mokymo kalba
            <select name="kalba">
              <option value="">Visos</option>
              {props.languages.map((l) => (
                <option value={l} selected={f.language === l}>
                  {l}
                </option>
              ))}
            </select>
          </label>
        </fieldset>
        <fieldset class="grid">
          <label>
            Vieta (miestas arba „nuotolinis“)
            <input type="text" name="vieta" value={f.place ?? ''} list="vietos" />
            <datalist id="vietos">
              <option value="nuotolinis">{REMOTE_VENUE_NAME}</option>
            </datalist>
          </label>
          <label>
            Mokymai prasideda nuo
            <input type="date" name="nuo" value={f.from ?? ''} />
          </label>
          <label>
            iki
            <input type="date" name="iki" value={f.to ?? ''} />
          </label>
        </fieldset>
        <button type="submit">Ieškoti</button>
      </form>
      {props.error ? <CommandNotice text={props.error} /> : null}
      {props.list.items.length === 0 ? <p>Pagal pasirinktus kriterijus mokymų nerasta.</p> : null}
      {props.list.items.map((g) => (
        <article class="catalogue-group" data-group={g.id}>
          <header>
            <h2>
              <a href={`/kursuok/grupes/${g.id}`}>{g.programmeName}</a>
            </h2>
            <small>
              {g.programmeCode} · {g.name}
            </small>
          </header>
          <GroupFacts group={g} lecturers={props.lecturers.get(g.id) ?? []} />
        </article>
      ))}
      <Pager
        page={props.list.page}
        pageCount={props.list.pageCount}
        total={props.list.total}
        href={(p) => catalogueHref(f, p)}
        label="Mokymų katalogo puslapiai"
      />
    </PortalLayout>
  );
}

function Timetable(props: { sessions: PublicSession[] }) {
  if (props.sessions.length === 0) return <p>Tvarkaraštis dar nesudarytas.</p>;
  return (
    <div class="table-scroll">
      <table class="timetable">
        <thead>
          <tr>
            <th>Data</th>
            <th>Laikas</th>
            <th>Trukmė, akad. val.</th>
            <th>Užsiėmimo būdas</th>
            <th>Vieta</th>
            <th>Lektorius</th>
          </tr>
        </thead>
        <tbody>
          {props.sessions.map((s) => (
            <tr>
              <td class="nowrap">{s.date}</td>
              <td class="nowrap">{timeRange(s.startTime, s.durationMinutes)}</td>
              <td>{formatAcademicHours(s.durationMinutes)}</td>
              <td>{SESSION_MODE_LABELS[s.mode]}</td>
              <td>
                {s.venueName === REMOTE_VENUE_NAME ? REMOTE_VENUE_NAME : s.venueAddress || s.venueName}
                {s.auditorium ? `, ${s.auditorium}` : ''}
              </td>
              <td>{s.lecturer ?? <span class="muted">–</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export type RegistrationFormErrors = Partial<Record<'funding' | 'couponNumber', string>>;

export interface RegistrationBox {
  /** Why registration is not possible now (closed, not open yet, full); null when it is. */
  closedReason: string | null;
  /** The participant's active registration in this group, if any. */
  registeredAs: string | null;
  formKey: string;
  values: { funding?: string; couponNumber?: string };
  errors: RegistrationFormErrors;
  /** A refusal of the group (409) or another message above the form. */
  error?: string | undefined;
}

function RegistrationForm(props: { group: PublicGroupDetails; person: PersonSession | undefined; box: RegistrationBox }) {
  const b = props.box;
  const offersUzt = props.group.fundingSources.includes(FundingSource.EmploymentService);
  const refusal = b.error ? <CommandNotice text={b.error} /> : null;
  if (b.registeredAs) {
    return (
      <>
        {refusal}
        <Notice kind="info">
          Jūs užsiregistravote į šią grupę ({b.registeredAs}). Registraciją matote skiltyje{' '}
          <a href="/kursuok/registracijos">„Mano registracijos“</a>.
        </Notice>
      </>
    );
  }
  // A form sent with field errors comes back as it was sent (422); otherwise a closed registration shows why.
  if (b.closedReason && Object.keys(b.errors).length === 0) return refusal ?? <Notice kind="info">{b.closedReason}</Notice>;
  if (props.person?.audience !== 'DALYVIS') {
    return (
      <p>
        <a href="/kursuok/prisijungti" role="button">
          Prisijunkite, kad galėtumėte registruotis
        </a>
      </p>
    );
  }
  return (
    <form method="post" action={`/kursuok/grupes/${props.group.id}/registracija`} id="registracija" novalidate>
      <CsrfField />
      {refusal}
      <input type="hidden" name="idempotencyKey" value={b.formKey} />
      <fieldset aria-invalid={b.errors.funding ? 'true' : undefined} aria-describedby={b.errors.funding ? 'e-funding' : undefined}>
        <legend>Finansavimo šaltinis</legend>
        {props.group.fundingSources.map((s) => (
          <label>
            <input
              type="radio"
              name="funding"
              value={s}
              checked={b.values.funding === s || props.group.fundingSources.length === 1}
              required
            />
            {FUNDING_SOURCE_LABELS[s]}
          </label>
        ))}
        {b.errors.funding ? (
          <small id="e-funding" class="field-error">
            {b.errors.funding}
          </small>
        ) : null}
      </fieldset>
      {offersUzt ? (
        <div class="field">
          <label for="f-couponNumber">Užimtumo tarnybos kupono numeris (tik renkantis UŽT finansavimą)</label>
          <input
            type="text"
            id="f-couponNumber"
            name="couponNumber"
            value={b.values.couponNumber ?? ''}
            aria-invalid={b.errors.couponNumber ? 'true' : undefined}
            aria-describedby={b.errors.couponNumber ? 'e-couponNumber' : 'h-couponNumber'}
          />
          {b.errors.couponNumber ? (
            <small id="e-couponNumber" class="field-error">
              {b.errors.couponNumber}
            </small>
          ) : (
            <small id="h-couponNumber">Pvz., MK-2026-000123.</small>
          )}
        </div>
      ) : null}
      <button type="submit">Registruotis</button>
    </form>
  );
}

export function GroupPortalPage(props: {
  person: PersonSession | undefined;
  group: PublicGroupDetails;
  lecturers: string[];
  sessions: PublicSession[];
  box: RegistrationBox;
  /** The request's time: how long registration stays open. */
  now: Date;
}) {
  const g = props.group;
  return (
    <PortalLayout title={g.programmeName} person={props.person} section="katalogas">
      <p>
        <a href="/kursuok">← Mokymų katalogas</a>
      </p>
      <h1>{g.programmeName}</h1>
      <p>
        {g.programmeCode} · {g.name} · kontaktinio darbo valandų: {g.contactHours.replace('.', ',')}
      </p>
      <GroupFacts group={g} lecturers={props.lecturers} />
      {g.executionSpecifics ? (
        <>
          <h2>Vykdymo ypatumai</h2>
          <p>{g.executionSpecifics}</p>
        </>
      ) : null}
      {g.additionalRequirements ? (
        <>
          <h2>Papildomi reikalavimai</h2>
          <p>{g.additionalRequirements}</p>
        </>
      ) : null}
      {g.institutionDescription ? (
        <>
          <h2>Apie mokymo teikėją</h2>
          <p>{g.institutionDescription}</p>
        </>
      ) : null}
      <h2>Tvarkaraštis</h2>
      <Timetable sessions={props.sessions} />
      <h2>Registracija</h2>
      {props.box.closedReason ? null : (
        <p id="registracijos-terminas">
          Registruotis galima {formatDeadlineWithTimeLeft(g.registrationClosesAt ?? g.registrationEnd, props.now)}.
        </p>
      )}
      <RegistrationForm group={g} person={props.person} box={props.box} />
    </PortalLayout>
  );
}
