// The ContractBatchSigning workflow's I/O (CON-5, CON-20): the ticked contracts are read from Postgres
// (the institution's own, of the group), those that await the signer's side go into ONE gateway
// session, the others are refused with their reason; the batch and its rows are written before the
// session is opened, so a retried activity opens the same session (the gateway's idempotency key) for
// the same documents. Then the session's status, and the contracts' outcomes as they come.
import { ApplicationFailure, Context } from '@temporalio/activity';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { Db } from '../db/client.ts';
import {
  applyBatchResults,
  batchDocuments,
  batchProgress,
  countRefusedRows,
  findBatchCandidates,
  insertBatch,
  readContractDocuments,
  setBatchSession,
} from '../db/queries/contract-signing-batches.ts';
import { batchRowRefusal, type BatchParty, type BatchStatus } from '../workflows/domain/contract-batch-signing.ts';
import type { BatchRowResult, BatchSigner } from '../workflows/contract-batch-signing/messages.ts';
import { ErrorCode } from '../workflows/errors.ts';
import { learningContractWorkflowId } from '../workflows/ids.ts';
import { batchSignatureSignal } from '../workflows/learning-contract/messages.ts';
import type { Config } from '../worker/config.ts';
import { createSigningGatewayClient, SigningGatewayError, type SigningGatewayClient, type SigningSessionStatus } from './signing/client.ts';

export interface OpenContractBatchInput {
  batchId: string;
  institutionId: string;
  groupId: string;
  userId: string;
  party: BatchParty;
  /** The employer an employer's representative signs for (USERS-32); null for the provider's signer. */
  employerId: string | null;
  signerName: string;
  /** The signature's /Reason on every document (USERS-28 for the provider's signer), or null. */
  reason: string | null;
  contractIds: string[];
  returnUrl: string;
}

export interface BatchDocument {
  contractId: string;
  documentIndex: number;
  documentFileId: string;
}

export interface OpenedContractBatch {
  /** Null when none of the ticked contracts could be signed: no session was opened. */
  sessionId: string | null;
  signUrl: string | null;
  expiresAt: string | null;
  documents: BatchDocument[];
  refused: number;
}

/** Signals sent at once by signalBatchContracts. */
const SIGNAL_CONCURRENCY = 16;

