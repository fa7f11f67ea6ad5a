// What the Diplomų, atestatų ir kvalifikacijos pažymėjimų registras says about a person's education
// (DOC-1..DOC-4, UZT-2), as a vocabulary shared by the registry client, the participant's stored
// registry data, the portal and the provider's "Mokymo dalyviai" tab.

/** The education a document certifies, highest first. */
export type EducationLevel =
  'HIGHER_UNIVERSITY' | 'HIGHER_COLLEGE' | 'POST_SECONDARY' | 'SPECIALISED_SECONDARY' | 'VOCATIONAL_QUALIFICATION' | 'SECONDARY' | 'BASIC';

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

export type EducationDocumentType =
  'DIPLOMA' | 'MATURITY_CERTIFICATE' | 'BASIC_EDUCATION_CERTIFICATE' | 'VET_DIPLOMA' | 'QUALIFICATION_CERTIFICATE';

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
