// "Ataskaita. Dalyvių informacija" (§3.11; REP-5..REP-8): set-based reads over one row per
// registration of the institution (REP-8: every query is scoped to it), each with the facts REP-7
// filters and breaks down by — programme, group, group status, funding, registration status, the
// person's document review summed up, the learning contract's phase, started/completed, the
// certificate, the invoice the participant is on (or the derived "Nepateikta", INV-15), the UŽT coupon.
// The counts by one or two dimensions, one page of participants, the registrations over time and the
// export rows all read that one derived table with the criteria applied: each is one statement.
// Indexes: migration 20261203T0920_participant_report_indexes.
import { sql, type ExpressionBuilder, type Kysely, type SelectQueryBuilder } from 'kysely';
import {
  bucketStart,
  CRITERIA,
  CRITERION_KEYS,
  fillBuckets,
  INVOICE_NOT_INVOICEABLE,
  INVOICE_NOT_SUBMITTED,
  NO_CONTRACT,
  NO_COUPON,
  parseCriteria,
  timeBucket,
  valueLabel,
  valueOrder,
  type CriterionKey,
  type Dimension,
  type ParticipantReportCriteria,
  type TimeBucket,
} from '../../workflows/domain/participant-report.ts';
import { vilniusDate, VILNIUS_TIME_ZONE } from '../../workflows/domain/calendar.ts';
import type { DbOrTx } from '../client.ts';
import { ReportCriteriaError, type ExportColumn, type ExportValue, type ReportExportSource } from '../exports/types.ts';
import type { Database } from '../schema.ts';

/** One registration as the report sees it (the derived table `b`). */
interface ReportRow {
  id: string;
  registered_at: Date;
  first_name: string;
  last_name: string;
  email: string;
  programme_id: string;
  programme_code: string;
  programme_name: string;
  group_id: string;
  group_name: string;
  programme_start: string;
  group_status: string;
  funding: string;
  registration_status: string;
  document_review: string;
  contract_status: string;
  progress: string;
  certificate: string;
  certificate_number: string | null;
  invoice_status: string;
  invoice_number: string | null;
  uzt_coupon: string;
}

/** The derived table's column of each criterion (and dimension). */
const COLUMN: Record<CriterionKey, keyof ReportRow & string> = {
  programme: 'programme_id',
  group: 'group_id',
  groupStatus: 'group_status',
  funding: 'funding',
  registrationStatus: 'registration_status',
  documentReview: 'document_review',
  contractStatus: 'contract_status',
  progress: 'progress',
  certificate: 'certificate',
  invoiceStatus: 'invoice_status',
  uztCoupon: 'uzt_coupon',
};

type ReportDb = Database & { b: ReportRow };

/**
 * One row per registration of the institution with its derived facts (REP-8: scoped by the registration's
 * institution; a group's registrations are its institution's — an extra `g.institution_id = r.institution_id`
 * made the planner expect 5 % of the rows and choose nested loops for all of them). Joins are one-to-one: a contract,
 * a certificate and a coupon per registration, at most one ACTIVE invoice row per contract (INV-13's
 * unique partial index); the documents are summed up per person in a lateral subquery on its index.
 */
