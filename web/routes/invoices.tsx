// The provider's application "Sąskaitos faktūros" (manual §3.9; INV-1..INV-21, L8). Pages read
// Postgres; each action is one Update to Invoice:<id> with the form's key as updateId (submit starts
// the workflow: update-with-start). The invoice PDF is checked (a real PDF, ≤ 10 MB: web/uploads.ts,
// web/pdf-check.ts; other formats refused, INV-11) and stored before the Update, which carries its
// id. Every route: the acting institution's own group or invoice, or 404 (GEN-5). Reading needs the
// application's 'view', acting its 'full' (app.tsx; INV-21).
import { Hono, type Context } from 'hono';
import { storeFile, FilePurpose } from '../../db/queries/files.ts';
import {
  contractsEvidence,
  findInstitutionInvoice,
  findInvoiceGroup,
  groupInvoiceableParticipants,
  groupInvoices,
  invoiceParticipantsEvidence,
  invoicePdf,
  listInvoiceGroups,
  type ParticipantEvidenceItem,
} from '../../db/queries/invoices.ts';
import { Application, allows } from '../../workflows/domain/access.ts';
import { vilniusDate } from '../../workflows/domain/calendar.ts';
import { attachmentDisposition } from '../../workflows/domain/file-type.ts';
import {
  centsOfNumeric,
  checkInvoiceForm,
  isInvoiceFilterStatus,
  parseAmount,
  reconcile,
  tickRefusal,
  transitionRefusal,
  InvoiceAction,
  type InvoiceFilterStatus,
  type InvoiceSubmission,
} from '../../workflows/domain/invoice.ts';
import type { AppEnv } from '../context.ts';
import { keepsFormKey } from '../errors.ts';
import { formList, isUuid, newKey } from '../forms.ts';
import { deleteInvoice, resubmitInvoice, submitInvoice } from '../invoice-commands.ts';
import { fetchPage } from '../paging.ts';
import { badRequest, respond } from '../render.tsx';
import { checkUpload, readMultipartForm, type MultipartForm } from '../uploads.ts';
import {
  INVOICES_PATH,
  invoiceGroupPath,
  InvoiceGroupPage,
  InvoiceListPage,
  InvoicePage,
  invoicePath,
  ReconciliationPanel,
  type NewInvoiceFormState,
} from '../views/invoices.tsx';

const APP = Application.Invoices;
type C = Context<AppEnv>;
type Status = 200 | 202 | 400 | 404 | 409 | 422 | 503;

export const invoiceRoutes = new Hono<AppEnv>();

function target(c: C) {
  const { temporal, config } = c.get('deps');
  return { temporal, taskQueue: config.temporal.taskQueue, timeoutMs: config.temporal.commandTimeoutMs };
}

/** INV-21: only a user of the institution with full access submits or deletes (the head's own session has no user). */
function canAct(c: C): boolean {
  const { user, roles } = c.get('acting');
  return user !== null && allows(APP, roles, 'full');
}

const today = () => vilniusDate(new Date());
const institutionOf = (c: C) => c.get('acting').institution.id;

// ---- The list (INV-1, INV-2, INV-15) ---------------------------------------------------------------

invoiceRoutes.get(INVOICES_PATH, async (c) => {
  const raw = (c.req.query('busena') ?? '').trim();
  const status: InvoiceFilterStatus | null = isInvoiceFilterStatus(raw) ? raw : null;
  const filterError = raw !== '' && !status ? 'Neteisingi paieškos kriterijai: sąskaitos faktūros būsena.' : undefined;
  const db = c.get('deps').db;
  const page = await fetchPage(c.req.query('puslapis'), (slice) =>
    listInvoiceGroups(db, institutionOf(c), { ...(status ? { status } : {}), ...slice }),
  );
  return respond(c, {
    title: 'Sąskaitos faktūros',
    app: APP,
    status: filterError ? 400 : 200,
    page: () => <InvoiceListPage page={page} status={status} filterError={filterError} />,
  });
});

