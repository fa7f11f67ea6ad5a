import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { sql } from 'kysely';
import { onboardingProgress, type OnboardingProgress } from '../db/queries/onboarding.ts';
import { hasAdministrator } from '../db/queries/users.ts';
import { allows, Application, HEAD, visibleApplications } from '../workflows/domain/access.ts';
import { APPLICATION_DESCRIPTIONS, APPLICATION_PATHS } from './applications.ts';
import { loadSession, requireActiveSession, requireApplication, requireCsrfToken } from './auth/session.tsx';
import { loadPersonSession } from './auth/person-session.tsx';
import type { AppDeps, AppEnv } from './context.ts';
import { commandTaken, isDatabaseUnavailable, isTemporalUnavailable, outageMessage, trackCommands } from './errors.ts';
import { isHtmx } from './forms.ts';
import { html, respond } from './render.tsx';
import { authRoutes } from './routes/auth.tsx';
import { groupUztFieldRoutes } from './routes/group-uzt-fields.tsx';
import { groupRoutes } from './routes/groups.tsx';
import { groupScheduleRoutes } from './routes/group-schedule.tsx';
import { groupParticipantRoutes } from './routes/group-participants.tsx';
import { groupCompletionRoutes } from './routes/group-completion.tsx';
import { uztRoutes } from './routes/uzt.tsx';
import { documentReviewRoutes } from './routes/document-review.tsx';
import { invitationRoutes } from './routes/invitations.tsx';
import { portalRoutes } from './routes/portal.tsx';
import { portalContractRoutes } from './routes/portal-contracts.tsx';
import { certificateVerificationRoutes, groupCertificateRoutes, portalCertificateRoutes } from './routes/certificates.tsx';
import { portalQuestionnaireRoutes } from './routes/portal-questionnaire.tsx';
import { programmeFeedbackRoutes } from './routes/programme-feedback.tsx';
import { programmeRoutes } from './routes/programmes.tsx';
import { employerRoutes } from './routes/employers.tsx';
import { institutionRoutes } from './routes/institution.tsx';
import { institutionContractRoutes } from './routes/institution-contracts.tsx';
import { lecturerRoutes } from './routes/lecturers.tsx';
import { licensedProgrammeRoutes } from './routes/licensed-programmes.tsx';
import { userRoutes } from './routes/users.tsx';
import { venueRoutes } from './routes/venues.tsx';
import { staffLoginRoutes } from './routes/staff-login.tsx';
import { monitoringObserverRoutes } from './routes/monitoring-observer.tsx';
import { EVALUATOR_EMBEDDED_PDF, invoiceEvaluatorRoutes } from './routes/invoice-evaluator.tsx';
import { monitoringProtocolRoutes } from './routes/monitoring-protocols.tsx';
import { invoiceRoutes } from './routes/invoices.tsx';
import { participantReportRoutes } from './routes/participant-report.tsx';
import { reportExportRoutes } from './routes/report-exports.tsx';
import { uztSettlementRoutes } from './routes/uzt-settlement.tsx';
import { timetableReportRoutes } from './routes/timetable-report.tsx';
import { staticRoutes } from './static.ts';
import { serveStoredFile } from './uploads.ts';
import { Notice } from './views/layout.tsx';
import { MessagePage } from './views/messages.tsx';

