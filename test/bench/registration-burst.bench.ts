// The registration burst (issue 6): BENCH_BURST_N (5,000) registrations into BENCH_BURST_GROUPS
// (50) published groups as fast as the system takes them, each sent the way the participants'
// portal sends it — an Update of the group's workflow whose updateId is the registration's id.
// A share of them is sent twice (a double submit), and the groups hold fewer places than there
// are registrations, so some are refused. Reports the rate and checks in Postgres that none is
// lost or duplicated and that no group is over its maximum.
// Not a test. `npm run bench` runs it on a fresh database; directly:
//   DATABASE_URL=... TEMPORAL_ADDRESS=localhost:7243 node --import tsx test/bench/registration-burst.bench.ts
// Knobs: BENCH_BURST_N, BENCH_BURST_GROUPS, BENCH_BURST_MAX (90 places a group), BENCH_BURST_CONCURRENCY (64), BENCH_DB_POOL,
// BENCH_WORKFLOW_BUNDLE. Every group's workflow is terminated at the end.
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { sql } from 'kysely';
import { ErrorCode } from '../../workflows/errors.ts';
import { figure, intEnv, migrateAndStart, percentile, runMain } from './measure.ts';
import { benchInstitution, createGroup, deadlinesIn, pool, publishGroup, registerOne, terminateGroups } from './workflow-groups.ts';

const N = intEnv('BENCH_BURST_N', 5000, 1, 100_000);
const GROUPS = intEnv('BENCH_BURST_GROUPS', 50, 1, 1000);
const MAX = intEnv('BENCH_BURST_MAX', 90, 1, 1000);
const CONCURRENCY = intEnv('BENCH_BURST_CONCURRENCY', 64, 1, 512);
const DB_POOL = intEnv('BENCH_DB_POOL', 10, 1, 100);
const DOUBLE_EVERY = 20; // one in twenty registrations is submitted twice
const log = (msg: string) => console.error(`[burst] ${msg}`);

