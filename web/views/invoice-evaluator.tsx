// The funder's invoice evaluator's pages (INV-17, L8 I3/I4/I7/I8, issue 14) in the staff frame: the
// queue of invoices awaiting a decision with the deadline's clock, the invoices passed for payment,
// and one invoice — its PDF inline, the participants with their evidence (signed contract, started and
// finished marks, assessment, questionnaire, certificate), what the funder's reconciliation finds, and
// the decision buttons, each its own form with its own key (one action, one Update).
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AwaitingPaymentItem, EvaluationQueueItem } from '../../db/queries/invoice-evaluation.ts';
import type { InvoiceItem, ParticipantEvidenceItem } from '../../db/queries/invoices.ts';
import type { PersonSession } from '../../db/tables/participants.ts';
import { assessmentLabel, type AssessmentFormat } from '../../workflows/domain/completion.ts';
import { formatDate, formatDateTime, formatDeadline, formatDeadlineWithTimeLeft } from '../../workflows/domain/date-format.ts';
import {
  awaitsEvaluation,
  centsOfNumeric,
  COMMENT_MAX_LENGTH,
  EVALUATION_WORKING_DAYS,
  formatAmount,
  fundingLabel,
  InvoiceStatus,
  type Reconciliation,
} from '../../workflows/domain/invoice.ts';
import { isOverdue } from '../../workflows/domain/working-days.ts';
import type { AppEnv } from '../context.ts';
import type { ListPage } from '../paging.ts';
import { CommandNotice, CsrfField, Notice } from './layout.tsx';
import { QueuePager, StaffLayout, StaffMessage, staffHtml, STAFF_FRAMES } from './staff-layout.tsx';

export const EVALUATOR_HOME = STAFF_FRAMES.SF_VERTINTOJAS.home;
export const evaluatorInvoicePath = (id: string) => `${EVALUATOR_HOME}/saskaitos/${id}`;

export function EvaluatorLayout(props: { title: string; person: PersonSession | undefined; children: Child }) {
  return (
    <StaffLayout role="SF_VERTINTOJAS" title={props.title} person={props.person}>
      {props.children}
    </StaffLayout>
  );
}

export function evaluatorHtml(c: Context<AppEnv>, node: Child, status: ContentfulStatusCode = 200) {
  return staffHtml(c, 'SF_VERTINTOJAS', node, status);
}

export function EvaluatorMessage(props: {
  title: string;
  message: string;
  person: PersonSession | undefined;
  requestId?: string | undefined;
}) {
  return <StaffMessage role="SF_VERTINTOJAS" {...props} />;
}

const euros = (amount: string) => `${formatAmount(centsOfNumeric(amount))} Eur`;

function Deadline(props: { dueAt: Date | null; now: Date; pending: boolean }) {
  if (!props.dueAt) return <>—</>;
  if (!props.pending) return <>{formatDeadline(props.dueAt)}</>;
  const overdue = isOverdue(props.dueAt, props.now);
  return (
    <>
      {formatDeadlineWithTimeLeft(props.dueAt, props.now)}
      {overdue ? <strong class="status-badge overdue"> Vėluojama</strong> : null}
    </>
  );
}

