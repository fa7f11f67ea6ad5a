// UŽT coupons (lifecycle L4, uzt_coupons): written by the UztCoupon workflow's activities (Section I,
// Section II, UŽT's decision) and by web for the provider's "Užimtumo tarnybai reikalingi duomenys"
// and "Pameistrystės duomenys"; read by the provider's tab and the Employment Service's page.
// Every write is conditional on the state it leaves, so a retried activity changes nothing twice.
import { sql } from 'kysely';
import {
  UZT_COUPON_STATUS_LABELS,
  type CouponSectionI,
  type CouponSectionII,
  type UztCouponStatus,
  type UztProviderData,
} from '../../workflows/domain/uzt-coupon.ts';
import type { Db, DbOrTx } from '../client.ts';
import type { UztCoupon } from '../tables/participants.ts';
import { writeAudit, type AuditEntry, type ChangeActor, type FieldChanges } from './audit.ts';
import { queueEmail } from './outbox.ts';

export type { UztCoupon };

/** The coupon's audit row (GEN-9), by the system unless an actor is given. */
function auditCoupon(
  tx: DbOrTx,
  a: { registrationId: string; institutionId: string },
  action: string,
  changes: FieldChanges,
  actor: AuditEntry['actor'] = { kind: 'system' },
  requestId: string | null = null,
) {
  return writeAudit(tx, {
    actor,
    institutionId: a.institutionId,
    entityType: 'uzt_coupon',
    entityId: a.registrationId,
    action,
    changes,
    requestId,
  });
}

/** C1: Section I as UŽT formed it; the bank account defaults to the institution's IBAN (UZT-20). */
export async function storeSectionI(
  db: Db,
  a: { registrationId: string; institutionId: string; couponNumber: string; sectionI: CouponSectionI },
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const info = await tx.selectFrom('institution_info').select('iban').where('institution_id', '=', a.institutionId).executeTakeFirst();
    const inserted = await tx
      .insertInto('uzt_coupons')
      .values({
        registration_id: a.registrationId,
        institution_id: a.institutionId,
        section1: { couponNumber: a.couponNumber, ...a.sectionI },
        status: 'I_SKYRIUS',
        bank_account: info?.iban ?? null,
      })
      .onConflict((oc) => oc.column('registration_id').doNothing())
      .returning('registration_id')
      .executeTakeFirst();
    if (inserted) {
      await auditCoupon(tx, a, 'section_i', {
        status: { before: null, after: 'I_SKYRIUS' },
        couponNumber: { before: null, after: a.couponNumber },
      });
    }
  });
}

/**
 * The provider's UŽT data (UZT-6, UZT-8), saved with the approval in the group projection's
 * transaction (db/queries/training-groups.ts), with its audit row.
 */
export async function saveProviderData(
  tx: DbOrTx,
  a: { registrationId: string; institutionId: string; data: UztProviderData; actor: ChangeActor },
): Promise<boolean> {
  const before = await tx
    .selectFrom('uzt_coupons')
    .select(['bank_account', 'settlement_frequency', 'employer_id', 'employer_phone', 'employer_email', 'practice_address'])
    .where('registration_id', '=', a.registrationId)
    .where('institution_id', '=', a.institutionId)
    .forUpdate()
    .executeTakeFirst();
  if (!before) return false;
  const after = {
    bank_account: a.data.bankAccount,
    settlement_frequency: a.data.settlement,
    employer_id: a.data.employerId,
    employer_phone: a.data.employerPhone,
    employer_email: a.data.employerEmail,
    practice_address: a.data.practiceAddress,
  };
  await tx
    .updateTable('uzt_coupons')
    .set({ ...after, updated_at: new Date() })
    .where('registration_id', '=', a.registrationId)
    .execute();
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  for (const [k, v] of Object.entries(after))
    if (before[k as keyof typeof before] !== v) changes[k] = { before: before[k as keyof typeof before], after: v };
  if (Object.keys(changes).length > 0) {
    const actor: AuditEntry['actor'] = a.actor.userId
      ? { kind: 'user', userId: a.actor.userId, personalCodeHash: a.actor.personalCodeHash }
      : { kind: 'person', personalCodeHash: a.actor.personalCodeHash };
    await auditCoupon(tx, a, 'provider_data', changes, actor, a.actor.requestId);
  }
  return true;
}

