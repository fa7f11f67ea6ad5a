// Activities of the ŠMIR refresh (INST-12, EXT-3, EXT-4): one batch of institutions at a time, in
// code order. For each legal entity, ŠMIR's record replaces institutions.smir_data and
// smir_refreshed_at ("paskutinio atnaujinimo iš registro data") is set, smir_refresh_error cleared;
// when ŠMIR fails or no longer knows the code, the last good data stays and smir_refresh_error
// says why (the tab "ŠMIR informacija" shows it, operators see it in the workflow's result).
// The same pass copies each institution's NŠPR programmes into `programmes` (PROG-2, PROG-5, EXT-6;
// nspr-programmes.ts): a separate registry, so a failing NŠPR leaves the programmes as they were and
// does not count as a ŠMIR failure; it is reported in the batch's `nspr` part and the worker log.
import { Context } from '@temporalio/activity';
import type { Db } from '../../db/client.ts';
import { diffFields, writeAudit } from '../../db/queries/audit.ts';
import { vilniusDate } from '../../workflows/domain/calendar.ts';
import { isRegistryError, REGISTRY_LABELS, type RegistryError } from '../../workflows/domain/registries.ts';
import { syncNsprProgrammes } from './nspr-programmes.ts';
import type { NsprClient } from './nspr.ts';
import type { SmirClient, SmirInstitution } from './smir.ts';

export interface SmirRefreshBatchInput {
  /** Continue after this institution code (exclusive); null from the start. */
  afterCode: string | null;
  /** At most this many institutions (1–500). */
  limit: number;
  /** Only these codes (an on-demand refresh); every legal entity when absent. */
  codes?: string[];
}

export interface SmirRefreshFailure {
  code: string;
  /** Lithuanian, as stored in smir_refresh_error. */
  error: string;
  /** The registry was down or slow (as opposed to not knowing the code, or answering nonsense). */
  unavailable: boolean;
}

export interface SmirRefreshBatchResult {
  /** Institutions looked at in this batch. */
  processed: number;
  /** Refreshed from ŠMIR (smir_refreshed_at set). */
  refreshed: number;
  /** Of the refreshed, how many had different data than before. */
  changed: number;
  failures: SmirRefreshFailure[];
  /** The last code of the batch (the next batch's afterCode); null when the batch was empty. */
  lastCode: string | null;
  /** The NŠPR programmes of the batch's institutions (absent when no NŠPR client is configured). */
  nspr?: NsprBatchResult;
}

export interface NsprBatchResult {
  /** Institutions whose programmes NŠPR answered for. */
  refreshed: number;
  added: number;
  changed: number;
  deregistered: number;
  /** Institutions NŠPR did not answer for: their programmes stay as they were. */
  failures: { code: string; error: string }[];
}

/** After this many consecutive "registry unavailable" answers, the rest of a batch is not asked. */
const GIVE_UP_AFTER = 5;
/** Look-ups in flight at once (ŠMIR is a shared state system: keep the load polite). */
const CONCURRENCY = 4;

/** Stops asking a registry for the rest of a batch once it was unavailable GIVE_UP_AFTER times in a row. */
function giveUpWhenDown() {
  let consecutive = 0;
  let downMessage: string | null = null;
  return {
    /** The failure to record instead of asking, once the registry is clearly down. */
    get down(): string | null {
      return downMessage;
    },
    answered(): void {
      consecutive = 0;
    },
    failed(err: RegistryError): void {
      if (!err.unavailable) consecutive = 0;
      else if (++consecutive >= GIVE_UP_AFTER) downMessage = err.message;
    },
  };
}

/** The running activity's context; undefined when called directly (tests, scripts). */
function activityContext(): Context | undefined {
  try {
    return Context.current();
  } catch {
    return undefined;
  }
}

function unknownCodeMessage(code: string): string {
  return `${REGISTRY_LABELS.smir.name} neberanda institucijos su juridinio asmens kodu ${code}: palikti paskutiniai gauti duomenys`;
}

