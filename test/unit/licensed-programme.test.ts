// The programme window of "Licencijuotų mokymo programų sąrašas": hours, validation, training
// modes and which programmes are licensed at a venue (LIC-7..LIC-11, LIC-16, LIC-19, OQ-18).
import { describe, expect, it } from 'vitest';
import {
  LICENSED_FORM_LABELS,
  TRAINING_MODES,
  contactHours,
  contactHoursPreview,
  formatHoursNumber,
  formatHoursText,
  hoursToNumeric,
  licensedKindLabel,
  parseHours,
  programmesLicensedAt,
  suspensionRemark,
  validateLicensedProgramme,
  venueIsAt,
  type LicenceLike,
  type LicensedFormInput,
  type LicensedProgrammeRefs,
} from '../../workflows/domain/licensed-programme.ts';

/** The Lithuanian messages expected (licensed-programme.ts), written out so a wrong text fails. */
const M = {
  venue: 'Pasirinkite mokymo vietą.',
  programme: 'Pasirinkite programą iš sąrašo.',
  notLicensed: 'Pagal Licencijų registrą šios programos pasirinktoje mokymo vietoje vykdyti negalima.',
  unknownProgramme: 'Programa SMPKR registre nerasta: jos įtraukti negalima.',
  cancelled: 'Programa SMPKR registre nebegalioja: jos įtraukti negalima.',
  module: 'Pasirinkite modulį iš sąrašo.',
  notAModule: 'Pasirinktas modulis nėra šios programos modulis.',
  trainingMode: 'Pasirinkite mokymo būdą.',
  languages: 'Pažymėkite bent vieną mokymo kalbą.',
  unknownLanguage: 'Pažymėkite mokymo kalbas iš sąrašo.',
  hoursRequired: 'Privalomas laukas: nurodykite valandų skaičių (0, jei tokio darbo nėra).',
  hours: 'Nurodykite neneigiamą akademinių valandų skaičių, pvz., 40 arba 12,5 (ne daugiau kaip 2 skaitmenys po kablelio).',
  hoursTooMany: 'Ne daugiau kaip 9999 valandų.',
  contactZero: 'Kontaktinio darbo trukmė turi būti didesnė už 0: nurodykite teorinio ar praktinio kontaktinio darbo valandas.',
};

const VENUE = '0b6d2a0e-5f3c-4d1e-9a55-0000000000aa';
const REFS: LicensedProgrammeRefs = {
  venueIds: [VENUE],
  licensedCodes: ['P43041101', 'P43041201'],
  programmeStatus: 'ACTIVE',
  moduleCodes: ['4041101', '4000001'],
};
const FORM: LicensedFormInput = {
  venueId: VENUE,
  programmeCode: 'P43041101',
  trainingMode: 'MISRUS',
  languages: ['lietuvių', 'anglų'],
  theoryHours: '40',
  practiceHours: '80,5',
};

function errorsOf(input: LicensedFormInput, target: 'programme' | 'module' = 'programme', refs = REFS) {
  const result = validateLicensedProgramme(input, target, refs);
  if (result.ok) throw new Error('expected errors');
  return result.errors;
}

describe('labels and training modes (LIC-7, OQ-18)', () => {
  it('uses the manual’s terms and the three modes, "Mišrus" among them', () => {
    expect(LICENSED_FORM_LABELS).toMatchObject({
      programmeCode: 'Programų sąrašas',
      moduleCode: 'Modulių sąrašas',
      theoryHours: 'Teorinio kontaktinio darbo trukmė',
      practiceHours: 'Praktinio kontaktinio darbo trukmė',
      contactHours: 'Kontaktinio darbo trukmė valandomis',
      selfStudyHours: 'Savarankiško darbo trukmė',
    });
    expect(Object.values(TRAINING_MODES)).toEqual(['Kontaktinis', 'Nuotolinis sinchroninis', 'Mišrus']);
  });

  it('names the four kinds of LIC-1', () => {
    expect(licensedKindLabel('FORMAL_VET', 'FORMAL_VET')).toBe('Formaliojo pirminio / tęstinio profesinio mokymo programa');
    expect(licensedKindLabel('NONFORMAL_VET', 'NONFORMAL_VET')).toBe('Neformaliojo profesinio mokymo programa');
    expect(licensedKindLabel('VET_MODULE', 'FORMAL_VET')).toBe('Profesinio mokymo programos modulis');
    expect(licensedKindLabel('VET_MODULE', 'NONFORMAL_VET')).toBe('Neformaliojo profesinio mokymo programos modulis');
  });
});

