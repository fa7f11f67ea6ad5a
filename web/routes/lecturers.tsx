// Application "Lektorių sąrašas" (§3.3; LECT-1..LECT-10): the list, adding ("Įtraukti naują
// lektorių") and editing a lecturer with the documents proving the requirements they meet. Plain
// master data: written through db/queries/lecturers.ts with its audit row in one transaction.
// Mounted behind requireApplication(Application.Lecturers): administrators and employees (§6).
//
import { Hono, type Context } from 'hono';
import { FilePurpose } from '../../db/queries/files.ts';
import {
  createLecturer,
  findLecturer,
  findLecturerByKey,
  lecturerDocuments,
  listLecturers,
  updateLecturer,
  usableEvidenceFiles,
  type LecturerDocumentFiles,
} from '../../db/queries/lecturers.ts';
import type { Lecturer, StoredFileRow } from '../../db/tables/lecturers.ts';
import {
  REQUIREMENT_KEYS,
  documentField,
  documentIdField,
  validateLecturer,
  type LecturerFieldErrors,
  type LecturerFormInput,
  type LecturerRequirement,
} from '../../workflows/domain/lecturer.ts';
import type { AppEnv } from '../context.ts';
import { isUuid, newKey } from '../forms.ts';
import { respond } from '../render.tsx';
import { declaredBodyLimit, readMultipartForm, storeUpload, uploadRequestLimit, type MultipartForm } from '../uploads.ts';
import { Notice } from '../views/layout.tsx';
import {
  LECTURERS_APP,
  LecturerForm,
  LecturerFormPage,
  LecturerListSection,
  LecturersPage,
  lecturerFormValues,
  type LecturerFormProps,
} from '../views/lecturers.tsx';
import { changeActor, redirectAfterChange } from '../change-helpers.ts';

export const lecturerRoutes = new Hono<AppEnv>();

export const LECTURERS_PAGE_SIZE = 50;

type C = Context<AppEnv>;
type Status = 200 | 400 | 404 | 422;

const MESSAGES = {
  invalidRequest: 'Užklausa neteisinga: atnaujinkite puslapį ir bandykite dar kartą.',
  fixFields: 'Patikrinkite pažymėtus laukus. Jau įkelti dokumentai išsaugoti – jų įkelti iš naujo nereikia.',
  fixFieldsNoFiles: 'Patikrinkite pažymėtus laukus.',
};

function fullName(l: Pick<Lecturer, 'first_name' | 'last_name'>): string {
  return `${l.first_name} ${l.last_name}`;
}

/** The lecturer in the URL, only if they are the acting institution's (GEN-5). */
async function loadLecturer(c: C): Promise<Lecturer | undefined> {
  const id = c.req.param('lecturerId');
  if (!isUuid(id)) return undefined;
  return findLecturer(c.get('deps').db, c.get('acting').institution.id, id);
}

function badRequest(c: C) {
  return respond(c, {
    title: 'Neteisinga užklausa',
    app: LECTURERS_APP,
    status: 400,
    page: () => <Notice kind="error">{MESSAGES.invalidRequest}</Notice>,
    fragment: () => <Notice kind="error">{MESSAGES.invalidRequest}</Notice>,
  });
}

// ---- The list (LECT-1, LECT-4, LECT-10) ---------------------------------------------------------

type ListNotice = { kind: 'success' | 'error' | 'info'; text: string };

/** The notice after a redirect: a code and the lecturer it is about, read back from Postgres. */
async function noticeFromQuery(c: C): Promise<ListNotice | undefined> {
  const code = c.req.query('pranesimas');
  const id = c.req.query('lektorius');
  if (!code || !isUuid(id)) return undefined;
  const lecturer = await findLecturer(c.get('deps').db, c.get('acting').institution.id, id);
  if (!lecturer) return undefined;
  if (code === 'itrauktas') return { kind: 'success', text: `Lektorius ${fullName(lecturer)} įtrauktas į lektorių sąrašą.` };
  if (code === 'issaugotas') return { kind: 'success', text: `Lektoriaus ${fullName(lecturer)} informacija išsaugota.` };
  return undefined;
}

