// "Užbaigta" through HTTP with the real workflows and Postgres (issue 13; L1 G9, GRP-45): two
// participants with contracts in force and no outcome yet; the group page says when the group completes
// by itself and why "Užbaigta" is not possible; the provider's "Užbaigta" is refused by the group
// workflow (409) naming how many participants lack an outcome; nothing changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { autoCompletionDay, autoCompletionDeadlines } from '../../workflows/domain/group-completion.ts';
import { groupInForce } from '../support/completion.ts';
import { contractUser, terminateContracts } from '../support/contracts.ts';
import { createInstitution, type InstitutionFixture } from '../support/fixtures.ts';
import { appCaller } from '../support/http.ts';
import { mailpit } from '../support/mailpit.ts';
import { deadlinesIn, uniquePersonalCode } from '../support/participants.ts';
import type { TestSession } from '../support/session.ts';
import { startStack, type TestStack } from '../support/stack.ts';

const SIGNER_CODE = uniquePersonalCode();

let stack: TestStack;
let call: ReturnType<typeof appCaller>;
let fx: InstitutionFixture;
let employee: TestSession;
let groupId: string;
let ids: string[];

beforeAll(async () => {
  await mailpit.ensureUp();
  stack = await startStack('group-completion-http', { simulators: true });
  call = appCaller(stack.app);
  fx = await createInstitution(stack.db, 'Grupių užbaigimo institucija');
  employee = await contractUser(stack.db, fx, ['DARBUOTOJAS'], ['Eglė', 'Darbuotoja']);
  // The end date counts as reached for the workflow (an explicit instant, GroupDeadlines.programmeEndsAt).
  const d = deadlinesIn(600, 1200);
  ({ groupId, ids } = await groupInForce(stack, fx, ['Ona', 'Rita'], SIGNER_CODE, {
    deadlines: { ...d, programmeEndsAt: d.programmeStartsAt },
  }));
}, 240_000);

afterAll(async () => {
  await terminateContracts(stack, ids ?? []);
  await stack?.stop();
});

describe('"Užbaigta" (G9, GRP-45)', () => {
  it('the page says when the group completes by itself and that 2 participants lack an outcome', async () => {
    const res = await call(`/grupes/${groupId}`, { as: employee });
    expect(res.status).toBe(200);
    const page = await res.text();
    const group = await stack.db.selectFrom('training_groups').select('programme_end').where('id', '=', groupId).executeTakeFirstOrThrow();
    const day = autoCompletionDay(autoCompletionDeadlines(group.programme_end, stack.config.groupAutoCompleteDays).autoCompletesAt);
    expect(page).toContain('Automatinis grupės užbaigimas');
    expect(page).toContain(day);
    expect(page).toContain(
      `praėjus ${stack.config.groupAutoCompleteDays} d. po mokymosi programos vykdymo pabaigos (${group.programme_end})`,
    );
  });

  it('the provider’s "Užbaigta" is refused by the workflow with 409, naming how many lack an outcome; nothing changes', async () => {
    const res = await call(`/grupes/${groupId}/busena`, {
      as: employee,
      htmx: true,
      body: { to: 'Užbaigta', statusKey: crypto.randomUUID() },
    });
    expect(res.status).toBe(409);
    const page = await res.text();
    expect(page).toContain('Grupės būsenos pakeisti į „Užbaigta“ negalima: 2 dalyvių galutinis įvertinimas nepatvirtintas');
    expect(page).toContain('nepažymėta „Mokymus pradėjo“: 2 dalyviai');
    const row = await stack.db.selectFrom('training_groups').select('status').where('id', '=', groupId).executeTakeFirstOrThrow();
    expect(row.status).toBe('Vykdoma');
  });
});
