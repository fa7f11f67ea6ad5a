// The IMP-basket eligibility indicator (DOC-19; L3 of REQUIREMENTS.md; manual §3.7.3.1): education
// from the Diplomų registras or a DOC-9 review status, employment from SoDra "Taip" or "Užimtas asmuo"
// (DOC-10), and, for a participant without Lithuanian citizenship, an accepted document on the right
// to live in Lithuania (DOC-12, DOC-16). Expected states, labels and upload requests are written out
// literally, so a wrong constant or rule fails here.
import { describe, expect, it } from 'vitest';
import {
  CRITERION_LABELS,
  DOCUMENT_KIND_LABELS,
  eligibility,
  isReviewOption,
  REVIEW_OPTIONS,
  REVIEW_STATUS_LABELS,
  type DocumentKind,
} from '../../workflows/domain/eligibility.ts';

type Facts = Parameters<typeof eligibility>[0];
type Doc = { kind: DocumentKind; status: string };

/** A Lithuanian citizen with a university diploma in the registry and SoDra "Taip": eligible. */
function facts(overrides: Partial<Facts> = {}): Facts {
  return { registryEducationLevels: ['HIGHER_UNIVERSITY'], sodraEmployed: true, citizen: true, documents: [], ...overrides };
}

const education = (status: string): Doc => ({ kind: 'ISSILAVINIMAS', status });
const employment = (status: string): Doc => ({ kind: 'UZIMTUMAS', status });
const residence = (status: string): Doc => ({ kind: 'GYVENIMAS', status });

/** What the portal asks the participant to upload (PORTAL-4), literally. */
const UPLOAD_EDUCATION = 'Išsilavinimą patvirtinantis dokumentas';
const UPLOAD_EMPLOYMENT = 'Užimtumą patvirtinantis dokumentas';
const UPLOAD_RESIDENCE = 'Teisę gyventi Lietuvoje patvirtinantis dokumentas';

describe('DOC-19 eligibility indicator', () => {
  it('a citizen with registry education and SoDra "Taip" is eligible without any document', () => {
    expect(eligibility(facts())).toEqual({
      education: 'atitinka',
      employment: 'atitinka',
      residence: null,
      eligible: true,
      missing: [],
    });
  });

  it('missing data (no registry education, SoDra not asked, no documents) meets nothing and asks for both documents', () => {
    expect(eligibility(facts({ registryEducationLevels: [], sodraEmployed: null, documents: [] }))).toEqual({
      education: 'neatitinka',
      employment: 'neatitinka',
      residence: null,
      eligible: false,
      missing: [UPLOAD_EDUCATION, UPLOAD_EMPLOYMENT],
    });
  });

  it('missing data of a non-citizen asks for all three documents, in this order', () => {
    expect(eligibility(facts({ registryEducationLevels: [], sodraEmployed: false, citizen: false }))).toEqual({
      education: 'neatitinka',
      employment: 'neatitinka',
      residence: 'neatitinka',
      eligible: false,
      missing: [UPLOAD_EDUCATION, UPLOAD_EMPLOYMENT, UPLOAD_RESIDENCE],
    });
  });
});

