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
  ContractNotice,
  findContractRegistration,
  insertNumberedContract,
  insertRegisteredContract,
  insertWaitingContract,
  type ContractNoticeComposer,
  type ContractProjection,
  type ContractProjectionResult,
} from '../db/queries/learning-contracts.ts';
import type { LearningContractRow } from '../db/tables/learning-contracts.ts';
import { findProgrammeInfo, programmeInfoValue } from '../db/queries/programme-info.ts';
import { vilniusDate } from '../workflows/domain/calendar.ts';
import {
  contractDocumentProblems,
  contractDocumentTitle,
  contractFunding,
  MOKINIU_REGISTRAS_REMINDER,
  type ContractDocumentData,
} from '../workflows/domain/contract-document.ts';
import { formatDate } from '../workflows/domain/date-format.ts';
import { contractTerminatedEmail, contractTerminationRequestedEmail, questionnaireOpenedEmail } from '../workflows/domain/emails.ts';
import { NON_FORMAL_PROGRAMME_KIND } from '../workflows/domain/institution-readiness.ts';
import { questionnairePath, type AssessmentFormat, type CompletionSchedule } from '../workflows/domain/completion.ts';
import { ContractPhase, type ContractParty, type TerminationGround } from '../workflows/domain/learning-contract.ts';
import { licensedKindLabel } from '../workflows/domain/licensed-programme.ts';
import { programmeInfoProblems } from '../workflows/domain/programme-info.ts';
import { isRegistryError } from '../workflows/domain/registries.ts';
import type { Config } from '../worker/config.ts';
import { hashPersonalCode, unsealPersonalCode } from '../worker/crypto.ts';
import { renderContractPdf } from './pdf/contract-pdf.ts';
import { createStudentsClient, type StudentsClient } from './registries/students.ts';
import { createSigningGatewayClient, SigningGatewayError, trustedCaPem, type SigningGatewayClient } from './signing/client.ts';
import { verifySignedPdf } from './signing/verify.ts';

/** The coupon's "valstybės kompensuojama suma" (Section I), when the registration has a coupon that says it. */
function uztMaxAmount(section1: Record<string, unknown> | null): string | null {
  const amount = section1?.maxAmount;
  return typeof amount === 'string' && /^\d{1,12}(\.\d{1,2})?$/.test(amount) ? amount : null;
}

export interface PrepareContractInput {
  contractId: string;
  groupId: string;
  institutionId: string;
  programmeId: string;
  signingDeadline: string;
  version: number;
}

export type PrepareContractResult =
  | {
      kind: 'ready';
      number: string;
      documentFileId: string;
      documentSha256: string;
      /** The employer of a trilateral apprenticeship contract, who signs too (CON-22); null for two parties. */
      employerId: string | null;
    }
  | {
      kind: 'waiting';
      phase: typeof ContractPhase.Preparing | typeof ContractPhase.Blocked;
      reason: string;
      /** Try again after this long rather than the workflow's own wait (the SMPKR number is asked for more often, OQ-13). */
      retryAfterMs?: number;
    };

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
  /**
   * The document's place in a bulk signing session (CON-5): only that signed PDF is fetched. Absent:
   * the session's one document.
   */
  documentIndex?: number;
}

export type RecordSignatureResult =
  | { ok: true; documentFileId: string; documentSha256: string; signerName: string; signedAt: string; reason: string | null }
  | { ok: false; reason: string; final: boolean };

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export const CONTRACT_MESSAGES = {
  noNumbering:
    'Sutarties pasirašyti negalima: nėra mokymo sutarčių numeracijos etapo, galiojančio šiandien (kortelė „Mokymo sutarties numeracija“).',
  // NUM-11, NUM-10: an SMPKR programme's contract waits for "Mokinių registras", with the provider's reminder.
  smpkrPending: `Laukiama sutarties numerio ir registracijos datos iš Mokinių registro. ${MOKINIU_REGISTRAS_REMINDER}`,
  smpkrNoPersonalCode: `Laukiama sutarties numerio ir registracijos datos iš Mokinių registro: registras bus paklaustas, kai mokymo dalyvis prisijungs prie KURSUOK per VIISP. ${MOKINIU_REGISTRAS_REMINDER}`,
  smpkrUnavailable: `Mokinių registras šiuo metu nepasiekiamas: sutarties numerio ir registracijos datos bus paklausta vėl. ${MOKINIU_REGISTRAS_REMINDER}`,
  noParticipant: 'Sutarties parengti negalima: registracija neturi dalyvio paskyros.',
  noBirthDate: 'Sutartis bus parengta, kai dalyvis prisijungs prie KURSUOK per VIISP (reikia jo gimimo datos).',
  dataFault: 'Sutarties parengti nepavyko dėl duomenų klaidos: kreipkitės į IMP IS administratorių.',
  notSigned: 'Dokumentas nepasirašytas: pasirašymas atšauktas arba nebaigtas.',
  documentChanged: 'Kol pasirašėte, sutartį pasirašė kita šalis: pasirašykite iš naujo.',
} as const;

