// Participant documents under review (L3): the reviewers' queue (DOC-14), one document for the
// reviewer, and the DocumentReview workflow's projections (deadline, escalation, decision).
import { sql } from 'kysely';
import type { DbOrTx } from '../client.ts';
import type { DocumentKind } from '../../workflows/domain/eligibility.ts';
import type { StaffMember } from '../tables/participants.ts';

const AWAITING = 'LAUKIA';

export interface QueueItem {
  id: string;
  kind: DocumentKind;
  participantName: string;
  uploadedAt: Date;
  reviewDueAt: Date;
  escalatedAt: Date | null;
}

/** Documents with their participant's name: what the queue and the document page both show. */
function documentsWithParticipant(db: DbOrTx) {
  return db
    .selectFrom('participant_documents as d')
    .innerJoin('participants as p', 'p.id', 'd.participant_id')
    .select([
      'd.id',
      'd.kind',
      sql<string>`p.first_name || ' ' || p.last_name`.as('participantName'),
      'd.uploaded_at as uploadedAt',
      'd.review_due_at as reviewDueAt',
      'd.escalated_at as escalatedAt',
    ]);
}

/** DOC-14: the documents awaiting review, the earliest deadline first, one page of them. */
export async function reviewQueue(db: DbOrTx, slice: { limit: number; offset: number }): Promise<{ rows: QueueItem[]; total: number }> {
  const [rows, count] = await Promise.all([
    documentsWithParticipant(db)
      .where('d.status', '=', AWAITING)
      .orderBy('d.review_due_at')
      .orderBy('d.uploaded_at')
      .orderBy('d.id')
      .limit(slice.limit)
      .offset(slice.offset)
      .execute(),
    db
      .selectFrom('participant_documents')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('status', '=', AWAITING)
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export interface DocumentForReview {
  id: string;
  participantId: string;
  participantName: string;
  kind: DocumentKind;
  contentType: string;
  originalName: string;
  size: number;
  uploadedAt: Date;
  reviewDueAt: Date;
  status: string;
  decidedAt: Date | null;
  reviewerName: string | null;
  reviewerNote: string | null;
  escalatedAt: Date | null;
}

/** One document without its content (the reviewer's page). */
export async function findDocumentForReview(db: DbOrTx, documentId: string): Promise<DocumentForReview | undefined> {
  return documentsWithParticipant(db)
    .leftJoin('staff_members as s', 's.id', 'd.reviewer_id')
    .select([
      'd.participant_id as participantId',
      'd.content_type as contentType',
      'd.original_name as originalName',
      'd.size',
      'd.status',
      'd.decided_at as decidedAt',
      sql<string | null>`s.first_name || ' ' || s.last_name`.as('reviewerName'),
      'd.reviewer_note as reviewerNote',
    ])
    .where('d.id', '=', documentId)
    .executeTakeFirst();
}

/** The file itself, for viewing. */
export async function findDocumentContent(db: DbOrTx, documentId: string) {
  return db
    .selectFrom('participant_documents')
    .select(['content', 'content_type', 'original_name', 'size'])
    .where('id', '=', documentId)
    .executeTakeFirst();
}

/** An active staff member of the role, or undefined. */
export async function findActiveStaffMember(
  db: DbOrTx,
  where: { id?: string; personKey?: string; role: StaffMember['role'] },
): Promise<StaffMember | undefined> {
  let q = db.selectFrom('staff_members').selectAll().where('role', '=', where.role).where('active', '=', true);
  if (where.id) q = q.where('id', '=', where.id);
  if (where.personKey) q = q.where('person_key', '=', where.personKey);
  if (!where.id && !where.personKey) return undefined;
  return q.executeTakeFirst();
}

export async function activeReviewers(db: DbOrTx): Promise<StaffMember[]> {
  return db
    .selectFrom('staff_members')
    .selectAll()
    .where('role', '=', 'VERTINTOJAS')
    .where('active', '=', true)
    .orderBy('last_name')
    .execute();
}

/** The document with what its e-mails need, locked for the change. */
export async function lockDocument(db: DbOrTx, documentId: string) {
  return db
    .selectFrom('participant_documents as d')
    .innerJoin('participants as p', 'p.id', 'd.participant_id')
    .select([
      'd.id',
      'd.kind',
      'd.status',
      'd.reviewer_id',
      'd.uploaded_at',
      'd.review_due_at',
      'd.escalated_at',
      'd.participant_id',
      'p.first_name',
      'p.last_name',
      'p.email',
    ])
    .where('d.id', '=', documentId)
    .forUpdate('d')
    .executeTakeFirst();
}

/** D1: the deadline the workflow keeps (the same as the portal wrote, unless an operator moved it). */
export async function setReviewDue(db: DbOrTx, documentId: string, dueAt: Date): Promise<boolean> {
  const r = await db
    .updateTable('participant_documents')
    .set({ review_due_at: dueAt })
    .where('id', '=', documentId)
    .where('status', '=', AWAITING)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** The deadline passed without a decision; false when already escalated or decided. */
export async function markEscalated(db: DbOrTx, documentId: string, at: Date): Promise<boolean> {
  const r = await db
    .updateTable('participant_documents')
    .set({ escalated_at: at })
    .where('id', '=', documentId)
    .where('status', '=', AWAITING)
    .where('escalated_at', 'is', null)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** D2..D5: the decision; false when the document was decided before. */
export async function recordDecision(
  db: DbOrTx,
  d: { documentId: string; status: string; reviewerId: string; note: string | null; decidedAt: Date },
): Promise<boolean> {
  const r = await db
    .updateTable('participant_documents')
    .set({ status: d.status, reviewer_id: d.reviewerId, reviewer_note: d.note, decided_at: d.decidedAt })
    .where('id', '=', d.documentId)
    .where('status', '=', AWAITING)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** The outbox ids an earlier (committed) attempt queued for the document, so a retry queues none. */
export async function queuedEmailIds(db: DbOrTx, documentId: string, kind: string): Promise<string[]> {
  const rows = await db
    .selectFrom('email_outbox')
    .select('id')
    .where('entity_type', '=', 'participant_document')
    .where('entity_id', '=', documentId)
    .where('kind', '=', kind)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => r.id);
}

/** A document whose review must be started: stored, but its DocumentReview not known to run. */
export interface DocumentAwaitingReviewStart {
  id: string;
  participantId: string;
  kind: DocumentKind;
  uploadedAt: string;
  participantName: string;
}

/** The review relay's sweep: documents uploaded before `olderThan` whose review is not known to run, oldest first. */
export async function documentsAwaitingReviewStart(
  db: DbOrTx,
  a: { olderThan: Date; limit: number; participantId?: string },
): Promise<DocumentAwaitingReviewStart[]> {
  let q = db.selectFrom('participant_documents as d');
  if (a.participantId) q = q.where('d.participant_id', '=', a.participantId);
  const rows = await q
    .innerJoin('participants as p', 'p.id', 'd.participant_id')
    .select(['d.id', 'd.participant_id', 'd.kind', 'd.uploaded_at', 'p.first_name', 'p.last_name'])
    .where('d.review_started_at', 'is', null)
    .where('d.uploaded_at', '<', a.olderThan)
    .orderBy('d.uploaded_at')
    .limit(a.limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    participantId: r.participant_id,
    kind: r.kind,
    uploadedAt: r.uploaded_at.toISOString(),
    participantName: `${r.first_name} ${r.last_name}`,
  }));
}

/** Records that the document's review runs (idempotent). */
export async function markReviewStarted(db: DbOrTx, documentId: string): Promise<void> {
  await db
    .updateTable('participant_documents')
    .set({ review_started_at: new Date() })
    .where('id', '=', documentId)
    .where('review_started_at', 'is', null)
    .execute();
}
