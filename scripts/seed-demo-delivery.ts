// Demo data for `npm start` (issue 13): one group of the demo institution already "Vykdoma", its
// delivery started, whose participants' learning contracts are in force ("Galioja") and whose whole
// timetable lies on the seeding day, so an outside tester can tick "Mokymus pradėjo" and "Mokymus
// baigė" at once in "Mokymų baigimas" (DONE-5, DONE-13: from the first / the last session's day),
// confirm an assessment ("Patvirtinti"), fill Eglė Paulauskienė's "Vertinimo anketa" in the portal and
// set "Užbaigta" (G9: the end date counts as reached, GroupDeadlines.programmeEndsAt).
// Everything goes through the real commands: the group's Updates (with explicit deadlines a few
// seconds ahead, as an operator may give them), the portal's registration, the provider's approval,
// "Vykdoma" (G5), and each contract signed by both parties through the signing gateway simulator's
// browser pages with a fresh VIISP login (the simulator's own login page, driven with fetch) — the
// gateway's test control is off in `npm start`. Only the timetable is written straight into Postgres,
// like seedDemoTimetable does. Idempotent: an existing group is left as it is.
import type { Client } from '@temporalio/client';
import type { Db } from '../db/client.ts';
import { createParticipant } from '../db/queries/participants.ts';
import { findProgramme } from '../db/queries/programmes.ts';
import { findGroup } from '../db/queries/training-groups.ts';
import { DEMO } from '../db/seed/demo.ts';
import { DEMO_PEOPLE } from '../db/seed/people.ts';
import { driveViispLogin } from '../test/sim/viisp/drive.ts';
import { addDays, vilniusDate } from '../workflows/domain/calendar.ts';
import type { GroupDeadlines } from '../workflows/domain/group-deadlines.ts';
import { validateGroupInfo } from '../workflows/domain/group-info.ts';
import { GroupStatus } from '../workflows/domain/group-status.ts';
import { ContractPhase } from '../workflows/domain/learning-contract.ts';
import { personalCodeBirthDate } from '../workflows/domain/personal-code.ts';
import { programmeContactMinutes, SessionMode } from '../workflows/domain/schedule.ts';
import { learningContractWorkflowId, trainingGroupWorkflowId } from '../workflows/ids.ts';
import {
  completeContractSigningUpdate,
  contractStateQuery,
  startContractSigningUpdate,
  type ContractSigner,
  type LearningContractState,
} from '../workflows/learning-contract/messages.ts';
import { createGroupUpdate, decideRegistrationUpdate, groupStateQuery, type Actor } from '../workflows/training-group/messages.ts';
import { changeGroupStatus, type GroupCommandTarget } from '../web/group-commands.ts';
import { registerParticipant } from '../web/portal-commands.ts';
import { hashPersonalCode } from '../worker/crypto.ts';
import type { Config } from '../worker/config.ts';
import { WithStartWorkflowOperation } from '@temporalio/client';
import type { trainingGroupWorkflow } from '../workflows/training-group/workflow.ts';
import { summary } from '../workflows/operator-details.ts';
import { GroupStatusKey, InstitutionIdKey, ProgrammeCodeKey } from '../workflows/search-attributes.ts';

export interface SeedPerson {
  personalCode: string;
  givenName: string;
  familyName: string;
}

/** What the group is made of; `demoDeliveryGroup()` for `npm start`, an institution of its own in the test. */
export interface DeliveryGroupSpec {
  groupId: string;
  name: string;
  institutionId: string;
  /** An active user with "Sutarčių pasirašymas" and a signing document (USERS-28), a VIISP test person. */
  signer: { userId: string; person: SeedPerson; authority: string };
  /** A programme whose contact hours fit into one day (at most 24 h × 60 / 45 = 32 academic hours). */
  programmeId: string;
  venueId: string;
  lecturerId: string;
  /** VIISP test people, each with the e-mail the group writes to. */
  participants: readonly (SeedPerson & { email: string })[];
}

/** The demo institution's group for "Mokymų baigimas": Rūta Jonaitienė signs for the provider; Eglė can log in to the portal. */
export function demoDeliveryGroup(): DeliveryGroupSpec {
  const email = (p: SeedPerson) =>
    `${p.givenName}.${p.familyName}`
      .toLocaleLowerCase('lt')
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '') + '@dalyviai.example.lt';
  const person = ({ personalCode, givenName, familyName }: SeedPerson) => ({ personalCode, givenName, familyName });
  return {
    groupId: DEMO_DELIVERY_GROUP_ID,
    name: DEMO_DELIVERY_GROUP_NAME,
    institutionId: DEMO.institution.id,
    signer: { userId: DEMO.users.admin.id, person: person(DEMO.users.admin.person), authority: DEMO.users.admin.signing_document },
    programmeId: DEMO.programmes.finance.id,
    venueId: DEMO.venues.vilnius.id,
    lecturerId: DEMO.lecturers.marius.id,
    participants: [DEMO_PEOPLE.egle, DEMO_PEOPLE.jurate, DEMO_PEOPLE.paulius].map((p) => ({ ...person(p), email: email(p) })),
  };
}

