// The national-scale seed (issue 16): institutions, their users, venues, programmes and lecturers,
// training groups in the statuses a real year has (with their timetables), participants,
// registrations with realistic statuses, learning contracts, certificates and questionnaire answers —
// written by set-based INSERT … SELECT statements that generate every row inside Postgres (nothing
// crosses the wire but the statements), in one transaction, so a failed seed leaves nothing behind.
//
// Every row is derived from its index and the run's key: IDs are md5(run, kind, index) as uuids, and
// every "random" choice is a hash of the same, so a run is reproducible, rows of one table find their
// parents without a look-up, and two runs in one database never collide. The group workflows of the
// open groups are started from these rows by test/bench/national-workflows.ts (db/ talks to Postgres only).
//
// Used by the benchmarks and by scripts/seed-national.ts (by hand). The data is consistent with what the
// workflows would have written: a group's counters match its registrations, contracts exist exactly for
// the registrations that got to signing (CON-1, CON-6, CON-25), certificates for confirmed, passed,
// surveyed participants (DONE-9, DONE-10), and every published group has its full timetable (GRP-40).
import { sql, type RawBuilder } from 'kysely';
import type { Db, Tx } from '../client.ts';

export interface NationalSeedSpec {
  institutions: number;
  groups: number;
  registrations: number;
  /**
   * At least this many groups are open ("Kuriama", "Skelbiama", "Vykdoma", "Sustabdyta": their workflows
   * run). Without it about half are, as in a real year; more shifts the mix towards open groups.
   */
  openGroups?: number;
  /** The Vilnius date the year is seen from ('YYYY-MM-DD'); default today. */
  today?: string;
  /** The run's key (digits, 4): every row's ID and every institution code derive from it; default random. */
  run?: string;
}

export interface SeedStep {
  name: string;
  rows: number;
  ms: number;
}

export interface NationalSeedResult {
  run: string;
  /** Every institution code of the run starts with this (9 digits in all). */
  codePrefix: string;
  today: string;
  steps: SeedStep[];
  /** Rows inserted per table. */
  rows: Record<string, number>;
  /** Rows inserted in all (the counters' updates not counted). */
  totalRows: number;
  ms: number;
}

/** The open group statuses: the workflow of a group in one of them is running. */
export const OPEN_GROUP_STATUSES = ['Kuriama', 'Skelbiama', 'Vykdoma', 'Sustabdyta'] as const;

/** Academic hours of the programmes, in turn; sessions are 4 academic hours (180 min), so a programme has hours / 4 sessions. */
const PROGRAMME_HOURS = [16, 24, 32, 40, 48, 60];
const SESSION_MINUTES = 180;
/** Programmes per institution with groups, plus one suspended without groups. */
const PROGRAMMES_WITH_GROUPS = 5;
const PROGRAMME_NAMES = [
  'Skaitmeninis raštingumas',
  'Verslo anglų kalba (B1)',
  'Asmeninių finansų pagrindai',
  'Projektų valdymas',
  'Buhalterinė apskaita',
  'Programavimo pagrindai',
  'Vadovavimo įgūdžiai',
  'Viešieji pirkimai',
  'Darbuotojų sauga ir sveikata',
  'Socialinių tinklų rinkodara',
  'Lietuvių kalba užsieniečiams (A2)',
  'Duomenų analizė skaičiuoklėmis',
];
const CITIES = ['Vilnius', 'Kaunas', 'Klaipėda', 'Šiauliai', 'Panevėžys', 'Alytus', 'Marijampolė', 'Mažeikiai', 'Jonava', 'Utena'];
const TIMES = ['rytinė', 'vakarinė', 'savaitgalio'];
const MALE_FIRST = ['Jonas', 'Petras', 'Tomas', 'Mantas', 'Šarūnas', 'Darius', 'Andrius', 'Giedrius', 'Vytautas', 'Lukas'];
const MALE_LAST = [
  'Kazlauskas',
  'Petrauskas',
  'Jankauskas',
  'Stankevičius',
  'Vasiliauskas',
  'Žukauskas',
  'Butkus',
  'Paulauskas',
  'Urbonas',
  'Kavaliauskas',
];
const FEMALE_FIRST = ['Ona', 'Rūta', 'Eglė', 'Aušra', 'Žydrūnė', 'Jurgita', 'Laura', 'Gintarė', 'Inga', 'Kristina'];
const FEMALE_LAST = [
  'Kazlauskienė',
  'Petrauskaitė',
  'Jankauskienė',
  'Stankevičiūtė',
  'Vasiliauskienė',
  'Žukauskaitė',
  'Butkienė',
  'Paulauskaitė',
  'Urbonienė',
  'Kavaliauskaitė',
];
/** Participants take part in several groups: this many distinct people per registration. */
const PEOPLE_PER_REGISTRATION = 0.8;
/** Registrations of a group are spread over people by this stride (coprime with their number). */
const PERSON_STRIDE = 7919;

