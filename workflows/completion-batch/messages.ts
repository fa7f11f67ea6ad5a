// CompletionBatch:<batchId> (issue 13; DONE-2, DONE-11): ticked participants of "Mokymų baigimas" marked
// at once ("Mokymus pradėjo", "Mokymus baigė" or "Patvirtinti"). Names are recorded in histories:
// never rename one.
import { defineUpdate } from '@temporalio/workflow';
import type { CompletionAction } from '../domain/completion.ts';

export interface CompletionBatchInput {
  /** The tab's form key: a replayed POST reaches the same batch, whose rows each contract answers once. */
  batchId: string;
  institutionId: string;
  groupId: string;
  /** The institution user who pressed the button (recorded by each contract as the mark's actor). */
  userId: string;
}

export interface CompletionBatchCommand {
  userId: string;
  institutionId: string;
  action: CompletionAction;
  /** The ticked contracts (registration ids), at most MAX_COMPLETION_BATCH. */
  contractIds: string[];
}

/** One ticked contract's outcome: marked, or why not (the contract's own refusal, in Lithuanian). */
export interface CompletionBatchRow {
  contractId: string;
  ok: boolean;
  message: string | null;
}

/** A group holds far fewer participants. */
export const MAX_COMPLETION_BATCH = 500;

export const markCompletionBatchUpdate = defineUpdate<CompletionBatchRow[], [CompletionBatchCommand]>('markCompletionBatch');
