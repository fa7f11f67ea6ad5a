// "Institucijos naudotojai" (§3.1, USERS-17..USERS-32): the list, one user, edits and removal.
// Creating a user is the UserInvitation workflow's (db/queries/invitations.ts); editing and removing
// are plain master data, written here with their audit row in one transaction. Every query is
// scoped to one institution (GEN-5).
import { sql } from 'kysely';
import { Right } from '../../workflows/domain/access.ts';
import { leavesNoConfirmedAdministrator, type UserFormValue } from '../../workflows/domain/user-form.ts';
import type { Db, DbOrTx } from '../client.ts';
import type { Employer, FieldChanges, InstitutionUser } from '../schema.ts';
import { diffFields, writeAudit, type AuditEntry } from './audit.ts';
import { revokeUserSessions } from './sessions.ts';
import type { ChangeActor } from './audit.ts';

export type UserSort = 'name' | 'email' | 'status';

export interface UserListItem {
  id: string;
  first_name: string;
  last_name: string;
  email: string;
  rights: string[];
  status: 'INVITED' | 'ACTIVE' | 'REMOVED';
  employer_name: string | null;
  /** The latest invitation (INVITED users). */
  invitation_status: 'PENDING' | 'CONFIRMED' | 'EXPIRED' | 'CANCELLED' | null;
  invitation_expires_at: Date | null;
}