const VILNIUS = sql.lit('Europe/Vilnius');

/** Today's date in Vilnius. */
function vilniusToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Vilnius', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(),
  );
}

const textArray = (values: readonly string[]) => sql`(${sql.val([...values])}::text[])`;

/** Seeds the national-scale data; returns the run's key, the rows per table and the time each step took. */
export async function seedNational(db: Db, spec: NationalSeedSpec): Promise<NationalSeedResult> {
  const I = whole(spec.institutions, 'institutions', 1, 9_999);
  const G = whole(spec.groups, 'groups', 0, 10_000_000);
  const R = whole(spec.registrations, 'registrations', 0, 100_000_000);
  const open = Math.min(G, Math.max(Math.round(G * 0.5), whole(spec.openGroups ?? 0, 'openGroups', 0, 10_000_000)));
  const today = spec.today ?? vilniusToday();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new Error(`today must be YYYY-MM-DD, not '${today}'`);
  const run = spec.run ?? (await freeRun(db));
  if (!/^[1-9]\d{3}$/.test(run)) throw new Error(`run must be 4 digits, not '${run}'`);
  // Distinct people, enough that a group never holds the same person twice.
  let people = Math.max(1, Math.ceil(R * PEOPLE_PER_REGISTRATION), Math.min(R, 4 * Math.ceil(R / Math.max(1, G)) + 10));
  if (people % PERSON_STRIDE === 0) people++;

  const key = sql.lit(`kursuok-national:${run}:`);
  /** The uuid of row `e` of kind `kind`. */
  const id = (kind: string, e: RawBuilder<unknown>) => sql`md5(${key} || ${sql.lit(kind)} || (${e})::text)::uuid`;
  /** A number in [0, 1) fixed by kind and row. */
  const rnd = (kind: string, e: RawBuilder<unknown>) =>
    sql`(('x' || substr(md5(${key} || ${sql.lit(kind)} || (${e})::text), 1, 8))::bit(32)::bigint::float8 / 4294967296.0)`;
  const T = sql`${today}::date`;
  const codePrefix = run;
  const ofRun = sql`(select id from institutions where code like ${`${codePrefix}_____`})`;
  const groupsOfRun = sql`(select id from training_groups where institution_id in ${ofRun})`;
  const ref = (name: string) => sql.ref(name) as RawBuilder<unknown>;
  /** A sequence number with at least six digits ('000123'). */
  const padded = (n: RawBuilder<unknown>) => sql`lpad((${n})::text, greatest(6, length((${n})::text)), '0')`;
  /** A questionnaire score, mostly good (1–5). */
  const score = (kind: string) => sql`least(5, 2 + floor(${rnd(kind, ref('id'))} * 4)::int)::smallint`;

  const steps: SeedStep[] = [];
  const rows: Record<string, number> = {};
  const started = performance.now();

  await db.transaction().execute(async (trx) => {
    // Nothing of the seed needs to survive a crash before it commits (the commit itself is durable).
    await sql`set local synchronous_commit = off`.execute(trx);
    /** Runs one statement; `table` null for an update of rows written before. */
    const step = async (name: string, table: string | null, q: RawBuilder<unknown>) => {
      const t = performance.now();
      const r = await q.execute(trx);
      const n = Number(r.numAffectedRows ?? 0);
      steps.push({ name, rows: n, ms: performance.now() - t });
      if (table) rows[table] = (rows[table] ?? 0) + n;
    };

    // ---- Institutions and what publishing needs (INST-8, NUM-8) -----------------------------------
    await step(
      'institutions',
      'institutions',
      sql`insert into institutions (id, code, name, kind, head_personal_code_hash, smir_refreshed_at)
          select ${id('i', ref('i'))}, ${codePrefix} || lpad(i::text, 5, '0'),
                 case when free then ${textArray(FEMALE_FIRST)}[1 + i % 10] || ' ' || ${textArray(FEMALE_LAST)}[1 + (i / 10) % 10]
                      else (array['UAB', 'VšĮ', 'MB', 'Asociacija'])[1 + i % 4] || ' „' || ${textArray(CITIES)}[1 + i % 10] || ' '
                           || (array['mokymo centras', 'profesinio tobulinimo centras', 'kalbų mokykla', 'kompetencijų centras'])[1 + (i / 4) % 4]
                           || ' Nr. ' || (i + 1) || '“' end,
                 case when free then 'LAISVASIS_MOKYTOJAS' else 'JURIDINIS' end,
                 encode(sha256(convert_to(${key} || 'head:' || i, 'UTF8')), 'hex'),
                 ${T}::timestamp at time zone ${VILNIUS}
          from (select i, ${rnd('free', ref('i'))} < 0.1 as free from generate_series(0, ${I - 1}) as i) s`,
    );
    await step(
      'institution info',
      'institution_info',
      sql`insert into institution_info (institution_id, description, contact_first_name, contact_last_name, contact_position,
                                        contact_phone, contact_email, iban, bank_name)
          select id, 'Mokymo teikėjas, vykdantis neformaliojo suaugusiųjų švietimo programas.',
                 ${textArray(FEMALE_FIRST)}[1 + n % 10], ${textArray(FEMALE_LAST)}[1 + (n / 10) % 10], 'Direktorė',
                 '+3706' || lpad((n % 10000000)::text, 7, '0'), 'info' || code || '@teikejai.example.lt',
                 -- A valid Lithuanian IBAN (ISO 13616 check digits: the BBAN, then 'LT00' as digits, mod 97).
                 'LT' || lpad((98 - ((bban || '212900')::numeric % 97))::int::text, 2, '0') || bban, 'AB Swedbank'
          from (select id, code, right(code, 5)::int as n, '73000' || lpad(code, 11, '0') as bban
                from institutions where id in ${ofRun}) s`,
    );
    await step(
      'contract numbering stages',
      'contract_numbering_stages',
      sql`insert into contract_numbering_stages (id, institution_id, effective_from, start_number, prefix, suffix, number_format)
          select ${id('stage', ref('id'))}, id, '2020-01-01', 1, '', '', '000000' from institutions where id in ${ofRun}`,
    );
    // The head's administrator (signs contracts, CON-5), an employee, and an employee invited but not yet confirmed.
    await step(
      'institution users',
      'institution_users',
      sql`insert into institution_users (id, institution_id, first_name, last_name, email, rights, status, personal_code_hash,
                                         phone, position, signing_document, confirmed_at)
          select ${id('u', sql`s.id::text || k`)}, s.id,
                 case when (n + k) % 2 = 0 then ${textArray(FEMALE_FIRST)}[1 + (n + k) % 10] else ${textArray(MALE_FIRST)}[1 + (n + k) % 10] end,
                 case when (n + k) % 2 = 0 then ${textArray(FEMALE_LAST)}[1 + (n / 10 + k) % 10] else ${textArray(MALE_LAST)}[1 + (n / 10 + k) % 10] end,
                 'naudotojas' || k || '.' || s.code || '@teikejai.example.lt',
                 case k when 0 then array['ADMINISTRATORIUS', 'SUTARCIU_PASIRASYMAS'] else array['DARBUOTOJAS'] end,
                 case k when 2 then 'INVITED' else 'ACTIVE' end,
                 encode(sha256(convert_to(${key} || 'user:' || s.id || k, 'UTF8')), 'hex'),
                 '+3706' || lpad(((n * 3 + k) % 10000000)::text, 7, '0'),
                 case k when 0 then 'Direktorius' else 'Mokymų koordinatorius' end,
                 case k when 0 then 'Direktoriaus įsakymas Nr. V-' || (n + 1) end,
                 case when k < 2 then ${T}::timestamp at time zone ${VILNIUS} - interval '300 days' end
          from (select id, code, right(code, 5)::int as n from institutions where id in ${ofRun}) s
          cross join generate_series(0, 2) as k`,
    );
    await step(
      'user invitations',
      'user_invitations',
      sql`insert into user_invitations (institution_user_id, institution_id, expected_personal_code_hash, current_token_id, status, expires_at)
          select u.id, u.institution_id, u.personal_code_hash, md5(${key} || 'token:' || u.id), 'PENDING',
                 ${T}::timestamp at time zone ${VILNIUS} + interval '7 days'
          from institution_users u where u.status = 'INVITED' and u.institution_id in ${ofRun}`,
    );
    await step(
      'venues',
      'venues',
      sql`insert into venues (id, institution_id, name, address, municipality, city, street, building, postal_code)
          select ${id('v', sql`s.id::text || k`)}, s.id, 'Mokymo klasė ' || (k + 1),
                 street || ' ' || building || ', LT-' || postal || ' ' || city,
                 city || ' m. sav.', city, street, building, 'LT-' || postal
          from (select id, n, k, ${textArray(CITIES)}[1 + (n + k) % 10] as city,
                       (array['Gedimino pr.', 'Laisvės al.', 'Taikos pr.', 'Vilniaus g.', 'Dariaus ir Girėno g.'])[1 + (n / 10 + k) % 5] as street,
                       (1 + (n * 7 + k) % 120)::text as building, lpad(((n * 13 + k) % 99999)::text, 5, '0') as postal
                from (select id, right(code, 5)::int as n from institutions where id in ${ofRun}) i
                cross join generate_series(0, 1) as k) s`,
    );
    // Five active NŠPR programmes with groups and a suspended one without (PROG-1a, LIC-15's state).
    await step(
      'programmes',
      'programmes',
      sql`insert into programmes (id, institution_id, code, name, kind, languages, contact_hours, state, remarks)
          select ${id('p', sql`s.id::text || k`)}, s.id, 'NSP-' || s.code || '-' || k,
                 ${textArray(PROGRAMME_NAMES)}[1 + (n + k * 5) % ${PROGRAMME_NAMES.length}],
                 'NSPR', array['lietuvių'], (${sql.val(PROGRAMME_HOURS)}::int[])[1 + (n + k) % ${PROGRAMME_HOURS.length}],
                 case when k = ${PROGRAMMES_WITH_GROUPS} then 'SUSPENDED' else 'ACTIVE' end,
                 case when k = ${PROGRAMMES_WITH_GROUPS} then 'Mokymo programa sustabdyta.' end
          from (select id, code, right(code, 5)::int as n from institutions where id in ${ofRun}) s
          cross join generate_series(0, ${PROGRAMMES_WITH_GROUPS}) as k`,
    );
    await step(
      'programme execution info',
      'programme_execution_info',
      sql`insert into programme_execution_info (programme_id, institution_id, execution_specifics, contact_name, contact_phone, contact_email, payment_terms)
          select p.id, p.institution_id, 'Užsiėmimai vyksta darbo dienomis.', 'Rasa Kontaktinė', '+37060012345',
                 'programos@teikejai.example.lt', 'Mokama iš Individualios mokymosi sąskaitos.'
          from programmes p where p.institution_id in ${ofRun}`,
    );

    // ---- Training groups (L1) ---------------------------------------------------------------------
    // Group i: its institution (skewed: a few large providers, many small ones), programme, venue and
    // status; open groups first (the first `open` indexes), then closed ones. Dates follow the status
    // as seen on `today`: "Užbaigta"/"Nevykdoma" in the past, "Vykdoma" delivering now or signing its
    // contracts, "Skelbiama" with registration open, "Kuriama" in the future, "Sustabdyta" either way.
    await step(
      'training groups',
      'training_groups',
      sql`insert into training_groups (id, institution_id, programme_id, name, funding_sources, price, language, min_participants,
                                       max_participants, special_needs, venue_id, registration_start, registration_end, programme_start,
                                       programme_end, status, status_reason, version, registration_closes_at, programme_starts_at,
                                       contract_signing_started_at)
          select id, inst, programme, name, funding, price, 'lietuvių', min_p, max_p, special, venue, rs, re, ps, ps + sessions + 2,
                 status, case when status = 'Sustabdyta' then 'Lektorius suserga; mokymai sustabdyti iki bus rastas pavaduojantis lektorius.' end,
                 case status when 'Kuriama' then 1 when 'Skelbiama' then 4 when 'Vykdoma' then 8 when 'Nevykdoma' then 6
                             when 'Sustabdyta' then 9 else 12 end,
                 (re + 1)::timestamp at time zone ${VILNIUS}, ps::timestamp at time zone ${VILNIUS},
                 case when status in ('Vykdoma', 'Užbaigta') or (status = 'Sustabdyta' and ps <= ${T}) then (re + 1)::timestamp at time zone ${VILNIUS} end
          from (
            select d.*, coalesce(re0, least(ps - 7, ${T} - 1)) as re, coalesce(rs0, least(ps - 7, ${T} - 1) - 30) as rs
            from (
              select b.*,
                     case status
                       when 'Užbaigta' then ${T} - 30 - floor(ud * 300)::int
                       when 'Nevykdoma' then ${T} - 1 - floor(ud * 330)::int
                       when 'Vykdoma' then case when ud < 0.7 then ${T} - floor(ud / 0.7 * sessions)::int else ${T} + 1 + floor((ud - 0.7) / 0.3 * 6)::int end
                       when 'Skelbiama' then ${T} + floor(ud * 45)::int + 7
                       when 'Kuriama' then ${T} + 10 + floor(ud * 60)::int + 27
                       else case when ud < 0.5 then ${T} - floor(ud * 2 * sessions)::int else ${T} + floor((ud - 0.5) * 60)::int + 7 end
                     end as ps,
                     case when status = 'Skelbiama' or (status = 'Sustabdyta' and ud >= 0.5) then ${T} - floor(ud * 20)::int - 10
                          when status = 'Kuriama' then ${T} + 10 + floor(ud * 60)::int end as rs0,
                     case when status = 'Skelbiama' then ${T} + floor(ud * 45)::int
                          when status = 'Sustabdyta' and ud >= 0.5 then ${T} + floor((ud - 0.5) * 60)::int
                          when status = 'Kuriama' then ${T} + 30 + floor(ud * 60)::int end as re0
              from (
                select ${id('g', ref('i'))} as id, inst, ${id('p', sql`inst::text || k`)} as programme, ${id('v', sql`inst::text || (i % 2)`)} as venue,
                       ${textArray(CITIES)}[1 + (i / 3) % 10] || ' ' || ${textArray(TIMES)}[1 + i % 3] || ' grupė Nr. ' || (i + 1) as name,
                       case when ${rnd('gf', ref('i'))} < 0.7 then array['IMP_KREPSELIS'] else array['IMP_KREPSELIS', 'ASMENINES_LESOS'] end as funding,
                       (100 + floor(${rnd('gc', ref('i'))} * 17) * 50)::numeric(12, 2) as price,
                       4 + floor(${rnd('gm', ref('i'))} * 4)::int as min_p, 12 + floor(${rnd('gx', ref('i'))} * 19)::int as max_p,
                       ${rnd('gn', ref('i'))} < 0.05 as special, ud,
                       (${sql.val(PROGRAMME_HOURS)}::int[])[1 + (n + k) % ${PROGRAMME_HOURS.length}] / 4 as sessions,
                       case when i < ${open} then
                              case when us < 0.36 then 'Vykdoma' when us < 0.72 then 'Skelbiama' when us < 0.96 then 'Kuriama' else 'Sustabdyta' end
                            else case when us < 0.84 then 'Užbaigta' else 'Nevykdoma' end
                       end as status
                from (
                  select i, ${id('i', sql`floor(${I} * power(${rnd('gi', ref('i'))}, 2))::int`)} as inst,
                         floor(${I} * power(${rnd('gi', ref('i'))}, 2))::int as n,
                         floor(${rnd('gp', ref('i'))} * ${PROGRAMMES_WITH_GROUPS})::int as k,
                         ${rnd('gs', ref('i'))} as us, ${rnd('gd', ref('i'))} as ud
                  from generate_series(0, ${G - 1}) as i
                ) a
              ) b
            ) d
          ) e`,
    );
    // One lecturer per group (LECT-*), so no lecturer is ever booked twice (group_sessions_lecturer_no_overlap).
    await step(
      'lecturers',
      'lecturers',
      sql`insert into lecturers (id, institution_id, first_name, last_name, email, phone, active, requirements, publish_consent)
          select ${id('l', ref('g.id'))}, g.institution_id,
                 case when n % 2 = 0 then ${textArray(FEMALE_FIRST)}[1 + n % 10] else ${textArray(MALE_FIRST)}[1 + n % 10] end,
                 case when n % 2 = 0 then ${textArray(FEMALE_LAST)}[1 + (n / 10) % 10] else ${textArray(MALE_LAST)}[1 + (n / 10) % 10] end,
                 'lektorius' || n || '@lektoriai.example.lt', null, true, array['KVALIFIKACIJA', 'PATIRTIS'], n % 3 <> 0
          from (select id, institution_id, row_number() over (order by id) as n from training_groups where id in ${groupsOfRun}) g`,
    );
    // "Tvarkaraštis": every group but a draft has its whole programme planned, one 4-hour session a day
    // from its start (a draft half of it); sessions of a group that was not delivered free their lecturer.
    await step(
      'group sessions',
      'group_sessions',
      sql`insert into group_sessions (institution_id, group_id, session_date, start_time, duration_minutes, mode, venue_id, auditorium,
                                      lecturer_id, lecturer_busy)
          select g.institution_id, g.id, g.programme_start + k, case when g.name like '%rytinė%' then time '09:00' else time '17:00' end,
                 ${SESSION_MINUTES}, 'KONTAKTINIS', g.venue_id, '10' || (1 + k % 5), ${id('l', ref('g.id'))}, g.status <> 'Nevykdoma'
          from training_groups g
          join programmes p on p.id = g.programme_id
          cross join lateral generate_series(0, (p.contact_hours * 45 / ${SESSION_MINUTES})::int / (case when g.status = 'Kuriama' then 2 else 1 end) - 1) as k
          where g.id in ${groupsOfRun}`,
    );

    // ---- Participants and registrations (L2) ------------------------------------------------------
    await step(
      'participants',
      'participants',
      sql`insert into participants (id, person_key, first_name, last_name, email, phone, citizen, birth_date, registry_checked_at)
          select ${id('pt', ref('p'))}, encode(sha256(convert_to(${key} || 'person:' || p, 'UTF8')), 'hex'),
                 case when p % 2 = 0 then ${textArray(FEMALE_FIRST)}[1 + (p / 2) % 10] else ${textArray(MALE_FIRST)}[1 + (p / 2) % 10] end,
                 case when p % 2 = 0 then ${textArray(FEMALE_LAST)}[1 + (p / 20) % 10] else ${textArray(MALE_LAST)}[1 + (p / 20) % 10] end,
                 'dalyvis' || ${run} || '.' || p || '@dalyviai.example.lt', '+3706' || lpad((p % 10000000)::text, 7, '0'),
                 p % 31 <> 0, date '1960-01-01' + (p * 37) % 16000, ${T}::timestamp at time zone ${VILNIUS} - interval '30 days'
          from generate_series(0, ${people - 1}) as p`,
    );
    // R registrations shared among the groups that opened registration, in proportion to a weight per
    // group (integer, so the shares add up to R exactly); each registration's status follows its
    // group's stage, and a group never holds more active registrations than its maximum (GRP-41).
    await step(
      'registrations',
      'group_registrations',
      sql`insert into group_registrations (id, group_id, institution_id, person_key, first_name, last_name, email, phone, funding, status,
                                           status_reason, registered_at, updated_at, participant_id, decided_by, decided_at)
          select ${id('r', ref('r'))}, group_id, institution_id, pt.person_key, pt.first_name, pt.last_name, pt.email, pt.phone, funding,
                 status,
                 case status when 'REJECTED' then 'Pateikti dokumentai neatitinka reikalavimų.' when 'REMOVED' then 'Nelanko užsiėmimų.' end,
                 registered_at, registered_at + interval '1 day', pt.id,
                 case when status in ('APPROVED', 'CONTRACTED', 'REJECTED', 'REMOVED', 'DEREGISTERED_NO_CONTRACT') then ${id('u', sql`institution_id::text || 0`)} end,
                 case when status in ('APPROVED', 'CONTRACTED', 'REJECTED', 'REMOVED', 'DEREGISTERED_NO_CONTRACT') then registered_at + interval '1 day' end
          from (
            select c.*, case when active and sum(active::int) over (partition by group_id order by r) > max_p then 'WITHDRAWN' else provisional end as status
            from (
              select b.*, provisional in ('REGISTERED', 'APPROVED', 'CONTRACTED') as active
              from (
                select r0 + k as r, g.id as group_id, g.institution_id, g.max_p,
                       case when 'ASMENINES_LESOS' = any(g.funding_sources) and ${rnd('rf', sql`r0 + k`)} < 0.3 then 'ASMENINES_LESOS' else 'IMP_KREPSELIS' end as funding,
                       least(now(), (g.registration_start::timestamp at time zone ${VILNIUS})
                         + (least(g.registration_end, ${T}) - g.registration_start + 1) * interval '1 day' * ${rnd('rt', sql`r0 + k`)}) as registered_at,
                       case stage
                         when 'open' then case when u < 0.08 then 'WITHDRAWN' when u < 0.12 then 'REJECTED' when u < 0.45 then 'APPROVED' else 'REGISTERED' end
                         when 'signing' then case when u < 0.07 then 'WITHDRAWN' when u < 0.11 then 'REJECTED' when u < 0.13 then 'REMOVED'
                                                  when u < 0.6 then 'CONTRACTED' else 'APPROVED' end
                         when 'started' then case when u < 0.07 then 'WITHDRAWN' when u < 0.11 then 'REJECTED' when u < 0.13 then 'REMOVED'
                                                  when u < 0.2 then 'DEREGISTERED_NO_CONTRACT' else 'CONTRACTED' end
                         else case when u < 0.1 then 'WITHDRAWN' when u < 0.15 then 'REJECTED' else 'DEREGISTERED_NOT_FORMED' end
                       end as provisional
                from (
                  select w.*, floor((cw - weight) * ${R}::bigint / total)::bigint as r0,
                         floor(cw * ${R}::bigint / total)::bigint - floor((cw - weight) * ${R}::bigint / total)::bigint as n
                  from (
                    select g.*, sum(weight) over (order by g.id) as cw, sum(weight) over () as total
                    from (
                      select g.id, g.institution_id, g.max_participants as max_p, g.funding_sources, g.registration_start, g.registration_end,
                             case when g.status = 'Nevykdoma' then 'notformed'
                                  when g.status in ('Skelbiama', 'Sustabdyta') and g.programme_start > ${T} then 'open'
                                  when g.status = 'Vykdoma' and g.programme_start > ${T} then 'signing'
                                  else 'started' end as stage,
                             case when g.status = 'Kuriama' then 0
                                  when g.status = 'Nevykdoma' then 300 + floor(${rnd('rw', ref('g.id'))} * 400)::bigint
                                  else 700 + floor(${rnd('rw', ref('g.id'))} * 600)::bigint end as weight
                      from training_groups g where g.id in ${groupsOfRun}
                    ) g
                  ) w where total > 0
                ) g
                cross join lateral generate_series(0, g.n - 1) as k
                cross join lateral (select ${rnd('rs', sql`r0 + k`)} as u) x
              ) b
            ) c
          ) s
          join participants pt on pt.id = ${id('pt', sql`(r * ${PERSON_STRIDE}::bigint) % ${people}`)}`,
    );
    // The counters the group workflow keeps (GRP-46): active registrations and signed contracts.
    await step(
      'group counters',
      null,
      sql`update training_groups g set active_registrations = c.active, signed_contracts = c.signed
          from (select group_id, count(*) filter (where status in ('REGISTERED', 'APPROVED', 'CONTRACTED'))::int as active,
                       count(*) filter (where status = 'CONTRACTED')::int as signed
                from group_registrations where group_id in ${groupsOfRun} group by group_id) c
          where g.id = c.group_id`,
    );

    // ---- Learning contracts (L5), completion (L6) -------------------------------------------------
    // A contract for whoever got to signing: signed by both (in force, completed in finished groups),
    // awaiting signatures while the group signs, void when unsigned at the start (CON-25).
    await step(
      'learning contracts',
      'learning_contracts',
      sql`insert into learning_contracts (id, institution_id, group_id, programme_id, participant_id, version, phase, participant_status,
                                          provider_status, signing_deadline, number, dated_on, number_stage_id, number_source,
                                          participant_signed_at, provider_signed_at, provider_signer_user_id, provider_signer_name,
                                          provider_signer_authority, voided_at, started_at, completed_at, assessment, assessment_confirmed_at,
                                          questionnaire_filled_at, questionnaire_closes_at, created_at, updated_at)
          select r.id, r.institution_id, r.group_id, g.programme_id, r.participant_id, 3,
                 case r.status when 'CONTRACTED' then 'GALIOJA' when 'APPROVED' then 'PASIRASOMA' else 'NEGALIOJA' end,
                 case r.status when 'CONTRACTED' then 'PASIRASYTA' when 'APPROVED' then case when u < 0.5 then 'PASIRASYTA' else 'LAUKIA_PARASO' end
                               else 'NEGALIOJA' end,
                 case r.status when 'CONTRACTED' then 'PASIRASYTA' when 'APPROVED' then 'LAUKIA_PARASO' else 'NEGALIOJA' end,
                 g.programme_starts_at,
                 ${padded(sql`row_number() over (partition by r.institution_id order by g.registration_closes_at, r.id)`)},
                 g.registration_end + 1, ${id('stage', ref('r.institution_id'))}, 'NUMERACIJA',
                 case when r.status = 'CONTRACTED' or (r.status = 'APPROVED' and u < 0.5) then g.registration_closes_at + interval '1 day' end,
                 case when r.status = 'CONTRACTED' then g.registration_closes_at + interval '2 days' end,
                 case when r.status = 'CONTRACTED' then ${id('u', sql`r.institution_id::text || 0`)} end,
                 case when r.status = 'CONTRACTED' then a.first_name || ' ' || a.last_name end,
                 case when r.status = 'CONTRACTED' then a.signing_document end,
                 case when r.status = 'DEREGISTERED_NO_CONTRACT' then g.programme_starts_at end,
                 case when r.status = 'CONTRACTED' and g.programme_start <= ${T} then g.programme_starts_at end,
                 case when done then (g.programme_end::timestamp at time zone ${VILNIUS}) + interval '16 hours' end,
                 case when done then case when u < 0.93 then 'ISKAITYTA' else 'NEISKAITYTA' end end,
                 case when done then (g.programme_end::timestamp at time zone ${VILNIUS}) + interval '1 day 10 hours' end,
                 case when done and ${rnd('qf', ref('r.id'))} < 0.65 then (g.programme_end::timestamp at time zone ${VILNIUS}) + interval '3 days 12 hours' end,
                 case when done then (g.programme_end::timestamp at time zone ${VILNIUS}) + interval '31 days' end,
                 g.registration_closes_at, g.registration_closes_at + interval '2 days'
          from (select r.*, ${rnd('cu', ref('r.id'))} as u from group_registrations r where r.group_id in ${groupsOfRun}) r
          join training_groups g on g.id = r.group_id
          join institution_users a on a.id = ${id('u', sql`r.institution_id::text || 0`)}
          cross join lateral (select r.status = 'CONTRACTED' and g.status = 'Užbaigta' as done) d
          where r.status in ('CONTRACTED', 'DEREGISTERED_NO_CONTRACT')
             or (r.status = 'APPROVED' and g.status = 'Vykdoma' and g.programme_start > ${T})`,
    );
    await step(
      'numbering stages used',
      null,
      sql`update contract_numbering_stages s set issued_count = c.n, first_used_at = c.first
          from (select number_stage_id, count(*)::int as n, min(created_at) as first from learning_contracts
                where institution_id in ${ofRun} group by number_stage_id) c
          where s.id = c.number_stage_id`,
    );
    // DONE-9, DONE-10: the certificate of a passed, confirmed participant who filled in the questionnaire,
    // issued the next day, numbered on from the year's counter; its PDF in stored_files (a stand-in).
    const certificates = sql`
      select c.*, 'KURSUOK-' || c.year || '-' || ${padded(sql`coalesce(k.last, 0) + row_number() over (partition by c.year order by c.issued_on, c.id)`)} as number
      from (
        select lc.id, lc.institution_id, lc.group_id, lc.programme_id, lc.participant_id,
               (lc.questionnaire_filled_at at time zone ${VILNIUS})::date + 1 as issued_on,
               extract(year from (lc.questionnaire_filled_at at time zone ${VILNIUS})::date + 1)::int as year,
               substr(md5(${key} || 'verify:' || lc.id) || md5(${key} || 'verify2:' || lc.id), 1, 32) as verification_code
        from learning_contracts lc
        where lc.institution_id in ${ofRun} and lc.assessment = 'ISKAITYTA' and lc.assessment_confirmed_at is not null
          and lc.questionnaire_filled_at is not null
      ) c left join certificate_number_counters k on k.year = c.year`;
    await step(
      'certificate files',
      'stored_files',
      sql`insert into stored_files (id, institution_id, purpose, sha256, size, content_type, original_name, download_name, created_at, content)
          select ${id('f', ref('c.id'))}, c.institution_id, 'CERTIFICATE', encode(sha256(bytes), 'hex'), octet_length(bytes), 'application/pdf',
                 c.number || '.pdf', c.number || '.pdf', (c.issued_on::timestamp at time zone ${VILNIUS}) + interval '2 hours', bytes
          from (${certificates}) c
          cross join lateral (select convert_to('%PDF-1.7' || chr(10) || '% KURSUOK pažymėjimas ' || c.number || chr(10) || '%%EOF', 'UTF8') as bytes) b`,
    );
    await step(
      'certificates',
      'certificates',
      sql`insert into certificates (contract_id, institution_id, group_id, programme_id, participant_id, number, verification_code, data, file_id,
                                    file_sha256, issued_on, generated_at)
          select c.id, c.institution_id, c.group_id, c.programme_id, c.participant_id, c.number, c.verification_code,
                 jsonb_build_object(
                   'template', 1, 'number', c.number, 'issuedOn', c.issued_on,
                   'generatedAt', to_char(((c.issued_on::timestamp at time zone ${VILNIUS}) + interval '2 hours') at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS".000Z"'),
                   'verificationCode', c.verification_code, 'verificationUrl', 'http://localhost:3000/kursuok/pazymejimai/' || c.verification_code,
                   'participant', jsonb_build_object('firstName', pt.first_name, 'lastName', pt.last_name, 'birthDate', pt.birth_date),
                   'programme', jsonb_build_object('code', p.code, 'name', p.name,
                                                   'kindLabel', 'Neformaliojo suaugusiųjų švietimo ir tęstinio mokymosi programa',
                                                   'contactHours', p.contact_hours, 'totalHours', null),
                   'group', jsonb_build_object('name', g.name, 'programmeStart', g.programme_start, 'programmeEnd', g.programme_end),
                   'assessment', jsonb_build_object('formatLabel', 'Įskaita', 'result', 'Įskaityta'),
                   'institution', jsonb_build_object('name', i.name, 'code', i.code,
                                                     'contactPerson', jsonb_build_object('firstName', ii.contact_first_name,
                                                                                         'lastName', ii.contact_last_name,
                                                                                         'position', ii.contact_position))),
                 f.id, f.sha256, c.issued_on, f.created_at
          from (${certificates}) c
          join stored_files f on f.id = ${id('f', ref('c.id'))}
          join participants pt on pt.id = c.participant_id
          join programmes p on p.id = c.programme_id
          join training_groups g on g.id = c.group_id
          join institutions i on i.id = c.institution_id
          join institution_info ii on ii.institution_id = c.institution_id`,
    );
    await step(
      'certificate counters',
      null,
      sql`insert into certificate_number_counters (year, last)
          select extract(year from issued_on)::int, max(split_part(number, '-', 3)::int) from certificates
          where institution_id in ${ofRun} group by 1
          on conflict (year) do update set last = greatest(certificate_number_counters.last, excluded.last)`,
    );
    // PORTAL-8: the questionnaires filled in, kept apart from who filled them.
    await step(
      'questionnaire answers',
      'questionnaire_answers',
      sql`insert into questionnaire_answers (institution_id, programme_id, group_id, usefulness, lecturers, organisation, materials, overall, comment,
                                             submitted_on)
          select institution_id, programme_id, group_id, ${score('q1')}, ${score('q2')}, ${score('q3')}, ${score('q4')}, ${score('q5')},
                 case when ${rnd('qc', ref('id'))} < 0.2 then 'Naudingi mokymai, rekomenduočiau kolegoms.' end,
                 (questionnaire_filled_at at time zone ${VILNIUS})::date
          from learning_contracts
          where institution_id in ${ofRun} and questionnaire_filled_at is not null`,
    );
  });
  const ms = performance.now() - started;
  // Fresh statistics, so the first queries of a benchmark plan as they will later.
  await sql`analyze`.execute(db);
  return { run, codePrefix, today, steps, rows, totalRows: Object.values(rows).reduce((a, b) => a + b, 0), ms };
}

function whole(n: number, what: string, min: number, max: number): number {
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${what} must be a whole number from ${min} to ${max}, not ${n}`);
  return n;
}

/** A run key no institution code of this database starts with yet. */
async function freeRun(db: Db | Tx): Promise<string> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const run = String(1000 + Math.floor(Math.random() * 9000));
    const taken = await sql<{ n: number }>`select count(*)::int as n from institutions where code like ${`${run}_____`}`.execute(db);
    if (taken.rows[0]!.n === 0) return run;
  }
  throw new Error('no free run key for the national seed');
}
