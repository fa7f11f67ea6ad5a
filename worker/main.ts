// The worker process: workflows + activities on task queue `kursuok`. SIGINT/SIGTERM shut it down
// gracefully (the SDK's runtime listens for both and lets running activities finish).
import { createDb } from '../db/client.ts';
import { loadConfig } from './config.ts';
import { connectWorker } from './worker.ts';

const config = loadConfig();
const db = createDb(config.databaseUrl);
const { worker, connection } = await connectWorker(config, { db, config });
console.log(`worker: task queue '${config.temporal.taskQueue}' on ${config.temporal.address}`);
try {
  await worker.run();
} finally {
  await connection.close();
  await db.destroy();
  console.log('worker: stopped');
}
