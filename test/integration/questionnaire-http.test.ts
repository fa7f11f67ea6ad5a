// The evaluation questionnaire over HTTP (PORTAL-8, DONE-8, PROG-21, PROG-22, PROG-31, OQ-20), through
// the real path: a group made "Vykdoma", her contract signed by both through the signing gateway
// simulator, the provider's completion marks on a timetable whose session is today and "Patvirtinti"
// (recordCompletionMark Updates of her LearningContract workflow), then the portal: "Vertinimo anketa"
// in her account, the form (accessible; bad input 422 with what she chose kept), one Update storing the
// answers without any identity in the transaction that marks the questionnaire filled, a second
// submission refused (409), someone else's contract 404. The provider's tab "Grupės" and the group's
// page show only aggregates, for a group "Užbaigta", and nothing below 5 answers.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyContractProjection } from '../../db/queries/learning-contracts.ts';
import { vilniusDate } from '../../workflows/domain/calendar.ts';
import { COMPLETION_MESSAGES } from '../../workflows/domain/completion.ts';
import { GroupStatus } from '../../workflows/domain/group-status.ts';
import { MIN_ANSWERS_FOR_AGGREGATE, QUESTIONNAIRE_TITLE, QUESTION_LABELS } from '../../workflows/domain/questionnaire.ts';
import { learningContractWorkflowId } from '../../workflows/ids.ts';
import { contractStateQuery, recordCompletionMarkUpdate, type CompletionMarkCommand } from '../../workflows/learning-contract/messages.ts';
import { hashPersonalCode } from '../../worker/crypto.ts';
import { onlySessionToday, signIntoForce } from '../support/completion.ts';
import { contractParticipant, groupWithContracts, terminateContracts } from '../support/contracts.ts';
import { createInstitution, type InstitutionFixture } from '../support/fixtures.ts';
import { appCaller } from '../support/http.ts';
import { insertParticipant, uniquePersonalCode, type TestParticipant } from '../support/participants.ts';
import { personSessionFor, sessionFor, type TestSession } from '../support/session.ts';
import { startStack, type TestStack } from '../support/stack.ts';
import { eventually } from '../support/wait.ts';

const PARTICIPANT_CODE = uniquePersonalCode();
const SIGNER_CODE = uniquePersonalCode();

let stack: TestStack;
let fx: InstitutionFixture;
let other: InstitutionFixture;
let call: ReturnType<typeof appCaller>;
let ona: TestParticipant;
let asOna: TestSession;
let asRasa: TestSession;
let asProvider: TestSession;
let asOtherProvider: TestSession;
let contractId: string;
let groupId: string;
const started: string[] = [];

const hash = (code: string) => hashPersonalCode(stack.config.secrets.personalCodePepper, code);
const validForm = (key = crypto.randomUUID()) => ({
  idempotencyKey: key,
  usefulness: '5',
  lecturers: '4',
  organisation: '4',
  materials: '3',
  overall: '5',
  comment: '  Labai praktiški užsiėmimai  ',
});
const answerRows = () => stack.db.selectFrom('questionnaire_answers').selectAll().where('group_id', '=', groupId).execute();

/** Her contract in force, the assessment confirmed ("Patvirtinti"): the questionnaire is active (DONE-8). */
async function contractWithConfirmedAssessment(): Promise<void> {
  const { groupId: g, group, registrationIds } = await groupWithContracts(stack, fx, [ona]);
  groupId = g;
  contractId = registrationIds[0]!;
  started.push(contractId);
  await signIntoForce(stack, fx, contractId, { person: ona, name: 'Ona Dalyvaitė', personalCode: PARTICIPANT_CODE }, SIGNER_CODE);
  // The timetable as it stands: one session, today (the marks' days come from it, DONE-13, DONE-14).
  await onlySessionToday(stack, groupId);
  const contract = stack.client.workflow.getHandle(learningContractWorkflowId(contractId));
  const mark = (action: CompletionMarkCommand['action'], assessment?: string) =>
    contract.executeUpdate(recordCompletionMarkUpdate, {
      args: [{ userId: fx.userId, institutionId: fx.institutionId, action, ...(assessment ? { assessment } : {}) }],
      updateId: crypto.randomUUID(),
    });
  await mark('start');
  await mark('complete');
  await mark('assess', 'ISKAITYTA');
  await mark('confirm');
  await eventually(
    () =>
      stack.db.selectFrom('learning_contracts').select('assessment_confirmed_at').where('id', '=', contractId).executeTakeFirstOrThrow(),
    (row) => row.assessment_confirmed_at !== null,
  );
  // The group itself is not needed further; its workflow would only wait.
  await group.terminate('test done').catch(() => undefined);
}

