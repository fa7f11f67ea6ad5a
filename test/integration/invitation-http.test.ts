// The invitation link (USERS-6..USERS-13, L9 U3) with the real workflow, activities and VIISP
// simulator: only the invited person, only with the current, unexpired, unused link; anything else
// gets a clear Lithuanian page and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../web/auth/cookies.ts';
import { hashPersonalCode, signInvitationToken } from '../../worker/crypto.ts';
import { inviteUser, resendInvitation } from '../../web/invitation-commands.ts';
import { userInvitationWorkflowId } from '../../workflows/ids.ts';
import { driveViispLogin } from '../sim/viisp/drive.ts';
import { TEST_PEOPLE } from '../sim/viisp/people.ts';
import { createInstitution, type InstitutionFixture } from '../support/fixtures.ts';
import { Jar, ORIGIN } from '../support/login.ts';
import { startStack, type TestStack } from '../support/stack.ts';

let stack: TestStack;
let inst: InstitutionFixture;
const hash = (code: string) => hashPersonalCode(stack.config.secrets.personalCodePepper, code);
const INVITEE = TEST_PEOPLE.asta;
const SOMEONE_ELSE = TEST_PEOPLE.demoHead;

beforeAll(async () => {
  stack = await startStack('invitation', { simulators: true });
  inst = await createInstitution(stack.db, 'Kviečianti įstaiga');
});
afterAll(async () => {
  await stack?.stop();
});

/** Invites INVITEE (a fresh user row each time: the previous one is removed first). */
async function invite() {
  await stack.db
    .updateTable('institution_users')
    .set({ status: 'REMOVED' })
    .where('personal_code_hash', '=', hash(INVITEE.personalCode))
    .execute();
  const invitationId = crypto.randomUUID();
  const result = await inviteUser(
    { temporal: stack.client, config: stack.config },
    {
      invitationId,
      actor: { userId: inst.userId, personalCodeHash: inst.personalCodeHash, institutionId: inst.institutionId, requestId: 'test' },
      user: {
        firstName: INVITEE.givenName,
        lastName: INVITEE.familyName,
        email: `asta+${invitationId.slice(0, 8)}@example.lt`,
        phone: null,
        position: null,
        personalCodeHash: hash(INVITEE.personalCode),
        rights: ['DARBUOTOJAS'],
        employerId: null,
        signingDocument: null,
      },
    },
  );
  if (!result.ok) throw new Error(result.message);
  return { invitationId, userId: result.value.userId, path: await linkPath(invitationId) };
}

/** The link of the newest invitation e-mail (from the outbox: what the e-mail carries). */
async function linkPath(invitationId: string): Promise<string> {
  const email = await stack.db
    .selectFrom('email_outbox')
    .select('text_body')
    .where('entity_id', '=', invitationId)
    .where('kind', '=', 'USER_INVITATION')
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();
  return new URL(/http\S+\/kvietimas\/\S+/.exec(email.text_body)![0]).pathname;
}

/** Ticks the consent box on the link's page and logs in at the simulator as `person`. */
async function confirmAs(path: string, personalCode: string, jar = new Jar()) {
  const start = jar.take(
    await stack.app.request(`${ORIGIN}${path}`, {
      method: 'POST',
      headers: { Origin: ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ sutinku: 'taip' }),
    }),
  );
  expect(start.status).toBe(303);
  const back = await driveViispLogin(start.headers.get('location')!, { personalCode });
  return jar.take(await stack.app.request(back, { headers: { Cookie: jar.header() } }));
}

async function stateOf(invitationId: string, userId: string) {
  const [invitation, user, consents] = await Promise.all([
    stack.db.selectFrom('user_invitations').select(['status', 'current_token_id']).where('id', '=', invitationId).executeTakeFirstOrThrow(),
    stack.db.selectFrom('institution_users').select(['status', 'confirmed_at']).where('id', '=', userId).executeTakeFirstOrThrow(),
    stack.db.selectFrom('consents').select('id').where('personal_code_hash', '=', hash(INVITEE.personalCode)).execute(),
  ]);
  return { invitation, user, consents: consents.length };
}

