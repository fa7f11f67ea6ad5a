// MonitoringProtocol workflow (L7) against the real Temporal dev server, with recording activities:
// the draft (update-with-start), the release, the provider's reminder as a real timer (given in the
// input seconds ahead; in production the end of the 5th working day), the signature, the critical path.
import { WithStartWorkflowOperation, type Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProtocolSnapshot } from '../../activities/monitoring-protocol.ts';
import { addDays, vilniusDate } from '../../workflows/domain/calendar.ts';
import { ErrorCode } from '../../workflows/errors.ts';
import { monitoringProtocolWorkflowId } from '../../workflows/ids.ts';
import {
  monitoringProtocolStateQuery,
  releaseProtocolUpdate,
  saveProtocolUpdate,
  signProtocolUpdate,
  type MonitoringProtocolInput,
  type SaveProtocolCommand,
  type SignProtocolCommand,
} from '../../workflows/monitoring-protocol/messages.ts';
import type { monitoringProtocolWorkflow } from '../../workflows/monitoring-protocol/workflow.ts';
import { uniqueTaskQueue } from '../support/env.ts';
import { recordHistoryIfAsked } from '../support/histories.ts';
import { startWorkflowTestWorker, updateRefusal as refusal, type WorkflowTestWorker } from '../support/workflow-worker.ts';

const taskQueue = uniqueTaskQueue('wf-monitoring-protocol');
const calls: { name: string; protocolId: string; args: Record<string, unknown> }[] = [];
let client: Client;
let worker: WorkflowTestWorker;

const namesOf = (id: string) => calls.filter((c) => c.protocolId === id).map((c) => c.name);
const snapshotsOf = (id: string) =>
  calls.filter((c) => c.protocolId === id && c.name === 'projectMonitoringProtocol').map((c) => c.args.snapshot as ProtocolSnapshot);

const actor = { observerId: 'observer-1', personKey: 'pk-observer', requestId: 'req' };
const today = vilniusDate(new Date());
const content = (critical = false) => ({
  monitoredOn: addDays(today, -1),
  findings: 'Užsiėmimas vyko pagal tvarkaraštį.',
  result: critical ? ('NEATITINKA' as const) : ('ATITINKA' as const),
  criticalDeficiencies: critical,
});
const signer = { userId: 'user-1', institutionId: 'inst-1', personalCodeHash: 'pch', name: 'Rūta Jonaitienė' };

async function create(a: { critical?: boolean; reminderAfterMs?: number } = {}) {
  const protocolId = crypto.randomUUID();
  const input: MonitoringProtocolInput = {
    protocolId,
    groupId: 'group-1',
    institutionId: 'inst-1',
    programmeId: 'prog-1',
    observerId: 'observer-1',
    ...(a.reminderAfterMs !== undefined ? { reminderAfterMs: a.reminderAfterMs } : {}),
  };
  const start = new WithStartWorkflowOperation<typeof monitoringProtocolWorkflow>('monitoringProtocolWorkflow', {
    workflowId: monitoringProtocolWorkflowId(protocolId),
    taskQueue,
    workflowIdConflictPolicy: 'USE_EXISTING',
    args: [input],
  });
  const command: SaveProtocolCommand = { actor, content: content(a.critical) };
  const result = await client.workflow.executeUpdateWithStart(saveProtocolUpdate, {
    args: [command],
    updateId: `create-${protocolId}`,
    startWorkflowOperation: start,
  });
  return { protocolId, handle: await start.workflowHandle(), result };
}

beforeAll(async () => {
  worker = await startWorkflowTestWorker(taskQueue, {
    projectMonitoringProtocol: async (a: { snapshot: ProtocolSnapshot; action: string }) => {
      calls.push({ name: 'projectMonitoringProtocol', protocolId: a.snapshot.id, args: a });
      const notifies = a.action === 'MONITORING_PROTOCOL_RELEASED' && a.snapshot.status === 'LAUKIA_PARASO';
      return { outboxIds: notifies ? [`${a.snapshot.id}/n16-1`, `${a.snapshot.id}/n16-2`] : [] };
    },
    queueProtocolSignatureReminder: async (a: { protocolId: string }) => {
      calls.push({ name: 'queueProtocolSignatureReminder', protocolId: a.protocolId, args: a });
      return [`${a.protocolId}/reminder`];
    },
    deliverEmail: async (outboxId: string) => {
      calls.push({ name: 'deliverEmail', protocolId: outboxId.split('/')[0]!, args: { outboxId } });
      return { sent: true, messageId: outboxId };
    },
  });
  client = worker.client;
});

afterAll(async () => {
  await worker?.stop();
});

