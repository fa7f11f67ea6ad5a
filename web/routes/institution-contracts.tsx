// The provider's application "Institucijos sutartys" (manual §3.12; CON-2..CON-4, CON-8..CON-15,
// CON-19, CON-22, CON-27, USERS-32). Pages read Postgres; each action is one Update to the contract's
// workflow LearningContract:<registrationId> (updateId = the form's key). Every route: a contract or
// group of the acting institution (and, for an employer representative, a trilateral contract of
// their employer), or 404 (GEN-5). Reading needs the application's 'view', actions its 'full'
// (app.tsx); signing and terminating further need "Sutarčių pasirašymas" (CON-15).
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { Hono, type Context } from 'hono';
import { findBatch } from '../../db/queries/contract-signing-batches.ts';
import { readStoredFile } from '../../db/queries/files.ts';
import {
  findScopedContract,
  listContractGroups,
  listGroupContracts,
  userName,
  type ContractScope,
  type GroupContractItem,
} from '../../db/queries/institution-contracts.ts';
import { findProgramme } from '../../db/queries/programmes.ts';
import { findGroup } from '../../db/queries/training-groups.ts';
import { Application, Right } from '../../workflows/domain/access.ts';
import { BATCH_MESSAGES, BatchStatus, MAX_BATCH_CONTRACTS, type BatchParty } from '../../workflows/domain/contract-batch-signing.ts';
import { attachmentDisposition, safeDownloadName } from '../../workflows/domain/file-type.ts';
import {
  ContractPhase,
  ContractSideStatus,
  TerminationGround,
  terminationRefusal,
  type TerminationGround as Ground,
} from '../../workflows/domain/learning-contract.ts';
import { learningContractWorkflowId } from '../../workflows/ids.ts';
import {
  completeContractSigningUpdate,
  startContractSigningUpdate,
  terminateContractUpdate,
  type ContractSigner,
} from '../../workflows/learning-contract/messages.ts';
import { openContractBatch, returnToContractBatch } from '../contract-batch-commands.ts';
import type { AppEnv } from '../context.ts';
import { completionOf, keepsFormKey } from '../errors.ts';
import { formValues, isUuid, newKey } from '../forms.ts';
import { withinDeadline } from '../group-commands.ts';
import { badRequest, respond } from '../render.tsx';
import {
  BatchResultPage,
  BatchResults,
  batchPath,
  ContractGroupsPage,
  groupContractsPath,
  SELECT_AWAITING_QUERY,
  GroupContractsPage,
  TerminationForm,
  TerminationInfo,
  type RowActions,
} from '../views/institution-contracts.tsx';
import { MessagePage } from '../views/messages.tsx';

const APP = Application.Contracts;
type C = Context<AppEnv>;
type Party = 'provider' | 'employer';

export const institutionContractRoutes = new Hono<AppEnv>();

function target(c: C) {
  const { temporal, config } = c.get('deps');
  return { temporal, taskQueue: config.temporal.taskQueue, timeoutMs: config.temporal.commandTimeoutMs };
}

/**
 * USERS-32: a user whose only right to this application is "Darbdavio atstovas ir trišalių sutarčių
 * pasirašymas" sees the trilateral contracts of the employer their user account is linked to
 * (institution_users.employer_id), and nothing when it is linked to none.
 */
function scopeOf(c: C): ContractScope {
  const { roles, user } = c.get('acting');
  const wider = roles.some((r) => r === Right.Administrator || r === Right.Employee || r === Right.ContractSigning);
  if (wider || !roles.includes(Right.EmployerRepresentative)) return { employerOnly: false };
  return { employerOnly: true, employerId: user?.employer_id ?? null };
}

/** CON-15: signing for the provider and terminating need "Sutarčių pasirašymas" (and an institution user). */
function isProviderSigner(c: C): boolean {
  const { roles, user } = c.get('acting');
  return user !== null && roles.includes(Right.ContractSigning);
}

