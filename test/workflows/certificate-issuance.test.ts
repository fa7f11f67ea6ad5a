// CertificateIssuance (issue 13; DONE-10, DONE-17) against the real Temporal dev server with its
// activities replaced by in-memory stand-ins: these tests are about orchestration — paging by id so a
// large batch never travels in one payload, chunks of bounded size, bounded concurrency, the N15
// e-mails handed to EmailDelivery children, continue-as-new, failures counted — and the daily
// schedule's definition (01:00 Europe/Vilnius, overlap SKIP, catch-up one day).
import { recordHistoryIfAsked } from '../support/histories.ts';
import type { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DueCertificatesInput, IssueCertificatesInput, IssueCertificatesResult } from '../../activities/certificates.ts';
import { CERTIFICATE_ISSUANCE_SCHEDULE_ID, certificateIssuanceSchedule } from '../../worker/schedules.ts';
import type { CertificateIssuanceInput, CertificateIssuanceResult } from '../../workflows/certificate-issuance/messages.ts';
import { vilniusDate } from '../../workflows/domain/calendar.ts';
import { CERTIFICATE_ISSUANCE_SCHEDULED_WORKFLOW_ID, certificateIssuanceWorkflowId } from '../../workflows/ids.ts';
import { uniqueTaskQueue } from '../support/env.ts';
import { expectDailySchedule } from '../support/schedules.ts';
import { eventually } from '../support/wait.ts';
import { startWorkflowTestWorker, type WorkflowTestWorker } from '../support/workflow-worker.ts';

const taskQueue = uniqueTaskQueue('wf-certificate-issuance');
let client: Client;
let worker: WorkflowTestWorker;

/** The stand-in database of one test: contracts due (sorted ids), issued ones, calls seen. */
interface Scenario {
  day: string;
  due: string[];
  issued: Set<string>;
  failing: Set<string>;
  pageCalls: DueCertificatesInput[];
  chunkCalls: IssueCertificatesInput[];
  inFlight: number;
  maxInFlight: number;
}
const scenarios = new Map<string, Scenario>();
const delivered: string[] = [];

function scenario(day: string, count: number, failing: number[] = []): Scenario {
  const prefix = crypto.randomUUID().slice(0, 8);
  const due = Array.from({ length: count }, (_, i) => `${prefix}-${String(i).padStart(6, '0')}`).sort();
  const s: Scenario = {
    day,
    due,
    issued: new Set(),
    failing: new Set(failing.map((i) => due[i]!)),
    pageCalls: [],
    chunkCalls: [],
    inFlight: 0,
    maxInFlight: 0,
  };
  scenarios.set(day, s);
  return s;
}

const activities = {
  async dueCertificateContracts(input: DueCertificatesInput): Promise<string[]> {
    const s = scenarios.get(input.day);
    if (!s) return [];
    s.pageCalls.push(input);
    // As the query: not yet issued, after the last id of the previous page, at most `limit`.
    return s.due.filter((id) => !s.issued.has(id) && (input.afterId === null || id > input.afterId)).slice(0, input.limit);
  },
  async issueCertificates(input: IssueCertificatesInput): Promise<IssueCertificatesResult> {
    const s = scenarios.get(input.day)!;
    s.chunkCalls.push(input);
    s.inFlight++;
    s.maxInFlight = Math.max(s.maxInFlight, s.inFlight);
    try {
      await new Promise((r) => setTimeout(r, 15));
      const result: IssueCertificatesResult = { issued: 0, skipped: 0, failed: [], outboxIds: [] };
      for (const id of input.contractIds) {
        if (s.failing.has(id)) result.failed.push({ contractId: id, error: `institution.contactPerson.position is empty (${id})` });
        else if (s.issued.has(id)) result.skipped++;
        else {
          s.issued.add(id);
          result.issued++;
          result.outboxIds.push(`mail-${id}`);
        }
      }
      return result;
    } finally {
      s.inFlight--;
    }
  },
  async deliverEmail(outboxId: string): Promise<void> {
    delivered.push(outboxId);
  },
};

beforeAll(async () => {
  worker = await startWorkflowTestWorker(taskQueue, activities);
  client = worker.client;
});

afterAll(async () => {
  await worker?.stop();
});

