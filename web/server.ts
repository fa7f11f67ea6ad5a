// The web process: Hono on @hono/node-server. SIGINT/SIGTERM close it gracefully.
import { serve } from '@hono/node-server';
import { Client, Connection } from '@temporalio/client';
import { registryClientsFromConfig } from '../activities/registries/index.ts';
import { createDb, survivePostgresSetupRace } from '../db/client.ts';
import { loadConfig } from '../worker/config.ts';
import { createApp } from './app.tsx';
import { createIdentityGateway } from './auth/oidc.ts';
import { answerClientErrors } from './client-errors.ts';

survivePostgresSetupRace('web');
const config = loadConfig();
const db = createDb(config.databaseUrl);
const connection = await Connection.connect({ address: config.temporal.address });
const temporal = new Client({ connection, namespace: config.temporal.namespace });
const registries = registryClientsFromConfig(config);
const app = createApp({ config, db, temporal, identity: createIdentityGateway(config), smir: registries.smir, registries });

const server = serve({ fetch: app.fetch, port: config.web.port, hostname: config.web.host }, (info) => {
  console.log(`web: http://${config.web.host === '0.0.0.0' ? 'localhost' : config.web.host}:${info.port}`);
});
answerClientErrors(server);

let closing = false;
async function shutdown() {
  if (closing) return;
  closing = true;
  server.close();
  await connection.close();
  await db.destroy();
  console.log('web: stopped');
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
