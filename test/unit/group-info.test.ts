// Tab "Grupės informacija": field validation with Lithuanian messages and the publishing checks
// (GRP-2..GRP-15, GRP-36..GRP-38, GRP-40, GEN-11).
import { beforeAll, describe, expect, it } from 'vitest';
import {
  publishProblems,
  validateGroupInfo,
  type FieldErrors,
  type GroupInfo,
  type GroupInfoField,
  type GroupInfoInput,
  type GroupInfoReferences,
} from '../../workflows/domain/group-info.ts';

const REQUIRED = 'Privalomas laukas.';
const PRICE_MESSAGE = 'Kaina nurodoma eurais, ne mažesnė kaip 0, ne daugiau kaip dviem skaitmenimis po kablelio (pvz., 120,50).';
const DATE_MESSAGE = 'Neteisinga data: nurodykite datą formatu MMMM-MM-DD.';
const REG_END_ORDER = '„Registracijos pabaiga“ negali būti ankstesnė už „Registracijos pradžia“.';
const PROG_START_ORDER = '„Mokymosi programos vykdymo pradžia“ turi būti vėlesnė už „Registracijos pabaiga“.';
const PROG_END_ORDER = '„Mokymosi programos vykdymo pabaiga“ negali būti ankstesnė už „Mokymosi programos vykdymo pradžia“.';

/** A form as the browser submits it: every value a string, check boxes as lists. */
function form(overrides: GroupInfoInput = {}): GroupInfoInput {
  return {
    name: 'Vakarinė grupė',
    fundingSources: ['IMP_KREPSELIS', 'ASMENINES_LESOS'],
    price: '120,5',
    language: 'lietuvių',
    minParticipants: '5',
    maxParticipants: '20',
    specialNeeds: 'on',
    venueId: 'venue-1',
    registrationStart: '2026-09-01',
    registrationEnd: '2026-09-20',
    programmeStart: '2026-10-01',
    programmeEnd: '2026-12-15',
    ...overrides,
  };
}

/** The UŽT-only fields, valid for form()'s programme dates: needed whenever UŽT is ticked (GRP-39). */
const UZT_VALUES: GroupInfoInput = {
  targetGroup: 'BEDARBIAI',
  vetForm: 'PAMEISTRYSTE',
  durationWeeks: '10',
  durationDays: '50',
  theoryAssessmentDate: '2026-12-10',
  practiceAssessmentDate: '2026-12-15',
};

const REFS: GroupInfoReferences = { venueIds: ['venue-1', 'venue-2'], languages: ['lietuvių', 'anglų'] };

function infoOf(input: GroupInfoInput | GroupInfo, refs?: GroupInfoReferences): GroupInfo {
  const result = validateGroupInfo(input, refs);
  if (!result.ok) throw new Error(`expected valid input, got ${JSON.stringify(result.errors)}`);
  return result.info;
}

function errorsOf(input: GroupInfoInput | GroupInfo, refs?: GroupInfoReferences): FieldErrors {
  const result = validateGroupInfo(input, refs);
  if (result.ok) throw new Error(`expected field errors, got ${JSON.stringify(result.info)}`);
  return result.errors;
}

describe('validateGroupInfo: a complete form', () => {
  it('GRP-2..GRP-15: turns a valid form into GroupInfo (numbers, boolean, normalised price)', () => {
    expect(infoOf(form(), REFS)).toEqual({
      name: 'Vakarinė grupė',
      fundingSources: ['IMP_KREPSELIS', 'ASMENINES_LESOS'],
      price: '120.50',
      language: 'lietuvių',
      minParticipants: 5,
      maxParticipants: 20,
      specialNeeds: true,
      venueId: 'venue-1',
      registrationStart: '2026-09-01',
      registrationEnd: '2026-09-20',
      programmeStart: '2026-10-01',
      programmeEnd: '2026-12-15',
    });
  });

  it('GRP-10: an unticked special-needs box means false', () => {
    expect(infoOf(form({ specialNeeds: undefined })).specialNeeds).toBe(false);
  });

  it('GRP-2: trims surrounding spaces from text', () => {
    const info = infoOf(form({ name: '  Vakarinė grupė  ', venueId: ' venue-1 ' }), REFS);
    expect(info.name).toBe('Vakarinė grupė');
    expect(info.venueId).toBe('venue-1');
  });

  it('a stored GroupInfo validates again to itself (the workflow re-validates every command)', () => {
    const info = infoOf(form(), REFS);
    expect(infoOf(info, REFS)).toEqual(info);
  });
});

