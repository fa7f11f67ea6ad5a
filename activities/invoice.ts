// Activities of the Invoice workflow (L8; INV-4, INV-12..INV-21): each change of the invoice is
// written as the next version of its row, with the participants it holds, its audit row and the
// e-mails it causes (N17 to the provider on every evaluator-driven change, INV-20), in one
// transaction, delivered afterwards by deliverEmail. The first submission's transaction is where
// INV-13 holds: the unique partial index invoice_participants_active refuses a participant already on
// another active invoice, also when two users submit at once; the refusal names her and nothing is
// stored. Every activity is safe to retry: a second run finds its version written and returns the
// e-mails the first one queued. The payment order (I8 → I9) is activities/payments.ts.
import { ApplicationFailure } from '@temporalio/activity';
import type { Db, DbOrTx } from '../db/client.ts';
import { diffFields, writeAudit, type AuditEntry } from '../db/queries/audit.ts';
import { findActiveStaffMember } from '../db/queries/document-review.ts';
import { FilePurpose } from '../db/queries/files.ts';
import {
  activeInvoiceEvaluators,
  applyInvoiceProjection,
  contractsEvidence,
  contractsOnOtherActiveInvoices,
  findInvoice,
  invoiceEmailIds,
  invoiceEmailIdsOfCurrentVersion,
  invoiceProviderRecipients,
  lockInvoice,
  type InvoiceProjection,
  type InvoiceRow,
} from '../db/queries/invoices.ts';
import { queueEmail } from '../db/queries/outbox.ts';
import { allows, Application, type Role } from '../workflows/domain/access.ts';
import {
  alreadyInvoicedRefusal,
  awaitsEvaluation,
  evaluationOverdueEmail,
  evaluationReminderEmail,
  formatAmount,
  invoiceStatusChangedEmail,
  tickRefusal,
  type InvoiceStatus,
} from '../workflows/domain/invoice.ts';
import { ErrorCode } from '../workflows/errors.ts';
import type { Config } from '../worker/config.ts';

const ENTITY = 'invoice';
const UNIQUE_VIOLATION = '23505';
/** INV-13's index (migration 20261203T0800_invoices). */
const ACTIVE_PARTICIPANT_INDEX = 'invoice_participants_active';

export const InvoiceEmailKind = {
  /** N17 (INV-20). */
  StatusChanged: 'INVOICE_STATUS_CHANGED',
  EvaluationReminder: 'INVOICE_EVALUATION_REMINDER',
  EvaluationOverdue: 'INVOICE_EVALUATION_OVERDUE',
} as const;

/** The evaluators' notices of an invoice awaiting evaluation, by the column that records each once. */
const EVALUATOR_NOTICES = {
  reminded_at: { kind: InvoiceEmailKind.EvaluationReminder, action: 'INVOICE_EVALUATION_REMINDER', overdue: false },
  escalated_at: { kind: InvoiceEmailKind.EvaluationOverdue, action: 'INVOICE_EVALUATION_OVERDUE', overdue: true },
} as const;

/** The audit actions, one per transition (I1..I9). */
export const InvoiceAuditAction = {
  Submitted: 'INVOICE_SUBMITTED',
  Deleted: 'INVOICE_DELETED',
  TakenForEvaluation: 'INVOICE_TAKEN_FOR_EVALUATION',
  Returned: 'INVOICE_RETURNED',
  Resubmitted: 'INVOICE_RESUBMITTED',
  Rejected: 'INVOICE_REJECTED',
  TransferredForPayment: 'INVOICE_TRANSFERRED_FOR_PAYMENT',
  PaymentRegistered: 'INVOICE_PAYMENT_REGISTERED',
  Paid: 'INVOICE_PAID',
} as const;
export type InvoiceAuditAction = (typeof InvoiceAuditAction)[keyof typeof InvoiceAuditAction];

/** The row as the workflow sends it (instants as ISO 8601 strings, the amount in cents). */
export interface InvoiceSnapshot {
  id: string;
  institutionId: string;
  programmeId: string;
  groupId: string;
  status: InvoiceStatus;
  number: string;
  invoiceDate: string;
  amountCents: number;
  fileId: string;
  submittedByUserId: string;
  submittedByName: string;
  firstSubmittedAt: string;
  submittedAt: string;
  evaluationDueAt: string | null;
  reminderDueAt: string | null;
  remindedAt: string | null;
  escalatedAt: string | null;
  evaluatorId: string | null;
  evaluatorName: string | null;
  takenAt: string | null;
  decidedAt: string | null;
  evaluatorComment: string | null;
  rejectionReason: string | null;
  deletedAt: string | null;
  deletedByUserId: string | null;
  transferredAt: string | null;
  paymentOrderId: string | null;
  paidAt: string | null;
  version: number;
}