export function createContractBatchSigningActivities(deps: { db: Db; config: Config; gateway?: SigningGatewayClient }) {
  const { db } = deps;
  const gateway = deps.gateway ?? createSigningGatewayClient(deps.config.signing);

  return {
    /**
     * CON-5, CON-20: classifies the ticked contracts, writes the batch and opens one gateway session
     * with every document that awaits the signer's side. Another institution's or group's contract:
     * NotFound (the page answers 404), nothing written.
     */
    async openContractBatch(p: OpenContractBatchInput): Promise<OpenedContractBatch> {
      const ids = [...new Set(p.contractIds)];
      const candidates = await findBatchCandidates(db, p.institutionId, p.groupId, ids);
      if (candidates.length !== ids.length) throw ApplicationFailure.nonRetryable('Nerasta.', ErrorCode.NotFound);
      const byId = new Map(candidates.map((c) => [c.id, c]));
      const now = Date.now();
      let index = 0;
      const rows = ids.map((contractId) => {
        const c = byId.get(contractId)!;
        const refusal = batchRowRefusal(
          {
            phase: c.phase,
            sides: { participant: c.participant_status, provider: c.provider_status, employer: c.employer_status },
            signingDeadline: c.signing_deadline,
            employerId: c.employer_id,
            documentFileId: c.document_file_id,
          },
          p.party,
          p.employerId,
          now,
        );
        return refusal
          ? { contractId, documentIndex: null, documentFileId: null, message: refusal }
          : { contractId, documentIndex: index++, documentFileId: c.document_file_id, message: null };
      });
      await insertBatch(db, { id: p.batchId, institutionId: p.institutionId, groupId: p.groupId, userId: p.userId, party: p.party, rows });
      // What was written first counts (a retry after a contract changed sends the same documents).
      const documents = await batchDocuments(db, p.batchId);
      const refused = await countRefusedRows(db, p.batchId);
      if (documents.length === 0) return { sessionId: null, signUrl: null, expiresAt: null, documents, refused };

      const files = await readContractDocuments(
        db,
        p.institutionId,
        documents.map((d) => d.documentFileId),
      );
      const created = await gateway.createSession({
        documents: documents.map((d) => {
          const file = files.get(d.documentFileId);
          if (!file) throw new Error(`contract document ${d.documentFileId} not found`);
          return {
            pdf: file.content,
            title: file.originalName.replace(/\.pdf$/, ''),
            fileName: file.downloadName,
            reference: d.contractId,
          };
        }),
        signer: { name: p.signerName },
        ...(p.reason ? { reason: p.reason } : {}),
        returnUrl: p.returnUrl,
        reference: `batch:${p.batchId}`,
        idempotencyKey: `batch:${p.batchId}`,
      });
      await setBatchSession(db, p.batchId, created);
      return { sessionId: created.sessionId, signUrl: created.signUrl, expiresAt: created.expiresAt, documents, refused };
    },

    /** The session's status at the gateway (without the documents): what the return URL says is not trusted. */
    async contractBatchSessionStatus(p: { sessionId: string }): Promise<SigningSessionStatus> {
      try {
        return (await gateway.fetchSession(p.sessionId, { content: false })).status;
      } catch (err) {
        // The gateway forgets sessions some time after they end: nothing was signed in it then.
        if (err instanceof SigningGatewayError && err.kind === 'not_found') return 'expired';
        throw err;
      }
    },

    /**
     * The signer confirmed: every contract of the session gets its document's place in it (the worker's
     * Temporal client, several at a time). A retry signals some twice, which a contract answers once
     * (the same session, its side signed). Returns the contracts whose workflows have ended.
     */
    async signalBatchContracts(p: {
      batchId: string;
      sessionId: string;
      signer: BatchSigner;
      documents: BatchDocument[];
    }): Promise<{ closed: string[] }> {
      const { client } = Context.current();
      const closed: string[] = [];
      let next = 0;
      const lane = async () => {
        while (next < p.documents.length) {
          const d = p.documents[next++]!;
          try {
            await client.workflow.getHandle(learningContractWorkflowId(d.contractId)).signal(batchSignatureSignal, {
              batchId: p.batchId,
              sessionId: p.sessionId,
              documentIndex: d.documentIndex,
              documentFileId: d.documentFileId,
              signer: p.signer,
            });
          } catch (err) {
            if (!(err instanceof WorkflowNotFoundError)) throw err;
            closed.push(d.contractId);
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(SIGNAL_CONCURRENCY, p.documents.length) }, lane));
      return { closed };
    },

    /** The rows still pending (their contracts have not written an outcome) and the counts so far. */
    async pendingBatchRows(p: { batchId: string }): Promise<{ pending: string[]; signed: number; notSigned: number }> {
      return batchProgress(db, p.batchId);
    },

    /** A contract's own outcome in a batch (CON-20): written once (a retry or a second signal changes nothing). */
    async recordBatchRowOutcome(p: { batchId: string } & BatchRowResult): Promise<void> {
      await applyBatchResults(db, { batchId: p.batchId, results: [p] });
    },

    /** The contracts' outcomes so far and the batch's status (idempotent). */
    async projectContractBatch(p: {
      batchId: string;
      status: BatchStatus;
      results: { contractId: string; signed: boolean; message: string | null }[];
    }): Promise<void> {
      await applyBatchResults(db, p);
    },
  };
}

export type ContractBatchSigningActivities = ReturnType<typeof createContractBatchSigningActivities>;
