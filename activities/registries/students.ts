// Client of Mokinių registras (the Student Register): for SMPKR programmes the learning contract's
// number and registration date come from here (NUM-9..NUM-11). The provider registers the learner
// there outside IMP IS; until it has, the register has no contract (the contract shows "pending").
// Personal codes travel in the body of a POST look-up, never in a URL.
//   POST <base>/contracts/search { personalCode, institutionCode, programmeCode? } → { items: StudentContract[] }
import { z } from 'zod';
import { isoDate, legalEntityCode, personalCode } from '../../workflows/domain/registries.ts';
import { createRegistryHttp, type RegistryClientOptions } from './http.ts';

export interface StudentContract {
  /** The learning contract number the register assigned, e.g. "MS-2026-012345". */
  contractNumber: string;
  /** Registration date in the register. */
  registeredOn: string;
  personalCode: string;
  institutionCode: string;
  /** SMPKR programme (or module) code. */
  programmeCode: string;
  status: 'ACTIVE' | 'FINISHED' | 'TERMINATED';
}

const ContractSchema: z.ZodType<StudentContract> = z.object({
  contractNumber: z.string().min(1),
  registeredOn: isoDate,
  personalCode,
  institutionCode: legalEntityCode,
  programmeCode: z.string().min(1),
  status: z.enum(['ACTIVE', 'FINISHED', 'TERMINATED']),
});

const Contracts = z.object({ items: z.array(ContractSchema) });

export interface StudentsClient {
  /** The person's contracts with the institution (for one programme when given), newest first. */
  contractsOf(q: { personalCode: string; institutionCode: string; programmeCode?: string }): Promise<StudentContract[]>;
  /** The newest active contract for the programme, or null while the provider has not registered it. */
  findContract(q: { personalCode: string; institutionCode: string; programmeCode: string }): Promise<StudentContract | null>;
}

export function createStudentsClient(baseUrl: string, options: RegistryClientOptions = {}): StudentsClient {
  const http = createRegistryHttp('students', baseUrl, options);
  const contractsOf: StudentsClient['contractsOf'] = async (q) => {
    const found = await http.post('/contracts/search', q, Contracts, { idempotent: true });
    return (found?.items ?? [])
      .filter(
        (c) =>
          c.personalCode === q.personalCode &&
          c.institutionCode === q.institutionCode &&
          (!q.programmeCode || c.programmeCode === q.programmeCode),
      )
      .sort((a, b) => b.registeredOn.localeCompare(a.registeredOn));
  };
  return {
    contractsOf,
    async findContract(q) {
      return (await contractsOf(q)).find((c) => c.status !== 'TERMINATED') ?? null;
    },
  };
}
