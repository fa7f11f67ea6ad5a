// ŠMIR alone, for tests that need only it: the registry simulator (server.ts), with `url` pointing
// at its ŠMIR prefix.
//   GET <url>/institutions/:code          → 200 SmirInstitution | 404
//   GET <url>/institutions?after=&limit=  → 200 Page<SmirInstitution>
//   GET <url>/free-teachers/:personalCode → 200 SmirFreeTeacher | 404
import { startRegistrySimulator, type RegistrySimulator, type RegistrySimulatorOptions } from './server.ts';

export type SmirSimulatorOptions = RegistrySimulatorOptions;

export interface SmirSimulator {
  /** ŠMIR's base URL, e.g. http://127.0.0.1:40123/smir. */
  url: string;
  /** The whole registry simulator (failures, changes). */
  simulator: RegistrySimulator;
  close(): Promise<void>;
}

export async function startSmirSimulator(opts: SmirSimulatorOptions = {}): Promise<SmirSimulator> {
  const simulator = await startRegistrySimulator(opts);
  return { url: simulator.urls.smir, simulator, close: () => simulator.close() };
}
