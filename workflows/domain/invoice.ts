// Invoices ("Sąskaitos faktūros", lifecycle L8; manual §3.9; INV-1..INV-21, OQ-41..OQ-44, OQ-59),
// pure: the statuses with the manual's Lithuanian labels (stored as they read, like group statuses),
// the derived group status "Nepateikta" (INV-15, never stored), the transitions I1..I9 and their
// refusals, the provider's form checks (invoice number, date, amount as a positive sum with at most
// two decimals, the ticked participants), the reconciliation the funder will do (issue 14: the
// evidence per ticked participant, the price per participant from the group, the expected total and
// every mismatch), the evaluation deadline (10 Lithuanian working days from "Pateikta", a reminder 2
// working days before, an escalation when it passes) and the N17 e-mail texts (INV-20).
import { isIsoDate } from './calendar.ts';
import { formatDate, formatDateTime } from './date-format.ts';
import type { EmailText } from './emails.ts';
import { addWorkingDays } from './working-days.ts';

/** L8 statuses as stored (invoices.status): the manual's words (INV-2). */
export const InvoiceStatus = {
  Submitted: 'Pateikta',
  UnderEvaluation: 'Vertinama',
  ForwardedForPayment: 'Perduota apmokėti',
  Paid: 'Apmokėta',
  Returned: 'Grąžinta papildymui',
  Rejected: 'Atmesta',
  Deleted: 'Ištrinta',
} as const;
export type InvoiceStatus = (typeof InvoiceStatus)[keyof typeof InvoiceStatus];

/** INV-15, OQ-43: the derived group status of the list filter; never an invoice's status. */
export const NOT_SUBMITTED = 'Nepateikta';
export type InvoiceFilterStatus = InvoiceStatus | typeof NOT_SUBMITTED;

/** INV-2: the filter's statuses in the manual's order. */
export const INVOICE_FILTER_STATUSES: readonly InvoiceFilterStatus[] = [
  NOT_SUBMITTED,
  InvoiceStatus.Submitted,
  InvoiceStatus.UnderEvaluation,
  InvoiceStatus.ForwardedForPayment,
  InvoiceStatus.Paid,
  InvoiceStatus.Returned,
  InvoiceStatus.Rejected,
  InvoiceStatus.Deleted,
];

export const INVOICE_STATUSES: readonly InvoiceStatus[] = Object.values(InvoiceStatus);

export function isInvoiceStatus(value: unknown): value is InvoiceStatus {
  return typeof value === 'string' && (INVOICE_STATUSES as readonly string[]).includes(value);
}

export function isInvoiceFilterStatus(value: unknown): value is InvoiceFilterStatus {
  return value === NOT_SUBMITTED || isInvoiceStatus(value);
}

/** INV-13: an invoice in these statuses holds its participants; "Atmesta" and "Ištrinta" free them (INV-16, INV-19). */
export function isActiveStatus(status: InvoiceStatus): boolean {
  return status !== InvoiceStatus.Rejected && status !== InvoiceStatus.Deleted;
}

/** Nothing happens to the invoice any more. */
export function isFinalStatus(status: InvoiceStatus): boolean {
  return status === InvoiceStatus.Paid || status === InvoiceStatus.Rejected || status === InvoiceStatus.Deleted;
}

/** The evaluation deadline runs while the funder owes a decision ("Pateikta", "Vertinama"). */
export function awaitsEvaluation(status: InvoiceStatus | null): boolean {
  return status === InvoiceStatus.Submitted || status === InvoiceStatus.UnderEvaluation;
}

/** The provider may delete (INV-16: I2, I6). */
export function isDeletable(status: InvoiceStatus): boolean {
  return status === InvoiceStatus.Submitted || status === InvoiceStatus.Returned;
}

// ---- Transitions I1..I9 ------------------------------------------------------------------------

/** Every L8 action; the refusal of each says, in Lithuanian, why it is not allowed now. */
export const InvoiceAction = {
  /** I1 */
  Submit: 'SUBMIT',
  /** I2, I6 */
  Delete: 'DELETE',
  /** I3 */
  TakeForEvaluation: 'TAKE',
  /** I4 */
  Return: 'RETURN',
  /** I5 */
  Resubmit: 'RESUBMIT',
  /** I7 */
  Reject: 'REJECT',
  /** I8 */
  TransferForPayment: 'TRANSFER',
  /** I9 */
  ConfirmPaid: 'PAID',
} as const;
export type InvoiceAction = (typeof InvoiceAction)[keyof typeof InvoiceAction];

