// What the workflow benchmarks (deadline storm, registration burst) share: a bounded pool of
// concurrent tasks, and many training groups created and published straight through their
// TrainingGroup workflows (with their timetables), with deadlines the benchmark chooses.
import { WithStartWorkflowOperation, WorkflowNotFoundError } from '@temporalio/client';
import { vilniusDate } from '../../workflows/domain/calendar.ts';
import type { GroupDeadlines } from '../../workflows/domain/group-deadlines.ts';
import { validateGroupInfo, type GroupInfo } from '../../workflows/domain/group-info.ts';
import { GroupStatus } from '../../workflows/domain/group-status.ts';
import { trainingGroupWorkflowId } from '../../workflows/ids.ts';
import {
  changeGroupStatusUpdate,
  createGroupUpdate,
  registerParticipantUpdate,
  type Actor,
} from '../../workflows/training-group/messages.ts';
import type { trainingGroupWorkflow } from '../../workflows/training-group/workflow.ts';
import { createInstitution, fullSchedule, groupForm, type InstitutionFixture } from '../support/fixtures.ts';
import type { BenchStack } from './stack.ts';

/** Runs fn over items with at most `concurrency` at once. */
export async function pool<T>(items: readonly T[], concurrency: number, fn: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i]!, i);
      }
    }),
  );
}

export interface BenchInstitution {
  fx: InstitutionFixture;
  actor: Actor;
  /** Valid "Grupės informacija" for the i-th group, registration open from today. */
  info(i: number, overrides?: Record<string, string>): GroupInfo;
}

export async function benchInstitution(stack: BenchStack, label: string): Promise<BenchInstitution> {
  const fx = await createInstitution(stack.db, label);
  const today = vilniusDate(new Date());
  return {
    fx,
    actor: { userId: fx.userId, institutionId: fx.institutionId, requestId: 'bench', personalCodeHash: fx.personalCodeHash },
    info(i, overrides = {}) {
      const r = validateGroupInfo(
        groupForm(fx.venueId, { name: `${label}: grupė ${i + 1}`, registrationStart: today, minParticipants: '1', ...overrides }),
      );
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      return r.info;
    },
  };
}

/** Starts group i's workflow and creates it ("Kuriama") with these deadlines, then plans its whole timetable. */
export async function createGroup(
  stack: BenchStack,
  b: BenchInstitution,
  groupId: string,
  i: number,
  deadlines: GroupDeadlines,
  overrides?: Record<string, string>,
) {
  // One call, as "Sukurti naują mokymo grupę" sends it (web/group-commands.ts): update-with-start.
  const start = new WithStartWorkflowOperation<typeof trainingGroupWorkflow>('trainingGroupWorkflow', {
    workflowId: trainingGroupWorkflowId(groupId),
    taskQueue: stack.config.temporal.taskQueue,
    workflowIdConflictPolicy: 'USE_EXISTING',
    args: [
      {
        groupId,
        institutionId: b.fx.institutionId,
        programmeId: b.fx.programmeId,
        programmeCode: b.fx.programmeCode,
        programmeName: 'Testinė programa',
      },
    ],
  });
  await stack.client.workflow.executeUpdateWithStart(createGroupUpdate, {
    args: [{ actor: b.actor, info: b.info(i, overrides), deadlines }],
    updateId: groupId,
    startWorkflowOperation: start,
  });
  const handle = await start.workflowHandle();
  // Groups of one institution must not book one lecturer twice: each gets its own, at its own hour.
  await fullSchedule(stack.db, {
    institutionId: b.fx.institutionId,
    groupId,
    venueId: b.fx.venueId,
    startTime: `${String(8 + (i % 12)).padStart(2, '0')}:00`,
  });
  return handle;
}

export function publishGroup(stack: BenchStack, b: BenchInstitution, groupId: string) {
  return stack.client.workflow
    .getHandle(trainingGroupWorkflowId(groupId))
    .executeUpdate(changeGroupStatusUpdate, { args: [{ actor: b.actor, to: GroupStatus.Published }] });
}

/** One participant's registration, as the portal sends it (updateId = registration id). */
export function registerOne(stack: BenchStack, groupId: string, registrationId: string, personKey: string, n: number) {
  return stack.client.workflow.getHandle(trainingGroupWorkflowId(groupId)).executeUpdate(registerParticipantUpdate, {
    args: [
      {
        registrationId,
        funding: 'IMP_KREPSELIS',
        person: { personKey, firstName: 'Dalyvis', lastName: `Nr${n}`, email: `dalyvis${n}@example.lt` },
      },
    ],
    updateId: registrationId,
  });
}

/** Deadlines `closeInMs` and `startInMs` from now. */
export function deadlinesIn(closeInMs: number, startInMs: number): GroupDeadlines {
  const now = Date.now();
  return { registrationClosesAt: new Date(now + closeInMs).toISOString(), programmeStartsAt: new Date(now + startInMs).toISOString() };
}

/** Terminates the groups' workflows (none is left open on the shared Temporal server); ones never started are skipped. */
export async function terminateGroups(stack: BenchStack, groupIds: readonly string[]): Promise<void> {
  let failed = 0;
  await pool(groupIds, 16, async (groupId) => {
    try {
      await stack.client.workflow.getHandle(trainingGroupWorkflowId(groupId)).terminate('benchmark finished');
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) failed++;
    }
  });
  if (failed > 0) console.error(`[bench] ${failed} of ${groupIds.length} group workflows could not be terminated`);
}
