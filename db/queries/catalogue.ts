// The public KURSUOK catalogue (PORTAL-1, GRP-47): groups in "Skelbiama" whose registration is open
// or still to come, with their programme, provider, venue, the programme's contact person
// ("Programos vykdymo ir sutarties informacija", PROG-12) and the lecturers who agreed to be
// published (LECT-9). Nothing here is scoped to an institution: it is what everyone may read, and
// only "Skelbiama" groups are ever returned (GRP-29).
import { sql } from 'kysely';
import type { FundingSource } from '../../workflows/domain/group-info.ts';
import { GroupStatus } from '../../workflows/domain/group-status.ts';
import type { SessionMode } from '../../workflows/domain/schedule.ts';
import { REMOTE_VENUE_NAME } from '../../workflows/domain/venue.ts';
import type { DbOrTx } from '../client.ts';

export interface CatalogueFilters {
  /** Programme or group name, or programme code (a few letters anywhere). */
  text?: string | undefined;
  funding?: string | undefined;
  language?: string | undefined;
  /** 'nuotolinis' for remote training, otherwise a town or any part of the venue's address. */
  place?: string | undefined;
  /** Programme start from / to, 'YYYY-MM-DD'. */
  from?: string | undefined;
  to?: string | undefined;
}

const REMOTE_PLACE = 'nuotolinis';

export interface CatalogueGroup {
  id: string;
  name: string;
  institutionId: string;
  institutionName: string;
  programmeId: string;
  programmeCode: string;
  programmeName: string;
  fundingSources: FundingSource[];
  price: string;
  language: string;
  specialNeeds: boolean;
  remote: boolean;
  venueName: string;
  venueAddress: string;
  registrationStart: string;
  registrationEnd: string;
  programmeStart: string;
  programmeEnd: string;
  maxParticipants: number;
  freePlaces: number;
  /** The programme's contact person from "Programos vykdymo ir sutarties informacija" (PROG-12). */
  contact: { name: string; phone: string; email: string } | null;
}

/** Public groups ("Skelbiama") with their programme, provider and venue. */
function published(db: DbOrTx) {
  return db
    .selectFrom('training_groups as g')
    .innerJoin('programmes as p', 'p.id', 'g.programme_id')
    .innerJoin('institutions as i', 'i.id', 'g.institution_id')
    .innerJoin('venues as v', 'v.id', 'g.venue_id')
    .leftJoin('programme_execution_info as pi', 'pi.programme_id', 'g.programme_id')
    .where('g.status', '=', GroupStatus.Published);
}

/** The catalogue: public groups whose registration is open or still to come. */
function baseQuery(db: DbOrTx, today: string) {
  return published(db).where('g.registration_end', '>=', today);
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (ch) => `\\${ch}`);

function filtered(db: DbOrTx, today: string, f: CatalogueFilters) {
  let q = baseQuery(db, today);
  const text = f.text?.trim();
  if (text) {
    const like = `%${escapeLike(text)}%`;
    q = q.where((eb) => eb.or([eb('p.name', 'ilike', like), eb('g.name', 'ilike', like), eb('p.code', 'ilike', like)]));
  }
  if (f.funding) q = q.where(sql<boolean>`g.funding_sources @> array[${f.funding}]::text[]`);
  if (f.language) q = q.where('g.language', '=', f.language);
  const place = f.place?.trim();
  if (place && place.toLowerCase() === REMOTE_PLACE) q = q.where('v.name', '=', REMOTE_VENUE_NAME);
  else if (place) q = q.where('v.name', '<>', REMOTE_VENUE_NAME).where('v.address', 'ilike', `%${escapeLike(place)}%`);
  if (f.from) q = q.where('g.programme_start', '>=', f.from);
  if (f.to) q = q.where('g.programme_start', '<=', f.to);
  return q;
}

function selectGroup<Q extends ReturnType<typeof published>>(q: Q) {
  return q.select([
    'g.id',
    'g.name',
    'g.institution_id',
    'i.name as institution_name',
    'g.programme_id',
    'p.code as programme_code',
    'p.name as programme_name',
    'g.funding_sources',
    'g.price',
    'g.language',
    'g.special_needs',
    'v.name as venue_name',
    'v.address as venue_address',
    'g.registration_start',
    'g.registration_end',
    'g.programme_start',
    'g.programme_end',
    'g.max_participants',
    'g.active_registrations',
    'pi.contact_name',
    'pi.contact_phone',
    'pi.contact_email',
  ]);
}

type GroupJoinRow = Awaited<ReturnType<ReturnType<typeof selectGroup>['execute']>>[number];

