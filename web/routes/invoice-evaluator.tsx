// The funder's invoice evaluator's pages (INV-17..INV-20, L8 I3/I4/I7/I8, issue 14), behind an
// SF_VERTINTOJAS person session (VIISP login like the document reviewers' and the observers'): the
// queue ordered by the evaluation deadline, one invoice with its PDF inline and the participants'
// evidence, the signed contracts, and the decisions — each one Update to Invoice:<id> with its form's
// key as the updateId. Evaluators are the funder's staff: every institution's invoices are theirs to see.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { findActiveStaffMember } from '../../db/queries/document-review.ts';
import {
  awaitingPayment,
  contractFileForEvaluator,
  evaluationQueue,
  invoiceFileForEvaluator,
  invoiceGroupPrice,
} from '../../db/queries/invoice-evaluation.ts';
import { findInvoice, invoiceParticipantsEvidence, type InvoiceItem } from '../../db/queries/invoices.ts';
import { attachmentDisposition } from '../../workflows/domain/file-type.ts';
import {
  centsOfNumeric,
  decisionTextError,
  InvoiceStatus,
  reconcile,
  transitionRefusal,
  type InvoiceAction,
} from '../../workflows/domain/invoice.ts';
import { endPersonSession, PERSON_LOGIN_PATHS, requirePerson } from '../auth/person-session.tsx';
import { redirectToGateway } from '../auth/login-flow.tsx';
import type { AppEnv } from '../context.ts';
import { keepsFormKey } from '../errors.ts';
import { isUuid, newKey } from '../forms.ts';
import { decideInvoice, type EvaluatorDecision } from '../invoice-evaluator-commands.ts';
import { fetchPage } from '../paging.ts';
import { Notice } from '../views/layout.tsx';
import {
  EVALUATOR_HOME,
  EvaluatorHomePage,
  EvaluatorInvoicePage,
  EvaluatorLayout,
  EvaluatorMessage,
  evaluatorHtml,
  evaluatorInvoicePath,
  type DecisionForms,
} from '../views/invoice-evaluator.tsx';

type C = Context<AppEnv>;

/** The invoice PDF the evaluator's page frames (app.tsx lets only this path be framed, by its own origin). */
export const EVALUATOR_EMBEDDED_PDF = /^\/saskaitu-vertinimas\/saskaitos\/[^/]+\/failas$/;

export const invoiceEvaluatorRoutes = new Hono<AppEnv>();

invoiceEvaluatorRoutes.get(`${EVALUATOR_HOME}/prisijungti`, (c) => {
  const session = c.get('personSession');
  if (session?.audience === 'SF_VERTINTOJAS') return c.redirect(EVALUATOR_HOME, 303);
  const loggedOut = c.req.query('priezastis') === 'atsijungta';
  return evaluatorHtml(
    c,
    <EvaluatorLayout title="Prisijungti" person={undefined}>
      <h1>Sąskaitų faktūrų vertinimas</h1>
      {loggedOut ? <Notice kind="info">Atsijungėte nuo IMP IS.</Notice> : null}
      <p>
        Mokymo teikėjų pateiktas sąskaitas faktūras vertina ir apmokėti perduoda IMP IS sąskaitų faktūrų vertintojai. Asmens tapatybė
        nustatoma per Valstybės informacinių išteklių sąveikumo platformą (VIISP).
      </p>
      <a role="button" href={`${EVALUATOR_HOME}/prisijungti/viisp`}>
        Fiziniam asmeniui
      </a>
    </EvaluatorLayout>,
  );
});

invoiceEvaluatorRoutes.get(`${EVALUATOR_HOME}/prisijungti/viisp`, (c) => redirectToGateway(c, 'fizinis', 'SF_VERTINTOJAS'));

const EVALUATOR_PATHS = [EVALUATOR_HOME, `${EVALUATOR_HOME}/saskaitos/*`, `${EVALUATOR_HOME}/atsijungti`];
for (const path of EVALUATOR_PATHS) {
  // The CSRF check reads form bodies, so the size limit comes first: a decision is a few fields.
  invoiceEvaluatorRoutes.use(
    path,
    bodyLimit({
      maxSize: 64 * 1024,
      onError: (c) =>
        evaluatorHtml(
          c,
          <EvaluatorMessage title="Per didelė užklausa" message="Siunčiami duomenys per dideli." person={c.get('personSession')} />,
          413,
        ),
    }),
  );
  invoiceEvaluatorRoutes.use(path, requirePerson('SF_VERTINTOJAS'));
}

function message(c: C, title: string, text: string, status: 400 | 403 | 404 | 409 | 503) {
  const requestId = status >= 500 ? c.get('requestId') : undefined;
  return evaluatorHtml(c, <EvaluatorMessage title={title} message={text} person={c.get('personSession')} requestId={requestId} />, status);
}

