// For EVERY route the app registers (read from the router, so new routes are covered without
// editing this file): a user of institution A using institution B's IDs gets 403/404, sees none of
// B's data and changes nothing (GEN-5); every state-changing route refuses a request without the
// session's CSRF token and one from another origin. Pages of people who are not institution users
// (reviewers, …: PERSON_AUDIENCES) open only with their own audience's session: an institution's
// session is sent to that audience's login (or refused, 401), and their CSRF check is that session's.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersonAudience } from '../../db/tables/participants.ts';
import { PERSON_LOGIN_PATHS } from '../../web/auth/person-session.tsx';
import { createGroup } from '../../web/group-commands.ts';
import { validateGroupInfo } from '../../workflows/domain/group-info.ts';
import { createInstitution, groupForm, type InstitutionFixture } from '../support/fixtures.ts';
import { pdfBytes } from '../support/pdf.ts';
import { sampleCertificateData } from '../support/certificate.ts';
import { personSessionFor, sessionFor, type TestSession } from '../support/session.ts';
import { startStack, type TestStack } from '../support/stack.ts';

const ORIGIN = 'http://localhost';
/** Routes anyone may call (login, consent, invitation links, assets, health): no institution data by ID. */
const PUBLIC = new Set([
  'GET /static/:name',
  'GET /healthz',
  'GET /prisijungti',
  'GET /privatumo-politika',
  'GET /prisijungti/viisp',
  'GET /prisijungti/atgal',
  'GET /kvietimas/:token',
  'POST /kvietimas/:token',
  'GET /sutikimas',
  'POST /sutikimas',
  'GET /pasirinkti-institucija',
  'POST /pasirinkti-institucija',
  'POST /atsijungti',
  'GET /vertinimas/prisijungti',
  'GET /vertinimas/prisijungti/viisp',
  'GET /uzt/prisijungti',
  'GET /uzt/prisijungti/viisp',
  'GET /stebesena/prisijungti',
  'GET /stebesena/prisijungti/viisp',
  'GET /saskaitu-vertinimas/prisijungti',
  'GET /saskaitu-vertinimas/prisijungti/viisp',
  // The KURSUOK portal's public pages: the catalogue, a published group (any other is 404: portal-http), the participant's login.
  'GET /kursuok',
  'GET /kursuok/grupes/:groupId',
  'GET /kursuok/prisijungti',
  'GET /kursuok/prisijungti/viisp',
  // Certificates (issue 13): the verification page a certificate's QR code opens, its forms, the issuer's keys and profile.
  'GET /kursuok/pazymejimai',
  'GET /kursuok/pazymejimai/:code',
  'POST /kursuok/pazymejimai',
  'GET /.well-known/jwks.json',
  'GET /.well-known/kursuok-issuer.json',
]);

/** Routes that leave for the identity gateway (VIISP): without a reachable gateway (this stack starts no simulator) they answer 503. */
const GATEWAY_STARTS = new Set([
  '/vertinimas/prisijungti/viisp',
  '/kursuok/prisijungti/viisp',
  '/uzt/prisijungti/viisp',
  '/stebesena/prisijungti/viisp',
  '/saskaitu-vertinimas/prisijungti/viisp',
]);

/** Route prefixes of the person audiences (web/auth/person-session.tsx): a route under one is that audience's page. */
const PERSON_AUDIENCES: { prefix: string; audience: PersonAudience }[] = [
  { prefix: '/vertinimas', audience: 'VERTINTOJAS' },
  { prefix: '/uzt', audience: 'UZT' },
  { prefix: '/stebesena', audience: 'STEBETOJAS' },
  { prefix: '/saskaitu-vertinimas', audience: 'SF_VERTINTOJAS' },
  { prefix: '/kursuok', audience: 'DALYVIS' },
];
/** A live session of each audience, for the CSRF and GET checks of its routes. */
const personSessions: Partial<Record<PersonAudience, TestSession>> = {};

function audienceOf(path: string): PersonAudience | null {
  return PERSON_AUDIENCES.find((p) => path === p.prefix || path.startsWith(`${p.prefix}/`))?.audience ?? null;
}

