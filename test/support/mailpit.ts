// The test Mailpit (scripts/mailpit.sh up test; scripts/test.sh starts it): a real SMTP server
// whose inbox tests read over its HTTP API (https://mailpit.axllent.org/docs/api-v1/).
// Test files share the inbox: find your messages by a unique recipient or the outbox id, and do
// not delete everything while other files may be running.
import { loadConfig, type Config } from '../../worker/config.ts';

const MAILPIT_URL = (process.env.MAILPIT_URL ?? 'http://localhost:8125').replace(/\/$/, '');

/** The SMTP settings of the test Mailpit (SMTP_HOST / SMTP_PORT from scripts/test.sh, else localhost:1125). */
export function testMailSettings(): Config['mail'] {
  return loadConfig({
    KURSUOK_MODE: 'test',
    SMTP_HOST: process.env.SMTP_HOST ?? 'localhost',
    SMTP_PORT: process.env.SMTP_PORT ?? '1125',
    ...(process.env.MAIL_FROM ? { MAIL_FROM: process.env.MAIL_FROM } : {}),
  }).mail;
}

interface MailpitAddress {
  Name: string;
  Address: string;
}

/** A message as listed (GET /api/v1/messages, /api/v1/search). */
interface MailpitSummary {
  ID: string;
  /** The Message-ID header without its angle brackets. */
  MessageID: string;
  From: MailpitAddress;
  To: MailpitAddress[];
  Cc: MailpitAddress[] | null;
  Bcc: MailpitAddress[] | null;
  Subject: string;
  Created: string;
  Snippet: string;
  Tags: string[];
  Size: number;
  Read: boolean;
}

/** A whole message (GET /api/v1/message/{ID}), bodies decoded to UTF-8 text. */
interface MailpitMessage {
  ID: string;
  MessageID: string;
  From: MailpitAddress;
  To: MailpitAddress[];
  Subject: string;
  Date: string;
  Text: string;
  HTML: string;
  Size: number;
}

interface MessagesPage {
  total: number;
  messages_count: number;
  messages: MailpitSummary[];
}

/** A search query (Mailpit's syntax) for the given fields, e.g. to:"a@b.lt" subject:"Kvietimas". */
export function mailpitQuery(fields: { to?: string; subject?: string; messageId?: string }): string {
  const quote = (value: string) => `"${value.replace(/"/g, '')}"`;
  return [
    fields.to !== undefined ? `to:${quote(fields.to)}` : '',
    fields.subject !== undefined ? `subject:${quote(fields.subject)}` : '',
    fields.messageId !== undefined ? `message-id:${quote(fields.messageId.replace(/^<|>$/g, ''))}` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

class MailpitClient {
  constructor(readonly baseUrl: string = MAILPIT_URL) {}

  private async request(method: string, path: string, body?: unknown): Promise<Response> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
      signal: AbortSignal.timeout(5_000),
    });
    if (!response.ok) throw new Error(`Mailpit ${method} ${path}: HTTP ${response.status} ${await response.text()}`);
    return response;
  }

  private async json<T>(path: string): Promise<T> {
    return (await (await this.request('GET', path)).json()) as T;
  }

  /** Fails with a hint when the test Mailpit is not running. */
  async ensureUp(): Promise<void> {
    try {
      await this.request('GET', '/api/v1/info');
    } catch (err) {
      throw new Error(`Mailpit is not answering at ${this.baseUrl} (start it: bash scripts/mailpit.sh up test)`, { cause: err });
    }
  }

  /** The newest messages first. */
  async list(limit = 100): Promise<MailpitSummary[]> {
    return (await this.json<MessagesPage>(`/api/v1/messages?limit=${limit}`)).messages;
  }

  /** Messages matching a Mailpit search query (see mailpitQuery), newest first. */
  async search(query: string, limit = 100): Promise<MailpitSummary[]> {
    return (await this.json<MessagesPage>(`/api/v1/search?query=${encodeURIComponent(query)}&limit=${limit}`)).messages;
  }

  async message(id: string): Promise<MailpitMessage> {
    return this.json<MailpitMessage>(`/api/v1/message/${encodeURIComponent(id)}`);
  }

  /** The message's headers, each with all its values. */
  async headers(id: string): Promise<Record<string, string[]>> {
    return this.json<Record<string, string[]>>(`/api/v1/message/${encodeURIComponent(id)}/headers`);
  }

  /** The message as received over SMTP. */
  async raw(id: string): Promise<string> {
    return (await this.request('GET', `/api/v1/message/${encodeURIComponent(id)}/raw`)).text();
  }

  /** Deletes every message (the whole shared inbox: only where no other test file runs). */
  async deleteAll(): Promise<void> {
    await this.request('DELETE', '/api/v1/messages');
  }

  /**
   * Polls until a message satisfies the predicate (among those matching `query`, when given) and
   * returns it; fails after timeoutMs, listing what the inbox held.
   */
  async waitForMessage(predicate: (message: MailpitSummary) => boolean, timeoutMs = 10_000, query?: string): Promise<MailpitSummary> {
    const deadline = Date.now() + timeoutMs;
    let seen: MailpitSummary[] = [];
    for (;;) {
      seen = query === undefined ? await this.list() : await this.search(query);
      const found = seen.find(predicate);
      if (found) return found;
      if (Date.now() > deadline) {
        const listing = seen.map((m) => `  ${m.To.map((t) => t.Address).join(', ')} | ${m.Subject}`).join('\n') || '  (none)';
        throw new Error(`no matching message in Mailpit within ${timeoutMs} ms${query ? ` (query ${query})` : ''}; it holds:\n${listing}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

export const mailpit = new MailpitClient();
