// The learning contract's rules (L5; CON-7..CON-12, CON-18, CON-21, CON-22): who may sign, ask to
// terminate or terminate when. Expected Lithuanian messages written out.
import { describe, expect, it } from 'vitest';
import {
  allSigned,
  signingRefusal,
  terminationRefusal,
  terminationRequestRefusal,
  type ContractSides,
} from '../../workflows/domain/learning-contract.ts';

const awaiting: ContractSides = { participant: 'LAUKIA_PARASO', provider: 'LAUKIA_PARASO', employer: null };
const inForce: ContractSides = { participant: 'PASIRASYTA', provider: 'PASIRASYTA', employer: null };

describe('allSigned (K4, CON-18)', () => {
  it('needs every party, in any order; a trilateral contract the employer too (CON-22)', () => {
    expect(allSigned(awaiting)).toBe(false);
    expect(allSigned({ ...awaiting, participant: 'PASIRASYTA' })).toBe(false);
    expect(allSigned({ ...awaiting, provider: 'PASIRASYTA' })).toBe(false);
    expect(allSigned(inForce)).toBe(true);
    expect(allSigned({ ...inForce, employer: 'LAUKIA_PARASO' })).toBe(false);
    expect(allSigned({ ...inForce, employer: 'PASIRASYTA' })).toBe(true);
    expect(allSigned({ ...inForce, participant: 'PRASOMA_NUTRAUKTI' })).toBe(true);
  });
});

describe('signingRefusal (K2, K3, CON-21)', () => {
  it('lets each party sign once while the contract is being signed', () => {
    expect(signingRefusal('PASIRASOMA', awaiting, 'participant')).toBeNull();
    expect(signingRefusal('PASIRASOMA', awaiting, 'provider')).toBeNull();
    expect(signingRefusal('PASIRASOMA', { ...awaiting, participant: 'PASIRASYTA' }, 'participant')).toBe('Sutartį jau pasirašėte.');
    expect(signingRefusal('PASIRASOMA', awaiting, 'employer')).toBe('Ši sutartis nėra trišalė: darbdavio atstovas jos nepasirašo.');
    expect(signingRefusal('PASIRASOMA', { ...awaiting, employer: 'LAUKIA_PARASO' }, 'employer')).toBeNull();
  });

  it('refuses before the document is ready, while blocked, after termination and once void', () => {
    expect(signingRefusal('RENGIAMA', awaiting, 'participant')).toBe('Sutartis dar rengiama: pasirašyti bus galima, kai ji bus parengta.');
    expect(signingRefusal('SUSTABDYTA', awaiting, 'provider')).toBe(
      'Sutarties pasirašyti dar negalima: mokymo teikėjas turi užpildyti trūkstamą informaciją.',
    );
    expect(signingRefusal('NUTRAUKTA', awaiting, 'participant')).toBe('Sutartis nutraukta: jos pasirašyti nebegalima.');
    expect(signingRefusal('NEGALIOJA', awaiting, 'participant')).toBe(
      'Sutartis negalioja: ji nebuvo pasirašyta iki mokymosi programos vykdymo pradžios.',
    );
  });
});

describe('termination (K6..K8, CON-7..CON-11)', () => {
  it('the participant asks once, only for a contract in force', () => {
    expect(terminationRequestRefusal('GALIOJA', inForce)).toBeNull();
    expect(terminationRequestRefusal('PASIRASOMA', awaiting)).toBe(
      'Prašymą nutraukti galima pateikti tik dėl galiojančios (abiejų šalių pasirašytos) sutarties.',
    );
    expect(terminationRequestRefusal('GALIOJA', { ...inForce, participant: 'PRASOMA_NUTRAUKTI' })).toBe(
      'Prašymą nutraukti sutartį jau pateikėte.',
    );
  });

  it('the provider terminates on one of two grounds; the participant’s non-fulfilment needs a reason', () => {
    expect(terminationRefusal('GALIOJA', inForce, 'TEIKEJO_ISIPAREIGOJIMAI', '')).toBeNull();
    expect(terminationRefusal('GALIOJA', inForce, 'DALYVIO_ISIPAREIGOJIMAI', '  ')).toEqual({
      field: 'reason',
      message: 'Nurodykite mokymosi sutarties nutraukimo priežastį.',
    });
    expect(terminationRefusal('GALIOJA', inForce, 'DALYVIO_ISIPAREIGOJIMAI', 'Nelankė užsiėmimų.')).toBeNull();
    expect(terminationRefusal('GALIOJA', inForce, undefined, '')).toEqual({
      field: 'ground',
      message: 'Pasirinkite sutarties nutraukimo pagrindą.',
    });
    // Granting the participant's request (K7) is a ground only once she asked.
    expect(terminationRefusal('GALIOJA', inForce, 'DALYVIO_PRASYMAS', '')).toEqual({
      field: 'ground',
      message: 'Pasirinkite sutarties nutraukimo pagrindą.',
    });
    expect(terminationRefusal('GALIOJA', { ...inForce, participant: 'PRASOMA_NUTRAUKTI' }, 'DALYVIO_PRASYMAS', '')).toBeNull();
    expect(terminationRefusal('NUTRAUKTA', inForce, 'TEIKEJO_ISIPAREIGOJIMAI', '')).toEqual({
      field: null,
      message: 'Sutartis jau nutraukta.',
    });
    expect(terminationRefusal('PASIRASOMA', awaiting, 'TEIKEJO_ISIPAREIGOJIMAI', '')).toEqual({
      field: null,
      message: 'Nutraukti galima tik galiojančią (visų šalių pasirašytą) sutartį.',
    });
    expect(terminationRefusal('GALIOJA', inForce, 'TEIKEJO_ISIPAREIGOJIMAI', 'x'.repeat(2001))).toEqual({
      field: 'reason',
      message: 'Nutraukimo priežastis – ne daugiau kaip 2000 simbolių.',
    });
  });
});