describe('education criterion (DOC-2, DOC-3, DOC-4, DOC-9, DOC-11)', () => {
  // DOC-2: an acquired qualification or higher university / college education in the registry.
  it.each([
    ['HIGHER_UNIVERSITY', 'atitinka'],
    ['HIGHER_COLLEGE', 'atitinka'],
    ['VOCATIONAL_QUALIFICATION', 'atitinka'],
    // The manual's registry rule names only these three; the others need a reviewed document (DOC-4).
    ['POST_SECONDARY', 'neatitinka'],
    ['SPECIALISED_SECONDARY', 'neatitinka'],
    // DOC-3: secondary education alone is not enough.
    ['SECONDARY', 'neatitinka'],
    ['BASIC', 'neatitinka'],
    ['UNKNOWN_LEVEL', 'neatitinka'],
  ])('registry level %s → %s', (level, expected) => {
    const e = eligibility(facts({ registryEducationLevels: [level] }));
    expect(e.education).toBe(expected);
    expect(e.eligible).toBe(expected === 'atitinka');
    expect(e.missing).toEqual(expected === 'atitinka' ? [] : [UPLOAD_EDUCATION]);
  });

  it('one qualifying document among secondary ones in the registry is enough', () => {
    expect(eligibility(facts({ registryEducationLevels: ['SECONDARY', 'BASIC', 'HIGHER_COLLEGE'] })).education).toBe('atitinka');
    expect(eligibility(facts({ registryEducationLevels: ['SECONDARY', 'BASIC'] })).education).toBe('neatitinka');
  });

  // DOC-9: the seven review statuses that meet the criterion.
  it.each([
    'AUKSTASIS',
    'AUKSTASIS_UNIVERSITETINIS',
    'AUKSTASIS_KOLEGINIS',
    'AUKSTESNYSIS',
    'SPECIALUSIS_VIDURINIS',
    'IGYTA_KVALIFIKACIJA',
    'AUKSTA_PROFESINE_KVALIFIKACIJA',
  ])('a reviewed education document "%s" meets it when the registry has nothing', (status) => {
    expect(eligibility(facts({ registryEducationLevels: [], documents: [education(status)] }))).toEqual({
      education: 'atitinka',
      employment: 'atitinka',
      residence: null,
      eligible: true,
      missing: [],
    });
  });

  it.each([
    // DOC-11: other documents, not enough for state funding; the participant uploads again.
    ['PAPILDOMI_DOKUMENTAI', 'neatitinka', [UPLOAD_EDUCATION]],
    // DOC-15: unreadable or irrelevant.
    ['PAKARTOTI', 'neatitinka', [UPLOAD_EDUCATION]],
    // DOC-17: awaiting review: nothing more to upload, not eligible yet.
    ['LAUKIA', 'laukia', []],
    // An employment status on an education document does not count.
    ['UZIMTAS_ASMUO', 'neatitinka', [UPLOAD_EDUCATION]],
    // Statuses outside the vocabulary count for nothing (not even names every object has).
    ['', 'neatitinka', [UPLOAD_EDUCATION]],
    ['constructor', 'neatitinka', [UPLOAD_EDUCATION]],
    ['toString', 'neatitinka', [UPLOAD_EDUCATION]],
  ])('an education document "%s" alone → %s', (status, expected, missing) => {
    const e = eligibility(facts({ registryEducationLevels: ['SECONDARY'], documents: [education(status)] }));
    expect(e.education).toBe(expected);
    expect(e.eligible).toBe(false);
    expect(e.missing).toEqual(missing);
  });

  it('a rejected document followed by a new upload awaits review; an accepted one among rejected ones meets it', () => {
    const base = { registryEducationLevels: [] as string[] };
    expect(eligibility(facts({ ...base, documents: [education('PAPILDOMI_DOKUMENTAI'), education('LAUKIA')] })).education).toBe('laukia');
    expect(eligibility(facts({ ...base, documents: [education('PAKARTOTI'), education('AUKSTESNYSIS')] })).education).toBe('atitinka');
    // Met wins over a further document still awaiting review.
    expect(eligibility(facts({ ...base, documents: [education('IGYTA_KVALIFIKACIJA'), education('LAUKIA')] })).education).toBe('atitinka');
  });

  it('the registry meets it whatever the documents say', () => {
    expect(eligibility(facts({ documents: [education('PAPILDOMI_DOKUMENTAI')] })).education).toBe('atitinka');
  });
});

describe('employment criterion (DOC-5, DOC-6, DOC-10)', () => {
  it.each([
    [true, 'atitinka', []],
    [false, 'neatitinka', [UPLOAD_EMPLOYMENT]],
    // SoDra not asked or unavailable: missing data, the document is asked for.
    [null, 'neatitinka', [UPLOAD_EMPLOYMENT]],
  ] as const)('SoDra %s without documents → %s', (sodraEmployed, expected, missing) => {
    const e = eligibility(facts({ sodraEmployed }));
    expect(e.employment).toBe(expected);
    expect(e.eligible).toBe(expected === 'atitinka');
    expect(e.missing).toEqual(missing);
  });

  it.each([
    ['UZIMTAS_ASMUO', 'atitinka', []],
    ['PAPILDOMI_DOKUMENTAI', 'neatitinka', [UPLOAD_EMPLOYMENT]],
    ['PAKARTOTI', 'neatitinka', [UPLOAD_EMPLOYMENT]],
    ['LAUKIA', 'laukia', []],
    // An education status on an employment document does not count.
    ['AUKSTASIS', 'neatitinka', [UPLOAD_EMPLOYMENT]],
  ])('SoDra "Ne" and an employment document "%s" → %s', (status, expected, missing) => {
    const e = eligibility(facts({ sodraEmployed: false, documents: [employment(status)] }));
    expect(e.employment).toBe(expected);
    expect(e.eligible).toBe(expected === 'atitinka');
    expect(e.missing).toEqual(missing);
  });

  it('an accepted employment document meets it even when SoDra is unknown', () => {
    expect(eligibility(facts({ sodraEmployed: null, documents: [employment('PAKARTOTI'), employment('UZIMTAS_ASMUO')] })).employment).toBe(
      'atitinka',
    );
  });

  it('an employment document does not meet the education criterion, nor an education document the employment one', () => {
    const e = eligibility(
      facts({ registryEducationLevels: [], sodraEmployed: false, documents: [employment('UZIMTAS_ASMUO'), education('LAUKIA')] }),
    );
    expect(e).toEqual({ education: 'laukia', employment: 'atitinka', residence: null, eligible: false, missing: [] });
  });
});

