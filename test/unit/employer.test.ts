// The employer-representative window's rules (EMPL-3, EMPL-4, EMPL-6, OQ-17).
import { describe, expect, it } from 'vitest';
import { EMPLOYER_FORM_LABELS, validateEmployer, type EmployerFormInput } from '../../workflows/domain/employer.ts';

const FORM: EmployerFormInput = {
  name: 'UAB „Statybų meistrai“',
  code: '123456789',
  firstName: 'Rūta',
  lastName: 'Žemaitė-Kairienė',
  phone: '+370 600 12345',
  email: 'ruta@statybos.lt',
  practiceAddress: 'Pramonės g. 5, LT-11110 Vilnius',
  active: '1',
};

function errorsOf(input: EmployerFormInput) {
  const result = validateEmployer(input);
  if (result.ok) throw new Error('expected errors');
  return result.errors;
}

describe('the employer-representative window', () => {
  it('accepts a complete record, tidying spaces (EMPL-6)', () => {
    expect(validateEmployer({ ...FORM, name: '  UAB   „Statybų meistrai“ ', code: '123 456 789' })).toEqual({
      ok: true,
      value: {
        name: 'UAB „Statybų meistrai“',
        code: '123456789',
        firstName: 'Rūta',
        lastName: 'Žemaitė-Kairienė',
        phone: '+37060012345', // stored in E.164
        email: 'ruta@statybos.lt',
        practiceAddress: 'Pramonės g. 5, LT-11110 Vilnius',
        active: true,
      },
    });
  });

  it('EMPL-4: "Aktyvi darbdavio paskyra" is ticked only when sent', () => {
    const { active: _active, ...unticked } = FORM;
    expect(validateEmployer(unticked)).toMatchObject({ ok: true, value: { active: false } });
    expect(validateEmployer({ ...FORM, active: 'on' })).toMatchObject({ ok: true, value: { active: true } });
  });

  it('EMPL-3: every information field is required, every problem reported at once', () => {
    const errors = errorsOf({});
    expect(Object.keys(errors)).toEqual(Object.keys(EMPLOYER_FORM_LABELS).filter((f) => f !== 'active'));
    expect(new Set(Object.values(errors))).toEqual(new Set(['Privalomas laukas.']));
    expect(
      errorsOf({ name: ' ', code: '', firstName: '', lastName: '', phone: '', email: '', practiceAddress: '  ', active: '1' }),
    ).toEqual(errors);
  });

  it('refuses a malformed code, names, phone and e-mail', () => {
    expect(errorsOf({ ...FORM, code: '12345678', firstName: 'R2D2', phone: 'skambinti', email: 'ruta@' })).toEqual({
      code: 'Juridinio asmens kodą sudaro 9 skaitmenys.',
      firstName: expect.stringContaining('tik raidės'),
      phone: expect.stringContaining('Neteisingas telefono numeris'),
      email: expect.stringContaining('Neteisingas el. pašto adresas'),
    });
    expect(errorsOf({ ...FORM, code: '1234567890', phone: '+370' })).toEqual({
      code: 'Juridinio asmens kodą sudaro 9 skaitmenys.',
      phone: expect.stringContaining('Neteisingas telefono numeris'),
    });
  });

  it('limits lengths', () => {
    expect(errorsOf({ ...FORM, name: 'x'.repeat(301), practiceAddress: 'y'.repeat(301) })).toEqual({
      name: 'Ne daugiau kaip 300 simbolių.',
      practiceAddress: 'Ne daugiau kaip 300 simbolių.',
    });
  });
});
