// The national-scale seed (issue 16) at a tiny size: every table it writes agrees with the others
// the way the workflows would have left them (counts, references the foreign keys cannot see, valid
// statuses for each group's stage, full timetables of published groups, GRP-40), and the open groups'
// workflows, started from the rows, hold the same state — a real worker takes them up without
// changing a row, and a registration sent to one is projected as the next version (GRP-41, GRP-46).
import { sql, type RawBuilder } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupPublishReadinessProblems } from '../../db/queries/schedule.ts';
import { OPEN_GROUP_STATUSES, seedNational, type NationalSeedResult } from '../../db/seed/national.ts';
import { vilniusDate } from '../../workflows/domain/calendar.ts';
import { isValidIban } from '../../workflows/domain/iban.ts';
import { ContractPhase } from '../../workflows/domain/learning-contract.ts';
import { GROUP_STATUSES, GroupStatus } from '../../workflows/domain/group-status.ts';
import { RegistrationStatus } from '../../workflows/domain/registration.ts';
import { trainingGroupWorkflowId } from '../../workflows/ids.ts';
import { groupStateQuery, registerParticipantUpdate } from '../../workflows/training-group/messages.ts';
import { startOpenGroupWorkflows, terminateGroupWorkflows, type StartGroupWorkflowsResult } from '../bench/national-workflows.ts';
import { startStack, type TestStack } from '../support/stack.ts';

let stack: TestStack;
let seed: NationalSeedResult;
let started: StartGroupWorkflowsResult | null = null;
const today = vilniusDate(new Date());
const SPEC = { institutions: 3, groups: 30, registrations: 150, openGroups: 20 };

/** The number a query answers (its column n). */
async function n(query: RawBuilder<unknown>): Promise<number> {
  const r = await query.execute(stack.db);
  return Number((r.rows[0] as { n: number }).n);
}

beforeAll(async () => {
  stack = await startStack('national-seed');
  seed = await seedNational(stack.db, { ...SPEC, today });
}, 120_000);

afterAll(async () => {
  if (started) await terminateGroupWorkflows(stack.client, started.groupIds);
  await stack?.stop();
});

