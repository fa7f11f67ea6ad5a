// Tab "Tvarkaraštis" of a training group (§3.7.2, SCHED-*). Each change is one transaction: the
// group row locked (`for update`: its status, which the group workflow projects there, cannot
// change meanwhile), the form's idempotency key, the sessions, their audit rows, and — for a
// published group — the e-mails to its registered participants (N18), composed by the caller's
// `composeEmail` from the facts read here. Overlaps are checked here
// for a readable message and refused by Postgres's exclusion constraints in any case (migration
// 20261128T1730_group_sessions). Every query is scoped to one institution (GEN-5).
import { sql } from 'kysely';
import type { EmailText, ScheduleChangedFacts, ScheduleMailSession } from '../../workflows/domain/emails.ts';
import {
  groupOverlapMessage,
  lecturerBusyMessage,
  overlapping,
  programmeContactMinutes,
  schedulePublishProblem,
  scheduleChangeNotifiesParticipants,
  isScheduleEditable,
  type SessionFieldErrors,
  type SessionMode,
  type SessionValue,
  type TimedSession,
} from '../../workflows/domain/schedule.ts';
import type { GroupStatus } from '../../workflows/domain/group-status.ts';
import { ACTIVE_REGISTRATION_STATUSES } from '../../workflows/domain/registration.ts';
import type { Db, DbOrTx, Tx } from '../client.ts';
import { writeAudit, diffFields, type ChangeActor, type AuditEntry } from './audit.ts';
import { queueEmail } from './outbox.ts';
import { institutionPublishProblems } from './institution-info.ts';
import { programmeInfoPublishProblems } from './programme-info.ts';

const SESSION_ENTITY = 'group_session';
const EXCLUSION_VIOLATION = '23P01';

/** A session as the tab shows it. */
export interface ScheduleSession extends TimedSession {
  mode: SessionMode;
  link: string | null;
  venueId: string;
  venueName: string;
  auditorium: string | null;
  lecturerId: string;
  lecturerName: string;
  lecturerActive: boolean;
  additionalInfo: string | null;
}

function sessionQuery(db: DbOrTx, institutionId: string) {
  return db
    .selectFrom('group_sessions as s')
    .innerJoin('venues as v', 'v.id', 's.venue_id')
    .innerJoin('lecturers as l', 'l.id', 's.lecturer_id')
    .where('s.institution_id', '=', institutionId)
    .select([
      's.id',
      's.session_date',
      's.start_time',
      's.duration_minutes',
      's.mode',
      's.link',
      's.venue_id',
      'v.name as venue_name',
      's.auditorium',
      's.lecturer_id',
      'l.first_name',
      'l.last_name',
      'l.active as lecturer_active',
      's.additional_info',
    ]);
}

type SessionJoinRow = Awaited<ReturnType<ReturnType<typeof sessionQuery>['execute']>>[number];

function toSession(r: SessionJoinRow): ScheduleSession {
  return {
    id: r.id,
    date: r.session_date,
    startTime: r.start_time.slice(0, 5),
    durationMinutes: r.duration_minutes,
    mode: r.mode,
    link: r.link,
    venueId: r.venue_id,
    venueName: r.venue_name,
    auditorium: r.auditorium,
    lecturerId: r.lecturer_id,
    lecturerName: `${r.first_name} ${r.last_name}`,
    lecturerActive: r.lecturer_active,
    additionalInfo: r.additional_info,
  };
}

/** The group's sessions in time order. */
export async function listGroupSessions(db: DbOrTx, institutionId: string, groupId: string): Promise<ScheduleSession[]> {
  const rows = await sessionQuery(db, institutionId)
    .where('s.group_id', '=', groupId)
    .orderBy('s.session_date')
    .orderBy('s.start_time')
    .orderBy('s.id')
    .execute();
  return rows.map(toSession);
}

/** One session of the group; undefined for another group's or institution's (GEN-5). */
async function findGroupSession(
  db: DbOrTx,
  institutionId: string,
  groupId: string,
  sessionId: string,
): Promise<ScheduleSession | undefined> {
  const row = await sessionQuery(db, institutionId).where('s.group_id', '=', groupId).where('s.id', '=', sessionId).executeTakeFirst();
  return row ? toSession(row) : undefined;
}

