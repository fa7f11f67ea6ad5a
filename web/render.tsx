import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from './context.ts';
import { isHtmx } from './forms.ts';
import { CsrfContext, Layout, Notice } from './views/layout.tsx';

/** Renders HTML with the session's CSRF token available to every form (CsrfField). */
export function html(c: Context<AppEnv>, node: Child, status: ContentfulStatusCode = 200) {
  return c.html(<CsrfContext.Provider value={c.get('session')?.csrf_token ?? null}>{node}</CsrfContext.Provider>, status);
}

/**
 * One route serves a full page, or for htmx requests just the fragment that changed.
 * `trigger` names events for other panels (HX-Trigger).
 */
export function respond(
  c: Context<AppEnv>,
  opts: { title: string; app?: string; page: () => Child; fragment?: () => Child; status?: ContentfulStatusCode; trigger?: string },
) {
  if (opts.trigger) c.header('HX-Trigger', opts.trigger);
  const status = opts.status ?? 200;
  if (isHtmx(c) && opts.fragment) return html(c, <>{opts.fragment()}</>, status);
  return html(
    c,
    <Layout title={opts.title} acting={c.get('acting')} activeApp={opts.app}>
      {opts.page()}
    </Layout>,
    status,
  );
}

/** 400: a form without its key (or another field only a tampered or stale page would lack). */
export function badRequest(c: Context<AppEnv>) {
  const notice = () => <Notice kind="error">Užklausa neteisinga: atnaujinkite puslapį ir bandykite dar kartą.</Notice>;
  return respond(c, { title: 'Neteisinga užklausa', status: 400, page: notice, fragment: notice });
}
