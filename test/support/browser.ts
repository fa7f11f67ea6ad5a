// Headless Chromium for the e2e tests: Debian's package (nothing is downloaded), driven by
// playwright-core, and the web app served on a random local port for it to open.
import { createServer, type AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

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
