// Issue 10: a worker once hung in DRAINING past its grace time on SIGTERM. worker/main.ts (the real
// entry, as a child process on its own task queue) must exit within a bound even when an activity
// ignores its cancellation: here the group projection waits on a row lock the test holds, as it
// would on a Postgres that stalls. Only the child started here is signalled (never every worker
// on the machine).
import { Client, Connection } from '@temporalio/client';
import { sql, type Transaction } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../db/client.ts';
import { findProgramme } from '../../db/queries/programmes.ts';
import type { Database } from '../../db/schema.ts';
import { createGroup } from '../../web/group-commands.ts';
import { SHUTDOWN_FORCE_MS, SHUTDOWN_GRACE_MS } from '../../worker/worker.ts';
import { validateGroupInfo } from '../../workflows/domain/group-info.ts';
import { trainingGroupWorkflowId } from '../../workflows/ids.ts';
import { TEST_DATABASE_URL, TEST_TEMPORAL_ADDRESS, uniqueTaskQueue } from '../support/env.ts';
import { createInstitution, groupForm, type InstitutionFixture } from '../support/fixtures.ts';
import { eventually } from '../support/wait.ts';
import { startWorkerProcess, type WorkerProcess } from '../support/worker-process.ts';

let db: Db;
let connection: Connection;
let client: Client;
let fx: InstitutionFixture;
let worker: WorkerProcess | undefined;
const taskQueue = uniqueTaskQueue('shutdown');

beforeAll(async () => {
  db = createDb(TEST_DATABASE_URL, { max: 3 });
  connection = await Connection.connect({ address: TEST_TEMPORAL_ADDRESS });
  client = new Client({ connection });
  fx = await createInstitution(db, 'Stabdymo institucija');
});

afterAll(async () => {
  // Only this test's own child, and only if something went wrong before it exited.
  if (worker?.alive()) await worker.kill('SIGKILL').catch(() => undefined);
  await connection?.close();
  await db?.destroy();
});

async function waitingOnLock(): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`.execute(db);
  return rows[0]!.n;
}

describe('worker/main.ts on SIGTERM', () => {
  it(
    'exits within grace + margin while an activity that ignores its cancellation is running, saying so',
    { timeout: 180_000 },
    async () => {
      worker = await startWorkerProcess(taskQueue, 120_000);
      const programme = (await findProgramme(db, fx.institutionId, fx.programmeId))!;
      const checked = validateGroupInfo(groupForm(fx.venueId, { name: 'Stabdoma grupė' }));
      if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
      const groupId = crypto.randomUUID();

      // The group's first projection reads the programme FOR SHARE: held up while this transaction lives.
      let release!: () => void;
      const released = new Promise<void>((r) => (release = r));
      let locked!: () => void;
      const isLocked = new Promise<void>((r) => (locked = r));
      const holding = db.transaction().execute(async (tx: Transaction<Database>) => {
        await tx.selectFrom('programmes').select('id').where('id', '=', fx.programmeId).forUpdate().execute();
        locked();
        await released;
      });
      await Promise.race([isLocked, holding]);
      try {
        const result = await createGroup(
          // Longer than the workflow task's heartbeat (8 s): the projection is a local activity (issue 16),
          // so the Update's acceptance reaches Temporal with that heartbeat while the projection waits.
          { temporal: client, taskQueue, timeoutMs: 12_000 },
          {
            groupId,
            programme,
            info: checked.info,
            actor: {
              userId: fx.userId,
              institutionId: fx.institutionId,
              requestId: 'shutdown-test',
              personalCodeHash: fx.personalCodeHash,
            },
          },
        );
        // The worker took the command (202): its projection activity is the one now waiting.
        expect(result).toMatchObject({ ok: false, status: 202 });
        expect(await eventually(waitingOnLock, (n) => n > 0, 10_000)).toBeGreaterThan(0);

        const signalled = Date.now();
        await worker.kill('SIGTERM', SHUTDOWN_FORCE_MS + 15_000);
        const tookMs = Date.now() - signalled;
        // Running activities had their grace time; the process did not stay DRAINING for good.
        expect(tookMs).toBeGreaterThanOrEqual(SHUTDOWN_GRACE_MS - 1_000);
        expect(tookMs).toBeLessThan(SHUTDOWN_FORCE_MS + 10_000);
        expect(worker.child.exitCode).toBe(1);
        expect(worker.output()).toContain('worker: SIGTERM: stopping; running activities have 10 s to finish');
        expect(worker.output()).toMatch(
          /worker: activities still running 15 s after SIGTERM; exiting without them|worker: still not stopped \d+ s after SIGTERM; exiting/,
        );
      } finally {
        release();
        await holding;
        await client.workflow
          .getHandle(trainingGroupWorkflowId(groupId))
          .terminate('test cleanup')
          .catch(() => undefined);
      }
    },
  );
});
