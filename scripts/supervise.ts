// Keeps one child process running: a child that exits on its own is started again after a pause
// that doubles with each quick failure (1 s, 2 s, 4 s … at most 30 s) and starts over once a child
// has run for a minute. stop() ends the child (SIGTERM, then SIGKILL if it does not leave) and
// starts no other. Used by scripts/dev.ts (npm start) for the worker, the web server and the
// simulators, so that one of them dying never takes the rest of the stack down.
import { spawn, type ChildProcess } from 'node:child_process';

export interface SuperviseOptions {
  /** Shown in front of every line the child writes and in the supervisor's own log lines. */
  name: string;
  command: string;
  args: readonly string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** The first pause before a restart (default 1 s); it doubles after each quick exit. */
  initialDelayMs?: number;
  /** The longest pause (default 30 s). */
  maxDelayMs?: number;
  /** A child that ran this long resets the pause to initialDelayMs (default 60 s). */
  resetAfterMs?: number;
  /** How long stop() waits after SIGTERM before SIGKILL (default 30 s). */
  killAfterMs?: number;
  /** Where the supervisor's own lines go (default console.error). */
  log?: (line: string) => void;
  /** Where the child's output goes, line-prefixed (default this process's stdout/stderr). */
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
}

export interface Supervised {
  readonly name: string;
  /** The running child, or null between a crash and its restart (and after stop()). */
  current(): ChildProcess | null;
  /** How many times the child has been started again after exiting on its own. */
  restarts(): number;
  /** Ends the child and stops restarting it; resolves once no child is running. */
  stop(): Promise<void>;
}

export function supervise(options: SuperviseOptions): Supervised {
  const initialDelayMs = options.initialDelayMs ?? 1_000;
  const maxDelayMs = options.maxDelayMs ?? 30_000;
  const resetAfterMs = options.resetAfterMs ?? 60_000;
  const killAfterMs = options.killAfterMs ?? 30_000;
  const log = options.log ?? ((line: string) => console.error(line));
  const prefix = (text: string) => text.replace(/^(?=.)/gm, `[${options.name}] `);
  const stdout = options.stdout ?? ((text: string) => process.stdout.write(text));
  const stderr = options.stderr ?? ((text: string) => process.stderr.write(text));

  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  let stopping = false;
  let delayMs = initialDelayMs;
  let restartCount = 0;
  let restartTimer: NodeJS.Timeout | undefined;

  function start(): void {
    const startedAt = Date.now();
    const proc = spawn(options.command, [...options.args], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    proc.stdout!.on('data', (d: Buffer) => stdout(prefix(d.toString())));
    proc.stderr!.on('data', (d: Buffer) => stderr(prefix(d.toString())));
    exited = new Promise<void>((resolve) => {
      let done = false;
      const onEnd = (how: string) => {
        if (done) return;
        done = true;
        if (child === proc) child = null;
        resolve();
        if (stopping) return;
        const ranMs = Date.now() - startedAt;
        if (ranMs >= resetAfterMs) delayMs = initialDelayMs;
        log(`[${options.name}] exited (${how}) after ${duration(ranMs)}; restarting in ${duration(delayMs)}`);
        restartTimer = setTimeout(() => {
          restartTimer = undefined;
          if (stopping) return;
          restartCount += 1;
          start();
        }, delayMs);
        delayMs = Math.min(delayMs * 2, maxDelayMs);
      };
      proc.once('exit', (code, signal) => onEnd(signal ?? `code ${String(code)}`));
      // A child that could not be spawned emits 'error' and possibly no 'exit'.
      proc.once('error', (err) => onEnd(`error: ${err.message}`));
    });
  }

  start();

  return {
    name: options.name,
    current: () => child,
    restarts: () => restartCount,
    async stop() {
      stopping = true;
      clearTimeout(restartTimer);
      const proc = child;
      if (!proc) return;
      const killTimer = setTimeout(() => {
        log(`[${options.name}] did not stop within ${duration(killAfterMs)} of SIGTERM; killing it`);
        proc.kill('SIGKILL');
      }, killAfterMs);
      proc.kill('SIGTERM');
      try {
        await exited;
      } finally {
        clearTimeout(killTimer);
      }
    },
  };
}

function duration(ms: number): string {
  return ms < 1_000 ? `${ms} ms` : `${Number((ms / 1_000).toFixed(1))} s`;
}
