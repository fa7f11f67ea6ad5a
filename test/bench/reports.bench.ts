// Reports benchmark (issue 15; REP-5..REP-8, the exports): an institution with BENCH_REP_PARTICIPANTS
// (5,000) registrations over BENCH_REP_GROUPS (100) groups of its programmes in all six group statuses,
// with realistic registration statuses and funding and a learning contract (in force, some started
// or completed, a few terminated) for each contracted one; another institution with
// BENCH_REP_EXPORT_ROWS (100,000) registrations for the big export. Rows are written with set-based
// SQL (generate_series): the reports read only Postgres. Measured over real HTTP as the institution's
// administrator: the participants report page ("Ataskaita. Dalyvių informacija") with no criteria,
// with a two-dimension breakdown, with filters and a breakdown, and a deep page of its participants —
// p50/p95/p99 at BENCH_CONCURRENCY; the quick-path XLSX export (streamed in the response) of as many
// of them as KURSUOK_EXPORT_SYNC_MAX_ROWS allows (a registration-date criterion cuts them); and the 100,000-row XLSX (and CSV) export in
// the background (ReportExport:<id>: request → file ready, polled as the page does), with the peak RSS
// of this process — which runs the worker that makes the file — sampled every 50 ms. The file is read
// back (exceljs's streaming reader) and its rows counted. Every export workflow it started is
// terminated at the end. Not a test: it exits non-zero when an answer is not the expected one.
// `npm run bench -- reports` runs it on a freshly reset database; run directly:
//   DATABASE_URL=postgres://…/kursuok_bench TEMPORAL_ADDRESS=localhost:7243 node --import tsx test/bench/reports.bench.ts
// Knobs: BENCH_REP_PARTICIPANTS (5000), BENCH_REP_GROUPS (100), BENCH_REP_EXPORT_ROWS (100000),
// BENCH_REP_N (200 requests per page), BENCH_REP_WARMUP (10), BENCH_CONCURRENCY (8), BENCH_REP_SYNC_MAX
// (the quick path's row limit; default the configuration's), BENCH_REP_CSV (1: also the CSV export),
// BENCH_DB_POOL (10), BENCH_REQUEST_TIMEOUT_MS (30000), BENCH_WORKFLOW_BUNDLE.
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { PassThrough } from 'node:stream';
import { WorkflowNotFoundError } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import type { Db } from '../../db/client.ts';
import { reportExportWorkflowId } from '../../workflows/ids.ts';
import { createInstitution, type InstitutionFixture } from '../support/fixtures.ts';
import { insertGroupRows } from '../support/group-rows.ts';
import { insertRegistrationRows } from '../support/report-rows.ts';
import { adminSession, type TestSession } from '../support/session.ts';
import {
  failedLine,
  Http,
  intEnv,
  latencyTable,
  log,
  memoryLine,
  migrateAndStart,
  phase,
  problem,
  runMain,
  table,
  type Answer,
  type PhaseResult,
} from './measure.ts';
import type { BenchStack } from './stack.ts';

const PARTICIPANTS = intEnv('BENCH_REP_PARTICIPANTS', 5000, 1, 1_000_000);
const GROUPS = intEnv('BENCH_REP_GROUPS', 100, 1, 10_000);
const EXPORT_ROWS = intEnv('BENCH_REP_EXPORT_ROWS', 100_000, 1, 2_000_000);
const N = intEnv('BENCH_REP_N', 200, 1, 20_000);
const WARMUP = intEnv('BENCH_REP_WARMUP', 10, 0, 1_000);
const CONCURRENCY = intEnv('BENCH_CONCURRENCY', 8, 1, 256);
const SYNC_MAX = process.env.BENCH_REP_SYNC_MAX ? intEnv('BENCH_REP_SYNC_MAX', 5000, 0, 1_000_000) : undefined;
const WITH_CSV = intEnv('BENCH_REP_CSV', 1, 0, 1) === 1;
const DB_POOL = intEnv('BENCH_DB_POOL', 10, 1, 100);
const REQUEST_TIMEOUT_MS = intEnv('BENCH_REQUEST_TIMEOUT_MS', 30_000, 100, 600_000);
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://kursuok:kursuok@localhost:5432/kursuok_bench';
const TEMPORAL_ADDRESS = process.env.TEMPORAL_ADDRESS ?? 'localhost:7243';
const REPORT = '/ataskaitos/dalyviai';
const MIB = 1024 * 1024;

// ---- Data ----------------------------------------------------------------------------------------