export type InvoiceActor =
  | { kind: 'user'; userId: string; personalCodeHash: string }
  | { kind: 'evaluator'; evaluatorId: string; personKey: string }
  | { kind: 'system' };

/** What the invoice's participants become: these contracts (I1, I5), freed (I2, I6, I7), or unchanged. */
export type ParticipantChange = string[] | 'release' | 'keep';

export type ProjectionResult = { ok: true; outboxIds: string[] } | { ok: false; refusal: string };

const date = (iso: string | null) => (iso === null ? null : new Date(iso));

function rowOf(s: InvoiceSnapshot): InvoiceProjection {
  return {
    id: s.id,
    institution_id: s.institutionId,
    programme_id: s.programmeId,
    group_id: s.groupId,
    status: s.status,
    number: s.number,
    invoice_date: s.invoiceDate,
    amount: (s.amountCents / 100).toFixed(2),
    file_id: s.fileId,
    submitted_by_user_id: s.submittedByUserId,
    submitted_by_name: s.submittedByName,
    first_submitted_at: new Date(s.firstSubmittedAt),
    submitted_at: new Date(s.submittedAt),
    evaluation_due_at: date(s.evaluationDueAt),
    reminder_due_at: date(s.reminderDueAt),
    reminded_at: date(s.remindedAt),
    escalated_at: date(s.escalatedAt),
    evaluator_id: s.evaluatorId,
    evaluator_name: s.evaluatorName,
    taken_at: date(s.takenAt),
    decided_at: date(s.decidedAt),
    evaluator_comment: s.evaluatorComment,
    rejection_reason: s.rejectionReason,
    deleted_at: date(s.deletedAt),
    deleted_by_user_id: s.deletedByUserId,
    transferred_at: date(s.transferredAt),
    payment_order_id: s.paymentOrderId,
    paid_at: date(s.paidAt),
    version: s.version,
  };
}

/** The audited fields: what a reader of the trail needs. */
function audited(r: Omit<InvoiceRow, 'created_at' | 'updated_at'>): Record<string, unknown> {
  return {
    status: r.status,
    number: r.number,
    invoice_date: r.invoice_date,
    amount: formatAmount(Math.round(Number(r.amount) * 100)),
    file_id: r.file_id,
    submitted_by_user_id: r.submitted_by_user_id,
    evaluation_due_at: r.evaluation_due_at?.toISOString() ?? null,
    evaluator_id: r.evaluator_id,
    evaluator_comment: r.evaluator_comment,
    rejection_reason: r.rejection_reason,
    payment_order_id: r.payment_order_id,
    paid_at: r.paid_at?.toISOString() ?? null,
  };
}

function wrongPerson(message: string): never {
  throw ApplicationFailure.nonRetryable(message, ErrorCode.WrongPerson);
}

class Refusal extends Error {}

