// "Dokumentų pateikimas užimtumo tarnybai" through the real path (§3.13; UZTDOC-1..UZTDOC-10, UZT-6):
// a UŽT client registers with her coupon, the provider approves (Section II to the UŽT simulator),
// the Employment Service's officer approves the coupon — and the coupon workflow starts
// UztSettlement:<registrationId>. The provider's list shows her; her window takes a settlement
// document (type, period, ADOC), refusing bad input with 422 and storing nothing; a good one is
// stored, delivered to the UŽT simulator while it fails for a while, and listed with date, user and
// delivery status. Another institution gets 404.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Coupon } from '../../activities/registries/uzt.ts';
import { hashPersonalCode } from '../../worker/crypto.ts';
import { ADOC_MEDIA_TYPE, ADOC_MESSAGES } from '../../workflows/domain/adoc.ts';
import { expectedPeriod, type SettlementTerms } from '../../workflows/domain/uzt-settlement.ts';
import { uztSettlementWorkflowId } from '../../workflows/ids.ts';
import { registryFixtures } from '../sim/registries/fixtures.ts';
import { TEST_PEOPLE } from '../sim/viisp/people.ts';
import { createInstitution, type InstitutionFixture } from '../support/fixtures.ts';
import { appCaller } from '../support/http.ts';
import { ORIGIN } from '../support/login.ts';
import { deadlinesIn, groupInfo, insertParticipant, publishedGroup, registerThroughWorkflow } from '../support/participants.ts';
import { adminSession, personSessionFor, type TestSession } from '../support/session.ts';
import { startStack, type TestStack } from '../support/stack.ts';
import { approveBody, uztInstitution, UZT_GROUP } from '../support/uzt.ts';
import { eventually } from '../support/wait.ts';
import { adocEntries, buildZip, sampleAdoc } from '../support/zip.ts';

let stack: TestStack;
let fx: InstitutionFixture;
let admin: TestSession;
let otherAdmin: TestSession;
let officer: TestSession;
let call: ReturnType<typeof appCaller>;
let registrationId: string;
let participantName: string;
let terms: SettlementTerms;

const s = () => ({ client: stack.client, db: stack.db, taskQueue: stack.config.temporal.taskQueue });
const couponRow = (id: string) => stack.db.selectFrom('uzt_coupons').selectAll().where('registration_id', '=', id).executeTakeFirst();
const submissions = (id: string) =>
  stack.db.selectFrom('uzt_settlement_documents').selectAll().where('registration_id', '=', id).orderBy('submitted_at').execute();
const adocFiles = () =>
  stack.db
    .selectFrom('stored_files')
    .select(['id', 'content_type'])
    .where('institution_id', '=', fx.institutionId)
    .where('purpose', '=', 'UZT_SETTLEMENT_DOCUMENT')
    .execute();

/** A multipart POST of the submission form as the logged-in user. */
function post(path: string, as: TestSession, values: Record<string, string>, file?: { bytes: Uint8Array; name: string }, htmx = false) {
  const form = new FormData();
  for (const [k, v] of Object.entries(values)) form.append(k, v);
  if (file) form.append('file', new File([file.bytes as Uint8Array<ArrayBuffer>], file.name, { type: 'application/octet-stream' }));
  return stack.app.request(`${ORIGIN}${path}`, {
    method: 'POST',
    headers: { Cookie: as.cookie, Origin: ORIGIN, 'X-CSRF-Token': as.csrf, ...(htmx ? { 'HX-Request': 'true' } : {}) },
    body: form,
  });
}

