// `npm start`'s simulators of external systems: VIISP (identity, OpenID Connect) on :3001 and
// ŠMIR (institution registry) on :3002, matching the defaults of worker/config.ts.
// Run: node_modules/.bin/node --import tsx test/sim/main.ts
import { startSmirSimulator } from './registries/smir.ts';
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
const smir = await startSmirSimulator({ port: 3002, host: 'localhost' });

console.log(`VIISP simulator (OpenID Connect): ${viisp.issuer}  (discovery: ${viisp.issuer}/.well-known/openid-configuration)`);
console.log(`ŠMIR simulator: ${smir.url}`);

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  console.log(`simulators: ${signal}, closing`);
  await Promise.allSettled([viisp.close(), smir.close()]);
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