beforeAll(async () => {
  stack = await startStack('questionnaire-http', { simulators: true });
  fx = await createInstitution(stack.db, 'Anketos institucija');
  other = await createInstitution(stack.db, 'Kita institucija');
  call = appCaller(stack.app);
  ona = await contractParticipant(stack.db, 'Ona', hash(PARTICIPANT_CODE));
  asOna = await personSessionFor(stack.db, {
    audience: 'DALYVIS',
    personKey: ona.personKey,
    participantId: ona.participantId,
    names: ['Ona', 'Dalyvaitė'],
  });
  const rasa = await insertParticipant(stack.db, { firstName: 'Rasa' });
  asRasa = await personSessionFor(stack.db, {
    audience: 'DALYVIS',
    personKey: rasa.personKey,
    participantId: rasa.participantId,
    names: ['Rasa', 'Dalyvė'],
  });
  asProvider = await sessionFor(stack.db, { personalCodeHash: fx.personalCodeHash, institutionId: fx.institutionId, userId: fx.userId });
  asOtherProvider = await sessionFor(stack.db, {
    personalCodeHash: other.personalCodeHash,
    institutionId: other.institutionId,
    userId: other.userId,
  });
  await contractWithConfirmedAssessment();
});

afterAll(async () => {
  if (stack) await terminateContracts(stack, started);
  await stack?.stop();
});

describe('"Vertinimo anketa" in the portal (PORTAL-8, DONE-8)', () => {
  it('is offered in her account, refused to anybody else, checked at the edge, stored once without identity', async () => {
    // Her account: the questionnaire awaits her.
    const list = await (await call('/kursuok/sutartys', { as: asOna })).text();
    expect(list).toContain('Vertinimo anketa');
    expect(list).toContain(`href="/kursuok/sutartys/${contractId}/anketa"`);
    const contractPage = await (await call(`/kursuok/sutartys/${contractId}`, { as: asOna })).text();
    expect(contractPage).toContain(`href="/kursuok/sutartys/${contractId}/anketa"`);

    // The form: a fieldset with its legend per question, 1–5 radios with their words, the optional comment.
    const form = await call(`/kursuok/sutartys/${contractId}/anketa`, { as: asOna });
    expect(form.status).toBe(200);
    const formHtml = await form.text();
    expect(formHtml).toContain(QUESTIONNAIRE_TITLE);
    expect(formHtml.match(/<fieldset/g)).toHaveLength(5);
    for (const label of Object.values(QUESTION_LABELS)) expect(formHtml).toContain(label);
    expect(formHtml.match(/type="radio" name="usefulness"/g)).toHaveLength(5);
    expect(formHtml).toContain('5 – Labai gerai');
    expect(formHtml).toContain('<label for="f-comment">Jūsų pastabos ir pasiūlymai (neprivaloma)</label>');
    expect(formHtml).toContain('Pateikti anketą');

    // Somebody else: her contract is not found, to see or to submit (nothing stored).
    expect((await call(`/kursuok/sutartys/${contractId}/anketa`, { as: asRasa })).status).toBe(404);
    expect((await call(`/kursuok/sutartys/${contractId}/anketa`, { as: asRasa, body: validForm() })).status).toBe(404);
    expect(await answerRows()).toHaveLength(0);

    // Bad input: a question unanswered, a score off the scale, a comment too long — 422, each error tied
    // to its question, what she chose and typed kept, nothing sent.
    const key = crypto.randomUUID();
    const bad = await call(`/kursuok/sutartys/${contractId}/anketa`, {
      as: asOna,
      body: { ...validForm(key), usefulness: '', materials: '7', comment: `Per ilga ${'x'.repeat(2000)}` },
    });
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml).toContain('aria-describedby="e-usefulness"');
    expect(badHtml).toContain('<small id="e-usefulness" class="field-error">Pasirinkite įvertinimą nuo 1 iki 5.</small>');
    expect(badHtml).toContain('<small id="e-materials" class="field-error">Pasirinkite įvertinimą nuo 1 iki 5.</small>');
    expect(badHtml).toContain('<small id="e-comment" class="field-error">Ne daugiau kaip 2000 simbolių.</small>');
    expect(badHtml).toMatch(/<textarea[^>]*aria-describedby="e-comment"/);
    expect(badHtml).toMatch(/name="lecturers" value="4" checked/);
    expect(badHtml).toContain('Per ilga xxx');
    expect(badHtml).toContain(`value="${key}"`);
    expect(await answerRows()).toHaveLength(0);

    // Submitted: one Update; thanks; the answers stored apart from her, with the day only (PROG-31).
    const ok = await call(`/kursuok/sutartys/${contractId}/anketa`, { as: asOna, body: validForm(key) });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe(`/kursuok/sutartys/${contractId}/anketa?pranesimas=pateikta`);
    expect(await (await call(ok.headers.get('location')!, { as: asOna })).text()).toContain('Ačiū, vertinimo anketa pateikta.');
    const row = await stack.db
      .selectFrom('learning_contracts')
      .select('questionnaire_filled_at')
      .where('id', '=', contractId)
      .executeTakeFirstOrThrow();
    expect(row.questionnaire_filled_at).not.toBeNull();
    const rows = await answerRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      institution_id: fx.institutionId,
      programme_id: fx.programmeId,
      usefulness: 5,
      lecturers: 4,
      organisation: 4,
      materials: 3,
      overall: 5,
      comment: 'Labai praktiški užsiėmimai',
      submitted_on: vilniusDate(row.questionnaire_filled_at!),
    });
    // No column could name her or be matched to the contract's instant.
    const columns = await sql<{ column_name: string; data_type: string }>`
      select column_name, data_type from information_schema.columns where table_name = 'questionnaire_answers' order by column_name`.execute(
      stack.db,
    );
    expect(columns.rows.map((c) => c.column_name)).toEqual([
      'comment',
      'group_id',
      'id',
      'institution_id',
      'lecturers',
      'materials',
      'organisation',
      'overall',
      'programme_id',
      'submitted_on',
      'usefulness',
    ]);
    expect(columns.rows.find((c) => c.column_name === 'submitted_on')?.data_type).toBe('date');
    expect(rows[0]!.id).not.toBe(contractId);
    // The workflow keeps no answers in its state.
    const state = await stack.client.workflow.getHandle(learningContractWorkflowId(contractId)).query(contractStateQuery);
    expect(state.completion?.questionnaireFilledAt).toBeTruthy();
    expect(JSON.stringify(state)).not.toContain('praktiški');

    // Her account shows it filled, with no link any more.
    const after = await (await call('/kursuok/sutartys', { as: asOna })).text();
    expect(after).not.toContain(`href="/kursuok/sutartys/${contractId}/anketa"`);
    const afterPage = await (await call(`/kursuok/sutartys/${contractId}`, { as: asOna })).text();
    expect(afterPage).toContain('data-questionnaire-status="UZPILDYTA"');

    // Twice (the same form again, or a new one): a clear refusal, nothing changed.
    for (const again of [key, crypto.randomUUID()]) {
      const twice = await call(`/kursuok/sutartys/${contractId}/anketa`, { as: asOna, body: { ...validForm(again), overall: '1' } });
      expect(twice.status).toBe(409);
      expect(await twice.text()).toContain(COMPLETION_MESSAGES.questionnaireFilled);
    }
    expect(await answerRows()).toHaveLength(1);
  });
});