const NOT_EVALUATOR = 'Jūs nesate aktyvus sąskaitų faktūrų vertintojas.';
const BAD_REQUEST = 'Užklausa neteisinga: atnaujinkite puslapį ir bandykite dar kartą.';
const notFound = (c: C, what = 'Sąskaita faktūra nerasta.') => message(c, 'Nerasta', what, 404);

/** The session's staff member, still an active invoice evaluator (a deactivated one is refused at once). */
async function evaluator(c: C) {
  const id = c.get('personSession')?.staff_member_id;
  return id ? findActiveStaffMember(c.get('deps').db, { id, role: 'SF_VERTINTOJAS' }) : undefined;
}

const NOTICES: Record<string, string> = {
  vertinama: `Sąskaita faktūra vertinama: jos būsena „${InvoiceStatus.UnderEvaluation}“.`,
  grazinta: `Sąskaita faktūra grąžinta papildymui; teikėjui išsiųstas pranešimas su jūsų komentaru.`,
  atmesta: 'Sąskaita faktūra atmesta; teikėjui išsiųstas pranešimas su priežastimi.',
  perduota: 'Sąskaita faktūra perduota apmokėti; teikėjui išsiųstas pranešimas. Apmokėjimas patvirtinamas mokėjimų sistemoje.',
};

const NOTICE_OF: Record<EvaluatorDecision['action'], string> = {
  TAKE: 'vertinama',
  RETURN: 'grazinta',
  REJECT: 'atmesta',
  TRANSFER: 'perduota',
};

invoiceEvaluatorRoutes.get(EVALUATOR_HOME, async (c) => {
  if (!(await evaluator(c))) return message(c, 'Prieiga nesuteikta', NOT_EVALUATOR, 403);
  const { db } = c.get('deps');
  const [list, payments] = await Promise.all([
    fetchPage(c.req.query('puslapis'), (slice) => evaluationQueue(db, slice)),
    awaitingPayment(db),
  ]);
  return evaluatorHtml(
    c,
    <EvaluatorHomePage
      person={c.get('personSession')!}
      list={list}
      payments={payments}
      now={new Date()}
      notice={NOTICES[c.req.query('pranesimas') ?? '']}
    />,
  );
});

async function loadInvoice(c: C): Promise<InvoiceItem | undefined> {
  const id = c.req.param('invoiceId');
  return isUuid(id) ? findInvoice(c.get('deps').db, id) : undefined;
}

const freshKeys = (): DecisionForms['keys'] => ({ TAKE: newKey(), RETURN: newKey(), REJECT: newKey(), TRANSFER: newKey() });

async function invoicePage(
  c: C,
  item: InvoiceItem,
  forms: Partial<DecisionForms> = {},
  status: 200 | 202 | 409 | 422 | 503 = 200,
  notice?: string,
) {
  const { db, config } = c.get('deps');
  const [participants, price] = await Promise.all([
    invoiceParticipantsEvidence(db, item.invoice.id),
    invoiceGroupPrice(db, item.invoice.id),
  ]);
  // The funder's check (issue 14's reconciliation) while a decision is owed: evidence, price × participants, amount.
  const reconciliation =
    price !== undefined && (item.invoice.status === InvoiceStatus.Submitted || item.invoice.status === InvoiceStatus.UnderEvaluation)
      ? reconcile(participants, centsOfNumeric(price), centsOfNumeric(item.invoice.amount), item.invoice.id)
      : null;
  return evaluatorHtml(
    c,
    <EvaluatorInvoicePage
      person={c.get('personSession')!}
      item={item}
      participants={participants}
      reconciliation={reconciliation}
      assessmentFormat={config.completion.assessmentFormat}
      now={new Date()}
      forms={{ keys: forms.keys ?? freshKeys(), ...forms }}
      notice={notice}
    />,
    status,
  );
}

invoiceEvaluatorRoutes.get(`${EVALUATOR_HOME}/saskaitos/:invoiceId`, async (c) => {
  if (!(await evaluator(c))) return message(c, 'Prieiga nesuteikta', NOT_EVALUATOR, 403);
  const item = await loadInvoice(c);
  if (!item) return notFound(c);
  return invoicePage(c, item, {}, 200, NOTICES[c.req.query('pranesimas') ?? '']);
});

function pdf(c: C, file: { content: Uint8Array; content_type: string; download_name: string }, inline: boolean) {
  const body = new Uint8Array(file.content);
  const disposition = attachmentDisposition(file.download_name);
  return c.body(body, 200, {
    'Content-Type': file.content_type,
    'Content-Length': String(body.byteLength),
    'Content-Disposition': inline ? disposition.replace(/^attachment/, 'inline') : disposition,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'private, no-store',
  });
}