/** The institution's users that are not removed (USERS-17), sorted and paged (GEN-16). */
export async function listUsers(
  db: DbOrTx,
  institutionId: string,
  opts: { sort: UserSort; descending: boolean; limit: number; offset: number },
): Promise<{ rows: UserListItem[]; total: number }> {
  const base = db.selectFrom('institution_users as u').where('u.institution_id', '=', institutionId).where('u.status', '<>', 'REMOVED');
  const direction = opts.descending ? 'desc' : 'asc';
  let query = base
    .leftJoin('employers as e', 'e.id', 'u.employer_id')
    .select(['u.id', 'u.first_name', 'u.last_name', 'u.email', 'u.rights', 'u.status', 'e.name as employer_name'])
    .select((eb) => [
      eb
        .selectFrom('user_invitations as i')
        .select('i.status')
        .whereRef('i.institution_user_id', '=', 'u.id')
        .orderBy('i.created_at', 'desc')
        .limit(1)
        .as('invitation_status'),
      eb
        .selectFrom('user_invitations as i')
        .select('i.expires_at')
        .whereRef('i.institution_user_id', '=', 'u.id')
        .orderBy('i.created_at', 'desc')
        .limit(1)
        .as('invitation_expires_at'),
    ]);
  if (opts.sort === 'email') query = query.orderBy('u.email', direction);
  // Unconfirmed first when ascending: they are the ones that may need attention.
  if (opts.sort === 'status') query = query.orderBy('u.status', opts.descending ? 'asc' : 'desc');
  query = query
    .orderBy(sql`lower(u.last_name) collate "lt-x-icu"`, direction)
    .orderBy(sql`lower(u.first_name) collate "lt-x-icu"`, direction)
    .orderBy('u.id');
  const [rows, count] = await Promise.all([
    query.limit(opts.limit).offset(opts.offset).execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as UserListItem[], total: Number(count.n) };
}

/** One user of the institution that is not removed; undefined for anyone else's (GEN-5). */
export async function findUser(db: DbOrTx, institutionId: string, userId: string): Promise<InstitutionUser | undefined> {
  return db
    .selectFrom('institution_users')
    .selectAll()
    .where('institution_id', '=', institutionId)
    .where('id', '=', userId)
    .where('status', '<>', 'REMOVED')
    .executeTakeFirst();
}

/** One user of the institution, removed ones included (for messages after a removal). */
export async function findUserEvenRemoved(db: DbOrTx, institutionId: string, userId: string): Promise<InstitutionUser | undefined> {
  return db
    .selectFrom('institution_users')
    .selectAll()
    .where('institution_id', '=', institutionId)
    .where('id', '=', userId)
    .executeTakeFirst();
}

/** Whether the person (by personal-code hash) already is a user of the institution (not removed). */
export async function personIsUser(db: DbOrTx, institutionId: string, personalCodeHash: string): Promise<boolean> {
  const row = await db
    .selectFrom('institution_users')
    .select('id')
    .where('institution_id', '=', institutionId)
    .where('personal_code_hash', '=', personalCodeHash)
    .where('status', '<>', 'REMOVED')
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * The employers "Pasirinkite darbdavio įstaigą" offers: the institution's active ones (USERS-24,
 * EMPL-5), plus the one the user already has even if it was made inactive since.
 */
export async function selectableEmployers(db: DbOrTx, institutionId: string, currentId: string | null = null): Promise<Employer[]> {
  return (
    db
      .selectFrom('employers')
      .selectAll()
      .where('institution_id', '=', institutionId)
      .where((eb) => (currentId ? eb.or([eb('active', '=', true), eb('id', '=', currentId)]) : eb('active', '=', true)))
      // The Lithuanian alphabet (Č after C, Š after S), as in the "Darbdavio atstovai" list.
      .orderBy(sql`name collate "lt-x-icu"`)
      .execute()
  );
}

/** Every employer of the institution, active or not (names for the audit trail). */
export async function institutionEmployers(db: DbOrTx, institutionId: string): Promise<Employer[]> {
  return db.selectFrom('employers').selectAll().where('institution_id', '=', institutionId).orderBy('name').execute();
}

/** Who makes the change (audit, GEN-9). */
type UserActor = ChangeActor;

function auditActor(a: UserActor): AuditEntry['actor'] {
  return a.userId
    ? { kind: 'user', userId: a.userId, personalCodeHash: a.personalCodeHash }
    : { kind: 'person', personalCodeHash: a.personalCodeHash };
}

/** The fields of the user window as the audit trail records them (the same keys as the 'invite' row). */
function snapshot(
  u: Pick<InstitutionUser, 'first_name' | 'last_name' | 'email' | 'phone' | 'position' | 'rights' | 'employer_id' | 'signing_document'>,
) {
  return {
    firstName: u.first_name,
    lastName: u.last_name,
    email: u.email,
    phone: u.phone,
    position: u.position,
    rights: u.rights,
    employerId: u.employer_id,
    signingDocument: u.signing_document,
  };
}

type UserChangeResult =
  | { ok: true; before: InstitutionUser; changes: FieldChanges; sessionsRevoked: number }
  | { ok: false; reason: 'not_found' | 'last_administrator' };

/**
 * Locks the institution (user changes of one institution are serialised, so two administrators
 * cannot demote each other at once and leave none), then the user.
 */
async function lockUser(trx: DbOrTx, institutionId: string, userId: string) {
  await trx.selectFrom('institutions').select('id').where('id', '=', institutionId).forUpdate().executeTakeFirst();
  return trx
    .selectFrom('institution_users')
    .selectAll()
    .where('institution_id', '=', institutionId)
    .where('id', '=', userId)
    .where('status', '<>', 'REMOVED')
    .forUpdate()
    .executeTakeFirst();
}

async function otherActiveAdministrators(trx: DbOrTx, institutionId: string, userId: string): Promise<number> {
  const row = await trx
    .selectFrom('institution_users')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('institution_id', '=', institutionId)
    .where('id', '<>', userId)
    .where('status', '=', 'ACTIVE')
    .where(sql<boolean>`${Right.Administrator} = any(rights)`)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Saves the user window (U4). Refuses to take the last confirmed administrator's rights (USERS-30);
 * a user left without any user group loses their sessions at once (USERS-31).
 */
export async function updateUser(
  db: Db,
  a: { institutionId: string; userId: string; value: UserFormValue; actor: UserActor },
): Promise<UserChangeResult> {
  return db.transaction().execute(async (trx) => {
    const user = await lockUser(trx, a.institutionId, a.userId);
    if (!user) return { ok: false, reason: 'not_found' };
    const others = await otherActiveAdministrators(trx, a.institutionId, a.userId);
    if (
      leavesNoConfirmedAdministrator({
        status: user.status,
        rightsBefore: user.rights,
        rightsAfter: a.value.rights,
        otherActiveAdministrators: others,
      })
    ) {
      return { ok: false, reason: 'last_administrator' };
    }
    const v = a.value;
    const after = {
      first_name: v.firstName,
      last_name: v.lastName,
      email: v.email,
      phone: v.phone,
      position: v.position,
      rights: v.rights,
      employer_id: v.employerId,
      signing_document: v.signingDocument,
    };
    const changes = diffFields(snapshot(user), snapshot(after));
    if (Object.keys(changes).length === 0) return { ok: true, before: user, changes, sessionsRevoked: 0 };
    await trx
      .updateTable('institution_users')
      .set({ ...after, updated_at: new Date() })
      .where('id', '=', user.id)
      .execute();
    await writeAudit(trx, {
      actor: auditActor(a.actor),
      institutionId: a.institutionId,
      entityType: 'institution_user',
      entityId: user.id,
      action: 'update',
      changes,
      requestId: a.actor.requestId,
    });
    const sessionsRevoked = v.rights.length === 0 ? await revokeUserSessions(trx, user.id, 'teisės panaikintos') : 0;
    return { ok: true, before: user, changes, sessionsRevoked };
  });
}

/**
 * U5: the user is removed (soft: the record, their signatures and the audit trail stay, USERS-31),
 * their sessions end at once. Refused for the last confirmed administrator (USERS-30).
 */
export async function removeUser(db: Db, a: { institutionId: string; userId: string; actor: UserActor }): Promise<UserChangeResult> {
  return db.transaction().execute(async (trx) => {
    const user = await lockUser(trx, a.institutionId, a.userId);
    if (!user) return { ok: false, reason: 'not_found' };
    const others = await otherActiveAdministrators(trx, a.institutionId, a.userId);
    if (
      leavesNoConfirmedAdministrator({
        status: user.status,
        rightsBefore: user.rights,
        rightsAfter: null,
        otherActiveAdministrators: others,
      })
    ) {
      return { ok: false, reason: 'last_administrator' };
    }
    const now = new Date();
    await trx
      .updateTable('institution_users')
      .set({ status: 'REMOVED', removed_at: now, updated_at: now })
      .where('id', '=', user.id)
      .execute();
    const changes: FieldChanges = { status: { before: user.status, after: 'REMOVED' } };
    await writeAudit(trx, {
      actor: auditActor(a.actor),
      institutionId: a.institutionId,
      entityType: 'institution_user',
      entityId: user.id,
      action: 'remove',
      changes,
      requestId: a.actor.requestId,
    });
    const sessionsRevoked = await revokeUserSessions(trx, user.id, 'naudotojas pašalintas');
    return { ok: true, before: user, changes, sessionsRevoked };
  });
}

/** Whether the institution has an administrator yet, confirmed or invited (USERS-1: the head's first step). */
export async function hasAdministrator(db: DbOrTx, institutionId: string): Promise<boolean> {
  const row = await db
    .selectFrom('institution_users')
    .select('id')
    .where('institution_id', '=', institutionId)
    .where('status', '<>', 'REMOVED')
    .where(sql<boolean>`'ADMINISTRATORIUS' = any(rights)`)
    .executeTakeFirst();
  return row !== undefined;
}
