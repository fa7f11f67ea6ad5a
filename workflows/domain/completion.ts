// Completion of one contracted participant (tab "Mokymų baigimas", manual §3.7.4; lifecycle L6;
// DONE-1..DONE-20, SCHED-22, SCHED-28, OQ-35..OQ-39): what has been recorded for her, the status
// derived from it, the Lithuanian words the tab shows (DONE-11), and why a mark, an assessment,
// "Patvirtinti", the questionnaire or the certificate is refused. Pure and deterministic: every
// instant is passed in (workflow time in the workflow, the request's time in web), so the workflow
// (authoritative) and the pages share these rules.
import { z } from 'zod';
import { addDays, vilniusDate } from './calendar.ts';
import { formatDate, formatDeadline } from './date-format.ts';
import { tooLong } from './field-rules.ts';
import { vilniusStartOfDay } from './group-deadlines.ts';
import { ContractPhase } from './learning-contract.ts';

// ---- What is recorded --------------------------------------------------------------------------

/**
 * The facts of one participant's completion, as they travel in workflow payloads and rows: ISO
 * instants (UTC) or null. The status is derived from them (completionStatus).
 */
export interface CompletionRecord {
  /** The learning contract as a whole (L5): only "Galioja" allows marks (DONE-1, SCHED-28); "Nutraukta" takes her out (DONE-18). */
  contractPhase: ContractPhase;
  /** S1: "Mokymus pradėjo" ticked. */
  startedAt: string | null;
  /** S2: the first-session window closed without "Mokymus pradėjo" (DONE-5, DONE-13). */
  lockedAt: string | null;
  /** S3: "Mokymus baigė" ticked. */
  completedAt: string | null;
  /** S4: "galutinis įvertinimas" as normalised by normaliseAssessment (DONE-6); null until entered. */
  assessment: string | null;
  /** S5: "Patvirtinti" pressed (DONE-7); the assessment is final from then on (DONE-15). */
  assessmentConfirmedAt: string | null;
  /** S7: the participant submitted the evaluation questionnaire (PORTAL-8). */
  questionnaireFilledAt: string | null;
  /** S8: the certificate was generated (DONE-10). */
  certificateGeneratedAt: string | null;
}

/** A participant whose contract has just come into force (K4): in the tab, nothing recorded yet. */
export function newCompletionRecord(contractPhase: ContractPhase = ContractPhase.InForce): CompletionRecord {
  return {
    contractPhase,
    startedAt: null,
    lockedAt: null,
    completedAt: null,
    assessment: null,
    assessmentConfirmedAt: null,
    questionnaireFilledAt: null,
    certificateGeneratedAt: null,
  };
}

// ---- Status (L6) -------------------------------------------------------------------------------

export const CompletionStatus = {
  /** Contracted, awaiting "Mokymus pradėjo". */
  NotStarted: 'NEPRADEJO',
  Started: 'PRADEJO',
  /** Not marked started in time: nothing more is possible (DONE-5). */
  Locked: 'UZRAKINTA',
  Completed: 'BAIGE',
  AssessmentEntered: 'IVERTINIMAS_IVESTAS',
  AssessmentConfirmed: 'IVERTINIMAS_PATVIRTINTAS',
  QuestionnaireFilled: 'ANKETA_UZPILDYTA',
  CertificateGenerated: 'PAZYMEJIMAS_SUFORMUOTAS',
  /** S10: the contract was terminated before a certificate (DONE-18, CON-24): out of completion. */
  Terminated: 'NUTRAUKTA',
} as const;
export type CompletionStatus = (typeof CompletionStatus)[keyof typeof CompletionStatus];

