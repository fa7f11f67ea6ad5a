// "Sąskaitos faktūros" (manual §3.9; INV-1..INV-21, L8): the list of groups with certified
// participants filterable by invoice status including the derived "Nepateikta"; the group's invoice
// window — the programme's main information, "Mokymo dalyviai" with "Finansavimas", "Sąskaitos
// faktūros" with every invoice and its status, and once participants are ticked "Nauja sąskaita
// faktūra" with "Pasirinkite dokumentą" and the reconciliation panel (issue 14); one invoice with its
// PDF, participants, evaluation clock, the evaluator's comment and the resubmission form (INV-18).
import type { InvoiceGroupListItem, InvoiceItem, ParticipantEvidenceItem } from '../../db/queries/invoices.ts';
import { formatDate, formatDateTime, formatDeadlineWithTimeLeft } from '../../workflows/domain/date-format.ts';
import {
  EVALUATION_WORKING_DAYS,
  formatAmount,
  fundingLabel,
  INVOICE_FILTER_STATUSES,
  InvoiceStatus,
  isDeletable,
  NOT_SUBMITTED,
  tickRefusal,
  type InvoiceFilterStatus,
  type Reconciliation,
} from '../../workflows/domain/invoice.ts';
import type { ListPage } from '../paging.ts';
import { CommandNotice, CsrfField, Notice } from './layout.tsx';
import { Pager } from './users.tsx';

export const INVOICES_PATH = '/saskaitos-fakturos';
export const invoiceGroupPath = (groupId: string) => `${INVOICES_PATH}/grupe/${groupId}`;
export const invoicePath = (invoiceId: string) => `${INVOICES_PATH}/saskaita/${invoiceId}`;
export const invoicePdfPath = (invoiceId: string, view = false) => `${invoicePath(invoiceId)}/pdf${view ? '?perziura=1' : ''}`;

const NEW_INVOICE_ID = 'nauja-saskaita';
const TICK_FORM_ID = 'pazymejimas';
export const RECONCILIATION_ID = 'suderinimas-skydelis';

export function StatusBadge(props: { status: string }) {
  return (
    <span class="status-badge" data-status={props.status}>
      {props.status}
    </span>
  );
}

/** The evaluation clock (10 working days from "Pateikta"): shown on both sides while a decision is owed. */
export function EvaluationClock(props: { dueAt: Date | null; now: Date }) {
  if (!props.dueAt) return null;
  const overdue = props.now.getTime() >= props.dueAt.getTime();
  return (
    <span class={overdue ? 'status-badge overdue' : undefined}>
      Vertinimo terminas {formatDeadlineWithTimeLeft(props.dueAt, props.now)}
    </span>
  );
}

// ---- The list (INV-1, INV-2, INV-15) ----------------------------------------------------------------

