// The user window's rules (USERS-3, USERS-16, USERS-19, USERS-23, USERS-24, USERS-27, USERS-30).
import { describe, expect, it } from 'vitest';
import { leavesNoConfirmedAdministrator, validateNewUser, validateUserEdit, type UserFormInput } from '../../workflows/domain/user-form.ts';

/** The Lithuanian messages expected (user-form.ts), written out so a wrong text fails. */
const M = {
  required: 'Privalomas laukas.',
  email: 'Neteisingas el. pašto adresas (pvz., vardenis.pavardenis@imone.lt).',
  phone: 'Neteisingas telefono numeris: įveskite, pvz., +370 612 34567 arba 8 612 34567; užsienio numerį – su šalies kodu.',
  name: 'Vardą ir pavardę gali sudaryti tik raidės, tarpai, brūkšneliai ir apostrofai.',
  noRights: 'Pažymėkite bent vieną naudotojo grupę.',
  unknownRight: 'Neteisinga naudotojo grupė.',
  employerRequired: 'Pažymėjus „Darbdavio atstovas ir trišalių sutarčių pasirašymas“, būtina pasirinkti darbdavio įstaigą.',
  noEmployers:
    'Institucija dar neturi aktyvių darbdavių: pirmiausia įveskite darbdavio informaciją aplikacijoje „Darbdavio atstovai“ (pažymėję „Aktyvi darbdavio paskyra“).',
  employerUnknown: 'Pasirinkite darbdavio įstaigą iš sąrašo.',
  signingDocumentRequired: 'Pažymėjus „Sutarčių pasirašymas“, būtina nurodyti dokumento pavadinimą ir numerį.',
};

const EMPLOYER = '0a5e2f3c-7d7a-4c8e-9b1a-1f2e3d4c5b6a';
const refs = { employerIds: [EMPLOYER], today: '2026-11-28' };

function form(overrides: UserFormInput = {}): UserFormInput {
  return {
    firstName: 'Ona',
    lastName: 'Onaitienė',
    personalCode: '48501010003',
    email: 'ona@example.lt',
    phone: '',
    position: '',
    rights: ['ADMINISTRATORIUS'],
    employerId: '',
    signingDocument: '',
    ...overrides,
  };
}

