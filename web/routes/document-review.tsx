// The document reviewer's pages (DOC-13..DOC-16, L3), behind a VERTINTOJAS person session: the queue
// (DOC-14), one document to view and decide. A decision is the DocumentReview workflow's Update
// decideDocument with the form's idempotency key, so a double submit decides once.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import {
  findActiveStaffMember,
  findDocumentContent,
  findDocumentForReview,
  reviewQueue,
  type DocumentForReview,
} from '../../db/queries/document-review.ts';
import { formatDateTime } from '../../workflows/domain/date-format.ts';
import { decisionFieldErrors, reviewStatusLabel } from '../../workflows/domain/document-review.ts';
import { AWAITING_REVIEW } from '../../workflows/domain/eligibility.ts';
import { attachmentDisposition, safeDownloadName, type AcceptedFileType } from '../../workflows/domain/file-type.ts';
import { endPersonSession, PERSON_LOGIN_PATHS, requirePerson } from '../auth/person-session.tsx';
import type { AppEnv } from '../context.ts';
import { decideDocument } from '../document-review-commands.ts';
import { keepsFormKey } from '../errors.ts';
import { isUuid, newKey } from '../forms.ts';
import { fetchPage } from '../paging.ts';
import {
  DocumentReviewPage,
  REVIEW_HOME,
  ReviewMessage,
  ReviewQueuePage,
  reviewHtml,
  type DecisionFormState,
} from '../views/document-review.tsx';

type C = Context<AppEnv>;

export const documentReviewRoutes = new Hono<AppEnv>();

const REVIEW_PATHS = ['/vertinimas', '/vertinimas/dokumentai/*', '/vertinimas/atsijungti'];
for (const path of REVIEW_PATHS) {
  // The CSRF check reads form bodies, so the size limit comes first: a decision is a few fields.
  documentReviewRoutes.use(
    path,
    bodyLimit({
      maxSize: 64 * 1024,
      onError: (c) =>
        reviewHtml(
          c,
          <ReviewMessage title="Per didelė užklausa" message="Siunčiami duomenys per dideli." person={c.get('personSession')} />,
          413,
        ),
    }),
  );
  documentReviewRoutes.use(path, requirePerson('VERTINTOJAS'));
}

function message(c: C, title: string, text: string, status: 400 | 403 | 404 | 409 | 503) {
  const requestId = status >= 500 ? c.get('requestId') : undefined;
  return reviewHtml(c, <ReviewMessage title={title} message={text} person={c.get('personSession')} requestId={requestId} />, status);
}

const notFound = (c: C) => message(c, 'Nerasta', 'Dokumentas nerastas.', 404);

/** The session's staff member, still an active reviewer (a deactivated one is refused at once). */
async function reviewer(c: C) {
  const id = c.get('personSession')?.staff_member_id;
  return id ? findActiveStaffMember(c.get('deps').db, { id, role: 'VERTINTOJAS' }) : undefined;
}

const NOT_REVIEWER = 'Jūs nesate aktyvus dokumentų vertintojas.';

const NOTICES: Record<string, string> = { ivertinta: 'Vertinimas išsaugotas, dalyviui bus išsiųstas pranešimas.' };

documentReviewRoutes.get(REVIEW_HOME, async (c) => {
  if (!(await reviewer(c))) return message(c, 'Prieiga nesuteikta', NOT_REVIEWER, 403);
  const { db } = c.get('deps');
  const list = await fetchPage(c.req.query('puslapis'), (slice) => reviewQueue(db, slice));
  const notice = NOTICES[c.req.query('pranesimas') ?? ''];
  return reviewHtml(c, <ReviewQueuePage person={c.get('personSession')!} list={list} now={new Date()} notice={notice} />);
});

async function loadDocument(c: C): Promise<DocumentForReview | undefined> {
  const id = c.req.param('documentId');
  return isUuid(id) ? findDocumentForReview(c.get('deps').db, id) : undefined;
}

function documentPage(c: C, doc: DocumentForReview, form: DecisionFormState, status: 200 | 202 | 409 | 422 | 503 = 200) {
  return reviewHtml(c, <DocumentReviewPage person={c.get('personSession')!} doc={doc} now={new Date()} form={form} />, status);
}

