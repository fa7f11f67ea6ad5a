// The certificates on the web (issue 13, "Certificates that verify themselves"; DONE-16, DONE-19):
// - public: the verification page /kursuok/pazymejimai/<code> (what the QR code opens; no login),
//   the form to type a code, a pasted VC-JWT checked against the published key, the issuer's JWK Set
//   (/.well-known/jwks.json) and Open Badges issuer profile (/.well-known/kursuok-issuer.json);
// - the participant: her certificate's PDF and its Verifiable Credential (VC-JWT) beside her
//   contract, /kursuok/sutartys/<contractId>/pazymejimas and …/kredencialas;
// - the provider: a participant's certificate from the group's "Mokymų baigimas",
//   /grupes/<groupId>/baigimas/<contractId>/pazymejimas (viewed inline) and …/atsisiusti.
// Anybody else's contract or group: not found (GEN-5, PORTAL-5). The verification page confirms what
// certificateVerificationFields gives and nothing more; a malformed code is 400, an unknown one 404,
// a refused credential 422, each with the same forms to try again.
import { Hono, type Context } from 'hono';
import {
  certificatePdf,
  findCertificateForVerification,
  findGroupCertificate,
  findOwnCertificate,
} from '../../db/queries/certificate-reads.ts';
import type { CertificateRow } from '../../db/tables/certificates.ts';
import {
  certificateDocumentTitle,
  certificateVerificationFields,
  isVerificationCode,
  VERIFICATION_PATH_PREFIX,
} from '../../workflows/domain/certificate.ts';
import {
  credentialMatchesCertificate,
  credentialVerificationCode,
  issuerProfile,
  JWKS_PATH,
  ISSUER_PROFILE_PATH,
  VC_JWT_MEDIA_TYPE,
} from '../../workflows/domain/credential.ts';
import { attachmentDisposition } from '../../workflows/domain/file-type.ts';
import { requirePerson } from '../auth/person-session.tsx';
import type { AppEnv } from '../context.ts';
import { publishedJwks, signCertificateCredential, verifyCredentialJwt, type CredentialRefusal } from '../credentials.ts';
import { isUuid } from '../forms.ts';
import { VERIFICATION_HOME, VerificationPage, type VerificationOutcome } from '../views/certificates.tsx';
import { PortalMessage, portalHtml } from '../views/portal-layout.tsx';
import { currentParticipant } from './portal-auth.tsx';

type C = Context<AppEnv>;

// ---- Public: the verification page and the issuer's keys ---------------------------------------------

export const certificateVerificationRoutes = new Hono<AppEnv>();

/** A refused VC-JWT, in Lithuanian. */
export const CREDENTIAL_REFUSALS: Record<CredentialRefusal | 'unknown' | 'mismatch', string> = {
  empty: 'Įklijuokite skaitmeninį kredencialą (VC-JWT).',
  malformed:
    'Tai ne skaitmeninis kredencialas: VC-JWT sudaro trys taškais atskirtos dalys iš lotyniškų raidžių, skaitmenų, brūkšnelių ir pabraukimo ženklų.',
  signature:
    'Kredencialas nepatvirtintas: jo parašas neatitinka KURSUOK paskelbto rakto – kredencialas pasirašytas ne KURSUOK sistemos arba po pasirašymo pakeistas.',
  expired: 'Kredencialas nepatvirtintas: jo galiojimo laikas pasibaigęs.',
  notYetValid: 'Kredencialas nepatvirtintas: jis dar negalioja.',
  notOurs: 'Kredencialas nepatvirtintas: tai ne KURSUOK sistemos išduoto pažymėjimo kredencialas.',
  unknown: 'Kredencialas nepatvirtintas: jame nurodyto pažymėjimo KURSUOK sistemoje nėra.',
  mismatch: 'Kredencialas nepatvirtintas: jo duomenys neatitinka išduoto pažymėjimo duomenų.',
};