/** SCHED-9 / OQ-27: the mode of the group's most recently created or changed session. */
export async function lastChosenSessionMode(db: DbOrTx, institutionId: string, groupId: string): Promise<string | null> {
  const row = await db
    .selectFrom('group_sessions')
    .select('mode')
    .where('institution_id', '=', institutionId)
    .where('group_id', '=', groupId)
    .orderBy('updated_at', 'desc')
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.mode ?? null;
}

/**
 * GRP-40, SCHED-16, SCHED-24: what in the group's timetable blocks publishing — the planned minutes
 * must equal the programme's contact hours × 45. Empty when the timetable is complete.
 */
async function schedulePublishProblems(db: DbOrTx, institutionId: string, groupId: string): Promise<string[]> {
  const row = await db
    .selectFrom('training_groups as g')
    .innerJoin('programmes as p', (j) => j.onRef('p.id', '=', 'g.programme_id').onRef('p.institution_id', '=', 'g.institution_id'))
    .select('p.contact_hours')
    .select((eb) =>
      eb
        .selectFrom('group_sessions as s')
        .select(sql<string>`coalesce(sum(s.duration_minutes), 0)`.as('m'))
        .whereRef('s.group_id', '=', 'g.id')
        .as('planned'),
    )
    .where('g.institution_id', '=', institutionId)
    .where('g.id', '=', groupId)
    .executeTakeFirst();
  if (!row) return [];
  const problem = schedulePublishProblem(Number(row.planned ?? 0), programmeContactMinutes(row.contact_hours));
  return problem ? [problem] : [];
}

// ---- Changes ---------------------------------------------------------------------------------------

export interface ScheduleCommand {
  institutionId: string;
  groupId: string;
  /** The form's key: the same form again changes nothing (a double click, a retried request). */
  idempotencyKey: string;
  actor: ChangeActor;
  /** The registered participants' e-mail about the change (N18), from what it changed. */
  composeEmail: (facts: ScheduleChangedFacts) => EmailText;
}

export type ScheduleChangeResult =
  | { ok: true; replayed: boolean; sessionIds: string[]; outboxIds: string[] }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'read_only'; status: GroupStatus }
  | { ok: false; reason: 'conflict'; errors: SessionFieldErrors };

interface LockedGroup {
  id: string;
  name: string;
  status: GroupStatus;
  programme_id: string;
}

/** What one change did to one session, for the audit row and the participants' e-mail. */
interface SessionChange {
  sessionId: string;
  action: 'create' | 'update' | 'delete';
  before: StoredSession | null;
  after: StoredSession | null;
  copiedFrom?: string;
}

/** A session's stored fields, as the audit trail records them. */
interface StoredSession extends SessionValue {
  date: string;
}

class Refused extends Error {
  constructor(readonly result: Exclude<ScheduleChangeResult, { ok: true }>) {
    super(result.reason);
  }
}

function auditActor(a: ChangeActor): AuditEntry['actor'] {
  return a.userId
    ? { kind: 'user', userId: a.userId, personalCodeHash: a.personalCodeHash }
    : { kind: 'person', personalCodeHash: a.personalCodeHash };
}

function columns(date: string, v: SessionValue) {
  return {
    session_date: date,
    start_time: v.startTime,
    duration_minutes: v.durationMinutes,
    mode: v.mode,
    link: v.link,
    venue_id: v.venueId,
    auditorium: v.auditorium,
    lecturer_id: v.lecturerId,
    additional_info: v.additionalInfo,
  };
}

async function storedSession(trx: Tx, institutionId: string, groupId: string, sessionId: string): Promise<StoredSession | undefined> {
  const s = await findGroupSession(trx, institutionId, groupId, sessionId);
  if (!s) return undefined;
  return {
    date: s.date,
    startTime: s.startTime,
    durationMinutes: s.durationMinutes,
    mode: s.mode,
    link: s.link,
    venueId: s.venueId,
    auditorium: s.auditorium,
    lecturerId: s.lecturerId,
    additionalInfo: s.additionalInfo,
  };
}

/**
 * SCHED-26: the sessions `candidates` would overlap — of this group, and of the lecturer in any
 * group of the institution that is not "Nevykdoma". `exceptId`: the session being changed.
 */
