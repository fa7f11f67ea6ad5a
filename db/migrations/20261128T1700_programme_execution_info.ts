import { sql, type Kysely } from 'kysely';

// "Programos vykdymo ir sutarties informacija" (issue 5; PROG-12..PROG-19): one row per programme,
// written by the programme's institution; what publishing a group (GRP-40) and contract signing
// (PROG-18) require to be complete.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('programme_execution_info')
    .addColumn('programme_id', 'uuid', (c) => c.primaryKey().references('programmes.id'))
    .addColumn('institution_id', 'uuid', (c) => c.notNull().references('institutions.id'))
    .addColumn('execution_specifics', 'text', (c) => c.notNull())
    .addColumn('additional_requirements', 'text')
    .addColumn('competence_recognition', 'text')
    .addColumn('contact_name', 'text', (c) => c.notNull())
    .addColumn('contact_phone', 'text', (c) => c.notNull())
    .addColumn('contact_email', 'text', (c) => c.notNull())
    .addColumn('person_obligations', 'text')
    .addColumn('provider_obligations', 'text')
    .addColumn('payment_terms', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('programme_execution_info_institution').on('programme_execution_info').column('institution_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('programme_execution_info').execute();
}
