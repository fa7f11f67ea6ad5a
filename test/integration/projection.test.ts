// The TrainingGroup projection (db/queries/training-groups.ts) against real Postgres: versioned,
// so a retried or replayed write is harmless; audited with only the changed fields; guarded by
// the institution-scoped foreign keys, which the activity turns into a non-retryable failure.
// Issue 16: idempotent by content — the same version again with OTHER content (a workflow task
// retried after its local activity committed, with another registration batch) replaces what the
// earlier attempt wrote, so Postgres ends exactly as the workflow's state (GRP-41, GEN-9, GEN-10).
import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTrainingGroupActivities } from '../../activities/training-group.ts';
import { createDb, type Db } from '../../db/client.ts';
import { applyGroupProjection, type GroupProjection, type NoticeComposer } from '../../db/queries/training-groups.ts';
import { validateGroupInfo, type GroupInfo } from '../../workflows/domain/group-info.ts';
import { GroupStatus } from '../../workflows/domain/group-status.ts';
import { RegistrationStatus } from '../../workflows/domain/registration.ts';
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

/** The lifecycle columns of a group with `active` registrations. */
function lifecycle(active: number): NonNullable<GroupProjection['lifecycle']> {
  return {
    activeRegistrations: active,
    signedContracts: 0,
    registrationClosesAt: '2030-01-01T10:00:00.000Z',
    programmeStartsAt: '2030-02-01T10:00:00.000Z',
    decisionDueAt: null,
    contractSigningStartedAt: null,
    completionRecordedAt: null,
    deliveryBlockedReason: null,
  };
}

function person(id: string, name: string): NonNullable<GroupProjection['newRegistrations']>[number] {
  return {
    id,
    personKey: `key-${id}`,
    firstName: name,
    lastName: 'Dalyvaitė',
    email: `${name}@dalyviai.example.lt`,
    phone: null,
    funding: 'IMP_KREPSELIS',
  };
}

/** E-mails with the participant's first name as their text (the templates are not under test here). */
const compose: NoticeComposer = (notice, f) => Promise.resolve({ subject: notice, text: f.firstName });

/** A published group (versions 1 and 2) with the lifecycle columns. */
async function publishedGroup(): Promise<string> {
  const groupId = crypto.randomUUID();
  await applyGroupProjection(db, projection(groupId, { lifecycle: lifecycle(0) }));
  await applyGroupProjection(
    db,
    projection(groupId, { version: 2, status: GroupStatus.Published, action: 'status', lifecycle: lifecycle(0) }),
  );
  return groupId;
}

function batch(groupId: string, version: number, people: ReturnType<typeof person>[], active: number): GroupProjection {
  return projection(groupId, {
    version,
    status: GroupStatus.Published,
    action: 'registration',
    actor: { system: 'P1' },
    lifecycle: lifecycle(active),
    newRegistrations: people,
  });
}

async function registrations(groupId: string) {
  const rows = await db
    .selectFrom('group_registrations')
    .select(['id', 'status', 'status_reason', 'decided_by'])
    .where('group_id', '=', groupId)
    .orderBy('first_name')
    .execute();
  return rows;
}

/** The audit rows of registrations, by registration id: their actions, oldest first. */
async function registrationAudit(ids: string[]): Promise<Record<string, string[]>> {
  const rows = await db
    .selectFrom('audit_log')
    .select(['entity_id', 'action'])
    .where('entity_type', '=', 'group_registration')
    .where('entity_id', 'in', ids)
    .orderBy('id')
    .execute();
  const by: Record<string, string[]> = Object.fromEntries(ids.map((id) => [id, []]));
  for (const r of rows) by[r.entity_id]!.push(r.action);
  return by;
}

async function outbox(ids: string[]) {
  return db
    .selectFrom('email_outbox')
    .select(['id', 'kind', 'entity_id', 'text_body'])
    .where('entity_type', '=', 'group_registration')
    .where('entity_id', 'in', ids)
    .orderBy('text_body')
    .orderBy('kind')
    .execute();
}

