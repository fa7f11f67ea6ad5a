// Login through the VIISP simulator (OIDC code + PKCE), first-login consent, accounts created from
// ŠMIR, institution choice, sessions (ASVS V3) and CSRF on the session routes (AUTH-*, USERS-9/15).
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPersonalCode } from '../../worker/crypto.ts';
import { SESSION_COOKIE } from '../../web/auth/cookies.ts';
import { TEST_LEGAL_ENTITIES, TEST_PEOPLE } from '../sim/viisp/people.ts';
import { createInstitution } from '../support/fixtures.ts';
import { browse, csrfOf, Jar, loginThroughViisp, ORIGIN } from '../support/login.ts';
import { startStack, type TestStack } from '../support/stack.ts';

let stack: TestStack;
const hash = (code: string) => hashPersonalCode(stack.config.secrets.personalCodePepper, code);

beforeAll(async () => {
  stack = await startStack('auth', { simulators: true });
});
afterAll(async () => {
  await stack?.stop();
});

async function consent(jar: Jar) {
  const csrf = await csrfOf(stack.app, jar, '/sutikimas');
  return browse(stack.app, jar, '/sutikimas', { form: { sutinku: 'taip' }, csrf });
}

/** Makes `code` an active user of a fresh institution (with the given rights). */
async function memberOf(label: string, code: string, rights: string[] = ['DARBUOTOJAS']) {
  const f = await createInstitution(stack.db, label);
  await stack.db
    .updateTable('institution_users')
    .set({ personal_code_hash: hash(code), rights })
    .where('id', '=', f.userId)
    .execute();
  return f;
}

describe('login entry (AUTH-1..AUTH-3)', () => {
  it('offers "Mokymo paslaugų teikėjas" with the three entries, and sends nobody anywhere without a session', async () => {
    const page = await (await stack.app.request(`${ORIGIN}/prisijungti`)).text();
    expect(page).toContain('Mokymo paslaugų teikėjas');
    for (const mode of ['juridinis', 'pilietis', 'fizinis']) expect(page).toContain(`/prisijungti/viisp?budas=${mode}`);
    // The manual's words for each mode (§1; issue 11, item 10), in the buttons themselves.
    expect(page).toMatch(/href="\/prisijungti\/viisp\?budas=juridinis">\s*Juridiniam asmeniui\s*<\/a>/);
    expect(page).toMatch(
      /href="\/prisijungti\/viisp\?budas=pilietis">\s*Lietuvos Respublikos piliečiui ir užsieniečiui, turinčiam leidimą gyventi Lietuvos Respublikoje\s*<\/a>/,
    );
    expect(page).toMatch(/href="\/prisijungti\/viisp\?budas=fizinis">\s*Fiziniam asmeniui\s*<\/a>/);
    expect(page).not.toContain('Juridinis asmuo');
    const app = await stack.app.request(`${ORIGIN}/programos`);
    expect(app.status).toBe(303);
    expect(app.headers.get('location')).toBe('/prisijungti');
  });
});

