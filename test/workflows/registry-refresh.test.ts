// SmirRefresh workflow against the real Temporal dev server, its batch activity replaced by an
// in-memory stand-in (these tests are about orchestration: paging, counting, continue-as-new, what
// operators see); and the daily schedule created idempotently.
import { Client, Connection, WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SmirRefreshBatchInput, SmirRefreshBatchResult } from '../../activities/registries/refresh.ts';
import { SMIR_REFRESH_SCHEDULE_ID, smirRefreshSchedule } from '../../worker/schedules.ts';
import { SMIR_REFRESH_SCHEDULED_WORKFLOW_ID, smirRefreshWorkflowId } from '../../workflows/ids.ts';
import {
  MAX_FAILED_CODES,
  REGISTRY_UNAVAILABLE,
  smirRefreshProgressQuery,
  type SmirRefreshInput,
  type SmirRefreshResult,
} from '../../workflows/registry-refresh/messages.ts';
import type { smirRefreshWorkflow } from '../../workflows/registry-refresh/workflow.ts';
import { TEST_TEMPORAL_ADDRESS, uniqueTaskQueue, WORKFLOW_BUNDLE_PATH } from '../support/env.ts';
import { expectDailySchedule } from '../support/schedules.ts';

const taskQueue = uniqueTaskQueue('wf-smir-refresh');
let client: Client;
let connection: Connection;
let nativeConnection: NativeConnection;
let worker: Worker;
let running: Promise<void>;

/** What the stand-in "database" holds per test, by the workflow ID's label. */
interface Scenario {
  codes: string[];
  /** code → failure (unavailable or not). */
  failing: Map<string, boolean>;
  calls: SmirRefreshBatchInput[];
}
const scenarios = new Map<string, Scenario>();
const scenarioOf = (codes: readonly string[] | undefined) =>
  [...scenarios.values()].find((s) => s.codes === codes || (codes && s.codes.join() === codes.join()));

async function refreshSmirBatch(input: SmirRefreshBatchInput): Promise<SmirRefreshBatchResult> {
  const s = scenarioOf(input.codes);
  if (!s) throw ApplicationFailure.nonRetryable('no scenario');
  s.calls.push(input);
  const rows = s.codes.filter((c) => input.afterCode === null || c > input.afterCode).slice(0, input.limit);
  const failures = rows
    .filter((c) => s.failing.has(c))
    .map((code) => ({ code, error: `klaida ${code}`, unavailable: s.failing.get(code) as boolean }));
  return {
    processed: rows.length,
    refreshed: rows.length - failures.length,
    changed: Math.floor((rows.length - failures.length) / 2),
    failures,
    lastCode: rows.at(-1) ?? null,
  };
}

function scenario(count: number, failing: Record<string, boolean> = {}): Scenario {
  const s: Scenario = {
    codes: Array.from({ length: count }, (_, i) => `${crypto.randomUUID().slice(0, 4)}-${String(i).padStart(5, '0')}`).sort(),
    failing: new Map(Object.entries(failing)),
    calls: [],
  };
  scenarios.set(crypto.randomUUID(), s);
  return s;
}

function start(s: Scenario, input: Omit<SmirRefreshInput, 'codes'> = {}) {
  return client.workflow.start<typeof smirRefreshWorkflow>('smirRefreshWorkflow', {
    taskQueue,
    workflowId: smirRefreshWorkflowId(`test-${crypto.randomUUID()}`),
    args: [{ codes: s.codes, ...input }],
  });
}

beforeAll(async () => {
  nativeConnection = await NativeConnection.connect({ address: TEST_TEMPORAL_ADDRESS });
  worker = await Worker.create({
    connection: nativeConnection,
    taskQueue,
    workflowBundle: { codePath: WORKFLOW_BUNDLE_PATH },
    activities: { refreshSmirBatch },
  });
  running = worker.run();
  connection = await Connection.connect({ address: TEST_TEMPORAL_ADDRESS });
  client = new Client({ connection });
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await connection?.close();
  await nativeConnection?.close();
});

