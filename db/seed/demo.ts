// Demo master data for `npm start`: two institutions (the second shows that providers never see
// each other's data), their users, programmes and venues. Fixed IDs make the seed idempotent.
// The people (people.ts) are among the VIISP simulator's test people, so each can log in (only
// hashes are stored).
import { sql } from 'kysely';
import { addDays } from '../../workflows/domain/calendar.ts';
import { programmeContactMinutes, SessionMode } from '../../workflows/domain/schedule.ts';
import type { Db } from '../client.ts';
import { DEMO_PEOPLE } from './people.ts';

export const DEMO = {
  institution: { id: '0b6d2a0e-5f3c-4d1e-9a55-000000000001', code: '300000001', name: 'Demo mokymo centras' },
  otherInstitution: { id: '0b6d2a0e-5f3c-4d1e-9a55-000000000002', code: '300000002', name: 'Kito teikėjo mokykla' },
  users: {
    admin: {
      id: '1c7e3b1f-6a4d-4e2f-8b66-000000000001',
      person: DEMO_PEOPLE.ruta,
      email: 'ruta.jonaitiene@demo-centras.lt',
      rights: ['ADMINISTRATORIUS', 'SUTARCIU_PASIRASYMAS'],
      signing_document: 'Direktoriaus 2024-01-15 įsakymas Nr. V-12',
    },
    employee: {
      id: '1c7e3b1f-6a4d-4e2f-8b66-000000000002',
      person: DEMO_PEOPLE.tomas,
      email: 'tomas.petraitis@demo-centras.lt',
      rights: ['DARBUOTOJAS'],
      signing_document: null,
    },
    other: {
      id: '1c7e3b1f-6a4d-4e2f-8b66-000000000003',
      person: DEMO_PEOPLE.asta,
      email: 'asta@kito-teikejo.lt',
      rights: ['ADMINISTRATORIUS'],
      signing_document: null,
    },
    lauraDemo: {
      id: '1c7e3b1f-6a4d-4e2f-8b66-000000000004',
      person: DEMO_PEOPLE.laura,
      email: 'laura.vaitkute@demo-centras.lt',
      rights: ['DARBUOTOJAS'],
      signing_document: null,
    },
    lauraOther: {
      id: '1c7e3b1f-6a4d-4e2f-8b66-000000000005',
      person: DEMO_PEOPLE.laura,
      email: 'laura@kito-teikejo.lt',
      rights: ['DARBUOTOJAS'],
      signing_document: null,
    },
  },
  programmes: {
    digital: {
      id: '2d8f4c20-7b5e-4f30-9c77-000000000001',
      code: 'NSP-2024-0101',
      name: 'Skaitmeninis raštingumas pradedantiesiems',
      kind: 'NSPR',
      languages: ['lietuvių', 'rusų'],
      contact_hours: '40.00',
      state: 'ACTIVE',
      remarks: null,
    },
    english: {
      id: '2d8f4c20-7b5e-4f30-9c77-000000000002',
      code: 'NSP-2024-0202',
      name: 'Verslo anglų kalba (B1)',
      kind: 'NSPR',
      languages: ['anglų', 'lietuvių'],
      contact_hours: '60.00',
      state: 'ACTIVE',
      remarks: null,
    },
    /** Short enough (16 h = 720 min) for a whole timetable on one day: the group in delivery (scripts/seed-demo-delivery.ts). */
    finance: {
      id: '2d8f4c20-7b5e-4f30-9c77-000000000005',
      code: 'NSP-2024-0303',
      name: 'Asmeninių finansų pagrindai',
      kind: 'NSPR',
      languages: ['lietuvių'],
      contact_hours: '16.00',
      state: 'ACTIVE',
      remarks: null,
    },
    accounting: {
      id: '2d8f4c20-7b5e-4f30-9c77-000000000003',
      code: 'P43041101',
      name: 'Apskaitos pagrindai',
      kind: 'NONFORMAL_VET',
      languages: ['lietuvių'],
      contact_hours: '120.00',
      state: 'SUSPENDED',
      remarks: 'Mokymo programa sustabdyta 2026-10-01.',
    },
    otherProgramme: {
      id: '2d8f4c20-7b5e-4f30-9c77-000000000004',
      code: 'NSP-2024-0909',
      name: 'Kito teikėjo programa',
      kind: 'NSPR',
      languages: ['lietuvių'],
      contact_hours: '24.00',
      state: 'ACTIVE',
      remarks: null,
    },
  },
  venues: {
    vilnius: { id: '3e904d31-8c6f-4041-8d88-000000000001', name: 'Vilniaus mokymo centras', address: 'Gedimino pr. 1, LT-01103 Vilnius' },
    remote: { id: '3e904d31-8c6f-4041-8d88-000000000002', name: 'Nuotolinis mokymas', address: '' },
    other: { id: '3e904d31-8c6f-4041-8d88-000000000003', name: 'Kauno klasė', address: 'Laisvės al. 10, LT-44240 Kaunas' },
  },
  /** The funder's document reviewer (VERTINTOJAS, DOC-13): /vertinimas. */
  reviewer: { id: '6c2b7f64-bf92-4374-a0bb-000000000001', person: DEMO_PEOPLE.vaida, email: 'vaida.petrauskaite@kursuok.lt' },
  /** The Employment Service's officer (UZT, UZT-12): /uzt. */
  uztOfficer: { id: '6c2b7f64-bf92-4374-a0bb-000000000002', person: DEMO_PEOPLE.renata, email: 'renata.zukauskiene@uzt.lt' },
  /** A KPMPC observer (STEBETOJAS, MON-2): /stebesena. */
  observer: { id: '6c2b7f64-bf92-4374-a0bb-000000000003', person: DEMO_PEOPLE.kristina, email: 'kristina.stebuliene@kpmpc.lt' },
  /** The funder's invoice evaluator (SF_VERTINTOJAS, INV-17, issue 14): /saskaitu-vertinimas. */
  invoiceEvaluator: { id: '6c2b7f64-bf92-4374-a0bb-000000000004', person: DEMO_PEOPLE.gintare, email: 'gintare.vaiciuliene@esfa.lt' },
  /** Active lecturers of the demo institution ("Lektorių sąrašas"), who teach the demo groups' timetables. */
  lecturers: {
    lina: {
      id: '5b1a6e53-ae81-4263-9faa-000000000001',
      first_name: 'Lina',
      last_name: 'Petrauskienė',
      email: 'lina.petrauskiene@demo-centras.lt',
    },
    marius: {
      id: '5b1a6e53-ae81-4263-9faa-000000000002',
      first_name: 'Marius',
      last_name: 'Kazlauskas',
      email: 'marius.kazlauskas@demo-centras.lt',
    },
  },
} as const;

