// Master-data benchmark (issue 4): the pages of "Institucijos informacija", "Lektorių sąrašas",
// "Mokymo vietos" and "Darbdavio atstovai", and the drop-downs that offer what they hold (APP-16),
// read over real HTTP from one institution at the fixture scale (500 lecturers with a document each,
// 300 venues, 200 employer representatives). Not a test: it prints throughput and latency per page,
// and exits non-zero when any answer is not the expected one. `npm run bench` (scripts/bench.sh)
// runs it after the training-group benchmark, on a freshly reset database; run directly it only
// migrates the database it is given:
//   DATABASE_URL=... TEMPORAL_ADDRESS=localhost:7243 node --import tsx test/bench/master-data.bench.ts
// Knobs (environment): BENCH_MD_N (200 requests per page), BENCH_CONCURRENCY (8), BENCH_MD_WARMUP
// (16 per page), BENCH_MD_LECTURERS (500), BENCH_MD_VENUES (300), BENCH_MD_EMPLOYERS (200),
// BENCH_DB_POOL (10 per pool), BENCH_REQUEST_TIMEOUT_MS (30000), BENCH_WORKFLOW_BUNDLE.
// The three lists are paged (GEN-16): each measured list read checks its page's rows and pager line;
// one walk over every page of each, not measured, checks that the pages together show every row once.
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { Db } from '../../db/client.ts';
import { createEmployer } from '../../db/queries/employers.ts';
import { createNumberingStage, saveInstitutionInfo, type InfoActor } from '../../db/queries/institution-info.ts';
import { createVenue } from '../../db/queries/venues.ts';
import { LIST_PAGE_SIZE } from '../../web/paging.ts';
import { LECTURERS_PAGE_SIZE } from '../../web/routes/lecturers.tsx';
import { addDays, vilniusDate } from '../../workflows/domain/calendar.ts';
import { validateNumberingStage } from '../../workflows/domain/contract-number.ts';
import { validateEmployer } from '../../workflows/domain/employer.ts';
import { validateInstitutionInfo } from '../../workflows/domain/institution-info.ts';
import { MUNICIPALITIES, validateVenue } from '../../workflows/domain/venue.ts';
import { createInstitution, type InstitutionFixture } from '../support/fixtures.ts';
import { adminSession } from '../support/session.ts';
import {
  count,
  failedLine,
  Http,
  intEnv,
  latencyTable,
  log,
  memoryLine,
  migrateAndStart,
  pagerLine,
  phase,
  problem,
  rowsOnPage,
  runMain,
  walkPages,
  type Answer,
  type PhaseResult,
} from './measure.ts';
import { createBenchLecturer, LECTURER_DOCUMENT } from './lecturers.ts';
import type { BenchStack } from './stack.ts';

const N = intEnv('BENCH_MD_N', 200, 1, 20_000);
const CONCURRENCY = intEnv('BENCH_CONCURRENCY', 8, 1, 256);
const WARMUP = intEnv('BENCH_MD_WARMUP', 16, 0, 1_000);
const LECTURERS = intEnv('BENCH_MD_LECTURERS', 500, LECTURERS_PAGE_SIZE + 1, 20_000); // more than one page
const VENUES = intEnv('BENCH_MD_VENUES', 300, 2, 20_000);
const EMPLOYERS = intEnv('BENCH_MD_EMPLOYERS', 200, 4, 20_000);
const DB_POOL = intEnv('BENCH_DB_POOL', 10, 1, 100);
const REQUEST_TIMEOUT_MS = intEnv('BENCH_REQUEST_TIMEOUT_MS', 30_000, 100, 600_000);
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://kursuok:kursuok@localhost:5432/kursuok_bench';
const TEMPORAL_ADDRESS = process.env.TEMPORAL_ADDRESS ?? 'localhost:7243';