/** The status each action leads to. */
export const ACTION_TARGET: Record<InvoiceAction, InvoiceStatus> = {
  SUBMIT: InvoiceStatus.Submitted,
  DELETE: InvoiceStatus.Deleted,
  TAKE: InvoiceStatus.UnderEvaluation,
  RETURN: InvoiceStatus.Returned,
  RESUBMIT: InvoiceStatus.Submitted,
  REJECT: InvoiceStatus.Rejected,
  TRANSFER: InvoiceStatus.ForwardedForPayment,
  PAID: InvoiceStatus.Paid,
};

/** From which statuses each action may go (null: the invoice does not exist yet). */
const ACTION_FROM: Record<InvoiceAction, readonly (InvoiceStatus | null)[]> = {
  SUBMIT: [null],
  DELETE: [InvoiceStatus.Submitted, InvoiceStatus.Returned],
  TAKE: [InvoiceStatus.Submitted],
  RETURN: [InvoiceStatus.UnderEvaluation],
  RESUBMIT: [InvoiceStatus.Returned],
  REJECT: [InvoiceStatus.UnderEvaluation],
  TRANSFER: [InvoiceStatus.UnderEvaluation],
  PAID: [InvoiceStatus.ForwardedForPayment],
};

/** The evaluator's decisions out of "Vertinama" (a second decision is refused, issue 14). */
const DECISIONS: readonly InvoiceAction[] = [InvoiceAction.Return, InvoiceAction.Reject, InvoiceAction.TransferForPayment];

/** Why `action` is not allowed in `status` (null: allowed). */
export function transitionRefusal(action: InvoiceAction, status: InvoiceStatus | null): string | null {
  if (ACTION_FROM[action].includes(status)) return null;
  if (status === null) return 'Sąskaita faktūra nerasta.';
  if (action === InvoiceAction.Submit) return 'Sąskaita faktūra jau pateikta.';
  if (status === InvoiceStatus.Deleted) return 'Sąskaita faktūra ištrinta: su ja veiksmų atlikti nebegalima.';
  if (status === InvoiceStatus.Rejected) return 'Sąskaita faktūra atmesta: šis sprendimas galutinis.';
  if (status === InvoiceStatus.Paid) return 'Sąskaita faktūra jau apmokėta.';
  switch (action) {
    case InvoiceAction.Delete:
      return `Sąskaitą faktūrą ištrinti galima tik kai jos būsena „${InvoiceStatus.Submitted}“ arba „${InvoiceStatus.Returned}“; dabar – „${status}“.`;
    case InvoiceAction.Resubmit:
      return `Pataisytą sąskaitą faktūrą pateikti galima tik kai ji „${InvoiceStatus.Returned}“; dabar – „${status}“.`;
    case InvoiceAction.TakeForEvaluation:
      return status === InvoiceStatus.UnderEvaluation
        ? 'Sąskaita faktūra jau vertinama.'
        : `Vertinti galima tik pateiktą sąskaitą faktūrą („${InvoiceStatus.Submitted}“); dabar – „${status}“.`;
    case InvoiceAction.ConfirmPaid:
      return `Apmokėta gali būti tik „${InvoiceStatus.ForwardedForPayment}“ sąskaita faktūra; dabar – „${status}“.`;
    default:
      if (DECISIONS.includes(action)) {
        if (status === InvoiceStatus.ForwardedForPayment || status === InvoiceStatus.Returned)
          return `Sprendimas dėl sąskaitos faktūros jau priimtas: „${status}“.`;
        return `Sprendimą priimti galima tik vertinamai sąskaitai faktūrai („${InvoiceStatus.UnderEvaluation}“); dabar – „${status}“.`;
      }
      return `Veiksmas negalimas, kai sąskaitos faktūros būsena „${status}“.`;
  }
}

// ---- The provider's form (INV-8..INV-12, INV-18) ----------------------------------------------------

export const INVOICE_NUMBER_MAX_LENGTH = 40;
export const COMMENT_MAX_LENGTH = 2000;
/** The largest amount accepted, in cents (10 million euro): beyond it, a typing error. */
export const AMOUNT_MAX_CENTS = 1_000_000_000;

