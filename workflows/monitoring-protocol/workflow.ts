// MonitoringProtocol:<protocolId> owns lifecycle L7 of one KPMPC monitoring protocol (MON-1..MON-11):
// the observer's draft (M1, Update saveProtocol — the first one starts the workflow by
// update-with-start), the release (M2, releaseProtocol) that either asks for the provider's
// signature (M3: N16 to the administrators, a reminder after 5 working days if still unsigned,
// MON-8) or, with critical deficiencies, shows the protocol without asking for one (M5, MON-10,
// OQ-40: the platform operator may suspend the group through its TrainingGroup workflow, G10, and
// lifts it as today, G11), and the provider's signature (M4, signProtocol; MON-3..MON-5, MON-9).
// Every change is projected into monitoring_protocols as the next version, with its audit row.
import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  condition,
  log,
  proxyActivities,
  setCurrentDetails,
  setHandler,
} from '@temporalio/workflow';
import type { MailActivities } from '../../activities/mail.ts';
import type {
  MonitoringProtocolActivities,
  ProtocolAction,
  ProtocolActor,
  ProtocolSnapshot,
} from '../../activities/monitoring-protocol.ts';
import { vilniusDate } from '../domain/calendar.ts';
import {
  checkSignatureForm,
  contentErrors,
  editRefusal,
  MONITORING_RESULT_LABELS,
  PROTOCOL_STATUS_LABELS,
  ProtocolStatus,
  PROVIDER_CHOICE_LABELS,
  releasedStatus,
  releaseRefusal,
  signatureReminderAt,
  signRefusal,
  type ProtocolContent,
  type ProviderChoice,
} from '../domain/monitoring-protocol.ts';
import { ErrorCode } from '../errors.ts';
import { trainingGroupWorkflowId } from '../ids.ts';
import { at, operatorDetails, summary, waitingFor } from '../operator-details.ts';
import {
  monitoringProtocolStateQuery,
  releaseProtocolUpdate,
  saveProtocolUpdate,
  signProtocolUpdate,
  type MonitoringProtocolInput,
  type MonitoringProtocolState,
  type ProtocolCommandResult,
  type ReleaseProtocolCommand,
  type SaveProtocolCommand,
  type SignProtocolCommand,
} from './messages.ts';
import { ChangeLock } from '../one-at-a-time.ts';

const db = proxyActivities<MonitoringProtocolActivities>({
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

function fail(type: ErrorCode, message: string, details?: unknown): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true, details: details === undefined ? undefined : [details] });
}

interface Signature {
  choice: ProviderChoice;
  observations: string | null;
  userId: string;
  name: string;
  signedAt: string;
}

