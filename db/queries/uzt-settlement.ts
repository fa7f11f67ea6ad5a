// Settlement documents to the Employment Service (§3.13; UZTDOC-1..UZTDOC-10): the application's
// reads (clients with an approved coupon, one client's terms and submissions, the document types),
// and the rows the UztSettlement workflow's activities write (a submission, its delivery attempts,
// the monthly reminder). Every read is scoped to one institution (GEN-5); every write is conditional
// on the state it leaves, so a retried activity changes nothing twice. No rules, no e-mail text.
import { sql } from 'kysely';
import { SETTLEMENT_LABELS, type CouponSectionII, type SettlementFrequency } from '../../workflows/domain/uzt-coupon.ts';
import type { DeliveryStatus, SettlementTerms } from '../../workflows/domain/uzt-settlement.ts';
import type { Db, DbOrTx } from '../client.ts';
import { writeAudit } from './audit.ts';
import { queueEmail } from './outbox.ts';

export interface SettlementDocumentType {
  code: string;
  name: string;
}

/** UZTDOC-4, UZTDOC-8: the active types, in the operator's order. */
export async function activeDocumentTypes(db: DbOrTx): Promise<SettlementDocumentType[]> {
  return db
    .selectFrom('uzt_settlement_document_types')
    .select(['code', 'name'])
    .where('active', '=', true)
    .orderBy('position')
    .orderBy('name')
    .execute();
}

export interface SettlementClient {
  registrationId: string;
  participant: string;
  groupId: string;
  groupName: string;
  programme: string;
  couponNumber: string;
  frequency: SettlementFrequency | null;
  frequencyLabel: string;
  measureStart: string | null;
  measureEnd: string | null;
  submissions: number;
  lastSubmittedAt: Date | null;
}

function clientQuery(db: DbOrTx, institutionId: string) {
  return (
    db
      .selectFrom('uzt_coupons as c')
      .innerJoin('group_registrations as r', 'r.id', 'c.registration_id')
      .innerJoin('training_groups as g', 'g.id', 'r.group_id')
      .innerJoin('programmes as p', 'p.id', 'g.programme_id')
      .select([
        'c.registration_id',
        sql<string>`r.first_name || ' ' || r.last_name`.as('participant'),
        'r.last_name',
        'g.id as group_id',
        'g.name as group_name',
        sql<string>`p.code || ' ' || p.name`.as('programme'),
        sql<string>`c.section1 ->> 'couponNumber'`.as('coupon_number'),
        'c.settlement_frequency',
        'c.section2',
        (eb) =>
          eb
            .selectFrom('uzt_settlement_documents as d')
            .select(sql<number>`count(*)::int`.as('n'))
            .whereRef('d.registration_id', '=', 'c.registration_id')
            .as('submissions'),
        (eb) =>
          eb
            .selectFrom('uzt_settlement_documents as d')
            .select(sql<Date>`max(d.submitted_at)`.as('at'))
            .whereRef('d.registration_id', '=', 'c.registration_id')
            .as('last_submitted_at'),
      ])
      .where('c.institution_id', '=', institutionId)
      .where('r.institution_id', '=', institutionId)
      // UZTDOC-10: only clients whose coupon UŽT approved.
      .where('c.status', '=', 'PATVIRTINTAS')
  );
}

function toClient(r: Awaited<ReturnType<ReturnType<typeof clientQuery>['executeTakeFirstOrThrow']>>): SettlementClient {
  const section2 = r.section2 as Partial<CouponSectionII> | null;
  return {
    registrationId: r.registration_id,
    participant: r.participant,
    groupId: r.group_id,
    groupName: r.group_name,
    programme: r.programme,
    couponNumber: r.coupon_number,
    frequency: r.settlement_frequency,
    frequencyLabel: r.settlement_frequency ? SETTLEMENT_LABELS[r.settlement_frequency] : '–',
    measureStart: section2?.startDate ?? null,
    measureEnd: section2?.endDate ?? null,
    submissions: Number(r.submissions ?? 0),
    lastSubmittedAt: r.last_submitted_at ?? null,
  };
}

/** UZTDOC-1, UZTDOC-10: the institution's Employment Service clients whose coupon UŽT approved. */
export async function listSettlementClients(db: DbOrTx, institutionId: string, limit = 500): Promise<SettlementClient[]> {
  const rows = await clientQuery(db, institutionId).orderBy('r.last_name').orderBy('r.first_name').limit(limit).execute();
  return rows.map(toClient);
}

/** One client of the institution (undefined for another institution's or a coupon not approved: 404). */
export async function findSettlementClient(
  db: DbOrTx,
  institutionId: string,
  registrationId: string,
): Promise<SettlementClient | undefined> {
  const row = await clientQuery(db, institutionId).where('c.registration_id', '=', registrationId).executeTakeFirst();
  return row ? toClient(row) : undefined;
}

