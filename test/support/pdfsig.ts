// Checks PDF signatures with poppler's `pdfsig` (Debian poppler-utils), as anyone receiving the file
// would. pdfsig validates through NSS and needs a certificate database: without one it reports
// every signature as "Unknown Validation Failure". So each call makes a throw-away NSS database
// with `certutil` (Debian libnss3-tools), trusting the given CA certificates, and parses pdfsig's
// report into one entry per signature.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface PdfSignatureReport {
  fieldName: string;
  signerCommonName: string;
  signerDistinguishedName: string;
  signatureType: string;
  /** e.g. "Signature is Valid." */
  signatureValidation: string;
  /** e.g. "Certificate is Trusted." or "Certificate issuer isn't Trusted." */
  certificateValidation: string;
  /** Whether this signature's ByteRange covers the whole file ("Total document signed"). */
  totalDocumentSigned: boolean;
}

function field(block: string, label: string): string {
  const line = block.split('\n').find((l) => l.trim().startsWith(`- ${label}:`));
  return line ? line.slice(line.indexOf(':') + 1).trim() : '';
}

/** Runs pdfsig on `pdf`, trusting `trustedCaPems`; returns the signatures it found, in file order. */
export async function pdfsig(pdf: Uint8Array, trustedCaPems: string[] = []): Promise<PdfSignatureReport[]> {
  const dir = await mkdtemp(join(tmpdir(), 'kursuok-pdfsig-'));
  try {
    const file = join(dir, 'document.pdf');
    await writeFile(file, pdf);
    const db = `sql:${dir}`;
    await run('certutil', ['-N', '-d', db, '--empty-password']);
    for (const [i, pem] of trustedCaPems.entries()) {
      const caFile = join(dir, `ca-${i}.pem`);
      await writeFile(caFile, pem);
      await run('certutil', ['-A', '-d', db, '-n', `trusted-ca-${i}`, '-t', 'C,C,C', '-i', caFile]);
    }
    // pdfsig exits 2 for a file without signatures ("does not contain any signatures"): no entries.
    const { stdout } = await run('pdfsig', ['-nssdir', db, file]).catch((err: { stdout?: string }) => {
      if (typeof err.stdout === 'string' && err.stdout.includes('does not contain any signatures')) return { stdout: '' };
      throw err;
    });
    return stdout
      .split(/^Signature #\d+:$/m)
      .slice(1)
      .map((block) => ({
        fieldName: field(block, 'Signature Field Name'),
        signerCommonName: field(block, 'Signer Certificate Common Name'),
        signerDistinguishedName: field(block, 'Signer full Distinguished Name'),
        signatureType: field(block, 'Signature Type'),
        signatureValidation: field(block, 'Signature Validation'),
        certificateValidation: field(block, 'Certificate Validation'),
        totalDocumentSigned: /^\s*- Total document signed$/m.test(block),
      }));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