lecturerRoutes.get('/lektoriai', async (c) => {
  const { db } = c.get('deps');
  const institutionId = c.get('acting').institution.id;
  const requested = Number(c.req.query('puslapis') ?? '1');
  let page = Number.isSafeInteger(requested) && requested >= 1 ? requested : 1;
  let list = await listLecturers(db, institutionId, { limit: LECTURERS_PAGE_SIZE, offset: (page - 1) * LECTURERS_PAGE_SIZE });
  const pageCount = Math.max(1, Math.ceil(list.total / LECTURERS_PAGE_SIZE));
  if (page > pageCount) {
    page = pageCount;
    list = await listLecturers(db, institutionId, { limit: LECTURERS_PAGE_SIZE, offset: (page - 1) * LECTURERS_PAGE_SIZE });
  }
  const props = { rows: list.rows, total: list.total, page, pageCount, notice: await noticeFromQuery(c) };
  return respond(c, {
    title: LECTURERS_APP,
    app: LECTURERS_APP,
    page: () => <LecturersPage {...props} />,
    fragment: () => <LecturerListSection {...props} />,
  });
});

// ---- The lecturer window (LECT-2..LECT-8) -------------------------------------------------------

function formResponse(c: C, props: LecturerFormProps, status: Status) {
  return respond(c, {
    title: props.lecturer ? fullName(props.lecturer) : 'Naujas lektorius',
    app: LECTURERS_APP,
    status,
    page: () => <LecturerFormPage {...props} />,
    fragment: () => <LecturerForm {...props} />,
  });
}

interface CollectedDocuments {
  /** The document at hand for each requirement: uploaded now, carried from a refused submit, or saved. */
  files: Partial<Record<LecturerRequirement, StoredFileRow>>;
  /** Why an upload was refused (type by magic bytes, size). */
  refused: Partial<Record<LecturerRequirement, string>>;
  /** Whether this submit stored any new file (the message then says nothing needs uploading again). */
  storedNow: boolean;
}

/**
 * The documents of a submitted lecturer window. Every acceptable upload is stored at once — also
 * when the form is then refused for another reason — and travels back in a hidden field, so nothing
 * uploaded is lost; without a new upload, the carried file and then the saved one are kept.
 */
async function collectDocuments(
  c: C,
  form: MultipartForm,
  lecturerId: string | null,
  saved: LecturerDocumentFiles,
): Promise<CollectedDocuments> {
  const { db } = c.get('deps');
  const acting = c.get('acting');
  const files: CollectedDocuments['files'] = {};
  const refused: CollectedDocuments['refused'] = {};
  let storedNow = false;

  const carriedIds = REQUIREMENT_KEYS.map((r) => form.values[documentIdField(r)]).filter(isUuid);
  const usable = await usableEvidenceFiles(db, {
    institutionId: acting.institution.id,
    lecturerId,
    personalCodeHash: acting.session.personal_code_hash,
    fileIds: carriedIds,
  });
  const usableById = new Map(usable.map((f) => [f.id, f]));

  for (const r of REQUIREMENT_KEYS) {
    const carriedId = form.values[documentIdField(r)];
    const kept = (isUuid(carriedId) ? usableById.get(carriedId) : undefined) ?? saved[r];
    if (kept) files[r] = kept;
    const upload = form.files[documentField(r)];
    if (!upload) continue;
    const stored = await storeUpload(c, upload, FilePurpose.LecturerEvidence);
    if (stored.ok) {
      files[r] = stored.file;
      storedNow = true;
    } else {
      refused[r] = stored.error;
    }
  }
  return { files, refused, storedNow };
}

function fileIds(files: CollectedDocuments['files']): Partial<Record<LecturerRequirement, string>> {
  const ids: Partial<Record<LecturerRequirement, string>> = {};
  for (const r of REQUIREMENT_KEYS) {
    const f = files[r];
    if (f) ids[r] = f.id;
  }
  return ids;
}

/** The typed values to show again (the hidden document ids are rendered from the documents). */
function shownValues(form: MultipartForm): LecturerFormInput {
  const values: LecturerFormInput = { ...form.values };
  for (const r of REQUIREMENT_KEYS) delete values[documentIdField(r)];
  return values;
}