/** The terms the period is checked against (UZT-6, Section II's dates); null when they are incomplete. */
export function termsOf(client: SettlementClient): SettlementTerms | null {
  if (!client.frequency || !client.measureStart || !client.measureEnd) return null;
  return { frequency: client.frequency, measureStart: client.measureStart, measureEnd: client.measureEnd };
}

export interface SettlementSubmission {
  id: string;
  documentType: string;
  periodFrom: string;
  periodTo: string;
  fileId: string;
  fileName: string;
  submittedBy: string;
  submittedAt: Date;
  deliveryStatus: DeliveryStatus;
  attempts: number;
  deliveredAt: Date | null;
}

/** UZTDOC-7: the client's submissions, newest first. */
export async function listSubmissions(db: DbOrTx, institutionId: string, registrationId: string): Promise<SettlementSubmission[]> {
  const rows = await db
    .selectFrom('uzt_settlement_documents as d')
    .innerJoin('uzt_settlement_document_types as t', 't.code', 'd.document_type')
    .innerJoin('stored_files as f', (j) => j.onRef('f.id', '=', 'd.file_id').onRef('f.institution_id', '=', 'd.institution_id'))
    .select([
      'd.id',
      't.name as type_name',
      'd.period_from',
      'd.period_to',
      'd.file_id',
      'f.original_name',
      'd.submitted_by_name',
      'd.submitted_at',
      'd.delivery_status',
      'd.attempts',
      'd.delivered_at',
    ])
    .where('d.institution_id', '=', institutionId)
    .where('d.registration_id', '=', registrationId)
    .orderBy('d.submitted_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    documentType: r.type_name,
    periodFrom: r.period_from,
    periodTo: r.period_to,
    fileId: r.file_id,
    fileName: r.original_name,
    submittedBy: r.submitted_by_name,
    submittedAt: r.submitted_at,
    deliveryStatus: r.delivery_status,
    attempts: r.attempts,
    deliveredAt: r.delivered_at,
  }));
}

/** Whether the form with this key was submitted already (a double submit stores nothing again). */
export async function submissionExists(db: DbOrTx, institutionId: string, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('uzt_settlement_documents')
    .select('id')
    .where('institution_id', '=', institutionId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row !== undefined;
}

export interface NewSubmission {
  id: string;
  registrationId: string;
  institutionId: string;
  documentType: string;
  periodFrom: string;
  periodTo: string;
  fileId: string;
  userId: string | null;
  userName: string;
  personalCodeHash: string | null;
  requestId: string | null;
}

/** The submission's row with its audit row; a retried write (same id) changes nothing. False when the type is unknown or inactive. */
export async function insertSubmission(db: Db, s: NewSubmission): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const type = await tx
      .selectFrom('uzt_settlement_document_types')
      .select('code')
      .where('code', '=', s.documentType)
      .where('active', '=', true)
      .executeTakeFirst();
    const seen = await tx.selectFrom('uzt_settlement_documents').select('id').where('id', '=', s.id).executeTakeFirst();
    if (seen) return true;
    if (!type) return false;
    await tx
      .insertInto('uzt_settlement_documents')
      .values({
        id: s.id,
        registration_id: s.registrationId,
        institution_id: s.institutionId,
        document_type: s.documentType,
        period_from: s.periodFrom,
        period_to: s.periodTo,
        file_id: s.fileId,
        submitted_by: s.userId,
        submitted_by_name: s.userName,
        delivery_status: 'SIUNCIAMA',
      })
      .execute();
    await writeAudit(tx, {
      actor: s.userId ? { kind: 'user', userId: s.userId, personalCodeHash: s.personalCodeHash } : { kind: 'system' },
      institutionId: s.institutionId,
      entityType: 'uzt_settlement_document',
      entityId: s.id,
      action: 'submitted',
      changes: {
        registrationId: { before: null, after: s.registrationId },
        documentType: { before: null, after: s.documentType },
        period: { before: null, after: `${s.periodFrom} – ${s.periodTo}` },
        fileId: { before: null, after: s.fileId },
      },
      requestId: s.requestId,
    });
    return true;
  });
}

/** What the delivery to UŽT sends: the coupon, the type, the period, the file. */
export async function submissionForDelivery(db: DbOrTx, id: string) {
  return db
    .selectFrom('uzt_settlement_documents as d')
    .innerJoin('uzt_coupons as c', 'c.registration_id', 'd.registration_id')
    .innerJoin('institutions as i', 'i.id', 'd.institution_id')
    .innerJoin('uzt_settlement_document_types as t', 't.code', 'd.document_type')
    .innerJoin('stored_files as f', (j) => j.onRef('f.id', '=', 'd.file_id').onRef('f.institution_id', '=', 'd.institution_id'))
    .select([
      'd.id',
      'd.delivery_status',
      'd.document_type',
      't.name as type_name',
      'd.period_from',
      'd.period_to',
      'd.registration_id',
      'd.institution_id',
      sql<string>`c.section1 ->> 'couponNumber'`.as('coupon_number'),
      'i.code as institution_code',
      'f.original_name',
      'f.sha256',
      'f.content',
    ])
    .where('d.id', '=', id)
    .executeTakeFirst();
}

