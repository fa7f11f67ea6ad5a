// A participant who can be invoiced (INV-4): a registration of the group, a contract in force signed by
// both sides with every completion mark (started, finished, confirmed "Įskaityta", questionnaire
// filled) and a certificate — the rows as the contract workflows and the certificate batch leave them.
import { createHash } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { addDays, vilniusDate } from '../../workflows/domain/calendar.ts';
import { sampleCertificateData } from './certificate.ts';
import { pdfBytes } from './pdf.ts';

export interface CertifiedParticipant {
  contractId: string;
  /** "First Last", as the pages show the participant. */
  name: string;
  certificateNumber: string;
}

async function storedPdf(db: Db, institutionId: string, label: string): Promise<string> {
  const bytes = pdfBytes(label);
  const file = await db
    .insertInto('stored_files')
    .values({
      institution_id: institutionId,
      purpose: 'LEARNING_CONTRACT',
      sha256: createHash('sha256').update(bytes).digest('hex'),
      size: bytes.length,
      content_type: 'application/pdf',
      original_name: `${label}.pdf`,
      download_name: `${label}.pdf`,
      uploaded_by: null,
      uploaded_by_personal_code_hash: null,
      content: bytes,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return file.id;
}

export async function certifiedParticipant(
  db: Db,
  where: { institutionId: string; programmeId: string; groupId: string },
  person: { firstName: string; lastName: string; funding?: 'IMP_KREPSELIS' | 'ASMENINES_LESOS' },
): Promise<CertifiedParticipant> {
  const run = crypto.randomUUID().slice(0, 8);
  const personKey = `inv-${run}-${person.firstName}`;
  const participant = await db
    .insertInto('participants')
    .values({ person_key: personKey, first_name: person.firstName, last_name: person.lastName, citizen: true })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = crypto.randomUUID();
  await db
    .insertInto('group_registrations')
    .values({
      id,
      group_id: where.groupId,
      institution_id: where.institutionId,
      person_key: personKey,
      first_name: person.firstName,
      last_name: person.lastName,
      email: `${run}@dalyviai.example.lt`,
      phone: null,
      funding: person.funding ?? 'IMP_KREPSELIS',
      status: 'CONTRACTED',
      participant_id: participant.id,
    })
    .execute();
  const day = (n: number) => new Date(Date.now() - n * 86_400_000);
  await db
    .insertInto('learning_contracts')
    .values({
      id,
      institution_id: where.institutionId,
      group_id: where.groupId,
      programme_id: where.programmeId,
      participant_id: participant.id,
      version: 9,
      phase: 'GALIOJA',
      participant_status: 'PASIRASYTA',
      provider_status: 'PASIRASYTA',
      signing_deadline: day(40),
      number: `SUT-${run}`,
      document_file_id: await storedPdf(db, where.institutionId, `sutartis-${run}`),
      participant_signed_at: day(45),
      provider_signed_at: day(44),
      started_at: day(40),
      completed_at: day(5),
      assessment: 'ISKAITYTA',
      assessment_confirmed_at: day(5),
      questionnaire_filled_at: day(3),
    })
    .execute();
  const number = `KURSUOK-2026-${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`;
  const code = `Inv${crypto.randomUUID().replace(/-/g, '').slice(0, 19)}`;
  await db
    .insertInto('certificates')
    .values({
      contract_id: id,
      institution_id: where.institutionId,
      group_id: where.groupId,
      programme_id: where.programmeId,
      participant_id: participant.id,
      number,
      verification_code: code,
      data: sampleCertificateData({ number, verificationCode: code }),
      file_id: await storedPdf(db, where.institutionId, `pazymejimas-${run}`),
      file_sha256: 'x',
      issued_on: addDays(vilniusDate(new Date()), -1),
      generated_at: day(2),
    })
    .execute();
  return { contractId: id, name: `${person.firstName} ${person.lastName}`, certificateNumber: number };
}
