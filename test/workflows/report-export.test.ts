// ReportExport workflow (issue 15; REP-7 export) against the real Temporal dev server with recording
// activities: the Update that starts it is answered once the row exists, only for the same user of the
// same institution; the file is made, kept for the retention (a real timer, seconds here) and then
// deleted; an export whose criteria the report refuses ends "Nepavyko" with the report's words, one
// failing otherwise with the generic message, and nothing is deleted for either.
import { WithStartWorkflowOperation, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../workflows/errors.ts';
import { reportExportWorkflowId } from '../../workflows/ids.ts';
import { requestReportExportUpdate, type ReportExportInput } from '../../workflows/report-export/messages.ts';
import { EXPORT_FAILED, type reportExportWorkflow } from '../../workflows/report-export/workflow.ts';
import { uniqueTaskQueue } from '../support/env.ts';
import { recordHistoryIfAsked } from '../support/histories.ts';
import { startWorkflowTestWorker, updateRefusal, type WorkflowTestWorker } from '../support/workflow-worker.ts';

const taskQueue = uniqueTaskQueue('wf-report-export');
const calls: { name: string; id: string; at: number; args: unknown }[] = [];
/** How each export's build ends: rows, or a failure. */
const outcomes = new Map<string, 'ok' | 'criteria' | 'broken'>();
let client: Client;
let worker: WorkflowTestWorker;

const namesOf = (id: string) => calls.filter((c) => c.id === id).map((c) => c.name);

function input(extra: Partial<ReportExportInput> = {}): ReportExportInput {
  return {
    exportId: crypto.randomUUID(),
    institutionId: 'inst-1',
    userId: 'user-1',
    kind: 'dalyviai',
    format: 'xlsx',
    query: 'grupes_busena=Vykdoma',
    retentionMs: 1500,
    ...extra,
  };
}

function request(wf: ReportExportInput, who = { institutionId: wf.institutionId, userId: wf.userId }) {
  const start = new WithStartWorkflowOperation<typeof reportExportWorkflow>('reportExportWorkflow', {
    workflowId: reportExportWorkflowId(wf.exportId),
    taskQueue,
    workflowIdConflictPolicy: 'USE_EXISTING',
    args: [wf],
  });
  return client.workflow.executeUpdateWithStart(requestReportExportUpdate, {
    args: [who],
    updateId: `export:${wf.exportId}:${who.institutionId}`,
    startWorkflowOperation: start,
  });
}

beforeAll(async () => {
  worker = await startWorkflowTestWorker(taskQueue, {
    recordReportExport: async (a: ReportExportInput) => {
      calls.push({ name: 'recordReportExport', id: a.exportId, at: Date.now(), args: a });
    },
    buildReportExport: async (a: { exportId: string; retentionMs: number }) => {
      calls.push({ name: 'buildReportExport', id: a.exportId, at: Date.now(), args: a });
      const outcome = outcomes.get(a.exportId) ?? 'ok';
      if (outcome === 'criteria')
        throw ApplicationFailure.nonRetryable('Neteisingi ataskaitos kriterijai: bandymas.', ErrorCode.InvalidInput);
      if (outcome === 'broken') throw ApplicationFailure.nonRetryable('disk on fire', 'Unexpected');
      return { rowCount: 120_000, size: 4_200_000 };
    },
    failReportExport: async (a: { exportId: string; error: string }) => {
      calls.push({ name: 'failReportExport', id: a.exportId, at: Date.now(), args: a });
    },
    expireReportExport: async (exportId: string) => {
      calls.push({ name: 'expireReportExport', id: exportId, at: Date.now(), args: exportId });
      return true;
    },
  });
  client = worker.client;
});

afterAll(async () => {
  await worker?.stop();
});

describe('ReportExport', () => {
  it('answers once the row exists, makes the file, keeps it for the retention, then deletes it', async () => {
    const wf = input();
    expect(await request(wf)).toEqual({ exportId: wf.exportId });
    expect(namesOf(wf.exportId)[0]).toBe('recordReportExport');
    // The same request again (a replayed GET) reaches the same export.
    expect(await request(wf)).toEqual({ exportId: wf.exportId });
    const result = await client.workflow.getHandle(reportExportWorkflowId(wf.exportId)).result();
    expect(result).toEqual({ status: 'PARUOSTA', rowCount: 120_000 });
    expect(namesOf(wf.exportId)).toEqual(['recordReportExport', 'buildReportExport', 'expireReportExport']);
    const built = calls.find((c) => c.id === wf.exportId && c.name === 'buildReportExport')!;
    const expired = calls.find((c) => c.id === wf.exportId && c.name === 'expireReportExport')!;
    expect(built.args).toEqual({ exportId: wf.exportId, retentionMs: 1500 });
    expect(expired.at - built.at).toBeGreaterThanOrEqual(1400);
    recordHistoryIfAsked(reportExportWorkflowId(wf.exportId), 'report-export-retention.json');
  });

  it('refuses another institution’s or user’s request in the validator', async () => {
    const wf = input({ retentionMs: 60_000 });
    await request(wf);
    const refusal = await updateRefusal(request(wf, { institutionId: 'inst-2', userId: 'user-9' }));
    expect(refusal.type).toBe(ErrorCode.WrongInstitution);
    await client.workflow.getHandle(reportExportWorkflowId(wf.exportId)).terminate('test over');
  });

  it('ends "Nepavyko" with the report’s words when it refuses the criteria, with the generic message otherwise', async () => {
    const refused = input();
    outcomes.set(refused.exportId, 'criteria');
    await request(refused);
    expect(await client.workflow.getHandle(reportExportWorkflowId(refused.exportId)).result()).toEqual({
      status: 'NEPAVYKO',
      rowCount: null,
    });
    expect(namesOf(refused.exportId)).toEqual(['recordReportExport', 'buildReportExport', 'failReportExport']);
    expect(calls.find((c) => c.id === refused.exportId && c.name === 'failReportExport')!.args).toEqual({
      exportId: refused.exportId,
      error: 'Neteisingi ataskaitos kriterijai: bandymas.',
    });
    recordHistoryIfAsked(reportExportWorkflowId(refused.exportId), 'report-export-failed.json');

    const broken = input();
    outcomes.set(broken.exportId, 'broken');
    await request(broken);
    await client.workflow.getHandle(reportExportWorkflowId(broken.exportId)).result();
    expect(calls.find((c) => c.id === broken.exportId && c.name === 'failReportExport')!.args).toEqual({
      exportId: broken.exportId,
      error: EXPORT_FAILED,
    });
  });
});
