// The participants' certificates (issue 13; DONE-9, DONE-10, DONE-16, DONE-17, INST-9): reads by
// contract, verification code and participant, the contracts the daily batch is due to certify, the
// per-year number sequence, and the row writes. No rules and no e-mail text here: the issuing activity
// (activities/certificates.ts) decides, these only read and write rows.
import { sql } from 'kysely';
import type { CertificateData } from '../../workflows/domain/certificate.ts';
import { ContractPhase } from '../../workflows/domain/learning-contract.ts';
import type { DbOrTx } from '../client.ts';
import type { CertificateRow } from '../tables/certificates.ts';

export type { CertificateRow };

export const CERTIFICATE_ENTITY = 'certificate';

/** The certificate of one learning contract (the tab's certificate column, the provider's download). */
export async function findCertificateByContract(db: DbOrTx, contractId: string): Promise<CertificateRow | undefined> {
  return db.selectFrom('certificates').selectAll().where('contract_id', '=', contractId).executeTakeFirst();
}

export async function findCertificate(db: DbOrTx, id: string): Promise<CertificateRow | undefined> {
  return db.selectFrom('certificates').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The certificate a public verification code names (the verification page); undefined when unknown. */
export async function findCertificateByVerificationCode(db: DbOrTx, code: string): Promise<CertificateRow | undefined> {
  return db.selectFrom('certificates').selectAll().where('verification_code', '=', code).executeTakeFirst();
}

/** A participant's certificates, newest first (her KURSUOK account). */
export async function listCertificatesOfParticipant(db: DbOrTx, participantId: string): Promise<CertificateRow[]> {
  return db
    .selectFrom('certificates')
    .selectAll()
    .where('participant_id', '=', participantId)
    .orderBy('issued_on', 'desc')
    .orderBy('number', 'desc')
    .execute();
}

/**
 * DONE-9, DONE-17, DONE-18: the next page of learning contracts due for a certificate on the Vilnius
 * day `day` ('YYYY-MM-DD'), in id order after `afterId`: in force, started, completed, assessed with
 * the assessment confirmed, the questionnaire filled on a Vilnius day before `day`, the programme's
 * end date reached, and no certificate yet. Ids only (a batch of thousands never travels in one payload).
 */
export async function dueCertificateContractIds(
  db: DbOrTx,
  a: { day: string; afterId: string | null; limit: number; institutionIds?: readonly string[] },
): Promise<string[]> {
  let q = db
    .selectFrom('learning_contracts as c')
    // A certificate is dated no earlier than the programme's end (certificateProblems): one whose
    // participant finished at a last session before the end date waits for that day, not counted as failed.
    .innerJoin('training_groups as g', 'g.id', 'c.group_id')
    .where(sql<boolean>`g.programme_end <= ${a.day}::date`)
    .select('c.id')
    .where('c.phase', '=', ContractPhase.InForce)
    .where('c.terminated_at', 'is', null)
    .where('c.voided_at', 'is', null)
    .where('c.participant_id', 'is not', null)
    .where('c.started_at', 'is not', null)
    .where('c.completed_at', 'is not', null)
    .where('c.assessment', 'is not', null)
    .where('c.assessment_confirmed_at', 'is not', null)
    .where('c.questionnaire_filled_at', 'is not', null)
    // Filled before the start of `day` in Vilnius: on a previous calendar day there (DONE-10).
    .where(sql<boolean>`(c.questionnaire_filled_at at time zone 'Europe/Vilnius')::date < ${a.day}::date`)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('certificates as x').select('x.id').whereRef('x.contract_id', '=', 'c.id'))),
    );
  if (a.afterId !== null) q = q.where('c.id', '>', a.afterId);
  if (a.institutionIds)
    q = a.institutionIds.length === 0 ? q.where(sql<boolean>`false`) : q.where('c.institution_id', 'in', a.institutionIds);
  const rows = await q.orderBy('c.id').limit(a.limit).execute();
  return rows.map((r) => r.id);
}

/** What a certificate is generated from, read for one contract as it stands now (INST-9). */
export interface CertificateSource {
  contractId: string;
  institutionId: string;
  groupId: string;
  programmeId: string;
  participantId: string;
  participantFirstName: string;
  participantLastName: string;
  participantBirthDate: string | null;
  participantEmail: string | null;
  assessment: string;
  programmeCode: string;
  programmeName: string;
  programmeKind: string;
  contactHours: string;
  registryData: unknown;
  groupName: string;
  programmeStart: string;
  programmeEnd: string;
  institutionName: string;
  institutionCode: string;
  /** Null when the institution's card "Institucijos informacija" is not filled in. */
  contactFirstName: string | null;
  contactLastName: string | null;
  contactPosition: string | null;
}