/** C2: Section II reached UŽT; UŽT's decision is due at `decisionDueAt` (null: no deadline known). */
export async function storeSectionII(
  db: Db,
  a: { registrationId: string; institutionId: string; userId: string; sectionII: CouponSectionII; decisionDueAt?: Date | null },
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const updated = await tx
      .updateTable('uzt_coupons')
      .set({ section2: { ...a.sectionII }, status: 'LAUKIA_UZT', uzt_decision_due_at: a.decisionDueAt ?? null, updated_at: new Date() })
      .where('registration_id', '=', a.registrationId)
      .where('status', '=', 'I_SKYRIUS')
      .returning('registration_id')
      .executeTakeFirst();
    if (updated) {
      await auditCoupon(tx, a, 'section_ii', { status: { before: 'I_SKYRIUS', after: 'LAUKIA_UZT' } }, { kind: 'user', userId: a.userId });
    }
  });
}

/** What the provider's e-mail about a coupon names. */
async function couponMailFacts(db: DbOrTx, registrationId: string) {
  return db
    .selectFrom('group_registrations as r')
    .innerJoin('training_groups as g', 'g.id', 'r.group_id')
    .innerJoin('programmes as p', 'p.id', 'g.programme_id')
    .leftJoin('institution_info as i', 'i.institution_id', 'r.institution_id')
    .select([
      'r.first_name',
      'r.last_name',
      'g.name as group_name',
      'g.id as group_id',
      'p.name as programme_name',
      'i.contact_email',
      'i.contact_first_name',
    ])
    .where('r.id', '=', registrationId)
    .executeTakeFirst();
}

export type CouponMailFacts = NonNullable<Awaited<ReturnType<typeof couponMailFacts>>>;

/** C3/C4: UŽT's decision with its time, officer and reason (UZT-21); the provider's e-mail queued (UZT-18). */
export async function storeUztDecision(
  db: Db,
  a: {
    registrationId: string;
    institutionId: string;
    result: 'APPROVED' | 'REJECTED';
    reason: string | null;
    staffMemberId: string | null;
  },
  compose: (f: CouponMailFacts) => { subject: string; text: string },
): Promise<string[]> {
  const to: UztCouponStatus = a.result === 'APPROVED' ? 'PATVIRTINTAS' : 'ATMESTAS';
  return db.transaction().execute(async (tx) => {
    const updated = await tx
      .updateTable('uzt_coupons')
      .set({ status: to, decided_at: new Date(), decided_by: a.staffMemberId, reason: a.reason, updated_at: new Date() })
      .where('registration_id', '=', a.registrationId)
      .where('status', 'in', ['I_SKYRIUS', 'LAUKIA_UZT'])
      .returning('registration_id')
      .executeTakeFirst();
    if (!updated) {
      // Already recorded by an earlier attempt: its e-mail is in the outbox.
      const sent = await tx
        .selectFrom('email_outbox')
        .select('id')
        .where('entity_type', '=', 'uzt_coupon')
        .where('entity_id', '=', a.registrationId)
        .where('kind', '=', 'UZT_COUPON_DECISION')
        .execute();
      return sent.map((r) => r.id);
    }
    await auditCoupon(tx, a, 'uzt_decision', {
      status: { before: 'LAUKIA_UZT', after: to },
      ...(a.reason ? { reason: { before: null, after: a.reason } } : {}),
      ...(a.staffMemberId ? { staffMemberId: { before: null, after: a.staffMemberId } } : {}),
    });
    return providerEmail(tx, a, 'UZT_COUPON_DECISION', compose);
  });
}

