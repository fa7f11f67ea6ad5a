import { sql, type Kysely } from 'kysely';

// Nothing lost (issue 10): web stores an uploaded document and then starts its DocumentReview
// workflow; should Temporal be unreachable at that moment (or web die in between), the document
// stays without review_started_at and the review relay (workflows/document-review/relay.ts) starts
// its review. Documents stored before this migration had their reviews started by web.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('participant_documents').addColumn('review_started_at', 'timestamptz').execute();
  await sql`update participant_documents set review_started_at = uploaded_at`.execute(db);
  await db.schema
    .createIndex('participant_documents_review_not_started')
    .on('participant_documents')
    .column('uploaded_at')
    .where(sql.ref('review_started_at'), 'is', null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('participant_documents').dropColumn('review_started_at').execute();
}
