// Who acts: until VIISP login (next issue) the only source is the development identity switcher,
// which exists only outside production mode. Without an identity nothing but public pages opens.
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { findActingUser } from '../db/queries/users.ts';
import type { AppEnv } from './context.ts';
import { isUuid } from './forms.ts';
import { DEV_IDENTITY_COOKIE } from './routes/dev-identity.tsx';
import { MessagePage } from './views/messages.tsx';

export const requireActingUser = createMiddleware<AppEnv>(async (c, next) => {
  const { config, db } = c.get('deps');
  if (config.devIdentity) {
    const userId = getCookie(c, DEV_IDENTITY_COOKIE);
    const acting = isUuid(userId) ? await findActingUser(db, userId) : undefined;
    if (acting) {
      c.set('acting', acting);
      return next();
    }
    if (c.req.method === 'GET') return c.redirect('/dev/tapatybe', 303);
  }
  return c.html(<MessagePage title="Reikia prisijungti" message="Norėdami tęsti, prisijunkite prie IMP IS." />, 401);
});
