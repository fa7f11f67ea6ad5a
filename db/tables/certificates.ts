// Kysely table types of the participants' certificates (issue 13; DONE-9, DONE-10, DONE-16,
// DONE-19, INST-9); migration 20261203T0730_certificates. Merged into Database by db/schema.ts.
import type { ColumnType, Generated, Selectable } from 'kysely';
import type { CertificateData } from '../../workflows/domain/certificate.ts';

type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

export interface CertificatesTable {
  id: Generated<string>;
  /** The learning contract (= the registration's id); one certificate per contract. */
  contract_id: string;
  institution_id: string;
  group_id: string;
  programme_id: string;
  participant_id: string;
  /** 'KURSUOK-2026-000123' (certificateNumber()); a regenerated certificate keeps it. */
  number: string;
  /** The public verification code in the QR code (verificationCode()); a regenerated certificate keeps it. */
  verification_code: string;
  /** The snapshot the PDF is rendered from (INST-9): regenerating renders the same snapshot again. */
  data: ColumnType<CertificateData, CertificateData, CertificateData>;
  /** The sealed PDF in stored_files (purpose CERTIFICATE). */
  file_id: string;
  file_sha256: string;
  /** 'YYYY-MM-DD': the Vilnius day it was issued (the day after the questionnaire, DONE-10). */
  issued_on: string;
  generated_at: Date;
  /** The last time the PDF was rendered again from the snapshot; null if never. */
  regenerated_at: Nullable<Date>;
}

/** The per-year sequence of certificate numbers: `last` is the last sequence handed out. */
export interface CertificateNumberCountersTable {
  year: number;
  last: number;
}

export interface CertificateTables {
  certificates: CertificatesTable;
  certificate_number_counters: CertificateNumberCountersTable;
}

export type CertificateRow = Selectable<CertificatesTable>;
