// LearningContract:<registrationId> (L5): its input, state and the commands it takes. Names are
// recorded in histories: never rename one.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { CompletionAction, CompletionRecord } from '../domain/completion.ts';
import type { ContractPhase, ContractSides, TerminationGround } from '../domain/learning-contract.ts';
import type { QuestionnaireAnswers } from '../domain/questionnaire.ts';

export interface LearningContractInput {
  /** The registration's id (a registration has at most one contract). */
  contractId: string;
  groupId: string;
  institutionId: string;
  programmeId: string;
  /** "Mokymosi programos vykdymo pradžia": not signed by every party then, the contract is void (CON-6, CON-25). ISO instant. */
  signingDeadline: string;
  /** Until when a contract in force takes terminations (the programme's end and a margin). ISO instant. */
  openUntil: string;
  /** How long to wait before preparing again while numbering or contract information is missing (CON-21); default an hour. */
  retryMs?: number;
  /** The state carried over by continue-as-new. */
  resume?: LearningContractState;
}

export interface LearningContractState {
  phase: ContractPhase;
  sides: ContractSides;
  version: number;
  number: string | null;
  /** Why signing cannot start yet (CON-21) or what the contract waits for. */
  waitingReason: string | null;
  documentFileId: string | null;
  documentSha256: string | null;
  /** The gateway session each party opened last (its signature is recorded from it). */
  sessions: Partial<Record<'participant' | 'provider' | 'employer', string>>;
  /** How many signing sessions were opened (each opening's idempotency key at the gateway). */
  sessionsOpened?: number;
  /** The employer who signs a trilateral apprenticeship contract (CON-22); absent or null for two parties. */
  employerId?: string | null;
  /** The participant's completion once the contract is in force (issue 13, L6); absent before. */
  completion?: CompletionRecord;
  /** Set at "Patvirtinti": until when, after the group's end, the contract waits for the questionnaire (ISO instant). */
  questionnaireClosesAt?: string;
}

/** Who signs: the participant in the portal, a provider's signer (CON-15) or the employer's representative (CON-22). */
export type ContractSigner =
  | { party: 'participant'; participantId: string; personKey: string; name: string }
  | { party: 'provider'; userId: string; institutionId: string; personalCodeHash: string; name: string; authority: string }
  | { party: 'employer'; userId: string; institutionId: string; personalCodeHash: string; name: string; employerId: string };

export interface StartSigningCommand {
  signer: ContractSigner;
  /** Where the gateway sends the signer's browser back. */
  returnUrl: string;
}

export interface CompleteSigningCommand {
  signer: ContractSigner;
  sessionId: string;
}

/** K6 (PORTAL-7). */
export interface TerminationRequestCommand {
  participantId: string;
  reason: string;
}

/** K7, K8 (CON-8..CON-11): a provider's signer terminates. */
export interface TerminateContractCommand {
  userId: string;
  institutionId: string;
  requestId: string;
  ground: TerminationGround;
  reason: string;
}

export const startContractSigningUpdate = defineUpdate<{ signUrl: string }, [StartSigningCommand]>('startContractSigning');
export const completeContractSigningUpdate = defineUpdate<LearningContractState, [CompleteSigningCommand]>('completeContractSigning');
export const requestContractTerminationUpdate = defineUpdate<LearningContractState, [TerminationRequestCommand]>(
  'requestContractTermination',
);
export const terminateContractUpdate = defineUpdate<LearningContractState, [TerminateContractCommand]>('terminateContract');
/**
 * The group will not be delivered ("Nevykdoma" before delivery): an unsigned contract is void at once.
 * The group is "Užbaigta": a contract in force takes no more completion marks and ends, or first waits
 * for its active questionnaire.
 */
export const groupEndedSignal = defineSignal<[]>('groupEnded');
export const contractStateQuery = defineQuery<LearningContractState>('contractState');

/**
 * CON-5: the signer confirmed a bulk signing (ContractBatchSigning:<batchId>) that holds this contract's
 * document at `documentIndex`. The contract records it under the single signature's rules, or refuses,
 * and answers the batch with contractBatchRowResult.
 */
export interface BatchSignatureCommand {
  batchId: string;
  sessionId: string;
  documentIndex: number;
  /** The contract's document the session was opened for (its current one then). */
  documentFileId: string;
  signer: Extract<ContractSigner, { party: 'provider' | 'employer' }>;
}
export const batchSignatureSignal = defineSignal<[BatchSignatureCommand]>('batchSignature');

/**
 * A provider's mark in "Mokymų baigimas" (L6, DONE-2..DONE-7): "Mokymus pradėjo" (start), "Mokymus
 * baigė" (complete), the final assessment entered (assess, with its value) or confirmed (confirm).
 */
export interface CompletionMarkCommand {
  userId: string;
  institutionId: string;
  action: CompletionAction | 'assess';
  assessment?: string;
}

/** PORTAL-8: the participant submitted the evaluation questionnaire (its answers are stored apart). */
export interface QuestionnaireSubmittedCommand {
  participantId: string;
  /**
   * The answers as validateQuestionnaire gave them: passed to the projection, which stores them apart
   * from her identity (PROG-31); never kept in the workflow's state. Absent only in older histories.
   */
  answers?: QuestionnaireAnswers;
}

export const recordCompletionMarkUpdate = defineUpdate<LearningContractState, [CompletionMarkCommand]>('recordCompletionMark');
export const questionnaireSubmittedUpdate = defineUpdate<LearningContractState, [QuestionnaireSubmittedCommand]>('questionnaireSubmitted');
