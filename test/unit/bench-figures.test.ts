// Issue 16: `BENCH_ENGINES=dev,dev-wal,server npm run bench` prints every figure side by side per
// Temporal engine. The benchmarks print "Figure: <label> | <value>" lines (test/bench/measure.ts),
// the runner collects them (runner.ts figuresOf) and engines.ts lays them out, one column per engine.
import { describe, expect, it } from 'vitest';
import { sideBySide } from '../bench/engines.ts';
import { figuresOf } from '../bench/runner.ts';

/** A markdown table's rows as their cells' texts. */
function rowsOf(table: string): string[][] {
  return table.split('\n').map((l) =>
    l
      .split('|')
      .map((c) => c.trim())
      .filter(Boolean),
  );
}

describe('benchmark figures (issue 16)', () => {
  it('collects the Figure lines of a benchmark’s output, in order, and nothing else', () => {
    const stdout = [
      '[bench] log line',
      'Figure: c=1: create / save / publish, p50 ms | 73 / 49 / 80',
      '| table | row |',
      'Figure: Updates/s (5250 into 50 groups, c=64) | 212',
      'Result: ok',
    ].join('\n');
    expect(figuresOf(stdout)).toEqual([
      ['c=1: create / save / publish, p50 ms', '73 / 49 / 80'],
      ['Updates/s (5250 into 50 groups, c=64)', '212'],
    ]);
  });

  it('lays the engines out side by side, a dash where an engine has no such figure, with each run’s status', () => {
    const out = sideBySide([
      {
        engine: 'dev',
        runs: [
          { name: 'groups', ok: true, result: 'Result: ok', seconds: 61.2, figures: [['c=1 p50 ms', '149']] },
          { name: 'registration-burst', ok: false, result: 'Result: FAILED — 1 lost', seconds: 30, figures: [['Updates/s', '36']] },
        ],
      },
      {
        engine: 'server',
        runs: [{ name: 'groups', ok: true, result: 'Result: ok', seconds: 40, figures: [['c=1 p50 ms', '73']] }],
      },
    ]);
    const rows = rowsOf(out);
    expect(rows[0]).toEqual(['benchmark', 'figure', 'dev', 'server']);
    expect(rows).toContainEqual(['groups', 'c=1 p50 ms', '149', '73']);
    expect(rows).toContainEqual(['groups', 'status', 'ok, 61 s', 'ok, 40 s']);
    expect(rows).toContainEqual(['registration-burst', 'Updates/s', '36', '-']);
    expect(rows).toContainEqual(['registration-burst', 'status', 'FAILED, 30 s', '-']);
    // A benchmark's figures stay together, in the order the benchmarks ran.
    expect(rows.slice(2).map((r) => r[0])).toEqual(['groups', 'groups', 'registration-burst', 'registration-burst']);
  });

  it('makes one column of the files of one engine (other benchmarks, run another time)', () => {
    const run = (name: string, value: string) => ({
      name,
      ok: true,
      result: 'Result: ok',
      seconds: 10,
      figures: [[`${name} figure`, value]] as Array<[string, string]>,
    });
    const out = sideBySide([
      { engine: 'dev', runs: [run('groups', '1')] },
      { engine: 'server', runs: [run('groups', '2')] },
      { engine: 'dev', runs: [run('lists', '3')] },
    ]);
    const rows = rowsOf(out);
    expect(rows[0]).toEqual(['benchmark', 'figure', 'dev', 'server']);
    expect(rows).toContainEqual(['groups', 'groups figure', '1', '2']);
    expect(rows).toContainEqual(['lists', 'lists figure', '3', '-']);
  });
});