export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.use(requestId());
  app.use(async (c, next) => {
    c.set('deps', deps);
    // The error page must know whether a workflow took the request's action (web/errors.ts).
    await trackCommands(next);
    // An outage (Temporal, Postgres, a registry) passes: say when to try again.
    if (c.res.status === 503 && !c.res.headers.has('Retry-After')) c.header('Retry-After', String(RETRY_AFTER_SECONDS));
  });
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        // The login form leaves for the identity gateway (a redirect, which form-action also covers).
        // "Pasirašyti sutartį" is answered with a redirect to the signing gateway (CON-17), which form-action covers too.
        formAction: ["'self'", new URL(deps.config.viisp.issuer).origin, new URL(deps.config.signing.gatewayUrl).origin],
        // Issue 14: only the invoice PDF may be framed, by the evaluator's own page (same origin).
        frameAncestors: [(c) => (EVALUATOR_EMBEDDED_PDF.test(c.req.path) ? "'self'" : "'none'")],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
      },
      // The same as frame-ancestors 'none', for browsers that only know the older header.
      xFrameOptions: 'DENY',
    }),
  );
  // Cross-origin form posts are refused (Origin / Sec-Fetch-Site); sessions add a CSRF token.
  app.use(csrf());

  app.route('/', staticRoutes());
  app.get('/healthz', async (c) => {
    // Each check is bounded, so a stalled Postgres or Temporal is reported, not waited for.
    const [postgres, temporal] = await Promise.all([
      health(sql`select 1`.execute(deps.db)),
      health(deps.temporal.connection.withDeadline(Date.now() + HEALTH_TIMEOUT_MS, () => deps.temporal.workflowService.getSystemInfo({}))),
    ]);
    const healthy = postgres === 'ok' && temporal === 'ok';
    return c.json({ status: healthy ? 'ok' : 'error', postgres, temporal }, healthy ? 200 : 503);
  });

  app.use(loadSession);
  app.use(loadPersonSession);
  // A signed-in page is nobody else's: never kept by the browser or a proxy (back button after logout).
  app.use(async (c, next) => {
    await next();
    if ((c.get('session') || c.get('personSession')) && !c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
  });
  // Public: login, consent, institution choice, logout, invitation links.
  app.route('/', authRoutes);
  app.route('/', invitationRoutes);
  // The Employment Service (UZT-12): its login and coupon pages behind a UZT person session.
  app.route('/', uztRoutes);
  // The funder's document reviewers (DOC-13): their login and pages behind a VERTINTOJAS person session.
  app.route('/', staffLoginRoutes);
  app.route('/', documentReviewRoutes);
  // KPMPC observers (MON-2, L7): their login and pages behind a STEBETOJAS person session.
  app.route('/', monitoringObserverRoutes);
  // The funder's invoice evaluators (INV-17, issue 14): their login and pages behind an SF_VERTINTOJAS person session.
  app.route('/', invoiceEvaluatorRoutes);
  // The participants' KURSUOK portal: public catalogue, and their own pages behind a person session.
  app.route('/', portalRoutes);
  app.route('/', portalContractRoutes);
  // Certificates (issue 13): the public verification page and the issuer's keys, the participant's downloads.
  app.route('/', certificateVerificationRoutes);
  app.route('/', portalCertificateRoutes);
  app.route('/', portalQuestionnaireRoutes);

  // The applications: an active session, its CSRF token on every change, and the access matrix.
  const apps = new Hono<AppEnv>();
  // The CSRF check reads form bodies, so the size limit comes first (two 10 MB files and the fields).
  apps.use(
    bodyLimit({
      maxSize: 21 * 1024 * 1024,
      onError: (c) => {
        const message = 'Siunčiami duomenys per dideli: kiekvienas failas turi būti ne didesnis kaip 10 MB.';
        if (isHtmx(c)) return retargeted(c, message, 413);
        return html(c, <MessagePage title="Per didelė užklausa" message={message} />, 413);
      },
    }),
  );
  apps.use(requireActiveSession, requireCsrfToken);
  // Any stored file, to users of its institution with a right to the file's application (web/uploads.ts).
  apps.get('/failai/:fileId', serveStoredFile);
  apps.get('/', async (c) => {
    const acting = c.get('acting');
    // USERS-1: the head's first step is an administrator; say so until there is one.
    const needsAdministrator = acting.roles.includes(HEAD) && !(await hasAdministrator(deps.db, acting.institution.id));
    // APP-15: the recommended order of the first steps, for those who may take them.
    const steps = allows(Application.Venues, acting.roles, 'full') ? await onboardingProgress(deps.db, acting.institution.id) : null;
    return respond(c, {
      title: 'Aplikacijų sąrašas',
      page: () => (
        <>
          {needsAdministrator ? (
            <Notice kind="info">
              Pirmiausia aplikacijoje <a href="/naudotojai">„Institucijos naudotojai“</a> įtraukite bent vieną institucijos naudotoją ir
              suteikite jam „Mokymo institucijos administratorius“ teises. Jei paskyrą administruosite patys, įveskite savo duomenis ir
              pažymėkite administratoriaus bei „Sutarčių pasirašymas“ teises.
            </Notice>
          ) : null}
          {c.req.query('pranesimas') === 'patvirtinta' ? (
            <Notice kind="success">Jūsų tapatybė patvirtinta. Sveiki prisijungę prie IMP IS.</Notice>
          ) : null}
          <h1>Aplikacijų sąrašas</h1>
          {steps && !(steps.institutionInfo && steps.lecturers && steps.venues && steps.employers) ? <FirstSteps steps={steps} /> : null}
          <ul class="app-list">
            {visibleApplications(c.get('acting').roles).map((a) => (
              <li>
                {APPLICATION_PATHS[a] ? <a href={APPLICATION_PATHS[a]}>{a}</a> : <span class="unavailable">{a} (dar neįdiegta)</span>}
                <br />
                <small>{APPLICATION_DESCRIPTIONS[a]}</small>
              </li>
            ))}
          </ul>
        </>
      ),
    });
  });
  for (const path of ['/programos', '/programos/*', '/grupes/*']) apps.use(path, requireApplication(Application.Programmes));
  for (const path of ['/naudotojai', '/naudotojai/*']) apps.use(path, requireApplication(Application.Users));
  for (const path of ['/institucija', '/institucija/*']) apps.use(path, requireApplication(Application.InstitutionInfo));
  for (const path of ['/lektoriai', '/lektoriai/*']) apps.use(path, requireApplication(Application.Lecturers));
  for (const path of ['/mokymo-vietos', '/mokymo-vietos/*']) apps.use(path, requireApplication(Application.Venues));
  for (const path of ['/darbdaviai', '/darbdaviai/*']) apps.use(path, requireApplication(Application.Employers));
  for (const path of ['/licencijuotos-programos', '/licencijuotos-programos/*'])
    apps.use(path, requireApplication(Application.LicensedProgrammes));
  for (const path of ['/sutartys', '/sutartys/*']) apps.use(path, requireApplication(Application.Contracts));
  for (const path of ['/kpmpc-protokolai', '/kpmpc-protokolai/*']) apps.use(path, requireApplication(Application.MonitoringProtocols));
  for (const path of ['/saskaitos-fakturos', '/saskaitos-fakturos/*']) apps.use(path, requireApplication(Application.Invoices));
  for (const path of ['/uzt-dokumentai', '/uzt-dokumentai/*']) apps.use(path, requireApplication(Application.EmploymentServiceDocuments));
  for (const path of ['/ataskaitos/dalyviai', '/ataskaitos/dalyviai/*']) apps.use(path, requireApplication(Application.ParticipantReport));
  for (const path of ['/ataskaitos/tvarkarasciai', '/ataskaitos/tvarkarasciai/*'])
    apps.use(path, requireApplication(Application.TimetableReport));
  apps.route('/', programmeRoutes);
  apps.route('/', programmeFeedbackRoutes);
  apps.route('/', groupUztFieldRoutes);
  apps.route('/', groupRoutes);
  apps.route('/', groupScheduleRoutes);
  apps.route('/', groupParticipantRoutes);
  apps.route('/', groupCompletionRoutes);
  apps.route('/', groupCertificateRoutes);
  apps.route('/', userRoutes);
  apps.route('/', institutionRoutes);
  apps.route('/', lecturerRoutes);
  apps.route('/', venueRoutes);
  apps.route('/', employerRoutes);
  apps.route('/', licensedProgrammeRoutes);
  apps.route('/', institutionContractRoutes);
  apps.route('/', monitoringProtocolRoutes);
  apps.route('/', invoiceRoutes);
  apps.route('/', uztSettlementRoutes);
  apps.route('/', participantReportRoutes);
  apps.route('/', timetableReportRoutes);
  // Issue 15: CSV/XLSX of both reports, quick or in the background (each route checks its report's right).
  apps.route('/', reportExportRoutes);
  app.route('/', apps);

  app.notFound((c) => {
    const message = 'Puslapis nerastas arba neturite teisės jo matyti.';
    if (isHtmx(c)) return retargeted(c, message, 404);
    return html(c, <MessagePage title="Nerasta" message={message} />, 404);
  });
  app.onError((err, c) => {
    const id = c.get('requestId');
    if (err instanceof HTTPException && err.status === 403) {
      // hono/csrf: a state-changing request from another origin.
      const message = 'Užklausa atmesta: ji atsiųsta ne iš IMP IS puslapio.';
      if (isHtmx(c)) return retargeted(c, message, 403);
      return html(c, <MessagePage title="Užklausa atmesta" message={message} requestId={id} />, 403);
    }
    if (err instanceof HTTPException && err.status < 500) {
      return html(c, <MessagePage title="Neteisinga užklausa" message="Užklausa neteisinga." requestId={id} />, err.status);
    }
    // An outage is not "unexpected": 503 in Lithuanian, saying whether the action was taken.
    const outage = isDatabaseUnavailable(err) ? 'database' : isTemporalUnavailable(err) ? 'temporal' : null;
    if (outage) {
      console.error(
        `[${id}] ${c.req.method} ${c.req.path}: ${outage === 'database' ? 'Postgres' : 'Temporal'} unavailable: ${describe(err)}`,
      );
      const message = outageMessage(outage, { method: c.req.method, taken: commandTaken() });
      if (isHtmx(c)) return retargeted(c, message, 503);
      return html(c, <MessagePage title="Sistema laikinai nepasiekiama" message={message} requestId={id} />, 503);
    }
    console.error(`[${id}] ${c.req.method} ${c.req.path}`, err);
    const message = 'Įvyko netikėta klaida. Bandykite dar kartą vėliau.';
    if (isHtmx(c)) return retargeted(c, `${message} Užklausos numeris: ${id}`, 500);
    return html(c, <MessagePage title="Klaida" message={message} requestId={id} />, 500);
  });
  return app;
}

