// LearningContract workflow (L5) against the real Temporal dev server, with recording activities:
// K1 prepared (or waiting while CON-21's prerequisites are unmet), K2/K3 signatures through the
// gateway in either order, K4 in force (the group is told), K5 void at the programme start (the group
// is told, CON-25), K6..K8 termination; and the group starting the contracts of those it invites.
import type { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrainingGroupProjection } from '../../activities/training-group.ts';
import type { ContractProjection } from '../../db/queries/learning-contracts.ts';
import { addDays, vilniusDate } from '../../workflows/domain/calendar.ts';
import { validateGroupInfo } from '../../workflows/domain/group-info.ts';
import { GroupStatus } from '../../workflows/domain/group-status.ts';
import { ErrorCode } from '../../workflows/errors.ts';
import { learningContractWorkflowId, trainingGroupWorkflowId } from '../../workflows/ids.ts';
import {
  completeContractSigningUpdate,
  contractStateQuery,
  requestContractTerminationUpdate,
  startContractSigningUpdate,
  terminateContractUpdate,
  type ContractSigner,
  type LearningContractInput,
} from '../../workflows/learning-contract/messages.ts';
import {
  changeGroupStatusUpdate,
  createGroupUpdate,
  decideRegistrationUpdate,
  groupStateQuery,
  registerParticipantUpdate,
  type Actor,
} from '../../workflows/training-group/messages.ts';
import type { trainingGroupWorkflow } from '../../workflows/training-group/workflow.ts';
import { signThroughMockGateway, startTestContract } from '../support/contract-workflow.ts';
import { uniqueTaskQueue } from '../support/env.ts';
import { signalsOf } from '../support/group-signals.ts';
import { recordHistoryIfAsked } from '../support/histories.ts';
import { startWorkflowTestWorker, updateRefusal as refusal, type WorkflowTestWorker } from '../support/workflow-worker.ts';

const taskQueue = uniqueTaskQueue('wf-learning-contract');
const institutionId = crypto.randomUUID();

let client: Client;
let worker: WorkflowTestWorker;

/** Contracts whose preparation waits (CON-21) the first time they are asked. */
const blockedOnce = new Set<string>();
const projections: ContractProjection[] = [];
const prepares: string[] = [];
/** Signatures the mocked gateway reports as refused by the check (wrong person, tampered). */
const refusedSessions = new Set<string>();

const participant = (id = 'p-1'): ContractSigner => ({
  party: 'participant',
  participantId: id,
  personKey: `key-${id}`,
  name: 'Ona Dalyvė',
});
const provider = (inst = institutionId): ContractSigner => ({
  party: 'provider',
  userId: 'user-1',
  institutionId: inst,
  personalCodeHash: 'hash-signer',
  name: 'Rūta Jonaitienė',
  authority: 'Direktoriaus 2024-01-15 įsakymas Nr. V-12',
});

const groupSignals = (groupId: string) => signalsOf(client.workflow.getHandle(trainingGroupWorkflowId(groupId)));

/** A contract (and a group workflow waiting for its create command, to receive the contract's signals). */
function start(deadlineInMs: number, extra: Partial<LearningContractInput> = {}) {
  return startTestContract(client, taskQueue, institutionId, { deadlineInMs, extra });
}

const sign = signThroughMockGateway;

const groupProjections: TrainingGroupProjection[] = [];
/** The registrations each test group has approved (what the mocked projection reports as invited). */
const approvedOf = new Map<string, string[]>();

const projectionsOf = (contractId: string) => projections.filter((p) => p.contractId === contractId);

