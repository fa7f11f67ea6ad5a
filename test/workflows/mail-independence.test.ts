// E-mails are delivered each on its own (issue 10, GEN-10): one e-mail whose delivery hangs or fails
// holds up neither the group's other e-mails nor the outbox relay's. Against the real dev server, with
// recording activities in place of SMTP.
import type { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrainingGroupProjection } from '../../activities/training-group.ts';
import { addDays, vilniusDate } from '../../workflows/domain/calendar.ts';
import { validateGroupInfo, type GroupInfo } from '../../workflows/domain/group-info.ts';
import { trainingGroupWorkflowId } from '../../workflows/ids.ts';
import type { emailOutboxRelayWorkflow } from '../../workflows/outbox-relay/workflow.ts';
import { createGroupUpdate, saveGroupInfoUpdate, type Actor } from '../../workflows/training-group/messages.ts';
import type { trainingGroupWorkflow } from '../../workflows/training-group/workflow.ts';
import { uniqueTaskQueue } from '../support/env.ts';
import { eventually } from '../support/wait.ts';
import { startWorkflowTestWorker, type WorkflowTestWorker } from '../support/workflow-worker.ts';

const taskQueue = uniqueTaskQueue('wf-mail');
const institutionId = crypto.randomUUID();
const actor: Actor = { userId: crypto.randomUUID(), institutionId, requestId: 'req-mail' };

/** Outbox ids whose delivery waits until the test releases it. */
const held = new Map<string, () => void>();
const delivered: string[] = [];
/** What each projection of the mocked group returns as its queued e-mails, by action. */
const emailsByProjection = new Map<string, string[]>();
let worker: WorkflowTestWorker;
let client: Client;

function hold(id: string) {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  held.set(id, release);
  return gate;
}
const gates = new Map<string, Promise<void>>();

beforeAll(async () => {
  worker = await startWorkflowTestWorker(taskQueue, {
    async projectTrainingGroup(p: TrainingGroupProjection) {
      return { applied: true, emailIds: emailsByProjection.get(`${p.groupId}:${p.action}`) ?? [] };
    },
    async groupPublishReadiness() {
      return [];
    },
    async deliverEmail(id: string) {
      const gate = gates.get(id);
      if (gate) await gate;
      if (id.startsWith('fails-')) throw new Error('SMTP refused the recipient (4xx)');
      delivered.push(id);
      return { sent: true, messageId: `<${id}@kursuok.lt>` };
    },
    async listEmailsToRelay() {
      return ['fails-relay', 'relay-a', 'relay-b'];
    },
  });
  client = worker.client;
});

afterAll(async () => {
  for (const release of held.values()) release();
  await worker?.stop();
});

function info(): GroupInfo {
  const today = vilniusDate(new Date());
  const result = validateGroupInfo({
    name: 'Laiškų grupė',
    fundingSources: ['IMP_KREPSELIS'],
    price: '10,00',
    language: 'lietuvių',
    minParticipants: '1',
    maxParticipants: '10',
    venueId: crypto.randomUUID(),
    registrationStart: addDays(today, 1),
    registrationEnd: addDays(today, 5),
    programmeStart: addDays(today, 10),
    programmeEnd: addDays(today, 20),
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.info;
}

describe('each e-mail on its own (GEN-10)', () => {
  it('the group delivers a later e-mail while an earlier one still hangs', async () => {
    const groupId = crypto.randomUUID();
    const slow = `slow-${groupId}`;
    const later = `later-${groupId}`;
    emailsByProjection.set(`${groupId}:create`, [slow]);
    emailsByProjection.set(`${groupId}:update`, [later]);
    gates.set(slow, hold(slow));
    const handle = await client.workflow.start<typeof trainingGroupWorkflow>('trainingGroupWorkflow', {
      workflowId: trainingGroupWorkflowId(groupId),
      taskQueue,
      args: [{ groupId, institutionId, programmeId: crypto.randomUUID(), programmeCode: 'P-MAIL', programmeName: 'Laiškų programa' }],
    });
    await handle.executeUpdate(createGroupUpdate, { args: [{ actor, info: info() }], updateId: groupId });
    await handle.executeUpdate(saveGroupInfoUpdate, {
      args: [{ actor, info: { ...info(), name: 'Laiškų grupė 2' } }],
      updateId: `${groupId}:save`,
    });
    await eventually(async () => delivered.includes(later), Boolean, 15_000);
    expect(delivered).not.toContain(slow);
    held.get(slow)!();
    await eventually(async () => delivered.includes(slow), Boolean, 15_000);
    await handle.terminate('test done');
  });

  it('the outbox relay delivers the others while one hangs, and counts the one that fails', async () => {
    gates.set('fails-relay', hold('fails-relay'));
    const run = client.workflow.execute<typeof emailOutboxRelayWorkflow>('emailOutboxRelayWorkflow', {
      taskQueue,
      workflowId: `EmailOutboxRelay-test-${crypto.randomUUID()}`,
      args: [{ olderThanMs: 0 }],
    });
    await eventually(async () => delivered.includes('relay-a') && delivered.includes('relay-b'), Boolean, 15_000);
    held.get('fails-relay')!();
    expect(await run).toEqual({ found: 3, sent: 2, failed: 1 });
  });
});