/** An htmx request's error goes to the page's message area, not into the panel it targeted. */
function retargeted(c: Parameters<Parameters<Hono<AppEnv>['onError']>[0]>[1], message: string, status: 403 | 404 | 413 | 500 | 503) {
  c.header('HX-Retarget', '#pranesimai');
  c.header('HX-Reswap', 'innerHTML');
  return c.html(
    <div class="notice notice-error" role="alert">
      {message}
    </div>,
    status,
  );
}

/** Seconds a client should wait after a 503 (the pages say "po kelių minučių"). */
const RETRY_AFTER_SECONDS = 120;
const HEALTH_TIMEOUT_MS = 3000;

/** A dependency's health: 'ok', or 'klaida: …' when it failed or did not answer within HEALTH_TIMEOUT_MS. */
async function health(check: Promise<unknown>): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`neatsakė per ${HEALTH_TIMEOUT_MS / 1000} s`)), HEALTH_TIMEOUT_MS);
  });
  try {
    await Promise.race([check, timeout]);
    return 'ok';
  } catch (err) {
    return `klaida: ${describe(err)}`;
  } finally {
    clearTimeout(timer);
  }
}

/** An error in one line: its message, or its code when the message is empty (AggregateError). */
function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const code = (err as { code?: unknown }).code;
  return err.message || (typeof code === 'string' ? code : err.name);
}