/** Every fourth employer is left inactive: the user window offers only the active ones (EMPL-5). */
const isActiveEmployer = (i: number) => i % 4 !== 3;
const ACTIVE_EMPLOYERS = Array.from({ length: EMPLOYERS }, (_, i) => i).filter(isActiveEmployer).length;
const IBAN = 'LT12 1000 0111 0100 1000';
const DOCUMENT = LECTURER_DOCUMENT;

// ---- Pages -------------------------------------------------------------------------------------

/** The <option>s of the <select name="…"> on a page. */
function selectOptions(body: string, name: string): number {
  const select = new RegExp(`<select[^>]*name="${name}"[^>]*>([\\s\\S]*?)</select>`).exec(body);
  return select ? count(select[1]!, /<option[\s>]/g) : -1;
}

interface Page {
  name: string;
  /** The path of the i-th request. */
  path: (i: number) => string;
  check: (a: Answer) => Array<[boolean, string]>;
}

/** The paged lists: path, row id prefix, rows in all, page size. */
const LISTS = [
  { path: '/lektoriai', prefix: 'lektorius', total: LECTURERS, pageSize: LECTURERS_PAGE_SIZE },
  { path: '/mokymo-vietos', prefix: 'vieta', total: VENUES, pageSize: LIST_PAGE_SIZE },
  { path: '/darbdaviai', prefix: 'darbdavys', total: EMPLOYERS, pageSize: LIST_PAGE_SIZE },
] as const;

function pages(s: Scenario): Page[] {
  const pageCount = (total: number, size: number) => Math.max(1, Math.ceil(total / size));
  const rows = (a: Answer, prefix: string, expected: number): [boolean, string] => {
    const n = count(a.body, new RegExp(`<tr id="${prefix}-[0-9a-f-]{36}"`, 'g'));
    return [n === expected, `${n} rows, not ${expected}`];
  };
  /** Page `page` of a list of `total`: its rows and its pager line. */
  const listPage = (a: Answer, prefix: string, total: number, page: number, size: number): Array<[boolean, string]> => {
    const line = pagerLine(total, page, size);
    return [rows(a, prefix, rowsOnPage(total, page, size)), [a.body.includes(line), `no "${line}"`]];
  };
  return [
    {
      name: `lecturer list, page 1 of ${pageCount(LECTURERS, LECTURERS_PAGE_SIZE)} (GET /lektoriai)`,
      path: () => '/lektoriai',
      check: (a) => listPage(a, 'lektorius', LECTURERS, 1, LECTURERS_PAGE_SIZE),
    },
    {
      name: 'lecturer list, page 2 (GET /lektoriai?puslapis=2)',
      path: () => '/lektoriai?puslapis=2',
      check: (a) => listPage(a, 'lektorius', LECTURERS, 2, LECTURERS_PAGE_SIZE),
    },
    {
      name: `venue list of ${VENUES}, page 1 of ${pageCount(VENUES, LIST_PAGE_SIZE)} (GET /mokymo-vietos)`,
      path: () => '/mokymo-vietos',
      check: (a) => listPage(a, 'vieta', VENUES, 1, LIST_PAGE_SIZE),
    },
    {
      name: `employer list of ${EMPLOYERS}, page 1 of ${pageCount(EMPLOYERS, LIST_PAGE_SIZE)} (GET /darbdaviai)`,
      path: () => '/darbdaviai',
      check: (a) => [
        ...listPage(a, 'darbdavys', EMPLOYERS, 1, LIST_PAGE_SIZE),
        [
          a.body.includes(`Iš viso: ${EMPLOYERS}, iš jų aktyvių: ${ACTIVE_EMPLOYERS}.`),
          `no "Iš viso: ${EMPLOYERS}, iš jų aktyvių: ${ACTIVE_EMPLOYERS}."`,
        ],
      ],
    },
    {
      name: 'institution information (GET /institucija)',
      path: () => '/institucija',
      check: (a) => [[a.body.includes(`value="${IBAN}"`), 'the IBAN is not in the form']],
    },
    {
      name: 'ŠMIR information (GET /institucija/smir)',
      path: () => '/institucija/smir',
      check: (a) => [[a.body.includes(`<dd data-field="code">${s.institutionCode}</dd>`), 'the legal entity code is not shown']],
    },
    {
      name: 'contract numbering, 2 stages (GET /institucija/numeracija)',
      path: () => '/institucija/numeracija',
      check: (a) => [rows(a, 'etapas', 2), [a.body.includes('id="pilnas-sutarties-numeris"'), 'no "Pilnas sutarties numeris"']],
    },
    {
      name: 'lecturer window (GET /lektoriai/:id/redaguoti)',
      path: (i) => `/lektoriai/${s.lecturerIds[i % s.lecturerIds.length]!}/redaguoti`,
      check: (a) => [
        [a.body.includes('Įkeltas dokumentas:'), 'no stored document shown'],
        [a.body.includes('id="lektoriaus-langas"'), 'no lecturer window'],
      ],
    },
    {
      name: `group form, ${VENUES} venues (GET /programos/:id/grupes/nauja)`,
      path: () => `/programos/${s.fx.programmeId}/grupes/nauja`,
      check: (a) => {
        const n = selectOptions(a.body, 'venueId');
        return [[n === VENUES + 1, `"Mokymo vieta" offers ${n - 1} venues, not ${VENUES}`]];
      },
    },
    {
      name: `user window, ${ACTIVE_EMPLOYERS} active employers (GET /naudotojai/naujas)`,
      path: () => '/naudotojai/naujas',
      check: (a) => {
        const n = selectOptions(a.body, 'employerId');
        return [[n === ACTIVE_EMPLOYERS + 1, `"Pasirinkite darbdavio įstaigą" offers ${n - 1} employers, not ${ACTIVE_EMPLOYERS}`]];
      },
    },
    {
      name: `lecturer document, ${(DOCUMENT.byteLength / 1024).toFixed(0)} KiB PDF (GET /failai/:id)`,
      path: (i) => `/failai/${s.fileIds[i % s.fileIds.length]!}`,
      check: (a) => [
        [a.headers.get('Content-Type') === 'application/pdf', `Content-Type is '${a.headers.get('Content-Type')}'`],
        [a.bytes === DOCUMENT.byteLength, `${a.bytes} bytes, not ${DOCUMENT.byteLength}`],
        [(a.headers.get('Content-Disposition') ?? '').startsWith('attachment;'), 'not an attachment'],
      ],
    },
  ];
}

