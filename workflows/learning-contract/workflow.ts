// LearningContract:<registrationId> owns one participant's learning contract (L5, CON-1..CON-27):
// it prepares the contract (number and document, or waits while CON-21's prerequisites are unmet),
// takes each party's signature through the signing gateway (a signature is recorded only once the
// returned file is checked), and at the programme start voids itself if not every party has signed
// (CON-6, CON-25), telling the group, which deregisters the participant. In force, it takes the
// participant's termination request and the provider's termination. The contract is the one owner
// of the "unsigned at the start" rule; the group only counts contracts in force.
import {
  allHandlersFinished,
  condition,
  getExternalWorkflowHandle,
  log,
  proxyActivities,
  setCurrentDetails,
  setHandler,
} from '@temporalio/workflow';
import type { LearningContractActivities } from '../../activities/learning-contract.ts';
import {
  allSigned,
  CONTRACT_PHASE_LABELS,
  ContractPhase,
  ContractSideStatus,
  signingRefusal,
  terminationRefusal,
  terminationRequestRefusal,
  TerminationGround,
  type ContractParty,
} from '../domain/learning-contract.ts';
import { formatDeadline } from '../domain/date-format.ts';
import { ErrorCode } from '../errors.ts';
import { trainingGroupWorkflowId } from '../ids.ts';
import { operatorDetails, waitingFor } from '../operator-details.ts';
import { contractSignedSignal, contractVoidedSignal } from '../training-group/messages.ts';
import { fail } from '../training-group/failure.ts';
import {
  completeContractSigningUpdate,
  contractStateQuery,
  groupEndedSignal,
  requestContractTerminationUpdate,
  startContractSigningUpdate,
  terminateContractUpdate,
  type ContractSigner,
  type LearningContractInput,
  type LearningContractState,
} from './messages.ts';

type ContractProjection = Parameters<LearningContractActivities['projectLearningContract']>[0];

const { prepareLearningContract, projectLearningContract } = proxyActivities<LearningContractActivities>({
  startToCloseTimeout: '1 minute',
  // A preparation that keeps failing gives way to the deadline check (the loop prepares again later).
  scheduleToCloseTimeout: '5 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
  summary: 'Sutartis rengiama arba įrašoma į duomenų bazę',
});

const gateway = proxyActivities<LearningContractActivities>({
  startToCloseTimeout: '30 seconds',
  // The signer waits in the browser: a few quick tries, then the page says so.
  retry: { initialInterval: '1 second', maximumInterval: '5 seconds', maximumAttempts: 3 },
  summary: 'Pasirašymo sistema',
});

const DEFAULT_RETRY_MS = 60 * 60 * 1000;

function initialState(input: LearningContractInput, employer: boolean): LearningContractState {
  return (
    input.resume ?? {
      phase: ContractPhase.Preparing,
      sides: {
        participant: ContractSideStatus.AwaitingSignature,
        provider: ContractSideStatus.AwaitingSignature,
        employer: employer ? ContractSideStatus.AwaitingSignature : null,
      },
      version: 0,
      number: null,
      waitingReason: null,
      documentFileId: null,
      documentSha256: null,
      sessions: {},
    }
  );
}

