// A daily schedule's definition as the workflow tests check it (the ŠMIR refresh, the certificate
// issuance): created once and brought to its definition afterwards, with an operator's pause kept.
import { ScheduleOverlapPolicy, type Client, type ScheduleOptions } from '@temporalio/client';
import { expect } from 'vitest';
import { ensureSchedule } from '../../worker/schedules.ts';

/**
 * `definition` (its own test schedule id) is created, then paused by an operator and ensured again:
 * its next run is at `hour`:00 Europe/Vilnius, overlap SKIP, catch-up one day, its action `action`,
 * still paused, its memo naming the hour. The schedule is deleted afterwards.
 */
export async function expectDailySchedule(
  client: Client,
  definition: ScheduleOptions,
  hour: number,
  action: Record<string, unknown>,
): Promise<void> {
  const hh = `${String(hour).padStart(2, '0')}:00`;
  const handle = client.schedule.getHandle(definition.scheduleId);
  try {
    expect(await ensureSchedule(client, definition)).toBe('created');
    const next = (await handle.describe()).info.nextActionTimes[0];
    expect(next && new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Vilnius', hour: '2-digit', minute: '2-digit' }).format(next)).toBe(
      hh,
    );
    await handle.pause('operatorius sustabdė');
    expect(await ensureSchedule(client, definition)).toBe('updated');
    const d = await handle.describe();
    expect(d.spec.calendars).toEqual([
      expect.objectContaining({ hour: [{ start: hour, end: hour, step: 1 }], minute: [{ start: 0, end: 0, step: 1 }] }),
    ]);
    expect(d.spec.timezone).toBe('Europe/Vilnius');
    expect(d.policies.overlap).toBe(ScheduleOverlapPolicy.SKIP);
    expect(d.policies.catchupWindow).toBe(24 * 3600 * 1000);
    expect(d.action).toMatchObject({ type: 'startWorkflow', ...action });
    expect(d.state.paused).toBe(true); // an operator's pause survives a worker start
    expect(d.memo).toMatchObject({ description: expect.stringContaining(hh) });
  } finally {
    await handle.delete();
  }
}
