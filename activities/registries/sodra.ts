// Client of SoDra (Valstybinio socialinio draudimo fondo valdyba): whether a person is employed
// ("Taip" / "Ne") on a date, for the employment criterion (DOC-5, DOC-6, UZT-5). A person SoDra
// has never insured is simply not employed. Personal codes travel in the body of a POST look-up.
//   POST <base>/employment/search { personalCode, date? } → EmploymentStatus (400 for a malformed code)
import { z } from 'zod';
import { isoDate, legalEntityCode, RegistryError, personalCode } from '../../workflows/domain/registries.ts';
import { createRegistryHttp, expectSameKey, type RegistryClientOptions } from './http.ts';

export interface EmploymentStatus {
  personalCode: string;
  /** The date the status is for. */
  date: string;
  employed: boolean;
  /** As the manual shows it: "Taip" or "Ne". */
  status: 'Taip' | 'Ne';
  /** The insurer (employer) when employed. */
  employer: { code: string; name: string } | null;
  /** Since when the current insurance lasts, when employed. */
  insuredSince: string | null;
}

const StatusSchema: z.ZodType<EmploymentStatus> = z.object({
  personalCode,
  date: isoDate,
  employed: z.boolean(),
  status: z.enum(['Taip', 'Ne']),
  employer: z.object({ code: legalEntityCode, name: z.string() }).nullable(),
  insuredSince: isoDate.nullable(),
});

export interface SodraClient {
  /** The person's employment status on `date` (default: today in the registry's clock). */
  employmentStatus(personalCode: string, date?: string): Promise<EmploymentStatus>;
}

export function createSodraClient(baseUrl: string, options: RegistryClientOptions = {}): SodraClient {
  const http = createRegistryHttp('sodra', baseUrl, options);
  return {
    async employmentStatus(code, date) {
      const found = await http.post('/employment/search', { personalCode: code, ...(date ? { date } : {}) }, StatusSchema, {
        idempotent: true,
      });
      const same = expectSameKey('sodra', found, (s) => s.personalCode, code);
      if (!same) throw new RegistryError('sodra', 'invalid', 'SoDra atsakė netinkamai: nerasta paslauga (HTTP 404)', { status: 404 });
      return same;
    },
  };
}
