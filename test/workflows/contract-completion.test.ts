// The participant's completion in her LearningContract workflow (issue 13, L6): the marks of
// "Mokymų baigimas" in order and on their days against the timetable as it stands (DONE-4, DONE-13,
// DONE-14), the final assessment in its format and its one confirmation (DONE-6, DONE-7, DONE-15,
// DONE-20), the questionnaire once (PORTAL-8), the lock when the first session's day passes without
// "Mokymus pradėjo" (DONE-5), and nothing for a terminated contract (DONE-18). Activities mocked.
import { recordHistoryIfAsked } from '../support/histories.ts';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractProjection } from '../../db/queries/learning-contracts.ts';
import { addDays, vilniusDate } from '../../workflows/domain/calendar.ts';
import { COMPLETION_MESSAGES, type CompletionSchedule } from '../../workflows/domain/completion.ts';
import {
  contractStateQuery,
  groupEndedSignal,
  questionnaireSubmittedUpdate,
  recordCompletionMarkUpdate,
  terminateContractUpdate,
  type CompletionMarkCommand,
  type ContractSigner,
} from '../../workflows/learning-contract/messages.ts';
import {
  mockSignedFile,
  mockSigningSession,
  readyContract,
  signThroughMockGateway,
  startTestContract,
  waitUntil,
} from '../support/contract-workflow.ts';
import { uniqueTaskQueue } from '../support/env.ts';
import { startWorkflowTestWorker, updateRefusal as refusal, type WorkflowTestWorker } from '../support/workflow-worker.ts';

const taskQueue = uniqueTaskQueue('wf-contract-completion');
const institutionId = crypto.randomUUID();
const today = vilniusDate(new Date());

let client: Client;
let worker: WorkflowTestWorker;
const projections: ContractProjection[] = [];
/** The timetable's first and last session days per group, as the mocked activity reads them. */
const schedules = new Map<string, CompletionSchedule & { questionnaireOpenDays?: number }>();
const answers = { scores: { usefulness: 5, lecturers: 4, organisation: 4, materials: 3, overall: 5 }, comment: null };

const participant: ContractSigner = { party: 'participant', participantId: 'p-1', personKey: 'key-p-1', name: 'Ona Dalyvė' };
const provider: ContractSigner = {
  party: 'provider',
  userId: 'user-1',
  institutionId,
  personalCodeHash: 'hash-signer',
  name: 'Rūta Jonaitienė',
  authority: 'Direktoriaus 2024-01-15 įsakymas Nr. V-12',
};

/** A contract in force (both signed) of a group whose timetable runs `first`..`last`. */
async function inForce(first: string | null, last: string | null, extra: { openUntil?: string; questionnaireOpenDays?: number } = {}) {
  const groupId = crypto.randomUUID();
  schedules.set(groupId, {
    firstSessionDate: first,
    lastSessionDate: last,
    graceDays: 0,
    questionnaireOpenDays: extra.questionnaireOpenDays,
  });
  const { contractId, handle } = await startTestContract(client, taskQueue, institutionId, {
    deadlineInMs: 60_000,
    openForMs: 60_000,
    awaitSigning: true,
    extra: { groupId, ...(extra.openUntil ? { openUntil: extra.openUntil } : {}) },
  });
  await signThroughMockGateway(handle, participant);
  expect((await signThroughMockGateway(handle, provider)).phase).toBe('GALIOJA');
  return { contractId, groupId, handle };
}

function mark(handle: WorkflowHandle, action: CompletionMarkCommand['action'], assessment?: string) {
  return handle.executeUpdate(recordCompletionMarkUpdate, {
    args: [{ userId: 'user-1', institutionId, action, ...(assessment === undefined ? {} : { assessment }) }],
    updateId: crypto.randomUUID(),
  });
}

beforeAll(async () => {
  worker = await startWorkflowTestWorker(taskQueue, {
    prepareLearningContract: async (p: { contractId: string }) => readyContract(p),
    openContractSigningSession: async (p: { party: string }) => mockSigningSession(p),
    recordContractSignature: async (p: { contractId: string; documentFileId: string }) => mockSignedFile(p),
    projectLearningContract: async (p: ContractProjection) => {
      projections.push(p);
      return { applied: true, outboxIds: [] };
    },
    completionSchedule: async (p: { groupId: string }) => {
      const { questionnaireOpenDays, ...schedule } = schedules.get(p.groupId)!;
      return { ...schedule, assessmentFormat: { kind: 'passFail' }, ...(questionnaireOpenDays ? { questionnaireOpenDays } : {}) };
    },
    deliverEmail: async () => ({ sent: true, messageId: 'm' }),
  });
  client = worker.client;
});

afterAll(async () => {
  await worker?.stop();
});

