// "Licencijuotų mokymo programų sąrašas" (§3.6): the list of the institution's licensed programmes
// and modules, and the window "Įtraukti naują programą" in its steps (LIC-2..LIC-19): the venue,
// then a programme licensed there, then the programme's registry data with the provider's fields,
// and the module list. Each step is re-rendered by the server (htmx, hx-get on a change); the
// contact hours' sum is an htmx preview fragment (the CSP allows no inline script).
import type { LicensedOffer as Offer } from '../../workflows/domain/licensed-programme.ts';
import type { SmpkrModule, SmpkrProgramme } from '../../activities/registries/smpkr.ts';
import type { LicensedProgrammeItem } from '../../db/queries/licensed-programmes.ts';
import type { Venue } from '../../db/schema.ts';
import {
  ADD_MODULE_BUTTON,
  ADD_WHOLE_BUTTON,
  LICENSED_APP,
  LICENSED_FORM_LABELS as L,
  MENU_LABEL,
  NEW_PROGRAMME_BUTTON,
  SUSPEND_ACTION,
  TEACHING_LANGUAGES,
  TRAINING_MODES,
  TRAINING_MODE_KEYS,
  contactHoursPreview,
  formatHoursNumber,
  formatHoursText,
  isTrainingMode,
  licensedKindLabel,
  list,
  type LicensedFieldErrors,
  type LicensedFormField,
  type LicensedFormInput,
} from '../../workflows/domain/licensed-programme.ts';
import { formFields } from './form-fields.tsx';
import { CsrfField, Notice } from './layout.tsx';

const { Field, inputAttrs } = formFields<LicensedFormField>(L);

export const LIST_PATH = '/licencijuotos-programos';
const WINDOW_PATH = '/licencijuotos-programos/nauja';
const PREVIEW_PATH = '/licencijuotos-programos/nauja/trukme';
const WINDOW_ID = 'licencijuotos-programos-langas';
const SUM_ID = 'kontaktinio-darbo-trukme';
/** Sent with HX-Trigger after a change, for panels that show the list. */
export const CHANGED_EVENT = 'licencijuotos-programos-pakeistos';

export type ListNotice = { kind: 'success' | 'error' | 'info'; text: string };

function text(values: LicensedFormInput, key: string): string {
  const v = values[key];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}

const FORMAL_STAGES: Record<string, string> = { INITIAL: 'pirminis profesinis mokymas', CONTINUING: 'tęstinis profesinis mokymas' };
const MODULE_TYPES: Record<SmpkrModule['type'], string> = { GENERAL: 'bendrasis', MANDATORY: 'privalomasis', ELECTIVE: 'pasirenkamasis' };

function modeLabel(mode: string | null): string {
  return mode && isTrainingMode(mode) ? TRAINING_MODES[mode] : '—';
}

// ---- The list ----------------------------------------------------------------------------------

export function LicensedProgrammesPage(props: { items: LicensedProgrammeItem[]; notice?: ListNotice | undefined }) {
  return (
    <>
      <h1>{LICENSED_APP}</h1>
      <p>
        Čia įtraukiamos SMPKR įregistruotos formaliojo pirminio / tęstinio profesinio mokymo programos, profesinio mokymo programos
        moduliai, neformaliojo profesinio mokymo programos ir jų moduliai, kuriuos pagal Licencijų registrą institucija gali vykdyti savo
        mokymo vietose. Įtrauktos programos ir moduliai atsiranda aplikacijoje <a href="/programos">„Institucijos mokymosi programos“</a>.
      </p>
      <p>
        <a href={WINDOW_PATH} role="button">
          {NEW_PROGRAMME_BUTTON}
        </a>
      </p>
      {props.notice ? <Notice kind={props.notice.kind}>{props.notice.text}</Notice> : null}
      <section id="licencijuotu-programu-sarasas" aria-label={LICENSED_APP}>
        {props.items.length === 0 ? (
          <Notice kind="info">
            Institucija dar neturi licencijuotų mokymo programų. Paspaudę „{NEW_PROGRAMME_BUTTON}“ įtraukite pirmąją.
          </Notice>
        ) : (
          <table class="licensed-programmes">
            <thead>
              <tr>
                <th scope="col">Kodas</th>
                <th scope="col">Pavadinimas</th>
                <th scope="col">{L.venueId}</th>
                <th scope="col">{L.trainingMode}</th>
                <th scope="col">{L.languages}</th>
                <th scope="col">{L.contactHours}</th>
                <th scope="col">Būsena</th>
                <th scope="col">{MENU_LABEL}</th>
              </tr>
            </thead>
            <tbody>
              {props.items.map((p) => (
                <LicensedProgrammeRow item={p} />
              ))}
            </tbody>
          </table>
        )}
        <ListCount items={props.items} />
      </section>
    </>
  );
}

