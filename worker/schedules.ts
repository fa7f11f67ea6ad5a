// Temporal Schedules the worker makes sure exist when it starts (create, or bring an existing one
// to this definition): idempotent, so every worker process may run it, and a changed definition
// reaches the server with the next deployment. An operator's pause survives (its state is kept).
//
//   SmirRefreshDaily  every day at 03:00 Europe/Vilnius → smirRefreshWorkflow, ID SmirRefresh:daily-<time>;
//                     overlap SKIP (a run still going is not doubled), catch-up window 1 day (after
//                     an outage at most the last missed run is made up, not a backlog).
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client, type ScheduleOptions, type ScheduleOptionsStartWorkflowAction } from '@temporalio/client';
import { SMIR_REFRESH_SCHEDULED_WORKFLOW_ID } from '../workflows/ids.ts';
import type { smirRefreshWorkflow } from '../workflows/registry-refresh/workflow.ts';

export const SMIR_REFRESH_SCHEDULE_ID = 'SmirRefreshDaily';

type RefreshSchedule = ScheduleOptions<ScheduleOptionsStartWorkflowAction<typeof smirRefreshWorkflow>>;

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
    },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day', pauseOnFailure: false },
    memo: { description: 'ŠMIR duomenų atnaujinimas: kasdien 03:00 (Europe/Vilnius) atnaujina visų institucijų ŠMIR informaciją' },
  };
}

/** Creates the schedule, or updates an existing one to this definition (keeping its paused state). */
export async function ensureSchedule(client: Client, schedule: RefreshSchedule): Promise<'created' | 'updated'> {
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
export async function ensureSchedules(client: Client, taskQueue: string): Promise<Record<string, 'created' | 'updated'>> {
  return { [SMIR_REFRESH_SCHEDULE_ID]: await ensureSchedule(client, smirRefreshSchedule(taskQueue)) };
}
