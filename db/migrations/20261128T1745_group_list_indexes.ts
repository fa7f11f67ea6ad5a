import { sql, type Kysely } from 'kysely';

// The lists of issue 5 at scale (test/bench/lists.bench.ts, 20,000 groups): tab "Grupės" of a
// programme reads one page of its groups in the order it shows them (newest programme start
// first, then name), with the status filter and a search in the name (PROG-7, GEN-16).
// - training_groups_programme_list: the page is read in index order and stops after it (no sort
//   of every group of the programme); the count walks the same index.
// - training_groups_name_trgm: a search for a few letters anywhere in the name (ILIKE '%…%')
//   finds its groups without reading every group of the programme (pg_trgm, a trusted extension).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index if not exists training_groups_programme_list
    on training_groups (institution_id, programme_id, programme_start desc, name, id)`.execute(db);
  await sql`create extension if not exists pg_trgm`.execute(db);
  await sql`create index if not exists training_groups_name_trgm on training_groups using gin (name gin_trgm_ops)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists training_groups_name_trgm`.execute(db);
  await sql`drop index if exists training_groups_programme_list`.execute(db);
}
