// Report exports (issue 15; REP-7 export, OQ-46, REP-8): POST /ataskaitos/<kind>/eksportas?<the report's
// criteria>, with the form's `format` (csv|xlsx, the pressed button) and `raktas` (a key fresh at every
// render of the report), counts the rows first; up to KURSUOK_EXPORT_SYNC_MAX_ROWS the file is streamed
// straight to the response (an attachment), more starts ReportExport:<id> (one Update; the id is derived
// from the key and the format) and sends the browser to /ataskaitos/eksportai/<id>, which htmx polls
// ("Ruošiama… 40 %") until "Atsisiųsti failą" (/failas). Every route checks the report's application
// right (§6) and the institution: another institution's export is 404. An unknown format or a bad key
// answers 400, criteria the report refuses 422, in Lithuanian, never an empty file; an unknown report
// has no route (404). A POST with the session's CSRF token: it may start a background job, so a crawler
// or a link prefetch never starts one.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { REPORT_EXPORT_SOURCES } from '../../db/exports/registry.ts';
import { CONTENT_TYPES, exportFileName, exportStream } from '../../db/exports/stream.ts';
import { ReportCriteriaError } from '../../db/exports/types.ts';
import { auditReportDownload, findReportExport, reportExportFile } from '../../db/queries/report-exports.ts';
import { allows } from '../../workflows/domain/access.ts';
import { attachmentDisposition } from '../../workflows/domain/file-type.ts';
import {
  isReportExportFormat,
  REPORT_EXPORT_KINDS,
  REPORT_KIND_APPLICATIONS,
  REPORT_KIND_TITLES,
  type ReportKind,
} from '../../workflows/domain/report-export.ts';
import { changeActor } from '../change-helpers.ts';
import type { AppEnv } from '../context.ts';
import { isUuid } from '../forms.ts';
import { startReportExport } from '../report-export-commands.ts';
import { html, respond } from '../render.tsx';
import { commandTarget } from '../route-context.ts';
import { MessagePage } from '../views/messages.tsx';
import {
  EXPORT_FORMAT_PARAM,
  EXPORT_KEY_PARAM,
  exportStatusPath,
  reportExportPath,
  ReportExportPage,
  ReportExportStatusPanel,
} from '../views/report-export.tsx';

type C = Context<AppEnv>;

export const reportExportRoutes = new Hono<AppEnv>();

function refuse(c: C, status: ContentfulStatusCode, title: string, message: string) {
  return html(c, <MessagePage title={title} message={message} />, status);
}

/** The report's application right (§6): Administrator and Employee, the report's own row. */
function mayRead(c: C, kind: ReportKind): boolean {
  return allows(REPORT_KIND_APPLICATIONS[kind], c.get('acting').roles, 'view');
}

function forbidden(c: C, kind: ReportKind) {
  return refuse(c, 403, 'Neturite teisių', `Neturite teisių matyti aplikacijos „${REPORT_KIND_APPLICATIONS[kind]}“ duomenų.`);
}

/**
 * The export's id: one form carries one key for both buttons, so the id is the key and the format
 * hashed into a UUID — the same request replayed reaches the same export, CSV and XLSX stay apart.
 */