function baseRows(db: DbOrTx, institutionId: string) {
  return db
    .selectFrom('group_registrations as r')
    .innerJoin('training_groups as g', 'g.id', 'r.group_id')
    .innerJoin('programmes as p', 'p.id', 'g.programme_id')
    .leftJoin('learning_contracts as lc', 'lc.id', 'r.id')
    .leftJoin('certificates as c', 'c.contract_id', 'r.id')
    .leftJoin('invoice_participants as ip', (j) => j.onRef('ip.contract_id', '=', 'r.id').on('ip.active', '=', true))
    .leftJoin('invoices as i', 'i.id', 'ip.invoice_id')
    .leftJoin('uzt_coupons as uc', 'uc.registration_id', 'r.id')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('participant_documents as d')
          .whereRef('d.participant_id', '=', 'r.participant_id')
          .select([sql<number>`count(*)::int`.as('n'), sql<boolean>`coalesce(bool_or(d.status = 'LAUKIA'), false)`.as('awaiting')])
          .as('docs'),
      (j) => j.onTrue(),
    )
    .where('r.institution_id', '=', institutionId)
    .select([
      'r.id',
      'r.registered_at',
      'r.first_name',
      'r.last_name',
      'r.email',
      'p.id as programme_id',
      'p.code as programme_code',
      'p.name as programme_name',
      'g.id as group_id',
      'g.name as group_name',
      'g.programme_start',
      sql<string>`g.status`.as('group_status'),
      sql<string>`r.funding`.as('funding'),
      sql<string>`r.status`.as('registration_status'),
      sql<string>`case when docs.n = 0 or r.participant_id is null then 'NEPATEIKTI' when docs.awaiting then 'LAUKIA' else 'IVERTINTI' end`.as(
        'document_review',
      ),
      sql<string>`coalesce(lc.phase, ${NO_CONTRACT})`.as('contract_status'),
      sql<string>`case when lc.completed_at is not null then 'BAIGE' when lc.started_at is not null then 'PRADEJO' else 'NEPRADEJO' end`.as(
        'progress',
      ),
      sql<string>`case when c.id is not null then 'ISDUOTAS' else 'NEISDUOTAS' end`.as('certificate'),
      'c.number as certificate_number',
      sql<string>`coalesce(i.status, case when c.id is not null then ${INVOICE_NOT_SUBMITTED} else ${INVOICE_NOT_INVOICEABLE} end)`.as(
        'invoice_status',
      ),
      'i.number as invoice_number',
      sql<string>`coalesce(uc.status, ${NO_COUPON})`.as('uzt_coupon'),
    ]);
}

/** A Vilnius date's first instant, as SQL (registered_at is a timestamptz). */
function vilniusMidnight(date: string) {
  return sql<Date>`(${date}::date)::timestamp at time zone ${VILNIUS_TIME_ZONE}`;
}

/**
 * The criteria as conditions. The date range of the registration goes into the base (on the
 * institution's index); everything else filters the derived table, which Postgres folds into the
 * one plan (a subquery, not a CTE fence).
 */
function filtered(db: DbOrTx, institutionId: string, criteria: ParticipantReportCriteria) {
  let base = baseRows(db, institutionId);
  if (criteria.registeredFrom) base = base.where('r.registered_at', '>=', vilniusMidnight(criteria.registeredFrom));
  if (criteria.registeredTo)
    base = base.where(
      'r.registered_at',
      '<',
      sql<Date>`((${criteria.registeredTo}::date + 1)::timestamp at time zone ${VILNIUS_TIME_ZONE})`,
    );
  if (criteria.startFrom) base = base.where('g.programme_start', '>=', criteria.startFrom);
  if (criteria.startTo) base = base.where('g.programme_start', '<=', criteria.startTo);
  let q = (db as unknown as Kysely<ReportDb>).selectFrom(base.as('b')) as unknown as SelectQueryBuilder<ReportDb, 'b', object>;
  for (const key of CRITERION_KEYS) {
    const values = criteria.filters[key];
    if (values.length > 0) q = q.where((eb: ExpressionBuilder<ReportDb, 'b'>) => eb(`b.${COLUMN[key]}`, 'in', values));
  }
  return q;
}

// ---- Counts by one or two dimensions (REP-6) ---------------------------------------------------------

export interface BreakdownCell {
  /** The dimension values (one or two) and their labels. */
  keys: string[];
  labels: string[];
  count: number;
}

export interface Breakdown {
  dimensions: Dimension[];
  /** Every combination that occurs, in the vocabularies' order (ids: by label). */
  cells: BreakdownCell[];
  /** The values of each dimension that occur, in order, with labels (the table's rows / columns). */
  axes: { key: string; label: string }[][];
  total: number;
}

/** The label column of an id dimension (programme: code and name; group: its programme code and name). */
function labelSql(dimension: Dimension) {
  if (dimension === 'programme') return sql<string>`min(b.programme_code || ' ' || b.programme_name)`;
  if (dimension === 'group') return sql<string>`min(b.group_name || ' (' || b.programme_code || ')')`;
  return sql<string>`null`;
}