/**
 * The sources of those of `contractIds` that are still due for a certificate on `day` (the same
 * conditions as dueCertificateContractIds: a contract terminated or certified since it was listed is
 * left out), with the participant, programme, group, institution and contact person as they stand.
 */
export async function certificateSources(db: DbOrTx, contractIds: readonly string[], day: string): Promise<CertificateSource[]> {
  if (contractIds.length === 0) return [];
  return db
    .selectFrom('learning_contracts as c')
    .innerJoin('participants as p', 'p.id', 'c.participant_id')
    .innerJoin('programmes as pr', 'pr.id', 'c.programme_id')
    .innerJoin('training_groups as g', 'g.id', 'c.group_id')
    .innerJoin('institutions as i', 'i.id', 'c.institution_id')
    .leftJoin('institution_info as ii', 'ii.institution_id', 'c.institution_id')
    .select([
      'c.id as contractId',
      'c.institution_id as institutionId',
      'c.group_id as groupId',
      'c.programme_id as programmeId',
      'p.id as participantId',
      'p.first_name as participantFirstName',
      'p.last_name as participantLastName',
      'p.birth_date as participantBirthDate',
      'p.email as participantEmail',
      sql<string>`c.assessment`.as('assessment'),
      'pr.code as programmeCode',
      'pr.name as programmeName',
      'pr.kind as programmeKind',
      'pr.contact_hours as contactHours',
      'pr.registry_data as registryData',
      'g.name as groupName',
      'g.programme_start as programmeStart',
      'g.programme_end as programmeEnd',
      'i.name as institutionName',
      'i.code as institutionCode',
      'ii.contact_first_name as contactFirstName',
      'ii.contact_last_name as contactLastName',
      'ii.contact_position as contactPosition',
    ])
    .where('c.id', 'in', contractIds)
    .where('c.phase', '=', ContractPhase.InForce)
    .where('c.terminated_at', 'is', null)
    .where('c.voided_at', 'is', null)
    .where('c.started_at', 'is not', null)
    .where('c.completed_at', 'is not', null)
    .where('c.assessment', 'is not', null)
    .where('c.assessment_confirmed_at', 'is not', null)
    .where('c.questionnaire_filled_at', 'is not', null)
    .where(sql<boolean>`(c.questionnaire_filled_at at time zone 'Europe/Vilnius')::date < ${day}::date`)
    .where(sql<boolean>`g.programme_end <= ${day}::date`)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('certificates as x').select('x.id').whereRef('x.contract_id', '=', 'c.id'))),
    )
    .orderBy('c.id')
    .execute();
}

/**
 * The next sequence of `year`'s certificate numbers, unique (the counter row is locked by the update
 * until its transaction ends). The issuer takes it in a transaction of its own, before it renders
 * the PDF, so concurrent issuers do not wait for each other's rendering: a number whose certificate
 * was then not stored (a failure, a retry) is skipped, never given twice.
 */
export async function takeCertificateSequence(trx: DbOrTx, year: number): Promise<number> {
  const row = await trx
    .insertInto('certificate_number_counters')
    .values({ year, last: 1 })
    .onConflict((oc) => oc.column('year').doUpdateSet({ last: sql<number>`certificate_number_counters.last + 1` }))
    .returning('last')
    .executeTakeFirstOrThrow();
  return row.last;
}

export interface NewCertificate {
  contractId: string;
  institutionId: string;
  groupId: string;
  programmeId: string;
  participantId: string;
  data: CertificateData;
  fileId: string;
  fileSha256: string;
  generatedAt: Date;
}

/** Inserts a certificate; undefined when the contract already has one (a retried issue changes nothing). */
export async function insertCertificate(trx: DbOrTx, c: NewCertificate): Promise<CertificateRow | undefined> {
  return trx
    .insertInto('certificates')
    .values({
      contract_id: c.contractId,
      institution_id: c.institutionId,
      group_id: c.groupId,
      programme_id: c.programmeId,
      participant_id: c.participantId,
      number: c.data.number,
      verification_code: c.data.verificationCode,
      data: c.data,
      file_id: c.fileId,
      file_sha256: c.fileSha256,
      issued_on: c.data.issuedOn,
      generated_at: c.generatedAt,
    })
    .onConflict((oc) => oc.column('contract_id').doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** A certificate rendered again from its snapshot: the new file, the same number and code. */
export async function recordCertificateRegenerated(
  trx: DbOrTx,
  a: { certificateId: string; fileId: string; fileSha256: string; at: Date },
): Promise<CertificateRow | undefined> {
  return trx
    .updateTable('certificates')
    .set({ file_id: a.fileId, file_sha256: a.fileSha256, regenerated_at: a.at })
    .where('id', '=', a.certificateId)
    .returningAll()
    .executeTakeFirst();
}
