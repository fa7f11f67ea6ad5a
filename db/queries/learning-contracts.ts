// Learning contracts (issue 12; §3.12, L5): the row each LearningContract:<registrationId> workflow
// projects, and the one place a contract gets its number (NUM-7). Row reads and writes only: the
// rules are in workflows/domain/learning-contract.ts, the e-mails' texts in the workflow's activities
// (a projection queues them in its transaction through the composer it is given).
import { sql, type Insertable } from 'kysely';
import { Right } from '../../workflows/domain/access.ts';
import { formatContractNumber } from '../../workflows/domain/contract-number.ts';
import { ContractPhase, ContractSideStatus } from '../../workflows/domain/learning-contract.ts';
import type { QuestionnaireAnswers } from '../../workflows/domain/questionnaire.ts';
import type { Db, DbOrTx } from '../client.ts';
import type { LearningContractRow, LearningContractsTable } from '../tables/learning-contracts.ts';
import { writeAudit } from './audit.ts';
import { insertQuestionnaireAnswers } from './questionnaire-answers.ts';
import { queueEmail } from './outbox.ts';

export const LEARNING_CONTRACT_ENTITY = 'learning_contract';

/** What the workflow knows when it first writes its contract. */
export interface NewContract {
  contractId: string;
  institutionId: string;
  groupId: string;
  programmeId: string;
  signingDeadline: string;
  version: number;
}

/** The registration behind a contract, as the contract needs it. */
export async function findContractRegistration(db: DbOrTx, registrationId: string) {
  return db
    .selectFrom('group_registrations as r')
    .leftJoin('uzt_coupons as c', 'c.registration_id', 'r.id')
    .select(['r.id', 'r.group_id', 'r.participant_id', 'r.status', 'r.funding', 'c.employer_id', 'c.section1'])
    .where('r.id', '=', registrationId)
    .executeTakeFirst();
}

export async function findContract(db: DbOrTx, institutionId: string, contractId: string): Promise<LearningContractRow | undefined> {
  return db
    .selectFrom('learning_contracts')
    .selectAll()
    .where('id', '=', contractId)
    .where('institution_id', '=', institutionId)
    .executeTakeFirst();
}

export type Numbering =
  | { kind: 'numbered'; number: string; datedOn: string; stageId: string }
  | { kind: 'noStage'; datedOn: string }
  | { kind: 'exists'; row: LearningContractRow };

/**
 * Inserts the contract with the next number of the institution's stage valid on `datedOn` (NUM-7), in
 * one transaction: the stage's counter row is locked by its update, so contracts numbered at once get
 * consecutive numbers, and a failed insert rolls its number back (no gaps). A contract that exists
 * already keeps its number (a retried activity changes nothing).
 */
export async function insertNumberedContract(
  db: Db,
  c: NewContract & { datedOn: string; employerId: string | null; participantId: string | null; snapshot: Record<string, unknown> },
): Promise<Numbering> {
  return db.transaction().execute(async (trx) => {
    // Locked: the same contract numbered twice at once (a retried activity) takes one number.
    const existing = await trx.selectFrom('learning_contracts').selectAll().where('id', '=', c.contractId).forUpdate().executeTakeFirst();
    if (existing?.number) return { kind: 'exists', row: existing } as const;
    const stage = await trx
      .selectFrom('contract_numbering_stages')
      .select('id')
      .where('institution_id', '=', c.institutionId)
      .where('effective_from', '<=', c.datedOn)
      .orderBy('effective_from', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!stage) return { kind: 'noStage', datedOn: c.datedOn } as const;
    const issued = await trx
      .updateTable('contract_numbering_stages')
      .set({ issued_count: sql`issued_count + 1`, first_used_at: sql`coalesce(first_used_at, now())` })
      .where('id', '=', stage.id)
      .returning(['start_number', 'issued_count', 'prefix', 'suffix', 'number_format'])
      .executeTakeFirstOrThrow();
    const number = formatContractNumber(
      { prefix: issued.prefix, suffix: issued.suffix, numberFormat: issued.number_format },
      issued.start_number + issued.issued_count - 1,
    );
    const numbered = {
      phase: 'RENGIAMA' as const,
      waiting_reason: null,
      number,
      dated_on: c.datedOn,
      number_stage_id: stage.id,
      number_source: 'NUMERACIJA' as const,
      snapshot: c.snapshot,
    };
    await writeNumber(trx, existing, c, numbered);
    await audit(trx, c.institutionId, c.contractId, 'create', {
      number: { before: null, after: number },
      phase: { before: null, after: 'RENGIAMA' },
    });
    return { kind: 'numbered', number, datedOn: c.datedOn, stageId: stage.id } as const;
  });
}

