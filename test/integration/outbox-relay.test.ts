// The outbox relay (GEN-10, issue 10 "nothing lost"): e-mails queued while SMTP (or Temporal) was
// down stay in the outbox and are delivered by the relay once it is back — each exactly once, each
// on its own (one that cannot be sent holds up none of the others), never twice when the relay and
// the e-mail's own workflow try at the same moment; a message the SMTP server refused for good is
// not retried. (That one e-mail failing holds up no other is shown in test/workflows/mail-independence.) The relay runs against the real Postgres, worker and Mailpit; the schedule that
// starts it every minute is created as the worker creates it.
import { ScheduleOverlapPolicy } from '@temporalio/client';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueEmail } from '../../db/queries/outbox.ts';
import type { emailOutboxRelayWorkflow, OutboxRelayInput } from '../../workflows/outbox-relay/workflow.ts';
import { ensureSchedule, outboxRelaySchedule, reviewRelaySchedule } from '../../worker/schedules.ts';
import type { documentReviewRelayWorkflow } from '../../workflows/document-review/relay.ts';
import { documentReviewWorkflowId } from '../../workflows/ids.ts';
import { createInstitution, type InstitutionFixture } from '../support/fixtures.ts';
import { mailpit, mailpitQuery } from '../support/mailpit.ts';
import { insertDocument, insertParticipant } from '../support/participants.ts';
import { startStack, type TestStack } from '../support/stack.ts';

let up: TestStack;
/** The same app with SMTP unreachable (nothing listens on port 1). */
let down: TestStack;
let fx: InstitutionFixture;

beforeAll(async () => {
  [up, down] = await Promise.all([startStack('outbox-relay'), startStack('outbox-relay-smtp-down', { env: { SMTP_PORT: '1' } })]);
  fx = await createInstitution(up.db, 'Laiškų eilės institucija');
});

afterAll(async () => {
  await Promise.all([up?.stop(), down?.stop()]);
});

function relay(stack: TestStack, input: OutboxRelayInput = {}) {
  return stack.client.workflow.execute<typeof emailOutboxRelayWorkflow>('emailOutboxRelayWorkflow', {
    taskQueue: stack.config.temporal.taskQueue,
    workflowId: `EmailOutboxRelay-test-${crypto.randomUUID()}`,
    args: [{ olderThanMs: 0, institutionId: fx.institutionId, ...input }],
  });
}

async function queue(to: string, subject: string): Promise<string> {
  return queueEmail(up.db, {
    to: { address: to },
    subject,
    text: 'Laiško tekstas.',
    kind: 'TEST',
    entityType: 'test',
    entityId: crypto.randomUUID(),
    institutionId: fx.institutionId,
  });
}

