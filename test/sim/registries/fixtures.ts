// The registry simulator's data: generated once per process, on first use, from fixed seeds, so
// every machine and every start sees the same institutions, programmes and people. Each section
// has its own seed: adding to one does not reshuffle the others. The hand-written records of the
// VIISP test people and legal entities (smir-data.ts, TEST_* below) are part of it, consistently:
// the demo institution's programmes and venues match db/seed/demo.ts.
import type { PersonEducation } from '../../../activities/registries/diplomas.ts';
import type { EducationDocument, EducationLevel } from '../../../workflows/domain/education.ts';
import type { Licence, LicenceVenue } from '../../../activities/registries/licenses.ts';
import type { NsprProgramme } from '../../../workflows/domain/nspr-programme.ts';
import type { SmirFreeTeacher, SmirInstitution } from '../../../activities/registries/smir.ts';
import type { SmpkrModule, SmpkrModuleEntry, SmpkrProgramme } from '../../../activities/registries/smpkr.ts';
import type { StudentContract } from '../../../activities/registries/students.ts';
import type { Coupon, CouponStatus } from '../../../activities/registries/uzt.ts';
import { personalCodeCheckDigit, TEST_LEGAL_ENTITIES as E, TEST_PEOPLE as P, VIISP_PEOPLE } from '../viisp/people.ts';
import {
  ascii,
  BRAND_INSTITUTIONS,
  CITIES,
  COLLEGES,
  COMPANIES,
  ELECTIVE_MODULES,
  FEMALE_NAMES,
  feminineSurname,
  FINAL_MODULE,
  GENERAL_MODULES,
  GYMNASIUMS,
  INSTITUTION_FIELDS,
  INSTITUTION_TYPES,
  MALE_NAMES,
  NSPR_TOPICS,
  QUALIFICATIONS,
  STREETS,
  STUDY_PROGRAMMES,
  SURNAMES,
  TARGET_GROUPS,
  UNIVERSITIES,
  UZT_OFFICES,
  VET_SCHOOLS,
  type City,
  type Qualification,
} from './lt-data.ts';
import { createRandom, hashString, type Random } from './random.ts';
import { SMIR_FREE_TEACHERS, SMIR_INSTITUTIONS } from './smir-data.ts';

/** How much is generated (REQUIREMENTS: enough for lists, filters and the benchmark to mean something). */
const FIXTURE_SIZE = {
  institutions: 56,
  freeTeachers: 20,
  persons: 2_000,
  nsprProgrammes: 240,
  studentContracts: 400,
  coupons: 200,
} as const;

interface SimPerson {
  personalCode: string;
  givenName: string;
  familyName: string;
  female: boolean;
  birthDate: string;
  city: string;
  email: string;
  phone: string;
}

export interface EmploymentRecord {
  employed: boolean;
  employer: { code: string; name: string } | null;
  insuredSince: string | null;
}

interface RegistryFixtures {
  /** Generated people (the VIISP test people are not among them). */
  persons: SimPerson[];
  smir: { institutions: Map<string, SmirInstitution>; freeTeachers: Map<string, SmirFreeTeacher> };
  nspr: Map<string, NsprProgramme>;
  smpkr: { programmes: Map<string, SmpkrProgramme>; modules: Map<string, SmpkrModuleEntry> };
  licences: Map<string, Licence>;
  students: StudentContract[];
  diplomas: Map<string, PersonEducation>;
  sodra: Map<string, EmploymentRecord>;
  coupons: Map<string, Coupon>;
}

const rngFor = (section: string) => createRandom(hashString(`kursuok-registries:${section}`));

const pad = (n: number, width: number) => String(n).padStart(width, '0');

function weightedCity(r: Random): City {
  return r.weighted(CITIES.map((c) => [c, c.weight] as const));
}

function address(r: Random, city: City, apartment = false): string {
  const house = `${r.int(1, 160)}${r.chance(0.12) ? r.pick(['A', 'B', 'C']) : ''}`;
  const flat = apartment && r.chance(0.7) ? `-${r.int(1, 90)}` : '';
  return `${r.pick(STREETS)} ${house}${flat}, LT-${r.pick(city.post)}${r.digits(3)} ${city.name}`;
}

function landline(r: Random, city: City): string {
  const local = r.digits(8 - city.area.length);
  if (city.area.length === 1) return `+370 ${city.area} ${local.slice(0, 3)} ${local.slice(3)}`;
  if (city.area.length === 2) return `+370 ${city.area} ${local.slice(0, 3)} ${local.slice(3)}`;
  return `+370 ${city.area} ${local.slice(0, 2)} ${local.slice(2)}`;
}

const mobile = (r: Random) => `+370 6${r.digits(2)} ${r.digits(5)}`;

const emailLocal = (given: string, family: string) => `${ascii(given)}.${ascii(family)}`.toLowerCase().replace(/[^a-z.]/g, '');

function generatePersons(): SimPerson[] {
  const r = rngFor('persons');
  const taken = new Set<string>(VIISP_PEOPLE.map((p) => p.personalCode));
  const persons: SimPerson[] = [];
  while (persons.length < FIXTURE_SIZE.persons) {
    const female = r.chance(0.53);
    const birthDate = r.date('1958-01-01', '2005-12-31');
    const year = Number(birthDate.slice(0, 4));
    const first = year >= 2000 ? (female ? 6 : 5) : female ? 4 : 3;
    const ten = `${first}${birthDate.slice(2, 4)}${birthDate.slice(5, 7)}${birthDate.slice(8, 10)}${r.digits(3)}`;
    const personalCode = `${ten}${personalCodeCheckDigit(ten)}`;
    if (taken.has(personalCode)) continue;
    taken.add(personalCode);
    const givenName = r.pick(female ? FEMALE_NAMES : MALE_NAMES);
    const surname = r.pick(SURNAMES);
    const familyName = female ? feminineSurname(surname, r.chance(year < 1995 ? 0.75 : 0.2)) : surname;
    const city = weightedCity(r);
    const suffix = r.chance(0.35) ? String(r.int(1, 99)) : '';
    const email = `${emailLocal(givenName, familyName)}${suffix}@${r.pick(['gmail.com', 'pastas.lt', 'inbox.lt', 'yahoo.com', 'one.lt'])}`;
    persons.push({ personalCode, givenName, familyName, female, birthDate, city: city.name, email, phone: mobile(r) });
  }
  return persons;
}

