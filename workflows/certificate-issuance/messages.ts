// CertificateIssuance:<day> (issue 13; DONE-9, DONE-10, DONE-17): the daily certificate batch's input,
// progress and result. Names are recorded in histories: never rename one.
import { defineQuery } from '@temporalio/workflow';

export interface CertificateIssuanceProgress {
  /** The Vilnius day of the batch ('YYYY-MM-DD'): questionnaires filled before it are due. */
  day: string;
  startedAt: string;
  /** The last contract id of the last page done (pages follow the contracts' ids). */
  afterId: string | null;
  pages: number;
  /** Contracts listed as due, issued, skipped (certified meanwhile, terminated) and failed (data to correct). */
  listed: number;
  issued: number;
  skipped: number;
  failed: number;
  /** The first failed contracts (at most MAX_FAILED_CONTRACTS) and the first error, for the operator. */
  failedContracts: string[];
  firstError: string | null;
}

export interface CertificateIssuanceInput {
  /** The Vilnius day; absent (the schedule): the day the run starts on in Vilnius. */
  day?: string;
  /** Contracts per issuing activity (default 25) and such activities at once (default 2). */
  chunkSize?: number;
  concurrency?: number;
  /** Contract ids per page (default 500). */
  pageSize?: number;
  /** Pages per run before continue-as-new (default 20). */
  pagesPerRun?: number;
  /**
   * Only these institutions' participants (an operator's re-run for one provider; tests, which share a
   * database); absent (the schedule): everyone due.
   */
  institutionIds?: string[];
  /** Set by continue-as-new. */
  carried?: CertificateIssuanceProgress;
}

export interface CertificateIssuanceResult extends CertificateIssuanceProgress {
  finishedAt: string;
  summary: string;
}

export const MAX_FAILED_CONTRACTS = 50;

export const certificateIssuanceProgressQuery = defineQuery<CertificateIssuanceProgress>('certificateIssuanceProgress');
