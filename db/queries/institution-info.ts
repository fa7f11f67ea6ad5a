// "Institucijos informacija" (§3.2; INST-3..INST-6, NUM-1..NUM-7): the institution's own information
// and its contract numbering stages. Plain master data: each change is written with its audit row in
// one transaction; every query is scoped to one institution (GEN-5).
import { stageProblems, type NumberingFieldErrors, type NumberingStage } from '../../workflows/domain/contract-number.ts';
import type { InstitutionInfoValue } from '../../workflows/domain/institution-info.ts';
import { institutionReadinessProblems } from '../../workflows/domain/institution-readiness.ts';
import type { Db, DbOrTx } from '../client.ts';
import type { FieldChanges } from '../schema.ts';
import type { ContractNumberingStageRow, InstitutionInfoRow } from '../tables/institution-info.ts';
import { diffFields, writeAudit, type AuditEntry } from './audit.ts';
import type { ChangeActor } from './audit.ts';

const INSTITUTION_INFO_ENTITY = 'institution_info';
const NUMBERING_STAGE_ENTITY = 'contract_numbering_stage';

/** Who makes the change (audit, GEN-9). */
export type InfoActor = ChangeActor;

function auditActor(a: InfoActor): AuditEntry['actor'] {
  return a.userId
    ? { kind: 'user', userId: a.userId, personalCodeHash: a.personalCodeHash }
    : { kind: 'person', personalCodeHash: a.personalCodeHash };
}

/** Changes of one institution's information and stages are serialised (two administrators at once). */
async function lockInstitution(trx: DbOrTx, institutionId: string): Promise<void> {
  await trx.selectFrom('institutions').select('id').where('id', '=', institutionId).forUpdate().executeTakeFirst();
}

// ---- Tab "Institucijos informacija" -------------------------------------------------------------

export async function findInstitutionInfo(db: DbOrTx, institutionId: string): Promise<InstitutionInfoRow | undefined> {
  return db.selectFrom('institution_info').selectAll().where('institution_id', '=', institutionId).executeTakeFirst();
}

/** The row's values as the form and the audit trail name them. */
function institutionInfoValue(row: InstitutionInfoRow): InstitutionInfoValue {
  return {
    description: row.description,
    contactFirstName: row.contact_first_name,
    contactLastName: row.contact_last_name,
    contactPosition: row.contact_position,
    contactPhone: row.contact_phone,
    contactEmail: row.contact_email,
    iban: row.iban,
    bankName: row.bank_name,
  };
}

/** Saves the tab (creates the row the first time); no audit row when nothing changed. */
export async function saveInstitutionInfo(
  db: Db,
  a: { institutionId: string; value: InstitutionInfoValue; actor: InfoActor },
): Promise<{ created: boolean; changes: FieldChanges }> {
  return db.transaction().execute(async (trx) => {
    await lockInstitution(trx, a.institutionId);
    const before = await findInstitutionInfo(trx, a.institutionId);
    const v = a.value;
    const columns = {
      description: v.description,
      contact_first_name: v.contactFirstName,
      contact_last_name: v.contactLastName,
      contact_position: v.contactPosition,
      contact_phone: v.contactPhone,
      contact_email: v.contactEmail,
      iban: v.iban,
      bank_name: v.bankName,
    };
    const changes = diffFields(before ? { ...institutionInfoValue(before) } : null, { ...v });
    if (before && Object.keys(changes).length === 0) return { created: false, changes };
    if (before) {
      await trx
        .updateTable('institution_info')
        .set({ ...columns, updated_at: new Date() })
        .where('institution_id', '=', a.institutionId)
        .execute();
    } else {
      await trx
        .insertInto('institution_info')
        .values({ institution_id: a.institutionId, ...columns })
        .execute();
    }
    await writeAudit(trx, {
      actor: auditActor(a.actor),
      institutionId: a.institutionId,
      entityType: INSTITUTION_INFO_ENTITY,
      entityId: a.institutionId,
      action: before ? 'update' : 'create',
      changes,
      requestId: a.actor.requestId,
    });
    return { created: !before, changes };
  });
}

/**
 * INST-8 and NUM-8 for one programme's group: what the institution still lacks before the group is
 * published or its contracts are generated on `contractsOn` (workflows/domain/institution-readiness.ts).
 */
export async function institutionPublishProblems(
  db: DbOrTx,
  institutionId: string,
  programmeId: string,
  contractsOn: string,
): Promise<string[]> {
  const [info, stages, programme] = await Promise.all([
    findInstitutionInfo(db, institutionId),
    db.selectFrom('contract_numbering_stages').select('effective_from').where('institution_id', '=', institutionId).execute(),
    db.selectFrom('programmes').select('kind').where('id', '=', programmeId).where('institution_id', '=', institutionId).executeTakeFirst(),
  ]);
  return institutionReadinessProblems({
    info: info ? institutionInfoValue(info) : undefined,
    stages: stages.map((s) => ({ effectiveFrom: s.effective_from })),
    programmeKind: programme?.kind ?? '',
    contractsOn,
  });
}

// ---- Tab "Mokymo sutarties numeracija" ----------------------------------------------------------

/** The institution's stages, earliest first. */
export async function listNumberingStages(db: DbOrTx, institutionId: string): Promise<ContractNumberingStageRow[]> {
  return db
    .selectFrom('contract_numbering_stages')
    .selectAll()
    .where('institution_id', '=', institutionId)
    .orderBy('effective_from')
    .execute();
}

