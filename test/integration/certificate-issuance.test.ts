// The daily certificate batch through the real path (issue 13; DONE-9, DONE-10, DONE-12, DONE-16,
// DONE-17, DONE-18, DONE-19, INST-9, N15): learning contracts in force whose participants started,
// completed, were assessed with the assessment confirmed and filled the questionnaire yesterday (those
// facts set straight in Postgres — the marks themselves are the contract workflow's tests), the daily
// schedule triggered on the test's task queue, the real worker issuing: one certificate row per
// contract with a unique number and code, the PDF stored with its SHA-256, its text (pdftotext), its
// seal (pdfsig, trusting the signing gateway simulator's CA) and its QR code (the verification
// address); N15 in Mailpit; a second run issues nothing twice; a terminated contract, a questionnaire
// filled today and a contract without a confirmed assessment get nothing. Regeneration keeps the number,
// the code and the snapshot (INST-9: a later change of the contact person does not reach it).
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import jsQRBundle from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCertificateActivities } from '../../activities/certificates.ts';
import {
  findCertificateByContract,
  findCertificateByVerificationCode,
  listCertificatesOfParticipant,
} from '../../db/queries/certificates.ts';
import { dueCertificateContractIds } from '../../db/queries/certificates.ts';
import { certificateIssuanceSchedule, CERTIFICATE_ISSUANCE_SCHEDULE_ID, ensureSchedule } from '../../worker/schedules.ts';
import type { CertificateIssuanceResult } from '../../workflows/certificate-issuance/messages.ts';
import { vilniusDate } from '../../workflows/domain/calendar.ts';
import { parseCertificateNumber } from '../../workflows/domain/certificate.ts';
import { CERTIFICATE_ISSUANCE_SCHEDULED_WORKFLOW_ID } from '../../workflows/ids.ts';
import { contractParticipant, groupWithContracts, terminateContracts } from '../support/contracts.ts';
import { createInstitution, type InstitutionFixture } from '../support/fixtures.ts';
import { mailpit, mailpitQuery } from '../support/mailpit.ts';
import { pdfLayoutText, pdfScratch, poppler } from '../support/pdftext.ts';
import { pdfsig } from '../support/pdfsig.ts';
import type { TestParticipant } from '../support/participants.ts';
import { startStack, type TestStack } from '../support/stack.ts';
import { eventually } from '../support/wait.ts';

const scratch = pdfScratch('certificate-issuance');
let stack: TestStack;
let fx: InstitutionFixture;
let people: TestParticipant[];
let ids: string[];
let groupId: string;
const scheduleId = `${CERTIFICATE_ISSUANCE_SCHEDULE_ID}-test-${crypto.randomUUID().slice(0, 8)}`;
const DAY = 24 * 3600 * 1000;

async function decodeQr(pdf: Uint8Array): Promise<string | null> {
  const path = await scratch.save(pdf);
  await poppler('pdftoppm', ['-png', '-r', '150', '-f', '1', '-l', '1', '-singlefile', path, path]);
  const png = PNG.sync.read(await readFile(`${path}.png`));
  return (
    jsQRBundle.default(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength), png.width, png.height)?.data ??
    null
  );
}

const fileBytes = async (fileId: string) =>
  await stack.db.selectFrom('stored_files').select(['content', 'purpose']).where('id', '=', fileId).executeTakeFirstOrThrow();

/** Triggers the schedule and waits for the run it starts; its result. */
async function triggerAndWait(): Promise<CertificateIssuanceResult> {
  const handle = stack.client.schedule.getHandle(scheduleId);
  const before = (await handle.describe()).info.recentActions.length;
  await handle.trigger();
  const described = await eventually(
    () => handle.describe(),
    (d) => d.info.recentActions.length > before,
    30_000,
  );
  const { workflow } = described.info.recentActions.at(-1)!.action;
  expect(workflow.workflowId.startsWith(CERTIFICATE_ISSUANCE_SCHEDULED_WORKFLOW_ID)).toBe(true);
  return (await stack.client.workflow.getHandle(workflow.workflowId, workflow.firstExecutionRunId).result()) as CertificateIssuanceResult;
}

