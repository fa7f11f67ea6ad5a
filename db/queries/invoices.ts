// Invoices (L8; INV-1..INV-21): the Invoice workflow's versioned projection with the participants it
// holds (INV-13 is the unique partial index invoice_participants_active), the provider's reads (its
// own institution only, GEN-5) — the list of groups with certified participants and the derived
// "Nepateikta" (INV-1, INV-2, INV-15), the group's invoice window (INV-3..INV-10), one invoice —
// and the evaluators' addresses. Reads and row writes only: the rules are workflows/domain/invoice.ts.
import { sql } from 'kysely';
import { InvoiceStatus, NOT_SUBMITTED, type InvoiceFilterStatus, type ParticipantEvidence } from '../../workflows/domain/invoice.ts';
import type { DbOrTx } from '../client.ts';
import type { InvoiceRow } from '../tables/invoices.ts';

export type { InvoiceRow };

/** The invoice's row as the workflow projects it (everything but the timestamps the database keeps). */
export type InvoiceProjection = Omit<InvoiceRow, 'created_at' | 'updated_at'>;

const ACTIVE_STATUSES = [
  InvoiceStatus.Submitted,
  InvoiceStatus.UnderEvaluation,
  InvoiceStatus.ForwardedForPayment,
  InvoiceStatus.Paid,
  InvoiceStatus.Returned,
] as const;

export async function lockInvoice(trx: DbOrTx, id: string): Promise<InvoiceRow | undefined> {
  return trx.selectFrom('invoices').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/**
 * Writes the projection when its version is newer than the stored one; returns the row as it was
 * before (null for a new invoice), or 'stale' when that (or a newer) version is already there.
 * `participants`: the contracts the invoice holds from now on (a resubmission may change them,
 * INV-18), or 'release' to free them ("Ištrinta", "Atmesta"), or 'keep'. A contract already on
 * another active invoice makes the statement fail with a unique violation of
 * invoice_participants_active (INV-13): the caller's transaction then rolls back whole.
 */
export async function applyInvoiceProjection(
  trx: DbOrTx,
  p: InvoiceProjection,
  participants: readonly string[] | 'release' | 'keep',
): Promise<InvoiceRow | null | 'stale'> {
  const before = await lockInvoice(trx, p.id);
  if (before && before.version >= p.version) return 'stale';
  if (before) {
    await trx
      .updateTable('invoices')
      .set({ ...p, updated_at: sql<Date>`now()` })
      .where('id', '=', p.id)
      .execute();
  } else {
    await trx
      .insertInto('invoices')
      .values({ ...p, updated_at: sql<Date>`now()` })
      .execute();
  }
  if (participants === 'release') {
    await trx.updateTable('invoice_participants').set({ active: false }).where('invoice_id', '=', p.id).execute();
  } else if (participants !== 'keep') {
    if (participants.length > 0) {
      await trx
        .deleteFrom('invoice_participants')
        .where('invoice_id', '=', p.id)
        .where('contract_id', 'not in', [...participants])
        .execute();
      await trx
        .insertInto('invoice_participants')
        .values(participants.map((contractId) => ({ invoice_id: p.id, contract_id: contractId, active: true })))
        .onConflict((oc) => oc.columns(['invoice_id', 'contract_id']).doUpdateSet({ active: true }))
        .execute();
    }
  }
  return before ?? null;
}

/** INV-13 after a unique violation: which of the contracts is on another active invoice, with its name and that invoice's number. */
export async function contractsOnOtherActiveInvoices(
  db: DbOrTx,
  invoiceId: string,
  contractIds: readonly string[],
): Promise<{ contractId: string; name: string; invoiceNumber: string }[]> {
  if (contractIds.length === 0) return [];
  const rows = await db
    .selectFrom('invoice_participants as ip')
    .innerJoin('invoices as i', 'i.id', 'ip.invoice_id')
    .innerJoin('group_registrations as r', 'r.id', 'ip.contract_id')
    .select(['ip.contract_id', 'r.first_name', 'r.last_name', 'i.number'])
    .where('ip.active', '=', true)
    .where('ip.invoice_id', '<>', invoiceId)
    .where('ip.contract_id', 'in', [...contractIds])
    .execute();
  return rows.map((r) => ({ contractId: r.contract_id, name: `${r.first_name} ${r.last_name}`, invoiceNumber: r.number }));
}

/** The contracts the invoice holds now, active or not (the workflow's own record, for the reads). */
export async function invoiceContractIds(db: DbOrTx, invoiceId: string): Promise<string[]> {
  const rows = await db.selectFrom('invoice_participants').select('contract_id').where('invoice_id', '=', invoiceId).execute();
  return rows.map((r) => r.contract_id);
}

/**
 * Outbox rows queued in the transaction that wrote the invoice's current version (a retried activity
 * finds its own): both took the transaction's now().
 */
export async function invoiceEmailIdsOfCurrentVersion(db: DbOrTx, invoiceId: string, kind: string): Promise<string[]> {
  const invoice = await db.selectFrom('invoices').select('updated_at').where('id', '=', invoiceId).executeTakeFirst();
  if (!invoice) return [];
  const rows = await db
    .selectFrom('email_outbox')
    .select('id')
    .where('entity_type', '=', 'invoice')
    .where('entity_id', '=', invoiceId)
    .where('kind', '=', kind)
    .where('created_at', '=', invoice.updated_at)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => r.id);
}

