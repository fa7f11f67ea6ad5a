// Client of ŠMIR (Švietimo, mokslo ir sporto institucijų registras): institutions by legal entity
// code with the data of the tab "ŠMIR informacija" (INST-10), and the registered free teachers
// (laisvieji mokytojai). The simulator in development and tests: test/sim/registries/.
//   GET  <base>/institutions/:code              → SmirInstitution | 404
//   GET  <base>/institutions?after=&limit=      → Page<SmirInstitution> (by code)
//   GET  <base>/free-teachers/:personalCode     → SmirFreeTeacher | 404
import { z } from 'zod';
import { isoDate, legalEntityCode, personalCode } from '../../workflows/domain/registries.ts';
import { createRegistryHttp, expectSameKey, pageSchema, query, seg, type Page, type RegistryClientOptions } from './http.ts';

export interface SmirInstitution {
  /** Juridinio asmens kodas (9 digits). */
  code: string;
  /** Institucijos pavadinimas lietuvių kalba. */
  name: string;
  /** Institucijos pavadinimas anglų kalba (empty when ŠMIR has none). */
  nameEn: string;
  /** Trumpinys. */
  abbreviation: string;
  /** Teisinė forma, e.g. "Viešoji įstaiga". */
  legalForm: string;
  /** Adresas, e.g. "Gedimino pr. 1, LT-01103 Vilnius". */
  address: string;
  /** El. paštas. */
  email: string;
  /** Interneto svetainės adresas (empty when none). */
  website: string;
  /** Telefonas. */
  phone: string;
  /** The head's full name as the registry has it. */
  headName: string;
  /** Vadovo el. paštas. */
  headEmail: string;
  /** Vadovo telefono numeris. */
  headPhone: string;
  /** Paskutinė redagavimo data (in ŠMIR), 'YYYY-MM-DD'. */
  lastEditedOn: string;
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
  code: legalEntityCode,
  name: z.string().min(1),
  nameEn: z.string(),
  abbreviation: z.string(),
  legalForm: z.string(),
  address: z.string(),
  email: z.string(),
  website: z.string(),
  phone: z.string(),
  headName: z.string(),
  headEmail: z.string(),
  headPhone: z.string(),
  lastEditedOn: isoDate,
});

const FreeTeacherSchema: z.ZodType<SmirFreeTeacher> = z.object({
  personalCode,
  name: z.string().min(1),
  address: z.string(),
  email: z.string(),
});

const InstitutionPage = pageSchema(InstitutionSchema);

export interface SmirClient {
  /** The institution registered under a legal entity code; null when ŠMIR has none. */
  findInstitution(code: string): Promise<SmirInstitution | null>;
  /** The free teacher registered under a personal code; null when ŠMIR has none. */
  findFreeTeacher(personalCode: string): Promise<SmirFreeTeacher | null>;
  /** One page of the registry's institutions, ordered by code, after `after`. */
  listInstitutions(page?: { after?: string; limit?: number }): Promise<Page<SmirInstitution>>;
}

const SMIR_TIMEOUT_MS = 5_000;

/**
 * @param baseUrl e.g. http://localhost:3002/smir
 * @param fetchOrOptions a fetch to use instead of the global one (the older signature), or options
 */
export function createSmirClient(baseUrl: string, fetchOrOptions: typeof fetch | RegistryClientOptions = {}): SmirClient {
  const options = typeof fetchOrOptions === 'function' ? { fetch: fetchOrOptions } : fetchOrOptions;
  const http = createRegistryHttp('smir', baseUrl, { timeoutMs: SMIR_TIMEOUT_MS, ...options });
  return {
    async findInstitution(code) {
      const found = await http.get(`/institutions/${seg(code)}`, InstitutionSchema);
      return expectSameKey('smir', found, (i) => i.code, code);
    },
    async findFreeTeacher(code) {
      const found = await http.get(`/free-teachers/${seg(code)}`, FreeTeacherSchema);
      return expectSameKey('smir', found, (t) => t.personalCode, code);
    },
    async listInstitutions(page = {}) {
      const found = await http.get(`/institutions${query({ after: page.after, limit: page.limit })}`, InstitutionPage);
      return found ?? { items: [], nextAfter: null, total: 0 };
    },
  };
}