/** How many items, and how many of them active; refreshed out of band after a suspension. */
function ListCount(props: { items: Pick<LicensedProgrammeItem, 'state'>[]; oob?: boolean }) {
  const active = props.items.filter((p) => p.state === 'ACTIVE').length;
  return (
    <p class="muted" id="licencijuotu-programu-skaicius" hx-swap-oob={props.oob ? 'true' : undefined}>
      Iš viso: {props.items.length}, iš jų aktyvių: {active}.
    </p>
  );
}

export function itemLabel(p: Pick<LicensedProgrammeItem, 'code' | 'name' | 'venue_name'>): string {
  return `${p.code} ${p.name}${p.venue_name ? ` (${p.venue_name})` : ''}`;
}

/** One row; after "Stabdyti mokymo programą" it is swapped in place. */
function LicensedProgrammeRow(props: { item: LicensedProgrammeItem }) {
  const p = props.item;
  const suspended = p.state !== 'ACTIVE';
  const label = itemLabel(p);
  return (
    <tr id={`licencijuota-${p.id}`}>
      <td class="nowrap">
        <a href={`/programos/${p.id}`}>{p.code}</a>
      </td>
      <td>
        {p.name}
        <small class="block muted">{licensedKindLabel(p.kind, p.registry_data?.programme.kind)}</small>
        {p.module_code && p.smpkr_code ? <small class="block muted">Programos {p.smpkr_code} modulis</small> : null}
      </td>
      <td>
        {p.venue_name ?? <span class="muted">—</span>}
        {p.venue_address ? <small class="block muted">{p.venue_address}</small> : null}
      </td>
      <td>{modeLabel(p.training_mode)}</td>
      <td>{p.languages.join(', ')}</td>
      <td>
        {formatHoursText(p.contact_hours)}
        {p.theory_hours !== null ? (
          <>
            <small class="block muted">
              teorinio {formatHoursText(p.theory_hours)}, praktinio {formatHoursText(p.practice_hours)}
            </small>
            <small class="block muted">savarankiško {formatHoursText(p.self_study_hours)} (neįskaičiuojama)</small>
          </>
        ) : null}
      </td>
      <td>
        {suspended ? (
          <>
            <span class="status-badge" data-status="Sustabdyta">
              {p.state === 'SUSPENDED' ? 'Sustabdyta' : 'Išregistruota'}
            </span>
            {p.remarks ? <small class="block">{p.remarks}</small> : null}
          </>
        ) : (
          <span class="status-badge">Aktyvi</span>
        )}
      </td>
      <td>
        {suspended ? (
          <span class="muted">—</span>
        ) : (
          <details class="dropdown">
            <summary aria-label={`${MENU_LABEL}: ${label}`}>{MENU_LABEL}</summary>
            <ul dir="rtl">
              <li>
                <a
                  href={`${LIST_PATH}/${p.id}/stabdyti`}
                  hx-post={`${LIST_PATH}/${p.id}/stabdyti`}
                  hx-target="closest tr"
                  hx-swap="outerHTML"
                  hx-confirm={`Ar tikrai stabdyti mokymo programą „${label}“? Sustabdytai programai naujų mokymo grupių kurti nebus galima; jau sukurtos grupės tęsiamos.`}
                >
                  {SUSPEND_ACTION}
                </a>
              </li>
            </ul>
          </details>
        )}
      </td>
    </tr>
  );
}

