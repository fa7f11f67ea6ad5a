// The funder's invoice evaluator's reads (issue 14; INV-17, L8): the queue of invoices awaiting a
// decision, earliest deadline first, the invoices passed for payment, and the files the evaluator
// opens — the invoice's PDF and the signed learning contract of a participant the invoice holds.
// Evaluators are the funder's staff: they see every institution's invoices, never a draft (there are
// none: an invoice row exists from "Pateikta" on). Reads only.
import { sql } from 'kysely';
import { InvoiceStatus } from '../../workflows/domain/invoice.ts';
import type { DbOrTx } from '../client.ts';

export interface EvaluationQueueItem {
  id: string;
  number: string;
  status: InvoiceStatus;
  /** numeric(12, 2) as text. */
  amount: string;
  institutionName: string;
  groupName: string;
  programmeName: string;
  submittedAt: Date;
  /** The evaluation deadline (10 working days from the latest submission). */
  dueAt: Date | null;
  evaluatorName: string | null;
  participants: number;
}

function listQuery(db: DbOrTx) {
  return db
    .selectFrom('invoices as i')
    .innerJoin('institutions as ins', 'ins.id', 'i.institution_id')
    .innerJoin('training_groups as g', 'g.id', 'i.group_id')
    .innerJoin('programmes as pr', 'pr.id', 'i.programme_id');
}

const LIST_COLUMNS = [
  'i.id',
  'i.number',
  'i.status',
  'i.amount',
  'i.submitted_at',
  'i.evaluation_due_at',
  'i.evaluator_name',
  'i.transferred_at',
  'i.payment_order_id',
  'ins.name as institution_name',
  'g.name as group_name',
  'pr.name as programme_name',
] as const;

const participantCount = sql<number>`(select count(*)::int from invoice_participants ip where ip.invoice_id = i.id and ip.active)`;

/** INV-17: "Pateikta" and "Vertinama" invoices, the earliest deadline first (then the oldest submission). */
export async function evaluationQueue(db: DbOrTx, slice: { limit: number; offset: number }) {
  const awaiting = [InvoiceStatus.Submitted, InvoiceStatus.UnderEvaluation];
  const [{ total }] = (await db
    .selectFrom('invoices')
    .select(sql<number>`count(*)::int`.as('total'))
    .where('status', 'in', awaiting)
    .execute()) as [{ total: number }];
  const rows = await listQuery(db)
    .select([...LIST_COLUMNS, participantCount.as('participants')])
    .where('i.status', 'in', awaiting)
    .orderBy(sql`i.evaluation_due_at asc nulls last`)
    .orderBy('i.submitted_at')
    .orderBy('i.id')
    .limit(slice.limit)
    .offset(slice.offset)
    .execute();
  return {
    total,
    rows: rows.map((r): EvaluationQueueItem => ({
      id: r.id,
      number: r.number,
      status: r.status,
      amount: r.amount,
      institutionName: r.institution_name,
      groupName: r.group_name,
      programmeName: r.programme_name,
      submittedAt: r.submitted_at,
      dueAt: r.evaluation_due_at,
      evaluatorName: r.evaluator_name,
      participants: r.participants,
    })),
  };
}

export interface AwaitingPaymentItem {
  id: string;
  number: string;
  amount: string;
  institutionName: string;
  groupName: string;
  transferredAt: Date | null;
  paymentOrderId: string | null;
}

/** I8 → I9: invoices "Perduota apmokėti", the oldest transfer first (at most `limit`). */
export async function awaitingPayment(db: DbOrTx, limit = 100): Promise<AwaitingPaymentItem[]> {
  const rows = await listQuery(db)
    .select(LIST_COLUMNS)
    .where('i.status', '=', InvoiceStatus.ForwardedForPayment)
    .orderBy('i.transferred_at')
    .orderBy('i.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    amount: r.amount,
    institutionName: r.institution_name,
    groupName: r.group_name,
    transferredAt: r.transferred_at,
    paymentOrderId: r.payment_order_id,
  }));
}

/** The invoice's PDF (INV-11) with its metadata, for any institution's invoice. */
export async function invoiceFileForEvaluator(db: DbOrTx, invoiceId: string) {
  return db
    .selectFrom('invoices as i')
    .innerJoin('stored_files as f', (j) => j.onRef('f.id', '=', 'i.file_id').onRef('f.institution_id', '=', 'i.institution_id'))
    .select(['i.number', 'f.content', 'f.content_type', 'f.size', 'f.original_name', 'f.download_name'])
    .where('i.id', '=', invoiceId)
    .executeTakeFirst();
}

/** The signed learning contract of a participant the invoice holds (or held); nothing for another contract. */
export async function contractFileForEvaluator(db: DbOrTx, invoiceId: string, contractId: string) {
  return db
    .selectFrom('invoice_participants as ip')
    .innerJoin('learning_contracts as c', 'c.id', 'ip.contract_id')
    .innerJoin('stored_files as f', (j) => j.onRef('f.id', '=', 'c.document_file_id').onRef('f.institution_id', '=', 'c.institution_id'))
    .select(['c.number', 'f.content', 'f.content_type', 'f.size', 'f.download_name'])
    .where('ip.invoice_id', '=', invoiceId)
    .where('ip.contract_id', '=', contractId)
    .executeTakeFirst();
}

/** The group's price per participant (numeric as text), for the evaluator's reconciliation. */
export async function invoiceGroupPrice(db: DbOrTx, invoiceId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('invoices as i')
    .innerJoin('training_groups as g', 'g.id', 'i.group_id')
    .select('g.price')
    .where('i.id', '=', invoiceId)
    .executeTakeFirst();
  return row?.price;
}
