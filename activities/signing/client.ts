// The app's client of the signing gateway (issue 12): creates a signing session for one or more
// PDFs and the person who must sign them, and reads the session back (status and the signed PDFs).
// The simulator (test/sim/signing/server.ts) serves the same API; production points SIGNING_GATEWAY_URL
// at the real gateway. Like the registry clients (activities/registries/http.ts): a timeout per
// attempt, bounded retries with backoff for idempotent requests on network errors and 5xx, answers
// validated with zod, and one error type whose message is Lithuanian. A returned PDF is believed
// only after verifySignedPdf (verify.ts).
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { Config } from '../../worker/config.ts';
import { errorDetail, RETRYABLE_STATUS, sleep } from '../registries/http.ts';

export type SigningGatewayErrorKind = 'timeout' | 'unreachable' | 'server' | 'rejected' | 'not_found' | 'invalid';

/** A failed call to the signing gateway; `message` is Lithuanian, `kind` says whether to retry. */
export class SigningGatewayError extends Error {
  constructor(
    readonly kind: SigningGatewayErrorKind,
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SigningGatewayError';
  }

  /** Network trouble or the gateway's own failure: worth another attempt later. */
  get retryable(): boolean {
    return this.kind === 'timeout' || this.kind === 'unreachable' || this.kind === 'server';
  }
}

const GATEWAY = 'Elektroninio parašo paslauga';

export interface SigningDocument {
  pdf: Uint8Array;
  /** What the signer reads on the gateway's page, e.g. "Mokymosi sutartis Nr. KURS-2026-0001". */
  title: string;
  fileName?: string;
  /** The app's key of this document (e.g. the registration ID). */
  reference?: string;
  /**
   * The signature's /Reason on this document (any Unicode text, at most 500 characters), e.g. on
   * whose behalf and under which authority the signer signs (USERS-28). Default: the session's.
   */
  reason?: string;
}

export interface CreateSigningSessionInput {
  /** One document, or several signed with one confirmation (bulk signing, CON-5). At most 500. */
  documents: SigningDocument[];
  /**
   * Who is to sign. With `personalCode` only that person may sign (the gateway refuses anyone else);
   * without it (the app keeps only keyed hashes) whoever authenticates signs, and verifySignedPdf
   * with the stored hash is the check. `name` is what the signing page shows.
   */
  signer: { personalCode?: string; name: string };
  /** The signature's /Reason on every document that gives none (gateway default „Dokumento pasirašymas“). */
  reason?: string;
  /** Where the gateway sends the browser back, with ?session=<id>&status=signed|refused|cancelled. */
  returnUrl: string;
  /** The app's key of the session (shown nowhere; returned by fetchSession). */
  reference: string;
  /** Makes the call safe to retry: the same key and request give the same session. */
  idempotencyKey?: string;
}

export type SigningSessionStatus = 'pending' | 'signed' | 'refused' | 'cancelled' | 'expired';

export interface CreatedSigningSession {
  sessionId: string;
  /** Where to send the signer's browser. */
  signUrl: string;
  expiresAt: string;
  /** SHA-256 (hex) of each document as the gateway received it, in the order given. */
  documentSha256: string[];
}

export interface SigningSessionState {
  sessionId: string;
  reference: string;
  status: SigningSessionStatus;
  expiresAt: string;
  /** When signed (ISO 8601). */
  signedAt: string | null;
  /** Why the gateway refused (Lithuanian), when status is 'refused'. */
  reason: string | null;
  documents: {
    index: number;
    reference: string | null;
    title: string;
    documentSha256: string;
    /** The signed PDF, when status is 'signed' and the content was asked for. */
    signedPdf: Uint8Array | null;
  }[];
}

export interface SigningGatewayClientOptions {
  /** Replaces global fetch (tests). */
  fetch?: typeof fetch;
  /** Per attempt; default the configuration's timeoutMs. */
  timeoutMs?: number;
  /** Attempts of an idempotent request in all (default 3). */
  attempts?: number;
  /** First backoff, doubled per retry (default 200 ms). */
  backoffMs?: number;
}

export interface SigningGatewayClient {
  createSession(input: CreateSigningSessionInput): Promise<CreatedSigningSession>;
  /** The session's state; with `content: false` without the signed PDFs (use fetchSignedDocument). */
  fetchSession(sessionId: string, options?: { content?: boolean }): Promise<SigningSessionState>;
  /** One signed PDF of a signed session. */
  fetchSignedDocument(sessionId: string, index: number): Promise<Uint8Array>;
}

