// `npm start`'s demo data (scripts/seed-demo.ts): the demo institutions' "ŠMIR informacija" is filled
// at once by the same refresh workflow the daily schedule runs, so a newcomer does not see
// "Duomenų iš ŠMIR dar negauta." until 03:00 (issue 11, item 14); once filled, it is left alone.
// The test uses institutions of its own that ŠMIR (the simulator) knows, since other test files log
// in as the demo institutions' heads.
// Issue 13: a group already "Vykdoma", its delivery started, its contracts signed by both parties
// through the signing gateway's pages ("Galioja") and its timetable on the seeding day, so
// "Mokymų baigimas" can be used at once. It is seeded for an institution of this test, with the demo
// seed's people (VIISP test people, who sign) under a personal-code pepper of this run only, so their
// keyed hashes meet no other test file's rows.
// Issue 14: a finished group whose participants' certificates the issuance workflow issues, listed
// "Nepateikta" in "Sąskaitos faktūros" and invoiced through the page; and a UŽT client whose coupon
// UŽT approved, listed in "Dokumentų pateikimas užimtumo tarnybai" — for an institution of this test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE } from '../../db/seed/people.ts';
import { seedDeliveryGroup, type DeliveryGroupSpec } from '../../scripts/seed-demo-delivery.ts';
import { refreshDemoInstitutionsFromSmir } from '../../scripts/seed-demo.ts';
import {
  demoInvoiceSpec,
  seedInvoiceGroup,
  seedUztClient,
  type DemoPerson,
  type InvoiceDemoSpec,
} from '../../scripts/seed-demo-invoices.ts';
import { vilniusDate } from '../../workflows/domain/calendar.ts';
import { invoiceWorkflowId, trainingGroupWorkflowId } from '../../workflows/ids.ts';
import { groupStateQuery } from '../../workflows/training-group/messages.ts';
import { hashPersonalCode } from '../../worker/crypto.ts';
import { registryFixtures } from '../sim/registries/fixtures.ts';
import { terminateContracts } from '../support/contracts.ts';
import { createInstitution, type InstitutionFixture } from '../support/fixtures.ts';
import { appCaller, ORIGIN } from '../support/http.ts';
import { pdfBytes } from '../support/pdf.ts';
import { sessionFor, type TestSession } from '../support/session.ts';
import { startStack, type TestStack } from '../support/stack.ts';

let stack: TestStack;
let codes: string[];

beforeAll(async () => {
  stack = await startStack('demo-seed', { simulators: true, env: { KURSUOK_PERSONAL_CODE_PEPPER: `demo-seed-${crypto.randomUUID()}` } });
  codes = [...registryFixtures().smir.institutions.keys()].slice(-2);
  await stack.db
    .insertInto('institutions')
    .values(codes.map((code) => ({ code, name: `Seklos institucija ${code}` })))
    .onConflict((oc) => oc.column('code').doUpdateSet({ smir_data: null, smir_refreshed_at: null }))
    .execute();
});

afterAll(async () => {
  await stack?.stop();
});

const institutions = () =>
  stack.db
    .selectFrom('institutions')
    .select(['code', 'smir_data', 'smir_refreshed_at', 'smir_refresh_error'])
    .where('code', 'in', codes)
    .orderBy('code')
    .execute();

describe('the demo seed (npm start)', () => {
  it("fills the institutions' ŠMIR data at once; a second run changes nothing", { timeout: 60_000 }, async () => {
    expect((await institutions()).map((i) => i.smir_refreshed_at)).toEqual([null, null]);
    await refreshDemoInstitutionsFromSmir(stack.db, stack.client, stack.config.temporal.taskQueue, codes);
    const filled = await institutions();
    for (const i of filled) {
      expect(i.smir_refreshed_at, i.code).not.toBeNull();
      expect(i.smir_refresh_error, i.code).toBeNull();
      expect(i.smir_data, i.code).toMatchObject({ code: i.code });
    }
    await refreshDemoInstitutionsFromSmir(stack.db, stack.client, stack.config.temporal.taskQueue, codes);
    expect((await institutions()).map((i) => i.smir_refreshed_at)).toEqual(filled.map((i) => i.smir_refreshed_at));
  });
});

