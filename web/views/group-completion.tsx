// Tab "Mokymų baigimas" of a training group (manual §3.7.4; DONE-1..DONE-20, L6): the participants
// whose learning contract is in force, what each has recorded (DONE-11), and per row the marks
// "Mokymus pradėjo", "Mokymus baigė", the final assessment in its configured format (DONE-20) and the
// blue "Patvirtinti"; ticked rows are marked at once. Each form is one command to the participant's
// contract (or, ticked, to one batch); what the workflow refuses is shown in Lithuanian.
import { groupCertificateDownloadPath, groupCertificatePath } from './certificates.tsx';
import type { CompletionTabItem } from '../../db/queries/completion-tab.ts';
import {
  assessmentFormatHint,
  COMPLETION_COLUMN_LABELS,
  completionRow,
  completionStatus,
  CompletionStatus,
  PASS_FAIL,
  PASS_FAIL_LABELS,
  type AssessmentFormat,
  type CompletionAction,
} from '../../workflows/domain/completion.ts';
import { COMPLETION_ACTION_LABELS, rowControls, tickable } from '../../workflows/domain/completion-tab.ts';
import { BulkForm, BulkResults as BulkResultsTable, BulkTick } from './bulk-form.tsx';
import { CommandNotice, CsrfField, Notice } from './layout.tsx';

export const COMPLETION_PANEL_ID = 'mokymu-baigimas';
const BULK_FORM_ID = 'baigimo-zymos-pazymetiems';

export function completionPath(groupId: string, rest = ''): string {
  return `/grupes/${groupId}/baigimas${rest}`;
}

export interface BulkMarkResult {
  contractId: string;
  name: string;
  ok: boolean;
  message: string;
}

/** What a refused assessment had typed, shown again in its row (422). */
export interface TypedAssessment {
  contractId: string;
  value: string;
  error: string;
  idempotencyKey: string;
}

export interface CompletionPanelProps {
  groupId: string;
  participants: CompletionTabItem[];
  format: AssessmentFormat;
  /** The user may mark (the application's edit right) and the group has not ended. */
  canMark: boolean;
  groupEnded: boolean;
  newKey: () => string;
  success?: string | undefined;
  error?: string | undefined;
  /** The row an error or success belongs to (shown there too). */
  noticeFor?: string | undefined;
  typed?: TypedAssessment | undefined;
  bulkResults?: { action: CompletionAction; rows: BulkMarkResult[] } | undefined;
  /** The bulk form's key, kept when its command may still be done (an outage). */
  bulkKey?: string | undefined;
  ticked?: string[] | undefined;
}

export const participantName = (p: CompletionTabItem) => `${p.firstName} ${p.lastName}`;