/**
 * An SMPKR programme's contract with the number and registration date "Mokinių registras" gave it
 * (NUM-9, NUM-11: no numbering stage is used). Idempotent on the contract's id: a contract that has a
 * number already keeps it (a retried activity changes nothing); one that waited keeps its row.
 */
export async function insertRegisteredContract(
  db: Db,
  c: NewContract & {
    number: string;
    /** The registration date in the register, 'YYYY-MM-DD'. */
    datedOn: string;
    employerId: string | null;
    participantId: string | null;
    snapshot: Record<string, unknown>;
  },
): Promise<{ kind: 'registered'; number: string; datedOn: string } | { kind: 'exists'; row: LearningContractRow }> {
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('learning_contracts').selectAll().where('id', '=', c.contractId).forUpdate().executeTakeFirst();
    if (existing?.number) return { kind: 'exists', row: existing } as const;
    const registered = {
      phase: 'RENGIAMA' as const,
      waiting_reason: null,
      number: c.number,
      dated_on: c.datedOn,
      number_stage_id: null,
      number_source: 'MOKINIU_REGISTRAS' as const,
      snapshot: c.snapshot,
    };
    await writeNumber(trx, existing, c, registered);
    await audit(trx, c.institutionId, c.contractId, 'create', {
      number: { before: null, after: c.number },
      dated_on: { before: null, after: c.datedOn },
      number_source: { before: null, after: 'MOKINIU_REGISTRAS' },
      phase: { before: existing?.phase ?? null, after: 'RENGIAMA' },
    });
    return { kind: 'registered', number: c.number, datedOn: c.datedOn } as const;
  });
}

type ContractParties = { employerId: string | null; participantId: string | null };

/** A new contract's row: both sides (and a trilateral contract's employer, CON-22) awaiting signatures. */
function contractColumns(c: NewContract & ContractParties) {
  return {
    id: c.contractId,
    institution_id: c.institutionId,
    group_id: c.groupId,
    programme_id: c.programmeId,
    version: c.version,
    participant_status: 'LAUKIA_PARASO' as const,
    provider_status: 'LAUKIA_PARASO' as const,
    signing_deadline: new Date(c.signingDeadline),
    participant_id: c.participantId,
    employer_id: c.employerId,
    employer_status: c.employerId ? ('LAUKIA_PARASO' as const) : null,
  };
}

/** The contract's number and date: a contract that waited for them (CON-21, NUM-11) keeps its row, otherwise a new one. */
async function writeNumber(
  trx: DbOrTx,
  existing: LearningContractRow | undefined,
  c: NewContract & ContractParties,
  numbered: Pick<
    Insertable<LearningContractsTable>,
    'phase' | 'waiting_reason' | 'number' | 'dated_on' | 'number_stage_id' | 'number_source' | 'snapshot'
  >,
): Promise<void> {
  if (existing) {
    await trx
      .updateTable('learning_contracts')
      .set({ ...numbered, updated_at: new Date() })
      .where('id', '=', c.contractId)
      .execute();
  } else {
    await trx
      .insertInto('learning_contracts')
      .values({ ...contractColumns(c), ...numbered })
      .execute();
  }
}

