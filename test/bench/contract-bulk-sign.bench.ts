// Bulk signing of learning contracts (issue 12; CON-5, CON-20): BENCH_BULK_N (300) contracts of one
// group await the provider's signature; the provider's signer ticks them all and clicks once (one
// HTTP POST: the ContractBatchSigning workflow opens ONE gateway session with every document), the
// signing gateway simulator confirms (signing every PDF), the browser comes back (one HTTP GET), and
// the benchmark measures the time until every contract is signed and projected in Postgres. Checks:
// one session at the gateway, a replayed POST opens none, every contract signed once (its provider
// side, its batch row, exactly two stored files — the original and the signed one) and, on a sample
// (BENCH_BULK_SAMPLE), each signed PDF carries exactly one signature that pdfsig verifies.
// Not a test. `npm run bench` runs it on a fresh database; directly:
//   DATABASE_URL=... TEMPORAL_ADDRESS=localhost:7243 node --import tsx test/bench/contract-bulk-sign.bench.ts
// Knobs: BENCH_BULK_N (1..500, the gateway's limit per session), BENCH_BULK_SAMPLE (10), BENCH_DB_POOL,
// BENCH_WORKFLOW_BUNDLE; SMTP_HOST/SMTP_PORT for the approvals' e-mails. Every workflow it started is
// terminated at the end.
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { WorkflowNotFoundError } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { sql } from 'kysely';
import { FilePurpose } from '../../db/queries/files.ts';
import { GroupStatus } from '../../workflows/domain/group-status.ts';
import { contractBatchSigningWorkflowId, learningContractWorkflowId, trainingGroupWorkflowId } from '../../workflows/ids.ts';
import { changeGroupStatusUpdate, decideRegistrationUpdate } from '../../workflows/training-group/messages.ts';
import { hashPersonalCode } from '../../worker/crypto.ts';
import { startSigningGatewaySimulator, type SigningGatewaySimulator } from '../sim/signing/server.ts';
import { contractParticipant } from '../support/contracts.ts';
import { createInstitution } from '../support/fixtures.ts';
import {
  deadlinesIn,
  fixtureActor,
  groupInfo,
  publishedGroup,
  registerThroughWorkflow,
  uniquePersonalCode,
} from '../support/participants.ts';
import { pdfsig } from '../support/pdfsig.ts';
import { sessionFor } from '../support/session.ts';
import { intEnv, migrateAndStart, runMain, waitUntil } from './measure.ts';
import type { BenchStack } from './stack.ts';
import { pool } from './workflow-groups.ts';

