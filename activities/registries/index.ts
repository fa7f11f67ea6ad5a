// One client per state registry (EXT-1), built from the configured addresses.
import type { Config } from '../../worker/config.ts';
import { createDiplomasClient, type DiplomasClient } from './diplomas.ts';
import type { RegistryName } from '../../workflows/domain/registries.ts';
import type { RegistryClientOptions } from './http.ts';
import { createLicensesClient, type LicensesClient } from './licenses.ts';
import { createNsprClient, type NsprClient } from './nspr.ts';
import { createPaymentsClient, type PaymentsClient } from './payments.ts';
import { createSmirClient, type SmirClient } from './smir.ts';
import { createSmpkrClient, type SmpkrClient } from './smpkr.ts';
import { createSodraClient, type SodraClient } from './sodra.ts';
import { createStudentsClient, type StudentsClient } from './students.ts';
import { createUztClient, type UztClient } from './uzt.ts';

/** Base URL of each registry, e.g. { smir: 'http://localhost:3002/smir', … } (config.registries). */
type RegistryUrls = Record<RegistryName, string>;

export interface RegistryClients {
  smir: SmirClient;
  nspr: NsprClient;
  smpkr: SmpkrClient;
  licenses: LicensesClient;
  students: StudentsClient;
  diplomas: DiplomasClient;
  sodra: SodraClient;
  uzt: UztClient;
  /** The funder's payment system (issue 14). */
  payments: PaymentsClient;
}

export function createRegistryClients(urls: RegistryUrls, options: RegistryClientOptions = {}): RegistryClients {
  return {
    smir: createSmirClient(urls.smir, options),
    nspr: createNsprClient(urls.nspr, options),
    smpkr: createSmpkrClient(urls.smpkr, options),
    licenses: createLicensesClient(urls.licenses, options),
    students: createStudentsClient(urls.students, options),
    diplomas: createDiplomasClient(urls.diplomas, options),
    sodra: createSodraClient(urls.sodra, options),
    uzt: createUztClient(urls.uzt, options),
    payments: createPaymentsClient(urls.payments, options),
  };
}

/** The clients of the configured registries, with the configured timeout. */
export function registryClientsFromConfig(config: Pick<Config, 'registries' | 'registryTimeoutMs'>): RegistryClients {
  return createRegistryClients(config.registries, { timeoutMs: config.registryTimeoutMs });
}
