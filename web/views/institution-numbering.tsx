// Tab "Mokymo sutarties numeracija" (§3.2.3; NUM-1..NUM-11): the numbering stages of non-formal adult
// education contracts with the form for a new one and its live "Pilnas sutarties numeris", and the
// note that SMPKR programmes' numbers come from "Mokinių registras".
import type { ContractNumberingStageRow } from '../../db/tables/institution-info.ts';
import {
  FULL_NUMBER_LABEL,
  NUMBERING_LABELS as L,
  STAGE_STATE_LABELS,
  formatContractNumber,
  previewContractNumbers,
  stageState,
  type NumberingField,
  type NumberingFieldErrors,
  type NumberingInput,
  type NumberPreview,
} from '../../workflows/domain/contract-number.ts';
import { formFields } from './form-fields.tsx';
import { CsrfField, Notice } from './layout.tsx';
import { formatDateTime } from '../../workflows/domain/date-format.ts';

const { Field, inputAttrs } = formFields<NumberingField>(L);

const NUMBERING_PANEL_ID = 'numeracijos-kortele';
const PREVIEW_PATH = '/institucija/numeracija/perziura';

const NON_FORMAL_TITLE = 'Neformaliojo suaugusiųjų švietimo ir tęstinio mokymosi programų sutarčių numeracija';
const SMPKR_TITLE =
  'Formaliojo pirminio / tęstinio profesinio mokymo programų, Neformaliojo profesinio mokymo programų ar jų modulių sutarčių numeracija';

const FORMAT_HINT =
  'Tiek nulių, kiek skaitmenų turi turėti eilės numeris: trūkstami skaitmenys papildomi nuliais priekyje (formatas 00000 ir pradžios skaičius 1 – 00001). ' +
  'Pilnas sutarties numeris = priešdėlis + eilės numeris + priesaga, pvz., MS-00001/2026. Eilės numeris, ilgesnis už formatą, rašomas visas.';

const AFFIX_HINT = 'Galima naudoti raides, skaitmenis ir ženklus „-“, „/“, „.“, „_“ (iki 20 simbolių, be tarpų).';

export function stageFormValues(row: ContractNumberingStageRow): NumberingInput {
  return {
    effectiveFrom: row.effective_from,
    startNumber: String(row.start_number),
    prefix: row.prefix,
    suffix: row.suffix,
    numberFormat: row.number_format,
  };
}

function text(values: NumberingInput, key: NumberingField): string {
  const v = values[key];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}

/** What the preview line holds (the fragment htmx swaps in as the user types). */
export function PreviewContent(props: { preview: NumberPreview }) {
  const p = props.preview;
  if (!p.ok) {
    return (
      <>
        <span class="muted">—</span> <small class="muted">{p.reason}</small>
      </>
    );
  }
  return (
    <>
      <strong class="full-number">{p.first}</strong> <small class="muted">(toliau: {p.next.join(', ')}, …)</small>
    </>
  );
}

/** "Pilnas sutarties numeris": recomputed on the server whenever a field changes (NUM-2). */
function Preview(props: { values: NumberingInput }) {
  return (
    <div class="field number-preview">
      <span class="label" id="l-fullNumber">
        {FULL_NUMBER_LABEL}
      </span>
      <p
        id="pilnas-sutarties-numeris"
        aria-labelledby="l-fullNumber"
        aria-live="polite"
        hx-get={PREVIEW_PATH}
        hx-trigger="input changed delay:300ms from:closest form, change from:closest form"
        hx-include="#f-startNumber, #f-prefix, #f-suffix, #f-numberFormat"
        hx-params="startNumber,prefix,suffix,numberFormat"
        hx-target="this"
        hx-swap="innerHTML"
        hx-sync="this:replace"
      >
        <PreviewContent preview={previewContractNumbers(props.values)} />
      </p>
    </div>
  );
}

export interface StageFormProps {
  action: string;
  values: NumberingInput;
  errors: NumberingFieldErrors;
  message?: string | undefined;
  /** A new stage: its id, chosen with the form (a form sent twice creates one stage). */
  stageKey?: string | undefined;
  submitLabel: string;
  /** Where the response goes: the whole tab panel (new stage) or the form (editing). */
  hxTarget: string;
  cancelHref?: string | undefined;
}

