// A worker that dies while a publish is being projected into Postgres (GEN-9, L1 G2): the
// Update survives at the server, the projection (a local activity since issue 16) runs again in the
// workflow task the next worker takes after the dead one's task timed out, and Postgres ends up
// with the group "Skelbiama" exactly once, with one audit row for the change. (A task retried after
// its projection COMMITTED, with other content: projection-retry-crash.test.ts.)
//
// The worker runs as a real child process (worker/main.ts). To catch the projection in flight,
// the test holds the group's row lock from its own connection, so the activity's
// `select ... for update` waits until the worker is SIGKILLed.
import { Client, Connection } from '@temporalio/client';
import postgres from 'postgres';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../db/client.ts';
import { findProgramme } from '../../db/queries/programmes.ts';
import { createGroup, changeGroupStatus, type GroupCommandTarget } from '../../web/group-commands.ts';
import { validateGroupInfo } from '../../workflows/domain/group-info.ts';
import { GroupStatus } from '../../workflows/domain/group-status.ts';
import { trainingGroupWorkflowId } from '../../workflows/ids.ts';
import { GroupStatusKey } from '../../workflows/search-attributes.ts';
import type { Actor } from '../../workflows/training-group/messages.ts';
import { TEST_DATABASE_URL, TEST_TEMPORAL_ADDRESS, testConfig, uniqueTaskQueue } from '../support/env.ts';
import { createInstitution, fullSchedule, groupForm } from '../support/fixtures.ts';
import { backendsWaitingOn, pollFor, terminateAll, within } from '../support/crash.ts';
import { killAllWorkerProcesses, startWorkerProcess } from '../support/worker-process.ts';

const taskQueue = uniqueTaskQueue('worker-crash');
let db: Db;
let sql: postgres.Sql;
let connection: Connection;
let client: Client;
let target: GroupCommandTarget;
const startedWorkflows: string[] = [];

async function groupRow(groupId: string) {
  return db.selectFrom('training_groups').select(['status', 'version']).where('id', '=', groupId).executeTakeFirstOrThrow();
}

async function auditRows(groupId: string) {
  return db
    .selectFrom('audit_log')
    .select(['action', 'changes', 'request_id', 'actor_user_id', 'institution_id'])
    .where('entity_type', '=', 'training_group')
    .where('entity_id', '=', groupId)
    .orderBy('id')
    .execute();
}

beforeAll(async () => {
  db = createDb(TEST_DATABASE_URL, { max: 3 });
  sql = postgres(TEST_DATABASE_URL, { max: 3, onnotice: () => undefined });
  connection = await Connection.connect({ address: TEST_TEMPORAL_ADDRESS });
  client = new Client({ connection });
  // The web's own deadline (config.temporal.commandTimeoutMs); the in-flight publish below waits longer.
  target = { temporal: client, taskQueue, timeoutMs: testConfig(taskQueue).temporal.commandTimeoutMs };
});

afterEach(async () => {
  await killAllWorkerProcesses();
});

afterAll(async () => {
  await killAllWorkerProcesses();
  await terminateAll(client, startedWorkflows);
  await connection?.close();
  await sql?.end({ timeout: 5 });
  await db?.destroy();
});