export function createLearningContractActivities(deps: {
  db: Db;
  config: Config;
  gateway?: SigningGatewayClient;
  /** Mokinių registras (NUM-9); when not given, built from the configuration. */
  students?: StudentsClient;
}) {
  const { db, config } = deps;
  const gateway = deps.gateway ?? createSigningGatewayClient(config.signing);
  const students = deps.students ?? createStudentsClient(config.registries.students, { timeoutMs: config.registryTimeoutMs });
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
      funding: contractFunding(registration.funding, group.price, uztMaxAmount(registration.section1)),
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

  /** The contract e-mails of §5, each linking to where its recipient acts. */
  const composeNotice: ContractNoticeComposer = (notice, f, to) => {
    const common = { firstName: to.firstName, contractNumber: f.number, programmeName: f.programmeName, groupName: f.groupName };
    if (notice === ContractNotice.Terminated)
      return contractTerminatedEmail({
        ...common,
        institutionName: f.institutionName,
        terminatedOn: formatDate(f.terminatedAt ?? new Date()),
        ground: f.ground as TerminationGround,
        reason: f.reason,
        link: `${config.web.publicUrl}/kursuok/sutartys/${f.contractId}`,
      });
    if (notice === ContractNotice.QuestionnaireOpened)
      return questionnaireOpenedEmail({
        ...common,
        institutionName: f.institutionName,
        link: `${config.web.publicUrl}${questionnairePath(f.contractId)}`,
      });
    return contractTerminationRequestedEmail({
      ...common,
      participantName: `${f.participant.firstName} ${f.participant.lastName}`,
      institutionName: f.institutionName,
      reason: f.requestReason,
      link: `${config.web.publicUrl}/sutartys/grupes/${f.groupId}`,
    });
  };

  /** The signed PDF of a one-document session, or why there is none. */
  async function onlySignedDocument(sessionId: string): Promise<Uint8Array | { reason: string }> {
    const session = await gateway.fetchSession(sessionId);
    const signed = session.documents[0]?.signedPdf;
    if (session.status !== 'signed' || !signed) return { reason: session.reason ?? CONTRACT_MESSAGES.notSigned };
    return signed;
  }

  /**
   * One signed PDF of a bulk signing session (CON-5), fetched alone: each of a session's hundreds of
   * contracts reads only its own document. The gateway answers 409 until the session is signed.
   */
  async function signedDocumentAt(sessionId: string, index: number): Promise<Uint8Array | { reason: string }> {
    try {
      return await gateway.fetchSignedDocument(sessionId, index);
    } catch (err) {
      if (err instanceof SigningGatewayError && (err.status === 409 || err.kind === 'not_found'))
        return { reason: CONTRACT_MESSAGES.notSigned };
      throw err;
    }
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

  /**
   * The numbered contract's document, rendered from its stored snapshot with its number and date (a retry
   * renders the same bytes) and stored once; both numberings end here (NUM-7, NUM-9).
   */
  async function storedDocument(
    contractId: string,
    institutionId: string,
    numberedRow?: LearningContractRow,
  ): Promise<PrepareContractResult & { kind: 'ready' }> {
    const row =
      numberedRow ?? (await db.selectFrom('learning_contracts').selectAll().where('id', '=', contractId).executeTakeFirstOrThrow());
    const data = { ...(row.snapshot as unknown as ContractDocumentData), number: row.number, datedOn: row.dated_on };
    const bytes = await renderContractPdf(data);
    const file = await storeDocument(institutionId, bytes, `${contractDocumentTitle(data)}.pdf`.replace(/[\\/:*?"<>|]/g, '-'));
    await db
      .updateTable('learning_contracts')
      .set({
        document_file_id: file.id,
        document_sha256: file.sha256,
        snapshot: data as unknown as Record<string, unknown>,
        updated_at: new Date(),
      })
      .where('id', '=', contractId)
      .where('document_file_id', 'is', null)
      .execute();
    const stored = await db
      .selectFrom('learning_contracts')
      .select(['number', 'document_file_id', 'document_sha256', 'employer_id'])
      .where('id', '=', contractId)
      .executeTakeFirstOrThrow();
    return {
      kind: 'ready',
      number: stored.number!,
      documentFileId: stored.document_file_id!,
      documentSha256: stored.document_sha256!,
      employerId: stored.employer_id,
    };
  }

  /**
   * NUM-9, OQ-13: the number and registration date "Mokinių registras" gave the participant's contract
   * at this institution for this SMPKR programme, or why the contract keeps waiting. The register is
   * asked by personal code: the participant's, kept sealed since her last VIISP login, opened here only
   * for the request's body (never logged, returned or put into the workflow).
   */
  async function registeredContract(
    p: PrepareContractInput,
    participantId: string,
  ): Promise<{ number: string; datedOn: string } | { reason: string }> {
    const [institution, programme, participant] = await Promise.all([
      db.selectFrom('institutions').select('code').where('id', '=', p.institutionId).executeTakeFirstOrThrow(),
      db.selectFrom('programmes').select(['code', 'smpkr_code']).where('id', '=', p.programmeId).executeTakeFirstOrThrow(),
      db
        .selectFrom('participants')
        .select(['person_key', 'personal_code_sealed'])
        .where('id', '=', participantId)
        .executeTakeFirstOrThrow(),
    ]);
    const personalCode = unsealPersonalCode(pepper, participant.personal_code_sealed, participantId);
    // A seal that does not open (none yet, or the secret was replaced) or is not this person's waits for her next login.
    if (!personalCode || hashPersonalCode(pepper, personalCode) !== participant.person_key)
      return { reason: CONTRACT_MESSAGES.smpkrNoPersonalCode };
    try {
      const contract = await students.findContract({
        personalCode,
        institutionCode: institution.code,
        // A module's contract is registered under the SMPKR programme it belongs to.
        programmeCode: programme.smpkr_code ?? programme.code,
      });
      return contract?.status === 'ACTIVE'
        ? { number: contract.contractNumber, datedOn: contract.registeredOn }
        : { reason: CONTRACT_MESSAGES.smpkrPending };
    } catch (err) {
      // An outage (or a refused or garbled answer) only delays the number: the contract asks again later.
      if (!isRegistryError(err)) throw err;
      // The message names the registry, the kind and the URL; the personal code travels only in the request's body.
      console.warn(`learning contract ${p.contractId}: Mokinių registras: ${err.kind}: ${err.message}`);
      return { reason: CONTRACT_MESSAGES.smpkrUnavailable };
    }
  }

  return {
    /**
     * K1: numbers the contract from the stage valid today (NUM-7) in the transaction that writes it, or
     * for an SMPKR programme with the number and date "Mokinių registras" gave it (NUM-9), generates its
     * document and stores it. Unmet prerequisites (CON-21) or the register's number still awaited
     * (NUM-11) leave it waiting with the reason. Idempotent.
     */
    async prepareLearningContract(p: PrepareContractInput): Promise<PrepareContractResult> {
      const existing = await db.selectFrom('learning_contracts').selectAll().where('id', '=', p.contractId).executeTakeFirst();
      if (existing?.number && existing.document_file_id && existing.document_sha256) {
        return {
          kind: 'ready',
          number: existing.number,
          documentFileId: existing.document_file_id,
          documentSha256: existing.document_sha256,
          employerId: existing.employer_id,
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
        // NUM-9..NUM-11, OQ-13: "Mokinių registras" numbers and dates SMPKR contracts (no numbering stage);
        // until it has the contract, this one waits and asks again sooner than the workflow's own wait.
        if (!existing?.number) {
          const registered = await registeredContract(p, snapshot.participantId);
          if ('reason' in registered)
            return waiting({
              kind: 'waiting',
              phase: ContractPhase.Preparing,
              reason: registered.reason,
              retryAfterMs: config.contractNumberRetryMs,
            });
          await insertRegisteredContract(db, {
            ...p,
            number: registered.number,
            datedOn: registered.datedOn,
            employerId: snapshot.employerId,
            participantId: snapshot.participantId,
            snapshot: { ...snapshot.data, ...registered } as unknown as Record<string, unknown>,
          });
        }
        return storedDocument(p.contractId, p.institutionId);
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
      return storedDocument(p.contractId, p.institutionId, numbered.kind === 'exists' ? numbered.row : undefined);
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
      const signed =
        p.documentIndex === undefined ? await onlySignedDocument(p.sessionId) : await signedDocumentAt(p.sessionId, p.documentIndex);
      if ('reason' in signed) return { ok: false, reason: signed.reason, final: false };
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

    /**
     * The group's first and last session days as the timetable has them now (DONE-13, DONE-14: the
     * marks' windows), null while it has none; with the completion's settings (OQ-35, OQ-39).
     */
    async completionSchedule(p: {
      groupId: string;
    }): Promise<CompletionSchedule & { assessmentFormat: AssessmentFormat; questionnaireOpenDays: number }> {
      const days = await db
        .selectFrom('group_sessions')
        .select((eb) => [eb.fn.min('session_date').as('first'), eb.fn.max('session_date').as('last')])
        .where('group_id', '=', p.groupId)
        .executeTakeFirst();
      return {
        firstSessionDate: days?.first ?? null,
        lastSessionDate: days?.last ?? null,
        graceDays: config.completion.startMarkGraceDays,
        assessmentFormat: config.completion.assessmentFormat,
        questionnaireOpenDays: config.completion.questionnaireOpenDays,
      };
    },

    /**
     * Writes the contract's state (versioned: a retried or replayed write changes nothing) with the e-mails
     * it causes, queued in its transaction (N12, N13); returns their outbox ids for the workflow to deliver.
     */
    async projectLearningContract(p: ContractProjection): Promise<ContractProjectionResult> {
      return applyContractProjection(db, p, composeNotice);
    },
  };
}

export type LearningContractActivities = ReturnType<typeof createLearningContractActivities>;
