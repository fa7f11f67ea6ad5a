// The real stack for integration and e2e tests: Postgres, a Temporal worker on its own task
// queue, and the web app, all in this process and talking to the test services.
import { Client, Connection } from '@temporalio/client';
import type { Worker } from '@temporalio/worker';
import { createDb, type Db } from '../../db/client.ts';
import { createApp } from '../../web/app.tsx';
import type { Config } from '../../worker/config.ts';
import { connectWorker } from '../../worker/worker.ts';
import { testConfig, uniqueTaskQueue, WORKFLOW_BUNDLE_PATH } from './env.ts';

export interface TestStack {
  config: Config;
  db: Db;
  client: Client;
  app: ReturnType<typeof createApp>;
  worker: Worker;
  stop(): Promise<void>;
}

export async function startWorker(config: Config, db: Db) {
  const { worker, connection } = await connectWorker(config, { db }, { codePath: WORKFLOW_BUNDLE_PATH });
  const running = worker.run();
  return {
    worker,
    async stop() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
      await connection.close();
    },
  };
}

export async function startStack(name: string): Promise<TestStack> {
  const config = testConfig(uniqueTaskQueue(name));
  const db = createDb(config.databaseUrl, { max: 5 });
  const w = await startWorker(config, db);
  const connection = await Connection.connect({ address: config.temporal.address });
  const client = new Client({ connection, namespace: config.temporal.namespace });
  const app = createApp({ config, db, temporal: client });
  return {
    config,
    db,
    client,
    app,
    worker: w.worker,
    async stop() {
      await w.stop();
      await connection.close();
      await db.destroy();
    },
  };
}
