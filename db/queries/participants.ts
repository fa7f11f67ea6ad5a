// A participant's KURSUOK account (PORTAL-2): created at the first VIISP login with the registry
// data of that moment (PART-3, PART-6), their contacts, their registrations (PORTAL-5) and their
// documents (PORTAL-4, L3). Every query that takes an ID from a URL is scoped to the participant:
// another participant's registration or document is simply not found.
import type { Updateable } from 'kysely';
import type { EducationDocument } from '../../workflows/domain/education.ts';
import type { Db, DbOrTx } from '../client.ts';
import type { DocumentKind } from '../../workflows/domain/eligibility.ts';
import type { Participant, ParticipantDocument, ParticipantsTable } from '../tables/participants.ts';
import type { GroupRegistrationRow } from '../tables/registrations.ts';
import { writeAudit, type FieldChanges } from './audit.ts';

/**
 * What "Diplomų, atestatų ir kvalifikacijos pažymėjimų registras" answered, as stored in
 * participants.registry_education: the documents only (never the personal code). An empty list is
 * "the register has no data" (DOC-4); the column is null when the register could not be asked.
 */
export interface RegistryEducation {
  documents: EducationDocument[];
}

const PARTICIPANT_ENTITY = 'participant';
const DOCUMENT_ENTITY = 'participant_document';

export function registryEducationOf(p: Pick<Participant, 'registry_education'>): RegistryEducation | null {
  const value = p.registry_education as Partial<RegistryEducation> | null;
  return value && Array.isArray(value.documents) ? { documents: value.documents } : null;
}

export async function findParticipantByKey(db: DbOrTx, personKey: string): Promise<Participant | undefined> {
  return db.selectFrom('participants').selectAll().where('person_key', '=', personKey).executeTakeFirst();
}

export async function findParticipant(db: DbOrTx, id: string): Promise<Participant | undefined> {
  return db.selectFrom('participants').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface RegistryFacts {
  education: RegistryEducation | null;
  sodraEmployed: boolean | null;
  /** Set only when every registry answered; otherwise the next login asks again. */
  checkedAt: Date | null;
}

/** The first login: the account with the registry data (a concurrent first login finds the row made). */
export async function createParticipant(
  db: Db,
  p: {
    personKey: string;
    firstName: string;
    lastName: string;
    citizen: boolean;
    /** 'YYYY-MM-DD' from the personal code (personalCodeBirthDate). */
    birthDate: string | null;
    registry: RegistryFacts;
    requestId: string;
  },
): Promise<Participant> {
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('participants')
      .values({
        person_key: p.personKey,
        first_name: p.firstName,
        last_name: p.lastName,
        citizen: p.citizen,
        birth_date: p.birthDate,
        registry_education: p.registry.education ? { ...p.registry.education } : null,
        sodra_employed: p.registry.sodraEmployed,
        registry_checked_at: p.registry.checkedAt,
      })
      .onConflict((oc) => oc.column('person_key').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!inserted) return trx.selectFrom('participants').selectAll().where('person_key', '=', p.personKey).executeTakeFirstOrThrow();
    await writeAudit(trx, {
      actor: { kind: 'person', personalCodeHash: p.personKey },
      institutionId: null,
      entityType: PARTICIPANT_ENTITY,
      entityId: inserted.id,
      action: 'create',
      changes: {
        citizen: { before: null, after: p.citizen },
        birth_date: { before: null, after: p.birthDate },
        sodra_employed: { before: null, after: p.registry.sodraEmployed },
        registry_checked_at: { before: null, after: p.registry.checkedAt?.toISOString() ?? null },
      },
      requestId: p.requestId,
    });
    return inserted;
  });
}

