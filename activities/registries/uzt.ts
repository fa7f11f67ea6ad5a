// Client of the Employment Service (Užimtumo tarnyba, UŽT): training coupons ("mokymo kuponai")
// with their Section I (what UŽT set: measure, amount, requirements), the provider's Section II
// sent after it approves a registration, and UŽT's decision (UZT-10..UZT-13, UZT-16, UZT-21, EXT-5).
//   GET  <base>/coupons/:number                         → Coupon | 404
//   POST <base>/coupons/search { personalCode }         → { items: Coupon[] }
//   POST <base>/coupons/:number/section-ii  (Idempotency-Key header) SectionII → Coupon | 404
//        409 when the coupon no longer accepts Section II (decided, expired)
//   POST <base>/settlement-documents  (Idempotency-Key header) SettlementDocument → { receipt, receivedAt }
//        a settlement document in ADOC with its type and period (UZTDOC-7); 404 unknown coupon
import { z } from 'zod';
import { isoDate, moneyAmount, personalCode } from '../../workflows/domain/registries.ts';
import { sectionIISchema, type CouponSectionI, type CouponSectionII } from '../../workflows/domain/uzt-coupon.ts';
import { createRegistryHttp, expectSameKey, seg, type RegistryClientOptions } from './http.ts';

export type CouponStatus = 'ISSUED' | 'SUBMITTED' | 'APPROVED' | 'REJECTED' | 'EXPIRED';

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
    maxAmount: moneyAmount,
    trainingArea: z.string(),
    requirements: z.string(),
    office: z.string(),
    apprenticeship: z.boolean(),
  }),
  sectionII: z.intersection(sectionIISchema, z.object({ submittedAt: z.string() })).nullable(),
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
  /**
   * Sends a settlement document (UZTDOC-7), idempotent by `idempotencyKey` (the submission's id): UŽT's
   * receipt, or null when UŽT has no such coupon. Unavailability throws (the workflow retries).
   */
  submitSettlementDocument(doc: SettlementDocument, idempotencyKey: string): Promise<SettlementReceipt | null>;
}

/** A settlement document as UŽT's interface takes it. */
export interface SettlementDocument {
  couponNumber: string;
  institutionCode: string;
  /** The operator's type code, e.g. LANKOMUMO_ZINIARASTIS, and its name. */
  documentType: string;
  documentTypeName: string;
  periodFrom: string;
  periodTo: string;
  fileName: string;
  sha256: string;
  /** The ADOC container, base64. */
  contentBase64: string;
}

export interface SettlementReceipt {
  receipt: string;
  receivedAt: string;
}

const SettlementReceiptSchema: z.ZodType<SettlementReceipt> = z.object({ receipt: z.string().min(1), receivedAt: z.string() });

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
      const body = sectionIISchema.parse(section);
      return expectSameKey(
        'uzt',
        await http.post(`/coupons/${seg(number)}/section-ii`, body, CouponSchema, { idempotencyKey }),
        (c) => c.number,
        number,
      );
    },
    async submitSettlementDocument(doc, idempotencyKey) {
      return http.post('/settlement-documents', doc, SettlementReceiptSchema, { idempotencyKey });
    },
  };
}