async function main(): Promise<number> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const stack = await migrateAndStart({
    databaseUrl: process.env.DATABASE_URL ?? 'postgres://kursuok:kursuok@localhost:5432/kursuok_bench',
    temporalAddress: process.env.TEMPORAL_ADDRESS ?? 'localhost:7243',
    taskQueuePrefix: 'burst',
    dbPoolSize: DB_POOL,
  });
  const groupIds = Array.from({ length: GROUPS }, () => crypto.randomUUID());
  try {
    const b = await benchInstitution(stack, 'Registracijų antplūdis');
    const open = deadlinesIn(3 * 3_600_000, 48 * 3_600_000);
    let t = performance.now();
    await pool(groupIds, 16, async (groupId, i) => {
      await createGroup(stack, b, groupId, i, open, { maxParticipants: String(MAX) });
      await publishGroup(stack, b, groupId);
    });
    const setupSeconds = (performance.now() - t) / 1000;
    log(`${GROUPS} groups published in ${setupSeconds.toFixed(1)} s`);
    figure('groups created + published (setup), per s', (GROUPS / setupSeconds).toFixed(1));

    // Registration n goes to group n mod GROUPS; person n registers once (some submit twice).
    const sends = Array.from({ length: N }, (_, n) => ({
      n,
      groupId: groupIds[n % GROUPS]!,
      registrationId: crypto.randomUUID(),
      personKey: `burst-${n}`,
    }));
    const work = sends.flatMap((s) => (s.n % DOUBLE_EVERY === 0 ? [s, s] : [s]));
    const latencies: number[] = [];
    const accepted = new Set<string>();
    let refusedFull = 0;
    const unexpected: string[] = [];
    t = performance.now();
    await pool(work, CONCURRENCY, async (s) => {
      const t0 = performance.now();
      try {
        await registerOne(stack, s.groupId, s.registrationId, s.personKey, s.n);
        accepted.add(s.registrationId);
      } catch (err) {
        const cause = err instanceof WorkflowUpdateFailedError ? (err.cause as { type?: string; message?: string } | undefined) : undefined;
        if (cause?.type === ErrorCode.RegistrationRefused && cause.message === 'Grupėje nebėra laisvų vietų.') refusedFull++;
        else unexpected.push(String(cause?.message ?? err));
      }
      latencies.push(performance.now() - t0);
    });
    const seconds = (performance.now() - t) / 1000;
    latencies.sort((x, y) => x - y);

    const perGroup = await stack.db
      .selectFrom('training_groups as g')
      .leftJoin('group_registrations as r', 'r.group_id', 'g.id')
      .select(['g.id', 'g.max_participants', 'g.active_registrations', sql<number>`count(r.id)::int`.as('rows')])
      .where('g.institution_id', '=', b.fx.institutionId)
      .groupBy(['g.id', 'g.max_participants', 'g.active_registrations'])
      .execute();
    const rows = perGroup.reduce((sum, g) => sum + g.rows, 0);
    const over = perGroup.filter((g) => g.rows > g.max_participants || g.active_registrations !== g.rows);
    const dupes = await stack.db
      .selectFrom('group_registrations')
      .select(['person_key', sql<number>`count(*)::int`.as('n')])
      .where('institution_id', '=', b.fx.institutionId)
      .groupBy('person_key')
      .having(sql`count(*)`, '>', 1)
      .execute();
    const capacity = GROUPS * MAX;
    const expectedAccepted = Math.min(N, capacity);

    console.log('');
    console.log(
      `KURSUOK registration burst: ${N} registrations (${work.length - N} sent twice) into ${GROUPS} groups of ${MAX} places, concurrency ${CONCURRENCY}; ${cpus().length} cores, Node ${process.version}`,
    );
    console.log('');
    console.log('| figure | value |');
    console.log('|---|---|');
    console.log(`| Updates sent | ${work.length} in ${seconds.toFixed(1)} s = ${(work.length / seconds).toFixed(0)}/s |`);
    console.log(`| registrations accepted | ${accepted.size} (${(accepted.size / seconds).toFixed(0)}/s; expected ${expectedAccepted}) |`);
    console.log(`| refused "Grupėje nebėra laisvų vietų." | ${refusedFull} |`);
    console.log(
      `| latency per Update, p50 / p95 / p99 | ${percentile(latencies, 50).toFixed(0)} / ${percentile(latencies, 95).toFixed(0)} / ${percentile(latencies, 99).toFixed(0)} ms |`,
    );
    console.log(`| rows in Postgres | ${rows} (accepted ${accepted.size}) |`);
    console.log(`| groups over their maximum or miscounted | ${over.length} |`);
    console.log(`| people registered twice | ${dupes.length} |`);
    figure(`Updates/s (${work.length} into ${GROUPS} groups, c=${CONCURRENCY})`, (work.length / seconds).toFixed(0));
    figure('Update latency p50 / p95 / p99 ms', [50, 95, 99].map((q) => percentile(latencies, q).toFixed(0)).join(' / '));
    figure(
      'accepted / refused (full); lost, doubled, over maximum',
      `${accepted.size} / ${refusedFull}; ${Math.abs(rows - accepted.size)}, ${dupes.length}, ${over.length}`,
    );
    for (const u of unexpected.slice(0, 5)) console.log(`unexpected answer: ${u}`);
    const problems = [
      ...(unexpected.length > 0 ? [`${unexpected.length} unexpected answers, first: ${unexpected[0]}`] : []),
      ...(accepted.size !== expectedAccepted ? [`${accepted.size} registrations accepted, not ${expectedAccepted}`] : []),
      ...(rows !== accepted.size ? [`${rows} rows in Postgres for ${accepted.size} accepted`] : []),
      ...(over.length > 0 ? [`${over.length} groups over their maximum or miscounted`] : []),
      ...(dupes.length > 0 ? [`${dupes.length} people registered twice`] : []),
    ];
    console.log('');
    console.log(
      problems.length === 0 ? 'Result: none lost, none duplicated, no group over its maximum.' : `Result: FAILED — ${problems.join('; ')}.`,
    );
    return problems.length === 0 ? 0 : 1;
  } finally {
    await terminateGroups(stack, groupIds);
    await stack.stop();
  }
}

runMain(main);
