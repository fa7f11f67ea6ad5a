// Settlement documents to the Employment Service (§3.13; UZTDOC-1..UZTDOC-10, UZT-6): the period
// rules, the delivery statuses with their labels, the monthly reminder's months and instants, and
// the submission form's check. Pure, the clock passed in; imported by the UztSettlement workflow
// (authoritative), by web (to check the form at the edge) and by db (vocabulary).
import { addDays, isIsoDate } from './calendar.ts';
import { vilniusStartOfDay } from './group-deadlines.ts';
import type { SettlementFrequency } from './uzt-coupon.ts';

export type { SettlementFrequency };

/** Delivery of one submission to UŽT (UZTDOC-7): being sent (retried until UŽT takes it), delivered. */
export type DeliveryStatus = 'SIUNCIAMA' | 'PRISTATYTA';

export const DELIVERY_STATUS_LABELS: Record<DeliveryStatus, string> = {
  SIUNCIAMA: 'Siunčiama Užimtumo tarnybai',
  PRISTATYTA: 'Pristatyta Užimtumo tarnybai',
};

/** The status as the window shows it: a send that failed before says it is being retried. */
export function deliveryLabel(status: DeliveryStatus, attempts: number): string {
  if (status === 'SIUNCIAMA' && attempts > 1)
    return `${DELIVERY_STATUS_LABELS.SIUNCIAMA} (nepavyko, bandoma iš naujo: ${attempts} bandymai)`;
  return DELIVERY_STATUS_LABELS[status];
}

/** The form's labels, as §3.13 names them ("dokumento tipas", "atsiskaitymo laikotarpis", "adoc formatu"). */
export const SETTLEMENT_FORM_LABELS = {
  documentType: 'Dokumento tipas',
  periodFrom: 'Atsiskaitymo laikotarpis nuo',
  periodTo: 'Atsiskaitymo laikotarpis iki',
  file: 'Dokumentas (adoc formatu)',
} as const;

export type SettlementField = keyof typeof SETTLEMENT_FORM_LABELS;
export type SettlementErrors = Partial<Record<SettlementField, string>>;

/** The measure (the training as UŽT knows it from Section II) and how the provider settles (UZT-6). */
export interface SettlementTerms {
  frequency: SettlementFrequency;
  /** 'YYYY-MM-DD', Section II's startDate / endDate. */
  measureStart: string;
  measureEnd: string;
}

const monthOf = (isoDate: string) => isoDate.slice(0, 7);

/** The first and last day of the calendar month of a date. */
export function monthBounds(isoDate: string): { first: string; last: string } {
  const first = `${monthOf(isoDate)}-01`;
  const [y, m] = first.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  return { first, last };
}

/** 'YYYY-MM' of the month after. */
export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 7);
}

/**
 * The period a document for this measure and frequency must cover when it starts on `from`: the
 * calendar month of `from` cut to the measure (a first or last month may be partial), or the whole measure.
 */
export function expectedPeriod(terms: SettlementTerms, from: string): { from: string; to: string } {
  if (terms.frequency === 'UZBAIGUS') return { from: terms.measureStart, to: terms.measureEnd };
  const { first, last } = monthBounds(from);
  return { from: first < terms.measureStart ? terms.measureStart : first, to: last > terms.measureEnd ? terms.measureEnd : last };
}

