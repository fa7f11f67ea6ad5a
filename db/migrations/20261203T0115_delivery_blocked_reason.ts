import type { Kysely } from 'kysely';

// OQ-12 (issue 11, item 9): when registration ends with the minimum reached but what publishing
// required is no longer met (numbering, the institution's contact and bank details, the programme's
// contract information, the timetable), the group stays "Skelbiama" and the page says why.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('training_groups').addColumn('delivery_blocked_reason', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('training_groups').dropColumn('delivery_blocked_reason').execute();
}