describe('a worker killed while a publish is in flight', () => {
  it('is restarted and the group is "Skelbiama" exactly once, with one audit row (G2, GEN-9)', { timeout: 150_000 }, async () => {
    const first = await startWorkerProcess(taskQueue);

    // The group, created the way the web creates it.
    const fx = await createInstitution(db, 'Kritimo institucija');
    const programme = await findProgramme(db, fx.institutionId, fx.programmeId);
    if (!programme) throw new Error('fixture programme not found');
    const checked = validateGroupInfo(groupForm(fx.venueId), { venueIds: [fx.venueId, fx.remoteVenueId], languages: programme.languages });
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
    const groupId = crypto.randomUUID();
    const actor: Actor = { userId: fx.userId, institutionId: fx.institutionId, requestId: 'req-crash-create' };
    startedWorkflows.push(trainingGroupWorkflowId(groupId));
    const created = await within(createGroup(target, { groupId, programme, info: checked.info, actor }), 20_000, 'create');
    expect(created).toEqual({ ok: true, value: { status: GroupStatus.Draft, version: 1 } });
    // Every contact hour planned, so that the group can be published (GRP-40, SCHED-16).
    await fullSchedule(db, { institutionId: fx.institutionId, groupId, venueId: fx.venueId });

    // Hold the group's row lock, so the publish projection blocks inside its transaction.
    const locker = await sql.reserve();
    let lockHeld = false;
    try {
      await locker`begin`;
      lockHeld = true;
      const [me] = await locker<{ pid: number }[]>`select pg_backend_pid() as pid`;
      const lockerPid = me!.pid;
      await locker`select id from training_groups where id = ${groupId} for update`;

      // A caller that waits out the outage (the web would answer 503 after its own deadline and
      // the user would resubmit with the same key: that resubmit is checked at the end).
      const publish = {
        groupId,
        to: GroupStatus.Published,
        actor: { ...actor, requestId: 'req-crash-publish' },
        idempotencyKey: crypto.randomUUID(),
      };
      const publishing = changeGroupStatus({ ...target, timeoutMs: 55_000 }, publish);
      let publishSettled = false;
      publishing.then(
        () => (publishSettled = true),
        () => (publishSettled = true),
      );

      const waiters = await pollFor(
        async () => {
          const pids = await backendsWaitingOn(sql, lockerPid);
          return pids.length > 0 ? pids : undefined;
        },
        20_000,
        'the projection activity waiting on the row lock',
      );
      expect(waiters).toHaveLength(1);
      const projectionBackend = waiters[0]!;

      await first.kill('SIGKILL');
      expect(first.alive()).toBe(false);
      expect(publishSettled).toBe(false);

      await locker`rollback`;
      lockHeld = false;

      // The killed worker's transaction never commits: its backend goes away with the lock it got.
      await pollFor(
        async () => {
          const rows = await sql`select 1 from pg_stat_activity where pid = ${projectionBackend}`;
          return rows.length === 0 ? true : undefined;
        },
        10_000,
        "the killed worker's backend ending",
      );
      expect(await groupRow(groupId)).toEqual({ status: GroupStatus.Draft, version: 1 });
      expect((await auditRows(groupId)).map((r) => r.action)).toEqual(['create']);

      // A new worker takes the retried workflow task (after its 10 s timeout), which projects the
      // publish and completes the Update (~12 s after the kill here).
      await startWorkerProcess(taskQueue);
      const published = await within(publishing, 45_000, 'the publish after the restart');
      expect(published).toEqual({ ok: true, value: { status: GroupStatus.Published, version: 2 } });
      // The same form submitted again is the same Update: the same answer, nothing done twice.
      expect(await within(changeGroupStatus(target, publish), 20_000, 'the resubmitted publish')).toEqual(published);
    } finally {
      if (lockHeld) await locker`rollback`.catch(() => undefined);
      locker.release();
    }

    expect(await groupRow(groupId)).toEqual({ status: GroupStatus.Published, version: 2 });
    const audit = await auditRows(groupId);
    expect(audit.map((r) => r.action)).toEqual(['create', 'status']);
    expect(audit[1]).toEqual({
      action: 'status',
      changes: { status: { before: GroupStatus.Draft, after: GroupStatus.Published } },
      request_id: 'req-crash-publish',
      actor_user_id: fx.userId,
      institution_id: fx.institutionId,
    });

    const described = await client.workflow.getHandle(trainingGroupWorkflowId(groupId)).describe();
    expect(described.status.name).toBe('RUNNING');
    expect(described.typedSearchAttributes.get(GroupStatusKey)).toBe(GroupStatus.Published);
  });
});
