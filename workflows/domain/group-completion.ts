// "Užbaigta" (lifecycle L1 G9; GRP-24, GRP-45, OQ-25), as pure rules: which participants of a group
// have a confirmed outcome of their training, the Lithuanian refusal that names how many still lack
// one, and when a group still "Vykdoma" completes by itself (the grace period after
// "Mokymosi programos vykdymo pabaiga") with the reminder a week before.
//
// A participant's confirmed outcome (issue 13): locked (S2: not marked "Mokymus pradėjo" in time),
// or "galutinis įvertinimas" confirmed ("Patvirtinti"), or started but not marked "Mokymus baigė"
// (= did not finish; G9 comes only after the end date). Not confirmed: not yet started and not
// locked, "Mokymus baigė" without an assessment, an assessment entered but not confirmed. Only
// contracts in force count: terminated (DONE-18) and voided contracts are out of completion.
import { addDays, vilniusDate } from './calendar.ts';
import { countOf } from './date-format.ts';
import { vilniusStartOfDay } from './group-deadlines.ts';
import { ContractPhase } from './learning-contract.ts';

/** What a contract row says about a participant's outcome (columns of `learning_contracts`). */
export interface ContractOutcomeFacts {
  phase: ContractPhase;
  startedAt: Date | string | null;
  lockedAt: Date | string | null;
  completedAt: Date | string | null;
  assessment: string | null;
  assessmentConfirmedAt: Date | string | null;
}

export const Outcome = {
  /** Not a contract in force (terminated, voided, never signed): not counted. */
  NotCounted: 'NOT_COUNTED',
  /** S2: locked without "Mokymus pradėjo". */
  Locked: 'LOCKED',
  /** S5: "galutinis įvertinimas" confirmed. */
  AssessmentConfirmed: 'ASSESSMENT_CONFIRMED',
  /** Started, not marked "Mokymus baigė": did not finish. */
  NotFinished: 'NOT_FINISHED',
  /** Missing: neither "Mokymus pradėjo" nor the lock. */
  NotStarted: 'MISSING_NOT_STARTED',
  /** Missing: "Mokymus baigė" without "galutinis įvertinimas". */
  NoAssessment: 'MISSING_ASSESSMENT',
  /** Missing: "galutinis įvertinimas" entered, "Patvirtinti" not pressed. */
  AssessmentUnconfirmed: 'MISSING_CONFIRMATION',
} as const;
export type Outcome = (typeof Outcome)[keyof typeof Outcome];

/** The outcome one contract row records (see the file's header for the rule). */
export function contractOutcome(r: ContractOutcomeFacts): Outcome {
  if (r.phase !== ContractPhase.InForce) return Outcome.NotCounted;
  if (r.assessmentConfirmedAt !== null) return Outcome.AssessmentConfirmed;
  if (r.startedAt === null) return r.lockedAt !== null ? Outcome.Locked : Outcome.NotStarted;
  if (r.completedAt === null) return Outcome.NotFinished;
  return r.assessment === null ? Outcome.NoAssessment : Outcome.AssessmentUnconfirmed;
}

/** Whether an outcome is one "Užbaigta" accepts (a counted participant whose outcome is confirmed). */
export function isConfirmedOutcome(o: Outcome): boolean {
  return o === Outcome.Locked || o === Outcome.AssessmentConfirmed || o === Outcome.NotFinished;
}

/** The group's participants by outcome: what G9 checks, the reminder e-mail and the page say. */
export interface OutcomeSummary {
  /** Contracts in force. */
  inForce: number;
  confirmed: number;
  /** inForce − confirmed. */
  missing: number;
  notStarted: number;
  noAssessment: number;
  assessmentUnconfirmed: number;
}

