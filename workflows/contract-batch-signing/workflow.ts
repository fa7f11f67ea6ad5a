// ContractBatchSigning:<batchId> (CON-5, CON-20): the provider's signer (or an employer's
// representative, USERS-32) ticked several contracts and pressed one button. The web starts this
// workflow with its first Update (update-with-start; the batch id is the form's key, so a replayed
// POST reaches the same batch and opens no second session): it opens ONE gateway session with every
// ticked document that awaits the signer's side, the others refused at once with their reason. When
// the gateway sends the signer back (the second Update), the gateway's status decides: signed, each
// contract's workflow LearningContract:<id> is signalled with its document's place in the session,
// records its own signature under its own rules and writes its own row's outcome to Postgres (the
// result page polls the rows); otherwise every row says why nothing was signed. The batch waits
// until no row is pending (or gives up on the silent ones after an hour). Durable: a worker that
// dies midway leaves signals and activities that Temporal delivers and retries on the next one.
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  log,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  sleep,
} from '@temporalio/workflow';
import type { ContractBatchSigningActivities, OpenedContractBatch } from '../../activities/contract-batch-signing.ts';
import { BATCH_MESSAGES, BatchStatus, MAX_BATCH_CONTRACTS, sessionOutcomeMessage } from '../domain/contract-batch-signing.ts';
import { ErrorCode } from '../errors.ts';
import { operatorDetails, waitingFor } from '../operator-details.ts';
import { fail } from '../training-group/failure.ts';
import {
  contractBatchStateQuery,
  openContractBatchUpdate,
  returnContractBatchUpdate,
  type BatchSigner,
  type ContractBatchInput,
  type ContractBatchState,
} from './messages.ts';

/** The signer waits in the browser while the session opens: a few quick tries, then the page says so. */
const { openContractBatch } = proxyActivities<ContractBatchSigningActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '5 seconds', maximumAttempts: 3 },
  summary: 'Pažymėtos sutartys siunčiamos į pasirašymo sistemą',
});

/** Nobody waits for these: they keep trying until the gateway and Postgres answer. */
const { contractBatchSessionStatus, pendingBatchRows, projectContractBatch, signalBatchContracts } =
  proxyActivities<ContractBatchSigningActivities>({
    startToCloseTimeout: '1 minute',
    retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
    summary: 'Pasirašymo būsena ir rezultatai',
  });

/** How long the batch waits for its first command, and for the contracts' outcomes, before it gives up. */
const OPEN_WAIT_MS = 10 * 60 * 1000;
const ANSWER_WAIT_MS = 60 * 60 * 1000;
/** Between two looks at the rows: from half a second, growing to half a minute. */
const FIRST_LOOK_MS = 500;
const LONGEST_LOOK_MS = 30 * 1000;
/** After the session's expiry, a margin for the gateway's clock. */
const EXPIRY_MARGIN_MS = 60 * 1000;

