// The Employment Service's (Užimtumo tarnyba, UŽT) pages: coupons awaiting its decision and one
// coupon with "Patvirtinti" / "Atmesti" (UZT-12, UZT-21), in the staff frame (web/views/staff-layout.tsx).
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { UztQueueItem } from '../../db/queries/uzt-coupons.ts';
import type { PersonSession } from '../../db/tables/participants.ts';
import { formatDateTime, formatDeadline, formatDeadlineWithTimeLeft } from '../../workflows/domain/date-format.ts';
import { REGISTRATION_STATUS_LABELS, type RegistrationStatus } from '../../workflows/domain/registration.ts';
import type { AppEnv } from '../context.ts';
import { SECTION_I_LABELS, SECTION_II_LABELS, SectionList, SETTLEMENT_FROM_UZT } from './group-participants.tsx';
import { CommandNotice, CsrfField, Notice } from './layout.tsx';
import { StaffLayout, StaffMessage, staffHtml } from './staff-layout.tsx';

export const UZT_HOME = '/uzt';

export function uztHtml(c: Context<AppEnv>, node: Child, status: ContentfulStatusCode = 200) {
  return staffHtml(c, 'UZT', node, status);
}

function UztLayout(props: { title: string; person: PersonSession | undefined; children: Child }) {
  return (
    <StaffLayout role="UZT" title={props.title} person={props.person}>
      {props.children}
    </StaffLayout>
  );
}

function sectionII(item: UztQueueItem): Record<string, unknown> | null {
  const s = item.section2;
  return s ? { ...s, settlement: SETTLEMENT_FROM_UZT[String(s.settlement)] ?? s.settlement } : null;
}

/** UŽT's decision deadline: with the time left while the coupon awaits the decision (issue 11 item 13). */
function decisionDeadline(item: UztQueueItem, now: Date): string {
  if (!item.decisionDueAt) return '–';
  return item.status === 'LAUKIA_UZT' ? formatDeadlineWithTimeLeft(item.decisionDueAt, now) : formatDeadline(item.decisionDueAt);
}

/** `now`: the request's time, for the time left until each decision deadline. */
export function UztQueuePage(props: { person: PersonSession; items: UztQueueItem[]; now: Date; notice?: string | undefined }) {
  return (
    <UztLayout title="Kuponai, laukiantys sprendimo" person={props.person}>
      <h1>Kuponai, laukiantys sprendimo</h1>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      {props.items.length === 0 ? (
        <p>Sprendimo laukiančių kuponų nėra.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Dalyvis</th>
              <th>Kupono numeris</th>
              <th>Mokymo teikėjas</th>
              <th>Mokymo grupė</th>
              <th>Mokymosi programa</th>
              <th>II skyriaus duomenys pateikti</th>
              <th>Sprendimo terminas</th>
            </tr>
          </thead>
          <tbody>
            {props.items.map((i) => (
              <tr>
                <td>
                  <a href={`/uzt/kuponai/${i.registrationId}`}>{i.participant}</a>
                </td>
                <td>{String(i.section1.couponNumber ?? '')}</td>
                <td>{i.institution}</td>
                <td>{i.groupName}</td>
                <td>{i.programme}</td>
                <td class="nowrap">{formatDateTime(i.updatedAt)}</td>
                <td class="nowrap">{decisionDeadline(i, props.now)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </UztLayout>
  );
}

export function UztCouponPage(props: {
  person: PersonSession;
  item: UztQueueItem;
  /** The request's time, for the time left until the decision deadline. */
  now: Date;
  idempotencyKey: string;
  typedReason?: string | undefined;
  reasonError?: string | undefined;
  message?: string | undefined;
}) {
  const i = props.item;
  const s2 = sectionII(i);
  const action = `/uzt/kuponai/${i.registrationId}`;
  return (
    <UztLayout title={`Kuponas: ${i.participant}`} person={props.person}>
      <p>
        <a href={UZT_HOME}>Kuponai, laukiantys sprendimo</a> /
      </p>
      <h1>{i.participant}</h1>
      {props.message ? <CommandNotice text={props.message} /> : null}
      <dl>
        <dt>Mokymo teikėjas</dt>
        <dd>{i.institution}</dd>
        <dt>Mokymo grupė</dt>
        <dd>
          {i.groupName} ({i.programme})
        </dd>
        <dt>Registracijos būsena</dt>
        <dd>{REGISTRATION_STATUS_LABELS[i.registrationStatus as RegistrationStatus] ?? i.registrationStatus}</dd>
        <dt>Kupono būsena</dt>
        <dd>
          {i.statusLabel}
          {i.decidedAt ? ` (${formatDateTime(i.decidedAt)})` : ''}
          {i.reason ? `. Priežastis: ${i.reason}` : ''}
        </dd>
        {i.decisionDueAt ? (
          <>
            <dt>Sprendimo terminas</dt>
            <dd>{decisionDeadline(i, props.now)}</dd>
          </>
        ) : null}
      </dl>
      <h2>Užimtumo tarnybos kupono I skyriaus duomenys</h2>
      <SectionList data={i.section1} labels={SECTION_I_LABELS} />
      <h2>Užimtumo tarnybos kupono II skyriaus duomenys</h2>
      {s2 ? <SectionList data={s2} labels={SECTION_II_LABELS} /> : <p>Mokymo teikėjas dar nepatvirtino registracijos.</p>}
      {i.status === 'LAUKIA_UZT' ? (
        <form method="post" action={action} novalidate>
          <CsrfField />
          <input type="hidden" name="idempotencyKey" value={props.idempotencyKey} />
          <div class="field">
            <label for="f-reason">Atmetimo priežastis (privaloma atmetant)</label>
            <textarea
              id="f-reason"
              name="reason"
              aria-invalid={props.reasonError ? 'true' : undefined}
              aria-describedby={props.reasonError ? 'e-reason' : undefined}
            >
              {props.typedReason ?? ''}
            </textarea>
            {props.reasonError ? (
              <small id="e-reason" class="field-error">
                {props.reasonError}
              </small>
            ) : null}
          </div>
          <button type="submit" name="decision" value="APPROVED">
            Patvirtinti kuponą
          </button>{' '}
          <button type="submit" name="decision" value="REJECTED" class="secondary">
            Atmesti kuponą
          </button>
        </form>
      ) : null}
    </UztLayout>
  );
}

export function UztLoginPage(props: { loggedOut: boolean }) {
  return (
    <UztLayout title="Prisijungti" person={undefined}>
      <h1>Užimtumo tarnyba</h1>
      {props.loggedOut ? <Notice kind="info">Atsijungėte nuo IMP IS.</Notice> : null}
      <p>
        Užimtumo tarnybos darbuotojai čia tvirtina arba atmeta mokymo dalyvių kuponus. Asmens tapatybė nustatoma per Valstybės informacinių
        išteklių sąveikumo platformą (VIISP).
      </p>
      <a role="button" href="/uzt/prisijungti/viisp">
        Fiziniam asmeniui
      </a>
    </UztLayout>
  );
}

export function UztMessage(props: { title: string; message: string; person: PersonSession | undefined }) {
  return <StaffMessage role="UZT" title={props.title} message={props.message} person={props.person} />;
}
