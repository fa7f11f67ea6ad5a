// "Ataskaita. Dalyvių informacija" (manual §3.11; REP-5..REP-8, OQ-46), pure: the report's criteria
// (REP-7) with their Lithuanian labels and value lists — the existing status vocabularies of groups,
// registrations, document review, contracts, completion, certificates, invoices and UŽT coupons —, the
// breakdown dimensions (one or two, REP-6), reading the criteria from the page's URL query string and
// writing them back (the URL carries them: bookmarkable, shareable inside the institution), their
// validation with Lithuanian messages, and the time buckets of the "registrations over time" line.
import { addDays, isIsoDate } from './calendar.ts';
import { FUNDING_SOURCE_LABELS } from './group-info.ts';
import { GROUP_STATUSES } from './group-status.ts';
import { CONTRACT_PHASE_LABELS } from './learning-contract.ts';
import { INVOICE_FILTER_STATUSES, NOT_SUBMITTED } from './invoice.ts';
import { REGISTRATION_STATUS_LABELS } from './registration.ts';
import { UZT_COUPON_STATUS_LABELS } from './uzt-coupon.ts';

/** The derived per-registration values that are no stored status (the labels are suggestions, OQ-46). */
export const NO_CONTRACT = 'NERA';
export const NO_COUPON = 'NERA';
/**
 * A participant without a certificate is not invoiceable yet (INV-4): her invoice status is not
 * "Nepateikta" (which says an invoice is due) but this.
 */
export const INVOICE_NOT_INVOICEABLE = 'Neteikiama (nėra pažymėjimo)';

/** A registration's documents under review (L3), summed up for the person: none, any awaiting, all decided. */
export const DOCUMENT_REVIEW_LABELS = {
  NEPATEIKTI: 'Dokumentai nepateikti',
  LAUKIA: 'Laukia vertinimo',
  IVERTINTI: 'Dokumentai įvertinti',
} as const;
export type DocumentReviewSummary = keyof typeof DOCUMENT_REVIEW_LABELS;

/** "Mokymus pradėjo" / "Mokymus baigė" (DONE-4, DONE-5, the manual's words); "not started" suggested. */
export const PROGRESS_LABELS = {
  NEPRADEJO: 'Mokymų nepradėjo',
  PRADEJO: 'Mokymus pradėjo',
  BAIGE: 'Mokymus baigė',
} as const;
export type Progress = keyof typeof PROGRESS_LABELS;

export const CERTIFICATE_LABELS = {
  ISDUOTAS: 'Pažymėjimas išduotas',
  NEISDUOTAS: 'Pažymėjimas neišduotas',
} as const;
export type CertificateSummary = keyof typeof CERTIFICATE_LABELS;

function identity(values: readonly string[]): Record<string, string> {
  return Object.fromEntries(values.map((v) => [v, v]));
}

/** A criterion of REP-7 and, being categorical, a breakdown dimension (REP-6). */
export interface Criterion {
  /** The URL parameter, also the dimension's name in `pjuvis`. */
  param: string;
  /** Lithuanian label of the form field, the table column and the chart axis. */
  label: string;
  /** The allowed values with their labels, in the order the form lists them; null: the institution's own ids. */
  values: Readonly<Record<string, string>> | null;
}

/** REP-7, in the order the form shows them. Keys are the code's names; `param` is what the URL carries. */
export const CRITERIA = {
  programme: { param: 'programa', label: 'Mokymosi programa', values: null },
  group: { param: 'grupe', label: 'Mokymo grupė', values: null },
  groupStatus: { param: 'grupes_busena', label: 'Grupės būsena', values: identity(GROUP_STATUSES) },
  funding: { param: 'finansavimas', label: 'Finansavimo šaltinis', values: FUNDING_SOURCE_LABELS },
  registrationStatus: { param: 'registracijos_busena', label: 'Registracijos būsena', values: REGISTRATION_STATUS_LABELS },
  documentReview: { param: 'dokumentai', label: 'Dokumentų vertinimas', values: DOCUMENT_REVIEW_LABELS },
  contractStatus: {
    param: 'sutartis',
    label: 'Mokymosi sutarties būsena',
    values: { [NO_CONTRACT]: 'Sutarties nėra', ...CONTRACT_PHASE_LABELS },
  },
  progress: { param: 'eiga', label: 'Mokymų pradžia ir pabaiga', values: PROGRESS_LABELS },
  certificate: { param: 'pazymejimas', label: 'Pažymėjimo būsena', values: CERTIFICATE_LABELS },
  invoiceStatus: {
    param: 'saskaita',
    label: 'Sąskaitos faktūros būsena',
    values: { ...identity(INVOICE_FILTER_STATUSES), [INVOICE_NOT_INVOICEABLE]: INVOICE_NOT_INVOICEABLE },
  },
  uztCoupon: { param: 'uzt_kuponas', label: 'UŽT kupono būsena', values: { [NO_COUPON]: 'Kupono nėra', ...UZT_COUPON_STATUS_LABELS } },
} as const satisfies Record<string, Criterion>;

