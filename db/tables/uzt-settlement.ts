// Kysely table types of settlement documents to the Employment Service (§3.13; UZTDOC-1..UZTDOC-10);
// migration 20261203T0810_uzt_settlement_documents. Merged into Database by db/schema.ts.
import type { ColumnType, Selectable } from 'kysely';
import type { DeliveryStatus } from '../../workflows/domain/uzt-settlement.ts';

type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

/** UZTDOC-8, OQ-50: the operator-maintained document types. */
export interface UztSettlementDocumentTypesTable {
  code: string;
  name: string;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  position: ColumnType<number, number | undefined, number>;
}

/** UZTDOC-7: one submission and its delivery, projected by UztSettlement:<registrationId>. */
export interface UztSettlementDocumentsTable {
  id: string;
  registration_id: string;
  institution_id: string;
  document_type: string;
  /** 'YYYY-MM-DD' (a date column read as text, see db/client.ts). */
  period_from: string;
  period_to: string;
  file_id: string;
  submitted_by: Nullable<string>;
  submitted_by_name: string;
  submitted_at: ColumnType<Date, Date | undefined, never>;
  delivery_status: DeliveryStatus;
  attempts: ColumnType<number, number | undefined, number>;
  last_error: Nullable<string>;
  delivered_at: Nullable<Date>;
  uzt_receipt: Nullable<string>;
}

/** UZT-6: the months the provider was reminded about (once each). */
export interface UztSettlementRemindersTable {
  registration_id: string;
  month: string;
  institution_id: string;
  created_at: ColumnType<Date, never, never>;
}

export interface UztSettlementTables {
  uzt_settlement_document_types: UztSettlementDocumentTypesTable;
  uzt_settlement_documents: UztSettlementDocumentsTable;
  uzt_settlement_reminders: UztSettlementRemindersTable;
}

export type UztSettlementDocumentRow = Selectable<UztSettlementDocumentsTable>;
