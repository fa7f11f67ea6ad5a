// The UŽT coupon (lifecycle L4, §3.7.3.2, UZT-6..UZT-21) as pure rules shared by the coupon
// workflow, the provider's "Mokymo dalyviai" tab and the Employment Service's page: the statuses'
// labels (not in the manual: OQ-51 style suggestions), the settlement frequency (OQ-60), the
// provider's "Užimtumo tarnybai reikalingi duomenys" and "Pameistrystės duomenys", Section II.
import { z } from 'zod';
import { COMMON_FIELD_MESSAGES, phoneNumber, tooLong } from './field-rules.ts';
import { checkIban } from './iban.ts';
import { isoDate, legalEntityCode, moneyAmount } from './registries.ts';

export type UztCouponStatus = 'I_SKYRIUS' | 'LAUKIA_UZT' | 'PATVIRTINTAS' | 'ATMESTAS';

/** UZT-16: the coupon status shown in the tab (labels suggested, OQ-51). */
export const UZT_COUPON_STATUS_LABELS: Record<UztCouponStatus, string> = {
  I_SKYRIUS: 'Gauti kupono I skyriaus duomenys',
  LAUKIA_UZT: 'Laukiama Užimtumo tarnybos sprendimo',
  PATVIRTINTAS: 'Kuponas patvirtintas',
  ATMESTAS: 'Kuponas atmestas',
};

export type SettlementFrequency = 'KAS_MENESI' | 'UZBAIGUS';

/** UZT-6, OQ-60: the manual's words until UŽT confirms them. */
export const SETTLEMENT_LABELS: Record<SettlementFrequency, string> = {
  KAS_MENESI: 'kiekvieną mėnesį',
  UZBAIGUS: 'užbaigus priemonę / paslaugą',
};

/** Section II's code for the frequency. */
export const SETTLEMENT_TO_UZT: Record<SettlementFrequency, CouponSectionII['settlement']> = {
  KAS_MENESI: 'MONTHLY',
  UZBAIGUS: 'ON_COMPLETION',
};

const UZT_REASON_MAX = 1000;

/** UZT-12, UZT-21: why UŽT's decision is refused ('input' when the form is at fault); null when it may be made. */
export function checkUztDecision(f: {
  status: UztCouponStatus | null;
  ended: boolean;
  decided: boolean;
  result: 'APPROVED' | 'REJECTED';
  reason?: string | undefined;
}): { code: 'input' | 'state'; message: string } | null {
  if (f.result === 'REJECTED') {
    const reason = (f.reason ?? '').trim();
    if (reason === '') return { code: 'input', message: 'Nurodykite kupono atmetimo priežastį.' };
    if (reason.length > UZT_REASON_MAX) return { code: 'input', message: `Priežastis – ne daugiau kaip ${UZT_REASON_MAX} simbolių.` };
  }
  if (f.decided) return { code: 'state', message: 'Sprendimas dėl šio kupono jau priimtas.' };
  if (f.ended) return { code: 'state', message: 'Mokymo teikėjas atmetė registraciją arba pašalino dalyvį: kupono vertinti nebereikia.' };
  if (f.status !== 'LAUKIA_UZT')
    return { code: 'state', message: 'Mokymo teikėjas dar nepatvirtino registracijos: kupono II skyriaus duomenų nėra.' };
  return null;
}

/** "Užimtumo tarnybai reikalingi duomenys" and, for apprenticeship, "Pameistrystės duomenys" (UZT-6, UZT-8, UZT-19). */
export interface UztProviderData {
  bankAccount: string;
  settlement: SettlementFrequency;
  employerId: string | null;
  employerPhone: string | null;
  employerEmail: string | null;
  practiceAddress: string | null;
}

export type UztDataField = keyof UztProviderData;
export type UztDataErrors = Partial<Record<UztDataField, string>>;

export const UZT_DATA_LABELS: Record<UztDataField, string> = {
  bankAccount: 'Mokymo teikėjo sąskaitos rekvizitai (IBAN)',
  settlement: 'Atsiskaitymo su UŽT dažnumas',
  employerId: 'Darbdavio atstovas',
  employerPhone: 'Telefono numeris',
  employerEmail: 'El. paštas',
  practiceAddress: 'Praktinio mokymo vietos adresas',
};

const M = COMMON_FIELD_MESSAGES;
const requiredText = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { error: M.required })
    .max(max, { error: tooLong(max) });

const apprenticeshipFields = {
  employerPhone: phoneNumber(M),
  employerEmail: requiredText(254).pipe(z.email({ error: M.email })),
  practiceAddress: requiredText(300),
};

function text(input: Record<string, unknown>, key: string): string {
  const v = input[key];
  return typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '';
}

/**
 * Validates the provider's UŽT data at approval: the bank account (an IBAN), the settlement
 * frequency and, only when the group's "Profesinio mokymo organizavimo forma" is apprenticeship,
 * an active employer with phone, e-mail and practical-training address (UZT-8, UZT-9, UZT-19).
 */
export function validateUztData(
  input: Record<string, unknown>,
  ctx: { apprenticeship: boolean; activeEmployerIds: readonly string[] },
): { ok: true; value: UztProviderData } | { ok: false; errors: UztDataErrors } {
  const errors: UztDataErrors = {};
  const iban = checkIban(text(input, 'bankAccount'));
  if (!iban.ok)
    errors.bankAccount = iban.reason === 'empty' ? M.required : 'Neteisingas sąskaitos numeris (IBAN), pvz., LT12 1000 0111 0100 1000.';
  const settlement = text(input, 'settlement');
  if (!(settlement in SETTLEMENT_LABELS)) errors.settlement = 'Pasirinkite atsiskaitymo su UŽT dažnumą.';
  const value: UztProviderData = {
    bankAccount: iban.ok ? iban.iban : '',
    settlement: settlement as SettlementFrequency,
    employerId: null,
    employerPhone: null,
    employerEmail: null,
    practiceAddress: null,
  };
  if (ctx.apprenticeship) {
    const employerId = text(input, 'employerId');
    if (employerId === '') errors.employerId = 'Pasirinkite darbdavio atstovą.';
    else if (!ctx.activeEmployerIds.includes(employerId))
      errors.employerId = 'Pasirinkite aktyvų darbdavio atstovą iš sąrašo „Darbdavio atstovai“.';
    else value.employerId = employerId;
    for (const [key, schema] of Object.entries(apprenticeshipFields) as [keyof typeof apprenticeshipFields, z.ZodType<string, string>][]) {
      const parsed = schema.safeParse(text(input, key));
      if (parsed.success) value[key] = parsed.data;
      else errors[key] = parsed.error.issues[0]?.message ?? M.required;
    }
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value };
}

// ---- The coupon's sections as UŽT exchanges them (activities/registries/uzt.ts) -------------------

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

/** Section II as UŽT's interface takes it. */
export const sectionIISchema = z.object({
  institutionCode: legalEntityCode,
  programmeCode: z.string().min(1),
  programmeName: z.string(),
  groupId: z.string().min(1),
  startDate: isoDate,
  endDate: isoDate,
  price: moneyAmount,
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
  const parsed = sectionIISchema.safeParse(section);
  if (parsed.success) return null;
  const fields = [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? '')))];
  if (fields.includes('institutionCode')) {
    return 'Užimtumo tarnyba kupono II skyriuje priima tik 9 skaitmenų juridinio asmens kodą; šios institucijos kodas jam netinka.';
  }
  return `Kupono II skyriaus duomenys netinkami Užimtumo tarnybai (${fields.join(', ')}).`;
}
