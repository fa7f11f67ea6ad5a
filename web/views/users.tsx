// "Institucijos naudotojai" (§2, §3.1): the list of users and the user window.
import type { UserListItem, UserSort } from '../../db/queries/users.ts';
import type { Employer, InstitutionUser } from '../../db/schema.ts';
import { RIGHT_LABELS, RIGHTS, Right, isRight } from '../../workflows/domain/access.ts';
import { formatDeadlineWithTimeLeft } from '../../workflows/domain/date-format.ts';
import { USER_FORM_LABELS as L, type UserFieldErrors, type UserFormField, type UserFormInput } from '../../workflows/domain/user-form.ts';
import { formatPhone } from '../../workflows/domain/phone.ts';
import { formFields } from './form-fields.tsx';
import { CsrfField, Notice } from './layout.tsx';

const { Field, inputAttrs } = formFields<UserFormField>(L);

export const USERS_APP = 'Institucijos naudotojai';
const USERS_LIST_ID = 'naudotoju-sarasas';

/** USERS-14: whether each user has confirmed. */
export const USER_STATUS_LABELS: Record<InstitutionUser['status'], string> = {
  INVITED: 'Pakviestas',
  ACTIVE: 'Patvirtintas',
  REMOVED: 'Pašalintas',
};

/** What each user group may do (§3.1, USERS-20..USERS-27), shown under its check box. */
const RIGHT_HINTS: Record<Right, string> = {
  ADMINISTRATORIUS:
    'Daugiausia teisių: kuria, redaguoja ir šalina kitus naudotojus, suteikia jiems teises, tvarko mokymosi programų informaciją.',
  DARBUOTOJAS: 'Tvarko institucijos mokymosi programų informaciją.',
  DARBDAVIO_ATSTOVAS: 'Tik Užimtumo tarnybos programoms, vykdomoms pameistrystės forma: darbdavio atstovas pasirašo trišales sutartis.',
  SUTARCIU_PASIRASYMAS: 'Pasirašo mokymosi sutartis su dalyviais.',
};

// ---- Paging (GEN-16) ---------------------------------------------------------------------------

