// "Dokumentų pateikimas užimtumo tarnybai" (manual §3.13; UZTDOC-1..UZTDOC-10): the institution's
// Employment Service clients taking part in its training, and one client's document submission window
// ("Užimtumo tarnybos mokymo dalyvio dokumentų pateikimo langas") with the type, the settlement period,
// the ADOC file and the submissions with their delivery status.
import type { SettlementClient, SettlementDocumentType, SettlementSubmission } from '../../db/queries/uzt-settlement.ts';
import { formatDate, formatDateTime } from '../../workflows/domain/date-format.ts';
import { MAX_FILE_SIZE_TEXT } from '../../workflows/domain/file-type.ts';
import { deliveryLabel, SETTLEMENT_FORM_LABELS, type SettlementErrors } from '../../workflows/domain/uzt-settlement.ts';
import { fileHref } from '../uploads.ts';
import { formFields } from './form-fields.tsx';
import { CsrfField, Notice } from './layout.tsx';

export const UZT_DOCUMENTS_PATH = '/uzt-dokumentai';
export const UZT_DOCUMENTS_TITLE = 'Dokumentų pateikimas užimtumo tarnybai';
export const WINDOW_TITLE = 'Užimtumo tarnybos mokymo dalyvio dokumentų pateikimo langas';

const { Field, inputAttrs } = formFields(SETTLEMENT_FORM_LABELS);

export const clientHref = (registrationId: string) => `${UZT_DOCUMENTS_PATH}/${registrationId}`;

