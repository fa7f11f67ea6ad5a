// The provider's application "Dokumentų pateikimas užimtumo tarnybai" (manual §3.13; UZTDOC-1..UZTDOC-10).
// Pages read Postgres; a submission is one Update (submitSettlementDocument) to UztSettlement:<registrationId>
// with the form's key as updateId and submission id. The form is checked at the edge first — the
// type, the period against the client's settlement frequency and measure (UZTDOC-5, UZTDOC-9), the
// ADOC container (UZTDOC-6) — so a refusal stores nothing; only then is the file stored and the Update
// sent. Reading needs the application's 'view', submitting its 'full' (app.tsx); another institution's
// client, or one whose coupon UŽT did not approve, is 404 (GEN-5, UZTDOC-10).
import { Hono, type Context } from 'hono';
import { storeFile, FilePurpose } from '../../db/queries/files.ts';
import {
  activeDocumentTypes,
  findSettlementClient,
  listSettlementClients,
  listSubmissions,
  submissionExists,
  termsOf,
  type SettlementClient,
} from '../../db/queries/uzt-settlement.ts';
import { ADOC_MEDIA_TYPE } from '../../workflows/domain/adoc.ts';
import { Application, allows } from '../../workflows/domain/access.ts';
import { vilniusDate } from '../../workflows/domain/calendar.ts';
import { fileSizeError, FILE_MESSAGES } from '../../workflows/domain/file-type.ts';
import { checkSettlementPeriod, expectedPeriod, type SettlementErrors } from '../../workflows/domain/uzt-settlement.ts';
import { checkAdoc } from '../adoc-check.ts';
import type { AppEnv } from '../context.ts';
import { keepsFormKey } from '../errors.ts';
import { isHtmx, isUuid, newKey } from '../forms.ts';
import { badRequest, respond } from '../render.tsx';
import { declaredBodyLimit, readMultipartForm, uploadRequestLimit } from '../uploads.ts';
import { submitSettlementDocument } from '../uzt-settlement-commands.ts';
import {
  clientHref,
  SettlementClientList,
  SettlementForm,
  SettlementWindow,
  UZT_DOCUMENTS_PATH,
  UZT_DOCUMENTS_TITLE,
  WINDOW_TITLE,
  type SettlementFormState,
} from '../views/uzt-settlement.tsx';

const APP = Application.EmploymentServiceDocuments;
type C = Context<AppEnv>;

export const uztSettlementRoutes = new Hono<AppEnv>();

function target(c: C) {
  const { temporal, config } = c.get('deps');
  return { temporal, taskQueue: config.temporal.taskQueue, timeoutMs: config.temporal.commandTimeoutMs };
}

const canSubmit = (c: C) => allows(APP, c.get('acting').roles, 'full');

async function loadClient(c: C): Promise<SettlementClient | undefined> {
  const id = c.req.param('registrationId');
  return isUuid(id) ? findSettlementClient(c.get('deps').db, c.get('acting').institution.id, id) : undefined;
}

/** The period a new form suggests: last month's (cut to the measure) for monthly settlement, the whole measure otherwise. */
function suggestedPeriod(client: SettlementClient): { periodFrom: string; periodTo: string } {
  const terms = termsOf(client);
  if (!terms) return { periodFrom: '', periodTo: '' };
  const [y, m] = vilniusDate(new Date()).split('-').map(Number) as [number, number];
  const previous = new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 10);
  const from = previous < terms.measureStart ? terms.measureStart : previous > terms.measureEnd ? terms.measureEnd : previous;
  const p = expectedPeriod(terms, from);
  return { periodFrom: p.from, periodTo: p.to };
}

const NOTICES: Record<string, string> = { pateikta: 'Dokumentas pateiktas ir siunčiamas Užimtumo tarnybai.' };

async function renderWindow(
  c: C,
  client: SettlementClient,
  form: SettlementFormState,
  status: 200 | 202 | 404 | 409 | 422 | 503 = 200,
  notice?: string,
) {
  const db = c.get('deps').db;
  const institutionId = c.get('acting').institution.id;
  const [types, submissions] = await Promise.all([activeDocumentTypes(db), listSubmissions(db, institutionId, client.registrationId)]);
  return respond(c, {
    title: `${WINDOW_TITLE} – ${client.participant}`,
    app: APP,
    status,
    page: () => (
      <SettlementWindow client={client} types={types} submissions={submissions} form={form} canSubmit={canSubmit(c)} notice={notice} />
    ),
    fragment: () => <SettlementForm client={client} types={types} form={form} canSubmit={canSubmit(c)} />,
  });
}

uztSettlementRoutes.get(UZT_DOCUMENTS_PATH, async (c) => {
  const clients = await listSettlementClients(c.get('deps').db, c.get('acting').institution.id);
  return respond(c, { title: UZT_DOCUMENTS_TITLE, app: APP, page: () => <SettlementClientList clients={clients} /> });
});

uztSettlementRoutes.get(`${UZT_DOCUMENTS_PATH}/:registrationId`, async (c) => {
  const client = await loadClient(c);
  if (!client) return c.notFound();
  const values = { documentType: '', ...suggestedPeriod(client) };
  return renderWindow(c, client, { formKey: newKey(), values }, 200, NOTICES[c.req.query('pranesimas') ?? '']);
});