/** INV-11: the invoice's PDF, inline (the page frames it) or as a download with ?atsisiusti=1. */
invoiceEvaluatorRoutes.get(`${EVALUATOR_HOME}/saskaitos/:invoiceId/failas`, async (c) => {
  if (!(await evaluator(c))) return message(c, 'Prieiga nesuteikta', NOT_EVALUATOR, 403);
  const id = c.req.param('invoiceId');
  const file = isUuid(id) ? await invoiceFileForEvaluator(c.get('deps').db, id) : undefined;
  if (!file || file.content_type !== 'application/pdf') return notFound(c, 'Dokumentas nerastas.');
  return pdf(c, file, !c.req.query('atsisiusti'));
});

/** INV-4 evidence: the signed learning contract of a participant on this invoice (another contract: 404). */
invoiceEvaluatorRoutes.get(`${EVALUATOR_HOME}/saskaitos/:invoiceId/sutartys/:contractId`, async (c) => {
  if (!(await evaluator(c))) return message(c, 'Prieiga nesuteikta', NOT_EVALUATOR, 403);
  const id = c.req.param('invoiceId');
  const contractId = c.req.param('contractId');
  const file = isUuid(id) && isUuid(contractId) ? await contractFileForEvaluator(c.get('deps').db, id, contractId) : undefined;
  if (!file || file.content_type !== 'application/pdf') return notFound(c, 'Mokymosi sutartis nerasta.');
  return pdf(c, file, true);
});

const ACTIONS = new Set<string>(['TAKE', 'RETURN', 'REJECT', 'TRANSFER']);

/**
 * I3, I4, I7, I8: the decision of the button pressed. A missing comment or reason is 422 with the
 * text kept; a decision the status no longer allows (a second decision, another evaluator's) 409
 * with the invoice as it is now; the workflow checks both again.
 */
invoiceEvaluatorRoutes.post(`${EVALUATOR_HOME}/saskaitos/:invoiceId`, async (c) => {
  const staff = await evaluator(c);
  if (!staff) return message(c, 'Prieiga nesuteikta', NOT_EVALUATOR, 403);
  const item = await loadInvoice(c);
  if (!item) return notFound(c);
  const body = await c.req.parseBody();
  const key = body.idempotencyKey;
  const action = typeof body.action === 'string' ? body.action : '';
  if (!isUuid(key) || !ACTIONS.has(action)) return message(c, 'Neteisinga užklausa', BAD_REQUEST, 400);
  const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string).trim() : '');
  const values = { comment: text('comment'), reason: text('reason') };

  const refusal = transitionRefusal(action as InvoiceAction, item.invoice.status);
  if (refusal) return invoicePage(c, item, { error: refusal, values }, 409);
  let decision: EvaluatorDecision;
  if (action === 'RETURN' || action === 'REJECT') {
    const field = action === 'RETURN' ? 'comment' : 'reason';
    const error = decisionTextError(action, values[field]);
    if (error) return invoicePage(c, item, { keys: { ...freshKeys(), [action]: key }, values, errors: { [field]: error } }, 422);
    decision = action === 'RETURN' ? { action, comment: values.comment } : { action, reason: values.reason };
  } else {
    decision = { action: action as 'TAKE' | 'TRANSFER' };
  }

  const { temporal, config } = c.get('deps');
  const result = await decideInvoice(
    { temporal, taskQueue: config.temporal.taskQueue, timeoutMs: config.temporal.commandTimeoutMs },
    {
      invoiceId: item.invoice.id,
      idempotencyKey: key,
      decision,
      actor: {
        evaluatorId: staff.id,
        personKey: staff.person_key,
        name: `${staff.first_name} ${staff.last_name}`,
        requestId: c.get('requestId'),
      },
    },
  );
  if (!result.ok) {
    const now = (await loadInvoice(c)) ?? item;
    const errors = result.status === 422 ? (result.fieldErrors as DecisionForms['errors']) : undefined;
    // Taken but not finished (202) or not taken (503): the same key makes a retry harmless.
    const keys = keepsFormKey(result) ? { ...freshKeys(), [action]: key } : freshKeys();
    return invoicePage(
      c,
      now,
      { keys, values, ...(errors && Object.keys(errors).length > 0 ? { errors } : {}), error: result.message },
      result.status === 404 ? 409 : result.status,
    );
  }
  return c.redirect(`${evaluatorInvoicePath(item.invoice.id)}?pranesimas=${NOTICE_OF[decision.action]}`, 303);
});

invoiceEvaluatorRoutes.post(`${EVALUATOR_HOME}/atsijungti`, async (c) => {
  await endPersonSession(c, 'atsijungta');
  return c.redirect(`${PERSON_LOGIN_PATHS.SF_VERTINTOJAS}?priezastis=atsijungta`, 303);
});