const CreatedSchema = z.object({
  sessionId: z.string().min(1),
  signUrl: z.url(),
  expiresAt: z.string(),
  documents: z.array(z.object({ index: z.number().int().nonnegative(), documentSha256: z.string().regex(/^[0-9a-f]{64}$/) })),
});

const StateSchema = z.object({
  sessionId: z.string().min(1),
  reference: z.string(),
  status: z.enum(['pending', 'signed', 'refused', 'cancelled', 'expired']),
  expiresAt: z.string(),
  signedAt: z.string().optional(),
  reason: z.string().optional(),
  documents: z.array(
    z.object({
      index: z.number().int().nonnegative(),
      reference: z.string().optional(),
      title: z.string(),
      documentSha256: z.string(),
      signedPdfBase64: z.string().optional(),
    }),
  ),
});

function isTimeout(err: unknown): boolean {
  return err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
}

/** The gateway's own error text, when it sent one ({ error }). */
async function gatewayMessage(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: unknown };
    return typeof body.error === 'string' ? `: ${body.error}` : '';
  } catch {
    return '';
  }
}

export function createSigningGatewayClient(
  settings: Pick<Config['signing'], 'gatewayUrl' | 'clientId' | 'clientSecret' | 'timeoutMs'>,
  options: SigningGatewayClientOptions = {},
): SigningGatewayClient {
  const base = settings.gatewayUrl.replace(/\/+$/, '');
  const fetchImpl = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? settings.timeoutMs;
  const attempts = Math.max(1, options.attempts ?? 3);
  const backoffMs = options.backoffMs ?? 200;
  const authorization = `Basic ${Buffer.from(`${encodeURIComponent(settings.clientId)}:${encodeURIComponent(settings.clientSecret)}`).toString('base64')}`;

  async function once(method: 'GET' | 'POST', url: string, init: RequestInit): Promise<Response> {
    try {
      return await fetchImpl(url, { ...init, method, signal: AbortSignal.timeout(timeoutMs) });
    } catch (err) {
      if (isTimeout(err)) {
        throw new SigningGatewayError(
          'timeout',
          `${GATEWAY} nepasiekiama: atsakymo nesulaukta per ${timeoutMs / 1000} s (${method} ${url})`,
          undefined,
          {
            cause: err,
          },
        );
      }
      throw new SigningGatewayError(
        'unreachable',
        `${GATEWAY} nepasiekiama: nepavyko prisijungti (${method} ${url}: ${errorDetail(err)})`,
        undefined,
        {
          cause: err,
        },
      );
    }
  }

  /** The response of a successful call (2xx); errors mapped, retried when `retry`. */
  async function request(method: 'GET' | 'POST', path: string, init: RequestInit, retry: boolean): Promise<Response> {
    const url = `${base}${path}`;
    const tries = retry ? attempts : 1;
    for (let attempt = 1; ; attempt++) {
      let failure: SigningGatewayError;
      try {
        const response = await once(method, url, { ...init, headers: { authorization, ...init.headers } });
        if (response.ok) return response;
        const detail = await gatewayMessage(response);
        if (!RETRYABLE_STATUS.has(response.status)) {
          if (response.status === 404) {
            throw new SigningGatewayError('not_found', `${GATEWAY}: pasirašymo sesija nerasta (${method} ${url})`, 404);
          }
          throw new SigningGatewayError(
            'rejected',
            `${GATEWAY} atmetė užklausą: HTTP ${response.status}${detail} (${method} ${url})`,
            response.status,
          );
        }
        failure = new SigningGatewayError(
          'server',
          `${GATEWAY} nepasiekiama: atsakė HTTP ${response.status}${detail} (${method} ${url})`,
          response.status,
        );
      } catch (err) {
        if (!(err instanceof SigningGatewayError) || err.kind !== 'unreachable') throw err;
        failure = err;
      }
      if (attempt >= tries) throw failure;
      await sleep(backoffMs * 2 ** (attempt - 1) * (1 + Math.random() / 2));
    }
  }

  async function json<T>(response: Response, schema: z.ZodType<T>, what: string): Promise<T> {
    let body: unknown;
    try {
      body = await response.json();
    } catch (err) {
      if (isTimeout(err))
        throw new SigningGatewayError('timeout', `${GATEWAY} nepasiekiama: atsakymo nesulaukta per ${timeoutMs / 1000} s (${what})`);
      throw new SigningGatewayError('invalid', `${GATEWAY} atsakė netinkamai: atsakymas ne JSON formato (${what})`, undefined, {
        cause: err,
      });
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new SigningGatewayError(
        'invalid',
        `${GATEWAY} atsakė netinkamai: netikėta duomenų struktūra (${what}): ${z.prettifyError(parsed.error)}`,
      );
    }
    return parsed.data;
  }

  const sessionPath = (sessionId: string) => `/sessions/${encodeURIComponent(sessionId)}`;

  return {
    async createSession(input) {
      const body = {
        documents: input.documents.map((d) => ({
          title: d.title,
          ...(d.fileName ? { fileName: d.fileName } : {}),
          ...(d.reference ? { reference: d.reference } : {}),
          ...((d.reason ?? input.reason) ? { reason: d.reason ?? input.reason } : {}),
          contentBase64: Buffer.from(d.pdf.buffer, d.pdf.byteOffset, d.pdf.byteLength).toString('base64'),
        })),
        signer: {
          ...(input.signer.personalCode !== undefined ? { personalCode: input.signer.personalCode } : {}),
          name: input.signer.name,
        },
        returnUrl: input.returnUrl,
        reference: input.reference,
      };
      const response = await request(
        'POST',
        '/sessions',
        {
          headers: {
            accept: 'application/json',
            'content-type': 'application/json',
            ...(input.idempotencyKey ? { 'idempotency-key': input.idempotencyKey } : {}),
          },
          body: JSON.stringify(body),
        },
        input.idempotencyKey !== undefined,
      );
      const created = await json(response, CreatedSchema, 'POST /sessions');
      if (created.documents.length !== input.documents.length) {
        throw new SigningGatewayError('invalid', `${GATEWAY} atsakė netinkamai: grąžintas ne tas dokumentų skaičius (POST /sessions)`);
      }
      return {
        sessionId: created.sessionId,
        signUrl: created.signUrl,
        expiresAt: created.expiresAt,
        documentSha256: created.documents.map((d) => d.documentSha256),
      };
    },

    async fetchSession(sessionId, fetchOptions = {}) {
      const content = fetchOptions.content ?? true;
      const path = `${sessionPath(sessionId)}${content ? '' : '?content=0'}`;
      const response = await request('GET', path, { headers: { accept: 'application/json' } }, true);
      const state = await json(response, StateSchema, `GET ${path}`);
      if (state.sessionId !== sessionId) {
        throw new SigningGatewayError('invalid', `${GATEWAY} atsakė netinkamai: atsiųsta kita pasirašymo sesija (GET ${path})`);
      }
      return {
        sessionId: state.sessionId,
        reference: state.reference,
        status: state.status,
        expiresAt: state.expiresAt,
        signedAt: state.signedAt ?? null,
        reason: state.reason ?? null,
        documents: state.documents.map((d) => ({
          index: d.index,
          reference: d.reference ?? null,
          title: d.title,
          documentSha256: d.documentSha256,
          signedPdf: d.signedPdfBase64 ? new Uint8Array(Buffer.from(d.signedPdfBase64, 'base64')) : null,
        })),
      };
    },

    async fetchSignedDocument(sessionId, index) {
      const path = `${sessionPath(sessionId)}/documents/${index}`;
      const response = await request('GET', path, { headers: { accept: 'application/pdf' } }, true);
      try {
        return new Uint8Array(await response.arrayBuffer());
      } catch (err) {
        throw new SigningGatewayError(
          'timeout',
          `${GATEWAY} nepasiekiama: dokumentas negautas per ${timeoutMs / 1000} s (GET ${path})`,
          undefined,
          {
            cause: err,
          },
        );
      }
    },
  };
}

/**
 * The PEM of the CA(s) whose certificates the app accepts (config.signing: the PEM itself, or the
 * file it is in). Throws SigningGatewayError('invalid') when neither is set or the file is missing.
 */
export async function trustedCaPem(settings: Pick<Config['signing'], 'trustedCaPem' | 'trustedCaFile'>): Promise<string> {
  if (settings.trustedCaPem) return settings.trustedCaPem;
  if (settings.trustedCaFile) {
    try {
      return await readFile(settings.trustedCaFile, 'utf8');
    } catch (err) {
      throw new SigningGatewayError(
        'invalid',
        `Nepavyko perskaityti patikimo sertifikavimo centro sertifikato (${settings.trustedCaFile})`,
        undefined,
        {
          cause: err,
        },
      );
    }
  }
  throw new SigningGatewayError(
    'invalid',
    'Nenurodytas patikimas sertifikavimo centras (SIGNING_TRUSTED_CA_PEM arba SIGNING_TRUSTED_CA_FILE)',
  );
}