/** Letters (Lithuanian too), digits, spaces and - / . _ #; starts with a letter or digit. */
const INVOICE_NUMBER = /^[\p{L}\p{N}][\p{L}\p{N} \-/._#]*$/u;
/** "1234", "1234,5", "1234.56", "1 234,56". */
const AMOUNT = /^(\d{1,3}(?:[ \u00a0]\d{3})+|\d+)(?:[.,](\d{1,2}))?$/;
const AMOUNT_TOO_PRECISE = /^(\d{1,3}(?:[ \u00a0]\d{3})+|\d+)[.,]\d{3,}$/;

export type FieldErrors = Record<string, string>;

export function checkInvoiceNumber(raw: string): { ok: true; value: string } | { ok: false; error: string } {
  const value = raw.trim().replace(/\s+/g, ' ');
  if (value === '') return { ok: false, error: 'Nurodykite sąskaitos faktūros numerį.' };
  if (value.length > INVOICE_NUMBER_MAX_LENGTH)
    return { ok: false, error: `Sąskaitos faktūros numeris – ne ilgesnis kaip ${INVOICE_NUMBER_MAX_LENGTH} simbolių.` };
  if (!INVOICE_NUMBER.test(value))
    return { ok: false, error: 'Sąskaitos faktūros numeryje gali būti tik raidės, skaitmenys, tarpai ir ženklai - / . _ #.' };
  return { ok: true, value };
}

/** The invoice's date: a real date, not later than today (Vilnius 'YYYY-MM-DD'). */
export function checkInvoiceDate(raw: string, today: string): { ok: true; value: string } | { ok: false; error: string } {
  const value = raw.trim();
  if (value === '') return { ok: false, error: 'Nurodykite sąskaitos faktūros datą.' };
  if (!isIsoDate(value)) return { ok: false, error: 'Sąskaitos faktūros data neteisinga: nurodykite datą (MMMM-MM-DD).' };
  if (value > today) return { ok: false, error: 'Sąskaitos faktūros data negali būti vėlesnė nei šiandien.' };
  return { ok: true, value };
}

/** The amount as typed → cents: a positive sum with at most two decimals ("1 234,56", "1234.5", "1500"). */
export function parseAmount(raw: string): { ok: true; cents: number } | { ok: false; error: string } {
  const value = raw.trim().replace(/\s*(€|eur|EUR|Eur)$/, '');
  if (value === '') return { ok: false, error: 'Nurodykite sąskaitos faktūros sumą.' };
  if (AMOUNT_TOO_PRECISE.test(value)) return { ok: false, error: 'Suma nurodoma eurais su ne daugiau kaip dviem skaičiais po kablelio.' };
  const m = AMOUNT.exec(value);
  if (!m) return { ok: false, error: 'Suma turi būti teigiamas skaičius eurais, pvz., 1250,00.' };
  const euros = Number(m[1]!.replace(/[ \u00a0]/g, ''));
  const cents = euros * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
  if (!Number.isSafeInteger(cents) || cents > AMOUNT_MAX_CENTS) return { ok: false, error: 'Suma per didelė.' };
  if (cents <= 0) return { ok: false, error: 'Suma turi būti didesnė už nulį.' };
  return { ok: true, cents };
}

/** Cents as the pages write euros: 1234,56 (no thousands separator, the decimal comma). */
export function formatAmount(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.round(cents));
  return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

/** A numeric(12,2) as Postgres returns it ('1234.50') → cents. */
export function centsOfNumeric(value: string | number): number {
  return Math.round(Number(value) * 100);
}

/** What the provider submits (I1) or resubmits (I5); the PDF is stored by the web handler first. */
export interface InvoiceSubmission {
  number: string;
  /** 'YYYY-MM-DD' */
  date: string;
  amountCents: number;
  /** stored_files.id of the uploaded, checked PDF (INV-11). */
  fileId: string;
  /** learning_contracts.id (= the registration's id) of each ticked participant (INV-8). */
  contractIds: string[];
}

export interface InvoiceForm {
  number: string;
  date: string;
  amount: string;
  contractIds: readonly string[];
}

/** INV-8..INV-12: the form's fields, checked; the file is checked apart (web/pdf-check.ts). */
export function checkInvoiceForm(
  form: InvoiceForm,
  today: string,
): { ok: true; value: Omit<InvoiceSubmission, 'fileId'> } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const number = checkInvoiceNumber(form.number);
  if (!number.ok) errors.number = number.error;
  const date = checkInvoiceDate(form.date, today);
  if (!date.ok) errors.date = date.error;
  const amount = parseAmount(form.amount);
  if (!amount.ok) errors.amount = amount.error;
  const contractIds = [...new Set(form.contractIds.filter((id) => id !== ''))];
  if (contractIds.length === 0) errors.participants = 'Pažymėkite bent vieną mokymo dalyvį, kurį norite įtraukti į sąskaitą faktūrą.';
  if (!number.ok || !date.ok || !amount.ok || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { number: number.value, date: date.value, amountCents: amount.cents, contractIds } };
}

