// Messages of the UztCoupon workflow (lifecycle L4, UZT-10..UZT-18, UZT-21). Names are recorded in
// histories: never rename one.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { CouponSectionI, CouponSectionII, UztCouponStatus } from '../domain/uzt-coupon.ts';

/** L4 states: uzt_coupons.status, defined with their labels in workflows/domain/uzt-coupon.ts. */
export type { CouponSectionI, CouponSectionII, UztCouponStatus };

/** How the coupon's lifecycle ended, besides UŽT's decision. */
export type UztCouponOutcome = UztCouponStatus | 'ATMESTA_TEIKEJO' | 'NERASTAS' | 'UZT_NEATSAKE';

export interface UztCouponInput {
  registrationId: string;
  groupId: string;
  institutionId: string;
  participantId: string;
  /**
   * "Kupono numeris" (e.g. MK-2026-000123) the participant gave when registering with UŽT funding.
   * The coupon is fetched by it (C1) and must belong to the participant (its personal code's keyed
   * hash equals the participant's person_key); the personal code itself never enters a history.
   */
  couponNumber: string;
  /** How long UŽT has to decide after Section II is sent (default 30 days); tests use seconds. */
  uztDecisionTimeoutMs?: number;
  /** How long the provider has to approve or reject the registration (default 120 days). */
  providerDecisionTimeoutMs?: number;
}

/** The provider approved the registration ("Reikalavimų atitiktis" → tvirtina, C2, UZT-11, UZT-16). */
export interface ProviderApprovedCommand {
  /** The institution user who approved (audit). */
  userId: string;
  institutionId: string;
  /** Section II as web assembled it from the group, programme and institution (OQ-58). */
  sectionII: CouponSectionII;
}

/** The provider rejected or removed the registration before UŽT decided (C5): no Section II. */
export interface ProviderRejectedEvent {
  reason: string | null;
}

/** The Employment Service's decision (C3/C4, UZT-12, UZT-21); a rejection needs a reason. */
export interface UztDecisionCommand {
  /** staff_members.id of the UŽT officer. */
  staffMemberId: string;
  result: 'APPROVED' | 'REJECTED';
  reason?: string;
}

export interface UztCouponState {
  status: UztCouponStatus | null;
  outcome: UztCouponOutcome | null;
  couponNumber: string;
}

/** C2: section II is sent to UŽT; the coupon waits for UŽT's decision. */
export const providerApprovedUpdate = defineUpdate<UztCouponState, [ProviderApprovedCommand]>('providerApproved');
/**
 * C2 as the group workflow sends it: the provider's approval reached the group (decideRegistration),
 * which passes it on (one command from the page; the group orchestrates).
 */
export const providerApprovedSignal = defineSignal<[ProviderApprovedCommand]>('providerApprovedByGroup');
/** C5: the registration was rejected or removed by the provider. */
export const providerRejectedSignal = defineSignal<[ProviderRejectedEvent]>('providerRejected');
/** C3/C4: UŽT's officer approves or rejects the coupon. */
export const uztDecisionUpdate = defineUpdate<UztCouponState, [UztDecisionCommand]>('uztDecision');
export const uztCouponStateQuery = defineQuery<UztCouponState>('uztCouponState');