describe('the invitation link', () => {
  it('shows the institution and the pledge, and insists on "Sutinku su privatumo politika"', async () => {
    const { path } = await invite();
    const page = await (await stack.app.request(`${ORIGIN}${path}`)).text();
    expect(page).toContain('Kviečianti įstaiga');
    expect(page).toContain('naudotojo pasižadėjimas saugoti asmens duomenų paslaptį');
    const refused = await stack.app.request(`${ORIGIN}${path}`, {
      method: 'POST',
      headers: { Origin: ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: '',
    });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('pažymėkite „Sutinku su privatumo politika“');
  });

  it('refuses someone else who logs in with the link, and nothing changes', async () => {
    const { path, invitationId, userId } = await invite();
    const before = await stateOf(invitationId, userId);
    const res = await confirmAs(path, SOMEONE_ELSE.personalCode);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Prisijungęs asmuo nėra tas, kuriam skirtas šis kvietimas');
    expect(res.headers.getSetCookie().some((c) => c.startsWith(`${SESSION_COOKIE}=`) && !/max-age=0/i.test(c))).toBe(false);
    expect(await stateOf(invitationId, userId)).toEqual(before);
  });

  it('confirms the invited person (U3): active user, consent recorded, confirmation e-mail, a session for the institution', async () => {
    const { path, invitationId, userId } = await invite();
    const res = await confirmAs(path, INVITEE.personalCode);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/?pranesimas=patvirtinta');
    const after = await stateOf(invitationId, userId);
    expect(after.invitation.status).toBe('CONFIRMED');
    expect(after.user.status).toBe('ACTIVE');
    expect(after.user.confirmed_at).not.toBeNull();
    const consent = await stack.db
      .selectFrom('consents')
      .selectAll()
      .where('personal_code_hash', '=', hash(INVITEE.personalCode))
      .where('context', '=', 'KVIETIMO_PATVIRTINIMAS')
      .executeTakeFirstOrThrow();
    expect(consent).toMatchObject({ policy_version: stack.config.privacyPolicyVersion, institution_id: inst.institutionId });
    const confirmation = await stack.db
      .selectFrom('email_outbox')
      .select(['subject', 'text_body'])
      .where('entity_id', '=', invitationId)
      .where('kind', '=', 'USER_CONFIRMED')
      .executeTakeFirstOrThrow();
    expect(confirmation.subject).toBe('Tapatybė patvirtinta: prisijungimas prie IMP IS');
    expect(confirmation.text_body).toContain(`${stack.config.web.publicUrl}/prisijungti`);
    const audit = await stack.db
      .selectFrom('audit_log')
      .select(['action', 'actor_personal_code_hash'])
      .where('entity_id', '=', userId)
      .orderBy('id')
      .execute();
    expect(audit.map((r) => r.action)).toEqual(['invite', 'confirm']);
    expect(audit[1]!.actor_personal_code_hash).toBe(hash(INVITEE.personalCode));
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const home = await (await stack.app.request(`${ORIGIN}/?pranesimas=patvirtinta`, { headers: { Cookie: cookie } })).text();
    expect(home).toContain('Jūsų tapatybė patvirtinta.');
    expect(home).toContain('Atstovaujama institucija: Kviečianti įstaiga');
    // The workflow is done.
    expect(await stack.client.workflow.getHandle(userInvitationWorkflowId(invitationId)).result()).toBe('CONFIRMED');

    // Used once: the same link again is refused, nothing changes.
    const reused = await stack.app.request(`${ORIGIN}${path}`);
    expect(reused.status).toBe(410);
    expect(await reused.text()).toContain('Ši kvietimo nuoroda jau panaudota');
  });

  it('refuses a link replaced by a resent one, and takes the new one (U2)', async () => {
    const { path, invitationId, userId } = await invite();
    const resent = await resendInvitation(
      { temporal: stack.client, config: stack.config },
      {
        invitationId,
        actor: { userId: inst.userId, personalCodeHash: inst.personalCodeHash, institutionId: inst.institutionId, requestId: 't' },
        idempotencyKey: crypto.randomUUID(),
      },
    );
    expect(resent.ok).toBe(true);
    const old = await stack.app.request(`${ORIGIN}${path}`);
    expect(old.status).toBe(410);
    expect(await old.text()).toContain('pakeista nauja');
    const fresh = await linkPath(invitationId);
    expect(fresh).not.toBe(path);
    expect((await confirmAs(fresh, INVITEE.personalCode)).headers.get('location')).toBe('/?pranesimas=patvirtinta');
    expect((await stateOf(invitationId, userId)).user.status).toBe('ACTIVE');
  });

  it('refuses forged, tampered and expired links with a Lithuanian page', async () => {
    const { path, invitationId } = await invite();
    const forged = await stack.app.request(`${ORIGIN}/kvietimas/not-a-token`);
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain('Nuoroda neteisinga');
    const token = path.split('/').pop()!;
    const tampered = await stack.app.request(`${ORIGIN}/kvietimas/${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`);
    expect(tampered.status).toBe(400);
    const otherKey = await signInvitationToken('another-secret-of-someone-else-xx', {
      invitationId,
      tokenId: 'x',
      expiresAt: Date.now() + 60_000,
    });
    expect((await stack.app.request(`${ORIGIN}/kvietimas/${otherKey}`)).status).toBe(400);
    const invitation = await stack.db
      .selectFrom('user_invitations')
      .select('current_token_id')
      .where('id', '=', invitationId)
      .executeTakeFirstOrThrow();
    const expired = await signInvitationToken(stack.config.secrets.signing, {
      invitationId,
      tokenId: invitation.current_token_id,
      expiresAt: Date.now() - 1000,
    });
    const res = await stack.app.request(`${ORIGIN}/kvietimas/${expired}`);
    expect(res.status).toBe(410);
    expect(await res.text()).toContain('Kvietimo nuoroda nebegalioja');
  });

  it('refuses the link of a removed user (the invitation cancelled)', async () => {
    const { path, invitationId } = await invite();
    await stack.db.updateTable('user_invitations').set({ status: 'CANCELLED' }).where('id', '=', invitationId).execute();
    const res = await stack.app.request(`${ORIGIN}${path}`);
    expect(res.status).toBe(410);
    expect(await res.text()).toContain('Kvietimas atšauktas');
  });
});
