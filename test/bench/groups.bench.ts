// Training-group benchmark over the real path: HTTP → Hono → workflow Update → activity →
// Postgres → page. Not a test: it prints throughput and latency, and exits non-zero when any
// request got an unexpected answer. `npm run bench` (scripts/bench.sh) prepares the services and
// a fresh database; run directly it only migrates the database it is given:
//   DATABASE_URL=... TEMPORAL_ADDRESS=localhost:7243 node --import tsx test/bench/groups.bench.ts
// Every operation is measured at each concurrency of BENCH_CONCURRENCIES (1,8,32: a lone command's
// latency, the usual load, and the rate when 32 are in flight), each level on a fresh institution;
// beside the group commands, a lecturer edit (POST /lektoriai/:id: the same stack writing master data
// straight to Postgres, no workflow) at the same concurrency, and the ratio of each command to it.
// Knobs (environment): BENCH_N (200 per level), BENCH_CONCURRENCIES (1,8,32; BENCH_CONCURRENCY=8 alone
// measures one level), BENCH_WARMUP (16),
// BENCH_DB_POOL (10 per pool), BENCH_REQUEST_TIMEOUT_MS (30000), BENCH_TEMPORAL_PID (for CPU figures),
// BENCH_WORKFLOW_BUNDLE (a prebuilt workflow bundle instead of bundling now).
// The group list is paged (GEN-16, web/paging.ts): the measured read is page 1 of the programme's
// "Grupės" (its rows and pager line); one walk over every page, not measured, checks that the pages
// together show exactly the groups created.
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { WorkflowNotFoundError } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { createDb, type Db } from '../../db/client.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { LIST_PAGE_SIZE } from '../../web/paging.ts';
import { adminSession, type TestSession } from '../support/session.ts';
import { GroupStatus } from '../../workflows/domain/group-status.ts';
import { trainingGroupWorkflowId } from '../../workflows/ids.ts';
import { createInstitution, fullSchedule, groupForm, type InstitutionFixture } from '../support/fixtures.ts';
import {
  failedLine,
  figure,
  Http as PageReader,
  intEnv,
  log,
  pagerLine,
  percentile,
  rowIds,
  rowsOnPage,
  runMain,
  table,
  walkPages,
  workflowCode,
} from './measure.ts';
import { createBenchLecturer } from './lecturers.ts';
import { Probe, WORKER_HISTOGRAMS, type WorkerHistogram } from './probe.ts';
import { startBenchStack, type BenchStack } from './stack.ts';

const N = intEnv('BENCH_N', 200, 1, 20_000);
const CONCURRENCIES = concurrencies();
/** The warm-up's and the clean-up's concurrency. */
const CONCURRENCY = Math.max(...CONCURRENCIES);
const WARMUP = intEnv('BENCH_WARMUP', 16, 0, 1_000);
const DB_POOL = intEnv('BENCH_DB_POOL', 10, 1, 100);
const REQUEST_TIMEOUT_MS = intEnv('BENCH_REQUEST_TIMEOUT_MS', 30_000, 100, 600_000);
const TEMPORAL_PID = intEnv('BENCH_TEMPORAL_PID', 0, 0, 2 ** 22);
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://kursuok:kursuok@localhost:5432/kursuok_bench';
const TEMPORAL_ADDRESS = process.env.TEMPORAL_ADDRESS ?? 'localhost:7243';

const probe = new Probe();

// ---- HTTP --------------------------------------------------------------------------------------

interface Answer {
  status: number;
  headers: Headers;
  body: string;
  /** From sending the request to having read the whole body. */
  ms: number;
}

class Http {
  constructor(
    private readonly origin: string,
    private readonly session: TestSession,
  ) {}

  async send(method: 'GET' | 'POST', path: string, opts: { form?: URLSearchParams | FormData; htmx?: boolean } = {}): Promise<Answer> {
    const headers: Record<string, string> = { Cookie: this.session.cookie };
    // hono/csrf refuses form posts whose Origin is not the server's own; sessions need their CSRF token.
    if (method === 'POST') Object.assign(headers, { Origin: this.origin, 'X-CSRF-Token': this.session.csrf });
    if (opts.htmx) headers['HX-Request'] = 'true';
    const t0 = performance.now();
    const res = await fetch(this.origin + path, {
      method,
      headers,
      ...(opts.form ? { body: opts.form } : {}),
      redirect: 'manual',
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const body = await res.text();
    return { status: res.status, headers: res.headers, body, ms: performance.now() - t0 };
  }
}

function form(values: Record<string, string | string[]>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
  }
  return params;
}

/** What went wrong with an answer, or undefined when it is the expected one. */
function expect(a: Answer, status: number, checks: Array<[boolean, string]> = []): string | undefined {
  if (a.status !== status) {
    const text = a.body
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 160);
    return `HTTP ${a.status} (expected ${status}): ${text}`;
  }
  const failed = checks.find(([ok]) => !ok);
  return failed ? failed[1] : undefined;
}

