// The certificate as a W3C Verifiable Credential (issue 13, "Certificates that verify themselves";
// DONE-16, DONE-19): the same achievement as the PDF, shaped as an Open Badges 3.0
// OpenBadgeCredential (VC Data Model 2.0), which the participant carries to a wallet and the
// verification page accepts back. Secured as a VC-JWT (VC-JOSE-COSE: the JWT payload IS the
// credential, header typ 'vc+jwt', cty 'vc'; no 'vc' claim), signed by the KURSUOK system's issuer
// key (web/credentials.ts), whose public key is published at /.well-known/jwks.json.
//
// What it says is what the public verification page confirms (certificateVerificationFields): the
// holder's name, the programme (name, code, kind, hours), the delivery dates, the provider and the
// certificate's number and date — never the birth date, the personal code, the group or the
// assessment (the credential travels to third parties; the PDF stays the full document).
//
// Pure and deterministic: the public address and the instant of signing are passed in.
import {
  certificateHolderName,
  certificateHoursText,
  certificateVerificationUrl,
  CERTIFICATE_SUBTITLE,
  isVerificationCode,
  VERIFICATION_PATH_PREFIX,
  type CertificateData,
} from './certificate.ts';

/** VC Data Model 2.0 and the Open Badges 3.0 context, in the order OB 3.0 requires. */
export const CREDENTIAL_CONTEXT = ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'];
export const CREDENTIAL_TYPE = ['VerifiableCredential', 'OpenBadgeCredential'];
/** The JOSE header's `typ` and the download's media type (VC-JOSE-COSE). */
export const VC_JWT_TYP = 'vc+jwt';
export const VC_JWT_MEDIA_TYPE = 'application/vc+jwt';
/** The signature algorithm of the issuer key (P-256). */
export const CREDENTIAL_ALGORITHM = 'ES256';
/** Where the issuer's public keys (a JWK Set) are published. */
export const JWKS_PATH = '/.well-known/jwks.json';
/** The issuer's Open Badges Profile (the credential's `issuer.id`). */
export const ISSUER_PROFILE_PATH = '/.well-known/kursuok-issuer.json';
/** The issuer's name as the credential and the issuer profile give it. */
export const ISSUER_NAME = 'KURSUOK – Individualių mokymosi sąskaitų informacinė sistema (IMP IS)';
/** A pasted VC-JWT longer than this is refused unread (a real one is about 3 KB). */
export const MAX_CREDENTIAL_JWT_LENGTH = 20_000;

/** The issuer's Open Badges 3.0 Profile: the system that seals the certificates. */
export interface IssuerProfile {
  '@context': string[];
  id: string;
  type: string[];
  name: string;
  url: string;
}

export interface OpenBadgeCredential {
  '@context': string[];
  /** The certificate's public verification page (certificateVerificationUrl). */
  id: string;
  type: string[];
  issuer: Omit<IssuerProfile, '@context'>;
  /** When the certificate was generated (xsd:dateTimeStamp, whole seconds, UTC). */
  validFrom: string;
  name: string;
  credentialSubject: {
    type: string[];
    /** OB 3.0: either an id or at least one identifier; the holder has no DID, so her name. */
    identifier: { type: 'IdentityObject'; identityType: 'name'; hashed: false; identityHash: string }[];
    activityStartDate: string;
    activityEndDate: string;
    achievement: {
      id: string;
      type: string[];
      achievementType: 'CertificateOfCompletion';
      name: string;
      description: string;
      criteria: { narrative: string };
      /** The programme's code (NŠPR / SMPKR). */
      humanCode: string;
      /** Contact hours in academic hours (45 min); description says them in full. */
      creditsAvailable: number;
      inLanguage: 'lt';
      /** The provider that delivered the programme (INST-9: as it stood when the certificate was generated). */
      creator: { id: string; type: string[]; name: string };
    };
  };
}

const trimSlash = (publicUrl: string) => publicUrl.replace(/\/+$/, '');

/** The issuer's id: the address of its profile document. */
export function issuerId(publicUrl: string): string {
  return `${trimSlash(publicUrl)}${ISSUER_PROFILE_PATH}`;
}

export function issuerProfile(publicUrl: string): IssuerProfile {
  return {
    '@context': CREDENTIAL_CONTEXT,
    id: issuerId(publicUrl),
    type: ['Profile'],
    name: ISSUER_NAME,
    url: `${trimSlash(publicUrl)}/kursuok`,
  };
}

