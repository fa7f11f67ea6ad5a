// The participant's certificate ("Skaitmeninis pažymėjimas", the document that attests completing a
// learning programme, manual §3.7 and §3.7.4): the data it is generated from — a snapshot taken when
// it is generated and stored with it, so a later edit of the institution's contact person, the
// programme or the group never changes a certificate already issued (INST-9) — its unique number, the
// public verification code and link its QR code carries, and the Lithuanian lines the PDF
// (activities/pdf/certificate-pdf.ts) and the pages print. Pure and deterministic: randomness and
// the clock are passed in.
//
// Content (DONE-19, OQ-38): the participant's name and birth date (never the personal code), the
// programme's name, code, kind and hours, the delivery dates, the group, the final assessment in the
// format configured for the programme (DONE-20), the institution, the first name, last name and
// position of its contact person as they stood (INST-4, INST-6, DONE-12), the certificate's number
// and date, and the verification link.
import { isIsoDate } from './calendar.ts';
import { formatHours, type DocumentGroup, type DocumentProgramme } from './contract-document.ts';

export const CERTIFICATE_TITLE = 'SKAITMENINIS PAŽYMĖJIMAS';
/** What the certificate attests (manual §3.2.1: "mokymosi programos baigimo pažymėjimas"). */
export const CERTIFICATE_SUBTITLE = 'Mokymosi programos baigimo pažymėjimas';
/** Over the contact person's name (INST-4: the person responsible for implementing learning programmes). */
export const CONTACT_PERSON_CAPTION = 'Už mokymosi programų įgyvendinimą atsakingas asmuo';
/** Beside the QR code. */
export const VERIFICATION_CAPTION = 'Pažymėjimo tikrumą galima patikrinti nuskaičius QR kodą arba atvėrus nuorodą:';

/**
 * Everything a certificate is generated from. Plain JSON (strings, numbers, null), stored as the
 * certificate's snapshot; the same snapshot always gives the same document. Dates are 'YYYY-MM-DD'.
 */
export interface CertificateData {
  /** The template's version; a later template keeps rendering old snapshots as they were issued. */
  template: 1;
  /** The unique certificate number (certificateNumber()); a regenerated certificate keeps it. */
  number: string;
  /** The certificate's date ("išdavimo data"): the day it was generated, the day after the questionnaire (DONE-10). */
  issuedOn: string;
  /** When the document was generated (ISO 8601 instant): the PDF's creation date. */
  generatedAt: string;
  /** The public verification code (verificationCode()), unguessable. */
  verificationCode: string;
  /** `<publicUrl>/kursuok/pazymejimai/<code>` (certificateVerificationUrl()), what the QR code encodes. */
  verificationUrl: string;
  /** The participant: name and birth date only — a certificate never carries the personal code. */
  participant: {
    firstName: string;
    lastName: string;
    /** Printed when known. */
    birthDate: string | null;
  };
  programme: DocumentProgramme;
  group: DocumentGroup;
  /** The confirmed final assessment ("galutinis įvertinimas", DONE-6, DONE-7) in the format configured for the programme (DONE-20). */
  assessment: {
    /** The configured format's name as printed, e.g. 'Įskaita' or '10 balų vertinimo skalė'. */
    formatLabel: string;
    /** The confirmed result as printed, e.g. 'Įskaityta' or '9'. */
    result: string;
  };
  /** The provider as it stood when the certificate was generated (INST-9). */
  institution: {
    name: string;
    /** Juridinio asmens kodas (ŠMIR). */
    code: string;
    /** The person responsible for implementing learning programmes (INST-4, INST-6, DONE-12). */
    contactPerson: { firstName: string; lastName: string; position: string };
  };
}

// ---- The certificate number ------------------------------------------------------------------------

const NUMBER_PREFIX = 'KURSUOK';
const NUMBER_DIGITS = 6;
const CERTIFICATE_NUMBER = /^KURSUOK-(\d{4})-(\d{6,15})$/;

/**
 * The unique certificate number: 'KURSUOK-2026-000123' — the year it is issued and a sequence the
 * caller takes from the database (unique per year), padded to six digits (more when it outgrows them).
 * Throws RangeError for a year outside 2000–9999 or a sequence that is not a positive whole number.
 */
export function certificateNumber(year: number, sequence: number): string {
  if (!Number.isInteger(year) || year < 2000 || year > 9999) throw new RangeError(`not a certificate year: ${year}`);
  if (!Number.isSafeInteger(sequence) || sequence < 1 || sequence >= 10 ** 15)
    throw new RangeError(`not a certificate sequence: ${sequence}`);
  return `${NUMBER_PREFIX}-${year}-${String(sequence).padStart(NUMBER_DIGITS, '0')}`;
}

/** The year and sequence of a certificate number as certificateNumber() writes it; null for anything else. */
export function parseCertificateNumber(text: string): { year: number; sequence: number } | null {
  const m = CERTIFICATE_NUMBER.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const sequence = Number(m[2]);
  try {
    return certificateNumber(year, sequence) === text ? { year, sequence } : null;
  } catch {
    return null;
  }
}

