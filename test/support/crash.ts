// What the crash tests share (a worker killed at a chosen moment: worker-crash, projection-retry-crash):
// bounded waits, and finding the Postgres backends that wait for a row lock the test holds, which is
// how a test catches a worker's activity in flight.
import type { Client } from '@temporalio/client';
import type postgres from 'postgres';

/** Rejects when `promise` has not settled within `ms`. */
export async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls `probe` every `everyMs` until it returns a value, for at most `ms`. */
export async function pollFor<T>(probe: () => Promise<T | undefined>, ms: number, what: string, everyMs = 100): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** The backends of this database that wait for a lock held by `holderPid`. */
export async function backendsWaitingOn(sql: postgres.Sql, holderPid: number): Promise<number[]> {
  const rows = await sql<{ pid: number }[]>`
    select pid from pg_stat_activity
    where datname = current_database() and wait_event_type = 'Lock' and ${holderPid}::int = any(pg_blocking_pids(pid))`;
  return rows.map((r) => r.pid);
}

/** Terminates the test's workflows (those already ended or never started are skipped). */
export async function terminateAll(client: Client | undefined, workflowIds: readonly string[]): Promise<void> {
  for (const workflowId of workflowIds) {
    await client?.workflow
      .getHandle(workflowId)
      .terminate('test finished')
      .catch(() => undefined);
  }
}
