// ContractBatchSigning (CON-5, CON-20) with real LearningContract workflows on the Temporal dev
// server and recording activities: one session for the ticked contracts, the signer's return, each
// contract recording its own signature under its own rules (awaiting → signed; signed meanwhile,
// terminated, its document changed, the wrong person → refused with the reason), the outcomes
// written as they come, a replayed open that opens nothing new, and a session that was not signed.
import { WithStartWorkflowOperation, WorkflowNotFoundError, type Client, type WorkflowHandle } from '@temporalio/client';
import { Context } from '@temporalio/activity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchDocument, OpenContractBatchInput } from '../../activities/contract-batch-signing.ts';
import type { ContractProjection } from '../../db/queries/learning-contracts.ts';
import {
  contractBatchStateQuery,
  openContractBatchUpdate,
  returnContractBatchUpdate,
  type BatchSigner,
  type ContractBatchInput,
} from '../../workflows/contract-batch-signing/messages.ts';
import type { contractBatchSigningWorkflow } from '../../workflows/contract-batch-signing/workflow.ts';
import { BATCH_MESSAGES } from '../../workflows/domain/contract-batch-signing.ts';
import { ErrorCode } from '../../workflows/errors.ts';
import { contractBatchSigningWorkflowId, learningContractWorkflowId } from '../../workflows/ids.ts';
import {
  batchSignatureSignal,
  contractStateQuery,
  terminateContractUpdate,
  type ContractSigner,
} from '../../workflows/learning-contract/messages.ts';
import type { learningContractWorkflow } from '../../workflows/learning-contract/workflow.ts';
import {
  mockSignedFile,
  mockSigningSession,
  readyContract,
  signThroughMockGateway,
  startTestContract,
  waitUntil,
} from '../support/contract-workflow.ts';
import { uniqueTaskQueue } from '../support/env.ts';
import { recordHistoryIfAsked } from '../support/histories.ts';
import { startWorkflowTestWorker, updateRefusal, type WorkflowTestWorker } from '../support/workflow-worker.ts';

const taskQueue = uniqueTaskQueue('wf-contract-batch');
const institutionId = crypto.randomUUID();
const userId = crypto.randomUUID();

let client: Client;
let worker: WorkflowTestWorker;

const projections: ContractProjection[] = [];
const batchProjections: { batchId: string; status: string; results: { contractId: string; signed: boolean; message: string | null }[] }[] =
  [];
const opens: OpenContractBatchInput[] = [];
const recorded: { contractId: string; sessionId: string; documentIndex?: number; documentFileId: string }[] = [];
/** The gateway's status of each batch session (what the batch reads when the signer comes back). */
const sessionStatus = new Map<string, string>();
/** Contracts whose signed PDF the check refuses (another person signed). */
const wrongPerson = new Set<string>();

const provider: BatchSigner = {
  party: 'provider',
  userId,
  institutionId,
  personalCodeHash: 'hash-signer',
  name: 'Rūta Jonaitienė',
  authority: 'Direktoriaus 2024-01-15 įsakymas Nr. V-12',
};
const participant: ContractSigner = { party: 'participant', participantId: 'p-1', personKey: 'key-p-1', name: 'Ona Dalyvė' };

/** A contract awaiting both signatures (prepared, "Pasirašoma"). */
async function contract(queue = taskQueue): Promise<{ id: string; handle: WorkflowHandle<typeof learningContractWorkflow> }> {
  const { contractId, handle } = await startTestContract(client, queue, institutionId, {
    deadlineInMs: 120_000,
    openForMs: 5_000,
    awaitSigning: true,
  });
  return { id: contractId, handle };
}

const signSingly = signThroughMockGateway;

