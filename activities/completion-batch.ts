// The CompletionBatch workflow's I/O (issue 13; DONE-2, DONE-11): the ticked contracts are checked to be
// the institution's own, of the group; each is sent its recordCompletionMark Update through the
// worker's Temporal client (several at a time), with an updateId from the batch and the contract, so
// a retried activity marks nobody twice; each contract's answer (marked, or its refusal) is the row.
import { ApplicationFailure, Context } from '@temporalio/activity';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { Db } from '../db/client.ts';
import type { CompletionAction } from '../workflows/domain/completion.ts';
import type { CompletionBatchInput, CompletionBatchRow } from '../workflows/completion-batch/messages.ts';
import { ErrorCode } from '../workflows/errors.ts';
import { learningContractWorkflowId } from '../workflows/ids.ts';
import { recordCompletionMarkUpdate } from '../workflows/learning-contract/messages.ts';

/** Updates sent at once. */
const CONCURRENCY = 8;

/** The contract could not record the mark (its own write failed): try again later. */
export const NOT_MARKED = 'Žymos įrašyti nepavyko: bandykite dar kartą vėliau.';

/** A contract whose workflow has ended (terminated and closed, or its group over). */
export const CONTRACT_CLOSED = 'Mokymosi sutartis nebegalioja: žymėti negalima.';

export function createCompletionBatchActivities(deps: { db: Db }) {
  const { db } = deps;
  return {
    /** Sends each ticked contract its mark; NotFound (nobody marked) when one is not the group's. */
    async sendCompletionMarks(
      p: CompletionBatchInput & { action: CompletionAction; contractIds: string[] },
    ): Promise<CompletionBatchRow[]> {
      const ids = [...new Set(p.contractIds)];
      const own = await db
        .selectFrom('learning_contracts')
        .select('id')
        .where('institution_id', '=', p.institutionId)
        .where('group_id', '=', p.groupId)
        .where('id', 'in', ids)
        .execute();
      if (own.length !== ids.length) throw ApplicationFailure.nonRetryable('Nerasta.', ErrorCode.NotFound);
      const { client } = Context.current();
      const rows = new Map<string, CompletionBatchRow>();
      let next = 0;
      const lane = async () => {
        while (next < ids.length) {
          const contractId = ids[next++]!;
          try {
            await client.workflow.getHandle(learningContractWorkflowId(contractId)).executeUpdate(recordCompletionMarkUpdate, {
              args: [{ userId: p.userId, institutionId: p.institutionId, action: p.action }],
              updateId: `batch:${p.batchId}:${contractId}`,
            });
            rows.set(contractId, { contractId, ok: true, message: null });
          } catch (err) {
            if (err instanceof WorkflowNotFoundError) rows.set(contractId, { contractId, ok: false, message: CONTRACT_CLOSED });
            else if (err instanceof WorkflowUpdateFailedError)
              rows.set(contractId, {
                contractId,
                ok: false,
                message: err.cause instanceof ApplicationFailure && err.cause.message ? err.cause.message : NOT_MARKED,
              });
            else throw err;
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(CONCURRENCY, ids.length) }, lane));
      return ids.map((id) => rows.get(id)!);
    },
  };
}

export type CompletionBatchActivities = ReturnType<typeof createCompletionBatchActivities>;
