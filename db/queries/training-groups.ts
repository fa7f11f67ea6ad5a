import type { GroupInfo } from '../../workflows/domain/group-info.ts';
import type { GroupStatus } from '../../workflows/domain/group-status.ts';
import type { Db, DbOrTx } from '../client.ts';
import type { TrainingGroupRow } from '../schema.ts';
import { diffFields, writeAudit } from './audit.ts';

export interface GroupProjection {
  groupId: string;
  institutionId: string;
  programmeId: string;
  version: number;
  status: GroupStatus;
  info: GroupInfo;
  action: 'create' | 'update' | 'status';
  /** Why the status changed (a suspension's reason); absent otherwise. */
  statusReason?: string;
  actor: { userId: string; requestId: string; personalCodeHash?: string };
}

function columns(p: GroupProjection) {
  return {
    name: p.info.name,
    funding_sources: p.info.fundingSources,
    price: p.info.price,
    language: p.info.language,
    min_participants: p.info.minParticipants,
    max_participants: p.info.maxParticipants,
    special_needs: p.info.specialNeeds,
    venue_id: p.info.venueId,
    registration_start: p.info.registrationStart,
    registration_end: p.info.registrationEnd,
    programme_start: p.info.programmeStart,
    programme_end: p.info.programmeEnd,
    // GRP-39: absent unless the group is UŽT-funded; stored as null then.
    target_group: p.info.targetGroup ?? null,
    vet_form: p.info.vetForm ?? null,
    duration_weeks: p.info.durationWeeks ?? null,
    duration_days: p.info.durationDays ?? null,
    theory_assessment_date: p.info.theoryAssessmentDate ?? null,
    practice_assessment_date: p.info.practiceAssessmentDate ?? null,
    status: p.status,
    // The reason stays with the status it explains: a later change of status clears it.
    status_reason: p.statusReason ?? null,
  };
}

/**
 * Writes a group workflow's state, with its audit row, in one transaction. A projection whose
 * version is not above the stored one was applied already (a retried or replayed activity): it
 * changes nothing and reports applied = false.
 */
export async function applyGroupProjection(db: Db, p: GroupProjection): Promise<{ applied: boolean }> {
  return db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('training_groups')
      .selectAll()
      .where('id', '=', p.groupId)
      .forUpdate()
      .executeTakeFirst();
    if (current && current.version >= p.version) return { applied: false };
    const after = columns(p);
    if (current) {
      await trx
        .updateTable('training_groups')
        .set({ ...after, version: p.version, updated_at: new Date() })
        .where('id', '=', p.groupId)
        .execute();
    } else {
      // No row to lock yet: a concurrent first write of the same group inserts nothing here.
      const inserted = await trx
        .insertInto('training_groups')
        .values({ ...after, id: p.groupId, institution_id: p.institutionId, programme_id: p.programmeId, version: p.version })
        .onConflict((oc) => oc.column('id').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!inserted) return { applied: false };
    }
    await writeAudit(trx, {
      actor: { kind: 'user', userId: p.actor.userId, personalCodeHash: p.actor.personalCodeHash ?? null },
      institutionId: p.institutionId,
      entityType: 'training_group',
      entityId: p.groupId,
      action: p.action,
      changes: diffFields(current ? pick(current, Object.keys(after)) : null, after),
      requestId: p.actor.requestId,
    });
    return { applied: true };
  });
}

function pick(row: TrainingGroupRow, keys: string[]): Record<string, unknown> {
  const r = row as unknown as Record<string, unknown>;
  return Object.fromEntries(keys.map((k) => [k, r[k]]));
}

/** One group, only if it belongs to the institution (GEN-5): otherwise undefined. */
export async function findGroup(db: DbOrTx, institutionId: string, groupId: string): Promise<TrainingGroupRow | undefined> {
  return db
    .selectFrom('training_groups')
    .selectAll()
    .where('institution_id', '=', institutionId)
    .where('id', '=', groupId)
    .executeTakeFirst();
}

export interface GroupListItem {
  id: string;
  name: string;
  status: string;
  registration_start: string;
  registration_end: string;
  programme_start: string;
  programme_end: string;
  max_participants: number;
}

/** Tab "Grupės": a programme's groups, optionally filtered by status (PROG-7, PROG-9). */
export async function listProgrammeGroups(
  db: DbOrTx,
  institutionId: string,
  programmeId: string,
  statuses: readonly string[],
): Promise<GroupListItem[]> {
  let q = db
    .selectFrom('training_groups')
    .select(['id', 'name', 'status', 'registration_start', 'registration_end', 'programme_start', 'programme_end', 'max_participants'])
    .where('institution_id', '=', institutionId)
    .where('programme_id', '=', programmeId);
  if (statuses.length > 0) q = q.where('status', 'in', [...statuses]);
  return q.orderBy('programme_start', 'desc').orderBy('name').execute();
}

/** Whether any group already uses this id (any institution): a create must not reuse it. */
export async function groupIdTaken(db: DbOrTx, groupId: string): Promise<boolean> {
  const row = await db.selectFrom('training_groups').select('id').where('id', '=', groupId).executeTakeFirst();
  return row !== undefined;
}

/** The stored "Grupės informacija" of a group, in the domain's shape. */
export function groupInfoFromRow(g: TrainingGroupRow): GroupInfo {
  // The UŽT-only fields appear only when stored (GRP-39), as the workflow's GroupInfo has them.
  const uzt: Partial<GroupInfo> = {};
  if (g.target_group !== null) uzt.targetGroup = g.target_group as NonNullable<GroupInfo['targetGroup']>;
  if (g.vet_form !== null) uzt.vetForm = g.vet_form as NonNullable<GroupInfo['vetForm']>;
  if (g.duration_weeks !== null) uzt.durationWeeks = g.duration_weeks;
  if (g.duration_days !== null) uzt.durationDays = g.duration_days;
  if (g.theory_assessment_date !== null) uzt.theoryAssessmentDate = g.theory_assessment_date;
  if (g.practice_assessment_date !== null) uzt.practiceAssessmentDate = g.practice_assessment_date;
  return {
    name: g.name,
    fundingSources: g.funding_sources as GroupInfo['fundingSources'],
    price: g.price,
    language: g.language,
    minParticipants: g.min_participants,
    maxParticipants: g.max_participants,
    specialNeeds: g.special_needs,
    venueId: g.venue_id,
    registrationStart: g.registration_start,
    registrationEnd: g.registration_end,
    programmeStart: g.programme_start,
    programmeEnd: g.programme_end,
    ...uzt,
  };
}