/** One more delivery attempt begins (the window shows the count). */
export async function countDeliveryAttempt(db: DbOrTx, id: string): Promise<void> {
  await db
    .updateTable('uzt_settlement_documents')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .where('delivery_status', '=', 'SIUNCIAMA')
    .execute();
}

export async function recordDeliveryError(db: DbOrTx, id: string, error: string): Promise<void> {
  await db
    .updateTable('uzt_settlement_documents')
    .set({ last_error: error.slice(0, 500) })
    .where('id', '=', id)
    .where('delivery_status', '=', 'SIUNCIAMA')
    .execute();
}

/** UŽT took the document: delivered, with its receipt and an audit row (once). */
export async function recordDelivered(db: Db, a: { id: string; receipt: string }): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const row = await tx
      .updateTable('uzt_settlement_documents')
      .set({ delivery_status: 'PRISTATYTA', delivered_at: new Date(), uzt_receipt: a.receipt, last_error: null })
      .where('id', '=', a.id)
      .where('delivery_status', '=', 'SIUNCIAMA')
      .returning(['institution_id', 'attempts'])
      .executeTakeFirst();
    if (!row) return;
    await writeAudit(tx, {
      actor: { kind: 'system' },
      institutionId: row.institution_id,
      entityType: 'uzt_settlement_document',
      entityId: a.id,
      action: 'delivered',
      changes: { deliveryStatus: { before: 'SIUNCIAMA', after: 'PRISTATYTA' }, receipt: { before: null, after: a.receipt } },
      requestId: null,
    });
  });
}

/** What the monthly reminder names. */
export interface ReminderFacts {
  participant: string;
  groupName: string;
  programmeName: string;
}

/**
 * UZT-6: the provider is reminded about `month` once, only when no document of the client covers a
 * day of it and the coupon is still approved; returns the outbox ids to deliver.
 */
export async function queueSettlementReminder(
  db: Db,
  a: { registrationId: string; institutionId: string; month: string; monthFirst: string; monthLast: string },
  compose: (f: ReminderFacts) => { subject: string; text: string },
): Promise<string[]> {
  return db.transaction().execute(async (tx) => {
    const covered = await tx
      .selectFrom('uzt_settlement_documents')
      .select('id')
      .where('registration_id', '=', a.registrationId)
      .where('period_from', '<=', a.monthLast)
      .where('period_to', '>=', a.monthFirst)
      .executeTakeFirst();
    if (covered) return [];
    const inserted = await tx
      .insertInto('uzt_settlement_reminders')
      .values({ registration_id: a.registrationId, month: a.month, institution_id: a.institutionId })
      .onConflict((oc) => oc.columns(['registration_id', 'month']).doNothing())
      .returning('month')
      .executeTakeFirst();
    if (!inserted) {
      const sent = await tx
        .selectFrom('email_outbox')
        .select('id')
        .where('entity_type', '=', 'uzt_settlement')
        .where('entity_id', '=', a.registrationId)
        .where('kind', '=', 'UZT_SETTLEMENT_REMINDER')
        .where('subject', 'like', `%${a.month}%`)
        .execute();
      return sent.map((r) => r.id);
    }
    const facts = await tx
      .selectFrom('group_registrations as r')
      .innerJoin('training_groups as g', 'g.id', 'r.group_id')
      .innerJoin('programmes as p', 'p.id', 'g.programme_id')
      .leftJoin('institution_info as i', 'i.institution_id', 'r.institution_id')
      .innerJoin('uzt_coupons as c', 'c.registration_id', 'r.id')
      .select([
        sql<string>`r.first_name || ' ' || r.last_name`.as('participant'),
        'g.name as group_name',
        'p.name as programme_name',
        'i.contact_email',
        'c.status',
      ])
      .where('r.id', '=', a.registrationId)
      .executeTakeFirst();
    if (!facts?.contact_email || facts.status !== 'PATVIRTINTAS') return [];
    const text = compose({ participant: facts.participant, groupName: facts.group_name, programmeName: facts.programme_name });
    await writeAudit(tx, {
      actor: { kind: 'system' },
      institutionId: a.institutionId,
      entityType: 'uzt_settlement',
      entityId: a.registrationId,
      action: 'settlement_reminder',
      changes: { month: { before: null, after: a.month } },
      requestId: null,
    });
    const id = await queueEmail(tx, {
      to: { address: facts.contact_email },
      ...text,
      kind: 'UZT_SETTLEMENT_REMINDER',
      entityType: 'uzt_settlement',
      entityId: a.registrationId,
      institutionId: a.institutionId,
    });
    return [id];
  });
}