beforeAll(async () => {
  worker = await startWorkflowTestWorker(taskQueue, {
    prepareLearningContract: async (p: { contractId: string }) => {
      prepares.push(p.contractId);
      if (blockedOnce.delete(p.contractId)) {
        return { kind: 'waiting', phase: 'SUSTABDYTA', reason: 'Nesukurta mokymo sutarčių numeracija.' };
      }
      return { kind: 'ready', number: `MS-${p.contractId.slice(0, 4)}`, documentFileId: `file-${p.contractId}-0`, documentSha256: 'sha-0' };
    },
    openContractSigningSession: async (p: { contractId: string; party: string; documentFileId: string }) => {
      const sessionId = `${p.party}-${crypto.randomUUID().slice(0, 8)}`;
      return { sessionId, signUrl: `http://gateway.test/sign?session=${sessionId}` };
    },
    recordContractSignature: async (p: { contractId: string; sessionId: string; documentFileId: string }) => {
      if (refusedSessions.has(p.sessionId)) return { ok: false, reason: 'Pasirašė ne tas asmuo, kuriam sutartis skirta.', final: true };
      const n = Number(p.documentFileId.split('-').at(-1)) + 1;
      return {
        ok: true,
        documentFileId: `file-${p.contractId}-${n}`,
        documentSha256: `sha-${n}`,
        signerName: 'Pasirašęs Asmuo',
        signedAt: new Date().toISOString(),
        reason: null,
      };
    },
    projectLearningContract: async (p: ContractProjection) => {
      projections.push(p);
      return true;
    },
    // The group's own activities (it only receives signals here, or starts contracts in the last test).
    projectTrainingGroup: async (p: TrainingGroupProjection) => {
      groupProjections.push(p);
      // As Postgres answers: who this change invited to sign (the approved ones, or those named).
      const invited = p.inviteApproved ? (approvedOf.get(p.groupId) ?? []) : (p.inviteIds ?? []);
      return { applied: true, emailIds: [], invitedIds: invited };
    },
    groupPublishReadiness: async () => [],
    deliverEmail: async () => ({ sent: true, messageId: 'm' }),
  });
  client = worker.client;
});

afterAll(async () => {
  await worker?.stop();
});

