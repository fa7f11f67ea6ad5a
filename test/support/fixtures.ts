// Each test makes its own institution (random codes), so tests share a database without
// seeing each other's rows.
import type { Db } from '../../db/client.ts';
import { addDays, vilniusDate } from '../../workflows/domain/calendar.ts';

export interface InstitutionFixture {
  institutionId: string;
  /** An active administrator of the institution (a confirmed user). */
  userId: string;
  /** That user's personal-code hash (what a VIISP login of theirs would produce). */
  personalCodeHash: string;
  programmeId: string;
  programmeCode: string;
  suspendedProgrammeId: string;
  venueId: string;
  remoteVenueId: string;
}

/** Columns of a complete programme_execution_info row (its required fields filled). */
export const COMPLETE_PROGRAMME_INFO = {
  execution_specifics: 'Užsiėmimai vyksta darbo dienomis vakarais.',
  contact_name: 'Rasa Kontaktinė',
  contact_phone: '+370 600 12345',
  contact_email: 'kontaktai@example.lt',
  payment_terms: 'Mokama iš Individualios mokymosi sąskaitos; asmens dalis – per 5 darbo dienas pavedimu.',
} as const;

export async function createInstitution(db: Db, label = 'Testo institucija'): Promise<InstitutionFixture> {
  const code = String(Math.floor(Math.random() * 1e12)).padStart(12, '0');
  const institution = await db.insertInto('institutions').values({ code, name: `${label} ${code}` }).returning('id').executeTakeFirstOrThrow();
  const personalCodeHash = `test-${crypto.randomUUID()}`;
  const user = await db
    .insertInto('institution_users')
    .values({
      institution_id: institution.id,
      first_name: 'Testas',
      last_name: 'Testaitis',
      email: `t${code}@example.lt`,
      rights: ['ADMINISTRATORIUS'],
      status: 'ACTIVE',
      personal_code_hash: personalCodeHash,
      confirmed_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const programmeCode = `NSP-T-${code}`;
  const programme = await db
    .insertInto('programmes')
    .values({ institution_id: institution.id, code: programmeCode, name: 'Testinė programa', kind: 'NSPR', languages: ['lietuvių', 'anglų'], contact_hours: '40' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const suspended = await db
    .insertInto('programmes')
    .values({ institution_id: institution.id, code: `${programmeCode}-S`, name: 'Sustabdyta programa', kind: 'NSPR', languages: ['lietuvių'], contact_hours: '10', state: 'SUSPENDED' })
    .returning('id')
    .executeTakeFirstOrThrow();
  // Complete "Programos vykdymo ir sutarties informacija", so the programme's groups can be published (GRP-40, PROG-19).
  await db.insertInto('programme_execution_info').values({ programme_id: programme.id, institution_id: institution.id, ...COMPLETE_PROGRAMME_INFO }).execute();
  const venue = await db.insertInto('venues').values({ institution_id: institution.id, name: 'Auditorija 101', address: 'Gedimino pr. 1, Vilnius' }).returning('id').executeTakeFirstOrThrow();
  const remote = await db.insertInto('venues').values({ institution_id: institution.id, name: 'Nuotolinis mokymas', address: '' }).returning('id').executeTakeFirstOrThrow();
  return {
    institutionId: institution.id,
    userId: user.id,
    personalCodeHash,
    programmeId: programme.id,
    programmeCode,
    suspendedProgrammeId: suspended.id,
    venueId: venue.id,
    remoteVenueId: remote.id,
  };
}

/** Valid "Grupės informacija" form values, dates counted from today in Vilnius. */
export function groupForm(venueId: string, overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  const today = vilniusDate(new Date());
  return {
    name: 'Grupė A',
    fundingSources: ['IMP_KREPSELIS'],
    price: '120,50',
    language: 'lietuvių',
    minParticipants: '5',
    maxParticipants: '12',
    venueId,
    registrationStart: addDays(today, 1),
    registrationEnd: addDays(today, 10),
    programmeStart: addDays(today, 20),
    programmeEnd: addDays(today, 40),
    ...overrides,
  };
}