/** USERS-32: the employer's representative signs the trilateral contracts of their own employer. */
function isEmployerSignerOf(c: C, employerId: string | null): boolean {
  const { roles, user } = c.get('acting');
  return user !== null && employerId !== null && roles.includes(Right.EmployerRepresentative) && user.employer_id === employerId;
}

function actionsFor(c: C, i: GroupContractItem): RowActions {
  const k = i.contract;
  const signing = k.phase === ContractPhase.Signing;
  const signAs: Party[] = [];
  if (signing && k.provider_status === ContractSideStatus.AwaitingSignature && isProviderSigner(c)) signAs.push('provider');
  if (signing && k.employer_status === ContractSideStatus.AwaitingSignature && isEmployerSignerOf(c, k.employer_id))
    signAs.push('employer');
  return {
    signAs,
    terminate: k.phase === ContractPhase.InForce && isProviderSigner(c),
    download: isDownloadable(i),
    terminationInfo: k.phase === ContractPhase.Terminated,
  };
}

/** CON-13, CON-19: the current file of a contract signed by at least one side, or terminated. */
function isDownloadable(i: GroupContractItem): boolean {
  const k = i.contract;
  if (!k.document_file_id) return false;
  return (
    k.participant_signed_at !== null ||
    k.provider_signed_at !== null ||
    k.employer_signed_at !== null ||
    k.phase === ContractPhase.Terminated
  );
}

async function loadContract(c: C): Promise<GroupContractItem | undefined> {
  const id = c.req.param('contractId');
  if (!isUuid(id)) return undefined;
  return findScopedContract(c.get('deps').db, c.get('acting').institution.id, id, scopeOf(c));
}

const NOTICES: Record<string, string> = {
  pasirasyta: 'Sutartis pasirašyta.',
  atsisakyta: 'Pasirašymo atsisakyta: sutartis nepasirašyta.',
  atsaukta: 'Pasirašymas atšauktas: sutartis nepasirašyta.',
  nutraukta: 'Sutartis nutraukta. Mokymo dalyviui bus išsiųstas pranešimas el. paštu.',
};

institutionContractRoutes.get('/sutartys', async (c) => {
  const groups = await listContractGroups(c.get('deps').db, c.get('acting').institution.id, scopeOf(c));
  return respond(c, { title: 'Institucijos sutartys', app: APP, page: () => <ContractGroupsPage groups={groups} /> });
});

/** CON-5: the sides the acting user may bulk-sign for (the provider's signer; an employer's representative, USERS-32). */
function bulkParties(c: C): BatchParty[] {
  const { roles, user } = c.get('acting');
  const parties: BatchParty[] = [];
  if (isProviderSigner(c)) parties.push('provider');
  if (user?.employer_id && roles.includes(Right.EmployerRepresentative)) parties.push('employer');
  return parties;
}

async function renderGroup(
  c: C,
  groupId: string,
  status: 200 | 202 | 404 | 409 | 422 | 503,
  extra: { success?: string; error?: string; selectAwaiting?: boolean },
) {
  const { db } = c.get('deps');
  const institutionId = c.get('acting').institution.id;
  const group = isUuid(groupId) ? await findGroup(db, institutionId, groupId) : undefined;
  if (!group) return c.notFound();
  const programme = await findProgramme(db, institutionId, group.programme_id);
  const items = await listGroupContracts(db, institutionId, group.id, scopeOf(c));
  return respond(c, {
    title: `${group.name} – sutartys`,
    app: APP,
    status,
    page: () => (
      <GroupContractsPage
        groupName={group.name}
        programme={programme ? `${programme.code} ${programme.name}` : ''}
        programmeKind={programme?.kind}
        items={items.map((item) => ({ item, actions: actionsFor(c, item) }))}
        newKey={newKey}
        success={extra.success}
        error={extra.error}
        bulk={
          bulkParties(c).length > 0
            ? { groupId: group.id, parties: bulkParties(c), formKey: newKey(), selectAwaiting: extra.selectAwaiting === true }
            : undefined
        }
      />
    ),
  });
}

