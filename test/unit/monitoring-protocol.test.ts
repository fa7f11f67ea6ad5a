// KPMPC monitoring protocol rules (L7; MON-3..MON-11): the observer's form, the provider's signature
// form, what each status allows, the reminder after 5 Lithuanian working days, and N16's text.
import { describe, expect, it } from 'vitest';
import {
  checkProtocolForm,
  checkSignatureForm,
  contentErrors,
  editRefusal,
  monitoringSummary,
  protocolAwaitingSignatureEmail,
  ProtocolStatus,
  releasedStatus,
  releaseRefusal,
  signatureReminderAt,
  signatureStateOf,
  signRefusal,
  FINDINGS_MAX_LENGTH,
} from '../../workflows/domain/monitoring-protocol.ts';

const TODAY = '2027-03-10';
const form = { monitoredOn: '2027-03-09', findings: '  Užsiėmimas vyko pagal tvarkaraštį. ', result: 'ATITINKA', critical: 'ne' };

describe('the observer’s protocol form (MON-7)', () => {
  it('accepts a complete form, trimming the findings', () => {
    expect(checkProtocolForm(form, TODAY)).toEqual({
      ok: true,
      content: {
        monitoredOn: '2027-03-09',
        findings: 'Užsiėmimas vyko pagal tvarkaraštį.',
        result: 'ATITINKA',
        criticalDeficiencies: false,
      },
    });
    const critical = checkProtocolForm({ ...form, critical: 'taip', result: 'NEATITINKA' }, TODAY);
    expect(critical.ok && critical.content.criticalDeficiencies).toBe(true);
  });

  it('names every empty required field in Lithuanian', () => {
    const checked = checkProtocolForm({ monitoredOn: '', findings: '   ', result: '', critical: '' }, TODAY);
    expect(checked).toEqual({
      ok: false,
      errors: {
        monitoredOn: 'Nurodykite stebėsenos datą.',
        findings: 'Aprašykite stebėsenos metu nustatytus faktus („Nustatyta“).',
        result: 'Pasirinkite stebėsenos rezultatą.',
        critical: 'Nurodykite, ar nustatyta kritinių trūkumų.',
      },
    });
  });

  it('refuses a date in the future, an impossible date, an unknown result and over-long findings', () => {
    const future = checkProtocolForm({ ...form, monitoredOn: '2027-03-11' }, TODAY);
    expect(future.ok ? null : future.errors.monitoredOn).toBe('Stebėsenos data negali būti vėlesnė nei šiandien.');
    expect(checkProtocolForm({ ...form, monitoredOn: TODAY }, TODAY).ok).toBe(true);
    const impossible = checkProtocolForm({ ...form, monitoredOn: '2027-02-30' }, TODAY);
    expect(impossible.ok ? null : impossible.errors.monitoredOn).toMatch(/neteisinga/);
    const result = checkProtocolForm({ ...form, result: 'PUIKU' }, TODAY);
    expect(result.ok ? null : result.errors.result).toBe('Pasirinkite stebėsenos rezultatą iš sąrašo.');
    const long = checkProtocolForm({ ...form, findings: 'x'.repeat(FINDINGS_MAX_LENGTH + 1) }, TODAY);
    expect(long.ok ? null : Object.keys(long.errors)).toEqual(['findings']);
  });

  it('checks the content as the workflow receives it against the workflow’s day', () => {
    const content = { monitoredOn: '2027-03-10', findings: 'Faktai', result: 'ATITINKA' as const, criticalDeficiencies: false };
    expect(contentErrors(content, '2027-03-10')).toBeNull();
    expect(contentErrors(content, '2027-03-09')).toEqual({ monitoredOn: 'Stebėsenos data negali būti vėlesnė nei šiandien.' });
  });
});

