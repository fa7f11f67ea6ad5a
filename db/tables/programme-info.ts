// Kysely table types of one area (merged into Database by db/schema.ts): the programme tab
// "Programos vykdymo ir sutarties informacija" (PROG-12..PROG-17); migration 20261128T1700_programme_execution_info.
import type { ColumnType, Selectable } from 'kysely';

/** One row per programme, written by the programme's institution (GEN-5). */
export interface ProgrammeExecutionInfoTable {
  programme_id: string;
  institution_id: string;
  /** "Vykdymo ypatumai" (required). */
  execution_specifics: string;
  /** "Papildomi reikalavimai". */
  additional_requirements: string | null;
  /** "Įgytų kompetencijų pripažinimo galimybės" (PROG-13). */
  competence_recognition: string | null;
  /** The contact person shown on KURSUOK (required). */
  contact_name: string;
  contact_phone: string;
  contact_email: string;
  /** "Kiti asmens įsipareigojimai" → contract clause 2.10. */
  person_obligations: string | null;
  /** "Kiti teikėjo įsipareigojimai" → contract clause 3.9. */
  provider_obligations: string | null;
  /** "Mokėjimo terminai, mokėjimo būdas, kitos mokėjimo sąlygos" → contract clause 7 (required). */
  payment_terms: string;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface ProgrammeInfoTables {
  programme_execution_info: ProgrammeExecutionInfoTable;
}

export type ProgrammeExecutionInfoRow = Selectable<ProgrammeExecutionInfoTable>;