function exportIdOf(key: string, format: string): string {
  const h = createHash('sha256').update(`${key.toLowerCase()}:${format}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const DOWNLOAD_HEADERS = { 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'private, no-store' } as const;

/**
 * One route per report (/ataskaitos/dalyviai/eksportas, /ataskaitos/tvarkarasciai/eksportas), under the
 * report's own path and its application check; any other report's path is the app's 404.
 */
async function exportReport(c: C, kind: ReportKind) {
  const source = REPORT_EXPORT_SOURCES[kind];
  if (!source) return refuse(c, 400, 'Neteisinga užklausa', 'Šios ataskaitos eksportuoti kol kas negalima.');
  if (!mayRead(c, kind)) return forbidden(c, kind);
  const form = await c.req.parseBody();
  const format = typeof form[EXPORT_FORMAT_PARAM] === 'string' ? form[EXPORT_FORMAT_PARAM] : null;
  if (!isReportExportFormat(format))
    return refuse(c, 400, 'Neteisinga užklausa', 'Nežinomas eksporto formatas: pasirinkite „Eksportuoti CSV“ arba „Eksportuoti XLSX“.');
  const key = form[EXPORT_KEY_PARAM];
  if (!isUuid(key))
    return refuse(c, 400, 'Neteisinga užklausa', 'Užklausa neteisinga: atnaujinkite ataskaitos puslapį ir bandykite dar kartą.');
  // The report's criteria: the action URL's query, as the report page wrote it.
  const query = new URL(c.req.url).searchParams.toString();

  const { db, config } = c.get('deps');
  const acting = c.get('acting');
  const institutionId = acting.institution.id;
  let total: number;
  try {
    total = await source.count(db, institutionId, query);
  } catch (err) {
    if (err instanceof ReportCriteriaError) return refuse(c, 422, 'Neteisingi ataskaitos kriterijai', err.message);
    throw err;
  }

  if (total <= config.reportExports.syncMaxRows) {
    // The quick path: streamed as it is written, never the whole file in memory; the audit row first.
    await auditReportDownload(db, { actor: changeActor(c), institutionId, kind, format, query, rowCount: total, exportId: null });
    const stream = exportStream(format, source.columns, source.rows(db, institutionId, query), { sheetName: REPORT_KIND_TITLES[kind] });
    return c.body(Readable.toWeb(stream) as ReadableStream<Uint8Array>, 200, {
      'Content-Type': CONTENT_TYPES[format],
      'Content-Disposition': attachmentDisposition(exportFileName(source.fileBaseName, format, new Date())),
      ...DOWNLOAD_HEADERS,
    });
  }

  const started = await startReportExport(
    commandTarget(c),
    {
      exportId: exportIdOf(key, format),
      institutionId,
      userId: acting.user?.id ?? null,
      kind,
      format,
      query,
      retentionMs: config.reportExports.retentionMs,
    },
    total,
  );
  if (!started.ok) {
    // The key is another user's export (a copied link): this request reaches nothing of theirs.
    if (started.status === 404)
      return refuse(c, 400, 'Neteisinga užklausa', 'Užklausa neteisinga: atnaujinkite ataskaitos puslapį ir bandykite dar kartą.');
    return refuse(c, started.status as ContentfulStatusCode, 'Eksportas nepradėtas', started.message);
  }
  return c.redirect(exportStatusPath(exportIdOf(key, format)), 303);
}

for (const kind of REPORT_EXPORT_KINDS) reportExportRoutes.post(reportExportPath(kind), (c) => exportReport(c, kind));

/** The export's page (full, or the status panel for htmx's polling). */
reportExportRoutes.get('/ataskaitos/eksportai/:exportId', async (c) => {
  const id = c.req.param('exportId');
  const item = isUuid(id) ? await findReportExport(c.get('deps').db, c.get('acting').institution.id, id) : undefined;
  if (!item) return c.notFound();
  if (!mayRead(c, item.kind)) return forbidden(c, item.kind);
  const now = new Date();
  return respond(c, {
    title: 'Ataskaitos eksportas',
    app: REPORT_KIND_APPLICATIONS[item.kind],
    page: () => <ReportExportPage item={item} now={now} />,
    fragment: () => <ReportExportStatusPanel item={item} now={now} />,
  });
});

reportExportRoutes.get('/ataskaitos/eksportai/:exportId/failas', async (c) => {
  const id = c.req.param('exportId');
  if (!isUuid(id)) return c.notFound();
  const db = c.get('deps').db;
  const institutionId = c.get('acting').institution.id;
  const item = await findReportExport(db, institutionId, id);
  if (!item) return c.notFound();
  if (!mayRead(c, item.kind)) return forbidden(c, item.kind);
  const found = await reportExportFile(db, institutionId, id);
  if (!found)
    return refuse(
      c,
      410,
      'Failo nėra',
      'Šio eksporto failo nėra: jis dar ruošiamas, nepavyko arba jau ištrintas. Eksportuokite ataskaitą dar kartą.',
    );
  await auditReportDownload(db, {
    actor: changeActor(c),
    institutionId,
    kind: item.kind,
    format: found.format,
    query: item.query,
    rowCount: item.row_count ?? 0,
    exportId: id,
  });
  const body = new Uint8Array(found.file);
  return c.body(body, 200, {
    'Content-Type': CONTENT_TYPES[found.format],
    'Content-Length': String(body.byteLength),
    'Content-Disposition': attachmentDisposition(found.file_name),
    ...DOWNLOAD_HEADERS,
  });
});