export function InvoiceListPage(props: {
  page: ListPage<InvoiceGroupListItem>;
  status: InvoiceFilterStatus | null;
  filterError?: string | undefined;
}) {
  const href = (n: number) => `${INVOICES_PATH}?${props.status ? `busena=${encodeURIComponent(props.status)}&` : ''}puslapis=${n}`;
  return (
    <>
      <h1>Sąskaitos faktūros</h1>
      <p>Mokymo grupės, kuriose yra mokymosi programą baigusių mokymo dalyvių (suformuotas pažymėjimas).</p>
      <form method="get" action={INVOICES_PATH} class="filters" role="search" aria-label="Sąskaitų faktūrų paieška">
        <label>
          Sąskaitos faktūros būsena
          <select name="busena">
            <option value="">Visos</option>
            {INVOICE_FILTER_STATUSES.map((s) => (
              <option value={s} selected={props.status === s}>
                {s}
              </option>
            ))}
          </select>
        </label>{' '}
        <button type="submit">Filtruoti</button> <a href={INVOICES_PATH}>Rodyti visas</a>
      </form>
      {props.filterError ? <Notice kind="error">{props.filterError}</Notice> : null}
      {props.page.items.length === 0 ? (
        <p>Mokymo grupių nėra.</p>
      ) : (
        <table class="striped">
          <thead>
            <tr>
              <th scope="col">Mokymosi programa</th>
              <th scope="col">Mokymo grupė</th>
              <th scope="col">Programos pabaiga</th>
              <th scope="col">Baigę dalyviai</th>
              <th scope="col">Sąskaitų faktūrų būsenos</th>
            </tr>
          </thead>
          <tbody>
            {props.page.items.map((g) => (
              <tr>
                <td>
                  {g.programmeCode} {g.programmeName}
                </td>
                <td>
                  <a href={invoiceGroupPath(g.groupId)}>{g.groupName}</a>
                </td>
                <td class="nowrap">{formatDate(g.programmeEnd)}</td>
                <td>{g.certified}</td>
                <td>
                  {g.notSubmitted > 0 ? (
                    <>
                      <StatusBadge status={NOT_SUBMITTED} /> ({g.notSubmitted}){' '}
                    </>
                  ) : null}
                  {INVOICE_FILTER_STATUSES.filter((s) => s !== NOT_SUBMITTED && g.statusCounts[s as InvoiceStatus]).map((s) => (
                    <>
                      <StatusBadge status={s} /> ({g.statusCounts[s as InvoiceStatus]}){' '}
                    </>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager page={props.page.page} pageCount={props.page.pageCount} total={props.page.total} href={href} label="Mokymo grupių puslapiai" />
    </>
  );
}

// ---- The group's invoice window (INV-3..INV-12) ----------------------------------------------------------

export interface InvoiceGroupInfo {
  id: string;
  name: string;
  price: string;
  programme_start: string;
  programme_end: string;
  language: string;
  programme_code: string;
  programme_name: string;
  contact_hours: string;
  venue_address: string | null;
}

export interface NewInvoiceFormState {
  formKey: string;
  invoiceId: string;
  values?: { number?: string; date?: string; amount?: string };
  errors?: Record<string, string>;
  error?: string | undefined;
}

function GroupFacts(props: { group: InvoiceGroupInfo }) {
  const g = props.group;
  return (
    <dl class="facts">
      <dt>Mokymosi programa</dt>
      <dd>
        {g.programme_code} {g.programme_name}
      </dd>
      <dt>Mokymo grupė</dt>
      <dd>{g.name}</dd>
      <dt>Mokymosi programos vykdymo laikotarpis</dt>
      <dd>
        {formatDate(g.programme_start)} – {formatDate(g.programme_end)}
      </dd>
      <dt>Kontaktinių valandų skaičius</dt>
      <dd>{g.contact_hours}</dd>
      <dt>Mokymo kalba</dt>
      <dd>{g.language}</dd>
      {g.venue_address ? (
        <>
          <dt>Mokymo vieta</dt>
          <dd>{g.venue_address}</dd>
        </>
      ) : null}
      <dt>Kaina vienam dalyviui</dt>
      <dd>{formatAmount(Math.round(Number(g.price) * 100))} Eur</dd>
    </dl>
  );
}

/** The funder's checks before submitting (issue 14): evidence per ticked participant, the price, the expected total, the mismatches. */
export function ReconciliationPanel(props: { r: Reconciliation }) {
  const r = props.r;
  return (
    <section id={RECONCILIATION_ID} aria-labelledby="suderinimas" class="reconciliation">
      <h3 id="suderinimas">Ką tikrins vertintojas</h3>
      <table>
        <thead>
          <tr>
            <th scope="col">Mokymo dalyvis</th>
            <th scope="col">Pažymėjimas</th>
            <th scope="col">Kaina vienam dalyviui</th>
            <th scope="col">Patikrinimas</th>
          </tr>
        </thead>
        <tbody>
          {r.rows.map((row) => (
            <tr>
              <th scope="row">{row.name}</th>
              <td>{row.certificateNumber ?? '—'}</td>
              <td class="nowrap">{formatAmount(row.priceCents)} Eur</td>
              <td>{row.problems.length === 0 ? 'Atitinka' : <strong>{row.problems.join('; ')}</strong>}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colspan={2}>
              Tikėtina suma
            </th>
            <td class="nowrap" colspan={2}>
              <strong data-expected-total>{formatAmount(r.expectedCents)} Eur</strong>
              {r.amountCents !== null ? <> (įvesta: {formatAmount(r.amountCents)} Eur)</> : null}
            </td>
          </tr>
        </tfoot>
      </table>
      {r.mismatches.length === 0 ? (
        <Notice kind="success">Neatitikimų nerasta.</Notice>
      ) : (
        <Notice kind="error">
          <p>Neatitikimai, dėl kurių sąskaita faktūra gali būti grąžinta papildymui:</p>
          <ul>
            {r.mismatches.map((m) => (
              <li>{m}</li>
            ))}
          </ul>
        </Notice>
      )}
    </section>
  );
}

function FieldError(props: { errors?: Record<string, string> | undefined; name: string }) {
  const e = props.errors?.[props.name];
  return e ? (
    <small class="field-error" id={`klaida-${props.name}`}>
      {e}
    </small>
  ) : null;
}

/** Number, date, amount, "Pasirinkite dokumentą" (PDF) — the fields of a (re)submission. */
function InvoiceFields(props: { form: NewInvoiceFormState; today: string; reconcileUrl: string }) {
  const v = props.form.values ?? {};
  const errors = props.form.errors;
  return (
    <div class="grid">
      <label>
        Sąskaitos faktūros numeris
        <input name="number" required maxlength={40} value={v.number ?? ''} aria-invalid={errors?.number ? 'true' : undefined} />
        <FieldError errors={errors} name="number" />
      </label>
      <label>
        Sąskaitos faktūros data
        <input type="date" name="date" required max={props.today} value={v.date ?? ''} aria-invalid={errors?.date ? 'true' : undefined} />
        <FieldError errors={errors} name="date" />
      </label>
      <label>
        Suma, Eur
        <input
          name="amount"
          required
          inputmode="decimal"
          placeholder="0,00"
          value={v.amount ?? ''}
          aria-invalid={errors?.amount ? 'true' : undefined}
          hx-get={props.reconcileUrl}
          hx-trigger="input changed delay:400ms"
          hx-include="closest form"
          hx-params="dalyvis,amount"
          hx-target={`#${RECONCILIATION_ID}`}
          hx-swap="outerHTML"
        />
        <FieldError errors={errors} name="amount" />
      </label>
      <label>
        Pasirinkite dokumentą
        <input type="file" name="file" accept=".pdf,application/pdf" required aria-invalid={errors?.file ? 'true' : undefined} />
        <small class="muted">Sąskaita faktūra įkeliama PDF formatu, ne didesnė kaip 10 MB.</small>
        <FieldError errors={errors} name="file" />
      </label>
    </div>
  );
}

export function NewInvoiceSection(props: {
  group: InvoiceGroupInfo;
  ticked: ParticipantEvidenceItem[];
  reconciliation: Reconciliation | null;
  form: NewInvoiceFormState;
  today: string;
  canAct: boolean;
}) {
  return (
    <section id={NEW_INVOICE_ID} aria-labelledby="nauja-saskaita-antraste">
      <h2 id="nauja-saskaita-antraste">Nauja sąskaita faktūra</h2>
      {props.form.error ? <CommandNotice text={props.form.error} /> : null}
      {props.ticked.length === 0 ? (
        <p class="muted">Pažymėkite mokymo dalyvius, kuriuos norite įtraukti į teikiamą sąskaitą faktūrą.</p>
      ) : (
        <>
          <ul data-ticked>
            {props.ticked.map((p) => (
              <li>{p.name}</li>
            ))}
          </ul>
          {props.reconciliation ? <ReconciliationPanel r={props.reconciliation} /> : null}
          {props.canAct ? (
            <form method="post" action={`${invoiceGroupPath(props.group.id)}/pateikti`} enctype="multipart/form-data">
              <CsrfField />
              <input type="hidden" name="idempotencyKey" value={props.form.formKey} />
              <input type="hidden" name="invoiceId" value={props.form.invoiceId} />
              {props.ticked.map((p) => (
                <input type="hidden" name="dalyvis" value={p.contractId} />
              ))}
              <FieldError errors={props.form.errors} name="participants" />
              <InvoiceFields form={props.form} today={props.today} reconcileUrl={`${invoiceGroupPath(props.group.id)}/suderinimas`} />
              <button type="submit">Pateikti sąskaitą faktūrą</button>
            </form>
          ) : (
            <p class="muted">Sąskaitas faktūras teikti gali naudotojai, turintys prieigą prie aplikacijos „Sąskaitos faktūros“.</p>
          )}
        </>
      )}
    </section>
  );
}

function InvoicesTable(props: { invoices: InvoiceItem[]; now: Date }) {
  if (props.invoices.length === 0) return <p>Sąskaitų faktūrų dar nepateikta.</p>;
  return (
    <table class="striped">
      <thead>
        <tr>
          <th scope="col">Numeris</th>
          <th scope="col">Data</th>
          <th scope="col">Suma, Eur</th>
          <th scope="col">Pateikta</th>
          <th scope="col">Būsena</th>
          <th scope="col">Dokumentas</th>
        </tr>
      </thead>
      <tbody>
        {props.invoices.map((i) => (
          <tr>
            <td>
              <a href={invoicePath(i.invoice.id)}>{i.invoice.number}</a>
            </td>
            <td class="nowrap">{formatDate(i.invoice.invoice_date)}</td>
            <td class="nowrap">{formatAmount(Math.round(Number(i.invoice.amount) * 100))}</td>
            <td class="nowrap">
              {formatDateTime(i.invoice.submitted_at)}, {i.invoice.submitted_by_name}
            </td>
            <td>
              <StatusBadge status={i.invoice.status} />
              {i.invoice.evaluation_due_at ? (
                <>
                  <br />
                  <small>
                    <EvaluationClock dueAt={i.invoice.evaluation_due_at} now={props.now} />
                  </small>
                </>
              ) : null}
            </td>
            <td class="nowrap">
              <a href={invoicePdfPath(i.invoice.id, true)} target="_blank" rel="noopener">
                Peržiūrėti
              </a>{' '}
              <a href={invoicePdfPath(i.invoice.id)}>Atsisiųsti</a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function InvoiceGroupPage(props: {
  group: InvoiceGroupInfo;
  participants: ParticipantEvidenceItem[];
  ticked: ReadonlySet<string>;
  invoices: InvoiceItem[];
  reconciliation: Reconciliation | null;
  form: NewInvoiceFormState;
  today: string;
  now: Date;
  canAct: boolean;
  notice?: string | undefined;
}) {
  const ticked = props.participants.filter((p) => props.ticked.has(p.contractId) && tickRefusal(p) === null);
  return (
    <>
      <p>
        <a href={INVOICES_PATH}>← Sąskaitos faktūros</a>
      </p>
      <h1>Sąskaitos faktūros pateikimas – {props.group.name}</h1>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      <GroupFacts group={props.group} />
      <section aria-labelledby="mokymo-dalyviai">
        <h2 id="mokymo-dalyviai">Mokymo dalyviai</h2>
        <form
          id={TICK_FORM_ID}
          method="get"
          action={invoiceGroupPath(props.group.id)}
          hx-get={invoiceGroupPath(props.group.id)}
          hx-trigger="change"
          hx-select={`#${NEW_INVOICE_ID}`}
          hx-target={`#${NEW_INVOICE_ID}`}
          hx-swap="outerHTML"
        >
          {/* The ticks are inside the form, so that their "change" reaches it (htmx) and "Rodyti pažymėtus" sends them without JS. */}
          {props.participants.length === 0 ? (
            <p>Mokymosi programą baigusių dalyvių su suformuotu pažymėjimu nėra.</p>
          ) : (
            <table class="striped">
              <thead>
                <tr>
                  <th scope="col">
                    <span class="visually-hidden">Pažymėti</span>
                  </th>
                  <th scope="col">Vardas, pavardė</th>
                  <th scope="col">Mokymosi sutartis</th>
                  <th scope="col">Pažymėjimas</th>
                  <th scope="col">Finansavimas</th>
                  <th scope="col">Sąskaita faktūra</th>
                </tr>
              </thead>
              <tbody>
                {props.participants.map((p) => {
                  const refusal = tickRefusal(p);
                  const id = `dalyvis-${p.contractId}`;
                  return (
                    <tr>
                      <td>
                        {refusal === null ? (
                          <input
                            type="checkbox"
                            id={id}
                            name="dalyvis"
                            value={p.contractId}
                            checked={props.ticked.has(p.contractId)}
                            aria-label={`Pažymėti: ${p.name}`}
                          />
                        ) : null}
                      </td>
                      <th scope="row">{p.name}</th>
                      <td>{p.contractNumber ?? ''}</td>
                      <td>{p.certificateNumber ?? ''}</td>
                      <td>{fundingLabel(p.funding)}</td>
                      <td>{p.activeInvoiceId ? <a href={invoicePath(p.activeInvoiceId)}>{p.activeInvoiceNumber}</a> : ''}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
          {props.participants.some((p) => tickRefusal(p) === null) ? (
            <button type="submit" class="secondary">
              Rodyti pažymėtus
            </button>
          ) : null}
        </form>
      </section>
      <NewInvoiceSection
        group={props.group}
        ticked={ticked}
        reconciliation={props.reconciliation}
        form={props.form}
        today={props.today}
        canAct={props.canAct}
      />
      <section aria-labelledby="saskaitos">
        <h2 id="saskaitos">Sąskaitos faktūros</h2>
        <InvoicesTable invoices={props.invoices} now={props.now} />
      </section>
    </>
  );
}

// ---- One invoice (INV-7, INV-16, INV-18) ---------------------------------------------------------------

export function InvoicePage(props: {
  item: InvoiceItem;
  participants: ParticipantEvidenceItem[];
  /** For the resubmission: the group's participants this invoice may hold (its own and the free ones). */
  candidates: ParticipantEvidenceItem[];
  ticked: ReadonlySet<string>;
  reconciliation: Reconciliation | null;
  form: NewInvoiceFormState;
  deleteKey: string;
  today: string;
  now: Date;
  canAct: boolean;
  notice?: string | undefined;
  error?: string | undefined;
}) {
  const i = props.item.invoice;
  return (
    <>
      <p>
        <a href={invoiceGroupPath(i.group_id)}>← {props.item.groupName}</a>
      </p>
      <h1>Sąskaita faktūra {i.number}</h1>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      {props.error ? <CommandNotice text={props.error} /> : null}
      <dl class="facts">
        <dt>Mokymosi programa</dt>
        <dd>
          {props.item.programmeCode} {props.item.programmeName}
        </dd>
        <dt>Mokymo grupė</dt>
        <dd>{props.item.groupName}</dd>
        <dt>Būsena</dt>
        <dd>
          <StatusBadge status={i.status} />
        </dd>
        {i.evaluation_due_at ? (
          <>
            <dt>Vertinimo terminas ({EVALUATION_WORKING_DAYS} darbo dienų)</dt>
            <dd>
              <EvaluationClock dueAt={i.evaluation_due_at} now={props.now} />
            </dd>
          </>
        ) : null}
        <dt>Sąskaitos faktūros data</dt>
        <dd>{formatDate(i.invoice_date)}</dd>
        <dt>Suma</dt>
        <dd>{formatAmount(Math.round(Number(i.amount) * 100))} Eur</dd>
        <dt>Pateikė</dt>
        <dd>
          {i.submitted_by_name}, {formatDateTime(i.submitted_at)}
        </dd>
        <dt>Dokumentas</dt>
        <dd>
          <a href={invoicePdfPath(i.id, true)} target="_blank" rel="noopener">
            Peržiūrėti
          </a>{' '}
          <a href={invoicePdfPath(i.id)}>Atsisiųsti</a>
        </dd>
        {i.status === InvoiceStatus.Returned && i.evaluator_comment ? (
          <>
            <dt>Vertintojo komentaras</dt>
            <dd class="preserve-lines" data-evaluator-comment>
              {i.evaluator_comment}
            </dd>
          </>
        ) : null}
        {i.status === InvoiceStatus.Rejected && i.rejection_reason ? (
          <>
            <dt>Atmetimo priežastis</dt>
            <dd class="preserve-lines">{i.rejection_reason}</dd>
          </>
        ) : null}
        {i.paid_at ? (
          <>
            <dt>Apmokėta</dt>
            <dd>{formatDateTime(i.paid_at)}</dd>
          </>
        ) : null}
      </dl>
      <section aria-labelledby="saskaitos-dalyviai">
        <h2 id="saskaitos-dalyviai">Mokymo dalyviai</h2>
        <ul>
          {props.participants.map((p) => (
            <li>
              {p.name}
              {p.certificateNumber ? `, pažymėjimas ${p.certificateNumber}` : ''}
            </li>
          ))}
        </ul>
      </section>
      {props.canAct && i.status === InvoiceStatus.Returned ? (
        <section aria-labelledby="pataisyta">
          <h2 id="pataisyta">Pataisyta sąskaita faktūra</h2>
          {props.form.error ? <CommandNotice text={props.form.error} /> : null}
          <form method="post" action={`${invoicePath(i.id)}/pateikti-pakartotinai`} enctype="multipart/form-data">
            <CsrfField />
            <input type="hidden" name="idempotencyKey" value={props.form.formKey} />
            <fieldset>
              <legend>Mokymo dalyviai</legend>
              {props.candidates.map((p) => (
                <label>
                  <input type="checkbox" name="dalyvis" value={p.contractId} checked={props.ticked.has(p.contractId)} /> {p.name}
                </label>
              ))}
              <FieldError errors={props.form.errors} name="participants" />
            </fieldset>
            {props.reconciliation ? <ReconciliationPanel r={props.reconciliation} /> : null}
            <InvoiceFields
              form={props.form}
              today={props.today}
              reconcileUrl={`${invoiceGroupPath(i.group_id)}/suderinimas?saskaita=${i.id}`}
            />
            <button type="submit">Pateikti pataisytą sąskaitą faktūrą</button>
          </form>
        </section>
      ) : null}
      {props.canAct && isDeletable(i.status) ? (
        <form method="post" action={`${invoicePath(i.id)}/trinti`}>
          <CsrfField />
          <input type="hidden" name="idempotencyKey" value={props.deleteKey} />
          <button type="submit" class="danger">
            Trinti sąskaitą faktūrą
          </button>
        </form>
      ) : null}
    </>
  );
}