export function summariseOutcomes(rows: readonly ContractOutcomeFacts[]): OutcomeSummary {
  const s: OutcomeSummary = { inForce: 0, confirmed: 0, missing: 0, notStarted: 0, noAssessment: 0, assessmentUnconfirmed: 0 };
  for (const row of rows) {
    const o = contractOutcome(row);
    if (o === Outcome.NotCounted) continue;
    s.inForce++;
    if (isConfirmedOutcome(o)) s.confirmed++;
    else s.missing++;
    if (o === Outcome.NotStarted) s.notStarted++;
    if (o === Outcome.NoAssessment) s.noAssessment++;
    if (o === Outcome.AssessmentUnconfirmed) s.assessmentUnconfirmed++;
  }
  return s;
}

const PARTICIPANT_GENITIVE = (n: number) => `${n} ${n % 10 === 1 && n % 100 !== 11 ? 'dalyvio' : 'dalyvių'}`;

/** "3 dalyvių galutinis įvertinimas nepatvirtintas", "1 dalyvio …", "21 dalyvio …". */
export function missingOutcomesText(missing: number): string {
  return `${PARTICIPANT_GENITIVE(missing)} galutinis įvertinimas nepatvirtintas`;
}

/** What is missing, item by item, each naming the tab's mark or button (e.g. for the e-mail and the page). */
export function missingOutcomeDetails(s: OutcomeSummary): string[] {
  const people = (n: number) => countOf(n, ['dalyvis', 'dalyviai', 'dalyvių']);
  return [
    s.notStarted > 0 ? `nepažymėta „Mokymus pradėjo“: ${people(s.notStarted)}` : null,
    s.noAssessment > 0 ? `pažymėta „Mokymus baigė“, bet neįvestas galutinis įvertinimas: ${people(s.noAssessment)}` : null,
    s.assessmentUnconfirmed > 0
      ? `galutinis įvertinimas įvestas, bet nepatvirtintas („Patvirtinti“): ${people(s.assessmentUnconfirmed)}`
      : null,
  ].filter((line): line is string => line !== null);
}

/** G9's refusal while participants lack an outcome, or null when every participant in force has one. */
export function completionRefusal(s: OutcomeSummary): string | null {
  if (s.missing === 0) return null;
  const details = missingOutcomeDetails(s);
  return (
    `Grupės būsenos pakeisti į „Užbaigta“ negalima: ${missingOutcomesText(s.missing)}` +
    (details.length > 0 ? ` (${details.join('; ')}).` : '.') +
    ' Užpildykite kortelę „Mokymų baigimas“.'
  );
}

// ---- Automatic completion (GRP-45) -------------------------------------------------------------

/** GRP-45, OQ-25: days after "Mokymosi programos vykdymo pabaiga" before the group completes by itself (KURSUOK_GROUP_AUTO_COMPLETE_DAYS). */
export const DEFAULT_AUTO_COMPLETE_DAYS = 30;
/** The institution's administrators are told this many days before the automatic completion. */
export const AUTO_COMPLETE_REMINDER_DAYS = 7;

export interface AutoCompletionDeadlines {
  /** ISO instant: the group becomes "Užbaigta" by itself (G9, system). */
  autoCompletesAt: string;
  /** ISO instant: the administrators' reminder e-mail. */
  completionReminderAt: string;
}

/**
 * The group completes by itself at the Vilnius midnight that ends day `programmeEnd + graceDays`
 * (graceDays whole days after the end date); the reminder goes `AUTO_COMPLETE_REMINDER_DAYS` days
 * earlier, but not before the end date itself begins.
 */
export function autoCompletionDeadlines(programmeEnd: string, graceDays: number = DEFAULT_AUTO_COMPLETE_DAYS): AutoCompletionDeadlines {
  const completes = vilniusStartOfDay(addDays(programmeEnd, graceDays + 1));
  const reminder = vilniusStartOfDay(addDays(programmeEnd, graceDays + 1 - AUTO_COMPLETE_REMINDER_DAYS));
  const earliest = vilniusStartOfDay(programmeEnd);
  return {
    autoCompletesAt: completes.toISOString(),
    completionReminderAt: (reminder < earliest ? earliest : reminder).toISOString(),
  };
}

/** The Vilnius day on which the automatic completion happens (its midnight begins that day), for texts. */
export function autoCompletionDay(autoCompletesAt: string | Date): string {
  return vilniusDate(new Date(autoCompletesAt));
}
