// Bulk signing of learning contracts ("vienu kartu su visais pažymėtais mokymo dalyviais", manual
// §3.12; CON-5, CON-20): the vocabulary of one batch (its status and each ticked contract's outcome),
// the per-contract check made before the gateway session opens, and the Lithuanian texts a row shows.
// Pure: used by the ContractBatchSigning workflow, its activities, db and the pages.
import { formatDeadline } from './date-format.ts';
import { ContractPhase, signingRefusal, type ContractSides } from './learning-contract.ts';

/** The batch as a whole. */
export const BatchStatus = {
  /** The gateway session is open: the signer confirms there. */
  AwaitingSigner: 'LAUKIA_PATVIRTINIMO',
  /** The signer confirmed: each contract records its signature. */
  Recording: 'IRASOMA',
  /** Every ticked contract has its outcome. */
  Done: 'BAIGTA',
} as const;
export type BatchStatus = (typeof BatchStatus)[keyof typeof BatchStatus];

/** One ticked contract's outcome (CON-20). */
export const BatchRowOutcome = {
  Pending: 'LAUKIAMA',
  Signed: 'PASIRASYTA',
  NotSigned: 'NEPASIRASYTA',
} as const;
export type BatchRowOutcome = (typeof BatchRowOutcome)[keyof typeof BatchRowOutcome];

export const BATCH_ROW_OUTCOME_LABELS: Record<BatchRowOutcome, string> = {
  LAUKIAMA: 'Pasirašoma…',
  PASIRASYTA: 'Pasirašyta',
  NEPASIRASYTA: 'Nepasirašyta',
};

/** The gateway takes at most this many documents in one session. */
export const MAX_BATCH_CONTRACTS = 500;

/** Who signs in a batch: the provider's signer (CON-15) or an employer's representative (USERS-32). */
export type BatchParty = 'provider' | 'employer';

export const BATCH_MESSAGES = {
  documentChanged: 'Kol pasirašėte, sutartis pasikeitė (ją pasirašė kita šalis): pasirašykite ją iš naujo.',
  notYourEmployer: 'Tai ne jūsų darbdavio trišalė sutartis.',
  noDocument: 'Sutarties dokumentas dar neparengtas.',
  refused: 'Pasirašymo atsisakyta: sutartis nepasirašyta.',
  cancelled: 'Pasirašymas atšauktas: sutartis nepasirašyta.',
  expired: 'Pasirašymo sesijos laikas baigėsi: sutartis nepasirašyta.',
  contractClosed: 'Sutarties pasirašyti nebegalima: ji nebegalioja.',
  notRecorded: 'Parašo įrašyti nepavyko (pasirašymo sistema nepasiekiama): pasirašykite sutartį iš naujo.',
  noAnswer: 'Sutartis neatsakė, ar parašas įrašytas: patikrinkite jos būseną grupės sutarčių sąraše.',
  noneTicked: 'Pažymėkite bent vieną sutartį.',
  batchEnded: 'Šis pasirašymas jau baigtas: pažymėkite sutartis ir pasirašykite iš naujo.',
  tooMany: `Vienu kartu galima pasirašyti ne daugiau kaip ${MAX_BATCH_CONTRACTS} sutarčių.`,
} as const;

/** Why a session that was not signed signed nothing, by the gateway's status. */
export function sessionOutcomeMessage(status: string): string {
  if (status === 'refused') return BATCH_MESSAGES.refused;
  if (status === 'expired') return BATCH_MESSAGES.expired;
  return BATCH_MESSAGES.cancelled;
}

/** The text of "the signing deadline has passed" (the same words as a single signature's refusal). */
export function deadlinePassedMessage(deadline: Date | number | string): string {
  return `Sutarties pasirašymo terminas baigėsi (${formatDeadline(deadline)}).`;
}

export interface BatchCandidate {
  phase: ContractPhase;
  sides: ContractSides;
  signingDeadline: Date;
  employerId: string | null;
  documentFileId: string | null;
}

/**
 * CON-20: why `party` cannot sign this ticked contract now (Lithuanian), or null when it awaits that
 * party's signature. The contract's workflow checks again when the signature comes back.
 */
export function batchRowRefusal(c: BatchCandidate, party: BatchParty, signerEmployerId: string | null, now: number): string | null {
  if (party === 'employer' && (c.employerId === null || c.employerId !== signerEmployerId)) return BATCH_MESSAGES.notYourEmployer;
  if (now >= c.signingDeadline.getTime() && c.phase !== ContractPhase.InForce) {
    // A contract already void or terminated says so; one still awaiting says the deadline passed.
    return c.phase === ContractPhase.Signing ? deadlinePassedMessage(c.signingDeadline) : signingRefusal(c.phase, c.sides, party);
  }
  const refusal = signingRefusal(c.phase, c.sides, party);
  if (refusal) return refusal;
  if (!c.documentFileId) return BATCH_MESSAGES.noDocument;
  return null;
}
