// Eligibility for IMP-basket funding (§3.7.3.1, L3; DOC-1..DOC-21) and the document review
// statuses, as pure rules shared by the workflows, the portal, the reviewer's queue and the
// provider's "Mokymo dalyviai" tab. Status words are the manual's (DOC-9..DOC-11); those the
// manual does not name (awaiting review, re-upload, residence accepted / not) are suggestions (OQ-31, OQ-51).
import type { EducationLevel } from './education.ts';

export const DocumentKind = {
  Education: 'ISSILAVINIMAS',
  Employment: 'UZIMTUMAS',
  Residence: 'GYVENIMAS',
} as const;
export type DocumentKind = (typeof DocumentKind)[keyof typeof DocumentKind];

export const DOCUMENT_KIND_LABELS: Record<DocumentKind, string> = {
  ISSILAVINIMAS: 'Išsilavinimą patvirtinantis dokumentas',
  UZIMTUMAS: 'Užimtumą patvirtinantis dokumentas',
  GYVENIMAS: 'Teisę gyventi Lietuvoje patvirtinantis dokumentas',
};

/** DOC-17: uploaded, awaiting the reviewer (label not in the manual). */
export const AWAITING_REVIEW = 'LAUKIA';

/** DOC-9: an education document's review statuses that meet the education criterion. */
export const EDUCATION_STATUSES = {
  AUKSTASIS: 'Aukštasis išsilavinimas',
  AUKSTASIS_UNIVERSITETINIS: 'Aukštasis universitetinis išsilavinimas',
  AUKSTASIS_KOLEGINIS: 'Aukštasis koleginis išsilavinimas',
  AUKSTESNYSIS: 'Aukštesnysis išsilavinimas',
  SPECIALUSIS_VIDURINIS: 'Specialusis vidurinis išsilavinimas',
  IGYTA_KVALIFIKACIJA: 'Įgyta kvalifikacija',
  AUKSTA_PROFESINE_KVALIFIKACIJA: 'Aukšta profesinė kvalifikacija',
} as const;

/** Every review status a reviewer can set, with its Lithuanian label. */
export const REVIEW_STATUS_LABELS: Record<string, string> = {
  [AWAITING_REVIEW]: 'Laukia vertinimo',
  ...EDUCATION_STATUSES,
  /** DOC-10. */
  UZIMTAS_ASMUO: 'Užimtas asmuo',
  /** DOC-11: other documents, not enough for state funding. */
  PAPILDOMI_DOKUMENTAI: 'Papildomi dokumentai',
  /** DOC-15, D5: unreadable or irrelevant; the participant uploads again (label suggested). */
  PAKARTOTI: 'Netinkamas: įkelkite iš naujo',
  /** DOC-16, OQ-31 (labels suggested). */
  GYVENIMAS_PRIPAZINTAS: 'Teisė gyventi Lietuvoje patvirtinta',
  GYVENIMAS_NEPRIPAZINTAS: 'Teisė gyventi Lietuvoje nepatvirtinta',
};

/** The statuses a reviewer may set on a document of each kind (DOC-15, DOC-16). */
export const REVIEW_OPTIONS: Record<DocumentKind, readonly string[]> = {
  ISSILAVINIMAS: [...Object.keys(EDUCATION_STATUSES), 'PAPILDOMI_DOKUMENTAI', 'PAKARTOTI'],
  UZIMTUMAS: ['UZIMTAS_ASMUO', 'PAPILDOMI_DOKUMENTAI', 'PAKARTOTI'],
  GYVENIMAS: ['GYVENIMAS_PRIPAZINTAS', 'GYVENIMAS_NEPRIPAZINTAS', 'PAKARTOTI'],
};

export function isReviewOption(kind: DocumentKind, status: string): boolean {
  return REVIEW_OPTIONS[kind].includes(status);
}

/** Registry education levels (education.ts) that meet the criterion (DOC-2, DOC-3). */
const QUALIFYING_LEVELS: ReadonlySet<string> = new Set<EducationLevel>(['HIGHER_UNIVERSITY', 'HIGHER_COLLEGE', 'VOCATIONAL_QUALIFICATION']);

interface EligibilityFacts {
  /** The levels of the person's documents in the Diplomų registras (empty: no data, or secondary only). */
  registryEducationLevels: readonly string[];
  /** SoDra: true "Taip", false "Ne", null unknown (not asked or unavailable). */
  sodraEmployed: boolean | null;
  citizen: boolean;
  /** The person's documents with their current review status. */
  documents: readonly { kind: DocumentKind; status: string }[];
}

export type CriterionState = 'atitinka' | 'laukia' | 'neatitinka';

export interface Eligibility {
  education: CriterionState;
  employment: CriterionState;
  /** null: a citizen, the criterion does not apply. */
  residence: CriterionState | null;
  /** DOC-19: all criteria met. */
  eligible: boolean;
  /** What the participant still has to upload (PORTAL-4), in Lithuanian; empty when nothing. */
  missing: string[];
}

function criterion(met: boolean, docs: readonly { status: string }[]): CriterionState {
  if (met) return 'atitinka';
  return docs.some((d) => d.status === AWAITING_REVIEW) ? 'laukia' : 'neatitinka';
}

/** DOC-19: the IMP-funding eligibility indicator, from registry data first and reviewed documents otherwise. */
export function eligibility(f: EligibilityFacts): Eligibility {
  const of = (kind: DocumentKind) => f.documents.filter((d) => d.kind === kind);
  const educationDocs = of(DocumentKind.Education);
  const employmentDocs = of(DocumentKind.Employment);
  const residenceDocs = of(DocumentKind.Residence);
  const education = criterion(
    f.registryEducationLevels.some((l) => QUALIFYING_LEVELS.has(l)) ||
      educationDocs.some((d) => Object.hasOwn(EDUCATION_STATUSES, d.status)),
    educationDocs,
  );
  const employment = criterion(f.sodraEmployed === true || employmentDocs.some((d) => d.status === 'UZIMTAS_ASMUO'), employmentDocs);
  const residence = f.citizen
    ? null
    : criterion(
        residenceDocs.some((d) => d.status === 'GYVENIMAS_PRIPAZINTAS'),
        residenceDocs,
      );
  const missing: string[] = [];
  if (education === 'neatitinka') missing.push(DOCUMENT_KIND_LABELS.ISSILAVINIMAS);
  if (employment === 'neatitinka') missing.push(DOCUMENT_KIND_LABELS.UZIMTUMAS);
  if (residence === 'neatitinka') missing.push(DOCUMENT_KIND_LABELS.GYVENIMAS);
  return {
    education,
    employment,
    residence,
    eligible: education === 'atitinka' && employment === 'atitinka' && residence !== 'laukia' && residence !== 'neatitinka',
    missing,
  };
}

export const CRITERION_LABELS: Record<CriterionState, string> = {
  atitinka: 'Atitinka',
  laukia: 'Laukiama dokumento vertinimo',
  neatitinka: 'Neatitinka',
};
