// Client of Diplomų, atestatų ir kvalifikacijos pažymėjimų registras: a person's diplomas,
// certificates and qualification certificates, for the education criterion (DOC-1..DOC-4, UZT-2).
// Personal codes travel in the body of a POST look-up, never in a URL.
//   POST <base>/persons/search { personalCode } → PersonEducation | 404 (the register has no data)
import { z } from 'zod';
import { createRegistryHttp, expectSameKey, isoDate, personalCode, type RegistryClientOptions } from './http.ts';

/** The education a document certifies, highest first. */
export type EducationLevel =
  | 'HIGHER_UNIVERSITY'
  | 'HIGHER_COLLEGE'
  | 'POST_SECONDARY'
  | 'SPECIALISED_SECONDARY'
  | 'VOCATIONAL_QUALIFICATION'
  | 'SECONDARY'
  | 'BASIC';

/** Lithuanian names of the levels (as the review statuses of DOC-9 name them where they coincide). */
export const EDUCATION_LEVEL_LABELS: Record<EducationLevel, string> = {
  HIGHER_UNIVERSITY: 'Aukštasis universitetinis išsilavinimas',
  HIGHER_COLLEGE: 'Aukštasis koleginis išsilavinimas',
  POST_SECONDARY: 'Aukštesnysis išsilavinimas',
  SPECIALISED_SECONDARY: 'Specialusis vidurinis išsilavinimas',
  VOCATIONAL_QUALIFICATION: 'Įgyta kvalifikacija',
  SECONDARY: 'Vidurinis išsilavinimas',
  BASIC: 'Pagrindinis išsilavinimas',
};

export type EducationDocumentType = 'DIPLOMA' | 'MATURITY_CERTIFICATE' | 'BASIC_EDUCATION_CERTIFICATE' | 'VET_DIPLOMA' | 'QUALIFICATION_CERTIFICATE';

export const EDUCATION_DOCUMENT_LABELS: Record<EducationDocumentType, string> = {
  DIPLOMA: 'Diplomas',
  MATURITY_CERTIFICATE: 'Brandos atestatas',
  BASIC_EDUCATION_CERTIFICATE: 'Pagrindinio išsilavinimo pažymėjimas',
  VET_DIPLOMA: 'Profesinio mokymo diplomas',
  QUALIFICATION_CERTIFICATE: 'Kvalifikacijos pažymėjimas',
};

export interface EducationDocument {
  type: EducationDocumentType;
  series: string;
  number: string;
  issuedOn: string;
  /** The school, college or university that issued it. */
  issuer: string;
  /** Study or training programme. */
  programme: string;
  /** The qualification or degree awarded; empty for school certificates. */
  qualification: string;
  level: EducationLevel;
}

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
  level: z.enum(['HIGHER_UNIVERSITY', 'HIGHER_COLLEGE', 'POST_SECONDARY', 'SPECIALISED_SECONDARY', 'VOCATIONAL_QUALIFICATION', 'SECONDARY', 'BASIC']),
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
