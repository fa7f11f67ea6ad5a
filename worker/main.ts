// The worker process: workflows + activities on task queue `kursuok`. SIGINT/SIGTERM shut it down
// gracefully (the SDK's runtime listens for both and lets running activities finish for
// SHUTDOWN_GRACE_MS); a worker that has still not stopped shortly after SHUTDOWN_FORCE_MS (an
// activity ignoring its cancellation kept it DRAINING) exits anyway, saying so: the server retries
// what it left unfinished, and a supervisor (scripts/dev.ts) or orchestrator starts a new one.
import { getHeapStatistics } from 'node:v8';
import { Client, Connection } from '@temporalio/client';
import { createDb, survivePostgresSetupRace } from '../db/client.ts';
import { loadConfig } from './config.ts';
import { ensureSchedules } from './schedules.ts';
import { connectWorker, SHUTDOWN_FORCE_MS, SHUTDOWN_GRACE_MS } from './worker.ts';

/** The last resort after a shutdown signal: the SDK's own force time plus a margin. */
const EXIT_AFTER_SIGNAL_MS = SHUTDOWN_FORCE_MS + 5_000;

let stopSignal: NodeJS.Signals | null = null;
let workerCreated = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (stopSignal) return;
    stopSignal = signal;
    if (!workerCreated) {
      console.log(`worker: ${signal} before the worker started; exiting`);
      process.exit(0);
    }
    console.log(`worker: ${signal}: stopping; running activities have ${SHUTDOWN_GRACE_MS / 1000} s to finish`);
    setTimeout(() => {
      console.error(`worker: still not stopped ${EXIT_AFTER_SIGNAL_MS / 1000} s after ${signal}; exiting`);
      process.exit(1);
    }, EXIT_AFTER_SIGNAL_MS).unref();
  });
}

survivePostgresSetupRace('worker');
const config = loadConfig();
const db = createDb(config.databaseUrl);
// A bundle built ahead (npm start, the Docker image: worker/bundle.ts) saves the start's bundling and its memory.
const bundlePath = config.temporal.workflowBundlePath;
const { worker, connection } = await connectWorker(config, { db, config }, bundlePath ? { codePath: bundlePath } : undefined);
workerCreated = true;
console.log(
  `worker: task queue '${config.temporal.taskQueue}' on ${config.temporal.address}${bundlePath ? `, workflow bundle ${bundlePath}` : ''}` +
    `, cache ${config.temporal.maxCachedWorkflows} workflows, V8 heap limit ${Math.round(getHeapStatistics().heap_size_limit / 2 ** 20)} MiB`,
);

// The schedules (the daily ŠMIR refresh) exist whenever a worker runs (not in test mode: tests
// share one Temporal server and create their own); a failure here is logged and the worker runs
// anyway (the next start tries again).
if (config.mode !== 'test') {
  try {
    const clientConnection = await Connection.connect({ address: config.temporal.address });
    try {
      const client = new Client({ connection: clientConnection, namespace: config.temporal.namespace });
      const schedules = await ensureSchedules(client, config.temporal.taskQueue, config.certificates);
      console.log(
        `worker: schedules ${Object.entries(schedules)
          .map(([id, how]) => `${id} (${how})`)
          .join(', ')}`,
      );
    } finally {
      await clientConnection.close();
    }
  } catch (err) {
    console.error('worker: could not create or update the schedules:', err);
  }
}
try {
  await worker.run();
} catch (err) {
  // Past SHUTDOWN_FORCE_MS the SDK stops waiting for activities that ignore their cancellation
  // (GracefulShutdownPeriodExpiredError); closing the database would wait for their queries too.
  console.error(
    stopSignal
      ? `worker: activities still running ${SHUTDOWN_FORCE_MS / 1000} s after ${stopSignal}; exiting without them:`
      : 'worker: failed:',
    err,
  );
  process.exit(1);
}
await connection.close();
await db.destroy();
console.log('worker: stopped');
