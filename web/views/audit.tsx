// "Audito žurnalas": the institution's audit trail with filters (GEN-9). The title is not in the
// manual; labels of entities, actions and fields are the manual's terms.
import type { AuditFilterOptions, AuditTrailFilters, AuditTrailItem } from '../../db/queries/audit-trail.ts';
import type { FieldChanges } from '../../db/schema.ts';
import { HEAD_ACTOR, SYSTEM_ACTOR } from '../../db/queries/audit-trail.ts';
import { RIGHT_LABELS, isRight } from '../../workflows/domain/access.ts';
import { FUNDING_SOURCE_LABELS, GROUP_INFO_LABELS, type FundingSource } from '../../workflows/domain/group-info.ts';
import { EMPLOYER_FORM_LABELS } from '../../workflows/domain/employer.ts';
import { INSTITUTION_INFO_LABELS } from '../../workflows/domain/institution-info.ts';
import { NUMBERING_LABELS } from '../../workflows/domain/contract-number.ts';
import { LECTURER_FORM_LABELS } from '../../workflows/domain/lecturer.ts';
import { LICENSED_FORM_LABELS } from '../../workflows/domain/licensed-programme.ts';
import { USER_FORM_LABELS } from '../../workflows/domain/user-form.ts';
import { VENUE_FORM_LABELS } from '../../workflows/domain/venue.ts';
import { REGISTRATION_STATUS_LABELS, type RegistrationStatus } from '../../workflows/domain/registration.ts';
import { SESSION_FIELD_LABELS, SESSION_MODE_LABELS, type SessionMode } from '../../workflows/domain/schedule.ts';
import { UZT_DATA_LABELS } from '../../workflows/domain/uzt-coupon.ts';
import { Notice } from './layout.tsx';
import { formatDateTime } from '../../workflows/domain/date-format.ts';
import { Pager, USER_STATUS_LABELS } from './users.tsx';

export const AUDIT_TITLE = 'Audito žurnalas';

const ENTITY_LABELS: Record<string, string> = {
  institution: 'Institucija',
  institution_user: 'Institucijos naudotojas',
  user_invitation: 'Naudotojo kvietimas',
  training_group: 'Mokymo grupė',
  programme: 'Mokymosi programa',
  venue: 'Mokymo vieta',
  employer: 'Darbdavio atstovas',
  lecturer: 'Lektorius',
  institution_info: 'Institucijos informacija',
  contract_numbering_stage: 'Mokymo sutarties numeracijos etapas',
  stored_file: 'Įkeltas failas',
  group_session: 'Tvarkaraščio užsiėmimas',
  group_registration: 'Dalyvio registracija',
  uzt_coupon: 'Užimtumo tarnybos kuponas',
  participant: 'Mokymo dalyvis',
  participant_document: 'Dalyvio dokumentas',
};

const ACTION_LABELS: Record<string, string> = {
  create: 'Sukūrimas',
  update: 'Pakeitimas',
  status: 'Būsenos pakeitimas',
  invite: 'Naudotojo įtraukimas (kvietimas siunčiamas el. paštu)',
  resend_invitation: 'Kvietimas siunčiamas iš naujo',
  confirm: 'Tapatybė patvirtinta',
  invitation_expired: 'Kvietimas nebegalioja',
  remove: 'Pašalinimas',
  upload: 'Failo įkėlimas',
  delete: 'Ištrynimas',
  registration: 'Registracijos pakeitimas',
  deadline: 'Terminas',
  contract: 'Mokymo sutartis',
  completion: 'Mokymų baigimas',
  provider_data: 'Užimtumo tarnybai reikalingi duomenys',
  section_i: 'Kupono I skyrius gautas',
  section_ii: 'Kupono II skyrius pateiktas',
};

