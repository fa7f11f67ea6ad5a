// The UŽT coupon round trip through the real path (§3.7.3.2, L4; UZT-4..UZT-21): a UŽT-funded
// registration reaches the group workflow with its coupon number, the group starts the coupon, which
// fetches Section I from the UŽT simulator, the provider approves in "Mokymo dalyviai" (Section II to UŽT), the Employment
// Service's officer decides on /uzt — an approval lets the contract invitation go, a rejection
// cancels the registration, frees the place and e-mails the participant and the provider.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Coupon } from '../../activities/registries/uzt.ts';
import { hashPersonalCode } from '../../worker/crypto.ts';
import { uztCouponWorkflowId } from '../../workflows/ids.ts';
import { registryFixtures } from '../sim/registries/fixtures.ts';
import { driveViispLogin } from '../sim/viisp/drive.ts';
import { TEST_PEOPLE } from '../sim/viisp/people.ts';
import type { InstitutionFixture } from '../support/fixtures.ts';
import { appCaller } from '../support/http.ts';
import { Jar, ORIGIN } from '../support/login.ts';
import { mailpit, mailpitQuery } from '../support/mailpit.ts';
import { deadlinesIn, groupInfo, insertParticipant, publishedGroup, registerThroughWorkflow } from '../support/participants.ts';
import { approveBody as uztApproveBody, uztInstitution, UZT_GROUP } from '../support/uzt.ts';
import { eventually } from '../support/wait.ts';
import { adminSession, personSessionFor, type TestSession } from '../support/session.ts';
import { startStack, type TestStack } from '../support/stack.ts';

let stack: TestStack;
let fx: InstitutionFixture;
let admin: TestSession;
let officer: TestSession;
let officerId: string;
let employerId: string;
let call: ReturnType<typeof appCaller>;
let providerEmail: string;
/** Open coupons of the simulator, one per test. */
let coupons: Coupon[];

const s = () => ({ client: stack.client, db: stack.db, taskQueue: stack.config.temporal.taskQueue });
const couponRow = (registrationId: string) =>
  stack.db.selectFrom('uzt_coupons').selectAll().where('registration_id', '=', registrationId).executeTakeFirst();
