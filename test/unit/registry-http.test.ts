// The registry clients' shared HTTP behaviour (activities/registries/http.ts) against a scripted
// fetch: retries with backoff on network errors and 5xx (GET and idempotent POST only), no retry
// on timeouts and 4xx, 404 as null, answers validated, and every error naming the registry.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createRegistryHttp } from '../../activities/registries/http.ts';
import { RegistryError, REGISTRY_LABELS, type RegistryName } from '../../workflows/domain/registries.ts';
import { createSmirClient } from '../../activities/registries/smir.ts';
import { createSodraClient } from '../../activities/registries/sodra.ts';
import { createUztClient } from '../../activities/registries/uzt.ts';

const Thing = z.object({ id: z.string() });

/** A fetch that answers from a script, one entry per call, and records the calls. */
function scripted(...steps: (() => Response | Promise<Response>)[]) {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const fetchImpl = (async (input: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(input), init });
    const step = steps[Math.min(calls.length - 1, steps.length - 1)];
    if (!step) throw new Error('no step');
    return step();
  }) as typeof fetch;
  return { fetchImpl, calls };
}

const refused = () => Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }));
const timedOut = () => Promise.reject(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
const ok =
  (body: unknown = { id: 'a' }) =>
  () =>
    Response.json(body);
const status = (s: number) => () => new Response('klaida', { status: s });

function http(registry: RegistryName, fetchImpl: typeof fetch, attempts = 3) {
  return createRegistryHttp(registry, 'http://registras.invalid/api/', { fetch: fetchImpl, attempts, backoffMs: 1, timeoutMs: 1234 });
}

async function failure(promise: Promise<unknown>): Promise<RegistryError> {
  const err = await promise.then(
    () => new Error('expected a RegistryError'),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(RegistryError);
  return err as RegistryError;
}

describe('registry HTTP client', () => {
  it('GETs JSON from the base URL (a trailing slash tolerated) with a timeout signal', async () => {
    const { fetchImpl, calls } = scripted(ok());
    expect(await http('smir', fetchImpl).get('/things/1', Thing)).toEqual({ id: 'a' });
    expect(calls[0]?.url).toBe('http://registras.invalid/api/things/1');
    expect(calls[0]?.init?.method).toBe('GET');
    expect(calls[0]?.init?.signal).toBeInstanceOf(AbortSignal);
  });

  it('answers null for 404 (the registry does not know it)', async () => {
    const { fetchImpl, calls } = scripted(status(404));
    expect(await http('nspr', fetchImpl).get('/x', Thing)).toBeNull();
    expect(calls).toHaveLength(1);
  });

  it('retries a GET after network errors and 5xx, then succeeds', async () => {
    const { fetchImpl, calls } = scripted(refused, status(503), ok());
    expect(await http('smpkr', fetchImpl).get('/x', Thing)).toEqual({ id: 'a' });
    expect(calls).toHaveLength(3);
  });

  it('gives up after the bounded attempts with an error naming the registry: unreachable', async () => {
    const { fetchImpl, calls } = scripted(refused);
    const err = await failure(http('smir', fetchImpl).get('/x', Thing));
    expect(calls).toHaveLength(3);
    expect(err).toMatchObject({ registry: 'smir', kind: 'unreachable', unavailable: true, status: null });
    expect(err.message).toMatch(
      /^ŠMIR registras nepasiekiamas: nepavyko prisijungti \(GET http:\/\/registras\.invalid\/api\/x: fetch failed: ECONNREFUSED\)$/,
    );
  });

  it('gives up on a 5xx after the attempts (kind server, with the status)', async () => {
    const { fetchImpl, calls } = scripted(status(502));
    const err = await failure(http('licenses', fetchImpl, 2).get('/x', Thing));
    expect(calls).toHaveLength(2);
    expect(err).toMatchObject({ registry: 'licenses', kind: 'server', status: 502, unavailable: true });
    expect(err.message).toMatch(/^Licencijų registras nepasiekiamas: atsakė HTTP 502/);
  });

  it('does not retry a timeout: the error says how long it waited', async () => {
    const { fetchImpl, calls } = scripted(timedOut, ok());
    const err = await failure(http('diplomas', fetchImpl).get('/x', Thing));
    expect(calls).toHaveLength(1);
    expect(err).toMatchObject({ kind: 'timeout', unavailable: true });
    expect(err.message).toMatch(
      /^Diplomų, atestatų ir kvalifikacijos pažymėjimų registras nepasiekiamas: atsakymo nesulaukta per 1\.234 s/,
    );
  });

  it('does not retry a 4xx other than 404 (our request is wrong)', async () => {
    const { fetchImpl, calls } = scripted(status(400), ok());
    const err = await failure(http('sodra', fetchImpl).get('/x', Thing));
    expect(calls).toHaveLength(1);
    expect(err).toMatchObject({ kind: 'rejected', status: 400, unavailable: false });
    expect(err.message).toMatch(/^SoDra atmetė užklausą: HTTP 400/);
  });

  it('refuses an answer that is not JSON, or not of the expected shape', async () => {
    const notJson = await failure(http('uzt', scripted(() => new Response('<html>', { status: 200 })).fetchImpl).get('/x', Thing));
    expect(notJson).toMatchObject({ kind: 'invalid', unavailable: false });
    expect(notJson.message).toMatch(/^Užimtumo tarnybos sistema atsakė netinkamai: atsakymas ne JSON formato/);
    const shape = await failure(http('students', scripted(ok({ id: 7 })).fetchImpl).get('/x', Thing));
    expect(shape.message).toMatch(/^Mokinių registras atsakė netinkamai: netikėta duomenų struktūra .*id/s);
  });

  it('does not retry a POST unless it is idempotent', async () => {
    const plain = scripted(status(503), ok());
    await failure(http('uzt', plain.fetchImpl).post('/x', { a: 1 }, Thing));
    expect(plain.calls).toHaveLength(1);
    const lookup = scripted(status(503), ok());
    expect(await http('uzt', lookup.fetchImpl).post('/x', { a: 1 }, Thing, { idempotent: true })).toEqual({ id: 'a' });
    expect(lookup.calls).toHaveLength(2);
    const keyed = scripted(refused, ok());
    expect(await http('uzt', keyed.fetchImpl).post('/x', { a: 1 }, Thing, { idempotencyKey: 'k-1' })).toEqual({ id: 'a' });
    expect(keyed.calls).toHaveLength(2);
    expect(new Headers(keyed.calls[1]?.init?.headers).get('idempotency-key')).toBe('k-1');
    expect(keyed.calls[1]?.init?.body).toBe('{"a":1}');
  });

  it('names every registry in Lithuanian, as the manual does', () => {
    expect(REGISTRY_LABELS).toEqual({
      smir: { name: 'ŠMIR registras', unreachable: 'ŠMIR registras nepasiekiamas' },
      nspr: { name: 'NŠPR registras', unreachable: 'NŠPR registras nepasiekiamas' },
      smpkr: { name: 'SMPKR registras', unreachable: 'SMPKR registras nepasiekiamas' },
      licenses: { name: 'Licencijų registras', unreachable: 'Licencijų registras nepasiekiamas' },
      students: { name: 'Mokinių registras', unreachable: 'Mokinių registras nepasiekiamas' },
      diplomas: {
        name: 'Diplomų, atestatų ir kvalifikacijos pažymėjimų registras',
        unreachable: 'Diplomų, atestatų ir kvalifikacijos pažymėjimų registras nepasiekiamas',
      },
      sodra: { name: 'SoDra', unreachable: 'SoDros duomenys nepasiekiami' },
      uzt: { name: 'Užimtumo tarnybos sistema', unreachable: 'Užimtumo tarnybos sistema nepasiekiama' },
      payments: { name: 'Mokėjimų sistema', unreachable: 'Mokėjimų sistema nepasiekiama' },
    });
  });
});

describe('clients built on it', () => {
  it('refuse an answer about another key than the one asked', async () => {
    const smir = createSmirClient('http://smir.invalid', {
      fetch: scripted(
        ok({
          code: '300000002',
          name: 'X',
          nameEn: '',
          abbreviation: '',
          legalForm: '',
          address: '',
          email: '',
          website: '',
          phone: '',
          headName: '',
          headEmail: '',
          headPhone: '',
          lastEditedOn: '2026-01-01',
        }),
      ).fetchImpl,
    });
    await expect(smir.findInstitution('300000001')).rejects.toThrow(
      /ŠMIR registras atsakė netinkamai: atsiųsti duomenys apie 300000002, nors klausta apie 300000001/,
    );
  });

  it('keep the older createSmirClient(url, fetch) signature', async () => {
    const { fetchImpl, calls } = scripted(status(404));
    expect(await createSmirClient('http://smir.invalid/', fetchImpl).findFreeTeacher('46502080565')).toBeNull();
    expect(calls[0]?.url).toBe('http://smir.invalid/free-teachers/46502080565');
  });

  it('send personal codes in the body of a POST, never in the URL', async () => {
    const { fetchImpl, calls } = scripted(
      ok({ personalCode: '48504120238', date: '2026-11-28', employed: true, status: 'Taip', employer: null, insuredSince: '2016-02-15' }),
    );
    await createSodraClient('http://sodra.invalid', { fetch: fetchImpl }).employmentStatus('48504120238');
    expect(calls[0]?.url).toBe('http://sodra.invalid/employment/search');
    expect(calls[0]?.url).not.toContain('48504120238');
    expect(calls[0]?.init?.body).toBe('{"personalCode":"48504120238"}');
  });

  it('validate Section II before sending it to UŽT', async () => {
    const { fetchImpl, calls } = scripted(ok());
    const uzt = createUztClient('http://uzt.invalid', { fetch: fetchImpl });
    const bad = {
      institutionCode: '300000001',
      programmeCode: 'P',
      programmeName: 'P',
      groupId: 'g',
      startDate: '2026-12-01',
      endDate: '2027-01-01',
      price: '12,00',
      contactHours: 40,
      settlement: 'MONTHLY',
      bankAccount: 'LT',
    } as const;
    await expect(uzt.submitSectionII('MK-1', bad, 'key')).rejects.toThrow();
    expect(calls).toHaveLength(0);
  });
});
