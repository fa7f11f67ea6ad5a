// The LearningContract workflow's I/O (issue 12; L5, CON-16, CON-21, NUM-7, INST-9): preparing the
// contract (its number in the transaction that writes it, the institution's data as they stand, the
// document rendered and stored), opening a signing session at the gateway for the current document,
// recording a signature only after the returned file is checked, and projecting the contract's state.
import { createHash } from 'node:crypto';
import type { Db } from '../db/client.ts';
import { FilePurpose, readStoredFile, storeFile } from '../db/queries/files.ts';
import { findInstitutionInfo } from '../db/queries/institution-info.ts';
import {
  applyContractProjection,
  findContractRegistration,
  insertNumberedContract,
  insertWaitingContract,
  type ContractProjection,
} from '../db/queries/learning-contracts.ts';
import { findProgrammeInfo, programmeInfoValue } from '../db/queries/programme-info.ts';
import { vilniusDate } from '../workflows/domain/calendar.ts';
import { contractDocumentProblems, contractDocumentTitle, type ContractDocumentData } from '../workflows/domain/contract-document.ts';
import { NON_FORMAL_PROGRAMME_KIND } from '../workflows/domain/institution-readiness.ts';
import { ContractPhase, type ContractParty } from '../workflows/domain/learning-contract.ts';
import { licensedKindLabel } from '../workflows/domain/licensed-programme.ts';
import { programmeInfoProblems } from '../workflows/domain/programme-info.ts';
import type { Config } from '../worker/config.ts';
import { hashPersonalCode } from '../worker/crypto.ts';
import { renderContractPdf } from './pdf/contract-pdf.ts';
import { createSigningGatewayClient, trustedCaPem, type SigningGatewayClient } from './signing/client.ts';
import { verifySignedPdf } from './signing/verify.ts';

export interface PrepareContractInput {
  contractId: string;
  groupId: string;
  institutionId: string;
  programmeId: string;
  signingDeadline: string;
  version: number;
}

export type PrepareContractResult =
  | { kind: 'ready'; number: string; documentFileId: string; documentSha256: string }
  | { kind: 'waiting'; phase: typeof ContractPhase.Preparing | typeof ContractPhase.Blocked; reason: string };

export interface OpenSigningInput {
  contractId: string;
  institutionId: string;
  party: ContractParty;
  documentFileId: string;
  signerName: string;
  /** Printed in the signature (USERS-28: the provider's signer acts under this document). */
  reason: string | null;
  returnUrl: string;
  idempotencyKey: string;
}

export interface RecordSignatureInput {
  contractId: string;
  institutionId: string;
  sessionId: string;
  /** The document the session was opened for: a signature is only an incremental update of it. */
  documentFileId: string;
  /** The keyed hash of the expected signer's personal code (person_key / personal_code_hash). */
  signerPersonalCodeHash: string;
}

export type RecordSignatureResult =
  | { ok: true; documentFileId: string; documentSha256: string; signerName: string; signedAt: string; reason: string | null }
  | { ok: false; reason: string; final: boolean };

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export const CONTRACT_MESSAGES = {
  noNumbering:
    'Sutarties pasirašyti negalima: nėra mokymo sutarčių numeracijos etapo, galiojančio šiandien (kortelė „Mokymo sutarties numeracija“).',
  smpkrPending:
    'Laukiama sutarties numerio ir registravimo datos iš Mokinių registro. Primename: mokymo teikėjas privalo Mokinių registre tvarkyti mokymo dalyvių duomenis.',
  noParticipant: 'Sutarties parengti negalima: registracija neturi dalyvio paskyros.',
  noBirthDate: 'Sutartis bus parengta, kai dalyvis prisijungs prie KURSUOK per VIISP (reikia jo gimimo datos).',
  dataFault: 'Sutarties parengti nepavyko dėl duomenų klaidos: kreipkitės į IMP IS administratorių.',
  notSigned: 'Dokumentas nepasirašytas: pasirašymas atšauktas arba nebaigtas.',
  documentChanged: 'Kol pasirašėte, sutartį pasirašė kita šalis: pasirašykite iš naujo.',
} as const;

