// People, their memberships in institutions, and their consents (AUTH-*, USERS-*, GEN-13).
import type { DbOrTx } from '../client.ts';
import type { Institution, InstitutionUser } from '../schema.ts';

interface Membership {
  user: InstitutionUser;
  institution: Institution;
}

function membershipQuery(db: DbOrTx) {
  return db
    .selectFrom('institution_users as u')
    .innerJoin('institutions as i', 'i.id', 'u.institution_id')
    .selectAll('u')
    .select([
      'i.code as i_code',
      'i.name as i_name',
      'i.kind as i_kind',
      'i.head_personal_code_hash as i_head',
      'i.smir_data as i_smir',
      'i.smir_refreshed_at as i_refreshed_at',
      'i.smir_refresh_error as i_refresh_error',
      'i.created_at as i_created_at',
    ]);
}

type MembershipRow = Awaited<ReturnType<ReturnType<typeof membershipQuery>['executeTakeFirstOrThrow']>>;

function toMembership(row: MembershipRow): Membership {
  const { i_code, i_name, i_kind, i_head, i_smir, i_refreshed_at, i_refresh_error, i_created_at, ...user } = row;
  return {
    user,
    institution: {
      id: user.institution_id,
      code: i_code,
      name: i_name,
      kind: i_kind,
      head_personal_code_hash: i_head,
      smir_data: i_smir,
      smir_refreshed_at: i_refreshed_at,
      smir_refresh_error: i_refresh_error,
      created_at: i_created_at,
    },
  };
}

/** The confirmed (active) memberships of a person: the institutions they may represent (USERS-9, USERS-15). */
export async function activeMemberships(db: DbOrTx, personalCodeHash: string): Promise<Membership[]> {
  const rows = await membershipQuery(db)
    .where('u.personal_code_hash', '=', personalCodeHash)
    .where('u.status', '=', 'ACTIVE')
    .orderBy('i.name')
    .execute();
  return rows.map(toMembership);
}

/** One active membership, only if the person holds it. */
export async function findActiveMembership(
  db: DbOrTx,
  personalCodeHash: string,
  institutionUserId: string,
): Promise<Membership | undefined> {
  const row = await membershipQuery(db)
    .where('u.id', '=', institutionUserId)
    .where('u.personal_code_hash', '=', personalCodeHash)
    .where('u.status', '=', 'ACTIVE')
    .executeTakeFirst();
  return row ? toMembership(row) : undefined;
}

export async function findInstitution(db: DbOrTx, id: string): Promise<Institution | undefined> {
  return db.selectFrom('institutions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findInstitutionByCode(db: DbOrTx, code: string): Promise<Institution | undefined> {
  return db.selectFrom('institutions').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function hasConsent(db: DbOrTx, personalCodeHash: string, policyVersion: string): Promise<boolean> {
  const row = await db
    .selectFrom('consents')
    .select('id')
    .where('personal_code_hash', '=', personalCodeHash)
    .where('policy_version', '=', policyVersion)
    .executeTakeFirst();
  return row !== undefined;
}

/** GEN-13: the acceptance, its time and the policy version. */
export async function recordConsent(
  db: DbOrTx,
  c: { personalCodeHash: string; policyVersion: string; context: string; institutionId: string | null },
): Promise<void> {
  await db
    .insertInto('consents')
    .values({
      personal_code_hash: c.personalCodeHash,
      policy_version: c.policyVersion,
      context: c.context,
      institution_id: c.institutionId,
    })
    .execute();
}

/** AUTH-10, AUTH-11: a provider account created at its first login, from ŠMIR's data. */
export async function createInstitutionAccount(
  db: DbOrTx,
  a: {
    code: string;
    name: string;
    kind: 'JURIDINIS' | 'LAISVASIS_MOKYTOJAS';
    headPersonalCodeHash: string;
    smirData: Record<string, unknown>;
  },
): Promise<Institution> {
  return db
    .insertInto('institutions')
    .values({
      code: a.code,
      name: a.name,
      kind: a.kind,
      head_personal_code_hash: a.headPersonalCodeHash,
      smir_data: a.smirData,
      smir_refreshed_at: new Date(),
    })
    .onConflict((oc) => oc.column('code').doUpdateSet({ head_personal_code_hash: a.headPersonalCodeHash }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The gateway says who heads the legal entity now (AUTH-14: the same account, never a duplicate). */
export async function setInstitutionHead(db: DbOrTx, institutionId: string, headPersonalCodeHash: string): Promise<void> {
  await db.updateTable('institutions').set({ head_personal_code_hash: headPersonalCodeHash }).where('id', '=', institutionId).execute();
}
