// Drives a login through the VIISP simulator the way a browser would, with fetch: follows the
// redirects by hand, keeps the simulator's cookies between requests, picks a choice on the login
// page and stops at the first redirect that leaves the simulator (the client's redirect URI).

interface StoredCookie {
  name: string;
  value: string;
  path: string;
}

/** A minimal cookie jar for one origin: name + path, Path prefix matching, deletions honoured. */
export class CookieJar {
  private readonly cookies = new Map<string, StoredCookie>();

  store(response: Response, requestUrl: URL): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = header.split(';');
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      let path = requestUrl.pathname.replace(/\/[^/]*$/, '') || '/';
      let expired = value === '';
      for (const attribute of attributes) {
        const [key = '', ...rest] = attribute.split('=');
        const attributeValue = rest.join('=').trim();
        switch (key.trim().toLowerCase()) {
          case 'path':
            path = attributeValue || '/';
            break;
          case 'expires':
            if (Date.parse(attributeValue) <= Date.now()) expired = true;
            break;
          case 'max-age':
            if (Number(attributeValue) <= 0) expired = true;
            break;
        }
      }
      const key = `${name}\u0000${path}`;
      if (expired) this.cookies.delete(key);
      else this.cookies.set(key, { name, value, path });
    }
  }

  header(url: URL): string | undefined {
    const matching = [...this.cookies.values()].filter(
      (c) => url.pathname === c.path || url.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`),
    );
    return matching.length ? matching.map((c) => `${c.name}=${c.value}`).join('; ') : undefined;
  }
}

export interface LoginChoice {
  personalCode: string;
  /** For a 'juridinis' login: which legal entity the head acts for (default: the first one they head). */
  entityCode?: string;
}

/** One simulator "browser": a cookie jar and requests that never follow redirects by themselves. */
class SimulatorBrowser {
  private readonly jar = new CookieJar();
  constructor(readonly origin: string) {}

  async request(url: URL, init: { method?: string; form?: URLSearchParams } = {}): Promise<Response> {
    const headers = new Headers();
    const cookie = this.jar.header(url);
    if (cookie) headers.set('cookie', cookie);
    if (init.form) headers.set('content-type', 'application/x-www-form-urlencoded');
    const response = await fetch(url, {
      method: init.method ?? 'GET',
      headers,
      redirect: 'manual',
      ...(init.form ? { body: init.form.toString() } : {}),
    });
    this.jar.store(response, url);
    return response;
  }

  /**
   * Requests `url` and follows redirects while they stay on the simulator. Returns either the
   * first URL outside the simulator (not requested) or the final non-redirect response.
   */
  async follow(url: URL, init: { method?: string; form?: URLSearchParams } = {}): Promise<{ left: URL } | { page: Response; url: URL }> {
    let current = url;
    let response = await this.request(current, init);
    for (let hops = 0; hops < 10; hops += 1) {
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) return { page: response, url: current };
      await response.body?.cancel();
      const next = new URL(location, current);
      if (next.origin !== this.origin) return { left: next };
      current = next;
      response = await this.request(current);
    }
    throw new Error(`VIISP simulator: too many redirects from ${url.href}`);
  }
}

async function describeFailure(page: Response, url: URL): Promise<string> {
  const text = (await page.text())
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return `VIISP simulator: expected a redirect back to the client, got HTTP ${page.status} at ${url.href}: ${text.slice(0, 300)}`;
}

/** Opens the authorization URL and returns the login page (HTML) the simulator shows. */
async function openLoginPage(browser: SimulatorBrowser, authorizationUrl: string): Promise<{ html: string; url: URL } | { left: URL }> {
  const opened = await browser.follow(new URL(authorizationUrl));
  if ('left' in opened) return opened;
  if (opened.page.status !== 200 || !/^\/interaction\//.test(opened.url.pathname))
    throw new Error(await describeFailure(opened.page, opened.url));
  return { html: await opened.page.text(), url: opened.url };
}

interface PageForm {
  action: string;
  account?: string;
  person?: string;
  entity?: string;
  cancel: boolean;
}

function formsOf(html: string): PageForm[] {
  const forms: PageForm[] = [];
  for (const match of html.matchAll(/<form\b[^>]*\baction="([^"]+)"[^>]*>([\s\S]*?)<\/form>/g)) {
    const inner = match[2] ?? '';
    const attr = (re: RegExp) => re.exec(inner)?.[1];
    const account = attr(/name="account"\s+value="([^"]*)"/);
    const person = attr(/data-person="([^"]*)"/);
    const entity = attr(/data-entity="([^"]*)"/);
    forms.push({
      action: (match[1] ?? '').replace(/&amp;/g, '&'),
      ...(account === undefined ? {} : { account }),
      ...(person === undefined ? {} : { person }),
      ...(entity === undefined ? {} : { entity }),
      cancel: /\bdata-cancel\b/.test(inner),
    });
  }
  return forms;
}

/**
 * Logs in through the VIISP simulator: opens `authorizationUrl` (the simulator's authorization
 * endpoint with all parameters), picks the person (and legal entity) on the page of the requested
 * login mode, and returns the redirect URL back to the client — with `code` and `state`, or with
 * `error` when the simulator refused the request.
 */
export async function driveViispLogin(authorizationUrl: string, choose: LoginChoice): Promise<string> {
  const browser = new SimulatorBrowser(new URL(authorizationUrl).origin);
  const opened = await openLoginPage(browser, authorizationUrl);
  if ('left' in opened) return opened.left.href;
  const form = formsOf(opened.html).find(
    (f) =>
      f.account !== undefined && f.person === choose.personalCode && (choose.entityCode === undefined || f.entity === choose.entityCode),
  );
  if (!form || form.account === undefined) {
    throw new Error(
      `VIISP simulator: no choice for person ${choose.personalCode}${choose.entityCode ? ` and legal entity ${choose.entityCode}` : ''} on ${opened.url.href}`,
    );
  }
  const result = await browser.follow(new URL(form.action, opened.url), {
    method: 'POST',
    form: new URLSearchParams({ account: form.account }),
  });
  if ('left' in result) return result.left.href;
  throw new Error(await describeFailure(result.page, result.url));
}

/** Opens the login page and presses "Atšaukti"; returns the redirect URL back to the client (error=access_denied). */
export async function driveViispCancel(authorizationUrl: string): Promise<string> {
  const browser = new SimulatorBrowser(new URL(authorizationUrl).origin);
  const opened = await openLoginPage(browser, authorizationUrl);
  if ('left' in opened) return opened.left.href;
  const form = formsOf(opened.html).find((f) => f.cancel);
  if (!form) throw new Error(`VIISP simulator: no cancel button on ${opened.url.href}`);
  const result = await browser.follow(new URL(form.action, opened.url), { method: 'POST', form: new URLSearchParams() });
  if ('left' in result) return result.left.href;
  throw new Error(await describeFailure(result.page, result.url));
}