/** `hash` turns a personal code into its stored hash (the configured pepper). */
export async function seedDemoMasterData(db: Db, hash: (personalCode: string) => string): Promise<void> {
  const { institution: inst, otherInstitution: other, users, programmes: p, venues: v } = DEMO;
  await db
    .insertInto('institutions')
    .values([
      { ...inst, head_personal_code_hash: hash(DEMO_PEOPLE.demoHead.personalCode) },
      { ...other, head_personal_code_hash: hash(DEMO_PEOPLE.asta.personalCode) },
    ])
    // A database seeded before identities existed gets the heads filled in; nothing else changes.
    .onConflict((oc) =>
      oc
        .column('id')
        .doUpdateSet({ head_personal_code_hash: sql`coalesce(institutions.head_personal_code_hash, excluded.head_personal_code_hash)` }),
    )
    .execute();
  const member = (u: (typeof users)[keyof typeof users], institutionId: string) => ({
    id: u.id,
    institution_id: institutionId,
    first_name: u.person.givenName,
    last_name: u.person.familyName,
    email: u.email,
    rights: [...u.rights],
    signing_document: u.signing_document,
    status: 'ACTIVE' as const,
    personal_code_hash: hash(u.person.personalCode),
    confirmed_at: new Date(),
  });
  await db
    .insertInto('institution_users')
    .values([
      member(users.admin, inst.id),
      member(users.employee, inst.id),
      member(users.other, other.id),
      member(users.lauraDemo, inst.id),
      member(users.lauraOther, other.id),
    ])
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({ personal_code_hash: sql`coalesce(institution_users.personal_code_hash, excluded.personal_code_hash)` }),
    )
    .execute();
  await db
    .insertInto('programmes')
    .values([
      { ...p.digital, languages: [...p.digital.languages], institution_id: inst.id },
      { ...p.english, languages: [...p.english.languages], institution_id: inst.id },
      { ...p.finance, languages: [...p.finance.languages], institution_id: inst.id },
      { ...p.accounting, languages: [...p.accounting.languages], institution_id: inst.id },
      { ...p.otherProgramme, languages: [...p.otherProgramme.languages], institution_id: other.id },
    ])
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  // "Programos vykdymo ir sutarties informacija" of the active programmes: complete, so demo groups can be published (GRP-40, PROG-19).
  const info = (programme: { id: string }, institutionId: string, contactEmail: string) => ({
    programme_id: programme.id,
    institution_id: institutionId,
    execution_specifics: 'Užsiėmimai vyksta darbo dienomis nuo 18 iki 21 val.; dalis užsiėmimų – nuotoliniu būdu.',
    additional_requirements: 'Asmuo turi turėti kompiuterį su interneto prieiga.',
    competence_recognition: 'Baigus programą išduodamas pažymėjimas; įgytos kompetencijos gali būti pripažintos tęsiant mokymąsi.',
    contact_name: 'Rūta Jonaitienė',
    contact_phone: '+37060012345', // E.164, as the forms store it
    contact_email: contactEmail,
    person_obligations: null,
    provider_obligations: null,
    payment_terms:
      'Mokymosi programos kaina apmokama iš asmens Individualios mokymosi sąskaitos; asmens dalis mokama pavedimu per 5 darbo dienas nuo sąskaitos gavimo.',
  });
  await db
    .insertInto('programme_execution_info')
    .values([
      info(p.digital, inst.id, users.admin.email),
      info(p.english, inst.id, users.admin.email),
      info(p.finance, inst.id, users.admin.email),
      info(p.otherProgramme, other.id, users.other.email),
    ])
    .onConflict((oc) => oc.column('programme_id').doNothing())
    .execute();
  // "Institucijos informacija" and "Mokymo sutarties numeracija", so demo groups can be published (GRP-40: INST-8, NUM-8).
  const contact = (institutionId: string, person: { givenName: string; familyName: string }, email: string, iban: string) => ({
    institution_id: institutionId,
    description: null,
    contact_first_name: person.givenName,
    contact_last_name: person.familyName,
    contact_position: 'Direktorė',
    contact_phone: '+37060012345',
    contact_email: email,
    iban,
    bank_name: 'AB SEB bankas',
  });
  await db
    .insertInto('institution_info')
    .values([
      contact(inst.id, users.admin.person, users.admin.email, 'LT121000011101001000'),
      contact(other.id, users.other.person, users.other.email, 'LT601010012345678901'),
    ])
    .onConflict((oc) => oc.column('institution_id').doNothing())
    .execute();
  await db
    .insertInto('contract_numbering_stages')
    .values(
      [inst.id, other.id].map((id) => ({
        institution_id: id,
        effective_from: '2024-01-01',
        start_number: 1,
        prefix: 'MS-',
        suffix: '',
        number_format: '00000',
      })),
    )
    .onConflict((oc) => oc.columns(['institution_id', 'effective_from']).doNothing())
    .execute();
  const { reviewer } = DEMO;
  await db
    .insertInto('staff_members')
    .values({
      id: reviewer.id,
      person_key: hash(reviewer.person.personalCode),
      role: 'VERTINTOJAS',
      first_name: reviewer.person.givenName,
      last_name: reviewer.person.familyName,
      email: reviewer.email,
    })
    .onConflict((oc) => oc.columns(['person_key', 'role']).doNothing())
    .execute();
  const { uztOfficer } = DEMO;
  await db
    .insertInto('staff_members')
    .values({
      id: uztOfficer.id,
      person_key: hash(uztOfficer.person.personalCode),
      role: 'UZT',
      first_name: uztOfficer.person.givenName,
      last_name: uztOfficer.person.familyName,
      email: uztOfficer.email,
    })
    .onConflict((oc) => oc.columns(['person_key', 'role']).doNothing())
    .execute();
  const { observer } = DEMO;
  await db
    .insertInto('staff_members')
    .values({
      id: observer.id,
      person_key: hash(observer.person.personalCode),
      role: 'STEBETOJAS',
      first_name: observer.person.givenName,
      last_name: observer.person.familyName,
      email: observer.email,
    })
    .onConflict((oc) => oc.columns(['person_key', 'role']).doNothing())
    .execute();
  const { invoiceEvaluator } = DEMO;
  await db
    .insertInto('staff_members')
    .values({
      id: invoiceEvaluator.id,
      person_key: hash(invoiceEvaluator.person.personalCode),
      role: 'SF_VERTINTOJAS',
      first_name: invoiceEvaluator.person.givenName,
      last_name: invoiceEvaluator.person.familyName,
      email: invoiceEvaluator.email,
    })
    .onConflict((oc) => oc.columns(['person_key', 'role']).doNothing())
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
  await db
    .insertInto('lecturers')
    .values(
      Object.values(DEMO.lecturers).map((l) => ({
        ...l,
        institution_id: inst.id,
        phone: '+37060055555',
        description: 'Suaugusiųjų švietimo lektorius, turintis daugiau kaip 10 metų patirtį.',
        active: true,
        requirements: ['KVALIFIKACIJA', 'PATIRTIS'],
        publish_consent: true,
      })),
    )
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