/** Groups of the institution over its two programmes, in the six statuses in turn. */
async function groupsOf(db: Db, f: InstitutionFixture, count: number): Promise<string[]> {
  const half = Math.ceil(count / 2);
  const first = await insertGroupRows(db, { institutionId: f.institutionId, programmeId: f.programmeId, venueId: f.venueId, count: half });
  const second =
    count > half
      ? await insertGroupRows(db, {
          institutionId: f.institutionId,
          programmeId: f.suspendedProgrammeId,
          venueId: f.venueId,
          count: count - half,
          firstStart: '2026-03-02',
        })
      : [];
  return [...first, ...second];
}

/** A learning contract for each contracted registration: in force (some started, some completed) or terminated. */
async function contractsOf(db: Db, institutionId: string): Promise<number> {
  const r = await sql`
    insert into learning_contracts (id, institution_id, group_id, programme_id, version, phase, participant_status, provider_status,
                                    signing_deadline, started_at, completed_at)
    select r.id, r.institution_id, r.group_id, g.programme_id, 1,
           case when n % 17 = 0 then 'NUTRAUKTA' else 'GALIOJA' end, 'PASIRASYTA', 'PASIRASYTA',
           r.registered_at + interval '5 days',
           case when n % 3 <> 0 then r.registered_at + interval '10 days' end,
           case when n % 3 = 1 then r.registered_at + interval '40 days' end
    from (select *, row_number() over (order by registered_at) as n from group_registrations
          where institution_id = ${institutionId} and status = 'CONTRACTED') r
    join training_groups g on g.id = r.group_id`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

interface Scenario {
  main: InstitutionFixture;
  big: InstitutionFixture;
  mainHttp: Http;
  bigHttp: Http;
  mainSession: TestSession;
  bigCookie: string;
}

async function writeData(db: Db): Promise<Omit<Scenario, 'mainHttp' | 'bigHttp' | 'mainSession' | 'bigCookie'>> {
  const main = await createInstitution(db, 'Bench ataskaitos');
  const big = await createInstitution(db, 'Bench eksportas');
  const mainGroups = await groupsOf(db, main, GROUPS);
  const bigGroups = await groupsOf(db, big, Math.max(2, Math.min(1000, Math.ceil(EXPORT_ROWS / 50))));
  // A year of registrations: the main institution's spread over 2026, the big one's too.
  const year = 365 * 24 * 3600;
  await insertRegistrationRows(db, {
    institutionId: main.institutionId,
    groupIds: mainGroups,
    count: PARTICIPANTS,
    lastNamePrefix: 'Ataskaitaitė',
    stepSeconds: Math.max(1, Math.floor(year / PARTICIPANTS)),
  });
  for (let from = 0; from < EXPORT_ROWS; from += 50_000) {
    const count = Math.min(50_000, EXPORT_ROWS - from);
    await insertRegistrationRows(db, {
      institutionId: big.institutionId,
      groupIds: bigGroups,
      count,
      lastNamePrefix: `Eksportaitė ${from / 50_000}`,
      from: new Date(Date.UTC(2026, 0, 5) + Math.floor((from / EXPORT_ROWS) * year) * 1000),
      stepSeconds: Math.max(1, Math.floor(year / EXPORT_ROWS)),
    });
  }
  const contracts = (await contractsOf(db, main.institutionId)) + (await contractsOf(db, big.institutionId));
  log(`registrations: ${PARTICIPANTS} + ${EXPORT_ROWS}; learning contracts: ${contracts}; groups: ${GROUPS} + ${bigGroups.length}`);
  return { main, big };
}

// ---- Pages ---------------------------------------------------------------------------------------

interface Page {
  name: string;
  path: string;
  check: (a: Answer) => Array<[boolean, string]>;
}

function pages(expectedTotal: number): Page[] {
  const total = (a: Answer): [boolean, string] => [
    a.body.includes(`Kriterijus atitinka dalyvių registracijų: <strong>${expectedTotal}</strong>`),
    `no total ${expectedTotal}`,
  ];
  const any = (a: Answer): [boolean, string] => [a.body.includes('Kriterijus atitinka dalyvių registracijų: <strong>'), 'no total'];
  const chart = (a: Answer): [boolean, string] => [a.body.includes('role="img"'), 'no chart'];
  const deep = Math.max(1, Math.min(40, Math.ceil(expectedTotal / 50)));
  return [
    { name: `report, no criteria (${expectedTotal})`, path: REPORT, check: (a) => [total(a)] },
    {
      name: 'report, breakdown by group status × funding',
      path: `${REPORT}?pjuvis=grupes_busena&pjuvis2=finansavimas`,
      check: (a) => [total(a), chart(a)],
    },
    {
      name: 'report, 2 filters + breakdown by contract',
      path: `${REPORT}?registracijos_busena=CONTRACTED&registracijos_busena=APPROVED&finansavimas=IMP_KREPSELIS&pjuvis=sutartis`,
      check: (a) => [any(a), chart(a)],
    },
    {
      name: 'report, registration range + by programme',
      path: `${REPORT}?registruota_nuo=2026-03-01&registruota_iki=2026-09-30&pjuvis=programa`,
      check: (a) => [any(a)],
    },
    { name: `report, participants page ${deep}`, path: `${REPORT}?puslapis=${deep}`, check: (a) => [total(a)] },
  ];
}

async function measurePages(http: Http, expectedTotal: number): Promise<{ results: PhaseResult[]; failures: number; first?: string }> {
  let failures = 0;
  let first: string | undefined;
  const run = (p: Page, total: number, name: string) =>
    phase(name, total, CONCURRENCY, async () => {
      const a = await http.get(p.path);
      return { failure: problem(a, p.check(a)), ms: a.ms, bytes: a.bytes };
    });
  const results: PhaseResult[] = [];
  for (const p of pages(expectedTotal)) {
    if (WARMUP > 0) {
      const w = await run(p, WARMUP, `warm-up: ${p.name}`);
      failures += w.failures;
      first ??= w.failureSamples[0];
    }
    const r = await run(p, N, p.name);
    results.push(r);
    failures += r.failures;
    first ??= r.failureSamples.map((f) => `${p.name}: ${f}`)[0];
  }
  return { results, failures, first };
}

// ---- Exports -------------------------------------------------------------------------------------

/** Samples this process's RSS every 50 ms until stopped; the peak. */
function rssSampler() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss);
    },
  };
}

