// Headless Chromium for the e2e tests: Debian's package (nothing is downloaded), driven by
// playwright-core, and the web app served on a random local port for it to open.
import { createServer, type AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { watchAccessibility, type AccessibilityWatch } from './axe.ts';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium, headless, with everything that would reach the network switched off. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // Date inputs and messages as a Lithuanian user sees them.
      '--lang=lt',
    ],
  });
}

export interface ServedApp {
  /** e.g. http://127.0.0.1:43567, without a trailing slash. */
  baseUrl: string;
  close(): Promise<void>;
}

/** A port free on 127.0.0.1 now (to know an app's address before serving it: the OIDC redirect URI). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Serves a Hono app (anything with `fetch`) on 127.0.0.1, on `port` or a free port chosen by the OS. */
export function serveApp(app: { fetch: (request: Request) => Response | Promise<Response> }, port = 0): Promise<ServedApp> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: (request) => app.fetch(request), port, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      resolve({
        baseUrl: `http://127.0.0.1:${info.port}`,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((err) => (err ? fail(err) : done()));
            // The browser keeps idle keep-alive connections open; without this close() waits for them.
            if ('closeAllConnections' in server) server.closeAllConnections();
          }),
      });
    });
    server.once('error', reject);
  });
}

interface WatchedPage {
  context: BrowserContext;
  page: Page;
  /** Everything the browser reported as going wrong: console errors, uncaught errors, CSP violations, failed requests. */
  problems: string[];
  /** The console errors `expected` accepted (a deliberate 422 is logged by Chromium once). */
  expectedFailedLoads: string[];
  /** axe-core over every load and htmx swap; its failing violations land in `problems` (flush before asserting). */
  accessibility: AccessibilityWatch;
}

/** The desktop screen the e2e tests use unless they say otherwise. */
export const DEFAULT_VIEWPORT = { width: 1280, height: 900 };

/**
 * What every e2e browser context gets: CSP violations made unmistakable in the console, and axe-core
 * over each state it visits (test/support/axe.ts), its failing violations reported to `problems`.
 */
export async function watchContext(context: BrowserContext, problems: { push(line: string): unknown }): Promise<AccessibilityWatch> {
  // CSP violations also reach the console in Chromium; this makes them unmistakable.
  await context.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (e) => {
      const on = e.target && e.target.outerHTML ? e.target.outerHTML.slice(0, 200) : String(e.target);
      console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' from ' + e.sourceFile + ':' + e.lineNumber + ':' + e.columnNumber + ' at ' + location.href + ' on ' + on);
    });`,
  });
  return watchAccessibility(context, { onViolation: (line) => problems.push(line) });
}

/**
 * A page in a new Lithuanian-locale context (Vilnius time) that records what goes wrong in the
 * browser; `expected` says which console error (text, page URL) is a deliberate refusal.
 */
export async function watchedPage(
  browser: Browser,
  expected: (text: string, url: string) => boolean = () => false,
  options: { viewport?: { width: number; height: number } } = {},
): Promise<WatchedPage> {
  const context = await browser.newContext({
    locale: 'lt-LT',
    timezoneId: 'Europe/Vilnius',
    viewport: options.viewport ?? DEFAULT_VIEWPORT,
  });
  const problems: string[] = [];
  const accessibility = await watchContext(context, problems);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const watched: WatchedPage = { context, page, problems, expectedFailedLoads: [], accessibility };
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    if (watched.expectedFailedLoads.length === 0 && expected(text, msg.location().url)) watched.expectedFailedLoads.push(text);
    else watched.problems.push(`console.error: ${text} @ ${msg.location().url}`);
  });
  page.on('pageerror', (err) => watched.problems.push(`pageerror: ${err.message}`));
  page.on('requestfailed', (req) => {
    const problem = `request failed: ${req.method()} ${req.url()} ${req.failure()?.errorText ?? ''}`;
    const aborted = req.failure()?.errorText === 'net::ERR_ABORTED';
    // Chromium's own PDF viewer (an inline PDF in a frame) loads its resources from chrome:// and
    // chrome-extension://; leaving the page while it starts aborts them: the browser's, not the app's.
    if (aborted && /^chrome(-extension)?:\/\//.test(req.url())) return;
    // htmx cancels its own request when a newer one replaces it (hx-sync, e.g. the invoice's reconciliation
    // panel refreshed as the amount is typed) or the page is left: the client's cancellation, not a failure
    // (a server error still answers with its status; a refused connection is not ERR_ABORTED).
    if (aborted && (req.resourceType() === 'xhr' || req.resourceType() === 'fetch')) return;
    // A link to an attachment ends its navigation as a download, and a frame still loading (an inline PDF
    // handed to the viewer) when its page is left is dropped with it: Chromium reports both as aborted.
    if (aborted && req.isNavigationRequest()) {
      void req
        .response()
        .then((res) => {
          const handedOver =
            /^attachment\b/.test(res?.headers()['content-disposition'] ?? '') ||
            (req.frame() !== page.mainFrame() && req.frame().isDetached());
          if (!handedOver) watched.problems.push(problem);
        })
        .catch(() => watched.problems.push(problem));
      return;
    }
    watched.problems.push(problem);
  });
  return watched;
}

/** The roles of a cross-role e2e test: each opens its page in a browser context of its own, watched. */
export interface RolePages {
  /** A new watched page (watchedPage) in a context of its own: one role's browser. */
  open(): Promise<Page>;
  /** Each role's problems (console errors, page errors, CSP violations, failed requests, axe violations). */
  problems: string[][];
  /** axe-core over every page of each role's context (test/support/axe.ts): flush before asserting `problems`. */
  watches: AccessibilityWatch[];
  /** Closes every role's context. */
  close(): Promise<void>;
}

export function rolePages(browser: Browser): RolePages {
  const contexts: BrowserContext[] = [];
  const problems: string[][] = [];
  const watches: AccessibilityWatch[] = [];
  return {
    problems,
    watches,
    async open() {
      const watched = await watchedPage(browser, () => false);
      contexts.push(watched.context);
      problems.push(watched.problems);
      watches.push(watched.accessibility);
      return watched.page;
    },
    async close() {
      for (const c of contexts) await c.close();
    },
  };
}