async function conflicts(
  trx: Tx,
  c: ScheduleCommand,
  candidates: StoredSession[],
  exceptId: string | null,
): Promise<SessionFieldErrors | null> {
  const dates = [...new Set(candidates.map((s) => s.date))];
  const lecturers = [...new Set(candidates.map((s) => s.lecturerId))];
  const rows = await trx
    .selectFrom('group_sessions as s')
    .innerJoin('training_groups as g', 'g.id', 's.group_id')
    .select([
      's.id',
      's.group_id',
      's.session_date',
      's.start_time',
      's.duration_minutes',
      's.lecturer_id',
      's.lecturer_busy',
      'g.name as group_name',
    ])
    .where('s.institution_id', '=', c.institutionId)
    .where('s.session_date', 'in', dates)
    .where((eb) =>
      eb.or([eb('s.group_id', '=', c.groupId), eb.and([eb('s.lecturer_id', 'in', lecturers), eb('s.lecturer_busy', '=', true)])]),
    )
    .execute();
  const timed = rows.map((r) => ({ id: r.id, date: r.session_date, startTime: r.start_time, durationMinutes: r.duration_minutes, row: r }));
  const errors: SessionFieldErrors = {};
  const sameGroup = overlapping(
    candidates,
    timed.filter((t) => t.row.group_id === c.groupId),
    exceptId,
  );
  if (sameGroup[0]) errors.startTime = groupOverlapMessage(sameGroup[0]);
  for (const candidate of candidates) {
    const busy = overlapping(
      [candidate],
      timed.filter((t) => t.row.lecturer_id === candidate.lecturerId && t.row.lecturer_busy && t.row.group_id !== c.groupId),
      exceptId,
    );
    if (busy[0]) {
      errors.lecturerId = lecturerBusyMessage({ ...busy[0], groupName: busy[0].row.group_name });
      break;
    }
  }
  return Object.keys(errors).length > 0 ? errors : null;
}

/** Postgres refused an overlap that the check above did not see (a concurrent change). */
function exclusionErrors(err: unknown): SessionFieldErrors | null {
  const e = err as { code?: string; constraint_name?: string; constraint?: string };
  if (e.code !== EXCLUSION_VIOLATION) return null;
  const name = e.constraint_name ?? e.constraint ?? '';
  return name.includes('lecturer')
    ? { lecturerId: 'Lektorius tuo metu jau veda kitą užsiėmimą.' }
    : { startTime: 'Šios grupės užsiėmimai negali persidengti: tuo metu jau suplanuotas kitas užsiėmimas.' };
}

/**
 * The frame of every change: lock the group, replay a used key, refuse a read-only status, run
 * `body`, write the audit rows and queue the participants' e-mails (N18), all or nothing.
 */
async function change(
  db: Db,
  c: ScheduleCommand,
  action: string,
  body: (trx: Tx, group: LockedGroup) => Promise<SessionChange[]>,
): Promise<ScheduleChangeResult> {
  try {
    return await db.transaction().execute(async (trx) => {
      const group = await trx
        .selectFrom('training_groups')
        .select(['id', 'name', 'status', 'programme_id'])
        .where('id', '=', c.groupId)
        .where('institution_id', '=', c.institutionId)
        .forUpdate()
        .executeTakeFirst();
      if (!group) throw new Refused({ ok: false, reason: 'not_found' });
      const used = await trx
        .selectFrom('group_schedule_commands')
        .select(['group_id'])
        .where('idempotency_key', '=', c.idempotencyKey)
        .executeTakeFirst();
      if (used) {
        if (used.group_id !== c.groupId) throw new Refused({ ok: false, reason: 'not_found' });
        return { ok: true as const, replayed: true, sessionIds: [], outboxIds: [] };
      }
      if (!isScheduleEditable(group.status)) throw new Refused({ ok: false, reason: 'read_only', status: group.status });
      await trx
        .insertInto('group_schedule_commands')
        .values({ idempotency_key: c.idempotencyKey, institution_id: c.institutionId, group_id: c.groupId, action })
        .execute();
      const changes = await body(trx, group);
      for (const ch of changes) {
        await writeAudit(trx, {
          actor: auditActor(c.actor),
          institutionId: c.institutionId,
          entityType: SESSION_ENTITY,
          entityId: ch.sessionId,
          action: ch.action,
          changes: diffFields(ch.before ? { groupId: c.groupId, ...ch.before } : null, {
            groupId: c.groupId,
            ...(ch.after ?? Object.fromEntries(Object.keys(ch.before ?? {}).map((k) => [k, null]))),
            ...(ch.copiedFrom ? { copiedFrom: ch.copiedFrom } : {}),
          }),
          requestId: c.actor.requestId,
        });
      }
      const outboxIds = scheduleChangeNotifiesParticipants(group.status) ? await notifyParticipants(trx, c, group, changes) : [];
      return { ok: true as const, replayed: false, sessionIds: changes.map((ch) => ch.sessionId), outboxIds };
    });
  } catch (err) {
    if (err instanceof Refused) return err.result;
    const errors = exclusionErrors(err);
    if (errors) return { ok: false, reason: 'conflict', errors };
    throw err;
  }
}