function sessionForRoute(path: string): TestSession {
  const audience = audienceOf(path);
  if (!audience) return asA;
  const session = personSessions[audience];
  if (!session) throw new Error(`no test session of audience ${audience}: add one in beforeAll`);
  return session;
}

let stack: TestStack;
let a: InstitutionFixture;
let b: InstitutionFixture;
let asA: TestSession;
let bGroupId: string;
/** B's (and A's) rows of the master-data applications, one of each. */
const bRows: Record<string, string> = {};
const aRows: Record<string, string> = {};

/** One row of every master-data kind for an institution: the IDs its routes take. */
async function masterData(f: InstitutionFixture, label: string): Promise<Record<string, string>> {
  const db = stack.db;
  const employer = await db
    .insertInto('employers')
    .values({ institution_id: f.institutionId, name: `${label} darbdavys`, code: '123456789' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const stage = await db
    .insertInto('contract_numbering_stages')
    .values({
      institution_id: f.institutionId,
      effective_from: '2027-01-01',
      start_number: 1,
      prefix: `${label}-`,
      suffix: '',
      number_format: '00000',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const lecturer = await db
    .insertInto('lecturers')
    .values({
      institution_id: f.institutionId,
      first_name: 'Lina',
      last_name: `${label}ienė`,
      email: `lina.${label}@example.lt`,
      active: true,
      requirements: ['KVALIFIKACIJA'],
      publish_consent: true,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const bytes = pdfBytes(label);
  const file = await db
    .insertInto('stored_files')
    .values({
      institution_id: f.institutionId,
      purpose: 'LECTURER_EVIDENCE',
      sha256: createHash('sha256').update(bytes).digest('hex'),
      size: bytes.length,
      content_type: 'application/pdf',
      original_name: `${label}.pdf`,
      download_name: `${label}.pdf`,
      uploaded_by: f.userId,
      uploaded_by_personal_code_hash: f.personalCodeHash,
      content: bytes,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('lecturer_documents')
    .values({ lecturer_id: lecturer.id, institution_id: f.institutionId, requirement: 'KVALIFIKACIJA', file_id: file.id })
    .execute();
  // "Licencijuotų mokymo programų sąrašas": a licensed programme at the institution's venue.
  const licensed = await db
    .insertInto('programmes')
    .values({
      institution_id: f.institutionId,
      code: `${label}-LIC`,
      name: `${label} licencijuota programa`,
      kind: 'NONFORMAL_VET',
      languages: ['lietuvių'],
      contact_hours: '30.00',
      venue_id: f.venueId,
      smpkr_code: `${label}-LIC`,
      training_mode: 'KONTAKTINIS',
      theory_hours: '10.00',
      practice_hours: '20.00',
      self_study_hours: '5.00',
      licence_number: 'PM-000000',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return {
    employerId: employer.id,
    stageId: stage.id,
    lecturerId: lecturer.id,
    fileId: file.id,
    venueId: f.venueId,
    licensedProgrammeId: licensed.id,
  };
}
const B_MARKERS: string[] = [];

function routes(): { method: string; path: string }[] {
  const seen = new Set<string>();
  return stack.app.routes
    .filter((r) => r.method !== 'ALL')
    .map((r) => ({ method: r.method, path: r.path }))
    .filter((r) => {
      const key = `${r.method} ${r.path}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/** B's IDs for each route parameter; a parameter missing here fails the test (add it). */
function bIds(): Record<string, string> {
  return { programmeId: b.programmeId, groupId: bGroupId, userId: b.userId, ...bRows };
}

function fill(path: string, ids: Record<string, string>): string {
  return path.replace(/:(\w+)/g, (_m, name: string) => {
    const id = ids[name];
    if (!id) throw new Error(`route parameter :${name} in ${path} has no test ID: add it to bIds()`);
    return id;
  });
}

async function snapshotOfB() {
  const tables = [
    'training_groups',
    'institution_users',
    'user_invitations',
    'venues',
    'employers',
    'lecturers',
    'lecturer_documents',
    'contract_numbering_stages',
    'institution_info',
    'group_sessions',
    'group_schedule_commands',
    'learning_contracts',
    'contract_signing_batches',
    'certificates',
    'monitoring_protocols',
    'invoices',
    'uzt_settlement_documents',
    'report_exports',
  ];
  const rows = await Promise.all(
    tables.map(
      async (t) => (await sql<object>`select * from ${sql.table(t)} where institution_id = ${b.institutionId}`.execute(stack.db)).rows,
    ),
  );
  const files = await stack.db.selectFrom('stored_files').select(['id', 'sha256']).where('institution_id', '=', b.institutionId).execute();
  const audit = await stack.db.selectFrom('audit_log').select('id').where('institution_id', '=', b.institutionId).execute();
  const sort = (list: object[]) => list.map((r) => JSON.stringify(r)).sort();
  return JSON.stringify({ rows: rows.map(sort), files: sort(files), audit: audit.length });
}

/** A plausible form for any route: enough fields that a handler gets as far as its ownership check. */
function anyForm(session: TestSession): URLSearchParams {
  const body = new URLSearchParams({
    ...Object.fromEntries(Object.entries(groupForm(a.venueId)).map(([k, v]) => [k, Array.isArray(v) ? v[0]! : v])),
    idempotencyKey: crypto.randomUUID(),
    statusKey: crypto.randomUUID(),
    to: 'Skelbiama',
    firstName: 'Įsibrovėlis',
    lastName: 'Svetimas',
    email: 'x@example.lt',
    personalCode: '38212240896',
    rights: 'ADMINISTRATORIUS',
  });
  body.set('_csrf', session.csrf);
  return body;
}

beforeAll(async () => {
  // With the simulators: the login routes of every audience leave for the (simulated) identity gateway.
  stack = await startStack('routes', { simulators: true });
  a = await createInstitution(stack.db, 'Institucija A');
  b = await createInstitution(stack.db, 'Institucija B');
  // "Sutarčių pasirašymas" too, so the contract actions ("Institucijos sutartys") are reached past the access matrix (CON-15).
  await stack.db
    .updateTable('institution_users')
    .set({ rights: ['ADMINISTRATORIUS', 'SUTARCIU_PASIRASYMAS'], signing_document: 'Įgaliojimas Nr. A-1' })
    .where('id', '=', a.userId)
    .execute();
  asA = await sessionFor(stack.db, { personalCodeHash: a.personalCodeHash, institutionId: a.institutionId, userId: a.userId });
  const info = validateGroupInfo(groupForm(b.venueId, { name: 'B slapta grupė' }));
  if (!info.ok) throw new Error('fixture');
  bGroupId = crypto.randomUUID();
  const programme = await stack.db.selectFrom('programmes').selectAll().where('id', '=', b.programmeId).executeTakeFirstOrThrow();
  const created = await createGroup(
    { temporal: stack.client, taskQueue: stack.config.temporal.taskQueue, timeoutMs: 20_000 },
    { groupId: bGroupId, programme, info: info.info, actor: { userId: b.userId, institutionId: b.institutionId, requestId: 'fixture' } },
  );
  if (!created.ok) throw new Error(created.message);
  const bUser = await stack.db.selectFrom('institution_users').select('email').where('id', '=', b.userId).executeTakeFirstOrThrow();
  B_MARKERS.push('B slapta grupė', b.programmeCode, bUser.email, bGroupId);
  Object.assign(bRows, await masterData(b, 'Bbb'));
  Object.assign(aRows, await masterData(a, 'Aaa'));
  // A session of B's group ("Tvarkaraštis": :sessionId); A has no group, so any id stands for A's.
  const session = await stack.db
    .insertInto('group_sessions')
    .values({
      institution_id: b.institutionId,
      group_id: bGroupId,
      session_date: groupForm(b.venueId).programmeStart as string,
      start_time: '18:00',
      duration_minutes: 90,
      mode: 'KONTAKTINIS',
      venue_id: b.venueId,
      lecturer_id: bRows.lecturerId!,
      additional_info: 'Bbb užsiėmimas',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  bRows.sessionId = session.id;
  aRows.sessionId = crypto.randomUUID();
  B_MARKERS.push('Bbb darbdavys', 'Bbbienė', 'Bbb-', 'Bbb užsiėmimas');
  // The reviewers' pages (DOC-13): a reviewer, and a participant's document under review (not any institution's data).
  const staff = await stack.db
    .insertInto('staff_members')
    .values({
      person_key: `routes-reviewer-${a.institutionId}`,
      role: 'VERTINTOJAS',
      first_name: 'Vida',
      last_name: 'Vertintoja',
      email: 'vida@example.lt',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  personSessions.VERTINTOJAS = await personSessionFor(stack.db, {
    audience: 'VERTINTOJAS',
    personKey: `routes-reviewer-${a.institutionId}`,
    staffMemberId: staff.id,
  });
  // The Employment Service's pages (UZT-12): an officer.
  const officer = await stack.db
    .insertInto('staff_members')
    .values({
      person_key: `routes-uzt-${a.institutionId}`,
      role: 'UZT',
      first_name: 'Ugnė',
      last_name: 'Užimtumienė',
      email: 'ugne@example.lt',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  personSessions.UZT = await personSessionFor(stack.db, {
    audience: 'UZT',
    personKey: `routes-uzt-${a.institutionId}`,
    staffMemberId: officer.id,
  });
  // KPMPC observers' pages (MON-2) and "Institucijos KPMPC protokolai" (MON-1): an observer, and a protocol released to B.
  const observer = await stack.db
    .insertInto('staff_members')
    .values({
      person_key: `routes-kpmpc-${a.institutionId}`,
      role: 'STEBETOJAS',
      first_name: 'Kotryna',
      last_name: 'Stebėtoja',
      email: 'kotryna@example.lt',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  personSessions.STEBETOJAS = await personSessionFor(stack.db, {
    audience: 'STEBETOJAS',
    personKey: `routes-kpmpc-${a.institutionId}`,
    staffMemberId: observer.id,
  });
  // The invoice evaluators' pages (INV-17, issue 14): an evaluator.
  const invoiceEvaluator = await stack.db
    .insertInto('staff_members')
    .values({
      person_key: `routes-sf-${a.institutionId}`,
      role: 'SF_VERTINTOJAS',
      first_name: 'Saulė',
      last_name: 'Sąskaitienė',
      email: 'saule@example.lt',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  personSessions.SF_VERTINTOJAS = await personSessionFor(stack.db, {
    audience: 'SF_VERTINTOJAS',
    personKey: `routes-sf-${a.institutionId}`,
    staffMemberId: invoiceEvaluator.id,
  });
  const protocolId = crypto.randomUUID();
  await stack.db
    .insertInto('monitoring_protocols')
    .values({
      id: protocolId,
      institution_id: b.institutionId,
      programme_id: b.programmeId,
      group_id: bGroupId,
      observer_id: observer.id,
      status: 'LAUKIA_PARASO',
      monitored_on: '2026-11-30',
      findings: 'Bbb stebėsenos faktai',
      result: 'ATITINKA',
      critical_deficiencies: false,
      released_at: new Date(),
      version: 2,
    })
    .execute();
  bRows.protocolId = protocolId;
  aRows.protocolId = crypto.randomUUID();
  B_MARKERS.push('Bbb stebėsenos faktai');
  const participant = await stack.db
    .insertInto('participants')
    .values({ person_key: `routes-participant-${a.institutionId}`, first_name: 'Dalia', last_name: 'Bbbaitė', citizen: true })
    .returning('id')
    .executeTakeFirstOrThrow();
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const documentId = crypto.randomUUID();
  await stack.db
    .insertInto('participant_documents')
    .values({
      id: documentId,
      participant_id: participant.id,
      kind: 'ISSILAVINIMAS',
      content_type: 'image/png',
      original_name: 'd.png',
      size: png.length,
      sha256: 'x',
      content: png,
      review_due_at: new Date(Date.now() + 86_400_000),
    })
    .execute();
  bRows.documentId = documentId;
  aRows.documentId = documentId;
  B_MARKERS.push('Bbbaitė');
  // The KURSUOK portal (PORTAL-*): that participant's registration in B's group, and another participant (A's side) with a session.
  const registrationId = crypto.randomUUID();
  await stack.db
    .insertInto('group_registrations')
    .values({
      id: registrationId,
      group_id: bGroupId,
      institution_id: b.institutionId,
      person_key: `routes-participant-${a.institutionId}`,
      first_name: 'Dalia',
      last_name: 'Bbbaitė',
      email: 'dalia.bbb@example.lt',
      phone: null,
      funding: 'IMP_KREPSELIS',
      status: 'REGISTERED',
      participant_id: participant.id,
    })
    .execute();
  bRows.registrationId = registrationId;
  aRows.registrationId = registrationId;
  // "Dokumentų pateikimas užimtumo tarnybai" (issue 14, §3.13): that registration as B's UŽT client whose coupon UŽT approved.
  await stack.db
    .insertInto('uzt_coupons')
    .values({
      registration_id: registrationId,
      institution_id: b.institutionId,
      section1: { couponNumber: 'MK-2026-B00001' },
      section2: { startDate: '2026-01-05', endDate: '2026-12-18', settlement: 'MONTHLY' },
      status: 'PATVIRTINTAS',
      settlement_frequency: 'KAS_MENESI',
    })
    .execute();
  // "Mano sutartys" (PORTAL-6): that registration's learning contract in B, not the session's participant's.
  await stack.db
    .insertInto('learning_contracts')
    .values({
      id: registrationId,
      institution_id: b.institutionId,
      group_id: bGroupId,
      programme_id: b.programmeId,
      participant_id: participant.id,
      version: 1,
      phase: 'PASIRASOMA',
      participant_status: 'LAUKIA_PARASO',
      provider_status: 'LAUKIA_PARASO',
      signing_deadline: new Date(Date.now() + 86_400_000),
      number: 'Bbb-00001',
      document_file_id: bRows.fileId!,
    })
    .execute();
  bRows.contractId = registrationId;
  aRows.contractId = registrationId;
  // A bulk signing of B's (CON-5): its result page and the gateway's return.
  const batchId = crypto.randomUUID();
  await stack.db
    .insertInto('contract_signing_batches')
    .values({
      id: batchId,
      institution_id: b.institutionId,
      group_id: bGroupId,
      user_id: b.userId,
      party: 'provider',
      status: 'LAUKIA_PATVIRTINIMO',
    })
    .execute();
  await stack.db
    .insertInto('contract_signing_batch_rows')
    .values({ batch_id: batchId, contract_id: registrationId, document_index: 0, document_file_id: bRows.fileId!, outcome: 'LAUKIAMA' })
    .execute();
  bRows.batchId = batchId;
  aRows.batchId = batchId;
  // Dalia's certificate of that contract (issue 13): the participant's and the provider's downloads of another's are 404.
  const certificateCode = `Bbb${crypto.randomUUID().replace(/-/g, '').slice(0, 19)}`;
  const certificateNumber = `KURSUOK-2026-${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`;
  await stack.db
    .insertInto('certificates')
    .values({
      contract_id: registrationId,
      institution_id: b.institutionId,
      group_id: bGroupId,
      programme_id: b.programmeId,
      participant_id: participant.id,
      number: certificateNumber,
      verification_code: certificateCode,
      data: sampleCertificateData({ number: certificateNumber, verificationCode: certificateCode }),
      file_id: bRows.fileId!,
      file_sha256: 'x',
      issued_on: '2026-06-02',
      generated_at: new Date(),
    })
    .execute();
  bRows.code = certificateCode;
  aRows.code = certificateCode;
  B_MARKERS.push(certificateNumber);
  // An invoice of B's holding Dalia (issue 14, L8): the provider's invoice routes and the evaluator's take :invoiceId.
  const invoiceId = crypto.randomUUID();
  await stack.db
    .insertInto('invoices')
    .values({
      id: invoiceId,
      institution_id: b.institutionId,
      programme_id: b.programmeId,
      group_id: bGroupId,
      status: 'Pateikta',
      number: 'Bbb-SF-0001',
      invoice_date: '2026-11-30',
      amount: '100.00',
      file_id: bRows.fileId!,
      submitted_by_user_id: b.userId,
      submitted_by_name: 'Bbb Teikėjas',
      first_submitted_at: new Date(),
      submitted_at: new Date(),
      evaluation_due_at: new Date(Date.now() + 10 * 86_400_000),
      version: 1,
    })
    .execute();
  await stack.db.insertInto('invoice_participants').values({ invoice_id: invoiceId, contract_id: registrationId, active: true }).execute();
  bRows.invoiceId = invoiceId;
  aRows.invoiceId = crypto.randomUUID();
  // A report export of B's, ready with its file (issue 15): its page and file are :exportId.
  const exportId = crypto.randomUUID();
  await stack.db
    .insertInto('report_exports')
    .values({
      id: exportId,
      institution_id: b.institutionId,
      user_id: b.userId,
      kind: 'dalyviai',
      format: 'csv',
      query: '',
      status: 'PARUOSTA',
      progress: 100,
      row_count: 1,
      file_name: 'Bbb-eksportas.csv',
      file: Buffer.from('Bbbaitė;Dalia\r\n'),
      size: 16,
      ready_at: new Date(),
      expires_at: new Date(Date.now() + 86_400_000),
    })
    .execute();
  bRows.exportId = exportId;
  aRows.exportId = crypto.randomUUID();
  B_MARKERS.push('Bbb-eksportas.csv');
  B_MARKERS.push('Bbb-SF-0001');
  const other = await stack.db
    .insertInto('participants')
    .values({
      person_key: `routes-participant-a-${a.institutionId}`,
      first_name: 'Aistė',
      last_name: 'Aaaitė',
      email: 'aiste@example.lt',
      citizen: true,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  personSessions.DALYVIS = await personSessionFor(stack.db, {
    audience: 'DALYVIS',
    personKey: `routes-participant-a-${a.institutionId}`,
    participantId: other.id,
  });
});

afterAll(async () => {
  await stack?.stop();
});

describe('every registered route, with another institution’s IDs (GEN-5)', () => {
  it('finds the routes (the enumeration itself works)', () => {
    const all = routes().map((r) => `${r.method} ${r.path}`);
    expect(all).toContain('GET /grupes/:groupId');
    expect(all).toContain('POST /grupes/:groupId/busena');
    expect(all).toContain('GET /sutartys/grupes/:groupId');
    expect(all).toContain('POST /sutartys/:contractId/pasirasyti');
    expect(all).toContain('POST /sutartys/:contractId/nutraukti');
    expect(all).toContain('GET /grupes/:groupId/baigimas/:contractId/pazymejimas');
    expect(all).toContain('GET /kursuok/sutartys/:contractId/kredencialas');
    expect(all).toContain('POST /uzt-dokumentai/:registrationId');
    expect(all).toContain('GET /ataskaitos/tvarkarasciai');
    expect(all).toContain('GET /ataskaitos/dalyviai');
    expect(all).toContain('GET /ataskaitos/eksportai/:exportId/failas');
    expect(all.length).toBeGreaterThan(10);
  });

  it('a participant’s pages with another participant’s registration and document: 404, nothing shown or changed (PORTAL-5)', async () => {
    const before = await snapshotOfB();
    const failures: string[] = [];
    for (const route of routes().filter(
      (r) => audienceOf(r.path) === 'DALYVIS' && r.path.includes(':') && !PUBLIC.has(`${r.method} ${r.path}`),
    )) {
      const as = personSessions.DALYVIS!;
      const res = await stack.app.request(`${ORIGIN}${fill(route.path, bIds())}`, {
        method: route.method,
        headers: {
          Cookie: as.cookie,
          'X-CSRF-Token': as.csrf,
          Origin: ORIGIN,
          ...(route.method === 'GET' ? {} : { 'Content-Type': 'application/x-www-form-urlencoded' }),
        },
        ...(route.method === 'GET' ? {} : { body: anyForm(as) }),
      });
      const body = await res.text();
      if (res.status !== 404) failures.push(`${route.method} ${route.path}: HTTP ${res.status}`);
      for (const marker of B_MARKERS)
        if (body.includes(marker)) failures.push(`${route.method} ${route.path}: the page shows B's "${marker}"`);
    }
    expect(failures).toEqual([]);
    expect(await snapshotOfB()).toBe(before);
    const registration = await stack.db
      .selectFrom('group_registrations')
      .select('status')
      .where('id', '=', bRows.registrationId!)
      .executeTakeFirstOrThrow();
    expect(registration.status).toBe('REGISTERED');
  });

  it('answers 403 or 404, shows none of B’s data, and changes nothing', async () => {
    const before = await snapshotOfB();
    const failures: string[] = [];
    for (const route of routes()) {
      const key = `${route.method} ${route.path}`;
      if (PUBLIC.has(key)) continue;
      const audience = audienceOf(route.path);
      if (audience) {
        // A person audience's page: an institution's session is sent to that audience's login (GET) or refused (401).
        const res = await stack.app.request(`${ORIGIN}${fill(route.path, bIds())}`, {
          method: route.method,
          headers: {
            Cookie: asA.cookie,
            'X-CSRF-Token': asA.csrf,
            Origin: ORIGIN,
            ...(route.method === 'GET' ? {} : { 'Content-Type': 'application/x-www-form-urlencoded' }),
          },
          ...(route.method === 'GET' ? {} : { body: anyForm(asA) }),
        });
        const body = await res.text();
        const expected =
          route.method === 'GET' ? res.status === 303 && res.headers.get('location') === PERSON_LOGIN_PATHS[audience] : res.status === 401;
        if (!expected)
          failures.push(`${key} (${audience} page, institution session): HTTP ${res.status} ${res.headers.get('location') ?? ''}`);
        for (const marker of B_MARKERS) if (body.includes(marker)) failures.push(`${key}: the page shows B's "${marker}"`);
        continue;
      }
      if (!route.path.includes(':')) continue;
      const url = `${ORIGIN}${fill(route.path, bIds())}`;
      const res = await stack.app.request(url, {
        method: route.method,
        headers: {
          Cookie: asA.cookie,
          'X-CSRF-Token': asA.csrf,
          Origin: ORIGIN,
          ...(route.method === 'GET' ? {} : { 'Content-Type': 'application/x-www-form-urlencoded' }),
        },
        ...(route.method === 'GET' ? {} : { body: anyForm(asA) }),
      });
      const body = await res.text();
      if (res.status !== 403 && res.status !== 404) failures.push(`${key}: HTTP ${res.status}`);
      for (const marker of B_MARKERS) if (body.includes(marker)) failures.push(`${key}: the page shows B's "${marker}"`);
    }
    expect(failures).toEqual([]);
    expect(await snapshotOfB()).toBe(before);
  });

  it('the timetable report (no IDs in its URL) lists only the acting institution’s groups (issue 15, REP-8)', async () => {
    const page = async (as: TestSession) =>
      (await stack.app.request(`${ORIGIN}/ataskaitos/tvarkarasciai`, { headers: { Cookie: as.cookie } })).text();
    // B's group, "Kuriama" with 90 of its programme's minutes planned, is in B's own report…
    expect(
      await page(await sessionFor(stack.db, { personalCodeHash: b.personalCodeHash, institutionId: b.institutionId, userId: b.userId })),
    ).toContain('B slapta grupė');
    // …and nothing of B's is in A's.
    const ofA = await page(asA);
    for (const marker of B_MARKERS) expect(ofA).not.toContain(marker);
  });

  it('the participants report shows only the acting institution’s registrations; B’s ids in its criteria are refused (issue 15, REP-8)', async () => {
    const get = (query: string) => stack.app.request(`${ORIGIN}/ataskaitos/dalyviai${query}`, { headers: { Cookie: asA.cookie } });
    const ofA = await (await get('')).text();
    for (const marker of B_MARKERS) expect(ofA).not.toContain(marker);
    const withB = await get(`?grupe=${bGroupId}&programa=${b.programmeId}&pjuvis=grupe`);
    expect(withB.status).toBe(422);
    const text = await withB.text();
    for (const marker of B_MARKERS) expect(text).not.toContain(marker);
  });
});

describe('every state-changing route and CSRF', () => {
  function ownIds(): Record<string, string> {
    return { programmeId: a.programmeId, groupId: crypto.randomUUID(), userId: a.userId, token: 'x', ...aRows };
  }

  it('refuses a request without the session’s token, with a wrong one, and from another origin', async () => {
    const failures: string[] = [];
    const changing = routes().filter((r) => !['GET', 'HEAD', 'OPTIONS'].includes(r.method));
    expect(changing.length).toBeGreaterThan(3);
    for (const route of changing) {
      const key = `${route.method} ${route.path}`;
      const url = `${ORIGIN}${fill(route.path, ownIds())}`;
      // A person audience's route is tried with a live session of that audience: its own token is what is missing.
      const as = sessionForRoute(route.path);
      const form = anyForm(as);
      form.delete('_csrf');
      const attempts: [string, Record<string, string>][] = [
        ['no token', { Cookie: as.cookie, Origin: ORIGIN }],
        ['wrong token', { Cookie: as.cookie, Origin: ORIGIN, 'X-CSRF-Token': 'a'.repeat(43) }],
        ['another origin', { Cookie: as.cookie, Origin: 'https://evil.example', 'X-CSRF-Token': as.csrf }],
      ];
      for (const [label, headers] of attempts) {
        // Public routes have no session token; only the origin check applies to them.
        if (PUBLIC.has(key) && label !== 'another origin') continue;
        const res = await stack.app.request(url, {
          method: route.method,
          headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' },
          body: form,
        });
        if (res.status !== 403) failures.push(`${key} (${label}): HTTP ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('every GET route (ASVS: no state change on GET)', () => {
  it('changes nothing in the database, with the user’s own IDs', async () => {
    const count = async () => {
      const tables = [
        'training_groups',
        'institution_users',
        'user_invitations',
        'audit_log',
        'email_outbox',
        'consents',
        'institutions',
        'venues',
        'employers',
        'lecturers',
        'lecturer_documents',
        'stored_files',
        'contract_numbering_stages',
        'institution_info',
        'group_sessions',
        'group_schedule_commands',
        'participant_documents',
        'participants',
        'group_registrations',
      ] as const;
      const rows = await Promise.all(
        tables.map((t) =>
          stack.db
            .selectFrom(t)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow(),
        ),
      );
      const groups = await stack.db.selectFrom('training_groups').select(['id', 'version', 'status']).orderBy('id').execute();
      return JSON.stringify({ rows, groups });
    };
    const before = await count();
    const own: Record<string, string> = {
      programmeId: a.programmeId,
      groupId: bGroupId,
      userId: a.userId,
      token: 'x',
      name: 'app.css',
      ...aRows,
    };
    let visited = 0;
    for (const route of routes().filter((r) => r.method === 'GET')) {
      const res = await stack.app.request(`${ORIGIN}${fill(route.path, own)}`, { headers: { Cookie: asA.cookie } });
      const answered = (status: number, label: string) =>
        GATEWAY_STARTS.has(route.path) ? expect([303, 503], label).toContain(status) : expect(status, label).toBeLessThan(500);
      answered(res.status, route.path);
      if (audienceOf(route.path)) {
        // …and with the session of the audience whose page it is.
        const asOwner = await stack.app.request(`${ORIGIN}${fill(route.path, own)}`, {
          headers: { Cookie: sessionForRoute(route.path).cookie },
        });
        answered(asOwner.status, `${route.path} (${audienceOf(route.path)})`);
      }
      visited++;
    }
    expect(visited).toBeGreaterThan(8);
    expect(await count()).toBe(before);
  });
});
