import type { Child } from 'hono/jsx';
import type { Programme, TrainingGroupRow, Venue } from '../../db/schema.ts';
import {
  FUNDING_SOURCE_LABELS,
  GROUP_INFO_LABELS as L,
  TARGET_GROUP_LABELS,
  uztFieldsEnabled,
  VET_FORM_LABELS,
  type FieldErrors,
  type FundingSource,
  type GroupInfoField,
  type GroupInfoInput,
} from '../../workflows/domain/group-info.ts';
import {
  SUSPENSION_REASON_LABEL,
  SUSPENSION_REASON_MAX,
  type GroupStatus,
  type TransitionOption,
} from '../../workflows/domain/group-status.ts';
import { formFields } from './form-fields.tsx';
import { CommandNotice, CsrfField, Notice } from './layout.tsx';

const { Field, inputAttrs } = formFields<GroupInfoField>(L);

/** The form's values: what the user typed, or what is stored. */
export type GroupFormValues = GroupInfoInput;

export function groupFormValues(g: TrainingGroupRow): GroupFormValues {
  return {
    name: g.name,
    fundingSources: g.funding_sources,
    price: g.price.replace('.', ','),
    language: g.language,
    minParticipants: String(g.min_participants),
    maxParticipants: String(g.max_participants),
    specialNeeds: g.special_needs ? 'on' : undefined,
    venueId: g.venue_id,
    registrationStart: g.registration_start,
    registrationEnd: g.registration_end,
    programmeStart: g.programme_start,
    programmeEnd: g.programme_end,
    targetGroup: g.target_group ?? undefined,
    vetForm: g.vet_form ?? undefined,
    durationWeeks: g.duration_weeks === null ? undefined : String(g.duration_weeks),
    durationDays: g.duration_days === null ? undefined : String(g.duration_days),
    theoryAssessmentDate: g.theory_assessment_date ?? undefined,
    practiceAssessmentDate: g.practice_assessment_date ?? undefined,
  };
}

function text(values: GroupFormValues, key: GroupInfoField): string {
  const v = values[key];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}

/** Where the fieldset below is fetched from when the funding sources change (web/routes/group-uzt-fields.tsx). */
export const UZT_FIELDS_PATH = '/grupes/uzt-laukai/forma';
const UZT_FIELDS_ID = 'uzt-laukai';

/**
 * The UŽT-only fields (GRP-4, GRP-5, GRP-16..GRP-19), shown only while "Valstybės kompensuojama
 * suma (UŽT lėšomis)" is ticked (GRP-39). Without UŽT the placeholder stays empty: the fields are
 * not sent, and the server ignores them anyway. Re-rendered by htmx on every change of the funding
 * check boxes (no inline script: the CSP forbids it).
 */
