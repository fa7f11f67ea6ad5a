// The state-registry simulator: one node:http server serving every registry's contract under its
// path prefix (the clients in activities/registries/ are its counterparts), with the generated
// fixture data of fixtures.ts, and control endpoints for tests (make a registry fail, change a
// record, decide a coupon).
//
//   /smir        GET  /institutions/:code · /institutions?after=&limit= · /free-teachers/:personalCode
//   /nspr        GET  /programmes/:code · /programmes?institutionCode=&status=&kpmpc=&after=&limit=
//   /smpkr       GET  /programmes/:code · /programmes?kind=&codes=&after=&limit= · /modules/:code
//   /licencijos  GET  /institutions/:code/licences · /licences/:number
//   /mokiniai    POST /contracts/search {personalCode, institutionCode, programmeCode?}
//   /diplomai    POST /persons/search {personalCode}
//   /sodra       POST /employment/search {personalCode, date?}
//   /uzt         GET  /coupons/:number · POST /coupons/search {personalCode}
//                POST /coupons/:number/section-ii (Idempotency-Key) {…Section II}
//                POST /settlement-documents (Idempotency-Key) {couponNumber, documentType, periodFrom, periodTo, …, contentBase64}
//   /mokejimai   POST /orders {invoiceId, invoiceNumber, institutionCode, amount} · GET /orders/:id
//                (the funder's payment system, issue 14: an order is paid `paymentDelayMs` after it came)
//
//   /_control    POST   /failures {registry, mode: hang|delay|status|reset|garbage, ms?, status?, times?, pathIncludes?}
//                DELETE /failures[?registry=]         PUT|DELETE /smir/institutions/:code
//                PUT|DELETE /nspr/programmes/:code
//                POST   /mokiniai/contracts            POST /uzt/coupons/:number/decision {result, reason?}
//                GET    /uzt/settlement-documents      (what UŽT received; fail it for a while with
//                       /failures {registry: 'uzt', mode: 'status', status: 503, times, pathIncludes: 'settlement'})
//                POST   /mokejimai/orders/:invoiceId/pay (paid at once)   GET /mokejimai/orders[?invoiceId=]
//                PUT    /mokejimai/delay {ms}
//                POST   /reset                         GET  /counts
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RegistryName } from '../../../workflows/domain/registries.ts';
import type { NsprProgramme } from '../../../workflows/domain/nspr-programme.ts';
import type { SmirInstitution } from '../../../activities/registries/smir.ts';
import type { StudentContract } from '../../../activities/registries/students.ts';
import type { Coupon } from '../../../activities/registries/uzt.ts';
import type { PaymentOrder } from '../../../activities/registries/payments.ts';
import type { CouponSectionII } from '../../../workflows/domain/uzt-coupon.ts';
import { REGISTRY_ENV } from '../../../worker/config.ts';
import { isValidPersonalCode } from '../viisp/people.ts';
import { fixtureCounts, registryFixtures, type EmploymentRecord } from './fixtures.ts';
import { hashString } from './random.ts';

/** Path prefix of each registry on the simulator (the defaults of worker/config.ts). */
const REGISTRY_PATHS = Object.fromEntries(Object.entries(REGISTRY_ENV).map(([name, [, path]]) => [name, path])) as Record<
  RegistryName,
  string
>;

/**
 * How a registry misbehaves until recovered: never answer (`hang`, a client times out), answer late
 * (`delay`), answer an HTTP error (`status`, e.g. 503), drop the connection (`reset`), or answer
 * 200 with an HTML error page (`garbage`). `times` limits it to the next n requests; `pathIncludes`
 * to requests whose path (after the prefix) contains the text, e.g. one institution code.
 */
export type SimFailure = (
  { mode: 'hang' } | { mode: 'delay'; ms: number } | { mode: 'status'; status: number } | { mode: 'reset' } | { mode: 'garbage' }
) & { times?: number; pathIncludes?: string };

interface RegistrySimulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /**
   * How long after it was registered a payment order is paid (issue 14): default 2 minutes, so a demo
   * sees "Perduota apmokėti" turn into "Apmokėta"; tests pay at once with `payOrder`.
   */
  paymentDelayMs?: number;
}

