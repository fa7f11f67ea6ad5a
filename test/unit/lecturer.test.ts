// The lecturer window's rules (LECT-4..LECT-10, OQ-14).
import { describe, expect, it } from 'vitest';
import {
  canBeScheduled,
  isShownOnWebsite,
  LECTURER_REQUIREMENTS,
  lecturerRemarks,
  NOT_PUBLISHED_REMARK,
  validateLecturer,
  type LecturerFormInput,
} from '../../workflows/domain/lecturer.ts';

/** The Lithuanian messages expected (lecturer.ts), written out so a wrong text fails. */
const M = {
  required: 'Privalomas laukas.',
  email: 'Neteisingas el. pašto adresas (pvz., vardenis.pavardenis@imone.lt).',
  phone: 'Neteisingas telefono numeris: įveskite, pvz., +370 612 34567 arba 8 612 34567; užsienio numerį – su šalies kodu.',
  noRequirement: 'Pažymėkite bent vieną reikalavimą, kurį lektorius atitinka.',
  unknownRequirement: 'Neteisingas reikalavimas.',
  documentRequired: 'Įkelkite dokumento kopiją, liudijančią lektoriaus atitiktį šiam reikalavimui.',
  consentRequired: 'Pasirinkite „Taip“ arba „Ne“.',
};

const FILE_A = '0a5e2f3c-7d7a-4c8e-9b1a-1f2e3d4c5b6a';
const FILE_B = '1b5e2f3c-7d7a-4c8e-9b1a-1f2e3d4c5b6b';

function form(overrides: LecturerFormInput = {}): LecturerFormInput {
  return {
    firstName: 'Ona',
    lastName: 'Onaitienė',
    email: 'ona@example.lt',
    phone: '',
    description: '',
    active: ['taip'],
    requirements: ['KVALIFIKACIJA'],
    publishConsent: 'TAIP',
    ...overrides,
  };
}

describe('lecturer window', () => {
  it('has two configurable requirements with Lithuanian labels (OQ-14)', () => {
    expect(LECTURER_REQUIREMENTS.map((r) => r.key)).toEqual(['KVALIFIKACIJA', 'PATIRTIS']);
    for (const r of LECTURER_REQUIREMENTS) expect(r.label).toMatch(/^Lektorius /);
  });

  it('accepts a lecturer with a document for each ticked requirement, keeping only ticked ones', () => {
    const result = validateLecturer(form({ firstName: ' Ona ', phone: '+370 600 12345' }), {
      stored: { KVALIFIKACIJA: FILE_A, PATIRTIS: FILE_B },
      refused: {},
    });
    expect(result).toEqual({
      ok: true,
      value: {
        firstName: 'Ona',
        lastName: 'Onaitienė',
        email: 'ona@example.lt',
        phone: '+37060012345', // stored in E.164
        description: null,
        active: true,
        requirements: ['KVALIFIKACIJA'],
        documents: { KVALIFIKACIJA: FILE_A },
        publishConsent: true,
      },
    });
  });

  it('reads an unticked "Aktyvus lektorius" and the answer "Ne"', () => {
    const result = validateLecturer(form({ active: [], publishConsent: 'NE' }), { stored: { KVALIFIKACIJA: FILE_A }, refused: {} });
    expect(result.ok && result.value.active).toBe(false);
    expect(result.ok && result.value.publishConsent).toBe(false);
  });

  it('reports every problem at once, in the form’s order (LECT-6, LECT-7, LECT-8)', () => {
    const result = validateLecturer(
      form({ firstName: '', email: 'ne-adresas', phone: 'skambinti', requirements: [], publishConsent: '' }),
      {
        stored: {},
        refused: {},
      },
    );
    expect(result).toEqual({
      ok: false,
      errors: {
        firstName: M.required,
        email: M.email,
        phone: M.phone,
        requirements: M.noRequirement,
        publishConsent: M.consentRequired,
      },
    });
    if (!result.ok) expect(Object.keys(result.errors)).toEqual(['firstName', 'email', 'phone', 'requirements', 'publishConsent']);
  });

  it('refuses a ticked requirement without its document, and a refused upload with its reason', () => {
    const missing = validateLecturer(form({ requirements: ['KVALIFIKACIJA', 'PATIRTIS'] }), {
      stored: { KVALIFIKACIJA: FILE_A },
      refused: {},
    });
    expect(missing).toEqual({ ok: false, errors: { document_PATIRTIS: M.documentRequired } });
    const refused = validateLecturer(form(), {
      stored: { KVALIFIKACIJA: FILE_A },
      refused: { KVALIFIKACIJA: 'Netinkamas failo formatas' },
    });
    expect(refused).toEqual({ ok: false, errors: { document_KVALIFIKACIJA: 'Netinkamas failo formatas' } });
    // A refused upload of an unticked requirement does not stop the save (its document is not kept).
    expect(validateLecturer(form(), { stored: { KVALIFIKACIJA: FILE_A }, refused: { PATIRTIS: 'x' } }).ok).toBe(true);
  });

  it('refuses an unknown requirement and an unknown consent answer', () => {
    const result = validateLecturer(form({ requirements: ['KVALIFIKACIJA', 'KITAS'], publishConsent: 'GAL' }), {
      stored: { KVALIFIKACIJA: FILE_A },
      refused: {},
    });
    expect(result).toEqual({ ok: false, errors: { requirements: M.unknownRequirement, publishConsent: M.consentRequired } });
  });

  it('schedules only active lecturers and publishes only with consent (LECT-5, LECT-9, LECT-10)', () => {
    expect(canBeScheduled({ active: true })).toBe(true);
    expect(canBeScheduled({ active: false })).toBe(false);
    expect(isShownOnWebsite({ publishConsent: true })).toBe(true);
    expect(lecturerRemarks({ publishConsent: true })).toEqual([]);
    expect(lecturerRemarks({ publishConsent: false })).toEqual([NOT_PUBLISHED_REMARK]);
    expect(NOT_PUBLISHED_REMARK).toBe('Neskelbti svetainėje');
  });
});