describe('the provider’s signature (MON-3..MON-5, MON-9)', () => {
  it('needs "Sutinku" or "Nesutinku"; observations are optional', () => {
    expect(checkSignatureForm({ choice: 'SUTINKU', observations: '  ' })).toEqual({ ok: true, choice: 'SUTINKU', observations: null });
    expect(checkSignatureForm({ choice: 'NESUTINKU', observations: ' Nesutinkame dėl 2 punkto. ' })).toEqual({
      ok: true,
      choice: 'NESUTINKU',
      observations: 'Nesutinkame dėl 2 punkto.',
    });
    const none = checkSignatureForm({ choice: '', observations: '' });
    expect(none.ok ? null : none.errors.choice).toBe('Pasirinkite „Sutinku“ arba „Nesutinku“ su protokole užfiksuota informacija.');
  });

  it('is possible only while the protocol awaits it; signed twice or with critical deficiencies it is refused', () => {
    expect(signRefusal(ProtocolStatus.AwaitingSignature)).toBeNull();
    expect(signRefusal(ProtocolStatus.Signed)).toBe('Protokolas jau pasirašytas: jo keisti nebegalima.');
    expect(signRefusal(ProtocolStatus.CriticalDeficiencies)).toBe('Nustačius kritinių trūkumų protokolo pasirašyti nereikia.');
    expect(signRefusal(ProtocolStatus.Draft)).toBe('Protokolas dar nepateiktas mokymo teikėjui.');
  });
});

describe('L7 transitions', () => {
  it('M3 without critical deficiencies asks for a signature; M5 with them does not (MON-10)', () => {
    expect(releasedStatus(false)).toBe(ProtocolStatus.AwaitingSignature);
    expect(releasedStatus(true)).toBe(ProtocolStatus.CriticalDeficiencies);
    expect(signatureStateOf(ProtocolStatus.CriticalDeficiencies)).toBe('NEREIKIA');
    expect(signatureStateOf(ProtocolStatus.Draft)).toBeNull();
  });

  it('a draft is edited and released once; afterwards both are refused', () => {
    expect(editRefusal(ProtocolStatus.Draft)).toBeNull();
    expect(releaseRefusal(ProtocolStatus.Draft)).toBeNull();
    for (const s of [ProtocolStatus.AwaitingSignature, ProtocolStatus.Signed, ProtocolStatus.CriticalDeficiencies]) {
      expect(editRefusal(s)).toBe('Protokolas jau pateiktas mokymo teikėjui, todėl jo keisti negalima.');
      expect(releaseRefusal(s)).toBe('Protokolas jau pateiktas mokymo teikėjui.');
    }
  });

  it('reminds at the end of the 5th working day after the release day (MON-8), skipping weekends and holidays', () => {
    // Released Wednesday 2027-03-10 14:00 Vilnius (EET, UTC+2): 11 March is a public holiday, so 12, 15, 16, 17, 18 → end of Thu 18th.
    expect(signatureReminderAt(new Date('2027-03-10T12:00:00Z')).toISOString()).toBe('2027-03-18T22:00:00.000Z');
    // Released Thursday 2027-03-25: Easter Monday (29 March) does not count → 26, 30, 31 Mar, 1, 2 Apr → end of Fri 2 April (EEST).
    expect(signatureReminderAt(new Date('2027-03-25T08:00:00Z')).toISOString()).toBe('2027-04-02T21:00:00.000Z');
  });
});

describe('texts', () => {
  it('"Stebėsena" shows the result and the date (MON-6)', () => {
    expect(monitoringSummary({ result: 'IS_DALIES_ATITINKA', monitoredOn: '2027-03-09', criticalDeficiencies: false })).toBe(
      'Iš dalies atitinka reikalavimus, 2027-03-09',
    );
    expect(monitoringSummary({ result: 'NEATITINKA', monitoredOn: '2027-03-09', criticalDeficiencies: true })).toBe(
      'Neatitinka reikalavimų (kritiniai trūkumai), 2027-03-09',
    );
  });

  it('N16 names the group, the date and the link', () => {
    const mail = protocolAwaitingSignatureEmail({
      firstName: 'Rūta',
      institutionName: 'Demo mokymo centras',
      programme: 'P1 Programa',
      groupName: 'Vakarinė grupė',
      monitoredOn: '2027-03-09',
      link: 'https://imp.example/kpmpc-protokolai/x',
    });
    expect(mail.subject).toBe('KPMPC stebėsenos protokolas laukia jūsų parašo');
    expect(mail.text).toContain('„Vakarinė grupė“');
    expect(mail.text).toContain('2027-03-09');
    expect(mail.text).toContain('https://imp.example/kpmpc-protokolai/x');
  });
});
