// Delivers queued e-mails (db/queries/outbox.ts) over SMTP with nodemailer (GEN-10). Workflows
// call deliverEmail(outboxId) after the transaction that queued the message has committed; Temporal
// retries it on failure, and the outbox relay (workflows/outbox-relay) sweeps what is still unsent
// after that. A delivery claims the row first, so two deliveries never send it at the same time.
// Delivery is at least once: should the server accept a message and the database then fail to
// record it, the retry sends it again with the same Message-ID, which mail clients use to drop the
// duplicate.
import { ApplicationFailure, log } from '@temporalio/activity';
import { createTransport } from 'nodemailer';
import type { Db } from '../db/client.ts';
import { claimEmail, findEmail, markEmailSent, pendingEmailIds, recordEmailFailure } from '../db/queries/outbox.ts';
import type { Config } from '../worker/config.ts';

export type MailSettings = Config['mail'];

/** ApplicationFailure types thrown by deliverEmail. */
export const MailFailure = {
  /** No such outbox row (its transaction rolled back, or a wrong id): retrying cannot help. */
  NotFound: 'EmailNotFound',
  /** The SMTP server refused the message or its recipient permanently (5xx): not retried. */
  Rejected: 'EmailRejected',
  /** Connection refused, timeout, temporary (4xx) refusal: retried by Temporal. */
  DeliveryFailed: 'EmailDeliveryFailed',
  /** Another delivery holds the row right now: retried (and then found sent, or free). */
  InProgress: 'EmailDeliveryInProgress',
} as const;

/** How long one delivery holds its row: longer than the SMTP timeouts below add up to. */
const CLAIM_MS = 2 * 60_000;

/** The header that ties a delivered message to its outbox row (tests find messages by it). */
export const OUTBOX_ID_HEADER = 'X-Kursuok-Outbox-Id';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * An SMTP transport for the configured server. Development and tests talk to the local Mailpit
 * (scripts/mailpit.sh): plain SMTP, no authentication, no TLS (Mailpit offers no STARTTLS, and
 * nodemailer upgrades only when a server offers it). Production settings (credentials, implicit
 * TLS or required STARTTLS, a connection pool) are to be added to Config['mail'] and passed here.
 */
function createMailTransport(mail: MailSettings) {
  return createTransport({
    host: mail.smtpHost,
    port: mail.smtpPort,
    secure: false,
    // Bounded, so a hanging server fails the attempt well within the activity's timeout.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
}

/** '<outbox-id@kursuok.lt>': unique per outbox row and the same on every retry. */
function messageIdFor(outboxId: string, from: string): string {
  const domain = /@([^>\s]+)/.exec(from)?.[1] ?? 'kursuok.lt';
  return `<${outboxId}@${domain}>`;
}

function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const { code, response } = err as Error & { code?: string; response?: string };
  return [code, err.message, response && !err.message.includes(response) ? response : undefined].filter(Boolean).join(': ');
}

function isPermanentRefusal(err: unknown): boolean {
  const responseCode = (err as { responseCode?: unknown }).responseCode;
  return typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600;
}

export interface DeliveryResult {
  /** false when the message had been sent before (a retry or a second call): nothing was sent now. */
  sent: boolean;
  messageId: string | null;
}

export function createMailActivities({ db, mail }: { db: Db; mail: MailSettings }) {
  const transport = createMailTransport(mail);
  return {
    /** Sends one queued e-mail; idempotent (a message already sent is not sent again). */
    async deliverEmail(outboxId: string): Promise<DeliveryResult> {
      const queued = UUID.test(outboxId) ? await findEmail(db, outboxId) : undefined;
      if (!queued) throw ApplicationFailure.nonRetryable(`e-mail ${outboxId} is not in the outbox`, MailFailure.NotFound);
      if (queued.sent_at) return { sent: false, messageId: queued.message_id };
      if (queued.rejected_at)
        throw ApplicationFailure.nonRetryable(queued.last_error ?? 'refused by the SMTP server', MailFailure.Rejected);
      const email = await claimEmail(db, outboxId, new Date(Date.now() + CLAIM_MS));
      if (!email) throw ApplicationFailure.retryable(`e-mail ${outboxId} is being delivered by another attempt`, MailFailure.InProgress);

      const messageId = messageIdFor(email.id, mail.from);
      let accepted: string;
      try {
        const info = await transport.sendMail({
          from: mail.from,
          to: email.to_name ? { name: email.to_name, address: email.to_address } : email.to_address,
          subject: email.subject,
          text: email.text_body,
          ...(email.html_body ? { html: email.html_body } : {}),
          messageId,
          headers: { [OUTBOX_ID_HEADER]: email.id, 'X-Kursuok-Kind': email.kind },
        });
        accepted = info.messageId || messageId;
      } catch (err) {
        const reason = describe(err);
        try {
          await recordEmailFailure(db, email.id, reason, isPermanentRefusal(err));
        } catch (dbErr) {
          log.warn('could not record the e-mail delivery failure', { outboxId: email.id, error: describe(dbErr) });
        }
        log.warn('e-mail delivery failed', { outboxId: email.id, kind: email.kind, error: reason });
        if (isPermanentRefusal(err)) throw ApplicationFailure.nonRetryable(reason, MailFailure.Rejected);
        throw ApplicationFailure.retryable(reason, MailFailure.DeliveryFailed);
      }
      await markEmailSent(db, email.id, accepted);
      log.info('e-mail sent', {
        outboxId: email.id,
        kind: email.kind,
        entity: `${email.entity_type}:${email.entity_id}`,
        messageId: accepted,
      });
      return { sent: true, messageId: accepted };
    },

    /** The outbox relay's sweep: unsent e-mails older than `olderThanMs`, at most `limit`, oldest first. */
    async listEmailsToRelay(a: { olderThanMs: number; limit: number; institutionId?: string }): Promise<string[]> {
      return pendingEmailIds(db, {
        olderThan: new Date(Date.now() - a.olderThanMs),
        limit: a.limit,
        ...(a.institutionId ? { institutionId: a.institutionId } : {}),
      });
    },
  };
}

export type MailActivities = ReturnType<typeof createMailActivities>;