/** APP-15: the manual's recommended order (§3), each step marked once it has data. */
function FirstSteps(props: { steps: OnboardingProgress }) {
  const items: [boolean, string, string, string][] = [
    [props.steps.institutionInfo, Application.InstitutionInfo, 'Pateikiama aktuali institucijos informacija', '/institucija'],
    [props.steps.lecturers, Application.Lecturers, 'Suvedamas lektorių sąrašas', '/lektoriai'],
    [props.steps.venues, Application.Venues, 'Sukuriamos mokymo vietos', '/mokymo-vietos'],
    [props.steps.employers, Application.Employers, 'Įvedama darbdavio informacija (tik Užimtumo tarnybos programoms)', '/darbdaviai'],
  ];
  return (
    <article class="first-steps" aria-labelledby="pirmieji-zingsniai">
      <h2 id="pirmieji-zingsniai">Rekomenduojama pradėti nuo šių aplikacijų</h2>
      <p>
        <small>Užpildžius šią informaciją, vėliau ją bus galima pasirinkti iškrentančiuose sąrašuose.</small>
      </p>
      <ol>
        {items.map(([done, app, caption, href]) => (
          <li class={done ? 'done' : undefined}>
            <a href={href}>{app}</a> – {caption}
            {done ? <span class="status-badge"> atlikta</span> : null}
          </li>
        ))}
      </ol>
    </article>
  );
}