/** UŽT did not decide in time: recorded once (audit) and the provider told. */
export async function storeUztOverdue(
  db: Db,
  a: { registrationId: string; institutionId: string },
  compose: (f: CouponMailFacts) => { subject: string; text: string },
): Promise<string[]> {
  return db.transaction().execute(async (tx) => {
    const seen = await tx
      .selectFrom('audit_log')
      .select('id')
      .where('entity_type', '=', 'uzt_coupon')
      .where('entity_id', '=', a.registrationId)
      .where('action', '=', 'uzt_overdue')
      .executeTakeFirst();
    if (seen) return [];
    await auditCoupon(tx, a, 'uzt_overdue', { overdue: { before: null, after: true } });
    return providerEmail(tx, a, 'UZT_COUPON_OVERDUE', compose);
  });
}

async function providerEmail(
  tx: DbOrTx,
  a: { registrationId: string; institutionId: string },
  kind: string,
  compose: (f: CouponMailFacts) => { subject: string; text: string },
): Promise<string[]> {
  const facts = await couponMailFacts(tx, a.registrationId);
  if (!facts?.contact_email) return [];
  const text = compose(facts);
  const id = await queueEmail(tx, {
    to: { address: facts.contact_email },
    ...text,
    kind,
    entityType: 'uzt_coupon',
    entityId: a.registrationId,
    institutionId: a.institutionId,
  });
  return [id];
}

export interface UztQueueItem {
  registrationId: string;
  participant: string;
  institution: string;
  groupName: string;
  programme: string;
  status: UztCouponStatus;
  statusLabel: string;
  section1: Record<string, unknown>;
  section2: Record<string, unknown> | null;
  registrationStatus: string;
  decidedAt: Date | null;
  reason: string | null;
  updatedAt: Date;
  /** When UŽT's decision is due (set with Section II). */
  decisionDueAt: Date | null;
}

function queueQuery(db: DbOrTx) {
  return db
    .selectFrom('uzt_coupons as c')
    .innerJoin('group_registrations as r', 'r.id', 'c.registration_id')
    .innerJoin('training_groups as g', 'g.id', 'r.group_id')
    .innerJoin('programmes as p', 'p.id', 'g.programme_id')
    .innerJoin('institutions as i', 'i.id', 'c.institution_id')
    .select([
      'c.registration_id',
      sql<string>`r.first_name || ' ' || r.last_name`.as('participant'),
      'i.name as institution',
      'g.name as group_name',
      sql<string>`p.code || ' ' || p.name`.as('programme'),
      'c.status',
      'c.section1',
      'c.section2',
      'r.status as registration_status',
      'c.decided_at',
      'c.reason',
      'c.updated_at',
      'c.uzt_decision_due_at',
    ]);
}

function queueItem(r: Awaited<ReturnType<ReturnType<typeof queueQuery>['executeTakeFirstOrThrow']>>): UztQueueItem {
  return {
    registrationId: r.registration_id,
    participant: r.participant,
    institution: r.institution,
    groupName: r.group_name,
    programme: r.programme,
    status: r.status,
    statusLabel: UZT_COUPON_STATUS_LABELS[r.status],
    section1: r.section1,
    section2: r.section2,
    registrationStatus: r.registration_status,
    decidedAt: r.decided_at,
    reason: r.reason,
    updatedAt: r.updated_at,
    decisionDueAt: r.uzt_decision_due_at,
  };
}

/** UZT-12: coupons awaiting UŽT's decision (Section II sent, the registration still active), oldest first. */
export async function couponsAwaitingUzt(db: DbOrTx, limit = 200): Promise<UztQueueItem[]> {
  const rows = await queueQuery(db)
    .where('c.status', '=', 'LAUKIA_UZT')
    .where('r.status', 'in', ['REGISTERED', 'APPROVED'])
    .orderBy('c.updated_at')
    .limit(limit)
    .execute();
  return rows.map(queueItem);
}

export async function findCouponForUzt(db: DbOrTx, registrationId: string): Promise<UztQueueItem | undefined> {
  const row = await queueQuery(db).where('c.registration_id', '=', registrationId).executeTakeFirst();
  return row ? queueItem(row) : undefined;
}
