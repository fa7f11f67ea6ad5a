// "Ataskaita. Dalyvių informacija" (manual §3.11; REP-5..REP-8): the criteria form (GET: the URL
// carries the criteria, so the report can be bookmarked and shared inside the institution), the counts
// by one or two dimensions as a table (the data) and as a bar chart, the registrations over time as a
// line, the matching participants paged, and "Eksportuoti CSV" / "Eksportuoti XLSX" (web/views/report-export.tsx)
// for the same criteria. One region (#ataskaita) is both the
// full page's body and the htmx fragment a changed criterion swaps in (the URL follows: hx-push-url).
import type { Breakdown, RegistrationsOverTime, ReportChoices, ReportParticipant } from '../../db/queries/participant-report.ts';
import { formatDate, formatDateTime } from '../../workflows/domain/date-format.ts';
import {
  BREAKDOWN_LABELS,
  BREAKDOWN_PARAMS,
  bucketLabel,
  CRITERIA,
  CRITERION_KEYS,
  DATE_PARAMS,
  NO_COUPON,
  TIME_BUCKET_LABELS,
  valueLabel,
  type Criterion,
  type CriterionKey,
  type DateKey,
  type RawCriteria,
} from '../../workflows/domain/participant-report.ts';
import type { ListPage } from '../paging.ts';
import { BarChart, LineChart } from './charts.tsx';
import { Notice } from './layout.tsx';
import { ReportExportButtons } from './report-export.tsx';
import { Pager } from './users.tsx';

export const PARTICIPANT_REPORT_PATH = '/ataskaitos/dalyviai';
const REGION_ID = 'ataskaita';

export interface ParticipantReportView {
  choices: ReportChoices;
  /** The form's values as sent (kept when refused). */
  raw: RawCriteria;
  errors: Record<string, string>;
  /** The canonical query string of valid criteria (pager and export links); null when refused. */
  query: string | null;
  counts: Breakdown | null;
  overTime: RegistrationsOverTime | null;
  page: ListPage<ReportParticipant> | null;
}

export function ParticipantReportPage(props: ParticipantReportView) {
  return (
    <>
      <h1>Ataskaita. Dalyvių informacija</h1>
      <p>
        Ataskaita apie institucijos mokymo dalyvius pagal pasirinktus kriterijus. Adresas saugo kriterijus: jį galima išsaugoti ar persiųsti
        kolegoms.
      </p>
      <ParticipantReportRegion {...props} />
    </>
  );
}

export function ParticipantReportRegion(props: ParticipantReportView) {
  const hasErrors = Object.keys(props.errors).length > 0;
  return (
    <div id={REGION_ID}>
      <CriteriaForm choices={props.choices} raw={props.raw} errors={props.errors} />
      {hasErrors ? (
        <Notice kind="error">Ataskaita nesuformuota: pataisykite kriterijus. {Object.values(props.errors).join(' ')}</Notice>
      ) : (
        <>
          {props.query !== null && props.page && props.page.total > 0 ? <ReportExportButtons kind="dalyviai" query={props.query} /> : null}
          {props.counts ? <CountsSection counts={props.counts} /> : null}
          <OverTimeSection overTime={props.overTime} />
          {props.page ? <ParticipantsSection page={props.page} query={props.query ?? ''} /> : null}
        </>
      )}
    </div>
  );
}

// ---- The criteria form --------------------------------------------------------------------------------

function errorId(param: string) {
  return `klaida-${param}`;
}

function FieldError(props: { param: string; errors: Record<string, string> }) {
  const e = props.errors[props.param];
  return e ? (
    <small class="field-error" id={errorId(props.param)}>
      {e}
    </small>
  ) : null;
}

function invalid(param: string, errors: Record<string, string>) {
  return errors[param] ? { 'aria-invalid': 'true' as const, 'aria-describedby': errorId(param) } : {};
}

