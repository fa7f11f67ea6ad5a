import type { GroupListItem } from '../../db/queries/training-groups.ts';
import { programmeAcceptsNewGroups, programmeRemark, type ProgrammeListItem } from '../../db/queries/programmes.ts';
import type { Programme } from '../../db/schema.ts';
import { GROUP_STATUSES } from '../../workflows/domain/group-status.ts';
import { Notice } from './layout.tsx';

export const PROGRAMME_KINDS: Record<string, string> = {
  NSPR: 'Neformaliojo suaugusiųjų švietimo ir tęstinio mokymosi programa',
  FORMAL_VET: 'Formaliojo pirminio / tęstinio profesinio mokymo programa',
  VET_MODULE: 'Profesinio mokymo / neformaliojo profesinio mokymo programos modulis',
  NONFORMAL_VET: 'Neformaliojo profesinio mokymo programa',
};

export function ProgrammeList(props: { programmes: ProgrammeListItem[] }) {
  return (
    <>
      <h1>Institucijos mokymosi programos</h1>
      {props.programmes.length === 0 ? (
        <Notice kind="info">Institucija dar neturi mokymosi programų.</Notice>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Kodas</th>
              <th scope="col">Pavadinimas</th>
              <th scope="col">Mokymo vieta</th>
              <th scope="col">Grupių būsenos</th>
              <th scope="col">Pastabos</th>
            </tr>
          </thead>
          <tbody>
            {props.programmes.map((p) => (
              <tr>
                <td>
                  <a href={`/programos/${p.id}`}>{p.code}</a>
                </td>
                <td>{p.name}</td>
                <td>{p.venue_name ?? ''}</td>
                <td>
                  {GROUP_STATUSES.filter((s) => p.group_statuses[s]).map((s) => (
                    <span class="status-badge" data-status={s}>
                      {s}: {p.group_statuses[s]}
                    </span>
                  ))}
                </td>
                <td>{programmeRemark(p)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

export type ProgrammeTab = 'grupes' | 'vykdymas' | 'bendroji';

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

export function ProgrammeGroupsTab(props: { programme: Programme; groups: GroupListItem[]; statuses: string[] }) {
  const p = props.programme;
  return (
    <section>
      <form method="get" action={`/programos/${p.id}`} class="filters">
        <fieldset>
          <legend>Grupės būsena</legend>
          {GROUP_STATUSES.map((s) => (
            <label>
              <input type="checkbox" name="busena" value={s} checked={props.statuses.includes(s)} />
              {s}
            </label>
          ))}
        </fieldset>
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
        <Notice kind="info">Sustabdytai arba išregistruotai programai naujų mokymo grupių kurti negalima.</Notice>
      )}
      {props.groups.length === 0 ? (
        <p>Mokymo grupių nerasta.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Grupės pavadinimas</th>
              <th scope="col">Grupės būsena</th>
              <th scope="col">Registracija</th>
              <th scope="col">Mokymosi programos vykdymas</th>
              <th scope="col">Max. dalyvių</th>
            </tr>
          </thead>
          <tbody>
            {props.groups.map((g) => (
              <tr>
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
              </tr>
            ))}
          </tbody>
        </table>
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
      </dl>
    </section>
  );
}
