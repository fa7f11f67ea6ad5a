// The group's lifecycle through the real path: TrainingGroup workflow → activities → Postgres →
// pages and e-mail (L1 G4, G6, G7; GRP-31..GRP-34, GRP-41, GRP-46). Registrations are sent the way
// the participants' portal will send them (an Update of the group). Deadlines are instants a few
// seconds ahead, given to the workflow explicitly (the web derives them from the dates).
import { ActivityFailure, ApplicationFailure, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyGroupProjection, type GroupProjection } from '../../db/queries/training-groups.ts';
import { vilniusDate } from '../../workflows/domain/calendar.ts';
import type { GroupDeadlines } from '../../workflows/domain/group-deadlines.ts';
import { validateGroupInfo, type GroupInfo } from '../../workflows/domain/group-info.ts';
import { GroupStatus } from '../../workflows/domain/group-status.ts';
import { trainingGroupWorkflowId } from '../../workflows/ids.ts';
import {
  changeGroupStatusUpdate,
  createGroupUpdate,
  decideRegistrationUpdate,
  registerParticipantUpdate,
  type Actor,
} from '../../workflows/training-group/messages.ts';
import type { trainingGroupWorkflow } from '../../workflows/training-group/workflow.ts';
import { createInstitution, fullSchedule, groupForm, type InstitutionFixture } from '../support/fixtures.ts';
import { appCaller } from '../support/http.ts';
import { mailpit, mailpitQuery } from '../support/mailpit.ts';
import { adminSession, type TestSession } from '../support/session.ts';
import { startStack, type TestStack } from '../support/stack.ts';
import { eventually } from '../support/wait.ts';

let stack: TestStack;
let fx: InstitutionFixture;
let admin: TestSession;
let call: ReturnType<typeof appCaller>;
const today = () => vilniusDate(new Date());

function info(overrides: Record<string, string | string[]> = {}): GroupInfo {
  const result = validateGroupInfo(groupForm(fx.venueId, { registrationStart: today(), ...overrides }));
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.info;
}

function deadlines(closeIn: number, startIn: number): GroupDeadlines {
  const now = Date.now();
  return {
    registrationClosesAt: new Date(now + closeIn * 1000).toISOString(),
    programmeStartsAt: new Date(now + startIn * 1000).toISOString(),
  };
}

const actor = (): Actor => ({
  userId: fx.userId,
  institutionId: fx.institutionId,
  requestId: 'req-reg',
  personalCodeHash: fx.personalCodeHash,
});

/** A group created and published through its workflow, with a full timetable (GRP-40). */
async function publishedGroup(d: GroupDeadlines, groupInfo: GroupInfo): Promise<{ groupId: string; handle: WorkflowHandle }> {
  const groupId = crypto.randomUUID();
  const handle = await stack.client.workflow.start<typeof trainingGroupWorkflow>('trainingGroupWorkflow', {
    workflowId: trainingGroupWorkflowId(groupId),
    taskQueue: stack.config.temporal.taskQueue,
    args: [
      {
        groupId,
        institutionId: fx.institutionId,
        programmeId: fx.programmeId,
        programmeCode: fx.programmeCode,
        programmeName: 'Testinė programa',
      },
    ],
  });
  await handle.executeUpdate(createGroupUpdate, { args: [{ actor: actor(), info: groupInfo, deadlines: d }], updateId: groupId });
  await fullSchedule(stack.db, { institutionId: fx.institutionId, groupId, venueId: fx.venueId });
  await handle.executeUpdate(changeGroupStatusUpdate, { args: [{ actor: actor(), to: GroupStatus.Published }] });
  return { groupId, handle };
}

function register(handle: WorkflowHandle, who: string) {
  const registrationId = crypto.randomUUID();
  return handle.executeUpdate(registerParticipantUpdate, {
    args: [
      {
        registrationId,
        funding: 'IMP_KREPSELIS',
        person: { personKey: `key-${who}`, firstName: who, lastName: 'Dalyvaitė', email: `${who}@dalyviai.example.lt` },
      },
    ],
    updateId: registrationId,
  });
}

const groupRow = (id: string) => stack.db.selectFrom('training_groups').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const registrationRows = (groupId: string) =>
  stack.db.selectFrom('group_registrations').selectAll().where('group_id', '=', groupId).orderBy('registered_at').execute();