async function measure(s: Scenario, page: Page, total: number, label: string): Promise<PhaseResult> {
  return phase(label, total, CONCURRENCY, async (i) => {
    const a = await s.http.get(page.path(i));
    return { failure: problem(a, page.check(a)), ms: a.ms, bytes: a.bytes };
  });
}

// ---- Data at the fixture scale -----------------------------------------------------------------

interface Scenario {
  http: Http;
  fx: InstitutionFixture;
  institutionCode: string;
  lecturerIds: string[];
  fileIds: string[];
}

const FIRST_NAMES = [
  'Jonas',
  'Rūta',
  'Tomas',
  'Asta',
  'Mindaugas',
  'Eglė',
  'Vytautas',
  'Jurgita',
  'Šarūnas',
  'Dalia',
  'Žydrūnas',
  'Gintarė',
  'Česlovas',
  'Inga',
  'Andrius',
  'Laura',
];
const LAST_NAMES = [
  'Kazlauskas',
  'Jankauskienė',
  'Petrauskas',
  'Stankevičiūtė',
  'Vasiliauskas',
  'Žukauskienė',
  'Butkus',
  'Paulauskaitė',
  'Urbonas',
  'Šimkienė',
  'Čepulis',
  'Navickaitė',
  'Ramanauskas',
  'Balčiūnienė',
  'Jurevičius',
  'Ąžuolaitė',
  'Lukoševičius',
];
const CITIES: Array<[string, string]> = [
  ['Vilnius', 'Vilniaus miesto savivaldybė'],
  ['Kaunas', 'Kauno miesto savivaldybė'],
  ['Klaipėda', 'Klaipėdos miesto savivaldybė'],
  ['Šiauliai', 'Šiaulių miesto savivaldybė'],
  ['Panevėžys', 'Panevėžio miesto savivaldybė'],
  ['Alytus', 'Alytaus miesto savivaldybė'],
  ['Utena', 'Utenos rajono savivaldybė'],
];
const STREETS = ['Gedimino pr.', 'Laisvės al.', 'Vilniaus g.', 'Taikos pr.', 'Tilžės g.', 'Basanavičiaus g.', 'Žalgirio g.', 'Ąžuolyno g.'];

