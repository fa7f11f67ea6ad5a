// "Sąskaitos faktūros" over HTTP (§3.9; INV-1..INV-21, L8) with the real worker, Postgres and Mailpit:
// a group with certified participants (rows as the certificate batch leaves them) is listed and
// filtered, including the derived "Nepateikta"; its window shows "Mokymo dalyviai" with "Finansavimas"
// "Skirta", ticking shows "Nauja sąskaita faktūra" with "Pasirinkite dokumentą" and the
// reconciliation; a non-PDF or a bad amount is refused; two users submitting the same participant at
// once make exactly one invoice (INV-13); the PDF is viewed and downloaded; another institution gets
// 404; the evaluator's return e-mails the provider (N17) and shows the comment, the corrected
// resubmission is "Pateikta" again; deletion keeps the record and frees the participants.
import { createHash } from 'node:crypto';
import { createInvoiceActivities, type InvoiceSnapshot } from '../../activities/invoice.ts';
import { storeFile } from '../../db/queries/files.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, vilniusDate } from '../../workflows/domain/calendar.ts';
import { invoiceWorkflowId } from '../../workflows/ids.ts';
import { returnInvoiceUpdate, takeForEvaluationUpdate } from '../../workflows/invoice/messages.ts';
import { sampleCertificateData } from '../support/certificate.ts';
import type { InstitutionFixture } from '../support/fixtures.ts';
import { insertGroupRows } from '../support/group-rows.ts';
import { appCaller, ORIGIN } from '../support/http.ts';
import { mailpit, mailpitQuery } from '../support/mailpit.ts';
import { insertParticipant } from '../support/participants.ts';
import { pdfBytes } from '../support/pdf.ts';
import { providerPair } from '../support/providers.ts';
import type { TestSession } from '../support/session.ts';
import { startStack, type TestStack } from '../support/stack.ts';

let stack: TestStack;
let call: ReturnType<typeof appCaller>;
let a: InstitutionFixture;
let asA: TestSession;
let asEmployee: TestSession;
let asB: TestSession;
let groupId: string;
let evaluatorId: string;
const RUN = crypto.randomUUID().slice(0, 8);
const GROUP_NAME = `Baigusi grupė ${RUN}`;
const TODAY = vilniusDate(new Date());
const YESTERDAY = addDays(TODAY, -1);
/** contract id by first name */
const contract: Record<string, string> = {};

/** A certified participant of the group: registration, contract with every completion mark, certificate (INV-4). */
async function certified(firstName: string, funding: 'IMP_KREPSELIS' | 'ASMENINES_LESOS', withCertificate = true) {
  const p = await insertParticipant(stack.db, { firstName });
  const id = crypto.randomUUID();
  await stack.db
    .insertInto('group_registrations')
    .values({
      id,
      group_id: groupId,
      institution_id: a.institutionId,
      person_key: p.personKey,
      first_name: firstName,
      last_name: `Dalyvaitė${RUN}`,
      email: `${firstName.toLowerCase()}+${RUN}@example.lt`,
      phone: null,
      funding,
      status: 'CONTRACTED',
      participant_id: p.participantId,
    })
    .execute();
  const bytes = pdfBytes(`contract-${id}`);
  const file = await stack.db
    .insertInto('stored_files')
    .values({
      institution_id: a.institutionId,
      purpose: 'LEARNING_CONTRACT',
      sha256: createHash('sha256').update(bytes).digest('hex'),
      size: bytes.length,
      content_type: 'application/pdf',
      original_name: 'sutartis.pdf',
      download_name: 'sutartis.pdf',
      uploaded_by: null,
      uploaded_by_personal_code_hash: null,
      content: bytes,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const day = (n: number) => new Date(Date.now() - n * 86_400_000);
  await stack.db
    .insertInto('learning_contracts')
    .values({
      id,
      institution_id: a.institutionId,
      group_id: groupId,
      programme_id: a.programmeId,
      participant_id: p.participantId,
      version: 9,
      phase: 'GALIOJA',
      participant_status: 'PASIRASYTA',
      provider_status: 'PASIRASYTA',
      signing_deadline: day(40),
      number: `SUT-${RUN}-${firstName}`,
      document_file_id: file.id,
      participant_signed_at: day(45),
      provider_signed_at: day(44),
      started_at: day(40),
      completed_at: day(5),
      assessment: 'Įskaityta',
      assessment_confirmed_at: day(5),
      questionnaire_filled_at: day(3),
    })
    .execute();
  if (withCertificate) {
    const number = `KURSUOK-2026-${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`;
    const code = `Inv${crypto.randomUUID().replace(/-/g, '').slice(0, 19)}`;
    await stack.db
      .insertInto('certificates')
      .values({
        contract_id: id,
        institution_id: a.institutionId,
        group_id: groupId,
        programme_id: a.programmeId,
        participant_id: p.participantId,
        number,
        verification_code: code,
        data: sampleCertificateData({ number, verificationCode: code }),
        file_id: file.id,
        file_sha256: 'x',
        issued_on: YESTERDAY,
        generated_at: day(2),
      })
      .execute();
  }
  contract[firstName] = id;
  return id;
}

/** A multipart POST (the invoice PDF) as `as`. */
function postMultipart(
  path: string,
  as: TestSession,
  fields: Record<string, string | string[]>,
  file?: { bytes: Uint8Array; name: string; type: string },
) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) form.append(k, item);
  if (file) form.append('file', new Blob([file.bytes], { type: file.type }), file.name);
  return Promise.resolve(
    stack.app.request(`${ORIGIN}${path}`, {
      method: 'POST',
      headers: { Cookie: as.cookie, Origin: ORIGIN, 'X-CSRF-Token': as.csrf },
      body: form,
    }),
  );
}

