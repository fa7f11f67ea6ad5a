// Demo master data for `npm start`: two institutions (the second shows that providers never see
// each other's data), their users, programmes and venues. Fixed IDs make the seed idempotent.
import type { Db } from '../client.ts';

export const DEMO = {
  institution: { id: '0b6d2a0e-5f3c-4d1e-9a55-000000000001', code: '300000001', name: 'Demo mokymo centras' },
  otherInstitution: { id: '0b6d2a0e-5f3c-4d1e-9a55-000000000002', code: '300000002', name: 'Kito teikėjo mokykla' },
  users: {
    admin: { id: '1c7e3b1f-6a4d-4e2f-8b66-000000000001', first_name: 'Rūta', last_name: 'Jonaitienė', email: 'ruta.jonaitiene@demo-centras.lt', rights: ['ADMINISTRATORIUS', 'SUTARCIU_PASIRASYMAS'] },
    employee: { id: '1c7e3b1f-6a4d-4e2f-8b66-000000000002', first_name: 'Tomas', last_name: 'Petraitis', email: 'tomas.petraitis@demo-centras.lt', rights: ['DARBUOTOJAS'] },
    other: { id: '1c7e3b1f-6a4d-4e2f-8b66-000000000003', first_name: 'Asta', last_name: 'Kazlauskienė', email: 'asta@kito-teikejo.lt', rights: ['ADMINISTRATORIUS'] },
  },
  programmes: {
    digital: { id: '2d8f4c20-7b5e-4f30-9c77-000000000001', code: 'NSP-2024-0101', name: 'Skaitmeninis raštingumas pradedantiesiems', kind: 'NSPR', languages: ['lietuvių', 'rusų'], contact_hours: '40.00', state: 'ACTIVE', remarks: null },
    english: { id: '2d8f4c20-7b5e-4f30-9c77-000000000002', code: 'NSP-2024-0202', name: 'Verslo anglų kalba (B1)', kind: 'NSPR', languages: ['anglų', 'lietuvių'], contact_hours: '60.00', state: 'ACTIVE', remarks: null },
    accounting: { id: '2d8f4c20-7b5e-4f30-9c77-000000000003', code: 'P43041101', name: 'Apskaitos pagrindai', kind: 'NONFORMAL_VET', languages: ['lietuvių'], contact_hours: '120.00', state: 'SUSPENDED', remarks: 'Mokymo programa sustabdyta 2026-10-01.' },
    otherProgramme: { id: '2d8f4c20-7b5e-4f30-9c77-000000000004', code: 'NSP-2024-0909', name: 'Kito teikėjo programa', kind: 'NSPR', languages: ['lietuvių'], contact_hours: '24.00', state: 'ACTIVE', remarks: null },
  },
  venues: {
    vilnius: { id: '3e904d31-8c6f-4041-8d88-000000000001', name: 'Vilniaus mokymo centras', address: 'Gedimino pr. 1, LT-01103 Vilnius' },
    remote: { id: '3e904d31-8c6f-4041-8d88-000000000002', name: 'Nuotolinis mokymas', address: '' },
    other: { id: '3e904d31-8c6f-4041-8d88-000000000003', name: 'Kauno klasė', address: 'Laisvės al. 10, LT-44240 Kaunas' },
  },
} as const;

export async function seedDemoMasterData(db: Db): Promise<void> {
  const { institution: inst, otherInstitution: other, users, programmes: p, venues: v } = DEMO;
  await db.insertInto('institutions').values([inst, other]).onConflict((oc) => oc.column('id').doNothing()).execute();
  await db
    .insertInto('institution_users')
    .values([
      { ...users.admin, rights: [...users.admin.rights], institution_id: inst.id },
      { ...users.employee, rights: [...users.employee.rights], institution_id: inst.id },
      { ...users.other, rights: [...users.other.rights], institution_id: other.id },
    ])
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  await db
    .insertInto('programmes')
    .values([
      { ...p.digital, languages: [...p.digital.languages], institution_id: inst.id },
      { ...p.english, languages: [...p.english.languages], institution_id: inst.id },
      { ...p.accounting, languages: [...p.accounting.languages], institution_id: inst.id },
      { ...p.otherProgramme, languages: [...p.otherProgramme.languages], institution_id: other.id },
    ])
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  await db
    .insertInto('venues')
    .values([
      { ...v.vilnius, institution_id: inst.id },
      { ...v.remote, institution_id: inst.id },
      { ...v.other, institution_id: other.id },
    ])
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}
