// The document reviewer's pages (DOC-13..DOC-16, L3): the queue of documents awaiting review with
// their 3-working-day deadlines (DOC-14) and one document with the decision form, in the staff
// frame (web/views/staff-layout.tsx).
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { DocumentForReview, QueueItem } from '../../db/queries/document-review.ts';
import type { PersonSession } from '../../db/tables/participants.ts';
import { formatDateTime, formatDeadline, formatDeadlineWithTimeLeft } from '../../workflows/domain/date-format.ts';
import { NOTE_MAX_LENGTH, reviewStatusLabel } from '../../workflows/domain/document-review.ts';
import { AWAITING_REVIEW, DOCUMENT_KIND_LABELS, REVIEW_OPTIONS } from '../../workflows/domain/eligibility.ts';
import { isOverdue } from '../../workflows/domain/working-days.ts';
import type { AppEnv } from '../context.ts';
import type { ListPage } from '../paging.ts';
import { CommandNotice, CsrfField, Notice } from './layout.tsx';
import { QueuePager, StaffLayout, StaffMessage, staffHtml, STAFF_FRAMES } from './staff-layout.tsx';

export const REVIEW_HOME = STAFF_FRAMES.VERTINTOJAS.home;

export function ReviewLayout(props: { title: string; person: PersonSession | undefined; children: Child }) {
  return (
    <StaffLayout role="VERTINTOJAS" title={props.title} person={props.person}>
      {props.children}
    </StaffLayout>
  );
}

/** Renders a reviewer page with the reviewer's CSRF token available to every form. */
export function reviewHtml(c: Context<AppEnv>, node: Child, status: ContentfulStatusCode = 200) {
  return staffHtml(c, 'VERTINTOJAS', node, status);
}

export function ReviewMessage(props: {
  title: string;
  message: string;
  person: PersonSession | undefined;
  requestId?: string | undefined;
}) {
  return <StaffMessage role="VERTINTOJAS" {...props} />;
}