// ---- The group's invoice window (INV-3..INV-12) ---------------------------------------------------------

async function renderGroup(
  c: C,
  groupId: string,
  ticked: ReadonlySet<string>,
  form: NewInvoiceFormState,
  status: Status = 200,
  notice?: string,
) {
  const db = c.get('deps').db;
  const institutionId = institutionOf(c);
  const group = await findInvoiceGroup(db, institutionId, groupId);
  if (!group) return c.notFound();
  const [participants, invoices] = await Promise.all([
    groupInvoiceableParticipants(db, institutionId, groupId),
    groupInvoices(db, institutionId, groupId),
  ]);
  const chosen = participants.filter((p) => ticked.has(p.contractId) && tickRefusal(p) === null);
  const amount = form.values?.amount ? parseAmount(form.values.amount) : null;
  const reconciliation = chosen.length > 0 ? reconcile(chosen, centsOfNumeric(group.price), amount?.ok ? amount.cents : null) : null;
  return respond(c, {
    title: `Sąskaitos faktūros – ${group.name}`,
    app: APP,
    status,
    page: () => (
      <InvoiceGroupPage
        group={group}
        participants={participants}
        ticked={ticked}
        invoices={invoices}
        reconciliation={reconciliation}
        form={form}
        today={today()}
        now={new Date()}
        canAct={canAct(c)}
        notice={notice}
      />
    ),
  });
}

const NOTICES: Record<string, string> = {
  pateikta: 'Sąskaita faktūra pateikta.',
  istrinta: 'Sąskaita faktūra ištrinta: jos dalyvius galima įtraukti į naują sąskaitą faktūrą.',
  pakartotinai: 'Pataisyta sąskaita faktūra pateikta.',
};

invoiceRoutes.get(`${INVOICES_PATH}/grupe/:groupId`, async (c) => {
  const groupId = c.req.param('groupId');
  if (!isUuid(groupId)) return c.notFound();
  const ticked = new Set(c.req.queries('dalyvis')?.filter(isUuid) ?? []);
  return renderGroup(c, groupId, ticked, { formKey: newKey(), invoiceId: newKey() }, 200, NOTICES[c.req.query('pranesimas') ?? '']);
});

/** The reconciliation panel for the ticked participants and the amount typed (htmx, as the amount is typed). */
invoiceRoutes.get(`${INVOICES_PATH}/grupe/:groupId/suderinimas`, async (c) => {
  const groupId = c.req.param('groupId');
  if (!isUuid(groupId)) return c.notFound();
  const db = c.get('deps').db;
  const institutionId = institutionOf(c);
  const group = await findInvoiceGroup(db, institutionId, groupId);
  if (!group) return c.notFound();
  const ownInvoice = c.req.query('saskaita');
  const ids = [...new Set(c.req.queries('dalyvis')?.filter(isUuid) ?? [])];
  const evidence = await contractsEvidence(db, institutionId, groupId, ids);
  const amount = parseAmount(c.req.query('amount') ?? '');
  const r = reconcile(evidence, centsOfNumeric(group.price), amount.ok ? amount.cents : null, isUuid(ownInvoice) ? ownInvoice : null);
  const panel = () => <ReconciliationPanel r={r} />;
  return respond(c, { title: 'Ką tikrins vertintojas', app: APP, page: panel, fragment: panel });
});

/** A checked PDF from the form, stored for the institution (INV-11); or the reason it is refused. */
async function storeInvoicePdf(c: C, file: File | undefined): Promise<{ ok: true; fileId: string } | { ok: false; error: string }> {
  if (!file) return { ok: false, error: 'Pasirinkite sąskaitos faktūros dokumentą (PDF).' };
  const checked = await checkUpload(file);
  if (!checked.ok) return checked;
  if (checked.type !== 'application/pdf')
    return { ok: false, error: 'Sąskaita faktūra įkeliama tik PDF formatu: kiti failų formatai nepriimami.' };
  const acting = c.get('acting');
  const stored = await storeFile(c.get('deps').db, {
    institutionId: acting.institution.id,
    purpose: FilePurpose.Invoice,
    bytes: checked.bytes,
    contentType: checked.type,
    originalName: checked.originalName,
    downloadName: checked.downloadName,
    uploader: { userId: acting.user?.id ?? null, personalCodeHash: acting.session.personal_code_hash, requestId: c.get('requestId') },
  });
  return { ok: true, fileId: stored.id };
}

