// Delivery of the e-mails a group's projections queued in the outbox (GEN-10), outside the group's
// lock so that a slow SMTP server blocks no command. Each e-mail is its own activity: one that
// fails does not hold up the others. The workflow tries for a few minutes; what is still unsent
// after that is delivered by the outbox relay (workflows/outbox-relay), so an outage delays mail,
// never drops it.
import { condition, log, patched, proxyActivities, type ActivityOptions } from '@temporalio/workflow';
import type { MailActivities } from '../../activities/mail.ts';

/** A few minutes of retries here; the relay takes over after that (workflows/outbox-relay). */
const MAIL_ACTIVITY: ActivityOptions = {
  startToCloseTimeout: '1 minute',
  scheduleToCloseTimeout: '10 minutes',
  retry: { initialInterval: '5 seconds', maximumInterval: '2 minutes' },
};

/** E-mails in flight at once: bounded, well below the 2,000 pending activities a task allows. */
const MAIL_WAVE = 50;
/** Each e-mail delivered on its own (histories before it delivered a whole wave and waited for all). */
const INDEPENDENT_MAIL_PATCH = 'independent-mail';

function deliver(outboxId: string): Promise<unknown> {
  const { deliverEmail } = proxyActivities<MailActivities>({ ...MAIL_ACTIVITY, summary: `El. laiškas ${outboxId}` });
  return deliverEmail(outboxId).catch((err: unknown) => log.warn('e-mail left to the outbox relay', { outboxId, error: String(err) }));
}

export class GroupMail {
  private readonly inFlight = new Set<string>();
  private waveRunning = false;

  /** `pending` is the workflow state's list (carried over by continue-as-new). */
  constructor(private readonly pending: string[]) {}

  queue(ids: readonly string[]): void {
    this.pending.push(...ids);
  }

  /** Nothing queued and nothing on its way. */
  get settled(): boolean {
    return this.pending.length === 0 && this.inFlight.size === 0 && !this.waveRunning;
  }

  /** What the operator sees while mail is going out. */
  get description(): string | null {
    return this.pending.length === 0 ? null : `Siunčiami el. laiškai: ${this.pending.length}`;
  }

  /** Runs for the workflow's life. */
  async run(): Promise<never> {
    for (;;) {
      await condition(() => this.pending.some((id) => !this.inFlight.has(id)) && this.inFlight.size < MAIL_WAVE);
      if (this.inFlight.size === 0 && !patched(INDEPENDENT_MAIL_PATCH)) {
        await this.legacyWave();
        continue;
      }
      for (const id of this.pending) {
        if (this.inFlight.size >= MAIL_WAVE) break;
        if (this.inFlight.has(id)) continue;
        this.inFlight.add(id);
        void deliver(id).then(() => {
          this.inFlight.delete(id);
          const at = this.pending.indexOf(id);
          if (at >= 0) this.pending.splice(at, 1);
        });
      }
    }
  }

  /** As histories recorded before INDEPENDENT_MAIL_PATCH have it: a wave, all awaited together. */
  private async legacyWave(): Promise<void> {
    this.waveRunning = true;
    const wave = this.pending.slice(0, MAIL_WAVE);
    await Promise.all(wave.map((id) => deliver(id)));
    this.pending.splice(0, wave.length);
    this.waveRunning = false;
  }
}
