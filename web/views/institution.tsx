// Application "Institucijos informacija" (§3.2; INST-*): the page with its three tabs, and the tab
// "Institucijos informacija" (§3.2.1) as a form (administrators) or read-only (the head, employees).
import type { Child } from 'hono/jsx';
import type { InstitutionInfoRow } from '../../db/tables/institution-info.ts';
import { formatIban } from '../../workflows/domain/iban.ts';
import { formatPhone } from '../../workflows/domain/phone.ts';
import {
  DESCRIPTION_MAX,
  INSTITUTION_INFO_LABELS as L,
  type InstitutionInfoErrors,
  type InstitutionInfoField,
  type InstitutionInfoInput,
} from '../../workflows/domain/institution-info.ts';
import { formFields } from './form-fields.tsx';
import { CsrfField, Notice } from './layout.tsx';

const { Field, inputAttrs } = formFields<InstitutionInfoField>(L);

export const INSTITUTION_APP = 'Institucijos informacija';

export type InstitutionTab = 'informacija' | 'smir' | 'numeracija';

/** INST-2: the three tabs, with the manual's names and what each is for. */
const INSTITUTION_TABS: readonly { key: InstitutionTab; label: string; href: string; lead: string }[] = [
  { key: 'informacija', label: 'Institucijos informacija', href: '/institucija', lead: 'Pateikiama informacija apie instituciją.' },
  {
    key: 'smir',
    label: 'ŠMIR informacija',
    href: '/institucija/smir',
    lead: 'Pateikiama informacija, kuri gaunama iš Švietimo, mokslo ir sporto institucijų registro (ŠMIR); IMP IS jos koreguoti galimybės nėra.',
  },
  {
    key: 'numeracija',
    label: 'Mokymo sutarties numeracija',
    href: '/institucija/numeracija',
    lead: 'Nurodoma informacija, reikalinga institucijos mokymosi sutarčių numeracijos sukūrimui.',
  },
];

export function tabLabel(tab: InstitutionTab): string {
  return INSTITUTION_TABS.find((t) => t.key === tab)?.label ?? INSTITUTION_APP;
}

/** The application's heading and tabs around one tab's panel. */
export function InstitutionShell(props: { tab: InstitutionTab; children: Child }) {
  const current = INSTITUTION_TABS.find((t) => t.key === props.tab);
  return (
    <>
      <h1>{INSTITUTION_APP}</h1>
      <ul class="tabs" role="list">
        {INSTITUTION_TABS.map((t) => (
          <li>
            <a href={t.href} aria-current={t.key === props.tab ? 'page' : undefined}>
              {t.label}
            </a>
          </li>
        ))}
      </ul>
      {current ? <p class="muted tab-lead">{current.lead}</p> : null}
      {props.children}
    </>
  );
}

// ---- Tab "Institucijos informacija" (§3.2.1) -----------------------------------------------------

const INFO_PANEL_ID = 'institucijos-informacijos-kortele';

function infoFormValues(row: InstitutionInfoRow | undefined): InstitutionInfoInput {
  if (!row) return {};
  return {
    description: row.description ?? '',
    contactFirstName: row.contact_first_name,
    contactLastName: row.contact_last_name,
    contactPosition: row.contact_position,
    contactPhone: formatPhone(row.contact_phone),
    contactEmail: row.contact_email,
    iban: formatIban(row.iban),
    bankName: row.bank_name,
  };
}

function text(values: InstitutionInfoInput, key: InstitutionInfoField): string {
  const v = values[key];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}

export interface InfoTabProps {
  /** Administrators change the tab; the head and employees only read it (§6). */
  canEdit: boolean;
  row: InstitutionInfoRow | undefined;
  /** What the user typed, when a save was refused. */
  values?: InstitutionInfoInput | undefined;
  errors?: InstitutionInfoErrors | undefined;
  message?: string | undefined;
  success?: string | undefined;
}

const CERTIFICATE_NOTE =
  'Kontaktinėje informacijoje nurodyto asmens vardas, pavardė ir pareigos bus nurodyti mokymosi programos baigimo pažymėjime.';
const CONTRACT_NOTE = 'Institucijos banko rekvizitai atvaizduojami mokymosi sutartyje.';

/** The tab's panel: what htmx replaces after a save. */
export function InfoTab(props: InfoTabProps) {
  return (
    <section id={INFO_PANEL_ID} aria-label="Institucijos informacija">
      {props.success ? <Notice kind="success">{props.success}</Notice> : null}
      {props.canEdit ? <InfoForm {...props} /> : <InfoReadOnly row={props.row} />}
    </section>
  );
}

