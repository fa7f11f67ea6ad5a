// Certificates that verify themselves, over HTTP (issue 13; DONE-16, DONE-19): the public
// verification page (no login) for a known, an unknown and a malformed code, showing only the
// confirmed fields; the typed-code form; the issuer's JWK Set and profile; the participant's PDF and
// VC-JWT downloads, the VC-JWT verified by an outside verifier with the published JWKS
// (createRemoteJWKSet) and accepted by the page, a tampered or foreign one refused (422); the
// provider's view and download from the group; anybody else's certificate 404 in both places.
// Certificate rows and their PDFs are written straight into Postgres (the issuing batch is tested
// elsewhere); nothing here needs a workflow.
import { randomBytes } from 'node:crypto';
import { createHash } from 'node:crypto';
import { createRemoteJWKSet, customFetch, decodeJwt, generateKeyPair, jwtVerify, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  certificateVerificationFields,
  certificateVerificationUrl,
  verificationCode,
  type CertificateData,
} from '../../workflows/domain/certificate.ts';
import { openBadgeCredential } from '../../workflows/domain/credential.ts';
import { signCertificateCredential } from '../../web/credentials.ts';
import { CREDENTIAL_REFUSALS } from '../../web/routes/certificates.tsx';
import { VERIFICATION_TEXTS } from '../../web/views/certificates.tsx';
import { sampleCertificateData } from '../support/certificate.ts';
import { createInstitution, type InstitutionFixture } from '../support/fixtures.ts';
import { insertGroupRows } from '../support/group-rows.ts';
import { appCaller, ORIGIN } from '../support/http.ts';
import { insertParticipant } from '../support/participants.ts';
import { pdfBytes } from '../support/pdf.ts';
import { adminSession, personSessionFor, type TestSession } from '../support/session.ts';
import { startStack, type TestStack } from '../support/stack.ts';

let stack: TestStack;
let call: ReturnType<typeof appCaller>;
let a: InstitutionFixture;
let b: InstitutionFixture;

interface Issued {
  groupId: string;
  contractId: string;
  participantId: string;
  session: TestSession;
  data: CertificateData;
  pdf: Uint8Array;
}
let ona: Issued;
let rasa: Issued;
let asAdminA: TestSession;

