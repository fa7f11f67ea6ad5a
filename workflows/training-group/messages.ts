// Messages of the TrainingGroup workflow. Names are recorded in histories: never rename one.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { DeadlineProgress, GroupDeadlines } from '../domain/group-deadlines.ts';
import type { FundingSource, GroupInfo } from '../domain/group-info.ts';
import type { GroupStatus } from '../domain/group-status.ts';
import type { RegistrationStatus } from '../domain/registration.ts';
import type { UztProviderData } from '../domain/uzt-coupon.ts';
import type { CouponSectionII } from '../uzt-coupon/messages.ts';

/** Who sends a command, for which institution, in which web request (audit, GEN-9). */
export interface Actor {
  userId: string;
  institutionId: string;
  requestId: string;
  /** For the audit row (GEN-9); absent in histories recorded before it existed. */
  personalCodeHash?: string;
}

export interface TrainingGroupInput {
  groupId: string;
  institutionId: string;
  programmeId: string;
  programmeCode: string;
  programmeName: string;
  /** The state carried over by continue-as-new; absent on the first run. */
  resume?: TrainingGroupState;
  /** Continue as new after this many history events even before the server suggests it (tests). */
  historyEventLimit?: number;
}

export interface CreateGroupCommand {
  actor: Actor;
  info: GroupInfo;
  /**
   * When registration closes and delivery starts. Web never sends them: the workflow derives them
   * from the dates (groupDeadlines). An operator or a test may give instants explicitly.
   */
  deadlines?: GroupDeadlines;
}

export interface SaveGroupInfoCommand {
  actor: Actor;
  info: GroupInfo;
  /** As in CreateGroupCommand: derived from the dates unless given. */
  deadlines?: GroupDeadlines;
}

export interface ChangeGroupStatusCommand {
  actor: Actor;
  to: GroupStatus;
  /** Required for "Sustabdyta" (checkStatusReason); absent in histories recorded before it existed. */
  reason?: string;
}

export interface GroupCommandResult {
  status: GroupStatus;
  version: number;
}

/** A participant as the registration brings them (PORTAL-3); the personal code only as a keyed hash. */
export interface RegisteringPerson {
  personKey: string;
  /** The participant's KURSUOK account (absent in histories recorded before the portal). */
  participantId?: string;
  firstName: string;
  lastName: string;
  email: string;
  phone?: string;
}

/** A participant registers for the group (P1, GRP-41); updateId = registrationId. */
export interface RegisterParticipantCommand {
  registrationId: string;
  person: RegisteringPerson;
  funding: FundingSource;
  /**
   * UŽT funding (UZT-10): the coupon number the participant gave; the group starts the coupon's
   * workflow (C1) with the registration. `uztDecisionTimeoutMs` is UŽT's time to decide, given only
   * by an operator or a test (default in the coupon workflow: 30 days).
   */
  coupon?: { number: string; uztDecisionTimeoutMs?: number };
}

/** The participant withdraws their own registration (L2 "Withdrawn"). */
export interface WithdrawRegistrationCommand {
  registrationId: string;
  personKey: string;
}

export interface RegistrationResult {
  registrationId: string;
  status: RegistrationStatus;
  activeRegistrations: number;
}

/** The provider's decision on a registration (PART-7, PART-8, UZT-14, UZT-15); updateId = the form's key. */
export interface DecideRegistrationCommand {
  actor: Actor;
  registrationId: string;
  decision: 'APPROVE' | 'REJECT' | 'REMOVE';
  /** Required for REMOVE ("Mokymo dalyvį pašalinti iš mokymo grupės"). */
  reason?: string;
  /**
   * APPROVE of a UŽT registration (UZT-11, UZT-14, UZT-16): the provider's UŽT data, stored with the
   * approval, and Section II, which the group hands to the coupon's workflow to send to UŽT (C2).
   */
  uzt?: { providerData: UztProviderData; sectionII: CouponSectionII };
}

/** UŽT rejected the participant's coupon (UZT-13): the registration is cancelled (sent by the coupon lifecycle). */
export interface RegistrationCancelledEvent {
  registrationId: string;
  reason: string;
}

/** UŽT approved the participant's coupon (UZT-17): the contract invitation may go out. */
export interface CouponApprovedEvent {
  registrationId: string;
}

/** A learning contract of the group was signed by both parties (sent by the contract lifecycle). */
export interface ContractSignedEvent {
  registrationId: string;
}

/**
 * The completion lists of the group are recorded. Nothing sends it any more: G9 reads the participants'
 * outcomes from Postgres (patch 'completion-outcomes'); kept for histories that have it.
 */
