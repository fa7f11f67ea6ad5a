import { sql, type Kysely } from 'kysely';
import { parseAddress } from '../../workflows/domain/venue.ts';

// "Mokymo vietos" and "Darbdavio atstovai" (issue 4; VENUE-6, OQ-16, EMPL-6, OQ-17).
//
// Venues get a structured address (municipality, town, street, building, postcode). `address`
// stays: it is the whole address on one line, as lists show it. An existing venue keeps its text
// there, and the parts that can be read from that text are filled in; what cannot be read stays
// empty, and the venue window asks for it the next time the venue is edited. Nothing is lost.
//
// Employers get their representative, contacts and the practical-training place. Existing rows
// have none of them (null) until edited; their "Aktyvi darbdavio paskyra" stays as it was.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('venues')
    .addColumn('municipality', 'text')
    .addColumn('city', 'text')
    .addColumn('street', 'text')
    .addColumn('building', 'text')
    .addColumn('postal_code', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await splitVenueAddresses(db);

  await db.schema
    .alterTable('employers')
    .addColumn('representative_first_name', 'text')
    .addColumn('representative_last_name', 'text')
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .addColumn('practice_address', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // The lists and selectors are read per institution.
  await sql`create index employers_institution on employers (institution_id)`.execute(db);
  await sql`create index venues_institution on venues (institution_id)`.execute(db);
}

/**
 * Fills the empty address parts of venues (of one institution, or all) from their one-line
 * `address`, which stays as it is. Returns how many venues got parts.
 */
export async function splitVenueAddresses(db: Kysely<unknown>, institutionId: string | null = null): Promise<number> {
  const rows = await sql<{ id: string; address: string }>`select id, address from venues
    where municipality is null and city is null and street is null and building is null and postal_code is null
      and btrim(address) <> '' and (${institutionId}::uuid is null or institution_id = ${institutionId}::uuid)`.execute(db);
  let filled = 0;
  for (const row of rows.rows) {
    const p = parseAddress(row.address);
    if (Object.keys(p).length === 0) continue;
    await sql`update venues set municipality = ${p.municipality ?? null}, city = ${p.city ?? null}, street = ${p.street ?? null},
      building = ${p.building ?? null}, postal_code = ${p.postalCode ?? null} where id = ${row.id}`.execute(db);
    filled++;
  }
  return filled;
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index venues_institution`.execute(db);
  await sql`drop index employers_institution`.execute(db);
  await db.schema
    .alterTable('employers')
    .dropColumn('representative_first_name')
    .dropColumn('representative_last_name')
    .dropColumn('phone')
    .dropColumn('email')
    .dropColumn('practice_address')
    .dropColumn('updated_at')
    .execute();
  // Every save keeps `address` up to date: dropping the parts loses nothing it does not hold.
  await db.schema
    .alterTable('venues')
    .dropColumn('municipality')
    .dropColumn('city')
    .dropColumn('street')
    .dropColumn('building')
    .dropColumn('postal_code')
    .dropColumn('updated_at')
    .execute();
}
