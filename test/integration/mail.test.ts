// The e-mail outbox end to end (GEN-10): queued in a transaction, delivered by the deliverEmail
// activity over real SMTP to the test Mailpit, read back through Mailpit's HTTP API.
import { createServer } from 'node:net';
import { ApplicationFailure, type LogLevel, type LogMetadata, type Logger } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailActivities, MailFailure, OUTBOX_ID_HEADER } from '../../activities/mail.ts';
import { createDb, type Db } from '../../db/client.ts';
import { findEmail, queueEmail, type QueuedEmail } from '../../db/queries/outbox.ts';
import { TEST_DATABASE_URL } from '../support/env.ts';
import { mailpit, mailpitQuery, testMailSettings } from '../support/mailpit.ts';

const SUBJECT = 'Kvietimas prisijungti prie IMP IS – ąčęėįšųūž ĄČĘĖĮŠŲŪŽ';
const TEXT = [
  'Laba diena, Žydrūne,',
  '',
  'Jūs įtraukta į mokymo paslaugų teikėjo „Šiaulių mokymų centras“ naudotojų sąrašą.',
  'Patvirtinkite savo tapatybę paspaudę nuorodą: https://kursuok.lt/kvietimas/abc',
  '',
  'Ąžuolas, čiuožėjas, ėriukas, įšalas, ūkininkų žąsys.',
].join('\n');
const HTML = '<p>Laba diena, <b>Žydrūne</b>,</p><p>Ąžuolas, čiuožėjas, ėriukas, įšalas, ūkininkų žąsys.</p>';

let db: Db;
let institutionId: string;

function uniqueAddress(): string {
  return `gavejas-${crypto.randomUUID().slice(0, 8)}@example.lt`;
}

function invitation(address: string, overrides: Partial<QueuedEmail> = {}): QueuedEmail {
  return {
    to: { address, name: 'Žydrūnė Čepaitė-Ąžuolienė' },
    subject: SUBJECT,
    text: TEXT,
    html: HTML,
    kind: 'USER_INVITATION',
    entityType: 'institution_user',
    entityId: crypto.randomUUID(),
    institutionId,
    ...overrides,
  };
}

/** A local port nothing listens on (bound by the OS, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Settles a promise into its failure, or fails when it resolves. */
async function failureOf(promise: Promise<unknown>): Promise<ApplicationFailure> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(ApplicationFailure);
    return err as ApplicationFailure;
  }
  throw new Error('expected the activity to fail');
}

interface LogEntry {
  level: LogLevel;
  message: string;
  meta: LogMetadata | undefined;
}

/** An activity environment whose log lines are kept for the test to read (and not printed). */
function activityEnv(attempt = 1): { env: MockActivityEnvironment; logs: LogEntry[] } {
  const logs: LogEntry[] = [];
  const at = (level: LogLevel) => (message: string, meta?: LogMetadata) => void logs.push({ level, message, meta });
  const logger: Logger = {
    log: (level, message, meta) => void logs.push({ level, message, meta }),
    trace: at('TRACE'),
    debug: at('DEBUG'),
    info: at('INFO'),
    warn: at('WARN'),
    error: at('ERROR'),
  };
  return { env: new MockActivityEnvironment({ attempt }, { logger }), logs };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  await mailpit.ensureUp();
  db = createDb(TEST_DATABASE_URL, { max: 3 });
  const code = String(Math.floor(Math.random() * 1e12)).padStart(12, '0');
  const institution = await db
    .insertInto('institutions')
    .values({ code, name: `Šiaulių mokymų centras ${code}` })
    .returning('id')
    .executeTakeFirstOrThrow();
  institutionId = institution.id;
});

afterAll(async () => {
  await db?.destroy();
});