function textOf(v: string | string[] | undefined): string {
  return typeof v === 'string' ? v : '';
}

function providerActor(c: C) {
  const { user, institution, session } = c.get('acting');
  return {
    userId: user!.id,
    institutionId: institution.id,
    personalCodeHash: user!.personal_code_hash ?? session.personal_code_hash,
    name: `${user!.first_name} ${user!.last_name}`,
    requestId: c.get('requestId'),
  };
}

const NOT_ALLOWED_TO_SUBMIT = 'Sąskaitas faktūras teikti gali tik naudotojai, turintys prieigą prie aplikacijos „Sąskaitos faktūros“.';

/** The (re)submission form's fields as typed (INV-8..INV-12) and the participants ticked. */
function submissionFields(form: MultipartForm) {
  const contractIds = formList(form.values.dalyvis).filter(isUuid);
  const values = { number: textOf(form.values.number), date: textOf(form.values.date), amount: textOf(form.values.amount) };
  return { contractIds, values, ticked: new Set(contractIds) };
}

type Checked = { ok: true; invoice: InvoiceSubmission } | { ok: false; state: Partial<NewInvoiceFormState>; status: Status };

/**
 * I1, I5: INV-4, INV-13, INV-14 as the page knows them now (409; the workflow's transaction decides
 * finally), the fields (422), then the PDF checked and stored (INV-11, 422): the submission to send.
 */
async function checkSubmission(
  c: C,
  where: { institutionId: string; groupId: string; ownInvoiceId?: string },
  fields: ReturnType<typeof submissionFields>,
  file: File | undefined,
): Promise<Checked> {
  const { contractIds, values } = fields;
  const checked = checkInvoiceForm({ ...values, contractIds }, today());
  const evidence = await contractsEvidence(c.get('deps').db, where.institutionId, where.groupId, contractIds);
  if (evidence.length !== contractIds.length)
    return { ok: false, state: { error: 'Pažymėtas dalyvis nerastas šioje mokymo grupėje.' }, status: 409 };
  const refusals = evidence.map((p) => tickRefusal(p, where.ownInvoiceId)).filter((r): r is string => r !== null);
  if (refusals.length > 0) return { ok: false, state: { error: `Sąskaita faktūra nepateikta. ${refusals.join(' ')}` }, status: 409 };
  if (!checked.ok) return { ok: false, state: { errors: { ...checked.errors } }, status: 422 };
  const stored = await storeInvoicePdf(c, file);
  if (!stored.ok) return { ok: false, state: { errors: { file: stored.error } }, status: 422 };
  return { ok: true, invoice: { ...checked.value, fileId: stored.fileId } };
}

/** The field errors of a refused Update, for the form. */
function fieldErrorsOf(result: { fieldErrors: object }): Pick<NewInvoiceFormState, 'errors'> {
  return Object.keys(result.fieldErrors).length > 0 ? { errors: result.fieldErrors as Record<string, string> } : {};
}