/** A contract that cannot be numbered yet (CON-21) or waits for its number (NUM-11): written with the reason. */
export async function insertWaitingContract(
  db: Db,
  c: NewContract & { phase: ContractPhase; reason: string; employerId: string | null; participantId: string | null },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('learning_contracts')
      .values({
        ...contractColumns(c),
        phase: c.phase,
        waiting_reason: c.reason,
      })
      .onConflict((oc) =>
        oc
          .column('id')
          .doUpdateSet({ phase: c.phase, waiting_reason: c.reason, updated_at: new Date() })
          .where('learning_contracts.number', 'is', null)
          // Asked again and still waiting for the same (an SMPKR number every few minutes): no write, no audit row.
          .where((eb) =>
            eb.or([eb('learning_contracts.phase', '!=', c.phase), eb('learning_contracts.waiting_reason', 'is distinct from', c.reason)]),
          ),
      )
      .returning('id')
      .executeTakeFirst();
    if (inserted)
      await audit(trx, c.institutionId, c.contractId, 'status', {
        phase: { before: null, after: c.phase },
        waiting_reason: { before: null, after: c.reason },
      });
  });
}

/** The contract's state as its workflow projects it. */
export interface ContractProjection {
  contractId: string;
  institutionId: string;
  version: number;
  phase: ContractPhase;
  participantStatus: ContractSideStatus;
  providerStatus: ContractSideStatus;
  employerStatus: ContractSideStatus | null;
  waitingReason: string | null;
  set?: Partial<
    Pick<
      LearningContractRow,
      | 'document_file_id'
      | 'document_sha256'
      | 'participant_signed_at'
      | 'provider_signed_at'
      | 'provider_signer_user_id'
      | 'provider_signer_name'
      | 'provider_signer_authority'
      | 'employer_signed_at'
      | 'employer_signer_user_id'
      | 'termination_requested_at'
      | 'termination_request_reason'
      | 'started_at'
      | 'locked_at'
      | 'completed_at'
      | 'assessment'
      | 'assessment_confirmed_at'
      | 'questionnaire_filled_at'
      | 'questionnaire_closes_at'
      | 'terminated_at'
      | 'termination_initiator'
      | 'termination_ground'
      | 'termination_reason'
      | 'terminated_by_user_id'
      | 'voided_at'
    >
  >;
  actor: { userId: string } | { participantId: string } | { system: string };
  /**
   * PORTAL-8: the evaluation questionnaire's answers, with `set.questionnaire_filled_at`: stored apart
   * from identities (questionnaire_answers) in this transaction, once (PROG-31).
   */
  questionnaireAnswers?: QuestionnaireAnswers;
}

/** The e-mails a contract's projection causes (notification catalogue §5); the outbox row's kind. */
export const ContractNotice = {
  /** N12 (CON-7): the participant asks to terminate; to the institution's users with "Sutarčių pasirašymas". */
  TerminationRequested: 'CONTRACT_TERMINATION_REQUESTED',
  /** N13 (CON-23): the contract is terminated; to the participant. */
  Terminated: 'CONTRACT_TERMINATED',
  /** N14 (DONE-8, DONE-16): "Patvirtinti" confirmed the final assessment, the questionnaire is open; to the participant. */
  QuestionnaireOpened: 'CONTRACT_QUESTIONNAIRE_OPENED',
} as const;
export type ContractNotice = (typeof ContractNotice)[keyof typeof ContractNotice];

/** What a contract's e-mails name, read in the projection's transaction (after its write). */
export interface ContractNoticeFacts {
  contractId: string;
  groupId: string;
  number: string | null;
  participant: NoticeRecipient;
  groupName: string;
  programmeName: string;
  institutionName: string;
  requestReason: string | null;
  terminatedAt: Date | null;
  ground: string | null;
  reason: string | null;
}

export interface NoticeRecipient {
  firstName: string;
  lastName: string;
  email: string;
}

