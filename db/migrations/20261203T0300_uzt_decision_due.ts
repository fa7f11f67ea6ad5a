import type { Kysely } from 'kysely';

// Issue 11 item 13: the Employment Service's queue shows each coupon's decision deadline and the time
// left. The deadline is set when Section II reaches UŽT (C2): the UztCoupon workflow's decision
// timeout counted from then. Coupons sent before this migration show none.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('uzt_coupons').addColumn('uzt_decision_due_at', 'timestamptz').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('uzt_coupons').dropColumn('uzt_decision_due_at').execute();
}