// ---- Phases ------------------------------------------------------------------------------------

interface Outcome {
  /** Undefined when the answer was the expected one. */
  failure?: string;
  ms?: number;
}

interface PhaseResult {
  name: string;
  count: number;
  failures: number;
  wallMs: number;
  /** Latencies of the successful requests. */
  latencies: number[];
  failureSamples: string[];
  cpu: CpuDelta;
}

/** Runs one request per item, at most `concurrency` at a time; every request is counted. */
async function phase<T>(
  name: string,
  items: readonly T[],
  concurrency: number,
  one: (item: T, index: number) => Promise<Outcome>,
): Promise<PhaseResult> {
  const latencies: number[] = [];
  const failureSamples: string[] = [];
  let failures = 0;
  let next = 0;
  probe.enter(name);
  const cpuBefore = cpuSnapshot();
  const t0 = performance.now();
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      let outcome: Outcome;
      try {
        outcome = await one(items[i]!, i);
      } catch (err) {
        outcome = { failure: `request error: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}` };
      }
      if (outcome.failure === undefined && outcome.ms !== undefined) {
        latencies.push(outcome.ms);
      } else {
        failures++;
        if (failureSamples.length < 5) failureSamples.push(outcome.failure ?? 'no timing');
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
  const wallMs = performance.now() - t0;
  const cpu = cpuDelta(cpuBefore, cpuSnapshot(), wallMs);
  probe.enter('between phases');
  return { name, count: items.length, failures, wallMs, latencies, failureSamples, cpu };
}

interface Scenario {
  http: Http;
  /** The same session's GET client of the page benchmarks (for the walk over the list's pages). */
  pages: PageReader;
  /** For fixtures that are not a measured operation (the groups' timetables). */
  db: Db;
  fx: InstitutionFixture;
  /** Ids of the groups created successfully, in creation order. */
  groups: string[];
  /** Every group a create was sent for: its workflow is terminated at the end, whatever the answer. */
  attempted: string[];
  /** Requests in flight in each measured phase. */
  concurrency: number;
  /** The institution's lecturers (each with the document its requirement asks for), edited in turn. */
  lecturers: Array<{ id: string; documentId: string }>;
}

async function createGroups(s: Scenario, count: number, label: string): Promise<PhaseResult> {
  const indexes = Array.from({ length: count }, (_, i) => i);
  return phase(label, indexes, s.concurrency, async (i) => {
    const groupId = crypto.randomUUID();
    s.attempted.push(groupId);
    const a = await s.http.send('POST', `/programos/${s.fx.programmeId}/grupes`, {
      htmx: true,
      form: form({ ...groupForm(s.fx.venueId, { name: `Grupė ${i + 1}` }), idempotencyKey: groupId }),
    });
    const failure = expect(a, 200, [
      [a.headers.get('HX-Redirect') === `/grupes/${groupId}?kortele=informacija`, `HX-Redirect is '${a.headers.get('HX-Redirect')}'`],
    ]);
    if (!failure) s.groups.push(groupId);
    return { failure, ms: a.ms };
  });
}

const savedName = (groupId: string) => `Grupė ${groupId.slice(0, 8)} (pakeista)`;

async function saveInfo(s: Scenario, label: string): Promise<PhaseResult> {
  return phase(label, s.groups, s.concurrency, async (groupId) => {
    const a = await s.http.send('POST', `/grupes/${groupId}/informacija`, {
      htmx: true,
      form: form({ ...groupForm(s.fx.venueId, { name: savedName(groupId), maxParticipants: '15' }), idempotencyKey: crypto.randomUUID() }),
    });
    return {
      failure: expect(a, 200, [
        [a.headers.get('HX-Trigger') === 'grupe-pakeista', `HX-Trigger is '${a.headers.get('HX-Trigger')}'`],
        [a.body.includes('Grupės informacija išsaugota.'), 'no success notice in the panel'],
      ]),
      ms: a.ms,
    };
  });
}

async function publish(s: Scenario, label: string): Promise<PhaseResult> {
  return phase(label, s.groups, s.concurrency, async (groupId) => {
    const a = await s.http.send('POST', `/grupes/${groupId}/busena`, {
      htmx: true,
      form: form({ statusKey: crypto.randomUUID(), to: GroupStatus.Published }),
    });
    return {
      failure: expect(a, 200, [
        [a.headers.get('HX-Trigger') === 'grupe-pakeista', `HX-Trigger is '${a.headers.get('HX-Trigger')}'`],
        [a.body.includes(`Grupės būsena pakeista į „${GroupStatus.Published}“.`), 'no success notice in the panel'],
      ]),
      ms: a.ms,
    };
  });
}

/** Page 1 of the programme's "Grupės": as many rows as a page holds, and the pager's total. */
async function readList(s: Scenario, count: number, label: string): Promise<PhaseResult> {
  const indexes = Array.from({ length: count }, (_, i) => i);
  const rows = rowsOnPage(s.groups.length, 1, LIST_PAGE_SIZE);
  const line = pagerLine(s.groups.length, 1, LIST_PAGE_SIZE);
  return phase(label, indexes, s.concurrency, async () => {
    const a = await s.http.send('GET', `/programos/${s.fx.programmeId}`);
    const listed = rowIds(a.body, 'grupe').length;
    return {
      failure: expect(a, 200, [
        [listed === rows, `page 1 of the list shows ${listed} groups, not ${rows}`],
        [a.body.includes(line), `no "${line}"`],
      ]),
      ms: a.ms,
    };
  });
}

/** Every page of the list, once (not measured): together exactly the groups created, none twice. */
async function walkList(s: Scenario): Promise<string | undefined> {
  const walked = await walkPages(s.pages, `/programos/${s.fx.programmeId}`, 'grupe', s.groups.length, LIST_PAGE_SIZE);
  if (walked.problem) return walked.problem;
  const created = new Set(s.groups);
  const strangers = walked.ids.filter((id) => !created.has(id)).length;
  if (strangers === 0 && walked.ids.length === created.size) return undefined;
  return `the list's pages show ${walked.ids.length} groups (${strangers} not created here), not the ${created.size} created`;
}

async function readGroups(s: Scenario, count: number, label: string): Promise<PhaseResult> {
  const ids = Array.from({ length: s.groups.length === 0 ? 0 : count }, (_, i) => s.groups[i % s.groups.length]!);
  return phase(label, ids, s.concurrency, async (groupId) => {
    const a = await s.http.send('GET', `/grupes/${groupId}`);
    return {
      failure: expect(a, 200, [
        [a.body.includes(savedName(groupId)), 'the page does not show the saved name'],
        [a.body.includes(GroupStatus.Published), `the page does not show „${GroupStatus.Published}“`],
      ]),
      ms: a.ms,
    };
  });
}

const editedName = (i: number) => `Redaguota${String.fromCharCode(65 + (i % 26))}`;

/**
 * "Lektoriai" → "Redaguoti" → "Išsaugoti" (LECT-…, master data straight into Postgres: no workflow), as
 * the page sends it (multipart, with the document kept): the figure each group command is compared with.
 */
async function editLecturers(s: Scenario, count: number, label: string): Promise<PhaseResult> {
  const indexes = Array.from({ length: s.lecturers.length === 0 ? 0 : count }, (_, i) => i);
  return phase(label, indexes, s.concurrency, async (i) => {
    const lecturer = s.lecturers[i % s.lecturers.length]!;
    const body = new FormData();
    const values: Record<string, string> = {
      idempotencyKey: crypto.randomUUID(),
      firstName: 'Ona',
      lastName: editedName(i),
      email: `ona.${lecturer.id.slice(0, 8)}@bench.example.lt`,
      phone: '+370 600 12345',
      description: `Pakeista ${i + 1} kartą`,
      active: 'taip',
      requirements: 'KVALIFIKACIJA',
      publishConsent: 'TAIP',
      documentId_KVALIFIKACIJA: lecturer.documentId,
    };
    for (const [key, value] of Object.entries(values)) body.append(key, value);
    const a = await s.http.send('POST', `/lektoriai/${lecturer.id}`, { form: body });
    const location = a.headers.get('Location') ?? '';
    return {
      failure: expect(a, 303, [[location.endsWith(`lektorius=${lecturer.id}`), `Location is '${location}'`]]),
      ms: a.ms,
    };
  });
}

/** Every contact hour of each group planned (GRP-40, SCHED-16), straight into Postgres: a fixture, not measured. */
async function planTimetables(s: Scenario): Promise<void> {
  const t = performance.now();
  for (const groupId of s.groups) await fullSchedule(s.db, { institutionId: s.fx.institutionId, groupId, venueId: s.fx.venueId });
  log(`timetables of ${s.groups.length} groups planned in ${((performance.now() - t) / 1000).toFixed(1)} s (not measured)`);
}

async function allOperations(s: Scenario, count: number, prefix: string): Promise<PhaseResult[]> {
  const results = [await createGroups(s, count, `${prefix}create group (POST /programos/:id/grupes)`)];
  results.push(await saveInfo(s, `${prefix}save info, Kuriama (POST /grupes/:id/informacija)`));
  await planTimetables(s);
  results.push(await publish(s, `${prefix}publish (POST /grupes/:id/busena)`));
  results.push(await readList(s, count, `${prefix}group list of ${s.groups.length} (GET /programos/:id)`));
  results.push(await readGroups(s, count, `${prefix}group page (GET /grupes/:id)`));
  results.push(await editLecturers(s, count, `${prefix}lecturer edit, no workflow (POST /lektoriai/:id)`));
  return results;
}

// ---- CPU accounting (Linux /proc) --------------------------------------------------------------

const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux

interface CpuSnapshot {
  self: number;
  temporal: number | undefined;
  postgres: number;
  machineBusy: number;
  machineTotal: number;
}
interface CpuDelta {
  /** Percent of one core during the phase; 100 × cores is the machine. */
  self: number;
  temporal: number | undefined;
  postgres: number;
  machine: number;
}

function procTicks(pid: number | string): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime + stime
  } catch {
    return undefined;
  }
}