beforeAll(async () => {
  stack = await startStack('group-reg');
  fx = await createInstitution(stack.db, 'Registracijų institucija');
  admin = await adminSession(stack.db, fx);
  call = appCaller(stack.app);
});

afterAll(async () => {
  await stack?.stop();
});

describe('registrations, deadlines and decisions through the real path (L1)', () => {
  it('registration end below the minimum shows the pending decision; "Nevykdoma" deregisters and e-mails everyone (GRP-32, GRP-33)', async () => {
    const tag = crypto.randomUUID().slice(0, 8);
    const { groupId, handle } = await publishedGroup(deadlines(8, 120), info({ minParticipants: '3', maxParticipants: '5' }));
    await register(handle, `ona-${tag}`);
    await register(handle, `rasa-${tag}`);
    expect((await groupRow(groupId)).active_registrations).toBe(2);
    expect((await registrationRows(groupId)).map((r) => r.status)).toEqual(['REGISTERED', 'REGISTERED']);

    const waiting = await eventually(
      () => groupRow(groupId),
      (g) => g.decision_due_at !== null,
    );
    expect(waiting.status).toBe('Skelbiama');
    expect(waiting.decision_due_at?.toISOString()).toBe(waiting.programme_starts_at?.toISOString());
    const page = await (await call(`/grupes/${groupId}?kortele=informacija`, { as: admin })).text();
    expect(page).toContain('Registracija baigėsi, tačiau užsiregistravo mažiau asmenų nei „Min. grupės dalyvių skaičius“ (2 iš 3)');
    // Both deadlines as every page writes them, with the time left (issue 11 item 13): registration
    // has closed; the decision is due when delivery starts, two minutes after publishing.
    const text = page.replace(/<[^>]*>/g, '');
    expect(text).toMatch(/Registracijos terminasiki \d{4}-\d{2}-\d{2} \d{2}:\d{2} \(terminas praėjo\)/);
    expect(text).toMatch(/arba „Nevykdoma“ iki \d{4}-\d{2}-\d{2} \d{2}:\d{2} \(liko (1 minutė|mažiau nei minutė)\)\. Jei/);
    expect(page).toContain('Keisti būseną į „Nevykdoma“');
    expect(page).toContain('Keisti būseną į „Vykdoma“');
    // G3 is not offered while people are registered (GRP-30).
    expect(page).not.toContain('Keisti būseną į „Kuriama“');

    const res = await call(`/grupes/${groupId}/busena`, {
      as: admin,
      htmx: true,
      body: { statusKey: crypto.randomUUID(), to: 'Nevykdoma' },
    });
    expect(res.status).toBe(200);
    expect(await handle.result()).toBe('Nevykdoma');
    const rows = await registrationRows(groupId);
    expect(rows.map((r) => r.status)).toEqual(['DEREGISTERED_NOT_FORMED', 'DEREGISTERED_NOT_FORMED']);
    const g = await groupRow(groupId);
    expect(g).toMatchObject({ status: 'Nevykdoma', active_registrations: 0, decision_due_at: null });
    for (const who of [`ona-${tag}`, `rasa-${tag}`]) {
      const mail = await mailpit.waitForMessage(() => true, 15_000, mailpitQuery({ to: `${who}@dalyviai.example.lt` }));
      expect(mail.Subject).toBe('Mokymo grupė nesusiformavo');
    }
    const audit = await stack.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_type', '=', 'group_registration')
      .where(
        'entity_id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    expect(audit.filter((a) => a.action === 'status')).toHaveLength(2);
  });

  it('G4: the minimum reached at registration end makes the group "Vykdoma" by the system, audited as such (GRP-31)', async () => {
    const tag = crypto.randomUUID().slice(0, 8);
    const { groupId, handle } = await publishedGroup(deadlines(6, 120), info({ minParticipants: '1' }));
    await register(handle, `jonas-${tag}`);
    const g = await eventually(
      () => groupRow(groupId),
      (r) => r.status === 'Vykdoma',
    );
    expect(g.status).toBe('Vykdoma');
    expect(g.contract_signing_started_at).not.toBeNull();
    const audit = await stack.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_type', '=', 'training_group')
      .where('entity_id', '=', groupId)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.actor_kind).toBe('system');
    expect(audit.changes).toMatchObject({ status: { before: 'Skelbiama', after: 'Vykdoma' }, rule: { after: 'G4' } });
    await handle.terminate('test done');
  });

  it('PART-12: a registration approved while the group is "Vykdoma" gets the contract invitation at approval; GRP-34 invited the earlier ones', async () => {
    const tag = crypto.randomUUID().slice(0, 8);
    const { groupId, handle } = await publishedGroup(deadlines(120, 240), info({ minParticipants: '1', maxParticipants: '3' }));
    const early = (await register(handle, `ema-${tag}`)).registrationId;
    const late = (await register(handle, `lina-${tag}`)).registrationId;
    const decide = (registrationId: string) =>
      handle.executeUpdate(decideRegistrationUpdate, { args: [{ actor: actor(), registrationId, decision: 'APPROVE' }] });
    const invitation = 'Kvietimas pasirašyti mokymosi sutartį';
    const invitationsTo = async (who: string) =>
      (await mailpit.search(mailpitQuery({ to: `${who}@dalyviai.example.lt`, subject: invitation }))).length;
    const invitationRows = (registrationId: string) =>
      stack.db
        .selectFrom('email_outbox')
        .selectAll()
        .where('entity_type', '=', 'group_registration')
        .where('entity_id', '=', registrationId)
        .where('kind', '=', 'CONTRACT_INVITATION')
        .execute();

    expect(await decide(early)).toMatchObject({ status: 'APPROVED' });
    // The provider makes the group "Vykdoma" (G5): the approved participant is invited (GRP-34), the undecided one is not.
    const res = await call(`/grupes/${groupId}/busena`, { as: admin, htmx: true, body: { statusKey: crypto.randomUUID(), to: 'Vykdoma' } });
    expect(res.status).toBe(200);
    expect((await groupRow(groupId)).status).toBe('Vykdoma');
    const first = await mailpit.waitForMessage(
      () => true,
      15_000,
      mailpitQuery({ to: `ema-${tag}@dalyviai.example.lt`, subject: invitation }),
    );
    expect(first.Subject).toBe('Kvietimas pasirašyti mokymosi sutartį');
    expect(await invitationsTo(`lina-${tag}`)).toBe(0);
    expect(await invitationRows(late)).toEqual([]);

    // PART-12: approved now, while "Vykdoma": the approval and the contract invitation go out at once.
    expect(await decide(late)).toMatchObject({ status: 'APPROVED' });
    const mail = await mailpit.waitForMessage(
      () => true,
      15_000,
      mailpitQuery({ to: `lina-${tag}@dalyviai.example.lt`, subject: invitation }),
    );
    expect(mail.Subject).toBe('Kvietimas pasirašyti mokymosi sutartį');
    expect(mail.To.map((t) => t.Address)).toEqual([`lina-${tag}@dalyviai.example.lt`]);
    const approvedMail = await mailpit.waitForMessage(
      () => true,
      15_000,
      mailpitQuery({ to: `lina-${tag}@dalyviai.example.lt`, subject: 'Registracija į mokymus patvirtinta' }),
    );
    expect(approvedMail.Subject).toBe('Registracija į mokymus patvirtinta');
    // The registration's rows say so: approved, and its contract invitation queued for it and sent.
    expect((await registrationRows(groupId)).map((r) => [r.first_name, r.status])).toEqual([
      [`ema-${tag}`, 'APPROVED'],
      [`lina-${tag}`, 'APPROVED'],
    ]);
    const rows = await eventually(
      () => invitationRows(late),
      (r) => r.length === 1 && r[0]!.sent_at !== null,
    );
    expect(rows).toMatchObject([
      { to_address: `lina-${tag}@dalyviai.example.lt`, subject: 'Kvietimas pasirašyti mokymosi sutartį', institution_id: fx.institutionId },
    ]);
    expect(rows[0]!.sent_at).not.toBeNull();
    // The earlier participant is not invited a second time.
    expect(await invitationRows(early)).toHaveLength(1);
    expect(await invitationsTo(`ema-${tag}`)).toBe(1);
    await handle.terminate('test done');
  });

  it('G7: delivery start with no signed contract makes the group "Nevykdoma" and deregisters everyone (GRP-42)', async () => {
    const tag = crypto.randomUUID().slice(0, 8);
    const { groupId, handle } = await publishedGroup(deadlines(6, 12), info({ minParticipants: '3' }));
    await register(handle, `petras-${tag}`);
    expect(await handle.result()).toBe('Nevykdoma');
    expect((await registrationRows(groupId)).map((r) => r.status)).toEqual(['DEREGISTERED_NOT_FORMED']);
    const mail = await mailpit.waitForMessage(() => true, 15_000, mailpitQuery({ to: `petras-${tag}@dalyviai.example.lt` }));
    expect(mail.Subject).toBe('Mokymo grupė nesusiformavo');
  });

  it('more registrations at once than places: exactly the maximum is stored (GRP-41, OQ-23)', async () => {
    const { groupId, handle } = await publishedGroup(deadlines(120, 240), info({ minParticipants: '1', maxParticipants: '3' }));
    const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => register(handle, `burst-${i}-${groupId.slice(0, 6)}`)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    expect(await registrationRows(groupId)).toHaveLength(3);
    expect((await groupRow(groupId)).active_registrations).toBe(3);
    await handle.terminate('test done');
  });

  it('G1, PROG-30: the workflow refuses a group of a suspended programme itself, whatever web checked', async () => {
    const groupId = crypto.randomUUID();
    const handle = await stack.client.workflow.start<typeof trainingGroupWorkflow>('trainingGroupWorkflow', {
      workflowId: trainingGroupWorkflowId(groupId),
      taskQueue: stack.config.temporal.taskQueue,
      args: [
        {
          groupId,
          institutionId: fx.institutionId,
          programmeId: fx.suspendedProgrammeId,
          programmeCode: `${fx.programmeCode}-S`,
          programmeName: 'Sustabdyta programa',
        },
      ],
    });
    const err = await handle
      .executeUpdate(createGroupUpdate, { args: [{ actor: actor(), info: info() }], updateId: groupId })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
    const outer = (err as WorkflowUpdateFailedError).cause;
    // A regular activity's refusal arrives wrapped in an ActivityFailure; the local projection's
    // (issue 16) as itself. Web reads both (web/errors.ts).
    const cause = outer instanceof ActivityFailure ? outer.cause : outer;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    expect(cause).toMatchObject({
      type: 'ProgrammeClosed',
      message: 'Mokymosi programa sustabdyta: naujų mokymo grupių jai kurti negalima.',
    });
    expect(await stack.db.selectFrom('training_groups').select('id').where('id', '=', groupId).executeTakeFirst()).toBeUndefined();
    await handle.terminate('test done');
  });

  it('a retried projection writes nothing twice and still returns the e-mails it queued', async () => {
    const { groupId, handle } = await publishedGroup(deadlines(120, 240), info({ minParticipants: '1' }));
    await register(handle, `retry-${groupId.slice(0, 6)}`);
    await handle.terminate('test done');
    const g = await groupRow(groupId);
    const [reg] = await registrationRows(groupId);
    const p: GroupProjection = {
      groupId,
      institutionId: fx.institutionId,
      programmeId: fx.programmeId,
      version: g.version + 1,
      status: GroupStatus.NotDelivered,
      info: info({ minParticipants: '1' }),
      action: 'status',
      actor: { system: 'G7' },
      registrationChange: { ids: [reg!.id], to: 'DEREGISTERED_NOT_FORMED', reason: null, notice: 'GROUP_NOT_FORMED' },
    };
    const compose = async () => ({ subject: 'Tema', text: 'Tekstas' });
    const first = await applyGroupProjection(stack.db, p, compose);
    const again = await applyGroupProjection(stack.db, p, compose);
    expect(first.applied).toBe(true);
    expect(first.emailIds).toHaveLength(1);
    expect(again).toEqual({ applied: false, emailIds: first.emailIds, invitedIds: [] });
    const outbox = await stack.db.selectFrom('email_outbox').select('id').where('entity_id', '=', reg!.id).execute();
    expect(outbox).toHaveLength(1);
  });
});
