// LearningContract:<registrationId> owns one participant's learning contract (L5, CON-1..CON-27):
// it prepares the contract (number and document, or waits while CON-21's prerequisites are unmet),
// takes each party's signature through the signing gateway (a signature is recorded only once the
// returned file is checked), and at the programme start voids itself if not every party has signed
// (CON-6, CON-25), telling the group, which deregisters the participant. In force, it takes the
// participant's termination request and the provider's termination. The contract is the one owner
// of the "unsigned at the start" rule; the group only counts contracts in force.
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  getExternalWorkflowHandle,
  log,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setCurrentDetails,
  setHandler,
} from '@temporalio/workflow';
import type { ContractBatchSigningActivities } from '../../activities/contract-batch-signing.ts';
import type { LearningContractActivities, RecordSignatureResult } from '../../activities/learning-contract.ts';
import type { MailActivities } from '../../activities/mail.ts';
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
import { BATCH_MESSAGES } from '../domain/contract-batch-signing.ts';
import { operatorDetails, summary, waitingFor } from '../operator-details.ts';
import { contractSignedSignal, contractVoidedSignal } from '../training-group/messages.ts';
import { fail } from '../training-group/failure.ts';
import { contractCompletion } from './completion.ts';
import {
  batchSignatureSignal,
  completeContractSigningUpdate,
  contractStateQuery,
  groupEndedSignal,
  requestContractTerminationUpdate,
  startContractSigningUpdate,
  terminateContractUpdate,
  type BatchSignatureCommand,
  type ContractSigner,
  type LearningContractInput,
  type LearningContractState,
} from './messages.ts';
import { inOrder } from '../one-at-a-time.ts';

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

/**
 * A bulk signing's signature (CON-5): a local activity, so that hundreds of contracts signed at once
 * each take one workflow task fewer (recording is idempotent by the signed file's content, as a
 * local activity run again needs). Nobody waits in the browser for this one contract, so the gateway
 * and Postgres get longer before the row says "not recorded".
 */
const batchGateway = proxyLocalActivities<LearningContractActivities>({
  startToCloseTimeout: '1 minute',
  scheduleToCloseTimeout: '15 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
  summary: 'Pasirašymo sistema: paketinio pasirašymo parašas',
});

type SignatureRecorded = Extract<RecordSignatureResult, { ok: true }>;