export async function monitoringProtocolWorkflow(input: MonitoringProtocolInput): Promise<string> {
  const state: MonitoringProtocolState = {
    status: null,
    version: 0,
    content: null,
    releasedAt: null,
    remindAt: null,
    reminded: false,
    signedAt: null,
  };
  let remindedAt: string | null = null;
  let signature: Signature | null = null;
  /** One change at a time: a second command waits for the first one's projection, then is checked again. */
  const lock = new ChangeLock(() => showDetails());
  const toDeliver: string[] = [];

  const today = () => vilniusDate(new Date(Date.now()));

  function snapshot(next: { status: ProtocolStatus; content: ProtocolContent; version: number }): ProtocolSnapshot {
    return {
      id: input.protocolId,
      institutionId: input.institutionId,
      programmeId: input.programmeId,
      groupId: input.groupId,
      observerId: input.observerId,
      status: next.status,
      monitoredOn: next.content.monitoredOn,
      findings: next.content.findings,
      result: next.content.result,
      criticalDeficiencies: next.content.criticalDeficiencies,
      releasedAt: state.releasedAt,
      reminderDueAt: state.remindAt,
      remindedAt,
      providerChoice: signature?.choice ?? null,
      providerObservations: signature?.observations ?? null,
      signedByUserId: signature?.userId ?? null,
      signedByName: signature?.name ?? null,
      signedAt: signature?.signedAt ?? null,
      version: next.version,
    };
  }

  function showDetails() {
    const status = state.status;
    const mailing = toDeliver.length > 0 ? `Siunčiami laiškai: ${toDeliver.length}` : null;
    if (status === null) {
      setCurrentDetails(operatorDetails('Kuriamas', [waitingFor('stebėtojo protokolo')]));
      return;
    }
    const result = state.content ? MONITORING_RESULT_LABELS[state.content.result] : null;
    switch (status) {
      case ProtocolStatus.Draft:
        setCurrentDetails(operatorDetails(PROTOCOL_STATUS_LABELS[status], [waitingFor('stebėtojo pateikimo mokymo teikėjui'), result]));
        return;
      case ProtocolStatus.AwaitingSignature:
        setCurrentDetails(
          operatorDetails(PROTOCOL_STATUS_LABELS[status], [
            waitingFor('mokymo teikėjo parašo'),
            state.reminded ? 'Mokymo teikėjui priminta' : state.remindAt ? at('Priminimas mokymo teikėjui', state.remindAt) : null,
            mailing,
          ]),
        );
        return;
      case ProtocolStatus.Signed:
        setCurrentDetails(
          operatorDetails(PROTOCOL_STATUS_LABELS[status], [
            signature ? `${signature.name}: „${PROVIDER_CHOICE_LABELS[signature.choice]}“` : null,
            signature ? at('Pasirašyta', signature.signedAt) : null,
          ]),
        );
        return;
      case ProtocolStatus.CriticalDeficiencies:
        // MON-10, OQ-40: the operator's path, where the operator looks (the Temporal UI).
        setCurrentDetails(
          operatorDetails(PROTOCOL_STATUS_LABELS[status], [
            'Mokymo teikėjo parašas neprašomas (MON-10)',
            `Platformos operatorius gali sustabdyti grupę („Sustabdyta“, G10) jos darbo eigoje ${trainingGroupWorkflowId(input.groupId)}; sustabdymas atšaukiamas kaip įprasta (liftSuspension, G11)`,
          ]),
        );
        return;
    }
  }

  async function project(
    next: { status: ProtocolStatus; content: ProtocolContent },
    action: ProtocolAction,
    actor: ProtocolActor,
    requestId: string,
    label: string,
  ): Promise<ProtocolCommandResult> {
    const version = state.version + 1;
    const { outboxIds } = await db.projectMonitoringProtocol.executeWithOptions({ summary: summary(label, `versija ${version}`) }, [
      { snapshot: snapshot({ ...next, version }), action, actor, requestId },
    ]);
    state.version = version;
    state.status = next.status;
    state.content = next.content;
    toDeliver.push(...outboxIds);
    return { status: next.status, version };
  }

  // ---- M1: the observer's draft -------------------------------------------------------------------
  function checkSave(cmd: SaveProtocolCommand) {
    if (state.status !== null) {
      const refusal = editRefusal(state.status);
      if (refusal) fail(ErrorCode.TransitionNotAllowed, refusal);
    }
    if (!cmd.actor?.observerId) fail(ErrorCode.InvalidInput, 'Nenurodytas stebėtojas.');
    const errors = contentErrors(cmd.content ?? ({} as ProtocolContent), today());
    if (errors) fail(ErrorCode.InvalidInput, Object.values(errors).join(' '), errors);
  }
  setHandler(
    saveProtocolUpdate,
    (cmd) =>
      lock.run(
        () => checkSave(cmd),
        () =>
          project(
            { status: ProtocolStatus.Draft, content: { ...cmd.content, findings: cmd.content.findings.trim() } },
            'MONITORING_PROTOCOL_SAVED',
            { kind: 'observer', observerId: cmd.actor.observerId, personKey: cmd.actor.personKey },
            cmd.actor.requestId,
            'Įrašomas protokolo projektas',
          ),
      ),
    { validator: checkSave },
  );

  // ---- M2 → M3 / M5: the release --------------------------------------------------------------------
  function checkRelease(cmd: ReleaseProtocolCommand) {
    if (state.status === null || !state.content) fail(ErrorCode.NotCreated, 'Protokolas dar neįrašytas.');
    const refusal = releaseRefusal(state.status);
    if (refusal) fail(ErrorCode.TransitionNotAllowed, refusal);
    if (!cmd.actor?.observerId) fail(ErrorCode.InvalidInput, 'Nenurodytas stebėtojas.');
    // The monitoring date must still not be in the future (MON-7).
    const errors = contentErrors(state.content, today());
    if (errors) fail(ErrorCode.InvalidInput, Object.values(errors).join(' '), errors);
  }
  setHandler(
    releaseProtocolUpdate,
    (cmd) =>
      lock.run(
        () => checkRelease(cmd),
        async () => {
          const content = state.content!;
          const now = new Date(Date.now());
          const status = releasedStatus(content.criticalDeficiencies);
          const previous = { releasedAt: state.releasedAt, remindAt: state.remindAt };
          state.releasedAt = now.toISOString();
          if (status === ProtocolStatus.AwaitingSignature) {
            const remindAt =
              input.reminderAfterMs !== undefined ? new Date(now.getTime() + input.reminderAfterMs) : signatureReminderAt(now);
            state.remindAt = remindAt.toISOString();
          }
          try {
            return await project(
              { status, content },
              'MONITORING_PROTOCOL_RELEASED',
              { kind: 'observer', observerId: cmd.actor.observerId, personKey: cmd.actor.personKey },
              cmd.actor.requestId,
              'Protokolas pateikiamas mokymo teikėjui',
            );
          } catch (err) {
            state.releasedAt = previous.releasedAt;
            state.remindAt = previous.remindAt;
            throw err;
          }
        },
      ),
    { validator: checkRelease },
  );

  // ---- M4: the provider's signature --------------------------------------------------------------
  function checkSign(cmd: SignProtocolCommand) {
    if (!cmd.signer || cmd.signer.institutionId !== input.institutionId) fail(ErrorCode.WrongInstitution, 'Protokolas nerastas.');
    if (state.status === null) fail(ErrorCode.NotCreated, 'Protokolas nerastas.');
    const refusal = signRefusal(state.status);
    if (refusal) fail(ErrorCode.TransitionNotAllowed, refusal);
    const form = checkSignatureForm({ choice: cmd.choice, observations: cmd.observations ?? '' });
    if (!form.ok) fail(ErrorCode.InvalidInput, Object.values(form.errors).join(' '), form.errors);
  }
  setHandler(
    signProtocolUpdate,
    (cmd) =>
      lock.run(
        () => checkSign(cmd),
        async () => {
          const form = checkSignatureForm({ choice: cmd.choice, observations: cmd.observations ?? '' });
          if (!form.ok) fail(ErrorCode.InvalidInput, Object.values(form.errors).join(' '), form.errors);
          signature = {
            choice: form.choice,
            observations: form.observations,
            userId: cmd.signer.userId,
            name: cmd.signer.name,
            signedAt: new Date(Date.now()).toISOString(),
          };
          try {
            const result = await project(
              { status: ProtocolStatus.Signed, content: state.content! },
              'MONITORING_PROTOCOL_SIGNED',
              { kind: 'user', userId: cmd.signer.userId, personalCodeHash: cmd.signer.personalCodeHash },
              cmd.requestId,
              'Protokolas pasirašomas',
            );
            state.signedAt = signature.signedAt;
            return result;
          } catch (err) {
            signature = null;
            throw err;
          }
        },
      ),
    { validator: checkSign },
  );

  setHandler(monitoringProtocolStateQuery, () => state);

  /** A refused or lost e-mail is recorded in its outbox row; the protocol goes on. */
  async function deliverQueued() {
    while (toDeliver.length > 0) {
      showDetails();
      const outboxId = toDeliver.shift()!;
      try {
        await mail.deliverEmail.executeWithOptions({ summary: summary('Siunčiamas laiškas', outboxId) }, [outboxId]);
      } catch (err) {
        if (!(err instanceof ActivityFailure)) throw err;
        log.warn('monitoring protocol e-mail not delivered', { outboxId, cause: err.cause?.message });
      }
    }
  }

  const released = () => state.status !== null && state.status !== ProtocolStatus.Draft;
  showDetails();
  // M1: drafts until the observer releases it.
  await condition(released);
  if (state.status === ProtocolStatus.AwaitingSignature) {
    // M3 → M4: the provider signs; reminded once if still unsigned at remindAt (MON-8).
    const signed = () => state.status === ProtocolStatus.Signed;
    const wake = () => signed() || toDeliver.length > 0;
    while (!signed()) {
      await deliverQueued();
      if (signed()) break;
      showDetails();
      if (state.reminded || !state.remindAt) {
        await condition(wake);
        continue;
      }
      const remindAt = Date.parse(state.remindAt);
      const timer = summary(at('Priminimas mokymo teikėjui', remindAt));
      if (await condition(wake, Math.max(remindAt - Date.now(), 1), { summary: timer })) continue;
      await lock.idle();
      if (signed()) break;
      const now = new Date(Date.now()).toISOString();
      const ids = await db.queueProtocolSignatureReminder.executeWithOptions({ summary: 'Priminimas mokymo teikėjui pasirašyti' }, [
        { protocolId: input.protocolId, at: now },
      ]);
      state.reminded = true;
      remindedAt = now;
      toDeliver.push(...ids);
    }
  }
  await condition(allHandlersFinished);
  await deliverQueued();
  showDetails();
  return state.status ?? ProtocolStatus.Draft;
}