/** I1 (INV-8..INV-14): 422 for bad fields or a non-PDF, 409 for a participant not tickable (INV-13, INV-14), 404 for another institution's group. */
invoiceRoutes.post(`${INVOICES_PATH}/grupe/:groupId/pateikti`, async (c) => {
  const groupId = c.req.param('groupId');
  if (!isUuid(groupId)) return c.notFound();
  const db = c.get('deps').db;
  const institutionId = institutionOf(c);
  const group = await findInvoiceGroup(db, institutionId, groupId);
  if (!group) return c.notFound();
  const form = await readMultipartForm(c);
  const key = form.values.idempotencyKey;
  const invoiceId = form.values.invoiceId;
  if (!isUuid(key) || !isUuid(invoiceId)) return badRequest(c);
  const fields = submissionFields(form);
  const again = (state: Partial<NewInvoiceFormState>, status: Status) =>
    renderGroup(c, groupId, fields.ticked, { formKey: key, invoiceId, values: fields.values, ...state }, status);
  if (!canAct(c)) return again({ error: NOT_ALLOWED_TO_SUBMIT }, 409);
  const checked = await checkSubmission(c, { institutionId, groupId }, fields, form.files.file);
  if (!checked.ok) return again(checked.state, checked.status);
  const result = await submitInvoice(target(c), {
    input: { invoiceId, institutionId, groupId, programmeId: group.programme_id },
    command: { actor: providerActor(c), invoice: checked.invoice },
    idempotencyKey: key,
    describe: { institution: c.get('acting').institution.name, group: group.name },
  });
  if (!result.ok) {
    if (result.status === 404) return c.notFound();
    // A refused invoice is never created: the next try is a new invoice with a new key.
    const fresh = keepsFormKey(result) ? {} : { formKey: newKey(), invoiceId: newKey() };
    return again({ ...fresh, ...fieldErrorsOf(result), error: result.message }, result.status);
  }
  return c.redirect(`${invoiceGroupPath(groupId)}?pranesimas=pateikta`, 303);
});

// ---- One invoice (INV-7, INV-16, INV-18) ---------------------------------------------------------------

async function loadInvoice(c: C) {
  const id = c.req.param('invoiceId');
  return isUuid(id) ? findInstitutionInvoice(c.get('deps').db, institutionOf(c), id) : undefined;
}

async function renderInvoice(
  c: C,
  invoiceId: string,
  opts: { form?: NewInvoiceFormState; ticked?: ReadonlySet<string>; status?: Status; notice?: string | undefined; error?: string },
) {
  const db = c.get('deps').db;
  const institutionId = institutionOf(c);
  const item = await findInstitutionInvoice(db, institutionId, invoiceId);
  if (!item) return c.notFound();
  const i = item.invoice;
  const [participants, groupParticipants, group] = await Promise.all([
    invoiceParticipantsEvidence(db, invoiceId),
    groupInvoiceableParticipants(db, institutionId, i.group_id),
    findInvoiceGroup(db, institutionId, i.group_id),
  ]);
  const candidates = groupParticipants.filter((p) => tickRefusal(p, invoiceId) === null);
  const ticked = opts.ticked ?? new Set(participants.map((p) => p.contractId));
  const form = opts.form ?? { formKey: newKey(), invoiceId };
  const chosen: ParticipantEvidenceItem[] = candidates.filter((p) => ticked.has(p.contractId));
  const amount = parseAmount(form.values?.amount ?? '');
  const reconciliation =
    group && chosen.length > 0
      ? reconcile(chosen, centsOfNumeric(group.price), amount.ok ? amount.cents : centsOfNumeric(i.amount), invoiceId)
      : null;
  return respond(c, {
    title: `Sąskaita faktūra ${i.number}`,
    app: APP,
    status: opts.status ?? 200,
    page: () => (
      <InvoicePage
        item={item}
        participants={participants}
        candidates={candidates}
        ticked={ticked}
        reconciliation={reconciliation}
        form={form}
        deleteKey={newKey()}
        today={today()}
        now={new Date()}
        canAct={canAct(c)}
        notice={opts.notice}
        error={opts.error}
      />
    ),
  });
}

invoiceRoutes.get(`${INVOICES_PATH}/saskaita/:invoiceId`, async (c) => {
  const item = await loadInvoice(c);
  if (!item) return c.notFound();
  return renderInvoice(c, item.invoice.id, { notice: NOTICES[c.req.query('pranesimas') ?? ''] });
});

