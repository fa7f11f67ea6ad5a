// Activities of the UztCoupon workflow (L4): UŽT's registry client for Section I and Section II,
// Postgres for the coupon row, its audit rows and the provider's e-mails (UZT-10, UZT-16, UZT-18, UZT-21).
import type { Db } from '../db/client.ts';
import { storeSectionI, storeSectionII, storeUztDecision, storeUztOverdue, type CouponMailFacts } from '../db/queries/uzt-coupons.ts';
import { hashPersonalCode } from '../worker/crypto.ts';
import { uztCouponDecisionEmail, uztCouponOverdueEmail } from '../workflows/domain/emails.ts';
import { isRegistryError } from '../workflows/domain/registries.ts';
import type { CouponSectionII } from '../workflows/domain/uzt-coupon.ts';
import type { UztClient } from './registries/uzt.ts';

export interface StoreSectionIInput {
  registrationId: string;
  institutionId: string;
  participantId: string;
  couponNumber: string;
}

const facts = (f: CouponMailFacts) => ({
  participant: `${f.first_name} ${f.last_name}`,
  groupName: f.group_name,
  programmeName: f.programme_name,
});

export function createUztCouponActivities({ db, uzt, personalCodePepper }: { db: Db; uzt: UztClient; personalCodePepper: string }) {
  return {
    /**
     * C1: fetches the coupon from UŽT and stores its Section I. Not stored (with the reason) when
     * UŽT does not know the number, or the coupon is another person's, or it no longer takes a
     * provider (decided, expired). UŽT being down is retried by Temporal.
     */
    async storeCouponSectionI(a: StoreSectionIInput): Promise<{ stored: true } | { stored: false; reason: string }> {
      const participant = await db.selectFrom('participants').select('person_key').where('id', '=', a.participantId).executeTakeFirst();
      if (!participant) return { stored: false, reason: 'participant unknown' };
      const coupon = await uzt.findCoupon(a.couponNumber);
      if (!coupon) return { stored: false, reason: 'coupon unknown to UŽT' };
      if (hashPersonalCode(personalCodePepper, coupon.personalCode) !== participant.person_key)
        return { stored: false, reason: 'coupon of another person' };
      if (coupon.status !== 'ISSUED') return { stored: false, reason: `coupon is ${coupon.status}` };
      await storeSectionI(db, {
        registrationId: a.registrationId,
        institutionId: a.institutionId,
        couponNumber: a.couponNumber,
        sectionI: coupon.sectionI,
      });
      return { stored: true };
    },

    /**
     * C2: sends Section II (idempotent by the registration) and stores it; a coupon UŽT no longer takes
     * is a refusal. UŽT's decision is due `decisionTimeoutMs` after Section II reached it (the
     * workflow's timer starts right after this activity); older workflows pass no timeout.
     */
    async submitCouponSectionII(a: {
      registrationId: string;
      institutionId: string;
      couponNumber: string;
      userId: string;
      sectionII: CouponSectionII;
      decisionTimeoutMs?: number;
    }): Promise<{ ok: true } | { ok: false; reason: string }> {
      try {
        const coupon = await uzt.submitSectionII(a.couponNumber, a.sectionII, `section-ii:${a.registrationId}`);
        if (!coupon) return { ok: false, reason: 'Užimtumo tarnyba tokio kupono neberanda.' };
      } catch (err) {
        if (isRegistryError(err) && err.kind === 'rejected')
          return { ok: false, reason: 'Užimtumo tarnyba nebepriima šio kupono II skyriaus duomenų (kuponas nebegalioja).' };
        throw err;
      }
      const decisionDueAt = a.decisionTimeoutMs === undefined ? null : new Date(Date.now() + a.decisionTimeoutMs);
      await storeSectionII(db, { ...a, decisionDueAt });
      return { ok: true };
    },

    /** C3/C4: UŽT's decision recorded; returns the provider's e-mail to deliver (UZT-18). */
    async recordUztDecision(a: {
      registrationId: string;
      institutionId: string;
      result: 'APPROVED' | 'REJECTED';
      reason: string | null;
      staffMemberId: string | null;
    }): Promise<{ outboxIds: string[] }> {
      const outboxIds = await storeUztDecision(db, a, (f) =>
        uztCouponDecisionEmail({ ...facts(f), approved: a.result === 'APPROVED', reason: a.reason }),
      );
      return { outboxIds };
    },

    /** UŽT's time passed without a decision: recorded once, the provider e-mailed. */
    async recordUztDecisionOverdue(a: { registrationId: string; institutionId: string }): Promise<string[]> {
      return storeUztOverdue(db, a, (f) => uztCouponOverdueEmail(facts(f)));
    },
  };
}

export type UztCouponActivities = ReturnType<typeof createUztCouponActivities>;
