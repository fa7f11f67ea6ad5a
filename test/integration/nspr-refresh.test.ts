// PROG-2, PROG-5, EXT-6 end to end: the registry refresh (SmirRefresh workflow, real worker) copies
// an institution's NŠPR programmes from the registry simulator into `programmes`, follows NŠPR's
// later changes, marks a programme NŠPR no longer lists as deregistered without deleting it, and
// leaves the programmes as they were while NŠPR is down. The pages then show it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NsprProgramme } from '../../workflows/domain/nspr-programme.ts';
import { auditTrail } from '../../db/queries/audit.ts';
import { smirRefreshWorkflowId } from '../../workflows/ids.ts';
import type { smirRefreshWorkflow } from '../../workflows/registry-refresh/workflow.ts';
import { registryFixtures } from '../sim/registries/fixtures.ts';
import type { RegistrySimulator } from '../sim/registries/server.ts';
import { createInstitution, type InstitutionFixture } from '../support/fixtures.ts';
import { insertGroupRows } from '../support/group-rows.ts';
import { nsprRecord } from '../support/nspr.ts';
import { appCaller } from '../support/http.ts';
import { adminSession, type TestSession } from '../support/session.ts';
import { startStack, type TestStack } from '../support/stack.ts';

let stack: TestStack;
let sim: RegistrySimulator;
let call: ReturnType<typeof appCaller>;
let x: InstitutionFixture;
let adminX: TestSession;
/** The institution's legal entity code, known to ŠMIR (a fresh one per run). */
let code: string;
/** NŠPR programme codes of this run. */
const codes = { mixed: '', plain: '', pending: '', suspended: '' };

function programme(programmeCode: string, over: Partial<NsprProgramme> = {}): NsprProgramme {
  return nsprRecord(programmeCode, { institutionCode: code, name: 'Skaitmeninė rinkodara', ...over });
}

async function refresh() {
  const handle = await stack.client.workflow.start<typeof smirRefreshWorkflow>('smirRefreshWorkflow', {
    taskQueue: stack.config.temporal.taskQueue,
    workflowId: smirRefreshWorkflowId(`test-nspr-${crypto.randomUUID()}`),
    args: [{ codes: [code] }],
  });
  return handle.result();
}

const rowsOfX = () =>
  stack.db
    .selectFrom('programmes')
    .selectAll()
    .where('institution_id', '=', x.institutionId)
    .where('venue_id', 'is', null)
    .orderBy('code')
    .execute();
const rowByCode = async (c: string) => (await rowsOfX()).find((r) => r.code === c);

