import type { Child } from 'hono/jsx';
import type { ActingUser } from '../../db/queries/users.ts';
import { APPLICATIONS } from '../applications.ts';

export const HTMX_CONFIG = JSON.stringify({
  includeIndicatorStyles: false,
  allowEval: false,
  // Never copy inline styles between swapped elements: the CSP forbids them.
  attributesToSettle: ['class', 'width', 'height'],
  // Every response is swapped: form errors (422), conflicts (409) and, retargeted to #pranesimai
  // by the server, every other error, so the user always reads what happened.
  responseHandling: [
    { code: '204', swap: false },
    { code: '...', swap: true },
  ],
});

export function Layout(props: {
  title: string;
  acting?: ActingUser | undefined;
  devIdentity?: boolean;
  activeApp?: string;
  children: Child;
}) {
  return (
    <html lang="lt">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="htmx-config" content={HTMX_CONFIG} />
        <title>{`${props.title} – IMP IS`}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href="/static/pico.min.css" />
        <link rel="stylesheet" href="/static/app.css" />
        <script src="/static/htmx.min.js" defer></script>
      </head>
      <body>
        <header class="container-fluid topbar">
          <nav>
            <ul>
              <li>
                <a href="/" class="brand">
                  <strong>IMP IS</strong> · Mokymo paslaugų teikėjas
                </a>
              </li>
            </ul>
            <ul>
              {props.acting ? (
                <li class="acting">
                  <span>
                    {props.acting.user.first_name} {props.acting.user.last_name}
                  </span>
                  <small>Atstovaujama institucija: {props.acting.institution.name}</small>
                </li>
              ) : null}
              {props.devIdentity ? (
                <li>
                  <a href="/dev/tapatybe" class="secondary">
                    Keisti naudotoją (kūrimo aplinka)
                  </a>
                </li>
              ) : null}
            </ul>
          </nav>
        </header>
        <div class={props.acting ? 'container-fluid shell with-nav' : 'container shell'}>
          {props.acting ? <AppNav active={props.activeApp} /> : null}
          <main>
            <div id="pranesimai" role="status" aria-live="polite"></div>
            {props.children}
          </main>
        </div>
      </body>
    </html>
  );
}

function AppNav(props: { active: string | undefined }) {
  return (
    <aside class="appnav">
      <nav aria-label="Aplikacijų sąrašas">
        <ul>
          {APPLICATIONS.map((app) =>
            app.path ? (
              <li>
                <a href={app.path} aria-current={props.active === app.name ? 'page' : undefined}>
                  {app.name}
                </a>
              </li>
            ) : (
              <li>
                <span class="unavailable" title="Ši aplikacija dar neįdiegta">
                  {app.name}
                </span>
              </li>
            ),
          )}
        </ul>
      </nav>
    </aside>
  );
}

/** A message block; `kind` picks its colour. */
export function Notice(props: { kind: 'error' | 'success' | 'info'; children: Child }) {
  return (
    <article class={`notice notice-${props.kind}`} role={props.kind === 'error' ? 'alert' : 'status'}>
      {props.children}
    </article>
  );
}