describe('hours (LIC-9..LIC-11, LIC-19)', () => {
  it('reads non-negative academic hours with a comma or a point, at most two decimals', () => {
    expect(parseHours('40')).toEqual({ ok: true, hundredths: 4000 });
    expect(parseHours(' 12,5 ')).toEqual({ ok: true, hundredths: 1250 });
    expect(parseHours('0.25')).toEqual({ ok: true, hundredths: 25 });
    expect(parseHours('0')).toEqual({ ok: true, hundredths: 0 });
    expect(parseHours('')).toEqual({ ok: false, reason: 'empty' });
    for (const wrong of ['-3', 'abc', '1,234', '1e3', '12 val.', '+4', ',5'])
      expect(parseHours(wrong), wrong).toEqual({ ok: false, reason: 'invalid' });
    expect(parseHours('10000')).toEqual({ ok: false, reason: 'too_many' });
  });

  it('contact hours are theory + practice; self-study hours are never counted', () => {
    expect(contactHours({ theory: 40, practice: 80 })).toBe(120);
    expect(contactHours({ theory: 0.1, practice: 0.2 })).toBe(0.3);
    expect(contactHoursPreview({ theoryHours: '12,5', practiceHours: '30', selfStudyHours: '100' })).toBe(42.5);
    expect(contactHoursPreview({ theoryHours: '12,5' })).toBe(12.5);
    expect(contactHoursPreview({})).toBe(0);
    expect(contactHoursPreview({ theoryHours: '-1', practiceHours: '30' })).toBeNull();
  });

  it('formats hours as people read them and as Postgres stores them', () => {
    expect(formatHoursNumber(120)).toBe('120');
    expect(formatHoursNumber(42.5)).toBe('42,5');
    expect(formatHoursNumber(0.25)).toBe('0,25');
    expect(formatHoursText('120.00')).toBe('120');
    expect(formatHoursText('12.50')).toBe('12,5');
    expect(formatHoursText(null)).toBe('—');
    expect(hoursToNumeric(12050)).toBe('120.50');
    expect(hoursToNumeric(5)).toBe('0.05');
  });
});

describe('validateLicensedProgramme', () => {
  it('accepts a whole programme: the values, the languages in the list’s order', () => {
    const result = validateLicensedProgramme({ ...FORM, languages: ['anglų', 'lietuvių', 'anglų'] }, 'programme', REFS);
    expect(result).toEqual({
      ok: true,
      value: {
        venueId: VENUE,
        programmeCode: 'P43041101',
        moduleCode: null,
        trainingMode: 'MISRUS',
        languages: ['lietuvių', 'anglų'],
        theoryHundredths: 4000,
        practiceHundredths: 8050,
      },
    });
  });

  it('accepts one language given as a single value, and a module of the programme', () => {
    const result = validateLicensedProgramme({ ...FORM, languages: 'rusų', moduleCode: '4041101' }, 'module', REFS);
    expect(result.ok && result.value).toMatchObject({ moduleCode: '4041101', languages: ['rusų'] });
    // The whole programme ignores a module chosen in the list.
    const whole = validateLicensedProgramme({ ...FORM, moduleCode: '4041101' }, 'programme', REFS);
    expect(whole.ok && whole.value.moduleCode).toBeNull();
  });

  it('reports every problem at once', () => {
    expect(errorsOf({ venueId: '', programmeCode: '', theoryHours: '-3', practiceHours: 'abc' }, 'module')).toEqual({
      venueId: M.venue,
      programmeCode: M.programme,
      moduleCode: M.module,
      trainingMode: M.trainingMode,
      languages: M.languages,
      theoryHours: M.hours,
      practiceHours: M.hours,
    });
  });

  it('requires the hours (0 allowed) and a contact time above 0', () => {
    expect(errorsOf({ ...FORM, theoryHours: '', practiceHours: ' ' })).toEqual({
      theoryHours: M.hoursRequired,
      practiceHours: M.hoursRequired,
    });
    expect(errorsOf({ ...FORM, theoryHours: '0', practiceHours: '0' })).toEqual({ contactHours: M.contactZero });
    expect(validateLicensedProgramme({ ...FORM, theoryHours: '0', practiceHours: '16' }, 'programme', REFS).ok).toBe(true);
    expect(errorsOf({ ...FORM, theoryHours: '12000' })).toEqual({ theoryHours: M.hoursTooMany });
  });

  it('refuses a mode and languages not offered', () => {
    expect(errorsOf({ ...FORM, trainingMode: 'Mišrus', languages: ['klingonų'] })).toEqual({
      trainingMode: M.trainingMode,
      languages: M.unknownLanguage,
    });
  });

  it('LIC-16: only a programme licensed at the venue, known to SMPKR and not cancelled; only the programme’s modules', () => {
    expect(errorsOf({ ...FORM, programmeCode: 'T43041101' })).toEqual({ programmeCode: M.notLicensed });
    expect(errorsOf(FORM, 'programme', { ...REFS, programmeStatus: null })).toEqual({ programmeCode: M.unknownProgramme });
    expect(errorsOf(FORM, 'programme', { ...REFS, programmeStatus: 'CANCELLED' })).toEqual({ programmeCode: M.cancelled });
    expect(errorsOf({ ...FORM, moduleCode: '9999999' }, 'module')).toEqual({ moduleCode: M.notAModule });
    expect(errorsOf({ ...FORM, venueId: '0b6d2a0e-5f3c-4d1e-9a55-0000000000bb' })).toEqual({ venueId: M.venue });
  });
});