/** The manual's words where it has them ("Mokymus pradėjo", "Mokymus baigė", "galutinis įvertinimas", "pažymėjimas"). */
export const COMPLETION_STATUS_LABELS: Record<CompletionStatus, string> = {
  NEPRADEJO: 'Laukiama žymos „Mokymus pradėjo“',
  PRADEJO: 'Mokymus pradėjo',
  UZRAKINTA: 'Nepažymėta, kad pradėjo mokymus: tolimesni veiksmai negalimi',
  BAIGE: 'Mokymus baigė',
  IVERTINIMAS_IVESTAS: 'Galutinis įvertinimas įvestas, nepatvirtintas',
  IVERTINIMAS_PATVIRTINTAS: 'Galutinis įvertinimas patvirtintas',
  ANKETA_UZPILDYTA: 'Vertinimo anketa užpildyta',
  PAZYMEJIMAS_SUFORMUOTAS: 'Pažymėjimas suformuotas',
  NUTRAUKTA: 'Mokymosi sutartis nutraukta',
};

function isTerminated(r: CompletionRecord): boolean {
  return r.contractPhase === ContractPhase.Terminated;
}

/** L6: the furthest state the record has reached; a termination before the certificate takes her out (S10). */
export function completionStatus(r: CompletionRecord): CompletionStatus {
  if (r.certificateGeneratedAt !== null) return CompletionStatus.CertificateGenerated;
  if (isTerminated(r)) return CompletionStatus.Terminated;
  if (r.questionnaireFilledAt !== null) return CompletionStatus.QuestionnaireFilled;
  if (r.assessmentConfirmedAt !== null) return CompletionStatus.AssessmentConfirmed;
  if (r.assessment !== null) return CompletionStatus.AssessmentEntered;
  if (r.completedAt !== null) return CompletionStatus.Completed;
  if (r.startedAt !== null) return CompletionStatus.Started;
  if (r.lockedAt !== null) return CompletionStatus.Locked;
  return CompletionStatus.NotStarted;
}

/** DONE-1, DONE-18: the tab lists participants whose contract is in force (or who already have a certificate). */
export function listedInCompletionTab(r: CompletionRecord): boolean {
  return r.certificateGeneratedAt !== null || r.contractPhase === ContractPhase.InForce;
}

// ---- Configuration (OQ-35, OQ-39) --------------------------------------------------------------

/** DONE-20, OQ-39: the format of "galutinis įvertinimas", configurable per programme type. */
export type AssessmentFormat = { kind: 'grade'; min: number; max: number } | { kind: 'passFail' } | { kind: 'text'; maxLength: number };

/** Non-formal adult learning programmes are usually credited, not graded. */
export const DEFAULT_ASSESSMENT_FORMAT: AssessmentFormat = { kind: 'passFail' };

/** OQ-35: days after the first session day during which "Mokymus pradėjo" may still be ticked. */
export const DEFAULT_START_MARK_GRACE_DAYS = 0;

/**
 * After the group's "Užbaigta", how many days from its activation ("Patvirtinti", DONE-8) the contract's
 * workflow still waits for an unfilled questionnaire before it finishes (the questionnaire closes then).
 */
export const DEFAULT_QUESTIONNAIRE_OPEN_DAYS = 90;

export interface CompletionConfig {
  startMarkGraceDays: number;
  assessmentFormat: AssessmentFormat;
  questionnaireOpenDays: number;
}

export const DEFAULT_COMPLETION_CONFIG: CompletionConfig = {
  startMarkGraceDays: DEFAULT_START_MARK_GRACE_DAYS,
  assessmentFormat: DEFAULT_ASSESSMENT_FORMAT,
  questionnaireOpenDays: DEFAULT_QUESTIONNAIRE_OPEN_DAYS,
};

/** Checks a configuration read from settings; a grade scale must have min < max. */
export const assessmentFormatSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('grade'), min: z.number().int().min(0), max: z.number().int().max(100) }),
    z.object({ kind: z.literal('passFail') }),
    z.object({ kind: z.literal('text'), maxLength: z.number().int().min(1).max(500) }),
  ])
  .refine((f) => f.kind !== 'grade' || f.min < f.max, { message: 'grade: min must be below max' });