export async function contractBatchSigningWorkflow(input: ContractBatchInput): Promise<ContractBatchState> {
  const state: ContractBatchState = { status: 'ATIDAROMA', sessionId: null, total: 0, signed: 0, notSigned: 0 };
  let opening: Promise<OpenedContractBatch> | null = null;
  let opened: OpenedContractBatch | null = null;
  let openFailed = false;
  let signer: BatchSigner | null = null;
  let returned = false;

  const showDetails = (line?: string) =>
    setCurrentDetails(
      operatorDetails(`Paketinis sutarčių pasirašymas: ${state.status}`, [
        `Pažymėta sutarčių: ${state.total}; pasirašyta ${state.signed}, nepasirašyta ${state.notSigned}`,
        line,
      ]),
    );

  function checkActor(institutionId: string, userId: string) {
    // Another user's (or institution's) request knows nothing of this batch.
    if (institutionId !== input.institutionId || userId !== input.userId) fail(ErrorCode.WrongInstitution, 'Nerasta.');
  }

  setHandler(contractBatchStateQuery, () => state);

  setHandler(
    openContractBatchUpdate,
    async (cmd) => {
      opening ??= (async () => {
        signer = cmd.signer;
        try {
          return await openContractBatch({
            batchId: input.batchId,
            institutionId: input.institutionId,
            groupId: input.groupId,
            userId: input.userId,
            party: input.party,
            employerId: cmd.signer.party === 'employer' ? cmd.signer.employerId : null,
            signerName: cmd.signer.name,
            reason:
              cmd.signer.party === 'provider'
                ? `Mokymo teikėjo vardu pasirašo ${cmd.signer.name}, veikiantis (-i) pagal ${cmd.signer.authority}`
                : null,
            contractIds: cmd.contractIds,
            returnUrl: cmd.returnUrl,
          });
        } catch (err) {
          openFailed = true;
          const cause = err instanceof ApplicationFailure ? err : (err as { cause?: unknown }).cause;
          // Another institution's contract: NotFound (404); the gateway down: the page says so.
          if (cause instanceof ApplicationFailure && cause.type === ErrorCode.NotFound) fail(ErrorCode.NotFound, 'Nerasta.');
          log.error('batch session not opened', { error: String(err) });
          fail(
            ErrorCode.TransitionNotAllowed,
            'Elektroninio parašo paslauga šiuo metu nepasiekiama: sutartys nepasirašytos. Bandykite vėliau.',
          );
        }
      })();
      const batch = await opening;
      opened = batch;
      return { signUrl: batch.signUrl, documents: batch.documents.length, refused: batch.refused };
    },
    {
      validator: (cmd) => {
        checkActor(cmd.signer.institutionId, cmd.signer.userId);
        if (cmd.signer.party !== input.party) fail(ErrorCode.InvalidInput, 'Neteisinga užklausa.');
        if (cmd.contractIds.length === 0) fail(ErrorCode.InvalidInput, BATCH_MESSAGES.noneTicked);
        if (cmd.contractIds.length > MAX_BATCH_CONTRACTS) fail(ErrorCode.InvalidInput, BATCH_MESSAGES.tooMany);
      },
    },
  );

  setHandler(
    returnContractBatchUpdate,
    () => {
      returned = true;
      return state;
    },
    {
      validator: (cmd) => {
        checkActor(cmd.institutionId, cmd.userId);
        if (!opened?.sessionId || cmd.sessionId !== opened.sessionId)
          fail(ErrorCode.InvalidInput, 'Pasirašymo sesija nežinoma: pradėkite pasirašymą iš naujo.');
      },
    },
  );

  showDetails(waitingFor('pažymėtų sutarčių'));
  // The first command comes with the start; a start whose command was refused ends here.
  await condition(() => opened !== null || openFailed, OPEN_WAIT_MS);
  // (Set by the Update's handler: TypeScript cannot see that.)
  const batch = opened as OpenedContractBatch | null;
  const who = signer as BatchSigner | null;
  if (!batch || !batch.sessionId || !who) {
    if (batch) Object.assign(state, { status: BatchStatus.Done, total: batch.refused, notSigned: batch.refused });
    await condition(allHandlersFinished);
    return state;
  }
  Object.assign(state, {
    status: BatchStatus.AwaitingSigner,
    sessionId: batch.sessionId,
    total: batch.documents.length + batch.refused,
    notSigned: batch.refused,
  });

  // The signer confirms at the gateway (or not). The browser's return wakes the batch; so does the
  // session's expiry, should the browser never come back after a confirmation.
  const expiresAt = Date.parse(batch.expiresAt ?? '') || Date.now();
  let sessionStatus: string;
  for (;;) {
    showDetails(waitingFor('pasirašančiojo patvirtinimo pasirašymo sistemoje', expiresAt));
    await condition(() => returned, Math.max(1, expiresAt + EXPIRY_MARGIN_MS - Date.now()));
    returned = false;
    sessionStatus = await contractBatchSessionStatus({ sessionId: batch.sessionId });
    if (sessionStatus !== 'pending') break;
    if (Date.now() >= expiresAt + EXPIRY_MARGIN_MS) {
      sessionStatus = 'expired';
      break;
    }
  }

  const rows = (results: { contractId: string; signed: boolean; message: string | null }[], status: BatchStatus) =>
    projectContractBatch({ batchId: input.batchId, status, results });
  if (sessionStatus !== 'signed') {
    // Nothing was signed: every row says why, and the batch is over.
    const message = sessionOutcomeMessage(sessionStatus);
    await rows(
      batch.documents.map((d) => ({ contractId: d.contractId, signed: false, message })),
      BatchStatus.Done,
    );
    state.notSigned = state.total;
  } else {
    state.status = BatchStatus.Recording;
    showDetails('Sutartys įrašo parašus');
    await rows([], BatchStatus.Recording);
    // Each contract records its own signature and writes its own row. The signals go out from an
    // activity (the Temporal client, in parallel): hundreds of signal commands of this one workflow
    // would each come back to its history and be delivered one after another; so would hundreds of
    // answers. A contract whose workflow has ended cannot be signed.
    const { closed } = await signalBatchContracts({
      batchId: input.batchId,
      sessionId: batch.sessionId,
      signer: who,
      documents: batch.documents,
    });
    if (closed.length > 0)
      await rows(
        closed.map((contractId) => ({ contractId, signed: false, message: BATCH_MESSAGES.contractClosed })),
        BatchStatus.Recording,
      );
    // Until no row is pending; the silent ones say so after the wait.
    const giveUpAt = Date.now() + ANSWER_WAIT_MS;
    for (let pause = FIRST_LOOK_MS; ; pause = Math.min(LONGEST_LOOK_MS, Math.round(pause * 1.5))) {
      const seen = await pendingBatchRows({ batchId: input.batchId });
      Object.assign(state, { signed: seen.signed, notSigned: seen.notSigned });
      showDetails(`Laukiama ${seen.pending.length} sutarčių parašų įrašymo`);
      if (seen.pending.length === 0) break;
      if (Date.now() >= giveUpAt) {
        await rows(
          seen.pending.map((contractId) => ({ contractId, signed: false, message: BATCH_MESSAGES.noAnswer })),
          BatchStatus.Recording,
        );
        state.notSigned += seen.pending.length;
        break;
      }
      await sleep(pause);
    }
    await rows([], BatchStatus.Done);
  }
  state.status = BatchStatus.Done;
  showDetails();
  await condition(allHandlersFinished);
  return state;
}
