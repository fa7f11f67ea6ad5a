// CompletionBatch:<batchId> (issue 13; DONE-2, DONE-11, SCHED-22): the provider ticked several
// participants of "Mokymų baigimas" and pressed one button. The web starts this workflow with its one
// Update (update-with-start; the batch id is the form's key, so a replayed POST reaches the same
// batch and its answer): an activity sends each ticked contract's LearningContract:<id> workflow, the
// owner of her completion, its own recordCompletionMark Update (updateId from the batch and the
// contract, so a retried activity marks nobody twice); each contract applies its own rules and
// answers; the rows come back as the Update's result. One user action, one command to one workflow.
import { allHandlersFinished, ApplicationFailure, condition, proxyActivities, setCurrentDetails, setHandler } from '@temporalio/workflow';
import type { CompletionBatchActivities } from '../../activities/completion-batch.ts';
import { COMPLETION_MESSAGES } from '../domain/completion.ts';
import { COMPLETION_ACTION_LABELS } from '../domain/completion-tab.ts';
import { ErrorCode } from '../errors.ts';
import { operatorDetails, waitingFor } from '../operator-details.ts';
import { fail } from '../training-group/failure.ts';
import { markCompletionBatchUpdate, MAX_COMPLETION_BATCH, type CompletionBatchInput, type CompletionBatchRow } from './messages.ts';

/** The user waits in the browser: the contracts answer in seconds; a few tries, then the page says so. */
const { sendCompletionMarks } = proxyActivities<CompletionBatchActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '10 seconds', maximumAttempts: 5 },
  summary: 'Pažymėtiems dalyviams siunčiamos mokymų baigimo žymos',
});

/** How long the batch waits for its command before it ends. */
const COMMAND_WAIT_MS = 10 * 60 * 1000;

export async function completionBatchWorkflow(input: CompletionBatchInput): Promise<{ marked: number; notMarked: number }> {
  let sending: Promise<CompletionBatchRow[]> | null = null;
  let rows: CompletionBatchRow[] | null = null;
  let failed = false;

  setCurrentDetails(operatorDetails('Mokymų baigimo žymos pažymėtiems', [waitingFor('komandos')]));

  setHandler(
    markCompletionBatchUpdate,
    async (cmd) => {
      // The same batch pressed again (a replayed POST with another updateId): the same rows.
      sending ??= (async () => {
        setCurrentDetails(
          operatorDetails(`Mokymų baigimo žymos pažymėtiems: „${COMPLETION_ACTION_LABELS[cmd.action]}“`, [
            `Pažymėta dalyvių: ${cmd.contractIds.length}`,
          ]),
        );
        try {
          return await sendCompletionMarks({ ...input, action: cmd.action, contractIds: cmd.contractIds });
        } catch (err) {
          failed = true;
          const cause = err instanceof ApplicationFailure ? err : (err as { cause?: unknown }).cause;
          // Another institution's or group's contract: NotFound (the page answers 404), nobody marked.
          if (cause instanceof ApplicationFailure && cause.type === ErrorCode.NotFound) fail(ErrorCode.NotFound, 'Nerasta.');
          fail(ErrorCode.TransitionNotAllowed, 'Žymų išsiųsti nepavyko: bandykite dar kartą.');
        }
      })();
      const result = await sending;
      rows = result;
      return result;
    },
    {
      validator: (cmd) => {
        // Another user's (or institution's) request knows nothing of this batch.
        if (cmd.institutionId !== input.institutionId || cmd.userId !== input.userId) fail(ErrorCode.WrongInstitution, 'Nerasta.');
        if (cmd.contractIds.length === 0) fail(ErrorCode.InvalidInput, COMPLETION_MESSAGES.noneTicked);
        if (cmd.contractIds.length > MAX_COMPLETION_BATCH) fail(ErrorCode.InvalidInput, 'Pažymėta per daug dalyvių.');
        if (cmd.action !== 'start' && cmd.action !== 'complete' && cmd.action !== 'confirm')
          fail(ErrorCode.InvalidInput, 'Neteisinga užklausa.');
      },
    },
  );

  await condition(() => rows !== null || failed, COMMAND_WAIT_MS);
  await condition(allHandlersFinished);
  const done = (rows ?? []) as CompletionBatchRow[];
  const marked = done.filter((r) => r.ok).length;
  setCurrentDetails(
    operatorDetails('Mokymų baigimo žymos pažymėtiems: baigta', [`Pažymėta ${marked}, nepažymėta ${done.length - marked}`]),
  );
  return { marked, notMarked: done.length - marked };
}
