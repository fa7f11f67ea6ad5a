// LearningContract workflows in workflow tests (issue 12, 13): a contract started as the group would
// start it (with a group workflow listening for its signals), the mocked gateway's session and signed
// file, and signing through them — what the contract, batch-signing and completion tests share.
import type { Client, WorkflowHandle } from '@temporalio/client';
import { learningContractWorkflowId } from '../../workflows/ids.ts';
import {
  completeContractSigningUpdate,
  contractStateQuery,
  startContractSigningUpdate,
  type ContractSigner,
  type LearningContractInput,
} from '../../workflows/learning-contract/messages.ts';
import type { learningContractWorkflow } from '../../workflows/learning-contract/workflow.ts';
import { startListeningGroup } from './group-signals.ts';

/** A contract of a new group; `deadlineInMs` is its signing deadline, `openForMs` how long it stays open after it. */
export async function startTestContract(
  client: Client,
  taskQueue: string,
  institutionId: string,
  opts: { deadlineInMs: number; openForMs?: number; awaitSigning?: boolean; extra?: Partial<LearningContractInput> },
): Promise<{ contractId: string; groupId: string; handle: WorkflowHandle<typeof learningContractWorkflow> }> {
  const contractId = opts.extra?.contractId ?? crypto.randomUUID();
  const groupId = opts.extra?.groupId ?? crypto.randomUUID();
  await startListeningGroup(client, taskQueue, groupId, institutionId);
  const handle = await client.workflow.start<typeof learningContractWorkflow>('learningContractWorkflow', {
    workflowId: learningContractWorkflowId(contractId),
    taskQueue,
    args: [
      {
        contractId,
        groupId,
        institutionId,
        programmeId: crypto.randomUUID(),
        signingDeadline: new Date(Date.now() + opts.deadlineInMs).toISOString(),
        openUntil: new Date(Date.now() + opts.deadlineInMs + (opts.openForMs ?? 3_000)).toISOString(),
        retryMs: 500,
        ...opts.extra,
      },
    ],
  });
  if (opts.awaitSigning) await waitUntil(async () => (await handle.query(contractStateQuery)).phase === 'PASIRASOMA');
  return { contractId, groupId, handle };
}

/** Polls until `check` holds (fails after `timeoutMs`). */
export async function waitUntil(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The mocked preparation: numbered and generated at once (K1). */
export function readyContract(p: { contractId: string }) {
  return {
    kind: 'ready' as const,
    number: `MS-${p.contractId.slice(0, 4)}`,
    documentFileId: `file-${p.contractId}-0`,
    documentSha256: 'sha-0',
    employerId: null,
  };
}

/** The mocked gateway's session: its id is in the sign URL's `session` parameter. */
export function mockSigningSession(p: { party: string }) {
  const sessionId = `${p.party}-${crypto.randomUUID().slice(0, 8)}`;
  return { sessionId, signUrl: `http://gateway.test/sign?session=${sessionId}` };
}

/** The mocked check of a returned file: accepted, the document's next version (file-<id>-<n+1>). */
export function mockSignedFile(p: { contractId: string; documentFileId: string }, signerName = 'Pasirašęs Asmuo') {
  const n = Number(p.documentFileId.split('-').at(-1)) + 1;
  return {
    ok: true as const,
    documentFileId: `file-${p.contractId}-${n}`,
    documentSha256: `sha-${n}`,
    signerName,
    signedAt: new Date().toISOString(),
    reason: null,
  };
}

/** One signature through the workflow's two Updates and the mocked gateway. */
export async function signThroughMockGateway(handle: WorkflowHandle, signer: ContractSigner) {
  const { signUrl } = await handle.executeUpdate(startContractSigningUpdate, {
    args: [{ signer, returnUrl: 'http://localhost/atgal' }],
    updateId: crypto.randomUUID(),
  });
  const sessionId = new URL(signUrl).searchParams.get('session')!;
  return handle.executeUpdate(completeContractSigningUpdate, { args: [{ signer, sessionId }], updateId: crypto.randomUUID() });
}
