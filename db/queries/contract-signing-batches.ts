// Bulk signings of learning contracts (CON-5, CON-20): the ticked contracts as a batch sees them, the
// batch and its rows (written by the ContractBatchSigning workflow's activities, idempotently) and
// the result page's read. Every read is scoped to the acting institution.
import { sql } from 'kysely';
import { BatchRowOutcome, BatchStatus, type BatchParty } from '../../workflows/domain/contract-batch-signing.ts';
import type { ContractPhase, ContractSideStatus } from '../../workflows/domain/learning-contract.ts';
import type { DbOrTx } from '../client.ts';
import type { ContractSigningBatchRow } from '../tables/contract-signing-batches.ts';

export interface BatchCandidateRow {
  id: string;
  phase: ContractPhase;
  participant_status: ContractSideStatus;
  provider_status: ContractSideStatus;
  employer_status: ContractSideStatus | null;
  employer_id: string | null;
  signing_deadline: Date;
  document_file_id: string | null;
}

/** The ticked contracts of one group of the institution (fewer rows than ids: some are not its own). */
export async function findBatchCandidates(
  db: DbOrTx,
  institutionId: string,
  groupId: string,
  contractIds: readonly string[],
): Promise<BatchCandidateRow[]> {
  if (contractIds.length === 0) return [];
  return db
    .selectFrom('learning_contracts')
    .select([
      'id',
      'phase',
      'participant_status',
      'provider_status',
      'employer_status',
      'employer_id',
      'signing_deadline',
      'document_file_id',
    ])
    .where('institution_id', '=', institutionId)
    .where('group_id', '=', groupId)
    .where('id', 'in', [...contractIds])
    .execute();
}

export interface NewBatch {
  id: string;
  institutionId: string;
  groupId: string;
  userId: string;
  party: BatchParty;
  rows: { contractId: string; documentIndex: number | null; documentFileId: string | null; message: string | null }[];
}

/**
 * The batch and its rows: those with a document wait (LAUKIAMA), the others are refused with their
 * message. Written once: a retried activity finds the first write (returns false) and uses its rows.
 */
