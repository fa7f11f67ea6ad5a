// Kysely table types of the providers' invoices (L8; INV-1..INV-21); migration 20261203T0800_invoices.
// Merged into Database by db/schema.ts.
import type { ColumnType, Selectable } from 'kysely';
import type { InvoiceStatus } from '../../workflows/domain/invoice.ts';

type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

export interface InvoicesTable {
  /** The invoice's id (its workflow: Invoice:<id>). */
  id: string;
  institution_id: string;
  programme_id: string;
  group_id: string;
  /** The manual's words; "Nepateikta" is derived for a group, never stored (INV-15). */
  status: InvoiceStatus;
  number: string;
  /** 'YYYY-MM-DD' (a date column read as text, see db/client.ts). */
  invoice_date: string;
  /** numeric(12, 2) as text, e.g. '1500.00'. */
  amount: ColumnType<string, string | number, string | number>;
  file_id: string;
  submitted_by_user_id: string;
  submitted_by_name: string;
  first_submitted_at: Date;
  submitted_at: Date;
  evaluation_due_at: Nullable<Date>;
  reminder_due_at: Nullable<Date>;
  reminded_at: Nullable<Date>;
  escalated_at: Nullable<Date>;
  evaluator_id: Nullable<string>;
  evaluator_name: Nullable<string>;
  taken_at: Nullable<Date>;
  decided_at: Nullable<Date>;
  evaluator_comment: Nullable<string>;
  rejection_reason: Nullable<string>;
  deleted_at: Nullable<Date>;
  deleted_by_user_id: Nullable<string>;
  transferred_at: Nullable<Date>;
  payment_order_id: Nullable<string>;
  paid_at: Nullable<Date>;
  version: number;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface InvoiceParticipantsTable {
  invoice_id: string;
  /** learning_contracts.id (= the registration's id). */
  contract_id: string;
  /** INV-13: the unique partial index invoice_participants_active holds at most one active row per contract. */
  active: boolean;
  added_at: ColumnType<Date, Date | undefined, never>;
}

export interface InvoiceTables {
  invoices: InvoicesTable;
  invoice_participants: InvoiceParticipantsTable;
}

export type InvoiceRow = Selectable<InvoicesTable>;