documentReviewRoutes.get('/vertinimas/dokumentai/:documentId', async (c) => {
  if (!(await reviewer(c))) return message(c, 'Prieiga nesuteikta', NOT_REVIEWER, 403);
  const doc = await loadDocument(c);
  if (!doc) return notFound(c);
  return documentPage(c, doc, { formKey: newKey() });
});

const INLINE_TYPES = new Set<string>(['application/pdf', 'image/jpeg', 'image/png']);

/** The file, inline (or as a download with ?atsisiusti=1), with its stored — checked at upload — type. */
documentReviewRoutes.get('/vertinimas/dokumentai/:documentId/failas', async (c) => {
  if (!(await reviewer(c))) return message(c, 'Prieiga nesuteikta', NOT_REVIEWER, 403);
  const id = c.req.param('documentId');
  const file = isUuid(id) ? await findDocumentContent(c.get('deps').db, id) : undefined;
  if (!file || !INLINE_TYPES.has(file.content_type)) return notFound(c);
  const body = new Uint8Array(file.content);
  const disposition = attachmentDisposition(safeDownloadName(file.original_name, file.content_type as AcceptedFileType));
  return c.body(body, 200, {
    'Content-Type': file.content_type,
    'Content-Length': String(body.byteLength),
    'Content-Disposition': c.req.query('atsisiusti') ? disposition : disposition.replace(/^attachment/, 'inline'),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'private, no-store',
  });
});

/** D2..D5: the decision, validated at the edge (422), then by the workflow; 409 once decided. */
documentReviewRoutes.post('/vertinimas/dokumentai/:documentId', async (c) => {
  const staff = await reviewer(c);
  if (!staff) return message(c, 'Prieiga nesuteikta', NOT_REVIEWER, 403);
  const doc = await loadDocument(c);
  if (!doc) return notFound(c);
  const form = await c.req.parseBody();
  const key = form.idempotencyKey;
  if (!isUuid(key)) return message(c, 'Neteisinga užklausa', 'Užklausa neteisinga: atnaujinkite puslapį ir bandykite dar kartą.', 400);
  const values = {
    status: typeof form.status === 'string' ? form.status : '',
    note: typeof form.note === 'string' ? form.note.trim() : '',
  };
  if (doc.status !== AWAITING_REVIEW) return alreadyDecided(c, doc);
  const errors = decisionFieldErrors(doc.kind, values);
  if (errors) return documentPage(c, doc, { formKey: key, values, errors }, 422);

  const { temporal, config } = c.get('deps');
  const result = await decideDocument(
    { temporal, taskQueue: config.temporal.taskQueue, timeoutMs: config.temporal.commandTimeoutMs },
    {
      documentId: doc.id,
      idempotencyKey: key,
      command: {
        reviewerId: staff.id,
        status: values.status,
        ...(values.note ? { note: values.note } : {}),
        requestId: c.get('requestId'),
      },
    },
  );
  if (!result.ok) {
    const now = await findDocumentForReview(c.get('deps').db, doc.id);
    if (now && now.status !== AWAITING_REVIEW) return alreadyDecided(c, now);
    if (result.status === 404) return notFound(c);
    const errorsFrom = Object.keys(result.fieldErrors).length > 0 ? (result.fieldErrors as Record<string, string>) : undefined;
    return documentPage(
      c,
      doc,
      { formKey: keepsFormKey(result) ? key : newKey(), values, ...(errorsFrom ? { errors: errorsFrom } : {}), error: result.message },
      result.status,
    );
  }
  return c.redirect(`${REVIEW_HOME}?pranesimas=ivertinta`, 303);
});

function alreadyDecided(c: C, doc: DocumentForReview) {
  const who = doc.reviewerName ? ` Įvertino ${doc.reviewerName}${doc.decidedAt ? `, ${formatDateTime(doc.decidedAt)}` : ''}.` : '';
  return documentPage(c, doc, { formKey: newKey(), error: `Dokumentas jau įvertintas: „${reviewStatusLabel(doc.status)}“.${who}` }, 409);
}

documentReviewRoutes.post('/vertinimas/atsijungti', async (c) => {
  await endPersonSession(c, 'atsijungta');
  return c.redirect(`${PERSON_LOGIN_PATHS.VERTINTOJAS}?priezastis=atsijungta`, 303);
});
