import { createContext, useContext, type Child } from 'hono/jsx';
import { ACCEPTED } from '../errors.ts';
import type { Acting } from '../context.ts';
import { visibleApplications } from '../../workflows/domain/access.ts';
import { APPLICATION_PATHS } from '../applications.ts';

const HTMX_CONFIG = JSON.stringify({
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

/** The session's CSRF token, for every form a page renders (CsrfField) and htmx's header. */
export const CsrfContext = createContext<string | null>(null);

export function CsrfField() {
  const token = useContext(CsrfContext);
  return token ? <input type="hidden" name="_csrf" value={token} /> : null;
}

export function Layout(props: { title: string; acting?: Acting | undefined; activeApp?: string | undefined; children: Child }) {
  const csrf = useContext(CsrfContext);
  const s = props.acting?.session;
  return (
    <html lang="lt">
      <PageHead title={`${props.title} – IMP IS`} />
      <body hx-headers={csrf ? JSON.stringify({ 'X-CSRF-Token': csrf }) : undefined}>
        <header class="container-fluid topbar">
          <nav>
            <ul>
              <li>
                <a href="/" class="brand">
                  <strong>IMP IS</strong> · Mokymo paslaugų teikėjas
                </a>
              </li>
            </ul>
            {props.acting && s ? (
              <ul>
                <li class="acting">
                  <span>
                    {s.given_name} {s.family_name}
                    {s.is_head ? ' (vadovas)' : ''}
                  </span>
                  <small title={props.acting.institution.name}>Atstovaujama institucija: {props.acting.institution.name}</small>
                </li>
                {props.acting.membershipCount > 1 && !s.is_head ? (
                  <li>
                    <a href="/pasirinkti-institucija" class="secondary">
                      Keisti instituciją
                    </a>
                  </li>
                ) : null}
                <li>
                  <LogoutForm />
                </li>
              </ul>
            ) : null}
          </nav>
        </header>
        <div class={props.acting ? 'container-fluid shell with-nav' : 'container shell'}>
          {props.acting ? <AppNav acting={props.acting} active={props.activeApp} /> : null}
          <main>
            <div id="pranesimai" role="status" aria-live="polite"></div>
            {props.children}
          </main>
        </div>
      </body>
    </html>
  );
}

/** The document head every page shares (styles, htmx and its configuration); also the KURSUOK portal's. */
export function PageHead(props: { title: string }) {
  return (
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="htmx-config" content={HTMX_CONFIG} />
      <title>{props.title}</title>
      <link rel="icon" href="data:," />
      <link rel="stylesheet" href="/static/pico.min.css" />
      <link rel="stylesheet" href="/static/app.css" />
      <script src="/static/htmx.min.js" defer></script>
      <script src="/static/app.js" defer></script>
    </head>
  );
}

/** APP-1, APP-17: only the applications the user's rights allow, in the manual's order. */
function AppNav(props: { acting: Acting; active: string | undefined }) {
  return (
    <aside class="appnav">
      <nav aria-label="Aplikacijų sąrašas">
        <ul>
          {visibleApplications(props.acting.roles).map((app) => {
            const path = APPLICATION_PATHS[app];
            return path ? (
              <li>
                <a href={path} aria-current={props.active === app ? 'page' : undefined}>
                  {app}
                </a>
              </li>
            ) : (
              <li>
                <span class="unavailable" title="Ši aplikacija dar neįdiegta">
                  {app}
                </span>
              </li>
            );
          })}
        </ul>
      </nav>
    </aside>
  );
}

/** "Atsijungti": a POST with the CSRF token (no state change on GET). */
export function LogoutForm() {
  return (
    <form method="post" action="/atsijungti" class="logout">
      <CsrfField />
      <button type="submit" class="secondary outline">
        Atsijungti
      </button>
    </form>
  );
}

/** A message block; `kind` picks its colour. */
/**
 * The answer to a command that did not simply succeed: a refusal or an outage is an error; a command
 * the workflow accepted but has not finished (202, web/errors.ts ACCEPTED) is information, not an error.
 */
export function CommandNotice(props: { text: string }) {
  return <Notice kind={props.text === ACCEPTED ? 'info' : 'error'}>{props.text}</Notice>;
}

export function Notice(props: { kind: 'error' | 'success' | 'info'; children: Child }) {
  return (
    <div class={`notice notice-${props.kind}`} role={props.kind === 'error' ? 'alert' : 'status'}>
      {props.children}
    </div>
  );
}