export function createSmirRefreshActivities({
  db,
  smir,
  nspr,
  now = () => new Date(),
}: {
  db: Db;
  smir: SmirClient;
  nspr?: NsprClient;
  now?: () => Date;
}) {
  async function apply(
    row: { id: string; code: string; smir_data: Record<string, unknown> | null },
    record: SmirInstitution,
  ): Promise<boolean> {
    const after = { ...record } as Record<string, unknown>;
    const changes = diffFields(row.smir_data, after);
    const changed = Object.keys(changes).length > 0 || row.smir_data === null;
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('institutions')
        .set({ smir_data: after, smir_refreshed_at: now(), smir_refresh_error: null })
        .where('id', '=', row.id)
        .execute();
      if (changed) {
        await writeAudit(trx, {
          actor: { kind: 'system' },
          institutionId: row.id,
          entityType: 'institution',
          entityId: row.id,
          action: 'SMIR_REFRESH',
          changes,
          requestId: null,
        });
      }
    });
    return changed;
  }

  async function markFailed(id: string, error: string): Promise<void> {
    await db.updateTable('institutions').set({ smir_refresh_error: error }).where('id', '=', id).execute();
  }

  return {
    /** Refreshes one batch of legal entities from ŠMIR (idempotent: a retry refreshes them again). */
    async refreshSmirBatch(input: SmirRefreshBatchInput): Promise<SmirRefreshBatchResult> {
      const limit = Math.min(Math.max(Math.trunc(input.limit), 1), 500);
      let q = db.selectFrom('institutions').select(['id', 'code', 'smir_data']).where('kind', '=', 'JURIDINIS');
      if (input.afterCode !== null) q = q.where('code', '>', input.afterCode);
      if (input.codes) {
        if (input.codes.length === 0) return { processed: 0, refreshed: 0, changed: 0, failures: [], lastCode: null };
        q = q.where('code', 'in', input.codes);
      }
      const rows = await q.orderBy('code').limit(limit).execute();

      const result: SmirRefreshBatchResult = {
        processed: rows.length,
        refreshed: 0,
        changed: 0,
        failures: [],
        lastCode: rows.at(-1)?.code ?? null,
      };
      const nsprResult: NsprBatchResult = { refreshed: 0, added: 0, changed: 0, deregistered: 0, failures: [] };
      if (nspr) result.nspr = nsprResult;
      const smirState = giveUpWhenDown();
      const nsprState = giveUpWhenDown();
      let next = 0;
      const context = activityContext();

      async function one(row: (typeof rows)[number]): Promise<void> {
        await refreshSmir(row);
        if (nspr) await refreshNspr(nspr, row);
      }

      async function refreshNspr(client: NsprClient, row: (typeof rows)[number]): Promise<void> {
        if (nsprState.down !== null) {
          nsprResult.failures.push({ code: row.code, error: nsprState.down });
          return;
        }
        try {
          const listed = await client.programmesOf(row.code);
          nsprState.answered();
          const at = now();
          const synced = await syncNsprProgrammes(db, row.id, listed, at, vilniusDate(at));
          nsprResult.refreshed++;
          nsprResult.added += synced.added;
          nsprResult.changed += synced.changed;
          nsprResult.deregistered += synced.deregistered;
        } catch (err) {
          if (!isRegistryError(err)) throw err; // a database problem: the activity is retried
          nsprState.failed(err);
          nsprResult.failures.push({ code: row.code, error: err.message });
        }
      }

      async function refreshSmir(row: (typeof rows)[number]): Promise<void> {
        const downMessage = smirState.down;
        if (downMessage !== null) {
          // The registry is down: do not hammer it; keep the data and record why.
          await markFailed(row.id, downMessage);
          result.failures.push({ code: row.code, error: downMessage, unavailable: true });
          return;
        }
        try {
          const record = await smir.findInstitution(row.code);
          if (record === null) {
            const error = unknownCodeMessage(row.code);
            await markFailed(row.id, error);
            result.failures.push({ code: row.code, error, unavailable: false });
          } else {
            if (await apply(row, record)) result.changed++;
            result.refreshed++;
          }
          smirState.answered();
        } catch (err) {
          if (!isRegistryError(err)) throw err; // a database problem: the activity is retried
          await markFailed(row.id, err.message);
          result.failures.push({ code: row.code, error: err.message, unavailable: err.unavailable });
          smirState.failed(err);
        }
      }

      async function lane(): Promise<void> {
        while (next < rows.length) {
          const row = rows[next++] as (typeof rows)[number];
          await one(row);
          context?.heartbeat({ done: next });
        }
      }
      await Promise.all(Array.from({ length: Math.min(CONCURRENCY, rows.length) }, lane));

      result.failures.sort((a, b) => (a.code < b.code ? -1 : 1));
      if (result.failures.length > 0) {
        (context?.log ?? console).warn('ŠMIR refresh: institutions not refreshed', {
          failed: result.failures.length,
          processed: result.processed,
          first: result.failures[0]?.error,
        });
      }
      if (nsprResult.failures.length > 0) {
        nsprResult.failures.sort((a, b) => (a.code < b.code ? -1 : 1));
        (context?.log ?? console).warn('NŠPR programmes not refreshed', {
          failed: nsprResult.failures.length,
          processed: result.processed,
          first: nsprResult.failures[0]?.error,
        });
      }
      return result;
    },
  };
}

export type SmirRefreshActivities = ReturnType<typeof createSmirRefreshActivities>;
