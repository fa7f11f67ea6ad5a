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
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE } from '../../db/seed/people.ts';
import { seedDeliveryGroup, type DeliveryGroupSpec } from '../../scripts/seed-demo-delivery.ts';
import { refreshDemoInstitutionsFromSmir } from '../../scripts/seed-demo.ts';
import { vilniusDate } from '../../workflows/domain/calendar.ts';
import { trainingGroupWorkflowId } from '../../workflows/ids.ts';
import { groupStateQuery } from '../../workflows/training-group/messages.ts';
import { hashPersonalCode } from '../../worker/crypto.ts';
import { registryFixtures } from '../sim/registries/fixtures.ts';
import { terminateContracts } from '../support/contracts.ts';
import { createInstitution } from '../support/fixtures.ts';
import { appCaller } from '../support/http.ts';
import { sessionFor } from '../support/session.ts';
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
