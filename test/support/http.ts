// Requests to the app in-process (app.request), as a logged-in user: GET, or a form POST with the
// session's CSRF token and an Origin (hono/csrf); `htmx` adds HX-Request.
import type { TestSession } from './session.ts';

export const ORIGIN = 'http://localhost';

export type FormBody = Record<string, string | string[]>;

export function appCaller(app: { request(input: string, init?: RequestInit): Response | Promise<Response> }) {
  return function call(path: string, opts: { as?: TestSession; body?: FormBody; htmx?: boolean } = {}): Promise<Response> {
    const headers: Record<string, string> = {};
    if (opts.as) headers.Cookie = opts.as.cookie;
    if (opts.htmx) headers['HX-Request'] = 'true';
    let body: URLSearchParams | undefined;
    if (opts.body) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      headers.Origin = ORIGIN;
      if (opts.as) headers['X-CSRF-Token'] = opts.as.csrf;
      body = new URLSearchParams();
      for (const [k, v] of Object.entries(opts.body)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
    }
    return Promise.resolve(app.request(`${ORIGIN}${path}`, { method: opts.body ? 'POST' : 'GET', headers, ...(body ? { body } : {}) }));
  };
}
