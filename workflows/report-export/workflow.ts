// ReportExport:<exportId> (issue 15; REP-7 export, OQ-46): a report export too big for the quick path
// (more than KURSUOK_EXPORT_SYNC_MAX_ROWS rows). Web starts it with its one Update (update-with-start,
// the export button's key as the id and the updateId, so a replayed request reaches the same export),
// answered once the export's row exists. An activity then streams the report's rows through the CSV
// or XLSX writer, writing its progress to the row (the page polls it: "Ruošiama… 40 %") and
// heartbeating; the file is stored in the row. The file is kept for the retention (24 h, a real
// timer), then deleted; the row stays and says so. Criteria that no longer hold, or an export that
// fails for good, leave the row "Nepavyko" with the reason.
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  sleep,
} from '@temporalio/workflow';
import type { ReportExportActivities } from '../../activities/report-export.ts';
import { REPORT_KIND_TITLES } from '../domain/report-export.ts';
import { ErrorCode } from '../errors.ts';
import { at, operatorDetails, summary } from '../operator-details.ts';
import { fail } from '../training-group/failure.ts';
import { requestReportExportUpdate, type ReportExportInput, type ReportExportOutcome } from './messages.ts';

/** Row writes: quick, retried until Postgres answers. */
const rows = proxyActivities<ReportExportActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** Making the file: minutes at most for 100,000 rows; a worker that dies is noticed by the heartbeat. */
const files = proxyActivities<ReportExportActivities>({
  startToCloseTimeout: '1 hour',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', maximumInterval: '1 minute', maximumAttempts: 4 },
});

/** What the page says when the file could not be made for another reason than the criteria. */
export const EXPORT_FAILED = 'Eksporto failo paruošti nepavyko. Bandykite eksportuoti dar kartą.';

export async function reportExportWorkflow(input: ReportExportInput): Promise<ReportExportOutcome> {
  const title = `Ataskaitos „${REPORT_KIND_TITLES[input.kind]}“ eksportas (${input.format.toUpperCase()})`;
  let recorded = false;
  setCurrentDetails(operatorDetails(`${title}: ruošiama`));

  setHandler(
    requestReportExportUpdate,
    async () => {
      await condition(() => recorded);
      return { exportId: input.exportId };
    },
    {
      validator: (request) => {
        if (request.institutionId !== input.institutionId || request.userId !== input.userId) fail(ErrorCode.WrongInstitution, 'Nerasta.');
      },
    },
  );

  await rows.recordReportExport.executeWithOptions({ summary: 'Įrašomas eksporto užsakymas' }, [input]);
  recorded = true;

  let rowCount: number;
  try {
    const built = await files.buildReportExport.executeWithOptions({ summary: summary('Ruošiamas failas', input.format.toUpperCase()) }, [
      { exportId: input.exportId, retentionMs: input.retentionMs },
    ]);
    rowCount = built.rowCount;
  } catch (err) {
    const cause = err instanceof ApplicationFailure ? err : (err as { cause?: unknown }).cause;
    // The criteria no longer hold (a value removed meanwhile…): the source's own words.
    const message =
      cause instanceof ApplicationFailure && cause.type === ErrorCode.InvalidInput && cause.message ? cause.message : EXPORT_FAILED;
    await rows.failReportExport.executeWithOptions({ summary: 'Eksportas nepavyko' }, [{ exportId: input.exportId, error: message }]);
    setCurrentDetails(operatorDetails(`${title}: nepavyko`, [message]));
    await condition(allHandlersFinished);
    return { status: 'NEPAVYKO', rowCount: null };
  }

  // Workflow time: the file is deleted the retention after it was stored (the row's expires_at).
  setCurrentDetails(
    operatorDetails(`${title}: paruošta`, [`Eilučių: ${rowCount}`, at('Failas bus ištrintas', Date.now() + input.retentionMs)]),
  );
  await sleep(input.retentionMs, { summary: 'Paruoštas failas saugomas, tada ištrinamas' });
  await rows.expireReportExport.executeWithOptions({ summary: 'Ištrinamas failas' }, [input.exportId]);
  setCurrentDetails(operatorDetails(`${title}: failas ištrintas`, [`Eilučių: ${rowCount}`]));
  await condition(allHandlersFinished);
  return { status: 'PARUOSTA', rowCount };
}
