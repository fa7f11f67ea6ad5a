// Client of NŠPR (Neformaliojo švietimo programų registras): non-formal adult education and
// continuing learning programmes with their KPMPC evaluation, languages, hours and registration
// status (PROG-1a, PROG-2, PROG-5, PROG-20, EXT-6).
//   GET <base>/programmes/:code                                          → NsprProgramme | 404
//   GET <base>/programmes?institutionCode=&status=&kpmpc=&after=&limit=  → Page<NsprProgramme> (by code)
import { z } from 'zod';
import type { KpmpcResult, NsprProgramme, NsprStatus } from '../../workflows/domain/nspr-programme.ts';
import { isoDate, legalEntityCode } from '../../workflows/domain/registries.ts';
import { createRegistryHttp, expectSameKey, pageSchema, query, seg, type Page, type RegistryClientOptions } from './http.ts';

const ProgrammeSchema: z.ZodType<NsprProgramme> = z.object({
  code: z.string().min(1),
  name: z.string().min(1),
  institutionCode: legalEntityCode,
  description: z.string(),
  field: z.string(),
  targetGroup: z.string(),
  languages: z.array(z.string().min(1)),
  hours: z.object({ contact: z.number().nonnegative(), independent: z.number().nonnegative(), total: z.number().nonnegative() }),
  // Older NŠPR records have no training mode: absent and null both mean "not given".
  trainingMode: z
    .enum(['KONTAKTINIS', 'NUOTOLINIS_SINCHRONINIS', 'MISRUS'])
    .nullish()
    .transform((v) => v ?? null),
  impAdapted: z.boolean(),
  kpmpc: z.object({
    result: z.enum(['POSITIVE', 'NEGATIVE', 'PENDING']),
    decidedOn: isoDate.nullable(),
    decisionNumber: z.string().nullable(),
  }),
  status: z.enum(['ACTIVE', 'SUSPENDED', 'DEREGISTERED']),
  registeredOn: isoDate,
  suspendedOn: isoDate.nullable(),
  deregisteredOn: isoDate.nullable(),
  statusReason: z.string().nullable(),
  lastEditedOn: isoDate,
});

const ProgrammePage = pageSchema(ProgrammeSchema);

export interface NsprProgrammeFilter {
  institutionCode?: string;
  status?: NsprStatus;
  kpmpc?: KpmpcResult;
  after?: string;
  /** Default 100, at most 500. */
  limit?: number;
}

export interface NsprClient {
  findProgramme(code: string): Promise<NsprProgramme | null>;
  listProgrammes(filter?: NsprProgrammeFilter): Promise<Page<NsprProgramme>>;
  /** Every programme of an institution (all pages). */
  programmesOf(institutionCode: string): Promise<NsprProgramme[]>;
}

export function createNsprClient(baseUrl: string, options: RegistryClientOptions = {}): NsprClient {
  const http = createRegistryHttp('nspr', baseUrl, options);
  const list = async (f: NsprProgrammeFilter = {}) =>
    (await http.get(
      `/programmes${query({ institutionCode: f.institutionCode, status: f.status, kpmpc: f.kpmpc, after: f.after, limit: f.limit })}`,
      ProgrammePage,
    )) ?? {
      items: [],
      nextAfter: null,
      total: 0,
    };
  return {
    async findProgramme(code) {
      return expectSameKey('nspr', await http.get(`/programmes/${seg(code)}`, ProgrammeSchema), (p) => p.code, code);
    },
    listProgrammes: list,
    async programmesOf(institutionCode) {
      const all: NsprProgramme[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await list({ institutionCode, after, limit: 500 });
        all.push(...page.items);
        if (page.nextAfter === null) return all;
        after = page.nextAfter;
      }
    },
  };
}
