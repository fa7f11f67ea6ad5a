// Tab "Mokymų baigimas" and the timetable's "Mokymus pradėjo / Mokymus baigė" lists (issue 13; DONE-1,
// DONE-11, SCHED-22, SCHED-28): a group's learning contracts with the completion columns, the
// participant's name and the certificate (left-joined by contract). Reads only; which rows are shown
// and what they say is workflows/domain/completion.ts and completion-tab.ts.
import type { CompletionRecord } from '../../workflows/domain/completion.ts';
import type { DbOrTx } from '../client.ts';

export interface CompletionTabItem {
  contractId: string;
  firstName: string;
  lastName: string;
  contractNumber: string | null;
  record: CompletionRecord;
  /** The certificate's number once generated (H3's `certificates`), null before. */
  certificateNumber: string | null;
}

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

/**
 * Every contract of the group (GEN-5: only when the group is `institutionId`'s), in name order, with
 * what its completion records; voided and unsigned ones are there too (the callers filter, DONE-1).
 */
export async function listGroupCompletion(db: DbOrTx, institutionId: string, groupId: string): Promise<CompletionTabItem[]> {
  const rows = await db
    .selectFrom('learning_contracts as c')
    .innerJoin('group_registrations as r', 'r.id', 'c.id')
    .leftJoin('certificates as cert', 'cert.contract_id', 'c.id')
    .select([
      'c.id',
      'c.number',
      'c.phase',
      'c.started_at',
      'c.locked_at',
      'c.completed_at',
      'c.assessment',
      'c.assessment_confirmed_at',
      'c.questionnaire_filled_at',
      'r.first_name',
      'r.last_name',
      'cert.number as certificate_number',
      'cert.generated_at as certificate_generated_at',
    ])
    .where('c.institution_id', '=', institutionId)
    .where('c.group_id', '=', groupId)
    .orderBy('r.last_name')
    .orderBy('r.first_name')
    .orderBy('c.id')
    .execute();
  return rows.map((r) => ({
    contractId: r.id,
    firstName: r.first_name,
    lastName: r.last_name,
    contractNumber: r.number,
    certificateNumber: r.certificate_number,
    record: {
      contractPhase: r.phase,
      startedAt: iso(r.started_at),
      lockedAt: iso(r.locked_at),
      completedAt: iso(r.completed_at),
      assessment: r.assessment,
      assessmentConfirmedAt: iso(r.assessment_confirmed_at),
      questionnaireFilledAt: iso(r.questionnaire_filled_at),
      certificateGeneratedAt: iso(r.certificate_generated_at),
    },
  }));
}
