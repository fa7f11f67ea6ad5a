// The invitation link (USERS-6..USERS-13, L9 U3): the invitee reads the pledge, agrees to the
// privacy policy, logs in through VIISP "Fiziniam asmeniui"; the personal code must be the one the
// administrator entered. Forged, expired, reused, replaced or someone else's links change nothing.
import { Hono, type Context } from 'hono';
import { activeMemberships, findInstitution } from '../../db/queries/identity.ts';
import { findInvitation } from '../../db/queries/invitations.ts';
import type { UserInvitation } from '../../db/schema.ts';
import { hashPersonalCode, verifyInvitationToken } from '../../worker/crypto.ts';
import type { ViispIdentity } from '../auth/oidc.ts';
import { startSession } from '../auth/session.tsx';
import type { AppEnv } from '../context.ts';
import { formValues } from '../forms.ts';
import { confirmInvitation } from '../invitation-commands.ts';
import { html } from '../render.tsx';
import { CONSENT_LABEL } from '../texts/privacy.ts';
import { Layout, Notice } from '../views/layout.tsx';
import { ConsentBox, PledgeText, redirectToGateway } from '../auth/login-flow.tsx';

type C = Context<AppEnv>;

export const invitationRoutes = new Hono<AppEnv>();

type LinkCheck = { ok: true; invitation: UserInvitation; tokenId: string } | { ok: false; status: 400 | 410; message: string };

const MESSAGES = {
  forged: 'Nuoroda neteisinga. Patikrinkite, ar nukopijavote visą nuorodą iš laiško.',
  expired: 'Kvietimo nuoroda nebegalioja. Paprašykite savo institucijos IMP IS administratoriaus atsiųsti kvietimą iš naujo.',
  used: 'Ši kvietimo nuoroda jau panaudota. Prie IMP IS junkitės per „Prisijungti“, pasirinkę „Fiziniam asmeniui“.',
  replaced: 'Ši kvietimo nuoroda pakeista nauja. Naudokite naujausią gautą kvietimo laišką.',
  cancelled: 'Kvietimas atšauktas. Dėl prieigos kreipkitės į savo institucijos IMP IS administratorių.',
};

/** Everything a link must pass before anything happens: signature, expiry, state, current link. */
async function checkLink(c: C, token: string | undefined): Promise<LinkCheck> {
  const { config, db } = c.get('deps');
  const verified = token ? await verifyInvitationToken(config.secrets.signing, token) : ({ ok: false, reason: 'forged' } as const);
  if (!verified.ok) return { ok: false, status: verified.reason === 'expired' ? 410 : 400, message: MESSAGES[verified.reason] };
  const invitation = await findInvitation(db, verified.invitationId);
  if (!invitation) return { ok: false, status: 400, message: MESSAGES.forged };
  if (invitation.status === 'CONFIRMED') return { ok: false, status: 410, message: MESSAGES.used };
  if (invitation.status === 'CANCELLED') return { ok: false, status: 410, message: MESSAGES.cancelled };
  if (invitation.current_token_id !== verified.tokenId) return { ok: false, status: 410, message: MESSAGES.replaced };
  if (invitation.status === 'EXPIRED' || invitation.expires_at.getTime() <= Date.now())
    return { ok: false, status: 410, message: MESSAGES.expired };
  return { ok: true, invitation, tokenId: verified.tokenId };
}

function refusal(c: C, status: 400 | 403 | 409 | 410 | 503, message: string) {
  return html(
    c,
    <Layout title="Kvietimas">
      <h1>Kvietimas prisijungti prie IMP IS</h1>
      <Notice kind="error">
        <p>{message}</p>
      </Notice>
      <p>
        <a href="/prisijungti">Prisijungti prie IMP IS</a>
      </p>
    </Layout>,
    status,
  );
}

function InvitationPage(props: { token: string; institutionName: string; error?: string }) {
  const action = `/kvietimas/${props.token}`;
  return (
    <Layout title="Kvietimas">
      <h1>Kvietimas prisijungti prie IMP IS</h1>
      <p>
        Mokymo institucija „{props.institutionName}“ pakvietė jus tapti IMP IS naudotoju. Patvirtinkite savo tapatybę per VIISP, pasirinkę
        prisijungimą „Fiziniam asmeniui“.
      </p>
      <PledgeText />
      <form method="post" action={action}>
        {props.error ? <Notice kind="error">{props.error}</Notice> : null}
        <ConsentBox error={props.error} />
        <button type="submit">Patvirtinti tapatybę per VIISP</button>
      </form>
    </Layout>
  );
}

invitationRoutes.get('/kvietimas/:token', async (c) => {
  const token = c.req.param('token');
  const link = await checkLink(c, token);
  if (!link.ok) return refusal(c, link.status, link.message);
  const institution = await findInstitution(c.get('deps').db, link.invitation.institution_id);
  return html(c, <InvitationPage token={token} institutionName={institution?.name ?? ''} />);
});

/** USERS-7: consent first, then the identity gateway (no session yet: the Origin check guards this POST). */
invitationRoutes.post('/kvietimas/:token', async (c) => {
  const token = c.req.param('token');
  const link = await checkLink(c, token);
  if (!link.ok) return refusal(c, link.status, link.message);
  const values = await formValues(c);
  if (values.sutinku !== 'taip') {
    const institution = await findInstitution(c.get('deps').db, link.invitation.institution_id);
    return html(
      c,
      <InvitationPage token={token} institutionName={institution?.name ?? ''} error={`Norėdami tęsti, pažymėkite „${CONSENT_LABEL}“.`} />,
      422,
    );
  }
  return redirectToGateway(c, 'fizinis', 'invitation', token);
});

/** Back from VIISP with an invitation: the person must be the invited one (USERS-12). */
export async function finishInvitation(c: C, person: ViispIdentity, token: string | undefined) {
  const { config, db, temporal } = c.get('deps');
  const link = await checkLink(c, token);
  if (!link.ok) return refusal(c, link.status, link.message);
  if (person.login_mode !== 'fizinis') return refusal(c, 400, 'Kvietimą patvirtinti galima tik prisijungus „Fiziniam asmeniui“.');
  const pch = hashPersonalCode(config.secrets.personalCodePepper, person.personal_code);
  if (pch !== link.invitation.expected_personal_code_hash) {
    return refusal(c, 403, 'Prisijungęs asmuo nėra tas, kuriam skirtas šis kvietimas. Kvietimas nepatvirtintas ir niekas nepakeista.');
  }
  const result = await confirmInvitation(
    { temporal, config },
    { invitationId: link.invitation.id, tokenId: link.tokenId, personalCodeHash: pch, requestId: c.get('requestId') },
  );
  if (!result.ok) return refusal(c, result.status === 503 ? 503 : 409, result.message);
  // USERS-9: a person working for several institutions chooses which one they represent.
  const memberships = await activeMemberships(db, pch);
  const here = memberships.find((m) => m.user.id === result.value.userId);
  const choose = memberships.length > 1 || !here;
  await startSession(c, {
    personalCodeHash: pch,
    givenName: person.given_name,
    familyName: person.family_name,
    loginMode: 'fizinis',
    stage: choose ? 'CHOOSE_INSTITUTION' : 'ACTIVE',
    institutionId: here?.institution.id ?? null,
    institutionUserId: here?.user.id ?? null,
    isHead: false,
  });
  return c.redirect(choose ? '/pasirinkti-institucija' : '/?pranesimas=patvirtinta', 303);
}
