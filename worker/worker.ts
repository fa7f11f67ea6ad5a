import { createRequire } from 'node:module';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities/index.ts';
import type { Config } from './config.ts';

const require = createRequire(import.meta.url);
export const WORKFLOWS_PATH = require.resolve('../workflows/index.ts');

/** On shutdown, running activities get this long to finish before they are cancelled. */
export const SHUTDOWN_GRACE_MS = 10_000;
/**
 * After this long the SDK gives up on activities that ignore their cancellation (a query stuck on a
 * lock or a Postgres that went away) and `run()` rejects: the process exits, the server retries them.
 */
export const SHUTDOWN_FORCE_MS = SHUTDOWN_GRACE_MS + 5_000;

export interface WorkerSetup {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  deps: ActivityDeps;
  /** A pre-built bundle (tests build it once); otherwise the workflows are bundled at start. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  /**
   * Workflows kept in memory between tasks (each costs about 2 MiB, `npm run bench`); an evicted
   * one is replayed from its history when its next task comes.
   */
  maxCachedWorkflows: number;
}

export async function createWorker(setup: WorkerSetup): Promise<Worker> {
  return Worker.create({
    connection: setup.connection,
    namespace: setup.namespace,
    taskQueue: setup.taskQueue,
    activities: createActivities(setup.deps),
    ...(setup.workflowBundle ? { workflowBundle: setup.workflowBundle } : { workflowsPath: WORKFLOWS_PATH }),
    maxCachedWorkflows: setup.maxCachedWorkflows,
    shutdownGraceTime: SHUTDOWN_GRACE_MS,
    shutdownForceTime: SHUTDOWN_FORCE_MS,
  });
}

/** Connects to Temporal as the configuration says and builds the worker; the caller runs it. */
export async function connectWorker(
  config: Config,
  deps: ActivityDeps,
  workflowBundle?: WorkerOptions['workflowBundle'],
): Promise<{ worker: Worker; connection: NativeConnection }> {
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  try {
    const worker = await createWorker({
      connection,
      namespace: config.temporal.namespace,
      taskQueue: config.temporal.taskQueue,
      maxCachedWorkflows: config.temporal.maxCachedWorkflows,
      deps,
      ...(workflowBundle ? { workflowBundle } : {}),
    });
    return { worker, connection };
  } catch (err) {
    await connection.close();
    throw err;
  }
}
