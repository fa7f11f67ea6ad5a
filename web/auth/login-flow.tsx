// Pieces of the login flow shared by login and invitation confirmation.
import type { Context } from 'hono';
import type { LoginMode } from '../../db/schema.ts';
import type { AppEnv } from '../context.ts';
import { html } from '../render.tsx';
import { CONSENT_LABEL, PLEDGE_PARAGRAPHS, PLEDGE_TITLE } from '../texts/privacy.ts';
import { Layout, Notice } from '../views/layout.tsx';
import { LOGIN_COOKIE, writeCookie } from './cookies.ts';
import { LOGIN_TRANSACTION_SECONDS, sealTransaction, type LoginTransaction } from './login-transaction.ts';
import { IdentityGatewayError } from './oidc.ts';

type C = Context<AppEnv>;

export function failure(c: C, title: string, message: string, status: 400 | 403 | 503) {
  return html(
    c,
    <Layout title={title}>
      <h1>{title}</h1>
      <Notice kind="error">
        <p>{message}</p>
      </Notice>
      <p>
        <a href="/prisijungti">Grįžti į prisijungimą</a>
      </p>
    </Layout>,
    status,
  );
}

/** Leaves for the identity gateway with a fresh PKCE/state/nonce transaction. */
export async function redirectToGateway(c: C, mode: LoginMode, purpose: LoginTransaction['purpose'], invitationToken?: string) {
  const { identity, config } = c.get('deps');
  try {
    const { url, tx } = await identity.start(mode, purpose, invitationToken);
    writeCookie(c, LOGIN_COOKIE, await sealTransaction(config.secrets.signing, tx), LOGIN_TRANSACTION_SECONDS);
    return c.redirect(url, 303);
  } catch (err) {
    if (err instanceof IdentityGatewayError)
      return failure(c, 'VIISP nepasiekiamas', 'Tapatybės nustatymo paslauga (VIISP) šiuo metu nepasiekiama. Bandykite vėliau.', 503);
    throw err;
  }
}

/** AUTH-5: the confidentiality pledge, shown before connecting. */
export function PledgeText() {
  return (
    <article class="pledge">
      <h2>{PLEDGE_TITLE}</h2>
      {PLEDGE_PARAGRAPHS.map((p) => (
        <p>{p}</p>
      ))}
    </article>
  );
}

/** The consent box with a link to the policy it refers to (AUTH-6), opened in a new tab. */
export function ConsentBox(props: { error?: string | undefined }) {
  return (
    <div class="consent-line">
      <label>
        <input type="checkbox" name="sutinku" value="taip" aria-invalid={props.error ? 'true' : undefined} />
        {CONSENT_LABEL}
      </label>
      <a href="/privatumo-politika" target="_blank" rel="noopener">
        Skaityti privatumo politiką
      </a>
    </div>
  );
}
