// The changes a training group goes through, each a named kind, and what each one writes: the
// projection the group workflow sends to Postgres (activities/training-group.ts) and the state it
// takes once that write has succeeded. Pure: the workflow passes its state and the clock in.
import type { TrainingGroupProjection } from '../../activities/training-group.ts';
import type { DeadlineProgress, GroupDeadlines } from '../domain/group-deadlines.ts';
import type { GroupInfo } from '../domain/group-info.ts';
import { GroupStatus } from '../domain/group-status.ts';
import { isActiveRegistration, RegistrationStatus } from '../domain/registration.ts';
import type { UztProviderData } from '../domain/uzt-coupon.ts';
import type { Actor, TrainingGroupState } from './messages.ts';

type Registrations = NonNullable<TrainingGroupState['registrations']>;
type NewRegistration = NonNullable<TrainingGroupProjection['newRegistrations']>[number];
type Facts = Pick<
  TrainingGroupState,
  'decisionDueAt' | 'contractSigningStartedAt' | 'completionRecordedAt' | 'statusBeforeSuspension' | 'deliveryBlockedReason'
>;
type SystemActor = { system: string };

/** Every change of a group, by name. */
export type GroupChange =
  | { kind: 'created'; info: GroupInfo; deadlines: GroupDeadlines; actor: Actor }
  | { kind: 'infoSaved'; info: GroupInfo; deadlines: GroupDeadlines; actor: Actor }
  /** A provider's or the system's change of "Grupės būsena" (G2..G9), with what entering the status does. */
  | { kind: 'statusChanged'; to: GroupStatus; actor: Actor | SystemActor; reason: string | null; progress?: Partial<DeadlineProgress> }
  /** G11: the operator lifts "Sustabdyta". */
  | { kind: 'suspensionLifted'; to: GroupStatus; operator: string; reason: string }
  /** P1: registrations accepted together (group commit). */
  | { kind: 'registered'; registrations: NewRegistration[] }
  /** P1 as recorded before the group commit (one registration per projection). */
  | { kind: 'registeredOne'; registration: NewRegistration }
  | { kind: 'withdrawn'; registrationId: string }
  /** PART-7, PART-8, UZT-14, UZT-15: the provider's decision; a UŽT approval carries the provider's UŽT data. */
  | {
      kind: 'decided';
      registrationId: string;
      to: RegistrationStatus;
      actor: Actor;
      reason: string | null;
      invite: boolean;
      uztData?: UztProviderData;
    }
  /** UZT-13: UŽT rejected the coupon. */
  | { kind: 'couponRejected'; registrationId: string; reason: string }
  /** UZT-17: UŽT approved the coupon: the contract invitation goes out. */
  | { kind: 'couponApproved'; registrationId: string }
  | { kind: 'contractSigned'; registrationId: string }
  | { kind: 'completionRecorded'; at: string }
  /** G4 below the minimum: registration closes and the provider decides by delivery start (GRP-32). */
  | { kind: 'awaitingDecision' }
  /** G4 with the minimum reached but what publishing required unmet (OQ-12): the provider fixes it and decides (G5). */
  | { kind: 'deliveryBlocked'; problems: string }
  /** G7 with signed contracts: delivery starts, the unsigned are deregistered (CON-6) — but those whose contract workflow owns that (`contractOwned`). */
  | { kind: 'deliveryStarted'; contractOwned?: readonly string[] }
  /** K5, CON-25: the participant's contract was not signed by every party by the programme start. */
  | { kind: 'contractVoided'; registrationId: string };

/** What a change writes and what the state becomes once it is written. */
export interface Projection {
  status: GroupStatus;
  info: GroupInfo;
  deadlines: GroupDeadlines;
  action: TrainingGroupProjection['action'];
  actor: Actor | SystemActor;
  statusReason?: string | null;
  newRegistration?: NewRegistration;
  newRegistrations?: NewRegistration[];
  registrationChange?: TrainingGroupProjection['registrationChange'];
  couponProviderData?: TrainingGroupProjection['couponProviderData'];
  inviteApproved?: boolean;
  inviteIds?: string[];
  /** Lifecycle facts this change sets. */
  set: Partial<Facts>;
  /** Registration statuses this change sets. */
  registrationStatuses: Registrations;
  /** What this change does to the deadlines' progress. */
  progress: Partial<DeadlineProgress>;
}

