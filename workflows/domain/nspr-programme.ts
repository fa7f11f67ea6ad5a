// An NŠPR programme (Neformaliojo švietimo programų registras) as IMP IS reads and keeps it
// (PROG-1a, PROG-2, PROG-5, PROG-20, EXT-6): the record the registry client returns, the refresh
// copies into programmes.nspr_data and the programme page shows, and which of them IMP IS offers.
import type { TrainingMode } from './licensed-programme.ts';

/** Registration status: registered, suspended ("sustabdyta") or deregistered ("išregistruota"). */
export type NsprStatus = 'ACTIVE' | 'SUSPENDED' | 'DEREGISTERED';
/** The KPMPC evaluation result: positive, negative, or not evaluated yet. */
export type KpmpcResult = 'POSITIVE' | 'NEGATIVE' | 'PENDING';

export interface NsprProgramme {
  /** NŠPR programme code, e.g. "NSP-2024-0101". */
  code: string;
  name: string;
  /** The provider: a legal entity code (ŠMIR). */
  institutionCode: string;
  /** Programme aim and short description. */
  description: string;
  /** Švietimo sritis / kryptis, e.g. "Informacinės ir komunikacinės technologijos". */
  field: string;
  /** Tikslinė grupė. */
  targetGroup: string;
  /** Mokymo kalbos, in Lithuanian ("lietuvių", "anglų", …). */
  languages: string[];
  /** Academic hours: contact (kontaktinės), independent (savarankiško darbo), and their total. */
  hours: { contact: number; independent: number; total: number };
  /** "Mokymo būdas", when NŠPR records one (null otherwise). */
  trainingMode: TrainingMode | null;
  /** Adapted to IMP IS ("pritaikyta IMP IS"). */
  impAdapted: boolean;
  kpmpc: { result: KpmpcResult; decidedOn: string | null; decisionNumber: string | null };
  status: NsprStatus;
  registeredOn: string;
  suspendedOn: string | null;
  deregisteredOn: string | null;
  /** Why the programme was suspended or deregistered (shown in the remarks column, PROG-5). */
  statusReason: string | null;
  /** Last edit in NŠPR. */
  lastEditedOn: string;
}

/**
 * PROG-1(a): an NŠPR programme is offered in IMP IS when it is adapted to IMP IS, registered (not
 * suspended or deregistered) and positively evaluated by KPMPC.
 */
export function isOfferedInImp(p: Pick<NsprProgramme, 'impAdapted' | 'status' | 'kpmpc'>): boolean {
  return p.impAdapted && p.status === 'ACTIVE' && p.kpmpc.result === 'POSITIVE';
}
