// The identity gateway (VIISP) as an OpenID Connect provider: authorization code + PKCE through
// openid-client; the ID token is verified again with jose against the provider's JWKS (issuer,
// audience, nonce, expiry) before any claim is believed.
import * as oidc from 'openid-client';
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import type { Config } from '../../worker/config.ts';
import { LoginModeSchema, type LoginTransaction } from './login-transaction.ts';

const VIISP_SCOPE = 'openid profile';

const IdentitySchema = z.object({
  personal_code: z.string().regex(/^\d{11}$/),
  given_name: z.string().min(1),
  family_name: z.string().min(1),
  login_mode: LoginModeSchema,
  residence: z.enum(['citizen', 'resident_foreigner']).optional(),
  legal_entity_code: z.string().optional(),
  legal_entity_name: z.string().optional(),
});
export type ViispIdentity = z.infer<typeof IdentitySchema>;

export class IdentityGatewayError extends Error {}

export interface IdentityGateway {
  /** Where to send the browser, and the transaction to keep until it comes back. */
  start(
    mode: LoginTransaction['mode'],
    purpose: LoginTransaction['purpose'],
    invitationToken?: string,
  ): Promise<{ url: string; tx: LoginTransaction }>;
  /** Exchanges the code of the callback URL and returns the verified identity. */
  finish(callbackUrl: URL, tx: LoginTransaction): Promise<ViispIdentity>;
}

function redirectUri(config: Config): string {
  return `${config.web.publicUrl}/prisijungti/atgal`;
}

export function createIdentityGateway(config: Config): IdentityGateway {
  let discovered: Promise<{ oidcConfig: oidc.Configuration; jwks: JWTVerifyGetKey }> | null = null;
  const insecure = new URL(config.viisp.issuer).protocol === 'http:';

  function discover() {
    discovered ??= (async () => {
      const oidcConfig = await oidc.discovery(
        new URL(config.viisp.issuer),
        config.viisp.clientId,
        { redirect_uris: [redirectUri(config)] },
        oidc.ClientSecretBasic(config.viisp.clientSecret),
        // Plain http only for the local simulator; production's issuer is https.
        { timeout: 5, ...(insecure && config.mode !== 'production' ? { execute: [oidc.allowInsecureRequests] } : {}) },
      );
      const jwksUri = oidcConfig.serverMetadata().jwks_uri;
      if (!jwksUri) throw new IdentityGatewayError('VIISP neskelbia raktų (jwks_uri)');
      return { oidcConfig, jwks: createRemoteJWKSet(new URL(jwksUri)) };
    })().catch((err: unknown) => {
      discovered = null; // try again on the next login
      throw new IdentityGatewayError(`VIISP nepasiekiamas: ${(err as Error).message}`, { cause: err });
    });
    return discovered;
  }

  return {
    async start(mode, purpose, invitationToken) {
      const { oidcConfig } = await discover();
      const verifier = oidc.randomPKCECodeVerifier();
      const tx: LoginTransaction = {
        verifier,
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
        mode,
        purpose,
        ...(invitationToken ? { invitationToken } : {}),
      };
      const url = oidc.buildAuthorizationUrl(oidcConfig, {
        redirect_uri: redirectUri(config),
        scope: VIISP_SCOPE,
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state: tx.state,
        nonce: tx.nonce,
        viisp_mode: mode,
      });
      return { url: url.href, tx };
    },

    async finish(callbackUrl, tx) {
      const { oidcConfig, jwks } = await discover();
      let idToken: string | undefined;
      try {
        const tokens = await oidc.authorizationCodeGrant(oidcConfig, callbackUrl, {
          pkceCodeVerifier: tx.verifier,
          expectedState: tx.state,
          expectedNonce: tx.nonce,
          idTokenExpected: true,
        });
        idToken = tokens.id_token;
      } catch (err) {
        throw new IdentityGatewayError(`VIISP atsakymas nepriimtas: ${(err as Error).message}`, { cause: err });
      }
      if (!idToken) throw new IdentityGatewayError('VIISP negrąžino tapatybės žetono');
      const { payload } = await jwtVerify(idToken, jwks, { issuer: oidcConfig.serverMetadata().issuer, audience: config.viisp.clientId });
      if (payload.nonce !== tx.nonce) throw new IdentityGatewayError('VIISP tapatybės žetono nonce neatitinka');
      const identity = IdentitySchema.safeParse(payload);
      if (!identity.success) throw new IdentityGatewayError('VIISP tapatybės žetone trūksta duomenų');
      return identity.data;
    },
  };
}
