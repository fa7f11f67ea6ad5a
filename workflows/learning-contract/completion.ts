// The participant's completion (issue 13, L6), owned by her LearningContract workflow once the contract
// is in force: one workflow then serialises completion and termination, which exclude each other
// (DONE-18, CON-24), without a race between two owners. The marks of "Mokymų baigimas" come as one
// Update each ("Mokymus pradėjo", "Mokymus baigė", "galutinis įvertinimas", "Patvirtinti"), checked by
// the rules of workflows/domain/completion.ts against the timetable as it stands (read by an
// activity); the first session's window closes by a timer, which locks a participant not marked
// started (DONE-5, DONE-13); the questionnaire's submission comes from the portal (PORTAL-8).
import { condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { LearningContractActivities } from '../../activities/learning-contract.ts';
import {
  actionRefusal,
  assessmentRefusal,
  completionStatus,
  CompletionStatus,
  newCompletionRecord,
  normaliseAssessment,
  questionnaireRefusal,
  startMarkLockInstant,
  type CompletionRecord,
} from '../domain/completion.ts';
import { ContractPhase } from '../domain/learning-contract.ts';
import { ErrorCode } from '../errors.ts';
import { fail } from '../training-group/failure.ts';
import {
  questionnaireSubmittedUpdate,
  recordCompletionMarkUpdate,
  type CompletionMarkCommand,
  type LearningContractInput,
  type LearningContractState,
} from './messages.ts';

type ContractProjection = Parameters<LearningContractActivities['projectLearningContract']>[0];

const { completionSchedule } = proxyActivities<LearningContractActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '10 seconds', maximumAttempts: 5 },
  summary: 'Tvarkaraščio pirmoji ir paskutinė užsiėmimų dienos',
});

export interface CompletionDeps {
  input: LearningContractInput;
  state: LearningContractState;
  exclusive: <T>(fn: () => Promise<T>) => Promise<T>;
  project: (change: Partial<LearningContractState>, actor: ContractProjection['actor'], set?: ContractProjection['set']) => Promise<void>;
}

/** The row's completion columns for a record. */
function completionColumns(r: CompletionRecord): NonNullable<ContractProjection['set']> {
  const at = (iso: string | null) => (iso === null ? null : new Date(iso));
  return {
    started_at: at(r.startedAt),
    locked_at: at(r.lockedAt),
    completed_at: at(r.completedAt),
    assessment: r.assessment,
    assessment_confirmed_at: at(r.assessmentConfirmedAt),
    questionnaire_filled_at: at(r.questionnaireFilledAt),
  };
}

/** Registers the completion's Updates; returns what the workflow waits on while the contract is in force. */
export function contractCompletion({ input, state, exclusive, project }: CompletionDeps) {
  const record = (): CompletionRecord => ({ ...(state.completion ?? newCompletionRecord()), contractPhase: state.phase });

  async function save(next: CompletionRecord, actor: ContractProjection['actor']) {
    await project({ completion: next }, actor, completionColumns(next));
  }

  function checkMark(cmd: CompletionMarkCommand) {
    if (cmd.institutionId !== input.institutionId) fail(ErrorCode.WrongInstitution, 'Sutartis priklauso kitai institucijai.');
    if (cmd.action === 'assess') {
      const refusal = assessmentRefusal(record(), cmd.assessment ?? '');
      if (refusal) fail(ErrorCode.InvalidInput, refusal, { assessment: refusal });
    }
  }

  setHandler(
    recordCompletionMarkUpdate,
    (cmd) =>
      exclusive(async () => {
        checkMark(cmd);
        const schedule = await completionSchedule({ groupId: input.groupId });
        const current = record();
        const now = new Date();
        const at = now.toISOString();
        let next: CompletionRecord;
        if (cmd.action === 'assess') {
          const refusal = assessmentRefusal(current, cmd.assessment ?? '', schedule.assessmentFormat);
          if (refusal) fail(ErrorCode.InvalidInput, refusal, { assessment: refusal });
          const parsed = normaliseAssessment(schedule.assessmentFormat, cmd.assessment ?? '');
          next = { ...current, assessment: parsed.ok ? parsed.value : null };
        } else {
          const refusal = actionRefusal(cmd.action, current, schedule, now);
          if (refusal) fail(ErrorCode.TransitionNotAllowed, refusal);
          next =
            cmd.action === 'start'
              ? { ...current, startedAt: at }
              : cmd.action === 'complete'
                ? { ...current, completedAt: at }
                : { ...current, assessmentConfirmedAt: at };
        }
        await save(next, { userId: cmd.userId });
        return state;
      }),
    { validator: checkMark },
  );

  setHandler(
    questionnaireSubmittedUpdate,
    (cmd) =>
      exclusive(async () => {
        const current = record();
        const refusal = questionnaireRefusal(current);
        if (refusal) fail(ErrorCode.TransitionNotAllowed, refusal);
        await save({ ...current, questionnaireFilledAt: new Date().toISOString() }, { participantId: cmd.participantId });
        return state;
      }),
    {
      validator: (cmd) => {
        if (!cmd.participantId) fail(ErrorCode.InvalidInput, 'Nenurodytas dalyvis.');
        const refusal = questionnaireRefusal(record());
        if (refusal) fail(ErrorCode.TransitionNotAllowed, refusal);
      },
    },
  );

  /**
   * S2: until the first session's window closes (the timetable read again each time, as it may have
   * moved), then locks a participant not marked started; returns at once for a terminated contract.
   */
  async function lockWhenWindowCloses(): Promise<void> {
    for (;;) {
      if (state.phase !== ContractPhase.InForce || completionStatus(record()) !== CompletionStatus.NotStarted) return;
      const schedule = await completionSchedule({ groupId: input.groupId });
      if (schedule.firstSessionDate === null) {
        // No timetable yet: look again in a day (or as soon as she is marked or the contract ends).
        await condition(() => state.phase !== ContractPhase.InForce || record().startedAt !== null, '1 day');
        continue;
      }
      const lockAt = startMarkLockInstant(schedule.firstSessionDate, schedule.graceDays).getTime();
      if (Date.now() < lockAt) {
        await condition(() => state.phase !== ContractPhase.InForce || record().startedAt !== null, lockAt - Date.now());
        continue;
      }
      await exclusive(async () => {
        const current = record();
        if (state.phase !== ContractPhase.InForce || completionStatus(current) !== CompletionStatus.NotStarted) return;
        await save({ ...current, lockedAt: new Date().toISOString() }, { system: 'S2' });
      });
      return;
    }
  }

  return { lockWhenWindowCloses };
}
