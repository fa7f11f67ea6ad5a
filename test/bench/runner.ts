// What `npm run bench` (test/bench/run.ts) and the tiny benchmarks of `npm test`
// (test/integration/benchmarks.test.ts) share: the list of benchmarks, with the knobs of each one's
// tiny size, and how one benchmark is run — on a freshly reset database, in a process of its own, so
// that one failing never stops the others — and how the runs are summed up.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { ROOT } from '../support/env.ts';
import { databaseName, resetBenchDatabase } from './database.ts';
import { table } from './measure.ts';

export interface Benchmark {
  /** Short name, for `npm run bench -- <name>…` and the summary. */
  name: string;
  /** The file in test/bench/. */
  file: string;
  what: string;
  /** The environment knobs of the tiny run in `npm test`: every check runs, over a handful of rows. */
  tiny: Record<string, string>;
}

export const BENCHMARKS: readonly Benchmark[] = [
  {
    name: 'groups',
    file: 'groups.bench.ts',
    what: 'training groups over HTTP: create, save, publish, list, page',
    tiny: { BENCH_N: '3', BENCH_WARMUP: '1', BENCH_CONCURRENCY: '2' },
  },
  {
    name: 'master-data',
    file: 'master-data.bench.ts',
    what: 'master-data pages and drop-downs (issue 4)',
    // Each list just over one page of 50, so the second pages and the walk over the pages run too.
    tiny: {
      BENCH_MD_N: '2',
      BENCH_MD_WARMUP: '1',
      BENCH_MD_LECTURERS: '51',
      BENCH_MD_VENUES: '52',
      BENCH_MD_EMPLOYERS: '52',
      BENCH_CONCURRENCY: '2',
    },
  },
  {
    name: 'lists',
    file: 'lists.bench.ts',
    what: 'programme list and "Grupės" at 20,000 groups, without and with the list indexes (issue 5)',
    tiny: { BENCH_LISTS_GROUPS: '200', BENCH_LISTS_N: '2', BENCH_LISTS_WARMUP: '0', BENCH_CONCURRENCY: '2' },
  },
  {
    name: 'deadline-storm',
    file: 'deadline-storm.bench.ts',
    what: 'deadline storm: groups whose registration ends at one instant (issue 5)',
    tiny: { BENCH_STORM_N: '2', BENCH_STORM_CONCURRENCY: '2', BENCH_STORM_MARGIN_S: '4' },
  },
  {
    name: 'registration-burst',
    file: 'registration-burst.bench.ts',
    what: 'registration burst: Updates into few groups, some twice, more than the places (issue 6)',
    // 21 registrations (two sent twice) for 2 × 8 places: 16 accepted, 5 refused.
    tiny: { BENCH_BURST_N: '21', BENCH_BURST_GROUPS: '2', BENCH_BURST_MAX: '8', BENCH_BURST_CONCURRENCY: '8' },
  },
  {
    name: 'contract-bulk-sign',
    file: 'contract-bulk-sign.bench.ts',
    what: 'bulk signing: contracts awaiting the provider signed with one click through the gateway (issue 12, CON-5)',
    tiny: { BENCH_BULK_N: '3', BENCH_BULK_SAMPLE: '2' },
  },
  {
    name: 'certificate-batch',
    file: 'certificate-batch.bench.ts',
    what: 'the nightly certificate batch: 5,000 certificates generated, sealed and stored, worker RSS (issue 13, DONE-17)',
    tiny: { BENCH_CERT_N: '6', BENCH_CERT_CHUNK: '2', BENCH_CERT_CONCURRENCY: '2', BENCH_CERT_SAMPLE: '2' },
  },
  {
    name: 'invoice-burst',
    file: 'invoice-burst.bench.ts',
    what: 'invoice burst: 1,000 invoices over HTTP by 50 institutions at once, some ticking the same participant (issue 14, INV-13)',
    // 12 submissions by 3 institutions, every 2nd conflicting with the one before: 6 created, 6 refused.
    tiny: { BENCH_INV_N: '12', BENCH_INV_INSTITUTIONS: '3', BENCH_INV_CONFLICT_EVERY: '2', BENCH_INV_CONCURRENCY: '4' },
  },
  {
    name: 'national-seed',
    file: 'national-seed.bench.ts',
    what: 'national seed: 1,000 institutions, 20,000 groups, 300,000 registrations written, 20,000 group workflows started (issue 16)',
    tiny: { BENCH_NAT_INSTITUTIONS: '3', BENCH_NAT_GROUPS: '20', BENCH_NAT_REGISTRATIONS: '120', BENCH_NAT_WORKFLOWS: '12' },
  },
  {
    name: 'reports',
    file: 'reports.bench.ts',
    what: 'participants report p95 at 5,000 participants; 100,000-row XLSX export in the background: time and peak RSS (issue 15)',
    // 14 participants, of which 10 in the quick path's limit (the quick XLSX), 30 rows over it (XLSX and CSV in the background).
    tiny: {
      BENCH_REP_PARTICIPANTS: '14',
      BENCH_REP_GROUPS: '3',
      BENCH_REP_EXPORT_ROWS: '30',
      BENCH_REP_SYNC_MAX: '10',
      BENCH_REP_N: '3',
      BENCH_REP_WARMUP: '1',
      BENCH_CONCURRENCY: '2',
    },
  },
];

