// Each test makes its own institution (random codes), so tests share a database without
// seeing each other's rows.
import type { Db } from '../../db/client.ts';
import { addDays, vilniusDate } from '../../workflows/domain/calendar.ts';
import { programmeContactMinutes, SessionMode } from '../../workflows/domain/schedule.ts';

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
const COMPLETE_PROGRAMME_INFO = {
  execution_specifics: 'Užsiėmimai vyksta darbo dienomis vakarais.',
  contact_name: 'Rasa Kontaktinė',
  contact_phone: '+370 600 12345',
  contact_email: 'kontaktai@example.lt',
  payment_terms: 'Mokama iš Individualios mokymosi sąskaitos; asmens dalis – per 5 darbo dienas pavedimu.',
} as const;

/**
 * `publishable` (default): with the contact person, bank details (INST-8) and a numbering stage (NUM-8)
 * that publishing a group requires (GRP-40); tests of those tabs themselves start without them.
 */
export async function createInstitution(
  db: Db,
  label = 'Testo institucija',
  { publishable = true }: { publishable?: boolean } = {},
): Promise<InstitutionFixture> {
  const code = String(Math.floor(Math.random() * 1e12)).padStart(12, '0');
  const institution = await db
    .insertInto('institutions')
    .values({ code, name: `${label} ${code}` })
    .returning('id')
    .executeTakeFirstOrThrow();
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
    .values({
      institution_id: institution.id,
      code: programmeCode,
      name: 'Testinė programa',
      kind: 'NSPR',
      languages: ['lietuvių', 'anglų'],
      contact_hours: '40',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const suspended = await db
    .insertInto('programmes')
    .values({
      institution_id: institution.id,
      code: `${programmeCode}-S`,
      name: 'Sustabdyta programa',
      kind: 'NSPR',
      languages: ['lietuvių'],
      contact_hours: '10',
      state: 'SUSPENDED',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // Complete "Programos vykdymo ir sutarties informacija", so the programme's groups can be published (GRP-40, PROG-19).
  await db
    .insertInto('programme_execution_info')
    .values({ programme_id: programme.id, institution_id: institution.id, ...COMPLETE_PROGRAMME_INFO })
    .execute();
  // The contact person, bank details (INST-8) and a numbering stage (NUM-8) that publishing a group needs (GRP-40).
  if (publishable) {
    await db
      .insertInto('institution_info')
      .values({
        institution_id: institution.id,
        description: null,
        contact_first_name: 'Jonas',
        contact_last_name: 'Atsakingasis',
        contact_position: 'Direktorius',
        contact_phone: '+37060012345',
        contact_email: `kontaktai${code}@example.lt`,
        iban: 'LT121000011101001000',
        bank_name: 'AB SEB bankas',
      })
      .execute();
    await db
      .insertInto('contract_numbering_stages')
      .values({
        institution_id: institution.id,
        effective_from: '2020-01-01',
        start_number: 1,
        prefix: 'MS-',
        suffix: '',
        number_format: '00000',
      })
      .execute();
  }
  const venue = await db
    .insertInto('venues')
    .values({ institution_id: institution.id, name: 'Auditorija 101', address: 'Gedimino pr. 1, Vilnius' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const remote = await db
    .insertInto('venues')
    .values({ institution_id: institution.id, name: 'Nuotolinis mokymas', address: '' })
    .returning('id')
    .executeTakeFirstOrThrow();
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

/**
 * A full timetable for a group (SCHED-16, GRP-40), straight into Postgres: evening sessions of up to
 * 180 minutes (4 academic hours) at 18:00 on consecutive days from the programme start, together
 * exactly the programme's contact hours, with a lecturer of its own (so groups on the same dates
 * never double-book one). Returns the minutes planned.
 */
export async function fullSchedule(
  db: Db,
  a: { institutionId: string; groupId: string; venueId: string; lecturerId?: string; startTime?: string },
): Promise<number> {
  const group = await db
    .selectFrom('training_groups as g')
    .innerJoin('programmes as p', 'p.id', 'g.programme_id')
    .select(['g.programme_start', 'g.programme_end', 'p.contact_hours'])
    .where('g.id', '=', a.groupId)
    .where('g.institution_id', '=', a.institutionId)
    .executeTakeFirstOrThrow();
  const lecturerId =
    a.lecturerId ??
    (
      await db
        .insertInto('lecturers')
        .values({
          institution_id: a.institutionId,
          first_name: 'Tvarkaraščio',
          last_name: 'Lektorius',
          email: `lektorius.${a.groupId.slice(0, 8)}@example.lt`,
          active: true,
          requirements: ['KVALIFIKACIJA'],
          publish_consent: true,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  let left = programmeContactMinutes(group.contact_hours);
  const rows = [];
  for (let day = group.programme_start; left > 0; day = addDays(day, 1)) {
    if (day > group.programme_end)
      throw new Error(
        `the programme's ${group.contact_hours} h do not fit into ${group.programme_start}..${group.programme_end} at 180 min a day`,
      );
    const minutes = Math.min(180, left);
    rows.push({
      institution_id: a.institutionId,
      group_id: a.groupId,
      session_date: day,
      start_time: a.startTime ?? '18:00',
      duration_minutes: minutes,
      mode: SessionMode.Contact,
      venue_id: a.venueId,
      lecturer_id: lecturerId,
    });
    left -= minutes;
  }
  if (rows.length > 0) await db.insertInto('group_sessions').values(rows).execute();
  return programmeContactMinutes(group.contact_hours);
}
