// Fresh schema for the benchmark's database: drops schema public and migrates to the latest.
//   node --import tsx test/bench/prepare-db.ts <database name>
// DATABASE_URL must name that same database: the argument guards against wiping the wrong one.
import { sql } from 'kysely';
import { createDb } from '../../db/client.ts';
import { migrateToLatest } from '../../db/migrate.ts';

const url = process.env.DATABASE_URL;
const expected = process.argv[2];
if (!url || !expected) {
  console.error('usage: DATABASE_URL=postgres://.../<name> node --import tsx test/bench/prepare-db.ts <name>');
  process.exit(2);
}
const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
if (name !== expected) {
  console.error(`prepare-db: DATABASE_URL names database '${name}', not '${expected}': refusing to reset it`);
  process.exit(2);
}
if (name === 'kursuok' || name === 'kursuok_test') {
  console.error(`prepare-db: '${name}' belongs to npm start / npm test: refusing to reset it`);
  process.exit(2);
}

const db = createDb(url, { max: 1 });
try {
  await sql`drop schema if exists public cascade`.execute(db);
  await sql`create schema public`.execute(db);
  const applied = await migrateToLatest(db);
  console.error(`[bench] database ${name}: schema reset, ${applied.length} migrations applied`);
} finally {
  await db.destroy();
}
