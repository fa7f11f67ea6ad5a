// KPMPC monitoring protocols (L7; MON-1..MON-11, LECT-12): the workflow's versioned projection,
// the observer's reads (any institution's group: observers are KPMPC staff), the provider's reads
// (its own institution only, GEN-5), and the "Stebėsena" column (MON-6). Reads and row writes only.
import { sql } from 'kysely';
import type { DbOrTx } from '../client.ts';
import type { MonitoringProtocolRow } from '../tables/monitoring-protocols.ts';
import { Right } from '../../workflows/domain/access.ts';
import {
  ProtocolStatus,
  SignatureState,
  type MonitoringResult,
  type ProtocolStatus as Status,
} from '../../workflows/domain/monitoring-protocol.ts';
import { FilePurpose } from './files.ts';

export type { MonitoringProtocolRow };

/** The protocol's row as the workflow projects it (everything but the timestamps the database keeps). */
export type ProtocolProjection = Omit<MonitoringProtocolRow, 'created_at' | 'updated_at'>;

/**
 * Writes the projection when its version is newer than the stored one; returns the row as it was
 * before (null for a new protocol), or 'stale' when a newer (or the same) version is already there.
 */
export async function applyProtocolProjection(trx: DbOrTx, p: ProtocolProjection): Promise<MonitoringProtocolRow | null | 'stale'> {
  const before = await trx.selectFrom('monitoring_protocols').selectAll().where('id', '=', p.id).forUpdate().executeTakeFirst();
  if (before && before.version >= p.version) return 'stale';
  const values = { ...p };
  if (before) {
    await trx
      .updateTable('monitoring_protocols')
      .set({ ...values, updated_at: new Date() })
      .where('id', '=', p.id)
      .execute();
  } else {
    await trx.insertInto('monitoring_protocols').values(values).execute();
  }
  return before ?? null;
}

