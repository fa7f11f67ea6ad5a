// The TrainingGroup projection (db/queries/training-groups.ts) against real Postgres: versioned,
// so a retried or replayed write is harmless; audited with only the changed fields; guarded by
// the institution-scoped foreign keys, which the activity turns into a non-retryable failure.
import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTrainingGroupActivities } from '../../activities/training-group.ts';
import { createDb, type Db } from '../../db/client.ts';
import { applyGroupProjection, type GroupProjection } from '../../db/queries/training-groups.ts';
import { validateGroupInfo, type GroupInfo } from '../../workflows/domain/group-info.ts';
import { GroupStatus } from '../../workflows/domain/group-status.ts';
import { ErrorCode } from '../../workflows/errors.ts';
import { TEST_DATABASE_URL } from '../support/env.ts';
import { createInstitution, groupForm, type InstitutionFixture } from '../support/fixtures.ts';

let db: Db;
let fx: InstitutionFixture;
let other: InstitutionFixture;

const ALL_COLUMNS = [
  'name',
  'funding_sources',
  'price',
  'language',
  'min_participants',
  'max_participants',
  'special_needs',
  'venue_id',
  'registration_start',
  'registration_end',
  'programme_start',
  'programme_end',
  'status',
];

function info(venueId: string, overrides: Record<string, string | string[]> = {}): GroupInfo {
  const result = validateGroupInfo(groupForm(venueId, overrides));
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.info;
}

/** A projection of a new group of `fx` (version 1, "Kuriama"), with changes applied on top. */
function projection(groupId: string, changes: Partial<GroupProjection> = {}): GroupProjection {
  return {
    groupId,
    institutionId: fx.institutionId,
    programmeId: fx.programmeId,
    version: 1,
    status: GroupStatus.Draft,
    info: info(fx.venueId),
    action: 'create',
    actor: { userId: fx.userId, requestId: `req-${groupId.slice(0, 8)}` },
    ...changes,
  };
}

async function row(groupId: string) {
  return db.selectFrom('training_groups').selectAll().where('id', '=', groupId).executeTakeFirst();
}

/** The audit rows of a group, oldest first. */
async function audit(groupId: string) {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where('entity_type', '=', 'training_group')
    .where('entity_id', '=', groupId)
    .orderBy('id')
    .execute();
}

/** The error a promise rejects with (fails the test when it resolves). */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
    },
    (err: unknown) => err,
  );
}

beforeAll(async () => {
  db = createDb(TEST_DATABASE_URL, { max: 5 });
  fx = await createInstitution(db, 'Projekcijos institucija');
  other = await createInstitution(db, 'Kita institucija');
});

afterAll(async () => {
  await db?.destroy();
});