async function insertSessions(
  trx: Tx,
  c: ScheduleCommand,
  dates: string[],
  value: SessionValue,
  copiedFrom?: string,
): Promise<SessionChange[]> {
  const candidates = dates.map((date) => ({ date, ...value }));
  const errors = await conflicts(trx, c, candidates, null);
  if (errors) throw new Refused({ ok: false, reason: 'conflict', errors });
  const rows = await trx
    .insertInto('group_sessions')
    .values(candidates.map((s) => ({ institution_id: c.institutionId, group_id: c.groupId, ...columns(s.date, s) })))
    .returning(['id', 'session_date'])
    .execute();
  return rows.map((r) => ({
    sessionId: r.id,
    action: 'create' as const,
    before: null,
    after: { date: r.session_date, ...value },
    ...(copiedFrom ? { copiedFrom } : {}),
  }));
}

/** SCHED-4, SCHED-15: "Įtraukti naują užsiėmimą" — one session per chosen day, the same fields each. */
export function createSessions(db: Db, c: ScheduleCommand, dates: string[], value: SessionValue): Promise<ScheduleChangeResult> {
  return change(db, c, 'create', (trx) => insertSessions(trx, c, dates, value));
}

/** SCHED-20: "Kopijuoti" — the session's fields on the chosen day(s). */
export function copySession(db: Db, c: ScheduleCommand, sessionId: string, dates: string[]): Promise<ScheduleChangeResult> {
  return change(db, c, 'copy', async (trx) => {
    const source = await storedSession(trx, c.institutionId, c.groupId, sessionId);
    if (!source) throw new Refused({ ok: false, reason: 'not_found' });
    const { date: _date, ...value } = source;
    return insertSessions(trx, c, dates, value, sessionId);
  });
}

/** SCHED-19: "Redaguoti". */
export function updateSession(
  db: Db,
  c: ScheduleCommand,
  sessionId: string,
  date: string,
  value: SessionValue,
): Promise<ScheduleChangeResult> {
  return change(db, c, 'update', async (trx) => {
    const before = await storedSession(trx, c.institutionId, c.groupId, sessionId);
    if (!before) throw new Refused({ ok: false, reason: 'not_found' });
    const after: StoredSession = { date, ...value };
    if (JSON.stringify(before) === JSON.stringify(after)) return [];
    const errors = await conflicts(trx, c, [after], sessionId);
    if (errors) throw new Refused({ ok: false, reason: 'conflict', errors });
    await trx
      .updateTable('group_sessions')
      .set({ ...columns(date, value), updated_at: sql<Date>`now()` })
      .where('id', '=', sessionId)
      .where('institution_id', '=', c.institutionId)
      .where('group_id', '=', c.groupId)
      .execute();
    return [{ sessionId, action: 'update', before, after }];
  });
}

/** SCHED-21: "Trinti". */
export function deleteSession(db: Db, c: ScheduleCommand, sessionId: string): Promise<ScheduleChangeResult> {
  return change(db, c, 'delete', async (trx) => {
    const before = await storedSession(trx, c.institutionId, c.groupId, sessionId);
    if (!before) throw new Refused({ ok: false, reason: 'not_found' });
    await trx
      .deleteFrom('group_sessions')
      .where('id', '=', sessionId)
      .where('institution_id', '=', c.institutionId)
      .where('group_id', '=', c.groupId)
      .execute();
    return [{ sessionId, action: 'delete', before, after: null }];
  });
}

// ---- N18: the registered participants hear of the change -----------------------------------------