/** The submission as the workflow receives it, checked again there (a hand-made request, a replayed command). */
export function submissionErrors(s: InvoiceSubmission, today: string): FieldErrors | null {
  const errors: FieldErrors = {};
  const number = checkInvoiceNumber(typeof s?.number === 'string' ? s.number : '');
  if (!number.ok) errors.number = number.error;
  const date = checkInvoiceDate(typeof s?.date === 'string' ? s.date : '', today);
  if (!date.ok) errors.date = date.error;
  if (!Number.isSafeInteger(s?.amountCents) || s.amountCents <= 0 || s.amountCents > AMOUNT_MAX_CENTS)
    errors.amount = 'Suma turi būti teigiamas skaičius eurais su ne daugiau kaip dviem skaičiais po kablelio.';
  if (typeof s?.fileId !== 'string' || s.fileId === '') errors.file = 'Pasirinkite sąskaitos faktūros dokumentą (PDF).';
  if (!Array.isArray(s?.contractIds) || s.contractIds.length === 0)
    errors.participants = 'Pažymėkite bent vieną mokymo dalyvį, kurį norite įtraukti į sąskaitą faktūrą.';
  else if (new Set(s.contractIds).size !== s.contractIds.length) errors.participants = 'Tas pats dalyvis pažymėtas kelis kartus.';
  return Object.keys(errors).length > 0 ? errors : null;
}

/** The evaluator's comment (I4) or reason (I7): mandatory, bounded. */
export function decisionTextError(action: 'RETURN' | 'REJECT', raw: string | null | undefined): string | null {
  const text = (raw ?? '').trim();
  if (text === '')
    return action === 'RETURN'
      ? 'Grąžinant sąskaitą faktūrą papildymui, komentaras privalomas.'
      : 'Atmetant sąskaitą faktūrą, nurodykite priežastį.';
  if (text.length > COMMENT_MAX_LENGTH) return `Tekstas – ne ilgesnis kaip ${COMMENT_MAX_LENGTH} simbolių.`;
  return null;
}

// ---- Participants: who is listed, who is tickable (INV-4, INV-5, INV-13, INV-14) ----------------

/** INV-5: "Skirta" — the participant studies with an allocated IMP basket. */
export const FUNDING_ALLOCATED = 'Skirta';

/**
 * INV-5, OQ-59: the "Finansavimas" column. An IMP-basket registration whose learning contract was
 * signed and whose participant completed with a certificate has had its basket allocated (the
 * operator/system allocates it once eligibility is met and the contract signed, OQ-59): "Skirta".
 * Other funding is listed with its source and is not invoiceable (OQ-42).
 */
export function fundingLabel(funding: string): string {
  if (funding === 'IMP_KREPSELIS') return FUNDING_ALLOCATED;
  if (funding === 'ASMENINES_LESOS') return 'Asmeninės lėšos';
  if (funding === 'UZT') return 'UŽT lėšos';
  return funding;
}

/** What the funder checks for one participant (INV-4; the evaluator sees the same, issue 14). */
export interface ParticipantEvidence {
  contractId: string;
  name: string;
  funding: string;
  /** Both parties signed the learning contract (its signed PDF exists). */
  contractSigned: boolean;
  startedAt: string | null;
  completedAt: string | null;
  /** The confirmed completion assessment, or null. */
  assessment: string | null;
  questionnaireFilledAt: string | null;
  certificateNumber: string | null;
  /** The number of the active invoice holding her (INV-13), or null. */
  activeInvoiceNumber: string | null;
  /** The id of that invoice: the invoice being resubmitted may keep its own participants. */
  activeInvoiceId: string | null;
}

/** INV-4: the evidence missing for a participant, in Lithuanian (empty: complete). */
export function missingEvidence(p: ParticipantEvidence): string[] {
  const missing: string[] = [];
  if (!p.contractSigned) missing.push('nepasirašyta mokymosi sutartis');
  if (!p.startedAt) missing.push('nepažymėta, kad pradėjo mokymus');
  if (!p.completedAt) missing.push('nepažymėta, kad baigė mokymus');
  if (!p.assessment) missing.push('nėra mokymosi programos baigimo įvertinimo');
  if (!p.questionnaireFilledAt) missing.push('neužpildyta vertinimo anketa');
  if (!p.certificateNumber) missing.push('nesuformuotas pažymėjimas');
  return missing;
}

