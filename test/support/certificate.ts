// A complete certificate snapshot (DONE-19) for tests: every Lithuanian letter with a diacritic, lower
// and upper case, in names and texts; total hours beside contact hours, a verification code of 16 bytes. Tests change
// what they need.
import type { CertificateData } from '../../workflows/domain/certificate.ts';

export const SAMPLE_VERIFICATION_CODE = 'q3Zy0-Lk_8mWcR2tVx9aBw';

export function sampleCertificateData(overrides: Partial<CertificateData> = {}): CertificateData {
  return {
    template: 1,
    number: 'KURSUOK-2026-000123',
    issuedOn: '2026-06-02',
    generatedAt: '2026-06-02T03:05:00.000Z',
    verificationCode: SAMPLE_VERIFICATION_CODE,
    verificationUrl: `https://kursuok.example.lt/kursuok/pazymejimai/${SAMPLE_VERIFICATION_CODE}`,
    participant: { firstName: 'Ūla Ėglė', lastName: 'Įžymiūtė-Šęšuolė', birthDate: '1992-05-17' },
    programme: {
      code: 'NSP-2026-0101',
      name: 'Skaitmeninių įgūdžių pagrindai: ąčęėįšųūž',
      kindLabel: 'Neformaliojo suaugusiųjų švietimo ir tęstinio mokymosi programa',
      contactHours: 40,
      totalHours: 60,
    },
    group: { name: 'ĄČĘĖĮŠŲŪŽ-2026 pavasario grupė', programmeStart: '2026-03-16', programmeEnd: '2026-05-29' },
    assessment: { formatLabel: '10 balų vertinimo skalė', result: '9' },
    institution: {
      name: 'UAB „Šviesos žiedas“',
      code: '304567891',
      contactPerson: { firstName: 'Ąžuolas', lastName: 'Čepulis', position: 'Mokymo skyriaus vadovas' },
    },
    ...overrides,
  };
}
