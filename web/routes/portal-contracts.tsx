// "Mano sutartys" in the KURSUOK portal (PORTAL-6, PORTAL-7, CON-17; L5): the participant reads,
// downloads and signs her learning contracts and may ask to terminate one in force. Signing goes
// through the signing gateway: „Pasirašyti sutartį“ opens a session (an Update of the contract's
// workflow) and sends her browser there; the gateway sends her back to …/pasirasymas with
// ?session=&status=, and a signed session is recorded by the workflow (which checks the returned
// file). Only her own contracts (participant_id = her account): any other id is not found.
import { Hono, type Context } from 'hono';
import { readStoredFile } from '../../db/queries/files.ts';
import { findCertificateByContract } from '../../db/queries/certificates.ts';
import { listOwnContracts, type OwnContract } from '../../db/queries/portal-contracts.ts';
import type { Participant } from '../../db/tables/participants.ts';
import { attachmentDisposition, safeDownloadName } from '../../workflows/domain/file-type.ts';
import { ContractSideStatus, TERMINATION_REASON_MAX } from '../../workflows/domain/learning-contract.ts';
import { requirePerson } from '../auth/person-session.tsx';
import type { AppEnv } from '../context.ts';
import { keepsFormKey } from '../errors.ts';
import { isUuid, newKey } from '../forms.ts';
import {
  completeParticipantSigning,
  requestContractTermination,
  startParticipantSigning,
  type ParticipantSigner,
} from '../portal-contract-commands.ts';
import { commandTarget } from '../route-context.ts';
import { portalHtml } from '../views/portal-layout.tsx';
import { ContractPage, ContractsPage, contractPath, type TerminationForm } from '../views/portal-contracts.tsx';
import { currentParticipant } from './portal-auth.tsx';
import { ownContract, portalBadRequest as badRequest, portalNotFound as notFound, rereadOwnContract } from './portal-own-contract.tsx';

type C = Context<AppEnv>;
type PageStatus = 200 | 202 | 404 | 409 | 422 | 503;

export const portalContractRoutes = new Hono<AppEnv>();
for (const path of ['/kursuok/sutartys', '/kursuok/sutartys/*']) portalContractRoutes.use(path, requirePerson('DALYVIS'));

const signerOf = (p: Participant): ParticipantSigner => ({
  party: 'participant',
  participantId: p.id,
  personKey: p.person_key,
  name: `${p.first_name} ${p.last_name}`,
});

const NOTICES: Record<string, string> = {
  pasirasyta: 'Sutartis pasirašyta.',
  'prasymas-pateiktas': 'Prašymas nutraukti sutartį pateiktas. Mokymo teikėjas jį įvertins.',
};

/** Why the gateway sent her back without a signature: nothing changes. */
const NOT_SIGNED: Record<string, string> = {
  refused: 'Sutarties pasirašymo atsisakėte, todėl sutartis nepasirašyta. Pasirašyti galite dar kartą.',
  cancelled: 'Pasirašymas atšauktas, todėl sutartis nepasirašyta. Pasirašyti galite dar kartą.',
};
const NOT_FINISHED = 'Pasirašymas nebaigtas, todėl sutartis nepasirašyta. Pasirašyti galite dar kartą.';

async function contractPage(
  c: C,
  contract: OwnContract,
  opts: { error?: string; info?: string; termination?: TerminationForm; formKey?: string; status?: PageStatus } = {},
) {
  // Her contract already (findOwnContract): its certificate, once generated (DONE-16).
  const certificate = await findCertificateByContract(c.get('deps').db, contract.id);
  return portalHtml(
    c,
    <ContractPage
      person={c.get('personSession')}
      contract={contract}
      now={new Date()}
      formKey={opts.formKey ?? newKey()}
      notice={NOTICES[c.req.query('pranesimas') ?? '']}
      error={opts.error}
      info={opts.info}
      termination={opts.termination}
      certificate={certificate}
    />,
    opts.status ?? 200,
  );
}

portalContractRoutes.get('/kursuok/sutartys', async (c) => {
  const participant = await currentParticipant(c);
  if (!participant) return notFound(c);
  const contracts = await listOwnContracts(c.get('deps').db, participant.id);
  return portalHtml(c, <ContractsPage person={c.get('personSession')} contracts={contracts} now={new Date()} />);
});

portalContractRoutes.get('/kursuok/sutartys/:contractId', async (c) => {
  const own = await ownContract(c);
  if (!own) return notFound(c);
  return contractPage(c, own.contract);
});