function postgresTicks(): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== 'postgres') continue;
    } catch {
      continue;
    }
    total += procTicks(entry) ?? 0;
  }
  return total;
}

function cpuSnapshot(): CpuSnapshot {
  const usage = process.cpuUsage();
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const idle = (line[3] ?? 0) + (line[4] ?? 0);
  const total = line.slice(0, 8).reduce((a, b) => a + b, 0);
  return {
    self: (usage.user + usage.system) / 1000,
    temporal: TEMPORAL_PID ? procTicks(TEMPORAL_PID) : undefined,
    postgres: postgresTicks(),
    machineBusy: total - idle,
    machineTotal: total,
  };
}

function cpuDelta(a: CpuSnapshot, b: CpuSnapshot, wallMs: number): CpuDelta {
  const pct = (ticks: number) => (ticks * (1000 / CLOCK_TICKS_PER_SECOND) * 100) / wallMs;
  const machineTicks = b.machineTotal - a.machineTotal;
  return {
    self: ((b.self - a.self) * 100) / wallMs,
    temporal: a.temporal !== undefined && b.temporal !== undefined ? pct(b.temporal - a.temporal) : undefined,
    postgres: pct(b.postgres - a.postgres),
    machine: machineTicks > 0 ? ((b.machineBusy - a.machineBusy) / machineTicks) * 100 * cpus().length : 0,
  };
}

