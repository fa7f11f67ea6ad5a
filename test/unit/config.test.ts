// Runtime configuration (worker/config.ts): defaults, modes, secrets that production must be given.
import { describe, expect, it } from 'vitest';
import { DEFAULT_WORKER_HEAP_MB, loadConfig, TASK_QUEUE, workerHeapMb, workerNodeArgs } from '../../worker/config.ts';

/** Production refuses the development secrets: these stand for real ones. */
const SECRETS = { KURSUOK_SIGNING_SECRET: 's'.repeat(32), KURSUOK_PERSONAL_CODE_PEPPER: 'p'.repeat(32) };
const PRODUCTION = { KURSUOK_MODE: 'production', ...SECRETS };

describe('loadConfig', () => {
  it('defaults to development against local services', () => {
    // toMatchObject: settings added later do not break this test; these defaults must hold.
    expect(loadConfig({})).toMatchObject({
      mode: 'development',
      databaseUrl: 'postgres://kursuok:kursuok@localhost:5432/kursuok',
      temporal: { address: 'localhost:7233', namespace: 'default', taskQueue: 'kursuok' },
      web: { port: 3000, host: '127.0.0.1' },
    });
    expect(TASK_QUEUE).toBe('kursuok');
  });

  it('reads every setting from the environment', () => {
    expect(
      loadConfig({
        ...PRODUCTION,
        DATABASE_URL: 'postgres://u:p@db:5432/x',
        TEMPORAL_ADDRESS: 'temporal:7233',
        TEMPORAL_NAMESPACE: 'kursuok-prod',
        TEMPORAL_TASK_QUEUE: 'q1',
        PORT: '8080',
        HOST: '0.0.0.0',
      }),
    ).toMatchObject({
      mode: 'production',
      databaseUrl: 'postgres://u:p@db:5432/x',
      temporal: { address: 'temporal:7233', namespace: 'kursuok-prod', taskQueue: 'q1' },
      web: { port: 8080, host: '0.0.0.0' },
    });
  });

  it('refuses production without its own secrets, or with short ones', () => {
    expect(() => loadConfig({ KURSUOK_MODE: 'production' })).toThrow(/KURSUOK_SIGNING_SECRET and KURSUOK_PERSONAL_CODE_PEPPER/);
    expect(() => loadConfig({ ...PRODUCTION, KURSUOK_SIGNING_SECRET: 'short' })).toThrow(/at least 32 characters/);
    expect(loadConfig(PRODUCTION).secrets).toEqual({ signing: 's'.repeat(32), personalCodePepper: 'p'.repeat(32) });
  });

  it('reads the identity gateway, registry, mail and public address settings', () => {
    expect(
      loadConfig({
        PORT: '4000',
        VIISP_ISSUER: 'https://viisp.example/',
        SMIR_URL: 'https://smir.example/',
        SMTP_HOST: 'mail',
        SMTP_PORT: '2525',
        PUBLIC_URL: 'https://kursuok.example/',
      }),
    ).toMatchObject({
      web: { port: 4000, publicUrl: 'https://kursuok.example' },
      viisp: { issuer: 'https://viisp.example/', clientId: 'kursuok' },
      mail: { smtpHost: 'mail', smtpPort: 2525 },
    });
    expect(loadConfig({ SMIR_URL: 'https://smir.example/' }).registries.smir).toBe('https://smir.example');
    expect(loadConfig({ PORT: '4000' }).web.publicUrl).toBe('http://localhost:4000');
    expect(() => loadConfig({ SMTP_PORT: 'x' })).toThrow(/SMTP_PORT/);
  });

  it('points every state registry at the registry simulator on :3002 by default', () => {
    expect(loadConfig({}).registries).toEqual({
      smir: 'http://localhost:3002/smir',
      nspr: 'http://localhost:3002/nspr',
      smpkr: 'http://localhost:3002/smpkr',
      licenses: 'http://localhost:3002/licencijos',
      students: 'http://localhost:3002/mokiniai',
      diplomas: 'http://localhost:3002/diplomai',
      sodra: 'http://localhost:3002/sodra',
      uzt: 'http://localhost:3002/uzt',
      payments: 'http://localhost:3002/mokejimai',
    });
    expect(loadConfig({}).registryTimeoutMs).toBe(5_000);
  });

  it('reads each registry address (without a trailing slash) and the registry timeout', () => {
    const env = {
      SMIR_URL: 'https://smir.example/api/',
      NSPR_URL: 'https://nspr.example',
      SMPKR_URL: 'https://smpkr.example/v1',
      LICENSES_URL: 'https://licencijos.example',
      STUDENTS_URL: 'https://mokiniai.example',
      DIPLOMAS_URL: 'https://diplomai.example',
      SODRA_URL: 'https://sodra.example',
      UZT_URL: 'https://uzt.example//',
      REGISTRY_TIMEOUT_MS: '2500',
    };
    expect(loadConfig(env)).toMatchObject({
      registries: {
        smir: 'https://smir.example/api',
        nspr: 'https://nspr.example',
        smpkr: 'https://smpkr.example/v1',
        licenses: 'https://licencijos.example',
        students: 'https://mokiniai.example',
        diplomas: 'https://diplomai.example',
        sodra: 'https://sodra.example',
        uzt: 'https://uzt.example',
      },
      registryTimeoutMs: 2_500,
    });
  });

  it.each([
    ['NSPR_URL', ''],
    ['SODRA_URL', 'sodra.example'],
    ['UZT_URL', 'ftp://uzt.example'],
    ['REGISTRY_TIMEOUT_MS', '5s'],
    ['REGISTRY_TIMEOUT_MS', '0'],
  ])('refuses %s="%s"', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(name));
  });

  it('waits 20 s for a workflow command unless KURSUOK_COMMAND_TIMEOUT_MS says otherwise', () => {
    expect(loadConfig({}).temporal.commandTimeoutMs).toBe(20_000);
    expect(loadConfig({ KURSUOK_COMMAND_TIMEOUT_MS: '5000' }).temporal.commandTimeoutMs).toBe(5_000);
  });

  it('asks the payment system every minute unless KURSUOK_PAYMENT_POLL_MS says otherwise (issue 14, I9)', () => {
    expect(loadConfig({}).paymentPollMs).toBe(60_000);
    expect(loadConfig({ KURSUOK_PAYMENT_POLL_MS: '250' }).paymentPollMs).toBe(250);
    expect(loadConfig({ PAYMENTS_URL: 'https://mokejimai.example/api/' }).registries.payments).toBe('https://mokejimai.example/api');
    for (const value of ['0', '1m', '']) expect(() => loadConfig({ KURSUOK_PAYMENT_POLL_MS: value })).toThrow(/KURSUOK_PAYMENT_POLL_MS/);
  });

  it.each(['development', 'test', 'production'] as const)('accepts mode "%s"', (mode) => {
    expect(loadConfig({ KURSUOK_MODE: mode, ...SECRETS }).mode).toBe(mode);
  });

  it.each(['staging', 'prod', 'Production', 'dev', ''])('refuses unknown mode "%s"', (mode) => {
    expect(() => loadConfig({ KURSUOK_MODE: mode })).toThrow(/KURSUOK_MODE must be development, test or production/);
  });

  // '' (a variable set but empty) would otherwise give a zero command deadline, so every command
  // would fail with 503: start-up refuses it, as it refuses an unknown KURSUOK_MODE.
  it.each(['20s', 'abc', ''])('refuses KURSUOK_COMMAND_TIMEOUT_MS="%s" (not a positive number of ms)', (value) => {
    expect(() => loadConfig({ KURSUOK_COMMAND_TIMEOUT_MS: value })).toThrow(/KURSUOK_COMMAND_TIMEOUT_MS/);
  });

  // PORT='' would otherwise give 0, a random free port unreachable behind the load balancer.
  it.each(['abc', '', '3000x'])('refuses PORT="%s"', (value) => {
    expect(() => loadConfig({ PORT: value })).toThrow(/PORT/);
  });

  it('reads process.env when no environment is given', () => {
    const saved = process.env.KURSUOK_MODE;
    process.env.KURSUOK_MODE = 'bogus-mode';
    try {
      expect(() => loadConfig()).toThrow(/bogus-mode/);
    } finally {
      if (saved === undefined) delete process.env.KURSUOK_MODE;
      else process.env.KURSUOK_MODE = saved;
    }
  });
});

// Issue 16: the worker's heap limit and its cache go together (the cached workflows live in that heap):
// 512 MiB and 200 kept the worker at 1.0 GiB RSS with 5,000 open workflows (README "Našumas").
describe('the worker process', () => {
  it('is started with a V8 heap limit, KURSUOK_WORKER_HEAP_MB (default 512 MiB), beside a cache of 200 workflows', () => {
    expect(DEFAULT_WORKER_HEAP_MB).toBe(512);
    expect(workerNodeArgs({})).toEqual(['--max-old-space-size=512']);
    expect(workerNodeArgs({ KURSUOK_WORKER_HEAP_MB: '1024' })).toEqual(['--max-old-space-size=1024']);
    expect(workerHeapMb({ KURSUOK_WORKER_HEAP_MB: '1024' })).toBe(1024);
    expect(loadConfig({}).temporal.maxCachedWorkflows).toBe(200);
  });

  it.each(['64', 'many', '512MB'])('refuses KURSUOK_WORKER_HEAP_MB="%s"', (value) => {
    expect(() => workerNodeArgs({ KURSUOK_WORKER_HEAP_MB: value })).toThrow(/KURSUOK_WORKER_HEAP_MB/);
  });
});
