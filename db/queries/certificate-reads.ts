// Reads of the certificates for the pages that show and serve them (issue 13; DONE-16): the public
// verification page (by code), the participant's account (her own contracts only) and the provider's
// group (its own institution and group only, GEN-5), each with the sealed PDF's bytes when served.
// The rows are written by db/queries/certificates.ts.
import type { DbOrTx } from '../client.ts';
import type { CertificateRow } from '../tables/certificates.ts';

/** What the verification page shows: the snapshot only (never the file, the participant or the contract). */
export type VerifiedCertificate = Pick<CertificateRow, 'number' | 'verification_code' | 'data' | 'issued_on'>;

/** The certificate a verification code names; undefined when no certificate has it. */
export async function findCertificateForVerification(db: DbOrTx, code: string): Promise<VerifiedCertificate | undefined> {
  return db
    .selectFrom('certificates')
    .select(['number', 'verification_code', 'data', 'issued_on'])
    .where('verification_code', '=', code)
    .executeTakeFirst();
}

/** A participant's certificate of one of her contracts; undefined when the contract is not hers or has none. */
export async function findOwnCertificate(db: DbOrTx, participantId: string, contractId: string): Promise<CertificateRow | undefined> {
  return db
    .selectFrom('certificates')
    .selectAll()
    .where('participant_id', '=', participantId)
    .where('contract_id', '=', contractId)
    .executeTakeFirst();
}

/** The certificate of a contract in the institution's group; undefined for another institution's or group's. */
export async function findGroupCertificate(
  db: DbOrTx,
  a: { institutionId: string; groupId: string; contractId: string },
): Promise<CertificateRow | undefined> {
  return db
    .selectFrom('certificates')
    .selectAll()
    .where('institution_id', '=', a.institutionId)
    .where('group_id', '=', a.groupId)
    .where('contract_id', '=', a.contractId)
    .executeTakeFirst();
}

/** The numbers, dates and codes of a participant's certificates by contract (her "Mano sutartys"). */
export async function ownCertificatesByContract(
  db: DbOrTx,
  participantId: string,
): Promise<Map<string, Pick<CertificateRow, 'contract_id' | 'number' | 'issued_on' | 'verification_code'>>> {
  const rows = await db
    .selectFrom('certificates')
    .select(['contract_id', 'number', 'issued_on', 'verification_code'])
    .where('participant_id', '=', participantId)
    .execute();
  return new Map(rows.map((r) => [r.contract_id, r]));
}

/** The sealed PDF of a certificate (its stored file in the certificate's institution). */
export async function certificatePdf(
  db: DbOrTx,
  certificate: Pick<CertificateRow, 'institution_id' | 'file_id'>,
): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const row = await db
    .selectFrom('stored_files')
    .select('content')
    .where('institution_id', '=', certificate.institution_id)
    .where('id', '=', certificate.file_id)
    .executeTakeFirst();
  return row ? new Uint8Array(row.content) : undefined;
}
