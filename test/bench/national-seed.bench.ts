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
// BENCH_NAT_CONCURRENCY (64 starts in flight), BENCH_NAT_WORKER (1: then the production worker process
// takes the open workflows: how long, and its RSS; KURSUOK_MAX_CACHED_WORKFLOWS sets its cache and
// KURSUOK_WORKER_HEAP_MB its heap limit, as for npm start).
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Client, Connection } from '@temporalio/client';
import { sql } from 'kysely';
import { createDb } from '../../db/client.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { seedNational } from '../../db/seed/national.ts';
import { trainingGroupWorkflowId } from '../../workflows/ids.ts';
import { writeWorkflowBundle } from '../../worker/bundle.ts';
import { loadConfig, workerHeapMb } from '../../worker/config.ts';
import { ROOT } from '../support/env.ts';
import { startWorkerProcess } from '../support/worker-process.ts';
import { figure, intEnv, log, runMain, table } from './measure.ts';
import { startOpenGroupWorkflows, terminateGroupWorkflows } from './national-workflows.ts';

const INSTITUTIONS = intEnv('BENCH_NAT_INSTITUTIONS', 1000, 1, 9_999);
const GROUPS = intEnv('BENCH_NAT_GROUPS', 20_000, 1, 1_000_000);
const REGISTRATIONS = intEnv('BENCH_NAT_REGISTRATIONS', 300_000, 0, 10_000_000);
const WORKFLOWS = intEnv('BENCH_NAT_WORKFLOWS', 20_000, 0, 1_000_000);
const CONCURRENCY = intEnv('BENCH_NAT_CONCURRENCY', 64, 1, 1024);
const WORKER = intEnv('BENCH_NAT_WORKER', 1, 0, 1);

const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

/** VmRSS and VmHWM (peak) of a process, in bytes, and its CPU ticks so far. */
function processFigures(pid: number): { rss: number; peak: number; ticks: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { rss: kib('VmRSS'), peak: kib('VmHWM'), ticks: Number(fields[11]) + Number(fields[12]) };
}

/**
 * The production worker (worker/main.ts, its own process, the production cache size and heap limit unless
 * KURSUOK_MAX_CACHED_WORKFLOWS or KURSUOK_WORKER_HEAP_MB say otherwise) started on the task queue where the open groups'
 * workflows wait: how long until it has run each one's first workflow task (it is idle again: under
 * 5 % of a core for 3 s), and its RSS then and at its peak. A sample of the workflows is checked to
 * have run a task (history longer than the start's two events).
 */
async function measureWorker(client: Client, taskQueue: string, groupIds: readonly string[]) {
  const cache = `cache ${loadConfig().temporal.maxCachedWorkflows}, heap ${workerHeapMb()} MiB`;
  // As npm start and the Docker image run it: with the workflow bundle built ahead (worker/bundle.ts).
  const bundle = process.env.BENCH_WORKFLOW_BUNDLE ?? `${ROOT}.data/bench/workflow-bundle.js`;
  if (!process.env.BENCH_WORKFLOW_BUNDLE) await writeWorkflowBundle(bundle);
  log(`starting the worker process on ${taskQueue} (${cache}, bundle ${bundle})`);
  const worker = await startWorkerProcess(taskQueue, 180_000, { KURSUOK_WORKFLOW_BUNDLE: bundle });
  try {
    const t0 = performance.now();
    const ticks: number[] = [];
    let last = processFigures(worker.pid);
    for (;;) {
      await new Promise((r) => setTimeout(r, 1000));
      const now = processFigures(worker.pid);
      ticks.push(now.ticks - last.ticks);
      last = now;
      const seconds = (performance.now() - t0) / 1000;
      if (ticks.length % 10 === 0) log(`worker: ${seconds.toFixed(0)} s, RSS ${mib(now.rss)} MiB, CPU ${ticks.at(-1)}% of a core`);
      // USER_HZ is 100: 15 ticks over 3 s is 5 % of one core.
      const quiet = ticks.length >= 5 && ticks.slice(-3).reduce((a, b) => a + b, 0) < 15;
      if (quiet || seconds > 1800) break;
    }
    const seconds = (performance.now() - t0) / 1000 - 3;
    const sample = Array.from({ length: Math.min(20, groupIds.length) }, (_, i) => groupIds[Math.floor((i * groupIds.length) / 20)]!);
    let unprocessed = 0;
    for (const id of sample) {
      const d = await client.workflow.getHandle(trainingGroupWorkflowId(id)).describe();
      if (d.historyLength <= 2) unprocessed++;
    }
    return { cache, seconds, rssAfter: last.rss, rssPeak: last.peak, unprocessed, sampled: sample.length };
  } finally {
    await worker.kill('SIGTERM', 60_000);
  }
}

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

    figure(
      'seed (COPY, one transaction): rows, s, rows per s',
      `${seed.totalRows}, ${seconds.toFixed(1)}, ${Math.round(seed.totalRows / seconds)}`,
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
        figure(`group workflows started (c=${CONCURRENCY}), per s`, w.perSecond.toFixed(0));
        if (w.started !== Math.min(WORKFLOWS, w.groups) || w.groups < Math.min(WORKFLOWS, GROUPS))
          problems.push(`${w.started} workflows started for ${w.groups} open groups, ${WORKFLOWS} asked`);
        if (WORKER && started.length > 0) {
          const m = await measureWorker(client, taskQueue, started);
          console.log(
            `worker process (worker/main.ts, ${m.cache}): ${started.length} open group workflows taken in ${m.seconds.toFixed(1)} s ` +
              `(${(started.length / m.seconds).toFixed(0)} first workflow tasks/s); RSS ${mib(m.rssAfter)} when idle, peak ${mib(m.rssPeak)}`,
          );
          figure(
            `worker with ${started.length} open workflows (${m.cache}): RSS idle / peak MiB`,
            `${mib(m.rssAfter)} / ${mib(m.rssPeak)}`,
          );
          figure(`worker: first tasks of ${started.length} workflows, per s`, (started.length / m.seconds).toFixed(0));
          if (m.unprocessed > 0) problems.push(`${m.unprocessed} of ${m.sampled} sampled workflows never ran a workflow task`);
        }
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