function startBatch(contractIds: string[], batchId = crypto.randomUUID(), updateId = `open:${batchId}`, queue = taskQueue) {
  const input: ContractBatchInput = { batchId, institutionId, groupId: crypto.randomUUID(), userId, party: 'provider' };
  return client.workflow
    .executeUpdateWithStart(openContractBatchUpdate, {
      args: [{ signer: provider, contractIds, returnUrl: 'http://localhost/sutartys/pasirasymai/x/atgal' }],
      updateId,
      startWorkflowOperation: new WithStartWorkflowOperation<typeof contractBatchSigningWorkflow>('contractBatchSigningWorkflow', {
        workflowId: contractBatchSigningWorkflowId(batchId),
        taskQueue: queue,
        workflowIdConflictPolicy: 'USE_EXISTING',
        args: [input],
      }),
    })
    .then((result) => ({
      batchId,
      result,
      handle: client.workflow.getHandle<typeof contractBatchSigningWorkflow>(contractBatchSigningWorkflowId(batchId)),
    }));
}

type RowOutcome = { contractId: string; signed: boolean; message: string | null };
/** Each batch's rows as Postgres would hold them: null while pending, then the first outcome written. */
const rowsOf = new Map<string, Map<string, RowOutcome | null>>();
/** Who wrote each outcome: the contract itself (its local activity) or the batch. */
const writers: { batchId: string; contractId: string; by: 'contract' | 'batch' }[] = [];
function writeRow(batchId: string, r: RowOutcome, by: 'contract' | 'batch') {
  const rows = rowsOf.get(batchId);
  writers.push({ batchId, contractId: r.contractId, by });
  if (rows?.has(r.contractId) && rows.get(r.contractId) === null)
    rows.set(r.contractId, { contractId: r.contractId, signed: r.signed, message: r.message });
}
const resultsOf = (batchId: string) => rowsOf.get(batchId)!;

/** What the worker runs (recording mocks of every activity the two workflows and the group call). */
const activities = {
  prepareLearningContract: async (p: { contractId: string }) => readyContract(p),
  openContractSigningSession: async (p: { party: string }) => mockSigningSession(p),
  recordContractSignature: async (p: { contractId: string; sessionId: string; documentIndex?: number; documentFileId: string }) => {
    recorded.push(p);
    if (p.documentIndex !== undefined && wrongPerson.has(p.contractId))
      return { ok: false, reason: 'Pasirašė ne tas asmuo, kuriam sutartis skirta.', final: true };
    return mockSignedFile(p, 'Rūta Jonaitienė');
  },
  projectLearningContract: async (p: ContractProjection) => {
    projections.push(p);
    return true;
  },
  // As the real activity: the ticked contracts in order, each with its current document (here: -0 or as the test says).
  openContractBatch: async (p: OpenContractBatchInput) => {
    opens.push(p);
    const documents: BatchDocument[] = p.contractIds.map((contractId, documentIndex) => ({
      contractId,
      documentIndex,
      documentFileId: `file-${contractId}-0`,
    }));
    const sessionId = `batch-${p.batchId}`;
    sessionStatus.set(sessionId, 'pending');
    if (!rowsOf.has(p.batchId)) rowsOf.set(p.batchId, new Map(p.contractIds.map((id) => [id, null])));
    return {
      sessionId,
      signUrl: `http://gateway.test/pasirasyti/${sessionId}`,
      expiresAt: new Date(Date.now() + 60_000).toISOString(),
      documents,
      refused: 0,
    };
  },
  contractBatchSessionStatus: async (p: { sessionId: string }) => sessionStatus.get(p.sessionId) ?? 'expired',
  // As the real activity: each contract signalled through the client; an ended one is reported.
  signalBatchContracts: async (p: { batchId: string; sessionId: string; signer: BatchSigner; documents: BatchDocument[] }) => {
    const closed: string[] = [];
    for (const d of p.documents) {
      const { batchId, sessionId, signer } = p;
      await client.workflow
        .getHandle(learningContractWorkflowId(d.contractId))
        .signal(batchSignatureSignal, { batchId, sessionId, signer, documentIndex: d.documentIndex, documentFileId: d.documentFileId })
        .catch((err: unknown) => {
          if (!(err instanceof WorkflowNotFoundError)) throw err;
          closed.push(d.contractId);
        });
    }
    return { closed };
  },
  recordBatchRowOutcome: async (p: { batchId: string } & RowOutcome) => {
    writeRow(p.batchId, { contractId: p.contractId, signed: p.signed, message: p.message }, 'contract');
  },
  pendingBatchRows: async (p: { batchId: string }) => {
    const rows = [...(rowsOf.get(p.batchId)?.entries() ?? [])];
    return {
      pending: rows.filter(([, r]) => r === null).map(([id]) => id),
      signed: rows.filter(([, r]) => r?.signed === true).length,
      notSigned: rows.filter(([, r]) => r?.signed === false).length,
    };
  },
  projectContractBatch: async (p: (typeof batchProjections)[number]) => {
    batchProjections.push(p);
    for (const r of p.results) writeRow(p.batchId, r, 'batch');
  },
  projectTrainingGroup: async () => ({ applied: true, emailIds: [], invitedIds: [] }),
  groupPublishReadiness: async () => [],
  deliverEmail: async () => ({ sent: true, messageId: 'm' }),
};