async function run(input: CertificateIssuanceInput, history?: string): Promise<CertificateIssuanceResult> {
  const handle = await client.workflow.start('certificateIssuanceWorkflow', {
    taskQueue,
    workflowId: certificateIssuanceWorkflowId(`${input.day ?? 'today'}-${crypto.randomUUID().slice(0, 8)}`),
    args: [input],
  });
  const result = (await handle.result()) as CertificateIssuanceResult;
  if (history) recordHistoryIfAsked(handle.workflowId, history);
  return result;
}

describe('CertificateIssuance', () => {
  it('pages through 234 due contracts by id (≤ 100 per page), issues them in chunks of ≤ 25, at most 3 at once, each once', async () => {
    const s = scenario('2031-01-10', 234);
    const result = await run({ day: s.day, chunkSize: 25, concurrency: 3, pageSize: 100 });

    expect(result).toMatchObject({ day: s.day, listed: 234, issued: 234, skipped: 0, failed: 0, pages: 3 });
    expect(s.issued.size).toBe(234);
    // No payload carries the whole batch: pages of at most 100 ids here (500 by default), chunks of at most 25.
    expect(s.pageCalls.map((c) => c.limit)).toEqual([100, 100, 100]);
    expect(s.pageCalls.map((c) => c.afterId)).toEqual([null, s.due[99], s.due[199]]);
    expect(Math.max(...s.chunkCalls.map((c) => c.contractIds.length))).toBe(25);
    expect(s.chunkCalls).toHaveLength(4 + 4 + 2);
    const chunked = s.chunkCalls.flatMap((c) => c.contractIds);
    expect(new Set(chunked).size).toBe(chunked.length);
    // Bounded concurrency: several chunks side by side, never more than asked.
    expect(s.maxInFlight).toBeGreaterThan(1);
    expect(s.maxInFlight).toBeLessThanOrEqual(3);
    // N15 of every issued certificate is handed to a delivery (EmailDelivery children).
    await eventually(
      async () => delivered.filter((id) => id.startsWith(`mail-${s.due[0]!.slice(0, 8)}`)).length,
      (n) => n === 234,
      60_000,
    );
  }, 120_000);

  it('continues as new between pages and still issues everything once; failures are counted and listed', async () => {
    const s = scenario('2031-01-11', 130, [3, 77]);
    const result = await run({ day: s.day, chunkSize: 10, concurrency: 2, pageSize: 50, pagesPerRun: 1 });
    expect(result).toMatchObject({ listed: 130, issued: 128, failed: 2, pages: 3 });
    expect(result.failedContracts).toEqual([s.due[3], s.due[77]]);
    expect(result.firstError).toContain('contactPerson.position is empty');
    expect(result.summary).toBe('Išduota pažymėjimų: 128 iš 130 (nepavyko 2)');
    expect(s.issued.size).toBe(128);
    // Paging moves past failed contracts (they wait for the next day), so the batch ends.
    expect(s.pageCalls.map((c) => c.afterId)).toEqual([null, s.due[49], s.due[99]]);
  }, 120_000);

  it('a second run of the same day issues nothing twice', async () => {
    const s = scenario('2031-01-12', 40);
    expect((await run({ day: s.day }, 'certificate-issuance.json')).issued).toBe(40);
    const again = await run({ day: s.day });
    expect(again).toMatchObject({ listed: 0, issued: 0 });
    expect(s.issued.size).toBe(40);
  }, 60_000);

  it('without a day (as the schedule starts it) takes the Vilnius date of its start', async () => {
    const today = vilniusDate(new Date());
    scenarios.delete(today);
    const s = scenario(today, 3);
    const result = await run({});
    expect(result.day).toBe(today);
    expect(s.issued.size).toBe(3);
  });
});

describe('the daily certificate schedule', () => {
  it('is 01:00 Europe/Vilnius, overlap SKIP, catch-up one day, starting certificateIssuanceWorkflow; an operator pause survives', async () => {
    const scheduleId = `${CERTIFICATE_ISSUANCE_SCHEDULE_ID}-test-${crypto.randomUUID().slice(0, 8)}`;
    await expectDailySchedule(client, certificateIssuanceSchedule(taskQueue, { chunkSize: 30, concurrency: 3 }, scheduleId), 1, {
      workflowType: 'certificateIssuanceWorkflow',
      workflowId: CERTIFICATE_ISSUANCE_SCHEDULED_WORKFLOW_ID,
      taskQueue,
      args: [{ chunkSize: 30, concurrency: 3 }],
    });
  });
});
