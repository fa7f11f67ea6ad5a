import { sql } from 'kysely';
import type { DbOrTx } from '../client.ts';
import type { Programme } from '../schema.ts';

export interface ProgrammeListItem extends Programme {
  /** Count of the programme's groups per status (PROG-4). */
  group_statuses: Record<string, number>;
  /** The licensed venue (LIC-3): the same programme may be licensed at several venues. */
  venue_name: string | null;
}

/** "Institucijos mokymosi programos": the institution's programmes with their groups' statuses. */
export async function listProgrammes(db: DbOrTx, institutionId: string): Promise<ProgrammeListItem[]> {
  const rows = await db
    .selectFrom('programmes as p')
    .leftJoin('venues as v', (j) => j.onRef('v.id', '=', 'p.venue_id').onRef('v.institution_id', '=', 'p.institution_id'))
    .selectAll('p')
    .select('v.name as venue_name')
    .select(
      sql<Record<string, number> | null>`(
        select jsonb_object_agg(status, n) from (
          select g.status, count(*)::int as n from training_groups g
          where g.programme_id = p.id and g.institution_id = p.institution_id
          group by g.status
        ) s
      )`.as('group_statuses'),
    )
    .where('p.institution_id', '=', institutionId)
    .orderBy('p.code')
    .execute();
  return rows.map((r) => ({ ...r, group_statuses: r.group_statuses ?? {} }));
}

export async function findProgramme(db: DbOrTx, institutionId: string, programmeId: string): Promise<Programme | undefined> {
  return db
    .selectFrom('programmes')
    .selectAll()
    .where('institution_id', '=', institutionId)
    .where('id', '=', programmeId)
    .executeTakeFirst();
}

/** PROG-30: groups can be created only for a programme that is neither suspended nor deregistered. */
export function programmeAcceptsNewGroups(programme: Pick<Programme, 'state'>): boolean {
  return programme.state === 'ACTIVE';
}

/** PROG-5: the remarks column names a suspension or a deregistration from NŠPR. */
export function programmeRemark(programme: Pick<Programme, 'state' | 'remarks'>): string {
  if (programme.state === 'SUSPENDED') return programme.remarks ?? 'Mokymo programa sustabdyta.';
  if (programme.state === 'DEREGISTERED') return programme.remarks ?? 'Programa išregistruota iš NŠPR.';
  return programme.remarks ?? '';
}