export function UztFields(props: { values: GroupFormValues; errors: FieldErrors }) {
  const { values: v, errors: e } = props;
  if (!uztFieldsEnabled(v)) return <div id={UZT_FIELDS_ID} />;
  return (
    <div id={UZT_FIELDS_ID}>
      {/* Suggested legend: the manual lists these fields without a heading. */}
      <fieldset>
        <legend>Užimtumo tarnybos (UŽT) finansuojamai programai</legend>
        <div class="grid-2">
          <Field name="targetGroup" errors={e}>
            <select {...inputAttrs('targetGroup', e)} required>
              <option value="">– Pasirinkite –</option>
              {Object.entries(TARGET_GROUP_LABELS).map(([code, label]) => (
                <option value={code} selected={text(v, 'targetGroup') === code}>
                  {label}
                </option>
              ))}
            </select>
          </Field>
          <Field name="vetForm" errors={e}>
            <select {...inputAttrs('vetForm', e)} required>
              <option value="">– Pasirinkite –</option>
              {Object.entries(VET_FORM_LABELS).map(([code, label]) => (
                <option value={code} selected={text(v, 'vetForm') === code}>
                  {label}
                </option>
              ))}
            </select>
          </Field>
          {(['durationWeeks', 'durationDays'] as const).map((name) => (
            <Field name={name} errors={e}>
              <input type="number" min={1} step={1} {...inputAttrs(name, e)} value={text(v, name)} required />
            </Field>
          ))}
          {(['theoryAssessmentDate', 'practiceAssessmentDate'] as const).map((name) => (
            <Field name={name} errors={e}>
              <input type="date" {...inputAttrs(name, e)} value={text(v, name)} required />
            </Field>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

interface GroupFormProps {
  action: string;
  submitLabel: string;
  values: GroupFormValues;
  errors: FieldErrors;
  message?: string | undefined;
  idempotencyKey: string;
  venues: Venue[];
  programme: Programme;
  /** Where the response goes: the form itself, or the whole tab panel. */
  hxTarget: string;
}

/** "Grupės informacija" as a form (GRP-2..GRP-15). */
export function GroupInfoForm(props: GroupFormProps) {
  const { values: v, errors: e } = props;
  const funding = (Array.isArray(v.fundingSources) ? v.fundingSources : v.fundingSources ? [v.fundingSources] : []) as string[];
  return (
    <form
      method="post"
      action={props.action}
      hx-post={props.action}
      hx-target={props.hxTarget}
      hx-swap={`outerHTML show:${props.hxTarget === 'this' ? '#grupes-informacija' : props.hxTarget}:top`}
      novalidate
      id="grupes-informacija"
    >
      {props.message ? <CommandNotice text={props.message} /> : null}
      <CsrfField />
      <input type="hidden" name="idempotencyKey" value={props.idempotencyKey} />
      <Field name="name" errors={e}>
        <input type="text" {...inputAttrs('name', e)} value={text(v, 'name')} maxlength={200} required />
      </Field>
      <fieldset
        hx-get={UZT_FIELDS_PATH}
        hx-trigger="change"
        hx-target={`#${UZT_FIELDS_ID}`}
        hx-swap="outerHTML"
        hx-include="closest form"
        hx-params="not _csrf,idempotencyKey"
      >
        <legend>{L.fundingSources}</legend>
        {(Object.keys(FUNDING_SOURCE_LABELS) as FundingSource[]).map((s) => (
          <label>
            <input
              type="checkbox"
              name="fundingSources"
              value={s}
              checked={funding.includes(s)}
              aria-invalid={e.fundingSources ? 'true' : undefined}
            />
            {FUNDING_SOURCE_LABELS[s]}
          </label>
        ))}
        {e.fundingSources ? <small class="field-error">{e.fundingSources}</small> : null}
      </fieldset>
      <UztFields values={v} errors={e} />
      <div class="grid-2">
        <Field name="price" errors={e} hint="Kaina vienam asmeniui, pvz., 120,50">
          <input type="text" inputmode="decimal" {...inputAttrs('price', e, true)} value={text(v, 'price')} required />
        </Field>
        <Field name="language" errors={e}>
          <select {...inputAttrs('language', e)} required>
            <option value="">– Pasirinkite –</option>
            {props.programme.languages.map((lang) => (
              <option value={lang} selected={text(v, 'language') === lang}>
                {lang}
              </option>
            ))}
          </select>
        </Field>
        <Field name="minParticipants" errors={e}>
          <input type="number" min={1} step={1} {...inputAttrs('minParticipants', e)} value={text(v, 'minParticipants')} required />
        </Field>
        <Field name="maxParticipants" errors={e}>
          <input type="number" min={1} step={1} {...inputAttrs('maxParticipants', e)} value={text(v, 'maxParticipants')} required />
        </Field>
      </div>
      <label>
        <input type="checkbox" name="specialNeeds" checked={v.specialNeeds === 'on' || v.specialNeeds === 'true'} />
        {L.specialNeeds}
      </label>
      <Field name="venueId" errors={e}>
        <select {...inputAttrs('venueId', e)} required>
          <option value="">– Pasirinkite –</option>
          {props.venues.map((venue) => (
            <option value={venue.id} selected={text(v, 'venueId') === venue.id}>
              {venue.name}
            </option>
          ))}
        </select>
      </Field>
      <div class="grid-2">
        {(['registrationStart', 'registrationEnd', 'programmeStart', 'programmeEnd'] as const).map((name) => (
          <Field name={name} errors={e}>
            <input type="date" {...inputAttrs(name, e)} value={text(v, name)} required />
          </Field>
        ))}
      </div>
      <button type="submit">{props.submitLabel}</button>
    </form>
  );
}

/** "Grupės informacija" read-only, once the group is no longer "Kuriama" (GRP-29). */
export function GroupInfoReadOnly(props: { group: TrainingGroupRow; venue: Venue | undefined }) {
  const g = props.group;
  const row = (label: string, value: Child) => (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  );
  return (
    <dl class="readonly" id="grupes-informacija">
      {row(L.name, g.name)}
      {row(L.fundingSources, g.funding_sources.map((s) => FUNDING_SOURCE_LABELS[s]).join('; '))}
      {row(L.price, `${g.price.replace('.', ',')} €`)}
      {row(L.language, g.language)}
      {row(L.minParticipants, String(g.min_participants))}
      {row(L.maxParticipants, String(g.max_participants))}
      {row(L.specialNeeds, g.special_needs ? 'Taip' : 'Ne')}
      {row(L.venueId, props.venue?.name ?? '')}
      {row(L.registrationStart, g.registration_start)}
      {row(L.registrationEnd, g.registration_end)}
      {row(L.programmeStart, g.programme_start)}
      {row(L.programmeEnd, g.programme_end)}
      {/* GRP-39: the UŽT-only fields, when the group has them. */}
      {g.target_group !== null
        ? row(L.targetGroup, TARGET_GROUP_LABELS[g.target_group as keyof typeof TARGET_GROUP_LABELS] ?? g.target_group)
        : null}
      {g.vet_form !== null ? row(L.vetForm, VET_FORM_LABELS[g.vet_form as keyof typeof VET_FORM_LABELS] ?? g.vet_form) : null}
      {g.duration_weeks !== null ? row(L.durationWeeks, String(g.duration_weeks)) : null}
      {g.duration_days !== null ? row(L.durationDays, String(g.duration_days)) : null}
      {g.theory_assessment_date !== null ? row(L.theoryAssessmentDate, g.theory_assessment_date) : null}
      {g.practice_assessment_date !== null ? row(L.practiceAssessmentDate, g.practice_assessment_date) : null}
    </dl>
  );
}

/** Changes after which the provider cannot go back (GRP-43): asked for confirmation first. */
const FINAL: readonly GroupStatus[] = ['Nevykdoma', 'Užbaigta', 'Sustabdyta'];

/** "Grupės būsena" with the changes the provider may make now (GRP-43), each blocked one with its reason. */
export function GroupStatusControl(props: {
  groupId: string;
  status: GroupStatus;
  options: TransitionOption[];
  idempotencyKey: string;
  /** While the information is editable, its form goes along, so unsaved edits are not lost silently. */
  includeInfoForm: boolean;
  message?: string | undefined;
  success?: string | undefined;
  /** Why the group has its status (a suspension's reason). */
  statusReason?: string | null | undefined;
  /** The reason typed in a refused suspension, shown again. */
  typedReason?: string | undefined;
}) {
  const action = `/grupes/${props.groupId}/busena`;
  return (
    <section id="grupes-busena" aria-labelledby="busena-antraste">
      <h2 id="busena-antraste">
        Grupės būsena:{' '}
        <span class="status-badge" data-status={props.status}>
          {props.status}
        </span>
      </h2>
      {props.statusReason ? (
        <p>
          <strong>{SUSPENSION_REASON_LABEL}:</strong> {props.statusReason}
        </p>
      ) : null}
      {props.message ? <CommandNotice text={props.message} /> : null}
      {props.success ? <Notice kind="success">{props.success}</Notice> : null}
      <div class="status-actions">
        {props.options.map((o) =>
          o.allowed ? (
            <form
              method="post"
              action={action}
              hx-post={action}
              hx-target="#grupes-informacijos-kortele"
              hx-swap="outerHTML show:#grupes-informacijos-kortele:top"
              hx-include={props.includeInfoForm ? '#grupes-informacija' : undefined}
              hx-confirm={FINAL.includes(o.to) ? `Pakeitus būseną į „${o.to}“, grąžinti jos nebus galima. Ar tikrai keisti?` : undefined}
            >
              <CsrfField />
              {/* Its own name: the information form, included alongside, has an idempotencyKey too. */}
              <input type="hidden" name="statusKey" value={props.idempotencyKey} />
              <input type="hidden" name="to" value={o.to} />
              {o.needsReason ? (
                <details open={props.typedReason !== undefined}>
                  <summary>Keisti būseną į „{o.to}“</summary>
                  <label for="f-priezastis">{SUSPENSION_REASON_LABEL}</label>
                  <textarea id="f-priezastis" name="priezastis" rows={3} maxlength={SUSPENSION_REASON_MAX} required>
                    {props.typedReason ?? ''}
                  </textarea>
                  <button type="submit" class="outline final">
                    Sustabdyti grupę
                  </button>
                </details>
              ) : (
                <button type="submit" class={FINAL.includes(o.to) ? 'outline final' : 'secondary'}>
                  Keisti būseną į „{o.to}“
                </button>
              )}
            </form>
          ) : (
            <p class="blocked">
              Į „{o.to}“ pakeisti negalima: {o.reason}
            </p>
          ),
        )}
      </div>
    </section>
  );
}
