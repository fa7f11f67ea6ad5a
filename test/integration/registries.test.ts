// The state-registry clients against the registry simulator over real HTTP: each registry's
// contract, each failure mode (timeout, 5xx, dropped connection, garbage, unknown code) for every
// registry, and the ŠMIR refresh end to end (real worker, Postgres, simulator): data refreshed,
// changes audited, and a failing registry leaving the last good data in place, visible to operators.
import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegistryClients, type RegistryClients } from '../../activities/registries/index.ts';
import { RegistryError, type RegistryName } from '../../workflows/domain/registries.ts';
import { licensedProgrammesAt } from '../../activities/registries/licenses.ts';
import { isOfferedInImp } from '../../workflows/domain/nspr-programme.ts';
import type { SmirInstitution } from '../../activities/registries/smir.ts';
import { smirRefreshWorkflowId } from '../../workflows/ids.ts';
import { REGISTRY_UNAVAILABLE, type SmirRefreshResult } from '../../workflows/registry-refresh/messages.ts';
import type { smirRefreshWorkflow } from '../../workflows/registry-refresh/workflow.ts';
import { registryFixtures } from '../sim/registries/fixtures.ts';
import { startRegistrySimulator, type RegistrySimulator } from '../sim/registries/server.ts';
import { TEST_LEGAL_ENTITIES as E, TEST_PEOPLE as P } from '../sim/viisp/people.ts';
import { startStack, type TestStack } from '../support/stack.ts';

const TIMEOUT_MS = 300;

