// "Darbdavio atstovai" (§3.5): the employer representatives' list and their window (EMPL-1..EMPL-6).
import type { Employer } from '../../db/schema.ts';
import { RIGHT_LABELS, Right } from '../../workflows/domain/access.ts';
import {
  EMPLOYER_FORM_LABELS as L,
  type EmployerFieldErrors,
  type EmployerFormField,
  type EmployerFormInput,
} from '../../workflows/domain/employer.ts';
import { formatPhone } from '../../workflows/domain/phone.ts';
import { formFields } from './form-fields.tsx';
import { CsrfField, Notice } from './layout.tsx';
import { Pager } from './users.tsx';

const { Field, inputAttrs } = formFields<EmployerFormField>(L);

export const EMPLOYERS_APP = 'Darbdavio atstovai';
const NEW_EMPLOYER_BUTTON = 'Įtraukti naują darbdavio atstovą';

export function employerFormValues(e: Employer): EmployerFormInput {
  return {
    name: e.name,
    code: e.code,
    firstName: e.representative_first_name ?? '',
    lastName: e.representative_last_name ?? '',
    phone: e.phone ? formatPhone(e.phone) : '',
    email: e.email ?? '',
    practiceAddress: e.practice_address ?? '',
    ...(e.active ? { active: '1' } : {}),
  };
}

function text(values: EmployerFormInput, key: EmployerFormField): string {
  const v = values[key];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}

/** Whether the window's information is filled in (employers from before it had every field may lack some). */
function employerInfoComplete(e: Employer): boolean {
  return [e.representative_first_name, e.representative_last_name, e.phone, e.email, e.practice_address].every(
    (v) => v !== null && v.trim() !== '',
  );
}

export function representativeName(e: Employer): string {
  return [e.representative_first_name, e.representative_last_name].filter((s) => s).join(' ');
}

/** "Aktyvi darbdavio paskyra" as the list shows it. */
function ActiveBadge(props: { active: boolean }) {
  return (
    <span class="employer-status" data-active={props.active ? 'true' : 'false'}>
      {props.active ? 'Aktyvi' : 'Neaktyvi'}
    </span>
  );
}

// ---- The list ----------------------------------------------------------------------------------

export type ListNotice = { kind: 'success' | 'error' | 'info'; text: string };

interface EmployerListProps {
  /** This page's employers (GEN-16). */
  employers: Employer[];
  paging: { page: number; pageCount: number; total: number };
  /** Active employers among all of them. */
  activeCount: number;
  notice?: ListNotice | undefined;
}