describe('LearningContract workflow (L5)', () => {
  it('K1 → K2 → K3 → K4: prepared, signed by the participant and the provider in either order, in force; the group is told', async () => {
    const { contractId, groupId, handle } = await start(60_000);
    await waitFor(async () => (await handle.query(contractStateQuery)).phase === 'PASIRASOMA');
    expect((await handle.query(contractStateQuery)).number).toBe(`MS-${contractId.slice(0, 4)}`);

    const afterProvider = await sign(handle, provider());
    expect(afterProvider.sides).toEqual({ participant: 'LAUKIA_PARASO', provider: 'PASIRASYTA', employer: null });
    expect(afterProvider.phase).toBe('PASIRASOMA');
    // Signing twice is refused with a message.
    const twice = await refusal(
      handle.executeUpdate(startContractSigningUpdate, {
        args: [{ signer: provider(), returnUrl: 'http://x' }],
        updateId: crypto.randomUUID(),
      }),
    );
    expect(twice.message).toBe('Sutartį jau pasirašėte.');

    const inForce = await sign(handle, participant());
    expect(inForce.phase).toBe('GALIOJA');
    expect(inForce.documentFileId).toBe(`file-${contractId}-2`);
    const last = projectionsOf(contractId).at(-1)!;
    expect(last).toMatchObject({ phase: 'GALIOJA', participantStatus: 'PASIRASYTA', providerStatus: 'PASIRASYTA' });
    expect(projectionsOf(contractId).find((p) => p.providerStatus === 'PASIRASYTA')?.set).toMatchObject({
      provider_signer_user_id: 'user-1',
      provider_signer_authority: 'Direktoriaus 2024-01-15 įsakymas Nr. V-12',
    });
    await waitFor(async () => (await groupSignals(groupId)).some((s) => s.name === 'contractSigned'));
    expect(await groupSignals(groupId)).toEqual([{ name: 'contractSigned', input: { registrationId: contractId } }]);
    await handle.terminate('test done');
  });

  it('CON-21: waits while the prerequisites are unmet, with the reason, and prepares again', async () => {
    const chosen = crypto.randomUUID();
    blockedOnce.add(chosen);
    const { contractId, handle } = await start(60_000, { contractId: chosen });
    await waitFor(async () => (await handle.query(contractStateQuery)).phase === 'PASIRASOMA');
    expect(prepares.filter((id) => id === contractId)).toHaveLength(2);
    expect(projectionsOf(contractId).map((p) => p.phase)).toEqual(['PASIRASOMA']);
    await handle.terminate('test done');
  });

  it('K5, CON-25: not signed by every party at the programme start → void; the group is told to deregister her', async () => {
    const { contractId, groupId, handle } = await start(3_000);
    await waitFor(async () => (await handle.query(contractStateQuery)).phase === 'PASIRASOMA');
    await sign(handle, participant());
    const result = await handle.result();
    expect(result.phase).toBe('NEGALIOJA');
    expect(result.sides).toEqual({ participant: 'PASIRASYTA', provider: 'NEGALIOJA', employer: null });
    expect(projectionsOf(contractId).at(-1)).toMatchObject({ phase: 'NEGALIOJA', actor: { system: 'K5' } });
    expect(await groupSignals(groupId)).toEqual([{ name: 'contractVoided', input: { registrationId: contractId } }]);
  });

  it('refuses a signature the check refuses and another institution’s signer; the contract is void at the deadline', async () => {
    const { handle } = await start(4_000);
    await waitFor(async () => (await handle.query(contractStateQuery)).phase === 'PASIRASOMA');
    const stranger = await refusal(
      handle.executeUpdate(startContractSigningUpdate, {
        args: [{ signer: provider(crypto.randomUUID()), returnUrl: 'http://x' }],
        updateId: crypto.randomUUID(),
      }),
    );
    expect(stranger.type).toBe(ErrorCode.WrongInstitution);

    const { signUrl } = await handle.executeUpdate(startContractSigningUpdate, {
      args: [{ signer: participant(), returnUrl: 'http://x' }],
      updateId: crypto.randomUUID(),
    });
    const sessionId = new URL(signUrl).searchParams.get('session')!;
    refusedSessions.add(sessionId);
    const refused = await refusal(
      handle.executeUpdate(completeContractSigningUpdate, { args: [{ signer: participant(), sessionId }], updateId: crypto.randomUUID() }),
    );
    expect(refused.message).toBe('Pasirašė ne tas asmuo, kuriam sutartis skirta.');
    expect((await handle.query(contractStateQuery)).sides.participant).toBe('LAUKIA_PARASO');

    expect((await handle.result()).phase).toBe('NEGALIOJA');
  });

  it('K6 → K7: the participant asks to terminate, the provider grants it; the grounds and reasons are checked', async () => {
    const { contractId, handle } = await start(60_000);
    await waitFor(async () => (await handle.query(contractStateQuery)).phase === 'PASIRASOMA');
    const tooEarly = await refusal(
      handle.executeUpdate(requestContractTerminationUpdate, {
        args: [{ participantId: 'p-1', reason: 'Persikeliu.' }],
        updateId: crypto.randomUUID(),
      }),
    );
    expect(tooEarly.message).toBe('Prašymą nutraukti galima pateikti tik dėl galiojančios (abiejų šalių pasirašytos) sutarties.');
    await sign(handle, participant());
    await sign(handle, provider());
    const asked = await handle.executeUpdate(requestContractTerminationUpdate, {
      args: [{ participantId: 'p-1', reason: 'Persikeliu gyventi į kitą miestą.' }],
      updateId: crypto.randomUUID(),
    });
    expect(asked.sides.participant).toBe('PRASOMA_NUTRAUKTI');
    const terminate = (ground: string, reason: string) =>
      handle.executeUpdate(terminateContractUpdate, {
        args: [{ userId: 'user-1', institutionId, requestId: 'r', ground: ground as never, reason }],
        updateId: crypto.randomUUID(),
      });
    const noReason = await refusal(terminate('DALYVIO_ISIPAREIGOJIMAI', ' '));
    expect(noReason.message).toBe('Nurodykite mokymosi sutarties nutraukimo priežastį.');
    const done = await terminate('DALYVIO_PRASYMAS', '');
    expect(done.phase).toBe('NUTRAUKTA');
    expect(done.sides).toEqual({ participant: 'NUTRAUKTA', provider: 'NUTRAUKTA', employer: null });
    expect(projectionsOf(contractId).at(-1)).toMatchObject({
      phase: 'NUTRAUKTA',
      set: { termination_initiator: 'DALYVIS', termination_ground: 'DALYVIO_PRASYMAS', terminated_by_user_id: 'user-1' },
    });
    expect((await handle.result()).phase).toBe('NUTRAUKTA');
    recordHistoryIfAsked(handle.workflowId, 'learning-contract-termination.json');
  });
});