function initials(name: string): string {
  return name
    .replace(/[„“"]/g, '')
    .split(/\s+/)
    .filter((w) => w && w !== 'ir')
    .map((w) => (w[0] as string).toLocaleUpperCase('lt'))
    .join('');
}

interface GeneratedInstitution {
  record: SmirInstitution;
  city: City;
  vocational: boolean;
}

function generateInstitutions(persons: readonly SimPerson[]): GeneratedInstitution[] {
  const r = rngFor('institutions');
  const codes = new Set<string>(Object.values(E).map((e) => e.code));
  const names = new Set<string>(SMIR_INSTITUTIONS.map((i) => i.name));
  const domains = new Set<string>();
  const out: GeneratedInstitution[] = [];
  const heads = persons.filter((p) => p.birthDate < '1992-01-01');
  let brand = 0;
  while (out.length < FIXTURE_SIZE.institutions) {
    const city = weightedCity(r);
    let name: string;
    let nameEn: string;
    let legalForm: string;
    let vocational: boolean;
    if (brand < BRAND_INSTITUTIONS.length && r.chance(0.15)) {
      [name, nameEn] = BRAND_INSTITUTIONS[brand++] as readonly [string, string];
      legalForm = 'Viešoji įstaiga';
      vocational = r.chance(0.4);
    } else {
      const type = r.pick(INSTITUTION_TYPES);
      const [field, fieldEn] = r.pick(INSTITUTION_FIELDS);
      name = type.withField ? `${city.genitive} ${field} ${type.lt}` : `${city.genitive} ${type.lt}`;
      nameEn = type.withField ? `${city.en} ${fieldEn} ${type.en}` : `${city.en} ${type.en}`;
      legalForm = type.legalForm;
      vocational = type.vocational;
    }
    if (names.has(name)) continue;
    names.add(name);
    let code: string;
    do code = legalForm === 'Biudžetinė įstaiga' ? `19${r.digits(7)}` : `30${r.int(2, 6)}${r.digits(6)}`;
    while (codes.has(code));
    codes.add(code);
    const abbreviation = initials(name);
    let domain = `${ascii(abbreviation).toLowerCase()}.lt`;
    if (domains.has(domain)) domain = `${ascii(abbreviation).toLowerCase()}-${ascii(city.name).toLowerCase()}.lt`;
    for (let n = 2; domains.has(domain); n++) domain = `${ascii(abbreviation).toLowerCase()}${n}.lt`;
    domains.add(domain);
    const head = heads[out.length % heads.length] as SimPerson;
    out.push({
      city,
      vocational,
      record: {
        code,
        name,
        nameEn: r.chance(0.9) ? nameEn : '',
        abbreviation,
        legalForm,
        address: address(r, city),
        email: `${r.pick(['info', 'administracija', 'rastine', 'mokymai'])}@${domain}`,
        website: r.chance(0.95) ? `https://www.${domain}` : '',
        phone: landline(r, city),
        headName: `${head.givenName} ${head.familyName}`,
        headEmail: `${emailLocal(head.givenName, head.familyName)}@${domain}`,
        headPhone: head.phone,
        lastEditedOn: r.date('2023-01-01', '2026-10-31'),
      },
    });
  }
  return out;
}

function generateFreeTeachers(persons: readonly SimPerson[]): SmirFreeTeacher[] {
  const r = rngFor('free-teachers');
  const adults = persons.filter((p) => p.birthDate < '1995-01-01').slice(200, 200 + FIXTURE_SIZE.freeTeachers);
  return adults.map((p) => {
    const city = CITIES.find((c) => c.name === p.city) as City;
    return { personalCode: p.personalCode, name: `${p.givenName} ${p.familyName}`, address: address(r, city, true), email: p.email };
  });
}

// ---------------------------------------------------------------------------------------------
// NŠPR

/** The demo seed's NŠPR programmes (db/seed/demo.ts), as NŠPR has them. */
const DEMO_NSPR: readonly (Pick<NsprProgramme, 'code' | 'name' | 'institutionCode' | 'field' | 'languages' | 'trainingMode'> & {
  contact: number;
  independent: number;
})[] = [
  {
    code: 'NSP-2024-0101',
    name: 'Skaitmeninis raštingumas pradedantiesiems',
    institutionCode: E.demo.code,
    field: 'Informacinės ir komunikacinės technologijos',
    languages: ['lietuvių', 'rusų'],
    trainingMode: 'KONTAKTINIS',
    contact: 40,
    independent: 10,
  },
  {
    code: 'NSP-2024-0202',
    name: 'Verslo anglų kalba (B1)',
    institutionCode: E.demo.code,
    field: 'Kalbos',
    languages: ['anglų', 'lietuvių'],
    trainingMode: 'MISRUS',
    contact: 60,
    independent: 20,
  },
  {
    code: 'NSP-2024-0303',
    name: 'Asmeninių finansų pagrindai',
    institutionCode: E.demo.code,
    field: 'Verslas ir vadyba',
    languages: ['lietuvių'],
    trainingMode: 'KONTAKTINIS',
    contact: 16,
    independent: 4,
  },
  {
    code: 'NSP-2024-0909',
    name: 'Kito teikėjo programa',
    institutionCode: E.other.code,
    field: 'Verslas ir vadyba',
    languages: ['lietuvių'],
    trainingMode: 'KONTAKTINIS',
    contact: 24,
    independent: 6,
  },
];

/**
 * "Mokymo būdas" of a generated programme, derived from its code (not from the shared random
 * sequence, so every other generated value stays as it was); one in ten has none, as older records.
 */
function nsprTrainingMode(code: string): NsprProgramme['trainingMode'] {
  const h = hashString(`mode:${code}`) % 10;
  return h === 0 ? null : h <= 5 ? 'KONTAKTINIS' : h <= 7 ? 'NUOTOLINIS_SINCHRONINIS' : 'MISRUS';
}

function nsprDescription(name: string, field: string): string {
  return `Programos tikslas – suteikti dalyviams žinių ir praktinių įgūdžių tema „${name}“ (${field.toLocaleLowerCase('lt')}), reikalingų darbui ir tolesniam mokymuisi.`;
}

function generateNspr(institutions: readonly GeneratedInstitution[]): NsprProgramme[] {
  const r = rngFor('nspr');
  const codes = new Set<string>(DEMO_NSPR.map((p) => p.code));
  const out: NsprProgramme[] = DEMO_NSPR.map((p) => ({
    code: p.code,
    name: p.name,
    institutionCode: p.institutionCode,
    description: nsprDescription(p.name, p.field),
    field: p.field,
    targetGroup: 'Dirbantys suaugusieji',
    languages: [...p.languages],
    hours: { contact: p.contact, independent: p.independent, total: p.contact + p.independent },
    trainingMode: p.trainingMode,
    impAdapted: true,
    kpmpc: { result: 'POSITIVE', decidedOn: '2024-03-18', decisionNumber: 'KV-2024-031' },
    status: 'ACTIVE',
    registeredOn: '2024-02-12',
    suspendedOn: null,
    deregisteredOn: null,
    statusReason: null,
    lastEditedOn: '2024-03-18',
  }));
  // Owners: a few more for the demo institutions, none for the one the invitation test creates.
  const owners: string[] = [
    E.demo.code,
    E.demo.code,
    E.demo.code,
    E.demo.code,
    E.other.code,
    E.other.code,
    E.newInSmir.code,
    E.newInSmir.code,
  ];
  for (const inst of institutions) for (let i = r.int(2, 6); i > 0; i--) owners.push(inst.record.code);
  let k = 0;
  while (out.length < FIXTURE_SIZE.nsprProgrammes) {
    const institutionCode = owners[k++ % owners.length] as string;
    const topic = r.pick(NSPR_TOPICS);
    const registeredOn = r.date('2019-01-01', '2026-09-30');
    const year = registeredOn.slice(0, 4);
    let code: string;
    do code = `NSP-${year}-${r.digits(4)}`;
    while (codes.has(code));
    codes.add(code);
    const languages = topic.language
      ? [...new Set([topic.language, 'lietuvių'])]
      : r.chance(0.75)
        ? ['lietuvių']
        : ['lietuvių', r.pick(['anglų', 'rusų', 'lenkų', 'ukrainiečių'])];
    const contact = r.pick([16, 24, 30, 36, 40, 48, 60, 72, 80, 120]);
    const independent = r.int(0, Math.floor(contact / 2));
    const status = r.weighted([
      ['ACTIVE', 84],
      ['SUSPENDED', 8],
      ['DEREGISTERED', 8],
    ] as const);
    const kpmpcResult = r.weighted([
      ['POSITIVE', 80],
      ['PENDING', 12],
      ['NEGATIVE', 8],
    ] as const);
    const decidedOn = kpmpcResult === 'PENDING' ? null : r.date(registeredOn, '2026-10-31');
    const statusOn = status === 'ACTIVE' ? null : r.date(registeredOn, '2026-11-20');
    const reasons = {
      SUSPENDED: ['Programa sustabdyta teikėjo prašymu.', 'Programa sustabdyta KPMPC sprendimu dėl stebėsenos rezultatų.'],
      DEREGISTERED: ['Programa išregistruota: baigėsi programos galiojimo terminas.', 'Programa išregistruota teikėjo prašymu.'],
    } as const;
    out.push({
      code,
      name: topic.name,
      institutionCode,
      description: nsprDescription(topic.name, topic.field),
      field: topic.field,
      targetGroup: r.pick(TARGET_GROUPS),
      languages,
      hours: { contact, independent, total: contact + independent },
      trainingMode: nsprTrainingMode(code),
      impAdapted: r.chance(0.9),
      kpmpc: { result: kpmpcResult, decidedOn, decisionNumber: decidedOn ? `KV-${decidedOn.slice(0, 4)}-${pad(r.int(1, 400), 3)}` : null },
      status,
      registeredOn,
      suspendedOn: status === 'SUSPENDED' ? statusOn : null,
      deregisteredOn: status === 'DEREGISTERED' ? statusOn : null,
      statusReason: status === 'ACTIVE' ? null : r.pick(reasons[status]),
      lastEditedOn: [registeredOn, decidedOn, statusOn]
        .filter((d): d is string => d !== null)
        .sort()
        .at(-1) as string,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// SMPKR

const HOURS_PER_CREDIT = 27;

function moduleOf(r: Random, code: string, name: string, credits: number, type: SmpkrModule['type']): SmpkrModule {
  const total = credits * HOURS_PER_CREDIT;
  const theory = Math.round(total * (0.25 + r.next() * 0.15));
  const independent = Math.round(total * (0.05 + r.next() * 0.15));
  return { code, name, credits, type, hours: { theory, practice: total - theory - independent, independent } };
}

function totals(modules: readonly SmpkrModule[]) {
  return {
    credits: modules.reduce((s, m) => s + m.credits, 0),
    hours: {
      theory: modules.reduce((s, m) => s + m.hours.theory, 0),
      practice: modules.reduce((s, m) => s + m.hours.practice, 0),
      independent: modules.reduce((s, m) => s + m.hours.independent, 0),
    },
  };
}

function generateSmpkr(): SmpkrProgramme[] {
  const r = rngFor('smpkr');
  const shared = new Map<string, SmpkrModule>();
  const sharedModule = (level: number, index: number, name: string, credits: number, type: SmpkrModule['type']) => {
    const code = `${level}000${pad(index, 3)}`;
    let m = shared.get(code);
    if (!m) {
      m = moduleOf(r, code, name, credits, type);
      shared.set(code, m);
    }
    return m;
  };
  const general = (level: number) => GENERAL_MODULES.map(([name, credits], i) => sharedModule(level, i + 1, name, credits, 'GENERAL'));
  const elective = (level: number, i: number) => sharedModule(level, 10 + i, ELECTIVE_MODULES[i] as string, 5, 'ELECTIVE');
  const final = (level: number) => sharedModule(level, 20, FINAL_MODULE, 10, 'MANDATORY');

  const out: SmpkrProgramme[] = [];
  const seqInField = new Map<string, number>();
  const common = (registeredOn: string) => ({
    status: r.chance(0.05) ? ('CANCELLED' as const) : ('ACTIVE' as const),
    registeredOn,
    lastEditedOn: r.date(registeredOn, '2026-10-31'),
  });
  QUALIFICATIONS.forEach((q: Qualification, qi) => {
    const seq = (seqInField.get(q.fieldCode) ?? 0) + 1;
    seqInField.set(q.fieldCode, seq);
    const competence = q.modules.map((name, mi) => {
      const code = `${q.level}${q.fieldCode}${pad(qi * 10 + mi + 1, 3)}`;
      const m = moduleOf(r, code, name, r.pick([10, 15, 15, 20]), 'MANDATORY');
      // The demo seed's "Apskaitos pagrindai" has 120 contact hours (db/seed/demo.ts).
      return name === 'Apskaitos pagrindai' ? { ...m, credits: 5, hours: { theory: 40, practice: 80, independent: 15 } } : m;
    });
    const prefix = `${q.level}${q.fieldCode}${pad(seq, 2)}`;
    const electives = r.sample([0, 1, 2], r.int(1, 2)).map((i) => elective(q.level, i));
    const initial = [...general(q.level), ...competence, ...electives, final(q.level)];
    out.push({
      code: `P${prefix}01`,
      name: `${q.genitive} modulinė profesinio mokymo programa`,
      kind: 'FORMAL_VET',
      formalStage: 'INITIAL',
      ltksLevel: q.level,
      qualification: q.name,
      educationField: q.field,
      ...totals(initial),
      entryRequirements: q.level >= 4 ? 'Vidurinis išsilavinimas' : 'Pagrindinis išsilavinimas',
      modules: initial,
      ...common(r.date('2015-01-01', '2023-12-31')),
    });
    const continuing = [...competence, final(q.level)];
    out.push({
      code: `T${prefix}01`,
      name: `${q.genitive} modulinė profesinio mokymo programa (tęstinis mokymas)`,
      kind: 'FORMAL_VET',
      formalStage: 'CONTINUING',
      ltksLevel: q.level,
      qualification: q.name,
      educationField: q.field,
      ...totals(continuing),
      entryRequirements: 'Vidurinis išsilavinimas; ankstesnė kvalifikacija ar darbo patirtis šioje srityje',
      modules: continuing,
      ...common(r.date('2016-01-01', '2024-12-31')),
    });
    competence.forEach((m, mi) => {
      // The demo seed's non-formal VET programme keeps its code (db/seed/demo.ts).
      const code = m.name === 'Apskaitos pagrindai' ? 'P43041101' : `N${prefix}${pad(mi + 1, 2)}`;
      const modules = r.chance(0.3) ? [m, general(q.level)[3] as SmpkrModule] : [m];
      out.push({
        code,
        name: m.name,
        kind: 'NONFORMAL_VET',
        formalStage: null,
        ltksLevel: q.level,
        qualification: '',
        educationField: q.field,
        ...totals(modules),
        entryRequirements: r.pick(['Nėra', 'Pagrindinis išsilavinimas', 'Vidurinis išsilavinimas']),
        modules,
        ...common(r.date('2018-01-01', '2025-12-31')),
      });
    });
    const upskilling = r.sample(competence, 2);
    out.push({
      code: `N${prefix}90`,
      name: `${q.genitive} kvalifikacijos tobulinimo programa`,
      kind: 'NONFORMAL_VET',
      formalStage: null,
      ltksLevel: q.level,
      qualification: '',
      educationField: q.field,
      ...totals(upskilling),
      entryRequirements: `Įgyta ${q.genitive.toLocaleLowerCase('lt')} kvalifikacija`,
      modules: upskilling,
      ...common(r.date('2018-01-01', '2025-12-31')),
    });
  });
  // The demo's programme is registered and active whatever the dice said.
  const demo = out.find((p) => p.code === 'P43041101');
  if (demo) Object.assign(demo, { status: 'ACTIVE', registeredOn: '2019-05-06', lastEditedOn: '2025-08-29' });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Licences

function generateLicences(institutions: readonly GeneratedInstitution[], smpkr: readonly SmpkrProgramme[]): Licence[] {
  const r = rngFor('licences');
  const active = smpkr.filter((p) => p.status === 'ACTIVE');
  const numbers = new Set<string>();
  const smirByCode = new Map(SMIR_INSTITUTIONS.map((i) => [i.code, i]));
  const licensees: { record: SmirInstitution; city: City; venues: string[]; must: string[] }[] = [
    {
      record: smirByCode.get(E.demo.code) as SmirInstitution,
      city: CITIES[0] as City,
      // db/seed/demo.ts's venue "Vilniaus mokymo centras", and a second one.
      venues: ['Gedimino pr. 1, LT-01103 Vilnius', 'Ukmergės g. 220, LT-07100 Vilnius'],
      must: ['P43041101'],
    },
    {
      record: smirByCode.get(E.other.code) as SmirInstitution,
      city: CITIES[1] as City,
      venues: ['Laisvės al. 10, LT-44240 Kaunas'],
      must: [],
    },
    ...institutions.filter((i) => i.vocational).map((i) => ({ record: i.record, city: i.city, venues: [i.record.address], must: [] })),
  ];
  const out: Licence[] = [];
  licensees.forEach((l, li) => {
    let number: string;
    do number = `PM-${r.digits(6)}`;
    while (numbers.has(number));
    numbers.add(number);
    const issuedOn = r.date('2016-01-01', '2024-06-30');
    const extraVenues =
      li < 2
        ? 0
        : r.weighted([
            [0, 5],
            [1, 3],
            [2, 1],
          ] as const);
    const venueAddresses = [...l.venues];
    for (let i = 0; i < extraVenues; i++) venueAddresses.push(address(r, l.city));
    const venues: LicenceVenue[] = venueAddresses.map((addr, vi) => {
      const chosen = r.sample(active, r.int(4, 12));
      for (const code of vi === 0 ? l.must : []) {
        const p = active.find((x) => x.code === code);
        if (p && !chosen.includes(p)) chosen.unshift(p);
      }
      return {
        id: `${number}-V${vi + 1}`,
        address: addr,
        municipality: l.city.municipality,
        programmes: chosen
          .map((p) => ({
            code: p.code,
            name: p.name,
            validFrom: r.date(issuedOn > p.registeredOn ? issuedOn : p.registeredOn, '2025-12-31'),
          }))
          .sort((a, b) => (a.code < b.code ? -1 : 1)),
      };
    });
    const status = li >= 2 && li % 11 === 5 ? 'SUSPENDED' : li >= 2 && li % 13 === 7 ? 'REVOKED' : 'VALID';
    out.push({ number, institutionCode: l.record.code, institutionName: l.record.name, issuedOn, status, venues });
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// People's registries: Mokinių registras, Diplomų registras, SoDra, UŽT

function generateStudents(persons: readonly SimPerson[], licences: readonly Licence[]): StudentContract[] {
  const r = rngFor('students');
  const valid = licences.filter((l) => l.status === 'VALID');
  const numbers = new Set<string>();
  const learners = persons.filter((p) => p.birthDate >= '1962-01-01' && p.birthDate <= '2008-01-01');
  const out: StudentContract[] = [];
  const add = (
    person: { personalCode: string },
    licence: Licence,
    programmeCode: string,
    validFrom: string,
    status: StudentContract['status'],
  ) => {
    const registeredOn = r.date(validFrom > '2024-01-01' ? validFrom : '2024-01-01', '2026-11-20');
    let contractNumber: string;
    do contractNumber = `MS-${registeredOn.slice(0, 4)}-${r.digits(6)}`;
    while (numbers.has(contractNumber));
    numbers.add(contractNumber);
    out.push({
      contractNumber,
      registeredOn,
      personalCode: person.personalCode,
      institutionCode: licence.institutionCode,
      programmeCode,
      status,
    });
  };
  // A test person with a contract at the demo institution for its SMPKR programme.
  const demoLicence = valid.find((l) => l.institutionCode === E.demo.code);
  const demoProgramme = demoLicence?.venues[0]?.programmes.find((p) => p.code === 'P43041101');
  if (demoLicence && demoProgramme) add(P.laura, demoLicence, demoProgramme.code, demoProgramme.validFrom, 'ACTIVE');
  while (out.length < FIXTURE_SIZE.studentContracts) {
    const licence = r.pick(valid);
    const venue = r.pick(licence.venues);
    if (venue.programmes.length === 0) continue;
    const programme = r.pick(venue.programmes);
    add(
      r.pick(learners),
      licence,
      programme.code,
      programme.validFrom,
      r.weighted([
        ['ACTIVE', 70],
        ['FINISHED', 20],
        ['TERMINATED', 10],
      ] as const),
    );
  }
  return out;
}

interface EducationProfile {
  level: EducationLevel | 'NONE';
  /** A study programme index, for higher education. */
  programme?: number;
}

/** The VIISP test people's education (DOC-2, DOC-3 paths): null = the register has no data. */
const TEST_EDUCATION: Record<keyof typeof P, EducationProfile | null> = {
  demoHead: { level: 'HIGHER_UNIVERSITY', programme: 2 },
  ruta: { level: 'HIGHER_UNIVERSITY', programme: 3 },
  tomas: { level: 'VOCATIONAL_QUALIFICATION' },
  asta: { level: 'HIGHER_UNIVERSITY', programme: 7 },
  ona: { level: 'HIGHER_UNIVERSITY', programme: 10 },
  olena: null,
  petras: { level: 'SECONDARY' },
  jonas: { level: 'HIGHER_COLLEGE', programme: 0 },
  laura: { level: 'HIGHER_COLLEGE', programme: 1 },
  algirdas: { level: 'HIGHER_UNIVERSITY', programme: 6 },
  ieva: { level: 'SECONDARY' },
  darius: { level: 'HIGHER_COLLEGE', programme: 4 },
  vaida: null,
  renata: null,
  kristina: null,
  egle: { level: 'HIGHER_UNIVERSITY', programme: 5 },
  mindaugas: { level: 'SECONDARY' },
  andrii: null,
  kestutis: { level: 'HIGHER_UNIVERSITY', programme: 8 },
  rasa: { level: 'HIGHER_UNIVERSITY', programme: 9 },
  jurgita: null,
  audrius: { level: 'HIGHER_UNIVERSITY', programme: 3 },
  giedre: { level: 'HIGHER_UNIVERSITY', programme: 10 },
  vytautas: { level: 'HIGHER_UNIVERSITY', programme: 4 },
  monika: { level: 'HIGHER_COLLEGE', programme: 2 },
  sigita: null,
  jurate: { level: 'HIGHER_COLLEGE', programme: 1 },
  paulius: { level: 'SECONDARY' },
  gintare: null,
  saulius: null,
  laima: { level: 'HIGHER_UNIVERSITY', programme: 6 },
};

function educationOf(
  r: Random,
  person: { personalCode: string; givenName: string; familyName: string; birthDate: string },
  profile: EducationProfile,
): PersonEducation {
  const birthYear = Number(person.birthDate.slice(0, 4));
  const at = (age: number) => {
    const year = Math.min(birthYear + age, 2026);
    return r.date(`${year}-06-01`, `${year}-07-15`);
  };
  const docs: EducationDocument[] = [];
  const number = () => r.digits(7);
  if (profile.level === 'BASIC') {
    docs.push({
      type: 'BASIC_EDUCATION_CERTIFICATE',
      series: 'P',
      number: number(),
      issuedOn: at(16),
      issuer: r.pick(GYMNASIUMS),
      programme: 'Pagrindinio ugdymo programa',
      qualification: '',
      level: 'BASIC',
    });
    return { personalCode: person.personalCode, givenName: person.givenName, familyName: person.familyName, documents: docs };
  }
  docs.push({
    type: 'MATURITY_CERTIFICATE',
    series: 'B',
    number: number(),
    issuedOn: at(18),
    issuer: r.pick(GYMNASIUMS),
    programme: 'Vidurinio ugdymo programa',
    qualification: '',
    level: 'SECONDARY',
  });
  const study = STUDY_PROGRAMMES[profile.programme ?? r.int(0, STUDY_PROGRAMMES.length - 1)] as readonly [string, string, string];
  const q = r.pick(QUALIFICATIONS);
  switch (profile.level) {
    case 'HIGHER_UNIVERSITY':
      docs.push({
        type: 'DIPLOMA',
        series: 'MB',
        number: number(),
        issuedOn: at(22),
        issuer: r.pick(UNIVERSITIES),
        programme: study[0],
        qualification: study[1],
        level: 'HIGHER_UNIVERSITY',
      });
      if (r.chance(0.3))
        docs.push({
          type: 'DIPLOMA',
          series: 'MM',
          number: number(),
          issuedOn: at(24),
          issuer: r.pick(UNIVERSITIES),
          programme: study[0],
          qualification: study[1].replace('bakalauras', 'magistras'),
          level: 'HIGHER_UNIVERSITY',
        });
      break;
    case 'HIGHER_COLLEGE':
      docs.push({
        type: 'DIPLOMA',
        series: 'KB',
        number: number(),
        issuedOn: at(21),
        issuer: r.pick(COLLEGES),
        programme: study[0],
        qualification: study[2],
        level: 'HIGHER_COLLEGE',
      });
      break;
    case 'POST_SECONDARY':
      docs.push({
        type: 'DIPLOMA',
        series: 'AT',
        number: number(),
        issuedOn: at(21),
        issuer: r.pick(['Vilniaus statybos technikumas', 'Kauno politechnikumas', 'Šiaulių pedagoginė mokykla']),
        programme: study[0],
        qualification: `${q.name} (aukštesnysis mokslas)`,
        level: 'POST_SECONDARY',
      });
      break;
    case 'SPECIALISED_SECONDARY':
      docs.push({
        type: 'DIPLOMA',
        series: 'SV',
        number: number(),
        issuedOn: at(20),
        issuer: r.pick(VET_SCHOOLS),
        programme: `${q.genitive} programa`,
        qualification: q.name,
        level: 'SPECIALISED_SECONDARY',
      });
      break;
    case 'VOCATIONAL_QUALIFICATION':
      docs.push({
        type: 'VET_DIPLOMA',
        series: 'PM',
        number: number(),
        issuedOn: at(20),
        issuer: r.pick(VET_SCHOOLS),
        programme: `${q.genitive} modulinė profesinio mokymo programa`,
        qualification: q.name,
        level: 'VOCATIONAL_QUALIFICATION',
      });
      break;
    default:
      break;
  }
  if (profile.level !== 'VOCATIONAL_QUALIFICATION' && r.chance(0.06)) {
    docs.push({
      type: 'QUALIFICATION_CERTIFICATE',
      series: 'KP',
      number: number(),
      issuedOn: at(28),
      issuer: r.pick(VET_SCHOOLS),
      programme: `${q.genitive} modulinė profesinio mokymo programa (tęstinis mokymas)`,
      qualification: q.name,
      level: 'VOCATIONAL_QUALIFICATION',
    });
  }
  return {
    personalCode: person.personalCode,
    givenName: person.givenName,
    familyName: person.familyName,
    documents: docs.filter((d) => d.issuedOn <= '2026-11-27'),
  };
}

const TEST_BIRTH_DATES = (code: string) => {
  const century = 1800 + 100 * Math.floor((Number(code[0]) - 1) / 2);
  return `${century + Number(code.slice(1, 3))}-${code.slice(3, 5)}-${code.slice(5, 7)}`;
};

function generateDiplomas(persons: readonly SimPerson[]): Map<string, PersonEducation> {
  const r = rngFor('diplomas');
  const out = new Map<string, PersonEducation>();
  for (const [key, profile] of Object.entries(TEST_EDUCATION) as [keyof typeof P, EducationProfile | null][]) {
    const p = P[key];
    if (profile) out.set(p.personalCode, educationOf(r, { ...p, birthDate: TEST_BIRTH_DATES(p.personalCode) }, profile));
  }
  for (const p of persons) {
    if (r.chance(0.1)) continue; // the register has no data about this person
    const old = p.birthDate < '1975-01-01';
    const young = p.birthDate > '2004-06-01';
    const level = young
      ? r.weighted([
          ['SECONDARY', 80],
          ['BASIC', 20],
        ] as const)
      : r.weighted([
          ['HIGHER_UNIVERSITY', 32],
          ['HIGHER_COLLEGE', 15],
          ['POST_SECONDARY', old ? 8 : 0],
          ['SPECIALISED_SECONDARY', old ? 5 : 0],
          ['VOCATIONAL_QUALIFICATION', 18],
          ['SECONDARY', 20],
          ['BASIC', 4],
        ] as const);
    out.set(p.personalCode, educationOf(r, p, { level }));
  }
  return out;
}

/** The VIISP test people's employment (DOC-5, DOC-6 paths). */
const TEST_EMPLOYMENT: Record<keyof typeof P, { employer: string | null; since: string } | null> = {
  demoHead: { employer: E.demo.code, since: '2012-09-01' },
  ruta: { employer: E.demo.code, since: '2016-02-15' },
  tomas: { employer: E.demo.code, since: '2019-05-02' },
  asta: { employer: E.other.code, since: '2010-03-01' },
  ona: { employer: null, since: '2018-01-10' },
  olena: { employer: '302211450', since: '2023-04-03' },
  petras: null,
  jonas: { employer: E.newInSmir.code, since: '2021-11-22' },
  laura: { employer: E.other.code, since: '2020-10-05' },
  algirdas: { employer: E.futureInSmir.code, since: '2015-06-29' },
  ieva: null,
  darius: { employer: '300000001', since: '2019-03-01' },
  vaida: { employer: null, since: '2014-09-01' },
  renata: { employer: null, since: '2012-03-01' },
  kristina: { employer: null, since: '2010-09-01' },
  egle: { employer: E.demo.code, since: '2017-09-01' },
  mindaugas: null,
  andrii: { employer: '302211450', since: '2024-02-12' },
  kestutis: { employer: null, since: '2010-05-01' },
  rasa: null,
  jurgita: { employer: null, since: '2011-01-01' },
  audrius: { employer: null, since: '2009-02-01' },
  giedre: { employer: null, since: '2018-04-01' },
  vytautas: { employer: null, since: '2008-09-01' },
  monika: { employer: null, since: '2016-03-01' },
  sigita: { employer: null, since: '2011-09-01' },
  jurate: { employer: null, since: '2015-04-01' },
  paulius: { employer: null, since: '2019-10-01' },
  gintare: { employer: null, since: '2013-02-01' },
  saulius: { employer: null, since: '2012-06-01' },
  laima: { employer: null, since: '2014-05-01' },
};

function generateEmployment(persons: readonly SimPerson[], institutions: readonly SmirInstitution[]): Map<string, EmploymentRecord> {
  const r = rngFor('sodra');
  const companies: { code: string; name: string }[] = COMPANIES.map((name, i) => ({
    code: i === 0 ? '302211450' : `30${r.int(2, 6)}${r.digits(6)}`,
    name,
  }));
  const employers = [...companies, ...institutions.map((i) => ({ code: i.code, name: i.name }))];
  const byCode = new Map(employers.map((e) => [e.code, e]));
  const out = new Map<string, EmploymentRecord>();
  for (const [key, job] of Object.entries(TEST_EMPLOYMENT) as [keyof typeof P, { employer: string | null; since: string } | null][]) {
    out.set(
      P[key].personalCode,
      job
        ? { employed: true, employer: job.employer ? (byCode.get(job.employer) ?? null) : null, insuredSince: job.since }
        : { employed: false, employer: null, insuredSince: null },
    );
  }
  for (const p of persons) {
    const young = p.birthDate > '2004-06-01';
    if (r.chance(young ? 0.35 : 0.72)) {
      const from = `${Math.max(Number(p.birthDate.slice(0, 4)) + 18, 2005)}-01-01`;
      out.set(p.personalCode, {
        employed: true,
        employer: r.chance(0.06) ? null : r.pick(employers),
        insuredSince: r.date(from, '2026-10-31'),
      });
    } else {
      out.set(p.personalCode, { employed: false, employer: null, insuredSince: null });
    }
  }
  return out;
}

function generateCoupons(
  persons: readonly SimPerson[],
  employment: Map<string, EmploymentRecord>,
  licences: readonly Licence[],
  smpkr: Map<string, SmpkrProgramme>,
): Coupon[] {
  const r = rngFor('uzt');
  const unemployed = persons.filter((p) => employment.get(p.personalCode)?.employed === false && p.birthDate < '2007-01-01');
  const valid = licences.filter((l) => l.status === 'VALID');
  const numbers = new Set<string>();
  const out: Coupon[] = [];
  const make = (person: { personalCode: string; givenName: string; familyName: string }, status: CouponStatus, issued?: string): Coupon => {
    // A coupon is valid for half a year: open ones were issued lately, expired ones long ago.
    const issuedOn =
      issued ??
      (status === 'EXPIRED'
        ? r.date('2025-06-01', '2026-05-15')
        : status === 'ISSUED' || status === 'SUBMITTED'
          ? r.date('2026-06-15', '2026-11-20')
          : r.date('2026-01-05', '2026-11-20'));
    let number: string;
    do number = `MK-${issuedOn.slice(0, 4)}-${r.digits(6)}`;
    while (numbers.has(number));
    numbers.add(number);
    const measure = r.weighted([
      ['Profesinis mokymas', 60],
      ['Neformalusis švietimas', 30],
      ['Pameistrystė', 10],
    ] as const);
    const q = r.pick(QUALIFICATIONS);
    const validUntil = new Date(Date.parse(`${issuedOn}T00:00:00Z`) + 183 * 86_400_000).toISOString().slice(0, 10);
    const coupon: Coupon = {
      number,
      personalCode: person.personalCode,
      givenName: person.givenName,
      familyName: person.familyName,
      issuedOn,
      validUntil,
      status,
      sectionI: {
        measure,
        maxAmount: r.pick(['800.00', '1200.00', '1500.00', '2000.00', '2500.00']),
        trainingArea: measure === 'Neformalusis švietimas' ? r.pick(NSPR_TOPICS).field : q.name,
        requirements:
          measure === 'Neformalusis švietimas'
            ? 'Mokymas pagal neformaliojo suaugusiųjų švietimo programą, ne trumpesnis kaip 40 akad. val.'
            : `Mokymas pagal programą, suteikiančią ${q.genitive.toLocaleLowerCase('lt')} kvalifikaciją ar jos dalį; mokymo trukmė ne ilgesnė kaip 6 mėn.`,
        office: r.pick(UZT_OFFICES),
        apprenticeship: measure === 'Pameistrystė',
      },
      sectionII: null,
      decision: null,
    };
    if (status === 'SUBMITTED' || status === 'APPROVED' || status === 'REJECTED') {
      const licence = r.pick(valid);
      const venue = r.pick(licence.venues);
      const lp = venue.programmes.length > 0 ? r.pick(venue.programmes) : undefined;
      const programme = lp ? smpkr.get(lp.code) : undefined;
      const startDate = r.date(issuedOn, '2026-12-31');
      const endDate = new Date(Date.parse(`${startDate}T00:00:00Z`) + r.int(30, 150) * 86_400_000).toISOString().slice(0, 10);
      const submittedAt = `${r.date(issuedOn, '2026-11-25')}T${pad(r.int(8, 16), 2)}:${pad(r.int(0, 59), 2)}:00Z`;
      coupon.sectionII = {
        institutionCode: licence.institutionCode,
        programmeCode: lp?.code ?? 'P43041101',
        programmeName: lp?.name ?? 'Apskaitos pagrindai',
        groupId: `00000000-0000-4000-8000-${r.digits(12)}`,
        startDate,
        endDate,
        price: `${r.int(4, 25) * 100}.00`,
        contactHours: programme ? programme.hours.theory + programme.hours.practice : 120,
        settlement: r.chance(0.5) ? 'MONTHLY' : 'ON_COMPLETION',
        bankAccount: `LT${r.digits(18)}`,
        submittedAt,
      };
      if (status !== 'SUBMITTED') {
        coupon.decision = {
          result: status,
          decidedAt: submittedAt.replace(/T.*/, 'T12:00:00Z'),
          reason:
            status === 'REJECTED'
              ? r.pick(['Programa neatitinka kupone nurodytų reikalavimų.', 'Viršyta valstybės kompensuojama suma.'])
              : null,
        };
      }
    }
    return coupon;
  };
  out.push(make(P.ieva, 'ISSUED', '2026-11-02'));
  for (const person of r.sample(unemployed, FIXTURE_SIZE.coupons - 1)) {
    out.push(
      make(
        person,
        r.weighted([
          ['ISSUED', 55],
          ['SUBMITTED', 15],
          ['APPROVED', 15],
          ['REJECTED', 5],
          ['EXPIRED', 10],
        ] as const),
      ),
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

let cached: RegistryFixtures | undefined;

/** Every registry's data; generated on the first call (a few tens of milliseconds), then shared. */
export function registryFixtures(): RegistryFixtures {
  if (cached) return cached;
  const persons = generatePersons();
  const institutions = generateInstitutions(persons);
  const smirInstitutions = [...SMIR_INSTITUTIONS, ...institutions.map((i) => i.record)];
  const freeTeachers = [...SMIR_FREE_TEACHERS, ...generateFreeTeachers(persons)];
  const nspr = generateNspr(institutions);
  const smpkr = generateSmpkr();
  const smpkrByCode = new Map(smpkr.map((p) => [p.code, p]));
  const modules = new Map<string, SmpkrModuleEntry>();
  for (const p of smpkr) {
    for (const m of p.modules) {
      const entry = modules.get(m.code) ?? { ...m, programmeCodes: [] };
      entry.programmeCodes.push(p.code);
      modules.set(m.code, entry);
    }
  }
  const licences = generateLicences(institutions, smpkr);
  const employment = generateEmployment(persons, smirInstitutions);
  const byCode = <T>(items: readonly T[], key: (t: T) => string) =>
    new Map([...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)).map((t) => [key(t), t]));
  cached = {
    persons,
    smir: { institutions: byCode(smirInstitutions, (i) => i.code), freeTeachers: byCode(freeTeachers, (t) => t.personalCode) },
    nspr: byCode(nspr, (p) => p.code),
    smpkr: { programmes: byCode(smpkr, (p) => p.code), modules },
    licences: byCode(licences, (l) => l.number),
    students: generateStudents(persons, licences),
    diplomas: generateDiplomas(persons),
    sodra: employment,
    coupons: byCode(generateCoupons(persons, employment, licences, smpkrByCode), (c) => c.number),
  };
  return cached;
}

/** How many records each registry holds (the simulator's index page and the tests print these). */
export function fixtureCounts(f: RegistryFixtures = registryFixtures()) {
  return {
    smirInstitutions: f.smir.institutions.size,
    smirFreeTeachers: f.smir.freeTeachers.size,
    nsprProgrammes: f.nspr.size,
    smpkrProgrammes: f.smpkr.programmes.size,
    smpkrModules: f.smpkr.modules.size,
    licences: f.licences.size,
    licensedVenues: [...f.licences.values()].reduce((s, l) => s + l.venues.length, 0),
    persons: f.persons.length,
    studentContracts: f.students.length,
    diplomaRecords: f.diplomas.size,
    sodraRecords: f.sodra.size,
    coupons: f.coupons.size,
  };
}
