// DocumentReview:<documentId> owns lifecycle L3 of one uploaded participant document
// (DOC-7..DOC-18): the deadline of 3 Lithuanian working days from the upload (D1), the reviewers'
// reminder on the last working day, the escalation when it passes, and the reviewer's decision
// (D2..D5) as the Update decideDocument — validated against the kind's statuses, done once —
// after which the participant is e-mailed (N9) and the workflow ends. A new document after a
// negative outcome is a new upload with its own workflow (D6).
//
// Operators (issue 10): the search attributes KursuokDocumentStatus and KursuokReviewDeadline
// follow the status; the current details say what the review waits for and until when (Vilnius
// time), and every timer and activity carries a summary.
import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  condition,
  log,
  patched,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { DocumentReviewActivities } from '../../activities/document-review.ts';
import type { MailActivities } from '../../activities/mail.ts';
import { deadlineDateTime } from '../domain/date-format.ts';
import { decisionFieldErrors, reviewStatusLabel } from '../domain/document-review.ts';
import { AWAITING_REVIEW } from '../domain/eligibility.ts';
import { reviewDeadline } from '../domain/working-days.ts';
import { ErrorCode } from '../errors.ts';
import { at, operatorDetails, summary, waitingFor } from '../operator-details.ts';
import { DocumentStatusKey, ReviewDeadlineKey } from '../search-attributes.ts';
import {
  decideDocumentUpdate,
  documentReviewStateQuery,
  type DecideDocumentCommand,
  type DocumentReviewInput,
  type DocumentReviewState,
} from './messages.ts';

const db = proxyActivities<DocumentReviewActivities>({
  startToCloseTimeout: '10 seconds',
  retry: {
    initialInterval: '1 second',
    maximumInterval: '30 seconds',
    nonRetryableErrorTypes: [ErrorCode.NotFound, ErrorCode.TransitionNotAllowed, ErrorCode.WrongPerson],
  },
});
/** SMTP may be down for a while: delivery keeps trying, with growing pauses, for up to a day. */
const mail = proxyActivities<MailActivities>({
  startToCloseTimeout: '1 minute',
  scheduleToCloseTimeout: '24 hours',
  retry: { initialInterval: '5 seconds', maximumInterval: '10 minutes' },
});

/**
 * Search attributes are upserted from this version on; histories recorded before it (no marker)
 * replay without the upsert commands. Summaries and current details are metadata, not commands.
 */
const DOCUMENT_SEARCH_ATTRIBUTES_PATCH = 'document-review-search-attributes';

/** Without an explicit reminder instant, an operator's deadline is reminded of 16 hours before (08:00 of the last day). */
const DEFAULT_REMINDER_LEAD_MS = 16 * 3_600_000;

function fail(type: ErrorCode, message: string, details?: unknown): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true, details: details === undefined ? undefined : [details] });
}

/** The deadline and reminder instants: from the upload with the working-day calendar, or as given. */
export function reviewInstants(input: DocumentReviewInput): { dueAt: number; remindAt: number } {
  if (input.dueAt) {
    const dueAt = Date.parse(input.dueAt);
    const remindAt = input.remindAt ? Date.parse(input.remindAt) : dueAt - DEFAULT_REMINDER_LEAD_MS;
    if (!Number.isFinite(dueAt) || !Number.isFinite(remindAt))
      fail(ErrorCode.InvalidInput, 'Terminai turi būti laiko momentai (ISO 8601).');
    return { dueAt, remindAt };
  }
  const computed = reviewDeadline(new Date(input.uploadedAt));
  return { dueAt: computed.dueAt.getTime(), remindAt: computed.remindAt.getTime() };
}

