// "Lektorių sąrašas" (§3.3, LECT-*): the list, one lecturer with their documents, adding and
// editing. Plain master data: each change is written with its audit row in one transaction. Every
// query is scoped to one institution (GEN-5).
import { sql } from 'kysely';
import {
  REQUIREMENT_KEYS,
  documentField,
  isLecturerRequirement,
  type LecturerFormValue,
  type LecturerRequirement,
} from '../../workflows/domain/lecturer.ts';
import type { Db, DbOrTx } from '../client.ts';
import type { FieldChanges } from '../schema.ts';
import type { Lecturer, StoredFileRow } from '../tables/lecturers.ts';
import { diffFields, writeAudit, type AuditEntry } from './audit.ts';
import { FilePurpose } from './files.ts';
import type { ChangeActor } from './audit.ts';

export interface LecturerListItem {
  id: string;
  first_name: string;
  last_name: string;
  email: string;
  phone: string | null;
  active: boolean;
  requirements: string[];
  publish_consent: boolean;
}

const LIST_COLUMNS = ['id', 'first_name', 'last_name', 'email', 'phone', 'active', 'requirements', 'publish_consent'] as const;

/** The institution's lecturers (LECT-1), by surname and name in Lithuanian order, paged (GEN-16). */
export async function listLecturers(
  db: DbOrTx,
  institutionId: string,
  opts: { limit: number; offset: number },
): Promise<{ rows: LecturerListItem[]; total: number }> {
  const base = db.selectFrom('lecturers').where('institution_id', '=', institutionId);
  const [rows, count] = await Promise.all([
    base
      .select(LIST_COLUMNS)
      .orderBy(sql`lower(last_name) collate "lt-x-icu"`)
      .orderBy(sql`lower(first_name) collate "lt-x-icu"`)
      .orderBy('id')
      .limit(opts.limit)
      .offset(opts.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/**
 * LECT-5: the lecturers a timetable's "Lektorius" field offers — only active ones. Sessions already
 * planned with a lecturer made inactive since keep them (LECT-11, OQ-15).
 */
export async function activeLecturers(db: DbOrTx, institutionId: string): Promise<LecturerListItem[]> {
  return db
    .selectFrom('lecturers')
    .select(LIST_COLUMNS)
    .where('institution_id', '=', institutionId)
    .where('active', '=', true)
    .orderBy(sql`lower(last_name) collate "lt-x-icu"`)
    .orderBy(sql`lower(first_name) collate "lt-x-icu"`)
    .execute();
}

/** One lecturer of the institution; undefined for anyone else's (GEN-5). */
export async function findLecturer(db: DbOrTx, institutionId: string, lecturerId: string): Promise<Lecturer | undefined> {
  return db.selectFrom('lecturers').selectAll().where('institution_id', '=', institutionId).where('id', '=', lecturerId).executeTakeFirst();
}

/** The lecturer added by the form with this idempotency key (a double submit), if any. */
export async function findLecturerByKey(db: DbOrTx, institutionId: string, key: string): Promise<Lecturer | undefined> {
  return db
    .selectFrom('lecturers')
    .selectAll()
    .where('institution_id', '=', institutionId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
}

export type LecturerDocumentFiles = Partial<Record<LecturerRequirement, StoredFileRow>>;

/** The documents saved for a lecturer, by requirement, with the files' metadata (not their bytes). */
export async function lecturerDocuments(db: DbOrTx, institutionId: string, lecturerId: string): Promise<LecturerDocumentFiles> {
  const rows = await db
    .selectFrom('lecturer_documents as d')
    .innerJoin('stored_files as f', (j) => j.onRef('f.id', '=', 'd.file_id').onRef('f.institution_id', '=', 'd.institution_id'))
    .select([
      'd.requirement',
      'f.id',
      'f.institution_id',
      'f.purpose',
      'f.sha256',
      'f.size',
      'f.content_type',
      'f.original_name',
      'f.download_name',
      'f.uploaded_by',
      'f.uploaded_by_personal_code_hash',
      'f.created_at',
    ])
    .where('d.institution_id', '=', institutionId)
    .where('d.lecturer_id', '=', lecturerId)
    .execute();
  const documents: LecturerDocumentFiles = {};
  for (const { requirement, ...file } of rows) if (isLecturerRequirement(requirement)) documents[requirement] = file;
  return documents;
}

/**
 * Of the stored-file ids a form carries (hidden fields after a refused submit, or the documents
 * already saved), those it may use: lecturer evidence of the institution that is either already
 * this lecturer's, or not yet any lecturer's and uploaded by the same person. Anything else (another
 * lecturer's document, another institution's file, a guessed id) is left out.
 */
export async function usableEvidenceFiles(
  db: DbOrTx,
  a: { institutionId: string; lecturerId: string | null; personalCodeHash: string; fileIds: readonly string[] },
): Promise<StoredFileRow[]> {
  if (a.fileIds.length === 0) return [];
  const lecturerId = a.lecturerId;
  return db
    .selectFrom('stored_files as f')
    .select([
      'f.id',
      'f.institution_id',
      'f.purpose',
      'f.sha256',
      'f.size',
      'f.content_type',
      'f.original_name',
      'f.download_name',
      'f.uploaded_by',
      'f.uploaded_by_personal_code_hash',
      'f.created_at',
    ])
    .where('f.institution_id', '=', a.institutionId)
    .where('f.purpose', '=', FilePurpose.LecturerEvidence)
    .where('f.id', 'in', [...a.fileIds])
    .where((eb) => {
      const attached = eb.exists(eb.selectFrom('lecturer_documents as d').select('d.file_id').whereRef('d.file_id', '=', 'f.id'));
      const pendingOfUploader = eb.and([eb.not(attached), eb('f.uploaded_by_personal_code_hash', '=', a.personalCodeHash)]);
      if (lecturerId === null) return pendingOfUploader;
      const ofThisLecturer = eb.exists(
        eb
          .selectFrom('lecturer_documents as d')
          .select('d.file_id')
          .whereRef('d.file_id', '=', 'f.id')
          .where('d.lecturer_id', '=', lecturerId),
      );
      return eb.or([ofThisLecturer, pendingOfUploader]);
    })
    .execute();
}

/** Who makes the change (audit, GEN-9). */
type LecturerActor = ChangeActor;

function auditActor(a: LecturerActor): AuditEntry['actor'] {
  return a.userId
    ? { kind: 'user', userId: a.userId, personalCodeHash: a.personalCodeHash }
    : { kind: 'person', personalCodeHash: a.personalCodeHash };
}

/** The lecturer window as the audit trail records it (the form's field names; documents by stored-file id). */
function snapshot(
  l: Pick<Lecturer, 'first_name' | 'last_name' | 'email' | 'phone' | 'description' | 'active' | 'requirements' | 'publish_consent'>,
  documents: Partial<Record<LecturerRequirement, string>>,
): Record<string, unknown> {
  const s: Record<string, unknown> = {
    firstName: l.first_name,
    lastName: l.last_name,
    email: l.email,
    phone: l.phone,
    description: l.description,
    active: l.active,
    requirements: l.requirements,
  };
  for (const r of REQUIREMENT_KEYS) s[documentField(r)] = documents[r] ?? null;
  s.publishConsent = l.publish_consent;
  return s;
}

function columns(v: LecturerFormValue) {
  return {
    first_name: v.firstName,
    last_name: v.lastName,
    email: v.email,
    phone: v.phone,
    description: v.description,
    active: v.active,
    requirements: v.requirements,
    publish_consent: v.publishConsent,
  };
}

async function attachDocuments(
  trx: DbOrTx,
  institutionId: string,
  lecturerId: string,
  documents: Partial<Record<LecturerRequirement, string>>,
) {
  const rows = REQUIREMENT_KEYS.flatMap((r) => {
    const fileId = documents[r];
    return fileId ? [{ lecturer_id: lecturerId, institution_id: institutionId, requirement: r, file_id: fileId }] : [];
  });
  if (rows.length > 0) await trx.insertInto('lecturer_documents').values(rows).execute();
}

/**
 * "Įtraukti naują lektorių": the lecturer, the documents of the ticked requirements and the audit
 * row, in one transaction. The same idempotency key again (a double submit) adds nothing and
 * answers with the lecturer the first one added.
 */
export async function createLecturer(
  db: Db,
  a: { institutionId: string; idempotencyKey: string; value: LecturerFormValue; actor: LecturerActor },
): Promise<{ id: string; created: boolean }> {
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('lecturers')
      .values({ institution_id: a.institutionId, idempotency_key: a.idempotencyKey, ...columns(a.value) })
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) {
      const earlier = await findLecturerByKey(trx, a.institutionId, a.idempotencyKey);
      if (!earlier) throw new Error('idempotency key used by another institution');
      return { id: earlier.id, created: false };
    }
    await attachDocuments(trx, a.institutionId, inserted.id, a.value.documents);
    await writeAudit(trx, {
      actor: auditActor(a.actor),
      institutionId: a.institutionId,
      entityType: 'lecturer',
      entityId: inserted.id,
      action: 'create',
      changes: diffFields(null, snapshot(columns(a.value), a.value.documents)),
      requestId: a.actor.requestId,
    });
    return { id: inserted.id, created: true };
  });
}

type LecturerUpdateResult = { ok: true; changes: FieldChanges } | { ok: false; reason: 'not_found' };

/**
 * Saves the lecturer window of an existing lecturer. Documents of requirements still ticked are kept
 * unless replaced; a requirement unticked loses its link (the stored file itself stays, and the
 * audit row names it).
 */
export async function updateLecturer(
  db: Db,
  a: { institutionId: string; lecturerId: string; value: LecturerFormValue; actor: LecturerActor },
): Promise<LecturerUpdateResult> {
  return db.transaction().execute(async (trx) => {
    const lecturer = await trx
      .selectFrom('lecturers')
      .selectAll()
      .where('institution_id', '=', a.institutionId)
      .where('id', '=', a.lecturerId)
      .forUpdate()
      .executeTakeFirst();
    if (!lecturer) return { ok: false, reason: 'not_found' };
    const saved = await trx
      .selectFrom('lecturer_documents')
      .select(['requirement', 'file_id'])
      .where('institution_id', '=', a.institutionId)
      .where('lecturer_id', '=', lecturer.id)
      .execute();
    const before: Partial<Record<LecturerRequirement, string>> = {};
    for (const d of saved) if (isLecturerRequirement(d.requirement)) before[d.requirement] = d.file_id;
    const after = columns(a.value);
    const changes = diffFields(snapshot(lecturer, before), snapshot(after, a.value.documents));
    if (Object.keys(changes).length === 0) return { ok: true, changes };
    await trx
      .updateTable('lecturers')
      .set({ ...after, updated_at: new Date() })
      .where('id', '=', lecturer.id)
      .where('institution_id', '=', a.institutionId)
      .execute();
    for (const r of REQUIREMENT_KEYS) {
      if (before[r] === a.value.documents[r]) continue;
      await trx.deleteFrom('lecturer_documents').where('lecturer_id', '=', lecturer.id).where('requirement', '=', r).execute();
    }
    const replaced = Object.fromEntries(
      REQUIREMENT_KEYS.filter((r) => a.value.documents[r] && before[r] !== a.value.documents[r]).map((r) => [r, a.value.documents[r]]),
    );
    await attachDocuments(trx, a.institutionId, lecturer.id, replaced);
    await writeAudit(trx, {
      actor: auditActor(a.actor),
      institutionId: a.institutionId,
      entityType: 'lecturer',
      entityId: lecturer.id,
      action: 'update',
      changes,
      requestId: a.actor.requestId,
    });
    return { ok: true, changes };
  });
}
