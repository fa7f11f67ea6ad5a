import type { DbOrTx } from '../client.ts';
import type { Institution, InstitutionUser } from '../schema.ts';

export interface ActingUser {
  user: InstitutionUser;
  institution: Institution;
}

export async function findActingUser(db: DbOrTx, userId: string): Promise<ActingUser | undefined> {
  const row = await db
    .selectFrom('institution_users as u')
    .innerJoin('institutions as i', 'i.id', 'u.institution_id')
    .selectAll('u')
    .select(['i.code as institution_code', 'i.name as institution_name', 'i.created_at as institution_created_at'])
    .where('u.id', '=', userId)
    .executeTakeFirst();
  if (!row) return undefined;
  const { institution_code, institution_name, institution_created_at, ...user } = row;
  return {
    user,
    institution: { id: user.institution_id, code: institution_code, name: institution_name, created_at: institution_created_at },
  };
}

/** Everyone the development identity switcher may act as. */
export async function listAllUsers(db: DbOrTx): Promise<(InstitutionUser & { institution_name: string })[]> {
  return db
    .selectFrom('institution_users as u')
    .innerJoin('institutions as i', 'i.id', 'u.institution_id')
    .selectAll('u')
    .select('i.name as institution_name')
    .orderBy('i.name')
    .orderBy('u.last_name')
    .execute();
}
