// The invoice burst (issue 14; INV-12, INV-13): BENCH_INV_INSTITUTIONS (50) institutions, each with
// one finished group of certified IMP-funded participants (rows seeded straight in Postgres with SQL, as
// the certificate batch leaves them — the marks are not what is measured), submit BENCH_INV_N (1,000)
// invoices at once, each exactly as the page sends it: a multipart POST of "Sąskaitos faktūros" over
// real HTTP with the invoice PDF, number, date, amount and two ticked participants (the web checks and
// stores the PDF, then one update-with-start of Invoice:<id>). Every BENCH_INV_CONFLICT_EVERY-th
// (10th) submission of an institution is sent by another user of it at the same moment as the one
// before, with one participant of that one ticked too: exactly one of the two must become an invoice,
// the other refused with INV-13's reason naming her ("… dalyvis jau įtrauktas į …").
// Measured: submissions per second and the latency of each POST (until its answer: 303 or 409).
// Checks (Postgres): no participant on two active invoices, one invoice per accepted submission and
// none for a refused one, each holding its two participants; each conflicting pair one accepted, one
// refused; every refusal names INV-13's reason and the shared participant.
// Not a test. `npm run bench -- invoice-burst` runs it on a fresh database; directly:
//   DATABASE_URL=... TEMPORAL_ADDRESS=localhost:7243 node --import tsx test/bench/invoice-burst.bench.ts
// Knobs: BENCH_INV_N (1..20000), BENCH_INV_INSTITUTIONS (1..1000), BENCH_INV_CONFLICT_EVERY (2..1000),
// BENCH_INV_CONCURRENCY (32 pairs or singles in flight), BENCH_DB_POOL, BENCH_WORKFLOW_BUNDLE. Every
// Invoice workflow it started is terminated at the end.
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { WorkflowNotFoundError } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { sql } from 'kysely';
import { FilePurpose, storeFile } from '../../db/queries/files.ts';
import { addDays, vilniusDate } from '../../workflows/domain/calendar.ts';
import { invoiceWorkflowId } from '../../workflows/ids.ts';
import { sampleCertificateData } from '../support/certificate.ts';
import { createInstitution } from '../support/fixtures.ts';
import { insertGroupRows } from '../support/group-rows.ts';
import { pdfBytes } from '../support/pdf.ts';
import { sessionFor, type TestSession } from '../support/session.ts';
import { intEnv, migrateAndStart, percentile, runMain } from './measure.ts';
import type { BenchStack } from './stack.ts';
import { pool } from './workflow-groups.ts';

const N = intEnv('BENCH_INV_N', 1000, 1, 20_000);
const INSTITUTIONS = intEnv('BENCH_INV_INSTITUTIONS', 50, 1, 1000);
const CONFLICT_EVERY = intEnv('BENCH_INV_CONFLICT_EVERY', 10, 2, 1000);
const CONCURRENCY = intEnv('BENCH_INV_CONCURRENCY', 32, 1, 512);
const DB_POOL = intEnv('BENCH_DB_POOL', 10, 1, 100);
const log = (msg: string) => console.error(`[invoice-burst] ${msg}`);
const TODAY = vilniusDate(new Date());
const YESTERDAY = addDays(TODAY, -1);
/** INV-13's reason, as the page's check and the workflow's transaction both word it (workflows/domain/invoice.ts). */
const INV13 = /dalyvis jau įtrauktas į (kitą aktyvią )?sąskaitą faktūrą/;

interface Provider {
  index: number;
  institutionId: string;
  groupId: string;
  admin: TestSession;
  /** A second user ("Darbuotojas", full access to the application: INV-21) — the other half of each conflicting pair. */
  employee: TestSession;
  /** contract id → "First Last" as the refusal names her */
  names: Map<string, string>;
  contracts: string[];
}

interface Submission {
  provider: Provider;
  invoiceId: string;
  number: string;
  contractIds: [string, string];
  as: TestSession;
  /** For the second of a conflicting pair: the participant both tick. */
  shared?: string;
}

