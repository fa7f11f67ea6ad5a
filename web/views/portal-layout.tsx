// The frame of the participants' KURSUOK portal (PORTAL-*): its own header and navigation —
// "Mokymų katalogas", and for a logged-in participant "Mano registracijos", "Mano dokumentai",
// "Mano sutartys", "Mano duomenys" and "Atsijungti". The CSRF token of the person session reaches every form.
import type { Context } from 'hono';
import { useContext, type Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { PersonSession } from '../../db/tables/participants.ts';
import type { AppEnv } from '../context.ts';
import { CsrfContext, CsrfField, Notice, PageHead } from './layout.tsx';

type PortalSection = 'katalogas' | 'registracijos' | 'dokumentai' | 'sutartys' | 'profilis';

const SECTIONS: [PortalSection, string, string][] = [
  ['registracijos', 'Mano registracijos', '/kursuok/registracijos'],
  ['dokumentai', 'Mano dokumentai', '/kursuok/dokumentai'],
  ['sutartys', 'Mano sutartys', '/kursuok/sutartys'],
  ['profilis', 'Mano duomenys', '/kursuok/profilis'],
];

export function PortalLayout(props: { title: string; person: PersonSession | undefined; section?: PortalSection; children: Child }) {
  const csrf = useContext(CsrfContext);
  const person = props.person?.audience === 'DALYVIS' ? props.person : undefined;
  return (
    <html lang="lt">
      <PageHead title={`${props.title} – KURSUOK`} />
      <body hx-headers={csrf ? JSON.stringify({ 'X-CSRF-Token': csrf }) : undefined}>
        <header class="container-fluid topbar">
          <nav>
            <ul>
              <li>
                <a href="/kursuok" class="brand">
                  <strong>KURSUOK</strong> · Mokymų katalogas
                </a>
              </li>
            </ul>
            <ul>
              {person ? (
                <>
                  {SECTIONS.map(([key, label, href]) => (
                    <li>
                      <a href={href} aria-current={props.section === key ? 'page' : undefined}>
                        {label}
                      </a>
                    </li>
                  ))}
                  <li class="acting">
                    <span>
                      {person.given_name} {person.family_name}
                    </span>
                  </li>
                  <li>
                    <form method="post" action="/kursuok/atsijungti" class="logout">
                      <CsrfField />
                      <button type="submit" class="secondary outline">
                        Atsijungti
                      </button>
                    </form>
                  </li>
                </>
              ) : (
                <li>
                  <a href="/kursuok/prisijungti" role="button" class="outline">
                    Prisijungti
                  </a>
                </li>
              )}
            </ul>
          </nav>
        </header>
        <div class="container shell">
          <main>
            <div id="pranesimai" role="status" aria-live="polite"></div>
            {props.children}
          </main>
        </div>
      </body>
    </html>
  );
}

/** A portal page that only says something (not found, refused, a registry's outage…). */
export function PortalMessage(props: {
  title: string;
  message: string;
  person: PersonSession | undefined;
  requestId?: string | undefined;
}) {
  return (
    <PortalLayout title={props.title} person={props.person}>
      <h1>{props.title}</h1>
      <Notice kind="error">
        <p>{props.message}</p>
        {props.requestId ? (
          <p>
            <small>Užklausos numeris: {props.requestId}</small>
          </p>
        ) : null}
      </Notice>
      <p>
        <a href="/kursuok">Grįžti į mokymų katalogą</a>
      </p>
    </PortalLayout>
  );
}

/** Renders a portal page with the participant's CSRF token available to every form. */
export function portalHtml(c: Context<AppEnv>, node: Child, status: ContentfulStatusCode = 200) {
  const session = c.get('personSession');
  const token = session?.audience === 'DALYVIS' ? session.csrf_token : null;
  return c.html(<CsrfContext.Provider value={token}>{node}</CsrfContext.Provider>, status);
}
