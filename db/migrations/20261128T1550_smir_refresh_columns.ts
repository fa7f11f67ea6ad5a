import type { Kysely } from 'kysely';

// ŠMIR refresh bookkeeping (issue 4): when the institution's registry data was last refreshed
// ("paskutinio atnaujinimo iš registro data") and the last refresh error, if the registry failed.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('institutions')
    .addColumn('smir_refreshed_at', 'timestamptz')
    .addColumn('smir_refresh_error', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('institutions').dropColumn('smir_refreshed_at').dropColumn('smir_refresh_error').execute();
}