function StageForm(props: StageFormProps) {
  const { values: v, errors: e } = props;
  return (
    <form
      method="post"
      action={props.action}
      hx-post={props.action}
      hx-target={props.hxTarget}
      hx-swap="outerHTML"
      novalidate
      id="numeracijos-etapas"
      class="numbering-form"
    >
      {props.message ? <Notice kind="error">{props.message}</Notice> : null}
      <CsrfField />
      {props.stageKey ? <input type="hidden" name="stageKey" value={props.stageKey} /> : null}
      <div class="grid-2">
        <Field
          name="effectiveFrom"
          errors={e}
          hint={`Nuo šios datos generuojamoms mokymosi sutartims taikoma ši numeracija. ${props.stageKey ? 'Naujo etapo data turi būti vėlesnė už ankstesnių etapų.' : 'Data lieka tarp ankstesnio ir vėlesnio etapų datų.'}`}
        >
          <input type="date" {...inputAttrs('effectiveFrom', e, true)} value={text(v, 'effectiveFrom')} required />
        </Field>
        <Field name="startNumber" errors={e} hint="Pirmosios sutarties eilės numeris; kitos numeruojamos iš eilės.">
          <input type="number" min={1} step={1} {...inputAttrs('startNumber', e, true)} value={text(v, 'startNumber')} required />
        </Field>
        <Field name="prefix" errors={e} optional hint={`Rašomas prieš eilės numerį, pvz., MS-. ${AFFIX_HINT}`}>
          <input
            type="text"
            {...inputAttrs('prefix', e, true)}
            value={text(v, 'prefix')}
            maxlength={20}
            autocomplete="off"
            spellcheck={false}
          />
        </Field>
        <Field name="suffix" errors={e} optional hint={`Rašoma po eilės numerio, pvz., /2026. ${AFFIX_HINT}`}>
          <input
            type="text"
            {...inputAttrs('suffix', e, true)}
            value={text(v, 'suffix')}
            maxlength={20}
            autocomplete="off"
            spellcheck={false}
          />
        </Field>
      </div>
      <Field name="numberFormat" errors={e} hint={FORMAT_HINT}>
        <input
          type="text"
          inputmode="numeric"
          {...inputAttrs('numberFormat', e, true)}
          value={text(v, 'numberFormat')}
          maxlength={10}
          autocomplete="off"
          spellcheck={false}
          required
        />
      </Field>
      <Preview values={v} />
      <div class="form-actions">
        <button type="submit">{props.submitLabel}</button>
        {props.cancelHref ? (
          <a href={props.cancelHref} class="secondary">
            Atšaukti
          </a>
        ) : null}
      </div>
    </form>
  );
}

export interface NumberingTabProps {
  canEdit: boolean;
  stages: ContractNumberingStageRow[];
  today: string;
  /** The new-stage form (administrators). */
  form?: StageFormProps | undefined;
  success?: string | undefined;
  error?: string | undefined;
}