export const completionConfigSchema = z.object({
  startMarkGraceDays: z.number().int().min(0).max(30).default(DEFAULT_START_MARK_GRACE_DAYS),
  assessmentFormat: assessmentFormatSchema.default(DEFAULT_ASSESSMENT_FORMAT),
  questionnaireOpenDays: z.number().int().min(1).max(3650).default(DEFAULT_QUESTIONNAIRE_OPEN_DAYS),
});

// ---- Lithuanian texts --------------------------------------------------------------------------

export const PASS_FAIL = { Passed: 'ISKAITYTA', Failed: 'NEISKAITYTA' } as const;
export type PassFail = (typeof PASS_FAIL)[keyof typeof PASS_FAIL];
export const PASS_FAIL_LABELS: Record<PassFail, string> = { ISKAITYTA: 'Įskaityta', NEISKAITYTA: 'Neįskaityta' };

export const COMPLETION_MESSAGES = {
  terminated: 'Mokymosi sutartis nutraukta: su šiuo dalyviu mokymų baigimo veiksmai negalimi.',
  notInForce: 'Žymėti galima tik dalyvius, kurių mokymosi sutartis pasirašyta abiejų šalių ir galioja.',
  locked: 'Prie pirmojo užsiėmimo nepažymėta, kad dalyvis pradėjo mokymus: tolimesni veiksmai su šiuo dalyviu negalimi.',
  alreadyStarted: 'Jau pažymėta, kad dalyvis mokymus pradėjo.',
  noSessions: 'Grupės tvarkaraštyje nėra užsiėmimų.',
  notStarted: 'Pažymėti, kad dalyvis baigė mokymus, galima tik tuo atveju, jei jis užfiksuotas kaip pradėjęs mokymus.',
  alreadyCompleted: 'Jau pažymėta, kad dalyvis mokymus baigė.',
  notCompleted: 'Galutinį įvertinimą galima įvesti tik pažymėjus, kad dalyvis mokymus baigė.',
  assessmentConfirmed:
    'Galutinis įvertinimas jau patvirtintas: mokymo teikėjas jo pakeisti negali (dėl klaidos kreipkitės į IMP IS administratorių).',
  assessmentMissing: 'Įveskite galutinį įvertinimą.',
  nothingToConfirm: 'Pirmiausia įveskite galutinį įvertinimą, tada spauskite „Patvirtinti“.',
  questionnaireNotActive: 'Vertinimo anketa dar neaktyvuota: ją galėsite pildyti, kai mokymo teikėjas patvirtins jūsų galutinį įvertinimą.',
  questionnaireTerminated: 'Mokymosi sutartis nutraukta: vertinimo anketos pildyti nebereikia.',
  questionnaireFilled: 'Vertinimo anketą jau užpildėte.',
  questionnaireClosed: 'Vertinimo anketos pildymo laikas baigėsi.',
  noneTicked: 'Pažymėkite bent vieną mokymo dalyvį.',
  groupEnded: 'Grupė užbaigta: mokymų baigimo žymų keisti nebegalima.',
} as const;
const M = COMPLETION_MESSAGES;

function startOpensMessage(firstSessionDate: string): string {
  return `Žymą „Mokymus pradėjo“ galima pažymėti nuo pirmojo užsiėmimo dienos (${firstSessionDate}).`;
}

function startClosedMessage(closesAt: Date): string {
  return `Žymėjimo „Mokymus pradėjo“ laikas baigėsi (${formatDeadline(closesAt)}): tolimesni veiksmai su šiuo dalyviu negalimi.`;
}

function completeOpensMessage(lastSessionDate: string): string {
  return `Žymą „Mokymus baigė“ galima pažymėti nuo paskutinio užsiėmimo dienos (${lastSessionDate}).`;
}

// ---- "Mokymus pradėjo" and the lock (S1, S2) ---------------------------------------------------

