// The national-scale seed (issue 16): how fast db/seed/national.ts writes a year of a national
// registration system — 1,000 institutions, 20,000 groups, 300,000 registrations and what follows
// from them (timetables, participants, contracts, certificates…) — and how fast the open groups'
// TrainingGroup workflows are started from those rows (test/bench/national-workflows.ts). Checks that
// the rows agree (counters = registrations, no group over its maximum, one workflow per open group)
// and fails the run otherwise. The workflows are terminated at the end.
// Not a test. `npm run bench -- national-seed` runs it on a fresh database; directly:
//   DATABASE_URL=... TEMPORAL_ADDRESS=localhost:7243 node --import tsx test/bench/national-seed.bench.ts
// Knobs (environment): BENCH_NAT_INSTITUTIONS (1000), BENCH_NAT_GROUPS (20000), BENCH_NAT_REGISTRATIONS
// (300000), BENCH_NAT_WORKFLOWS (20000: open groups, and workflows started; 0 = none),
// BENCH_NAT_CONCURRENCY (64 starts in flight).
import { cpus } from 'node:os';
import { Client, Connection } from '@temporalio/client';
import { sql } from 'kysely';
import { createDb } from '../../db/client.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { seedNational } from '../../db/seed/national.ts';
import { intEnv, log, runMain, table } from './measure.ts';
import { startOpenGroupWorkflows, terminateGroupWorkflows } from './national-workflows.ts';

const INSTITUTIONS = intEnv('BENCH_NAT_INSTITUTIONS', 1000, 1, 9_999);
const GROUPS = intEnv('BENCH_NAT_GROUPS', 20_000, 1, 1_000_000);
const REGISTRATIONS = intEnv('BENCH_NAT_REGISTRATIONS', 300_000, 0, 10_000_000);
const WORKFLOWS = intEnv('BENCH_NAT_WORKFLOWS', 20_000, 0, 1_000_000);
const CONCURRENCY = intEnv('BENCH_NAT_CONCURRENCY', 64, 1, 1024);

async function main(): Promise<number> {
  const db = createDb(process.env.DATABASE_URL ?? 'postgres://kursuok:kursuok@localhost:5432/kursuok_bench', { max: 4 });
  const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS ?? 'localhost:7243' });
  const client = new Client({ connection });
  const taskQueue = `national-${crypto.randomUUID().slice(0, 8)}`;
  try {
    await migrateToLatest(db);
    log(
      `national seed: ${INSTITUTIONS} institutions, ${GROUPS} groups, ${REGISTRATIONS} registrations, ${WORKFLOWS} workflows; ${cpus().length} CPUs`,
    );
    const seed = await seedNational(db, {
      institutions: INSTITUTIONS,
      groups: GROUPS,
      registrations: REGISTRATIONS,
      openGroups: WORKFLOWS,
    });
    const seconds = seed.ms / 1000;
    console.log(
      table(
        ['step', 'rows', 's', 'rows/s'],
        [
          ...seed.steps.map((s) => [
            s.name,
            String(s.rows),
            (s.ms / 1000).toFixed(2),
            s.ms > 0 ? String(Math.round(s.rows / (s.ms / 1000))) : '-',
          ]),
          ['all (one transaction)', String(seed.totalRows), seconds.toFixed(1), String(Math.round(seed.totalRows / seconds))],
        ],
        (i) => i > 0,
      ),
    );

    const problems: string[] = [];
    const bad = await sql<{ counters: number; over: number; draft_regs: number }>`
      select count(*) filter (where g.active_registrations <> coalesce(r.active, 0) or g.signed_contracts <> coalesce(r.signed, 0))::int as counters,
             count(*) filter (where g.active_registrations > g.max_participants)::int as over,
             count(*) filter (where g.status = 'Kuriama' and coalesce(r.n, 0) > 0)::int as draft_regs
      from training_groups g
      left join (select group_id, count(*) as n, count(*) filter (where status in ('REGISTERED', 'APPROVED', 'CONTRACTED')) as active,
                        count(*) filter (where status = 'CONTRACTED') as signed
                 from group_registrations group by group_id) r on r.group_id = g.id`.execute(db);
    const b = bad.rows[0]!;
    if (b.counters > 0) problems.push(`${b.counters} groups whose counters differ from their registrations`);
    if (b.over > 0) problems.push(`${b.over} groups over their maximum`);
    if (b.draft_regs > 0) problems.push(`${b.draft_regs} groups "Kuriama" with registrations`);
    if (seed.rows.training_groups !== GROUPS || (seed.rows.group_registrations ?? 0) !== REGISTRATIONS)
      problems.push(
        `asked ${GROUPS} groups and ${REGISTRATIONS} registrations, wrote ${seed.rows.training_groups} and ${seed.rows.group_registrations}`,
      );

    let workflowLine = 'no workflows';
    if (WORKFLOWS > 0) {
      let started: string[] = [];
      try {
        const w = await startOpenGroupWorkflows(db, {
          client,
          taskQueue,
          codePrefix: seed.codePrefix,
          limit: WORKFLOWS,
          concurrency: CONCURRENCY,
          onBatch: (done, total) => log(`workflows started: ${done} / ${total}`),
        });
        started = w.groupIds;
        workflowLine = `${w.started} group workflows started in ${(w.ms / 1000).toFixed(1)} s (${w.perSecond.toFixed(0)}/s at concurrency ${CONCURRENCY})`;
        console.log(workflowLine);
        if (w.started !== Math.min(WORKFLOWS, w.groups) || w.groups < Math.min(WORKFLOWS, GROUPS))
          problems.push(`${w.started} workflows started for ${w.groups} open groups, ${WORKFLOWS} asked`);
      } finally {
        const t = performance.now();
        const n = await terminateGroupWorkflows(client, started, CONCURRENCY);
        log(`${n} workflows terminated in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      }
    }
    if (problems.length > 0) {
      console.log(`Result: FAILED — ${problems.join('; ')}`);
      return 1;
    }
    console.log(
      `Result: ${seed.totalRows} rows in ${seconds.toFixed(1)} s (${Math.round(seed.totalRows / seconds)} rows/s); ${workflowLine}`,
    );
    return 0;
  } finally {
    await connection.close();
    await db.destroy();
  }
}

runMain(main);
