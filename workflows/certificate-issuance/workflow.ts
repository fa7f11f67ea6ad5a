// CertificateIssuance:<day> — the daily certificate batch (issue 13; DONE-9, DONE-10, DONE-16,
// DONE-17, N15). Started every night by the schedule of worker/schedules.ts (or on demand for a day),
// it asks Postgres page by page (ids only, in id order) for the contracts due — in force, started,
// completed, assessment confirmed, questionnaire filled on a previous Vilnius day, no certificate yet —
// and issues each page in chunks, a few chunk activities at a time (the PDF work is CPU-bound). Every
// issued certificate has its N15 e-mail queued in the same transaction; each chunk's e-mails are handed
// to an EmailDelivery child (abandoned: it outlives the batch; the outbox relay covers a lost start).
// Issuing is idempotent by contract: a rerun or a retried chunk issues nothing twice. A contract whose
// data the template refuses is counted as failed and left for the next day. Progress is in a query,
// the memo and the current details; continue-as-new keeps the history short for large batches.
import {
  ApplicationFailure,
  continueAsNew,
  log,
  ParentClosePolicy,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  startChild,
  upsertMemo,
  workflowInfo,
} from '@temporalio/workflow';
import type { CertificateActivities, IssueCertificatesResult } from '../../activities/certificates.ts';
import { isIsoDate, vilniusDate } from '../domain/calendar.ts';
import { CERTIFICATE_BATCH_LIMITS } from '../domain/certificate-issuance.ts';
import type { emailDeliveryWorkflow } from '../email-delivery/workflow.ts';
import { emailDeliveryWorkflowId } from '../ids.ts';
import { at, escapeMarkdown, operatorDetails, summary } from '../operator-details.ts';
import {
  certificateIssuanceProgressQuery,
  MAX_FAILED_CONTRACTS,
  type CertificateIssuanceInput,
  type CertificateIssuanceProgress,
  type CertificateIssuanceResult,
} from './messages.ts';

const { dueCertificateContracts } = proxyActivities<CertificateActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '2 minutes', maximumAttempts: 20 },
});

const { issueCertificates } = proxyActivities<CertificateActivities>({
  // A chunk of 25 certificates takes seconds; heartbeats after each certificate.
  startToCloseTimeout: '15 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes', maximumAttempts: 20 },
});

export const DEFAULT_CHUNK_SIZE = 25;
export const DEFAULT_CONCURRENCY = 2;
const DEFAULT_PAGES_PER_RUN = 20;

const clamp = (value: number | undefined, fallback: number, min: number, max: number) =>
  Math.min(Math.max(Math.trunc(value ?? fallback), min), max);

function summaryOf(p: CertificateIssuanceProgress, done: boolean): string {
  const head = `${done ? 'Išduota' : 'Išduodama'} pažymėjimų: ${p.issued} iš ${p.listed}`;
  const tail = [p.skipped > 0 ? `praleista ${p.skipped}` : null, p.failed > 0 ? `nepavyko ${p.failed}` : null].filter(Boolean);
  return tail.length > 0 ? `${head} (${tail.join(', ')})` : head;
}