interface ExportFigure {
  what: string;
  rows: number;
  ms: number;
  bytes: number;
  rssBefore: number;
  rssPeak: number;
  failure?: string;
}

/**
 * The quick path: the whole file in the response of one GET, for as many of the main institution's
 * registrations as the limit allows (all of them, or those registered up to the day before the one
 * holding the limit's next row); the XLSX is read back and its rows counted.
 */
async function quickExport(db: Db, origin: string, session: TestSession, institutionId: string, syncMax: number): Promise<ExportFigure> {
  let query = '';
  let rows = PARTICIPANTS;
  if (PARTICIPANTS > syncMax) {
    const next = await sql<{ day: string }>`
      select ((registered_at at time zone 'Europe/Vilnius')::date - 1)::text as day from group_registrations
      where institution_id = ${institutionId} order by registered_at, id offset ${syncMax} limit 1`.execute(db);
    const day = next.rows[0]!.day;
    query = `?registruota_iki=${day}`;
    const n = await sql<{ n: number }>`
      select count(*)::int as n from group_registrations
      where institution_id = ${institutionId} and (registered_at at time zone 'Europe/Vilnius')::date <= ${day}::date`.execute(db);
    rows = n.rows[0]!.n;
  }
  const rssBefore = process.memoryUsage().rss;
  const sampler = rssSampler();
  const t0 = performance.now();
  // As the report page's form sends it: the criteria in the action's query, the format and key in the body.
  const res = await fetch(`${origin}${REPORT}/eksportas${query}`, {
    method: 'POST',
    headers: {
      Cookie: session.cookie,
      Origin: origin,
      'X-CSRF-Token': session.csrf,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ format: 'xlsx', raktas: crypto.randomUUID() }),
    redirect: 'manual',
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  const ms = performance.now() - t0;
  const rssPeak = sampler.stop();
  const what = 'XLSX quick path (in the response)';
  const type = res.headers.get('Content-Type') ?? '';
  let failure: string | undefined;
  if (res.status !== 200) failure = `quick export: HTTP ${res.status}`;
  else if (!type.includes('spreadsheetml')) failure = `quick export: Content-Type ${type}`;
  else {
    const counted = await countXlsxRows(bytes);
    if (counted !== rows) failure = `quick export: ${counted} rows read back, not ${rows}`;
  }
  return { what, rows, ms, bytes: bytes.byteLength, rssBefore, rssPeak, ...(failure ? { failure } : {}) };
}

async function countXlsxRows(bytes: Buffer): Promise<number> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(new PassThrough().end(bytes), { worksheets: 'emit', sharedStrings: 'cache' });
  let count = 0;
  for await (const sheet of reader) for await (const _row of sheet) count++;
  return count - 1;
}

