// UserInvitation workflow (L9) against the real Temporal dev server, with recording activities:
// the link's reminder and expiry are real timers (seconds here, days in production).
import { Client, Connection, WorkflowUpdateFailedError } from '@temporalio/client';
import type { ApplicationFailure } from '@temporalio/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../workflows/errors.ts';
import { userInvitationWorkflowId } from '../../workflows/ids.ts';
import { cancelUpdate, confirmUpdate, invitationStateQuery, inviteUpdate, resendUpdate } from '../../workflows/user-invitation/messages.ts';
import type { userInvitationWorkflow } from '../../workflows/user-invitation/workflow.ts';
import { TEST_TEMPORAL_ADDRESS, uniqueTaskQueue, WORKFLOW_BUNDLE_PATH } from '../support/env.ts';
import { recordHistoryIfAsked } from '../support/histories.ts';
import { headActor, INVITEE } from '../support/invitations.ts';

const taskQueue = uniqueTaskQueue('wf-invitation');
const institutionId = crypto.randomUUID();
const actor = headActor(institutionId);
const user = INVITEE;

/** What the activities were asked to do, per invitation. */
const calls: { name: string; invitationId: string; args: Record<string, unknown> }[] = [];
let client: Client;
let connection: Connection;
let native: NativeConnection;
let worker: Worker;
let running: Promise<void>;

function record(name: string, result: (a: Record<string, unknown>) => unknown) {
  return async (a: Record<string, unknown>) => {
    calls.push({ name, invitationId: String(a.invitationId ?? ''), args: a });
    return result(a);
  };
}

const callsOf = (invitationId: string) =>
  calls.filter((c) => c.invitationId === invitationId || (c.name === 'deliverEmail' && String(c.args.outboxId).startsWith(invitationId)));

async function invite(validSeconds: number, reminderBeforeSeconds: number) {
  const invitationId = crypto.randomUUID();
  const handle = await client.workflow.start<typeof userInvitationWorkflow>('userInvitationWorkflow', {
    workflowId: userInvitationWorkflowId(invitationId),
    taskQueue,
    args: [{ invitationId, institutionId, validSeconds, reminderBeforeSeconds }],
  });
  const result = await handle.executeUpdate(inviteUpdate, { args: [{ actor, user }], updateId: invitationId });
  return { handle, invitationId, result };
}

async function refusal(promise: Promise<unknown>): Promise<ApplicationFailure> {
  const err = await promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  return (err as WorkflowUpdateFailedError).cause as ApplicationFailure;
}

beforeAll(async () => {
  native = await NativeConnection.connect({ address: TEST_TEMPORAL_ADDRESS });
  worker = await Worker.create({
    connection: native,
    taskQueue,
    workflowBundle: { codePath: WORKFLOW_BUNDLE_PATH },
    activities: {
      createInvitation: record('createInvitation', (a) => ({ userId: `user-of-${a.invitationId}`, outboxId: `${a.invitationId}/invite` })),
      renewInvitationLink: record('renewInvitationLink', (a) => `${a.invitationId}/renew-${a.tokenId}`),
      queueInvitationReminder: record('queueInvitationReminder', (a) => `${a.invitationId}/reminder`),
      confirmInvitation: record('confirmInvitation', (a) => ({
        userId: `user-of-${a.invitationId}`,
        outboxId: `${a.invitationId}/confirmed`,
      })),
      expireInvitation: record('expireInvitation', () => true),
      cancelInvitation: record('cancelInvitation', () => undefined),
      deliverEmail: async (outboxId: string) => {
        calls.push({ name: 'deliverEmail', invitationId: outboxId.split('/')[0]!, args: { outboxId } });
        return { sent: true, messageId: outboxId };
      },
    },
  });
  running = worker.run();
  connection = await Connection.connect({ address: TEST_TEMPORAL_ADDRESS });
  client = new Client({ connection });
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await connection?.close();
  await native?.close();
});