function must<T>(result: { ok: true; value: T } | { ok: false; errors: object }, what: string): T {
  if (!result.ok) throw new Error(`${what}: ${JSON.stringify(result.errors)}`);
  return result.value;
}

/** Runs `work` for 0..n-1, `lanes` at a time (each call is its own transaction). */
async function inLanes(n: number, lanes: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(lanes, n) }, async () => {
      while (next < n) await work(next++);
    }),
  );
}

/** One institution with everything the four applications hold, written through the db/ functions (each with its audit row). */
async function fillInstitution(db: Db, fx: InstitutionFixture): Promise<Omit<Scenario, 'http'>> {
  const actor: InfoActor = { userId: fx.userId, personalCodeHash: fx.personalCodeHash, requestId: 'bench-setup' };
  const institution = await db
    .selectFrom('institutions')
    .select(['code', 'name'])
    .where('id', '=', fx.institutionId)
    .executeTakeFirstOrThrow();
  await db
    .updateTable('institutions')
    .set({
      smir_data: {
        code: institution.code,
        name: institution.name,
        nameEn: 'Benchmark Training Centre',
        abbreviation: 'BMC',
        address: 'Gedimino pr. 1, LT-01103 Vilnius',
        email: 'info@bench.example.lt',
        website: 'https://bench.example.lt',
        headEmail: 'vadovas@bench.example.lt',
        headPhone: '+370 612 00000',
        lastEditedOn: '2026-01-15',
      },
      smir_refreshed_at: new Date(),
    })
    .where('id', '=', fx.institutionId)
    .execute();

  // "Institucijos informacija" and two numbering stages.
  const info = must(
    validateInstitutionInfo({
      description: 'Suaugusiųjų mokymo centras.',
      contactFirstName: 'Gintarė',
      contactLastName: 'Paulauskienė',
      contactPosition: 'Mokymo skyriaus vedėja',
      contactPhone: '+370 612 34567',
      contactEmail: 'gintare@bench.example.lt',
      iban: IBAN,
      bankName: 'AB „Testo bankas“',
    }),
    'institution information',
  );
  await saveInstitutionInfo(db, { institutionId: fx.institutionId, value: info, actor });
  const today = vilniusDate(new Date());
  for (const [from, prefix] of [
    [today, 'MS-'],
    [addDays(today, 30), 'MS2-'],
  ] as const) {
    const value = must(
      validateNumberingStage({ effectiveFrom: from, startNumber: '1', prefix, suffix: '/2026', numberFormat: '00000' }),
      'numbering stage',
    );
    const created = await createNumberingStage(db, { institutionId: fx.institutionId, stageId: crypto.randomUUID(), value, today, actor });
    if (!created.ok) throw new Error(`numbering stage refused: ${JSON.stringify(created)}`);
  }

  // Lecturers, each with the PDF proving the first requirement (and every third one the second too).
  const lecturerIds: string[] = [];
  const fileIds: string[] = [];
  await inLanes(LECTURERS, 8, async (i) => {
    const created = await createBenchLecturer(db, fx, i, {
      firstName: FIRST_NAMES[i % FIRST_NAMES.length]!,
      lastName: LAST_NAMES[(i * 7) % LAST_NAMES.length]!,
      email: `lektorius${i + 1}@bench.example.lt`,
      phone: i % 2 === 0 ? `+370 600 ${String(10000 + i).slice(-5)}` : null,
      description: i % 5 === 0 ? 'Patyręs praktikas, 10 metų mokymo patirtis.' : null,
      active: i % 10 !== 9,
      publishConsent: i % 4 !== 0,
      withExperience: i % 3 === 0,
    });
    fileIds.push(created.documentIds[0]!);
    lecturerIds.push(created.id);
  });

  // Venues: the fixture has two ("Auditorija 101", "Nuotolinis mokymas"); the rest with full addresses.
  await inLanes(VENUES - 2, 8, async (i) => {
    const [city, municipality] = CITIES[i % CITIES.length]!;
    const value = must(
      validateVenue(
        {
          name: `${city}, mokymo klasė ${i + 1}`,
          municipality,
          city,
          street: STREETS[i % STREETS.length]!,
          building: String((i % 90) + 1),
          postalCode: String(10000 + ((i * 37) % 89999)),
        },
        { takenNames: [] },
      ),
      'venue',
    );
    if (!MUNICIPALITIES.includes(value.municipality)) throw new Error(`unknown municipality ${value.municipality}`);
    const created = await createVenue(db, { institutionId: fx.institutionId, venueId: crypto.randomUUID(), value, actor });
    if (!created.ok) throw new Error(`venue refused: ${JSON.stringify(created)}`);
  });

  // Employer representatives, three in four active.
  await inLanes(EMPLOYERS, 8, async (i) => {
    const value = must(
      validateEmployer({
        name: `UAB „${LAST_NAMES[i % LAST_NAMES.length]!} ir partneriai ${i + 1}“`,
        code: String(300000000 + i * 101),
        firstName: FIRST_NAMES[(i * 3) % FIRST_NAMES.length]!,
        lastName: LAST_NAMES[(i * 5) % LAST_NAMES.length]!,
        phone: `+370 611 ${String(20000 + i).slice(-5)}`,
        email: `atstovas${i + 1}@imone.example.lt`,
        practiceAddress: `${STREETS[i % STREETS.length]!} ${(i % 40) + 1}, LT-${String(10000 + i)} ${CITIES[i % CITIES.length]![0]}`,
        ...(isActiveEmployer(i) ? { active: '1' } : {}),
      }),
      'employer',
    );
    const created = await createEmployer(db, { institutionId: fx.institutionId, employerId: crypto.randomUUID(), value, actor });
    if (!created.ok) throw new Error(`employer refused: ${JSON.stringify(created)}`);
  });

  const counts = {
    lecturers: await countRows(db, 'lecturers', fx.institutionId),
    venues: await countRows(db, 'venues', fx.institutionId),
    employers: await countRows(db, 'employers', fx.institutionId),
  };
  if (counts.lecturers !== LECTURERS || counts.venues !== VENUES || counts.employers !== EMPLOYERS) {
    throw new Error(`fixture data: ${JSON.stringify(counts)}, expected ${LECTURERS} / ${VENUES} / ${EMPLOYERS}`);
  }
  return { fx, institutionCode: institution.code, lecturerIds, fileIds };
}