/** One finished group with `participants` certified IMP participants, in a handful of statements. */
async function seedProvider(s: BenchStack, index: number, participants: number, tag: string): Promise<Provider> {
  const fx = await createInstitution(s.db, `Sąskaitų teikėjas ${index + 1}`);
  const [groupId] = (await insertGroupRows(s.db, {
    institutionId: fx.institutionId,
    programmeId: fx.programmeId,
    venueId: fx.venueId,
    count: 1,
    name: () => `Baigusi grupė ${index + 1}`,
    status: () => 'Užbaigta',
    firstStart: addDays(TODAY, -60),
  })) as [string];
  const employee = await s.db
    .insertInto('institution_users')
    .values({
      institution_id: fx.institutionId,
      first_name: 'Dalius',
      last_name: 'Darbuotojas',
      email: `inv-${tag}-${index}@example.lt`,
      rights: ['DARBUOTOJAS'],
      status: 'ACTIVE',
      personal_code_hash: `inv-emp-${tag}-${index}`,
      confirmed_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // One sealed-certificate file per institution stands for every certificate (the PDF is not what is measured).
  const file = await storeFile(s.db, {
    institutionId: fx.institutionId,
    purpose: FilePurpose.Certificate,
    bytes: pdfBytes(`pazymejimas ${tag} ${index}`),
    contentType: 'application/pdf',
    originalName: 'pazymejimas.pdf',
    downloadName: 'pazymejimas.pdf',
    uploader: { userId: null, personalCodeHash: null, requestId: null },
  });
  const prefix = `inv-${tag}-${index}-`;
  const lastName = `Sąskaitaitė${index + 1}`;
  await sql`
    insert into participants (person_key, first_name, last_name, email, citizen, birth_date)
    select ${prefix} || g, 'Dalyvė' || g, ${lastName}, ${prefix} || g || '@dalyviai.example.lt', true, date '1985-01-01'
    from generate_series(1, ${participants}::int) g`.execute(s.db);
  await sql`
    insert into group_registrations (id, group_id, institution_id, participant_id, person_key, first_name, last_name, email, funding, status)
    select gen_random_uuid(), ${groupId}::uuid, ${fx.institutionId}::uuid, p.id, p.person_key, p.first_name, p.last_name, p.email,
      'IMP_KREPSELIS', 'CONTRACTED'
    from participants p where p.person_key like ${`${prefix}%`}`.execute(s.db);
  await sql`
    insert into learning_contracts (id, institution_id, group_id, programme_id, participant_id, version, phase, participant_status,
      provider_status, signing_deadline, number, participant_signed_at, provider_signed_at, started_at, completed_at, assessment,
      assessment_confirmed_at, questionnaire_filled_at)
    select r.id, r.institution_id, r.group_id, ${fx.programmeId}::uuid, r.participant_id, 1, 'GALIOJA', 'PASIRASYTA', 'PASIRASYTA',
      now() - interval '61 days', 'SUT-' || r.person_key, now() - interval '62 days', now() - interval '61 days',
      now() - interval '60 days', now() - interval '30 days', 'Įskaityta', now() - interval '30 days', now() - interval '29 days'
    from group_registrations r where r.group_id = ${groupId}::uuid`.execute(s.db);
  const data = JSON.stringify(sampleCertificateData());
  await sql`
    insert into certificates (contract_id, institution_id, group_id, programme_id, participant_id, number, verification_code, data,
      file_id, file_sha256, issued_on, generated_at)
    select c.id, c.institution_id, c.group_id, c.programme_id, c.participant_id, 'KURSUOK-B' || ${`${tag}-${index}-`} || r.person_key,
      replace(c.id::text, '-', ''), ${data}::jsonb, ${file.id}::uuid, ${file.sha256}, ${YESTERDAY}::date, now() - interval '28 days'
    from learning_contracts c join group_registrations r on r.id = c.id where c.group_id = ${groupId}::uuid`.execute(s.db);
  const rows = await s.db
    .selectFrom('group_registrations')
    .select(['id', 'first_name', 'last_name'])
    .where('group_id', '=', groupId)
    .orderBy('person_key')
    .execute();
  return {
    index,
    institutionId: fx.institutionId,
    groupId,
    admin: await sessionFor(s.db, {
      personalCodeHash: fx.personalCodeHash,
      institutionId: fx.institutionId,
      userId: fx.userId,
      names: ['Rūta', 'Administratorė'],
    }),
    employee: await sessionFor(s.db, {
      personalCodeHash: `inv-emp-${tag}-${index}`,
      institutionId: fx.institutionId,
      userId: employee.id,
      names: ['Dalius', 'Darbuotojas'],
    }),
    names: new Map(rows.map((r) => [r.id, `${r.first_name} ${r.last_name}`])),
    contracts: rows.map((r) => r.id),
  };
}

/**
 * The submissions of one institution, grouped in units sent at the same moment: a single one, or a
 * conflicting pair (the j-th, j ≡ -1 mod CONFLICT_EVERY, ticks the previous one's second participant).
 */
function plan(p: Provider, count: number, tag: string): Submission[][] {
  let next = 0;
  const fresh = () => p.contracts[next++]!;
  const units: Submission[][] = [];
  for (let j = 0; j < count; j++) {
    const base = { provider: p, invoiceId: crypto.randomUUID(), number: `SF-${tag}-${p.index + 1}-${j + 1}` };
    const previous = units.at(-1)?.at(-1);
    if (j % CONFLICT_EVERY === CONFLICT_EVERY - 1 && previous && units.at(-1)!.length === 1) {
      const shared = previous.contractIds[1];
      units.at(-1)!.push({ ...base, contractIds: [shared, fresh()], as: p.employee, shared });
    } else units.push([{ ...base, contractIds: [fresh(), fresh()], as: p.admin }]);
  }
  return units;
}

/** How many participants `count` submissions take (two each, one fewer for each conflicting one). */
function participantsFor(count: number): number {
  const conflicts = Math.floor(count / CONFLICT_EVERY);
  return 2 * count - conflicts;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#x27;': "'" };
/** The page's error notice (web/views/layout.tsx Notice, role="alert"), as text. */
function noticeOf(html: string): string | undefined {
  const m = html.match(/<div class="notice notice-error" role="alert">([\s\S]*?)<\/div>/);
  return m?.[1]!
    .replace(/<[^>]+>/g, '')
    .replace(/&(amp|lt|gt|quot|#39|#x27);/g, (e) => ENTITIES[e] ?? e)
    .trim();
}

interface Answer {
  s: Submission;
  status: number;
  ms: number;
  notice?: string | undefined;
  location?: string | null;
}

async function submit(s: BenchStack, x: Submission): Promise<Answer> {
  const form = new FormData();
  form.append('idempotencyKey', crypto.randomUUID());
  form.append('invoiceId', x.invoiceId);
  form.append('number', x.number);
  form.append('date', YESTERDAY);
  form.append('amount', '200,00');
  for (const id of x.contractIds) form.append('dalyvis', id);
  form.append('file', new Blob([pdfBytes(`Sąskaita faktūra ${x.number}`)], { type: 'application/pdf' }), 'saskaita.pdf');
  const t0 = performance.now();
  const res = await fetch(`${s.origin}/saskaitos-fakturos/grupe/${x.provider.groupId}/pateikti`, {
    method: 'POST',
    headers: { Cookie: x.as.cookie, Origin: s.origin, 'X-CSRF-Token': x.as.csrf },
    body: form,
    redirect: 'manual',
    // Generous: under a burst the answers queue behind the server's PDF checks (two at a time, web/pdf-check.ts).
    signal: AbortSignal.timeout(300_000),
  });
  const body = await res.text();
  const ms = performance.now() - t0;
  return { s: x, status: res.status, ms, notice: res.status === 303 ? undefined : noticeOf(body), location: res.headers.get('Location') };
}

async function terminateInvoices(s: BenchStack, ids: readonly string[]): Promise<void> {
  let failed = 0;
  await pool(ids, 16, async (id) => {
    try {
      await s.client.workflow.getHandle(invoiceWorkflowId(id)).terminate('benchmark finished');
    } catch (err) {
      // A refused submission's workflow has already ended (or was never started).
      if (!(err instanceof WorkflowNotFoundError)) failed++;
    }
  });
  if (failed > 0) log(`${failed} of ${ids.length} invoice workflows could not be terminated`);
}

async function main(): Promise<number> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const stack = await migrateAndStart({
    databaseUrl: process.env.DATABASE_URL ?? 'postgres://kursuok:kursuok@localhost:5432/kursuok_bench',
    temporalAddress: process.env.TEMPORAL_ADDRESS ?? 'localhost:7243',
    taskQueuePrefix: 'invoice-burst',
    dbPoolSize: DB_POOL,
  });
  const started: string[] = [];
  try {
    const s = stack;
    const tag = crypto.randomUUID().slice(0, 8);
    // ---- Set-up (not measured) ----
    let t = performance.now();
    const perInstitution = Array.from({ length: INSTITUTIONS }, (_, i) => Math.floor(N / INSTITUTIONS) + (i < N % INSTITUTIONS ? 1 : 0));
    const providers: Provider[] = [];
    await pool(perInstitution, 4, async (count, i) => {
      providers[i] = await seedProvider(s, i, Math.max(1, participantsFor(count)), tag);
    });
    const plans = providers.map((p, i) => plan(p, perInstitution[i]!, tag));
    // Units round-robin over the institutions: the burst hits every institution at once.
    const units: Submission[][] = [];
    for (let k = 0; k < Math.max(...plans.map((u) => u.length)); k++) for (const u of plans) if (u[k]) units.push(u[k]!);
    const submissions = units.flat();
    const pairs = units.filter((u) => u.length === 2);
    const participants = providers.reduce((sum, p) => sum + p.contracts.length, 0);
    const seedMs = performance.now() - t;
    log(`${INSTITUTIONS} institutions, ${participants} certified participants seeded in ${(seedMs / 1000).toFixed(1)} s`);
    if (submissions.length !== N) throw new Error(`planned ${submissions.length} submissions, not ${N}`);

    // ---- The burst (measured) ----
    const answers: Answer[] = [];
    const errors: string[] = [];
    t = performance.now();
    await pool(units, CONCURRENCY, async (unit) => {
      started.push(...unit.map((x) => x.invoiceId));
      const results = await Promise.allSettled(unit.map((x) => submit(s, x)));
      for (const r of results)
        if (r.status === 'fulfilled') answers.push(r.value);
        else errors.push(r.reason instanceof Error ? `${r.reason.name}: ${r.reason.message}` : String(r.reason));
    });
    const burstMs = performance.now() - t;
    const rate = submissions.length / (burstMs / 1000);
    const latencies = answers.map((a) => a.ms).sort((x, y) => x - y);

    // ---- Checks ----
    const accepted = answers.filter((a) => a.status === 303);
    const refused = answers.filter((a) => a.status === 409);
    const other = answers.filter((a) => a.status !== 303 && a.status !== 409);
    const badRefusals = refused.filter((a) => {
      const x = a.s;
      // A refused single submission has nobody to conflict with; a pair's refusal names the participant both ticked.
      const partner = units.find((u) => u.includes(x))!;
      const shared = partner.find((y) => y.shared)?.shared;
      const name = shared ? x.provider.names.get(shared) : undefined;
      return !a.notice || !INV13.test(a.notice) || !name || !a.notice.includes(name);
    });
    const byIndex = refused.filter((a) => a.notice?.includes('kitą aktyvią')).length;
    const pairOutcomes = pairs.map((u) => u.map((x) => answers.find((a) => a.s === x)?.status).sort());
    const pairsNotOneEach = pairOutcomes.filter((o) => o.join(',') !== '303,409').length;
    const singlesRefused = units.filter((u) => u.length === 1 && answers.find((a) => a.s === u[0])?.status !== 303).length;
    const institutionIds = providers.map((p) => p.institutionId);

    // INV-13 in Postgres: no contract on two active invoices.
    const twice = await sql<{ contract_id: string; n: number }>`
      select ip.contract_id, count(*)::int as n
      from invoice_participants ip join invoices i on i.id = ip.invoice_id
      where ip.active and i.institution_id = any(${institutionIds}::uuid[])
      group by ip.contract_id having count(*) > 1`.execute(s.db);
    const rows = await s.db
      .selectFrom('invoices as i')
      .leftJoin('invoice_participants as ip', (j) => j.onRef('ip.invoice_id', '=', 'i.id').on('ip.active', '=', true))
      .select(['i.id', 'i.status', sql<number>`count(ip.contract_id)::int`.as('held')])
      .where('i.institution_id', 'in', institutionIds)
      .groupBy(['i.id', 'i.status'])
      .execute();
    const inDb = new Map(rows.map((r) => [r.id, r]));
    const acceptedMissing = accepted.filter((a) => inDb.get(a.s.invoiceId)?.status !== 'Pateikta' || inDb.get(a.s.invoiceId)?.held !== 2);
    const refusedStored = refused.filter((a) => inDb.has(a.s.invoiceId)).length;
    const strayRows = rows.filter((r) => !accepted.some((a) => a.s.invoiceId === r.id)).length;

    const p = (q: number) => percentile(latencies, q).toFixed(0);
    console.log('');
    console.log(
      `KURSUOK invoice burst (INV-12, INV-13): ${N} invoices over HTTP by ${INSTITUTIONS} institutions, ${pairs.length} conflicting pairs (every ${CONFLICT_EVERY}th submission ticks a participant of the one before, by another user at the same moment), ${CONCURRENCY} units in flight; ${cpus().length} cores, Node ${process.version}`,
    );
    console.log('');
    console.log('| figure | value |');
    console.log('|---|---|');
    console.log(`| set-up (not measured): ${participants} certified participants seeded with SQL | ${(seedMs / 1000).toFixed(1)} s |`);
    console.log(
      `| submissions (multipart POST with the PDF) | ${submissions.length} in ${(burstMs / 1000).toFixed(1)} s = ${rate.toFixed(1)}/s |`,
    );
    console.log(
      `| latency per submission, p50 / p95 / p99 / max | ${p(50)} / ${p(95)} / ${p(99)} / ${(latencies.at(-1) ?? NaN).toFixed(0)} ms |`,
    );
    console.log(`| invoices created ("Pateikta", 303) | ${accepted.length} (expected ${N - pairs.length}) |`);
    console.log(
      `| refused (409) with INV-13's reason naming the shared participant | ${refused.length - badRefusals.length} of ${refused.length} (expected ${pairs.length}; ${byIndex} by the workflow's unique index, ${refused.length - byIndex} by the check that saw the other invoice) |`,
    );
    console.log(`| conflicting pairs not one accepted + one refused | ${pairsNotOneEach} |`);
    console.log(`| participants on two active invoices (SQL) | ${twice.rows.length} |`);
    console.log(
      `| invoice rows: accepted ones missing or not holding 2 / refused ones stored / rows for no accepted submission | ${acceptedMissing.length} / ${refusedStored} / ${strayRows} |`,
    );
    for (const a of [...other, ...badRefusals].slice(0, 5))
      console.log(`unexpected answer: HTTP ${a.status}: ${a.notice ?? '(no notice)'}`);
    for (const e of errors.slice(0, 5)) console.log(`request error: ${e}`);

    const problems = [
      ...(errors.length > 0 ? [`${errors.length} requests failed, first: ${errors[0]}`] : []),
      ...(other.length > 0
        ? [`${other.length} answers neither 303 nor 409 (first HTTP ${other[0]!.status}: ${other[0]!.notice ?? ''})`]
        : []),
      ...(accepted.length !== N - pairs.length ? [`${accepted.length} invoices created, not ${N - pairs.length}`] : []),
      ...(refused.length !== pairs.length ? [`${refused.length} refused, not ${pairs.length}`] : []),
      ...(badRefusals.length > 0
        ? [`${badRefusals.length} refusals without INV-13's reason naming the participant: ${badRefusals[0]!.notice ?? ''}`]
        : []),
      ...(pairsNotOneEach > 0 ? [`${pairsNotOneEach} conflicting pairs not one accepted and one refused`] : []),
      ...(singlesRefused > 0 ? [`${singlesRefused} submissions without a conflict not accepted`] : []),
      ...(twice.rows.length > 0 ? [`${twice.rows.length} participants on two active invoices`] : []),
      ...(acceptedMissing.length > 0
        ? [`${acceptedMissing.length} accepted submissions without their "Pateikta" invoice of 2 participants`]
        : []),
      ...(refusedStored > 0 ? [`${refusedStored} refused submissions stored as invoices`] : []),
      ...(strayRows > 0 ? [`${strayRows} invoice rows for no accepted submission`] : []),
    ];
    console.log('');
    console.log(
      problems.length === 0
        ? `Result: ${N} invoice submissions in ${(burstMs / 1000).toFixed(1)} s (${rate.toFixed(1)}/s, p95 ${p(95)} ms); ${accepted.length} created, ${refused.length} refused with INV-13's reason; no participant on two active invoices.`
        : `Result: FAILED — ${problems.join('; ')}.`,
    );
    return problems.length === 0 ? 0 : 1;
  } finally {
    await terminateInvoices(stack, started);
    await stack.stop();
  }
}

runMain(main);