describe('validateGroupInfo: required fields', () => {
  const requiredFields: GroupInfoField[] = [
    'name',
    'price',
    'language',
    'minParticipants',
    'maxParticipants',
    'venueId',
    'registrationStart',
    'registrationEnd',
    'programmeStart',
    'programmeEnd',
  ];

  it.each(requiredFields)('GRP-40: missing "%s" gives "Privalomas laukas." on that field only', (field) => {
    expect(errorsOf(form({ [field]: undefined }))).toEqual({ [field]: REQUIRED });
  });

  it.each(requiredFields)('GRP-40: blank "%s" (spaces only) gives "Privalomas laukas." on that field only', (field) => {
    expect(errorsOf(form({ [field]: '   ' }))).toEqual({ [field]: REQUIRED });
  });

  it('GRP-40: an empty form marks every required field', () => {
    const errors = errorsOf({});
    for (const field of requiredFields) expect(errors[field], field).toBe(REQUIRED);
    expect(errors.fundingSources).toBe('Pasirinkite bent vieną finansavimo šaltinį.');
    expect(errors.specialNeeds).toBeUndefined();
  });

  it('GRP-2: a name longer than 200 characters is refused; 200 is accepted', () => {
    expect(errorsOf(form({ name: 'a'.repeat(201) }))).toEqual({ name: 'Ne daugiau kaip 200 simbolių.' });
    expect(infoOf(form({ name: 'a'.repeat(200) })).name).toHaveLength(200);
  });
});

describe('validateGroupInfo: funding sources (GRP-3)', () => {
  it.each<[string, string[] | string | undefined]>([
    ['missing', undefined],
    ['an empty string', ''],
    ['an empty list', []],
  ])('GRP-3: %s asks to choose at least one', (_label, value) => {
    expect(errorsOf(form({ fundingSources: value }))).toEqual({ fundingSources: 'Pasirinkite bent vieną finansavimo šaltinį.' });
  });

  it.each([[['KITA']], [['UZT', 'KITA']], [['uzt']]])('GRP-3: unknown value %j is refused', (value) => {
    expect(errorsOf(form({ ...UZT_VALUES, fundingSources: value }))).toEqual({ fundingSources: 'Neteisingas finansavimo šaltinis.' });
  });

  it('GRP-3: a single ticked box (a plain string) is one source', () => {
    expect(infoOf(form({ ...UZT_VALUES, fundingSources: 'UZT' })).fundingSources).toEqual(['UZT']);
  });

  it('GRP-3: duplicated sources collapse, keeping the first order', () => {
    expect(infoOf(form({ ...UZT_VALUES, fundingSources: ['UZT', 'IMP_KREPSELIS', 'UZT', 'IMP_KREPSELIS'] })).fundingSources).toEqual([
      'UZT',
      'IMP_KREPSELIS',
    ]);
  });
});

describe('validateGroupInfo: price (GRP-38, GEN-11)', () => {
  it.each([
    ['120,5', '120.50'],
    ['120.5', '120.50'],
    ['0', '0.00'],
    ['0,00', '0.00'],
    ['99,99', '99.99'],
    ['  75 ', '75.00'],
    ['1234567.89', '1234567.89'],
  ])('GRP-38: "%s" is stored as "%s"', (input, stored) => {
    expect(infoOf(form({ price: input })).price).toBe(stored);
  });

  it.each(['12.345', '12,345', '-1', '-0,5', 'abc', '12 €', '1,2,3', '.5', '5.', '1e3', '12345678'])(
    'GRP-38: "%s" is refused with the price message',
    (input) => {
      expect(errorsOf(form({ price: input }))).toEqual({ price: PRICE_MESSAGE });
    },
  );
});