export async function learningContractWorkflow(input: LearningContractInput): Promise<LearningContractState> {
  const state = initialState(input, false);
  const deadline = Date.parse(input.signingDeadline);
  const openUntil = Date.parse(input.openUntil);
  let groupEnded = false;

  let tail: Promise<unknown> = Promise.resolve();
  function exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = tail.then(fn);
    tail = run.catch(() => undefined);
    return run;
  }

  /** Writes the next version, then takes it as the state. */
  async function project(change: Partial<LearningContractState>, actor: ContractProjection['actor'], set: ContractProjection['set'] = {}) {
    const next = { ...state, ...change, sides: { ...state.sides, ...change.sides } };
    const version = state.version + 1;
    await projectLearningContract({
      contractId: input.contractId,
      institutionId: input.institutionId,
      version,
      phase: next.phase,
      participantStatus: next.sides.participant,
      providerStatus: next.sides.provider,
      employerStatus: next.sides.employer,
      waitingReason: next.waitingReason,
      set,
      actor,
    });
    Object.assign(state, next, { version });
    showDetails();
  }

  function showDetails() {
    const lines: string[] = [];
    if (state.number) lines.push(`Sutarties Nr. ${state.number}`);
    if (state.waitingReason) lines.push(state.waitingReason);
    if (state.phase === ContractPhase.Preparing || state.phase === ContractPhase.Blocked || state.phase === ContractPhase.Signing)
      lines.push(waitingFor('visų šalių parašų; nepasirašyta sutartis negalios nuo mokymų pradžios', deadline));
    setCurrentDetails(operatorDetails(CONTRACT_PHASE_LABELS[state.phase], lines));
  }

  function checkSigner(signer: ContractSigner) {
    if (signer.party !== 'participant' && signer.institutionId !== input.institutionId)
      fail(ErrorCode.WrongInstitution, 'Sutartis priklauso kitai institucijai.');
    if (Date.now() >= deadline && state.phase !== ContractPhase.InForce)
      fail(ErrorCode.TransitionNotAllowed, `Sutarties pasirašymo terminas baigėsi (${formatDeadline(deadline)}).`);
    const refusal = signingRefusal(state.phase, state.sides, signer.party);
    if (refusal) fail(ErrorCode.TransitionNotAllowed, refusal);
  }

  const hashOf = (signer: ContractSigner) => (signer.party === 'participant' ? signer.personKey : signer.personalCodeHash);

  setHandler(contractStateQuery, () => state);

  setHandler(
    startContractSigningUpdate,
    (cmd) =>
      exclusive(async () => {
        checkSigner(cmd.signer);
        const session = await gateway.openContractSigningSession({
          contractId: input.contractId,
          institutionId: input.institutionId,
          party: cmd.signer.party,
          documentFileId: state.documentFileId!,
          signerName: cmd.signer.name,
          reason:
            cmd.signer.party === 'provider'
              ? `Mokymo teikėjo vardu pasirašo ${cmd.signer.name}, veikiantis (-i) pagal ${cmd.signer.authority}`
              : null,
          returnUrl: cmd.returnUrl,
          // One key per opening (a retried activity of the same Update reuses it).
          idempotencyKey: `${input.contractId}:${cmd.signer.party}:${(state.sessionsOpened = (state.sessionsOpened ?? 0) + 1)}`,
        });
        state.sessions[cmd.signer.party] = session.sessionId;
        return { signUrl: session.signUrl };
      }),
    { validator: (cmd) => checkSigner(cmd.signer) },
  );

  setHandler(
    completeContractSigningUpdate,
    (cmd) =>
      exclusive(async () => {
        const party: ContractParty = cmd.signer.party;
        const side = party === 'participant' ? state.sides.participant : party === 'provider' ? state.sides.provider : state.sides.employer;
        // A repeated callback after the signature was recorded answers with the state.
        if (side === ContractSideStatus.Signed && state.sessions[party] === cmd.sessionId) return state;
        checkSigner(cmd.signer);
        if (state.sessions[party] !== cmd.sessionId)
          fail(ErrorCode.InvalidInput, 'Pasirašymo sesija nežinoma: pradėkite pasirašymą iš naujo.');
        const recorded = await gateway.recordContractSignature({
          contractId: input.contractId,
          institutionId: input.institutionId,
          sessionId: cmd.sessionId,
          documentFileId: state.documentFileId!,
          signerPersonalCodeHash: hashOf(cmd.signer),
        });
        if (!recorded.ok) fail(ErrorCode.TransitionNotAllowed, recorded.reason);
        const at = recorded.signedAt;
        const sides = { ...state.sides, [party]: ContractSideStatus.Signed };
        const inForce = allSigned(sides);
        const set: ContractProjection['set'] =
          party === 'participant'
            ? { participant_signed_at: new Date(at) }
            : party === 'provider' && cmd.signer.party === 'provider'
              ? {
                  provider_signed_at: new Date(at),
                  provider_signer_user_id: cmd.signer.userId,
                  provider_signer_name: recorded.signerName,
                  provider_signer_authority: cmd.signer.authority,
                }
              : { employer_signed_at: new Date(at), employer_signer_user_id: cmd.signer.party === 'employer' ? cmd.signer.userId : null };
        await project(
          {
            sides,
            phase: inForce ? ContractPhase.InForce : ContractPhase.Signing,
            documentFileId: recorded.documentFileId,
            documentSha256: recorded.documentSha256,
          },
          cmd.signer.party === 'participant' ? { participantId: cmd.signer.participantId } : { userId: cmd.signer.userId },
          { ...set, document_file_id: recorded.documentFileId, document_sha256: recorded.documentSha256 },
        );
        // K4: in force; the group counts it (the participant goes on to completion, DONE-1).
        if (inForce) await tellGroup('signed');
        return state;
      }),
    { validator: (cmd) => checkSigner(cmd.signer) },
  );

  function checkRequest(participantId: string) {
    void participantId;
    const refusal = terminationRequestRefusal(state.phase, state.sides);
    if (refusal) fail(ErrorCode.TransitionNotAllowed, refusal);
  }

  setHandler(
    requestContractTerminationUpdate,
    (cmd) =>
      exclusive(async () => {
        if (state.sides.participant === ContractSideStatus.TerminationRequested) return state;
        checkRequest(cmd.participantId);
        await project(
          { sides: { ...state.sides, participant: ContractSideStatus.TerminationRequested } },
          { participantId: cmd.participantId },
          { termination_requested_at: new Date(), termination_request_reason: cmd.reason.trim() || null },
        );
        return state;
      }),
    {
      validator: (cmd) =>
        state.sides.participant === ContractSideStatus.TerminationRequested ? undefined : checkRequest(cmd.participantId),
    },
  );

  function checkTermination(cmd: { institutionId: string; ground: string; reason: string }) {
    if (cmd.institutionId !== input.institutionId) fail(ErrorCode.WrongInstitution, 'Sutartis priklauso kitai institucijai.');
    const refusal = terminationRefusal(state.phase, state.sides, cmd.ground, cmd.reason);
    if (refusal) {
      if (refusal.field) fail(ErrorCode.InvalidInput, refusal.message, { [refusal.field]: refusal.message });
      fail(ErrorCode.TransitionNotAllowed, refusal.message);
    }
  }

  setHandler(
    terminateContractUpdate,
    (cmd) =>
      exclusive(async () => {
        checkTermination(cmd);
        await project(
          {
            phase: ContractPhase.Terminated,
            sides: {
              participant: ContractSideStatus.Terminated,
              provider: ContractSideStatus.Terminated,
              employer: state.sides.employer === null ? null : ContractSideStatus.Terminated,
            },
          },
          { userId: cmd.userId },
          {
            terminated_at: new Date(),
            termination_initiator: cmd.ground === TerminationGround.ParticipantRequest ? 'DALYVIS' : 'TEIKEJAS',
            termination_ground: cmd.ground,
            termination_reason: cmd.reason.trim() || null,
            terminated_by_user_id: cmd.userId,
          },
        );
        return state;
      }),
    { validator: checkTermination },
  );

  setHandler(groupEndedSignal, () => {
    groupEnded = true;
  });

  /** The group's side: a contract in force, or one voided (the group owns the registration). */
  async function tellGroup(what: 'signed' | 'voided'): Promise<void> {
    const group = getExternalWorkflowHandle(trainingGroupWorkflowId(input.groupId));
    const event = { registrationId: input.contractId };
    try {
      if (what === 'signed') await group.signal(contractSignedSignal, event);
      else await group.signal(contractVoidedSignal, event);
    } catch (err) {
      // A group that has ended has nothing left to do with its contracts.
      log.warn('group not told', { what, error: String(err) });
    }
  }

  const beforeDeadline = () => deadline - Date.now();
  showDetails();

  // K1: prepare; while the prerequisites are unmet (CON-21), try again later, until the deadline.
  while ((state.phase === ContractPhase.Preparing || state.phase === ContractPhase.Blocked) && beforeDeadline() > 0 && !groupEnded) {
    const prepared = await exclusive(() =>
      prepareLearningContract({
        contractId: input.contractId,
        groupId: input.groupId,
        institutionId: input.institutionId,
        programmeId: input.programmeId,
        signingDeadline: input.signingDeadline,
        version: state.version + 1,
      }),
    ).catch((err: unknown) => {
      log.error('contract not prepared', { error: String(err) });
      return { kind: 'waiting' as const, phase: state.phase as 'RENGIAMA' | 'SUSTABDYTA', reason: state.waitingReason ?? '' };
    });
    if (prepared.kind === 'ready') {
      // The contract's row was written by the preparation with the next version.
      Object.assign(state, {
        number: prepared.number,
        documentFileId: prepared.documentFileId,
        documentSha256: prepared.documentSha256,
        version: state.version + 1,
      });
      await exclusive(() => project({ phase: ContractPhase.Signing, waitingReason: null }, { system: 'K1' }));
      break;
    }
    Object.assign(state, { phase: prepared.phase, waitingReason: prepared.reason || null, version: state.version + 1 });
    showDetails();
    await condition(() => groupEnded, Math.max(1, Math.min(input.retryMs ?? DEFAULT_RETRY_MS, beforeDeadline())));
  }

  // K2..K4 until the programme start; K5 at it (or at once when the group will not be delivered).
  if (state.phase !== ContractPhase.InForce && state.phase !== ContractPhase.Terminated) {
    await condition(() => state.phase === ContractPhase.InForce || groupEnded, Math.max(1, beforeDeadline()));
  }
  if (state.phase !== ContractPhase.InForce && state.phase !== ContractPhase.Terminated) {
    await exclusive(async () => {
      if (state.phase === ContractPhase.InForce) return;
      const voided = (s: ContractSideStatus | null) =>
        s === null ? null : s === ContractSideStatus.Signed ? s : ContractSideStatus.Voided;
      await project(
        {
          phase: ContractPhase.Voided,
          sides: {
            participant: voided(state.sides.participant)!,
            provider: voided(state.sides.provider)!,
            employer: voided(state.sides.employer),
          },
        },
        { system: 'K5' },
        { voided_at: new Date() },
      );
      // CON-25: the group deregisters the participant and e-mails her (unless it is not delivered at all).
      if (!groupEnded) await tellGroup('voided');
    });
  } else if (state.phase === ContractPhase.InForce) {
    // In force: terminations until the programme is over.
    await condition(() => state.phase === ContractPhase.Terminated, Math.max(1, openUntil - Date.now()));
  }
  await condition(allHandlersFinished);
  return state;
}
