// The programme tab "Programos vykdymo ir sutarties informacija" (§3.7; PROG-12..PROG-19): a form for
// users with 'full' on "Institucijos mokymosi programos", read-only for the others.
import type { ProgrammeExecutionInfoRow } from '../../db/tables/programme-info.ts';
import {
  CONTACT_SECTION,
  CONTRACT_SECTION,
  LONG_TEXT_MAX,
  PROGRAMME_INFO_LABELS as L,
  PROGRAMME_INFO_TAB,
  REQUIRED_PROGRAMME_INFO_FIELDS,
  missingProgrammeInfo,
  type ProgrammeInfoErrors,
  type ProgrammeInfoField,
  type ProgrammeInfoInput,
} from '../../workflows/domain/programme-info.ts';
import { programmeInfoValue } from '../../db/queries/programme-info.ts';
import { formatPhone } from '../../workflows/domain/phone.ts';
import { formFields } from './form-fields.tsx';
import { CsrfField, Notice } from './layout.tsx';

const { Field, inputAttrs } = formFields<ProgrammeInfoField>(L);

const PROGRAMME_INFO_PANEL_ID = 'programos-vykdymo-kortele';

const PUBLIC_NOTE = 'Ši informacija atvaizduojama prie mokymosi programos KURSUOK svetainėje.';
const COMPLETE_NOTE = `PASTABA. Kortelę „${PROGRAMME_INFO_TAB}“ reikia užpildyti iki mokymosi sutarčių pasirašymo inicijavimo. Kol neužpildyti privalomi laukai (${REQUIRED_PROGRAMME_INFO_FIELDS.map((f) => `„${L[f]}“`).join(', ')}), šios programos mokymo grupių paskelbti (būsena „Skelbiama“) negalima.`;
const CONTRACT_LEAD = 'Čia mokymo teikėjas gali mokymosi sutartį papildyti savo sąlygomis.';
const CLAUSE: Partial<Record<ProgrammeInfoField, string>> = {
  personObligations: 'Atvaizduojama mokymosi sutarties 2.10 punkte.',
  providerObligations: 'Atvaizduojama mokymosi sutarties 3.9 punkte.',
  paymentTerms: 'Asmens atsiskaitymo su mokymo teikėju informacija, atvaizduojama mokymosi sutarties 7 punkte.',
};
const RECOGNITION_HINT =
  'Tolesnio asmens mokymosi ir integracijos į formaliąsias studijų ir (arba) profesinio mokymo programas galimybės (jei taikoma), įgytų kompetencijų pripažinimo galimybės (jei taikoma), kita aktuali informacija, susijusi su mokymosi programos vykdymu.';

function programmeInfoFormValues(row: ProgrammeExecutionInfoRow | undefined): ProgrammeInfoInput {
  if (!row) return {};
  const v = programmeInfoValue(row);
  const out: ProgrammeInfoInput = {};
  for (const [k, value] of Object.entries(v)) out[k] = value ?? '';
  out.contactPhone = formatPhone(v.contactPhone);
  return out;
}

function text(values: ProgrammeInfoInput, key: ProgrammeInfoField): string {
  const v = values[key];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}

export interface ProgrammeInfoTabProps {
  programmeId: string;
  canEdit: boolean;
  row: ProgrammeExecutionInfoRow | undefined;
  values?: ProgrammeInfoInput | undefined;
  errors?: ProgrammeInfoErrors | undefined;
  message?: string | undefined;
  success?: string | undefined;
}

/** The tab's panel: what htmx replaces after a save. */
export function ProgrammeInfoTab(props: ProgrammeInfoTabProps) {
  const missing = props.row ? missingProgrammeInfo(programmeInfoValue(props.row)) : [...REQUIRED_PROGRAMME_INFO_FIELDS];
  return (
    <section id={PROGRAMME_INFO_PANEL_ID} aria-label={PROGRAMME_INFO_TAB}>
      {props.success ? <Notice kind="success">{props.success}</Notice> : null}
      <p class="muted">
        <small>{COMPLETE_NOTE}</small>
      </p>
      {missing.length > 0 && !props.message ? (
        <Notice kind="info">
          Kortelė neužpildyta: {missing.map((f) => `„${L[f]}“`).join(', ')}.
          {props.canEdit ? '' : ' Ją užpildo naudotojas, turintis visas „Institucijos mokymosi programos“ teises.'}
        </Notice>
      ) : null}
      {props.canEdit ? <ProgrammeInfoForm {...props} /> : <ProgrammeInfoReadOnly row={props.row} />}
    </section>
  );
}