/** Composes one recipient's e-mail (the activity passes its Lithuanian templates in). */
export type ContractNoticeComposer = (
  notice: ContractNotice,
  facts: ContractNoticeFacts,
  to: NoticeRecipient,
) => { subject: string; text: string };

export interface ContractProjectionResult {
  applied: boolean;
  /** Outbox e-mails this projection queued (when it had been applied before: those it queued then), to deliver. */
  outboxIds: string[];
}

/**
 * The e-mail a projection causes: each is caused once per contract (one request, one termination, one
 * "Patvirtinti"). The completion's projections carry every completion column, so N14 is the one that
 * sets the confirmation (`before`: the row before it; undefined for a retried projection, which finds
 * the e-mails it queued then).
 */
function noticeOf(p: ContractProjection, before?: { assessment_confirmed_at: Date | null }): ContractNotice | null {
  if (p.phase === ContractPhase.Terminated && p.set?.terminated_at) return ContractNotice.Terminated;
  if (p.participantStatus === ContractSideStatus.TerminationRequested && p.set?.termination_requested_at)
    return ContractNotice.TerminationRequested;
  if (
    p.phase === ContractPhase.InForce &&
    p.set?.assessment_confirmed_at &&
    !p.set.questionnaire_filled_at &&
    (before === undefined || before.assessment_confirmed_at === null)
  )
    return ContractNotice.QuestionnaireOpened;
  return null;
}

/**
 * Writes the projection if its version is newer (a retried or replayed write changes nothing), with its
 * audit row and, given a composer, the e-mails it causes (N12, N13) queued in the same transaction.
 */
export async function applyContractProjection(
  db: Db,
  p: ContractProjection,
  compose?: ContractNoticeComposer,
): Promise<ContractProjectionResult> {
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('learning_contracts').selectAll().where('id', '=', p.contractId).forUpdate().executeTakeFirst();
    const notice = compose ? noticeOf(p) : null;
    if (!before) return { applied: false, outboxIds: [] };
    if (before.version >= p.version) return { applied: false, outboxIds: notice ? await queuedNotices(trx, p.contractId, notice) : [] };
    const fresh = compose ? noticeOf(p, before) : null;
    const columns = {
      version: p.version,
      phase: p.phase,
      participant_status: p.participantStatus,
      provider_status: p.providerStatus,
      employer_status: p.employerStatus,
      waiting_reason: p.waitingReason,
      ...p.set,
    };
    await trx
      .updateTable('learning_contracts')
      .set({ ...columns, updated_at: new Date() })
      .where('id', '=', p.contractId)
      .execute();
    // The answers only with the projection that fills the questionnaire, in the row's lock: a retried
    // or replayed projection finds questionnaire_filled_at set and stores nothing again.
    const filledAt = p.set?.questionnaire_filled_at;
    if (p.questionnaireAnswers && filledAt && before.questionnaire_filled_at === null)
      await insertQuestionnaireAnswers(
        trx,
        { institutionId: before.institution_id, programmeId: before.programme_id, groupId: before.group_id },
        p.questionnaireAnswers,
        filledAt,
      );
    const changes: Record<string, { before: unknown; after: unknown }> = {};
    for (const [k, v] of Object.entries(columns)) {
      if (k === 'version') continue;
      const was = (before as Record<string, unknown>)[k];
      const norm = (x: unknown) => (x instanceof Date ? x.toISOString() : (x ?? null));
      if (norm(was) !== norm(v)) changes[k] = { before: norm(was), after: norm(v) };
    }
    if (Object.keys(changes).length > 0) await audit(trx, p.institutionId, p.contractId, 'status', changes, p.actor);
    return { applied: true, outboxIds: fresh && compose ? await queueNotices(trx, p, fresh, compose) : [] };
  });
}

