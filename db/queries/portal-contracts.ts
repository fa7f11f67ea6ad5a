// "Mano sutartys" (PORTAL-6, PORTAL-7, CON-17): the learning contracts of one participant, as the
// KURSUOK portal shows them. Every read is scoped to the participant: anybody else's contract is
// not found.
import type { DbOrTx } from '../client.ts';

function ownContracts(db: DbOrTx, participantId: string) {
  return db
    .selectFrom('learning_contracts as c')
    .innerJoin('training_groups as g', 'g.id', 'c.group_id')
    .innerJoin('programmes as p', 'p.id', 'c.programme_id')
    .innerJoin('institutions as i', 'i.id', 'c.institution_id')
    .select([
      'c.id',
      'c.institution_id',
      'c.group_id',
      'g.name as group_name',
      'g.programme_start',
      'g.programme_end',
      'p.name as programme_name',
      'i.name as institution_name',
      'c.phase',
      'c.participant_status',
      'c.provider_status',
      'c.employer_status',
      'c.waiting_reason',
      'c.signing_deadline',
      'c.number',
      'c.dated_on',
      'c.document_file_id',
      'c.participant_signed_at',
      'c.provider_signed_at',
      'c.termination_requested_at',
      'c.termination_request_reason',
      'c.terminated_at',
      'c.termination_reason',
      'c.voided_at',
      // The evaluation questionnaire (PORTAL-8, DONE-8): active once the assessment is confirmed, until filled.
      'c.assessment_confirmed_at',
      'c.questionnaire_filled_at',
      'c.questionnaire_closes_at',
      'c.created_at',
    ])
    .where('c.participant_id', '=', participantId);
}

export type OwnContract = Awaited<ReturnType<ReturnType<typeof ownContracts>['execute']>>[number];

/** The participant's contracts, the newest first. */
export function listOwnContracts(db: DbOrTx, participantId: string): Promise<OwnContract[]> {
  return ownContracts(db, participantId).orderBy('c.created_at', 'desc').orderBy('c.id').execute();
}

/** One contract of this participant; undefined for anybody else's. */
export function findOwnContract(db: DbOrTx, participantId: string, contractId: string): Promise<OwnContract | undefined> {
  return ownContracts(db, participantId).where('c.id', '=', contractId).executeTakeFirst();
}
