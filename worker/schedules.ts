// Temporal Schedules the worker makes sure exist when it starts (create, or bring an existing one
// to this definition): idempotent, so every worker process may run it, and a changed definition
// reaches the server with the next deployment. An operator's pause survives (its state is kept).
//
//   SmirRefreshDaily  every day at 03:00 Europe/Vilnius → smirRefreshWorkflow, ID SmirRefresh:daily-<time>;
//                     overlap SKIP (a run still going is not doubled), catch-up window 1 day (after
//                     an outage at most the last missed run is made up, not a backlog).
//   EmailOutboxRelay  every minute → emailOutboxRelayWorkflow, ID EmailOutboxRelay-<time>: delivers
//                     e-mails still unsent (SMTP or Temporal was down); overlap SKIP, catch-up 1 minute.
//   DocumentReviewRelay every 5 minutes → documentReviewRelayWorkflow: starts the review of an uploaded
//                     document whose start did not happen; overlap SKIP.
//   CertificateIssuanceDaily every day at 01:00 Europe/Vilnius → certificateIssuanceWorkflow, ID
//                     CertificateIssuance:daily-<time>: the certificates of everyone whose questionnaire
//                     was filled on a previous day (DONE-10, DONE-17); overlap SKIP, catch-up 1 day.
import {
  ScheduleAlreadyRunning,
  ScheduleOverlapPolicy,
  type Client,
  type ScheduleOptions,
  type ScheduleOptionsStartWorkflowAction,
} from '@temporalio/client';
import {
  CERTIFICATE_ISSUANCE_SCHEDULED_WORKFLOW_ID,
  OUTBOX_RELAY_WORKFLOW_ID,
  SMIR_REFRESH_SCHEDULED_WORKFLOW_ID,
} from '../workflows/ids.ts';
import type { certificateIssuanceWorkflow } from '../workflows/certificate-issuance/workflow.ts';
import type { documentReviewRelayWorkflow } from '../workflows/document-review/relay.ts';
import type { emailOutboxRelayWorkflow } from '../workflows/outbox-relay/workflow.ts';
import type { smirRefreshWorkflow } from '../workflows/registry-refresh/workflow.ts';

export const SMIR_REFRESH_SCHEDULE_ID = 'SmirRefreshDaily';

type RefreshSchedule = ScheduleOptions<ScheduleOptionsStartWorkflowAction<typeof smirRefreshWorkflow>>;
type RelaySchedule = ScheduleOptions<ScheduleOptionsStartWorkflowAction<typeof emailOutboxRelayWorkflow>>;

const OUTBOX_RELAY_SCHEDULE_ID = 'EmailOutboxRelay';

type ReviewRelaySchedule = ScheduleOptions<ScheduleOptionsStartWorkflowAction<typeof documentReviewRelayWorkflow>>;
const REVIEW_RELAY_SCHEDULE_ID = 'DocumentReviewRelay';

/** The review relay: every 5 minutes, reviews whose start did not happen are started. */
export function reviewRelaySchedule(taskQueue: string, scheduleId = REVIEW_RELAY_SCHEDULE_ID): ReviewRelaySchedule {
  return {
    scheduleId,
    spec: { intervals: [{ every: '5 minutes' }] },
    action: {
      type: 'startWorkflow',
      workflowType: 'documentReviewRelayWorkflow',
      workflowId: 'DocumentReviewRelay',
      taskQueue,
      args: [{}],
      workflowExecutionTimeout: '10 minutes',
      staticSummary: 'Dokumentų vertinimo pradžia: nepradėtų vertinimų paleidimas (kas 5 min.)',
    },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '5 minutes', pauseOnFailure: false },
    memo: { description: 'Kas 5 minutes pradeda įkeltų dokumentų vertinimą, jei jo nepavyko pradėti iš karto' },
  };
}

/** The outbox relay: every minute, e-mails still unsent a minute after they were queued are delivered. */
export function outboxRelaySchedule(taskQueue: string, scheduleId = OUTBOX_RELAY_SCHEDULE_ID): RelaySchedule {
  return {
    scheduleId,
    spec: { intervals: [{ every: '1 minute' }] },
    action: {
      type: 'startWorkflow',
      workflowType: 'emailOutboxRelayWorkflow',
      workflowId: OUTBOX_RELAY_WORKFLOW_ID,
      taskQueue,
      args: [{}],
      workflowExecutionTimeout: '10 minutes',
      staticSummary: 'El. laiškų siuntimo eilė: neišsiųstų laiškų pristatymas (kas minutę)',
    },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 minute', pauseOnFailure: false },
    memo: { description: 'Kas minutę pristato el. laiškus, kurių nepavyko išsiųsti iš karto (SMTP ar Temporal buvo nepasiekiami)' },
  };
}