export async function insertBatch(db: DbOrTx, b: NewBatch): Promise<boolean> {
  const signable = b.rows.some((r) => r.documentIndex !== null);
  const inserted = await db
    .insertInto('contract_signing_batches')
    .values({
      id: b.id,
      institution_id: b.institutionId,
      group_id: b.groupId,
      user_id: b.userId,
      party: b.party,
      status: signable ? BatchStatus.AwaitingSigner : BatchStatus.Done,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return false;
  if (b.rows.length > 0)
    await db
      .insertInto('contract_signing_batch_rows')
      .values(
        b.rows.map((r) => ({
          batch_id: b.id,
          contract_id: r.contractId,
          document_index: r.documentIndex,
          document_file_id: r.documentFileId,
          outcome: r.documentIndex === null ? BatchRowOutcome.NotSigned : BatchRowOutcome.Pending,
          message: r.documentIndex === null ? r.message : null,
        })),
      )
      .execute();
  return true;
}

/** The documents of a batch as first written, in session order. */
export async function batchDocuments(
  db: DbOrTx,
  batchId: string,
): Promise<{ contractId: string; documentIndex: number; documentFileId: string }[]> {
  const rows = await db
    .selectFrom('contract_signing_batch_rows')
    .select(['contract_id', 'document_index', 'document_file_id'])
    .where('batch_id', '=', batchId)
    .where('document_index', 'is not', null)
    .orderBy('document_index')
    .execute();
  return rows.map((r) => ({ contractId: r.contract_id, documentIndex: r.document_index!, documentFileId: r.document_file_id! }));
}

export async function countRefusedRows(db: DbOrTx, batchId: string): Promise<number> {
  const row = await db
    .selectFrom('contract_signing_batch_rows')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('batch_id', '=', batchId)
    .where('document_index', 'is', null)
    .executeTakeFirstOrThrow();
  return row.n;
}

/** The contract documents a session sends, with their names (institution-scoped). */
export async function readContractDocuments(
  db: DbOrTx,
  institutionId: string,
  fileIds: readonly string[],
): Promise<Map<string, { content: Uint8Array; originalName: string; downloadName: string }>> {
  if (fileIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('stored_files')
    .select(['id', 'content', 'original_name', 'download_name'])
    .where('institution_id', '=', institutionId)
    .where('id', 'in', [...fileIds])
    .execute();
  return new Map(rows.map((r) => [r.id, { content: r.content, originalName: r.original_name, downloadName: r.download_name }]));
}

export async function setBatchSession(
  db: DbOrTx,
  batchId: string,
  session: { sessionId: string; signUrl: string; expiresAt: string },
): Promise<void> {
  await db
    .updateTable('contract_signing_batches')
    .set({
      session_id: session.sessionId,
      sign_url: session.signUrl,
      session_expires_at: new Date(session.expiresAt),
      updated_at: new Date(),
    })
    .where('id', '=', batchId)
    .execute();
}

/**
 * The contracts' outcomes as they came, and the batch's status. A row is decided once (a retried
 * write changes nothing); the status only moves forward.
 */
export async function applyBatchResults(
  db: DbOrTx,
  p: { batchId: string; status?: BatchStatus; results: readonly { contractId: string; signed: boolean; message: string | null }[] },
): Promise<void> {
  if (p.results.length > 0) {
    const values = JSON.stringify(
      p.results.map((r) => ({
        contract_id: r.contractId,
        outcome: r.signed ? BatchRowOutcome.Signed : BatchRowOutcome.NotSigned,
        message: r.signed ? null : r.message,
      })),
    );
    await sql`
      update contract_signing_batch_rows as r
         set outcome = v.outcome, message = v.message, updated_at = now()
        from jsonb_to_recordset(${values}::text::jsonb) as v(contract_id uuid, outcome text, message text)
       where r.batch_id = ${p.batchId} and r.contract_id = v.contract_id and r.outcome = ${BatchRowOutcome.Pending}`.execute(db);
  }
  if (!p.status) return;
  const order: BatchStatus[] = [BatchStatus.AwaitingSigner, BatchStatus.Recording, BatchStatus.Done];
  const earlier = order.slice(0, order.indexOf(p.status));
  if (earlier.length === 0) return;
  await db
    .updateTable('contract_signing_batches')
    .set({ status: p.status, updated_at: new Date() })
    .where('id', '=', p.batchId)
    .where('status', 'in', earlier)
    .execute();
}

/** The rows whose contracts have not written their outcome yet, and the outcomes so far. */
export async function batchProgress(db: DbOrTx, batchId: string): Promise<{ pending: string[]; signed: number; notSigned: number }> {
  const rows = await db
    .selectFrom('contract_signing_batch_rows')
    .select(['contract_id', 'outcome'])
    .where('batch_id', '=', batchId)
    .execute();
  return {
    pending: rows.filter((r) => r.outcome === BatchRowOutcome.Pending).map((r) => r.contract_id),
    signed: rows.filter((r) => r.outcome === BatchRowOutcome.Signed).length,
    notSigned: rows.filter((r) => r.outcome === BatchRowOutcome.NotSigned).length,
  };
}

export interface BatchResultRow {
  contractId: string;
  outcome: BatchRowOutcome;
  message: string | null;
  number: string | null;
  firstName: string | null;
  lastName: string | null;
}

/** A batch of the institution with its rows in the participants' name order; undefined when it is not its own. */
export async function findBatch(
  db: DbOrTx,
  institutionId: string,
  batchId: string,
): Promise<{ batch: ContractSigningBatchRow; rows: BatchResultRow[] } | undefined> {
  const batch = await db
    .selectFrom('contract_signing_batches')
    .selectAll()
    .where('institution_id', '=', institutionId)
    .where('id', '=', batchId)
    .executeTakeFirst();
  if (!batch) return undefined;
  const rows = await db
    .selectFrom('contract_signing_batch_rows as b')
    .innerJoin('learning_contracts as lc', 'lc.id', 'b.contract_id')
    .leftJoin('group_registrations as r', 'r.id', 'b.contract_id')
    .where('b.batch_id', '=', batchId)
    .where('lc.institution_id', '=', institutionId)
    .select([
      'b.contract_id as contractId',
      'b.outcome as outcome',
      'b.message as message',
      'lc.number as number',
      'r.first_name as firstName',
      'r.last_name as lastName',
    ])
    .orderBy('r.last_name')
    .orderBy('r.first_name')
    .orderBy('b.contract_id')
    .execute();
  return { batch, rows };
}