describe('residence criterion: Lithuanian citizenship or the right to live in Lithuania (DOC-12, DOC-16)', () => {
  it('does not apply to a citizen, whatever residence documents she has', () => {
    for (const documents of [[], [residence('GYVENIMAS_NEPRIPAZINTAS')], [residence('LAUKIA')]]) {
      const e = eligibility(facts({ citizen: true, documents }));
      expect(e.residence).toBeNull();
      expect(e.eligible).toBe(true);
      expect(e.missing).toEqual([]);
    }
  });

  it('is met for a non-citizen with an accepted residence document', () => {
    expect(eligibility(facts({ citizen: false, documents: [residence('GYVENIMAS_PRIPAZINTAS')] }))).toEqual({
      education: 'atitinka',
      employment: 'atitinka',
      residence: 'atitinka',
      eligible: true,
      missing: [],
    });
  });

  it('is not met for a non-citizen without a residence document, even when education and employment are', () => {
    expect(eligibility(facts({ citizen: false }))).toEqual({
      education: 'atitinka',
      employment: 'atitinka',
      residence: 'neatitinka',
      eligible: false,
      missing: [UPLOAD_RESIDENCE],
    });
  });

  it.each([
    ['GYVENIMAS_NEPRIPAZINTAS', 'neatitinka', [UPLOAD_RESIDENCE]],
    ['PAKARTOTI', 'neatitinka', [UPLOAD_RESIDENCE]],
    ['LAUKIA', 'laukia', []],
    // Other kinds' statuses on a residence document do not count.
    ['UZIMTAS_ASMUO', 'neatitinka', [UPLOAD_RESIDENCE]],
    ['AUKSTASIS', 'neatitinka', [UPLOAD_RESIDENCE]],
  ])('a non-citizen with a residence document "%s" → %s, not eligible', (status, expected, missing) => {
    const e = eligibility(facts({ citizen: false, documents: [residence(status)] }));
    expect(e.residence).toBe(expected);
    expect(e.eligible).toBe(false);
    expect(e.missing).toEqual(missing);
  });

  it('a refused residence document and a new upload awaits review; a later acceptance meets it', () => {
    const refused = residence('GYVENIMAS_NEPRIPAZINTAS');
    expect(eligibility(facts({ citizen: false, documents: [refused, residence('LAUKIA')] })).residence).toBe('laukia');
    expect(eligibility(facts({ citizen: false, documents: [refused, residence('GYVENIMAS_PRIPAZINTAS')] }))).toMatchObject({
      residence: 'atitinka',
      eligible: true,
    });
  });

  it('an accepted document of another kind does not meet the residence criterion', () => {
    const e = eligibility(facts({ citizen: false, documents: [education('AUKSTASIS'), employment('UZIMTAS_ASMUO')] }));
    expect(e.residence).toBe('neatitinka');
    expect(e.eligible).toBe(false);
  });
});

describe('every combination of the three criteria', () => {
  type State = 'atitinka' | 'laukia' | 'neatitinka';
  const educationFacts: Record<State, { levels: string[]; docs: Doc[] }> = {
    atitinka: { levels: ['HIGHER_COLLEGE'], docs: [] },
    laukia: { levels: ['SECONDARY'], docs: [education('LAUKIA')] },
    neatitinka: { levels: ['SECONDARY'], docs: [education('PAPILDOMI_DOKUMENTAI')] },
  };
  const employmentFacts: Record<State, { sodraEmployed: boolean | null; docs: Doc[] }> = {
    atitinka: { sodraEmployed: false, docs: [employment('UZIMTAS_ASMUO')] },
    laukia: { sodraEmployed: false, docs: [employment('LAUKIA')] },
    neatitinka: { sodraEmployed: null, docs: [] },
  };
  const residenceFacts: Record<State | 'pilietis', { citizen: boolean; docs: Doc[] }> = {
    pilietis: { citizen: true, docs: [] },
    atitinka: { citizen: false, docs: [residence('GYVENIMAS_PRIPAZINTAS')] },
    laukia: { citizen: false, docs: [residence('LAUKIA')] },
    neatitinka: { citizen: false, docs: [residence('GYVENIMAS_NEPRIPAZINTAS')] },
  };
  /** The only two combinations that are eligible. */
  const ELIGIBLE = new Set(['atitinka/atitinka/pilietis', 'atitinka/atitinka/atitinka']);
  const states: State[] = ['atitinka', 'laukia', 'neatitinka'];
  const cases = states.flatMap((ed) => states.flatMap((em) => (['pilietis', ...states] as const).map((re) => [ed, em, re] as const)));

  it.each(cases)('education %s, employment %s, residence %s', (ed, em, re) => {
    const e = eligibility({
      registryEducationLevels: educationFacts[ed].levels,
      sodraEmployed: employmentFacts[em].sodraEmployed,
      citizen: residenceFacts[re].citizen,
      documents: [...educationFacts[ed].docs, ...employmentFacts[em].docs, ...residenceFacts[re].docs],
    });
    expect(e.education).toBe(ed);
    expect(e.employment).toBe(em);
    expect(e.residence).toBe(re === 'pilietis' ? null : re);
    expect(e.eligible).toBe(ELIGIBLE.has(`${ed}/${em}/${re}`));
    expect(e.missing).toEqual([
      ...(ed === 'neatitinka' ? ['Išsilavinimą patvirtinantis dokumentas'] : []),
      ...(em === 'neatitinka' ? ['Užimtumą patvirtinantis dokumentas'] : []),
      ...(re === 'neatitinka' ? ['Teisę gyventi Lietuvoje patvirtinantis dokumentas'] : []),
    ]);
  });
});