export type CriterionKey = keyof typeof CRITERIA;
export const CRITERION_KEYS = Object.keys(CRITERIA) as CriterionKey[];
/** Every categorical criterion is a breakdown dimension. */
export type Dimension = CriterionKey;

/** The date ranges (REP-7 "date ranges"): registration date and the group's programme start, Vilnius dates. */
export const DATE_PARAMS = {
  registeredFrom: { param: 'registruota_nuo', label: 'Registracijos data nuo' },
  registeredTo: { param: 'registruota_iki', label: 'Registracijos data iki' },
  startFrom: { param: 'pradzia_nuo', label: 'Mokymų pradžia nuo' },
  startTo: { param: 'pradzia_iki', label: 'Mokymų pradžia iki' },
} as const;
export type DateKey = keyof typeof DATE_PARAMS;

export const BREAKDOWN_PARAMS = { first: 'pjuvis', second: 'pjuvis2' } as const;
export const BREAKDOWN_LABELS = { first: 'Pjūvis', second: 'Antrasis pjūvis' } as const;
export const PAGE_PARAM = 'puslapis';

export interface ParticipantReportCriteria {
  /** Each categorical criterion: the values chosen (empty: any). */
  filters: Record<CriterionKey, string[]>;
  registeredFrom: string | null;
  registeredTo: string | null;
  startFrom: string | null;
  startTo: string | null;
  /** One or two dimensions (REP-6); empty: no breakdown chosen, the page shows the total only. */
  breakdown: Dimension[];
}

export function emptyCriteria(): ParticipantReportCriteria {
  return {
    filters: Object.fromEntries(CRITERION_KEYS.map((k) => [k, []])) as unknown as Record<CriterionKey, string[]>,
    registeredFrom: null,
    registeredTo: null,
    startFrom: null,
    startTo: null,
    breakdown: [],
  };
}

/** What the form was sent with, per URL parameter (to keep it when it is refused). */
export type RawCriteria = Record<string, string[]>;

export type CriteriaResult =
  { ok: true; criteria: ParticipantReportCriteria; raw: RawCriteria } | { ok: false; errors: Record<string, string>; raw: RawCriteria };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function dimensionOf(param: string): Dimension | undefined {
  return CRITERION_KEYS.find((k) => CRITERIA[k].param === param);
}

/** Reads the parameters of a query string (`a=1&a=2&b=`) into lists; empty values are dropped. */
export function rawCriteria(query: string | URLSearchParams): RawCriteria {
  const params = typeof query === 'string' ? new URLSearchParams(query.startsWith('?') ? query.slice(1) : query) : query;
  const raw: RawCriteria = {};
  for (const [k, v] of params) {
    const value = v.trim();
    if (value === '') continue;
    (raw[k] ??= []).push(value);
  }
  return raw;
}

/**
 * REP-7: the criteria of a query string, or a Lithuanian message per field (unknown value, bad date,
 * a range ending before it starts, an unknown dimension). `known` (the institution's programme and
 * group ids) makes another institution's id an unknown value too; without it an id must be a UUID
 * (the queries are scoped to the institution anyway, REP-8). Unknown parameters are ignored (the
 * page number, an export's format).
 */