function epoch(at: Date | number): number {
  return at instanceof Date ? at.getTime() : at;
}

/**
 * OQ-35, DONE-13: "Mokymus pradėjo" may be ticked from the Vilnius midnight that begins the first
 * session's day until the Vilnius midnight that ends that day plus `graceDays` days (end-exclusive).
 */
export function startMarkWindow(
  firstSessionDate: string,
  graceDays: number = DEFAULT_START_MARK_GRACE_DAYS,
): { opensAt: Date; closesAt: Date } {
  return {
    opensAt: vilniusStartOfDay(firstSessionDate),
    closesAt: vilniusStartOfDay(addDays(firstSessionDate, 1 + graceDays)),
  };
}

/** S2: the instant at which a participant not marked started becomes locked (the workflow's timer). */
export function startMarkLockInstant(firstSessionDate: string, graceDays: number = DEFAULT_START_MARK_GRACE_DAYS): Date {
  return startMarkWindow(firstSessionDate, graceDays).closesAt;
}

/** S2: the participant is to be locked now (the window has closed, she is not started, locked or out). */
export function lockDue(
  r: CompletionRecord,
  firstSessionDate: string,
  now: Date | number,
  graceDays: number = DEFAULT_START_MARK_GRACE_DAYS,
): boolean {
  return completionStatus(r) === CompletionStatus.NotStarted && epoch(now) >= startMarkLockInstant(firstSessionDate, graceDays).getTime();
}

export interface StartMarkContext {
  /** The first session's Vilnius date (SCHED-22, OQ-57); null when the timetable has none. */
  firstSessionDate: string | null;
  now: Date | number;
  graceDays?: number;
}

/** S1 (SCHED-22, SCHED-28, DONE-13, OQ-35): why "Mokymus pradėjo" cannot be ticked now, or null. */
export function startMarkRefusal(r: CompletionRecord, ctx: StartMarkContext): string | null {
  const status = completionStatus(r);
  if (status === CompletionStatus.Terminated) return M.terminated;
  if (status === CompletionStatus.Locked) return M.locked;
  if (status !== CompletionStatus.NotStarted) return M.alreadyStarted;
  if (r.contractPhase !== ContractPhase.InForce) return M.notInForce;
  if (ctx.firstSessionDate === null) return M.noSessions;
  const { opensAt, closesAt } = startMarkWindow(ctx.firstSessionDate, ctx.graceDays);
  const now = epoch(ctx.now);
  if (now < opensAt.getTime()) return startOpensMessage(ctx.firstSessionDate);
  if (now >= closesAt.getTime()) return startClosedMessage(closesAt);
  return null;
}

// ---- "Mokymus baigė" (S3) ----------------------------------------------------------------------

export interface CompleteMarkContext {
  /** The last session's Vilnius date (SCHED-22, OQ-57); null when the timetable has none. */
  lastSessionDate: string | null;
  now: Date | number;
}

/** S3 (DONE-4, DONE-14, DONE-18): why "Mokymus baigė" cannot be ticked now, or null. */
export function completeMarkRefusal(r: CompletionRecord, ctx: CompleteMarkContext): string | null {
  const status = completionStatus(r);
  if (status === CompletionStatus.Terminated) return M.terminated;
  if (status === CompletionStatus.Locked) return M.locked;
  if (status === CompletionStatus.NotStarted) return M.notStarted;
  if (status !== CompletionStatus.Started) return M.alreadyCompleted;
  if (r.contractPhase !== ContractPhase.InForce) return M.notInForce;
  if (ctx.lastSessionDate === null) return M.noSessions;
  if (epoch(ctx.now) < vilniusStartOfDay(ctx.lastSessionDate).getTime()) return completeOpensMessage(ctx.lastSessionDate);
  return null;
}

// ---- "galutinis įvertinimas" and "Patvirtinti" (S4, S5) ----------------------------------------