describe('Lithuanian labels of the rule (manual §3.7.3.1)', () => {
  it('names the criterion states', () => {
    expect(CRITERION_LABELS).toEqual({ atitinka: 'Atitinka', laukia: 'Laukiama dokumento vertinimo', neatitinka: 'Neatitinka' });
  });

  it('names the document kinds as the portal asks for them', () => {
    expect(DOCUMENT_KIND_LABELS).toEqual({
      ISSILAVINIMAS: 'Išsilavinimą patvirtinantis dokumentas',
      UZIMTUMAS: 'Užimtumą patvirtinantis dokumentas',
      GYVENIMAS: 'Teisę gyventi Lietuvoje patvirtinantis dokumentas',
    });
  });

  it("uses the manual's review statuses (DOC-9, DOC-10, DOC-11) and the suggested ones (DOC-15..DOC-17, OQ-31)", () => {
    expect(REVIEW_STATUS_LABELS).toEqual({
      LAUKIA: 'Laukia vertinimo',
      AUKSTASIS: 'Aukštasis išsilavinimas',
      AUKSTASIS_UNIVERSITETINIS: 'Aukštasis universitetinis išsilavinimas',
      AUKSTASIS_KOLEGINIS: 'Aukštasis koleginis išsilavinimas',
      AUKSTESNYSIS: 'Aukštesnysis išsilavinimas',
      SPECIALUSIS_VIDURINIS: 'Specialusis vidurinis išsilavinimas',
      IGYTA_KVALIFIKACIJA: 'Įgyta kvalifikacija',
      AUKSTA_PROFESINE_KVALIFIKACIJA: 'Aukšta profesinė kvalifikacija',
      UZIMTAS_ASMUO: 'Užimtas asmuo',
      PAPILDOMI_DOKUMENTAI: 'Papildomi dokumentai',
      PAKARTOTI: 'Netinkamas: įkelkite iš naujo',
      GYVENIMAS_PRIPAZINTAS: 'Teisė gyventi Lietuvoje patvirtinta',
      GYVENIMAS_NEPRIPAZINTAS: 'Teisė gyventi Lietuvoje nepatvirtinta',
    });
  });

  it("offers the reviewer only the statuses of the document's kind (DOC-15, DOC-16)", () => {
    expect(REVIEW_OPTIONS).toEqual({
      ISSILAVINIMAS: [
        'AUKSTASIS',
        'AUKSTASIS_UNIVERSITETINIS',
        'AUKSTASIS_KOLEGINIS',
        'AUKSTESNYSIS',
        'SPECIALUSIS_VIDURINIS',
        'IGYTA_KVALIFIKACIJA',
        'AUKSTA_PROFESINE_KVALIFIKACIJA',
        'PAPILDOMI_DOKUMENTAI',
        'PAKARTOTI',
      ],
      UZIMTUMAS: ['UZIMTAS_ASMUO', 'PAPILDOMI_DOKUMENTAI', 'PAKARTOTI'],
      GYVENIMAS: ['GYVENIMAS_PRIPAZINTAS', 'GYVENIMAS_NEPRIPAZINTAS', 'PAKARTOTI'],
    });
    expect(isReviewOption('GYVENIMAS', 'GYVENIMAS_PRIPAZINTAS')).toBe(true);
    expect(isReviewOption('GYVENIMAS', 'UZIMTAS_ASMUO')).toBe(false);
    expect(isReviewOption('UZIMTUMAS', 'AUKSTASIS')).toBe(false);
    expect(isReviewOption('ISSILAVINIMAS', 'LAUKIA')).toBe(false);
  });
});