/** UZTDOC-5, UZTDOC-9: why the period is refused (per field), or null. */
export function checkSettlementPeriod(terms: SettlementTerms, from: string, to: string): SettlementErrors | null {
  const errors: SettlementErrors = {};
  if (from === '') errors.periodFrom = 'Nurodykite atsiskaitymo laikotarpio pradžią.';
  else if (!isIsoDate(from)) errors.periodFrom = 'Neteisinga data: rašykite MMMM-MM-DD.';
  if (to === '') errors.periodTo = 'Nurodykite atsiskaitymo laikotarpio pabaigą.';
  else if (!isIsoDate(to)) errors.periodTo = 'Neteisinga data: rašykite MMMM-MM-DD.';
  if (Object.keys(errors).length > 0) return errors;
  if (from > to) return { periodTo: 'Laikotarpio pabaiga negali būti ankstesnė už pradžią („nuo“ turi būti ne vėliau nei „iki“).' };
  const measure = `${terms.measureStart} – ${terms.measureEnd}`;
  if (from < terms.measureStart || from > terms.measureEnd)
    errors.periodFrom = `Laikotarpis turi būti priemonės (mokymų) laikotarpio ribose: ${measure}.`;
  if (to < terms.measureStart || to > terms.measureEnd)
    errors.periodTo = `Laikotarpis turi būti priemonės (mokymų) laikotarpio ribose: ${measure}.`;
  if (Object.keys(errors).length > 0) return errors;
  const want = expectedPeriod(terms, from);
  if (from !== want.from || to !== want.to) {
    return terms.frequency === 'KAS_MENESI'
      ? {
          periodTo: `Atsiskaitoma kiekvieną mėnesį: laikotarpis – vienas kalendorinis mėnuo (šiam mėnesiui ${want.from} – ${want.to}).`,
        }
      : { periodFrom: `Atsiskaitoma užbaigus priemonę / paslaugą: laikotarpis – visa priemonė (${measure}).` };
  }
  return null;
}

/** Whether a document's period covers some day of the month ('YYYY-MM'). */
export function coversMonth(period: { from: string; to: string }, month: string): boolean {
  const { first, last } = monthBounds(`${month}-01`);
  return period.from <= last && period.to >= first;
}

/** When the provider is reminded about a month: 08:00 in Vilnius on the first day of the next one. */
export const REMINDER_HOUR = 8;

/**
 * UZT-6 monthly settlement: one reminder per month of the measure, at the start of the month after
 * it, for the months whose document is missing then. Empty for settlement on completion.
 */
export function monthlyReminders(terms: SettlementTerms): { month: string; atMs: number }[] {
  if (terms.frequency !== 'KAS_MENESI' || terms.measureEnd < terms.measureStart) return [];
  const out: { month: string; atMs: number }[] = [];
  for (let month = monthOf(terms.measureStart); month <= monthOf(terms.measureEnd); month = nextMonth(month)) {
    out.push({ month, atMs: vilniusStartOfDay(`${nextMonth(month)}-01`).getTime() + REMINDER_HOUR * 3_600_000 });
  }
  return out;
}

/** How long after the measure's end documents are still taken (the settlement on completion comes then). */
export const SUBMISSION_GRACE_DAYS = 90;

/** The instant after which the workflow stops taking documents (unless one is still being delivered). */
export function submissionsCloseAt(terms: SettlementTerms): number {
  return vilniusStartOfDay(addDays(terms.measureEnd, SUBMISSION_GRACE_DAYS + 1)).getTime();
}

const MAIL_SIGNATURE = '\n\nPagarbiai\nIMP IS (KURSUOK)\n\nŠis laiškas išsiųstas automatiškai, į jį atsakyti nereikia.';

/** UZT-6 monthly settlement: the provider's reminder about a month without a document (the subject names the month). */
export function settlementReminderEmail(p: { participant: string; groupName: string; programmeName: string; month: string }): {
  subject: string;
  text: string;
} {
  return {
    subject: `Nepateiktas atsiskaitomasis dokumentas Užimtumo tarnybai už ${p.month}: ${p.participant}`,
    text:
      `Sveiki,\n\n` +
      `su Užimtumo tarnyba atsiskaitoma kiekvieną mėnesį, tačiau už ${p.month} mėn. mokymo dalyvio ${p.participant} ` +
      `(mokymosi programa „${p.programmeName}“, grupė „${p.groupName}“) atsiskaitomasis dokumentas dar nepateiktas. ` +
      `Pateikite jį aplikacijoje „Dokumentų pateikimas užimtumo tarnybai“.` +
      MAIL_SIGNATURE,
  };
}