/** UZTDOC-1, UZTDOC-3, UZTDOC-10: the clients; each name opens her window. */
export function SettlementClientList(props: { clients: SettlementClient[] }) {
  return (
    <>
      <h1>{UZT_DOCUMENTS_TITLE}</h1>
      <p>
        Užimtumo tarnybos klientų, dalyvaujančių mokymuose, sąrašas. Paspaudę dalyvio vardą ir pavardę, pateikite atsiskaitomuosius
        dokumentus Užimtumo tarnybai.
      </p>
      {props.clients.length === 0 ? (
        <p class="muted">Užimtumo tarnybos klientų, kurių kuponą Užimtumo tarnyba patvirtino, nėra.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Dalyvis</th>
              <th>Mokymo grupė</th>
              <th>Mokymosi programa</th>
              <th>Kupono numeris</th>
              <th>Atsiskaitymo su UŽT dažnumas</th>
              <th>Pateikta dokumentų</th>
            </tr>
          </thead>
          <tbody>
            {props.clients.map((c) => (
              <tr>
                <td>
                  <a href={clientHref(c.registrationId)}>{c.participant}</a>
                </td>
                <td>{c.groupName}</td>
                <td>{c.programme}</td>
                <td>{c.couponNumber}</td>
                <td>{c.frequencyLabel}</td>
                <td>
                  {c.submissions}
                  {c.lastSubmittedAt ? <small class="muted"> (paskutinis {formatDateTime(c.lastSubmittedAt)})</small> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

export interface SettlementFormState {
  formKey: string;
  values: { documentType: string; periodFrom: string; periodTo: string };
  errors?: SettlementErrors;
  error?: string;
}

/** UZTDOC-4..UZTDOC-6, UZTDOC-9: the submission form (what was typed is kept on a refusal). */
export function SettlementForm(props: {
  client: SettlementClient;
  types: SettlementDocumentType[];
  form: SettlementFormState;
  canSubmit: boolean;
}) {
  const { client, form } = props;
  const e = form.errors ?? {};
  const action = clientHref(client.registrationId);
  if (!props.canSubmit) return <p class="muted">Pateikti dokumentus gali tik naudotojai, turintys visas šios aplikacijos teises.</p>;
  return (
    <form
      method="post"
      action={action}
      enctype="multipart/form-data"
      hx-post={action}
      hx-encoding="multipart/form-data"
      hx-target="this"
      hx-swap="outerHTML"
      novalidate
      id="dokumento-forma"
    >
      {form.error ? <Notice kind="error">{form.error}</Notice> : null}
      <CsrfField />
      <input type="hidden" name="idempotencyKey" value={form.formKey} />
      <Field name="documentType" errors={e}>
        <select {...inputAttrs('documentType', e)} required>
          <option value="">– pasirinkite –</option>
          {props.types.map((t) => (
            <option value={t.code} selected={form.values.documentType === t.code}>
              {t.name}
            </option>
          ))}
        </select>
      </Field>
      <div class="grid-2">
        <Field name="periodFrom" errors={e}>
          <input type="date" {...inputAttrs('periodFrom', e)} value={form.values.periodFrom} required />
        </Field>
        <Field name="periodTo" errors={e}>
          <input type="date" {...inputAttrs('periodTo', e)} value={form.values.periodTo} required />
        </Field>
      </div>
      <Field name="file" errors={e} hint={`ADOC dokumentas (.adoc), ne didesnis kaip ${MAX_FILE_SIZE_TEXT}.`}>
        <input type="file" {...inputAttrs('file', e, true)} accept=".adoc,application/vnd.lt.archyvai.adoc-2008" required />
      </Field>
      <button type="submit">Pateikti</button>
    </form>
  );
}

/** UZTDOC-7: each submission with its date, user and delivery status. */
export function SubmissionList(props: { submissions: SettlementSubmission[] }) {
  if (props.submissions.length === 0) return <p class="muted">Dokumentų dar nepateikta.</p>;
  return (
    <table id="pateikti-dokumentai">
      <thead>
        <tr>
          <th>Pateikimo data</th>
          <th>Dokumento tipas</th>
          <th>Atsiskaitymo laikotarpis</th>
          <th>Dokumentas</th>
          <th>Pateikė</th>
          <th>Pristatymo būsena</th>
        </tr>
      </thead>
      <tbody>
        {props.submissions.map((s) => (
          <tr>
            <td>{formatDateTime(s.submittedAt)}</td>
            <td>{s.documentType}</td>
            <td>
              {formatDate(s.periodFrom)} – {formatDate(s.periodTo)}
            </td>
            <td>
              <a href={fileHref(s.fileId)}>{s.fileName}</a>
            </td>
            <td>{s.submittedBy}</td>
            <td>
              <span class="status-badge" data-status={s.deliveryStatus}>
                {deliveryLabel(s.deliveryStatus, s.attempts)}
              </span>
              {s.deliveredAt ? <small class="muted"> {formatDateTime(s.deliveredAt)}</small> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function SettlementWindow(props: {
  client: SettlementClient;
  types: SettlementDocumentType[];
  submissions: SettlementSubmission[];
  form: SettlementFormState;
  canSubmit: boolean;
  notice?: string | undefined;
}) {
  const c = props.client;
  return (
    <>
      <p>
        <a href={UZT_DOCUMENTS_PATH}>← {UZT_DOCUMENTS_TITLE}</a>
      </p>
      <h1>{WINDOW_TITLE}</h1>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      <dl class="facts">
        <dt>Dalyvis</dt>
        <dd>{c.participant}</dd>
        <dt>Mokymo grupė</dt>
        <dd>{c.groupName}</dd>
        <dt>Mokymosi programa</dt>
        <dd>{c.programme}</dd>
        <dt>Kupono numeris</dt>
        <dd>{c.couponNumber}</dd>
        <dt>Atsiskaitymo su UŽT dažnumas</dt>
        <dd>{c.frequencyLabel}</dd>
        <dt>Priemonės laikotarpis</dt>
        <dd>{c.measureStart && c.measureEnd ? `${formatDate(c.measureStart)} – ${formatDate(c.measureEnd)}` : '–'}</dd>
      </dl>
      <h2>Naujas dokumentas</h2>
      <SettlementForm client={c} types={props.types} form={props.form} canSubmit={props.canSubmit} />
      <h2>Pateikti dokumentai</h2>
      <SubmissionList submissions={props.submissions} />
    </>
  );
}