export const DEMO_DELIVERY_GROUP_ID = '4fa15e42-9d70-4152-8e99-000000000006';
export const DEMO_DELIVERY_GROUP_NAME = 'AF-2026-01 (mokymų baigimas)';

/**
 * Seconds from the group's creation to the end of registration (G4) and to delivery start (G7, the
 * contracts' signing deadline, CON-6): registering, approving, "Vykdoma" and 2 × N signatures fit
 * well before it; the seed then waits for delivery to start.
 */
const REGISTRATION_CLOSES_IN_S = 15;
const DELIVERY_STARTS_IN_S = 30;

/** Sessions of at most 4 h from 08:00 on, 30 min apart, together exactly `minutes` (≤ the day). */
export function oneDaySessions(minutes: number): { startTime: string; durationMinutes: number }[] {
  const sessions = [];
  let left = minutes;
  for (let start = 8 * 60; left > 0; start += 270) {
    const duration = Math.min(240, left);
    if (start + duration > 24 * 60) throw new Error(`${minutes} min do not fit into one day`);
    sessions.push({
      startTime: `${String(Math.floor(start / 60)).padStart(2, '0')}:${String(start % 60).padStart(2, '0')}`,
      durationMinutes: duration,
    });
    left -= duration;
  }
  return sessions;
}

/**
 * Creates the group and brings it to "Vykdoma" with its delivery started and every contract in force;
 * false when the group exists already (left as it is). Takes about DELIVERY_STARTS_IN_S seconds.
 */
