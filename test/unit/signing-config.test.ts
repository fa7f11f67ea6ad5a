// The signing gateway's settings (worker/config.ts, issue 12) and where the trusted CA comes from.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SigningGatewayError, trustedCaPem } from '../../activities/signing/client.ts';
import { loadConfig, SIGNING_SIMULATOR_CA_DIR } from '../../worker/config.ts';
import { loadOrCreateTestCa } from '../sim/signing/ca.ts';

const PRODUCTION = { KURSUOK_MODE: 'production', KURSUOK_SIGNING_SECRET: 's'.repeat(32), KURSUOK_PERSONAL_CODE_PEPPER: 'p'.repeat(32) };

describe('signing gateway settings', () => {
  it('default to the simulator and its CA file outside production', () => {
    expect(loadConfig({}).signing).toEqual({
      gatewayUrl: 'http://localhost:3003',
      clientId: 'kursuok',
      clientSecret: 'kursuok-signing-simulator-secret',
      trustedCaPem: null,
      trustedCaFile: `${SIGNING_SIMULATOR_CA_DIR}ca-cert.pem`,
      timeoutMs: 15_000,
    });
    expect(SIGNING_SIMULATOR_CA_DIR).toMatch(/\/\.data\/signing-sim\/$/);
  });

  it('are read from the environment; production never trusts the simulator CA by default', () => {
    expect(
      loadConfig({
        SIGNING_GATEWAY_URL: 'https://gateway.example/api/',
        SIGNING_CLIENT_ID: 'imp',
        SIGNING_CLIENT_SECRET: 'secret',
        SIGNING_TRUSTED_CA_PEM: 'PEM',
        SIGNING_TIMEOUT_MS: '2000',
      }).signing,
    ).toEqual({
      gatewayUrl: 'https://gateway.example/api',
      clientId: 'imp',
      clientSecret: 'secret',
      trustedCaPem: 'PEM',
      trustedCaFile: null,
      timeoutMs: 2000,
    });
    expect(loadConfig(PRODUCTION).signing.trustedCaFile).toBeNull();
    expect(loadConfig({ ...PRODUCTION, SIGNING_TRUSTED_CA_FILE: '/etc/kursuok/ca.pem' }).signing.trustedCaFile).toBe('/etc/kursuok/ca.pem');
    expect(() => loadConfig({ SIGNING_TIMEOUT_MS: 'soon' })).toThrow(/SIGNING_TIMEOUT_MS/);
  });

  it('trustedCaPem reads the PEM, or the file, or says in Lithuanian that none is set', async () => {
    expect(await trustedCaPem({ trustedCaPem: 'PEM', trustedCaFile: '/nonexistent' })).toBe('PEM');
    const dir = await mkdtemp(join(tmpdir(), 'kursuok-ca-'));
    try {
      await writeFile(join(dir, 'ca.pem'), 'FROM FILE');
      expect(await trustedCaPem({ trustedCaPem: null, trustedCaFile: join(dir, 'ca.pem') })).toBe('FROM FILE');
      await expect(trustedCaPem({ trustedCaPem: null, trustedCaFile: join(dir, 'missing.pem') })).rejects.toBeInstanceOf(
        SigningGatewayError,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    await expect(trustedCaPem({ trustedCaPem: null, trustedCaFile: null })).rejects.toThrow(/^Nenurodytas patikimas sertifikavimo centras/);
  });

  it("the simulator keeps its CA across restarts (the development app's trusted CA file stays valid)", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kursuok-signing-sim-'));
    try {
      const first = await loadOrCreateTestCa(dir);
      const second = await loadOrCreateTestCa(dir);
      expect(second.certificatePem).toBe(first.certificatePem);
      expect(await trustedCaPem({ trustedCaPem: null, trustedCaFile: join(dir, 'ca-cert.pem') })).toBe(first.certificatePem);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