/** Anonymous answers of the group, as other participants' questionnaires would have stored them. */
async function insertAnswers(n: number, overall: number, comment: string | null) {
  for (let i = 0; i < n; i++)
    await stack.db
      .insertInto('questionnaire_answers')
      .values({
        institution_id: fx.institutionId,
        programme_id: fx.programmeId,
        group_id: groupId,
        usefulness: 4,
        lecturers: 4,
        organisation: 3,
        materials: 2,
        overall,
        comment,
        submitted_on: vilniusDate(new Date()),
      })
      .execute();
}

describe('"Dalyvių atsiliepimai" in tab "Grupės" (PROG-21, PROG-22, PROG-31)', () => {
  it('shows only aggregates, for a group "Užbaigta", and only from 5 answers; another institution sees nothing', async () => {
    const tab = () => call(`/programos/${fx.programmeId}`, { as: asProvider }).then((r) => r.text());
    const page = () => call(`/programos/${fx.programmeId}/grupes/${groupId}/atsiliepimai`, { as: asProvider });
    expect(await answerRows()).toHaveLength(1);

    // Not "Užbaigta" yet: nothing shown.
    expect(await tab()).toContain('title="Dalyvių atsiliepimai ir programos vertinimas rodomi, kai grupės būsena „Užbaigta“."');
    const early = await (await page()).text();
    expect(early).toContain('rodomi, kai grupės būsena „Užbaigta“');
    expect(early).not.toContain('programos-vertinimas');

    // "Užbaigta" (what the group's workflow projects; H4's path), below the threshold: the count only.
    await stack.db.updateTable('training_groups').set({ status: GroupStatus.Completed }).where('id', '=', groupId).execute();
    await insertAnswers(MIN_ANSWERS_FOR_AGGREGATE - 2, 1, 'Vėlavo pradėti');
    expect(await answerRows()).toHaveLength(MIN_ANSWERS_FOR_AGGREGATE - 1);
    const below = await tab();
    expect(below).toContain(`Rezultatai rodomi, kai gaunama ne mažiau kaip 5 atsakymų (dabar: ${MIN_ANSWERS_FOR_AGGREGATE - 1}).`);
    expect(below).not.toContain(`/grupes/${groupId}/atsiliepimai`);
    const belowPage = await (await page()).text();
    expect(belowPage).toContain('(dabar: 4)');
    expect(belowPage).not.toContain('Vėlavo pradėti');
    expect(belowPage).not.toContain('praktiški');

    // At 5: the count and the averages per question; the comments alphabetically, without scores or dates.
    await insertAnswers(1, 3, null);
    const shown = await tab();
    expect(shown).toContain(`href="/programos/${fx.programmeId}/grupes/${groupId}/atsiliepimai">Atsakymų: 5</a>`);
    // overall: (5 + 1 + 1 + 1 + 3) / 5 = 2.2
    expect(shown).toContain('<strong>2,2</strong> iš 5');
    const full = await page();
    expect(full.status).toBe(200);
    const fullHtml = await full.text();
    const cell = (q: string) => fullHtml.match(new RegExp(`data-question="${q}"><th scope="row">[^<]+</th><td>([^<]+)</td>`))?.[1];
    // usefulness: (5 + 4·4) / 5 = 4.2; materials: (3 + 2·4) / 5 = 2.2; overall 2.2
    expect(cell('usefulness')).toBe('4,2');
    expect(cell('materials')).toBe('2,2');
    expect(cell('overall')).toBe('2,2');
    const comments = [...fullHtml.matchAll(/<li>([^<]+)<\/li>/g)].map((m) => m[1]);
    expect(comments).toEqual(['Labai praktiški užsiėmimai', 'Vėlavo pradėti', 'Vėlavo pradėti', 'Vėlavo pradėti']);
    expect(fullHtml).not.toContain(vilniusDate(new Date()));

    // Another institution: the group's page is not found, its tab has none of it.
    expect((await call(`/programos/${fx.programmeId}/grupes/${groupId}/atsiliepimai`, { as: asOtherProvider })).status).toBe(404);
    expect((await call(`/programos/${other.programmeId}/grupes/${groupId}/atsiliepimai`, { as: asOtherProvider })).status).toBe(404);
    expect(await (await call(`/programos/${other.programmeId}`, { as: asOtherProvider })).text()).not.toContain('Atsakymų: 5');
  });
});