/** Outbox rows of a kind for the invoice (the reminder and escalation are sent once each). */
export async function invoiceEmailIds(db: DbOrTx, invoiceId: string, kind: string): Promise<string[]> {
  const rows = await db
    .selectFrom('email_outbox')
    .select('id')
    .where('entity_type', '=', 'invoice')
    .where('entity_id', '=', invoiceId)
    .where('kind', '=', kind)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => r.id);
}

// ---- Names for the pages and the e-mails ----------------------------------------------------------

export interface InvoiceItem {
  invoice: InvoiceRow;
  institutionName: string;
  institutionCode: string;
  programmeCode: string;
  programmeName: string;
  groupName: string;
}

function itemQuery(db: DbOrTx) {
  return db
    .selectFrom('invoices as inv')
    .innerJoin('institutions as ins', 'ins.id', 'inv.institution_id')
    .innerJoin('programmes as pr', 'pr.id', 'inv.programme_id')
    .innerJoin('training_groups as g', 'g.id', 'inv.group_id')
    .selectAll('inv')
    .select([
      'ins.name as institution_name',
      'ins.code as institution_code',
      'pr.code as programme_code',
      'pr.name as programme_name',
      'g.name as group_name',
    ]);
}

type ItemRow = Awaited<ReturnType<ReturnType<typeof itemQuery>['execute']>>[number];

function toItem(r: ItemRow): InvoiceItem {
  const { institution_name, institution_code, programme_code, programme_name, group_name, ...invoice } = r;
  return {
    invoice,
    institutionName: institution_name,
    institutionCode: institution_code,
    programmeCode: programme_code,
    programmeName: programme_name,
    groupName: group_name,
  };
}

/** Any invoice (the workflow's activities, the evaluator). */
export async function findInvoice(db: DbOrTx, id: string): Promise<InvoiceItem | undefined> {
  const row = await itemQuery(db).where('inv.id', '=', id).executeTakeFirst();
  return row ? toItem(row) : undefined;
}

/** The provider's view: only its own institution's invoices (GEN-5). */
export async function findInstitutionInvoice(db: DbOrTx, institutionId: string, id: string): Promise<InvoiceItem | undefined> {
  const row = await itemQuery(db).where('inv.id', '=', id).where('inv.institution_id', '=', institutionId).executeTakeFirst();
  return row ? toItem(row) : undefined;
}

/** INV-6: every invoice of the group, the latest first. */
export async function groupInvoices(db: DbOrTx, institutionId: string, groupId: string): Promise<InvoiceItem[]> {
  const rows = await itemQuery(db)
    .where('inv.institution_id', '=', institutionId)
    .where('inv.group_id', '=', groupId)
    .orderBy('inv.first_submitted_at', 'desc')
    .orderBy('inv.id')
    .execute();
  return rows.map(toItem);
}

/** The PDF of an invoice, only when the invoice is the institution's (GEN-5, INV-7). */
export async function invoicePdf(db: DbOrTx, institutionId: string, invoiceId: string) {
  return db
    .selectFrom('invoices as i')
    .innerJoin('stored_files as f', 'f.id', 'i.file_id')
    .select(['i.number', 'f.content', 'f.size', 'f.download_name'])
    .where('i.id', '=', invoiceId)
    .where('i.institution_id', '=', institutionId)
    .executeTakeFirst();
}

// ---- Participants and their evidence (INV-4, INV-5, INV-13) ----------------------------------------

