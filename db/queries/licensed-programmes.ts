// "Licencijuotų mokymo programų sąrašas" (§3.6, LIC-1..LIC-19): the institution's licensed
// programmes and modules, which are rows of `programmes` (so "Institucijos mokymosi programos"
// lists them, LIC-14, and their state governs new groups, LIC-18). Plain master data, written here
// with its audit row in one transaction; every query is scoped to one institution (GEN-5).
import { sql } from 'kysely';
import {
  LICENSED_KINDS,
  hoursToNumeric,
  suspensionRemark,
  type LicensedKind,
  type LicensedProgrammeValue,
} from '../../workflows/domain/licensed-programme.ts';
import type { Db, DbOrTx } from '../client.ts';
import type { LicensedRegistryData, Programme } from '../schema.ts';
import { diffFields, writeAudit, type AuditEntry } from './audit.ts';
import type { ChangeActor } from './audit.ts';

export interface LicensedProgrammeItem extends Programme {
  /** The venue's name and one-line address; null for a licensed-kind row without a venue (added before §3.6 was built). */
  venue_name: string | null;
  venue_address: string | null;
}

/** Every licensed programme and module of the institution, active first, by code and venue. */
export async function listLicensedProgrammes(db: DbOrTx, institutionId: string): Promise<LicensedProgrammeItem[]> {
  return db
    .selectFrom('programmes as p')
    .leftJoin('venues as v', (j) => j.onRef('v.id', '=', 'p.venue_id').onRef('v.institution_id', '=', 'p.institution_id'))
    .selectAll('p')
    .select(['v.name as venue_name', 'v.address as venue_address'])
    .where('p.institution_id', '=', institutionId)
    .where('p.kind', 'in', [...LICENSED_KINDS])
    .orderBy(sql`case when p.state = 'ACTIVE' then 0 else 1 end`)
    .orderBy('p.code')
    .orderBy(sql`v.name collate "lt-x-icu"`)
    .orderBy('p.created_at')
    .execute();
}

/** One licensed item of the institution; undefined for anyone else's and for NŠPR programmes (GEN-5). */
export async function findLicensedProgramme(
  db: DbOrTx,
  institutionId: string,
  programmeId: string,
): Promise<LicensedProgrammeItem | undefined> {
  return db
    .selectFrom('programmes as p')
    .leftJoin('venues as v', (j) => j.onRef('v.id', '=', 'p.venue_id').onRef('v.institution_id', '=', 'p.institution_id'))
    .selectAll('p')
    .select(['v.name as venue_name', 'v.address as venue_address'])
    .where('p.institution_id', '=', institutionId)
    .where('p.id', '=', programmeId)
    .where('p.kind', 'in', [...LICENSED_KINDS])
    .executeTakeFirst();
}

/** The codes (programmes' and modules') active at a venue: what may not be added there again (LIC-17). */
export async function activeCodesAt(db: DbOrTx, institutionId: string, venueId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('programmes')
    .select('code')
    .where('institution_id', '=', institutionId)
    .where('venue_id', '=', venueId)
    .where('state', '=', 'ACTIVE')
    .execute();
  return new Set(rows.map((r) => r.code));
}

/** Who makes the change (audit, GEN-9). */
type LicensedActor = ChangeActor;

function auditActor(a: LicensedActor): AuditEntry['actor'] {
  return a.userId
    ? { kind: 'user', userId: a.userId, personalCodeHash: a.personalCodeHash }
    : { kind: 'person', personalCodeHash: a.personalCodeHash };
}

/** What is added, from the window and the registries. */
export interface NewLicensedProgramme {
  value: LicensedProgrammeValue;
  /** The code and name "Institucijos mokymosi programos" shows: the programme's, or the module's. */
  code: string;
  name: string;
  kind: LicensedKind;
  /** SMPKR's self-study hours of the programme or module, in hundredths (LIC-11). */
  selfStudyHundredths: number;
  licenceNumber: string;
  registryData: LicensedRegistryData;
}

type AddLicensedResult =
  | { ok: true; programmeId: string; created: boolean }
  /** LIC-17: the same code is active at the venue. */
  | { ok: false; reason: 'duplicate'; programmeId: string }
  /** The form's key is a programme of another institution. */
  | { ok: false; reason: 'key_conflict' };

/**
 * "Įtraukti visą programą" / "Įtraukti atskirą modulį" (LIC-12, LIC-13). The form's idempotency key
 * becomes the new row's id, so the same form sent twice adds one item (the second answer:
 * `created: false`). The partial unique index programmes_licensed_active refuses a second active
 * entry of a code at a venue, also between two requests racing each other (LIC-17).
 */