const GROUP_FIELDS: Record<string, string> = {
  name: GROUP_INFO_LABELS.name,
  funding_sources: GROUP_INFO_LABELS.fundingSources,
  price: GROUP_INFO_LABELS.price,
  language: GROUP_INFO_LABELS.language,
  min_participants: GROUP_INFO_LABELS.minParticipants,
  max_participants: GROUP_INFO_LABELS.maxParticipants,
  special_needs: GROUP_INFO_LABELS.specialNeeds,
  venue_id: GROUP_INFO_LABELS.venueId,
  registration_start: GROUP_INFO_LABELS.registrationStart,
  registration_end: GROUP_INFO_LABELS.registrationEnd,
  programme_start: GROUP_INFO_LABELS.programmeStart,
  programme_end: GROUP_INFO_LABELS.programmeEnd,
  target_group: GROUP_INFO_LABELS.targetGroup,
  vet_form: GROUP_INFO_LABELS.vetForm,
  duration_weeks: GROUP_INFO_LABELS.durationWeeks,
  duration_days: GROUP_INFO_LABELS.durationDays,
  theory_assessment_date: GROUP_INFO_LABELS.theoryAssessmentDate,
  practice_assessment_date: GROUP_INFO_LABELS.practiceAssessmentDate,
  status: 'Grupės būsena',
  status_reason: 'Būsenos pakeitimo priežastis',
  active_registrations: 'Užsiregistravusių dalyvių skaičius',
  signed_contracts: 'Pasirašytų mokymo sutarčių skaičius',
  registration_closes_at: 'Registracija baigiasi',
  programme_starts_at: 'Mokymosi programos vykdymo pradžia',
  decision_due_at: 'Teikėjo sprendimo terminas',
  contract_signing_started_at: 'Sutarčių pasirašymas pradėtas',
  completion_recorded_at: 'Mokymų baigimas įrašytas',
  delivery_blocked_reason: 'Kodėl grupės būsena automatiškai nepakeista į „Vykdoma“',
  rule: 'Automatinis pakeitimas (taisyklė)',
};

const SESSION_FIELDS: Record<string, string> = {
  groupId: 'Mokymo grupė',
  date: 'Data',
  ...SESSION_FIELD_LABELS,
  copiedFrom: 'Nukopijuota iš užsiėmimo',
};

const FILE_FIELDS: Record<string, string> = {
  purpose: 'Paskirtis',
  originalName: 'Failo pavadinimas',
  contentType: 'Failo tipas',
  size: 'Dydis (baitais)',
  sha256: 'Kontrolinė suma (SHA-256)',
};

const REGISTRATION_FIELDS: Record<string, string> = {
  group_id: 'Mokymo grupė',
  funding: 'Finansavimo šaltinis',
  status: 'Registracijos būsena',
  status_reason: 'Priežastis',
};

const COUPON_FIELDS: Record<string, string> = {
  status: 'Kupono būsena',
  couponNumber: 'Kupono numeris',
  reason: 'Priežastis',
  bank_account: UZT_DATA_LABELS.bankAccount,
  settlement_frequency: UZT_DATA_LABELS.settlement,
  employer_id: UZT_DATA_LABELS.employerId,
  employer_phone: UZT_DATA_LABELS.employerPhone,
  employer_email: UZT_DATA_LABELS.employerEmail,
  practice_address: UZT_DATA_LABELS.practiceAddress,
};

const USER_FIELDS: Record<string, string> = {
  ...USER_FORM_LABELS,
  employerId: 'Darbdavio įstaiga',
  status: 'Būsena',
  invitation_expires_at: 'Kvietimas galioja iki',
  invitation_status: 'Kvietimo būsena',
};

const INSTITUTION_FIELDS: Record<string, string> = { code: 'Kodas', name: 'Pavadinimas', kind: 'Rūšis' };

const VENUE_FIELDS: Record<string, string> = { ...VENUE_FORM_LABELS, address: 'Adresas' };

/** Field labels per audited entity; an entity without its own table shows the raw keys. */
const FIELD_TABLES: Record<string, Record<string, string>> = {
  training_group: GROUP_FIELDS,
  institution: INSTITUTION_FIELDS,
  institution_user: USER_FIELDS,
  venue: VENUE_FIELDS,
  employer: EMPLOYER_FORM_LABELS,
  institution_info: INSTITUTION_INFO_LABELS,
  contract_numbering_stage: NUMBERING_LABELS,
  lecturer: LECTURER_FORM_LABELS,
  programme: LICENSED_FORM_LABELS,
  group_session: SESSION_FIELDS,
  stored_file: FILE_FIELDS,
  group_registration: REGISTRATION_FIELDS,
  uzt_coupon: COUPON_FIELDS,
};

