// Invoice:<invoiceId> owns lifecycle L8 of one provider invoice (INV-12..INV-21): the provider's
// submission (I1, Update submitInvoice — update-with-start), deletion (I2, I6) and corrected
// resubmission (I5); the funder's evaluator taking it (I3), returning it with a comment (I4),
// rejecting it with a reason (I7, final) or passing it for payment (I8); then the payment order with
// the funder's payment system and the status poll until it is paid (I9). Every change is projected
// into invoices as the next version in one transaction with its participants, audit row and e-mails
// (N17 to the provider on every evaluator-driven change, INV-20). INV-13 is the database's: a first
// submission whose participant is already on an active invoice is refused by the unique index, with
// her name, and the workflow ends without an invoice.
//
// The evaluation deadline: 10 Lithuanian working days from each (re)submission ("Pateikta"), a
// reminder to the evaluators 2 working days before, an escalation when it passes without a decision
// (the way DocumentReview has one). The clock stops at the decision.
import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  log,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import type { InvoiceActivities, InvoiceActor, InvoiceAuditAction, InvoiceSnapshot, ParticipantChange } from '../../activities/invoice.ts';
import type { MailActivities } from '../../activities/mail.ts';
import type { PaymentActivities } from '../../activities/payments.ts';
import { vilniusDate } from '../domain/calendar.ts';
import {
  awaitsEvaluation,
  decisionTextError,
  evaluationDeadline,
  formatAmount,
  InvoiceAction,
  InvoiceStatus,
  isFinalStatus,
  submissionErrors,
  transitionRefusal,
  type InvoiceSubmission,
} from '../domain/invoice.ts';
import { ErrorCode } from '../errors.ts';
import { at, operatorDetails, summary, waitingFor } from '../operator-details.ts';
import {
  deleteInvoiceUpdate,
  invoiceStateQuery,
  paymentReportedSignal,
  rejectInvoiceUpdate,
  resubmitInvoiceUpdate,
  returnInvoiceUpdate,
  submitInvoiceUpdate,
  takeForEvaluationUpdate,
  transferForPaymentUpdate,
  type EvaluatorActor,
  type InvoiceCommandResult,
  type InvoiceInput,
  type InvoiceState,
  type ProviderActor,
  type SubmitInvoiceCommand,
} from './messages.ts';
import { ChangeLock } from '../one-at-a-time.ts';

const db = proxyActivities<InvoiceActivities>({
  startToCloseTimeout: '10 seconds',
  retry: {
    initialInterval: '1 second',
    maximumInterval: '30 seconds',
    nonRetryableErrorTypes: [ErrorCode.NotFound, ErrorCode.TransitionNotAllowed, ErrorCode.WrongPerson],
  },
});
/** The payment system may be down for a while: asked again with growing pauses, without end (it must answer once). */
const payments = proxyActivities<PaymentActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '5 seconds', maximumInterval: '10 minutes', nonRetryableErrorTypes: ['PaymentRefused'] },
});
/** SMTP may be down for a while: delivery keeps trying, with growing pauses, for up to a day. */
const mail = proxyActivities<MailActivities>({
  startToCloseTimeout: '1 minute',
  scheduleToCloseTimeout: '24 hours',
  retry: { initialInterval: '5 seconds', maximumInterval: '10 minutes' },
});

/** Without a submission this long after the start (its Update refused by the validator), the workflow ends. */
const NO_SUBMISSION_TIMEOUT_MS = 15 * 60_000;
/** The payment poll's default when neither the input nor the payment activities say. */
const DEFAULT_PAYMENT_POLL_MS = 60_000;

function fail(type: ErrorCode, message: string, details?: unknown): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true, details: details === undefined ? undefined : [details] });
}