export function smirRefreshSchedule(taskQueue: string, scheduleId = SMIR_REFRESH_SCHEDULE_ID): RefreshSchedule {
  return {
    scheduleId,
    spec: { calendars: [{ hour: 3, minute: 0, comment: 'kasdien 03:00 Vilniaus laiku' }], timezone: 'Europe/Vilnius' },
    action: {
      type: 'startWorkflow',
      workflowType: 'smirRefreshWorkflow',
      workflowId: SMIR_REFRESH_SCHEDULED_WORKFLOW_ID,
      taskQueue,
      args: [{}],
      // A day's run that cannot finish in 6 hours is stuck: end it before the next one.
      workflowExecutionTimeout: '6 hours',
      // What an operator reads in the Temporal UI's list (issue 10); progress is in the current details.
      staticSummary: 'ŠMIR duomenų atnaujinimas: visos institucijos (kasdien 03:00 Vilniaus laiku)',
      staticDetails: 'Atnaujina visų institucijų ŠMIR informaciją paketais po 50; eiga ir nepavykę kodai rodomi „Current Details“ ir memo.',
    },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day', pauseOnFailure: false },
    memo: { description: 'ŠMIR duomenų atnaujinimas: kasdien 03:00 (Europe/Vilnius) atnaujina visų institucijų ŠMIR informaciją' },
  };
}

export const CERTIFICATE_ISSUANCE_SCHEDULE_ID = 'CertificateIssuanceDaily';

type CertificateSchedule = ScheduleOptions<ScheduleOptionsStartWorkflowAction<typeof certificateIssuanceWorkflow>>;

/**
 * The certificate batch (DONE-10, DONE-17): every day at 01:00 Vilnius time, for the day it runs on
 * (the workflow takes the Vilnius date itself, so a run made up after an outage still certifies
 * everything due). Overlap SKIP: a batch still going is not doubled; catch-up 1 day: after an outage
 * the missed night is made up once.
 */
export function certificateIssuanceSchedule(
  taskQueue: string,
  options: { chunkSize?: number; concurrency?: number; institutionIds?: string[] } = {},
  scheduleId = CERTIFICATE_ISSUANCE_SCHEDULE_ID,
): CertificateSchedule {
  return {
    scheduleId,
    spec: { calendars: [{ hour: 1, minute: 0, comment: 'kasdien 01:00 Vilniaus laiku' }], timezone: 'Europe/Vilnius' },
    action: {
      type: 'startWorkflow',
      workflowType: 'certificateIssuanceWorkflow',
      workflowId: CERTIFICATE_ISSUANCE_SCHEDULED_WORKFLOW_ID,
      taskQueue,
      args: [
        {
          ...(options.chunkSize ? { chunkSize: options.chunkSize } : {}),
          ...(options.concurrency ? { concurrency: options.concurrency } : {}),
          ...(options.institutionIds ? { institutionIds: options.institutionIds } : {}),
        },
      ],
      // A night's batch that cannot finish in 20 hours is stuck: end it before the next one.
      workflowExecutionTimeout: '20 hours',
      staticSummary: 'Skaitmeninių pažymėjimų išdavimas (kasdien 01:00 Vilniaus laiku)',
      staticDetails:
        'Išduoda pažymėjimus visiems, kurių klausimynas užpildytas ankstesnę dieną ir kurie atitinka DONE-9; eiga rodoma „Current Details“ ir memo.',
    },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day', pauseOnFailure: false },
    memo: { description: 'Skaitmeninių pažymėjimų išdavimas: kasdien 01:00 (Europe/Vilnius) už ankstesnes dienas užpildytus klausimynus' },
  };
}

/** Creates the schedule, or updates an existing one to this definition (keeping its paused state). */
export async function ensureSchedule(client: Client, schedule: ScheduleOptions): Promise<'created' | 'updated'> {
  try {
    await client.schedule.create(schedule);
    return 'created';
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
  }
  await client.schedule.getHandle(schedule.scheduleId).update((previous) => ({
    spec: schedule.spec,
    action: schedule.action,
    policies: schedule.policies,
    state: { paused: previous.state.paused, note: previous.state.note, remainingActions: previous.state.remainingActions },
  }));
  return 'updated';
}

/** Every schedule of the application, on the given task queue. */
export async function ensureSchedules(
  client: Client,
  taskQueue: string,
  certificates: { chunkSize?: number; concurrency?: number } = {},
): Promise<Record<string, 'created' | 'updated'>> {
  return {
    [CERTIFICATE_ISSUANCE_SCHEDULE_ID]: await ensureSchedule(client, certificateIssuanceSchedule(taskQueue, certificates)),
    [SMIR_REFRESH_SCHEDULE_ID]: await ensureSchedule(client, smirRefreshSchedule(taskQueue)),
    [OUTBOX_RELAY_SCHEDULE_ID]: await ensureSchedule(client, outboxRelaySchedule(taskQueue)),
    [REVIEW_RELAY_SCHEDULE_ID]: await ensureSchedule(client, reviewRelaySchedule(taskQueue)),
  };
}
