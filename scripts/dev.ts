// Runs the worker and the web server as child processes, seeds the demo data once both are up,
// prints the URLs, and on Ctrl-C (SIGINT) or SIGTERM stops both gracefully.
import { spawn, type ChildProcess } from 'node:child_process';
import { Client, Connection } from '@temporalio/client';
import { createDb } from '../db/client.ts';
import { loadConfig } from '../worker/config.ts';
import { seedDemo } from './seed-demo.ts';

const started = Number(process.env.KURSUOK_START_EPOCH_MS ?? Date.now());
const config = loadConfig();
const root = new URL('..', import.meta.url).pathname;
const children: ChildProcess[] = [];

function run(name: string, entry: string): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], { cwd: root, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = (chunk: Buffer) => chunk.toString().replace(/^(?=.)/gm, `[${name}] `);
  child.stdout!.on('data', (d: Buffer) => process.stdout.write(prefix(d)));
  child.stderr!.on('data', (d: Buffer) => process.stderr.write(prefix(d)));
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`[${name}] exited (${signal ?? code}); stopping`);
      void stop(1);
    }
  });
  children.push(child);
  return child;
}

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    ),
  );
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

run('simulators', 'test/sim/main.ts');
run('worker', 'worker/main.ts');
run('web', 'web/server.ts');

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
