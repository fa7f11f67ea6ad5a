// "Lektorių sąrašas" (§3.3; LECT-1..LECT-10): the list of the institution's lecturers and the
// lecturer information window with its documents.
import type { LecturerListItem } from '../../db/queries/lecturers.ts';
import type { Lecturer, StoredFileRow } from '../../db/tables/lecturers.ts';
import { FILE_INPUT_ACCEPT, FILE_TYPE_LABELS, FILE_UPLOAD_HINT, type AcceptedFileType } from '../../workflows/domain/file-type.ts';
import {
  CONSENT_LABELS,
  LECTURER_FORM_LABELS as L,
  LECTURER_REQUIREMENTS,
  REQUIREMENT_KEYS,
  REQUIREMENT_LABELS,
  documentField,
  documentIdField,
  isLecturerRequirement,
  lecturerRemarks,
  type LecturerFieldErrors,
  type LecturerFormField,
  type LecturerFormInput,
  type LecturerRequirement,
} from '../../workflows/domain/lecturer.ts';
import { formatPhone } from '../../workflows/domain/phone.ts';
import { fileHref } from '../uploads.ts';
import { formFields } from './form-fields.tsx';
import { CsrfField, Notice } from './layout.tsx';
import { formatDateTime } from '../../workflows/domain/date-format.ts';
import { Pager } from './users.tsx';

const { Field, inputAttrs } = formFields<LecturerFormField>(L);

export const LECTURERS_APP = 'Lektorių sąrašas';
const LECTURERS_LIST_ID = 'lektoriu-sarasas';

const SIZE = new Intl.NumberFormat('lt-LT', { maximumFractionDigits: 1 });