export interface ChangeContext {
  state: TrainingGroupState;
  registrations: Registrations;
  now: number;
  /** Whether the group runs with its lifecycle (patch 'lifecycle-timers'); histories before it had none. */
  lifecycle: boolean;
}

const NOTICE = {
  [RegistrationStatus.Approved]: 'APPROVED',
  [RegistrationStatus.Rejected]: 'REJECTED',
  [RegistrationStatus.Removed]: 'REMOVED',
} as const;

/** The projection of one change, given the group's state. */
export function projectionOf(change: GroupChange, ctx: ChangeContext): Projection {
  const { state } = ctx;
  const base = {
    status: state.status,
    info: state.info!,
    deadlines: state.deadlines!,
    set: {},
    registrationStatuses: {},
    progress: {},
  };
  switch (change.kind) {
    case 'created':
      return { ...base, status: GroupStatus.Draft, info: change.info, deadlines: change.deadlines, action: 'create', actor: change.actor };
    case 'infoSaved':
      // New dates move the deadlines (the timers follow them in the main loop).
      return { ...base, info: change.info, deadlines: change.deadlines, action: 'update', actor: change.actor };
    case 'statusChanged': {
      const entered = entering(change.to, ctx);
      return {
        ...base,
        ...entered,
        status: change.to,
        action: 'status',
        actor: change.actor,
        statusReason: change.reason,
        progress: { ...entered.progress, ...change.progress },
      };
    }
    case 'suspensionLifted':
      // The deadlines that passed while suspended are handled at once by the main loop.
      return {
        ...base,
        status: change.to,
        action: 'status',
        actor: { system: `G11: ${change.operator} – ${change.reason}` },
        statusReason: null,
        set: { statusBeforeSuspension: null },
      };
    case 'registered':
      return {
        ...base,
        action: 'registration',
        actor: { system: 'P1' },
        newRegistrations: change.registrations,
        registrationStatuses: Object.fromEntries(change.registrations.map((r) => [r.id, registeredAs(r)])),
      };
    case 'registeredOne':
      return {
        ...base,
        action: 'registration',
        actor: { system: 'P1' },
        newRegistration: change.registration,
        registrationStatuses: { [change.registration.id]: registeredAs(change.registration) },
      };
    case 'withdrawn':
      return {
        ...base,
        action: 'registration',
        actor: { system: 'withdrawal' },
        ...moveRegistrations(ctx, [change.registrationId], RegistrationStatus.Withdrawn, null, null),
      };
    case 'decided': {
      const moved = moveRegistrations(
        ctx,
        [change.registrationId],
        change.to,
        change.reason,
        NOTICE[change.to as keyof typeof NOTICE] ?? null,
      );
      return {
        ...base,
        action: 'registration',
        actor: change.actor,
        ...moved,
        registrationChange: { ...moved.registrationChange, decidedBy: change.actor.userId },
        ...(change.invite ? { inviteIds: [change.registrationId] } : {}),
        ...(change.uztData ? { couponProviderData: { registrationId: change.registrationId, data: change.uztData } } : {}),
      };
    }
    case 'couponRejected':
      return {
        ...base,
        action: 'registration',
        actor: { system: 'C4' },
        ...moveRegistrations(ctx, [change.registrationId], RegistrationStatus.Cancelled, change.reason, 'COUPON_REJECTED'),
      };
    case 'couponApproved':
      return { ...base, action: 'registration', actor: { system: 'C3' }, inviteIds: [change.registrationId] };
    case 'contractSigned':
      return {
        ...base,
        action: 'contract',
        actor: { system: 'S0' },
        ...moveRegistrations(ctx, [change.registrationId], RegistrationStatus.Contracted, null, null),
      };
    case 'completionRecorded':
      return { ...base, action: 'completion', actor: { system: 'DONE' }, set: { completionRecordedAt: change.at } };
    case 'awaitingDecision':
      return {
        ...base,
        action: 'deadline',
        actor: { system: 'G4' },
        set: { decisionDueAt: state.deadlines!.programmeStartsAt },
        progress: { registrationClosed: true },
      };
    case 'deliveryBlocked':
      return {
        ...base,
        action: 'deadline',
        actor: { system: 'G4' },
        set: { decisionDueAt: state.deadlines!.programmeStartsAt, deliveryBlockedReason: change.problems },
        progress: { registrationClosed: true },
      };
    case 'contractVoided':
      return {
        ...base,
        action: 'contract',
        actor: { system: 'K5' },
        ...moveRegistrations(ctx, [change.registrationId], RegistrationStatus.DeregisteredNoContract, null, 'NO_CONTRACT'),
      };
    case 'deliveryStarted': {
      const owned = new Set(change.contractOwned ?? []);
      const ids = activeIds(ctx, (s) => s === RegistrationStatus.Contracted).filter((id) => !owned.has(id));
      return {
        ...base,
        action: 'deadline',
        actor: { system: 'G7' },
        ...moveRegistrations(ctx, ids, RegistrationStatus.DeregisteredNoContract, null, 'NO_CONTRACT'),
        progress: { registrationClosed: true, programmeStarted: true },
      };
    }
  }
}

