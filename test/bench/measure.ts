// What the benchmarks share: environment knobs, a GET client that times the whole answer, the
// paged lists' expected pager line and a walk over every page, phases of N requests at a fixed
// concurrency, the report's latency table, the workflow bundle, and how a benchmark ends (its last
// line "Result: …", exit code 0 only when every check held: test/bench/run.ts reads both).
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { bundleWorkflowCode } from '@temporalio/worker';
import { createDb } from '../../db/client.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { WORKFLOWS_PATH } from '../../worker/worker.ts';
import type { TestSession } from '../support/session.ts';
import { startBenchStack, type BenchStack, type BenchStackOptions } from './stack.ts';

/** Reads every `pollMs` until `ok` holds and returns that value; throws, naming `what`, after `timeoutMs`. */
export async function waitUntil<T>(
  what: string,
  read: () => Promise<T>,
  ok: (v: T) => boolean,
  timeoutMs: number,
  pollMs = 200,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

export function intEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be an integer in ${min}..${max}, not '${raw}'`);
  return n;
}

export const log = (msg: string) => console.error(`[bench] ${msg}`);

// ---- HTTP --------------------------------------------------------------------------------------

export interface Answer {
  status: number;
  headers: Headers;
  body: string;
  bytes: number;
  /** From sending the request to having read the whole body. */
  ms: number;
}

/** GET requests (and form POSTs, with the session's CSRF token) of one logged-in user. */
export class Http {
  constructor(
    private readonly origin: string,
    private readonly session: TestSession,
    private readonly timeoutMs: number,
  ) {}

  async get(path: string): Promise<Answer> {
    const t0 = performance.now();
    const res = await fetch(this.origin + path, {
      headers: { Cookie: this.session.cookie },
      redirect: 'manual',
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    return this.answer(res, t0);
  }

  /** A form POST as the page's form sends it (hono/csrf: the Origin and the X-CSRF-Token header). */
  async postForm(path: string, form: Record<string, string>): Promise<Answer> {
    const t0 = performance.now();
    const res = await fetch(this.origin + path, {
      method: 'POST',
      headers: {
        Cookie: this.session.cookie,
        Origin: this.origin,
        'X-CSRF-Token': this.session.csrf,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams(form),
      redirect: 'manual',
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    return this.answer(res, t0);
  }

  private async answer(res: Response, t0: number): Promise<Answer> {
    const buffer = new Uint8Array(await res.arrayBuffer());
    const ms = performance.now() - t0;
    const binary = !(res.headers.get('Content-Type') ?? '').startsWith('text/');
    return { status: res.status, headers: res.headers, body: binary ? '' : new TextDecoder().decode(buffer), bytes: buffer.byteLength, ms };
  }
}

/** What went wrong with an answer, or undefined when it is the expected one. */
export function problem(a: Answer, checks: Array<[boolean, string]> = []): string | undefined {
  if (a.status !== 200) {
    const text = a.body
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 160);
    return `HTTP ${a.status} (expected 200): ${text}`;
  }
  const failed = checks.find(([ok]) => !ok);
  return failed ? failed[1] : undefined;
}

export const count = (body: string, pattern: RegExp) => (body.match(pattern) ?? []).length;

// ---- Paged lists (GEN-16, web/paging.ts) ---------------------------------------------------------

/** The ids of the rows `<tr id="<prefix>-<uuid>">` on a page, in order. */
export function rowIds(body: string, prefix: string): string[] {
  return Array.from(body.matchAll(new RegExp(`<tr id="${prefix}-([0-9a-f-]{36})"`, 'g')), (m) => m[1]!);
}

/** What the pager (web/views/users.tsx Pager) says on page `page` of a list of `total` rows. */
export function pagerLine(total: number, page: number, pageSize: number): string {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  return pageCount > 1 ? `Iš viso: ${total}. Puslapis ${page} iš ${pageCount}.` : `Iš viso: ${total}.`;
}

/** How many rows page `page` of a list of `total` rows shows. */
export const rowsOnPage = (total: number, page: number, pageSize: number) => Math.max(0, Math.min(pageSize, total - (page - 1) * pageSize));

/**
 * Reads every page of a paged list (`?puslapis=1..`) and checks each one: its pager line, its row
 * count, and that no row shows up twice. Returns the ids of all rows and the first problem found
 * (undefined when there is none); not measured, it proves the pages together show the whole list.
 */
export async function walkPages(
  http: Http,
  path: string,
  prefix: string,
  total: number,
  pageSize: number,
): Promise<{ ids: string[]; problem: string | undefined }> {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const ids: string[] = [];
  const seen = new Set<string>();
  for (let page = 1; page <= pageCount; page++) {
    const a = await http.get(`${path}${path.includes('?') ? '&' : '?'}puslapis=${page}`);
    const onPage = rowIds(a.body, prefix);
    const expected = rowsOnPage(total, page, pageSize);
    const line = pagerLine(total, page, pageSize);
    const failure = problem(a, [
      [onPage.length === expected, `${path} page ${page}: ${onPage.length} rows, not ${expected}`],
      [a.body.includes(line), `${path} page ${page}: no "${line}"`],
    ]);
    if (failure) return { ids, problem: failure };
    for (const id of onPage) {
      if (seen.has(id)) return { ids, problem: `${path} page ${page}: row ${id} was on an earlier page too` };
      seen.add(id);
      ids.push(id);
    }
  }
  return { ids, problem: undefined };
}

// ---- Phases ------------------------------------------------------------------------------------

export interface Outcome {
  failure?: string | undefined;
  ms: number;
  bytes: number;
}

export interface PhaseResult {
  name: string;
  count: number;
  failures: number;
  wallMs: number;
  /** Latencies of the successful requests. */
  latencies: number[];
  bytes: number[];
  failureSamples: string[];
  rssAfter: number;
}

/** Runs `total` requests, at most `concurrency` at a time; every request is counted. */
export async function phase(
  name: string,
  total: number,
  concurrency: number,
  one: (index: number) => Promise<Outcome>,
): Promise<PhaseResult> {
  const latencies: number[] = [];
  const bytes: number[] = [];
  const failureSamples: string[] = [];
  let failures = 0;
  let next = 0;
  const t0 = performance.now();
  const lane = async () => {
    while (next < total) {
      const i = next++;
      let outcome: Outcome;
      try {
        outcome = await one(i);
      } catch (err) {
        outcome = { failure: `request error: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`, ms: NaN, bytes: 0 };
      }
      if (outcome.failure === undefined) {
        latencies.push(outcome.ms);
        bytes.push(outcome.bytes);
      } else {
        failures++;
        if (failureSamples.length < 5) failureSamples.push(outcome.failure);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, lane));
  const wallMs = performance.now() - t0;
  return { name, count: total, failures, wallMs, latencies, bytes, failureSamples, rssAfter: process.memoryUsage().rss };
}

// ---- Report -------------------------------------------------------------------------------------

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function table(header: string[], rows: string[][], rightAligned: (i: number) => boolean): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (cells: string[]) =>
    '| ' + cells.map((c, i) => (rightAligned(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(' | ') + ' |';
  const rule = '|' + widths.map((w, i) => (rightAligned(i) ? '-'.repeat(w + 1) + ':' : '-'.repeat(w + 2))).join('|') + '|';
  return [fmt(header), rule, ...rows.map(fmt)].join('\n');
}

export const ms = (v: number) => (Number.isNaN(v) ? '-' : v.toFixed(1));
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/** One row per phase: count, failures, throughput, p50/p95/p99/max, mean body size, RSS after. */
export function latencyTable(results: PhaseResult[]): string {
  const rows = results.map((r) => {
    const sorted = [...r.latencies].sort((a, b) => a - b);
    const meanBytes = r.bytes.length ? r.bytes.reduce((a, b) => a + b, 0) / r.bytes.length : NaN;
    return [
      r.name,
      String(r.count),
      String(r.failures),
      (r.latencies.length / (r.wallMs / 1000)).toFixed(1),
      ms(percentile(sorted, 50)),
      ms(percentile(sorted, 95)),
      ms(percentile(sorted, 99)),
      ms(sorted.at(-1) ?? NaN),
      Number.isNaN(meanBytes) ? '-' : (meanBytes / 1024).toFixed(1),
      (r.rssAfter / 1024 / 1024).toFixed(0),
    ];
  });
  return table(
    ['page', 'count', 'failures', 'throughput (req/s)', 'p50 (ms)', 'p95 (ms)', 'p99 (ms)', 'max (ms)', 'body (KiB)', 'RSS after (MiB)'],
    rows,
    (i) => i > 0,
  );
}

export function memoryLine(when: string): string {
  const m = process.memoryUsage();
  return `${when}: RSS ${mib(m.rss)}, heap used ${mib(m.heapUsed)} of ${mib(m.heapTotal)}, external ${mib(m.external)}`;
}

// ---- Start-up -------------------------------------------------------------------------------------

/**
 * The workflow bundle's code: the file BENCH_WORKFLOW_BUNDLE names when it is set (the tiny runs of
 * `npm test` pass the bundle its global set-up built), else bundled now (as the worker does).
 */
export async function workflowCode(): Promise<string> {
  const t = performance.now();
  const prebuilt = process.env.BENCH_WORKFLOW_BUNDLE;
  if (prebuilt) {
    const code = readFileSync(prebuilt, 'utf8');
    log(`workflow bundle read from ${prebuilt} (${(code.length / 1024).toFixed(0)} KiB)`);
    return code;
  }
  const quiet = () => undefined;
  const { code } = await bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    logger: { info: quiet, warn: quiet, error: console.error, debug: quiet, trace: quiet, log: quiet },
  });
  log(`workflow bundle built in ${((performance.now() - t) / 1000).toFixed(1)} s (${(code.length / 1024).toFixed(0)} KiB)`);
  return code;
}

/**
 * Migrates the database, bundles the workflows and starts the production-shaped stack (web +
 * worker) on a task queue of its own; the page benchmarks need no workflow, but the app is the same.
 */
export async function migrateAndStart(
  o: Omit<BenchStackOptions, 'workflowBundle' | 'taskQueue'> & { taskQueuePrefix: string },
): Promise<BenchStack> {
  const migrateDb = createDb(o.databaseUrl, { max: 1 });
  try {
    await migrateToLatest(migrateDb);
  } finally {
    await migrateDb.destroy();
  }
  const code = await workflowCode();
  const t = performance.now();
  const { taskQueuePrefix, ...options } = o;
  const stack = await startBenchStack({
    ...options,
    taskQueue: `${taskQueuePrefix}-${crypto.randomUUID().slice(0, 8)}`,
    workflowBundle: { code },
  });
  log(`stack up in ${((performance.now() - t) / 1000).toFixed(1)} s: web on ${stack.origin}`);
  return stack;
}

// ---- How a benchmark ends --------------------------------------------------------------------------

/**
 * Runs a benchmark's main and exits with its code. Every benchmark's last stdout line is
 * "Result: …" ("Result: FAILED — <reason>" when a check failed); an exception ends it the same way.
 * test/bench/run.ts shows that line in its summary and counts the exit code.
 */
export function runMain(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err);
      const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      console.log(`Result: FAILED — ${message.split('\n')[0]}`);
      process.exit(1);
    },
  );
}

/**
 * One figure for the side-by-side table of `BENCH_ENGINES=dev,dev-wal,server npm run bench`
 * (test/bench/engines.ts): a line "Figure: <label> | <value>" on stdout, which the runner collects.
 * Labels are unique within a benchmark; the value is what the table shows (with its unit).
 */
export function figure(label: string, value: string): void {
  console.log(`Figure: ${label.replaceAll('|', '/')} | ${value}`);
}

/** The "Result: FAILED — …" line for `failures` failures, naming the first one. */
export function failedLine(failures: number, firstSample: string | undefined): string {
  return `Result: FAILED — ${failures} failure${failures === 1 ? '' : 's'}${firstSample ? `; first: ${firstSample}` : ''} (see above).`;
}
