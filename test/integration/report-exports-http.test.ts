// Report exports over HTTP (issue 15; REP-7 export, OQ-46, REP-8) with the real worker and Postgres, the
// participants report's own export source: a small export streams straight back as CSV (UTF-8 BOM,
// ';', CRLF) or XLSX (typed cells read back with exceljs) with the institution's rows only; a big one
// (more than KURSUOK_EXPORT_SYNC_MAX_ROWS, 5 here) starts ReportExport:<key> once however often the
// request is replayed, the page polls "Ruošiama… N %", then offers the file, which is deleted after
// the retention (a few seconds here) and the page says so. Unknown report, format or key and criteria
// the report refuses answer 400/422 in Lithuanian, never a file; another institution's export is 404;
// a user without the report's right gets 403. The activity itself writes its progress and heartbeats
// while it streams a (slow) source's rows, and refuses criteria for good.
import { PassThrough } from 'node:stream';
import { MockActivityEnvironment } from '@temporalio/testing';
import { ApplicationFailure } from '@temporalio/common';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReportExportActivities } from '../../activities/report-export.ts';
import { ReportCriteriaError, type ExportValue, type ReportExportSource } from '../../db/exports/types.ts';
import { PARTICIPANT_EXPORT_COLUMNS } from '../../db/queries/participant-report.ts';
import { vilniusDate } from '../../workflows/domain/calendar.ts';
import { ErrorCode } from '../../workflows/errors.ts';
import { reportExportWorkflowId } from '../../workflows/ids.ts';
import { createInstitution, type InstitutionFixture } from '../support/fixtures.ts';
import { insertGroupRows } from '../support/group-rows.ts';
import { recordHistoryIfAsked } from '../support/histories.ts';
import { appCaller } from '../support/http.ts';
import { insertRegistrationRows, postExport } from '../support/report-rows.ts';
import { sessionFor, type TestSession } from '../support/session.ts';
import { startStack, type TestStack } from '../support/stack.ts';
import { eventually } from '../support/wait.ts';

const RETENTION_MS = 6000;
const RUN = crypto.randomUUID().slice(0, 6);
const A_NAME = `Aeksportas${RUN}`;
const B_NAME = `Beksportas${RUN}`;
let stack: TestStack;
let call: ReturnType<typeof appCaller>;
let a: InstitutionFixture;
let b: InstitutionFixture;
let asA: TestSession;
let asB: TestSession;
let asRepresentative: TestSession;
let asEmployee: TestSession;
let smallGroup: string;
let bigGroup: string;
const SMALL = 3;
const BIG = 40;
const HEADERS = PARTICIPANT_EXPORT_COLUMNS.map((c) => c.header);

async function lastNamesOf(institutionId: string, groupId?: string): Promise<string[]> {
  let q = stack.db.selectFrom('group_registrations').select('last_name').where('institution_id', '=', institutionId);
  if (groupId) q = q.where('group_id', '=', groupId);
  return (await q.execute()).map((r) => r.last_name).sort();
}

async function readXlsx(bytes: Uint8Array) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.read(new PassThrough().end(Buffer.from(bytes)));
  return book.worksheets[0]!;
}

const columnOf = (key: string) => PARTICIPANT_EXPORT_COLUMNS.findIndex((c) => c.key === key) + 1;

