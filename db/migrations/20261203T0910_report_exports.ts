import { sql, type Kysely } from 'kysely';

// Issue 15 (REP-7 export, OQ-46): report exports made in the background. One row per export, owned by
// its ReportExport:<id> workflow: whose (institution, user), which report (kind) with which criteria
// (the report page's URL query) in which format; while it is made its progress 0..100 (the page polls
// it: "Ruošiama… 40 %"); when ready the file itself (a few MB at most for 100,000 rows) with its size
// and row count, kept until expires_at (24 h) — then the workflow's timer deletes the file and the
// row says so (ISTRINTA). A failed export keeps its (Lithuanian) reason.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('report_exports')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('institution_id', 'uuid', (c) => c.notNull().references('institutions.id'))
    /** Null for the head's own session (no institution user). */
    .addColumn('user_id', 'uuid', (c) => c.references('institution_users.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('dalyviai', 'tvarkarasciai')`))
    .addColumn('format', 'text', (c) => c.notNull().check(sql`format in ('csv', 'xlsx')`))
    .addColumn('query', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('RUOSIAMA')
        .check(sql`status in ('RUOSIAMA', 'PARUOSTA', 'NEPAVYKO', 'ISTRINTA')`),
    )
    .addColumn('progress', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`progress between 0 and 100`),
    )
    .addColumn('row_count', 'integer')
    .addColumn('file_name', 'text')
    .addColumn('file', 'bytea')
    .addColumn('size', 'integer')
    .addColumn('error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('ready_at', 'timestamptz')
    .addColumn('expires_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // A file only while ready; a ready row has its file, size, rows and the time it goes.
    .addCheckConstraint('report_exports_file', sql`(file is not null) = (status = 'PARUOSTA')`)
    .addCheckConstraint(
      'report_exports_ready',
      sql`status not in ('PARUOSTA', 'ISTRINTA') or (ready_at is not null and expires_at is not null and row_count is not null)`,
    )
    .addCheckConstraint('report_exports_failed', sql`(status = 'NEPAVYKO') = (error is not null)`)
    .execute();
  // XLSX is a zip already: store the file out of line without trying to compress it again.
  await sql`alter table report_exports alter column file set storage external`.execute(db);
  await db.schema.createIndex('report_exports_institution').on('report_exports').columns(['institution_id', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('report_exports').execute();
}
