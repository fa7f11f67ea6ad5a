// The tab "Institucijos informacija" (INST-3..INST-6) and what "ŠMIR informacija" shows (INST-10).
import { describe, expect, it } from 'vitest';
import { vilniusDate } from '../../workflows/domain/calendar.ts';
import { SMIR_FIELDS, smirValues, validateInstitutionInfo, type InstitutionInfoInput } from '../../workflows/domain/institution-info.ts';

/** The Lithuanian messages expected (institution-info.ts), written out so a wrong text fails. */
const M = {
  required: 'Privalomas laukas.',
  email: 'Neteisingas el. pašto adresas (pvz., vardenis.pavardenis@imone.lt).',
  phone: 'Neteisingas telefono numeris: įveskite, pvz., +370 612 34567 arba 8 612 34567; užsienio numerį – su šalies kodu.',
  name: 'Vardą ir pavardę gali sudaryti tik raidės, tarpai, brūkšneliai ir apostrofai.',
  ibanFormat: 'IBAN prasideda šalies kodu ir dviem kontroliniais skaitmenimis, pvz., LT12 1000 0111 0100 1000.',
  ibanChecksum: 'Neteisingas sąskaitos numeris (IBAN): nesutampa kontroliniai skaitmenys. Patikrinkite, ar nesupainioti skaitmenys.',
};

function form(overrides: InstitutionInfoInput = {}): InstitutionInfoInput {
  return {
    description: 'Mokome suaugusiuosius.',
    contactFirstName: 'Ona',
    contactLastName: 'Onaitienė',
    contactPosition: 'Mokymų vadovė',
    contactPhone: '+370 600 12345',
    contactEmail: 'ona@example.lt',
    iban: 'lt12 1000 0111 0100 1000',
    bankName: 'AB SEB bankas',
    ...overrides,
  };
}

describe('tab "Institucijos informacija"', () => {
  it('accepts the form, normalising the IBAN and an empty description', () => {
    expect(validateInstitutionInfo(form({ description: '  ' }))).toEqual({
      ok: true,
      value: {
        description: null,
        contactFirstName: 'Ona',
        contactLastName: 'Onaitienė',
        contactPosition: 'Mokymų vadovė',
        contactPhone: '+37060012345', // stored in E.164
        contactEmail: 'ona@example.lt',
        iban: 'LT121000011101001000',
        bankName: 'AB SEB bankas',
      },
    });
  });

  it('keeps the description’s lines', () => {
    const r = validateInstitutionInfo(form({ description: 'Pirma.\r\nAntra.' }));
    expect(r.ok && r.value.description).toBe('Pirma.\nAntra.');
  });

  it('shows every problem at once', () => {
    const r = validateInstitutionInfo({
      description: 'x'.repeat(2001),
      contactFirstName: '',
      contactLastName: 'J0nas',
      contactEmail: 'ne-adresas',
      contactPhone: 'skambinti',
      iban: 'LT131000011101001000',
    });
    expect(r).toEqual({
      ok: false,
      errors: {
        description: 'Ne daugiau kaip 2000 simbolių.',
        contactFirstName: M.required,
        contactLastName: M.name,
        contactPosition: M.required,
        contactPhone: M.phone,
        contactEmail: M.email,
        iban: M.ibanChecksum,
        bankName: M.required,
      },
    });
  });

  it('explains a wrong IBAN length or shape', () => {
    const short = validateInstitutionInfo(form({ iban: 'LT12 1000 0111 0100 100' }));
    expect(!short.ok && short.errors.iban).toBe('Neteisingas IBAN ilgis: LT sąskaitos numerį sudaro 20 simbolių.');
    const shape = validateInstitutionInfo(form({ iban: '1000011101001000' }));
    expect(!shape.ok && shape.errors.iban).toBe(M.ibanFormat);
    const empty = validateInstitutionInfo(form({ iban: '' }));
    expect(!empty.ok && empty.errors.iban).toBe(M.required);
  });
});

describe('tab "ŠMIR informacija"', () => {
  it('lists §3.2.2’s fields in order', () => {
    expect(SMIR_FIELDS.map((f) => f.label)).toEqual([
      'Juridinio asmens kodas',
      'Institucijos pavadinimas lietuvių kalba',
      'Institucijos pavadinimas anglų kalba',
      'Trumpinys',
      'Adresas',
      'El. paštas',
      'Internetinės svetainės adresas',
      'Vadovo el. paštas',
      'Vadovo telefono numeris',
      'Paskutinė redagavimo data',
    ]);
  });

  it('reads the ŠMIR client’s record, null where a field is missing or empty', () => {
    const values = smirValues(
      {
        code: '300000001',
        name: 'Demo mokymo centras',
        nameEn: '',
        abbreviation: 'DMC',
        address: 'Gedimino pr. 1, Vilnius',
        email: 'info@demo.lt',
        phone: '+370 5 210 0001',
        lastEditedOn: '2026-10-01',
      },
      vilniusDate,
    );
    expect(values).toEqual({
      code: '300000001',
      nameLt: 'Demo mokymo centras',
      nameEn: null,
      abbreviation: 'DMC',
      address: 'Gedimino pr. 1, Vilnius',
      email: 'info@demo.lt',
      website: null,
      headEmail: null,
      // The institution's phone is not the head's.
      headPhone: null,
      lastEditDate: '2026-10-01',
    });
  });

  it('shows a date-time edit date as its Vilnius date, and nothing without a record', () => {
    expect(smirValues({ lastEditDate: '2026-10-01T22:30:00Z' }, vilniusDate).lastEditDate).toBe('2026-10-02');
    expect(Object.values(smirValues(null, vilniusDate)).every((v) => v === null)).toBe(true);
  });
});
