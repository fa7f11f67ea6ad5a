// The participant's completion (issue 13, L6), owned by her LearningContract workflow once the contract
// is in force: one workflow then serialises completion and termination, which exclude each other
// (DONE-18, CON-24), without a race between two owners. The marks of "Mokymų baigimas" come as one
// Update each ("Mokymus pradėjo", "Mokymus baigė", "galutinis įvertinimas", "Patvirtinti"), checked by
// the rules of workflows/domain/completion.ts against the timetable as it stands (read by an
// activity); the first session's window closes by a timer, which locks a participant not marked
// started (DONE-5, DONE-13); the questionnaire's submission comes from the portal (PORTAL-8). Once the
// group is "Užbaigta" (groupEnded) no mark changes any more, and the contract stays open only while
// its questionnaire is active and unfilled, up to questionnaireOpenDays after "Patvirtinti".
import { condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { LearningContractActivities } from '../../activities/learning-contract.ts';
import {
  actionRefusal,
  assessmentRefusal,
  COMPLETION_MESSAGES,
  completionStatus,
  DEFAULT_ASSESSMENT_FORMAT,
  PASS_FAIL,
  type AssessmentFormat,
  CompletionStatus,
  DEFAULT_QUESTIONNAIRE_OPEN_DAYS,
  newCompletionRecord,
  normaliseAssessment,
  questionnaireRefusal,
  questionnaireStatus,
  QuestionnaireStatus,
  startMarkLockInstant,
  type CompletionRecord,
} from '../domain/completion.ts';
import { ContractPhase } from '../domain/learning-contract.ts';
import { isQuestionnaireAnswers, QUESTIONNAIRE_MESSAGES } from '../domain/questionnaire.ts';
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
  project: (
    change: Partial<LearningContractState>,
    actor: ContractProjection['actor'],
    set?: ContractProjection['set'],
    /** What the projection stores beside the row and not in the state (the questionnaire's answers). */
    extra?: Pick<ContractProjection, 'questionnaireAnswers'>,
  ) => Promise<void>;
  /** The group signalled its end ("Užbaigta", or not delivered): no more marks. */
  groupEnded: () => boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;

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
export function contractCompletion({ input, state, exclusive, project, groupEnded }: CompletionDeps) {
  const record = (): CompletionRecord => ({ ...(state.completion ?? newCompletionRecord()), contractPhase: state.phase });

  async function save(next: CompletionRecord, actor: ContractProjection['actor'], extra: Partial<LearningContractState> = {}) {
    // The questionnaire's closing instant goes to the row too, so the portal stops offering it then.
    const closes = extra.questionnaireClosesAt ? { questionnaire_closes_at: new Date(extra.questionnaireClosesAt) } : {};
    await project({ ...extra, completion: next }, actor, { ...completionColumns(next), ...closes });
  }

  /** DONE-8: the questionnaire takes answers until questionnaireOpenDays after "Patvirtinti" (unknown in older runs: open). */
  const questionnaireWindow = () => ({ closesAt: state.questionnaireClosesAt ?? null, now: Date.now() });

  function checkMark(cmd: CompletionMarkCommand) {
    if (cmd.institutionId !== input.institutionId) fail(ErrorCode.WrongInstitution, 'Sutartis priklauso kitai institucijai.');
    // The group is "Užbaigta": its outcomes were checked then and stay as they are.
    if (groupEnded()) fail(ErrorCode.TransitionNotAllowed, COMPLETION_MESSAGES.groupEnded);
    if (cmd.action === 'assess') refuseAssessment(cmd.assessment ?? '');
  }

  /**
   * S4's refusal: a value outside the format is the field's error (422); the participant's state
   * (not completed, confirmed already, locked, terminated) a conflict (409). Without a format, the
   * validator checks the state and only the handler (which reads it) the format.
   */
  function refuseAssessment(raw: string, format?: AssessmentFormat) {
    const refusal = assessmentRefusal(record(), raw, format);
    if (!refusal) return;
    const stateRefusal = assessmentRefusal(record(), PASS_FAIL.Passed, DEFAULT_ASSESSMENT_FORMAT);
    if (stateRefusal) fail(ErrorCode.TransitionNotAllowed, stateRefusal);
    if (format) fail(ErrorCode.InvalidInput, refusal, { assessment: refusal });
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
        let extra: Partial<LearningContractState> = {};
        if (cmd.action === 'assess') {
          refuseAssessment(cmd.assessment ?? '', schedule.assessmentFormat);
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
          // DONE-8: the questionnaire opens now, for questionnaireOpenDays (read with the timetable).
          if (cmd.action === 'confirm')
            extra = {
              questionnaireClosesAt: new Date(
                now.getTime() + (schedule.questionnaireOpenDays ?? DEFAULT_QUESTIONNAIRE_OPEN_DAYS) * DAY_MS,
              ).toISOString(),
            };
        }
        await save(next, { userId: cmd.userId }, extra);
        return state;
      }),
    { validator: checkMark },
  );

  setHandler(
    questionnaireSubmittedUpdate,
    (cmd) =>
      exclusive(async () => {
        const current = record();
        const refusal = questionnaireRefusal(current, questionnaireWindow());
        if (refusal) fail(ErrorCode.TransitionNotAllowed, refusal);
        const next = { ...current, questionnaireFilledAt: new Date().toISOString() };
        // The answers go to the projection only, stored apart from her identity in its transaction
        // (PROG-31); older histories' Updates carry none (no answers row then).
        const extra = cmd.answers ? { questionnaireAnswers: cmd.answers } : {};
        await project({ completion: next }, { participantId: cmd.participantId }, completionColumns(next), extra);
        return state;
      }),
    {
      validator: (cmd) => {
        if (!cmd.participantId) fail(ErrorCode.InvalidInput, 'Nenurodytas dalyvis.');
        const refusal = questionnaireRefusal(record(), questionnaireWindow());
        if (refusal) fail(ErrorCode.TransitionNotAllowed, refusal);
        // PORTAL-8: a new submission carries the answers as validateQuestionnaire gives them.
        if (!isQuestionnaireAnswers(cmd.answers)) fail(ErrorCode.InvalidInput, QUESTIONNAIRE_MESSAGES.answersInvalid);
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

  /**
   * After the group's end: a mark accepted just before it goes through first; then, while the
   * questionnaire is active and unfilled (DONE-8), until it is filled, the contract is terminated or
   * the questionnaire's days are over. Returns when the contract has nothing more to wait for.
   */
  async function waitForQuestionnaire(): Promise<void> {
    await exclusive(async () => undefined);
    for (;;) {
      const current = record();
      if (state.phase !== ContractPhase.InForce || questionnaireStatus(current) !== QuestionnaireStatus.Active) return;
      const closesAt = questionnaireClosesAt(current);
      if (Date.now() >= closesAt) return;
      await condition(() => state.phase !== ContractPhase.InForce || record().questionnaireFilledAt !== null, closesAt - Date.now());
    }
  }

  /** When the questionnaire stops being awaited: as set at "Patvirtinti", else the default days after it. */
  function questionnaireClosesAt(r: CompletionRecord): number {
    const set = state.questionnaireClosesAt ? Date.parse(state.questionnaireClosesAt) : NaN;
    if (!Number.isNaN(set)) return set;
    return Date.parse(r.assessmentConfirmedAt!) + DEFAULT_QUESTIONNAIRE_OPEN_DAYS * DAY_MS;
  }

  return { lockWhenWindowCloses, waitForQuestionnaire, questionnaireClosesAt };
}
