import type { Programme, TrainingGroupRow, Venue } from '../../db/schema.ts';
import type { FieldErrors } from '../../workflows/domain/group-info.ts';
import { isGroupInfoEditable, type TransitionOption } from '../../workflows/domain/group-status.ts';
import { GroupLifecycleSummary, type GroupCompletionView } from './group-lifecycle.tsx';
import { GroupInfoForm, GroupInfoReadOnly, GroupStatusControl, groupFormValues, type GroupFormValues } from './group-info.tsx';
import { CommandNotice } from './layout.tsx';

/** The five tabs of a group (PROG-24); those not built yet are shown but not offered. A tab with `path` has its own route under the group. */
const GROUP_TABS: { key: string | null; label: string; path?: string }[] = [
  { key: 'tvarkarastis', label: 'Tvarkaraštis', path: 'tvarkarastis' },
  { key: 'dalyviai', label: 'Mokymo dalyviai', path: 'dalyviai' },
  { key: 'informacija', label: 'Grupės informacija' },
  { key: 'baigimas', label: 'Mokymų baigimas', path: 'baigimas' },
  { key: 'bendroji', label: 'Bendroji programos informacija' },
];

export function GroupHeader(props: { programme: Programme; group: TrainingGroupRow; tab: string }) {
  const { programme: p, group: g } = props;
  return (
    <>
      <p>
        <a href="/programos">Institucijos mokymosi programos</a> /{' '}
        <a href={`/programos/${p.id}`}>
          {p.code} {p.name}
        </a>{' '}
        /
      </p>
      <GroupTitle name={g.name} />
      <ul class="tabs" role="list">
        {GROUP_TABS.map((t) =>
          t.key ? (
            <li>
              <a
                href={t.path ? `/grupes/${g.id}/${t.path}` : `/grupes/${g.id}?kortele=${t.key}`}
                aria-current={props.tab === t.key ? 'page' : undefined}
              >
                {t.label}
              </a>
            </li>
          ) : (
            <li>
              <span title="Ši kortelė dar neįdiegta">{t.label}</span>
            </li>
          ),
        )}
      </ul>
    </>
  );
}

/** The group's name as the page heading; fragments resend it out of band after a rename. */
export function GroupTitle(props: { name: string; outOfBand?: boolean }) {
  return (
    <h1 id="grupes-pavadinimas" hx-swap-oob={props.outOfBand ? 'true' : undefined}>
      {props.name}
    </h1>
  );
}

export interface GroupInfoPanelProps {
  programme: Programme;
  group: TrainingGroupRow;
  venues: Venue[];
  options: TransitionOption[];
  infoKey: string;
  statusKey: string;
  /** What the user typed, when a save was refused. */
  values?: GroupFormValues | undefined;
  errors?: FieldErrors | undefined;
  infoMessage?: string | undefined;
  statusMessage?: string | undefined;
  success?: string | undefined;
  /** The reason typed in a refused suspension, shown again. */
  typedReason?: string | undefined;
  /** The request's time, for the time left until the group's pending deadlines. */
  now: Date;
  /** While "Vykdoma": the participants' outcomes and the automatic completion (G9, GRP-45). */
  completion?: GroupCompletionView | undefined;
}

/** Tab "Grupės informacija": status control plus the form (while "Kuriama") or the read-only data. */
export function GroupInfoPanel(props: GroupInfoPanelProps) {
  const g = props.group;
  const status = g.status;
  return (
    <section id="grupes-informacijos-kortele">
      <GroupStatusControl
        groupId={g.id}
        status={status}
        options={props.options}
        idempotencyKey={props.statusKey}
        includeInfoForm={isGroupInfoEditable(status)}
        message={props.statusMessage}
        success={props.success}
        statusReason={g.status_reason}
        typedReason={props.typedReason}
      />
      <GroupLifecycleSummary group={g} now={props.now} completion={props.completion} />
      {isGroupInfoEditable(status) ? (
        <GroupInfoForm
          action={`/grupes/${g.id}/informacija`}
          submitLabel="Išsaugoti"
          values={props.values ?? groupFormValues(g)}
          errors={props.errors ?? {}}
          message={props.infoMessage}
          idempotencyKey={props.infoKey}
          venues={props.venues}
          programme={props.programme}
          hxTarget="#grupes-informacijos-kortele"
        />
      ) : (
        <>
          {props.infoMessage ? <CommandNotice text={props.infoMessage} /> : null}
          <p>
            <small>Grupės informaciją galima koreguoti tik kol grupės būsena yra „Kuriama“.</small>
          </p>
          <GroupInfoReadOnly group={g} venue={props.venues.find((v) => v.id === g.venue_id)} />
        </>
      )}
    </section>
  );
}