/** '2026-06-02T03:05:00.123Z' → '2026-06-02T03:05:00Z' (VC 2.0 dateTimeStamp, whole seconds). */
function wholeSeconds(instant: string): string {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new RangeError(`not an instant: ${instant}`);
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Identifiers that are not web addresses: the programme and the provider by their public codes. */
const programmeUrn = (code: string) => `urn:kursuok:programa:${encodeURIComponent(code)}`;
const institutionUrn = (code: string) => `urn:kursuok:institucija:${encodeURIComponent(code)}`;

/** The OpenBadgeCredential of a certificate snapshot; `publicUrl` is the app's public address. */
export function openBadgeCredential(data: CertificateData, publicUrl: string): OpenBadgeCredential {
  const profile = issuerProfile(publicUrl);
  return {
    '@context': CREDENTIAL_CONTEXT,
    id: certificateVerificationUrl(publicUrl, data.verificationCode),
    type: CREDENTIAL_TYPE,
    issuer: { id: profile.id, type: profile.type, name: profile.name, url: profile.url },
    validFrom: wholeSeconds(data.generatedAt),
    name: `Skaitmeninis pažymėjimas Nr. ${data.number}`,
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [{ type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: certificateHolderName(data) }],
      activityStartDate: `${data.group.programmeStart}T00:00:00Z`,
      activityEndDate: `${data.group.programmeEnd}T00:00:00Z`,
      achievement: {
        id: programmeUrn(data.programme.code),
        type: ['Achievement'],
        achievementType: 'CertificateOfCompletion',
        name: data.programme.name,
        description: `${CERTIFICATE_SUBTITLE}. ${data.programme.kindLabel}, ${certificateHoursText(data.programme)}.`,
        criteria: {
          narrative:
            'Mokymosi programa baigta: dalyvis pradėjo ir baigė mokymus, jo galutinis įvertinimas patvirtintas ir užpildyta mokymų vertinimo anketa.',
        },
        humanCode: data.programme.code,
        creditsAvailable: data.programme.contactHours,
        inLanguage: 'lt',
        creator: { id: institutionUrn(data.institution.code), type: ['Profile'], name: data.institution.name },
      },
    },
  };
}

/** The registered JWT claims that mirror the credential (VC-JOSE-COSE: they must not conflict with it). */
export function credentialJwtClaims(credential: OpenBadgeCredential): { iss: string; jti: string; nbf: number } {
  return { iss: credential.issuer.id, jti: credential.id, nbf: Math.floor(Date.parse(credential.validFrom) / 1000) };
}

// ---- Reading a presented credential back ------------------------------------------------------------

/** Whether text has the form of a compact JWS (three base64url parts); anything else is refused unread. */
export function looksLikeCompactJwt(text: string): boolean {
  return text.length <= MAX_CREDENTIAL_JWT_LENGTH && /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(text);
}

/**
 * The verification code a (signature-checked) credential names, or null when the payload is not a
 * KURSUOK certificate credential of this issuer: its type, its issuer, and an id that is this app's
 * verification page of a well-formed code, with `jti` equal to it.
 */
export function credentialVerificationCode(payload: Record<string, unknown>, publicUrl: string): string | null {
  const type = payload.type;
  if (!Array.isArray(type) || !CREDENTIAL_TYPE.every((t) => type.includes(t))) return null;
  const issuer = payload.issuer as { id?: unknown } | undefined;
  if (typeof issuer !== 'object' || issuer === null || issuer.id !== issuerId(publicUrl) || payload.iss !== issuer.id) return null;
  const id = payload.id;
  const prefix = `${trimSlash(publicUrl)}${VERIFICATION_PATH_PREFIX}`;
  if (typeof id !== 'string' || !id.startsWith(prefix) || payload.jti !== id) return null;
  const code = id.slice(prefix.length);
  return isVerificationCode(code) ? code : null;
}

/**
 * Whether a presented credential says what the certificate's snapshot says: a credential of the same
 * code carrying another name, programme or number (signed by an earlier key, say) is not accepted.
 */
export function credentialMatchesCertificate(payload: Record<string, unknown>, data: CertificateData, publicUrl: string): boolean {
  const expected = openBadgeCredential(data, publicUrl);
  const subject = payload.credentialSubject as Partial<OpenBadgeCredential['credentialSubject']> | undefined;
  return (
    payload.name === expected.name &&
    payload.validFrom === expected.validFrom &&
    typeof subject === 'object' &&
    subject !== null &&
    JSON.stringify(subject) === JSON.stringify(expected.credentialSubject)
  );
}
