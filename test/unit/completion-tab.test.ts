// Tab "Mokymų baigimas" and the timetable's lists (DONE-1, DONE-5, DONE-18, SCHED-22, SCHED-28): which
// participants are listed, which controls a row offers, the form's action, a bulk row's words.
import { describe, expect, it } from 'vitest';
import {
  completionConfigSchema,
  COMPLETION_MESSAGES,
  newCompletionRecord,
  questionnairePath,
  type CompletionRecord,
} from '../../workflows/domain/completion.ts';
import {
  bulkRowMessage,
  completionTabParticipants,
  parseBulkCompletionAction,
  parseCompletionAction,
  rowControls,
  scheduleMarkLists,
  tickable,
} from '../../workflows/domain/completion-tab.ts';
import { ContractPhase } from '../../workflows/domain/learning-contract.ts';

const at = '2026-05-04T08:00:00.000Z';
const rec = (r: Partial<CompletionRecord> = {}): CompletionRecord => ({ ...newCompletionRecord(), ...r });
const none = { start: false, complete: false, assess: false, confirm: false };

describe('rowControls: the controls a row offers, by where she stands (L6)', () => {
  it('one step at a time: started, completed, assessment until confirmed', () => {
    expect(rowControls(rec())).toEqual({ ...none, start: true });
    expect(rowControls(rec({ startedAt: at }))).toEqual({ ...none, complete: true });
    expect(rowControls(rec({ startedAt: at, completedAt: at }))).toEqual({ ...none, assess: true });
    expect(rowControls(rec({ startedAt: at, completedAt: at, assessment: 'ISKAITYTA' }))).toEqual({ ...none, assess: true, confirm: true });
    expect(rowControls(rec({ startedAt: at, completedAt: at, assessment: 'ISKAITYTA', assessmentConfirmedAt: at }))).toEqual(none);
  });

  it('nothing for a locked or terminated participant, nor once the group has ended (DONE-5, DONE-18)', () => {
    expect(rowControls(rec({ lockedAt: at }))).toEqual(none);
    expect(rowControls(rec({ contractPhase: ContractPhase.Terminated }))).toEqual(none);
    expect(rowControls(rec(), true)).toEqual(none);
    expect(tickable(rec({ lockedAt: at }))).toBe(false);
    expect(tickable(rec({ startedAt: at, completedAt: at }))).toBe(false);
    expect(tickable(rec({ startedAt: at }))).toBe(true);
  });
});

describe('who is listed (DONE-1, DONE-18, SCHED-28)', () => {
  const ona = { id: 'ona', record: rec({ startedAt: at }) };
  const rita = { id: 'rita', record: rec() };
  const gone = { id: 'gone', record: rec({ contractPhase: ContractPhase.Terminated, startedAt: at }) };
  const signing = { id: 'signing', record: rec({ contractPhase: ContractPhase.Signing }) };
  const certified = { id: 'cert', record: rec({ contractPhase: ContractPhase.Terminated, certificateGeneratedAt: at }) };

  it('the tab: contracts in force, and those with a certificate; not terminated or unsigned ones', () => {
    expect(completionTabParticipants([ona, rita, gone, signing, certified]).map((p) => p.id)).toEqual(['ona', 'rita', 'cert']);
  });

  it('"Mokymus pradėjo" lists every contract in force; "Mokymus baigė" only those started', () => {
    const lists = scheduleMarkLists([ona, rita, gone, signing]);
    expect(lists.started.map((p) => p.id)).toEqual(['ona', 'rita']);
    expect(lists.completed.map((p) => p.id)).toEqual(['ona']);
  });
});

describe('forms and words', () => {
  it('takes only the tab’s actions; a bulk marking has no assessment', () => {
    expect(parseCompletionAction('assess')).toBe('assess');
    expect(parseCompletionAction('start')).toBe('start');
    expect(parseCompletionAction('lock')).toBeNull();
    expect(parseCompletionAction(['start'])).toBeNull();
    expect(parseBulkCompletionAction('assess')).toBeNull();
    expect(parseBulkCompletionAction('confirm')).toBe('confirm');
  });

  it('a bulk row says what was done or why not', () => {
    expect(bulkRowMessage('start', true, null)).toBe('Pažymėta, kad dalyvis mokymus pradėjo.');
    expect(bulkRowMessage('complete', false, COMPLETION_MESSAGES.notStarted)).toBe(`Nepažymėta. ${COMPLETION_MESSAGES.notStarted}`);
  });

  it('the questionnaire is awaited 90 days by default, configurable; its link is the contract’s page in the portal', () => {
    expect(completionConfigSchema.parse({}).questionnaireOpenDays).toBe(90);
    expect(completionConfigSchema.parse({ questionnaireOpenDays: 30 }).questionnaireOpenDays).toBe(30);
    expect(completionConfigSchema.safeParse({ questionnaireOpenDays: 0 }).success).toBe(false);
    expect(questionnairePath('abc')).toBe('/kursuok/sutartys/abc/anketa');
  });
});