/** The number of matching registrations by one or two dimensions (none: just the total). */
export async function participantCounts(db: DbOrTx, institutionId: string, criteria: ParticipantReportCriteria): Promise<Breakdown> {
  const dims = criteria.breakdown.slice(0, 2);
  const q = filtered(db, institutionId, criteria);
  const select = [
    sql<number>`count(*)::int`.as('n'),
    ...dims.flatMap((d, i) => [sql.ref<string>(`b.${COLUMN[d]}`).as(`k${i}`), labelSql(d).as(`l${i}`)]),
  ];
  let grouped = q.select(select as never);
  for (const d of dims) grouped = grouped.groupBy(`b.${COLUMN[d]}` as never);
  const rows = (await grouped.execute()) as unknown as Record<string, string | number | null>[];
  const cells: BreakdownCell[] = rows.map((r) => ({
    keys: dims.map((_, i) => String(r[`k${i}`])),
    labels: dims.map((d, i) => (r[`l${i}`] as string | null) ?? valueLabel(d, String(r[`k${i}`]))),
    count: Number(r.n),
  }));
  const axes = dims.map((d, i) => {
    const seen = new Map<string, string>();
    for (const c of cells) seen.set(c.keys[i]!, c.labels[i]!);
    const order = valueOrder(d);
    const entries = [...seen].map(([key, label]) => ({ key, label }));
    return order
      ? entries.sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key))
      : entries.sort((a, b) => a.label.localeCompare(b.label, 'lt'));
  });
  const position = (i: number, key: string) => axes[i]!.findIndex((a) => a.key === key);
  if (dims.length > 0)
    cells.sort(
      (a, b) =>
        position(0, a.keys[0]!) - position(0, b.keys[0]!) || (dims.length > 1 ? position(1, a.keys[1]!) - position(1, b.keys[1]!) : 0),
    );
  return { dimensions: dims, cells, axes, total: cells.reduce((s, c) => s + c.count, 0) };
}

// ---- One page of participants --------------------------------------------------------------------------

export interface ReportParticipant {
  id: string;
  name: string;
  email: string;
  registeredAt: Date;
  programme: string;
  groupId: string;
  groupName: string;
  programmeStart: string;
  groupStatus: string;
  funding: string;
  registrationStatus: string;
  documentReview: string;
  contractStatus: string;
  progress: string;
  certificate: string;
  certificateNumber: string | null;
  invoiceStatus: string;
  invoiceNumber: string | null;
  uztCoupon: string;
}

function toParticipant(r: ReportRow): ReportParticipant {
  return {
    id: r.id,
    name: `${r.first_name} ${r.last_name}`,
    email: r.email,
    registeredAt: r.registered_at,
    programme: `${r.programme_code} ${r.programme_name}`,
    groupId: r.group_id,
    groupName: r.group_name,
    programmeStart: r.programme_start,
    groupStatus: r.group_status,
    funding: r.funding,
    registrationStatus: r.registration_status,
    documentReview: r.document_review,
    contractStatus: r.contract_status,
    progress: r.progress,
    certificate: r.certificate,
    certificateNumber: r.certificate_number,
    invoiceStatus: r.invoice_status,
    invoiceNumber: r.invoice_number,
    uztCoupon: r.uzt_coupon,
  };
}

/**
 * One page of the matching participants, newest registration first (ties by id: a stable order), and
 * the total. Pass `total` when it is known (the counts give it): the page is then read in the index's
 * order and stops after its rows, instead of joining every matching row to count them.
 */
export async function participantPage(
  db: DbOrTx,
  institutionId: string,
  criteria: ParticipantReportCriteria,
  slice: { limit: number; offset: number },
  total?: number,
): Promise<{ rows: ReportParticipant[]; total: number }> {
  const rows = (await filtered(db, institutionId, criteria)
    .selectAll('b' as never)
    .orderBy('b.registered_at' as never, 'desc')
    .orderBy('b.id' as never, 'desc')
    .limit(slice.limit)
    .offset(slice.offset)
    .execute()) as unknown as ReportRow[];
  return { rows: rows.map(toParticipant), total: total ?? (await countParticipants(db, institutionId, criteria)) };
}

export async function countParticipants(db: DbOrTx, institutionId: string, criteria: ParticipantReportCriteria): Promise<number> {
  const [row] = (await filtered(db, institutionId, criteria)
    .select(sql<number>`count(*)::int`.as('n') as never)
    .execute()) as unknown as { n: number }[];
  return row?.n ?? 0;
}