/** The row after a suspension, with the message in the page's message area. */
export function SuspendedRowFragment(props: { item: LicensedProgrammeItem; items: LicensedProgrammeItem[]; notice: ListNotice }) {
  return (
    <>
      <LicensedProgrammeRow item={props.item} />
      <ListCount items={props.items} oob />
      <div id="pranesimai" role="status" aria-live="polite" hx-swap-oob="true">
        <Notice kind={props.notice.kind}>{props.notice.text}</Notice>
      </div>
    </>
  );
}

/** "Stabdyti mokymo programą" without JavaScript: a page that asks first. */
export function SuspendConfirmPage(props: { item: LicensedProgrammeItem }) {
  const p = props.item;
  const label = itemLabel(p);
  return (
    <>
      <p>
        <a href={LIST_PATH}>{LICENSED_APP}</a> /
      </p>
      <h1>{SUSPEND_ACTION}</h1>
      {p.state === 'ACTIVE' ? (
        <>
          <p>
            Ar tikrai stabdyti mokymo programą „{label}“? Sustabdytai programai naujų mokymo grupių kurti nebus galima; jau sukurtos grupės
            tęsiamos. Aplikacijoje „Institucijos mokymosi programos“ prie jos bus rodoma pastaba.
          </p>
          <form method="post" action={`${LIST_PATH}/${p.id}/stabdyti`} class="form-actions">
            <CsrfField />
            <button type="submit" class="outline danger">
              {SUSPEND_ACTION}
            </button>
            <a href={LIST_PATH} class="secondary">
              Atšaukti
            </a>
          </form>
        </>
      ) : (
        <Notice kind="info">Mokymo programa „{label}“ jau sustabdyta.</Notice>
      )}
    </>
  );
}

// ---- The window "Įtraukti naują programą" ------------------------------------------------------

export interface ProgrammeOffer extends Offer {
  /** The whole programme is already active at the venue (LIC-17). */
  added: boolean;
}

export interface LicensedWindowProps {
  /** What was typed or chosen so far (kept through every step, error and registry failure). */
  values: LicensedFormInput;
  errors: LicensedFieldErrors;
  message?: ListNotice | undefined;
  idempotencyKey: string;
  venues: Venue[];
  venue: Venue | null;
  /** LIC-16: the programmes licensed at the venue; null when no venue is chosen or the registry failed. */
  offers: ProgrammeOffer[] | null;
  /** The chosen programme's licence at the venue, and its SMPKR record. */
  offer: ProgrammeOffer | null;
  programme: SmpkrProgramme | null;
  /** Codes active at the venue (whole programmes and modules, LIC-17). */
  activeCodes: ReadonlySet<string>;
  /** A registry could not be asked: what the person reads. */
  registryProblem?: string | undefined;
}

/** Attributes of a control whose change re-renders the window for the next step. */
function stepAttrs() {
  return {
    'hx-get': WINDOW_PATH,
    'hx-trigger': 'change',
    'hx-target': `#${WINDOW_ID}`,
    'hx-swap': 'outerHTML',
    'hx-include': 'closest form',
    'hx-params': 'not _csrf',
  };
}

