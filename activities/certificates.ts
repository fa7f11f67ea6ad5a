// The certificate batch's I/O (issue 13; DONE-9, DONE-10, DONE-12, DONE-16, DONE-17, DONE-19, INST-9,
// N15): the contracts due on a Vilnius day, page by page (ids only), and issuing a chunk of them. Issuing
// one: its snapshot is built from the rows as they stand now (the participant, programme, group, the
// confirmed assessment in the configured format's words, the institution and its contact person), a
// unique number is taken, the PDF is rendered (activities/pdf/certificate-pdf.ts) and sealed with the
// system's e-seal (activities/signing/seal.ts), and then ONE transaction stores the file, inserts the
// certificate row (one per contract: a retry or a second batch finds it and issues nothing), writes
// the audit row and queues N15 to the participant. A regeneration renders the stored snapshot again:
// the same number, code and text, a fresh seal.
import { randomBytes } from 'node:crypto';
import { Context } from '@temporalio/activity';
import type { Db, DbOrTx } from '../db/client.ts';
import {
  CERTIFICATE_ENTITY,
  certificateSources,
  dueCertificateContractIds,
  findCertificate,
  insertCertificate,
  recordCertificateRegenerated,
  takeCertificateSequence,
  type CertificateSource,
} from '../db/queries/certificates.ts';
import { writeAudit } from '../db/queries/audit.ts';
import { FilePurpose, storeFile } from '../db/queries/files.ts';
import { queueEmail } from '../db/queries/outbox.ts';
import type { LicensedRegistryData } from '../db/schema.ts';
import {
  certificateDocumentTitle,
  certificateNumber,
  certificateProblems,
  certificateVerificationUrl,
  verificationCode,
  VERIFICATION_CODE_BYTES,
  type CertificateData,
} from '../workflows/domain/certificate.ts';
import {
  assessmentFormatName,
  certificateIssuedEmail,
  certificatePortalPath,
  certificateSealReason,
  CERTIFICATE_BATCH_LIMITS,
} from '../workflows/domain/certificate-issuance.ts';
import { assessmentLabel } from '../workflows/domain/completion.ts';
import { NON_FORMAL_PROGRAMME_KIND } from '../workflows/domain/institution-readiness.ts';
import { licensedKindLabel } from '../workflows/domain/licensed-programme.ts';
import type { Config } from '../worker/config.ts';
import { renderCertificatePdf } from './pdf/certificate-pdf.ts';
import { loadSeal, sealPdf, type Seal } from './signing/seal.ts';

export const CERTIFICATE_EMAIL_KIND = 'CERTIFICATE_ISSUED';

export interface DueCertificatesInput {
  /** The Vilnius day of the batch ('YYYY-MM-DD'): questionnaires filled before it are due. */
  day: string;
  afterId: string | null;
  limit: number;
  /** Only these institutions' contracts (CertificateIssuanceInput.institutionIds). */
  institutionIds?: string[];
}

export interface IssueCertificatesInput {
  day: string;
  contractIds: string[];
}

export interface IssueCertificatesResult {
  issued: number;
  /** Certified already, or no longer due (terminated since it was listed). */
  skipped: number;
  /** Contracts whose certificate could not be made (data the template refuses): English, for the operator. */
  failed: { contractId: string; error: string }[];
  /** N15 e-mails queued, to deliver now (the outbox relay delivers any this run does not). */
  outboxIds: string[];
}

export interface RegenerateCertificateInput {
  certificateId: string;
}

function heartbeat(details: unknown): void {
  try {
    Context.current().heartbeat(details);
  } catch {
    // Called outside an activity (a test calling it directly): nothing to report to.
  }
}

/** The programme's total hours from the registry's record of a licensed programme or module; null when unknown. */
function totalHours(registryData: unknown): number | null {
  const data = registryData as LicensedRegistryData | null;
  const hours = data?.module?.hours ?? data?.programme?.hours;
  if (!hours) return null;
  const total = hours.theory + hours.practice + hours.independent;
  return Number.isFinite(total) && total > 0 ? total : null;
}

