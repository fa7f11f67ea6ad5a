// Tab "Mokymų baigimas" through HTTP with the real workflows (LearningContract, CompletionBatch),
// Postgres, the signing gateway simulator and Mailpit (issue 13; DONE-1..DONE-8, DONE-11, DONE-15,
// DONE-16, DONE-18, DONE-20, SCHED-22, SCHED-28, N14): three participants with contracts in force and
// a timetable whose only day is today; single marks and ticked rows marked at once (one batch, a
// result per row), the assessment in its format, "Patvirtinti" once, N14 with the questionnaire's link;
// the timetable's lists; another institution's ids 404; a user with only the view right changes nothing.
import { recordHistoryIfAsked } from '../support/histories.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPLETION_MESSAGES } from '../../workflows/domain/completion.ts';
import { completionBatchWorkflowId } from '../../workflows/ids.ts';
import { groupInForce, onlySessionToday } from '../support/completion.ts';
import { contractParticipant, contractUser, groupWithContracts, terminateContracts } from '../support/contracts.ts';
import { createInstitution, type InstitutionFixture } from '../support/fixtures.ts';
import { appCaller, type FormBody } from '../support/http.ts';
import { mailpit, mailpitQuery } from '../support/mailpit.ts';
import { uniquePersonalCode } from '../support/participants.ts';
import type { TestParticipant } from '../support/participants.ts';
import type { TestSession } from '../support/session.ts';
import { startStack, type TestStack } from '../support/stack.ts';

const SIGNER_CODE = uniquePersonalCode();

let stack: TestStack;
let call: ReturnType<typeof appCaller>;
let fx: InstitutionFixture;
let other: InstitutionFixture;
let employee: TestSession;
let viewer: TestSession;
let otherEmployee: TestSession;
let groupId: string;
let otherGroupId: string;
let people: TestParticipant[];
/** Ona, Rita, Asta's contracts, in force. */
let ids: string[];
let otherContract: string;
const batches: string[] = [];
const names = new Map<string, string>();