describe('the answers are stored once (the projection, PROG-31)', () => {
  it('only with the projection that fills the questionnaire: a retried or later projection stores nothing again', async () => {
    // A contract row of its own in the same group, in force with the assessment confirmed.
    const id = crypto.randomUUID();
    await stack.db
      .insertInto('group_registrations')
      .values({
        id,
        group_id: groupId,
        institution_id: fx.institutionId,
        person_key: `questionnaire-${id}`,
        first_name: 'Eglė',
        last_name: 'Dalyvė',
        email: 'egle@example.lt',
        phone: null,
        funding: 'IMP_KREPSELIS',
        status: 'CONTRACTED',
        participant_id: null,
      })
      .execute();
    await stack.db
      .insertInto('learning_contracts')
      .values({
        id,
        institution_id: fx.institutionId,
        group_id: groupId,
        programme_id: fx.programmeId,
        participant_id: null,
        version: 7,
        phase: 'GALIOJA',
        participant_status: 'PASIRASYTA',
        provider_status: 'PASIRASYTA',
        signing_deadline: new Date(),
        assessment_confirmed_at: new Date(),
      })
      .execute();
    const before = (await answerRows()).length;
    const answers = { scores: { usefulness: 2, lecturers: 2, organisation: 2, materials: 2, overall: 2 }, comment: null };
    const projection = (version: number) => ({
      contractId: id,
      institutionId: fx.institutionId,
      version,
      phase: 'GALIOJA' as const,
      participantStatus: 'PASIRASYTA' as const,
      providerStatus: 'PASIRASYTA' as const,
      employerStatus: null,
      waitingReason: null,
      // As an activity's JSON input carries it.
      set: { questionnaire_filled_at: new Date().toISOString() as unknown as Date },
      actor: { participantId: 'p' },
      questionnaireAnswers: answers,
    });
    expect((await applyContractProjection(stack.db, projection(8))).applied).toBe(true);
    expect(await answerRows()).toHaveLength(before + 1);
    // The same projection retried (the activity again after its commit): not applied, nothing stored.
    expect((await applyContractProjection(stack.db, projection(8))).applied).toBe(false);
    // A later one carrying answers again (a replay with other input): the row is filled already.
    expect((await applyContractProjection(stack.db, projection(9))).applied).toBe(true);
    expect(await answerRows()).toHaveLength(before + 1);
    const row = await stack.db
      .selectFrom('learning_contracts')
      .select(['version', 'questionnaire_filled_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.version).toBe(9);
    expect(row.questionnaire_filled_at).not.toBeNull();
  });
});
