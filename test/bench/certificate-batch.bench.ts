// The nightly certificate batch (issue 13; DONE-9, DONE-10, DONE-17): BENCH_CERT_N (5,000) participants
// of one group have started, completed, been assessed (confirmed) and filled the questionnaire
// yesterday — rows seeded straight in Postgres with SQL (the marks are not what is measured) — and the
// CertificateIssuance workflow runs once for today: it pages through the due contracts and issues them
// in chunks (BENCH_CERT_CHUNK, default 25) with BENCH_CERT_CONCURRENCY (default 2) chunk activities at
// once, each certificate rendered (pdf-lib), sealed with the system's e-seal (issued here by a test CA
// like the signing gateway simulator's) and stored with its row and its N15 e-mail in one transaction.
// Measured: the time until every PDF is generated, sealed and stored (the workflow's end), throughput,
// the worker's peak RSS (the worker runs in this process: sampled every 100 ms, and the process's
// maxRSS), and the time until every N15 e-mail is sent. Checks: N certificates, N distinct numbers and
// codes, N stored files, a sample (BENCH_CERT_SAMPLE) sealed validly per pdfsig, and a second run
// issuing nothing.
// Not a test. `npm run bench -- certificate-batch` runs it on a fresh database; directly:
//   DATABASE_URL=... TEMPORAL_ADDRESS=localhost:7243 node --import tsx test/bench/certificate-batch.bench.ts
// Knobs: BENCH_CERT_N (1..20000), BENCH_CERT_CHUNK (1..500), BENCH_CERT_CONCURRENCY (1..32),
// BENCH_CERT_SAMPLE (5), BENCH_DB_POOL, BENCH_WORKFLOW_BUNDLE; SMTP_HOST/SMTP_PORT for the N15 e-mails.
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { sql } from 'kysely';
import { FilePurpose } from '../../db/queries/files.ts';
import type { CertificateIssuanceResult } from '../../workflows/certificate-issuance/messages.ts';
import { vilniusDate } from '../../workflows/domain/calendar.ts';
import { GroupStatus } from '../../workflows/domain/group-status.ts';
import { certificateIssuanceWorkflowId } from '../../workflows/ids.ts';
import { SIMULATOR_SEAL_PASSPHRASE } from '../../worker/config.ts';
import { createTestCa } from '../sim/signing/ca.ts';
import { pkcs12Of, simulatorSeal } from '../sim/signing/seal.ts';
import { createInstitution } from '../support/fixtures.ts';
import { insertGroupRows } from '../support/group-rows.ts';
import { pdfsig } from '../support/pdfsig.ts';
import { intEnv, migrateAndStart, runMain, waitUntil } from './measure.ts';
import type { BenchStack } from './stack.ts';

