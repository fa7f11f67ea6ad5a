// Workflow IDs are readable in the Temporal UI: <Lifecycle>:<entity id>.
const TRAINING_GROUP = 'TrainingGroup:';

export function trainingGroupWorkflowId(groupId: string): string {
  return TRAINING_GROUP + groupId;
}

export function groupIdFromWorkflowId(workflowId: string): string | null {
  return workflowId.startsWith(TRAINING_GROUP) ? workflowId.slice(TRAINING_GROUP.length) : null;
}

const USER_INVITATION = 'UserInvitation:';

export function userInvitationWorkflowId(invitationId: string): string {
  return USER_INVITATION + invitationId;
}
