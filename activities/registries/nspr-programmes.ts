// PROG-2, PROG-5, EXT-6: an institution's NŠPR programmes copied into `programmes`.
//
// NŠPR is the authority for rows of kind 'NSPR' (no venue). On each registry refresh:
// - a programme NŠPR offers in IMP IS (PROG-1a: adapted, registered, positively evaluated by KPMPC)
//   is added when new, and its name, languages, contact hours and "Mokymo būdas" follow NŠPR;
// - a programme already copied follows NŠPR's status: suspended or deregistered there, or no longer
//   positively evaluated / adapted, it is closed to new groups (PROG-30) with the reason in the
//   remarks column (PROG-5); registered and evaluated again, it is open again;
// - a copied programme NŠPR no longer lists at all is marked deregistered — nothing is deleted,
//   its groups keep pointing at it;
// - a programme NŠPR knows but does not offer, never copied, stays out of the list.
// Every change of what the list shows is audited (actor: system); the record as read is kept in
// nspr_data for "Bendroji programos informacija" (PROG-20).
import { sql } from 'kysely';
import type { Db } from '../../db/client.ts';
import { diffFields, writeAudit } from '../../db/queries/audit.ts';
import type { ProgrammeState } from '../../workflows/domain/programme-state.ts';
import { isOfferedInImp, type NsprProgramme } from '../../workflows/domain/nspr-programme.ts';

/** What the list shows of an NŠPR programme: its state and the remark explaining it. */
interface NsprProgrammeStatus {
  state: ProgrammeState;
  remarks: string | null;
}

const since = (date: string | null) => (date ? ` ${date}` : '');
const because = (reason: string | null) => (reason ? ` ${reason}` : '');

/** PROG-5: the state and the remark of a programme as NŠPR has it now. */
export function nsprProgrammeStatus(
  p: Pick<NsprProgramme, 'status' | 'impAdapted' | 'kpmpc' | 'suspendedOn' | 'deregisteredOn' | 'statusReason'>,
): NsprProgrammeStatus {
  if (p.status === 'DEREGISTERED')
    return { state: 'DEREGISTERED', remarks: `Programa išregistruota iš NŠPR${since(p.deregisteredOn)}.${because(p.statusReason)}` };
  if (p.status === 'SUSPENDED')
    return { state: 'SUSPENDED', remarks: `Programa sustabdyta NŠPR${since(p.suspendedOn)}.${because(p.statusReason)}` };
  if (p.kpmpc.result === 'NEGATIVE') {
    const decision = [p.kpmpc.decidedOn, p.kpmpc.decisionNumber ? `Nr. ${p.kpmpc.decisionNumber}` : null].filter(Boolean).join(' ');
    return {
      state: 'SUSPENDED',
      remarks: `KPMPC programą įvertino neigiamai${decision ? ` (${decision})` : ''}: naujų mokymo grupių kurti negalima.`,
    };
  }
  if (p.kpmpc.result === 'PENDING')
    return { state: 'SUSPENDED', remarks: 'Programa laukia KPMPC įvertinimo: naujų mokymo grupių kurti negalima.' };
  if (!p.impAdapted)
    return { state: 'SUSPENDED', remarks: 'Programa NŠPR pažymėta kaip nepritaikyta IMP IS: naujų mokymo grupių kurti negalima.' };
  return { state: 'ACTIVE', remarks: null };
}

/** The remark of a copied programme NŠPR no longer lists (checked on `date`). */
export function goneFromNsprRemark(date: string): string {
  return `Programos NŠPR nebėra (tikrinta ${date}): laikoma išregistruota.`;
}

/** The columns of `programmes` an NŠPR record decides (and the audit compares). */
export function nsprProgrammeColumns(p: NsprProgramme) {
  return {
    code: p.code,
    name: p.name,
    kind: 'NSPR',
    languages: [...p.languages],
    // numeric(8, 2), as the database gives it back: a change is a change of value, not of notation.
    contact_hours: p.hours.contact.toFixed(2),
    training_mode: p.trainingMode,
    ...nsprProgrammeStatus(p),
  };
}

type Columns = ReturnType<typeof nsprProgrammeColumns>;

interface StoredRow {
  id: string;
  code: string;
  name: string;
  kind: string;
  languages: string[];
  contact_hours: string;
  training_mode: string | null;
  state: string;
  remarks: string | null;
}

