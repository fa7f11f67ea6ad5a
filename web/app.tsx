import { Hono } from 'hono';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { sql } from 'kysely';
import { APPLICATIONS } from './applications.ts';
import type { AppDeps, AppEnv } from './context.ts';
import { isHtmx } from './forms.ts';
import { requireActingUser } from './identity.tsx';
import { respond } from './render.tsx';
import { devIdentityRoutes } from './routes/dev-identity.tsx';
import { groupRoutes } from './routes/groups.tsx';
import { programmeRoutes } from './routes/programmes.tsx';
import { staticRoutes } from './static.ts';
import { MessagePage } from './views/messages.tsx';

export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.use(requestId());
  app.use(async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
      },
    }),
  );
  // Cross-origin form posts are refused (Origin / Sec-Fetch-Site); session-bound tokens come with login.
  app.use(csrf());

  app.route('/', staticRoutes());
  app.get('/healthz', async (c) => {
    const [postgres, temporal] = await Promise.all([
      sql`select 1`.execute(deps.db).then(() => 'ok', (e: Error) => `klaida: ${e.message}`),
      deps.temporal.connection
        .withDeadline(Date.now() + 3000, () => deps.temporal.workflowService.getSystemInfo({}))
        .then(() => 'ok', (e: Error) => `klaida: ${e.message}`),
    ]);
    const healthy = postgres === 'ok' && temporal === 'ok';
    return c.json({ status: healthy ? 'ok' : 'error', postgres, temporal }, healthy ? 200 : 503);
  });
  if (deps.config.devIdentity) app.route('/', devIdentityRoutes);

  const apps = new Hono<AppEnv>();
  apps.use(requireActingUser);
  apps.get('/', (c) =>
    respond(c, {
      title: 'Aplikacijų sąrašas',
      page: () => (
        <>
          <h1>Aplikacijų sąrašas</h1>
          <ul>
            {APPLICATIONS.map((a) => (
              <li>
                {a.path ? <a href={a.path}>{a.name}</a> : <span class="unavailable">{a.name} (dar neįdiegta)</span>}
                <br />
                <small>{a.description}</small>
              </li>
            ))}
          </ul>
        </>
      ),
    }),
  );
  apps.route('/', programmeRoutes);
  apps.route('/', groupRoutes);
  app.route('/', apps);

  app.notFound((c) => {
    const message = 'Puslapis nerastas arba neturite teisės jo matyti.';
    if (isHtmx(c)) return retargeted(c, message, 404);
    return c.html(<MessagePage title="Nerasta" message={message} />, 404);
  });
  app.onError((err, c) => {
    const id = c.get('requestId');
    if (err instanceof HTTPException && err.status === 403) {
      // hono/csrf: a state-changing request from another origin.
      const message = 'Užklausa atmesta: ji atsiųsta ne iš IMP IS puslapio.';
      if (isHtmx(c)) return retargeted(c, message, 403);
      return c.html(<MessagePage title="Užklausa atmesta" message={message} requestId={id} />, 403);
    }
    if (err instanceof HTTPException && err.status < 500) {
      return c.html(<MessagePage title="Neteisinga užklausa" message="Užklausa neteisinga." requestId={id} />, err.status);
    }
    console.error(`[${id}] ${c.req.method} ${c.req.path}`, err);
    const message = 'Įvyko netikėta klaida. Bandykite dar kartą vėliau.';
    if (isHtmx(c)) return retargeted(c, `${message} Užklausos numeris: ${id}`, 500);
    return c.html(<MessagePage title="Klaida" message={message} requestId={id} />, 500);
  });
  return app;
}

/** An htmx request's error goes to the page's message area, not into the panel it targeted. */
function retargeted(c: Parameters<Parameters<Hono<AppEnv>['onError']>[0]>[1], message: string, status: 403 | 404 | 500) {
  c.header('HX-Retarget', '#pranesimai');
  c.header('HX-Reswap', 'innerHTML');
  return c.html(<article class="notice notice-error" role="alert">{message}</article>, status);
}
