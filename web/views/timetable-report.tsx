// "Ataskaita. Tvarkaraščių informacija" (manual §3.10; REP-1..REP-4): the requirements checked (the
// operator's active rules, REP-3), the criteria (rule, group status; a GET form, so the URL carries
// them), the export buttons, and the table of violations — programme, group, group status, the rule,
// the affected sessions, and a link to the group's "Tvarkaraštis" (REP-4).
import type { TimetableReportRow } from '../../db/queries/timetable-report.ts';
import type { GroupStatus } from '../../workflows/domain/group-status.ts';
import {
  affectedSessionLabel,
  REPORTED_GROUP_STATUSES,
  TIMETABLE_REPORT_PARAMS,
  timetableReportQuery,
  type ActiveTimetableRule,
  type TimetableReportCriteria,
} from '../../workflows/domain/timetable-rules.ts';
import type { ListPage } from '../paging.ts';
import { schedulePath } from './group-schedule.tsx';
import { Notice } from './layout.tsx';
import { ReportExportButtons } from './report-export.tsx';
import { Pager } from './users.tsx';

export const TIMETABLE_REPORT_PATH = '/ataskaitos/tvarkarasciai';
export const TIMETABLE_REPORT_TITLE = 'Ataskaita. Tvarkaraščių informacija';

function GroupStatusBadge(props: { status: GroupStatus }) {
  return (
    <span class="status-badge" data-status={props.status}>
      {props.status}
    </span>
  );
}

export function TimetableReportPage(props: {
  rules: readonly ActiveTimetableRule[];
  criteria: TimetableReportCriteria;
  page: ListPage<TimetableReportRow>;
  /** The criteria were refused (400): nothing is listed, the message says why. */
  criteriaError?: string | undefined;
}) {
  const query = timetableReportQuery(props.criteria);
  const href = (n: number) => `${TIMETABLE_REPORT_PATH}?${query ? `${query}&` : ''}puslapis=${n}`;
  const filtered = props.criteria.rule !== null || props.criteria.status !== null;
  return (
    <>
      <h1>{TIMETABLE_REPORT_TITLE}</h1>
      <p>
        Kuriamų, skelbiamų ir vykdomų mokymo grupių tvarkaraščių atitiktis neformaliojo suaugusiųjų švietimo ir tęstinio mokymosi programų
        kokybės užtikrinimo tvarkos apraše nurodytiems reikalavimams. Sąrašas sudaromas kiekvieną kartą atidarius puslapį: pataisius
        tvarkaraštį, grupės eilutė iš jo dingsta.
      </p>
      <details>
        <summary>Tikrinami reikalavimai ({props.rules.length})</summary>
        {props.rules.length === 0 ? (
          <p>Šiuo metu netikrinamas nė vienas reikalavimas.</p>
        ) : (
          <ul>
            {props.rules.map((r) => (
              <li>
                <strong>{r.name}.</strong> {r.description}
              </li>
            ))}
          </ul>
        )}
      </details>
      <form method="get" action={TIMETABLE_REPORT_PATH} class="filters" role="search" aria-label="Ataskaitos kriterijai">
        <label>
          Taisyklė
          <select name={TIMETABLE_REPORT_PARAMS.rule}>
            <option value="">Visos</option>
            {props.rules.map((r) => (
              <option value={r.code} selected={props.criteria.rule === r.code}>
                {r.name}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          Grupės būsena
          <select name={TIMETABLE_REPORT_PARAMS.status}>
            <option value="">Visos</option>
            {REPORTED_GROUP_STATUSES.map((s) => (
              <option value={s} selected={props.criteria.status === s}>
                {s}
              </option>
            ))}
          </select>
        </label>{' '}
        <button type="submit">Rodyti</button> {filtered ? <a href={TIMETABLE_REPORT_PATH}>Rodyti visas</a> : null}
      </form>
      {props.criteriaError ? (
        <Notice kind="error">{props.criteriaError}</Notice>
      ) : (
        <>
          {props.page.total > 0 ? <ReportExportButtons kind="tvarkarasciai" query={query} /> : null}
          {props.page.items.length === 0 ? (
            <p>
              {filtered
                ? 'Pagal pasirinktus kriterijus neatitikimų nerasta.'
                : 'Neatitikimų nerasta: visų kuriamų, skelbiamų ir vykdomų mokymo grupių tvarkaraščiai atitinka tikrinamus reikalavimus.'}
            </p>
          ) : (
            <table class="striped">
              <caption>Grupės, kurių tvarkaraščiai neatitinka reikalavimų</caption>
              <thead>
                <tr>
                  <th scope="col">Mokymosi programa</th>
                  <th scope="col">Mokymo grupė</th>
                  <th scope="col">Grupės būsena</th>
                  <th scope="col">Neatitikimas</th>
                  <th scope="col">Užsiėmimai</th>
                  <th scope="col">Tvarkaraštis</th>
                </tr>
              </thead>
              <tbody>
                {props.page.items.map((r) => (
                  <tr data-group={r.groupId} data-rule={r.rule}>
                    <td>
                      {r.programmeCode} {r.programmeName}
                    </td>
                    <td>{r.groupName}</td>
                    <td>
                      <GroupStatusBadge status={r.groupStatus} />
                    </td>
                    <td>
                      <strong>{r.ruleName}.</strong> {r.message}
                    </td>
                    <td>
                      {r.sessions.length === 0 ? (
                        'Visas tvarkaraštis'
                      ) : (
                        <ul>
                          {r.sessions.map((s) => (
                            <li class="nowrap">{affectedSessionLabel(s)}</li>
                          ))}
                        </ul>
                      )}
                    </td>
                    <td>
                      <a href={schedulePath(r.groupId)} aria-label={`Grupės „${r.groupName}“ tvarkaraštis`}>
                        Tvarkaraštis
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <Pager
            page={props.page.page}
            pageCount={props.page.pageCount}
            total={props.page.total}
            href={href}
            label="Ataskaitos puslapiai"
          />
        </>
      )}
    </>
  );
}