/** The background path: the request, then the page polled every 200 ms until the file is offered. */
async function backgroundExport(
  stack: BenchStack,
  http: Http,
  format: 'xlsx' | 'csv',
  rows: number,
  started: string[],
): Promise<ExportFigure & { id: string }> {
  const rssBefore = process.memoryUsage().rss;
  const sampler = rssSampler();
  const t0 = performance.now();
  const first = await http.postForm(`${REPORT}/eksportas`, { format, raktas: crypto.randomUUID() });
  const what = `${format.toUpperCase()} in the background (ReportExport)`;
  // The export's id is in the page it sends the browser to.
  const id = /^\/ataskaitos\/eksportai\/([0-9a-f-]{36})$/.exec(first.headers.get('Location') ?? '')?.[1] ?? crypto.randomUUID();
  started.push(id);
  if (first.status !== 303 || first.headers.get('Location') !== `/ataskaitos/eksportai/${id}`) {
    sampler.stop();
    return {
      id,
      what,
      rows,
      ms: NaN,
      bytes: 0,
      rssBefore,
      rssPeak: NaN,
      failure: `export request: HTTP ${first.status}, not 303 to its page`,
    };
  }
  const until = Date.now() + 30 * 60_000;
  let progressSeen = 0;
  for (;;) {
    const a = await http.get(`/ataskaitos/eksportai/${id}`);
    const p = /Ruošiama… (\d+)/.exec(a.body);
    if (p) progressSeen = Math.max(progressSeen, Number(p[1]));
    if (a.body.includes('Atsisiųsti failą')) break;
    if (a.status !== 200 || a.body.includes('Nepavyko') || Date.now() > until) {
      sampler.stop();
      return { id, what, rows, ms: NaN, bytes: 0, rssBefore, rssPeak: NaN, failure: `export page: HTTP ${a.status}, not ready` };
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const ms = performance.now() - t0;
  const rssPeak = sampler.stop();
  const row = await stack.db.selectFrom('report_exports').select(['row_count', 'size']).where('id', '=', id).executeTakeFirstOrThrow();
  log(
    `${what}: ready in ${(ms / 1000).toFixed(1)} s, ${row.row_count} rows, ${((row.size ?? 0) / MIB).toFixed(1)} MiB; highest progress seen ${progressSeen} %`,
  );
  const failure = row.row_count !== rows ? `${what}: ${row.row_count} rows, not ${rows}` : undefined;
  return { id, what, rows, ms, bytes: row.size ?? 0, rssBefore, rssPeak, ...(failure ? { failure } : {}) };
}

/** Downloads the ready file and counts its data rows with exceljs's streaming reader (or its CSV lines). */
async function countRowsOfFile(origin: string, cookie: string, id: string, format: 'xlsx' | 'csv'): Promise<number> {
  const res = await fetch(`${origin}/ataskaitos/eksportai/${id}/failas`, { headers: { Cookie: cookie } });
  const bytes = Buffer.from(await res.arrayBuffer());
  if (format === 'csv') return bytes.toString('utf8').split('\r\n').length - 2;
  return countXlsxRows(bytes);
}

// ---- Main ---------------------------------------------------------------------------------------

async function main(): Promise<number> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const memory: string[] = [memoryLine('at start')];
  const load = [loadavg()[0]!];
  log(
    `reports: ${PARTICIPANTS} participants (${GROUPS} groups), export ${EXPORT_ROWS} rows; ${N} requests per page, concurrency ${CONCURRENCY}, warm-up ${WARMUP}`,
  );
  const stack = await migrateAndStart({
    databaseUrl: DATABASE_URL,
    temporalAddress: TEMPORAL_ADDRESS,
    taskQueuePrefix: 'bench-reports',
    dbPoolSize: DB_POOL,
    env: SYNC_MAX === undefined ? {} : { KURSUOK_EXPORT_SYNC_MAX_ROWS: String(SYNC_MAX) },
  });
  const syncMax = stack.config.reportExports.syncMaxRows;
  memory.push(memoryLine('stack up'));
  let failures = 0;
  let first: string | undefined;
  const started: string[] = [];
  try {
    const t = performance.now();
    const data = await writeData(stack.db);
    await sql`vacuum analyze group_registrations`.execute(stack.db);
    await sql`analyze training_groups`.execute(stack.db);
    await sql`analyze learning_contracts`.execute(stack.db);
    const mainSession = await adminSession(stack.db, data.main);
    const bigSession = await adminSession(stack.db, data.big);
    const s: Scenario = {
      ...data,
      mainHttp: new Http(stack.origin, mainSession, REQUEST_TIMEOUT_MS),
      bigHttp: new Http(stack.origin, bigSession, REQUEST_TIMEOUT_MS),
      mainSession,
      bigCookie: bigSession.cookie,
    };
    log(`data written in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    log(`measuring the participants report: ${N} requests of each page, ${CONCURRENCY} at a time`);
    const pagesRun = await measurePages(s.mainHttp, PARTICIPANTS);
    failures += pagesRun.failures;
    first ??= pagesRun.first;
    memory.push(memoryLine('after the pages'));

    const exports: ExportFigure[] = [];
    if (syncMax > 0) exports.push(await quickExport(stack.db, stack.origin, s.mainSession, s.main.institutionId, syncMax));
    if (EXPORT_ROWS > syncMax) {
      const xlsx = await backgroundExport(stack, s.bigHttp, 'xlsx', EXPORT_ROWS, started);
      exports.push(xlsx);
      if (!xlsx.failure) {
        const counted = await countRowsOfFile(stack.origin, s.bigCookie, xlsx.id, 'xlsx');
        if (counted !== EXPORT_ROWS) xlsx.failure = `the XLSX read back holds ${counted} rows, not ${EXPORT_ROWS}`;
        else log(`the XLSX read back (exceljs streaming reader): ${counted} data rows`);
      }
      if (WITH_CSV) {
        const csv = await backgroundExport(stack, s.bigHttp, 'csv', EXPORT_ROWS, started);
        exports.push(csv);
        if (!csv.failure) {
          const counted = await countRowsOfFile(stack.origin, s.bigCookie, csv.id, 'csv');
          if (counted !== EXPORT_ROWS) csv.failure = `the CSV holds ${counted} rows, not ${EXPORT_ROWS}`;
        }
      }
    } else log(`background export skipped: ${EXPORT_ROWS} rows ≤ KURSUOK_EXPORT_SYNC_MAX_ROWS ${syncMax}`);
    for (const e of exports) {
      if (e.failure) {
        failures++;
        first ??= e.failure;
      }
    }
    memory.push(memoryLine('at the end (before shutdown)'));
    load.push(loadavg()[0]!);

    console.log('');
    console.log(
      `KURSUOK reports over HTTP: the participants report of an institution with ${PARTICIPANTS} registrations in ${GROUPS} groups; ` +
        `exports of ${EXPORT_ROWS} registrations of another; ${N} requests per page, concurrency ${CONCURRENCY}, ${cpus().length} cores, Node ${process.version}`,
    );
    console.log('Latencies are client side (send → whole body read) of successful requests.');
    console.log('');
    console.log(latencyTable(pagesRun.results));
    console.log('');
    console.log(
      table(
        ['export', 'rows', 'time (s)', 'rows/s', 'file (MiB)', 'RSS before (MiB)', 'RSS peak (MiB)', 'peak − before (MiB)'],
        exports.map((e) => [
          e.what,
          String(e.rows),
          (e.ms / 1000).toFixed(2),
          Number.isNaN(e.ms) ? '-' : (e.rows / (e.ms / 1000)).toFixed(0),
          (e.bytes / MIB).toFixed(2),
          (e.rssBefore / MIB).toFixed(0),
          Number.isNaN(e.rssPeak) ? '-' : (e.rssPeak / MIB).toFixed(0),
          Number.isNaN(e.rssPeak) ? '-' : ((e.rssPeak - e.rssBefore) / MIB).toFixed(0),
        ]),
        (i) => i > 0,
      ),
    );
    console.log(
      `Quick path limit (KURSUOK_EXPORT_SYNC_MAX_ROWS): ${syncMax} rows. RSS is of this process: web, worker (which makes the file) and the HTTP client.`,
    );
    console.log(`Load average (1 min) at start / end: ${load.map((l) => l.toFixed(2)).join(' / ')}`);
    for (const line of memory) console.log(`  ${line}`);
    for (const r of pagesRun.results) for (const f of r.failureSamples) console.log(`failure, ${r.name}: ${f}`);
    for (const e of exports) if (e.failure) console.log(`failure, ${e.what}: ${e.failure}`);
    console.log(failures === 0 ? 'Result: every page and export answered as expected.' : failedLine(failures, first));
  } finally {
    for (const id of started) {
      try {
        await stack.client.workflow.getHandle(reportExportWorkflowId(id)).terminate('benchmark over');
      } catch (err) {
        if (!(err instanceof WorkflowNotFoundError)) log(`could not terminate ${reportExportWorkflowId(id)}: ${String(err)}`);
      }
    }
    if (!(await stack.idle(Math.max(REQUEST_TIMEOUT_MS, 30_000))))
      log('requests still in progress after the timeout; shutting down anyway');
    await stack.stop();
  }
  return failures === 0 ? 0 : 1;
}

runMain(main);
