// scripts/supervise.ts (npm start's process runner, issue 10): a child that exits on its own is
// started again after a pause that doubles and starts over after a long enough run; stop() ends
// the running child (SIGKILL for one that ignores SIGTERM) and starts no other.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { supervise, type Supervised, type SuperviseOptions } from '../../scripts/supervise.ts';
import { eventually } from '../support/wait.ts';

/**
 * A tiny child: appends its pid to STARTS_FILE, then follows the plan for its start number (one
 * letter per start, the last one repeating): 'x' exits with code 3 at once, 'l' lives 300 ms and
 * exits with code 4, 'r' runs until SIGTERM, 'i' ignores SIGTERM.
 */
const CHILD = `
const fs = require('node:fs');
fs.appendFileSync(process.env.STARTS_FILE, process.pid + '\\n');
const n = fs.readFileSync(process.env.STARTS_FILE, 'utf8').trim().split('\\n').length;
const plan = process.env.PLAN;
const step = plan[Math.min(n, plan.length) - 1];
if (step === 'l') setTimeout(() => process.exit(4), 300);
if (step === 'r') { setInterval(() => {}, 1000); process.on('SIGTERM', () => process.exit(0)); }
if (step === 'i') { setInterval(() => {}, 1000); process.on('SIGTERM', () => console.log('ignoring SIGTERM')); }
console.log('start ' + n + ' (' + step + ')');
if (step === 'x') process.exit(3);
`;

let dir: string;
let running: Supervised | undefined;
const logs: string[] = [];
let output = '';

function start(plan: string, options: Partial<SuperviseOptions> = {}): Supervised {
  dir = mkdtempSync(join(tmpdir(), 'supervise-'));
  logs.length = 0;
  output = '';
  running = supervise({
    name: 'probe',
    command: process.execPath,
    args: ['-e', CHILD],
    env: { ...process.env, STARTS_FILE: join(dir, 'starts'), PLAN: plan },
    initialDelayMs: 50,
    maxDelayMs: 150,
    killAfterMs: 5_000,
    log: (line) => logs.push(line),
    stdout: (text) => (output += text),
    stderr: (text) => (output += text),
    ...options,
  });
  return running;
}

/** The pids of every start so far. */
function starts(): number[] {
  try {
    return readFileSync(join(dir, 'starts'), 'utf8').trim().split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

afterEach(async () => {
  await running?.stop();
  running = undefined;
  rmSync(dir, { recursive: true, force: true });
});

describe('supervise', () => {
  it('starts a child that exited again, with doubling pauses up to the maximum, and logs each exit', async () => {
    const sup = start('xxxxr');
    const pids = await eventually(
      async () => starts(),
      (p) => p.length === 5,
      10_000,
    );
    expect(pids).toHaveLength(5);
    await eventually(
      async () => sup.current()?.pid,
      (pid) => pid === pids[4],
      5_000,
    );
    expect(sup.current()?.pid).toBe(pids[4]);
    expect(sup.restarts()).toBe(4);
    // 50 → 100 → 150 (the maximum) → 150.
    expect(logs.map((l) => /restarting in (\d+ ms)/.exec(l)?.[1])).toEqual(['50 ms', '100 ms', '150 ms', '150 ms']);
    expect(logs.every((l) => l.startsWith('[probe] exited (code 3) after '))).toBe(true);
    // The child's own lines come through, prefixed with its name. The last child's line reaches the
    // pipe after its pid reached the file, so on a loaded machine it can arrive a moment later.
    await eventually(
      async () => output,
      (text) => text.includes('[probe] start 5 (r)\n'),
      5_000,
    );
    expect(output).toContain('[probe] start 1 (x)\n');
    expect(output).toContain('[probe] start 5 (r)\n');
  });

  it('stop() ends the running child and starts no other', async () => {
    const sup = start('r');
    const [pid] = await eventually(
      async () => starts(),
      (p) => p.length === 1,
      10_000,
    );
    await eventually(
      async () => sup.current()?.pid,
      (p) => p === pid,
      5_000,
    );
    await sup.stop();
    expect(alive(pid!)).toBe(false);
    expect(sup.current()).toBeNull();
    await sleep(300);
    expect(starts()).toHaveLength(1);
    expect(sup.restarts()).toBe(0);
    expect(logs).toEqual([]);
  });

  it('stop() during the pause before a restart starts nothing more', async () => {
    const sup = start('xr', { initialDelayMs: 400 });
    await eventually(
      async () => logs.length,
      (n) => n === 1,
      10_000,
    );
    expect(logs[0]).toMatch(/restarting in 400 ms$/);
    await sup.stop();
    await sleep(600);
    expect(starts()).toHaveLength(1);
    expect(sup.restarts()).toBe(0);
  });

  it('a child that ran for resetAfterMs is restarted after the first pause again', async () => {
    // Two quick exits (pauses 50, 100), then one that lived 300 ms (≥ resetAfterMs): 50 again.
    start('xxlr', { resetAfterMs: 250, maxDelayMs: 1_000 });
    await eventually(
      async () => starts(),
      (p) => p.length === 4,
      10_000,
    );
    expect(logs.map((l) => /restarting in (\d+ ms)/.exec(l)?.[1])).toEqual(['50 ms', '100 ms', '50 ms']);
    expect(logs[2]).toMatch(/^\[probe\] exited \(code 4\) after /);
  });

  it('a child that ignores SIGTERM is killed after killAfterMs', async () => {
    const sup = start('i', { killAfterMs: 300 });
    const [pid] = await eventually(
      async () => starts(),
      (p) => p.length === 1,
      10_000,
    );
    await eventually(
      async () => output,
      (o) => o.includes('start 1 (i)'),
      5_000,
    );
    const child = sup.current()!;
    const stopped = Date.now();
    await sup.stop();
    expect(Date.now() - stopped).toBeGreaterThanOrEqual(250);
    expect(child.signalCode).toBe('SIGKILL');
    expect(alive(pid!)).toBe(false);
    expect(output).toContain('[probe] ignoring SIGTERM');
    expect(logs).toEqual(['[probe] did not stop within 300 ms of SIGTERM; killing it']);
  });
});