beforeAll(async () => {
  stack = await startStack('certificate-issuance', { simulators: true });
  fx = await createInstitution(stack.db, 'Sertifikatų institucija');
  const names = ['Ūla', 'Šarūnas', 'Nutrauktoji', 'Šiandieninė', 'Nepatvirtinta'];
  people = [];
  for (const n of names) people.push(await contractParticipant(stack.db, n));
  const made = await groupWithContracts(stack, fx, people);
  ids = made.registrationIds;
  groupId = made.groupId;
  // Only the rows matter from here: the workflows that made them stop, and the facts of completion are set directly.
  await terminateContracts(stack, ids);
  await made.group.terminate('test: the group workflow is not part of this test').catch(() => undefined);
  const today = vilniusDate(new Date());
  const startDay = vilniusDate(new Date(Date.now() - 40 * DAY));
  const endDay = vilniusDate(new Date(Date.now() - 3 * DAY));
  const regDay = vilniusDate(new Date(Date.now() - 50 * DAY));
  await stack.db
    .updateTable('training_groups')
    .set({ registration_start: regDay, registration_end: regDay, programme_start: startDay, programme_end: endDay })
    .where('id', '=', groupId)
    .execute();
  const yesterday = new Date(Date.now() - DAY);
  const completion = {
    phase: 'GALIOJA' as const,
    started_at: new Date(Date.now() - 39 * DAY),
    completed_at: new Date(Date.now() - 3 * DAY),
    assessment: 'ISKAITYTA',
    assessment_confirmed_at: new Date(Date.now() - 2 * DAY),
    questionnaire_filled_at: yesterday,
  };
  await stack.db.updateTable('learning_contracts').set(completion).where('id', 'in', ids).execute();
  // DONE-18: terminated; DONE-10: the questionnaire filled today waits for tomorrow; DONE-9: assessment not confirmed.
  await stack.db
    .updateTable('learning_contracts')
    .set({ phase: 'NUTRAUKTA', terminated_at: new Date() })
    .where('id', '=', ids[2]!)
    .execute();
  await stack.db.updateTable('learning_contracts').set({ questionnaire_filled_at: new Date() }).where('id', '=', ids[3]!).execute();
  await stack.db.updateTable('learning_contracts').set({ assessment_confirmed_at: null }).where('id', '=', ids[4]!).execute();
  expect(vilniusDate(new Date())).toBe(today);
  await ensureSchedule(
    stack.client,
    certificateIssuanceSchedule(
      stack.config.temporal.taskQueue,
      { chunkSize: 1, concurrency: 2, institutionIds: [fx.institutionId] },
      scheduleId,
    ),
  );
}, 180_000);

afterAll(async () => {
  await stack?.client.schedule
    .getHandle(scheduleId)
    .delete()
    .catch(() => undefined);
  await stack?.stop();
  await scratch.remove();
});

