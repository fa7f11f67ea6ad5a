// NUM-7 under concurrency (issue 12): contracts numbered at once take consecutive numbers from the
// stage valid on their date — unique, without gaps, even when an insert fails after taking its number.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../db/client.ts';
import { insertNumberedContract, insertWaitingContract } from '../../db/queries/learning-contracts.ts';
import { createInstitution, groupForm, type InstitutionFixture } from '../support/fixtures.ts';
import { appCaller } from '../support/http.ts';
import { adminSession } from '../support/session.ts';
import { TEST_DATABASE_URL } from '../support/env.ts';
import { startStack, type TestStack } from '../support/stack.ts';

let stack: TestStack;
let pool: Db;
let fx: InstitutionFixture;
let groupId: string;

async function registrations(n: number): Promise<string[]> {
  const rows = Array.from({ length: n }, (_, i) => ({
    id: crypto.randomUUID(),
    group_id: groupId,
    institution_id: fx.institutionId,
    person_key: `num-${crypto.randomUUID()}`,
    first_name: `Dalyvis${i}`,
    last_name: 'Numeruojamas',
    email: `d${i}-${crypto.randomUUID().slice(0, 6)}@example.lt`,
    phone: null,
    funding: 'IMP_KREPSELIS' as const,
    status: 'APPROVED' as const,
    status_reason: null,
  }));
  await stack.db.insertInto('group_registrations').values(rows).execute();
  return rows.map((r) => r.id);
}

const contract = (contractId: string, datedOn: string) => ({
  contractId,
  institutionId: fx.institutionId,
  groupId,
  programmeId: fx.programmeId,
  signingDeadline: '2027-03-01T22:00:00.000Z',
  version: 1,
  datedOn,
  employerId: null,
  participantId: null,
  snapshot: { test: true },
});

beforeAll(async () => {
  stack = await startStack('contract-numbering');
  // Twenty connections: the numbering must hold with many transactions at once.
  pool = createDb(TEST_DATABASE_URL, { max: 20 });
  fx = await createInstitution(stack.db, 'Numeracijos institucija', { publishable: false });
  const admin = await adminSession(stack.db, fx);
  groupId = crypto.randomUUID();
  const created = await appCaller(stack.app)(`/programos/${fx.programmeId}/grupes`, {
    as: admin,
    body: { ...groupForm(fx.venueId), idempotencyKey: groupId },
  });
  expect(created.status).toBe(303);
  await stack.db
    .insertInto('contract_numbering_stages')
    .values([
      {
        institution_id: fx.institutionId,
        effective_from: '2026-01-01',
        start_number: 1,
        prefix: 'MS-',
        suffix: '/2026',
        number_format: '00000',
      },
      {
        institution_id: fx.institutionId,
        effective_from: '2027-01-01',
        start_number: 500,
        prefix: 'MS-',
        suffix: '/2027',
        number_format: '0000',
      },
    ])
    .execute();
});

afterAll(async () => {
  await pool?.destroy();
  await stack?.stop();
});

describe('contract numbering (NUM-7)', () => {
  it('numbers 200 contracts at once consecutively, uniquely and without gaps, from the stage valid on their date', async () => {
    const ids = await registrations(200);
    // One contract whose insert fails after it took a number (no such registration): its number goes back.
    const failing = insertNumberedContract(pool, contract(crypto.randomUUID(), '2026-06-01')).then(
      () => 'inserted',
      () => 'failed',
    );
    const results = await Promise.all(ids.map((id) => insertNumberedContract(pool, contract(id, '2026-06-01'))));
    expect(await failing).toBe('failed');
    const numbers = results.map((r) => (r.kind === 'numbered' ? r.number : r.kind));
    const expected = Array.from({ length: 200 }, (_, i) => `MS-${String(i + 1).padStart(5, '0')}/2026`);
    expect([...numbers].sort()).toEqual(expected);
    const stored = await stack.db.selectFrom('learning_contracts').select(['id', 'number']).where('group_id', '=', groupId).execute();
    expect(stored.map((r) => r.number).sort()).toEqual(expected);
    const stage = await stack.db
      .selectFrom('contract_numbering_stages')
      .select(['issued_count', 'first_used_at'])
      .where('institution_id', '=', fx.institutionId)
      .where('effective_from', '=', '2026-01-01')
      .executeTakeFirstOrThrow();
    expect(stage.issued_count).toBe(200);
    expect(stage.first_used_at).not.toBeNull();

    // A retried activity finds its contract and keeps its number.
    const again = await insertNumberedContract(pool, contract(ids[7]!, '2026-06-01'));
    expect(again.kind).toBe('exists');
    expect(again.kind === 'exists' && again.row.number).toBe(stored.find((r) => r.id === ids[7])!.number);

    // The next stage starts from its own start number.
    const [later] = await registrations(1);
    expect(await insertNumberedContract(pool, contract(later!, '2027-02-01'))).toMatchObject({ kind: 'numbered', number: 'MS-0500/2027' });
    // Before the first stage: no number (the workflow waits, CON-21).
    const [early] = await registrations(1);
    expect(await insertNumberedContract(pool, contract(early!, '2025-12-31'))).toEqual({ kind: 'noStage', datedOn: '2025-12-31' });
  });

  it('a waiting contract is written with its reason and numbered later, keeping its row', async () => {
    const [id] = await registrations(1);
    const base = contract(id!, '2026-07-01');
    await insertWaitingContract(pool, { ...base, phase: 'SUSTABDYTA', reason: 'Nesukurta mokymo sutarčių numeracija.' });
    const waiting = await stack.db.selectFrom('learning_contracts').selectAll().where('id', '=', id!).executeTakeFirstOrThrow();
    expect(waiting).toMatchObject({ phase: 'SUSTABDYTA', waiting_reason: 'Nesukurta mokymo sutarčių numeracija.', number: null });
    const numbered = await insertNumberedContract(pool, base);
    expect(numbered).toMatchObject({ kind: 'numbered', number: 'MS-00201/2026' });
    const row = await stack.db.selectFrom('learning_contracts').selectAll().where('id', '=', id!).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ phase: 'RENGIAMA', waiting_reason: null, number: 'MS-00201/2026', dated_on: '2026-07-01' });
  });
});
