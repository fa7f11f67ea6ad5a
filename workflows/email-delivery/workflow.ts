// Delivers e-mails that web queued in the outbox together with a change it made itself (plain data
// such as a timetable, not a lifecycle): web starts EmailDelivery:<label> after its transaction
// has committed, and this workflow sends each message through the deliverEmail activity, retried
// by Temporal while SMTP is down. Deterministic: no I/O here, only activity calls.
import { proxyActivities, setCurrentDetails } from '@temporalio/workflow';
import type { MailActivities } from '../../activities/mail.ts';
import { operatorDetails, summary } from '../operator-details.ts';

/** SMTP may be down for a while: delivery keeps trying, with growing pauses, for up to a day. */
const mail = proxyActivities<MailActivities>({
  startToCloseTimeout: '1 minute',
  scheduleToCloseTimeout: '24 hours',
  retry: { initialInterval: '5 seconds', maximumInterval: '10 minutes' },
});

export interface EmailDeliveryInput {
  /** Outbox rows (db/queries/outbox.ts); ids only, never the messages (payload limits). */
  outboxIds: string[];
}

/** Messages are sent in waves, so one change that mails a large group stays well within limits. */
const WAVE = 50;

export async function emailDeliveryWorkflow(input: EmailDeliveryInput): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  const total = input.outboxIds.length;
  const progress = () => `Išsiųsta ${sent} iš ${total}${failed > 0 ? `, nepavyko ${failed}` : ''}`;
  for (let i = 0; i < total; i += WAVE) {
    setCurrentDetails(
      operatorDetails('Siunčiami laiškai', [progress(), `Laukia SMTP serverio: laiškai ${i + 1}–${Math.min(i + WAVE, total)}`]),
    );
    const wave = input.outboxIds.slice(i, i + WAVE);
    const results = await Promise.allSettled(
      wave.map((id) => mail.deliverEmail.executeWithOptions({ summary: summary('Siunčiamas laiškas', id) }, [id])),
    );
    // A message the server refused for good stays in the outbox with its error; the others go on.
    for (const r of results)
      if (r.status === 'fulfilled') sent++;
      else failed++;
  }
  setCurrentDetails(operatorDetails('Laiškai išsiųsti', [progress()]));
  return { sent, failed };
}
