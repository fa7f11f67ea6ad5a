// Logging in to the app through the VIISP simulator, the way a browser does, with app.request:
// /prisijungti/viisp → the simulator's login page → the chosen person → /prisijungti/atgal.
import type { Hono } from 'hono';
import type { AppEnv } from '../../web/context.ts';
import { driveViispLogin, type LoginChoice } from '../sim/viisp/drive.ts';

export const ORIGIN = 'http://localhost';

/** Cookies as a browser keeps them: name → value, updated from Set-Cookie. */
export class Jar {
  readonly cookies = new Map<string, string>();
  take(res: Response): Response {
    for (const header of res.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (value === '' || /max-age=0/i.test(header)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

interface LoginResult {
  jar: Jar;
  /** Where the app sent the browser after the login (e.g. '/', '/sutikimas'). */
  landedAt: string;
  callback: Response;
}

export async function loginThroughViisp(
  app: Hono<AppEnv>,
  mode: 'juridinis' | 'pilietis' | 'fizinis',
  choose: LoginChoice,
  jar = new Jar(),
): Promise<LoginResult> {
  const start = jar.take(await app.request(`${ORIGIN}/prisijungti/viisp?budas=${mode}`, { headers: { Cookie: jar.header() } }));
  if (start.status !== 303) throw new Error(`login start answered ${start.status}: ${await start.text()}`);
  const back = await driveViispLogin(start.headers.get('location')!, choose);
  const callback = jar.take(await app.request(back, { headers: { Cookie: jar.header() } }));
  return { jar, landedAt: callback.headers.get('location') ?? '', callback };
}

/** A request as the logged-in browser sends it; POSTs carry Origin and the page's CSRF token. */
export async function browse(
  app: Hono<AppEnv>,
  jar: Jar,
  path: string,
  opts: { form?: Record<string, string>; csrf?: string | null; htmx?: boolean; origin?: string } = {},
): Promise<Response> {
  const headers: Record<string, string> = { Cookie: jar.header() };
  if (opts.htmx) headers['HX-Request'] = 'true';
  let body: URLSearchParams | undefined;
  if (opts.form) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    headers.Origin = opts.origin ?? ORIGIN;
    body = new URLSearchParams(opts.form);
    if (opts.csrf) body.set('_csrf', opts.csrf);
  }
  return jar.take(await app.request(`${ORIGIN}${path}`, { method: opts.form ? 'POST' : 'GET', headers, ...(body ? { body } : {}) }));
}

/** The CSRF token a page of this session carries (from the htmx header on <body>). */
export async function csrfOf(app: Hono<AppEnv>, jar: Jar, path = '/'): Promise<string> {
  const html = await (await browse(app, jar, path)).text();
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error(`no CSRF token on ${path}`);
  return match[1]!;
}