function verificationPage(c: C, outcome: VerificationOutcome, typed: { code?: string; credential?: string } = {}) {
  const status = { form: 200, confirmed: 200, unknown: 404, malformed: 400, refused: 422 } as const;
  // A holder's name on a page anybody may open: not for search engines nor for caches.
  c.header('X-Robots-Tag', 'noindex, nofollow');
  c.header('Cache-Control', 'no-store');
  return portalHtml(
    c,
    <VerificationPage person={c.get('personSession')} outcome={outcome} code={typed.code} credential={typed.credential} />,
    status[outcome.kind],
  );
}

/** The code in what was typed: the code itself, or the verification link (with or without the address). */
function typedCode(text: string): string {
  const withoutQuery = text.trim().split(/[?#]/)[0] ?? '';
  return withoutQuery.slice(withoutQuery.lastIndexOf('/') + 1);
}

certificateVerificationRoutes.get(VERIFICATION_HOME, (c) => {
  const typed = c.req.query('kodas');
  if (typed === undefined || typed.trim() === '') return verificationPage(c, { kind: 'form' });
  const code = typedCode(typed);
  if (!isVerificationCode(code)) return verificationPage(c, { kind: 'malformed' }, { code: typed.slice(0, 300) });
  return c.redirect(`${VERIFICATION_PATH_PREFIX}${code}`, 303);
});

certificateVerificationRoutes.get(`${VERIFICATION_PATH_PREFIX}:code`, async (c) => {
  const code = c.req.param('code');
  // A malformed code is refused before any look-up.
  if (!isVerificationCode(code)) return verificationPage(c, { kind: 'malformed' }, { code: code.slice(0, 300) });
  const certificate = await findCertificateForVerification(c.get('deps').db, code);
  if (!certificate) return verificationPage(c, { kind: 'unknown' }, { code });
  return verificationPage(c, { kind: 'confirmed', via: 'code', fields: certificateVerificationFields(certificate.data) }, { code });
});

/** A pasted VC-JWT: the signature against the published key, its validity, and the certificate it names. */
certificateVerificationRoutes.post(VERIFICATION_HOME, async (c) => {
  const { db, config } = c.get('deps');
  const form = await c.req.parseBody();
  const text = typeof form.kredencialas === 'string' ? form.kredencialas : '';
  const shown = text.slice(0, 20_000);
  const refuse = (why: keyof typeof CREDENTIAL_REFUSALS) =>
    verificationPage(c, { kind: 'refused', message: CREDENTIAL_REFUSALS[why] }, { credential: shown });
  const checked = await verifyCredentialJwt(config, text);
  if (!checked.ok) return refuse(checked.refusal);
  const code = credentialVerificationCode(checked.payload, config.web.publicUrl);
  if (code === null) return refuse('notOurs');
  const certificate = await findCertificateForVerification(db, code);
  if (!certificate) return refuse('unknown');
  if (!credentialMatchesCertificate(checked.payload, certificate.data, config.web.publicUrl)) return refuse('mismatch');
  return verificationPage(c, { kind: 'confirmed', via: 'credential', fields: certificateVerificationFields(certificate.data) });
});

certificateVerificationRoutes.get(JWKS_PATH, async (c) => {
  const jwks = await publishedJwks(c.get('deps').config);
  return c.body(JSON.stringify(jwks), 200, {
    'Content-Type': 'application/jwk-set+json',
    'Cache-Control': 'public, max-age=3600',
    // Wallets and verifiers fetch it from their own origins.
    'Access-Control-Allow-Origin': '*',
  });
});

certificateVerificationRoutes.get(ISSUER_PROFILE_PATH, (c) => {
  const profile = issuerProfile(c.get('deps').config.web.publicUrl);
  return c.body(JSON.stringify(profile), 200, {
    'Content-Type': 'application/json',
    'Cache-Control': 'public, max-age=3600',
    'Access-Control-Allow-Origin': '*',
  });
});

// ---- Downloads ---------------------------------------------------------------------------------------

function pdfResponse(c: C, certificate: CertificateRow, bytes: Uint8Array<ArrayBuffer>, disposition: 'inline' | 'attachment') {
  const name = `${certificateDocumentTitle(certificate.data)}.pdf`;
  return c.body(bytes, 200, {
    'Content-Type': 'application/pdf',
    'Content-Length': String(bytes.byteLength),
    'Content-Disposition': attachmentDisposition(name).replace(/^attachment/, disposition),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'private, no-store',
  });
}

// ---- The participant's own certificate (DONE-16) -----------------------------------------------------

export const portalCertificateRoutes = new Hono<AppEnv>();
for (const path of ['/kursuok/sutartys/:contractId/pazymejimas', '/kursuok/sutartys/:contractId/kredencialas'])
  portalCertificateRoutes.use(path, requirePerson('DALYVIS'));

const portalNotFound = (c: C) =>
  portalHtml(
    c,
    <PortalMessage title="Nerasta" message="Pažymėjimas nerastas arba neturite teisės jo matyti." person={c.get('personSession')} />,
    404,
  );

/** Her certificate of the contract in the URL; undefined when the contract is not hers or has no certificate. */
async function ownCertificate(c: C): Promise<CertificateRow | undefined> {
  const participant = await currentParticipant(c);
  const contractId = c.req.param('contractId');
  if (!participant || !contractId || !isUuid(contractId)) return undefined;
  return findOwnCertificate(c.get('deps').db, participant.id, contractId);
}

portalCertificateRoutes.get('/kursuok/sutartys/:contractId/pazymejimas', async (c) => {
  const certificate = await ownCertificate(c);
  const bytes = certificate ? await certificatePdf(c.get('deps').db, certificate) : undefined;
  if (!certificate || !bytes) return portalNotFound(c);
  return pdfResponse(c, certificate, bytes, 'attachment');
});

/** The same certificate as an Open Badges 3.0 Verifiable Credential, a VC-JWT signed at download. */
portalCertificateRoutes.get('/kursuok/sutartys/:contractId/kredencialas', async (c) => {
  const certificate = await ownCertificate(c);
  if (!certificate) return portalNotFound(c);
  const jwt = await signCertificateCredential(c.get('deps').config, certificate.data);
  return c.body(jwt, 200, {
    'Content-Type': VC_JWT_MEDIA_TYPE,
    'Content-Disposition': attachmentDisposition(`${certificateDocumentTitle(certificate.data)}.jwt`),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'private, no-store',
  });
});

// ---- The provider's view and download (DONE-16), behind "Institucijos mokymosi programos" ------------

export const groupCertificateRoutes = new Hono<AppEnv>();

async function groupCertificate(c: C): Promise<{ certificate: CertificateRow; bytes: Uint8Array<ArrayBuffer> } | undefined> {
  const groupId = c.req.param('groupId');
  const contractId = c.req.param('contractId');
  if (!groupId || !contractId || !isUuid(groupId) || !isUuid(contractId)) return undefined;
  const { db } = c.get('deps');
  const certificate = await findGroupCertificate(db, { institutionId: c.get('acting').institution.id, groupId, contractId });
  const bytes = certificate ? await certificatePdf(db, certificate) : undefined;
  return certificate && bytes ? { certificate, bytes } : undefined;
}

groupCertificateRoutes.get('/grupes/:groupId/baigimas/:contractId/pazymejimas', async (c) => {
  const found = await groupCertificate(c);
  if (!found) return c.notFound();
  return pdfResponse(c, found.certificate, found.bytes, 'inline');
});

groupCertificateRoutes.get('/grupes/:groupId/baigimas/:contractId/pazymejimas/atsisiusti', async (c) => {
  const found = await groupCertificate(c);
  if (!found) return c.notFound();
  return pdfResponse(c, found.certificate, found.bytes, 'attachment');
});