const registration = (id: string) => stack.db.selectFrom('group_registrations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

/** A UŽT participant whose coupon the simulator holds, registered through the group workflow as the portal does (one command, UZT-10). */
async function uztRegistration(handle: Parameters<typeof registerThroughWorkflow>[1], groupId: string) {
  const coupon = coupons.shift()!;
  const p = await insertParticipant(stack.db, {
    firstName: coupon.givenName,
    personKey: hashPersonalCode(stack.config.secrets.personalCodePepper, coupon.personalCode),
  });
  const registrationId = await registerThroughWorkflow(stack.db, handle, p, 'UZT', { number: coupon.number });
  const row = await eventually(
    () => couponRow(registrationId),
    (r) => r?.status === 'I_SKYRIUS',
  );
  expect(row?.institution_id).toBe(fx.institutionId);
  expect((await stack.client.workflow.getHandle(uztCouponWorkflowId(registrationId)).describe()).memo).toMatchObject({ groupId });
  return { coupon, p, registrationId };
}

const approveBody = (extra: Record<string, string> = {}) => uztApproveBody(employerId, extra);

beforeAll(async () => {
  stack = await startStack('uzt-coupon', { simulators: true });
  ({ fx, providerEmail, employerId } = await uztInstitution(stack.db, 'UŽT mokymų institucija'));
  admin = await adminSession(stack.db, fx);
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
  officerId = (
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
  coupons = [...registryFixtures().coupons.values()]
    .filter((c) => c.status === 'ISSUED' && c.personalCode !== TEST_PEOPLE.ieva.personalCode)
    .slice(0, 5);
});

afterAll(async () => {
  await stack?.stop();
});

describe('UŽT participants in "Mokymo dalyviai" and the coupon (§3.7.3.2, L4)', () => {
  it('Section I shown; approval needs the UŽT and apprenticeship data; Section II goes to UŽT; UŽT approves and the contract invitation goes out (UZT-4..UZT-12, UZT-16..UZT-20)', async () => {
    const { groupId, handle } = await publishedGroup(s(), fx, deadlinesIn(3, 600), groupInfo(fx, UZT_GROUP));
    const { coupon, p, registrationId } = await uztRegistration(handle, groupId);
    await eventually(
      () => stack.db.selectFrom('training_groups').select('status').where('id', '=', groupId).executeTakeFirstOrThrow(),
      (g) => g.status === 'Vykdoma',
    );

    // The row's full card (issue 11, item 12: the tab is a table whose row opens it).
    const page = await (await call(`/grupes/${groupId}/dalyviai?dalyvis=${registrationId}`, { as: admin })).text();
    const compensated = Math.min(Number(coupon.sectionI.maxAmount), 1500);
    for (const text of [
      'Užimtumo tarnybos kupono I skyriaus duomenys',
      coupon.number,
      coupon.sectionI.measure,
      `Valstybės kompensuojama suma (UŽT lėšomis): ${compensated.toFixed(2).replace('.', ',')} Eur; asmeninės lėšos: ${(1500 - compensated).toFixed(2).replace('.', ',')} Eur`,
      'Užimtumo tarnybai reikalingi duomenys',
      'LT60 1010 0123 4567 8901',
      'kiekvieną mėnesį',
      'užbaigus priemonę / paslaugą',
      'Pameistrystės duomenys',
      'UAB Meistrai',
      'Reikalavimų atitiktis',
      'Gauti kupono I skyriaus duomenys',
      'Pateikiami mokymo teikėjui patvirtinus dalyvio registraciją.',
    ]) {
      expect(page).toContain(text);
    }

    const missing = await call(`/grupes/${groupId}/dalyviai/${registrationId}/sprendimas`, {
      as: admin,
      htmx: true,
      body: approveBody({ settlement: '', employerId: '', bankAccount: 'LT00 1234' }),
    });
    expect(missing.status).toBe(422);
    const missingPage = await missing.text();
    expect(missingPage).toContain('Pasirinkite atsiskaitymo su UŽT dažnumą.');
    expect(missingPage).toContain('Pasirinkite darbdavio atstovą.');
    expect(missingPage).toContain('value="LT00 1234"');
    expect((await registration(registrationId)).status).toBe('REGISTERED');

    const approved = await call(`/grupes/${groupId}/dalyviai/${registrationId}/sprendimas`, { as: admin, htmx: true, body: approveBody() });
    expect(approved.status).toBe(200);
    const approvedPage = await approved.text();
    // The approval is recorded at once; Section II goes to UŽT through the coupon's workflow (C2).
    expect(approvedPage).toMatch(/kupono II skyriaus duomenys siunčiami Užimtumo tarnybai|Laukiama Užimtumo tarnybos sprendimo/);
    expect(approvedPage).toContain('Užimtumo tarnybos kupono II skyriaus duomenys');
    const row = await eventually(
      () => couponRow(registrationId),
      (r) => r?.status === 'LAUKIA_UZT',
    );
    expect(await (await call(`/grupes/${groupId}/dalyviai`, { as: admin })).text()).toContain('Laukiama Užimtumo tarnybos sprendimo');
    expect(row).toMatchObject({
      status: 'LAUKIA_UZT',
      bank_account: 'LT121000011101001000',
      settlement_frequency: 'KAS_MENESI',
      employer_id: employerId,
      practice_address: 'Pramonės g. 5, Kaunas',
    });
    expect(row?.section2).toMatchObject({
      groupId,
      price: '1500.00',
      contactHours: 40,
      settlement: 'MONTHLY',
      bankAccount: 'LT121000011101001000',
    });
    expect((await stack.deps.registries!.uzt.findCoupon(coupon.number))?.status).toBe('SUBMITTED');
    // UZT-17: no contract invitation before UŽT approves.
    expect((await mailpit.search(mailpitQuery({ to: p.email, subject: 'Kvietimas pasirašyti mokymosi sutartį' }))).length).toBe(0);

    // The Employment Service's list and the coupon.
    const list = await (await call('/uzt', { as: officer })).text();
    expect(list).toContain(`${p.firstName} Dalyvaitė`);
    expect(list).toContain(coupon.number);
    // UŽT's decision is due 30 days after Section II reached it, shown with the time left (issue 11 item 13).
    const due = row!.uzt_decision_due_at!;
    expect(Math.abs(due.getTime() - (Date.now() + 30 * 24 * 3_600_000))).toBeLessThan(60_000);
    const dueText = /iki \d{4}-\d{2}-\d{2} \d{2}:\d{2} \(liko 29 dienos 23 valandos\)/;
    expect(list).toContain('<th>Sprendimo terminas</th>');
    expect(list.replace(/<[^>]*>/g, '')).toMatch(dueText);
    const detail = await (await call(`/uzt/kuponai/${registrationId}`, { as: officer })).text();
    expect(detail.replace(/<[^>]*>/g, '')).toMatch(dueText);
    expect(detail).toContain('Užimtumo tarnybos kupono II skyriaus duomenys');
    expect(detail).toContain('LT121000011101001000');
    const decided = await call(`/uzt/kuponai/${registrationId}`, {
      as: officer,
      body: { idempotencyKey: crypto.randomUUID(), decision: 'APPROVED' },
    });
    expect(decided.status).toBe(303);
    expect(decided.headers.get('location')).toBe('/uzt?pranesimas=APPROVED');
    expect(await couponRow(registrationId)).toMatchObject({ status: 'PATVIRTINTAS', decided_by: officerId });
    expect(await stack.client.workflow.getHandle(uztCouponWorkflowId(registrationId)).result()).toBe('PATVIRTINTAS');

    const invitation = await mailpit.waitForMessage(
      () => true,
      15_000,
      mailpitQuery({ to: p.email, subject: 'Kvietimas pasirašyti mokymosi sutartį' }),
    );
    expect(invitation.Subject).toBe('Kvietimas pasirašyti mokymosi sutartį');
    const told = await mailpit.waitForMessage(
      (m) => m.Subject.startsWith('Užimtumo tarnyba patvirtino kuponą'),
      15_000,
      mailpitQuery({ to: providerEmail }),
    );
    expect(told.Subject).toBe(`Užimtumo tarnyba patvirtino kuponą: ${p.firstName} Dalyvaitė`);
    const after = await (await call(`/grupes/${groupId}/dalyviai`, { as: admin })).text();
    expect(after).toContain('Kuponas patvirtintas');
    await handle.terminate('test done');
  });

  it('UŽT rejects only with a reason: the registration is cancelled, the place freed, participant and provider e-mailed (UZT-13, UZT-21)', async () => {
    const { groupId, handle } = await publishedGroup(s(), fx, deadlinesIn(300, 600), groupInfo(fx, UZT_GROUP));
    const { p, registrationId } = await uztRegistration(handle, groupId);
    expect(
      (await call(`/grupes/${groupId}/dalyviai/${registrationId}/sprendimas`, { as: admin, htmx: true, body: approveBody() })).status,
    ).toBe(200);
    await eventually(
      () => couponRow(registrationId),
      (r) => r?.status === 'LAUKIA_UZT',
    );
    expect(
      (await stack.db.selectFrom('training_groups').select('active_registrations').where('id', '=', groupId).executeTakeFirstOrThrow())
        .active_registrations,
    ).toBe(1);

    const noReason = await call(`/uzt/kuponai/${registrationId}`, {
      as: officer,
      body: { idempotencyKey: crypto.randomUUID(), decision: 'REJECTED', reason: ' ' },
    });
    expect(noReason.status).toBe(422);
    expect(await noReason.text()).toContain('Nurodykite kupono atmetimo priežastį.');
    const reason = 'Programa neatitinka kupone nurodytų reikalavimų.';
    const rejected = await call(`/uzt/kuponai/${registrationId}`, {
      as: officer,
      body: { idempotencyKey: crypto.randomUUID(), decision: 'REJECTED', reason },
    });
    expect(rejected.status).toBe(303);
    expect(await couponRow(registrationId)).toMatchObject({ status: 'ATMESTAS', reason, decided_by: officerId });
    const r = await eventually(
      () => registration(registrationId),
      (x) => x.status === 'CANCELLED',
    );
    expect(r).toMatchObject({ status: 'CANCELLED', status_reason: reason });
    expect(
      (await stack.db.selectFrom('training_groups').select('active_registrations').where('id', '=', groupId).executeTakeFirstOrThrow())
        .active_registrations,
    ).toBe(0);
    const mail = await mailpit.waitForMessage(
      () => true,
      15_000,
      mailpitQuery({ to: p.email, subject: 'Užimtumo tarnyba atmetė kuponą: registracija panaikinta' }),
    );
    expect(mail.Subject).toBe('Užimtumo tarnyba atmetė kuponą: registracija panaikinta');
    const told = await mailpit.waitForMessage(
      (m) => m.Subject.startsWith('Užimtumo tarnyba atmetė kuponą:'),
      15_000,
      mailpitQuery({ to: providerEmail, subject: `Užimtumo tarnyba atmetė kuponą: ${p.firstName} Dalyvaitė` }),
    );
    expect(told.Subject).toBe(`Užimtumo tarnyba atmetė kuponą: ${p.firstName} Dalyvaitė`);
    // Decided coupons leave the list; a second decision is refused with the workflow's message.
    expect(await (await call('/uzt', { as: officer })).text()).not.toContain(registrationId);
    const again = await call(`/uzt/kuponai/${registrationId}`, {
      as: officer,
      body: { idempotencyKey: crypto.randomUUID(), decision: 'APPROVED' },
    });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('Sprendimas dėl šio kupono jau priimtas.');
    await handle.terminate('test done');
  });

  it('C2 waits for Section I: approving a UŽT registration without it is refused (409) and changes nothing', async () => {
    const { groupId, handle } = await publishedGroup(s(), fx, deadlinesIn(300, 600), groupInfo(fx, UZT_GROUP));
    const p = await insertParticipant(stack.db, { firstName: 'Be kupono', personKey: `no-coupon-${crypto.randomUUID()}` });
    const registrationId = await registerThroughWorkflow(stack.db, handle, p, 'UZT');
    const res = await call(`/grupes/${groupId}/dalyviai/${registrationId}/sprendimas`, { as: admin, htmx: true, body: approveBody() });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('Dar negauti Užimtumo tarnybos kupono I skyriaus duomenys');
    const row = await stack.db
      .selectFrom('group_registrations')
      .select('status')
      .where('id', '=', registrationId)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('REGISTERED');
    await handle.terminate('test done');
  });

  it('C5: the provider rejects a UŽT registration: the coupon ends without Section II', async () => {
    const { groupId, handle } = await publishedGroup(s(), fx, deadlinesIn(300, 600), groupInfo(fx, UZT_GROUP));
    const { coupon, registrationId } = await uztRegistration(handle, groupId);
    expect(
      (
        await call(`/grupes/${groupId}/dalyviai/${registrationId}/sprendimas`, {
          as: admin,
          htmx: true,
          body: { idempotencyKey: crypto.randomUUID(), decision: 'REJECT' },
        })
      ).status,
    ).toBe(200);
    expect(await stack.client.workflow.getHandle(uztCouponWorkflowId(registrationId)).result()).toBe('ATMESTA_TEIKEJO');
    expect((await couponRow(registrationId))?.status).toBe('I_SKYRIUS');
    expect((await stack.deps.registries!.uzt.findCoupon(coupon.number))?.status).toBe('ISSUED');
    await handle.terminate('test done');
  });

  it('UŽT officers log in through VIISP at /uzt/prisijungti; other sessions are sent there', async () => {
    const page = await stack.app.request(`${ORIGIN}/uzt/prisijungti`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('href="/uzt/prisijungti/viisp"');
    const jar = new Jar();
    const start = jar.take(await stack.app.request(`${ORIGIN}/uzt/prisijungti/viisp`));
    expect(start.status).toBe(303);
    const back = await driveViispLogin(start.headers.get('location')!, { personalCode: TEST_PEOPLE.renata.personalCode });
    const callback = jar.take(await stack.app.request(back, { headers: { Cookie: jar.header() } }));
    expect(callback.status).toBe(303);
    expect(callback.headers.get('location')).toBe('/uzt');
    const list = await stack.app.request(`${ORIGIN}/uzt`, { headers: { Cookie: jar.header() } });
    expect(list.status).toBe(200);
    expect(await list.text()).toContain('Kuponai, laukiantys sprendimo');
    // A provider's session is not the Employment Service's.
    const provider = await call('/uzt', { as: admin });
    expect(provider.status).toBe(303);
    expect(provider.headers.get('location')).toBe('/uzt/prisijungti');
  });
});
