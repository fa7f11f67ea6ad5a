// Web → ReportExport:<id> (issue 15): an export too big for the quick path is one Update,
// requestReportExport, that starts the workflow (update-with-start; the export button's key is the
// export's id and the updateId, so a replayed request reaches the same export and starts nothing
// twice), answered once the export's row exists — the page the browser is sent to then reads it.
import { WithStartWorkflowOperation } from '@temporalio/client';
import { REPORT_KIND_TITLES } from '../workflows/domain/report-export.ts';
import { reportExportWorkflowId } from '../workflows/ids.ts';
import { operatorDetails, summary } from '../workflows/operator-details.ts';
import { requestReportExportUpdate, type ReportExportInput } from '../workflows/report-export/messages.ts';
import type { reportExportWorkflow } from '../workflows/report-export/workflow.ts';
import { InstitutionIdKey } from '../workflows/search-attributes.ts';
import { completionOf } from './errors.ts';
import { withinDeadline, type GroupCommandTarget } from './group-commands.ts';

export function startReportExport(t: GroupCommandTarget, input: ReportExportInput, rowCount: number) {
  const start = new WithStartWorkflowOperation<typeof reportExportWorkflow>('reportExportWorkflow', {
    workflowId: reportExportWorkflowId(input.exportId),
    taskQueue: t.taskQueue,
    workflowIdConflictPolicy: 'USE_EXISTING',
    args: [input],
    typedSearchAttributes: [{ key: InstitutionIdKey, value: input.institutionId }],
    staticSummary: summary('Ataskaitos eksportas', `„${REPORT_KIND_TITLES[input.kind]}“`, input.format.toUpperCase(), `${rowCount} eil.`),
    staticDetails: operatorDetails(`Ataskaitos „${REPORT_KIND_TITLES[input.kind]}“ eksportas (${input.format.toUpperCase()})`, [
      `Eilučių pradžioje: ${rowCount}`,
      `Kriterijai: ${input.query || '(visi)'}`,
    ]),
  });
  return withinDeadline(t, () =>
    completionOf(
      t.temporal.workflow.startUpdateWithStart(requestReportExportUpdate, {
        args: [{ institutionId: input.institutionId, userId: input.userId }],
        // Per asker: a copied link's request is not the first one's (Temporal would answer it unvalidated).
        updateId: `export:${input.exportId}:${input.institutionId}:${input.userId ?? 'vadovas'}`,
        startWorkflowOperation: start,
        waitForStage: 'ACCEPTED',
      }),
    ),
  );
}
