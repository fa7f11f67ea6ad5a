// One user action is one command; the workflow that takes it does the rest, and a worker killed in
// the middle does the rest after its restart, exactly once (issue 10; UZT-10, UZT-11, UZT-14, UZT-16,
// PART-7, GEN-10). Through the real path: the portal's and the provider's pages send one Update each
// to TrainingGroup:<id>, the worker runs as a child process (worker/main.ts) that the test SIGKILLs:
//   1. the participant registers with UŽT funding; the worker dies while the coupon it started is
//      fetching Section I from UŽT (held by the simulator) → after the restart: one registration,
//      one coupon, Section I stored once;
//   2. the provider approves; the worker dies while the approval's projection waits for the group's
//      row (held by the test) → after the restart: the approval, the provider's UŽT data, Section II
//      at UŽT and the participant's e-mail, each exactly once — also after an outbox relay run.
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Coupon } from '../../activities/registries/uzt.ts';
import { hashPersonalCode } from '../../worker/crypto.ts';
import { uztCouponWorkflowId } from '../../workflows/ids.ts';
import type { emailOutboxRelayWorkflow } from '../../workflows/outbox-relay/workflow.ts';
import { registryFixtures } from '../sim/registries/fixtures.ts';
import { TEST_PEOPLE } from '../sim/viisp/people.ts';
import { TEST_DATABASE_URL } from '../support/env.ts';
import type { InstitutionFixture } from '../support/fixtures.ts';
import { appCaller } from '../support/http.ts';
import { mailpit, mailpitQuery } from '../support/mailpit.ts';
import { deadlinesIn, groupInfo, insertParticipant, publishedGroup } from '../support/participants.ts';
import { adminSession, personSessionFor } from '../support/session.ts';
import { startStack, type TestStack } from '../support/stack.ts';
import { approveBody, uztInstitution, UZT_GROUP } from '../support/uzt.ts';
import { eventually } from '../support/wait.ts';
import { killAllWorkerProcesses, startWorkerProcess, type WorkerProcess } from '../support/worker-process.ts';

let stack: TestStack;
let fx: InstitutionFixture;
let employerId: string;
let sql: postgres.Sql;
let worker: WorkerProcess | undefined;

const startWorker = () => startWorkerProcess(stack.config.temporal.taskQueue, 60_000, stack.env);
const count = async (table: 'group_registrations' | 'uzt_coupons', column: 'id' | 'registration_id', id: string) =>
  Number(
    (
      await stack.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .where(column, '=', id)
        .executeTakeFirstOrThrow()
    ).n,
  );
const audits = (entityType: string, entityId: string, action: string) =>
  stack.db
    .selectFrom('audit_log')
    .select('changes')
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .where('action', '=', action)
    .execute();

/** Polls until `probe` is true, for at most `ms`. */
async function until(probe: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  stack = await startStack('orchestration-crash', { simulators: true, worker: false });
  sql = postgres(TEST_DATABASE_URL, { max: 2, onnotice: () => undefined });
  ({ fx, employerId } = await uztInstitution(stack.db, 'Orkestravimo institucija'));
  worker = await startWorker();
});

afterAll(async () => {
  stack?.registries?.recover();
  await killAllWorkerProcesses();
  await sql?.end({ timeout: 5 });
  await stack?.stop();
});

