// The certificate's pure rules (DONE-19, DONE-12, INST-9): the unique number, the unguessable
// verification code and its link, the Lithuanian fields, and what makes a snapshot unusable.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  certificateDocumentTitle,
  certificateFields,
  certificateHoursText,
  certificateNumber,
  certificateProblems,
  certificateVerificationFields,
  certificateVerificationPath,
  certificateVerificationUrl,
  isVerificationCode,
  parseCertificateNumber,
  verificationCode,
  type CertificateData,
} from '../../workflows/domain/certificate.ts';
import { sampleCertificateData } from '../support/certificate.ts';

describe('certificateNumber', () => {
  it('writes the year and the sequence padded to six digits, and reads it back', () => {
    expect(certificateNumber(2026, 123)).toBe('KURSUOK-2026-000123');
    expect(certificateNumber(2027, 1)).toBe('KURSUOK-2027-000001');
    expect(certificateNumber(2026, 1_234_567)).toBe('KURSUOK-2026-1234567');
    expect(parseCertificateNumber('KURSUOK-2026-000123')).toEqual({ year: 2026, sequence: 123 });
    expect(parseCertificateNumber('KURSUOK-2026-1234567')).toEqual({ year: 2026, sequence: 1_234_567 });
  });

  it('gives different numbers for different sequences and years', () => {
    const numbers = new Set<string>();
    for (const year of [2026, 2027]) for (let seq = 1; seq <= 500; seq++) numbers.add(certificateNumber(year, seq));
    expect(numbers.size).toBe(1000);
  });

  it('refuses a sequence or year that cannot make a number', () => {
    for (const seq of [0, -1, 1.5, Number.NaN, 10 ** 15]) expect(() => certificateNumber(2026, seq), String(seq)).toThrow(RangeError);
    for (const year of [1999, 10000, 2026.5]) expect(() => certificateNumber(year, 1), String(year)).toThrow(RangeError);
  });

  it('reads only numbers written the canonical way', () => {
    for (const text of [
      'KURSUOK-2026-00123',
      'KURSUOK-2026-0000123',
      'kursuok-2026-000123',
      'KURSUOK-26-000123',
      'KURSUOK-2026-000000',
      ' KURSUOK-2026-000123',
      '',
    ]) {
      expect(parseCertificateNumber(text), text).toBeNull();
    }
  });
});

describe('verificationCode', () => {
  it('is the random bytes as base64url without padding (22 characters for 128 bits)', () => {
    for (let i = 0; i < 50; i++) {
      const bytes = randomBytes(16 + (i % 20));
      const code = verificationCode(bytes);
      expect(code).toBe(bytes.toString('base64url'));
      expect(isVerificationCode(code)).toBe(true);
    }
    expect(verificationCode(new Uint8Array(16))).toBe('AAAAAAAAAAAAAAAAAAAAAA');
    expect(verificationCode(new Uint8Array(16).fill(255))).toBe('_____________________w');
  });

  it('is pure: the same bytes give the same code, other bytes another', () => {
    const bytes = randomBytes(16);
    expect(verificationCode(Uint8Array.from(bytes))).toBe(verificationCode(bytes));
    const other = Uint8Array.from(bytes);
    other[15] = other[15]! ^ 1;
    expect(verificationCode(other)).not.toBe(verificationCode(bytes));
  });

  it('refuses fewer than 128 bits', () => {
    expect(() => verificationCode(new Uint8Array(15))).toThrow(RangeError);
    expect(() => verificationCode(new Uint8Array(0))).toThrow(RangeError);
    expect(() => verificationCode(new Uint8Array(65))).toThrow(RangeError);
  });

  it('tells a malformed code from a well-formed one', () => {
    for (const text of [
      '',
      'abc',
      'q3Zy0-Lk_8mWcR2tVx9aB',
      'q3Zy0-Lk_8mWcR2tVx9aB=',
      'q3Zy0+Lk/8mWcR2tVx9aBw',
      'q3Zy0-Lk_8mWcR2tVx9aBw/',
      '../../etc/passwd-xxxxxxxx',
      'a'.repeat(87),
    ]) {
      expect(isVerificationCode(text), text).toBe(false);
    }
    expect(isVerificationCode('q3Zy0-Lk_8mWcR2tVx9aBw')).toBe(true);
  });

  it('makes the public verification link', () => {
    const code = 'q3Zy0-Lk_8mWcR2tVx9aBw';
    expect(certificateVerificationPath(code)).toBe('/kursuok/pazymejimai/q3Zy0-Lk_8mWcR2tVx9aBw');
    expect(certificateVerificationUrl('https://kursuok.example.lt', code)).toBe(
      'https://kursuok.example.lt/kursuok/pazymejimai/q3Zy0-Lk_8mWcR2tVx9aBw',
    );
    expect(certificateVerificationUrl('http://localhost:3000/', code)).toBe(
      'http://localhost:3000/kursuok/pazymejimai/q3Zy0-Lk_8mWcR2tVx9aBw',
    );
    expect(() => certificateVerificationPath('bad code')).toThrow(RangeError);
  });
});

