// "Ataskaita. Dalyvių informacija" over HTTP (§3.11; REP-5..REP-8): rows as the workflows leave them
// (registrations, contracts with completion marks, certificates, an invoice, a document under review,
// a UŽT coupon) written straight into Postgres — the report reads only Postgres. Every REP-7 criterion
// narrows the set; breakdowns by one and two dimensions give the counts table and the SVG chart; the
// line of registrations over time; 50 participants per page in a stable order; bad input is a 422
// with a Lithuanian message and the form kept; another institution's rows, programmes and groups stay
// out (REP-8); the access matrix; the export source streams the same rows.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { participantReportExport } from '../../db/queries/participant-report.ts';
import { GroupStatus } from '../../workflows/domain/group-status.ts';
import type { InstitutionFixture } from '../support/fixtures.ts';
import { insertGroupRows } from '../support/group-rows.ts';
import { appCaller } from '../support/http.ts';
import { postExport } from '../support/report-rows.ts';
import { certifiedParticipant } from '../support/invoices.ts';
import { pdfBytes } from '../support/pdf.ts';
import { providerPair } from '../support/providers.ts';
import { sessionFor, type TestSession } from '../support/session.ts';
import { startStack, type TestStack } from '../support/stack.ts';

const PATH = '/ataskaitos/dalyviai';
const RUN = crypto.randomUUID().slice(0, 8);
const FOREIGN = `Svetimas${RUN}`;

let stack: TestStack;
let call: ReturnType<typeof appCaller>;
let a: InstitutionFixture;
let b: InstitutionFixture;
let asA: TestSession;
let asB: TestSession;
let asEmployee: TestSession;
let groups: { delivery: string; published: string; completed: string; paging: string };
let bGroup: string;