export function createLearningContractActivities(deps: { db: Db; config: Config; gateway?: SigningGatewayClient }) {
  const { db, config } = deps;
  const gateway = deps.gateway ?? createSigningGatewayClient(config.signing);
  const pepper = config.secrets.personalCodePepper;

  /** The snapshot the document is generated from (CON-16, INST-9), or why it cannot be yet. */
  async function snapshotOf(p: PrepareContractInput, number: string | null, datedOn: string | null) {
    const registration = await findContractRegistration(db, p.contractId);
    if (!registration?.participant_id) return { problem: CONTRACT_MESSAGES.noParticipant } as const;
    const [group, programme, institution, info, programmeInfo, participant] = await Promise.all([
      db.selectFrom('training_groups').selectAll().where('id', '=', p.groupId).executeTakeFirstOrThrow(),
      db.selectFrom('programmes').selectAll().where('id', '=', p.programmeId).executeTakeFirstOrThrow(),
      db.selectFrom('institutions').selectAll().where('id', '=', p.institutionId).executeTakeFirstOrThrow(),
      findInstitutionInfo(db, p.institutionId),
      findProgrammeInfo(db, p.institutionId, p.programmeId),
      db.selectFrom('participants').selectAll().where('id', '=', registration.participant_id).executeTakeFirstOrThrow(),
    ]);
    const value = programmeInfo ? programmeInfoValue(programmeInfo) : undefined;
    const problems = programmeInfoProblems(value);
    if (!info || problems.length > 0 || !value) {
      return {
        problem: `Sutarties pasirašyti negalima: ${[...(info ? [] : ['neužpildyta kortelė „Institucijos informacija“.']), ...problems].join(' ')}`,
      } as const;
    }
    const venue = await db.selectFrom('venues').select(['name', 'address']).where('id', '=', group.venue_id).executeTakeFirst();
    const employer = registration.employer_id
      ? await db.selectFrom('employers').selectAll().where('id', '=', registration.employer_id).executeTakeFirst()
      : undefined;
    const data: ContractDocumentData = {
      template: 1,
      number,
      datedOn,
      numberSource: programme.kind === NON_FORMAL_PROGRAMME_KIND ? 'NUMERACIJA' : 'MOKINIU_REGISTRAS',
      generatedAt: new Date().toISOString(),
      institution: {
        name: institution.name,
        code: institution.code,
        address: null,
        email: info.contact_email,
        phone: info.contact_phone,
        contactPerson: { firstName: info.contact_first_name, lastName: info.contact_last_name, position: info.contact_position },
        iban: info.iban,
        bankName: info.bank_name,
      },
      participant: {
        firstName: participant.first_name,
        lastName: participant.last_name,
        personalCode: null,
        birthDate: participant.birth_date ?? null,
        email: participant.email,
        phone: participant.phone,
      },
      programme: {
        code: programme.code,
        name: programme.name,
        kindLabel:
          programme.kind === NON_FORMAL_PROGRAMME_KIND
            ? 'Neformaliojo suaugusiųjų švietimo ir tęstinio mokymosi programa'
            : licensedKindLabel(programme.kind, null),
        contactHours: Number(programme.contact_hours),
        totalHours: null,
      },
      group: {
        name: group.name,
        programmeStart: group.programme_start,
        programmeEnd: group.programme_end,
        language: group.language,
        venue: { name: venue?.name ?? '', address: venue?.address || null },
      },
      price: group.price,
      funding: [{ source: registration.funding, amount: group.price }],
      programmeInfo: value,
      employer: employer
        ? {
            name: employer.name,
            code: employer.code,
            representativeFirstName: employer.representative_first_name ?? '',
            representativeLastName: employer.representative_last_name ?? '',
            practiceAddress: employer.practice_address ?? '',
            email: employer.email,
            phone: employer.phone,
          }
        : null,
      providerSigner: null,
    };
    if (participant.birth_date === null) return { problem: CONTRACT_MESSAGES.noBirthDate } as const;
    // Anything else the template cannot take is a fault of the data, not of the participant: logged, and the contract waits.
    const faults = contractDocumentProblems({ ...data, number: data.numberSource === 'NUMERACIJA' ? '0' : null });
    if (faults.length > 0) {
      console.error(`learning contract ${p.contractId}: ${faults.join('; ')}`);
      return { problem: CONTRACT_MESSAGES.dataFault } as const;
    }
    return { data, employerId: registration.employer_id ?? null, participantId: registration.participant_id } as const;
  }

  async function storeDocument(institutionId: string, bytes: Uint8Array, name: string): Promise<{ id: string; sha256: string }> {
    const file = await storeFile(db, {
      institutionId,
      purpose: FilePurpose.LearningContract,
      bytes,
      contentType: 'application/pdf',
      originalName: name,
      downloadName: name,
      uploader: { userId: null, personalCodeHash: null, requestId: null },
    });
    return { id: file.id, sha256: file.sha256 };
  }

  return {
    /**
     * K1: numbers the contract from the stage valid today (NUM-7) in the transaction that writes it,
     * generates its document and stores it. Unmet prerequisites (CON-21) or, for SMPKR programmes, the
     * number awaited from "Mokinių registras" (NUM-11) leave it waiting with the reason. Idempotent.
     */
    async prepareLearningContract(p: PrepareContractInput): Promise<PrepareContractResult> {
      const existing = await db.selectFrom('learning_contracts').selectAll().where('id', '=', p.contractId).executeTakeFirst();
      if (existing?.number && existing.document_file_id && existing.document_sha256) {
        return {
          kind: 'ready',
          number: existing.number,
          documentFileId: existing.document_file_id,
          documentSha256: existing.document_sha256,
        };
      }
      const programme = await db.selectFrom('programmes').select('kind').where('id', '=', p.programmeId).executeTakeFirstOrThrow();
      const today = vilniusDate(new Date());
      const snapshot = await snapshotOf(p, null, today);
      const waiting = async (phase: PrepareContractResult & { kind: 'waiting' }) => {
        await insertWaitingContract(db, {
          ...p,
          phase: phase.phase,
          reason: phase.reason,
          employerId: 'data' in snapshot ? (snapshot.employerId ?? null) : null,
          participantId: 'data' in snapshot ? (snapshot.participantId ?? null) : null,
        });
        return phase;
      };
      if ('problem' in snapshot) return waiting({ kind: 'waiting', phase: ContractPhase.Blocked, reason: snapshot.problem! });
      if (programme.kind !== NON_FORMAL_PROGRAMME_KIND) {
        // NUM-9..NUM-11: the register numbers SMPKR contracts; it is asked with the participant's personal
        // code, which the system does not keep, so the contract waits (see the README).
        return waiting({ kind: 'waiting', phase: ContractPhase.Preparing, reason: CONTRACT_MESSAGES.smpkrPending });
      }
      const numbered = await insertNumberedContract(db, {
        ...p,
        datedOn: today,
        employerId: snapshot.employerId,
        participantId: snapshot.participantId,
        snapshot: snapshot.data as unknown as Record<string, unknown>,
      });
      if (numbered.kind === 'noStage')
        return waiting({ kind: 'waiting', phase: ContractPhase.Blocked, reason: CONTRACT_MESSAGES.noNumbering });
      const row =
        numbered.kind === 'exists'
          ? numbered.row
          : await db.selectFrom('learning_contracts').selectAll().where('id', '=', p.contractId).executeTakeFirstOrThrow();
      // The document from the stored snapshot with its number (a retry renders the same bytes).
      const data = { ...(row.snapshot as unknown as ContractDocumentData), number: row.number, datedOn: row.dated_on };
      const bytes = await renderContractPdf(data);
      const file = await storeDocument(p.institutionId, bytes, `${contractDocumentTitle(data)}.pdf`.replace(/[\\/:*?"<>|]/g, '-'));
      await db
        .updateTable('learning_contracts')
        .set({
          document_file_id: file.id,
          document_sha256: file.sha256,
          snapshot: data as unknown as Record<string, unknown>,
          updated_at: new Date(),
        })
        .where('id', '=', p.contractId)
        .where('document_file_id', 'is', null)
        .execute();
      const stored = await db
        .selectFrom('learning_contracts')
        .select(['number', 'document_file_id', 'document_sha256'])
        .where('id', '=', p.contractId)
        .executeTakeFirstOrThrow();
      return { kind: 'ready', number: stored.number!, documentFileId: stored.document_file_id!, documentSha256: stored.document_sha256! };
    },

    /** Opens a gateway session for the contract's current document; the signer confirms there (fresh VIISP login). */
    async openContractSigningSession(p: OpenSigningInput): Promise<{ sessionId: string; signUrl: string }> {
      const file = await readStoredFile(db, p.institutionId, p.documentFileId);
      if (!file) throw new Error(`contract document ${p.documentFileId} not found`);
      const created = await gateway.createSession({
        documents: [
          { pdf: file.content, title: file.original_name.replace(/\.pdf$/, ''), fileName: file.download_name, reference: p.contractId },
        ],
        signer: { name: p.signerName },
        ...(p.reason ? { reason: p.reason } : {}),
        returnUrl: p.returnUrl,
        reference: p.contractId,
        idempotencyKey: p.idempotencyKey,
      });
      return { sessionId: created.sessionId, signUrl: created.signUrl };
    },

    /**
     * K2, K3: takes the signed file from the gateway and records it only if it is the current document
     * with one more signature, by the expected person, from a trusted CA (activities/signing/verify.ts).
     */
    async recordContractSignature(p: RecordSignatureInput): Promise<RecordSignatureResult> {
      const session = await gateway.fetchSession(p.sessionId);
      const signed = session.documents[0]?.signedPdf;
      if (session.status !== 'signed' || !signed) return { ok: false, reason: session.reason ?? CONTRACT_MESSAGES.notSigned, final: false };
      const original = await readStoredFile(db, p.institutionId, p.documentFileId);
      if (!original) throw new Error(`contract document ${p.documentFileId} not found`);
      const current = await db
        .selectFrom('learning_contracts')
        .select('document_file_id')
        .where('id', '=', p.contractId)
        .executeTakeFirstOrThrow();
      const verdict = verifySignedPdf({
        original: original.content,
        signed,
        expectedSigner: { personalCodeHash: p.signerPersonalCodeHash, hash: (code: string) => hashPersonalCode(pepper, code) },
        trustedCaPem: await trustedCaPem(config.signing),
      });
      if (!verdict.ok) return { ok: false, reason: verdict.reason, final: true };
      const hash = sha256(signed);
      // Recorded once: a retry finds the same file current.
      const already = await db
        .selectFrom('stored_files')
        .select('id')
        .where('institution_id', '=', p.institutionId)
        .where('sha256', '=', hash)
        .executeTakeFirst();
      if (!already && current.document_file_id !== p.documentFileId)
        return { ok: false, reason: CONTRACT_MESSAGES.documentChanged, final: true };
      const file = already ? { id: already.id, sha256: hash } : await storeDocument(p.institutionId, signed, original.download_name);
      await db
        .updateTable('learning_contracts')
        .set({ document_file_id: file.id, document_sha256: file.sha256, updated_at: new Date() })
        .where('id', '=', p.contractId)
        .where('document_file_id', '=', p.documentFileId)
        .execute();
      return {
        ok: true,
        documentFileId: file.id,
        documentSha256: file.sha256,
        signerName: verdict.signerName,
        signedAt: verdict.signingTime,
        reason: verdict.reason ?? null,
      };
    },

    /** Writes the contract's state (versioned: a retried or replayed write changes nothing). */
    async projectLearningContract(p: ContractProjection): Promise<boolean> {
      return applyContractProjection(db, p);
    },
  };
}

export type LearningContractActivities = ReturnType<typeof createLearningContractActivities>;
