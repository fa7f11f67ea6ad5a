// Learning-contract numbering of non-formal adult education and continuing learning programmes
// ("Mokymo sutarties numeracija", manual §3.2.3.1; NUM-1..NUM-8): numbering stages ("sutarties
// etapai"), each valid from a date, and the contract number they produce. Pure and deterministic:
// the web page's preview ("Pilnas sutarties numeris") and the contracts that take numbers use the
// same functions; the clock ("today") is passed in.
//
// The number format. A full contract number is
//
//     priešdėlis + eilės numeris + priesaga          e.g. MS- + 00042 + /2026 = MS-00042/2026
//
// The running number ("eilės numeris") counts up from the stage's start number ("sutarties
// numeracijos pradžios skaičius"). "Sutarties numerio formatas" is a mask of zeros: as many zeros
// as the running number has digits at least, missing digits filled with leading zeros (00000 and 42
// give 00042). A running number longer than the mask is written in full, never cut (00000 and
// 123456 give 123456). Prefix and suffix are copied as they are (letters, digits, - / . _).
//
// SMPKR programmes (§3.2.3.2, NUM-9..NUM-11) do not use this numbering: their number and
// registration date come from "Mokinių registras".
import { z } from 'zod';
import { addDays, isIsoDate } from './calendar.ts';
import { COMMON_FIELD_MESSAGES } from './field-rules.ts';

/** What a stage's numbers look like. */
interface ContractNumberFormat {
  prefix: string;
  suffix: string;
  /** A mask of 1–10 zeros ("00000"). */
  numberFormat: string;
}

/** A numbering stage ("sutarties etapas"). */
export interface NumberingStage extends ContractNumberFormat {
  /** 'YYYY-MM-DD': contracts generated on this date or later take their number from this stage (until the next one). */
  effectiveFrom: string;
  /** The first running number (≥ 1). */
  startNumber: number;
}

const NUMBER_FORMAT_PATTERN = /^0{1,10}$/;
const MAX_START_NUMBER = 999_999_999;
const MAX_AFFIX_LENGTH = 20;
/** Letters (Lithuanian too), digits and - / . _ ; no spaces. */
const AFFIX_PATTERN = /^[\p{L}\p{N}\-/._]*$/u;

function isNumberFormat(value: string): boolean {
  return NUMBER_FORMAT_PATTERN.test(value);
}

/**
 * The full contract number of one running number ("Pilnas sutarties numeris").
 * Throws RangeError for a running number that is not a non-negative safe integer or a format that is not a mask of zeros.
 */
export function formatContractNumber(format: ContractNumberFormat, runningNumber: number): string {
  if (!Number.isSafeInteger(runningNumber) || runningNumber < 0) throw new RangeError(`not a running number: ${runningNumber}`);
  if (!isNumberFormat(format.numberFormat)) throw new RangeError(`not a number format: ${format.numberFormat}`);
  return `${format.prefix}${String(runningNumber).padStart(format.numberFormat.length, '0')}${format.suffix}`;
}

/** The full number of the stage's `index`-th contract (0: the first, which carries the start number). */
export function stageContractNumber(stage: Pick<NumberingStage, 'startNumber'> & ContractNumberFormat, index: number): string {
  return formatContractNumber(stage, stage.startNumber + index);
}

/** NUM-7: the stage valid on a date (the one with the latest effective date not after it); undefined before the first. */
export function numberingStageOn<T extends { effectiveFrom: string }>(stages: readonly T[], date: string): T | undefined {
  let found: T | undefined;
  for (const s of stages) {
    if (s.effectiveFrom <= date && (found === undefined || s.effectiveFrom > found.effectiveFrom)) found = s;
  }
  return found;
}

// ---- The stage form ----------------------------------------------------------------------------

export type NumberingField = 'effectiveFrom' | 'startNumber' | 'prefix' | 'suffix' | 'numberFormat';

/** Labels of the stage form (§3.2.3.1's wording). */
export const NUMBERING_LABELS: Record<NumberingField, string> = {
  effectiveFrom: 'Numeracija galioja nuo',
  startNumber: 'Sutarties numeracijos pradžios skaičius',
  prefix: 'Numeravimo priešdėlis',
  suffix: 'Priesaga',
  numberFormat: 'Sutarties numerio formatas',
};

export const FULL_NUMBER_LABEL = 'Pilnas sutarties numeris';

