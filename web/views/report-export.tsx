// Report exports (issue 15; REP-7 export, OQ-46): the "Eksportuoti CSV" / "Eksportuoti XLSX" buttons
// the report pages show, and the page of an export made in the background — "Ruošiama… 40 %" polled
// with htmx every second until the file is offered ("Atsisiųsti failą"), failed or deleted after its
// retention. The buttons are one small POST form: the report's criteria stay in the form's action URL
// (the report's own URL query), the format is the pressed button and a key fresh at every render makes
// a replayed request reach the same export. A POST, not a link: an export may start a background job
// and writes its row, so a crawler or a prefetch following links starts nothing.
import type { ReportExportRow } from '../../db/queries/report-exports.ts';
import { formatDateTime } from '../../workflows/domain/date-format.ts';
import {
  progressLine,
  REPORT_EXPORT_STATUS_LABELS,
  REPORT_KIND_PATHS,
  REPORT_KIND_TITLES,
  ReportExportStatus,
  type ReportKind,
} from '../../workflows/domain/report-export.ts';
import { CsrfField, Notice } from './layout.tsx';

/** The form fields the export adds to the report's criteria (which stay in the action's URL query). */
export const EXPORT_FORMAT_PARAM = 'format';
export const EXPORT_KEY_PARAM = 'raktas';

export const reportExportPath = (kind: ReportKind) => `/ataskaitos/${kind}/eksportas`;
export const exportStatusPath = (exportId: string) => `/ataskaitos/eksportai/${exportId}`;
export const exportFilePath = (exportId: string) => `${exportStatusPath(exportId)}/failas`;
const STATUS_PANEL_ID = 'eksporto-busena';

/** The export form's action: the export path with the report's criteria (its URL query, without '?'). */
export function exportAction(kind: ReportKind, query: string): string {
  const criteria = query.replace(/^\?/, '');
  return criteria === '' ? reportExportPath(kind) : `${reportExportPath(kind)}?${criteria}`;
}

/**
 * "Eksportuoti CSV" and "Eksportuoti XLSX" for a report page: `query` is the page's criteria as its
 * URL query (e.g. criteriaQuery(criteria)). Put it outside the criteria form (forms do not nest).
 */
export function ReportExportButtons(props: { kind: ReportKind; query: string; key?: string }) {
  return (
    <form class="export-buttons" method="post" action={exportAction(props.kind, props.query)} aria-label="Ataskaitos eksportas">
      <CsrfField />
      <input type="hidden" name={EXPORT_KEY_PARAM} value={props.key ?? crypto.randomUUID()} />
      <button type="submit" class="secondary" name={EXPORT_FORMAT_PARAM} value="csv">
        Eksportuoti CSV
      </button>{' '}
      <button type="submit" class="secondary" name={EXPORT_FORMAT_PARAM} value="xlsx">
        Eksportuoti XLSX
      </button>
    </form>
  );
}

function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} MB`;
}

/** The export's state; while it is being made, htmx asks for it again every second. */
export function ReportExportStatusPanel(props: { item: ReportExportRow; now: Date }) {
  const e = props.item;
  if (e.status === ReportExportStatus.Preparing) {
    return (
      <section id={STATUS_PANEL_ID} hx-get={exportStatusPath(e.id)} hx-trigger="every 1s" hx-swap="outerHTML" aria-busy="true">
        <p role="status">{progressLine(e.progress)}</p>
        <progress value={String(e.progress)} max="100" aria-label="Eksporto failo paruošimas" />
      </section>
    );
  }
  if (e.status === ReportExportStatus.Ready && e.expires_at && e.expires_at.getTime() > props.now.getTime()) {
    return (
      <section id={STATUS_PANEL_ID}>
        <Notice kind="success">
          <p>
            Failas paruoštas: {e.row_count ?? 0} eil., {fileSize(e.size ?? 0)}. Jis saugomas iki {formatDateTime(e.expires_at)}.
          </p>
        </Notice>
        <p>
          <a role="button" href={exportFilePath(e.id)}>
            Atsisiųsti failą
          </a>{' '}
          <small>{e.file_name}</small>
        </p>
      </section>
    );
  }
  if (e.status === ReportExportStatus.Failed) {
    return (
      <section id={STATUS_PANEL_ID}>
        <Notice kind="error">
          <p>{e.error ?? REPORT_EXPORT_STATUS_LABELS.NEPAVYKO}</p>
        </Notice>
      </section>
    );
  }
  return (
    <section id={STATUS_PANEL_ID}>
      <Notice kind="info">
        <p>Failas ištrintas: paruošti failai saugomi ribotą laiką. Eksportuokite ataskaitą dar kartą.</p>
      </Notice>
    </section>
  );
}

export function ReportExportPage(props: { item: ReportExportRow; now: Date }) {
  const e = props.item;
  const back = `${REPORT_KIND_PATHS[e.kind]}${e.query ? `?${e.query}` : ''}`;
  return (
    <>
      <h1>Ataskaitos eksportas</h1>
      <dl class="export-facts">
        <dt>Ataskaita</dt>
        <dd>{REPORT_KIND_TITLES[e.kind]}</dd>
        <dt>Formatas</dt>
        <dd>{e.format.toUpperCase()}</dd>
        <dt>Užsakyta</dt>
        <dd>{formatDateTime(e.created_at)}</dd>
      </dl>
      <ReportExportStatusPanel item={e} now={props.now} />
      <p>
        <a href={back}>Grįžti į ataskaitą</a>
      </p>
    </>
  );
}
