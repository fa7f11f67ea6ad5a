// ContractBatchSigning:<batchId> (CON-5, CON-20): its input and the two commands of the signer (open
// the gateway session for the ticked contracts; the gateway sent the browser back). Each contract
// writes its own row's outcome (BatchRowResult) to Postgres. Names are recorded in histories: never
// rename one.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { BatchParty, BatchStatus } from '../domain/contract-batch-signing.ts';
import type { ContractSigner } from '../learning-contract/messages.ts';

export interface ContractBatchInput {
  /** The bulk-signing form's idempotency key: a replayed POST reaches the same batch. */
  batchId: string;
  institutionId: string;
  groupId: string;
  /** The institution user who ticked the contracts; only they continue the batch. */
  userId: string;
  party: BatchParty;
}

/** A provider's signer or an employer's representative (never a participant). */
export type BatchSigner = Extract<ContractSigner, { party: BatchParty }>;

export interface OpenBatchCommand {
  signer: BatchSigner;
  /** The ticked contracts (registration ids), at most MAX_BATCH_CONTRACTS. */
  contractIds: string[];
  /** Where the gateway sends the signer's browser back. */
  returnUrl: string;
}

export interface OpenBatchResult {
  /** Where to send the signer; null when none of the ticked contracts can be signed (all refused). */
  signUrl: string | null;
  /** How many documents the session holds, and how many ticked contracts were refused at once. */
  documents: number;
  refused: number;
}

/** The gateway sent the signer back (?session=&status=); the gateway's own status decides. */
export interface ReturnBatchCommand {
  userId: string;
  institutionId: string;
  sessionId: string;
  /** What the return URL said (signed | refused | cancelled); informative only. */
  status: string;
}

/** A contract's outcome in the batch (written by LearningContract:<contractId>). */
export interface BatchRowResult {
  contractId: string;
  signed: boolean;
  /** Why not, in Lithuanian (CON-20); null when signed. */
  message: string | null;
}

export interface ContractBatchState {
  status: BatchStatus | 'ATIDAROMA';
  sessionId: string | null;
  total: number;
  signed: number;
  notSigned: number;
}

export const openContractBatchUpdate = defineUpdate<OpenBatchResult, [OpenBatchCommand]>('openContractBatch');
export const returnContractBatchUpdate = defineUpdate<ContractBatchState, [ReturnBatchCommand]>('returnContractBatch');
export const contractBatchStateQuery = defineQuery<ContractBatchState>('contractBatchState');
