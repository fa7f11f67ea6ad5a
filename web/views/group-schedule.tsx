// Tab "Tvarkaraštis" of a group (manual §3.7.2, SCHED-1..SCHED-28): the contact-hours counter, the
// sessions with "Redaguoti", "Kopijuoti", "Trinti", and the session form opened by "Pridėti". Every
// action is a plain link or form (pages work without JavaScript); htmx swaps the panel in place.
import type { CompletionTabItem } from '../../db/queries/completion-tab.ts';
import type { ScheduleSession } from '../../db/queries/schedule.ts';
import type { Venue } from '../../db/schema.ts';
import {
  COUNTER_LABEL,
  formatAcademicHours,
  isModeChoosable,
  programmeModeLabel,
  SESSION_FIELD_LABELS,
  SESSION_MODE_LABELS,
  SESSION_MODES,
  allowedSessionModes,
  scheduleReadOnlyMessage,
  timeRange,
  type ContactHoursCounter,
  type SessionFieldErrors,
  type SessionFormInput,
} from '../../workflows/domain/schedule.ts';
import { formFields } from './form-fields.tsx';
import { CommandNotice, CsrfField, Notice } from './layout.tsx';

const SCHEDULE_PANEL_ID = 'tvarkarastis';
/** The event a change sends (HX-Trigger): the counter reloads itself. */
export const SCHEDULE_CHANGED_EVENT = 'tvarkarastis-pakeistas';

export function schedulePath(groupId: string, rest = ''): string {
  return `/grupes/${groupId}/tvarkarastis${rest}`;
}

const { Field, inputAttrs } = formFields(SESSION_FIELD_LABELS);

/** SCHED-17, SCHED-18: "Suplanuota … / Programoje numatyta …", with the warning while they differ. */
export function ScheduleCounter(props: { groupId: string; counter: ContactHoursCounter }) {
  const k = props.counter;
  return (
    <div
      id="tvarkarascio-skaitiklis"
      class="schedule-counter"
      hx-get={schedulePath(props.groupId, '/skaitiklis')}
      hx-trigger={`${SCHEDULE_CHANGED_EVENT} from:body`}
      hx-swap="outerHTML"
    >
      <p>
        {COUNTER_LABEL}:{' '}
        <strong data-state={k.state}>
          {k.planned} / {k.required}
        </strong>
      </p>
      {k.warning ? <Notice kind="error">{k.warning}</Notice> : null}
    </div>
  );
}

/** What the panel shows besides the list: nothing, a form, or a delete confirmation. */
export type ScheduleDialog =
  | { kind: 'none' }
  | { kind: 'create'; values: SessionFormInput; errors: SessionFieldErrors; idempotencyKey: string; message?: string | undefined }
  | {
      kind: 'edit';
      session: ScheduleSession;
      values: SessionFormInput;
      errors: SessionFieldErrors;
      idempotencyKey: string;
      message?: string | undefined;
    }
  | {
      kind: 'copy';
      session: ScheduleSession;
      values: SessionFormInput;
      errors: SessionFieldErrors;
      idempotencyKey: string;
      message?: string | undefined;
    }
  | { kind: 'delete'; session: ScheduleSession; idempotencyKey: string };

export interface SchedulePanelProps {
  groupId: string;
  status: string;
  editable: boolean;
  /** Changes are e-mailed to the registered participants (SCHED-27: "Skelbiama", "Vykdoma"). */
  notifies: boolean;
  programmeStart: string;
  programmeEnd: string;
  programmeMode: string | null;
  sessions: ScheduleSession[];
  firstId: string | null;
  lastId: string | null;
  /** SCHED-22, SCHED-28: who is on the first session's and the last session's list, with their marks. */
  markLists?: { started: CompletionTabItem[]; completed: CompletionTabItem[] } | undefined;
  venues: Venue[];
  remoteVenueId: string | null;
  lecturers: { id: string; name: string }[];
  dialog: ScheduleDialog;
  success?: string | undefined;
  error?: string | undefined;
}

const swap = (path: string) => ({ 'hx-get': path, 'hx-target': `#${SCHEDULE_PANEL_ID}`, 'hx-swap': 'outerHTML' });