function registeredAs(r: NewRegistration): Registrations[string] {
  return { personKey: r.personKey, status: RegistrationStatus.Registered, funding: r.funding };
}

type Notice = NonNullable<TrainingGroupProjection['registrationChange']>['notice'];

function moveRegistrations(ctx: ChangeContext, ids: string[], to: RegistrationStatus, reason: string | null, notice: Notice) {
  return {
    registrationChange: { ids, to, reason, notice },
    registrationStatuses: Object.fromEntries(ids.map((id) => [id, { ...ctx.registrations[id]!, status: to }])),
  };
}

/** The active registrations, except those `keep` keeps. */
function activeIds(ctx: ChangeContext, keep: (s: RegistrationStatus) => boolean): string[] {
  return Object.entries(ctx.registrations)
    .filter(([, r]) => isActiveRegistration(r.status) && !keep(r.status))
    .map(([id]) => id);
}

/** The side effects of entering a status (GRP-33, GRP-34), on top of the status change itself. */
function entering(to: GroupStatus, ctx: ChangeContext): Partial<Projection> & { progress: Partial<DeadlineProgress> } {
  if (!ctx.lifecycle) return { progress: {} };
  const at = new Date(ctx.now).toISOString();
  switch (to) {
    case GroupStatus.InDelivery:
      // Contract signing starts (the contract lifecycle builds the contracts); registration closes (OQ-53).
      return {
        set: { contractSigningStartedAt: at, decisionDueAt: null, deliveryBlockedReason: null },
        inviteApproved: true,
        progress: { registrationClosed: true },
      };
    case GroupStatus.NotDelivered:
      // GRP-33: everyone still registered is deregistered and told the group did not form.
      return {
        set: { decisionDueAt: null, deliveryBlockedReason: null },
        ...moveRegistrations(
          ctx,
          activeIds(ctx, () => false),
          RegistrationStatus.DeregisteredNotFormed,
          null,
          'GROUP_NOT_FORMED',
        ),
        progress: {},
      };
    case GroupStatus.Suspended:
      return { set: { statusBeforeSuspension: ctx.state.status }, progress: {} };
    case GroupStatus.Draft:
      // Back to "Kuriama" (G3): the deadlines start over with the next publication.
      return {
        set: { decisionDueAt: null, deliveryBlockedReason: null },
        progress: { registrationClosed: false, programmeStarted: false },
      };
    default:
      return { progress: {} };
  }
}
