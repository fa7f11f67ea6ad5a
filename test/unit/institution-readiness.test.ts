// INST-8 and NUM-8 (issue 11, item 9): what the institution must have before a group is published and
// before its contracts are generated (GRP-40, OQ-12). Expected messages written out literally.
import { describe, expect, it } from 'vitest';
import { institutionReadinessProblems } from '../../workflows/domain/institution-readiness.ts';

const INFO = {
  description: null,
  contactFirstName: 'Aldona',
  contactLastName: 'Atsakingoji',
  contactPosition: 'Direktorė',
  contactPhone: '+37061234567',
  contactEmail: 'aldona@example.lt',
  iban: 'LT121000011101001000',
  bankName: 'AB SEB bankas',
};
const STAGES = [{ effectiveFrom: '2026-01-01' }, { effectiveFrom: '2027-03-01' }];

describe('institutionReadinessProblems (INST-8, NUM-8)', () => {
  it('is satisfied by a filled-in tab and a stage valid on the contracts day', () => {
    expect(institutionReadinessProblems({ info: INFO, stages: STAGES, programmeKind: 'NSPR', contractsOn: '2026-12-07' })).toEqual([]);
    expect(institutionReadinessProblems({ info: INFO, stages: STAGES, programmeKind: 'NSPR', contractsOn: '2026-01-01' })).toEqual([]);
  });

  it('names a tab never filled in and numbering never created', () => {
    expect(institutionReadinessProblems({ info: undefined, stages: [], programmeKind: 'NSPR', contractsOn: '2026-12-07' })).toEqual([
      'Neužpildyta institucijos kortelė „Institucijos informacija“: nurodykite už mokymosi programų įgyvendinimą atsakingą asmenį, jo pareigas ir banko rekvizitus.',
      'Nesukurta mokymo sutarčių numeracija: užpildykite institucijos kortelę „Mokymo sutarties numeracija“.',
    ]);
  });

  it('names each empty field of the contact person and bank details', () => {
    const info = { ...INFO, contactPosition: ' ', iban: '', bankName: '' };
    expect(institutionReadinessProblems({ info, stages: STAGES, programmeKind: 'NSPR', contractsOn: '2026-12-07' })).toEqual([
      'Institucijos kortelėje „Institucijos informacija“ neužpildyta: „Pareigos“, „Sąskaitos numeris (IBAN)“, „Banko pavadinimas“.',
    ]);
  });

  it('wants a stage valid on the day the contracts are generated, not only some stage (NUM-7)', () => {
    expect(institutionReadinessProblems({ info: INFO, stages: STAGES, programmeKind: 'NSPR', contractsOn: '2025-12-31' })).toEqual([
      'Nėra mokymo sutarčių numeracijos etapo, galiojančio 2025-12-31: papildykite institucijos kortelę „Mokymo sutarties numeracija“.',
    ]);
  });

  it('asks no numbering of licensed VET programmes: "Mokinių registras" numbers their contracts (NUM-9)', () => {
    for (const kind of ['FORMAL_VET', 'NONFORMAL_VET', 'VET_MODULE']) {
      expect(institutionReadinessProblems({ info: INFO, stages: [], programmeKind: kind, contractsOn: '2026-12-07' })).toEqual([]);
    }
    // The contact person and bank details are printed in every contract and certificate (INST-8).
    expect(
      institutionReadinessProblems({ info: undefined, stages: [], programmeKind: 'FORMAL_VET', contractsOn: '2026-12-07' }),
    ).toHaveLength(1);
  });
});