// ---- Report -------------------------------------------------------------------------------------

const ms = (v: number) => (Number.isNaN(v) ? '-' : v.toFixed(1));
const pct = (v: number | undefined) => (v === undefined ? '-' : `${v.toFixed(0)}%`);
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

function latencyTable(results: PhaseResult[]): string {
  const rows = results.map((r) => {
    const sorted = [...r.latencies].sort((a, b) => a - b);
    return [
      r.name,
      String(r.count),
      String(r.failures),
      (r.latencies.length / (r.wallMs / 1000)).toFixed(1),
      ms(percentile(sorted, 50)),
      ms(percentile(sorted, 95)),
      ms(percentile(sorted, 99)),
      ms(sorted.at(-1) ?? NaN),
    ];
  });
  return table(
    ['operation', 'count', 'failures', 'throughput (req/s)', 'p50 (ms)', 'p95 (ms)', 'p99 (ms)', 'max (ms)'],
    rows,
    (i) => i > 0,
  );
}

function cpuTable(results: PhaseResult[]): string {
  const rows = results.map((r) =>
    r.count === 0
      ? [r.name, '-', '-', '-', '-', '-']
      : [r.name, `${(r.wallMs / 1000).toFixed(2)} s`, pct(r.cpu.self), pct(r.cpu.temporal), pct(r.cpu.postgres), pct(r.cpu.machine)],
  );
  return table(['operation', 'wall', 'bench process (web+worker)', 'Temporal server', 'all postgres', 'whole machine'], rows, (i) => i > 0);
}