export async function lockProtocol(trx: DbOrTx, id: string): Promise<MonitoringProtocolRow | undefined> {
  return trx.selectFrom('monitoring_protocols').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** The names a protocol is shown and e-mailed with. */
export interface ProtocolItem {
  protocol: MonitoringProtocolRow;
  institutionName: string;
  programmeCode: string;
  programmeName: string;
  groupName: string;
  observerName: string;
}

function itemQuery(db: DbOrTx) {
  return db
    .selectFrom('monitoring_protocols as p')
    .innerJoin('institutions as i', 'i.id', 'p.institution_id')
    .innerJoin('programmes as pr', 'pr.id', 'p.programme_id')
    .innerJoin('training_groups as g', 'g.id', 'p.group_id')
    .innerJoin('staff_members as s', 's.id', 'p.observer_id')
    .selectAll('p')
    .select([
      'i.name as institution_name',
      'pr.code as programme_code',
      'pr.name as programme_name',
      'g.name as group_name',
      's.first_name as observer_first_name',
      's.last_name as observer_last_name',
    ]);
}

type ItemRow = Awaited<ReturnType<ReturnType<typeof itemQuery>['execute']>>[number];

function toItem(r: ItemRow): ProtocolItem {
  const { institution_name, programme_code, programme_name, group_name, observer_first_name, observer_last_name, ...protocol } = r;
  return {
    protocol,
    institutionName: institution_name,
    programmeCode: programme_code,
    programmeName: programme_name,
    groupName: group_name,
    observerName: `${observer_first_name} ${observer_last_name}`,
  };
}

/** An observer's view of any protocol. */
export async function findProtocol(db: DbOrTx, id: string): Promise<ProtocolItem | undefined> {
  const row = await itemQuery(db).where('p.id', '=', id).executeTakeFirst();
  return row ? toItem(row) : undefined;
}

/** The provider's view: only its own institution's protocols, and only once released (MON-1, GEN-5). */
export async function findInstitutionProtocol(db: DbOrTx, institutionId: string, id: string): Promise<ProtocolItem | undefined> {
  const row = await itemQuery(db)
    .where('p.id', '=', id)
    .where('p.institution_id', '=', institutionId)
    .where('p.status', '<>', ProtocolStatus.Draft)
    .executeTakeFirst();
  return row ? toItem(row) : undefined;
}

/** A group's protocols for the observer (drafts included), the latest monitoring first. */
export async function groupProtocols(db: DbOrTx, groupId: string): Promise<ProtocolItem[]> {
  const rows = await itemQuery(db)
    .where('p.group_id', '=', groupId)
    .orderBy('p.monitored_on', 'desc')
    .orderBy('p.created_at', 'desc')
    .execute();
  return rows.map(toItem);
}

/** The observer's own drafts and recent protocols, for the home page. */
export async function observerProtocols(db: DbOrTx, observerId: string, limit = 50): Promise<ProtocolItem[]> {
  const rows = await itemQuery(db).where('p.observer_id', '=', observerId).orderBy('p.updated_at', 'desc').limit(limit).execute();
  return rows.map(toItem);
}

/** MON-11: the list's filters, each optional. */
export interface ProtocolFilters {
  programmeId?: string | undefined;
  groupId?: string | undefined;
  /** 'YYYY-MM-DD', inclusive. */
  from?: string | undefined;
  to?: string | undefined;
  result?: MonitoringResult | undefined;
  signature?: SignatureState | undefined;
}

const SIGNATURE_STATUSES: Record<SignatureState, Status> = {
  [SignatureState.Awaiting]: ProtocolStatus.AwaitingSignature,
  [SignatureState.Signed]: ProtocolStatus.Signed,
  [SignatureState.NotRequired]: ProtocolStatus.CriticalDeficiencies,
};

/** MON-1, MON-11: the institution's released protocols, filtered, the latest monitoring first. */
export async function listInstitutionProtocols(
  db: DbOrTx,
  institutionId: string,
  f: ProtocolFilters,
  limit = 500,
): Promise<ProtocolItem[]> {
  let q = itemQuery(db).where('p.institution_id', '=', institutionId).where('p.status', '<>', ProtocolStatus.Draft);
  if (f.programmeId) q = q.where('p.programme_id', '=', f.programmeId);
  if (f.groupId) q = q.where('p.group_id', '=', f.groupId);
  if (f.from) q = q.where('p.monitored_on', '>=', f.from);
  if (f.to) q = q.where('p.monitored_on', '<=', f.to);
  if (f.result) q = q.where('p.result', '=', f.result);
  if (f.signature) q = q.where('p.status', '=', SIGNATURE_STATUSES[f.signature]);
  const rows = await q.orderBy('p.monitored_on', 'desc').orderBy('p.released_at', 'desc').limit(limit).execute();
  return rows.map(toItem);
}

/** The programmes and groups that have released protocols, for the list's filter choices. */
export async function protocolFilterChoices(db: DbOrTx, institutionId: string) {
  const rows = await db
    .selectFrom('monitoring_protocols as p')
    .innerJoin('programmes as pr', 'pr.id', 'p.programme_id')
    .innerJoin('training_groups as g', 'g.id', 'p.group_id')
    .select(['p.programme_id', 'pr.code', 'pr.name as programme_name', 'p.group_id', 'g.name as group_name'])
    .distinct()
    .where('p.institution_id', '=', institutionId)
    .where('p.status', '<>', ProtocolStatus.Draft)
    .execute();
  const programmes = new Map<string, string>();
  const groups = new Map<string, string>();
  for (const r of rows) {
    programmes.set(r.programme_id, `${r.code} ${r.programme_name}`);
    groups.set(r.group_id, r.group_name);
  }
  const sorted = (m: Map<string, string>) =>
    [...m].map(([id, label]) => ({ id, label })).sort((a, b) => a.label.localeCompare(b.label, 'lt'));
  return { programmes: sorted(programmes), groups: sorted(groups) };
}

/** MON-6, PROG-23: the latest released monitoring of each group ("Stebėsena"). */
export async function latestMonitoringByGroup(
  db: DbOrTx,
  institutionId: string,
  groupIds: readonly string[],
): Promise<Map<string, { result: MonitoringResult; monitoredOn: string; criticalDeficiencies: boolean }>> {
  const out = new Map<string, { result: MonitoringResult; monitoredOn: string; criticalDeficiencies: boolean }>();
  if (groupIds.length === 0) return out;
  const rows = await db
    .selectFrom('monitoring_protocols')
    .select(['group_id', 'result', 'monitored_on', 'critical_deficiencies'])
    .distinctOn('group_id')
    .where('institution_id', '=', institutionId)
    .where('group_id', 'in', [...groupIds])
    .where('status', '<>', ProtocolStatus.Draft)
    .orderBy('group_id')
    .orderBy('monitored_on', 'desc')
    .orderBy('released_at', 'desc')
    .execute();
  for (const r of rows)
    out.set(r.group_id, { result: r.result, monitoredOn: r.monitored_on, criticalDeficiencies: r.critical_deficiencies });
  return out;
}

/** N16's recipients (MON-8): the institution's active administrators. */
export async function institutionAdministrators(db: DbOrTx, institutionId: string) {
  return db
    .selectFrom('institution_users')
    .select(['id', 'first_name', 'last_name', 'email'])
    .where('institution_id', '=', institutionId)
    .where('status', '=', 'ACTIVE')
    .where(sql<boolean>`${Right.Administrator} = any(rights)`)
    .orderBy('last_name')
    .execute();
}

/** Outbox rows already queued for a protocol of a kind (a retried activity finds its own). */
export async function protocolEmailIds(db: DbOrTx, protocolId: string, kind: string): Promise<string[]> {
  const rows = await db
    .selectFrom('email_outbox')
    .select('id')
    .where('entity_type', '=', 'monitoring_protocol')
    .where('entity_id', '=', protocolId)
    .where('kind', '=', kind)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => r.id);
}

