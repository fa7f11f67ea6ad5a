// The certificate as an Open Badges 3.0 Verifiable Credential (issue 13; DONE-16, DONE-19):
// the pure builder and readers (workflows/domain/credential.ts), and the VC-JWT signed and checked
// with the issuer key (web/credentials.ts): derived from the signing secret, or a configured JWK / PEM.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt, decodeProtectedHeader, exportJWK, exportPKCS8, generateKeyPair, importJWK, jwtVerify, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { credentialIssuerKey, publishedJwks, signCertificateCredential, verifyCredentialJwt } from '../../web/credentials.ts';
import {
  credentialJwtClaims,
  credentialMatchesCertificate,
  credentialVerificationCode,
  issuerId,
  looksLikeCompactJwt,
  openBadgeCredential,
} from '../../workflows/domain/credential.ts';
import { loadConfig } from '../../worker/config.ts';
import { SAMPLE_VERIFICATION_CODE, sampleCertificateData } from '../support/certificate.ts';

const PUBLIC_URL = 'https://kursuok.example.lt';
const data = sampleCertificateData();

const config = (env: Record<string, string> = {}) =>
  loadConfig({ KURSUOK_MODE: 'test', PUBLIC_URL: `${PUBLIC_URL}/`, KURSUOK_SIGNING_SECRET: 'a-test-secret-of-enough-length-000', ...env });

/** A credential's payload as a verifier reads it (the JSON the JWT carries, with its registered claims). */
function payloadOf(d = data): Record<string, unknown> {
  const credential = openBadgeCredential(d, PUBLIC_URL);
  return JSON.parse(JSON.stringify({ ...credential, ...credentialJwtClaims(credential) })) as Record<string, unknown>;
}