// ---- Registrations over time -----------------------------------------------------------------------------

export interface RegistrationsOverTime {
  bucket: TimeBucket;
  points: { start: string; count: number }[];
}

/**
 * The matching registrations per day, week or month (by the range's length): the range is the
 * criteria's registration dates where given, the first and last matching registration otherwise.
 */
export async function registrationsOverTime(
  db: DbOrTx,
  institutionId: string,
  criteria: ParticipantReportCriteria,
  today = vilniusDate(new Date()),
): Promise<RegistrationsOverTime | null> {
  // A literal time zone: the same expression in SELECT and GROUP BY (a parameter would make them differ).
  const day = sql<string>`to_char(b.registered_at at time zone ${sql.lit(VILNIUS_TIME_ZONE)}, 'YYYY-MM-DD')`;
  const rows = (await filtered(db, institutionId, criteria)
    .select([day.as('day'), sql<number>`count(*)::int`.as('n')] as never)
    .groupBy(day as never)
    .execute()) as unknown as { day: string; n: number }[];
  if (rows.length === 0 && !(criteria.registeredFrom && criteria.registeredTo)) return null;
  const days = rows.map((r) => r.day).sort();
  const from = criteria.registeredFrom ?? days[0] ?? today;
  const to = criteria.registeredTo ?? days.at(-1) ?? today;
  const bucket = timeBucket(from, to);
  const counts = new Map<string, number>();
  for (const r of rows) {
    const s = bucketStart(r.day, bucket);
    counts.set(s, (counts.get(s) ?? 0) + r.n);
  }
  return { bucket, points: fillBuckets(from, to, bucket, counts) };
}

// ---- The form's choices: the institution's programmes and groups ----------------------------------------

export interface ReportChoices {
  programmes: { id: string; label: string }[];
  groups: { id: string; label: string }[];
}

export async function reportChoices(db: DbOrTx, institutionId: string): Promise<ReportChoices> {
  const [programmes, groups] = await Promise.all([
    db
      .selectFrom('programmes')
      .select(['id', 'code', 'name'])
      .where('institution_id', '=', institutionId)
      .orderBy('code')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('training_groups as g')
      .innerJoin('programmes as p', 'p.id', 'g.programme_id')
      .select(['g.id', 'g.name', 'p.code'])
      .where('g.institution_id', '=', institutionId)
      .orderBy('p.code')
      .orderBy('g.name')
      .orderBy('g.id')
      .execute(),
  ]);
  return {
    programmes: programmes.map((p) => ({ id: p.id, label: `${p.code} ${p.name}` })),
    groups: groups.map((g) => ({ id: g.id, label: `${g.name} (${g.code})` })),
  };
}

// ---- Export source (R3's db/exports; REP-7 "exportable") --------------------------------------------------

export const PARTICIPANT_EXPORT_COLUMNS: readonly ExportColumn[] = [
  { key: 'firstName', header: 'Vardas', type: 'text', width: 16 },
  { key: 'lastName', header: 'Pavardė', type: 'text', width: 20 },
  { key: 'email', header: 'El. paštas', type: 'text', width: 28 },
  { key: 'registeredAt', header: 'Registracijos data', type: 'datetime', width: 18 },
  { key: 'programme', header: CRITERIA.programme.label, type: 'text', width: 40 },
  { key: 'group', header: CRITERIA.group.label, type: 'text', width: 28 },
  { key: 'programmeStart', header: 'Mokymų pradžia', type: 'date', width: 14 },
  { key: 'groupStatus', header: CRITERIA.groupStatus.label, type: 'text', width: 14 },
  { key: 'funding', header: CRITERIA.funding.label, type: 'text', width: 26 },
  { key: 'registrationStatus', header: CRITERIA.registrationStatus.label, type: 'text', width: 22 },
  { key: 'documentReview', header: CRITERIA.documentReview.label, type: 'text', width: 20 },
  { key: 'contractStatus', header: CRITERIA.contractStatus.label, type: 'text', width: 20 },
  { key: 'progress', header: CRITERIA.progress.label, type: 'text', width: 20 },
  { key: 'certificate', header: CRITERIA.certificate.label, type: 'text', width: 20 },
  { key: 'certificateNumber', header: 'Pažymėjimo numeris', type: 'text', width: 22 },
  { key: 'invoiceStatus', header: CRITERIA.invoiceStatus.label, type: 'text', width: 20 },
  { key: 'invoiceNumber', header: 'Sąskaitos faktūros numeris', type: 'text', width: 20 },
  { key: 'uztCoupon', header: CRITERIA.uztCoupon.label, type: 'text', width: 30 },
];