/** The line shown under the assessment field. */
export function assessmentFormatHint(format: AssessmentFormat): string {
  switch (format.kind) {
    case 'grade':
      return `Įveskite sveikąjį skaičių nuo ${format.min} iki ${format.max}.`;
    case 'passFail':
      return `Pasirinkite „${PASS_FAIL_LABELS.ISKAITYTA}“ arba „${PASS_FAIL_LABELS.NEISKAITYTA}“.`;
    case 'text':
      return `Įveskite įvertinimą (ne daugiau kaip ${format.maxLength} simbolių).`;
  }
}

/**
 * DONE-20: the typed assessment in its stored form — a grade without leading zeros, a pass/fail
 * code (PASS_FAIL), trimmed text — or the Lithuanian reason it does not fit the format.
 */
export function normaliseAssessment(format: AssessmentFormat, raw: string): { ok: true; value: string } | { ok: false; message: string } {
  const value = raw.trim();
  if (value === '') return { ok: false, message: M.assessmentMissing };
  switch (format.kind) {
    case 'grade': {
      const n = /^\d{1,3}$/.test(value) ? Number(value) : NaN;
      if (!Number.isInteger(n) || n < format.min || n > format.max) return { ok: false, message: assessmentFormatHint(format) };
      return { ok: true, value: String(n) };
    }
    case 'passFail':
      if (value === PASS_FAIL.Passed || value === PASS_FAIL.Failed) return { ok: true, value };
      return { ok: false, message: assessmentFormatHint(format) };
    case 'text':
      if (value.length > format.maxLength) return { ok: false, message: tooLong(format.maxLength) };
      return { ok: true, value };
  }
}

/** How a stored assessment is written on the tab and the certificate (DONE-19). */
export function assessmentLabel(format: AssessmentFormat, value: string | null): string {
  if (value === null) return '';
  if (format.kind === 'passFail') return PASS_FAIL_LABELS[value as PassFail] ?? value;
  return value;
}

/**
 * S4 (DONE-6, DONE-15, DONE-18, DONE-20): why this "galutinis įvertinimas" cannot be entered now,
 * or null. Entering again before "Patvirtinti" replaces the previous value.
 */
export function assessmentRefusal(r: CompletionRecord, raw: string, format: AssessmentFormat = DEFAULT_ASSESSMENT_FORMAT): string | null {
  const status = completionStatus(r);
  if (status === CompletionStatus.Terminated) return M.terminated;
  if (status === CompletionStatus.Locked) return M.locked;
  if (status === CompletionStatus.NotStarted || status === CompletionStatus.Started) return M.notCompleted;
  if (status !== CompletionStatus.Completed && status !== CompletionStatus.AssessmentEntered) return M.assessmentConfirmed;
  const parsed = normaliseAssessment(format, raw);
  return parsed.ok ? null : parsed.message;
}

/** S5 (DONE-7, DONE-15): why "Patvirtinti" cannot be pressed now (nothing entered, or already confirmed), or null. */
export function confirmRefusal(r: CompletionRecord): string | null {
  const status = completionStatus(r);
  if (status === CompletionStatus.Terminated) return M.terminated;
  if (status === CompletionStatus.Locked) return M.locked;
  if (status === CompletionStatus.AssessmentEntered) return null;
  if (r.assessmentConfirmedAt !== null) return M.assessmentConfirmed;
  return status === CompletionStatus.Completed ? M.nothingToConfirm : M.notCompleted;
}

// ---- Questionnaire and certificate (S6..S8) ----------------------------------------------------

export const QuestionnaireStatus = { NotActive: 'NEAKTYVUOTA', Active: 'AKTYVUOTA', Filled: 'UZPILDYTA', Closed: 'NEBEPILDOMA' } as const;
export type QuestionnaireStatus = (typeof QuestionnaireStatus)[keyof typeof QuestionnaireStatus];
export const QUESTIONNAIRE_STATUS_LABELS: Record<QuestionnaireStatus, string> = {
  NEAKTYVUOTA: 'Neaktyvuota',
  AKTYVUOTA: 'Aktyvuota, laukiama užpildymo',
  UZPILDYTA: 'Užpildyta',
  NEBEPILDOMA: 'Nepildyta, pildymo laikas baigėsi',
};