/** DOC-14: the pending documents, the earliest deadline first; overdue ones flagged. */
export function ReviewQueuePage(props: { person: PersonSession; list: ListPage<QueueItem>; now: Date; notice?: string | undefined }) {
  const { list } = props;
  return (
    <ReviewLayout title="Vertinami dokumentai" person={props.person}>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      <h1>Vertinami dokumentai</h1>
      <p>
        Dalyvių pateikti išsilavinimo ir užimtumo dokumentai peržiūrimi ir patvirtinami per 3 darbo dienas. Terminas – trečios darbo dienos
        po įkėlimo dienos pabaiga (Lietuvos laiku).
      </p>
      {list.total === 0 ? (
        <p>Vertinimo laukiančių dokumentų nėra.</p>
      ) : (
        <>
          <p>
            <small>Vertinimo laukia dokumentų: {list.total}</small>
          </p>
          <table class="striped">
            <thead>
              <tr>
                <th scope="col">Dokumentas</th>
                <th scope="col">Dalyvis</th>
                <th scope="col">Įkelta</th>
                <th scope="col">Vertinimo terminas</th>
                <th scope="col">Būsena</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((d) => {
                const overdue = isOverdue(d.reviewDueAt, props.now);
                return (
                  <tr class={overdue ? 'overdue' : undefined}>
                    <td>
                      <a href={`/vertinimas/dokumentai/${d.id}`}>{DOCUMENT_KIND_LABELS[d.kind]}</a>
                    </td>
                    <td>{d.participantName}</td>
                    <td class="nowrap">{formatDateTime(d.uploadedAt)}</td>
                    <td class="nowrap">{formatDeadlineWithTimeLeft(d.reviewDueAt, props.now)}</td>
                    <td>{overdue ? <strong class="status-badge overdue">Vėluojama</strong> : reviewStatusLabel(AWAITING_REVIEW)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <QueuePager list={list} home={REVIEW_HOME} />
        </>
      )}
    </ReviewLayout>
  );
}

export interface DecisionFormState {
  formKey: string;
  values?: { status?: string; note?: string };
  errors?: Record<string, string>;
  /** A refusal of the whole form (a conflict, an outage). */
  error?: string | undefined;
}

/** One document: what it is, the file, and the decision form while it awaits review (DOC-15, DOC-16). */
export function DocumentReviewPage(props: { person: PersonSession; doc: DocumentForReview; now: Date; form: DecisionFormState }) {
  const { doc, form } = props;
  const decided = doc.status !== AWAITING_REVIEW;
  const fileUrl = `/vertinimas/dokumentai/${doc.id}/failas`;
  const overdue = !decided && isOverdue(doc.reviewDueAt, props.now);
  return (
    <ReviewLayout title={DOCUMENT_KIND_LABELS[doc.kind]} person={props.person}>
      <p>
        <a href={REVIEW_HOME}>← Vertinami dokumentai</a>
      </p>
      <h1>{DOCUMENT_KIND_LABELS[doc.kind]}</h1>
      {form.error ? <CommandNotice text={form.error} /> : null}
      <dl class="facts">
        <dt>Dalyvis</dt>
        <dd>{doc.participantName}</dd>
        <dt>Įkelta</dt>
        <dd>{formatDateTime(doc.uploadedAt)}</dd>
        <dt>Vertinimo terminas</dt>
        <dd>
          {decided ? formatDeadline(doc.reviewDueAt) : formatDeadlineWithTimeLeft(doc.reviewDueAt, props.now)}
          {overdue ? <strong class="status-badge overdue"> Vėluojama</strong> : null}
        </dd>
        <dt>Vertinimo būsena</dt>
        <dd>{reviewStatusLabel(doc.status)}</dd>
        {decided && doc.decidedAt ? (
          <>
            <dt>Įvertino</dt>
            <dd>
              {doc.reviewerName ?? ''}, {formatDateTime(doc.decidedAt)}
            </dd>
          </>
        ) : null}
        {decided && doc.reviewerNote ? (
          <>
            <dt>Pastaba</dt>
            <dd>{doc.reviewerNote}</dd>
          </>
        ) : null}
      </dl>
      <article>
        <header>
          Dokumentas: {doc.originalName} ({Math.ceil(doc.size / 1024)} KB)
        </header>
        {doc.contentType.startsWith('image/') ? (
          <img src={fileUrl} alt={`Dalyvio pateiktas dokumentas: ${DOCUMENT_KIND_LABELS[doc.kind]}`} class="document-preview" />
        ) : null}
        <p>
          <a href={fileUrl} target="_blank" rel="noopener">
            Peržiūrėti
          </a>{' '}
          · <a href={`${fileUrl}?atsisiusti=1`}>Atsisiųsti</a>
        </p>
      </article>
      {decided ? null : <DecisionForm doc={doc} form={form} />}
    </ReviewLayout>
  );
}

function DecisionForm(props: { doc: DocumentForReview; form: DecisionFormState }) {
  const { doc, form } = props;
  const errors = form.errors ?? {};
  return (
    <form method="post" action={`/vertinimas/dokumentai/${doc.id}`} class="decision-form">
      <CsrfField />
      <input type="hidden" name="idempotencyKey" value={form.formKey} />
      <fieldset aria-invalid={errors.status ? 'true' : undefined} aria-describedby={errors.status ? 'status-error' : undefined}>
        <legend>Vertinimo būsena</legend>
        {REVIEW_OPTIONS[doc.kind].map((code) => (
          <label>
            <input type="radio" name="status" value={code} checked={form.values?.status === code} required />
            {reviewStatusLabel(code)}
          </label>
        ))}
        {errors.status ? <small id="status-error">{errors.status}</small> : null}
      </fieldset>
      <label>
        Pastaba (neprivaloma)
        <textarea name="note" maxlength={NOTE_MAX_LENGTH} rows={3} aria-invalid={errors.note ? 'true' : undefined}>
          {form.values?.note ?? ''}
        </textarea>
        {errors.note ? <small>{errors.note}</small> : null}
      </label>
      <button type="submit">Išsaugoti vertinimą</button>
    </form>
  );
}