describe('openBadgeCredential (OB 3.0, VC Data Model 2.0)', () => {
  it('is an OpenBadgeCredential whose id is the verification page and whose issuer is the KURSUOK profile', () => {
    const vc = openBadgeCredential(data, `${PUBLIC_URL}/`);
    expect(vc['@context']).toEqual(['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json']);
    expect(vc.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(vc.id).toBe(`${PUBLIC_URL}/kursuok/pazymejimai/${SAMPLE_VERIFICATION_CODE}`);
    expect(vc.issuer).toMatchObject({ id: `${PUBLIC_URL}/.well-known/kursuok-issuer.json`, type: ['Profile'] });
    expect(vc.issuer.name).toMatch(/KURSUOK/);
    // Whole seconds, UTC: a VC 2.0 dateTimeStamp.
    expect(vc.validFrom).toBe('2026-06-02T03:05:00Z');
    expect(vc.name).toBe('Skaitmeninis pažymėjimas Nr. KURSUOK-2026-000123');
  });

  it('names the holder, the programme with its code and hours, the dates and the provider', () => {
    const s = openBadgeCredential(data, PUBLIC_URL).credentialSubject;
    expect(s.type).toEqual(['AchievementSubject']);
    expect(s.identifier).toEqual([
      { type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: 'Ūla Ėglė Įžymiūtė-Šęšuolė' },
    ]);
    expect(s.activityStartDate).toBe('2026-03-16T00:00:00Z');
    expect(s.activityEndDate).toBe('2026-05-29T00:00:00Z');
    expect(s.achievement).toMatchObject({
      type: ['Achievement'],
      achievementType: 'CertificateOfCompletion',
      name: data.programme.name,
      humanCode: 'NSP-2026-0101',
      creditsAvailable: 40,
      inLanguage: 'lt',
      creator: { type: ['Profile'], name: 'UAB „Šviesos žiedas“' },
    });
    expect(s.achievement.id).toBe('urn:kursuok:programa:NSP-2026-0101');
    expect(s.achievement.description).toContain('40 akad. val. kontaktinio darbo (iš viso 60 akad. val.)');
    expect(s.achievement.criteria.narrative.length).toBeGreaterThan(20);
  });

  it('carries nothing the verification page does not confirm: no birth date, assessment, group or contact person', () => {
    const json = JSON.stringify(openBadgeCredential(data, PUBLIC_URL));
    for (const hidden of ['1992-05-17', data.assessment.formatLabel, data.group.name, 'Čepulis', 'Mokymo skyriaus vadovas', 'birth'])
      expect(json).not.toContain(hidden);
  });

  it('mirrors iss, jti and nbf in the JWT claims', () => {
    const vc = openBadgeCredential(data, PUBLIC_URL);
    expect(credentialJwtClaims(vc)).toEqual({ iss: vc.issuer.id, jti: vc.id, nbf: Date.parse('2026-06-02T03:05:00Z') / 1000 });
  });
});

describe('reading a presented credential back', () => {
  it('finds the verification code of a KURSUOK credential of this address', () => {
    expect(credentialVerificationCode(payloadOf(), PUBLIC_URL)).toBe(SAMPLE_VERIFICATION_CODE);
    expect(credentialVerificationCode(payloadOf(), `${PUBLIC_URL}/`)).toBe(SAMPLE_VERIFICATION_CODE);
  });

  it.each([
    ['another issuer', { issuer: { id: 'https://evil.example/issuer' } }],
    ['iss unlike the issuer', { iss: 'https://evil.example/issuer' }],
    ['not an OpenBadgeCredential', { type: ['VerifiableCredential'] }],
    ['an id on another site', { id: `https://evil.example/kursuok/pazymejimai/${SAMPLE_VERIFICATION_CODE}` }],
    ['a malformed code', { id: `${PUBLIC_URL}/kursuok/pazymejimai/abc`, jti: `${PUBLIC_URL}/kursuok/pazymejimai/abc` }],
    ['jti unlike the id', { jti: 'urn:uuid:1' }],
  ])('refuses %s', (_label, change) => {
    expect(credentialVerificationCode({ ...payloadOf(), ...change }, PUBLIC_URL)).toBeNull();
  });

  it('matches the certificate it was made from, and not one that says otherwise', () => {
    expect(credentialMatchesCertificate(payloadOf(), data, PUBLIC_URL)).toBe(true);
    const renamed = sampleCertificateData({ participant: { ...data.participant, lastName: 'Kitokia' } });
    expect(credentialMatchesCertificate(payloadOf(), renamed, PUBLIC_URL)).toBe(false);
    const otherNumber = sampleCertificateData({ number: 'KURSUOK-2026-000124' });
    expect(credentialMatchesCertificate(payloadOf(), otherNumber, PUBLIC_URL)).toBe(false);
  });

  it('takes only a compact JWS of a bounded size', () => {
    expect(looksLikeCompactJwt('eyJh.eyJi.c2ln')).toBe(true);
    expect(looksLikeCompactJwt('eyJh.eyJi')).toBe(false);
    expect(looksLikeCompactJwt('eyJh.eyJi.c2ln.x')).toBe(false);
    expect(looksLikeCompactJwt('eyJh.ey Ji.c2ln')).toBe(false);
    expect(looksLikeCompactJwt(`eyJh.${'a'.repeat(20_000)}.c2ln`)).toBe(false);
  });
});

describe('the issuer key and the VC-JWT (web/credentials.ts)', () => {
  it('derives the same key from the same secret (every web process publishes one key) and another from another', async () => {
    const a = await credentialIssuerKey(config());
    const b = await credentialIssuerKey(config());
    const c = await credentialIssuerKey(config({ KURSUOK_SIGNING_SECRET: 'another-test-secret-of-enough-len' }));
    expect(a.kid).toBe(b.kid);
    expect(c.kid).not.toBe(a.kid);
    expect(a.publicJwk).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig', kid: a.kid });
    expect(a.publicJwk).not.toHaveProperty('d');
  });

  it('signs the credential as a VC-JWT that the published JWK Set verifies', async () => {
    const cfg = config();
    const jwt = await signCertificateCredential(cfg, data, new Date('2026-06-03T10:00:00Z'));
    const header = decodeProtectedHeader(jwt);
    const { keys } = await publishedJwks(cfg);
    expect(header).toEqual({ alg: 'ES256', typ: 'vc+jwt', cty: 'vc', kid: keys[0]!.kid });
    // An outside verifier: the published public key alone.
    const { payload } = await jwtVerify(jwt, await importJWK(keys[0]!, 'ES256'), { typ: 'vc+jwt' });
    expect(payload).toMatchObject({ ...openBadgeCredential(data, PUBLIC_URL), iss: issuerId(PUBLIC_URL), jti: data.verificationUrl });
    expect(payload.iat).toBe(Date.parse('2026-06-03T10:00:00Z') / 1000);
    expect(payload).not.toHaveProperty('vc');
    expect(await verifyCredentialJwt(cfg, jwt)).toMatchObject({ ok: true });
    // Line breaks from a pasted text are ignored.
    expect(await verifyCredentialJwt(cfg, `\n${jwt.slice(0, 40)}\n${jwt.slice(40)}  `)).toMatchObject({ ok: true });
  });

  it('refuses a tampered payload, another key, an expired or not yet valid one, another typ, and text that is no JWT', async () => {
    const cfg = config();
    const jwt = await signCertificateCredential(cfg, data);
    const [h, p, s] = jwt.split('.') as [string, string, string];
    const changed = Buffer.from(JSON.stringify({ ...decodeJwt(jwt), name: 'Skaitmeninis pažymėjimas Nr. KURSUOK-2026-999999' })).toString(
      'base64url',
    );
    expect(await verifyCredentialJwt(cfg, `${h}.${changed}.${s}`)).toEqual({ ok: false, refusal: 'signature' });
    expect(await verifyCredentialJwt(cfg, `${h}.${p}.${s.slice(0, -4)}AAAA`)).toEqual({ ok: false, refusal: 'signature' });

    const own = await credentialIssuerKey(cfg);
    const foreign = await generateKeyPair('ES256');
    const sign = (claims: Record<string, unknown>, key = own.privateKey, header: Record<string, unknown> = {}) =>
      new SignJWT({ ...payloadOf(), ...claims }).setProtectedHeader({ alg: 'ES256', typ: 'vc+jwt', kid: own.kid, ...header }).sign(key);
    expect(await verifyCredentialJwt(cfg, await sign({}, foreign.privateKey))).toEqual({ ok: false, refusal: 'signature' });
    expect(await verifyCredentialJwt(cfg, await sign({}, foreign.privateKey, { kid: 'unknown' }))).toEqual({
      ok: false,
      refusal: 'signature',
    });
    const now = Math.floor(Date.now() / 1000);
    expect(await verifyCredentialJwt(cfg, await sign({ exp: now - 60 }))).toEqual({ ok: false, refusal: 'expired' });
    expect(await verifyCredentialJwt(cfg, await sign({ nbf: now + 3600 }))).toEqual({ ok: false, refusal: 'notYetValid' });
    expect(await verifyCredentialJwt(cfg, await sign({}, own.privateKey, { typ: 'JWT' }))).toEqual({ ok: false, refusal: 'notOurs' });
    expect(await verifyCredentialJwt(cfg, await sign({ iss: 'https://evil.example' }))).toEqual({ ok: false, refusal: 'notOurs' });
    expect(await verifyCredentialJwt(cfg, await sign({}))).toMatchObject({ ok: true });
    expect(await verifyCredentialJwt(cfg, '')).toEqual({ ok: false, refusal: 'empty' });
    expect(await verifyCredentialJwt(cfg, 'ne kredencialas')).toEqual({ ok: false, refusal: 'malformed' });
    expect(await verifyCredentialJwt(cfg, 'e30.e30.e30')).toEqual({ ok: false, refusal: 'malformed' });
  });

  it('uses a configured key: a private JWK in the environment, or a PKCS#8 PEM file', async () => {
    const pair = await generateKeyPair('ES256', { extractable: true });
    const jwk = await exportJWK(pair.privateKey);
    const fromEnv = await credentialIssuerKey(config({ KURSUOK_CREDENTIAL_KEY: JSON.stringify(jwk) }));
    expect(fromEnv.publicJwk).toMatchObject({ x: jwk.x, y: jwk.y });
    expect(fromEnv.publicJwk).not.toHaveProperty('d');
    const dir = mkdtempSync(join(tmpdir(), 'kursuok-credential-'));
    writeFileSync(join(dir, 'key.pem'), await exportPKCS8(pair.privateKey));
    const fromFile = await credentialIssuerKey(config({ KURSUOK_CREDENTIAL_KEY_FILE: join(dir, 'key.pem') }));
    expect(fromFile.kid).toBe(fromEnv.kid);
    // A VC-JWT of one verifies under the other: the same key.
    const cfg = config({ KURSUOK_CREDENTIAL_KEY_FILE: join(dir, 'key.pem') });
    const jwt = await signCertificateCredential(config({ KURSUOK_CREDENTIAL_KEY: JSON.stringify(jwk) }), data);
    expect(await verifyCredentialJwt(cfg, jwt)).toMatchObject({ ok: true });
    const rsa = await generateKeyPair('RS256', { extractable: true });
    await expect(credentialIssuerKey(config({ KURSUOK_CREDENTIAL_KEY: JSON.stringify(await exportJWK(rsa.privateKey)) }))).rejects.toThrow(
      /P-256/,
    );
  });
});