export async function seedDeliveryGroup(
  db: Db,
  temporal: Client,
  config: Config,
  spec: DeliveryGroupSpec,
  now = new Date(),
): Promise<boolean> {
  if (await findGroup(db, spec.institutionId, spec.groupId)) return false;
  const hash = (code: string) => hashPersonalCode(config.secrets.personalCodePepper, code);
  const programme = await findProgramme(db, spec.institutionId, spec.programmeId);
  if (!programme) throw new Error(`demo programme ${spec.programmeId} missing`);
  const taskQueue = config.temporal.taskQueue;
  const target: GroupCommandTarget = { temporal, taskQueue, timeoutMs: 60_000 };
  const actor: Actor = {
    userId: spec.signer.userId,
    institutionId: spec.institutionId,
    requestId: 'seed',
    personalCodeHash: hash(spec.signer.person.personalCode),
  };
  const today = vilniusDate(now);
  // The form's rules (GRP-27, GRP-40): registration from today, delivery from tomorrow; the explicit
  // deadlines below move G4 and G7 to a few seconds from now, and G9's end date to today.
  const checked = validateGroupInfo({
    name: spec.name,
    fundingSources: ['IMP_KREPSELIS', 'ASMENINES_LESOS'],
    price: '180,00',
    language: programme.languages[0] ?? 'lietuvių',
    minParticipants: '1',
    maxParticipants: '12',
    venueId: spec.venueId,
    registrationStart: today,
    registrationEnd: today,
    programmeStart: addDays(today, 1),
    programmeEnd: addDays(today, 1),
  });
  if (!checked.ok) throw new Error(`demo group ${spec.name} is invalid: ${JSON.stringify(checked.errors)}`);
  const t0 = Date.now();
  const deadlines: GroupDeadlines = {
    registrationClosesAt: new Date(t0 + REGISTRATION_CLOSES_IN_S * 1000).toISOString(),
    programmeStartsAt: new Date(t0 + DELIVERY_STARTS_IN_S * 1000).toISOString(),
    programmeEndsAt: new Date(t0 + DELIVERY_STARTS_IN_S * 1000).toISOString(),
  };

  // "Sukurti naują mokymo grupę", as web/group-commands.ts createGroup sends it, with the deadlines.
  const start = new WithStartWorkflowOperation<typeof trainingGroupWorkflow>('trainingGroupWorkflow', {
    workflowId: trainingGroupWorkflowId(spec.groupId),
    taskQueue,
    workflowIdConflictPolicy: 'USE_EXISTING',
    args: [
      {
        groupId: spec.groupId,
        institutionId: spec.institutionId,
        programmeId: programme.id,
        programmeCode: programme.code,
        programmeName: programme.name,
      },
    ],
    typedSearchAttributes: [
      { key: InstitutionIdKey, value: spec.institutionId },
      { key: GroupStatusKey, value: GroupStatus.Draft },
      { key: ProgrammeCodeKey, value: programme.code },
    ],
    memo: { groupName: spec.name, programme: `${programme.code} ${programme.name}` },
    staticSummary: summary(`Mokymo grupė „${spec.name}“`, `${programme.code} ${programme.name}`),
    staticDetails: `Programa ${programme.code} ${programme.name}; grupės ID ${spec.groupId}; demonstraciniai duomenys (npm start)`,
  });
  // A refusal throws (the workflow's ApplicationFailure), as every Update below.
  await temporal.workflow.executeUpdateWithStart(createGroupUpdate, {
    args: [{ actor, info: checked.info, deadlines }],
    updateId: `${spec.institutionId}:${spec.groupId}`,
    startWorkflowOperation: start,
  });
  const group = temporal.workflow.getHandle<typeof trainingGroupWorkflow>(trainingGroupWorkflowId(spec.groupId));

  // "Tvarkaraštis" (SCHED-*): every contact hour of the programme today (GRP-40 needs them all).
  await db
    .insertInto('group_sessions')
    .values(
      oneDaySessions(programmeContactMinutes(programme.contact_hours)).map((s, i) => ({
        institution_id: spec.institutionId,
        group_id: spec.groupId,
        session_date: today,
        start_time: s.startTime,
        duration_minutes: s.durationMinutes,
        mode: SessionMode.Contact,
        link: null,
        venue_id: spec.venueId,
        auditorium: '205',
        lecturer_id: spec.lecturerId,
        additional_info: i === 0 ? 'Pirmasis užsiėmimas: susipažinimas ir pradinis žinių įvertinimas.' : null,
      })),
    )
    .execute();
  const published = await changeGroupStatus(target, {
    groupId: spec.groupId,
    to: GroupStatus.Published,
    actor,
    idempotencyKey: `${spec.groupId}-seed-0`,
  });
  if (!published.ok) throw new Error(`demo group ${spec.name} → ${GroupStatus.Published}: ${published.message}`);

  // Each participant's KURSUOK account (as at the first portal login), registration (the portal's command) and approval.
  const registrations: { id: string; signer: ContractSigner; personalCode: string }[] = [];
  for (const p of spec.participants) {
    const personKey = hash(p.personalCode);
    let account = await createParticipant(db, {
      personKey,
      firstName: p.givenName,
      lastName: p.familyName,
      citizen: true,
      birthDate: personalCodeBirthDate(p.personalCode),
      // The registries are asked at her next login (checkedAt null).
      registry: { education: null, sodraEmployed: null, checkedAt: null },
      requestId: 'seed',
    });
    if (!account.email)
      account = await db
        .updateTable('participants')
        .set({ email: p.email, phone: '+37060011111' })
        .where('id', '=', account.id)
        .returningAll()
        .executeTakeFirstOrThrow();
    const registrationId = crypto.randomUUID();
    const registered = await registerParticipant(target, {
      groupId: spec.groupId,
      registrationId,
      person: {
        personKey,
        participantId: account.id,
        firstName: account.first_name,
        lastName: account.last_name,
        email: account.email!,
        ...(account.phone ? { phone: account.phone } : {}),
      },
      funding: 'IMP_KREPSELIS',
    });
    if (!registered.ok) throw new Error(`demo group ${spec.name}: registration of ${p.givenName}: ${registered.message}`);
    await group.executeUpdate(decideRegistrationUpdate, {
      args: [{ actor, registrationId, decision: 'APPROVE' }],
      updateId: `${registrationId}:seed-approve`,
    });
    registrations.push({
      id: registrationId,
      personalCode: p.personalCode,
      signer: { party: 'participant', participantId: account.id, personKey, name: `${account.first_name} ${account.last_name}` },
    });
  }

  // G5: "Vykdoma"; the contracts are prepared (K1) and signed by both parties (K2, K3 → K4 "Galioja").
  const delivering = await changeGroupStatus(target, {
    groupId: spec.groupId,
    to: GroupStatus.InDelivery,
    actor,
    idempotencyKey: `${spec.groupId}-seed-1`,
  });
  if (!delivering.ok) throw new Error(`demo group ${spec.name} → ${GroupStatus.InDelivery}: ${delivering.message}`);
  const provider: ContractSigner = {
    party: 'provider',
    userId: spec.signer.userId,
    institutionId: spec.institutionId,
    personalCodeHash: actor.personalCodeHash!,
    name: `${spec.signer.person.givenName} ${spec.signer.person.familyName}`,
    authority: spec.signer.authority,
  };
  for (const r of registrations) {
    // The workflow's own state, not the row: the row is written a moment before the workflow takes the
    // new phase, and a signature asked for in between is refused ("Sutartis dar rengiama…").
    await until(`the contract of ${r.signer.name} prepared`, Date.parse(deadlines.programmeStartsAt), async () => {
      const state = await temporal.workflow
        .getHandle(learningContractWorkflowId(r.id))
        .query(contractStateQuery)
        .catch(() => null);
      return state?.phase === ContractPhase.Signing;
    });
    await signContract(temporal, config, r.id, r.signer, r.personalCode);
    const state = await signContract(temporal, config, r.id, provider, spec.signer.person.personalCode);
    if (state.phase !== ContractPhase.InForce)
      throw new Error(`demo group ${spec.name}: the contract of ${r.signer.name} is ${state.phase}`);
  }

  const signedAfter = ((Date.now() - t0) / 1000).toFixed(1);
  // G7: delivery starts at its instant; the contracts in force keep their participants.
  await until('delivery start (G7)', Date.parse(deadlines.programmeStartsAt) + 60_000, async () => {
    const state = await group.query(groupStateQuery);
    return state.progress?.programmeStarted === true;
  });
  const status = await group.query(groupStateQuery);
  if (status.status !== GroupStatus.InDelivery) throw new Error(`demo group ${spec.name} is „${status.status}“, not „Vykdoma“`);
  console.log(
    `demo data: group "${spec.name}" in delivery with ${registrations.length} contracts in force (signed after ${signedAfter} s, ready after ${((Date.now() - t0) / 1000).toFixed(1)} s)`,
  );
  return true;
}

