// Learning contracts (issue 12; §3.12, L5): the row each LearningContract:<registrationId> workflow
// projects, and the one place a contract gets its number (NUM-7). Row reads and writes only: the
// rules are in workflows/domain/learning-contract.ts, the e-mails in the workflow's activities.
import { sql } from 'kysely';
import { formatContractNumber } from '../../workflows/domain/contract-number.ts';
import type { ContractPhase, ContractSideStatus } from '../../workflows/domain/learning-contract.ts';
import type { Db, DbOrTx } from '../client.ts';
import type { LearningContractRow } from '../tables/learning-contracts.ts';
import { writeAudit } from './audit.ts';

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
    .select(['r.id', 'r.group_id', 'r.participant_id', 'r.status', 'r.funding', 'c.employer_id'])
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
    if (existing) {
      // A contract that waited for its numbering (CON-21) keeps its row.
      await trx
        .updateTable('learning_contracts')
        .set({ ...numbered, updated_at: new Date() })
        .where('id', '=', c.contractId)
        .execute();
    } else {
      await trx
        .insertInto('learning_contracts')
        .values({
          ...contractColumns(c),
          participant_id: c.participantId,
          employer_id: c.employerId,
          employer_status: c.employerId ? 'LAUKIA_PARASO' : null,
          ...numbered,
        })
        .execute();
    }
    await audit(trx, c.institutionId, c.contractId, 'create', {
      number: { before: null, after: number },
      phase: { before: null, after: 'RENGIAMA' },
    });
    return { kind: 'numbered', number, datedOn: c.datedOn, stageId: stage.id } as const;
  });
}

function contractColumns(c: NewContract) {
  return {
    id: c.contractId,
    institution_id: c.institutionId,
    group_id: c.groupId,
    programme_id: c.programmeId,
    version: c.version,
    participant_status: 'LAUKIA_PARASO' as const,
    provider_status: 'LAUKIA_PARASO' as const,
    signing_deadline: new Date(c.signingDeadline),
  };
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
        participant_id: c.participantId,
        employer_id: c.employerId,
        employer_status: c.employerId ? 'LAUKIA_PARASO' : null,
        phase: c.phase,
        waiting_reason: c.reason,
      })
      .onConflict((oc) =>
        oc
          .column('id')
          .doUpdateSet({ phase: c.phase, waiting_reason: c.reason, updated_at: new Date() })
          .where('learning_contracts.number', 'is', null),
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
      | 'terminated_at'
      | 'termination_initiator'
      | 'termination_ground'
      | 'termination_reason'
      | 'terminated_by_user_id'
      | 'voided_at'
    >
  >;
  actor: { userId: string } | { participantId: string } | { system: string };
}

/** Writes the projection if its version is newer (a retried or replayed write changes nothing), with its audit row. */
export async function applyContractProjection(db: Db, p: ContractProjection): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('learning_contracts').selectAll().where('id', '=', p.contractId).forUpdate().executeTakeFirst();
    if (!before || before.version >= p.version) return false;
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
    const changes: Record<string, { before: unknown; after: unknown }> = {};
    for (const [k, v] of Object.entries(columns)) {
      if (k === 'version') continue;
      const was = (before as Record<string, unknown>)[k];
      const norm = (x: unknown) => (x instanceof Date ? x.toISOString() : (x ?? null));
      if (norm(was) !== norm(v)) changes[k] = { before: norm(was), after: norm(v) };
    }
    if (Object.keys(changes).length > 0) await audit(trx, p.institutionId, p.contractId, 'status', changes, p.actor);
    return true;
  });
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