describe('head of a legal entity (AUTH-4..AUTH-14)', () => {
  it('creates the account from ŠMIR at the first login, asks for consent before anything opens, and records it', async () => {
    const entity = TEST_LEGAL_ENTITIES.newInSmir;
    const { jar, landedAt } = await loginThroughViisp(stack.app, 'juridinis', {
      personalCode: TEST_PEOPLE.jonas.personalCode,
      entityCode: entity.code,
    });
    expect(landedAt).toBe('/sutikimas');
    const institution = await stack.db.selectFrom('institutions').selectAll().where('code', '=', entity.code).executeTakeFirstOrThrow();
    expect(institution).toMatchObject({
      name: entity.name,
      kind: 'JURIDINIS',
      head_personal_code_hash: hash(TEST_PEOPLE.jonas.personalCode),
    });
    expect(institution.smir_data).toMatchObject({ code: entity.code });

    // Nothing else opens before consent.
    expect((await browse(stack.app, jar, '/naudotojai')).headers.get('location')).toBe('/sutikimas');
    const page = await (await browse(stack.app, jar, '/sutikimas')).text();
    expect(page).toContain('naudotojo pasižadėjimas saugoti asmens duomenų paslaptį');
    expect(page).toContain('Sutinku su privatumo politika');
    // The policy agreed to can be read first, without a session.
    expect(page).toContain('href="/privatumo-politika"');
    const policy = await stack.app.request(`${ORIGIN}/privatumo-politika`);
    expect(policy.status).toBe(200);
    expect(await policy.text()).toContain(`Versija: ${stack.config.privacyPolicyVersion}`);
    const csrf = await csrfOf(stack.app, jar, '/sutikimas');
    const refused = await browse(stack.app, jar, '/sutikimas', { form: {}, csrf });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('pažymėkite „Sutinku su privatumo politika“');

    const accepted = await consent(jar);
    expect(accepted.headers.get('location')).toBe('/');
    const consents = await stack.db
      .selectFrom('consents')
      .selectAll()
      .where('personal_code_hash', '=', hash(TEST_PEOPLE.jonas.personalCode))
      .execute();
    expect(consents).toHaveLength(1);
    expect(consents[0]).toMatchObject({ policy_version: stack.config.privacyPolicyVersion, context: 'VADOVO_PRISIJUNGIMAS' });

    // AUTH-13, OQ-4: the head sees "Institucijos naudotojai" and "Institucijos informacija" only.
    const home = await (await browse(stack.app, jar, '/')).text();
    expect(home).toContain('Institucijos naudotojai');
    expect(home).toContain('Institucijos informacija');
    expect(home).not.toContain('Institucijos mokymosi programos');
    // USERS-1: the head is told the first step while the institution has no administrator.
    expect(home).toContain('Pirmiausia aplikacijoje');
    expect((await browse(stack.app, jar, '/programos')).status).toBe(403);

    // AUTH-14: the second login opens the same account, without asking again.
    const again = await loginThroughViisp(stack.app, 'juridinis', {
      personalCode: TEST_PEOPLE.jonas.personalCode,
      entityCode: entity.code,
    });
    expect(again.landedAt).toBe('/');
    const count = await stack.db
      .selectFrom('institutions')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('code', '=', entity.code)
      .executeTakeFirstOrThrow();
    expect(count.n).toBe(1);
    const audit = await stack.db
      .selectFrom('audit_log')
      .select(['action', 'actor_personal_code_hash'])
      .where('entity_id', '=', institution.id)
      .execute();
    expect(audit).toEqual([{ action: 'create', actor_personal_code_hash: hash(TEST_PEOPLE.jonas.personalCode) }]);
  });

  it('refuses a legal entity that ŠMIR does not know (AUTH-12), creating nothing', async () => {
    const entity = TEST_LEGAL_ENTITIES.notInSmir;
    const { callback } = await loginThroughViisp(stack.app, 'juridinis', {
      personalCode: TEST_PEOPLE.petras.personalCode,
      entityCode: entity.code,
    });
    expect(callback.status).toBe(403);
    expect(await callback.text()).toContain('nerastas Švietimo, mokslo ir sporto institucijų registre (ŠMIR)');
    expect(await stack.db.selectFrom('institutions').select('id').where('code', '=', entity.code).executeTakeFirst()).toBeUndefined();
    expect(callback.headers.getSetCookie().some((c) => c.startsWith(`${SESSION_COOKIE}=`) && !/max-age=0/i.test(c))).toBe(false);
  });
});

describe('free teacher (AUTH-9, AUTH-11)', () => {
  it.each([
    ['a citizen', TEST_PEOPLE.ona],
    ['a foreigner with a residence permit', TEST_PEOPLE.olena],
  ])('creates the account of %s from ŠMIR', async (_label, person) => {
    const { jar, landedAt } = await loginThroughViisp(stack.app, 'pilietis', { personalCode: person.personalCode });
    expect(landedAt).toBe('/sutikimas');
    const institution = await stack.db
      .selectFrom('institutions')
      .selectAll()
      .where('head_personal_code_hash', '=', hash(person.personalCode))
      .executeTakeFirstOrThrow();
    expect(institution.kind).toBe('LAISVASIS_MOKYTOJAS');
    expect(institution.name).toContain(person.familyName);
    expect((await consent(jar)).headers.get('location')).toBe('/');
  });

  it('refuses a person who is not a free teacher in ŠMIR', async () => {
    const { callback } = await loginThroughViisp(stack.app, 'pilietis', { personalCode: TEST_PEOPLE.petras.personalCode });
    expect(callback.status).toBe(403);
    expect(await callback.text()).toContain('nesate įregistruotas ŠMIR kaip laisvasis mokytojas');
  });
});

