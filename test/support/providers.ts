// Two provider institutions for the HTTP tests of an application: A, whose administrator (with her
// own e-mail address, for the Mailpit checks) and an employee without the application's rights
// (DARBUOTOJAS) act, and B, "another institution", which must get 404 (GEN-5) — each with a session.
import type { Db } from '../../db/client.ts';
import { createInstitution, type InstitutionFixture } from './fixtures.ts';
import { sessionFor, type TestSession } from './session.ts';

export interface ProviderPair {
  a: InstitutionFixture;
  b: InstitutionFixture;
  asA: TestSession;
  asB: TestSession;
  asEmployee: TestSession;
}

export async function providerPair(
  db: Db,
  o: {
    names: [a: string, b: string];
    admin: { email: string; names: [string, string] };
    employee: { email: string; personalCodeHash: string };
  },
): Promise<ProviderPair> {
  const a = await createInstitution(db, o.names[0]);
  const b = await createInstitution(db, o.names[1]);
  await db.updateTable('institution_users').set({ email: o.admin.email }).where('id', '=', a.userId).execute();
  const asA = await sessionFor(db, {
    personalCodeHash: a.personalCodeHash,
    institutionId: a.institutionId,
    userId: a.userId,
    names: o.admin.names,
  });
  const asB = await sessionFor(db, { personalCodeHash: b.personalCodeHash, institutionId: b.institutionId, userId: b.userId });
  const employee = await db
    .insertInto('institution_users')
    .values({
      institution_id: a.institutionId,
      first_name: 'Dalius',
      last_name: 'Darbuotojas',
      email: o.employee.email,
      rights: ['DARBUOTOJAS'],
      status: 'ACTIVE',
      personal_code_hash: o.employee.personalCodeHash,
      confirmed_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const asEmployee = await sessionFor(db, {
    personalCodeHash: o.employee.personalCodeHash,
    institutionId: a.institutionId,
    userId: employee.id,
  });
  return { a, b, asA, asB, asEmployee };
}