export function createCertificateActivities(deps: { db: Db; config: Config }) {
  const { db, config } = deps;
  let seal: Promise<Seal> | null = null;

  /** The seal, read once (the development seal file may appear after the worker started). */
  function theSeal(): Promise<Seal> {
    seal ??= loadSeal(config.certificates.seal).then((s) => {
      if (!s) throw new Error('no e-seal is configured for certificates: set CERTIFICATE_SEAL_P12_FILE and CERTIFICATE_SEAL_PASSPHRASE');
      return s;
    });
    seal.catch(() => {
      seal = null;
    });
    return seal;
  }

  /** The certificate of `data` rendered and sealed at `at` (DONE-17), with its document's title. */
  async function sealedPdf(data: CertificateData, number: string, at: Date): Promise<{ bytes: Buffer; title: string }> {
    const pdf = await renderCertificatePdf(data);
    const bytes = await sealPdf(pdf, await theSeal(), { reason: certificateSealReason(number), signingTime: at });
    return { bytes, title: certificateDocumentTitle(data) };
  }

  /** The sealed PDF stored as the institution's certificate file (made by the system: no uploader). */
  function storeSealedPdf(trx: DbOrTx, institutionId: string, pdf: { bytes: Buffer; title: string }) {
    return storeFile(trx, {
      institutionId,
      purpose: FilePurpose.Certificate,
      bytes: pdf.bytes,
      contentType: 'application/pdf',
      originalName: `${pdf.title}.pdf`,
      downloadName: `${pdf.title}.pdf`,
      uploader: { userId: null, personalCodeHash: null, requestId: null },
    });
  }

  function snapshotOf(s: CertificateSource, day: string, number: string, code: string, generatedAt: Date): CertificateData {
    const format = config.completion.assessmentFormat;
    return {
      template: 1,
      number,
      issuedOn: day,
      generatedAt: generatedAt.toISOString(),
      verificationCode: code,
      verificationUrl: certificateVerificationUrl(config.web.publicUrl, code),
      participant: { firstName: s.participantFirstName, lastName: s.participantLastName, birthDate: s.participantBirthDate },
      programme: {
        code: s.programmeCode,
        name: s.programmeName,
        kindLabel:
          s.programmeKind === NON_FORMAL_PROGRAMME_KIND
            ? 'Neformaliojo suaugusiųjų švietimo ir tęstinio mokymosi programa'
            : licensedKindLabel(s.programmeKind, (s.registryData as LicensedRegistryData | null)?.programme?.kind ?? null),
        contactHours: Number(s.contactHours),
        totalHours: totalHours(s.registryData),
      },
      group: { name: s.groupName, programmeStart: s.programmeStart, programmeEnd: s.programmeEnd },
      // DONE-19, DONE-20: the confirmed result in the words of the configured format.
      assessment: { formatLabel: assessmentFormatName(format), result: assessmentLabel(format, s.assessment) },
      // INST-9, DONE-12: the institution and its contact person as they stand at issue.
      institution: {
        name: s.institutionName,
        code: s.institutionCode,
        contactPerson: { firstName: s.contactFirstName ?? '', lastName: s.contactLastName ?? '', position: s.contactPosition ?? '' },
      },
    };
  }

  /** One certificate issued; 'skipped' when another issuer stored one for the contract meanwhile. */
  async function issueOne(s: CertificateSource, day: string): Promise<{ outboxId: string | null } | 'skipped'> {
    const generatedAt = new Date();
    const year = Number(day.slice(0, 4));
    const number = certificateNumber(year, await takeCertificateSequence(db, year));
    const code = verificationCode(randomBytes(VERIFICATION_CODE_BYTES));
    const data = snapshotOf(s, day, number, code, generatedAt);
    const problems = certificateProblems(data);
    if (problems.length > 0) throw new CertificateDataError(problems.join('; '));
    const sealed = await sealedPdf(data, number, generatedAt);
    return db
      .transaction()
      .execute(async (trx) => {
        const file = await storeSealedPdf(trx, s.institutionId, sealed);
        const row = await insertCertificate(trx, {
          contractId: s.contractId,
          institutionId: s.institutionId,
          groupId: s.groupId,
          programmeId: s.programmeId,
          participantId: s.participantId,
          data,
          fileId: file.id,
          fileSha256: file.sha256,
          generatedAt,
        });
        // Certified meanwhile by another run: undo the file too.
        if (!row) throw new AlreadyCertified();
        await writeAudit(trx, {
          actor: { kind: 'system' },
          institutionId: s.institutionId,
          entityType: CERTIFICATE_ENTITY,
          entityId: row.id,
          action: 'issue',
          changes: {
            contractId: { before: null, after: s.contractId },
            number: { before: null, after: number },
            issuedOn: { before: null, after: day },
            fileSha256: { before: null, after: file.sha256 },
          },
          requestId: null,
        });
        if (!s.participantEmail) return { outboxId: null };
        const mail = certificateIssuedEmail({
          firstName: s.participantFirstName,
          programmeName: s.programmeName,
          institutionName: s.institutionName,
          number,
          link: `${config.web.publicUrl}${certificatePortalPath(s.contractId)}`,
          verificationUrl: data.verificationUrl,
        });
        const outboxId = await queueEmail(trx, {
          to: { address: s.participantEmail, name: `${s.participantFirstName} ${s.participantLastName}` },
          subject: mail.subject,
          text: mail.text,
          kind: CERTIFICATE_EMAIL_KIND,
          entityType: CERTIFICATE_ENTITY,
          entityId: row.id,
          institutionId: s.institutionId,
        });
        return { outboxId };
      })
      .catch((err: unknown) => {
        if (err instanceof AlreadyCertified) return 'skipped' as const;
        throw err;
      });
  }

  return {
    /** DONE-9, DONE-17: the next page of contracts due for a certificate on `day` (ids only). */
    async dueCertificateContracts(input: DueCertificatesInput): Promise<string[]> {
      const limit = Math.min(Math.max(Math.trunc(input.limit), 1), CERTIFICATE_BATCH_LIMITS.pageSize);
      return dueCertificateContractIds(db, { day: input.day, afterId: input.afterId, limit, institutionIds: input.institutionIds });
    },

    /**
     * Issues the certificates of a chunk of contracts, one after another (the PDF work is CPU-bound:
     * the workflow runs a few chunks side by side). A contract whose data the template refuses is
     * reported and left for the next day's batch; a database or seal failure fails the activity (retried).
     */
    async issueCertificates(input: IssueCertificatesInput): Promise<IssueCertificatesResult> {
      const ids = input.contractIds.slice(0, CERTIFICATE_BATCH_LIMITS.maxChunkSize);
      const sources = await certificateSources(db, ids, input.day);
      const result: IssueCertificatesResult = { issued: 0, skipped: ids.length - sources.length, failed: [], outboxIds: [] };
      for (const [i, source] of sources.entries()) {
        heartbeat({ done: i });
        let outcome: Awaited<ReturnType<typeof issueOne>>;
        try {
          outcome = await issueOne(source, input.day);
        } catch (err) {
          // Data the template refuses waits for a correction (and the next day's batch); the database or the seal is retried.
          if (err instanceof CertificateDataError || err instanceof RangeError) {
            result.failed.push({ contractId: source.contractId, error: err.message });
            console.error(`certificate of contract ${source.contractId}: ${err.message}`);
            continue;
          }
          throw err;
        }
        if (outcome === 'skipped') {
          result.skipped++;
          continue;
        }
        result.issued++;
        if (outcome.outboxId) result.outboxIds.push(outcome.outboxId);
      }
      return result;
    },

    /** The certificate rendered again from its stored snapshot: the same number and code, a new seal (regenerated_at set). */
    async regenerateCertificate(input: RegenerateCertificateInput): Promise<{ fileId: string; fileSha256: string; number: string }> {
      const row = await findCertificate(db, input.certificateId);
      if (!row) throw new Error(`no certificate ${input.certificateId}`);
      const at = new Date();
      const sealed = await sealedPdf(row.data, row.number, at);
      return db.transaction().execute(async (trx) => {
        const file = await storeSealedPdf(trx, row.institution_id, sealed);
        await recordCertificateRegenerated(trx, { certificateId: row.id, fileId: file.id, fileSha256: file.sha256, at });
        await writeAudit(trx, {
          actor: { kind: 'system' },
          institutionId: row.institution_id,
          entityType: CERTIFICATE_ENTITY,
          entityId: row.id,
          action: 'regenerate',
          changes: { fileSha256: { before: row.file_sha256, after: file.sha256 } },
          requestId: null,
        });
        return { fileId: file.id, fileSha256: file.sha256, number: row.number };
      });
    },
  };
}

class AlreadyCertified extends Error {}

/** The snapshot's problems (certificateProblems): the contract's data must be corrected first. */
class CertificateDataError extends Error {}

export type CertificateActivities = ReturnType<typeof createCertificateActivities>;
