// The VIISP simulator as a real OpenID Connect provider: a full authorization code + PKCE flow with
// openid-client for each of the three login modes, the ID token verified independently with jose,
// and the refusals (no PKCE, cancel, wrong client secret, forged choice).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as client from 'openid-client';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { startViispSimulator, VIISP_MODE_LABELS, type ViispMode, type ViispSimulator } from '../sim/viisp/server.ts';
import { CookieJar, driveViispCancel, driveViispLogin } from '../sim/viisp/drive.ts';
import { isValidPersonalCode, TEST_LEGAL_ENTITIES, TEST_PEOPLE, VIISP_LEGAL_ENTITIES, VIISP_PEOPLE } from '../sim/viisp/people.ts';

const CLIENT_ID = 'kursuok-test';
const CLIENT_SECRET = 'viisp-sim-test-secret';
const REDIRECT_URI = 'http://app.invalid/prisijungti/atgal';

let sim: ViispSimulator;
let config: client.Configuration;

beforeAll(async () => {
  sim = await startViispSimulator({
    port: 0,
    clients: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [REDIRECT_URI] }],
  });
  config = await discover(CLIENT_SECRET);
});

afterAll(async () => {
  await sim?.close();
});

function discover(secret: string): Promise<client.Configuration> {
  return client.discovery(new URL(sim.issuer), CLIENT_ID, { redirect_uris: [REDIRECT_URI] }, client.ClientSecretBasic(secret), {
    execute: [client.allowInsecureRequests],
  });
}