describe('the group starts the contracts (CON-1) and the contract owns the start-day rule (CON-25)', () => {
  it('"Vykdoma" starts a contract per approved participant; at the start the unsigned one is deregistered through her contract', async () => {
    const groupId = crypto.randomUUID();
    const actor: Actor = { userId: 'user-1', institutionId, requestId: 'req-contracts' };
    const today = vilniusDate(new Date());
    const checked = validateGroupInfo({
      name: 'Sutarčių grupė',
      fundingSources: ['IMP_KREPSELIS'],
      price: '300',
      language: 'lietuvių',
      minParticipants: '1',
      maxParticipants: '5',
      venueId: crypto.randomUUID(),
      registrationStart: today,
      registrationEnd: addDays(today, 5),
      programmeStart: addDays(today, 10),
      programmeEnd: addDays(today, 20),
    });
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
    const group = await client.workflow.start<typeof trainingGroupWorkflow>('trainingGroupWorkflow', {
      workflowId: trainingGroupWorkflowId(groupId),
      taskQueue,
      args: [{ groupId, institutionId, programmeId: crypto.randomUUID(), programmeCode: 'NSP-S', programmeName: 'Programa S' }],
    });
    // Registration would close in 10 s; delivery starts in 12 s (the contracts' deadline). The provider starts signing before (G5).
    const deadlines = {
      registrationClosesAt: new Date(Date.now() + 10_000).toISOString(),
      programmeStartsAt: new Date(Date.now() + 12_000).toISOString(),
    };
    await group.executeUpdate(createGroupUpdate, { args: [{ actor, info: checked.info, deadlines }], updateId: groupId });
    await group.executeUpdate(changeGroupStatusUpdate, { args: [{ actor, to: GroupStatus.Published }], updateId: crypto.randomUUID() });
    const ids = [crypto.randomUUID(), crypto.randomUUID()];
    for (const [n, id] of ids.entries()) {
      await group.executeUpdate(registerParticipantUpdate, {
        args: [
          {
            registrationId: id,
            funding: 'IMP_KREPSELIS',
            person: { personKey: `k-${id}`, firstName: `D${n}`, lastName: 'S', email: `d${n}@example.lt` },
          },
        ],
        updateId: id,
      });
      await group.executeUpdate(decideRegistrationUpdate, {
        args: [{ actor, registrationId: id, decision: 'APPROVE' }],
        updateId: crypto.randomUUID(),
      });
    }
    approvedOf.set(groupId, ids);
    await group.executeUpdate(changeGroupStatusUpdate, { args: [{ actor, to: GroupStatus.InDelivery }], updateId: crypto.randomUUID() });

    // Both contracts run, as the group's children (G5 → CON-1).
    const [signedId, unsignedId] = ids as [string, string];
    const contract = (id: string) => client.workflow.getHandle(learningContractWorkflowId(id));
    await waitFor(async () =>
      (
        await Promise.all(
          ids.map((id) =>
            contract(id)
              .describe()
              .then(
                () => true,
                () => false,
              ),
          ),
        )
      ).every(Boolean),
    );
    expect((await contract(signedId).describe()).parentExecution?.workflowId).toBe(trainingGroupWorkflowId(groupId));
    await waitFor(async () => (await contract(signedId).query(contractStateQuery)).phase === 'PASIRASOMA');
    await sign(contract(signedId), participant());
    await sign(contract(signedId), provider());
    await waitFor(async () => (await group.query(groupStateQuery)).registrations?.[signedId]?.status === 'CONTRACTED');

    // The start: the group goes ahead with the signed one; the unsigned contract voids itself and the group deregisters her.
    expect((await contract(unsignedId).result()).phase).toBe('NEGALIOJA');
    await waitFor(async () => (await group.query(groupStateQuery)).registrations?.[unsignedId]?.status === 'DEREGISTERED_NO_CONTRACT');
    const state = await group.query(groupStateQuery);
    expect(state.status).toBe('Vykdoma');
    expect(state.registrations?.[signedId]?.status).toBe('CONTRACTED');
    // Deregistered once, by her contract's K5 (not also by the group's G7).
    const voided = groupProjections.filter(
      (p) => p.groupId === groupId && p.registrationChange?.ids?.includes(unsignedId) && p.registrationChange.to !== 'APPROVED',
    );
    expect(voided.map((p) => [p.actor, p.registrationChange?.to, p.registrationChange?.notice])).toEqual([
      [{ system: 'K5' }, 'DEREGISTERED_NO_CONTRACT', 'NO_CONTRACT'],
    ]);
    recordHistoryIfAsked(group.workflowId, 'training-group-contracts.json');
    await group.terminate('test done');
  });
});

async function waitFor(ok: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}
