// Messages of the ŠMIR refresh workflow (SmirRefresh:<date>). Names are recorded in histories:
// never rename one.
import { defineQuery } from '@temporalio/workflow';
import { ErrorCode } from '../errors.ts';

export interface SmirRefreshInput {
  /** Only these institution codes (an on-demand refresh); every legal entity when absent. */
  codes?: string[];
  /** Institutions per activity (default 50, at most 500). */
  batchSize?: number;
  /** Batches per run before continue-as-new (default 500; tests use a small number). */
  batchesPerRun?: number;
  /** The progress so far, carried over continue-as-new (not for callers). */
  carried?: SmirRefreshProgress;
}

export interface SmirRefreshProgress {
  /** When the refresh began (ISO instant, workflow time). */
  startedAt: string;
  /** Institutions looked at. */
  processed: number;
  /** Refreshed from ŠMIR ("paskutinio atnaujinimo iš registro data" set). */
  refreshed: number;
  /** Of the refreshed, how many had changed in ŠMIR. */
  changed: number;
  /** Not refreshed: the last good data stays, smir_refresh_error says why. */
  failed: number;
  /** Of the failed, how many because ŠMIR was down or slow (the rest: unknown codes, bad answers). */
  unavailable: number;
  /** Codes of the failed institutions (the first MAX_FAILED_CODES). */
  failedCodes: string[];
  /** The first failure's message, for operators. */
  firstError: string | null;
  /** Where the next batch starts (exclusive). */
  afterCode: string | null;
  batches: number;
}

export type SmirRefreshOutcome = 'PAVYKO' | 'DALINAI' | 'NEPAVYKO';

export interface SmirRefreshResult extends SmirRefreshProgress {
  /** PAVYKO: all refreshed; DALINAI: some failed; NEPAVYKO: none refreshed. */
  outcome: SmirRefreshOutcome;
  finishedAt: string;
  /** One Lithuanian line for the Temporal UI (also the memo's `summary`). */
  summary: string;
}

/** At most this many failed codes are listed (payloads stay small; the rest are counted). */
export const MAX_FAILED_CODES = 200;

/** ApplicationFailure type when ŠMIR was unreachable for every institution (the run shows as failed). */
export const REGISTRY_UNAVAILABLE = ErrorCode.RegistryUnavailable;

export const smirRefreshProgressQuery = defineQuery<SmirRefreshProgress>('smirRefreshProgress');
