// What every state-registry client shares: JSON over HTTP with a per-attempt timeout
// (AbortSignal.timeout), bounded retries with exponential backoff for idempotent requests on
// network errors and 5xx, 404 as "not found" (null), the answer validated with zod before anything
// is believed, and one error type, RegistryError (workflows/domain/registries.ts), whose message names
// the registry in Lithuanian.
import { z } from 'zod';
import { REGISTRY_LABELS, RegistryError, type RegistryName } from '../../workflows/domain/registries.ts';

export interface RegistryClientOptions {
  /** Replaces global fetch (tests). */
  fetch?: typeof fetch;
  /** Per attempt, default 5 000 ms. */
  timeoutMs?: number;
  /** Attempts of an idempotent request in all (default 3); 1 disables retries. */
  attempts?: number;
  /** First backoff, doubled per retry, plus up to 50 % jitter (default 200 ms). */
  backoffMs?: number;
}

const DEFAULT_TIMEOUT_MS = 5_000;
const DEFAULT_ATTEMPTS = 3;
const DEFAULT_BACKOFF_MS = 200;

interface RegistryHttp {
  readonly registry: RegistryName;
  readonly baseUrl: string;
  /** GET `path`; 404 → null. Retried. */
  get<T>(path: string, schema: z.ZodType<T>): Promise<T | null>;
  /**
   * POST a JSON body; 404 → null. Retried only when `idempotent` (a look-up that carries personal
   * data in the body rather than in the URL, or a write with an idempotency key).
   */
  post<T>(
    path: string,
    body: unknown,
    schema: z.ZodType<T>,
    options?: { idempotent?: boolean; idempotencyKey?: string },
  ): Promise<T | null>;
}

/** HTTP statuses worth trying again (shared with the signing gateway's client). */
export const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A fetch error with its network cause's code (ECONNREFUSED …), for logs and messages. */
export function errorDetail(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = (err as { cause?: unknown }).cause;
  const code = cause && typeof cause === 'object' && 'code' in cause ? String((cause as { code: unknown }).code) : null;
  return code ? `${err.message}: ${code}` : err.message;
}

export function createRegistryHttp(registry: RegistryName, baseUrl: string, options: RegistryClientOptions = {}): RegistryHttp {
  const base = baseUrl.replace(/\/+$/, '');
  const fetchImpl = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const attempts = Math.max(1, options.attempts ?? DEFAULT_ATTEMPTS);
  const backoffMs = options.backoffMs ?? DEFAULT_BACKOFF_MS;
  const label = REGISTRY_LABELS[registry];

  async function once(method: 'GET' | 'POST', url: string, init: RequestInit): Promise<Response> {
    try {
      return await fetchImpl(url, { ...init, method, signal: AbortSignal.timeout(timeoutMs) });
    } catch (err) {
      const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
      if (timedOut) {
        throw new RegistryError(
          registry,
          'timeout',
          `${label.unreachable}: atsakymo nesulaukta per ${timeoutMs / 1000} s (${method} ${url})`,
          { cause: err },
        );
      }
      throw new RegistryError(
        registry,
        'unreachable',
        `${label.unreachable}: nepavyko prisijungti (${method} ${url}: ${errorDetail(err)})`,
        { cause: err },
      );
    }
  }

  async function request<T>(
    method: 'GET' | 'POST',
    path: string,
    schema: z.ZodType<T>,
    init: RequestInit,
    retry: boolean,
  ): Promise<T | null> {
    const url = `${base}${path}`;
    const tries = retry ? attempts : 1;
    let response: Response | undefined;
    for (let attempt = 1; ; attempt++) {
      let failure: RegistryError;
      try {
        response = await once(method, url, init);
        if (!RETRYABLE_STATUS.has(response.status)) break;
        await response.body?.cancel();
        failure = new RegistryError(registry, 'server', `${label.unreachable}: atsakė HTTP ${response.status} (${method} ${url})`, {
          status: response.status,
        });
      } catch (err) {
        if (!(err instanceof RegistryError) || err.kind !== 'unreachable') throw err;
        failure = err;
      }
      if (attempt >= tries) throw failure;
      await sleep(backoffMs * 2 ** (attempt - 1) * (1 + Math.random() / 2));
    }
    if (response.status === 404) {
      await response.body?.cancel();
      return null;
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new RegistryError(registry, 'rejected', `${label.name} atmetė užklausą: HTTP ${response.status} (${method} ${url})`, {
        status: response.status,
      });
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch (err) {
      const kind = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError') ? 'timeout' : 'invalid';
      const what = kind === 'timeout' ? `atsakymo nesulaukta per ${timeoutMs / 1000} s` : 'atsakymas ne JSON formato';
      throw new RegistryError(
        registry,
        kind,
        `${kind === 'timeout' ? label.unreachable : `${label.name} atsakė netinkamai`}: ${what} (${method} ${url})`,
        { cause: err },
      );
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new RegistryError(
        registry,
        'invalid',
        `${label.name} atsakė netinkamai: netikėta duomenų struktūra (${method} ${url}): ${z.prettifyError(parsed.error)}`,
      );
    }
    return parsed.data;
  }

  return {
    registry,
    baseUrl: base,
    get: (path, schema) => request('GET', path, schema, { headers: { accept: 'application/json' } }, true),
    post: (path, body, schema, o = {}) =>
      request(
        'POST',
        path,
        schema,
        {
          headers: {
            accept: 'application/json',
            'content-type': 'application/json',
            ...(o.idempotencyKey ? { 'idempotency-key': o.idempotencyKey } : {}),
          },
          body: JSON.stringify(body),
        },
        o.idempotent === true || o.idempotencyKey !== undefined,
      ),
  };
}

/** Throws RegistryError('invalid') when a registry answered about another key than asked. */
export function expectSameKey<T>(registry: RegistryName, found: T | null, key: (found: T) => string, asked: string): T | null {
  if (found !== null && key(found) !== asked) {
    throw new RegistryError(
      registry,
      'invalid',
      `${REGISTRY_LABELS[registry].name} atsakė netinkamai: atsiųsti duomenys apie ${key(found)}, nors klausta apie ${asked}`,
    );
  }
  return found;
}

/** Path segment of a key, encoded (a key is never trusted to be URL-safe). */
export function seg(value: string): string {
  return encodeURIComponent(value);
}

/** A page of a list: its items and the key to ask the next page after (null on the last page). */
export function pageSchema<T>(item: z.ZodType<T>) {
  return z.object({ items: z.array(item), nextAfter: z.string().nullable(), total: z.number().int().nonnegative() });
}

export interface Page<T> {
  items: T[];
  /** Pass as `after` for the next page; null when this is the last one. */
  nextAfter: string | null;
  /** How many items match the filter in all. */
  total: number;
}

export function query(params: Record<string, string | number | boolean | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