describe('LIC-16: programmes licensed at a venue of "Mokymo vietos"', () => {
  const licences: LicenceLike[] = [
    {
      number: 'PM-000001',
      status: 'VALID',
      venues: [
        {
          id: 'V1',
          address: 'Gedimino pr. 1, LT-01103 Vilnius',
          programmes: [
            { code: 'P2', name: 'Antra', validFrom: '2020-01-01' },
            { code: 'P1', name: 'Pirma', validFrom: '2020-01-01' },
          ],
        },
        { id: 'V2', address: 'Ukmergės g. 220, LT-07100 Vilnius', programmes: [{ code: 'P3', name: 'Trečia', validFrom: '2021-01-01' }] },
      ],
    },
    {
      number: 'PM-000002',
      status: 'SUSPENDED',
      venues: [
        {
          id: 'V3',
          address: 'Gedimino pr. 1, LT-01103 Vilnius',
          programmes: [{ code: 'P9', name: 'Sustabdyta', validFrom: '2020-01-01' }],
        },
      ],
    },
    {
      number: 'PM-000003',
      status: 'VALID',
      venues: [
        {
          id: 'V4',
          address: 'Gedimino pr. 1, Vilnius',
          programmes: [
            { code: 'P1', name: 'Pirma', validFrom: '2022-01-01' },
            { code: 'P4', name: 'Ketvirta', validFrom: '2022-01-01' },
          ],
        },
      ],
    },
  ];

  it('matches the same one-line address, and a venue saved in parts (with its municipality)', () => {
    expect(venueIsAt({ address: 'gedimino  pr. 1, LT-01103 vilnius' }, 'Gedimino pr. 1, LT-01103 Vilnius')).toBe(true);
    const saved = {
      address: 'Gedimino pr. 1, LT-01103 Vilnius, Vilniaus miesto savivaldybė',
      street: 'Gedimino pr.',
      building: '1',
      postal_code: 'LT-01103',
      city: 'Vilnius',
    };
    expect(venueIsAt(saved, 'Gedimino pr. 1, LT-01103 Vilnius')).toBe(true);
    expect(venueIsAt(saved, 'Gedimino pr. 1, Vilnius')).toBe(true);
    expect(venueIsAt(saved, 'Gedimino pr. 10, LT-01103 Vilnius')).toBe(false);
    expect(venueIsAt(saved, 'Gedimino pr. 1, LT-44240 Kaunas')).toBe(false);
    expect(venueIsAt({ ...saved, postal_code: 'LT-01104' }, 'Gedimino pr. 1, LT-01103 Vilnius')).toBe(false);
    expect(venueIsAt({ address: '' }, 'Gedimino pr. 1, LT-01103 Vilnius')).toBe(false);
  });

  it('lists the valid licences’ programmes at the venue, each once, by code', () => {
    const saved = {
      address: 'Gedimino pr. 1, LT-01103 Vilnius, Vilniaus miesto savivaldybė',
      street: 'Gedimino pr.',
      building: '1',
      postal_code: 'LT-01103',
      city: 'Vilnius',
    };
    const offers = programmesLicensedAt(licences, saved);
    expect(offers.map((o) => o.code)).toEqual(['P1', 'P2', 'P4']);
    expect(offers[0]).toEqual({
      code: 'P1',
      name: 'Pirma',
      validFrom: '2020-01-01',
      licenceNumber: 'PM-000001',
      licenceAddress: 'Gedimino pr. 1, LT-01103 Vilnius',
    });
    expect(programmesLicensedAt(licences, { address: 'Ukmergės g. 220, LT-07100 Vilnius' }).map((o) => o.code)).toEqual(['P3']);
    expect(programmesLicensedAt(licences, { address: 'Laisvės al. 10, LT-44240 Kaunas' })).toEqual([]);
  });

  it('writes the suspension remark with the date', () => {
    expect(suspensionRemark('2026-11-28')).toBe('Mokymo programa sustabdyta 2026-11-28.');
  });
});
