// The KPMPC observer's pages (MON-2, MON-7, LECT-12; L7) in the staff frame: finding a provider's
// group, its timetable and lecturers with their evidence documents, a protocol's form (draft), its
// release, and the released protocol read-only with the provider's signature once there (MON-9).
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { GroupLecturer, ObservedGroup, ProtocolItem } from '../../db/queries/monitoring-protocols.ts';
import type { ScheduleSession } from '../../db/queries/schedule.ts';
import type { PersonSession } from '../../db/tables/participants.ts';
import { formatDate } from '../../workflows/domain/date-format.ts';
import { isLecturerRequirement, REQUIREMENT_LABELS } from '../../workflows/domain/lecturer.ts';
import {
  FINDINGS_MAX_LENGTH,
  MONITORING_RESULT_LABELS,
  MONITORING_RESULTS,
  PROTOCOL_STATUS_LABELS,
  ProtocolStatus,
} from '../../workflows/domain/monitoring-protocol.ts';
import { formatAcademicHours, SESSION_MODE_LABELS } from '../../workflows/domain/schedule.ts';
import { trainingGroupWorkflowId } from '../../workflows/ids.ts';
import type { AppEnv } from '../context.ts';
import { CommandNotice, CsrfField, Notice } from './layout.tsx';
import { ProtocolFacts } from './monitoring-protocols.tsx';
import { StaffLayout, StaffMessage, staffHtml, STAFF_FRAMES } from './staff-layout.tsx';

export const OBSERVER_HOME = STAFF_FRAMES.STEBETOJAS.home;

export function ObserverLayout(props: { title: string; person: PersonSession | undefined; children: Child }) {
  return (
    <StaffLayout role="STEBETOJAS" title={props.title} person={props.person}>
      {props.children}
    </StaffLayout>
  );
}

export function observerHtml(c: Context<AppEnv>, node: Child, status: ContentfulStatusCode = 200) {
  return staffHtml(c, 'STEBETOJAS', node, status);
}

export function ObserverMessage(props: {
  title: string;
  message: string;
  person: PersonSession | undefined;
  requestId?: string | undefined;
}) {
  return <StaffMessage role="STEBETOJAS" {...props} />;
}

export const groupPath = (id: string) => `${OBSERVER_HOME}/grupes/${id}`;
export const protocolPath = (id: string) => `${OBSERVER_HOME}/protokolai/${id}`;

