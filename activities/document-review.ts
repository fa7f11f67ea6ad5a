// Activities of the DocumentReview workflow (L3): the deadline, the reviewers' reminder and
// escalation, and the decision — each change in one transaction with its audit row and the
// e-mails it causes (delivered afterwards by deliverEmail). Every one is safe to retry: a second
// run finds the change done and returns the e-mails the first one queued.
import { ApplicationFailure } from '@temporalio/activity';
import type { Db, DbOrTx } from '../db/client.ts';
import { writeAudit } from '../db/queries/audit.ts';
import {
  activeReviewers,
  documentsAwaitingReviewStart,
  findActiveStaffMember,
  markReviewStarted,
  lockDocument,
  markEscalated,
  queuedEmailIds,
  recordDecision,
  setReviewDue,
} from '../db/queries/document-review.ts';
import { queueEmail } from '../db/queries/outbox.ts';
import { asksForNewDocument, reviewStatusLabel } from '../workflows/domain/document-review.ts';
import { DOCUMENT_KIND_LABELS } from '../workflows/domain/eligibility.ts';
import { ErrorCode } from '../workflows/errors.ts';
import type { Config } from '../worker/config.ts';
import {
  documentReviewedEmail,
  documentReviewOverdueEmail,
  documentReviewReminderEmail,
  type EmailText,
} from '../workflows/domain/emails.ts';

const ENTITY = 'participant_document';
const DocumentEmailKind = {
  Decided: 'DOCUMENT_REVIEWED',
  Reminder: 'DOCUMENT_REVIEW_REMINDER',
  Overdue: 'DOCUMENT_REVIEW_OVERDUE',
} as const;

function notFound(documentId: string): never {
  throw ApplicationFailure.nonRetryable(`Dokumentas ${documentId} nerastas.`, ErrorCode.NotFound);
}