/**
 * When an active questionnaire stops taking answers: questionnaireOpenDays after "Patvirtinti"
 * (the contract workflow waits for it that long, then closes). Null: no closing instant known
 * (a contract confirmed before the window existed) — open until filled.
 */
export interface QuestionnaireWindow {
  closesAt: string | null;
  now: Date | number;
}

function windowClosed(w: QuestionnaireWindow | undefined): boolean {
  return w !== undefined && w.closesAt !== null && epoch(w.now) >= Date.parse(w.closesAt);
}

/** DONE-8, DONE-11: the questionnaire opens when the assessment is confirmed and stays open until filled. */
export function questionnaireStatus(r: CompletionRecord, window?: QuestionnaireWindow): QuestionnaireStatus {
  if (r.questionnaireFilledAt !== null) return QuestionnaireStatus.Filled;
  if (r.assessmentConfirmedAt !== null && !isTerminated(r))
    return windowClosed(window) ? QuestionnaireStatus.Closed : QuestionnaireStatus.Active;
  return QuestionnaireStatus.NotActive;
}

/** The questionnaire's page in the participant's KURSUOK account (the link of N14). */
export function questionnairePath(contractId: string): string {
  return `/kursuok/sutartys/${encodeURIComponent(contractId)}/anketa`;
}

/** S7 (PORTAL-8): why the participant cannot submit the questionnaire now (not yet active, already filled, terminated), or null. */
export function questionnaireRefusal(r: CompletionRecord, window?: QuestionnaireWindow): string | null {
  if (r.questionnaireFilledAt !== null) return M.questionnaireFilled;
  if (isTerminated(r)) return M.questionnaireTerminated;
  if (r.assessmentConfirmedAt === null) return M.questionnaireNotActive;
  if (windowClosed(window)) return M.questionnaireClosed;
  return null;
}

/** DONE-9, DONE-18: started, completed, assessment confirmed, questionnaire filled, contract not terminated. */
export function certificateEligible(r: CompletionRecord): boolean {
  return (
    !isTerminated(r) &&
    r.startedAt !== null &&
    r.completedAt !== null &&
    r.assessment !== null &&
    r.assessmentConfirmedAt !== null &&
    r.questionnaireFilledAt !== null
  );
}

/** DONE-10, DONE-17: the Vilnius day on which the certificate is generated — the day after the questionnaire. */
export function certificateGenerationDay(questionnaireFilledAt: Date | number | string): string {
  return addDays(vilniusDate(new Date(questionnaireFilledAt)), 1);
}

/** DONE-17: the daily batch takes her now (eligible, not yet generated, questionnaire filled on a previous Vilnius day). */
export function certificateDue(r: CompletionRecord, now: Date | number): boolean {
  if (r.certificateGeneratedAt !== null || !certificateEligible(r)) return false;
  return vilniusDate(new Date(epoch(now))) >= certificateGenerationDay(r.questionnaireFilledAt!);
}

export const CertificateStatus = { NotGenerated: 'NESUFORMUOTAS', Pending: 'LAUKIAMA', Generated: 'SUFORMUOTAS' } as const;
export type CertificateStatus = (typeof CertificateStatus)[keyof typeof CertificateStatus];

/** DONE-11: whether the certificate is generated, or awaits the next day's batch. */
export function certificateStatus(r: CompletionRecord): CertificateStatus {
  if (r.certificateGeneratedAt !== null) return CertificateStatus.Generated;
  if (certificateEligible(r)) return CertificateStatus.Pending;
  return CertificateStatus.NotGenerated;
}