/** The queue (INV-17): "Pateikta" and "Vertinama", the earliest deadline first; then "Perduota apmokėti". */
export function EvaluatorHomePage(props: {
  person: PersonSession;
  list: ListPage<EvaluationQueueItem>;
  payments: AwaitingPaymentItem[];
  now: Date;
  notice?: string | undefined;
}) {
  const { list } = props;
  return (
    <EvaluatorLayout title="Vertinamos sąskaitos faktūros" person={props.person}>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      <h1>Vertinamos sąskaitos faktūros</h1>
      <p>
        Mokymo teikėjų pateiktos sąskaitos faktūros įvertinamos per {EVALUATION_WORKING_DAYS} darbo dienų. Terminas – dešimtos darbo dienos
        po pateikimo dienos pabaiga (Lietuvos laiku); pakartotinai pateiktai sąskaitai faktūrai terminas skaičiuojamas iš naujo.
      </p>
      {list.total === 0 ? (
        <p>Vertinimo laukiančių sąskaitų faktūrų nėra.</p>
      ) : (
        <>
          <p>
            <small>Vertinimo laukia sąskaitų faktūrų: {list.total}</small>
          </p>
          <table class="striped">
            <thead>
              <tr>
                <th scope="col">Sąskaita faktūra</th>
                <th scope="col">Mokymo teikėjas</th>
                <th scope="col">Mokymo grupė</th>
                <th scope="col">Suma</th>
                <th scope="col">Pateikta</th>
                <th scope="col">Vertinimo terminas</th>
                <th scope="col">Būsena</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((i) => {
                const overdue = i.dueAt !== null && isOverdue(i.dueAt, props.now);
                return (
                  <tr class={overdue ? 'overdue' : undefined}>
                    <td>
                      <a href={evaluatorInvoicePath(i.id)}>{i.number}</a>
                    </td>
                    <td>{i.institutionName}</td>
                    <td>
                      {i.groupName}
                      <br />
                      <small>
                        {i.programmeName}; dalyvių: {i.participants}
                      </small>
                    </td>
                    <td class="nowrap">{euros(i.amount)}</td>
                    <td class="nowrap">{formatDateTime(i.submittedAt)}</td>
                    <td class="nowrap">
                      <Deadline dueAt={i.dueAt} now={props.now} pending={true} />
                    </td>
                    <td>
                      {i.status}
                      {i.evaluatorName && i.status === InvoiceStatus.UnderEvaluation ? (
                        <>
                          <br />
                          <small>{i.evaluatorName}</small>
                        </>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <QueuePager list={list} home={EVALUATOR_HOME} />
        </>
      )}
      <h2>Perduotos apmokėti</h2>
      {props.payments.length === 0 ? (
        <p>Apmokėjimo laukiančių sąskaitų faktūrų nėra.</p>
      ) : (
        <table class="striped">
          <thead>
            <tr>
              <th scope="col">Sąskaita faktūra</th>
              <th scope="col">Mokymo teikėjas</th>
              <th scope="col">Mokymo grupė</th>
              <th scope="col">Suma</th>
              <th scope="col">Perduota apmokėti</th>
              <th scope="col">Mokėjimo nurodymas</th>
            </tr>
          </thead>
          <tbody>
            {props.payments.map((p) => (
              <tr>
                <td>
                  <a href={evaluatorInvoicePath(p.id)}>{p.number}</a>
                </td>
                <td>{p.institutionName}</td>
                <td>{p.groupName}</td>
                <td class="nowrap">{euros(p.amount)}</td>
                <td class="nowrap">{formatDateTime(p.transferredAt)}</td>
                <td>{p.paymentOrderId ?? 'Registruojamas mokėjimų sistemoje'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </EvaluatorLayout>
  );
}

/** The decision forms' state: each button's own key, a refusal and the text typed. */
export interface DecisionForms {
  keys: { TAKE: string; RETURN: string; REJECT: string; TRANSFER: string };
  values?: { comment?: string; reason?: string };
  errors?: { comment?: string; reason?: string };
  /** A refusal of the whole action (a second decision, an outage). */
  error?: string | undefined;
}

function Fact(props: { label: string; children: Child }) {
  return (
    <>
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </>
  );
}

/** One invoice: its facts, the PDF inline, the participants' evidence, the reconciliation, the decisions. */
export function EvaluatorInvoicePage(props: {
  person: PersonSession;
  item: InvoiceItem;
  participants: ParticipantEvidenceItem[];
  reconciliation: Reconciliation | null;
  assessmentFormat: AssessmentFormat;
  now: Date;
  forms: DecisionForms;
  notice?: string | undefined;
}) {
  const { item, forms } = props;
  const inv = item.invoice;
  const path = evaluatorInvoicePath(inv.id);
  const fileUrl = `${path}/failas`;
  const pending = awaitsEvaluation(inv.status);
  return (
    <EvaluatorLayout title={`Sąskaita faktūra ${inv.number}`} person={props.person}>
      <p>
        <a href={EVALUATOR_HOME}>← Vertinamos sąskaitos faktūros</a>
      </p>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      <h1>Sąskaita faktūra {inv.number}</h1>
      {forms.error ? <CommandNotice text={forms.error} /> : null}
      <dl class="facts">
        <Fact label="Būsena">
          <strong>{inv.status}</strong>
        </Fact>
        <Fact label="Mokymo teikėjas">
          {item.institutionName} ({item.institutionCode})
        </Fact>
        <Fact label="Mokymosi programa">
          {item.programmeCode} {item.programmeName}
        </Fact>
        <Fact label="Mokymo grupė">{item.groupName}</Fact>
        <Fact label="Sąskaitos faktūros data">{inv.invoice_date}</Fact>
        <Fact label="Suma">{euros(inv.amount)}</Fact>
        <Fact label="Pateikė">
          {inv.submitted_by_name}, {formatDateTime(inv.submitted_at)}
          {inv.first_submitted_at.getTime() !== inv.submitted_at.getTime() ? (
            <>
              {' '}
              <small>(pirmą kartą pateikta {formatDateTime(inv.first_submitted_at)})</small>
            </>
          ) : null}
        </Fact>
        {pending ? (
          <Fact label="Vertinimo terminas">
            <Deadline dueAt={inv.evaluation_due_at} now={props.now} pending={true} />
          </Fact>
        ) : null}
        {inv.evaluator_name ? (
          <Fact label="Vertintojas">
            {inv.evaluator_name}
            {inv.taken_at ? `, vertinti pradėta ${formatDateTime(inv.taken_at)}` : ''}
          </Fact>
        ) : null}
        {inv.decided_at && !pending ? <Fact label="Sprendimas priimtas">{formatDateTime(inv.decided_at)}</Fact> : null}
        {inv.evaluator_comment ? <Fact label="Vertintojo komentaras">{inv.evaluator_comment}</Fact> : null}
        {inv.rejection_reason ? <Fact label="Atmetimo priežastis">{inv.rejection_reason}</Fact> : null}
        {inv.transferred_at ? <Fact label="Perduota apmokėti">{formatDateTime(inv.transferred_at)}</Fact> : null}
        {inv.transferred_at ? <Fact label="Mokėjimo nurodymas">{inv.payment_order_id ?? 'Registruojamas mokėjimų sistemoje'}</Fact> : null}
        {inv.paid_at ? <Fact label="Apmokėta">{formatDateTime(inv.paid_at)}</Fact> : null}
      </dl>

      <Decisions status={inv.status} path={path} forms={forms} />

      <section aria-labelledby="dokumentas">
        <h2 id="dokumentas">Sąskaitos faktūros dokumentas</h2>
        <p>
          <a href={fileUrl} target="_blank" rel="noopener">
            Peržiūrėti atskirame lange
          </a>{' '}
          · <a href={`${fileUrl}?atsisiusti=1`}>Atsisiųsti</a>
        </p>
        <iframe
          src={fileUrl}
          title={`Sąskaitos faktūros ${inv.number} dokumentas (PDF)`}
          class="document-frame"
          width="100%"
          height="720"
        ></iframe>
      </section>

      <section aria-labelledby="dalyviai">
        <h2 id="dalyviai">Mokymo dalyviai</h2>
        <Participants invoiceId={inv.id} participants={props.participants} format={props.assessmentFormat} />
      </section>

      {props.reconciliation ? (
        <section aria-labelledby="sutikrinimas">
          <h2 id="sutikrinimas">Sutikrinimas</h2>
          <p>
            Tikėtina suma: {formatAmount(props.reconciliation.expectedCents)} Eur ({props.participants.length} ×{' '}
            {formatAmount(props.reconciliation.rows[0]?.priceCents ?? 0)} Eur); sąskaitoje faktūroje – {euros(inv.amount)}.
          </p>
          {props.reconciliation.mismatches.length === 0 ? (
            <Notice kind="success">Neatitikimų nerasta.</Notice>
          ) : (
            <Notice kind="error">
              <p>Rasti neatitikimai:</p>
              <ul>
                {props.reconciliation.mismatches.map((m) => (
                  <li>{m}</li>
                ))}
              </ul>
            </Notice>
          )}
        </section>
      ) : null}
    </EvaluatorLayout>
  );
}

function Participants(props: { invoiceId: string; participants: ParticipantEvidenceItem[]; format: AssessmentFormat }) {
  if (props.participants.length === 0) return <p>Sąskaitoje faktūroje dalyvių nėra.</p>;
  const missing = <span class="status-badge overdue">Nėra</span>;
  return (
    <table class="striped">
      <thead>
        <tr>
          <th scope="col">Dalyvis</th>
          <th scope="col">Finansavimas</th>
          <th scope="col">Mokymosi sutartis</th>
          <th scope="col">Mokymus pradėjo</th>
          <th scope="col">Mokymus baigė</th>
          <th scope="col">Galutinis įvertinimas</th>
          <th scope="col">Vertinimo anketa</th>
          <th scope="col">Pažymėjimas</th>
        </tr>
      </thead>
      <tbody>
        {props.participants.map((p) => (
          <tr>
            <td>{p.name}</td>
            <td>{fundingLabel(p.funding)}</td>
            <td>
              {p.contractSigned && p.contractFileId ? (
                <a href={`${evaluatorInvoicePath(props.invoiceId)}/sutartys/${p.contractId}`} target="_blank" rel="noopener">
                  {p.contractNumber ?? 'Sutartis'} (PDF)
                </a>
              ) : (
                <span class="status-badge overdue">Nepasirašyta</span>
              )}
            </td>
            <td class="nowrap">{p.startedAt ? formatDate(p.startedAt) : missing}</td>
            <td class="nowrap">{p.completedAt ? formatDate(p.completedAt) : missing}</td>
            <td>{p.assessment ? assessmentLabel(props.format, p.assessment) : missing}</td>
            <td class="nowrap">{p.questionnaireFilledAt ? `Užpildyta ${formatDate(p.questionnaireFilledAt)}` : missing}</td>
            <td class="nowrap">{p.certificateNumber ?? missing}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The buttons of the status: "Vertinti" for "Pateikta"; the three decisions for "Vertinama". */
function Decisions(props: { status: InvoiceStatus; path: string; forms: DecisionForms }) {
  const { forms, path } = props;
  if (props.status === InvoiceStatus.Submitted) {
    return (
      <DecisionForm path={path} action="TAKE" forms={forms}>
        <p>Pradėjus vertinti, sąskaitos faktūros būsena bus „{InvoiceStatus.UnderEvaluation}“; teikėjas jos nebegalės ištrinti.</p>
        <button type="submit">Vertinti</button>
      </DecisionForm>
    );
  }
  if (props.status !== InvoiceStatus.UnderEvaluation) return null;
  return (
    <section aria-labelledby="sprendimas" class="decisions">
      <h2 id="sprendimas">Sprendimas</h2>
      <DecisionForm path={path} action="TRANSFER" forms={forms}>
        <button type="submit">Perduoti apmokėti</button>
      </DecisionForm>
      <DecisionForm path={path} action="RETURN" forms={forms}>
        <DecisionText name="comment" label="Komentaras teikėjui (privalomas)" forms={forms} />
        <button type="submit" class="secondary">
          Grąžinti papildymui
        </button>
      </DecisionForm>
      <DecisionForm path={path} action="REJECT" forms={forms}>
        <DecisionText name="reason" label="Atmetimo priežastis (privaloma)" forms={forms} />
        <p>
          <small>Atmetimas galutinis: sąskaitoje faktūroje buvę dalyviai galės būti įtraukti į naują sąskaitą faktūrą.</small>
        </p>
        <button type="submit" class="contrast">
          Atmesti
        </button>
      </DecisionForm>
    </section>
  );
}

/** One decision's own form with its own key (one action, one Update). */
function DecisionForm(props: { path: string; action: keyof DecisionForms['keys']; forms: DecisionForms; children: Child }) {
  return (
    <form method="post" action={props.path} class="decision-form">
      <CsrfField />
      <input type="hidden" name="idempotencyKey" value={props.forms.keys[props.action]} />
      <input type="hidden" name="action" value={props.action} />
      {props.children}
    </form>
  );
}

/** I4's comment or I7's reason, with its error. */
function DecisionText(props: { name: 'comment' | 'reason'; label: string; forms: DecisionForms }) {
  const error = props.forms.errors?.[props.name];
  const errorId = `${props.name}-error`;
  return (
    <label>
      {props.label}
      <textarea
        name={props.name}
        rows={3}
        maxlength={COMMENT_MAX_LENGTH}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? errorId : undefined}
      >
        {props.forms.values?.[props.name] ?? ''}
      </textarea>
      {error ? <small id={errorId}>{error}</small> : null}
    </label>
  );
}