/** Decoded HTML text (the pages escape quotes). */
async function text(res: Response): Promise<string> {
  return (await res.text())
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** A participant with a contract in force in a group of the institution, and its certificate (a stored PDF and the row). */
async function issue(fx: InstitutionFixture, firstName: string, groupName: string): Promise<Issued> {
  const [groupId] = await insertGroupRows(stack.db, {
    institutionId: fx.institutionId,
    programmeId: fx.programmeId,
    venueId: fx.venueId,
    count: 1,
    name: () => groupName,
    status: () => 'Vykdoma',
  });
  const p = await insertParticipant(stack.db, { firstName });
  const contractId = crypto.randomUUID();
  await stack.db
    .insertInto('group_registrations')
    .values({
      id: contractId,
      group_id: groupId!,
      institution_id: fx.institutionId,
      person_key: p.personKey,
      first_name: firstName,
      last_name: 'Dalyvaitė',
      email: `${crypto.randomUUID().slice(0, 8)}@example.lt`,
      phone: null,
      funding: 'IMP_KREPSELIS',
      status: 'CONTRACTED',
      participant_id: p.participantId,
    })
    .execute();
  await stack.db
    .insertInto('learning_contracts')
    .values({
      id: contractId,
      institution_id: fx.institutionId,
      group_id: groupId!,
      programme_id: fx.programmeId,
      participant_id: p.participantId,
      version: 1,
      phase: 'GALIOJA',
      participant_status: 'PASIRASYTA',
      provider_status: 'PASIRASYTA',
      signing_deadline: new Date(Date.now() - 86_400_000),
      number: `T-${crypto.randomUUID().slice(0, 8)}`,
    })
    .execute();
  const code = verificationCode(randomBytes(16));
  const sequence = 100_000_000 + Math.floor(Math.random() * 899_999_999);
  const data = sampleCertificateData({
    number: `KURSUOK-2026-${sequence}`,
    verificationCode: code,
    verificationUrl: certificateVerificationUrl(stack.config.web.publicUrl, code),
    participant: { firstName, lastName: 'Dalyvaitė', birthDate: '1971-09-14' },
    group: { name: groupName, programmeStart: '2026-03-16', programmeEnd: '2026-05-29' },
    assessment: { formatLabel: 'Įskaita', result: 'Įskaityta' },
  });
  const pdf = pdfBytes(`Pažymėjimas ${data.number}`);
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  const file = await stack.db
    .insertInto('stored_files')
    .values({
      institution_id: fx.institutionId,
      purpose: 'CERTIFICATE',
      sha256,
      size: pdf.length,
      content_type: 'application/pdf',
      original_name: `${data.number}.pdf`,
      download_name: `${data.number}.pdf`,
      uploaded_by: null,
      uploaded_by_personal_code_hash: null,
      content: pdf,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await stack.db
    .insertInto('certificates')
    .values({
      contract_id: contractId,
      institution_id: fx.institutionId,
      group_id: groupId!,
      programme_id: fx.programmeId,
      participant_id: p.participantId,
      number: data.number,
      verification_code: code,
      data,
      file_id: file.id,
      file_sha256: sha256,
      issued_on: data.issuedOn,
      generated_at: new Date(data.generatedAt),
    })
    .execute();
  const session = await personSessionFor(stack.db, {
    audience: 'DALYVIS',
    personKey: p.personKey,
    participantId: p.participantId,
    names: [firstName, 'Dalyvaitė'],
  });
  return { groupId: groupId!, contractId, participantId: p.participantId, session, data, pdf };
}

beforeAll(async () => {
  stack = await startStack('certificate-verification', { worker: false });
  call = appCaller(stack.app);
  a = await createInstitution(stack.db, 'Pažymėjimų institucija A');
  b = await createInstitution(stack.db, 'Pažymėjimų institucija B');
  ona = await issue(a, 'Ona', 'Onos grupė ĄČĘ');
  rasa = await issue(b, 'Rasa', 'Rasos grupė ĖĮŠ');
  asAdminA = await adminSession(stack.db, a);
});

afterAll(async () => {
  await stack?.stop();
});

/** The outside verifier: the JWK Set fetched from /.well-known/jwks.json (through the app in-process). */
function publishedKeySet() {
  return createRemoteJWKSet(new URL(`${ORIGIN}/.well-known/jwks.json`), {
    [customFetch]: (url: string, init: RequestInit) => Promise.resolve(stack.app.request(url, init)),
  });
}

describe('the public verification page /kursuok/pazymejimai/<code>', () => {
  it('confirms a known certificate without a login: name, programme, hours, dates, institution, number and date — nothing more', async () => {
    const res = await call(`/kursuok/pazymejimai/${ona.data.verificationCode}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-robots-tag')).toMatch(/noindex/);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    const page = await text(res);
    expect(page).toContain(VERIFICATION_TEXTS.confirmed);
    for (const field of certificateVerificationFields(ona.data)) {
      expect(page).toContain(field.label);
      expect(page).toContain(field.value);
    }
    expect(page).toContain('Ona Dalyvaitė');
    expect(page).toContain('40 akad. val. kontaktinio darbo (iš viso 60 akad. val.)');
    // Not the birth date, the group, the assessment or the contact person; nobody else's certificate.
    for (const hidden of ['1971-09-14', 'Onos grupė ĄČĘ', 'Įskaityta', 'Įskaita', 'Čepulis', 'Mokymo skyriaus vadovas', 'Rasa'])
      expect(page).not.toContain(hidden);
  });

  it('says a well-formed code is unknown (404) and a malformed one is not a code (400), naming nobody', async () => {
    const unknown = await call(`/kursuok/pazymejimai/${verificationCode(randomBytes(16))}`);
    expect(unknown.status).toBe(404);
    const unknownPage = await text(unknown);
    expect(unknownPage).toContain(VERIFICATION_TEXTS.unknown);
    for (const malformed of ['abc', `${ona.data.verificationCode}!`, 'a'.repeat(87), `${ona.data.verificationCode.slice(0, 21)}`]) {
      const res = await call(`/kursuok/pazymejimai/${encodeURIComponent(malformed)}`);
      expect(res.status, malformed).toBe(400);
      const page = await text(res);
      expect(page).toContain(VERIFICATION_TEXTS.malformed);
      expect(page).not.toContain('Dalyvaitė');
    }
    expect(unknownPage).not.toContain('Dalyvaitė');
    // Both offer the forms to try again.
    expect(unknownPage).toContain('name="kodas"');
    expect(unknownPage).toContain('name="kredencialas"');
  });

  it('takes a typed code or link and opens its page; an empty form shows the forms', async () => {
    const form = await call('/kursuok/pazymejimai');
    expect(form.status).toBe(200);
    expect(await text(form)).toContain('<label for="kodas">');
    for (const typed of [ona.data.verificationCode, `  ${ona.data.verificationUrl}  `, `${ona.data.verificationUrl}?utm=x`]) {
      const res = await call(`/kursuok/pazymejimai?kodas=${encodeURIComponent(typed)}`);
      expect(res.status, typed).toBe(303);
      expect(res.headers.get('location')).toBe(`/kursuok/pazymejimai/${ona.data.verificationCode}`);
    }
    const bad = await call(`/kursuok/pazymejimai?kodas=${encodeURIComponent('ne kodas <b>')}`);
    expect(bad.status).toBe(400);
    const badPage = await bad.text();
    expect(badPage).not.toContain('<b>');
  });
});

describe('the issuer key and the Verifiable Credential', () => {
  it('publishes the public key as a JWK Set and the issuer as an Open Badges profile', async () => {
    const res = await call('/.well-known/jwks.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/jwk-set\+json/);
    const jwks = (await res.json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(jwks.keys[0]).not.toHaveProperty('d');
    const profile = await call('/.well-known/kursuok-issuer.json');
    expect(await profile.json()).toMatchObject({ id: `${ORIGIN}/.well-known/kursuok-issuer.json`, type: ['Profile'] });
  });

  it('lets the participant download her PDF and VC-JWT; an outside verifier checks the VC-JWT with the published JWKS', async () => {
    const pdf = await call(`/kursuok/sutartys/${ona.contractId}/pazymejimas`, { as: ona.session });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toMatch(/^attachment; .*KURSUOK-2026-/);
    expect(new Uint8Array(await pdf.arrayBuffer())).toEqual(ona.pdf);

    const vc = await call(`/kursuok/sutartys/${ona.contractId}/kredencialas`, { as: ona.session });
    expect(vc.status).toBe(200);
    expect(vc.headers.get('content-type')).toBe('application/vc+jwt');
    expect(vc.headers.get('content-disposition')).toMatch(/^attachment; .*\.jwt/);
    const jwt = await vc.text();
    const { payload, protectedHeader } = await jwtVerify(jwt, publishedKeySet(), { typ: 'vc+jwt', algorithms: ['ES256'] });
    const jwks = (await (await call('/.well-known/jwks.json')).json()) as { keys: { kid: string }[] };
    expect(protectedHeader.kid).toBe(jwks.keys[0]!.kid);
    expect(payload).toMatchObject({
      ...openBadgeCredential(ona.data, stack.config.web.publicUrl),
      id: ona.data.verificationUrl,
      jti: ona.data.verificationUrl,
      iss: `${ORIGIN}/.well-known/kursuok-issuer.json`,
    });
  });

  it('shows the certificate on her contract page with the links', async () => {
    const res = await call(`/kursuok/sutartys/${ona.contractId}`, { as: ona.session });
    expect(res.status).toBe(200);
    const page = await text(res);
    expect(page).toContain(`Pažymėjimas Nr. ${ona.data.number}`);
    expect(page).toContain(`/kursuok/sutartys/${ona.contractId}/pazymejimas`);
    expect(page).toContain(`/kursuok/sutartys/${ona.contractId}/kredencialas`);
    expect(page).toContain(`/kursuok/pazymejimai/${ona.data.verificationCode}`);
  });

  it('accepts the pasted VC-JWT on the verification page and shows the same fields', async () => {
    const jwt = await (await call(`/kursuok/sutartys/${ona.contractId}/kredencialas`, { as: ona.session })).text();
    // Anybody (no session), pasted with line breaks.
    const res = await call('/kursuok/pazymejimai', { body: { kredencialas: `${jwt.slice(0, 50)}\n${jwt.slice(50)}\n` } });
    expect(res.status).toBe(200);
    const page = await text(res);
    expect(page).toContain(VERIFICATION_TEXTS.confirmedCredential);
    for (const field of certificateVerificationFields(ona.data)) expect(page).toContain(field.value);
    expect(page).not.toContain('1971-09-14');
  });

  it('refuses (422) a tampered, foreign, unknown or mismatching credential and text that is not one, in Lithuanian', async () => {
    const jwt = await (await call(`/kursuok/sutartys/${ona.contractId}/kredencialas`, { as: ona.session })).text();
    const [h, , s] = jwt.split('.') as [string, string, string];
    const claims = decodeJwt(jwt);
    // Tampered: Rasa's name in Ona's credential, the signature kept.
    const forged = {
      ...claims,
      credentialSubject: { ...(claims.credentialSubject as object), identifier: [{ identityHash: 'Rasa Dalyvaitė' }] },
    };
    const tampered = `${h}.${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${s}`;
    const foreign = await generateKeyPair('ES256');
    const foreignJwt = await new SignJWT(claims).setProtectedHeader(decodeProtectedHeaderOf(jwt)).sign(foreign.privateKey);
    // Signed with the real key, but naming a certificate that does not exist, or saying another name than the certificate.
    const code = verificationCode(randomBytes(16));
    const unknownJwt = await signCertificateCredential(stack.config, {
      ...ona.data,
      verificationCode: code,
      verificationUrl: certificateVerificationUrl(stack.config.web.publicUrl, code),
    });
    const mismatchJwt = await signCertificateCredential(stack.config, {
      ...ona.data,
      participant: { ...ona.data.participant, firstName: 'Rasa' },
    });
    const cases: [string, string, string][] = [
      ['tampered', tampered, CREDENTIAL_REFUSALS.signature],
      ['foreign key', foreignJwt, CREDENTIAL_REFUSALS.signature],
      ['unknown certificate', unknownJwt, CREDENTIAL_REFUSALS.unknown],
      ['mismatch', mismatchJwt, CREDENTIAL_REFUSALS.mismatch],
      ['not a JWT', 'tai ne kredencialas', CREDENTIAL_REFUSALS.malformed],
      ['empty', '   ', CREDENTIAL_REFUSALS.empty],
    ];
    for (const [label, pasted, message] of cases) {
      const res = await call('/kursuok/pazymejimai', { body: { kredencialas: pasted } });
      expect(res.status, label).toBe(422);
      const page = await text(res);
      expect(page, label).toContain(message);
      expect(page, label).not.toContain('data-verification="confirmed"');
    }
  });

  it('refuses another participant’s certificate (404), and sends a visitor without a session to the login', async () => {
    for (const path of [`/kursuok/sutartys/${rasa.contractId}/pazymejimas`, `/kursuok/sutartys/${rasa.contractId}/kredencialas`]) {
      const res = await call(path, { as: ona.session });
      expect(res.status, path).toBe(404);
      const page = await text(res);
      expect(page).not.toContain(rasa.data.number);
      expect(page).not.toContain('Rasa');
      const anonymous = await call(path);
      expect(anonymous.status).toBe(303);
      expect(anonymous.headers.get('location')).toBe('/kursuok/prisijungti');
    }
    // A contract without a certificate, and not a contract id at all.
    expect((await call(`/kursuok/sutartys/${crypto.randomUUID()}/pazymejimas`, { as: ona.session })).status).toBe(404);
    expect((await call('/kursuok/sutartys/ne-id/kredencialas', { as: ona.session })).status).toBe(404);
  });
});

describe('the provider’s view and download from the group', () => {
  it('shows the certificate inline and downloads it', async () => {
    const view = await call(`/grupes/${ona.groupId}/baigimas/${ona.contractId}/pazymejimas`, { as: asAdminA });
    expect(view.status).toBe(200);
    expect(view.headers.get('content-type')).toBe('application/pdf');
    expect(view.headers.get('content-disposition')).toMatch(/^inline; /);
    expect(new Uint8Array(await view.arrayBuffer())).toEqual(ona.pdf);
    const download = await call(`/grupes/${ona.groupId}/baigimas/${ona.contractId}/pazymejimas/atsisiusti`, { as: asAdminA });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; /);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(ona.pdf);
  });

  it('is not found for another institution’s certificate, whatever group is put in the URL (GEN-5)', async () => {
    for (const path of [
      `/grupes/${rasa.groupId}/baigimas/${rasa.contractId}/pazymejimas`,
      `/grupes/${ona.groupId}/baigimas/${rasa.contractId}/pazymejimas`,
      `/grupes/${rasa.groupId}/baigimas/${ona.contractId}/pazymejimas/atsisiusti`,
      `/grupes/${ona.groupId}/baigimas/ne-id/pazymejimas`,
    ]) {
      const res = await call(path, { as: asAdminA });
      expect(res.status, path).toBe(404);
      const page = await text(res);
      expect(page).toContain('Puslapis nerastas arba neturite teisės jo matyti.');
      expect(page).not.toContain(rasa.data.number);
    }
    // A participant's session is not a provider's.
    const asParticipant = await call(`/grupes/${ona.groupId}/baigimas/${ona.contractId}/pazymejimas`, { as: ona.session });
    expect(asParticipant.status).not.toBe(200);
  });
});

function decodeProtectedHeaderOf(jwt: string) {
  return JSON.parse(Buffer.from(jwt.split('.')[0]!, 'base64url').toString('utf8')) as { alg: string; typ: string; kid: string };
}