/** A change the participant makes to her own account (at login or in "Mano duomenys"), with its audit row. */
async function updateOwnAccount(
  db: Db,
  participant: Participant,
  set: Updateable<ParticipantsTable>,
  changes: FieldChanges,
  requestId: string,
): Promise<Participant> {
  return db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('participants')
      .set({ ...set, updated_at: new Date() })
      .where('id', '=', participant.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(trx, {
      actor: { kind: 'person', personalCodeHash: participant.person_key },
      institutionId: null,
      entityType: PARTICIPANT_ENTITY,
      entityId: participant.id,
      action: 'update',
      changes,
      requestId,
    });
    return updated;
  });
}

/**
 * Every login: the birth date the personal code gives (the contract prints it; the code itself is kept
 * only sealed, recordSealedPersonalCode), written when the account has none or another one — accounts
 * made before participants.birth_date existed get it at their next login.
 */
export async function recordParticipantBirthDate(
  db: Db,
  participant: Participant,
  birthDate: string | null,
  requestId: string,
): Promise<Participant> {
  if (birthDate === null || participant.birth_date === birthDate) return participant;
  return updateOwnAccount(
    db,
    participant,
    { birth_date: birthDate },
    { birth_date: { before: participant.birth_date, after: birthDate } },
    requestId,
  );
}

/**
 * The personal code as the login sealed it (NUM-9: Mokinių registras is asked with it later, without the
 * person). Stored as given; the audit row says that it was stored, never the value.
 */
export async function recordSealedPersonalCode(db: Db, participant: Participant, sealed: string, requestId: string): Promise<Participant> {
  return updateOwnAccount(
    db,
    participant,
    { personal_code_sealed: sealed },
    { personal_code_sealed: { before: participant.personal_code_sealed ? 'užšifruotas' : null, after: 'užšifruotas' } },
    requestId,
  );
}