// ---- The verification code and link --------------------------------------------------------------------

/** Random bytes a verification code is made of: 16 bytes = 128 bits. */
export const VERIFICATION_CODE_BYTES = 16;
const BASE64URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** base64url without padding of 16 to 64 bytes: 22 to 86 characters. */
const VERIFICATION_CODE = /^[A-Za-z0-9_-]{22,86}$/;
/** The public verification page's path without the code. */
export const VERIFICATION_PATH_PREFIX = '/kursuok/pazymejimai/';

/** base64url (RFC 4648 §5) without padding. */
function base64url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const taken = Math.min(3, bytes.length - i);
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    // 1 byte gives 2 characters, 2 bytes 3, 3 bytes 4.
    for (let j = 0; j <= taken; j++) out += BASE64URL_ALPHABET[(n >> (18 - 6 * j)) & 63];
  }
  return out;
}

/**
 * The public verification code: the given random bytes (at least 16, i.e. ≥ 128 bits, at most 64;
 * the caller draws them from a CSPRNG) as URL-safe base64 without padding, e.g. 22 characters for
 * 16 bytes. Throws RangeError for fewer or more bytes.
 */
export function verificationCode(randomBytes: Uint8Array): string {
  if (randomBytes.length < VERIFICATION_CODE_BYTES || randomBytes.length > 64) {
    throw new RangeError(`a verification code needs ${VERIFICATION_CODE_BYTES} to 64 random bytes, got ${randomBytes.length}`);
  }
  return base64url(randomBytes);
}

/** Whether text has the form of a verification code (a malformed code is refused before any look-up). */
export function isVerificationCode(text: string): boolean {
  return VERIFICATION_CODE.test(text) && text.length % 4 !== 1;
}

/** The public verification page's path: '/kursuok/pazymejimai/<code>'. */
export function certificateVerificationPath(code: string): string {
  if (!isVerificationCode(code)) throw new RangeError(`not a verification code: ${code}`);
  return `${VERIFICATION_PATH_PREFIX}${code}`;
}