describe('UserInvitation workflow (L9)', () => {
  it('invites once (U1), delivers the e-mail, then reminds before expiry and expires the link on time', async () => {
    const { handle, invitationId, result } = await invite(4, 2);
    expect(result).toEqual({ userId: `user-of-${invitationId}` });
    const again = await handle.executeUpdate(inviteUpdate, { args: [{ actor, user }], updateId: invitationId });
    expect(again).toEqual(result);
    await expect
      .poll(() => callsOf(invitationId).map((c) => c.name), { timeout: 10_000, interval: 200 })
      .toEqual(['createInvitation', 'deliverEmail', 'queueInvitationReminder', 'deliverEmail', 'expireInvitation']);
    const state = await handle.query(invitationStateQuery);
    expect(state).toMatchObject({ status: 'EXPIRED', reminded: true });
    const refused = await refusal(
      handle.executeUpdate(confirmUpdate, {
        args: [{ tokenId: state.tokenId!, personalCodeHash: 'invitee-hash', requestId: 'r' }],
        updateId: crypto.randomUUID(),
      }),
    );
    expect(refused.type).toBe(ErrorCode.InvitationNotPending);
  });

  it('resends a new link after expiry (U2): the old token stops working, the new one confirms (U3) and the workflow ends', async () => {
    const { handle, invitationId } = await invite(2, 0);
    await expect.poll(async () => (await handle.query(invitationStateQuery)).status, { timeout: 10_000, interval: 200 }).toBe('EXPIRED');
    const oldToken = (await handle.query(invitationStateQuery)).tokenId!;
    await handle.executeUpdate(resendUpdate, { args: [{ actor }], updateId: crypto.randomUUID() });
    const renewed = await handle.query(invitationStateQuery);
    expect(renewed.status).toBe('PENDING');
    expect(renewed.tokenId).not.toBe(oldToken);

    const stale = await refusal(
      handle.executeUpdate(confirmUpdate, {
        args: [{ tokenId: oldToken, personalCodeHash: 'invitee-hash', requestId: 'r' }],
        updateId: crypto.randomUUID(),
      }),
    );
    expect(stale.type).toBe(ErrorCode.InvitationNotPending);
    const confirmed = await handle.executeUpdate(confirmUpdate, {
      args: [{ tokenId: renewed.tokenId!, personalCodeHash: 'invitee-hash', requestId: 'r' }],
      updateId: crypto.randomUUID(),
    });
    expect(confirmed).toEqual({ userId: `user-of-${invitationId}` });
    expect(await handle.result()).toBe('CONFIRMED');
    recordHistoryIfAsked(handle.workflowId, 'user-invitation-lifecycle.json');
    const names = callsOf(invitationId).map((c) => c.name);
    expect(names).toContain('renewInvitationLink');
    expect(names.at(-1)).toBe('deliverEmail');
    expect(callsOf(invitationId).find((c) => c.name === 'confirmInvitation')?.args).toMatchObject({ personalCodeHash: 'invitee-hash' });
  });

  it('cancels a pending invitation (U5): no reminder, no expiry, no confirmation afterwards', async () => {
    const { handle, invitationId } = await invite(3600, 60);
    await handle.executeUpdate(cancelUpdate, { args: [{ actor }], updateId: crypto.randomUUID() });
    expect(await handle.result()).toBe('CANCELLED');
    expect(callsOf(invitationId).map((c) => c.name)).toEqual(['createInvitation', 'deliverEmail', 'cancelInvitation']);
  });

  it('refuses commands of another institution', async () => {
    const { handle } = await invite(3600, 60);
    const stranger = { ...actor, institutionId: crypto.randomUUID() };
    expect((await refusal(handle.executeUpdate(resendUpdate, { args: [{ actor: stranger }], updateId: crypto.randomUUID() }))).type).toBe(
      ErrorCode.WrongInstitution,
    );
    expect((await refusal(handle.executeUpdate(cancelUpdate, { args: [{ actor: stranger }], updateId: crypto.randomUUID() }))).type).toBe(
      ErrorCode.WrongInstitution,
    );
    await handle.executeUpdate(cancelUpdate, { args: [{ actor }], updateId: crypto.randomUUID() });
  });
});