describe('user window', () => {
  it('accepts a new user, normalising values and dropping fields of unticked groups', () => {
    const code = '33309240064';
    const result = validateNewUser(
      form({
        personalCode: ` ${code} `,
        firstName: '  Ona ',
        phone: '+370 600 12345',
        position: ' Direktorė ',
        employerId: EMPLOYER,
        signingDocument: 'x',
      }),
      refs,
    );
    expect(result).toEqual({
      ok: true,
      value: {
        firstName: 'Ona',
        lastName: 'Onaitienė',
        personalCode: code,
        email: 'ona@example.lt',
        phone: '+37060012345', // stored in E.164
        position: 'Direktorė',
        rights: ['ADMINISTRATORIUS'],
        employerId: null,
        signingDocument: null,
      },
    });
  });

  it('reports every problem at once, in Lithuanian, field by field', () => {
    const result = validateNewUser(
      { firstName: '', lastName: '  ', personalCode: '123', email: 'ne-adresas', phone: 'skambinti', rights: [] },
      refs,
    );
    expect(result).toEqual({
      ok: false,
      errors: {
        firstName: M.required,
        lastName: M.required,
        personalCode: 'Asmens kodą sudaro 11 skaitmenų.',
        email: M.email,
        phone: M.phone,
        rights: M.noRights,
      },
    });
  });

  it('keeps the user groups in the manual order without repeats, and refuses unknown ones', () => {
    const ok = validateNewUser(
      form({ rights: ['SUTARCIU_PASIRASYMAS', 'ADMINISTRATORIUS', 'ADMINISTRATORIUS'], signingDocument: 'Įgaliojimas Nr. 1' }),
      refs,
    );
    expect(ok.ok && ok.value.rights).toEqual(['ADMINISTRATORIUS', 'SUTARCIU_PASIRASYMAS']);
    expect(validateNewUser(form({ rights: ['ADMINISTRATORIUS', 'VISKAS'] }), refs)).toEqual({
      ok: false,
      errors: { rights: M.unknownRight },
    });
    // A single ticked box arrives as a string.
    const single = validateNewUser(form({ rights: 'DARBUOTOJAS' }), refs);
    expect(single.ok && single.value.rights).toEqual(['DARBUOTOJAS']);
  });

  it('requires the employer with "Darbdavio atstovas ir trišalių sutarčių pasirašymas", from the institution\'s active ones (USERS-23, USERS-24)', () => {
    expect(validateNewUser(form({ rights: ['DARBDAVIO_ATSTOVAS'] }), refs)).toEqual({
      ok: false,
      errors: { employerId: M.employerRequired },
    });
    expect(validateNewUser(form({ rights: ['DARBDAVIO_ATSTOVAS'], employerId: crypto.randomUUID() }), refs)).toEqual({
      ok: false,
      errors: { employerId: M.employerUnknown },
    });
    expect(validateNewUser(form({ rights: ['DARBDAVIO_ATSTOVAS'] }), { employerIds: [] })).toEqual({
      ok: false,
      errors: { employerId: M.noEmployers },
    });
    expect(M.noEmployers).toContain('„Darbdavio atstovai“');
    const ok = validateNewUser(form({ rights: ['DARBDAVIO_ATSTOVAS'], employerId: EMPLOYER }), refs);
    expect(ok.ok && ok.value.employerId).toBe(EMPLOYER);
  });

  it('requires the signing-authority document with "Sutarčių pasirašymas" (USERS-27)', () => {
    expect(validateNewUser(form({ rights: ['SUTARCIU_PASIRASYMAS'], signingDocument: '   ' }), refs)).toEqual({
      ok: false,
      errors: { signingDocument: M.signingDocumentRequired },
    });
    const ok = validateNewUser(form({ rights: ['SUTARCIU_PASIRASYMAS'], signingDocument: ' Įgaliojimas Nr. 2024/15 ' }), refs);
    expect(ok.ok && ok.value.signingDocument).toBe('Įgaliojimas Nr. 2024/15');
  });

  it('refuses a personal code with a wrong check digit or a future birth date', () => {
    expect(validateNewUser(form({ personalCode: '33309240065' }), refs)).toMatchObject({
      ok: false,
      errors: { personalCode: expect.stringContaining('kontrolinis') },
    });
    expect(validateNewUser(form({ personalCode: '53001010001' }), refs)).toMatchObject({
      ok: false,
      errors: { personalCode: expect.stringContaining('ateityje') },
    });
  });

  it('accepts Lithuanian names and refuses digits in them', () => {
    expect(validateNewUser(form({ firstName: 'Žydrūnė-Ąžuolė', lastName: "O'Brien Čiurlionytė" }), refs).ok).toBe(true);
    expect(validateNewUser(form({ firstName: 'Ona2' }), refs)).toEqual({ ok: false, errors: { firstName: M.name } });
  });

  it('edits without a personal code and allows no user group (access taken away)', () => {
    const { personalCode: _none, ...edit } = form();
    expect(validateUserEdit({ ...edit, rights: [] }, refs)).toMatchObject({ ok: true, value: { rights: [] } });
    expect(validateUserEdit({ ...edit, email: '' }, refs)).toEqual({ ok: false, errors: { email: M.required } });
  });
});

describe('the last confirmed administrator (USERS-30)', () => {
  const admin = { status: 'ACTIVE' as const, rightsBefore: ['ADMINISTRATORIUS'] };
  it('may not be demoted or removed when no other confirmed administrator exists', () => {
    expect(leavesNoConfirmedAdministrator({ ...admin, rightsAfter: ['DARBUOTOJAS'], otherActiveAdministrators: 0 })).toBe(true);
    expect(leavesNoConfirmedAdministrator({ ...admin, rightsAfter: [], otherActiveAdministrators: 0 })).toBe(true);
    expect(leavesNoConfirmedAdministrator({ ...admin, rightsAfter: null, otherActiveAdministrators: 0 })).toBe(true);
  });
  it('may be when another confirmed administrator remains, or when the rights stay', () => {
    expect(leavesNoConfirmedAdministrator({ ...admin, rightsAfter: null, otherActiveAdministrators: 1 })).toBe(false);
    expect(
      leavesNoConfirmedAdministrator({ ...admin, rightsAfter: ['ADMINISTRATORIUS', 'DARBUOTOJAS'], otherActiveAdministrators: 0 }),
    ).toBe(false);
  });
  it('does not concern invited administrators or users who are not administrators', () => {
    expect(
      leavesNoConfirmedAdministrator({
        status: 'INVITED',
        rightsBefore: ['ADMINISTRATORIUS'],
        rightsAfter: null,
        otherActiveAdministrators: 0,
      }),
    ).toBe(false);
    expect(
      leavesNoConfirmedAdministrator({ status: 'ACTIVE', rightsBefore: ['DARBUOTOJAS'], rightsAfter: null, otherActiveAdministrators: 0 }),
    ).toBe(false);
  });
});