export function CompletionPanel(props: CompletionPanelProps) {
  const anyTickable = props.canMark && props.participants.some((p) => tickable(p.record, props.groupEnded));
  return (
    <section id={COMPLETION_PANEL_ID} aria-labelledby="mokymu-baigimas-antraste">
      {props.success ? <Notice kind="success">{props.success}</Notice> : null}
      {props.error ? <CommandNotice text={props.error} /> : null}
      <h2 id="mokymu-baigimas-antraste">Mokymų baigimas</h2>
      <p>
        <small>
          Pirmąją mokymų dieną pažymėkite mokymus pradėjusius dalyvius („Mokymus pradėjo“), paskutiniąją – baigusius („Mokymus baigė“).
          Dalyvis, kuris pirmąją dieną nepažymėtas kaip pradėjęs mokymus, toliau žymėti negalima. Pažymėjus „Mokymus baigė“, įveskite
          galutinį įvertinimą ir paspauskite „Patvirtinti“: tada dalyviui aktyvuojama vertinimo anketa.
        </small>
      </p>
      {props.groupEnded ? (
        <p>
          <small>Grupė užbaigta: mokymų baigimo žymų keisti nebegalima.</small>
        </p>
      ) : null}
      {props.bulkResults ? <BulkResults {...props.bulkResults} /> : null}
      {props.participants.length === 0 ? (
        <p>Dalyvių nėra: į šią kortelę patenka mokymo dalyviai, su kuriais pasirašyta ir galioja mokymosi sutartis.</p>
      ) : (
        <>
          {anyTickable ? (
            <BulkForm
              id={BULK_FORM_ID}
              action={completionPath(props.groupId, '/pazymetiems')}
              panelId={COMPLETION_PANEL_ID}
              idempotencyKey={props.bulkKey ?? props.newKey()}
            >
              <fieldset role="group" aria-label="Pažymėtiems dalyviams">
                <span>Pažymėtiems dalyviams:</span>{' '}
                <button type="submit" name="action" value="start" class="outline">
                  {COMPLETION_ACTION_LABELS.start}
                </button>{' '}
                <button type="submit" name="action" value="complete" class="outline">
                  {COMPLETION_ACTION_LABELS.complete}
                </button>{' '}
                <button type="submit" name="action" value="confirm">
                  {COMPLETION_ACTION_LABELS.confirm}
                </button>
              </fieldset>
            </BulkForm>
          ) : null}
          <div class="table-scroll">
            <table class="completion">
              <thead>
                <tr>
                  <th scope="col">
                    <span class="visually-hidden">Pažymėti</span>
                  </th>
                  <th scope="col">Vardas, pavardė</th>
                  <th scope="col">{COMPLETION_COLUMN_LABELS.started}</th>
                  <th scope="col">{COMPLETION_COLUMN_LABELS.completed}</th>
                  <th scope="col">{COMPLETION_COLUMN_LABELS.assessment}</th>
                  <th scope="col">{COMPLETION_COLUMN_LABELS.questionnaire}</th>
                  <th scope="col">{COMPLETION_COLUMN_LABELS.certificate}</th>
                  {props.canMark ? <th scope="col">Veiksmai</th> : null}
                </tr>
              </thead>
              <tbody>
                {props.participants.map((p) => (
                  <CompletionRowView {...props} p={p} />
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function CompletionRowView(props: CompletionPanelProps & { p: CompletionTabItem }) {
  const { p } = props;
  const row = completionRow(p.record, props.format);
  const locked = completionStatus(p.record) === CompletionStatus.Locked;
  const controls = rowControls(p.record, props.groupEnded);
  const name = participantName(p);
  const action = completionPath(props.groupId, `/${p.contractId}/zyma`);
  const hx = { 'hx-post': action, 'hx-target': `#${COMPLETION_PANEL_ID}`, 'hx-swap': 'outerHTML' };
  const typed = props.typed?.contractId === p.contractId ? props.typed : undefined;
  const markButton = (a: CompletionAction, primary = false) => (
    <form method="post" action={action} {...hx}>
      <CsrfField />
      <input type="hidden" name="idempotencyKey" value={props.newKey()} />
      <input type="hidden" name="action" value={a} />
      <button type="submit" class={primary ? undefined : 'outline'} aria-label={`${COMPLETION_ACTION_LABELS[a]}: ${name}`}>
        {COMPLETION_ACTION_LABELS[a]}
      </button>
    </form>
  );
  return (
    <tr id={`baigimas-${p.contractId}`} data-status={row.status} class={locked ? 'locked' : undefined}>
      <td>
        {props.canMark && tickable(p.record, props.groupEnded) ? (
          <BulkTick name="contractId" value={p.contractId} form={BULK_FORM_ID} ticked={props.ticked} label={name} />
        ) : null}
      </td>
      <th scope="row">
        {name}
        {locked ? <small class="block muted">{row.statusLabel}</small> : null}
        {props.noticeFor === p.contractId && props.error ? (
          <small class="block error" role="alert">
            {props.error}
          </small>
        ) : null}
      </th>
      <td data-field="started">{row.started}</td>
      <td data-field="completed">{row.completed}</td>
      <td data-field="assessment">{row.assessment || '—'}</td>
      <td data-field="questionnaire">{row.questionnaire}</td>
      <td data-field="certificate">
        {row.certificate}
        {p.certificateNumber ? (
          <small class="block">
            Nr. {p.certificateNumber}{' '}
            <a href={groupCertificatePath(props.groupId, p.contractId)} aria-label={`Peržiūrėti pažymėjimą: ${name}`}>
              Peržiūrėti
            </a>{' '}
            <a href={groupCertificateDownloadPath(props.groupId, p.contractId)} aria-label={`Atsisiųsti pažymėjimą: ${name}`}>
              Atsisiųsti
            </a>
          </small>
        ) : null}
      </td>
      {props.canMark ? (
        <td>
          <div class="row-actions">
            {controls.start ? markButton('start') : null}
            {controls.complete ? markButton('complete') : null}
            {controls.assess ? (
              <AssessmentForm
                action={action}
                hx={hx}
                name={name}
                format={props.format}
                contractId={p.contractId}
                value={typed?.value ?? p.record.assessment ?? ''}
                error={typed?.error}
                idempotencyKey={typed?.idempotencyKey ?? props.newKey()}
              />
            ) : null}
            {controls.confirm ? markButton('confirm', true) : null}
            {!controls.start && !controls.complete && !controls.assess && !controls.confirm ? <span class="muted">—</span> : null}
          </div>
        </td>
      ) : null}
    </tr>
  );
}

/** DONE-6, DONE-20: the final assessment in the configured format, saved before "Patvirtinti". */
function AssessmentForm(props: {
  action: string;
  hx: Record<string, string>;
  name: string;
  format: AssessmentFormat;
  contractId: string;
  value: string;
  error?: string | undefined;
  idempotencyKey: string;
}) {
  const id = `ivertinimas-${props.contractId}`;
  const f = props.format;
  const invalid = props.error ? { 'aria-invalid': 'true', 'aria-describedby': `${id}-klaida` } : {};
  return (
    <form method="post" action={props.action} {...props.hx} novalidate>
      <CsrfField />
      <input type="hidden" name="idempotencyKey" value={props.idempotencyKey} />
      <input type="hidden" name="action" value="assess" />
      <label for={id} class="visually-hidden">
        {`${COMPLETION_COLUMN_LABELS.assessment}: ${props.name}`}
      </label>
      {f.kind === 'passFail' ? (
        <select id={id} name="assessment" {...invalid}>
          <option value="">Pasirinkite</option>
          {[PASS_FAIL.Passed, PASS_FAIL.Failed].map((v) => (
            <option value={v} selected={props.value === v}>
              {PASS_FAIL_LABELS[v]}
            </option>
          ))}
        </select>
      ) : f.kind === 'grade' ? (
        <input id={id} name="assessment" type="number" min={f.min} max={f.max} step={1} value={props.value} {...invalid} />
      ) : (
        <input id={id} name="assessment" type="text" maxlength={f.maxLength} value={props.value} {...invalid} />
      )}
      <small class="block muted">{assessmentFormatHint(f)}</small>
      {props.error ? (
        <small id={`${id}-klaida`} class="block error">
          {props.error}
        </small>
      ) : null}
      <button type="submit" class="outline" aria-label={`${COMPLETION_ACTION_LABELS.assess}: ${props.name}`}>
        {COMPLETION_ACTION_LABELS.assess}
      </button>
    </form>
  );
}

function BulkResults(props: { action: CompletionAction; rows: BulkMarkResult[] }) {
  const marked = props.rows.filter((r) => r.ok).length;
  return (
    <BulkResultsTable
      id="baigimo-zymu-rezultatai"
      heading={`Pažymėtų dalyvių žymėjimas: „${COMPLETION_ACTION_LABELS[props.action]}“`}
      status={`Pažymėta dalyvių: ${marked} iš ${props.rows.length}.`}
      rows={props.rows.map((r) => ({
        name: r.name,
        message: r.message,
        data: { 'data-contract': r.contractId, 'data-outcome': r.ok ? 'marked' : 'refused' },
      }))}
    />
  );
}
