// Training groups written straight into Postgres, without their workflows: for tests and the
// benchmark of the lists, which read only Postgres (the workflows are not what they measure).
import type { Db } from '../../db/client.ts';
import type { NewTrainingGroup } from '../../db/schema.ts';
import { addDays } from '../../workflows/domain/calendar.ts';
import { GROUP_STATUSES, GroupStatus } from '../../workflows/domain/group-status.ts';

interface GroupRowsSpec {
  institutionId: string;
  programmeId: string;
  venueId: string;
  count: number;
  /** The i-th group's name (default "Grupė <i+1>"). */
  name?: (i: number) => string;
  /** The i-th group's status (default: the six statuses in turn). */
  status?: (i: number) => GroupStatus;
  /** The first group's programme start; each next one starts a day later. */
  firstStart?: string;
}

/** Inserts `count` groups in batches of 1,000; returns their ids in order. */
export async function insertGroupRows(db: Db, spec: GroupRowsSpec): Promise<string[]> {
  const ids: string[] = [];
  const firstStart = spec.firstStart ?? '2026-01-05';
  for (let from = 0; from < spec.count; from += 1000) {
    const rows: NewTrainingGroup[] = [];
    for (let i = from; i < Math.min(spec.count, from + 1000); i++) {
      const id = crypto.randomUUID();
      ids.push(id);
      const start = addDays(firstStart, i % 700);
      const status = spec.status ? spec.status(i) : (GROUP_STATUSES[i % GROUP_STATUSES.length] as GroupStatus);
      rows.push({
        id,
        institution_id: spec.institutionId,
        programme_id: spec.programmeId,
        name: spec.name ? spec.name(i) : `Grupė ${i + 1}`,
        funding_sources: ['IMP_KREPSELIS'],
        price: '100.00',
        language: 'lietuvių',
        min_participants: 5,
        max_participants: 10 + (i % 20),
        special_needs: false,
        venue_id: spec.venueId,
        registration_start: addDays(start, -20),
        registration_end: addDays(start, -5),
        programme_start: start,
        programme_end: addDays(start, 30),
        status,
        // A suspension carries its reason (training_groups_suspension_reason).
        status_reason: status === GroupStatus.Suspended ? 'Lektorius suserga.' : null,
        version: 1,
      });
    }
    await db.insertInto('training_groups').values(rows).execute();
  }
  return ids;
}