describe('national seed (issue 16)', () => {
  const ofRun = () => sql`(select id from institutions where code like ${`${seed.codePrefix}_____`})`;

  it('writes the sizes asked for, and the rows per table it reports', async () => {
    expect(seed.rows.institutions).toBe(SPEC.institutions);
    expect(seed.rows.training_groups).toBe(SPEC.groups);
    expect(seed.rows.group_registrations).toBe(SPEC.registrations);
    const tables = [
      'institutions',
      'training_groups',
      'group_registrations',
      'learning_contracts',
      'certificates',
      'group_sessions',
    ] as const;
    for (const table of tables) {
      const inDb = await n(
        sql`select count(*)::int as n from ${sql.table(table)} where ${sql.ref(table === 'institutions' ? 'id' : 'institution_id')} in ${ofRun()}`,
      );
      expect(inDb, table).toBe(seed.rows[table]);
    }
    expect(seed.rows.learning_contracts).toBeGreaterThan(0);
    expect(seed.rows.certificates).toBeGreaterThan(0);
    // At least the open groups asked for.
    const open = await n(sql`select count(*)::int as n from training_groups where institution_id in ${ofRun()}
                             and status in (${sql.join(OPEN_GROUP_STATUSES.map((s) => sql`${s}`))})`);
    expect(open).toBeGreaterThanOrEqual(SPEC.openGroups);
  });

  it('keeps every reference within one institution, group and participant', async () => {
    const mismatches = await n(sql`select (
        (select count(*) from group_registrations r join training_groups g on g.id = r.group_id
         where r.institution_id in ${ofRun()} and (r.institution_id <> g.institution_id or r.participant_id is null)) +
        (select count(*) from group_registrations r join participants p on p.id = r.participant_id
         where r.institution_id in ${ofRun()} and (p.person_key <> r.person_key or p.first_name <> r.first_name)) +
        (select count(*) from learning_contracts c join group_registrations r on r.id = c.id join training_groups g on g.id = r.group_id
         where c.institution_id in ${ofRun()} and (c.group_id <> r.group_id or c.institution_id <> r.institution_id
               or c.programme_id <> g.programme_id or c.participant_id <> r.participant_id)) +
        (select count(*) from certificates x join learning_contracts c on c.id = x.contract_id join stored_files f on f.id = x.file_id
         where x.institution_id in ${ofRun()} and (x.group_id <> c.group_id or x.participant_id <> c.participant_id
               or f.institution_id <> x.institution_id or f.sha256 <> x.file_sha256 or x.data->>'number' <> x.number)) +
        (select count(*) from group_sessions s join training_groups g on g.id = s.group_id
         where s.institution_id in ${ofRun()} and (s.session_date < g.programme_start or s.session_date > g.programme_end
               or s.lecturer_busy <> (g.status <> 'Nevykdoma')))
      )::int as n`);
    expect(mismatches).toBe(0);
    // The bank details publishing needs (INST-8) are a valid IBAN, so the institution's tab saves as it is.
    const ibans = await sql<{ iban: string }>`select iban from institution_info where institution_id in ${ofRun()}`.execute(stack.db);
    expect(ibans.rows).toHaveLength(SPEC.institutions);
    for (const { iban } of ibans.rows) expect(isValidIban(iban), iban).toBe(true);
    // Every programme of a group belongs to its institution, as do venue and lecturer (the composite foreign keys);
    // the unique indexes hold (one active registration per person and group, contract numbers, certificate numbers).
  });

  it('gives every group a valid status, counters that match its registrations, and no group over its maximum', async () => {
    const groups = await sql<{
      status: string;
      active: number;
      signed: number;
      counted_active: number;
      counted_signed: number;
      max: number;
      statuses: string[] | null;
    }>`select g.status, g.active_registrations as active, g.signed_contracts as signed, g.max_participants as max,
              count(r.id) filter (where r.status in ('REGISTERED', 'APPROVED', 'CONTRACTED'))::int as counted_active,
              count(r.id) filter (where r.status = 'CONTRACTED')::int as counted_signed,
              array_agg(distinct r.status) filter (where r.id is not null) as statuses
       from training_groups g left join group_registrations r on r.group_id = g.id
       where g.institution_id in ${ofRun()} group by g.id`.execute(stack.db);
    const registrationStatuses = Object.values(RegistrationStatus) as string[];
    for (const g of groups.rows) {
      expect(GROUP_STATUSES).toContain(g.status);
      expect(g.active).toBe(g.counted_active);
      expect(g.signed).toBe(g.counted_signed);
      expect(g.active).toBeLessThanOrEqual(g.max);
      for (const s of g.statuses ?? []) expect(registrationStatuses).toContain(s);
      // What each stage of L1 allows: no registrations before publishing, no contracts while registration is open,
      // nobody left in a group that was not formed.
      if (g.status === GroupStatus.Draft) expect(g.statuses).toBeNull();
      if (g.status === GroupStatus.Published) expect(g.statuses ?? []).not.toContain('CONTRACTED');
      if (g.status === GroupStatus.NotDelivered) expect(g.active).toBe(0);
      if (g.status === GroupStatus.Completed) expect(g.statuses ?? []).not.toContain('REGISTERED');
    }
    expect(new Set(groups.rows.map((g) => g.status)).size).toBeGreaterThanOrEqual(4);
    const phases = await sql<{ phase: string }>`select distinct phase from learning_contracts where institution_id in ${ofRun()}`.execute(
      stack.db,
    );
    for (const p of phases.rows) expect(Object.values(ContractPhase)).toContain(p.phase);
  });

  it('dates each group for its status as seen from the seed day, and plans the whole programme of every published group (GRP-40)', async () => {
    const wrong = await n(sql`select count(*)::int as n from training_groups where institution_id in ${ofRun()} and not (
        case status
          when 'Kuriama' then registration_start > ${today}::date
          when 'Skelbiama' then registration_start <= ${today}::date and registration_end >= ${today}::date
          when 'Vykdoma' then registration_end < ${today}::date and programme_end >= ${today}::date
          when 'Užbaigta' then programme_end < ${today}::date
          when 'Nevykdoma' then programme_start <= ${today}::date
          else true end)`);
    expect(wrong).toBe(0);
    const published = await sql<{ id: string; institution_id: string; programme_id: string }>`
      select id, institution_id, programme_id from training_groups where institution_id in ${ofRun()} and status in ('Skelbiama', 'Vykdoma')`.execute(
      stack.db,
    );
    expect(published.rows.length).toBeGreaterThan(0);
    for (const g of published.rows) {
      const problems = await groupPublishReadinessProblems(stack.db, {
        groupId: g.id,
        institutionId: g.institution_id,
        programmeId: g.programme_id,
        contractsOn: today,
      });
      expect(problems, g.id).toEqual([]);
    }
  });

  it('starts the open groups\u2019 workflows in the state of their rows; the worker changes nothing until a command comes', async () => {
    started = await startOpenGroupWorkflows(stack.db, {
      client: stack.client,
      taskQueue: stack.config.temporal.taskQueue,
      codePrefix: seed.codePrefix,
      concurrency: 8,
    });
    const open = await sql<{ id: string; status: string; version: number; active_registrations: number; max_participants: number }>`
      select id, status, version, active_registrations, max_participants from training_groups
      where institution_id in ${ofRun()} and status in (${sql.join(OPEN_GROUP_STATUSES.map((s) => sql`${s}`))}) order by id`.execute(
      stack.db,
    );
    expect(started.started).toBe(open.rows.length);
    expect(started.groupIds).toEqual(open.rows.map((g) => g.id));
    // Asked again, nothing starts twice.
    const again = await startOpenGroupWorkflows(stack.db, {
      client: stack.client,
      taskQueue: stack.config.temporal.taskQueue,
      codePrefix: seed.codePrefix,
    });
    expect(again).toMatchObject({ started: 0, alreadyRunning: open.rows.length });

    for (const g of open.rows) {
      const state = await stack.client.workflow.getHandle(trainingGroupWorkflowId(g.id)).query(groupStateQuery);
      expect({ status: state.status, version: state.version, active: state.activeRegistrations }).toEqual({
        status: g.status,
        version: g.version,
        active: g.active_registrations,
      });
    }
    // The worker has run every workflow's first task (the queries above needed it): no projection was written.
    const after = await sql<{
      id: string;
      version: number;
    }>`select id, version from training_groups where id = any(${sql.val(open.rows.map((g) => g.id))}::uuid[]) order by id`.execute(
      stack.db,
    );
    expect(after.rows.map((g) => g.version)).toEqual(open.rows.map((g) => g.version));

    // A registration to a published group with room left: accepted and projected as the next version.
    const target = open.rows.find((g) => g.status === GroupStatus.Published && g.active_registrations < g.max_participants);
    expect(target).toBeDefined();
    const registrationId = crypto.randomUUID();
    const result = await stack.client.workflow.getHandle(trainingGroupWorkflowId(target!.id)).executeUpdate(registerParticipantUpdate, {
      args: [
        {
          registrationId,
          funding: 'IMP_KREPSELIS',
          person: { personKey: `national-${registrationId}`, firstName: 'Nauja', lastName: 'Dalyvė', email: 'nauja@example.lt' },
        },
      ],
      updateId: registrationId,
    });
    expect(result).toMatchObject({ status: RegistrationStatus.Registered, activeRegistrations: target!.active_registrations + 1 });
    const row = await stack.db
      .selectFrom('training_groups')
      .select(['version', 'active_registrations'])
      .where('id', '=', target!.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ version: target!.version + 1, active_registrations: target!.active_registrations + 1 });
    const registered = await stack.db
      .selectFrom('group_registrations')
      .select('status')
      .where('id', '=', registrationId)
      .executeTakeFirstOrThrow();
    expect(registered.status).toBe(RegistrationStatus.Registered);
  }, 120_000);
});