/** A settlement document as the UŽT simulator recorded it (UZTDOC-7). */
export interface SimSettlementDocument {
  couponNumber: string;
  institutionCode: string;
  documentType: string;
  documentTypeName: string;
  periodFrom: string;
  periodTo: string;
  fileName: string;
  sha256: string;
  /** Bytes of the ADOC received. */
  size: number;
  receipt: string;
  receivedAt: string;
  idempotencyKey: string;
}

export interface RegistrySimulator {
  /** The server's base URL, e.g. http://127.0.0.1:3002. */
  url: string;
  /** Each registry's base URL, e.g. { smir: 'http://127.0.0.1:3002/smir', … }. */
  urls: Record<RegistryName, string>;
  /** The environment variables pointing the app at this simulator (SMIR_URL, NSPR_URL, …). */
  env: Record<string, string>;
  /** Makes a registry fail (replacing its previous failure). */
  fail(registry: RegistryName, failure: SimFailure): void;
  /** Ends the failures of one registry, or of all. */
  recover(registry?: RegistryName): void;
  /** Requests each registry received (control requests not counted). */
  requestCount(registry: RegistryName): number;
  /** Adds or replaces an institution in ŠMIR (a later edit in the registry). */
  putInstitution(institution: SmirInstitution): void;
  /** Removes an institution from ŠMIR (its code becomes unknown: 404). */
  removeInstitution(code: string): void;
  /** Adds or replaces a programme in NŠPR (registered, suspended, deregistered, re-evaluated…). */
  putNsprProgramme(programme: NsprProgramme): void;
  /** Removes a programme from NŠPR altogether (its code becomes unknown: 404, absent from lists). */
  removeNsprProgramme(code: string): void;
  /** Registers a learning contract in Mokinių registras (the provider did it there). */
  addStudentContract(contract: StudentContract): void;
  /** UŽT decides a coupon. */
  decideCoupon(number: string, result: 'APPROVED' | 'REJECTED', reason?: string): Coupon | null;
  /** The settlement documents UŽT received (UZTDOC-7), oldest first. */
  settlementDocuments(): SimSettlementDocument[];
  /** The payment system's order of an invoice, as it would answer now (null: none registered). */
  paymentOrder(invoiceId: string): PaymentOrder | null;
  /** Every payment order registered, oldest first. */
  paymentOrders(): PaymentOrder[];
  /** The payment system pays the invoice's order at once (null: none registered). */
  payOrder(invoiceId: string): PaymentOrder | null;
  /** Orders registered from now on are paid this long after they came. */
  setPaymentDelay(ms: number): void;
  /** Forgets every change and failure (fixtures as generated). */
  reset(): void;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Reply = { status: number; body: unknown };
type Query = URLSearchParams;

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent || res.destroyed) return;
  if (status === 204) {
    res.writeHead(204, { 'cache-control': 'no-store' });
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}

async function readJson(req: IncomingMessage, limit = 1_000_000): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413, 'too_large', 'Užklausa per didelė');
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'bad_json', 'Užklausos turinys ne JSON');
  }
}

const notFound = (message: string): Reply => ({ status: 404, body: { error: 'not_found', message } });

function field(body: unknown, name: string, pattern?: RegExp): string {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  if (typeof value !== 'string' || (pattern && !pattern.test(value)))
    throw new HttpError(400, 'bad_request', `Netinkama arba nenurodyta reikšmė: ${name}`);
  return value;
}

function optionalField(body: unknown, name: string, pattern?: RegExp): string | undefined {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  return value === undefined ? undefined : field(body, name, pattern);
}

/** One page of `items` (sorted by key) after `after`: the registries' common list shape. */
function page<T>(items: readonly T[], key: (t: T) => string, q: Query): Reply {
  const limitRaw = q.get('limit') ?? '100';
  if (!/^\d+$/.test(limitRaw) || Number(limitRaw) < 1 || Number(limitRaw) > 500)
    throw new HttpError(400, 'bad_request', 'limit turi būti nuo 1 iki 500');
  const limit = Number(limitRaw);
  const after = q.get('after');
  const start = after ? items.findIndex((t) => key(t) > after) : 0;
  const from = start === -1 ? items.length : start;
  const slice = items.slice(from, from + limit);
  const more = from + limit < items.length;
  return { status: 200, body: { items: slice, nextAfter: more && slice.length > 0 ? key(slice.at(-1) as T) : null, total: items.length } };
}

const PERSONAL_CODE = /^\d{11}$/;
const ENTITY_CODE = /^\d{9}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function todayInVilnius(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Vilnius', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(),
  );
}