describe('institution users, "Fiziniam asmeniui" (USERS-8, USERS-9, USERS-11, USERS-15)', () => {
  it('refuses a person who is nobody’s confirmed user', async () => {
    const { callback } = await loginThroughViisp(stack.app, 'fizinis', { personalCode: TEST_PEOPLE.petras.personalCode });
    expect(callback.status).toBe(403);
    expect(await callback.text()).toContain('nesate patvirtintas nė vienos mokymo institucijos naudotojas');
  });

  it('lets a person of two institutions choose and switch the represented one; the acting institution is always shown', async () => {
    const code = TEST_PEOPLE.laura.personalCode;
    const first = await memberOf('Pirmoji įstaiga', code);
    const second = await memberOf('Antroji įstaiga', code);
    const { jar, landedAt } = await loginThroughViisp(stack.app, 'fizinis', { personalCode: code });
    expect(landedAt).toBe('/sutikimas');
    expect((await consent(jar)).headers.get('location')).toBe('/pasirinkti-institucija');
    expect((await browse(stack.app, jar, '/programos')).headers.get('location')).toBe('/pasirinkti-institucija');

    const csrf = await csrfOf(stack.app, jar, '/pasirinkti-institucija');
    const chooser = await (await browse(stack.app, jar, '/pasirinkti-institucija')).text();
    expect(chooser).toContain(`value="${first.userId}"`);
    expect(chooser).toContain(`value="${second.userId}"`);
    // Someone else's membership cannot be chosen.
    const stranger = await createInstitution(stack.db, 'Svetima');
    expect((await browse(stack.app, jar, '/pasirinkti-institucija', { form: { naudotojas: stranger.userId }, csrf })).status).toBe(422);

    expect(
      (await browse(stack.app, jar, '/pasirinkti-institucija', { form: { naudotojas: second.userId }, csrf })).headers.get('location'),
    ).toBe('/');
    const home = await (await browse(stack.app, jar, '/programos')).text();
    expect(home).toContain('Atstovaujama institucija: Antroji įstaiga');
    expect(home).toContain('Keisti instituciją');

    await browse(stack.app, jar, '/pasirinkti-institucija', { form: { naudotojas: first.userId }, csrf });
    expect(await (await browse(stack.app, jar, '/programos')).text()).toContain('Atstovaujama institucija: Pirmoji įstaiga');
  });
});