function fieldTable(entityType: string): Record<string, string> {
  return FIELD_TABLES[entityType] ?? {};
}

function fieldLabel(entityType: string, field: string): string {
  return fieldTable(entityType)[field] ?? field;
}

/** The changed fields in the order of their form (jsonb keeps its own key order). */
function orderedChanges(entityType: string, changes: FieldChanges): [string, FieldChanges[string]][] {
  const order = Object.keys(fieldTable(entityType));
  const rank = (field: string) => (order.includes(field) ? order.indexOf(field) : order.length);
  return Object.entries(changes).sort(([x], [y]) => rank(x) - rank(y) || x.localeCompare(y));
}

const INVITATION_STATUS_LABELS: Record<string, string> = {
  PENDING: 'Laukiama patvirtinimo',
  EXPIRED: 'Nebegalioja',
  CONFIRMED: 'Patvirtintas',
  CANCELLED: 'Atšauktas',
};

const INSTITUTION_KINDS: Record<string, string> = { JURIDINIS: 'Juridinis asmuo', LAISVASIS_MOKYTOJAS: 'Laisvasis mokytojas' };

/** Names of the rows values refer to (ids are not what people read). */
export interface AuditNames {
  employers: Map<string, string>;
  venues: Map<string, string>;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** A date, or a date and time, as formatChangeValue writes them. */
const DATE_VALUE = /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?$/;

/** A changed field's old (del) or new (ins) value; a date stays on one line (issue 11, item 11). */
function ChangedValue(props: { tag: 'del' | 'ins'; text: string }) {
  const unbroken = DATE_VALUE.test(props.text) ? 'nowrap' : undefined;
  return props.tag === 'del' ? <del class={unbroken}>{props.text}</del> : <ins class={unbroken}>{props.text}</ins>;
}

function formatChangeValue(entityType: string, field: string, value: unknown, names: AuditNames): string {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return '—';
  if (field === 'rights' && Array.isArray(value)) return value.map((r) => (isRight(r) ? RIGHT_LABELS[r] : String(r))).join('; ');
  if (field === 'funding_sources' && Array.isArray(value))
    return value.map((s) => FUNDING_SOURCE_LABELS[s as FundingSource] ?? String(s)).join('; ');
  if (entityType === 'institution_user' && field === 'status') return USER_STATUS_LABELS[value as 'ACTIVE'] ?? String(value);
  if (field === 'invitation_status') return INVITATION_STATUS_LABELS[String(value)] ?? String(value);
  if (entityType === 'institution' && field === 'kind') return INSTITUTION_KINDS[String(value)] ?? String(value);
  if (field === 'employerId') return names.employers.get(String(value)) ?? String(value);
  if (field === 'venue_id' || field === 'venueId') return names.venues.get(String(value)) ?? String(value);
  if (entityType === 'group_session' && field === 'mode') return SESSION_MODE_LABELS[value as SessionMode] ?? String(value);
  if (entityType === 'group_session' && field === 'durationMinutes') return `${String(value)} min.`;
  if (entityType === 'group_registration' && field === 'funding') return FUNDING_SOURCE_LABELS[value as FundingSource] ?? String(value);
  if (entityType === 'group_registration' && field === 'status')
    return REGISTRATION_STATUS_LABELS[value as RegistrationStatus] ?? String(value);
  if (typeof value === 'boolean') return value ? 'Taip' : 'Ne';
  if (typeof value === 'string' && ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value))) return formatDateTime(new Date(value));
  if (Array.isArray(value)) return value.map(String).join('; ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function actorName(row: AuditTrailItem): string {
  if (row.actor_kind === 'system') return 'Sistema';
  if (row.actor_user_id === null) return 'Vadovas';
  return row.actor_first_name !== null ? `${row.actor_first_name} ${row.actor_last_name ?? ''}`.trim() : 'Naudotojas';
}

