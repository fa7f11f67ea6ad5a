// Login of the funder's staff who are not institution users — document reviewers (VERTINTOJAS,
// DOC-13) and, with the same flow, the Employment Service (UZT) — through VIISP as a natural person.
// The sealed login transaction carries the role as its purpose, so the shared callback
// (/prisijungti/atgal) hands the verified identity over here; only an active staff member of that
// role gets a session of that audience.
import { Hono, type Context } from 'hono';
import { findActiveStaffMember } from '../../db/queries/document-review.ts';
import type { StaffRole } from '../../db/tables/participants.ts';
import { hashPersonalCode } from '../../worker/crypto.ts';
import { redirectToGateway } from '../auth/login-flow.tsx';
import type { ViispIdentity } from '../auth/oidc.ts';
import { startPersonSession } from '../auth/person-session.tsx';
import type { AppEnv } from '../context.ts';
import { Notice } from '../views/layout.tsx';
import { REVIEW_HOME, ReviewLayout, reviewHtml } from '../views/document-review.tsx';
import { STAFF_FRAMES, StaffMessage, staffHtml } from '../views/staff-layout.tsx';

type C = Context<AppEnv>;

export const staffLoginRoutes = new Hono<AppEnv>();

const STAFF_TITLE: Record<StaffRole, string> = {
  VERTINTOJAS: 'dokumentų vertintojas',
  UZT: 'Užimtumo tarnybos darbuotojas',
  STEBETOJAS: 'KPMPC stebėtojas',
  SF_VERTINTOJAS: 'sąskaitų faktūrų vertintojas',
};

staffLoginRoutes.get('/vertinimas/prisijungti', (c) => {
  const session = c.get('personSession');
  if (session?.audience === 'VERTINTOJAS') return c.redirect(REVIEW_HOME, 303);
  const loggedOut = c.req.query('priezastis') === 'atsijungta';
  return reviewHtml(
    c,
    <ReviewLayout title="Prisijungti" person={undefined}>
      <h1>Dokumentų vertinimas</h1>
      {loggedOut ? <Notice kind="info">Atsijungėte nuo IMP IS.</Notice> : null}
      <p>
        Dalyvių pateiktus išsilavinimo, užimtumo ir teisę gyventi Lietuvoje patvirtinančius dokumentus vertina IMP IS dokumentų vertintojai.
        Asmens tapatybė nustatoma per Valstybės informacinių išteklių sąveikumo platformą (VIISP).
      </p>
      <a role="button" href="/vertinimas/prisijungti/viisp">
        Fiziniam asmeniui
      </a>
    </ReviewLayout>,
  );
});

staffLoginRoutes.get('/vertinimas/prisijungti/viisp', (c) => redirectToGateway(c, 'fizinis', 'VERTINTOJAS'));

/** The identity came back from VIISP for a staff login: a session of the role's audience, or a refusal (403). */
export async function finishStaffLogin(c: C, person: ViispIdentity, role: StaffRole) {
  const { db, config } = c.get('deps');
  const personKey = hashPersonalCode(config.secrets.personalCodePepper, person.personal_code);
  const staff = person.login_mode === 'juridinis' ? undefined : await findActiveStaffMember(db, { personKey, role });
  if (!staff) {
    const text = `Jūs nesate IMP IS ${STAFF_TITLE[role]} arba jūsų prieiga panaikinta. Kreipkitės į IMP IS administratorių.`;
    return staffHtml(c, role, <StaffMessage role={role} title="Prieiga nesuteikta" message={text} person={undefined} />, 403);
  }
  await startPersonSession(c, {
    audience: role,
    personKey,
    givenName: person.given_name,
    familyName: person.family_name,
    participantId: null,
    staffMemberId: staff.id,
  });
  return c.redirect(STAFF_FRAMES[role].home, 303);
}
