// Web → LearningContract:<registrationId> from the participants' portal: "Pateikti anketą" (PORTAL-8).
// One Update, its updateId the form's idempotency key, so a double submit is done once. The answers
// travel in the Update to the contract's projection, which stores them apart from her identity.
import type { QuestionnaireAnswers } from '../workflows/domain/questionnaire.ts';
import { learningContractWorkflowId } from '../workflows/ids.ts';
import { questionnaireSubmittedUpdate, type LearningContractState } from '../workflows/learning-contract/messages.ts';
import { completionOf, type CommandResult } from './errors.ts';
import { withinDeadline, type GroupCommandTarget } from './group-commands.ts';

export function submitQuestionnaire(
  t: GroupCommandTarget,
  a: { contractId: string; participantId: string; answers: QuestionnaireAnswers; idempotencyKey: string },
): Promise<CommandResult<LearningContractState>> {
  const handle = t.temporal.workflow.getHandle(learningContractWorkflowId(a.contractId));
  return withinDeadline(t, () =>
    completionOf(
      handle.startUpdate(questionnaireSubmittedUpdate, {
        args: [{ participantId: a.participantId, answers: a.answers }],
        updateId: `dalyvis-anketa:${a.idempotencyKey}`,
        waitForStage: 'ACCEPTED',
      }),
    ),
  );
}