function LongText(props: { name: ProgrammeInfoField; v: ProgrammeInfoInput; e: ProgrammeInfoErrors; hint?: string }) {
  const optional = !REQUIRED_PROGRAMME_INFO_FIELDS.includes(props.name);
  return (
    <Field name={props.name} errors={props.e} optional={optional} hint={props.hint}>
      <textarea {...inputAttrs(props.name, props.e, props.hint !== undefined)} rows={5} maxlength={LONG_TEXT_MAX} required={!optional}>
        {text(props.v, props.name)}
      </textarea>
    </Field>
  );
}

function ProgrammeInfoForm(props: ProgrammeInfoTabProps) {
  const v = props.values ?? programmeInfoFormValues(props.row);
  const e = props.errors ?? {};
  const action = `/programos/${props.programmeId}/vykdymas`;
  return (
    <form
      method="post"
      action={action}
      hx-post={action}
      hx-target={`#${PROGRAMME_INFO_PANEL_ID}`}
      hx-swap="outerHTML show:top"
      novalidate
      id="programos-vykdymo-informacija"
    >
      {props.message ? <Notice kind="error">{props.message}</Notice> : null}
      <CsrfField />
      <p class="muted">
        <small>{PUBLIC_NOTE}</small>
      </p>
      <LongText name="executionSpecifics" v={v} e={e} />
      <LongText name="additionalRequirements" v={v} e={e} />
      <LongText name="competenceRecognition" v={v} e={e} hint={RECOGNITION_HINT} />

      <h2 class="form-section">{CONTACT_SECTION}</h2>
      <Field name="contactName" errors={e}>
        <input type="text" {...inputAttrs('contactName', e)} value={text(v, 'contactName')} maxlength={200} autocomplete="off" required />
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

      <h2 class="form-section">{CONTRACT_SECTION}</h2>
      <p class="muted">
        <small>{CONTRACT_LEAD}</small>
      </p>
      <LongText name="personObligations" v={v} e={e} hint={CLAUSE.personObligations} />
      <LongText name="providerObligations" v={v} e={e} hint={CLAUSE.providerObligations} />
      <LongText name="paymentTerms" v={v} e={e} hint={CLAUSE.paymentTerms} />

      <div class="form-actions">
        <button type="submit">Išsaugoti</button>
      </div>
    </form>
  );
}

function Value(props: { value: string | null | undefined }) {
  return props.value ? <>{props.value}</> : <span class="muted">—</span>;
}

function Item(props: { field: ProgrammeInfoField; row: ProgrammeExecutionInfoRow | undefined; note?: string | undefined }) {
  const stored = props.row ? programmeInfoValue(props.row)[props.field] : null;
  const value = props.field === 'contactPhone' && stored ? formatPhone(stored) : stored;
  return (
    <>
      <dt>
        {L[props.field]}
        {props.note ? (
          <>
            {' '}
            <small class="muted">({props.note})</small>
          </>
        ) : null}
      </dt>
      <dd class="preserve-lines">
        <Value value={value} />
      </dd>
    </>
  );
}

function ProgrammeInfoReadOnly(props: { row: ProgrammeExecutionInfoRow | undefined }) {
  const r = props.row;
  return (
    <>
      <p class="muted">
        <small>{PUBLIC_NOTE}</small>
      </p>
      <dl class="readonly">
        <Item field="executionSpecifics" row={r} />
        <Item field="additionalRequirements" row={r} />
        <Item field="competenceRecognition" row={r} />
      </dl>
      <h2 class="form-section">{CONTACT_SECTION}</h2>
      <dl class="readonly">
        <Item field="contactName" row={r} />
        <Item field="contactPhone" row={r} />
        <Item field="contactEmail" row={r} />
      </dl>
      <h2 class="form-section">{CONTRACT_SECTION}</h2>
      <dl class="readonly">
        <Item field="personObligations" row={r} note={CLAUSE.personObligations} />
        <Item field="providerObligations" row={r} note={CLAUSE.providerObligations} />
        <Item field="paymentTerms" row={r} note={CLAUSE.paymentTerms} />
      </dl>
    </>
  );
}