/** The sessions as the participants' e-mail names them: with their venue's and lecturer's names. */
async function mailSessions(trx: Tx, institutionId: string, sessions: StoredSession[]): Promise<(s: StoredSession) => ScheduleMailSession> {
  const venueIds = [...new Set(sessions.map((s) => s.venueId))];
  const lecturerIds = [...new Set(sessions.map((s) => s.lecturerId))];
  const [venues, lecturers] = await Promise.all([
    venueIds.length
      ? trx
          .selectFrom('venues')
          .select(['id', 'name', 'address'])
          .where('institution_id', '=', institutionId)
          .where('id', 'in', venueIds)
          .execute()
      : [],
    lecturerIds.length
      ? trx
          .selectFrom('lecturers')
          .select(['id', 'first_name', 'last_name'])
          .where('institution_id', '=', institutionId)
          .where('id', 'in', lecturerIds)
          .execute()
      : [],
  ]);
  return (s) => {
    const venue = venues.find((v) => v.id === s.venueId);
    const lecturer = lecturers.find((l) => l.id === s.lecturerId);
    return {
      date: s.date,
      startTime: s.startTime,
      durationMinutes: s.durationMinutes,
      mode: s.mode,
      link: s.link,
      venueName: venue?.name ?? '',
      venueAddress: venue?.address ?? '',
      auditorium: s.auditorium,
      lecturerName: lecturer ? `${lecturer.first_name} ${lecturer.last_name}` : '',
    };
  };
}

async function notifyParticipants(trx: Tx, c: ScheduleCommand, group: LockedGroup, changes: SessionChange[]): Promise<string[]> {
  if (changes.length === 0) return [];
  const participants = await trx
    .selectFrom('group_registrations')
    .select(['id', 'first_name', 'last_name', 'email'])
    .where('group_id', '=', c.groupId)
    .where('institution_id', '=', c.institutionId)
    .where('status', 'in', ACTIVE_REGISTRATION_STATUSES)
    .orderBy('registered_at')
    .execute();
  if (participants.length === 0) return [];
  const [programme, institution] = await Promise.all([
    trx.selectFrom('programmes').select('name').where('id', '=', group.programme_id).executeTakeFirst(),
    trx.selectFrom('institutions').select('name').where('id', '=', c.institutionId).executeTakeFirst(),
  ]);
  const all = changes.flatMap((ch) => [ch.before, ch.after]).filter((s): s is StoredSession => s !== null);
  const named = await mailSessions(trx, c.institutionId, all);
  const mailChanges = changes.map((ch) => ({ before: ch.before && named(ch.before), after: ch.after && named(ch.after) }));
  const ids: string[] = [];
  for (const p of participants) {
    const mail = c.composeEmail({
      firstName: p.first_name,
      groupName: group.name,
      programmeName: programme?.name ?? '',
      institutionName: institution?.name ?? '',
      changes: mailChanges,
    });
    ids.push(
      await queueEmail(trx, {
        to: { address: p.email, name: `${p.first_name} ${p.last_name}` },
        ...mail,
        kind: 'SCHEDULE_CHANGED',
        entityType: 'training_group',
        entityId: c.groupId,
        institutionId: c.institutionId,
      }),
    );
  }
  return ids;
}

/**
 * GRP-40: everything outside "Grupės informacija" that blocks publishing a group — the programme's
 * "Programos vykdymo ir sutarties informacija" (PROG-19), the full timetable (SCHED-16), the
 * institution's contact person and bank details (INST-8) and, for a non-formal adult education
 * programme, a contract numbering stage valid on `contractsOn` (NUM-8) — as the workflow's
 * groupPublishReadiness (at publication, and again at "Vykdoma", OQ-12) and the group page both ask it.
 */
export async function groupPublishReadinessProblems(
  db: DbOrTx,
  p: { institutionId: string; programmeId: string; groupId: string; contractsOn: string },
): Promise<string[]> {
  const [programmeInfo, schedule, institution] = await Promise.all([
    programmeInfoPublishProblems(db, p.institutionId, p.programmeId),
    schedulePublishProblems(db, p.institutionId, p.groupId),
    institutionPublishProblems(db, p.institutionId, p.programmeId, p.contractsOn),
  ]);
  return [...programmeInfo, ...schedule, ...institution];
}
