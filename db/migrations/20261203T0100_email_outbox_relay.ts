import type { Kysely } from 'kysely';

// The outbox relay (issue 10): a delivery claims its row for a short while, so the workflow that
// queued an e-mail and the relay (workflows/outbox-relay) never send it at the same time; a message
// the SMTP server refused for good is marked rejected and no longer swept.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('email_outbox').addColumn('claimed_until', 'timestamptz').addColumn('rejected_at', 'timestamptz').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('email_outbox').dropColumn('claimed_until').dropColumn('rejected_at').execute();
}