async function storedPdf(institutionId: string, label: string): Promise<string> {
  const bytes = pdfBytes(label);
  const row = await stack.db
    .insertInto('stored_files')
    .values({
      institution_id: institutionId,
      purpose: 'INVOICE',
      sha256: createHash('sha256').update(bytes).digest('hex'),
      size: bytes.length,
      content_type: 'application/pdf',
      original_name: `${label}.pdf`,
      download_name: `${label}.pdf`,
      uploaded_by: null,
      uploaded_by_personal_code_hash: null,
      content: bytes,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A registration (and its participant account) registered at `at`. */
async function registration(
  institutionId: string,
  groupId: string,
  p: { firstName: string; lastName?: string; funding: 'IMP_KREPSELIS' | 'ASMENINES_LESOS' | 'UZT'; status: string; at: string },
): Promise<{ id: string; participantId: string }> {
  const personKey = `rep-${RUN}-${crypto.randomUUID()}`;
  const participant = await stack.db
    .insertInto('participants')
    .values({ person_key: personKey, first_name: p.firstName, last_name: p.lastName ?? `Dalyvaitė${RUN}`, citizen: true })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = crypto.randomUUID();
  await stack.db
    .insertInto('group_registrations')
    .values({
      id,
      group_id: groupId,
      institution_id: institutionId,
      person_key: personKey,
      first_name: p.firstName,
      last_name: p.lastName ?? `Dalyvaitė${RUN}`,
      email: `${p.firstName.toLowerCase()}.${RUN}@example.lt`,
      phone: null,
      funding: p.funding,
      status: p.status as 'REGISTERED',
      registered_at: new Date(p.at),
      participant_id: participant.id,
    })
    .execute();
  return { id, participantId: participant.id };
}

/** The report page's numbers: "Kriterijus atitinka dalyvių registracijų: N". */
function total(html: string): number {
  const m = /Kriterijus atitinka dalyvių registracijų: <strong>(\d+)<\/strong>/.exec(html);
  if (!m) throw new Error(`no total in the page: ${html.slice(0, 400)}`);
  return Number(m[1]);
}

/** The one-dimension counts table as label → count. */
function countsTable(html: string): Record<string, number> {
  const table = /<table class="striped report-counts">([\s\S]*?)<\/table>/.exec(html)?.[1] ?? '';
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(table)?.[1] ?? '';
  return Object.fromEntries([...body.matchAll(/<th scope="row">([^<]*)<\/th><td>(\d+)<\/td>/g)].map((m) => [m[1]!, Number(m[2])]));
}

/** The participants table's names, in order. */
function names(html: string): string[] {
  const table = /<table class="striped report-participants">([\s\S]*?)<\/table>/.exec(html)?.[1] ?? '';
  return [...table.matchAll(/<tr><th scope="row">([^<]*)<br/g)].map((m) => m[1]!);
}

async function page(query: string, as: TestSession = asA, htmx = false): Promise<{ status: number; html: string }> {
  const res = await call(`${PATH}${query ? `?${query}` : ''}`, { as, htmx });
  return { status: res.status, html: await res.text() };
}

beforeAll(async () => {
  stack = await startStack('participant-report-http', { worker: false });
  call = appCaller(stack.app);
  ({ a, b, asA, asB, asEmployee } = await providerPair(stack.db, {
    names: ['Ataskaitų institucija', 'Kita institucija'],
    admin: { email: `admin.${RUN}@example.lt`, names: ['Asta', 'Administratorė'] },
    employee: { email: `darbuotojas.${RUN}@example.lt`, personalCodeHash: `emp-${RUN}` },
  }));
  const [delivery, published, completed, paging] = await insertGroupRows(stack.db, {
    institutionId: a.institutionId,
    programmeId: a.programmeId,
    venueId: a.venueId,
    count: 4,
    name: (i) => [`Vykdoma grupė ${RUN}`, `Skelbiama grupė ${RUN}`, `Baigta grupė ${RUN}`, `Didelė grupė ${RUN}`][i]!,
    status: (i) => [GroupStatus.InDelivery, GroupStatus.Published, GroupStatus.Completed, GroupStatus.Draft][i]!,
  });
  groups = { delivery: delivery!, published: published!, completed: completed!, paging: paging! };
  // "Vykdoma": a contracted participant in training, an approved one without a contract, a rejected one.
  const ona = await registration(a.institutionId, groups.delivery, {
    firstName: 'Ona',
    funding: 'IMP_KREPSELIS',
    status: 'CONTRACTED',
    at: '2026-03-02T08:00:00Z',
  });
  await stack.db
    .insertInto('learning_contracts')
    .values({
      id: ona.id,
      institution_id: a.institutionId,
      group_id: groups.delivery,
      programme_id: a.programmeId,
      participant_id: ona.participantId,
      version: 3,
      phase: 'GALIOJA',
      participant_status: 'PASIRASYTA',
      provider_status: 'PASIRASYTA',
      signing_deadline: new Date('2026-03-20T00:00:00Z'),
      started_at: new Date('2026-03-25T08:00:00Z'),
    })
    .execute();
  await registration(a.institutionId, groups.delivery, {
    firstName: 'Petras',
    funding: 'ASMENINES_LESOS',
    status: 'APPROVED',
    at: '2026-03-02T12:00:00Z',
  });
  await registration(a.institutionId, groups.delivery, {
    firstName: 'Rimas',
    funding: 'IMP_KREPSELIS',
    status: 'REJECTED',
    at: '2026-03-04T09:00:00Z',
  });
  // "Skelbiama": a UŽT registration with its coupon awaiting UŽT and a document awaiting review.
  const uzt = await registration(a.institutionId, groups.published, {
    firstName: 'Ugnė',
    funding: 'UZT',
    status: 'REGISTERED',
    at: '2026-03-10T09:00:00Z',
  });
  await stack.db
    .insertInto('uzt_coupons')
    .values({ registration_id: uzt.id, institution_id: a.institutionId, section1: { couponNumber: `K-${RUN}` }, status: 'LAUKIA_UZT' })
    .execute();
  const doc = pdfBytes(`diplomas-${RUN}`);
  await stack.db
    .insertInto('participant_documents')
    .values({
      id: crypto.randomUUID(),
      participant_id: uzt.participantId,
      kind: 'ISSILAVINIMAS',
      content_type: 'application/pdf',
      original_name: 'diplomas.pdf',
      size: doc.length,
      sha256: createHash('sha256').update(doc).digest('hex'),
      content: doc,
      review_due_at: new Date(Date.now() + 3 * 86_400_000),
    })
    .execute();
  // "Užbaigta": two certified participants, one of them on a submitted invoice.
  const where = { institutionId: a.institutionId, programmeId: a.programmeId, groupId: groups.completed };
  const baigusi = await certifiedParticipant(stack.db, where, { firstName: 'Birutė', lastName: `Baigusi${RUN}` });
  await certifiedParticipant(stack.db, where, { firstName: 'Jurgis', lastName: `Baigęs${RUN}` });
  const invoiceId = crypto.randomUUID();
  await stack.db
    .insertInto('invoices')
    .values({
      id: invoiceId,
      institution_id: a.institutionId,
      programme_id: a.programmeId,
      group_id: groups.completed,
      status: 'Pateikta',
      number: `SF-${RUN}`,
      invoice_date: '2026-04-01',
      amount: '100.00',
      file_id: await storedPdf(a.institutionId, `sf-${RUN}`),
      submitted_by_user_id: a.userId,
      submitted_by_name: 'Asta Administratorė',
      first_submitted_at: new Date(),
      submitted_at: new Date(),
      version: 1,
    })
    .execute();
  await stack.db
    .insertInto('invoice_participants')
    .values({ invoice_id: invoiceId, contract_id: baigusi.contractId, active: true })
    .execute();
  // "Kuriama": 55 registrations, a minute apart, for the paging.
  for (let i = 0; i < 55; i++) {
    await registration(a.institutionId, groups.paging, {
      firstName: `Eilė${String(i).padStart(2, '0')}`,
      funding: 'ASMENINES_LESOS',
      status: 'REGISTERED',
      at: new Date(Date.parse('2026-02-01T08:00:00Z') + i * 60_000).toISOString(),
    });
  }
  // Institution B: its own group and participant, never in A's report.
  const [onlyB] = await insertGroupRows(stack.db, {
    institutionId: b.institutionId,
    programmeId: b.programmeId,
    venueId: b.venueId,
    count: 1,
    name: () => `B grupė ${RUN}`,
    status: () => GroupStatus.InDelivery,
  });
  bGroup = onlyB!;
  await registration(b.institutionId, bGroup, {
    firstName: FOREIGN,
    funding: 'IMP_KREPSELIS',
    status: 'APPROVED',
    at: '2026-03-02T10:00:00Z',
  });
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

describe('Ataskaita. Dalyvių informacija', () => {
  it('is in the menu and opens with every registration of the institution, broken down by registration status (REP-5, REP-8)', async () => {
    const { status, html } = await page('');
    expect(status).toBe(200);
    expect(html).toContain('<h1>Ataskaita. Dalyvių informacija</h1>');
    expect(html).toContain(`<a href="${PATH}" aria-current="page">Ataskaita. Dalyvių informacija</a>`);
    expect(total(html)).toBe(3 + 1 + 2 + 55);
    expect(countsTable(html)).toEqual({ Užsiregistravo: 56, Patvirtinta: 1, 'Sutartis pasirašyta': 3, Atmesta: 1 });
    expect(html).toContain('role="img"');
    expect(html).not.toContain(FOREIGN);
    // "Eksportuoti CSV" / "Eksportuoti XLSX" carry the page's criteria.
    expect(html).toMatch(
      /<form class="export-buttons" method="post" action="\/ataskaitos\/dalyviai\/eksportas\?pjuvis=registracijos_busena"/,
    );
    expect(html).toMatch(/<input type="hidden" name="raktas" value="[0-9a-f-]{36}"\/>/);
    expect(html).toContain('Eksportuoti XLSX');
    // The first opening's breakdown is in the form, so submitting it keeps it.
    expect(html).toMatch(/<option value="registracijos_busena" selected="">Registracijos būsena<\/option>/);
  });

  it('every REP-7 criterion narrows the set', async () => {
    const cases: [string, string[]][] = [
      [`programa=${a.programmeId}&grupe=${groups.delivery}`, ['Ona', 'Petras', 'Rimas']],
      ['grupes_busena=Vykdoma&grupes_busena=Skelbiama', ['Ona', 'Petras', 'Rimas', 'Ugnė']],
      ['finansavimas=UZT', ['Ugnė']],
      ['registracijos_busena=REJECTED', ['Rimas']],
      ['dokumentai=LAUKIA', ['Ugnė']],
      ['sutartis=GALIOJA&grupes_busena=Vykdoma', ['Ona']],
      ['sutartis=NERA&grupes_busena=Vykdoma', ['Petras', 'Rimas']],
      ['eiga=PRADEJO', ['Ona']],
      ['eiga=BAIGE', ['Birutė', 'Jurgis']],
      ['pazymejimas=ISDUOTAS', ['Birutė', 'Jurgis']],
      ['saskaita=Pateikta', ['Birutė']],
      ['saskaita=Nepateikta&grupes_busena=U%C5%BEbaigta', ['Jurgis']],
      ['uzt_kuponas=LAUKIA_UZT', ['Ugnė']],
      ['registruota_nuo=2026-03-02&registruota_iki=2026-03-04', ['Ona', 'Petras', 'Rimas']],
      ['registruota_nuo=2026-03-03&registruota_iki=2026-03-10', ['Rimas', 'Ugnė']],
    ];
    for (const [query, expected] of cases) {
      const { status, html } = await page(query);
      expect(status, query).toBe(200);
      expect(
        names(html)
          .map((n) => n.split(' ')[0])
          .sort(),
        query,
      ).toEqual([...expected].sort());
      expect(total(html), query).toBe(expected.length);
    }
  });

  it('breaks the counts down by one dimension, then by two (a cross table and grouped bars)', async () => {
    const one = await page('grupes_busena=Vykdoma&pjuvis=finansavimas');
    expect(countsTable(one.html)).toEqual({ 'IMP krepšelis': 2, 'Asmeninės lėšos': 1 });
    expect(one.html).toContain('Dalyvių skaičius pagal „Finansavimo šaltinis“');

    const two = await page('grupes_busena=Vykdoma&grupes_busena=U%C5%BEbaigta&pjuvis=grupes_busena&pjuvis2=sutartis');
    expect(two.status).toBe(200);
    const table = /<table class="striped report-counts">([\s\S]*?)<\/table>/.exec(two.html)![1]!;
    // Columns in the vocabulary's order: no contract, then "Galioja"; rows in the group statuses' order.
    expect([...table.matchAll(/<th scope="col">([^<]*)<\/th>/g)].map((m) => m[1]).slice(1)).toEqual([
      'Sutarties nėra',
      'Galioja',
      'Iš viso',
    ]);
    const rows = [...table.matchAll(/<tr><th scope="row">([^<]*)<\/th>((?:<td>\d+<\/td>)+)<\/tr>/g)].map((m) => [
      m[1],
      [...m[2]!.matchAll(/<td>(\d+)<\/td>/g)].map((c) => Number(c[1])),
    ]);
    expect(rows).toEqual([
      ['Vykdoma', [2, 1, 3]],
      ['Užbaigta', [0, 2, 2]],
      ['Iš viso', [2, 3, 5]],
    ]);
    // Grouped bars: one bar per (row, column), each named.
    expect(two.html).toContain('<title>Vykdoma – Galioja: 1</title>');
    expect(two.html).toContain('<title>Užbaigta – Galioja: 2</title>');
  });

  it('draws the registrations over time for the chosen range, by day', async () => {
    const { html } = await page('registruota_nuo=2026-03-01&registruota_iki=2026-03-05');
    expect(html).toContain('Registracijų skaičius dienomis');
    const details = /<details>([\s\S]*?)<\/details>/.exec(html)![1]!;
    const points = [...details.matchAll(/<th scope="row">([^<]*)<\/th><td>(\d+)<\/td>/g)].map((m) => [m[1], Number(m[2])]);
    expect(points).toEqual([
      ['2026-03-01', 0],
      ['2026-03-02', 2],
      ['2026-03-03', 0],
      ['2026-03-04', 1],
      ['2026-03-05', 0],
    ]);
  });

  it('pages the participants 50 at a time, newest first, the pager carrying the criteria', async () => {
    const query = `grupe=${groups.paging}`;
    const first = await page(query);
    const second = await page(`${query}&puslapis=2`);
    const p1 = names(first.html);
    const p2 = names(second.html);
    expect(p1).toHaveLength(50);
    expect(p2).toHaveLength(5);
    expect(p1[0]).toMatch(/^Eilė54 /);
    expect(p2.at(-1)).toMatch(/^Eilė00 /);
    expect(new Set([...p1, ...p2]).size).toBe(55);
    expect(first.html).toContain(`href="${PATH}?grupe=${groups.paging}&amp;puslapis=2"`);
    // A page past the end shows the last one.
    expect(names((await page(`${query}&puslapis=9`)).html)).toEqual(p2);
  });

  it('answers htmx with the report region only (the criteria form and the results)', async () => {
    const { status, html } = await page('finansavimas=UZT', asA, true);
    expect(status).toBe(200);
    expect(html).not.toContain('<html');
    expect(html.startsWith('<div id="ataskaita">')).toBe(true);
    expect(names(html).map((n) => n.split(' ')[0])).toEqual(['Ugnė']);
  });

  it('refuses bad criteria with 422, a Lithuanian message and the form kept — never an empty report', async () => {
    const unknown = await page('grupes_busena=Archyvuota&finansavimas=UZT');
    expect(unknown.status).toBe(422);
    expect(unknown.html).toContain('Neleistina reikšmė „Archyvuota“ kriterijui „Grupės būsena“.');
    expect(unknown.html).toMatch(/<option value="UZT" selected="">/);
    expect(unknown.html).not.toContain('Kriterijus atitinka dalyvių registracijų');

    const range = await page('registruota_nuo=2026-03-10&registruota_iki=2026-03-01');
    expect(range.status).toBe(422);
    expect(range.html).toContain('Registracijos laikotarpio pabaiga negali būti ankstesnė už jo pradžią.');
    expect(range.html).toContain('value="2026-03-10"');
    expect(range.html).toContain('aria-invalid="true"');

    const dimension = await page('pjuvis=amzius');
    expect(dimension.status).toBe(422);
    expect(dimension.html).toContain('Nežinomas pjūvis: „amzius“.');

    const malformed = await page('pradzia_nuo=2026-13-01');
    expect(malformed.status).toBe(422);
    expect(malformed.html).toContain('data turi būti formatu MMMM-MM-DD');
  });

  it('keeps to the institution (REP-8): B sees only its own; its programme or group in A’s criteria is an unknown value', async () => {
    const bPage = await page('');
    expect(bPage.html).not.toContain(FOREIGN);
    const asBPage = await page('', asB);
    expect(asBPage.status).toBe(200);
    expect(names(asBPage.html).map((n) => n.split(' ')[0])).toEqual([FOREIGN]);
    expect(asBPage.html).not.toContain(`Vykdoma grupė ${RUN}`);
    expect(asBPage.html).not.toContain(a.programmeId);

    const foreignGroup = await page(`grupe=${bGroup}`);
    expect(foreignGroup.status).toBe(422);
    expect(foreignGroup.html).toContain('Pasirinkta nežinoma reikšmė kriterijui „Mokymo grupė“.');
    expect(foreignGroup.html).not.toContain(FOREIGN);
    const foreignProgramme = await page(`programa=${b.programmeId}`);
    expect(foreignProgramme.status).toBe(422);
    // A's group in B's report is just as unknown.
    expect((await page(`grupe=${groups.delivery}`, asB)).status).toBe(422);
  });

  it('follows the access matrix: an employee may, a contract signer and the head may not', async () => {
    expect((await page('', asEmployee)).status).toBe(200);
    const signer = await stack.db
      .insertInto('institution_users')
      .values({
        institution_id: a.institutionId,
        first_name: 'Sigita',
        last_name: 'Pasirašančioji',
        email: `signer.${RUN}@example.lt`,
        rights: ['SUTARCIU_PASIRASYMAS'],
        signing_document: 'Įgaliojimas Nr. 1',
        status: 'ACTIVE',
        personal_code_hash: `signer-${RUN}`,
        confirmed_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const asSigner = await sessionFor(stack.db, { personalCodeHash: `signer-${RUN}`, institutionId: a.institutionId, userId: signer.id });
    const denied = await page('', asSigner);
    expect(denied.status).toBe(403);
    expect(denied.html).not.toContain('Ona');
    // The institution's head (a legal-entity session without a user): not in the matrix row.
    await stack.db
      .updateTable('institutions')
      .set({ head_personal_code_hash: `head-${RUN}` })
      .where('id', '=', a.institutionId)
      .execute();
    const asHead = await sessionFor(stack.db, { personalCodeHash: `head-${RUN}`, institutionId: a.institutionId, isHead: true });
    expect(await (await call('/', { as: asHead })).text()).not.toContain(`href="${PATH}"`);
    expect((await page('', asHead)).status).toBe(403);
    expect((await call(PATH)).status).not.toBe(200);
  });

  it('exports the same rows through the export source, in registration order, within the institution', async () => {
    const query = 'grupes_busena=Vykdoma&grupes_busena=U%C5%BEbaigta&pjuvis=sutartis';
    expect(await participantReportExport.count(stack.db, a.institutionId, query)).toBe(5);
    const rows: Record<string, unknown>[] = [];
    for await (const r of participantReportExport.rows(stack.db, a.institutionId, query)) rows.push(r);
    // Ona, Petras and Rimas registered in March 2026; the certified two at set-up time, Birutė first.
    expect(rows.map((r) => r.firstName)).toEqual(['Ona', 'Petras', 'Rimas', 'Birutė', 'Jurgis']);
    const ona = rows.find((r) => r.firstName === 'Ona')!;
    expect(ona).toMatchObject({
      group: `Vykdoma grupė ${RUN}`,
      groupStatus: 'Vykdoma',
      funding: 'IMP krepšelis',
      registrationStatus: 'Sutartis pasirašyta',
      contractStatus: 'Galioja',
      progress: 'Mokymus pradėjo',
      certificate: 'Pažymėjimas neišduotas',
      // No certificate yet: not invoiceable, so not "Nepateikta" either (INV-4).
      invoiceStatus: 'Neteikiama (nėra pažymėjimo)',
    });
    expect(ona.registeredAt).toEqual(new Date('2026-03-02T08:00:00Z'));
    expect(rows.find((r) => r.firstName === 'Birutė')).toMatchObject({
      invoiceStatus: 'Pateikta',
      invoiceNumber: `SF-${RUN}`,
      certificate: 'Pažymėjimas išduotas',
    });
    for (const column of participantReportExport.columns) expect(Object.keys(ona)).toContain(column.key);
    // Another institution's export of the same criteria has none of A's rows.
    expect(await participantReportExport.count(stack.db, b.institutionId, query)).toBe(1);
    await expect(participantReportExport.count(stack.db, a.institutionId, 'pjuvis=amzius')).rejects.toThrow(/Nežinomas pjūvis/);
    await expect(participantReportExport.count(stack.db, a.institutionId, `grupe=${bGroup}`)).rejects.toThrow(/nežinoma reikšmė/);
  });

  it('downloads the CSV of the same criteria through the export route; bad criteria or another institution’s group are refused', async () => {
    const res = await postExport(call, `${PATH}/eksportas?finansavimas=UZT&format=csv&raktas=${crypto.randomUUID()}`, { as: asA });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; .*dalyviu-ataskaita/);
    const csv = await res.text();
    expect(csv).toContain('Vardas;Pavardė;El. paštas');
    expect(csv).toContain('Ugnė');
    expect(csv).toContain('Laukiama Užimtumo tarnybos sprendimo');
    expect(csv).not.toContain('Ona');
    expect(csv).not.toContain(FOREIGN);
    expect((await postExport(call, `${PATH}/eksportas?grupe=${bGroup}&format=csv&raktas=${crypto.randomUUID()}`, { as: asA })).status).toBe(
      422,
    );
    expect((await postExport(call, `${PATH}/eksportas?pjuvis=amzius&format=xlsx&raktas=${crypto.randomUUID()}`, { as: asA })).status).toBe(
      422,
    );
  });

  it('walks a long export in keyset batches without repeating or skipping a row', async () => {
    const { participantExportRows } = await import('../../db/queries/participant-report.ts');
    const { parseCriteria } = await import('../../workflows/domain/participant-report.ts');
    const parsed = parseCriteria(`grupe=${groups.paging}`);
    if (!parsed.ok) throw new Error('criteria');
    const seen: string[] = [];
    for await (const r of participantExportRows(stack.db, a.institutionId, parsed.criteria, 7)) seen.push(r.firstName as string);
    expect(seen).toEqual(Array.from({ length: 55 }, (_, i) => `Eilė${String(i).padStart(2, '0')}`));
  });
});