export function LicensedProgrammeWindow(props: LicensedWindowProps) {
  const { values: v, errors: e } = props;
  const programmeCode = text(v, 'programmeCode');
  const showFields = props.programme !== null || (props.registryProblem !== undefined && programmeCode !== '');
  return (
    <form
      method="post"
      action={LIST_PATH}
      hx-post={LIST_PATH}
      hx-target="this"
      hx-swap="outerHTML show:top"
      novalidate
      id={WINDOW_ID}
      class="licensed-form"
    >
      {props.message ? <Notice kind={props.message.kind}>{props.message.text}</Notice> : null}
      <CsrfField />
      <input type="hidden" name="idempotencyKey" value={props.idempotencyKey} />
      <Field
        name="venueId"
        errors={e}
        hint="Mokymo vieta, kurioje registruota mokymo programos vykdymo licencija (iš aplikacijos „Mokymo vietos“)."
      >
        <select {...inputAttrs('venueId', e, true)} {...stepAttrs()} required>
          <option value="">– Pasirinkite mokymo vietą –</option>
          {props.venues.map((venue) => (
            <option value={venue.id} selected={props.venue?.id === venue.id}>
              {venue.address ? `${venue.name} – ${venue.address}` : venue.name}
            </option>
          ))}
        </select>
      </Field>
      {props.venues.length === 0 ? (
        <Notice kind="info">
          Institucija dar neturi mokymo vietų: pirmiausia įtraukite jas aplikacijoje <a href="/mokymo-vietos">„Mokymo vietos“</a>.
        </Notice>
      ) : null}
      {props.registryProblem ? (
        <Notice kind="error">
          {props.registryProblem} Jūsų pasirinkimai ir įvesti duomenys išlieka formoje: pabandykite dar kartą vėliau.
        </Notice>
      ) : null}
      {props.venue && props.offers ? <ProgrammeStep {...props} /> : null}
      {props.venue && !props.offers && programmeCode !== '' ? <input type="hidden" name="programmeCode" value={programmeCode} /> : null}
      {props.programme && props.offer ? <ProgrammeInfo programme={props.programme} offer={props.offer} venue={props.venue} /> : null}
      {showFields ? <ProviderFields {...props} /> : null}
      {showFields ? <ModuleStep {...props} /> : null}
      <p>
        <a href={LIST_PATH} class="secondary">
          Atšaukti
        </a>
      </p>
    </form>
  );
}

function ProgrammeStep(props: LicensedWindowProps) {
  const { values: v, errors: e } = props;
  const offers = props.offers ?? [];
  const chosen = text(v, 'programmeCode');
  if (offers.length === 0) {
    return (
      <Notice kind="info">
        Pagal Licencijų registrą institucija šioje mokymo vietoje licencijuotų mokymo programų neturi. Pasirinkite kitą mokymo vietą arba
        patikrinkite mokymo vietos adresą: jis turi sutapti su licencijoje nurodytu.
      </Notice>
    );
  }
  return (
    <Field
      name="programmeCode"
      errors={e}
      hint={`Programos, kurias pagal Licencijų registrą institucija gali vykdyti šioje mokymo vietoje (${offers.length}).`}
    >
      <select {...inputAttrs('programmeCode', e, true)} {...stepAttrs()} required>
        <option value="">– Pasirinkite programą –</option>
        {offers.map((o) => (
          <option value={o.code} selected={chosen === o.code}>
            {`${o.code} ${o.name}${o.added ? ' (visa programa jau įtraukta)' : ''}`}
          </option>
        ))}
      </select>
    </Field>
  );
}

function hoursOf(h: { theory: number; practice: number; independent: number }) {
  return `teorinio ${formatHoursNumber(h.theory)}, praktinio ${formatHoursNumber(h.practice)}, savarankiško ${formatHoursNumber(h.independent)} val.`;
}

/** LIC-6: the programme's data from SMPKR and Licencijų registras, read-only. */
function ProgrammeInfo(props: { programme: SmpkrProgramme; offer: ProgrammeOffer; venue: Venue | null }) {
  const p = props.programme;
  const row = (term: string, value: string | number) => (
    <div>
      <dt>{term}</dt>
      <dd>{value === '' ? '—' : value}</dd>
    </div>
  );
  return (
    <section aria-labelledby="programos-informacija">
      <h2 class="form-section" id="programos-informacija">
        Programos informacija
      </h2>
      <p class="muted tab-lead">Duomenys gaunami iš SMPKR ir Licencijų registro; IMP IS jų keisti negalima.</p>
      <dl class="readonly grid-2">
        {row('Programos kodas', p.code)}
        {row('Programos pavadinimas', p.name)}
        {row('Programos rūšis', licensedKindLabel(p.kind, p.kind) + (p.formalStage ? ` (${FORMAL_STAGES[p.formalStage]})` : ''))}
        {row('LTKS lygis', p.ltksLevel)}
        {row('Suteikiama kvalifikacija', p.qualification)}
        {row('Švietimo sritis', p.educationField)}
        {row('Apimtis mokymosi kreditais', formatHoursNumber(p.credits))}
        {row('Trukmė pagal SMPKR', hoursOf(p.hours))}
        {row('Reikalavimai asmeniui', p.entryRequirements)}
        {row('Įregistruota SMPKR', p.registeredOn)}
        {row('Licencijos Nr.', props.offer.licenceNumber)}
        {row('Vykdymo vieta pagal licenciją', props.offer.licenceAddress)}
        {row('Licencija vykdyti šioje vietoje galioja nuo', props.offer.validFrom)}
        {row('Modulių skaičius', p.modules.length)}
      </dl>
    </section>
  );
}