export function createInvoiceActivities({ db, config }: { db: Db; config: Config }) {
  const providerLink = (groupId: string) => `${config.web.publicUrl}/saskaitos-fakturos/grupe/${groupId}`;
  const evaluatorLink = (invoiceId: string) => `${config.web.publicUrl}/saskaitu-vertinimas/saskaitos/${invoiceId}`;

  async function auditActorOf(trx: DbOrTx, actor: InvoiceActor, institutionId: string): Promise<AuditEntry['actor']> {
    if (actor.kind === 'system') return { kind: 'system' };
    if (actor.kind === 'evaluator') {
      const evaluator = await findActiveStaffMember(trx, { id: actor.evaluatorId, role: 'SF_VERTINTOJAS' });
      if (!evaluator) wrongPerson('Prisijungęs asmuo nėra aktyvus sąskaitų faktūrų vertintojas.');
      return { kind: 'person', personalCodeHash: evaluator.person_key };
    }
    const user = await trx
      .selectFrom('institution_users')
      .select(['id', 'rights'])
      .where('id', '=', actor.userId)
      .where('institution_id', '=', institutionId)
      .where('status', '=', 'ACTIVE')
      .executeTakeFirst();
    // INV-21: only users with access to "Sąskaitos faktūros" submit or delete.
    if (!user || !allows(Application.Invoices, user.rights as Role[], 'full'))
      wrongPerson('Sąskaitas faktūras teikti ir trinti gali tik naudotojai, turintys prieigą prie aplikacijos „Sąskaitos faktūros“.');
    return { kind: 'user', userId: actor.userId, personalCodeHash: actor.personalCodeHash };
  }

  /** INV-4, INV-11, INV-14: the (re)submitted file and participants, checked in the transaction. */
  async function checkSubmission(trx: DbOrTx, s: InvoiceSnapshot, contractIds: readonly string[]) {
    const file = await trx
      .selectFrom('stored_files')
      .select(['id', 'content_type'])
      .where('id', '=', s.fileId)
      .where('institution_id', '=', s.institutionId)
      .where('purpose', '=', FilePurpose.Invoice)
      .executeTakeFirst();
    if (!file || file.content_type !== 'application/pdf')
      throw new Refusal('Sąskaitos faktūros dokumentas nerastas: įkelkite PDF failą iš naujo.');
    const evidence = await contractsEvidence(trx, s.institutionId, s.groupId, contractIds);
    if (evidence.length !== contractIds.length) throw new Refusal('Pažymėtas dalyvis nerastas šioje mokymo grupėje.');
    const refusals = evidence.map((p) => tickRefusal(p, s.id)).filter((r): r is string => r !== null);
    if (refusals.length > 0) throw new Refusal(`Sąskaita faktūra nepateikta. ${refusals.join(' ')}`);
  }

  /** N17 (INV-20) to the provider: the (re)submitter and the administrators. */
  async function queueStatusChanged(trx: DbOrTx, row: InvoiceProjection): Promise<string[]> {
    const item = await findInvoice(trx, row.id);
    if (!item) return [];
    const note = row.status === 'Grąžinta papildymui' ? row.evaluator_comment : row.status === 'Atmesta' ? row.rejection_reason : null;
    const ids: string[] = [];
    for (const u of await invoiceProviderRecipients(trx, row.institution_id, row.submitted_by_user_id)) {
      const t = invoiceStatusChangedEmail({
        firstName: u.first_name,
        institutionName: item.institutionName,
        groupName: item.groupName,
        programme: `${item.programmeCode} ${item.programmeName}`,
        invoiceNumber: row.number,
        link: providerLink(row.group_id),
        status: row.status,
        note,
      });
      ids.push(
        await queueEmail(trx, {
          to: { address: u.email, name: `${u.first_name} ${u.last_name}` },
          subject: t.subject,
          text: t.text,
          kind: InvoiceEmailKind.StatusChanged,
          entityType: ENTITY,
          entityId: row.id,
          institutionId: row.institution_id,
        }),
      );
    }
    return ids;
  }

  async function toEvaluators(trx: DbOrTx, invoice: InvoiceRow, kind: string, overdue: boolean): Promise<string[]> {
    const item = await findInvoice(trx, invoice.id);
    if (!item || !invoice.evaluation_due_at) return [];
    const facts = {
      institutionName: item.institutionName,
      groupName: item.groupName,
      invoiceNumber: invoice.number,
      dueAt: invoice.evaluation_due_at,
      link: evaluatorLink(invoice.id),
    };
    const t = overdue ? evaluationOverdueEmail(facts) : evaluationReminderEmail(facts);
    const ids: string[] = [];
    for (const e of await activeInvoiceEvaluators(trx)) {
      ids.push(
        await queueEmail(trx, {
          to: { address: e.email, name: `${e.first_name} ${e.last_name}` },
          subject: t.subject,
          text: t.text,
          kind,
          entityType: ENTITY,
          entityId: invoice.id,
          institutionId: invoice.institution_id,
        }),
      );
    }
    return ids;
  }

  /**
   * The reminder (reminded_at) or the escalation (escalated_at) of an invoice awaiting evaluation:
   * stamped with its audit row and the evaluators' e-mails, once; a retry returns the e-mails queued.
   */
  function toEvaluatorsOnce(a: { invoiceId: string; at: string }, column: keyof typeof EVALUATOR_NOTICES): Promise<string[]> {
    const { kind, action, overdue } = EVALUATOR_NOTICES[column];
    return db.transaction().execute(async (trx) => {
      const invoice = await lockInvoice(trx, a.invoiceId);
      if (!invoice) throw ApplicationFailure.nonRetryable(`Sąskaita faktūra ${a.invoiceId} nerasta.`, ErrorCode.NotFound);
      if (!awaitsEvaluation(invoice.status)) return [];
      if (invoice[column]) return invoiceEmailIds(trx, invoice.id, kind);
      await trx
        .updateTable('invoices')
        .set({ [column]: new Date(a.at) })
        .where('id', '=', invoice.id)
        .execute();
      await writeAudit(trx, {
        actor: { kind: 'system' },
        institutionId: invoice.institution_id,
        entityType: ENTITY,
        entityId: invoice.id,
        action,
        changes: { [column]: { before: null, after: a.at } },
        requestId: null,
      });
      return toEvaluators(trx, invoice, kind, overdue);
    });
  }

  return {
    /**
     * I1..I9: writes the invoice's next version with its participants and audit row; `notify` (the
     * evaluator's changes and I9) also queues N17. A (re)submission whose participants or file fail
     * the checks, or that INV-13's index refuses, stores nothing and returns the refusal.
     */
    async projectInvoice(a: {
      snapshot: InvoiceSnapshot;
      participants: ParticipantChange;
      action: InvoiceAuditAction;
      actor: InvoiceActor;
      requestId: string | null;
      notify: boolean;
    }): Promise<ProjectionResult> {
      try {
        return await db.transaction().execute(async (trx): Promise<ProjectionResult> => {
          const auditActor = await auditActorOf(trx, a.actor, a.snapshot.institutionId);
          const row = rowOf(a.snapshot);
          const existing = await lockInvoice(trx, row.id);
          if (existing && existing.version >= row.version) {
            // A retry after the commit: the e-mails are there already.
            return {
              ok: true,
              outboxIds: a.notify ? await invoiceEmailIdsOfCurrentVersion(trx, row.id, InvoiceEmailKind.StatusChanged) : [],
            };
          }
          if (Array.isArray(a.participants)) await checkSubmission(trx, a.snapshot, a.participants);
          const before = await applyInvoiceProjection(trx, row, a.participants);
          if (before === 'stale') return { ok: true, outboxIds: [] };
          await writeAudit(trx, {
            actor: auditActor,
            institutionId: row.institution_id,
            entityType: ENTITY,
            entityId: row.id,
            action: a.action,
            changes: diffFields(before ? audited(before) : null, {
              ...audited(row),
              ...(Array.isArray(a.participants) ? { participants: [...a.participants].sort().join(', ') } : {}),
            }),
            requestId: a.requestId,
          });
          return { ok: true, outboxIds: a.notify ? await queueStatusChanged(trx, row) : [] };
        });
      } catch (err) {
        if (err instanceof Refusal) return { ok: false, refusal: err.message };
        // postgres.js names the index in constraint_name (node-postgres in constraint).
        const e = err as { code?: string; constraint_name?: string; constraint?: string };
        const index = e.constraint_name ?? e.constraint;
        if (e.code === UNIQUE_VIOLATION && index === ACTIVE_PARTICIPANT_INDEX && Array.isArray(a.participants)) {
          // INV-13: another invoice took a participant first (committed meanwhile): name her.
          const taken = await contractsOnOtherActiveInvoices(db, a.snapshot.id, a.participants);
          const first = taken[0];
          return {
            ok: false,
            refusal: first ? alreadyInvoicedRefusal(first.name, first.invoiceNumber) : alreadyInvoicedRefusal('Dalyvis', null),
          };
        }
        throw err;
      }
    },

    /** The evaluators' reminder 2 working days before the deadline; nothing once decided or already reminded. */
    queueInvoiceEvaluationReminder(a: { invoiceId: string; at: string }): Promise<string[]> {
      return toEvaluatorsOnce(a, 'reminded_at');
    },

    /** The escalation when the deadline passed without a decision: the evaluators are told, once per (re)submission. */
    escalateInvoiceEvaluation(a: { invoiceId: string; at: string }): Promise<string[]> {
      return toEvaluatorsOnce(a, 'escalated_at');
    },
  };
}

export type InvoiceActivities = ReturnType<typeof createInvoiceActivities>;
