// What the ŠMIR simulator knows: the legal entities of the VIISP test people that are registered
// in ŠMIR, and the registered free teachers (laisvieji mokytojai). Deliberately absent:
// TEST_LEGAL_ENTITIES.notInSmir and every person who is not a free teacher (refusal paths).
import type { SmirFreeTeacher, SmirInstitution } from '../../../activities/registries/smir.ts';
import { TEST_LEGAL_ENTITIES as E, TEST_PEOPLE as P } from '../viisp/people.ts';

export const SMIR_INSTITUTIONS: readonly SmirInstitution[] = [
  {
    code: E.demo.code,
    name: E.demo.name,
    legalForm: 'Viešoji įstaiga',
    address: 'Gedimino pr. 1, LT-01103 Vilnius',
    headName: `${P.demoHead.givenName} ${P.demoHead.familyName}`,
    email: 'info@demo-centras.lt',
    phone: '+370 5 210 0001',
  },
  {
    code: E.other.code,
    name: E.other.name,
    legalForm: 'Uždaroji akcinė bendrovė',
    address: 'Laisvės al. 10, LT-44240 Kaunas',
    headName: `${P.asta.givenName} ${P.asta.familyName}`,
    email: 'rastine@kito-teikejo.lt',
    phone: '+370 37 200 002',
  },
  {
    code: E.newInSmir.code,
    name: E.newInSmir.name,
    legalForm: 'Viešoji įstaiga',
    address: 'Tilžės g. 5, LT-76284 Šiauliai',
    headName: `${P.jonas.givenName} ${P.jonas.familyName}`,
    email: 'info@nauju-igudziu-akademija.lt',
    phone: '+370 41 500 003',
  },
  {
    code: E.futureInSmir.code,
    name: E.futureInSmir.name,
    legalForm: 'Viešoji įstaiga',
    address: 'Kęstučio g. 12, LT-08117 Vilnius',
    headName: `${P.algirdas.givenName} ${P.algirdas.familyName}`,
    email: 'info@ateities-institutas.lt',
    phone: '+370 5 200 004',
  },
];

export const SMIR_FREE_TEACHERS: readonly SmirFreeTeacher[] = [
  {
    personalCode: P.ona.personalCode,
    name: `${P.ona.givenName} ${P.ona.familyName}`,
    address: 'Vilniaus g. 12-3, LT-35200 Panevėžys',
    email: 'ona.laisvoji@pastas.lt',
  },
  {
    personalCode: P.olena.personalCode,
    name: `${P.olena.givenName} ${P.olena.familyName}`,
    address: 'Taikos pr. 40-15, LT-93200 Klaipėda',
    email: 'olena.kovalenko@pastas.lt',
  },
];