beforeAll(async () => {
  stack = await startStack('report-exports', {
    env: { KURSUOK_EXPORT_SYNC_MAX_ROWS: '5', KURSUOK_EXPORT_RETENTION_MS: String(RETENTION_MS) },
  });
  call = appCaller(stack.app);
  a = await createInstitution(stack.db, 'Eksportuojanti A');
  b = await createInstitution(stack.db, 'Eksportuojanti B');
  [smallGroup, bigGroup] = (await insertGroupRows(stack.db, {
    institutionId: a.institutionId,
    programmeId: a.programmeId,
    venueId: a.venueId,
    count: 2,
    name: (i) => `Eksporto grupė ${i + 1} ${RUN}`,
  })) as [string, string];
  const [bGroup] = await insertGroupRows(stack.db, {
    institutionId: b.institutionId,
    programmeId: b.programmeId,
    venueId: b.venueId,
    count: 1,
  });
  await insertRegistrationRows(stack.db, { institutionId: a.institutionId, groupIds: [smallGroup], count: SMALL, lastNamePrefix: A_NAME });
  await insertRegistrationRows(stack.db, { institutionId: a.institutionId, groupIds: [bigGroup], count: BIG, lastNamePrefix: A_NAME });
  await insertRegistrationRows(stack.db, { institutionId: b.institutionId, groupIds: [bGroup!], count: 2, lastNamePrefix: B_NAME });
  asA = await sessionFor(stack.db, { personalCodeHash: a.personalCodeHash, institutionId: a.institutionId, userId: a.userId });
  asB = await sessionFor(stack.db, { personalCodeHash: b.personalCodeHash, institutionId: b.institutionId, userId: b.userId });
  // A contract signer only: no right to the reports (§6).
  const rep = await stack.db
    .insertInto('institution_users')
    .values({
      institution_id: a.institutionId,
      first_name: 'Sigita',
      last_name: 'Pasirašanti',
      email: `pasirasanti${RUN}@example.lt`,
      rights: ['SUTARCIU_PASIRASYMAS'],
      signing_document: 'Įgaliojimas Nr. 1',
      status: 'ACTIVE',
      personal_code_hash: `test-${crypto.randomUUID()}`,
      confirmed_at: new Date(),
    })
    .returning(['id', 'personal_code_hash'])
    .executeTakeFirstOrThrow();
  asRepresentative = await sessionFor(stack.db, {
    personalCodeHash: rep.personal_code_hash!,
    institutionId: a.institutionId,
    userId: rep.id,
  });
  const employee = await stack.db
    .insertInto('institution_users')
    .values({
      institution_id: a.institutionId,
      first_name: 'Eglė',
      last_name: 'Darbuotoja',
      email: `darbuotoja${RUN}@example.lt`,
      rights: ['DARBUOTOJAS'],
      status: 'ACTIVE',
      personal_code_hash: `test-${crypto.randomUUID()}`,
      confirmed_at: new Date(),
    })
    .returning(['id', 'personal_code_hash'])
    .executeTakeFirstOrThrow();
  asEmployee = await sessionFor(stack.db, {
    personalCodeHash: employee.personal_code_hash!,
    institutionId: a.institutionId,
    userId: employee.id,
  });
});

afterAll(async () => {
  await stack?.stop();
});

describe('the quick path: a small export streams straight back', () => {
  it('CSV: UTF-8 BOM, ";" and CRLF, the Lithuanian header, the institution’s matching rows only', async () => {
    const res = await postExport(call, `/ataskaitos/dalyviai/eksportas?format=csv&grupe=${smallGroup}`, { as: asA });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('Content-Disposition')).toContain(`filename="dalyviu-ataskaita-${vilniusDate(new Date())}.csv"`);
    expect(res.headers.get('Cache-Control')).toBe('private, no-store');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.subarray(3)).split('\r\n');
    expect(lines[0]).toBe(HEADERS.join(';'));
    const rows = lines.slice(1, -1).map((l) => l.split(';'));
    expect(rows).toHaveLength(SMALL);
    expect(rows.map((r) => r[columnOf('lastName') - 1]).sort()).toEqual(await lastNamesOf(a.institutionId, smallGroup));
    expect(rows.every((r) => r.length === HEADERS.length)).toBe(true);
    // Registration time as Vilnius "YYYY-MM-DD HH:mm", the programme start as a date.
    expect(rows[0]![columnOf('registeredAt') - 1]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(rows[0]![columnOf('programmeStart') - 1]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(lines.join('\n')).not.toContain(B_NAME);
    // GEN-9: who took the participants' data out, with which criteria, how many rows.
    const audit = await stack.db
      .selectFrom('audit_log')
      .selectAll()
      .where('institution_id', '=', a.institutionId)
      .where('entity_type', '=', 'report_export')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ entity_id: 'dalyviai', action: 'download', actor_user_id: a.userId });
    expect(audit.changes).toMatchObject({ format: { after: 'csv' }, query: { after: `grupe=${smallGroup}` }, rowCount: { after: SMALL } });
  });

  it('XLSX: typed cells read back with exceljs (dates as dates), the same rows as the database', async () => {
    const res = await postExport(call, `/ataskaitos/dalyviai/eksportas?format=xlsx&grupe=${smallGroup}`, { as: asA });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const sheet = await readXlsx(new Uint8Array(await res.arrayBuffer()));
    expect(sheet.getRow(1).values).toEqual([undefined, ...HEADERS]);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.rowCount).toBe(SMALL + 1);
    const names: string[] = [];
    for (let r = 2; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      names.push(String(row.getCell(columnOf('lastName')).value));
      expect(row.getCell(columnOf('registeredAt')).value).toBeInstanceOf(Date);
      expect(row.getCell(columnOf('programmeStart')).value).toBeInstanceOf(Date);
    }
    expect(names.sort()).toEqual(await lastNamesOf(a.institutionId, smallGroup));
  });

  it('the timetable report exports through the same writers (its own columns)', async () => {
    const res = await postExport(call, '/ataskaitos/tvarkarasciai/eksportas?format=csv', { as: asA });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Disposition')).toMatch(/^attachment; filename="[a-z-]+-\d{4}-\d{2}-\d{2}\.csv"/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes.subarray(3)).split('\r\n')[0]).toContain(';');
  });

  it('another institution’s export holds only its own rows (REP-8)', async () => {
    const res = await postExport(call, '/ataskaitos/dalyviai/eksportas?format=csv', { as: asB });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain(B_NAME);
    expect(text).not.toContain(A_NAME);
    expect(text.trim().split('\r\n')).toHaveLength(3);
  });
});