export interface AuditPageProps {
  rows: AuditTrailItem[];
  total: number;
  page: number;
  pageCount: number;
  filters: AuditTrailFilters;
  options: AuditFilterOptions;
  names: AuditNames;
  /** Filter values that could not be used (e.g. a malformed date). */
  problems: string[];
  href: (page: number) => string;
}

function Select(props: { name: string; label: string; value: string | undefined; options: [string, string][] }) {
  return (
    <label>
      {props.label}
      <select name={props.name}>
        <option value="">– Visi –</option>
        {props.options.map(([value, label]) => (
          <option value={value} selected={props.value === value}>
            {label}
          </option>
        ))}
      </select>
    </label>
  );
}

export function AuditPage(props: AuditPageProps) {
  const f = props.filters;
  const o = props.options;
  const actors: [string, string][] = [
    ...o.users.map((u): [string, string] => [u.id, `${u.first_name} ${u.last_name}`]),
    ...(o.hasHead || f.actor === HEAD_ACTOR ? [[HEAD_ACTOR, 'Vadovas'] as [string, string]] : []),
    ...(o.hasSystem || f.actor === SYSTEM_ACTOR ? [[SYSTEM_ACTOR, 'Sistema'] as [string, string]] : []),
  ];
  return (
    <>
      <p>
        <a href="/naudotojai">Institucijos naudotojai</a> /
      </p>
      <h1>{AUDIT_TITLE}</h1>
      <p class="muted">Visi institucijos duomenų pakeitimai: kas, kada ir ką pakeitė. Laikas nurodomas Lietuvos (Vilniaus) laiku.</p>
      <form method="get" action="/naudotojai/auditas" class="filters audit-filters">
        <div class="filter-grid">
          <Select name="objektas" label="Objektas" value={f.entityType} options={o.entityTypes.map((t) => [t, ENTITY_LABELS[t] ?? t])} />
          <Select name="veiksmas" label="Veiksmas" value={f.action} options={o.actions.map((a) => [a, ACTION_LABELS[a] ?? a])} />
          <Select name="kas" label="Kas" value={f.actor} options={actors} />
          <label>
            Nuo
            <input type="date" name="nuo" value={f.from ?? ''} />
          </label>
          <label>
            Iki
            <input type="date" name="iki" value={f.to ?? ''} />
          </label>
        </div>
        <div class="form-actions">
          <button type="submit" class="secondary">
            Ieškoti
          </button>
          <a href="/naudotojai/auditas">Išvalyti filtrus</a>
        </div>
      </form>
      {props.problems.map((p) => (
        <Notice kind="error">{p}</Notice>
      ))}
      {props.rows.length === 0 ? (
        <Notice kind="info">Įrašų nerasta.</Notice>
      ) : (
        <div class="table-scroll">
          <table class="audit">
            <thead>
              <tr>
                <th scope="col">Laikas</th>
                <th scope="col">Kas</th>
                <th scope="col">Veiksmas</th>
                <th scope="col">Objektas</th>
                <th scope="col">Pakeitimai</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => (
                <tr>
                  <td class="nowrap">{formatDateTime(r.occurred_at)}</td>
                  <td>{actorName(r)}</td>
                  <td>{ACTION_LABELS[r.action] ?? r.action}</td>
                  <td>
                    {ENTITY_LABELS[r.entity_type] ?? r.entity_type}
                    {r.entity_name ? (
                      <>
                        <br />
                        <small>{r.entity_name}</small>
                      </>
                    ) : null}
                  </td>
                  <td>
                    <ul class="changes">
                      {orderedChanges(r.entity_type, r.changes).map(([field, change]) => (
                        <li>
                          <strong>{fieldLabel(r.entity_type, field)}:</strong>{' '}
                          {change.before === null ? (
                            ''
                          ) : (
                            <ChangedValue tag="del" text={formatChangeValue(r.entity_type, field, change.before, props.names)} />
                          )}
                          {change.before === null ? '' : ' → '}
                          <ChangedValue tag="ins" text={formatChangeValue(r.entity_type, field, change.after, props.names)} />
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={props.page} pageCount={props.pageCount} total={props.total} href={props.href} label="Audito žurnalo puslapiai" />
    </>
  );
}
