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
