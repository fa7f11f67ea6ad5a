// What the UŽT tests share: a UŽT apprenticeship group's form values and an institution that can send
// Section II (a 9-digit legal entity code, contact and bank details, an active employer).
import type { Db } from '../../db/client.ts';
import { addDays, vilniusDate } from '../../workflows/domain/calendar.ts';
import { createInstitution, type InstitutionFixture } from './fixtures.ts';

const inDays = (n: number) => addDays(vilniusDate(new Date()), n);

/** "Grupės informacija" of a UŽT-funded apprenticeship group (GRP-39), to pass to groupInfo(). */
export const UZT_GROUP = {
  fundingSources: ['UZT', 'ASMENINES_LESOS'],
  targetGroup: 'BEDARBIAI',
  vetForm: 'PAMEISTRYSTE',
  durationWeeks: '3',
  durationDays: '15',
  theoryAssessmentDate: inDays(30),
  practiceAssessmentDate: inDays(40),
  price: '1500,00',
  minParticipants: '1',
};

export interface UztInstitution {
  fx: InstitutionFixture;
  providerEmail: string;
  employerId: string;
}

export async function uztInstitution(db: Db, name: string): Promise<UztInstitution> {
  const fx = await createInstitution(db, name);
  // A legal entity's code has 9 digits (Section II carries it to UŽT).
  await db
    .updateTable('institutions')
    .set({ code: String(100_000_000 + Math.floor(Math.random() * 899_999_999)) })
    .where('id', '=', fx.institutionId)
    .execute();
  const providerEmail = `teikejas-${crypto.randomUUID().slice(0, 8)}@institucija.example.lt`;
  // The provider's own contact address, so its e-mails can be told apart (N10).
  await db
    .updateTable('institution_info')
    .set({
      contact_first_name: 'Rasa',
      contact_last_name: 'Atsakinga',
      contact_position: 'Direktorė',
      contact_email: providerEmail,
      iban: 'LT601010012345678901',
      bank_name: 'Testo bankas',
    })
    .where('institution_id', '=', fx.institutionId)
    .execute();
  const employer = await db
    .insertInto('employers')
    .values({
      institution_id: fx.institutionId,
      name: 'UAB Meistrai',
      code: '123456789',
      active: true,
      representative_first_name: 'Petras',
      representative_last_name: 'Meistras',
      phone: '+370 600 44444',
      email: 'petras@meistrai.lt',
      practice_address: 'Pramonės g. 5, Kaunas',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { fx, providerEmail, employerId: employer.id };
}

/** The provider's approval form of a UŽT registration with its UŽT and apprenticeship data (UZT-6, UZT-8). */
export function approveBody(employerId: string, extra: Record<string, string> = {}) {
  return {
    idempotencyKey: crypto.randomUUID(),
    decision: 'APPROVE',
    bankAccount: 'LT12 1000 0111 0100 1000',
    settlement: 'KAS_MENESI',
    employerId,
    employerPhone: '+370 600 22222',
    employerEmail: 'meistras@imone.lt',
    practiceAddress: 'Pramonės g. 5, Kaunas',
    ...extra,
  };
}