/** One stage of the institution; undefined for anyone else's (GEN-5). */
export async function findNumberingStage(
  db: DbOrTx,
  institutionId: string,
  stageId: string,
): Promise<ContractNumberingStageRow | undefined> {
  return db
    .selectFrom('contract_numbering_stages')
    .selectAll()
    .where('institution_id', '=', institutionId)
    .where('id', '=', stageId)
    .executeTakeFirst();
}

function numberingStageValue(row: ContractNumberingStageRow): NumberingStage {
  return {
    effectiveFrom: row.effective_from,
    startNumber: row.start_number,
    prefix: row.prefix,
    suffix: row.suffix,
    numberFormat: row.number_format,
  };
}

function existing(rows: ContractNumberingStageRow[]) {
  return rows.map((r) => ({ ...numberingStageValue(r), id: r.id, used: r.first_used_at !== null }));
}

function stageColumns(v: NumberingStage) {
  return {
    effective_from: v.effectiveFrom,
    start_number: v.startNumber,
    prefix: v.prefix,
    suffix: v.suffix,
    number_format: v.numberFormat,
  };
}

type StageChangeResult =
  | { ok: true; stage: ContractNumberingStageRow; changes: FieldChanges }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'used' }
  | { ok: false; reason: 'invalid'; errors: NumberingFieldErrors };

/**
 * A new stage (NUM-4). `stageId` comes from the form, so a form sent twice creates one stage: the
 * second time the stage is already there and is returned as it is.
 */
export async function createNumberingStage(
  db: Db,
  a: { institutionId: string; stageId: string; value: NumberingStage; today: string; actor: InfoActor },
): Promise<StageChangeResult> {
  return db.transaction().execute(async (trx) => {
    await lockInstitution(trx, a.institutionId);
    const done = await trx.selectFrom('contract_numbering_stages').selectAll().where('id', '=', a.stageId).executeTakeFirst();
    if (done) return done.institution_id === a.institutionId ? { ok: true, stage: done, changes: {} } : { ok: false, reason: 'not_found' };
    const stages = await listNumberingStages(trx, a.institutionId);
    const errors = stageProblems({ stageId: null, value: a.value, stages: existing(stages), today: a.today });
    if (Object.keys(errors).length > 0) return { ok: false, reason: 'invalid', errors };
    const stage = await trx
      .insertInto('contract_numbering_stages')
      .values({ id: a.stageId, institution_id: a.institutionId, ...stageColumns(a.value) })
      .returningAll()
      .executeTakeFirstOrThrow();
    const changes = diffFields(null, { ...a.value });
    await writeAudit(trx, {
      actor: auditActor(a.actor),
      institutionId: a.institutionId,
      entityType: NUMBERING_STAGE_ENTITY,
      entityId: stage.id,
      action: 'create',
      changes,
      requestId: a.actor.requestId,
    });
    return { ok: true, stage, changes };
  });
}

/** The stage, locked, if it belongs to the institution. */
async function lockStage(trx: DbOrTx, institutionId: string, stageId: string) {
  await lockInstitution(trx, institutionId);
  return trx
    .selectFrom('contract_numbering_stages')
    .selectAll()
    .where('institution_id', '=', institutionId)
    .where('id', '=', stageId)
    .forUpdate()
    .executeTakeFirst();
}

/** Changes a stage not yet used for a contract (NUM-6: a used stage never changes). */
export async function updateNumberingStage(
  db: Db,
  a: { institutionId: string; stageId: string; value: NumberingStage; today: string; actor: InfoActor },
): Promise<StageChangeResult> {
  return db.transaction().execute(async (trx) => {
    const stage = await lockStage(trx, a.institutionId, a.stageId);
    if (!stage) return { ok: false, reason: 'not_found' };
    if (stage.first_used_at !== null) return { ok: false, reason: 'used' };
    const stages = await listNumberingStages(trx, a.institutionId);
    const errors = stageProblems({ stageId: stage.id, value: a.value, stages: existing(stages), today: a.today });
    if (Object.keys(errors).length > 0) return { ok: false, reason: 'invalid', errors };
    const changes = diffFields({ ...numberingStageValue(stage) }, { ...a.value });
    if (Object.keys(changes).length === 0) return { ok: true, stage, changes };
    const updated = await trx
      .updateTable('contract_numbering_stages')
      .set({ ...stageColumns(a.value), updated_at: new Date() })
      .where('id', '=', stage.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(trx, {
      actor: auditActor(a.actor),
      institutionId: a.institutionId,
      entityType: NUMBERING_STAGE_ENTITY,
      entityId: stage.id,
      action: 'update',
      changes,
      requestId: a.actor.requestId,
    });
    return { ok: true, stage: updated, changes };
  });
}

/** Removes a stage not yet used for a contract (entered by mistake). */
export async function deleteNumberingStage(
  db: Db,
  a: { institutionId: string; stageId: string; actor: InfoActor },
): Promise<StageChangeResult> {
  return db.transaction().execute(async (trx) => {
    const stage = await lockStage(trx, a.institutionId, a.stageId);
    if (!stage) return { ok: false, reason: 'not_found' };
    if (stage.first_used_at !== null) return { ok: false, reason: 'used' };
    await trx.deleteFrom('contract_numbering_stages').where('id', '=', stage.id).execute();
    const before = numberingStageValue(stage);
    const changes: FieldChanges = {};
    for (const [key, value] of Object.entries(before)) changes[key] = { before: value, after: null };
    await writeAudit(trx, {
      actor: auditActor(a.actor),
      institutionId: a.institutionId,
      entityType: NUMBERING_STAGE_ENTITY,
      entityId: stage.id,
      action: 'remove',
      changes,
      requestId: a.actor.requestId,
    });
    return { ok: true, stage, changes };
  });
}