export interface CompletionRecordedEvent {
  recordedAt: string;
}

export interface TrainingGroupState {
  created: boolean;
  status: GroupStatus;
  version: number;
  info: GroupInfo | null;
  activeRegistrations: number;
  /** Below: absent in histories recorded before the lifecycle timers (patch 'lifecycle-timers'). */
  deadlines?: GroupDeadlines | null;
  progress?: DeadlineProgress;
  /** Registration ended below the minimum: the provider decides by this instant (GRP-32). */
  decisionDueAt?: string | null;
  contractSigningStartedAt?: string | null;
  completionRecordedAt?: string | null;
  registrations?: Record<string, { personKey: string; status: RegistrationStatus; funding?: FundingSource }>;
  signedContracts?: number;
  /** Outbox e-mails queued by projections and not yet delivered. */
  pendingEmails?: string[];
  /** The status a suspension interrupted (G11 returns to it). */
  statusBeforeSuspension?: GroupStatus | null;
  /** OQ-12: the automatic G4 found what publishing required unmet; why (cleared by the next status change). */
  deliveryBlockedReason?: string | null;
  /** Registrations whose LearningContract workflow is still to start, and those started (issue 12). */
  pendingContracts?: string[];
  contracts?: string[];
  /**
   * GRP-45: when the group completes by itself and reminds its administrators, derived from the end date
   * and the configured grace period once delivery started (unless `deadlines` gives them); absent before.
   */
  autoCompletion?: { autoCompletesAt: string; completionReminderAt: string } | null;
}

/** "Sukurti naują mokymo grupę" (GRP-1, GRP-27). */
export const createGroupUpdate = defineUpdate<GroupCommandResult, [CreateGroupCommand]>('createGroup');
/** Saving "Grupės informacija" while "Kuriama" (GRP-28). */
export const saveGroupInfoUpdate = defineUpdate<GroupCommandResult, [SaveGroupInfoCommand]>('saveGroupInfo');
/** A provider's change of "Grupės būsena" (GRP-43). */
export const changeGroupStatusUpdate = defineUpdate<GroupCommandResult, [ChangeGroupStatusCommand]>('changeGroupStatus');
/** G11 (OQ-24): the platform operator lifts a suspension; the group returns to its previous status. */
export interface LiftSuspensionCommand {
  /** Who lifts it (the operator's name or account), for the audit row. */
  operator: string;
  reason: string;
}

/** A participant's registration reaches the group (P1); the group never exceeds its maximum. */
export const registerParticipantUpdate = defineUpdate<RegistrationResult, [RegisterParticipantCommand]>('registerParticipant');
/** A participant withdraws their registration. */
export const withdrawRegistrationUpdate = defineUpdate<RegistrationResult, [WithdrawRegistrationCommand]>('withdrawRegistration');
/** The provider approves, rejects or removes a registration. */
export const decideRegistrationUpdate = defineUpdate<RegistrationResult, [DecideRegistrationCommand]>('decideRegistration');
export const registrationCancelledSignal = defineSignal<[RegistrationCancelledEvent]>('registrationCancelled');
export const couponApprovedSignal = defineSignal<[CouponApprovedEvent]>('couponApproved');
export const contractSignedSignal = defineSignal<[ContractSignedEvent]>('contractSigned');
/** CON-25: the contract was not signed by every party by the programme start; the participant is deregistered. */
export const contractVoidedSignal = defineSignal<[ContractSignedEvent]>('contractVoided');
export const completionRecordedSignal = defineSignal<[CompletionRecordedEvent]>('completionRecorded');
/** The operator lifts "Sustabdyta" (G11); sent from the Temporal UI or CLI. */
export const liftSuspensionUpdate = defineUpdate<GroupCommandResult, [LiftSuspensionCommand]>('liftSuspension');
/**
 * G10 by the platform operator (MON-10, OQ-40): a KPMPC protocol found critical deficiencies and the
 * operator suspends the group from the Temporal UI or CLI; lifted with liftSuspension, as any suspension.
 */
export interface OperatorSuspensionCommand {
  /** Who suspends (the operator's name or account), for the audit row. */
  operator: string;
  /** Why, e.g. the protocol's number and its critical deficiencies. */
  reason: string;
}
export const suspendGroupUpdate = defineUpdate<GroupCommandResult, [OperatorSuspensionCommand]>('suspendGroup');
export const groupStateQuery = defineQuery<TrainingGroupState>('groupState');
