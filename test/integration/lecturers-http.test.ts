// "Lektorių sąrašas" and uploads through the real path: HTTP (multipart) → Hono → db → Postgres →
// HTML / file download (LECT-1..LECT-10, GEN-5, GEN-9, GEN-12, GEN-15, §6).
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditTrail } from '../../db/queries/audit.ts';
import { MAX_FILE_SIZE } from '../../workflows/domain/file-type.ts';
import { createInstitution, type InstitutionFixture } from '../support/fixtures.ts';
import { adminSession, sessionFor, type TestSession } from '../support/session.ts';
import { startStack, type TestStack } from '../support/stack.ts';

const ORIGIN = 'http://localhost';
let stack: TestStack;
let a: InstitutionFixture;
let b: InstitutionFixture;
let adminA: TestSession;
let adminB: TestSession;
let employeeA: TestSession;
let signerA: TestSession;

type Body = Record<string, string | string[]>;
interface Upload {
  name: string;
  bytes: Uint8Array;
  /** What the browser claims (the server does not believe it). */
  type?: string;
}

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/files/${name}`, import.meta.url)));
const PDF = fixture('diplomas.pdf');
const JPEG = fixture('pazymejimas.jpg');
const PNG = fixture('patirtis.png');
/** The start of a Windows executable, named and typed as a PDF. */
const EXE = new Uint8Array([
  0x4d,
  0x5a,
  0x90,
  0x00,
  0x03,
  0x00,
  0x00,
  0x00,
  0x04,
  0x00,
  0x00,
  0x00,
  0xff,
  0xff,
  0x00,
  0x00,
  ...new Array(200).fill(0x41),
]);

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function multipart(values: Body, files: Record<string, Upload> = {}): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(values)) for (const item of Array.isArray(v) ? v : [v]) form.append(k, item);
  for (const [k, f] of Object.entries(files))
    form.append(k, new File([f.bytes as Uint8Array<ArrayBuffer>], f.name, { type: f.type ?? 'application/octet-stream' }));
  return form;
}

function call(
  path: string,
  opts: { as?: TestSession; values?: Body; files?: Record<string, Upload>; htmx?: boolean; csrfInBody?: boolean } = {},
) {
  const headers: Record<string, string> = {};
  if (opts.as) headers.Cookie = opts.as.cookie;
  if (opts.htmx) headers['HX-Request'] = 'true';
  const post = opts.values !== undefined;
  if (post) {
    headers.Origin = ORIGIN;
    if (opts.as && !opts.csrfInBody) headers['X-CSRF-Token'] = opts.as.csrf;
  }
  const values = post && opts.as && opts.csrfInBody ? { ...opts.values, _csrf: opts.as.csrf } : opts.values;
  return stack.app.request(`${ORIGIN}${path}`, {
    method: post ? 'POST' : 'GET',
    headers,
    ...(post ? { body: multipart(values ?? {}, opts.files) } : {}),
  });
}

function unique(): string {
  return crypto.randomUUID().slice(0, 8);
}

function lecturerForm(overrides: Body = {}): Body {
  return {
    idempotencyKey: crypto.randomUUID(),
    firstName: 'Ona',
    lastName: `Lektorė${unique().replace(/\d/g, 'x')}`,
    email: `ona.${unique()}@example.lt`,
    phone: '+370 600 12345',
    description: 'Matematikos mokytoja metodininkė',
    active: 'taip',
    requirements: ['KVALIFIKACIJA'],
    publishConsent: 'TAIP',
    ...overrides,
  };
}

/** Adds a lecturer through the page; returns their id. */
async function addLecturer(
  as: TestSession,
  overrides: Body = {},
  files: Record<string, Upload> = { document_KVALIFIKACIJA: { name: 'Diplomas.pdf', bytes: PDF } },
) {
  const values = lecturerForm(overrides);
  const res = await call('/lektoriai', { as, values, files });
  expect(res.status, await res.clone().text()).toBe(303);
  const location = res.headers.get('location') ?? '';
  const lecturerId = new URL(location, ORIGIN).searchParams.get('lektorius') ?? '';
  return { values, lecturerId, location };
}

async function documentsOf(lecturerId: string) {
  const rows = await stack.db
    .selectFrom('lecturer_documents')
    .select(['requirement', 'file_id'])
    .where('lecturer_id', '=', lecturerId)
    .orderBy('requirement')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.requirement, r.file_id]));
}

async function storedFileCount(institutionId: string) {
  const row = await stack.db
    .selectFrom('stored_files')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('institution_id', '=', institutionId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function userWith(institutionId: string, rights: string[]) {
  const personalCodeHash = `test-${crypto.randomUUID()}`;
  const row = await stack.db
    .insertInto('institution_users')
    .values({
      institution_id: institutionId,
      first_name: 'Rasa',
      last_name: 'Rasaitė',
      email: `${unique()}@example.lt`,
      rights,
      status: 'ACTIVE',
      personal_code_hash: personalCodeHash,
      confirmed_at: new Date(),
      signing_document: rights.includes('SUTARCIU_PASIRASYMAS') ? 'Įgaliojimas Nr. 1' : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return sessionFor(stack.db, { personalCodeHash, institutionId, userId: row.id });
}

beforeAll(async () => {
  stack = await startStack('lecturers');
  a = await createInstitution(stack.db, 'Institucija A');
  b = await createInstitution(stack.db, 'Institucija B');
  adminA = await adminSession(stack.db, a);
  adminB = await adminSession(stack.db, b);
  employeeA = await userWith(a.institutionId, ['DARBUOTOJAS']);
  signerA = await userWith(a.institutionId, ['SUTARCIU_PASIRASYMAS']);
});

afterAll(async () => {
  await stack?.stop();
});

describe('Lektorių sąrašas over HTTP', () => {
  it('lists the institution’s lecturers: "Neskelbti svetainėje" for "Ne", inactive ones marked, only theirs (LECT-1, LECT-4, LECT-10, GEN-5)', async () => {
    const published = await addLecturer(adminA, { firstName: 'Petras', lastName: 'Skelbiamasis' });
    const hidden = await addLecturer(adminA, { firstName: 'Rūta', lastName: 'Neskelbiamoji', publishConsent: 'NE' });
    const inactive = await addLecturer(adminA, { firstName: 'Jonas', lastName: 'Neaktyvusis', active: [] as string[] });
    const other = await addLecturer(adminB, { firstName: 'Svetimas', lastName: 'Bėlektorius' });

    const res = await call('/lektoriai', { as: adminA });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h1>Lektorių sąrašas</h1>');
    expect(html).toContain('href="/lektoriai/naujas"');
    expect(html).toContain('Įtraukti naują lektorių');
    for (const h of ['Vardas, pavardė', 'Kontaktai', 'Atitiktis reikalavimams', 'Aktyvus lektorius', 'Pastabos']) expect(html).toContain(h);
    expect(html).not.toContain('Bėlektorius');
    expect(html).not.toContain(other.lecturerId);

    const row = (id: string) => {
      const start = html.indexOf(`id="lektorius-${id}"`);
      expect(start, id).toBeGreaterThan(0);
      return html.slice(start, html.indexOf('</tr>', start));
    };
    expect(row(hidden.lecturerId)).toContain('Neskelbti svetainėje');
    expect(row(published.lecturerId)).not.toContain('Neskelbti svetainėje');
    expect(row(inactive.lecturerId)).toContain('data-active="ne"');
    expect(row(inactive.lecturerId)).toContain('Užsiėmimų planuoti negalima');
    expect(html).toMatch(new RegExp(`<tr id="lektorius-${inactive.lecturerId}" class="inactive"`));
    expect(row(published.lecturerId)).toContain('data-active="taip"');
    expect(row(published.lecturerId)).toContain(`href="/lektoriai/${published.lecturerId}/redaguoti"`);

    // The page works as htmx too (a fragment, not the whole layout).
    const fragment = await (await call('/lektoriai', { as: adminA, htmx: true })).text();
    expect(fragment).not.toContain('<html');
    expect(fragment).toContain('Neskelbti svetainėje');
  });

  it('shows the lecturer window with the manual’s labels, the size limit and a multipart form with its CSRF token', async () => {
    const html = await (await call('/lektoriai/naujas', { as: adminA })).text();
    for (const label of [
      'Naujas lektorius',
      'Vardas',
      'Pavardė',
      'El. paštas',
      'Telefonas',
      'Aktyvus lektorius',
      'Lektoriaus atitiktis keliamiems reikalavimams',
      'Lektorius turi mokymo programai vykdyti reikalingą išsilavinimą ar kvalifikaciją',
      'Lektorius turi mokymo programos srities praktinio ar pedagoginio darbo patirties',
      'Dokumento, liudijančio atitiktį reikalavimui, kopija',
      'PDF, JPEG arba PNG failas, ne didesnis kaip 10 MB.',
      'sutikimą dėl asmens duomenų viešinimo',
      'Išsaugoti',
    ]) {
      expect(html).toContain(label);
    }
    expect(html).toMatch(/<input type="radio" name="publishConsent" value="TAIP"[^>]*>Taip/);
    expect(html).toMatch(/<input type="radio" name="publishConsent" value="NE"[^>]*>Ne/);
    expect(html).toContain('enctype="multipart/form-data"');
    expect(html).toContain('hx-encoding="multipart/form-data"');
    expect(html).toContain('name="_csrf"');
    expect(html).toContain('type="file"');
    // A new lecturer is active unless unticked.
    expect(html).toMatch(/<input type="checkbox" name="active" value="taip" id="f-active" checked/);
  });

  it('answers an invalid window with 422, every Lithuanian message at once and the typed values; nothing is saved (GEN-15)', async () => {
    const email = `blogas-${unique()}`;
    const lastName = `Petraitis${unique().replace(/\d/g, 'x')}`;
    const res = await call('/lektoriai', {
      as: adminA,
      values: lecturerForm({
        firstName: '',
        lastName,
        email,
        phone: 'skambinti',
        description: 'Aprašymas <b>',
        requirements: [],
        publishConsent: '',
      }),
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Patikrinkite pažymėtus laukus.');
    expect(html).toContain('Privalomas laukas.');
    expect(html).toContain('Neteisingas el. pašto adresas (pvz., vardenis.pavardenis@imone.lt).');
    expect(html).toContain(
      'Neteisingas telefono numeris: įveskite, pvz., +370 612 34567 arba 8 612 34567; užsienio numerį – su šalies kodu.',
    );
    expect(html).toContain('Pažymėkite bent vieną reikalavimą, kurį lektorius atitinka.');
    expect(html).toContain('Pasirinkite „Taip“ arba „Ne“.');
    expect(html).toContain(`value="${lastName}"`);
    expect(html).toContain(`value="${email}"`);
    expect(html).toContain('value="skambinti"');
    expect(html).toContain('Aprašymas &lt;b&gt;');
    expect(html).toContain('aria-invalid="true"');
    expect(await stack.db.selectFrom('lecturers').select('id').where('last_name', '=', lastName).execute()).toHaveLength(0);

    // The same as htmx: the form fragment, swapped in place.
    const fragment = await call('/lektoriai', { as: adminA, htmx: true, values: lecturerForm({ requirements: [] }) });
    expect(fragment.status).toBe(422);
    const text = await fragment.text();
    expect(text).not.toContain('<html');
    expect(text).toContain('id="lektoriaus-langas"');
  });

  it('refuses a ticked requirement without its document (LECT-7)', async () => {
    const lastName = `Bedokumentis${unique().replace(/\d/g, 'x')}`;
    const res = await call('/lektoriai', {
      as: adminA,
      values: lecturerForm({ lastName, requirements: ['KVALIFIKACIJA', 'PATIRTIS'] }),
      files: { document_KVALIFIKACIJA: { name: 'diplomas.pdf', bytes: PDF } },
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Įkelkite dokumento kopiją, liudijančią lektoriaus atitiktį šiam reikalavimui.');
    expect(html).toContain('id="e-document_PATIRTIS"');
    expect(html).not.toContain('id="e-document_KVALIFIKACIJA"');
    expect(await stack.db.selectFrom('lecturers').select('id').where('last_name', '=', lastName).execute()).toHaveLength(0);
  });

  it('refuses a file that is not PDF/JPEG/PNG by its bytes, whatever its name and claimed type, and stores nothing (GEN-12)', async () => {
    const before = await storedFileCount(a.institutionId);
    const res = await call('/lektoriai', {
      as: adminA,
      values: lecturerForm(),
      files: { document_KVALIFIKACIJA: { name: 'diplomas.pdf', bytes: EXE, type: 'application/pdf' } },
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Netinkamas failo formatas: galima įkelti tik PDF, JPEG arba PNG failą.');
    expect(html).toContain('id="e-document_KVALIFIKACIJA"');
    expect(await storedFileCount(a.institutionId)).toBe(before);

    // A real PNG called .pdf is accepted as what it is.
    const png = await addLecturer(adminA, {}, { document_KVALIFIKACIJA: { name: 'nuskaitymas.pdf', bytes: PNG, type: 'application/pdf' } });
    const docs = await documentsOf(png.lecturerId);
    const file = await stack.db
      .selectFrom('stored_files')
      .select(['content_type', 'download_name'])
      .where('id', '=', docs.KVALIFIKACIJA!)
      .executeTakeFirstOrThrow();
    expect(file).toEqual({ content_type: 'image/png', download_name: 'nuskaitymas.png' });
  });

  it('refuses an HTML page behind a PDF header: a PDF is kept only if it opens as one (GEN-12; issue 11, item 5)', async () => {
    const before = await storedFileCount(a.institutionId);
    const html = new TextEncoder().encode('%PDF-1.7\n<html><body><h1>Diplomas</h1><script>alert(1)</script></body></html>\n');
    const res = await call('/lektoriai', {
      as: adminA,
      values: lecturerForm(),
      files: { document_KVALIFIKACIJA: { name: 'diplomas.pdf', bytes: html, type: 'application/pdf' } },
    });
    expect(res.status).toBe(422);
    const page = await res.text();
    expect(page).toContain('Failas nėra tinkamas PDF dokumentas: įkelkite tikrą PDF, JPEG arba PNG failą.');
    expect(page).toContain('id="e-document_KVALIFIKACIJA"');
    expect(await storedFileCount(a.institutionId)).toBe(before);
  });

  it('refuses a file over the size limit and says the limit', async () => {
    const before = await storedFileCount(a.institutionId);
    const big = new Uint8Array(MAX_FILE_SIZE + 1);
    big.set(PDF.subarray(0, 16));
    const res = await call('/lektoriai', {
      as: adminA,
      values: lecturerForm(),
      files: { document_KVALIFIKACIJA: { name: 'didelis.pdf', bytes: big } },
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Failas per didelis: leidžiama ne daugiau kaip 10 MB.');
    expect(html).toContain('10 MB');
    expect(await storedFileCount(a.institutionId)).toBe(before);

    // A request declaring more than the files of the form may add up to is refused before it is read (413).
    const declared = await stack.app.request(`${ORIGIN}/lektoriai`, {
      method: 'POST',
      headers: {
        Cookie: adminA.cookie,
        Origin: ORIGIN,
        'X-CSRF-Token': adminA.csrf,
        'HX-Request': 'true',
        'Content-Length': String(3 * MAX_FILE_SIZE),
      },
      body: multipart(lecturerForm()),
    });
    expect(declared.status).toBe(413);
    expect(declared.headers.get('hx-retarget')).toBe('#pranesimai');
    expect(await declared.text()).toContain('ne didesnis kaip 10 MB');
  });

  it('saves a lecturer with documents: SHA-256, size, detected type, uploader and audit rows in Postgres (LECT-6, LECT-7, GEN-9, GEN-12)', async () => {
    const { values, lecturerId, location } = await addLecturer(
      adminA,
      { requirements: ['KVALIFIKACIJA', 'PATIRTIS'], publishConsent: 'NE' },
      {
        document_KVALIFIKACIJA: { name: 'Aukštojo mokslo diplomas.pdf', bytes: PDF, type: 'application/pdf' },
        document_PATIRTIS: { name: 'pažyma apie darbo patirtį.jpg', bytes: JPEG, type: 'image/jpeg' },
      },
    );
    expect(location).toBe(`/lektoriai?pranesimas=itrauktas&lektorius=${lecturerId}`);
    const lecturer = await stack.db.selectFrom('lecturers').selectAll().where('id', '=', lecturerId).executeTakeFirstOrThrow();
    expect(lecturer).toMatchObject({
      institution_id: a.institutionId,
      first_name: 'Ona',
      last_name: values.lastName,
      email: values.email,
      phone: '+37060012345', // stored in E.164
      active: true,
      requirements: ['KVALIFIKACIJA', 'PATIRTIS'],
      publish_consent: false,
    });
    const docs = await documentsOf(lecturerId);
    const files = await stack.db.selectFrom('stored_files').selectAll().where('id', 'in', [docs.KVALIFIKACIJA!, docs.PATIRTIS!]).execute();
    const pdf = files.find((f) => f.id === docs.KVALIFIKACIJA)!;
    const jpeg = files.find((f) => f.id === docs.PATIRTIS)!;
    expect(pdf).toMatchObject({
      institution_id: a.institutionId,
      purpose: 'LECTURER_EVIDENCE',
      sha256: sha256(PDF),
      size: PDF.byteLength,
      content_type: 'application/pdf',
      original_name: 'Aukštojo mokslo diplomas.pdf',
      download_name: 'Aukštojo mokslo diplomas.pdf',
      uploaded_by: a.userId,
      uploaded_by_personal_code_hash: a.personalCodeHash,
    });
    expect(Buffer.from(pdf.content).equals(Buffer.from(PDF))).toBe(true);
    expect(jpeg).toMatchObject({
      sha256: sha256(JPEG),
      size: JPEG.byteLength,
      content_type: 'image/jpeg',
      download_name: 'pažyma apie darbo patirtį.jpg',
    });

    const trail = await auditTrail(stack.db, 'lecturer', lecturerId);
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({ action: 'create', actor_user_id: a.userId, institution_id: a.institutionId });
    expect(trail[0]!.changes).toMatchObject({
      lastName: { before: null, after: values.lastName },
      requirements: { before: null, after: ['KVALIFIKACIJA', 'PATIRTIS'] },
      document_KVALIFIKACIJA: { before: null, after: docs.KVALIFIKACIJA },
      document_PATIRTIS: { before: null, after: docs.PATIRTIS },
      publishConsent: { before: null, after: false },
    });
    const upload = await auditTrail(stack.db, 'stored_file', docs.KVALIFIKACIJA!);
    expect(upload).toHaveLength(1);
    expect(upload[0]).toMatchObject({ action: 'upload', actor_user_id: a.userId, institution_id: a.institutionId });
    expect(upload[0]!.changes).toMatchObject({
      sha256: { after: sha256(PDF) },
      size: { after: PDF.byteLength },
      contentType: { after: 'application/pdf' },
    });

    // The list says so after the redirect.
    const list = await (await call(location, { as: adminA })).text();
    expect(list).toContain(`Lektorius Ona ${values.lastName} įtrauktas į lektorių sąrašą.`);
  });

  it('works without JavaScript: the CSRF token in the multipart body', async () => {
    const values = lecturerForm();
    const res = await call('/lektoriai', {
      as: adminA,
      values,
      files: { document_KVALIFIKACIJA: { name: 'd.pdf', bytes: PDF } },
      csrfInBody: true,
    });
    expect(res.status).toBe(303);
    const noToken = await stack.app.request(`${ORIGIN}/lektoriai`, {
      method: 'POST',
      headers: { Cookie: adminA.cookie, Origin: ORIGIN },
      body: multipart(lecturerForm()),
    });
    expect(noToken.status).toBe(403);
  });

  it('keeps an accepted upload when the form is refused for another reason, and uses it on the next submit', async () => {
    const values = lecturerForm({ email: 'ne-adresas' });
    const refused = await call('/lektoriai', {
      as: adminA,
      values,
      files: { document_KVALIFIKACIJA: { name: 'Diplomas.pdf', bytes: PDF } },
    });
    expect(refused.status).toBe(422);
    const html = await refused.text();
    expect(html).toContain('Neteisingas el. pašto adresas (pvz., vardenis.pavardenis@imone.lt).');
    expect(html).toContain('Jau įkelti dokumentai išsaugoti');
    expect(html).toContain('Įkeltas dokumentas:');
    const carried = /name="documentId_KVALIFIKACIJA" value="([0-9a-f-]{36})"/.exec(html)?.[1];
    expect(carried).toBeDefined();
    expect(html).toContain(`href="/failai/${carried}"`);
    const kept = await stack.db
      .selectFrom('stored_files')
      .select(['sha256', 'institution_id'])
      .where('id', '=', carried!)
      .executeTakeFirstOrThrow();
    expect(kept).toEqual({ sha256: sha256(PDF), institution_id: a.institutionId });

    // Sent again, corrected, without choosing the file again.
    const res = await call('/lektoriai', {
      as: adminA,
      values: { ...values, email: `ona.${unique()}@example.lt`, documentId_KVALIFIKACIJA: carried! },
    });
    expect(res.status).toBe(303);
    const lecturerId = new URL(res.headers.get('location')!, ORIGIN).searchParams.get('lektorius')!;
    expect(await documentsOf(lecturerId)).toEqual({ KVALIFIKACIJA: carried });
  });

  it('ignores a carried file id that is not the user’s to use (another institution’s, another lecturer’s)', async () => {
    const ofB = await addLecturer(adminB);
    const bFile = (await documentsOf(ofB.lecturerId)).KVALIFIKACIJA!;
    const ofA = await addLecturer(adminA);
    const aFileOfOtherLecturer = (await documentsOf(ofA.lecturerId)).KVALIFIKACIJA!;
    for (const id of [bFile, aFileOfOtherLecturer, crypto.randomUUID()]) {
      const res = await call('/lektoriai', { as: adminA, values: lecturerForm({ documentId_KVALIFIKACIJA: id }) });
      expect(res.status).toBe(422);
      const html = await res.text();
      expect(html).toContain('Įkelkite dokumento kopiją, liudijančią lektoriaus atitiktį šiam reikalavimui.');
      expect(html).not.toContain(id);
    }
  });

  it('adds one lecturer for a form sent twice (the idempotency key)', async () => {
    const values = lecturerForm();
    const files = { document_KVALIFIKACIJA: { name: 'd.pdf', bytes: PDF } };
    const first = await call('/lektoriai', { as: adminA, values, files });
    const second = await call('/lektoriai', { as: adminA, values, files });
    expect(first.status).toBe(303);
    expect(second.status).toBe(303);
    expect(second.headers.get('location')).toBe(first.headers.get('location'));
    expect(
      await stack.db
        .selectFrom('lecturers')
        .select('id')
        .where('email', '=', values.email as string)
        .execute(),
    ).toHaveLength(1);
  });

  it('edits a lecturer keeping the saved documents unless replaced; an unticked requirement drops its link (LECT-2)', async () => {
    const { values, lecturerId } = await addLecturer(
      adminA,
      { requirements: ['KVALIFIKACIJA', 'PATIRTIS'] },
      { document_KVALIFIKACIJA: { name: 'diplomas.pdf', bytes: PDF }, document_PATIRTIS: { name: 'patirtis.png', bytes: PNG } },
    );
    const saved = await documentsOf(lecturerId);

    const form = await (await call(`/lektoriai/${lecturerId}/redaguoti`, { as: adminA })).text();
    expect(form).toContain(`value="${values.lastName}"`);
    expect(form).toContain(`href="/failai/${saved.KVALIFIKACIJA}"`);
    expect(form).toContain(`href="/failai/${saved.PATIRTIS}"`);
    expect(form).toContain('Pakeisti dokumentą');
    expect(form).toMatch(/<input type="radio" name="publishConsent" value="TAIP"[^>]*checked/);

    // Without the hidden ids and without files (e.g. a hand-made request): the saved documents stay.
    const edit = { ...values, idempotencyKey: crypto.randomUUID(), phone: '+370 611 11111', active: [] as string[] };
    const res = await call(`/lektoriai/${lecturerId}`, { as: adminA, values: edit });
    expect(res.status, await res.clone().text()).toBe(303);
    expect(res.headers.get('location')).toBe(`/lektoriai?pranesimas=issaugotas&lektorius=${lecturerId}`);
    expect(await documentsOf(lecturerId)).toEqual(saved);
    const row = await stack.db.selectFrom('lecturers').select(['phone', 'active']).where('id', '=', lecturerId).executeTakeFirstOrThrow();
    expect(row).toEqual({ phone: '+37061111111', active: false });

    // An edit refused for another reason keeps the saved documents on the form.
    const invalid = await call(`/lektoriai/${lecturerId}`, { as: adminA, values: { ...edit, firstName: '' } });
    expect(invalid.status).toBe(422);
    const invalidHtml = await invalid.text();
    expect(invalidHtml).toContain(`name="documentId_KVALIFIKACIJA" value="${saved.KVALIFIKACIJA}"`);
    expect(invalidHtml).toContain(`name="documentId_PATIRTIS" value="${saved.PATIRTIS}"`);
    expect(await documentsOf(lecturerId)).toEqual(saved);

    // Replacing one document keeps the other; the replaced file stays stored.
    const replaced = await call(`/lektoriai/${lecturerId}`, {
      as: adminA,
      values: { ...edit, documentId_KVALIFIKACIJA: saved.KVALIFIKACIJA!, documentId_PATIRTIS: saved.PATIRTIS! },
      files: { document_PATIRTIS: { name: 'nauja pažyma.jpg', bytes: JPEG } },
    });
    expect(replaced.status).toBe(303);
    const after = await documentsOf(lecturerId);
    expect(after.KVALIFIKACIJA).toBe(saved.KVALIFIKACIJA);
    expect(after.PATIRTIS).not.toBe(saved.PATIRTIS);
    expect(await stack.db.selectFrom('stored_files').select('id').where('id', '=', saved.PATIRTIS!).execute()).toHaveLength(1);

    // Unticking a requirement drops its document's link.
    const unticked = await call(`/lektoriai/${lecturerId}`, { as: adminA, values: { ...edit, requirements: ['KVALIFIKACIJA'] } });
    expect(unticked.status).toBe(303);
    expect(await documentsOf(lecturerId)).toEqual({ KVALIFIKACIJA: saved.KVALIFIKACIJA });

    const trail = await auditTrail(stack.db, 'lecturer', lecturerId);
    expect(trail.map((t) => t.action)).toEqual(['create', 'update', 'update', 'update']);
    expect(trail[1]!.changes).toEqual({
      phone: { before: '+37060012345', after: '+37061111111' },
      active: { before: true, after: false },
    });
    expect(trail[2]!.changes).toEqual({ document_PATIRTIS: { before: saved.PATIRTIS, after: after.PATIRTIS } });
    expect(trail[3]!.changes).toEqual({
      requirements: { before: ['KVALIFIKACIJA', 'PATIRTIS'], after: ['KVALIFIKACIJA'] },
      document_PATIRTIS: { before: after.PATIRTIS, after: null },
    });
  });

  it('serves a document to the institution’s users as an attachment with a safe name; 404 to anyone else (GEN-5, GEN-12)', async () => {
    const { lecturerId } = await addLecturer(adminA, {}, { document_KVALIFIKACIJA: { name: 'Pažymėjimas "Nr. 5".pdf', bytes: PDF } });
    const fileId = (await documentsOf(lecturerId)).KVALIFIKACIJA!;

    for (const as of [adminA, employeeA]) {
      const res = await call(`/failai/${fileId}`, { as });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(res.headers.get('content-disposition')).toBe(
        `attachment; filename="Pazymejimas _Nr. 5.pdf"; filename*=UTF-8''Pa%C5%BEym%C4%97jimas%20_Nr.%205.pdf`,
      );
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('cache-control')).toBe('private, no-store');
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect(sha256(bytes)).toBe(sha256(PDF));
    }
    // Another institution's user, a user of the institution without rights to the lecturers, a made-up id.
    for (const [as, path] of [
      [adminB, `/failai/${fileId}`],
      [signerA, `/failai/${fileId}`],
      [adminA, `/failai/${crypto.randomUUID()}`],
      [adminA, '/failai/ne-id'],
    ] as const) {
      const res = await call(path, { as });
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-disposition')).toBeNull();
    }
    // Without a session: to the login.
    expect((await call(`/failai/${fileId}`)).status).toBe(303);
  });

  it('lets an employee add and edit; a contract-signing-only user gets 403; another institution’s lecturer is 404 (§6, GEN-5)', async () => {
    const { values, lecturerId } = await addLecturer(employeeA, { firstName: 'Darbuotojo', lastName: 'Įvestas' });
    const edited = await call(`/lektoriai/${lecturerId}`, {
      as: employeeA,
      values: { ...values, idempotencyKey: crypto.randomUUID(), firstName: 'Redaguotas' },
    });
    expect(edited.status).toBe(303);
    expect(
      (await stack.db.selectFrom('lecturers').select('first_name').where('id', '=', lecturerId).executeTakeFirstOrThrow()).first_name,
    ).toBe('Redaguotas');

    for (const path of ['/lektoriai', '/lektoriai/naujas', `/lektoriai/${lecturerId}/redaguoti`]) {
      const res = await call(path, { as: signerA });
      expect(res.status, path).toBe(403);
      expect(await res.text()).toContain('Neturite teisių');
    }
    const post = await call(`/lektoriai/${lecturerId}`, {
      as: signerA,
      values: { ...values, idempotencyKey: crypto.randomUUID(), firstName: 'Įsibrovėlis' },
    });
    expect(post.status).toBe(403);
    const add = await call('/lektoriai', { as: signerA, values: lecturerForm() });
    expect(add.status).toBe(403);
    expect(
      (await stack.db.selectFrom('lecturers').select('first_name').where('id', '=', lecturerId).executeTakeFirstOrThrow()).first_name,
    ).toBe('Redaguotas');

    // Institution B cannot open or change A's lecturer.
    expect((await call(`/lektoriai/${lecturerId}/redaguoti`, { as: adminB })).status).toBe(404);
    const foreign = await call(`/lektoriai/${lecturerId}`, {
      as: adminB,
      values: { ...values, idempotencyKey: crypto.randomUUID(), firstName: 'Svetimas' },
    });
    expect(foreign.status).toBe(404);
    expect(
      (await stack.db.selectFrom('lecturers').select('first_name').where('id', '=', lecturerId).executeTakeFirstOrThrow()).first_name,
    ).toBe('Redaguotas');
  });
});