describe('validateGroupInfo: participants (GRP-8, GRP-9, GRP-37)', () => {
  it('GRP-37: min = max = 1 is accepted', () => {
    const info = infoOf(form({ minParticipants: '1', maxParticipants: '1' }));
    expect([info.minParticipants, info.maxParticipants]).toEqual([1, 1]);
  });

  it.each(['minParticipants', 'maxParticipants'] as const)('GRP-37: 0 in "%s" is refused (at least 1)', (field) => {
    const errors = errorsOf(form({ minParticipants: '1', maxParticipants: '5', [field]: '0' }));
    expect(errors[field]).toBe('Skaičius turi būti ne mažesnis kaip 1.');
  });

  it.each(['2.5', '2,5', '-3', 'penki', '1e2'])('GRP-37: "%s" is not a whole number', (value) => {
    expect(errorsOf(form({ minParticipants: value }))).toEqual({ minParticipants: 'Nurodykite sveikąjį skaičių.' });
  });

  it('GRP-37: more than 1000 is refused', () => {
    expect(errorsOf(form({ maxParticipants: '1001' }))).toEqual({ maxParticipants: 'Skaičius turi būti ne didesnis kaip 1000.' });
  });

  it('GRP-37: min > max puts the error on "Max. grupės dalyvių skaičius"', () => {
    expect(errorsOf(form({ minParticipants: '21', maxParticipants: '20' }))).toEqual({
      maxParticipants: '„Max. grupės dalyvių skaičius“ negali būti mažesnis už „Min. grupės dalyvių skaičius“.',
    });
  });

  it('GRP-37: min > max is compared as numbers, not text ("9" vs "10")', () => {
    expect(validateGroupInfo(form({ minParticipants: '9', maxParticipants: '10' })).ok).toBe(true);
  });
});