describe('the demo group in delivery for "Mokymų baigimas" (issue 13)', () => {
  let spec: DeliveryGroupSpec;
  let contractIds: string[] = [];

  beforeAll(async () => {
    const fx = await createInstitution(stack.db, 'Seklos grupės institucija');
    // 16 academic hours (720 min): the whole timetable fits into one day.
    const programme = await stack.db
      .insertInto('programmes')
      .values({
        institution_id: fx.institutionId,
        code: `${fx.programmeCode}-F`,
        name: 'Asmeninių finansų pagrindai',
        kind: 'NSPR',
        languages: ['lietuvių'],
        contact_hours: '16.00',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await stack.db
      .insertInto('programme_execution_info')
      .values({
        programme_id: programme.id,
        institution_id: fx.institutionId,
        execution_specifics: 'Užsiėmimai vyksta vieną dieną.',
        contact_name: 'Rūta Jonaitienė',
        contact_phone: '+37060012345',
        contact_email: 'kontaktai@example.lt',
        payment_terms: 'Mokama iš Individualios mokymosi sąskaitos.',
      })
      .execute();
    const lecturer = await stack.db
      .insertInto('lecturers')
      .values({
        institution_id: fx.institutionId,
        first_name: 'Lina',
        last_name: 'Lektorė',
        email: `l${fx.programmeCode}@example.lt`,
        active: true,
        requirements: ['KVALIFIKACIJA'],
        publish_consent: true,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const authority = 'Direktoriaus 2024-01-15 įsakymas Nr. V-12';
    const signer = await stack.db
      .insertInto('institution_users')
      .values({
        institution_id: fx.institutionId,
        first_name: DEMO_PEOPLE.ruta.givenName,
        last_name: DEMO_PEOPLE.ruta.familyName,
        email: `ruta.${fx.programmeCode}@example.lt`,
        rights: ['ADMINISTRATORIUS', 'SUTARCIU_PASIRASYMAS'],
        status: 'ACTIVE',
        personal_code_hash: hashPersonalCode(stack.config.secrets.personalCodePepper, DEMO_PEOPLE.ruta.personalCode),
        signing_document: authority,
        confirmed_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const run = crypto.randomUUID().slice(0, 8);
    spec = {
      groupId: crypto.randomUUID(),
      name: `AF-TEST-${run}`,
      institutionId: fx.institutionId,
      signer: { userId: signer.id, person: DEMO_PEOPLE.ruta, authority },
      programmeId: programme.id,
      venueId: fx.venueId,
      lecturerId: lecturer.id,
      participants: [DEMO_PEOPLE.egle, DEMO_PEOPLE.jurate, DEMO_PEOPLE.paulius].map((p) => ({
        ...p,
        email: `${run}.${p.personalCode}@dalyviai.example.lt`,
      })),
    };
  });

  afterAll(async () => {
    await terminateContracts(stack, contractIds);
    await stack.client.workflow
      .getHandle(trainingGroupWorkflowId(spec.groupId))
      .terminate('test done')
      .catch(() => undefined);
  });

  const snapshot = async () => ({
    group: await stack.db.selectFrom('training_groups').select(['status', 'updated_at']).where('id', '=', spec.groupId).executeTakeFirst(),
    contracts: await stack.db
      .selectFrom('learning_contracts')
      .select(['id', 'phase', 'updated_at'])
      .where('group_id', '=', spec.groupId)
      .orderBy('id')
      .execute(),
    sessions: await stack.db
      .selectFrom('group_sessions')
      .select(['id', 'session_date', 'start_time', 'duration_minutes'])
      .where('group_id', '=', spec.groupId)
      .orderBy('start_time')
      .execute(),
    registrations: await stack.db
      .selectFrom('group_registrations')
      .select(['id', 'status'])
      .where('group_id', '=', spec.groupId)
      .orderBy('id')
      .execute(),
  });

  async function settledSnapshot() {
    let last = await snapshot();
    for (let i = 0; i < 20; i++) {
      await new Promise((r) => setTimeout(r, 500));
      const next = await snapshot();
      if (JSON.stringify(next) === JSON.stringify(last)) return next;
      last = next;
    }
    throw new Error('the seeded rows kept changing');
  }

  it(
    'is "Vykdoma" with its delivery started, every contract "Galioja" and every session today; a second run changes nothing',
    { timeout: 180_000 },
    async () => {
      const started = Date.now();
      expect(await seedDeliveryGroup(stack.db, stack.client, stack.config, spec)).toBe(true);
      const took = (Date.now() - started) / 1000;
      expect(took).toBeLessThan(90);

      // The contracts' and the group's own follow-ups of delivery start may still be landing: compared once settled.
      const seeded = await settledSnapshot();
      expect(seeded.group?.status).toBe('Vykdoma');
      expect(seeded.contracts.map((c) => c.phase)).toEqual(['GALIOJA', 'GALIOJA', 'GALIOJA']);
      contractIds = seeded.contracts.map((c) => c.id);
      expect(seeded.registrations).toHaveLength(3);
      // "Mokymus pradėjo" opens on the first session's day, "Mokymus baigė" on the last one's (DONE-5, DONE-13): both today.
      const today = vilniusDate(new Date());
      expect(new Set(seeded.sessions.map((s) => s.session_date))).toEqual(new Set([today]));
      expect(seeded.sessions.reduce((sum, s) => sum + s.duration_minutes, 0)).toBe(16 * 45);
      const state = await stack.client.workflow.getHandle(trainingGroupWorkflowId(spec.groupId)).query(groupStateQuery);
      expect(state.progress?.programmeStarted).toBe(true);
      // G9: the end date counts as reached today ("Užbaigta" waits only for the participants' outcomes).
      expect(vilniusDate(new Date(state.deadlines!.programmeEndsAt!))).toBe(today);
      // Eglė's account is the one her portal login finds (her keyed personal code).
      const egle = await stack.db
        .selectFrom('participants')
        .select(['id', 'email'])
        .where('person_key', '=', hashPersonalCode(stack.config.secrets.personalCodePepper, DEMO_PEOPLE.egle.personalCode))
        .executeTakeFirstOrThrow();
      expect(egle.email).toBe(spec.participants[0]!.email);
      // The provider's "Mokymų baigimas" lists the three participants.
      const as = await sessionFor(stack.db, {
        personalCodeHash: hashPersonalCode(stack.config.secrets.personalCodePepper, DEMO_PEOPLE.ruta.personalCode),
        institutionId: spec.institutionId,
        userId: spec.signer.userId,
        names: [DEMO_PEOPLE.ruta.givenName, DEMO_PEOPLE.ruta.familyName],
      });
      const tab = await appCaller(stack.app)(`/grupes/${spec.groupId}/baigimas`, { as });
      expect(tab.status).toBe(200);
      const html = await tab.text();
      for (const p of [DEMO_PEOPLE.egle, DEMO_PEOPLE.jurate, DEMO_PEOPLE.paulius]) expect(html).toContain(p.familyName);

      expect(await seedDeliveryGroup(stack.db, stack.client, stack.config, spec)).toBe(false);
      expect(await snapshot()).toEqual(seeded);
      console.log(`demo delivery group seeded in ${took.toFixed(1)} s`);
    },
  );
});

describe('the demo money path (issue 14): a finished group with certificates for "Sąskaitos faktūros", an approved UŽT client', () => {
  let spec: InvoiceDemoSpec;
  let fx: InstitutionFixture;
  let as: TestSession;

  beforeAll(async () => {
    fx = await createInstitution(stack.db, 'Seklos sąskaitų institucija');
    as = await sessionFor(stack.db, { personalCodeHash: fx.personalCodeHash, institutionId: fx.institutionId, userId: fx.userId });
    const run = crypto.randomUUID().slice(0, 8);
    const demo = demoInvoiceSpec();
    const person = (p: DemoPerson) => ({ ...p, personKey: `${p.personKey}-${run}`, email: `${run}.${p.email}` });
    spec = {
      institutionId: fx.institutionId,
      programmeId: fx.programmeId,
      venueId: fx.venueId,
      invoiceGroup: { id: crypto.randomUUID(), name: `SF-TEST-${run}`, participants: demo.invoiceGroup.participants.map(person) },
      uztGroup: { ...demo.uztGroup, id: crypto.randomUUID(), name: `UZT-TEST-${run}`, client: person(demo.uztGroup.client) },
    };
  });

  const rows = async () => ({
    groups: await stack.db
      .selectFrom('training_groups')
      .select(['id', 'status', 'updated_at'])
      .where('institution_id', '=', fx.institutionId)
      .orderBy('id')
      .execute(),
    certificates: await stack.db
      .selectFrom('certificates')
      .select(['contract_id', 'number', 'file_id'])
      .where('institution_id', '=', fx.institutionId)
      .orderBy('contract_id')
      .execute(),
    coupons: await stack.db.selectFrom('uzt_coupons').selectAll().where('institution_id', '=', fx.institutionId).execute(),
  });

  it(
    'certificates issued by the issuance workflow; the group "Nepateikta" with its participants tickable, an invoice submitted; the UŽT client listed; a second run changes nothing',
    { timeout: 120_000 },
    async () => {
      const g = spec.invoiceGroup;
      expect(await seedInvoiceGroup(stack.db, stack.client, stack.config, spec)).toBe(true);
      expect(await seedUztClient(stack.db, spec)).toBe(true);
      const seeded = await rows();
      // Real certificates: numbered, a sealed PDF stored for each (DONE-9, DONE-17).
      expect(seeded.certificates).toHaveLength(3);
      for (const c of seeded.certificates) expect(c.number).toMatch(/^KURSUOK-\d{4}-\d+$/);
      const files = await stack.db
        .selectFrom('stored_files')
        .select(['purpose', 'content'])
        .where(
          'id',
          'in',
          seeded.certificates.map((c) => c.file_id),
        )
        .execute();
      expect(files.map((f) => f.purpose)).toEqual(['CERTIFICATE', 'CERTIFICATE', 'CERTIFICATE']);
      for (const f of files) expect(Buffer.from(f.content).subarray(0, 5).toString()).toBe('%PDF-');

      // "Sąskaitos faktūros": the group is "Nepateikta" (INV-1, INV-15); its window lists the three, tickable ("Skirta").
      const call = appCaller(stack.app);
      expect(await (await call(`/saskaitos-fakturos?busena=${encodeURIComponent('Nepateikta')}`, { as })).text()).toContain(g.name);
      const window = await (await call(`/saskaitos-fakturos/grupe/${g.id}`, { as })).text();
      expect(window).toContain('Skirta');
      const contracts = await stack.db.selectFrom('certificates').select('contract_id').where('group_id', '=', g.id).execute();
      for (const c of contracts) expect(window).toContain(`name="dalyvis" value="${c.contract_id}"`);
      for (const p of g.participants) expect(window).toContain(`${p.firstName} ${p.lastName}`);
      // The administrator submits an invoice for two of them (INV-12).
      const form = new FormData();
      for (const [k, v] of Object.entries({
        idempotencyKey: crypto.randomUUID(),
        invoiceId: crypto.randomUUID(),
        number: `SF-${g.name}`,
        date: vilniusDate(new Date()),
        amount: '360,00',
      }))
        form.append(k, v);
      for (const c of contracts.slice(0, 2)) form.append('dalyvis', c.contract_id);
      form.append('file', new Blob([pdfBytes('Demo saskaita')], { type: 'application/pdf' }), 'saskaita.pdf');
      const submitted = await stack.app.request(`${ORIGIN}/saskaitos-fakturos/grupe/${g.id}/pateikti`, {
        method: 'POST',
        headers: { Cookie: as.cookie, Origin: ORIGIN, 'X-CSRF-Token': as.csrf },
        body: form,
      });
      expect(submitted.status).toBe(303);
      const invoice = await stack.db.selectFrom('invoices').select(['id', 'status']).where('group_id', '=', g.id).executeTakeFirstOrThrow();
      expect(invoice.status).toBe('Pateikta');

      // "Dokumentų pateikimas užimtumo tarnybai" lists the UŽT client (UZTDOC-1, UZTDOC-10), monthly settlement; her window opens.
      const registration = await stack.db
        .selectFrom('uzt_coupons')
        .select('registration_id')
        .where('institution_id', '=', fx.institutionId)
        .executeTakeFirstOrThrow();
      const list = await (await call('/uzt-dokumentai', { as })).text();
      expect(list).toContain(`${spec.uztGroup.client.firstName} ${spec.uztGroup.client.lastName}`);
      expect(list).toContain(`href="/uzt-dokumentai/${registration.registration_id}"`);
      expect(list).toContain('kiekvieną mėnesį');
      expect((await call(`/uzt-dokumentai/${registration.registration_id}`, { as })).status).toBe(200);

      // Idempotent: nothing seeded twice.
      const before = await rows();
      expect(await seedInvoiceGroup(stack.db, stack.client, stack.config, spec)).toBe(false);
      expect(await seedUztClient(stack.db, spec)).toBe(false);
      expect(await rows()).toEqual(before);
      await stack.client.workflow
        .getHandle(invoiceWorkflowId(invoice.id))
        .terminate('test done')
        .catch(() => undefined);
    },
  );
});
