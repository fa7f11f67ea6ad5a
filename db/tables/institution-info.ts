// Kysely table types of one area (merged into Database by db/schema.ts): "Institucijos informacija"
// (INST-3..INST-6) and "Mokymo sutarties numeracija" (NUM-1..NUM-7); migration 20261128T1610_institution_info.
import type { ColumnType, Generated, Selectable } from 'kysely';

export interface InstitutionInfoTable {
  institution_id: string;
  /** "Trumpas institucijos aprašymas" (publicity, INST-3). */
  description: string | null;
  /** The person responsible for implementing learning programmes (INST-4, printed on certificates INST-6). */
  contact_first_name: string;
  contact_last_name: string;
  contact_position: string;
  contact_phone: string;
  contact_email: string;
  /** Normalised: capitals, no spaces (workflows/domain/iban.ts). Printed in contracts (INST-5). */
  iban: string;
  bank_name: string;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface ContractNumberingStagesTable {
  id: Generated<string>;
  institution_id: string;
  /** 'YYYY-MM-DD' (a date column). */
  effective_from: string;
  start_number: number;
  prefix: string;
  suffix: string;
  /** A mask of zeros, e.g. '00000' (workflows/domain/contract-number.ts). */
  number_format: string;
  /** Set by the contracts when the stage first numbers a contract; a used stage never changes (NUM-6). */
  first_used_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** How many numbers the stage has issued (NUM-7): the next is start_number + issued_count. */
  issued_count: ColumnType<number, number | undefined, number>;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface InstitutionInfoTables {
  institution_info: InstitutionInfoTable;
  contract_numbering_stages: ContractNumberingStagesTable;
}

export type InstitutionInfoRow = Selectable<InstitutionInfoTable>;
export type ContractNumberingStageRow = Selectable<ContractNumberingStagesTable>;