describe('validateGroupInfo: dates (GRP-12..GRP-15, GRP-36)', () => {
  it.each(['2026-9-1', '01/09/2026', '2026.09.01', '2026-09-01T00:00', '20260901'])('GRP-12: "%s" is not a date', (value) => {
    expect(errorsOf(form({ registrationStart: value }))).toEqual({ registrationStart: DATE_MESSAGE });
  });

  it.each(['2026-02-30', '2026-02-29', '2026-04-31', '2026-13-01', '2026-00-10'])('GRP-15: impossible date "%s" is refused', (value) => {
    expect(errorsOf(form({ programmeEnd: value }))).toEqual({ programmeEnd: DATE_MESSAGE });
  });

  it('GRP-15: a leap day is a real date', () => {
    expect(infoOf(form({ programmeEnd: '2028-02-29' })).programmeEnd).toBe('2028-02-29');
  });

  it('GRP-36: registration may start and end on the same day', () => {
    expect(validateGroupInfo(form({ registrationStart: '2026-09-20', registrationEnd: '2026-09-20' })).ok).toBe(true);
  });

  it('GRP-36: registration end before its start is refused on "Registracijos pabaiga"', () => {
    expect(errorsOf(form({ registrationStart: '2026-09-21', registrationEnd: '2026-09-20' }))).toEqual({ registrationEnd: REG_END_ORDER });
  });

  it('GRP-36, OQ-22: programme start the day after registration end is accepted', () => {
    expect(validateGroupInfo(form({ registrationEnd: '2026-09-30', programmeStart: '2026-10-01' })).ok).toBe(true);
  });

  it('GRP-36, OQ-22: programme start on the registration end day is refused (strictly later)', () => {
    expect(errorsOf(form({ registrationEnd: '2026-10-01', programmeStart: '2026-10-01' }))).toEqual({ programmeStart: PROG_START_ORDER });
  });

  it('GRP-36: programme start before registration end is refused on "Mokymosi programos vykdymo pradžia"', () => {
    expect(errorsOf(form({ registrationEnd: '2026-10-05', programmeStart: '2026-10-01' }))).toEqual({ programmeStart: PROG_START_ORDER });
  });

  it('GRP-36: a one-day programme (start = end) is accepted', () => {
    expect(validateGroupInfo(form({ programmeStart: '2026-10-01', programmeEnd: '2026-10-01' })).ok).toBe(true);
  });

  it('GRP-36: programme end before its start is refused on "Mokymosi programos vykdymo pabaiga"', () => {
    expect(errorsOf(form({ programmeStart: '2026-10-02', programmeEnd: '2026-10-01' }))).toEqual({ programmeEnd: PROG_END_ORDER });
  });

  it('GRP-36: order is compared across month and year ends', () => {
    expect(
      validateGroupInfo(
        form({ registrationStart: '2026-12-01', registrationEnd: '2026-12-31', programmeStart: '2027-01-01', programmeEnd: '2027-02-01' }),
      ).ok,
    ).toBe(true);
  });

  it('GRP-36, GRP-37: several order errors are reported together, each on its field', () => {
    expect(
      errorsOf(
        form({
          minParticipants: '30',
          maxParticipants: '20',
          registrationStart: '2026-12-01',
          registrationEnd: '2026-11-01',
          programmeStart: '2026-10-01',
          programmeEnd: '2026-09-01',
        }),
      ),
    ).toEqual({
      maxParticipants: '„Max. grupės dalyvių skaičius“ negali būti mažesnis už „Min. grupės dalyvių skaičius“.',
      registrationEnd: REG_END_ORDER,
      programmeStart: PROG_START_ORDER,
      programmeEnd: PROG_END_ORDER,
    });
  });

  it('GRP-36, GRP-38: a field error and a date-order error are shown at once', () => {
    expect(errorsOf(form({ price: 'abc', registrationEnd: '2026-10-01', programmeStart: '2026-10-01' }))).toEqual({
      price: PRICE_MESSAGE,
      programmeStart: PROG_START_ORDER,
    });
  });

  it('GRP-36: an invalid date is reported as such, not also as an order error', () => {
    expect(errorsOf(form({ registrationEnd: '2026-02-30' }))).toEqual({ registrationEnd: DATE_MESSAGE });
  });
});

describe('validateGroupInfo: references (GRP-7, GRP-11)', () => {
  it("GRP-11: a venue not in the institution's list is refused", () => {
    expect(errorsOf(form({ venueId: 'venue-of-another-institution' }), REFS)).toEqual({ venueId: 'Pasirinkite mokymo vietą iš sąrašo.' });
  });

  it("GRP-7: a language not among the programme's languages is refused", () => {
    expect(errorsOf(form({ language: 'prancūzų' }), REFS)).toEqual({ language: 'Pasirinkite mokymo kalbą iš programos kalbų sąrašo.' });
  });

  it('GRP-7, GRP-11: both reference errors are reported together; another listed venue and language pass', () => {
    expect(errorsOf(form({ venueId: 'x', language: 'y' }), REFS)).toEqual({
      venueId: 'Pasirinkite mokymo vietą iš sąrašo.',
      language: 'Pasirinkite mokymo kalbą iš programos kalbų sąrašo.',
    });
    expect(infoOf(form({ venueId: 'venue-2', language: 'anglų' }), REFS)).toMatchObject({ venueId: 'venue-2', language: 'anglų' });
  });

  it('GRP-7, GRP-11: references are not checked when none are given', () => {
    expect(validateGroupInfo(form({ venueId: 'x', language: 'y' })).ok).toBe(true);
  });

  it('GRP-11: an empty venue list refuses every venue', () => {
    expect(errorsOf(form(), { venueIds: [], languages: REFS.languages })).toEqual({ venueId: 'Pasirinkite mokymo vietą iš sąrašo.' });
  });
});