describe('SmirRefresh workflow', () => {
  it('pages through the institutions one bounded batch at a time, each after the last code of the one before', async () => {
    const s = scenario(7);
    const handle = await start(s, { batchSize: 3 });
    const result = await handle.result();
    expect(s.calls.map((c) => [c.afterCode, c.limit])).toEqual([
      [null, 3],
      [s.codes[2], 3],
      [s.codes[5], 3],
    ]);
    expect(result).toMatchObject({
      outcome: 'PAVYKO',
      processed: 7,
      refreshed: 7,
      failed: 0,
      batches: 3,
      failedCodes: [],
      firstError: null,
      summary: expect.stringMatching(/^Atnaujinta: 7 iš 7/),
    });
    expect(handle.workflowId).toMatch(/^SmirRefresh:test-/);
    expect(await handle.query(smirRefreshProgressQuery)).toMatchObject({ processed: 7, batches: 3 });
    expect((await handle.describe()).memo).toMatchObject({
      outcome: 'PAVYKO',
      processed: 7,
      refreshed: 7,
      failed: 0,
      summary: result.summary,
    });
  });

  it('reports the failed codes for operators and ends "DALINAI" when some failed', async () => {
    const s = scenario(6);
    s.failing.set(s.codes[1] as string, false);
    s.failing.set(s.codes[4] as string, true);
    const handle = await start(s, { batchSize: 4 });
    const result = await handle.result();
    expect(result).toMatchObject({
      outcome: 'DALINAI',
      processed: 6,
      refreshed: 4,
      failed: 2,
      unavailable: 1,
      failedCodes: [s.codes[1], s.codes[4]],
      firstError: `klaida ${s.codes[1]}`,
    });
    const memo = (await handle.describe()).memo as { summary: string };
    expect(memo.summary).toBe(`Atnaujinta: 4 iš 6 (pakeista 1); nepavyko: 2, iš jų ŠMIR nepasiekiamas: 1 (${s.codes[1]}, ${s.codes[4]})`);
  });

  it('fails with RegistryUnavailable when ŠMIR answered for none, the summary in its details', async () => {
    const s = scenario(3);
    for (const c of s.codes) s.failing.set(c, true);
    const handle = await start(s);
    const err = await handle.result().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowFailedError);
    const cause = (err as WorkflowFailedError).cause as ApplicationFailure;
    expect(cause.type).toBe(REGISTRY_UNAVAILABLE);
    expect(cause.message).toMatch(
      /^ŠMIR registras nepasiekiamas: neatnaujinta nė viena iš 3 institucijų; palikti paskutiniai gauti duomenys\./,
    );
    expect(cause.details?.[0]).toMatchObject({ outcome: 'NEPAVYKO', failed: 3, failedCodes: s.codes });
    expect((await handle.describe()).memo).toMatchObject({ outcome: 'NEPAVYKO' });
  });

  it('ends "NEPAVYKO" without failing when ŠMIR answered but knew none of the codes', async () => {
    const s = scenario(2);
    for (const c of s.codes) s.failing.set(c, false);
    expect(await (await start(s)).result()).toMatchObject({ outcome: 'NEPAVYKO', failed: 2, unavailable: 0 });
  });

  it('succeeds with nothing to do', async () => {
    const s = scenario(0);
    expect(await (await start(s)).result()).toMatchObject({ outcome: 'PAVYKO', processed: 0, batches: 1 });
  });

  it('continues as new after its batches per run, carrying the counts', async () => {
    const s = scenario(11);
    s.failing.set(s.codes[9] as string, true);
    const handle = await start(s, { batchSize: 2, batchesPerRun: 2 });
    const result: SmirRefreshResult = await handle.result();
    expect(result).toMatchObject({ processed: 11, refreshed: 10, failed: 1, failedCodes: [s.codes[9]], batches: 6 });
    expect(s.calls.map((c) => c.afterCode)).toEqual([null, s.codes[1], s.codes[3], s.codes[5], s.codes[7], s.codes[9]]);
    const first = await client.workflow.getHandle(handle.workflowId, handle.firstExecutionRunId).describe();
    expect(first.status.name).toBe('CONTINUED_AS_NEW');
  });

  it('lists at most MAX_FAILED_CODES failed codes, and counts them all', async () => {
    const s = scenario(MAX_FAILED_CODES + 30);
    for (const c of s.codes.slice(1)) s.failing.set(c, false);
    const result = await (await start(s, { batchSize: 500 })).result();
    expect(result.failed).toBe(MAX_FAILED_CODES + 29);
    expect(result.failedCodes).toHaveLength(MAX_FAILED_CODES);
    expect(result.summary).toMatch(/, …\)$/);
  });
});

describe('the daily ŠMIR refresh schedule', () => {
  it('is created once and brought to its definition afterwards: 03:00 Europe/Vilnius, overlap SKIP, catch-up one day', async () => {
    const scheduleId = `${SMIR_REFRESH_SCHEDULE_ID}-test-${crypto.randomUUID().slice(0, 8)}`;
    await expectDailySchedule(client, smirRefreshSchedule(taskQueue, scheduleId), 3, {
      workflowType: 'smirRefreshWorkflow',
      workflowId: SMIR_REFRESH_SCHEDULED_WORKFLOW_ID,
      taskQueue,
    });
  });
});