const contractRow = (id: string) => stack.db.selectFrom('learning_contracts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const tab = (g = groupId) => `/grupes/${g}/baigimas`;

function mark(contractId: string, action: string, opts: { as?: TestSession; assessment?: string; key?: string; group?: string } = {}) {
  const body: FormBody = { idempotencyKey: opts.key ?? crypto.randomUUID(), action };
  if (opts.assessment !== undefined) body.assessment = opts.assessment;
  return call(`${tab(opts.group)}/${contractId}/zyma`, { as: opts.as ?? employee, body, htmx: true });
}

function bulk(action: string, contractIds: string[], opts: { as?: TestSession; key?: string } = {}) {
  const key = opts.key ?? crypto.randomUUID();
  batches.push(key);
  return call(`${tab()}/pazymetiems`, {
    as: opts.as ?? employee,
    body: { idempotencyKey: key, action, contractId: contractIds },
    htmx: true,
  });
}

/** A bulk result's row for a contract: its outcome and message. */
function resultRow(page: string, contractId: string): { outcome: string; text: string } | null {
  const m = new RegExp(`<tr data-contract="${contractId}" data-outcome="(\\w+)"><th scope="row">[^<]*</th><td>([^<]*)</td>`).exec(page);
  return m ? { outcome: m[1]!, text: m[2]! } : null;
}

beforeAll(async () => {
  await mailpit.ensureUp();
  stack = await startStack('completion-http', { simulators: true });
  call = appCaller(stack.app);
  fx = await createInstitution(stack.db, 'Mokymų baigimo institucija');
  other = await createInstitution(stack.db, 'Kita institucija');
  employee = await contractUser(stack.db, fx, ['DARBUOTOJAS'], ['Eglė', 'Darbuotoja']);
  viewer = await contractUser(stack.db, fx, ['SUTARCIU_PASIRASYMAS'], ['Jonas', 'Pasirašantis']);
  otherEmployee = await contractUser(stack.db, other, ['DARBUOTOJAS'], ['Kitas', 'Kitaitis']);

  ({ groupId, ids, people } = await groupInForce(stack, fx, ['Ona', 'Rita', 'Asta'], SIGNER_CODE));
  const others = await groupWithContracts(stack, other, [await contractParticipant(stack.db, 'Svetima')]);
  otherGroupId = others.groupId;
  otherContract = others.registrationIds[0]!;

  // The timetable's first and last session day is today (the marks' windows, DONE-13, DONE-14).
  await onlySessionToday(stack, groupId);
  for (const r of await stack.db
    .selectFrom('group_registrations')
    .select(['id', 'first_name', 'last_name'])
    .where('id', 'in', ids)
    .execute())
    names.set(r.id, `${r.first_name} ${r.last_name}`);
}, 240_000);

afterAll(async () => {
  await terminateContracts(stack, [...(ids ?? []), otherContract]);
  for (const id of batches)
    await stack.client.workflow
      .getHandle(completionBatchWorkflowId(id))
      .terminate('test done')
      .catch(() => undefined);
  await stack?.stop();
});

describe('„Mokymų baigimas“ (DONE-1..DONE-8, DONE-11)', () => {
  it('lists the participants in force with a box each, the columns and the marks; the tab is no longer disabled', async () => {
    const res = await call(tab(), { as: employee });
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain(`<a href="/grupes/${groupId}/baigimas" aria-current="page">Mokymų baigimas</a>`);
    for (const label of ['Mokymus pradėjo', 'Mokymus baigė', 'Galutinis įvertinimas', 'Vertinimo anketa', 'Pažymėjimas'])
      expect(page).toContain(`<th scope="col">${label}</th>`);
    for (const id of ids) {
      expect(page).toContain(`aria-label="Pažymėti: ${names.get(id)}"`);
      expect(page).toContain(`aria-label="Mokymus pradėjo: ${names.get(id)}"`);
    }
    expect(page).toContain('>Patvirtinti</button>');
    // A user with only the view right sees the list, no controls, and a POST is refused.
    const view = await (await call(tab(), { as: viewer })).text();
    expect(view).toContain(names.get(ids[0]!)!);
    expect(view).not.toContain('type="checkbox"');
    expect(view).not.toContain('Mokymus pradėjo: ');
    expect((await mark(ids[0]!, 'start', { as: viewer })).status).toBe(403);
    expect((await contractRow(ids[0]!)).started_at).toBeNull();
  });

  it('another institution’s group or contract: 404 with the Lithuanian text, nothing marked (GEN-5)', async () => {
    const theirs = await call(tab(), { as: otherEmployee });
    expect(theirs.status).toBe(404);
    expect(await theirs.text()).toContain('Puslapis nerastas arba neturite teisės jo matyti.');
    expect((await mark(ids[0]!, 'start', { as: otherEmployee })).status).toBe(404);
    // Their contract through our group, and ours ticked with theirs.
    expect((await mark(otherContract, 'start')).status).toBe(404);
    expect((await mark(otherContract, 'start', { group: otherGroupId })).status).toBe(404);
    expect((await bulk('start', [ids[0]!, otherContract])).status).toBe(404);
    expect((await contractRow(ids[0]!)).started_at).toBeNull();
    expect((await contractRow(otherContract)).started_at).toBeNull();
  });

  it('single and ticked marks: each contract by its own rules, a result per row; the assessment in its format; one "Patvirtinti"', async () => {
    const [ona, rita, asta] = ids as [string, string, string];
    // "Mokymus baigė" before "Mokymus pradėjo" (DONE-4): 409, nothing changed.
    const early = await mark(ona, 'complete');
    expect(early.status).toBe(409);
    expect(await early.text()).toContain(COMPLETION_MESSAGES.notStarted);
    expect((await contractRow(ona)).completed_at).toBeNull();

    const started = await mark(ona, 'start');
    expect(started.status).toBe(200);
    expect(await started.text()).toContain('Pažymėta, kad dalyvis mokymus pradėjo.');
    expect((await contractRow(ona)).started_at).not.toBeNull();

    // Ona (already started) and Rita ticked: one batch, Rita marked, Ona says why.
    const key = crypto.randomUUID();
    const starts = await bulk('start', [ona, rita], { key });
    expect(starts.status).toBe(200);
    const startsPage = await starts.text();
    expect(startsPage).toContain('Pažymėta dalyvių: 1 iš 2.');
    expect(resultRow(startsPage, rita)).toEqual({ outcome: 'marked', text: 'Pažymėta, kad dalyvis mokymus pradėjo.' });
    expect(resultRow(startsPage, ona)).toEqual({ outcome: 'refused', text: `Nepažymėta. ${COMPLETION_MESSAGES.alreadyStarted}` });
    expect((await contractRow(rita)).started_at).not.toBeNull();
    const desc = await stack.client.workflow.getHandle(completionBatchWorkflowId(key)).describe();
    expect(desc.type).toBe('completionBatchWorkflow');
    // The same form again (a replayed POST): the same answer, nothing marked twice.
    const replay = await bulk('start', [ona, rita], { key });
    expect(resultRow(await replay.text(), rita)?.outcome).toBe('marked');
    recordHistoryIfAsked(completionBatchWorkflowId(key), 'completion-batch.json');

    // "Mokymus baigė" for all three: Asta never started (DONE-4).
    const completes = await (await bulk('complete', [ona, rita, asta])).text();
    expect(resultRow(completes, ona)?.outcome).toBe('marked');
    expect(resultRow(completes, rita)?.outcome).toBe('marked');
    expect(resultRow(completes, asta)).toEqual({ outcome: 'refused', text: `Nepažymėta. ${COMPLETION_MESSAGES.notStarted}` });
    expect((await contractRow(asta)).completed_at).toBeNull();

    // The assessment outside the configured format (DONE-20, pass/fail): 422 with the hint, the typed value kept.
    const wrong = await mark(ona, 'assess', { assessment: '10' });
    expect(wrong.status).toBe(422);
    const wrongPage = await wrong.text();
    expect(wrongPage).toContain('Pasirinkite „Įskaityta“ arba „Neįskaityta“.');
    expect(wrongPage).toContain('aria-invalid="true"');
    expect((await contractRow(ona)).assessment).toBeNull();

    // "Patvirtinti" before an assessment is entered: refused.
    const nothing = await mark(ona, 'confirm');
    expect(nothing.status).toBe(409);
    expect(await nothing.text()).toContain(COMPLETION_MESSAGES.nothingToConfirm);

    for (const id of [ona, rita]) expect((await mark(id, 'assess', { assessment: 'ISKAITYTA' })).status).toBe(200);
    const entered = await (await call(tab(), { as: employee })).text();
    expect(entered).toContain('Įskaityta (nepatvirtintas)');
    expect((await contractRow(ona)).assessment).toBe('ISKAITYTA');

    const confirmed = await mark(ona, 'confirm');
    expect(confirmed.status).toBe(200);
    expect((await contractRow(ona)).assessment_confirmed_at).not.toBeNull();
    // A second "Patvirtinti", or a change after it (DONE-7, DONE-15): 409, unchanged.
    const twice = await mark(ona, 'confirm');
    expect(twice.status).toBe(409);
    expect(await twice.text()).toContain(COMPLETION_MESSAGES.assessmentConfirmed);
    const change = await mark(ona, 'assess', { assessment: 'NEISKAITYTA' });
    expect(change.status).toBe(409);
    expect((await contractRow(ona)).assessment).toBe('ISKAITYTA');

    // Rita confirmed by ticking; Ona ticked again says it is confirmed already.
    const confirms = await (await bulk('confirm', [rita, ona])).text();
    expect(resultRow(confirms, rita)?.outcome).toBe('marked');
    expect(resultRow(confirms, ona)).toEqual({ outcome: 'refused', text: `Nepažymėta. ${COMPLETION_MESSAGES.assessmentConfirmed}` });

    // DONE-11: the row says what was recorded.
    const final = await (await call(tab(), { as: employee })).text();
    const onaRow = final.slice(final.indexOf(`id="baigimas-${ona}"`), final.indexOf('</tr>', final.indexOf(`id="baigimas-${ona}"`)));
    expect(onaRow).toContain('<td data-field="started">Taip</td>');
    expect(onaRow).toContain('<td data-field="completed">Taip</td>');
    expect(onaRow).toContain('<td data-field="assessment">Įskaityta</td>');
    expect(onaRow).toContain('<td data-field="questionnaire">Aktyvuota, laukiama užpildymo</td>');
    expect(onaRow).toContain('Nesuformuotas');
    expect(onaRow).not.toContain('type="checkbox"');
  });

  it('N14: "Patvirtinti" e-mails the participant that the questionnaire is open, with its link, once (DONE-8, DONE-16)', async () => {
    const ona = ids[0]!;
    const found = await mailpit.waitForMessage(
      () => true,
      15_000,
      mailpitQuery({ to: people[0]!.email, subject: 'Užpildykite mokymosi programos vertinimo anketą' }),
    );
    const text = (await mailpit.message(found.ID)).Text.replace(/\r\n/g, '\n');
    expect(text).toMatch(new RegExp(`^Sveiki, ${people[0]!.firstName},`));
    expect(text).toContain('patvirtino jūsų galutinį mokymosi programos');
    expect(text).toContain(`${stack.config.web.publicUrl}/kursuok/sutartys/${ona}/anketa`);
    const queued = await stack.db
      .selectFrom('email_outbox')
      .select(['id', 'sent_at'])
      .where('entity_id', '=', ona)
      .where('kind', '=', 'CONTRACT_QUESTIONNAIRE_OPENED')
      .execute();
    expect(queued).toHaveLength(1);
    // Asta was never assessed: no N14 for her.
    expect(
      await stack.db
        .selectFrom('email_outbox')
        .select('id')
        .where('entity_id', '=', ids[2]!)
        .where('kind', '=', 'CONTRACT_QUESTIONNAIRE_OPENED')
        .execute(),
    ).toEqual([]);
  });

  it('the timetable lists who started (in force) and who completed (started) at the first and last session (SCHED-22, SCHED-28)', async () => {
    const page = await (await call(`/grupes/${groupId}/tvarkarastis`, { as: employee })).text();
    const started = page.slice(page.indexOf('data-list="started"'), page.indexOf('</ul>', page.indexOf('data-list="started"')));
    const completed = page.slice(page.indexOf('data-list="completed"'), page.indexOf('</ul>', page.indexOf('data-list="completed"')));
    for (const id of ids) expect(started).toContain(`data-contract="${id}"`);
    expect(started).toContain(`${names.get(ids[2]!)} – nepažymėta`);
    expect(completed).toContain(`data-contract="${ids[0]}"`);
    expect(completed).toContain(`data-contract="${ids[1]}"`);
    expect(completed).not.toContain(`data-contract="${ids[2]}"`);
    expect(page).toContain(`href="/grupes/${groupId}/baigimas"`);
  });
});