/** 'Suformuotas 2026-05-14', 'Bus suformuotas 2026-05-14', 'Nesuformuotas'. */
export function certificateStatusText(r: CompletionRecord): string {
  switch (certificateStatus(r)) {
    case CertificateStatus.Generated:
      return `Suformuotas ${formatDate(r.certificateGeneratedAt)}`;
    case CertificateStatus.Pending:
      return `Bus suformuotas ${certificateGenerationDay(r.questionnaireFilledAt!)}`;
    case CertificateStatus.NotGenerated:
      return 'Nesuformuotas';
  }
}

// ---- The tab's row (DONE-11, PROG-28) ----------------------------------------------------------

export const COMPLETION_COLUMN_LABELS = {
  started: 'Mokymus pradėjo',
  completed: 'Mokymus baigė',
  assessment: 'Galutinis įvertinimas',
  questionnaire: 'Vertinimo anketa',
  certificate: 'Pažymėjimas',
} as const;

export interface CompletionRow {
  status: CompletionStatus;
  statusLabel: string;
  /** "Taip", "Ne", or the lock's words. */
  started: string;
  completed: string;
  /** The value as written, with "(nepatvirtintas)" until "Patvirtinti". */
  assessment: string;
  questionnaire: string;
  certificate: string;
}

/** DONE-11: what the row of "Mokymų baigimas" says about one participant. */
export function completionRow(r: CompletionRecord, format: AssessmentFormat = DEFAULT_ASSESSMENT_FORMAT): CompletionRow {
  const status = completionStatus(r);
  const assessment = assessmentLabel(format, r.assessment);
  return {
    status,
    statusLabel: COMPLETION_STATUS_LABELS[status],
    started: r.startedAt !== null ? 'Taip' : status === CompletionStatus.Locked ? 'Nepažymėta laiku' : 'Ne',
    completed: r.completedAt !== null ? 'Taip' : 'Ne',
    assessment: assessment === '' || r.assessmentConfirmedAt !== null ? assessment : `${assessment} (nepatvirtintas)`,
    questionnaire: QUESTIONNAIRE_STATUS_LABELS[questionnaireStatus(r)],
    certificate: certificateStatusText(r),
  };
}

// ---- Ticking several at once -------------------------------------------------------------------

export type CompletionAction = 'start' | 'complete' | 'confirm';

export interface CompletionSchedule {
  firstSessionDate: string | null;
  lastSessionDate: string | null;
  graceDays?: number;
}

/** The refusal of one action for one participant, as the single action would give it. */
export function actionRefusal(
  action: CompletionAction,
  r: CompletionRecord,
  schedule: CompletionSchedule,
  now: Date | number,
): string | null {
  switch (action) {
    case 'start':
      return startMarkRefusal(r, { firstSessionDate: schedule.firstSessionDate, now, graceDays: schedule.graceDays });
    case 'complete':
      return completeMarkRefusal(r, { lastSessionDate: schedule.lastSessionDate, now });
    case 'confirm':
      return confirmRefusal(r);
  }
}

export interface BulkResult {
  participantId: string;
  /** Null: this participant's action may go ahead. */
  refusal: string | null;
}

/**
 * Ticking several participants and marking them at once (DONE-11; one per participant, as each
 * would be alone): a result per ticked participant in the order ticked, a participant ticked twice
 * once. The caller sends the action to each participant whose refusal is null; the others show why.
 */
export function bulkRefusals(
  action: CompletionAction,
  ticked: readonly { participantId: string; record: CompletionRecord }[],
  schedule: CompletionSchedule,
  now: Date | number,
): BulkResult[] {
  const seen = new Set<string>();
  const results: BulkResult[] = [];
  for (const { participantId, record } of ticked) {
    if (seen.has(participantId)) continue;
    seen.add(participantId);
    results.push({ participantId, refusal: actionRefusal(action, record, schedule, now) });
  }
  return results;
}
