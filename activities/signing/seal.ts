// The system's electronic seal on the documents it issues itself (issue 13: the participants'
// certificates, "Skaitmeninis pažymėjimas"): a PAdES signature (adbe.pkcs7.detached, as the signing
// gateway's) added to the PDF as an incremental update, made with the seal's own key — no gateway and
// no person involved. In production the seal's key and certificate (issued by a qualified trust
// service) come from a PKCS#12 file and its passphrase (CERTIFICATE_SEAL_P12_FILE,
// CERTIFICATE_SEAL_PASSPHRASE); in development and tests the signing gateway simulator's CA issues
// one (test/sim/signing/ca.ts sealFor), so `pdfsig` trusting that CA reports the seal valid.
//
// @signpdf/placeholder-plain writes the signature dictionary, its widget and the AcroForm as a new
// revision and @signpdf/signpdf fills in the ByteRange and the CMS. The CMS (node-forge) carries
// SHA-256, the signed attributes contentType, signingTime and messageDigest, the seal's certificate
// and its chain; the RSA operation is node:crypto's (forge's own is ~30 ms, too slow for a batch of
// thousands). The dictionary's /Name and /Reason are Lithuanian: the library writes text strings as
// UTF-8 bytes (wrong in a PDF), so it gets ASCII placeholders of the final length, replaced by
// UTF-16BE hex strings before the bytes are hashed (offsets unchanged).
import { constants, createPrivateKey, privateEncrypt, X509Certificate, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import forge from 'node-forge';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { SignPdf, Signer } from '@signpdf/signpdf';
import { SUBFILTER_ADOBE_PKCS7_DETACHED } from '@signpdf/utils';

/** Room for the CMS (hex doubles it): an RSA-2048/4096 signature with a chain of three fits. */
const SIGNATURE_BYTES = 12_288;

/** DER prefix of a SHA-256 DigestInfo (RFC 8017 §9.2), followed by the 32-byte hash. */
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

/** The seal ready to sign with: parsed once at worker start. */
export interface Seal {
  certificate: forge.pki.Certificate;
  chain: forge.pki.Certificate[];
  privateKey: KeyObject;
  /** The certificate's subject common name (the signature's /Name). */
  name: string;
  /** PEM of the seal's certificate (tests and operators check it). */
  certificatePem: string;
  /** When the certificate stops being valid: a seal that expired is refused before signing. */
  notAfter: Date;
}

export class SealError extends Error {}

/** forge re-encodes a parsed UTF8String from its UTF-8 bytes as if they were text: decode them once. */
function fixUtf8Names(cert: forge.pki.Certificate): void {
  for (const attribute of [...cert.issuer.attributes, ...cert.subject.attributes]) {
    if ((attribute.valueTagClass as unknown as forge.asn1.Type) === forge.asn1.Type.UTF8 && typeof attribute.value === 'string') {
      attribute.value = forge.util.decodeUtf8(attribute.value);
    }
  }
}

/** A seal from its certificate, key and issuer certificates in PEM (tests, and the PKCS#12 reader). */
export function sealFromPem(p: { certificatePem: string; privateKeyPem: string; chainPem: string[] }): Seal {
  const x509 = new X509Certificate(p.certificatePem);
  const privateKey = createPrivateKey(p.privateKeyPem);
  if (!x509.checkPrivateKey(privateKey)) throw new SealError("the seal's private key does not belong to its certificate");
  const certificate = forge.pki.certificateFromPem(p.certificatePem);
  fixUtf8Names(certificate);
  const cn = certificate.subject.getField('CN') as { value?: string } | null;
  return {
    certificate,
    chain: p.chainPem.map((pem) => forge.pki.certificateFromPem(pem)),
    privateKey,
    name: cn?.value ?? x509.subject,
    certificatePem: p.certificatePem,
    notAfter: new Date(x509.validTo),
  };
}

/** A seal from a PKCS#12 (.p12/.pfx) file's bytes: the key, the certificate that matches it, and the others as its chain. */
export function sealFromPkcs12(p12: Uint8Array, passphrase: string): Seal {
  let parsed: forge.pkcs12.Pkcs12Pfx;
  try {
    const der = forge.util.createBuffer(Buffer.from(p12).toString('binary'));
    parsed = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(der), false, passphrase);
  } catch (err) {
    throw new SealError(`the seal's PKCS#12 file cannot be read (wrong passphrase or not PKCS#12): ${(err as Error).message}`);
  }
  const keyBags = [
    ...(parsed.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[forge.pki.oids.pkcs8ShroudedKeyBag!] ?? []),
    ...(parsed.getBags({ bagType: forge.pki.oids.keyBag! })[forge.pki.oids.keyBag!] ?? []),
  ];
  const key = keyBags.find((b) => b.key)?.key;
  if (!key) throw new SealError("the seal's PKCS#12 file holds no private key");
  const privateKeyPem = forge.pki.privateKeyToPem(key);
  const certPems = (parsed.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!] ?? []).flatMap((b) =>
    b.cert ? [forge.pki.certificateToPem(b.cert)] : [],
  );
  const privateKey = createPrivateKey(privateKeyPem);
  const own = certPems.find((pem) => new X509Certificate(pem).checkPrivateKey(privateKey));
  if (!own) throw new SealError("the seal's PKCS#12 file holds no certificate for its key");
  return sealFromPem({ certificatePem: own, privateKeyPem, chainPem: certPems.filter((pem) => pem !== own) });
}

