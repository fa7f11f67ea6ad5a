// Tab "Mokymo dalyviai" of a training group (§3.7.3, PART-1..PART-14, UZT-1..UZT-21, DOC-19..DOC-22):
// the group's registrations with the participant's account, registry data, documents and UŽT
// coupon. Every query is scoped to the acting institution: another institution's group, registration
// or document is simply not found.
import type { DbOrTx } from '../client.ts';
import type { DocumentKind } from '../../workflows/domain/eligibility.ts';
import { ACTIVE_REGISTRATION_STATUSES, isActiveRegistration } from '../../workflows/domain/registration.ts';
import type { Participant, ParticipantDocument, UztCoupon } from '../tables/participants.ts';
import type { GroupRegistrationRow } from '../tables/registrations.ts';

export type ParticipantDocumentInfo = Pick<
  ParticipantDocument,
  'id' | 'kind' | 'original_name' | 'content_type' | 'size' | 'uploaded_at' | 'review_due_at' | 'status' | 'decided_at'
>;

/** One education document as "Diplomų, atestatų ir kvalifikacijos pažymėjimų registras" holds it (PART-3). */
export interface RegistryDocument {
  type: string;
  level: string;
  qualification: string;
  programme: string;
  issuer: string;
  issuedOn: string;
}

export interface GroupParticipant {
  registration: GroupRegistrationRow;
  participant: Pick<Participant, 'id' | 'email' | 'phone' | 'citizen' | 'sodra_employed' | 'registry_checked_at'> | null;
  /** null: the register could not be asked; []: it holds nothing about the person. */
  registryDocuments: RegistryDocument[] | null;
  documents: ParticipantDocumentInfo[];
  coupon: UztCoupon | null;
  /** Who decided (PART-9): the institution user's name. */
  decidedByName: string | null;
}

function registryDocuments(value: Record<string, unknown> | null): RegistryDocument[] | null {
  const docs = value?.documents;
  if (!Array.isArray(docs)) return null;
  return docs
    .filter((d): d is Record<string, unknown> => typeof d === 'object' && d !== null)
    .map((d) => ({
      type: String(d.type ?? ''),
      level: String(d.level ?? ''),
      qualification: String(d.qualification ?? ''),
      programme: String(d.programme ?? ''),
      issuer: String(d.issuer ?? ''),
      issuedOn: String(d.issuedOn ?? ''),
    }));
}

/** The group's registrations, oldest first, each with what the tab shows about its participant. */
export async function listGroupParticipants(db: DbOrTx, institutionId: string, groupId: string): Promise<GroupParticipant[]> {
  const registrations = await db
    .selectFrom('group_registrations as r')
    .leftJoin('institution_users as u', 'u.id', 'r.decided_by')
    .selectAll('r')
    .select(['u.first_name as decided_first', 'u.last_name as decided_last'])
    .where('r.institution_id', '=', institutionId)
    .where('r.group_id', '=', groupId)
    .orderBy('r.registered_at')
    .orderBy('r.id')
    .execute();
  const participantIds = [...new Set(registrations.map((r) => r.participant_id).filter((id): id is string => id !== null))];
  const registrationIds = registrations.map((r) => r.id);
  const [participants, documents, coupons] = await Promise.all([
    participantIds.length === 0
      ? []
      : db
          .selectFrom('participants')
          .select(['id', 'email', 'phone', 'citizen', 'sodra_employed', 'registry_checked_at', 'registry_education'])
          .where('id', 'in', participantIds)
          .execute(),
    participantIds.length === 0
      ? []
      : db
          .selectFrom('participant_documents')
          .select([
            'id',
            'participant_id',
            'kind',
            'original_name',
            'content_type',
            'size',
            'uploaded_at',
            'review_due_at',
            'status',
            'decided_at',
          ])
          .where('participant_id', 'in', participantIds)
          .orderBy('uploaded_at')
          .execute(),
    registrationIds.length === 0
      ? []
      : db
          .selectFrom('uzt_coupons')
          .selectAll()
          .where('registration_id', 'in', registrationIds)
          .where('institution_id', '=', institutionId)
          .execute(),
  ]);
  const byId = new Map(participants.map((p) => [p.id, p]));
  return registrations.map(({ decided_first, decided_last, ...r }) => {
    const p = r.participant_id ? byId.get(r.participant_id) : undefined;
    return {
      registration: r,
      participant: p
        ? {
            id: p.id,
            email: p.email,
            phone: p.phone,
            citizen: p.citizen,
            sodra_employed: p.sodra_employed,
            registry_checked_at: p.registry_checked_at,
          }
        : null,
      registryDocuments: p ? registryDocuments(p.registry_education) : null,
      // DOC-22: a history row (removed, rejected, withdrawn…) shows no documents; they are not the provider's any more.
      documents:
        p && isActiveRegistration(r.status)
          ? documents.filter((d) => d.participant_id === p.id).map(({ participant_id: _p, ...d }) => d)
          : [],
      coupon: coupons.find((c) => c.registration_id === r.id) ?? null,
      decidedByName: decided_first ? `${decided_first} ${decided_last ?? ''}`.trim() : null,
    };
  });
}

/** One registration of the group (the institution's own only). */
export async function findGroupRegistration(
  db: DbOrTx,
  institutionId: string,
  groupId: string,
  registrationId: string,
): Promise<GroupRegistrationRow | undefined> {
  return db
    .selectFrom('group_registrations')
    .selectAll()
    .where('id', '=', registrationId)
    .where('group_id', '=', groupId)
    .where('institution_id', '=', institutionId)
    .executeTakeFirst();
}

/** DOC-22: a document of a participant registered in this group of the institution, with its content. */
export async function findGroupParticipantDocument(
  db: DbOrTx,
  institutionId: string,
  groupId: string,
  documentId: string,
): Promise<(Pick<ParticipantDocument, 'id' | 'original_name' | 'content_type' | 'size' | 'content'> & { kind: DocumentKind }) | undefined> {
  return db
    .selectFrom('participant_documents as d')
    .select(['d.id', 'd.kind', 'd.original_name', 'd.content_type', 'd.size', 'd.content'])
    .where('d.id', '=', documentId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('group_registrations as r')
          .select('r.id')
          .whereRef('r.participant_id', '=', 'd.participant_id')
          .where('r.group_id', '=', groupId)
          .where('r.institution_id', '=', institutionId)
          // DOC-22: only while the registration counts; a removed, rejected or withdrawn one gives no access.
          .where('r.status', 'in', ACTIVE_REGISTRATION_STATUSES),
      ),
    )
    .executeTakeFirst();
}