describe('completion in the LearningContract workflow (L6)', () => {
  it('marks in order and on their days, the assessment in its format, one "Patvirtinti", the questionnaire once', async () => {
    const { contractId, groupId, handle } = await inForce(addDays(today, 1), addDays(today, 5));
    // Before the first session's day (DONE-13), and "Mokymus baigė" before "Mokymus pradėjo" (DONE-4).
    expect((await refusal(mark(handle, 'start'))).message).toBe(
      `Žymą „Mokymus pradėjo“ galima pažymėti nuo pirmojo užsiėmimo dienos (${addDays(today, 1)}).`,
    );
    expect((await refusal(mark(handle, 'complete'))).message).toBe(COMPLETION_MESSAGES.notStarted);

    // The timetable moved: the first session is today (read again at each mark).
    schedules.set(groupId, { firstSessionDate: today, lastSessionDate: addDays(today, 5), graceDays: 0 });
    expect((await mark(handle, 'start')).completion?.startedAt).toBeTruthy();
    expect((await refusal(mark(handle, 'start'))).message).toBe(COMPLETION_MESSAGES.alreadyStarted);
    // "Mokymus baigė" only from the last session's day (DONE-14).
    expect((await refusal(mark(handle, 'complete'))).message).toBe(
      `Žymą „Mokymus baigė“ galima pažymėti nuo paskutinio užsiėmimo dienos (${addDays(today, 5)}).`,
    );
    schedules.set(groupId, { firstSessionDate: today, lastSessionDate: today, graceDays: 0 });
    // The assessment only after "Mokymus baigė" (DONE-6).
    expect((await refusal(mark(handle, 'assess', 'ISKAITYTA'))).message).toBe(COMPLETION_MESSAGES.notCompleted);
    expect((await mark(handle, 'complete')).completion?.completedAt).toBeTruthy();
    // Not in the configured format (DONE-20): refused by the validator, nothing written.
    const written = projections.filter((p) => p.contractId === contractId).length;
    const wrong = await refusal(mark(handle, 'assess', '10'));
    expect(wrong.type).toBe('InvalidInput');
    expect(projections.filter((p) => p.contractId === contractId)).toHaveLength(written);
    expect((await refusal(mark(handle, 'confirm'))).message).toBe(COMPLETION_MESSAGES.nothingToConfirm);
    // The questionnaire is not open before "Patvirtinti" (DONE-8).
    const early = await refusal(
      handle.executeUpdate(questionnaireSubmittedUpdate, { args: [{ participantId: 'p-1' }], updateId: crypto.randomUUID() }),
    );
    expect(early.message).toBe(COMPLETION_MESSAGES.questionnaireNotActive);

    expect((await mark(handle, 'assess', 'NEISKAITYTA')).completion?.assessment).toBe('NEISKAITYTA');
    // Entered again before "Patvirtinti": replaced.
    expect((await mark(handle, 'assess', 'ISKAITYTA')).completion?.assessment).toBe('ISKAITYTA');
    expect((await mark(handle, 'confirm')).completion?.assessmentConfirmedAt).toBeTruthy();
    // A second "Patvirtinti", and a change after it (DONE-7, DONE-15).
    expect((await refusal(mark(handle, 'confirm'))).message).toBe(COMPLETION_MESSAGES.assessmentConfirmed);
    expect((await refusal(mark(handle, 'assess', 'NEISKAITYTA'))).message).toBe(COMPLETION_MESSAGES.assessmentConfirmed);

    const filled = await handle.executeUpdate(questionnaireSubmittedUpdate, {
      args: [{ participantId: 'p-1', answers }],
      updateId: crypto.randomUUID(),
    });
    expect(filled.completion?.questionnaireFilledAt).toBeTruthy();
    const twice = await refusal(
      handle.executeUpdate(questionnaireSubmittedUpdate, { args: [{ participantId: 'p-1' }], updateId: crypto.randomUUID() }),
    );
    expect(twice.message).toBe(COMPLETION_MESSAGES.questionnaireFilled);

    // Each mark was projected with the row's completion columns, by the provider's user or the participant.
    const last = projections.filter((p) => p.contractId === contractId).at(-1)!;
    expect(last.actor).toEqual({ participantId: 'p-1' });
    expect(last.set).toMatchObject({ assessment: 'ISKAITYTA', locked_at: null });
    for (const column of ['started_at', 'completed_at', 'assessment_confirmed_at', 'questionnaire_filled_at'] as const)
      expect(last.set?.[column]).toBeTruthy();
    // Another institution's user is refused.
    const other = await refusal(
      handle.executeUpdate(recordCompletionMarkUpdate, {
        args: [{ userId: 'u-2', institutionId: crypto.randomUUID(), action: 'confirm' }],
        updateId: crypto.randomUUID(),
      }),
    );
    expect(other.type).toBe('WrongInstitution');
    await handle.terminate('test done');
  });

  it('locks a participant not marked started once the first session’s day has passed (DONE-5, DONE-13)', async () => {
    const { contractId, handle } = await inForce(addDays(today, -1), addDays(today, 3));
    await waitUntil(async () => (await handle.query(contractStateQuery)).completion?.lockedAt != null);
    expect(projections.filter((p) => p.contractId === contractId).at(-1)).toMatchObject({ actor: { system: 'S2' } });
    expect((await refusal(mark(handle, 'start'))).message).toBe(COMPLETION_MESSAGES.locked);
    expect((await refusal(mark(handle, 'complete'))).message).toBe(COMPLETION_MESSAGES.locked);
    await handle.terminate('test done');
  });

  it('a termination ends the completion: the contract closes and its participant is never locked (DONE-18, CON-24)', async () => {
    const { contractId, handle } = await inForce(addDays(today, 1), addDays(today, 3));
    await handle.executeUpdate(terminateContractUpdate, {
      args: [{ userId: 'user-1', institutionId, requestId: 'r-1', ground: 'TEIKEJO_ISIPAREIGOJIMAI', reason: '' }],
      updateId: crypto.randomUUID(),
    });
    const final = await handle.result();
    expect(final.phase).toBe('NUTRAUKTA');
    expect(final.completion?.lockedAt ?? null).toBeNull();
    expect(projections.filter((p) => p.contractId === contractId && p.set?.locked_at)).toEqual([]);
  });
});