export interface BenchOutcome {
  name: string;
  ok: boolean;
  /** The benchmark's "Result: …" line, or why there is none (exit code, the error it printed, a timeout). */
  result: string;
  seconds: number;
  /** Everything the benchmark wrote, stdout and stderr interleaved as they came. */
  output: string;
  /** Its "Figure: <label> | <value>" lines (measure.ts figure()), in order. */
  figures: Array<[label: string, value: string]>;
}

const FIGURE = /^Figure: (.*?) \| (.*)$/gm;

/** The figures a benchmark printed (measure.ts figure()). */
export function figuresOf(stdout: string): Array<[string, string]> {
  return Array.from(stdout.matchAll(FIGURE), (m) => [m[1]!.trim(), m[2]!.trim()] as [string, string]);
}

export interface RunOptions {
  /** The benchmark's environment: DATABASE_URL (a "…bench…" database: reset first), TEMPORAL_ADDRESS, knobs. */
  env: NodeJS.ProcessEnv;
  /** Pass the benchmark's output through as it comes (npm run bench), or only keep it (tests). */
  echo: boolean;
  /** Kill the benchmark after this long (default: no limit). */
  timeoutMs?: number;
}

const RESULT = /^Result: .*$/gm;

/**
 * Resets the database, then runs `node --import tsx test/bench/<file>` and waits for it. Ok only
 * when it exits 0 and its last "Result:" line is not "Result: FAILED…".
 */
export async function runBenchmark(b: Benchmark, o: RunOptions): Promise<BenchOutcome> {
  const t0 = performance.now();
  const seconds = () => (performance.now() - t0) / 1000;
  const url = o.env.DATABASE_URL;
  if (!url) return { name: b.name, ok: false, result: 'DATABASE_URL is not set', seconds: 0, output: '', figures: [] };
  try {
    const applied = await resetBenchDatabase(url);
    if (o.echo) console.error(`[bench] database ${databaseName(url)}: schema reset, ${applied} migrations applied`);
  } catch (err) {
    return {
      name: b.name,
      ok: false,
      result: `database reset failed: ${err instanceof Error ? err.message : String(err)}`,
      seconds: seconds(),
      output: '',
      figures: [],
    };
  }

  const child = spawn(process.execPath, ['--import', 'tsx', `test/bench/${b.file}`], {
    cwd: ROOT,
    env: o.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
    stdout += chunk;
    if (o.echo) process.stdout.write(chunk);
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
    if (o.echo) process.stderr.write(chunk);
  });
  let timedOut = false;
  const timers: NodeJS.Timeout[] = [];
  if (o.timeoutMs !== undefined) {
    timers.push(
      setTimeout(() => {
        timedOut = true;
        child.kill('SIGTERM');
        timers.push(setTimeout(() => child.kill('SIGKILL'), 10_000));
      }, o.timeoutMs),
    );
  }
  const { code, signal, spawnError } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; spawnError?: Error }>(
    (resolve) => {
      child.once('error', (err) => resolve({ code: null, signal: null, spawnError: err }));
      child.once('close', (code, signal) => resolve({ code, signal }));
    },
  );
  for (const timer of timers) clearTimeout(timer);

  const resultLine = stdout.match(RESULT)?.at(-1);
  const ok = code === 0 && resultLine !== undefined && !resultLine.startsWith('Result: FAILED');
  let result: string;
  if (spawnError) result = `could not start: ${spawnError.message}`;
  else if (timedOut) result = `timed out after ${((o.timeoutMs ?? 0) / 1000).toFixed(0)} s${resultLine ? `; ${resultLine}` : ''}`;
  else if (resultLine)
    result = ok || resultLine.startsWith('Result: FAILED') ? resultLine : `exit code ${String(code ?? signal)} after "${resultLine}"`;
  else {
    // No result line: it crashed before its report (a thrown knob check, a lost connection…).
    const error = output.match(/^\s*(\w*Error\b.*)$/m)?.[1] ?? output.trim().split('\n').at(-1) ?? '';
    result = `${signal ? `killed by ${signal}` : `exit code ${String(code)}`}, no result line${error ? `: ${error.trim().slice(0, 300)}` : ''}`;
  }
  return { name: b.name, ok, result, seconds: seconds(), output, figures: figuresOf(stdout) };
}

/** One row per benchmark: ok or FAILED, how long, and its result line. */
export function summaryTable(outcomes: readonly BenchOutcome[]): string {
  return table(
    ['benchmark', 'status', 'time', 'result'],
    outcomes.map((r) => [
      r.name,
      r.ok ? 'ok' : 'FAILED',
      `${r.seconds.toFixed(0)} s`,
      r.result.replace(/^Result: /, '').replaceAll('|', '\\|'),
    ]),
    (i) => i === 2,
  );
}
