// Lists benchmark (issue 5): "Institucijos mokymosi programos" and a programme's tab "Grupės" at
// 20,000 groups, read over real HTTP by a logged-in administrator. The groups are written straight
// into Postgres (the lists read only Postgres; creating them through their workflows is what
// groups.bench.ts measures): one institution holds three quarters of them over ten of its 40
// programmes — one programme alone holds 6,000 — and four other institutions the rest, in all six
// statuses. Measured: the programme list; the tab unfiltered, filtered by one and by three
// statuses, searched (a common and a rare text), and a deep page. Run twice on the same data —
// without the indexes of migration 20261128T1745_group_list_indexes, then with them — so the table
// shows what they bring. Not a test: it exits non-zero when an answer is not the expected one.
// `npm run bench` (scripts/bench.sh) runs it on a freshly reset database; run directly:
//   DATABASE_URL=postgres://…/kursuok_bench TEMPORAL_ADDRESS=localhost:7243 node --import tsx test/bench/lists.bench.ts
// Knobs (environment): BENCH_LISTS_GROUPS (20000), BENCH_LISTS_N (200 requests per page),
// BENCH_CONCURRENCY (8), BENCH_LISTS_WARMUP (16 per page), BENCH_LISTS_COMPARE (1: also measure
// without the indexes; 0: only with), BENCH_DB_POOL (10 per pool), BENCH_REQUEST_TIMEOUT_MS (30000),
// BENCH_WORKFLOW_BUNDLE. A filter or search that matches nothing (at small sizes) must show the
// list's "nerasta" line.
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { sql, type Kysely } from 'kysely';
import type { Db } from '../../db/client.ts';
import { down as dropListIndexes, up as createListIndexes } from '../../db/migrations/20261128T1745_group_list_indexes.ts';
import { LIST_PAGE_SIZE } from '../../web/paging.ts';
import { GROUP_STATUSES } from '../../workflows/domain/group-status.ts';
import { createInstitution, type InstitutionFixture } from '../support/fixtures.ts';
import { insertGroupRows } from '../support/group-rows.ts';
import { adminSession } from '../support/session.ts';
import {
  count,
  failedLine,
  figure,
  Http,
  intEnv,
  latencyTable,
  log,
  memoryLine,
  migrateAndStart,
  ms,
  pagerLine,
  percentile,
  phase,
  problem,
  rowsOnPage,
  runMain,
  table,
  type Answer,
  type PhaseResult,
} from './measure.ts';
import type { BenchStack } from './stack.ts';

const GROUPS = intEnv('BENCH_LISTS_GROUPS', 20_000, 40, 1_000_000);
const N = intEnv('BENCH_LISTS_N', 200, 1, 20_000);
const CONCURRENCY = intEnv('BENCH_CONCURRENCY', 8, 1, 256);
const WARMUP = intEnv('BENCH_LISTS_WARMUP', 16, 0, 1_000);
const COMPARE = intEnv('BENCH_LISTS_COMPARE', 1, 0, 1) === 1;
const DB_POOL = intEnv('BENCH_DB_POOL', 10, 1, 100);
const REQUEST_TIMEOUT_MS = intEnv('BENCH_REQUEST_TIMEOUT_MS', 30_000, 100, 600_000);
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://kursuok:kursuok@localhost:5432/kursuok_bench';
const TEMPORAL_ADDRESS = process.env.TEMPORAL_ADDRESS ?? 'localhost:7243';

const PAGE_SIZE = LIST_PAGE_SIZE;
/** The main institution's programmes (the fixture's two and these). */
const EXTRA_PROGRAMMES = 38;
const OTHER_INSTITUTIONS = 4;
/** The main institution's share of the groups, and of that the big programme's. */
const MAIN_GROUPS = Math.round(GROUPS * 0.75);
const BIG_GROUPS = Math.round(GROUPS * 0.3);
/** The main institution's other programmes that have groups. */
const SMALL_WITH_GROUPS = 9;