export async function certificateIssuanceWorkflow(input: CertificateIssuanceInput = {}): Promise<CertificateIssuanceResult> {
  const day = input.carried?.day ?? input.day ?? vilniusDate(new Date());
  if (!isIsoDate(day)) throw ApplicationFailure.nonRetryable(`not a day YYYY-MM-DD: ${day}`, 'InvalidInput');
  const chunkSize = clamp(input.chunkSize, DEFAULT_CHUNK_SIZE, 1, CERTIFICATE_BATCH_LIMITS.maxChunkSize);
  const concurrency = clamp(input.concurrency, DEFAULT_CONCURRENCY, 1, CERTIFICATE_BATCH_LIMITS.maxConcurrency);
  const pageSize = clamp(input.pageSize, CERTIFICATE_BATCH_LIMITS.pageSize, 1, CERTIFICATE_BATCH_LIMITS.pageSize);
  const pagesPerRun = clamp(input.pagesPerRun, DEFAULT_PAGES_PER_RUN, 1, 10_000);
  const p: CertificateIssuanceProgress = input.carried ?? {
    day,
    startedAt: new Date().toISOString(),
    afterId: null,
    pages: 0,
    listed: 0,
    issued: 0,
    skipped: 0,
    failed: 0,
    failedContracts: [],
    firstError: null,
  };
  setHandler(certificateIssuanceProgressQuery, () => p);

  const show = (status: string, next: string | null) =>
    setCurrentDetails(
      operatorDetails(status, [
        `Pažymėjimų diena ${day}: klausimynai užpildyti iki ${day}`,
        at('Pradėta', p.startedAt),
        next,
        p.firstError ? `Pirmoji klaida: ${escapeMarkdown(p.firstError)}` : null,
      ]),
    );
  const memo = (outcome: string | null) =>
    upsertMemo({
      day,
      summary: summaryOf(p, outcome !== null),
      outcome,
      issued: p.issued,
      listed: p.listed,
      failed: p.failed,
      failedContracts: p.failedContracts,
    });

  function record(r: IssueCertificatesResult): void {
    p.issued += r.issued;
    p.skipped += r.skipped;
    p.failed += r.failed.length;
    for (const f of r.failed) if (p.failedContracts.length < MAX_FAILED_CONTRACTS) p.failedContracts.push(f.contractId);
    p.firstError ??= r.failed[0]?.error ?? null;
  }

  /** N15 of one chunk, delivered by a child that outlives the batch; a start that fails is left to the outbox relay. */
  async function deliver(outboxIds: string[], label: string): Promise<void> {
    if (outboxIds.length === 0) return;
    try {
      await startChild<typeof emailDeliveryWorkflow>('emailDeliveryWorkflow', {
        workflowId: emailDeliveryWorkflowId(`certificates-${day}-${workflowInfo().runId.slice(0, 8)}-${label}`),
        args: [{ outboxIds }],
        parentClosePolicy: ParentClosePolicy.ABANDON,
        staticSummary: summary('Pažymėjimų el. laiškai (N15)', `${outboxIds.length} laiškai`, day),
      });
    } catch (err) {
      // The ID carries this run's id, so only a server refusal gets here: the relay delivers them a minute later.
      log.warn('certificate e-mails not handed to a delivery; the outbox relay delivers them', { label, error: String(err) });
    }
  }

  for (let inThisRun = 0; ;) {
    show(summaryOf(p, false), `Ieškoma išduotinų pažymėjimų: puslapis Nr. ${p.pages + 1}`);
    const ids = await dueCertificateContracts.executeWithOptions(
      { summary: summary(`Išduotini pažymėjimai, puslapis Nr. ${p.pages + 1}`, day) },
      [{ day, afterId: p.afterId, limit: pageSize, ...(input.institutionIds ? { institutionIds: input.institutionIds } : {}) }],
    );
    p.pages++;
    p.listed += ids.length;
    const chunks: string[][] = [];
    for (let i = 0; i < ids.length; i += chunkSize) chunks.push(ids.slice(i, i + chunkSize));
    let next = 0;
    const page = p.pages;
    // A small pool: `concurrency` chunk activities in flight, the next chunk starting as one finishes.
    const lane = async () => {
      while (next < chunks.length) {
        const index = next++;
        const chunk = chunks[index]!;
        show(summaryOf(p, false), `Išduodama: puslapis Nr. ${page}, dalis ${index + 1} iš ${chunks.length}`);
        const r = await issueCertificates.executeWithOptions(
          { summary: summary(`Pažymėjimai: puslapis Nr. ${page}, dalis ${index + 1} iš ${chunks.length}`, `${chunk.length} sutartys`) },
          [{ day, contractIds: chunk }],
        );
        record(r);
        await deliver(r.outboxIds, `${page}-${index + 1}`);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, chunks.length) }, lane));
    memo(null);
    if (ids.length < pageSize) break;
    p.afterId = ids[ids.length - 1]!;
    if (++inThisRun >= pagesPerRun || workflowInfo().continueAsNewSuggested) {
      await continueAsNew<typeof certificateIssuanceWorkflow>({ ...input, carried: p });
    }
  }

  const done = summaryOf(p, true);
  memo(p.failed === 0 ? 'PAVYKO' : 'DALINAI');
  show(done, p.failed > 0 ? `Nepavyko ${p.failed}: duomenis reikia pataisyti, bus bandoma kitą dieną` : null);
  return { ...p, finishedAt: new Date().toISOString(), summary: done };
}
