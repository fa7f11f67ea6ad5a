// The e-mail outbox (GEN-10). A message is queued in the same transaction as the change that
// causes it, so it exists exactly when the change does; the deliverEmail activity
// (activities/mail.ts) sends it and records the outcome here, which is the log of its sending.
import { sql } from 'kysely';
import type { DbOrTx } from '../client.ts';
import type { EmailOutboxRow } from '../schema.ts';

export type { EmailOutboxRow };

export interface QueuedEmail {
  to: { address: string; name?: string | null };
  /** Lithuanian subject and bodies, rendered by the caller from its template. */
  subject: string;
  text: string;
  html?: string | null;
  /** What the message is, e.g. 'USER_INVITATION'. */
  kind: string;
  /** The entity whose change causes the message. */
  entityType: string;
  entityId: string;
  institutionId?: string | null;
}

/** Queues one e-mail and returns its outbox id; call it inside the transaction of the change that causes it. */
export async function queueEmail(db: DbOrTx, email: QueuedEmail): Promise<string> {
  const row = await db
    .insertInto('email_outbox')
    .values({
      to_address: email.to.address.trim(),
      to_name: email.to.name ?? null,
      subject: email.subject,
      text_body: email.text,
      html_body: email.html ?? null,
      kind: email.kind,
      entity_type: email.entityType,
      entity_id: email.entityId,
      institution_id: email.institutionId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findEmail(db: DbOrTx, id: string): Promise<EmailOutboxRow | undefined> {
  return db.selectFrom('email_outbox').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Claims an unsent e-mail for one delivery attempt until `until`: the row, or undefined when it is
 * sent, refused for good, or claimed by another delivery right now (the workflow that queued it and
 * the outbox relay never send it together).
 */
export async function claimEmail(db: DbOrTx, id: string, until: Date): Promise<EmailOutboxRow | undefined> {
  return db
    .updateTable('email_outbox')
    .set({ claimed_until: until })
    .where('id', '=', id)
    .where('sent_at', 'is', null)
    .where('rejected_at', 'is', null)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', sql<Date>`now()`)]))
    .returningAll()
    .executeTakeFirst();
}

/**
 * The outbox relay's sweep: unsent e-mails queued before `olderThan` (their own workflow had its
 * chance), not refused for good and not being delivered now, oldest first.
 */
export async function pendingEmailIds(db: DbOrTx, a: { olderThan: Date; limit: number; institutionId?: string }): Promise<string[]> {
  let q = db.selectFrom('email_outbox');
  if (a.institutionId) q = q.where('institution_id', '=', a.institutionId);
  const rows = await q
    .select('id')
    .where('sent_at', 'is', null)
    .where('rejected_at', 'is', null)
    .where('created_at', '<', a.olderThan)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', sql<Date>`now()`)]))
    .orderBy('created_at')
    .limit(a.limit)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Records a successful delivery. Only the first one counts: returns false (and changes nothing)
 * when the row was already marked sent or does not exist.
 */
export async function markEmailSent(db: DbOrTx, id: string, messageId: string): Promise<boolean> {
  const result = await db
    .updateTable('email_outbox')
    .set({ sent_at: sql<Date>`now()`, message_id: messageId, attempts: sql<number>`attempts + 1`, last_error: null, claimed_until: null })
    .where('id', '=', id)
    .where('sent_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

const MAX_ERROR_LENGTH = 2000;

/**
 * Records a failed delivery attempt and releases the claim (the activity then throws, and Temporal
 * or the relay tries again); `rejected` marks a permanent refusal, which nobody retries.
 */
export async function recordEmailFailure(db: DbOrTx, id: string, error: string, rejected = false): Promise<void> {
  await db
    .updateTable('email_outbox')
    .set({
      attempts: sql<number>`attempts + 1`,
      last_error: error.slice(0, MAX_ERROR_LENGTH),
      claimed_until: null,
      ...(rejected ? { rejected_at: sql<Date>`now()` } : {}),
    })
    .where('id', '=', id)
    .where('sent_at', 'is', null)
    .execute();
}