export async function startRegistrySimulator(opts: RegistrySimulatorOptions = {}): Promise<RegistrySimulator> {
  const host = opts.host ?? '127.0.0.1';

  // Per-instance state over the shared (read-only) fixtures.
  const failures = new Map<RegistryName, SimFailure>();
  const counts = new Map<RegistryName, number>();
  const smirChanges = new Map<string, SmirInstitution | null>();
  const nsprChanges = new Map<string, NsprProgramme | null>();
  const extraContracts: StudentContract[] = [];
  const couponChanges = new Map<string, Coupon>();
  const sectionIIKeys = new Map<string, { coupon: string; body: string }>();
  /** Settlement documents by their Idempotency-Key (the submission's id). */
  const settlementDocs = new Map<string, SimSettlementDocument & { fingerprint: string }>();
  /** Payment orders by invoice id; `payableAt` is when the order counts as paid (ms since epoch). */
  const orders = new Map<string, { order: PaymentOrder; payableAt: number }>();
  const defaultPaymentDelayMs = opts.paymentDelayMs ?? 120_000;
  let paymentDelayMs = defaultPaymentDelayMs;
  const held = new Set<ServerResponse>();
  const timers = new Set<NodeJS.Timeout>();

  const fx = () => registryFixtures();

  /** One record of a registry: a test's change (null = removed) over the generated fixture. */
  function current<T>(fixture: ReadonlyMap<string, T>, changes: ReadonlyMap<string, T | null>, key: string): T | undefined {
    if (changes.has(key)) return changes.get(key) ?? undefined;
    return fixture.get(key);
  }

  /** Every record of a registry, with the tests' changes, in key order. */
  function currentAll<T>(fixture: ReadonlyMap<string, T>, changes: ReadonlyMap<string, T | null>): T[] {
    const all = new Map(fixture);
    for (const [key, record] of changes) {
      if (record) all.set(key, record);
      else all.delete(key);
    }
    return [...all.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, record]) => record);
  }

  const smirInstitution = (code: string) => current(fx().smir.institutions, smirChanges, code);
  const smirInstitutions = () => currentAll(fx().smir.institutions, smirChanges);

  function coupon(number: string): Coupon | undefined {
    return couponChanges.get(number) ?? fx().coupons.get(number);
  }

  /** An order as the payment system answers now: paid once its time has come. */
  function orderNow(invoiceId: string): PaymentOrder | null {
    const entry = orders.get(invoiceId);
    if (!entry) return null;
    if (entry.order.status === 'REGISTERED' && Date.now() >= entry.payableAt) {
      entry.order = { ...entry.order, status: 'PAID', paidAt: new Date(entry.payableAt).toISOString() };
    }
    return { ...entry.order };
  }

  function orderById(id: string): PaymentOrder | null {
    for (const [invoiceId, entry] of orders) if (entry.order.id === id) return orderNow(invoiceId);
    return null;
  }

  function employment(personalCode: string): EmploymentRecord {
    const known = fx().sodra.get(personalCode);
    if (known) return known;
    // SoDra knows everyone it ever insured: any other valid code gets a stable, derived answer.
    const h = hashString(personalCode);
    if (h % 10 >= 7) return { employed: false, employer: null, insuredSince: null };
    const employers = [...fx().smir.institutions.values()];
    const e = employers[h % employers.length] as SmirInstitution;
    return { employed: true, employer: { code: e.code, name: e.name }, insuredSince: `20${10 + (h % 16)}-0${1 + (h % 9)}-01` };
  }

  const routes: Record<RegistryName, (method: string, path: string, q: Query, req: IncomingMessage) => Promise<Reply> | Reply> = {
    smir(method, path, q) {
      if (method !== 'GET') throw new HttpError(405, 'method_not_allowed', 'Metodas neleidžiamas');
      if (path === '/institutions') return page(smirInstitutions(), (i) => i.code, q);
      let m = /^\/institutions\/([^/]+)$/.exec(path);
      if (m) {
        const code = decodeURIComponent(m[1] as string);
        const found = smirInstitution(code);
        return found ? { status: 200, body: found } : notFound(`Juridinio asmens kodu ${code} ŠMIR institucija neregistruota`);
      }
      m = /^\/free-teachers\/([^/]+)$/.exec(path);
      if (m) {
        const found = fx().smir.freeTeachers.get(decodeURIComponent(m[1] as string));
        return found ? { status: 200, body: found } : notFound('Laisvasis mokytojas ŠMIR neregistruotas');
      }
      return notFound('Nėra tokio ŠMIR adreso');
    },

    nspr(method, path, q) {
      if (method !== 'GET') throw new HttpError(405, 'method_not_allowed', 'Metodas neleidžiamas');
      if (path === '/programmes') {
        const inst = q.get('institutionCode');
        const status = q.get('status');
        const kpmpc = q.get('kpmpc');
        const items = currentAll(fx().nspr, nsprChanges).filter(
          (p) => (!inst || p.institutionCode === inst) && (!status || p.status === status) && (!kpmpc || p.kpmpc.result === kpmpc),
        );
        return page(items, (p) => p.code, q);
      }
      const m = /^\/programmes\/([^/]+)$/.exec(path);
      if (m) {
        const found = current(fx().nspr, nsprChanges, decodeURIComponent(m[1] as string));
        return found ? { status: 200, body: found } : notFound('Programa NŠPR neregistruota');
      }
      return notFound('Nėra tokio NŠPR adreso');
    },

    smpkr(method, path, q) {
      if (method !== 'GET') throw new HttpError(405, 'method_not_allowed', 'Metodas neleidžiamas');
      if (path === '/programmes') {
        const kind = q.get('kind');
        const codes = q.get('codes') ? new Set((q.get('codes') as string).split(',')) : null;
        const items = [...fx().smpkr.programmes.values()].filter((p) => (!kind || p.kind === kind) && (!codes || codes.has(p.code)));
        return page(items, (p) => p.code, q);
      }
      let m = /^\/programmes\/([^/]+)$/.exec(path);
      if (m) {
        const found = fx().smpkr.programmes.get(decodeURIComponent(m[1] as string));
        return found ? { status: 200, body: found } : notFound('Programa SMPKR neregistruota');
      }
      m = /^\/modules\/([^/]+)$/.exec(path);
      if (m) {
        const found = fx().smpkr.modules.get(decodeURIComponent(m[1] as string));
        return found ? { status: 200, body: found } : notFound('Modulis SMPKR neregistruotas');
      }
      return notFound('Nėra tokio SMPKR adreso');
    },

    licenses(method, path) {
      if (method !== 'GET') throw new HttpError(405, 'method_not_allowed', 'Metodas neleidžiamas');
      let m = /^\/institutions\/([^/]+)\/licences$/.exec(path);
      if (m) {
        const code = decodeURIComponent(m[1] as string);
        return {
          status: 200,
          body: { institutionCode: code, items: [...fx().licences.values()].filter((l) => l.institutionCode === code) },
        };
      }
      m = /^\/licences\/([^/]+)$/.exec(path);
      if (m) {
        const found = fx().licences.get(decodeURIComponent(m[1] as string));
        return found ? { status: 200, body: found } : notFound('Licencija nerasta');
      }
      return notFound('Nėra tokio Licencijų registro adreso');
    },

    async students(method, path, _q, req) {
      if (path !== '/contracts/search') return notFound('Nėra tokio Mokinių registro adreso');
      if (method !== 'POST') throw new HttpError(405, 'method_not_allowed', 'Metodas neleidžiamas');
      const body = await readJson(req);
      const personalCode = field(body, 'personalCode', PERSONAL_CODE);
      const institutionCode = field(body, 'institutionCode', ENTITY_CODE);
      const programmeCode = optionalField(body, 'programmeCode');
      const items = [...fx().students, ...extraContracts].filter(
        (c) =>
          c.personalCode === personalCode && c.institutionCode === institutionCode && (!programmeCode || c.programmeCode === programmeCode),
      );
      return { status: 200, body: { items } };
    },

    async diplomas(method, path, _q, req) {
      if (path !== '/persons/search') return notFound('Nėra tokio Diplomų registro adreso');
      if (method !== 'POST') throw new HttpError(405, 'method_not_allowed', 'Metodas neleidžiamas');
      const personalCode = field(await readJson(req), 'personalCode', PERSONAL_CODE);
      const found = fx().diplomas.get(personalCode);
      return found ? { status: 200, body: found } : notFound('Registre duomenų apie asmenį nėra');
    },

    async sodra(method, path, _q, req) {
      if (path !== '/employment/search') return notFound('Nėra tokio SoDros adreso');
      if (method !== 'POST') throw new HttpError(405, 'method_not_allowed', 'Metodas neleidžiamas');
      const body = await readJson(req);
      const personalCode = field(body, 'personalCode', PERSONAL_CODE);
      if (!isValidPersonalCode(personalCode)) throw new HttpError(400, 'bad_request', 'Neteisingas asmens kodas');
      const date = optionalField(body, 'date', ISO_DATE) ?? todayInVilnius();
      const e = employment(personalCode);
      const employed = e.employed && (e.insuredSince === null || e.insuredSince <= date);
      return {
        status: 200,
        body: {
          personalCode,
          date,
          employed,
          status: employed ? 'Taip' : 'Ne',
          employer: employed ? e.employer : null,
          insuredSince: employed ? e.insuredSince : null,
        },
      };
    },

    async uzt(method, path, _q, req) {
      if (path === '/coupons/search') {
        if (method !== 'POST') throw new HttpError(405, 'method_not_allowed', 'Metodas neleidžiamas');
        const personalCode = field(await readJson(req), 'personalCode', PERSONAL_CODE);
        const items = [...fx().coupons.keys()].map((n) => coupon(n) as Coupon).filter((c) => c.personalCode === personalCode);
        return { status: 200, body: { items } };
      }
      let m = /^\/coupons\/([^/]+)$/.exec(path);
      if (m) {
        if (method !== 'GET') throw new HttpError(405, 'method_not_allowed', 'Metodas neleidžiamas');
        const found = coupon(decodeURIComponent(m[1] as string));
        return found ? { status: 200, body: found } : notFound('Kuponas nerastas');
      }
      m = /^\/coupons\/([^/]+)\/section-ii$/.exec(path);
      if (m) {
        if (method !== 'POST') throw new HttpError(405, 'method_not_allowed', 'Metodas neleidžiamas');
        const number = decodeURIComponent(m[1] as string);
        const key = req.headers['idempotency-key'];
        if (typeof key !== 'string' || key.length === 0) throw new HttpError(400, 'bad_request', 'Nenurodytas Idempotency-Key');
        const body = await readJson(req);
        const section: CouponSectionII = {
          institutionCode: field(body, 'institutionCode', ENTITY_CODE),
          programmeCode: field(body, 'programmeCode'),
          programmeName: field(body, 'programmeName'),
          groupId: field(body, 'groupId'),
          startDate: field(body, 'startDate', ISO_DATE),
          endDate: field(body, 'endDate', ISO_DATE),
          price: field(body, 'price', /^\d+\.\d{2}$/),
          contactHours: Number((body as Record<string, unknown>).contactHours),
          settlement: field(body, 'settlement', /^(MONTHLY|ON_COMPLETION)$/) as CouponSectionII['settlement'],
          bankAccount: field(body, 'bankAccount'),
        };
        const current = coupon(number);
        if (!current) return notFound('Kuponas nerastas');
        const seen = sectionIIKeys.get(key);
        const fingerprint = JSON.stringify(section);
        if (seen) {
          if (seen.coupon !== number || seen.body !== fingerprint)
            throw new HttpError(422, 'idempotency_key_reused', 'Idempotency-Key jau panaudotas kitai užklausai');
          return { status: 200, body: current };
        }
        if (current.status !== 'ISSUED')
          throw new HttpError(409, 'conflict', `Kupono būsena „${current.status}“: II skyriaus pateikti negalima`);
        const updated: Coupon = { ...current, status: 'SUBMITTED', sectionII: { ...section, submittedAt: new Date().toISOString() } };
        couponChanges.set(number, updated);
        sectionIIKeys.set(key, { coupon: number, body: fingerprint });
        return { status: 200, body: updated };
      }
      if (path === '/settlement-documents') {
        if (method !== 'POST') throw new HttpError(405, 'method_not_allowed', 'Metodas neleidžiamas');
        const key = req.headers['idempotency-key'];
        if (typeof key !== 'string' || key.length === 0) throw new HttpError(400, 'bad_request', 'Nenurodytas Idempotency-Key');
        // The ADOC travels base64 in the JSON body: up to the 10 MB upload limit and a third more.
        const body = await readJson(req, 15_000_000);
        const doc = {
          couponNumber: field(body, 'couponNumber'),
          institutionCode: field(body, 'institutionCode'),
          documentType: field(body, 'documentType', /^[A-Z][A-Z0-9_]*$/),
          documentTypeName: field(body, 'documentTypeName'),
          periodFrom: field(body, 'periodFrom', ISO_DATE),
          periodTo: field(body, 'periodTo', ISO_DATE),
          fileName: field(body, 'fileName'),
          sha256: field(body, 'sha256', /^[0-9a-f]{64}$/),
        };
        const content = Buffer.from(field(body, 'contentBase64'), 'base64');
        if (createHash('sha256').update(content).digest('hex') !== doc.sha256)
          throw new HttpError(422, 'bad_content', 'Dokumento turinys nesutampa su nurodyta SHA-256 santrauka');
        if (doc.periodFrom > doc.periodTo) throw new HttpError(422, 'bad_period', 'Laikotarpio pradžia vėlesnė už pabaigą');
        if (!coupon(doc.couponNumber)) return notFound('Kuponas nerastas');
        const fingerprint = JSON.stringify(doc);
        const seen = settlementDocs.get(key);
        if (seen) {
          if (seen.fingerprint !== fingerprint)
            throw new HttpError(422, 'idempotency_key_reused', 'Idempotency-Key jau panaudotas kitai užklausai');
          return { status: 200, body: { receipt: seen.receipt, receivedAt: seen.receivedAt } };
        }
        const received = {
          ...doc,
          size: content.length,
          receipt: `UZT-AD-${String(settlementDocs.size + 1).padStart(6, '0')}`,
          receivedAt: new Date().toISOString(),
          idempotencyKey: key,
        };
        settlementDocs.set(key, { ...received, fingerprint });
        return { status: 200, body: { receipt: received.receipt, receivedAt: received.receivedAt } };
      }
      return notFound('Nėra tokio UŽT adreso');
    },

    async payments(method, path, _q, req) {
      if (path === '/orders') {
        if (method !== 'POST') throw new HttpError(405, 'method_not_allowed', 'Metodas neleidžiamas');
        const body = await readJson(req);
        const request = {
          invoiceId: field(body, 'invoiceId', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i),
          invoiceNumber: field(body, 'invoiceNumber', /^\S(.{0,98}\S)?$/),
          institutionCode: field(body, 'institutionCode', /^[0-9A-Za-z-]{1,40}$/),
          amount: field(body, 'amount', /^\d+\.\d{2}$/),
        };
        if (Number(request.amount) <= 0) throw new HttpError(422, 'bad_amount', 'Mokėtina suma turi būti teigiama');
        // One order per invoice: the same invoice again is the same order (a retried request).
        const existing = orderNow(request.invoiceId);
        if (existing) {
          const same =
            existing.invoiceNumber === request.invoiceNumber &&
            existing.institutionCode === request.institutionCode &&
            existing.amount === request.amount;
          if (!same) throw new HttpError(409, 'conflict', 'Šiai sąskaitai faktūrai jau užregistruotas kitoks mokėjimo nurodymas');
          return { status: 200, body: existing };
        }
        const now = Date.now();
        const order: PaymentOrder = {
          ...request,
          id: `MN-${new Date(now).getUTCFullYear()}-${String(orders.size + 1).padStart(6, '0')}`,
          status: 'REGISTERED',
          registeredAt: new Date(now).toISOString(),
          paidAt: null,
        };
        orders.set(request.invoiceId, { order, payableAt: now + paymentDelayMs });
        return { status: 201, body: orderNow(request.invoiceId) };
      }
      const m = /^\/orders\/([^/]+)$/.exec(path);
      if (m) {
        if (method !== 'GET') throw new HttpError(405, 'method_not_allowed', 'Metodas neleidžiamas');
        const found = orderById(decodeURIComponent(m[1] as string));
        return found ? { status: 200, body: found } : notFound('Mokėjimo nurodymas nerastas');
      }
      return notFound('Nėra tokio mokėjimų sistemos adreso');
    },
  };

  const registryByPrefix = new Map(Object.entries(REGISTRY_PATHS).map(([name, prefix]) => [prefix, name as RegistryName]));

  const sim: Omit<RegistrySimulator, 'url' | 'urls' | 'env' | 'close'> = {
    fail(registry, failure) {
      failures.set(registry, { ...failure });
    },
    recover(registry) {
      if (registry) failures.delete(registry);
      else failures.clear();
      for (const res of held) {
        held.delete(res);
        res.destroy();
      }
    },
    requestCount: (registry) => counts.get(registry) ?? 0,
    putInstitution(institution) {
      smirChanges.set(institution.code, { ...institution });
    },
    removeInstitution(code) {
      smirChanges.set(code, null);
    },
    putNsprProgramme(programme) {
      nsprChanges.set(programme.code, structuredClone(programme));
    },
    removeNsprProgramme(code) {
      nsprChanges.set(code, null);
    },
    addStudentContract(contract) {
      extraContracts.push({ ...contract });
    },
    settlementDocuments: () => [...settlementDocs.values()].map(({ fingerprint: _f, ...doc }) => doc),
    decideCoupon(number, result, reason) {
      const current = coupon(number);
      if (!current) return null;
      const updated: Coupon = {
        ...current,
        status: result,
        decision: { result, decidedAt: new Date().toISOString(), reason: reason ?? null },
      };
      couponChanges.set(number, updated);
      return updated;
    },
    paymentOrder: (invoiceId) => orderNow(invoiceId),
    paymentOrders: () => [...orders.keys()].map((invoiceId) => orderNow(invoiceId) as PaymentOrder),
    payOrder(invoiceId) {
      const entry = orders.get(invoiceId);
      if (!entry) return null;
      entry.payableAt = Math.min(entry.payableAt, Date.now());
      return orderNow(invoiceId);
    },
    setPaymentDelay(ms) {
      paymentDelayMs = ms;
    },
    reset() {
      sim.recover();
      counts.clear();
      smirChanges.clear();
      nsprChanges.clear();
      extraContracts.length = 0;
      couponChanges.clear();
      sectionIIKeys.clear();
      settlementDocs.clear();
      orders.clear();
      paymentDelayMs = defaultPaymentDelayMs;
    },
  };

  async function control(method: string, path: string, q: Query, req: IncomingMessage): Promise<Reply> {
    const registryOf = (value: unknown): RegistryName => {
      if (typeof value !== 'string' || !(value in REGISTRY_PATHS))
        throw new HttpError(400, 'bad_request', `Nežinomas registras: ${String(value)}`);
      return value as RegistryName;
    };
    if (path === '/failures' && method === 'POST') {
      const body = (await readJson(req)) as Record<string, unknown>;
      const mode = body.mode;
      if (!['hang', 'delay', 'status', 'reset', 'garbage'].includes(String(mode)))
        throw new HttpError(400, 'bad_request', 'mode: hang, delay, status, reset arba garbage');
      if (mode === 'delay' && typeof body.ms !== 'number') throw new HttpError(400, 'bad_request', 'delay reikia ms');
      if (mode === 'status' && typeof body.status !== 'number') throw new HttpError(400, 'bad_request', 'status reikia status');
      sim.fail(registryOf(body.registry), body as unknown as SimFailure);
      return { status: 204, body: null };
    }
    if (path === '/failures' && method === 'DELETE') {
      sim.recover(q.get('registry') ? registryOf(q.get('registry')) : undefined);
      return { status: 204, body: null };
    }
    let m = /^\/smir\/institutions\/(\d{9})$/.exec(path);
    if (m && method === 'PUT') {
      const body = (await readJson(req)) as SmirInstitution;
      if (body.code !== m[1]) throw new HttpError(400, 'bad_request', 'code nesutampa su adresu');
      sim.putInstitution(body);
      return { status: 204, body: null };
    }
    if (m && method === 'DELETE') {
      sim.removeInstitution(m[1] as string);
      return { status: 204, body: null };
    }
    m = /^\/nspr\/programmes\/([^/]+)$/.exec(path);
    if (m && method === 'PUT') {
      const body = (await readJson(req)) as NsprProgramme;
      if (body.code !== decodeURIComponent(m[1] as string)) throw new HttpError(400, 'bad_request', 'code nesutampa su adresu');
      sim.putNsprProgramme(body);
      return { status: 204, body: null };
    }
    if (m && method === 'DELETE') {
      sim.removeNsprProgramme(decodeURIComponent(m[1] as string));
      return { status: 204, body: null };
    }
    if (path === '/mokiniai/contracts' && method === 'POST') {
      sim.addStudentContract((await readJson(req)) as StudentContract);
      return { status: 204, body: null };
    }
    if (path === '/uzt/settlement-documents' && method === 'GET') return { status: 200, body: { items: sim.settlementDocuments() } };
    m = /^\/uzt\/coupons\/([^/]+)\/decision$/.exec(path);
    if (m && method === 'POST') {
      const body = (await readJson(req)) as Record<string, unknown>;
      if (body.result !== 'APPROVED' && body.result !== 'REJECTED')
        throw new HttpError(400, 'bad_request', 'result: APPROVED arba REJECTED');
      const decided = sim.decideCoupon(
        decodeURIComponent(m[1] as string),
        body.result,
        typeof body.reason === 'string' ? body.reason : undefined,
      );
      return decided ? { status: 200, body: decided } : notFound('Kuponas nerastas');
    }
    m = /^\/mokejimai\/orders\/([^/]+)\/pay$/.exec(path);
    if (m && method === 'POST') {
      const paid = sim.payOrder(decodeURIComponent(m[1] as string));
      return paid ? { status: 200, body: paid } : notFound('Šiai sąskaitai faktūrai mokėjimo nurodymo nėra');
    }
    if (path === '/mokejimai/orders' && method === 'GET') {
      const invoiceId = q.get('invoiceId');
      return { status: 200, body: { items: sim.paymentOrders().filter((o) => !invoiceId || o.invoiceId === invoiceId) } };
    }
    if (path === '/mokejimai/delay' && method === 'PUT') {
      const ms = ((await readJson(req)) as Record<string, unknown>).ms;
      if (typeof ms !== 'number' || !Number.isInteger(ms) || ms < 0)
        throw new HttpError(400, 'bad_request', 'ms: neneigiamas sveikasis skaičius');
      sim.setPaymentDelay(ms);
      return { status: 204, body: null };
    }
    if (path === '/reset' && method === 'POST') {
      sim.reset();
      return { status: 204, body: null };
    }
    if (path === '/counts' && method === 'GET') return { status: 200, body: fixtureCounts() };
    return notFound('Nėra tokio valdymo adreso');
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://registries.invalid');
    const method = req.method ?? 'GET';
    const path = url.pathname;
    if (path === '/' || path === '') {
      send(res, 200, { simulator: 'KURSUOK valstybės registrų simuliatorius', registries: REGISTRY_PATHS, control: '/_control' });
      return;
    }
    if (path.startsWith('/_control/')) {
      const reply = await control(method, path.slice('/_control'.length), url.searchParams, req);
      send(res, reply.status, reply.body);
      return;
    }
    const prefix = /^\/([^/]+)(\/.*)?$/.exec(path);
    const registry = prefix ? registryByPrefix.get(prefix[1] as string) : undefined;
    if (!registry) {
      send(res, 404, { error: 'not_found', message: 'Nežinomas registras' });
      return;
    }
    counts.set(registry, (counts.get(registry) ?? 0) + 1);
    const rest = prefix?.[2] ?? '/';
    const failure = failures.get(registry);
    if (failure && (!failure.pathIncludes || rest.includes(failure.pathIncludes))) {
      if (failure.times !== undefined) {
        failure.times -= 1;
        if (failure.times <= 0) failures.delete(registry);
      }
      switch (failure.mode) {
        case 'hang':
          held.add(res);
          res.on('close', () => held.delete(res));
          return;
        case 'reset':
          req.socket.destroy();
          return;
        case 'status':
          send(res, failure.status, { error: 'simulated_failure', message: 'Registras laikinai neveikia' });
          return;
        case 'garbage':
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          res.end('<html><body><h1>Paslauga laikinai neteikiama</h1></body></html>');
          return;
        case 'delay':
          await new Promise<void>((resolve) => {
            const t = setTimeout(() => {
              timers.delete(t);
              resolve();
            }, failure.ms);
            timers.add(t);
          });
          if (res.destroyed) return;
          break;
      }
    }
    const reply = await routes[registry](method, rest, url.searchParams, req);
    send(res, reply.status, reply.body);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (err instanceof HttpError) send(res, err.status, { error: err.code, message: err.message });
      else {
        console.error('registry simulator:', err);
        send(res, 500, { error: 'internal', message: 'Simuliatoriaus klaida' });
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const urls = Object.fromEntries(Object.entries(REGISTRY_PATHS).map(([name, prefix]) => [name, `${url}/${prefix}`])) as Record<
    RegistryName,
    string
  >;
  const env = Object.fromEntries(Object.entries(REGISTRY_ENV).map(([name, [variable]]) => [variable, urls[name as RegistryName]]));
  return {
    ...sim,
    url,
    urls,
    env,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
