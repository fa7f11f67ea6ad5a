// The learning contract ("Mokymosi sutartis", manual §3.12; lifecycle L5; CON-1..CON-27): the status
// of each side (participant, provider and, for a trilateral apprenticeship contract, the employer),
// what the contract as a whole is, and which action each status allows. Pure: one definition of the
// vocabulary for the LearningContract workflow (authoritative), db and the pages.

/** A side's status (L5): the columns "Dalyvio sutartis", the provider's and the employer's. */
export const ContractSideStatus = {
  AwaitingSignature: 'LAUKIA_PARASO',
  Signed: 'PASIRASYTA',
  /** Participant side only (CON-7, PORTAL-7). */
  TerminationRequested: 'PRASOMA_NUTRAUKTI',
  Terminated: 'NUTRAUKTA',
  /** Not signed by both by the programme start (CON-25). */
  Voided: 'NEGALIOJA',
} as const;
export type ContractSideStatus = (typeof ContractSideStatus)[keyof typeof ContractSideStatus];

/** The manual's words where it has them (CON-7, CON-12); the others are suggested (L5 leaves them unnamed). */
export const CONTRACT_SIDE_STATUS_LABELS: Record<ContractSideStatus, string> = {
  LAUKIA_PARASO: 'Laukia parašo',
  PASIRASYTA: 'Pasirašyta',
  PRASOMA_NUTRAUKTI: 'Prašymas nutraukti sutartį',
  NUTRAUKTA: 'Nutraukta',
  NEGALIOJA: 'Negalioja',
};

/** The contract as a whole. */
export const ContractPhase = {
  /** K1: the number and the document are being prepared (for SMPKR programmes: awaiting "Mokinių registras", NUM-11). */
  Preparing: 'RENGIAMA',
  /** CON-21: signing cannot start while numbering (NUM-5) or the programme's contract information (PROG-18) is missing. */
  Blocked: 'SUSTABDYTA',
  /** K2, K3: awaiting the parties' signatures. */
  Signing: 'PASIRASOMA',
  /** K4, CON-18: every party has signed. */
  InForce: 'GALIOJA',
  Terminated: 'NUTRAUKTA',
  /** K5: not signed by every party when delivery started. */
  Voided: 'NEGALIOJA',
} as const;
export type ContractPhase = (typeof ContractPhase)[keyof typeof ContractPhase];

export const CONTRACT_PHASE_LABELS: Record<ContractPhase, string> = {
  RENGIAMA: 'Rengiama',
  SUSTABDYTA: 'Pasirašyti negalima',
  PASIRASOMA: 'Pasirašoma',
  GALIOJA: 'Galioja',
  NUTRAUKTA: 'Nutraukta',
  NEGALIOJA: 'Negalioja',
};

/** A party of the contract. */
export type ContractParty = 'participant' | 'provider' | 'employer';

/** Why a contract was terminated (CON-9, CON-10): the participant's request, or one of the provider's two grounds. */
export const TerminationGround = {
  ParticipantRequest: 'DALYVIO_PRASYMAS',
  ProviderNonFulfilment: 'TEIKEJO_ISIPAREIGOJIMAI',
  ParticipantNonFulfilment: 'DALYVIO_ISIPAREIGOJIMAI',
} as const;
export type TerminationGround = (typeof TerminationGround)[keyof typeof TerminationGround];

export const TERMINATION_GROUND_LABELS: Record<TerminationGround, string> = {
  DALYVIO_PRASYMAS: 'Mokymo dalyvio prašymas nutraukti sutartį',
  TEIKEJO_ISIPAREIGOJIMAI: 'Mokymo teikėjo įsipareigojimų nevykdymas',
  DALYVIO_ISIPAREIGOJIMAI: 'Mokymo dalyvio įsipareigojimų nevykdymas',
};

export const TERMINATION_REASON_MAX = 2000;

export interface ContractSides {
  participant: ContractSideStatus;
  provider: ContractSideStatus;
  /** Only for a trilateral (UŽT apprenticeship) contract (CON-22). */
  employer: ContractSideStatus | null;
}

/** K4 (CON-18): in force once every party has signed, in any order. */
export function allSigned(s: ContractSides): boolean {
  const signedOrAsking = (x: ContractSideStatus) => x === ContractSideStatus.Signed || x === ContractSideStatus.TerminationRequested;
  return (
    signedOrAsking(s.participant) &&
    s.provider === ContractSideStatus.Signed &&
    (s.employer === null || s.employer === ContractSideStatus.Signed)
  );
}

/** Why `party` cannot sign now (a Lithuanian message), or null when it may. */
export function signingRefusal(phase: ContractPhase, sides: ContractSides, party: ContractParty): string | null {
  switch (phase) {
    case ContractPhase.Preparing:
      return 'Sutartis dar rengiama: pasirašyti bus galima, kai ji bus parengta.';
    case ContractPhase.Blocked:
      return 'Sutarties pasirašyti dar negalima: mokymo teikėjas turi užpildyti trūkstamą informaciją.';
    case ContractPhase.Terminated:
      return 'Sutartis nutraukta: jos pasirašyti nebegalima.';
    case ContractPhase.Voided:
      return 'Sutartis negalioja: ji nebuvo pasirašyta iki mokymosi programos vykdymo pradžios.';
    default:
      break;
  }
  const side = party === 'participant' ? sides.participant : party === 'provider' ? sides.provider : sides.employer;
  if (side === null) return 'Ši sutartis nėra trišalė: darbdavio atstovas jos nepasirašo.';
  if (side !== ContractSideStatus.AwaitingSignature) return 'Sutartį jau pasirašėte.';
  return null;
}

/** K6: why the participant cannot ask to terminate now, or null. */
export function terminationRequestRefusal(phase: ContractPhase, sides: ContractSides): string | null {
  if (phase !== ContractPhase.InForce)
    return 'Prašymą nutraukti galima pateikti tik dėl galiojančios (abiejų šalių pasirašytos) sutarties.';
  if (sides.participant === ContractSideStatus.TerminationRequested) return 'Prašymą nutraukti sutartį jau pateikėte.';
  return null;
}

/** K7, K8 (CON-8..CON-11): why the provider cannot terminate on this ground with this reason, or null. */
export function terminationRefusal(
  phase: ContractPhase,
  sides: ContractSides,
  ground: string | undefined,
  reason: string | undefined,
): { field: 'ground' | 'reason' | null; message: string } | null {
  if (phase === ContractPhase.Terminated) return { field: null, message: 'Sutartis jau nutraukta.' };
  if (phase !== ContractPhase.InForce) return { field: null, message: 'Nutraukti galima tik galiojančią (visų šalių pasirašytą) sutartį.' };
  const asked = sides.participant === ContractSideStatus.TerminationRequested;
  const allowed: readonly string[] = asked
    ? [TerminationGround.ParticipantRequest, TerminationGround.ProviderNonFulfilment, TerminationGround.ParticipantNonFulfilment]
    : [TerminationGround.ProviderNonFulfilment, TerminationGround.ParticipantNonFulfilment];
  if (!ground || !allowed.includes(ground)) return { field: 'ground', message: 'Pasirinkite sutarties nutraukimo pagrindą.' };
  const text = (reason ?? '').trim();
  if (ground === TerminationGround.ParticipantNonFulfilment && text === '')
    return { field: 'reason', message: 'Nurodykite mokymosi sutarties nutraukimo priežastį.' };
  if (text.length > TERMINATION_REASON_MAX)
    return { field: 'reason', message: `Nutraukimo priežastis – ne daugiau kaip ${TERMINATION_REASON_MAX} simbolių.` };
  return null;
}
