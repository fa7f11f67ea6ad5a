// "Programos vykdymo ir sutarties informacija" rules (PROG-12..PROG-19): validation and completeness.
import { describe, expect, it } from 'vitest';
import {
  missingProgrammeInfo,
  programmeInfoProblems,
  REQUIRED_PROGRAMME_INFO_FIELDS,
  validateProgrammeInfo,
  type ProgrammeInfoValue,
} from '../../workflows/domain/programme-info.ts';

const input = (overrides: Record<string, string> = {}) => ({
  executionSpecifics: ' Vakarais\r\nir savaitgaliais ',
  additionalRequirements: '',
  competenceRecognition: '',
  contactName: ' Ona Onaitė ',
  contactPhone: '+370 600 12345',
  contactEmail: 'ona@example.lt',
  personObligations: '',
  providerObligations: 'Suteikti priemones.',
  paymentTerms: 'Pavedimu per 5 darbo dienas.',
  ...overrides,
});

describe('validateProgrammeInfo', () => {
  it('accepts a complete form, trimming and normalising line breaks, empty optional texts as null', () => {
    const r = validateProgrammeInfo(input());
    expect(r).toEqual({
      ok: true,
      value: {
        executionSpecifics: 'Vakarais\nir savaitgaliais',
        additionalRequirements: null,
        competenceRecognition: null,
        contactName: 'Ona Onaitė',
        contactPhone: '+37060012345', // stored in E.164
        contactEmail: 'ona@example.lt',
        personObligations: null,
        providerObligations: 'Suteikti priemones.',
        paymentTerms: 'Pavedimu per 5 darbo dienas.',
      },
    });
  });

  it('reports every error at once, in Lithuanian', () => {
    const r = validateProgrammeInfo(
      input({
        executionSpecifics: '',
        paymentTerms: ' ',
        contactEmail: 'x',
        contactPhone: 'abc',
        contactName: '123',
        additionalRequirements: 'a'.repeat(4001),
      }),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual({
      executionSpecifics: 'Privalomas laukas.',
      paymentTerms: 'Privalomas laukas.',
      contactEmail: expect.stringContaining('Neteisingas el. pašto adresas'),
      contactPhone: expect.stringContaining('Neteisingas telefono numeris'),
      contactName: expect.stringContaining('Vardą ir pavardę'),
      additionalRequirements: 'Ne daugiau kaip 4000 simbolių.',
    });
  });

  it('leaves the optional ("jei taikoma", "kiti") fields optional', () => {
    expect(REQUIRED_PROGRAMME_INFO_FIELDS).toEqual(['executionSpecifics', 'contactName', 'contactPhone', 'contactEmail', 'paymentTerms']);
    expect(validateProgrammeInfo(input({ providerObligations: '' })).ok).toBe(true);
  });
});

describe('completeness (PROG-18, PROG-19, GRP-40)', () => {
  const complete = (validateProgrammeInfo(input()) as { ok: true; value: ProgrammeInfoValue }).value;

  it('a never-saved tab blocks publishing, naming the tab', () => {
    expect(missingProgrammeInfo(undefined)).toEqual(REQUIRED_PROGRAMME_INFO_FIELDS);
    expect(programmeInfoProblems(undefined)).toEqual([
      'Neužpildyta mokymosi programos kortelė „Programos vykdymo ir sutarties informacija“.',
    ]);
  });

  it('a complete tab blocks nothing; a blank required field is named', () => {
    expect(programmeInfoProblems(complete)).toEqual([]);
    expect(programmeInfoProblems({ ...complete, paymentTerms: ' ', contactPhone: '' })).toEqual([
      'Mokymosi programos kortelėje „Programos vykdymo ir sutarties informacija“ neužpildyta: „Kontaktinio asmens telefonas“, „Mokėjimo terminai, mokėjimo būdas, kitos mokėjimo sąlygos“.',
    ]);
  });
});
