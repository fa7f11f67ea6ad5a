// The hand-written part of what the ŠMIR simulator knows: the legal entities of the VIISP test
// people that are registered in ŠMIR, and the test free teachers (laisvieji mokytojai). Deliberately
// absent: TEST_LEGAL_ENTITIES.notInSmir and every test person who is not a free teacher (refusal
// paths). The generated institutions and free teachers are added by fixtures.ts.
import type { SmirFreeTeacher, SmirInstitution } from '../../../activities/registries/smir.ts';
import { TEST_LEGAL_ENTITIES as E, TEST_PEOPLE as P } from '../viisp/people.ts';

export const SMIR_INSTITUTIONS: readonly SmirInstitution[] = [
  {
    code: E.demo.code,
    name: E.demo.name,
    nameEn: 'Demo Training Centre',
    abbreviation: 'DMC',
    legalForm: 'Viešoji įstaiga',
    address: 'Gedimino pr. 1, LT-01103 Vilnius',
    headName: `${P.demoHead.givenName} ${P.demoHead.familyName}`,
    email: 'info@demo-centras.lt',
    phone: '+370 5 210 0001',
    website: 'https://www.demo-centras.lt',
    headEmail: 'vytautas.kairys@demo-centras.lt',
    headPhone: '+370 612 00001',
    lastEditedOn: '2026-09-15',
  },
  {
    code: E.other.code,
    name: E.other.name,
    nameEn: 'Other Provider School',
    abbreviation: 'KTM',
    legalForm: 'Uždaroji akcinė bendrovė',
    address: 'Laisvės al. 10, LT-44240 Kaunas',
    headName: `${P.asta.givenName} ${P.asta.familyName}`,
    email: 'rastine@kito-teikejo.lt',
    phone: '+370 37 200 002',
    website: 'https://www.kito-teikejo.lt',
    headEmail: 'asta.kazlauskiene@kito-teikejo.lt',
    headPhone: '+370 612 00002',
    lastEditedOn: '2026-06-03',
  },
  {
    code: E.newInSmir.code,
    name: E.newInSmir.name,
    nameEn: 'Academy of New Skills',
    abbreviation: 'NĮA',
    legalForm: 'Viešoji įstaiga',
    address: 'Tilžės g. 5, LT-76284 Šiauliai',
    headName: `${P.jonas.givenName} ${P.jonas.familyName}`,
    email: 'info@nauju-igudziu-akademija.lt',
    phone: '+370 41 500 003',
    website: 'https://www.nauju-igudziu-akademija.lt',
    headEmail: 'jonas.naujokas@nauju-igudziu-akademija.lt',
    headPhone: '+370 612 00003',
    lastEditedOn: '2025-12-19',
  },
  {
    code: E.futureInSmir.code,
    name: E.futureInSmir.name,
    nameEn: 'Institute of Training Future',
    abbreviation: 'MAI',
    legalForm: 'Viešoji įstaiga',
    address: 'Kęstučio g. 12, LT-08117 Vilnius',
    headName: `${P.algirdas.givenName} ${P.algirdas.familyName}`,
    email: 'info@ateities-institutas.lt',
    phone: '+370 5 200 0004',
    website: 'https://www.ateities-institutas.lt',
    headEmail: 'algirdas.rimkus@ateities-institutas.lt',
    headPhone: '+370 612 00004',
    lastEditedOn: '2026-02-27',
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