export async function documentReviewWorkflow(input: DocumentReviewInput): Promise<string> {
  const { dueAt, remindAt } = reviewInstants(input);
  const state: DocumentReviewState = {
    status: AWAITING_REVIEW,
    dueAt: new Date(dueAt).toISOString(),
    remindAt: new Date(remindAt).toISOString(),
    reminded: false,
    escalated: false,
    decision: null,
  };
  /** Outbox ids queued by a committed change, delivered by the main loop (an Update never waits for SMTP). */
  const toDeliver: string[] = [];
  /** Set while a decision is being recorded, so a second one (another form) is refused at once. */
  let deciding = false;
  const upsertsStatus = patched(DOCUMENT_SEARCH_ATTRIBUTES_PATCH);
  if (upsertsStatus) {
    upsertSearchAttributes([
      { key: DocumentStatusKey, value: state.status },
      { key: ReviewDeadlineKey, value: new Date(dueAt) },
    ]);
  }

  /** What the review waits for, for the Temporal UI (markdown, Vilnius time). */
  function showDetails() {
    if (state.decision) {
      setCurrentDetails(
        operatorDetails(`Įvertinta: ${reviewStatusLabel(state.status)}`, [
          at('Sprendimas priimtas', state.decision.decidedAt),
          toDeliver.length > 0 ? 'Siunčiamas laiškas dalyviui apie sprendimą' : 'Vertinimas baigtas',
        ]),
      );
      return;
    }
    const mailing = toDeliver.length > 0 ? `Siunčiami laiškai: ${toDeliver.length}` : null;
    if (deciding) setCurrentDetails(operatorDetails(reviewStatusLabel(state.status), ['Įrašomas vertintojo sprendimas', mailing]));
    else if (state.escalated) {
      setCurrentDetails(
        operatorDetails(`${reviewStatusLabel(state.status)}: terminas praėjo`, [
          waitingFor('vertintojo sprendimo'),
          `Vertinimo terminas (${deadlineDateTime(dueAt)}, Vilniaus laiku) praėjo; vertintojams pranešta`,
          mailing,
        ]),
      );
    } else {
      setCurrentDetails(
        operatorDetails(reviewStatusLabel(state.status), [
          waitingFor('vertintojo sprendimo', dueAt),
          state.reminded ? 'Vertintojams priminta' : at('Priminimas vertintojams', remindAt),
          mailing,
        ]),
      );
    }
  }

  function checkDecision(cmd: DecideDocumentCommand) {
    if (state.decision || deciding) {
      const d = state.decision;
      fail(
        ErrorCode.TransitionNotAllowed,
        d ? `Dokumentas jau įvertintas: „${reviewStatusLabel(d.status)}“.` : 'Dokumentas jau vertinamas.',
      );
    }
    if (!cmd.reviewerId) fail(ErrorCode.InvalidInput, 'Nenurodytas vertintojas.');
    const errors = decisionFieldErrors(input.kind, cmd);
    if (errors) fail(ErrorCode.InvalidInput, Object.values(errors).join(' '), errors);
  }

  setHandler(documentReviewStateQuery, () => state);

  setHandler(
    decideDocumentUpdate,
    async (cmd) => {
      checkDecision(cmd);
      deciding = true;
      showDetails();
      const decidedAt = new Date(Date.now()).toISOString();
      const record = {
        documentId: input.documentId,
        reviewerId: cmd.reviewerId,
        status: cmd.status,
        note: cmd.note?.trim() || null,
        decidedAt,
        requestId: cmd.requestId ?? null,
      };
      try {
        const recording = summary('Įrašomas sprendimas', reviewStatusLabel(cmd.status));
        const { outboxId } = await db.recordDocumentDecision.executeWithOptions({ summary: recording }, [record]);
        state.decision = { status: cmd.status, reviewerId: cmd.reviewerId, decidedAt };
        state.status = cmd.status;
        if (upsertsStatus) upsertSearchAttributes([{ key: DocumentStatusKey, value: state.status }]);
        if (outboxId) toDeliver.push(outboxId);
        return state.decision;
      } finally {
        deciding = false;
        showDetails();
      }
    },
    { validator: checkDecision },
  );

  /** A refused or lost e-mail is recorded in its outbox row; the review goes on. */
  async function deliverQueued() {
    while (toDeliver.length > 0) {
      showDetails();
      const outboxId = toDeliver.shift()!;
      try {
        await mail.deliverEmail.executeWithOptions({ summary: summary('Siunčiamas laiškas', outboxId) }, [outboxId]);
      } catch (err) {
        if (!(err instanceof ActivityFailure)) throw err;
        log.warn('document review e-mail not delivered', { outboxId, cause: err.cause?.message });
      }
    }
  }

  showDetails();
  const queued = summary('Dokumentas į vertinimo eilę', `terminas ${deadlineDateTime(dueAt)}`);
  await db.projectDocumentPending.executeWithOptions({ summary: queued }, [{ documentId: input.documentId, dueAt: state.dueAt }]);

  const decided = () => state.decision !== null;
  const wake = () => decided() || toDeliver.length > 0;
  while (!decided()) {
    await deliverQueued();
    if (decided()) break;
    const remindNext = !state.reminded && !state.escalated && Date.now() < dueAt;
    const next = remindNext ? remindAt : state.escalated ? null : dueAt;
    showDetails();
    if (next === null) {
      await condition(wake);
      continue;
    }
    const timer = summary(remindNext ? at('Priminimas vertintojams', remindAt) : waitingFor('vertintojo sprendimo', dueAt));
    if (await condition(wake, Math.max(next - Date.now(), 1), { summary: timer })) continue;
    if (remindNext) {
      state.reminded = true;
      const reminder = { documentId: input.documentId };
      toDeliver.push(...(await db.queueDocumentReviewReminder.executeWithOptions({ summary: 'Priminimas vertintojams' }, [reminder])));
    } else {
      state.escalated = true;
      const escalation = { documentId: input.documentId, at: new Date(Date.now()).toISOString() };
      const escalating = 'Terminas praėjo: pranešama vertintojams';
      toDeliver.push(...(await db.escalateDocumentReview.executeWithOptions({ summary: escalating }, [escalation])));
    }
  }
  await condition(allHandlersFinished);
  await deliverQueued();
  showDetails();
  return state.status;
}