beforeAll(async () => {
  stack = await startStack('nspr-refresh', { simulators: true, env: { REGISTRY_TIMEOUT_MS: '500' } });
  sim = stack.registries as RegistrySimulator;
  call = appCaller(stack.app);
  x = await createInstitution(stack.db, 'NŠPR institucija');
  // A legal entity ŠMIR knows, with a code no other test uses.
  code = `1${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  const template = [...registryFixtures().smir.institutions.values()][0]!;
  sim.putInstitution({ ...template, code, name: `NŠPR institucija ${code}` });
  await stack.db.updateTable('institutions').set({ code }).where('id', '=', x.institutionId).execute();
  adminX = await adminSession(stack.db, x);
  const tag = code.slice(-6);
  Object.assign(codes, {
    mixed: `NSP-2025-M${tag}`,
    plain: `NSP-2025-P${tag}`,
    pending: `NSP-2025-K${tag}`,
    suspended: `NSP-2025-S${tag}`,
  });
  sim.putNsprProgramme(programme(codes.mixed));
  sim.putNsprProgramme(
    programme(codes.plain, {
      name: 'Buhalterinė apskaita',
      languages: ['lietuvių'],
      trainingMode: null,
      hours: { contact: 40, independent: 0, total: 40 },
    }),
  );
  sim.putNsprProgramme(programme(codes.pending, { kpmpc: { result: 'PENDING', decidedOn: null, decisionNumber: null } }));
  sim.putNsprProgramme(
    programme(codes.suspended, { status: 'SUSPENDED', suspendedOn: '2026-10-01', statusReason: 'Programa sustabdyta teikėjo prašymu.' }),
  );
  // The fixture's programme was copied from NŠPR earlier and has a group; NŠPR no longer lists it.
  await insertGroupRows(stack.db, { institutionId: x.institutionId, programmeId: x.programmeId, venueId: x.venueId, count: 2 });
});

afterAll(async () => {
  sim?.recover();
  await stack?.stop();
});

describe('NŠPR programmes in "Institucijos mokymosi programos" (PROG-2)', () => {
  it('copies the programmes NŠPR offers in IMP IS with their data, and only those', async () => {
    const before = new Date();
    const result = await refresh();
    expect(result).toMatchObject({ outcome: 'PAVYKO', refreshed: 1 });
    const mixed = await rowByCode(codes.mixed);
    expect(mixed).toMatchObject({
      name: 'Skaitmeninė rinkodara',
      kind: 'NSPR',
      languages: ['lietuvių', 'anglų'],
      contact_hours: '36.00',
      training_mode: 'MISRUS',
      state: 'ACTIVE',
      remarks: null,
      nspr_data: { code: codes.mixed, kpmpc: { result: 'POSITIVE' }, hours: { independent: 12 } },
    });
    expect(mixed!.nspr_refreshed_at!.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
    expect(await rowByCode(codes.plain)).toMatchObject({
      name: 'Buhalterinė apskaita',
      training_mode: null,
      contact_hours: '40.00',
      state: 'ACTIVE',
    });
    // Not evaluated by KPMPC yet, or suspended in NŠPR: not offered, not copied.
    expect(await rowByCode(codes.pending)).toBeUndefined();
    expect(await rowByCode(codes.suspended)).toBeUndefined();
    expect((await auditTrail(stack.db, 'programme', mixed!.id)).map((r) => [r.action, r.actor_kind])).toEqual([['NSPR_ADD', 'system']]);
  });

  it('marks a copied programme NŠPR no longer lists as deregistered, keeping it and its groups', async () => {
    const gone = await rowByCode(x.programmeCode);
    expect(gone).toMatchObject({
      id: x.programmeId,
      state: 'DEREGISTERED',
      remarks: expect.stringMatching(/^Programos NŠPR nebėra \(tikrinta \d{4}-\d{2}-\d{2}\): laikoma išregistruota\.$/),
    });
    const groups = await stack.db.selectFrom('training_groups').select('id').where('programme_id', '=', x.programmeId).execute();
    expect(groups).toHaveLength(2);
    expect((await auditTrail(stack.db, 'programme', x.programmeId)).at(-1)).toMatchObject({
      action: 'NSPR_GONE',
      changes: { state: { before: 'ACTIVE', after: 'DEREGISTERED' } },
    });
  });

  it('shows them: the list with the remark, "Bendroji programos informacija" with NŠPR’s record, and no new group for the deregistered one', async () => {
    const list = await (await call('/programos', { as: adminX })).text();
    const mixed = (await rowByCode(codes.mixed))!;
    expect(list).toContain(`<a href="/programos/${mixed.id}">${codes.mixed}</a>`);
    expect(list).toContain('Programos NŠPR nebėra');
    expect(list).not.toContain(codes.pending);
    const general = await (await call(`/programos/${mixed.id}?kortele=bendroji`, { as: adminX })).text();
    expect(general).toContain('<dt>Mokymo būdas</dt><dd>Mišrus</dd>');
    expect(general).toContain('<dt>KPMPC įvertinimas</dt><dd>Teigiamas, 2025-06-01, Nr. KV-2025-101</dd>');
    expect(general).toContain('Programos tikslas – suteikti žinių apie skaitmeninę rinkodarą.');
    expect((await call(`/programos/${mixed.id}/grupes/nauja`, { as: adminX })).status).toBe(200);
    const refused = await call(`/programos/${x.programmeId}/grupes/nauja`, { as: adminX });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('Mokymosi programa išregistruota iš NŠPR: naujų mokymo grupių jai kurti negalima.');
  });

  it('follows NŠPR: a new name, a suspension with its reason, a KPMPC evaluation now given; a second run changes nothing', async () => {
    sim.putNsprProgramme(
      programme(codes.mixed, {
        status: 'SUSPENDED',
        suspendedOn: '2026-11-20',
        statusReason: 'Programa sustabdyta KPMPC sprendimu dėl stebėsenos rezultatų.',
      }),
    );
    sim.putNsprProgramme(
      programme(codes.plain, {
        name: 'Buhalterinė apskaita (atnaujinta)',
        languages: ['lietuvių'],
        trainingMode: 'NUOTOLINIS_SINCHRONINIS',
        hours: { contact: 44, independent: 0, total: 44 },
      }),
    );
    sim.putNsprProgramme(programme(codes.pending));
    await refresh();
    expect(await rowByCode(codes.mixed)).toMatchObject({
      state: 'SUSPENDED',
      remarks: 'Programa sustabdyta NŠPR 2026-11-20. Programa sustabdyta KPMPC sprendimu dėl stebėsenos rezultatų.',
    });
    expect(await rowByCode(codes.plain)).toMatchObject({
      name: 'Buhalterinė apskaita (atnaujinta)',
      training_mode: 'NUOTOLINIS_SINCHRONINIS',
      contact_hours: '44.00',
      state: 'ACTIVE',
    });
    expect(await rowByCode(codes.pending)).toMatchObject({ state: 'ACTIVE' });
    const list = await (await call('/programos', { as: adminX })).text();
    expect(list).toContain('Programa sustabdyta NŠPR 2026-11-20.');
    const mixedId = (await rowByCode(codes.mixed))!.id;
    expect((await call(`/programos/${mixedId}/grupes/nauja`, { as: adminX })).status).toBe(409);

    const audited = async () =>
      (
        await stack.db
          .selectFrom('audit_log')
          .select('id')
          .where('institution_id', '=', x.institutionId)
          .where('entity_type', '=', 'programme')
          .execute()
      ).length;
    const count = await audited();
    const rows = await rowsOfX();
    await refresh();
    expect(await audited()).toBe(count);
    expect((await rowsOfX()).map(({ nspr_refreshed_at: _at, ...r }) => r)).toEqual(rows.map(({ nspr_refreshed_at: _at, ...r }) => r));

    // Registered again in NŠPR: open again, the remark gone.
    sim.putNsprProgramme(programme(codes.mixed));
    await refresh();
    expect(await rowByCode(codes.mixed)).toMatchObject({ state: 'ACTIVE', remarks: null });
  });

  it('leaves the programmes as they were while NŠPR is down; the ŠMIR part of the refresh still succeeds', async () => {
    const rows = await rowsOfX();
    sim.removeNsprProgramme(codes.plain);
    sim.fail('nspr', { mode: 'status', status: 503 });
    try {
      expect(await refresh()).toMatchObject({ outcome: 'PAVYKO', refreshed: 1, failed: 0 });
      expect(await rowsOfX()).toEqual(rows);
    } finally {
      sim.recover('nspr');
    }
    // NŠPR answers again: the programme it dropped is marked deregistered.
    await refresh();
    expect(await rowByCode(codes.plain)).toMatchObject({ state: 'DEREGISTERED' });
  });
});