/** The seal of the configuration: a PKCS#12 file, or its bytes in base64 (tests); null when none is configured. */
export async function loadSeal(settings: { p12File: string | null; p12Base64: string | null; passphrase: string }): Promise<Seal | null> {
  if (settings.p12Base64) return sealFromPkcs12(Buffer.from(settings.p12Base64, 'base64'), settings.passphrase);
  if (!settings.p12File) return null;
  let bytes: Buffer;
  try {
    bytes = await readFile(settings.p12File);
  } catch (err) {
    throw new SealError(`the seal's PKCS#12 file ${settings.p12File} cannot be read: ${(err as Error).message}`);
  }
  return sealFromPkcs12(bytes, settings.passphrase);
}

class SealSigner extends Signer {
  constructor(private readonly seal: Seal) {
    super();
  }

  override async sign(signedBytes: Buffer, signingTime?: Date): Promise<Buffer> {
    const { certificate, chain, privateKey } = this.seal;
    const p7 = forge.pkcs7.createSignedData();
    p7.content = forge.util.createBuffer(signedBytes.toString('binary'));
    p7.addCertificate(certificate);
    for (const issuer of chain) p7.addCertificate(issuer);
    const key = {
      sign(md: forge.md.MessageDigest): string {
        if (md.algorithm !== 'sha256') throw new Error(`unexpected digest ${md.algorithm}`);
        const digestInfo = Buffer.concat([SHA256_DIGEST_INFO, Buffer.from(md.digest().getBytes(), 'binary')]);
        return privateEncrypt({ key: privateKey, padding: constants.RSA_PKCS1_PADDING }, digestInfo).toString('binary');
      },
    };
    p7.addSigner({
      key: key as unknown as forge.pki.rsa.PrivateKey,
      certificate,
      digestAlgorithm: forge.pki.oids.sha256!,
      authenticatedAttributes: [
        { type: forge.pki.oids.contentType!, value: forge.pki.oids.data! },
        // forge encodes a Date (its typings say string).
        { type: forge.pki.oids.signingTime!, value: (signingTime ?? new Date()) as unknown as string },
        { type: forge.pki.oids.messageDigest! },
      ],
    });
    p7.sign({ detached: true });
    return Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), 'binary');
  }
}

/** A PDF text string (ISO 32000-1 §7.9.2.2) as a hex string: UTF-16BE with a byte order mark. */
function hexTextString(text: string): string {
  return `<${Buffer.from(`\ufeff${text}`, 'utf16le').swap16().toString('hex').toUpperCase()}>`;
}

/** The signature dictionary's text strings (any Unicode text). */
export interface SignatureTexts {
  Reason: string;
  Name: string;
  Location: string;
}

/**
 * `pdf` followed by one incremental revision holding `signer`'s signature (SubFilter adbe.pkcs7.detached)
 * whose dictionary carries `texts`. The library writes text strings as UTF-8 bytes (wrong for a PDF), so
 * it is given ASCII placeholders of the same length, swapped for UTF-16BE hex strings before the signature
 * is computed. `pdf` must end with "%%EOF" (and at most one end-of-line); a result that does not start
 * with its bytes, or a placeholder not found once, throws `fail(message)`.
 */
export async function signIncrementally(
  pdf: Uint8Array,
  signer: Signer,
  options: { texts: SignatureTexts; signingTime: Date; signatureLength: number; appName: string; fail: (message: string) => Error },
): Promise<Buffer> {
  const original = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  const encoded = Object.entries(options.texts).map(([key, text]) => {
    const hex = hexTextString(text);
    const filler = `KURSUOK${key}`;
    return { key, hex, placeholder: filler.repeat(Math.ceil(hex.length / filler.length)).slice(0, hex.length - 2) };
  });
  const placeholder = (key: string) => encoded.find((e) => e.key === key)!.placeholder;
  const prepared = plainAddPlaceholder({
    pdfBuffer: original,
    reason: placeholder('Reason'),
    contactInfo: '',
    name: placeholder('Name'),
    location: placeholder('Location'),
    signingTime: options.signingTime,
    signatureLength: options.signatureLength,
    subFilter: SUBFILTER_ADOBE_PKCS7_DETACHED,
    appName: options.appName,
  });
  // The placeholder revision starts where the original ends (less one end-of-line at most).
  const from = Math.max(0, original.length - 2);
  for (const e of encoded) {
    const literal = `/${e.key} (${e.placeholder})`;
    const at = prepared.indexOf(literal, from, 'latin1');
    if (at === -1 || prepared.indexOf(literal, at + 1, 'latin1') !== -1)
      throw options.fail(`the signature dictionary's /${e.key} was not found once`);
    prepared.write(`/${e.key} ${e.hex}`, at, 'latin1');
  }
  const signed = await new SignPdf().sign(prepared, signer, options.signingTime);
  if (signed.length <= original.length || !signed.subarray(0, original.length).equals(original)) {
    throw options.fail('the signed PDF does not start with the original bytes (it must end with %%EOF and at most one end-of-line)');
  }
  return signed;
}

export interface SealDetails {
  /** /Reason, e.g. 'Skaitmeninis pažymėjimas Nr. KURSUOK-2026-000123'. */
  reason: string;
  signingTime: Date;
  location?: string;
}

/**
 * `pdf` sealed: the original bytes followed by one incremental revision with the seal's signature.
 * `pdf` must end with "%%EOF" (and at most one end-of-line), as pdf-document.ts saves it.
 */
export async function sealPdf(pdf: Uint8Array, seal: Seal, details: SealDetails): Promise<Buffer> {
  if (details.signingTime.getTime() > seal.notAfter.getTime())
    throw new SealError(`the seal's certificate expired on ${seal.notAfter.toISOString()}`);
  return signIncrementally(pdf, new SealSigner(seal), {
    texts: { Reason: details.reason, Name: seal.name, Location: details.location ?? 'Lietuva' },
    signingTime: details.signingTime,
    signatureLength: SIGNATURE_BYTES,
    appName: 'KURSUOK IMP IS',
    fail: (message) => new SealError(message),
  });
}