institutionContractRoutes.get('/sutartys/grupes/:groupId', (c) =>
  renderGroup(c, c.req.param('groupId'), 200, {
    success: NOTICES[c.req.query('pranesimas') ?? ''],
    selectAwaiting: c.req.query('pazymeti') === SELECT_AWAITING_QUERY.split('=')[1],
  }),
);

/** The signer as the workflow records them: the acting user's identity and signing authority (USERS-27). */
function signerFor(c: C, party: Party, employerId: string | null): ContractSigner | string {
  const { user, institution, session } = c.get('acting');
  if (!user) return 'Pasirašyti gali tik institucijos naudotojas.';
  const personalCodeHash = user.personal_code_hash ?? session.personal_code_hash;
  const name = `${user.first_name} ${user.last_name}`;
  if (party === 'employer')
    return { party: 'employer', userId: user.id, institutionId: institution.id, personalCodeHash, name, employerId: employerId ?? '' };
  if (!user.signing_document)
    return 'Nenurodytas dokumentas, kuriuo remiantis turite teisę pasirašyti sutartis. Kreipkitės į institucijos administratorių.';
  return { party: 'provider', userId: user.id, institutionId: institution.id, personalCodeHash, name, authority: user.signing_document };
}

function mayAct(c: C, i: GroupContractItem, party: Party): boolean {
  return party === 'provider' ? isProviderSigner(c) : isEmployerSignerOf(c, i.contract.employer_id);
}

const refusedRight = (c: C) =>
  c.html(<MessagePage title="Neturite teisių" message="Neturite teisės pasirašyti ar nutraukti šios sutarties." />, 403);

/** „Pasirašyti“ (CON-4): opens a signing session at the gateway and sends the browser there. */
institutionContractRoutes.post('/sutartys/:contractId/pasirasyti', async (c) => {
  const item = await loadContract(c);
  if (!item) return c.notFound();
  const values = await formValues(c);
  const key = values.idempotencyKey;
  const party = values.party === 'employer' ? 'employer' : values.party === 'provider' ? 'provider' : null;
  if (!isUuid(key) || !party) return badRequest(c);
  if (!mayAct(c, item, party)) return refusedRight(c);
  const signer = signerFor(c, party, item.contract.employer_id);
  if (typeof signer === 'string') return renderGroup(c, item.contract.group_id, 409, { error: signer });
  const { config } = c.get('deps');
  const returnUrl = `${config.web.publicUrl}/sutartys/${item.contract.id}/pasirasymas${party === 'employer' ? '?salis=darbdavys' : ''}`;
  const handle = c.get('deps').temporal.workflow.getHandle(learningContractWorkflowId(item.contract.id));
  const result = await withinDeadline(target(c), () =>
    completionOf(
      handle.startUpdate(startContractSigningUpdate, { args: [{ signer, returnUrl }], updateId: key, waitForStage: 'ACCEPTED' }),
    ),
  );
  if (!result.ok) return renderGroup(c, item.contract.group_id, result.status, { error: result.message });
  return c.redirect(result.value.signUrl, 303);
});