/**
 * Why the participant may not be ticked for an invoice (null: tickable). `ownInvoiceId`: the
 * invoice being resubmitted, whose own participants stay tickable (INV-18).
 */
export function tickRefusal(p: ParticipantEvidence, ownInvoiceId: string | null = null): string | null {
  if (p.funding !== 'IMP_KREPSELIS')
    return `${p.name}: į sąskaitą faktūrą įtraukiami tik dalyviai, kurių finansavimas „${FUNDING_ALLOCATED}“ (IMP krepšelis).`;
  const missing = missingEvidence(p);
  if (missing.length > 0) return `${p.name}: ${missing.join('; ')}.`;
  if (p.activeInvoiceId && p.activeInvoiceId !== ownInvoiceId)
    return `${p.name}: dalyvis jau įtrauktas į sąskaitą faktūrą ${p.activeInvoiceNumber ?? ''}`.trimEnd() + '.';
  return null;
}

/** INV-13 as the database reports it (the unique partial index): the refusal naming the participant. */
export function alreadyInvoicedRefusal(name: string, invoiceNumber: string | null): string {
  return invoiceNumber
    ? `${name}: dalyvis jau įtrauktas į kitą aktyvią sąskaitą faktūrą (${invoiceNumber}). Sąskaita faktūra nepateikta.`
    : `${name}: dalyvis jau įtrauktas į kitą aktyvią sąskaitą faktūrą. Sąskaita faktūra nepateikta.`;
}

// ---- Reconciliation before submitting (issue 14) --------------------------------------------------

export interface ReconciliationRow {
  contractId: string;
  name: string;
  certificateNumber: string | null;
  /** The group's price per participant, in cents. */
  priceCents: number;
  /** The INV-4/INV-13/INV-14 problems of this participant, in Lithuanian (empty: fine). */
  problems: string[];
}

export interface Reconciliation {
  rows: ReconciliationRow[];
  /** The ticked participants × the group's price. */
  expectedCents: number;
  /** The amount typed, or null when nothing (valid) was typed. */
  amountCents: number | null;
  /** Every mismatch the funder would return the invoice for, in Lithuanian (empty: none found). */
  mismatches: string[];
}

/**
 * What the funder will check (issue 14, "Reconciliation before submitting"): for each ticked
 * participant her evidence and the group's price, the expected total, and any mismatch with the
 * amount typed.
 */
export function reconcile(
  ticked: readonly ParticipantEvidence[],
  priceCents: number,
  amountCents: number | null,
  ownInvoiceId: string | null = null,
): Reconciliation {
  const rows = ticked.map((p) => {
    const problems: string[] = [];
    if (p.funding !== 'IMP_KREPSELIS') problems.push(`finansavimas ne „${FUNDING_ALLOCATED}“`);
    problems.push(...missingEvidence(p));
    if (p.activeInvoiceId && p.activeInvoiceId !== ownInvoiceId)
      problems.push(`jau įtrauktas į sąskaitą faktūrą ${p.activeInvoiceNumber ?? ''}`.trimEnd());
    return { contractId: p.contractId, name: p.name, certificateNumber: p.certificateNumber, priceCents, problems };
  });
  const expectedCents = priceCents * ticked.length;
  const mismatches: string[] = [];
  for (const r of rows) if (r.problems.length > 0) mismatches.push(`${r.name}: ${r.problems.join('; ')}.`);
  if (ticked.length === 0) mismatches.push('Nepažymėtas nė vienas mokymo dalyvis.');
  if (amountCents !== null && ticked.length > 0 && amountCents !== expectedCents) {
    const diff = amountCents - expectedCents;
    mismatches.push(
      `Sąskaitos faktūros suma ${formatAmount(amountCents)} Eur ${diff > 0 ? 'didesnė' : 'mažesnė'} nei tikėtina ` +
        `${formatAmount(expectedCents)} Eur (${ticked.length} × ${formatAmount(priceCents)} Eur) – skirtumas ${formatAmount(Math.abs(diff))} Eur.`,
    );
  }
  return { rows, expectedCents, amountCents, mismatches };
}

// ---- The evaluation deadline ------------------------------------------------------------------------

