// Issue 16 ("fewer round trips per command"): the TrainingGroup projection runs as a LOCAL activity,
// which the workflow's history does not guard. The failure seen before: the worker dies after the
// projection committed version N but before its workflow task completed; the retried task projects
// version N again with a DIFFERENT batch (registrations that arrived meanwhile, a signal handled
// first), and a projection idempotent only by version skipped it — registrations lost from Postgres
// or left there though the workflow never accepted them. Through the real path (GRP-41, UZT-13,
// GEN-9, GEN-10):
//   1. worker 1 (a child process, worker/main.ts) talks to Temporal through a TCP proxy the test
//      controls; the test holds the group's row lock, so the projection of registration A waits;
//   2. the proxy stops passing what worker 1 sends, the lock is released: the projection commits
//      version N with batch A, and the task's completion never reaches Temporal; worker 1 is SIGKILLed;
//   3. while the task waits out its timeout, a coupon cancellation (signal) and two more
//      registrations arrive; worker 2 takes the retried task, whose version N is another batch or
//      the cancellation;
//   4. Postgres ends exactly as the workflow's state: every registration the workflow holds, once,
//      with one audit row; none it refused; the counters; one audit row of the group per version;
//      the group not over its maximum; the cancellation's e-mail queued once.
import { Client, Connection, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import net from 'node:net';
import postgres from 'postgres';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../db/client.ts';
import { vilniusDate } from '../../workflows/domain/calendar.ts';
import { validateGroupInfo } from '../../workflows/domain/group-info.ts';
import { GroupStatus } from '../../workflows/domain/group-status.ts';
import { trainingGroupWorkflowId } from '../../workflows/ids.ts';
import {
  changeGroupStatusUpdate,
  createGroupUpdate,
  groupStateQuery,
  registerParticipantUpdate,
  registrationCancelledSignal,
  type Actor,
  type RegistrationResult,
} from '../../workflows/training-group/messages.ts';
import type { trainingGroupWorkflow } from '../../workflows/training-group/workflow.ts';
import { TEST_DATABASE_URL, TEST_TEMPORAL_ADDRESS, uniqueTaskQueue } from '../support/env.ts';
import { createInstitution, fullSchedule, groupForm } from '../support/fixtures.ts';
import { backendsWaitingOn, pollFor, terminateAll, within } from '../support/crash.ts';
import { killAllWorkerProcesses, startWorkerProcess } from '../support/worker-process.ts';

const taskQueue = uniqueTaskQueue('projection-retry');
let db: Db;
let sql: postgres.Sql;
let connection: Connection;
let client: Client;
const startedWorkflows: string[] = [];

/** A TCP proxy to Temporal whose worker-to-server direction the test can stop. */
interface Proxy {
  address: string;
  /** From now on, nothing the worker sends reaches Temporal. */
  hold(): void;
  close(): Promise<void>;
}

async function startProxy(target: string): Promise<Proxy> {
  const [host, port] = target.split(':');
  let held = false;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((downstream) => {
    const upstream = net.connect(Number(port), host === 'localhost' ? '127.0.0.1' : host);
    sockets.add(downstream).add(upstream);
    downstream.on('data', (chunk) => {
      if (!held) upstream.write(chunk);
    });
    upstream.on('data', (chunk) => downstream.write(chunk));
    const end = () => {
      downstream.destroy();
      upstream.destroy();
    };
    downstream.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port: listening } = server.address() as net.AddressInfo;
  return {
    address: `127.0.0.1:${listening}`,
    hold: () => {
      held = true;
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function registration(who: string) {
  const registrationId = crypto.randomUUID();
  return {
    registrationId,
    funding: 'IMP_KREPSELIS' as const,
    person: {
      personKey: `key-${who}-${registrationId.slice(0, 8)}`,
      firstName: who,
      lastName: 'Dalyvaitė',
      email: `${who}@dalyviai.example.lt`,
    },
  };
}

/** Sends a registration; settles with its result or its refusal (never rejects). */
function register(handle: WorkflowHandle, cmd: ReturnType<typeof registration>): Promise<RegistrationResult | Error> {
  return handle.executeUpdate(registerParticipantUpdate, { args: [cmd], updateId: cmd.registrationId }).catch((err: Error) => err);
}

beforeAll(async () => {
  db = createDb(TEST_DATABASE_URL, { max: 3 });
  sql = postgres(TEST_DATABASE_URL, { max: 3, onnotice: () => undefined });
  connection = await Connection.connect({ address: TEST_TEMPORAL_ADDRESS });
  client = new Client({ connection });
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

describe('a workflow task retried after its local projection committed (issue 16)', () => {
  it.each([
    { retried: 'a larger batch (B ⊃ A)', cancellation: false },
    { retried: 'a coupon cancellation handled first, then the batch (another change, A not carried)', cancellation: true },
  ])(
    'projects the same version again as $retried: Postgres ends as the workflow state, nothing lost or doubled, not over the maximum (GRP-41)',
    { timeout: 150_000 },
    async ({ cancellation }) => {
      const proxy = await startProxy(TEST_TEMPORAL_ADDRESS);
      const first = await startWorkerProcess(taskQueue, 60_000, { TEMPORAL_ADDRESS: proxy.address });

      // A published group with room for three, open for registration for the next ten minutes.
      const fx = await createInstitution(db, 'Pakartotinės projekcijos institucija');
      const checked = validateGroupInfo(
        groupForm(fx.venueId, { registrationStart: vilniusDate(new Date()), minParticipants: '1', maxParticipants: '3' }),
      );
      if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
      const groupId = crypto.randomUUID();
      const actor: Actor = { userId: fx.userId, institutionId: fx.institutionId, requestId: 'req-retry' };
      const workflowId = trainingGroupWorkflowId(groupId);
      startedWorkflows.push(workflowId);
      const handle = await client.workflow.start<typeof trainingGroupWorkflow>('trainingGroupWorkflow', {
        workflowId,
        taskQueue,
        args: [
          {
            groupId,
            institutionId: fx.institutionId,
            programmeId: fx.programmeId,
            programmeCode: fx.programmeCode,
            programmeName: 'Programa',
          },
        ],
      });
      const now = Date.now();
      const deadlines = {
        registrationClosesAt: new Date(now + 600_000).toISOString(),
        programmeStartsAt: new Date(now + 1_200_000).toISOString(),
      };
      await handle.executeUpdate(createGroupUpdate, { args: [{ actor, info: checked.info, deadlines }], updateId: groupId });
      await fullSchedule(db, { institutionId: fx.institutionId, groupId, venueId: fx.venueId });
      await handle.executeUpdate(changeGroupStatusUpdate, { args: [{ actor, to: GroupStatus.Published }] });
      const earlier = registration('ona');
      expect(await register(handle, earlier)).toMatchObject({ status: 'REGISTERED', activeRegistrations: 1 });
      const version = 4; // 1 create, 2 publish, 3 Ona; the next projection is version 4

      // 1. The projection of batch A (Rasa) waits for the group's row, locked by the test.
      const a = registration('rasa');
      const locker = await sql.reserve();
      let lockHeld = false;
      let registeringA: Promise<RegistrationResult | Error>;
      try {
        await locker`begin`;
        lockHeld = true;
        const [me] = await locker<{ pid: number }[]>`select pg_backend_pid() as pid`;
        await locker`select id from training_groups where id = ${groupId} for update`;
        registeringA = register(handle, a);
        await pollFor(
          async () => ((await backendsWaitingOn(sql, me!.pid)).length > 0 ? true : undefined),
          7_000, // well inside the 8 s after which the SDK would heartbeat the workflow task
          'the local projection waiting on the row lock',
        );
        // 2. From now on worker 1 cannot complete its task; the projection commits version N = batch A.
        proxy.hold();
        await locker`rollback`;
        lockHeld = false;
      } finally {
        if (lockHeld) await locker`rollback`.catch(() => undefined);
        locker.release();
      }
      const committed = await pollFor(
        async () => {
          const row = await db
            .selectFrom('training_groups')
            .select(['version', 'active_registrations'])
            .where('id', '=', groupId)
            .executeTakeFirst();
          return row && row.version === version ? row : undefined;
        },
        10_000,
        'version N committed by the local activity',
      );
      await first.kill('SIGKILL');
      await proxy.close();
      expect(committed).toEqual({ version, active_registrations: 2 });
      expect(
        (await db.selectFrom('group_registrations').select('id').where('group_id', '=', groupId).execute()).map((r) => r.id).sort(),
      ).toEqual([earlier.registrationId, a.registrationId].sort());

      // 3. While the task waits out its timeout: Ieva and Jonas register (and UŽT cancels Ona's coupon).
      if (cancellation)
        await handle.signal(registrationCancelledSignal, { registrationId: earlier.registrationId, reason: 'Kuponas atmestas' });
      const b1 = registration('ieva');
      const b2 = registration('jonas');
      const registeringB = [register(handle, b1), register(handle, b2)];
      await new Promise((r) => setTimeout(r, 1_000));
      const second = await startWorkerProcess(taskQueue);
      // (With a projection idempotent only by version this never settles: version N is skipped, and
      // the next one either loses batch B's registrations or collides with batch A's row.)
      const results = await within(Promise.all([registeringA!, ...registeringB]), 60_000, 'the registrations after the restart');

      // 4. Postgres is the workflow's state.
      if (cancellation) {
        await pollFor(
          async () =>
            (await handle.query(groupStateQuery)).registrations?.[earlier.registrationId]?.status === 'CANCELLED' ? true : undefined,
          10_000,
          'the cancellation',
        );
      }
      const state = await handle.query(groupStateQuery);
      const group = await db.selectFrom('training_groups').selectAll().where('id', '=', groupId).executeTakeFirstOrThrow();
      expect({ version: group.version, active: group.active_registrations }).toEqual({
        version: state.version,
        active: state.activeRegistrations,
      });
      expect(group.active_registrations).toBeLessThanOrEqual(3);
      const rows = await db.selectFrom('group_registrations').select(['id', 'status']).where('group_id', '=', groupId).execute();
      expect(Object.fromEntries(rows.map((r) => [r.id, r.status]))).toEqual(
        Object.fromEntries(Object.entries(state.registrations ?? {}).map(([id, r]) => [id, r.status])),
      );
      expect(state.registrations?.[earlier.registrationId]?.status).toBe(cancellation ? 'CANCELLED' : 'REGISTERED');
      expect(state.registrations?.[a.registrationId]?.status).toBe('REGISTERED');
      // Each caller was told what the workflow holds: accepted ones are in Postgres, refused ones are not.
      for (const [cmd, result] of [a, b1, b2].map((c, i) => [c, results[i]] as const)) {
        if (result instanceof Error) {
          expect(result).toBeInstanceOf(WorkflowUpdateFailedError);
          expect(rows.map((r) => r.id)).not.toContain(cmd.registrationId);
        } else {
          expect(rows.find((r) => r.id === cmd.registrationId)?.status).toBe('REGISTERED');
        }
      }
      // One audit row per registration created, one per version of the group.
      const audit = await db
        .selectFrom('audit_log')
        .select(['entity_type', 'entity_id', 'action'])
        .where('institution_id', '=', fx.institutionId)
        .where('entity_type', 'in', ['training_group', 'group_registration'])
        .execute();
      for (const r of rows) expect(audit.filter((x) => x.entity_id === r.id && x.action === 'create')).toHaveLength(1);
      expect(audit.filter((x) => x.entity_type === 'group_registration' && x.action === 'create')).toHaveLength(rows.length);
      expect(audit.filter((x) => x.entity_id === groupId)).toHaveLength(state.version);
      // The cancellation's e-mail, once (GEN-10).
      const mails = await db
        .selectFrom('email_outbox')
        .select('kind')
        .where('entity_type', '=', 'group_registration')
        .where(
          'entity_id',
          'in',
          rows.map((r) => r.id),
        )
        .execute();
      expect(mails).toEqual(cancellation ? [{ kind: 'COUPON_REJECTED' }] : []);
      // Which content the retried task gave version N (with the cancellation: the order of the signal
      // and the Updates in its activation is the SDK's): either way it is not batch A.
      const versionN = await db
        .selectFrom('audit_log')
        .select('changes')
        .where('entity_type', '=', 'training_group')
        .where('entity_id', '=', groupId)
        .orderBy('id')
        .offset(version - 1)
        .executeTakeFirstOrThrow();
      console.log(`version ${version} after the retry: ${JSON.stringify(versionN.changes)}`);
      expect(versionN.changes).not.toEqual({ active_registrations: { before: 1, after: 2 }, rule: { before: null, after: 'P1' } });
      await second.kill('SIGTERM');
    },
  );
});