export async function invoiceWorkflow(input: InvoiceInput): Promise<string> {
  const state: InvoiceState = input.resume?.state ?? {
    status: null,
    version: 0,
    number: null,
    contractIds: [],
    submittedAt: null,
    dueAt: null,
    remindAt: null,
    reminded: false,
    escalated: false,
    comment: null,
    reason: null,
    paymentOrderId: null,
    paidAt: null,
    refusal: null,
  };
  /** The invoice as last projected; null until the first submission is stored. */
  let record: InvoiceSnapshot | null = input.resume?.snapshot ?? null;
  /** One change at a time: a second command waits for the first one's projection, then is checked again. */
  const lock = new ChangeLock(() => showDetails());
  let paymentPoked = false;
  const toDeliver: string[] = [];

  const nowIso = () => new Date(Date.now()).toISOString();
  const today = () => vilniusDate(new Date(Date.now()));

  function deadlineOf(submittedAt: Date): { dueAt: string; remindAt: string } {
    if (input.evaluationDueAfterMs !== undefined) {
      const dueAt = submittedAt.getTime() + input.evaluationDueAfterMs;
      const remindAt = input.reminderAfterMs !== undefined ? submittedAt.getTime() + input.reminderAfterMs : dueAt;
      return { dueAt: new Date(dueAt).toISOString(), remindAt: new Date(remindAt).toISOString() };
    }
    const d = evaluationDeadline(submittedAt);
    return { dueAt: d.dueAt.toISOString(), remindAt: d.remindAt.toISOString() };
  }

  function showDetails() {
    const status = state.status;
    const mailing = toDeliver.length > 0 ? `Siunčiami laiškai: ${toDeliver.length}` : null;
    if (status === null) {
      setCurrentDetails(
        operatorDetails(state.refusal ? 'Nepateikta' : 'Teikiama', [state.refusal ?? waitingFor('mokymo teikėjo sąskaitos faktūros')]),
      );
      return;
    }
    const head = record ? `${record.number}, ${formatAmount(record.amountCents)} Eur` : null;
    if (awaitsEvaluation(status)) {
      setCurrentDetails(
        operatorDetails(status, [
          head,
          state.escalated
            ? `Vertinimo terminas${state.dueAt ? ` (${state.dueAt})` : ''} praėjo; vertintojams pranešta`
            : waitingFor(status === InvoiceStatus.Submitted ? 'vertintojo' : 'vertintojo sprendimo', state.dueAt),
          !state.escalated && state.remindAt
            ? state.reminded
              ? 'Vertintojams priminta'
              : at('Priminimas vertintojams', state.remindAt)
            : null,
          mailing,
        ]),
      );
      return;
    }
    switch (status) {
      case InvoiceStatus.Returned:
        setCurrentDetails(operatorDetails(status, [head, waitingFor('pataisytos sąskaitos faktūros arba ištrynimo'), mailing]));
        return;
      case InvoiceStatus.ForwardedForPayment:
        setCurrentDetails(
          operatorDetails(status, [
            head,
            state.paymentOrderId ? `Mokėjimo nurodymas ${state.paymentOrderId}` : 'Registruojamas mokėjimo nurodymas',
            waitingFor('mokėjimų sistemos patvirtinimo'),
            mailing,
          ]),
        );
        return;
      default:
        setCurrentDetails(operatorDetails(status, [head, state.paidAt ? at('Apmokėta', state.paidAt) : null, mailing]));
    }
  }

  /**
   * Writes `next` as the next version. A refusal (INV-4, INV-13, INV-14, a file not found) changes
   * nothing and fails the Update with the reason.
   */
  async function project(
    next: Omit<InvoiceSnapshot, 'version'>,
    o: {
      participants: ParticipantChange;
      action: InvoiceAuditAction;
      actor: InvoiceActor;
      requestId: string | null;
      notify: boolean;
      label: string;
    },
  ): Promise<InvoiceCommandResult> {
    const version = state.version + 1;
    const snapshot: InvoiceSnapshot = { ...next, version };
    const result = await db.projectInvoice.executeWithOptions({ summary: summary(o.label, `versija ${version}`) }, [
      { snapshot, participants: o.participants, action: o.action, actor: o.actor, requestId: o.requestId, notify: o.notify },
    ]);
    if (!result.ok) fail(ErrorCode.TransitionNotAllowed, result.refusal);
    record = snapshot;
    state.version = version;
    state.status = snapshot.status;
    state.number = snapshot.number;
    if (Array.isArray(o.participants)) state.contractIds = [...o.participants];
    state.submittedAt = snapshot.submittedAt;
    state.dueAt = snapshot.evaluationDueAt;
    state.remindAt = snapshot.reminderDueAt;
    state.reminded = snapshot.remindedAt !== null;
    state.escalated = snapshot.escalatedAt !== null;
    state.comment = snapshot.evaluatorComment;
    state.reason = snapshot.rejectionReason;
    state.paymentOrderId = snapshot.paymentOrderId;
    state.paidAt = snapshot.paidAt;
    toDeliver.push(...result.outboxIds);
    return { status: snapshot.status, version };
  }

  const userActor = (a: ProviderActor): InvoiceActor => ({ kind: 'user', userId: a.userId, personalCodeHash: a.personalCodeHash });
  const evaluatorActor = (a: EvaluatorActor): InvoiceActor => ({ kind: 'evaluator', evaluatorId: a.evaluatorId, personKey: a.personKey });

  function checkProvider(actor: ProviderActor | undefined) {
    // Another institution's invoice does not exist for it (GEN-5).
    if (!actor || actor.institutionId !== input.institutionId) fail(ErrorCode.WrongInstitution, 'Sąskaita faktūra nerasta.');
    if (!actor.userId) fail(ErrorCode.InvalidInput, 'Nenurodytas naudotojas.');
  }
  function checkEvaluator(actor: EvaluatorActor | undefined) {
    if (!actor?.evaluatorId) fail(ErrorCode.InvalidInput, 'Nenurodytas vertintojas.');
  }
  function checkTransition(action: InvoiceAction) {
    const refusal = transitionRefusal(action, state.status);
    if (refusal) fail(state.status === null ? ErrorCode.NotCreated : ErrorCode.TransitionNotAllowed, refusal);
  }
  function checkSubmission(invoice: InvoiceSubmission | undefined) {
    const errors = submissionErrors(invoice ?? ({} as InvoiceSubmission), today());
    if (errors) fail(ErrorCode.InvalidInput, Object.values(errors).join(' '), errors);
  }

  // ---- I1: the provider submits (update-with-start) ----------------------------------------------
  function checkSubmit(cmd: SubmitInvoiceCommand) {
    checkProvider(cmd?.actor);
    if (state.refusal) fail(ErrorCode.TransitionNotAllowed, state.refusal);
    checkTransition(InvoiceAction.Submit);
    checkSubmission(cmd.invoice);
  }
  setHandler(
    submitInvoiceUpdate,
    (cmd) =>
      lock.run(
        () => checkSubmit(cmd),
        async () => {
          const now = new Date(Date.now());
          const deadline = deadlineOf(now);
          const s = cmd.invoice;
          try {
            return await project(
              {
                id: input.invoiceId,
                institutionId: input.institutionId,
                programmeId: input.programmeId,
                groupId: input.groupId,
                status: InvoiceStatus.Submitted,
                number: s.number.trim(),
                invoiceDate: s.date,
                amountCents: s.amountCents,
                fileId: s.fileId,
                submittedByUserId: cmd.actor.userId,
                submittedByName: cmd.actor.name,
                firstSubmittedAt: now.toISOString(),
                submittedAt: now.toISOString(),
                evaluationDueAt: deadline.dueAt,
                reminderDueAt: deadline.remindAt,
                remindedAt: null,
                escalatedAt: null,
                evaluatorId: null,
                evaluatorName: null,
                takenAt: null,
                decidedAt: null,
                evaluatorComment: null,
                rejectionReason: null,
                deletedAt: null,
                deletedByUserId: null,
                transferredAt: null,
                paymentOrderId: null,
                paidAt: null,
              },
              {
                participants: [...s.contractIds],
                action: 'INVOICE_SUBMITTED',
                actor: userActor(cmd.actor),
                requestId: cmd.actor.requestId,
                notify: false,
                label: 'Pateikiama sąskaita faktūra',
              },
            );
          } catch (err) {
            // INV-13 and the other refusals of the first submission: no invoice; the workflow ends.
            if (err instanceof ApplicationFailure && err.type === ErrorCode.TransitionNotAllowed) state.refusal = err.message;
            throw err;
          }
        },
      ),
    { validator: checkSubmit },
  );

  // ---- I2, I6: the provider deletes ----------------------------------------------------------------
  function checkDelete(cmd: { actor: ProviderActor }) {
    checkProvider(cmd?.actor);
    checkTransition(InvoiceAction.Delete);
  }
  setHandler(
    deleteInvoiceUpdate,
    (cmd) =>
      lock.run(
        () => checkDelete(cmd),
        () =>
          project(
            {
              ...record!,
              status: InvoiceStatus.Deleted,
              deletedAt: nowIso(),
              deletedByUserId: cmd.actor.userId,
              evaluationDueAt: null,
              reminderDueAt: null,
            },
            {
              participants: 'release',
              action: 'INVOICE_DELETED',
              actor: userActor(cmd.actor),
              requestId: cmd.actor.requestId,
              notify: false,
              label: 'Sąskaita faktūra ištrinama',
            },
          ),
      ),
    { validator: checkDelete },
  );

  // ---- I5: the corrected resubmission (INV-18) ------------------------------------------------------
  function checkResubmit(cmd: { actor: ProviderActor; invoice: InvoiceSubmission }) {
    checkProvider(cmd?.actor);
    checkTransition(InvoiceAction.Resubmit);
    checkSubmission(cmd.invoice);
  }
  setHandler(
    resubmitInvoiceUpdate,
    (cmd) =>
      lock.run(
        () => checkResubmit(cmd),
        () => {
          const now = new Date(Date.now());
          const deadline = deadlineOf(now);
          const s = cmd.invoice;
          return project(
            {
              ...record!,
              status: InvoiceStatus.Submitted,
              number: s.number.trim(),
              invoiceDate: s.date,
              amountCents: s.amountCents,
              fileId: s.fileId,
              submittedByUserId: cmd.actor.userId,
              submittedByName: cmd.actor.name,
              submittedAt: now.toISOString(),
              evaluationDueAt: deadline.dueAt,
              reminderDueAt: deadline.remindAt,
              remindedAt: null,
              escalatedAt: null,
              evaluatorId: null,
              evaluatorName: null,
              takenAt: null,
              decidedAt: null,
            },
            {
              participants: [...s.contractIds],
              action: 'INVOICE_RESUBMITTED',
              actor: userActor(cmd.actor),
              requestId: cmd.actor.requestId,
              notify: false,
              label: 'Pateikiama pataisyta sąskaita faktūra',
            },
          );
        },
      ),
    { validator: checkResubmit },
  );

  // ---- I3, I4, I7, I8: the evaluator's Updates ---------------------------------------------------------
  /**
   * One evaluator Update: the evaluator and the transition checked (and `checkText`, the comment or
   * reason I4/I7 require), then the invoice projected with the evaluator, `change` and N17 (INV-20).
   */
  function evaluatorUpdate<C extends { actor: EvaluatorActor }>(
    update: UpdateDefinition<InvoiceCommandResult, [C]>,
    action: InvoiceAction,
    checkText: ((cmd: C) => void) | null,
    change: (cmd: C, now: string) => Partial<InvoiceSnapshot> & Pick<InvoiceSnapshot, 'status'>,
    audit: { participants: 'keep' | 'release'; action: InvoiceAuditAction; label: string },
  ) {
    const check = (cmd: C) => {
      checkEvaluator(cmd?.actor);
      checkTransition(action);
      checkText?.(cmd);
    };
    setHandler(
      update,
      (cmd) =>
        lock.run(
          () => check(cmd),
          () =>
            project(
              { ...record!, evaluatorId: cmd.actor.evaluatorId, evaluatorName: cmd.actor.name, ...change(cmd, nowIso()) },
              {
                participants: audit.participants,
                action: audit.action,
                actor: evaluatorActor(cmd.actor),
                requestId: cmd.actor.requestId,
                notify: true,
                label: audit.label,
              },
            ),
        ),
      { validator: check },
    );
  }
  /** I4's comment, I7's reason: mandatory, at most COMMENT_MAX_LENGTH characters. */
  function checkDecisionText(kind: 'RETURN' | 'REJECT', field: 'comment' | 'reason', text: string) {
    const error = decisionTextError(kind, text);
    if (error) fail(ErrorCode.InvalidInput, error, { [field]: error });
  }
  /** A decision (I4, I7, I8) stops the evaluation clock. */
  const noDeadline = { evaluationDueAt: null, reminderDueAt: null };

  // I3: the evaluator takes it.
  evaluatorUpdate(
    takeForEvaluationUpdate,
    InvoiceAction.TakeForEvaluation,
    null,
    (_, now) => ({ status: InvoiceStatus.UnderEvaluation, takenAt: now }),
    {
      participants: 'keep',
      action: 'INVOICE_TAKEN_FOR_EVALUATION',
      label: 'Sąskaita faktūra imama vertinti',
    },
  );
  // I4: returned for supplementation, comment mandatory.
  evaluatorUpdate(
    returnInvoiceUpdate,
    InvoiceAction.Return,
    (cmd) => checkDecisionText('RETURN', 'comment', cmd.comment),
    (cmd, now) => ({ status: InvoiceStatus.Returned, decidedAt: now, evaluatorComment: cmd.comment.trim(), ...noDeadline }),
    { participants: 'keep', action: 'INVOICE_RETURNED', label: 'Sąskaita faktūra grąžinama papildymui' },
  );
  // I7: rejected, reason mandatory; final; frees the participants.
  evaluatorUpdate(
    rejectInvoiceUpdate,
    InvoiceAction.Reject,
    (cmd) => checkDecisionText('REJECT', 'reason', cmd.reason),
    (cmd, now) => ({ status: InvoiceStatus.Rejected, decidedAt: now, rejectionReason: cmd.reason.trim(), ...noDeadline }),
    { participants: 'release', action: 'INVOICE_REJECTED', label: 'Sąskaita faktūra atmetama' },
  );
  // I8: passed for payment.
  evaluatorUpdate(
    transferForPaymentUpdate,
    InvoiceAction.TransferForPayment,
    null,
    (_, now) => ({ status: InvoiceStatus.ForwardedForPayment, decidedAt: now, transferredAt: now, ...noDeadline }),
    { participants: 'keep', action: 'INVOICE_TRANSFERRED_FOR_PAYMENT', label: 'Sąskaita faktūra perduodama apmokėti' },
  );

  setHandler(paymentReportedSignal, () => {
    paymentPoked = true;
  });
  setHandler(invoiceStateQuery, () => state);

  /** A refused or lost e-mail is recorded in its outbox row; the invoice goes on. */
  async function deliverQueued() {
    while (toDeliver.length > 0) {
      showDetails();
      const outboxId = toDeliver.shift()!;
      try {
        await mail.deliverEmail.executeWithOptions({ summary: summary('Siunčiamas laiškas', outboxId) }, [outboxId]);
      } catch (err) {
        if (!(err instanceof ActivityFailure)) throw err;
        log.warn('invoice e-mail not delivered', { outboxId, cause: err.cause?.message });
      }
    }
  }

  /** A change the workflow makes itself (payment order, I9), in turn with the commands. */
  function systemProject(next: Omit<InvoiceSnapshot, 'version'>, action: InvoiceAuditAction, notify: boolean, label: string) {
    return lock.run(
      () => undefined,
      () => project(next, { participants: 'keep', action, actor: { kind: 'system' }, requestId: null, notify, label }),
    );
  }

  /** I8 → I9: registers the payment order once, then asks until it is paid (or a report wakes it). */
  async function awaitPayment(): Promise<'paid' | 'continue-as-new' | 'changed'> {
    let status: { orderId: string; paid: boolean; paidAt: string | null; pollMs: number };
    if (!state.paymentOrderId) {
      status = await payments.registerPayment.executeWithOptions({ summary: 'Registruojamas mokėjimo nurodymas' }, [
        { invoiceId: input.invoiceId },
      ]);
      await systemProject(
        { ...record!, paymentOrderId: status.orderId },
        'INVOICE_PAYMENT_REGISTERED',
        false,
        'Įrašomas mokėjimo nurodymas',
      );
    } else {
      status = await payments.paymentStatus.executeWithOptions({ summary: summary('Tikrinama mokėjimo būsena', state.paymentOrderId) }, [
        { orderId: state.paymentOrderId },
      ]);
    }
    if (status.paid) {
      await systemProject(
        { ...record!, status: InvoiceStatus.Paid, paidAt: status.paidAt ?? nowIso() },
        'INVOICE_PAID',
        true,
        'Sąskaita faktūra apmokėta',
      );
      return 'paid';
    }
    await deliverQueued();
    const pollMs = input.paymentPollMs ?? (status.pollMs > 0 ? status.pollMs : DEFAULT_PAYMENT_POLL_MS);
    paymentPoked = false;
    showDetails();
    await condition(() => paymentPoked || toDeliver.length > 0, pollMs, { summary: waitingFor('mokėjimų sistemos patvirtinimo') });
    if (workflowInfo().continueAsNewSuggested && toDeliver.length === 0 && !lock.busy) return 'continue-as-new';
    return 'changed';
  }

  showDetails();
  if (state.status === null) {
    // I1: the submission arrives with the start (update-with-start); refused or never valid, the workflow ends.
    await condition(() => state.status !== null || state.refusal !== null, NO_SUBMISSION_TIMEOUT_MS);
    if (state.status === null) {
      await condition(allHandlersFinished);
      showDetails();
      return 'Nepateikta';
    }
  }

  while (!isFinalStatus(state.status!)) {
    await deliverQueued();
    const status = state.status!;
    if (isFinalStatus(status)) break;
    showDetails();
    if (status === InvoiceStatus.ForwardedForPayment) {
      const outcome = await awaitPayment();
      if (outcome === 'continue-as-new') {
        await condition(allHandlersFinished);
        await continueAsNew<typeof invoiceWorkflow>({ ...input, resume: { snapshot: record!, state } });
      }
      continue;
    }
    const version = state.version;
    const wake = () => state.version !== version || toDeliver.length > 0;
    if (awaitsEvaluation(status) && state.dueAt && !state.escalated) {
      const dueAt = Date.parse(state.dueAt);
      const remindAt = state.remindAt ? Date.parse(state.remindAt) : dueAt;
      const remindNext = !state.reminded && Date.now() < remindAt && remindAt < dueAt;
      const next = remindNext ? remindAt : dueAt;
      const timer = summary(remindNext ? at('Priminimas vertintojams', remindAt) : waitingFor('vertintojo sprendimo', dueAt));
      if (await condition(wake, Math.max(next - Date.now(), 1), { summary: timer })) continue;
      await lock.idle();
      if (state.version !== version) continue;
      if (remindNext) {
        const ids = await db.queueInvoiceEvaluationReminder.executeWithOptions({ summary: 'Priminimas vertintojams' }, [
          { invoiceId: input.invoiceId, at: nowIso() },
        ]);
        state.reminded = true;
        if (record) record = { ...record, remindedAt: record.remindedAt ?? nowIso() };
        toDeliver.push(...ids);
      } else {
        const ids = await db.escalateInvoiceEvaluation.executeWithOptions({ summary: 'Terminas praėjo: pranešama vertintojams' }, [
          { invoiceId: input.invoiceId, at: nowIso() },
        ]);
        state.escalated = true;
        if (record) record = { ...record, escalatedAt: record.escalatedAt ?? nowIso() };
        toDeliver.push(...ids);
      }
      continue;
    }
    // "Grąžinta papildymui", or an overdue evaluation: the next command.
    await condition(wake);
  }
  await condition(allHandlersFinished);
  await deliverQueued();
  showDetails();
  return state.status!;
}