function toGroup(r: GroupJoinRow): CatalogueGroup {
  return {
    id: r.id,
    name: r.name,
    institutionId: r.institution_id,
    institutionName: r.institution_name,
    programmeId: r.programme_id,
    programmeCode: r.programme_code,
    programmeName: r.programme_name,
    fundingSources: r.funding_sources,
    price: r.price,
    language: r.language,
    specialNeeds: r.special_needs,
    remote: r.venue_name === REMOTE_VENUE_NAME,
    venueName: r.venue_name,
    venueAddress: r.venue_address,
    registrationStart: r.registration_start,
    registrationEnd: r.registration_end,
    programmeStart: r.programme_start,
    programmeEnd: r.programme_end,
    maxParticipants: r.max_participants,
    freePlaces: Math.max(0, r.max_participants - r.active_registrations),
    contact: r.contact_name ? { name: r.contact_name, phone: r.contact_phone ?? '', email: r.contact_email ?? '' } : null,
  };
}

/** One page of the catalogue, soonest start first. */
export async function listCatalogue(
  db: DbOrTx,
  today: string,
  filters: CatalogueFilters,
  slice: { limit: number; offset: number },
): Promise<{ rows: CatalogueGroup[]; total: number }> {
  const [rows, count] = await Promise.all([
    selectGroup(filtered(db, today, filters))
      .orderBy('g.programme_start')
      .orderBy('g.name')
      .orderBy('g.id')
      .limit(slice.limit)
      .offset(slice.offset)
      .execute(),
    filtered(db, today, filters)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map(toGroup), total: Number(count.n) };
}

/** The languages of the groups on offer (the filter's choices). */
export async function catalogueLanguages(db: DbOrTx, today: string): Promise<string[]> {
  const rows = await baseQuery(db, today).select('g.language').distinct().orderBy('g.language').execute();
  return rows.map((r) => r.language);
}

export interface PublicGroupDetails extends CatalogueGroup {
  institutionDescription: string | null;
  executionSpecifics: string | null;
  additionalRequirements: string | null;
  contactHours: string;
  /** Set when the group is visible but registration is not open yet or any more (GRP-41). */
  registrationClosesAt: Date | null;
}

/** A group as the public sees it; undefined unless it is "Skelbiama" (any other status is not public). */
export async function findPublicGroup(db: DbOrTx, groupId: string): Promise<PublicGroupDetails | undefined> {
  const row = await selectGroup(published(db))
    .leftJoin('institution_info as ii', 'ii.institution_id', 'g.institution_id')
    .select([
      'ii.description as institution_description',
      'pi.execution_specifics',
      'pi.additional_requirements',
      'p.contact_hours',
      'g.registration_closes_at',
    ])
    .where('g.id', '=', groupId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    ...toGroup(row),
    institutionDescription: row.institution_description,
    executionSpecifics: row.execution_specifics,
    additionalRequirements: row.additional_requirements,
    contactHours: row.contact_hours,
    registrationClosesAt: row.registration_closes_at,
  };
}

/** LECT-9, GRP-47: the lecturers of the groups' timetables who agreed to be published, by group. */
export async function publishedLecturers(db: DbOrTx, groupIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (groupIds.length === 0) return out;
  const rows = await db
    .selectFrom('group_sessions as s')
    .innerJoin('lecturers as l', 'l.id', 's.lecturer_id')
    .select(['s.group_id', 'l.first_name', 'l.last_name'])
    .distinct()
    .where('s.group_id', 'in', groupIds)
    .where('l.publish_consent', '=', true)
    .orderBy('s.group_id')
    .orderBy('l.last_name')
    .orderBy('l.first_name')
    .execute();
  for (const r of rows) out.set(r.group_id, [...(out.get(r.group_id) ?? []), `${r.first_name} ${r.last_name}`]);
  return out;
}

export interface PublicSession {
  date: string;
  startTime: string;
  durationMinutes: number;
  mode: SessionMode;
  venueName: string;
  venueAddress: string;
  auditorium: string | null;
  /** Only a lecturer who agreed to be published (LECT-9); null otherwise. */
  lecturer: string | null;
}

/** The timetable of a public group (GRP-47); remote sessions' links are for participants only, not shown. */
export async function publicTimetable(db: DbOrTx, groupId: string): Promise<PublicSession[]> {
  const rows = await db
    .selectFrom('group_sessions as s')
    .innerJoin('training_groups as g', 'g.id', 's.group_id')
    .innerJoin('venues as v', 'v.id', 's.venue_id')
    .innerJoin('lecturers as l', 'l.id', 's.lecturer_id')
    .select([
      's.session_date',
      's.start_time',
      's.duration_minutes',
      's.mode',
      'v.name as venue_name',
      'v.address as venue_address',
      's.auditorium',
      'l.first_name',
      'l.last_name',
      'l.publish_consent',
    ])
    .where('s.group_id', '=', groupId)
    .where('g.status', '=', GroupStatus.Published)
    .orderBy('s.session_date')
    .orderBy('s.start_time')
    .execute();
  return rows.map((r) => ({
    date: r.session_date,
    startTime: r.start_time.slice(0, 5),
    durationMinutes: r.duration_minutes,
    mode: r.mode,
    venueName: r.venue_name,
    venueAddress: r.venue_address,
    auditorium: r.auditorium,
    lecturer: r.publish_consent ? `${r.first_name} ${r.last_name}` : null,
  }));
}
