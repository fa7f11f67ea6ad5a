// The worker process: workflows + activities on task queue `kursuok`. SIGINT/SIGTERM shut it down
// gracefully (the SDK's runtime listens for both and lets running activities finish).
import { Client, Connection } from '@temporalio/client';
import { createDb } from '../db/client.ts';
import { loadConfig } from './config.ts';
import { ensureSchedules } from './schedules.ts';
import { connectWorker } from './worker.ts';

const config = loadConfig();
const db = createDb(config.databaseUrl);
const { worker, connection } = await connectWorker(config, { db, config });
console.log(`worker: task queue '${config.temporal.taskQueue}' on ${config.temporal.address}`);

// The schedules (the daily ŠMIR refresh) exist whenever a worker runs (not in test mode: tests
// share one Temporal server and create their own); a failure here is logged and the worker runs
// anyway (the next start tries again).
if (config.mode !== 'test') {
  try {
    const clientConnection = await Connection.connect({ address: config.temporal.address });
    try {
      const client = new Client({ connection: clientConnection, namespace: config.temporal.namespace });
      const schedules = await ensureSchedules(client, config.temporal.taskQueue);
      console.log(`worker: schedules ${Object.entries(schedules).map(([id, how]) => `${id} (${how})`).join(', ')}`);
    } finally {
      await clientConnection.close();
    }
  } catch (err) {
    console.error('worker: could not create or update the schedules:', err);
  }
}
try {
  await worker.run();
} finally {
  await connection.close();
  await db.destroy();
  console.log('worker: stopped');
}
