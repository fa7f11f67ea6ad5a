// The state of one login between leaving for the identity gateway and coming back: PKCE verifier,
// state, nonce, the login mode and what the login is for. Kept in an encrypted, short-lived cookie
// (jose, A256GCM), so the server keeps nothing for abandoned logins.
import { EncryptJWT, jwtDecrypt } from 'jose';
import { z } from 'zod';
import { deriveKey } from '../../worker/crypto.ts';

export const LoginModeSchema = z.enum(['juridinis', 'pilietis', 'fizinis']);

const TransactionSchema = z.object({
  verifier: z.string(),
  state: z.string(),
  nonce: z.string(),
  mode: LoginModeSchema,
  /** 'login', confirming an invitation (the link's token goes along), or 'portal': a participant's KURSUOK login; 'VERTINTOJAS' / 'UZT': a staff login of that role (web/routes/staff-login.tsx). */
  purpose: z.enum(['login', 'invitation', 'portal', 'VERTINTOJAS', 'UZT', 'STEBETOJAS', 'SF_VERTINTOJAS']),
  invitationToken: z.string().optional(),
});
export type LoginTransaction = z.infer<typeof TransactionSchema>;

export const LOGIN_TRANSACTION_SECONDS = 600;

export async function sealTransaction(secret: string, tx: LoginTransaction): Promise<string> {
  return new EncryptJWT({ ...tx })
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
    .setIssuedAt()
    .setExpirationTime(`${LOGIN_TRANSACTION_SECONDS}s`)
    .encrypt(deriveKey(secret, 'login-transaction'));
}

/** The transaction, or null when the cookie is missing, forged, tampered with or expired. */
export async function openTransaction(secret: string, sealed: string | undefined): Promise<LoginTransaction | null> {
  if (!sealed) return null;
  try {
    const { payload } = await jwtDecrypt(sealed, deriveKey(secret, 'login-transaction'));
    const parsed = TransactionSchema.safeParse(payload);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
