// The national-scale seed by hand (issue 16): db/seed/national.ts writes the rows, and with
// --workflows the open groups' TrainingGroup workflows are started (test/bench/national-workflows.ts).
//   bash scripts/node.sh scripts/seed-national.ts --institutions 1000 --groups 20000 --registrations 300000 \
//        [--workflows 20000] [--database kursuok_national] [--reset] [--temporal localhost:7233] [--task-queue kursuok]
// --database: a database name on the project's Postgres, or a postgres:// URL (default: DATABASE_URL or the
// dev database); it is migrated to the latest schema first. --reset drops its schema first, only for a
// database whose name says it may be ("national" or "bench" in it). The seed only adds rows: run it twice
// and there are two sets. Workflows are left running (no worker needed: open workflows wait for one).
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { sql } from 'kysely';
import { createDb } from '../db/client.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { seedNational } from '../db/seed/national.ts';
import { startOpenGroupWorkflows } from '../test/bench/national-workflows.ts';
import { loadConfig } from '../worker/config.ts';

const { values } = parseArgs({
  options: {
    institutions: { type: 'string', default: '1000' },
    groups: { type: 'string', default: '20000' },
    registrations: { type: 'string', default: '300000' },
    workflows: { type: 'string', default: '0' },
    database: { type: 'string' },
    reset: { type: 'boolean', default: false },
    temporal: { type: 'string' },
    'task-queue': { type: 'string' },
    concurrency: { type: 'string', default: '64' },
    today: { type: 'string' },
    run: { type: 'string' },
  },
});

const count = (name: string, text: string | undefined) => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number, not '${text}'`);
  return n;
};

const config = loadConfig();
const url = !values.database
  ? config.databaseUrl
  : values.database.includes('://')
    ? values.database
    : `postgres://kursuok:${process.env.KURSUOK_PG_PASSWORD ?? 'kursuok'}@localhost:${process.env.KURSUOK_PG_PORT ?? '5432'}/${values.database}`;
const dbName = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
const workflows = count('workflows', values.workflows);
const log = (msg: string) => console.log(`[seed-national] ${msg}`);

const db = createDb(url, { max: 4 });
try {
  if (values.reset) {
    if (!/national|bench/.test(dbName)) throw new Error(`--reset refused: '${dbName}' has neither 'national' nor 'bench' in its name`);
    await sql`drop schema if exists public cascade`.execute(db);
    await sql`create schema public`.execute(db);
    log(`database ${dbName}: schema dropped`);
  }
  const applied = await migrateToLatest(db);
  if (applied.length) log(`database ${dbName}: ${applied.length} migrations applied`);

  const seed = await seedNational(db, {
    institutions: count('institutions', values.institutions),
    groups: count('groups', values.groups),
    registrations: count('registrations', values.registrations),
    openGroups: workflows,
    ...(values.today ? { today: values.today } : {}),
    ...(values.run ? { run: values.run } : {}),
  });
  for (const s of seed.steps) log(`${s.name.padEnd(28)} ${String(s.rows).padStart(9)} rows ${(s.ms / 1000).toFixed(2).padStart(7)} s`);
  log(
    `run ${seed.run} (institution codes ${seed.codePrefix}xxxxx), seen from ${seed.today}: ${seed.totalRows} rows in ` +
      `${(seed.ms / 1000).toFixed(1)} s, ${Math.round(seed.totalRows / (seed.ms / 1000))} rows/s`,
  );

  if (workflows > 0) {
    const connection = await Connection.connect({ address: values.temporal ?? config.temporal.address });
    try {
      const client = new Client({ connection, namespace: config.temporal.namespace });
      const r = await startOpenGroupWorkflows(db, {
        client,
        taskQueue: values['task-queue'] ?? config.temporal.taskQueue,
        codePrefix: seed.codePrefix,
        limit: workflows,
        concurrency: count('concurrency', values.concurrency),
        onBatch: (done, total) => log(`workflows: ${done} / ${total}`),
      });
      log(
        `workflows: ${r.started} started, ${r.alreadyRunning} already running, of ${r.groups} open groups in ` +
          `${(r.ms / 1000).toFixed(1)} s, ${r.perSecond.toFixed(0)} starts/s`,
      );
    } finally {
      await connection.close();
    }
  }
} finally {
  await db.destroy();
}
