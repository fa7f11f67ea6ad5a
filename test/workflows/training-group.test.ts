// TrainingGroup workflow against the real Temporal dev server; the projection activity is
// replaced by a recorder, since these tests are about orchestration (L1, GRP-*).
import { Client, Connection, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure, defaultPayloadConverter } from '@temporalio/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import { workflowMetadataQuery } from '@temporalio/workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GroupPublishReadinessInput, TrainingGroupProjection } from '../../activities/training-group.ts';
import { addDays, vilniusDate } from '../../workflows/domain/calendar.ts';
import { validateGroupInfo, type GroupInfo } from '../../workflows/domain/group-info.ts';
import { GroupStatus } from '../../workflows/domain/group-status.ts';
import { ErrorCode } from '../../workflows/errors.ts';
import { trainingGroupWorkflowId } from '../../workflows/ids.ts';
import { GroupStatusKey } from '../../workflows/search-attributes.ts';
import {
  changeGroupStatusUpdate,
  createGroupUpdate,
  groupStateQuery,
  saveGroupInfoUpdate,
  type Actor,
} from '../../workflows/training-group/messages.ts';
import type { trainingGroupWorkflow } from '../../workflows/training-group/workflow.ts';
import { TEST_TEMPORAL_ADDRESS, uniqueTaskQueue, WORKFLOW_BUNDLE_PATH } from '../support/env.ts';
import { recordHistoryIfAsked } from '../support/histories.ts';

const taskQueue = uniqueTaskQueue('wf-group');
const projections: TrainingGroupProjection[] = [];
/** Programmes whose "Programos vykdymo ir sutarties informacija" the mocked readiness check finds incomplete. */
const incompleteProgrammes = new Set<string>();
const INCOMPLETE =
  'Mokymosi programos kortelėje „Programos vykdymo ir sutarties informacija“ neužpildyta: „Mokėjimo terminai, mokėjimo būdas, kitos mokėjimo sąlygos“.';
const readinessChecks: GroupPublishReadinessInput[] = [];
let client: Client;
let connection: Connection;
let nativeConnection: NativeConnection;
let worker: Worker;
let running: Promise<void>;

const institutionId = crypto.randomUUID();
const actor: Actor = { userId: crypto.randomUUID(), institutionId, requestId: 'req-test' };

