// Messages of the MonitoringProtocol workflow (lifecycle L7, one per KPMPC protocol). Names are
// recorded in histories: never rename one.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { ProtocolContent, ProtocolStatus, ProviderChoice } from '../domain/monitoring-protocol.ts';

export interface MonitoringProtocolInput {
  protocolId: string;
  groupId: string;
  institutionId: string;
  programmeId: string;
  /** staff_members.id of the observer who creates it (MON-2, MON-7). */
  observerId: string;
  /**
   * For operators and tests only: the provider's reminder this long after the release instead of at
   * the end of the 5th working day (MON-8, signatureReminderAt).
   */
  reminderAfterMs?: number;
}

/** The KPMPC observer who acts (a STEBETOJAS person session), for the audit row. */
export interface ObserverActor {
  observerId: string;
  personKey: string;
  requestId: string;
}

/** M1: the observer creates or edits the draft (MON-7); the first one starts the workflow (update-with-start). */
export interface SaveProtocolCommand {
  actor: ObserverActor;
  content: ProtocolContent;
}

/** M2: the observer releases the draft to the provider (MON-7). */
export interface ReleaseProtocolCommand {
  actor: ObserverActor;
}

/** The provider's user who signs (OQ-55: the logged-in, VIISP-authenticated user; MON-9). */
export interface ProtocolSigner {
  userId: string;
  institutionId: string;
  personalCodeHash: string;
  name: string;
}

/** M4: the provider reads, optionally writes observations, agrees or disagrees and signs (MON-3..MON-5, MON-9). */
export interface SignProtocolCommand {
  signer: ProtocolSigner;
  choice: ProviderChoice;
  observations?: string | null;
  requestId: string;
}

export interface ProtocolCommandResult {
  status: ProtocolStatus;
  version: number;
}

export interface MonitoringProtocolState {
  /** null until the first save. */
  status: ProtocolStatus | null;
  version: number;
  content: ProtocolContent | null;
  releasedAt: string | null;
  remindAt: string | null;
  reminded: boolean;
  signedAt: string | null;
}

export const saveProtocolUpdate = defineUpdate<ProtocolCommandResult, [SaveProtocolCommand]>('saveProtocol');
export const releaseProtocolUpdate = defineUpdate<ProtocolCommandResult, [ReleaseProtocolCommand]>('releaseProtocol');
export const signProtocolUpdate = defineUpdate<ProtocolCommandResult, [SignProtocolCommand]>('signProtocol');
export const monitoringProtocolStateQuery = defineQuery<MonitoringProtocolState>('monitoringProtocolState');