describe('publishProblems (GRP-40)', () => {
  let info: GroupInfo; // registration starts 2026-09-01
  beforeAll(() => {
    info = infoOf(form(), REFS);
  });

  it('GRP-40: none for a valid group published before registration starts', () => {
    expect(publishProblems(info, '2026-08-15')).toEqual([]);
  });

  it('GRP-40: none when registration starts on the publishing day', () => {
    expect(publishProblems(info, '2026-09-01')).toEqual([]);
  });

  it('GRP-40: a registration start already past on the publishing day is named, with its date', () => {
    expect(publishProblems(info, '2026-09-02')).toEqual([
      '„Registracijos pradžia“ (2026-09-01) jau praėjo: nurodykite šiandienos arba vėlesnę datą.',
    ]);
  });

  it('GRP-40: invalid stored fields are named by their labels', () => {
    const broken: GroupInfo = { ...info, price: '12.345' };
    expect(publishProblems(broken, '2026-08-15')).toEqual(['Neteisingai užpildyti laukai: „Mokymosi programos kaina, eurais“.']);
    const tooFew: GroupInfo = { ...info, minParticipants: 30, maxParticipants: 20 };
    expect(publishProblems(tooFew, '2026-08-15')).toEqual(['Neteisingai užpildyti laukai: „Max. grupės dalyvių skaičius“.']);
  });

  it('GRP-40: several problems are all listed', () => {
    const broken: GroupInfo = { ...info, name: '', language: ' ' };
    expect(publishProblems(broken, '2026-09-10')).toEqual([
      'Neteisingai užpildyti laukai: „Grupės pavadinimas“, „Mokymo kalba“.',
      '„Registracijos pradžia“ (2026-09-01) jau praėjo: nurodykite šiandienos arba vėlesnę datą.',
    ]);
  });
});

