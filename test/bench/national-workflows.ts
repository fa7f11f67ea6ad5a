// The open groups of a national seed (db/seed/national.ts) get their TrainingGroup workflows: each
// started with one call, already in the state its Postgres rows describe — the state that
// continue-as-new carries (`resume`): the group's information, status, projection version, counters,
// deadlines and what of them has passed, and its registrations. No Update and no activity is needed,
// so starting costs one RPC per group, sent many at a time. A worker that later picks a workflow up
// only sets its timers (the next deadline follows from the dates), so the Postgres rows stay as they
// are until something happens to the group. LearningContract workflows are not started: the groups'
// state lists no contracts as owned.
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import { sql } from 'kysely';
import type { Db } from '../../db/client.ts';
import { OPEN_GROUP_STATUSES } from '../../db/seed/national.ts';
import { groupDeadlines } from '../../workflows/domain/group-deadlines.ts';
import type { FundingSource, GroupInfo } from '../../workflows/domain/group-info.ts';
import { GroupStatus } from '../../workflows/domain/group-status.ts';
import type { RegistrationStatus } from '../../workflows/domain/registration.ts';
import { trainingGroupWorkflowId } from '../../workflows/ids.ts';
import { summary } from '../../workflows/operator-details.ts';
import { GroupStatusKey, InstitutionIdKey, ProgrammeCodeKey } from '../../workflows/search-attributes.ts';
import type { TrainingGroupInput, TrainingGroupState } from '../../workflows/training-group/messages.ts';
import type { trainingGroupWorkflow } from '../../workflows/training-group/workflow.ts';

export interface StartGroupWorkflowsOptions {
  client: Client;
  taskQueue: string;
  /** The seed run's institution code prefix (NationalSeedResult.codePrefix): only its groups are started. */
  codePrefix: string;
  /** Start at most this many (the open groups in ID order); default all. */
  limit?: number;
  /** Starts in flight at once (default 64). */
  concurrency?: number;
  /** Groups read from Postgres per batch (default 1,000). */
  batchSize?: number;
  /** Progress after each batch. */
  onBatch?: (started: number, total: number) => void;
}

export interface StartGroupWorkflowsResult {
  /** The open groups considered (at most `limit`). */
  groups: number;
  started: number;
  /** Already running (a second call for the same seed starts nothing twice). */
  alreadyRunning: number;
  ms: number;
  /** Starts per second over the whole call, reads from Postgres included. */
  perSecond: number;
  /** The groups' IDs, in the order they were started (for terminateGroupWorkflows). */
  groupIds: string[];
}

interface OpenGroupRow {
  id: string;
  institution_id: string;
  institution_name: string;
  programme_id: string;
  programme_code: string;
  programme_name: string;
  name: string;
  funding_sources: FundingSource[];
  price: string;
  language: string;
  min_participants: number;
  max_participants: number;
  special_needs: boolean;
  venue_id: string;
  registration_start: string;
  registration_end: string;
  programme_start: string;
  programme_end: string;
  status: GroupStatus;
  version: number;
  active_registrations: number;
  signed_contracts: number;
  contract_signing_started_at: Date | null;
  decision_due_at: Date | null;
}

interface RegistrationRow {
  id: string;
  group_id: string;
  person_key: string;
  status: RegistrationStatus;
  funding: FundingSource;
}

