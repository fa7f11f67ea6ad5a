// The frame of the funder's staff pages who are not institution users — document reviewers
// (VERTINTOJAS, /vertinimas) and the Employment Service (UZT, /uzt): the role's brand, the person's
// name, logout, no institution applications; the person session's CSRF token reaches every form and
// htmx request.
import type { Context } from 'hono';
import { useContext, type Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { PersonSession, StaffRole } from '../../db/tables/participants.ts';
import type { AppEnv } from '../context.ts';
import type { ListPage } from '../paging.ts';
import { CsrfContext, CsrfField, Notice, PageHead } from './layout.tsx';

interface StaffFrame {
  home: string;
  brand: string;
  /** Who the logged-in person is, under their name. */
  roleLabel: string;
  /** The home's name, for "Grįžti į …". */
  homeLabel: string;
}

export const STAFF_FRAMES: Record<StaffRole, StaffFrame> = {
  VERTINTOJAS: {
    home: '/vertinimas',
    brand: 'Dokumentų vertinimas',
    roleLabel: 'Dokumentų vertintojas',
    homeLabel: 'vertinamų dokumentų sąrašą',
  },
  UZT: { home: '/uzt', brand: 'Užimtumo tarnyba', roleLabel: 'Užimtumo tarnybos darbuotojas', homeLabel: 'kuponų sąrašą' },
  /** KPMPC observers (MON-2, L7): web/routes/monitoring-observer.tsx. */
  STEBETOJAS: { home: '/stebesena', brand: 'KPMPC stebėsena', roleLabel: 'KPMPC stebėtojas', homeLabel: 'stebėsenos pradžios puslapį' },
  /** The funder's invoice evaluators (INV-17, issue 14): web/routes/invoice-evaluator.tsx. */
  SF_VERTINTOJAS: {
    home: '/saskaitu-vertinimas',
    brand: 'Sąskaitų faktūrų vertinimas',
    roleLabel: 'Sąskaitų faktūrų vertintojas',
    homeLabel: 'vertinamų sąskaitų faktūrų sąrašą',
  },
};

export function StaffLayout(props: { role: StaffRole; title: string; person: PersonSession | undefined; children: Child }) {
  const csrf = useContext(CsrfContext);
  const frame = STAFF_FRAMES[props.role];
  const person = props.person?.audience === props.role ? props.person : undefined;
  return (
    <html lang="lt">
      <PageHead title={`${props.title} – IMP IS`} />
      <body hx-headers={csrf ? JSON.stringify({ 'X-CSRF-Token': csrf }) : undefined}>
        <header class="container-fluid topbar">
          <nav>
            <ul>
              <li>
                <a href={frame.home} class="brand">
                  <strong>IMP IS</strong> · {frame.brand}
                </a>
              </li>
            </ul>
            {person ? (
              <ul>
                <li class="acting">
                  <span>
                    {person.given_name} {person.family_name}
                  </span>
                  <small>{frame.roleLabel}</small>
                </li>
                <li>
                  <form method="post" action={`${frame.home}/atsijungti`} class="logout">
                    <CsrfField />
                    <button type="submit" class="secondary outline">
                      Atsijungti
                    </button>
                  </form>
                </li>
              </ul>
            ) : null}
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

/** Renders a staff page with the role's person-session CSRF token available to every form. */
export function staffHtml(c: Context<AppEnv>, role: StaffRole, node: Child, status: ContentfulStatusCode = 200) {
  const session = c.get('personSession');
  return c.html(<CsrfContext.Provider value={session?.audience === role ? session.csrf_token : null}>{node}</CsrfContext.Provider>, status);
}

/** The previous / next links of a staff queue paged at `home?puslapis=N` (GEN-16); nothing for one page. */
export function QueuePager(props: { list: ListPage<unknown>; home: string }) {
  const { list, home } = props;
  if (list.pageCount <= 1) return null;
  return (
    <nav aria-label="Puslapiai">
      <ul>
        {list.page > 1 ? (
          <li>
            <a href={`${home}?puslapis=${list.page - 1}`}>Ankstesnis</a>
          </li>
        ) : null}
        <li>
          Puslapis {list.page} iš {list.pageCount}
        </li>
        {list.page < list.pageCount ? (
          <li>
            <a href={`${home}?puslapis=${list.page + 1}`}>Kitas</a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

/** A staff page that only says something (not found, refused, …). */
export function StaffMessage(props: {
  role: StaffRole;
  title: string;
  message: string;
  person: PersonSession | undefined;
  requestId?: string | undefined;
}) {
  const frame = STAFF_FRAMES[props.role];
  return (
    <StaffLayout role={props.role} title={props.title} person={props.person}>
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
        <a href={frame.home}>Grįžti į {frame.homeLabel}</a>
      </p>
    </StaffLayout>
  );
}