/** A later login of an account whose registry look-up failed before: what the registries answered now. */
export async function updateRegistryFacts(db: DbOrTx, participantId: string, f: RegistryFacts): Promise<Participant> {
  return db
    .updateTable('participants')
    .set({
      ...(f.education ? { registry_education: { ...f.education } } : {}),
      ...(f.sodraEmployed !== null ? { sodra_employed: f.sodraEmployed } : {}),
      registry_checked_at: f.checkedAt,
      updated_at: new Date(),
    })
    .where('id', '=', participantId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The participant's e-mail and phone (the profile form), with the audit row. */
export async function saveParticipantContacts(
  db: Db,
  participant: Participant,
  c: { email: string; phone: string | null; requestId: string },
): Promise<void> {
  await updateOwnAccount(
    db,
    participant,
    { email: c.email, phone: c.phone },
    { email: { before: participant.email, after: c.email }, phone: { before: participant.phone, after: c.phone } },
    c.requestId,
  );
}

export interface OwnRegistration {
  id: string;
  groupId: string;
  groupName: string;
  groupStatus: string;
  institutionId: string;
  institutionName: string;
  programmeName: string;
  programmeStart: string;
  programmeEnd: string;
  programmeStartsAt: Date | null;
  funding: GroupRegistrationRow['funding'];
  status: GroupRegistrationRow['status'];
  statusReason: string | null;
  registeredAt: Date;
}

function ownRegistrations(db: DbOrTx, participantId: string) {
  return db
    .selectFrom('group_registrations as r')
    .innerJoin('training_groups as g', 'g.id', 'r.group_id')
    .innerJoin('programmes as p', 'p.id', 'g.programme_id')
    .innerJoin('institutions as i', 'i.id', 'g.institution_id')
    .select([
      'r.id',
      'r.group_id',
      'g.name as group_name',
      'g.status as group_status',
      'g.institution_id',
      'i.name as institution_name',
      'p.name as programme_name',
      'g.programme_start',
      'g.programme_end',
      'g.programme_starts_at',
      'r.funding',
      'r.status',
      'r.status_reason',
      'r.registered_at',
    ])
    .where('r.participant_id', '=', participantId);
}

type OwnRegistrationRow = Awaited<ReturnType<ReturnType<typeof ownRegistrations>['execute']>>[number];

function toOwnRegistration(r: OwnRegistrationRow): OwnRegistration {
  return {
    id: r.id,
    groupId: r.group_id,
    groupName: r.group_name,
    groupStatus: r.group_status,
    institutionId: r.institution_id,
    institutionName: r.institution_name,
    programmeName: r.programme_name,
    programmeStart: r.programme_start,
    programmeEnd: r.programme_end,
    programmeStartsAt: r.programme_starts_at,
    funding: r.funding,
    status: r.status,
    statusReason: r.status_reason,
    registeredAt: r.registered_at,
  };
}

/** "Mano registracijos": the newest first. */
export async function listOwnRegistrations(db: DbOrTx, participantId: string): Promise<OwnRegistration[]> {
  const rows = await ownRegistrations(db, participantId).orderBy('r.registered_at', 'desc').orderBy('r.id').execute();
  return rows.map(toOwnRegistration);
}

/** One registration of this participant; undefined for anybody else's. */
export async function findOwnRegistration(db: DbOrTx, participantId: string, registrationId: string): Promise<OwnRegistration | undefined> {
  const row = await ownRegistrations(db, participantId).where('r.id', '=', registrationId).executeTakeFirst();
  return row ? toOwnRegistration(row) : undefined;
}

export type OwnDocument = Omit<ParticipantDocument, 'content' | 'review_started_at'>;

/** "Mano dokumentai", the newest first (without their bytes). */
export async function listOwnDocuments(db: DbOrTx, participantId: string): Promise<OwnDocument[]> {
  return db
    .selectFrom('participant_documents')
    .select([
      'id',
      'participant_id',
      'kind',
      'content_type',
      'original_name',
      'size',
      'sha256',
      'uploaded_at',
      'review_due_at',
      'status',
      'decided_at',
      'reviewer_id',
      'reviewer_note',
      'escalated_at',
    ])
    .where('participant_id', '=', participantId)
    .orderBy('uploaded_at', 'desc')
    .orderBy('id')
    .execute();
}

/** One document of this participant with its bytes (to download); undefined for anybody else's. */
export async function findOwnDocumentContent(
  db: DbOrTx,
  participantId: string,
  documentId: string,
): Promise<ParticipantDocument | undefined> {
  return db
    .selectFrom('participant_documents')
    .selectAll()
    .where('participant_id', '=', participantId)
    .where('id', '=', documentId)
    .executeTakeFirst();
}

interface NewDocument {
  /** The form's idempotency key: a second submit of the same form stores nothing more. */
  id: string;
  participant: Participant;
  kind: DocumentKind;
  contentType: ParticipantDocument['content_type'];
  originalName: string;
  bytes: Uint8Array;
  sha256: string;
  uploadedAt: Date;
  reviewDueAt: Date;
  requestId: string;
}

/** Stores an uploaded document (status LAUKIA) with its audit row; returns false when the same form was stored before. */
export async function insertDocument(db: Db, d: NewDocument): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('participant_documents')
      .values({
        id: d.id,
        participant_id: d.participant.id,
        kind: d.kind,
        content_type: d.contentType,
        original_name: d.originalName,
        size: d.bytes.byteLength,
        sha256: d.sha256,
        content: d.bytes,
        uploaded_at: d.uploadedAt,
        review_due_at: d.reviewDueAt,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return false;
    await writeAudit(trx, {
      actor: { kind: 'person', personalCodeHash: d.participant.person_key },
      institutionId: null,
      entityType: DOCUMENT_ENTITY,
      entityId: d.id,
      action: 'create',
      changes: {
        kind: { before: null, after: d.kind },
        sha256: { before: null, after: d.sha256 },
        size: { before: null, after: d.bytes.byteLength },
        review_due_at: { before: null, after: d.reviewDueAt.toISOString() },
      },
      requestId: d.requestId,
    });
    return true;
  });
}