async function authorization(mode: string, { pkce = true }: { pkce?: boolean } = {}) {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const params: Record<string, string> = { redirect_uri: REDIRECT_URI, scope: 'openid profile', state, nonce, viisp_mode: mode };
  if (pkce) Object.assign(params, { code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256' });
  return { url: client.buildAuthorizationUrl(config, params).href, verifier, state, nonce };
}

async function loginAndVerify(mode: ViispMode, choose: { personalCode: string; entityCode?: string }) {
  const auth = await authorization(mode);
  const back = new URL(await driveViispLogin(auth.url, choose));
  expect(back.origin + back.pathname).toBe(REDIRECT_URI);
  expect(back.searchParams.get('state')).toBe(auth.state);
  expect(back.searchParams.get('code')).toBeTruthy();
  const tokens = await client.authorizationCodeGrant(config, back, {
    pkceCodeVerifier: auth.verifier,
    expectedState: auth.state,
    expectedNonce: auth.nonce,
  });
  expect(tokens.id_token).toBeTruthy();
  const jwksUri = config.serverMetadata().jwks_uri;
  expect(jwksUri).toBeTruthy();
  const { payload, protectedHeader } = await jwtVerify(tokens.id_token ?? '', createRemoteJWKSet(new URL(jwksUri ?? '')), {
    issuer: sim.issuer,
    audience: CLIENT_ID,
  });
  expect(protectedHeader.alg).toBe('RS256');
  expect(payload.nonce).toBe(auth.nonce);
  return payload;
}

describe('test people', () => {
  it('have valid Lithuanian personal codes and consistent legal entities', () => {
    for (const person of VIISP_PEOPLE) expect(isValidPersonalCode(person.personalCode), person.personalCode).toBe(true);
    expect(new Set(VIISP_PEOPLE.map((p) => p.personalCode)).size).toBe(VIISP_PEOPLE.length);
    for (const entity of VIISP_LEGAL_ENTITIES) {
      expect(entity.code).toMatch(/^\d{9}$/);
      expect(VIISP_PEOPLE.some((p) => p.personalCode === entity.headPersonalCode)).toBe(true);
    }
    expect(VIISP_LEGAL_ENTITIES.map((e) => e.code)).toEqual(expect.arrayContaining(['300000001', '300000002']));
    expect(VIISP_PEOPLE.some((p) => p.residence === 'resident_foreigner')).toBe(true);
  });

  it('check personal codes with the official algorithm', () => {
    expect(isValidPersonalCode('38501010002')).toBe(true); // first weights give 10, second give 10 → 0
    expect(isValidPersonalCode('33309240064')).toBe(true); // the commonly cited example
    expect(isValidPersonalCode('33309240065')).toBe(false); // wrong check digit
    expect(isValidPersonalCode('3850101000')).toBe(false); // 10 digits
    expect(isValidPersonalCode('78501010002')).toBe(false); // no such century digit
    expect(isValidPersonalCode('38502300001')).toBe(false); // 30 February
    expect(isValidPersonalCode('3850101000a')).toBe(false);
  });
});

describe('VIISP simulator as an OpenID Connect provider', () => {
  it('publishes discovery metadata for code + PKCE (S256) + client_secret_basic', () => {
    const meta = config.serverMetadata();
    expect(meta.issuer).toBe(sim.issuer);
    expect(meta.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(meta.response_types_supported).toEqual(['code']);
    expect(meta.code_challenge_methods_supported).toEqual(['S256']);
    expect(meta.token_endpoint_auth_methods_supported).toContain('client_secret_basic');
    expect(meta.scopes_supported).toEqual(expect.arrayContaining(['openid', 'profile']));
  });

  it("'juridinis': the head acting for a legal entity; the ID token names the entity", async () => {
    const head = TEST_PEOPLE.demoHead;
    const claims = await loginAndVerify('juridinis', { personalCode: head.personalCode, entityCode: TEST_LEGAL_ENTITIES.demo.code });
    expect(claims).toMatchObject({
      sub: head.personalCode,
      personal_code: head.personalCode,
      given_name: 'Vytautas',
      family_name: 'Kairys',
      login_mode: 'juridinis',
      residence: 'citizen',
      legal_entity_code: '300000001',
      legal_entity_name: 'Demo mokymo centras',
    });
  });

  it("'juridinis' for the other seeded institution and for an entity ŠMIR does not know", async () => {
    const other = await loginAndVerify('juridinis', { personalCode: TEST_PEOPLE.asta.personalCode, entityCode: '300000002' });
    expect(other).toMatchObject({
      login_mode: 'juridinis',
      legal_entity_code: '300000002',
      legal_entity_name: 'Kito teikėjo mokykla',
      family_name: 'Kazlauskienė',
    });
    const unknown = await loginAndVerify('juridinis', {
      personalCode: TEST_PEOPLE.petras.personalCode,
      entityCode: TEST_LEGAL_ENTITIES.notInSmir.code,
    });
    expect(unknown).toMatchObject({ legal_entity_code: '300000009', personal_code: TEST_PEOPLE.petras.personalCode });
  });

  it("'pilietis': a free teacher who is a foreigner with a residence permit, and one who is a citizen", async () => {
    const olena = await loginAndVerify('pilietis', { personalCode: TEST_PEOPLE.olena.personalCode });
    expect(olena).toMatchObject({
      sub: TEST_PEOPLE.olena.personalCode,
      personal_code: TEST_PEOPLE.olena.personalCode,
      given_name: 'Olena',
      family_name: 'Kovalenko',
      login_mode: 'pilietis',
      residence: 'resident_foreigner',
    });
    expect(olena).not.toHaveProperty('legal_entity_code');
    const ona = await loginAndVerify('pilietis', { personalCode: TEST_PEOPLE.ona.personalCode });
    expect(ona).toMatchObject({ given_name: 'Ona', family_name: 'Laisvoji', login_mode: 'pilietis', residence: 'citizen' });
  });

  it("'fizinis': an institution user; sub is the same person's in every mode", async () => {
    const ruta = await loginAndVerify('fizinis', { personalCode: TEST_PEOPLE.ruta.personalCode });
    expect(ruta).toMatchObject({
      sub: TEST_PEOPLE.ruta.personalCode,
      personal_code: '48504120238',
      given_name: 'Rūta',
      family_name: 'Jonaitienė',
      login_mode: 'fizinis',
      residence: 'citizen',
    });
    expect(ruta).not.toHaveProperty('legal_entity_code');
    expect(ruta).not.toHaveProperty('legal_entity_name');
    const headAsPerson = await loginAndVerify('fizinis', { personalCode: TEST_PEOPLE.demoHead.personalCode });
    expect(headAsPerson.sub).toBe(TEST_PEOPLE.demoHead.personalCode);
    expect(headAsPerson.login_mode).toBe('fizinis');
  });

  it('shows the Lithuanian login page on the requested mode, with all three modes offered', async () => {
    const jar = new CookieJar();
    const get = async (url: URL) => {
      const cookie = jar.header(url);
      const response = await fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });
      jar.store(response, url);
      return response;
    };
    const auth = await authorization('pilietis');
    const first = await get(new URL(auth.url));
    expect(first.status).toBe(303);
    const pageUrl = new URL(first.headers.get('location') ?? '', auth.url);
    expect(pageUrl.pathname).toMatch(/^\/interaction\/[\w-]+$/);
    const page = await get(pageUrl);
    expect(page.status).toBe(200);
    const html = await page.text();
    for (const label of Object.values(VIISP_MODE_LABELS)) expect(html).toContain(label);
    expect(html).toMatch(/<a [^>]*data-mode="pilietis" aria-current="page"/);
    expect(html).toContain(`data-person="${TEST_PEOPLE.olena.personalCode}"`);
    expect(html).toContain('Užsienietis, turintis leidimą gyventi Lietuvos Respublikoje');
    expect(html).toContain('Atšaukti');
    expect(html).not.toContain('data-entity=');

    // The "Juridiniam asmeniui" tab lists each legal entity with its head.
    const juridinis = await get(new URL(`${pageUrl.pathname}?mode=juridinis`, pageUrl));
    const juridinisHtml = await juridinis.text();
    for (const entity of VIISP_LEGAL_ENTITIES) {
      expect(juridinisHtml).toContain(`data-person="${entity.headPersonalCode}" data-entity="${entity.code}"`);
    }
    expect(juridinisHtml).toContain('Vadovas: Vytautas Kairys');

    // A forged choice (a person who does not head the entity) is refused.
    const forged = jar.header(new URL(`${pageUrl.pathname}/login`, pageUrl));
    const refused = await fetch(new URL(`${pageUrl.pathname}/login`, pageUrl), {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(forged ? { cookie: forged } : {}) },
      body: new URLSearchParams({ account: `juridinis:${TEST_PEOPLE.ruta.personalCode}:300000001` }).toString(),
    });
    expect(refused.status).toBe(400);
  });

  it('asks for a login on every authorization request, even with a live simulator session', async () => {
    const jar = new CookieJar();
    const request = async (url: URL, form?: URLSearchParams) => {
      const cookie = jar.header(url);
      const response = await fetch(url, {
        method: form ? 'POST' : 'GET',
        redirect: 'manual',
        headers: { ...(cookie ? { cookie } : {}), ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
        ...(form ? { body: form.toString() } : {}),
      });
      jar.store(response, url);
      return response;
    };
    const first = await authorization('fizinis');
    let url = new URL((await request(new URL(first.url))).headers.get('location') ?? '', first.url);
    expect(url.pathname).toMatch(/^\/interaction\//);
    let response = await request(
      new URL(`${url.pathname}/login`, url),
      new URLSearchParams({ account: `fizinis:${TEST_PEOPLE.tomas.personalCode}` }),
    );
    while (response.status === 303) {
      url = new URL(response.headers.get('location') ?? '', url);
      if (url.origin !== new URL(sim.issuer).origin) break;
      response = await request(url);
    }
    expect(url.href.startsWith(REDIRECT_URI)).toBe(true);

    const second = await authorization('fizinis');
    const again = await request(new URL(second.url));
    expect(again.status).toBe(303);
    expect(new URL(again.headers.get('location') ?? '', second.url).pathname).toMatch(/^\/interaction\//);
  });
});

describe('VIISP simulator refusals', () => {
  it('requires PKCE: a request without code_challenge goes back with invalid_request', async () => {
    const auth = await authorization('fizinis', { pkce: false });
    const back = new URL(await driveViispLogin(auth.url, { personalCode: TEST_PEOPLE.ruta.personalCode }));
    expect(back.origin + back.pathname).toBe(REDIRECT_URI);
    expect(back.searchParams.get('error')).toBe('invalid_request');
    expect(back.searchParams.get('error_description')).toMatch(/PKCE/);
    expect(back.searchParams.get('code')).toBeNull();
  });

  it('refuses a code exchanged with the wrong PKCE verifier', async () => {
    const auth = await authorization('fizinis');
    const back = new URL(await driveViispLogin(auth.url, { personalCode: TEST_PEOPLE.ruta.personalCode }));
    await expect(
      client.authorizationCodeGrant(config, back, {
        pkceCodeVerifier: client.randomPKCECodeVerifier(),
        expectedState: auth.state,
        expectedNonce: auth.nonce,
      }),
    ).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses an unknown viisp_mode', async () => {
    const auth = await authorization('vadovui');
    const back = new URL(await driveViispLogin(auth.url, { personalCode: TEST_PEOPLE.ruta.personalCode }));
    expect(back.searchParams.get('error')).toBe('invalid_request');
    expect(back.searchParams.get('error_description')).toMatch(/viisp_mode/);
  });

  it('"Atšaukti" ends the login with access_denied', async () => {
    const auth = await authorization('juridinis');
    const back = new URL(await driveViispCancel(auth.url));
    expect(back.origin + back.pathname).toBe(REDIRECT_URI);
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('state')).toBe(auth.state);
    await expect(
      client.authorizationCodeGrant(config, back, { pkceCodeVerifier: auth.verifier, expectedState: auth.state }),
    ).rejects.toMatchObject({
      error: 'access_denied',
    });
  });

  it('refuses a wrong client secret at the token endpoint', async () => {
    const auth = await authorization('fizinis');
    const back = new URL(await driveViispLogin(auth.url, { personalCode: TEST_PEOPLE.tomas.personalCode }));
    const wrong = await discover('not-the-secret');
    await expect(
      client.authorizationCodeGrant(wrong, back, { pkceCodeVerifier: auth.verifier, expectedState: auth.state, expectedNonce: auth.nonce }),
    ).rejects.toMatchObject({ status: 401, cause: [{ scheme: 'basic', parameters: { error: 'invalid_client' } }] });
    // The right secret still works for a fresh login.
    const ok = await loginAndVerify('fizinis', { personalCode: TEST_PEOPLE.tomas.personalCode });
    expect(ok.sub).toBe(TEST_PEOPLE.tomas.personalCode);
  });

  it('refuses a redirect URI that is not registered (no redirect, an error page)', async () => {
    const params = {
      redirect_uri: 'http://evil.invalid/cb',
      scope: 'openid profile',
      code_challenge: 'x'.repeat(43),
      code_challenge_method: 'S256',
    };
    const response = await fetch(client.buildAuthorizationUrl(config, params), { redirect: 'manual' });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Prisijungti nepavyko');
  });
});