describe('bad input: a Lithuanian message, never a file', () => {
  it.each([
    ['an unknown report', '/ataskaitos/nezinoma/eksportas?format=csv', 404, 'Puslapis nerastas'],
    ['an unknown format', '/ataskaitos/dalyviai/eksportas?format=pdf', 400, 'Nežinomas eksporto formatas'],
    ['no format', '/ataskaitos/dalyviai/eksportas', 400, 'Nežinomas eksporto formatas'],
    ['a key that is not one', '/ataskaitos/dalyviai/eksportas?format=csv&raktas=1234', 400, 'Užklausa neteisinga'],
    [
      'a range ending before it starts',
      '/ataskaitos/dalyviai/eksportas?format=xlsx&registruota_nuo=2026-12-10&registruota_iki=2026-12-01',
      422,
      'negali būti ankstesnė už jo pradžią',
    ],
    ['an unknown criterion value', '/ataskaitos/dalyviai/eksportas?format=csv&finansavimas=NEZINOMAS', 422, 'Neleistina reikšmė'],
  ])('%s', async (_what, path, status, message) => {
    const res = await postExport(call, path, { as: asA });
    expect(res.status).toBe(status);
    expect(res.headers.get('Content-Type')).toContain('text/html');
    expect(res.headers.get('Content-Disposition')).toBeNull();
    expect(await res.text()).toContain(message);
  });

  it('a GET (a followed link, a crawler, a prefetch) exports nothing and starts nothing', async () => {
    const key = crypto.randomUUID();
    const res = await call(`/ataskaitos/dalyviai/eksportas?format=xlsx&raktas=${key}`, { as: asA });
    expect(res.status).toBe(404);
    expect(res.headers.get('Content-Disposition')).toBeNull();
    const rows = await stack.db.selectFrom('report_exports').select('id').where('institution_id', '=', a.institutionId).execute();
    expect(rows.map((r) => r.id)).not.toContain(key);
  });

  it('a user without the report’s right gets 403', async () => {
    const res = await postExport(call, `/ataskaitos/dalyviai/eksportas?format=csv&grupe=${smallGroup}`, { as: asRepresentative });
    expect(res.status).toBe(403);
    expect(res.headers.get('Content-Disposition')).toBeNull();
  });
});

