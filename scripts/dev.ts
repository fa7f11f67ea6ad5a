// Runs the simulators, the worker and the web server as supervised child processes (one that
// exits on its own is logged and started again with a growing pause: it never takes the rest of
// the stack down), seeds the demo data once they are up, prints the URLs, and on Ctrl-C (SIGINT)
// or SIGTERM stops them all gracefully.
import { spawn } from 'node:child_process';
import { Client, Connection } from '@temporalio/client';
import { createDb } from '../db/client.ts';
import { loadConfig, workerNodeArgs } from '../worker/config.ts';
import { seedDemo } from './seed-demo.ts';
import { supervise, type Supervised } from './supervise.ts';

const started = Number(process.env.KURSUOK_START_EPOCH_MS ?? Date.now());
const config = loadConfig();
const root = new URL('..', import.meta.url).pathname;

function run(name: string, entry: string, env: NodeJS.ProcessEnv = process.env, nodeArgs: string[] = []): Supervised {
  return supervise({ name, command: process.execPath, args: [...nodeArgs, '--import', 'tsx', entry], cwd: root, env });
}

/**
 * The workflow bundle, built by a process of its own before the worker starts (worker/bundle.ts: the
 * worker then neither bundles at each (re)start nor keeps webpack's memory); a failed build leaves
 * the worker to bundle by itself, as before.
 */
async function buildBundle(): Promise<string | undefined> {
  const file = `${root}.data/workflow-bundle.js`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'worker/bundle.ts', file], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const code = await new Promise<number | null>((resolve) => {
    child.once('error', () => resolve(null));
    child.once('exit', (c) => resolve(c));
  });
  if (code === 0) return file;
  console.error('workflow bundle: build failed; the worker bundles the workflows itself');
  return undefined;
}

// Simulators and web are restarted like the worker: each is stateless, a crash of one is its own.
const children = [run('simulators', 'test/sim/main.ts'), run('web', 'web/server.ts')];

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  await Promise.all(children.map((child) => child.stop()));
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

const bundle = await buildBundle();
if (!stopping)
  children.push(
    run('worker', 'worker/main.ts', bundle ? { ...process.env, KURSUOK_WORKFLOW_BUNDLE: bundle } : process.env, workerNodeArgs()),
  );

const base = `http://localhost:${config.web.port}`;
async function waitHealthy(deadline: number) {
  for (;;) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${base}/healthz did not answer`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

try {
  await waitHealthy(Date.now() + 60_000);
  const db = createDb(config.databaseUrl, { max: 2 });
  const connection = await Connection.connect({ address: config.temporal.address });
  try {
    const created = await seedDemo(db, new Client({ connection, namespace: config.temporal.namespace }), config);
    console.log(created ? `demo data: ${created} training groups created` : 'demo data: already present');
  } finally {
    await connection.close();
    await db.destroy();
  }
  console.log(`
  KURSUOK provider back office is ready (${((Date.now() - started) / 1000).toFixed(1)} s)
    App:          ${base}
    KURSUOK portal (participants): ${base}/kursuok   reviewers: ${base}/vertinimas   UŽT: ${base}/uzt
    Temporal UI:  http://localhost:8233
    E-mail inbox: http://localhost:8025 (Mailpit)
    VIISP (simulator): ${config.viisp.issuer}   registries (simulator): ${new URL(config.registries.smir).origin}
    Health:       ${base}/healthz
  Ctrl-C stops everything npm start started.
`);
} catch (err) {
  console.error(err);
  await stop(1);
}
