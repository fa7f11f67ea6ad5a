// The deadline storm (issue 5): N training groups whose registration ends at the same instant.
// Each group is a TrainingGroup workflow with its own timer; at the instant every timer fires and
// every group makes its G4 move at once — "Vykdoma" where the minimum was reached, the pending
// decision otherwise — through the projection activity into Postgres. Reports how long after the
// instant the last group had transitioned, and the spread, from the audit rows' times.
// Not a test. `npm run bench` runs it on a fresh database; directly:
//   DATABASE_URL=... TEMPORAL_ADDRESS=localhost:7243 node --import tsx test/bench/deadline-storm.bench.ts
// Knobs (environment): BENCH_STORM_N (1000), BENCH_STORM_CONCURRENCY (32), BENCH_DB_POOL (10 per pool),
// BENCH_STORM_MARGIN_S (15: seconds of headroom before the instant, on top of BENCH_STORM_MARGIN_FACTOR,
// 3, times the create time: save + publish (+ a registration) took 1.5–2.1× as long as the create at
// 5,000 groups; 2 left the real server 0.7 s short),
// BENCH_WORKFLOW_BUNDLE. Every group's workflow is terminated at the end.
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { sql } from 'kysely';
import type { GroupDeadlines } from '../../workflows/domain/group-deadlines.ts';
import { GroupStatus } from '../../workflows/domain/group-status.ts';
import { trainingGroupWorkflowId } from '../../workflows/ids.ts';
import { saveGroupInfoUpdate } from '../../workflows/training-group/messages.ts';
import { figure, intEnv, migrateAndStart, percentile, runMain } from './measure.ts';
import { benchInstitution, createGroup, deadlinesIn, pool, publishGroup, registerOne, terminateGroups } from './workflow-groups.ts';

const N = intEnv('BENCH_STORM_N', 1000, 2, 20_000);
const CONCURRENCY = intEnv('BENCH_STORM_CONCURRENCY', 32, 1, 256);
const DB_POOL = intEnv('BENCH_DB_POOL', 10, 1, 100);
const MARGIN_S = intEnv('BENCH_STORM_MARGIN_S', 15, 1, 600);
const MARGIN_FACTOR = intEnv('BENCH_STORM_MARGIN_FACTOR', 3, 1, 10);
const log = (msg: string) => console.error(`[storm] ${msg}`);

