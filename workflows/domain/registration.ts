// A participant's registration in a training group (L2) as the group sees it: whether it counts
// (GRP-46), and whether a new one may be accepted (GRP-41, OQ-23). The statuses' Lithuanian labels
// are OQ-51's suggestions, not the manual's.
import { FundingSource, type GroupInfo } from './group-info.ts';
import { GroupStatus } from './group-status.ts';

export const RegistrationStatus = {
  Registered: 'REGISTERED',
  Approved: 'APPROVED',
  Contracted: 'CONTRACTED',
  Rejected: 'REJECTED',
  Removed: 'REMOVED',
  Cancelled: 'CANCELLED',
  DeregisteredNotFormed: 'DEREGISTERED_NOT_FORMED',
  DeregisteredNoContract: 'DEREGISTERED_NO_CONTRACT',
  Withdrawn: 'WITHDRAWN',
} as const;
export type RegistrationStatus = (typeof RegistrationStatus)[keyof typeof RegistrationStatus];

/** OQ-51 (suggested labels, to confirm with the product owner). */
export const REGISTRATION_STATUS_LABELS: Record<RegistrationStatus, string> = {
  REGISTERED: 'Užsiregistravo',
  APPROVED: 'Patvirtinta',
  CONTRACTED: 'Sutartis pasirašyta',
  REJECTED: 'Atmesta',
  REMOVED: 'Pašalinta',
  CANCELLED: 'Atšaukta',
  DEREGISTERED_NOT_FORMED: 'Išregistruota (grupė nesusiformavo)',
  DEREGISTERED_NO_CONTRACT: 'Išregistruota (nepasirašyta sutartis)',
  WITHDRAWN: 'Atsisakyta',
};

/** GRP-46: a registration counts while it is registered, approved or contracted. */
export const ACTIVE_REGISTRATION_STATUSES: readonly RegistrationStatus[] = [
  RegistrationStatus.Registered,
  RegistrationStatus.Approved,
  RegistrationStatus.Contracted,
];

export function isActiveRegistration(status: RegistrationStatus): boolean {
  return ACTIVE_REGISTRATION_STATUSES.includes(status);
}

export interface RegistrationFacts {
  status: GroupStatus;
  info: Pick<GroupInfo, 'registrationStart' | 'registrationEnd' | 'maxParticipants' | 'fundingSources'>;
  /** Vilnius date and the instant now. */
  today: string;
  now: number;
  registrationClosesAt: number;
  registrationClosed: boolean;
  activeRegistrations: number;
  /** The person already holds an active registration in this group. */
  alreadyRegistered: boolean;
  /**
   * The provider rejected this person's registration in the group or removed her from it (PART-7,
   * PART-8): that decision stands, so she cannot register to the same group again (issue 11, item 6).
   */
  refusedByProvider?: boolean;
  funding: FundingSource;
}

/** GRP-41, OQ-23, PORTAL-3: why a new registration is refused, in Lithuanian; null when it may be accepted. */
export function registrationRefusal(f: RegistrationFacts): string | null {
  if (f.status === GroupStatus.InDelivery) return 'Registracija į šią mokymo grupę baigėsi.';
  if (f.status !== GroupStatus.Published) return 'Į šią mokymo grupę šiuo metu registruotis negalima.';
  if (f.today < f.info.registrationStart) return `Registracija į grupę prasidės ${f.info.registrationStart}.`;
  if (f.registrationClosed || f.now >= f.registrationClosesAt || f.today > f.info.registrationEnd)
    return 'Registracija į šią mokymo grupę baigėsi.';
  if (!f.info.fundingSources.includes(f.funding)) return 'Šioje grupėje pasirinktu finansavimo šaltiniu registruotis negalima.';
  if (f.alreadyRegistered) return 'Jūs jau esate užsiregistravę į šią mokymo grupę.';
  if (f.refusedByProvider)
    return 'Mokymo teikėjas atmetė jūsų registraciją į šią mokymo grupę arba pašalino jus iš jos, todėl užsiregistruoti į ją iš naujo negalima.';
  if (f.activeRegistrations >= f.info.maxParticipants) return 'Grupėje nebėra laisvų vietų.';
  return null;
}

/** Funding a registration can carry (PORTAL-3): the group's own funding sources. */
export function isFundingSource(value: unknown): value is FundingSource {
  return typeof value === 'string' && (Object.values(FundingSource) as string[]).includes(value);
}

type RegistrationDecision = 'APPROVE' | 'REJECT' | 'REMOVE';

/** "Mokymo dalyvį pašalinti iš mokymo grupės" needs a reason (PART-8, UZT-15). */
const REMOVAL_REASON_MAX = 1000;

/**
 * PART-7, PART-8, PART-10: why the provider's decision on a registration is refused, in Lithuanian
 * ('input' when the form is at fault); null when it may be made.
 */
export function registrationDecisionRefusal(f: {
  decision: RegistrationDecision;
  registrationStatus: RegistrationStatus;
  groupStatus: GroupStatus;
  programmeStarted: boolean;
  reason?: string | undefined;
}): { code: 'input' | 'state'; message: string } | null {
  if (f.decision === 'REMOVE') {
    const reason = (f.reason ?? '').trim();
    if (reason === '') return { code: 'input', message: 'Nurodykite mokymo dalyvio pašalinimo iš mokymo grupės priežastį.' };
    if (reason.length > REMOVAL_REASON_MAX)
      return { code: 'input', message: `Pašalinimo priežastis – ne daugiau kaip ${REMOVAL_REASON_MAX} simbolių.` };
    if (f.registrationStatus === RegistrationStatus.Contracted) {
      return { code: 'state', message: 'Mokymosi sutartis jau pasirašyta: dalyvį pašalinti galima tik nutraukus sutartį.' };
    }
    if (!isActiveRegistration(f.registrationStatus)) return { code: 'state', message: 'Ši registracija jau nebegalioja.' };
    return null;
  }
  if (f.groupStatus !== GroupStatus.Published && f.groupStatus !== GroupStatus.InDelivery) {
    return { code: 'state', message: `Registracijų tvirtinti ar atmesti negalima, kai grupės būsena yra „${f.groupStatus}“.` };
  }
  if (f.programmeStarted) return { code: 'state', message: 'Mokymai jau prasidėjo: registracijų tvirtinti ar atmesti nebegalima.' };
  if (f.registrationStatus !== RegistrationStatus.Registered) {
    return {
      code: 'state',
      message: `Sprendimas dėl šios registracijos jau priimtas („${REGISTRATION_STATUS_LABELS[f.registrationStatus]}“).`,
    };
  }
  return null;
}