function breakdownTable(results: PhaseResult[]): string {
  const p = (values: readonly number[] | undefined, q: number) => {
    const sorted = [...(values ?? [])].sort((a, b) => a - b);
    return ms(percentile(sorted, q));
  };
  const rows: string[][] = [];
  for (const r of results) {
    const probed = probe.get(r.name);
    if (!probed || probed.update.length === 0) continue;
    const cells = [r.name, `${p(r.latencies, 50)} / ${p(r.latencies, 95)}`, `${p(probed.update, 50)} / ${p(probed.update, 95)}`];
    for (const h of Object.keys(WORKER_HISTOGRAMS) as WorkerHistogram[]) {
      const v = probed.histograms[h];
      cells.push(v.length ? `${p(v, 50)} / ${p(v, 95)} (${v.length})` : '-');
    }
    rows.push(cells);
  }
  return table(['operation', 'HTTP', 'Update RPC', ...Object.keys(WORKER_HISTOGRAMS).map((h) => `${h} (n)`)], rows, (i) => i > 0);
}

function memoryLine(when: string): string {
  const m = process.memoryUsage();
  return `${when}: RSS ${mib(m.rss)}, heap used ${mib(m.heapUsed)} of ${mib(m.heapTotal)}, external ${mib(m.external)}`;
}

// ---- Main ---------------------------------------------------------------------------------------

async function scenario(stack: BenchStack, fx: InstitutionFixture, concurrency: number): Promise<Scenario> {
  const session = await adminSession(stack.db, fx);
  const lecturers: Scenario['lecturers'] = [];
  for (let i = 0; i < Math.max(concurrency, 8); i++) {
    const created = await createBenchLecturer(stack.db, fx, i, {
      firstName: 'Ona',
      lastName: `Lektorė${i + 1}`,
      email: `ona.${i + 1}@bench.example.lt`,
    });
    lecturers.push({ id: created.id, documentId: created.documentIds[0]! });
  }
  return {
    http: new Http(stack.origin, session),
    pages: new PageReader(stack.origin, session, REQUEST_TIMEOUT_MS),
    db: stack.db,
    fx,
    groups: [],
    attempted: [],
    concurrency,
    lecturers,
  };
}

/** BENCH_CONCURRENCIES ("1,8,32"), or BENCH_CONCURRENCY alone, or the default 1, 8 and 32. */
function concurrencies(): number[] {
  const list = process.env.BENCH_CONCURRENCIES;
  if (list === undefined || list.trim() === '')
    return process.env.BENCH_CONCURRENCY ? [intEnv('BENCH_CONCURRENCY', 8, 1, 256)] : [1, 8, 32];
  const values = list.split(',').map((v) => Number(v.trim()));
  if (values.some((v) => !Number.isInteger(v) || v < 1 || v > 256))
    throw new Error(`BENCH_CONCURRENCIES must be integers in 1..256 separated by commas, not '${list}'`);
  return values;
}

/** The side-by-side figures of one concurrency level (BENCH_ENGINES): p50 / p99, rates, and each command ÷ the lecturer edit. */
function levelFigures(concurrency: number, results: PhaseResult[]): void {
  const find = (what: string) => results.find((r) => r.name.includes(what))!;
  const commands = [find('create group'), find('save info'), find('publish')];
  const edit = find('lecturer edit');
  const q = (r: PhaseResult, p: number) =>
    percentile(
      [...r.latencies].sort((a, b) => a - b),
      p,
    );
  const rate = (r: PhaseResult) => r.latencies.length / (r.wallMs / 1000);
  const three = (f: (r: PhaseResult) => number, digits = 0) => commands.map((r) => f(r).toFixed(digits)).join(' / ');
  const c = `c=${concurrency}`;
  figure(
    `${c}: create / save / publish, p50 ms`,
    three((r) => q(r, 50)),
  );
  figure(
    `${c}: create / save / publish, p99 ms`,
    three((r) => q(r, 99)),
  );
  figure(`${c}: create / save / publish, per s`, three(rate, 1));
  figure(
    `${c}: lecturer edit (no workflow), p50 / p99 ms, per s`,
    `${q(edit, 50).toFixed(0)} / ${q(edit, 99).toFixed(0)}, ${rate(edit).toFixed(1)}`,
  );
  figure(
    `${c}: each command ÷ lecturer edit, p50`,
    three((r) => q(r, 50) / q(edit, 50), 1),
  );
  const list = find('group list');
  figure(`${c}: group list / page, p95 ms`, `${q(list, 95).toFixed(0)} / ${q(find('group page'), 95).toFixed(0)}`);
}