async function main(): Promise<number> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const stack = await migrateAndStart({
    databaseUrl: process.env.DATABASE_URL ?? 'postgres://kursuok:kursuok@localhost:5432/kursuok_bench',
    temporalAddress: process.env.TEMPORAL_ADDRESS ?? 'localhost:7243',
    taskQueuePrefix: 'storm',
    dbPoolSize: DB_POOL,
  });
  const ids = Array.from({ length: N }, () => crypto.randomUUID());
  try {
    const b = await benchInstitution(stack, 'Audros institucija');
    const fx = b.fx;
    const far = deadlinesIn(86_400_000, 2 * 86_400_000);

    // Phase 1: the groups exist ("Kuriama"), with their timetables.
    let t = performance.now();
    await pool(ids, CONCURRENCY, async (groupId, i) => {
      await createGroup(stack, b, groupId, i, far, { maxParticipants: '5' });
    });
    const createSeconds = (performance.now() - t) / 1000;
    log(`${N} groups created with timetables in ${createSeconds.toFixed(1)} s`);
    figure(`groups created (setup, c=${CONCURRENCY}), per s`, (N / createSeconds).toFixed(1));

    // Phase 2: one instant for all, far enough ahead for saving, publishing and registering (together
    // 1.5–2.1× as long as the creates), then every group published; every other one gets a participant.
    const margin = createSeconds * MARGIN_FACTOR + MARGIN_S;
    const instant = Date.now() + margin * 1000;
    const storm: GroupDeadlines = { registrationClosesAt: new Date(instant).toISOString(), programmeStartsAt: far.programmeStartsAt };
    t = performance.now();
    await pool(ids, CONCURRENCY, async (groupId, i) => {
      await stack.client.workflow
        .getHandle(trainingGroupWorkflowId(groupId))
        .executeUpdate(saveGroupInfoUpdate, { args: [{ actor: b.actor, info: b.info(i, { maxParticipants: '5' }), deadlines: storm }] });
      await publishGroup(stack, b, groupId);
      if (i % 2 === 0) await registerOne(stack, groupId, crypto.randomUUID(), `storm-${i}`, i);
    });
    const leftMs = instant - Date.now();
    const publishSeconds = (performance.now() - t) / 1000;
    log(`published in ${publishSeconds.toFixed(1)} s; ${(leftMs / 1000).toFixed(1)} s left until the instant`);
    figure('save + publish (+ a registration for every 2nd), groups per s', (N / publishSeconds).toFixed(1));
    if (leftMs < 1000) {
      console.log(
        `Result: FAILED — setup overran the common deadline (${(leftMs / 1000).toFixed(1)} s left); raise BENCH_STORM_MARGIN_FACTOR or BENCH_STORM_MARGIN_S (the figures would not be a storm).`,
      );
      return 1;
    }

    // Phase 3: the storm. Done when every group has moved (status "Vykdoma" or a pending decision).
    const timeoutAt = instant + 10 * 60_000;
    let moved = 0;
    while (Date.now() < timeoutAt) {
      const row = await stack.db
        .selectFrom('training_groups')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('institution_id', '=', fx.institutionId)
        .where((eb) => eb.or([eb('status', '=', GroupStatus.InDelivery), eb('decision_due_at', 'is not', null)]))
        .executeTakeFirstOrThrow();
      moved = row.n;
      if (moved >= N) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const observedAll = Math.round(Date.now() - instant);
    const audit = await stack.db
      .selectFrom('audit_log')
      .select(['entity_id', 'occurred_at'])
      .where('institution_id', '=', fx.institutionId)
      .where('entity_type', '=', 'training_group')
      .where(sql<boolean>`changes->'rule'->>'after' = 'G4'`)
      .execute();
    const lags = audit.map((a) => Math.round(a.occurred_at.getTime() - instant)).sort((a, b) => a - b);
    const [delivered, pending] = await Promise.all([
      stack.db
        .selectFrom('training_groups')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('institution_id', '=', fx.institutionId)
        .where('status', '=', GroupStatus.InDelivery)
        .executeTakeFirstOrThrow(),
      stack.db
        .selectFrom('training_groups')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('institution_id', '=', fx.institutionId)
        .where('status', '=', GroupStatus.Published)
        .where('decision_due_at', 'is not', null)
        .executeTakeFirstOrThrow(),
    ]);
    console.log('');
    console.log(`KURSUOK deadline storm: ${N} groups, registration ends at one instant; ${cpus().length} cores, Node ${process.version}`);
    console.log('');
    console.log('| figure | value |');
    console.log('|---|---|');
    console.log(
      `| groups transitioned | ${moved} of ${N} (${delivered.n} "Vykdoma" by G4, ${pending.n} awaiting the provider's decision) |`,
    );
    console.log(`| G4 audit rows | ${lags.length} |`);
    if (lags.length > 0) {
      console.log(
        `| lag after the instant, first / p50 / p95 / last | ${lags[0]} / ${percentile(lags, 50)} / ${percentile(lags, 95)} / ${lags.at(-1)} ms |`,
      );
      console.log(
        `| rate while storming | ${(lags.length / Math.max(1, (lags.at(-1)! - Math.max(0, lags[0]!)) / 1000)).toFixed(0)} transitions/s |`,
      );
    }
    console.log(`| all seen in Postgres after | ${observedAll} ms |`);
    figure(
      `${N} groups at one instant: lag p50 / p95 / last, s`,
      lags.length > 0 ? [percentile(lags, 50), percentile(lags, 95), lags.at(-1)!].map((v) => (v / 1000).toFixed(1)).join(' / ') : '-',
    );
    figure('transitioned exactly once', `${Math.min(moved, lags.length)} of ${N}`);
    console.log('');
    const ok = moved === N && lags.length === N;
    console.log(
      ok ? 'Result: every group transitioned exactly once.' : `Result: FAILED — ${moved} of ${N} moved, ${lags.length} G4 audit rows.`,
    );
    return ok ? 0 : 1;
  } finally {
    await terminateGroups(stack, ids);
    await stack.stop();
  }
}

runMain(main);
