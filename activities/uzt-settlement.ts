// Activities of the UztSettlement workflow (§3.13; UZTDOC-7, UZT-6): the submission's row, its
// delivery to UŽT (each attempt counted and its error kept for the window; UŽT's receipt when it
// takes the document), and the monthly reminder to the provider.
import type { Db } from '../db/client.ts';
import {
  countDeliveryAttempt,
  insertSubmission,
  queueSettlementReminder,
  recordDelivered,
  recordDeliveryError,
  submissionForDelivery,
} from '../db/queries/uzt-settlement.ts';
import { monthBounds, settlementReminderEmail } from '../workflows/domain/uzt-settlement.ts';
import type { SubmitSettlementDocumentCommand } from '../workflows/uzt-settlement/messages.ts';
import type { UztClient } from './registries/uzt.ts';

/** Postgres refused a reference (an unknown type, a file of another institution): the submission is not recorded. */
function isForeignKeyViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23503';
}

export function createUztSettlementActivities({ db, uzt }: { db: Db; uzt: UztClient }) {
  return {
    /** S1: the submission's row ("Siunčiama Užimtumo tarnybai") with its audit row; idempotent by its id. */
    async recordSettlementSubmission(a: SubmitSettlementDocumentCommand & { registrationId: string }): Promise<{ ok: boolean }> {
      try {
        const ok = await insertSubmission(db, {
          id: a.submissionId,
          registrationId: a.registrationId,
          institutionId: a.institutionId,
          documentType: a.documentType,
          periodFrom: a.periodFrom,
          periodTo: a.periodTo,
          fileId: a.fileId,
          userId: a.userId,
          userName: a.userName,
          personalCodeHash: a.personalCodeHash,
          requestId: a.requestId,
        });
        return { ok };
      } catch (err) {
        if (isForeignKeyViolation(err)) return { ok: false };
        throw err;
      }
    },

    /**
     * UZTDOC-7: sends the document, its type and period to UŽT (idempotent by the submission's id);
     * any failure is recorded on the row and thrown, so Temporal tries again.
     */
    async deliverSettlementDocument(a: { submissionId: string }): Promise<{ receipt: string }> {
      const doc = await submissionForDelivery(db, a.submissionId);
      if (!doc) throw new Error(`settlement document ${a.submissionId} not found`);
      await countDeliveryAttempt(db, a.submissionId);
      try {
        const received = await uzt.submitSettlementDocument(
          {
            couponNumber: doc.coupon_number,
            institutionCode: doc.institution_code,
            documentType: doc.document_type,
            documentTypeName: doc.type_name,
            periodFrom: doc.period_from,
            periodTo: doc.period_to,
            fileName: doc.original_name,
            sha256: doc.sha256,
            contentBase64: Buffer.from(doc.content).toString('base64'),
          },
          `settlement:${a.submissionId}`,
        );
        if (!received) throw new Error('Užimtumo tarnyba nerado kupono');
        await recordDelivered(db, { id: a.submissionId, receipt: received.receipt });
        return { receipt: received.receipt };
      } catch (err) {
        await recordDeliveryError(db, a.submissionId, err instanceof Error ? err.message : String(err));
        throw err;
      }
    },

    /** S2 (UZT-6): the provider's reminder about a month without a document, once; the outbox ids to deliver. */
    async queueSettlementReminder(a: { registrationId: string; institutionId: string; month: string }): Promise<string[]> {
      const { first, last } = monthBounds(`${a.month}-01`);
      return queueSettlementReminder(db, { ...a, monthFirst: first, monthLast: last }, (f) =>
        settlementReminderEmail({ ...f, month: a.month }),
      );
    },
  };
}

export type UztSettlementActivities = ReturnType<typeof createUztSettlementActivities>;