const row = (id: string) => up.db.selectFrom('email_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('the outbox relay (GEN-10)', () => {
  it('delivers what SMTP could not take, once each; a second run finds nothing', async () => {
    const tag = crypto.randomUUID().slice(0, 8);
    const good = await Promise.all([1, 2, 3].map((i) => queue(`gavejas-${i}-${tag}@pastas.example.lt`, `Eilės laiškas ${i} ${tag}`)));
    const whileDown = await relay(down);
    expect(whileDown).toMatchObject({ found: 3, sent: 0, failed: 3 });
    for (const id of good) expect(await row(id)).toMatchObject({ sent_at: null, claimed_until: null });
    expect((await row(good[0]!)).last_error).toBeTruthy();

    const back = await relay(up);
    expect(back).toMatchObject({ found: 3, sent: 3, failed: 0 });
    for (const [i, id] of good.entries()) {
      expect((await row(id)).sent_at).not.toBeNull();
      const inbox = await mailpit.search(mailpitQuery({ to: `gavejas-${i + 1}-${tag}@pastas.example.lt` }));
      expect(inbox.map((m) => m.Subject)).toEqual([`Eilės laiškas ${i + 1} ${tag}`]);
    }

    const again = await relay(up);
    expect(again).toMatchObject({ found: 0, sent: 0, failed: 0 });
    for (const [i] of good.entries())
      expect(await mailpit.search(mailpitQuery({ to: `gavejas-${i + 1}-${tag}@pastas.example.lt` }))).toHaveLength(1);
  });

  it('skips an e-mail another delivery holds right now, and one refused for good; takes only those old enough', async () => {
    const tag = crypto.randomUUID().slice(0, 8);
    const held = await queue(`laikomas-${tag}@pastas.example.lt`, `Laikomas ${tag}`);
    const refused = await queue(`atmestas-${tag}@pastas.example.lt`, `Atmestas ${tag}`);
    await up.db
      .updateTable('email_outbox')
      .set({ claimed_until: new Date(Date.now() + 60_000) })
      .where('id', '=', held)
      .execute();
    await up.db.updateTable('email_outbox').set({ rejected_at: new Date() }).where('id', '=', refused).execute();
    expect(await relay(up)).toMatchObject({ found: 0, sent: 0 });
    const fresh = await queue(`naujas-${tag}@pastas.example.lt`, `Naujas ${tag}`);
    // Its own workflow tries first: the relay takes it only once it is a minute old.
    expect(await relay(up, { olderThanMs: 60_000 })).toMatchObject({ found: 0 });
    expect(await relay(up)).toMatchObject({ found: 1, sent: 1 });
    expect((await row(fresh)).sent_at).not.toBeNull();
    // A delivery that finds the row held does not send it (the holder will): retried, then found sent or free.
    await up.db.updateTable('email_outbox').set({ claimed_until: null }).where('id', '=', held).execute();
    expect(await relay(up)).toMatchObject({ found: 1, sent: 1 });
    expect(await mailpit.search(mailpitQuery({ to: `laikomas-${tag}@pastas.example.lt` }))).toHaveLength(1);
    expect(await mailpit.search(mailpitQuery({ to: `atmestas-${tag}@pastas.example.lt` }))).toHaveLength(0);
  });

  it('is started every minute by the schedule the worker creates (overlap SKIP)', async () => {
    const id = `EmailOutboxRelay-test-${crypto.randomUUID().slice(0, 8)}`;
    expect(await ensureSchedule(up.client, outboxRelaySchedule(up.config.temporal.taskQueue, id))).toBe('created');
    expect(await ensureSchedule(up.client, outboxRelaySchedule(up.config.temporal.taskQueue, id))).toBe('updated');
    const handle = up.client.schedule.getHandle(id);
    try {
      const described = await handle.describe();
      expect(described.spec.intervals?.[0]?.every).toBe(60_000);
      expect(described.policies.overlap).toBe(ScheduleOverlapPolicy.SKIP);
      expect(described.action).toMatchObject({ type: 'startWorkflow', workflowType: 'emailOutboxRelayWorkflow' });
    } finally {
      await handle.delete();
    }
  });
});

describe('the review relay (DOC-7: a stored document always gets its review)', () => {
  it('starts the review of a document whose start did not happen, once; then finds nothing', async () => {
    const p = await insertParticipant(up.db, { firstName: 'Relė' });
    const documentId = await insertDocument(up.db, p.participantId, 'UZIMTUMAS', 'pazyma.pdf');
    const uploadedAt = new Date(Date.now() - 10 * 60_000);
    await sql`update participant_documents set uploaded_at = ${uploadedAt}, review_started_at = null where id = ${documentId}`.execute(
      up.db,
    );
    const run = () =>
      up.client.workflow.execute<typeof documentReviewRelayWorkflow>('documentReviewRelayWorkflow', {
        taskQueue: up.config.temporal.taskQueue,
        workflowId: `DocumentReviewRelay-test-${crypto.randomUUID()}`,
        args: [{ participantId: p.participantId }],
      });
    expect(await run()).toEqual({ found: 1, started: 1 });
    const review = up.client.workflow.getHandle(documentReviewWorkflowId(documentId));
    const described = await review.describe();
    expect(described.status.name).toBe('RUNNING');
    expect(await described.staticSummary()).toContain('Relė');
    expect(
      (await up.db.selectFrom('participant_documents').select('review_started_at').where('id', '=', documentId).executeTakeFirstOrThrow())
        .review_started_at,
    ).not.toBeNull();
    expect(await run()).toEqual({ found: 0, started: 0 });
    // Started by web after all, but not marked: found running and marked, not started twice.
    await up.db.updateTable('participant_documents').set({ review_started_at: null }).where('id', '=', documentId).execute();
    expect(await run()).toEqual({ found: 1, started: 0 });
    await review.terminate('test done');
  });

  it('is started every 5 minutes by the schedule the worker creates', async () => {
    const id = `DocumentReviewRelay-test-${crypto.randomUUID().slice(0, 8)}`;
    expect(await ensureSchedule(up.client, reviewRelaySchedule(up.config.temporal.taskQueue, id))).toBe('created');
    const handle = up.client.schedule.getHandle(id);
    try {
      expect((await handle.describe()).spec.intervals?.[0]?.every).toBe(5 * 60_000);
    } finally {
      await handle.delete();
    }
  });
});