// ---- The observer's group pages ------------------------------------------------------------------

export interface ObservedGroup {
  id: string;
  name: string;
  status: string;
  institutionId: string;
  institutionName: string;
  programmeId: string;
  programmeCode: string;
  programmeName: string;
  programmeStart: string;
  programmeEnd: string;
}

function groupQuery(db: DbOrTx) {
  return db
    .selectFrom('training_groups as g')
    .innerJoin('institutions as i', 'i.id', 'g.institution_id')
    .innerJoin('programmes as pr', 'pr.id', 'g.programme_id')
    .select([
      'g.id',
      'g.name',
      'g.status',
      'g.institution_id as institutionId',
      'i.name as institutionName',
      'g.programme_id as programmeId',
      'pr.code as programmeCode',
      'pr.name as programmeName',
      'g.programme_start as programmeStart',
      'g.programme_end as programmeEnd',
    ]);
}

/** MON-7: any group by institution, programme (code or name) or group name; published groups and later only. */
export async function searchGroups(db: DbOrTx, text: string, limit = 50): Promise<ObservedGroup[]> {
  const like = `%${text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
  return groupQuery(db)
    .where('g.status', '<>', 'Kuriama')
    .where((eb) =>
      eb.or([
        eb('g.name', 'ilike', like),
        eb('i.name', 'ilike', like),
        eb('i.code', 'ilike', like),
        eb('pr.code', 'ilike', like),
        eb('pr.name', 'ilike', like),
      ]),
    )
    .orderBy('g.programme_start', 'desc')
    .orderBy('g.name')
    .limit(limit)
    .execute();
}

export async function findObservedGroup(db: DbOrTx, groupId: string): Promise<ObservedGroup | undefined> {
  return groupQuery(db).where('g.id', '=', groupId).where('g.status', '<>', 'Kuriama').executeTakeFirst();
}

export interface GroupLecturer {
  id: string;
  name: string;
  documents: { requirement: string; fileId: string; name: string; size: number }[];
}

/** LECT-12: the lecturers of the group's timetable with their evidence documents (metadata only). */
export async function groupLecturers(db: DbOrTx, institutionId: string, groupId: string): Promise<GroupLecturer[]> {
  const lecturers = await db
    .selectFrom('lecturers as l')
    .select(['l.id', 'l.first_name', 'l.last_name'])
    .where('l.institution_id', '=', institutionId)
    .where('l.id', 'in', (eb) =>
      eb.selectFrom('group_sessions').select('lecturer_id').where('group_id', '=', groupId).where('institution_id', '=', institutionId),
    )
    .orderBy('l.last_name')
    .orderBy('l.first_name')
    .execute();
  if (lecturers.length === 0) return [];
  const docs = await db
    .selectFrom('lecturer_documents as d')
    .innerJoin('stored_files as f', (j) => j.onRef('f.id', '=', 'd.file_id').onRef('f.institution_id', '=', 'd.institution_id'))
    .select(['d.lecturer_id', 'd.requirement', 'f.id', 'f.download_name', 'f.size'])
    .where('d.institution_id', '=', institutionId)
    .where(
      'd.lecturer_id',
      'in',
      lecturers.map((l) => l.id),
    )
    .execute();
  return lecturers.map((l) => ({
    id: l.id,
    name: `${l.first_name} ${l.last_name}`,
    documents: docs
      .filter((d) => d.lecturer_id === l.id)
      .map((d) => ({ requirement: d.requirement, fileId: d.id, name: d.download_name, size: d.size })),
  }));
}

/** LECT-12: an evidence file of a lecturer of the group's timetable, with its bytes; nothing else. */
export async function groupLecturerFile(db: DbOrTx, groupId: string, fileId: string) {
  return db
    .selectFrom('stored_files as f')
    .innerJoin('lecturer_documents as d', (j) => j.onRef('d.file_id', '=', 'f.id').onRef('d.institution_id', '=', 'f.institution_id'))
    .innerJoin('training_groups as g', 'g.institution_id', 'f.institution_id')
    .select(['f.id', 'f.content_type', 'f.download_name', 'f.content'])
    .where('f.id', '=', fileId)
    .where('f.purpose', '=', FilePurpose.LecturerEvidence)
    .where('g.id', '=', groupId)
    .where('d.lecturer_id', 'in', (eb) => eb.selectFrom('group_sessions').select('lecturer_id').where('group_id', '=', groupId))
    .executeTakeFirst();
}
