// The institution's audit trail as administrators read it (GEN-9): its own rows only (GEN-5),
// newest first, filtered by what changed, how, by whom and when (Europe/Vilnius days, GEN-6).
import { sql, type Expression, type SqlBool } from 'kysely';
import type { DbOrTx } from '../client.ts';
import type { FieldChanges } from '../schema.ts';

/** Who acted: an institution user's id, the system, or a head acting without a user account. */
export const SYSTEM_ACTOR = 'sistema';
export const HEAD_ACTOR = 'vadovas';

export interface AuditTrailFilters {
  entityType?: string | undefined;
  action?: string | undefined;
  /** An institution user id, SYSTEM_ACTOR or HEAD_ACTOR. */
  actor?: string | undefined;
  /** Vilnius calendar days, 'YYYY-MM-DD', both inclusive. */
  from?: string | undefined;
  to?: string | undefined;
}

export interface AuditTrailItem {
  id: string;
  occurred_at: Date;
  actor_kind: 'user' | 'system';
  actor_user_id: string | null;
  actor_first_name: string | null;
  actor_last_name: string | null;
  entity_type: string;
  entity_id: string;
  /** A readable name of the entity where one is known (a user's name, a group's name...). */
  entity_name: string | null;
  action: string;
  changes: FieldChanges;
}

/** One page of the institution's audit rows, newest first, and how many rows match in all. */
export async function listAuditTrail(
  db: DbOrTx,
  institutionId: string,
  filters: AuditTrailFilters,
  page: { limit: number; offset: number },
): Promise<{ rows: AuditTrailItem[]; total: number }> {
  const f = filters;
  const base = db
    .selectFrom('audit_log as a')
    .where('a.institution_id', '=', institutionId)
    .where((eb) => {
      const conditions: Expression<SqlBool>[] = [];
      if (f.entityType) conditions.push(eb('a.entity_type', '=', f.entityType));
      if (f.action) conditions.push(eb('a.action', '=', f.action));
      if (f.actor === SYSTEM_ACTOR) conditions.push(eb('a.actor_kind', '=', 'system'));
      else if (f.actor === HEAD_ACTOR) conditions.push(eb.and([eb('a.actor_kind', '=', 'user'), eb('a.actor_user_id', 'is', null)]));
      else if (f.actor) conditions.push(eb('a.actor_user_id', '=', f.actor));
      // A Vilnius day starts at its local midnight, whatever the offset that day (summer time included).
      if (f.from) conditions.push(eb('a.occurred_at', '>=', sql<Date>`(${f.from}::date::timestamp at time zone 'Europe/Vilnius')`));
      if (f.to) conditions.push(eb('a.occurred_at', '<', sql<Date>`((${f.to}::date + 1)::timestamp at time zone 'Europe/Vilnius')`));
      return eb.and(conditions);
    });
  const rows = await base
    .leftJoin('institution_users as actor', 'actor.id', 'a.actor_user_id')
    .leftJoin('institution_users as eu', (j) =>
      j.on(sql<boolean>`a.entity_type = 'institution_user' and eu.id::text = a.entity_id and eu.institution_id = a.institution_id`),
    )
    .leftJoin('training_groups as tg', (j) =>
      j.on(sql<boolean>`a.entity_type = 'training_group' and tg.id::text = a.entity_id and tg.institution_id = a.institution_id`),
    )
    .leftJoin('institutions as inst', (j) =>
      j.on(sql<boolean>`a.entity_type = 'institution' and inst.id::text = a.entity_id and inst.id = a.institution_id`),
    )
    .select([
      'a.id',
      'a.occurred_at',
      'a.actor_kind',
      'a.actor_user_id',
      'actor.first_name as actor_first_name',
      'actor.last_name as actor_last_name',
      'a.entity_type',
      'a.entity_id',
      'a.action',
      'a.changes',
    ])
    .select(sql<string | null>`coalesce(eu.first_name || ' ' || eu.last_name, tg.name, inst.name)`.as('entity_name'))
    .orderBy('a.occurred_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const count = await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return { rows: rows as AuditTrailItem[], total: Number(count.n) };
}

export interface AuditFilterOptions {
  entityTypes: string[];
  actions: string[];
  /** Institution users that appear as actors, by name. */
  users: { id: string; first_name: string; last_name: string }[];
  hasSystem: boolean;
  hasHead: boolean;
}

/** The values the filters can take in this institution's trail. */
export async function auditFilterOptions(db: DbOrTx, institutionId: string): Promise<AuditFilterOptions> {
  const [entityTypes, actions, users, others] = await Promise.all([
    db
      .selectFrom('audit_log')
      .select('entity_type')
      .distinct()
      .where('institution_id', '=', institutionId)
      .orderBy('entity_type')
      .execute(),
    db.selectFrom('audit_log').select('action').distinct().where('institution_id', '=', institutionId).orderBy('action').execute(),
    db
      .selectFrom('institution_users as u')
      .select(['u.id', 'u.first_name', 'u.last_name'])
      .where('u.institution_id', '=', institutionId)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('audit_log as a')
            .select('a.id')
            .whereRef('a.actor_user_id', '=', 'u.id')
            .where('a.institution_id', '=', institutionId),
        ),
      )
      .orderBy(sql`u.last_name collate "lt-x-icu"`)
      .orderBy(sql`u.first_name collate "lt-x-icu"`)
      .execute(),
    db
      .selectFrom('audit_log')
      .select([
        sql<boolean>`bool_or(actor_kind = 'system')`.as('system'),
        sql<boolean>`bool_or(actor_kind = 'user' and actor_user_id is null)`.as('head'),
      ])
      .where('institution_id', '=', institutionId)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    entityTypes: entityTypes.map((r) => r.entity_type),
    actions: actions.map((r) => r.action),
    users,
    hasSystem: others.system === true,
    hasHead: others.head === true,
  };
}
