// Kysely table types of one area (merged into Database by db/schema.ts): "Lektorių sąrašas"
// (LECT-*) and the uploaded files every area stores (GEN-12; migration 20261128T1620_lecturers).
import type { ColumnType, Generated, Selectable } from 'kysely';

export interface StoredFilesTable {
  id: Generated<string>;
  institution_id: string;
  /** What the file is for ('LECTURER_EVIDENCE', …): decides who may download it. */
  purpose: string;
  /** Hex SHA-256 of the bytes. */
  sha256: string;
  size: number;
  /** As the magic bytes showed: 'application/pdf' | 'image/jpeg' | 'image/png'. */
  content_type: string;
  original_name: string;
  /** The safe name it is downloaded under. */
  download_name: string;
  uploaded_by: string | null;
  uploaded_by_personal_code_hash: string | null;
  created_at: ColumnType<Date, never, never>;
  /** The bytes (bytea, at most MAX_FILE_SIZE): select it only to serve the file. */
  content: ColumnType<Uint8Array, Uint8Array, never>;
}

export interface LecturersTable {
  id: Generated<string>;
  institution_id: string;
  first_name: string;
  last_name: string;
  email: string;
  phone: string | null;
  description: string | null;
  active: boolean;
  requirements: string[];
  publish_consent: boolean;
  idempotency_key: string | null;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface LecturerDocumentsTable {
  lecturer_id: string;
  institution_id: string;
  requirement: string;
  file_id: string;
  attached_at: ColumnType<Date, Date | undefined, Date>;
}

export interface LecturerTables {
  stored_files: StoredFilesTable;
  lecturers: LecturersTable;
  lecturer_documents: LecturerDocumentsTable;
}

export type StoredFileRow = Omit<Selectable<StoredFilesTable>, 'content'>;
export type Lecturer = Selectable<LecturersTable>;
