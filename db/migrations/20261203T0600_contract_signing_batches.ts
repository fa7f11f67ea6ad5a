import { sql, type Kysely } from 'kysely';

// Issue 12, CON-5 and CON-20: a bulk signing of learning contracts ("vienu kartu su visais pažymėtais
// mokymo dalyviais", manual §3.12). One row per batch (its id is the form's idempotency key, its
// workflow ContractBatchSigning:<id>), one per ticked contract with its outcome and, when it was not
// signed, why (Lithuanian). Written by the batch's activities; the result page reads them.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('contract_signing_batches')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('institution_id', 'uuid', (c) => c.notNull().references('institutions.id'))
    .addColumn('group_id', 'uuid', (c) => c.notNull())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('institution_users.id'))
    .addColumn('party', 'text', (c) => c.notNull().check(sql`party in ('provider','employer')`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('LAUKIA_PATVIRTINIMO','IRASOMA','BAIGTA')`))
    /** The gateway session (null when none of the ticked contracts could be signed). */
    .addColumn('session_id', 'text')
    .addColumn('sign_url', 'text')
    .addColumn('session_expires_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('contract_signing_batch_rows')
    .addColumn('batch_id', 'uuid', (c) => c.notNull().references('contract_signing_batches.id').onDelete('cascade'))
    .addColumn('contract_id', 'uuid', (c) => c.notNull().references('learning_contracts.id'))
    /** The document's place in the gateway session; null for a contract refused before the session. */
    .addColumn('document_index', 'integer')
    /** The contract's document the session holds. */
    .addColumn('document_file_id', 'uuid')
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('LAUKIAMA','PASIRASYTA','NEPASIRASYTA')`))
    .addColumn('message', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('contract_signing_batch_rows_pkey', ['batch_id', 'contract_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('contract_signing_batch_rows').execute();
  await db.schema.dropTable('contract_signing_batches').execute();
}