/** A bulk signing's row for this contract (CON-20): one quick write, retried while Postgres is away. */
const batchRow = proxyLocalActivities<ContractBatchSigningActivities>({
  startToCloseTimeout: '30 seconds',
  scheduleToCloseTimeout: '15 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** The contract's e-mails (N12, N13): SMTP may be down for a while, so delivery keeps trying, for up to a day. */
const mail = proxyActivities<MailActivities>({
  startToCloseTimeout: '1 minute',
  scheduleToCloseTimeout: '24 hours',
  retry: { initialInterval: '5 seconds', maximumInterval: '10 minutes' },
});

const DEFAULT_RETRY_MS = 60 * 60 * 1000;

function initialState(input: LearningContractInput): LearningContractState {
  return (
    input.resume ?? {
      phase: ContractPhase.Preparing,
      sides: {
        participant: ContractSideStatus.AwaitingSignature,
        provider: ContractSideStatus.AwaitingSignature,
        // Set once preparation knows the contract is trilateral (CON-22).
        employer: null,
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
  const state = initialState(input);
  const deadline = Date.parse(input.signingDeadline);
  const openUntil = Date.parse(input.openUntil);
  let groupEnded = false;

  const exclusive = inOrder();

  /** E-mails on their way, each sent once its projection has committed; awaited before the workflow ends. */
  const deliveries: Promise<unknown>[] = [];
  function deliver(outboxIds: readonly string[]) {
    for (const outboxId of outboxIds)
      deliveries.push(
        mail.deliverEmail
          .executeWithOptions({ summary: summary('Siunčiamas laiškas', outboxId) }, [outboxId])
          // A refused e-mail keeps its error in the outbox; one still unsent is swept by the outbox relay.
          .catch((err: unknown) => log.warn('contract e-mail not delivered', { outboxId, error: String(err) })),
      );
  }

  /**
   * Writes the next version, then takes it as the state; the e-mails the projection queued in its
   * transaction (N12, N13) go out outside the lock, so no command waits for SMTP.
   */
  async function project(
    change: Partial<LearningContractState>,
    actor: ContractProjection['actor'],
    set: ContractProjection['set'] = {},
    extra: Pick<ContractProjection, 'questionnaireAnswers'> = {},
  ) {
    const next = { ...state, ...change, sides: { ...state.sides, ...change.sides } };
    const version = state.version + 1;
    const projected: unknown = await projectLearningContract({
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
      // Stored apart from identities in the projection's transaction, never kept in the state (PROG-31).
      ...extra,
    });
    Object.assign(state, next, { version });
    showDetails();
    // Histories recorded before the contract's e-mails have `true` here: nothing to deliver, no new command.
    const outboxIds = (projected as { outboxIds?: unknown } | null)?.outboxIds;
    if (Array.isArray(outboxIds)) deliver(outboxIds as string[]);
  }

  function showDetails() {
    const lines: string[] = [];
    if (state.number) lines.push(`Sutarties Nr. ${state.number}`);
    if (state.waitingReason) lines.push(state.waitingReason);
    if (state.phase === ContractPhase.Preparing || state.phase === ContractPhase.Blocked || state.phase === ContractPhase.Signing)
      lines.push(waitingFor('visų šalių parašų; nepasirašyta sutartis negalios nuo mokymų pradžios', deadline));
    if (state.phase === ContractPhase.InForce) {
      if (!groupEnded) lines.push(waitingFor('mokymų baigimo žymų, kol grupė bus užbaigta'));
      else if (state.completion?.assessmentConfirmedAt && !state.completion.questionnaireFilledAt)
        lines.push(waitingFor('vertinimo anketos (grupė užbaigta)', completion.questionnaireClosesAt(state.completion)));
    }
    setCurrentDetails(operatorDetails(CONTRACT_PHASE_LABELS[state.phase], lines));
  }

  function checkSigner(signer: ContractSigner) {
    if (signer.party !== 'participant' && signer.institutionId !== input.institutionId)
      fail(ErrorCode.WrongInstitution, 'Sutartis priklauso kitai institucijai.');
    // USERS-32: an employer's representative signs only the trilateral contracts of their own employer.
    if (signer.party === 'employer' && (!state.employerId || signer.employerId !== state.employerId))
      fail(ErrorCode.WrongInstitution, 'Tai ne jūsų darbdavio trišalė sutartis.');
    if (Date.now() >= deadline && state.phase !== ContractPhase.InForce)
      fail(ErrorCode.TransitionNotAllowed, `Sutarties pasirašymo terminas baigėsi (${formatDeadline(deadline)}).`);
    const refusal = signingRefusal(state.phase, state.sides, signer.party);
    if (refusal) fail(ErrorCode.TransitionNotAllowed, refusal);
  }

  const hashOf = (signer: ContractSigner) => (signer.party === 'participant' ? signer.personKey : signer.personalCodeHash);

  setHandler(contractStateQuery, () => state);
  // L6: the participant's completion once the contract is in force (./completion.ts).
  const completion = contractCompletion({ input, state, exclusive, project, groupEnded: () => groupEnded });

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
        await applySignature(cmd.signer, recorded);
        return state;
      }),
    { validator: (cmd) => checkSigner(cmd.signer) },
  );

  /** K2, K3: a checked signature becomes the side's "Pasirašyta"; with every side signed, K4 (in force). */
  async function applySignature(signer: ContractSigner, recorded: SignatureRecorded) {
    const party: ContractParty = signer.party;
    const at = recorded.signedAt;
    const sides = { ...state.sides, [party]: ContractSideStatus.Signed };
    const inForce = allSigned(sides);
    const set: ContractProjection['set'] =
      signer.party === 'participant'
        ? { participant_signed_at: new Date(at) }
        : signer.party === 'provider'
          ? {
              provider_signed_at: new Date(at),
              provider_signer_user_id: signer.userId,
              provider_signer_name: recorded.signerName,
              provider_signer_authority: signer.authority,
            }
          : { employer_signed_at: new Date(at), employer_signer_user_id: signer.userId };
    await project(
      {
        sides,
        phase: inForce ? ContractPhase.InForce : ContractPhase.Signing,
        documentFileId: recorded.documentFileId,
        documentSha256: recorded.documentSha256,
      },
      signer.party === 'participant' ? { participantId: signer.participantId } : { userId: signer.userId },
      { ...set, document_file_id: recorded.documentFileId, document_sha256: recorded.documentSha256 },
    );
    // K4: in force; the group counts it (the participant goes on to completion, DONE-1).
    if (inForce) await tellGroup('signed');
  }

  // CON-5, CON-20: the signer confirmed a bulk signing that holds this contract's document. The same
  // rules as a single signature (phase, deadline, only the side that awaits, the employer's own
  // contract); the signed file must be the current document with one more signature. Whatever
  // happens, the batch's row gets this contract's outcome (a signal handler must never throw).
  setHandler(batchSignatureSignal, (cmd) =>
    exclusive(async () => {
      let outcome: { signed: boolean; message: string | null };
      try {
        outcome = await signFromBatch(cmd);
      } catch (err) {
        log.warn('batch signature not recorded', { batchId: cmd.batchId, error: String(err) });
        outcome = { signed: false, message: err instanceof ApplicationFailure && err.message ? err.message : BATCH_MESSAGES.notRecorded };
      }
      try {
        // The row of the batch's result page (a local activity: no round trip through the history).
        await batchRow.recordBatchRowOutcome({ batchId: cmd.batchId, contractId: input.contractId, ...outcome });
      } catch (err) {
        // Postgres down for long: the batch says "no answer" for this row; the contract's own state is what counts.
        log.warn('batch row not written', { batchId: cmd.batchId, error: String(err) });
      }
    }),
  );

  async function signFromBatch(cmd: BatchSignatureCommand): Promise<{ signed: boolean; message: string | null }> {
    const party = cmd.signer.party;
    const side = party === 'provider' ? state.sides.provider : state.sides.employer;
    // The same batch's signal again (a retried fan-out): recorded already.
    if (side === ContractSideStatus.Signed && state.sessions[party] === cmd.sessionId) return { signed: true, message: null };
    checkSigner(cmd.signer);
    if (state.documentFileId !== cmd.documentFileId) fail(ErrorCode.TransitionNotAllowed, BATCH_MESSAGES.documentChanged);
    const recorded = await batchGateway.recordContractSignature({
      contractId: input.contractId,
      institutionId: input.institutionId,
      sessionId: cmd.sessionId,
      documentIndex: cmd.documentIndex,
      documentFileId: cmd.documentFileId,
      signerPersonalCodeHash: cmd.signer.personalCodeHash,
    });
    if (!recorded.ok) return { signed: false, message: recorded.reason };
    state.sessions[party] = cmd.sessionId;
    await applySignature(cmd.signer, recorded);
    return { signed: true, message: null };
  }

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
      // CON-22: a trilateral contract waits for the employer's signature too (histories recorded before
      // the employer side have no employerId in the result: two parties, as then).
      if (prepared.employerId && state.sides.employer === null) {
        state.employerId = prepared.employerId;
        state.sides = { ...state.sides, employer: ContractSideStatus.AwaitingSignature };
      }
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
    // An SMPKR contract asks "Mokinių registras" again sooner (OQ-13): the preparation says when. The same
    // one timer either way, its duration from the recorded result (older results carry none: as before).
    const retryAfterMs = ('retryAfterMs' in prepared && prepared.retryAfterMs) || Infinity;
    await condition(() => groupEnded, Math.max(1, Math.min(input.retryMs ?? DEFAULT_RETRY_MS, retryAfterMs, beforeDeadline())));
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
    // In force: completion marks (L6; the first session's window locks her if not marked started) and
    // terminations, until the programme is over. Histories from before completion only waited.
    if (patched('contract-completion')) void completion.lockWhenWindowCloses();
    if (patched('contract-open-until-group-ended')) {
      // Marks need no end date: the contract stays in force until it is terminated or its group
      // ends ("Užbaigta"); then it waits only for an active, unfilled questionnaire (DONE-8).
      await condition(() => state.phase === ContractPhase.Terminated || groupEnded);
      showDetails();
      await completion.waitForQuestionnaire();
    } else {
      await condition(() => state.phase === ContractPhase.Terminated, Math.max(1, openUntil - Date.now()));
    }
  }
  // The e-mails still on their way, and any a last command queued meanwhile (none in older histories).
  for (;;) {
    await condition(allHandlersFinished);
    if (deliveries.length === 0) break;
    await Promise.all(deliveries.splice(0));
  }
  return state;
}