describe('MonitoringProtocol workflow (L7)', () => {
  it('M1–M4: draft, release (N16), reminder after the delay when unsigned, then the signature ends it (MON-3..MON-9)', async () => {
    const { protocolId, handle, result } = await create({ reminderAfterMs: 2_000 });
    expect(result).toEqual({ status: 'JUODRASTIS', version: 1 });
    // The draft is edited again, then released once; the same release form twice does it once.
    await handle.executeUpdate(saveProtocolUpdate, {
      args: [{ actor, content: { ...content(), findings: 'Patikslinta.' } }],
      updateId: 'edit-1',
    });
    const released = await handle.executeUpdate(releaseProtocolUpdate, { args: [{ actor }], updateId: 'release-1' });
    expect(released).toEqual({ status: 'LAUKIA_PARASO', version: 3 });
    expect(await handle.executeUpdate(releaseProtocolUpdate, { args: [{ actor }], updateId: 'release-1' })).toEqual(released);
    const again = await refusal(handle.executeUpdate(releaseProtocolUpdate, { args: [{ actor }], updateId: 'release-2' }));
    expect(again.type).toBe(ErrorCode.TransitionNotAllowed);
    expect(again.message).toBe('Protokolas jau pateiktas mokymo teikėjui.');
    const edit = await refusal(handle.executeUpdate(saveProtocolUpdate, { args: [{ actor, content: content() }], updateId: 'edit-2' }));
    expect(edit.message).toBe('Protokolas jau pateiktas mokymo teikėjui, todėl jo keisti negalima.');
    // The reminder timer fires while unsigned.
    await expect
      .poll(() => namesOf(protocolId), { timeout: 15_000, interval: 200 })
      .toEqual([
        'projectMonitoringProtocol',
        'projectMonitoringProtocol',
        'projectMonitoringProtocol',
        'deliverEmail',
        'deliverEmail',
        'queueProtocolSignatureReminder',
        'deliverEmail',
      ]);
    expect(await handle.query(monitoringProtocolStateQuery)).toMatchObject({ status: 'LAUKIA_PARASO', reminded: true });
    // Another institution's user: not found (404), nothing recorded.
    const wrong = await refusal(
      handle.executeUpdate(signProtocolUpdate, {
        args: [{ signer: { ...signer, institutionId: 'inst-2' }, choice: 'SUTINKU', requestId: 'r' }],
        updateId: 'sign-wrong',
      }),
    );
    expect(wrong.type).toBe(ErrorCode.WrongInstitution);
    const noChoice = await refusal(
      handle.executeUpdate(signProtocolUpdate, { args: [{ signer, choice: '' as never, requestId: 'r' }], updateId: 'sign-empty' }),
    );
    expect(noChoice.type).toBe(ErrorCode.InvalidInput);
    const sign: SignProtocolCommand = { signer, choice: 'NESUTINKU', observations: ' Nesutinkame dėl 2 punkto. ', requestId: 'r' };
    expect(await handle.executeUpdate(signProtocolUpdate, { args: [sign], updateId: 'sign-1' })).toEqual({
      status: 'PASIRASYTAS',
      version: 4,
    });
    expect(await handle.result()).toBe('PASIRASYTAS');
    const last = snapshotsOf(protocolId).at(-1)!;
    expect(last).toMatchObject({
      status: 'PASIRASYTAS',
      providerChoice: 'NESUTINKU',
      providerObservations: 'Nesutinkame dėl 2 punkto.',
      signedByUserId: 'user-1',
      signedByName: 'Rūta Jonaitienė',
      findings: 'Patikslinta.',
      version: 4,
    });
    expect(last.remindedAt).not.toBeNull();
    expect(Date.parse(last.signedAt!)).toBeGreaterThan(Date.parse(last.releasedAt!));
    recordHistoryIfAsked(handle.workflowId, 'monitoring-protocol-signed.json');
  });

  it('a second signature is refused and changes nothing (MON-9)', async () => {
    const { protocolId, handle } = await create();
    await handle.executeUpdate(releaseProtocolUpdate, { args: [{ actor }], updateId: 'r' });
    // Two signatures sent together: one is recorded, the other refused.
    const results = await Promise.allSettled([
      handle.executeUpdate(signProtocolUpdate, { args: [{ signer, choice: 'SUTINKU', requestId: 'a' }], updateId: 'sign-a' }),
      handle.executeUpdate(signProtocolUpdate, { args: [{ signer, choice: 'NESUTINKU', requestId: 'b' }], updateId: 'sign-b' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(snapshotsOf(protocolId).filter((s) => s.status === 'PASIRASYTAS')).toHaveLength(1);
    await handle.result();
  });

  it('M5: with critical deficiencies the protocol is released without a signature request or e-mail (MON-10)', async () => {
    const { protocolId, handle } = await create({ critical: true, reminderAfterMs: 500 });
    expect(await handle.executeUpdate(releaseProtocolUpdate, { args: [{ actor }], updateId: 'r' })).toEqual({
      status: 'KRITINIAI_TRUKUMAI',
      version: 2,
    });
    expect(await handle.result()).toBe('KRITINIAI_TRUKUMAI');
    expect(namesOf(protocolId)).toEqual(['projectMonitoringProtocol', 'projectMonitoringProtocol']);
    expect(snapshotsOf(protocolId)[1]).toMatchObject({ reminderDueAt: null, criticalDeficiencies: true });
    expect(await handle.query(monitoringProtocolStateQuery)).toMatchObject({
      status: 'KRITINIAI_TRUKUMAI',
      remindAt: null,
      reminded: false,
    });
    recordHistoryIfAsked(handle.workflowId, 'monitoring-protocol-critical.json');
  });

  it('refuses a monitoring date in the future and empty findings, naming the fields (MON-7)', async () => {
    const protocolId = crypto.randomUUID();
    const start = new WithStartWorkflowOperation<typeof monitoringProtocolWorkflow>('monitoringProtocolWorkflow', {
      workflowId: monitoringProtocolWorkflowId(protocolId),
      taskQueue,
      workflowIdConflictPolicy: 'USE_EXISTING',
      args: [{ protocolId, groupId: 'g', institutionId: 'i', programmeId: 'p', observerId: 'o' }],
    });
    const failure = await refusal(
      client.workflow.executeUpdateWithStart(saveProtocolUpdate, {
        args: [{ actor, content: { ...content(), monitoredOn: addDays(today, 1), findings: ' ' } }],
        startWorkflowOperation: start,
      }),
    );
    expect(failure.type).toBe(ErrorCode.InvalidInput);
    expect(failure.message).toContain('Stebėsenos data negali būti vėlesnė nei šiandien.');
    expect(failure.message).toContain('„Nustatyta“');
    expect(namesOf(protocolId)).toEqual([]);
    await (await start.workflowHandle()).terminate('test');
  });
});
