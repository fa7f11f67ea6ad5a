// Lifecycle L1 of a training group ("Grupės būsena", GRP-20..GRP-45), as pure rules.
// Status values are the manual's exact Lithuanian terms; they are stored and shown as they are.

export const GroupStatus = {
  Draft: 'Kuriama',
  Published: 'Skelbiama',
  InDelivery: 'Vykdoma',
  Completed: 'Užbaigta',
  NotDelivered: 'Nevykdoma',
  Suspended: 'Sustabdyta',
} as const;

export type GroupStatus = (typeof GroupStatus)[keyof typeof GroupStatus];

/** In the manual's order (PROG-7). */
export const GROUP_STATUSES: readonly GroupStatus[] = [
  GroupStatus.Draft,
  GroupStatus.Published,
  GroupStatus.InDelivery,
  GroupStatus.Completed,
  GroupStatus.NotDelivered,
  GroupStatus.Suspended,
];

export function isGroupStatus(value: unknown): value is GroupStatus {
  return typeof value === 'string' && (GROUP_STATUSES as readonly string[]).includes(value);
}

/** GRP-28, GRP-29: "Grupės informacija" is editable only while the group is "Kuriama". */
export function isGroupInfoEditable(status: GroupStatus): boolean {
  return status === GroupStatus.Draft;
}

/** GRP-43: "Užbaigta", "Nevykdoma" and "Sustabdyta" are terminal for the provider. */
export function isTerminalForProvider(status: GroupStatus): boolean {
  return status === GroupStatus.Completed || status === GroupStatus.NotDelivered || status === GroupStatus.Suspended;
}

/** What the guards of L1 need to know about a group, at a given Vilnius date. */
export interface GroupTransitionFacts {
  today: string; // 'YYYY-MM-DD' in Vilnius
  programmeStart: string | null;
  programmeEnd: string | null;
  /** Active registrations (GRP-46): registered, not rejected, removed, cancelled or withdrawn. */
  activeRegistrations: number;
  /** Problems that block publishing (GRP-40), in Lithuanian; empty when the group may be published. */
  publishProblems: readonly string[];
  /**
   * G9's guard (issue 13): how many participants with a contract in force still lack a confirmed
   * outcome (group-completion.ts), and the refusal naming them. Absent: not known here — the
   * workflow reads it from Postgres under its lock when "Užbaigta" is asked for.
   */
  outcomes?: { missing: number; refusal: string | null };
}

export interface TransitionOption {
  to: GroupStatus;
  allowed: boolean;
  /** Why not, in Lithuanian, when not allowed. */
  reason?: string;
  /** L1 row. */
  rule: string;
  /** The change needs a reason (a suspension). */
  needsReason?: boolean;
}

/** Why a group was suspended ("Sustabdyta"): the provider must say (issue 5; GRP-26, GRP-44). */
export const SUSPENSION_REASON_LABEL = 'Sustabdymo priežastis';
export const SUSPENSION_REASON_MAX = 1000;

/** The reason given for a change to `to`, checked: a suspension needs one, other changes take none. */
export function checkStatusReason(
  to: GroupStatus,
  reason: string | undefined,
): { ok: true; reason: string | null } | { ok: false; message: string } {
  if (to !== GroupStatus.Suspended) return { ok: true, reason: null };
  const text = (reason ?? '').trim();
  if (text === '') return { ok: false, message: `Nurodykite sustabdymo priežastį („${SUSPENSION_REASON_LABEL}“).` };
  if (text.length > SUSPENSION_REASON_MAX)
    return { ok: false, message: `Sustabdymo priežastis – ne daugiau kaip ${SUSPENSION_REASON_MAX} simbolių.` };
  return { ok: true, reason: text };
}

/** G10 as issue 5 sets it: the provider suspends a group that is not finished, giving a reason. */
const SUSPEND: TransitionOption = { to: GroupStatus.Suspended, allowed: true, rule: 'G10', needsReason: true };

/**
 * The status changes a provider may ask for from `from` (GRP-43), each with its guard evaluated.
 * Automatic (system) transitions (G4, G7) and lifting a suspension (G11, the operator's) are not offered here.
 */
export function providerTransitions(from: GroupStatus, facts: GroupTransitionFacts): TransitionOption[] {
  const beforeStart = facts.programmeStart !== null && facts.today < facts.programmeStart;
  const endReached = facts.programmeEnd !== null && facts.today >= facts.programmeEnd;
  switch (from) {
    case GroupStatus.Draft:
      return [
        facts.publishProblems.length === 0
          ? { to: GroupStatus.Published, allowed: true, rule: 'G2' }
          : { to: GroupStatus.Published, allowed: false, reason: facts.publishProblems.join(' '), rule: 'G2' },
        SUSPEND,
      ];
    case GroupStatus.Published:
      return [
        facts.activeRegistrations === 0
          ? { to: GroupStatus.Draft, allowed: true, rule: 'G3' }
          : {
              to: GroupStatus.Draft,
              allowed: false,
              reason: 'Grupėje yra užsiregistravusių asmenų, todėl jos grąžinti į būseną „Kuriama“ negalima.',
              rule: 'G3',
            },
        { to: GroupStatus.InDelivery, allowed: true, rule: 'G5' },
        { to: GroupStatus.NotDelivered, allowed: true, rule: 'G6' },
        SUSPEND,
      ];
    case GroupStatus.InDelivery:
      return [
        beforeStart
          ? { to: GroupStatus.NotDelivered, allowed: true, rule: 'G8' }
          : {
              to: GroupStatus.NotDelivered,
              allowed: false,
              reason: 'Mokymų nevykdyti galima nuspręsti tik iki mokymosi programos vykdymo pradžios.',
              rule: 'G8',
            },
        !endReached
          ? {
              to: GroupStatus.Completed,
              allowed: false,
              reason: 'Grupę užbaigti galima tik nuo mokymosi programos vykdymo pabaigos datos.',
              rule: 'G9',
            }
          : facts.outcomes && facts.outcomes.missing > 0
            ? { to: GroupStatus.Completed, allowed: false, reason: facts.outcomes.refusal ?? '', rule: 'G9' }
            : { to: GroupStatus.Completed, allowed: true, rule: 'G9' },
        SUSPEND,
      ];
    default:
      return [];
  }
}

/** The guard result for one requested change; a change not offered at all is refused with a reason. */
export function checkProviderTransition(
  from: GroupStatus,
  to: GroupStatus,
  facts: GroupTransitionFacts,
): { allowed: true; rule: string } | { allowed: false; reason: string } {
  if (from === to) return { allowed: false, reason: `Grupės būsena jau yra „${to}“.` };
  const option = providerTransitions(from, facts).find((o) => o.to === to);
  if (!option) return { allowed: false, reason: `Grupės būsenos pakeisti iš „${from}“ į „${to}“ negalima.` };
  if (!option.allowed) return { allowed: false, reason: option.reason ?? '' };
  return { allowed: true, rule: option.rule };
}
