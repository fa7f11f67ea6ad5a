// `npm start`'s simulators of external systems: VIISP (identity, OpenID Connect) on :3001 and the
// state registries (ŠMIR, NŠPR, SMPKR, Licencijų registras, Mokinių registras, Diplomų registras,
// SoDra, UŽT) on :3002 under their path prefixes, matching the defaults of worker/config.ts.
// Run: node_modules/.bin/node --import tsx test/sim/main.ts
import { REGISTRY_SIMULATOR_URL } from '../../worker/config.ts';
import { startRegistrySimulator } from './registries/server.ts';
import { startViispSimulator } from './viisp/server.ts';

const publicUrl = (process.env.PUBLIC_URL ?? 'http://localhost:3000').replace(/\/$/, '');

const viisp = await startViispSimulator({
  port: 3001,
  host: 'localhost',
  clients: [
    {
      clientId: process.env.VIISP_CLIENT_ID ?? 'kursuok',
      clientSecret: process.env.VIISP_CLIENT_SECRET ?? 'kursuok-viisp-simulator-secret',
      redirectUris: [`${publicUrl}/prisijungti/atgal`],
    },
  ],
});
const registries = await startRegistrySimulator({ port: Number(new URL(REGISTRY_SIMULATOR_URL).port), host: 'localhost' });

console.log(`VIISP simulator (OpenID Connect): ${viisp.issuer}  (discovery: ${viisp.issuer}/.well-known/openid-configuration)`);
console.log(
  `State registry simulator: ${registries.url}  (${Object.values(registries.urls)
    .map((u) => new URL(u).pathname)
    .join(', ')}; test control under /_control)`,
);

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  console.log(`simulators: ${signal}, closing`);
  await Promise.allSettled([viisp.close(), registries.close()]);
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