function evidenceQuery(db: DbOrTx) {
  return db
    .selectFrom('learning_contracts as c')
    .innerJoin('group_registrations as r', 'r.id', 'c.id')
    .leftJoin('certificates as cert', 'cert.contract_id', 'c.id')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('invoice_participants as ip')
          .innerJoin('invoices as i', 'i.id', 'ip.invoice_id')
          .select(['ip.contract_id', 'i.id as invoice_id', 'i.number as invoice_number'])
          .where('ip.active', '=', true)
          .as('act'),
      (j) => j.onRef('act.contract_id', '=', 'c.id'),
    )
    .select([
      'c.id',
      'c.group_id',
      'c.institution_id',
      'c.number as contract_number',
      'c.document_file_id',
      'c.participant_signed_at',
      'c.provider_signed_at',
      'c.started_at',
      'c.completed_at',
      'c.assessment',
      'c.assessment_confirmed_at',
      'c.questionnaire_filled_at',
      'r.first_name',
      'r.last_name',
      'r.funding',
      'cert.number as certificate_number',
      'act.invoice_id as active_invoice_id',
      'act.invoice_number as active_invoice_number',
    ]);
}

type EvidenceRow = Awaited<ReturnType<ReturnType<typeof evidenceQuery>['execute']>>[number];

export interface ParticipantEvidenceItem extends ParticipantEvidence {
  contractNumber: string | null;
  /** The signed contract's PDF (the evaluator opens it). */
  contractFileId: string | null;
}

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

function toEvidence(r: EvidenceRow): ParticipantEvidenceItem {
  return {
    contractId: r.id,
    name: `${r.first_name} ${r.last_name}`,
    funding: r.funding,
    contractSigned: r.participant_signed_at !== null && r.provider_signed_at !== null,
    startedAt: iso(r.started_at),
    completedAt: iso(r.completed_at),
    assessment: r.assessment_confirmed_at !== null ? r.assessment : null,
    questionnaireFilledAt: iso(r.questionnaire_filled_at),
    certificateNumber: r.certificate_number,
    activeInvoiceId: r.active_invoice_id,
    activeInvoiceNumber: r.active_invoice_number,
    contractNumber: r.contract_number,
    contractFileId: r.document_file_id,
  };
}

/** INV-4: the group's participants with a certificate (which the other marks precede), in name order. */
export async function groupInvoiceableParticipants(db: DbOrTx, institutionId: string, groupId: string): Promise<ParticipantEvidenceItem[]> {
  const rows = await evidenceQuery(db)
    .where('c.institution_id', '=', institutionId)
    .where('c.group_id', '=', groupId)
    .where('cert.id', 'is not', null)
    .orderBy('r.last_name')
    .orderBy('r.first_name')
    .orderBy('c.id')
    .execute();
  return rows.map(toEvidence);
}

/** The evidence of the given contracts of the group (the reconciliation and the workflow's checks). */
export async function contractsEvidence(
  db: DbOrTx,
  institutionId: string,
  groupId: string,
  contractIds: readonly string[],
): Promise<ParticipantEvidenceItem[]> {
  if (contractIds.length === 0) return [];
  const rows = await evidenceQuery(db)
    .where('c.institution_id', '=', institutionId)
    .where('c.group_id', '=', groupId)
    .where('c.id', 'in', [...contractIds])
    .orderBy('r.last_name')
    .orderBy('r.first_name')
    .execute();
  return rows.map(toEvidence);
}

/** The participants an invoice holds (or held: "Atmesta", "Ištrinta"), with their evidence (the evaluator's page too). */
export async function invoiceParticipantsEvidence(db: DbOrTx, invoiceId: string): Promise<ParticipantEvidenceItem[]> {
  const rows = await evidenceQuery(db)
    .innerJoin('invoice_participants as own', 'own.contract_id', 'c.id')
    .where('own.invoice_id', '=', invoiceId)
    .orderBy('r.last_name')
    .orderBy('r.first_name')
    .execute();
  return rows.map(toEvidence);
}

// ---- The list of groups (INV-1, INV-2, INV-15) --------------------------------------------------------

export interface InvoiceGroupListItem {
  groupId: string;
  groupName: string;
  programmeId: string;
  programmeCode: string;
  programmeName: string;
  programmeEnd: string;
  certified: number;
  /** INV-15: "Skirta" participants with a certificate, not on an active invoice. */
  notSubmitted: number;
  /** Each invoice status of the group's invoices with how many. */
  statusCounts: Partial<Record<InvoiceStatus, number>>;
}

/**
 * INV-1: the institution's groups with participants who have a certificate, each with its invoice
 * statuses; `status` filters (INV-2): "Nepateikta" keeps the groups with at least one invoiceable
 * participant not on an active invoice (INV-15), another status the groups with an invoice in it.
 */