const N = intEnv('BENCH_CERT_N', 5000, 1, 20_000);
const CHUNK = intEnv('BENCH_CERT_CHUNK', 25, 1, 500);
const CONCURRENCY = intEnv('BENCH_CERT_CONCURRENCY', 2, 1, 32);
const SAMPLE = intEnv('BENCH_CERT_SAMPLE', 5, 1, 500);
const DB_POOL = intEnv('BENCH_DB_POOL', 10, 1, 100);
const log = (msg: string) => console.error(`[certificate-batch] ${msg}`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const DAY = 24 * 3600 * 1000;

/** N participants with contracts in force whose questionnaire was filled yesterday, in a few statements. */
async function seed(s: BenchStack): Promise<{ groupId: string; institutionId: string }> {
  const fx = await createInstitution(s.db, 'Pažymėjimų institucija');
  const today = vilniusDate(new Date());
  const [groupId] = await insertGroupRows(s.db, {
    institutionId: fx.institutionId,
    programmeId: fx.programmeId,
    venueId: fx.venueId,
    count: 1,
    name: () => 'Pažymėjimų grupė',
    status: () => GroupStatus.InDelivery,
    firstStart: vilniusDate(new Date(Date.now() - 40 * DAY)),
  });
  // The programme ended before today (a certificate is never dated before the end).
  await s.db
    .updateTable('training_groups')
    .set({ programme_end: vilniusDate(new Date(Date.now() - 3 * DAY)) })
    .where('id', '=', groupId!)
    .execute();
  const tag = crypto.randomUUID().slice(0, 8);
  await sql`
    insert into participants (person_key, first_name, last_name, email, citizen, birth_date)
    select 'cert-' || ${tag} || '-' || g, 'Dalyvė' || g, 'Pažymėjimaitė', 'cert-' || ${tag} || '-' || g || '@dalyviai.example.lt', true, date '1980-01-01'
    from generate_series(1, ${N}::int) g`.execute(s.db);
  await sql`
    insert into group_registrations (id, group_id, institution_id, participant_id, person_key, first_name, last_name, email, funding, status)
    select gen_random_uuid(), ${groupId}::uuid, ${fx.institutionId}::uuid, p.id, p.person_key, p.first_name, p.last_name, p.email, 'IMP_KREPSELIS', 'CONTRACTED'
    from participants p where p.person_key like ${`cert-${tag}-%`}`.execute(s.db);
  await sql`
    insert into learning_contracts (id, institution_id, group_id, programme_id, participant_id, version, phase, participant_status,
      provider_status, signing_deadline, started_at, completed_at, assessment, assessment_confirmed_at, questionnaire_filled_at)
    select r.id, r.institution_id, r.group_id, ${fx.programmeId}::uuid, r.participant_id, 1, 'GALIOJA', 'PASIRASYTA', 'PASIRASYTA',
      now() - interval '41 days', now() - interval '39 days', now() - interval '3 days', 'ISKAITYTA', now() - interval '2 days',
      now() - interval '1 day'
    from group_registrations r where r.group_id = ${groupId}::uuid`.execute(s.db);
  log(`seeded ${N} contracts due on ${today}`);
  return { groupId: groupId!, institutionId: fx.institutionId };
}

async function main(): Promise<number> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const ca = createTestCa();
  let stack: BenchStack | undefined;
  try {
    stack = await migrateAndStart({
      databaseUrl: process.env.DATABASE_URL ?? 'postgres://kursuok:kursuok@localhost:5432/kursuok_bench',
      temporalAddress: process.env.TEMPORAL_ADDRESS ?? 'localhost:7243',
      taskQueuePrefix: 'certificate-batch',
      dbPoolSize: DB_POOL,
      env: {
        CERTIFICATE_SEAL_P12: pkcs12Of(simulatorSeal(ca), SIMULATOR_SEAL_PASSPHRASE).toString('base64'),
        CERTIFICATE_SEAL_PASSPHRASE: SIMULATOR_SEAL_PASSPHRASE,
        ...Object.fromEntries(['SMTP_HOST', 'SMTP_PORT'].flatMap((k) => (process.env[k] ? [[k, process.env[k]]] : []))),
      },
    });
    const s = stack;
    let t = performance.now();
    const { groupId, institutionId } = await seed(s);
    const seedMs = performance.now() - t;

    // ---- The batch (measured), with the worker's memory sampled ----
    const day = vilniusDate(new Date());
    const rssBefore = process.memoryUsage().rss;
    let peakRss = rssBefore;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 100);
    const run = (label: string) =>
      s.client.workflow.execute('certificateIssuanceWorkflow', {
        taskQueue: s.config.temporal.taskQueue,
        workflowId: certificateIssuanceWorkflowId(`${day}-bench-${label}-${crypto.randomUUID().slice(0, 8)}`),
        args: [{ day, chunkSize: CHUNK, concurrency: CONCURRENCY }],
      }) as Promise<CertificateIssuanceResult>;
    t = performance.now();
    const result = await run('first');
    const batchMs = performance.now() - t;
    clearInterval(sampler);
    const maxRssKiB = process.resourceUsage().maxRSS;
    log(`batch done in ${seconds(batchMs)}: ${result.summary}`);

    // ---- N15: every e-mail sent (EmailDelivery children; not part of the batch's time) ----
    const unsent = () =>
      s.db
        .selectFrom('email_outbox')
        .select(sql<number>`count(*) filter (where sent_at is null)::int`.as('n'))
        .where('kind', '=', 'CERTIFICATE_ISSUED')
        .where('institution_id', '=', institutionId)
        .executeTakeFirstOrThrow();
    let mailMs = NaN;
    try {
      await waitUntil('every N15 e-mail to be sent', unsent, (r) => r.n === 0, 600_000);
      mailMs = performance.now() - t;
    } catch (err) {
      log(String(err));
    }

    // ---- Checks ----
    const counts = await s.db
      .selectFrom('certificates')
      .select([
        sql<number>`count(*)::int`.as('n'),
        sql<number>`count(distinct number)::int`.as('numbers'),
        sql<number>`count(distinct verification_code)::int`.as('codes'),
      ])
      .where('group_id', '=', groupId)
      .executeTakeFirstOrThrow();
    const files = await s.db
      .selectFrom('stored_files')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('institution_id', '=', institutionId)
      .where('purpose', '=', FilePurpose.Certificate)
      .executeTakeFirstOrThrow();
    const sizes = await s.db
      .selectFrom('stored_files')
      .select(sql<number>`coalesce(avg(size), 0)::int`.as('avg'))
      .where('institution_id', '=', institutionId)
      .where('purpose', '=', FilePurpose.Certificate)
      .executeTakeFirstOrThrow();
    const sample = await s.db
      .selectFrom('certificates')
      .innerJoin('stored_files', 'stored_files.id', 'certificates.file_id')
      .select(['certificates.number', 'stored_files.content'])
      .where('certificates.group_id', '=', groupId)
      .orderBy(sql`random()`)
      .limit(SAMPLE)
      .execute();
    let sampleValid = 0;
    for (const c of sample) {
      const [signature, ...more] = await pdfsig(c.content, [ca.certificatePem]);
      if (
        more.length === 0 &&
        signature?.signatureValidation === 'Signature is Valid.' &&
        signature.certificateValidation === 'Certificate is Trusted.'
      )
        sampleValid++;
      else log(`sample ${c.number}: ${JSON.stringify(signature)} and ${more.length} more`);
    }
    t = performance.now();
    const again = await run('again');
    const againMs = performance.now() - t;

    console.log('');
    console.log(
      `KURSUOK certificate batch (DONE-17): ${N} participants due, chunks of ${CHUNK}, ${CONCURRENCY} at once; ${cpus().length} cores, Node ${process.version}`,
    );
    console.log('');
    console.log('| figure | value |');
    console.log('|---|---|');
    console.log(`| set-up (not measured): ${N} contracts seeded with SQL | ${seconds(seedMs)} |`);
    console.log(
      `| batch: all ${N} PDFs generated, sealed and stored with their rows | ${seconds(batchMs)} (${(N / (batchMs / 1000)).toFixed(1)} certificates/s, ${(batchMs / N).toFixed(1)} ms each) |`,
    );
    console.log(`| pages / issued / skipped / failed | ${result.pages} / ${result.issued} / ${result.skipped} / ${result.failed} |`);
    console.log(`| worker RSS before → peak during the batch (sampled) | ${mib(rssBefore)} → ${mib(peakRss)} |`);
    console.log(`| process peak RSS (maxRSS) | ${mib(maxRssKiB * 1024)} |`);
    console.log(`| batch start → every N15 e-mail sent | ${seconds(mailMs)} |`);
    console.log(`| average sealed PDF | ${(sizes.avg / 1024).toFixed(1)} KiB |`);
    console.log(
      `| certificates / distinct numbers / distinct codes / stored files | ${counts.n} / ${counts.numbers} / ${counts.codes} / ${files.n} |`,
    );
    console.log(`| sample PDFs with one valid, trusted seal (pdfsig) | ${sampleValid} of ${sample.length} |`);
    console.log(`| second run (nothing due) | ${seconds(againMs)}, issued ${again.issued} |`);

    const problems = [
      ...(result.issued !== N || result.failed !== 0
        ? [`issued ${result.issued} of ${N}, failed ${result.failed} (${result.firstError ?? ''})`]
        : []),
      ...(counts.n !== N || counts.numbers !== N || counts.codes !== N
        ? [`${counts.n} rows, ${counts.numbers} numbers, ${counts.codes} codes`]
        : []),
      ...(files.n !== N ? [`${files.n} stored certificate files, not ${N}`] : []),
      ...(sampleValid !== sample.length ? [`${sample.length - sampleValid} sample PDFs without a valid seal`] : []),
      ...(again.issued !== 0 || again.listed !== 0 ? [`the second run issued ${again.issued}`] : []),
      ...(Number.isNaN(mailMs) ? ['not every N15 e-mail was sent'] : []),
    ];
    console.log('');
    console.log(
      problems.length === 0
        ? `Result: ${N} certificates generated and sealed in ${seconds(batchMs)} (${(N / (batchMs / 1000)).toFixed(1)}/s), worker peak RSS ${mib(Math.max(peakRss, maxRssKiB * 1024))}; none twice.`
        : `Result: FAILED — ${problems.join('; ')}.`,
    );
    return problems.length === 0 ? 0 : 1;
  } finally {
    await stack?.stop();
  }
}

runMain(main);