const N = intEnv('BENCH_BULK_N', 300, 1, 500);
const SAMPLE = intEnv('BENCH_BULK_SAMPLE', 10, 1, 500);
const DB_POOL = intEnv('BENCH_DB_POOL', 10, 1, 100);
const log = (msg: string) => console.error(`[bulk-sign] ${msg}`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main(): Promise<number> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  // The gateway's VIISP is never asked: the benchmark confirms through the simulator's test control.
  const signing: SigningGatewaySimulator = await startSigningGatewaySimulator({
    port: 0,
    clients: [{ clientId: 'kursuok-bench', clientSecret: 'kursuok-bench-signing-secret' }],
    viisp: { issuer: 'http://127.0.0.1:9', clientId: 'unused', clientSecret: 'unused' },
    testControl: true,
  });
  let stack: BenchStack | undefined;
  let groupId: string | undefined;
  let batchId: string | undefined;
  const contractIds: string[] = [];
  try {
    stack = await migrateAndStart({
      databaseUrl: process.env.DATABASE_URL ?? 'postgres://kursuok:kursuok@localhost:5432/kursuok_bench',
      temporalAddress: process.env.TEMPORAL_ADDRESS ?? 'localhost:7243',
      taskQueuePrefix: 'bulk-sign',
      dbPoolSize: DB_POOL,
      // The SMTP server of the environment when it names one (the approvals' e-mails), else the default.
      env: {
        ...signing.env,
        ...Object.fromEntries(['SMTP_HOST', 'SMTP_PORT'].flatMap((k) => (process.env[k] ? [[k, process.env[k]]] : []))),
      },
    });
    const s = stack;
    const pepper = s.config.secrets.personalCodePepper;

    // ---- Set-up (not measured): a group of N approved participants made "Vykdoma"; N contracts prepared ----
    let t = performance.now();
    const fx = await createInstitution(s.db, 'Paketinis pasirašymas');
    const { groupId: id, handle: group } = await publishedGroup(
      { client: s.client, db: s.db, taskQueue: s.config.temporal.taskQueue },
      fx,
      // Registration open for an hour; the programme (the contracts' signing deadline) starts in two.
      deadlinesIn(3600, 7200),
      groupInfo(fx, { minParticipants: '1', maxParticipants: String(Math.max(N, 1)) }),
    );
    groupId = id;
    const people = await Promise.all(Array.from({ length: N }, (_, i) => contractParticipant(s.db, `Dalyvis${i + 1}`)));
    const actor = fixtureActor(fx);
    await pool(people, 8, async (p) => {
      const registrationId = await registerThroughWorkflow(s.db, group, p);
      await group.executeUpdate(decideRegistrationUpdate, {
        args: [{ actor, registrationId, decision: 'APPROVE' }],
        updateId: crypto.randomUUID(),
      });
      contractIds.push(registrationId);
    });
    await group.executeUpdate(changeGroupStatusUpdate, { args: [{ actor, to: GroupStatus.InDelivery }], updateId: crypto.randomUUID() });
    const awaitingProvider = () =>
      s.db
        .selectFrom('learning_contracts')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('group_id', '=', id)
        .where('phase', '=', 'PASIRASOMA')
        .where('provider_status', '=', 'LAUKIA_PARASO')
        .executeTakeFirstOrThrow();
    await waitUntil('the contracts to be prepared', awaitingProvider, (r) => r.n === N, 600_000, 100);
    const setupMs = performance.now() - t;
    log(`${N} contracts prepared in ${seconds(setupMs)}`);

    // The provider's signer ("Sutarčių pasirašymas", USERS-27) and a session of theirs.
    const code = uniquePersonalCode();
    const signer = await s.db
      .insertInto('institution_users')
      .values({
        institution_id: fx.institutionId,
        first_name: 'Rūta',
        last_name: 'Pasirašančioji',
        email: `ruta-${crypto.randomUUID().slice(0, 8)}@example.lt`,
        rights: ['SUTARCIU_PASIRASYMAS'],
        status: 'ACTIVE',
        personal_code_hash: hashPersonalCode(pepper, code),
        signing_document: 'Direktoriaus 2024-01-15 įsakymas Nr. V-12',
        confirmed_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const session = await sessionFor(s.db, {
      personalCodeHash: hashPersonalCode(pepper, code),
      institutionId: fx.institutionId,
      userId: signer.id,
      names: ['Rūta', 'Pasirašančioji'],
    });
    const request = (method: 'GET' | 'POST', path: string, body?: URLSearchParams) =>
      fetch(s.origin + path, {
        method,
        redirect: 'manual',
        headers: { Cookie: session.cookie, ...(body ? { Origin: s.origin, 'Content-Type': 'application/x-www-form-urlencoded' } : {}) },
        ...(body ? { body: body.toString() } : {}),
        signal: AbortSignal.timeout(120_000),
      });

    // ---- The one click: every contract ticked, "Pasirašyti pažymėtas" ----
    batchId = crypto.randomUUID();
    const form = new URLSearchParams([
      ['_csrf', session.csrf],
      ['idempotencyKey', batchId],
      ['party', 'provider'],
    ]);
    for (const contractId of contractIds) form.append('contractIds', contractId);
    const sessionsBefore = signing.sessionCount();
    t = performance.now();
    const click = await request('POST', `/sutartys/grupes/${id}/pasirasyti`, form);
    const clickMs = performance.now() - t;
    const signUrl = click.headers.get('Location') ?? '';
    if (click.status !== 303 || !signUrl.startsWith(signing.url))
      throw new Error(`the click answered HTTP ${click.status} ${signUrl}: ${(await click.text()).replace(/<[^>]+>/g, ' ').slice(0, 300)}`);
    const gatewaySession = new URL(signUrl).pathname.split('/').at(-1)!;
    // The same POST again (a double click): the same session.
    const replay = await request('POST', `/sutartys/grupes/${id}/pasirasyti`, form);
    const replayLocation = replay.headers.get('Location');

    // ---- The signer confirms once at the gateway (the simulator signs every PDF) and comes back ----
    t = performance.now();
    const confirmed = await signing.signAs(gatewaySession, code);
    const gatewayMs = performance.now() - t;
    if (confirmed.status !== 'signed') throw new Error(`the gateway did not sign: ${confirmed.status} ${confirmed.reason ?? ''}`);
    const tReturn = performance.now();
    const back = await request('GET', `/sutartys/pasirasymai/${batchId}/atgal?session=${encodeURIComponent(gatewaySession)}&status=signed`);
    const returnMs = performance.now() - tReturn;
    if (back.status !== 303) throw new Error(`the return answered HTTP ${back.status}`);

    // ---- Until every contract is signed and projected (and the batch knows it) ----
    const signedCount = () =>
      s.db
        .selectFrom('learning_contracts')
        .select(sql<number>`count(*) filter (where provider_status = 'PASIRASYTA')::int`.as('n'))
        .where('group_id', '=', id)
        .executeTakeFirstOrThrow();
    let firstSignedMs = NaN;
    await waitUntil(
      'every contract to be signed',
      async () => {
        const r = await signedCount();
        if (r.n > 0 && Number.isNaN(firstSignedMs)) firstSignedMs = performance.now() - tReturn;
        return r;
      },
      (r) => r.n >= N,
      600_000,
      100,
    );
    const allSignedMs = performance.now() - tReturn;
    // Each contract writes its own row of the result page: when none is pending, the page has every outcome.
    const pendingRows = () =>
      s.db
        .selectFrom('contract_signing_batch_rows')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('batch_id', '=', batchId!)
        .where('outcome', '=', 'LAUKIAMA')
        .executeTakeFirstOrThrow();
    await waitUntil('every row of the result page', pendingRows, (r) => r.n === 0, 120_000, 100);
    const rowsDoneMs = performance.now() - tReturn;
    const batchDone = () =>
      s.db.selectFrom('contract_signing_batches').select('status').where('id', '=', batchId!).executeTakeFirstOrThrow();
    await waitUntil('the batch to be done', batchDone, (b) => b.status === 'BAIGTA', 120_000, 100);
    const batchDoneMs = performance.now() - tReturn;
    // The result page, once done (what the signer's browser polls).
    t = performance.now();
    const page = await request('GET', `/sutartys/pasirasymai/${batchId}`);
    const pageBody = await page.text();
    const pageMs = performance.now() - t;

    // ---- Checks ----
    const contracts = await s.db
      .selectFrom('learning_contracts')
      .select(['id', 'provider_status', 'provider_signer_user_id', 'document_file_id'])
      .where('group_id', '=', id)
      .execute();
    const signedOnce = contracts.filter((c) => c.provider_status === 'PASIRASYTA' && c.provider_signer_user_id === signer.id);
    const rows = await s.db
      .selectFrom('contract_signing_batch_rows')
      .select(['outcome', sql<number>`count(*)::int`.as('n')])
      .where('batch_id', '=', batchId)
      .groupBy('outcome')
      .execute();
    const rowsSigned = rows.find((r) => r.outcome === 'PASIRASYTA')?.n ?? 0;
    const rowsOther = rows.filter((r) => r.outcome !== 'PASIRASYTA').reduce((sum, r) => sum + r.n, 0);
    // Signed twice would leave a third file of that contract: the original, the signed one, nothing more.
    const files = await s.db
      .selectFrom('stored_files')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('institution_id', '=', fx.institutionId)
      .where('purpose', '=', FilePurpose.LearningContract)
      .executeTakeFirstOrThrow();
    const sample = contracts.filter((_, i) => i % Math.max(1, Math.floor(contracts.length / SAMPLE)) === 0).slice(0, SAMPLE);
    let sampleValid = 0;
    const sampleProblems: string[] = [];
    for (const c of sample) {
      const file = await s.db.selectFrom('stored_files').select('content').where('id', '=', c.document_file_id!).executeTakeFirstOrThrow();
      const signatures = await pdfsig(file.content, [signing.caCertificatePem]);
      const valid = signatures.filter(
        (x) => x.signatureValidation === 'Signature is Valid.' && x.certificateValidation === 'Certificate is Trusted.',
      );
      if (signatures.length === 1 && valid.length === 1) sampleValid++;
      else sampleProblems.push(`${c.id}: ${signatures.length} signatures, ${valid.length} valid`);
    }
    const sessionsOpened = signing.sessionCount() - sessionsBefore;

    console.log('');
    console.log(
      `KURSUOK bulk contract signing (CON-5): ${N} contracts of one group, one click; ${cpus().length} cores, Node ${process.version}`,
    );
    console.log('');
    console.log('| figure | value |');
    console.log('|---|---|');
    console.log(`| set-up (not measured): ${N} registrations approved, "Vykdoma", contracts prepared | ${seconds(setupMs)} |`);
    console.log(`| click: POST → gateway session with ${N} documents opened (303) | ${seconds(clickMs)} |`);
    console.log(`| gateway confirmation (the simulator signs ${N} PDFs) | ${seconds(gatewayMs)} |`);
    console.log(`| return: GET → 303 to the result page | ${seconds(returnMs)} |`);
    console.log(`| return → first contract signed in Postgres | ${seconds(firstSignedMs)} |`);
    console.log(
      `| return → all ${N} signed and projected in Postgres | ${seconds(allSignedMs)} (${(N / (allSignedMs / 1000)).toFixed(1)} contracts/s) |`,
    );
    console.log(`| return → every row's outcome on the result page | ${seconds(rowsDoneMs)} |`);
    console.log(`| return → the batch's workflow done ("BAIGTA") | ${seconds(batchDoneMs)} |`);
    console.log(`| click → all signed, without the gateway's own signing | ${seconds(clickMs + returnMs + allSignedMs)} |`);
    console.log(`| result page when done (${N} rows) | ${pageMs.toFixed(0)} ms, HTTP ${page.status} |`);
    console.log(`| gateway sessions opened (the replayed POST included) | ${sessionsOpened} |`);
    console.log(`| contracts signed by the signer | ${signedOnce.length} of ${N} |`);
    console.log(`| batch rows "Pasirašyta" / other | ${rowsSigned} / ${rowsOther} |`);
    console.log(`| stored contract files (2 per contract when each is signed once) | ${files.n} (expected ${2 * N}) |`);
    console.log(`| sample PDFs with exactly one valid, trusted signature (pdfsig) | ${sampleValid} of ${sample.length} |`);
    for (const p of sampleProblems.slice(0, 5)) console.log(`sample problem: ${p}`);

    const problems = [
      ...(sessionsOpened !== 1 ? [`${sessionsOpened} gateway sessions opened, not 1`] : []),
      ...(replay.status !== 303 || replayLocation !== signUrl
        ? [`the replayed POST answered ${replay.status} ${replayLocation ?? ''}`]
        : []),
      ...(signedOnce.length !== N ? [`${signedOnce.length} of ${N} contracts signed by the signer`] : []),
      ...(rowsSigned !== N || rowsOther !== 0 ? [`batch rows: ${rowsSigned} signed, ${rowsOther} other`] : []),
      ...(files.n !== 2 * N ? [`${files.n} stored contract files, not ${2 * N}`] : []),
      ...(sampleValid !== sample.length ? [`${sample.length - sampleValid} sample PDFs without exactly one valid signature`] : []),
      ...(page.status !== 200 || !pageBody.includes(`Pasirašyta sutarčių: ${N} iš ${N}.`)
        ? ['the result page does not say all were signed']
        : []),
    ];
    console.log('');
    console.log(
      problems.length === 0
        ? `Result: ${N} contracts signed with one click in ${seconds(clickMs + returnMs + allSignedMs)} (gateway ${seconds(gatewayMs)} apart); none lost, none signed twice.`
        : `Result: FAILED — ${problems.join('; ')}.`,
    );
    return problems.length === 0 ? 0 : 1;
  } finally {
    if (stack)
      await terminateAll(stack, [
        ...(groupId ? [trainingGroupWorkflowId(groupId)] : []),
        ...(batchId ? [contractBatchSigningWorkflowId(batchId)] : []),
        ...contractIds.map(learningContractWorkflowId),
      ]);
    await stack?.stop();
    await signing.close();
  }
}

/** Terminates the workflows it started (none is left open on the shared Temporal server). */
async function terminateAll(stack: BenchStack, workflowIds: string[]): Promise<void> {
  let failed = 0;
  await pool(workflowIds, 16, async (workflowId) => {
    try {
      await stack.client.workflow.getHandle(workflowId).terminate('benchmark finished');
    } catch (err) {
      // Ended already (a batch that finished), or never started.
      if (!(err instanceof WorkflowNotFoundError)) failed++;
    }
  });
  if (failed > 0) log(`${failed} of ${workflowIds.length} workflows could not be terminated`);
}

runMain(main);
