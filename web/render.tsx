import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from './context.ts';
import { isHtmx } from './forms.ts';
import { Layout } from './views/layout.tsx';

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
  if (isHtmx(c) && opts.fragment) return c.html(<>{opts.fragment()}</>, status);
  return c.html(
    <Layout title={opts.title} acting={c.get('acting')} devIdentity={c.get('deps').config.devIdentity} activeApp={opts.app}>
      {opts.page()}
    </Layout>,
    status,
  );
}
