// The outbox relay (GEN-10, issue 10 "nothing lost"): a Temporal Schedule (worker/schedules.ts,
// EmailOutboxRelay, every minute, overlap SKIP) starts this workflow, which delivers every e-mail
// still unsent a while after it was queued — one its workflow could not deliver (SMTP down longer
// than its retries), or one queued by web whose delivery could not be started (Temporal down).
// Each e-mail is delivered on its own: one that fails does not hold up the others, and stays for the
// next run. Deliveries claim their row (activities/mail.ts), so the relay never doubles a message
// its own workflow is sending at the same moment.
import { log, proxyActivities, setCurrentDetails } from '@temporalio/workflow';
import type { MailActivities } from '../../activities/mail.ts';
import { operatorDetails } from '../operator-details.ts';

export interface OutboxRelayInput {
  /** Only e-mails queued at least this long ago (their own workflow tries first); default 1 minute. */
  olderThanMs?: number;
  /** At most this many per run (the next run takes the rest); default 500. */
  limit?: number;
  /** Only one institution's e-mails (an operator's run, or a test sharing the database); default all. */
  institutionId?: string;
}

export interface OutboxRelayResult {
  found: number;
  sent: number;
  failed: number;
}

const { listEmailsToRelay } = proxyActivities<MailActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumAttempts: 3 },
  summary: 'Neišsiųsti el. laiškai ieškomi siuntimo eilėje',
});
/** One try and one retry per run: the next run (a minute later) tries again. */
const { deliverEmail } = proxyActivities<MailActivities>({
  startToCloseTimeout: '1 minute',
  retry: { maximumAttempts: 2, initialInterval: '5 seconds' },
  summary: 'El. laiškas siunčiamas iš siuntimo eilės',
});

/** E-mails in flight at once, well below the 2,000 pending activities a workflow task allows. */
const LANES = 20;

export async function emailOutboxRelayWorkflow(input: OutboxRelayInput = {}): Promise<OutboxRelayResult> {
  const ids = await listEmailsToRelay({
    olderThanMs: input.olderThanMs ?? 60_000,
    limit: input.limit ?? 500,
    ...(input.institutionId ? { institutionId: input.institutionId } : {}),
  });
  let sent = 0;
  let failed = 0;
  const show = () =>
    setCurrentDetails(
      operatorDetails('El. laiškų siuntimo eilė', [
        `Rasta neišsiųstų: ${ids.length}`,
        `Išsiųsta: ${sent}`,
        `Nepavyko (bus bandoma kitą kartą): ${failed}`,
      ]),
    );
  show();
  let next = 0;
  async function lane(): Promise<void> {
    while (next < ids.length) {
      const id = ids[next++]!;
      try {
        if ((await deliverEmail(id)).sent) sent++;
      } catch (err) {
        failed++;
        log.warn('e-mail left for the next relay run', { outboxId: id, error: String(err) });
      }
      show();
    }
  }
  await Promise.all(Array.from({ length: Math.min(LANES, ids.length) }, lane));
  return { found: ids.length, sent, failed };
}