describe('the daily certificate batch', () => {
  it('issues, from the schedule, one sealed certificate to each participant due and to no one else; N15 goes out', async () => {
    const result = await triggerAndWait();
    expect(result).toMatchObject({ day: vilniusDate(new Date()), issued: 2, failed: 0 });

    const [ula, sarunas, terminated, today, unconfirmed] = await Promise.all(ids.map((id) => findCertificateByContract(stack.db, id)));
    expect(terminated).toBeUndefined();
    expect(today).toBeUndefined();
    expect(unconfirmed).toBeUndefined();
    expect(ula && sarunas).toBeTruthy();
    const cert = ula!;
    expect(cert.number).not.toBe(sarunas!.number);
    expect(cert.verification_code).not.toBe(sarunas!.verification_code);
    expect(parseCertificateNumber(cert.number)?.year).toBe(Number(vilniusDate(new Date()).slice(0, 4)));
    expect(cert).toMatchObject({
      institution_id: fx.institutionId,
      group_id: groupId,
      programme_id: fx.programmeId,
      participant_id: people[0]!.participantId,
      issued_on: vilniusDate(new Date()),
      regenerated_at: null,
    });
    // INST-9, DONE-12: the contact person as the institution's card holds it now; DONE-20: the configured format's words.
    expect(cert.data.institution.contactPerson).toEqual({ firstName: 'Jonas', lastName: 'Atsakingasis', position: 'Direktorius' });
    expect(cert.data.assessment).toEqual({ formatLabel: 'Įskaita', result: 'Įskaityta' });
    expect(cert.data.verificationUrl).toBe(`${stack.config.web.publicUrl}/kursuok/pazymejimai/${cert.verification_code}`);
    // H6's reads.
    expect((await findCertificateByVerificationCode(stack.db, cert.verification_code))?.id).toBe(cert.id);
    expect((await listCertificatesOfParticipant(stack.db, people[0]!.participantId)).map((c) => c.id)).toEqual([cert.id]);

    const file = await fileBytes(cert.file_id);
    expect(file.purpose).toBe('CERTIFICATE');
    expect(createHash('sha256').update(file.content).digest('hex')).toBe(cert.file_sha256);
    const { line } = await pdfLayoutText(scratch, file.content);
    expect(line).toContain(`Nr. ${cert.number}`);
    expect(line).toContain('Ūla Dalyvaitė');
    expect(line).toContain('Jonas Atsakingasis');
    // The seal: one valid signature by the system's e-seal, issued under the gateway simulator's CA, over the whole file.
    const [seal, ...more] = await pdfsig(file.content, [stack.signing!.caCertificatePem]);
    expect(more).toEqual([]);
    expect(seal).toMatchObject({
      signerCommonName: 'IMP IS (KURSUOK) elektroninis spaudas',
      signatureValidation: 'Signature is Valid.',
      certificateValidation: 'Certificate is Trusted.',
      totalDocumentSigned: true,
    });
    expect(await decodeQr(file.content)).toBe(cert.data.verificationUrl);

    // N15 (DONE-16): to the participant, with her account's link and the verification address.
    const mail = await mailpit.waitForMessage(
      () => true,
      30_000,
      mailpitQuery({ to: people[0]!.email, subject: 'Jūsų skaitmeninis pažymėjimas parengtas' }),
    );
    const text = (await mailpit.message(mail.ID)).Text;
    expect(text).toContain(`Nr. ${cert.number}`);
    expect(text).toContain(`${stack.config.web.publicUrl}/kursuok/sutartys/${ids[0]}`);
    expect(text).toContain(cert.data.verificationUrl);
    const audit = await stack.db.selectFrom('audit_log').select('action').where('entity_id', '=', cert.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['issue']);
  }, 120_000);

  it('a second run issues nothing twice: the same rows, no second e-mail', async () => {
    const before = await stack.db.selectFrom('certificates').selectAll().where('group_id', '=', groupId).orderBy('number').execute();
    const again = await triggerAndWait();
    expect(again).toMatchObject({ listed: 0, issued: 0 });
    const after = await stack.db.selectFrom('certificates').selectAll().where('group_id', '=', groupId).orderBy('number').execute();
    expect(after).toEqual(before);
    const mails = await stack.db
      .selectFrom('email_outbox')
      .select('id')
      .where('kind', '=', 'CERTIFICATE_ISSUED')
      .where('to_address', '=', people[0]!.email)
      .execute();
    expect(mails).toHaveLength(1);
    // An issue of a contract already certified (a retried chunk) changes nothing either.
    const activities = createCertificateActivities({ db: stack.db, config: stack.config });
    expect(await activities.issueCertificates({ day: vilniusDate(new Date()), contractIds: [ids[0]!, ids[1]!, ids[2]!] })).toEqual({
      issued: 0,
      skipped: 3,
      failed: [],
      outboxIds: [],
    });
  }, 90_000);

  it('regenerates from the snapshot: the same number, code and contact person, a fresh seal (INST-9)', async () => {
    const before = (await findCertificateByContract(stack.db, ids[0]!))!;
    await stack.db
      .updateTable('institution_info')
      .set({ contact_first_name: 'Petras', contact_last_name: 'Naujasis', contact_position: 'Pavaduotojas' })
      .where('institution_id', '=', fx.institutionId)
      .execute();
    const activities = createCertificateActivities({ db: stack.db, config: stack.config });
    const r = await activities.regenerateCertificate({ certificateId: before.id });
    const after = (await findCertificateByContract(stack.db, ids[0]!))!;
    expect(r.number).toBe(before.number);
    expect(after).toMatchObject({
      number: before.number,
      verification_code: before.verification_code,
      data: before.data,
      file_id: r.fileId,
    });
    expect(after.file_id).not.toBe(before.file_id);
    expect(after.regenerated_at).toBeInstanceOf(Date);
    const file = await fileBytes(after.file_id);
    expect(createHash('sha256').update(file.content).digest('hex')).toBe(after.file_sha256);
    const { line } = await pdfLayoutText(scratch, file.content);
    expect(line).toContain(`Nr. ${before.number}`);
    expect(line).toContain('Jonas Atsakingasis');
    expect(line).not.toContain('Petras Naujasis');
    const [seal] = await pdfsig(file.content, [stack.signing!.caCertificatePem]);
    expect(seal?.signatureValidation).toBe('Signature is Valid.');
    const audit = await stack.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', before.id)
      .orderBy('occurred_at')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['issue', 'regenerate']);
  }, 60_000);

  it('a participant due waits for the programme’s end date, and a run for other institutions does not take her', async () => {
    const tomorrow = vilniusDate(new Date(Date.now() + DAY));
    const due = (day: string, institutionIds?: string[]) =>
      dueCertificateContractIds(stack.db, { day, afterId: null, limit: 10, ...(institutionIds ? { institutionIds } : {}) });
    // Her questionnaire was filled today (ids[3]): due tomorrow, for her institution.
    expect(await due(tomorrow, [fx.institutionId])).toEqual([ids[3]]);
    expect(await due(tomorrow, [crypto.randomUUID()])).toEqual([]);
    expect(await due(tomorrow, [])).toEqual([]);
    // The programme ends only after tomorrow: a certificate is never dated before it (not counted as failed meanwhile).
    const [group] = await stack.db.selectFrom('training_groups').select('programme_end').where('id', '=', groupId).execute();
    await stack.db
      .updateTable('training_groups')
      .set({ programme_end: vilniusDate(new Date(Date.now() + 2 * DAY)) })
      .where('id', '=', groupId)
      .execute();
    try {
      expect(await due(tomorrow, [fx.institutionId])).toEqual([]);
    } finally {
      await stack.db.updateTable('training_groups').set({ programme_end: group!.programme_end }).where('id', '=', groupId).execute();
    }
  });
});
