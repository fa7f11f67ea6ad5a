// Client of ŠMIR (Švietimo, mokslo ir sporto institucijų registras): the institution of a legal
// entity and the registered free teachers (laisvieji mokytojai). The simulator in development
// (test/sim/registries/smir.ts); the answer shape is validated before anything is believed.
import { z } from 'zod';

export interface SmirInstitution {
  /** Juridinio asmens kodas (9 digits). */
  code: string;
  name: string;
  /** Teisinė forma, e.g. "Viešoji įstaiga". */
  legalForm: string;
  address: string;
  /** The head's full name as the registry has it. */
  headName: string;
  email: string;
  phone: string;
}

export interface SmirFreeTeacher {
  /** Asmens kodas (11 digits). */
  personalCode: string;
  /** Full name. */
  name: string;
  address: string;
  email: string;
}

const InstitutionSchema: z.ZodType<SmirInstitution> = z.object({
  code: z.string().regex(/^\d{9}$/),
  name: z.string().min(1),
  legalForm: z.string(),
  address: z.string(),
  headName: z.string(),
  email: z.string(),
  phone: z.string(),
});

const FreeTeacherSchema: z.ZodType<SmirFreeTeacher> = z.object({
  personalCode: z.string().regex(/^\d{11}$/),
  name: z.string().min(1),
  address: z.string(),
  email: z.string(),
});

export interface SmirClient {
  /** The institution registered under a legal entity code; null when ŠMIR has none. */
  findInstitution(code: string): Promise<SmirInstitution | null>;
  /** The free teacher registered under a personal code; null when ŠMIR has none. */
  findFreeTeacher(personalCode: string): Promise<SmirFreeTeacher | null>;
}

/** ŠMIR could not be asked or answered something unusable (not a "not found"). */
export class SmirError extends Error {
  override name = 'SmirError';
}

export const SMIR_TIMEOUT_MS = 5_000;

export function createSmirClient(baseUrl: string, fetchImpl: typeof fetch = fetch): SmirClient {
  const base = baseUrl.replace(/\/+$/, '');

  async function get<T>(path: string, schema: z.ZodType<T>): Promise<T | null> {
    const url = `${base}${path}`;
    let response: Response;
    try {
      response = await fetchImpl(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(SMIR_TIMEOUT_MS) });
    } catch (err) {
      const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
      const reason = timedOut ? `no answer within ${SMIR_TIMEOUT_MS / 1000} s` : err instanceof Error ? err.message : String(err);
      throw new SmirError(`ŠMIR registry unreachable (GET ${url}): ${reason}`, { cause: err });
    }
    if (response.status === 404) {
      await response.body?.cancel();
      return null;
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new SmirError(`ŠMIR registry answered HTTP ${response.status} to GET ${url}`);
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch (err) {
      throw new SmirError(`ŠMIR registry answered GET ${url} with something that is not JSON`, { cause: err });
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new SmirError(`ŠMIR registry answered GET ${url} with an unexpected shape: ${z.prettifyError(parsed.error)}`);
    }
    return parsed.data;
  }

  function sameKey<T>(found: T | null, key: string, asked: string, what: string): T | null {
    if (found !== null && key !== asked) throw new SmirError(`ŠMIR registry answered ${what} ${key} when asked for ${asked}`);
    return found;
  }

  return {
    async findInstitution(code) {
      const found = await get(`/institutions/${encodeURIComponent(code)}`, InstitutionSchema);
      return sameKey(found, found?.code ?? '', code, 'institution');
    },
    async findFreeTeacher(personalCode) {
      const found = await get(`/free-teachers/${encodeURIComponent(personalCode)}`, FreeTeacherSchema);
      return sameKey(found, found?.personalCode ?? '', personalCode, 'free teacher');
    },
  };
}
