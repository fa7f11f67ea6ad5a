// Client of Diplomų, atestatų ir kvalifikacijos pažymėjimų registras: a person's diplomas,
// certificates and qualification certificates, for the education criterion (DOC-1..DOC-4, UZT-2).
// Personal codes travel in the body of a POST look-up, never in a URL.
//   POST <base>/persons/search { personalCode } → PersonEducation | 404 (the register has no data)
import { z } from 'zod';
import type { EducationDocument } from '../../workflows/domain/education.ts';
import { isoDate, personalCode } from '../../workflows/domain/registries.ts';
import { createRegistryHttp, expectSameKey, type RegistryClientOptions } from './http.ts';

export interface PersonEducation {
  personalCode: string;
  givenName: string;
  familyName: string;
  documents: EducationDocument[];
}

const DocumentSchema: z.ZodType<EducationDocument> = z.object({
  type: z.enum(['DIPLOMA', 'MATURITY_CERTIFICATE', 'BASIC_EDUCATION_CERTIFICATE', 'VET_DIPLOMA', 'QUALIFICATION_CERTIFICATE']),
  series: z.string(),
  number: z.string().min(1),
  issuedOn: isoDate,
  issuer: z.string(),
  programme: z.string(),
  qualification: z.string(),
  level: z.enum([
    'HIGHER_UNIVERSITY',
    'HIGHER_COLLEGE',
    'POST_SECONDARY',
    'SPECIALISED_SECONDARY',
    'VOCATIONAL_QUALIFICATION',
    'SECONDARY',
    'BASIC',
  ]),
});

const PersonSchema: z.ZodType<PersonEducation> = z.object({
  personalCode,
  givenName: z.string(),
  familyName: z.string(),
  documents: z.array(DocumentSchema),
});

export interface DiplomasClient {
  /** What the register holds about the person; null when it has no data (DOC-4: the person uploads a document). */
  findPerson(personalCode: string): Promise<PersonEducation | null>;
}

export function createDiplomasClient(baseUrl: string, options: RegistryClientOptions = {}): DiplomasClient {
  const http = createRegistryHttp('diplomas', baseUrl, options);
  return {
    async findPerson(code) {
      const found = await http.post('/persons/search', { personalCode: code }, PersonSchema, { idempotent: true });
      return expectSameKey('diplomas', found, (p) => p.personalCode, code);
    },
  };
}