const CITIES = ['Vilnius', 'Kaunas', 'Klaipėda', 'Šiauliai', 'Panevėžys', 'Alytus', 'Utena'];
const TIMES = ['rytinė', 'vakarinė', 'savaitgalio'];
const groupName = (i: number) => `${CITIES[i % CITIES.length]} ${TIMES[i % TIMES.length]} grupė Nr. ${i + 1}`;
/** The same as insertGroupRows's default: the six statuses in turn. */
const statusOf = (i: number) => GROUP_STATUSES[i % GROUP_STATUSES.length]!;

// ---- Data ----------------------------------------------------------------------------------------

interface Scenario {
  http: Http;
  main: InstitutionFixture;
  /** The big programme's groups, in index order (for the expected answers). */
  bigNames: string[];
  programmes: number;
}

async function writeData(db: Db): Promise<Omit<Scenario, 'http'>> {
  const main = await createInstitution(db, 'Bench programos');
  const extra = await db
    .insertInto('programmes')
    .values(
      Array.from({ length: EXTRA_PROGRAMMES }, (_, i) => ({
        institution_id: main.institutionId,
        code: `NSP-2025-${String(1000 + i)}`,
        name: `Bench programa ${i + 1}`,
        kind: 'NSPR',
        languages: ['lietuvių'],
        contact_hours: String(16 + (i % 10) * 8),
        // A few closed ones, with the remark the list shows.
        ...(i % 12 === 5 ? { state: 'DEREGISTERED', remarks: 'Programa išregistruota iš NŠPR 2026-10-01.' } : {}),
      })),
    )
    .returning('id')
    .execute();
  await insertGroupRows(db, {
    institutionId: main.institutionId,
    programmeId: main.programmeId,
    venueId: main.venueId,
    count: BIG_GROUPS,
    name: groupName,
  });
  const perSmall = Math.floor((MAIN_GROUPS - BIG_GROUPS) / SMALL_WITH_GROUPS);
  for (const p of extra.slice(0, SMALL_WITH_GROUPS)) {
    await insertGroupRows(db, {
      institutionId: main.institutionId,
      programmeId: p.id,
      venueId: main.venueId,
      count: perSmall,
      name: groupName,
    });
  }
  const perOther = Math.floor((GROUPS - MAIN_GROUPS) / OTHER_INSTITUTIONS);
  for (let k = 0; k < OTHER_INSTITUTIONS; k++) {
    const other = await createInstitution(db, `Bench kita ${k + 1}`);
    await insertGroupRows(db, {
      institutionId: other.institutionId,
      programmeId: other.programmeId,
      venueId: other.venueId,
      count: perOther,
      name: groupName,
    });
  }
  const total = await db
    .selectFrom('training_groups')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  log(`groups in the database: ${total.n}`);
  const bigNames = Array.from({ length: BIG_GROUPS }, (_, i) => groupName(i));
  return { main, bigNames, programmes: EXTRA_PROGRAMMES + 2 };
}

// ---- Pages ---------------------------------------------------------------------------------------

interface Page {
  name: string;
  path: string;
  check: (a: Answer) => Array<[boolean, string]>;
}