export function createDocumentReviewActivities({ db, config }: { db: Db; config: Config }) {
  const reviewLink = (documentId: string) => `${config.web.publicUrl}/vertinimas/dokumentai/${documentId}`;
  const portalLink = `${config.web.publicUrl}/kursuok`;

  /** Queues one e-mail per active reviewer about a document still awaiting review. */
  async function toReviewers(
    trx: DbOrTx,
    doc: NonNullable<Awaited<ReturnType<typeof lockDocument>>>,
    kind: string,
    text: (firstName: string) => EmailText,
  ): Promise<string[]> {
    const ids: string[] = [];
    for (const reviewer of await activeReviewers(trx)) {
      const t = text(reviewer.first_name);
      ids.push(
        await queueEmail(trx, {
          to: { address: reviewer.email, name: `${reviewer.first_name} ${reviewer.last_name}` },
          subject: t.subject,
          text: t.text,
          kind,
          entityType: ENTITY,
          entityId: doc.id,
        }),
      );
    }
    return ids;
  }

  return {
    /** The review relay's sweep: documents uploaded more than `olderThanMs` ago whose review is not known to run. */
    async listDocumentsAwaitingReviewStart(a: { olderThanMs: number; limit: number; participantId?: string }) {
      return documentsAwaitingReviewStart(db, {
        olderThan: new Date(Date.now() - a.olderThanMs),
        limit: a.limit,
        ...(a.participantId ? { participantId: a.participantId } : {}),
      });
    },

    /** Records that the document's review runs (the relay started it, or found it running). */
    async markDocumentReviewStarted(documentId: string): Promise<void> {
      await markReviewStarted(db, documentId);
    },

    /** D1: the pending row carries the deadline the workflow keeps. */
    async projectDocumentPending(a: { documentId: string; dueAt: string }): Promise<void> {
      const doc = await lockDocument(db, a.documentId);
      if (!doc) notFound(a.documentId);
      await setReviewDue(db, a.documentId, new Date(a.dueAt));
    },

    /** The reviewers' reminder before the deadline; nothing when decided meanwhile. */
    async queueDocumentReviewReminder(a: { documentId: string }): Promise<string[]> {
      return db.transaction().execute(async (trx) => {
        const doc = await lockDocument(trx, a.documentId);
        if (!doc) notFound(a.documentId);
        const earlier = await queuedEmailIds(trx, a.documentId, DocumentEmailKind.Reminder);
        if (doc.status !== 'LAUKIA' || earlier.length > 0) return [];
        const facts = {
          kindLabel: DOCUMENT_KIND_LABELS[doc.kind],
          uploadedAt: doc.uploaded_at.getTime(),
          participantName: `${doc.first_name} ${doc.last_name}`,
        };
        return toReviewers(trx, doc, DocumentEmailKind.Reminder, (firstName) =>
          documentReviewReminderEmail({ ...facts, firstName, dueAt: doc.review_due_at.getTime(), link: reviewLink(doc.id) }),
        );
      });
    },

    /** The deadline passed without a decision: escalated_at, an audit row, the reviewers e-mailed. */
    async escalateDocumentReview(a: { documentId: string; at: string }): Promise<string[]> {
      return db.transaction().execute(async (trx) => {
        const doc = await lockDocument(trx, a.documentId);
        if (!doc) notFound(a.documentId);
        if (!(await markEscalated(trx, a.documentId, new Date(a.at)))) return [];
        await writeAudit(trx, {
          actor: { kind: 'system' },
          institutionId: null,
          entityType: ENTITY,
          entityId: doc.id,
          action: 'DOCUMENT_REVIEW_OVERDUE',
          changes: { escalated_at: { before: null, after: a.at } },
          requestId: null,
        });
        const facts = {
          kindLabel: DOCUMENT_KIND_LABELS[doc.kind],
          uploadedAt: doc.uploaded_at.getTime(),
          participantName: `${doc.first_name} ${doc.last_name}`,
        };
        return toReviewers(trx, doc, DocumentEmailKind.Overdue, (firstName) =>
          documentReviewOverdueEmail({ ...facts, firstName, dueAt: doc.review_due_at.getTime(), link: reviewLink(doc.id) }),
        );
      });
    },

    /**
     * D2..D5: records the reviewer's decision with its audit row and queues the participant's
     * e-mail (N9, DOC-18). Returns the outbox id (null when the participant has no e-mail address).
     */
    async recordDocumentDecision(a: {
      documentId: string;
      reviewerId: string;
      status: string;
      note: string | null;
      decidedAt: string;
      requestId: string | null;
    }): Promise<{ outboxId: string | null }> {
      return db.transaction().execute(async (trx) => {
        const reviewer = await findActiveStaffMember(trx, { id: a.reviewerId, role: 'VERTINTOJAS' });
        if (!reviewer)
          throw ApplicationFailure.nonRetryable('Prisijungęs asmuo nėra aktyvus dokumentų vertintojas.', ErrorCode.WrongPerson);
        const doc = await lockDocument(trx, a.documentId);
        if (!doc) notFound(a.documentId);
        if (!(await recordDecision(trx, { ...a, decidedAt: new Date(a.decidedAt) }))) {
          // A retry after the commit: the same decision is there, and so is its e-mail.
          if (doc.status === a.status && doc.reviewer_id === a.reviewerId) {
            const [outboxId] = await queuedEmailIds(trx, a.documentId, DocumentEmailKind.Decided);
            return { outboxId: outboxId ?? null };
          }
          throw ApplicationFailure.nonRetryable('Dokumentas jau įvertintas.', ErrorCode.TransitionNotAllowed);
        }
        await writeAudit(trx, {
          actor: { kind: 'person', personalCodeHash: reviewer.person_key },
          institutionId: null,
          entityType: ENTITY,
          entityId: doc.id,
          action: 'DOCUMENT_REVIEWED',
          changes: {
            status: { before: doc.status, after: a.status },
            reviewer_id: { before: null, after: a.reviewerId },
            ...(a.note ? { reviewer_note: { before: null, after: a.note } } : {}),
          },
          requestId: a.requestId,
        });
        if (!doc.email) return { outboxId: null };
        const text = documentReviewedEmail({
          firstName: doc.first_name,
          kindLabel: DOCUMENT_KIND_LABELS[doc.kind],
          uploadedAt: doc.uploaded_at.getTime(),
          statusLabel: reviewStatusLabel(a.status),
          newDocumentNeeded: asksForNewDocument(a.status),
          note: a.note,
          portalLink,
        });
        const outboxId = await queueEmail(trx, {
          to: { address: doc.email, name: `${doc.first_name} ${doc.last_name}` },
          subject: text.subject,
          text: text.text,
          kind: DocumentEmailKind.Decided,
          entityType: ENTITY,
          entityId: doc.id,
        });
        return { outboxId };
      });
    },
  };
}

export type DocumentReviewActivities = ReturnType<typeof createDocumentReviewActivities>;