/** What the contract's e-mails name, as the row now stands. */
async function noticeFacts(trx: DbOrTx, contractId: string): Promise<ContractNoticeFacts | undefined> {
  const row = await trx
    .selectFrom('learning_contracts as c')
    .innerJoin('group_registrations as r', 'r.id', 'c.id')
    .innerJoin('training_groups as g', 'g.id', 'c.group_id')
    .innerJoin('programmes as pr', 'pr.id', 'c.programme_id')
    .innerJoin('institutions as i', 'i.id', 'c.institution_id')
    .select([
      'c.id',
      'c.group_id',
      'c.number',
      'c.termination_request_reason',
      'c.terminated_at',
      'c.termination_ground',
      'c.termination_reason',
      'r.first_name',
      'r.last_name',
      'r.email',
      'g.name as group_name',
      'pr.name as programme_name',
      'i.name as institution_name',
    ])
    .where('c.id', '=', contractId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    contractId: row.id,
    groupId: row.group_id,
    number: row.number,
    participant: { firstName: row.first_name, lastName: row.last_name, email: row.email },
    groupName: row.group_name,
    programmeName: row.programme_name,
    institutionName: row.institution_name,
    requestReason: row.termination_request_reason,
    terminatedAt: row.terminated_at,
    ground: row.termination_ground,
    reason: row.termination_reason,
  };
}

/** CON-15: the institution's active users who sign contracts ("Sutarčių pasirašymas"), the recipients of N12. */
export async function contractSigners(trx: DbOrTx, institutionId: string): Promise<NoticeRecipient[]> {
  const rows = await trx
    .selectFrom('institution_users')
    .select(['first_name', 'last_name', 'email'])
    .where('institution_id', '=', institutionId)
    .where('status', '=', 'ACTIVE')
    .where(sql<boolean>`${Right.ContractSigning} = any(rights)`)
    .orderBy('last_name')
    .orderBy('first_name')
    .execute();
  return rows.map((u) => ({ firstName: u.first_name, lastName: u.last_name, email: u.email }));
}

async function queueNotices(
  trx: DbOrTx,
  p: ContractProjection,
  notice: ContractNotice,
  compose: ContractNoticeComposer,
): Promise<string[]> {
  const facts = await noticeFacts(trx, p.contractId);
  if (!facts) return [];
  const recipients = notice === ContractNotice.TerminationRequested ? await contractSigners(trx, p.institutionId) : [facts.participant];
  const ids: string[] = [];
  for (const to of recipients) {
    const text = compose(notice, facts, to);
    ids.push(
      await queueEmail(trx, {
        to: { address: to.email, name: `${to.firstName} ${to.lastName}` },
        subject: text.subject,
        text: text.text,
        kind: notice,
        entityType: LEARNING_CONTRACT_ENTITY,
        entityId: p.contractId,
        institutionId: p.institutionId,
      }),
    );
  }
  return ids;
}

/** The e-mails of `notice` queued for the contract (by the first application of the same projection). */
async function queuedNotices(trx: DbOrTx, contractId: string, notice: ContractNotice): Promise<string[]> {
  const rows = await trx
    .selectFrom('email_outbox')
    .select('id')
    .where('entity_type', '=', LEARNING_CONTRACT_ENTITY)
    .where('entity_id', '=', contractId)
    .where('kind', '=', notice)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => r.id);
}

async function audit(
  trx: DbOrTx,
  institutionId: string,
  contractId: string,
  action: 'create' | 'status',
  changes: Record<string, { before: unknown; after: unknown }>,
  actor: ContractProjection['actor'] = { system: 'K1' },
): Promise<void> {
  await writeAudit(trx, {
    actor: 'userId' in actor ? { kind: 'user', userId: actor.userId, personalCodeHash: null } : { kind: 'system' },
    institutionId,
    entityType: LEARNING_CONTRACT_ENTITY,
    entityId: contractId,
    action,
    changes: 'system' in actor ? { ...changes, rule: { before: null, after: actor.system } } : changes,
    requestId: null,
  });
}