function pages(s: Scenario): Page[] {
  const tab = `/programos/${s.main.programmeId}`;
  const rows = (a: Answer, prefix: string, expected: number): [boolean, string] => {
    const n = count(a.body, new RegExp(`<tr id="${prefix}-[0-9a-f-]{36}"`, 'g'));
    return [n === expected, `${n} rows, not ${expected}`];
  };
  const totals = (a: Answer, total: number, page = 1): [boolean, string] => {
    // An empty list has no pager: "Mokymo grupių nerasta." (filtered: "Pagal pasirinktas sąlygas mokymo grupių nerasta.").
    if (total === 0) return [/[Mm]okymo grupių nerasta\./.test(a.body), 'no "… mokymo grupių nerasta."'];
    const line = pagerLine(total, page, PAGE_SIZE);
    return [a.body.includes(line), `no "${line}"`];
  };
  const onPage = (total: number, page: number) => rowsOnPage(total, page, PAGE_SIZE);
  const matching = (pred: (name: string, i: number) => boolean) => s.bigNames.filter(pred).length;
  const running = matching((_, i) => statusOf(i) === 'Vykdoma');
  const three = matching((_, i) => ['Kuriama', 'Skelbiama', 'Vykdoma'].includes(statusOf(i)));
  const kaunas = matching((n) => n.includes('Kaunas'));
  const kaunasEveningPublished = matching((n, i) => n.includes('Kaunas vakarinė') && statusOf(i) === 'Skelbiama');
  const rare = matching((n) => n.toLowerCase().includes('nr. 4321'));
  const deep = Math.min(100, Math.ceil(s.bigNames.length / PAGE_SIZE));
  return [
    {
      name: `programme list, ${s.programmes} programmes (GET /programos)`,
      path: '/programos',
      check: (a) => [rows(a, 'programa', s.programmes), totals(a, s.programmes), [a.body.includes('Vykdoma: '), 'no group statuses']],
    },
    {
      name: `"Grupės", ${s.bigNames.length} groups, page 1`,
      path: tab,
      check: (a) => [rows(a, 'grupe', onPage(s.bigNames.length, 1)), totals(a, s.bigNames.length)],
    },
    {
      name: `"Grupės", status "Vykdoma" (${running})`,
      path: `${tab}?busena=Vykdoma`,
      check: (a) => [rows(a, 'grupe', onPage(running, 1)), totals(a, running)],
    },
    {
      name: `"Grupės", 3 statuses (${three})`,
      path: `${tab}?busena=Kuriama&busena=Skelbiama&busena=Vykdoma`,
      check: (a) => [rows(a, 'grupe', onPage(three, 1)), totals(a, three)],
    },
    {
      name: `"Grupės", search "Kaunas" (${kaunas})`,
      path: `${tab}?paieska=Kaunas`,
      check: (a) => [rows(a, 'grupe', onPage(kaunas, 1)), totals(a, kaunas)],
    },
    {
      name: `"Grupės", search "kaunas vakarinė" + "Skelbiama" (${kaunasEveningPublished})`,
      path: `${tab}?paieska=${encodeURIComponent('kaunas vakarinė')}&busena=Skelbiama`,
      check: (a) => [rows(a, 'grupe', onPage(kaunasEveningPublished, 1)), totals(a, kaunasEveningPublished)],
    },
    {
      name: `"Grupės", rare search "Nr. 4321" (${rare})`,
      path: `${tab}?paieska=${encodeURIComponent('Nr. 4321')}`,
      check: (a) => [rows(a, 'grupe', rare), totals(a, rare)],
    },
    {
      name: `"Grupės", deep page ${deep}`,
      path: `${tab}?puslapis=${deep}`,
      check: (a) => [rows(a, 'grupe', onPage(s.bigNames.length, deep)), totals(a, s.bigNames.length, deep)],
    },
  ];
}

async function measureAll(s: Scenario, label: string): Promise<{ results: PhaseResult[]; failures: number; first: string | undefined }> {
  let failures = 0;
  let first: string | undefined;
  const all = pages(s);
  const run = (page: Page, total: number, name: string) =>
    phase(name, total, CONCURRENCY, async () => {
      const a = await s.http.get(page.path);
      return { failure: problem(a, page.check(a)), ms: a.ms, bytes: a.bytes };
    });
  if (WARMUP > 0) {
    for (const page of all) {
      const w = await run(page, WARMUP, `warm-up: ${page.name}`);
      failures += w.failures;
      for (const f of w.failureSamples) log(`  warm-up failure, ${w.name}: ${f}`);
      first ??= w.failureSamples.map((f) => `${w.name}: ${f}`)[0];
    }
  }
  log(`${label}: measuring ${N} requests of each page, ${CONCURRENCY} at a time`);
  const results: PhaseResult[] = [];
  for (const page of all) results.push(await run(page, N, page.name));
  failures += results.reduce((sum, r) => sum + r.failures, 0);
  first ??= results.flatMap((r) => r.failureSamples.map((f) => `${label}, ${r.name}: ${f}`))[0];
  return { results, failures, first };
}