export function EmployersPage(props: EmployerListProps) {
  return (
    <>
      <h1>{EMPLOYERS_APP}</h1>
      <p>
        Funkcionalumas taikomas tik Užimtumo tarnybos mokymo programoms. Naudotojo grupei „{RIGHT_LABELS[Right.EmployerRepresentative]}“ ir
        dalyvių pameistrystės duomenims galima pasirinkti tik darbdavius, kurių „{L.active}“ pažymėta.
      </p>
      <p>
        <a href="/darbdaviai/naujas" role="button">
          {NEW_EMPLOYER_BUTTON}
        </a>
      </p>
      {props.notice ? <Notice kind={props.notice.kind}>{props.notice.text}</Notice> : null}
      <section id="darbdavio-atstovu-sarasas" aria-label="Darbdavio atstovų sąrašas">
        {props.employers.length === 0 ? (
          <Notice kind="info">Institucija dar neturi darbdavio atstovų. Paspaudę „{NEW_EMPLOYER_BUTTON}“ įtraukite pirmąjį.</Notice>
        ) : (
          <div class="table-scroll">
            <table class="employers">
              <thead>
                <tr>
                  <th scope="col">Darbdavio įstaiga</th>
                  <th scope="col">Darbdavio atstovas</th>
                  <th scope="col">Kontaktai</th>
                  <th scope="col">{L.practiceAddress}</th>
                  <th scope="col">{L.active}</th>
                  <th scope="col">Veiksmai</th>
                </tr>
              </thead>
              <tbody>
                {props.employers.map((e) => {
                  const complete = employerInfoComplete(e);
                  const who = representativeName(e);
                  return (
                    <tr id={`darbdavys-${e.id}`}>
                      <td>
                        {e.name}
                        <br />
                        <small class="muted nowrap">Kodas {e.code}</small>
                      </td>
                      <td>
                        {who || <span class="muted">—</span>}
                        {complete ? null : <small class="incomplete">Informacija neužpildyta: redaguodami užpildykite visus laukus.</small>}
                      </td>
                      <td>
                        {e.phone ? <span class="block nowrap">{formatPhone(e.phone)}</span> : null}
                        {e.email ? <span class="block">{e.email}</span> : null}
                        {!e.phone && !e.email ? <span class="muted">—</span> : null}
                      </td>
                      <td>{e.practice_address || <span class="muted">—</span>}</td>
                      <td>
                        <ActiveBadge active={e.active} />
                      </td>
                      <td>
                        <a href={`/darbdaviai/${e.id}/redaguoti`} aria-label={`Redaguoti: ${e.name}${who ? `, ${who}` : ''}`}>
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
        <p class="muted">
          Iš viso: {props.paging.total}, iš jų aktyvių: {props.activeCount}.
        </p>
        {props.paging.pageCount > 1 ? (
          <Pager {...props.paging} href={(p) => (p > 1 ? `/darbdaviai?puslapis=${p}` : '/darbdaviai')} label="Darbdavių sąrašo puslapiai" />
        ) : null}
      </section>
    </>
  );
}

// ---- The window --------------------------------------------------------------------------------

export interface EmployerFormProps {
  mode: 'create' | 'edit';
  action: string;
  values: EmployerFormInput;
  errors: EmployerFieldErrors;
  message?: string | undefined;
  idempotencyKey?: string | undefined;
  /** When editing: whose window it is, and how many users have it as their employer. */
  employer?: Employer | undefined;
  userCount?: number | undefined;
}

/** The window (EMPL-3: every information field required; EMPL-4: "Aktyvi darbdavio paskyra"). */
export function EmployerForm(props: EmployerFormProps) {
  const { values: v, errors: e } = props;
  const active = text(v, 'active') !== '';
  return (
    <form
      method="post"
      action={props.action}
      hx-post={props.action}
      hx-target="this"
      hx-swap="outerHTML show:top"
      novalidate
      id="darbdavio-atstovo-langas"
      class="employer-form"
    >
      {props.message ? <Notice kind="error">{props.message}</Notice> : null}
      <CsrfField />
      {props.idempotencyKey ? <input type="hidden" name="idempotencyKey" value={props.idempotencyKey} /> : null}
      <fieldset>
        <legend>Darbdavio įstaiga</legend>
        <div class="grid-employer">
          <Field name="name" errors={e}>
            <input type="text" {...inputAttrs('name', e)} value={text(v, 'name')} maxlength={300} autocomplete="off" required />
          </Field>
          <Field name="code" errors={e} hint="9 skaitmenys.">
            <input
              type="text"
              inputmode="numeric"
              {...inputAttrs('code', e, true)}
              value={text(v, 'code')}
              maxlength={20}
              autocomplete="off"
              required
            />
          </Field>
        </div>
      </fieldset>
      <fieldset>
        <legend>Darbdavio atstovas</legend>
        <div class="grid-2">
          <Field name="firstName" errors={e}>
            <input type="text" {...inputAttrs('firstName', e)} value={text(v, 'firstName')} maxlength={100} autocomplete="off" required />
          </Field>
          <Field name="lastName" errors={e}>
            <input type="text" {...inputAttrs('lastName', e)} value={text(v, 'lastName')} maxlength={100} autocomplete="off" required />
          </Field>
          <Field name="phone" errors={e} hint="Pvz., +370 600 12345.">
            <input type="tel" {...inputAttrs('phone', e, true)} value={text(v, 'phone')} maxlength={30} autocomplete="off" required />
          </Field>
          <Field name="email" errors={e}>
            <input type="email" {...inputAttrs('email', e)} value={text(v, 'email')} maxlength={254} autocomplete="off" required />
          </Field>
        </div>
        <Field name="practiceAddress" errors={e} hint="Kur vyks praktinis mokymas, pvz., Pramonės g. 5, LT-11110 Vilnius.">
          <input
            type="text"
            {...inputAttrs('practiceAddress', e, true)}
            value={text(v, 'practiceAddress')}
            maxlength={300}
            autocomplete="off"
            required
          />
        </Field>
      </fieldset>
      <div class="field active-choice">
        <label>
          <input type="checkbox" name="active" value="1" id="f-active" checked={active} aria-describedby="h-active" />
          {L.active}
        </label>
        <small id="h-active" class="muted">
          Pažymėjus darbdavio paskyra aktyvuojama: darbdavį galima pasirinkti naudotojo lange („Pasirinkite darbdavio įstaigą“) ir dalyvio
          pameistrystės duomenyse.
          {props.userCount
            ? ` Šis darbdavys jau priskirtas naudotojams (${props.userCount}): nuėmus žymėjimą, jie jį išlaiko, bet naujiems naudotojams jo pasirinkti nebegalima.`
            : ''}
        </small>
      </div>
      <div class="form-actions">
        <button type="submit">Išsaugoti</button>
        <a href="/darbdaviai" class="secondary">
          Atšaukti
        </a>
      </div>
    </form>
  );
}

export function employerFormTitle(props: Pick<EmployerFormProps, 'mode' | 'employer'>): string {
  if (props.mode === 'create' || !props.employer) return 'Naujas darbdavio atstovas';
  const who = representativeName(props.employer);
  return who ? `${props.employer.name}: ${who}` : props.employer.name;
}

export function EmployerFormPage(props: EmployerFormProps) {
  return (
    <>
      <p>
        <a href="/darbdaviai">{EMPLOYERS_APP}</a> /
      </p>
      <h1>{employerFormTitle(props)}</h1>
      {props.employer ? (
        <p>
          {L.active}: <ActiveBadge active={props.employer.active} />
        </p>
      ) : null}
      <p>Užpildykite visus laukus: visi jie privalomi. Pažymėkite „{L.active}“, kad darbdavį būtų galima pasirinkti.</p>
      <EmployerForm {...props} />
    </>
  );
}
