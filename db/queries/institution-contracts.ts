// Reads of the provider's application "Institucijos sutartys" (manual §3.12; CON-2, CON-3, CON-22,
// CON-27, USERS-32). Every read is scoped to the acting institution and, for an employer
// representative, to the trilateral contracts of their employer.
import { sql } from 'kysely';
import type { DbOrTx } from '../client.ts';
import type { LearningContractRow } from '../tables/learning-contracts.ts';

/**
 * Whose contracts a user sees: all of the institution's, or (an employer representative without
 * another right to the application, USERS-32) only the trilateral ones of one employer. `employerId`
 * null with `employerOnly` means the user is linked to no employer: nothing is shown.
 */
export type ContractScope = { employerOnly: false } | { employerOnly: true; employerId: string | null };

export interface ContractGroupItem {
  groupId: string;
  groupName: string;
  groupStatus: string;
  programmeCode: string;
  programmeName: string;
  programmeStart: string;
  programmeEnd: string;
  contracts: number;
  signed: number;
  awaiting: number;
}

/** CON-27: the institution's groups in "Vykdoma"/"Užbaigta" that have contracts, with counts. */
export async function listContractGroups(db: DbOrTx, institutionId: string, scope: ContractScope): Promise<ContractGroupItem[]> {
  if (scope.employerOnly && !scope.employerId) return [];
  let q = db
    .selectFrom('learning_contracts as lc')
    .innerJoin('training_groups as g', 'g.id', 'lc.group_id')
    .innerJoin('programmes as p', 'p.id', 'g.programme_id')
    .where('lc.institution_id', '=', institutionId)
    .where('g.institution_id', '=', institutionId)
    .where('g.status', 'in', ['Vykdoma', 'Užbaigta'])
    .select([
      'g.id as groupId',
      'g.name as groupName',
      'g.status as groupStatus',
      'p.code as programmeCode',
      'p.name as programmeName',
      'g.programme_start as programmeStart',
      'g.programme_end as programmeEnd',
      sql<number>`count(*)::int`.as('contracts'),
      sql<number>`count(*) filter (where lc.phase = 'GALIOJA')::int`.as('signed'),
      sql<number>`count(*) filter (where lc.phase in ('RENGIAMA', 'SUSTABDYTA', 'PASIRASOMA'))::int`.as('awaiting'),
    ])
    .groupBy(['g.id', 'p.id'])
    .orderBy('g.programme_start', 'desc')
    .orderBy('g.name');
  if (scope.employerOnly) q = q.where('lc.employer_id', '=', scope.employerId);
  return q.execute();
}

export interface GroupContractItem {
  contract: LearningContractRow;
  firstName: string | null;
  lastName: string | null;
  employerName: string | null;
}

/** The contracts the scope shows, each with its participant's and employer's names. */
function scopedContracts(db: DbOrTx, institutionId: string, scope: ContractScope) {
  let q = db
    .selectFrom('learning_contracts as lc')
    .leftJoin('group_registrations as r', 'r.id', 'lc.id')
    .leftJoin('employers as e', 'e.id', 'lc.employer_id')
    .where('lc.institution_id', '=', institutionId)
    .selectAll('lc')
    .select(['r.first_name as firstName', 'r.last_name as lastName', 'e.name as employerName']);
  if (scope.employerOnly) q = q.where('lc.employer_id', '=', scope.employerId);
  return q;
}

function contractItem(row: Awaited<ReturnType<ReturnType<typeof scopedContracts>['executeTakeFirstOrThrow']>>): GroupContractItem {
  const { firstName, lastName, employerName, ...contract } = row;
  return { contract: contract as LearningContractRow, firstName, lastName, employerName };
}

/** CON-3, CON-22: a group's contracts (one per approved participant), in the participant's name order. */
export async function listGroupContracts(
  db: DbOrTx,
  institutionId: string,
  groupId: string,
  scope: ContractScope,
): Promise<GroupContractItem[]> {
  if (scope.employerOnly && !scope.employerId) return [];
  const rows = await scopedContracts(db, institutionId, scope)
    .where('lc.group_id', '=', groupId)
    .orderBy('r.last_name')
    .orderBy('r.first_name')
    .orderBy('lc.id')
    .execute();
  return rows.map(contractItem);
}

/** One contract with its participant's name, within the scope; undefined when the user may not see it. */
export async function findScopedContract(
  db: DbOrTx,
  institutionId: string,
  contractId: string,
  scope: ContractScope,
): Promise<GroupContractItem | undefined> {
  if (scope.employerOnly && !scope.employerId) return undefined;
  const row = await scopedContracts(db, institutionId, scope).where('lc.id', '=', contractId).executeTakeFirst();
  return row ? contractItem(row) : undefined;
}

/** The name of the institution user who terminated a contract (CON-14 "kas"). */
export async function userName(db: DbOrTx, institutionId: string, userId: string | null): Promise<string | null> {
  if (!userId) return null;
  const u = await db
    .selectFrom('institution_users')
    .select(['first_name', 'last_name'])
    .where('institution_id', '=', institutionId)
    .where('id', '=', userId)
    .executeTakeFirst();
  return u ? `${u.first_name} ${u.last_name}` : null;
}
