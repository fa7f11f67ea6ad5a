import type { ProgrammeGroupFilter, ProgrammeGroupListItem, ProgrammeListItem } from '../../db/queries/programmes.ts';
import { monitoringSummary, type MonitoringResult } from '../../workflows/domain/monitoring-protocol.ts';
import type { NsprRegistryData, Programme } from '../../db/schema.ts';
import { GROUP_STATUSES } from '../../workflows/domain/group-status.ts';
import { isTrainingMode, TRAINING_MODES } from '../../workflows/domain/licensed-programme.ts';
import { programmeAcceptsNewGroups, programmeClosedMessage, programmeRemark } from '../../workflows/domain/programme-state.ts';
import type { ListPage } from '../paging.ts';
import { Notice } from './layout.tsx';
import { EVALUATION_COLUMN, FEEDBACK_COLUMN, FeedbackCells, type GroupFeedback } from './programme-feedback.tsx';
import { formatDateTime } from '../../workflows/domain/date-format.ts';
import { Pager } from './users.tsx';

const PROGRAMME_KINDS: Record<string, string> = {
  NSPR: 'Neformaliojo suaugusiųjų švietimo ir tęstinio mokymosi programa',
  FORMAL_VET: 'Formaliojo pirminio / tęstinio profesinio mokymo programa',
  VET_MODULE: 'Profesinio mokymo / neformaliojo profesinio mokymo programos modulis',
  NONFORMAL_VET: 'Neformaliojo profesinio mokymo programa',
};

/** Where the groups tab of a programme lists the groups of the given statuses (PROG-3, PROG-7). */
function programmeGroupsHref(programmeId: string, q: { statuses?: readonly string[]; search?: string; page?: number } = {}): string {
  const params = new URLSearchParams();
  for (const s of q.statuses ?? []) params.append('busena', s);
  if (q.search) params.set('paieska', q.search);
  if (q.page && q.page > 1) params.set('puslapis', String(q.page));
  const query = params.toString();
  return `/programos/${programmeId}${query ? `?${query}` : ''}`;
}

