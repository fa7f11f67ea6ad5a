// "Institucijos KPMPC protokolai" (manual §3.8; MON-1, MON-3..MON-5, MON-9..MON-11): the provider's
// list of released protocols with its filters, one protocol with the observations form and the
// signature, and the protocol's facts, which the observer's pages show too.
import type { ProtocolFilters, ProtocolItem } from '../../db/queries/monitoring-protocols.ts';
import { formatDate, formatDateTime } from '../../workflows/domain/date-format.ts';
import {
  MONITORING_RESULT_LABELS,
  MONITORING_RESULTS,
  OBSERVATIONS_MAX_LENGTH,
  PROTOCOL_STATUS_LABELS,
  ProtocolStatus,
  PROVIDER_CHOICE_LABELS,
  ProviderChoice,
  SIGNATURE_STATE_LABELS,
  signatureStateOf,
  type SignatureState,
} from '../../workflows/domain/monitoring-protocol.ts';
import { CommandNotice, CsrfField, Notice } from './layout.tsx';

export const PROTOCOLS_PATH = '/kpmpc-protokolai';

/** The protocol as recorded: group, date, result, findings, critical deficiencies, and the signature once there (MON-9). */
export function ProtocolFacts(props: { item: ProtocolItem; showInstitution?: boolean }) {
  const { item } = props;
  const p = item.protocol;
  const signature = signatureStateOf(p.status);
  return (
    <>
      <dl class="facts">
        {props.showInstitution ? (
          <>
            <dt>Mokymo institucija</dt>
            <dd>{item.institutionName}</dd>
          </>
        ) : null}
        <dt>Mokymosi programa</dt>
        <dd>
          {item.programmeCode} {item.programmeName}
        </dd>
        <dt>Mokymo grupė</dt>
        <dd>{item.groupName}</dd>
        <dt>Stebėsenos data</dt>
        <dd>{formatDate(p.monitored_on)}</dd>
        <dt>Stebėtojas</dt>
        <dd>{item.observerName}</dd>
        <dt>Rezultatas</dt>
        <dd>{MONITORING_RESULT_LABELS[p.result]}</dd>
        <dt>Kritiniai trūkumai</dt>
        <dd>{p.critical_deficiencies ? <strong>Nustatyta kritinių trūkumų</strong> : 'Kritinių trūkumų nenustatyta'}</dd>
        <dt>Protokolo būsena</dt>
        <dd>
          <span class="status-badge" data-status={PROTOCOL_STATUS_LABELS[p.status]}>
            {PROTOCOL_STATUS_LABELS[p.status]}
          </span>
        </dd>
        {p.released_at ? (
          <>
            <dt>Pateikta mokymo teikėjui</dt>
            <dd>{formatDateTime(p.released_at)}</dd>
          </>
        ) : null}
        {signature ? (
          <>
            <dt>Parašo būsena</dt>
            <dd>{SIGNATURE_STATE_LABELS[signature]}</dd>
          </>
        ) : null}
      </dl>
      <section aria-labelledby="nustatyta">
        <h2 id="nustatyta">Nustatyta</h2>
        <p class="preserve-lines">{p.findings}</p>
      </section>
      {p.status === ProtocolStatus.Signed ? (
        <section aria-labelledby="parasas">
          <h2 id="parasas">Mokymo teikėjo parašas</h2>
          <dl class="facts">
            <dt>Su protokole užfiksuota informacija</dt>
            <dd>{p.provider_choice ? <strong>{PROVIDER_CHOICE_LABELS[p.provider_choice]}</strong> : ''}</dd>
            <dt>Mokymo teikėjo pastebėjimai</dt>
            <dd class="preserve-lines">{p.provider_observations ?? 'Pastebėjimų nepateikta.'}</dd>
            <dt>Pasirašė</dt>
            <dd>
              {p.signed_by_name}, {formatDateTime(p.signed_at)}
            </dd>
          </dl>
        </section>
      ) : null}
    </>
  );
}

export interface ProtocolListChoices {
  programmes: { id: string; label: string }[];
  groups: { id: string; label: string }[];
}