/** Links to the other pages; `href(n)` builds a page's address with the current sorting / filters. */
export function Pager(props: { page: number; pageCount: number; total: number; href: (page: number) => string; label: string }) {
  if (props.pageCount <= 1) return <p class="muted">Iš viso: {props.total}.</p>;
  const pages: number[] = [];
  for (let p = 1; p <= props.pageCount; p++) {
    if (p === 1 || p === props.pageCount || Math.abs(p - props.page) <= 2) pages.push(p);
  }
  return (
    <nav class="pager" aria-label={props.label}>
      <span class="muted">
        Iš viso: {props.total}. Puslapis {props.page} iš {props.pageCount}.
      </span>
      <ul>
        {props.page > 1 ? (
          <li>
            <a href={props.href(props.page - 1)} rel="prev">
              ‹ Ankstesnis
            </a>
          </li>
        ) : null}
        {pages.map((p, i) => (
          <>
            {i > 0 && p - pages[i - 1]! > 1 ? <li class="muted">…</li> : null}
            <li>{p === props.page ? <strong aria-current="page">{p}</strong> : <a href={props.href(p)}>{p}</a>}</li>
          </>
        ))}
        {props.page < props.pageCount ? (
          <li>
            <a href={props.href(props.page + 1)} rel="next">
              Kitas ›
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

// ---- The list ----------------------------------------------------------------------------------

export interface UserListState {
  sort: UserSort;
  descending: boolean;
  page: number;
}

function userListHref(s: UserListState): string {
  const q = new URLSearchParams();
  if (s.sort !== 'name') q.set('rikiuoti', s.sort === 'email' ? 'el-pastas' : 'busena');
  if (s.descending) q.set('tvarka', 'mazejanciai');
  if (s.page > 1) q.set('puslapis', String(s.page));
  const query = q.toString();
  return query ? `/naudotojai?${query}` : '/naudotojai';
}

interface UserListProps {
  rows: UserListItem[];
  total: number;
  pageCount: number;
  state: UserListState;
  now: Date;
  /** A fresh idempotency key per "Siųsti kvietimą iš naujo" form. */
  resendKey: () => string;
  notice?: { kind: 'success' | 'error' | 'info'; text: string } | undefined;
  /** The acting institution user (their own row cannot be removed by mistake without noticing). */
  actingUserId: string | null;
}

function SortHeader(props: { label: string; sort: UserSort; state: UserListState }) {
  const active = props.state.sort === props.sort;
  const descending = active ? !props.state.descending : false;
  const arrow = active ? (props.state.descending ? ' ▼' : ' ▲') : '';
  return (
    <th scope="col" aria-sort={active ? (props.state.descending ? 'descending' : 'ascending') : undefined}>
      <a href={userListHref({ sort: props.sort, descending, page: 1 })}>
        {props.label}
        {arrow}
      </a>
    </th>
  );
}

function StatusCell(props: { row: UserListItem; now: Date }) {
  const r = props.row;
  if (r.status !== 'INVITED')
    return (
      <span class="user-status" data-status={r.status}>
        {USER_STATUS_LABELS[r.status]}
      </span>
    );
  const expired = r.invitation_status === 'EXPIRED' || !r.invitation_expires_at || r.invitation_expires_at.getTime() <= props.now.getTime();
  return (
    <>
      <span class="user-status" data-status={r.status}>
        {USER_STATUS_LABELS.INVITED}
      </span>
      <br />
      <small class={expired ? 'expired' : 'muted'}>
        {expired ? 'Kvietimas nebegalioja' : `Kvietimas galioja ${formatDeadlineWithTimeLeft(r.invitation_expires_at!, props.now)}`}
      </small>
    </>
  );
}

function RowActions(props: { row: UserListItem; resendKey: string; self: boolean }) {
  const r = props.row;
  const name = `${r.first_name} ${r.last_name}`;
  const target = `#${USERS_LIST_ID}`;
  return (
    <div class="row-actions">
      <a href={`/naudotojai/${r.id}/redaguoti`} aria-label={`Redaguoti: ${name}`}>
        Redaguoti
      </a>
      {r.status === 'INVITED' ? (
        <form
          method="post"
          action={`/naudotojai/${r.id}/kvietimas`}
          hx-post={`/naudotojai/${r.id}/kvietimas`}
          hx-target={target}
          hx-swap="outerHTML"
        >
          <CsrfField />
          <input type="hidden" name="idempotencyKey" value={props.resendKey} />
          <button type="submit" class="secondary outline small" aria-label={`Siųsti kvietimą iš naujo: ${name}`}>
            Siųsti kvietimą iš naujo
          </button>
        </form>
      ) : null}
      <form
        method="post"
        action={`/naudotojai/${r.id}/salinti`}
        hx-post={`/naudotojai/${r.id}/salinti`}
        hx-target={target}
        hx-swap="outerHTML"
        hx-confirm={
          props.self
            ? `Ar tikrai pašalinti save (${name}) iš institucijos naudotojų? Jūsų sesija bus nutraukta.`
            : `Ar tikrai pašalinti naudotoją ${name}? Jis nebegalės prisijungti prie IMP IS.`
        }
      >
        <CsrfField />
        <button type="submit" class="outline danger small" aria-label={`Pašalinti: ${name}`}>
          Pašalinti
        </button>
      </form>
    </div>
  );
}

/** The list with its notices and paging: the fragment row actions replace. */
export function UserListSection(props: UserListProps) {
  const s = props.state;
  return (
    <section id={USERS_LIST_ID} aria-label="Naudotojų sąrašas">
      {props.notice ? <Notice kind={props.notice.kind}>{props.notice.text}</Notice> : null}
      {props.rows.length === 0 ? (
        <Notice kind="info">
          Institucija dar neturi naudotojų. Paspaudę „Įtraukti naują naudotoją“ sukurkite bent vieną ir suteikite jam „Mokymo institucijos
          administratorius“ teises.
        </Notice>
      ) : (
        <div class="table-scroll">
          <table class="users">
            <thead>
              <tr>
                <SortHeader label="Vardas, pavardė" sort="name" state={s} />
                <SortHeader label="El. paštas" sort="email" state={s} />
                <th scope="col">Naudotojo grupės</th>
                <SortHeader label="Būsena" sort="status" state={s} />
                <th scope="col">Veiksmai</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => (
                <tr id={`naudotojas-${r.id}`}>
                  <td>
                    {r.first_name} {r.last_name}
                  </td>
                  <td>{r.email}</td>
                  <td>
                    {r.rights.length === 0 ? (
                      <span class="muted">Teisių nesuteikta</span>
                    ) : (
                      <ul class="rights">
                        {RIGHTS.filter((x) => r.rights.includes(x)).map((x) => (
                          <li>
                            {RIGHT_LABELS[x]}
                            {x === Right.EmployerRepresentative && r.employer_name ? (
                              <small class="muted"> ({r.employer_name})</small>
                            ) : null}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td>
                    <StatusCell row={r} now={props.now} />
                  </td>
                  <td>
                    <RowActions row={r} resendKey={props.resendKey()} self={r.id === props.actingUserId} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager
        page={s.page}
        pageCount={props.pageCount}
        total={props.total}
        href={(page) => userListHref({ ...s, page })}
        label="Naudotojų sąrašo puslapiai"
      />
    </section>
  );
}

export function UsersPage(props: UserListProps) {
  return (
    <>
      <div class="page-head">
        <h1>Institucijos naudotojai</h1>
        <a href="/naudotojai/auditas" class="secondary">
          Audito žurnalas
        </a>
      </div>
      <p>
        <a href="/naudotojai/naujas" role="button">
          Įtraukti naują naudotoją
        </a>
      </p>
      <UserListSection {...props} />
    </>
  );
}

// ---- The user window ---------------------------------------------------------------------------

export function userFormValues(u: InstitutionUser): UserFormInput {
  return {
    firstName: u.first_name,
    lastName: u.last_name,
    email: u.email,
    phone: u.phone ? formatPhone(u.phone) : '',
    position: u.position ?? '',
    rights: u.rights.filter(isRight),
    employerId: u.employer_id ?? '',
    signingDocument: u.signing_document ?? '',
  };
}

function text(values: UserFormInput, key: UserFormField): string {
  const v = values[key];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}

export interface UserFormProps {
  mode: 'create' | 'edit';
  action: string;
  values: UserFormInput;
  errors: UserFieldErrors;
  message?: string | undefined;
  idempotencyKey: string;
  /** "Pasirinkite darbdavio įstaigą": the institution's active employers (USERS-24). */
  employers: Employer[];
  /** When editing: whose window it is. */
  user?: InstitutionUser | undefined;
}

/** The user window (USERS-2, USERS-3, USERS-16, USERS-19, USERS-23, USERS-27). */
export function UserForm(props: UserFormProps) {
  const { values: v, errors: e } = props;
  const ticked = Array.isArray(v.rights) ? v.rights : v.rights ? [v.rights] : [];
  return (
    <form
      method="post"
      action={props.action}
      hx-post={props.action}
      hx-target="this"
      hx-swap="outerHTML show:top"
      novalidate
      id="naudotojo-langas"
      class="user-form"
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
      {props.mode === 'create' ? (
        <Field
          name="personalCode"
          errors={e}
          hint="11 skaitmenų. Prisijungiant per VIISP, asmens kodas turi sutapti su čia įvestu. Saugoma tik jo kontrolinė reikšmė."
        >
          <input
            type="text"
            inputmode="numeric"
            {...inputAttrs('personalCode', e, true)}
            value={text(v, 'personalCode')}
            maxlength={13}
            autocomplete="off"
            required
          />
        </Field>
      ) : (
        <div class="field">
          <span class="label">{L.personalCode}</span>
          <p class="readonly-value" id="f-personalCode">
            —{' '}
            <small class="muted">
              Asmens kodas nerodomas (saugoma tik jo kontrolinė reikšmė) ir jo pakeisti negalima. Jei jis įvestas klaidingai, pašalinkite
              naudotoją ir įtraukite jį iš naujo.
            </small>
          </p>
        </div>
      )}
      <div class="grid-2">
        <Field
          name="email"
          errors={e}
          hint={props.mode === 'create' ? 'Šiuo adresu bus išsiųstas laiškas su patvirtinimo nuoroda.' : undefined}
        >
          <input
            type="email"
            {...inputAttrs('email', e, props.mode === 'create')}
            value={text(v, 'email')}
            maxlength={254}
            autocomplete="off"
            required
          />
        </Field>
        <Field name="phone" errors={e} optional>
          <input type="tel" {...inputAttrs('phone', e)} value={text(v, 'phone')} maxlength={30} autocomplete="off" />
        </Field>
      </div>
      <Field name="position" errors={e} optional>
        <input type="text" {...inputAttrs('position', e)} value={text(v, 'position')} maxlength={200} autocomplete="off" />
      </Field>

      <fieldset aria-invalid={e.rights ? 'true' : undefined} aria-describedby={e.rights ? 'e-rights' : undefined} class="rights-choice">
        <legend>{L.rights}</legend>
        {props.mode === 'edit' ? (
          <small class="muted block">
            Nepažymėjus nė vienos grupės, naudotojas netenka prieigos prie IMP IS (jo sesijos nutraukiamos), bet lieka sąraše.
          </small>
        ) : null}
        {RIGHTS.map((r) => (
          <div class="right-option">
            <label>
              <input type="checkbox" name="rights" value={r} id={`r-${r}`} checked={ticked.includes(r)} aria-describedby={`rh-${r}`} />
              {RIGHT_LABELS[r]}
            </label>
            <small class="muted" id={`rh-${r}`}>
              {RIGHT_HINTS[r]}
            </small>
          </div>
        ))}
        {e.rights ? (
          <small id="e-rights" class="field-error">
            {e.rights}
          </small>
        ) : null}
      </fieldset>

      <div class="conditional if-employer">
        {props.employers.length === 0 ? (
          <Field name="employerId" errors={e}>
            <select {...inputAttrs('employerId', e, true)} disabled>
              <option value="">– Darbdavių nėra –</option>
            </select>
            {e.employerId ? null : (
              <small id="h-employerId" class="muted">
                Institucija dar neturi aktyvių darbdavių. Pirmiausia įveskite darbdavio informaciją aplikacijoje „Darbdavio atstovai“
                (pažymėję „Aktyvi darbdavio paskyra“).
              </small>
            )}
          </Field>
        ) : (
          <Field name="employerId" errors={e} hint="Privaloma, kai pažymėta „Darbdavio atstovas ir trišalių sutarčių pasirašymas“.">
            <select {...inputAttrs('employerId', e, true)}>
              <option value="">– Pasirinkite –</option>
              {props.employers.map((emp) => (
                <option value={emp.id} selected={text(v, 'employerId') === emp.id}>
                  {emp.name} ({emp.code})
                  {emp.representative_first_name
                    ? `, atstovas ${emp.representative_first_name} ${emp.representative_last_name ?? ''}`.trimEnd()
                    : ''}
                  {emp.active ? '' : ' – neaktyvi darbdavio paskyra'}
                </option>
              ))}
            </select>
          </Field>
        )}
      </div>
      <div class="conditional if-signing">
        <Field
          name="signingDocument"
          errors={e}
          hint="Privaloma, kai pažymėta „Sutarčių pasirašymas“, pvz., „Įgaliojimas Nr. 2024/15“. Spausdinama mokymosi sutartyse."
        >
          <input
            type="text"
            {...inputAttrs('signingDocument', e, true)}
            value={text(v, 'signingDocument')}
            maxlength={500}
            autocomplete="off"
          />
        </Field>
      </div>

      <div class="form-actions">
        <button type="submit">{props.mode === 'create' ? 'Išsaugoti ir išsiųsti kvietimą' : 'Išsaugoti'}</button>
        <a href="/naudotojai" class="secondary">
          Atšaukti
        </a>
      </div>
    </form>
  );
}

export function UserFormPage(props: UserFormProps) {
  const u = props.user;
  return (
    <>
      <p>
        <a href="/naudotojai">Institucijos naudotojai</a> /
      </p>
      <h1>{props.mode === 'create' ? 'Naujas naudotojas' : `${u?.first_name ?? ''} ${u?.last_name ?? ''}`}</h1>
      {u ? (
        <p>
          Būsena:{' '}
          <span class="user-status" data-status={u.status}>
            {USER_STATUS_LABELS[u.status]}
          </span>
        </p>
      ) : (
        <p>
          Išsaugojus naudotojui el. paštu išsiunčiamas laiškas su patvirtinimo nuoroda. Naudotojas patvirtina tapatybę per VIISP („Fiziniam
          asmeniui“).
        </p>
      )}
      <UserForm {...props} />
    </>
  );
}