export function SchedulePanel(props: SchedulePanelProps) {
  const d = props.dialog;
  return (
    <section id={SCHEDULE_PANEL_ID} aria-label="Tvarkaraštis">
      {props.success ? <Notice kind="success">{props.success}</Notice> : null}
      {props.error ? <CommandNotice text={props.error} /> : null}
      {!props.editable ? (
        <p>
          <small>{scheduleReadOnlyMessage(props.status)}</small>
        </p>
      ) : props.notifies ? (
        <p>
          <small>Grupė paskelbta: apie kiekvieną tvarkaraščio pakeitimą užsiregistravusiems asmenims pranešama el. paštu.</small>
        </p>
      ) : null}
      {props.editable && d.kind === 'none' ? (
        <p>
          <a href={schedulePath(props.groupId, '/naujas')} role="button" {...swap(schedulePath(props.groupId, '/naujas'))}>
            Pridėti
          </a>
        </p>
      ) : null}
      {d.kind === 'create' || d.kind === 'edit' || d.kind === 'copy' ? <SessionFormView {...props} dialog={d} /> : null}
      {d.kind === 'delete' ? <DeleteConfirmation groupId={props.groupId} session={d.session} idempotencyKey={d.idempotencyKey} /> : null}
      <SessionTable {...props} />
    </section>
  );
}

function sessionSummary(s: ScheduleSession): string {
  return `${s.date} ${timeRange(s.startTime, s.durationMinutes)}`;
}