/** The gateway's return (`?session=&status=`): a signature is checked and recorded; a refusal changes nothing. */
institutionContractRoutes.get('/sutartys/:contractId/pasirasymas', async (c) => {
  const item = await loadContract(c);
  if (!item) return c.notFound();
  const party: Party = c.req.query('salis') === 'darbdavys' ? 'employer' : 'provider';
  const back = groupContractsPath(item.contract.group_id);
  const status = c.req.query('status');
  const sessionId = c.req.query('session');
  if (status === 'refused') return c.redirect(`${back}?pranesimas=atsisakyta`, 303);
  if (status !== 'signed') return c.redirect(`${back}?pranesimas=atsaukta`, 303);
  if (!sessionId || sessionId.length > 200) return badRequest(c);
  if (!mayAct(c, item, party)) return refusedRight(c);
  const signer = signerFor(c, party, item.contract.employer_id);
  if (typeof signer === 'string') return renderGroup(c, item.contract.group_id, 409, { error: signer });
  const handle = c.get('deps').temporal.workflow.getHandle(learningContractWorkflowId(item.contract.id));
  // The session's id is the key: the same return opened twice records the signature once.
  const result = await withinDeadline(target(c), () =>
    completionOf(
      handle.startUpdate(completeContractSigningUpdate, {
        args: [{ signer, sessionId }],
        updateId: `complete:${item.contract.id}:${sessionId}`,
        waitForStage: 'ACCEPTED',
      }),
    ),
  );
  if (!result.ok) return renderGroup(c, item.contract.group_id, result.status, { error: result.message });
  return c.redirect(`${back}?pranesimas=pasirasyta#sutartis-${item.contract.id}`, 303);
});

/** CON-9, CON-10: the provider's two grounds, and the participant's request once she asked. */
function groundsFor(i: GroupContractItem): Ground[] {
  const asked = i.contract.participant_status === ContractSideStatus.TerminationRequested;
  return [
    ...(asked ? [TerminationGround.ParticipantRequest] : []),
    TerminationGround.ProviderNonFulfilment,
    TerminationGround.ParticipantNonFulfilment,
  ];
}

function renderTermination(
  c: C,
  item: GroupContractItem,
  status: 200 | 202 | 404 | 409 | 422 | 503,
  form: {
    values?: { ground?: string; reason?: string };
    errors?: Partial<Record<'ground' | 'reason', string>>;
    key?: string;
    error?: string;
  },
) {
  return respond(c, {
    title: 'Nutraukti sutartį',
    app: APP,
    status,
    page: () => (
      <TerminationForm
        item={item}
        grounds={groundsFor(item)}
        values={form.values ?? {}}
        errors={form.errors ?? {}}
        formKey={form.key ?? newKey()}
        error={form.error}
      />
    ),
  });
}

institutionContractRoutes.get('/sutartys/:contractId/nutraukti', async (c) => {
  const item = await loadContract(c);
  if (!item) return c.notFound();
  if (!isProviderSigner(c)) return refusedRight(c);
  return renderTermination(c, item, 200, {});
});

/** „Nutraukti sutartį“ (CON-8..CON-12): one terminateContract Update; the reason is required for the participant's non-fulfilment. */
institutionContractRoutes.post('/sutartys/:contractId/nutraukti', async (c) => {
  const item = await loadContract(c);
  if (!item) return c.notFound();
  const values = await formValues(c);
  const key = values.idempotencyKey;
  if (!isUuid(key)) return badRequest(c);
  if (!isProviderSigner(c)) return refusedRight(c);
  const ground = typeof values.ground === 'string' ? values.ground : undefined;
  const reason = typeof values.reason === 'string' ? values.reason : '';
  const typed = { ground: ground ?? '', reason };
  // The same rule the workflow applies, first at the edge: field errors keep what was typed (422).
  const refusal = terminationRefusal(
    item.contract.phase,
    { participant: item.contract.participant_status, provider: item.contract.provider_status, employer: item.contract.employer_status },
    ground,
    reason,
  );
  if (refusal?.field)
    return renderTermination(c, item, 422, {
      values: typed,
      errors: { [refusal.field]: refusal.message },
      key,
      error: 'Patikrinkite pažymėtus laukus.',
    });
  // Terminated already, or not in force (the projection the page showed): nothing to send (409).
  if (refusal) return renderTermination(c, item, 409, { values: typed, error: refusal.message });
  const { user, institution } = c.get('acting');
  const handle = c.get('deps').temporal.workflow.getHandle(learningContractWorkflowId(item.contract.id));
  const result = await withinDeadline(target(c), () =>
    completionOf(
      handle.startUpdate(terminateContractUpdate, {
        args: [{ userId: user!.id, institutionId: institution.id, requestId: c.get('requestId'), ground: ground as Ground, reason }],
        updateId: key,
        waitForStage: 'ACCEPTED',
      }),
    ),
  );
  if (!result.ok) {
    const fieldErrors = result.fieldErrors as Partial<Record<'ground' | 'reason', string>>;
    return renderTermination(c, item, result.status, {
      values: typed,
      errors: {
        ...(fieldErrors.ground ? { ground: fieldErrors.ground } : {}),
        ...(fieldErrors.reason ? { reason: fieldErrors.reason } : {}),
      },
      key: keepsFormKey(result) ? key : newKey(),
      error: result.message,
    });
  }
  return c.redirect(`${groupContractsPath(item.contract.group_id)}?pranesimas=nutraukta#sutartis-${item.contract.id}`, 303);
});