describe('validateGroupInfo: UŽT-only fields (GRP-4, GRP-5, GRP-16..GRP-19, GRP-39, OQ-56)', () => {
  // Programme 2026-10-01..2026-12-15: 76 calendar days, at most 11 weeks.
  const UZT: GroupInfoInput = { fundingSources: ['UZT', 'ASMENINES_LESOS'], ...UZT_VALUES };
  const UZT_FIELD_NAMES: GroupInfoField[] = [
    'targetGroup',
    'vetForm',
    'durationWeeks',
    'durationDays',
    'theoryAssessmentDate',
    'practiceAssessmentDate',
  ];
  const within = (label: string) => `„${label}“ turi būti mokymosi programos vykdymo laikotarpyje (nuo 2026-10-01 iki 2026-12-15).`;

  it('GRP-39: with UŽT, the fields are parsed into GroupInfo (codes, whole numbers, dates)', () => {
    expect(infoOf(form(UZT), REFS)).toMatchObject({
      fundingSources: ['UZT', 'ASMENINES_LESOS'],
      targetGroup: 'BEDARBIAI',
      vetForm: 'PAMEISTRYSTE',
      durationWeeks: 10,
      durationDays: 50,
      theoryAssessmentDate: '2026-12-10',
      practiceAssessmentDate: '2026-12-15',
    });
  });

  it('GRP-39: with UŽT, every one of them is mandatory, all reported at once', () => {
    const empty = Object.fromEntries(UZT_FIELD_NAMES.map((f) => [f, '']));
    expect(errorsOf(form({ fundingSources: ['UZT'], ...empty }), REFS)).toEqual(
      Object.fromEntries(UZT_FIELD_NAMES.map((f) => [f, REQUIRED])),
    );
    expect(errorsOf(form({ fundingSources: ['UZT'] }), REFS)).toEqual(Object.fromEntries(UZT_FIELD_NAMES.map((f) => [f, REQUIRED])));
  });

  it('GRP-39: without UŽT, they are ignored (left out of GroupInfo), whatever was sent', () => {
    const info = infoOf(form({ ...UZT, fundingSources: ['IMP_KREPSELIS'], durationWeeks: 'daug', theoryAssessmentDate: 'vakar' }), REFS);
    for (const f of UZT_FIELD_NAMES) expect(info).not.toHaveProperty(f);
  });

  it('GRP-39: a stored GroupInfo without the fields (recorded before they existed) still validates unchanged', () => {
    const old = infoOf(form(), REFS);
    expect(infoOf(old)).toEqual(old);
  });

  it('GRP-39: a stored UŽT GroupInfo round-trips through validation', () => {
    const info = infoOf(form(UZT), REFS);
    expect(infoOf(info)).toEqual(info);
  });

  it('GRP-4, GRP-5: values outside the lists are refused', () => {
    expect(errorsOf(form({ ...UZT, targetGroup: 'VISI', vetForm: 'toString' }))).toEqual({
      targetGroup: 'Pasirinkite reikšmę iš sąrašo.',
      vetForm: 'Pasirinkite reikšmę iš sąrašo.',
    });
  });

  it.each(['0', '-1', '2,5', 'dešimt'])('GRP-16, GRP-17: "%s" is not a whole number ≥ 1', (value) => {
    const errors = errorsOf(form({ ...UZT, durationWeeks: value, durationDays: value }));
    expect(Object.keys(errors).sort()).toEqual(['durationDays', 'durationWeeks']);
    expect(errors.durationWeeks).toMatch(/^(Nurodykite sveikąjį skaičių\.|Skaičius turi būti ne mažesnis kaip 1\.)$/);
  });

  it('GRP-16, GRP-17: durations may not exceed the programme period', () => {
    expect(validateGroupInfo(form({ ...UZT, durationWeeks: '11', durationDays: '76' })).ok).toBe(true);
    expect(errorsOf(form({ ...UZT, durationWeeks: '12', durationDays: '77' }))).toEqual({
      durationWeeks:
        '„Mokymosi programos trukmė savaitėmis“ negali būti didesnė už mokymosi programos vykdymo laikotarpį (nuo 2026-10-01 iki 2026-12-15: 11 sav.).',
      durationDays:
        '„Mokymosi programos trukmė dienomis“ negali būti didesnė už mokymosi programos vykdymo laikotarpį (nuo 2026-10-01 iki 2026-12-15: 76 d.).',
    });
  });

  it('GRP-18, GRP-19: assessment dates are ISO dates within the programme dates (bounds included)', () => {
    expect(validateGroupInfo(form({ ...UZT, theoryAssessmentDate: '2026-10-01', practiceAssessmentDate: '2026-12-15' })).ok).toBe(true);
    expect(errorsOf(form({ ...UZT, theoryAssessmentDate: '2026-09-30', practiceAssessmentDate: '2026-12-16' }))).toEqual({
      theoryAssessmentDate: within('Įgytų kompetencijų teorinės dalies (žinių) vertinimo data'),
      practiceAssessmentDate: within('Įgytų kompetencijų praktinės dalies (gebėjimų) vertinimo data'),
    });
    expect(errorsOf(form({ ...UZT, theoryAssessmentDate: '2026-02-30' }))).toEqual({ theoryAssessmentDate: DATE_MESSAGE });
  });

  it('GRP-40: a UŽT group missing its UŽT fields cannot be published; the fields are named', () => {
    const info = infoOf(form({ ...UZT }), REFS);
    const { targetGroup: _t, vetForm: _v, ...withoutThem } = info;
    expect(publishProblems(withoutThem, '2026-08-15')).toEqual([
      'Neteisingai užpildyti laukai: „Mokymo programa taikoma“, „Profesinio mokymo organizavimo forma“.',
    ]);
  });
});