describe('applyGroupProjection', () => {
  it('applies a version once: the same version again changes nothing and writes no second audit row', async () => {
    const groupId = crypto.randomUUID();
    const p = projection(groupId);
    expect(await applyGroupProjection(db, p)).toEqual({ applied: true, emailIds: [], invitedIds: [] });
    const first = await row(groupId);
    expect(first).toMatchObject({ version: 1, status: 'Kuriama', institution_id: fx.institutionId, programme_id: fx.programmeId });

    expect(await applyGroupProjection(db, p)).toEqual({ applied: false, emailIds: [], invitedIds: [] });
    // Even with other content: a version that is not above the stored one is not written.
    expect(await applyGroupProjection(db, { ...p, info: info(fx.venueId, { name: 'Kita' }) })).toEqual({
      applied: false,
      emailIds: [],
      invitedIds: [],
    });
    expect(await row(groupId)).toEqual(first);

    const rows = await audit(groupId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'create',
      actor_kind: 'user',
      actor_user_id: fx.userId,
      institution_id: fx.institutionId,
      request_id: 'requestId' in p.actor ? p.actor.requestId : null,
    });
  });

  it('applies a version once when two attempts race for it', async () => {
    const groupId = crypto.randomUUID();
    await applyGroupProjection(db, projection(groupId));
    const publish = projection(groupId, { version: 2, status: GroupStatus.Published, action: 'status' });
    const results = await Promise.all([applyGroupProjection(db, publish), applyGroupProjection(db, publish)]);
    expect(results.map((r) => r.applied).sort()).toEqual([false, true]);
    expect((await audit(groupId)).map((r) => r.action)).toEqual(['create', 'status']);
    expect(await row(groupId)).toMatchObject({ version: 2, status: 'Skelbiama' });
  });

  it('creates a group once when two first writes race (no row to lock yet)', async () => {
    const groupId = crypto.randomUUID();
    const results = await Promise.all([applyGroupProjection(db, projection(groupId)), applyGroupProjection(db, projection(groupId))]);
    expect(results.map((r) => r.applied).sort()).toEqual([false, true]);
    expect((await audit(groupId)).map((r) => r.action)).toEqual(['create']);
  });

  it('ignores an older version that arrives after a newer one (stale write)', async () => {
    const groupId = crypto.randomUUID();
    await applyGroupProjection(db, projection(groupId));
    const v3 = projection(groupId, {
      version: 3,
      status: GroupStatus.Published,
      action: 'status',
      info: info(fx.venueId, { name: 'Naujausia' }),
    });
    expect(await applyGroupProjection(db, v3)).toEqual({ applied: true, emailIds: [], invitedIds: [] });
    const newest = await row(groupId);

    const v2 = projection(groupId, { version: 2, action: 'update', info: info(fx.remoteVenueId, { name: 'Pasenusi' }) });
    expect(await applyGroupProjection(db, v2)).toEqual({ applied: false, emailIds: [], invitedIds: [] });

    expect(await row(groupId)).toEqual(newest);
    expect(newest).toMatchObject({ version: 3, status: 'Skelbiama', name: 'Naujausia', venue_id: fx.venueId });
    expect((await audit(groupId)).map((r) => r.action)).toEqual(['create', 'status']);
  });

  it('audits only the changed fields, each with its value before and after', async () => {
    const groupId = crypto.randomUUID();
    const created = projection(groupId);
    await applyGroupProjection(db, created);
    const saved = projection(groupId, {
      version: 2,
      action: 'update',
      info: info(fx.remoteVenueId, { name: 'Grupė B', price: '99,9' }),
      actor: { userId: fx.userId, requestId: 'req-save' },
    });
    await applyGroupProjection(db, saved);
    await applyGroupProjection(db, projection(groupId, { version: 3, action: 'status', status: GroupStatus.Published, info: saved.info }));

    const [create, update, status] = await audit(groupId);
    // A new group: every column, from nothing.
    expect(Object.keys(create!.changes).sort()).toEqual([...ALL_COLUMNS].sort());
    expect(Object.values(create!.changes).every((c) => c.before === null)).toBe(true);
    expect(create!.changes.status).toEqual({ before: null, after: 'Kuriama' });
    expect(create!.changes.price).toEqual({ before: null, after: '120.50' });

    // Unchanged values (dates, numbers, arrays read back from Postgres) do not show up as changes.
    expect(update!.changes).toEqual({
      name: { before: 'Grupė A', after: 'Grupė B' },
      price: { before: '120.50', after: '99.90' },
      venue_id: { before: fx.venueId, after: fx.remoteVenueId },
    });
    expect(update!.request_id).toBe('req-save');
    expect(status!.changes).toEqual({ status: { before: 'Kuriama', after: 'Skelbiama' } });
  });

  // Once stored as a double-encoded jsonb string (a bug this pins down).
  it('stores the changes as a JSON object that SQL can look into', async () => {
    const groupId = crypto.randomUUID();
    await applyGroupProjection(db, projection(groupId));
    const stored = await db
      .selectFrom('audit_log')
      .select([sql<string>`jsonb_typeof(changes)`.as('type'), sql<unknown>`changes->'status'->>'after'`.as('status_after')])
      .where('entity_type', '=', 'training_group')
      .where('entity_id', '=', groupId)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ type: 'object', status_after: 'Kuriama' });
    const read = await db.selectFrom('audit_log').select('changes').where('entity_id', '=', groupId).executeTakeFirstOrThrow();
    expect(typeof read.changes).toBe('object');
  });

  it('refuses a venue of another institution (foreign key), and writes neither the group nor an audit row', async () => {
    const groupId = crypto.randomUUID();
    const foreign = projection(groupId, { info: info(other.venueId) });
    const err = await rejection(applyGroupProjection(db, foreign));
    expect(err).toMatchObject({ code: '23503', constraint_name: 'training_groups_venue' });
    expect(await row(groupId)).toBeUndefined();
    expect(await audit(groupId)).toHaveLength(0);

    // An existing group cannot be moved to it either.
    await applyGroupProjection(db, projection(groupId));
    const moved = projection(groupId, { version: 2, action: 'update', info: info(other.venueId, { name: 'Perkelta' }) });
    expect(await rejection(applyGroupProjection(db, moved))).toMatchObject({ code: '23503' });
    expect(await row(groupId)).toMatchObject({ version: 1, name: 'Grupė A', venue_id: fx.venueId });
    expect((await audit(groupId)).map((r) => r.action)).toEqual(['create']);
  });
});

describe('projectTrainingGroup activity', () => {
  const activities = () => createTrainingGroupActivities({ db });

  it('projects and reports whether the version was applied', async () => {
    const env = new MockActivityEnvironment();
    const groupId = crypto.randomUUID();
    const p = projection(groupId);
    expect(await env.run(activities().projectTrainingGroup, p)).toEqual({ applied: true, emailIds: [], invitedIds: [] });
    expect(await env.run(activities().projectTrainingGroup, p)).toEqual({ applied: false, emailIds: [], invitedIds: [] });
    expect(await audit(groupId)).toHaveLength(1);
  });

  it('turns a venue of another institution into a non-retryable InvalidReference failure', async () => {
    const env = new MockActivityEnvironment();
    const groupId = crypto.randomUUID();
    const err = await rejection(env.run(activities().projectTrainingGroup, projection(groupId, { info: info(other.venueId) })));
    expect(err).toBeInstanceOf(ApplicationFailure);
    const failure = err as ApplicationFailure;
    expect(failure.type).toBe(ErrorCode.InvalidReference);
    expect(failure.nonRetryable).toBe(true);
    expect(await row(groupId)).toBeUndefined();
    expect(await audit(groupId)).toHaveLength(0);
  });
});
