// Messages of the TrainingGroup workflow. Names are recorded in histories: never rename one.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { GroupInfo } from '../domain/group-info.ts';
import type { GroupStatus } from '../domain/group-status.ts';

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
}

export interface CreateGroupCommand {
  actor: Actor;
  info: GroupInfo;
}

export interface SaveGroupInfoCommand {
  actor: Actor;
  info: GroupInfo;
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

export interface TrainingGroupState {
  created: boolean;
  status: GroupStatus;
  version: number;
  info: GroupInfo | null;
  activeRegistrations: number;
}

/** "Sukurti naują mokymo grupę" (GRP-1, GRP-27). */
export const createGroupUpdate = defineUpdate<GroupCommandResult, [CreateGroupCommand]>('createGroup');
/** Saving "Grupės informacija" while "Kuriama" (GRP-28). */
export const saveGroupInfoUpdate = defineUpdate<GroupCommandResult, [SaveGroupInfoCommand]>('saveGroupInfo');
/** A provider's change of "Grupės būsena" (GRP-43). */
export const changeGroupStatusUpdate = defineUpdate<GroupCommandResult, [ChangeGroupStatusCommand]>('changeGroupStatus');
export const groupStateQuery = defineQuery<TrainingGroupState>('groupState');