function CriteriaForm(props: { choices: ReportChoices; raw: RawCriteria; errors: Record<string, string> }) {
  const chosen = (param: string) => new Set(props.raw[param] ?? []);
  const options = (key: CriterionKey): { value: string; label: string }[] => {
    if (key === 'programme') return props.choices.programmes.map((p) => ({ value: p.id, label: p.label }));
    if (key === 'group') return props.choices.groups.map((g) => ({ value: g.id, label: g.label }));
    const values: Criterion['values'] = CRITERIA[key].values;
    return Object.entries(values ?? {}).map(([value, label]) => ({ value, label }));
  };
  const firstDimension = props.raw[BREAKDOWN_PARAMS.first]?.[0] ?? '';
  const secondDimension = props.raw[BREAKDOWN_PARAMS.second]?.[0] ?? '';
  return (
    <form
      method="get"
      action={PARTICIPANT_REPORT_PATH}
      class="audit-filters report-criteria"
      aria-labelledby="kriterijai"
      hx-get={PARTICIPANT_REPORT_PATH}
      hx-target={`#${REGION_ID}`}
      hx-select={`#${REGION_ID}`}
      hx-swap="outerHTML"
      hx-push-url="true"
    >
      <h2 id="kriterijai">Kriterijai</h2>
      <p class="muted">
        Nepasirinkus reikšmių, kriterijus netaikomas. Kelias reikšmes galima pažymėti laikant nuspaustą Ctrl (Mac – Cmd) klavišą.
      </p>
      <div class="filter-grid">
        {CRITERION_KEYS.map((key) => {
          const c = CRITERIA[key];
          const list = options(key);
          const selected = chosen(c.param);
          return (
            <label>
              {c.label}
              <select name={c.param} multiple size={Math.min(5, Math.max(2, list.length))} {...invalid(c.param, props.errors)}>
                {list.map((o) => (
                  <option value={o.value} selected={selected.has(o.value)}>
                    {o.label}
                  </option>
                ))}
              </select>
              <FieldError param={c.param} errors={props.errors} />
            </label>
          );
        })}
        {(Object.keys(DATE_PARAMS) as DateKey[]).map((key) => {
          const { param, label } = DATE_PARAMS[key];
          return (
            <label>
              {label}
              <input type="date" name={param} value={props.raw[param]?.[0] ?? ''} {...invalid(param, props.errors)} />
              <FieldError param={param} errors={props.errors} />
            </label>
          );
        })}
      </div>
      <fieldset class="breakdown">
        <legend>Pjūviai (skaičiai lentelėje ir diagramoje)</legend>
        <div class="grid-2">
          {(['first', 'second'] as const).map((which) => {
            const param = BREAKDOWN_PARAMS[which];
            const current = which === 'first' ? firstDimension : secondDimension;
            return (
              <label>
                {BREAKDOWN_LABELS[which]}
                <select name={param} {...invalid(param, props.errors)}>
                  <option value="">{which === 'first' ? 'Be pjūvio' : 'Nėra'}</option>
                  {CRITERION_KEYS.map((key) => (
                    <option value={CRITERIA[key].param} selected={current === CRITERIA[key].param}>
                      {CRITERIA[key].label}
                    </option>
                  ))}
                </select>
                <FieldError param={param} errors={props.errors} />
              </label>
            );
          })}
        </div>
      </fieldset>
      <div class="form-actions">
        <button type="submit">Formuoti ataskaitą</button>
        <a href={PARTICIPANT_REPORT_PATH}>Išvalyti kriterijus</a>
      </div>
    </form>
  );
}

// ---- Counts: the table (the data) and the bar chart ----------------------------------------------------------

const UNIT = 'dalyvių';

