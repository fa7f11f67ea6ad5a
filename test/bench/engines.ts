// The side-by-side table of `BENCH_ENGINES=dev,dev-wal,server npm run bench` (scripts/bench.sh runs
// the benchmarks once per Temporal engine, each run leaving a JSON file of its figures, then this):
// one row per figure, one column per engine, in the order the benchmarks printed them, and the
// status of every benchmark per engine. Exit code 0; the runs' own exit codes decide the bench's.
// Files of the same engine (runs of other benchmarks, on other days) make one column.
//   node --import tsx test/bench/engines.ts .data/bench/figures-dev.json .data/bench/figures-server.json
import { readFileSync } from 'node:fs';
import { table } from './measure.ts';

interface EngineRun {
  engine: string;
  runs: Array<{ name: string; ok: boolean; result: string; seconds: number; figures: Array<[string, string]> }>;
}

/** Rows: benchmark, figure, then each engine's value ('-' where that engine's runs have none); one column per engine name. */
export function sideBySide(engines: readonly EngineRun[]): string {
  const keys: Array<[bench: string, label: string]> = [];
  const seen = new Set<string>();
  const values = new Map<string, string>();
  for (const e of engines) {
    for (const r of e.runs) {
      const status = `status | ${r.ok ? 'ok' : 'FAILED'}, ${r.seconds.toFixed(0)} s`;
      for (const [label, value] of [...r.figures, ['status', status.slice('status | '.length)] as [string, string]]) {
        const key = `${r.name}\u0000${label}`;
        if (!seen.has(key)) {
          seen.add(key);
          keys.push([r.name, label]);
        }
        values.set(`${e.engine}\u0000${key}`, value);
      }
    }
  }
  // Each benchmark's figures together, benchmarks in the order they first ran.
  const order = [...new Set(keys.map(([b]) => b))];
  keys.sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0]));
  const names = [...new Set(engines.map((e) => e.engine))];
  return table(
    ['benchmark', 'figure', ...names],
    keys.map(([bench, label]) => [bench, label, ...names.map((e) => values.get(`${e}\u0000${bench}\u0000${label}`) ?? '-')]),
    (i) => i > 1,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const engines = process.argv.slice(2).map((file) => JSON.parse(readFileSync(file, 'utf8')) as EngineRun);
  console.log('');
  console.log(`Side by side, per Temporal engine (${[...new Set(engines.map((e) => e.engine))].join(', ')}):`);
  console.log(sideBySide(engines));
}