describe('the background path: ReportExport:<key>', () => {
  it('the page shows "Ruošiama… N %" and polls with htmx while the file is being made', async () => {
    const id = crypto.randomUUID();
    await stack.db
      .insertInto('report_exports')
      .values({ id, institution_id: a.institutionId, user_id: a.userId, kind: 'dalyviai', format: 'xlsx', query: '', progress: 40 })
      .execute();
    const page = await (await call(`/ataskaitos/eksportai/${id}`, { as: asA })).text();
    expect(page).toContain('<h1>Ataskaitos eksportas</h1>');
    expect(page).toContain('Ruošiama… 40\u00a0%');
    const fragment = await call(`/ataskaitos/eksportai/${id}`, { as: asA, htmx: true });
    const html = await fragment.text();
    expect(html).toContain('hx-trigger="every 1s"');
    expect(html).not.toContain('<h1>');
    expect((await call(`/ataskaitos/eksportai/${id}/failas`, { as: asA })).status).toBe(410);
    expect((await call(`/ataskaitos/eksportai/${id}`, { as: asRepresentative })).status).toBe(403);
  });

  it(
    'starts one export however often the request comes, offers the file, then deletes it after the retention',
    { timeout: 60_000 },
    async () => {
      const key = crypto.randomUUID();
      const path = `/ataskaitos/dalyviai/eksportas?format=xlsx&raktas=${key}`;
      const first = await postExport(call, path, { as: asA });
      expect(first.status).toBe(303);
      const location = first.headers.get('Location')!;
      expect(location).toMatch(/^\/ataskaitos\/eksportai\/[0-9a-f-]{36}$/);
      const id = location.split('/').pop()!;
      const again = await postExport(call, path, { as: asA });
      expect(again.status).toBe(303);
      expect(again.headers.get('Location')).toBe(location);
      // The same form's other button is another export.
      const csv = await postExport(call, path.replace('format=xlsx', 'format=csv'), { as: asA });
      expect(csv.status).toBe(303);
      expect(csv.headers.get('Location')).not.toBe(location);
      // Another user's request with the same key (a copied link) starts nothing and reaches nothing of the first's.
      const copied = await postExport(call, path, { as: asEmployee });
      expect(copied.status).toBe(400);
      expect(await copied.text()).toContain('Užklausa neteisinga');
      const runs: string[] = [];
      for await (const w of stack.client.workflow.list({ query: `WorkflowId = '${reportExportWorkflowId(id)}'` })) runs.push(w.runId);
      expect(runs).toHaveLength(1);

      const ready = await eventually(
        async () => (await call(`/ataskaitos/eksportai/${id}`, { as: asA, htmx: true })).text(),
        (html) => html.includes('Atsisiųsti failą'),
        20_000,
      );
      expect(ready).toContain(`Failas paruoštas: ${SMALL + BIG} eil.`);
      expect(ready).not.toContain('hx-trigger');
      const row = await stack.db.selectFrom('report_exports').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        status: 'PARUOSTA',
        progress: 100,
        row_count: SMALL + BIG,
        user_id: a.userId,
        format: 'xlsx',
        query: '',
      });
      expect(row.expires_at!.getTime() - row.ready_at!.getTime()).toBe(RETENTION_MS);

      // Another institution: 404 for the page and the file.
      expect((await call(`/ataskaitos/eksportai/${id}`, { as: asB })).status).toBe(404);
      expect((await call(`/ataskaitos/eksportai/${id}/failas`, { as: asB })).status).toBe(404);

      const file = await call(`/ataskaitos/eksportai/${id}/failas`, { as: asA });
      expect(file.status).toBe(200);
      const downloads = await stack.db
        .selectFrom('audit_log')
        .select('action')
        .where('entity_type', '=', 'report_export')
        .where('entity_id', '=', id)
        .execute();
      expect(downloads).toEqual([{ action: 'download' }]);
      expect(file.headers.get('Content-Disposition')).toMatch(/^attachment; filename="dalyviu-ataskaita-\d{4}-\d{2}-\d{2}\.xlsx"/);
      const sheet = await readXlsx(new Uint8Array(await file.arrayBuffer()));
      expect(sheet.rowCount).toBe(SMALL + BIG + 1);
      const names: string[] = [];
      for (let r = 2; r <= sheet.rowCount; r++) names.push(String(sheet.getRow(r).getCell(columnOf('lastName')).value));
      expect(names.sort()).toEqual(await lastNamesOf(a.institutionId));

      // The retention's timer: the file is deleted, the row stays and the page says so.
      const gone = await eventually(
        async () => (await call(`/ataskaitos/eksportai/${id}`, { as: asA })).text(),
        (html) => html.includes('Failas ištrintas'),
        RETENTION_MS + 15_000,
      );
      expect(gone).not.toContain('Atsisiųsti failą');
      expect((await call(`/ataskaitos/eksportai/${id}/failas`, { as: asA })).status).toBe(410);
      // The page stops offering it at expires_at; the workflow's timer then deletes the file itself.
      const after = await eventually(
        () => stack.db.selectFrom('report_exports').select(['status', 'file']).where('id', '=', id).executeTakeFirstOrThrow(),
        (r) => r.status === 'ISTRINTA',
        10_000,
      );
      expect(after).toEqual({ status: 'ISTRINTA', file: null });
      const outcome = await stack.client.workflow.getHandle(reportExportWorkflowId(id)).result();
      expect(outcome).toEqual({ status: 'PARUOSTA', rowCount: SMALL + BIG });
      recordHistoryIfAsked(reportExportWorkflowId(id), 'report-export-expired.json');
    },
  );
});