function SessionTable(props: SchedulePanelProps) {
  if (props.sessions.length === 0) return <p>Tvarkaraštyje užsiėmimų dar nėra.</p>;
  return (
    <>
      <div class="table-scroll">
        <table class="schedule">
          <thead>
            <tr>
              <th scope="col">Data</th>
              <th scope="col">Laikas, trukmė</th>
              <th scope="col">Užsiėmimo būdas</th>
              <th scope="col">Užsiėmimo vieta, auditorija</th>
              <th scope="col">Lektorius</th>
              <th scope="col">Papildoma informacija</th>
              <th scope="col">Mokymus pradėjo / Mokymus baigė</th>
              {props.editable ? <th scope="col">Veiksmai</th> : null}
            </tr>
          </thead>
          <tbody>
            {props.sessions.map((s) => (
              <tr id={`uzsiemimas-${s.id}`}>
                <td class="nowrap" data-field="date">
                  {s.date}
                </td>
                <td>
                  <span class="nowrap" data-field="time">
                    {timeRange(s.startTime, s.durationMinutes)}
                  </span>
                  <small class="block muted" data-field="duration">
                    {s.durationMinutes} min. ({formatAcademicHours(s.durationMinutes)} akad. val.)
                  </small>
                </td>
                <td data-field="mode">{SESSION_MODE_LABELS[s.mode]}</td>
                <td>
                  <span data-field="venue">{s.venueName}</span>
                  {s.auditorium ? (
                    <small class="block">
                      Auditorija: <span data-field="auditorium">{s.auditorium}</span>
                    </small>
                  ) : null}
                  {s.link ? (
                    <small class="block">
                      <a href={s.link} rel="noopener noreferrer" target="_blank">
                        Užsiėmimo nuoroda
                      </a>
                    </small>
                  ) : null}
                </td>
                <td data-field="lecturer">
                  {s.lecturerName}
                  {s.lecturerActive ? null : <small class="muted"> (neaktyvus)</small>}
                </td>
                <td data-field="info">{s.additionalInfo ?? ''}</td>
                <td data-field="markers">
                  {s.id === props.firstId ? <span class="status-badge">Mokymus pradėjo</span> : null}
                  {s.id === props.firstId && s.id === props.lastId ? ' ' : null}
                  {s.id === props.lastId ? <span class="status-badge">Mokymus baigė</span> : null}
                </td>
                {props.editable ? (
                  <td>
                    <div class="row-actions">
                      <a
                        href={schedulePath(props.groupId, `/${s.id}/redaguoti`)}
                        aria-label={`Redaguoti: ${sessionSummary(s)}`}
                        {...swap(schedulePath(props.groupId, `/${s.id}/redaguoti`))}
                      >
                        Redaguoti
                      </a>
                      <a
                        href={schedulePath(props.groupId, `/${s.id}/kopijuoti`)}
                        aria-label={`Kopijuoti: ${sessionSummary(s)}`}
                        {...swap(schedulePath(props.groupId, `/${s.id}/kopijuoti`))}
                      >
                        Kopijuoti
                      </a>
                      <a
                        href={schedulePath(props.groupId, `/${s.id}/trinti`)}
                        aria-label={`Trinti: ${sessionSummary(s)}`}
                        {...swap(schedulePath(props.groupId, `/${s.id}/trinti`))}
                      >
                        Trinti
                      </a>
                    </div>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <MarkLists {...props} />
    </>
  );
}

/**
 * SCHED-22, SCHED-28 (DONE-2): at the first session, the list "Mokymus pradėjo" (participants whose
 * contract is in force); at the last, "Mokymus baigė" (those marked started), each with her mark; the
 * marks themselves are made in the tab "Mokymų baigimas".
 */
function MarkLists(props: SchedulePanelProps) {
  const first = props.sessions.find((s) => s.id === props.firstId);
  const last = props.sessions.find((s) => s.id === props.lastId);
  const lists = props.markLists ?? { started: [], completed: [] };
  const name = (p: CompletionTabItem) => `${p.firstName} ${p.lastName}`;
  const startedMark = (p: CompletionTabItem) =>
    p.record.startedAt !== null ? 'pažymėta' : p.record.lockedAt !== null ? 'nepažymėta laiku' : 'nepažymėta';
  return (
    <section class="mark-lists" aria-label="Mokymus pradėjo / Mokymus baigė">
      <p>
        <small>
          Prie pirmojo ir paskutiniojo užsiėmimo fiksuojamas mokymosi programą pradėjusių („Mokymus pradėjo“) ir baigusių („Mokymus baigė“)
          asmenų sąrašas. Žymos žymimos kortelėje <a href={`/grupes/${props.groupId}/baigimas`}>„Mokymų baigimas“</a>.
        </small>
      </p>
      <h2 id="mokymus-pradejo">Mokymus pradėjo{first ? ` (pirmasis užsiėmimas ${first.date})` : ''}</h2>
      {lists.started.length === 0 ? (
        <p>Dalyvių, su kuriais galioja mokymosi sutartis, nėra.</p>
      ) : (
        <ul aria-labelledby="mokymus-pradejo" data-list="started">
          {lists.started.map((p) => (
            <li data-contract={p.contractId}>
              {name(p)} – {startedMark(p)}
            </li>
          ))}
        </ul>
      )}
      <h2 id="mokymus-baige">Mokymus baigė{last ? ` (paskutinis užsiėmimas ${last.date})` : ''}</h2>
      {lists.completed.length === 0 ? (
        <p>Dalyvių, pažymėtų kaip pradėjusių mokymus, nėra.</p>
      ) : (
        <ul aria-labelledby="mokymus-baige" data-list="completed">
          {lists.completed.map((p) => (
            <li data-contract={p.contractId}>
              {name(p)} – {p.record.completedAt !== null ? 'pažymėta' : 'nepažymėta'}
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href={`/grupes/${props.groupId}/baigimas`} role="button" class="outline">
          Žymėti kortelėje „Mokymų baigimas“
        </a>
      </p>
    </section>
  );
}

function DeleteConfirmation(props: { groupId: string; session: ScheduleSession; idempotencyKey: string }) {
  const action = schedulePath(props.groupId, `/${props.session.id}/trynimas`);
  return (
    <article class="notice notice-error" aria-label="Užsiėmimo trynimas">
      <p>
        Ar tikrai norite ištrinti užsiėmimą {sessionSummary(props.session)} ({props.session.lecturerName})?
      </p>
      <form method="post" action={action} hx-post={action} hx-target={`#${SCHEDULE_PANEL_ID}`} hx-swap="outerHTML" class="row-actions">
        <CsrfField />
        <input type="hidden" name="idempotencyKey" value={props.idempotencyKey} />
        <button type="submit" class="outline danger">
          Trinti
        </button>
        <a href={schedulePath(props.groupId)} {...swap(schedulePath(props.groupId))}>
          Atšaukti
        </a>
      </form>
    </article>
  );
}

function text(values: SessionFormInput, key: string): string {
  const v = values[key];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}

function chosen(values: SessionFormInput): Set<string> {
  const v = values.dates;
  return new Set(v === undefined ? [] : Array.isArray(v) ? v : [v]);
}

type FormDialog = Extract<ScheduleDialog, { kind: 'create' | 'edit' | 'copy' }>;

function SessionFormView(props: SchedulePanelProps & { dialog: FormDialog }) {
  const d = props.dialog;
  const action =
    d.kind === 'create'
      ? schedulePath(props.groupId)
      : d.kind === 'edit'
        ? schedulePath(props.groupId, `/${d.session.id}`)
        : schedulePath(props.groupId, `/${d.session.id}/kopija`);
  const title =
    d.kind === 'create'
      ? 'Naujas užsiėmimas'
      : d.kind === 'edit'
        ? `Redaguoti užsiėmimą ${sessionSummary(d.session)}`
        : `Kopijuoti užsiėmimą ${sessionSummary(d.session)}`;
  const submit = d.kind === 'create' ? 'Įtraukti naują užsiėmimą' : d.kind === 'edit' ? 'Išsaugoti' : 'Kopijuoti';
  const e = d.errors;
  return (
    <form
      id="uzsiemimo-forma"
      method="post"
      action={action}
      hx-post={action}
      hx-target={`#${SCHEDULE_PANEL_ID}`}
      hx-swap="outerHTML"
      class="session-form"
      novalidate
    >
      <h2>{title}</h2>
      {d.message ? <CommandNotice text={d.message} /> : null}
      <CsrfField />
      <input type="hidden" name="idempotencyKey" value={d.idempotencyKey} />
      {d.kind === 'edit' ? (
        <Field name="dates" errors={e}>
          <input
            type="date"
            {...inputAttrs('dates', e)}
            name="date"
            value={text(d.values, 'date')}
            min={props.programmeStart}
            max={props.programmeEnd}
            required
          />
        </Field>
      ) : (
        <DayCalendar
          start={props.programmeStart}
          end={props.programmeEnd}
          selected={chosen(d.values)}
          error={e.dates}
          busy={new Set(props.sessions.map((s) => s.date))}
        />
      )}
      {d.kind === 'copy' ? (
        <p>
          <small>
            Kiekvienai pasirinktai dienai sukuriamas užsiėmimas su tuo pačiu laiku, trukme, būdu, vieta, auditorija, lektoriumi ir papildoma
            informacija.
          </small>
        </p>
      ) : (
        <SessionFields {...props} values={d.values} errors={e} />
      )}
      <button type="submit">{submit}</button>{' '}
      <a href={schedulePath(props.groupId)} {...swap(schedulePath(props.groupId))}>
        Atšaukti
      </a>
    </form>
  );
}

function SessionFields(props: SchedulePanelProps & { values: SessionFormInput; errors: SessionFieldErrors }) {
  const { values: v, errors: e } = props;
  const choosable = isModeChoosable(props.programmeMode);
  const modeLabel = programmeModeLabel(props.programmeMode);
  const physical = props.venues.filter((x) => x.id !== props.remoteVenueId);
  return (
    <>
      <Field name="startTime" errors={e}>
        <input type="time" {...inputAttrs('startTime', e)} value={text(v, 'startTime')} required />
      </Field>
      <Field
        name="durationMinutes"
        errors={e}
        hint="Minutėmis, be pertraukų (viena akademinė valanda – 45 min.). Jei planuojama pertrauka, kurkite kelis užsiėmimus."
      >
        <input
          type="number"
          min="1"
          max="720"
          step="1"
          inputmode="numeric"
          {...inputAttrs('durationMinutes', e, true)}
          value={text(v, 'durationMinutes')}
          required
        />
      </Field>
      {choosable ? (
        <fieldset aria-invalid={e.mode ? 'true' : undefined} aria-describedby={e.mode ? 'e-mode' : 'h-mode'}>
          <legend>{SESSION_FIELD_LABELS.mode}</legend>
          {SESSION_MODES.map((m) => (
            <label>
              <input type="radio" name="mode" value={m} checked={text(v, 'mode') === m} /> {SESSION_MODE_LABELS[m]}
            </label>
          ))}
          {e.mode ? (
            <small id="e-mode" class="field-error">
              {e.mode}
            </small>
          ) : (
            <small id="h-mode">
              {modeLabel
                ? `Programos mokymo būdas – „${modeLabel}“: galima rinktis kontaktinį arba nuotolinį sinchroninį užsiėmimo būdą.`
                : 'Programos mokymo būdas nenurodytas: galima rinktis kontaktinį arba nuotolinį sinchroninį užsiėmimo būdą.'}{' '}
              Pasirinktas būdas bus siūlomas naujiems užsiėmimams.
            </small>
          )}
        </fieldset>
      ) : (
        <p>
          {SESSION_FIELD_LABELS.mode}: <strong>{SESSION_MODE_LABELS[allowedSessionModes(props.programmeMode)[0]!]}</strong>{' '}
          <small>(pagal programos mokymo būdą)</small>
        </p>
      )}
      <Field
        name="link"
        errors={e}
        hint="Prisijungimo prie virtualaus susitikimo nuoroda (https://…); privaloma nuotoliniam sinchroniniam užsiėmimui."
        optional
      >
        <input type="url" {...inputAttrs('link', e, true)} value={text(v, 'link')} placeholder="https://" />
      </Field>
      <Field
        name="venueId"
        errors={e}
        hint="Kontaktiniam užsiėmimui – iš aplikacijos „Mokymo vietos“; nuotoliniam sinchroniniam nustatoma „Nuotolinis mokymas“."
      >
        <select {...inputAttrs('venueId', e, true)}>
          <option value="">— pasirinkite —</option>
          {physical.map((x) => (
            <option value={x.id} selected={text(v, 'venueId') === x.id}>
              {x.name}
            </option>
          ))}
          {props.remoteVenueId ? (
            <option value={props.remoteVenueId} selected={text(v, 'venueId') === props.remoteVenueId}>
              {props.venues.find((x) => x.id === props.remoteVenueId)?.name}
            </option>
          ) : null}
        </select>
      </Field>
      <Field name="auditorium" errors={e} optional>
        <input type="text" maxlength={100} {...inputAttrs('auditorium', e)} value={text(v, 'auditorium')} />
      </Field>
      <Field name="lecturerId" errors={e} hint="Siūlomi tik lektoriai, pažymėti „Aktyvus lektorius“ aplikacijoje „Lektorių sąrašas“.">
        <select {...inputAttrs('lecturerId', e, true)} required>
          <option value="">— pasirinkite —</option>
          {props.lecturers.map((l) => (
            <option value={l.id} selected={text(v, 'lecturerId') === l.id}>
              {l.name}
            </option>
          ))}
        </select>
      </Field>
      <Field name="additionalInfo" errors={e} optional>
        <textarea rows={2} maxlength={2000} {...inputAttrs('additionalInfo', e)}>
          {text(v, 'additionalInfo')}
        </textarea>
      </Field>
    </>
  );
}

const MONTHS = [
  'sausis',
  'vasaris',
  'kovas',
  'balandis',
  'gegužė',
  'birželis',
  'liepa',
  'rugpjūtis',
  'rugsėjis',
  'spalis',
  'lapkritis',
  'gruodis',
];
const WEEKDAYS = ['Pr', 'An', 'Tr', 'Kt', 'Pn', 'Š', 'S'];

/** Monday-first weekday index (0 = Monday) of an ISO date. */
function weekday(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * "Pradžia" (SCHED-3, SCHED-4): the programme's delivery period as month calendars of check boxes,
 * several days at once, without JavaScript. Days with a session already are marked.
 */
function DayCalendar(props: { start: string; end: string; selected: Set<string>; error: string | undefined; busy: Set<string> }) {
  const months: { year: number; month: number }[] = [];
  let [y, m] = props.start.split('-').map(Number) as [number, number];
  const [ey, em] = props.end.split('-').map(Number) as [number, number];
  while (y < ey || (y === ey && m <= em)) {
    months.push({ year: y, month: m });
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return (
    <fieldset class="day-calendar" aria-invalid={props.error ? 'true' : undefined} aria-describedby={props.error ? 'e-dates' : 'h-dates'}>
      <legend>{SESSION_FIELD_LABELS.dates}</legend>
      {props.error ? (
        <small id="e-dates" class="field-error">
          {props.error}
        </small>
      ) : (
        <small id="h-dates">
          Pažymėkite vieną ar kelias dienas nuo {props.start} iki {props.end}: kiekvienai sukuriamas užsiėmimas. Dienos, kuriose jau yra
          užsiėmimų, pažymėtos •.
        </small>
      )}
      <div class="months">
        {months.map(({ year, month }) => {
          const prefix = `${year}-${String(month).padStart(2, '0')}-`;
          const first = `${prefix}01`;
          const cells: (string | null)[] = Array.from({ length: weekday(first) }, () => null);
          for (let day = 1; day <= daysInMonth(year, month); day++) cells.push(`${prefix}${String(day).padStart(2, '0')}`);
          while (cells.length % 7) cells.push(null);
          const weeks = Array.from({ length: cells.length / 7 }, (_, i) => cells.slice(i * 7, i * 7 + 7));
          return (
            <table class="calendar">
              <caption>
                {year} m. {MONTHS[month - 1]}
              </caption>
              <thead>
                <tr>
                  {WEEKDAYS.map((w) => (
                    <th scope="col">{w}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {weeks.map((week) => (
                  <tr>
                    {week.map((iso) =>
                      iso && iso >= props.start && iso <= props.end ? (
                        <td class={props.busy.has(iso) ? 'busy' : undefined}>
                          <label>
                            <input type="checkbox" name="dates" value={iso} aria-label={iso} checked={props.selected.has(iso)} />
                            {Number(iso.slice(8))}
                            {props.busy.has(iso) ? '•' : ''}
                          </label>
                        </td>
                      ) : (
                        <td>{iso ? <span class="muted">{Number(iso.slice(8))}</span> : null}</td>
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          );
        })}
      </div>
    </fieldset>
  );
}
