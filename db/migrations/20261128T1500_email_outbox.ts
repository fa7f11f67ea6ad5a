import { sql, type Kysely } from 'kysely';

// The e-mail outbox (GEN-10): a message is queued in the transaction of the change that causes it
// and delivered over SMTP by the deliverEmail activity; the row is also the log of its sending.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('email_outbox')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('to_address', 'text', (c) => c.notNull().check(sql`to_address like '%_@_%'`))
    .addColumn('to_name', 'text')
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text_body', 'text', (c) => c.notNull())
    .addColumn('html_body', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'uuid', (c) => c.references('institutions.id'))
    .addColumn('sent_at', 'timestamptz')
    .addColumn('attempts', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`attempts >= 0`),
    )
    .addColumn('last_error', 'text')
    .addColumn('message_id', 'text')
    .execute();
  await db.schema.createIndex('email_outbox_entity').on('email_outbox').columns(['entity_type', 'entity_id', 'created_at']).execute();
  await db.schema.createIndex('email_outbox_institution').on('email_outbox').columns(['institution_id', 'created_at']).execute();
  // What is still waiting (or failing): small, since sent rows drop out of it.
  await db.schema
    .createIndex('email_outbox_unsent')
    .on('email_outbox')
    .column('created_at')
    .where(sql.ref('sent_at'), 'is', null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('email_outbox').execute();
}
