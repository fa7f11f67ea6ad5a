// `npm run bench` (scripts/bench.sh starts the services, then this): every benchmark, or the ones
// named, one after another, each on a freshly reset database and in its own process. A benchmark
// that fails does not stop the others; at the end one table says which were ok and which FAILED
// (with their result line), and the exit code is non-zero when any failed.
//   DATABASE_URL=postgres://…/kursuok_bench TEMPORAL_ADDRESS=localhost:7243 node --import tsx test/bench/run.ts [name…]
// Each benchmark's knobs go through the environment (see the head of each test/bench/*.bench.ts).
import { writeFileSync } from 'node:fs';
import { databaseName } from './database.ts';
import { BENCHMARKS, runBenchmark, summaryTable, type BenchOutcome } from './runner.ts';

const names = process.argv.slice(2);
const unknown = names.filter((n) => !BENCHMARKS.some((b) => b.name === n));
if (unknown.length > 0) {
  console.error(`unknown benchmark ${unknown.join(', ')}; there are: ${BENCHMARKS.map((b) => b.name).join(', ')}`);
  process.exit(2);
}
const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL must name the benchmarks' database (e.g. postgres://…/kursuok_bench)");
  process.exit(2);
}

const chosen = names.length > 0 ? BENCHMARKS.filter((b) => names.includes(b.name)) : BENCHMARKS;
const outcomes: BenchOutcome[] = [];
for (const b of chosen) {
  console.error(`\n[bench] ==== ${b.name}: ${b.what} ====`);
  const outcome = await runBenchmark(b, { env: process.env, echo: true });
  outcomes.push(outcome);
  console.error(`[bench] ${b.name}: ${outcome.ok ? 'ok' : 'FAILED'} in ${outcome.seconds.toFixed(0)} s`);
}

// BENCH_ENGINES (scripts/bench.sh): each engine's run leaves its figures for the side-by-side table (engines.ts).
const figuresFile = process.env.BENCH_FIGURES_FILE;
if (figuresFile) {
  const engine = process.env.KURSUOK_TEMPORAL_ENGINE ?? 'dev-wal';
  const runs = outcomes.map(({ name, ok, result, seconds, figures }) => ({ name, ok, result, seconds, figures }));
  writeFileSync(figuresFile, JSON.stringify({ engine, runs }, null, 2));
}

const failed = outcomes.filter((o) => !o.ok).length;
console.log('');
console.log(`Benchmarks on database ${databaseName(url)}: ${outcomes.length - failed} ok, ${failed} FAILED`);
console.log(summaryTable(outcomes));
process.exit(failed === 0 ? 0 : 1);