export type NumberingFieldErrors = Partial<Record<NumberingField, string>>;
export type NumberingInput = Record<string, string | string[] | undefined>;

export const NUMBERING_MESSAGES = {
  ...COMMON_FIELD_MESSAGES,
  date: 'Nurodykite datą (metai-mėnuo-diena), pvz., 2026-01-01.',
  startNumber: `Nurodykite sveikąjį skaičių nuo 1 iki ${MAX_START_NUMBER.toLocaleString('lt-LT')}.`,
  affix: 'Gali būti tik raidės, skaitmenys ir ženklai - / . _ (be tarpų).',
  affixLength: `Ne daugiau kaip ${MAX_AFFIX_LENGTH} simbolių.`,
  numberFormat: 'Formatą sudaro nuo 1 iki 10 nulių, pvz., 00000.',
  startTooLong: 'Pradžios skaičius turi daugiau skaitmenų nei sutarties numerio formatas: pailginkite formatą.',
  used: 'Šis sutarties etapas jau panaudotas mokymosi sutarties numeriui: jo keisti ar pašalinti negalima. Jei reikia kitokios numeracijos, sukurkite naują sutarties etapą su vėlesne galiojimo data.',
} as const;

const M = NUMBERING_MESSAGES;

function text(input: NumberingInput, key: string): string {
  const v = input[key];
  return (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();
}

const affix = z.string().max(MAX_AFFIX_LENGTH, { error: M.affixLength }).regex(AFFIX_PATTERN, { error: M.affix });

const fields = {
  effectiveFrom: z
    .string()
    .min(1, { error: M.required })
    .refine((s) => isIsoDate(s) && s >= '2000-01-01' && s <= '2099-12-31', { error: M.date }),
  startNumber: z
    .string()
    .min(1, { error: M.required })
    .regex(/^\d{1,9}$/, { error: M.startNumber })
    .transform(Number)
    .refine((n) => n >= 1 && n <= MAX_START_NUMBER, { error: M.startNumber }),
  prefix: affix,
  suffix: affix,
  numberFormat: z.string().min(1, { error: M.required }).regex(NUMBER_FORMAT_PATTERN, { error: M.numberFormat }),
};

type NumberingResult = { ok: true; value: NumberingStage } | { ok: false; errors: NumberingFieldErrors };

/** The stage form's own rules (each field, every error at once); the rules between stages are stageProblems(). */
export function validateNumberingStage(input: NumberingInput): NumberingResult {
  const errors: NumberingFieldErrors = {};
  const values: Record<string, unknown> = {};
  for (const [field, schema] of Object.entries(fields)) {
    const parsed = schema.safeParse(text(input, field));
    if (parsed.success) values[field] = parsed.data;
    else errors[field as NumberingField] = parsed.error.issues[0]?.message ?? M.required;
  }
  if (!errors.startNumber && !errors.numberFormat && String(values.startNumber).length > String(values.numberFormat).length) {
    errors.startNumber = M.startTooLong;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      effectiveFrom: values.effectiveFrom as string,
      startNumber: values.startNumber as number,
      prefix: values.prefix as string,
      suffix: values.suffix as string,
      numberFormat: values.numberFormat as string,
    },
  };
}

/** What the preview line shows for what is typed so far: the first numbers, or why there are none yet. */
export type NumberPreview = { ok: true; first: string; next: string[] } | { ok: false; reason: string };

export function previewContractNumbers(input: NumberingInput): NumberPreview {
  const checked = validateNumberingStage({ ...input, effectiveFrom: '2000-01-01' });
  if (!checked.ok) {
    const e = checked.errors;
    const reason = e.startNumber ?? e.numberFormat ?? e.prefix ?? e.suffix ?? M.required;
    const field = e.startNumber ? 'startNumber' : e.numberFormat ? 'numberFormat' : e.prefix ? 'prefix' : 'suffix';
    return { ok: false, reason: `${NUMBERING_LABELS[field]}: ${reason}` };
  }
  const s = checked.value;
  return { ok: true, first: stageContractNumber(s, 0), next: [stageContractNumber(s, 1), stageContractNumber(s, 2)] };
}

// ---- Rules between stages (NUM-4, NUM-6, NUM-7) -------------------------------------------------

export interface ExistingStage extends ContractNumberFormat {
  id: string;
  effectiveFrom: string;
  /** Already used for a contract number (contracts set first_used_at). */
  used: boolean;
}

