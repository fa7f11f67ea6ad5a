// The workflow bundle built ahead of the worker (issue 16): webpack bundling inside the worker costs
// about 3.5 s at every start and ~240 MiB of RSS the process keeps (measured: worker/main.ts idle at
// 579 MiB bundling itself, 340 MiB loading a bundle built by another process). `npm start`
// (scripts/dev.ts) and the Docker image build it first and hand its path to the worker in
// KURSUOK_WORKFLOW_BUNDLE; without it the worker bundles at start, as before.
//   node --import tsx worker/bundle.ts <file>     writes the bundle of workflows/index.ts to <file>
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { WORKFLOWS_PATH } from './worker.ts';

const quiet = () => undefined;

/** Bundles workflows/index.ts as the worker would and writes it to `file`; returns its size in bytes. */
export async function writeWorkflowBundle(file: string): Promise<number> {
  const { code } = await bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    logger: { info: quiet, warn: console.warn, error: console.error, debug: quiet, trace: quiet, log: quiet },
  });
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, code);
  return code.length;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: node --import tsx worker/bundle.ts <file>');
    process.exit(2);
  }
  const t0 = performance.now();
  const bytes = await writeWorkflowBundle(file);
  console.log(`workflow bundle: ${file} (${(bytes / 1024).toFixed(0)} KiB) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
