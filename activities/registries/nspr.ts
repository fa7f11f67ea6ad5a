// Client of NŠPR (Neformaliojo švietimo programų registras): non-formal adult education and
// continuing learning programmes with their KPMPC evaluation, languages, hours and registration
// status (PROG-1a, PROG-2, PROG-5, PROG-20, EXT-6).
//   GET <base>/programmes/:code                                          → NsprProgramme | 404
//   GET <base>/programmes?institutionCode=&status=&kpmpc=&after=&limit=  → Page<NsprProgramme> (by code)
import { z } from 'zod';
import { createRegistryHttp, expectSameKey, isoDate, legalEntityCode, pageSchema, query, seg, type Page, type RegistryClientOptions } from './http.ts';

/** Registration status: registered, suspended ("sustabdyta") or deregistered ("išregistruota"). */
export type NsprStatus = 'ACTIVE' | 'SUSPENDED' | 'DEREGISTERED';
/** The KPMPC evaluation result: positive, negative, or not evaluated yet. */
export type KpmpcResult = 'POSITIVE' | 'NEGATIVE' | 'PENDING';
/** "Mokymo būdas": contact, remote synchronous, or mixed (the values of LIC-7). */
export type NsprTrainingMode = 'KONTAKTINIS' | 'NUOTOLINIS_SINCHRONINIS' | 'MISRUS';

export interface NsprProgramme {
  /** NŠPR programme code, e.g. "NSP-2024-0101". */
  code: string;
  name: string;
  /** The provider: a legal entity code (ŠMIR). */
  institutionCode: string;
  /** Programme aim and short description. */
  description: string;
  /** Švietimo sritis / kryptis, e.g. "Informacinės ir komunikacinės technologijos". */
  field: string;
  /** Tikslinė grupė. */
  targetGroup: string;
  /** Mokymo kalbos, in Lithuanian ("lietuvių", "anglų", …). */
  languages: string[];
  /** Academic hours: contact (kontaktinės), independent (savarankiško darbo), and their total. */
  hours: { contact: number; independent: number; total: number };
  /** "Mokymo būdas", when NŠPR records one (null otherwise). */
  trainingMode: NsprTrainingMode | null;
  /** Adapted to IMP IS ("pritaikyta IMP IS"). */
  impAdapted: boolean;
  kpmpc: { result: KpmpcResult; decidedOn: string | null; decisionNumber: string | null };
  status: NsprStatus;
  registeredOn: string;
  suspendedOn: string | null;
  deregisteredOn: string | null;
  /** Why the programme was suspended or deregistered (shown in the remarks column, PROG-5). */
  statusReason: string | null;
  /** Last edit in NŠPR. */
  lastEditedOn: string;
}

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
  kpmpc: z.object({ result: z.enum(['POSITIVE', 'NEGATIVE', 'PENDING']), decidedOn: isoDate.nullable(), decisionNumber: z.string().nullable() }),
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

/**
 * PROG-1(a): an NŠPR programme is offered in IMP IS when it is adapted to IMP IS, registered (not
 * suspended or deregistered) and positively evaluated by KPMPC.
 */
export function isOfferedInImp(p: Pick<NsprProgramme, 'impAdapted' | 'status' | 'kpmpc'>): boolean {
  return p.impAdapted && p.status === 'ACTIVE' && p.kpmpc.result === 'POSITIVE';
}

export function createNsprClient(baseUrl: string, options: RegistryClientOptions = {}): NsprClient {
  const http = createRegistryHttp('nspr', baseUrl, options);
  const list = async (f: NsprProgrammeFilter = {}) =>
    (await http.get(`/programmes${query({ institutionCode: f.institutionCode, status: f.status, kpmpc: f.kpmpc, after: f.after, limit: f.limit })}`, ProgrammePage)) ?? {
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