describe('the export activity', () => {
  const COLUMNS = [
    { key: 'n', header: 'Nr.', type: 'integer' },
    { key: 'sum', header: 'Suma', type: 'money' },
  ] as const;

  function slowSource(total: number, delayMs: number): ReportExportSource {
    return {
      kind: 'dalyviai',
      fileBaseName: 'bandymas',
      columns: COLUMNS,
      count: async (_db, _inst, query) => {
        if (query.includes('blogai')) throw new ReportCriteriaError('Neteisingi ataskaitos kriterijai: bandymas.');
        return total;
      },
      async *rows(): AsyncIterable<Record<string, ExportValue>> {
        for (let i = 1; i <= total; i++) {
          if (i % 5 === 0) await new Promise((r) => setTimeout(r, delayMs));
          yield { n: i, sum: i * 1.5 };
        }
      },
    };
  }

  it('writes its progress to the row and heartbeats while it streams, then stores the file', async () => {
    const total = 60;
    const activities = createReportExportActivities({ db: stack.db, sources: { dalyviai: slowSource(total, 120) } });
    const id = crypto.randomUUID();
    await activities.recordReportExport({
      exportId: id,
      institutionId: a.institutionId,
      userId: a.userId,
      kind: 'dalyviai',
      format: 'csv',
      query: '',
      retentionMs: 60_000,
    });
    const env = new MockActivityEnvironment();
    const heartbeats: unknown[] = [];
    env.on('heartbeat', (d: unknown) => heartbeats.push(d));
    const seen = new Set<number>();
    let done = false;
    const watching = (async () => {
      while (!done) {
        const r = await stack.db.selectFrom('report_exports').select('progress').where('id', '=', id).executeTakeFirstOrThrow();
        seen.add(r.progress);
        await new Promise((res) => setTimeout(res, 50));
      }
    })();
    const result = (await env.run(activities.buildReportExport, { exportId: id, retentionMs: 60_000 })) as {
      rowCount: number;
      size: number;
    };
    done = true;
    await watching;
    expect(result.rowCount).toBe(total);
    expect([...seen].some((p) => p > 0 && p < 100)).toBe(true);
    expect(heartbeats.length).toBeGreaterThan(3);
    const row = await stack.db.selectFrom('report_exports').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'PARUOSTA', progress: 100, row_count: total, size: result.size });
    const text = row.file!.subarray(3).toString('utf8');
    expect(text.split('\r\n')[0]).toBe('Nr.;Suma');
    expect(text.split('\r\n')[total]).toBe(`${total};90,00`);
    // A retried activity after the file was stored changes nothing.
    expect(await env.run(activities.buildReportExport, { exportId: id, retentionMs: 60_000 })).toEqual(result);
  });

  it('refuses criteria the source does not take for good (InvalidInput, the source’s words)', async () => {
    const activities = createReportExportActivities({ db: stack.db, sources: { dalyviai: slowSource(3, 0) } });
    const id = crypto.randomUUID();
    await activities.recordReportExport({
      exportId: id,
      institutionId: a.institutionId,
      userId: null,
      kind: 'dalyviai',
      format: 'xlsx',
      query: 'blogai=1',
      retentionMs: 60_000,
    });
    const err = await new MockActivityEnvironment()
      .run(activities.buildReportExport, { exportId: id, retentionMs: 60_000 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApplicationFailure);
    expect(err).toMatchObject({ type: ErrorCode.InvalidInput, nonRetryable: true, message: 'Neteisingi ataskaitos kriterijai: bandymas.' });
  });
});