/** Marks her started, completed, assessed and confirmed (the timetable's only day is today). */
async function confirmed(handle: WorkflowHandle) {
  await mark(handle, 'start');
  await mark(handle, 'complete');
  await mark(handle, 'assess', 'ISKAITYTA');
  return mark(handle, 'confirm');
}

const running = async (handle: WorkflowHandle) => (await handle.describe()).status.name === 'RUNNING';

describe('the contract in force until its group ends (L6 lifetime)', () => {
  it('stays open for marks past openUntil, and ends at the group’s end when no questionnaire is active', async () => {
    // openUntil 1.5 s ahead: before completion, the contract closed then.
    const { handle } = await inForce(today, today, { openUntil: new Date(Date.now() + 1_500).toISOString() });
    await new Promise((r) => setTimeout(r, 2_500));
    expect(await running(handle)).toBe(true);
    expect((await mark(handle, 'start')).completion?.startedAt).toBeTruthy();
    // "Užbaigta": started but not finished is an outcome; nothing to wait for.
    await handle.signal(groupEndedSignal);
    const final = await handle.result();
    expect(final.phase).toBe('GALIOJA');
    expect(final.completion?.completedAt ?? null).toBeNull();
  });

  it('after the group’s end refuses marks and waits for the active questionnaire until it is filled (DONE-8)', async () => {
    const { handle } = await inForce(today, today);
    const state = await confirmed(handle);
    // The questionnaire is awaited for questionnaireOpenDays (default 90) after "Patvirtinti".
    const closesAt = Date.parse(state.questionnaireClosesAt!);
    expect(closesAt - Date.parse(state.completion!.assessmentConfirmedAt!)).toBe(90 * 24 * 60 * 60 * 1000);
    await handle.signal(groupEndedSignal);
    const refused = await refusal(mark(handle, 'assess', 'NEISKAITYTA'));
    expect(refused.message).toBe(COMPLETION_MESSAGES.groupEnded);
    expect((await refusal(mark(handle, 'confirm'))).message).toBe(COMPLETION_MESSAGES.groupEnded);
    await new Promise((r) => setTimeout(r, 500));
    expect(await running(handle)).toBe(true);
    await handle.executeUpdate(questionnaireSubmittedUpdate, { args: [{ participantId: 'p-1', answers }], updateId: crypto.randomUUID() });
    const final = await handle.result();
    expect(final.completion?.questionnaireFilledAt).toBeTruthy();
    expect(final.completion?.assessment).toBe('ISKAITYTA');
    recordHistoryIfAsked(handle.workflowId, 'learning-contract-completion.json');
  });

  it('stops waiting for an unfilled questionnaire once its days are over', async () => {
    // 2 seconds' worth of "days" (the mocked setting), so the cap is seen in the test.
    const { handle } = await inForce(today, today, { questionnaireOpenDays: 2 / (24 * 60 * 60) });
    await confirmed(handle);
    await handle.signal(groupEndedSignal);
    expect(await running(handle)).toBe(true);
    const final = await handle.result();
    expect(final.completion?.assessmentConfirmedAt).toBeTruthy();
    expect(final.completion?.questionnaireFilledAt ?? null).toBeNull();
  });

  it('a contract awaiting its questionnaire after the group’s end can still be terminated, and then ends (DONE-18)', async () => {
    const { handle } = await inForce(today, today);
    await confirmed(handle);
    await handle.signal(groupEndedSignal);
    await handle.executeUpdate(terminateContractUpdate, {
      args: [{ userId: 'user-1', institutionId, requestId: 'r-2', ground: 'TEIKEJO_ISIPAREIGOJIMAI', reason: '' }],
      updateId: crypto.randomUUID(),
    });
    const final = await handle.result();
    expect(final.phase).toBe('NUTRAUKTA');
  });
});