/** e.g. "240 KB", "1,2 MB". */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${SIZE.format(Math.max(1, Math.round(bytes / 1024)))} KB`;
  return `${SIZE.format(bytes / (1024 * 1024))} MB`;
}

// ---- The list ----------------------------------------------------------------------------------

interface LecturerListProps {
  rows: LecturerListItem[];
  total: number;
  page: number;
  pageCount: number;
  notice?: { kind: 'success' | 'error' | 'info'; text: string } | undefined;
}

function lecturerListHref(page: number): string {
  return page > 1 ? `/lektoriai?puslapis=${page}` : '/lektoriai';
}

/** Short names of the requirements in the list (the full labels are in the window). */
const REQUIREMENT_SHORT: Record<LecturerRequirement, string> = {
  KVALIFIKACIJA: 'Išsilavinimas / kvalifikacija',
  PATIRTIS: 'Praktinio / pedagoginio darbo patirtis',
};

export function LecturerListSection(props: LecturerListProps) {
  return (
    <section id={LECTURERS_LIST_ID} aria-label="Institucijos lektorių sąrašas">
      {props.notice ? <Notice kind={props.notice.kind}>{props.notice.text}</Notice> : null}
      {props.rows.length === 0 ? (
        <Notice kind="info">
          Institucija dar neturi lektorių. Paspaudę „Įtraukti naują lektorių“ įveskite pirmojo lektoriaus informaciją.
        </Notice>
      ) : (
        <div class="table-scroll">
          <table class="lecturers">
            <thead>
              <tr>
                <th scope="col">Vardas, pavardė</th>
                <th scope="col">Kontaktai</th>
                <th scope="col">Atitiktis reikalavimams</th>
                <th scope="col">Aktyvus lektorius</th>
                <th scope="col">Pastabos</th>
                <th scope="col">Veiksmai</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => {
                const name = `${r.first_name} ${r.last_name}`;
                const remarks = lecturerRemarks({ publishConsent: r.publish_consent });
                return (
                  <tr id={`lektorius-${r.id}`} class={r.active ? undefined : 'inactive'}>
                    <td>{name}</td>
                    <td>
                      {r.email}
                      {r.phone ? (
                        <>
                          <br />
                          <span class="nowrap">{formatPhone(r.phone)}</span>
                        </>
                      ) : null}
                    </td>
                    <td>
                      <ul class="requirements">
                        {REQUIREMENT_KEYS.filter((k) => r.requirements.includes(k)).map((k) => (
                          <li title={REQUIREMENT_LABELS[k]}>{REQUIREMENT_SHORT[k]}</li>
                        ))}
                      </ul>
                    </td>
                    <td>
                      <span class="lecturer-active" data-active={r.active ? 'taip' : 'ne'}>
                        {r.active ? 'Taip' : 'Ne'}
                      </span>
                      {r.active ? null : (
                        <>
                          <br />
                          <small class="muted">Užsiėmimų planuoti negalima</small>
                        </>
                      )}
                    </td>
                    <td>{remarks.length === 0 ? null : remarks.map((text) => <span class="remark">{text}</span>)}</td>
                    <td>
                      <a href={`/lektoriai/${r.id}/redaguoti`} aria-label={`Redaguoti: ${name}`}>
                        Redaguoti
                      </a>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {props.total > 0 ? (
        <Pager
          page={props.page}
          pageCount={props.pageCount}
          total={props.total}
          href={lecturerListHref}
          label="Lektorių sąrašo puslapiai"
        />
      ) : null}
    </section>
  );
}

export function LecturersPage(props: LecturerListProps) {
  return (
    <>
      <h1>{LECTURERS_APP}</h1>
      <p>
        <a href="/lektoriai/naujas" role="button">
          Įtraukti naują lektorių
        </a>
      </p>
      <LecturerListSection {...props} />
    </>
  );
}

// ---- The lecturer window -----------------------------------------------------------------------

export function lecturerFormValues(l: Lecturer): LecturerFormInput {
  return {
    firstName: l.first_name,
    lastName: l.last_name,
    email: l.email,
    phone: l.phone ? formatPhone(l.phone) : '',
    description: l.description ?? '',
    active: l.active ? ['taip'] : [],
    requirements: l.requirements.filter(isLecturerRequirement),
    publishConsent: l.publish_consent ? 'TAIP' : 'NE',
  };
}

function text(values: LecturerFormInput, key: string): string {
  const v = values[key];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}

function list(values: LecturerFormInput, key: string): string[] {
  const v = values[key];
  return Array.isArray(v) ? v : v === undefined || v === '' ? [] : [v];
}

export interface LecturerFormProps {
  mode: 'create' | 'edit';
  action: string;
  values: LecturerFormInput;
  errors: LecturerFieldErrors;
  message?: string | undefined;
  idempotencyKey: string;
  /** The document already stored for each requirement (saved before, or uploaded with a refused submit). */
  documents: Partial<Record<LecturerRequirement, StoredFileRow>>;
  /** When editing: whose window it is. */
  lecturer?: Lecturer | undefined;
}

function StoredDocument(props: { file: StoredFileRow }) {
  const f = props.file;
  const type = FILE_TYPE_LABELS[f.content_type as AcceptedFileType] ?? f.content_type;
  return (
    <p class="stored-document">
      Įkeltas dokumentas:{' '}
      <a href={fileHref(f.id)} download={f.download_name}>
        {f.download_name}
      </a>{' '}
      <small class="muted">
        ({type}, {formatFileSize(f.size)}, įkelta {formatDateTime(f.created_at)})
      </small>
    </p>
  );
}

/** One requirement: its check box, and under it the document proving it (LECT-6, LECT-7). */
function RequirementOption(props: {
  requirement: LecturerRequirement;
  label: string;
  ticked: boolean;
  file: StoredFileRow | undefined;
  errors: LecturerFieldErrors;
}) {
  const r = props.requirement;
  const field = documentField(r);
  const error = props.errors[field];
  const inputId = `f-${field}`;
  return (
    <div class="requirement">
      <label>
        <input type="checkbox" name="requirements" value={r} id={`req-${r}`} checked={props.ticked} />
        {props.label}
      </label>
      <div class="requirement-document">
        {props.file ? (
          <>
            <StoredDocument file={props.file} />
            <input type="hidden" name={documentIdField(r)} value={props.file.id} />
          </>
        ) : null}
        <label for={inputId}>{props.file ? 'Pakeisti dokumentą (neprivaloma)' : L[field]}</label>
        <input
          type="file"
          id={inputId}
          name={field}
          accept={FILE_INPUT_ACCEPT}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? `e-${field}` : `h-${field}`}
        />
        {error ? (
          <small id={`e-${field}`} class="field-error">
            {error}
          </small>
        ) : (
          <small id={`h-${field}`} class="muted">
            {FILE_UPLOAD_HINT}
          </small>
        )}
      </div>
    </div>
  );
}

/** The lecturer information window (LECT-3..LECT-8). */
export function LecturerForm(props: LecturerFormProps) {
  const { values: v, errors: e } = props;
  const ticked = list(v, 'requirements');
  const consent = text(v, 'publishConsent');
  return (
    <form
      method="post"
      action={props.action}
      enctype="multipart/form-data"
      hx-post={props.action}
      hx-encoding="multipart/form-data"
      hx-target="this"
      hx-swap="outerHTML show:top"
      novalidate
      id="lektoriaus-langas"
      class="lecturer-form"
    >
      {props.message ? <Notice kind="error">{props.message}</Notice> : null}
      <CsrfField />
      <input type="hidden" name="idempotencyKey" value={props.idempotencyKey} />
      <div class="grid-2">
        <Field name="firstName" errors={e}>
          <input type="text" {...inputAttrs('firstName', e)} value={text(v, 'firstName')} maxlength={100} autocomplete="off" required />
        </Field>
        <Field name="lastName" errors={e}>
          <input type="text" {...inputAttrs('lastName', e)} value={text(v, 'lastName')} maxlength={100} autocomplete="off" required />
        </Field>
      </div>
      <div class="grid-2">
        <Field name="email" errors={e}>
          <input type="email" {...inputAttrs('email', e)} value={text(v, 'email')} maxlength={254} autocomplete="off" required />
        </Field>
        <Field name="phone" errors={e} optional>
          <input type="tel" {...inputAttrs('phone', e)} value={text(v, 'phone')} maxlength={30} autocomplete="off" />
        </Field>
      </div>
      <Field
        name="description"
        errors={e}
        optional
        hint="Skelbiama KURSUOK interneto svetainėje prie mokymo programos, jei gautas lektoriaus sutikimas."
      >
        <textarea {...inputAttrs('description', e, true)} maxlength={2000} rows={3}>
          {text(v, 'description')}
        </textarea>
      </Field>

      <div class="field">
        <label>
          <input
            type="checkbox"
            name="active"
            value="taip"
            id="f-active"
            checked={list(v, 'active').length > 0}
            aria-describedby="h-active"
          />
          {L.active}
        </label>
        <small id="h-active" class="muted block">
          Jei varnelė nepažymėta, šiam lektoriui užsiėmimų mokymo grupių tvarkaraščiuose planuoti negalima. Jau suplanuoti užsiėmimai
          nekeičiami.
        </small>
      </div>

      <fieldset
        class="requirements-choice"
        aria-invalid={e.requirements ? 'true' : undefined}
        aria-describedby={e.requirements ? 'e-requirements' : 'h-requirements'}
      >
        <legend>{L.requirements}</legend>
        <small id="h-requirements" class="muted block">
          Pažymėkite bent vieną reikalavimą, kurį lektorius atitinka, ir kiekvienam pažymėtam reikalavimui įkelkite atitiktį liudijančio
          dokumento kopiją.
        </small>
        {LECTURER_REQUIREMENTS.map((r) => (
          <RequirementOption requirement={r.key} label={r.label} ticked={ticked.includes(r.key)} file={props.documents[r.key]} errors={e} />
        ))}
        {e.requirements ? (
          <small id="e-requirements" class="field-error">
            {e.requirements}
          </small>
        ) : null}
      </fieldset>

      <fieldset
        class="consent-choice"
        aria-invalid={e.publishConsent ? 'true' : undefined}
        aria-describedby={e.publishConsent ? 'e-publishConsent' : 'h-publishConsent'}
      >
        <legend>{L.publishConsent}</legend>
        <label>
          <input type="radio" name="publishConsent" value="TAIP" id="f-publishConsent" checked={consent === 'TAIP'} />
          {CONSENT_LABELS.TAIP}
        </label>
        <label>
          <input type="radio" name="publishConsent" value="NE" id="f-publishConsent-ne" checked={consent === 'NE'} />
          {CONSENT_LABELS.NE}
        </label>
        {e.publishConsent ? (
          <small id="e-publishConsent" class="field-error">
            {e.publishConsent}
          </small>
        ) : (
          <small id="h-publishConsent" class="muted block">
            Pasirinkus „Ne“, lektoriaus informacija prie mokymo programos svetainėje neatvaizduojama, o lektorių sąraše pažymima „Neskelbti
            svetainėje“.
          </small>
        )}
      </fieldset>

      <div class="form-actions">
        <button type="submit">Išsaugoti</button>
        <a href="/lektoriai" class="secondary">
          Atšaukti
        </a>
      </div>
    </form>
  );
}

export function LecturerFormPage(props: LecturerFormProps) {
  const l = props.lecturer;
  return (
    <>
      <p>
        <a href="/lektoriai">{LECTURERS_APP}</a> /
      </p>
      <h1>{l ? `${l.first_name} ${l.last_name}` : 'Naujas lektorius'}</h1>
      {l ? (
        <p>
          {l.active ? 'Aktyvus lektorius.' : 'Neaktyvus lektorius: užsiėmimų planuoti negalima.'}
          {l.publish_consent ? null : ' Neskelbti svetainėje.'}
        </p>
      ) : (
        <p>
          Įveskite lektoriaus kontaktinę ir kitą aktualią informaciją. Prieš išsaugant būtina pažymėti lektoriaus atitiktį reikalavimams ir
          įkelti tai liudijančių dokumentų kopijas.
        </p>
      )}
      <LecturerForm {...props} />
    </>
  );
}