describe('sessions (ASVS V3)', () => {
  async function userSession() {
    const code = TEST_PEOPLE.tomas.personalCode;
    // One membership at a time, so the login lands in the institution directly.
    await stack.db.updateTable('institution_users').set({ status: 'REMOVED' }).where('personal_code_hash', '=', hash(code)).execute();
    const f = await memberOf('Sesijų įstaiga', code);
    await stack.db
      .insertInto('consents')
      .values({
        personal_code_hash: hash(code),
        policy_version: stack.config.privacyPolicyVersion,
        context: 'TESTAS',
        institution_id: null,
      })
      .execute();
    // (a second consent row for the same person is harmless: any one for the version counts)
    const login = await loginThroughViisp(stack.app, 'fizinis', { personalCode: code });
    return { f, ...login };
  }

  it('sets a __Host- cookie that is HttpOnly, Secure and SameSite=Lax', async () => {
    const { callback } = await userSession();
    const cookie = callback.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`))!;
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).not.toMatch(/Domain=/i);
  });

  it('issues a new session ID at every login and revokes the one the browser had', async () => {
    const { jar } = await userSession();
    const before = jar.cookies.get(SESSION_COOKIE)!;
    const again = await loginThroughViisp(stack.app, 'fizinis', { personalCode: TEST_PEOPLE.tomas.personalCode }, jar);
    const after = again.jar.cookies.get(SESSION_COOKIE)!;
    expect(after).not.toBe(before);
    const old = await stack.app.request(`${ORIGIN}/programos`, { headers: { Cookie: `${SESSION_COOKIE}=${before}` } });
    expect(old.headers.get('location')).toBe('/prisijungti?priezastis=baigesi');
  });

  it('ends a session idle for more than 30 minutes', async () => {
    const { jar } = await userSession();
    expect((await browse(stack.app, jar, '/programos')).status).toBe(200);
    // Only this person's sessions: other test files share the database and must stay logged in.
    await stack.db
      .updateTable('sessions')
      .set({ last_seen_at: sql`now() - interval '31 minutes'` })
      .where('revoked_at', 'is', null)
      .where('personal_code_hash', '=', hash(TEST_PEOPLE.tomas.personalCode))
      .execute();
    const res = await browse(stack.app, jar, '/programos');
    expect(res.headers.get('location')).toBe('/prisijungti?priezastis=baigesi');
    expect(await (await stack.app.request(`${ORIGIN}/prisijungti?priezastis=baigesi`)).text()).toContain('Jūsų sesija baigėsi');
  });

  it('ends a session 12 hours after login, however active', async () => {
    const { jar } = await userSession();
    await stack.db
      .updateTable('sessions')
      .set({ expires_at: sql`now() - interval '1 second'` })
      .where('revoked_at', 'is', null)
      .where('personal_code_hash', '=', hash(TEST_PEOPLE.tomas.personalCode))
      .execute();
    expect((await browse(stack.app, jar, '/programos')).headers.get('location')).toBe('/prisijungti?priezastis=baigesi');
  });

  it('logs out with a POST that revokes the session server-side; the cookie no longer opens anything', async () => {
    const { jar } = await userSession();
    const token = jar.cookies.get(SESSION_COOKIE)!;
    const csrf = await csrfOf(stack.app, jar, '/programos');
    const out = await browse(stack.app, jar, '/atsijungti', { form: {}, csrf });
    expect(out.headers.get('location')).toBe('/prisijungti?priezastis=atsijungta');
    const replay = await stack.app.request(`${ORIGIN}/programos`, { headers: { Cookie: `${SESSION_COOKIE}=${token}` } });
    expect(replay.headers.get('location')).toBe('/prisijungti?priezastis=baigesi');
  });

  it('ends the session when the user is removed or loses the last right (USERS-31)', async () => {
    const { jar, f } = await userSession();
    const token = jar.cookies.get(SESSION_COOKIE)!;
    await stack.db.updateTable('institution_users').set({ rights: [] }).where('id', '=', f.userId).execute();
    expect((await browse(stack.app, jar, '/programos')).headers.get('location')).toBe('/prisijungti?priezastis=teises');
    // Revoked server-side, not only forgotten by the browser: the old cookie opens nothing.
    const session = await stack.db
      .selectFrom('sessions')
      .select(['revoked_at', 'revoked_reason'])
      .where('institution_user_id', '=', f.userId)
      .executeTakeFirstOrThrow();
    expect(session.revoked_at).not.toBeNull();
    expect(session.revoked_reason).toBe('teisės panaikintos');
    const replay = await stack.app.request(`${ORIGIN}/programos`, { headers: { Cookie: `${SESSION_COOKIE}=${token}` } });
    expect(replay.headers.get('location')).toBe('/prisijungti?priezastis=baigesi');
  });

  it('refuses state changes without the session’s CSRF token or from another origin, and changes nothing', async () => {
    const { jar } = await userSession();
    const csrf = await csrfOf(stack.app, jar, '/programos');
    expect((await browse(stack.app, jar, '/atsijungti', { form: {} })).status).toBe(403);
    expect((await browse(stack.app, jar, '/atsijungti', { form: {}, csrf: 'x'.repeat(43) })).status).toBe(403);
    expect((await browse(stack.app, jar, '/atsijungti', { form: {}, csrf, origin: 'https://evil.example' })).status).toBe(403);
    expect((await browse(stack.app, jar, '/programos')).status).toBe(200);
  });
});

describe('the login transaction', () => {
  it('refuses a callback without its login cookie, or with a tampered one, or cancelled at the gateway', async () => {
    const missing = await stack.app.request(`${ORIGIN}/prisijungti/atgal?code=x&state=y`);
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('Prisijungimo seansas nebegalioja');
    const tampered = await stack.app.request(`${ORIGIN}/prisijungti/atgal?code=x&state=y`, {
      headers: { Cookie: '__Host-kursuok_login=eyJhbGciOiJkaXIifQ..x.y.z' },
    });
    expect(tampered.status).toBe(400);
    const jar = new Jar();
    jar.take(await stack.app.request(`${ORIGIN}/prisijungti/viisp?budas=fizinis`));
    const cancelled = await stack.app.request(`${ORIGIN}/prisijungti/atgal?error=access_denied&state=y`, {
      headers: { Cookie: jar.header() },
    });
    expect(cancelled.status).toBe(403);
    expect(await cancelled.text()).toContain('Prisijungimas atšauktas');
  });

  it('refuses a code replayed with a state that is not the transaction’s', async () => {
    const jar = new Jar();
    const start = jar.take(await stack.app.request(`${ORIGIN}/prisijungti/viisp?budas=fizinis`));
    const other = new Jar();
    const otherStart = other.take(await stack.app.request(`${ORIGIN}/prisijungti/viisp?budas=fizinis`));
    expect(start.status).toBe(303);
    // The code of one login with the cookie of another: state and PKCE do not match.
    const { driveViispLogin } = await import('../sim/viisp/drive.ts');
    const back = await driveViispLogin(otherStart.headers.get('location')!, { personalCode: TEST_PEOPLE.tomas.personalCode });
    const res = await stack.app.request(back, { headers: { Cookie: jar.header() } });
    expect(res.status).toBe(400);
    expect(res.headers.getSetCookie().some((c) => c.startsWith(`${SESSION_COOKIE}=`))).toBe(false);
  });
});
