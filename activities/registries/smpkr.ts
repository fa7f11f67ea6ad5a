// Client of SMPKR (Studijų, mokymo programų ir kvalifikacijų registras): formal and non-formal
// vocational training programmes with their modules and hours (LIC-1, LIC-6, LIC-16, PROG-20).
//   GET <base>/programmes/:code                         → SmpkrProgramme (with modules) | 404
//   GET <base>/programmes?kind=&codes=&after=&limit=    → Page<SmpkrProgramme> (by code)
//   GET <base>/modules/:code                            → SmpkrModule & { programmeCodes } | 404
//   (a module, e.g. a general one, can be part of several programmes)
import { z } from 'zod';
import type { SmpkrProgrammeKind } from '../../workflows/domain/licensed-programme.ts';
import { isoDate } from '../../workflows/domain/registries.ts';
import { createRegistryHttp, expectSameKey, pageSchema, query, seg, type Page, type RegistryClientOptions } from './http.ts';

/** Academic hours: theoretical and practical contact work, and independent work (LIC-9..LIC-11). */
export interface SmpkrHours {
  theory: number;
  practice: number;
  independent: number;
}

export interface SmpkrModule {
  /** Module code, e.g. "4041101". */
  code: string;
  name: string;
  /** Mokymosi kreditai. */
  credits: number;
  /** Bendrieji, privalomieji (kvalifikaciją sudarančių kompetencijų) or pasirenkamieji. */
  type: 'GENERAL' | 'MANDATORY' | 'ELECTIVE';
  hours: SmpkrHours;
}

export interface SmpkrProgramme {
  /** State code, e.g. "P43041101". */
  code: string;
  name: string;
  kind: SmpkrProgrammeKind;
  /** For formal VET: initial (pirminis) or continuing (tęstinis); null for non-formal. */
  formalStage: 'INITIAL' | 'CONTINUING' | null;
  /** LTKS level 1–5. */
  ltksLevel: number;
  /** The qualification the programme leads to (empty for a non-formal one without). */
  qualification: string;
  /** Švietimo sritis. */
  educationField: string;
  credits: number;
  /** The programme's totals (the sum of its modules'). */
  hours: SmpkrHours;
  entryRequirements: string;
  status: 'ACTIVE' | 'CANCELLED';
  registeredOn: string;
  lastEditedOn: string;
  modules: SmpkrModule[];
}

const Hours: z.ZodType<SmpkrHours> = z.object({
  theory: z.number().nonnegative(),
  practice: z.number().nonnegative(),
  independent: z.number().nonnegative(),
});

const ModuleSchema: z.ZodType<SmpkrModule> = z.object({
  code: z.string().min(1),
  name: z.string().min(1),
  credits: z.number().nonnegative(),
  type: z.enum(['GENERAL', 'MANDATORY', 'ELECTIVE']),
  hours: Hours,
});

const ProgrammeSchema: z.ZodType<SmpkrProgramme> = z.object({
  code: z.string().min(1),
  name: z.string().min(1),
  kind: z.enum(['FORMAL_VET', 'NONFORMAL_VET']),
  formalStage: z.enum(['INITIAL', 'CONTINUING']).nullable(),
  ltksLevel: z.number().int().min(1).max(8),
  qualification: z.string(),
  educationField: z.string(),
  credits: z.number().nonnegative(),
  hours: Hours,
  entryRequirements: z.string(),
  status: z.enum(['ACTIVE', 'CANCELLED']),
  registeredOn: isoDate,
  lastEditedOn: isoDate,
  modules: z.array(ModuleSchema),
});

export type SmpkrModuleEntry = SmpkrModule & { programmeCodes: string[] };

const ModuleEntry: z.ZodType<SmpkrModuleEntry> = z.intersection(ModuleSchema, z.object({ programmeCodes: z.array(z.string().min(1)) }));

const ProgrammePage = pageSchema(ProgrammeSchema);

export interface SmpkrProgrammeFilter {
  kind?: SmpkrProgrammeKind;
  /** Only these codes (e.g. the ones a licence lists). */
  codes?: readonly string[];
  after?: string;
  /** Default 100, at most 500. */
  limit?: number;
}

export interface SmpkrClient {
  findProgramme(code: string): Promise<SmpkrProgramme | null>;
  /** A module with the programmes it is part of. */
  findModule(code: string): Promise<SmpkrModuleEntry | null>;
  listProgrammes(filter?: SmpkrProgrammeFilter): Promise<Page<SmpkrProgramme>>;
}

export function createSmpkrClient(baseUrl: string, options: RegistryClientOptions = {}): SmpkrClient {
  const http = createRegistryHttp('smpkr', baseUrl, options);
  return {
    async findProgramme(code) {
      return expectSameKey('smpkr', await http.get(`/programmes/${seg(code)}`, ProgrammeSchema), (p) => p.code, code);
    },
    async findModule(code) {
      return expectSameKey('smpkr', await http.get(`/modules/${seg(code)}`, ModuleEntry), (m) => m.code, code);
    },
    async listProgrammes(f = {}) {
      const q = query({ kind: f.kind, codes: f.codes?.join(','), after: f.after, limit: f.limit });
      return (await http.get(`/programmes${q}`, ProgrammePage)) ?? { items: [], nextAfter: null, total: 0 };
    },
  };
}