async function main(): Promise<number> {
  // The SDK's worker lines (state changes, polling) would drown the table.
  // Core's latency histograms are buffered in this process, for the "where the time goes" table.
  Runtime.install({ logger: new DefaultLogger('WARN'), telemetryOptions: { metrics: { buffer: probe.metrics } } });
  const drainer = setInterval(() => probe.drain(), 1000);
  drainer.unref();
  const memory: string[] = [memoryLine('at start')];
  const load = [loadavg()[0]!];

  const database = new URL(DATABASE_URL).pathname.slice(1);
  log(
    `N=${N}, concurrency ${CONCURRENCIES.join(', ')}, warm-up=${WARMUP}, db pool=${DB_POOL}×2, database ${database}, Temporal ${TEMPORAL_ADDRESS}`,
  );

  const migrateDb = createDb(DATABASE_URL, { max: 1 });
  try {
    await migrateToLatest(migrateDb);
  } finally {
    await migrateDb.destroy();
  }

  const code = await workflowCode();
  memory.push(memoryLine('after bundling the workflows'));

  let t = performance.now();
  const stack: BenchStack = await startBenchStack({
    databaseUrl: DATABASE_URL,
    temporalAddress: TEMPORAL_ADDRESS,
    taskQueue: `bench-${crypto.randomUUID().slice(0, 8)}`,
    workflowBundle: { code },
    dbPoolSize: DB_POOL,
    clientInterceptors: [probe.clientInterceptor()],
  });
  memory.push(memoryLine('stack up'));
  log(
    `stack up in ${((performance.now() - t) / 1000).toFixed(1)} s: web on ${stack.origin}, task queue ${stack.config.temporal.taskQueue}`,
  );

  const scenarios: Scenario[] = [];
  let failures = 0;
  /** The first failure seen, for the result line. */
  let first: string | undefined;
  try {
    if (WARMUP > 0) {
      const fx = await createInstitution(stack.db, 'Bench warm-up');
      const s = await scenario(stack, fx, CONCURRENCY);
      scenarios.push(s);
      t = performance.now();
      const w = await allOperations(s, WARMUP, 'warm-up: ');
      const wf = w.reduce((sum, r) => sum + r.failures, 0);
      failures += wf;
      log(
        `warm-up: ${WARMUP} groups through every operation in ${((performance.now() - t) / 1000).toFixed(1)} s, ${wf} failures (not in the table)`,
      );
      for (const r of w) for (const f of r.failureSamples) log(`  warm-up failure, ${r.name}: ${f}`);
      first ??= w.flatMap((r) => r.failureSamples.map((f) => `warm-up, ${r.name}: ${f}`))[0];
    }

    const results: PhaseResult[] = [];
    /** Per level: the groups created, how many Postgres holds as expected, the problems found. */
    const checks: string[] = [];
    let walkProblem: string | undefined;
    let dbMismatch = 0;
    let pageCount = 0;
    for (const concurrency of CONCURRENCIES) {
      const fx = await createInstitution(stack.db, `Bench institucija c=${concurrency}`);
      const s = await scenario(stack, fx, concurrency);
      scenarios.push(s);
      log(`measuring ${N} of each operation, ${concurrency} at a time`);
      const level = await allOperations(s, N, `c=${concurrency}: `);
      results.push(...level);
      walkProblem ??= await walkList(s);
      pageCount += Math.max(1, Math.ceil(s.groups.length / LIST_PAGE_SIZE));

      // What the pages read must be what the commands did: every created group saved and published,
      // every lecturer edited.
      const rows = await stack.db
        .selectFrom('training_groups')
        .select(['id', 'name', 'status', 'version'])
        .where('programme_id', '=', fx.programmeId)
        .execute();
      const expectedRows = rows.filter((r) => r.status === GroupStatus.Published && r.name === savedName(r.id) && r.version === 3);
      dbMismatch += Math.abs(s.groups.length - expectedRows.length) + Math.abs(rows.length - s.groups.length);
      const edited = await stack.db
        .selectFrom('lecturers')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('institution_id', '=', fx.institutionId)
        .where('last_name', 'like', 'Redaguota%')
        .executeTakeFirstOrThrow();
      const editsExpected = Math.min(N, s.lecturers.length);
      if (Number(edited.n) !== editsExpected) {
        dbMismatch++;
        checks.push(`c=${concurrency}: ${edited.n} lecturers edited, not ${editsExpected}`);
      }
      checks.push(
        `c=${concurrency}: ${rows.length} groups for the programme, ${expectedRows.length} saved, published, at version 3 (expected ${s.groups.length}); ${edited.n} lecturers edited`,
      );
      levelFigures(concurrency, level);
    }

    memory.push(memoryLine('at the end (before shutdown)'));
    load.push(loadavg()[0]!);
    failures += results.reduce((sum, r) => sum + r.failures, 0);
    first ??= results.flatMap((r) => r.failureSamples.map((f) => `${r.name}: ${f}`))[0];

    console.log('');
    console.log(
      `KURSUOK training groups over HTTP: N=${N} per level, concurrency ${CONCURRENCIES.join(', ')}, ${cpus().length} cores, Node ${process.version}`,
    );
    console.log(
      "Throughput counts successful requests over the phase's wall time; latencies are of successful requests, client side (send → whole body read).",
    );
    console.log('');
    console.log(latencyTable(results));
    console.log('');
    console.log('CPU during each phase, percent of one core (the machine has ' + cpus().length * 100 + '%):');
    console.log(cpuTable(results));
    console.log('');
    for (const line of checks) console.log(`Postgres check, ${line}`);
    console.log('');
    console.log("Where the time of a command goes, p50 / p95 ms: HTTP = whole request; Update RPC = the web's call to Temporal,");
    console.log("from sending the Update until its result; the rest are the worker's Core SDK histograms (n = samples).");
    console.log(breakdownTable(results));
    console.log('');
    console.log(`Load average (1 min) at start / end: ${load.map((l) => l.toFixed(2)).join(' / ')}`);
    console.log('Memory of this process (web + worker + HTTP client):');
    for (const line of memory) console.log(`  ${line}`);
    for (const r of results) for (const f of r.failureSamples) console.log(`failure, ${r.name}: ${f}`);
    if (walkProblem) {
      console.log(`failure, the group list's pages: ${walkProblem}`);
      first ??= `the group list's pages: ${walkProblem}`;
      failures++;
    }
    if (dbMismatch !== 0) {
      const text = `Postgres does not hold what the commands did (${checks.join('; ')})`;
      console.log(`failure: ${text}`);
      first ??= text;
      failures += dbMismatch;
    }
    console.log(
      failures === 0
        ? `Result: every request answered as expected at concurrency ${CONCURRENCIES.join(', ')}; the group lists' pages (${pageCount}) show every group once.`
        : failedLine(failures, first),
    );
  } finally {
    // Handlers whose client gave up (timeouts) finish first; then no open workflows are left
    // behind on the shared Temporal server.
    if (!(await stack.idle(Math.max(REQUEST_TIMEOUT_MS, 30_000))))
      log('requests still in progress after the timeout; shutting down anyway');
    const workflowIds = scenarios.flatMap((sc) => sc.attempted.map(trainingGroupWorkflowId));
    t = performance.now();
    let terminated = 0;
    let notTerminated = 0;
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(CONCURRENCY, workflowIds.length) }, async () => {
        while (next < workflowIds.length) {
          const id = workflowIds[next++]!;
          try {
            await stack.client.workflow.getHandle(id).terminate('benchmark finished');
            terminated++;
          } catch (err) {
            if (!(err instanceof WorkflowNotFoundError)) notTerminated++;
          }
        }
      }),
    );
    log(
      `terminated ${terminated} benchmark workflows in ${((performance.now() - t) / 1000).toFixed(1)} s${notTerminated ? `, ${notTerminated} could not be` : ''}`,
    );
    t = performance.now();
    await stack.stop();
    log(`stack stopped in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  return failures === 0 ? 0 : 1;
}

runMain(main);