const pdf = (text: string) => ({ bytes: pdfBytes(text), name: 'saskaita.pdf', type: 'application/pdf' });
const submitForm = (names: string[], over: Record<string, string> = {}) => ({
  idempotencyKey: crypto.randomUUID(),
  invoiceId: crypto.randomUUID(),
  number: `SF-${RUN}-${Math.floor(Math.random() * 1e6)}`,
  date: YESTERDAY,
  amount: `${names.length * 100},00`,
  dalyvis: names.map((n) => contract[n]!),
  ...over,
});

const invoicesOf = (name: string) =>
  stack.db
    .selectFrom('invoice_participants as ip')
    .innerJoin('invoices as i', 'i.id', 'ip.invoice_id')
    .select(['i.id', 'i.status', 'i.number', 'ip.active'])
    .where('ip.contract_id', '=', contract[name]!)
    .execute();

beforeAll(async () => {
  await mailpit.ensureUp();
  stack = await startStack('invoices-http');
  call = appCaller(stack.app);
  ({ a, asA, asB, asEmployee } = await providerPair(stack.db, {
    names: [`Sąskaitų teikėjas ${RUN}`, `Kitas teikėjas ${RUN}`],
    admin: { email: `admin-inv+${RUN}@example.lt`, names: ['Rūta', 'Administratorė'] },
    employee: { email: `employee-inv+${RUN}@example.lt`, personalCodeHash: `emp-inv-${RUN}` },
  }));
  [groupId] = (await insertGroupRows(stack.db, {
    institutionId: a.institutionId,
    programmeId: a.programmeId,
    venueId: a.venueId,
    count: 1,
    name: () => GROUP_NAME,
    status: () => 'Užbaigta',
    firstStart: addDays(TODAY, -60),
  })) as [string];
  for (const n of ['Ona', 'Jonas', 'Petras']) await certified(n, 'IMP_KREPSELIS');
  await certified('Asta', 'ASMENINES_LESOS');
  await certified('Rima', 'IMP_KREPSELIS', false);
  const staff = await stack.db
    .insertInto('staff_members')
    .values({ person_key: `sf-${RUN}`, role: 'SF_VERTINTOJAS', first_name: 'Vida', last_name: 'Vertintoja', email: `sf+${RUN}@example.lt` })
    .returning('id')
    .executeTakeFirstOrThrow();
  evaluatorId = staff.id;
});

afterAll(async () => {
  await stack?.stop();
});