interface NsprSyncPlan {
  insert: Columns[];
  update: { id: string; before: Record<string, unknown>; after: Omit<Columns, 'code' | 'kind'> }[];
  /** Copied rows NŠPR no longer lists (their ids), to be marked deregistered. */
  gone: { id: string; before: Record<string, unknown>; after: Record<string, unknown> }[];
  /** Records to store in nspr_data, by code (every copied or inserted programme NŠPR still lists). */
  records: Map<string, NsprProgramme>;
}

function visible(row: StoredRow): Record<string, unknown> {
  return {
    name: row.name,
    languages: row.languages,
    contact_hours: row.contact_hours,
    training_mode: row.training_mode,
    state: row.state,
    remarks: row.remarks,
  };
}

/**
 * What to change (pure): `stored` are the institution's rows without a venue (any kind), `listed`
 * every programme NŠPR has for the institution (any status). A row of another kind with an NŠPR
 * code is left alone.
 */
export function planNsprSync(stored: readonly StoredRow[], listed: readonly NsprProgramme[], today: string): NsprSyncPlan {
  const byCode = new Map(stored.map((r) => [r.code, r]));
  const plan: NsprSyncPlan = { insert: [], update: [], gone: [], records: new Map() };
  for (const p of listed) {
    const row = byCode.get(p.code);
    if (!row) {
      if (isOfferedInImp(p)) {
        plan.insert.push(nsprProgrammeColumns(p));
        plan.records.set(p.code, p);
      }
      continue;
    }
    if (row.kind !== 'NSPR') continue;
    plan.records.set(p.code, p);
    const { code: _code, kind: _kind, ...after } = nsprProgrammeColumns(p);
    const before = visible(row);
    if (Object.keys(diffFields(before, after)).length > 0) plan.update.push({ id: row.id, before, after });
  }
  const listedCodes = new Set(listed.map((p) => p.code));
  for (const row of stored) {
    if (row.kind !== 'NSPR' || listedCodes.has(row.code) || row.state === 'DEREGISTERED') continue;
    plan.gone.push({
      id: row.id,
      before: visible(row),
      after: { ...visible(row), state: 'DEREGISTERED', remarks: goneFromNsprRemark(today) },
    });
  }
  return plan;
}

interface NsprSyncResult {
  added: number;
  changed: number;
  deregistered: number;
}

/**
 * Applies NŠPR's programmes of one institution in one transaction (serialised per institution, so
 * two refreshes at once do not both add a programme). Idempotent: a second run changes nothing.
 */
export async function syncNsprProgrammes(
  db: Db,
  institutionId: string,
  listed: readonly NsprProgramme[],
  now: Date,
  today: string,
): Promise<NsprSyncResult> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${`nspr-programmes:${institutionId}`}))`.execute(trx);
    const stored = await trx
      .selectFrom('programmes')
      .select(['id', 'code', 'name', 'kind', 'languages', 'contact_hours', 'training_mode', 'state', 'remarks'])
      .where('institution_id', '=', institutionId)
      .where('venue_id', 'is', null)
      .execute();
    const plan = planNsprSync(stored, listed, today);
    const audit = (entityId: string, action: string, before: Record<string, unknown> | null, after: Record<string, unknown>) =>
      writeAudit(trx, {
        actor: { kind: 'system' },
        institutionId,
        entityType: 'programme',
        entityId,
        action,
        changes: diffFields(before, after),
        requestId: null,
      });

    for (const columns of plan.insert) {
      const record = plan.records.get(columns.code) as NsprProgramme;
      const row = await trx
        .insertInto('programmes')
        .values({ ...columns, institution_id: institutionId, nspr_data: record, nspr_refreshed_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit(row.id, 'NSPR_ADD', null, columns);
    }
    for (const u of plan.update) {
      await trx.updateTable('programmes').set(u.after).where('id', '=', u.id).execute();
      await audit(u.id, 'NSPR_REFRESH', u.before, u.after);
    }
    for (const g of plan.gone) {
      await trx
        .updateTable('programmes')
        .set({ state: 'DEREGISTERED', remarks: g.after.remarks as string })
        .where('id', '=', g.id)
        .execute();
      await audit(g.id, 'NSPR_GONE', g.before, g.after);
    }
    // The record as read, and when, for every programme NŠPR still lists (changed or not).
    const inserted = new Set(plan.insert.map((c) => c.code));
    for (const row of stored) {
      const record = plan.records.get(row.code);
      if (record && !inserted.has(row.code)) {
        await trx.updateTable('programmes').set({ nspr_data: record, nspr_refreshed_at: now }).where('id', '=', row.id).execute();
      }
    }
    return { added: plan.insert.length, changed: plan.update.length, deregistered: plan.gone.length };
  });
}