/** The verification page's full address, what the QR code encodes: `<publicUrl>/kursuok/pazymejimai/<code>`. */
export function certificateVerificationUrl(publicUrl: string, code: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${certificateVerificationPath(code)}`;
}

// ---- The texts --------------------------------------------------------------------------------------------

/** A labelled line of the certificate ('Programos kodas' – 'NSP-2026-0101'). */
export interface CertificateField {
  label: string;
  value: string;
}

function joinName(first: string, last: string): string {
  return `${first} ${last}`.replace(/\s+/g, ' ').trim();
}

/** The participant's full name: 'Ūla Ėglė Įžymiūtė-Šęšuolė'. */
export function certificateHolderName(data: Pick<CertificateData, 'participant'>): string {
  return joinName(data.participant.firstName, data.participant.lastName);
}

/** The contact person as printed (DONE-12): 'Ąžuolas Čepulis'. */
export function contactPersonName(data: Pick<CertificateData, 'institution'>): string {
  const p = data.institution.contactPerson;
  return joinName(p.firstName, p.lastName);
}

/** The programme's hours: '40 akad. val. kontaktinio darbo (iš viso 60 akad. val.)'. */
export function certificateHoursText(programme: Pick<CertificateData['programme'], 'contactHours' | 'totalHours'>): string {
  const contact = `${formatHours(programme.contactHours)} akad. val. kontaktinio darbo`;
  return programme.totalHours !== null && programme.totalHours > programme.contactHours
    ? `${contact} (iš viso ${formatHours(programme.totalHours)} akad. val.)`
    : contact;
}

/** The delivery dates: '2026-03-16 – 2026-05-29'. */
export function certificatePeriodText(group: Pick<CertificateData['group'], 'programmeStart' | 'programmeEnd'>): string {
  return `${group.programmeStart} – ${group.programmeEnd}`;
}

/** The institution with its code: 'UAB „Šviesos žiedas“ (juridinio asmens kodas 304567891)'. */
export function certificateInstitutionText(institution: Pick<CertificateData['institution'], 'name' | 'code'>): string {
  return `${institution.name} (juridinio asmens kodas ${institution.code})`;
}

/** 'Nr. KURSUOK-2026-000123'. */
export function certificateNumberLabel(data: Pick<CertificateData, 'number'>): string {
  return `Nr. ${data.number}`;
}

/** 'Išdavimo data 2026-06-02'. */
export function certificateDateLabel(data: Pick<CertificateData, 'issuedOn'>): string {
  return `Išdavimo data ${data.issuedOn}`;
}

/** The document's title: 'Skaitmeninis pažymėjimas Nr. KURSUOK-2026-000123' (PDF metadata, file names). */
export function certificateDocumentTitle(data: Pick<CertificateData, 'number'>): string {
  return `Skaitmeninis pažymėjimas ${certificateNumberLabel(data)}`;
}

/** The programme's details under its name, in the order the certificate prints them. */
export function certificateFields(data: CertificateData): CertificateField[] {
  return [
    { label: 'Programos kodas', value: data.programme.code },
    { label: 'Programos rūšis', value: data.programme.kindLabel },
    { label: 'Apimtis', value: certificateHoursText(data.programme) },
    { label: 'Mokymosi programos vykdymo datos', value: certificatePeriodText(data.group) },
    { label: 'Mokymo grupė', value: data.group.name },
    { label: 'Galutinis įvertinimas', value: data.assessment.result },
    { label: 'Vertinimo forma', value: data.assessment.formatLabel },
    { label: 'Mokymo teikėjas', value: certificateInstitutionText(data.institution) },
  ];
}

/**
 * What the public verification page confirms — name, programme, hours, dates and institution, and
 * nothing more (no birth date, assessment or group), plus the number and date that identify it.
 */
export function certificateVerificationFields(data: CertificateData): CertificateField[] {
  return [
    { label: 'Pažymėjimo numeris', value: data.number },
    { label: 'Išdavimo data', value: data.issuedOn },
    { label: 'Vardas, pavardė', value: certificateHolderName(data) },
    { label: 'Mokymosi programa', value: `${data.programme.name} (kodas ${data.programme.code})` },
    { label: 'Apimtis', value: certificateHoursText(data.programme) },
    { label: 'Mokymosi programos vykdymo datos', value: certificatePeriodText(data.group) },
    { label: 'Mokymo teikėjas', value: certificateInstitutionText(data.institution) },
  ];
}

// ---- Sanity of a snapshot -------------------------------------------------------------------------

/** What makes a snapshot unusable for a certificate (for the generating activity and its logs; English); empty when fine. */
export function certificateProblems(data: CertificateData): string[] {
  const problems: string[] = [];
  if (data.template !== 1) problems.push(`unknown template ${String(data.template)}`);
  if (parseCertificateNumber(data.number) === null) problems.push(`not a certificate number: ${data.number}`);
  const dates = [
    ['issuedOn', data.issuedOn],
    ['participant.birthDate', data.participant.birthDate],
    ['group.programmeStart', data.group.programmeStart],
    ['group.programmeEnd', data.group.programmeEnd],
  ] as const;
  let datesOk = true;
  for (const [label, date] of dates) {
    if (date !== null && !isIsoDate(date)) {
      problems.push(`${label} is not a date YYYY-MM-DD: ${date}`);
      datesOk = false;
    }
  }
  if (Number.isNaN(Date.parse(data.generatedAt))) problems.push(`generatedAt is not an instant: ${data.generatedAt}`);
  if (datesOk) {
    if (data.group.programmeStart > data.group.programmeEnd) problems.push('the programme ends before it starts');
    if (data.issuedOn < data.group.programmeEnd) problems.push('the certificate is dated before the programme ends');
    if (data.participant.birthDate !== null && data.participant.birthDate >= data.group.programmeStart)
      problems.push('the participant is born after the programme starts');
    const year = parseCertificateNumber(data.number)?.year;
    if (year !== undefined && String(year) !== data.issuedOn.slice(0, 4))
      problems.push(`the number's year ${year} is not the year of issuedOn`);
  }
  if (!isVerificationCode(data.verificationCode)) problems.push(`not a verification code: ${data.verificationCode}`);
  else if (
    !/^https?:\/\/[^/\s]+(?:\/\S*)?$/.test(data.verificationUrl) ||
    !data.verificationUrl.endsWith(certificateVerificationPath(data.verificationCode))
  )
    problems.push(`the verification URL is not <publicUrl>${VERIFICATION_PATH_PREFIX}<code>: ${data.verificationUrl}`);
  const required = [
    ['participant.firstName', data.participant.firstName],
    ['participant.lastName', data.participant.lastName],
    ['programme.code', data.programme.code],
    ['programme.name', data.programme.name],
    ['programme.kindLabel', data.programme.kindLabel],
    ['group.name', data.group.name],
    ['assessment.formatLabel', data.assessment.formatLabel],
    ['assessment.result', data.assessment.result],
    ['institution.name', data.institution.name],
    ['institution.code', data.institution.code],
    // INST-6, DONE-12: the contact person's first name, last name and position are printed.
    ['institution.contactPerson.firstName', data.institution.contactPerson.firstName],
    ['institution.contactPerson.lastName', data.institution.contactPerson.lastName],
    ['institution.contactPerson.position', data.institution.contactPerson.position],
  ] as const;
  for (const [label, value] of required) if (value.trim() === '') problems.push(`${label} is empty`);
  if (!Number.isFinite(data.programme.contactHours) || data.programme.contactHours <= 0) problems.push('no contact hours');
  if (data.programme.totalHours !== null && !(data.programme.totalHours >= data.programme.contactHours))
    problems.push('total hours are fewer than the contact hours');
  return problems;
}
