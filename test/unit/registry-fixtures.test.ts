// The registry simulator's generated data (test/sim/registries/fixtures.ts): big enough for lists,
// filters and the benchmark, internally consistent, and consistent with the VIISP test people and
// the demo seed.
import { describe, expect, it } from 'vitest';
import { DEMO } from '../../db/seed/demo.ts';
import { fixtureCounts, registryFixtures } from '../sim/registries/fixtures.ts';
import { SMIR_FREE_TEACHERS, SMIR_INSTITUTIONS } from '../sim/registries/smir-data.ts';
import { isValidPersonalCode, TEST_LEGAL_ENTITIES, TEST_PEOPLE } from '../sim/viisp/people.ts';

const f = registryFixtures();

describe('registry simulator fixtures', () => {
  it('are at the promised scale: 50+ institutions, 300+ programmes with modules, 2,000 persons', () => {
    const counts = fixtureCounts(f);
    expect(counts.smirInstitutions).toBeGreaterThanOrEqual(50);
    expect(counts.nsprProgrammes + counts.smpkrProgrammes).toBeGreaterThanOrEqual(300);
    expect(counts.smpkrProgrammes).toBeGreaterThanOrEqual(150);
    expect(counts.persons).toBeGreaterThanOrEqual(2_000);
    expect(counts.licences).toBeGreaterThanOrEqual(20);
    expect(counts.studentContracts).toBeGreaterThanOrEqual(300);
    expect(counts.coupons).toBeGreaterThanOrEqual(150);
    expect(registryFixtures()).toBe(f); // generated once per process
  });

  it('keep the test legal entities and free teachers in ŠMIR, and leave out the refused ones', () => {
    for (const i of SMIR_INSTITUTIONS) expect(f.smir.institutions.get(i.code)).toEqual(i);
    for (const t of SMIR_FREE_TEACHERS) expect(f.smir.freeTeachers.get(t.personalCode)).toEqual(t);
    expect(f.smir.institutions.get(TEST_LEGAL_ENTITIES.demo.code)).toMatchObject({
      name: 'Demo mokymo centras',
      headName: 'Vytautas Kairys',
    });
    expect(f.smir.institutions.has(TEST_LEGAL_ENTITIES.notInSmir.code)).toBe(false);
    for (const p of [TEST_PEOPLE.petras, TEST_PEOPLE.ruta, TEST_PEOPLE.laura]) expect(f.smir.freeTeachers.has(p.personalCode)).toBe(false);
  });

  it('give every ŠMIR institution the fields of the tab "ŠMIR informacija" (INST-10)', () => {
    const codes = new Set<string>();
    for (const i of f.smir.institutions.values()) {
      expect(i.code).toMatch(/^\d{9}$/);
      expect(codes.has(i.code)).toBe(false);
      codes.add(i.code);
      expect(i.name.length).toBeGreaterThan(3);
      expect(i.address).toMatch(/, LT-\d{5} \p{L}+$/u);
      expect(i.email).toMatch(/^[a-z.]+@[a-z0-9.-]+\.lt$/);
      expect(i.website).toMatch(/^(https:\/\/www\.[a-z0-9.-]+\.lt)?$/);
      expect(i.headEmail).toMatch(/@/);
      expect(i.headPhone).toMatch(/^\+370 6\d\d \d{5}$/);
      expect(i.phone).toMatch(/^\+370 \d{1,3} [\d ]+$/);
      expect(i.lastEditedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('generate valid, distinct Lithuanian personal codes that are not the test people', () => {
    const test = new Set<string>(Object.values(TEST_PEOPLE).map((p) => p.personalCode));
    const seen = new Set<string>();
    for (const p of f.persons) {
      expect(isValidPersonalCode(p.personalCode), p.personalCode).toBe(true);
      expect(seen.has(p.personalCode) || test.has(p.personalCode)).toBe(false);
      seen.add(p.personalCode);
      expect(Number(p.personalCode[0]) % 2 === 0).toBe(p.female);
    }
    expect(f.persons.some((p) => /ienė$/.test(p.familyName))).toBe(true);
    expect(f.persons.some((p) => /(aitė|ytė|utė|iūtė)$/.test(p.familyName))).toBe(true);
  });

  it('hold the demo seed programmes as the registries have them', () => {
    for (const p of [DEMO.programmes.digital, DEMO.programmes.english, DEMO.programmes.otherProgramme]) {
      const nspr = f.nspr.get(p.code);
      expect(nspr).toMatchObject({
        name: p.name,
        languages: p.languages,
        status: 'ACTIVE',
        impAdapted: true,
        kpmpc: { result: 'POSITIVE' },
      });
      expect(String(nspr?.hours.contact)).toBe(String(Number(p.contact_hours)));
    }
    expect(f.nspr.get(DEMO.programmes.digital.code)?.institutionCode).toBe(DEMO.institution.code);
    expect(f.nspr.get(DEMO.programmes.otherProgramme.code)?.institutionCode).toBe(DEMO.otherInstitution.code);
    const accounting = f.smpkr.programmes.get(DEMO.programmes.accounting.code);
    expect(accounting).toMatchObject({ name: DEMO.programmes.accounting.name, kind: 'NONFORMAL_VET', status: 'ACTIVE' });
    expect((accounting?.hours.theory ?? 0) + (accounting?.hours.practice ?? 0)).toBe(Number(DEMO.programmes.accounting.contact_hours));
    const demoLicence = [...f.licences.values()].find((l) => l.institutionCode === DEMO.institution.code);
    const venue = demoLicence?.venues.find((v) => v.address === DEMO.venues.vilnius.address);
    expect(venue?.programmes.map((p) => p.code)).toContain(DEMO.programmes.accounting.code);
    expect(
      [...f.licences.values()].some(
        (l) => l.institutionCode === DEMO.otherInstitution.code && l.venues.some((v) => v.address === DEMO.venues.other.address),
      ),
    ).toBe(true);
  });

  it('make NŠPR filters meaningful: statuses, KPMPC results, every owner in ŠMIR', () => {
    const all = [...f.nspr.values()];
    for (const s of ['ACTIVE', 'SUSPENDED', 'DEREGISTERED'] as const) expect(all.filter((p) => p.status === s).length).toBeGreaterThan(5);
    for (const k of ['POSITIVE', 'NEGATIVE', 'PENDING'] as const) expect(all.filter((p) => p.kpmpc.result === k).length).toBeGreaterThan(5);
    for (const p of all) {
      expect(f.smir.institutions.has(p.institutionCode)).toBe(true);
      expect(p.hours.total).toBe(p.hours.contact + p.hours.independent);
      expect(p.languages.length).toBeGreaterThan(0);
      if (p.status === 'SUSPENDED') expect(p.suspendedOn && p.statusReason).toBeTruthy();
      if (p.status === 'DEREGISTERED') expect(p.deregisteredOn && p.statusReason).toBeTruthy();
    }
  });

  it('sum SMPKR programme hours and credits from their modules, and index every module', () => {
    for (const p of f.smpkr.programmes.values()) {
      expect(p.modules.length).toBeGreaterThan(0);
      expect(p.credits).toBe(p.modules.reduce((s, m) => s + m.credits, 0));
      expect(p.hours.practice).toBe(p.modules.reduce((s, m) => s + m.hours.practice, 0));
      for (const m of p.modules) expect(f.smpkr.modules.get(m.code)?.programmeCodes).toContain(p.code);
    }
    const kinds = [...f.smpkr.programmes.values()].map((p) => `${p.kind}/${p.formalStage}`);
    expect(new Set(kinds)).toEqual(new Set(['FORMAL_VET/INITIAL', 'FORMAL_VET/CONTINUING', 'NONFORMAL_VET/null']));
  });

  it('license only registered SMPKR programmes, and register contracts only for licensed ones', () => {
    for (const l of f.licences.values()) {
      expect(f.smir.institutions.get(l.institutionCode)?.name).toBe(l.institutionName);
      for (const v of l.venues) for (const p of v.programmes) expect(f.smpkr.programmes.get(p.code)?.name).toBe(p.name);
    }
    for (const c of f.students) {
      const licensed = [...f.licences.values()].some(
        (l) => l.institutionCode === c.institutionCode && l.venues.some((v) => v.programmes.some((p) => p.code === c.programmeCode)),
      );
      expect(licensed, `${c.contractNumber}`).toBe(true);
    }
    expect(new Set(f.students.map((c) => c.contractNumber)).size).toBe(f.students.length);
  });

  it('give the test people the education and employment their scenarios need (DOC-2, DOC-3, DOC-5)', () => {
    expect(f.diplomas.get(TEST_PEOPLE.ruta.personalCode)?.documents.map((d) => d.level)).toContain('HIGHER_UNIVERSITY');
    expect(f.diplomas.get(TEST_PEOPLE.tomas.personalCode)?.documents.map((d) => d.level)).toContain('VOCATIONAL_QUALIFICATION');
    expect(f.diplomas.get(TEST_PEOPLE.ieva.personalCode)?.documents.map((d) => d.level)).toEqual(['SECONDARY']);
    expect(f.diplomas.has(TEST_PEOPLE.olena.personalCode)).toBe(false);
    expect(f.sodra.get(TEST_PEOPLE.ruta.personalCode)).toMatchObject({ employed: true, employer: { code: DEMO.institution.code } });
    expect(f.sodra.get(TEST_PEOPLE.ieva.personalCode)).toMatchObject({ employed: false });
    expect([...f.coupons.values()].filter((c) => c.personalCode === TEST_PEOPLE.ieva.personalCode).map((c) => c.status)).toEqual([
      'ISSUED',
    ]);
    const persons = new Set([...f.persons.map((p) => p.personalCode), ...Object.values(TEST_PEOPLE).map((p) => p.personalCode)]);
    for (const c of f.coupons.values()) {
      expect(persons.has(c.personalCode)).toBe(true);
      expect(c.sectionII === null).toBe(c.status === 'ISSUED' || c.status === 'EXPIRED');
      expect(c.decision?.result ?? null).toBe(c.status === 'APPROVED' || c.status === 'REJECTED' ? c.status : null);
    }
  });
});