export function ProgrammeList(props: { programmes: ListPage<ProgrammeListItem> }) {
  const list = props.programmes;
  return (
    <>
      <h1>Institucijos mokymosi programos</h1>
      <p class="muted">
        NŠPR įregistruotos ir KPMPC teigiamai įvertintos neformaliojo suaugusiųjų švietimo ir tęstinio mokymosi programos bei aplikacijoje
        „Licencijuotų mokymo programų sąrašas“ įtrauktos programos. Paspaudus programos kodą, pateikiamas šiai programai sukurtų mokymo
        grupių sąrašas.
      </p>
      {list.total === 0 ? (
        <Notice kind="info">Institucija dar neturi mokymosi programų.</Notice>
      ) : (
        <>
          <table id="programu-sarasas">
            <thead>
              <tr>
                <th scope="col">Programos kodas</th>
                <th scope="col">Programos pavadinimas</th>
                <th scope="col">Programos rūšis</th>
                <th scope="col">Mokymo vieta</th>
                <th scope="col">Grupių būsenos</th>
                <th scope="col">Pastabos</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((p) => (
                <tr id={`programa-${p.id}`}>
                  <td>
                    <a href={`/programos/${p.id}`}>{p.code}</a>
                  </td>
                  <td>{p.name}</td>
                  <td>{PROGRAMME_KINDS[p.kind] ?? p.kind}</td>
                  <td>{p.venue_name ?? ''}</td>
                  <td>
                    {GROUP_STATUSES.filter((s) => p.group_statuses[s]).map((s) => (
                      <a class="status-badge" data-status={s} href={programmeGroupsHref(p.id, { statuses: [s] })}>
                        {s}: {p.group_statuses[s]}
                      </a>
                    ))}
                  </td>
                  <td>{programmeRemark(p)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager
            page={list.page}
            pageCount={list.pageCount}
            total={list.total}
            href={(page) => (page > 1 ? `/programos?puslapis=${page}` : '/programos')}
            label="Mokymosi programų sąrašo puslapiai"
          />
        </>
      )}
    </>
  );
}

type ProgrammeTab = 'grupes' | 'vykdymas' | 'bendroji';

export function ProgrammeHeader(props: { programme: Programme; tab: ProgrammeTab }) {
  const p = props.programme;
  const tab = (key: ProgrammeTab, label: string) => (
    <li>
      <a href={`/programos/${p.id}${key === 'grupes' ? '' : '?kortele=' + key}`} aria-current={props.tab === key ? 'page' : undefined}>
        {label}
      </a>
    </li>
  );
  return (
    <>
      <p>
        <a href="/programos">Institucijos mokymosi programos</a> /
      </p>
      <h1>
        {p.code} {p.name}
      </h1>
      {programmeRemark(p) ? <Notice kind="info">{programmeRemark(p)}</Notice> : null}
      <ul class="tabs" role="list">
        {tab('grupes', 'Grupės')}
        {tab('vykdymas', 'Programos vykdymo ir sutarties informacija')}
        {tab('bendroji', 'Bendroji programos informacija')}
      </ul>
    </>
  );
}

/** PROG-23, MON-6: the latest released KPMPC monitoring of a group (db/queries/monitoring-protocols.ts latestMonitoringByGroup). */
export type GroupMonitoring = { result: MonitoringResult; monitoredOn: string; criticalDeficiencies: boolean };

const GROUPS_TAB_ID = 'programos-grupes';

export function ProgrammeGroupsTab(props: {
  programme: Programme;
  groups: ListPage<ProgrammeGroupListItem>;
  filter: ProgrammeGroupFilter;
  /** PROG-21, PROG-22: the questionnaires' aggregates of the listed groups "Užbaigta" (web/views/programme-feedback.tsx). */
  feedback?: ReadonlyMap<string, GroupFeedback>;
  /** PROG-23, MON-6: "Stebėsena", the result and date of the latest monitoring per group. */
  monitoring?: ReadonlyMap<string, GroupMonitoring>;
}) {
  const p = props.programme;
  const { statuses, search } = props.filter;
  const list = props.groups;
  const filtered = statuses.length > 0 || search !== '';
  return (
    <section id={GROUPS_TAB_ID}>
      <form
        method="get"
        action={`/programos/${p.id}`}
        class="filters"
        role="search"
        hx-get={`/programos/${p.id}`}
        hx-target={`#${GROUPS_TAB_ID}`}
        hx-swap="outerHTML"
        hx-push-url="true"
      >
        <fieldset>
          <legend>Grupės būsena</legend>
          {GROUP_STATUSES.map((s) => (
            <label>
              <input type="checkbox" name="busena" value={s} checked={statuses.includes(s)} />
              {s}
            </label>
          ))}
        </fieldset>
        <label>
          Grupės pavadinimas
          <input type="search" name="paieska" value={search} maxlength={200} />
        </label>
        <button type="submit" class="secondary">
          Ieškoti
        </button>
      </form>
      {programmeAcceptsNewGroups(p) ? (
        <p>
          <a href={`/programos/${p.id}/grupes/nauja`} role="button">
            Sukurti naują mokymo grupę
          </a>
        </p>
      ) : (
        <Notice kind="info">{programmeClosedMessage(p)}</Notice>
      )}
      {list.total === 0 ? (
        <p>{filtered ? 'Pagal pasirinktas sąlygas mokymo grupių nerasta.' : 'Mokymo grupių nerasta.'}</p>
      ) : (
        <>
          <table>
            <thead>
              <tr>
                <th scope="col">Grupės pavadinimas</th>
                <th scope="col">Grupės būsena</th>
                <th scope="col">Registracija</th>
                <th scope="col">Mokymosi programos vykdymas</th>
                <th scope="col">Max. dalyvių</th>
                <th scope="col">{FEEDBACK_COLUMN}</th>
                <th scope="col">{EVALUATION_COLUMN}</th>
                <th scope="col">Stebėsena</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((g) => (
                <tr id={`grupe-${g.id}`}>
                  <td>
                    <a href={`/grupes/${g.id}`}>{g.name}</a>
                  </td>
                  <td>
                    <span class="status-badge" data-status={g.status}>
                      {g.status}
                    </span>
                  </td>
                  <td>
                    <span class="nowrap">{g.registration_start}</span> – <span class="nowrap">{g.registration_end}</span>
                  </td>
                  <td>
                    <span class="nowrap">{g.programme_start}</span> – <span class="nowrap">{g.programme_end}</span>
                  </td>
                  <td>{g.max_participants}</td>
                  <FeedbackCells programmeId={p.id} group={g} feedback={props.feedback?.get(g.id)} />
                  <td>{props.monitoring?.get(g.id) ? monitoringSummary(props.monitoring.get(g.id)!) : '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager
            page={list.page}
            pageCount={list.pageCount}
            total={list.total}
            href={(page) => programmeGroupsHref(p.id, { statuses, search, page })}
            label="Mokymo grupių sąrašo puslapiai"
          />
        </>
      )}
    </section>
  );
}

/** PROG-20, PROG-29: registry data, read-only. */
export function ProgrammeGeneralInfo(props: { programme: Programme }) {
  const p = props.programme;
  return (
    <section>
      <p>
        <small>Informacija gaunama iš NŠPR, SMPKR ir Licencijų registro; IMP IS jos koreguoti negalima.</small>
      </p>
      <dl class="readonly">
        <dt>Programos kodas</dt>
        <dd>{p.code}</dd>
        <dt>Programos pavadinimas</dt>
        <dd>{p.name}</dd>
        <dt>Programos rūšis</dt>
        <dd>{PROGRAMME_KINDS[p.kind] ?? p.kind}</dd>
        <dt>Mokymo kalbos</dt>
        <dd>{p.languages.join(', ')}</dd>
        <dt>Kontaktinio darbo trukmė valandomis</dt>
        <dd>{p.contact_hours}</dd>
        {p.training_mode && isTrainingMode(p.training_mode) ? (
          <>
            <dt>Mokymo būdas</dt>
            <dd>{TRAINING_MODES[p.training_mode]}</dd>
          </>
        ) : null}
      </dl>
      {p.nspr_data ? <NsprRecord record={p.nspr_data} refreshedAt={p.nspr_refreshed_at} /> : null}
    </section>
  );
}

const KPMPC_RESULTS: Record<NsprRegistryData['kpmpc']['result'], string> = {
  POSITIVE: 'Teigiamas',
  NEGATIVE: 'Neigiamas',
  PENDING: 'Nevertinta',
};
const NSPR_STATUSES: Record<NsprRegistryData['status'], string> = {
  ACTIVE: 'Įregistruota',
  SUSPENDED: 'Sustabdyta',
  DEREGISTERED: 'Išregistruota',
};

/** NŠPR's record of the programme as last read by the registry refresh (PROG-2, PROG-20). */
function NsprRecord(props: { record: NsprRegistryData; refreshedAt: Date | null }) {
  const r = props.record;
  const row = (term: string, value: string | null) =>
    value ? (
      <>
        <dt>{term}</dt>
        <dd>{value}</dd>
      </>
    ) : null;
  return (
    <>
      <h2>NŠPR duomenys</h2>
      <dl class="readonly" id="nspr-duomenys">
        {row('Programos tikslas ir trumpas aprašas', r.description)}
        {row('Švietimo sritis', r.field)}
        {row('Tikslinė grupė', r.targetGroup)}
        {row('Savarankiško darbo trukmė valandomis', String(r.hours.independent))}
        {row('Bendra trukmė valandomis', String(r.hours.total))}
        {row('Pritaikyta IMP IS', r.impAdapted ? 'Taip' : 'Ne')}
        {row(
          'KPMPC įvertinimas',
          [KPMPC_RESULTS[r.kpmpc.result], r.kpmpc.decidedOn, r.kpmpc.decisionNumber ? `Nr. ${r.kpmpc.decisionNumber}` : null]
            .filter(Boolean)
            .join(', '),
        )}
        {row('Būsena NŠPR', NSPR_STATUSES[r.status])}
        {row('Įregistravimo NŠPR data', r.registeredOn)}
        {row('Sustabdymo data', r.suspendedOn)}
        {row('Išregistravimo data', r.deregisteredOn)}
        {row('Priežastis', r.statusReason)}
        {row('Paskutinio redagavimo NŠPR data', r.lastEditedOn)}
        {row('Paskutinio atnaujinimo iš registro data', props.refreshedAt ? formatDateTime(props.refreshedAt) : null)}
      </dl>
    </>
  );
}