const uploadLimit = declaredBodyLimit(uploadRequestLimit(1));

const text = (v: string | string[] | undefined) => (typeof v === 'string' ? v.trim() : Array.isArray(v) ? (v[0] ?? '').trim() : '');

/** S1 (UZTDOC-2..UZTDOC-7): 422 with the fields' messages, what was typed kept and nothing stored; 404 for another institution's client. */
uztSettlementRoutes.post(`${UZT_DOCUMENTS_PATH}/:registrationId`, uploadLimit, async (c) => {
  const client = await loadClient(c);
  if (!client) return c.notFound();
  const form = await readMultipartForm(c);
  const key = text(form.values.idempotencyKey);
  if (!isUuid(key)) return badRequest(c);
  const values = {
    documentType: text(form.values.documentType),
    periodFrom: text(form.values.periodFrom),
    periodTo: text(form.values.periodTo),
  };
  const refuse = (errors: SettlementErrors, status: 409 | 422 = 422, error?: string) =>
    renderWindow(c, client, { formKey: key, values, errors, ...(error ? { error } : {}) }, status);
  const { user, institution, session } = c.get('acting');
  if (!canSubmit(c)) return refuse({}, 409, 'Pateikti dokumentus gali tik naudotojai, turintys visas šios aplikacijos teises.');
  const done = `${clientHref(client.registrationId)}?pranesimas=pateikta`;
  const redirectDone = () => {
    if (isHtmx(c)) {
      c.header('HX-Redirect', done);
      return c.body(null, 204);
    }
    return c.redirect(done, 303);
  };
  // The same form again after it went through (a double click, a reload): done already, nothing stored twice.
  if (await submissionExists(c.get('deps').db, institution.id, key)) return redirectDone();
  const terms = termsOf(client);
  if (!terms)
    return refuse(
      {},
      409,
      'Trūksta kupono II skyriaus duomenų (priemonės laikotarpio arba atsiskaitymo dažnumo): dokumento pateikti negalima.',
    );

  const db = c.get('deps').db;
  const errors: SettlementErrors = {};
  const types = await activeDocumentTypes(db);
  if (values.documentType === '') errors.documentType = 'Pasirinkite dokumento tipą.';
  else if (!types.some((t) => t.code === values.documentType)) errors.documentType = 'Pasirinkite dokumento tipą iš sąrašo.';
  Object.assign(errors, checkSettlementPeriod(terms, values.periodFrom, values.periodTo) ?? {});
  const file = form.files.file;
  let bytes: Uint8Array | null = null;
  if (!file) errors.file = 'Pridėkite dokumentą adoc formatu.';
  else {
    const sizeError = fileSizeError(file.size);
    if (sizeError) errors.file = sizeError === FILE_MESSAGES.empty ? 'Failas tuščias: pridėkite dokumentą adoc formatu.' : sizeError;
    else {
      bytes = new Uint8Array(await file.arrayBuffer());
      const adoc = await checkAdoc(bytes);
      if (!adoc.ok) errors.file = adoc.error;
    }
  }
  if (Object.keys(errors).length > 0 || !file || !bytes) return refuse(errors);

  const originalName =
    (file.name.split(/[/\\]/).pop() ?? '')
      .replace(/[\u0000-\u001f\u007f]/g, '')
      .trim()
      .slice(0, 255) || 'dokumentas.adoc';
  const downloadName = `${
    originalName
      .replace(/\.adoc$/i, '')
      .replace(/[^\p{L}\p{N}._ -]/gu, '_')
      .slice(0, 120) || 'dokumentas'
  }.adoc`;
  const stored = await storeFile(db, {
    institutionId: institution.id,
    purpose: FilePurpose.UztSettlementDocument,
    bytes,
    contentType: ADOC_MEDIA_TYPE,
    originalName,
    downloadName,
    uploader: { userId: user?.id ?? null, personalCodeHash: session.personal_code_hash, requestId: c.get('requestId') },
  });

  const result = await submitSettlementDocument(target(c), {
    input: {
      registrationId: client.registrationId,
      institutionId: institution.id,
      groupId: client.groupId,
      couponNumber: client.couponNumber,
      frequency: terms.frequency,
      measureStart: terms.measureStart,
      measureEnd: terms.measureEnd,
    },
    command: {
      submissionId: key,
      institutionId: institution.id,
      documentType: values.documentType,
      periodFrom: values.periodFrom,
      periodTo: values.periodTo,
      fileId: stored.id,
      userId: user?.id ?? null,
      userName: user ? `${user.first_name} ${user.last_name}` : `${session.given_name} ${session.family_name}`,
      personalCodeHash: user?.personal_code_hash ?? session.personal_code_hash,
      requestId: c.get('requestId'),
    },
  });
  if (!result.ok) {
    if (result.status === 404) return c.notFound();
    return renderWindow(
      c,
      client,
      {
        formKey: keepsFormKey(result) ? key : newKey(),
        values,
        errors: result.fieldErrors as SettlementErrors,
        error: result.message,
      },
      result.status,
    );
  }
  return redirectDone();
});
