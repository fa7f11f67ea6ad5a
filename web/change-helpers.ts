// What every master-data route needs after validating a change: who makes it (for the audit row)
// and where the browser goes next (HX-Redirect for htmx, 303 otherwise).
import type { Context } from 'hono';
import type { ChangeActor } from '../db/queries/audit.ts';
import type { AppEnv } from './context.ts';
import { isHtmx } from './forms.ts';

export function changeActor(c: Context<AppEnv>): ChangeActor {
  const acting = c.get('acting');
  return { userId: acting.user?.id ?? null, personalCodeHash: acting.session.personal_code_hash, requestId: c.get('requestId') };
}

export function redirectAfterChange(c: Context<AppEnv>, location: string) {
  if (isHtmx(c)) {
    c.header('HX-Redirect', location);
    return c.body(null, 200);
  }
  return c.redirect(location, 303);
}