/** „Atsisiųsti sutartį“ (CON-13, CON-19): the current file (with the signatures so far), as an attachment. */
institutionContractRoutes.get('/sutartys/:contractId/dokumentas', async (c) => {
  const item = await loadContract(c);
  if (!item || !isDownloadable(item)) return c.notFound();
  const file = await readStoredFile(c.get('deps').db, c.get('acting').institution.id, item.contract.document_file_id!);
  if (!file) return c.notFound();
  const name = safeDownloadName(`Mokymosi sutartis ${item.contract.number ?? item.contract.id}`, 'application/pdf');
  return c.body(new Uint8Array(file.content), 200, {
    'Content-Type': 'application/pdf',
    'Content-Disposition': attachmentDisposition(name),
    'X-Content-Type-Options': 'nosniff',
  });
});

/** „Sutarties nutraukimo informacija“ (CON-14): date, initiator, ground, reason and who. */
institutionContractRoutes.get('/sutartys/:contractId/nutraukimas', async (c) => {
  const item = await loadContract(c);
  if (!item || item.contract.phase !== ContractPhase.Terminated) return c.notFound();
  const who = await userName(c.get('deps').db, c.get('acting').institution.id, item.contract.terminated_by_user_id);
  return respond(c, {
    title: 'Sutarties nutraukimo informacija',
    app: APP,
    page: () => <TerminationInfo item={item} terminatedBy={who} />,
  });
});

/**
 * „Pasirašyti pažymėtas“ (CON-5, CON-20; USERS-32 for an employer's representative): ONE command, the
 * batch's update-with-start, opens one gateway session with every ticked contract that awaits the
 * signer; the browser goes there. Every ticked id must be a contract of this group the user sees, or
 * 404 (GEN-5). The form's key is the batch: a replayed POST finds it and opens nothing new.
 */
