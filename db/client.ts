import { Kysely, type Transaction } from 'kysely';
import { PostgresJSDialect } from 'kysely-postgres-js';
import postgres from 'postgres';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Query functions take either the database or a transaction first. */
export type DbOrTx = Db | Tx;

const DATE_OID = 1082;

export function createDb(url: string, options: { max?: number } = {}): Db {
  const sql = postgres(url, {
    max: options.max ?? 10,
    // A database that does not answer fails the request within seconds (web answers 503) instead of
    // holding it for the default 30 s.
    connect_timeout: 5,
    onnotice: () => undefined,
    // Calendar dates stay 'YYYY-MM-DD' strings: no time zone ever moves them (GEN-6).
    types: {
      date: { to: DATE_OID, from: [DATE_OID], serialize: (v: string) => v, parse: (v: string) => v },
    },
  });
  return new Kysely<Database>({ dialect: new PostgresJSDialect({ postgres: sql }) });
}

const DROPPED_CONNECTION = new Set(['CONNECTION_CLOSED', 'CONNECTION_DESTROYED', 'CONNECTION_ENDED', 'ECONNRESET']);

/**
 * postgres.js (3.4.x) asks each new connection for the array types and leaves that query's promise
 * unhandled: when Postgres goes away while a connection is being set up, it surfaces as an
 * unhandled rejection that would end the process. It is that known driver flaw, and nothing of ours
 * waits for the query (the connection is retried), when this is true.
 */
export function isDriverSetupRace(err: unknown): boolean {
  const e = err as { code?: unknown; query?: unknown } | null;
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof e.code === 'string' &&
    DROPPED_CONNECTION.has(e.code) &&
    typeof e.query === 'string' &&
    e.query.includes('pg_catalog.pg_type')
  );
}

/**
 * For the web and worker processes: the driver's set-up race is logged, every other unhandled
 * rejection still ends the process (the supervisor restarts it), as Node does by default.
 */
export function survivePostgresSetupRace(processName: string): void {
  process.on('unhandledRejection', (reason) => {
    if (isDriverSetupRace(reason)) {
      console.warn(`${processName}: Postgres dropped a connection while it was being set up; it is retried`);
      return;
    }
    console.error(`${processName}: unhandled rejection`, reason);
    process.exit(1);
  });
}
