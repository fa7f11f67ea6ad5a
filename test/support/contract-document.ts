// A complete learning-contract snapshot (CON-16) for tests: every Lithuanian letter with a diacritic,
// lower and upper case, in names and clauses; an amount with thousands. Tests change what they need.
import type { ContractDocumentData } from '../../workflows/domain/contract-document.ts';

export function sampleContractData(overrides: Partial<ContractDocumentData> = {}): ContractDocumentData {
  return {
    template: 1,
    number: 'MS-00042/2026',
    datedOn: '2026-03-02',
    numberSource: 'NUMERACIJA',
    generatedAt: '2026-03-02T08:15:00.000Z',
    institution: {
      name: 'UAB „Šviesos žiedas“',
      code: '304567891',
      address: 'Žalgirio g. 12, LT-09300 Vilnius',
      email: 'info@sviesos-ziedas.lt',
      phone: '+37052123456',
      contactPerson: { firstName: 'Ąžuolas', lastName: 'Čepulis', position: 'Mokymo skyriaus vadovas' },
      iban: 'LT601010012345678901',
      bankName: 'AB „Swedbank“',
    },
    participant: {
      firstName: 'Ūla Ėglė',
      lastName: 'Įžymiūtė-Šęšuolė',
      personalCode: '49205170902',
      birthDate: '1992-05-17',
      email: 'ula.izymiute@example.lt',
      phone: '+37061234567',
    },
    programme: {
      code: 'NSP-2026-0101',
      name: 'Skaitmeninių įgūdžių pagrindai',
      kindLabel: 'Neformaliojo suaugusiųjų švietimo ir tęstinio mokymosi programa',
      contactHours: 40,
      totalHours: 60,
    },
    group: {
      name: 'ŽĄSIS-2026 pavasario grupė',
      programmeStart: '2026-03-16',
      programmeEnd: '2026-05-29',
      language: 'lietuvių',
      venue: { name: 'Nuotolinis mokymas', address: 'Žalgirio g. 12, LT-09300 Vilnius, Vilniaus miesto savivaldybė' },
    },
    price: '1234.50',
    funding: [{ source: 'IMP_KREPSELIS', amount: '1234.50' }],
    programmeInfo: {
      executionSpecifics: 'Užsiėmimai vyksta antradieniais ir ketvirtadieniais 18.00–21.15 val.',
      additionalRequirements: 'Asmuo turi turėti kompiuterį su kamera ir mikrofonu.',
      competenceRecognition: 'Įgytos kompetencijos gali būti įskaitytos tęsiant mokymąsi profesinio mokymo įstaigoje.',
      contactName: 'Rūta Žemaitė',
      contactPhone: '+37061111111',
      contactEmail: 'ruta.zemaite@sviesos-ziedas.lt',
      personObligations: 'Asmuo įsipareigoja atlikti visas praktines užduotis ir pateikti jas per ĮŠČŲŪŽ sistemą.',
      providerObligations: 'Mokymo teikėjas įsipareigoja suteikti prieigą prie mokymosi medžiagos ČĘĖĮŠŲŪŽ portale 6 mėnesius.',
      paymentTerms: 'Asmuo nemoka; IMP krepšelio lėšos pervedamos per 30 dienų nuo sąskaitos faktūros patvirtinimo.',
    },
    employer: null,
    providerSigner: null,
    ...overrides,
  };
}