function InfoForm(props: InfoTabProps) {
  const v = props.values ?? infoFormValues(props.row);
  const e = props.errors ?? {};
  return (
    <form
      method="post"
      action="/institucija"
      hx-post="/institucija"
      hx-target={`#${INFO_PANEL_ID}`}
      hx-swap="outerHTML show:top"
      novalidate
      id="institucijos-informacija"
      class="institution-form"
    >
      {props.message ? <Notice kind="error">{props.message}</Notice> : null}
      {!props.row && !props.message ? (
        <Notice kind="info">
          Institucijos informacija dar nepateikta. Užpildykite ją prieš skelbdami mokymo grupes: atsakingo asmens duomenys spausdinami
          baigimo pažymėjimuose, banko rekvizitai – mokymosi sutartyse.
        </Notice>
      ) : null}
      <CsrfField />
      <Field
        name="description"
        errors={e}
        optional
        hint={`Viešinamas KURSUOK svetainėje kartu su institucijos mokymosi programomis. Iki ${DESCRIPTION_MAX} simbolių.`}
      >
        <textarea {...inputAttrs('description', e, true)} rows={5} maxlength={DESCRIPTION_MAX}>
          {text(v, 'description')}
        </textarea>
      </Field>

      <h2 class="form-section">Už mokymosi programų įgyvendinimą atsakingas asmuo</h2>
      <p class="muted">
        <small>PASTABA. {CERTIFICATE_NOTE}</small>
      </p>
      <div class="grid-2">
        <Field name="contactFirstName" errors={e}>
          <input
            type="text"
            {...inputAttrs('contactFirstName', e)}
            value={text(v, 'contactFirstName')}
            maxlength={100}
            autocomplete="off"
            required
          />
        </Field>
        <Field name="contactLastName" errors={e}>
          <input
            type="text"
            {...inputAttrs('contactLastName', e)}
            value={text(v, 'contactLastName')}
            maxlength={100}
            autocomplete="off"
            required
          />
        </Field>
      </div>
      <Field name="contactPosition" errors={e}>
        <input
          type="text"
          {...inputAttrs('contactPosition', e)}
          value={text(v, 'contactPosition')}
          maxlength={200}
          autocomplete="off"
          required
        />
      </Field>
      <div class="grid-2">
        <Field name="contactPhone" errors={e}>
          <input type="tel" {...inputAttrs('contactPhone', e)} value={text(v, 'contactPhone')} maxlength={30} autocomplete="off" required />
        </Field>
        <Field name="contactEmail" errors={e}>
          <input
            type="email"
            {...inputAttrs('contactEmail', e)}
            value={text(v, 'contactEmail')}
            maxlength={254}
            autocomplete="off"
            required
          />
        </Field>
      </div>

      <h2 class="form-section">Banko rekvizitai</h2>
      <p class="muted">
        <small>{CONTRACT_NOTE}</small>
      </p>
      <div class="grid-2">
        <Field name="iban" errors={e} hint="Pvz., LT12 1000 0111 0100 1000. Tikrinami kontroliniai skaitmenys.">
          <input
            type="text"
            {...inputAttrs('iban', e, true)}
            value={text(v, 'iban')}
            maxlength={50}
            autocomplete="off"
            spellcheck={false}
            required
          />
        </Field>
        <Field name="bankName" errors={e}>
          <input type="text" {...inputAttrs('bankName', e)} value={text(v, 'bankName')} maxlength={200} autocomplete="off" required />
        </Field>
      </div>

      <div class="form-actions">
        <button type="submit">Išsaugoti</button>
      </div>
    </form>
  );
}

function Value(props: { value: string | null | undefined }) {
  return props.value ? <>{props.value}</> : <span class="muted">—</span>;
}

function InfoReadOnly(props: { row: InstitutionInfoRow | undefined }) {
  const r = props.row;
  return (
    <>
      {r ? null : <Notice kind="info">Institucijos informacija dar nepateikta. Ją pateikia institucijos administratorius.</Notice>}
      <dl class="readonly">
        <dt>{L.description}</dt>
        <dd class="preserve-lines">
          <Value value={r?.description} />
        </dd>
      </dl>
      <h2 class="form-section">Už mokymosi programų įgyvendinimą atsakingas asmuo</h2>
      <p class="muted">
        <small>PASTABA. {CERTIFICATE_NOTE}</small>
      </p>
      <dl class="readonly grid-2">
        <div>
          <dt>{L.contactFirstName}</dt>
          <dd>
            <Value value={r?.contact_first_name} />
          </dd>
        </div>
        <div>
          <dt>{L.contactLastName}</dt>
          <dd>
            <Value value={r?.contact_last_name} />
          </dd>
        </div>
        <div>
          <dt>{L.contactPosition}</dt>
          <dd>
            <Value value={r?.contact_position} />
          </dd>
        </div>
        <div>
          <dt>{L.contactPhone}</dt>
          <dd>
            <Value value={r ? formatPhone(r.contact_phone) : undefined} />
          </dd>
        </div>
        <div>
          <dt>{L.contactEmail}</dt>
          <dd>
            <Value value={r?.contact_email} />
          </dd>
        </div>
      </dl>
      <h2 class="form-section">Banko rekvizitai</h2>
      <p class="muted">
        <small>{CONTRACT_NOTE}</small>
      </p>
      <dl class="readonly grid-2">
        <div>
          <dt>{L.iban}</dt>
          <dd>
            <Value value={r ? formatIban(r.iban) : null} />
          </dd>
        </div>
        <div>
          <dt>{L.bankName}</dt>
          <dd>
            <Value value={r?.bank_name} />
          </dd>
        </div>
      </dl>
      <p>
        <small class="muted">Šią informaciją keisti gali institucijos naudotojas su „Mokymo institucijos administratorius“ teisėmis.</small>
      </p>
    </>
  );
}