/** Home: the group search (MON-7) and the observer's own protocols. */
export function ObserverHomePage(props: {
  person: PersonSession;
  query: string;
  groups: ObservedGroup[] | null;
  own: ProtocolItem[];
  notice?: string | undefined;
  error?: string | undefined;
}) {
  return (
    <ObserverLayout title="KPMPC stebėsena" person={props.person}>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      <h1>KPMPC stebėsena</h1>
      <form method="get" action={OBSERVER_HOME} role="search" aria-label="Mokymo grupių paieška">
        <label>
          Mokymo institucija, mokymosi programa arba mokymo grupė
          <input
            type="search"
            name="paieska"
            value={props.query}
            minlength={2}
            maxlength={200}
            aria-invalid={props.error ? 'true' : undefined}
          />
          {props.error ? <small>{props.error}</small> : null}
        </label>
        <button type="submit">Ieškoti</button>
      </form>
      {props.groups === null ? null : props.groups.length === 0 ? (
        <p>Mokymo grupių nerasta.</p>
      ) : (
        <table class="striped">
          <thead>
            <tr>
              <th scope="col">Mokymo institucija</th>
              <th scope="col">Mokymosi programa</th>
              <th scope="col">Mokymo grupė</th>
              <th scope="col">Vykdymo laikotarpis</th>
              <th scope="col">Būsena</th>
            </tr>
          </thead>
          <tbody>
            {props.groups.map((g) => (
              <tr>
                <td>{g.institutionName}</td>
                <td>
                  {g.programmeCode} {g.programmeName}
                </td>
                <td>
                  <a href={groupPath(g.id)}>{g.name}</a>
                </td>
                <td class="nowrap">
                  {formatDate(g.programmeStart)} – {formatDate(g.programmeEnd)}
                </td>
                <td>{g.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Mano protokolai</h2>
      <ProtocolTable items={props.own} showInstitution />
    </ObserverLayout>
  );
}

function ProtocolTable(props: { items: ProtocolItem[]; showInstitution?: boolean }) {
  if (props.items.length === 0) return <p>Protokolų nėra.</p>;
  return (
    <table class="striped">
      <thead>
        <tr>
          {props.showInstitution ? <th scope="col">Mokymo institucija</th> : null}
          <th scope="col">Mokymo grupė</th>
          <th scope="col">Stebėsenos data</th>
          <th scope="col">Rezultatas</th>
          <th scope="col">Būsena</th>
        </tr>
      </thead>
      <tbody>
        {props.items.map((i) => (
          <tr>
            {props.showInstitution ? <td>{i.institutionName}</td> : null}
            <td>
              <a href={protocolPath(i.protocol.id)}>{i.groupName}</a>
            </td>
            <td class="nowrap">{formatDate(i.protocol.monitored_on)}</td>
            <td>{MONITORING_RESULT_LABELS[i.protocol.result]}</td>
            <td>{PROTOCOL_STATUS_LABELS[i.protocol.status]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A group: its timetable, its lecturers with their evidence (LECT-12), its protocols, and "Naujas protokolas". */
export function ObservedGroupPage(props: {
  person: PersonSession;
  group: ObservedGroup;
  sessions: ScheduleSession[];
  lecturers: GroupLecturer[];
  protocols: ProtocolItem[];
}) {
  const g = props.group;
  return (
    <ObserverLayout title={g.name} person={props.person}>
      <p>
        <a href={OBSERVER_HOME}>← KPMPC stebėsena</a>
      </p>
      <h1>{g.name}</h1>
      <dl class="facts">
        <dt>Mokymo institucija</dt>
        <dd>{g.institutionName}</dd>
        <dt>Mokymosi programa</dt>
        <dd>
          {g.programmeCode} {g.programmeName}
        </dd>
        <dt>Vykdymo laikotarpis</dt>
        <dd>
          {formatDate(g.programmeStart)} – {formatDate(g.programmeEnd)}
        </dd>
        <dt>Būsena</dt>
        <dd>{g.status}</dd>
      </dl>
      <p>
        <a role="button" href={`${groupPath(g.id)}/protokolai/naujas`}>
          Naujas protokolas
        </a>
      </p>
      <h2>Stebėsenos protokolai</h2>
      <ProtocolTable items={props.protocols} />
      <h2>Tvarkaraštis</h2>
      {props.sessions.length === 0 ? (
        <p>Užsiėmimų nesuplanuota.</p>
      ) : (
        <table class="striped">
          <thead>
            <tr>
              <th scope="col">Data</th>
              <th scope="col">Laikas</th>
              <th scope="col">Trukmė</th>
              <th scope="col">Užsiėmimo būdas</th>
              <th scope="col">Mokymo vieta</th>
              <th scope="col">Lektorius</th>
            </tr>
          </thead>
          <tbody>
            {props.sessions.map((s) => (
              <tr>
                <td class="nowrap">{formatDate(s.date)}</td>
                <td class="nowrap">{s.startTime}</td>
                <td class="nowrap">{formatAcademicHours(s.durationMinutes)}</td>
                <td>{SESSION_MODE_LABELS[s.mode]}</td>
                <td>
                  {s.venueName}
                  {s.auditorium ? `, ${s.auditorium}` : ''}
                </td>
                <td>{s.lecturerName}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Lektoriai</h2>
      {props.lecturers.length === 0 ? (
        <p>Tvarkaraštyje lektorių nėra.</p>
      ) : (
        <ul>
          {props.lecturers.map((l) => (
            <li>
              <strong>{l.name}</strong>
              {l.documents.length === 0 ? (
                <> – dokumentų nepateikta</>
              ) : (
                <ul>
                  {l.documents.map((d) => (
                    <li>
                      {isLecturerRequirement(d.requirement) ? REQUIREMENT_LABELS[d.requirement] : d.requirement}:{' '}
                      <a href={`${groupPath(g.id)}/failai/${d.fileId}`}>{d.name}</a> ({Math.max(1, Math.ceil(d.size / 1024))} KB)
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
    </ObserverLayout>
  );
}

export interface ProtocolFormState {
  formKey: string;
  /** The protocol's id, fixed by the form, so that a resubmitted form saves the same protocol. */
  protocolId: string;
  values?: { monitoredOn?: string; findings?: string; result?: string; critical?: string };
  errors?: Record<string, string>;
  error?: string | undefined;
}

/** MON-7: the protocol's form (a new one, or the draft). */
export function ProtocolForm(props: { action: string; form: ProtocolFormState; today: string; submit: string }) {
  const { form } = props;
  const v = form.values ?? {};
  const errors = form.errors ?? {};
  const invalid = (f: string) => (errors[f] ? 'true' : undefined);
  const described = (f: string) => (errors[f] ? `${f}-error` : undefined);
  return (
    <form method="post" action={props.action} novalidate>
      <CsrfField />
      <input type="hidden" name="idempotencyKey" value={form.formKey} />
      <input type="hidden" name="protocolId" value={form.protocolId} />
      <label>
        Stebėsenos data
        <input
          type="date"
          name="monitoredOn"
          value={v.monitoredOn ?? ''}
          max={props.today}
          required
          aria-invalid={invalid('monitoredOn')}
          aria-describedby={described('monitoredOn')}
        />
        {errors.monitoredOn ? <small id="monitoredOn-error">{errors.monitoredOn}</small> : null}
      </label>
      <label>
        Nustatyta
        <textarea
          name="findings"
          rows={8}
          maxlength={FINDINGS_MAX_LENGTH}
          required
          aria-invalid={invalid('findings')}
          aria-describedby={described('findings')}
        >
          {v.findings ?? ''}
        </textarea>
        {errors.findings ? <small id="findings-error">{errors.findings}</small> : null}
      </label>
      <label>
        Rezultatas
        <select name="result" required aria-invalid={invalid('result')} aria-describedby={described('result')}>
          <option value="">Pasirinkite</option>
          {MONITORING_RESULTS.map((r) => (
            <option value={r} selected={v.result === r}>
              {MONITORING_RESULT_LABELS[r]}
            </option>
          ))}
        </select>
        {errors.result ? <small id="result-error">{errors.result}</small> : null}
      </label>
      <fieldset aria-invalid={invalid('critical')} aria-describedby={described('critical')}>
        <legend>Ar nustatyta kritinių trūkumų?</legend>
        <label>
          <input type="radio" name="critical" value="ne" checked={v.critical === 'ne'} required />
          Ne
        </label>
        <label>
          <input type="radio" name="critical" value="taip" checked={v.critical === 'taip'} />
          Taip
        </label>
        {errors.critical ? <small id="critical-error">{errors.critical}</small> : null}
      </fieldset>
      <button type="submit">{props.submit}</button>
    </form>
  );
}

export function NewProtocolPage(props: { person: PersonSession; group: ObservedGroup; form: ProtocolFormState; today: string }) {
  const g = props.group;
  return (
    <ObserverLayout title="Naujas protokolas" person={props.person}>
      <p>
        <a href={groupPath(g.id)}>← {g.name}</a>
      </p>
      <h1>Naujas stebėsenos protokolas</h1>
      <p>
        {g.institutionName} · {g.programmeCode} {g.programmeName} · {g.name}
      </p>
      {props.form.error ? <CommandNotice text={props.form.error} /> : null}
      <p>Protokolas išsaugomas kaip rengiamas; mokymo teikėjas jį matys tik jums jį pateikus.</p>
      <ProtocolForm action={`${groupPath(g.id)}/protokolai`} form={props.form} today={props.today} submit="Išsaugoti" />
    </ObserverLayout>
  );
}

/** One protocol for the observer: the draft's form and "Pateikti mokymo teikėjui", or the released protocol read-only. */
export function ObserverProtocolPage(props: {
  person: PersonSession;
  item: ProtocolItem;
  form: ProtocolFormState;
  releaseKey: string;
  today: string;
  notice?: string | undefined;
}) {
  const { item } = props;
  const p = item.protocol;
  const draft = p.status === ProtocolStatus.Draft;
  return (
    <ObserverLayout title="Stebėsenos protokolas" person={props.person}>
      <p>
        <a href={groupPath(p.group_id)}>← {item.groupName}</a>
      </p>
      <h1>Stebėsenos protokolas</h1>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      {props.form.error ? <CommandNotice text={props.form.error} /> : null}
      <ProtocolFacts item={item} showInstitution />
      {p.status === ProtocolStatus.CriticalDeficiencies ? (
        <Notice kind="info">
          <p>
            Nustačius kritinių trūkumų mokymo teikėjo parašas neprašomas (MON-10). Platformos operatorius gali sustabdyti mokymo grupę
            („Sustabdyta“) jos darbo eigoje <code>{trainingGroupWorkflowId(p.group_id)}</code> (Temporal UI: „Update“{' '}
            <code>suspendGroup</code>), o sustabdymą atšaukia kaip įprasta (<code>liftSuspension</code>). Iš komandinės eilutės:
          </p>
          <pre>
            <code>{`temporal workflow update execute --workflow-id ${trainingGroupWorkflowId(p.group_id)} --name suspendGroup --input '{"operator":"<vardas>","reason":"KPMPC stebėsenos protokolas: kritiniai trūkumai"}'`}</code>
          </pre>
        </Notice>
      ) : null}
      {p.status === ProtocolStatus.AwaitingSignature ? <p>Protokolas pateiktas mokymo teikėjui ir laukia jo parašo.</p> : null}
      {draft ? (
        <>
          <h2>Redaguoti</h2>
          <ProtocolForm action={protocolPath(p.id)} form={props.form} today={props.today} submit="Išsaugoti pakeitimus" />
          <form method="post" action={`${protocolPath(p.id)}/pateikti`}>
            <CsrfField />
            <input type="hidden" name="idempotencyKey" value={props.releaseKey} />
            <p>Pateiktas protokolas bus matomas mokymo teikėjui; jo keisti nebebus galima.</p>
            <button type="submit">Pateikti mokymo teikėjui</button>
          </form>
        </>
      ) : null}
    </ObserverLayout>
  );
}
