import { createDb } from '../db/client.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { loadConfig } from '../worker/config.ts';

const db = createDb(loadConfig().databaseUrl, { max: 1 });
try {
  const applied = await migrateToLatest(db);
  console.log(applied.length ? `migrations applied: ${applied.join(', ')}` : 'database schema is up to date');
} finally {
  await db.destroy();
}
