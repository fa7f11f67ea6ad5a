// Web → LearningContract:<registrationId> from the participants' portal (PORTAL-6, PORTAL-7, CON-17):
// opening a signing session at the gateway, recording the signature when the gateway sends her back,
// and "Prašymas nutraukti sutartį". One Update each; the updateId is the form's idempotency key (or
// the gateway's session id for the return), so a repeated request does nothing twice.
import { learningContractWorkflowId } from '../workflows/ids.ts';
import {
  completeContractSigningUpdate,
  requestContractTerminationUpdate,
  startContractSigningUpdate,
  type ContractSigner,
  type LearningContractState,
} from '../workflows/learning-contract/messages.ts';
import { completionOf, type CommandResult } from './errors.ts';
import { withinDeadline, type GroupCommandTarget } from './group-commands.ts';

export type ParticipantSigner = Extract<ContractSigner, { party: 'participant' }>;

export function startParticipantSigning(
  t: GroupCommandTarget,
  a: { contractId: string; signer: ParticipantSigner; returnUrl: string; idempotencyKey: string },
): Promise<CommandResult<{ signUrl: string }>> {
  const handle = t.temporal.workflow.getHandle(learningContractWorkflowId(a.contractId));
  return withinDeadline(t, () =>
    completionOf(
      handle.startUpdate(startContractSigningUpdate, {
        args: [{ signer: a.signer, returnUrl: a.returnUrl }],
        updateId: `dalyvis-pasirasymas:${a.idempotencyKey}`,
        waitForStage: 'ACCEPTED',
      }),
    ),
  );
}

export function completeParticipantSigning(
  t: GroupCommandTarget,
  a: { contractId: string; signer: ParticipantSigner; sessionId: string },
): Promise<CommandResult<LearningContractState>> {
  const handle = t.temporal.workflow.getHandle(learningContractWorkflowId(a.contractId));
  return withinDeadline(t, () =>
    completionOf(
      handle.startUpdate(completeContractSigningUpdate, {
        args: [{ signer: a.signer, sessionId: a.sessionId }],
        updateId: `dalyvis-parasas:${a.sessionId}`,
        waitForStage: 'ACCEPTED',
      }),
    ),
  );
}

export function requestContractTermination(
  t: GroupCommandTarget,
  a: { contractId: string; participantId: string; reason: string; idempotencyKey: string },
): Promise<CommandResult<LearningContractState>> {
  const handle = t.temporal.workflow.getHandle(learningContractWorkflowId(a.contractId));
  return withinDeadline(t, () =>
    completionOf(
      handle.startUpdate(requestContractTerminationUpdate, {
        args: [{ participantId: a.participantId, reason: a.reason }],
        updateId: `dalyvis-nutraukimas:${a.idempotencyKey}`,
        waitForStage: 'ACCEPTED',
      }),
    ),
  );
}
