// The real worker entry (worker/main.ts) as a child process, for tests that kill and restart it.
// Every child started here is remembered, so a test's afterEach/afterAll can kill whatever is
// still alive, even when the test failed half-way.
import { spawn, type ChildProcess } from 'node:child_process';
import { workerNodeArgs } from '../../worker/config.ts';
import { ROOT, TEST_DATABASE_URL, TEST_TEMPORAL_ADDRESS } from './env.ts';

export interface WorkerProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  /** Everything the child wrote to stdout and stderr so far. */
  output(): string;
  /** Whether the process has not exited yet. */
  alive(): boolean;
  /** Resolves once the process has exited (immediately when it already has). */
  exited(): Promise<void>;
  /** Sends the signal and waits (bounded) until the process has exited. */
  kill(signal: NodeJS.Signals, timeoutMs?: number): Promise<void>;
}

const children = new Set<WorkerProcess>();

// Should the test process itself end abruptly (a crash, a hook timeout), no worker outlives it.
process.once('exit', () => {
  for (const p of children) p.child.kill('SIGKILL');
});

/** The SDK logs "Worker state changed { state: 'RUNNING' }" once it polls its task queue. */
const RUNNING = /Worker state changed \{[^}]*'RUNNING'/;

/**
 * Starts `node --import tsx worker/main.ts` on its own task queue and waits until the worker has
 * printed its task queue and the SDK reports state RUNNING. Rejects (and kills the child) when that
 * does not happen within `timeoutMs` or the process exits first.
 */
export async function startWorkerProcess(taskQueue: string, timeoutMs = 60_000, env: Record<string, string> = {}): Promise<WorkerProcess> {
  // As npm start runs it: with the worker's heap limit (KURSUOK_WORKER_HEAP_MB).
  const child = spawn(process.execPath, [...workerNodeArgs({ ...process.env, ...env }), '--import', 'tsx', 'worker/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...env,
      DATABASE_URL: TEST_DATABASE_URL,
      // A test may put a proxy between the worker and Temporal (projection-retry-crash.test.ts).
      TEMPORAL_ADDRESS: env.TEMPORAL_ADDRESS ?? TEST_TEMPORAL_ADDRESS,
      TEMPORAL_TASK_QUEUE: taskQueue,
      KURSUOK_MODE: 'test',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error('worker process did not start');
  const pid = child.pid;

  let output = '';
  let exitCode: number | null = null;
  let exitSignal: NodeJS.Signals | null = null;
  let hasExited = false;
  const exitedPromise = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      hasExited = true;
      exitCode = code;
      exitSignal = signal;
      resolve();
    });
  });
  // A spawn error (no binary) emits 'error' and may never emit 'exit'.
  child.once('error', (err) => {
    output += `\n[spawn error] ${err.message}\n`;
  });

  const readiness = new Promise<void>((resolve, reject) => {
    const check = () => {
      if (output.includes(`worker: task queue '${taskQueue}'`) && RUNNING.test(output)) resolve();
    };
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      check();
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      check();
    });
    void exitedPromise.then(() =>
      reject(new Error(`worker process exited before RUNNING (code ${String(exitCode)}, signal ${String(exitSignal)}):\n${output}`)),
    );
  });

  const proc: WorkerProcess = {
    child,
    pid,
    output: () => output,
    alive: () => !hasExited,
    exited: () => exitedPromise,
    async kill(signal, killTimeoutMs = 15_000) {
      if (hasExited) return;
      child.kill(signal);
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`worker process ${pid} did not exit within ${killTimeoutMs} ms of ${signal}`)),
          killTimeoutMs,
        );
      });
      try {
        await Promise.race([exitedPromise, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
  children.add(proc);
  void exitedPromise.then(() => children.delete(proc));

  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`worker process not RUNNING within ${timeoutMs} ms:\n${output}`)), timeoutMs);
  });
  try {
    await Promise.race([readiness, timeout]);
  } catch (err) {
    await proc.kill('SIGKILL').catch(() => undefined);
    throw err;
  } finally {
    clearTimeout(timer);
  }
  return proc;
}

/** SIGKILLs every worker child this module started that is still running, and waits for each. */
export async function killAllWorkerProcesses(): Promise<void> {
  await Promise.all([...children].map((p) => p.kill('SIGKILL').catch(() => undefined)));
}