/** INV-7: download (attachment) or view (?perziura=1, inline) the invoice's PDF. */
invoiceRoutes.get(`${INVOICES_PATH}/saskaita/:invoiceId/pdf`, async (c) => {
  const id = c.req.param('invoiceId');
  if (!isUuid(id)) return c.notFound();
  const pdf = await invoicePdf(c.get('deps').db, institutionOf(c), id);
  if (!pdf) return c.notFound();
  const body = new Uint8Array(pdf.content);
  const disposition = attachmentDisposition(pdf.download_name);
  return c.body(body, 200, {
    'Content-Type': 'application/pdf',
    'Content-Length': String(body.byteLength),
    'Content-Disposition': c.req.query('perziura') === '1' ? disposition.replace(/^attachment/, 'inline') : disposition,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'private, no-store',
  });
});

/** I2, I6 (INV-16): 409 while it is not "Pateikta" / "Grąžinta papildymui", 404 for another institution's. */
invoiceRoutes.post(`${INVOICES_PATH}/saskaita/:invoiceId/trinti`, async (c) => {
  const item = await loadInvoice(c);
  if (!item) return c.notFound();
  const body = await c.req.parseBody();
  const key = body.idempotencyKey;
  if (!isUuid(key)) return badRequest(c);
  const id = item.invoice.id;
  if (!canAct(c))
    return renderInvoice(c, id, {
      status: 409,
      error: 'Sąskaitas faktūras trinti gali tik naudotojai, turintys prieigą prie aplikacijos „Sąskaitos faktūros“.',
    });
  const refusal = transitionRefusal(InvoiceAction.Delete, item.invoice.status);
  if (refusal) return renderInvoice(c, id, { status: 409, error: refusal });
  const result = await deleteInvoice(target(c), { invoiceId: id, idempotencyKey: key, command: { actor: providerActor(c) } });
  if (!result.ok) {
    if (result.status === 404) return c.notFound();
    return renderInvoice(c, id, { status: result.status, error: result.message });
  }
  return c.redirect(`${invoiceGroupPath(item.invoice.group_id)}?pranesimas=istrinta`, 303);
});

/** I5 (INV-18): the corrected PDF, possibly another selection; 409 unless "Grąžinta papildymui". */
invoiceRoutes.post(`${INVOICES_PATH}/saskaita/:invoiceId/pateikti-pakartotinai`, async (c) => {
  const item = await loadInvoice(c);
  if (!item) return c.notFound();
  const form = await readMultipartForm(c);
  const key = form.values.idempotencyKey;
  if (!isUuid(key)) return badRequest(c);
  const i = item.invoice;
  const fields = submissionFields(form);
  const again = (state: Partial<NewInvoiceFormState>, status: Status) =>
    renderInvoice(c, i.id, { form: { formKey: key, invoiceId: i.id, values: fields.values, ...state }, ticked: fields.ticked, status });
  if (!canAct(c)) return again({ error: NOT_ALLOWED_TO_SUBMIT }, 409);
  const refusal = transitionRefusal(InvoiceAction.Resubmit, i.status);
  if (refusal) return again({ error: refusal }, 409);
  const checked = await checkSubmission(
    c,
    { institutionId: i.institution_id, groupId: i.group_id, ownInvoiceId: i.id },
    fields,
    form.files.file,
  );
  if (!checked.ok) return again(checked.state, checked.status);
  const result = await resubmitInvoice(target(c), {
    invoiceId: i.id,
    idempotencyKey: key,
    command: { actor: providerActor(c), invoice: checked.invoice },
  });
  if (!result.ok) {
    if (result.status === 404) return c.notFound();
    return again({ formKey: keepsFormKey(result) ? key : newKey(), ...fieldErrorsOf(result), error: result.message }, result.status);
  }
  return c.redirect(`${invoicePath(i.id)}?pranesimas=pakartotinai`, 303);
});
