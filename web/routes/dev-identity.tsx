// Development-only identity switcher: acts as any seeded institution user until VIISP login exists.
// Mounted only when config.devIdentity is true, which loadConfig() refuses in production mode.
import { Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { listAllUsers } from '../../db/queries/users.ts';
import type { AppEnv } from '../context.ts';
import { formValues, isUuid } from '../forms.ts';
import { Layout, Notice } from '../views/layout.tsx';

export const DEV_IDENTITY_COOKIE = 'kursuok_dev_user';

export const devIdentityRoutes = new Hono<AppEnv>();

devIdentityRoutes.get('/dev/tapatybe', async (c) => {
  const users = await listAllUsers(c.get('deps').db);
  const current = getCookie(c, DEV_IDENTITY_COOKIE);
  return c.html(
    <Layout title="Naudotojo pasirinkimas" devIdentity>
      <h1>Naudotojo pasirinkimas</h1>
      <Notice kind="info">
        Kūrimo aplinka: prisijungimas per VIISP dar neįdiegtas, todėl pasirinkite, kurio institucijos naudotojo vardu dirbsite.
      </Notice>
      <form method="post" action="/dev/tapatybe">
        <fieldset>
          {users.map((u) => (
            <label>
              <input type="radio" name="userId" value={u.id} checked={u.id === current} required />
              {u.first_name} {u.last_name} — {u.institution_name}
            </label>
          ))}
        </fieldset>
        <button type="submit">Dirbti šio naudotojo vardu</button>
      </form>
    </Layout>,
  );
});

devIdentityRoutes.post('/dev/tapatybe', async (c) => {
  const { userId } = await formValues(c);
  const users = await listAllUsers(c.get('deps').db);
  if (!isUuid(userId) || !users.some((u) => u.id === userId)) {
    return c.html(
      <Layout title="Naudotojo pasirinkimas" devIdentity>
        <Notice kind="error">Pasirinkite naudotoją iš sąrašo.</Notice>
        <a href="/dev/tapatybe">Atgal</a>
      </Layout>,
      422,
    );
  }
  setCookie(c, DEV_IDENTITY_COOKIE, userId, { httpOnly: true, sameSite: 'Lax', path: '/' });
  return c.redirect('/', 303);
});
