// Client of the Employment Service (Užimtumo tarnyba, UŽT): training coupons ("mokymo kuponai")
// with their Section I (what UŽT set: measure, amount, requirements), the provider's Section II
// sent after it approves a registration, and UŽT's decision (UZT-10..UZT-13, UZT-16, UZT-21, EXT-5).
//   GET  <base>/coupons/:number                         → Coupon | 404
//   POST <base>/coupons/search { personalCode }         → { items: Coupon[] }
//   POST <base>/coupons/:number/section-ii  (Idempotency-Key header) SectionII → Coupon | 404
//        409 when the coupon no longer accepts Section II (decided, expired)
import { z } from 'zod';
import { createRegistryHttp, expectSameKey, isoDate, legalEntityCode, personalCode, seg, type RegistryClientOptions } from './http.ts';

export type CouponStatus = 'ISSUED' | 'SUBMITTED' | 'APPROVED' | 'REJECTED' | 'EXPIRED';

/** Lithuanian names of the coupon statuses. */
export const COUPON_STATUS_LABELS: Record<CouponStatus, string> = {
  ISSUED: 'Išduotas',
  SUBMITTED: 'Laukiama UŽT sprendimo',
  APPROVED: 'Patvirtintas',
  REJECTED: 'Atmestas',
  EXPIRED: 'Nebegalioja',
};

/** "Užimtumo tarnybos kupono I skyriaus duomenys" (read-only, UZT-10). */
export interface CouponSectionI {
  /** The UŽT measure, e.g. "Profesinis mokymas". */
  measure: string;
  /** The most UŽT pays (valstybės kompensuojama suma), in euros, "1500.00". */
  maxAmount: string;
  /** The training the coupon is for (a field or a qualification). */
  trainingArea: string;
  /** Requirements for the training, as UŽT wrote them. */
  requirements: string;
  /** The UŽT office (klientų aptarnavimo departamentas). */
  office: string;
  apprenticeship: boolean;
}

/** "Užimtumo tarnybos kupono II skyriaus duomenys": what the provider sends after approving (UZT-11, UZT-16). */
export interface CouponSectionII {
  institutionCode: string;
  programmeCode: string;
  programmeName: string;
  /** IMP IS training group id. */
  groupId: string;
  startDate: string;
  endDate: string;
  /** Price of the training, euros, "1200.00". */
  price: string;
  contactHours: number;
  /** Kiekvieną mėnesį, or on completion (UZT-6). */
  settlement: 'MONTHLY' | 'ON_COMPLETION';
  bankAccount: string;
}

export interface Coupon {
  /** Coupon number, e.g. "MK-2026-000123". */
  number: string;
  personalCode: string;
  givenName: string;
  familyName: string;
  issuedOn: string;
  validUntil: string;
  status: CouponStatus;
  sectionI: CouponSectionI;
  sectionII: (CouponSectionII & { submittedAt: string }) | null;
  decision: { result: 'APPROVED' | 'REJECTED'; decidedAt: string; reason: string | null } | null;
}

const money = z.string().regex(/^\d+\.\d{2}$/);

const SectionIISchema = z.object({
  institutionCode: legalEntityCode,
  programmeCode: z.string().min(1),
  programmeName: z.string(),
  groupId: z.string().min(1),
  startDate: isoDate,
  endDate: isoDate,
  price: money,
  contactHours: z.number().nonnegative(),
  settlement: z.enum(['MONTHLY', 'ON_COMPLETION']),
  bankAccount: z.string(),
});

/**
 * Why UŽT's interface would not take this Section II, in Lithuanian; null when it would. Checked
 * before the provider's approval, so a section UŽT cannot take is refused at once with a message
 * rather than retried by the coupon workflow.
 */
export function sectionIIProblem(section: CouponSectionII): string | null {
  const parsed = SectionIISchema.safeParse(section);
  if (parsed.success) return null;
  const fields = [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? '')))];
  if (fields.includes('institutionCode')) {
    return 'Užimtumo tarnyba kupono II skyriuje priima tik 9 skaitmenų juridinio asmens kodą; šios institucijos kodas jam netinka.';
  }
  return `Kupono II skyriaus duomenys netinkami Užimtumo tarnybai (${fields.join(', ')}).`;
}

const CouponSchema: z.ZodType<Coupon> = z.object({
  number: z.string().min(1),
  personalCode,
  givenName: z.string(),
  familyName: z.string(),
  issuedOn: isoDate,
  validUntil: isoDate,
  status: z.enum(['ISSUED', 'SUBMITTED', 'APPROVED', 'REJECTED', 'EXPIRED']),
  sectionI: z.object({
    measure: z.string(),
    maxAmount: money,
    trainingArea: z.string(),
    requirements: z.string(),
    office: z.string(),
    apprenticeship: z.boolean(),
  }),
  sectionII: z.intersection(SectionIISchema, z.object({ submittedAt: z.string() })).nullable(),
  decision: z.object({ result: z.enum(['APPROVED', 'REJECTED']), decidedAt: z.string(), reason: z.string().nullable() }).nullable(),
});

const Coupons = z.object({ items: z.array(CouponSchema) });

export interface UztClient {
  findCoupon(number: string): Promise<Coupon | null>;
  /** The person's coupons, newest first. */
  couponsOf(personalCode: string): Promise<Coupon[]>;
  /**
   * Sends Section II (idempotent by `idempotencyKey`: a retry or a second send with the same key
   * changes nothing). Null when UŽT has no such coupon; RegistryError 'rejected' (HTTP 409) when
   * the coupon no longer accepts it.
   */
  submitSectionII(number: string, section: CouponSectionII, idempotencyKey: string): Promise<Coupon | null>;
}

export function createUztClient(baseUrl: string, options: RegistryClientOptions = {}): UztClient {
  const http = createRegistryHttp('uzt', baseUrl, options);
  return {
    async findCoupon(number) {
      return expectSameKey('uzt', await http.get(`/coupons/${seg(number)}`, CouponSchema), (c) => c.number, number);
    },
    async couponsOf(code) {
      const found = await http.post('/coupons/search', { personalCode: code }, Coupons, { idempotent: true });
      return (found?.items ?? []).filter((c) => c.personalCode === code).sort((a, b) => b.issuedOn.localeCompare(a.issuedOn));
    },
    async submitSectionII(number, section, idempotencyKey) {
      const body = SectionIISchema.parse(section);
      return expectSameKey('uzt', await http.post(`/coupons/${seg(number)}/section-ii`, body, CouponSchema, { idempotencyKey }), (c) => c.number, number);
    },
  };
}