/** MON-1, MON-11: the institution's protocols, filterable by programme, group, date, result and signature status. */
export function ProtocolListPage(props: {
  items: ProtocolItem[];
  filters: ProtocolFilters;
  choices: ProtocolListChoices;
  filterError?: string | undefined;
}) {
  const f = props.filters;
  const signatures = Object.keys(SIGNATURE_STATE_LABELS) as SignatureState[];
  return (
    <>
      <h1>Institucijos KPMPC protokolai</h1>
      <p>
        Mokymosi programos įgyvendinimo stebėjimo vykdymo protokolai. Stebėseną atlieka KPMPC direktoriaus įsakymu patvirtinti atsakingi
        asmenys (Stebėtojai). Nenustačius kritinių trūkumų, su protokolu reikia susipažinti ir jį pasirašyti.
      </p>
      <form method="get" action={PROTOCOLS_PATH} class="filters" role="search" aria-label="Protokolų paieška">
        <div class="grid">
          <label>
            Mokymosi programa
            <select name="programa">
              <option value="">Visos</option>
              {props.choices.programmes.map((p) => (
                <option value={p.id} selected={f.programmeId === p.id}>
                  {p.label}
                </option>
              ))}
            </select>
          </label>
          <label>
            Mokymo grupė
            <select name="grupe">
              <option value="">Visos</option>
              {props.choices.groups.map((g) => (
                <option value={g.id} selected={f.groupId === g.id}>
                  {g.label}
                </option>
              ))}
            </select>
          </label>
          <label>
            Stebėsenos data nuo
            <input type="date" name="nuo" value={f.from ?? ''} />
          </label>
          <label>
            iki
            <input type="date" name="iki" value={f.to ?? ''} />
          </label>
          <label>
            Rezultatas
            <select name="rezultatas">
              <option value="">Visi</option>
              {MONITORING_RESULTS.map((r) => (
                <option value={r} selected={f.result === r}>
                  {MONITORING_RESULT_LABELS[r]}
                </option>
              ))}
            </select>
          </label>
          <label>
            Parašo būsena
            <select name="parasas">
              <option value="">Visos</option>
              {signatures.map((s) => (
                <option value={s} selected={f.signature === s}>
                  {SIGNATURE_STATE_LABELS[s]}
                </option>
              ))}
            </select>
          </label>
        </div>
        <button type="submit">Filtruoti</button> <a href={PROTOCOLS_PATH}>Rodyti visus</a>
      </form>
      {props.filterError ? <Notice kind="error">{props.filterError}</Notice> : null}
      {props.items.length === 0 ? (
        <p>Protokolų nėra.</p>
      ) : (
        <table class="striped">
          <thead>
            <tr>
              <th scope="col">Mokymosi programa</th>
              <th scope="col">Mokymo grupė</th>
              <th scope="col">Stebėsenos data</th>
              <th scope="col">Rezultatas</th>
              <th scope="col">Parašo būsena</th>
            </tr>
          </thead>
          <tbody>
            {props.items.map((i) => {
              const s = signatureStateOf(i.protocol.status);
              return (
                <tr>
                  <td>
                    {i.programmeCode} {i.programmeName}
                  </td>
                  <td>
                    <a href={`${PROTOCOLS_PATH}/${i.protocol.id}`}>{i.groupName}</a>
                  </td>
                  <td class="nowrap">{formatDate(i.protocol.monitored_on)}</td>
                  <td>
                    {MONITORING_RESULT_LABELS[i.protocol.result]}
                    {i.protocol.critical_deficiencies ? (
                      <>
                        {' '}
                        <strong class="status-badge overdue">Kritiniai trūkumai</strong>
                      </>
                    ) : null}
                  </td>
                  <td>{s ? SIGNATURE_STATE_LABELS[s] : ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}

export interface SignFormState {
  formKey: string;
  values?: { choice?: string; observations?: string };
  errors?: Record<string, string>;
  error?: string | undefined;
}

/** One protocol for the provider: the facts, and while it awaits the signature, the form (MON-3..MON-5). */
export function ProtocolPage(props: { item: ProtocolItem; form: SignFormState; canSign: boolean; notice?: string | undefined }) {
  const p = props.item.protocol;
  return (
    <>
      <p>
        <a href={PROTOCOLS_PATH}>← Institucijos KPMPC protokolai</a>
      </p>
      <h1>KPMPC stebėsenos protokolas</h1>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      {props.form.error ? <CommandNotice text={props.form.error} /> : null}
      {p.status === ProtocolStatus.CriticalDeficiencies ? (
        <Notice kind="error">
          Stebėsenos metu nustatyta kritinių trūkumų. Protokolo pasirašyti nereikia. Dėl tolesnių veiksmų (pvz., mokymo grupės sustabdymo)
          sprendžia platformos operatorius.
        </Notice>
      ) : null}
      <ProtocolFacts item={props.item} />
      {p.status === ProtocolStatus.AwaitingSignature ? (
        props.canSign ? (
          <SignForm protocolId={p.id} form={props.form} />
        ) : (
          <p>Protokolą pasirašyti gali institucijos naudotojas, turintis „Mokymo institucijos administratorius“ teises.</p>
        )
      ) : null}
    </>
  );
}

function SignForm(props: { protocolId: string; form: SignFormState }) {
  const { form } = props;
  const errors = form.errors ?? {};
  return (
    <form method="post" action={`${PROTOCOLS_PATH}/${props.protocolId}/pasirasyti`} class="decision-form" novalidate>
      <h2>Susipažinimas ir pasirašymas</h2>
      <CsrfField />
      <input type="hidden" name="idempotencyKey" value={form.formKey} />
      <label>
        Mokymo teikėjo pastebėjimai (neprivaloma)
        <textarea
          name="observations"
          rows={5}
          maxlength={OBSERVATIONS_MAX_LENGTH}
          aria-invalid={errors.observations ? 'true' : undefined}
          aria-describedby={errors.observations ? 'observations-error' : undefined}
        >
          {form.values?.observations ?? ''}
        </textarea>
        {errors.observations ? <small id="observations-error">{errors.observations}</small> : null}
      </label>
      <fieldset aria-invalid={errors.choice ? 'true' : undefined} aria-describedby={errors.choice ? 'choice-error' : undefined}>
        <legend>Su protokole užfiksuota informacija</legend>
        {[ProviderChoice.Agree, ProviderChoice.Disagree].map((c) => (
          <label>
            <input type="radio" name="choice" value={c} checked={form.values?.choice === c} required />
            {PROVIDER_CHOICE_LABELS[c]}
          </label>
        ))}
        {errors.choice ? <small id="choice-error">{errors.choice}</small> : null}
      </fieldset>
      <p>
        <small>
          Spausdami „Pasirašyti“ patvirtinate, kad susipažinote su protokolu. Parašas įrašomas jūsų, prisijungusio per VIISP naudotojo,
          vardu su data ir laiku; po pasirašymo protokolo keisti nebegalima.
        </small>
      </p>
      <button type="submit">Pasirašyti</button>
    </form>
  );
}