/** How a demo group's timetable is laid out: who teaches, when, where. */
export interface DemoTimetable {
  lecturer: keyof typeof DEMO.lecturers;
  /** 'HH:MM'; sessions of one lecturer in different demo groups are at different times. */
  startTime: string;
  remote?: boolean;
  /** The share of the programme's contact hours planned (1: the full timetable a published group needs, GRP-40). */
  share: number;
}

/**
 * "Tvarkaraštis" of a demo group (SCHED-*): sessions of up to 4 academic hours (180 min) on
 * Monday to Thursday from the programme start, together exactly `share` of the programme's contact
 * hours (the last session shorter where needed); remote groups meet online in "Nuotolinis mokymas".
 * Written straight into Postgres, like the rest of the seed; only for a group that has none yet.
 */
export async function seedDemoTimetable(db: Db, groupId: string, t: DemoTimetable): Promise<void> {
  const group = await db
    .selectFrom('training_groups as g')
    .innerJoin('programmes as p', 'p.id', 'g.programme_id')
    .select(['g.institution_id', 'g.name', 'g.programme_start', 'g.programme_end', 'p.contact_hours'])
    .where('g.id', '=', groupId)
    .executeTakeFirstOrThrow();
  const existing = await db.selectFrom('group_sessions').select('id').where('group_id', '=', groupId).limit(1).executeTakeFirst();
  if (existing) return;
  let left = Math.round((programmeContactMinutes(group.contact_hours) * t.share) / 45) * 45;
  const rows = [];
  for (let day = group.programme_start; left > 0 && day <= group.programme_end; day = addDays(day, 1)) {
    const weekday = new Date(`${day}T12:00:00Z`).getUTCDay(); // 1..4: Monday to Thursday
    if (weekday < 1 || weekday > 4) continue;
    const minutes = Math.min(180, left);
    rows.push({
      institution_id: group.institution_id,
      group_id: groupId,
      session_date: day,
      start_time: t.startTime,
      duration_minutes: minutes,
      mode: t.remote ? SessionMode.RemoteSynchronous : SessionMode.Contact,
      link: t.remote ? `https://susitikimai.demo-centras.lt/${groupId.slice(-4)}` : null,
      venue_id: t.remote ? DEMO.venues.remote.id : DEMO.venues.vilnius.id,
      auditorium: t.remote ? null : '204',
      lecturer_id: DEMO.lecturers[t.lecturer].id,
      additional_info: rows.length === 0 ? 'Pirmasis užsiėmimas: susipažinimas ir pradinis žinių įvertinimas.' : null,
    });
    left -= minutes;
  }
  if (left > 0)
    throw new Error(`demo group ${group.name}: its contact hours do not fit into ${group.programme_start}..${group.programme_end}`);
  if (rows.length > 0) await db.insertInto('group_sessions').values(rows).execute();
}
