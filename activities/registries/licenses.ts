// Client of Licencijų registras: an institution's licences to deliver vocational training, each
// with its training venues ("mokymo vietos") and the SMPKR programmes licensed at each (LIC-3, LIC-16).
//   GET <base>/institutions/:code/licences   → { institutionCode, items: Licence[] } (empty when none)
//   GET <base>/licences/:number              → Licence | 404
import { z } from 'zod';
import { isoDate, legalEntityCode } from '../../workflows/domain/registries.ts';
import { createRegistryHttp, expectSameKey, seg, type RegistryClientOptions } from './http.ts';

export interface LicensedProgramme {
  /** SMPKR programme code. */
  code: string;
  name: string;
  /** Since when the programme may be delivered at the venue. */
  validFrom: string;
}

export interface LicenceVenue {
  /** The registry's id of the venue ("vykdymo vieta"). */
  id: string;
  /** The venue's address, e.g. "Gedimino pr. 1, LT-01103 Vilnius". */
  address: string;
  municipality: string;
  programmes: LicensedProgramme[];
}

export interface Licence {
  /** Licence number, e.g. "PM-000123". */
  number: string;
  institutionCode: string;
  institutionName: string;
  issuedOn: string;
  /** Galiojanti, sustabdyta or panaikinta. */
  status: 'VALID' | 'SUSPENDED' | 'REVOKED';
  venues: LicenceVenue[];
}

const LicenceSchema: z.ZodType<Licence> = z.object({
  number: z.string().min(1),
  institutionCode: legalEntityCode,
  institutionName: z.string(),
  issuedOn: isoDate,
  status: z.enum(['VALID', 'SUSPENDED', 'REVOKED']),
  venues: z.array(
    z.object({
      id: z.string().min(1),
      address: z.string(),
      municipality: z.string(),
      programmes: z.array(z.object({ code: z.string().min(1), name: z.string(), validFrom: isoDate })),
    }),
  ),
});

const InstitutionLicences = z.object({ institutionCode: legalEntityCode, items: z.array(LicenceSchema) });

export interface LicensesClient {
  /** The institution's licences (all statuses); [] when it has none. */
  licencesOf(institutionCode: string): Promise<Licence[]>;
  findLicence(number: string): Promise<Licence | null>;
}

/**
 * LIC-16: the programmes an institution may deliver at a venue, by the venue's address (compared
 * without case and extra spaces), from its valid licences.
 */
export function licensedProgrammesAt(licences: readonly Licence[], address: string): LicensedProgramme[] {
  const norm = (s: string) => s.toLocaleLowerCase('lt').replace(/\s+/g, ' ').trim();
  const found = new Map<string, LicensedProgramme>();
  for (const l of licences) {
    if (l.status !== 'VALID') continue;
    for (const v of l.venues) if (norm(v.address) === norm(address)) for (const p of v.programmes) found.set(p.code, p);
  }
  return [...found.values()].sort((a, b) => a.code.localeCompare(b.code));
}

export function createLicensesClient(baseUrl: string, options: RegistryClientOptions = {}): LicensesClient {
  const http = createRegistryHttp('licenses', baseUrl, options);
  return {
    async licencesOf(institutionCode) {
      const found = await http.get(`/institutions/${seg(institutionCode)}/licences`, InstitutionLicences);
      return expectSameKey('licenses', found, (f) => f.institutionCode, institutionCode)?.items ?? [];
    },
    async findLicence(number) {
      return expectSameKey('licenses', await http.get(`/licences/${seg(number)}`, LicenceSchema), (l) => l.number, number);
    },
  };
}