/** One party signs: the workflow opens the gateway session, the person confirms it in the gateway's pages, the workflow records it. */
async function signContract(
  temporal: Client,
  config: Config,
  contractId: string,
  signer: ContractSigner,
  personalCode: string,
): Promise<LearningContractState> {
  const contract = temporal.workflow.getHandle(learningContractWorkflowId(contractId));
  const path = `/sutartys/${contractId}/pasirasymas`;
  const returnUrl = `${config.web.publicUrl}${signer.party === 'participant' ? `/kursuok${path}` : path}`;
  const { signUrl } = await contract.executeUpdate(startContractSigningUpdate, {
    args: [{ signer, returnUrl }],
    updateId: `${contractId}:seed-start-${signer.party}`,
  });
  const sessionId = await confirmAtGateway(signUrl, personalCode);
  return contract.executeUpdate(completeContractSigningUpdate, {
    args: [{ signer, sessionId }],
    updateId: `${contractId}:seed-complete-${signer.party}`,
  });
}

/**
 * The signer in the gateway's pages: „Pasirašyti“, a fresh login at the VIISP simulator as
 * `personalCode`, and the gateway's return to the app (not followed). Resolves to the session id.
 */
export async function confirmAtGateway(signUrl: string, personalCode: string): Promise<string> {
  const page = await fetch(signUrl);
  const html = await page.text();
  const action = /<form method="post" action="([^"]+)"><button[^>]*data-sign>/.exec(html)?.[1];
  if (!page.ok || !action) throw new Error(`signing gateway: no „Pasirašyti“ at ${signUrl} (HTTP ${page.status})`);
  const pressed = await fetch(new URL(action, signUrl), { method: 'POST', redirect: 'manual' });
  const authorization = pressed.headers.get('location');
  const cookie = (pressed.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
  if (pressed.status !== 303 || !authorization) throw new Error(`signing gateway: „Pasirašyti“ answered HTTP ${pressed.status}`);
  const callback = await driveViispLogin(new URL(authorization, signUrl).href, { personalCode });
  const back = await fetch(callback, { headers: { cookie }, redirect: 'manual' });
  const returned = new URL(back.headers.get('location') ?? '', signUrl);
  if (back.status !== 303 || returned.searchParams.get('status') !== 'signed') {
    const text = (await back.text())
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    throw new Error(`signing gateway: not signed (HTTP ${back.status}): ${text.slice(0, 300)}`);
  }
  return returned.searchParams.get('session')!;
}

async function until(what: string, deadline: number, done: () => Promise<boolean>): Promise<void> {
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`demo data: gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
