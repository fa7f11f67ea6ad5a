import type { DbOrTx } from '../client.ts';
import type { Venue } from '../schema.ts';

export async function listVenues(db: DbOrTx, institutionId: string): Promise<Venue[]> {
  return db.selectFrom('venues').selectAll().where('institution_id', '=', institutionId).orderBy('name').execute();
}