function exportRecord(r: ReportRow): Record<string, ExportValue> {
  return {
    firstName: r.first_name,
    lastName: r.last_name,
    email: r.email,
    registeredAt: r.registered_at,
    programme: `${r.programme_code} ${r.programme_name}`,
    group: r.group_name,
    programmeStart: r.programme_start,
    groupStatus: valueLabel('groupStatus', r.group_status),
    funding: valueLabel('funding', r.funding),
    registrationStatus: valueLabel('registrationStatus', r.registration_status),
    documentReview: valueLabel('documentReview', r.document_review),
    contractStatus: valueLabel('contractStatus', r.contract_status),
    progress: valueLabel('progress', r.progress),
    certificate: valueLabel('certificate', r.certificate),
    certificateNumber: r.certificate_number,
    invoiceStatus: valueLabel('invoiceStatus', r.invoice_status),
    invoiceNumber: r.invoice_number,
    uztCoupon: valueLabel('uztCoupon', r.uzt_coupon),
  };
}

/** Rows per statement of the export: keyset batches on (registered_at, id), so no batch re-reads the ones before. */
const EXPORT_BATCH = 2000;

/** The institution's own programme and group ids: any other id in the criteria is an unknown value (REP-8). */
export async function institutionReportIds(
  db: DbOrTx,
  institutionId: string,
): Promise<{ programmeIds: Set<string>; groupIds: Set<string> }> {
  const [programmes, groups] = await Promise.all([
    db.selectFrom('programmes').select('id').where('institution_id', '=', institutionId).execute(),
    db.selectFrom('training_groups').select('id').where('institution_id', '=', institutionId).execute(),
  ]);
  return { programmeIds: new Set(programmes.map((p) => p.id)), groupIds: new Set(groups.map((g) => g.id)) };
}

/** The export's criteria, checked as the page checks them; ReportCriteriaError (web: 422) when they do not hold. */
async function criteriaOrThrow(db: DbOrTx, institutionId: string, query: string): Promise<ParticipantReportCriteria> {
  const parsed = parseCriteria(query, await institutionReportIds(db, institutionId));
  if (!parsed.ok) throw new ReportCriteriaError(Object.values(parsed.errors).join(' '));
  return parsed.criteria;
}

/** Every matching registration in registration order, in keyset batches (never all rows in memory). */
export async function* participantExportRows(
  db: DbOrTx,
  institutionId: string,
  criteria: ParticipantReportCriteria,
  batch = EXPORT_BATCH,
): AsyncGenerator<Record<string, ExportValue>> {
  // The key keeps the timestamp's microseconds (a JS Date would drop them and repeat or skip rows).
  let after: { at: string; id: string } | null = null;
  for (;;) {
    let q = filtered(db, institutionId, criteria)
      .selectAll('b' as never)
      .select(sql<string>`b.registered_at::text`.as('registered_key') as never);
    if (after) {
      const { at, id } = after;
      q = q.where(sql<boolean>`(b.registered_at, b.id) > (${at}::timestamptz, ${id}::uuid)` as never);
    }
    const rows = (await q
      .orderBy('b.registered_at' as never)
      .orderBy('b.id' as never)
      .limit(batch)
      .execute()) as unknown as (ReportRow & { registered_key: string })[];
    for (const r of rows) yield exportRecord(r);
    if (rows.length < batch) return;
    const last = rows.at(-1)!;
    after = { at: last.registered_key, id: last.id };
  }
}

export const participantReportExport: ReportExportSource = {
  kind: 'dalyviai',
  fileBaseName: 'dalyviu-ataskaita',
  columns: PARTICIPANT_EXPORT_COLUMNS,
  count: async (db, institutionId, query) => countParticipants(db, institutionId, await criteriaOrThrow(db, institutionId, query)),
  rows: async function* (db, institutionId, query) {
    yield* participantExportRows(db, institutionId, await criteriaOrThrow(db, institutionId, query));
  },
};