/** CON-17: the contract's current file (with the signatures it carries so far), as an attachment. */
portalContractRoutes.get('/kursuok/sutartys/:contractId/dokumentas', async (c) => {
  const own = await ownContract(c);
  const fileId = own?.contract.document_file_id;
  const file = own && fileId ? await readStoredFile(c.get('deps').db, own.contract.institution_id, fileId) : undefined;
  if (!own || !file) return notFound(c);
  const body = new Uint8Array(file.content);
  const name = safeDownloadName(`Mokymosi sutartis ${own.contract.number ?? ''}`.trim(), 'application/pdf');
  return c.body(body, 200, {
    'Content-Type': 'application/pdf',
    'Content-Length': String(body.byteLength),
    'Content-Disposition': attachmentDisposition(name),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'private, no-store',
  });
});

/** PORTAL-6, K2: opens a signing session at the gateway and sends her browser there. */
portalContractRoutes.post('/kursuok/sutartys/:contractId/pasirasyti', async (c) => {
  const own = await ownContract(c);
  if (!own) return notFound(c);
  const form = await c.req.parseBody();
  const key = form.idempotencyKey;
  if (!isUuid(key)) return badRequest(c);
  const { config } = c.get('deps');
  const result = await startParticipantSigning(commandTarget(c), {
    contractId: own.contract.id,
    signer: signerOf(own.participant),
    returnUrl: `${config.web.publicUrl}${contractPath(own.contract.id, '/pasirasymas')}`,
    idempotencyKey: key,
  });
  if (!result.ok)
    return contractPage(c, own.contract, { error: result.message, formKey: keepsFormKey(result) ? key : newKey(), status: result.status });
  return c.redirect(result.value.signUrl, 303);
});

const SESSION_ID = /^[A-Za-z0-9_-]{1,100}$/;

/** The gateway's return (CON-17): a signed session is recorded by the workflow; anything else changes nothing. */
portalContractRoutes.get('/kursuok/sutartys/:contractId/pasirasymas', async (c) => {
  const own = await ownContract(c);
  if (!own) return notFound(c);
  const status = c.req.query('status') ?? '';
  const sessionId = c.req.query('session') ?? '';
  if (status !== 'signed') return contractPage(c, own.contract, { info: NOT_SIGNED[status] ?? NOT_FINISHED });
  if (!SESSION_ID.test(sessionId)) return badRequest(c);
  const result = await completeParticipantSigning(commandTarget(c), {
    contractId: own.contract.id,
    signer: signerOf(own.participant),
    sessionId,
  });
  if (!result.ok) {
    // The check refused the signature (another person, another document…): its message, 409.
    const refusal = result.status === 422 ? 409 : result.status;
    return contractPage(c, await rereadOwnContract(c, own.participant, own.contract), { error: result.message, status: refusal });
  }
  return c.redirect(`${contractPath(own.contract.id)}?pranesimas=pasirasyta`, 303);
});

/** PORTAL-7, K6: "Prašymas nutraukti sutartį", with a reason, for a contract in force. */
portalContractRoutes.post('/kursuok/sutartys/:contractId/nutraukti', async (c) => {
  const own = await ownContract(c);
  if (!own) return notFound(c);
  const form = await c.req.parseBody();
  const key = form.idempotencyKey;
  if (!isUuid(key)) return badRequest(c);
  const reason = typeof form.reason === 'string' ? form.reason.trim() : '';
  // Asked already (this form again, or another): said at once; the workflow would change nothing either.
  if (own.contract.participant_status === ContractSideStatus.TerminationRequested)
    return contractPage(c, own.contract, { error: 'Prašymą nutraukti sutartį jau pateikėte.', status: 409 });
  const invalid =
    reason === ''
      ? 'Nurodykite sutarties nutraukimo priežastį.'
      : reason.length > TERMINATION_REASON_MAX
        ? `Nutraukimo priežastis – ne daugiau kaip ${TERMINATION_REASON_MAX} simbolių.`
        : null;
  if (invalid) return contractPage(c, own.contract, { error: invalid, termination: { reason, error: invalid }, formKey: key, status: 422 });
  const result = await requestContractTermination(commandTarget(c), {
    contractId: own.contract.id,
    participantId: own.participant.id,
    reason,
    idempotencyKey: key,
  });
  if (!result.ok)
    return contractPage(c, await rereadOwnContract(c, own.participant, own.contract), {
      error: result.message,
      termination: { reason },
      formKey: keepsFormKey(result) ? key : newKey(),
      status: result.status,
    });
  return c.redirect(`${contractPath(own.contract.id)}?pranesimas=prasymas-pateiktas`, 303);
});
