// Fresh schema for the benchmark's database: drops schema public and migrates to the latest.
//   node --import tsx test/bench/prepare-db.ts <database name>
// DATABASE_URL must name that same database: the argument guards against wiping the wrong one.
// (test/bench/run.ts resets the database itself before each benchmark.)
import { databaseName, resetBenchDatabase } from './database.ts';

const url = process.env.DATABASE_URL;
const expected = process.argv[2];
if (!url || !expected) {
  console.error('usage: DATABASE_URL=postgres://.../<name> node --import tsx test/bench/prepare-db.ts <name>');
  process.exit(2);
}
const name = databaseName(url);
if (name !== expected) {
  console.error(`prepare-db: DATABASE_URL names database '${name}', not '${expected}': refusing to reset it`);
  process.exit(2);
}
try {
  const applied = await resetBenchDatabase(url);
  console.error(`[bench] database ${name}: schema reset, ${applied} migrations applied`);
} catch (err) {
  console.error(`prepare-db: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