const uploadLimit = declaredBodyLimit(uploadRequestLimit(REQUIREMENT_KEYS.length));

lecturerRoutes.get('/lektoriai/naujas', (c) => {
  return formResponse(
    c,
    {
      mode: 'create',
      action: '/lektoriai',
      values: { active: ['taip'], requirements: [] },
      errors: {},
      idempotencyKey: newKey(),
      documents: {},
    },
    200,
  );
});

lecturerRoutes.post('/lektoriai', uploadLimit, async (c) => {
  const { db } = c.get('deps');
  const institutionId = c.get('acting').institution.id;
  const form = await readMultipartForm(c);
  const key = form.values.idempotencyKey;
  if (!isUuid(key)) return badRequest(c);
  const done = (lecturerId: string) => redirectAfterChange(c, `/lektoriai?pranesimas=itrauktas&lektorius=${lecturerId}`);

  // The same form sent again after it was saved (a double submit): it was saved once.
  const earlier = await findLecturerByKey(db, institutionId, key);
  if (earlier) return done(earlier.id);

  const documents = await collectDocuments(c, form, null, {});
  const checked = validateLecturer(form.values, { stored: fileIds(documents.files), refused: documents.refused });
  if (!checked.ok) {
    const errors: LecturerFieldErrors = checked.errors;
    return formResponse(
      c,
      {
        mode: 'create',
        action: '/lektoriai',
        values: shownValues(form),
        errors,
        message: documents.storedNow ? MESSAGES.fixFields : MESSAGES.fixFieldsNoFiles,
        idempotencyKey: key,
        documents: documents.files,
      },
      422,
    );
  }
  const created = await createLecturer(db, { institutionId, idempotencyKey: key, value: checked.value, actor: changeActor(c) });
  return done(created.id);
});

lecturerRoutes.get('/lektoriai/:lecturerId/redaguoti', async (c) => {
  const lecturer = await loadLecturer(c);
  if (!lecturer) return c.notFound();
  const documents = await lecturerDocuments(c.get('deps').db, lecturer.institution_id, lecturer.id);
  return formResponse(
    c,
    {
      mode: 'edit',
      action: `/lektoriai/${lecturer.id}`,
      values: lecturerFormValues(lecturer),
      errors: {},
      idempotencyKey: newKey(),
      documents,
      lecturer,
    },
    200,
  );
});

lecturerRoutes.post('/lektoriai/:lecturerId', uploadLimit, async (c) => {
  const lecturer = await loadLecturer(c);
  if (!lecturer) return c.notFound();
  const { db } = c.get('deps');
  const form = await readMultipartForm(c);
  const key = form.values.idempotencyKey;
  if (!isUuid(key)) return badRequest(c);
  const saved = await lecturerDocuments(db, lecturer.institution_id, lecturer.id);
  const documents = await collectDocuments(c, form, lecturer.id, saved);
  const checked = validateLecturer(form.values, { stored: fileIds(documents.files), refused: documents.refused });
  if (!checked.ok) {
    return formResponse(
      c,
      {
        mode: 'edit',
        action: `/lektoriai/${lecturer.id}`,
        values: shownValues(form),
        errors: checked.errors,
        message: documents.storedNow ? MESSAGES.fixFields : MESSAGES.fixFieldsNoFiles,
        idempotencyKey: key,
        documents: documents.files,
        lecturer,
      },
      422,
    );
  }
  const result = await updateLecturer(db, {
    institutionId: lecturer.institution_id,
    lecturerId: lecturer.id,
    value: checked.value,
    actor: changeActor(c),
  });
  if (!result.ok) return c.notFound();
  return redirectAfterChange(c, `/lektoriai?pranesimas=issaugotas&lektorius=${lecturer.id}`);
});

// ---- Stored files (GEN-12) ----------------------------------------------------------------------

// The download of any stored file; its access rules are web/uploads.ts's (owning institution, and
// the right that covers the file's purpose). Here until it moves to a shared place.
