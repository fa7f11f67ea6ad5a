// "Mokymo vietos" (§3.4, VENUE-1..VENUE-7): the institution's venues. Plain master data, written
// here with its audit row in one transaction. Every query is scoped to one institution (GEN-5).
// Venues are not deleted (VENUE-7: groups, sessions and programmes refer to them).
import { sql } from 'kysely';
import { formatAddress, venueNameKey, type VenueFormValue } from '../../workflows/domain/venue.ts';
import type { Db, DbOrTx, Tx } from '../client.ts';
import type { FieldChanges, Venue } from '../schema.ts';
import { diffFields, writeAudit, type AuditEntry } from './audit.ts';
import type { ChangeActor } from './audit.ts';

const BY_NAME = sql`name collate "lt-x-icu"`;

/** The institution's venues by name: the list, and what venue selectors offer (VENUE-3). */
export async function listVenues(db: DbOrTx, institutionId: string): Promise<Venue[]> {
  return db.selectFrom('venues').selectAll().where('institution_id', '=', institutionId).orderBy(BY_NAME).orderBy('id').execute();
}

/** One venue of the institution; undefined for anyone else's (GEN-5). */
export async function findVenue(db: DbOrTx, institutionId: string, venueId: string): Promise<Venue | undefined> {
  return db.selectFrom('venues').selectAll().where('institution_id', '=', institutionId).where('id', '=', venueId).executeTakeFirst();
}

/** The names of the institution's venues other than `exceptId` (a name may not repeat). */
export async function venueNamesExcept(db: DbOrTx, institutionId: string, exceptId: string | null = null): Promise<string[]> {
  let query = db.selectFrom('venues').select('name').where('institution_id', '=', institutionId);
  if (exceptId) query = query.where('id', '<>', exceptId);
  return (await query.execute()).map((r) => r.name);
}

/** Who makes the change (audit, GEN-9). */
type VenueActor = ChangeActor;

function auditActor(a: VenueActor): AuditEntry['actor'] {
  return a.userId
    ? { kind: 'user', userId: a.userId, personalCodeHash: a.personalCodeHash }
    : { kind: 'person', personalCodeHash: a.personalCodeHash };
}

/** The venue window's fields as the audit trail records them. */
function snapshot(v: Pick<Venue, 'name' | 'municipality' | 'city' | 'street' | 'building' | 'postal_code' | 'address'>) {
  return {
    name: v.name,
    municipality: v.municipality,
    city: v.city,
    street: v.street,
    building: v.building,
    postalCode: v.postal_code,
    address: v.address,
  };
}

function columns(v: VenueFormValue) {
  return {
    name: v.name,
    municipality: v.municipality,
    city: v.city,
    street: v.street,
    building: v.building,
    postal_code: v.postalCode,
    address: formatAddress(v),
  };
}

/** Venue names of one institution are checked and written one transaction at a time. */
async function lockVenueNames(trx: Tx, institutionId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`venues:${institutionId}`}, 0))`.execute(trx);
}

/** The institution's venue (other than `exceptId`) that already has this name. */
async function venueNamed(trx: Tx, institutionId: string, name: string, exceptId: string | null): Promise<string | undefined> {
  const key = venueNameKey(name);
  const rows = await trx
    .selectFrom('venues')
    .select(['id', 'name'])
    .where('institution_id', '=', institutionId)
    .$if(exceptId !== null, (q) => q.where('id', '<>', exceptId!))
    .execute();
  return rows.find((r) => venueNameKey(r.name) === key)?.id;
}

type CreateVenueResult =
  | { ok: true; venueId: string; created: boolean }
  /** `venueId`: the venue that has the name. */
  | { ok: false; reason: 'name_taken'; venueId: string }
  /** The form's key is a venue of another institution. */
  | { ok: false; reason: 'key_conflict' };

/**
 * "Įtraukti naują mokymo vietą" (VENUE-1, VENUE-2). The form's idempotency key becomes the new
 * venue's id, so the same form sent twice adds one venue (the second answer: `created: false`).
 */
export async function createVenue(
  db: Db,
  a: { institutionId: string; venueId: string; value: VenueFormValue; actor: VenueActor },
): Promise<CreateVenueResult> {
  return db.transaction().execute(async (trx): Promise<CreateVenueResult> => {
    await lockVenueNames(trx, a.institutionId);
    const same = await trx.selectFrom('venues').select('institution_id').where('id', '=', a.venueId).executeTakeFirst();
    if (same)
      return same.institution_id === a.institutionId
        ? { ok: true, venueId: a.venueId, created: false }
        : { ok: false, reason: 'key_conflict' };
    const taken = await venueNamed(trx, a.institutionId, a.value.name, null);
    if (taken) return { ok: false, reason: 'name_taken', venueId: taken };
    const row = columns(a.value);
    await trx
      .insertInto('venues')
      .values({ id: a.venueId, institution_id: a.institutionId, ...row })
      .execute();
    await writeAudit(trx, {
      actor: auditActor(a.actor),
      institutionId: a.institutionId,
      entityType: 'venue',
      entityId: a.venueId,
      action: 'create',
      changes: diffFields(null, snapshot(row)),
      requestId: a.actor.requestId,
    });
    return { ok: true, venueId: a.venueId, created: true };
  });
}

type UpdateVenueResult =
  | { ok: true; before: Venue; changes: FieldChanges }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'name_taken'; venueId: string };

/** VENUE-5: saves the venue window; a venue used by groups keeps its id, so they follow the change. */
export async function updateVenue(
  db: Db,
  a: { institutionId: string; venueId: string; value: VenueFormValue; actor: VenueActor },
): Promise<UpdateVenueResult> {
  return db.transaction().execute(async (trx): Promise<UpdateVenueResult> => {
    await lockVenueNames(trx, a.institutionId);
    const venue = await trx
      .selectFrom('venues')
      .selectAll()
      .where('institution_id', '=', a.institutionId)
      .where('id', '=', a.venueId)
      .forUpdate()
      .executeTakeFirst();
    if (!venue) return { ok: false, reason: 'not_found' };
    const taken = await venueNamed(trx, a.institutionId, a.value.name, venue.id);
    if (taken) return { ok: false, reason: 'name_taken', venueId: taken };
    const after = columns(a.value);
    const changes = diffFields(snapshot(venue), snapshot(after));
    if (Object.keys(changes).length === 0) return { ok: true, before: venue, changes };
    await trx
      .updateTable('venues')
      .set({ ...after, updated_at: new Date() })
      .where('id', '=', venue.id)
      .execute();
    await writeAudit(trx, {
      actor: auditActor(a.actor),
      institutionId: a.institutionId,
      entityType: 'venue',
      entityId: venue.id,
      action: 'update',
      changes,
      requestId: a.actor.requestId,
    });
    return { ok: true, before: venue, changes };
  });
}
