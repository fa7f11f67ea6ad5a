// The state registries IMP IS reads (REQUIREMENTS §4, EXT-1) as a vocabulary everyone shares: their
// codes, how each is named to people, and the one error type their clients throw, which web and the
// activities both recognise (activities/registries/ holds the clients themselves), and the formats
// of the keys and dates they exchange.
import { z } from 'zod';

/**
 * The state registries and systems IMP IS reads; `payments` is the funder's payment system, which
 * takes an invoice passed for payment and confirms it paid (issue 14, INV-17, L8 I8/I9).
 */
export type RegistryName = 'smir' | 'nspr' | 'smpkr' | 'licenses' | 'students' | 'diplomas' | 'sodra' | 'uzt' | 'payments';

export const REGISTRY_NAMES: readonly RegistryName[] = [
  'smir',
  'nspr',
  'smpkr',
  'licenses',
  'students',
  'diplomas',
  'sodra',
  'uzt',
  'payments',
];

/** How a registry is named to people: its name, and the sentence "… is unreachable" (gender agrees). */
export const REGISTRY_LABELS: Record<RegistryName, { name: string; unreachable: string }> = {
  smir: { name: 'ŠMIR registras', unreachable: 'ŠMIR registras nepasiekiamas' },
  nspr: { name: 'NŠPR registras', unreachable: 'NŠPR registras nepasiekiamas' },
  smpkr: { name: 'SMPKR registras', unreachable: 'SMPKR registras nepasiekiamas' },
  licenses: { name: 'Licencijų registras', unreachable: 'Licencijų registras nepasiekiamas' },
  students: { name: 'Mokinių registras', unreachable: 'Mokinių registras nepasiekiamas' },
  diplomas: {
    name: 'Diplomų, atestatų ir kvalifikacijos pažymėjimų registras',
    unreachable: 'Diplomų, atestatų ir kvalifikacijos pažymėjimų registras nepasiekiamas',
  },
  sodra: { name: 'SoDra', unreachable: 'SoDros duomenys nepasiekiami' },
  uzt: { name: 'Užimtumo tarnybos sistema', unreachable: 'Užimtumo tarnybos sistema nepasiekiama' },
  payments: { name: 'Mokėjimų sistema', unreachable: 'Mokėjimų sistema nepasiekiama' },
};

/**
 * Why a registry call failed:
 * - `unreachable`: no connection (refused, reset, DNS), after the retries;
 * - `timeout`: no answer within the timeout (not retried: the caller, e.g. Temporal, decides);
 * - `server`: HTTP 5xx (or 429) after the retries;
 * - `rejected`: another HTTP 4xx than 404 (our request is wrong; retrying cannot help);
 * - `invalid`: an answer that is not JSON, has an unexpected shape, or is about another key.
 */
type RegistryErrorKind = 'unreachable' | 'timeout' | 'server' | 'rejected' | 'invalid';

/** A registry could not be asked or answered something unusable (never a plain "not found"). */
export class RegistryError extends Error {
  override name = 'RegistryError';
  readonly registry: RegistryName;
  readonly kind: RegistryErrorKind;
  /** The HTTP status, when the registry answered one. */
  readonly status: number | null;

  constructor(registry: RegistryName, kind: RegistryErrorKind, message: string, options: { status?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.registry = registry;
    this.kind = kind;
    this.status = options.status ?? null;
  }

  /** The registry itself is down or slow (as opposed to a wrong request or answer). */
  get unavailable(): boolean {
    return this.kind === 'unreachable' || this.kind === 'timeout' || this.kind === 'server';
  }
}

export function isRegistryError(err: unknown): err is RegistryError {
  return err instanceof RegistryError;
}

/** The formats registries exchange, as their answers and our requests are checked. */
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const personalCode = z.string().regex(/^\d{11}$/);
export const legalEntityCode = z.string().regex(/^\d{9}$/);
/** An amount in euros with cents, "1500.00". */
export const moneyAmount = z.string().regex(/^\d+\.\d{2}$/);
