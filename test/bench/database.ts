// The benchmarks' database: reset to a fresh schema before each benchmark. Only a database whose
// name says it is a benchmark's ("…bench…") is ever reset, so a wrong DATABASE_URL cannot wipe the
// database of `npm start` or of a test run.
import { sql } from 'kysely';
import { createDb } from '../../db/client.ts';
import { migrateToLatest } from '../../db/migrate.ts';

/** The database a postgres:// URL names. */
export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}

/** Drops schema public of the benchmark database `url` names and migrates it to the latest; returns how many migrations ran. */
export async function resetBenchDatabase(url: string): Promise<number> {
  const name = databaseName(url);
  if (!name.includes('bench')) throw new Error(`'${name}' is not a benchmark database (its name has no 'bench'): refusing to reset it`);
  const db = createDb(url, { max: 1 });
  try {
    await sql`drop schema if exists public cascade`.execute(db);
    await sql`create schema public`.execute(db);
    return (await migrateToLatest(db)).length;
  } finally {
    await db.destroy();
  }
}