describe('a worker killed between the steps of one command (issue 10)', () => {
  it(
    'registration → coupon, and approval → UŽT data, Section II and e-mail: each exactly once after the restart',
    { timeout: 240_000 },
    async () => {
      const s = { client: stack.client, db: stack.db, taskQueue: stack.config.temporal.taskQueue };
      const { groupId, handle } = await publishedGroup(s, fx, deadlinesIn(300, 600), groupInfo(fx, UZT_GROUP));
      const coupon: Coupon = [...registryFixtures().coupons.values()]
        .filter((c) => c.status === 'ISSUED' && c.personalCode !== TEST_PEOPLE.ieva.personalCode)
        .at(-1)!;
      const personKey = hashPersonalCode(stack.config.secrets.personalCodePepper, coupon.personalCode);
      const p = await insertParticipant(stack.db, { firstName: coupon.givenName, personKey });
      const participant = await personSessionFor(stack.db, { audience: 'DALYVIS', personKey, participantId: p.participantId });
      const call = appCaller(stack.app);

      // 1. One command from the portal; UŽT holds the coupon's Section I request, the worker dies.
      stack.registries!.fail('uzt', { mode: 'hang' });
      const registrationId = crypto.randomUUID();
      const registered = await call(`/kursuok/grupes/${groupId}/registracija`, {
        as: participant,
        body: { idempotencyKey: registrationId, funding: 'UZT', couponNumber: coupon.number },
      });
      expect(registered.status).toBe(303);
      expect(await count('group_registrations', 'id', registrationId)).toBe(1);
      const couponHandle = stack.client.workflow.getHandle(uztCouponWorkflowId(registrationId));
      await until(
        async () => ((await couponHandle.describe().catch(() => null))?.raw.pendingActivities?.length ?? 0) > 0,
        30_000,
        'Section I request in flight',
      );
      await worker!.kill('SIGKILL');
      expect(await count('uzt_coupons', 'registration_id', registrationId)).toBe(0);
      stack.registries!.recover('uzt');
      worker = await startWorker();
      await eventually(
        () => stack.db.selectFrom('uzt_coupons').select('status').where('registration_id', '=', registrationId).executeTakeFirst(),
        (r) => r?.status === 'I_SKYRIUS',
        90_000,
      );
      expect(await count('group_registrations', 'id', registrationId)).toBe(1);
      expect(await audits('uzt_coupon', registrationId, 'section_i')).toHaveLength(1);
      expect((await couponHandle.describe()).memo).toMatchObject({ groupId, couponNumber: coupon.number });

      // 2. The provider's approval: its projection waits for the group's row, which the test holds; the worker dies.
      const admin = await adminSession(stack.db, fx);
      const approve = approveBody(employerId);
      const reserved = await sql.reserve();
      try {
        await reserved`begin`;
        await reserved`select id from training_groups where id = ${groupId} for update`;
        const [holder] = await reserved<{ pid: number }[]>`select pg_backend_pid() as pid`;
        const pid = holder!.pid;
        const answer = call(`/grupes/${groupId}/dalyviai/${registrationId}/sprendimas`, { as: admin, htmx: true, body: approve });
        await until(
          async () =>
            (await sql`select 1 from pg_stat_activity where wait_event_type = 'Lock' and ${pid}::int = any(pg_blocking_pids(pid))`).length >
            0,
          30_000,
          'approval projection waiting for the group row',
        );
        await worker!.kill('SIGKILL');
        // The page does not wait for ever: the action was taken by the workflow, or Temporal is said to be slow.
        expect([200, 202, 503]).toContain((await answer).status);
      } finally {
        await reserved`rollback`;
        reserved.release();
      }
      expect(
        (await stack.db.selectFrom('group_registrations').select('status').where('id', '=', registrationId).executeTakeFirstOrThrow())
          .status,
      ).toBe('REGISTERED');
      worker = await startWorker();

      const registration = await eventually(
        () => stack.db.selectFrom('group_registrations').selectAll().where('id', '=', registrationId).executeTakeFirstOrThrow(),
        (r) => r.status === 'APPROVED',
        90_000,
      );
      expect(registration.decided_at).not.toBeNull();
      const row = await eventually(
        () => stack.db.selectFrom('uzt_coupons').selectAll().where('registration_id', '=', registrationId).executeTakeFirstOrThrow(),
        (r) => r.status === 'LAUKIA_UZT',
        90_000,
      );
      expect(row).toMatchObject({ bank_account: 'LT121000011101001000', settlement_frequency: 'KAS_MENESI', employer_id: employerId });
      expect(await audits('group_registration', registrationId, 'status')).toHaveLength(1);
      expect(await audits('uzt_coupon', registrationId, 'provider_data')).toHaveLength(1);
      expect(await audits('uzt_coupon', registrationId, 'section_ii')).toHaveLength(1);
      expect((await stack.deps.registries!.uzt.findCoupon(coupon.number))?.status).toBe('SUBMITTED');

      // The participant's e-mail: queued once, delivered once, and a relay run after it sends nothing more.
      const outbox = await stack.db
        .selectFrom('email_outbox')
        .selectAll()
        .where('entity_id', '=', registrationId)
        .where('kind', '=', 'APPROVED')
        .execute();
      expect(outbox).toHaveLength(1);
      await eventually(
        () => stack.db.selectFrom('email_outbox').select('sent_at').where('id', '=', outbox[0]!.id).executeTakeFirstOrThrow(),
        (r) => r.sent_at !== null,
        60_000,
      );
      const relay = await stack.client.workflow.execute<typeof emailOutboxRelayWorkflow>('emailOutboxRelayWorkflow', {
        taskQueue: stack.config.temporal.taskQueue,
        workflowId: `EmailOutboxRelay-test-${crypto.randomUUID()}`,
        args: [{ olderThanMs: 0, institutionId: fx.institutionId }],
      });
      expect(relay.failed).toBe(0);
      const messages = await mailpit.search(mailpitQuery({ to: p.email }));
      expect(messages.filter((m) => m.Subject === outbox[0]!.subject)).toHaveLength(1);

      await handle.terminate('test done');
      await couponHandle.terminate('test done').catch(() => undefined);
    },
  );
});