beforeAll(async () => {
  stack = await startStack('uzt-documents', { simulators: true });
  const uzt = await uztInstitution(stack.db, 'UŽT dokumentų institucija');
  fx = uzt.fx;
  admin = await adminSession(stack.db, fx);
  otherAdmin = await adminSession(stack.db, await createInstitution(stack.db, 'Kita institucija'));
  call = appCaller(stack.app);
  const renata = TEST_PEOPLE.renata;
  const personKey = hashPersonalCode(stack.config.secrets.personalCodePepper, renata.personalCode);
  await stack.db
    .insertInto('staff_members')
    .values({
      person_key: personKey,
      role: 'UZT',
      first_name: renata.givenName,
      last_name: renata.familyName,
      email: 'renata@uzt.example.lt',
    })
    .onConflict((oc) => oc.columns(['person_key', 'role']).doNothing())
    .execute();
  const officerId = (
    await stack.db
      .selectFrom('staff_members')
      .select('id')
      .where('person_key', '=', personKey)
      .where('role', '=', 'UZT')
      .executeTakeFirstOrThrow()
  ).id;
  officer = await personSessionFor(stack.db, {
    audience: 'UZT',
    personKey,
    staffMemberId: officerId,
    names: [renata.givenName, renata.familyName],
  });

  // A UŽT client registered through the group workflow, approved by the provider and by UŽT.
  const coupon: Coupon = [...registryFixtures().coupons.values()].filter(
    (c) => c.status === 'ISSUED' && c.personalCode !== TEST_PEOPLE.ieva.personalCode,
  )[7]!;
  const { groupId, handle } = await publishedGroup(s(), fx, deadlinesIn(3, 600), groupInfo(fx, UZT_GROUP));
  const p = await insertParticipant(stack.db, {
    firstName: coupon.givenName,
    personKey: hashPersonalCode(stack.config.secrets.personalCodePepper, coupon.personalCode),
  });
  participantName = `${p.firstName} Dalyvaitė`;
  registrationId = await registerThroughWorkflow(stack.db, handle, p, 'UZT', { number: coupon.number });
  await eventually(
    () => couponRow(registrationId),
    (r) => r?.status === 'I_SKYRIUS',
  );
  const approved = await call(`/grupes/${groupId}/dalyviai/${registrationId}/sprendimas`, {
    as: admin,
    htmx: true,
    body: approveBody(uzt.employerId),
  });
  expect(approved.status).toBe(200);
  await eventually(
    () => couponRow(registrationId),
    (r) => r?.status === 'LAUKIA_UZT',
  );
  // Before UŽT decides, she is not on the list (UZTDOC-10).
  expect(await (await call('/uzt-dokumentai', { as: admin })).text()).not.toContain(participantName);
  const decided = await call(`/uzt/kuponai/${registrationId}`, {
    as: officer,
    body: { idempotencyKey: crypto.randomUUID(), decision: 'APPROVED' },
  });
  expect(decided.status).toBe(303);
  const row = await eventually(
    () => couponRow(registrationId),
    (r) => r?.status === 'PATVIRTINTAS',
  );
  const section2 = row!.section2 as { startDate: string; endDate: string };
  terms = { frequency: 'KAS_MENESI', measureStart: section2.startDate, measureEnd: section2.endDate };
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

describe('Dokumentų pateikimas užimtumo tarnybai (§3.13)', () => {
  it('the coupon workflow started the client’s settlement workflow; the list shows her with a link to her window (UZTDOC-1, UZTDOC-3, UZTDOC-10)', async () => {
    const described = await eventually(
      () =>
        stack.client.workflow
          .getHandle(uztSettlementWorkflowId(registrationId))
          .describe()
          .catch(() => null),
      (d) => d !== null,
    );
    expect(described?.status.name).toBe('RUNNING');
    const home = await (await call('/', { as: admin })).text();
    expect(home).toContain('href="/uzt-dokumentai"');
    const list = await call('/uzt-dokumentai', { as: admin });
    expect(list.status).toBe(200);
    const page = await list.text();
    expect(page).toContain('<h1>Dokumentų pateikimas užimtumo tarnybai</h1>');
    expect(page).toContain(`href="/uzt-dokumentai/${registrationId}"`);
    expect(page).toContain(participantName);
    expect(page).toContain('kiekvieną mėnesį');
    // Another institution's list does not show her; her window is 404 to it (GEN-5).
    expect(await (await call('/uzt-dokumentai', { as: otherAdmin })).text()).not.toContain(participantName);
    expect((await call(`/uzt-dokumentai/${registrationId}`, { as: otherAdmin })).status).toBe(404);
    expect((await call(`/uzt-dokumentai/${crypto.randomUUID()}`, { as: admin })).status).toBe(404);
  });

  it('the window: type from the operator’s list, the period, the ADOC file (UZTDOC-4..UZTDOC-6)', async () => {
    const res = await call(`/uzt-dokumentai/${registrationId}`, { as: admin });
    expect(res.status).toBe(200);
    const page = await res.text();
    for (const text of [
      'Užimtumo tarnybos mokymo dalyvio dokumentų pateikimo langas',
      'Dokumento tipas',
      'Lankomumo žiniaraštis',
      'Suteiktų paslaugų aktas',
      'Atsiskaitymo laikotarpis nuo',
      'Atsiskaitymo laikotarpis iki',
      'Dokumentas (adoc formatu)',
      'enctype="multipart/form-data"',
      'Dokumentų dar nepateikta.',
    ]) {
      expect(page).toContain(text);
    }
  });

  it('bad input: 422 with a Lithuanian message, what was typed kept, nothing stored (UZTDOC-5, UZTDOC-6, UZTDOC-9)', async () => {
    const month = expectedPeriod(terms, terms.measureStart);
    const path = `/uzt-dokumentai/${registrationId}`;
    const good = { documentType: 'LANKOMUMO_ZINIARASTIS', periodFrom: month.from, periodTo: month.to };
    const cases: [Record<string, string>, { bytes: Uint8Array; name: string } | undefined, string][] = [
      [good, { bytes: new TextEncoder().encode('%PDF-1.7\n%%EOF\n'), name: 'aktas.adoc' }, ADOC_MESSAGES.notZip],
      [good, { bytes: buildZip(adocEntries().slice(1)), name: 'be-mimetype.adoc' }, ADOC_MESSAGES.noMimetype],
      [
        good,
        { bytes: buildZip([...adocEntries(), { name: '../../etc/cron.d/x', data: 'x' }]), name: 'kelias.adoc' },
        ADOC_MESSAGES.unsafeName,
      ],
      [
        good,
        { bytes: buildZip([...adocEntries(), { name: 'bomba.bin', data: new Uint8Array(3 * 1024 * 1024) }]), name: 'bomba.adoc' },
        ADOC_MESSAGES.ratio,
      ],
      [good, undefined, 'Pridėkite dokumentą adoc formatu.'],
      [
        { ...good, periodFrom: month.to, periodTo: month.from },
        { bytes: sampleAdoc(), name: 'lankomumas.adoc' },
        '„nuo“ turi būti ne vėliau nei „iki“',
      ],
      [
        { ...good, periodFrom: '2020-01-01', periodTo: '2020-01-31' },
        { bytes: sampleAdoc(), name: 'lankomumas.adoc' },
        'priemonės (mokymų) laikotarpio ribose',
      ],
      [{ ...good, documentType: '' }, { bytes: sampleAdoc(), name: 'lankomumas.adoc' }, 'Pasirinkite dokumento tipą.'],
    ];
    for (const [values, file, message] of cases) {
      const res = await post(path, admin, { idempotencyKey: crypto.randomUUID(), ...values }, file, true);
      expect(res.status, message).toBe(422);
      const body = await res.text();
      expect(body).toContain(message);
      if (values.periodFrom) expect(body).toContain(`value="${values.periodFrom}"`);
    }
    expect(await submissions(registrationId)).toEqual([]);
    expect(await adocFiles()).toEqual([]);
    // Another institution's user cannot submit for her.
    const foreign = await post(path, otherAdmin, { idempotencyKey: crypto.randomUUID(), ...good }, { bytes: sampleAdoc(), name: 'x.adoc' });
    expect(foreign.status).toBe(404);
    expect(await submissions(registrationId)).toEqual([]);
  });

  it('a good document is stored and delivered to UŽT, retried while UŽT fails, and listed with date, user and delivery status (UZTDOC-7)', async () => {
    const month = expectedPeriod(terms, terms.measureStart);
    const sim = stack.registries!;
    // UŽT answers 503 to the next four settlement requests: the first delivery attempt fails after its
    // own three tries, the workflow tries again.
    sim.fail('uzt', { mode: 'status', status: 503, times: 4, pathIncludes: 'settlement' });
    const key = crypto.randomUUID();
    const adoc = sampleAdoc();
    const values = { idempotencyKey: key, documentType: 'LANKOMUMO_ZINIARASTIS', periodFrom: month.from, periodTo: month.to };
    const res = await post(`/uzt-dokumentai/${registrationId}`, admin, values, { bytes: adoc, name: 'lankomumas.adoc' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/uzt-dokumentai/${registrationId}?pranesimas=pateikta`);
    // A double submit (same form key) is one submission.
    expect((await post(`/uzt-dokumentai/${registrationId}`, admin, values, { bytes: adoc, name: 'lankomumas.adoc' })).status).toBe(303);

    const [row] = await submissions(registrationId);
    expect(row).toMatchObject({ id: key, document_type: 'LANKOMUMO_ZINIARASTIS', period_from: month.from, period_to: month.to });
    const sending = await (await call(`/uzt-dokumentai/${registrationId}?pranesimas=pateikta`, { as: admin })).text();
    expect(sending).toContain('Dokumentas pateiktas ir siunčiamas Užimtumo tarnybai.');
    expect(sending).toContain('lankomumas.adoc');
    expect(sending).toContain('Lankomumo žiniaraštis');
    expect(sending).toMatch(/Siunčiama Užimtumo tarnybai|Pristatyta Užimtumo tarnybai/);

    const delivered = await eventually(
      () => submissions(registrationId),
      (rows) => rows[0]?.delivery_status === 'PRISTATYTA',
      60_000,
    );
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.attempts).toBeGreaterThanOrEqual(2);
    const received = sim.settlementDocuments().filter((d) => d.idempotencyKey === `settlement:${key}`);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      documentType: 'LANKOMUMO_ZINIARASTIS',
      documentTypeName: 'Lankomumo žiniaraštis',
      periodFrom: month.from,
      periodTo: month.to,
      fileName: 'lankomumas.adoc',
      size: adoc.byteLength,
      receipt: delivered[0]!.uzt_receipt,
    });
    const page = await (await call(`/uzt-dokumentai/${registrationId}`, { as: admin })).text();
    expect(page).toContain('Pristatyta Užimtumo tarnybai');
    expect(page).toContain(delivered[0]!.submitted_by_name);
    // The stored file downloads as ADOC for the institution, 404 for another.
    const files = await adocFiles();
    expect(files).toEqual([{ id: row!.file_id, content_type: ADOC_MEDIA_TYPE }]);
    const download = await call(`/failai/${row!.file_id}`, { as: admin });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe(ADOC_MEDIA_TYPE);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(adoc);
    expect((await call(`/failai/${row!.file_id}`, { as: otherAdmin })).status).toBe(404);
  }, 90_000);
});