/** The plans Postgres picks for the tab's queries (EXPLAIN ANALYZE), one line each: what uses which index. */
async function plans(db: Db, s: Scenario): Promise<string[]> {
  const inst = s.main.institutionId;
  const prog = s.main.programmeId;
  const queries: Array<[string, ReturnType<typeof sql>]> = [
    [
      'page 1',
      sql`select id from training_groups where institution_id = ${inst} and programme_id = ${prog} order by programme_start desc, name, id limit 50`,
    ],
    ['count', sql`select count(*) from training_groups where institution_id = ${inst} and programme_id = ${prog}`],
    [
      'status "Vykdoma"',
      sql`select id from training_groups where institution_id = ${inst} and programme_id = ${prog} and status in ('Vykdoma') order by programme_start desc, name, id limit 50`,
    ],
    [
      'count "Kaunas"',
      sql`select count(*) from training_groups where institution_id = ${inst} and programme_id = ${prog} and name ilike '%Kaunas%'`,
    ],
    [
      'deep page',
      sql`select id from training_groups where institution_id = ${inst} and programme_id = ${prog} order by programme_start desc, name, id limit 50 offset 4950`,
    ],
    [
      'search "Nr. 4321"',
      sql`select id from training_groups where institution_id = ${inst} and programme_id = ${prog} and name ilike '%Nr. 4321%' order by programme_start desc, name, id limit 50`,
    ],
  ];
  const lines: string[] = [];
  for (const [label, q] of queries) {
    const r = await sql<{ 'QUERY PLAN': string }>`explain (analyze, costs off, timing on) ${q}`.execute(db);
    const text = r.rows.map((row) => row['QUERY PLAN']);
    const nodes = text
      .filter((t) => /Scan|Sort|Limit|Aggregate/.test(t))
      .map((t) =>
        t
          .trim()
          .replace(/\(actual time=[^)]*\)/, '')
          .replace(/\s+/g, ' '),
      );
    const exec = text.find((t) => t.startsWith('Execution Time')) ?? '';
    lines.push(`${label}: ${nodes.slice(0, 3).join(' → ')}; ${exec}`);
  }
  return lines;
}

function comparison(before: PhaseResult[], after: PhaseResult[]): string {
  const p = (r: PhaseResult, q: number) =>
    percentile(
      [...r.latencies].sort((a, b) => a - b),
      q,
    );
  const rps = (r: PhaseResult) => r.latencies.length / (r.wallMs / 1000);
  const rows = after.map((a, i) => {
    const b = before[i]!;
    return [
      a.name,
      rps(b).toFixed(1),
      rps(a).toFixed(1),
      `${ms(p(b, 50))} / ${ms(p(b, 95))}`,
      `${ms(p(a, 50))} / ${ms(p(a, 95))}`,
      `${(p(b, 50) / p(a, 50)).toFixed(1)}×`,
    ];
  });
  return table(
    ['page', 'req/s before', 'req/s after', 'p50 / p95 before (ms)', 'p50 / p95 after (ms)', 'p50 speed-up'],
    rows,
    (i) => i > 0,
  );
}

// ---- Main ---------------------------------------------------------------------------------------

