// Demo data for `npm start`: master data straight into Postgres, and training groups in several
// statuses created the way a provider creates them (TrainingGroup workflows, through the same
// commands the web sends). Idempotent: an existing group is left as it is.
import type { Client } from '@temporalio/client';
import { smirRefreshWorkflowId } from '../workflows/ids.ts';
import type { smirRefreshWorkflow } from '../workflows/registry-refresh/workflow.ts';
import type { Db } from '../db/client.ts';
import { findGroup } from '../db/queries/training-groups.ts';
import { findProgramme } from '../db/queries/programmes.ts';
import { DEMO, seedDemoMasterData, seedDemoTimetable, type DemoTimetable } from '../db/seed/demo.ts';
import { addDays, vilniusDate } from '../workflows/domain/calendar.ts';
import { validateGroupInfo } from '../workflows/domain/group-info.ts';
import { GroupStatus } from '../workflows/domain/group-status.ts';
import { hashPersonalCode } from '../worker/crypto.ts';
import { changeGroupStatus, createGroup } from '../web/group-commands.ts';
import { demoDeliveryGroup, seedDeliveryGroup } from './seed-demo-delivery.ts';
import { demoInvoiceSpec, seedInvoiceGroup, seedUztClient } from './seed-demo-invoices.ts';
import { seedTimetableReportDemo } from './seed-demo-timetable-report.ts';
import type { Config } from '../worker/config.ts';

interface DemoGroup {
  id: string;
  name: string;
  programmeId: string;
  path: GroupStatus[];
  offset: number;
  /** Its "Tvarkaraštis": full for every group that is published (GRP-40), half for the one still "Kuriama". */
  timetable: DemoTimetable;
}

const GROUPS: DemoGroup[] = [
  {
    id: '4fa15e42-9d70-4152-8e99-000000000001',
    name: 'SR-2027-01 (Vilnius, vakarinė)',
    programmeId: DEMO.programmes.digital.id,
    path: [],
    offset: 14,
    timetable: { lecturer: 'lina', startTime: '18:00', share: 0.5 },
  },
  {
    id: '4fa15e42-9d70-4152-8e99-000000000002',
    name: 'SR-2027-02 (nuotolinė)',
    programmeId: DEMO.programmes.digital.id,
    path: [GroupStatus.Published],
    offset: 3,
    timetable: { lecturer: 'lina', startTime: '09:00', remote: true, share: 1 },
  },
  {
    id: '4fa15e42-9d70-4152-8e99-000000000003',
    name: 'VA-B1-2027-01',
    programmeId: DEMO.programmes.english.id,
    path: [GroupStatus.Published, GroupStatus.InDelivery],
    offset: 5,
    timetable: { lecturer: 'marius', startTime: '18:00', share: 1 },
  },
  {
    id: '4fa15e42-9d70-4152-8e99-000000000004',
    name: 'VA-B1-2026-12',
    programmeId: DEMO.programmes.english.id,
    path: [GroupStatus.Published, GroupStatus.NotDelivered],
    offset: 2,
    timetable: { lecturer: 'marius', startTime: '09:00', share: 1 },
  },
  // Registration open from today: the KURSUOK portal's test people (Eglė, Mindaugas, Andrii) can register at once.
  {
    id: '4fa15e42-9d70-4152-8e99-000000000005',
    name: 'SR-2027-03 (Vilnius, dieninė)',
    programmeId: DEMO.programmes.digital.id,
    path: [GroupStatus.Published],
    offset: 0,
    timetable: { lecturer: 'lina', startTime: '14:00', share: 1 },
  },
];

export async function seedDemo(db: Db, temporal: Client, config: Config, now = new Date()): Promise<number> {
  await seedDemoMasterData(db, (code) => hashPersonalCode(config.secrets.personalCodePepper, code));
  const taskQueue = config.temporal.taskQueue;
  const today = vilniusDate(now);
  const actor = {
    userId: DEMO.users.admin.id,
    institutionId: DEMO.institution.id,
    requestId: 'seed',
    personalCodeHash: hashPersonalCode(config.secrets.personalCodePepper, DEMO.users.admin.person.personalCode),
  };
  let created = 0;
  for (const g of GROUPS) {
    if (await findGroup(db, DEMO.institution.id, g.id)) continue;
    const programme = await findProgramme(db, DEMO.institution.id, g.programmeId);
    if (!programme) throw new Error(`demo programme ${g.programmeId} missing`);
    const checked = validateGroupInfo({
      name: g.name,
      fundingSources: ['IMP_KREPSELIS', 'ASMENINES_LESOS'],
      price: '450,00',
      language: programme.languages[0] ?? 'lietuvių',
      minParticipants: '8',
      maxParticipants: '16',
      venueId: g.name.includes('nuotolinė') ? DEMO.venues.remote.id : DEMO.venues.vilnius.id,
      registrationStart: addDays(today, g.offset),
      registrationEnd: addDays(today, g.offset + 21),
      programmeStart: addDays(today, g.offset + 30),
      programmeEnd: addDays(today, g.offset + 75),
    });
    if (!checked.ok) throw new Error(`demo group ${g.name} is invalid: ${JSON.stringify(checked.errors)}`);
    const target = { temporal, taskQueue, timeoutMs: 60_000 };
    const result = await createGroup(target, { groupId: g.id, programme, info: checked.info, actor });
    if (!result.ok) throw new Error(`demo group ${g.name}: ${result.message}`);
    await seedDemoTimetable(db, g.id, g.timetable);
    for (const [i, to] of g.path.entries()) {
      const step = await changeGroupStatus(target, { groupId: g.id, to, actor, idempotencyKey: `${g.id}-seed-${i}` });
      if (!step.ok) throw new Error(`demo group ${g.name} → ${to}: ${step.message}`);
    }
    created++;
  }
  // Issue 13: a group already in delivery with contracts in force, for "Mokymų baigimas" (waits ~30 s once).
  if (await seedDeliveryGroup(db, temporal, config, demoDeliveryGroup(), now)) created++;
  // Issue 14: a finished group with certified participants for "Sąskaitos faktūros", and an approved UŽT client.
  if (await seedInvoiceGroup(db, temporal, config, demoInvoiceSpec(), now)) created++;
  if (await seedUztClient(db, demoInvoiceSpec(), now)) created++;
  // Issue 15: a timetable that breaks rules, for "Ataskaita. Tvarkaraščių informacija".
  await seedTimetableReportDemo(db);
  await refreshDemoInstitutionsFromSmir(db, temporal, taskQueue);
  return created;
}

/**
 * The demo institutions' "ŠMIR informacija" is filled at once (issue 11, item 14), not at the next
 * 03:00 refresh: the same workflow as the daily schedule, for the demo institutions only, once.
 */
export async function refreshDemoInstitutionsFromSmir(
  db: Db,
  temporal: Client,
  taskQueue: string,
  codes: readonly string[] = [DEMO.institution.code, DEMO.otherInstitution.code],
): Promise<void> {
  const missing = await db
    .selectFrom('institutions')
    .select('code')
    .where('code', 'in', codes)
    .where('smir_refreshed_at', 'is', null)
    .execute();
  if (missing.length === 0) return;
  await temporal.workflow.execute<typeof smirRefreshWorkflow>('smirRefreshWorkflow', {
    workflowId: smirRefreshWorkflowId(`demo-${vilniusDate(new Date())}-${missing.map((m) => m.code).join('-')}`),
    taskQueue,
    args: [{ codes: missing.map((m) => m.code) }],
    staticSummary: 'ŠMIR duomenų atnaujinimas: demonstracinės institucijos (npm start)',
  });
}