beforeAll(async () => {
  worker = await startWorkflowTestWorker(taskQueue, activities);
  client = worker.client;
});

afterAll(async () => {
  await worker?.stop();
});

describe('ContractBatchSigning (CON-5, CON-20)', () => {
  it('one session; after the signer confirms, only the contracts that still await the provider are signed, each other row says why', async () => {
    const awaiting = await contract();
    const awaitingToo = await contract();
    // Signed singly after the session opened: its provider side is no longer awaiting.
    const signedMeanwhile = await contract();
    // In force, then terminated: its workflow has ended.
    const terminated = await contract();
    // The participant signed after the session opened: the document in the session is not the current one.
    const changed = await contract();
    // The check of the returned file refuses it (another person signed).
    const stranger = await contract();
    wrongPerson.add(stranger.id);

    const ids = [awaiting.id, signedMeanwhile.id, terminated.id, changed.id, stranger.id, awaitingToo.id];
    const { batchId, result, handle } = await startBatch(ids);
    expect(result.signUrl).toBe(`http://gateway.test/pasirasyti/batch-${batchId}`);
    expect(result.documents).toBe(6);

    // Meanwhile (between opening and confirming): one signed singly, one in force and terminated, one signed by the participant.
    await signSingly(signedMeanwhile.handle, provider);
    await signSingly(terminated.handle, participant);
    await signSingly(terminated.handle, provider);
    await terminated.handle.executeUpdate(terminateContractUpdate, {
      args: [{ userId, institutionId, requestId: 'r', ground: 'TEIKEJO_ISIPAREIGOJIMAI', reason: '' }],
      updateId: crypto.randomUUID(),
    });
    expect((await terminated.handle.result()).phase).toBe('NUTRAUKTA');
    await signSingly(changed.handle, participant);

    // The signer confirms at the gateway and comes back.
    sessionStatus.set(`batch-${batchId}`, 'signed');
    await handle.executeUpdate(returnContractBatchUpdate, {
      args: [{ institutionId, userId, sessionId: `batch-${batchId}`, status: 'signed' }],
      updateId: crypto.randomUUID(),
    });
    const final = await handle.result();
    expect(final).toMatchObject({ status: 'BAIGTA', total: 6, signed: 2, notSigned: 4 });

    const results = resultsOf(batchId);
    expect(results.get(awaiting.id)).toEqual({ contractId: awaiting.id, signed: true, message: null });
    expect(results.get(awaitingToo.id)?.signed).toBe(true);
    expect(results.get(signedMeanwhile.id)).toMatchObject({ signed: false, message: 'Sutartį jau pasirašėte.' });
    expect(results.get(terminated.id)).toMatchObject({ signed: false, message: BATCH_MESSAGES.contractClosed });
    expect(results.get(changed.id)).toMatchObject({ signed: false, message: BATCH_MESSAGES.documentChanged });
    expect(results.get(stranger.id)).toMatchObject({ signed: false, message: 'Pasirašė ne tas asmuo, kuriam sutartis skirta.' });
    // Each contract wrote its own row, but the ended one (the batch wrote that); the batch's last write says it is done.
    expect(writers.filter((w) => w.batchId === batchId && w.by === 'batch').map((w) => w.contractId)).toEqual([terminated.id]);
    expect(
      writers
        .filter((w) => w.batchId === batchId && w.by === 'contract')
        .map((w) => w.contractId)
        .sort(),
    ).toEqual(ids.filter((id) => id !== terminated.id).sort());
    const ofBatch = batchProjections.filter((p) => p.batchId === batchId);
    expect(ofBatch.map((p) => p.status)).toEqual(['IRASOMA', 'IRASOMA', 'BAIGTA']);

    // The signed ones: the provider's side, with the signer and authority, from their place in the session.
    for (const [index, c] of [
      [0, awaiting],
      [5, awaitingToo],
    ] as const) {
      const state = await c.handle.query(contractStateQuery);
      expect(state.sides.provider).toBe('PASIRASYTA');
      expect(state.documentFileId).toBe(`file-${c.id}-1`);
      expect(recorded.filter((r) => r.contractId === c.id)).toEqual([
        {
          contractId: c.id,
          institutionId,
          sessionId: `batch-${batchId}`,
          documentIndex: index,
          documentFileId: `file-${c.id}-0`,
          signerPersonalCodeHash: 'hash-signer',
        },
      ]);
      expect(projections.filter((p) => p.contractId === c.id).at(-1)?.set).toMatchObject({
        provider_signer_user_id: userId,
        provider_signer_authority: provider.authority,
      });
    }
    // Refused ones changed nothing: no signature was fetched for the changed document, the stranger's side still awaits.
    expect(recorded.filter((r) => r.contractId === changed.id && r.documentIndex !== undefined)).toEqual([]);
    expect((await stranger.handle.query(contractStateQuery)).sides.provider).toBe('LAUKIA_PARASO');
    expect((await changed.handle.query(contractStateQuery)).sides.provider).toBe('LAUKIA_PARASO');
    // Signed once: the one signed singly kept its single signature.
    expect(recorded.filter((r) => r.contractId === signedMeanwhile.id)).toHaveLength(1);

    recordHistoryIfAsked(handle.workflowId, 'contract-batch-signing.json');
    recordHistoryIfAsked(awaiting.handle.workflowId, 'learning-contract-batch-signature.json');
    for (const c of [awaiting, awaitingToo, signedMeanwhile, changed, stranger]) await c.handle.terminate('test done');
  });

  it('a replayed open (same key) reaches the same batch and opens no second session; another user is refused', async () => {
    const c = await contract();
    const batchId = crypto.randomUUID();
    const first = await startBatch([c.id], batchId);
    const again = await startBatch([c.id], batchId);
    expect(again.result).toEqual(first.result);
    // Even under another update id (the page re-rendered with the same key): the batch opens once.
    const other = await startBatch([c.id], batchId, crypto.randomUUID());
    expect(other.result.signUrl).toBe(first.result.signUrl);
    expect(opens.filter((o) => o.batchId === batchId)).toHaveLength(1);

    const stranger = await updateRefusal(
      first.handle.executeUpdate(returnContractBatchUpdate, {
        args: [{ institutionId, userId: crypto.randomUUID(), sessionId: `batch-${batchId}`, status: 'signed' }],
        updateId: crypto.randomUUID(),
      }),
    );
    expect(stranger.type).toBe(ErrorCode.WrongInstitution);
    const unknown = await updateRefusal(
      first.handle.executeUpdate(returnContractBatchUpdate, {
        args: [{ institutionId, userId, sessionId: 'another-session', status: 'signed' }],
        updateId: crypto.randomUUID(),
      }),
    );
    expect(unknown.type).toBe(ErrorCode.InvalidInput);
    await first.handle.terminate('test done');
    await c.handle.terminate('test done');
  });

  it('a session cancelled at the gateway signs nothing: every row says so, the contracts are untouched', async () => {
    const a = await contract();
    const b = await contract();
    const { batchId, handle } = await startBatch([a.id, b.id]);
    sessionStatus.set(`batch-${batchId}`, 'cancelled');
    await handle.executeUpdate(returnContractBatchUpdate, {
      args: [{ institutionId, userId, sessionId: `batch-${batchId}`, status: 'cancelled' }],
      updateId: crypto.randomUUID(),
    });
    expect(await handle.result()).toMatchObject({ status: 'BAIGTA', signed: 0, notSigned: 2 });
    const results = resultsOf(batchId);
    expect([...results.values()].map((r) => r?.message)).toEqual([BATCH_MESSAGES.cancelled, BATCH_MESSAGES.cancelled]);
    expect(recorded.filter((r) => r.contractId === a.id || r.contractId === b.id)).toEqual([]);
    expect((await a.handle.query(contractStateQuery)).sides.provider).toBe('LAUKIA_PARASO');
    expect((await handle.query(contractBatchStateQuery)).sessionId).toBe(`batch-${batchId}`);
    await a.handle.terminate('test done');
    await b.handle.terminate('test done');
  });

  it('durable: the worker stops in the middle of the fan-out; another one finishes it, each contract signed once', async () => {
    const queue = uniqueTaskQueue('wf-contract-batch-crash');
    let signalled = 0;
    // The first worker signals half of the contracts, then stops (its activity is cancelled mid-way).
    const first = await startWorkflowTestWorker(queue, {
      ...activities,
      signalBatchContracts: async (p: Parameters<typeof activities.signalBatchContracts>[0]) => {
        for (const d of p.documents.slice(0, Math.ceil(p.documents.length / 2))) {
          const { batchId, sessionId, signer } = p;
          await client.workflow
            .getHandle(learningContractWorkflowId(d.contractId))
            .signal(batchSignatureSignal, { batchId, sessionId, signer, documentIndex: d.documentIndex, documentFileId: d.documentFileId });
          signalled++;
        }
        await new Promise((_, reject) =>
          Context.current().cancellationSignal.addEventListener('abort', () => reject(new Error('stopped'))),
        );
        return { closed: [] };
      },
    });
    const contracts = await Promise.all([1, 2, 3, 4].map(() => contract(queue)));
    const ids = contracts.map((c) => c.id);
    const { batchId, handle } = await startBatch(ids, crypto.randomUUID(), undefined, queue);
    sessionStatus.set(`batch-${batchId}`, 'signed');
    await handle.executeUpdate(returnContractBatchUpdate, {
      args: [{ institutionId, userId, sessionId: `batch-${batchId}`, status: 'signed' }],
      updateId: crypto.randomUUID(),
    });
    await waitFor(async () => signalled === 2);
    await waitFor(async () => [...resultsOf(batchId).values()].filter(Boolean).length === 2);
    await first.stop();
    // Nothing more happens without a worker; another one takes over (the fan-out is retried: two contracts get their signal twice).
    expect([...resultsOf(batchId).values()].filter(Boolean)).toHaveLength(2);
    const second = await startWorkflowTestWorker(queue, activities);
    try {
      expect(await handle.result()).toMatchObject({ status: 'BAIGTA', signed: 4, notSigned: 0 });
      for (const c of contracts) {
        expect((await c.handle.query(contractStateQuery)).sides.provider).toBe('PASIRASYTA');
        expect(recorded.filter((r) => r.contractId === c.id)).toHaveLength(1);
      }
      expect([...resultsOf(batchId).values()].every((r) => r?.signed === true)).toBe(true);
      for (const c of contracts) await c.handle.terminate('test done');
    } finally {
      await second.stop();
    }
  });
});

const waitFor = (ok: () => Promise<boolean>) => waitUntil(ok, 15_000);