export async function listInvoiceGroups(
  db: DbOrTx,
  institutionId: string,
  filter: { status?: InvoiceFilterStatus; limit: number; offset: number },
): Promise<{ rows: InvoiceGroupListItem[]; total: number }> {
  const certified = db
    .selectFrom('certificates as cert')
    .innerJoin('group_registrations as r', 'r.id', 'cert.contract_id')
    .leftJoin('invoice_participants as ip', (j) => j.onRef('ip.contract_id', '=', 'cert.contract_id').on('ip.active', '=', true))
    .select([
      'cert.group_id',
      sql<number>`count(*)::int`.as('certified'),
      sql<number>`(count(*) filter (where r.funding = 'IMP_KREPSELIS' and ip.invoice_id is null))::int`.as('not_submitted'),
    ])
    .where('cert.institution_id', '=', institutionId)
    .groupBy('cert.group_id');
  let q = db
    .selectFrom(certified.as('c'))
    .innerJoin('training_groups as g', 'g.id', 'c.group_id')
    .innerJoin('programmes as pr', 'pr.id', 'g.programme_id')
    .where('g.institution_id', '=', institutionId);
  if (filter.status === NOT_SUBMITTED) q = q.where('c.not_submitted', '>', 0);
  else if (filter.status) {
    const status = filter.status;
    q = q.where((eb) =>
      eb.exists(eb.selectFrom('invoices as i').select('i.id').whereRef('i.group_id', '=', 'g.id').where('i.status', '=', status)),
    );
  }
  const [{ total }] = (await q.select(sql<number>`count(*)::int`.as('total')).execute()) as [{ total: number }];
  const rows = await q
    .select([
      'g.id as group_id',
      'g.name as group_name',
      'g.programme_end',
      'pr.id as programme_id',
      'pr.code as programme_code',
      'pr.name as programme_name',
      'c.certified',
      'c.not_submitted',
    ])
    .orderBy('g.programme_end', 'desc')
    .orderBy('g.name')
    .orderBy('g.id')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  const counts =
    rows.length === 0
      ? []
      : await db
          .selectFrom('invoices')
          .select(['group_id', 'status', sql<number>`count(*)::int`.as('n')])
          .where('institution_id', '=', institutionId)
          .where(
            'group_id',
            'in',
            rows.map((r) => r.group_id),
          )
          .groupBy(['group_id', 'status'])
          .execute();
  return {
    total,
    rows: rows.map((r) => {
      const statusCounts: Partial<Record<InvoiceStatus, number>> = {};
      for (const c of counts) if (c.group_id === r.group_id) statusCounts[c.status] = c.n;
      return {
        groupId: r.group_id,
        groupName: r.group_name,
        programmeId: r.programme_id,
        programmeCode: r.programme_code,
        programmeName: r.programme_name,
        programmeEnd: r.programme_end,
        certified: r.certified,
        notSubmitted: r.not_submitted,
        statusCounts,
      };
    }),
  };
}

/** INV-3: the group's main information for its invoice window; only the institution's own group. */
export async function findInvoiceGroup(db: DbOrTx, institutionId: string, groupId: string) {
  return db
    .selectFrom('training_groups as g')
    .innerJoin('programmes as pr', 'pr.id', 'g.programme_id')
    .leftJoin('venues as v', 'v.id', 'g.venue_id')
    .select([
      'g.id',
      'g.name',
      'g.status',
      'g.price',
      'g.programme_start',
      'g.programme_end',
      'g.language',
      'g.programme_id',
      'pr.code as programme_code',
      'pr.name as programme_name',
      'pr.contact_hours',
      'v.address as venue_address',
    ])
    .where('g.id', '=', groupId)
    .where('g.institution_id', '=', institutionId)
    .executeTakeFirst();
}

// ---- Who is e-mailed -------------------------------------------------------------------------------

/** N17 (INV-20): the user who (re)submitted the invoice, while active, and the institution's administrators. */
export async function invoiceProviderRecipients(db: DbOrTx, institutionId: string, submitterId: string) {
  return db
    .selectFrom('institution_users')
    .select(['id', 'first_name', 'last_name', 'email'])
    .where('institution_id', '=', institutionId)
    .where('status', '=', 'ACTIVE')
    .where((eb) => eb.or([eb('id', '=', submitterId), sql<boolean>`'ADMINISTRATORIUS' = any(rights)`]))
    .orderBy('last_name')
    .execute();
}

/** The funder's active invoice evaluators (SF_VERTINTOJAS): the deadline's reminder and escalation. */
export async function activeInvoiceEvaluators(db: DbOrTx) {
  return db
    .selectFrom('staff_members')
    .select(['id', 'first_name', 'last_name', 'email'])
    .where('role', '=', 'SF_VERTINTOJAS')
    .where('active', '=', true)
    .orderBy('last_name')
    .execute();
}

export { ACTIVE_STATUSES };