function info(overrides: Partial<Record<string, string | string[]>> = {}): GroupInfo {
  const today = vilniusDate(new Date());
  const result = validateGroupInfo({
    name: 'Grupė W',
    fundingSources: ['IMP_KREPSELIS'],
    price: '99,90',
    language: 'lietuvių',
    minParticipants: '3',
    maxParticipants: '10',
    venueId: crypto.randomUUID(),
    registrationStart: addDays(today, 1),
    registrationEnd: addDays(today, 5),
    programmeStart: addDays(today, 10),
    programmeEnd: addDays(today, 20),
    ...overrides,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.info;
}

async function create(groupId = crypto.randomUUID(), groupInfo = info(), programmeId: string = crypto.randomUUID()) {
  const handle = await client.workflow.start<typeof trainingGroupWorkflow>('trainingGroupWorkflow', {
    workflowId: trainingGroupWorkflowId(groupId),
    taskQueue,
    args: [{ groupId, institutionId, programmeId, programmeCode: 'NSP-W', programmeName: 'Programa W' }],
  });
  const result = await handle.executeUpdate(createGroupUpdate, { args: [{ actor, info: groupInfo }], updateId: groupId });
  return { handle, groupId, result };
}

async function refusal(promise: Promise<unknown>): Promise<ApplicationFailure> {
  const err = await promise.then(
    () => {
      throw new Error('expected the update to be refused');
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (err as WorkflowUpdateFailedError).cause;
  expect(cause).toBeInstanceOf(ApplicationFailure);
  return cause as ApplicationFailure;
}

function projectionsOf(groupId: string) {
  return projections.filter((p) => p.groupId === groupId);
}

function status(handle: WorkflowHandle, to: GroupStatus, key = crypto.randomUUID()) {
  return handle.executeUpdate(changeGroupStatusUpdate, { args: [{ actor, to }], updateId: key });
}

beforeAll(async () => {
  nativeConnection = await NativeConnection.connect({ address: TEST_TEMPORAL_ADDRESS });
  worker = await Worker.create({
    connection: nativeConnection,
    taskQueue,
    workflowBundle: { codePath: WORKFLOW_BUNDLE_PATH },
    activities: {
      async projectTrainingGroup(p: TrainingGroupProjection) {
        projections.push(p);
        return { applied: true };
      },
      async groupPublishReadiness(p: GroupPublishReadinessInput) {
        readinessChecks.push(p);
        return incompleteProgrammes.has(p.programmeId) ? [INCOMPLETE] : [];
      },
    },
  });
  running = worker.run();
  connection = await Connection.connect({ address: TEST_TEMPORAL_ADDRESS });
  client = new Client({ connection });
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await connection?.close();
  await nativeConnection?.close();
});

describe('TrainingGroup workflow (L1)', () => {
  it('creates the group in "Kuriama" and projects it once, even when the create is sent twice (GRP-1, G1)', async () => {
    const { handle, groupId, result } = await create();
    expect(result).toEqual({ status: GroupStatus.Draft, version: 1 });
    const again = await handle.executeUpdate(createGroupUpdate, { args: [{ actor, info: info() }], updateId: groupId });
    expect(again).toEqual(result);
    expect(projectionsOf(groupId)).toHaveLength(1);
    expect(projectionsOf(groupId)[0]).toMatchObject({ action: 'create', status: 'Kuriama', version: 1, institutionId });
  });

  it('refuses a second create with another key (AlreadyCreated)', async () => {
    const { handle } = await create();
    const failure = await refusal(
      handle.executeUpdate(createGroupUpdate, { args: [{ actor, info: info() }], updateId: crypto.randomUUID() }),
    );
    expect(failure.type).toBe(ErrorCode.AlreadyCreated);
  });

  it('saves "Grupės informacija" while "Kuriama", with an increasing version (GRP-28)', async () => {
    const { handle, groupId } = await create();
    const saved = await handle.executeUpdate(saveGroupInfoUpdate, {
      args: [{ actor, info: info({ name: 'Pervadinta' }) }],
      updateId: crypto.randomUUID(),
    });
    expect(saved.version).toBe(2);
    expect(projectionsOf(groupId).at(-1)).toMatchObject({ action: 'update', version: 2, info: { name: 'Pervadinta' } });
    const state = await handle.query(groupStateQuery);
    expect(state.info?.name).toBe('Pervadinta');
  });

  it('publishes, updates the status search attribute, locks the information, and returns to "Kuriama" with no registrations (G2, G3, GRP-29, GRP-30)', async () => {
    const { handle, groupId } = await create();
    expect(await status(handle, GroupStatus.Published)).toEqual({ status: 'Skelbiama', version: 2 });
    const described = await handle.describe();
    expect(described.typedSearchAttributes.get(GroupStatusKey)).toBe('Skelbiama');
    expect(await described.memo).toMatchObject({ groupName: 'Grupė W' });

    const locked = await refusal(
      handle.executeUpdate(saveGroupInfoUpdate, { args: [{ actor, info: info() }], updateId: crypto.randomUUID() }),
    );
    expect(locked.type).toBe(ErrorCode.GroupNotEditable);
    expect(locked.message).toContain('„Skelbiama“');

    expect(await status(handle, GroupStatus.Draft)).toEqual({ status: 'Kuriama', version: 3 });
    expect(projectionsOf(groupId).map((p) => p.status)).toEqual(['Kuriama', 'Skelbiama', 'Kuriama']);
  });

  it('tells operators what it waits for: "Skelbiama", waiting for registration end until when, with a summary on its timer (issue 10)', async () => {
    const { handle } = await create();
    await status(handle, GroupStatus.Published);
    let details = '';
    for (let i = 0; i < 50 && !details.includes('registracijos pabaigos'); i++) {
      details = (await handle.query(workflowMetadataQuery)).currentDetails ?? '';
      if (!details.includes('registracijos pabaigos')) await new Promise((r) => setTimeout(r, 100));
    }
    expect(details).toContain('**Grupė „Grupė W“: Skelbiama**');
    // Registration ends at the Vilnius midnight after "Registracijos pabaiga" (today + 5).
    expect(details).toContain(`Laukia registracijos pabaigos iki ${addDays(vilniusDate(new Date()), 5)} 23:59 (Vilniaus laiku)`);
    expect(details).toContain('Tada laukiama teikėjo sprendimo: iki šiol registracijų per mažai (G4, GRP-32)');
    expect(details).toContain('Aktyvių registracijų: 0 (min. 3, maks. 10)');
    const { events } = await handle.fetchHistory();
    const timers = (events ?? [])
      .filter((e) => e.timerStartedEventAttributes && e.userMetadata?.summary)
      .map((e) => defaultPayloadConverter.fromPayload<string>(e.userMetadata!.summary!));
    expect(timers.some((t) => t.startsWith('G4 registracijos pabaiga '))).toBe(true);
  });

  it('does a repeated status command once (same idempotency key)', async () => {
    const { handle, groupId } = await create();
    const key = crypto.randomUUID();
    const [a, b] = await Promise.all([status(handle, GroupStatus.Published, key), status(handle, GroupStatus.Published, key)]);
    expect(a).toEqual(b);
    expect(projectionsOf(groupId).filter((p) => p.action === 'status')).toHaveLength(1);
  });

  it('refuses transitions that L1 does not offer to the provider (GRP-43)', async () => {
    const { handle, groupId } = await create();
    const failure = await refusal(status(handle, GroupStatus.InDelivery));
    expect(failure.type).toBe(ErrorCode.TransitionNotAllowed);
    expect(failure.message).toBe('Grupės būsenos pakeisti iš „Kuriama“ į „Vykdoma“ negalima.');
    expect(projectionsOf(groupId)).toHaveLength(1);
  });

  it('suspends with a reason only, keeps the reason with the status, and offers nothing after (G10 as issue 5 sets it)', async () => {
    const { handle, groupId } = await create();
    const noReason = await refusal(status(handle, GroupStatus.Suspended));
    expect(noReason.type).toBe(ErrorCode.InvalidInput);
    expect(noReason.details?.[0]).toEqual({ reason: 'Nurodykite sustabdymo priežastį („Sustabdymo priežastis“).' });
    const done = await handle.executeUpdate(changeGroupStatusUpdate, {
      args: [{ actor, to: GroupStatus.Suspended, reason: '  Lektorius ilgam susirgo.  ' }],
      updateId: crypto.randomUUID(),
    });
    expect(done.status).toBe('Sustabdyta');
    expect(projectionsOf(groupId).at(-1)).toMatchObject({ status: 'Sustabdyta', statusReason: 'Lektorius ilgam susirgo.' });
    expect((await refusal(status(handle, GroupStatus.Published))).type).toBe(ErrorCode.TransitionNotAllowed);
    // Suspended is not the end of the lifecycle: the operator may lift it (G11), so the workflow waits.
    expect((await handle.describe()).status.name).toBe('RUNNING');
    await handle.terminate('test over');
  });

  it('refuses to publish when registration start has passed (GRP-40)', async () => {
    const today = vilniusDate(new Date());
    const { handle } = await create(undefined, info({ registrationStart: addDays(today, -3), registrationEnd: addDays(today, 2) }));
    const failure = await refusal(status(handle, GroupStatus.Published));
    expect(failure.type).toBe(ErrorCode.TransitionNotAllowed);
    expect(failure.message).toContain('„Registracijos pradžia“');
  });

  it('refuses to publish while the programme’s "Programos vykdymo ir sutarties informacija" is incomplete, naming the missing item, and publishes once filled (GRP-40, PROG-19)', async () => {
    const programmeId = crypto.randomUUID();
    incompleteProgrammes.add(programmeId);
    const { handle, groupId } = await create(undefined, undefined, programmeId);
    const failure = await refusal(status(handle, GroupStatus.Published));
    expect(failure.type).toBe(ErrorCode.TransitionNotAllowed);
    expect(failure.message).toBe(INCOMPLETE);
    // NUM-8: numbering must be valid on the day registration ends, when G4 generates the contracts.
    const { registrationEnd } = (await handle.query(groupStateQuery)).info!;
    expect(readinessChecks.filter((c) => c.groupId === groupId)).toEqual([
      { groupId, institutionId, programmeId, contractsOn: registrationEnd },
    ]);
    expect(projectionsOf(groupId)).toHaveLength(1);
    expect((await handle.query(groupStateQuery)).status).toBe(GroupStatus.Draft);

    incompleteProgrammes.delete(programmeId);
    expect(await status(handle, GroupStatus.Published)).toEqual({ status: 'Skelbiama', version: 2 });

    // OQ-12, PROG-18: the same is checked again when contract signing would start ("Vykdoma").
    incompleteProgrammes.add(programmeId);
    const again = await refusal(status(handle, GroupStatus.InDelivery));
    expect(again.message).toBe(`Grupės būsenos pakeisti į „Vykdoma“ negalima: ${INCOMPLETE}`);
    // At "Vykdoma" the contracts are generated today.
    expect(readinessChecks.filter((c) => c.groupId === groupId).at(-1)?.contractsOn).toBe(vilniusDate(new Date()));
    expect((await handle.query(groupStateQuery)).status).toBe(GroupStatus.Published);
    incompleteProgrammes.delete(programmeId);
    expect((await status(handle, GroupStatus.InDelivery)).status).toBe('Vykdoma');
  });

  it('refuses commands of another institution (GEN-5)', async () => {
    const { handle } = await create();
    const stranger = { ...actor, institutionId: crypto.randomUUID() };
    const failure = await refusal(
      handle.executeUpdate(changeGroupStatusUpdate, {
        args: [{ actor: stranger, to: GroupStatus.Published }],
        updateId: crypto.randomUUID(),
      }),
    );
    expect(failure.type).toBe(ErrorCode.WrongInstitution);
  });

  it('refuses invalid information with field errors (GRP-37)', async () => {
    const { handle } = await create();
    const bad = { ...info(), minParticipants: 9, maxParticipants: 2 };
    const failure = await refusal(
      handle.executeUpdate(saveGroupInfoUpdate, { args: [{ actor, info: bad }], updateId: crypto.randomUUID() }),
    );
    expect(failure.type).toBe(ErrorCode.InvalidInput);
    expect(failure.details?.[0]).toHaveProperty('maxParticipants');
  });

  it('ends the lifecycle in "Nevykdoma" (G6) and, when asked, records the history used by the replay test', async () => {
    const { handle } = await create();
    await status(handle, GroupStatus.Published);
    await status(handle, GroupStatus.Draft);
    await handle.executeUpdate(saveGroupInfoUpdate, { args: [{ actor, info: info({ name: 'Grupė W2' }) }], updateId: crypto.randomUUID() });
    await status(handle, GroupStatus.Published);
    await status(handle, GroupStatus.NotDelivered);
    expect(await handle.result()).toBe('Nevykdoma');
    recordHistoryIfAsked(handle.workflowId, 'training-group-lifecycle.json');
  });
});
