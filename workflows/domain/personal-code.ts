// The Lithuanian personal identity code ("asmens kodas"): G YYMMDD NNN K. G gives the sex and the
// century of birth (1/2: 1800s, 3/4: 1900s, 5/6: 2000s), YYMMDD the birth date, K the check digit.
// Check digit: the digits 1..10 weighted 1,2,...,9,1, mod 11; if that is 10, weighted 3,4,...,9,1,2,3,
// mod 11; if that is 10 again, the check digit is 0. Pure: the clock ("today") is passed in.

const FIRST_WEIGHTS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 1] as const;
const SECOND_WEIGHTS = [3, 4, 5, 6, 7, 8, 9, 1, 2, 3] as const;

const CENTURY: Record<string, number> = { '1': 1800, '2': 1800, '3': 1900, '4': 1900, '5': 2000, '6': 2000 };

export const PERSONAL_CODE_MESSAGES = {
  required: 'Privalomas laukas.',
  format: 'Asmens kodą sudaro 11 skaitmenų.',
  birthDate: 'Neteisingas asmens kodas: pirmasis skaitmuo ir gimimo data (2–7 skaitmenys) neatitinka tikros datos.',
  future: 'Neteisingas asmens kodas: gimimo data negali būti ateityje.',
  checkDigit: 'Neteisingas asmens kodas: nesutampa kontrolinis (paskutinis) skaitmuo.',
} as const;

/** What a user typed, without the spaces people put in long numbers. */
function normalizePersonalCode(input: string): string {
  return input.replace(/\s+/g, '');
}

/** The check digit the first ten digits call for. */
export function personalCodeCheckDigit(firstTen: string): number {
  const digits = [...firstTen].map(Number);
  const sum = (weights: readonly number[]) => digits.reduce((acc, d, i) => acc + d * weights[i]!, 0);
  const first = sum(FIRST_WEIGHTS) % 11;
  if (first !== 10) return first;
  const second = sum(SECOND_WEIGHTS) % 11;
  return second === 10 ? 0 : second;
}

/** The birth date ('YYYY-MM-DD') digits 1–7 encode, or null when they are no real date. */
export function personalCodeBirthDate(code: string): string | null {
  if (!/^\d{11}$/.test(code)) return null;
  const century = CENTURY[code[0]!];
  if (century === undefined) return null;
  const year = century + Number(code.slice(1, 3));
  const month = Number(code.slice(3, 5));
  const day = Number(code.slice(5, 7));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${code.slice(3, 5)}-${code.slice(5, 7)}`;
}

type PersonalCodeCheck = { ok: true; code: string; birthDate: string } | { ok: false; error: string };

/**
 * Checks a typed personal code; `today` ('YYYY-MM-DD', Vilnius) rejects birth dates in the future.
 * The returned code is normalised (spaces removed): hash that one.
 */
export function checkPersonalCode(input: string | undefined | null, today?: string): PersonalCodeCheck {
  const code = normalizePersonalCode(input ?? '');
  if (code === '') return { ok: false, error: PERSONAL_CODE_MESSAGES.required };
  if (!/^\d{11}$/.test(code)) return { ok: false, error: PERSONAL_CODE_MESSAGES.format };
  const birthDate = personalCodeBirthDate(code);
  if (birthDate === null) return { ok: false, error: PERSONAL_CODE_MESSAGES.birthDate };
  if (today !== undefined && birthDate > today) return { ok: false, error: PERSONAL_CODE_MESSAGES.future };
  if (personalCodeCheckDigit(code.slice(0, 10)) !== Number(code[10])) return { ok: false, error: PERSONAL_CODE_MESSAGES.checkDigit };
  return { ok: true, code, birthDate };
}

export function isValidPersonalCode(input: string, today?: string): boolean {
  return checkPersonalCode(input, today).ok;
}