describe('applyGroupProjection: the same version again with other content (issue 16, local activity retried)', () => {
  it('replaces a group row written by an earlier attempt: columns and its one audit row as the last attempt says', async () => {
    const groupId = crypto.randomUUID();
    await applyGroupProjection(db, projection(groupId));
    const other = projection(groupId, { info: info(fx.venueId, { name: 'Kita' }) });
    expect(await applyGroupProjection(db, other)).toEqual({ applied: true, emailIds: [], invitedIds: [] });
    expect(await row(groupId)).toMatchObject({ version: 1, name: 'Kita' });
    const rows = await audit(groupId);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.changes.name).toEqual({ before: null, after: 'Kita' });
    // And the same content once more changes nothing.
    const stored = await row(groupId);
    expect(await applyGroupProjection(db, other)).toEqual({ applied: false, emailIds: [], invitedIds: [] });
    expect(await row(groupId)).toEqual(stored);
  });

  it('batch A then batch B at the same version: exactly the registrations of B, its counters, one audit row each (GRP-41)', async () => {
    const groupId = await publishedGroup();
    const [ona, rasa, ieva, jonas] = ['a-ona', 'b-rasa', 'c-ieva', 'd-jonas'].map((n) => person(crypto.randomUUID(), n));
    // Version 3 as the first attempt of the workflow task projected it: Ona and Rasa.
    expect(await applyGroupProjection(db, batch(groupId, 3, [ona!, rasa!], 2))).toMatchObject({ applied: true });
    // The retried task saw more Updates in its batch, and not Ona's (B overlaps A in Rasa).
    const b = batch(groupId, 3, [rasa!, ieva!, jonas!], 3);
    expect(await applyGroupProjection(db, b)).toEqual({ applied: true, emailIds: [], invitedIds: [] });

    expect((await registrations(groupId)).map((r) => [r.id, r.status])).toEqual([
      [rasa!.id, 'REGISTERED'],
      [ieva!.id, 'REGISTERED'],
      [jonas!.id, 'REGISTERED'],
    ]);
    expect(await row(groupId)).toMatchObject({ version: 3, active_registrations: 3 });
    expect(await registrationAudit([ona!.id, rasa!.id, ieva!.id, jonas!.id])).toEqual({
      [ona!.id]: [],
      [rasa!.id]: ['create'],
      [ieva!.id]: ['create'],
      [jonas!.id]: ['create'],
    });
    // One audit row of the group per version, the last attempt's.
    const groupAudit = await audit(groupId);
    expect(groupAudit.map((r) => r.action)).toEqual(['create', 'status', 'registration']);
    expect(groupAudit[2]!.changes.active_registrations).toEqual({ before: 0, after: 3 });

    // B once more (a retried regular activity): nothing changes.
    expect(await applyGroupProjection(db, b)).toEqual({ applied: false, emailIds: [], invitedIds: [] });
    // A third attempt with fewer: Rasa only.
    expect(await applyGroupProjection(db, batch(groupId, 3, [rasa!], 1))).toMatchObject({ applied: true });
    expect((await registrations(groupId)).map((r) => r.id)).toEqual([rasa!.id]);
    expect(await row(groupId)).toMatchObject({ version: 3, active_registrations: 1 });
    expect((await audit(groupId)).map((r) => r.action)).toEqual(['create', 'status', 'registration']);
    expect(await registrationAudit([rasa!.id, ieva!.id])).toEqual({ [rasa!.id]: ['create'], [ieva!.id]: [] });

    // Version 2 after 3 (a stale write) is a no-op.
    const stale = projection(groupId, { version: 2, status: GroupStatus.Published, action: 'status', lifecycle: lifecycle(0) });
    const before = await row(groupId);
    expect(await applyGroupProjection(db, stale)).toEqual({ applied: false, emailIds: [], invitedIds: [] });
    expect(await row(groupId)).toEqual(before);
    expect((await registrations(groupId)).map((r) => r.id)).toEqual([rasa!.id]);
  });

  it('refuses a registration id that is already another row (never taken as written)', async () => {
    const groupId = await publishedGroup();
    const ona = person(crypto.randomUUID(), 'ona');
    await applyGroupProjection(db, batch(groupId, 3, [ona], 1));
    const elsewhere = await publishedGroup();
    await expect(applyGroupProjection(db, batch(elsewhere, 3, [ona], 1))).rejects.toThrow(/already used/);
    expect((await registrations(elsewhere)).length).toBe(0);
    expect(await row(elsewhere)).toMatchObject({ version: 2, active_registrations: 0 });
  });

  it('status changes and their e-mails: never queued twice; the e-mails returned are the ones the last attempt implies (GRP-33, GEN-10)', async () => {
    const groupId = await publishedGroup();
    const [ona, rasa, ieva] = ['a-ona', 'b-rasa', 'c-ieva'].map((n) => person(crypto.randomUUID(), n));
    await applyGroupProjection(db, batch(groupId, 3, [ona!, rasa!, ieva!], 3));
    const ids = [ona!.id, rasa!.id, ieva!.id];
    const notFormed = (version: number, who: string[]): GroupProjection =>
      projection(groupId, {
        version,
        status: GroupStatus.NotDelivered,
        action: 'status',
        actor: { system: 'G7' },
        lifecycle: lifecycle(0),
        registrationChange: { ids: who, to: RegistrationStatus.DeregisteredNotFormed, reason: null, notice: 'GROUP_NOT_FORMED' },
      });

    // Attempt A of version 4 knew Ona and Rasa; attempt B knew Ieva too.
    const a = await applyGroupProjection(db, notFormed(4, [ona!.id, rasa!.id]), compose);
    expect(a.emailIds).toHaveLength(2);
    const b = await applyGroupProjection(db, notFormed(4, ids), compose);
    expect(b.applied).toBe(true);
    expect(b.emailIds).toHaveLength(3);
    expect(b.emailIds).toEqual(expect.arrayContaining(a.emailIds));
    const mails = await outbox(ids);
    expect(mails.map((m) => [m.kind, m.text_body])).toEqual([
      ['GROUP_NOT_FORMED', 'a-ona'],
      ['GROUP_NOT_FORMED', 'b-rasa'],
      ['GROUP_NOT_FORMED', 'c-ieva'],
    ]);
    expect(mails.map((m) => m.id).sort()).toEqual([...b.emailIds].sort());
    expect((await registrations(groupId)).map((r) => r.status)).toEqual(Array(3).fill('DEREGISTERED_NOT_FORMED'));
    expect(await registrationAudit(ids)).toEqual(Object.fromEntries(ids.map((id) => [id, ['create', 'status']])));
    // B again: the same e-mails, none queued.
    expect(await applyGroupProjection(db, notFormed(4, ids), compose)).toEqual({ applied: false, emailIds: b.emailIds, invitedIds: [] });
    expect(await outbox(ids)).toHaveLength(3);

    // Attempt C of version 4 was another change altogether (Rasa withdrew): the statuses B set are
    // back to what they were, its unsent e-mails and its audit rows are gone.
    const withdrawn = projection(groupId, {
      version: 4,
      status: GroupStatus.Published,
      action: 'registration',
      actor: { system: 'withdrawal' },
      lifecycle: lifecycle(2),
      registrationChange: { ids: [rasa!.id], to: RegistrationStatus.Withdrawn, reason: null, notice: null },
    });
    expect(await applyGroupProjection(db, withdrawn, compose)).toEqual({ applied: true, emailIds: [], invitedIds: [] });
    expect((await registrations(groupId)).map((r) => r.status)).toEqual(['REGISTERED', 'WITHDRAWN', 'REGISTERED']);
    expect(await outbox(ids)).toEqual([]);
    expect(await registrationAudit(ids)).toEqual({ [ona!.id]: ['create'], [rasa!.id]: ['create', 'status'], [ieva!.id]: ['create'] });
    expect(await row(groupId)).toMatchObject({ version: 4, status: 'Skelbiama', active_registrations: 2 });
    expect((await audit(groupId)).map((r) => r.action)).toEqual(['create', 'status', 'registration', 'registration']);
  });

  it('decisions, invitations and UŽT provider data: an attempt replaced by another decision leaves nothing of its own (PART-7, PART-12, UZT-14)', async () => {
    const groupId = await publishedGroup();
    const [ona, rasa] = ['a-ona', 'b-rasa'].map((n) => person(crypto.randomUUID(), n));
    await applyGroupProjection(db, batch(groupId, 3, [ona!, rasa!], 2));
    await db
      .insertInto('uzt_coupons')
      .values({
        registration_id: ona!.id,
        institution_id: fx.institutionId,
        section1: { couponNumber: `K-${ona!.id.slice(0, 8)}` },
        status: 'I_SKYRIUS',
      })
      .execute();
    const approve = (who: string, bankAccount: string | null): GroupProjection =>
      projection(groupId, {
        version: 4,
        status: GroupStatus.Published,
        action: 'registration',
        lifecycle: lifecycle(2),
        registrationChange: { ids: [who], to: RegistrationStatus.Approved, reason: null, notice: 'APPROVED', decidedBy: fx.userId },
        inviteIds: [who],
        ...(bankAccount
          ? {
              couponProviderData: {
                registrationId: who,
                data: {
                  bankAccount,
                  settlement: 'UZBAIGUS',
                  employerId: null,
                  employerPhone: null,
                  employerEmail: null,
                  practiceAddress: null,
                },
              },
            }
          : {}),
      });

    const a = await applyGroupProjection(db, approve(ona!.id, 'LT601010012345678901'), compose);
    expect(a).toMatchObject({ applied: true, invitedIds: [ona!.id] });
    expect(a.emailIds).toHaveLength(2);
    const coupon = () =>
      db
        .selectFrom('uzt_coupons')
        .select(['bank_account', 'settlement_frequency'])
        .where('registration_id', '=', ona!.id)
        .executeTakeFirstOrThrow();
    expect(await coupon()).toEqual({ bank_account: 'LT601010012345678901', settlement_frequency: 'UZBAIGUS' });
    // The same again (a retried regular activity): the same e-mails and invitations, nothing written.
    expect(await applyGroupProjection(db, approve(ona!.id, 'LT601010012345678901'), compose)).toEqual({ ...a, applied: false });
    expect(await outbox([ona!.id])).toHaveLength(2);

    // The retried task decided Rasa first: Ona is as before version 4, her coupon too.
    const b = await applyGroupProjection(db, approve(rasa!.id, null), compose);
    expect(b).toMatchObject({ applied: true, invitedIds: [rasa!.id] });
    expect(await registrations(groupId)).toEqual([
      { id: ona!.id, status: 'REGISTERED', status_reason: null, decided_by: null },
      { id: rasa!.id, status: 'APPROVED', status_reason: null, decided_by: fx.userId },
    ]);
    expect(await coupon()).toEqual({ bank_account: null, settlement_frequency: null });
    const couponAudit = await db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'uzt_coupon')
      .where('entity_id', '=', ona!.id)
      .execute();
    expect(couponAudit).toEqual([]);
    expect((await outbox([ona!.id, rasa!.id])).map((m) => [m.kind, m.text_body])).toEqual([
      ['APPROVED', 'b-rasa'],
      ['CONTRACT_INVITATION', 'b-rasa'],
    ]);
    expect((await outbox([rasa!.id])).map((m) => m.id).sort()).toEqual([...b.emailIds].sort());
    expect(await registrationAudit([ona!.id, rasa!.id])).toEqual({ [ona!.id]: ['create'], [rasa!.id]: ['create', 'status'] });
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