/** LIC-7..LIC-11: what the provider sets, and the sum that is computed, never typed. */
function ProviderFields(props: LicensedWindowProps) {
  const { values: v, errors: e } = props;
  const mode = text(v, 'trainingMode');
  const languages = list(v, 'languages');
  const hoursAttrs = {
    'hx-get': PREVIEW_PATH,
    'hx-trigger': 'input changed delay:300ms, change',
    'hx-target': `#${SUM_ID}`,
    'hx-swap': 'outerHTML',
    'hx-include': '#f-theoryHours, #f-practiceHours',
  };
  return (
    <section aria-labelledby="teikejo-duomenys">
      <h2 class="form-section" id="teikejo-duomenys">
        Mokymo teikėjo nurodoma informacija
      </h2>
      <p class="muted tab-lead">Nurodytas mokymo būdas, kalbos ir trukmės taikomos įtraukiamai programai arba atskiram moduliui.</p>
      <div class="filters">
        <fieldset aria-invalid={e.trainingMode ? 'true' : undefined} aria-describedby={e.trainingMode ? 'e-trainingMode' : undefined}>
          <legend>{L.trainingMode}</legend>
          {TRAINING_MODE_KEYS.map((key) => (
            <label>
              <input type="radio" name="trainingMode" value={key} id={`f-trainingMode-${key}`} checked={mode === key} />
              {TRAINING_MODES[key]}
            </label>
          ))}
        </fieldset>
        {e.trainingMode ? (
          <small id="e-trainingMode" class="field-error">
            {e.trainingMode}
          </small>
        ) : null}
        <fieldset aria-invalid={e.languages ? 'true' : undefined} aria-describedby={e.languages ? 'e-languages' : undefined}>
          <legend>{L.languages}</legend>
          {TEACHING_LANGUAGES.map((lang) => (
            <label>
              <input type="checkbox" name="languages" value={lang} id={`f-languages-${lang}`} checked={languages.includes(lang)} />
              {lang}
            </label>
          ))}
        </fieldset>
        {e.languages ? (
          <small id="e-languages" class="field-error">
            {e.languages}
          </small>
        ) : null}
      </div>
      <div class="grid-2">
        <Field name="theoryHours" errors={e} hint="Akademinėmis valandomis, pvz., 40 arba 12,5.">
          <input
            type="text"
            inputmode="decimal"
            {...inputAttrs('theoryHours', e, true)}
            {...hoursAttrs}
            value={text(v, 'theoryHours')}
            maxlength={10}
            autocomplete="off"
            required
          />
        </Field>
        <Field name="practiceHours" errors={e} hint="Akademinėmis valandomis, pvz., 80.">
          <input
            type="text"
            inputmode="decimal"
            {...inputAttrs('practiceHours', e, true)}
            {...hoursAttrs}
            value={text(v, 'practiceHours')}
            maxlength={10}
            autocomplete="off"
            required
          />
        </Field>
        <ContactHoursField values={v} error={e.contactHours} />
        <div class="field">
          <label for="f-selfStudyHours">{L.selfStudyHours}</label>
          <input
            type="text"
            id="f-selfStudyHours"
            readonly
            value={props.programme ? formatHoursNumber(props.programme.hours.independent) : '—'}
            aria-describedby="h-selfStudyHours"
          />
          <small id="h-selfStudyHours">Pagal SMPKR (visos programos); į kontaktinio darbo trukmę neįskaičiuojama.</small>
        </div>
      </div>
      <div class="form-actions">
        <button type="submit" name="itraukti" value="programa">
          {ADD_WHOLE_BUTTON}
        </button>
      </div>
    </section>
  );
}