institutionContractRoutes.post('/sutartys/grupes/:groupId/pasirasyti', async (c) => {
  const { db, config } = c.get('deps');
  const { institution, user } = c.get('acting');
  const groupId = c.req.param('groupId');
  const group = isUuid(groupId) ? await findGroup(db, institution.id, groupId) : undefined;
  if (!group) return c.notFound();
  const values = await formValues(c);
  const key = values.idempotencyKey;
  const party: BatchParty | null = values.party === 'employer' ? 'employer' : values.party === 'provider' ? 'provider' : null;
  const ticked = values.contractIds === undefined ? [] : Array.isArray(values.contractIds) ? values.contractIds : [values.contractIds];
  if (!isUuid(key) || !party || !ticked.every(isUuid)) return badRequest(c);
  if (!user || !bulkParties(c).includes(party)) return refusedRight(c);
  // A replayed POST (double click, back and resubmit): the same batch, its session or its results.
  const earlier = await findBatch(db, institution.id, key);
  if (earlier) {
    if (earlier.batch.user_id !== user.id) return c.notFound();
    const open = earlier.batch.status === BatchStatus.AwaitingSigner && earlier.batch.sign_url;
    return c.redirect(open ? earlier.batch.sign_url! : batchPath(key), 303);
  }
  const contractIds = [...new Set(ticked)];
  if (contractIds.length === 0) return renderGroup(c, group.id, 422, { error: BATCH_MESSAGES.noneTicked });
  if (contractIds.length > MAX_BATCH_CONTRACTS) return renderGroup(c, group.id, 422, { error: BATCH_MESSAGES.tooMany });
  const visible = new Set((await listGroupContracts(db, institution.id, group.id, scopeOf(c))).map((i) => i.contract.id));
  if (!contractIds.every((id) => visible.has(id))) return c.notFound();
  const signer = signerFor(c, party, user.employer_id ?? null);
  if (typeof signer === 'string') return renderGroup(c, group.id, 409, { error: signer });
  if (signer.party === 'participant') return badRequest(c);
  let result: Awaited<ReturnType<typeof openContractBatch>>;
  try {
    result = await openContractBatch(target(c), {
      input: { batchId: key, institutionId: institution.id, groupId: group.id, userId: user.id, party },
      signer,
      contractIds,
      returnUrl: `${config.web.publicUrl}${batchPath(key)}/atgal`,
      groupName: group.name,
    });
  } catch (err) {
    // The batch under this key has ended without a row (its command was refused): a fresh form is needed.
    if (err instanceof WorkflowExecutionAlreadyStartedError) return renderGroup(c, group.id, 409, { error: BATCH_MESSAGES.batchEnded });
    throw err;
  }
  if (!result.ok) return result.status === 404 ? c.notFound() : renderGroup(c, group.id, result.status, { error: result.message });
  return c.redirect(result.value.signUrl ?? batchPath(key), 303);
});

/** The batch of the acting institution; an employer's representative sees only their own batches (USERS-32). */
async function loadBatch(c: C) {
  const id = c.req.param('batchId');
  if (!isUuid(id)) return undefined;
  const found = await findBatch(c.get('deps').db, c.get('acting').institution.id, id);
  if (!found) return undefined;
  if (scopeOf(c).employerOnly && found.batch.user_id !== c.get('acting').user?.id) return undefined;
  return found;
}

/** CON-20: each ticked contract's outcome; the fragment is polled (htmx, every second) until all have one. */
institutionContractRoutes.get('/sutartys/pasirasymai/:batchId', async (c) => {
  const found = await loadBatch(c);
  if (!found) return c.notFound();
  const group = await findGroup(c.get('deps').db, c.get('acting').institution.id, found.batch.group_id);
  const props = { ...found, groupName: group?.name ?? 'Mokymo grupė' };
  return respond(c, {
    title: 'Pažymėtų sutarčių pasirašymas',
    app: APP,
    page: () => <BatchResultPage {...props} />,
    fragment: () => <BatchResults {...props} />,
  });
});

/** The gateway's return (`?session=&status=`): one Update of the batch, whose own check of the session decides. */
institutionContractRoutes.get('/sutartys/pasirasymai/:batchId/atgal', async (c) => {
  const found = await loadBatch(c);
  const { user, institution } = c.get('acting');
  if (!found || !user || found.batch.user_id !== user.id) return c.notFound();
  const { batch } = found;
  if (batch.status !== BatchStatus.AwaitingSigner) return c.redirect(batchPath(batch.id), 303);
  const sessionId = c.req.query('session');
  const status = c.req.query('status') ?? '';
  if (!sessionId || sessionId !== batch.session_id || status.length > 20) return badRequest(c);
  const result = await returnToContractBatch(target(c), {
    batchId: batch.id,
    institutionId: institution.id,
    userId: user.id,
    sessionId,
    status,
  });
  if (!result.ok && result.status !== 202) return renderGroup(c, batch.group_id, result.status, { error: result.message });
  return c.redirect(batchPath(batch.id), 303);
});
