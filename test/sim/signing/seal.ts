// The system's e-seal in development and tests (issue 13: the participants' certificates are sealed):
// the signing gateway simulator's CA issues an organisation certificate for IMP IS, handed to the
// worker as a PKCS#12 file (npm start: .data/signing-sim/seal.p12) or its bytes in base64 (the test
// stack's CERTIFICATE_SEAL_P12), the form production's qualified seal comes in.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import forge from 'node-forge';
import type { SigningIdentity, TestCa } from './ca.ts';

/** The organisation the simulator's seal is issued to. */
export const SIMULATOR_SEAL_ORGANISATION = {
  code: '188603515',
  name: 'Švietimo, mokslo ir sporto ministerija',
  commonName: 'IMP IS (KURSUOK) elektroninis spaudas',
};

/** The simulator's seal identity (issued once per CA). */
export function simulatorSeal(ca: TestCa): SigningIdentity {
  return ca.sealFor(SIMULATOR_SEAL_ORGANISATION);
}

/** A PKCS#12 file of an identity: its key, its certificate and the chain, encrypted with `passphrase` (3DES, as most tools read). */
export function pkcs12Of(identity: SigningIdentity, passphrase: string): Buffer {
  const key = forge.pki.privateKeyFromPem(identity.privateKeyPem);
  const certs = [identity.certificatePem, ...identity.chainPem].map((pem) => forge.pki.certificateFromPem(pem));
  const asn1 = forge.pkcs12.toPkcs12Asn1(key, certs, passphrase, { algorithm: '3des', friendlyName: 'kursuok-seal' });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}

/** Writes `dir`/seal.p12 (the development default of CERTIFICATE_SEAL_P12_FILE). */
export async function writeSimulatorSeal(ca: TestCa, dir: string, passphrase: string): Promise<string> {
  const path = join(dir, 'seal.p12');
  await mkdir(dir, { recursive: true });
  await writeFile(path, pkcs12Of(simulatorSeal(ca), passphrase), { mode: 0o600 });
  return path;
}
