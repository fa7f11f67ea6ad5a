// The real stack for integration and e2e tests: Postgres, a Temporal worker on its own task
// queue, and the web app, all in this process and talking to the test services.
import { Client, Connection } from '@temporalio/client';
import type { Worker } from '@temporalio/worker';
import { registryClientsFromConfig } from '../../activities/registries/index.ts';
import { createDb, type Db } from '../../db/client.ts';
import { createIdentityGateway } from '../../web/auth/oidc.ts';
import type { AppDeps } from '../../web/context.ts';
import { startRegistrySimulator, type RegistrySimulator } from '../sim/registries/server.ts';
import { startSigningGatewaySimulator, type SigningGatewaySimulator } from '../sim/signing/server.ts';
import { startViispSimulator } from '../sim/viisp/server.ts';
import { createApp } from '../../web/app.tsx';
import type { Config } from '../../worker/config.ts';
import { connectWorker } from '../../worker/worker.ts';
import { testConfig, uniqueTaskQueue, WORKFLOW_BUNDLE_PATH } from './env.ts';

export interface TestStack {
  /** What the app was built from (tests build variants of it). */
  deps: AppDeps;
  config: Config;
  db: Db;
  client: Client;
  app: ReturnType<typeof createApp>;
  worker: Worker;
  /** The simulators' settings (registries' URLs), for a worker process the test starts itself. */
  env: Record<string, string>;
  /** The state-registry simulator the app talks to (options.simulators), to make registries fail or change. */
  registries: RegistrySimulator | null;
  /** The signing gateway simulator (options.simulators), test control on: `signAs` signs without a browser. */
  signing: SigningGatewaySimulator | null;
  stop(): Promise<void>;
}

export async function startWorker(config: Config, db: Db) {
  const { worker, connection } = await connectWorker(config, { db, config }, { codePath: WORKFLOW_BUNDLE_PATH });
  const running = worker.run();
  return {
    worker,
    async stop() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
      await connection.close();
    },
  };
}

export interface StackOptions {
  /** Start the VIISP and state-registry simulators (random ports) and point the app at them. */
  simulators?: boolean;
  /** The app's public address (the OIDC redirect URI is derived from it). */
  publicUrl?: string;
  env?: Record<string, string>;
  /** Run a worker in this process (default); false for tests that run the worker as a child process they kill. */
  worker?: boolean;
}

export const VIISP_TEST_CLIENT = { clientId: 'kursuok-test', clientSecret: 'kursuok-test-secret' };
export const SIGNING_TEST_CLIENT = { clientId: 'kursuok-test', clientSecret: 'kursuok-signing-test-secret' };
/** The signing gateway simulator as a client of the VIISP simulator. */
export const SIGNING_GATEWAY_VIISP_TEST_CLIENT = { clientId: 'pasirasymas-test', clientSecret: 'pasirasymas-test-secret' };

export async function startStack(name: string, options: StackOptions = {}): Promise<TestStack> {
  const publicUrl = options.publicUrl ?? 'http://localhost';
  const sims: { close(): Promise<void> }[] = [];
  let registries: RegistrySimulator | null = null;
  let signing: SigningGatewaySimulator | null = null;
  const env: Record<string, string> = { PUBLIC_URL: publicUrl, ...options.env };
  if (options.simulators) {
    // The gateway's VIISP redirect URI needs its port, so it starts first and reads VIISP's issuer later.
    let viispIssuer = '';
    signing = await startSigningGatewaySimulator({
      port: 0,
      clients: [SIGNING_TEST_CLIENT],
      viisp: { issuer: () => viispIssuer, ...SIGNING_GATEWAY_VIISP_TEST_CLIENT },
      testControl: true,
    });
    const viisp = await startViispSimulator({
      port: 0,
      clients: [
        { ...VIISP_TEST_CLIENT, redirectUris: [`${publicUrl}/prisijungti/atgal`] },
        { ...SIGNING_GATEWAY_VIISP_TEST_CLIENT, redirectUris: [signing.viispRedirectUri] },
      ],
    });
    viispIssuer = viisp.issuer;
    registries = await startRegistrySimulator({ port: 0 });
    sims.push(viisp, registries, signing);
    Object.assign(env, {
      VIISP_ISSUER: viisp.issuer,
      VIISP_CLIENT_ID: VIISP_TEST_CLIENT.clientId,
      VIISP_CLIENT_SECRET: VIISP_TEST_CLIENT.clientSecret,
      ...registries.env,
      ...signing.env,
    });
  }
  const config = testConfig(uniqueTaskQueue(name), env);
  const db = createDb(config.databaseUrl, { max: 5 });
  const w = options.worker === false ? null : await startWorker(config, db);
  const connection = await Connection.connect({ address: config.temporal.address });
  const client = new Client({ connection, namespace: config.temporal.namespace });
  const clients = registryClientsFromConfig(config);
  const deps: AppDeps = { config, db, temporal: client, identity: createIdentityGateway(config), smir: clients.smir, registries: clients };
  const app = createApp(deps);
  return {
    deps,
    config,
    db,
    client,
    app,
    worker: w?.worker as Worker,
    registries,
    signing,
    env,
    async stop() {
      await w?.stop();
      await connection.close();
      await db.destroy();
      await Promise.all(sims.map((sim) => sim.close()));
    },
  };
}