export async function addLicensedProgramme(
  db: Db,
  a: { institutionId: string; programmeId: string; item: NewLicensedProgramme; actor: LicensedActor },
): Promise<AddLicensedResult> {
  return db.transaction().execute(async (trx): Promise<AddLicensedResult> => {
    const { value, registryData } = a.item;
    const row = {
      code: a.item.code,
      name: a.item.name,
      kind: a.item.kind,
      languages: value.languages,
      contact_hours: hoursToNumeric(value.theoryHundredths + value.practiceHundredths),
      venue_id: value.venueId,
      smpkr_code: value.programmeCode,
      module_code: value.moduleCode,
      training_mode: value.trainingMode,
      theory_hours: hoursToNumeric(value.theoryHundredths),
      practice_hours: hoursToNumeric(value.practiceHundredths),
      self_study_hours: hoursToNumeric(a.item.selfStudyHundredths),
      licence_number: a.item.licenceNumber,
    };
    const inserted = await trx
      .insertInto('programmes')
      .values({ id: a.programmeId, institution_id: a.institutionId, ...row, registry_data: registryData, added_by: a.actor.userId })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) {
      const same = await trx.selectFrom('programmes').select('institution_id').where('id', '=', a.programmeId).executeTakeFirst();
      if (same)
        return same.institution_id === a.institutionId
          ? { ok: true, programmeId: a.programmeId, created: false }
          : { ok: false, reason: 'key_conflict' };
      const active = await trx
        .selectFrom('programmes')
        .select('id')
        .where('institution_id', '=', a.institutionId)
        .where('venue_id', '=', value.venueId)
        .where('code', '=', row.code)
        .where('state', '=', 'ACTIVE')
        .executeTakeFirst();
      if (active) return { ok: false, reason: 'duplicate', programmeId: active.id };
      // Neither the key nor an active entry: another unique rule refused it (never expected).
      throw new Error(`licensed programme ${row.code} was not inserted`);
    }
    await writeAudit(trx, {
      actor: auditActor(a.actor),
      institutionId: a.institutionId,
      entityType: 'programme',
      entityId: a.programmeId,
      action: 'create',
      changes: diffFields(null, {
        code: row.code,
        name: row.name,
        kind: row.kind,
        venueId: row.venue_id,
        smpkrCode: row.smpkr_code,
        moduleCode: row.module_code,
        licenceNumber: row.licence_number,
        trainingMode: row.training_mode,
        languages: row.languages,
        theoryHours: row.theory_hours,
        practiceHours: row.practice_hours,
        contactHours: row.contact_hours,
        selfStudyHours: row.self_study_hours,
      }),
      requestId: a.actor.requestId,
    });
    return { ok: true, programmeId: a.programmeId, created: true };
  });
}

type SuspendLicensedResult = { ok: true; programme: LicensedProgrammeItem; changed: boolean } | { ok: false; reason: 'not_found' };

/**
 * "Meniu" → "Stabdyti mokymo programą" (LIC-15): the item is suspended with a remark that
 * "Institucijos mokymosi programos" shows (LIC-18, PROG-5); no new groups can be created for it
 * (PROG-30), existing groups go on (OQ-19). Suspending a suspended item changes nothing.
 */
export async function suspendLicensedProgramme(
  db: Db,
  a: { institutionId: string; programmeId: string; now: Date; vilniusDate: string; actor: LicensedActor },
): Promise<SuspendLicensedResult> {
  return db.transaction().execute(async (trx): Promise<SuspendLicensedResult> => {
    const current = await trx
      .selectFrom('programmes')
      .select(['id', 'state', 'remarks'])
      .where('institution_id', '=', a.institutionId)
      .where('id', '=', a.programmeId)
      .where('kind', 'in', [...LICENSED_KINDS])
      .forUpdate()
      .executeTakeFirst();
    if (!current) return { ok: false, reason: 'not_found' };
    let changed = false;
    if (current.state !== 'SUSPENDED') {
      const after = { state: 'SUSPENDED', remarks: suspensionRemark(a.vilniusDate) };
      await trx
        .updateTable('programmes')
        .set({ ...after, suspended_at: a.now, suspended_by: a.actor.userId })
        .where('id', '=', current.id)
        .execute();
      await writeAudit(trx, {
        actor: auditActor(a.actor),
        institutionId: a.institutionId,
        entityType: 'programme',
        entityId: current.id,
        action: 'status',
        changes: diffFields({ state: current.state, remarks: current.remarks }, after),
        requestId: a.actor.requestId,
      });
      changed = true;
    }
    const programme = await findLicensedProgramme(trx, a.institutionId, a.programmeId);
    return { ok: true, programme: programme!, changed };
  });
}
