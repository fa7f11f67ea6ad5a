import { sql } from 'kysely';
import type { DbOrTx } from '../client.ts';
import type { Programme } from '../schema.ts';
import type { GroupStatus } from '../../workflows/domain/group-status.ts';

/** The columns of a programme the list shows (not its registry records). */
const LIST_COLUMNS = ['p.id', 'p.code', 'p.name', 'p.kind', 'p.state', 'p.remarks', 'p.training_mode', 'p.contact_hours'] as const;

export type ProgrammeListItem = Pick<
  Programme,
  'id' | 'code' | 'name' | 'kind' | 'state' | 'remarks' | 'training_mode' | 'contact_hours'
> & {
  /** Count of the programme's groups per status (PROG-4). */
  group_statuses: Record<string, number>;
  /** The licensed venue (LIC-3): the same programme may be licensed at several venues. */
  venue_name: string | null;
};

interface ListSlice {
  limit: number;
  offset: number;
}

/**
 * "Institucijos mokymosi programos" (PROG-1, PROG-4, PROG-5): one page of the institution's
 * programmes (NŠPR and licensed) in code order, with their groups' statuses, and the total.
 */
export async function listProgrammes(
  db: DbOrTx,
  institutionId: string,
  slice: ListSlice,
): Promise<{ rows: ProgrammeListItem[]; total: number }> {
  const [rows, count] = await Promise.all([
    db
      .selectFrom('programmes as p')
      .leftJoin('venues as v', (j) => j.onRef('v.id', '=', 'p.venue_id').onRef('v.institution_id', '=', 'p.institution_id'))
      .select(LIST_COLUMNS)
      .select('v.name as venue_name')
      .select(
        sql<Record<string, number> | null>`(
          select jsonb_object_agg(status, n) from (
            select g.status, count(*)::int as n from training_groups g
            where g.institution_id = p.institution_id and g.programme_id = p.id
            group by g.status
          ) s
        )`.as('group_statuses'),
      )
      .where('p.institution_id', '=', institutionId)
      .orderBy('p.code')
      .orderBy('v.name')
      .orderBy('p.id')
      .limit(slice.limit)
      .offset(slice.offset)
      .execute(),
    db
      .selectFrom('programmes')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('institution_id', '=', institutionId)
      .executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map((r) => ({ ...r, group_statuses: r.group_statuses ?? {} })), total: Number(count.n) };
}

/** Tab "Grupės": what the user asked for (PROG-7) — statuses ticked (none = all) and a text in the group name. */
export interface ProgrammeGroupFilter {
  statuses: readonly GroupStatus[];
  search: string;
}

export interface ProgrammeGroupListItem {
  id: string;
  name: string;
  status: string;
  registration_start: string;
  registration_end: string;
  programme_start: string;
  programme_end: string;
  max_participants: number;
}

/** A LIKE pattern matching `text` anywhere, its wildcards taken literally. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

/**
 * Tab "Grupės" (PROG-6, PROG-7, PROG-9, GEN-16): one page of a programme's groups, newest
 * programme start first, and how many match. The institution is part of every condition (GEN-5).
 */
export async function listProgrammeGroupsPage(
  db: DbOrTx,
  institutionId: string,
  programmeId: string,
  filter: ProgrammeGroupFilter,
  slice: ListSlice,
): Promise<{ rows: ProgrammeGroupListItem[]; total: number }> {
  let q = db.selectFrom('training_groups').where('institution_id', '=', institutionId).where('programme_id', '=', programmeId);
  if (filter.statuses.length > 0) q = q.where('status', 'in', [...filter.statuses]);
  if (filter.search !== '') q = q.where('name', 'ilike', containsPattern(filter.search));
  const [rows, count] = await Promise.all([
    q
      .select(['id', 'name', 'status', 'registration_start', 'registration_end', 'programme_start', 'programme_end', 'max_participants'])
      .orderBy('programme_start', 'desc')
      .orderBy('name')
      .orderBy('id')
      .limit(slice.limit)
      .offset(slice.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function findProgramme(db: DbOrTx, institutionId: string, programmeId: string): Promise<Programme | undefined> {
  return db
    .selectFrom('programmes')
    .selectAll()
    .where('institution_id', '=', institutionId)
    .where('id', '=', programmeId)
    .executeTakeFirst();
}