/** LIC-10: theoretical + practical, computed (here and live through PREVIEW_PATH), not editable. */
export function ContactHoursField(props: { values: LicensedFormInput; error?: string | undefined }) {
  const sum = contactHoursPreview(props.values);
  return (
    <div class="field" id={SUM_ID}>
      <label for="f-contactHours">{L.contactHours}</label>
      <input
        type="text"
        id="f-contactHours"
        readonly
        value={sum === null ? '—' : formatHoursNumber(sum)}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={props.error ? 'e-contactHours' : 'h-contactHours'}
        aria-live="polite"
      />
      {props.error ? (
        <small id="e-contactHours" class="field-error">
          {props.error}
        </small>
      ) : (
        <small id="h-contactHours">
          {sum === null
            ? 'Apskaičiuojama, kai trukmės nurodytos teisingai.'
            : 'Apskaičiuojama automatiškai: teorinio ir praktinio kontaktinio darbo trukmių suma.'}
        </small>
      )}
    </div>
  );
}

/** LIC-13: "Modulių sąrašas" of the chosen programme and "Įtraukti atskirą modulį". */
function ModuleStep(props: LicensedWindowProps) {
  const { values: v, errors: e } = props;
  const chosen = text(v, 'moduleCode');
  const modules = props.programme?.modules ?? [];
  const chosenModule = modules.find((m) => m.code === chosen);
  if (props.programme === null) {
    return chosen ? <input type="hidden" name="moduleCode" value={chosen} /> : null;
  }
  return (
    <section aria-labelledby="atskiras-modulis">
      <h2 class="form-section" id="atskiras-modulis">
        Atskiras programos modulis
      </h2>
      <p class="muted tab-lead">Norėdami įtraukti tik vieną programos modulį, pasirinkite jį sąraše ir spauskite „{ADD_MODULE_BUTTON}“.</p>
      <Field name="moduleCode" errors={e}>
        <select {...inputAttrs('moduleCode', e)} {...stepAttrs()}>
          <option value="">– Pasirinkite modulį –</option>
          {modules.map((m) => (
            <option value={m.code} selected={chosen === m.code}>
              {`${m.code} ${m.name} (${MODULE_TYPES[m.type]}, ${formatHoursNumber(m.credits)} kr.)${props.activeCodes.has(m.code) ? ' (jau įtrauktas)' : ''}`}
            </option>
          ))}
        </select>
      </Field>
      {chosenModule ? (
        <dl class="readonly grid-2">
          <div>
            <dt>Modulio trukmė pagal SMPKR</dt>
            <dd>{hoursOf(chosenModule.hours)}</dd>
          </div>
          <div>
            <dt>{L.selfStudyHours} (modulio)</dt>
            <dd>{formatHoursNumber(chosenModule.hours.independent)} val. – į kontaktinio darbo trukmę neįskaičiuojama</dd>
          </div>
        </dl>
      ) : null}
      <div class="form-actions">
        <button type="submit" name="itraukti" value="modulis" class="secondary">
          {ADD_MODULE_BUTTON}
        </button>
      </div>
    </section>
  );
}

export function LicensedWindowPage(props: LicensedWindowProps) {
  return (
    <>
      <p>
        <a href={LIST_PATH}>{LICENSED_APP}</a> /
      </p>
      <h1>{NEW_PROGRAMME_BUTTON}</h1>
      <p>
        Pirmiausia nurodykite mokymo vietą, kurioje registruota mokymo programos vykdymo licencija, tada eilutėje „{L.programmeCode}“
        pasirinkite programą. Galima įtraukti visą programą („{ADD_WHOLE_BUTTON}“) arba atskirą jos modulį („{ADD_MODULE_BUTTON}“).
      </p>
      <LicensedProgrammeWindow {...props} />
    </>
  );
}
