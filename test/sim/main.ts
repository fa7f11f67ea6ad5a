// `npm start`'s simulators of external systems: VIISP (identity, OpenID Connect) on :3001, the
// state registries (ŠMIR, NŠPR, SMPKR, Licencijų registras, Mokinių registras, Diplomų registras,
// SoDra, UŽT) and the funder's payment system on :3002 under their path prefixes, and the signing gateway (qualified e-signatures,
// a VIISP client itself, its test CA kept in .data/signing-sim/) on :3003, matching the defaults of
// worker/config.ts. SIGNING_SIM_TEST_CONTROL=1 enables the gateway's /_control (sign without a browser).
// Run: node_modules/.bin/node --import tsx test/sim/main.ts
import {
  loadConfig,
  REGISTRY_SIMULATOR_URL,
  SIGNING_GATEWAY_SIMULATOR_URL,
  SIGNING_SIMULATOR_CA_DIR,
  SIMULATOR_SEAL_PASSPHRASE,
} from '../../worker/config.ts';
import { startRegistrySimulator } from './registries/server.ts';
import { loadOrCreateTestCa } from './signing/ca.ts';
import { writeSimulatorSeal } from './signing/seal.ts';
import { startSigningGatewaySimulator } from './signing/server.ts';
import { startViispSimulator } from './viisp/server.ts';

const publicUrl = (process.env.PUBLIC_URL ?? 'http://localhost:3000').replace(/\/$/, '');

// The signing gateway confirms a signature with a fresh VIISP login, as a VIISP client of its own.
const signingConfig = loadConfig().signing;
const signingCa = await loadOrCreateTestCa(SIGNING_SIMULATOR_CA_DIR);
// Issue 13: the development e-seal the worker seals certificates with (CERTIFICATE_SEAL_P12_FILE's default).
await writeSimulatorSeal(signingCa, SIGNING_SIMULATOR_CA_DIR, SIMULATOR_SEAL_PASSPHRASE);
const SIGNING_GATEWAY_VIISP_CLIENT = { clientId: 'kursuok-pasirasymas', clientSecret: 'kursuok-pasirasymas-viisp-simulator-secret' };
const signing = await startSigningGatewaySimulator({
  port: Number(new URL(SIGNING_GATEWAY_SIMULATOR_URL).port),
  host: 'localhost',
  clients: [{ clientId: signingConfig.clientId, clientSecret: signingConfig.clientSecret }],
  viisp: { issuer: 'http://localhost:3001', ...SIGNING_GATEWAY_VIISP_CLIENT },
  ca: signingCa,
  testControl: process.env.SIGNING_SIM_TEST_CONTROL === '1',
});

const viisp = await startViispSimulator({
  port: 3001,
  host: 'localhost',
  clients: [
    { ...SIGNING_GATEWAY_VIISP_CLIENT, redirectUris: [signing.viispRedirectUri] },
    {
      clientId: process.env.VIISP_CLIENT_ID ?? 'kursuok',
      clientSecret: process.env.VIISP_CLIENT_SECRET ?? 'kursuok-viisp-simulator-secret',
      redirectUris: [`${publicUrl}/prisijungti/atgal`],
    },
  ],
});
// Issue 14: the payment system pays an order PAYMENT_SIM_DELAY_MS after it came (default 2 minutes).
const paymentDelay = process.env.PAYMENT_SIM_DELAY_MS;
const registries = await startRegistrySimulator({
  port: Number(new URL(REGISTRY_SIMULATOR_URL).port),
  host: 'localhost',
  ...(paymentDelay && /^\d+$/.test(paymentDelay) ? { paymentDelayMs: Number(paymentDelay) } : {}),
});

console.log(`VIISP simulator (OpenID Connect): ${viisp.issuer}  (discovery: ${viisp.issuer}/.well-known/openid-configuration)`);
console.log(
  `State registry simulator: ${registries.url}  (${Object.values(registries.urls)
    .map((u) => new URL(u).pathname)
    .join(', ')}; test control under /_control)`,
);
console.log(`Signing gateway simulator (e-signatures): ${signing.url}  (test CA: ${SIGNING_SIMULATOR_CA_DIR}ca-cert.pem)`);

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  console.log(`simulators: ${signal}, closing`);
  await Promise.allSettled([viisp.close(), registries.close(), signing.close()]);
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
