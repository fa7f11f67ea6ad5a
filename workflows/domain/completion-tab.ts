// Tab "Mokymų baigimas" and the timetable's lists (manual §3.7.2, §3.7.4; DONE-1, DONE-2, DONE-11,
// DONE-18, SCHED-22, SCHED-28): which participants the tab and the timetable list, which controls a
// row offers, and the words of a bulk marking's outcome. Pure: the marks' own rules (dates, order,
// format) are workflows/domain/completion.ts, applied by the contract's workflow.
import { completionStatus, CompletionStatus, listedInCompletionTab, type CompletionAction, type CompletionRecord } from './completion.ts';
import { ContractPhase } from './learning-contract.ts';

export const COMPLETION_TAB_LABEL = 'Mokymų baigimas';

/** The buttons of the tab (manual's words), one per action. */
export const COMPLETION_ACTION_LABELS: Record<CompletionAction | 'assess', string> = {
  start: 'Mokymus pradėjo',
  complete: 'Mokymus baigė',
  assess: 'Išsaugoti įvertinimą',
  confirm: 'Patvirtinti',
};

/** What each action's success says (single or per row of a bulk marking). */
export const COMPLETION_ACTION_DONE: Record<CompletionAction | 'assess', string> = {
  start: 'Pažymėta, kad dalyvis mokymus pradėjo.',
  complete: 'Pažymėta, kad dalyvis mokymus baigė.',
  assess: 'Galutinis įvertinimas įrašytas. Jis įsigalios paspaudus „Patvirtinti“.',
  confirm: 'Galutinis įvertinimas patvirtintas. Dalyviui aktyvuota vertinimo anketa ir išsiųstas pranešimas el. paštu.',
};

/** The form's `action` value, or null when it is none of the tab's. */
export function parseCompletionAction(value: unknown): CompletionAction | 'assess' | null {
  return value === 'start' || value === 'complete' || value === 'confirm' || value === 'assess' ? value : null;
}

/** Bulk marking ("Pažymėtiems") takes these; the assessment is typed per row. */
export function parseBulkCompletionAction(value: unknown): CompletionAction | null {
  const action = parseCompletionAction(value);
  return action === 'assess' ? null : action;
}

/**
 * Which controls a row offers, by where the participant stands (L6): "Mokymus pradėjo" while not
 * started, "Mokymus baigė" once started, the assessment input once completed until "Patvirtinti",
 * "Patvirtinti" once an assessment is entered. Dates are the workflow's to check: a control offered
 * before its day answers with the day it opens. Nothing for a locked or terminated participant
 * (DONE-5, DONE-18), nor once the group has ended.
 */
export function rowControls(
  r: CompletionRecord,
  groupEnded = false,
): { start: boolean; complete: boolean; assess: boolean; confirm: boolean } {
  const status = completionStatus(r);
  const open = !groupEnded && r.contractPhase === ContractPhase.InForce;
  return {
    start: open && status === CompletionStatus.NotStarted,
    complete: open && status === CompletionStatus.Started,
    assess: open && (status === CompletionStatus.Completed || status === CompletionStatus.AssessmentEntered),
    confirm: open && status === CompletionStatus.AssessmentEntered,
  };
}

/** A row may be ticked for a bulk marking while any of its marks is still to come. */
export function tickable(r: CompletionRecord, groupEnded = false): boolean {
  const c = rowControls(r, groupEnded);
  return c.start || c.complete || c.confirm;
}

export interface ListedParticipant {
  record: CompletionRecord;
}

/**
 * SCHED-22, SCHED-28: the timetable's lists at the first and the last session. "Mokymus pradėjo":
 * every participant whose contract is signed by both parties and in force (terminated ones out,
 * DONE-18); "Mokymus baigė": those of them marked as started (DONE-4).
 */
export function scheduleMarkLists<T extends ListedParticipant>(participants: readonly T[]): { started: T[]; completed: T[] } {
  const inForce = participants.filter((p) => p.record.contractPhase === ContractPhase.InForce);
  return { started: inForce, completed: inForce.filter((p) => p.record.startedAt !== null) };
}

/** DONE-1, DONE-18: the tab's participants (in force, or with a certificate), in name order as given. */
export function completionTabParticipants<T extends ListedParticipant>(participants: readonly T[]): T[] {
  return participants.filter((p) => listedInCompletionTab(p.record));
}

/** A bulk marking's per-row outcome, as the result list says it. */
export function bulkRowMessage(action: CompletionAction, ok: boolean, refusal: string | null): string {
  return ok ? COMPLETION_ACTION_DONE[action] : `Nepažymėta. ${refusal ?? ''}`.trim();
}