function StageRows(props: { stages: ContractNumberingStageRow[]; today: string; canEdit: boolean }) {
  const all = props.stages.map((s) => ({ effectiveFrom: s.effective_from }));
  return (
    <div class="table-scroll">
      <table class="stages">
        <thead>
          <tr>
            <th scope="col">Galioja nuo</th>
            <th scope="col">Pradžios skaičius</th>
            <th scope="col">Priešdėlis</th>
            <th scope="col">Priesaga</th>
            <th scope="col">Formatas</th>
            <th scope="col">Pirmasis numeris</th>
            <th scope="col">Būsena</th>
            {props.canEdit ? <th scope="col">Veiksmai</th> : null}
          </tr>
        </thead>
        <tbody>
          {props.stages.map((s) => {
            const state = stageState(all, { effectiveFrom: s.effective_from }, props.today);
            const used = s.first_used_at !== null;
            return (
              <tr id={`etapas-${s.id}`}>
                <td class="nowrap">{s.effective_from}</td>
                <td>{s.start_number}</td>
                <td class="code">{s.prefix || <span class="muted">—</span>}</td>
                <td class="code">{s.suffix || <span class="muted">—</span>}</td>
                <td class="mono">{s.number_format}</td>
                <td class="code">
                  <strong>
                    {formatContractNumber({ prefix: s.prefix, suffix: s.suffix, numberFormat: s.number_format }, s.start_number)}
                  </strong>
                </td>
                <td>
                  <span class="stage-state" data-state={state}>
                    {STAGE_STATE_LABELS[state]}
                  </span>
                  {used ? (
                    <small class="muted block-line" title={`Pirmą kartą panaudotas ${formatDateTime(s.first_used_at!)}`}>
                      Naudojamas sutartyse
                    </small>
                  ) : null}
                </td>
                {props.canEdit ? (
                  <td>
                    {used ? (
                      <small class="muted">Keisti negalima</small>
                    ) : (
                      <div class="row-actions">
                        <a href={`/institucija/numeracija/${s.id}/redaguoti`} aria-label={`Redaguoti etapą nuo ${s.effective_from}`}>
                          Redaguoti
                        </a>
                        <form
                          method="post"
                          action={`/institucija/numeracija/${s.id}/salinti`}
                          hx-post={`/institucija/numeracija/${s.id}/salinti`}
                          hx-target={`#${NUMBERING_PANEL_ID}`}
                          hx-swap="outerHTML"
                          hx-confirm={`Ar tikrai pašalinti sutarties etapą, galiojantį nuo ${s.effective_from}?`}
                        >
                          <CsrfField />
                          <button type="submit" class="outline danger small" aria-label={`Pašalinti etapą nuo ${s.effective_from}`}>
                            Pašalinti
                          </button>
                        </form>
                      </div>
                    )}
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The tab's panel: what htmx replaces after a new stage or a removal. */
export function NumberingTab(props: NumberingTabProps) {
  return (
    <section id={NUMBERING_PANEL_ID} aria-label="Mokymo sutarties numeracija">
      {props.success ? <Notice kind="success">{props.success}</Notice> : null}
      {props.error ? <Notice kind="error">{props.error}</Notice> : null}
      <h2 class="form-section">{NON_FORMAL_TITLE}</h2>
      <p>
        Sukurta mokymosi sutarties numeracija galioja visoms mokymo institucijos pasirašomoms mokymosi sutartims pagal neformaliojo
        suaugusiųjų švietimo ir tęstinio mokymosi programą. Esant poreikiui, galima kurti naują sutarties etapą, nurodant naują, vėlesnę
        galiojimo datą. Etapo, pagal kurį jau sunumeruota bent viena sutartis, keisti negalima.
      </p>
      {props.stages.length === 0 ? (
        <Notice kind="info">
          <strong>PASTABA.</strong> Mokymosi sutarties numeracija privalo būti užpildyta iki mokymosi sutarčių pasirašymo inicijavimo.
          Numeracija dar nesukurta.
        </Notice>
      ) : (
        <>
          <h3 class="form-subsection">Sutarties etapai</h3>
          <StageRows stages={props.stages} today={props.today} canEdit={props.canEdit} />
        </>
      )}
      {props.canEdit && props.form ? (
        <>
          <h3 class="form-subsection">{props.stages.length === 0 ? 'Numeracijos sukūrimas' : 'Naujas sutarties etapas'}</h3>
          <StageForm {...props.form} />
        </>
      ) : null}
      {!props.canEdit ? (
        <p>
          <small class="muted">
            Numeraciją kurti ir keisti gali institucijos naudotojas su „Mokymo institucijos administratorius“ teisėmis.
          </small>
        </p>
      ) : null}

      <h2 class="form-section smpkr-title">{SMPKR_TITLE}</h2>
      <Notice kind="info">
        Mokymo programų, kurios užregistruotos Studijų, mokymo programų ir kvalifikacijų registre (SMPKR), sutarčių numeracija ir
        registracijos data automatiškai gaunama iš Mokinių registro, todėl šiai numeracijai IMP IS nieko nurodyti nereikia. Mokymo teikėjas
        privalo tvarkyti mokymų dalyvio duomenis Mokinių registre.
      </Notice>
    </section>
  );
}

/** The edit page of one stage (not yet used). */
export function StageEditPanel(props: { stage: ContractNumberingStageRow; form: StageFormProps }) {
  return (
    <section id="numeracijos-etapo-redagavimas">
      <p>
        <a href="/institucija/numeracija">Mokymo sutarties numeracija</a> /
      </p>
      <h2 class="form-section">Sutarties etapas, galiojantis nuo {props.stage.effective_from}</h2>
      <StageForm {...props.form} />
    </section>
  );
}