async function countRows(db: Db, table: 'lecturers' | 'venues' | 'employers', institutionId: string): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('institution_id', '=', institutionId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// ---- Main ---------------------------------------------------------------------------------------

async function main(): Promise<number> {
  // The SDK's worker lines (state changes, polling) would drown the table.
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const memory: string[] = [memoryLine('at start')];
  const load = [loadavg()[0]!];
  const database = new URL(DATABASE_URL).pathname.slice(1);
  log(
    `master data: ${N} requests per page, concurrency ${CONCURRENCY}, warm-up ${WARMUP} per page; ${LECTURERS} lecturers, ${VENUES} venues, ${EMPLOYERS} employers; database ${database}`,
  );

  // The stack is the production shape (web + worker); these pages need no workflow, but the app is the same.
  const stack: BenchStack = await migrateAndStart({
    databaseUrl: DATABASE_URL,
    temporalAddress: TEMPORAL_ADDRESS,
    taskQueuePrefix: 'bench-md',
    dbPoolSize: DB_POOL,
  });
  memory.push(memoryLine('stack up'));
  let t: number;

  let failures = 0;
  try {
    t = performance.now();
    const fx = await createInstitution(stack.db, 'Bench pagrindiniai duomenys', { publishable: false });
    const data = await fillInstitution(stack.db, fx);
    const s: Scenario = { ...data, http: new Http(stack.origin, await adminSession(stack.db, fx), REQUEST_TIMEOUT_MS) };
    memory.push(memoryLine('fixture data written'));
    log(`fixture data written in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    // Every page of each list once (not measured): together every row, none twice.
    const listProblems: string[] = [];
    for (const list of LISTS) {
      const walked = await walkPages(s.http, list.path, list.prefix, list.total, list.pageSize);
      if (walked.problem) listProblems.push(walked.problem);
      else if (walked.ids.length !== list.total)
        listProblems.push(`${list.path}: the pages show ${walked.ids.length} rows, not ${list.total}`);
    }
    failures += listProblems.length;
    let first = listProblems[0];

    const all = pages(s);
    if (WARMUP > 0) {
      t = performance.now();
      let wf = 0;
      for (const page of all) {
        const w = await measure(s, page, WARMUP, `warm-up: ${page.name}`);
        wf += w.failures;
        for (const f of w.failureSamples) log(`  warm-up failure, ${w.name}: ${f}`);
        first ??= w.failureSamples.map((f) => `${w.name}: ${f}`)[0];
      }
      failures += wf;
      log(
        `warm-up: ${WARMUP} requests of each page in ${((performance.now() - t) / 1000).toFixed(1)} s, ${wf} failures (not in the table)`,
      );
    }

    log(`measuring ${N} requests of each page, ${CONCURRENCY} at a time`);
    const results: PhaseResult[] = [];
    for (const page of all) results.push(await measure(s, page, N, page.name));
    memory.push(memoryLine('at the end (before shutdown)'));
    load.push(loadavg()[0]!);
    failures += results.reduce((sum, r) => sum + r.failures, 0);
    first ??= results.flatMap((r) => r.failureSamples.map((f) => `${r.name}: ${f}`))[0];

    console.log('');
    console.log(
      `KURSUOK master-data pages over HTTP: one institution with ${LECTURERS} lecturers, ${VENUES} venues, ${EMPLOYERS} employers (${ACTIVE_EMPLOYERS} active); ` +
        `${N} requests per page, concurrency ${CONCURRENCY}, ${cpus().length} cores, Node ${process.version}`,
    );
    console.log(
      "Throughput counts successful requests over the page's wall time; latencies are of successful requests, client side (send → whole body read).",
    );
    console.log('');
    console.log(latencyTable(results));
    console.log('');
    console.log(`Load average (1 min) at start / end: ${load.map((l) => l.toFixed(2)).join(' / ')}`);
    console.log('Memory of this process (web + worker + HTTP client):');
    for (const line of memory) console.log(`  ${line}`);
    for (const p of listProblems) console.log(`failure, walking the pages: ${p}`);
    for (const r of results) for (const f of r.failureSamples) console.log(`failure, ${r.name}: ${f}`);
    console.log(
      failures === 0
        ? 'Result: every request answered as expected; every page of the three lists shows its rows once.'
        : failedLine(failures, first),
    );
  } finally {
    if (!(await stack.idle(Math.max(REQUEST_TIMEOUT_MS, 30_000))))
      log('requests still in progress after the timeout; shutting down anyway');
    t = performance.now();
    await stack.stop();
    log(`stack stopped in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  return failures === 0 ? 0 : 1;
}

runMain(main);
