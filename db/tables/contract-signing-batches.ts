// Kysely table types of bulk signings of learning contracts (CON-5, CON-20); migration
// 20261203T0600_contract_signing_batches. Merged into Database by db/schema.ts.
import type { ColumnType, Selectable } from 'kysely';
import type { BatchParty, BatchRowOutcome, BatchStatus } from '../../workflows/domain/contract-batch-signing.ts';

type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

export interface ContractSigningBatchesTable {
  /** The bulk-signing form's idempotency key. */
  id: string;
  institution_id: string;
  group_id: string;
  user_id: string;
  party: BatchParty;
  status: BatchStatus;
  session_id: Nullable<string>;
  sign_url: Nullable<string>;
  session_expires_at: Nullable<Date>;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface ContractSigningBatchRowsTable {
  batch_id: string;
  contract_id: string;
  document_index: Nullable<number>;
  document_file_id: Nullable<string>;
  outcome: BatchRowOutcome;
  message: Nullable<string>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface ContractSigningBatchTables {
  contract_signing_batches: ContractSigningBatchesTable;
  contract_signing_batch_rows: ContractSigningBatchRowsTable;
}

export type ContractSigningBatchRow = Selectable<ContractSigningBatchesTable>;
