// "Darbdavio atstovai" (§3.5, EMPL-1..EMPL-6): the institution's employers and their
// representatives. Plain master data, written here with its audit row in one transaction. Every
// query is scoped to one institution (GEN-5). What "Pasirinkite darbdavio įstaigą" offers is
// selectableEmployers (db/queries/users.ts): the active ones (EMPL-5).
import { sql } from 'kysely';
import type { EmployerFormValue } from '../../workflows/domain/employer.ts';
import type { Db, DbOrTx } from '../client.ts';
import type { Employer, FieldChanges } from '../schema.ts';
import { diffFields, writeAudit, type AuditEntry } from './audit.ts';
import type { ChangeActor } from './audit.ts';

/** Every employer of the institution, active or not, by organisation and representative. */
export async function listEmployers(db: DbOrTx, institutionId: string): Promise<Employer[]> {
  return db
    .selectFrom('employers')
    .selectAll()
    .where('institution_id', '=', institutionId)
    .orderBy(sql`name collate "lt-x-icu"`)
    .orderBy(sql`representative_last_name collate "lt-x-icu"`)
    .orderBy(sql`representative_first_name collate "lt-x-icu"`)
    .orderBy('id')
    .execute();
}

/** One employer of the institution; undefined for anyone else's (GEN-5). */
export async function findEmployer(db: DbOrTx, institutionId: string, employerId: string): Promise<Employer | undefined> {
  return db.selectFrom('employers').selectAll().where('institution_id', '=', institutionId).where('id', '=', employerId).executeTakeFirst();
}

/** How many of the institution's users (not removed) have this employer ("Darbdavio atstovas ir trišalių sutarčių pasirašymas"). */
export async function employerUserCount(db: DbOrTx, institutionId: string, employerId: string): Promise<number> {
  const row = await db
    .selectFrom('institution_users')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('institution_id', '=', institutionId)
    .where('employer_id', '=', employerId)
    .where('status', '<>', 'REMOVED')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Who makes the change (audit, GEN-9). */
type EmployerActor = ChangeActor;

function auditActor(a: EmployerActor): AuditEntry['actor'] {
  return a.userId
    ? { kind: 'user', userId: a.userId, personalCodeHash: a.personalCodeHash }
    : { kind: 'person', personalCodeHash: a.personalCodeHash };
}

type EmployerColumns = Pick<
  Employer,
  'name' | 'code' | 'representative_first_name' | 'representative_last_name' | 'phone' | 'email' | 'practice_address' | 'active'
>;

/** The window's fields as the audit trail records them (the form's names). */
function snapshot(e: EmployerColumns) {
  return {
    name: e.name,
    code: e.code,
    firstName: e.representative_first_name,
    lastName: e.representative_last_name,
    phone: e.phone,
    email: e.email,
    practiceAddress: e.practice_address,
    active: e.active,
  };
}

function columns(v: EmployerFormValue): EmployerColumns {
  return {
    name: v.name,
    code: v.code,
    representative_first_name: v.firstName,
    representative_last_name: v.lastName,
    phone: v.phone,
    email: v.email,
    practice_address: v.practiceAddress,
    active: v.active,
  };
}

type CreateEmployerResult = { ok: true; employerId: string; created: boolean } | { ok: false; reason: 'key_conflict' };

/**
 * "Įtraukti naują darbdavio atstovą" (EMPL-1, EMPL-3). The form's idempotency key becomes the new
 * employer's id, so the same form sent twice adds one employer (the second answer: `created: false`).
 */
export async function createEmployer(
  db: Db,
  a: { institutionId: string; employerId: string; value: EmployerFormValue; actor: EmployerActor },
): Promise<CreateEmployerResult> {
  return db.transaction().execute(async (trx): Promise<CreateEmployerResult> => {
    const row = columns(a.value);
    const inserted = await trx
      .insertInto('employers')
      .values({ id: a.employerId, institution_id: a.institutionId, ...row })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) {
      const same = await trx.selectFrom('employers').select('institution_id').where('id', '=', a.employerId).executeTakeFirst();
      return same?.institution_id === a.institutionId
        ? { ok: true, employerId: a.employerId, created: false }
        : { ok: false, reason: 'key_conflict' };
    }
    await writeAudit(trx, {
      actor: auditActor(a.actor),
      institutionId: a.institutionId,
      entityType: 'employer',
      entityId: a.employerId,
      action: 'create',
      changes: diffFields(null, snapshot(row)),
      requestId: a.actor.requestId,
    });
    return { ok: true, employerId: a.employerId, created: true };
  });
}

type UpdateEmployerResult = { ok: true; before: Employer; changes: FieldChanges } | { ok: false; reason: 'not_found' };

/**
 * Saves the window (EMPL-1); unticking "Aktyvi darbdavio paskyra" stops the employer being offered
 * anew (EMPL-5), while users who already have it keep it.
 */
export async function updateEmployer(
  db: Db,
  a: { institutionId: string; employerId: string; value: EmployerFormValue; actor: EmployerActor },
): Promise<UpdateEmployerResult> {
  return db.transaction().execute(async (trx): Promise<UpdateEmployerResult> => {
    const employer = await trx
      .selectFrom('employers')
      .selectAll()
      .where('institution_id', '=', a.institutionId)
      .where('id', '=', a.employerId)
      .forUpdate()
      .executeTakeFirst();
    if (!employer) return { ok: false, reason: 'not_found' };
    const after = columns(a.value);
    const changes = diffFields(snapshot(employer), snapshot(after));
    if (Object.keys(changes).length === 0) return { ok: true, before: employer, changes };
    await trx
      .updateTable('employers')
      .set({ ...after, updated_at: new Date() })
      .where('id', '=', employer.id)
      .execute();
    await writeAudit(trx, {
      actor: auditActor(a.actor),
      institutionId: a.institutionId,
      entityType: 'employer',
      entityId: employer.id,
      action: 'update',
      changes,
      requestId: a.actor.requestId,
    });
    return { ok: true, before: employer, changes };
  });
}