function CountsSection(props: { counts: Breakdown }) {
  const { counts } = props;
  const dims = counts.dimensions;
  return (
    <section aria-labelledby="skaiciai">
      <h2 id="skaiciai">Dalyvių skaičius</h2>
      <p>
        Kriterijus atitinka dalyvių registracijų: <strong>{counts.total}</strong>.
      </p>
      {dims.length === 0 || counts.cells.length === 0 ? null : (
        <>
          {dims.length === 1 ? <OneDimensionTable counts={counts} /> : <TwoDimensionTable counts={counts} />}
          <BarChart
            id="pjuvio-diagrama"
            title={`Dalyvių skaičius pagal ${dims.map((d) => `„${CRITERIA[d].label}“`).join(' ir ')}`}
            unit={UNIT}
            data={
              dims.length === 1
                ? {
                    categories: counts.axes[0]!.map((a) => a.label),
                    series: [{ label: 'Dalyvių skaičius', values: counts.axes[0]!.map((a) => cell(counts, [a.key])) }],
                  }
                : {
                    categories: counts.axes[0]!.map((a) => a.label),
                    series: counts.axes[1]!.map((s) => ({
                      label: s.label,
                      values: counts.axes[0]!.map((a) => cell(counts, [a.key, s.key])),
                    })),
                  }
            }
          />
        </>
      )}
    </section>
  );
}

function cell(counts: Breakdown, keys: string[]): number {
  return counts.cells.find((c) => c.keys.every((k, i) => k === keys[i]))?.count ?? 0;
}