/** The working days the funder has to decide on a submitted invoice (issue 14; stated in the README). */
export const EVALUATION_WORKING_DAYS = 10;
/** The evaluators are reminded this many working days before the deadline. */
export const REMINDER_WORKING_DAYS_BEFORE = 2;

export interface EvaluationDeadline {
  /** The end (Vilnius) of the 10th working day after the submission day: overdue from then on. */
  dueAt: Date;
  /** The end of the 8th working day: the evaluators are reminded. */
  remindAt: Date;
}

/**
 * The evaluation deadline of an invoice submitted (or resubmitted, I5) at `submittedAt`: counting
 * as document review does (workflows/domain/working-days.ts), the submission day does not count.
 */
export function evaluationDeadline(submittedAt: Date): EvaluationDeadline {
  return {
    dueAt: addWorkingDays(submittedAt, EVALUATION_WORKING_DAYS),
    remindAt: addWorkingDays(submittedAt, EVALUATION_WORKING_DAYS - REMINDER_WORKING_DAYS_BEFORE),
  };
}

// ---- E-mails (N17, INV-20; the evaluators' reminder and escalation) ------------------------------

const SIGNATURE = '\n\nPagarbiai\nIMP IS (KURSUOK)\n\nŠis laiškas išsiųstas automatiškai, į jį atsakyti nereikia.';

export interface InvoiceMailFacts {
  firstName: string;
  institutionName: string;
  groupName: string;
  programme: string;
  invoiceNumber: string;
  link: string;
}

/** N17 (INV-20): an evaluator-driven status change, with the comment (I4) or reason (I7). */
export function invoiceStatusChangedEmail(p: InvoiceMailFacts & { status: InvoiceStatus; note?: string | null }): EmailText {
  const note =
    p.status === InvoiceStatus.Returned && p.note
      ? `\n\nVertintojo komentaras:\n${p.note}\n\nPataisykite sąskaitą faktūrą ir pateikite ją iš naujo.`
      : p.status === InvoiceStatus.Rejected && p.note
        ? `\n\nAtmetimo priežastis:\n${p.note}\n\nSąskaitoje faktūroje buvę dalyviai gali būti įtraukti į naują sąskaitą faktūrą.`
        : '';
  return {
    subject: `Sąskaitos faktūros ${p.invoiceNumber} būsena: ${p.status}`,
    text:
      `Sveiki, ${p.firstName},\n\n` +
      `institucijos „${p.institutionName}“ mokymo grupės „${p.groupName}“ (programa ${p.programme}) ` +
      `sąskaitos faktūros ${p.invoiceNumber} būsena pakeista į „${p.status}“.` +
      note +
      `\n\nSąskaitą faktūrą rasite aplikacijoje „Sąskaitos faktūros“:\n${p.link}` +
      SIGNATURE,
  };
}

export interface EvaluatorMailFacts {
  institutionName: string;
  groupName: string;
  invoiceNumber: string;
  dueAt: Date | string;
  link: string;
}

/** The evaluators' reminder 2 working days before the deadline. */
export function evaluationReminderEmail(p: EvaluatorMailFacts): EmailText {
  return {
    subject: `Priminimas: įvertinkite sąskaitą faktūrą ${p.invoiceNumber}`,
    text:
      `Sveiki,\n\ninstitucijos „${p.institutionName}“ mokymo grupės „${p.groupName}“ sąskaita faktūra ${p.invoiceNumber} ` +
      `turi būti įvertinta iki ${formatDateTime(p.dueAt)} (Vilniaus laiku).\n\n${p.link}` +
      SIGNATURE,
  };
}

/** The escalation when the deadline passed without a decision. */
export function evaluationOverdueEmail(p: EvaluatorMailFacts): EmailText {
  return {
    subject: `Praleistas terminas: sąskaita faktūra ${p.invoiceNumber} neįvertinta`,
    text:
      `Sveiki,\n\ninstitucijos „${p.institutionName}“ mokymo grupės „${p.groupName}“ sąskaitos faktūros ${p.invoiceNumber} ` +
      `vertinimo terminas (${EVALUATION_WORKING_DAYS} darbo dienų, iki ${formatDateTime(p.dueAt)}) praėjo, o sprendimas nepriimtas.\n\n${p.link}` +
      SIGNATURE,
  };
}

/** "Pateikta 2026-12-03" etc. for a list's status cell. */
export function statusSince(status: InvoiceStatus, at: Date | string): string {
  return `${status} (${formatDate(at)})`;
}