/**
 * Why a stage (new: `stageId` null; else the one being edited) cannot be saved with these values
 * next to the institution's other stages; empty when it can.
 *
 * - NUM-4/NUM-6: a new stage's effective date is later than every existing stage's; an edited stage
 *   keeps its place between the stages before and after it.
 * - NUM-6: numbers already issued keep their stage: when the stage before is used, the new or moved
 *   stage starts tomorrow at the earliest (today's contracts may already carry the earlier stage's numbers).
 * - NUM-7: numbers are unique within the institution: two stages with the same prefix and suffix
 *   would repeat numbers, so each stage differs from every other in its prefix or suffix.
 */
export function stageProblems(a: {
  stageId: string | null;
  value: NumberingStage;
  stages: readonly ExistingStage[];
  today: string;
}): NumberingFieldErrors {
  const errors: NumberingFieldErrors = {};
  const editing = a.stageId === null ? undefined : a.stages.find((s) => s.id === a.stageId);
  const others = a.stages.filter((s) => s.id !== a.stageId).sort((x, y) => x.effectiveFrom.localeCompare(y.effectiveFrom));
  const date = a.value.effectiveFrom;
  const anchor = editing?.effectiveFrom;
  const before = anchor === undefined ? others.at(-1) : others.filter((s) => s.effectiveFrom < anchor).at(-1);
  const after = anchor === undefined ? undefined : others.find((s) => s.effectiveFrom > anchor);

  if (before && date <= before.effectiveFrom) {
    errors.effectiveFrom =
      anchor === undefined
        ? `Naujo sutarties etapo galiojimo data turi būti vėlesnė už ankstesnių etapų: paskutinis etapas galioja nuo ${before.effectiveFrom}.`
        : `Data turi būti vėlesnė už ankstesnio etapo galiojimo datą (${before.effectiveFrom}).`;
  } else if (after && date >= after.effectiveFrom) {
    errors.effectiveFrom = `Data turi būti ankstesnė už vėlesnio etapo galiojimo datą (${after.effectiveFrom}).`;
  } else if (before?.used && date < earliestAfterUsed(anchor, a.today)) {
    errors.effectiveFrom =
      anchor === undefined || anchor > a.today
        ? `Etapas, galiojantis nuo ${before.effectiveFrom}, jau naudojamas sutarčių numeriams: šis etapas gali galioti tik nuo rytojaus ar vėliau.`
        : `Etapas, galiojantis nuo ${before.effectiveFrom}, jau naudojamas sutarčių numeriams: šio etapo datos negalima paankstinti.`;
  } else if (others.some((s) => s.effectiveFrom === date)) {
    errors.effectiveFrom = `Etapas, galiojantis nuo ${date}, jau yra.`;
  }

  const twin = others.find((s) => s.prefix === a.value.prefix && s.suffix === a.value.suffix);
  if (twin) {
    errors.prefix = `Toks pat priešdėlis ir priesaga jau naudojami etape, galiojančiame nuo ${twin.effectiveFrom}: sutarčių numeriai galėtų kartotis. Pakeiskite priešdėlį arba priesagą (pvz., nurodykite metus).`;
  }
  return errors;
}

/**
 * When the stage before is used: the earliest date a stage may take without taking over numbers
 * that stage may already have issued. A new stage: tomorrow. An edited one: its own date if that
 * has come already (no contract took its numbers since, so it may stay or move later), else tomorrow.
 */
function earliestAfterUsed(anchor: string | undefined, today: string): string {
  const tomorrow = addDays(today, 1);
  return anchor !== undefined && anchor < tomorrow ? anchor : tomorrow;
}

/** What a stage is to the user on a given day. */
type StageState = 'FUTURE' | 'CURRENT' | 'PAST';

export function stageState(stages: readonly { effectiveFrom: string }[], stage: { effectiveFrom: string }, today: string): StageState {
  if (stage.effectiveFrom > today) return 'FUTURE';
  return numberingStageOn(stages, today)?.effectiveFrom === stage.effectiveFrom ? 'CURRENT' : 'PAST';
}

export const STAGE_STATE_LABELS: Record<StageState, string> = {
  FUTURE: 'Galios ateityje',
  CURRENT: 'Galioja',
  PAST: 'Nebegalioja',
};