describe('registry clients against the simulator', () => {
  let sim: RegistrySimulator;
  let c: RegistryClients;

  beforeAll(async () => {
    sim = await startRegistrySimulator({ port: 0 });
    c = createRegistryClients(sim.urls, { timeoutMs: TIMEOUT_MS, backoffMs: 5 });
  });
  afterAll(async () => {
    await sim?.close();
  });

  it('serves every registry under its prefix of one server', () => {
    expect(Object.values(sim.urls).map((u) => u.slice(sim.url.length))).toEqual([
      '/smir',
      '/nspr',
      '/smpkr',
      '/licencijos',
      '/mokiniai',
      '/diplomai',
      '/sodra',
      '/uzt',
      '/mokejimai',
    ]);
    expect(sim.env).toMatchObject({ SMIR_URL: `${sim.url}/smir`, UZT_URL: `${sim.url}/uzt`, PAYMENTS_URL: `${sim.url}/mokejimai` });
  });

  it('ŠMIR: an institution with every field of "ŠMIR informacija", free teachers, and pages of institutions', async () => {
    expect(await c.smir.findInstitution(E.demo.code)).toEqual({
      code: '300000001',
      name: 'Demo mokymo centras',
      nameEn: 'Demo Training Centre',
      abbreviation: 'DMC',
      legalForm: 'Viešoji įstaiga',
      address: 'Gedimino pr. 1, LT-01103 Vilnius',
      email: 'info@demo-centras.lt',
      website: 'https://www.demo-centras.lt',
      phone: '+370 5 210 0001',
      headName: 'Vytautas Kairys',
      headEmail: 'vytautas.kairys@demo-centras.lt',
      headPhone: '+370 612 00001',
      lastEditedOn: '2026-09-15',
    });
    expect(await c.smir.findFreeTeacher(P.ona.personalCode)).toMatchObject({ name: 'Ona Laisvoji' });
    expect(await c.smir.findFreeTeacher(P.petras.personalCode)).toBeNull();
    expect(await c.smir.findInstitution(E.notInSmir.code)).toBeNull();
    expect(await c.smir.findInstitution('../free-teachers')).toBeNull();
    const codes: string[] = [];
    let after: string | undefined;
    let total = 0;
    do {
      const page = await c.smir.listInstitutions({ after, limit: 7 });
      codes.push(...page.items.map((i) => i.code));
      total = page.total;
      after = page.nextAfter ?? undefined;
    } while (after);
    expect(codes).toHaveLength(total);
    expect(total).toBeGreaterThanOrEqual(50);
    expect([...codes].sort()).toEqual(codes);
  });

  it('NŠPR: programmes with KPMPC evaluation, languages, hours, suspension and deregistration; filters', async () => {
    const digital = await c.nspr.findProgramme('NSP-2024-0101');
    expect(digital).toMatchObject({
      institutionCode: E.demo.code,
      languages: ['lietuvių', 'rusų'],
      hours: { contact: 40 },
      status: 'ACTIVE',
      kpmpc: { result: 'POSITIVE' },
    });
    expect(digital && isOfferedInImp(digital)).toBe(true);
    const demo = await c.nspr.programmesOf(E.demo.code);
    expect(demo.map((p) => p.code)).toEqual(expect.arrayContaining(['NSP-2024-0101', 'NSP-2024-0202']));
    expect(demo.every((p) => p.institutionCode === E.demo.code)).toBe(true);
    const suspended = await c.nspr.listProgrammes({ status: 'SUSPENDED', limit: 500 });
    expect(suspended.total).toBeGreaterThan(0);
    expect(suspended.items.every((p) => p.status === 'SUSPENDED' && p.suspendedOn && p.statusReason)).toBe(true);
    const deregistered = await c.nspr.listProgrammes({ status: 'DEREGISTERED', limit: 1 });
    expect(deregistered.items[0] && isOfferedInImp(deregistered.items[0])).toBe(false);
    expect(deregistered.nextAfter).not.toBeNull();
    expect(await c.nspr.findProgramme('NSP-1999-0000')).toBeNull();
  });

  it('SMPKR and Licencijų registras: programmes with modules and hours, licences per institution and venue', async () => {
    const accounting = await c.smpkr.findProgramme('P43041101');
    expect(accounting).toMatchObject({ name: 'Apskaitos pagrindai', kind: 'NONFORMAL_VET', hours: { theory: 40, practice: 80 } });
    const formal = await c.smpkr.listProgrammes({ kind: 'FORMAL_VET', limit: 500 });
    expect(formal.items.length).toBeGreaterThan(20);
    expect(formal.items[0]?.modules.some((m) => m.type === 'GENERAL')).toBe(true);
    const module = await c.smpkr.findModule(formal.items[0]?.modules[0]?.code ?? '');
    expect(module?.programmeCodes).toContain(formal.items[0]?.code);
    const licences = await c.licenses.licencesOf(E.demo.code);
    expect(licences.length).toBeGreaterThan(0);
    const atVilnius = licensedProgrammesAt(licences, 'Gedimino  pr. 1, LT-01103 vilnius');
    expect(atVilnius.map((p) => p.code)).toContain('P43041101');
    const listed = await c.smpkr.listProgrammes({ codes: atVilnius.map((p) => p.code) });
    expect(listed.items.map((p) => p.code).sort()).toEqual(atVilnius.map((p) => p.code).sort());
    expect(await c.licenses.findLicence(licences[0]?.number ?? '')).toEqual(licences[0]);
    expect(await c.licenses.licencesOf(E.notInSmir.code)).toEqual([]);
    expect(await c.smpkr.findProgramme('X0000000')).toBeNull();
  });

  it('Mokinių registras: the contract number and registration date of an SMPKR programme, once registered there', async () => {
    const q = { personalCode: P.laura.personalCode, institutionCode: E.demo.code, programmeCode: 'P43041101' };
    expect(await c.students.findContract(q)).toMatchObject({ contractNumber: expect.stringMatching(/^MS-\d{4}-\d{6}$/), status: 'ACTIVE' });
    const pending = { personalCode: P.tomas.personalCode, institutionCode: E.demo.code, programmeCode: 'P43041101' };
    expect(await c.students.findContract(pending)).toBeNull();
    sim.addStudentContract({ ...pending, contractNumber: 'MS-2026-999001', registeredOn: '2026-11-27', status: 'ACTIVE' });
    expect(await c.students.findContract(pending)).toMatchObject({ contractNumber: 'MS-2026-999001', registeredOn: '2026-11-27' });
  });

  it('Diplomų registras and SoDra: a person’s education and employment status', async () => {
    const ruta = await c.diplomas.findPerson(P.ruta.personalCode);
    expect(ruta?.documents.map((d) => d.level)).toContain('HIGHER_UNIVERSITY');
    expect(await c.diplomas.findPerson(P.olena.personalCode)).toBeNull();
    expect(await c.sodra.employmentStatus(P.ruta.personalCode, '2026-11-02')).toMatchObject({
      employed: true,
      status: 'Taip',
      employer: { code: E.demo.code },
    });
    expect(await c.sodra.employmentStatus(P.ruta.personalCode, '2010-01-01')).toMatchObject({
      employed: false,
      status: 'Ne',
      employer: null,
    });
    expect(await c.sodra.employmentStatus(P.ieva.personalCode)).toMatchObject({ employed: false, status: 'Ne' });
    const someone = registryFixtures().persons[1234]?.personalCode ?? '';
    expect((await c.sodra.employmentStatus(someone)).personalCode).toBe(someone);
    await expect(c.sodra.employmentStatus('12345678901')).rejects.toMatchObject({ registry: 'sodra', kind: 'rejected', status: 400 });
  });

  it('UŽT: a person’s coupons, Section II sent once per idempotency key, and the decision', async () => {
    const [coupon] = await c.uzt.couponsOf(P.ieva.personalCode);
    expect(coupon).toMatchObject({ status: 'ISSUED', sectionII: null, sectionI: { maxAmount: expect.stringMatching(/^\d+\.\d{2}$/) } });
    const section = {
      institutionCode: E.demo.code,
      programmeCode: 'NSP-2024-0202',
      programmeName: 'Verslo anglų kalba (B1)',
      groupId: crypto.randomUUID(),
      startDate: '2026-12-07',
      endDate: '2027-01-29',
      price: '480.00',
      contactHours: 60,
      settlement: 'ON_COMPLETION' as const,
      bankAccount: 'LT121000011101001000',
    };
    const number = coupon?.number ?? '';
    const sent = await c.uzt.submitSectionII(number, section, 'key-1');
    expect(sent).toMatchObject({ status: 'SUBMITTED', sectionII: { groupId: section.groupId } });
    expect(await c.uzt.submitSectionII(number, section, 'key-1')).toEqual(sent);
    await expect(c.uzt.submitSectionII(number, { ...section, price: '500.00' }, 'key-2')).rejects.toMatchObject({
      registry: 'uzt',
      kind: 'rejected',
      status: 409,
    });
    sim.decideCoupon(number, 'REJECTED', 'Programa neatitinka kupone nurodytų reikalavimų.');
    expect(await c.uzt.findCoupon(number)).toMatchObject({
      status: 'REJECTED',
      decision: { result: 'REJECTED', reason: 'Programa neatitinka kupone nurodytų reikalavimų.' },
    });
    expect(await c.uzt.submitSectionII('MK-1900-000000', section, 'key-3')).toBeNull();
  });

  /** One representative call per registry, for the failure modes. */
  const calls: Record<RegistryName, (c: RegistryClients) => Promise<unknown>> = {
    smir: (c) => c.smir.findInstitution(E.demo.code),
    nspr: (c) => c.nspr.findProgramme('NSP-2024-0101'),
    smpkr: (c) => c.smpkr.findProgramme('P43041101'),
    licenses: (c) => c.licenses.licencesOf(E.demo.code),
    students: (c) => c.students.contractsOf({ personalCode: P.laura.personalCode, institutionCode: E.demo.code }),
    diplomas: (c) => c.diplomas.findPerson(P.ruta.personalCode),
    sodra: (c) => c.sodra.employmentStatus(P.ruta.personalCode),
    uzt: (c) => c.uzt.couponsOf(P.ieva.personalCode),
    payments: (c) => c.payments.findOrder('MN-2026-000001'),
  };
  const registries = Object.keys(calls) as RegistryName[];

  async function failing(registry: RegistryName): Promise<RegistryError> {
    const err = await calls[registry](c).then(
      () => new Error(`${registry} answered`),
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(RegistryError);
    expect((err as RegistryError).registry).toBe(registry);
    return err as RegistryError;
  }

  it.each(registries)('%s: a registry that does not answer ends in a timeout error, not retried', async (registry) => {
    sim.fail(registry, { mode: 'hang' });
    try {
      const before = sim.requestCount(registry);
      const started = Date.now();
      const err = await failing(registry);
      expect(err.kind).toBe('timeout');
      expect(err.message).toMatch(/nepasiekiam.*atsakymo nesulaukta per 0\.3 s/);
      expect(Date.now() - started).toBeLessThan(TIMEOUT_MS * 4);
      expect(sim.requestCount(registry) - before).toBe(1);
    } finally {
      sim.recover(registry);
    }
  });

  it.each(registries)('%s: 5xx is retried a bounded number of times, then an error naming the registry', async (registry) => {
    sim.fail(registry, { mode: 'status', status: 503 });
    try {
      const before = sim.requestCount(registry);
      const err = await failing(registry);
      expect(err).toMatchObject({ kind: 'server', status: 503, unavailable: true });
      expect(err.message).toMatch(/nepasiekiam.*HTTP 503/);
      expect(sim.requestCount(registry) - before).toBe(3);
    } finally {
      sim.recover(registry);
    }
  });

  it.each(registries)('%s: a transient 5xx or dropped connection is survived by the retries', async (registry) => {
    sim.fail(registry, { mode: 'status', status: 502, times: 1 });
    await expect(calls[registry](c)).resolves.toBeDefined();
    sim.fail(registry, { mode: 'reset', times: 2 });
    await expect(calls[registry](c)).resolves.toBeDefined();
  });

  it.each(registries)('%s: a dropped connection every time is "unreachable"; an HTML page is "invalid"', async (registry) => {
    sim.fail(registry, { mode: 'reset' });
    expect((await failing(registry)).kind).toBe('unreachable');
    sim.fail(registry, { mode: 'garbage' });
    expect((await failing(registry)).kind).toBe('invalid');
    sim.recover(registry);
  });

  it('unknown codes are not errors: null, or an empty list', async () => {
    expect(await c.smir.findInstitution('399999999')).toBeNull();
    expect(await c.nspr.findProgramme('NSP-0000-0000')).toBeNull();
    expect(await c.smpkr.findModule('0000000')).toBeNull();
    expect(await c.licenses.findLicence('PM-000000')).toBeNull();
    expect(await c.students.contractsOf({ personalCode: P.petras.personalCode, institutionCode: E.demo.code })).toEqual([]);
    expect(await c.diplomas.findPerson('39001010005')).toBeNull();
    expect(await c.uzt.findCoupon('MK-0000-000000')).toBeNull();
    expect(await c.uzt.couponsOf(P.ruta.personalCode)).toEqual([]);
  });

  it('a failure can be limited to one key, and set over HTTP by another process', async () => {
    const control = (method: string, path: string, body?: unknown) =>
      fetch(`${sim.url}/_control${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    expect((await control('POST', '/failures', { registry: 'smir', mode: 'status', status: 500, pathIncludes: E.other.code })).status).toBe(
      204,
    );
    await expect(c.smir.findInstitution(E.other.code)).rejects.toMatchObject({ kind: 'server', status: 500 });
    expect(await c.smir.findInstitution(E.demo.code)).toMatchObject({ code: E.demo.code });
    expect((await control('DELETE', '/failures?registry=smir')).status).toBe(204);
    expect(await c.smir.findInstitution(E.other.code)).toMatchObject({ code: E.other.code });
    expect((await control('POST', '/failures', { registry: 'nope', mode: 'hang' })).status).toBe(400);
    expect(await (await control('GET', '/counts')).json()).toMatchObject({ persons: 2000 });
  });

  it('a closed registry is unreachable', async () => {
    const down = await startRegistrySimulator({ port: 0 });
    await down.close();
    const client = createRegistryClients(down.urls, { timeoutMs: TIMEOUT_MS, backoffMs: 1 });
    await expect(client.smir.findInstitution(E.demo.code)).rejects.toThrow(/^ŠMIR registras nepasiekiamas: nepavyko prisijungti/);
    await expect(client.sodra.employmentStatus(P.ruta.personalCode)).rejects.toThrow(/^SoDros duomenys nepasiekiami/);
  });
});

describe('ŠMIR refresh (SmirRefresh workflow, real worker)', () => {
  let stack: TestStack;
  let sim: RegistrySimulator;
  const pool = [...registryFixtures().smir.institutions.values()].filter((i) => !i.code.startsWith('30000000'));
  let nextInPool = 0;

  beforeAll(async () => {
    stack = await startStack('registries', { simulators: true, env: { REGISTRY_TIMEOUT_MS: '500' } });
    sim = stack.registries as RegistrySimulator;
  });
  afterAll(async () => {
    await stack?.stop();
  });

  /** Institutions in our database with codes ŠMIR knows, holding stale ŠMIR data. */
  async function institutions(n: number): Promise<SmirInstitution[]> {
    const chosen = pool.slice(nextInPool, nextInPool + n);
    nextInPool += n;
    for (const i of chosen) {
      const stale = { ...i, email: 'senas@pastas.lt' };
      await stack.db
        .insertInto('institutions')
        .values({ code: i.code, name: i.name, smir_data: stale })
        .onConflict((oc) => oc.column('code').doUpdateSet({ smir_data: stale, smir_refreshed_at: null, smir_refresh_error: null }))
        .execute();
    }
    return chosen;
  }

  async function rows(codes: readonly string[]) {
    return stack.db
      .selectFrom('institutions')
      .select(['id', 'code', 'smir_data', 'smir_refreshed_at', 'smir_refresh_error'])
      .where('code', 'in', codes)
      .orderBy('code')
      .execute();
  }

  function start(codes: readonly string[], batchSize = 2) {
    return stack.client.workflow.start<typeof smirRefreshWorkflow>('smirRefreshWorkflow', {
      taskQueue: stack.config.temporal.taskQueue,
      workflowId: smirRefreshWorkflowId(`test-${crypto.randomUUID()}`),
      args: [{ codes: [...codes], batchSize }],
    });
  }

  it('refreshes every institution in batches: ŠMIR data, "paskutinio atnaujinimo iš registro data", the change audited', async () => {
    const insts = await institutions(5);
    const codes = insts.map((i) => i.code).sort();
    const before = new Date();
    const handle = await start(codes);
    const result: SmirRefreshResult = await handle.result();
    expect(result).toMatchObject({ outcome: 'PAVYKO', processed: 5, refreshed: 5, changed: 5, failed: 0, failedCodes: [], batches: 3 });
    expect(result.summary).toBe('Atnaujinta: 5 iš 5 (pakeista 5)');
    for (const row of await rows(codes)) {
      expect(row.smir_data).toEqual(insts.find((i) => i.code === row.code));
      expect(row.smir_refreshed_at?.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
      expect(row.smir_refresh_error).toBeNull();
      const audit = await stack.db
        .selectFrom('audit_log')
        .selectAll()
        .where('entity_id', '=', row.id)
        .where('action', '=', 'SMIR_REFRESH')
        .execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({
        actor_kind: 'system',
        changes: { email: { before: 'senas@pastas.lt', after: expect.stringContaining('@') } },
      });
    }
    expect((await handle.describe()).memo).toMatchObject({ outcome: 'PAVYKO', refreshed: 5, failed: 0 });

    // The next day nothing changed in ŠMIR: the date moves on, nothing is audited.
    const again = await (await start(codes, 10)).result();
    expect(again).toMatchObject({ outcome: 'PAVYKO', refreshed: 5, changed: 0, batches: 1 });
    const audits = await stack.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'SMIR_REFRESH')
      .where(
        'entity_id',
        'in',
        (await rows(codes)).map((r) => r.id),
      )
      .execute();
    expect(audits).toHaveLength(5);
  });

  it('keeps the last good data of an institution ŠMIR no longer knows, and of one it does not answer for (timeout, 5xx)', async () => {
    const [gone, slow, broken, fine] = await institutions(4);
    const codes = [gone, slow, broken, fine].map((i) => (i as SmirInstitution).code);
    sim.removeInstitution(gone!.code);
    sim.fail('smir', { mode: 'hang', pathIncludes: slow!.code });
    try {
      const handle = await start(codes);
      const result = await handle.result();
      expect(result).toMatchObject({ outcome: 'DALINAI', processed: 4, refreshed: 2, failed: 2, unavailable: 1 });
      expect(result.failedCodes.sort()).toEqual([gone!.code, slow!.code].sort());
      sim.fail('smir', { mode: 'status', status: 503, pathIncludes: broken!.code });
      const third = await (await start([broken!.code])).result().catch((e: unknown) => e);
      expect(third).toBeInstanceOf(WorkflowFailedError);
      const byCode = new Map((await rows(codes)).map((r) => [r.code, r]));
      expect(byCode.get(gone!.code)).toMatchObject({
        smir_data: { email: 'senas@pastas.lt' },
        smir_refreshed_at: null,
        smir_refresh_error: expect.stringMatching(/^ŠMIR registras neberanda institucijos su juridinio asmens kodu \d{9}/),
      });
      expect(byCode.get(slow!.code)).toMatchObject({
        smir_data: { email: 'senas@pastas.lt' },
        smir_refreshed_at: null,
        smir_refresh_error: expect.stringMatching(/^ŠMIR registras nepasiekiamas: atsakymo nesulaukta per 0\.5 s/),
      });
      // Refreshed on the first run, then ŠMIR failed: the data and its date stay, the error is shown.
      expect(byCode.get(broken!.code)).toMatchObject({
        smir_data: broken,
        smir_refresh_error: expect.stringMatching(/^ŠMIR registras nepasiekiamas: atsakė HTTP 503/),
      });
      expect(byCode.get(broken!.code)?.smir_refreshed_at).not.toBeNull();
      expect(byCode.get(fine!.code)).toMatchObject({ smir_data: fine, smir_refresh_error: null });
      const memo = (await handle.describe()).memo as { summary: string; failedCodes: string[] };
      expect(memo.summary).toContain(`nepavyko: 2, iš jų ŠMIR nepasiekiamas: 1`);
      expect(memo.summary).toContain(gone!.code);
    } finally {
      sim.recover('smir');
      sim.putInstitution(gone!);
    }
    // ŠMIR is back: the next refresh clears the errors.
    expect(await (await start(codes)).result()).toMatchObject({ outcome: 'PAVYKO', refreshed: 4 });
    expect((await rows(codes)).map((r) => r.smir_refresh_error)).toEqual([null, null, null, null]);
  });

  it('fails the run (RegistryUnavailable) when ŠMIR is down for all, asks it no more once it is clearly down, keeping every institution’s data', async () => {
    const insts = await institutions(12);
    const codes = insts.map((i) => i.code);
    sim.fail('smir', { mode: 'status', status: 500 });
    const asked = sim.requestCount('smir');
    try {
      const handle = await start(codes, 10);
      const err = await handle.result().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(WorkflowFailedError);
      const cause = (err as WorkflowFailedError).cause as ApplicationFailure;
      expect(cause).toBeInstanceOf(ApplicationFailure);
      expect(cause.type).toBe(REGISTRY_UNAVAILABLE);
      expect(cause.message).toMatch(/^ŠMIR registras nepasiekiamas: neatnaujinta nė viena iš 12 institucijų/);
      expect(cause.details?.[0]).toMatchObject({ outcome: 'NEPAVYKO', failed: 12, unavailable: 12 });
      // After five failures in a row the rest of the batch is not asked (ŠMIR is not hammered).
      expect(sim.requestCount('smir') - asked).toBeLessThan(12 * 3);
      for (const row of await rows(codes)) {
        expect(row.smir_data).toMatchObject({ email: 'senas@pastas.lt' });
        expect(row.smir_refresh_error).toMatch(/^ŠMIR registras nepasiekiamas: atsakė HTTP 500/);
      }
      expect((await handle.describe()).memo).toMatchObject({ outcome: 'NEPAVYKO', failed: 12, failedCodes: [...codes].sort() });
    } finally {
      sim.recover('smir');
    }
  });
});
