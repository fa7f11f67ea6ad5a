// The issuer key of the certificates' Verifiable Credentials and the VC-JWTs made and checked with it
// (issue 13, "Certificates that verify themselves"; DONE-16). The credential itself is built by
// workflows/domain/credential.ts (Open Badges 3.0, VC Data Model 2.0); here it is signed with jose
// as a VC-JWT (ES256, header typ 'vc+jwt', cty 'vc', kid = the key's RFC 7638 thumbprint) and a
// presented one is checked against the published JWK Set (/.well-known/jwks.json).
//
// The key (Config.credentialKey): a private JWK in KURSUOK_CREDENTIAL_KEY, or KURSUOK_CREDENTIAL_KEY_FILE
// holding a private JWK or a PKCS#8 PEM; with neither, a P-256 key derived from KURSUOK_SIGNING_SECRET
// (HMAC with its own purpose label), so in development and tests nothing is generated or stored and
// every web process of one deployment publishes the same key. The VC-JWT is signed when it is
// downloaded (only the web process needs the key): every download is a fresh signature over the same
// credential, all of them verifiable as long as the key stays published.
import { readFileSync } from 'node:fs';
import { createECDH, createPrivateKey } from 'node:crypto';
import {
  calculateJwkThumbprint,
  createLocalJWKSet,
  errors,
  importJWK,
  jwtVerify,
  SignJWT,
  type CryptoKey,
  type JWK,
  type JWTPayload,
} from 'jose';
import type { CertificateData } from '../workflows/domain/certificate.ts';
import {
  CREDENTIAL_ALGORITHM,
  credentialJwtClaims,
  issuerId,
  looksLikeCompactJwt,
  openBadgeCredential,
  VC_JWT_TYP,
} from '../workflows/domain/credential.ts';
import type { Config } from '../worker/config.ts';
import { deriveKey } from '../worker/crypto.ts';

export interface CredentialIssuerKey {
  kid: string;
  privateKey: CryptoKey;
  /** The public half as published (kid, alg, use). */
  publicJwk: JWK;
}

/** The order of P-256 (a derived scalar must be below it). */
const P256_ORDER = BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551');

/** A P-256 private JWK from 32 bytes derived from the signing secret (the first counter giving a valid scalar). */
function derivedJwk(secret: string): JWK {
  for (let counter = 0; ; counter++) {
    const d = deriveKey(secret, `verifiable-credential-es256:${counter}`);
    const scalar = BigInt(`0x${Buffer.from(d).toString('hex')}`);
    if (scalar === 0n || scalar >= P256_ORDER) continue;
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(d);
    const point = ecdh.getPublicKey(null, 'uncompressed');
    return {
      kty: 'EC',
      crv: 'P-256',
      d: Buffer.from(d).toString('base64url'),
      x: point.subarray(1, 33).toString('base64url'),
      y: point.subarray(33, 65).toString('base64url'),
    };
  }
}

/** The configured private JWK (inline JSON, or a file with a JWK or a PKCS#8 PEM), or the derived one. */
function configuredJwk(config: Config): JWK {
  const { jwk, file } = config.credentialKey;
  let parsed: JWK;
  if (jwk) parsed = JSON.parse(jwk) as JWK;
  else if (file) {
    const text = readFileSync(file, 'utf8').trim();
    parsed = text.startsWith('{') ? (JSON.parse(text) as JWK) : (createPrivateKey(text).export({ format: 'jwk' }) as JWK);
  } else return derivedJwk(config.secrets.signing);
  if (parsed.kty !== 'EC' || parsed.crv !== 'P-256' || !parsed.d || !parsed.x || !parsed.y)
    throw new Error('KURSUOK_CREDENTIAL_KEY(_FILE) must be an EC P-256 private key (ES256)');
  return parsed;
}

const keys = new WeakMap<Config, Promise<CredentialIssuerKey>>();

/** The issuer key of this configuration (loaded once per Config). */
export function credentialIssuerKey(config: Config): Promise<CredentialIssuerKey> {
  let key = keys.get(config);
  if (!key) {
    key = (async () => {
      const jwk = configuredJwk(config);
      const publicPart: JWK = { kty: jwk.kty!, crv: jwk.crv!, x: jwk.x!, y: jwk.y! };
      const kid = await calculateJwkThumbprint(publicPart, 'sha256');
      const privateKey = (await importJWK({ ...jwk, alg: CREDENTIAL_ALGORITHM }, CREDENTIAL_ALGORITHM)) as CryptoKey;
      return { kid, privateKey, publicJwk: { ...publicPart, kid, alg: CREDENTIAL_ALGORITHM, use: 'sig' } };
    })();
    keys.set(config, key);
    // A broken key is reported on every use, not cached.
    key.catch(() => keys.delete(config));
  }
  return key;
}

/** The JWK Set published at /.well-known/jwks.json. */
export async function publishedJwks(config: Config): Promise<{ keys: JWK[] }> {
  return { keys: [(await credentialIssuerKey(config)).publicJwk] };
}

/** The certificate's OpenBadgeCredential as a VC-JWT signed now. */
export async function signCertificateCredential(config: Config, data: CertificateData, now = new Date()): Promise<string> {
  const key = await credentialIssuerKey(config);
  const credential = openBadgeCredential(data, config.web.publicUrl);
  const claims = credentialJwtClaims(credential);
  return new SignJWT({ ...credential } as unknown as JWTPayload)
    .setProtectedHeader({ alg: CREDENTIAL_ALGORITHM, typ: VC_JWT_TYP, cty: 'vc', kid: key.kid })
    .setIssuer(claims.iss)
    .setJti(claims.jti)
    .setNotBefore(claims.nbf)
    .setIssuedAt(Math.floor(now.getTime() / 1000))
    .sign(key.privateKey);
}

/** Why a presented VC-JWT is refused (the page words each one in Lithuanian). */
export type CredentialRefusal = 'empty' | 'malformed' | 'signature' | 'expired' | 'notYetValid' | 'notOurs';

export type CredentialCheck = { ok: true; payload: JWTPayload } | { ok: false; refusal: CredentialRefusal };

/**
 * A presented VC-JWT checked against the published keys: the signature (ES256 only, a published kid),
 * the header typ, the issuer, and exp / nbf at `now`. What it names is checked by the caller.
 */
export async function verifyCredentialJwt(config: Config, text: string, now = new Date()): Promise<CredentialCheck> {
  const jwt = text.replace(/\s+/g, '');
  if (jwt === '') return { ok: false, refusal: 'empty' };
  if (!looksLikeCompactJwt(jwt)) return { ok: false, refusal: 'malformed' };
  try {
    const { payload } = await jwtVerify(jwt, createLocalJWKSet(await publishedJwks(config)), {
      algorithms: [CREDENTIAL_ALGORITHM],
      typ: VC_JWT_TYP,
      issuer: issuerId(config.web.publicUrl),
      currentDate: now,
    });
    return { ok: true, payload };
  } catch (err) {
    if (err instanceof errors.JWTExpired) return { ok: false, refusal: 'expired' };
    if (err instanceof errors.JWTClaimValidationFailed) return { ok: false, refusal: err.claim === 'nbf' ? 'notYetValid' : 'notOurs' };
    if (
      err instanceof errors.JWSSignatureVerificationFailed ||
      err instanceof errors.JWKSNoMatchingKey ||
      err instanceof errors.JWKSMultipleMatchingKeys ||
      err instanceof errors.JOSEAlgNotAllowed
    )
      return { ok: false, refusal: 'signature' };
    if (err instanceof errors.JOSEError) return { ok: false, refusal: 'malformed' };
    throw err;
  }
}
