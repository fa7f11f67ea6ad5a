import { sql, type Kysely } from 'kysely';

// Issue 4: "Lektorių sąrašas" (LECT-*) and the uploads module (GEN-12).
//
// stored_files holds every uploaded file (lecturer evidence now; participants' documents and
// invoices later) with its SHA-256, size, the type its magic bytes showed, the uploader and when.
// The bytes are in Postgres (bytea) for now: one system of record, transactional with the rows
// that refer to them, no object store to run. The size limit (10 MB, MAX_FILE_SIZE in
// workflows/domain/file-type.ts) keeps that workable; move `content` to an object store keyed by
// sha256 when volumes grow.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('stored_files')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('institution_id', 'uuid', (c) => c.notNull().references('institutions.id'))
    // What the file is for; decides who may download it (web/uploads.ts), e.g. 'LECTURER_EVIDENCE'.
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull().check(sql`sha256 ~ '^[0-9a-f]{64}$'`))
    .addColumn('size', 'integer', (c) => c.notNull().check(sql`size > 0 and size <= 10485760`))
    .addColumn('content_type', 'text', (c) => c.notNull().check(sql`content_type in ('application/pdf', 'image/jpeg', 'image/png')`))
    .addColumn('original_name', 'text', (c) => c.notNull())
    .addColumn('download_name', 'text', (c) => c.notNull())
    // The institution user who uploaded it (null when the uploader is not one, e.g. a participant).
    .addColumn('uploaded_by', 'uuid', (c) => c.references('institution_users.id'))
    .addColumn('uploaded_by_personal_code_hash', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('content', 'bytea', (c) => c.notNull())
    .addUniqueConstraint('stored_files_id_institution', ['id', 'institution_id'])
    .addCheckConstraint('stored_files_content_size', sql`octet_length(content) = size`)
    .execute();
  await db.schema.createIndex('stored_files_institution').on('stored_files').columns(['institution_id', 'created_at']).execute();

  await db.schema
    .createTable('lecturers')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('institution_id', 'uuid', (c) => c.notNull().references('institutions.id'))
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('description', 'text')
    // "Aktyvus lektorius" (LECT-4, LECT-5).
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    // Keys of LECTURER_REQUIREMENTS (workflows/domain/lecturer.ts); at least one (LECT-6).
    .addColumn('requirements', sql`text[]`, (c) => c.notNull().check(sql`cardinality(requirements) >= 1`))
    // "Taip" true / "Ne" false (LECT-8..LECT-10).
    .addColumn('publish_consent', 'boolean', (c) => c.notNull())
    // The add form's idempotency key: the same form sent twice adds one lecturer.
    .addColumn('idempotency_key', 'uuid', (c) => c.unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('lecturers_id_institution', ['id', 'institution_id'])
    .execute();
  await db.schema.createIndex('lecturers_institution').on('lecturers').columns(['institution_id', 'last_name', 'first_name']).execute();

  // The document proving each ticked requirement (LECT-7): one stored file per requirement, of the
  // same institution as the lecturer (the composite keys make a cross-institution link impossible).
  await db.schema
    .createTable('lecturer_documents')
    .addColumn('lecturer_id', 'uuid', (c) => c.notNull())
    .addColumn('institution_id', 'uuid', (c) => c.notNull())
    .addColumn('requirement', 'text', (c) => c.notNull())
    .addColumn('file_id', 'uuid', (c) => c.notNull())
    .addColumn('attached_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('lecturer_documents_pk', ['lecturer_id', 'requirement'])
    .addForeignKeyConstraint('lecturer_documents_lecturer', ['lecturer_id', 'institution_id'], 'lecturers', ['id', 'institution_id'])
    .addForeignKeyConstraint('lecturer_documents_file', ['file_id', 'institution_id'], 'stored_files', ['id', 'institution_id'])
    .execute();
  await db.schema.createIndex('lecturer_documents_file').on('lecturer_documents').column('file_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['lecturer_documents', 'lecturers', 'stored_files']) await db.schema.dropTable(table).execute();
}