describe('Sąskaitos faktūros (§3.9)', () => {
  it('INV-1, INV-2, INV-15: the group is listed, "Nepateikta" while invoiceable participants are on no invoice', async () => {
    const all = await (await call('/saskaitos-fakturos', { as: asA })).text();
    expect(all).toContain(GROUP_NAME);
    expect(all).toContain(`href="/saskaitos-fakturos/grupe/${groupId}"`);
    expect(await (await call(`/saskaitos-fakturos?busena=${encodeURIComponent('Nepateikta')}`, { as: asA })).text()).toContain(GROUP_NAME);
    expect(await (await call(`/saskaitos-fakturos?busena=${encodeURIComponent('Apmokėta')}`, { as: asA })).text()).not.toContain(
      GROUP_NAME,
    );
    expect((await call('/saskaitos-fakturos?busena=Bet+kas', { as: asA })).status).toBe(400);
    // Another institution does not see it; the application list links it.
    expect(await (await call('/saskaitos-fakturos', { as: asB })).text()).not.toContain(GROUP_NAME);
    expect(await (await call('/', { as: asA })).text()).toContain('href="/saskaitos-fakturos"');
  });

  it('INV-3..INV-10, INV-14: the window, "Skirta", only IMP participants tickable; ticking shows the new invoice and the reconciliation', async () => {
    const page = await (await call(`/saskaitos-fakturos/grupe/${groupId}`, { as: asA })).text();
    expect(page).toContain('Mokymo dalyviai');
    expect(page).toContain('Finansavimas');
    expect(page).toContain('Skirta');
    expect(page).toContain('Asmeninės lėšos');
    expect(page).toContain('Nauja sąskaita faktūra');
    expect(page).not.toContain('Pasirinkite dokumentą');
    for (const n of ['Ona', 'Jonas', 'Petras']) expect(page).toContain(`value="${contract[n]}"`);
    expect(page).not.toContain(`value="${contract.Asta}"`);
    // INV-4: without a certificate she is not listed.
    expect(page).not.toContain(`Rima Dalyvaitė${RUN}`);
    const ticked = await (
      await call(`/saskaitos-fakturos/grupe/${groupId}?dalyvis=${contract.Ona}&dalyvis=${contract.Jonas}&dalyvis=${contract.Asta}`, {
        as: asA,
      })
    ).text();
    expect(ticked).toContain('Pasirinkite dokumentą');
    expect(ticked).toMatch(/data-expected-total[^>]*>200,00 Eur/);
    // The personal-funds tick is ignored (not tickable).
    expect(ticked).not.toContain(`name="dalyvis" value="${contract.Asta}"`);
    const panel = await (
      await call(`/saskaitos-fakturos/grupe/${groupId}/suderinimas?dalyvis=${contract.Ona}&dalyvis=${contract.Jonas}&amount=250`, {
        as: asA,
        htmx: true,
      })
    ).text();
    expect(panel).toContain('Sąskaitos faktūros suma 250,00 Eur didesnė nei tikėtina 200,00 Eur (2 × 100,00 Eur)');
  });

  it('INV-11, bad input: a non-PDF, a forged PDF, an amount with three decimals, a personal-funds participant — refused, nothing stored', async () => {
    const before = await stack.db.selectFrom('invoices').select('id').where('group_id', '=', groupId).execute();
    const png = {
      bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      name: 'saskaita.png',
      type: 'image/png',
    };
    const notPdf = await postMultipart(`/saskaitos-fakturos/grupe/${groupId}/pateikti`, asA, submitForm(['Ona']), png);
    expect(notPdf.status).toBe(422);
    expect(await notPdf.text()).toContain('PDF');
    const forged = await postMultipart(`/saskaitos-fakturos/grupe/${groupId}/pateikti`, asA, submitForm(['Ona']), {
      bytes: new TextEncoder().encode('%PDF-1.4 not really'),
      name: 'saskaita.pdf',
      type: 'application/pdf',
    });
    expect(forged.status).toBe(422);
    const amount = await postMultipart(
      `/saskaitos-fakturos/grupe/${groupId}/pateikti`,
      asA,
      submitForm(['Ona'], { amount: '100,005' }),
      pdf('a'),
    );
    expect(amount.status).toBe(422);
    expect(await amount.text()).toContain('ne daugiau kaip dviem skaičiais po kablelio');
    const personal = await postMultipart(`/saskaitos-fakturos/grupe/${groupId}/pateikti`, asA, submitForm(['Asta']), pdf('b'));
    expect(personal.status).toBe(409);
    expect(await personal.text()).toContain('finansavimas „Skirta“');
    expect(await stack.db.selectFrom('invoices').select('id').where('group_id', '=', groupId).execute()).toEqual(before);
  });

  it('INV-12, INV-13: two users submit the same participant at once — exactly one invoice holds her', async () => {
    const [r1, r2] = await Promise.all([
      postMultipart(`/saskaitos-fakturos/grupe/${groupId}/pateikti`, asA, submitForm(['Ona', 'Jonas']), pdf('pirma')),
      postMultipart(`/saskaitos-fakturos/grupe/${groupId}/pateikti`, asEmployee, submitForm(['Ona']), pdf('antra')),
    ]);
    const statuses = [r1.status, r2.status].sort();
    expect(statuses).toEqual([303, 409]);
    const refused = r1.status === 409 ? r1 : r2;
    expect(await refused.text()).toContain(`Ona Dalyvaitė${RUN}`);
    const held = await invoicesOf('Ona');
    expect(held.filter((h) => h.active)).toHaveLength(1);
    const invoices = await stack.db.selectFrom('invoices').selectAll().where('group_id', '=', groupId).execute();
    expect(invoices).toHaveLength(1);
    expect(invoices[0]).toMatchObject({ status: 'Pateikta', version: 1 });
    expect(invoices[0]!.evaluation_due_at!.getTime()).toBeGreaterThan(Date.now() + 13 * 86_400_000);
    // Audit: who submitted (INV-12).
    const audit = await stack.db
      .selectFrom('audit_log')
      .select(['action', 'actor_user_id'])
      .where('entity_id', '=', invoices[0]!.id)
      .execute();
    expect(audit.map((x) => x.action)).toEqual(['INVOICE_SUBMITTED']);
    // The window lists it; Ona is no longer tickable; "Pateikta" filters the group in.
    const page = await (await call(`/saskaitos-fakturos/grupe/${groupId}`, { as: asA })).text();
    expect(page).toContain(invoices[0]!.number);
    expect(page).not.toContain(`name="dalyvis" value="${contract.Ona}"`);
    expect(page).toContain('Vertinimo terminas');
    expect(await (await call('/saskaitos-fakturos?busena=Pateikta', { as: asA })).text()).toContain(GROUP_NAME);
    // A later submission of Ona is refused by the page as well.
    const later = await postMultipart(`/saskaitos-fakturos/grupe/${groupId}/pateikti`, asA, submitForm(['Ona']), pdf('vėliau'));
    expect(later.status).toBe(409);
  });

  it('INV-7: view and download the PDF; another institution gets 404 everywhere', async () => {
    const [inv] = await stack.db.selectFrom('invoices').selectAll().where('group_id', '=', groupId).execute();
    const file = await stack.db
      .selectFrom('stored_files')
      .select(['content', 'purpose'])
      .where('id', '=', inv!.file_id)
      .executeTakeFirstOrThrow();
    expect(file.purpose).toBe('INVOICE');
    const download = await call(`/saskaitos-fakturos/saskaita/${inv!.id}/pdf`, { as: asA });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toMatch(/^attachment/);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(new Uint8Array(file.content));
    const view = await call(`/saskaitos-fakturos/saskaita/${inv!.id}/pdf?perziura=1`, { as: asA });
    expect(view.headers.get('content-disposition')).toMatch(/^inline/);
    expect((await call(`/saskaitos-fakturos/saskaita/${inv!.id}`, { as: asA })).status).toBe(200);
    for (const path of [
      `/saskaitos-fakturos/grupe/${groupId}`,
      `/saskaitos-fakturos/saskaita/${inv!.id}`,
      `/saskaitos-fakturos/saskaita/${inv!.id}/pdf`,
    ])
      expect((await call(path, { as: asB })).status, path).toBe(404);
    expect(
      (await call(`/saskaitos-fakturos/saskaita/${inv!.id}/trinti`, { as: asB, body: { idempotencyKey: crypto.randomUUID() } })).status,
    ).toBe(404);
    const foreign = await postMultipart(`/saskaitos-fakturos/grupe/${groupId}/pateikti`, asB, submitForm(['Petras']), pdf('svetima'));
    expect(foreign.status).toBe(404);
    expect(await invoicesOf('Petras')).toEqual([]);
  });

  it('I3, I4, I5 (INV-18, INV-20): returned with a comment — e-mailed, shown, resubmitted with another selection; I2 deletion frees them', async () => {
    const [inv] = await stack.db.selectFrom('invoices').selectAll().where('group_id', '=', groupId).execute();
    const handle = stack.client.workflow.getHandle(invoiceWorkflowId(inv!.id));
    const evaluator = { evaluatorId, personKey: `sf-${RUN}`, name: 'Vida Vertintoja', requestId: 'test' };
    await handle.executeUpdate(takeForEvaluationUpdate, { args: [{ actor: evaluator }], updateId: `take-${RUN}` });
    // INV-16: no deletion under evaluation.
    const refusedDelete = await call(`/saskaitos-fakturos/saskaita/${inv!.id}/trinti`, {
      as: asA,
      body: { idempotencyKey: crypto.randomUUID() },
    });
    expect(refusedDelete.status).toBe(409);
    const comment = `Trūksta Jono pažymėjimo kopijos ${RUN}.`;
    await handle.executeUpdate(returnInvoiceUpdate, { args: [{ actor: evaluator, comment }], updateId: `return-${RUN}` });
    const mail = await mailpit.waitForMessage(
      () => true,
      15_000,
      mailpitQuery({ to: `admin-inv+${RUN}@example.lt`, subject: `Sąskaitos faktūros ${inv!.number} būsena: Grąžinta papildymui` }),
    );
    expect((await mailpit.message(mail.ID)).Text).toContain(comment);
    const page = await (await call(`/saskaitos-fakturos/saskaita/${inv!.id}`, { as: asA })).text();
    expect(page).toContain('Vertintojo komentaras');
    expect(page).toContain(comment);
    expect(page).toContain('Pateikti pataisytą sąskaitą faktūrą');
    // The corrected invoice holds Ona and Petras (Jonas dropped).
    const resubmitted = await postMultipart(
      `/saskaitos-fakturos/saskaita/${inv!.id}/pateikti-pakartotinai`,
      asA,
      {
        idempotencyKey: crypto.randomUUID(),
        number: inv!.number,
        date: YESTERDAY,
        amount: '200',
        dalyvis: [contract.Ona!, contract.Petras!],
      },
      pdf('pataisyta'),
    );
    expect(resubmitted.status).toBe(303);
    const row = await stack.db.selectFrom('invoices').selectAll().where('id', '=', inv!.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('Pateikta');
    expect(row.file_id).not.toBe(inv!.file_id);
    const held = await stack.db
      .selectFrom('invoice_participants')
      .select(['contract_id', 'active'])
      .where('invoice_id', '=', inv!.id)
      .execute();
    expect(held.map((h) => h.contract_id).sort()).toEqual([contract.Ona!, contract.Petras!].sort());
    // I2: deleted — the record stays "Ištrinta", its participants are free again ("Nepateikta").
    const deleted = await call(`/saskaitos-fakturos/saskaita/${inv!.id}/trinti`, {
      as: asA,
      body: { idempotencyKey: crypto.randomUUID() },
    });
    expect(deleted.status).toBe(303);
    const gone = await stack.db.selectFrom('invoices').selectAll().where('id', '=', inv!.id).executeTakeFirstOrThrow();
    expect(gone).toMatchObject({ status: 'Ištrinta', deleted_by_user_id: a.userId });
    expect((await invoicesOf('Ona')).every((h) => !h.active)).toBe(true);
    const window = await (await call(`/saskaitos-fakturos/grupe/${groupId}`, { as: asA })).text();
    expect(window).toContain(`name="dalyvis" value="${contract.Ona}"`);
    expect(window).toContain('Ištrinta');
    expect(await (await call('/saskaitos-fakturos?busena=Ištrinta', { as: asA })).text()).toContain(GROUP_NAME);
  });
  it('INV-13 in the database: a submission racing an uncommitted one for the same participant is refused by the unique index, naming her, storing nothing', async () => {
    const activities = createInvoiceActivities({ db: stack.db, config: stack.config });
    const stored = await storeFile(stack.db, {
      institutionId: a.institutionId,
      purpose: 'INVOICE',
      bytes: pdfBytes('lenktynės'),
      contentType: 'application/pdf',
      originalName: 'saskaita.pdf',
      downloadName: 'saskaita.pdf',
      uploader: { userId: a.userId, personalCodeHash: a.personalCodeHash, requestId: null },
    });
    const now = new Date().toISOString();
    const snapshot = (id: string, number: string): InvoiceSnapshot => ({
      id,
      institutionId: a.institutionId,
      programmeId: a.programmeId,
      groupId,
      status: 'Pateikta',
      number,
      invoiceDate: YESTERDAY,
      amountCents: 10_000,
      fileId: stored.id,
      submittedByUserId: a.userId,
      submittedByName: 'Rūta Administratorė',
      firstSubmittedAt: now,
      submittedAt: now,
      evaluationDueAt: null,
      reminderDueAt: null,
      remindedAt: null,
      escalatedAt: null,
      evaluatorId: null,
      evaluatorName: null,
      takenAt: null,
      decidedAt: null,
      evaluatorComment: null,
      rejectionReason: null,
      deletedAt: null,
      deletedByUserId: null,
      transferredAt: null,
      paymentOrderId: null,
      paidAt: null,
      version: 1,
    });
    const first = crypto.randomUUID();
    const second = crypto.randomUUID();
    const project = (id: string, number: string) =>
      activities.projectInvoice({
        snapshot: snapshot(id, number),
        participants: [contract.Petras!],
        action: 'INVOICE_SUBMITTED',
        actor: { kind: 'user', userId: a.userId, personalCodeHash: a.personalCodeHash },
        requestId: null,
        notify: false,
      });
    // The first submission's transaction is held open after its insert; the second reads Petras as free,
    // inserts, and waits on the index until the first commits — then the index refuses it.
    let racing: ReturnType<typeof project> | undefined;
    await stack.db.transaction().execute(async (trx) => {
      const row = snapshot(first, `SF-${RUN}-RACE-1`);
      await trx
        .insertInto('invoices')
        .values({
          id: row.id,
          institution_id: row.institutionId,
          programme_id: row.programmeId,
          group_id: row.groupId,
          status: 'Pateikta',
          number: row.number,
          invoice_date: row.invoiceDate,
          amount: '100.00',
          file_id: row.fileId,
          submitted_by_user_id: row.submittedByUserId,
          submitted_by_name: row.submittedByName,
          first_submitted_at: new Date(now),
          submitted_at: new Date(now),
          version: 1,
        })
        .execute();
      await trx.insertInto('invoice_participants').values({ invoice_id: first, contract_id: contract.Petras!, active: true }).execute();
      racing = project(second, `SF-${RUN}-RACE-2`);
      await new Promise((r) => setTimeout(r, 500));
    });
    expect(await racing).toEqual({
      ok: false,
      refusal: `Petras Dalyvaitė${RUN}: dalyvis jau įtrauktas į kitą aktyvią sąskaitą faktūrą (SF-${RUN}-RACE-1). Sąskaita faktūra nepateikta.`,
    });
    expect(await stack.db.selectFrom('invoices').select('id').where('id', '=', second).execute()).toEqual([]);
    expect((await invoicesOf('Petras')).filter((h) => h.active).map((h) => h.id)).toEqual([first]);
    // Now visible: a third submission is refused before the index (INV-4/INV-13 check in the same transaction).
    const third = await project(crypto.randomUUID(), `SF-${RUN}-RACE-3`);
    expect(third).toEqual({
      ok: false,
      refusal: expect.stringContaining(`Petras Dalyvaitė${RUN}: dalyvis jau įtrauktas į sąskaitą faktūrą SF-${RUN}-RACE-1`),
    });
  });
});