async function main(): Promise<number> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const memory: string[] = [memoryLine('at start')];
  const load = [loadavg()[0]!];
  log(
    `lists: ${GROUPS} groups, ${N} requests per page, concurrency ${CONCURRENCY}, warm-up ${WARMUP}; database ${new URL(DATABASE_URL).pathname.slice(1)}`,
  );

  const stack: BenchStack = await migrateAndStart({
    databaseUrl: DATABASE_URL,
    temporalAddress: TEMPORAL_ADDRESS,
    taskQueuePrefix: 'bench-lists',
    dbPoolSize: DB_POOL,
  });
  memory.push(memoryLine('stack up'));

  let failures = 0;
  let first: string | undefined;
  try {
    const t = performance.now();
    const data = await writeData(stack.db);
    await sql`vacuum analyze training_groups`.execute(stack.db);
    await sql`analyze programmes`.execute(stack.db);
    const s: Scenario = { ...data, http: new Http(stack.origin, await adminSession(stack.db, data.main), REQUEST_TIMEOUT_MS) };
    log(`data written in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    let before: PhaseResult[] | undefined;
    const planLines: string[] = [];
    if (COMPARE) {
      await dropListIndexes(stack.db as unknown as Kysely<unknown>);
      await sql`analyze training_groups`.execute(stack.db);
      planLines.push('without the indexes:', ...(await plans(stack.db, s)).map((l) => `  ${l}`));
      const r = await measureAll(s, 'without the 20261128T1745 indexes');
      before = r.results;
      failures += r.failures;
      first ??= r.first;
      await createListIndexes(stack.db as unknown as Kysely<unknown>);
      await sql`vacuum analyze training_groups`.execute(stack.db);
    }
    planLines.push('with the indexes:', ...(await plans(stack.db, s)).map((l) => `  ${l}`));
    const after = await measureAll(s, 'with the 20261128T1745 indexes');
    failures += after.failures;
    first ??= after.first;
    memory.push(memoryLine('at the end (before shutdown)'));
    load.push(loadavg()[0]!);

    console.log('');
    console.log(
      `KURSUOK lists over HTTP: ${GROUPS} groups (${MAIN_GROUPS} of one institution over ${SMALL_WITH_GROUPS + 1} of its ${s.programmes} programmes, ${BIG_GROUPS} in one; the rest in ${OTHER_INSTITUTIONS} other institutions); ` +
        `${N} requests per page, concurrency ${CONCURRENCY}, ${cpus().length} cores, Node ${process.version}`,
    );
    console.log(
      "Throughput counts successful requests over the page's wall time; latencies are of successful requests, client side (send → whole body read).",
    );
    if (before) {
      console.log('');
      console.log('Without the indexes of 20261128T1745_group_list_indexes:');
      console.log(latencyTable(before));
    }
    console.log('');
    console.log('With them (the schema as migrated):');
    console.log(latencyTable(after.results));
    if (before) {
      console.log('');
      console.log(comparison(before, after.results));
    }
    console.log('');
    console.log('Query plans (EXPLAIN ANALYZE of the tab’s queries on the big programme):');
    for (const line of planLines) console.log(`  ${line}`);
    console.log(`Load average (1 min) at start / end: ${load.map((l) => l.toFixed(2)).join(' / ')}`);
    console.log('Memory of this process (web + worker + HTTP client):');
    for (const line of memory) console.log(`  ${line}`);
    for (const r of [...(before ?? []), ...after.results]) for (const f of r.failureSamples) console.log(`failure, ${r.name}: ${f}`);
    for (const r of after.results) {
      if (!r.name.startsWith('"Grupės"') && !r.name.startsWith('programme list')) continue;
      const sorted = [...r.latencies].sort((a, b) => a - b);
      figure(
        `${r.name.replace(/ \(GET [^)]*\)$/, '')}: p50 / p95 ms, req/s (c=${CONCURRENCY})`,
        `${ms(percentile(sorted, 50))} / ${ms(percentile(sorted, 95))}, ${(r.latencies.length / (r.wallMs / 1000)).toFixed(0)}`,
      );
    }
    console.log(failures === 0 ? 'Result: every request answered as expected.' : failedLine(failures, first));
  } finally {
    if (!(await stack.idle(Math.max(REQUEST_TIMEOUT_MS, 30_000))))
      log('requests still in progress after the timeout; shutting down anyway');
    await stack.stop();
  }
  return failures === 0 ? 0 : 1;
}

runMain(main);
