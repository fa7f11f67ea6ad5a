// Issue 10, "Benchmarks never rot again": every benchmark of `npm run bench` runs here at a tiny
// size (each one's knobs in test/bench/runner.ts), through the same runner as `npm run bench`, so a
// change that breaks a benchmark — a page that no longer shows what it checks, a renamed route, a
// type or import that no longer resolves — fails `npm test` the day it is made. The figures are not
// judged here, only every check each benchmark makes (exit code and its "Result:" line).
// Benchmarks reset their database: they get one of their own, "<test database>_bench", never the
// database the other test files use at the same time.
import { readdirSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../db/client.ts';
import { databaseName } from '../bench/database.ts';
import { BENCHMARKS, runBenchmark, summaryTable, type BenchOutcome } from '../bench/runner.ts';
import { ROOT, TEST_DATABASE_URL, TEST_TEMPORAL_ADDRESS, WORKFLOW_BUNDLE_PATH } from '../support/env.ts';

const benchDatabaseUrl = (() => {
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${databaseName(TEST_DATABASE_URL)}_bench`;
  return url.toString();
})();

/** The benchmark's environment: this run's services, the bundle global-setup built, and only the given knobs. */
function benchEnv(knobs: Record<string, string>): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('BENCH_')));
  return {
    ...inherited,
    KURSUOK_MODE: 'test',
    DATABASE_URL: benchDatabaseUrl,
    TEMPORAL_ADDRESS: TEST_TEMPORAL_ADDRESS,
    BENCH_WORKFLOW_BUNDLE: WORKFLOW_BUNDLE_PATH,
    BENCH_DB_POOL: '4',
    ...knobs,
  };
}

/** The end of a benchmark's output, for the failure message. */
const tail = (output: string) => output.trim().split('\n').slice(-40).join('\n');

const outcomes: BenchOutcome[] = [];
/** The benchmarks whose figures `BENCH_ENGINES=dev,dev-wal,server npm run bench` compares per Temporal engine. */
const SIDE_BY_SIDE = new Set(['groups', 'lists', 'deadline-storm', 'registration-burst', 'national-seed']);

beforeAll(async () => {
  const db = createDb(TEST_DATABASE_URL, { max: 1 });
  try {
    const name = databaseName(benchDatabaseUrl);
    const found = await sql<{ one: number }>`select 1 as one from pg_database where datname = ${name}`.execute(db);
    if (found.rows.length === 0) {
      try {
        await sql`create database ${sql.id(name)}`.execute(db);
      } catch (err) {
        // 42P04 duplicate_database: another run created it meanwhile.
        if ((err as { code?: string }).code !== '42P04') throw err;
      }
    }
  } finally {
    await db.destroy();
  }
});

afterAll(() => {
  if (outcomes.length > 0) console.log(`Tiny benchmarks on ${databaseName(benchDatabaseUrl)}:\n${summaryTable(outcomes)}`);
});

describe('the benchmarks at a tiny size (npm run bench, issue 10)', () => {
  it('runs every test/bench/*.bench.ts file', () => {
    const files = readdirSync(`${ROOT}test/bench`).filter((f) => f.endsWith('.bench.ts'));
    expect(BENCHMARKS.map((b) => b.file).sort()).toEqual(files.sort());
  });

  for (const b of BENCHMARKS) {
    it(`${b.name}: every check holds`, { timeout: 75_000 }, async () => {
      const outcome = await runBenchmark(b, { env: benchEnv(b.tiny), echo: false, timeoutMs: 70_000 });
      outcomes.push(outcome);
      expect(outcome.ok, `${outcome.result}\n--- last lines of its output ---\n${tail(outcome.output)}`).toBe(true);
      expect(outcome.result).toMatch(/^Result: /);
      // Issue 16: the figures BENCH_ENGINES lays side by side per engine (test/bench/engines.ts).
      if (SIDE_BY_SIDE.has(b.name)) expect(outcome.figures.length, tail(outcome.output)).toBeGreaterThan(0);
    });
  }

  it('reports a benchmark that cannot run as FAILED, with the reason', { timeout: 30_000 }, async () => {
    const outcome = await runBenchmark(BENCHMARKS[0]!, { env: benchEnv({ BENCH_N: '0' }), echo: false, timeoutMs: 25_000 });
    expect(outcome.ok).toBe(false);
    expect(outcome.result).toContain('BENCH_N must be an integer in 1..20000');
    expect(summaryTable([outcome])).toMatch(/\| groups +\| FAILED \|/);
  });
});