describe('certificate texts', () => {
  it('prints the programme, hours, dates, group, assessment and institution (DONE-19)', () => {
    const fields = Object.fromEntries(certificateFields(sampleCertificateData()).map((f) => [f.label, f.value]));
    expect(fields).toEqual({
      'Programos kodas': 'NSP-2026-0101',
      'Programos rūšis': 'Neformaliojo suaugusiųjų švietimo ir tęstinio mokymosi programa',
      Apimtis: '40 akad. val. kontaktinio darbo (iš viso 60 akad. val.)',
      'Mokymosi programos vykdymo datos': '2026-03-16 – 2026-05-29',
      'Mokymo grupė': 'ĄČĘĖĮŠŲŪŽ-2026 pavasario grupė',
      'Galutinis įvertinimas': '9',
      'Vertinimo forma': '10 balų vertinimo skalė',
      'Mokymo teikėjas': 'UAB „Šviesos žiedas“ (juridinio asmens kodas 304567891)',
    });
    expect(certificateDocumentTitle(sampleCertificateData())).toBe('Skaitmeninis pažymėjimas Nr. KURSUOK-2026-000123');
  });

  it('writes hours with a decimal comma and leaves out a total that adds nothing', () => {
    expect(certificateHoursText({ contactHours: 12.5, totalHours: null })).toBe('12,5 akad. val. kontaktinio darbo');
    expect(certificateHoursText({ contactHours: 40, totalHours: 40 })).toBe('40 akad. val. kontaktinio darbo');
  });

  it('lets the public page confirm name, programme, hours, dates and institution, and nothing more', () => {
    const data = sampleCertificateData({ assessment: { formatLabel: 'Įskaita', result: 'Įskaityta' } });
    const fields = certificateVerificationFields(data);
    expect(fields.map((f) => f.label)).toEqual([
      'Pažymėjimo numeris',
      'Išdavimo data',
      'Vardas, pavardė',
      'Mokymosi programa',
      'Apimtis',
      'Mokymosi programos vykdymo datos',
      'Mokymo teikėjas',
    ]);
    const text = fields.map((f) => f.value).join(' | ');
    expect(text).toContain('Ūla Ėglė Įžymiūtė-Šęšuolė');
    expect(text).toContain('Skaitmeninių įgūdžių pagrindai: ąčęėįšųūž (kodas NSP-2026-0101)');
    for (const hidden of [
      data.participant.birthDate!,
      data.assessment.result,
      data.assessment.formatLabel,
      data.group.name,
      data.institution.contactPerson.lastName,
    ]) {
      expect(text).not.toContain(hidden);
    }
  });
});

describe('certificateProblems', () => {
  const problems = (overrides: Partial<CertificateData>) => certificateProblems(sampleCertificateData(overrides));
  const base = sampleCertificateData();

  it('finds nothing wrong with a complete snapshot, with or without a birth date or total hours', () => {
    expect(certificateProblems(base)).toEqual([]);
    expect(problems({ participant: { ...base.participant, birthDate: null } })).toEqual([]);
    expect(problems({ programme: { ...base.programme, totalHours: null } })).toEqual([]);
    // Issued on the last day of delivery (the batch run at once) is not too early.
    expect(problems({ issuedOn: '2026-05-29' })).toEqual([]);
  });

  it('refuses a missing contact person, name or position (INST-6, DONE-12)', () => {
    const cp = base.institution.contactPerson;
    for (const [field, contactPerson] of [
      ['firstName', { ...cp, firstName: ' ' }],
      ['lastName', { ...cp, lastName: '' }],
      ['position', { ...cp, position: '' }],
    ] as const) {
      expect(problems({ institution: { ...base.institution, contactPerson } })).toEqual([`institution.contactPerson.${field} is empty`]);
    }
  });

  it('refuses a malformed number, a number of another year, and bad dates', () => {
    expect(problems({ number: 'KURSUOK-2026-12' })).toEqual(['not a certificate number: KURSUOK-2026-12']);
    expect(problems({ number: 'KURSUOK-2025-000123' })).toEqual(["the number's year 2025 is not the year of issuedOn"]);
    expect(problems({ issuedOn: '2026-02-30' })).toEqual(['issuedOn is not a date YYYY-MM-DD: 2026-02-30']);
    expect(problems({ issuedOn: '2026-05-28' })).toEqual(['the certificate is dated before the programme ends']);
    expect(problems({ group: { ...base.group, programmeStart: '2026-06-01' } })).toEqual(['the programme ends before it starts']);
    expect(problems({ participant: { ...base.participant, birthDate: '2026-04-01' } })).toEqual([
      'the participant is born after the programme starts',
    ]);
    expect(problems({ generatedAt: 'vakar' })).toEqual(['generatedAt is not an instant: vakar']);
  });

  it('refuses a verification URL that does not lead to the code', () => {
    expect(problems({ verificationCode: 'short' })).toEqual(['not a verification code: short']);
    expect(problems({ verificationUrl: 'https://kursuok.example.lt/kursuok/pazymejimai/AAAAAAAAAAAAAAAAAAAAAA' })).toHaveLength(1);
    expect(problems({ verificationUrl: `ftp://x/kursuok/pazymejimai/${base.verificationCode}` })).toHaveLength(1);
    expect(problems({ verificationUrl: `/kursuok/pazymejimai/${base.verificationCode}` })).toHaveLength(1);
  });

  it('refuses an empty programme, assessment or institution, and impossible hours', () => {
    expect(problems({ assessment: { formatLabel: 'Įskaita', result: '' } })).toEqual(['assessment.result is empty']);
    expect(problems({ programme: { ...base.programme, name: '' } })).toEqual(['programme.name is empty']);
    expect(problems({ institution: { ...base.institution, code: '' } })).toEqual(['institution.code is empty']);
    expect(problems({ programme: { ...base.programme, contactHours: 0 } })).toContain('no contact hours');
    expect(problems({ programme: { ...base.programme, totalHours: 20 } })).toEqual(['total hours are fewer than the contact hours']);
    expect(certificateProblems({ ...base, template: 2 as 1 })).toEqual(['unknown template 2']);
  });
});
