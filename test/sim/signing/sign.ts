// Adds one signature to a PDF the way a signing gateway does: an incremental update appended to the
// original bytes (@signpdf/placeholder-plain adds the signature dictionary, its widget, the AcroForm
// and a new cross-reference section; earlier signatures stay valid), then @signpdf/signpdf fills
// in the ByteRange and the CMS SignedData made by node-forge: SHA-256, signed attributes
// contentType, signingTime and messageDigest, the signer's certificate and its chain. The RSA
// operation itself is node:crypto's (forge's JavaScript one takes ~30 ms, too slow for bulk signing).
// SubFilter adbe.pkcs7.detached: PAdES Basic (ETSI TS 102 778-2), which pdfsig verifies.
// The dictionary's text strings (/Reason, /Name, /Location) are any Unicode text: the library writes
// its text strings as UTF-8 bytes (wrong for a PDF), so it is given ASCII placeholders of the right
// length, swapped for UTF-16BE hex strings before the signature is computed (byte offsets unchanged).
// No visible appearance: the widget stays 0×0 (Lithuanian text in an appearance stream would need an
// embedded font in the signature's revision; the signer and reason are in the signature dictionary).
import { constants, createPrivateKey, privateEncrypt, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { SignPdf, Signer } from '@signpdf/signpdf';
import { SUBFILTER_ADOBE_PKCS7_DETACHED } from '@signpdf/utils';
import type { SigningIdentity } from './ca.ts';

/** Room for the CMS (hex doubles it): a 2048-bit signature with two certificates needs about 3 KB. */
const SIGNATURE_BYTES = 8192;

/** DER prefix of a SHA-256 DigestInfo (RFC 8017 §9.2): followed by the 32-byte hash. */
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

interface PreparedIdentity {
  certificate: forge.pki.Certificate;
  chain: forge.pki.Certificate[];
  /** What forge calls to sign the attributes: RSASSA-PKCS1-v1_5 by node:crypto. */
  key: { sign(md: forge.md.MessageDigest): string };
}

const prepared = new WeakMap<SigningIdentity, PreparedIdentity>();

function prepare(identity: SigningIdentity): PreparedIdentity {
  const known = prepared.get(identity);
  if (known) return known;
  const certificate = forge.pki.certificateFromPem(identity.certificatePem);
  // forge keeps a parsed UTF8String as its UTF-8 bytes but encodes one from text: without this the
  // SignerInfo's issuer name (written from these attributes) would be encoded twice and match no certificate.
  for (const attribute of certificate.issuer.attributes) {
    if ((attribute.valueTagClass as unknown as forge.asn1.Type) === forge.asn1.Type.UTF8 && typeof attribute.value === 'string') {
      attribute.value = forge.util.decodeUtf8(attribute.value);
    }
  }
  const privateKey: KeyObject = createPrivateKey(identity.privateKeyPem);
  const result: PreparedIdentity = {
    certificate,
    chain: identity.chainPem.map((pem) => forge.pki.certificateFromPem(pem)),
    key: {
      sign(md) {
        if (md.algorithm !== 'sha256') throw new Error(`unexpected digest ${md.algorithm}`);
        const digestInfo = Buffer.concat([SHA256_DIGEST_INFO, Buffer.from(md.digest().getBytes(), 'binary')]);
        return privateEncrypt({ key: privateKey, padding: constants.RSA_PKCS1_PADDING }, digestInfo).toString('binary');
      },
    },
  };
  prepared.set(identity, result);
  return result;
}

class ForgeSigner extends Signer {
  constructor(private readonly identity: SigningIdentity) {
    super();
  }

  override async sign(signedBytes: Buffer, signingTime?: Date): Promise<Buffer> {
    const { certificate, chain, key } = prepare(this.identity);
    const p7 = forge.pkcs7.createSignedData();
    p7.content = forge.util.createBuffer(signedBytes.toString('binary'));
    p7.addCertificate(certificate);
    for (const issuer of chain) p7.addCertificate(issuer);
    p7.addSigner({
      key: key as unknown as forge.pki.rsa.PrivateKey,
      certificate,
      digestAlgorithm: forge.pki.oids.sha256 as string,
      authenticatedAttributes: [
        { type: forge.pki.oids.contentType as string, value: forge.pki.oids.data as string },
        // forge encodes a Date (its typings say string).
        { type: forge.pki.oids.signingTime as string, value: (signingTime ?? new Date()) as unknown as string },
        { type: forge.pki.oids.messageDigest as string },
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

/** An ASCII literal exactly as long as `hex` once written as `(…)`, unlikely to occur by chance. */
function placeholderFor(hex: string, key: string): string {
  const filler = `KURSUOK${key}`;
  return filler.repeat(Math.ceil(hex.length / filler.length)).slice(0, hex.length - 2);
}

/** Replaces `/Key (placeholder)` after `from` by `/Key <hex>` of the same length. */
function swapPlaceholder(pdf: Buffer, from: number, key: string, placeholder: string, hex: string): void {
  const literal = `/${key} (${placeholder})`;
  const at = pdf.indexOf(literal, from, 'latin1');
  if (at === -1 || pdf.indexOf(literal, at + 1, 'latin1') !== -1) throw new Error(`the signature dictionary's /${key} was not found once`);
  pdf.write(`/${key} ${hex}`, at, 'latin1');
}

export interface SignatureDetails {
  /** The signature dictionary's /Name: the certificate's name (any Unicode text, as the others). */
  name: string;
  /** /Reason, e.g. on whose behalf and under which authority the person signs (USERS-28). */
  reason: string;
  location?: string;
  signingTime: Date;
}

/**
 * `pdf` with one more signature by `identity`. The result starts with exactly the bytes of `pdf`
 * when `pdf` ends with "%%EOF" or "%%EOF\n" (the library drops one trailing end-of-line and adds
 * its own); anything else is refused, so an earlier revision is never rewritten.
 */
export async function signPdfIncrementally(pdf: Uint8Array, identity: SigningIdentity, details: SignatureDetails): Promise<Buffer> {
  const original = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  const texts = { Reason: details.reason, Name: details.name, Location: details.location ?? 'Lietuva' };
  const encoded = Object.entries(texts).map(([key, text]) => {
    const hex = hexTextString(text);
    return { key, hex, placeholder: placeholderFor(hex, key) };
  });
  const placeholder = (key: string) => encoded.find((e) => e.key === key)?.placeholder ?? '';
  const withPlaceholder = plainAddPlaceholder({
    pdfBuffer: original,
    reason: placeholder('Reason'),
    contactInfo: '',
    name: placeholder('Name'),
    location: placeholder('Location'),
    signingTime: details.signingTime,
    signatureLength: SIGNATURE_BYTES,
    subFilter: SUBFILTER_ADOBE_PKCS7_DETACHED,
    appName: 'KURSUOK-pasirasymo-simuliatorius',
  });
  // The placeholder revision starts where the original ends (less one end-of-line at most).
  for (const e of encoded) swapPlaceholder(withPlaceholder, Math.max(0, original.length - 2), e.key, e.placeholder, e.hex);
  const signed = await new SignPdf().sign(withPlaceholder, new ForgeSigner(identity), details.signingTime);
  if (signed.length <= original.length || !signed.subarray(0, original.length).equals(original)) {
    throw new Error('the signed PDF does not start with the original bytes (the original must end with %%EOF and at most one \\n)');
  }
  return signed;
}

/** Whether a signature can be added to `pdf` (a dry run of the placeholder: its structure is readable). */
export function canAddSignature(pdf: Uint8Array): boolean {
  try {
    plainAddPlaceholder({
      pdfBuffer: Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength),
      reason: '',
      contactInfo: '',
      name: '',
      location: '',
      signatureLength: SIGNATURE_BYTES,
    });
    return true;
  } catch {
    return false;
  }
}
