// postgres.js's set-up query left unhandled (db/client.ts isDriverSetupRace): only that one is let
// through by the web and worker processes (and by vitest); any other unhandled rejection still ends them.
import { describe, expect, it } from 'vitest';
import { isDriverSetupRace } from '../../db/client.ts';

const typesQuery = 'select b.oid, b.typarray from pg_catalog.pg_type a left join pg_catalog.pg_type b on b.oid = a.typelem';

describe('isDriverSetupRace', () => {
  it('recognises the array-types query on a connection that was dropped', () => {
    for (const code of ['CONNECTION_CLOSED', 'CONNECTION_DESTROYED', 'CONNECTION_ENDED', 'ECONNRESET']) {
      expect(isDriverSetupRace(Object.assign(new Error(`write ${code} 127.0.0.1:5432`), { code, query: typesQuery }))).toBe(true);
    }
  });

  it('lets nothing else through: other queries, other errors, non-errors', () => {
    expect(isDriverSetupRace(Object.assign(new Error('x'), { code: 'CONNECTION_CLOSED', query: 'select * from training_groups' }))).toBe(
      false,
    );
    expect(isDriverSetupRace(Object.assign(new Error('x'), { code: '23505', query: typesQuery }))).toBe(false);
    expect(isDriverSetupRace(new Error('CONNECTION_CLOSED'))).toBe(false);
    expect(isDriverSetupRace(null)).toBe(false);
    expect(isDriverSetupRace('CONNECTION_CLOSED')).toBe(false);
  });

  it('is filtered by vitest.config.ts: left unhandled here, it does not fail the run (another unhandled rejection would)', async () => {
    void Promise.reject(
      Object.assign(new Error('write CONNECTION_CLOSED 127.0.0.1:5432'), { code: 'CONNECTION_CLOSED', query: typesQuery }),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
  });
});
