// The programme tab "Programos vykdymo ir sutarties informacija" (§3.7; PROG-12..PROG-19). Plain
// master data: each change is written with its audit row in one transaction; every query is scoped
// to one institution (GEN-5).
import { programmeInfoProblems, type ProgrammeInfoValue } from '../../workflows/domain/programme-info.ts';
import type { Db, DbOrTx } from '../client.ts';
import type { FieldChanges } from '../schema.ts';
import type { ProgrammeExecutionInfoRow } from '../tables/programme-info.ts';
import { diffFields, writeAudit, type ChangeActor } from './audit.ts';

export const PROGRAMME_INFO_ENTITY = 'programme_execution_info';

export async function findProgrammeInfo(
  db: DbOrTx,
  institutionId: string,
  programmeId: string,
): Promise<ProgrammeExecutionInfoRow | undefined> {
  return db
    .selectFrom('programme_execution_info')
    .selectAll()
    .where('institution_id', '=', institutionId)
    .where('programme_id', '=', programmeId)
    .executeTakeFirst();
}

/** The row's values as the form and the audit trail name them. */
export function programmeInfoValue(row: ProgrammeExecutionInfoRow): ProgrammeInfoValue {
  return {
    executionSpecifics: row.execution_specifics,
    additionalRequirements: row.additional_requirements,
    competenceRecognition: row.competence_recognition,
    contactName: row.contact_name,
    contactPhone: row.contact_phone,
    contactEmail: row.contact_email,
    personObligations: row.person_obligations,
    providerObligations: row.provider_obligations,
    paymentTerms: row.payment_terms,
  };
}

function columns(v: ProgrammeInfoValue) {
  return {
    execution_specifics: v.executionSpecifics,
    additional_requirements: v.additionalRequirements,
    competence_recognition: v.competenceRecognition,
    contact_name: v.contactName,
    contact_phone: v.contactPhone,
    contact_email: v.contactEmail,
    person_obligations: v.personObligations,
    provider_obligations: v.providerObligations,
    payment_terms: v.paymentTerms,
  };
}

/** What in this tab blocks publishing a group of the programme (GRP-40, PROG-19); empty when complete. */
export async function programmeInfoPublishProblems(db: DbOrTx, institutionId: string, programmeId: string): Promise<string[]> {
  const row = await findProgrammeInfo(db, institutionId, programmeId);
  return programmeInfoProblems(row ? programmeInfoValue(row) : undefined);
}

type SaveProgrammeInfoResult = { ok: true; created: boolean; changes: FieldChanges } | { ok: false; reason: 'not_found' };

/**
 * Saves the tab of one programme of the institution (creates the row the first time); no audit row
 * when nothing changed. A programme of another institution is not found.
 */
export async function saveProgrammeInfo(
  db: Db,
  a: { institutionId: string; programmeId: string; value: ProgrammeInfoValue; actor: ChangeActor },
): Promise<SaveProgrammeInfoResult> {
  return db.transaction().execute(async (trx) => {
    // The programme row, locked: two users saving at once are serialised.
    const programme = await trx
      .selectFrom('programmes')
      .select('id')
      .where('id', '=', a.programmeId)
      .where('institution_id', '=', a.institutionId)
      .forUpdate()
      .executeTakeFirst();
    if (!programme) return { ok: false, reason: 'not_found' } as const;
    const before = await findProgrammeInfo(trx, a.institutionId, a.programmeId);
    const changes = diffFields(before ? { ...programmeInfoValue(before) } : null, { ...a.value });
    if (before && Object.keys(changes).length === 0) return { ok: true, created: false, changes } as const;
    if (before) {
      await trx
        .updateTable('programme_execution_info')
        .set({ ...columns(a.value), updated_at: new Date() })
        .where('programme_id', '=', a.programmeId)
        .where('institution_id', '=', a.institutionId)
        .execute();
    } else {
      await trx
        .insertInto('programme_execution_info')
        .values({ programme_id: a.programmeId, institution_id: a.institutionId, ...columns(a.value) })
        .execute();
    }
    await writeAudit(trx, {
      actor: a.actor.userId
        ? { kind: 'user', userId: a.actor.userId, personalCodeHash: a.actor.personalCodeHash }
        : { kind: 'person', personalCodeHash: a.actor.personalCodeHash },
      institutionId: a.institutionId,
      entityType: PROGRAMME_INFO_ENTITY,
      entityId: a.programmeId,
      action: before ? 'update' : 'create',
      changes,
      requestId: a.actor.requestId,
    });
    return { ok: true, created: !before, changes } as const;
  });
}