/** Starts the TrainingGroup workflows of the seed's open groups, `concurrency` at a time, batch by batch. */
export async function startOpenGroupWorkflows(db: Db, o: StartGroupWorkflowsOptions): Promise<StartGroupWorkflowsResult> {
  const t0 = performance.now();
  const limit = o.limit ?? Number.MAX_SAFE_INTEGER;
  const batchSize = o.batchSize ?? 1000;
  const concurrency = o.concurrency ?? 64;
  const total = Math.min(
    limit,
    (
      await sql<{ n: number }>`select count(*)::int as n from training_groups g join institutions i on i.id = g.institution_id
                               where i.code like ${`${o.codePrefix}_____`} and g.status in (${sql.join(OPEN_GROUP_STATUSES.map((s) => sql`${s}`))})`.execute(
        db,
      )
    ).rows[0]!.n,
  );
  const result: StartGroupWorkflowsResult = { groups: total, started: 0, alreadyRunning: 0, ms: 0, perSecond: 0, groupIds: [] };
  let after = '00000000-0000-0000-0000-000000000000';
  while (result.groupIds.length < total) {
    const take = Math.min(batchSize, total - result.groupIds.length);
    const groups = (
      await sql<OpenGroupRow>`
        select g.id, g.institution_id, i.name as institution_name, g.programme_id, p.code as programme_code, p.name as programme_name,
               g.name, g.funding_sources, g.price, g.language, g.min_participants, g.max_participants, g.special_needs, g.venue_id,
               g.registration_start, g.registration_end, g.programme_start, g.programme_end, g.status, g.version,
               g.active_registrations, g.signed_contracts, g.contract_signing_started_at, g.decision_due_at
        from training_groups g
        join institutions i on i.id = g.institution_id
        join programmes p on p.id = g.programme_id
        where i.code like ${`${o.codePrefix}_____`} and g.status in (${sql.join(OPEN_GROUP_STATUSES.map((s) => sql`${s}`))})
          and g.id > ${after}::uuid
        order by g.id
        limit ${take}`.execute(db)
    ).rows;
    if (groups.length === 0) break;
    after = groups[groups.length - 1]!.id;
    const registrations = (
      await sql<RegistrationRow>`select id, group_id, person_key, status, funding from group_registrations
                                 where group_id = any(${sql.val(groups.map((g) => g.id))}::uuid[])`.execute(db)
    ).rows;
    const byGroup = new Map<string, RegistrationRow[]>();
    for (const r of registrations) {
      const list = byGroup.get(r.group_id);
      if (list) list.push(r);
      else byGroup.set(r.group_id, [r]);
    }
    const now = Date.now();
    await inPool(groups, concurrency, async (g) => {
      const input = groupInput(g, byGroup.get(g.id) ?? [], now);
      try {
        await o.client.workflow.start<typeof trainingGroupWorkflow>('trainingGroupWorkflow', {
          workflowId: trainingGroupWorkflowId(g.id),
          taskQueue: o.taskQueue,
          args: [input],
          typedSearchAttributes: [
            { key: InstitutionIdKey, value: g.institution_id },
            { key: GroupStatusKey, value: g.status },
            { key: ProgrammeCodeKey, value: g.programme_code },
          ],
          memo: { groupName: g.name, programme: `${g.programme_code} ${g.programme_name}` },
          staticSummary: summary(`Mokymo grupė „${g.name}“`, `${g.programme_code} ${g.programme_name}`, g.institution_name),
          staticDetails: `Programa ${g.programme_code} ${g.programme_name}; institucija ${g.institution_name}; grupės ID ${g.id}`,
        });
        result.started++;
      } catch (err) {
        if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
        result.alreadyRunning++;
      }
    });
    result.groupIds.push(...groups.map((g) => g.id));
    o.onBatch?.(result.groupIds.length, total);
  }
  result.ms = performance.now() - t0;
  result.perSecond = result.groupIds.length / Math.max(0.001, result.ms / 1000);
  return result;
}

/** The workflow's input for a group as its rows stand: the state continue-as-new would carry (TrainingGroupState). */
export function groupInput(g: OpenGroupRow, registrations: readonly RegistrationRow[], now: number): TrainingGroupInput {
  const info: GroupInfo = {
    name: g.name,
    fundingSources: g.funding_sources,
    price: g.price,
    language: g.language,
    minParticipants: g.min_participants,
    maxParticipants: g.max_participants,
    specialNeeds: g.special_needs,
    venueId: g.venue_id,
    registrationStart: g.registration_start,
    registrationEnd: g.registration_end,
    programmeStart: g.programme_start,
    programmeEnd: g.programme_end,
  };
  const deadlines = groupDeadlines(info);
  const draft = g.status === GroupStatus.Draft;
  const state: TrainingGroupState = {
    created: true,
    status: g.status,
    version: g.version,
    info,
    activeRegistrations: g.active_registrations,
    deadlines,
    // What of the deadlines has passed (a draft's dates are all ahead; its timers start once published).
    progress: {
      registrationClosed: !draft && Date.parse(deadlines.registrationClosesAt) <= now,
      programmeStarted: !draft && Date.parse(deadlines.programmeStartsAt) <= now,
    },
    decisionDueAt: g.decision_due_at?.toISOString() ?? null,
    contractSigningStartedAt: g.contract_signing_started_at?.toISOString() ?? null,
    completionRecordedAt: null,
    registrations: Object.fromEntries(registrations.map((r) => [r.id, { personKey: r.person_key, status: r.status, funding: r.funding }])),
    signedContracts: g.signed_contracts,
    pendingEmails: [],
    // G11 returns a suspended group to where it was: delivering once contract signing had started, else published.
    statusBeforeSuspension:
      g.status === GroupStatus.Suspended ? (g.contract_signing_started_at ? GroupStatus.InDelivery : GroupStatus.Published) : null,
    deliveryBlockedReason: null,
    pendingContracts: [],
    contracts: [],
    autoCompletion: null,
  };
  return {
    groupId: g.id,
    institutionId: g.institution_id,
    programmeId: g.programme_id,
    programmeCode: g.programme_code,
    programmeName: g.programme_name,
    resume: state,
  };
}

/** Terminates the groups' workflows (none is left open on a shared Temporal server); ones not running are skipped. */
export async function terminateGroupWorkflows(client: Client, groupIds: readonly string[], concurrency = 32): Promise<number> {
  let terminated = 0;
  await inPool(groupIds, concurrency, async (groupId) => {
    try {
      await client.workflow.getHandle(trainingGroupWorkflowId(groupId)).terminate('national seed removed');
      terminated++;
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
    }
  });
  return terminated;
}

async function inPool<T>(items: readonly T[], concurrency: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}
