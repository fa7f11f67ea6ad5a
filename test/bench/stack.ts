// The real stack for benchmarks, in this process: a Temporal worker on its own task queue, the
// Hono app served over real HTTP on 127.0.0.1, and Postgres. Like test/support/stack.ts, but it
// takes the workflow bundle it is given (built once by the benchmark) and, as in production, the
// web side and the worker each have their own database pool.
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Client, Connection, type WorkflowClientInterceptor } from '@temporalio/client';
import type { WorkerOptions } from '@temporalio/worker';
import { createDb, type Db } from '../../db/client.ts';
import { createIdentityGateway } from '../../web/auth/oidc.ts';
import { registryClientsFromConfig } from '../../activities/registries/index.ts';
import { createApp } from '../../web/app.tsx';
import { loadConfig, type Config } from '../../worker/config.ts';
import { connectWorker } from '../../worker/worker.ts';

export interface BenchStack {
  config: Config;
  /** The web side's pool; fixtures and checks use it too. */
  db: Db;
  client: Client;
  /** http://127.0.0.1:<port>, also the Origin every POST carries (hono/csrf). */
  origin: string;
  /** Resolves when no request is being handled (a client that gave up leaves its handler running). */
  idle(timeoutMs: number): Promise<boolean>;
  stop(): Promise<void>;
}

export interface BenchStackOptions {
  databaseUrl: string;
  temporalAddress: string;
  taskQueue: string;
  workflowBundle: NonNullable<WorkerOptions['workflowBundle']>;
  /** Connections per pool (web and worker each); production processes use createDb's default, 10. */
  dbPoolSize: number;
  /** Interceptors on the web's Temporal client (the benchmark times Update calls with one). */
  clientInterceptors?: WorkflowClientInterceptor[];
  /** More settings for the configuration (e.g. a simulator's URL and credentials). */
  env?: Record<string, string>;
}

export async function startBenchStack(o: BenchStackOptions): Promise<BenchStack> {
  const config = loadConfig({
    KURSUOK_MODE: 'test',
    DATABASE_URL: o.databaseUrl,
    TEMPORAL_ADDRESS: o.temporalAddress,
    TEMPORAL_TASK_QUEUE: o.taskQueue,
    ...o.env,
  });
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) {
      try {
        await stop();
      } catch (err) {
        console.error('bench: shutdown step failed:', err);
      }
    }
  };
  try {
    const workerDb = createDb(config.databaseUrl, { max: o.dbPoolSize });
    stops.push(() => workerDb.destroy());
    const { worker, connection: nativeConnection } = await connectWorker(config, { db: workerDb, config }, o.workflowBundle);
    stops.push(() => nativeConnection.close());
    const running = worker.run();
    stops.push(async () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
    });

    const db = createDb(config.databaseUrl, { max: o.dbPoolSize });
    stops.push(() => db.destroy());
    const connection = await Connection.connect({ address: config.temporal.address });
    stops.push(() => connection.close());
    const client = new Client({ connection, namespace: config.temporal.namespace, interceptors: { workflow: o.clientInterceptors ?? [] } });
    const registries = registryClientsFromConfig(config);
    const app = createApp({ config, db, temporal: client, identity: createIdentityGateway(config), smir: registries.smir, registries });

    let inFlight = 0;
    const fetch: typeof app.fetch = async (...args) => {
      inFlight++;
      try {
        return await app.fetch(...args);
      } finally {
        inFlight--;
      }
    };
    const idle = async (timeoutMs: number) => {
      const deadline = Date.now() + timeoutMs;
      while (inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      return inFlight === 0;
    };
    const server = await new Promise<ServerType>((resolve, reject) => {
      const s = serve({ fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
      s.once('error', reject);
    });
    stops.push(async () => {
      await idle(30_000);
      await closeServer(server);
    });
    const { port } = server.address() as AddressInfo;
    return { config, db, client, origin: `http://127.0.0.1:${port}`, idle, stop: stopAll };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

function closeServer(server: ServerType): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()));
    // Keep-alive sockets of the benchmark's own HTTP client would hold close() open.
    if ('closeAllConnections' in server) server.closeAllConnections();
  });
}