export function parseCriteria(
  query: string | URLSearchParams,
  known?: { programmeIds: ReadonlySet<string>; groupIds: ReadonlySet<string> },
): CriteriaResult {
  const raw = rawCriteria(query);
  const criteria = emptyCriteria();
  const errors: Record<string, string> = {};
  for (const key of CRITERION_KEYS) {
    const c: Criterion = CRITERIA[key];
    const values = [...new Set(raw[c.param] ?? [])];
    const knownIds = key === 'programme' ? known?.programmeIds : key === 'group' ? known?.groupIds : undefined;
    const bad = values.find((v) => (c.values ? !Object.hasOwn(c.values, v) : !UUID.test(v) || (knownIds ? !knownIds.has(v) : false)));
    if (bad !== undefined) {
      errors[c.param] =
        c.values === null ? `Pasirinkta nežinoma reikšmė kriterijui „${c.label}“.` : `Neleistina reikšmė „${bad}“ kriterijui „${c.label}“.`;
    } else criteria.filters[key] = values;
  }
  for (const key of Object.keys(DATE_PARAMS) as DateKey[]) {
    const { param, label } = DATE_PARAMS[key];
    const values = raw[param] ?? [];
    if (values.length === 0) continue;
    const value = values[0]!;
    if (values.length > 1) errors[param] = `Laukas „${label}“ nurodytas kelis kartus.`;
    else if (!isIsoDate(value)) errors[param] = `Laukas „${label}“: data turi būti formatu MMMM-MM-DD.`;
    else criteria[key] = value;
  }
  if (criteria.registeredFrom && criteria.registeredTo && criteria.registeredTo < criteria.registeredFrom)
    errors[DATE_PARAMS.registeredTo.param] = 'Registracijos laikotarpio pabaiga negali būti ankstesnė už jo pradžią.';
  if (criteria.startFrom && criteria.startTo && criteria.startTo < criteria.startFrom)
    errors[DATE_PARAMS.startTo.param] = 'Mokymų pradžios laikotarpio pabaiga negali būti ankstesnė už jo pradžią.';
  for (const which of ['first', 'second'] as const) {
    const param = BREAKDOWN_PARAMS[which];
    const values = raw[param] ?? [];
    if (values.length === 0) continue;
    const dimension = values.length === 1 ? dimensionOf(values[0]!) : undefined;
    if (!dimension) errors[param] = `Nežinomas pjūvis: „${values.join(', ')}“.`;
    else if (criteria.breakdown.includes(dimension)) errors[param] = 'Antrasis pjūvis turi skirtis nuo pirmojo.';
    else criteria.breakdown.push(dimension);
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors, raw } : { ok: true, criteria, raw };
}

/** The query string of the criteria (without '?'), in a fixed order: the same criteria, the same URL. */
export function criteriaQuery(criteria: ParticipantReportCriteria, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const key of CRITERION_KEYS) for (const v of criteria.filters[key]) params.append(CRITERIA[key].param, v);
  for (const key of Object.keys(DATE_PARAMS) as DateKey[]) {
    const v = criteria[key];
    if (v) params.append(DATE_PARAMS[key].param, v);
  }
  const [first, second] = criteria.breakdown;
  if (first) params.append(BREAKDOWN_PARAMS.first, CRITERIA[first].param);
  if (second) params.append(BREAKDOWN_PARAMS.second, CRITERIA[second].param);
  for (const [k, v] of Object.entries(extra)) params.append(k, v);
  return params.toString();
}

/** The label of a dimension's value; ids (programme, group) are labelled by the query's own names. */
export function valueLabel(dimension: Dimension, value: string): string {
  const values: Criterion['values'] = CRITERIA[dimension].values;
  return values?.[value] ?? value;
}

/** The order a dimension's values are listed in: the vocabulary's own order (ids: as given). */
export function valueOrder(dimension: Dimension): readonly string[] | null {
  const values: Criterion['values'] = CRITERIA[dimension].values;
  return values ? Object.keys(values) : null;
}

/** "Nepateikta" is the derived invoice status of a certified participant on no active invoice (INV-4, INV-15). */
export const INVOICE_NOT_SUBMITTED = NOT_SUBMITTED;

// ---- Registrations over time -----------------------------------------------------------------------

export type TimeBucket = 'day' | 'week' | 'month';
export const TIME_BUCKET_LABELS: Record<TimeBucket, string> = { day: 'dienomis', week: 'savaitėmis', month: 'mėnesiais' };

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** By day up to two months, by week up to a year and a bit, by month beyond (REP-6). */
export function timeBucket(from: string, to: string): TimeBucket {
  const days = daysBetween(from, to) + 1;
  if (days <= 62) return 'day';
  if (days <= 400) return 'week';
  return 'month';
}

/** The bucket's first day (weeks start on Monday, as Postgres's date_trunc('week') does). */
export function bucketStart(date: string, bucket: TimeBucket): string {
  if (bucket === 'day') return date;
  if (bucket === 'month') return `${date.slice(0, 7)}-01`;
  const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0
  return addDays(date, -weekday);
}

function nextBucket(start: string, bucket: TimeBucket): string {
  if (bucket === 'day') return addDays(start, 1);
  if (bucket === 'week') return addDays(start, 7);
  const [y, m] = start.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/** Every bucket from `from` to `to` with its count (missing buckets count 0), for the line. */
export function fillBuckets(
  from: string,
  to: string,
  bucket: TimeBucket,
  counts: ReadonlyMap<string, number>,
): { start: string; count: number }[] {
  const out: { start: string; count: number }[] = [];
  for (let s = bucketStart(from, bucket); s <= to && out.length < 1000; s = nextBucket(s, bucket))
    out.push({ start: s, count: counts.get(s) ?? 0 });
  return out;
}

/** A bucket's label on the axis and in the table: '2026-03-05', 'nuo 2026-03-02' (week), '2026-03' (month). */
export function bucketLabel(start: string, bucket: TimeBucket): string {
  if (bucket === 'month') return start.slice(0, 7);
  if (bucket === 'week') return `${start} sav.`;
  return start;
}