function OneDimensionTable(props: { counts: Breakdown }) {
  const { counts } = props;
  const d = counts.dimensions[0]!;
  return (
    <div class="table-scroll">
      <table class="striped report-counts">
        <caption>Dalyvių skaičius pagal „{CRITERIA[d].label}“</caption>
        <thead>
          <tr>
            <th scope="col">{CRITERIA[d].label}</th>
            <th scope="col">Dalyvių skaičius</th>
          </tr>
        </thead>
        <tbody>
          {counts.axes[0]!.map((a) => (
            <tr>
              <th scope="row">{a.label}</th>
              <td>{cell(counts, [a.key])}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Iš viso</th>
            <td>{counts.total}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function TwoDimensionTable(props: { counts: Breakdown }) {
  const { counts } = props;
  const [d1, d2] = counts.dimensions as [CriterionKey, CriterionKey];
  const [rows, cols] = counts.axes as [Breakdown['axes'][number], Breakdown['axes'][number]];
  return (
    <div class="table-scroll">
      <table class="striped report-counts">
        <caption>
          Dalyvių skaičius pagal „{CRITERIA[d1].label}“ (eilutės) ir „{CRITERIA[d2].label}“ (stulpeliai)
        </caption>
        <thead>
          <tr>
            <th scope="col">
              {CRITERIA[d1].label} \ {CRITERIA[d2].label}
            </th>
            {cols.map((col) => (
              <th scope="col">{col.label}</th>
            ))}
            <th scope="col">Iš viso</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr>
              <th scope="row">{row.label}</th>
              {cols.map((col) => (
                <td>{cell(counts, [row.key, col.key])}</td>
              ))}
              <td>{cols.reduce((s, col) => s + cell(counts, [row.key, col.key]), 0)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Iš viso</th>
            {cols.map((col) => (
              <td>{rows.reduce((s, row) => s + cell(counts, [row.key, col.key]), 0)}</td>
            ))}
            <td>{counts.total}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

// ---- Registrations over time ---------------------------------------------------------------------------------

function OverTimeSection(props: { overTime: RegistrationsOverTime | null }) {
  const o = props.overTime;
  return (
    <section aria-labelledby="laikas">
      <h2 id="laikas">Registracijos laikui bėgant</h2>
      {!o ? (
        <p>Kriterijus atitinkančių registracijų nėra.</p>
      ) : (
        <LineChart
          id="registraciju-linija"
          title={`Registracijų skaičius ${TIME_BUCKET_LABELS[o.bucket]}`}
          unit="registracijų"
          points={o.points.map((p) => ({ label: bucketLabel(p.start, o.bucket), value: p.count }))}
        >
          <details>
            <summary>Registracijų skaičius lentele</summary>
            <div class="table-scroll">
              <table class="striped">
                <thead>
                  <tr>
                    <th scope="col">{o.bucket === 'day' ? 'Diena' : o.bucket === 'week' ? 'Savaitė (nuo pirmadienio)' : 'Mėnuo'}</th>
                    <th scope="col">Registracijų skaičius</th>
                  </tr>
                </thead>
                <tbody>
                  {o.points.map((p) => (
                    <tr>
                      <th scope="row">{bucketLabel(p.start, o.bucket)}</th>
                      <td>{p.count}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </LineChart>
      )}
    </section>
  );
}

// ---- The matching participants, paged ------------------------------------------------------------------------

/** A second fact in a cell, with its name (the table keeps to seven columns at 1280 px). */
function Fact(props: { label: string; value: string | null }) {
  return props.value ? (
    <>
      <br />
      <small>
        {props.label}: {props.value}
      </small>
    </>
  ) : null;
}

function ParticipantsSection(props: { page: ListPage<ReportParticipant>; query: string }) {
  const { page } = props;
  const href = (n: number) => `${PARTICIPANT_REPORT_PATH}?${props.query ? `${props.query}&` : ''}puslapis=${n}`;
  return (
    <section aria-labelledby="dalyviai">
      <h2 id="dalyviai">Dalyviai</h2>
      {page.items.length === 0 ? (
        <p>Kriterijus atitinkančių dalyvių nėra.</p>
      ) : (
        <div class="table-scroll">
          <table class="striped report-participants">
            <thead>
              <tr>
                <th scope="col">Dalyvis</th>
                <th scope="col">Registracijos data</th>
                <th scope="col">Mokymosi programa ir grupė</th>
                <th scope="col">{CRITERIA.funding.label}</th>
                <th scope="col">Registracija ir dokumentai</th>
                <th scope="col">Sutartis ir mokymai</th>
                <th scope="col">Pažymėjimas ir sąskaita faktūra</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((p) => (
                <tr>
                  <th scope="row">
                    {p.name}
                    <br />
                    <small>{p.email}</small>
                  </th>
                  <td class="nowrap">{formatDateTime(p.registeredAt)}</td>
                  <td>
                    {p.programme}
                    <br />
                    <a href={`/grupes/${p.groupId}/dalyviai`}>{p.groupName}</a>
                    <Fact label="Grupės būsena" value={p.groupStatus} />
                    <Fact label="Mokymų pradžia" value={formatDate(p.programmeStart)} />
                  </td>
                  <td>
                    {valueLabel('funding', p.funding)}
                    <Fact label="UŽT kuponas" value={p.uztCoupon === NO_COUPON ? null : valueLabel('uztCoupon', p.uztCoupon)} />
                  </td>
                  <td>
                    {valueLabel('registrationStatus', p.registrationStatus)}
                    <Fact label="Dokumentai" value={valueLabel('documentReview', p.documentReview)} />
                  </td>
                  <td>
                    {valueLabel('contractStatus', p.contractStatus)}
                    <Fact label="Mokymai" value={valueLabel('progress', p.progress)} />
                  </td>
                  <td>
                    {valueLabel('certificate', p.certificate)}
                    {p.certificateNumber ? (
                      <>
                        {' '}
                        <small>({p.certificateNumber})</small>
                      </>
                    ) : null}
                    <Fact
                      label="Sąskaita faktūra"
                      value={`${valueLabel('invoiceStatus', p.invoiceStatus)}${p.invoiceNumber ? ` (Nr. ${p.invoiceNumber})` : ''}`}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={page.page} pageCount={page.pageCount} total={page.total} href={href} label="Dalyvių sąrašo puslapiai" />
    </section>
  );
}