describe('e-mail outbox and deliverEmail', () => {
  it('delivers a queued Lithuanian e-mail to the stored address with diacritics intact and marks it sent', async () => {
    const address = uniqueAddress();
    const id = await db.transaction().execute((tx) => queueEmail(tx, invitation(address)));
    const queued = await findEmail(db, id);
    expect(queued).toMatchObject({
      to_address: address,
      sent_at: null,
      attempts: 0,
      kind: 'USER_INVITATION',
      institution_id: institutionId,
    });

    const { deliverEmail } = createMailActivities({ db, mail: testMailSettings() });
    const { env, logs } = activityEnv();
    const result = await env.run(deliverEmail, id);
    expect(result).toEqual({ sent: true, messageId: `<${id}@kursuok.lt>` });
    // The sending is logged (GEN-10): the row below, and the worker's log line.
    expect(logs).toContainEqual(
      expect.objectContaining({
        level: 'INFO',
        message: 'e-mail sent',
        meta: expect.objectContaining({ outboxId: id, kind: 'USER_INVITATION' }),
      }),
    );

    const summary = await mailpit.waitForMessage((m) => m.MessageID === `${id}@kursuok.lt`, 10_000, mailpitQuery({ to: address }));
    expect(summary.To).toEqual([{ Name: 'Žydrūnė Čepaitė-Ąžuolienė', Address: address }]);
    expect(summary.From).toEqual({ Name: 'IMP IS', Address: 'noreply@kursuok.lt' });
    expect(summary.Subject).toBe(SUBJECT);

    const message = await mailpit.message(summary.ID);
    expect(message.Text.replace(/\r\n/g, '\n').trimEnd()).toBe(TEXT);
    expect(message.HTML).toContain('Ąžuolas, čiuožėjas, ėriukas, įšalas, ūkininkų žąsys.');
    const headers = await mailpit.headers(summary.ID);
    expect(headers[OUTBOX_ID_HEADER]).toEqual([id]);
    expect(headers['X-Kursuok-Kind']).toEqual(['USER_INVITATION']);
    // Declared as UTF-8 on the wire, not left to the reader's guess.
    expect(await mailpit.raw(summary.ID)).toMatch(/charset=utf-8/i);

    const sent = await findEmail(db, id);
    expect(sent?.sent_at).toBeInstanceOf(Date);
    expect(sent).toMatchObject({ attempts: 1, last_error: null, message_id: `<${id}@kursuok.lt>` });
  });

  it('does not send a message twice when deliverEmail runs again (a retry)', async () => {
    const address = uniqueAddress();
    const id = await db.transaction().execute((tx) => queueEmail(tx, invitation(address, { html: null })));
    const { deliverEmail } = createMailActivities({ db, mail: testMailSettings() });
    const { env } = activityEnv();

    expect(await env.run(deliverEmail, id)).toMatchObject({ sent: true });
    await mailpit.waitForMessage(() => true, 10_000, mailpitQuery({ to: address }));
    const firstSentAt = (await findEmail(db, id))?.sent_at;

    expect(await env.run(deliverEmail, id)).toEqual({ sent: false, messageId: `<${id}@kursuok.lt>` });
    await pause(500);
    expect(await mailpit.search(mailpitQuery({ to: address }))).toHaveLength(1);
    const row = await findEmail(db, id);
    expect(row).toMatchObject({ attempts: 1, sent_at: firstSentAt });
  });

  it('never sends an e-mail whose transaction rolled back', async () => {
    const address = uniqueAddress();
    let queuedId = '';
    await expect(
      db.transaction().execute(async (tx) => {
        queuedId = await queueEmail(tx, invitation(address));
        throw new Error('the causing change failed');
      }),
    ).rejects.toThrow('the causing change failed');

    expect(queuedId).not.toBe('');
    expect(await findEmail(db, queuedId)).toBeUndefined();
    const { deliverEmail } = createMailActivities({ db, mail: testMailSettings() });
    const failure = await failureOf(activityEnv().env.run(deliverEmail, queuedId));
    expect(failure.type).toBe(MailFailure.NotFound);
    expect(failure.nonRetryable).toBe(true);
    await pause(300);
    expect(await mailpit.search(mailpitQuery({ to: address }))).toHaveLength(0);
  });

  it('records an SMTP failure and throws a retryable failure; a later attempt delivers', async () => {
    const address = uniqueAddress();
    const id = await db.transaction().execute((tx) => queueEmail(tx, invitation(address)));
    const unreachable = createMailActivities({ db, mail: { ...testMailSettings(), smtpHost: '127.0.0.1', smtpPort: await closedPort() } });

    const { env, logs } = activityEnv();
    const failure = await failureOf(env.run(unreachable.deliverEmail, id));
    expect(failure.type).toBe(MailFailure.DeliveryFailed);
    expect(failure.nonRetryable).toBe(false);
    expect(failure.message).toMatch(/ECONNREFUSED|ESOCKET|ECONNECTION/);
    const failed = await findEmail(db, id);
    expect(failed).toMatchObject({ sent_at: null, attempts: 1, message_id: null });
    expect(failed?.last_error).toMatch(/ECONNREFUSED|ESOCKET|ECONNECTION/);
    expect(logs).toContainEqual(expect.objectContaining({ level: 'WARN', message: 'e-mail delivery failed' }));

    // Temporal's retry, once the server is back: the same row is delivered and the error cleared.
    const { deliverEmail } = createMailActivities({ db, mail: testMailSettings() });
    expect(await activityEnv(2).env.run(deliverEmail, id)).toMatchObject({ sent: true });
    await mailpit.waitForMessage(() => true, 10_000, mailpitQuery({ to: address }));
    expect(await findEmail(db, id)).toMatchObject({ attempts: 2, last_error: null, message_id: `<${id}@kursuok.lt>` });
  });

  it('refuses a malformed outbox id without retrying', async () => {
    const { deliverEmail } = createMailActivities({ db, mail: testMailSettings() });
    const failure = await failureOf(activityEnv().env.run(deliverEmail, 'ne-uuid'));
    expect(failure).toMatchObject({ type: MailFailure.NotFound, nonRetryable: true });
  });
});
