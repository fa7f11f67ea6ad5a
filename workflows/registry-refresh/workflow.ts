// SmirRefresh:<date> refreshes every institution's ŠMIR data (INST-12, EXT-3): it pages through the
// legal entities in code order, one bounded batch per activity (never a fan-out of thousands), and
// keeps its progress in a query and in the memo so an operator sees in the Temporal UI how far it
// got and which codes failed. A failing registry leaves the last good data in place (EXT-4); when
// ŠMIR answered for none of them, the run fails with RegistryUnavailable so it stands out in the
// schedule's recent actions. Started daily by the schedule of worker/schedules.ts, or on demand.
// The current details (Temporal UI) say how far it got and which batch it is on.
import {
  ApplicationFailure,
  continueAsNew,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  upsertMemo,
  workflowInfo,
} from '@temporalio/workflow';
import { at, escapeMarkdown, operatorDetails, summary } from '../operator-details.ts';
import type { SmirRefreshActivities } from '../../activities/registries/refresh.ts';
import {
  MAX_FAILED_CODES,
  REGISTRY_UNAVAILABLE,
  smirRefreshProgressQuery,
  type SmirRefreshInput,
  type SmirRefreshOutcome,
  type SmirRefreshProgress,
  type SmirRefreshResult,
} from './messages.ts';

const { refreshSmirBatch } = proxyActivities<SmirRefreshActivities>({
  // A batch of 50 look-ups at 4 in flight, each at most a 5 s timeout: well inside.
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  // Registry failures are results, not errors; what is retried here is the database.
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '2 minutes', maximumAttempts: 10 },
});

const DEFAULT_BATCH_SIZE = 50;
/** Batches per run before continue-as-new (each is a handful of history events). */
const DEFAULT_BATCHES_PER_RUN = 500;

function summaryOf(p: SmirRefreshProgress, done: boolean): string {
  const head = `${done ? 'Atnaujinta' : 'Atnaujinama'}: ${p.refreshed} iš ${p.processed} (pakeista ${p.changed})`;
  if (p.failed === 0) return head;
  const codes = p.failedCodes.slice(0, 10).join(', ') + (p.failed > 10 ? ', …' : '');
  return `${head}; nepavyko: ${p.failed}${p.unavailable ? `, iš jų ŠMIR nepasiekiamas: ${p.unavailable}` : ''} (${codes})`;
}

function memoOf(p: SmirRefreshProgress, summary: string, outcome: SmirRefreshOutcome | null) {
  return {
    summary,
    outcome,
    processed: p.processed,
    refreshed: p.refreshed,
    changed: p.changed,
    failed: p.failed,
    unavailable: p.unavailable,
    failedCodes: p.failedCodes,
    firstError: p.firstError,
  };
}

export async function smirRefreshWorkflow(input: SmirRefreshInput = {}): Promise<SmirRefreshResult> {
  const batchSize = Math.min(Math.max(Math.trunc(input.batchSize ?? DEFAULT_BATCH_SIZE), 1), 500);
  const batchesPerRun = Math.max(Math.trunc(input.batchesPerRun ?? DEFAULT_BATCHES_PER_RUN), 1);
  const p: SmirRefreshProgress = input.carried ?? {
    startedAt: new Date().toISOString(),
    processed: 0,
    refreshed: 0,
    changed: 0,
    failed: 0,
    unavailable: 0,
    failedCodes: [],
    firstError: null,
    afterCode: null,
    batches: 0,
  };
  setHandler(smirRefreshProgressQuery, () => p);

  const showDetails = (text: string, next: string | null) =>
    setCurrentDetails(
      operatorDetails(text, [at('Pradėta', p.startedAt), next, p.firstError ? `Pirmoji klaida: ${escapeMarkdown(p.firstError)}` : null]),
    );

  for (let inThisRun = 0; ;) {
    const from = p.afterCode === null ? 'nuo pradžios' : `po kodo ${p.afterCode}`;
    showDetails(summaryOf(p, false), `Laukia ŠMIR atsakymų: paketas Nr. ${p.batches + 1} (iki ${batchSize} institucijų ${from})`);
    const batch = { afterCode: p.afterCode, limit: batchSize, ...(input.codes ? { codes: input.codes } : {}) };
    const r = await refreshSmirBatch.executeWithOptions({ summary: summary(`ŠMIR paketas Nr. ${p.batches + 1}`, from) }, [batch]);
    p.batches++;
    p.processed += r.processed;
    p.refreshed += r.refreshed;
    p.changed += r.changed;
    p.failed += r.failures.length;
    p.unavailable += r.failures.filter((f) => f.unavailable).length;
    for (const f of r.failures) if (p.failedCodes.length < MAX_FAILED_CODES) p.failedCodes.push(f.code);
    p.firstError ??= r.failures[0]?.error ?? null;
    upsertMemo(memoOf(p, summaryOf(p, false), null));
    if (r.lastCode === null || r.processed < batchSize) break;
    p.afterCode = r.lastCode;
    if (++inThisRun >= batchesPerRun || workflowInfo().continueAsNewSuggested) {
      await continueAsNew<typeof smirRefreshWorkflow>({ ...input, carried: p });
    }
  }

  const outcome: SmirRefreshOutcome = p.failed === 0 ? 'PAVYKO' : p.refreshed > 0 ? 'DALINAI' : 'NEPAVYKO';
  const done = summaryOf(p, true);
  upsertMemo(memoOf(p, done, outcome));
  showDetails(done, `Rezultatas: ${outcome}`);
  const result: SmirRefreshResult = { ...p, outcome, finishedAt: new Date().toISOString(), summary: done };
  if (p.refreshed === 0 && p.unavailable > 0) {
    throw ApplicationFailure.create({
      type: REGISTRY_UNAVAILABLE,
      message:
        `ŠMIR registras nepasiekiamas: neatnaujinta nė viena iš ${p.processed} institucijų; palikti paskutiniai gauti duomenys. ${p.firstError ?? ''}`.trim(),
      nonRetryable: true,
      details: [result],
    });
  }
  return result;
}
